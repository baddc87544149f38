#!/bin/sh
# Forty tutors saving their 30-pupil registers at once through HTTP (each
# save durable before the reply: synchronous=FULL), with and without two
# careers leaders reading the entitlement report, beside the baseline: a C
# loop of single-row durable commits through SQLite on the same disk, in
# the same run (bench/commit_loop.c). A register save is one transaction of
# about thirty rows, so the loop is the ceiling a save could approach.
#
# Prints saves/s, p50 and p99 of a save, errors, and the ratios: saves/s
# over commits/s (target at least 0.5) and the writers' p99 with readers
# over without (target at most 5).
#
#   BENCH_SECONDS  each run's length (20)
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/tests/drills/lib.sh"
seconds=${BENCH_SECONDS:-20}

mkdir -p "$ROOT/build/bench"
cc -std=c17 -O2 -Wall -Wextra -Werror -D_GNU_SOURCE -o "$ROOT/build/bench/commit_loop" \
	"$ROOT/bench/commit_loop.c" -lsqlite3
loop=$("$ROOT/build/bench/commit_loop" "$D/loop.db" "$seconds")
commits=$(echo "$loop" | awk '{ print $4 }')
echo "baseline: $loop (single-row durable commits, one writer)"

drill_school
drill_accounts 40 2
drill_serve
run() { # LABEL READERS
	accounts=$(cat "$D/accounts.json")
	[ "$2" = yes ] || accounts=$(echo "$accounts" | sed 's/"readers":\[.*\]/"readers":[]/')
	printf '{"base":"%s","seconds":%s,"reusePage":true,"readerPath":"/reports/entitlement",%s\n' \
		"$BASE" "$seconds" "${accounts#\{}" >"$D/config.json"
	drill_client "$D/config.json"
	[ "$(json_field errors)" = 0 ] || say "errors: $(sed -n 's/.*"errorSamples":\(.*\)}/\1/p' "$D/client.json")" >&2
	echo "$1: $(json_field saves) saves, $(json_field savesPerSecond)/s, p50 $(json_field saveP50) ms, p99 $(json_field saveP99) ms, $(json_field errors) errors; $(json_field reads) report reads, p99 $(json_field readP99) ms"
	eval "rate_$3=$(json_field savesPerSecond) p99_$3=$(json_field saveP99) errors_$3=$(json_field errors)"
}
run "40 writers" no alone
# The writers chose new passwords at their first sign-in (client.js).
sed -i 's/"login":"\(tutor[0-9]*\)","password":"[^"]*"/"login":"\1","password":"a long drill password for \1"/g' "$D/accounts.json"
run "40 writers and 2 report readers" yes readers
drill_stop
awk -v r="$rate_readers" -v a="$rate_alone" -v c="$commits" -v p="$p99_readers" -v q="$p99_alone" \
	-v e="$((errors_alone + errors_readers))" 'BEGIN {
	printf "concurrent saves: %.1f saves/s alone, %.1f with readers, against %.1f commits/s: ratio %.2f (target >= 0.5); writers p99 with readers / without %.2f (target <= 5); %d errors\n",
	       a, r, c, a / c, p / q, e }'
