# The binary, its database, the calendar and the programme (issue 2).

test_help_and_usage_errors() {
	run help
	expect_rc 0
	expect_out_has "init         create a database"
	expect_out_has "programme    show, check and import"
	run
	expect_rc 2
	run frobnicate
	expect_rc 2
	expect_err_has "waymark: \`waymark frobnicate\` is not a command"
	run programme --help
	expect_rc 0
	expect_out_has "check        validate programme files"
	run programme show --help
	expect_rc 0
	expect_out_has "usage: waymark programme show [--year-group N] [--format text|json]"
	run help calendar
	expect_rc 0
	expect_out_has "set-week     set a week's A/B letter by hand"
	run version
	expect_rc 0
	expect_out_has "waymark 0."
}

test_missing_database_names_the_fix() {
	run --db "$T/nothing.db" programme show
	expect_rc 1
	expect_err "waymark: no database at $T/nothing.db: run \`waymark init\`"
	# WAYMARK_DB is the default when --db is not given.
	run programme show
	expect_rc 1
	expect_err "waymark: no database at $T/waymark.db: run \`waymark init\`"
}

test_init_with_default_programme() {
	run init --school "Kingsway Academy"
	expect_rc 0
	expect_out_has "created $T/waymark.db: school \"Kingsway Academy\" (kingsway-academy), programme \"KGA Careers Programme\""
	[ -f "$T/waymark.db" ] || fail "no database file"
	ls "$T" | grep -q 'init-' && fail "temporary file left behind"
	run init
	expect_rc 1
	expect_err "waymark: $T/waymark.db already exists: use --force to replace it, or --db to choose another file"
	run init --force --school Other --programme "$FIXTURES/programmes/minimal.yaml"
	expect_rc 0
	run programme show
	expect_out_has "Minimal programme"
}

test_init_refuses_bad_programme_and_leaves_nothing() {
	printf 'format_version: 1\nname: X\nactivities: 7\n' >"$T/bad.yaml"
	run init --programme "$T/bad.yaml"
	expect_rc 1
	expect_err "$T/bad.yaml:1:1: programme: missing required key \`entitlement_bands\`
$T/bad.yaml:3:13: activities must be a list, not a single value"
	[ ! -e "$T/waymark.db" ] || fail "a database was created from a bad programme"
	ls "$T" | grep -q 'init-' && fail "temporary file left behind"
	return 0
}

test_programme_show_year_10() {
	run init
	run programme show --year-group 10
	expect_rc 0
	expect_golden programme-year-10.txt
	expect_out_has "YEAR 10"
	expect_out_lacks "YEAR 9"
	# Years 10 has activities in each strand.
	for strand in CHALLENGE ASPIRE NETWORK; do expect_out_has "  $strand"; done
	expect_out_has "Work Placement"
	expect_out_has "Careers lessons [y10-careers-lessons]"
	expect_out_has "all pupils; 5 sessions; careers lesson"
	run programme show --year-group 14
	expect_rc 2
	expect_err_has "--year-group: \"14\" is not a year group from 7 to 13"
}

test_programme_json_has_every_field_and_reads_back() {
	run init
	run programme show --year-group 10 --format json
	expect_rc 0
	for key in '"id"' '"name"' '"year_groups"' '"strand"' '"cohort"' '"sessions"' \
		'"benchmarks"' '"kind"' '"encounters"' '"provider_access"' '"timing"' \
		'"entitlement_bands"' '"aims"'; do
		expect_out_has "$key"
	done
	expect_out_has '"provider_access": true'
	cp "$T/out" "$T/y10.json"
	run programme check "$T/y10.json"
	expect_rc 0
	expect_out "$T/y10.json: ok, 15 activities"
	run programme export --output "$T/all.json"
	expect_rc 0
	run programme check "$T/all.json"
	expect_rc 0
	expect_out "$T/all.json: ok, 86 activities"
}

test_programme_check_reports_every_problem() {
	cat >"$T/p.yaml" <<'YAML'
format_version: 1
name: Broken
entitlement_bands:
  - {year_groups: [7], floor: 76}
activities:
  - id: a
    name: A
    year_groups: [7]
    strand: aspire
    cohort: all
    kind: assembly
    benchmarks: [9]
    timing: {before: fair, bogus: 1}
  - id: a
    name: B
    year_groups: [7]
    strand: network
    cohort: all
    kind: assembly
YAML
	run programme check "$T/p.yaml" "$FIXTURES/programmes/minimal.yaml"
	expect_rc 1
	expect_err "$T/p.yaml:12:18: activity a: benchmarks must be a whole number from 1 to 8, not \"9\"
$T/p.yaml:13:28: activity a: timing: unknown key \`bogus\` (expected one of: terms, months, part, weekday, week, occurrence, recurs, consecutive, slot, before, after, before_week_leading_up_to, before_activity, note)"
	expect_out "$FIXTURES/programmes/minimal.yaml: ok, 2 activities"
	# No database was needed or made.
	[ ! -e "$T/waymark.db" ] || fail "check created a database"
	sed -i 's/\[9\]/[5]/; s/, bogus: 1//' "$T/p.yaml"
	run programme check "$T/p.yaml"
	expect_rc 1
	expect_err "$T/p.yaml:6:5: activity a: timing \`before: fair\` names a date the programme does not declare: add \`fair\` under \`dates\`
$T/p.yaml:14:5: duplicate activity id a (first defined at line 6): ids must be unique"
}

test_programme_import_keeps_ids_and_counts() {
	init_school
	cp "$FIXTURES/programmes/minimal.yaml" "$T/p.yaml"
	cat >>"$T/p.yaml" <<'YAML'
  - id: insights
    name: Careers Insights
    year_groups: [7, 8, 9]
    strand: network
    cohort: invited
    kind: employer-encounter
YAML
	run programme import "$T/p.yaml"
	expect_rc 0
	expect_out "imported $T/p.yaml: 3 activities (1 new, 2 kept, 0 retired, 0 removed)"
	run programme import "$FIXTURES/programmes/minimal.yaml"
	expect_out "imported $FIXTURES/programmes/minimal.yaml: 2 activities (0 new, 2 kept, 0 retired, 1 removed)"
	printf 'format_version: 1\n' >"$T/bad.yaml"
	run programme import "$T/bad.yaml"
	expect_rc 1
	run programme show
	expect_out_has "Minimal programme"
	run audit
	expect_out_has "programme.import"
}

test_calendar_template_import_show() {
	run init --programme "$FIXTURES/programmes/minimal.yaml"
	run calendar show --year 2025/26
	expect_rc 1
	expect_err_has "no calendar for 2025/26"
	run calendar template --year 2025/26 --output "$T/cal.yaml"
	expect_rc 0
	run calendar import "$T/cal.yaml"
	expect_rc 0
	expect_out "imported $T/cal.yaml: calendar 2025/26, 3 terms, 4 closures, 0 named dates, 39 school weeks"
	expect_err "$T/cal.yaml: warning: no date for careers-fair (The careers fair): timing rules that use it cannot be checked until it is set"
	run calendar set-date careers-fair 2025-10-16 --year 2025/26
	expect_rc 0
	expect_out "careers-fair is 2025-10-16 (Thursday)"
	# A named date is checked with the whole calendar, and a year with no
	# calendar is named, both through the calendar action.
	run calendar set-date careers-fair 2027-01-01 --year 2025/26
	expect_rc 1
	expect_err_has "2027-01-01"
	run calendar set-date careers-fair 2026-10-16 --year 2026/27
	expect_rc 1
	expect_err_has "no calendar for 2026/27"
	run calendar show --year 2025/26
	expect_rc 0
	expect_golden calendar-2025-26.txt
	# With no --year, the academic year of today (pinned to 2025-11-10).
	run calendar show
	expect_rc 0
	expect_out_has "Calendar 2025/26"
	run calendar day 2025-10-29
	expect_out "2025-10-29 Wednesday: term 1 (Autumn term), not a school day"
	run calendar day 2025-10-16
	expect_out "2025-10-16 Thursday: term 1 (Autumn term), week A, a school day, careers-fair"
	run calendar day 2026-01-05
	expect_out "2026-01-05 Monday: term 2 (Spring term), week B, a school day"
}

test_calendar_set_week_reflows() {
	init_school
	run calendar set-week 2026-01-07 A --year 2025/26
	expect_rc 0
	expect_out "week of 2026-01-05 is now week A; later weeks follow from it"
	run calendar day 2026-01-12
	expect_out "2026-01-12 Monday: term 2 (Spring term), week B, a school day"
	run calendar set-week 2025-12-25 A --year 2025/26
	expect_rc 1
	expect_err "waymark: The week of 2025-12-25 has no school days in the 2025/26 calendar."
	run calendar set-week 2026-01-07 C --year 2025/26
	expect_rc 2
	# The hand edit survives an export and re-import.
	run calendar export --year 2025/26 --output "$T/again.yaml"
	grep -q '2026-01-05: A' "$T/again.yaml" || fail "export lost the hand-set week"
	run calendar import "$T/again.yaml"
	expect_rc 0
	run calendar day 2026-01-12
	expect_out "2026-01-12 Monday: term 2 (Spring term), week B, a school day"
}

test_bad_calendar_changes_nothing() {
	init_school
	cat >"$T/bad.yaml" <<'YAML'
format_version: 1
academic_year: 2025/26
terms:
  - {label: Autumn, start: 2025-09-03, end: 2025-12-19}
  - {label: Spring, start: 2025-12-01, end: 2026-03-27}
YAML
	run calendar import "$T/bad.yaml"
	expect_rc 1
	expect_err "$T/bad.yaml:5:5: term 2 starts on 2025-12-01, before term 1 ends (2025-12-19)"
	run calendar show --year 2025/26
	expect_out_has "Term 3  Summer term"
	printf '\0\1\2' >"$T/binary.yaml"
	run calendar import "$T/binary.yaml"
	expect_rc 1
	expect_err "$T/binary.yaml:1:1: the file contains a NUL byte: it is not a text file"
}

test_six_term_template() {
	run calendar template --year 2026/27 --terms 6
	expect_rc 0
	expect_out_has 'label: "Autumn 2"'
	expect_out_has 'label: "Summer 2"'
	run calendar template --terms 4
	expect_rc 2
	expect_err_has "--terms: must be 3 or 6"
}

test_audit_and_schema() {
	init_school
	run audit
	expect_rc 0
	expect_out_has "school.create	school	test-school	Test School"
	expect_out_has "calendar.set-date	academic_year	2025/26	careers-fair=2025-10-16"
	run schema
	expect_rc 0
	expect_out_has "-- schema version "
	expect_out_has "CREATE TABLE activity ("
}

# help reaches any command by its words; an unknown school is named with the
# ones there are.
test_help_by_path_and_unknown_school() {
	run help report benchmarks
	expect_rc 0
	expect_out_has "usage: waymark report benchmarks "
	run help help
	expect_rc 0
	expect_out_has "usage: waymark COMMAND [ARGS]"
	run help report nothing
	expect_rc 2
	expect_err "waymark: \`waymark report\` has no command \"nothing\""
	init_school
	run --school elsewhere audit
	expect_rc 1
	expect_err_has "no school \"elsewhere\" in $WAYMARK_DB: --school takes one of test-school"
}

test_help_lists_the_commands() {
	run --help
	expect_rc 0
	expect_out_has "usage: waymark [--db PATH] [--school SLUG] COMMAND [ARGS]"
	expect_out_has "  event        schedule, change, cancel and list events"
	expect_out_has "Run \`waymark COMMAND --help\` for a command's options."
	run
	expect_rc 2
	expect_err_has "  import       import rosters, registers"
}
