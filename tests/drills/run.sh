#!/bin/sh
# Runs the drills (tests/drills/d_*.sh) and prints "drills: N passed, M failed".
#
#   tests/drills/run.sh [NAME...]     DRILL_SECONDS, DRILL_REPEATS: each drill's budget
#
# `make drills` runs them at full length (60 s of load, 20 repeats of each
# fault); `make test` runs the short version (DRILL_SECONDS=30, DRILL_REPEATS=3).
set -u
cd "$(dirname "$0")/../.."
passed=0
failed=0
for script in tests/drills/d_*.sh; do
	name=$(basename "$script" .sh)
	name=${name#d_}
	if [ $# -gt 0 ]; then
		case " $* " in *" $name "*) ;; *) continue ;; esac
	fi
	started=$(date +%s)
	out=$(sh "$script" 2>&1)
	status=$?
	verdict=$(printf '%s\n' "$out" | grep '^drill ' | tail -1)
	if [ "$status" -eq 0 ] && printf '%s' "$verdict" | grep -q ': PASS'; then
		passed=$((passed + 1))
		echo "ok $verdict ($(($(date +%s) - started)) s)"
	else
		failed=$((failed + 1))
		echo "FAIL drill $name (exit $status, $(($(date +%s) - started)) s):"
		printf '%s\n' "$out" | tail -40 | sed 's/^/  /'
	fi
done
echo "drills: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
