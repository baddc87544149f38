#!/bin/sh
# Drill (b): the server killed (kill -9, as a power cut or the OOM killer
# would) at random moments while forty tutors save registers, DRILL_REPEATS
# times in DRILL_SECONDS, and started again on the same port. Clients that
# lose their connection wait for the server and go on. Afterwards every
# acknowledged register is in the database as saved, no register holds
# half of one save and half of another, and integrity_check is ok.
. "$(dirname "$0")/lib.sh"

drill_school
drill_accounts 40 0
drill_serve
port=${BASE##*:}
drill_config "$D/config.json" "$DRILL_SECONDS" '"retryDown":true'
node "$ROOT/tests/drills/client.js" "$D/config.json" >"$D/client.json" &
client=$!

# Kill moments spread over the run, each at a random offset in its slice.
slice_ms=$((DRILL_SECONDS * 1000 / (DRILL_REPEATS + 1)))
kills=0
while [ "$kills" -lt "$DRILL_REPEATS" ]; do
	pause_ms=$((slice_ms / 2 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % (slice_ms / 2 + 1)))
	sleep "$((pause_ms / 1000)).$(printf '%03d' $((pause_ms % 1000)))"
	kill -9 "$SERVER_PID"
	wait "$SERVER_PID" 2>/dev/null || true
	kills=$((kills + 1))
	drill_serve_on "$port"
done
wait "$client"
drill_stop

saves=$(json_field saves)
errors=$(json_field errors)
[ "$errors" = 0 ] || drill_fail "$errors saves failed other than by the server being down: $(sed -n 's/.*"errorSamples":\(.*\)}/\1/p' "$D/client.json")"
[ "$saves" -gt 0 ] || drill_fail "no save was made"
drill_check_saves
drill_integrity
drill_pass "$kills kill -9s during $saves acknowledged saves by 40 tutors ($(json_field down) requests met a dead server and were sent again); $CHECKED; integrity_check ok"
