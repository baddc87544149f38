# The Gatsby Benchmarks: the report, the Benchmark 1 and 3 checklist,
# guidance meetings, intentions, snapshots (issue "Monitoring", part
# "Benchmarks").
#
# The school: Years 7, 11 and 13 (8 pupils), the benchmarks test programme,
# and registers for 2025/26 up to the pinned today, 2025-11-10. What each
# pupil did, and so what the report must say, is worked out beside the
# register below.

# Cara, Dev and Eve are Year 11; Finn, Gia and Hal Year 13; Amira and Ben
# Year 7. Amira, Dev and Gia are pupil premium.
bench_roster() {
	cat >"$T/roster.csv" <<'EOF'
UPN,Adno,Surname,Forename,Gender,Year,Reg Group,Pupil Premium,SEN Status
W886400112001,002001,Ahmed,Amira,F,7,7A,Y,N
K886400112002,002002,Baker,Ben,M,7,7A,N,N
E886400108003,002003,Cole,Cara,F,11,11A,N,N
U886400108004,002004,Dunn,Dev,M,11,11A,Y,K
H886400108005,002005,Ellis,Eve,F,11,11B,N,N
A886400106006,002006,Fox,Finn,M,13,13X,N,N
P886400106007,002007,Green,Gia,F,13,13X,Y,N
D886400106008,002008,Hill,Hal,M,13,13X,N,N
EOF
}

# bm2: the lesson, all but Dev and Hal. bm5: the fair, all but Ben and Hal.
# bm6 by 16: Cara and Eve have work experience and a visit (30 + 20 = 50
# hours); Dev only work experience (1 of 2, 30 hours). bm6 by 18: Finn and
# Hal. bm7 by 16: the fair meets three kinds of provider, the talk the
# fourth; Eve missed the talk. University trips: Finn one, Gia two.
# bm8 by 16: the interview for Cara and Eve (Dev's meeting comes later).
bench_register() {
	cat >"$T/register.csv" <<'EOF'
Activity,Date,UPN,Attendance
lmi-lesson,2025-09-15,W886400112001,Present
lmi-lesson,2025-09-15,K886400112002,Present
lmi-lesson,2025-09-15,E886400108003,Present
lmi-lesson,2025-09-15,U886400108004,Absent
lmi-lesson,2025-09-15,H886400108005,Present
lmi-lesson,2025-09-15,A886400106006,Present
lmi-lesson,2025-09-15,P886400106007,Present
lmi-lesson,2025-09-15,D886400106008,Excused
university-trip,2025-10-01,A886400106006,Present
university-trip,2025-10-01,P886400106007,Present
apprenticeship-talk,2025-10-07,E886400108003,Present
apprenticeship-talk,2025-10-07,U886400108004,Present
apprenticeship-talk,2025-10-07,H886400108005,Absent
work-experience,2025-10-13,E886400108003,Present
work-experience,2025-10-13,U886400108004,Present
work-experience,2025-10-13,H886400108005,Present
work-experience,2025-10-13,A886400106006,Present
work-experience,2025-10-13,P886400106007,Absent
work-experience,2025-10-13,D886400106008,Present
careers-fair,2025-10-16,W886400112001,Present
careers-fair,2025-10-16,K886400112002,Absent
careers-fair,2025-10-16,E886400108003,Present
careers-fair,2025-10-16,U886400108004,Present
careers-fair,2025-10-16,H886400108005,Present
careers-fair,2025-10-16,A886400106006,Present
careers-fair,2025-10-16,P886400106007,Present
careers-fair,2025-10-16,D886400106008,Absent
workplace-visit,2025-11-03,E886400108003,Present
workplace-visit,2025-11-03,H886400108005,Present
guidance-interview,2025-11-04,E886400108003,Present
guidance-interview,2025-11-04,U886400108004,Absent
guidance-interview,2025-11-04,H886400108005,Present
university-trip,2025-11-05,P886400106007,Present
EOF
}

bench_school() {
	run init --school "Test School" --programme "$FIXTURES/programmes/benchmarks.yaml"
	expect_rc 0
	run calendar template --year 2025/26 --output "$T/calendar.yaml"
	run calendar import "$T/calendar.yaml"
	expect_rc 0
	bench_roster
	run import students "$T/roster.csv" --whole-school --as-of 2025-09-01
	expect_rc 0
	# Careers links: English and Science in Year 7, Mathematics in Year 11,
	# and one in Year 13 after today.
	printf 'Activity,Date,Year Group,Subject\r\ncurriculum-links,2025-09-22,7,English\r\ncurriculum-links,2025-09-23,7,Science\r\ncurriculum-links,2025-10-06,11,Mathematics\r\ncurriculum-links,2025-12-01,13,English\r\n' >"$T/events.csv"
	run event import "$T/events.csv"
	expect_rc 0
	bench_register
	run import register "$T/register.csv"
	expect_rc 0
	expect_out "$T/register.csv: 33 marks (26 present, 6 absent, 1 excused) for 8 events, 8 of them new"
}

# Finn and Gia are considering higher education, Hal is not. Finn met the
# external adviser; Hal's meeting was below Level 6; Dev's after the
# interview he missed.
bench_guidance() {
	printf 'UPN,Considering HE\r\nA886400106006,Y\r\nP886400106007,yes\r\nD886400106008,N\r\n' >"$T/intentions.csv"
	run import intentions "$T/intentions.csv"
	expect_rc 0
	printf 'UPN,Date,Adviser,External,Level\r\nA886400106006,20/10/2025,Jo Okafor,Y,6\r\nD886400106008,2025-10-21,Sam Careers,N,5\r\n' >"$T/guidance.csv"
	run import guidance "$T/guidance.csv"
	expect_rc 0
	run guidance add U886400108004 --date 2025-11-06 --adviser "Jo Okafor" --external
	expect_rc 0
}

bench_checklist() {
	run benchmark set 1.3 met --evidence "Published at /careers" --review-date 2026-07-01
	expect_rc 0
	run benchmark set 1.1 in-progress --evidence "Training booked" --review-date 2025-10-31
	expect_rc 0
	run benchmark set 3.1 met
	expect_rc 0
}

test_benchmarks_report_text() {
	bench_school
	bench_guidance
	# A snapshot at the start of October, then the checklist filled in.
	run report benchmarks --as-of 2025-10-01 --save-snapshot "October 2025"
	expect_rc 0
	expect_out_has 'Kept as snapshot "October 2025" (both modes) for later reports to compare with.'
	bench_checklist
	run report benchmarks --missed --by pp
	expect_rc 0
	expect_golden benchmarks.txt
	# The hand-worked figures, one by one.
	expect_out_has "  5 Encounters with employers and employees                   1 of 3     33%  October 2025: 0% -> now 33%"
	expect_out_has "            Dev Dunn (U886400108004): 30 of 50 hours"
	expect_out_has "            Eve Ellis (H886400108005): 3 of 4 provider types"
	expect_out_has "            Finn Fox (A886400106006): 1 of 2 visits"
	expect_out_has "    Year 11  (3 pupils): KS3 0.0, KS4 43.3, in all 43.3"
	expect_out_has "                    review by 2025-10-31: REVIEW DUE (the date has passed)"
	# Hal is not considering higher education: two pupils are counted.
	expect_out_has "    Year 13     2 eligible    1 met        50.0%  NOT ACHIEVED"
	# Level 5 does not count: only Finn has a Year 13 meeting.
	expect_out_has "    Year 13     3 eligible    1 met        33.3%  NOT ACHIEVED"
}

# make run's summary: the eight benchmarks' lines and nothing after them.
test_benchmarks_summary() {
	bench_school
	bench_guidance
	bench_checklist
	run report benchmarks --summary
	expect_rc 0
	expect_out_has "  5 Encounters with employers and employees                   1 of 3     33%"
	expect_out_has "  8 Personal guidance "
	expect_out_lacks "BENCHMARK 5"
	expect_out_lacks "bm5-year"
	[ "$(grep -c . "$T/out")" = 11 ] || fail "expected a title, a rule and 9 table lines: $(cat "$T/out")"
	run report benchmarks --summary --format csv
	expect_rc 2
	expect_err_has "--summary is the text table alone"
}

test_benchmarks_report_csv_and_json() {
	bench_school
	bench_guidance
	bench_checklist
	run report benchmarks --format csv
	expect_rc 0
	expect_golden benchmarks.csv
	run report benchmarks --format json
	expect_rc 0
	expect_golden benchmarks.json
	# One row per pupil not meeting a criterion.
	run report benchmarks --format csv --missed
	expect_rc 0
	expect_out_has '11,6,bm6-hours-by-16,11A,"U886400108004",Dev Dunn,30,50'
	expect_out_has '13,8,bm8-by-18,13X,"D886400106008",Hal Hill,0,1'
	[ "$(grep -c . "$T/out")" = 12 ] || fail "expected 11 pupils and a header: $(cat "$T/out")"
	# Subgroup columns follow the six.
	run report benchmarks --format csv --by pp --year-group 11
	expect_out_has "year_group,benchmark,criterion,eligible,met,percent,pp_eligible,pp_percent,pp_gap"
	expect_out_has "11,6,bm6-by-16,3,2,66.7,1,0.0,-100.0"
	expect_out_has ",1,1.3,1,1,100.0,,,"
	expect_out_lacks "13,8,bm8-by-18"
}

test_benchmarks_strict_and_banded() {
	bench_school
	# 3 of 3 received the fair in Year 11; 2 of 3 in Year 13 and 1 of 2 in
	# Year 7. Give Year 13 a second fair session with Hal present and
	# Year 7's Ben a catch-up: banded (76% floor) and strict now differ.
	printf 'Activity,Date,UPN,Attendance\r\ncareers-fair,2025-11-06,D886400106008,Present\r\n' >"$T/catch-up.csv"
	run import register "$T/catch-up.csv"
	expect_rc 0
	run report benchmarks --format csv --year-group 13
	expect_out_has "13,5,bm5-year,3,3,100.0"
	run report benchmarks --mode strict
	expect_out_has "  5 Encounters with employers and employees                   2 of 3     67%"
	expect_out_has "Strict: a criterion is achieved for a year group when every pupil meets it."
	run report benchmarks --mode lenient
	expect_rc 2
	expect_err_has "--mode: \"lenient\" is not strict or banded"
}

test_benchmarks_banded_floor() {
	bench_school
	# Lower the floor to 60%: Year 13's 2 of 3 (66.7%) is achieved in
	# banded mode, never in strict.
	sed 's/floor: 76/floor: 60/' "$FIXTURES/programmes/benchmarks.yaml" >"$T/low.yaml"
	run programme import "$T/low.yaml"
	expect_rc 0
	run report benchmarks --format json --year-group 13
	expect_rc 0
	python3 - "$T/out" <<'EOF' || fail "banded JSON: $(cat "$T/out")"
import json, sys
d = json.load(open(sys.argv[1]))
row = [r for r in d["rows"] if r["criterion"] == "bm5-year"][0]
assert (row["eligible"], row["met"], row["achieved"]) == (3, 2, True), row
five = d["summary"][4]
assert (five["achieved"], five["scored"], five["percent"]) == (1, 1, 100), five
EOF
	run report benchmarks --format json --year-group 13 --mode strict
	python3 - "$T/out" <<'EOF' || fail "strict JSON: $(cat "$T/out")"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["mode"] == "strict"
five = d["summary"][4]
assert (five["achieved"], five["scored"], five["percent"]) == (0, 1, 0), five
EOF
}

test_benchmarks_snapshots() {
	bench_school
	run report benchmarks --as-of 2025-10-01 --save-snapshot "October 2025" --format csv
	expect_rc 0
	expect_out_lacks "Kept as snapshot"
	[ "$(sqlite3 "$WAYMARK_DB" "SELECT group_concat(mode) FROM (SELECT mode FROM benchmark_snapshot ORDER BY mode)")" = "banded,strict" ] || fail "both modes are kept"
	run report benchmarks
	expect_out_has "since October 2025 (2025-10-01)"
	# Benchmark 5: nothing before the fair; now 1 of 3 year groups.
	expect_out_has "October 2025: 0% -> now 33%"
	run report benchmarks --mode strict --format json
	python3 - "$T/out" <<'EOF' || fail "no previous in JSON: $(cat "$T/out")"
import json, sys
d = json.load(open(sys.argv[1]))
p = d["summary"][4]["previous"]
assert p == {"achieved": 0, "scored": 3, "percent": 0, "label": "October 2025", "as_of": "2025-10-01"}, p
EOF
	# A year group is not comparable with the whole school.
	run report benchmarks --year-group 11
	expect_out_lacks "October 2025"
	run report benchmarks --year-group 11 --save-snapshot "Year 11"
	expect_rc 2
	expect_err_has "--save-snapshot keeps the whole school's percentages: leave out --year-group"
	# The label is checked by the snapshot action: one line, 1-60 characters.
	run report benchmarks --save-snapshot "$(printf 'two\nlines')"
	expect_rc 1
	expect_err_has 'waymark: --save-snapshot: Give the snapshot a label of 1 to 60 characters on one line'
	run audit
	expect_out_has "benchmark.snapshot	benchmark_snapshot	October 2025	as of 2025-10-01"
	[ "$(sqlite3 "$WAYMARK_DB" "SELECT count(*) FROM benchmark_snapshot")" = 2 ] || fail "a refused snapshot was kept"
}

test_benchmark_checklist_set_and_list() {
	init_school
	run benchmark list
	expect_rc 0
	expect_out_has "Benchmark 1: A stable careers programme (0 of 6 met)"
	expect_out_has "  3.4  not-met      Pupils' destinations are kept for at least three years after they leave"
	run benchmark set 1.3 met --evidence "Published at /careers" --review-date 2026-07-01
	expect_rc 0
	expect_out '1.3: met, evidence "Published at /careers", review by 2026-07-01'
	# Evidence and review date are kept when only the status changes.
	run benchmark set 1.3 in-progress
	expect_out '1.3: in-progress, evidence "Published at /careers", review by 2026-07-01'
	run benchmark set 1.3 met --evidence "" --review-date none
	expect_out "1.3: met"
	run benchmark set 1.2 in-progress --review-date 2025-09-30
	expect_rc 0
	expect_err "waymark: warning: item 1.2: its review date has passed"
	run benchmark list
	expect_out_has "Benchmark 1: A stable careers programme (1 of 6 met)"
	expect_out_has "                    review by 2025-09-30: REVIEW DUE (the date has passed)"
	run benchmark set 2.1 met
	expect_rc 1
	expect_err "waymark: no checklist item \"2.1\": the items are 1.1 to 1.6 and 3.1 to 3.4 (\`waymark benchmark list\`)"
	run benchmark set 1.1 done
	expect_rc 2
	expect_err_has "waymark: the status must be met, in-progress or not-met"
	run benchmark set 1.1 met --review-date 31/07/2026
	expect_rc 2
	expect_err_has "--review-date: \"31/07/2026\" is not a date"
	run audit
	expect_out_has "benchmark.set	benchmark_item	1.3	met, evidence \"Published at /careers\", review by 2026-07-01"
	[ "$(sqlite3 "$WAYMARK_DB" "SELECT status, evidence IS NULL, review_date IS NULL FROM benchmark_item WHERE item = '1.3'")" = "met|1|1" ] || fail "1.3 not cleared"
}

# Evidence too long for one line goes on under itself, in the list and in
# the report alike.
test_benchmark_checklist_long_evidence_wraps() {
	init_school
	run benchmark set 1.1 met --review-date 2026-07-10 \
		--evidence "Careers leader in post since 2022, Careers Leader training completed; two days a week and a budget agreed each year"
	expect_rc 0
	cat >"$T/want" <<'EOF'
  1.1  met          A careers leader, trained for the role, with the time and budget to run the
                    programme
                    evidence: Careers leader in post since 2022, Careers Leader training completed;
                    two days a week and a budget agreed each year
                    review by 2026-07-10
EOF
	run benchmark list
	grep -A4 '^  1\.1  met' "$T/out" | diff -u "$T/want" - || fail "benchmark list wraps the evidence badly"
	run report benchmarks --as-of 2025-11-10
	grep -A4 '^  1\.1  met' "$T/out" | diff -u "$T/want" - || fail "report benchmarks wraps the evidence badly"
}

test_guidance_add_and_list() {
	init_school
	run import students "$FIXTURES/rosters/sims.csv" --whole-school --as-of 2025-09-01
	run guidance list
	expect_out "no personal guidance meetings in 2025/26"
	run guidance add Y207000016008 --date 2025-10-01 --adviser "Jo Okafor" --external
	expect_rc 0
	expect_out "Y207000016008: guidance meeting on 2025-10-01 with Jo Okafor (external adviser, Level 6)"
	# By admission number; the careers leader; a follow-up.
	run guidance add 001010 --date 2025-10-02 --adviser "Ms Patel" --follow-up
	expect_rc 0
	expect_out "C919300123010: guidance meeting on 2025-10-02 with Ms Patel (careers leader, Level 6, follow-up)"
	run guidance add y207000016008 --date 2025-11-03 --adviser "Jo Okafor" --external
	run guidance add R919300123009 --date 2025-11-04 --adviser "Trainee" --level 4
	expect_rc 0
	expect_err "waymark: warning: a meeting with an adviser below Level 6 does not count toward Benchmark 8"
	run guidance list
	expect_rc 0
	expect_out "id    date       year tutor  pupil                                adviser                  by               level follow-up
1     2025-10-01 11   11C    José Da Silva (Y207000016008)        Jo Okafor                external adviser 6
2     2025-10-02 13   13Y    Chidi Okafor (C919300123010)         Ms Patel                 careers leader   6     yes
3     2025-11-03 11   11C    José Da Silva (Y207000016008)        Jo Okafor                external adviser 6
4     2025-11-04 12   12X    Ffion Evans (R919300123009)          Trainee                  careers leader   4

1 follow-up meeting for pupils needing more help
1 meeting below Level 6 does not count toward Benchmark 8
4 meetings in 2025/26: external 50% (two thirds planned), careers leader 50% (one third planned)"
	run guidance list --year 2024/25
	expect_out "no personal guidance meetings in 2024/25"
	# Errors.
	run guidance add B801200005001 --date 2025-10-01 --adviser "Jo Okafor"
	expect_rc 1
	expect_err "waymark: no pupil with UPN or admission number B801200005001 is enrolled in 2025/26"
	run guidance add Y207000016008 --date 2024-10-01 --adviser "Jo Okafor"
	expect_rc 1
	expect_err "waymark: no pupil with UPN or admission number Y207000016008 is enrolled in 2024/25"
	run guidance add Y207000016008 --adviser "Jo Okafor"
	expect_rc 2
	expect_err_has "waymark: --date is required"
	run guidance add Y207000016008 --date 2025-10-01
	expect_rc 2
	expect_err_has "waymark: --adviser is required: who held the meeting"
	run guidance add Y207000016008 --date 2025-10-01 --adviser X --level 9
	expect_rc 2
	expect_err_has "--level: \"9\" is not a qualification level from 1 to 8"
	[ "$(sqlite3 "$WAYMARK_DB" "SELECT count(*) FROM guidance_meeting")" = 4 ] || fail "an error added a meeting"
	run audit
	# The same entry the web form writes (t_guidance.sh compares them).
	expect_out_has 'guidance.add	student	C919300123010	{"after":{"date":"2025-10-02","adviser":"Ms Patel","external":false,"level":6,"follow_up":true,"notes_characters":0}}'
}

test_import_intentions() {
	init_school
	run import students "$FIXTURES/rosters/sims.csv" --whole-school --as-of 2025-09-01
	printf 'Adno,Considering Higher Education\r\n001009,Yes\r\n001010,No\r\n' >"$T/int.csv"
	run import intentions "$T/int.csv" --dry-run
	expect_rc 0
	expect_out "$T/int.csv: 2 pupils for 2025/26: 1 considering higher education, 1 not
dry run: nothing was changed"
	[ "$(sqlite3 "$WAYMARK_DB" "SELECT count(*) FROM student_intention")" = 0 ] || fail "a dry run changed the database"
	run import intentions "$T/int.csv"
	expect_rc 0
	expect_out "$T/int.csv: 2 pupils for 2025/26: 1 considering higher education, 1 not"
	# A second file changes its pupils, and leaves the others alone.
	printf 'Student UPN;HE\r\nc919300123010;Y\r\n' >"$T/again.csv"
	run import intentions "$T/again.csv" --year 2025/26
	expect_rc 0
	[ "$(sqlite3 "$WAYMARK_DB" "SELECT group_concat(considering_he) FROM (SELECT considering_he FROM student_intention ORDER BY student_id)")" = "1,1" ] || fail "intentions not replaced"
	# Every problem, and nothing changed.
	printf 'UPN,Adno,Considering HE\r\nR919300123009,,maybe\r\nB801200005001,,Y\r\n,,N\r\nC919300123010,,\r\nC919300123010,,N\r\n,001010,Y\r\n' >"$T/bad.csv"
	run import intentions "$T/bad.csv"
	expect_rc 1
	# Line 7 names Chidi again, by admission number.
	expect_err "$T/bad.csv:2: column Considering HE: \"maybe\" is not yes or no: write Y or N (Yes/No, True/False, 1/0 also work)
$T/bad.csv:3: column UPN: no pupil with UPN B801200005001 is enrolled in 2025/26
$T/bad.csv:4: no UPN or admission number: this row names no pupil
$T/bad.csv:5: column Considering HE: missing value: write Y or N
$T/bad.csv:7: column Adno: C919300123010 is also on line 6: each pupil once
$T/bad.csv: 5 errors: nothing was imported"
	[ "$(sqlite3 "$WAYMARK_DB" "SELECT group_concat(considering_he) FROM (SELECT considering_he FROM student_intention ORDER BY student_id)")" = "1,1" ] || fail "a bad file changed intentions"
	printf 'UPN,Considering HE\r\nC919300123010,Y\r\nc919300123010,N\r\n' >"$T/twice.csv"
	run import intentions "$T/twice.csv"
	expect_rc 1
	expect_err "$T/twice.csv:3: column UPN: C919300123010 is also on line 2: each pupil once
$T/twice.csv: 1 error: nothing was imported"
	# Pupils enrolled in another year are not found.
	run import intentions "$T/int.csv" --year 2024/25
	expect_rc 1
	expect_err_has "$T/int.csv:2: column Adno: no pupil with admission number 001009 is enrolled in 2024/25"
	printf 'UPN,Plans\r\nC919300123010,University\r\n' >"$T/nocol.csv"
	run import intentions "$T/nocol.csv"
	expect_rc 1
	expect_err_has "no header row found"
	printf 'UPN,Considering HE,Plans\r\n' >"$T/empty.csv"
	run import intentions "$T/empty.csv"
	expect_rc 0
	expect_out "$T/empty.csv: 0 pupils for 2025/26: 0 considering higher education, 0 not"
	run audit
	expect_out_has "import.intentions	intentions	$T/int.csv	2025/26: 2 pupils, 1 considering higher education"
}

test_import_guidance() {
	init_school
	run import students "$FIXTURES/rosters/sims.csv" --whole-school --as-of 2025-09-01
	printf 'UPN,Meeting Date,Adviser Name,External,Level,Follow Up\r\nY207000016008,01/10/2025,Jo Okafor,Y,6,N\r\nC919300123010,2025-10-02,Ms Patel,N,,Y\r\n' >"$T/g.csv"
	run import guidance "$T/g.csv" --dry-run
	expect_rc 0
	expect_out "$T/g.csv: 2 meetings added (1 by the external adviser), 0 already there
dry run: nothing was changed"
	[ "$(sqlite3 "$WAYMARK_DB" "SELECT count(*) FROM guidance_meeting")" = 0 ] || fail "a dry run changed the database"
	run import guidance "$T/g.csv"
	expect_rc 0
	expect_out "$T/g.csv: 2 meetings added (1 by the external adviser), 0 already there"
	[ "$(sqlite3 "$WAYMARK_DB" "SELECT adviser, external, level, follow_up FROM guidance_meeting ORDER BY date")" = "Jo Okafor|1|6|0
Ms Patel|0|6|1" ] || fail "meetings stored wrongly"
	# Importing again adds nothing.
	run import guidance "$T/g.csv"
	expect_out "$T/g.csv: 0 meetings added (0 by the external adviser), 2 already there"
	# Every problem, and nothing changed.
	printf 'UPN,Date,Adviser,External,Level\r\nY207000016008,2025-13-01,Jo Okafor,Y,6\r\nY207000016008,2025-11-01,,Y,6\r\nY207000016008,2025-11-02,Jo Okafor,perhaps,9\r\nB801200005001,2025-11-03,Jo Okafor,Y,6\r\nY207000016008,2024-11-03,Jo Okafor,Y,6\r\nR919300123009,2025-11-05,Jo Okafor,Y,6\r\n' >"$T/bad.csv"
	run import guidance "$T/bad.csv"
	expect_rc 1
	expect_err "$T/bad.csv:2: column Date: \"2025-13-01\" is not a date: write dd/mm/yyyy or yyyy-mm-dd
$T/bad.csv:3: column Adviser: missing value: who held the meeting?
$T/bad.csv:4: column External: \"perhaps\" is not yes or no: write Y or N (Yes/No, True/False, 1/0 also work)
$T/bad.csv:4: column Level: \"9\" is not a qualification level: write 1 to 8 (6 for a qualified careers adviser)
$T/bad.csv:5: column UPN: no pupil with UPN B801200005001 is enrolled in 2025/26
$T/bad.csv:6: column UPN: no pupil with UPN Y207000016008 is enrolled in 2024/25
$T/bad.csv: 6 errors: nothing was imported"
	[ "$(sqlite3 "$WAYMARK_DB" "SELECT count(*) FROM guidance_meeting")" = 2 ] || fail "a bad file added meetings"
	printf 'UPN,Adviser\r\nY207000016008,Jo Okafor\r\n' >"$T/nodate.csv"
	run import guidance "$T/nodate.csv"
	expect_rc 1
	expect_err "$T/nodate.csv:1: no Date column: name it Date (or Meeting Date)
$T/nodate.csv: 1 error: nothing was imported"
	run audit
	expect_out_has "import.guidance	guidance	$T/g.csv	2 meetings added, 0 already there"
}

test_demo_school_shows_benchmark_8() {
	run demo --students 60 --seed 7 --out "$T/demo" --as-of 2025-11-10
	expect_rc 0
	cp -r "$T/demo" "$T/again"
	run demo --students 60 --seed 7 --out "$T/again" --as-of 2025-11-10
	for f in intentions.csv guidance.csv registers.csv; do
		cmp -s "$T/demo/$f" "$T/again/$f" || fail "$f differs for the same seed"
	done
	run init --school "Demo Academy"
	run calendar import "$T/demo/calendar.yaml"
	run import students "$T/demo/roster.csv" --whole-school --as-of 2025-09-01
	expect_rc 0
	run import intentions "$T/demo/intentions.csv"
	expect_rc 0
	expect_out_has "12 pupils for 2025/26"
	run import guidance "$T/demo/guidance.csv"
	expect_rc 0
	run guidance list
	expect_out_has "(two thirds planned)"
	run report benchmarks --format csv
	expect_rc 0
	# Some of Years 11 and 13 have had a meeting, not all.
	for criterion in bm8-by-16 bm8-by-18; do
		row=$(grep ",8,$criterion," "$T/out")
		eligible=$(printf '%s' "$row" | cut -d, -f4)
		met=$(printf '%s' "$row" | cut -d, -f5)
		[ "$met" -gt 0 ] && [ "$met" -lt "$eligible" ] || fail "$criterion: $row"
	done
}
