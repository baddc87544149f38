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
