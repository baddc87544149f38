# Text encodings of imported files (issue 10, item 5): a file wholly in
# Windows-1252 is read as it and says so; a UTF-8 file with a stray byte
# that is not UTF-8 is refused at the byte's line and column unless the
# encoding is named; never mojibake with only a warning. Files are made
# with printf: \303\253 is ë in UTF-8, \353 is ë in Windows-1252.

students() {
	sqlite3 "$WAYMARK_DB" "SELECT count(*) FROM student"
}

MIXED_ADVICE='the file mixes UTF-8 text with bytes that are not UTF-8 (a character from a Windows-1252 file pasted in?), so its encoding cannot be told: save it as "CSV UTF-8" and import it again, or name its encoding (File encoding on the imports page, --encoding on the command line)'

# A roster in UTF-8 (Zoë, Siân) with one Windows-1252 ë on line 4.
mixed_roster() {
	printf 'UPN,Legal Surname,Legal Forename,Year\r\nK886400111001,Abbott,Zo\303\253,7\r\nZ886400111002,Nowak,Si\303\242n,7\r\nN886400111003,Pritchard,Ren\353e,8\r\n' >"$1"
}

test_encoding_utf8_with_one_stray_windows_1252_byte_is_refused() {
	init_school
	mixed_roster "$T/r.csv"
	run import students "$T/r.csv" --whole-school --as-of 2025-09-01
	expect_rc 1
	# The line is all one-byte characters up to the bad byte, the 28th.
	expect_err "$T/r.csv:4:28: byte 0xEB is not UTF-8
$T/r.csv: $MIXED_ADVICE
$T/r.csv: 2 errors: nothing was imported"
	[ "$(students)" = 0 ] || fail "a refused roster imported pupils"
	# The column is in characters: two-byte characters before the byte
	# count once each.
	printf 'UPN,Legal Surname,Legal Forename,Year\r\nK886400111001,\305\201\305\201,Zo\353,7\r\n' >"$T/r2.csv"
	run import students "$T/r2.csv" --whole-school --as-of 2025-09-01
	expect_rc 1
	expect_err_has "$T/r2.csv:2:20: byte 0xEB is not UTF-8"
	# Naming UTF-8 does not make it UTF-8.
	run import students "$T/r.csv" --whole-school --as-of 2025-09-01 --encoding utf-8
	expect_rc 1
	expect_err_has "$T/r.csv:4:28: byte 0xEB is not UTF-8"
	[ "$(students)" = 0 ] || fail "a refused roster imported pupils"
}

test_encoding_wholly_windows_1252_is_still_read() {
	init_school
	printf 'UPN,Legal Surname,Legal Forename,Year\r\nK886400111001,Abbott,Zo\353,7\r\nZ886400111002,Pritchard,Si\342n,7\r\n' >"$T/r.csv"
	run import students "$T/r.csv" --whole-school --as-of 2025-09-01
	expect_rc 0
	expect_out "$T/r.csv: 2 pupils for 2025/26: 2 new, 0 updated, 0 left, 0 unchanged (read as Windows-1252)"
	[ "$(sqlite3 "$WAYMARK_DB" "SELECT group_concat(legal_forename, ' ') FROM (SELECT legal_forename FROM student ORDER BY upn)")" = "Zoë Siân" ] ||
		fail "names mangled"
	# A UTF-8 file says nothing more; a named encoding says so.
	printf 'UPN,Legal Surname,Legal Forename,Year\r\nK886400111001,Abbott,Zo\303\253,7\r\n' >"$T/u.csv"
	run import students "$T/u.csv" --as-of 2025-09-01 --partial --dry-run
	expect_out "$T/u.csv: 1 pupils for 2025/26: 0 new, 0 updated, 0 left, 1 unchanged
dry run: nothing was changed"
	run import students "$T/u.csv" --as-of 2025-09-01 --partial --dry-run --encoding UTF-8
	expect_out "$T/u.csv: 1 pupils for 2025/26: 0 new, 0 updated, 0 left, 1 unchanged (read as UTF-8, as named)
dry run: nothing was changed"
}

test_encoding_named_windows_1252_reads_a_mixed_file() {
	init_school
	mixed_roster "$T/r.csv"
	run import students "$T/r.csv" --whole-school --as-of 2025-09-01 --encoding windows-1252
	expect_rc 0
	expect_out "$T/r.csv: 3 pupils for 2025/26: 3 new, 0 updated, 0 left, 0 unchanged (read as Windows-1252, as named)"
	# What the user asked for: every byte a Windows-1252 character.
	[ "$(sqlite3 "$WAYMARK_DB" "SELECT legal_forename FROM student WHERE upn = 'N886400111003'")" = "Renëe" ] ||
		fail "the Windows-1252 byte was not read as ë"
	[ "$(sqlite3 "$WAYMARK_DB" "SELECT legal_forename FROM student WHERE upn = 'K886400111001'")" = "ZoÃ«" ] ||
		fail "UTF-8 bytes were not read as Windows-1252"
}

test_encoding_bad_bytes_are_listed_ten_then_counted() {
	init_school
	printf 'UPN,Legal Surname,Legal Forename,Year\r\nK886400111001,Abbott,Zo\303\253,7\r\n' >"$T/r.csv"
	want=""
	for i in $(seq 3 15); do
		printf 'K886400111001,Abbott,Zo\353,7\r\n' >>"$T/r.csv"
		[ "$i" -le 12 ] && want="$want$T/r.csv:$i:24: byte 0xEB is not UTF-8
"
	done
	run import students "$T/r.csv" --whole-school --as-of 2025-09-01
	expect_rc 1
	expect_err "$want$T/r.csv: and 3 more such bytes: $MIXED_ADVICE
$T/r.csv: 11 errors: nothing was imported"
}

test_encoding_undefined_windows_1252_bytes_at_their_place() {
	init_school
	printf 'UPN,Legal Surname,Legal Forename,Year\r\nK886400111001,Abbott,Zo\353\201,7\r\nZ886400111002,Nowak,A\235b,7\r\n' >"$T/r.csv"
	run import students "$T/r.csv" --whole-school --as-of 2025-09-01
	expect_rc 1
	expect_err "$T/r.csv:2:25: byte 0x81 is neither UTF-8 nor Windows-1252: save the file as \"CSV UTF-8\"
$T/r.csv:3:22: byte 0x9D is neither UTF-8 nor Windows-1252: save the file as \"CSV UTF-8\"
$T/r.csv: 2 errors: nothing was imported"
}

test_encoding_option_is_checked() {
	init_school
	printf 'UPN,Legal Surname,Legal Forename,Year\r\n' >"$T/r.csv"
	run import students "$T/r.csv" --whole-school --encoding latin-1
	expect_rc 2
	expect_err_has '--encoding: "latin-1" is not an encoding Waymark reads: name detect, utf-8, windows-1252 or utf-16'
	for cmd in "import students" "import register" "import guidance" "import intentions" "event import" select; do
		# shellcheck disable=SC2086
		run $cmd --help
		expect_out_has "--encoding E  the file's text encoding: detect (the default), utf-8,"
	done
}

test_encoding_other_imports() {
	init_school
	run import students "$FIXTURES/rosters/sims.csv" --whole-school --as-of 2025-09-01
	expect_rc 0
	run event add careers-fair --date 2025-10-16
	expect_rc 0
	fair=$(cat "$T/out")
	# A register: surname and forename in Windows-1252, found by them.
	printf 'Surname,Forename,Tutor Group,Attendance\r\n' >"$T/reg.csv"
	sqlite3 "$WAYMARK_DB" "SELECT s.legal_surname || ',' || s.legal_forename || ',' || e.tutor_group || ',Present' FROM student s JOIN enrolment e ON e.student_id = s.id WHERE s.upn = 'Z886400111002'" |
		iconv -f UTF-8 -t WINDOWS-1252 | sed 's/$/\r/' >>"$T/reg.csv"
	run import register --event "$fair" "$T/reg.csv"
	expect_rc 0
	expect_out "$T/reg.csv: 1 marks (1 present, 0 absent, 0 excused) for 1 event (read as Windows-1252)"
	# The same register with a UTF-8 name beside it is refused.
	printf 'Zo\303\253,X,7A,Present\r\n' >>"$T/reg.csv"
	run import register --event "$fair" "$T/reg.csv"
	expect_rc 1
	expect_err_has "$T/reg.csv: $MIXED_ADVICE"
	# Guidance and intentions: a stray byte in the adviser's name.
	printf 'UPN,Date,Adviser\r\nK886400111001,2025-10-01,Zo\303\253 Ren\351\r\n' >"$T/g.csv"
	run import guidance "$T/g.csv"
	expect_rc 1
	expect_err_has "$T/g.csv:2:33: byte 0xE9 is not UTF-8"
	run import guidance "$T/g.csv" --encoding windows-1252 --dry-run
	expect_rc 0
	expect_out_has "already there (read as Windows-1252, as named)"
	printf 'UPN,Considering HE\r\nK886400111001,Y\r\n' | iconv -f UTF-8 -t UTF-16 >"$T/i.csv"
	run import intentions "$T/i.csv" --dry-run
	expect_rc 0
	expect_out_has "0 not (read as UTF-16LE)"
	# Events: a title in Windows-1252.
	printf 'Activity,Date,Title\r\ncareers-fair,2025-11-20,Caf\351 talk\r\n' >"$T/e.csv"
	run event import "$T/e.csv"
	expect_rc 0
	expect_out "$T/e.csv: 1 event added, 0 already there (read as Windows-1252)"
	[ "$(sqlite3 "$WAYMARK_DB" "SELECT title FROM event WHERE date = '2025-11-20'")" = "Café talk" ] ||
		fail "the title was mangled"
}

test_encoding_web_imports_page() {
	init_school
	web_start
	sign_in lead leader
	get lead /imports
	expect_out_has '<label for="roster-encoding">File encoding'
	expect_out_has '<option value="detect" selected>Detect (recommended)</option><option value="utf-8">UTF-8</option><option value="windows-1252">Windows-1252</option>'
	expect_out_has '<select id="register-encoding" name="encoding">'
	# A wholly Windows-1252 roster: read, and the check says how.
	printf 'UPN,Legal Surname,Legal Forename,Year\r\nK886400111001,Abbott,Zo\353,7\r\n' >"$T/w.csv"
	post_curl lead /imports/roster -F "csrf=$(csrf_of)" -F "file=@$T/w.csv;filename=w.csv" \
		-F year=2025/26 -F as_of=2025-09-01 -F mode=full -F encoding=detect
	expect_status 200
	expect_out_has '<li>text read as Windows-1252</li>'
	# The mixed roster: refused with the byte's line and column.
	mixed_roster "$T/r.csv"
	get lead /imports
	post_curl lead /imports/roster -F "csrf=$(csrf_of)" -F "file=@$T/r.csv;filename=r.csv" \
		-F year=2025/26 -F as_of=2025-09-01 -F mode=full
	expect_status 422
	expect_out_has '<tr><td class="num">4</td><td>column 28</td>'
	expect_out_has 'byte 0xEB is not UTF-8'
	# Named Windows-1252: checked, and the confirmation carries the choice.
	get lead /imports
	post_curl lead /imports/roster -F "csrf=$(csrf_of)" -F "file=@$T/r.csv;filename=r.csv" \
		-F year=2025/26 -F as_of=2025-09-01 -F mode=full -F encoding=windows-1252
	expect_status 200
	expect_out_has '<li>text read as Windows-1252, as named</li>'
	expect_out_has '<input type="hidden" name="encoding" value="windows-1252">'
	token=$(sed -n 's/.*name="token" value="\([0-9a-f]*\)".*/\1/p' "$T/out")
	lead_csrf=$(csrf_of)
	# Confirmed as anything else, it is not what was checked: nothing imported.
	post_curl lead /imports/confirm -d "csrf=$lead_csrf" -d "token=$token" -d encoding=detect
	expect_status 409
	[ "$(students)" = 0 ] || fail "a confirmation read otherwise imported pupils"
	get lead /imports
	post_curl lead /imports/roster -F "csrf=$(csrf_of)" -F "file=@$T/r.csv;filename=r.csv" \
		-F year=2025/26 -F as_of=2025-09-01 -F mode=full -F encoding=windows-1252
	token=$(sed -n 's/.*name="token" value="\([0-9a-f]*\)".*/\1/p' "$T/out")
	post_curl lead /imports/confirm -d "csrf=$(csrf_of)" -d "token=$token" -d encoding=windows-1252
	expect_status 303
	[ "$(students)" = 3 ] || fail "the confirmed roster was not imported"
	# An encoding not on the list: the form again.
	get lead /imports
	post_curl lead /imports/roster -F "csrf=$(csrf_of)" -F "file=@$T/w.csv;filename=w.csv" \
		-F year=2025/26 -F as_of=2025-09-01 -F mode=full -F encoding=ebcdic
	expect_status 400
	expect_out_has 'Choose the file&#39;s encoding from the list.'
	web_stop
}

test_encoding_selection_file() {
	init_school
	run import students "$FIXTURES/rosters/sims.csv" --whole-school --as-of 2025-09-01
	expect_rc 0
	run programme import "$FIXTURES/programmes/every-rule.yaml"
	expect_rc 0
	# A note in Windows-1252 beside the UPN.
	printf 'UPN,Note\r\nJ207000016007,Caf\351\r\n' >"$T/sel.csv"
	run select first "$T/sel.csv" --year 2025/26
	expect_rc 0
	expect_out "first: 1 pupil selected for 2025/26 (read as Windows-1252)"
	printf 'UPN,Note\r\nJ207000016007,Caf\351 Zo\303\253\r\n' >"$T/sel.csv"
	run select first "$T/sel.csv" --year 2025/26
	expect_rc 1
	expect_err_has "$T/sel.csv:2:18: byte 0xE9 is not UTF-8"
	run select first "$T/sel.csv" --year 2025/26 --encoding windows-1252
	expect_rc 0
	expect_out "first: 1 pupil selected for 2025/26 (read as Windows-1252, as named)"
}
