#!/bin/sh
# Drill (a): the whole staff taking registers at once. Forty tutors, each
# saving their own group's register of their own event again and again,
# and two careers leaders reading the entitlement report, for
# DRILL_SECONDS: no save may fail, and every acknowledged register must be
# in the database afterwards exactly as it was saved.
. "$(dirname "$0")/lib.sh"

drill_school
drill_accounts 40 2
drill_serve
drill_config "$D/config.json" "$DRILL_SECONDS" '"readerPath":"/reports/entitlement"'
drill_client "$D/config.json"
drill_stop

saves=$(json_field saves)
errors=$(json_field errors)
reads=$(json_field reads)
read_errors=$(json_field readErrors)
[ "$errors" = 0 ] || drill_fail "$errors of $((saves + errors)) saves failed: $(sed -n 's/.*"errorSamples":\(.*\)}/\1/p' "$D/client.json")"
[ "$read_errors" = 0 ] || drill_fail "$read_errors report reads failed"
[ "$saves" -gt 0 ] || drill_fail "no save was made"
drill_check_saves
drill_integrity
drill_pass "$saves register saves by 40 tutors ($(json_field savesPerSecond)/s, p99 $(json_field saveP99) ms) and $reads report reads in $DRILL_SECONDS s, 0 errors; $CHECKED"
