/* Builds a struct mon_data in memory, as store/monitoring_store.c would load
 * it, for the unit suites of the monitoring rules: add activities,
 * calendars, pupils, enrolments, events (in date order) and marks, then
 * mb_finish() puts the marks in their two orders. mon_data_free() frees it
 * all. */
#ifndef WAYMARK_MON_BUILDER_H
#define WAYMARK_MON_BUILDER_H

#include "unit.h"

#include "domain/monitoring.h"
#include "util/mem.h"

struct mon_builder {
	struct mon_data d;
	size_t pupil_cap, enrolment_cap, event_cap, mark_cap;
};

static inline void mb_init(struct mon_builder *b)
{
	memset(b, 0, sizeof *b);
	programme_init(&b->d.programme);
	b->d.school_id = 1;
}

/* An activity for the year groups in the 0-terminated list. */
static inline struct activity *mb_activity(struct mon_builder *b, const char *id,
					   bool provider_access, enum slot slot,
					   const int *year_groups)
{
	struct activity *a = programme_add_activity(&b->d.programme);
	a->id = id;
	a->name = id;
	a->provider_access = provider_access;
	a->timing.slot = slot;
	a->cohort = COHORT_ALL;
	for (const int *y = year_groups; *y; y++)
		a->year_groups |= (uint16_t)(1u << *y);
	return a;
}

#define MB_YEARS(...) ((const int[]){ __VA_ARGS__, 0 })

/* The three-term template calendar of an academic year. */
static inline struct school_calendar *mb_calendar(struct mon_builder *b, int start_year)
{
	struct mon_data *d = &b->d;
	d->calendars = xreallocarray(d->calendars, d->calendar_count + 1, sizeof *d->calendars);
	struct school_calendar *cal = &d->calendars[d->calendar_count++];
	calendar_init(cal, start_year);
	calendar_template(cal, 3);
	return cal;
}

static inline uint32_t mb_pupil(struct mon_builder *b, const char *name)
{
	struct mon_data *d = &b->d;
	ARRAY_RESERVE(d->pupils, b->pupil_cap, d->pupil_count + 1);
	d->pupils[d->pupil_count] = (struct mon_pupil){ .id = (long long)d->pupil_count + 1,
							 .upn = NULL, .name = name };
	return (uint32_t)d->pupil_count++;
}

/* Enrolments must be added pupil by pupil, year by year. to: DATE_OPEN. */
static inline void mb_enrol(struct mon_builder *b, uint32_t pupil, int start_year,
			    int year_group, const char *tutor_group, date_t from, date_t to)
{
	struct mon_data *d = &b->d;
	ARRAY_RESERVE(d->enrolments, b->enrolment_cap, d->enrolment_count + 1);
	d->enrolments[d->enrolment_count] = (struct mon_enrolment){
		.pupil = pupil, .start_year = start_year, .year_group = year_group,
		.from = from, .to = to, .tutor_group = tutor_group,
	};
	struct mon_pupil *p = &d->pupils[pupil];
	if (!p->enrolment_count)
		p->first_enrolment = (uint32_t)d->enrolment_count;
	p->enrolment_count++;
	d->enrolment_count++;
}

/* Events must be added in date order; the id is index + 1. */
static inline uint32_t mb_event(struct mon_builder *b, uint32_t activity, date_t date,
				int year_group)
{
	struct mon_data *d = &b->d;
	assert_true(d->event_count == 0 || d->events[d->event_count - 1].date <= date);
	ARRAY_RESERVE(d->events, b->event_cap, d->event_count + 1);
	d->events[d->event_count] = (struct mon_event){
		.id = (long long)d->event_count + 1, .activity = activity, .date = date,
		.year_group = year_group,
	};
	return (uint32_t)d->event_count++;
}

static inline void mb_mark(struct mon_builder *b, uint32_t event, uint32_t pupil,
			   enum mark_status status)
{
	struct mon_data *d = &b->d;
	ARRAY_RESERVE(d->marks, b->mark_cap, d->mark_count + 1);
	d->marks[d->mark_count++] = (struct mon_mark){ event, pupil, status };
}

static inline int mb_compare_marks(const void *x, const void *y)
{
	const struct mon_mark *a = x, *b = y;
	if (a->event != b->event)
		return a->event < b->event ? -1 : 1;
	return a->pupil < b->pupil ? -1 : a->pupil > b->pupil;
}

/* Orders the marks by event, then pupil, and indexes them by pupil in date
 * order, as the store does. */
static inline void mb_finish(struct mon_builder *b)
{
	struct mon_data *d = &b->d;
	if (d->mark_count)
		qsort(d->marks, d->mark_count, sizeof *d->marks, mb_compare_marks);
	for (size_t e = 0; e < d->event_count; e++)
		d->events[e].mark_count = 0;
	for (size_t i = d->mark_count; i-- > 0;) {
		struct mon_event *e = &d->events[d->marks[i].event];
		e->first_mark = (uint32_t)i;
		e->mark_count++;
	}
	d->pupil_marks = xcalloc(d->mark_count + 1, sizeof *d->pupil_marks);
	size_t next = 0;
	for (size_t p = 0; p < d->pupil_count; p++) {
		d->pupils[p].first_mark = (uint32_t)next;
		d->pupils[p].mark_count = 0;
		/* Marks are in event order, and events in date order. */
		for (size_t i = 0; i < d->mark_count; i++) {
			if (d->marks[i].pupil == p) {
				d->pupil_marks[next++] = (uint32_t)i;
				d->pupils[p].mark_count++;
			}
		}
	}
}

#endif
