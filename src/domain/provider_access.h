/* Provider Access: the encounters with providers of approved technical
 * education or apprenticeships that the law requires (since January 2023),
 * counted from the registers. docs/provider-access.md explains the rules
 * for careers leaders; here they are as code:
 *
 *  - Three phases, each needing two encounters: 1 = Years 8-9 and
 *    2 = Years 10-11, which every pupil must attend, and 3 = Years 12-13,
 *    which the school must offer and pupils may decline.
 *  - An event is an encounter for a pupil when its activity has
 *    `provider_access: true`; it is on a school day of its academic year's
 *    calendar (Monday to Friday when that year has no calendar); its
 *    activity's slot is not after-school or evening; and the pupil's year
 *    group on its date is in a phase, in that year group's window: any time
 *    of the academic year in the first year of a phase (8, 10, 12), only
 *    from 1 September to the end of February (28th, or 29th in a leap year)
 *    in the second (9, 11, 13).
 *  - A pupil's encounters in a phase are the events they were marked
 *    present at that are encounters for them, dated from 1 September of the
 *    year before the report's year up to the as-of date, at which their year
 *    group was in that phase: a Year 9 pupil's Year 8 encounters count.
 *  - For each year group 8-13 of the report's year: eligible = pupils
 *    enrolled in that year group that year and on roll on the as-of date;
 *    met = those with at least two encounters in the phase.
 *  - Phase 3 rows also count the encounters offered: events of the year up
 *    to the as-of date that are encounters for that year group; and the
 *    present marks of that year group's pupils at them.
 *  - Warnings: each event of the year (held or still to come) of a
 *    Provider Access activity that will not count, for whom, and why.
 *
 * Pure rules over struct mon_data: no SQL, no formats. */
#ifndef WAYMARK_PROVIDER_ACCESS_H
#define WAYMARK_PROVIDER_ACCESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/monitoring.h"

enum {
	PROVIDER_ACCESS_ENCOUNTERS_NEEDED = 2,
	PROVIDER_ACCESS_PHASES = 3,
	PROVIDER_ACCESS_FIRST_YEAR_GROUP = 8,
	PROVIDER_ACCESS_LAST_YEAR_GROUP = 13,
};

/* Whether an event is an encounter for a pupil of a year group, or the
 * first reason it is not. */
enum provider_access_verdict {
	PROVIDER_ACCESS_COUNTS,
	PROVIDER_ACCESS_NOT_PROVIDER_ACCESS, /* the activity does not claim it */
	PROVIDER_ACCESS_NOT_SCHOOL_DAY,
	PROVIDER_ACCESS_OUTSIDE_SCHOOL_DAY,  /* an after-school or evening slot */
	PROVIDER_ACCESS_NO_PHASE,            /* a year group outside 8-13 */
	PROVIDER_ACCESS_AFTER_FEBRUARY,      /* second year of a phase, March-August */
};

/* "counts", "not-provider-access", "not-school-day", "outside-school-day",
 * "no-phase", "after-february": for CSV and JSON. */
const char *provider_access_verdict_name(enum provider_access_verdict v);
/* The phase of a year group: 1 (Years 8-9), 2 (10-11), 3 (12-13), or 0. */
int provider_access_phase(int year_group);
/* Whether year_group is in a phase and date (in the academic year the
 * year group is for) is in its window: any date for Years 8, 10 and 12;
 * September to February for Years 9, 11 and 13. */
bool provider_access_in_window(int year_group, date_t date);
/* A school day of the calendar of date's academic year, or Monday to
 * Friday when d has no calendar for that year. */
bool provider_access_school_day(const struct mon_data *d, date_t date);
/* The verdict on events[event] for a pupil in year_group on its date. */
enum provider_access_verdict provider_access_event_verdict(const struct mon_data *d,
							   uint32_t event, int year_group);
/* The encounters in phase (1-3) that pupil was present at, dated from
 * `from` to as_of inclusive. */
int provider_access_encounters(const struct mon_data *d, uint32_t pupil, int phase,
			       date_t from, date_t as_of);

/* An event that will not count, and why. */
struct provider_access_warning {
	uint32_t event;                      /* index in mon_data.events */
	int year_group;                      /* for whom; 0: for anyone */
	enum provider_access_verdict verdict;
	/* "will not count for Year 9 pupils: Provider Access counts Year 9
	 * encounters only from 1 September to the end of February": the event
	 * itself is named by whoever prints it. */
	const char *problem;
};

struct provider_access_warnings {
	struct provider_access_warning *items; /* by event date, then event */
	size_t count;
	struct arena arena;                    /* owns the problems */
};

/* Every event of the academic year start_year (held or still to come) of
 * a Provider Access activity that will not count for some of the year
 * groups it serves: one warning per reason (a day that is not a school day
 * and a slot outside it: for anyone; a year group outside the phases or
 * after February of a second year: for that year group). out is
 * overwritten; free it with provider_access_warnings_free. */
void provider_access_find_warnings(const struct mon_data *d, int start_year,
				   struct provider_access_warnings *out);
void provider_access_warnings_free(struct provider_access_warnings *w);

/* A pupil with fewer than two encounters. */
struct provider_access_pupil {
	uint32_t enrolment;          /* index in mon_data.enrolments */
	int encounters;
};

struct provider_access_row {
	int phase;
	int year_group;
	int eligible, met;
	int offered;                 /* phase 3: encounters offered so far */
	int attended;                /* phase 3: present marks at them */
	struct provider_access_pupil *missed; /* by tutor group, then name */
	size_t missed_count;
};

struct provider_access_query {
	int start_year;
	date_t as_of;
	unsigned year_groups;        /* bit n: Year n; 0 for Years 8-13 */
	bool want_missed;
};

struct provider_access_report {
	int start_year;
	date_t as_of;
	struct provider_access_row rows[PROVIDER_ACCESS_LAST_YEAR_GROUP -
					PROVIDER_ACCESS_FIRST_YEAR_GROUP + 1];
	size_t count;                /* rows in year-group order */
	/* Years (the previous and this) with Provider Access events but no
	 * calendar: Monday to Friday were taken as school days. */
	int weekday_years[2];
	size_t weekday_year_count;
	struct provider_access_warnings warnings;
	struct arena arena;          /* owns the missed lists */
};

/* Computes the report for the query. It refers to d, which must outlive
 * it; free it with provider_access_report_free. */
void provider_access_compute(const struct mon_data *d, const struct provider_access_query *q,
			     struct provider_access_report *out);
void provider_access_report_free(struct provider_access_report *r);

#endif
