#!/bin/sh
# Benchmark: `waymark import register` of a 1,000,000-row register, against
# the sqlite3 shell importing the same rows, side by side on this machine.
#
#   bench/import_register.sh          (or `make bench`, which runs every benchmark)
#
# 1. A demo school big enough for the register, built with the real commands:
#    `waymark demo`, then init, calendar import, import students, event
#    import and select, so that every pupil and event of the register exists.
#    The register is cut to exactly BENCH_ROWS data rows (the last event
#    keeps part of its register; every row still imports without error).
# 2. waymark: `waymark import register` on a fresh copy of that database,
#    BENCH_RUNS times; the median wall time.
# 3. Baseline 1: `sqlite3 DB .import` of the same rows, as the resolved ids
#    (event_id, student_id, status) the waymark run stored, into the empty
#    `mark` table of a fresh copy of the same database: same schema and
#    indexes, WAL (kept in the file), synchronous=FULL, foreign_keys and
#    secure_delete on, as waymark sets them. The shell wraps .import in one
#    transaction, as waymark does its import.
#    Baseline 2: `sqlite3 DB .import` of the register file itself into a
#    plain staging table of its 4 text columns: what the shell does with the
#    same file when nothing is resolved or checked.
#
# Prints one line per measurement, then the summary line:
#   import_register: 1000000 rows, waymark 6.50 s, sqlite3 .import (resolved
#   ids into mark) 5.00 s, ratio 1.30; sqlite3 .import (raw text into
#   staging) 1.20 s, ratio 5.42
# Progress goes to stderr. Everything lives in a temporary directory,
# removed at the end (BENCH_KEEP=1 keeps it and says where).
#
# Knobs: WAYMARK (default build/waymark), BENCH_ROWS (1000000), BENCH_RUNS
# (3), TMPDIR.
#
# What waymark does and the baselines do not: it reads and checks the CSV
# (encoding, header, every cell), finds each pupil by UPN and each event by
# activity and date, hashes the file (SHA-256) and writes an import_record
# and an audit row. Its database settings are its own (src/store/db.c).
set -eu

. "$(dirname "$0")/lib.sh"
bench_init import_register
name=import_register
rows=${BENCH_ROWS:-1000000}
runs=${BENCH_RUNS:-3}
# The demo school's year, with registers for every event of it.
year=2025/26
as_of=2026-08-31

# A fresh copy of the prepared database (checkpointed: no -wal file).
fresh() {
	rm -f "$1" "$1-wal" "$1-shm"
	cp "$tmp/base.db" "$1"
}

# ---- 1. the demo school ----

# About 24.1 register rows a pupil for the demo's programme; a little over.
students=$((rows / 24 + 100))
[ "$students" -lt 50 ] && students=50
[ "$students" -gt 100000 ] && die "BENCH_ROWS=$rows needs more pupils than waymark demo makes"
school=$tmp/school
say "building a demo school of $students pupils in $tmp"
"$waymark" demo --students "$students" --year "$year" --as-of "$as_of" --out "$school" \
	>"$tmp/demo.log" || die "waymark demo: $(cat "$tmp/demo.log")"
have=$(($(wc -l <"$school/registers.csv") - 1))
[ "$have" -ge "$rows" ] || die "the demo register has $have rows, fewer than $rows"
head -n $((rows + 1)) "$school/registers.csv" >"$tmp/register.csv"
[ $(($(wc -l <"$tmp/register.csv") - 1)) -eq "$rows" ] || die "cannot cut the register to $rows rows"

bench_school "$tmp/base.db" "$school" "$year" "$as_of"
[ ! -s "$tmp/base.db-wal" ] || die "the prepared database was left with a WAL file"
say "$(count "$tmp/base.db" student) pupils, $(count "$tmp/base.db" event) events, $rows register rows; sqlite $(sqlite3 -version | cut -d' ' -f1)"

# ---- 2. waymark ----

times=
i=0
while [ "$i" -lt "$runs" ]; do
	i=$((i + 1))
	fresh "$tmp/waymark.db"
	t0=$(now)
	"$waymark" --db "$tmp/waymark.db" import register "$tmp/register.csv" \
		>"$tmp/waymark.out" 2>"$tmp/waymark.err" ||
		die "waymark import register: $(head -n 5 "$tmp/waymark.err")"
	t1=$(now)
	grep -q ": $rows marks " "$tmp/waymark.out" || die "waymark imported: $(cat "$tmp/waymark.out")"
	[ ! -s "$tmp/waymark.err" ] || die "waymark import register warned: $(head -n 5 "$tmp/waymark.err")"
	times="$times $(seconds "$t0" "$t1")"
	# The marks it stored, as ids, for the first baseline. (event_id,
	# student_id) order is the file's: events and pupils were numbered in
	# the order the demo writes them.
	if [ "$i" -eq 1 ]; then
		sqlite3 -batch -csv "$tmp/waymark.db" \
			"SELECT event_id, student_id, status FROM mark ORDER BY event_id, student_id" \
			>"$tmp/marks.csv"
		[ "$(wc -l <"$tmp/marks.csv")" -eq "$rows" ] || die "marks.csv does not have $rows rows"
	fi
done
# shellcheck disable=SC2086
waymark_s=$(median $times)
printf '%s: waymark import register: runs%s s, median %s s\n' "$name" "$times" "$(two "$waymark_s")"

# ---- 3. the sqlite3 shell ----

# Times `sqlite3 DB ARGS...` on a fresh copy, runs times, after SETUP (SQL,
# untimed); checks that TABLE then holds $rows rows. Sets $median.
shell_runs() { # label setup table args...
	label=$1 setup=$2 table=$3
	shift 3
	times=
	i=0
	while [ "$i" -lt "$runs" ]; do
		i=$((i + 1))
		fresh "$tmp/shell.db"
		[ -z "$setup" ] || sqlite3 -batch -bail "$tmp/shell.db" "$setup" || die "$label: setup failed"
		t0=$(now)
		sqlite3 -batch -bail "$tmp/shell.db" "$@" >"$tmp/shell.out" 2>&1 ||
			die "$label: $(head -n 5 "$tmp/shell.out")"
		t1=$(now)
		[ ! -s "$tmp/shell.out" ] || die "$label: $(head -n 5 "$tmp/shell.out")"
		n=$(count "$tmp/shell.db" "$table")
		[ "$n" -eq "$rows" ] || die "$label: $table holds $n rows, not $rows"
		times="$times $(seconds "$t0" "$t1")"
	done
	# shellcheck disable=SC2086
	median=$(median $times)
	printf '%s: %s: runs%s s, median %s s\n' "$name" "$label" "$times" "$(two "$median")"
}

mode=$(sqlite3 -batch "$tmp/base.db" "PRAGMA journal_mode")
[ "$mode" = wal ] || die "the prepared database is in $mode mode, not WAL"
[ "$(count "$tmp/base.db" mark)" -eq 0 ] || die "the prepared database already has marks"

# The shell's commands run in order; a pragma that answers with a value
# (secure_delete) would print it, hence the .output around them.
resolved_label="sqlite3 .import (resolved ids into mark)"
shell_runs "$resolved_label" "" mark \
	".output /dev/null" \
	"PRAGMA foreign_keys = ON" "PRAGMA secure_delete = ON" "PRAGMA synchronous = FULL" \
	".output stdout" ".mode csv" ".import \"$tmp/marks.csv\" mark"
resolved_s=$median

raw_label="sqlite3 .import (raw text into staging)"
shell_runs "$raw_label" \
	"CREATE TABLE register_staging (activity TEXT, date TEXT, upn TEXT, attendance TEXT)" \
	register_staging \
	".output /dev/null" "PRAGMA synchronous = FULL" ".output stdout" \
	".import --csv --skip 1 \"$tmp/register.csv\" register_staging"
raw_s=$median

printf '%s: %s rows, waymark %s s, %s %s s, ratio %s; %s %s s, ratio %s\n' \
	"$name" "$rows" "$(two "$waymark_s")" "$resolved_label" "$(two "$resolved_s")" \
	"$(ratio "$waymark_s" "$resolved_s")" "$raw_label" "$(two "$raw_s")" \
	"$(ratio "$waymark_s" "$raw_s")"
