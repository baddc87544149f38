# Bounded text in every imported file (issue 9): a value at its limit in
# characters is imported whole, one character more refuses the whole file
# with a message naming the line, the column, the field and the limit.
# Names are made of two-byte characters, so a count of bytes would be wrong.

# repeat TEXT N: TEXT N times over.
repeat() {
	printf "$1%.0s" $(seq "$2")
}

students() {
	sqlite3 "$WAYMARK_DB" "SELECT count(*) FROM student"
}

test_import_limits_roster_surname() {
	init_school
	at=$(repeat Ł 100)
	over=$(repeat Ł 101)
	printf 'UPN,Legal Surname,Legal Forename,Year\r\nK886400111001,%s,Sam,7\r\nZ886400111002,%s,Alex,7\r\n' \
		"$at" "$over" >"$T/r.csv"
	run import students "$T/r.csv" --whole-school --as-of 2025-09-01
	expect_rc 1
	expect_err "$T/r.csv:3: column Legal Surname: the legal surname is longer than 100 characters (it has 101): shorten it in the MIS and export the roster again
$T/r.csv: 1 error: nothing was imported"
	[ "$(students)" = 0 ] || fail "a refused roster imported pupils"
	# Without the long row the other pupil comes in whole.
	sed '3d' "$T/r.csv" >"$T/ok.csv"
	run import students "$T/ok.csv" --whole-school --as-of 2025-09-01
	expect_rc 0
	[ "$(sqlite3 "$WAYMARK_DB" "SELECT length(legal_surname) FROM student")" = 100 ] ||
		fail "the surname at the limit was not kept whole"
	[ "$(sqlite3 "$WAYMARK_DB" "SELECT legal_surname FROM student")" = "$at" ] || fail "surname changed"
}

test_import_limits_roster_tutor_group() {
	init_school
	printf 'UPN,Legal Surname,Legal Forename,Year,Reg Group\r\nK886400111001,Brown,Sam,7,%s\r\n' \
		"$(repeat é 31)" >"$T/r.csv"
	run import students "$T/r.csv" --whole-school --as-of 2025-09-01
	expect_rc 1
	expect_err "$T/r.csv:2: column Reg Group: the tutor group is longer than 30 characters (it has 31): shorten it in the MIS and export the roster again
$T/r.csv: 1 error: nothing was imported"
	[ "$(students)" = 0 ] || fail "a refused roster imported pupils"
}

test_import_limits_programme_activity_name() {
	init_school
	name=$(repeat é 201)
	sed "s/name: KGA Annual Careers Fair/name: $name/" "$FIXTURES/programmes/minimal.yaml" >"$T/p.yaml"
	run programme check "$T/p.yaml"
	expect_rc 1
	expect_err "$T/p.yaml:32:11: activity careers-fair: name is longer than 200 characters (it has 201): shorten it"
	run programme import "$T/p.yaml"
	expect_rc 1
	expect_err "$T/p.yaml:32:11: activity careers-fair: name is longer than 200 characters (it has 201): shorten it"
	# The stored programme is as it was.
	[ "$(sqlite3 "$WAYMARK_DB" "SELECT name FROM activity WHERE slug = 'careers-fair'")" = "KGA Annual Careers Fair" ] ||
		fail "a refused programme changed the activity"
	# At 200 characters it is imported whole.
	sed "s/name: KGA Annual Careers Fair/name: $(repeat é 200)/" "$FIXTURES/programmes/minimal.yaml" >"$T/ok.yaml"
	run programme import "$T/ok.yaml"
	expect_rc 0
	[ "$(sqlite3 "$WAYMARK_DB" "SELECT length(name) FROM activity WHERE slug = 'careers-fair'")" = 200 ] ||
		fail "the name at the limit was not kept whole"
}

test_import_limits_calendar_label() {
	init_school
	run calendar template --year 2026/27 --output "$T/c.yaml"
	expect_rc 0
	sed "s/label: \"Autumn term\"/label: \"$(repeat é 201)\"/" "$T/c.yaml" >"$T/long.yaml"
	run calendar import "$T/long.yaml"
	expect_rc 1
	expect_err "$T/long.yaml:11:12: term 1: label is longer than 200 characters (it has 201): shorten it"
	run calendar show --year 2026/27
	expect_rc 1
}

test_import_limits_register_surname() {
	init_school
	run import students "$FIXTURES/rosters/sims.csv" --whole-school --as-of 2025-09-01
	expect_rc 0
	printf 'Activity,Date,Surname,Forename,Reg Group,Attendance\r\ncareers-fair,2025-10-16,Brown,Zoë,7A,Present\r\ncareers-fair,2025-10-16,%s,Zoë,7A,Present\r\n' \
		"$(repeat Ł 101)" >"$T/reg.csv"
	run import register "$T/reg.csv"
	expect_rc 1
	expect_err "$T/reg.csv:3: column Surname: the surname is longer than 100 characters (it has 101): shorten it in the file
$T/reg.csv: 1 error: nothing was imported"
	[ "$(sqlite3 "$WAYMARK_DB" "SELECT count(*) FROM mark")" = 0 ] || fail "a refused register wrote marks"
	[ "$(sqlite3 "$WAYMARK_DB" "SELECT count(*) FROM event")" = 0 ] || fail "a refused register made an event"
}

test_import_limits_guidance_adviser() {
	init_school
	run import students "$FIXTURES/rosters/sims.csv" --whole-school --as-of 2025-09-01
	expect_rc 0
	printf 'UPN,Date,Adviser\r\nY207000016008,2025-10-01,Jo Okafor\r\nC919300123010,2025-10-02,%s\r\n' \
		"$(repeat Ł 101)" >"$T/g.csv"
	run import guidance "$T/g.csv"
	expect_rc 1
	expect_err "$T/g.csv:3: column Adviser: the adviser's name is longer than 100 characters (it has 101): shorten it in the file
$T/g.csv: 1 error: nothing was imported"
	[ "$(sqlite3 "$WAYMARK_DB" "SELECT count(*) FROM guidance_meeting")" = 0 ] || fail "a refused file added meetings"
}
