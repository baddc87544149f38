# waymark serve (issue "web application", part "Server"): the headers every
# response carries, the cookie's flags, the access log (route patterns, no
# pupil data), the client's address behind a proxy and the login throttle
# that depends on it, and a clean stop on SIGTERM.

test_serve_security_headers_and_cookie_flags() {
	init_school
	web_start
	curl -s -D "$T/headers" -o /dev/null "$BASE/login"
	tr -d '\r' <"$T/headers" >"$T/h"
	for want in "Content-Security-Policy: default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'" \
		"X-Content-Type-Options: nosniff" "Referrer-Policy: same-origin" "Cache-Control: no-store" \
		"X-Frame-Options: DENY"; do
		grep -qxF "$want" "$T/h" || fail "no header: $want
$(cat "$T/h")"
	done
	! grep -qi "unsafe-inline\|unsafe-eval" "$T/h" || fail "the policy allows inline code"
	# On loopback the cookie may travel over plain HTTP.
	run user add ada --role leader
	once=$(sed -n 's/^one-time password: //p' "$T/out")
	curl -s -D "$T/headers" -o /dev/null -H "Origin: $BASE" --data-urlencode login=ada \
		--data-urlencode "password=$once" "$BASE/login"
	cookie=$(tr -d '\r' <"$T/headers" | grep '^Set-Cookie: waymark_session=')
	case "$cookie" in *"; Path=/; HttpOnly; SameSite=Lax") ;; *) fail "cookie flags: $cookie" ;; esac
	web_stop
	# --secure-cookies, as behind a TLS proxy.
	web_start --quiet --secure-cookies
	curl -s -D "$T/headers" -o /dev/null -H "Origin: $BASE" --data-urlencode login=ada \
		--data-urlencode "password=$once" "$BASE/login"
	cookie=$(tr -d '\r' <"$T/headers" | grep '^Set-Cookie: waymark_session=')
	case "$cookie" in *"; HttpOnly; SameSite=Lax; Secure") ;; *) fail "not Secure: $cookie" ;; esac
	web_stop
}

test_serve_access_log_has_no_pupil_data() {
	init_school
	web_start --threads 2   # not --quiet: the access log on stderr
	curl -s -o /dev/null "$BASE/pupils/K886400111001?q=Adeyemi"
	curl -s -o /dev/null -H "X-Real-IP: 203.0.113.7" "$BASE/login"
	web_stop
	grep -q ' 127.0.0.1 GET /pupils/:upn 303 ' "$T/serve.err" ||
		fail "no log line with the route pattern: $(cat "$T/serve.err")"
	! grep -q 'K886400111001\|Adeyemi' "$T/serve.err" || fail "the log holds pupil data: $(cat "$T/serve.err")"
	# Without --behind-proxy the header is anybody's to forge: ignored.
	! grep -q '203.0.113.7' "$T/serve.err" || fail "X-Real-IP believed without --behind-proxy"
	grep -q '^shutting down (signal 15)' "$T/serve.err" || fail "no clean stop: $(tail -3 "$T/serve.err")"
}

test_serve_behind_proxy_takes_the_real_address() {
	init_school
	run user add ada --role leader
	once=$(sed -n 's/^one-time password: //p' "$T/out")
	web_start --behind-proxy
	curl -s -o /dev/null -H "X-Real-IP: 203.0.113.7" "$BASE/login"
	curl -s -o /dev/null -H "X-Real-IP: 2001:db8::5" "$BASE/login"
	curl -s -o /dev/null -H "X-Real-IP: <script>" "$BASE/login"
	# Twenty failed sign-ins from one address (unknown logins, so no
	# account's own limit is reached) stop that address...
	i=0
	while [ "$i" -lt 20 ]; do
		i=$((i + 1))
		curl -s -o /dev/null -H "Origin: $BASE" -H "X-Real-IP: 203.0.113.7" \
			--data-urlencode "login=nobody$i" --data-urlencode "password=wrong password" "$BASE/login"
	done
	code=$(curl -s -o "$T/page" -w '%{http_code}' -H "Origin: $BASE" -H "X-Real-IP: 203.0.113.7" \
		--data-urlencode login=ada --data-urlencode "password=$once" "$BASE/login")
	[ "$code" != 303 ] || fail "the address was not throttled"
	grep -q "Too many failed sign-ins" "$T/page" || fail "no throttle message"
	# ...but not the rest of the school behind the same proxy.
	code=$(curl -s -o /dev/null -w '%{http_code}' -H "Origin: $BASE" -H "X-Real-IP: 203.0.113.8" \
		--data-urlencode login=ada --data-urlencode "password=$once" "$BASE/login")
	[ "$code" = 303 ] || fail "another address was refused: $code"
	web_stop
	grep -q ' 203.0.113.7 GET /login 200 ' "$T/serve.err" || fail "IPv4 X-Real-IP not logged: $(cat "$T/serve.err")"
	grep -q ' 2001:db8::5 GET /login 200 ' "$T/serve.err" || fail "IPv6 X-Real-IP not logged"
	grep -q ' 127.0.0.1 GET /login 200 ' "$T/serve.err" || fail "a bad X-Real-IP was not replaced by the peer"
	! grep -q '<script>' "$T/serve.err" || fail "a bad X-Real-IP reached the log"
	[ "$(sqlite3 "$WAYMARK_DB" "SELECT count(*) FROM login_attempt WHERE address = '203.0.113.7'")" -ge 20 ] ||
		fail "the failures were not recorded against the real address"
}

test_serve_refuses_a_bad_listen_address() {
	init_school
	run serve --listen nowhere
	expect_rc 2
	expect_err_has "--listen: write it as ADDRESS:PORT, like 127.0.0.1:8080"
	run serve --listen 999.1.1.1:80
	expect_rc 1
	expect_err_has "is not an IPv4 address"
}
