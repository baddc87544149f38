/* The calendar rules, against a hand-checked 2025/26 three-term year:
 *   Term 1 Wed 2025-09-03 .. Fri 2025-12-19, half-term 27-31 October
 *   Term 2 Mon 2026-01-05 .. Fri 2026-03-27, half-term 16-20 February
 *   Term 3 Mon 2026-04-13 .. Fri 2026-07-17, bank holiday 4 May,
 *          half-term 25-29 May */
#include "unit.h"

#include "domain/calendar.h"
#include "io/calendar_file.h"

static void build_2025(struct school_calendar *cal)
{
	calendar_init(cal, 2025);
	calendar_add_term(cal, 1, "Autumn term", D(2025, 9, 3), D(2025, 12, 19));
	calendar_add_term(cal, 2, "Spring term", D(2026, 1, 5), D(2026, 3, 27));
	calendar_add_term(cal, 3, "Summer term", D(2026, 4, 13), D(2026, 7, 17));
	calendar_add_holiday(cal, "October half-term", D(2025, 10, 27), D(2025, 10, 31));
	calendar_add_holiday(cal, "February half-term", D(2026, 2, 16), D(2026, 2, 20));
	calendar_add_holiday(cal, "Early May bank holiday", D(2026, 5, 4), D(2026, 5, 4));
	calendar_add_holiday(cal, "May half-term", D(2026, 5, 25), D(2026, 5, 29));
	calendar_generate_weeks(cal);
}

static void test_term_of_a_date(void **state)
{
	(void)state;
	struct school_calendar cal;
	build_2025(&cal);
	assert_int_equal(calendar_term_of(&cal, D(2025, 9, 3))->ordinal, 1);
	assert_int_equal(calendar_term_of(&cal, D(2025, 12, 19))->ordinal, 1);
	/* Half-term is inside the term's dates, but not a school day. */
	assert_int_equal(calendar_term_of(&cal, D(2025, 10, 29))->ordinal, 1);
	assert_false(calendar_is_school_day(&cal, D(2025, 10, 29)));
	assert_null(calendar_term_of(&cal, D(2025, 9, 2)));
	assert_null(calendar_term_of(&cal, D(2025, 12, 25)));
	assert_int_equal(calendar_term_of(&cal, D(2026, 3, 27))->ordinal, 2);
	assert_null(calendar_term_of(&cal, D(2026, 4, 6)));
	assert_int_equal(calendar_term_of(&cal, D(2026, 7, 17))->ordinal, 3);
	assert_false(calendar_is_school_day(&cal, D(2025, 9, 6))); /* Saturday */
	assert_false(calendar_is_school_day(&cal, D(2026, 5, 4)));  /* bank holiday */
	assert_true(calendar_is_school_day(&cal, D(2026, 5, 5)));
	calendar_free(&cal);
}

static void test_school_days(void **state)
{
	(void)state;
	struct school_calendar cal;
	build_2025(&cal);
	/* Term 1: 16 weeks of Mon-Fri from 1 Sep = 80, less Mon/Tue 1-2 Sep, less
	 * the half-term's 5 days = 73. */
	assert_int_equal(calendar_school_days_between(&cal, D(2025, 9, 3), D(2025, 12, 19)), 73);
	/* Term 2: 12 weeks = 60, less half-term = 55. */
	assert_int_equal(calendar_school_days_between(&cal, D(2026, 1, 5), D(2026, 3, 27)), 55);
	/* Term 3: 14 weeks = 70, less bank holiday and half-term = 64. */
	assert_int_equal(calendar_school_days_between(&cal, D(2026, 4, 13), D(2026, 7, 17)), 64);
	assert_int_equal(calendar_next_school_day(&cal, D(2025, 10, 24)), D(2025, 11, 3));
	assert_int_equal(calendar_next_school_day(&cal, D(2025, 12, 19)), D(2026, 1, 5));
	assert_int_equal(calendar_next_school_day(&cal, D(2026, 7, 17)), DATE_NONE);
	calendar_free(&cal);
}

static void test_week_a_b_across_half_term_and_term_boundary(void **state)
{
	(void)state;
	struct school_calendar cal;
	build_2025(&cal);
	/* Wednesday 3 September starts week A. */
	assert_int_equal(calendar_week_of(&cal, D(2025, 9, 3)), 'A');
	assert_int_equal(calendar_week_of(&cal, D(2025, 9, 8)), 'B');
	assert_int_equal(calendar_week_of(&cal, D(2025, 10, 17)), 'A');
	assert_int_equal(calendar_week_of(&cal, D(2025, 10, 24)), 'B');
	/* Half-term is skipped, not counted: B before it, A after it. */
	assert_int_equal(calendar_week_of(&cal, D(2025, 10, 29)), 0);
	assert_int_equal(calendar_week_of(&cal, D(2025, 11, 3)), 'A');
	/* The last week of term 1 is A; the Christmas holiday is skipped. */
	assert_int_equal(calendar_week_of(&cal, D(2025, 12, 19)), 'A');
	assert_int_equal(calendar_week_of(&cal, D(2025, 12, 24)), 0);
	assert_int_equal(calendar_week_of(&cal, D(2026, 1, 5)), 'B');
	/* 16 + 11 + 12 school weeks. */
	assert_int_equal(cal.week_count, 39);
	calendar_free(&cal);
}

/* Term 2's weeks, by hand: 5 Jan B, 12 A, 19 B, 26 A, 2 Feb B, 9 A, half-term
 * skipped, 23 Feb B, 2 Mar A, 9 B, 16 A, 23 B. */
static void test_weekly_repeat_to_the_end_of_term(void **state)
{
	(void)state;
	struct school_calendar cal;
	build_2025(&cal);
	date_t out[20];
	/* Every Friday from 16 January: half-term's Friday left out. */
	assert_int_equal(calendar_weekly_repeat(&cal, D(2026, 1, 16), false, out, 20), 10);
	const date_t every[] = { D(2026, 1, 16), D(2026, 1, 23), D(2026, 1, 30), D(2026, 2, 6),
				 D(2026, 2, 13), D(2026, 2, 27), D(2026, 3, 6), D(2026, 3, 13),
				 D(2026, 3, 20), D(2026, 3, 27) };
	for (int i = 0; i < 10; i++)
		assert_int_equal(out[i], every[i]);
	/* Every Friday in week A of Term 2, from 16 January. */
	assert_int_equal(calendar_weekly_repeat(&cal, D(2026, 1, 16), true, out, 20), 5);
	const date_t week_a[] = { D(2026, 1, 16), D(2026, 1, 30), D(2026, 2, 13), D(2026, 3, 6),
				  D(2026, 3, 20) };
	for (int i = 0; i < 5; i++)
		assert_int_equal(out[i], week_a[i]);
	/* Counted in all even when out is short. */
	assert_int_equal(calendar_weekly_repeat(&cal, D(2026, 1, 16), false, out, 3), 10);
	/* Not from a day that is not a school day, nor outside a term. */
	assert_int_equal(calendar_weekly_repeat(&cal, D(2026, 2, 20), false, out, 20), 0);
	assert_int_equal(calendar_weekly_repeat(&cal, D(2026, 4, 3), false, out, 20), 0);
	/* The last day of term repeats once. */
	assert_int_equal(calendar_weekly_repeat(&cal, D(2026, 3, 27), false, out, 20), 1);
	calendar_free(&cal);
}

static void test_week_edited_by_hand_reflows_later_weeks(void **state)
{
	(void)state;
	struct school_calendar cal;
	build_2025(&cal);
	assert_true(calendar_set_week(&cal, D(2026, 1, 7), 'A'));
	assert_int_equal(calendar_week_of(&cal, D(2026, 1, 5)), 'A');
	assert_int_equal(calendar_week_of(&cal, D(2026, 1, 12)), 'B');
	/* Earlier weeks are untouched. */
	assert_int_equal(calendar_week_of(&cal, D(2025, 12, 19)), 'A');
	/* A regeneration keeps the hand-set week. */
	calendar_generate_weeks(&cal);
	assert_int_equal(calendar_week_of(&cal, D(2026, 1, 5)), 'A');
	assert_false(calendar_set_week(&cal, D(2025, 12, 24), 'A'));
	calendar_free(&cal);
}

static void test_first_week_b(void **state)
{
	(void)state;
	struct school_calendar cal;
	build_2025(&cal);
	cal.first_week = 'B';
	calendar_generate_weeks(&cal);
	assert_int_equal(calendar_week_of(&cal, D(2025, 9, 3)), 'B');
	assert_int_equal(calendar_week_of(&cal, D(2025, 11, 3)), 'B');
	calendar_free(&cal);
}

static void test_last_wednesday_of_term(void **state)
{
	(void)state;
	struct school_calendar cal;
	build_2025(&cal);
	assert_int_equal(calendar_last_weekday_of_term(&cal, 1, WEEKDAY_WEDNESDAY), D(2025, 12, 17));
	assert_int_equal(calendar_last_weekday_of_term(&cal, 2, WEEKDAY_WEDNESDAY), D(2026, 3, 25));
	assert_int_equal(calendar_last_weekday_of_term(&cal, 3, WEEKDAY_WEDNESDAY), D(2026, 7, 15));
	assert_int_equal(calendar_last_weekday_of_term(&cal, 4, WEEKDAY_WEDNESDAY), DATE_NONE);
	/* A training day on the last Wednesday moves it a week earlier. */
	calendar_add_holiday(&cal, "Training day", D(2025, 12, 17), D(2025, 12, 17));
	assert_int_equal(calendar_last_weekday_of_term(&cal, 1, WEEKDAY_WEDNESDAY), D(2025, 12, 10));
	calendar_free(&cal);
}

static void test_early_in_term_and_week_leading_up(void **state)
{
	(void)state;
	struct school_calendar cal;
	build_2025(&cal);
	/* 73 school days: the first 37 (to Thu 23 October) are early. */
	assert_int_equal(calendar_term_midpoint(&cal, 1), D(2025, 10, 24));
	date_t first, last;
	calendar_week_leading_up_to(D(2025, 10, 16), &first, &last);
	assert_int_equal(first, D(2025, 10, 9));
	assert_int_equal(last, D(2025, 10, 15));
	calendar_free(&cal);
}

static void test_leap_year_calendar(void **state)
{
	(void)state;
	struct school_calendar cal;
	calendar_init(&cal, 2027);
	calendar_template(&cal, 3);
	/* 29 February 2028 is a Tuesday after the half-term of 21-25 February. */
	assert_true(calendar_is_school_day(&cal, D(2028, 2, 29)));
	assert_int_equal(calendar_term_of(&cal, D(2028, 2, 29))->ordinal, 2);
	assert_false(calendar_is_school_day(&cal, D(2028, 2, 21)));
	/* February 2028: 21 weekdays, less the half-term's five. */
	assert_int_equal(calendar_school_days_between(&cal, D(2028, 2, 1), D(2028, 2, 29)), 16);
	struct diag_list diags;
	diag_init(&diags, "template");
	assert_true(calendar_check(&cal, &diags));
	diag_free(&diags);
	calendar_free(&cal);
}

static void test_easter(void **state)
{
	(void)state;
	assert_int_equal(calendar_easter_sunday(2024), D(2024, 3, 31));
	assert_int_equal(calendar_easter_sunday(2025), D(2025, 4, 20));
	assert_int_equal(calendar_easter_sunday(2026), D(2026, 4, 5));
	assert_int_equal(calendar_easter_sunday(2027), D(2027, 3, 28));
	assert_int_equal(calendar_easter_sunday(2028), D(2028, 4, 16));
}

static void test_template_three_and_six_terms(void **state)
{
	(void)state;
	struct school_calendar cal;
	calendar_init(&cal, 2025);
	calendar_template(&cal, 3);
	assert_int_equal(cal.term_count, 3);
	assert_int_equal(cal.terms[0].start, D(2025, 9, 3));
	assert_int_equal(cal.terms[0].end, D(2025, 12, 19));
	assert_int_equal(cal.terms[1].end, D(2026, 3, 27));
	assert_int_equal(cal.terms[2].start, D(2026, 4, 13));
	assert_int_equal(cal.week_count, 39);
	calendar_free(&cal);

	calendar_init(&cal, 2025);
	calendar_template(&cal, 6);
	assert_int_equal(cal.term_count, 6);
	assert_int_equal(cal.terms[0].end, D(2025, 10, 24));
	assert_int_equal(cal.terms[1].start, D(2025, 11, 3));
	assert_int_equal(cal.terms[5].end, D(2026, 7, 17));
	/* Six terms: the half-terms are gaps, so the weeks are the same. */
	assert_int_equal(cal.week_count, 39);
	assert_int_equal(calendar_week_of(&cal, D(2025, 11, 3)), 'A');
	struct diag_list diags;
	diag_init(&diags, "template");
	assert_true(calendar_check(&cal, &diags));
	diag_free(&diags);
	calendar_free(&cal);
}

static const char good_file[] =
	"format_version: 1\n"
	"academic_year: 2025/26\n"
	"terms:\n"
	"  - {label: Autumn, start: 2025-09-03, end: 2025-12-19}\n"
	"  - {label: Spring, start: 2026-01-05, end: 2026-03-27}\n"
	"  - {label: Summer, start: 2026-04-13, end: 2026-07-17}\n"
	"closures:\n"
	"  - {label: Half-term, start: 2025-10-27, end: 2025-10-31}\n"
	"dates:\n"
	"  careers-fair: 2025-10-16\n"
	"weeks:\n"
	"  2026-01-05: A\n";

static void test_file_round_trip(void **state)
{
	(void)state;
	struct school_calendar cal, again;
	struct diag_list diags;
	diag_init(&diags, "cal.yaml");
	assert_true(calendar_parse(good_file, sizeof good_file - 1, &cal, &diags));
	assert_int_equal(diags.count, 0);
	assert_int_equal(cal.start_year, 2025);
	assert_int_equal(calendar_named_date(&cal, "careers-fair"), D(2025, 10, 16));
	assert_int_equal(calendar_week_of(&cal, D(2026, 1, 5)), 'A');

	struct buf yaml = BUF_INIT;
	calendar_write_yaml(&cal, "round trip", &yaml);
	assert_true(calendar_parse(yaml.data, yaml.len, &again, &diags));
	assert_int_equal(again.term_count, 3);
	assert_int_equal(again.holiday_count, 1);
	assert_int_equal(again.week_count, cal.week_count);
	for (size_t i = 0; i < cal.week_count; i++) {
		assert_int_equal(again.weeks[i].monday, cal.weeks[i].monday);
		assert_int_equal(again.weeks[i].week, cal.weeks[i].week);
	}
	assert_int_equal(calendar_named_date(&again, "careers-fair"), D(2025, 10, 16));
	buf_free(&yaml);
	calendar_free(&again);
	calendar_free(&cal);
	diag_free(&diags);
}

static void check_error(const char *text, const char *expected)
{
	struct school_calendar cal;
	struct diag_list diags;
	diag_init(&diags, "cal.yaml");
	assert_false(calendar_parse(text, strlen(text), &cal, &diags));
	assert_diags(&diags, expected);
	calendar_free(&cal);
	diag_free(&diags);
}

static void test_file_errors(void **state)
{
	(void)state;
	check_error("format_version: 1\n"
		    "academic_year: 2025/27\n"
		    "terms: []\n",
		    "cal.yaml:2:16: academic_year: \"2025/27\" is not an academic year: write it like 2025/26\n");
	check_error("format_version: 1\n"
		    "academic_year: 2025/26\n"
		    "terms:\n"
		    "  - {label: Autumn, start: 2025-09-03, end: 2025-12-19}\n"
		    "  - {label: Spring, start: 2025-12-01, end: 2026-13-27}\n",
		    "cal.yaml:5:45: term 2: end: \"2026-13-27\" is not a date: write it as YYYY-MM-DD, like 2025-09-03\n");
	check_error("format_version: 1\n"
		    "academic_year: 2025/26\n"
		    "terms:\n"
		    "  - {label: Autumn, start: 2025-09-03, end: 2025-12-19}\n"
		    "  - {label: Spring, start: 2025-12-01, end: 2026-03-27}\n"
		    "  - {label: Summer, start: 2026-04-13, end: 2026-09-17}\n",
		    "cal.yaml:5:5: term 2 starts on 2025-12-01, before term 1 ends (2025-12-19)\n"
		    "cal.yaml:6:5: term 3 (2026-04-13 to 2026-09-17) is not inside the academic year 2025/26 (1 September to 31 August)\n");
	check_error("format_version: 1\n"
		    "academic_year: 2025/26\n"
		    "terms:\n"
		    "  - {label: Autumn, start: 2025-09-03, end: 2025-12-19}\n"
		    "closures:\n"
		    "  - {label: Christmas, start: 2025-12-22, end: 2026-01-02}\n"
		    "dates:\n"
		    "  careers-fair: 2026-10-01\n"
		    "holidays: []\n",
		    "cal.yaml:9:1: calendar: unknown key `holidays` (expected one of: format_version, academic_year, first_week, terms, closures, dates, weeks)\n"
		    "cal.yaml:6:5: closure \"Christmas\" (2025-12-22 to 2026-01-02) is not inside any term: the gaps between terms are holidays already\n"
		    "cal.yaml:8:3: careers-fair on 2026-10-01 is not inside the academic year 2025/26\n");
	check_error("format_version: 1\n"
		    "academic_year: 2025/26\n"
		    "terms:\n"
		    "  - {label: Autumn, start: 2025-09-03, end: 2025-12-19}\n"
		    "weeks:\n"
		    "  2025-09-03: A\n"
		    "  2025-12-22: C\n",
		    "cal.yaml:6:3: weeks: 2025-09-03 is not a Monday: key each week by its Monday\n"
		    "cal.yaml:7:15: weeks: must be A or B, not \"C\"\n");
	check_error("format_version: 2\nacademic_year: 2025/26\nterms: []\n",
		    "cal.yaml:1:17: format_version 2 is not one this waymark reads (it reads 1)\n");
	check_error("terms: [\n",
		    "cal.yaml:2:1: YAML syntax: flow sequence without a closing bracket\n");
}

/* Term and closure labels are one line of at most 200 characters: at the
 * limit in two-byte characters they are read whole, one more is refused at
 * the label. */
static void test_file_label_limits(void **state)
{
	(void)state;
	char *label = repeat_text("Ł", 200), *longer = repeat_text("é", 201);
	struct buf text = BUF_INIT;
	buf_printf(&text,
		   "format_version: 1\n"
		   "academic_year: 2025/26\n"
		   "terms:\n"
		   "  - label: %s\n"
		   "    start: 2025-09-03\n"
		   "    end: 2025-12-19\n"
		   "closures:\n"
		   "  - label: %s\n"
		   "    start: 2025-10-27\n"
		   "    end: 2025-10-31\n",
		   label, label);
	struct school_calendar cal;
	struct diag_list diags;
	diag_init(&diags, "cal.yaml");
	assert_true(calendar_parse(text.data, text.len, &cal, &diags));
	assert_diags(&diags, "");
	assert_string_equal(cal.terms[0].label, label);
	assert_string_equal(cal.holidays[0].label, label);
	calendar_free(&cal);
	diag_free(&diags);

	buf_reset(&text);
	buf_printf(&text,
		   "format_version: 1\n"
		   "academic_year: 2025/26\n"
		   "terms:\n"
		   "  - label: %s\n"
		   "    start: 2025-09-03\n"
		   "    end: 2025-12-19\n"
		   "closures:\n"
		   "  - {label: \"Half\\nterm\", start: 2025-10-27, end: 2025-10-31}\n"
		   "  - label: %s\n"
		   "    start: 2025-11-03\n"
		   "    end: 2025-11-03\n",
		   longer, longer);
	check_error(text.data,
		    "cal.yaml:4:12: term 1: label is longer than 200 characters (it has 201): shorten it\n"
		    "cal.yaml:8:13: closure 1: label must be on one line: take out the line break or tab\n"
		    "cal.yaml:9:12: closure 2: label is longer than 200 characters (it has 201): shorten it\n");
	buf_free(&text);
	free(label);
	free(longer);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_term_of_a_date),
		cmocka_unit_test(test_school_days),
		cmocka_unit_test(test_week_a_b_across_half_term_and_term_boundary),
		cmocka_unit_test(test_weekly_repeat_to_the_end_of_term),
		cmocka_unit_test(test_week_edited_by_hand_reflows_later_weeks),
		cmocka_unit_test(test_first_week_b),
		cmocka_unit_test(test_last_wednesday_of_term),
		cmocka_unit_test(test_early_in_term_and_week_leading_up),
		cmocka_unit_test(test_leap_year_calendar),
		cmocka_unit_test(test_easter),
		cmocka_unit_test(test_template_three_and_six_terms),
		cmocka_unit_test(test_file_round_trip),
		cmocka_unit_test(test_file_errors),
		cmocka_unit_test(test_file_label_limits),
	};
	return cmocka_run_group_tests_name("calendar", tests, NULL, NULL);
}
