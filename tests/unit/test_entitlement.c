/* Entitlement, hand-worked. The school: Year 9 in 2025/26, report as of
 * 31 March 2026, floor 76%.
 *
 * Careers lessons (3 needed): held 1 Oct, 10 Nov, 12 Jan, and a catch-up on
 * 2 Mar; a fifth on 20 Apr is after the report date.
 *   Ada    present at 1-3                          received (3 of 3)
 *   Ben    absent at 2                             missed  (2 of 3)  PP
 *   Cat    excused at 3                            missed  (2 of 3)  PP
 *   Dev    joined 1 Nov: on roll for 2, 3, 4       received (3 of 3)
 *   Eve    left 31 Oct: on roll for 1 only         received (1 of 1)
 *   Fin    joined 1 Feb: on roll for the catch-up, present       received
 *   Gus    absent at 3, present at the catch-up    received (3 of 3)
 *   Hal    joined 1 Apr: no session on roll        not eligible
 *   eligible 7 (Ada..Gus), received 5: 71.4% below
 * Careers fair (1 needed) on 16 Oct: Dev, Fin and Hal not yet on roll, so
 *   eligible 5 (Ada, Ben, Cat, Eve, Gus); Gus absent: received 4, 80.0% met.
 * STEM day (selected): Ada and Ben selected; Ada present, Ben absent: 1 of 2.
 * Webinar (invited): Ada and Cat came.
 * Assembly: no session yet. Year 10's activity: a session, nobody in Year 10. */
#include "mon_builder.h"

#include "domain/entitlement.h"

static const char programme[] =
	"format_version: 1\n"
	"name: Test\n"
	"entitlement_bands:\n"
	"  - {year_groups: [7, 8, 9, 10, 11, 12, 13], floor: 76, ceiling: 99}\n"
	"activities:\n"
	"  - {id: lessons, name: Careers lessons, year_groups: 9, strand: challenge, cohort: all, sessions: 3, kind: careers-lesson}\n"
	"  - {id: fair, name: Careers fair, year_groups: [9, 10], strand: network, cohort: all, kind: employer-encounter}\n"
	"  - {id: stem, name: STEM day, year_groups: 9, strand: aspire, cohort: selected, kind: other}\n"
	"  - {id: webinar, name: Webinar, year_groups: 9, strand: aspire, cohort: invited, kind: parents-event}\n"
	"  - {id: assembly, name: Assembly, year_groups: 9, strand: aspire, cohort: all, kind: assembly}\n"
	"  - {id: y10-only, name: Year 10 workshop, year_groups: 10, strand: aspire, cohort: all, kind: other}\n";

enum { ADA, BEN, CAT, DEV, EVE, FIN, GUS, HAL };

static struct mon_builder b;

static struct mon_data *school(void)
{
	mb_init(&b);
	mb_programme(&b, programme);
	static const char *const names[] = { "Ada", "Ben", "Cat", "Dev", "Eve", "Fin", "Gus", "Hal" };
	for (int i = 0; i <= HAL; i++)
		mb_pupil(&b, names[i]);
	mb_enrol_with(&b, ADA, 2025, 9, "9A", 0, 'F', DATE_NONE, DATE_NONE);
	mb_enrol_with(&b, BEN, 2025, 9, "9A", PUPIL_PP, 'M', DATE_NONE, DATE_NONE);
	mb_enrol_with(&b, CAT, 2025, 9, "9B", PUPIL_PP, 'F', DATE_NONE, DATE_NONE);
	mb_enrol_with(&b, DEV, 2025, 9, "9B", 0, 'M', D(2025, 11, 1), DATE_NONE);
	mb_enrol_with(&b, EVE, 2025, 9, "9A", 0, 'F', DATE_NONE, D(2025, 10, 31));
	mb_enrol_with(&b, FIN, 2025, 9, "9B", 0, 'M', D(2026, 2, 1), DATE_NONE);
	mb_enrol_with(&b, GUS, 2025, 9, "9A", 0, 'M', DATE_NONE, DATE_NONE);
	mb_enrol_with(&b, HAL, 2025, 9, "9B", 0, 'M', D(2026, 4, 1), DATE_NONE);

	uint32_t l1 = mb_event_of(&b, "lessons", D(2025, 10, 1), 0);
	uint32_t l2 = mb_event_of(&b, "lessons", D(2025, 11, 10), 0);
	uint32_t l3 = mb_event_of(&b, "lessons", D(2026, 1, 12), 0);
	uint32_t l4 = mb_event_of(&b, "lessons", D(2026, 3, 2), 0);
	uint32_t l5 = mb_event_of(&b, "lessons", D(2026, 4, 20), 0);
	mb_mark(&b, l1, ADA, MARK_PRESENT);
	mb_mark(&b, l2, ADA, MARK_PRESENT);
	mb_mark(&b, l3, ADA, MARK_PRESENT);
	mb_mark(&b, l1, BEN, MARK_PRESENT);
	mb_mark(&b, l2, BEN, MARK_ABSENT);
	mb_mark(&b, l3, BEN, MARK_PRESENT);
	mb_mark(&b, l1, CAT, MARK_PRESENT);
	mb_mark(&b, l2, CAT, MARK_PRESENT);
	mb_mark(&b, l3, CAT, MARK_EXCUSED);
	mb_mark(&b, l2, DEV, MARK_PRESENT);
	mb_mark(&b, l3, DEV, MARK_PRESENT);
	mb_mark(&b, l4, DEV, MARK_PRESENT);
	mb_mark(&b, l1, EVE, MARK_PRESENT);
	mb_mark(&b, l4, FIN, MARK_PRESENT);
	mb_mark(&b, l1, GUS, MARK_PRESENT);
	mb_mark(&b, l2, GUS, MARK_PRESENT);
	mb_mark(&b, l3, GUS, MARK_ABSENT);
	mb_mark(&b, l4, GUS, MARK_PRESENT);
	mb_mark(&b, l5, HAL, MARK_PRESENT); /* after the report date */

	uint32_t fair = mb_event_of(&b, "fair", D(2025, 10, 16), 0);
	mb_mark(&b, fair, ADA, MARK_PRESENT);
	mb_mark(&b, fair, BEN, MARK_PRESENT);
	mb_mark(&b, fair, CAT, MARK_PRESENT);
	mb_mark(&b, fair, EVE, MARK_PRESENT);
	mb_mark(&b, fair, GUS, MARK_ABSENT);

	uint32_t stem = mb_event_of(&b, "stem", D(2025, 12, 1), 0);
	mb_select(&b, "stem", 2025, ADA);
	mb_select(&b, "stem", 2025, BEN);
	mb_mark(&b, stem, ADA, MARK_PRESENT);
	mb_mark(&b, stem, BEN, MARK_ABSENT);
	mb_mark(&b, stem, CAT, MARK_PRESENT); /* came, but was not selected */

	uint32_t webinar = mb_event_of(&b, "webinar", D(2025, 11, 20), 0);
	mb_mark(&b, webinar, ADA, MARK_PRESENT);
	mb_mark(&b, webinar, CAT, MARK_PRESENT);

	mb_event_of(&b, "y10-only", D(2025, 11, 5), 0);
	return mb_finish(&b);
}

static const struct entitlement_row *row_of(const struct mon_data *d,
					    const struct entitlement_report *r, int year_group,
					    const char *activity)
{
	for (size_t i = 0; i < r->count; i++)
		if (r->rows[i].year_group == year_group &&
		    strcmp(d->programme.activities[r->rows[i].activity].id, activity) == 0)
			return &r->rows[i];
	fail_msg("no row for Year %d %s", year_group, activity);
	return NULL;
}

static void compute(struct mon_data *d, struct entitlement_report *r, bool missed)
{
	struct entitlement_query q = { 2025, D(2026, 3, 31), 0, missed };
	entitlement_compute(d, &q, r);
}

static void test_sessions_joiners_leavers_absence_excused(void **state)
{
	(void)state;
	struct mon_data *d = school();
	struct entitlement_report r;
	compute(d, &r, true);
	const struct entitlement_row *lessons = row_of(d, &r, 9, "lessons");
	assert_int_equal(lessons->sessions_held, 4);
	assert_int_equal(lessons->eligible, 7);
	assert_int_equal(lessons->received, 5);
	assert_true(mon_percent(5, 7) == 71.4);
	assert_int_equal(lessons->status, ENTITLEMENT_BELOW);
	/* Who missed out, by tutor group then name, with what they missed. */
	assert_int_equal(lessons->missed_count, 2);
	const struct missed_pupil *ben = &lessons->missed[0], *cat = &lessons->missed[1];
	assert_int_equal(d->enrolments[ben->enrolment].pupil, BEN);
	assert_int_equal(ben->attended, 2);
	assert_int_equal(ben->required, 3);
	/* Absent on 10 Nov, no mark at the catch-up. */
	assert_int_equal(ben->session_count, 2);
	assert_int_equal(d->events[ben->sessions[0].event].date, D(2025, 11, 10));
	assert_true(ben->sessions[0].marked);
	assert_int_equal(ben->sessions[0].status, MARK_ABSENT);
	assert_false(ben->sessions[1].marked);
	assert_int_equal(d->enrolments[cat->enrolment].pupil, CAT);
	assert_int_equal(cat->sessions[0].status, MARK_EXCUSED);
	entitlement_report_free(&r);
	mb_free(&b);
}

static void test_single_session_and_on_roll_dates(void **state)
{
	(void)state;
	struct mon_data *d = school();
	struct entitlement_report r;
	compute(d, &r, false);
	const struct entitlement_row *fair = row_of(d, &r, 9, "fair");
	/* Dev, Fin and Hal were not on roll on 16 October. */
	assert_int_equal(fair->eligible, 5);
	assert_int_equal(fair->received, 4);
	assert_true(mon_percent(4, 5) == 80.0);
	assert_int_equal(fair->status, ENTITLEMENT_MET);
	entitlement_report_free(&r);
	mb_free(&b);
}

static void test_selected_invited_not_held_empty_year(void **state)
{
	(void)state;
	struct mon_data *d = school();
	struct entitlement_report r;
	compute(d, &r, false);
	const struct entitlement_row *stem = row_of(d, &r, 9, "stem");
	assert_int_equal(stem->eligible, 2);
	assert_int_equal(stem->received, 1);
	assert_int_equal(stem->status, ENTITLEMENT_BELOW);
	const struct entitlement_row *webinar = row_of(d, &r, 9, "webinar");
	assert_int_equal(webinar->status, ENTITLEMENT_ATTENDANCE);
	assert_int_equal(webinar->attended, 2);
	assert_int_equal(webinar->eligible, 0);
	assert_int_equal(row_of(d, &r, 9, "assembly")->status, ENTITLEMENT_NOT_HELD);
	/* Year 10: a session, nobody to receive it, no division by zero. */
	const struct entitlement_row *y10 = row_of(d, &r, 10, "y10-only");
	assert_int_equal(y10->sessions_held, 1);
	assert_int_equal(y10->eligible, 0);
	assert_int_equal(y10->status, ENTITLEMENT_NO_PUPILS);
	assert_true(mon_percent(y10->received, y10->eligible) < 0);
	/* The fair's Year 10 row: not held for Year 10? It was: the event is
	 * for every year group of the activity; Year 10 has nobody. */
	assert_int_equal(row_of(d, &r, 10, "fair")->status, ENTITLEMENT_NO_PUPILS);
	entitlement_report_free(&r);
	mb_free(&b);
}

static void test_subgroup_gap(void **state)
{
	(void)state;
	struct mon_data *d = school();
	struct entitlement_report r;
	compute(d, &r, false);
	const struct entitlement_row *lessons = row_of(d, &r, 9, "lessons");
	/* PP: Ben and Cat, neither received; the rest: 5 of 5. */
	assert_int_equal(lessons->subgroups[SUBGROUP_PP].eligible, 2);
	assert_int_equal(lessons->subgroups[SUBGROUP_PP].met, 0);
	double gap;
	assert_true(entitlement_gap(lessons, SUBGROUP_PP, &gap));
	assert_true(gap == -100.0);
	/* Girls: Ada, Cat, Eve (3, received 2); boys: Ben, Dev, Fin, Gus (4, 3). */
	assert_int_equal(lessons->subgroups[SUBGROUP_GIRLS].eligible, 3);
	assert_int_equal(lessons->subgroups[SUBGROUP_GIRLS].met, 2);
	assert_true(entitlement_gap(lessons, SUBGROUP_GIRLS, &gap));
	/* 66.67 - 75.0 = -8.33 -> -8.3 */
	assert_true(gap == -8.3);
	/* Nobody looked after: no comparison. */
	assert_false(entitlement_gap(lessons, SUBGROUP_LOOKED_AFTER, &gap));
	entitlement_report_free(&r);
	mb_free(&b);
}

static void test_as_of_moves_the_figures(void **state)
{
	(void)state;
	struct mon_data *d = school();
	struct entitlement_report r;
	/* On 1 December: lessons 1 and 2 held, so two are needed. */
	struct entitlement_query q = { 2025, D(2025, 12, 1), 1u << 9, false };
	entitlement_compute(d, &q, &r);
	const struct entitlement_row *lessons = row_of(d, &r, 9, "lessons");
	assert_int_equal(lessons->sessions_held, 2);
	/* Ada, Ben, Cat, Dev (on roll for one), Eve, Gus; Ben missed one. */
	assert_int_equal(lessons->eligible, 6);
	assert_int_equal(lessons->received, 5);
	assert_int_equal(lessons->status, ENTITLEMENT_MET);
	/* Only Year 9 was asked for. */
	for (size_t i = 0; i < r.count; i++)
		assert_int_equal(r.rows[i].year_group, 9);
	entitlement_report_free(&r);
	mb_free(&b);
}

static void test_percent_and_floor_arithmetic(void **state)
{
	(void)state;
	assert_true(mon_percent(2, 3) == 66.7);
	assert_true(mon_percent(1, 8) == 12.5);
	assert_true(mon_percent(0, 5) == 0.0);
	assert_true(mon_percent(5, 5) == 100.0);
	assert_true(mon_percent(3, 0) < 0);
	/* 19 of 25 is exactly 76%: met; 75 of 99 is 75.76%: below. */
	assert_true(mon_at_least(19, 25, 76));
	assert_false(mon_at_least(75, 99, 76));
	assert_false(mon_at_least(0, 0, 0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sessions_joiners_leavers_absence_excused),
		cmocka_unit_test(test_single_session_and_on_roll_dates),
		cmocka_unit_test(test_selected_invited_not_held_empty_year),
		cmocka_unit_test(test_subgroup_gap),
		cmocka_unit_test(test_as_of_moves_the_figures),
		cmocka_unit_test(test_percent_and_floor_arithmetic),
	};
	return cmocka_run_group_tests_name("entitlement", tests, NULL, NULL);
}
