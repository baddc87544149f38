# Registers mean what they say (issue 10, item 3; docs/registers.md). The
# runner pins today to 2025-11-10.

# A register cannot be taken before its event's day: `import register`
# refuses one event's file and a multi-event file's future row, nothing is
# written, and the day itself is accepted.
test_register_import_refused_before_the_day() {
	init_school
	run import students "$FIXTURES/rosters/sims.csv" --whole-school --as-of 2025-09-01
	expect_rc 0
	run event add fair-prep --date 2025-11-11 --year-group 7
	expect_rc 0
	tomorrow=$(cat "$T/out")
	printf 'UPN,Attendance\r\nK886400111001,Present\r\n' >"$T/one.csv"
	run import register --event "$tomorrow" "$T/one.csv"
	expect_rc 1
	expect_err_has "event $tomorrow is on 2025-11-11: its register can be taken from that day, not before (today is 2025-11-10); nothing was imported"
	[ "$(sql "SELECT count(*) FROM mark")" = 0 ] || fail "a mark was written for tomorrow"

	# A file of several events: the future row is refused at its date, and
	# so is the whole file (today's row too: a file is all or nothing).
	printf 'Activity,Date,UPN,Attendance\r\nfair-prep,2025-11-10,K886400111001,Present\r\nfair-prep,2025-12-01,K886400111001,Present\r\n' >"$T/many.csv"
	run import register "$T/many.csv"
	expect_rc 1
	expect_err_has "many.csv:3: column Date: 2025-12-01 is after today (2025-11-10): a register can be taken from its event's day, not before"
	[ "$(sql "SELECT count(*) FROM mark")" = 0 ] || fail "marks were written"
	[ "$(sql "SELECT count(*) FROM event WHERE date = '2025-12-01'")" = 0 ] || fail "an event was made"

	# On the day it is taken.
	WAYMARK_TODAY=2025-11-11 run import register --event "$tomorrow" "$T/one.csv"
	expect_rc 0
	[ "$(mark_of K886400111001 "$tomorrow")" = present ] || fail "the day's register was refused"
}

# The register page of a future event says when it opens and offers no
# form; a save sent anyway is refused with a message in words, and nothing
# is written. Today's register is taken as before.
test_register_page_refused_before_the_day() {
	web_school
	run event add fair-prep --date 2025-11-11 --year-group 7
	expect_out 3
	run event add fair-prep --date 2025-11-10 --year-group 7
	expect_out 4
	web_start
	sign_in lead leader
	get lead /events/3/register
	expect_status 200
	expect_out_has 'This register opens on the day of the event: marks can be taken from <time datetime="2025-11-11">Tue 11 Nov 2025</time>.'
	expect_out_lacks 'name="m'
	expect_out_lacks '<form method="post" action="/events/3/register">'
	adeyemi=$(student_id "$ADEYEMI")
	post lead /events/3/register "m$adeyemi=present"
	expect_status 409
	expect_out_has 'This register cannot be taken yet: marks can be saved from the day of the event. Nothing was saved.'
	expect_out_lacks 'waymark import'
	expect_out_lacks '--event'
	[ "$(mark_of "$ADEYEMI" 3)" = none ] || fail "a mark was saved for tomorrow"
	get lead /events/4/register
	expect_status 200
	expect_out_has 'name="m'
	post lead /events/4/register "m$adeyemi=present"
	expect_status 303
	[ "$(mark_of "$ADEYEMI" 4)" = present ] || fail "today's register was refused"
	web_stop
}

# expect_out_block TEXT: TEXT, lines and all, is in stdout as one piece
# (grep -F would take each of its lines as a pattern of its own).
expect_out_block() {
	whole=$(cat "$T/out")
	case "$whole" in
	*"$1"*) ;;
	*) fail "stdout lacks the block:
$1
stdout was:
$whole" ;;
	esac
}

# The monitoring school (Year 7: Adeyemi and Brown in 7A, Nowak in 7B; fair
# preparation on 10, 11 and 12 September, Brown absent on the 11th), with
# two more Year 7 sessions of fair preparation: 3 November, whose register
# was never taken, and 4 November, where only Adeyemi was marked (present),
# and one on 1 December, after today.
#   held: the three of September and 4 November: 4 (3 November is not held)
#   Adeyemi  marked at 4, present at 4, 3 needed: received
#   Brown    marked at 3 (unmarked on 4 Nov), present at 2: missed
#   Nowak    marked at 3 (unmarked on 4 Nov), present at 3: received
#   eligible 3, received 2: 66.7%, below; 1 register not taken, 2 unmarked.
registers_school() {
	monitoring_school
	run event add fair-prep --date 2025-11-03 --year-group 7
	expect_out 5
	run event add fair-prep --date 2025-11-04 --year-group 7
	expect_out 6
	run mark 6 K886400111001 present
	expect_rc 0
	run event add fair-prep --date 2025-12-01 --year-group 7
	expect_out 7
}

test_registers_not_taken_and_incomplete_in_every_report() {
	registers_school
	run report entitlement --as-of 2025-11-10 --year-group 7
	expect_rc 0
	expect_out_has "  Careers Fair preparation                          4        3        2   66.7%  BELOW; 1 register not taken; 2 not marked"
	expect_out_has "Registers to take or finish (2): an event with no register counts as neither held nor missed;"
	expect_out_has "  2025-11-03  Careers Fair preparation (Year 7): register not taken"
	expect_out_block "  2025-11-04  Careers Fair preparation (Year 7): incomplete (1 of 3 marked)
      not marked: Zoë Brown (Z886400111002, 7A), Łukasz Nowak (N886400111003, 7B)"
	expect_out_lacks "2025-12-01"

	run report entitlement --as-of 2025-11-10 --format csv
	expect_rc 0
	expect_out_has "7,fair-prep,Careers Fair preparation,all,4,3,2,66.7,below,1,2"
	# Year 8's fair preparation is untouched: its three registers are complete.
	expect_out_has "8,fair-prep,Careers Fair preparation,all,3,2,1,50.0,below,0,0"

	run report entitlement --as-of 2025-11-10 --format json
	expect_rc 0
	expect_out_block '"registers_not_taken": 1,
      "unmarked": 2,'
	expect_out_block '"event_id": 5,
      "date": "2025-11-03",
      "activity_id": "fair-prep",
      "year_group": 7,
      "state": "not taken",
      "marked": 0,
      "expected": 3,'
	expect_out_block '"state": "incomplete",
      "marked": 1,
      "expected": 3,
      "unmarked": [
        {
          "upn": "Z886400111002",
          "name": "Zoë Brown"'

	run review --as-of 2025-11-10 --no-save
	expect_rc 0
	expect_out_has "  Careers Fair preparation                          4        3        2   66.7%  BELOW; 1 register not taken; 2 not marked"
	expect_out_has "  2025-11-04  Careers Fair preparation (Year 7): incomplete (1 of 3 marked)"

	run report student Z886400111002 --as-of 2025-11-10
	expect_rc 0
	expect_out_has "  Careers Fair preparation                       OWED (present at 2, 3 needed); register not taken at 1; not marked in 1 incomplete"
	run report student K886400111001 --as-of 2025-11-10
	expect_out_has "  Careers Fair preparation                       received (present at 4, 3 needed); register not taken at 1"
	run report student Z886400111002 --as-of 2025-11-10 --format json
	expect_out_block '"registers_not_taken": 1,
      "unmarked": 1,
      "status": "owed"'
}

# --as-of after every event: 1 December's event has no register either, so
# it is not held: still 4 held, now 2 registers not taken.
test_registers_future_as_of_never_counts_an_unregistered_event() {
	registers_school
	run report entitlement --as-of 2026-07-31 --format csv
	expect_rc 0
	expect_out_has "7,fair-prep,Careers Fair preparation,all,4,3,2,66.7,below,2,2"
	run report entitlement --as-of 2026-07-31 --year-group 7
	expect_out_has "  2025-12-01  Careers Fair preparation (Year 7): register not taken"
}

test_registers_on_the_dashboard_and_pupil_record() {
	registers_school
	web_start
	sign_in lead leader
	get lead /dashboard
	expect_status 200
	expect_out_has '<h2 id="registers">Registers to take or finish</h2>'
	expect_out_has '<li><a href="/events/5/register">Careers Fair preparation</a>, <time datetime="2025-11-03">Mon 3 Nov 2025</time>: register not taken</li>'
	expect_out_has '<li><a href="/events/6/register">Careers Fair preparation</a>, <time datetime="2025-11-04">Tue 4 Nov 2025</time>: incomplete (1 of 3 marked)</li>'
	expect_out_lacks '/events/7/register'
	expect_out_lacks '/events/1/register'
	# A tutor of 7A (Adeyemi, Brown): both of 3 Nov unmarked, Brown on 4 Nov.
	sign_in tutor7a tutor --scope 7A
	get tutor7a /dashboard
	expect_status 200
	expect_out_has '<h2 id="registers">My registers today and overdue</h2>'
	expect_out_has 'register not taken; 2 of your 2 pupils not marked</li>'
	expect_out_has 'incomplete (1 of 3 marked); 1 of your 2 pupils not marked</li>'
	# A tutor of 7B has Nowak unmarked at both; 8A's tutor nothing.
	sign_in tutor8a tutor --scope 8A
	get tutor8a /dashboard
	expect_out_has 'None of your registers are due or overdue.'
	# The web's entitlement report lists them too, with the unmarked names;
	# a governor's does not (names, and counts under 5).
	get lead "/reports/entitlement?year=2025/26&year_group=7"
	expect_status 200
	expect_out_has '<li><a href="/events/5/register">Careers Fair preparation</a>, <time datetime="2025-11-03">Mon 3 Nov 2025</time>: register not taken</li>'
	expect_out_has ': incomplete (1 of 3 marked); not marked: Zoë Brown, Łukasz Nowak</li>'
	sign_in gov governor
	get gov /reports/entitlement
	expect_status 200
	expect_out_lacks 'Registers to take or finish'
	get gov /dashboard
	expect_out_lacks 'Registers to take or finish'
	get lead "/pupils/$BROWN"
	expect_status 200
	expect_out_has '<th scope="row">Careers Fair preparation</th><td><span class="badge badge-below">owed</span><br><span class="meta">register not taken at 1 session</span><br><span class="meta">not marked in 1 incomplete register</span></td><td class="num">2 (3 needed)</td>'
	web_stop
}

# Guidance meetings count (issue 10, item 4): a recorded meeting counts
# toward the programme's personal-guidance activity (kind
# personal-guidance) for that pupil. Year 11 (Cara, Dev, Eve), "Personal
# guidance interview" (all, one session), no events: Cara met the external
# adviser on 20 October, Dev the careers leader on 6 November, Eve nobody.
#   eligible 3 (on roll on 10 November), received 2: 66.7%, below the 76%
#   floor; Eve owed. Year 13 has had no meeting: not held yet.
test_guidance_meeting_counts_toward_the_guidance_activity() {
	run init --school "Test School" --programme "$FIXTURES/programmes/benchmarks.yaml"
	expect_rc 0
	cat >"$T/roster.csv" <<'ROSTER'
UPN,Adno,Surname,Forename,Gender,Year,Reg Group
E886400108003,002003,Cole,Cara,F,11,11A
U886400108004,002004,Dunn,Dev,M,11,11A
H886400108005,002005,Ellis,Eve,F,11,11B
A886400106006,002006,Fox,Finn,M,13,13X
ROSTER
	run import students "$T/roster.csv" --whole-school --as-of 2025-09-01
	expect_rc 0
	run report student E886400108003 --as-of 2025-11-10
	expect_out_has "  Personal guidance interview                    not held yet"
	run guidance add E886400108003 --date 2025-10-20 --adviser "Jo Okafor" --external
	expect_rc 0
	run guidance add U886400108004 --date 2025-11-06 --adviser "Careers Leader"
	expect_rc 0
	run report student E886400108003 --as-of 2025-11-10
	expect_out_has "  Personal guidance interview                    received (present at 1, 1 needed); 1 guidance meeting"
	run report student H886400108005 --as-of 2025-11-10
	expect_out_has "  Personal guidance interview                    OWED (present at 0, 1 needed)"
	run report student E886400108003 --as-of 2025-11-10 --format json
	expect_out_has '"meetings": 1,'
	run report entitlement --as-of 2025-11-10 --format csv
	expect_rc 0
	expect_out_has "11,guidance-interview,Personal guidance interview,all,0,3,2,66.7,below,0,0"
	expect_out_has "13,guidance-interview,Personal guidance interview,all,0,0,0,,not held,0,0"
	run report entitlement --as-of 2025-11-10 --year-group 11
	expect_out_has "  Personal guidance interview                       0        3        2   66.7%  BELOW; 2 with a guidance meeting"
	# Before either meeting: not held yet.
	run report entitlement --as-of 2025-10-19 --format csv
	expect_out_has "11,guidance-interview,Personal guidance interview,all,0,0,0,,not held,0,0"
	web_start
	sign_in lead leader
	get lead /pupils/E886400108003
	expect_status 200
	expect_out_has '<th scope="row">Personal guidance interview</th><td><span class="badge badge-met">received</span><br><span class="meta">1 guidance meeting recorded</span></td><td class="num">1 (1 needed)</td>'
	web_stop
}

# `waymark mark` is one pupil's register save (issue 10: every write goes
# through one action): a cancelled event and one after today take no
# marks, nor does a pupil the event is not for, and nothing is written.
test_mark_refused_for_a_future_or_cancelled_event() {
	init_school
	run import students "$FIXTURES/rosters/sims.csv" --whole-school --as-of 2025-09-01
	expect_rc 0
	run event add fair-prep --date 2025-11-11 --year-group 7
	expect_out 1
	run mark 1 "$ADEYEMI" present
	expect_rc 1
	expect_err_has "waymark: EVENT_ID: The event is on 2025-11-11. This register cannot be taken yet: marks can be saved from the day of the event."
	[ "$(mark_of "$ADEYEMI" 1)" = none ] || fail "a mark was saved for tomorrow"
	WAYMARK_TODAY=2025-11-11 run mark 1 "$ADEYEMI" present
	expect_rc 0
	expect_out "$ADEYEMI: present at Careers Fair preparation on 2025-11-11"
	[ "$(mark_of "$ADEYEMI" 1)" = present ] || fail "the day's mark was refused"

	run event add fair-prep --date 2025-11-04 --year-group 7
	expect_out 2
	run event cancel 2 --reason Snow
	expect_rc 0
	run mark 2 "$ADEYEMI" present
	expect_rc 1
	expect_err_has "waymark: EVENT_ID: This event was cancelled: it takes no register."
	[ "$(mark_of "$ADEYEMI" 2)" = none ] || fail "a cancelled event was marked"

	# A Year 8 pupil is not on a Year 7 register.
	run event add fair-prep --date 2025-11-05 --year-group 7
	expect_out 3
	run mark 3 "$JONES" present
	expect_rc 1
	expect_err_has "waymark: UPN: That pupil is not on this register"
	[ "$(mark_of "$JONES" 3)" = none ] || fail "a Year 8 pupil was marked at a Year 7 event"
	[ "$(sql "SELECT count(*) FROM audit WHERE action IN ('register.save', 'mark.set')")" = 1 ] ||
		fail "refused marks were audited"
	# unmarked clears a mark.
	WAYMARK_TODAY=2025-11-11 run mark 1 "$ADEYEMI" unmarked
	expect_rc 0
	[ "$(mark_of "$ADEYEMI" 1)" = none ] || fail "the mark was not cleared"
}

# The command line and the register page make the same marks and the same
# audit entry.
test_mark_and_web_register_make_the_same_change() {
	web_school
	run event add fair-prep --date 2025-11-03 --year-group 7
	expect_out 3
	run event add fair-prep --date 2025-11-03 --year-group 7
	expect_out 4
	adeyemi=$(student_id "$ADEYEMI")
	brown=$(student_id "$BROWN")
	run mark 3 "$ADEYEMI" present
	expect_rc 0
	run mark 3 "$BROWN" absent
	expect_rc 0
	run mark 3 "$BROWN" excused
	expect_rc 0
	web_start
	sign_in lead leader
	post lead /events/4/register "m$adeyemi=present"
	expect_status 303
	post lead /events/4/register "m$brown=absent"
	expect_status 303
	post lead /events/4/register "m$brown=excused"
	expect_status 303
	web_stop
	marks() {
		sql "SELECT group_concat(student_id || ' ' || status, ', ') FROM (SELECT * FROM mark WHERE event_id = $1 ORDER BY student_id)"
	}
	[ -n "$(marks 3)" ] && [ "$(marks 3)" = "$(marks 4)" ] ||
		fail "the command line marked $(marks 3), the browser $(marks 4)"
	audit() {
		sql "SELECT group_concat(action || ' ' || entity || ' ' || detail, ' | ') FROM (SELECT * FROM audit WHERE entity_key = '$1' AND action LIKE 'register.%' ORDER BY id)"
	}
	[ -n "$(audit 3)" ] && [ "$(audit 3)" = "$(audit 4)" ] ||
		fail "the command line recorded $(audit 3), the browser $(audit 4)"
	[ "$(sql "SELECT detail FROM audit WHERE entity_key = '3' AND action = 'register.save' ORDER BY id DESC LIMIT 1")" = "{\"present\":0,\"absent\":0,\"excused\":1,\"changed\":[{\"upn\":\"$BROWN\",\"before\":\"absent\",\"after\":\"excused\"}]}" ] ||
		fail "audit detail: $(audit 3)"
}

# A tutor marks only the pupils of their groups on the web: a mark for
# anyone else is refused and nothing is written or audited.
test_tutor_cannot_mark_outside_their_groups() {
	web_school
	web_start
	sign_in tom tutor --scope 7A
	nowak=$(student_id "$NOWAK")
	post tom /events/1/register "m$nowak=present"
	expect_status 403
	expect_out_has 'None of these marks were saved: a tutor marks only the pupils of their own groups on a register.'
	[ "$(mark_of "$NOWAK" 1)" = none ] || fail "a pupil of 7B was marked by 7A's tutor"
	[ "$(sql "SELECT count(*) FROM audit WHERE action = 'register.save'")" = 0 ] || fail "a refused save was audited"
	# A cancelled event refuses the tutor's own pupils too.
	run event cancel 1 --reason Snow
	adeyemi=$(student_id "$ADEYEMI")
	post tom /events/1/register "m$adeyemi=present"
	expect_status 409
	expect_out_has 'This event was cancelled: it takes no register. Nothing was saved.'
	[ "$(mark_of "$ADEYEMI" 1)" = none ] || fail "a cancelled event was marked"
	web_stop
}

# A multi-event file's row names an activity by id for a pupil of a year
# group it is not for: refused at the row's Activity cell, and the file
# changes nothing.
test_register_import_refuses_a_year_group_the_activity_is_not_for() {
	init_school
	run import students "$FIXTURES/rosters/sims.csv" --whole-school --as-of 2025-09-01
	expect_rc 0
	printf 'Activity,Date,UPN,Attendance\r\nfair-prep,2025-11-03,K886400111001,Present\r\nfair-prep,2025-11-03,V207000016006,Present\r\n' >"$T/r.csv"
	run import register "$T/r.csv"
	expect_rc 1
	expect_err_has "r.csv:3: column Activity: V207000016006 is in Year 9, and fair-prep is for Years 7 and 8: give an activity of Year 9, or leave the pupil out"
	expect_err_has "r.csv: 1 error: nothing was imported"
	[ "$(sql "SELECT count(*) FROM mark")" = 0 ] || fail "marks were written"
	[ "$(sql "SELECT count(*) FROM event")" = 0 ] || fail "an event was made"
	[ "$(sql "SELECT count(*) FROM audit WHERE action = 'import.register'")" = 0 ] || fail "audited"
}

# An event a file makes on a day that is not a school day (Saturday 8
# November) is made with a warning at the row's Date cell; with an error
# elsewhere in the file nothing is made. A future day is an error
# (test_register_import_refused_before_the_day).
test_register_import_warns_of_a_day_that_is_not_a_school_day() {
	init_school
	run import students "$FIXTURES/rosters/sims.csv" --whole-school --as-of 2025-09-01
	expect_rc 0
	printf 'Activity,Date,UPN,Attendance\r\nfair-prep,2025-11-08,K886400111001,Present\r\nfair-prep,2025-11-08,Z886400111002,Nope\r\n' >"$T/bad.csv"
	run import register "$T/bad.csv"
	expect_rc 1
	expect_err_has "bad.csv:2: column Date: warning: 2025-11-08 is not a school day in the calendar, and this file makes the event of fair-prep on it: check the date"
	[ "$(sql "SELECT count(*) FROM event")" = 0 ] || fail "a file with an error made an event"
	printf 'Activity,Date,UPN,Attendance\r\nfair-prep,2025-11-08,K886400111001,Present\r\nfair-prep,2025-11-08,Z886400111002,Absent\r\n' >"$T/sat.csv"
	run import register "$T/sat.csv"
	expect_rc 0
	expect_err "$T/sat.csv:2: column Date: warning: 2025-11-08 is not a school day in the calendar, and this file makes the event of fair-prep on it: check the date"
	expect_out "$T/sat.csv: 2 marks (1 present, 1 absent, 0 excused) for 1 event, 1 of them new"
	[ "$(sql "SELECT count(*) FROM event WHERE date = '2025-11-08'")" = 1 ] || fail "the event was not made"
	[ "$(sql "SELECT actor || ' ' || detail FROM audit WHERE action = 'import.register'")" = "cli:$(id -un) 2 marks for 1 events" ] ||
		fail "audit: $(sql "SELECT actor, detail FROM audit WHERE action = 'import.register'")"
}

# The imports page reads a register through the same action: the year
# group refusal at its line and column, and the Saturday warning, which
# does not stop the import.
test_web_register_import_year_group_and_school_day() {
	web_school
	web_start
	sign_in lead leader
	printf 'Activity,Date,UPN,Attendance\r\nfair-prep,2025-11-03,K886400111001,Present\r\nfair-prep,2025-11-03,V207000016006,Present\r\n' >"$T/r.csv"
	get lead /imports
	post_curl lead /imports/register -F "csrf=$(csrf_of)" -F "file=@$T/r.csv;filename=r.csv"
	expect_status 422
	expect_out_has '<tr><td class="num">3</td><td>Activity</td><td class="kind-error">Error</td><td>V207000016006 is in Year 9, and fair-prep is for Years 7 and 8: give an activity of Year 9, or leave the pupil out</td></tr>'
	expect_out_lacks 'name="token"'
	printf 'Activity,Date,UPN,Attendance\r\nfair-prep,2025-11-08,K886400111001,Present\r\n' >"$T/sat.csv"
	get lead /imports
	post_curl lead /imports/register -F "csrf=$(csrf_of)" -F "file=@$T/sat.csv;filename=sat.csv"
	expect_status 200
	expect_out_has '<td class="kind-warning">Warning</td><td>2025-11-08 is not a school day in the calendar, and this file makes the event of fair-prep on it: check the date</td>'
	token=$(sed -n 's/.*name="token" value="\([0-9a-f]*\)".*/\1/p' "$T/out")
	[ "$(sql "SELECT count(*) FROM event WHERE date = '2025-11-08'")" = 0 ] || fail "the check made an event"
	post_curl lead /imports/confirm -d "csrf=$(cat "$T/lead.csrf")" -d "token=$token"
	expect_status 303
	header_is Location '/imports?imported=register&marks=1&events=1'
	web_stop
	[ "$(sql "SELECT count(*) FROM event WHERE date = '2025-11-08'")" = 1 ] || fail "the event was not made"
	[ "$(mark_of "$ADEYEMI" 3)" = present ] || fail "the mark was not written"
	[ "$(sql "SELECT actor || ' ' || detail FROM audit WHERE action = 'import.register'")" = "lead 1 marks for 1 events" ] ||
		fail "audit: $(sql "SELECT actor, detail FROM audit WHERE action = 'import.register'")"
}
