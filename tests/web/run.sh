#!/bin/sh
# Browser tests: playwright-core drives Debian's Chromium (/usr/bin/chromium,
# never a downloaded browser) through a real `waymark serve` on a free
# loopback port, signed in as each role, with axe-core checking every page
# against WCAG 2.2 AA. It builds nothing: `make test` has built $WAYMARK
# (default build/waymark). Screenshots go to tests/web/output/.
#
#   tests/web/run.sh            every test
#   tests/web/run.sh register   the tests whose name contains "register"
#                               (and the tests they need)
#
# Ends with one line, "web: N passed, M failed", that tests/run-all.sh reads.
set -u
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
WEB_DIR=$ROOT/tests/web
WAYMARK=${WAYMARK:-$ROOT/build/waymark}
case "$WAYMARK" in /*) ;; *) WAYMARK=$ROOT/$WAYMARK ;; esac
CHROMIUM=/usr/bin/chromium
OUTPUT=$WEB_DIR/output
filter=${1:-}

# A missing tool is a failure that names the fix, never a silent pass.
give_up() {
	echo "web: $*"
	echo "web: 0 passed, 1 failed"
	exit 1
}

[ -x "$WAYMARK" ] || give_up "no $WAYMARK: build it first (make)"
[ -x "$CHROMIUM" ] || give_up "no $CHROMIUM: run scripts/install-deps.sh test (as root), which installs Debian's chromium"
command -v node >/dev/null 2>&1 || give_up "no node: run scripts/install-deps.sh test (as root), which installs nodejs and npm"
[ -d "$WEB_DIR/node_modules/playwright-core" ] && [ -d "$WEB_DIR/node_modules/@axe-core/playwright" ] ||
	give_up "no tests/web/node_modules: run scripts/install-deps.sh test (it runs npm ci in tests/web)"

T=$(mktemp -d /tmp/waymark-web.XXXXXX)
SERVER_PID=
cleanup() {
	[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
rm -rf "$OUTPUT"
mkdir -p "$OUTPUT"

# The school: the default programme (KGA), the 2025/26 calendar with the
# careers fair on Thursday 16 October, and a member of staff of each role.
# Tests never depend on today's date.
export WAYMARK_DB="$T/waymark.db"
export WAYMARK_TODAY=2025-11-10
setup() {
	"$WAYMARK" "$@" >"$T/setup.out" 2>"$T/setup.err" ||
		give_up "setting up the school: waymark $* failed: $(cat "$T/setup.err")"
}
setup init --school "Kingsway Academy"
setup calendar template --year 2025/26 --output "$T/calendar.yaml"
setup calendar import "$T/calendar.yaml"
setup calendar set-date careers-fair 2025-10-16 --year 2025/26

# LOGIN ROLE NAME [SCOPE]: each user's one-time password goes to users.tsv
# for the tests, which sign in with it and choose a new one.
add_user() {
	if [ $# -gt 3 ]; then
		setup user add "$1" --role "$2" --name "$3" --scope "$4"
	else
		setup user add "$1" --role "$2" --name "$3"
	fi
	password=$(sed -n 's/^one-time password: //p' "$T/setup.out")
	[ -n "$password" ] || give_up "no one-time password for $1: $(cat "$T/setup.out")"
	printf '%s\t%s\t%s\n' "$1" "$2" "$password" >>"$T/users.tsv"
}
add_user ada admin "Ada Admin"
add_user lee leader "Lee Leader"
add_user avi adviser "Avi Adviser"
add_user tom tutor "Tom Tutor" 7A
add_user gov governor "Gill Governor"
# Only the sign-in test uses these two: a first sign-in, and two-step sign-in.
add_user newbie leader "Nell Newbie"
add_user twostep adviser "Tess Twostep"

"$WAYMARK" serve --listen 127.0.0.1:0 --threads 2 --quiet >"$T/serve.out" 2>"$T/serve.err" &
SERVER_PID=$!
i=0
# Generous: a sanitizer build on a busy machine starts slowly.
while ! grep -q '^listening on ' "$T/serve.out" 2>/dev/null; do
	i=$((i + 1))
	[ "$i" -lt 400 ] && kill -0 "$SERVER_PID" 2>/dev/null ||
		give_up "the server did not start: $(cat "$T/serve.err")"
	sleep 0.05
done
BASE=$(sed -n '1s|^listening on \(http://[0-9.:]*\)/$|\1|p' "$T/serve.out")
[ -n "$BASE" ] || give_up "no address in: $(head -1 "$T/serve.out")"

WAYMARK_WEB_BASE=$BASE WAYMARK_WEB_USERS=$T/users.tsv WAYMARK_WEB_OUTPUT=$OUTPUT \
	WAYMARK_WEB_COUNTS=$T/counts WAYMARK_FIXTURES=$ROOT/tests/fixtures WAYMARK=$WAYMARK \
	node "$WEB_DIR/run.js" "$filter"
node_status=$?

kill "$SERVER_PID" 2>/dev/null
wait "$SERVER_PID" 2>/dev/null
SERVER_PID=
passed=0
failed=1
[ -s "$T/counts" ] && read -r passed failed <"$T/counts"
[ "$node_status" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1
# A leak is only reported once the server exits.
if grep -q 'Sanitizer\|runtime error' "$T/serve.err"; then
	echo "FAIL the server reported:"
	head -60 "$T/serve.err" | sed 's/^/  /'
	failed=$((failed + 1))
fi
cp "$T/serve.err" "$OUTPUT/serve.err"
echo "web: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
