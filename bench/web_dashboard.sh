#!/bin/sh
# Benchmark: the dashboard under load. wrk with 32 connections against
# `waymark serve`'s /dashboard for a signed-in careers leader, and against
# nginx serving the same page's bytes as a static file, side by side on
# this machine.
#
#   bench/web_dashboard.sh            (or `make bench`, which runs every benchmark)
#
# 1. A demo school of BENCH_STUDENTS pupils (default 1,200, the size of
#    `make run`'s), a year of registers up to BENCH_AS_OF, loaded with the
#    real commands; a leader signs in with curl (the first sign-in's
#    password change included) and the session cookie is kept.
# 2. waymark serve (4 threads, no access log) on a free loopback port; wrk
#    -t2 -c32 for BENCH_SECONDS against /dashboard with the cookie. Every
#    request renders the page afresh: the entitlement, benchmark and
#    Provider Access figures from the registers.
# 3. Baseline: nginx (Debian's, one worker per core, access log off)
#    serving the dashboard's HTML, fetched once, as a static file of the
#    same size; the same wrk run.
# Each prints requests a second and the 50th and 99th percentile latency;
# the summary line gives the ratios waymark / nginx.
#
# Knobs: WAYMARK (build/waymark), BENCH_STUDENTS (1200), BENCH_SECONDS (10),
# BENCH_AS_OF (2026-03-20), TMPDIR.
set -eu

server_pid=
nginx_pid=
bench_on_exit() {
	[ -z "$server_pid" ] || kill "$server_pid" 2>/dev/null || true
	[ -z "$nginx_pid" ] || kill "$nginx_pid" 2>/dev/null || true
	wait 2>/dev/null || true
}
. "$(dirname "$0")/lib.sh"
bench_init web_dashboard
students=${BENCH_STUDENTS:-1200}
duration=${BENCH_SECONDS:-10}
as_of=${BENCH_AS_OF:-2026-03-20}
year=2025/26
name=web_dashboard
for tool in wrk nginx curl; do
	command -v "$tool" >/dev/null 2>&1 || die "$tool is missing: scripts/install-deps.sh test installs it"
done

# ---- 1. the school and a signed-in leader ----

db=$tmp/school.db
school=$tmp/school
say "building a demo school of $students pupils in $tmp"
"$waymark" demo --students "$students" --year "$year" --as-of "$as_of" --out "$school" \
	>"$tmp/demo.log" || die "waymark demo: $(cat "$tmp/demo.log")"
bench_school "$db" "$school" "$year" "$as_of"
w() { WAYMARK_TODAY=$as_of "$waymark" --db "$db" "$@" >>"$tmp/setup.log" 2>&1 || die "waymark $*: $(tail -n 5 "$tmp/setup.log")"; }
w import register "$school/registers.csv"
w import guidance "$school/guidance.csv"
w user add bench.leader --role leader
once=$(sed -n 's/^one-time password: //p' "$tmp/setup.log" | tail -n 1)

# The server's today is pinned so that the figures are those of BENCH_AS_OF.
WAYMARK_TODAY=$as_of "$waymark" --db "$db" serve --listen 127.0.0.1:0 --threads 4 --quiet \
	>"$tmp/serve.out" 2>"$tmp/serve.err" &
server_pid=$!
i=0
while ! grep -q '^listening on ' "$tmp/serve.out" 2>/dev/null; do
	i=$((i + 1))
	[ "$i" -lt 200 ] || die "the server did not start: $(cat "$tmp/serve.err")"
	sleep 0.05
done
base=$(sed -n '1s|^listening on \(http://[0-9.:]*\)/$|\1|p' "$tmp/serve.out")
jar=$tmp/jar
curl -s -o /dev/null -c "$jar" -b "$jar" -H "Origin: $base" --data-urlencode login=bench.leader \
	--data-urlencode "password=$once" "$base/login"
csrf=$(curl -s -c "$jar" -b "$jar" "$base/account/password" |
	sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
curl -s -o /dev/null -c "$jar" -b "$jar" -H "Origin: $base" --data-urlencode "csrf=$csrf" \
	--data-urlencode "current=$once" --data-urlencode "new=bench password 2026" \
	--data-urlencode "again=bench password 2026" "$base/account/password"
cookie=$(awk '$6 == "waymark_session" { print $6 "=" $7 }' "$jar")
[ -n "$cookie" ] || die "could not sign in"
status=$(curl -s -o "$tmp/dashboard.html" -w '%{http_code}' -H "Cookie: $cookie" "$base/dashboard")
[ "$status" = 200 ] || die "GET /dashboard: $status"
grep -q 'Entitlement' "$tmp/dashboard.html" || die "the dashboard has no entitlement section"
bytes=$(wc -c <"$tmp/dashboard.html")
say "$(sqlite3 -batch "$db" 'SELECT count(*) FROM student') pupils, $(sqlite3 -batch "$db" 'SELECT count(*) FROM mark') marks; the dashboard is $bytes bytes"

# ---- 2. and 3. wrk against each ----

# Prints "REQUESTS_PER_SECOND P50_MS P99_MS ERRORS" for one wrk run.
measure() {
	wrk -t2 -c32 -d"${duration}s" --latency "$@" >"$tmp/wrk.out" 2>&1 || die "wrk: $(cat "$tmp/wrk.out")"
	awk '
		function ms(v) {
			if (v ~ /us$/) return v / 1000
			if (v ~ /ms$/) return v + 0
			if (v ~ /s$/) return v * 1000
			return v
		}
		$1 == "50%" { p50 = ms($2) }
		$1 == "99%" { p99 = ms($2) }
		$1 == "Requests/sec:" { rps = $2 }
		/Non-2xx or 3xx responses:/ { errors += $NF }
		/Socket errors:/ { errors += 1 }
		END { printf "%.0f %.2f %.2f %d\n", rps, p50, p99, errors }
	' "$tmp/wrk.out"
}

set -- $(measure -H "Cookie: $cookie" "$base/dashboard")
w_rps=$1 w_p50=$2 w_p99=$3 w_err=$4
[ "$w_err" = 0 ] || die "waymark answered with errors: $(cat "$tmp/wrk.out")"
echo "$name: waymark /dashboard ($bytes bytes, $students pupils): $w_rps requests/s, p50 $w_p50 ms, p99 $w_p99 ms"
kill "$server_pid"
wait "$server_pid" 2>/dev/null || true
server_pid=

mkdir -p "$tmp/www" "$tmp/nginx"
cp "$tmp/dashboard.html" "$tmp/www/dashboard.html"
# nginx's workers run as nobody when started by root: let them read the page.
chmod 0755 "$tmp" "$tmp/www"
chmod 0644 "$tmp/www/dashboard.html"
cat >"$tmp/nginx/nginx.conf" <<NGINX
worker_processes auto;
daemon off;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log;
events { worker_connections 1024; }
http {
	access_log off;
	client_body_temp_path $tmp/nginx;
	proxy_temp_path $tmp/nginx;
	fastcgi_temp_path $tmp/nginx;
	uwsgi_temp_path $tmp/nginx;
	scgi_temp_path $tmp/nginx;
	types { text/html html; }
	server {
		listen 127.0.0.1:0;
		root $tmp/www;
	}
}
NGINX
# nginx cannot listen on port 0 and say which it got: find a free port.
port=$(awk 'BEGIN { srand(); print 20000 + int(rand() * 20000) }')
sed -i "s/listen 127.0.0.1:0;/listen 127.0.0.1:$port;/" "$tmp/nginx/nginx.conf"
nginx -c "$tmp/nginx/nginx.conf" -e "$tmp/nginx/error.log" &
nginx_pid=$!
i=0
until curl -s -o /dev/null "http://127.0.0.1:$port/dashboard.html"; do
	i=$((i + 1))
	[ "$i" -lt 100 ] || die "nginx did not start: $(cat "$tmp/nginx/error.log")"
	sleep 0.05
done
set -- $(measure "http://127.0.0.1:$port/dashboard.html")
n_rps=$1 n_p50=$2 n_p99=$3 n_err=$4
[ "$n_err" = 0 ] || die "nginx answered with errors: $(cat "$tmp/wrk.out")"
echo "$name: nginx static copy ($bytes bytes): $n_rps requests/s, p50 $n_p50 ms, p99 $n_p99 ms"

echo "$name: $students pupils, dashboard $bytes bytes, 32 connections: waymark $w_rps req/s p99 $w_p99 ms," \
	"nginx static $n_rps req/s p99 $n_p99 ms; throughput ratio" \
	"$(awk -v a="$w_rps" -v b="$n_rps" 'BEGIN { printf "%.3f", a / b }'), p99 ratio" \
	"$(awk -v a="$w_p99" -v b="$n_p99" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')"
