/* Builds struct mon_data in memory for hand-worked monitoring tests, the
 * way store/monitoring_store.c lays it out (events by date, marks by event
 * then pupil, and by pupil then date). */
#ifndef WAYMARK_MON_BUILDER_H
#define WAYMARK_MON_BUILDER_H

#include "unit.h"

#include "domain/monitoring.h"
#include "io/programme_file.h"
#include "util/mem.h"

struct mon_builder {
	struct mon_data d;
	size_t pupil_cap, enrolment_cap, event_cap, mark_cap, selection_cap, guidance_cap;
};

static inline void mb_init(struct mon_builder *b, const char *programme_yaml)
{
	memset(b, 0, sizeof *b);
	struct diag_list diags;
	diag_init(&diags, "programme");
	bool ok = programme_parse(programme_yaml, strlen(programme_yaml), &b->d.programme, &diags);
	if (!ok)
		diag_print(&diags, stderr);
	assert_true(ok);
	diag_free(&diags);
	for (size_t i = 0; i < b->d.programme.activity_count; i++)
		b->d.programme.activities[i].db_id = (long long)i + 1;
}

static inline uint32_t mb_pupil(struct mon_builder *b, const char *upn, const char *name)
{
	ARRAY_RESERVE(b->d.pupils, b->pupil_cap, b->d.pupil_count + 1);
	struct mon_pupil *p = &b->d.pupils[b->d.pupil_count];
	memset(p, 0, sizeof *p);
	p->id = (long long)b->d.pupil_count + 1;
	p->upn = upn;
	p->name = name;
	return (uint32_t)b->d.pupil_count++;
}

/* Enrolments must be added pupil by pupil, in year order. */
static inline void mb_enrol(struct mon_builder *b, uint32_t pupil, int start_year, int year_group,
			    const char *tutor, unsigned flags, char gender, date_t from, date_t to)
{
	ARRAY_RESERVE(b->d.enrolments, b->enrolment_cap, b->d.enrolment_count + 1);
	b->d.enrolments[b->d.enrolment_count] = (struct mon_enrolment){
		pupil, start_year, year_group, flags, gender,
		from == DATE_NONE ? academic_year_first_day(start_year) : from,
		to == DATE_NONE ? DATE_OPEN : to, tutor,
	};
	struct mon_pupil *p = &b->d.pupils[pupil];
	if (!p->enrolment_count)
		p->first_enrolment = (uint32_t)b->d.enrolment_count;
	p->enrolment_count++;
	b->d.enrolment_count++;
}

static inline uint32_t mb_activity(const struct mon_builder *b, const char *id)
{
	const struct activity *a = programme_find_activity(&b->d.programme, id);
	assert_non_null(a);
	return (uint32_t)(a - b->d.programme.activities);
}

/* Events may be added in any order; their index is final after
 * mb_finish, so marks refer to them by the order they were added. */
static inline uint32_t mb_event(struct mon_builder *b, const char *activity, date_t date,
				int year_group)
{
	ARRAY_RESERVE(b->d.events, b->event_cap, b->d.event_count + 1);
	struct mon_event *e = &b->d.events[b->d.event_count];
	memset(e, 0, sizeof *e);
	e->id = (long long)b->d.event_count + 1;
	e->activity = mb_activity(b, activity);
	e->date = date;
	e->year_group = year_group;
	return (uint32_t)b->d.event_count++;
}

static inline void mb_mark(struct mon_builder *b, uint32_t event, uint32_t pupil,
			   enum mark_status status)
{
	ARRAY_RESERVE(b->d.marks, b->mark_cap, b->d.mark_count + 1);
	b->d.marks[b->d.mark_count++] = (struct mon_mark){ event, pupil, status };
}

static inline void mb_select(struct mon_builder *b, const char *activity, int start_year,
			     uint32_t pupil)
{
	ARRAY_RESERVE(b->d.selections, b->selection_cap, b->d.selection_count + 1);
	b->d.selections[b->d.selection_count++] =
		(struct mon_selection){ mb_activity(b, activity), start_year, pupil };
}

static inline void mb_guidance(struct mon_builder *b, uint32_t pupil, date_t date, bool external,
			       int level)
{
	ARRAY_RESERVE(b->d.guidance, b->guidance_cap, b->d.guidance_count + 1);
	b->d.guidance[b->d.guidance_count++] = (struct mon_guidance){ pupil, date, external, level };
}

static inline int mb_compare_events(const void *x, const void *y)
{
	const struct mon_event *a = x, *b = y;
	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

static inline int mb_compare_marks(const void *x, const void *y)
{
	const struct mon_mark *a = x, *b = y;
	if (a->event != b->event)
		return a->event < b->event ? -1 : 1;
	return a->pupil < b->pupil ? -1 : a->pupil > b->pupil;
}

static inline int mb_compare_selections(const void *x, const void *y)
{
	const struct mon_selection *a = x, *b = y;
	if (a->activity != b->activity)
		return a->activity < b->activity ? -1 : 1;
	if (a->start_year != b->start_year)
		return a->start_year < b->start_year ? -1 : 1;
	return a->pupil < b->pupil ? -1 : a->pupil > b->pupil;
}

/* Sorts and indexes everything; returns the data to test. */
static inline struct mon_data *mb_finish(struct mon_builder *b)
{
	struct mon_data *d = &b->d;
	/* Events by date; marks follow their event's new position. */
	uint32_t *position = xcalloc(d->event_count + 1, sizeof *position);
	qsort(d->events, d->event_count, sizeof *d->events, mb_compare_events);
	for (size_t i = 0; i < d->event_count; i++)
		position[d->events[i].id - 1] = (uint32_t)i;
	for (size_t i = 0; i < d->mark_count; i++)
		d->marks[i].event = position[d->marks[i].event];
	free(position);
	qsort(d->marks, d->mark_count, sizeof *d->marks, mb_compare_marks);
	for (size_t i = 0; i < d->mark_count; i++) {
		struct mon_event *e = &d->events[d->marks[i].event];
		if (!e->mark_count)
			e->first_mark = (uint32_t)i;
		e->mark_count++;
	}
	/* By pupil, in date order. */
	d->pupil_marks = xcalloc(d->mark_count + 1, sizeof *d->pupil_marks);
	uint32_t next = 0;
	for (size_t p = 0; p < d->pupil_count; p++) {
		d->pupils[p].first_mark = next;
		d->pupils[p].mark_count = 0;
		for (size_t i = 0; i < d->mark_count; i++)
			if (d->marks[i].pupil == p)
				d->pupil_marks[next + d->pupils[p].mark_count++] = (uint32_t)i;
		next += d->pupils[p].mark_count;
	}
	if (d->selection_count)
		qsort(d->selections, d->selection_count, sizeof *d->selections, mb_compare_selections);
	return d;
}

static inline void mb_free(struct mon_builder *b)
{
	mon_data_free(&b->d);
}

#endif
