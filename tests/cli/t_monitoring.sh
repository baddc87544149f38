# Monitoring: the entitlement report and the two-termly review (issue 4).

test_entitlement_text() {
	monitoring_school
	run report entitlement --as-of 2025-11-10
	expect_rc 0
	expect_golden entitlement.txt
	# Year 7: Zoë missed one of three: 2 of 3 received, 66.7%, below.
	expect_out_has "  Careers Fair preparation                          3        3        2   66.7%  BELOW"
}

test_entitlement_csv_and_json_agree() {
	monitoring_school
	run report entitlement --as-of 2025-11-10 --format csv
	expect_rc 0
	expect_golden entitlement.csv
	head -c 3 "$T/out" | od -An -tx1 | grep -q 'ef bb bf' || fail "no BOM"
	expect_out_has "7,fair-prep,Careers Fair preparation,all,3,3,2,66.7,below"
	expect_out_has "9,careers-fair,KGA Annual Careers Fair,all,1,1,1,100.0,met"
	run report entitlement --as-of 2025-11-10 --format json
	expect_rc 0
	expect_golden entitlement.json
	expect_out_has '"activity_id": "fair-prep"'
	expect_out_has '"percent": 66.7'
}

test_entitlement_missed_and_subgroups() {
	monitoring_school
	run report entitlement --as-of 2025-11-10 --year-group 7 --missed --by pp
	expect_rc 0
	expect_out_has "Zoë Brown (Z886400111002): 2 of 3; absent 2025-09-11"
	expect_out_has "Pupil Premium                  1 eligible   100.0%  gap +50.0 points"
	expect_out_lacks "YEAR 8"
	run report entitlement --as-of 2025-11-10 --missed --format csv
	expect_out_has "7,fair-prep,Careers Fair preparation,7A,\"Z886400111002\",Zoë Brown,2,3,2025-09-11 absent"
	expect_out_has "8,fair-prep,Careers Fair preparation,8B,\"H801200005005\",Seán O'Brien,2,3,2025-09-12 excused"
	run report entitlement --by nonsense
	expect_rc 2
}

test_entitlement_as_of_before_any_session() {
	monitoring_school
	run report entitlement --as-of 2025-09-05 --year-group 7
	expect_rc 0
	expect_out_has "  Careers Fair preparation                          0                       not held yet"
}

test_review_saves_and_compares() {
	monitoring_school
	run review --as-of 2025-11-10
	expect_rc 0
	expect_out_has "Entitlement review, 2025/26 terms 1-2, sessions up to 2025-11-10"
	expect_out_has "This is the first review"
	expect_out_has "Zoë Brown"
	# A catch-up session for Zoë and Seán, then the next review.
	run event add fair-prep --date 2025-11-17 --year-group 7 --title "Catch-up"
	id=$(cat "$T/out")
	# Marked on its day: `waymark mark` takes no marks before it.
	WAYMARK_TODAY=2025-11-17 run mark "$id" Z886400111002 present
	expect_rc 0
	run review --as-of 2025-11-20
	expect_rc 0
	expect_out_has "Since the last review (2025/26 terms 1-2, up to 2025-11-10):"
	expect_out_has "Year 7 Careers Fair preparation: 66.7% -> 100.0% (+33.3), now met"
	run review --as-of 2026-05-01 --no-save
	expect_out_has "Entitlement review, 2025/26 term 3, sessions up to 2026-05-01"
	[ "$(sqlite3 "$WAYMARK_DB" "SELECT count(*) FROM review_snapshot")" = 2 ] || fail "--no-save saved"
}

test_student_record() {
	monitoring_school
	run report student z886400111002 --as-of 2025-11-10
	expect_rc 0
	expect_out "Careers record: Zoë Brown (Z886400111002), as of 2025-11-10

2025/26: Year 7, tutor group 7A, on roll from 2025-09-01
  Took part in 3 sessions, missed 1:
    2025-09-10  present  Careers Fair preparation
    2025-09-11  absent   Careers Fair preparation
    2025-09-12  present  Careers Fair preparation
    2025-10-16  present  KGA Annual Careers Fair

Entitlement in 2025/26:
  Careers Fair preparation                       OWED (present at 2, 3 needed)
  KGA Annual Careers Fair                        received (present at 1, 1 needed)"
	run report student Z886400111002 --as-of 2025-11-10 --format json
	expect_rc 0
	expect_out_has '"status": "owed"'
	run report student B801200005001
	expect_rc 1
	expect_err "waymark: no pupil with UPN B801200005001"
}

# The demo school, a full year: the entitlement report's CSV and JSON carry
# the same rows, and both agree with the rule stated independently in SQL
# (bench/entitlement.sql, the benchmark's baseline); the benchmarks' CSV and
# JSON rows agree, and the text summary shows the JSON's scores.
test_demo_school_reports_agree_across_formats() {
	run demo --students 300 --seed 11 --year 2025/26 --as-of 2026-07-20 --out "$T/demo"
	expect_rc 0
	# The demo's registers run to its as-of date, and a register is never
	# taken before its event's day: the school loads them on that date.
	export WAYMARK_TODAY=2026-07-20
	load_demo "$T/demo" 2025/26
	run import guidance "$T/demo/guidance.csv"
	expect_rc 0

	run report entitlement --year 2025/26 --as-of 2026-07-20 --format csv
	expect_rc 0
	sed '1s/^\xef\xbb\xbf//' "$T/out" >"$T/entitlement.csv"
	run report entitlement --year 2025/26 --as-of 2026-07-20 --format json
	expect_rc 0
	cp "$T/out" "$T/entitlement.json"
	{
		echo ".parameter set :start_year 2025"
		echo ".parameter set :as_of \"'2026-07-20'\""
		echo ".headers on"
		echo ".mode csv"
		cat "$ROOT/bench/entitlement.sql"
	} | sqlite3 -batch "$WAYMARK_DB" >"$T/sql.csv" || fail "bench/entitlement.sql failed"
	rows=$(sqlite3 -batch :memory: \
		".import --csv $T/entitlement.csv c" \
		".import --csv $T/sql.csv s" \
		"CREATE TABLE j AS SELECT
			CAST(json_extract(value, '\$.year_group') AS TEXT) AS year_group,
			CAST(json_extract(value, '\$.activity_id') AS TEXT) AS activity_id,
			CAST(json_extract(value, '\$.activity') AS TEXT) AS activity,
			CAST(json_extract(value, '\$.cohort') AS TEXT) AS cohort,
			CAST(json_extract(value, '\$.sessions_held') AS TEXT) AS sessions_held,
			coalesce(CAST(json_extract(value, '\$.eligible') AS TEXT), '') AS eligible,
			CAST(json_extract(value, '\$.received') AS TEXT) AS received,
			iif(json_extract(value, '\$.percent') IS NULL, '',
			    printf('%.1f', json_extract(value, '\$.percent'))) AS percent,
			CAST(json_extract(value, '\$.status') AS TEXT) AS status,
			CAST(json_extract(value, '\$.registers_not_taken') AS TEXT) AS registers_not_taken,
			CAST(json_extract(value, '\$.unmarked') AS TEXT) AS unmarked
			FROM json_each(readfile('$T/entitlement.json'), '\$.rows')" \
		"SELECT count(*) FROM c" \
		"SELECT (SELECT count(*) FROM (SELECT * FROM c EXCEPT SELECT * FROM s))
		      + (SELECT count(*) FROM (SELECT * FROM s EXCEPT SELECT * FROM c))" \
		"SELECT (SELECT count(*) FROM (SELECT * FROM c EXCEPT SELECT * FROM j))
		      + (SELECT count(*) FROM (SELECT * FROM j EXCEPT SELECT * FROM c))" \
		"SELECT count(*) FROM c WHERE status = 'met'" \
		"SELECT count(*) FROM c WHERE status = 'below'")
	set -- $rows
	[ "$1" -gt 90 ] || fail "expected every activity and year group, got $1 rows"
	[ "$2" = 0 ] || fail "the CSV and the SQL disagree on $2 rows"
	[ "$3" = 0 ] || fail "the CSV and the JSON disagree on $3 rows"
	[ "$4" -gt 0 ] && [ "$5" -gt 0 ] || fail "a year's demo should have rows met ($4) and below ($5)"

	run report benchmarks --year 2025/26 --as-of 2026-07-20 --format csv
	expect_rc 0
	sed '1s/^\xef\xbb\xbf//' "$T/out" >"$T/benchmarks.csv"
	run report benchmarks --year 2025/26 --as-of 2026-07-20 --format json
	expect_rc 0
	cp "$T/out" "$T/benchmarks.json"
	run report benchmarks --year 2025/26 --as-of 2026-07-20 --summary
	expect_rc 0
	differ=$(sqlite3 -batch :memory: \
		".import --csv $T/benchmarks.csv c" \
		"CREATE TABLE j AS SELECT
			coalesce(CAST(json_extract(value, '\$.year_group') AS TEXT), '') AS year_group,
			CAST(json_extract(value, '\$.benchmark') AS TEXT) AS benchmark,
			CAST(json_extract(value, '\$.criterion') AS TEXT) AS criterion,
			CAST(json_extract(value, '\$.eligible') AS TEXT) AS eligible,
			CAST(json_extract(value, '\$.met') AS TEXT) AS met,
			iif(json_extract(value, '\$.percent') IS NULL, '',
			    printf('%.1f', json_extract(value, '\$.percent'))) AS percent
			FROM json_each(readfile('$T/benchmarks.json'), '\$.rows')" \
		"SELECT (SELECT count(*) FROM (SELECT * FROM c EXCEPT SELECT * FROM j))
		      + (SELECT count(*) FROM (SELECT * FROM j EXCEPT SELECT * FROM c))
		      + ((SELECT count(*) FROM c) < 20)")
	[ "$differ" = 0 ] || fail "the benchmarks' CSV and JSON disagree ($differ)"
	sqlite3 -batch -separator ' ' :memory: \
		"SELECT json_extract(value, '\$.benchmark'), json_extract(value, '\$.achieved'),
			json_extract(value, '\$.scored')
		 FROM json_each(readfile('$T/benchmarks.json'), '\$.summary')" >"$T/scores"
	[ "$(wc -l <"$T/scores")" = 8 ] || fail "eight benchmarks in the JSON summary"
	while read -r b achieved scored; do
		grep -Eq "^  $b .* $achieved of $scored " "$T/out" ||
			fail "benchmark $b: the text summary does not show $achieved of $scored"
	done <"$T/scores"
}

# The checklist recorded in the browser: the same action as waymark
# benchmark set, the report counting it (issue 10's review: Benchmarks 1
# and 3 could only be recorded on the command line).
test_checklist_recorded_on_the_web() {
	web_school
	web_start
	sign_in lead leader
	sign_in tutor tutor --scope 7A
	get lead /reports/benchmarks
	expect_out_has '<a href="/benchmarks/checklist#h-1.1">Record the Benchmark 1 checklist</a>'
	get tutor /benchmarks/checklist
	expect_status 403
	get lead /benchmarks/checklist
	expect_status 200
	expect_out_has '<h3 id="h-1.1">1.1 '
	post lead /benchmarks/checklist/1.1 status=met evidence="Careers policy on the website" review=2026-07-01
	expect_status 303
	case "$location" in *"/benchmarks/checklist?done=1.1#item-1.1") ;; *) fail "went to $location" ;; esac
	run benchmark list
	expect_out_has 'Careers policy on the website'
	[ "$(sql "SELECT actor || ' ' || detail FROM audit WHERE action = 'benchmark.set'")" = 'lead met, evidence "Careers policy on the website", review by 2026-07-01' ] ||
		fail "audit: $(sql "SELECT actor, detail FROM audit WHERE action = 'benchmark.set'")"
	post lead /benchmarks/checklist/1.2 status=perhaps
	expect_status 400
	expect_out_has 'Choose met, in progress or not met.'
	post lead /benchmarks/checklist/1.2 status=met review=soon
	expect_status 400
	expect_out_has 'Enter the review date, like 2026-07-01.'
	post lead /benchmarks/checklist/9.9 status=met
	expect_status 404
	web_stop
	# The command line: the same words in the audit log.
	run benchmark set 1.2 in-progress --evidence "Draft plan"
	expect_rc 0
	expect_out "1.2: in-progress, evidence \"Draft plan\""
	# The same item recorded the same way makes the same state and entry.
	run benchmark set 1.3 met --evidence "Careers policy on the website" --review-date 2026-07-01
	expect_rc 0
	item() {
		sql "SELECT status || '|' || coalesce(evidence, '') || '|' || coalesce(review_date, '') FROM benchmark_item WHERE item = '$1'"
	}
	[ "$(item 1.1)" = "$(item 1.3)" ] || fail "the browser recorded $(item 1.1), the command line $(item 1.3)"
	[ "$(sql "SELECT detail FROM audit WHERE action = 'benchmark.set' AND entity_key = '1.1'")" = \
	  "$(sql "SELECT detail FROM audit WHERE action = 'benchmark.set' AND entity_key = '1.3'")" ] ||
		fail "audit: $(sql "SELECT entity_key, detail FROM audit WHERE action = 'benchmark.set'")"
}
