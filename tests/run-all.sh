#!/bin/sh
# Runs every test suite and ends with one summary line:
#   waymark tests: PASS, 512 passed, 0 failed (unit 60, unit-asan 60, cli 40, ...)
# WAYMARK_SUITES narrows the run ("unit cli"). Logs go to build/test-logs/.
set -u
cd "$(dirname "$0")/.."
suites=${WAYMARK_SUITES:-"lint unit unit-asan cli cli-asan fuzz web drills"}
logs=build/test-logs
mkdir -p "$logs"
total_passed=0
total_failed=0
detail=

record() { # suite passed failed
	total_passed=$((total_passed + $2))
	total_failed=$((total_failed + $3))
	detail="$detail${detail:+, }$1 $2/$(($2 + $3))"
	if [ "$3" -gt 0 ]; then
		echo "== $1: $3 FAILED (log: $logs/$1.log)"
	else
		echo "== $1: $2 passed"
	fi
}

# cmocka binaries: count "[  PASSED  ] N" and "[  FAILED  ] N"; a binary
# that dies without its summary (a sanitizer abort) counts as one failure.
run_unit() { # suite dir
	passed=0
	failed=0
	: >"$logs/$1.log"
	for t in "$2"/test_*; do
		[ -x "$t" ] || continue
		out=$("$t" 2>&1)
		status=$?
		printf '%s\n' "$out" >>"$logs/$1.log"
		p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p')
		f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p')
		passed=$((passed + ${p:-0}))
		if [ -n "$f" ]; then
			failed=$((failed + f))
		elif [ "$status" -ne 0 ]; then
			failed=$((failed + 1))
		fi
		if [ "$status" -ne 0 ]; then
			echo "-- $t failed:"
			printf '%s\n' "$out" | grep -v '^\[ *\(RUN\|OK\) *\]' | tail -40
		fi
	done
	record "$1" "$passed" "$failed"
}

run_counted() { # suite command... ; the command prints "...: N passed, M failed"
	suite=$1
	shift
	"$@" >"$logs/$suite.log" 2>&1
	status=$?
	line=$(grep -E '^[a-z-]+: [0-9]+ passed, [0-9]+ failed' "$logs/$suite.log" | tail -1)
	p=$(printf '%s' "$line" | sed -n 's/.*: \([0-9]*\) passed.*/\1/p')
	f=$(printf '%s' "$line" | sed -n 's/.* \([0-9]*\) failed.*/\1/p')
	[ -n "$p" ] || { p=0; f=1; }
	[ "$status" -ne 0 ] && [ "${f:-0}" -eq 0 ] && f=1
	[ "$f" -gt 0 ] && grep -v '^ok ' "$logs/$suite.log" | tail -60
	record "$suite" "$p" "$f"
}

run_fuzz() {
	FUZZ_SECONDS=${FUZZ_SECONDS:-10} tests/fuzz/run.sh >"$logs/fuzz.log" 2>&1
	p=$(grep -c ': PASSED' "$logs/fuzz.log")
	f=$(grep -c ': FAILED' "$logs/fuzz.log")
	[ "$f" -gt 0 ] && cat "$logs/fuzz.log"
	record fuzz "$p" "$f"
}

for suite in $suites; do
	case "$suite" in
	unit) run_unit unit build/tests ;;
	unit-asan) run_unit unit-asan build/asan/tests ;;
	cli) run_counted cli tests/cli/run.sh ;;
	cli-asan) WAYMARK=build/asan/waymark run_counted cli-asan tests/cli/run.sh ;;
	fuzz) run_fuzz ;;
	lint)
		if scripts/check-source.sh >"$logs/lint.log" 2>&1; then
			record lint 1 0
		else
			cat "$logs/lint.log"
			record lint 0 1
		fi
		;;
	web)
		if [ -x tests/web/run.sh ]; then
			run_counted web tests/web/run.sh
		fi
		;;
	drills)
		DRILL_SECONDS=${DRILL_SECONDS:-30} DRILL_REPEATS=${DRILL_REPEATS:-3} \
			run_counted drills tests/drills/run.sh
		;;
	*) echo "unknown suite $suite" >&2; exit 2 ;;
	esac
done

verdict=PASS
[ "$total_failed" -gt 0 ] && verdict=FAIL
echo "waymark tests: $verdict, $total_passed passed, $total_failed failed ($detail)"
[ "$total_failed" -eq 0 ]
