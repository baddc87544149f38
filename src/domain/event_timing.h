/* Checking a year's scheduled events against their activities' timing
 * rules and the calendar's named dates, as `waymark check timing` does:
 *
 *  - each event's date, with timing_check_date, once for each year group
 *    it serves (an event with no year group serves every year group of its
 *    activity); a `before_activity` rule compares it with the first event
 *    of the named activity this year for the same year group;
 *  - each activity's events for each year group together (in date order),
 *    with timing_check_sessions: consecutive school days, once a term.
 *    Each pair of neighbouring sessions is checked in turn, so that a
 *    problem belongs to the session that breaks the run;
 *  - Provider Access events that will not count
 *    (provider_access_find_warnings).
 *
 * A problem found for several year groups of one event in the same words is
 * one problem for all of them. Pure rules over struct mon_data. */
#ifndef WAYMARK_EVENT_TIMING_H
#define WAYMARK_EVENT_TIMING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/monitoring.h"

enum event_timing_check {
	EVENT_TIMING_DATE,            /* the date against the activity's rule */
	EVENT_TIMING_SESSIONS,        /* the sessions together */
	EVENT_TIMING_PROVIDER_ACCESS, /* it will not count for Provider Access */
};

/* "date", "sessions", "provider-access": for CSV and JSON. */
const char *event_timing_check_name(enum event_timing_check c);

struct event_timing_problem {
	uint32_t event;               /* index in mon_data.events */
	uint16_t year_groups;         /* bit n: the problem holds for Year n */
	enum event_timing_check check;
	const char *problem;          /* "2025-10-13 is not before ...", owned by the result */
};

struct event_timing_result {
	int start_year;
	size_t events_checked;        /* the events of the year */
	size_t events_with_problems;
	struct event_timing_problem *problems; /* by event date, then event, as found */
	size_t count;
	struct arena arena;
};

/* Checks every event of the academic year start_year. Returns false, with
 * an empty result, when d has no calendar for that year; true otherwise.
 * out is overwritten either way: free it with event_timing_result_free. */
bool event_timing_check(const struct mon_data *d, int start_year,
			struct event_timing_result *out);
void event_timing_result_free(struct event_timing_result *r);

/* The year groups an event serves: bit n for Year n. */
uint16_t event_timing_year_groups(const struct mon_data *d, const struct mon_event *e);

#endif
