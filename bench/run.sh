#!/bin/sh
# `make bench`: runs every benchmark bench/*.sh (each prints one line per
# measurement and a summary line; progress goes to stderr), then repeats
# the summary lines together. Exits 1 if any benchmark failed.
#
#   bench/run.sh              every benchmark
#   bench/run.sh import       those whose file name contains "import"
#
# Figures are wall times on this machine and mean something only as the
# ratios each benchmark prints against its baseline, run side by side.
set -u
cd "$(dirname "$0")/.." || exit 1
filter=${1:-}
summaries=
failed=0
for b in bench/*.sh; do
	n=${b##*/}
	n=${n%.sh}
	[ "$n" = run ] || [ "$n" = lib ] && continue
	case "$n" in *"$filter"*) ;; *) continue ;; esac
	echo "== $n"
	out=$(sh "$b")
	status=$?
	[ -n "$out" ] && printf '%s\n' "$out"
	if [ "$status" -ne 0 ]; then
		echo "== $n: FAILED (exit $status)"
		failed=$((failed + 1))
		continue
	fi
	summaries="$summaries$(printf '%s\n' "$out" | tail -n 1)
"
done
if [ -n "$summaries" ]; then
	echo "== results"
	printf '%s' "$summaries"
fi
[ "$failed" -eq 0 ]
