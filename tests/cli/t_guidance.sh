# Personal guidance meetings (issue 10, item 4): recorded, changed and
# deleted from the command line and the browser alike, through one action
# (src/action/guidance_action.c), each change in the audit log; an adviser
# works only with their own meetings, a tutor with none.

# A meeting as the database holds it, without its id and time of writing.
meeting_row() {
	sql "SELECT student_id, date, adviser, coalesce(adviser_user_id, ''), external, level,
		follow_up, coalesce(notes, ''), coalesce(agreed_actions, ''),
		coalesce(next_meeting, ''), coalesce(adviser_organisation, '')
		FROM guidance_meeting WHERE id = $1"
}

# The audit entry of ACTION for meeting number N (1 the first written).
audit_of() {
	sql "SELECT entity || ' ' || entity_key || ' ' || detail FROM audit WHERE action = '$1'
		ORDER BY id LIMIT 1 OFFSET $(($2 - 1))"
}

test_guidance_cli_and_web_make_the_same_change() {
	web_school
	web_start
	sign_in jo adviser --name "Jo Okafor"
	jo=$(sql "SELECT id FROM user WHERE login = 'jo'")
	sign_in lead leader
	# An external adviser without an account.
	run guidance add "$ADEYEMI" --date 2025-11-03 --adviser "Pat Visitor" --external \
		--adviser-organisation "Careers Co" --level 7 --follow-up --notes "Wants to be a vet." \
		--actions "Visit the sixth form open evening." --next-meeting 2026-01-12
	expect_rc 0
	expect_out "$ADEYEMI: guidance meeting on 2025-11-03 with Pat Visitor of Careers Co (external adviser, Level 7, follow-up, next meeting 2026-01-12)"
	post lead "/pupils/$ADEYEMI/guidance" date=2025-11-03 adviser=external "external_name=Pat Visitor" \
		"external_organisation=Careers Co" level=7 follow_up=yes "notes=Wants to be a vet." \
		"actions=Visit the sixth form open evening." next_meeting=2026-01-12
	expect_status 303
	header_is Location "/pupils/$ADEYEMI/guidance?done=added#meetings"
	# A member of staff with an account: named on the command line, picked
	# from the list in the browser.
	run guidance add "$ADEYEMI" --date 2025-11-04 --adviser "Jo Okafor" --external --level 6
	expect_rc 0
	post lead "/pupils/$ADEYEMI/guidance" date=2025-11-04 "adviser=$jo" external=yes level=6 notes= actions= next_meeting=
	expect_status 303
	[ "$(sql 'SELECT count(*) FROM guidance_meeting')" = 4 ] || fail "not four meetings"
	[ "$(meeting_row 1)" = "$(meeting_row 2)" ] || fail "the command line made $(meeting_row 1), the browser $(meeting_row 2)"
	[ "$(meeting_row 3)" = "$(meeting_row 4)" ] || fail "the command line made $(meeting_row 3), the browser $(meeting_row 4)"
	[ "$(sql 'SELECT adviser_user_id FROM guidance_meeting WHERE id = 3')" = "$jo" ] || fail "not Jo's meeting"
	for n in 1 3; do
		cli=$(audit_of guidance.add "$n")
		web=$(audit_of guidance.add $((n + 1)))
		[ -n "$cli" ] && [ "$cli" = "$web" ] || fail "guidance.add: the command line recorded $cli, the browser $web"
	done
	[ "$(audit_of guidance.add 1)" = 'student K886400111001 {"after":{"date":"2025-11-03","adviser":"Pat Visitor","external":true,"level":7,"follow_up":true,"notes_characters":18,"adviser_organisation":"Careers Co","agreed_actions_characters":34,"next_meeting":"2026-01-12"}}' ] ||
		fail "audit: $(audit_of guidance.add 1)"

	# The same change both ways.
	run guidance change 1 --level 6 --no-follow-up --actions "" --next-meeting none --notes "Vet school."
	expect_rc 0
	expect_out "guidance meeting 1 changed"
	get lead "/pupils/$ADEYEMI/guidance/2"
	expect_status 200
	expect_out_has 'value="2026-01-12"'
	expect_out_has 'Visit the sixth form open evening.</textarea>'
	post lead "/pupils/$ADEYEMI/guidance/2" date=2025-11-03 adviser=external "external_name=Pat Visitor" \
		"external_organisation=Careers Co" level=6 "notes=Vet school." actions= next_meeting=
	expect_status 303
	header_is Location "/pupils/$ADEYEMI/guidance?done=changed#meetings"
	[ "$(meeting_row 1)" = "$(meeting_row 2)" ] || fail "changed: the command line made $(meeting_row 1), the browser $(meeting_row 2)"
	cli=$(audit_of guidance.change 1)
	web=$(audit_of guidance.change 2)
	[ -n "$cli" ] && [ "$cli" = "$web" ] || fail "guidance.change: the command line recorded $cli, the browser $web"
	case "$cli" in *'"before":{'*'"level":7'*'"after":{'*'"level":6'*) ;; *) fail "change audit: $cli" ;; esac

	# And the same deletion.
	run guidance delete 1
	expect_rc 0
	expect_out "guidance meeting 1 deleted"
	post lead "/pupils/$ADEYEMI/guidance/2/delete" confirm=yes
	expect_status 303
	header_is Location "/pupils/$ADEYEMI/guidance?done=deleted#meetings"
	[ "$(sql 'SELECT count(*) FROM guidance_meeting WHERE id IN (1, 2)')" = 0 ] || fail "not deleted"
	cli=$(audit_of guidance.delete 1)
	web=$(audit_of guidance.delete 2)
	[ -n "$cli" ] && [ "$cli" = "$web" ] || fail "guidance.delete: the command line recorded $cli, the browser $web"
	web_stop
}

test_guidance_change_delete_and_list_from_the_command_line() {
	init_school
	run import students "$FIXTURES/rosters/sims.csv" --whole-school --as-of 2025-09-01
	run guidance add Y207000016008 --date 2025-10-01 --adviser "Jo Okafor" --external
	expect_rc 0
	run guidance change 1 --date 2025-10-02 --adviser-organisation "Careers Co" --actions "Apply to college." --next-meeting 2025-12-01
	expect_rc 0
	expect_out "guidance meeting 1 changed"
	run guidance list
	expect_rc 0
	expect_out_has "1     2025-10-02 11   11C    José Da Silva (Y207000016008)        Jo Okafor                external adviser 6
                 adviser from Careers Co; actions agreed; next meeting 2025-12-01
"
	# The pupil's record shows what was agreed and when next, never notes.
	run guidance change 1 --notes "Private words."
	expect_rc 0
	run report student Y207000016008 --as-of 2025-11-10
	expect_rc 0
	expect_out_has "guidance meeting with the careers adviser (level 6)
                agreed actions: Apply to college.
                next meeting: 2025-12-01"
	expect_out_lacks "Private words"
	# No longer external: the organisation goes with it.
	run guidance change 1 --no-external
	expect_rc 0
	[ "$(sql "SELECT external || '|' || coalesce(adviser_organisation, 'none') FROM guidance_meeting")" = "0|none" ] ||
		fail "$(sql 'SELECT external, adviser_organisation FROM guidance_meeting')"
	run guidance change 7
	expect_rc 1
	expect_err "waymark: no guidance meeting 7: \`waymark guidance list\` shows the ids"
	run guidance delete x
	expect_rc 2
	run guidance delete 1
	expect_rc 0
	[ "$(sql 'SELECT count(*) FROM guidance_meeting')" = 0 ] || fail "not deleted"
	run audit
	expect_out_has "guidance.change	student	Y207000016008	"
	expect_out_has "guidance.delete	student	Y207000016008	"
}

test_guidance_refuses_what_cannot_be_right() {
	web_school
	# Today is 2025-11-10 (the runner pins it).
	run guidance add "$ADEYEMI" --date 2025-11-11 --adviser "Jo Okafor"
	expect_rc 1
	expect_err "waymark: --date: Record a meeting once it has happened: the date is in the future."
	run guidance add "$ADEYEMI" --date 2025-11-03 --adviser "Jo Okafor" --next-meeting 2025-11-01
	expect_rc 1
	expect_err "waymark: --next-meeting: The next meeting must be after this one."
	run guidance add "$ADEYEMI" --date 2025-11-03 --adviser "Jo Okafor" --adviser-organisation "Careers Co"
	expect_rc 1
	expect_err "waymark: --adviser-organisation: Give an organisation only for an external adviser."
	run guidance add "$ADEYEMI" --date 2025-11-03 --adviser "Jo Okafor" --next-meeting someday
	expect_rc 2
	run guidance add "$ADEYEMI" --date 2025-11-03 --adviser "Jo Okafor" --actions "$(head -c 4001 /dev/zero | tr '\0' a)"
	expect_rc 1
	expect_err_has "waymark: --actions: Keep the agreed actions to text of up to 4000 characters."
	run guidance add "$ADEYEMI" --date 2025-11-03 --adviser "Jo Okafor"
	expect_rc 0
	run guidance change 1 --next-meeting 2025-11-02
	expect_rc 1
	expect_err "waymark: --next-meeting: The next meeting must be after this one."
	web_start
	sign_in lead leader
	post lead "/pupils/$ADEYEMI/guidance" date=2025-11-11 adviser=external "external_name=Pat" level=6
	expect_status 400
	expect_out_has 'the date is in the future'
	post lead "/pupils/$ADEYEMI/guidance" date=2025-11-03 adviser=external "external_name=Pat" level=6 next_meeting=2025-11-02
	expect_status 400
	expect_out_has '<span class="visually-hidden">Error: </span>The next meeting must be after this one.</span>'
	expect_out_has 'id="next_meeting" name="next_meeting" type="date" class="short" value="2025-11-02" aria-invalid="true"'
	post lead "/pupils/$ADEYEMI/guidance" date=2025-11-03 adviser=external external_name= level=6 next_meeting=soon
	expect_status 400
	expect_out_has 'href="#external_name"'
	expect_out_has 'href="#next_meeting"'
	post lead "/pupils/$ADEYEMI/guidance/1" date=2025-11-03 adviser=external "external_name=Pat" level=6 next_meeting=2025-11-01
	expect_status 400
	web_stop
	[ "$(sql 'SELECT count(*) FROM guidance_meeting')" = 1 ] || fail "a refused meeting was written"
	[ "$(meeting_row 1 | cut -d'|' -f3,10)" = "Jo Okafor|" ] || fail "a refused change was written: $(meeting_row 1)"
	[ "$(sql "SELECT count(*) FROM audit WHERE action LIKE 'guidance.%'")" = 1 ] || fail "refusals were audited"
}

test_guidance_an_adviser_only_their_own_a_tutor_none() {
	web_school
	web_start
	sign_in jo adviser --name "Jo Okafor"
	sign_in sam adviser --name "Sam Other"
	sign_in tom tutor --scope 7A
	post jo "/pupils/$ADEYEMI/guidance" date=2025-11-03 level=6 external=yes \
		"notes=<b>Wants</b> to be a vet." "actions=Visit <i>the</i> sixth form." next_meeting=2026-01-12
	expect_status 303
	# A tutor records and deletes nothing.
	post tom "/pupils/$ADEYEMI/guidance" date=2025-11-04 level=6 notes=x
	expect_status 403
	post tom "/pupils/$ADEYEMI/guidance/1/delete" confirm=yes
	expect_status 403
	# Another adviser sees the meeting but may not change or delete it.
	get sam "/pupils/$ADEYEMI/guidance"
	expect_status 200
	expect_out_lacks "/guidance/1"
	expect_out_has 'Visit &lt;i&gt;the&lt;/i&gt; sixth form.'
	get sam "/pupils/$ADEYEMI/guidance/1"
	expect_status 403
	post sam "/pupils/$ADEYEMI/guidance/1" date=2025-11-03 level=7
	expect_status 403
	post sam "/pupils/$ADEYEMI/guidance/1/delete" confirm=yes
	expect_status 403
	[ "$(sql "SELECT count(*) || '|' || max(level) FROM guidance_meeting")" = "1|6" ] || fail "another adviser changed it"
	# Jo may: the edit page has her notes, escaped.
	get jo "/pupils/$ADEYEMI/guidance/1"
	expect_status 200
	expect_out_has '&lt;b&gt;Wants&lt;/b&gt; to be a vet.</textarea>'
	expect_out_lacks '<b>Wants'
	# A meeting of another pupil is not found under this one.
	get jo "/pupils/$NOWAK/guidance/1"
	expect_status 404
	# The pupil's record shows what was agreed and when next, to a tutor
	# too, never the notes.
	get tom "/pupils/$ADEYEMI"
	expect_status 200
	expect_out_has 'Agreed actions:</span> Visit &lt;i&gt;the&lt;/i&gt; sixth form.'
	expect_out_has 'Next meeting:</span> <time datetime="2026-01-12">'
	expect_out_lacks 'Wants'
	# Deleting asks once more.
	post jo "/pupils/$ADEYEMI/guidance/1/delete"
	expect_status 200
	expect_out_has 'Delete the meeting</button>'
	[ "$(sql 'SELECT count(*) FROM guidance_meeting')" = 1 ] || fail "deleted without confirmation"
	post jo "/pupils/$ADEYEMI/guidance/1/delete" confirm=yes
	expect_status 303
	[ "$(sql 'SELECT count(*) FROM guidance_meeting')" = 0 ] || fail "not deleted"
	[ "$(sql "SELECT actor FROM audit WHERE action = 'guidance.delete'")" = jo ] || fail "delete not audited as Jo's"
	web_stop
}
