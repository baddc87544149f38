/* Checking dates against an activity's timing rule, and finding dates that
 * satisfy one. The rule vocabulary is in domain/programme.h and
 * docs/programme-format.md. */
#ifndef WAYMARK_TIMING_H
#define WAYMARK_TIMING_H

#include <stddef.h>

#include "domain/calendar.h"
#include "domain/programme.h"

/* Called once per broken constraint with a sentence such as
 * "2025-10-10 is in the week leading up to careers-fair (2025-10-16)". */
typedef void (*timing_report_fn)(void *ctx, const char *problem);

/* Checks one session date. before_activity_first is the first session of
 * the activity named by `before_activity` for the same year group, or
 * DATE_NONE when it has none yet. Returns the number of problems. */
int timing_check_date(const struct timing_rule *rule, const struct school_calendar *cal,
		      date_t d, date_t before_activity_first, timing_report_fn report,
		      void *ctx);

/* Checks what concerns all sessions of one activity for one year group
 * together (sorted dates): consecutive school days, one per term for termly
 * activities. Returns the number of problems. */
int timing_check_sessions(const struct timing_rule *rule, const struct school_calendar *cal,
			  const date_t *dates, size_t count, timing_report_fn report,
			  void *ctx);

/* Every school day of the year that satisfies the single-date constraints
 * of rule, in order, written to out (at most max); returns how many there
 * are in all. Used to schedule the demo school and to suggest dates. */
size_t timing_candidate_dates(const struct timing_rule *rule,
			      const struct school_calendar *cal,
			      date_t before_activity_first, date_t *out, size_t max);

#endif
