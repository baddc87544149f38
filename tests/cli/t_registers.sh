# Registers mean what they say (issue 10, item 3; docs/registers.md). The
# runner pins today to 2025-11-10.

# A register cannot be taken before its event's day: `import register`
# refuses one event's file and a multi-event file's future row, nothing is
# written, and the day itself is accepted.
test_register_import_refused_before_the_day() {
	init_school
	run import students "$FIXTURES/rosters/sims.csv" --as-of 2025-09-01
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
