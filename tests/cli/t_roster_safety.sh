# Roster imports are safe (issue 10, item 1): the mode is an explicit
# choice, a dry run names every pupil who would be new, changed or leaving,
# mass leaving needs the number typed, a full import brings back pupils
# marked as left, and a whole import can be undone from the history.

# A demo school of 200 pupils (196 of them on roll) from 1 September 2025, and a
# joiners file of five of them with one new pupil ($T/joiners.csv).
roster_school() {
	run demo --students 200 --out "$T/demo" --year 2025/26 --as-of 2025-09-01
	expect_rc 0
	run init --school "Demo Academy"
	expect_rc 0
	run import students "$T/demo/roster.csv" --whole-school --as-of 2025-09-01
	expect_rc 0
	expect_out_has '200 pupils for 2025/26: 200 new, 0 updated, 0 left, 0 unchanged'
	sed -n '3p' "$T/demo/roster.csv" >"$T/joiners.csv"
	sed -n '4,7p' "$T/demo/roster.csv" >>"$T/joiners.csv"
	printf 'P207000016049,009999,,Newman,Nia,,01/02/2014,F,7,7N,Curie,N,N,N,N,N,N,01/10/2025,06/06/2079\r\n' >>"$T/joiners.csv"
}

on_roll() {
	sql "SELECT count(*) FROM enrolment WHERE start_year = 2025 AND on_roll_to IS NULL"
}

test_roster_mode_is_required() {
	roster_school
	run import students "$T/joiners.csv" --as-of 2025-10-01
	expect_rc 2
	expect_err_has '--whole-school'
	expect_err_has '--partial'
	[ "$(on_roll)" = 196 ] || fail "pupils changed without a mode: $(on_roll) on roll"
	run import students "$T/joiners.csv" --as-of 2025-10-01 --partial --whole-school
	expect_rc 2
}

test_roster_joiners_file_partial() {
	roster_school
	run import students "$T/joiners.csv" --as-of 2025-10-01 --partial
	expect_rc 0
	expect_out_has '5 pupils for 2025/26: 1 new, 0 updated, 0 left, 4 unchanged'
	[ "$(on_roll)" = 197 ] || fail "$(on_roll) on roll, expected 197"
}

test_roster_joiners_file_whole_school_needs_the_number() {
	roster_school
	# The dry run names the pupils, by name and group.
	run import students "$T/joiners.csv" --as-of 2025-10-01 --whole-school --dry-run
	expect_rc 0
	expect_out_has '5 pupils for 2025/26: 1 new, 0 updated, 192 left, 4 unchanged'
	expect_out_has 'new: Nia Newman (Year 7, 7N)'
	[ "$(grep -c '^leaving: ' "$T/out")" = 192 ] || fail "not every leaver listed: $(cat "$T/out")"
	expect_out_has 'dry run: nothing was changed'
	expect_out_has '--confirm-leaving 192'
	# Without the number, or with a wrong one: refused, nothing changed.
	run import students "$T/joiners.csv" --as-of 2025-10-01 --whole-school
	expect_rc 1
	expect_err_has '196'
	expect_err_has '--confirm-leaving 192'
	[ "$(on_roll)" = 196 ] || fail "imported without confirmation: $(on_roll) on roll"
	run import students "$T/joiners.csv" --as-of 2025-10-01 --whole-school --confirm-leaving 195
	expect_rc 1
	[ "$(on_roll)" = 196 ] || fail "imported with a wrong number: $(on_roll) on roll"
	run import students "$T/joiners.csv" --as-of 2025-10-01 --whole-school --confirm-leaving 192
	expect_rc 0
	expect_out_has '192 left'
	[ "$(on_roll)" = 5 ] || fail "$(on_roll) on roll, expected 5"
}

test_roster_few_leavers_need_no_number() {
	roster_school
	# Three leave: under 5% of 200 and under 20.
	sed '8,10d' "$T/demo/roster.csv" >"$T/fewer.csv"
	run import students "$T/fewer.csv" --as-of 2025-10-01 --whole-school --dry-run
	expect_rc 0
	[ "$(grep -c '^leaving: ' "$T/out")" = 3 ] || fail "not three leavers listed: $(cat "$T/out")"
	expect_out_lacks '--confirm-leaving'
	# A number given must be right, even where none is needed.
	run import students "$T/fewer.csv" --as-of 2025-10-01 --whole-school --confirm-leaving 2
	expect_rc 1
	expect_err_has 'this would mark 3 of the 196 pupils on roll as left, not the number given'
	[ "$(on_roll)" = 196 ] || fail "imported with a wrong number: $(on_roll) on roll"
	run import students "$T/fewer.csv" --as-of 2025-10-01 --whole-school
	expect_rc 0
	expect_out_has '3 left'
}

test_roster_dry_run_lists_changed_fields() {
	roster_school
	# The first pupil moves tutor group.
	awk -F, 'BEGIN{OFS=","} NR==4{$10="ZZ9"} {print}' "$T/demo/roster.csv" >"$T/moved.csv"
	run import students "$T/moved.csv" --as-of 2025-10-01 --whole-school --dry-run
	expect_rc 0
	expect_out_has '0 new, 1 updated, 0 left, 199 unchanged'
	grep -q '^changed: .* (Year [0-9]*, ZZ9): tutor group$' "$T/out" || fail "no changed line: $(cat "$T/out")"
}

test_roster_full_reimport_restores_left_pupils() {
	roster_school
	# Files without a Date of Leaving column, as many MIS reports are.
	cut -d, -f1-18 "$T/demo/roster.csv" >"$T/full.csv"
	cut -d, -f1-18 "$T/joiners.csv" >"$T/five.csv"
	run import students "$T/five.csv" --as-of 2025-10-01 --whole-school --confirm-leaving 192
	expect_rc 0
	[ "$(on_roll)" = 5 ] || fail "$(on_roll) on roll, expected 5"
	run import students "$T/full.csv" --as-of 2025-10-02 --whole-school
	expect_rc 0
	expect_out_has '1 left'
	# Nia, not in the file, leaves; everyone it lists is on roll, the four
	# the first roster gave a leaving date too (this file has no such column).
	[ "$(on_roll)" = 200 ] || fail "left pupils not restored: $(on_roll) on roll, expected 200"
	expect_out_has '196 pupils marked as left are on roll again'
	[ "$(sql "SELECT coalesce(on_roll_to, '-') FROM enrolment WHERE student_id = (SELECT id FROM student WHERE upn = 'P207000016049')")" = 2025-10-01 ] || fail "Nia is still on roll"
}

test_roster_undo_an_import() {
	roster_school
	sql "SELECT s.id, s.legal_surname, e.year_group, e.tutor_group, e.on_roll_from, coalesce(e.on_roll_to, '-') FROM student s JOIN enrolment e ON e.student_id = s.id ORDER BY s.id" >"$T/before"
	run import students "$T/joiners.csv" --as-of 2025-10-01 --whole-school --confirm-leaving 192
	expect_rc 0
	run import history
	expect_rc 0
	expect_out_has 'joiners.csv'
	id=$(sql "SELECT max(id) FROM import_record")
	run import undo "$id"
	expect_rc 0
	expect_out_has "import $id undone"
	sql "SELECT s.id, s.legal_surname, e.year_group, e.tutor_group, e.on_roll_from, coalesce(e.on_roll_to, '-') FROM student s JOIN enrolment e ON e.student_id = s.id ORDER BY s.id" >"$T/after"
	diff "$T/before" "$T/after" >/dev/null || fail "not as before: $(diff "$T/before" "$T/after" | head)"
	[ "$(student_id P207000016049)" = "" ] || fail "the new pupil is still there"
	run audit
	expect_out_has 'import.undo'
	# Once only.
	run import undo "$id"
	expect_rc 1
	# The first import can be undone too: nobody is left.
	run import undo 1
	expect_rc 0
	[ "$(sql 'SELECT count(*) FROM student')" = 0 ] || fail "pupils remain"
}

test_roster_undo_only_within_the_year() {
	roster_school
	WAYMARK_TODAY=2026-09-10 run import undo 1
	expect_rc 1
	expect_err_has '2025/26'
}

# ---- the web ----

test_roster_web_mode_and_number() {
	roster_school
	web_start
	sign_in lead leader
	get lead /imports
	expect_out_has 'name="mode" type="radio" value="full" required>'
	expect_out_lacks 'checked>'
	# No mode: the form again.
	post_curl lead /imports/roster -F "csrf=$(csrf_of)" -F "file=@$T/joiners.csv;filename=joiners.csv" \
		-F year=2025/26 -F as_of=2025-10-01
	expect_status 400
	expect_out_has 'whole school or some pupils only'
	get lead /imports
	post_curl lead /imports/roster -F "csrf=$(csrf_of)" -F "file=@$T/joiners.csv;filename=joiners.csv" \
		-F year=2025/26 -F as_of=2025-10-01 -F mode=full
	expect_status 200
	expect_out_has 'Nia Newman'
	expect_out_has '7N'
	expect_out_has 'Type the number of pupils leaving'
	expect_out_lacks 'confirm-leaving'
	token=$(sed -n 's/.*name="token" value="\([0-9a-f]*\)".*/\1/p' "$T/out")
	c=$(csrf_of)
	post_curl lead /imports/confirm -d "csrf=$c" -d "token=$token" -d leaving=191
	expect_status 400
	expect_out_has '192'
	[ "$(on_roll)" = 196 ] || fail "imported with a wrong number"
	post_curl lead /imports/confirm -d "csrf=$c" -d "token=$token" -d leaving=192
	expect_status 303
	[ "$(on_roll)" = 5 ] || fail "$(on_roll) on roll, expected 5"
	# Undo from the history.
	get lead /imports
	expect_out_has 'Undo'
	id=$(sql "SELECT max(id) FROM import_record")
	post lead "/imports/$id/undo"
	expect_status 303
	header_is Location "/imports?undone=$id"
	[ "$(on_roll)" = 196 ] || fail "undo left $(on_roll) on roll"
	get lead "/imports?undone=$id"
	expect_out_has "Import $id was undone: its pupils are as they were before it."
	expect_out_has '<td>Undone</td>'
	run audit
	expect_out_has "	lead	import.undo	import	$id	joiners.csv (2025/26, "
	# Twice: refused, in words (no command-line syntax).
	post lead "/imports/$id/undo"
	expect_status 409
	expect_out_has "Nothing was undone: import $id has been undone already."
	expect_out_lacks 'waymark '
	web_stop
}

test_roster_web_undo_needs_leader_and_token() {
	roster_school
	web_start
	sign_in tutor tutor
	post tutor /imports/1/undo
	expect_status 403
	sign_in lead leader
	post_raw lead /imports/1/undo confirm=1
	expect_status 403
	[ "$(on_roll)" = 196 ] || fail "undone without a token"
	web_stop
}

test_roster_undo_newest_first_and_fields() {
	roster_school
	snapshot() {
		sql "SELECT s.id, s.legal_surname, s.updated_at, e.year_group, e.tutor_group, e.house, e.on_roll_from, coalesce(e.on_roll_to, '-') FROM student s JOIN enrolment e ON e.student_id = s.id ORDER BY s.id"
	}
	snapshot >"$T/before"
	# A tutor group change (import 2), then the joiners (import 3).
	awk -F, 'BEGIN{OFS=","} NR==4{$10="ZZ9"} {print}' "$T/demo/roster.csv" >"$T/moved.csv"
	zz9() { sql "SELECT count(*) FROM enrolment WHERE tutor_group = 'ZZ9'"; }
	run import students "$T/moved.csv" --as-of 2025-10-01 --whole-school
	expect_rc 0
	[ "$(zz9)" = 1 ] || fail "no move"
	# The joiners file lists that pupil in their old group: moved back.
	run import students "$T/joiners.csv" --as-of 2025-10-02 --partial
	expect_rc 0
	[ "$(zz9)" = 0 ] || fail "not moved back"
	# The older one first: refused, nothing changed.
	run import undo 2
	expect_rc 1
	expect_err_has '1 later roster import of the school must be undone first'
	[ "$(zz9)" = 0 ] || fail "undone anyway"
	run import undo 3
	expect_rc 0
	[ "$(zz9)" = 1 ] || fail "undoing the joiners did not put back the move"
	[ "$(student_id P207000016049)" = "" ] || fail "the new pupil is still there"
	run import undo 2
	expect_rc 0
	expect_out_has 'import 2 undone: 1 pupil as before it'
	snapshot >"$T/after"
	diff "$T/before" "$T/after" >/dev/null || fail "not as before: $(diff "$T/before" "$T/after" | head)"
	run import history
	expect_rc 0
	[ "$(grep -c '	undone$' "$T/out")" = 2 ] || fail "history: $(cat "$T/out")"
	# An unknown id is refused; one that is not a number is a usage error.
	run import undo 99
	expect_rc 1
	expect_err_has 'there is no import 99'
	run import undo x
	expect_rc 2
}
