# The life of an event (issue 10): scheduled with a time, changed, moved,
# cancelled (kept, counted nowhere), reinstated and deleted, from the
# command line and the browser alike, through one action
# (src/action/event_action.c), each change in the audit log.

# The audit detail of the newest entry for ACTION.
audit_detail() {
	sql "SELECT detail FROM audit WHERE action = '$1' ORDER BY id DESC LIMIT 1"
}

test_events_change_from_the_command_line() {
	init_school
	run event add fair-prep --date 2025-09-10 --time 09:15 --year-group 7 --title "Prep 1"
	expect_rc 0
	expect_out 1
	[ "$(sql 'SELECT start_time FROM event WHERE id = 1')" = 09:15 ] || fail "no start time"
	run event change 1 --date 2025-09-17 --time 13:40 --title "Prep, moved"
	expect_rc 0
	expect_out "event 1 changed"
	[ "$(sql "SELECT date || ' ' || start_time || ' ' || year_group || ' ' || title FROM event WHERE id = 1")" = "2025-09-17 13:40 7 Prep, moved" ] ||
		fail "not changed: $(sql 'SELECT * FROM event WHERE id = 1')"
	# What was not given stays; the audit log has what it was and is.
	detail=$(audit_detail event.change)
	case "$detail" in
	'{"before":{"activity":"fair-prep","date":"2025-09-10","time":"09:15","year_group":7,"title":"Prep 1",'*'"after":{"activity":"fair-prep","date":"2025-09-17","time":"13:40","year_group":7,"title":"Prep, moved",'*) ;;
	*) fail "audit detail: $detail" ;;
	esac
	run event change 1 --time none --year-group all --title ""
	expect_rc 0
	[ "$(sql "SELECT coalesce(start_time, '-') || ' ' || coalesce(year_group, 'all') || ' ' || coalesce(title, '-') FROM event WHERE id = 1")" = "- all -" ] ||
		fail "not cleared: $(sql 'SELECT * FROM event WHERE id = 1')"
	# Checked as a new event is: a year group the activity is not for.
	run event change 1 --year-group 12
	expect_rc 1
	expect_err_has "--year-group: Careers Fair preparation is for Years 7 and 8, not Year 12"
	run event change 1 --time 25:00
	expect_rc 2
	run event change 1
	expect_rc 2
	expect_err_has "say what to change"
	run event change 99 --date 2025-09-18
	expect_rc 1
	expect_err_has "there is no event 99"
	# The timing is checked again: into the week before the fair.
	run calendar set-date careers-fair 2025-10-16 --year 2025/26
	run event change 1 --date 2025-10-13
	expect_rc 0
	expect_err_has "warning: fair-prep: 2025-10-13 is not before the week leading up to careers-fair"
}

test_events_with_a_register_keep_what_it_was_taken_for() {
	monitoring_school
	# fair-prep on 10, 11 and 12 September (events 1-3), the fair (4).
	run event change 2 --activity careers-fair
	expect_rc 1
	expect_err_has "Its register (2025-09-11) was taken for Careers Fair preparation, so the event keeps its activity"
	run event change 2 --year-group 7
	expect_rc 1
	expect_err_has "--year-group: Its register (2025-09-11) was taken for these year groups"
	# Today is 10 November 2025: a register is never ahead of its event.
	run event change 2 --date 2025-11-11
	expect_rc 1
	expect_err_has "--date: Its register (2025-09-11) has been taken, so it cannot move after today (2025-11-10)."
	run event change 2 --date 2026-09-09
	expect_rc 1
	expect_err_has "--date: Its register (2025-09-11) belongs to its academic year"
	run event change 2 --date 2025-09-18
	expect_rc 0
	[ "$(mark_of $BROWN 2)" = absent ] || fail "the marks did not move with the event"
	run event delete 2
	expect_rc 1
	expect_err_has "The event has a register of 5 marks, so it cannot be deleted: cancel it instead"
	[ "$(sql 'SELECT count(*) FROM event WHERE id = 2')" = 1 ] || fail "deleted"
}

test_events_cancelled_count_nowhere_until_reinstated() {
	monitoring_school
	# Hand-worked: Year 7's fair-prep was held 3 times and Zoë missed the
	# 11th (event 2), so 2 of 3 pupils received it, 66.7%, below.
	run report entitlement --as-of 2025-11-10 --year-group 7
	expect_out_has "  Careers Fair preparation                          3        3        2   66.7%  BELOW"
	# A register of 5 marks: cancelled only when the user says so.
	run event cancel 2 --reason "Coach did not arrive"
	expect_rc 1
	expect_err_has "event 2: Its register has 5 marks: once it is cancelled they count in no figure"
	expect_err_has "Add --yes to cancel it all the same."
	[ "$(sql 'SELECT count(*) FROM event WHERE cancelled_at IS NOT NULL')" = 0 ] || fail "cancelled without --yes"
	run event cancel 2 --reason "Coach did not arrive" --yes
	expect_rc 0
	expect_out "event 2 cancelled"
	# Held twice now, and all three Year 7 pupils came both times: 100%.
	# Year 8: Siân came to both; Seán was excused on the 12th: 1 of 2.
	run report entitlement --as-of 2025-11-10
	expect_out_has "  Careers Fair preparation                          2        3        3  100.0%  met"
	expect_out_has "  Careers Fair preparation                          2        2        1   50.0%  BELOW"
	run event list --year 2025/26
	expect_out_has "cancelled: Coach did not arrive"
	run event list --year 2025/26 --format json
	expect_out_has '"cancelled": true'
	# The marks are kept, and count again once reinstated.
	[ "$(sql 'SELECT count(*) FROM mark WHERE event_id = 2')" = 5 ] || fail "marks lost"
	run event cancel 2 --yes
	expect_rc 1
	expect_err_has "The event is cancelled already."
	run event reinstate 2
	expect_rc 0
	run report entitlement --as-of 2025-11-10 --year-group 7
	expect_out_has "  Careers Fair preparation                          3        3        2   66.7%  BELOW"
	run event reinstate 2
	expect_rc 1
	expect_err_has "The event is not cancelled."
	run audit
	expect_out_has "event.cancel"
	expect_out_has "event.reinstate"
	case "$(sql "SELECT detail FROM audit WHERE action = 'event.cancel'")" in
	*'"reason":"Coach did not arrive","marks":5'*) ;;
	*) fail "cancel detail: $(sql "SELECT detail FROM audit WHERE action = 'event.cancel'")" ;;
	esac
}

test_events_deleted_only_without_a_register() {
	init_school
	run event add fair-prep --date 2025-09-10 --year-group 7
	expect_out 1
	run event delete 1
	expect_rc 0
	expect_out "event 1 deleted"
	[ "$(sql 'SELECT count(*) FROM event')" = 0 ] || fail "not deleted"
	case "$(audit_detail event.delete)" in
	'{"before":{"activity":"fair-prep","date":"2025-09-10","time":null,"year_group":7,'*) ;;
	*) fail "delete detail: $(audit_detail event.delete)" ;;
	esac
	run event delete 1
	expect_rc 1
	expect_err_has "there is no event 1"
	# Its id stays taken: the audit log's "event 1" is never another event.
	run event add fair-prep --date 2025-09-11 --year-group 7
	expect_out 2
}

test_events_web_change_cancel_delete() {
	web_school
	web_start
	sign_in lead leader
	sign_in tutor tutor --scope 7A
	get lead /events/1
	expect_status 200
	expect_out_has 'Change the event'
	expect_out_has 'Cancel the event'
	expect_out_has 'Delete the event'
	get tutor /events/1
	expect_status 403
	get lead /events/1/edit
	expect_status 200
	expect_out_has 'value="2025-09-08"'
	post lead /events/1 activity=fair-prep date=2025-09-15 time=10:30 year_group=7 title=Moved
	expect_status 303
	[ "$(sql "SELECT date || ' ' || start_time || ' ' || title FROM event WHERE id = 1")" = "2025-09-15 10:30 Moved" ] ||
		fail "not changed: $(sql 'SELECT * FROM event WHERE id = 1')"
	[ "$(sql "SELECT actor FROM audit WHERE action = 'event.change'")" = lead ] || fail "no audit entry"
	# The action's words beside the field, with no command-line syntax.
	post lead /events/1 activity=fair-prep date=2025-09-15 year_group=12
	expect_status 400
	expect_out_has 'is for Years 7 and 8, not Year 12: choose one of its year groups.'
	expect_out_lacks '--year-group'
	# Cancelled: struck through in the list, no register offered.
	post lead /events/1/cancel reason="Hall flooded"
	expect_status 303
	get lead '/events?year=2025/26'
	expect_out_has '<del>Moved</del> <strong class="tag">Cancelled</strong>'
	expect_out_has 'Hall flooded'
	expect_out_lacks 'href="/events/1/register"'
	post lead /events/1/reinstate
	expect_status 303
	get lead '/events?year=2025/26'
	expect_out_has 'href="/events/1/register"'
	# A register taken: delete refused and the page says why.
	adeyemi=$(student_id $ADEYEMI)
	get lead /events/1/register
	key=$(sed -n 's/.*name="key" value="\([0-9a-f]*\)".*/\1/p' "$T/out" | head -n 1)
	post lead /events/1/register "key=$key" "m$adeyemi=present"
	expect_status 303
	post lead /events/1/delete
	expect_status 409
	expect_out_has 'cannot be deleted: cancel it instead'
	expect_out_lacks 'waymark event'
	# With a register its page offers it, and the change form keeps the
	# activity and year groups as they are.
	get lead /events/1
	expect_out_has 'href="/events/1/register">Open the register</a>'
	expect_out_has 'Term 1, week '
	get lead /events/1/edit
	expect_out_has 'They stay as they are: the register has been taken.'
	expect_out_has '<input type="hidden" name="activity" value="fair-prep">'
	expect_out_lacks '<select id="activity"'
	# Cancelling it asks first, keeping the reason typed; then it is done.
	post lead /events/1/cancel reason="Hall flooded again"
	expect_status 200
	expect_out_has 'Cancel it anyway'
	expect_out_has 'value="Hall flooded again"'
	[ "$(sql 'SELECT count(*) FROM event WHERE cancelled_at IS NOT NULL')" = 0 ] || fail "cancelled unasked"
	post lead /events/1/cancel confirm=1 reason="Hall flooded again"
	expect_status 303
	[ "$(sql 'SELECT cancel_reason FROM event WHERE id = 1')" = "Hall flooded again" ] || fail "the reason was lost"
	# An event with no register goes, once confirmed.
	post lead /events/2/delete
	expect_status 200
	expect_out_has 'Yes, delete it'
	[ "$(sql 'SELECT count(*) FROM event WHERE id = 2')" = 1 ] || fail "deleted unasked"
	post lead /events/2/delete confirm=1
	expect_status 303
	[ "$(sql 'SELECT count(*) FROM event WHERE id = 2')" = 0 ] || fail "not deleted"
	web_stop
}

test_events_register_not_offered_before_the_day() {
	web_school
	run event add fair-prep --date 2025-11-20 --year-group 7
	expect_out 3
	web_start
	sign_in lead leader
	get lead '/events?year=2025/26'
	expect_out_has 'href="/events/1/register"'
	expect_out_lacks 'href="/events/3/register"'
	expect_out_has 'not due yet'
	web_stop
}

# The same request from the command line and the browser makes the same
# event and the same audit entry: one action behind both.
test_events_cli_and_web_make_the_same_change() {
	web_school
	run org add "Kent Engineering Ltd" --kind employer
	expect_rc 0
	org=$(cat "$T/out")
	run event add careers-fair --date 2025-10-16 --time 14:00 --year-group 9 --title Fair --org "Kent Engineering Ltd"
	expect_out 3
	run event change 3 --date 2025-10-17 --time 14:30
	expect_rc 0
	web_start
	sign_in lead leader
	post lead /events/new activity=careers-fair date=2025-10-16 time=14:00 year_group=9 title=Fair "organisation=$org" confirm=careers-fair\|2025-10-16\|9
	expect_status 303
	post lead /events/4 activity=careers-fair date=2025-10-17 time=14:30 year_group=9 title=Fair "organisation=$org" confirm=careers-fair\|2025-10-17\|9
	expect_status 303
	web_stop
	row() {
		sql "SELECT activity_id, date, start_time, year_group, title, coalesce(subject, ''),
			(SELECT group_concat(organisation_id) FROM event_organisation WHERE event_id = $1)
			FROM event WHERE id = $1"
	}
	[ "$(row 3)" = "$(row 4)" ] || fail "the command line made $(row 3), the browser $(row 4)"
	for action in event.add event.change; do
		cli=$(sql "SELECT detail FROM audit WHERE action = '$action' AND entity_key = '3'")
		web=$(sql "SELECT detail FROM audit WHERE action = '$action' AND entity_key = '4'")
		[ -n "$cli" ] && [ "$cli" = "$web" ] || fail "$action: the command line recorded $cli, the browser $web"
	done
}

# Repeating events, on the 2025/26 template calendar (tests/cli/lib.sh):
# Term 2 runs 5 January to 27 March 2026, half-term 16-20 February; its
# weeks go 5 Jan B, 12 A, 19 B, 26 A, 2 Feb B, 9 A, 23 B, 2 Mar A, 9 B,
# 16 A, 23 B.
test_events_series_from_the_command_line() {
	init_school
	run event add fair-prep --date 2026-01-16 --year-group 7 --repeat same-week
	expect_rc 0
	expect_out "1
2
3
4
5"
	expect_err_has "waymark: series 1: 5 events, every Friday in week A of Term 2 (Spring term), 2026-01-16 to 2026-03-20"
	[ "$(sql "SELECT group_concat(date, ' ') FROM (SELECT date FROM event WHERE series_id = 1 ORDER BY date)")" = "2026-01-16 2026-01-30 2026-02-13 2026-03-06 2026-03-20" ] ||
		fail "dates: $(sql 'SELECT date FROM event')"
	# Every week: the half-term's Friday is left out.
	run event add fair-prep --date 2026-01-16 --year-group 8 --repeat weekly
	expect_rc 0
	[ "$(wc -l <"$T/out")" = 10 ] || fail "weekly made $(wc -l <"$T/out") events"
	[ "$(sql "SELECT count(*) FROM event WHERE series_id = 2 AND date = '2026-02-20'")" = 0 ] || fail "an event in half-term"
	run event add fair-prep --date 2026-02-18 --repeat weekly
	expect_rc 1
	expect_err_has "--date: 2026-02-18 is not a school day, so a repeat cannot start on it."
	run event add fair-prep --date 2026-01-16 --repeat monthly
	expect_rc 2
	# The whole series moves a day earlier, with a time, in one change.
	run event change 2 --series --date 2026-01-29 --time 10:00
	expect_rc 0
	expect_out "series 1 changed: 5 events"
	[ "$(sql "SELECT group_concat(date || ' ' || start_time, ', ') FROM (SELECT * FROM event WHERE series_id = 1 ORDER BY date)")" = "2026-01-15 10:00, 2026-01-29 10:00, 2026-02-12 10:00, 2026-03-05 10:00, 2026-03-19 10:00" ] ||
		fail "moved: $(sql 'SELECT date, start_time FROM event WHERE series_id = 1')"
	[ "$(sql "SELECT count(*) FROM audit WHERE action = 'event.change' AND detail LIKE '%\"series\":1%'")" = 5 ] ||
		fail "not five audit entries"
	run event cancel 3 --series --reason "Timetable change"
	expect_rc 0
	expect_out "series 1: 5 events cancelled"
	run event reinstate 3 --series
	expect_rc 0
	expect_out "series 1: 5 events reinstated"
	run event delete 1 --series
	expect_rc 0
	expect_out "series 1: 5 events deleted"
	run event cancel 6 --series --yes
	expect_rc 0
	run event change 20 --series --title x
	expect_rc 1
	run event delete 16 --series
	expect_rc 1
	expect_err_has "there is no event 16"
}

test_events_series_with_a_held_event() {
	init_school
	run import students "$FIXTURES/rosters/sims.csv" --whole-school --as-of 2025-09-01
	expect_rc 0
	# Mondays from 3 November to the end of Term 1: 3, 10, 17, 24 November,
	# 1, 8 and 15 December. Today is Monday 10 November.
	run event add fair-prep --date 2025-11-03 --year-group 7 --repeat weekly
	expect_rc 0
	[ "$(wc -l <"$T/out")" = 7 ] || fail "$(cat "$T/out")"
	run mark 1 $ADEYEMI present
	expect_rc 0
	run event delete 2 --series
	expect_rc 1
	expect_err_has "1 of the series' events have a register, so the series cannot be deleted: cancel it instead"
	run event change 2 --series --date 2025-11-18
	expect_rc 1
	expect_err_has "--date: Its register (2025-11-03) has been taken, so it cannot move after today (2025-11-10)."
	# Cancelled from today on: the 3rd, held, stays.
	run event cancel 2 --series
	expect_rc 0
	expect_out "series 1: 6 events cancelled"
	[ "$(sql 'SELECT cancelled_at IS NULL FROM event WHERE id = 1')" = 1 ] || fail "the held event was cancelled"
	[ "$(sql 'SELECT count(*) FROM event WHERE cancelled_at IS NOT NULL')" = 6 ] || fail "not six cancelled"
}

test_events_series_on_the_web() {
	web_school
	web_start
	sign_in lead leader
	get lead /events/new
	expect_out_has '<option value="same-week">Every other week: this weekday in this week A or B</option>'
	post lead /events/new activity=careers-fair date=2026-01-16 year_group=9 repeat=same-week confirm=careers-fair\|2026-01-16\|9
	expect_status 303
	case "$location" in *"done=series-added&event=3#event-3") ;; *) fail "went to $location" ;; esac
	[ "$(sql 'SELECT count(*) FROM event WHERE series_id = 1')" = 5 ] || fail "not five events"
	get lead /events/4
	expect_out_has '<dt>Repeats</dt><dd>every Friday in week A of Term 2 (Spring term), 2026-01-16 to 2026-03-20</dd>'
	expect_out_has 'Cancel every event of its series from today on'
	post lead /events/4/cancel series=1
	expect_status 303
	[ "$(sql 'SELECT count(*) FROM event WHERE series_id = 1 AND cancelled_at IS NOT NULL')" = 5 ] || fail "not all cancelled"
	get lead /events/4/edit
	expect_out_has 'Change every event of its series'
	post lead /events/4 activity=careers-fair date=2026-01-29 year_group=9 series=1 title=Thursdays confirm=careers-fair\|2026-01-29\|9
	expect_status 303
	[ "$(sql "SELECT count(*) FROM event WHERE series_id = 1 AND title = 'Thursdays' AND strftime('%w', date) = '4'")" = 5 ] ||
		fail "not all moved to Thursdays: $(sql 'SELECT date, title FROM event')"
	post lead /events/4/delete series=1
	expect_status 200
	expect_out_has 'Delete the whole series?'
	post lead /events/4/delete series=1 confirm=1
	expect_status 303
	[ "$(sql 'SELECT count(*) FROM event WHERE series_id = 1')" = 0 ] || fail "not deleted"
	web_stop
}

test_events_organisations_added_on_the_web_and_the_command_line() {
	web_school
	web_start
	sign_in lead leader
	sign_in tutor tutor --scope 7A
	get lead /events/new
	expect_out_has 'add them on the <a href="/organisations">organisations page</a>'
	get tutor /organisations
	expect_status 403
	post lead /organisations name="Kent Engineering Ltd" kind=employer sector=Engineering size=medium
	expect_status 303
	[ "$location" = "$BASE/organisations?done=added" ] || fail "went to $location"
	get lead /organisations
	expect_out_has '<th scope="row">Kent Engineering Ltd</th><td>Employer</td><td>Engineering</td><td>medium</td><td>0</td>'
	post lead /organisations name="kent engineering ltd" kind=employer
	expect_status 400
	expect_out_has 'There is already an organisation called'
	post lead /organisations name= kind=pirate size=huge
	expect_status 400
	expect_out_has "Give the organisation&#39;s name"
	expect_out_has 'Choose what kind of organisation it is'
	expect_out_has 'Choose its size'
	get lead /events/new
	expect_out_has 'Kent Engineering Ltd <span class="meta">(employer)</span>'
	web_stop
	# The command line runs the same action, with the same audit entry.
	run org add "Kent Engineering Ltd" --kind employer
	expect_rc 1
	expect_err_has 'NAME: There is already an organisation called "Kent Engineering Ltd".'
	run org add "Medway College" --kind college
	expect_rc 0
	[ "$(sql "SELECT actor || ' ' || detail FROM audit WHERE action = 'organisation.add' ORDER BY id")" = "lead employer
cli:$(id -un) college" ] || fail "audit: $(sql "SELECT actor, detail FROM audit WHERE action = 'organisation.add'")"
}

# Scheduling warns of what `waymark check timing` would find once it is
# saved, and of each problem once (the review found a Saturday warned
# twice and the consecutive-days rule missed).
test_events_scheduling_warns_as_check_timing_does() {
	init_school
	run event add fair-prep --date 2025-09-08 --year-group 7
	expect_rc 0
	run event add fair-prep --date 2025-09-13 --year-group 7
	expect_rc 0
	[ "$(grep -c 'is not a school day' "$T/err")" = 1 ] || fail "the Saturday warned $(grep -c 'is not a school day' "$T/err") times: $(cat "$T/err")"
	expect_err_has "warning: fair-prep: 2025-09-13 (Saturday) is not a school day"
	expect_err_has "warning: fair-prep: sessions on 2025-09-08 and 2025-09-13 are not on consecutive school days"
	run check timing --year 2025/26
	expect_out_has "sessions on 2025-09-08 and 2025-09-13 are not on consecutive school days"
}
