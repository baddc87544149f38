/* Builds a struct mon_data in memory, as store/monitoring_store.c would load
 * it, for the unit suites of the monitoring rules: add a programme (from
 * YAML or activity by activity), calendars, pupils, enrolments, events and
 * marks, then mb_finish() sorts the events by date and puts the marks in
 * their two orders (by event then pupil; by pupil then date).
 * mon_data_free() (or mb_free) frees it all. */
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

static inline void mb_init(struct mon_builder *b)
{
	memset(b, 0, sizeof *b);
	programme_init(&b->d.programme);
	b->d.school_id = 1;
}

/* The programme from a programme file's text; activities get row ids. */
static inline void mb_programme(struct mon_builder *b, const char *yaml)
{
	struct diag_list diags;
	diag_init(&diags, "programme");
	programme_free(&b->d.programme);
	bool ok = programme_parse(yaml, strlen(yaml), &b->d.programme, &diags);
	if (!ok)
		diag_print(&diags, stderr);
	assert_true(ok);
	diag_free(&diags);
	for (size_t i = 0; i < b->d.programme.activity_count; i++)
		b->d.programme.activities[i].db_id = (long long)i + 1;
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
	a->db_id = (long long)b->d.programme.activity_count;
	for (const int *y = year_groups; *y; y++)
		a->year_groups |= (uint16_t)(1u << *y);
	return a;
}

#define MB_YEARS(...) ((const int[]){ __VA_ARGS__, 0 })

/* The index of the programme's activity with this id. */
static inline uint32_t mb_activity_index(const struct mon_builder *b, const char *id)
{
	const struct activity *a = programme_find_activity(&b->d.programme, id);
	assert_non_null(a);
	return (uint32_t)(a - b->d.programme.activities);
}

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

/* Enrolments must be added pupil by pupil, year by year. from DATE_NONE:
 * the first day of the year; to DATE_NONE or DATE_OPEN: still on roll. */
static inline void mb_enrol_with(struct mon_builder *b, uint32_t pupil, int start_year,
				 int year_group, const char *tutor_group, unsigned flags,
				 char gender, date_t from, date_t to)
{
	struct mon_data *d = &b->d;
	ARRAY_RESERVE(d->enrolments, b->enrolment_cap, d->enrolment_count + 1);
	d->enrolments[d->enrolment_count] = (struct mon_enrolment){
		.pupil = pupil, .start_year = start_year, .year_group = year_group,
		.flags = flags, .gender = gender,
		.from = from == DATE_NONE ? academic_year_first_day(start_year) : from,
		.to = to == DATE_NONE ? DATE_OPEN : to, .tutor_group = tutor_group,
	};
	struct mon_pupil *p = &d->pupils[pupil];
	if (!p->enrolment_count)
		p->first_enrolment = (uint32_t)d->enrolment_count;
	p->enrolment_count++;
	d->enrolment_count++;
}

static inline void mb_enrol(struct mon_builder *b, uint32_t pupil, int start_year,
			    int year_group, const char *tutor_group, date_t from, date_t to)
{
	mb_enrol_with(b, pupil, start_year, year_group, tutor_group, 0, 0, from, to);
}

/* Events may be added in any order: marks refer to an event by the number
 * mb_event returned, and mb_finish moves them with it. */
static inline uint32_t mb_event(struct mon_builder *b, uint32_t activity, date_t date,
				int year_group)
{
	struct mon_data *d = &b->d;
	ARRAY_RESERVE(d->events, b->event_cap, d->event_count + 1);
	d->events[d->event_count] = (struct mon_event){
		.id = (long long)d->event_count + 1, .activity = activity, .date = date,
		.start_year = academic_year_of(date),
		.year_group = year_group,
	};
	return (uint32_t)d->event_count++;
}

static inline uint32_t mb_event_of(struct mon_builder *b, const char *activity, date_t date,
				   int year_group)
{
	return mb_event(b, mb_activity_index(b, activity), date, year_group);
}

static inline void mb_mark(struct mon_builder *b, uint32_t event, uint32_t pupil,
			   enum mark_status status)
{
	struct mon_data *d = &b->d;
	ARRAY_RESERVE(d->marks, b->mark_cap, d->mark_count + 1);
	d->marks[d->mark_count++] = (struct mon_mark){ event, pupil, status };
}

static inline void mb_select(struct mon_builder *b, const char *activity, int start_year,
			     uint32_t pupil)
{
	struct mon_data *d = &b->d;
	ARRAY_RESERVE(d->selections, b->selection_cap, d->selection_count + 1);
	d->selections[d->selection_count++] =
		(struct mon_selection){ mb_activity_index(b, activity), start_year, pupil };
}

static inline void mb_guidance(struct mon_builder *b, uint32_t pupil, date_t date, bool external,
			       int level)
{
	struct mon_data *d = &b->d;
	ARRAY_RESERVE(d->guidance, b->guidance_cap, d->guidance_count + 1);
	d->guidance[d->guidance_count++] = (struct mon_guidance){ pupil, date, external, level, NULL, DATE_NONE };
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

/* Sorts and indexes everything as the store does; returns the data. */
static inline struct mon_data *mb_finish(struct mon_builder *b)
{
	struct mon_data *d = &b->d;
	/* Events by date; each mark follows its event's new place. */
	uint32_t *place = xcalloc(d->event_count + 1, sizeof *place);
	if (d->event_count)
		qsort(d->events, d->event_count, sizeof *d->events, mb_compare_events);
	for (size_t i = 0; i < d->event_count; i++)
		place[d->events[i].id - 1] = (uint32_t)i;
	for (size_t i = 0; i < d->mark_count; i++)
		d->marks[i].event = place[d->marks[i].event];
	free(place);
	if (d->mark_count)
		qsort(d->marks, d->mark_count, sizeof *d->marks, mb_compare_marks);
	for (size_t e = 0; e < d->event_count; e++)
		d->events[e].mark_count = 0;
	for (size_t i = d->mark_count; i-- > 0;) {
		struct mon_event *e = &d->events[d->marks[i].event];
		e->first_mark = (uint32_t)i;
		e->mark_count++;
	}
	/* By pupil: marks are in event order, and events in date order. */
	d->pupil_marks = xcalloc(d->mark_count + 1, sizeof *d->pupil_marks);
	size_t next = 0;
	for (size_t p = 0; p < d->pupil_count; p++) {
		d->pupils[p].first_mark = (uint32_t)next;
		d->pupils[p].mark_count = 0;
		for (size_t i = 0; i < d->mark_count; i++) {
			if (d->marks[i].pupil == p) {
				d->pupil_marks[next++] = (uint32_t)i;
				d->pupils[p].mark_count++;
			}
		}
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
