# Backup, check and restore (issue 9, part 6): a backup that is checked and
# says so, generations with --keep, a restore that checks its file, refuses
# while the database is in use and never lets an old WAL into the restored
# file; writes refused on a damaged database (the CLI exits 1, the server
# answers 503) while reads go on; the WAL emptied once the server is idle.

sql() {
	sqlite3 "$WAYMARK_DB" "$1"
}

# A small school with a roster: the test programme and calendar, the ten
# pupils of sims.csv and two events (ids 1 and 2).
backup_school() {
	init_school
	run import students "$FIXTURES/rosters/sims.csv" --whole-school --as-of 2025-09-01
	expect_rc 0
	run event add fair-prep --date 2025-09-08 --year-group 7
	expect_out 1
	run event add careers-fair --date 2025-10-16 --year-group 8
	expect_out 2
}

# damage FILE PAGE KIND: KIND zero (the page all zeros), header (its b-tree
# page header flipped), garbage (random bytes over it) or clobber (the
# file's 100-byte header overwritten).
damage() {
	python3 - "$1" "$2" "$3" <<'EOF'
import os, random, sys
path, page, kind = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with open(path, 'r+b') as f:
    f.seek(16)
    size = int.from_bytes(f.read(2), 'big')
    size = 65536 if size == 1 else size
    start = (page - 1) * size + (100 if page == 1 else 0)
    f.seek(start)
    if kind == 'zero':
        f.write(bytes(size - (start % size)))
    elif kind == 'header':
        head = bytearray(f.read(8))
        f.seek(start)
        f.write(bytes(b ^ 0xff for b in head))
    elif kind == 'garbage':
        f.write(random.Random(page).randbytes(size - (start % size)))
    elif kind == 'clobber':
        f.seek(0)
        f.write(b'\xaa' * 100)
EOF
}

# The root page of a table or index.
root_page() {
	sql "SELECT rootpage FROM sqlite_schema WHERE name = '$1'"
}

fingerprint() {
	sha256sum "$1" | cut -d' ' -f1
}

test_backup_is_integrity_checked_and_says_so() {
	backup_school
	run backup "$T/nightly.db"
	expect_rc 0
	expect_out_has "backed up $WAYMARK_DB to $T/nightly.db ("
	expect_out_has "integrity_check ok)"
	[ "$(sqlite3 "$T/nightly.db" 'PRAGMA integrity_check')" = ok ] || fail "the copy is damaged"
	[ "$(stat -c %a "$T/nightly.db")" = 600 ] || fail "the backup is readable by others"
	# A damaged database makes no backup, and the last good one stays.
	before=$(fingerprint "$T/nightly.db")
	damage "$WAYMARK_DB" "$(root_page student)" zero
	run backup "$T/nightly.db"
	expect_rc 1
	expect_err_has "the copy failed its integrity check"
	[ "$(fingerprint "$T/nightly.db")" = "$before" ] || fail "a bad copy replaced the good backup"
}

test_backup_while_the_server_is_busy_writing() {
	backup_school
	web_start
	sign_in lead leader
	nowak=$(sql "SELECT id FROM student WHERE upn = 'K886400111001'")
	# Saves as fast as the server takes them, until told to stop.
	(
		i=0
		while [ ! -f "$T/stop" ]; do
			i=$((i + 1))
			mark=present
			[ $((i % 2)) = 0 ] && mark=absent
			curl -s -o /dev/null -b "$T/lead.jar" -H "Origin: $BASE" \
				--data-urlencode "csrf=$(cat "$T/lead.csrf")" \
				--data-urlencode "m$nowak=$mark" "$BASE/events/1/register"
			echo "$i" >"$T/saves"
		done
	) &
	saver=$!
	for n in 1 2 3 4 5; do
		run backup "$T/busy-$n.db"
		[ "$rc" = 0 ] || { touch "$T/stop"; wait "$saver"; fail "backup $n while saving: exit $rc: $(cat "$T/err")"; }
		expect_out_has "integrity_check ok"
		[ "$(sqlite3 "$T/busy-$n.db" 'PRAGMA integrity_check')" = ok ] || fail "copy $n is damaged"
	done
	touch "$T/stop"
	wait "$saver"
	[ "$(cat "$T/saves")" -gt 5 ] || fail "the saver made only $(cat "$T/saves") saves"
	web_stop
}

test_backup_keep_n_generations_and_nothing_else() {
	backup_school
	mkdir "$T/gens"
	for stamp in 2024-09-01T023000 2024-09-02T023000 2024-09-03T023000 2024-09-04T023000; do
		cp "$WAYMARK_DB" "$T/gens/waymark-$stamp.db"
	done
	# Not generations: never counted, never deleted.
	for other in notes.txt waymark-2024-09-01.db waymark-2023-01-01T000000.db.tmp \
		waymark-2023-01-01T000000.db-wal other.db waymark-2023-13-01T0000.db; do
		echo keep >"$T/gens/$other"
	done
	run backup --keep 3 "$T/gens"
	expect_rc 0
	expect_out_has "backed up $WAYMARK_DB to $T/gens/waymark-"
	expect_out_has "removed $T/gens/waymark-2024-09-01T023000.db"
	expect_out_has "removed $T/gens/waymark-2024-09-02T023000.db"
	expect_out_has "kept 3 backups in $T/gens"
	ls "$T/gens" | grep -E '^waymark-[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{6}\.db$' >"$T/gens.list"
	[ "$(wc -l <"$T/gens.list")" = 3 ] || fail "not 3 generations: $(cat "$T/gens.list")"
	grep -qx 'waymark-2024-09-03T023000.db' "$T/gens.list" || fail "a newer generation was removed"
	new=$(tail -1 "$T/gens.list")
	case "$new" in waymark-2024-*) fail "the new backup is not the newest: $new" ;; esac
	[ "$(stat -c %a "$T/gens/$new")" = 600 ] || fail "the generation is readable by others"
	[ "$(sqlite3 "$T/gens/$new" 'PRAGMA integrity_check')" = ok ] || fail "the generation is damaged"
	for other in notes.txt waymark-2024-09-01.db waymark-2023-01-01T000000.db.tmp \
		waymark-2023-01-01T000000.db-wal other.db waymark-2023-13-01T0000.db; do
		[ -f "$T/gens/$other" ] || fail "--keep deleted $other"
	done
	run backup --keep 1 "$T/gens"
	expect_rc 0
	[ "$(ls "$T/gens" | grep -cE '^waymark-[0-9-]{10}T[0-9]{6}\.db$')" = 1 ] || fail "--keep 1: $(ls "$T/gens")"
	[ "$(ls "$T/gens" | wc -l)" = 7 ] || fail "files other than generations changed: $(ls "$T/gens")"
	run backup --keep 0 "$T/gens"
	expect_rc 2
	run backup --keep 2 "$T/no-such-dir"
	expect_rc 1
	expect_err_has "is not a directory"
}

test_backup_restore_brings_back_the_data_and_is_audited() {
	backup_school
	run backup "$T/good.db"
	expect_rc 0
	pupils=$(sql "SELECT count(*) FROM student")
	# Changes after the backup, which the restore undoes.
	run user add later --role tutor
	expect_rc 0
	run event add careers-fair --date 2025-11-20 --year-group 9
	expect_rc 0
	sql "DELETE FROM student WHERE upn = 'K886400111001'"
	run restore "$T/good.db"
	expect_rc 0
	expect_out_has "restored $WAYMARK_DB from $T/good.db: schema version $(sql 'PRAGMA user_version')"
	expect_out_has "$pupils pupils, 0 marks"
	[ "$(sql "SELECT count(*) FROM student")" = "$pupils" ] || fail "pupils not restored"
	[ "$(sql "SELECT count(*) FROM user WHERE login = 'later'")" = 0 ] || fail "a later user survived"
	[ "$(sql "SELECT count(*) FROM event")" = 2 ] || fail "a later event survived"
	[ "$(sql 'PRAGMA integrity_check')" = ok ] || fail "the restored database is damaged"
	[ "$(sql 'PRAGMA journal_mode')" = wal ] || fail "the restored database is not in WAL mode"
	run audit
	expect_out_has "database.restore	database	$T/good.db	schema version"
	# It works as a database again.
	run user add after --role tutor
	expect_rc 0
	# The backup was only read.
	[ ! -e "$T/good.db-wal" ] && [ ! -e "$T/good.db-lock" ] || fail "files left beside the backup"
	run restore
	expect_rc 2
	run restore "$WAYMARK_DB"
	expect_rc 1
	expect_err_has "is the database itself"
}

test_backup_restore_an_older_schema_migrates_it() {
	# A database as the waymark before the newest migration made it: every
	# migration file but the last, applied as db_open applies them.
	migrations=$CLI_DIR/../../src/store/migrations
	# By the files' numbers, not their count: a number reserved for
	# another branch may be missing until the branches are merged.
	count=$(ls "$migrations"/*.sql | wc -l)
	number() { basename "$1" | sed 's/^0*\([0-9][0-9]*\)_.*/\1/'; }
	latest=$(number "$(ls "$migrations"/*.sql | sort | tail -n 1)")
	previous=$(number "$(ls "$migrations"/*.sql | sort | tail -n 2 | head -n 1)")
	for f in $(ls "$migrations"/*.sql | sort | head -n $((count - 1))); do
		sqlite3 "$T/old.db" <"$f"
	done
	sqlite3 "$T/old.db" "PRAGMA application_id = $((0x57594D4B)); PRAGMA user_version = $previous"
	run restore "$T/old.db"
	expect_rc 0
	expect_out_has "schema version $previous, brought up to $latest"
	run schema
	expect_rc 0
	diff -u "$migrations/../schema.sql" "$T/out" >"$T/diff" || fail "not the current schema:
$(head -30 "$T/diff")"
}

test_backup_restore_over_a_stale_wal_gives_the_backup_exactly() {
	backup_school
	run backup "$T/good.db"
	expect_rc 0
	sqlite3 "$T/good.db" "SELECT upn, legal_surname FROM student ORDER BY id" >"$T/want"
	# Later changes committed to the WAL and never checkpointed: a process
	# that dies holding the database (kill -9) leaves them beside it.
	mkfifo "$T/fifo"
	sqlite3 "$WAYMARK_DB" <"$T/fifo" >/dev/null &
	holder=$!
	exec 9>"$T/fifo"
	printf '%s\n' "PRAGMA wal_autocheckpoint = 0;" \
		"UPDATE student SET legal_surname = 'Changed';" \
		"INSERT INTO audit (at, actor, action, entity) VALUES ('x', 'x', 'later', 'x');" \
		"SELECT 'done';" >&9
	i=0
	until [ "$(sql "SELECT count(*) FROM audit WHERE action = 'later'")" = 1 ]; do
		i=$((i + 1))
		[ "$i" -lt 100 ] || fail "the later change never committed"
		sleep 0.05
	done
	kill -9 "$holder"
	wait "$holder" 2>/dev/null || true
	exec 9>&-
	[ -s "$WAYMARK_DB-wal" ] || fail "no stale WAL to restore over"
	run restore "$T/good.db"
	expect_rc 0
	sql "SELECT upn, legal_surname FROM student ORDER BY id" >"$T/got"
	diff -u "$T/want" "$T/got" >"$T/diff" || fail "not the backup's content:
$(cat "$T/diff")"
	[ "$(sql "SELECT count(*) FROM audit WHERE action = 'later'")" = 0 ] || fail "a change from the old WAL came back"
	[ "$(sql 'PRAGMA integrity_check')" = ok ] || fail "the restored database is damaged"
}

test_backup_restore_refuses_a_damaged_file_and_touches_nothing() {
	backup_school
	run backup "$T/good.db"
	expect_rc 0
	run user add later --role tutor
	expect_rc 0
	db_before=$(fingerprint "$WAYMARK_DB")
	cp "$T/good.db" "$T/bad.db"
	page=$(sqlite3 "$T/good.db" "SELECT rootpage FROM sqlite_schema WHERE name = 'student'")
	damage "$T/bad.db" "$page" header
	bad_before=$(fingerprint "$T/bad.db")
	run restore "$T/bad.db"
	expect_rc 1
	expect_err_has "$T/bad.db is damaged (integrity_check: "
	expect_err_has "so it cannot be restored: $WAYMARK_DB is untouched"
	[ "$(fingerprint "$WAYMARK_DB")" = "$db_before" ] || fail "the database was changed"
	[ "$(fingerprint "$T/bad.db")" = "$bad_before" ] || fail "the backup was changed"
	[ ! -e "$T/bad.db-wal" ] && [ ! -e "$T/bad.db-shm" ] && [ ! -e "$T/bad.db-lock" ] ||
		fail "files written beside the backup: $(ls "$T")"
	# Nor a file that is no database, or not Waymark's.
	printf 'UPN,Surname\n' >"$T/roster.db"
	run restore "$T/roster.db"
	expect_rc 1
	expect_err_has "cannot be read as a database"
	sqlite3 "$T/other.db" "CREATE TABLE t (x)"
	run restore "$T/other.db"
	expect_rc 1
	expect_err_has "is not a Waymark database"
	run restore "$T/missing.db"
	expect_rc 1
	[ "$(fingerprint "$WAYMARK_DB")" = "$db_before" ] || fail "the database was changed"
	[ "$(sql "SELECT count(*) FROM user WHERE login = 'later'")" = 1 ] || fail "the later user is gone"
}

test_backup_restore_refuses_while_serving() {
	backup_school
	run backup "$T/good.db"
	expect_rc 0
	run user add later --role tutor
	expect_rc 0
	web_start
	run restore "$T/good.db"
	expect_rc 1
	expect_err_has "is in use by \`waymark serve\` or another waymark command"
	expect_err_has "sudo systemctl stop waymark"
	# init --force does not pull the database from under the server either.
	run init --force
	expect_rc 1
	expect_err_has "sudo systemctl stop waymark"
	[ "$(sql "SELECT count(*) FROM user WHERE login = 'later'")" = 1 ] || fail "the database was replaced"
	web_stop
	run restore "$T/good.db"
	expect_rc 0
	[ "$(sql "SELECT count(*) FROM user WHERE login = 'later'")" = 0 ] || fail "not restored"
}

test_backup_writes_refused_on_a_damaged_database_reads_work() {
	backup_school
	run audit
	expect_rc 0
	damage "$WAYMARK_DB" "$(root_page audit)" zero
	run user add ada --role leader
	expect_rc 1
	expect_err_has "is damaged (quick_check: "
	expect_err_has "so nothing was changed: restore the last good backup with \`waymark restore BACKUP\`"
	run import students "$FIXTURES/rosters/sims.csv" --whole-school --as-of 2025-09-01
	expect_rc 1
	expect_err_has "waymark restore"
	[ "$(sql "SELECT count(*) FROM user")" = 0 ] || fail "a user was added to a damaged database"
	# Reading commands still work where their data can be read.
	run programme show
	expect_rc 0
	run event list --year 2025/26
	expect_rc 0
	expect_out_has "Careers Fair preparation"
	run check database
	expect_rc 1
	expect_out_has "$WAYMARK_DB: damaged; integrity_check found:"
	expect_err_has "waymark restore"
}

test_backup_check_database() {
	backup_school
	run check database
	expect_rc 0
	expect_out "$WAYMARK_DB: ok (integrity_check)"
	damage "$WAYMARK_DB" "$(root_page student)" garbage
	run check database
	expect_rc 1
	expect_out_has "$WAYMARK_DB: damaged; integrity_check found:"
	expect_err_has "restore the last good backup with \`waymark restore BACKUP\`"
	run check database extra
	expect_rc 2
}

test_backup_serve_on_a_damaged_database_answers_posts_with_503() {
	backup_school
	web_start
	sign_in lead leader
	web_stop
	damage "$WAYMARK_DB" "$(root_page audit)" zero
	web_start
	grep -q "is damaged (quick_check: " "$T/serve.err" || fail "no warning at start: $(cat "$T/serve.err")"
	get lead /dashboard
	expect_status 200
	expect_out_has "so nothing can be saved until an administrator restores the last backup"
	get lead /events/1/register
	expect_status 200
	adeyemi=$(sql "SELECT id FROM student WHERE upn = 'K886400111001'")
	post lead /events/1/register "m$adeyemi=present"
	expect_status 503
	expect_out_has "The database is damaged, so nothing can be saved. Tell whoever looks after Waymark on the school&#39;s server: they restore the last backup (docs/reliability.md explains how)."
	[ "$(sql "SELECT count(*) FROM mark")" = 0 ] || fail "a mark was saved in a damaged database"
	# Nobody can sign in: it writes a session. The sign-in page says so.
	curl -s -o "$T/out" "$BASE/login"
	expect_out_has "so nobody can sign in until an administrator restores the last backup"
	run user add ada --role leader
	expect_rc 1
	post_raw nobody /login "login=lead" "password=a long password for lead"
	expect_status 503
	# Signing out: not recorded, but the browser forgets the session.
	post lead /logout
	expect_status 503
	header_is Set-Cookie "waymark_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"
	web_stop
}

test_backup_serve_notices_damage_at_run_time() {
	backup_school
	web_start
	sign_in admin admin
	# Wait until the checkpointer has emptied the WAL, so that the audit
	# log's pages are read from the database file.
	i=0
	while [ -s "$WAYMARK_DB-wal" ]; do
		i=$((i + 1))
		[ "$i" -lt 200 ] || fail "the WAL was never emptied"
		sleep 0.05
	done
	damage "$WAYMARK_DB" "$(root_page audit)" header
	get admin /audit
	expect_status 503
	expect_out_has "The database is damaged, so nothing can be saved."
	post admin /settings "two_factor_admins=no"
	expect_status 503
	web_stop
}

test_backup_serve_refuses_to_start_on_a_clobbered_header() {
	backup_school
	damage "$WAYMARK_DB" 1 clobber
	run serve --listen 127.0.0.1:0 --quiet
	expect_rc 1
	expect_err_has "is the school's database, it is damaged beyond use: restore the last good backup with \`waymark restore BACKUP\`"
	run programme show
	expect_rc 1
	expect_err_has "waymark restore"
	run check database
	expect_rc 1
	expect_err_has "waymark restore"
	run backup "$T/copy.db"
	expect_rc 1
}

test_backup_the_wal_is_emptied_once_the_server_is_idle() {
	run demo --students 1200 --years 1 --out "$T/demo"
	expect_rc 0
	run init --school "Demo Academy"
	expect_rc 0
	run calendar import "$T/demo/calendar.yaml"
	expect_rc 0
	web_start
	# Pages served: the workers hold the database open, as all day in a
	# school, so the WAL outlives each command.
	for n in 1 2 3 4; do
		curl -s -o /dev/null "$BASE/login"
	done
	# A burst of writes by another process while the server holds the
	# database open: SQLite's own checkpoints never make the file smaller.
	run import students "$T/demo/roster.csv" --whole-school --year 2025/26 --as-of 2025-09-01
	expect_rc 0
	run event import "$T/demo/events.csv"
	expect_rc 0
	run import register "$T/demo/registers.csv"
	expect_rc 0
	sed 's/,Present\r*$/,Absent/' "$T/demo/registers.csv" >"$T/absent.csv"
	run import register "$T/absent.csv"
	expect_rc 0
	size=$(stat -c %s "$WAYMARK_DB-wal")
	[ "$size" -gt 1048576 ] || fail "the burst left only $size bytes of WAL: make it bigger"
	i=0
	while [ "$(stat -c %s "$WAYMARK_DB-wal")" -gt 1048576 ]; do
		i=$((i + 1))
		[ "$i" -lt 200 ] || fail "the WAL is still $(stat -c %s "$WAYMARK_DB-wal") bytes 10 s after the burst"
		sleep 0.05
	done
	[ "$(sql 'PRAGMA integrity_check')" = ok ] || fail "damaged after the checkpoint"
	web_stop
}
