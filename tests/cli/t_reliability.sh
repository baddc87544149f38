# A real school day (issue 9): forms applied once however often they are
# sent, a tutor who sees exactly their current pupils, sign-in that cannot be
# replayed, redirected elsewhere or used to lock someone out, and text that
# stays within its documented limits. The small school of lib.sh's
# web_school, served on a free loopback port and driven with curl.

# The register form's once key, from the page last fetched.
key_of() {
	sed -n 's/.*name="key" value="\([0-9a-f]*\)".*/\1/p' "$T/out" | head -n 1
}

test_reliability_register_sent_twice_is_saved_once() {
	web_school
	web_start
	sign_in lead leader
	adeyemi=$(student_id $ADEYEMI)
	brown=$(student_id $BROWN)
	get lead /events/1/register
	key=$(key_of)
	[ ${#key} = 32 ] || fail "the register form has no once key: '$key'"
	post lead /events/1/register "key=$key" "m$adeyemi=present" "m$brown=absent"
	expect_status 303
	first=$location
	# The phone sends it again (a double tap, or a retry after losing the
	# network), even with different marks: applied once, answered as saved.
	post lead /events/1/register "key=$key" "m$adeyemi=absent" "m$brown=absent"
	expect_status 303
	[ "$location" = "$first" ] || fail "the repeat went to $location, not $first"
	[ "$(mark_of $ADEYEMI 1)" = present ] || fail "the repeat was applied: $(mark_of $ADEYEMI 1)"
	[ "$(sql "SELECT count(*) FROM audit WHERE action = 'register.save'")" = 1 ] ||
		fail "the repeat was audited again"
	# A new page is a new key: saved again.
	get lead /events/1/register
	[ "$(key_of)" != "$key" ] || fail "the key did not change"
	post lead /events/1/register "key=$(key_of)" "m$adeyemi=absent"
	expect_status 303
	[ "$(mark_of $ADEYEMI 1)" = absent ] || fail "the second form was not applied"
	# Another user's key is refused, not taken as theirs.
	sign_in ann leader
	post ann /events/1/register "key=$key" "m$adeyemi=excused"
	expect_status 400
	[ "$(mark_of $ADEYEMI 1)" = absent ] || fail "another user's key was applied"
	web_stop
}

# totp HEXKEY: the six-digit code of now (RFC 6238, SHA-1, 30-second
# steps), with openssl, so that a test can sign in as an authenticator
# app would.
totp() {
	counter=$(printf '%016x' $(($(date +%s) / 30)))
	bytes=
	for i in 0 2 4 6 8 10 12 14; do
		bytes="$bytes\\0$(printf '%03o' "0x$(echo "$counter" | cut -c$((i + 1))-$((i + 2)))")"
	done
	mac=$(printf "%b" "$bytes" | openssl dgst -sha1 -mac HMAC -macopt "hexkey:$1" | sed 's/.*= //')
	offset=$((0x$(echo "$mac" | cut -c40) * 2))
	word=$((0x$(echo "$mac" | cut -c$((offset + 1))-$((offset + 8))) & 0x7fffffff))
	printf '%06d' $((word % 1000000))
}

# RFC 6238's key "12345678901234567890": hex for totp, base32 for Waymark.
KEY_HEX=3132333435363738393031323334353637383930
KEY_BASE32=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ

test_reliability_second_factor_code_is_accepted_once() {
	web_school
	web_start
	sign_in ann leader
	sql "UPDATE user SET totp_secret = '$KEY_BASE32', totp_enabled = 1 WHERE login = 'ann'"
	code=$(totp $KEY_HEX)
	post_raw first /login login=ann "password=a long password for ann"
	expect_status 303
	[ "$location" = "$BASE/login/code" ] || fail "went to $location"
	get first /login/code
	post_raw first /login/code "csrf=$(csrf_of)" "code=$code"
	expect_status 303
	[ "$location" = "$BASE/dashboard" ] || fail "the right code went to $location"
	# Someone who saw the code (over a shoulder, or in a proxy's log) signs
	# in with the password within the same 30 seconds: refused.
	post_raw second /login login=ann "password=a long password for ann"
	expect_status 303
	get second /login/code
	post_raw second /login/code "csrf=$(csrf_of)" "code=$code"
	expect_status 401
	expect_out_has 'That code has been used already'
	expect_out_has 'name="code"'
	get second /dashboard
	[ "$location" = "$BASE/login/code" ] || fail "a replayed code signed in: $status $location"
	# A wrong code says so beside the form, not on a bare page.
	get second /login/code
	post_raw second /login/code "csrf=$(csrf_of)" "code=000000"
	expect_status 401
	expect_out_has 'That code is not right'
	expect_out_has 'aria-invalid="true"'
	web_stop
}

test_reliability_reset_lifts_the_lock() {
	web_school
	web_start
	sign_in ann leader
	for i in 1 2 3 4 5; do
		post_raw other /login login=ann password=wrong
		expect_status 401
	done
	# Locked from this address, even with the right password.
	post_raw other /login login=ann "password=a long password for ann"
	expect_status 429
	# A locked attempt writes nothing.
	attempts=$(sql "SELECT count(*) FROM login_attempt")
	post_raw other /login login=ann password=wrong
	expect_status 429
	[ "$(sql "SELECT count(*) FROM login_attempt")" = "$attempts" ] || fail "a locked attempt was stored"
	run user reset ann
	expect_rc 0
	once=$(sed -n 's/^ann: one-time password: //p' "$T/out")
	post_raw other /login login=ann "password=$once"
	expect_status 303
	[ "$location" = "$BASE/account/password" ] || fail "after the reset: $location"
	web_stop
}

test_reliability_nobody_locks_a_known_account_out() {
	web_school
	web_start --quiet --behind-proxy
	sign_in ann leader
	# Someone tries ann's account from 25 machines.
	for i in $(seq 1 25); do
		post_curl attacker /login -H "X-Real-IP: 10.0.0.$i" --data "login=ann&password=wrong"
		expect_status 401
	done
	# Each of them now gets one try in fifteen minutes...
	post_curl attacker /login -H "X-Real-IP: 10.0.0.3" --data "login=ann&password=wrong"
	expect_status 429
	# ...and ann, at her own computer, still signs in.
	post_curl ann2 /login -H "X-Real-IP: 10.0.9.9" --data "login=ann&password=a+long+password+for+ann"
	expect_status 303
	[ "$location" = "$BASE/dashboard" ] || fail "ann went to $location"
	web_stop
}

test_reliability_next_goes_only_to_this_site() {
	web_school
	web_start
	sign_in ann leader
	for next in '/%09/evil.example' '//evil.example' '/%5cevil.example' '%0a//evil.example' \
		'https://evil.example/' '/%0d%0a/evil.example'; do
		web_request anon "/login?next=$next"
		expect_status 200
		expect_out_has 'name="next" value="/dashboard"'
		post_curl fresh /login --data "login=ann&password=a+long+password+for+ann&next=$next"
		expect_status 303
		[ "$location" = "$BASE/dashboard" ] || fail "next=$next went to $location"
	done
	post_curl fresh /login --data "login=ann&password=a+long+password+for+ann&next=/events%3fterm%3d1"
	expect_status 303
	[ "$location" = "$BASE/events?term=1" ] || fail "a local next went to $location"
	web_stop
}

test_reliability_sign_in_attempts_are_bounded() {
	web_school
	web_start
	long=$(head -c 10000 /dev/zero | tr '\0' 'x')
	post_raw flood /login "login=é$long" password=wrong
	expect_status 401
	[ "$(sql "SELECT max(length(CAST(login AS BLOB))) FROM login_attempt")" -le 64 ] ||
		fail "a failed attempt kept $(sql "SELECT max(length(CAST(login AS BLOB))) FROM login_attempt") bytes of the login"
	[ "$(sql "SELECT max(length(CAST(actor AS BLOB)) + length(CAST(entity_key AS BLOB))) FROM audit WHERE action = 'login.failure'")" -le 128 ] ||
		fail "the audit log kept the whole login"
	# Whole characters: "é" is two bytes, so 63 bytes of "éxxx..." stay.
	[ "$(sql "SELECT length(CAST(login AS BLOB)) FROM login_attempt")" = 64 ] || fail "cut at the wrong place"
	# Old attempts and all but the newest 100,000 go.
	now=$(date +%s)
	sql "INSERT INTO login_attempt (login, address, at, success)
	     WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100010)
	     SELECT 'bulk', '10.1.1.1', $now - 100, 0 FROM n;
	     INSERT INTO login_attempt (login, address, at, success) VALUES ('old', '10.1.1.2', $now - 31 * 86400, 0)"
	post_raw flood /login login=someone password=wrong
	expect_status 401
	[ "$(sql "SELECT count(*) FROM login_attempt WHERE login = 'old'")" = 0 ] || fail "a month-old attempt was kept"
	[ "$(sql "SELECT count(*) FROM login_attempt")" -le 100000 ] ||
		fail "$(sql "SELECT count(*) FROM login_attempt") attempts kept"
	web_stop
}

test_reliability_tutor_sees_exactly_their_current_pupils() {
	web_school
	# Last year (2024/25) Siân Jones (8A now) was in 7A and Seán O'Brien
	# (8B now) in 7B; a Year 7 event of last year has both on its register.
	jones=$(student_id $JONES)
	obrien=$(student_id H801200005005)
	sql "INSERT INTO enrolment (student_id, start_year, year_group, tutor_group, on_roll_from)
	     VALUES ($jones, 2024, 7, '7A', '2024-09-02'), ($obrien, 2024, 7, '7B', '2024-09-02')"
	run event add fair-prep --date 2025-03-10 --year-group 7 --title "Last year's fair preparation"
	expect_rc 0
	old=$(cat "$T/out")
	web_start
	# The tutor of 7A now: last year's 7A are not her pupils.
	sign_in amy tutor --scope 7A
	get amy "/events/$old/register"
	expect_status 200
	expect_out_lacks 'Jones'
	expect_out_lacks "O'Brien"
	post amy "/events/$old/register" "m$jones=absent"
	expect_status 403
	[ "$(mark_of $JONES "$old")" = none ] || fail "a tutor marked a pupil of another tutor's group"
	get amy "/pupils?q=jones"
	expect_out_has 'No pupils match.'
	get amy "/pupils/$JONES"
	expect_status 404
	# The tutor of 8A now sees and marks his pupil on her old register, and
	# only her.
	sign_in tom tutor --scope 8A
	get tom "/events/$old/register"
	expect_status 200
	expect_out_has 'Jones, Siân'
	expect_out_lacks "O'Brien"
	post tom "/events/$old/register" "m$jones=present" "m$obrien=present"
	expect_status 303
	[ "$(mark_of $JONES "$old") $(mark_of H801200005005 "$old")" = "present none" ] ||
		fail "marks: $(mark_of $JONES "$old") $(mark_of H801200005005 "$old")"
	get tom "/events?year=2024/25"
	expect_status 200
	expect_out_has "href=\"/events/$old/register\""
	# A pupil who has left is no longer anyone's.
	sql "UPDATE enrolment SET on_roll_to = '2025-10-01' WHERE student_id = $jones AND start_year = 2025"
	get tom "/pupils/$JONES"
	expect_status 404
	web_stop
}

test_reliability_guidance_notes_follow_the_account_not_the_name() {
	web_school
	web_start
	sign_in jo adviser --name "Jo Okafor"
	post jo "/pupils/$ADEYEMI/guidance" date=2025-11-03 level=6 external=yes \
		"notes=Wants to be a vet: sixth form biology."
	expect_status 303
	[ "$(sql "SELECT adviser_user_id = (SELECT id FROM user WHERE login = 'jo') FROM guidance_meeting")" = 1 ] ||
		fail "the meeting does not point at Jo's account"
	# Jo marries and her name changes: her notes are still hers, shown by
	# her name now.
	run user set jo --name "Jo Adams"
	expect_rc 0
	get jo "/pupils/$ADEYEMI/guidance"
	expect_out_has 'Wants to be a vet'
	expect_out_has 'with Jo Adams'
	# Another adviser taking Jo's old name reads nothing of hers.
	sign_in sam adviser --name "Sam Other"
	run user set sam --name "Jo Okafor"
	expect_rc 0
	get sam "/pupils/$ADEYEMI/guidance"
	expect_status 200
	expect_out_lacks 'Wants to be a vet'
	# A name longer than the limit is refused, whole, with the limit named.
	sign_in lead leader
	long=$(printf 'Ł%.0s' $(seq 1 101))
	post lead "/pupils/$ADEYEMI/guidance" date=2025-11-04 level=6 "adviser=$long" notes=
	expect_status 400
	expect_out_has '100 characters or fewer'
	# Exactly 100 characters (200 bytes of "Ł") fit.
	post lead "/pupils/$ADEYEMI/guidance" date=2025-11-04 level=6 "adviser=${long#Ł}" notes=
	expect_status 303
	[ "$(sql "SELECT length(adviser) FROM guidance_meeting WHERE date = '2025-11-04'")" = 100 ] ||
		fail "the name was not kept whole"
	web_stop
}

test_reliability_names_and_titles_have_limits() {
	init_school
	name101=$(printf 'é%.0s' $(seq 1 101))
	run user add jo --role adviser --name "$name101"
	expect_rc 2
	expect_err_has '--name is longer than 100 characters'
	run user add jo --role adviser --name "${name101#é}"
	expect_rc 0
	run event add fair-prep --date 2025-09-08 --title "$(printf 'x%.0s' $(seq 1 201))"
	expect_rc 2
	expect_err_has '--title is longer than 200 characters'
	run org add "$(printf 'x%.0s' $(seq 1 201))" --kind employer
	expect_rc 2
	expect_err_has 'the name is longer than 200 characters'
	run user add "$(printf 'x%.0s' $(seq 1 61))" --role tutor
	expect_rc 2
	run user add "jo o" --role tutor
	expect_rc 2
	expect_err_has 'the login must be 2 to 60 letters, digits and . _ - @'
}
