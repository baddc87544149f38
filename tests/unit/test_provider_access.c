/* Provider Access: which encounters count, per pupil and per year group,
 * hand-worked over small schools built in memory. Calendars are the
 * three-term template: the dates used are checked as school days first,
 * so that a case fails for its own reason. */
#include "mon_builder.h"

#include "domain/provider_access.h"

static void assert_school_day(const struct mon_data *d, date_t date)
{
	const struct school_calendar *cal = mon_calendar(d, academic_year_of(date));
	assert_non_null(cal);
	assert_true(calendar_is_school_day(cal, date));
}

/* One Provider Access assembly activity for the year groups given, and a
 * pupil enrolled in year_group in start_year from 1 September. */
static uint32_t school_with_pupil(struct mon_builder *b, int start_year, int year_group,
				  const int *activity_years)
{
	mb_init(b);
	mb_activity(b, "pa-assembly", true, SLOT_ASSEMBLY, activity_years);
	mb_calendar(b, start_year);
	uint32_t p = mb_pupil(b, "Ada");
	mb_enrol(b, p, start_year, year_group, "9A", academic_year_first_day(start_year), DATE_OPEN);
	return p;
}

static void test_phases_and_windows(void **state)
{
	(void)state;
	assert_int_equal(provider_access_phase(7), 0);
	assert_int_equal(provider_access_phase(8), 1);
	assert_int_equal(provider_access_phase(9), 1);
	assert_int_equal(provider_access_phase(10), 2);
	assert_int_equal(provider_access_phase(11), 2);
	assert_int_equal(provider_access_phase(12), 3);
	assert_int_equal(provider_access_phase(13), 3);
	assert_int_equal(provider_access_phase(14), 0);
	/* First years of a phase: the whole academic year. */
	assert_true(provider_access_in_window(8, D(2026, 7, 17)));
	assert_true(provider_access_in_window(10, D(2026, 3, 2)));
	assert_true(provider_access_in_window(12, D(2025, 9, 1)));
	/* Second years: 1 September to the end of February. */
	assert_true(provider_access_in_window(9, D(2025, 9, 1)));
	assert_true(provider_access_in_window(11, D(2026, 1, 31)));
	assert_true(provider_access_in_window(13, D(2026, 2, 28)));
	assert_false(provider_access_in_window(13, D(2026, 3, 1)));
	assert_true(provider_access_in_window(9, D(2028, 2, 29)));
	assert_false(provider_access_in_window(9, D(2028, 3, 1)));
	assert_false(provider_access_in_window(11, D(2026, 8, 31)));
	assert_false(provider_access_in_window(7, D(2025, 10, 1)));
}

/* 2022/23: 28 February 2023 is a Tuesday and 1 March a Wednesday, both
 * school days (February half-term is 20-24 February). */
static void test_year_9_on_28_february_counts_and_1_march_does_not(void **state)
{
	(void)state;
	struct mon_builder b;
	uint32_t p = school_with_pupil(&b, 2022, 9, MB_YEARS(9));
	uint32_t feb = mb_event(&b, 0, D(2023, 2, 28), 0);
	uint32_t mar = mb_event(&b, 0, D(2023, 3, 1), 0);
	mb_mark(&b, feb, p, MARK_PRESENT);
	mb_mark(&b, mar, p, MARK_PRESENT);
	mb_finish(&b);
	assert_school_day(&b.d, D(2023, 2, 28));
	assert_school_day(&b.d, D(2023, 3, 1));
	assert_int_equal(provider_access_event_verdict(&b.d, feb, 9), PROVIDER_ACCESS_COUNTS);
	assert_int_equal(provider_access_event_verdict(&b.d, mar, 9),
			 PROVIDER_ACCESS_AFTER_FEBRUARY);
	assert_int_equal(provider_access_encounters(&b.d, p, 1, D(2021, 9, 1), D(2023, 7, 21)), 1);
	/* Present at both, but one counts: not met. */
	struct provider_access_query q = { 2022, D(2023, 7, 21), 1u << 9, true };
	struct provider_access_report r;
	provider_access_compute(&b.d, &q, &r);
	assert_int_equal(r.count, 1);
	assert_int_equal(r.rows[0].phase, 1);
	assert_int_equal(r.rows[0].eligible, 1);
	assert_int_equal(r.rows[0].met, 0);
	assert_int_equal(r.rows[0].missed_count, 1);
	assert_int_equal(r.rows[0].missed[0].encounters, 1);
	/* The March event is warned about, for Year 9. */
	assert_int_equal(r.warnings.count, 1);
	assert_int_equal(r.warnings.items[0].event, mar);
	assert_int_equal(r.warnings.items[0].year_group, 9);
	assert_string_equal(r.warnings.items[0].problem,
			    "will not count for Year 9 pupils: Provider Access counts Year 9 encounters only from 1 September to the end of February");
	provider_access_report_free(&r);
	mon_data_free(&b.d);
}

/* 2027/28: 29 February 2028 is a Tuesday, a school day (half-term 21-25). */
static void test_year_9_on_29_february_of_a_leap_year_counts(void **state)
{
	(void)state;
	struct mon_builder b;
	uint32_t p = school_with_pupil(&b, 2027, 9, MB_YEARS(9));
	uint32_t leap = mb_event(&b, 0, D(2028, 2, 29), 9);
	uint32_t mar = mb_event(&b, 0, D(2028, 3, 1), 9);
	mb_mark(&b, leap, p, MARK_PRESENT);
	mb_mark(&b, mar, p, MARK_PRESENT);
	mb_finish(&b);
	assert_school_day(&b.d, D(2028, 2, 29));
	assert_school_day(&b.d, D(2028, 3, 1));
	assert_int_equal(provider_access_event_verdict(&b.d, leap, 9), PROVIDER_ACCESS_COUNTS);
	assert_int_equal(provider_access_event_verdict(&b.d, mar, 9),
			 PROVIDER_ACCESS_AFTER_FEBRUARY);
	assert_int_equal(provider_access_encounters(&b.d, p, 1, D(2026, 9, 1), D(2028, 8, 31)), 1);
	mon_data_free(&b.d);
}

/* Wednesday 8 July 2026, in the summer term (it ends Friday 17 July). */
static void test_year_8_in_july_counts(void **state)
{
	(void)state;
	struct mon_builder b;
	uint32_t p = school_with_pupil(&b, 2025, 8, MB_YEARS(8));
	uint32_t july = mb_event(&b, 0, D(2026, 7, 8), 0);
	mb_mark(&b, july, p, MARK_PRESENT);
	mb_finish(&b);
	assert_school_day(&b.d, D(2026, 7, 8));
	assert_int_equal(provider_access_event_verdict(&b.d, july, 8), PROVIDER_ACCESS_COUNTS);
	assert_int_equal(provider_access_encounters(&b.d, p, 1, D(2024, 9, 1), D(2026, 7, 17)), 1);
	/* Not before it happens. */
	assert_int_equal(provider_access_encounters(&b.d, p, 1, D(2024, 9, 1), D(2026, 7, 7)), 0);
	/* Nor for another phase. */
	assert_int_equal(provider_access_encounters(&b.d, p, 2, D(2024, 9, 1), D(2026, 7, 17)), 0);
	mon_data_free(&b.d);
}

/* Year 10, 2025/26: assemblies on Wednesday 8 October and Wednesday
 * 14 January. Met once both are held. */
static void test_one_encounter_is_not_enough_two_are(void **state)
{
	(void)state;
	struct mon_builder b;
	uint32_t p = school_with_pupil(&b, 2025, 10, MB_YEARS(10, 11));
	uint32_t first = mb_event(&b, 0, D(2025, 10, 8), 10);
	uint32_t second = mb_event(&b, 0, D(2026, 1, 14), 10);
	mb_mark(&b, first, p, MARK_PRESENT);
	mb_mark(&b, second, p, MARK_PRESENT);
	mb_finish(&b);
	assert_school_day(&b.d, D(2025, 10, 8));
	assert_school_day(&b.d, D(2026, 1, 14));

	struct provider_access_query q = { 2025, D(2025, 11, 10), 1u << 10, true };
	struct provider_access_report r;
	provider_access_compute(&b.d, &q, &r);
	assert_int_equal(r.rows[0].phase, 2);
	assert_int_equal(r.rows[0].eligible, 1);
	assert_int_equal(r.rows[0].met, 0);
	assert_int_equal(r.rows[0].missed_count, 1);
	assert_int_equal(r.rows[0].missed[0].encounters, 1);
	provider_access_report_free(&r);

	q.as_of = D(2026, 1, 14);
	provider_access_compute(&b.d, &q, &r);
	assert_int_equal(r.rows[0].eligible, 1);
	assert_int_equal(r.rows[0].met, 1);
	assert_int_equal(r.rows[0].missed_count, 0);
	assert_int_equal(r.warnings.count, 0);
	provider_access_report_free(&r);
	mon_data_free(&b.d);
}

static void test_absent_and_excused_marks_do_not_count(void **state)
{
	(void)state;
	struct mon_builder b;
	uint32_t p = school_with_pupil(&b, 2025, 10, MB_YEARS(10));
	uint32_t e1 = mb_event(&b, 0, D(2025, 10, 8), 0);
	uint32_t e2 = mb_event(&b, 0, D(2025, 10, 15), 0);
	uint32_t e3 = mb_event(&b, 0, D(2025, 11, 5), 0);
	mb_mark(&b, e1, p, MARK_PRESENT);
	mb_mark(&b, e2, p, MARK_ABSENT);
	mb_mark(&b, e3, p, MARK_EXCUSED);
	mb_finish(&b);
	assert_int_equal(provider_access_encounters(&b.d, p, 2, D(2024, 9, 1), D(2025, 12, 1)), 1);
	mon_data_free(&b.d);
}

/* An evening slot is outside the school day (programme_check refuses it in
 * a file; the rule holds anyway). */
static void test_evening_slot_does_not_count(void **state)
{
	(void)state;
	struct mon_builder b;
	mb_init(&b);
	mb_activity(&b, "pa-evening", true, SLOT_EVENING, MB_YEARS(10));
	mb_activity(&b, "pa-assembly", true, SLOT_ASSEMBLY, MB_YEARS(10));
	mb_calendar(&b, 2025);
	uint32_t p = mb_pupil(&b, "Ben");
	mb_enrol(&b, p, 2025, 10, "10A", D(2025, 9, 1), DATE_OPEN);
	uint32_t evening1 = mb_event(&b, 0, D(2025, 10, 8), 0);
	uint32_t evening2 = mb_event(&b, 0, D(2025, 10, 9), 0);
	uint32_t day = mb_event(&b, 1, D(2025, 10, 10), 0);
	mb_mark(&b, evening1, p, MARK_PRESENT);
	mb_mark(&b, evening2, p, MARK_PRESENT);
	mb_mark(&b, day, p, MARK_PRESENT);
	mb_finish(&b);
	assert_int_equal(provider_access_event_verdict(&b.d, evening1, 10),
			 PROVIDER_ACCESS_OUTSIDE_SCHOOL_DAY);
	assert_int_equal(provider_access_encounters(&b.d, p, 2, D(2024, 9, 1), D(2025, 11, 10)), 1);
	struct provider_access_warnings w;
	provider_access_find_warnings(&b.d, 2025, &w);
	assert_int_equal(w.count, 2);
	assert_int_equal(w.items[0].event, evening1);
	assert_int_equal(w.items[0].year_group, 0);
	assert_int_equal(w.items[0].verdict, PROVIDER_ACCESS_OUTSIDE_SCHOOL_DAY);
	assert_string_equal(w.items[0].problem,
			    "will not count for Provider Access: pa-evening is in the evening slot, outside the school day");
	assert_int_equal(w.items[1].event, evening2);
	provider_access_warnings_free(&w);
	mon_data_free(&b.d);
}

/* Saturday 11 October 2025; and a weekday in the October half-term. */
static void test_saturday_and_holiday_do_not_count(void **state)
{
	(void)state;
	struct mon_builder b;
	uint32_t p = school_with_pupil(&b, 2025, 8, MB_YEARS(8));
	uint32_t saturday = mb_event(&b, 0, D(2025, 10, 11), 0);
	uint32_t half_term = mb_event(&b, 0, D(2025, 10, 29), 0);
	mb_mark(&b, saturday, p, MARK_PRESENT);
	mb_mark(&b, half_term, p, MARK_PRESENT);
	mb_finish(&b);
	assert_int_equal(provider_access_event_verdict(&b.d, saturday, 8),
			 PROVIDER_ACCESS_NOT_SCHOOL_DAY);
	assert_int_equal(provider_access_event_verdict(&b.d, half_term, 8),
			 PROVIDER_ACCESS_NOT_SCHOOL_DAY);
	assert_int_equal(provider_access_encounters(&b.d, p, 1, D(2024, 9, 1), D(2025, 11, 10)), 0);
	struct provider_access_warnings w;
	provider_access_find_warnings(&b.d, 2025, &w);
	assert_int_equal(w.count, 2);
	assert_string_equal(w.items[0].problem,
			    "will not count for Provider Access: 2025-10-11 (Saturday) is not a school day");
	assert_string_equal(w.items[1].problem,
			    "will not count for Provider Access: 2025-10-29 (Wednesday) is not a school day");
	provider_access_warnings_free(&w);
	mon_data_free(&b.d);
}

/* Year 8 in 2024/25 (Wednesday 13 November 2024), Year 9 in 2025/26
 * (Wednesday 8 October 2025): both count toward phase 1. */
static void test_last_years_year_8_encounter_counts_in_year_9(void **state)
{
	(void)state;
	struct mon_builder b;
	mb_init(&b);
	mb_activity(&b, "pa-assembly", true, SLOT_ASSEMBLY, MB_YEARS(8, 9));
	mb_calendar(&b, 2024);
	mb_calendar(&b, 2025);
	uint32_t p = mb_pupil(&b, "Cai");
	mb_enrol(&b, p, 2024, 8, "8A", D(2024, 9, 1), D(2025, 8, 31));
	mb_enrol(&b, p, 2025, 9, "9A", D(2025, 9, 1), DATE_OPEN);
	uint32_t last_year = mb_event(&b, 0, D(2024, 11, 13), 8);
	uint32_t this_year = mb_event(&b, 0, D(2025, 10, 8), 9);
	mb_mark(&b, last_year, p, MARK_PRESENT);
	mb_mark(&b, this_year, p, MARK_PRESENT);
	mb_finish(&b);
	assert_school_day(&b.d, D(2024, 11, 13));

	struct provider_access_query q = { 2025, D(2025, 9, 30), 0, true };
	struct provider_access_report r;
	provider_access_compute(&b.d, &q, &r);
	assert_int_equal(r.count, 6);
	assert_int_equal(r.rows[1].year_group, 9);
	assert_int_equal(r.rows[1].eligible, 1);
	assert_int_equal(r.rows[1].met, 0);
	/* Last year's encounter is already there. */
	assert_int_equal(r.rows[1].missed[0].encounters, 1);
	provider_access_report_free(&r);

	q.as_of = D(2025, 11, 10);
	provider_access_compute(&b.d, &q, &r);
	assert_int_equal(r.rows[1].met, 1);
	assert_int_equal(r.weekday_year_count, 0);
	provider_access_report_free(&r);
	mon_data_free(&b.d);
}

/* An empty year group: nobody eligible, nobody met, no percent. */
static void test_empty_year_group(void **state)
{
	(void)state;
	struct mon_builder b;
	school_with_pupil(&b, 2025, 10, MB_YEARS(10, 11));
	mb_finish(&b);
	struct provider_access_query q = { 2025, D(2025, 11, 10), 1u << 11, true };
	struct provider_access_report r;
	provider_access_compute(&b.d, &q, &r);
	assert_int_equal(r.count, 1);
	assert_int_equal(r.rows[0].year_group, 11);
	assert_int_equal(r.rows[0].eligible, 0);
	assert_int_equal(r.rows[0].met, 0);
	assert_int_equal(r.rows[0].missed_count, 0);
	assert_true(mon_percent(r.rows[0].met, r.rows[0].eligible) < 0);
	provider_access_report_free(&r);
	mon_data_free(&b.d);
}

/* Dee left on 31 October: not eligible on 10 November. Eve stays. */
static void test_pupil_who_left_is_not_eligible(void **state)
{
	(void)state;
	struct mon_builder b;
	mb_init(&b);
	mb_activity(&b, "pa-assembly", true, SLOT_ASSEMBLY, MB_YEARS(10));
	mb_calendar(&b, 2025);
	uint32_t dee = mb_pupil(&b, "Dee");
	mb_enrol(&b, dee, 2025, 10, "10A", D(2025, 9, 1), D(2025, 10, 31));
	uint32_t eve = mb_pupil(&b, "Eve");
	mb_enrol(&b, eve, 2025, 10, "10A", D(2025, 9, 1), DATE_OPEN);
	mb_finish(&b);
	struct provider_access_query q = { 2025, D(2025, 11, 10), 1u << 10, true };
	struct provider_access_report r;
	provider_access_compute(&b.d, &q, &r);
	assert_int_equal(r.rows[0].eligible, 1);
	assert_int_equal(r.rows[0].missed_count, 1);
	assert_int_equal(r.rows[0].missed[0].enrolment, 1);
	provider_access_report_free(&r);
	/* On 31 October she was still on roll. */
	q.as_of = D(2025, 10, 31);
	provider_access_compute(&b.d, &q, &r);
	assert_int_equal(r.rows[0].eligible, 2);
	provider_access_report_free(&r);
	mon_data_free(&b.d);
}

/* Phase 3: encounters offered to Year 12 and Year 13 and the present marks
 * at them; the Year 13 one in March is not offered to Year 13. */
static void test_phase_3_offered_and_attended(void **state)
{
	(void)state;
	struct mon_builder b;
	mb_init(&b);
	mb_activity(&b, "pa-sixth-form", true, SLOT_ASSEMBLY, MB_YEARS(12, 13));
	mb_calendar(&b, 2025);
	uint32_t fay = mb_pupil(&b, "Fay");
	mb_enrol(&b, fay, 2025, 12, "12X", D(2025, 9, 1), DATE_OPEN);
	uint32_t gus = mb_pupil(&b, "Gus");
	mb_enrol(&b, gus, 2025, 12, "12X", D(2025, 9, 1), DATE_OPEN);
	uint32_t hal = mb_pupil(&b, "Hal");
	mb_enrol(&b, hal, 2025, 13, "13Y", D(2025, 9, 1), DATE_OPEN);
	uint32_t both = mb_event(&b, 0, D(2025, 10, 8), 0);
	uint32_t march = mb_event(&b, 0, D(2026, 3, 4), 0);
	uint32_t later = mb_event(&b, 0, D(2026, 5, 6), 0);
	mb_mark(&b, both, fay, MARK_PRESENT);
	mb_mark(&b, both, gus, MARK_ABSENT);
	mb_mark(&b, both, hal, MARK_PRESENT);
	mb_mark(&b, march, fay, MARK_PRESENT);
	mb_mark(&b, march, gus, MARK_PRESENT);
	mb_mark(&b, march, hal, MARK_PRESENT);
	mb_mark(&b, later, fay, MARK_PRESENT);
	mb_finish(&b);
	assert_school_day(&b.d, D(2026, 3, 4));
	struct provider_access_query q = { 2025, D(2026, 4, 1), 0, false };
	struct provider_access_report r;
	provider_access_compute(&b.d, &q, &r);
	const struct provider_access_row *y12 = &r.rows[4], *y13 = &r.rows[5];
	assert_int_equal(y12->year_group, 12);
	assert_int_equal(y12->phase, 3);
	assert_int_equal(y12->offered, 2);
	assert_int_equal(y12->attended, 3);
	assert_int_equal(y12->eligible, 2);
	assert_int_equal(y12->met, 1);
	assert_int_equal(y13->offered, 1);
	assert_int_equal(y13->attended, 1);
	assert_int_equal(y13->met, 0);
	/* Only phase 3 counts what was offered. */
	assert_int_equal(r.rows[2].offered, 0);
	/* Both March and May are after February for Year 13. */
	assert_int_equal(r.warnings.count, 2);
	assert_int_equal(r.warnings.items[0].event, march);
	assert_int_equal(r.warnings.items[0].year_group, 13);
	assert_int_equal(r.warnings.items[1].event, later);
	provider_access_report_free(&r);
	mon_data_free(&b.d);
}

/* A year with no calendar: Monday to Friday are school days, and the report
 * says which years were taken so. */
static void test_no_calendar_means_weekdays(void **state)
{
	(void)state;
	struct mon_builder b;
	mb_init(&b);
	mb_activity(&b, "pa-assembly", true, SLOT_ASSEMBLY, MB_YEARS(10));
	uint32_t p = mb_pupil(&b, "Ian");
	mb_enrol(&b, p, 2025, 10, "10A", D(2025, 9, 1), DATE_OPEN);
	/* Half-term in the template, but no calendar says so: it counts. */
	uint32_t monday = mb_event(&b, 0, D(2025, 10, 27), 0);
	uint32_t sunday = mb_event(&b, 0, D(2025, 11, 2), 0);
	mb_mark(&b, monday, p, MARK_PRESENT);
	mb_mark(&b, sunday, p, MARK_PRESENT);
	mb_finish(&b);
	assert_int_equal(provider_access_event_verdict(&b.d, monday, 10), PROVIDER_ACCESS_COUNTS);
	assert_int_equal(provider_access_event_verdict(&b.d, sunday, 10),
			 PROVIDER_ACCESS_NOT_SCHOOL_DAY);
	struct provider_access_query q = { 2025, D(2025, 11, 10), 0, false };
	struct provider_access_report r;
	provider_access_compute(&b.d, &q, &r);
	assert_int_equal(r.weekday_year_count, 1);
	assert_int_equal(r.weekday_years[0], 2025);
	assert_int_equal(r.warnings.count, 1);
	provider_access_report_free(&r);
	mon_data_free(&b.d);
}

/* Warnings name every year group an event will not count for, and skip
 * activities that claim no Provider Access. */
static void test_warnings_by_year_group(void **state)
{
	(void)state;
	struct mon_builder b;
	mb_init(&b);
	mb_activity(&b, "pa-mixed", true, SLOT_ASSEMBLY, MB_YEARS(7, 8, 9, 11));
	mb_activity(&b, "not-pa", false, SLOT_EVENING, MB_YEARS(9));
	mb_calendar(&b, 2025);
	mb_event(&b, 1, D(2025, 10, 11), 0);
	uint32_t march = mb_event(&b, 0, D(2026, 3, 3), 0);
	mb_finish(&b);
	struct provider_access_warnings w;
	provider_access_find_warnings(&b.d, 2025, &w);
	assert_int_equal(w.count, 3);
	assert_int_equal(w.items[0].event, march);
	assert_int_equal(w.items[0].year_group, 7);
	assert_string_equal(w.items[0].problem,
			    "will not count for Year 7 pupils: Provider Access counts encounters in Years 8 to 13 only");
	assert_int_equal(w.items[1].year_group, 9);
	assert_int_equal(w.items[2].year_group, 11);
	provider_access_warnings_free(&w);
	/* Other years' events are not this year's warnings. */
	provider_access_find_warnings(&b.d, 2024, &w);
	assert_int_equal(w.count, 0);
	provider_access_warnings_free(&w);
	mon_data_free(&b.d);
}

/* Who has fewer than two: by tutor group, then name, with their count. */
static void test_missed_by_tutor_group_then_name(void **state)
{
	(void)state;
	struct mon_builder b;
	mb_init(&b);
	mb_activity(&b, "pa-assembly", true, SLOT_ASSEMBLY, MB_YEARS(8));
	mb_calendar(&b, 2025);
	const char *names[] = { "Zed", "Amy", "Bob", "Cy" };
	const char *tutors[] = { "8A", "8B", "8A", "8B" };
	uint32_t pupils[4];
	for (int i = 0; i < 4; i++) {
		pupils[i] = mb_pupil(&b, names[i]);
		mb_enrol(&b, pupils[i], 2025, 8, tutors[i], D(2025, 9, 1), DATE_OPEN);
	}
	uint32_t e1 = mb_event(&b, 0, D(2025, 10, 8), 0);
	uint32_t e2 = mb_event(&b, 0, D(2025, 10, 15), 0);
	for (int i = 0; i < 4; i++)
		mb_mark(&b, e1, pupils[i], i == 3 ? MARK_ABSENT : MARK_PRESENT);
	mb_mark(&b, e2, pupils[1], MARK_PRESENT);
	mb_finish(&b);
	struct provider_access_query q = { 2025, D(2025, 11, 10), 1u << 8, true };
	struct provider_access_report r;
	provider_access_compute(&b.d, &q, &r);
	assert_int_equal(r.rows[0].eligible, 4);
	assert_int_equal(r.rows[0].met, 1);
	assert_int_equal(r.rows[0].missed_count, 3);
	const struct provider_access_pupil *m = r.rows[0].missed;
	/* 8A Bob, 8A Zed, 8B Cy. */
	assert_string_equal(b.d.pupils[b.d.enrolments[m[0].enrolment].pupil].name, "Bob");
	assert_string_equal(b.d.pupils[b.d.enrolments[m[1].enrolment].pupil].name, "Zed");
	assert_string_equal(b.d.pupils[b.d.enrolments[m[2].enrolment].pupil].name, "Cy");
	assert_int_equal(m[0].encounters, 1);
	assert_int_equal(m[2].encounters, 0);
	provider_access_report_free(&r);
	mon_data_free(&b.d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_phases_and_windows),
		cmocka_unit_test(test_year_9_on_28_february_counts_and_1_march_does_not),
		cmocka_unit_test(test_year_9_on_29_february_of_a_leap_year_counts),
		cmocka_unit_test(test_year_8_in_july_counts),
		cmocka_unit_test(test_one_encounter_is_not_enough_two_are),
		cmocka_unit_test(test_absent_and_excused_marks_do_not_count),
		cmocka_unit_test(test_evening_slot_does_not_count),
		cmocka_unit_test(test_saturday_and_holiday_do_not_count),
		cmocka_unit_test(test_last_years_year_8_encounter_counts_in_year_9),
		cmocka_unit_test(test_empty_year_group),
		cmocka_unit_test(test_pupil_who_left_is_not_eligible),
		cmocka_unit_test(test_phase_3_offered_and_attended),
		cmocka_unit_test(test_no_calendar_means_weekdays),
		cmocka_unit_test(test_warnings_by_year_group),
		cmocka_unit_test(test_missed_by_tutor_group_then_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
