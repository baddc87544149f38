# Deployment (issue "web application", part "Deployment"): make install puts
# the files docs/deploy.md relies on in place under DESTDIR, the unit naming
# the installed binary; waymark backup copies the database safely.

test_make_install_puts_everything_in_place() {
	root=$T/root
	env -u MAKEFLAGS -u MAKELEVEL make -s -C "$ROOT" install BUILD=release \
		DESTDIR="$root" PREFIX=/usr/local >"$T/make.out" 2>&1 ||
		fail "make install failed: $(tail -n 20 "$T/make.out")"
	for f in bin/waymark share/man/man1/waymark.1 share/waymark/programmes/kga.yaml \
		lib/systemd/system/waymark.service lib/sysusers.d/waymark.conf \
		share/waymark/nginx-waymark.conf; do
		[ -f "$root/usr/local/$f" ] || fail "make install left out $f"
	done
	[ -x "$root/usr/local/bin/waymark" ] || fail "the binary is not executable"
	"$root/usr/local/bin/waymark" version >/dev/null || fail "the installed binary does not run"
	unit=$root/usr/local/lib/systemd/system/waymark.service
	grep -qx 'ExecStart=/usr/local/bin/waymark serve --listen 127.0.0.1:8080 --behind-proxy' "$unit" ||
		fail "the unit does not run the installed binary: $(grep ExecStart "$unit")"
	! grep -q '@BINDIR@' "$unit" || fail "@BINDIR@ left in the unit"
	# Its own user, its state directory, loopback only.
	for line in User=waymark StateDirectory=waymark Environment=WAYMARK_DB=/var/lib/waymark/waymark.db \
		NoNewPrivileges=yes ProtectSystem=strict IPAddressDeny=any IPAddressAllow=localhost; do
		grep -qx "$line" "$unit" || fail "the unit lacks $line"
	done
	grep -q '^u waymark ' "$root/usr/local/lib/sysusers.d/waymark.conf" || fail "no waymark user"
	if command -v systemd-analyze >/dev/null 2>&1; then
		# Checked as if installed (the binary under DESTDIR); man(1) may
		# be missing here, so only the unit's own problems count.
		sed "s|/usr/local/bin/waymark|$root/usr/local/bin/waymark|" "$unit" >"$T/waymark.service"
		systemd-analyze verify "$T/waymark.service" 2>&1 | grep -v "man waymark(1)" >"$T/verify" || true
		[ ! -s "$T/verify" ] || fail "systemd-analyze verify: $(cat "$T/verify")"
	fi
	if command -v nginx >/dev/null 2>&1 && command -v openssl >/dev/null 2>&1; then
		openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=careers.example.sch.uk \
			-keyout "$T/key.pem" -out "$T/cert.pem" -days 1 >/dev/null 2>&1 ||
			fail "openssl could not make a test certificate"
		sed -e "s|/etc/ssl/certs/careers.example.sch.uk.pem|$T/cert.pem|" \
			-e "s|/etc/ssl/private/careers.example.sch.uk.key|$T/key.pem|" \
			-e "s|/var/log/nginx/waymark.access.log|$T/access.log|" \
			"$root/usr/local/share/waymark/nginx-waymark.conf" >"$T/site.conf"
		printf 'pid %s/nginx.pid;\nerror_log %s/error.log;\nevents {}\nhttp {\ninclude %s/site.conf;\n}\n' \
			"$T" "$T" "$T" >"$T/nginx.conf"
		nginx -t -q -c "$T/nginx.conf" -e "$T/error.log" >"$T/nginx.out" 2>&1 ||
			fail "nginx -t refuses the example: $(cat "$T/nginx.out")"
	fi
}

test_backup_copies_the_database_and_is_audited() {
	init_school
	run import students "$FIXTURES/rosters/sims.csv" --whole-school --as-of 2025-09-01
	expect_rc 0
	run backup "$T/backups/nightly.db"
	expect_rc 1
	expect_err_has "$T/backups/nightly.db"
	[ ! -e "$T/backups" ] || fail "a failed backup left something behind"
	mkdir "$T/backups"
	run backup "$T/backups/nightly.db"
	expect_rc 0
	expect_out_has "backed up $WAYMARK_DB to $T/backups/nightly.db ("
	[ "$(stat -c %a "$T/backups/nightly.db")" = 600 ] || fail "the backup is readable by others"
	[ "$(ls "$T/backups")" = nightly.db ] || fail "files left beside the backup: $(ls "$T/backups")"
	# The copy is a whole Waymark database on its own.
	[ "$(sqlite3 "$T/backups/nightly.db" 'PRAGMA journal_mode')" = delete ] || fail "the copy needs a -wal file"
	upn=$(sqlite3 "$WAYMARK_DB" 'SELECT upn FROM student ORDER BY id LIMIT 1')
	run --db "$T/backups/nightly.db" report student "$upn" --as-of 2025-11-10
	expect_rc 0
	expect_out_has "$upn"
	[ "$(sqlite3 "$T/backups/nightly.db" 'SELECT count(*) FROM student')" = \
	  "$(sqlite3 "$WAYMARK_DB" 'SELECT count(*) FROM student')" ] || fail "pupils missing from the copy"
	# Who copied the pupils' data, and where to.
	run audit
	expect_out_has "database.backup	database	$T/backups/nightly.db"
	# A second backup replaces the first; the database itself is refused.
	run backup "$T/backups/nightly.db"
	expect_rc 0
	run backup "$WAYMARK_DB"
	expect_rc 1
	expect_err_has "is the database itself"
	run backup
	expect_rc 2
	expect_err_has "name the backup file"
}
