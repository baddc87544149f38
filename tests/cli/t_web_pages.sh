# The web pages (issue 5): the programme grid and editing an activity, the
# calendar and events with scheduling and its timing check, registers, pupils,
# a pupil's record and guidance notes. Each test serves a small school (the
# minimal programme, the 2025/26 calendar, the ten pupils of sims.csv: 7A has
# Seun Adeyemi and Zoë Brown, 7B has Łukasz Nowak) on a free loopback port and
# talks to it with curl as the roles would.

# The school: web_school in lib.sh.

test_web_pages_answer_each_role() {
	web_school
	web_start
	sign_in lead leader --name "Pat Leader"
	get lead /programme
	expect_status 200
	expect_out_has '<h2 id="year-7">Year 7</h2>'
	expect_out_has 'href="/programme/activities/fair-prep">Careers Fair preparation'
	expect_out_has 'all pupils; 3 sessions; careers lesson; Years 7 and 8; Gatsby 2'
	get lead /programme/activities/fair-prep
	expect_status 200
	expect_out_has 'name="sessions" type="text" inputmode="numeric" pattern="[0-9]*" class="short" required value="3"'
	expect_out_has 'id="benchmark-2" name="benchmark" value="2" checked'
	get lead /events
	expect_status 200
	expect_out_has '<th scope="row">Term 1: Autumn term</th>'
	expect_out_has '<td class="num">192</td></tr></tfoot>'
	expect_out_has '(careers-fair)</span></th><td><time datetime="2025-10-16">Thu 16 Oct 2025</time></td><td>Term 1</td>'
	expect_out_has '<time datetime="2025-09-08">Mon 8 Sep 2025</time><br><span class="meta">Term 1, week B</span>'
	expect_out_has 'not taken<br><a class="register-link" href="/events/1/register">Take register'
	get lead /events/new
	expect_status 200
	expect_out_has '<option value="fair-prep">Careers Fair preparation (Years 7 and 8)</option>'
	get lead /events/1/register
	expect_status 200
	expect_out_has '<legend>Adeyemi, Seun <span class="meta">(7A)</span></legend>'
	expect_out_has '<legend>Nowak, Łukasz <span class="meta">(7B)</span></legend>'
	expect_out_lacks 'Jones, Siân'
	get lead "/pupils?q=7a"
	expect_status 200
	expect_out_has '<h2 id="results">2 pupils</h2>'
	expect_out_has "<a href=\"/pupils/$ADEYEMI\">Seun Adeyemi</a>"
	# Names as people type them: no accents, any case.
	get lead "/pupils?q=zoe"
	expect_out_has '<h2 id="results">1 pupil</h2>'
	expect_out_has "<a href=\"/pupils/$BROWN\">Zoë Brown</a>"
	get lead "/pupils?q=SIAN"
	expect_out_has '<h2 id="results">1 pupil</h2>'
	get lead "/pupils?q=%C5%82ukasz"
	expect_out_has "<a href=\"/pupils/$NOWAK\">Łukasz Nowak</a>"
	get lead "/pupils/$ADEYEMI"
	expect_status 200
	expect_out_has 'Entitlement in 2025/26'
	# Its one event (8 September) has no register: not held for anyone, so not
	# owed as it used to say, and said as such.
	expect_out_has '<th scope="row">Careers Fair preparation</th><td><span class="badge badge-neutral">register not taken</span><br><span class="meta">register not taken at 1 session</span>'
	get lead "/pupils/$ADEYEMI/guidance"
	expect_status 200
	expect_out_has 'Record a meeting'
	get lead /calendar
	expect_status 303
	case "$location" in */events) ;; *) fail "/calendar went to $location" ;; esac

	sign_in gill governor
	get gill /programme
	expect_status 200
	expect_out_lacks '/programme/activities/'
	for path in /programme/activities/fair-prep /events /events/new /events/1/register /pupils \
		"/pupils/$ADEYEMI" "/pupils/$ADEYEMI/guidance"; do
		get gill "$path"
		[ "$status" = 403 ] || fail "a governor got $status for $path"
	done

	sign_in jo adviser --name "Jo Okafor"
	get jo "/pupils/$ADEYEMI/guidance"
	expect_status 200
	get jo /events
	expect_status 200
	expect_out_lacks 'Take register'
	for path in /programme/activities/fair-prep /events/new /events/1/register; do
		get jo "$path"
		[ "$status" = 403 ] || fail "an adviser got $status for $path"
	done
	web_stop
}

test_web_tutor_sees_and_marks_only_their_groups() {
	web_school
	web_start
	sign_in tom tutor --scope 7A
	get tom /events
	expect_status 200
	expect_out_has 'href="/events/1/register"'
	expect_out_lacks 'Year 8 fair visit'
	get tom /events/1/register
	expect_status 200
	expect_out_has 'Adeyemi, Seun'
	expect_out_has 'Brown, Zoë'
	expect_out_lacks 'Nowak'
	expect_out_has '7A (1 pupil of other groups not shown)'

	# A mark for a pupil of another group is refused, alone or with others.
	nowak=$(student_id $NOWAK)
	adeyemi=$(student_id $ADEYEMI)
	post tom /events/1/register "m$nowak=absent"
	expect_status 403
	expect_out_has 'a tutor marks only the pupils of their own groups'
	post tom /events/1/register "m$adeyemi=present" "m$nowak=absent"
	expect_status 303
	case "$location" in *"present=1&absent=0&excused=0&refused=1") ;; *) fail "went to $location" ;; esac
	[ "$(mark_of $ADEYEMI 1)" = present ] || fail "the tutor's own pupil was not marked"
	[ "$(mark_of $NOWAK 1)" = none ] || fail "a pupil of another group was marked"
	get tom "/events/1/register?done=saved&present=1&absent=0&excused=0&refused=1"
	expect_out_has 'Register saved: 1 present, 0 absent, 0 excused.'
	expect_out_has '1 mark was not saved'

	get tom "/pupils?q=nowak"
	expect_status 200
	expect_out_has 'No pupils match.'
	get tom "/pupils/$NOWAK"
	expect_status 404
	get tom "/pupils/$ADEYEMI"
	expect_status 200
	expect_out_lacks 'Personal guidance meetings and notes'
	get tom "/pupils/$ADEYEMI/guidance"
	expect_status 403
	post tom "/pupils/$ADEYEMI/guidance" date=2025-11-03 adviser=Tom level=6 notes=x
	expect_status 403
	[ "$(sql 'SELECT count(*) FROM guidance_meeting')" = 0 ] || fail "a tutor recorded a meeting"
	web_stop
}

test_web_register_saves_marks_with_an_audit_row() {
	web_school
	web_start
	sign_in lead leader
	adeyemi=$(student_id $ADEYEMI)
	brown=$(student_id $BROWN)
	nowak=$(student_id $NOWAK)
	jones=$(student_id $JONES)

	# Without the form's token nothing is written.
	post_raw lead /events/1/register "m$adeyemi=present"
	expect_status 403
	expect_out_has 'This form has expired or did not come from Waymark'
	[ "$(mark_of $ADEYEMI 1)" = none ] || fail "a POST without the token wrote a mark"

	post lead /events/1/register "m$adeyemi=present" "m$brown=absent" "m$nowak=present"
	expect_status 303
	case "$location" in */events/1/register?done=saved\&present=2\&absent=1\&excused=0) ;;
	*) fail "went to $location" ;; esac
	[ "$(mark_of $ADEYEMI 1) $(mark_of $BROWN 1) $(mark_of $NOWAK 1)" = "present absent present" ] ||
		fail "marks not written"
	[ "$(sql "SELECT actor || ' ' || action || ' ' || entity || ' ' || entity_key FROM audit WHERE action = 'register.save'")" = "lead register.save event 1" ] ||
		fail "no audit row"
	get lead "/events/1/register?done=saved&present=2&absent=1&excused=0"
	expect_out_has 'Register saved: 2 present, 1 absent, 0 excused.'
	expect_out_has "id=\"m$brown-absent\" name=\"m$brown\" value=\"absent\" checked"

	# A change is audited with what it was and what it became.
	post lead /events/1/register "m$adeyemi=present" "m$brown=excused" "m$nowak=present"
	expect_status 303
	[ "$(mark_of $BROWN 1)" = excused ] || fail "the change was not written"
	detail=$(sql "SELECT detail FROM audit WHERE action = 'register.save' ORDER BY id DESC LIMIT 1")
	[ "$detail" = "{\"present\":2,\"absent\":0,\"excused\":1,\"changed\":[{\"upn\":\"$BROWN\",\"before\":\"absent\",\"after\":\"excused\"}]}" ] ||
		fail "audit detail: $detail"

	# A pupil who is not on this register (Year 8) is refused.
	post lead /events/1/register "m$jones=present"
	expect_status 403
	[ "$(mark_of $JONES 1)" = none ] || fail "a Year 8 pupil was marked at a Year 7 event"
	# "Everyone not yet marked present" fills the gaps only.
	sql "DELETE FROM mark WHERE student_id = $nowak"
	post lead /events/1/register "m$brown=excused" rest=present
	expect_status 303
	[ "$(mark_of $NOWAK 1) $(mark_of $BROWN 1) $(mark_of $ADEYEMI 1)" = "present excused present" ] ||
		fail "rest=present: $(mark_of $NOWAK 1) $(mark_of $BROWN 1) $(mark_of $ADEYEMI 1)"
	web_stop
}

test_web_names_are_escaped() {
	web_school
	web_start
	sign_in lead leader
	sql "UPDATE student SET legal_surname = '<script>alert(1)</script>', preferred_forename = NULL WHERE upn = '$ADEYEMI'"
	post lead /programme/activities/fair-prep "name=Fair <script>alert(2)</script> prep" \
		sessions=3 cohort=all benchmark=2 kind=careers-lesson note=
	expect_status 303
	get lead /programme
	expect_out_has 'Fair &lt;script&gt;alert(2)&lt;/script&gt; prep'
	expect_out_lacks '<script>'
	get lead /events/1/register
	expect_out_has '&lt;script&gt;alert(1)&lt;/script&gt;, Oluwaseun'
	expect_out_lacks '<script>'
	get lead "/pupils?q=7A"
	expect_out_has 'Oluwaseun &lt;script&gt;alert(1)&lt;/script&gt;'
	expect_out_lacks '<script>'
	get lead "/pupils/$ADEYEMI"
	expect_out_has '<h1>Oluwaseun &lt;script&gt;alert(1)&lt;/script&gt;</h1>'
	expect_out_lacks '<script>'
	web_stop
}

test_web_activity_edit_checks_and_audits() {
	web_school
	web_start
	sign_in lead leader
	post lead /programme/activities/careers-fair name= sessions=0 cohort=all kind=employer-encounter \
		benchmark=9
	expect_status 400
	expect_out_has '<a href="#name">Enter the activity&#39;s name.</a>'
	expect_out_has 'id="sessions-error"'
	expect_out_has 'aria-invalid="true" aria-describedby="sessions-error"'
	expect_out_has 'id="benchmark-1-error"'
	# Provider Access needs a provider: a careers lesson meets none.
	post lead /programme/activities/fair-prep name=Prep sessions=3 cohort=all kind=careers-lesson \
		provider_access=yes
	expect_status 400
	expect_out_has 'id="provider_access-error"'
	[ "$(sql "SELECT name || '|' || sessions || '|' || provider_access FROM activity WHERE slug = 'fair-prep'")" = "Careers Fair preparation|3|0" ] ||
		fail "a refused edit changed the activity"

	post lead /programme/activities/careers-fair "name=The Careers Fair" sessions=1 cohort=all \
		kind=employer-encounter benchmark=5 benchmark=7 benchmark=6 "note=On the fair date"
	expect_status 303
	# Back to the activity itself, its message beside it (issue 11: not the
	# top of a long page).
	case "$location" in */programme?done=saved\&activity=careers-fair#activity-careers-fair) ;; *) fail "went to $location" ;; esac
	[ "$(sql "SELECT name || '|' || benchmarks || '|' || timing_note FROM activity WHERE slug = 'careers-fair'")" = "The Careers Fair|224|On the fair date" ] ||
		fail "not saved: $(sql "SELECT name, benchmarks, timing_note FROM activity WHERE slug = 'careers-fair'")"
	[ "$(sql "SELECT detail FROM audit WHERE action = 'activity.edit' AND entity_key = 'careers-fair'")" = '{"before":{"name":"KGA Annual Careers Fair","benchmarks":[5,7],"timing_note":null},"after":{"name":"The Careers Fair","benchmarks":[5,6,7],"timing_note":"On the fair date"}}' ] ||
		fail "audit: $(sql "SELECT detail FROM audit WHERE action = 'activity.edit'")"
	# The other activity and the programme's shape are untouched.
	[ "$(sql "SELECT count(*) || '|' || sum(retired) FROM activity")" = "2|0" ] || fail "activities changed"
	get lead "/programme?done=saved&activity=careers-fair"
	expect_out_has '<li id="activity-careers-fair"><div class="notice notice-success" role="status"><p>The activity was saved.</p></div>'
	[ "$(grep -c 'The activity was saved.' "$T/out")" = 1 ] || fail "the message shown twice"
	web_stop
}

# `waymark programme edit` and the activity's form are one action: the same
# request makes the same activity and the same audit entry, and the same
# problems are refused with nothing changed.
test_web_activity_edit_and_programme_edit_are_one_action() {
	web_school
	run programme edit careers-fair "--name=The Careers Fair" --benchmarks 5,6,7 "--timing-note=On the fair date"
	expect_out "activity careers-fair: saved"
	cli_row=$(sql "SELECT name || '|' || sessions || '|' || cohort || '|' || benchmarks || '|' || kind || '|' || provider_access || '|' || coalesce(timing_note, '') FROM activity WHERE slug = 'careers-fair'")
	cli_audit=$(sql "SELECT detail FROM audit WHERE action = 'activity.edit'")
	[ "$cli_audit" = '{"before":{"name":"KGA Annual Careers Fair","benchmarks":[5,7],"timing_note":null},"after":{"name":"The Careers Fair","benchmarks":[5,6,7],"timing_note":"On the fair date"}}' ] ||
		fail "audit: $cli_audit"
	run programme edit careers-fair "--name=The Careers Fair"
	expect_out "activity careers-fair: nothing changed"
	[ "$(sql "SELECT count(*) FROM audit WHERE action = 'activity.edit'")" = 1 ] || fail "an edit changing nothing was audited"
	# The same problems the form shows, named as options.
	run programme edit careers-fair --name= --sessions 0 --benchmarks 9
	expect_rc 1
	expect_err_has "waymark: --name: Enter the activity's name."
	expect_err_has "waymark: --sessions: Sessions must be a whole number from 1 to 100."
	expect_err_has "waymark: --benchmarks: Choose benchmarks from 1 to 8."
	run programme edit fair-prep --provider-access yes
	expect_rc 1
	expect_err_has "waymark: --provider-access: Provider Access needs pupils to meet a provider"
	run programme edit no-such-thing --sessions 2
	expect_rc 1
	expect_err_has 'no activity "no-such-thing"'
	[ "$(sql "SELECT name || '|' || sessions FROM activity WHERE slug = 'fair-prep'")" = "Careers Fair preparation|3" ] || fail "a refused edit changed fair-prep"

	# Back as it was, then the same change from the browser.
	run programme edit careers-fair "--name=KGA Annual Careers Fair" --benchmarks 5,7 --timing-note=
	expect_rc 0
	sql "DELETE FROM audit WHERE action = 'activity.edit'"
	web_start
	sign_in lead leader
	post lead /programme/activities/careers-fair "name=The Careers Fair" sessions=1 cohort=all \
		kind=employer-encounter benchmark=5 benchmark=6 benchmark=7 "note=On the fair date"
	expect_status 303
	web_stop
	[ "$(sql "SELECT name || '|' || sessions || '|' || cohort || '|' || benchmarks || '|' || kind || '|' || provider_access || '|' || coalesce(timing_note, '') FROM activity WHERE slug = 'careers-fair'")" = "$cli_row" ] ||
		fail "the command line made $cli_row, the browser something else"
	[ "$(sql "SELECT detail FROM audit WHERE action = 'activity.edit'")" = "$cli_audit" ] ||
		fail "the browser audited $(sql "SELECT detail FROM audit WHERE action = 'activity.edit'")"
}

test_web_event_new_checks_timing() {
	web_school
	web_start
	sign_in lead leader
	get lead "/events/new?activity=fair-prep&date=2025-10-16"
	expect_status 200
	expect_out_has '<option value="fair-prep" selected>'
	expect_out_has 'Thursday 16 October 2025: Term 1 (Autumn term), week A, a school day.'
	# Late in Term 1, after the fair: fair-prep's rule is broken twice.
	post lead /events/new activity=fair-prep date=2025-11-20 year_group=7 title=
	expect_status 200
	expect_out_has 'Thursday 20 November 2025: Term 1 (Autumn term), week A, a school day.'
	expect_out_has '<li>2025-11-20 is not early in term 1'
	expect_out_has 'name="confirm" value="fair-prep|2025-11-20|7"'
	expect_out_has 'Schedule anyway'
	[ "$(sql 'SELECT count(*) FROM event')" = 2 ] || fail "an event with timing problems was added unconfirmed"
	# A confirmation of another date does not confirm this one.
	post lead /events/new activity=fair-prep date=2025-11-21 year_group=7 "confirm=fair-prep|2025-11-20|7"
	expect_status 200
	[ "$(sql 'SELECT count(*) FROM event')" = 2 ] || fail "a stale confirmation added an event"
	post lead /events/new activity=fair-prep date=2025-11-20 year_group=7 "confirm=fair-prep|2025-11-20|7"
	expect_status 303
	case "$location" in */events?year=2025/26\&done=added\&event=3#event-3) ;; *) fail "went to $location" ;; esac
	[ "$(sql "SELECT date || '|' || year_group FROM event WHERE id = 3")" = "2025-11-20|7" ] || fail "not added"
	[ "$(sql "SELECT entity_key FROM audit WHERE action = 'event.add' AND actor = 'lead'")" = 3 ] || fail "no audit row"

	# No timing rule, no questions; a wrong year group is a field error.
	post lead /events/new activity=careers-fair date=2025-10-16 year_group=
	expect_status 303
	post lead /events/new activity=fair-prep date=2025-09-09 year_group=9
	expect_status 400
	expect_out_has 'id="year_group-error"'
	# Checked with the activity's other sessions too, as check timing
	# does: Year 7's three (8 September, this one, and 20 November,
	# scheduled anyway above) are not on consecutive school days.
	post lead /events/new activity=fair-prep date=2025-09-09 year_group=7 check=1
	expect_status 200
	expect_out_has '<li>sessions on 2025-09-09 and 2025-11-20 are not on consecutive school days</li>'
	# Year 8 has no other session: the date alone, and it meets the rule.
	post lead /events/new activity=fair-prep date=2025-09-09 year_group=8 check=1
	expect_status 200
	expect_out_has 'This date meets the activity&#39;s timing rule.'
	[ "$(sql 'SELECT count(*) FROM event')" = 4 ] || fail "checking a date added an event"
	web_stop
}

test_web_guidance_notes_stay_with_their_adviser() {
	web_school
	web_start
	sign_in jo adviser --name "Jo Okafor"
	post jo "/pupils/$ADEYEMI/guidance" date=2025-11-03 adviser=Someone external=yes level=6 \
		"notes=Wants to be a vet: sixth form biology."
	expect_status 303
	[ "$(sql "SELECT adviser || '|' || external || '|' || notes FROM guidance_meeting")" = "Jo Okafor|1|Wants to be a vet: sixth form biology." ] ||
		fail "not recorded as Jo's: $(sql 'SELECT adviser, notes FROM guidance_meeting')"
	[ "$(sql "SELECT detail FROM audit WHERE action = 'guidance.add'")" = '{"after":{"date":"2025-11-03","adviser":"Jo Okafor","external":true,"level":6,"follow_up":false,"notes_characters":38}}' ] ||
		fail "audit: $(sql "SELECT detail FROM audit WHERE action = 'guidance.add'")"
	get jo "/pupils/$ADEYEMI/guidance"
	expect_out_has 'Wants to be a vet'
	post jo "/pupils/$ADEYEMI/guidance" date=2030-01-01 level=6 notes=
	expect_status 400
	expect_out_has 'the date is in the future'

	sign_in sam adviser --name "Sam Other"
	get sam "/pupils/$ADEYEMI/guidance"
	expect_status 200
	expect_out_has 'Mon 3 Nov 2025</time> with Jo Okafor'
	expect_out_lacks 'Wants to be a vet'
	expect_out_has "Only the careers leader and this meeting's adviser can read its notes."

	sign_in lead leader
	get lead "/pupils/$ADEYEMI/guidance"
	expect_out_has 'Wants to be a vet'
	# The record shows the meeting, never its notes.
	get lead "/pupils/$ADEYEMI"
	expect_out_has 'Mon 3 Nov 2025</time>: personal guidance meeting with the careers adviser (Level 6)'
	expect_out_lacks 'vet'
	web_stop
}

# Every link a role's dashboard offers opens for that role: a tutor, an
# adviser or a governor is never sent to a page they may not see.
test_web_dashboard_links_open_for_their_role() {
	monitoring_school
	web_start
	sign_in lead leader
	sign_in ada admin
	sign_in jo adviser
	sign_in tom tutor --scope 7A
	sign_in gov governor
	for who in lead ada jo tom gov; do
		get "$who" /dashboard
		expect_status 200
		grep -o 'href="/[^"#]*' "$T/out" | sed 's/^href="//' | sed 's/&amp;/\&/g' | sort -u >"$T/links"
		[ -s "$T/links" ] || fail "$who: no links on the dashboard"
		while read -r link; do
			case "$link" in /static/*|/logout) continue ;; esac
			get "$who" "$link"
			[ "$status" = 200 ] || fail "$who: the dashboard links to $link, which answers $status"
		done <"$T/links"
	done
	web_stop
}

# The register import offers only events that can take a register (held by
# today, not cancelled), newest first, by month, with their year group.
test_web_imports_offers_events_that_can_take_a_register() {
	web_school
	run event add fair-prep --date 2025-12-01 --year-group 7
	future=$(cat "$T/out")
	run event add fair-prep --date 2025-09-09 --year-group 7
	gone=$(cat "$T/out")
	run event cancel "$gone" --reason "Snow"
	expect_rc 0
	web_start
	sign_in lead leader
	get lead /imports
	expect_status 200
	expect_out_has '<optgroup label="October 2025"><option value="2">Thursday 16: KGA Annual Careers Fair, Year 8 (Year 8 fair visit), no register yet</option></optgroup><optgroup label="September 2025"><option value="1">Monday 8: Careers Fair preparation, Year 7, no register yet</option></optgroup>'
	expect_out_lacks "<option value=\"$future\">"
	expect_out_lacks "<option value=\"$gone\">"
	web_stop
}

# The browser's icon, asked for at /favicon.ico whatever a page says, and
# the Settings page in the administrator's navigation (issue 11).
test_web_favicon_and_settings_in_the_navigation() {
	web_school
	web_start
	get anyone /favicon.ico
	expect_status 200
	expect_out_has '<svg xmlns="http://www.w3.org/2000/svg"'
	sign_in ada admin
	sign_in lead leader
	get ada /dashboard
	expect_out_has '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">'
	expect_out_has '<a href="/settings">Settings</a>'
	get ada /settings
	expect_out_has '<a href="/settings" aria-current="page">Settings</a>'
	get lead /dashboard
	expect_out_lacks '<a href="/settings">'
	web_stop
}

# The calendar's jobs in the browser, through the calendar actions the
# `waymark calendar` commands use: a named date, a week's letter, a year's
# calendar file (issue 11). A tutor reads it and changes nothing.
test_web_calendar_dates_weeks_and_file() {
	web_school
	web_start
	sign_in lead leader
	sign_in tom tutor --scope 7A
	get lead /events
	expect_out_has '<label class="visually-hidden" for="date-careers-fair">Date of The careers fair</label><input id="date-careers-fair" name="date" type="date" value="2025-10-16" required>'
	expect_out_has '<h2 id="weeks">A and B weeks</h2>'
	get tom /events
	expect_out_lacks 'action="/calendar/dates"'
	expect_out_lacks 'action="/calendar/import"'
	post tom /calendar/dates year=2025/26 name=careers-fair date=2025-10-23
	expect_status 403

	post lead /calendar/dates year=2025/26 name=careers-fair date=2025-10-23
	expect_status 303
	case "$location" in */events?year=2025/26\&done=date-saved#dates) ;; *) fail "went to $location" ;; esac
	run calendar show --year 2025/26
	expect_out_has "careers-fair"
	expect_out_has "2025-10-23"
	post lead /calendar/dates year=2025/26 name=careers-fair date=2027-01-01
	expect_status 400
	expect_out_has 'is not inside the academic year 2025/26'
	post lead /calendar/dates year=2025/26 "name=Careers Fair" date=2025-10-23
	expect_status 400
	expect_out_has 'is not a date name'

	# 13 October 2025 is week B by the terms; made A, the weeks after follow.
	post lead /calendar/weeks year=2025/26 date=2025-10-15 letter=A
	expect_status 303
	run calendar day 2025-10-15
	expect_out_has "week A"
	post lead /calendar/weeks year=2025/26 date=2025-10-15 letter=C
	expect_status 400
	expect_out_has 'The week letter must be A or B.'
	post lead /calendar/weeks year=2025/26 date=2025-12-24 letter=A
	expect_status 400
	expect_out_has 'has no school days'
	[ "$(sql "SELECT group_concat(actor || ' ' || action || ' ' || detail, '; ') FROM (SELECT * FROM audit WHERE action LIKE 'calendar.set%' AND actor = 'lead' ORDER BY id)")" = "lead calendar.set-date careers-fair=2025-10-23; lead calendar.set-week 2025-10-13=A" ] ||
		fail "audit: $(sql "SELECT actor, action, detail FROM audit WHERE action LIKE 'calendar.%'")"

	# A year's file, and a file with a problem, which changes nothing.
	run calendar template --year 2026/27 --output "$T/next.yaml"
	expect_rc 0
	post_curl lead /calendar/import -F "csrf=$(cat "$T/lead.csrf")" -F "file=@$T/next.yaml"
	expect_status 303
	case "$location" in */events?year=2026/27\&done=calendar-imported*) ;; *) fail "went to $location" ;; esac
	[ "$(sql "SELECT count(*) FROM audit WHERE action = 'calendar.import' AND actor = 'lead' AND detail = 'next.yaml'")" = 1 ] || fail "import not audited"
	# An unclosed list at the end: a YAML error with its line.
	cp "$T/next.yaml" "$T/bad.yaml"
	printf 'terms: [\n' >>"$T/bad.yaml"
	post_curl lead /calendar/import -F "csrf=$(cat "$T/lead.csrf")" -F "file=@$T/bad.yaml"
	expect_status 400
	expect_out_has 'Nothing was imported from bad.yaml'
	expect_out_has '<li>Line '
	[ "$(sql "SELECT count(*) FROM audit WHERE action = 'calendar.import' AND actor = 'lead'")" = 1 ] || fail "a bad file was imported"
	web_stop
}
