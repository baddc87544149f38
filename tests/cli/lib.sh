# Helpers for CLI tests: each test_* function runs the real binary on a
# fresh temporary database and checks its exit status and output.
#
#   run ARGS...             runs $WAYMARK with ARGS; sets $rc, out and err files
#   expect_rc N
#   expect_out TEXT         stdout is exactly TEXT (a trailing newline added)
#   expect_err TEXT         stderr likewise
#   expect_out_has TEXT     stdout contains TEXT (fixed string)
#   expect_err_has TEXT
#   expect_golden NAME      stdout equals tests/cli/golden/NAME
#                           (UPDATE_GOLDEN=1 rewrites the golden file)
#   fail MESSAGE
#   init_school             the test programme and a 2025/26 calendar
#   load_demo DIR YEAR      a `waymark demo` school through the imports
#   monitoring_school       ten pupils with hand-worked registers
#
# and for the web application, through curl:
#   web_start [OPTS...]     serves the test's database; BASE is its address
#   web_stop                stops it; fails on any sanitizer report
#   sign_in LOGIN ROLE...   adds a user and signs in ($T/LOGIN.jar, .csrf)
#   get LOGIN PATH          $status, $location, the page in $T/out
#   post LOGIN PATH F=V...  a form with the session's token; post_raw without;
#                           post_curl with curl's own arguments (-F for files)
#   csrf_of                 the form token of the page last fetched
#   expect_status N, header_is NAME VALUE

fail() {
	printf '    %s\n' "$*" >&2
	exit 1
}

run() {
	set +e
	"$WAYMARK" "$@" >"$T/out" 2>"$T/err"
	rc=$?
	set -e
}

expect_rc() {
	[ "$rc" = "$1" ] || fail "exit status $rc, expected $1; stderr: $(cat "$T/err")"
}

expect_out() {
	printf '%s\n' "$1" >"$T/want"
	diff -u "$T/want" "$T/out" >"$T/diff" || fail "stdout differs:
$(cat "$T/diff")"
}

expect_err() {
	printf '%s\n' "$1" >"$T/want"
	diff -u "$T/want" "$T/err" >"$T/diff" || fail "stderr differs:
$(cat "$T/diff")"
}

expect_out_has() {
	grep -qF -- "$1" "$T/out" || fail "stdout lacks: $1
stdout was:
$(cat "$T/out")"
}

expect_err_has() {
	grep -qF -- "$1" "$T/err" || fail "stderr lacks: $1
stderr was:
$(cat "$T/err")"
}

expect_out_lacks() {
	! grep -qF -- "$1" "$T/out" || fail "stdout should not contain: $1"
}

expect_golden() {
	golden="$CLI_DIR/golden/$1"
	if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
		cp "$T/out" "$golden"
		return
	fi
	[ -f "$golden" ] || fail "no golden file $golden (run with UPDATE_GOLDEN=1)"
	diff -u "$golden" "$T/out" >"$T/diff" || fail "stdout differs from $golden:
$(head -40 "$T/diff")"
}

# A database with the minimal test programme and the 2025/26 template
# calendar, the fair on Thursday 16 October 2025.
init_school() {
	run init --school "Test School" --programme "$FIXTURES/programmes/minimal.yaml"
	expect_rc 0
	run calendar template --year 2025/26 --output "$T/calendar.yaml"
	expect_rc 0
	run calendar import "$T/calendar.yaml"
	run calendar set-date careers-fair 2025-10-16 --year 2025/26
	expect_rc 0
}

# A small school: the test programme (fair preparation for Years 7-8,
# three sessions; the careers fair for 7-13), the SIMS roster's ten pupils,
# and registers (the careers fair's event id in $fair):
#   fair-prep, Years 7-8, 10, 11 and 12 September 2025
#     Year 7: Oluwaseun 3 of 3, Zoë 2 of 3 (absent 11th), Łukasz 3 of 3
#     Year 8: Siân 3 of 3, Seán excused on the 12th
#   careers fair, 16 October 2025: all ten registered, Chidi and José absent
monitoring_school() {
	init_school
	run import students "$FIXTURES/rosters/sims.csv" --whole-school --as-of 2025-09-01
	expect_rc 0
	for d in 2025-09-10 2025-09-11 2025-09-12; do
		run event add fair-prep --date "$d"
		expect_rc 0
	done
	run event add careers-fair --date 2025-10-16
	expect_rc 0
	fair=$(cat "$T/out")
	printf 'Activity,Date,UPN,Attendance\r\n' >"$T/reg.csv"
	for d in 2025-09-10 2025-09-11 2025-09-12; do
		for upn in K886400111001 N886400111003 U801200005004; do
			printf 'fair-prep,%s,%s,Present\r\n' "$d" "$upn" >>"$T/reg.csv"
		done
	done
	printf 'fair-prep,2025-09-10,Z886400111002,Present\r\nfair-prep,2025-09-11,Z886400111002,Absent\r\nfair-prep,2025-09-12,Z886400111002,Present\r\n' >>"$T/reg.csv"
	printf 'fair-prep,2025-09-10,H801200005005,Y\r\nfair-prep,2025-09-11,H801200005005,Y\r\nfair-prep,2025-09-12,H801200005005,Excused\r\n' >>"$T/reg.csv"
	for upn in K886400111001 Z886400111002 N886400111003 U801200005004 H801200005005 V207000016006 J207000016007 R919300123009; do
		printf 'careers-fair,16/10/2025,%s,Present\r\n' "$upn" >>"$T/reg.csv"
	done
	printf 'careers-fair,16/10/2025,Y207000016008,Absent\r\ncareers-fair,16/10/2025,C919300123010,Absent\r\n' >>"$T/reg.csv"
	run import register "$T/reg.csv"
	expect_rc 0
	expect_out "$T/reg.csv: 25 marks (21 present, 3 absent, 1 excused) for 4 events"
}

# load_demo DIR YEAR: a new database holding the files `waymark demo` wrote
# to DIR for YEAR (2025/26), loaded with the real commands: init, calendar,
# roster (as of 1 September), events, selections, registers.
load_demo() {
	run init --school "Demo Academy"
	expect_rc 0
	run calendar import "$1/calendar.yaml"
	expect_rc 0
	run import students "$1/roster.csv" --whole-school --year "$2" --as-of "${2%/*}-09-01"
	expect_rc 0
	run event import "$1/events.csv"
	expect_rc 0
	for f in "$1"/selections/*.csv; do
		[ -f "$f" ] || continue
		run select "$(basename "$f" .csv)" "$f" --year "$2"
		expect_rc 0
	done
	run import register "$1/registers.csv"
	expect_rc 0
}

# ---- A small school for the web pages ----

# The ten pupils of sims.csv include, in 2025/26 (tests/fixtures/rosters):
ADEYEMI=K886400111001   # 7A
BROWN=Z886400111002     # 7A
NOWAK=N886400111003     # 7B
JONES=U801200005004     # 8A

# The school, with a Year 7 event (id 1) and a Year 8 event (id 2).
web_school() {
	init_school
	run import students "$FIXTURES/rosters/sims.csv" --whole-school --as-of 2025-09-01
	expect_rc 0
	run event add fair-prep --date 2025-09-08 --year-group 7
	expect_out 1
	run event add careers-fair --date 2025-10-16 --year-group 8 --title "Year 8 fair visit"
	expect_out 2
}

sql() {
	sqlite3 "$WAYMARK_DB" "$1"
}

student_id() {
	sql "SELECT id FROM student WHERE upn = '$1'"
}

mark_of() { # UPN EVENT
	sql "SELECT coalesce((SELECT status FROM mark WHERE event_id = $2 AND student_id = (SELECT id FROM student WHERE upn = '$1')), 'none')"
}

# ---- The web application, through curl ----

# web_start [OPTIONS...]: starts `waymark serve` on the test's database on
# a free loopback port, with OPTIONS (default --quiet: no access log); BASE
# is its address. The server is stopped when the test ends, however it ends.
web_start() {
	[ $# -gt 0 ] || set -- --quiet
	# A second server in one test must not be taken for ready by the first
	# one's output, before the shell has truncated the file.
	rm -f "$T/serve.out"
	"$WAYMARK" serve --listen 127.0.0.1:0 --threads 2 "$@" >"$T/serve.out" 2>"$T/serve.err" &
	WEB_PID=$!
	trap 'kill "$WEB_PID" 2>/dev/null; wait "$WEB_PID" 2>/dev/null' EXIT
	i=0
	# Generous: a sanitizer build on a busy machine starts slowly.
	while ! grep -q '^listening on ' "$T/serve.out" 2>/dev/null; do
		i=$((i + 1))
		[ "$i" -lt 400 ] || fail "the server did not start: $(cat "$T/serve.err")"
		sleep 0.05
	done
	BASE=$(sed -n '1s|^listening on \(http://[0-9.:]*\)/$|\1|p' "$T/serve.out")
	[ -n "$BASE" ] || fail "no address in: $(head -1 "$T/serve.out")"
}

# Stops the server and fails on anything a sanitizer reported (a leak is
# only reported once the server exits).
web_stop() {
	kill "$WEB_PID" 2>/dev/null || true
	wait "$WEB_PID" 2>/dev/null || true
	trap - EXIT
	! grep -q 'Sanitizer\|runtime error' "$T/serve.err" || fail "the server reported:
$(head -60 "$T/serve.err")"
}

# web_request LOGIN PATH CURL-ARGS...: one request with LOGIN's cookie jar
# ($T/LOGIN.jar, updated as a browser would); the body in $T/out (so
# expect_out_has works), the headers in $T/headers, the status in $status
# and a redirect's absolute address in $location.
web_request() {
	who=$1
	path=$2
	shift 2
	status=$(curl -s -o "$T/out" -D "$T/headers" -w '%{http_code} %{redirect_url}' \
		-b "$T/$who.jar" -c "$T/$who.jar" "$@" "$BASE$path")
	location=${status#* }
	status=${status%% *}
}

# get LOGIN PATH: a page, as LOGIN.
get() {
	web_request "$1" "$2"
}

# post_curl LOGIN PATH CURL-ARGS...: a form sent from Waymark's own pages
# (the Origin header), its fields given as curl arguments (-d, -F...).
post_curl() {
	who=$1
	path=$2
	shift 2
	web_request "$who" "$path" -H "Origin: $BASE" "$@"
}

# post_raw LOGIN PATH FIELD=VALUE...: the fields alone (no token unless one
# is given), from the same origin.
post_raw() {
	who=$1
	path=$2
	shift 2
	for field in "$@"; do
		set -- "$@" --data-urlencode "$field"
		shift
	done
	post_curl "$who" "$path" "$@"
}

# post LOGIN PATH FIELD=VALUE...: a form with the session's form token.
post() {
	who=$1
	path=$2
	shift 2
	post_raw "$who" "$path" "csrf=$(cat "$T/$who.csrf")" "$@"
}

# The form token of the page last fetched.
csrf_of() {
	sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/out" | head -n 1
}

# sign_in LOGIN ROLE [OPTIONS...]: adds the user, signs in with the
# one-time password and chooses a new one, as a first sign-in must. The
# session is in $T/LOGIN.jar, its form token in $T/LOGIN.csrf and $csrf.
sign_in() {
	login=$1
	shift
	run user add "$login" --role "$@"
	expect_rc 0
	once=$(sed -n 's/^one-time password: //p' "$T/out")
	post_raw "$login" /login "login=$login" "password=$once"
	[ "$status" = 303 ] || fail "signing in as $login: $status"
	get "$login" /account/password
	post_raw "$login" /account/password "csrf=$(csrf_of)" "current=$once" \
		"new=a long password for $login" "again=a long password for $login"
	[ "$status" = 303 ] || fail "changing $login's password: $status"
	# The new session has a new form token.
	get "$login" /dashboard
	[ "$status" = 200 ] || fail "$login's dashboard: $status"
	csrf=$(csrf_of)
	printf '%s\n' "$csrf" >"$T/$login.csrf"
}

expect_status() {
	[ "$status" = "$1" ] || fail "status $status, expected $1; page: $(sed -n 's/.*<div class="notice[^>]*><p>\([^<]*\).*/\1/p' "$T/out" | head -3)"
}

# header_is NAME VALUE: the last response had that header (names in any case).
header_is() {
	tr -d '\r' <"$T/headers" | grep -qixF -- "$1: $2" || fail "no header \"$1: $2\"; headers:
$(cat "$T/headers")"
}
