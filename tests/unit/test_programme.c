/* The programme file: parsing, every kind of error with its exact message,
 * JSON round trip, and the rules across activities. */
#include "unit.h"

#include "domain/programme.h"
#include "io/programme_file.h"

static const char header[] =
	"format_version: 1\n"
	"name: Test programme\n"
	"entitlement_bands:\n"
	"  - {year_groups: [7, 8, 9, 10, 11], floor: 76, ceiling: 99}\n"
	"  - {year_groups: [12, 13], floor: 76, ceiling: 100}\n"
	"dates:\n"
	"  careers-fair: The careers fair\n"
	"activities:\n";
/* header is 8 lines: the first activity starts on line 9. */

static char *with_header(const char *activities)
{
	struct buf b = BUF_INIT;
	buf_puts(&b, header);
	buf_puts(&b, activities);
	return buf_detach(&b);
}

static void expect_errors(const char *activities, const char *expected)
{
	char *text = with_header(activities);
	struct programme p;
	struct diag_list diags;
	diag_init(&diags, "p.yaml");
	assert_false(programme_parse(text, strlen(text), &p, &diags));
	assert_diags(&diags, expected);
	diag_free(&diags);
	programme_free(&p);
	free(text);
}

static void test_valid_programme(void **state)
{
	(void)state;
	size_t len;
	char *text = read_fixture("tests/fixtures/programmes/minimal.yaml", &len);
	struct programme p;
	struct diag_list diags;
	diag_init(&diags, "minimal.yaml");
	assert_true(programme_parse(text, len, &p, &diags));
	assert_int_equal(diags.count, 0);
	assert_string_equal(p.name, "Minimal programme");
	assert_int_equal(p.activity_count, 2);
	const struct activity *prep = programme_find_activity(&p, "fair-prep");
	assert_non_null(prep);
	assert_int_equal(prep->year_groups, (1u << 7) | (1u << 8));
	assert_int_equal(prep->strand, STRAND_ASPIRE);
	assert_int_equal(prep->cohort, COHORT_ALL);
	assert_int_equal(prep->sessions, 3);
	assert_int_equal(prep->benchmarks, 1u << 2);
	assert_int_equal(prep->kind, KIND_CAREERS_LESSON);
	assert_int_equal(prep->encounters, 0);
	assert_int_equal(prep->timing.terms, 1u << 1);
	assert_int_equal(prep->timing.part, PART_EARLY);
	assert_true(prep->timing.consecutive);
	assert_int_equal(prep->timing.slot, SLOT_TUTOR_TIME);
	assert_string_equal(prep->timing.before_week_leading_up_to, "careers-fair");
	assert_int_equal(p.bands[7].floor, 76);
	assert_int_equal(p.bands[13].ceiling, 100);
	assert_string_equal(p.aims[7][STRAND_CHALLENGE], "Build skills.");
	assert_null(p.aims[7][STRAND_ASPIRE]);
	programme_free(&p);
	diag_free(&diags);
	free(text);
}

/* Writing a programme out as JSON and reading it back gives the same
 * programme, field by field. */
static void assert_same_activity(const struct activity *a, const struct activity *b)
{
	assert_string_equal(a->id, b->id);
	assert_string_equal(a->name, b->name);
	assert_int_equal(a->year_groups, b->year_groups);
	assert_int_equal(a->strand, b->strand);
	assert_int_equal(a->cohort, b->cohort);
	assert_int_equal(a->sessions, b->sessions);
	assert_int_equal(a->benchmarks, b->benchmarks);
	assert_int_equal(a->kind, b->kind);
	assert_int_equal(a->encounters, b->encounters);
	assert_int_equal(a->provider_access, b->provider_access);
	assert_int_equal(a->visit, b->visit);
	assert_true(a->hours == b->hours);
	assert_int_equal(a->subject_count, b->subject_count);
	const struct timing_rule *s = &a->timing, *t = &b->timing;
	assert_int_equal(s->terms, t->terms);
	assert_int_equal(s->months, t->months);
	assert_int_equal(s->part, t->part);
	assert_int_equal(s->weekday, t->weekday);
	assert_int_equal(s->week, t->week);
	assert_int_equal(s->occurrence, t->occurrence);
	assert_int_equal(s->recurs, t->recurs);
	assert_int_equal(s->consecutive, t->consecutive);
	assert_int_equal(s->slot, t->slot);
#define SAME_STRING(x, y) \
	((x) == NULL ? assert_null(y) : assert_string_equal((x), (y)))
	SAME_STRING(a->description, b->description);
	SAME_STRING(s->before, t->before);
	SAME_STRING(s->after, t->after);
	SAME_STRING(s->before_week_leading_up_to, t->before_week_leading_up_to);
	SAME_STRING(s->before_activity, t->before_activity);
	SAME_STRING(s->note, t->note);
#undef SAME_STRING
}

static void round_trip(const char *path)
{
	size_t len;
	char *text = read_fixture(path, &len);
	struct programme p, again;
	struct diag_list diags;
	diag_init(&diags, path);
	assert_true(programme_parse(text, len, &p, &diags));
	char *json = programme_to_json(&p);
	assert_true(programme_parse(json, strlen(json), &again, &diags));
	assert_int_equal(diags.errors, 0);
	assert_string_equal(p.name, again.name);
	assert_int_equal(p.activity_count, again.activity_count);
	for (size_t i = 0; i < p.activity_count; i++)
		assert_same_activity(&p.activities[i], &again.activities[i]);
	for (int y = YEAR_GROUP_FIRST; y <= YEAR_GROUP_LAST; y++) {
		assert_true(p.bands[y].floor == again.bands[y].floor);
		assert_true(p.bands[y].ceiling == again.bands[y].ceiling);
		for (int s = 0; s < STRAND_COUNT; s++) {
			if (p.aims[y][s])
				assert_string_equal(p.aims[y][s], again.aims[y][s]);
			else
				assert_null(again.aims[y][s]);
		}
	}
	assert_int_equal(p.date_name_count, again.date_name_count);
	assert_int_equal(p.subject_count, again.subject_count);
	for (size_t i = 0; i < p.subject_count; i++)
		assert_string_equal(p.subjects[i], again.subjects[i]);
	/* And the second JSON is identical to the first. */
	char *json2 = programme_to_json(&again);
	assert_string_equal(json, json2);
	free(json);
	free(json2);
	programme_free(&p);
	programme_free(&again);
	diag_free(&diags);
	free(text);
}

static void test_round_trip_minimal(void **state)
{
	(void)state;
	round_trip("tests/fixtures/programmes/minimal.yaml");
}

static void test_round_trip_full_timing(void **state)
{
	(void)state;
	round_trip("tests/fixtures/programmes/every-rule.yaml");
}

static void test_round_trip_default_programme(void **state)
{
	(void)state;
	round_trip("programmes/kga.yaml");
}

static void test_unknown_keys(void **state)
{
	(void)state;
	expect_errors("  - id: a\n"
		      "    name: A\n"
		      "    year_groups: 7\n"
		      "    strand: aspire\n"
		      "    cohort: all\n"
		      "    kind: assembly\n"
		      "    sesions: 3\n"
		      "    timing: {term: 1}\n",
		      "p.yaml:15:5: activity a: unknown key `sesions` (expected one of: id, name, description, year_groups, strand, cohort, sessions, benchmarks, kind, encounters, provider_access, visit, hours, subjects, timing)\n"
		      "p.yaml:16:14: activity a: timing: unknown key `term` (expected one of: terms, months, part, weekday, week, occurrence, recurs, consecutive, slot, before, after, before_week_leading_up_to, before_activity, note)\n");
}

static void test_bad_benchmarks_and_values(void **state)
{
	(void)state;
	expect_errors("  - id: a\n"
		      "    name: A\n"
		      "    year_groups: [6, 7]\n"
		      "    strand: inspire\n"
		      "    cohort: everyone\n"
		      "    kind: lecture\n"
		      "    sessions: 0\n"
		      "    benchmarks: [5, 9, 5]\n"
		      "    provider_access: yes\n",
		      "p.yaml:11:19: activity a: year_groups must be a whole number from 7 to 13, not \"6\"\n"
		      "p.yaml:12:13: activity a: strand: unknown value \"inspire\" (expected one of: challenge, aspire, network)\n"
		      "p.yaml:13:13: activity a: cohort: unknown value \"everyone\" (expected one of: all, selected, invited)\n"
		      "p.yaml:14:11: activity a: kind: unknown value \"lecture\" (expected one of: employer-encounter, workplace-experience, further-education, higher-education, apprenticeship-provider, personal-guidance, careers-lesson, assembly, questionnaire, parents-event, other)\n"
		      "p.yaml:15:15: activity a: sessions must be a whole number from 1 to 100, not \"0\"\n"
		      "p.yaml:16:21: activity a: benchmarks must be a whole number from 1 to 8, not \"9\"\n"
		      "p.yaml:16:24: activity a: benchmarks lists 5 twice\n"
		      "p.yaml:17:22: activity a: provider_access must be true or false, not \"yes\"\n");
}

static void test_unknown_timing_rule_values(void **state)
{
	(void)state;
	expect_errors("  - id: a\n"
		      "    name: A\n"
		      "    year_groups: 7\n"
		      "    strand: aspire\n"
		      "    cohort: all\n"
		      "    kind: assembly\n"
		      "    timing:\n"
		      "      terms: [1, 7]\n"
		      "      weekday: saturday\n"
		      "      week: C\n"
		      "      recurs: daily\n"
		      "      slot: lunch\n"
		      "      months: [febuary]\n"
		      "      before: Careers Fair\n",
		      "p.yaml:16:18: activity a: timing: terms must be a whole number from 1 to 6, not \"7\"\n"
		      "p.yaml:17:16: activity a: timing: weekday: \"saturday\" is not a school weekday (monday to friday)\n"
		      "p.yaml:18:13: activity a: timing: week: must be A or B, not \"C\"\n"
		      "p.yaml:19:15: activity a: timing: recurs: unknown value \"daily\" (expected one of: once, weekly, termly)\n"
		      "p.yaml:20:13: activity a: timing: slot: unknown value \"lunch\" (expected one of: any, assembly, tutor-time, lesson, off-timetable, after-school, evening)\n"
		      "p.yaml:21:16: activity a: timing: months: \"febuary\" is not a month (write february or 2)\n"
		      "p.yaml:22:15: activity a: timing: before: \"Careers Fair\" is not a valid id: use lowercase letters, digits and hyphens, like careers-fair\n");
}

static void test_references_and_duplicates(void **state)
{
	(void)state;
	expect_errors("  - id: a\n"
		      "    name: A\n"
		      "    year_groups: 7\n"
		      "    strand: aspire\n"
		      "    cohort: all\n"
		      "    kind: assembly\n"
		      "    timing: {before: options-deadline, before_activity: b}\n"
		      "  - id: a\n"
		      "    name: A again\n"
		      "    year_groups: 8\n"
		      "    strand: aspire\n"
		      "    cohort: all\n"
		      "    kind: assembly\n"
		      "    provider_access: true\n"
		      "    timing: {slot: evening, occurrence: last-in-term}\n",
		      "p.yaml:9:5: activity a: timing `before: options-deadline` names a date the programme does not declare: add `options-deadline` under `dates`\n"
		      "p.yaml:9:5: activity a: timing `before_activity: b` names no activity of this programme\n"
		      "p.yaml:16:5: duplicate activity id a (first defined at line 9): ids must be unique\n"
		      "p.yaml:16:5: activity a: timing with `occurrence` needs a `weekday`\n"
		      "p.yaml:16:5: activity a: `provider_access: true` needs pupils to meet a provider: list further-education, higher-education or apprenticeship-provider under `encounters`\n"
		      "p.yaml:16:5: activity a: Provider Access encounters must be in the school day, not `slot: evening`\n");
}

static void test_missing_keys_and_wrong_types(void **state)
{
	(void)state;
	expect_errors("  - id: Fair Prep\n"
		      "    year_groups: {seven: 7}\n"
		      "    strand: [aspire]\n"
		      "    cohort: all\n"
		      "    kind: assembly\n",
		      "p.yaml:9:9: activity 1: id: \"Fair Prep\" is not a valid id: use lowercase letters, digits and hyphens, like careers-fair\n"
		      "p.yaml:9:5: activity 1: missing required key `name`\n"
		      "p.yaml:10:18: activity 1: year_groups must be a number or a list of numbers like [7, 8]\n"
		      "p.yaml:11:13: activity 1: strand must be a single value, not a list\n");
}

static void test_bands_required_for_used_years(void **state)
{
	(void)state;
	const char *text =
		"format_version: 1\n"
		"name: P\n"
		"entitlement_bands:\n"
		"  - {year_groups: [7], floor: 80, ceiling: 70}\n"
		"activities:\n"
		"  - {id: a, name: A, year_groups: [7, 8], strand: aspire, cohort: all, kind: assembly}\n";
	struct programme p;
	struct diag_list diags;
	diag_init(&diags, "p.yaml");
	assert_false(programme_parse(text, strlen(text), &p, &diags));
	assert_diags(&diags, "p.yaml:4:31: entitlement band 1: floor 80% is above ceiling 70%\n");
	programme_free(&p);
	diag_free(&diags);

	text = "format_version: 1\n"
	       "name: P\n"
	       "entitlement_bands:\n"
	       "  - {year_groups: [7], floor: 76}\n"
	       "activities:\n"
	       "  - {id: a, name: A, year_groups: [7, 8], strand: aspire, cohort: all, kind: assembly}\n";
	diag_init(&diags, "p.yaml");
	assert_false(programme_parse(text, strlen(text), &p, &diags));
	assert_diags(&diags, "p.yaml: Year 8 has activities but no entitlement band: add it to a band under `entitlement_bands`\n");
	programme_free(&p);
	diag_free(&diags);
}

static void test_version_and_shape(void **state)
{
	(void)state;
	struct programme p;
	struct diag_list diags;
	const char *text = "format_version: 2\nname: P\n";
	diag_init(&diags, "p.yaml");
	assert_false(programme_parse(text, strlen(text), &p, &diags));
	assert_diags(&diags, "p.yaml:1:17: format_version 2 is not one this waymark reads (it reads 1): install a newer waymark\n");
	programme_free(&p);
	diag_free(&diags);

	text = "- just\n- a list\n";
	diag_init(&diags, "p.yaml");
	assert_false(programme_parse(text, strlen(text), &p, &diags));
	assert_diags(&diags, "p.yaml:1:1: a programme file is a mapping with format_version, name, entitlement_bands, dates, aims and activities\n");
	programme_free(&p);
	diag_free(&diags);

	text = "a: &x 1\nb: *x\n";
	diag_init(&diags, "p.yaml");
	assert_false(programme_parse(text, strlen(text), &p, &diags));
	assert_diags(&diags, "p.yaml:2:4: aliases (*name) are not supported here: write the value out in full\n");
	programme_free(&p);
	diag_free(&diags);

	text = "format_version: 1\n---\nname: x\n";
	diag_init(&diags, "p.yaml");
	assert_false(programme_parse(text, strlen(text), &p, &diags));
	assert_diags(&diags, "p.yaml:2:1: only one YAML document is allowed in a file (remove the second '---')\n");
	programme_free(&p);
	diag_free(&diags);
}

/* Not UTF-8: reported where it is, and never handed to libfyaml, whose 0.7
 * scanner loops for ever on this directive line (found by fuzzing). */
static void test_bytes_that_are_not_text(void **state)
{
	(void)state;
	struct programme p;
	struct diag_list diags;
	const char text[] = "name: x\n%  career \xa0 challenge: y\n";
	diag_init(&diags, "p.yaml");
	assert_false(programme_parse(text, sizeof text - 1, &p, &diags));
	assert_diags(&diags, "p.yaml:2:11: byte 0xA0 is not UTF-8: save the file as UTF-8 (in Excel or Notepad: \"UTF-8\")\n");
	programme_free(&p);
	diag_free(&diags);

	/* Tabs: YAML indents with spaces, and libfyaml 0.7 crashes on this
	 * one (found by fuzzing), so tabs never reach it. */
	const char tab[] = "? 7:\t?";
	diag_init(&diags, "p.yaml");
	assert_false(programme_parse(tab, sizeof tab - 1, &p, &diags));
	assert_diags(&diags, "p.yaml:1:5: a tab character: indent with spaces, and write a tab inside a value as \\t in double quotes\n");
	programme_free(&p);
	diag_free(&diags);

	const char nul[] = "name: \"Zo\xc3\xab\"\nsource: a\0b\n";
	diag_init(&diags, "p.yaml");
	assert_false(programme_parse(nul, sizeof nul - 1, &p, &diags));
	assert_diags(&diags, "p.yaml:2:10: the file contains a NUL byte: it is not a text file\n");
	programme_free(&p);
	diag_free(&diags);
}

static void test_json_is_read_too(void **state)
{
	(void)state;
	const char *text =
		"{\"format_version\": 1, \"name\": \"P\",\n"
		" \"entitlement_bands\": [{\"year_groups\": [7], \"floor\": 76}],\n"
		" \"activities\": [{\"id\": \"a\", \"name\": \"A\", \"year_groups\": [7],\n"
		"   \"strand\": \"aspire\", \"cohort\": \"all\", \"kind\": \"assembly\",\n"
		"   \"sessions\": \"x\"}]}\n";
	struct programme p;
	struct diag_list diags;
	diag_init(&diags, "p.json");
	assert_false(programme_parse(text, strlen(text), &p, &diags));
	assert_diags(&diags, "p.json:5:16: activity a: sessions must be a whole number from 1 to 100, not \"x\"\n");
	programme_free(&p);
	diag_free(&diags);
}

static void test_timing_description(void **state)
{
	(void)state;
	struct timing_rule t = { 0 };
	struct buf out = BUF_INIT;
	timing_describe(&t, 1, &out);
	assert_string_equal(buf_str(&out), "any time");
	buf_reset(&out);
	t = (struct timing_rule){ .recurs = RECUR_WEEKLY, .weekday = WEEKDAY_FRIDAY, .week = 'A',
				  .slot = SLOT_TUTOR_TIME };
	timing_describe(&t, 1, &out);
	assert_string_equal(buf_str(&out), "every Friday in week A, tutor-time slot");
	buf_reset(&out);
	t = (struct timing_rule){ .recurs = RECUR_TERMLY, .weekday = WEEKDAY_WEDNESDAY,
				  .occurrence = OCCURRENCE_LAST_IN_TERM };
	timing_describe(&t, 3, &out);
	assert_string_equal(buf_str(&out), "the last Wednesday of each term");
	buf_reset(&out);
	t = (struct timing_rule){ .terms = (1u << 1) | (1u << 2) | (1u << 3), .before = "options-deadline" };
	timing_describe(&t, 1, &out);
	assert_string_equal(buf_str(&out), "in term 1, 2 or 3, before options-deadline");
	buf_free(&out);
}

/* The strategy's bands: 76-99% for Years 7-11, 76-100% for the sixth form;
 * a year group between two that share a band stays a group of its own. */
static void test_band_groups(void **state)
{
	(void)state;
	struct programme p;
	programme_init(&p);
	struct band_group g[YEAR_GROUP_LAST - YEAR_GROUP_FIRST + 1];
	assert_int_equal(programme_band_groups(&p, g), 0);
	for (int y = 7; y <= 11; y++)
		p.bands[y] = (struct entitlement_band){ 76, 99 };
	p.bands[12] = p.bands[13] = (struct entitlement_band){ 76, 100 };
	assert_int_equal(programme_band_groups(&p, g), 2);
	assert_int_equal(g[0].year_groups, 1u << 7 | 1u << 8 | 1u << 9 | 1u << 10 | 1u << 11);
	assert_true(g[0].floor == 76 && g[0].ceiling == 99);
	assert_int_equal(g[1].year_groups, 1u << 12 | 1u << 13);
	assert_true(g[1].ceiling == 100);
	p.bands[10] = (struct entitlement_band){ 80, 99 };
	p.bands[13] = (struct entitlement_band){ 0, 0 };
	assert_int_equal(programme_band_groups(&p, g), 3);
	assert_int_equal(g[0].year_groups, 1u << 7 | 1u << 8 | 1u << 9 | 1u << 11);
	assert_int_equal(g[1].year_groups, 1u << 10);
	assert_int_equal(g[2].year_groups, 1u << 12);
	programme_free(&p);
}

/* ---- text limits ---- */

enum { T_NAME, T_SOURCE, T_DATE, T_AIM, T_SUBJECT, T_ACTIVITY_NAME, T_DESCRIPTION,
       T_ACTIVITY_SUBJECT, T_NOTE, T_FIELDS };

/* A programme with every text field, each the default but for fields[i]
 * that are not NULL; the lines are numbered on the right. Caller frees. */
static char *programme_with(const char *const fields[T_FIELDS])
{
	static const char *const defaults[T_FIELDS] = {
		"Test programme", "The strategy", "The careers fair", "Build skills.", "Maths",
		"Careers fair", "Pupils meet employers.", "Maths", "In Term 1",
	};
	const char *f[T_FIELDS];
	for (int i = 0; i < T_FIELDS; i++)
		f[i] = fields[i] ? fields[i] : defaults[i];
	struct buf b = BUF_INIT;
	buf_printf(&b,
		   "format_version: 1\n"                                          /* 1 */
		   "name: %s\n"                                                   /* 2 */
		   "source: %s\n"                                                 /* 3 */
		   "entitlement_bands:\n"
		   "  - {year_groups: [7, 8, 9, 10, 11], floor: 76, ceiling: 99}\n"
		   "  - {year_groups: [12, 13], floor: 76, ceiling: 100}\n"
		   "dates:\n"
		   "  careers-fair: %s\n"                                         /* 8 */
		   "aims:\n"
		   "  7:\n"
		   "    challenge: %s\n"                                          /* 11 */
		   "subjects:\n"
		   "  - %s\n"                                                     /* 13 */
		   "activities:\n"
		   "  - id: y7-fair\n"
		   "    name: %s\n"                                               /* 16 */
		   "    description: %s\n"                                        /* 17 */
		   "    year_groups: [7]\n"
		   "    strand: aspire\n"
		   "    cohort: all\n"
		   "    kind: careers-lesson\n"
		   "    subjects:\n"
		   "      - %s\n"                                                 /* 23 */
		   "    timing:\n"
		   "      note: %s\n",                                            /* 25 */
		   f[T_NAME], f[T_SOURCE], f[T_DATE], f[T_AIM], f[T_SUBJECT], f[T_ACTIVITY_NAME],
		   f[T_DESCRIPTION], f[T_ACTIVITY_SUBJECT], f[T_NOTE]);
	return buf_detach(&b);
}

/* Every text field at exactly its limit, in characters of two bytes (a
 * byte count would refuse them): read whole. */
static void test_text_at_its_limit(void **state)
{
	(void)state;
	char *title = repeat_text("é", 200), *note = repeat_text("Ł", 500);
	char *text_limit = repeat_text("é", 4000);
	const char *fields[T_FIELDS] = {
		title, note, title, text_limit, title, title, text_limit, title, note,
	};
	char *text = programme_with(fields);
	struct programme p;
	struct diag_list diags;
	diag_init(&diags, "p.yaml");
	assert_true(programme_parse(text, strlen(text), &p, &diags));
	assert_diags(&diags, "");
	assert_string_equal(p.name, title);
	assert_string_equal(p.source, note);
	assert_string_equal(p.date_names[0].description, title);
	assert_string_equal(p.aims[7][STRAND_CHALLENGE], text_limit);
	assert_string_equal(p.subjects[0], title);
	const struct activity *a = programme_find_activity(&p, "y7-fair");
	assert_string_equal(a->name, title);
	assert_int_equal(strlen(a->name), 400);
	assert_string_equal(a->description, text_limit);
	assert_string_equal(a->subjects[0], title);
	assert_string_equal(a->timing.note, note);
	programme_free(&p);
	diag_free(&diags);
	free(text);
	free(title);
	free(note);
	free(text_limit);
}

/* One character more in any field is refused at its line and column,
 * naming the field and its limit. */
static void test_text_over_its_limit(void **state)
{
	(void)state;
	char *title = repeat_text("é", 201), *note = repeat_text("Ł", 501);
	char *text_limit = repeat_text("é", 4001);
	static const struct {
		int field;
		const char *expected;
	} cases[] = {
		{ T_NAME, "p.yaml:2:7: name is longer than 200 characters (it has 201): shorten it\n" },
		{ T_SOURCE, "p.yaml:3:9: source is longer than 500 characters (it has 501): shorten it\n" },
		{ T_DATE, "p.yaml:8:17: dates: careers-fair is longer than 200 characters (it has 201): shorten it\n" },
		{ T_AIM, "p.yaml:11:16: aims for Year 7: challenge is longer than 4000 characters (it has 4001): shorten it\n" },
		{ T_SUBJECT, "p.yaml:13:5: programme: subjects is longer than 200 characters (it has 201): shorten it\n" },
		{ T_ACTIVITY_NAME, "p.yaml:16:11: activity y7-fair: name is longer than 200 characters (it has 201): shorten it\n" },
		{ T_DESCRIPTION, "p.yaml:17:18: activity y7-fair: description is longer than 4000 characters (it has 4001): shorten it\n" },
		{ T_ACTIVITY_SUBJECT, "p.yaml:23:9: activity y7-fair: subjects is longer than 200 characters (it has 201): shorten it\n" },
		{ T_NOTE, "p.yaml:25:13: activity y7-fair: timing: note is longer than 500 characters (it has 501): shorten it\n" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const char *fields[T_FIELDS] = { 0 };
		int f = cases[i].field;
		fields[f] = f == T_AIM || f == T_DESCRIPTION ? text_limit
			    : f == T_SOURCE || f == T_NOTE  ? note
							     : title;
		char *text = programme_with(fields);
		struct programme p;
		struct diag_list diags;
		diag_init(&diags, "p.yaml");
		assert_false(programme_parse(text, strlen(text), &p, &diags));
		assert_diags(&diags, cases[i].expected);
		programme_free(&p);
		diag_free(&diags);
		free(text);
	}
	free(title);
	free(note);
	free(text_limit);
}

/* Names, subjects and notes are one line; descriptions and aims may have
 * line breaks. */
static void test_text_on_one_line(void **state)
{
	(void)state;
	const char *fields[T_FIELDS] = {
		[T_ACTIVITY_NAME] = "\"Careers\\tfair\"", [T_NOTE] = "\"In Term 1\\n\"",
		[T_DESCRIPTION] = "\"Pupils meet\\nemployers.\"",
	};
	char *text = programme_with(fields);
	struct programme p;
	struct diag_list diags;
	diag_init(&diags, "p.yaml");
	assert_false(programme_parse(text, strlen(text), &p, &diags));
	assert_diags(&diags,
		     "p.yaml:16:11: activity y7-fair: name must be on one line: take out the line break or tab\n"
		     "p.yaml:25:13: activity y7-fair: timing: note must be on one line: take out the line break or tab\n");
	programme_free(&p);
	diag_free(&diags);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_programme),
		cmocka_unit_test(test_round_trip_minimal),
		cmocka_unit_test(test_round_trip_full_timing),
		cmocka_unit_test(test_round_trip_default_programme),
		cmocka_unit_test(test_unknown_keys),
		cmocka_unit_test(test_bad_benchmarks_and_values),
		cmocka_unit_test(test_unknown_timing_rule_values),
		cmocka_unit_test(test_references_and_duplicates),
		cmocka_unit_test(test_missing_keys_and_wrong_types),
		cmocka_unit_test(test_bands_required_for_used_years),
		cmocka_unit_test(test_version_and_shape),
		cmocka_unit_test(test_bytes_that_are_not_text),
		cmocka_unit_test(test_json_is_read_too),
		cmocka_unit_test(test_timing_description),
		cmocka_unit_test(test_band_groups),
		cmocka_unit_test(test_text_at_its_limit),
		cmocka_unit_test(test_text_over_its_limit),
		cmocka_unit_test(test_text_on_one_line),
	};
	return cmocka_run_group_tests_name("programme", tests, NULL, NULL);
}
