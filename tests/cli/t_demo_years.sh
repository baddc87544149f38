# The demo school over several academic years (`waymark demo --years N`):
# one population of pupils, loaded through the imports exactly as `make run`
# loads it (scripts/load-demo.sh), so that the rules that look back (by 16,
# by 18, Provider Access phases over two years, the roster rollover) see a
# history.

LOAD_DEMO="$CLI_DIR/../../scripts/load-demo.sh"

# 2024/25 and 2025/26 of an 80-pupil school, registers up to the end of
# March 2026 (after the February end of the Year 9, 11 and 13 windows).
write_two_years() { # DIR
	run demo --students 80 --seed 11 --years 2 --year 2025/26 --as-of 2026-03-31 --out "$1"
	expect_rc 0
}

# Loaded on the demo's as-of date (2026-03-31 here): its registers run up to
# it, and a register is never taken before its event's day.
load_demo() { # DIR
	WAYMARK="$WAYMARK" WAYMARK_TODAY=2026-03-31 "$LOAD_DEMO" "$WAYMARK_DB" "$1" \
		>"$T/load" 2>"$T/load.err" ||
		fail "load-demo.sh failed: $(cat "$T/load.err")"
}

# The roster's rows without the title and header rows: UPN,Adno,...
roster_rows() { # FILE
	tail -n +4 "$1" | tr -d '\r'
}

# In the CSV report in $T/out, the COLUMN-th cell of the first row that
# starts with KEY (a grep pattern).
csv_cell() { # KEY COLUMN
	tr -d '\r' <"$T/out" | sed 's/^\xef\xbb\xbf//' | grep "^$1" | head -1 | cut -d, -f"$2"
}

test_demo_years_layout_and_seed() {
	write_two_years "$T/demo"
	expect_out_has "wrote $T/demo/2024-25/ for 2024/25: 80 pupils"
	expect_out_has "held by 2025-08-31)"
	expect_out_has "wrote $T/demo/2025-26/ for 2025/26: 80 pupils"
	expect_out_has "held by 2026-03-31)"
	expect_out_has "  from 2024/25: "
	for year in 2024-25 2025-26; do
		for f in roster.csv calendar.yaml events.csv registers.csv intentions.csv guidance.csv; do
			[ -s "$T/demo/$year/$f" ] || fail "no $year/$f"
		done
		ls "$T/demo/$year/selections/"*.csv >/dev/null || fail "no $year/selections/"
	done
	[ ! -e "$T/demo/roster.csv" ] || fail "a roster beside the year directories"
	# The earlier year's registers run to the summer; the last stops at --as-of.
	last=$(tail -n +2 "$T/demo/2024-25/registers.csv" | cut -d, -f2 | sort | tail -1)
	[ "$last" \> 2025-07-01 ] || fail "2024/25 registers end on $last"
	last=$(tail -n +2 "$T/demo/2025-26/registers.csv" | cut -d, -f2 | sort | tail -1)
	[ ! "$last" \> 2026-03-31 ] || fail "2025/26 registers run on to $last"
	# The same seed gives the same files; another seed other files.
	run demo --students 80 --seed 11 --years 2 --year 2025/26 --as-of 2026-03-31 --out "$T/again"
	diff -r "$T/demo" "$T/again" >/dev/null || fail "the same seed gave other files"
	run demo --students 80 --seed 12 --years 2 --year 2025/26 --as-of 2026-03-31 --out "$T/other"
	! cmp -s "$T/demo/2025-26/roster.csv" "$T/other/2025-26/roster.csv" ||
		fail "another seed gave the same roster"
	# --years 1 is the flat layout of old, file for file.
	run demo --students 80 --seed 11 --as-of 2026-03-31 --out "$T/flat"
	run demo --students 80 --seed 11 --years 1 --as-of 2026-03-31 --out "$T/flat1"
	expect_out_has "wrote $T/flat1/ for 2025/26: 80 pupils"
	expect_out_lacks "from 2024/25"
	diff -r "$T/flat" "$T/flat1" >/dev/null || fail "--years 1 differs from no --years"
	[ -f "$T/flat1/roster.csv" ] || fail "--years 1 is not flat"
	run demo --years 4 --out "$T/four"
	expect_rc 2
	expect_err_has "--years: 1, 2 or 3"
}

test_demo_years_are_one_population() {
	write_two_years "$T/demo"
	roster_rows "$T/demo/2024-25/roster.csv" >"$T/old"
	roster_rows "$T/demo/2025-26/roster.csv" >"$T/new"
	# Whoever is in both keeps UPN, admission number, names, date of birth
	# and date of admission, one year group up; nobody is in Year 13 twice.
	awk -F, 'NR == FNR { was[$1] = $2 FS $4 FS $5 FS $7 FS $18; year[$1] = $9; next }
		($1 in was) {
			both++
			if (was[$1] != $2 FS $4 FS $5 FS $7 FS $18) { print "changed: " $0; bad++ }
			split(year[$1], a, " "); split($9, b, " ")
			if (b[2] != a[2] + 1) { print "not moved up: " $0; bad++ }
		}
		END { if (!both || bad) exit 1 }' "$T/old" "$T/new" || fail "the years are not one population"
	# A new Year 7 and a few pupils in other years joined.
	new7=$(awk -F, 'NR == FNR { seen[$1] = 1; next } !($1 in seen) && $9 == "Year 7"' "$T/old" "$T/new" | wc -l)
	others=$(awk -F, 'NR == FNR { seen[$1] = 1; next } !($1 in seen) && $9 != "Year 7"' "$T/old" "$T/new" | wc -l)
	[ "$new7" -ge 10 ] && [ "$others" -ge 1 ] || fail "joined: $new7 in Year 7, $others others"
}

test_demo_years_rollover_matches_the_rosters() {
	write_two_years "$T/demo"
	demo_line=$(grep "^  from 2024/25: " "$T/out")
	load_demo "$T/demo"
	# Counted from the files as the import counts them: promoted, in both
	# rosters; joined, in the new one only; left, in the old one with no
	# Date of Leaving and not in the new one.
	roster_rows "$T/demo/2024-25/roster.csv" >"$T/old"
	roster_rows "$T/demo/2025-26/roster.csv" >"$T/new"
	counts=$(awk -F, 'NR == FNR { old[$1] = $19; next }
		{ if ($1 in old) { promoted++; delete old[$1] } else joined++ }
		END { for (u in old) if (old[u] == "06/06/2079") left++
		      printf "%d %d %d", promoted, joined, left }' "$T/old" "$T/new")
	set -- $counts
	[ "$1" -gt 0 ] && [ "$2" -gt 0 ] && [ "$3" -gt 0 ] || fail "counts from the rosters: $counts"
	grep -qxF "rollover from 2024/25: $1 promoted, $2 joined, $3 left, 0 kept in their year group" "$T/load" ||
		fail "expected rollover from 2024/25: $1 promoted, $2 joined, $3 left; load-demo.sh printed:
$(cat "$T/load")"
	grep -qF "$T/demo/2025-26/roster.csv: 80 pupils for 2025/26: $2 new, $1 updated, $3 left, 0 unchanged" "$T/load" ||
		fail "the roster import line: $(grep roster.csv "$T/load")"
	[ "$demo_line" = "  from 2024/25: $1 promoted, $2 joined, $3 left" ] ||
		fail "waymark demo said: $demo_line"
	[ "$(sqlite3 "$WAYMARK_DB" "SELECT count(*) FROM enrolment WHERE start_year = 2024")" = 80 ] ||
		fail "2024/25 enrolments"
	[ "$(sqlite3 "$WAYMARK_DB" "SELECT count(*) FROM enrolment WHERE start_year = 2025")" = 80 ] ||
		fail "2025/26 enrolments"
	# Last year's leavers are on roll until 31 August.
	[ "$(sqlite3 "$WAYMARK_DB" "SELECT count(*) FROM enrolment WHERE start_year = 2024 AND on_roll_to = '2025-08-31'")" = "$3" ] ||
		fail "leavers not on roll to 2025-08-31"
}

test_demo_years_student_record_and_reports() {
	write_two_years "$T/demo"
	load_demo "$T/demo"
	# A Year 11 pupil on roll both years: their record shows both.
	roster_rows "$T/demo/2024-25/roster.csv" >"$T/old"
	roster_rows "$T/demo/2025-26/roster.csv" >"$T/new"
	upn=$(awk -F, 'NR == FNR { if ($19 == "06/06/2079") old[$1] = 1; next }
		($1 in old) && $9 == "Year 11" && $19 == "06/06/2079" { print $1; exit }' "$T/old" "$T/new")
	[ -n "$upn" ] || fail "no Year 11 pupil on roll both years"
	run report student "$upn" --as-of 2026-03-31
	expect_rc 0
	expect_out_has "2024/25: Year 10, tutor group 10"
	expect_out_has "2025/26: Year 11, tutor group 11"

	# Both years' plans meet their timing rules.
	run check timing --year 2024/25
	expect_rc 0
	expect_out_has "events meet their timing rules"
	run check timing --year 2025/26
	expect_rc 0

	# History counts: by 16 and by 18 reach back into last year.
	run report benchmarks --as-of 2026-03-31 --format csv
	expect_rc 0
	cp "$T/out" "$T/benchmarks.csv"
	for criterion in bm7-by-16 bm8-by-16 bm6-by-18 bm8-by-18; do
		year=11
		case $criterion in *-by-18) year=13 ;; esac
		met=$(csv_cell "$year,[0-9],$criterion," 5)
		[ "${met:-0}" -gt 0 ] || fail "$criterion: no Year $year pupil met it"
	done
	# Year 10's work placement last year is Year 11's first experience of
	# a workplace by 16 (the second, Year 9's day, is before the records).
	run report benchmarks --as-of 2026-03-31 --year-group 11 --missed --format csv
	have=$(tr -d '\r' <"$T/out" | grep -c ',bm6-by-16,.*,1,2$' || true)
	[ "$have" -gt 0 ] || fail "no Year 11 pupil has last year's work placement"
	# Provider Access: Year 9's two encounters are last year's Year 8
	# assembly and this year's T Levels assembly; Year 11's are Year 10's.
	run report provider-access --as-of 2026-03-31 --format csv
	expect_rc 0
	cp "$T/out" "$T/provider-access.csv"
	for year in 9 11; do
		eligible=$(csv_cell "[0-9],$year," 3)
		met=$(csv_cell "[0-9],$year," 4)
		[ "$met" -gt 0 ] && [ "$met" -le "$eligible" ] || fail "Year $year: $met of $eligible"
	done
	run report entitlement --year 2024/25
	expect_rc 0
	run report benchmarks --as-of 2026-03-31
	expect_out_has "  1 A stable careers programme                                5 of 6     83%"
	expect_out_has "  3 Addressing the needs of each pupil                        3 of 4     75%"

	# The same year loaded alone has no history: the figures that look back
	# fall to nothing.
	export WAYMARK_DB="$T/alone.db"
	export WAYMARK_TODAY=2026-03-31  # the demo's as-of date, as in load_demo
	run init --school "Demo Academy"
	run calendar import "$T/demo/2025-26/calendar.yaml"
	run import students "$T/demo/2025-26/roster.csv" --whole-school --as-of 2025-09-01
	expect_rc 0
	expect_out_lacks "rollover"
	run event import "$T/demo/2025-26/events.csv"
	run import register "$T/demo/2025-26/registers.csv"
	expect_rc 0
	run report provider-access --as-of 2026-03-31 --format csv
	[ "$(csv_cell "1,9," 4)" = 0 ] || fail "Year 9 met Provider Access without last year"
	run report benchmarks --as-of 2026-03-31 --format csv
	[ "$(csv_cell "13,6,bm6-by-18," 5)" = 0 ] || fail "Year 13 had a workplace without last year"
}

# Three years reach Year 11's Year 9 work experience day: two experiences
# of workplaces by 16.
test_demo_three_years_reach_year_9() {
	run demo --students 60 --seed 3 --years 3 --year 2025/26 --as-of 2026-03-31 --out "$T/demo"
	expect_rc 0
	expect_out_has "wrote $T/demo/2023-24/ for 2023/24: 60 pupils"
	expect_out_has "  from 2023/24: "
	expect_out_has "  from 2024/25: "
	load_demo "$T/demo"
	[ "$(grep -c '^rollover from ' "$T/load")" = 2 ] || fail "two rollovers expected"
	run report benchmarks --as-of 2026-03-31 --format csv
	met=$(csv_cell "11,6,bm6-by-16," 5)
	[ "${met:-0}" -gt 0 ] || fail "bm6-by-16: no Year 11 pupil has two experiences"
}
