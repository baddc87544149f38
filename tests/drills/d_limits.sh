#!/bin/sh
# Drill "limits" (issue 9, limits before work): slow and greedy anonymous
# clients against the server's limits (tests/drills/greedy.js: ~300
# slowloris connections trickling header bytes from 127.0.0.1; 1 MB
# headers, 64 MB bodies and a flood of wrong sign-ins with 10 KB login
# names from 127.0.0.3), while a signed-in careers leader at 127.0.0.2
# opens the dashboard once a second. Every one of the leader's fetches
# must succeed in under a second, and the server's resident memory must
# stay under twice what it was idle (after a warm-up request). The
# per-address connection limit is what keeps the slowloris from taking
# the others' connections; the body limits checked from Content-Length
# keep the big bodies out of memory (docs/limits.md).
. "$(dirname "$0")/lib.sh"

command -v node >/dev/null || drill_fail "node is not installed (scripts/install-deps.sh test)"
drill_school 300
password=$(one_time_password leader --role leader)
drill_serve

# The leader signs in from 127.0.0.2 and chooses a password, as a first
# sign-in must.
jar=$D/leader.jar
leader() {
	curl -s --interface 127.0.0.2 -b "$jar" -c "$jar" -H "Origin: $BASE" "$@"
}
code=$(leader -o /dev/null -w '%{http_code}' --data-urlencode login=leader \
	--data-urlencode "password=$password" "$BASE/login")
[ "$code" = 303 ] || drill_fail "the leader could not sign in: $code"
csrf=$(leader "$BASE/account/password" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
code=$(leader -o /dev/null -w '%{http_code}' --data-urlencode "csrf=$csrf" \
	--data-urlencode "current=$password" --data-urlencode "new=a long drill password" \
	--data-urlencode "again=a long drill password" "$BASE/account/password")
[ "$code" = 303 ] || drill_fail "the leader could not choose a password: $code"
code=$(leader -o /dev/null -w '%{http_code}' "$BASE/dashboard")
[ "$code" = 200 ] || drill_fail "the leader's dashboard: $code"
idle=$(rss_kb "$SERVER_PID")

attack_seconds=$DRILL_SECONDS
printf '{"base":"%s","seconds":%s,"slowAddress":"127.0.0.1","greedyAddress":"127.0.0.3","slowConnections":300}\n' \
	"$BASE" "$attack_seconds" >"$D/greedy.json"
node "$ROOT/tests/drills/greedy.js" "$D/greedy.json" >"$D/greedy.out" 2>"$D/greedy.err" &
greedy=$!
# Let the slow connections take what they can before the first fetch.
sleep 2

fetches=0
slow=0
failed=0
slowest=0
peak=$idle
end=$(($(date +%s) + attack_seconds - 3))
while [ "$(date +%s)" -lt "$end" ]; do
	out=$(leader -o /dev/null -m 5 -w '%{http_code} %{time_total}' "$BASE/dashboard") || true
	fetches=$((fetches + 1))
	code=${out%% *}
	took=${out#* }
	[ "$code" = 200 ] || failed=$((failed + 1))
	# Seconds as a decimal: under one second, its integer part is 0.
	[ "${took%%.*}" = 0 ] || slow=$((slow + 1))
	slowest=$(printf '%s\n%s\n' "$slowest" "$took" | sort -g | tail -1)
	kill -0 "$SERVER_PID" 2>/dev/null || drill_fail "the server died"
	rss=$(rss_kb "$SERVER_PID")
	[ "$rss" -gt "$peak" ] && peak=$rss
	sleep 1
done
wait "$greedy" || drill_fail "the greedy clients failed: $(cat "$D/greedy.err")"
rss=$(rss_kb "$SERVER_PID")
[ "$rss" -gt "$peak" ] && peak=$rss
attacks=$(cat "$D/greedy.out")
say "greedy clients: $attacks"

figures="$fetches fetches from 127.0.0.2, slowest ${slowest} s; resident memory idle $((idle / 1024)) MB, peak $((peak / 1024)) MB; clients: $attacks"
[ "$fetches" -ge 3 ] || drill_fail "only $fetches fetches in the time: $figures"
[ "$failed" -eq 0 ] || drill_fail "$failed of the leader's fetches failed: $figures"
[ "$slow" -eq 0 ] || drill_fail "$slow of the leader's fetches took a second or more: $figures"
[ "$peak" -lt $((2 * idle)) ] || drill_fail "resident memory more than doubled: $figures"
drill_stop
drill_pass "$figures"
