#!/bin/sh
# Runs every test_* function of tests/cli/t_*.sh against $WAYMARK (default
# build/waymark), each in its own subshell and temporary directory.
# Prints one line per failure and "cli: N passed, M failed".
set -u
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
WAYMARK=${WAYMARK:-$ROOT/build/waymark}
case "$WAYMARK" in /*) ;; *) WAYMARK=$ROOT/$WAYMARK ;; esac
CLI_DIR=$ROOT/tests/cli
FIXTURES=$ROOT/tests/fixtures
export WAYMARK CLI_DIR FIXTURES
filter=${1:-}

passed=0
failed=0
for file in "$CLI_DIR"/t_*.sh; do
	tests=$(sed -n 's/^\(test_[a-z0-9_]*\)().*/\1/p' "$file")
	for t in $tests; do
		case "$t" in *"$filter"*) ;; *) continue ;; esac
		T=$(mktemp -d /tmp/waymark-cli.XXXXXX)
		if (
			set -e
			cd "$T"
			export T
			export WAYMARK_DB="$T/waymark.db"
			# Tests never depend on the real date.
			export WAYMARK_TODAY=2025-11-10
			. "$CLI_DIR/lib.sh"
			. "$file"
			"$t"
		) 2>"$T/failure"; then
			passed=$((passed + 1))
		else
			failed=$((failed + 1))
			echo "FAIL ${file##*/} $t"
			sed 's/^/  /' "$T/failure"
		fi
		rm -rf "$T"
	done
done
echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
