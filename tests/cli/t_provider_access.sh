# Provider Access (report provider-access) and the timing checks (check
# timing), on a small hand-worked school and on the demo school.

P="$FIXTURES/programmes/provider-access.yaml"
R="$FIXTURES/rosters"

# register EVENT UPN:STATUS... : one register for an event.
register() {
	event=$1
	shift
	printf 'UPN,Attendance\r\n' >"$T/reg.csv"
	for m in "$@"; do
		printf '%s,%s\r\n' "${m%%:*}" "${m#*:}" >>"$T/reg.csv"
	done
	run import register --event "$event" "$T/reg.csv"
	expect_rc 0
}

# add ACTIVITY DATE [YEAR_GROUP]: schedules an event, its id in $event.
add() {
	if [ -n "${3:-}" ]; then
		run event add "$1" --date "$2" --year-group "$3"
	else
		run event add "$1" --date "$2"
	fi
	expect_rc 0
	event=$(cat "$T/out")
}

# The hand-worked school (docs/provider-access.md has the rules):
#
#   pupil  2024/25   2025/26            marks at Provider Access events
#   Amy    Year 8    Year 9 (9A)        E1 P, E2 P, E3 P
#   Ben    Year 8    Year 9 (9B)        E1 A, E3 P, E5 P (a Saturday)
#   Cal    Year 10   Year 11 (11A)      E2 P, E3 P, E4 P
#   Dan    Year 12   Year 13 (13X)      E2 P, E3 A, E4 P
#   Eve    -         Year 8 (8A)        E3 P
#   Fin    -         Year 10 (10A)      E3 P, E4 A
#   Gia    -         Year 10 (10A)      E3 P, E4 P; left on 31 October
#   Hal    -         Year 12 (12X)      E3 P, E4 P
#   Ida    -         Year 7 (7A)        -
#
#   E1 pa-assembly  Wed 2024-11-13, Year 8
#   E2 pa-assembly  Wed 2025-03-12, Years 8-13 (March: Year 8, 10 and 12 count)
#   E3 pa-assembly  Wed 2025-10-08, Years 8-13
#   E4 college-talk Wed 2025-10-15, Years 10-13
#   E5 pa-assembly  Sat 2025-10-25, Year 9: not a school day
#   E6 pa-assembly  Wed 2026-03-04, Year 9: after February (still to come)
#   E7 college-talk Wed 2026-06-10, Years 10-13: after February for 11 and 13
#
# Up to 2025-11-10 (encounters that count, two needed):
#   Year 8:  Eve 1                          eligible 1, met 0,   0.0%
#   Year 9:  Amy 3 (E1, E2 in Year 8), Ben 1 (E5 is a Saturday)
#                                           eligible 2, met 1,  50.0%
#   Year 10: Fin 1; Gia left                eligible 1, met 0,   0.0%
#   Year 11: Cal 3 (E2 in Year 10)          eligible 1, met 1, 100.0%
#   Year 12: Hal 2                          eligible 1, met 1, 100.0%
#            offered E3, E4 = 2; attended Hal twice = 2
#   Year 13: Dan 2 (E2 in Year 12, E4)      eligible 1, met 1, 100.0%
#            offered E3, E4 = 2; attended Dan at E4 = 1
#   Will not count: E5 (Saturday), E6 (Year 9 after February), E7 (Years
#   11 and 13 after February).
hand_worked_school() {
	run init --school "Test School" --programme "$P"
	expect_rc 0
	for y in 2024/25 2025/26; do
		run calendar template --year "$y" --output "$T/calendar.yaml"
		run calendar import "$T/calendar.yaml"
		expect_rc 0
	done
	run calendar set-date careers-fair 2025-10-16 --year 2025/26
	run import students "$R/pa-2024.csv" --whole-school --year 2024/25 --as-of 2024-09-02
	expect_rc 0
	run import students "$R/pa-2025.csv" --whole-school --year 2025/26 --as-of 2025-09-01
	expect_rc 0
	expect_out_has "4 promoted, 5 joined, 0 left"
	add pa-assembly 2024-11-13 8
	register "$event" Y886400200001:P M886400200002:A
	add pa-assembly 2025-03-12
	register "$event" Y886400200001:P M886400200002:A B886400200003:P Q886400200004:P
	add pa-assembly 2025-10-08
	register "$event" Y886400200001:P M886400200002:P B886400200003:P Q886400200004:A \
		E886400200005:P U886400200006:P H886400200007:P X886400200008:P
	add college-talk 2025-10-15
	register "$event" B886400200003:P Q886400200004:P U886400200006:A H886400200007:P \
		X886400200008:P
	add pa-assembly 2025-10-25 9
	register "$event" M886400200002:P
	add pa-assembly 2026-03-04 9
	add college-talk 2026-06-10
	# Gia leaves: the roster of 1 November no longer has her.
	grep -v '^H886400200007' "$R/pa-2025.csv" >"$T/without-gia.csv"
	run import students "$T/without-gia.csv" --whole-school --year 2025/26 --as-of 2025-11-01 --confirm-leaving 1
	expect_rc 0
	expect_out_has "1 left"
}

test_provider_access_report_text() {
	hand_worked_school
	run report provider-access --as-of 2025-11-10
	expect_rc 0
	expect_golden provider-access-2025-11-10.txt
	run report provider-access --as-of 2025-11-10 --missed --year-group 9 --year-group 10
	expect_rc 0
	expect_golden provider-access-missed.txt
}

test_provider_access_report_csv_and_json() {
	hand_worked_school
	run report provider-access --as-of 2025-11-10 --format csv
	expect_rc 0
	expect_golden provider-access-2025-11-10.csv
	run report provider-access --as-of 2025-11-10 --format json --missed
	expect_rc 0
	expect_golden provider-access-2025-11-10.json
	run report provider-access --as-of 2025-11-10 --format csv --missed
	expect_rc 0
	expect_golden provider-access-missed.csv
}

test_provider_access_as_of_an_earlier_date() {
	hand_worked_school
	# 7 October: before E3. Amy has E1 and E2; Cal and Dan have E2; Gia is
	# still on roll.
	run report provider-access --as-of 2025-10-07 --format csv
	expect_rc 0
	expect_out "$(printf '\357\273\277phase,year_group,eligible,met,percent\r
1,8,1,0,0.0\r
1,9,2,1,50.0\r
2,10,2,0,0.0\r
2,11,1,0,0.0\r
3,12,1,0,0.0\r
3,13,1,0,0.0\r')"
	# Last year's report: Year 8 Amy and Ben (E1, E2), Year 10 Cal, Year 12
	# Dan, each with the encounters they had by 31 August 2025.
	run report provider-access --year 2024/25 --format csv --missed
	expect_rc 0
	expect_out "$(printf '\357\273\277phase,year_group,tutor_group,upn,name,encounters\r
1,8,8B,"M886400200002",Ben Brook,0\r
2,10,10A,"B886400200003",Cal Cole,1\r
3,12,12X,"Q886400200004",Dan Dale,1\r')"
}

test_provider_access_options() {
	hand_worked_school
	run report provider-access --year-group 7
	expect_rc 2
	expect_err_has "--year-group: Provider Access is for Years 8 to 13"
	run report provider-access --by pp
	expect_rc 2
	expect_err_has "--by: the Provider Access report has no subgroups yet"
	run report provider-access --format xml
	expect_rc 2
	run report provider-access --year 2025
	expect_rc 2
	run report provider-access --year-group 13 --as-of 2025-11-10
	expect_rc 0
	expect_out_has "PHASE 3, Years 12-13: the school must offer two encounters; pupils may decline"
	expect_out_has "    13         1      1   100.0%        2         1"
	expect_out_lacks "PHASE 1"
}

test_provider_access_without_a_calendar_takes_weekdays() {
	run init --school "Test School" --programme "$P"
	run import students "$R/pa-2025.csv" --whole-school --year 2025/26 --as-of 2025-09-01
	expect_rc 0
	# Monday 27 October is half-term in most calendars, but there is none.
	add college-talk 2025-10-27
	register "$event" U886400200006:P
	add college-talk 2025-11-01
	register "$event" U886400200006:P
	run report provider-access --as-of 2025-11-10 --year-group 10 --missed
	expect_rc 0
	expect_out_has "No calendar for 2025/26: Monday to Friday were taken as school days."
	expect_out_has "          Fin Ford (U886400200006): 1 encounter"
	expect_out_has "event 2, College talk on 2025-11-01: will not count for Provider Access: 2025-11-01 (Saturday) is not a school day"
	run report provider-access --as-of 2025-11-10 --format json
	expect_out_has '"school_days_taken_as_weekdays": [
    "2025/26"
  ]'
}

test_check_timing_reports_each_problem() {
	hand_worked_school
	# Fair preparation for Years 7-8: three sessions, the third not on the
	# next school day, and a fourth in the week leading up to the fair.
	add fair-prep 2025-09-15
	add fair-prep 2025-09-16
	add fair-prep 2025-09-18
	add fair-prep 2025-10-13
	run check timing --year 2025/26
	expect_rc 1
	expect_out "event 10, 2025-09-18, fair-prep (Years 7-8): sessions on 2025-09-16 and 2025-09-18 are not on consecutive school days
event 11, 2025-10-13, fair-prep (Years 7-8): 2025-10-13 is not before the week leading up to careers-fair (2025-10-16): it must be before 2025-10-09
event 11, 2025-10-13, fair-prep (Years 7-8): sessions on 2025-09-18 and 2025-10-13 are not on consecutive school days
event 5, 2025-10-25, pa-assembly (Year 9): 2025-10-25 (Saturday) is not a school day
event 5, 2025-10-25, pa-assembly (Year 9): will not count for Provider Access: 2025-10-25 (Saturday) is not a school day
event 6, 2026-03-04, pa-assembly (Year 9): will not count for Year 9 pupils: Provider Access counts Year 9 encounters only from 1 September to the end of February
event 7, 2026-06-10, college-talk (Year 11): will not count for Year 11 pupils: Provider Access counts Year 11 encounters only from 1 September to the end of February
event 7, 2026-06-10, college-talk (Year 13): will not count for Year 13 pupils: Provider Access counts Year 13 encounters only from 1 September to the end of February
8 problems in 5 events"
	run check timing --year 2025/26 --format csv
	expect_rc 1
	expect_out_has "event,date,activity_id,year_groups,check,problem"
	expect_out_has "11,2025-10-13,fair-prep,7 8,date,2025-10-13 is not before the week leading up to careers-fair (2025-10-16): it must be before 2025-10-09"
	expect_out_has "7,2026-06-10,college-talk,13,provider-access,"
	run check timing --year 2025/26 --format json
	expect_rc 1
	expect_out_has '"events_checked": 9,'
	expect_out_has '"events_with_problems": 5,'
	# Last year: E2 in March is after February for Years 9, 11 and 13.
	run check timing --year 2024/25
	expect_rc 1
	expect_out_has "event 2, 2025-03-12, pa-assembly (Year 9): will not count for Year 9 pupils"
	expect_out_has "3 problems in 1 event"
}

test_check_timing_needs_a_calendar() {
	hand_worked_school
	run check timing --year 2026/27
	expect_rc 1
	expect_err "waymark: no calendar for 2026/27: timing rules need its terms and named dates (\`waymark calendar import FILE\`)"
	run check timing --year next
	expect_rc 2
	run check timing extra
	expect_rc 2
	# Today (2025-11-10) is in 2025/26.
	run check timing
	expect_rc 1
	expect_out_has "5 problems in 3 events"
}

# The demo school, loaded through the imports as scripts/run-demo.sh does:
# its plan meets every timing rule, and the report agrees with a count made
# straight from the tables.
test_demo_school_provider_access_and_timing() {
	run demo --students 60 --seed 7 --out "$T/demo" --as-of 2026-03-31
	expect_rc 0
	# Loaded on the demo's as-of date: its registers run to it.
	export WAYMARK_TODAY=2026-03-31
	load_demo "$T/demo" 2025/26
	run check timing --year 2025/26
	expect_rc 0
	expect_out "all $(sqlite3 "$WAYMARK_DB" "SELECT count(*) FROM event") events meet their timing rules"
	run report provider-access --as-of 2026-03-31
	expect_rc 0
	expect_golden provider-access-demo.txt
	expect_out_has "Events of 2025/26 that will not count: none"
	# Every demo event is on a school day, in the window, during the day:
	# two present marks at Provider Access events are two encounters.
	sqlite3 -csv "$WAYMARK_DB" "
		SELECT (e.year_group - 6) / 2, e.year_group, count(*), sum(coalesce(x.n, 0) >= 2),
			printf('%.1f', 100.0 * sum(coalesce(x.n, 0) >= 2) / count(*))
		FROM enrolment e LEFT JOIN (
			SELECT m.student_id, count(*) AS n FROM mark m
			JOIN event ev ON ev.id = m.event_id
			JOIN activity a ON a.id = ev.activity_id
			WHERE a.provider_access = 1 AND m.status = 'present' AND ev.date <= '2026-03-31'
			GROUP BY m.student_id) x ON x.student_id = e.student_id
		WHERE e.start_year = 2025 AND e.year_group BETWEEN 8 AND 13
		  AND coalesce(e.on_roll_from, '0000') <= '2026-03-31'
		  AND coalesce(e.on_roll_to, '9999') >= '2026-03-31'
		GROUP BY e.year_group ORDER BY e.year_group" >"$T/want.csv"
	run report provider-access --as-of 2026-03-31 --format csv
	tail -n +2 "$T/out" | tr -d '\r' >"$T/got.csv"
	diff -u "$T/want.csv" "$T/got.csv" || fail "the report differs from the tables"
	run report provider-access --as-of 2026-03-31 --format json
	expect_golden provider-access-demo.json
}
