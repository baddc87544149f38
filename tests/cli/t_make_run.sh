# make run (scripts/run-demo.sh), as a careers leader meets it: the demo
# school built through the imports, the entitlement review and benchmark
# summary printed, three accounts whose one-time passwords work, and the web
# application served. A small school on a free port, so that it is quick.

test_make_run_builds_prints_and_serves() {
	(cd "$ROOT" && DEMO_STUDENTS=300 DEMO_DIR="$T/demo" WAYMARK_LISTEN=127.0.0.1:0 \
		WAYMARK_TODAY=2027-02-10 exec scripts/run-demo.sh) >"$T/run.out" 2>"$T/run.err" &
	pid=$!
	trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null' EXIT
	i=0
	while ! grep -q '^listening on ' "$T/run.out" 2>/dev/null; do
		i=$((i + 1))
		[ "$i" -lt 600 ] || fail "make run did not serve: $(tail -n 20 "$T/run.out") $(cat "$T/run.err")"
		kill -0 "$pid" 2>/dev/null || fail "make run stopped: $(tail -n 20 "$T/run.out") $(cat "$T/run.err")"
		sleep 0.05
	done
	cp "$T/run.out" "$T/out"
	expect_out_has "== Writing a synthetic school of 300 pupils for 2025/26 and 2026/27 (no real pupil data)"
	expect_out_has "Entitlement review, 2026/27 terms 1-2, sessions up to 2027-02-10"
	expect_out_has "  8 Personal guidance "
	expect_out_has "== Serving the demo school: open http://127.0.0.1:0/ and sign in (Ctrl-C stops)"
	for who in leader admin tutor; do
		grep -Eq "^  $who +.* one-time password: [a-z0-9]{5}-[a-z0-9]{5}-[a-z0-9]{5}-[a-z0-9]{5}\$" "$T/out" ||
			fail "no one-time password for $who: $(cat "$T/out")"
	done
	grep -q "^  tutor      tutor of 7A " "$T/out" || fail "the tutor has no form: $(grep '^  tutor' "$T/out")"
	BASE=$(sed -n 's|^listening on \(http://[0-9.:]*\)/$|\1|p' "$T/out")
	once=$(sed -n 's/^  leader .* one-time password: //p' "$T/out")
	post_raw leader /login "login=leader" "password=$once"
	[ "$status" = 303 ] || fail "the leader's one-time password does not sign in: $status"
	case "$location" in */account/password) ;; *) fail "first sign-in went to $location" ;; esac
	kill "$pid"
	wait "$pid" 2>/dev/null || true
	trap - EXIT
	[ -s "$T/demo/waymark.db" ] || fail "no demo database"
}
