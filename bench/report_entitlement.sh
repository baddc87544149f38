#!/bin/sh
# Benchmark: `waymark report entitlement --format csv` for a school of
# 100,000 pupils, against the sqlite3 shell running the same report as one
# SQL query (bench/entitlement.sql), side by side on this machine.
#
#   bench/report_entitlement.sh       (or `make bench`, which runs every benchmark)
#
# 1. A demo school of BENCH_STUDENTS pupils and a full year of registers,
#    loaded with the real commands (init, calendar import, import students,
#    event import, select, import register).
# 2. waymark: the report for the whole year, BENCH_RUNS times; the median
#    wall time. It opens the database, loads the year's pupils, events and
#    marks (src/store/monitoring_store.c), counts every activity and year
#    group (src/domain/entitlement.c) and writes the CSV.
# 3. Baseline: `sqlite3 -csv DB < bench/entitlement.sql`, the same rows by
#    the same rule in SQL, BENCH_RUNS times; the median.
# 4. The two outputs are compared row by row (through sqlite's own CSV
#    reader, so that quoting does not matter): the benchmark fails unless
#    they agree, which also checks the report against an independent
#    statement of the rule on a large school.
#
# Prints one line per measurement, then the summary line (2026-11-25, 2 cores):
#   report_entitlement: 100000 pupils, 3715601 marks, 104 rows, waymark
#   1.45 s, sqlite3 (same rows in SQL) 5.52 s, ratio 0.26
# Progress goes to stderr; everything lives in a temporary directory,
# removed at the end (BENCH_KEEP=1 keeps it and says where).
#
# Knobs: WAYMARK (default build/waymark), BENCH_STUDENTS (100000),
# BENCH_RUNS (5), TMPDIR.
set -eu

. "$(dirname "$0")/lib.sh"
bench_init report_entitlement
students=${BENCH_STUDENTS:-100000}
runs=${BENCH_RUNS:-5}
name=report_entitlement
year=2025/26
start_year=2025
as_of=2026-08-31

# ---- 1. the demo school ----

school=$tmp/school
db=$tmp/school.db
say "building a demo school of $students pupils in $tmp"
"$waymark" demo --students "$students" --year "$year" --as-of "$as_of" --out "$school" \
	>"$tmp/demo.log" || die "waymark demo: $(cat "$tmp/demo.log")"
bench_school "$db" "$school" "$year" "$as_of"
"$waymark" --db "$db" import register "$school/registers.csv" >>"$tmp/setup.log" 2>&1 ||
	die "waymark import register: $(tail -n 5 "$tmp/setup.log")"
marks=$(count "$db" mark)
say "$(count "$db" student) pupils, $(count "$db" event) events, $marks marks; sqlite $(sqlite3 -version | cut -d' ' -f1)"

# ---- 2. waymark ----

times=
i=0
while [ "$i" -lt "$runs" ]; do
	i=$((i + 1))
	t0=$(now)
	"$waymark" --db "$db" report entitlement --year "$year" --as-of "$as_of" --format csv \
		>"$tmp/waymark.csv" 2>"$tmp/waymark.err" ||
		die "waymark report entitlement: $(head -n 5 "$tmp/waymark.err")"
	t1=$(now)
	times="$times $(seconds "$t0" "$t1")"
done
waymark_s=$(median $times)
rows=$(($(wc -l <"$tmp/waymark.csv") - 1))
echo "$name: waymark report entitlement, $rows rows: median $(two "$waymark_s") s of $runs runs ($times )"

# ---- 3. the sqlite3 shell ----

{
	echo ".parameter set :start_year $start_year"
	echo ".parameter set :as_of \"'$as_of'\""
	echo ".headers on"
	echo ".mode csv"
	cat "$here/entitlement.sql"
} >"$tmp/query.sql"
times=
i=0
while [ "$i" -lt "$runs" ]; do
	i=$((i + 1))
	t0=$(now)
	sqlite3 -batch "$db" <"$tmp/query.sql" >"$tmp/sqlite.csv" 2>"$tmp/sqlite.err" ||
		die "sqlite3: $(head -n 5 "$tmp/sqlite.err")"
	t1=$(now)
	[ ! -s "$tmp/sqlite.err" ] || die "sqlite3: $(head -n 5 "$tmp/sqlite.err")"
	times="$times $(seconds "$t0" "$t1")"
done
sqlite_s=$(median $times)
echo "$name: sqlite3 shell, bench/entitlement.sql: median $(two "$sqlite_s") s of $runs runs ($times )"

# ---- 4. the same rows ----

# waymark's CSV starts with a byte-order mark for spreadsheets; drop it.
sed '1s/^\xef\xbb\xbf//' "$tmp/waymark.csv" >"$tmp/waymark-nobom.csv"
differ=$(sqlite3 -batch ":memory:" \
	".import --csv $tmp/waymark-nobom.csv w" \
	".import --csv $tmp/sqlite.csv s" \
	"SELECT (SELECT count(*) FROM (SELECT * FROM w EXCEPT SELECT * FROM s)) +
	        (SELECT count(*) FROM (SELECT * FROM s EXCEPT SELECT * FROM w))")
[ "$differ" = 0 ] || die "waymark and the SQL disagree on $differ rows (BENCH_KEEP=1 keeps both files)"
echo "$name: the $rows rows agree"

echo "$name: $students pupils, $marks marks, $rows rows, waymark $(two "$waymark_s") s," \
	"sqlite3 (same rows in SQL) $(two "$sqlite_s") s, ratio $(ratio "$waymark_s" "$sqlite_s")"
