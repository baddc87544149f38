# Pupils and registers: roster import from any MIS, events, attendance, the
# demo school (issue 3).

R="$FIXTURES/rosters"

enrolled() { # year -> pupils enrolled that year
	sqlite3 "$WAYMARK_DB" "SELECT count(*) FROM enrolment WHERE start_year = $1"
}

test_roster_styles_import() {
	init_school
	for style in sims arbor wonde isams; do
		run import students "$R/$style.csv" --whole-school --dry-run --as-of 2025-09-01
		expect_rc 0
		# The dry run names every new pupil, by name, year and tutor group; a
		# file that is not UTF-8 says what it was read as (issue 10).
		read_as=""
		[ "$style" = isams ] && read_as=" (read as UTF-16LE)"
		head -n 1 "$T/out" >"$T/first"
		[ "$(cat "$T/first")" = "$R/$style.csv: 10 pupils for 2025/26: 10 new, 0 updated, 0 left, 0 unchanged$read_as" ] ||
			fail "$style: $(cat "$T/out")"
		[ "$(grep -c '^new: .* (Year [0-9]*, [0-9A-Z]*)$' "$T/out")" = 10 ] || fail "$style: $(cat "$T/out")"
		[ "$(tail -n 1 "$T/out")" = "dry run: nothing was changed" ] || fail "$style: $(cat "$T/out")"
	done
	# Bromcom: semicolons, Windows-1252, admission numbers only.
	run import students "$R/bromcom.csv" --whole-school --dry-run --as-of 2025-09-01
	expect_out_has "9 pupils for 2025/26: 9 new"
	[ "$(enrolled 2025)" = 0 ] || fail "a dry run changed the database"
}

test_roster_values_are_normalised() {
	init_school
	run import students "$R/sims.csv" --whole-school --as-of 2025-09-01
	expect_rc 0
	# UTF-8 names survive; SEN by leading code; the 2079 "no end" date.
	row=$(sqlite3 "$WAYMARK_DB" "SELECT s.legal_forename, e.sen, e.pupil_premium, e.looked_after, e.on_roll_to IS NULL FROM student s JOIN enrolment e ON e.student_id = s.id WHERE s.upn = 'U801200005004'")
	[ "$row" = "Siân|E|1|1|1" ] || fail "got $row"
	[ "$(sqlite3 "$WAYMARK_DB" "SELECT legal_forename FROM student WHERE upn = 'N886400111003'")" = "Łukasz" ] || fail "Łukasz mangled"
	# Admission numbers keep their leading zeros.
	[ "$(sqlite3 "$WAYMARK_DB" "SELECT admission_number FROM student WHERE upn = 'K886400111001'")" = "001001" ] || fail "adno lost its zeros"
	# Windows-1252 (Bromcom): Zoë comes out as UTF-8, matched by admission number.
	run import students "$R/bromcom.csv" --as-of 2025-09-02 --partial
	expect_rc 0
	[ "$(sqlite3 "$WAYMARK_DB" "SELECT legal_forename FROM student WHERE admission_number = '001002'")" = "Zoë" ] || fail "Zoë mangled"
	# Sixth form as L6/U6.
	[ "$(sqlite3 "$WAYMARK_DB" "SELECT e.year_group FROM student s JOIN enrolment e ON e.student_id = s.id WHERE s.admission_number = '001010'")" = 13 ] || fail "U6 is not Year 13"
}

test_reimport_changes_nothing() {
	init_school
	run import students "$R/sims.csv" --whole-school --as-of 2025-09-01
	expect_out "$R/sims.csv: 10 pupils for 2025/26: 10 new, 0 updated, 0 left, 0 unchanged"
	run import students "$R/sims.csv" --whole-school --as-of 2025-09-08
	expect_out "$R/sims.csv: 10 pupils for 2025/26: 0 new, 0 updated, 0 left, 10 unchanged"
	# Arbor's file says the same about these pupils in other words.
	run import students "$R/arbor.csv" --whole-school --as-of 2025-09-09
	expect_out "$R/arbor.csv: 10 pupils for 2025/26: 0 new, 0 updated, 0 left, 10 unchanged"
	[ "$(sqlite3 "$WAYMARK_DB" "SELECT count(*) FROM import_record")" = 3 ] || fail "imports not logged"
	run audit
	expect_out_has "import.students	roster	$R/sims.csv	2025/26: 10 new, 0 updated, 0 left, 0 unchanged"
}

test_full_roster_marks_leavers_and_updates() {
	init_school
	run import students "$R/sims.csv" --whole-school --as-of 2025-09-01
	# Bromcom's roster lacks Łukasz: he has left, on roll until the day before.
	run import students "$R/bromcom.csv" --whole-school --as-of 2025-10-02 --confirm-leaving 1
	expect_out "$R/bromcom.csv: 9 pupils for 2025/26: 0 new, 0 updated, 1 left, 9 unchanged (read as Windows-1252)"
	[ "$(sqlite3 "$WAYMARK_DB" "SELECT on_roll_to FROM enrolment e JOIN student s ON s.id = e.student_id WHERE s.upn = 'N886400111003'")" = 2025-10-01 ] || fail "leaving date"
	# He is kept, never deleted.
	[ "$(sqlite3 "$WAYMARK_DB" "SELECT count(*) FROM student")" = 10 ] || fail "a pupil was deleted"
	# A changed tutor group is an update.
	sed 's/,7A,Curie,/,7C,Curie,/' "$R/sims.csv" >"$T/moved.csv"
	run import students "$T/moved.csv" --as-of 2025-10-03 --partial
	# Łukasz, gone from the Bromcom roster, is back too (no leaving date).
	expect_out_has "0 new, 2 updated, 0 left"
}

test_every_problem_reported_and_nothing_changed() {
	init_school
	run import students "$R/sims.csv" --whole-school --as-of 2025-09-01
	before=$(sqlite3 "$WAYMARK_DB" "SELECT count(*), group_concat(tutor_group) FROM enrolment")
	run import students "$R/bad.csv" --whole-school --as-of 2025-09-02
	expect_rc 1
	expect_err "$R/bad.csv:2: column UPN: UPN A801200005001 has the wrong check letter (it should start with B): check it against the MIS
$R/bad.csv:3: column Legal Surname: missing value: every pupil needs a surname
$R/bad.csv:4: column UPN: UPN X886400119001 is also on line 3: each pupil once
$R/bad.csv:5: column UPN: UPN B999000016001 has the wrong check letter (it should start with C): check it against the MIS
$R/bad.csv:5: column ULN: ULN 9276308687 fails its check digit: check it against the MIS
$R/bad.csv:5: column Date of Birth: \"31/02/2011\" is not a date: write dd/mm/yyyy or yyyy-mm-dd
$R/bad.csv:5: column SEN Status: \"Q\" is not an SEN status: write N, K (SEN support) or E (EHC plan)
$R/bad.csv:5: column Pupil Premium: \"maybe\" is not yes or no: write Y or N (Yes/No, True/False, 1/0 also work)
$R/bad.csv:6: column Year: \"Reception\" is not a year group: write 7 to 13 (Year 7, Y7, L6, U6 also work)
$R/bad.csv:7: column Year: warning: Year 3 is outside Years 7-13: row skipped
$R/bad.csv: 9 errors: nothing was imported"
	after=$(sqlite3 "$WAYMARK_DB" "SELECT count(*), group_concat(tutor_group) FROM enrolment")
	[ "$before" = "$after" ] || fail "a bad file changed the database"
}

test_one_bad_row_at_the_end_changes_nothing() {
	init_school
	cp "$R/sims.csv" "$T/late.csv"
	# Replace the totals row with a pupil whose UPN is wrong.
	sed -i 's/^Total,.*$/A801200005001,009999,,Late,Lou,,01\/01\/2014,F,7,7A,Curie,N,N,N,N,N,N,01\/09\/2025,06\/06\/2079\r/' "$T/late.csv"
	run import students "$T/late.csv" --whole-school --as-of 2025-09-01
	expect_rc 1
	expect_err_has "late.csv:15: column UPN: UPN A801200005001 has the wrong check letter"
	[ "$(enrolled 2025)" = 0 ] || fail "the good rows were imported"
}

test_unknown_la_code_is_a_warning() {
	init_school
	printf 'UPN,Surname,Forename,Year\nC999000016001,Grey,Gil,7\n' >"$T/la.csv"
	run import students "$T/la.csv" --whole-school --as-of 2025-09-01
	expect_rc 0
	expect_err "$T/la.csv:2: column UPN: warning: UPN C999000016001 has LA code 999, which is not a known English local authority: check it"
	expect_out_has "1 new"
}

test_missing_columns() {
	init_school
	printf 'Name,Class\nSam Smith,7A\n' >"$T/no.csv"
	run import students "$T/no.csv" --whole-school
	expect_rc 1
	expect_err_has "no header row found in the first 20 rows"
	printf 'UPN,Surname,Form\nB801200005001,Smith,7A\n' >"$T/few.csv"
	run import students "$T/few.csv" --whole-school
	expect_rc 1
	expect_err "$T/few.csv:1: no column for the pupils' forenames: name it Legal Forename (or Forename)
$T/few.csv:1: no column for the year group: name it Year (or Year Group, NC Year)
$T/few.csv: 2 errors: nothing was imported"
}

test_rollover_to_next_year() {
	init_school
	run import students "$R/sims.csv" --whole-school --as-of 2025-09-01
	# Take a register in 2025/26 for a Year 7 pupil.
	run event add fair-prep --date 2025-09-10 --year-group 7
	id=$(cat "$T/out")
	run mark "$id" K886400111001 present
	expect_rc 0
	# September 2026: everyone moves up, Year 13 has gone, a new Year 7.
	awk -F, 'BEGIN { OFS = "," }
		/^[A-Z][0-9]/ { if ($9 == 13) next; $9 = $9 + 1; sub(/^[0-9]+/, $9, $10) }
		{ print }' "$R/sims.csv" | sed 's/^Total.*//' >"$T/next.csv"
	printf 'Q886400111099,001099,,New,Nia,,01/10/2014,F,7,7A,Curie,N,N,N,N,N,N,01/09/2026,06/06/2079\r\n' >>"$T/next.csv"
	run calendar template --year 2026/27 --output "$T/cal27.yaml"
	run calendar import "$T/cal27.yaml"
	run import students "$T/next.csv" --whole-school --year 2026/27 --as-of 2026-09-02 --confirm-leaving 1
	expect_rc 0
	expect_out "$T/next.csv: 10 pupils for 2026/27: 1 new, 9 updated, 1 left, 0 unchanged
rollover from 2025/26: 9 promoted, 1 joined, 1 left, 0 kept in their year group"
	# Last year's register still reports last year's year group.
	[ "$(sqlite3 "$WAYMARK_DB" "SELECT e.year_group FROM mark m JOIN event ev ON ev.id = m.event_id JOIN enrolment e ON e.student_id = m.student_id AND e.start_year = 2025")" = 7 ] || fail "history rewritten"
	[ "$(sqlite3 "$WAYMARK_DB" "SELECT year_group FROM enrolment e JOIN student s ON s.id = e.student_id WHERE s.upn = 'K886400111001' AND start_year = 2026")" = 8 ] || fail "not promoted"
	[ "$(sqlite3 "$WAYMARK_DB" "SELECT on_roll_to FROM enrolment e JOIN student s ON s.id = e.student_id WHERE s.upn = 'C919300123010' AND start_year = 2025")" = 2026-08-31 ] || fail "the leaver's last day"
}

test_events_marks_and_registers_by_each_key() {
	init_school
	run import students "$R/sims.csv" --whole-school --as-of 2025-09-01
	run event add fair-prep --date 2025-09-10 --year-group 7 --title "Fair prep 1"
	expect_rc 0
	event=$(cat "$T/out")
	[ "$event" -gt 0 ] 2>/dev/null || fail "event add did not print an id alone: $event"
	# By UPN, ticks and blanks.
	printf 'UPN,Attendance\r\nK886400111001,\342\234\223\r\nZ886400111002,\r\nN886400111003,Excused\r\n' >"$T/reg.csv"
	run import register --event "$event" "$T/reg.csv"
	expect_rc 0
	expect_out "$T/reg.csv: 3 marks (1 present, 1 absent, 1 excused) for 1 event"
	# Re-importing replaces that event's marks.
	printf 'Adno,Present\r\n001001,N\r\n001002,Y\r\n' >"$T/adno.csv"
	run import register --event "$event" "$T/adno.csv"
	expect_out "$T/adno.csv: 2 marks (1 present, 1 absent, 0 excused) for 1 event"
	[ "$(sqlite3 "$WAYMARK_DB" "SELECT count(*) FROM mark")" = 2 ] || fail "marks were not replaced"
	# By surname, forename (legal or preferred) and tutor group.
	printf 'Surname,Forename,Tutor Group,Mark\r\nAdeyemi,Seun,7A,Present\r\nNowak,Łukasz,7B,present\r\n' >"$T/names.csv"
	run import register --event "$event" "$T/names.csv"
	expect_rc 0
	expect_out_has "2 marks (2 present"
	run event list --year 2025/26
	expect_out_has "Fair prep 1"
	expect_out_has "2 of 2 present"
}

test_register_errors_change_nothing() {
	init_school
	run import students "$R/sims.csv" --whole-school --as-of 2025-09-01
	run event add fair-prep --date 2025-09-10
	event=$(cat "$T/out")
	printf 'UPN,Attendance\r\nK886400111001,Present\r\n' >"$T/ok.csv"
	run import register --event "$event" "$T/ok.csv"
	printf 'UPN,Attendance\r\nK886400111001,Present\r\nB801200005001,Present\r\nZ886400111002,maybe\r\nK886400111001,Absent\r\n' >"$T/bad.csv"
	run import register --event "$event" "$T/bad.csv"
	expect_rc 1
	expect_err "$T/bad.csv:3: column UPN: no pupil with UPN B801200005001 is enrolled in 2025/26
$T/bad.csv:4: column Attendance: \"maybe\" is not an attendance mark: write Present, Absent or Excused (Y/N, 1/0 or a tick also work)
$T/bad.csv:5: K886400111001 is already marked for this event earlier in the file
$T/bad.csv: 3 errors: nothing was imported"
	[ "$(sqlite3 "$WAYMARK_DB" "SELECT status FROM mark")" = present ] || fail "the earlier register was changed"
	printf 'Surname,Forename,Attendance\r\nSmith,Sam,Y\r\n' >"$T/who.csv"
	run import register --event "$event" "$T/who.csv"
	expect_rc 1
	expect_err_has "column Surname: no pupil called Sam Smith in tutor group (none) is enrolled in 2025/26"
	printf 'UPN,Attendance\r\nK886400111001,Y\r\n' >"$T/none.csv"
	run import register "$T/none.csv"
	expect_rc 1
	expect_err_has "the file has no Activity and Date columns: say which event it is the register of, or add both columns"
}

test_multi_event_register_creates_events() {
	init_school
	run import students "$R/sims.csv" --whole-school --as-of 2025-09-01
	printf 'Activity,Date,UPN,Attendance\r\ncareers-fair,2025-10-16,K886400111001,Present\r\ncareers-fair,2025-10-16,C919300123010,Absent\r\nCareers Fair preparation,10/09/2025,Z886400111002,Present\r\n' >"$T/multi.csv"
	run import register "$T/multi.csv"
	expect_rc 0
	expect_out "$T/multi.csv: 3 marks (2 present, 1 absent, 0 excused) for 2 events, 2 of them new"
	run import register "$T/multi.csv"
	expect_out "$T/multi.csv: 3 marks (2 present, 1 absent, 0 excused) for 2 events"
	printf 'Activity,Date,UPN,Attendance\r\ncareers-party,2025-10-16,K886400111001,Present\r\n' >"$T/unknown.csv"
	run import register "$T/unknown.csv"
	expect_rc 1
	expect_err_has "column Activity: no activity \"careers-party\" in the programme"
}

test_event_add_checks_activity_and_timing() {
	init_school
	run event add no-such --date 2025-09-10
	expect_rc 1
	# The action's words, with the command line's option and where to look.
	expect_err "waymark: ACTIVITY_ID: \"no-such\" is not one of the programme's activities. (\`waymark programme show\` lists the ids)"
	run event add fair-prep --date 2025-09-10 --year-group 12
	expect_rc 1
	expect_err_has "waymark: --year-group: "
	expect_err_has "is for Years 7 and 8, not Year 12: choose one of its year groups."
	# In the week leading up to the fair: scheduled, with a warning.
	run event add fair-prep --date 2025-10-13
	expect_rc 0
	expect_err_has "warning: fair-prep: 2025-10-13 is not before the week leading up to careers-fair (2025-10-16): it must be before 2025-10-09"
	run event add fair-prep
	expect_rc 2
}

test_select_and_organisations() {
	init_school
	run import students "$R/sims.csv" --whole-school --as-of 2025-09-01
	cat >>"$T/p.yaml" <<'YAML'
YAML
	cp "$FIXTURES/programmes/every-rule.yaml" "$T/p.yaml"
	run programme import "$T/p.yaml"
	printf 'UPN\r\nJ207000016007\r\n' >"$T/sel.csv"
	run select first "$T/sel.csv" --year 2025/26
	expect_rc 0
	expect_out "first: 1 pupil selected for 2025/26"
	run select first Y207000016008 --year 2025/26
	expect_rc 1
	expect_err "waymark: Y207000016008 is in Year 11; first is for other year groups"
	run select lessons V207000016006
	expect_rc 1
	expect_err_has "is for all pupils, not selected ones: only an activity for selected pupils has a selection."
	run org add "Kent Engineering Ltd" --kind employer --sector Engineering --size medium
	expect_rc 0
	run org add "Kent Engineering Ltd" --kind employer
	expect_rc 1
	run org add "Canterbury College" --kind collage
	expect_rc 2
	run event add placement --date 2025-11-12 --org "Kent Engineering Ltd"
	expect_rc 0
	run org list
	expect_out_has "Kent Engineering Ltd"
	expect_out_has "employer           Engineering          medium  1"
}

test_demo_school_loads_through_the_imports() {
	run demo --students 60 --seed 7 --out "$T/demo" --as-of 2025-11-10
	expect_rc 0
	expect_out_has "wrote $T/demo/ for 2025/26: 60 pupils"
	cp -r "$T/demo" "$T/again"
	run demo --students 60 --seed 7 --out "$T/again" --as-of 2025-11-10
	for f in roster.csv events.csv registers.csv calendar.yaml; do
		cmp -s "$T/demo/$f" "$T/again/$f" || fail "$f differs for the same seed"
	done
	run init --school "Demo Academy"
	run calendar import "$T/demo/calendar.yaml"
	expect_rc 0
	run import students "$T/demo/roster.csv" --whole-school --as-of 2025-09-01
	expect_rc 0
	expect_out_has "60 pupils for 2025/26: 60 new"
	run event import "$T/demo/events.csv"
	expect_rc 0
	for f in "$T"/demo/selections/*.csv; do
		run select "$(basename "$f" .csv)" "$f" --year 2025/26
		expect_rc 0
	done
	run import register "$T/demo/registers.csv"
	expect_rc 0
	expect_out_has "marks ("
	# Attendance varies: not everyone is present.
	[ "$(sqlite3 "$WAYMARK_DB" "SELECT count(DISTINCT status) FROM mark")" -ge 2 ] || fail "no variation"
}

test_register_rows_find_their_year_groups_event() {
	init_school
	run import students "$R/sims.csv" --whole-school --as-of 2025-09-01
	run event add fair-prep --date 2025-09-10 --year-group 7
	y7=$(cat "$T/out")
	run event add fair-prep --date 2025-09-10 --year-group 8
	y8=$(cat "$T/out")
	# Years 7 and 8 interleaved, no Year column: each row's event is the
	# one for the pupil's year group.
	printf 'Activity,Date,UPN,Attendance\r\nfair-prep,2025-09-10,K886400111001,Y\r\nfair-prep,2025-09-10,U801200005004,Y\r\nfair-prep,2025-09-10,Z886400111002,N\r\nfair-prep,2025-09-10,H801200005005,Y\r\n' >"$T/mixed.csv"
	run import register "$T/mixed.csv"
	expect_rc 0
	expect_out "$T/mixed.csv: 4 marks (3 present, 1 absent, 0 excused) for 2 events"
	[ "$(sqlite3 "$WAYMARK_DB" "SELECT count(*) FROM mark WHERE event_id = $y7")" = 2 ] || fail "Year 7's event"
	[ "$(sqlite3 "$WAYMARK_DB" "SELECT count(*) FROM mark WHERE event_id = $y8")" = 2 ] || fail "Year 8's event"
}
