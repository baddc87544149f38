#!/bin/sh
# Drill (d): the disk fills up. The school's database lives on a small
# tmpfs; for each of DRILL_REPEATS rounds the disk is filled to within a
# little of full (a filler file), then register saves through the web and
# roster and register imports on the command line go on until one is
# refused. Each refusal must say "the disk is full" in words (no SQLite
# code), the database must pass integrity_check with every count and mark
# exactly as before the refused write, reads (a report, the dashboard) must
# go on working, and once the filler is deleted the refused write must
# succeed. Without permission to mount a tmpfs it falls back to `ulimit
# -f` on the command line's writes, and says so.
. "$(dirname "$0")/lib.sh"

DISK=$D/disk
mkdir "$DISK"
MOUNTED=
LIMITED=
# The server first (it holds files on the tmpfs), then the tmpfs, then the
# rest; nothing here may stop the cleanup half way (set -e).
disk_cleanup() {
	if [ -n "$SERVER_PID" ]; then
		kill -9 "$SERVER_PID" 2>/dev/null || true
		wait "$SERVER_PID" 2>/dev/null || true
		SERVER_PID=
	fi
	if [ -n "$MOUNTED" ]; then
		umount "$DISK" 2>/dev/null || umount -l "$DISK" 2>/dev/null || true
	fi
	drill_cleanup
}
trap disk_cleanup EXIT
if mount -t tmpfs -o size=24m,mode=0700 tmpfs "$DISK" 2>"$D/mount.err"; then
	MOUNTED=yes
	say "the database is on a 24 MB tmpfs ($DISK)"
else
	LIMITED=yes
	say "mount refused ($(head -1 "$D/mount.err")): falling back to ulimit -f on the command line's writes; web saves are not tried"
fi
export WAYMARK_DB="$DISK/waymark.db"
started=$(date +%s)
drill_school 1200

# What must not change when a write is refused: every count, the pupils'
# names and every mark, as one line.
state() {
	sqlite3 "$WAYMARK_DB" "SELECT (SELECT count(*) FROM student) || ' pupils, ' ||
		(SELECT count(*) FROM mark) || ' marks, ' || (SELECT count(*) FROM audit) || ' audit, ' ||
		(SELECT count(*) FROM user) || ' users, names ' ||
		(SELECT total(length(legal_surname)) FROM student) || ', marks ' ||
		(SELECT total(unicode(status) * (event_id + student_id)) FROM mark)"
}

# A roster with every surname changed (suffix $2): an import updates all
# 1,200 pupils, a large write.
roster_variant() {
	python3 - "$D/files/roster.csv" "$2" >"$1" <<'EOF'
import csv, io, sys
lines = open(sys.argv[1], encoding='utf-8').read().split('\n')
out = []
for i, line in enumerate(lines):
    if i >= 3 and line:
        row = next(csv.reader([line]))
        row[3] = row[3].split('-')[0] + '-' + sys.argv[2]
        b = io.StringIO()
        csv.writer(b, lineterminator='').writerow(row)
        line = b.getvalue()
    out.append(line)
sys.stdout.write('\n'.join(out))
EOF
}

# The demo's registers with each mark turned ($2: 0 as they were, 1 all
# absent, 2 all excused): every mark of the year rewritten.
register_variant() {
	case "$2" in
	0) cp "$D/files/registers.csv" "$1" ;;
	1) sed 's/,\(Present\|Excused\)\(\r*\)$/,Absent\2/' "$D/files/registers.csv" >"$1" ;;
	*) sed 's/,\(Present\|Absent\)\(\r*\)$/,Excused\2/' "$D/files/registers.csv" >"$1" ;;
	esac
}

cli_writes=0
cli_refused=0
web_writes=0
web_refused=0
reads=0
k=0

# cli_write NAME: a large import; 0 done, 1 refused as the drill wants,
# else the drill fails.
cli_write() {
	k=$((k + 1))
	if [ $((k % 2)) = 0 ]; then
		roster_variant "$D/write.csv" "v$k"
		set -- import students "$D/write.csv" --whole-school --year 2025/26 --as-of 2025-09-01
	else
		register_variant "$D/write.csv" $((k % 3))
		set -- import register "$D/write.csv"
	fi
	echo "$*" >"$D/last-write"
	if [ -z "$LIMITED" ]; then
		"$WAYMARK" "$@" >"$D/cli.out" 2>"$D/cli.err"
	else
		# No tmpfs: no file of the command may grow past 2 KB, so its
		# WAL cannot (SQLite then says "disk I/O error", not "full").
		(trap '' XFSZ; ulimit -f 4; exec "$WAYMARK" "$@") >"$D/cli.out" 2>"$D/cli.err"
	fi
	status=$?
	if [ "$status" = 0 ]; then
		cli_writes=$((cli_writes + 1))
		return 0
	fi
	[ "$status" = 1 ] || drill_fail "waymark $* exited $status: $(cat "$D/cli.err")"
	if [ -n "$MOUNTED" ]; then
		grep -q "the disk holding $WAYMARK_DB is full" "$D/cli.err" ||
			drill_fail "waymark $* did not say the disk is full: $(cat "$D/cli.err")"
	fi
	cli_refused=$((cli_refused + 1))
	return 1
}

# A session for the web saves: a careers leader, signed in with curl.
web_sign_in() {
	password=$(one_time_password lead --role leader)
	jar=$D/lead.jar
	curl -s -o /dev/null -c "$jar" -b "$jar" -H "Origin: $BASE" --data-urlencode login=lead \
		--data-urlencode "password=$password" "$BASE/login"
	csrf=$(curl -s -c "$jar" -b "$jar" "$BASE/account/password" |
		sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
	new="a long drill password for lead"
	code=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" -H "Origin: $BASE" \
		--data-urlencode "csrf=$csrf" --data-urlencode "current=$password" \
		--data-urlencode "new=$new" --data-urlencode "again=$new" "$BASE/account/password")
	[ "$code" = 303 ] || drill_fail "cannot sign in the leader: $code"
	csrf=$(curl -s -c "$jar" -b "$jar" "$BASE/dashboard" |
		sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
	[ -n "$csrf" ] || drill_fail "no form token after signing in"
	# The register of the demo's first event, and its pupils' fields.
	event=$(sqlite3 "$WAYMARK_DB" "SELECT id FROM event ORDER BY id LIMIT 1")
	curl -s -b "$jar" "$BASE/events/$event/register" | grep -o 'name="m[0-9]*"' |
		sed 's/name="\(m[0-9]*\)"/\1/' | sort -u >"$D/fields"
	[ -s "$D/fields" ] || drill_fail "no pupils on the register of event $event"
}

# web_write: one register save with fresh marks; 0 saved, 1 refused as the
# drill wants, else the drill fails.
web_write() {
	k=$((k + 1))
	set --
	while read -r field; do
		case $(((k + ${#field}) % 3)) in 0) m=present ;; 1) m=absent ;; *) m=excused ;; esac
		set -- "$@" --data-urlencode "$field=$m"
	done <"$D/fields"
	echo "register save $k" >"$D/last-write"
	code=$(curl -s -o "$D/web.out" -w '%{http_code}' -b "$jar" -H "Origin: $BASE" \
		--data-urlencode "csrf=$csrf" "$@" "$BASE/events/$event/register")
	if [ "$code" = 303 ]; then
		web_writes=$((web_writes + 1))
		return 0
	fi
	[ "$code" = 503 ] || drill_fail "a register save on a full disk answered $code"
	grep -q "The server&#39;s disk is full, so this was not saved\|The server's disk is full, so this was not saved" "$D/web.out" ||
		drill_fail "the refused save did not say the disk is full: $(sed -n 's/.*<p>\(.*disk.*\)<\/p>.*/\1/p' "$D/web.out" | head -2)"
	web_refused=$((web_refused + 1))
	return 1
}

# Reads on a full disk: a report on the command line, the dashboard.
check_reads() {
	w report entitlement --as-of 2025-11-10 >/dev/null 2>"$D/read.err" ||
		drill_fail "a report failed on a full disk: $(cat "$D/read.err")"
	if [ -n "$MOUNTED" ]; then
		code=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" "$BASE/dashboard")
		[ "$code" = 200 ] || drill_fail "the dashboard answered $code on a full disk"
	fi
	reads=$((reads + 1))
}

# Waits (up to 10 s) for the server to empty its WAL, so that each round
# starts from the same place.
wait_idle() {
	i=0
	while [ -s "$WAYMARK_DB-wal" ] && [ "$i" -lt 200 ]; do
		i=$((i + 1))
		sleep 0.05
	done
}

if [ -n "$MOUNTED" ]; then
	drill_serve
	web_sign_in
	web_write || drill_fail "a register save failed before the disk was full"
fi

# DRILL_REPEATS rounds, as many as DRILL_SECONDS allows (one at least).
round=0
while [ "$round" -lt "$DRILL_REPEATS" ]; do
	if [ "$round" -gt 0 ] && [ $(($(date +%s) - started)) -ge "$DRILL_SECONDS" ]; then
		say "the budget of $DRILL_SECONDS s is spent after $round of $DRILL_REPEATS rounds"
		break
	fi
	round=$((round + 1))
	[ -n "$MOUNTED" ] && wait_idle
	# Fill the disk, then give back a little: 64, 192 or 320 KB.
	free_kb=$((64 + 128 * ((round - 1) % 3)))
	if [ -n "$MOUNTED" ]; then
		dd if=/dev/zero of="$DISK/filler" bs=64k 2>/dev/null || true
		truncate -s "-${free_kb}K" "$DISK/filler"
	fi
	# Writes until one is refused: two saves on the web, then an import.
	refused=
	attempts=0
	while [ -z "$refused" ]; do
		attempts=$((attempts + 1))
		[ "$attempts" -le 40 ] || drill_fail "round $round: 40 writes and none refused with ${free_kb} KB free"
		before=$(state)
		if [ -n "$MOUNTED" ] && [ $((attempts % 3)) != 0 ]; then
			web_write || refused=web
		else
			cli_write || refused=cli
		fi
	done
	after=$(state)
	[ "$after" = "$before" ] || drill_fail "round $round: the refused write ($(cat "$D/last-write")) changed the data:
  before: $before
  after:  $after"
	w check database >"$D/check.out" 2>&1 || drill_fail "round $round: integrity_check after the refusal: $(cat "$D/check.out")"
	check_reads
	room="${free_kb} KB free"
	[ -n "$MOUNTED" ] || room="ulimit -f 4"
	say "round $round: $room, $attempts writes, the $refused write ($(cat "$D/last-write")) refused; data as before it, integrity_check ok, reads ok"
	# Space again: the refused write goes through.
	rm -f "$DISK/filler"
	if [ "$refused" = web ]; then
		web_write || drill_fail "round $round: a register save failed once space was freed: $(head -c 300 "$D/web.out")"
	else
		k=$((k - 1))
		LIMITED=
		cli_write || drill_fail "round $round: $(cat "$D/last-write") failed once space was freed: $(cat "$D/cli.err")"
		[ -n "$MOUNTED" ] || LIMITED=yes
	fi
	[ "$(state)" != "$after" ] || drill_fail "round $round: the write after freeing space changed nothing"
done
w check database >"$D/check.out" 2>&1 || drill_fail "at the end: $(cat "$D/check.out")"
[ -n "$MOUNTED" ] && drill_stop
if [ -n "$MOUNTED" ]; then
	drill_pass "$round fills of a tmpfs: $((web_refused + cli_refused)) writes refused (web $web_refused, command line $cli_refused), each saying the disk is full, with the data exactly as before, integrity_check ok and reads working; $((web_writes + cli_writes)) writes saved, the refused one each time once space was freed"
fi
drill_pass "FALLBACK, no tmpfs could be mounted: $round imports under ulimit -f refused (as a disk I/O error: SQLite says \"full\" only for ENOSPC), each with the data exactly as before, integrity_check ok and reads working, and saved once the limit was lifted; web saves not tried"
