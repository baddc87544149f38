/* `waymark check timing`'s checking: a year's events against their
 * activities' timing rules, over small schools built in memory. 2025/26 is
 * the three-term template: the autumn term runs Wednesday 3 September to
 * Friday 19 December with half-term 27-31 October; the fair is on Thursday
 * 16 October, the options deadline on Friday 6 March. */
#include "mon_builder.h"

#include "domain/event_timing.h"
#include "report/event_timing_report.h"

static struct school_calendar *school_2025(struct mon_builder *b)
{
	mb_init(b);
	struct school_calendar *cal = mb_calendar(b, 2025);
	calendar_set_named_date(cal, "careers-fair", D(2025, 10, 16));
	calendar_set_named_date(cal, "options-deadline", D(2026, 3, 6));
	return cal;
}

/* The result as `waymark check timing` prints it. */
static char *check_text(struct mon_builder *b, struct event_timing_result *r)
{
	assert_true(event_timing_check(&b->d, 2025, r));
	struct buf out = BUF_INIT;
	event_timing_render_text(&b->d, r, &out);
	return buf_detach(&out);
}

static void test_fair_preparation_in_the_week_leading_up_to_the_fair(void **state)
{
	(void)state;
	struct mon_builder b;
	school_2025(&b);
	struct activity *a = mb_activity(&b, "fair-prep", false, SLOT_TUTOR_TIME, MB_YEARS(7));
	a->timing.before_week_leading_up_to = "careers-fair";
	mb_event(&b, 0, D(2025, 10, 8), 0);   /* the last day allowed */
	mb_event(&b, 0, D(2025, 10, 13), 0);  /* the Monday before the fair */
	mb_finish(&b);
	struct event_timing_result r;
	char *text = check_text(&b, &r);
	assert_string_equal(text,
			    "event 2, 2025-10-13, fair-prep (Year 7): 2025-10-13 is not before the week leading up to careers-fair (2025-10-16): it must be before 2025-10-09\n"
			    "1 problem in 1 event\n");
	assert_int_equal(r.events_checked, 2);
	assert_int_equal(r.problems[0].check, EVENT_TIMING_DATE);
	free(text);
	event_timing_result_free(&r);
	mon_data_free(&b.d);
}

/* Monday 15, Tuesday 16 and Thursday 18 September: the third breaks the
 * run. Friday 19 to Monday 22 would have been consecutive school days. */
static void test_three_sessions_not_on_consecutive_school_days(void **state)
{
	(void)state;
	struct mon_builder b;
	school_2025(&b);
	struct activity *a = mb_activity(&b, "prep", false, SLOT_TUTOR_TIME, MB_YEARS(11));
	a->sessions = 3;
	a->timing.consecutive = true;
	mb_event(&b, 0, D(2025, 9, 15), 0);
	mb_event(&b, 0, D(2025, 9, 16), 0);
	mb_event(&b, 0, D(2025, 9, 18), 0);
	mb_event(&b, 0, D(2025, 9, 19), 0);
	mb_event(&b, 0, D(2025, 9, 22), 0);
	mb_finish(&b);
	struct event_timing_result r;
	char *text = check_text(&b, &r);
	assert_string_equal(text,
			    "event 3, 2025-09-18, prep (Year 11): sessions on 2025-09-16 and 2025-09-18 are not on consecutive school days\n"
			    "1 problem in 1 event\n");
	assert_int_equal(r.problems[0].check, EVENT_TIMING_SESSIONS);
	free(text);
	event_timing_result_free(&r);
	mon_data_free(&b.d);
}

static void test_year_9_lesson_after_the_options_deadline(void **state)
{
	(void)state;
	struct mon_builder b;
	school_2025(&b);
	struct activity *a = mb_activity(&b, "y9-lessons", false, SLOT_LESSON, MB_YEARS(9));
	a->timing.terms = 1u << 2;
	a->timing.before = "options-deadline";
	mb_event(&b, 0, D(2026, 3, 5), 0);
	mb_event(&b, 0, D(2026, 3, 6), 0);
	mb_event(&b, 0, D(2026, 3, 10), 0);
	mb_finish(&b);
	struct event_timing_result r;
	char *text = check_text(&b, &r);
	assert_string_equal(text,
			    "event 2, 2026-03-06, y9-lessons (Year 9): 2026-03-06 is not before options-deadline (2026-03-06)\n"
			    "event 3, 2026-03-10, y9-lessons (Year 9): 2026-03-10 is not before options-deadline (2026-03-06)\n"
			    "2 problems in 2 events\n");
	free(text);
	event_timing_result_free(&r);
	mon_data_free(&b.d);
}

/* Taster lessons must come before the first careers lesson of the same
 * year group: Year 9's is on 5 November, Year 8's on 3 December, so the
 * taster on 12 November is late for Year 9 only. */
static void test_before_activity_for_the_same_year_group(void **state)
{
	(void)state;
	struct mon_builder b;
	school_2025(&b);
	struct activity *taster = mb_activity(&b, "taster", false, SLOT_LESSON, MB_YEARS(8, 9));
	taster->timing.before_activity = "lessons";
	mb_activity(&b, "lessons", false, SLOT_LESSON, MB_YEARS(8, 9));
	mb_event(&b, 1, D(2025, 11, 5), 9);
	mb_event(&b, 0, D(2025, 11, 12), 0);
	mb_event(&b, 1, D(2025, 12, 3), 8);
	mb_event(&b, 1, D(2025, 12, 10), 0);
	mb_finish(&b);
	struct event_timing_result r;
	char *text = check_text(&b, &r);
	assert_string_equal(text,
			    "event 2, 2025-11-12, taster (Year 9): 2025-11-12 is not before the first session of lessons (2025-11-05)\n"
			    "1 problem in 1 event\n");
	assert_int_equal(r.problems[0].year_groups, 1u << 9);
	free(text);
	event_timing_result_free(&r);
	mon_data_free(&b.d);
}

/* A closure and a weekend; an event for every year group of a shared
 * activity is one line for all of them. */
static void test_event_on_a_holiday(void **state)
{
	(void)state;
	struct mon_builder b;
	school_2025(&b);
	mb_activity(&b, "fair", false, SLOT_ANY, MB_YEARS(7, 8, 9, 10, 11, 12, 13));
	mb_activity(&b, "visit", false, SLOT_ANY, MB_YEARS(8, 10, 12));
	mb_event(&b, 0, D(2025, 10, 29), 0);
	mb_event(&b, 1, D(2025, 11, 8), 0);
	mb_event(&b, 1, D(2025, 11, 10), 0);
	mb_finish(&b);
	struct event_timing_result r;
	char *text = check_text(&b, &r);
	assert_string_equal(text,
			    "event 1, 2025-10-29, fair (Years 7-13): 2025-10-29 (Wednesday) is not a school day\n"
			    "event 2, 2025-11-08, visit (Years 8, 10 and 12): 2025-11-08 (Saturday) is not a school day\n"
			    "2 problems in 2 events\n");
	free(text);
	event_timing_result_free(&r);
	mon_data_free(&b.d);
}

/* A named date the calendar lacks is a problem; several problems of one
 * event are one event in the summary; Provider Access warnings are there,
 * after the event's timing problems. */
static void test_problems_in_date_order_with_provider_access(void **state)
{
	(void)state;
	struct mon_builder b;
	mb_init(&b);
	mb_calendar(&b, 2025);
	struct activity *a = mb_activity(&b, "fair-prep", false, SLOT_TUTOR_TIME, MB_YEARS(7));
	a->timing.before_week_leading_up_to = "careers-fair";
	a->timing.terms = 1u << 1;
	mb_activity(&b, "t-levels", true, SLOT_ASSEMBLY, MB_YEARS(9));
	mb_event(&b, 0, D(2025, 9, 10), 0);
	mb_event(&b, 1, D(2026, 3, 14), 0);
	mb_event(&b, 0, D(2026, 5, 6), 0);
	mb_finish(&b);
	struct event_timing_result r;
	char *text = check_text(&b, &r);
	assert_string_equal(text,
			    "event 1, 2025-09-10, fair-prep (Year 7): the calendar for 2025/26 has no date for careers-fair: add it to the year's calendar\n"
			    "event 2, 2026-03-14, t-levels (Year 9): 2026-03-14 (Saturday) is not a school day\n"
			    "event 2, 2026-03-14, t-levels (Year 9): will not count for Provider Access: 2026-03-14 (Saturday) is not a school day\n"
			    "event 2, 2026-03-14, t-levels (Year 9): will not count for Year 9 pupils: Provider Access counts Year 9 encounters only from 1 September to the end of February\n"
			    "event 3, 2026-05-06, fair-prep (Year 7): 2026-05-06 is in term 3, not term 1\n"
			    "event 3, 2026-05-06, fair-prep (Year 7): the calendar for 2025/26 has no date for careers-fair: add it to the year's calendar\n"
			    "6 problems in 3 events\n");
	assert_int_equal(r.events_with_problems, 3);
	assert_int_equal(r.problems[2].check, EVENT_TIMING_PROVIDER_ACCESS);
	free(text);
	event_timing_result_free(&r);
	mon_data_free(&b.d);
}

static void test_all_events_meet_their_rules_and_no_calendar(void **state)
{
	(void)state;
	struct mon_builder b;
	school_2025(&b);
	struct activity *a = mb_activity(&b, "assembly", false, SLOT_ASSEMBLY, MB_YEARS(8));
	a->timing.terms = 1u << 1 | 1u << 2;
	/* Last year's event is not this year's business. */
	mb_event(&b, 0, D(2025, 8, 30), 0);
	mb_event(&b, 0, D(2025, 9, 10), 0);
	mb_event(&b, 0, D(2026, 1, 14), 0);
	mb_finish(&b);
	struct event_timing_result r;
	char *text = check_text(&b, &r);
	assert_string_equal(text, "all 2 events meet their timing rules\n");
	free(text);
	event_timing_result_free(&r);
	assert_false(event_timing_check(&b.d, 2024, &r));
	assert_int_equal(r.count, 0);
	event_timing_result_free(&r);
	mon_data_free(&b.d);
}

static void test_year_group_labels(void **state)
{
	(void)state;
	struct {
		uint16_t mask;
		const char *text;
	} cases[] = {
		{ 1u << 7, "Year 7" },
		{ 0x3f80, "Years 7-13" },
		{ 1u << 8 | 1u << 10 | 1u << 12, "Years 8, 10 and 12" },
		{ 1u << 9 | 1u << 11, "Years 9 and 11" },
		{ 0, "" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct buf out = BUF_INIT;
		event_timing_describe_year_groups(cases[i].mask, &out);
		assert_string_equal(buf_str(&out), cases[i].text);
		buf_free(&out);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fair_preparation_in_the_week_leading_up_to_the_fair),
		cmocka_unit_test(test_three_sessions_not_on_consecutive_school_days),
		cmocka_unit_test(test_year_9_lesson_after_the_options_deadline),
		cmocka_unit_test(test_before_activity_for_the_same_year_group),
		cmocka_unit_test(test_event_on_a_holiday),
		cmocka_unit_test(test_problems_in_date_order_with_provider_access),
		cmocka_unit_test(test_all_events_meet_their_rules_and_no_calendar),
		cmocka_unit_test(test_year_group_labels),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
