# Limits before work (issue 9): what a client may send the server before it
# has signed in, and what only someone who may import may send after. Each
# test serves lib.sh's small school on a free loopback port and sends
# oversized or malformed requests with curl; docs/limits.md lists the
# limits these check.

# peak_kb: the server's peak resident memory so far (VmHWM), in kB.
peak_kb() {
	sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB$/\1/p' "/proc/$WEB_PID/status"
}

# status_of CURL-ARGS...: the status of one request, "000" when the
# connection was closed without an answer.
status_of() {
	curl -s -o "$T/answer" -w '%{http_code}' -H "Origin: $BASE" "$@" || true
}

# A roster of about 2.3 MB, a real one: 20,000 pupils from `waymark demo`.
big_roster() {
	run demo --students 20000 --out "$T/big" --as-of 2025-11-10
	expect_rc 0
	[ "$(wc -c <"$T/big/roster.csv")" -gt $((2 * 1024 * 1024)) ] || fail "the roster is under 2 MB"
}

test_limits_anonymous_bodies_refused_before_they_are_read() {
	web_school
	web_start
	truncate -s 64M "$T/huge"
	# The issue's attack: 16 anonymous 64 MB bodies at once took the old
	# server from 7 MB to 991 MB. Each is refused from its Content-Length.
	before=$(peak_kb)
	for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16; do
		status_of --data-binary "@$T/huge" -H 'Content-Type: application/x-www-form-urlencoded' \
			"$BASE/login" >"$T/status.$i" &
		pids="${pids:-} $!"
	done
	# Not a bare wait: the server is a child of this shell too.
	wait $pids
	pids=
	for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16; do
		[ "$(cat "$T/status.$i")" = 413 ] || fail "upload $i: $(cat "$T/status.$i"), expected 413"
	done
	grep -qF 'A form may send up to 64 KB' "$T/answer" || fail "no short page: $(head -c 300 "$T/answer")"
	# Sent as an import file, with no session: refused the same way.
	code=$(status_of -F "file=@$T/huge;filename=roster.csv" -F year=2025/26 "$BASE/imports/roster")
	[ "$code" = 413 ] || fail "an anonymous import file: $code, expected 413"
	# Chunked, with no length to refuse: the connection is closed (after
	# "100 Continue", or none) once the body passes the form limit, long
	# before 64 MB have arrived.
	for i in 1 2 3 4; do
		status_of --data-binary "@$T/huge" -H 'Transfer-Encoding: chunked' \
			-H 'Content-Type: application/x-www-form-urlencoded' "$BASE/login" >"$T/status.$i" &
		pids="${pids:-} $!"
	done
	wait $pids
	for i in 1 2 3 4; do
		case $(cat "$T/status.$i") in 000 | 100 | 413) ;; *) fail "chunked upload $i: $(cat "$T/status.$i")" ;; esac
	done
	after=$(peak_kb)
	# A sanitizer build grows by some MB for its own books; buffering would
	# take gigabytes.
	[ $((after - before)) -lt $((64 * 1024)) ] ||
		fail "the server's peak memory grew from $before kB to $after kB"
	# The server still answers.
	code=$(status_of "$BASE/login")
	[ "$code" = 200 ] || fail "the sign-in page after the uploads: $code"
	web_stop
}

test_limits_a_form_and_its_fields_are_bounded() {
	web_school
	web_start
	sign_in lead leader
	# A form just under 64 KB is read (a login name that long is simply wrong).
	head -c 60000 /dev/zero | tr '\0' a >"$T/name"
	post_raw anon /login "login=$(cat "$T/name")" "password=x"
	expect_status 401
	# Over 64 KB: 413, whoever sends it, and nothing is stored.
	head -c 70000 /dev/zero | tr '\0' a >"$T/name"
	post_raw anon /login "login=$(cat "$T/name")" "password=x"
	expect_status 413
	expect_out_has 'That was too much to send at once.'
	[ "$(sql "SELECT count(*) FROM login_attempt WHERE length(login) > 64")" = 0 ] ||
		fail "a login name of more than 64 bytes was stored"
	post lead /activities/new "name=$(cat "$T/name")"
	expect_status 413
	# A field over 64 KB inside an import's larger body: the file is
	# accepted but the field is not, so the whole request is refused.
	get lead /imports
	post_curl lead /imports/roster -F "csrf=$(csrf_of)" -F "file=@$FIXTURES/rosters/sims.csv" \
		-F "year=<$T/name" -F as_of=2025-11-10 -F mode=full
	expect_status 413
	web_stop
}

test_limits_only_those_who_may_import_send_files() {
	web_school
	big_roster
	web_start
	sign_in tutor tutor --scope 7A
	sign_in lead leader
	# A tutor may not import: the file is refused from its length (413),
	# before any of it is read, and a small one by the route's roles (403).
	get tutor /dashboard
	post_curl tutor /imports/roster -F "csrf=$(csrf_of)" -F "file=@$T/big/roster.csv" \
		-F year=2025/26 -F as_of=2025-11-10 -F mode=full
	expect_status 413
	post_curl tutor /imports/roster -F "csrf=$(csrf_of)" -F "file=@$FIXTURES/rosters/sims.csv" \
		-F year=2025/26 -F as_of=2025-11-10 -F mode=full
	expect_status 403
	# The careers leader may: the whole 2.3 MB roster is checked.
	get lead /imports
	post_curl lead /imports/roster -F "csrf=$(csrf_of)" -F "file=@$T/big/roster.csv;filename=roster.csv" \
		-F year=2025/26 -F as_of=2025-11-10 -F mode=full
	expect_status 200
	expect_out_has '<li>20000 pupils for 2025/26:'
	# From another site, even with the leader's cookie, it is a form.
	status=$(curl -s -o "$T/out" -w '%{http_code}' -b "$T/lead.jar" -H 'Origin: http://evil.example' \
		-F "csrf=$(csrf_of)" -F "file=@$T/big/roster.csv" -F year=2025/26 "$BASE/imports/roster")
	expect_status 413
	# A file sent to a route that takes none is not kept: the form is
	# read without it.
	post_curl lead /activities/new -F "csrf=$(cat "$T/lead.csrf")" -F "file=@$FIXTURES/rosters/sims.csv"
	[ "$status" != 500 ] || fail "a file sent to a form: 500"
	web_stop
}

test_limits_upload_limit_is_configured() {
	web_school
	big_roster
	run serve --upload-limit 0
	expect_rc 2
	expect_err_has '--upload-limit: 1 to 512 (megabytes)'
	run serve --upload-limit 513
	expect_rc 2
	web_start --quiet --upload-limit 1
	sign_in lead leader
	get lead /imports
	post_curl lead /imports/roster -F "csrf=$(csrf_of)" -F "file=@$T/big/roster.csv" \
		-F year=2025/26 -F as_of=2025-11-10 -F mode=full
	expect_status 413
	expect_out_has 'up to 1 MB'
	# Within the limit it is taken as before.
	get lead /imports
	post_curl lead /imports/roster -F "csrf=$(csrf_of)" -F "file=@$FIXTURES/rosters/sims.csv" \
		-F year=2025/26 -F as_of=2025-11-10 -F mode=full
	expect_status 200
	expect_out_has '<li>10 pupils for 2025/26:'
	web_stop
}

test_limits_uploads_leave_no_file_behind() {
	web_school
	mkdir "$T/tmp"
	TMPDIR=$T/tmp web_start
	sign_in lead leader
	dir=$(ls -d "$T"/tmp/waymark-uploads.*) || fail "no private upload directory in TMPDIR"
	[ "$(stat -c %a "$dir")" = 700 ] || fail "the upload directory is mode $(stat -c %a "$dir")"
	get lead /imports
	post_curl lead /imports/roster -F "csrf=$(csrf_of)" -F "file=@$FIXTURES/rosters/sims.csv" \
		-F year=2025/26 -F as_of=2025-11-10 -F mode=full
	expect_status 200
	# Unlinked as soon as it was made: nothing to read, nothing left.
	[ -z "$(ls -A "$dir")" ] || fail "files left in the upload directory: $(ls -A "$dir")"
	web_stop
	[ ! -e "$dir" ] || fail "the upload directory outlived the server"
}

test_limits_headers_are_bounded() {
	web_school
	web_start
	head -c 40000 /dev/zero | tr '\0' a >"$T/value"
	code=$(status_of -H "X-Padding: $(cat "$T/value")" "$BASE/login")
	[ "$code" = 431 ] || fail "40 KB of headers: $code, expected 431"
	code=$(status_of "$BASE/login?q=$(cat "$T/value")")
	case $code in 414 | 431) ;; *) fail "a 40 KB address: $code, expected 414 or 431" ;; esac
	code=$(status_of "$BASE/login")
	[ "$code" = 200 ] || fail "the sign-in page after: $code"
	web_stop
}
