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
 * Assembly: no session yet. Year 10's activity: an event on 5 Nov whose
 *   register was never taken, so not held (and nobody in Year 10 anyway).
 *
 * Registers (docs/registers.md) as of 31 March:
 *   lessons 1-3 complete; the catch-up on 2 Mar marks Dev, Fin and Gus of
 *   the six on roll (Ada, Ben, Cat, Dev, Fin, Gus; Eve has left, Hal not
 *   yet joined): incomplete, 3 of 6, Ada, Ben and Cat unmarked, and so not
 *   counted for them: Ben and Cat missed one of their three marked
 *   sessions, Ada received all three of hers.
 *   STEM day: the selection is Ada and Ben, both marked (and Cat): complete.
 *   Webinar (invited): its register is who came: complete.
 *   Year 10 workshop: not taken. A lesson on 1 June with no register is
 *   not due on 31 March and not taken (never held) on 1 July. */
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
	mb_event_of(&b, "lessons", D(2026, 6, 1), 0);
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
	/* Absent on 10 Nov; left unmarked at the catch-up, which is neither
	 * received nor missed, so it is not among his missed sessions. */
	assert_int_equal(ben->session_count, 1);
	assert_int_equal(d->events[ben->sessions[0].event].date, D(2025, 11, 10));
	assert_true(ben->sessions[0].marked);
	assert_int_equal(ben->sessions[0].status, MARK_ABSENT);
	/* Ada, Ben and Cat unmarked at the catch-up; no register not taken. */
	assert_int_equal(lessons->unmarked, 3);
	assert_int_equal(lessons->registers_not_taken, 0);
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
	/* Year 10's workshop: its register was never taken, so it was not
	 * held (it used to count as held, with nobody to receive it). */
	const struct entitlement_row *y10 = row_of(d, &r, 10, "y10-only");
	assert_int_equal(y10->sessions_held, 0);
	assert_int_equal(y10->registers_not_taken, 1);
	assert_int_equal(y10->eligible, 0);
	assert_int_equal(y10->status, ENTITLEMENT_NOT_TAKEN);
	assert_string_equal(entitlement_status_name(y10->status), "register not taken");
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

static void test_register_state_rule(void **state)
{
	(void)state;
	date_t day = D(2025, 11, 10);
	assert_int_equal(register_state_of(day, day - 1, 0, 30), REGISTER_NOT_DUE);
	assert_int_equal(register_state_of(day, day, 0, 30), REGISTER_DUE);
	assert_int_equal(register_state_of(day, day + 1, 0, 30), REGISTER_NOT_TAKEN);
	assert_int_equal(register_state_of(day, day + 1, 0, 0), REGISTER_NOT_TAKEN);
	assert_int_equal(register_state_of(day, day, 12, 30), REGISTER_INCOMPLETE);
	assert_int_equal(register_state_of(day, day + 100, 29, 30), REGISTER_INCOMPLETE);
	assert_int_equal(register_state_of(day, day, 30, 30), REGISTER_COMPLETE);
	assert_int_equal(register_state_of(day, day + 1, 31, 30), REGISTER_COMPLETE);
	/* Marks held before the day (an older database) still count. */
	assert_int_equal(register_state_of(day, day - 5, 30, 30), REGISTER_COMPLETE);
	assert_false(register_open_on(day, day - 1));
	assert_true(register_open_on(day, day));
	assert_true(register_open_on(day, day + 1));
	assert_string_equal(register_state_name(REGISTER_NOT_TAKEN), "not taken");
	assert_string_equal(register_state_name(REGISTER_INCOMPLETE), "incomplete");
}

static uint32_t event_on(const struct mon_data *d, const char *activity, date_t date)
{
	for (size_t i = 0; i < d->event_count; i++)
		if (d->events[i].date == date &&
		    strcmp(d->programme.activities[d->events[i].activity].id, activity) == 0)
			return (uint32_t)i;
	fail_msg("no event");
	return 0;
}

static void test_register_states_of_the_school(void **state)
{
	(void)state;
	struct mon_data *d = school();
	date_t as_of = D(2026, 3, 31);
	struct mon_register r;
	mon_register_of(d, event_on(d, "lessons", D(2025, 10, 1)), as_of, &r);
	/* Ada, Ben, Cat, Eve, Gus on roll and marked; Dev, Fin, Hal not yet. */
	assert_int_equal(r.state, REGISTER_COMPLETE);
	assert_int_equal(r.marked, 5);
	assert_int_equal(r.expected, 5);
	uint32_t catch_up = event_on(d, "lessons", D(2026, 3, 2));
	mon_register_of(d, catch_up, as_of, &r);
	assert_int_equal(r.state, REGISTER_INCOMPLETE);
	assert_int_equal(r.marked, 3);
	assert_int_equal(r.expected, 6);
	uint32_t *unmarked;
	size_t n = mon_register_unmarked(d, catch_up, &unmarked);
	assert_int_equal(n, 3);
	assert_int_equal(unmarked[0], ADA);
	assert_int_equal(unmarked[1], BEN);
	assert_int_equal(unmarked[2], CAT);
	free(unmarked);
	assert_false(mon_on_register(d, catch_up, EVE));
	assert_true(mon_on_register(d, catch_up, ADA));
	/* STEM: the selection (Ada, Ben) and Cat, who came: 3 of 3. */
	mon_register_of(d, event_on(d, "stem", D(2025, 12, 1)), as_of, &r);
	assert_int_equal(r.state, REGISTER_COMPLETE);
	assert_int_equal(r.expected, 3);
	/* The webinar's register is who came. */
	mon_register_of(d, event_on(d, "webinar", D(2025, 11, 20)), as_of, &r);
	assert_int_equal(r.state, REGISTER_COMPLETE);
	assert_int_equal(r.expected, 2);
	mon_register_of(d, event_on(d, "y10-only", D(2025, 11, 5)), as_of, &r);
	assert_int_equal(r.state, REGISTER_NOT_TAKEN);
	/* Needing someone by 31 March: the Year 10 workshop (not taken) and
	 * the catch-up (incomplete); by 20 April that lesson too (Hal alone
	 * marked of seven). Year 9 alone: the catch-up. */
	struct mon_register_entry *open;
	assert_int_equal(mon_registers_needing_attention(d, 2025, as_of, 0, &open), 2);
	assert_int_equal(d->events[open[0].event].date, D(2025, 11, 5));
	assert_int_equal(open[0].reg.state, REGISTER_NOT_TAKEN);
	assert_int_equal(open[1].event, catch_up);
	assert_int_equal(open[1].reg.marked, 3);
	assert_int_equal(open[1].reg.expected, 6);
	free(open);
	assert_int_equal(mon_registers_needing_attention(d, 2025, as_of, 1u << 9, &open), 1);
	free(open);
	assert_int_equal(mon_registers_needing_attention(d, 2025, D(2026, 4, 20), 0, &open), 3);
	assert_int_equal(open[2].reg.state, REGISTER_INCOMPLETE);
	assert_int_equal(open[2].reg.marked, 1);
	assert_int_equal(open[2].reg.expected, 7);
	free(open);
	uint32_t june = event_on(d, "lessons", D(2026, 6, 1));
	mon_register_of(d, june, as_of, &r);
	assert_int_equal(r.state, REGISTER_NOT_DUE);
	mon_register_of(d, june, D(2026, 6, 1), &r);
	assert_int_equal(r.state, REGISTER_DUE);
	mb_free(&b);
}

/* As of 1 July, a date after every event: the lesson of 1 June has no
 * register and is not held. Held: the four to 2 March and 20 April's,
 * where only Hal is marked. Marked sessions: Ada 3 (present 3), Ben 3 (2),
 * Cat 3 (2), Dev 3 (3), Eve 1 (1), Fin 1 (1), Gus 4 (3), Hal 1 (1): eligible
 * 8, received 6 (all but Ben and Cat), 75.0%, below. Unmarked: 3 at the
 * catch-up, 6 on 20 April (Ada, Ben, Cat, Dev, Fin, Gus): 9. */
static void test_future_as_of_never_counts_an_unregistered_event(void **state)
{
	(void)state;
	struct mon_data *d = school();
	struct entitlement_report r;
	struct entitlement_query q = { 2025, D(2026, 7, 1), 1u << 9, false };
	entitlement_compute(d, &q, &r);
	const struct entitlement_row *lessons = row_of(d, &r, 9, "lessons");
	assert_int_equal(lessons->sessions_held, 5);
	assert_int_equal(lessons->registers_not_taken, 1);
	assert_int_equal(lessons->eligible, 8);
	assert_int_equal(lessons->received, 6);
	assert_int_equal(lessons->unmarked, 9);
	assert_int_equal(lessons->status, ENTITLEMENT_BELOW);
	entitlement_report_free(&r);
	/* The pupil's own view: Ada, three sessions marked, unmarked at the
	 * catch-up and on 20 April, and 1 June's register not taken. */
	struct pupil_entitlement *pe;
	size_t n = entitlement_for_pupil(d, ADA, 2025, D(2026, 7, 1), &pe);
	assert_true(n > 0);
	assert_int_equal(pe[0].activity, mb_activity_index(&b, "lessons"));
	assert_int_equal(pe[0].held_on_roll, 3);
	assert_int_equal(pe[0].unmarked, 2);
	assert_int_equal(pe[0].not_taken, 1);
	assert_true(pe[0].received);
	assert_string_equal(pupil_entitlement_status(&pe[0]), "received");
	free(pe);
	mb_free(&b);
}

/* Guidance meetings count toward the personal-guidance activity. Year 11,
 * "121 Personal Guidance Meeting" (all, one session), report as of 15 Nov:
 *   Ada  met the external Level 6 adviser on 3 Nov        received
 *   Ben  met the careers leader (level not recorded) 10 Nov  received
 *   Cat  no meeting, on roll                              owed
 *   Dev  left 31 Oct without one                          not eligible
 *   Eve  a meeting on 1 Dec, after the report date        owed
 * eligible 4, received 2: 50.0%, below; 2 pupils with a meeting. On
 * 1 October nobody has had one: not held. */
static void test_guidance_meetings_count(void **state)
{
	(void)state;
	mb_init(&b);
	mb_programme(&b, "format_version: 1\n"
			 "name: Test\n"
			 "entitlement_bands:\n"
			 "  - {year_groups: [7, 8, 9, 10, 11, 12, 13], floor: 76, ceiling: 99}\n"
			 "activities:\n"
			 "  - {id: guidance, name: 121 Personal Guidance Meeting, year_groups: 11, "
			 "strand: challenge, cohort: all, sessions: 1, kind: personal-guidance}\n");
	static const char *const names[] = { "Ada", "Ben", "Cat", "Dev", "Eve" };
	for (int i = 0; i < 5; i++)
		mb_pupil(&b, names[i]);
	for (int i = 0; i < 5; i++)
		mb_enrol_with(&b, (uint32_t)i, 2025, 11, "11A", 0, 'F', DATE_NONE,
			      i == DEV ? D(2025, 10, 31) : DATE_NONE);
	mb_guidance(&b, ADA, D(2025, 11, 3), true, 6);
	mb_guidance(&b, BEN, D(2025, 11, 10), false, 0);
	mb_guidance(&b, EVE, D(2025, 12, 1), true, 6);
	struct mon_data *d = mb_finish(&b);
	struct entitlement_report r;
	struct entitlement_query q = { 2025, D(2025, 11, 15), 0, true };
	entitlement_compute(d, &q, &r);
	const struct entitlement_row *row = row_of(d, &r, 11, "guidance");
	assert_int_equal(row->sessions_held, 0);
	assert_int_equal(row->meetings, 2);
	assert_int_equal(row->eligible, 4);
	assert_int_equal(row->received, 2);
	assert_int_equal(row->status, ENTITLEMENT_BELOW);
	assert_int_equal(row->missed_count, 2);
	assert_int_equal(d->enrolments[row->missed[0].enrolment].pupil, CAT);
	assert_int_equal(d->enrolments[row->missed[1].enrolment].pupil, EVE);
	entitlement_report_free(&r);

	struct pupil_entitlement *pe;
	assert_int_equal(entitlement_for_pupil(d, ADA, 2025, D(2025, 11, 15), &pe), 1);
	assert_true(pe[0].received);
	assert_int_equal(pe[0].meetings, 1);
	assert_string_equal(pupil_entitlement_status(&pe[0]), "received");
	free(pe);
	assert_int_equal(entitlement_for_pupil(d, BEN, 2025, D(2025, 11, 15), &pe), 1);
	assert_true(pe[0].received);
	free(pe);
	assert_int_equal(entitlement_for_pupil(d, CAT, 2025, D(2025, 11, 15), &pe), 1);
	assert_string_equal(pupil_entitlement_status(&pe[0]), "owed");
	free(pe);

	q.as_of = D(2025, 10, 1);
	entitlement_compute(d, &q, &r);
	assert_int_equal(row_of(d, &r, 11, "guidance")->status, ENTITLEMENT_NOT_HELD);
	entitlement_report_free(&r);
	assert_int_equal(entitlement_for_pupil(d, ADA, 2025, D(2025, 10, 1), &pe), 1);
	assert_string_equal(pupil_entitlement_status(&pe[0]), "not held yet");
	free(pe);
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
		cmocka_unit_test(test_register_state_rule),
		cmocka_unit_test(test_register_states_of_the_school),
		cmocka_unit_test(test_future_as_of_never_counts_an_unregistered_event),
		cmocka_unit_test(test_guidance_meetings_count),
	};
	return cmocka_run_group_tests_name("entitlement", tests, NULL, NULL);
}
