# Shared by the drills (tests/drills/d_*.sh): a synthetic school, staff
# accounts, a server on loopback, the load client, and the verdict line.
#
# A drill is a script that sources this file, does its work within
# DRILL_SECONDS (the whole drill's budget of load, default 30) and
# DRILL_REPEATS (how many times it repeats a fault, default 3), and ends
# with drill_pass or drill_fail, which print
#   drill NAME: PASS, what was checked
#   drill NAME: FAIL, why
# `make drills` runs each at full length (60 s of load, 20 repeats);
# `make test` runs the short version. Everything happens on loopback, in a
# temporary directory, with a bounded number of clients, and stops by
# itself.
set -eu

ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
WAYMARK=${WAYMARK:-$ROOT/build/waymark}
case "$WAYMARK" in /*) ;; *) WAYMARK=$ROOT/$WAYMARK ;; esac
DRILL_SECONDS=${DRILL_SECONDS:-30}
DRILL_REPEATS=${DRILL_REPEATS:-3}
DRILL_NAME=$(basename "$0" .sh)
DRILL_NAME=${DRILL_NAME#d_}
# Registers are dated in the demo's autumn term; the server's today is pinned.
export WAYMARK_TODAY=2025-11-10
D=$(mktemp -d /tmp/waymark-drill.XXXXXX)
export WAYMARK_DB="$D/waymark.db"
SERVER_PID=
drill_cleanup() {
	[ -n "$SERVER_PID" ] && kill -9 "$SERVER_PID" 2>/dev/null
	rm -rf "$D"
}
trap drill_cleanup EXIT

w() {
	"$WAYMARK" "$@"
}

say() {
	printf '%s: %s\n' "$DRILL_NAME" "$*"
}

drill_pass() {
	printf 'drill %s: PASS, %s\n' "$DRILL_NAME" "$*"
	exit 0
}

drill_fail() {
	printf 'drill %s: FAIL, %s\n' "$DRILL_NAME" "$*"
	[ -f "$D/serve.err" ] && tail -20 "$D/serve.err" | sed 's/^/  server: /'
	exit 1
}

# drill_school [STUDENTS]: the demo school's 2025/26 (default 1200 pupils)
# loaded into $WAYMARK_DB through the import commands, with its registers.
# The files are kept in $D/files for drills that import them again.
drill_school() {
	w demo --students "${1:-1200}" --years 1 --out "$D/files" >/dev/null
	w init --school "Drill Academy" >/dev/null
	w calendar import "$D/files/calendar.yaml" >/dev/null
	w import students "$D/files/roster.csv" --whole-school --year 2025/26 --as-of 2025-09-01 >/dev/null
	w event import "$D/files/events.csv" >/dev/null
	w import register "$D/files/registers.csv" >/dev/null
}

# one_time_password LOGIN ROLE [OPTIONS...]: adds a user, prints the password.
one_time_password() {
	w user add "$@" 2>/dev/null | sed -n 's/^one-time password: //p'
}

# drill_accounts WRITERS READERS: WRITERS tutors, each with their own tutor
# group and their own event of that group's year (a careers insight on a
# school day before today), and READERS careers leaders. Writes
# $D/accounts.json: {"writers":[{login,password,event},...],"readers":[...]}.
drill_accounts() {
	writers=$1
	readers=$2
	groups=$(sqlite3 "$WAYMARK_DB" "SELECT DISTINCT tutor_group FROM enrolment
		WHERE start_year = 2025 AND tutor_group IS NOT NULL
		ORDER BY year_group, tutor_group LIMIT $writers")
	[ "$(echo "$groups" | wc -w)" -ge "$writers" ] || drill_fail "the school has fewer than $writers tutor groups"
	i=0
	list=
	for g in $groups; do
		i=$((i + 1))
		year=$(sqlite3 "$WAYMARK_DB" "SELECT year_group FROM enrolment
			WHERE start_year = 2025 AND tutor_group = '$g' LIMIT 1")
		day=$((3 + i % 5))
		event=$(w event add careers-insights --date "2025-11-0$day" --year-group "$year" \
			--title "Drill register $i" 2>/dev/null)
		password=$(one_time_password "tutor$i" --role tutor --scope "$g")
		list="$list${list:+,}{\"login\":\"tutor$i\",\"password\":\"$password\",\"event\":$event}"
	done
	rlist=
	for i in $(seq 1 "$readers"); do
		password=$(one_time_password "leader$i" --role leader)
		rlist="$rlist${rlist:+,}{\"login\":\"leader$i\",\"password\":\"$password\"}"
	done
	printf '{"writers":[%s],"readers":[%s]}\n' "$list" "$rlist" >"$D/accounts.json"
}

# drill_serve [OPTIONS...]: starts `waymark serve` on a free loopback port
# (BASE, SERVER_PID); its output in $D/serve.out and $D/serve.err.
drill_serve() {
	rm -f "$D/serve.out"
	"$WAYMARK" serve --listen 127.0.0.1:0 --threads "${DRILL_THREADS:-4}" --quiet "$@" \
		>"$D/serve.out" 2>>"$D/serve.err" &
	SERVER_PID=$!
	i=0
	while ! grep -q '^listening on ' "$D/serve.out" 2>/dev/null; do
		i=$((i + 1))
		if [ "$i" -ge 400 ] || ! kill -0 "$SERVER_PID" 2>/dev/null; then
			drill_fail "the server did not start: $(tail -3 "$D/serve.err")"
		fi
		sleep 0.05
	done
	BASE=$(sed -n '1s|^listening on \(http://[0-9.:]*\)/$|\1|p' "$D/serve.out")
}

# drill_serve_on PORT [OPTIONS...]: the same on a given port (a restart
# after kill -9 keeps the clients' address).
drill_serve_on() {
	port=$1
	shift
	rm -f "$D/serve.out"
	"$WAYMARK" serve --listen "127.0.0.1:$port" --threads "${DRILL_THREADS:-4}" --quiet "$@" \
		>"$D/serve.out" 2>>"$D/serve.err" &
	SERVER_PID=$!
	i=0
	while ! grep -q '^listening on ' "$D/serve.out" 2>/dev/null; do
		i=$((i + 1))
		[ "$i" -lt 400 ] || drill_fail "the server did not restart: $(tail -3 "$D/serve.err")"
		kill -0 "$SERVER_PID" 2>/dev/null || { sleep 0.2; "$WAYMARK" serve --listen "127.0.0.1:$port" \
			--threads "${DRILL_THREADS:-4}" --quiet "$@" >"$D/serve.out" 2>>"$D/serve.err" &
			SERVER_PID=$!; }
		sleep 0.05
	done
	BASE="http://127.0.0.1:$port"
}

drill_stop() {
	[ -n "$SERVER_PID" ] || return 0
	kill "$SERVER_PID" 2>/dev/null || true
	wait "$SERVER_PID" 2>/dev/null || true
	SERVER_PID=
}

# drill_config FILE SECONDS [EXTRA-JSON]: the load client's configuration
# from $D/accounts.json, for BASE, logging to $D/saves.log.
drill_config() {
	accounts=$(cat "$D/accounts.json")
	printf '{"base":"%s","seconds":%s,"log":"%s"%s,%s\n' "$BASE" "$2" "$D/saves.log" \
		"${3:+,$3}" "${accounts#\{}" >"$1"
}

# drill_client CONFIG: runs the load client; its summary line in $D/client.json.
drill_client() {
	node "$ROOT/tests/drills/client.js" "$1" >"$D/client.json"
}

# json_field NAME: a number from the client's summary.
json_field() {
	sed -n "s/.*\"$1\":\([0-9.]*\).*/\1/p" "$D/client.json"
}

# rss_kb PID: resident memory in kB.
rss_kb() {
	awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"
}

# drill_check_saves: the database against the load client's log
# (check_saves.js); fails the drill on a lost or half-applied register.
drill_check_saves() {
	events=$(sed 's/"event":\([0-9]*\)/\n\1\n/g' "$D/accounts.json" | grep -x '[0-9]*' | paste -sd, -)
	sqlite3 "$WAYMARK_DB" "SELECT event_id, student_id, status FROM mark WHERE event_id IN ($events)" \
		>"$D/marks.txt"
	node "$ROOT/tests/drills/check_saves.js" "$D/saves.log" "$D/marks.txt" >"$D/check.txt" ||
		drill_fail "$(head -5 "$D/check.txt")"
	CHECKED=$(cat "$D/check.txt")
}

# drill_integrity: PRAGMA integrity_check of the database, which must be ok.
drill_integrity() {
	result=$(sqlite3 "$WAYMARK_DB" "PRAGMA integrity_check" 2>&1)
	[ "$result" = ok ] || drill_fail "integrity_check: $(echo "$result" | head -3)"
}
