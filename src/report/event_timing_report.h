/* `waymark check timing` as people read it: one line per problem in date
 * order and a summary line (text), one row per problem (CSV), or the same
 * as JSON. The checking is domain/event_timing.h. */
#ifndef WAYMARK_EVENT_TIMING_REPORT_H
#define WAYMARK_EVENT_TIMING_REPORT_H

#include "domain/event_timing.h"
#include "util/buf.h"

/* Each appends to out. Text lines read
 * "event 42, 2025-10-13, y7-careers-fair-preparation (Year 7): PROBLEM",
 * then "3 problems in 2 events" or "all 170 events meet their timing rules".
 * CSV columns, in this order: event,date,activity_id,year_groups,check,problem
 * (year_groups as "7 8 9"; check as date, sessions or provider-access). */
void event_timing_render_text(const struct mon_data *d, const struct event_timing_result *r,
			      struct buf *out);
void event_timing_render_csv(const struct mon_data *d, const struct event_timing_result *r,
			     struct buf *out);
void event_timing_render_json(const struct mon_data *d, const struct event_timing_result *r,
			      struct buf *out);

/* "Year 7", "Years 7-13", "Years 8, 10 and 12" for a year-group mask;
 * appended to out. */
void event_timing_describe_year_groups(uint16_t year_groups, struct buf *out);

#endif
