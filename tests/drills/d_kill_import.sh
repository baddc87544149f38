#!/bin/sh
# Drill (c): kill -9 during large roster and register imports, DRILL_REPEATS
# times each, at random moments from the start of the import to a little
# after its usual end. An import is one transaction: afterwards the
# database holds all of it or none of it (pupils, marks and the import log
# agree), integrity_check is ok, and the same import then runs whole.
. "$(dirname "$0")/lib.sh"

students=${DRILL_IMPORT_STUDENTS:-30000}
w demo --students "$students" --years 1 --out "$D/big" >/dev/null
big=$D/big
w init --school "Drill Academy" >/dev/null
w calendar import "$big/calendar.yaml" >/dev/null
cp "$WAYMARK_DB" "$D/before-roster.db"
w import students "$big/roster.csv" --whole-school --year 2025/26 --as-of 2025-09-01 >/dev/null
w event import "$big/events.csv" >/dev/null
cp "$WAYMARK_DB" "$D/before-register.db"

count() { # students|marks
	case "$1" in
	roster) sqlite3 "$WAYMARK_DB" "SELECT count(*) FROM student" ;;
	register) sqlite3 "$WAYMARK_DB" "SELECT count(*) FROM mark" ;;
	esac
}
logged() {
	sqlite3 "$WAYMARK_DB" "SELECT count(*) FROM import_record"
}
import() { # roster|register
	case "$1" in
	roster) exec "$WAYMARK" import students "$big/roster.csv" --whole-school --year 2025/26 --as-of 2025-09-01 ;;
	register) exec "$WAYMARK" import register "$big/registers.csv" ;;
	esac
}
fresh() { # roster|register: the database as it was before that import
	rm -f "$WAYMARK_DB" "$WAYMARK_DB-wal" "$WAYMARK_DB-shm"
	cp "$D/before-$1.db" "$WAYMARK_DB"
}
now_ms() {
	date +%s%3N
}

# How long each import takes here, and what it adds, from one clean run.
for kind in roster register; do
	fresh "$kind"
	before=$(count "$kind")
	started=$(now_ms)
	(import "$kind") >/dev/null 2>&1 || drill_fail "the $kind import failed when not killed"
	eval "took_$kind=$(($(now_ms) - started))"
	eval "adds_$kind=$(($(count "$kind") - before))"
done

none=0 all=0 round=0
while [ "$round" -lt "$DRILL_REPEATS" ]; do
	round=$((round + 1))
	for kind in roster register; do
		fresh "$kind"
		before=$(count "$kind")
		before_log=$(logged)
		eval "took=\$took_$kind adds=\$adds_$kind"
		# Anywhere from the start to 20% past the usual end.
		at_ms=$(($(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % (took * 12 / 10 + 1)))
		(import "$kind") >/dev/null 2>&1 &
		pid=$!
		sleep "$((at_ms / 1000)).$(printf '%03d' $((at_ms % 1000)))"
		kill -9 "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
		drill_integrity
		after=$(count "$kind")
		after_log=$(logged)
		if [ "$after" = "$before" ] && [ "$after_log" = "$before_log" ]; then
			none=$((none + 1))
		elif [ "$after" = "$((before + adds))" ] && [ "$after_log" = "$((before_log + 1))" ]; then
			all=$((all + 1))
			continue
		else
			drill_fail "a $kind import killed after $at_ms ms left $((after - before)) of $adds rows and $((after_log - before_log)) log entries"
		fi
		# Nothing was left behind: the import now runs whole.
		(import "$kind") >/dev/null 2>&1 || drill_fail "the $kind import failed after a killed one"
		[ "$(count "$kind")" = "$((before + adds))" ] || drill_fail "the $kind import after a killed one added $(($(count "$kind") - before)) of $adds"
	done
done
drill_pass "$((none + all)) imports killed ($DRILL_REPEATS rosters of $adds_roster pupils in ${took_roster} ms, $DRILL_REPEATS registers of $adds_register marks in ${took_register} ms): $none left nothing, $all were whole, 0 partial; integrity_check ok each time"
