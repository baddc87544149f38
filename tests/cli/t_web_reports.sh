# The web pages for reports, imports, users and the audit log, through a
# real `waymark serve` on loopback and curl: what each role sees, CSV
# downloads equal to the command line's, imports checked then confirmed
# once, and every user change in the audit log.

# The school of each test is lib.sh's monitoring_school: the SIMS roster's
# ten pupils (one or two per year group, so a governor sees "c" for nearly
# every count) and registers for fair-prep and the careers fair ($fair).

# The pupils of the roster: no governor page may name one.
PUPILS="Oluwaseun Seun Adeyemi Zoë Brown Łukasz Nowak Siân Jones Seán O&#39;Brien Aisha Khan Chloé Smith-Jones Silva José Ffion Evans Chidi Okafor"
UPNS="K886400111001 Z886400111002 N886400111003 U801200005004 H801200005005 V207000016006 J207000016007 Y207000016008 R919300123009 C919300123010"

test_web_report_pages_and_csv_downloads() {
	monitoring_school
	web_start
	sign_in lead leader
	get lead /reports
	expect_status 200
	expect_out_has '<a href="/reports/entitlement">Entitlement</a>'
	expect_out_has 'href="/reports/benchmarks.csv"'

	get lead '/reports/entitlement?as_of=2025-11-10'
	expect_status 200
	header_is Content-Type 'text/html; charset=utf-8'
	# The chart: an image with a name, a title and a description, the
	# floor, and each value written beside its bar.
	expect_out_has '<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Year 7: percent of pupils who received each activity"'
	expect_out_has '<title id="y7-chart-title">Year 7: percent of pupils who received each activity</title>'
	expect_out_has '<desc id="y7-chart-desc">'
	expect_out_has '>floor 76%</text>'
	expect_out_has 'paint-order="stroke">66.7%</text>'
	# The same figures in the table, with the status in words.
	expect_out_has '<caption>Year 7: each activity</caption>'
	expect_out_has '<tr><th scope="row">Careers Fair preparation</th><td>all</td><td class="num">3</td><td class="num">3</td><td class="num">2</td><td class="num">66.7%</td><td><span class="badge badge-below">below</span></td></tr>'
	# Who missed out, by tutor group, for the careers leader.
	expect_out_has '<caption>Careers Fair preparation, Year 7: 1 pupil missed out</caption>'
	expect_out_has '<tr><td>7A</td><th scope="row">Zoë Brown</th><td>Z886400111002</td><td class="num">2 of 3</td><td>absent 2025-09-11</td></tr>'
	expect_out_has 'Seán O&#39;Brien'

	# A group chosen: its gap chart and columns.
	get lead '/reports/entitlement?as_of=2025-11-10&year_group=7&subgroup=pp&missed=no'
	expect_status 200
	expect_out_has 'aria-label="Year 7: the gap between Pupil Premium and the other pupils"'
	expect_out_has '>Percentage points, Pupil Premium minus the rest</text>'
	expect_out_has '<td class="num">+50.0</td>'
	expect_out_lacks '<h2 id="y8">'
	expect_out_lacks 'Zoë'
	# One activity: its year groups in one chart.
	get lead '/reports/entitlement?as_of=2025-11-10&activity=careers-fair'
	expect_status 200
	expect_out_has 'aria-label="KGA Annual Careers Fair: percent of pupils who received it, by year group"'
	expect_out_has '<tr><th scope="row">Year 13</th><td>all</td><td class="num">1</td><td class="num">1</td><td class="num">0</td><td class="num">0.0%</td>'
	get lead '/reports/entitlement?year_group=14'
	expect_status 400
	expect_out_has 'Choose a year group from 7 to 13.'
	get lead '/reports/entitlement?activity=%3Cscript%3E'
	expect_status 400
	expect_out_lacks '<script>'

	# The downloads: the command line's CSV, byte for byte.
	get lead '/reports/entitlement.csv?as_of=2025-11-10'
	expect_status 200
	header_is Content-Type 'text/csv; charset=utf-8'
	header_is Content-Disposition 'attachment; filename="entitlement-2025-26.csv"'
	head -c 3 "$T/out" | od -An -tx1 | grep -q 'ef bb bf' || fail "no BOM"
	run report entitlement --as-of 2025-11-10 --format csv
	cmp -s "$T/out" "$T/out" || fail "the CSV differs from the command line's:
$(diff "$T/out" "$T/out" | head -20)"
	get lead '/reports/entitlement.csv?as_of=2025-11-10&year_group=7&subgroup=pp&missed=yes'
	expect_status 200
	header_is Content-Disposition 'attachment; filename="entitlement-missed-2025-26.csv"'
	run report entitlement --as-of 2025-11-10 --year-group 7 --by pp --missed --format csv
	cmp -s "$T/out" "$T/out" || fail "the missed CSV differs from the command line's"
	get lead '/reports/entitlement.csv?as_of=2025-11-10&subgroup=pp'
	run report entitlement --as-of 2025-11-10 --by pp --format csv
	cmp -s "$T/out" "$T/out" || fail "the subgroup CSV differs from the command line's"

	get lead '/reports/benchmarks?as_of=2025-11-10'
	expect_status 200
	expect_out_has 'aria-label="Gatsby Benchmark scores"'
	expect_out_has '<caption>bm5-year, by year group</caption>'
	get lead '/reports/benchmarks.csv?as_of=2025-11-10&mode=strict'
	expect_status 200
	header_is Content-Disposition 'attachment; filename="benchmarks-2025-26.csv"'
	run report benchmarks --as-of 2025-11-10 --mode strict --format csv
	cmp -s "$T/out" "$T/out" || fail "the benchmarks CSV differs from the command line's"

	get lead '/reports/provider-access?as_of=2025-11-10'
	expect_status 200
	expect_out_has 'aria-label="Provider Access: percent of pupils with two encounters, by year group"'
	get lead '/reports/provider-access.csv?as_of=2025-11-10'
	expect_status 200
	header_is Content-Disposition 'attachment; filename="provider-access-2025-26.csv"'
	run report provider-access --as-of 2025-11-10 --format csv
	cmp -s "$T/out" "$T/out" || fail "the Provider Access CSV differs from the command line's"
}

test_web_governor_sees_aggregates_only() {
	monitoring_school
	web_start
	sign_in gov governor
	for page in '/reports/entitlement?as_of=2025-11-10&missed=yes' \
		'/reports/entitlement?as_of=2025-11-10&subgroup=girls' \
		'/reports/benchmarks?as_of=2025-11-10' '/reports/provider-access?as_of=2025-11-10' /reports; do
		get gov "$page"
		expect_status 200
		for word in $PUPILS $UPNS; do
			expect_out_lacks "$word"
		done
		expect_out_lacks 'Who missed out'
		expect_out_lacks '.csv'
	done
	# Year 7 has three pupils: every count under 5 is "c", and no bar is
	# drawn for a hidden percent.
	get gov '/reports/entitlement?as_of=2025-11-10&year_group=7'
	expect_out_has '<tr><th scope="row">Careers Fair preparation</th><td>all</td><td class="num">3</td><td class="num">c</td><td class="num">c</td><td class="num">c</td><td>c</td></tr>'
	expect_out_has 'Counts under 5 are shown as <strong>c</strong>'
	expect_out_lacks '66.7'
	expect_out_lacks 'class="chart-bar"'
	expect_out_has 'paint-order="stroke">c</text>'
	for page in /imports /users /users/new /audit /settings /reports/entitlement.csv \
		/reports/benchmarks.csv /reports/provider-access.csv; do
		get gov "$page"
		expect_status 403
	done
	post_curl gov /imports/roster -F "csrf=$csrf" -F "file=@$FIXTURES/rosters/sims.csv" -F year=2025/26 \
		-F as_of=2025-11-10 -F mode=full
	expect_status 403
}

test_web_import_with_errors_changes_nothing() {
	monitoring_school
	web_start
	sign_in lead leader
	run audit
	cp "$T/out" "$T/audit-before"
	run import students "$FIXTURES/rosters/bad.csv" --whole-school --dry-run
	expect_rc 1
	cp "$T/err" "$T/problems"
	get lead /imports
	post_curl lead /imports/roster -F "csrf=$(csrf_of)" -F "file=@$FIXTURES/rosters/bad.csv" \
		-F year=2025/26 -F as_of=2025-11-10 -F mode=full
	expect_status 422
	expect_out_has '9 errors: nothing was imported.'
	expect_out_has '<caption>9 errors and 1 warning, in the order of the file</caption>'
	expect_out_lacks 'Confirm the import'
	expect_out_lacks 'name="token"'
	# Every problem the command line reports, with its line and column.
	sed -n 's/^[^:]*:\([0-9]*\): column \([^:]*\): \(.*\)$/\1|\2|\3/p' "$T/problems" >"$T/expected"
	[ "$(wc -l <"$T/expected")" -eq 10 ] || fail "expected 10 problems from the command line: $(cat "$T/problems")"
	while IFS='|' read -r line column message; do
		kind=Error
		class=kind-error
		case "$message" in "warning: "*)
			kind=Warning
			class=kind-warning
			message=${message#warning: } ;;
		esac
		message=$(printf '%s' "$message" | sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' \
			-e 's/"/\&quot;/g' -e "s/'/\&#39;/g")
		expect_out_has "<tr><td class=\"num\">$line</td><td>$column</td><td class=\"$class\">$kind</td><td>$message</td></tr>"
	done <"$T/expected"
	# Nothing changed: no pupil, no import, no audit row.
	run report student X886400119001
	expect_rc 1
	run audit
	diff "$T/audit-before" "$T/out" >/dev/null || fail "the audit log changed: $(diff "$T/audit-before" "$T/out")"
	get lead /imports
	expect_out_lacks 'bad.csv'
	# No file, or a bad year: the form again, with what to fix.
	post_curl lead /imports/roster -F "csrf=$(csrf_of)" -F year=2025/26 -F as_of=2025-11-10 -F mode=full
	expect_status 400
	expect_out_has 'Choose a file to check'
	get lead /imports
	post_curl lead /imports/roster -F "csrf=$(csrf_of)" -F "file=@$FIXTURES/rosters/sims.csv" \
		-F year=next -F as_of=2025-11-10 -F mode=full
	expect_status 400
	expect_out_has 'The academic year is not one'
}

test_web_import_applies_only_after_confirm_and_once() {
	monitoring_school
	web_start
	sign_in lead leader
	# The roster with one new pupil.
	sed '/^Total/d' "$FIXTURES/rosters/sims.csv" >"$T/roster.csv"
	printf 'P207000016049,001011,,Newman,Nia,,01/02/2014,F,7,7B,Curie,N,N,N,N,N,N,01/09/2025,06/06/2079\r\n' >>"$T/roster.csv"
	get lead /imports
	post_curl lead /imports/roster -F "csrf=$(csrf_of)" -F "file=@$T/roster.csv;filename=roster.csv" \
		-F year=2025/26 -F as_of=2025-11-10 -F mode=full
	expect_status 200
	expect_out_has '<li>11 pupils for 2025/26: 1 new, 0 updated, 0 left, 10 unchanged</li>'
	expect_out_has 'Confirm the import'
	token=$(sed -n 's/.*name="token" value="\([0-9a-f]*\)".*/\1/p' "$T/out")
	[ -n "$token" ] || fail "no confirmation token"
	lead_csrf=$(csrf_of)
	# Checked, not imported.
	run report student P207000016049
	expect_rc 1
	post_curl lead /imports/confirm -d "csrf=$lead_csrf" -d "token=$token"
	expect_status 303
	header_is Location '/imports?imported=students&new=1&updated=0&left=0&unchanged=10'
	get lead '/imports?imported=students&new=1&updated=0&left=0&unchanged=10'
	expect_out_has 'The roster was imported: 1 new, 0 updated, 0 left, 10 unchanged.'
	expect_out_has '<td>roster</td><td>roster.csv</td><td>lead</td><td>1 new, 0 updated, 0 left, 10 unchanged</td>'
	run report student P207000016049
	expect_rc 0
	expect_out_has 'Nia Newman'
	run audit
	expect_out_has "	lead	import.students	roster	roster.csv	2025/26: 1 new, 0 updated, 0 left, 10 unchanged"
	# The same confirmation again: refused, nothing imported twice.
	post_curl lead /imports/confirm -d "csrf=$lead_csrf" -d "token=$token"
	expect_status 410
	expect_out_has 'confirmed already'
	run audit
	[ "$(grep -c '	lead	import.students	' "$T/out")" -eq 1 ] || fail "imported twice: $(cat "$T/out")"
	# Another user cannot confirm someone else's check.
	get lead /imports
	post_curl lead /imports/roster -F "csrf=$(csrf_of)" -F "file=@$T/roster.csv;filename=roster.csv" \
		-F year=2025/26 -F as_of=2025-11-10 -F mode=partial
	expect_status 200
	expect_out_has '<li>11 pupils for 2025/26: 0 new, 0 updated, 0 left, 11 unchanged</li>'
	token=$(sed -n 's/.*name="token" value="\([0-9a-f]*\)".*/\1/p' "$T/out")
	sign_in boss admin
	post_curl boss /imports/confirm -d "csrf=$csrf" -d "token=$token"
	expect_status 410
	# The first roster of a new year is a rollover.
	get lead /imports
	post_curl lead /imports/roster -F "csrf=$(csrf_of)" -F "file=@$FIXTURES/rosters/sims.csv" \
		-F year=2026/27 -F as_of=2026-09-01 -F mode=full
	expect_status 200
	expect_out_has '<li>rollover from 2025/26:'
	# A register for one event, checked then confirmed.
	printf 'UPN,Attendance\r\nY207000016008,Present\r\nC919300123010,Present\r\n' >"$T/fair.csv"
	get lead /imports
	expect_out_has "<optgroup label=\"October 2025\"><option value=\"$fair\">Thursday 16: KGA Annual Careers Fair</option></optgroup>"
	post_curl lead /imports/register -F "csrf=$(csrf_of)" -F "file=@$T/fair.csv;filename=fair.csv" -F "event=$fair"
	expect_status 200
	expect_out_has '<li>2 marks (2 present, 0 absent, 0 excused) for 1 event</li>'
	token=$(sed -n 's/.*name="token" value="\([0-9a-f]*\)".*/\1/p' "$T/out")
	post_curl lead /imports/confirm -d "csrf=$lead_csrf" -d "token=$token"
	expect_status 303
	header_is Location '/imports?imported=register&marks=2&events=1'
	run audit
	expect_out_has "	lead	import.register	register	fair.csv	2 marks for 1 events"
}

test_web_user_admin_writes_audit_rows() {
	monitoring_school
	web_start
	sign_in boss admin
	get boss /users
	expect_status 200
	expect_out_has 'Warning: only one administrator can sign in.'
	post_curl boss /users/new -d "csrf=$csrf" -d login=tess --data-urlencode 'name=Tess <T>' -d role=tutor \
		--data-urlencode 'scope=7A Y8'
	expect_status 200
	expect_out_has 'Tess &lt;T&gt; was added as tutor.'
	expect_out_lacks 'Tess <T>'
	otp=$(sed -n 's/.*<p class="secret"><code>\([^<]*\)<\/code>.*/\1/p' "$T/out")
	[ -n "$otp" ] || fail "no one-time password shown"
	get boss /users
	id=$(sed -n 's/.*<a href="\/users\/\([0-9]*\)">Tess &lt;T&gt;<\/a>.*/\1/p' "$T/out")
	[ -n "$id" ] || fail "tess is not listed"
	expect_out_has '<td>tess</td><td>tutor</td><td>7A Y8</td><td>new password owed</td><td>never</td><td>off</td>'
	# The new user signs in with it.
	post_curl tess /login -d login=tess --data-urlencode "password=$otp"
	expect_status 303
	header_is Location /account/password
	post_curl boss "/users/$id/role" -d "csrf=$csrf" -d role=leader -d 'name=Tess Tutor' -d scope=
	expect_status 303
	header_is Location "/users/$id?done=saved"
	get boss "/users/$id?done=saved"
	expect_out_has 'The changes to Tess Tutor were saved.'
	post_curl boss "/users/$id/disable" -d "csrf=$csrf"
	expect_status 303
	header_is Location "/users/$id?done=disabled"
	# Disabled: her session has ended.
	get tess /account/password
	expect_status 303
	post_curl boss "/users/$id/enable" -d "csrf=$csrf"
	expect_status 303
	post_curl boss "/users/$id/reset" -d "csrf=$csrf"
	expect_status 200
	expect_out_has 'Tess Tutor has a new one-time password'
	# An administrator cannot disable themselves.
	get boss /users
	me=$(sed -n 's/.*<a href="\/users\/\([0-9]*\)">boss<\/a>.*/\1/p' "$T/out")
	post_curl boss "/users/$me/disable" -d "csrf=$csrf"
	expect_status 303
	header_is Location "/users/$me?problem=self-disable"
	get boss "/users/$me?problem=self-disable"
	expect_status 200
	expect_out_has 'You cannot disable your own account'
	post_curl boss "/users/$me/role" -d "csrf=$csrf" -d role=leader -d name=boss -d scope=
	header_is Location "/users/$me?problem=self-role"
	run audit
	expect_out_has "	boss	user.add	user	tess	tutor"
	expect_out_has "	boss	user.set	user	tess	role leader, name changed"
	expect_out_has "	boss	user.disable	user	tess	"
	expect_out_has "	boss	user.enable	user	tess	"
	expect_out_has "	boss	user.reset	user	tess	"
	expect_out_lacks "	boss	user.disable	user	boss"
	expect_out_lacks "	boss	user.set	user	boss"

	# The audit log page: newest first, by action, never a pupil's name.
	get boss /audit
	expect_status 200
	expect_out_has '<td>boss</td><td>user.reset</td><td>user</td><td>tess</td>'
	expect_out_has '<td>import.register</td>'
	for word in $PUPILS; do
		expect_out_lacks "$word"
	done
	get boss '/audit?action=user.d'
	expect_out_has '<td>user.disable</td>'
	expect_out_lacks '<td>user.reset</td>'
	get boss '/audit?action=%3Cb%3E'
	expect_status 400

	# Requiring two-step sign-in sends an administrator without it to set
	# it up, and is audited.
	post_curl boss /settings -d "csrf=$csrf" -d two_factor_admins=yes
	expect_status 303
	header_is Location '/settings?done=saved'
	get boss /users
	expect_status 303
	header_is Location /account/two-factor
	get boss /account/two-factor
	expect_status 200
	expect_out_has 'Your school requires administrators to use two-step sign-in'
	run audit
	expect_out_has "	boss	setting.set	school_setting	two_factor_admins	yes"
}

test_web_post_without_csrf_is_refused() {
	monitoring_school
	web_start
	sign_in boss admin
	post_curl boss /users/new -d login=eve -d name=Eve -d role=admin
	expect_status 403
	post_curl boss /users/new -d csrf=0123456789abcdef0123456789abcdef -d login=eve -d name=Eve -d role=admin
	expect_status 403
	post_curl boss /imports/roster -F "file=@$FIXTURES/rosters/sims.csv" -F year=2025/26 -F as_of=2025-11-10 -F mode=full
	expect_status 403
	post_curl boss /settings -d two_factor_admins=yes
	expect_status 403
	# The right token from another site's page.
	status=$(curl -s -o "$T/out" -w '%{http_code}' -b "$T/boss.jar" -H 'Origin: http://elsewhere.example' \
		-d "csrf=$csrf" -d login=eve -d name=Eve -d role=admin "$BASE/users/new")
	expect_status 403
	# A state change never happens on GET.
	get boss /users/new
	expect_status 200
	run audit
	expect_out_lacks 'user.add	user	eve'
	expect_out_lacks 'setting.set'
}

# `waymark settings set` and the Settings page are one action: the same
# setting, the same audit entry; unknown names and values are refused.
test_settings_cli_and_web_are_one_action() {
	monitoring_school
	run settings show
	expect_out "two_factor_admins	no	Two-step sign-in required for administrators (yes, no)"
	run settings set two_factor_admins maybe
	expect_rc 1
	expect_err 'waymark: VALUE: Choose yes or no for "Two-step sign-in required for administrators".'
	run settings set colour blue
	expect_rc 1
	expect_err_has 'waymark: NAME: There is no setting called "colour". (`waymark settings show` lists them)'
	run settings set two_factor_admins yes
	expect_out "two_factor_admins: yes"
	run settings show
	expect_out_has "two_factor_admins	yes	"
	cli=$(sqlite3 "$WAYMARK_DB" "SELECT entity || '|' || entity_key || '|' || detail FROM audit WHERE action = 'setting.set'")
	[ "$cli" = "school_setting|two_factor_admins|yes" ] || fail "audit: $cli"
	run settings set two_factor_admins no
	expect_rc 0
	sqlite3 "$WAYMARK_DB" "DELETE FROM audit WHERE action = 'setting.set'"
	web_start
	sign_in boss admin
	post boss /settings two_factor_admins=maybe
	expect_status 400
	post boss /settings two_factor_admins=yes
	expect_status 303
	web_stop
	[ "$(sqlite3 "$WAYMARK_DB" "SELECT entity || '|' || entity_key || '|' || detail FROM audit WHERE action = 'setting.set'")" = "$cli" ] ||
		fail "the browser audited something else"
	[ "$(sqlite3 "$WAYMARK_DB" "SELECT value FROM school_setting WHERE name = 'two_factor_admins'")" = yes ] || fail "not saved"
}

# Staff accounts: `waymark user add|set|disable|enable` and the Users pages
# are one action each: the same account and the same audit entries.
test_users_cli_and_web_are_one_action() {
	monitoring_school
	run user add eve --role tutor --name "Eve Tutor" --scope "7A 7B"
	expect_rc 0
	run user set eve --role leader --name "Eve Leader" --scope ""
	expect_rc 0
	run user disable eve
	expect_rc 0
	run user enable eve
	expect_rc 0
	web_start
	sign_in boss admin
	post boss /users/new login=fay "name=Eve Tutor" role=tutor "scope=7A 7B"
	expect_status 200
	fay=$(sqlite3 "$WAYMARK_DB" "SELECT id FROM user WHERE login = 'fay'")
	post boss "/users/$fay/role" role=leader "name=Eve Leader" scope=
	expect_status 303
	post boss "/users/$fay/disable"
	expect_status 303
	post boss "/users/$fay/enable"
	expect_status 303
	web_stop
	account() {
		sqlite3 "$WAYMARK_DB" "SELECT display_name || '|' || role || '|' || scope || '|' || disabled || '|' || must_change_password FROM user WHERE login = '$1'"
	}
	[ "$(account eve)" = "$(account fay)" ] || fail "the command line made $(account eve), the browser $(account fay)"
	audit_of() {
		sqlite3 "$WAYMARK_DB" "SELECT group_concat(action || ' ' || coalesce(detail, ''), '; ') FROM (SELECT * FROM audit WHERE entity = 'user' AND entity_key = '$1' AND action LIKE 'user.%' ORDER BY id)"
	}
	[ -n "$(audit_of eve)" ] && [ "$(audit_of eve)" = "$(audit_of fay)" ] ||
		fail "the command line audited $(audit_of eve); the browser $(audit_of fay)"
}

# A snapshot kept from the benchmarks page is the one `report benchmarks
# --save-snapshot` keeps: the same percentages in both modes, the same
# audit entry; the page then compares with it (issue 11).
test_web_snapshot_is_the_command_lines() {
	monitoring_school
	run report benchmarks --as-of 2025-11-10 --save-snapshot "By command"
	expect_rc 0
	web_start
	sign_in lead leader
	sign_in gov governor
	get lead "/reports/benchmarks?as_of=2025-11-10"
	expect_out_has 'action="/reports/benchmarks/snapshot"'
	get gov "/reports/benchmarks?as_of=2025-11-10"
	expect_out_lacks 'action="/reports/benchmarks/snapshot"'
	get lead "/reports/benchmarks?as_of=2025-11-10&year_group=7"
	expect_out_lacks 'action="/reports/benchmarks/snapshot"'
	post lead /reports/benchmarks/snapshot year=2025/26 as_of=2025-11-10 label=
	expect_status 400
	expect_out_has 'Give the snapshot a label of 1 to 60 characters on one line'
	post gov /reports/benchmarks/snapshot year=2025/26 as_of=2025-11-10 "label=By browser"
	expect_status 403
	post lead /reports/benchmarks/snapshot year=2025/26 as_of=2025-11-10 "label=By browser"
	expect_status 303
	case "$location" in */reports/benchmarks?year=2025/26\&as_of=2025-11-10\&done=snapshot) ;; *) fail "went to $location" ;; esac
	get lead "/reports/benchmarks?year=2025/26&as_of=2025-11-10&done=snapshot"
	expect_out_has 'The snapshot was kept: later reports compare with it.'
	web_stop
	values() {
		sqlite3 "$WAYMARK_DB" "SELECT group_concat(s.mode || ':' || v.benchmark || '=' || v.achieved || '/' || v.scored, ' ') FROM benchmark_snapshot s JOIN benchmark_snapshot_value v ON v.snapshot_id = s.id WHERE s.label = '$1' ORDER BY s.mode, v.benchmark"
	}
	[ -n "$(values 'By command')" ] && [ "$(values 'By command')" = "$(values 'By browser')" ] ||
		fail "the command line kept $(values 'By command'), the browser $(values 'By browser')"
	[ "$(sqlite3 "$WAYMARK_DB" "SELECT group_concat(actor || ' ' || entity_key || ' ' || detail, '; ') FROM audit WHERE action = 'benchmark.snapshot'")" = "cli:$(id -un) By command as of 2025-11-10; lead By browser as of 2025-11-10" ] ||
		fail "audit: $(sqlite3 "$WAYMARK_DB" "SELECT actor, entity_key, detail FROM audit WHERE action = 'benchmark.snapshot'")"
}
