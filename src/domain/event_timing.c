#include "domain/event_timing.h"

#include <stdlib.h>
#include <string.h>

#include "domain/provider_access.h"
#include "domain/timing.h"
#include "util/mem.h"

const char *event_timing_check_name(enum event_timing_check c)
{
	switch (c) {
	case EVENT_TIMING_DATE:
		return "date";
	case EVENT_TIMING_SESSIONS:
		return "sessions";
	case EVENT_TIMING_PROVIDER_ACCESS:
		return "provider-access";
	}
	return "?";
}

uint16_t event_timing_year_groups(const struct mon_data *d, const struct mon_event *e)
{
	if (e->year_group)
		return (uint16_t)(1u << e->year_group);
	return d->programme.activities[e->activity].year_groups;
}

struct checker {
	struct event_timing_result *out;
	size_t cap;
	/* The event and year group the timing functions are reporting on. */
	uint32_t event;
	uint16_t year_groups;
	enum event_timing_check check;
};

static void add_problem(struct checker *c, const char *text)
{
	struct event_timing_result *out = c->out;
	/* The same words for another year group of the same event: one
	 * problem. An event's problems are not all together until the end (the
	 * sessions are checked after every date), so all are searched. */
	for (size_t i = 0; i < out->count; i++) {
		struct event_timing_problem *p = &out->problems[i];
		if (p->event == c->event && p->check == c->check && strcmp(p->problem, text) == 0) {
			p->year_groups |= c->year_groups;
			return;
		}
	}
	ARRAY_RESERVE(out->problems, c->cap, out->count + 1);
	out->problems[out->count++] = (struct event_timing_problem){
		c->event, c->year_groups, c->check, arena_strdup(&out->arena, text),
	};
}

static void report_problem(void *ctx, const char *problem)
{
	add_problem(ctx, problem);
}

/* The first event of the year [first, last] of activity serving
 * year_group, or DATE_NONE. */
static date_t first_session(const struct mon_data *d, size_t first, size_t last,
			    uint32_t activity, int year_group)
{
	for (size_t i = first; i < last; i++) {
		const struct mon_event *e = &d->events[i];
		if (e->activity == activity && mon_event_for_year_group(d, e, year_group))
			return e->date;
	}
	return DATE_NONE;
}

static uint32_t activity_index(const struct programme *p, const char *id)
{
	for (size_t i = 0; i < p->activity_count; i++)
		if (strcmp(p->activities[i].id, id) == 0)
			return (uint32_t)i;
	return UINT32_MAX;
}

static void check_dates(struct checker *c, const struct mon_data *d,
			const struct school_calendar *cal, size_t first, size_t last)
{
	c->check = EVENT_TIMING_DATE;
	for (size_t i = first; i < last; i++) {
		const struct mon_event *e = &d->events[i];
		const struct activity *a = &d->programme.activities[e->activity];
		uint16_t served = event_timing_year_groups(d, e);
		c->event = (uint32_t)i;
		uint32_t before = a->timing.before_activity
			? activity_index(&d->programme, a->timing.before_activity) : UINT32_MAX;
		if (before == UINT32_MAX || !served) {
			/* The same answer for every year group it serves. */
			c->year_groups = served;
			timing_check_date(&a->timing, cal, e->date, DATE_NONE, report_problem, c);
			continue;
		}
		for (int y = YEAR_GROUP_FIRST; y <= YEAR_GROUP_LAST; y++) {
			if (!((served >> y) & 1))
				continue;
			c->year_groups = (uint16_t)(1u << y);
			timing_check_date(&a->timing, cal, e->date,
					  first_session(d, first, last, before, y), report_problem, c);
		}
	}
}

static void check_sessions(struct checker *c, const struct mon_data *d,
			   const struct school_calendar *cal, size_t first, size_t last)
{
	c->check = EVENT_TIMING_SESSIONS;
	size_t count = last - first;
	uint32_t *events = xcalloc(count + 1, sizeof *events);
	for (size_t a = 0; a < d->programme.activity_count; a++) {
		const struct activity *act = &d->programme.activities[a];
		for (int y = YEAR_GROUP_FIRST; y <= YEAR_GROUP_LAST; y++) {
			if (!((act->year_groups >> y) & 1))
				continue;
			size_t n = 0;
			for (size_t i = first; i < last; i++)
				if (d->events[i].activity == a &&
				    mon_event_for_year_group(d, &d->events[i], y))
					events[n++] = (uint32_t)i;
			c->year_groups = (uint16_t)(1u << y);
			for (size_t k = 1; k < n; k++) {
				date_t pair[2] = { d->events[events[k - 1]].date,
						   d->events[events[k]].date };
				c->event = events[k];
				timing_check_sessions(&act->timing, cal, pair, 2, report_problem, c);
			}
		}
	}
	free(events);
}

static int compare_problems(const void *x, const void *y)
{
	const struct event_timing_problem *a = x, *b = y;
	if (a->event != b->event)
		return a->event < b->event ? -1 : 1;
	/* Within an event: date problems, then sessions, then Provider Access,
	 * each in the order found (kept by the stable insertion below). */
	return (int)a->check - (int)b->check;
}

/* A stable sort: problems of one check of one event keep their order. */
static void sort_problems(struct event_timing_problem *p, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		struct event_timing_problem x = p[i];
		size_t j = i;
		while (j > 0 && compare_problems(&p[j - 1], &x) > 0) {
			p[j] = p[j - 1];
			j--;
		}
		p[j] = x;
	}
}

bool event_timing_check(const struct mon_data *d, int start_year,
			struct event_timing_result *out)
{
	*out = (struct event_timing_result){ .start_year = start_year };
	const struct school_calendar *cal = mon_calendar(d, start_year);
	if (!cal)
		return false;
	date_t first_day = academic_year_first_day(start_year);
	date_t last_day = academic_year_last_day(start_year);
	size_t first = 0, last;
	while (first < d->event_count && d->events[first].date < first_day)
		first++;
	last = first;
	while (last < d->event_count && d->events[last].date <= last_day)
		last++;
	out->events_checked = last - first;

	struct checker c = { .out = out };
	check_dates(&c, d, cal, first, last);
	check_sessions(&c, d, cal, first, last);

	struct provider_access_warnings warnings;
	provider_access_find_warnings(d, start_year, &warnings);
	c.check = EVENT_TIMING_PROVIDER_ACCESS;
	for (size_t i = 0; i < warnings.count; i++) {
		const struct provider_access_warning *w = &warnings.items[i];
		c.event = w->event;
		c.year_groups = w->year_group ? (uint16_t)(1u << w->year_group)
					      : event_timing_year_groups(d, &d->events[w->event]);
		add_problem(&c, w->problem);
	}
	provider_access_warnings_free(&warnings);

	sort_problems(out->problems, out->count);
	for (size_t i = 0; i < out->count; i++)
		out->events_with_problems += i == 0 || out->problems[i].event != out->problems[i - 1].event;
	return true;
}

void event_timing_result_free(struct event_timing_result *r)
{
	free(r->problems);
	arena_free(&r->arena);
	*r = (struct event_timing_result){ 0 };
}
