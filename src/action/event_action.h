/* Events from scheduling to the end of their life: schedule, change (move
 * to another day, another time, other year groups, another activity,
 * other organisations), cancel (kept and shown, counted nowhere),
 * reinstate, and delete an event that has no register. docs/events.md
 * says what each may and may not do. The careers leader and the
 * administrator may do all of them; nobody else on the web. */
#ifndef WAYMARK_EVENT_ACTION_H
#define WAYMARK_EVENT_ACTION_H

#include "action/action.h"

enum { EVENT_ORGANISATIONS_MAX = 32, EVENT_SERIES_MAX = 40 };

/* A weekly repeat, from the event's date to the end of its term. */
enum event_repeat {
	REPEAT_NONE,
	REPEAT_WEEKLY,       /* every week on that weekday */
	REPEAT_SAME_WEEK,    /* every other week: that weekday in that A/B week */
};

/* An event as the user describes it. */
struct event_request {
	const char *activity;        /* the programme's id for it ("careers-fair") */
	date_t date;                 /* DATE_NONE: not given (a problem) */
	int start_minutes;           /* minutes after midnight; -1: no time */
	int year_group;              /* 7 to 13; 0: every year group of the activity */
	const char *title;           /* NULL or "": none */
	const char *subject;         /* NULL or "": none; any case */
	const char *organisations[EVENT_ORGANISATIONS_MAX]; /* ids or names */
	size_t organisation_count;
	enum event_repeat repeat;    /* schedule: a series of events */
	bool whole_series;           /* change: every event of the event's series, each
				      * moved by as many days as this one */
	bool accept_warnings;        /* the user has seen the timing warnings */
	bool dry_run;                /* check and warn, write nothing */
};

/* Schedules a new event, r->id its id; or with rq->repeat a series of
 * them (at most EVENT_SERIES_MAX), r->id the first, r->series_id the
 * series, r->made how many. Timing problems (the
 * activity's rule, a day that is not a school day, no calendar) are
 * warnings: ACTION_UNCONFIRMED until accepted, then ACTION_OK with them
 * still in r->warnings. */
enum action_status event_schedule(const struct action_ctx *ctx, const struct event_request *rq,
				  struct action_result *r);

/* Makes event id what rq describes. An event with a register keeps its
 * activity and year groups, stays in its academic year and cannot move
 * to a day after today (a register is never ahead of its event). */
enum action_status event_change(const struct action_ctx *ctx, long long id,
				const struct event_request *rq, struct action_result *r);

/* Cancels an event (reason may be NULL), or with whole_series every event
 * of its series from today on. A register needs accept_warnings: its
 * marks then count nowhere. */
enum action_status event_cancel(const struct action_ctx *ctx, long long id, const char *reason,
				bool whole_series, bool accept_warnings, struct action_result *r);
/* Undoes a cancellation (of every cancelled event of the series). */
enum action_status event_reinstate(const struct action_ctx *ctx, long long id, bool whole_series,
				   struct action_result *r);

/* Deletes an event, or its whole series, that has no register
 * (ACTION_CONFLICT if any has). */
enum action_status event_delete(const struct action_ctx *ctx, long long id, bool whole_series,
				struct action_result *r);

/* An event of an events file (a term's plan): activity (its database id),
 * date, year group (0: all), title and subject (NULL for none). */
struct planned_event_row {
	long long activity_id;
	date_t date;
	int year_group;
	const char *title;
	const char *subject;
};

/* Adds the events of a plan that are not there already (the same
 * activity, date, year group and subject), all in one transaction with
 * one audit entry naming file_name. r->made is how many were added, and
 * *existing how many were there already. The rows are checked by the
 * reader of the file; timing is for the caller to check afterwards. */
enum action_status event_plan_import(const struct action_ctx *ctx,
				     const struct planned_event_row *rows, size_t count,
				     const char *file_name, long *existing, struct action_result *r);

#endif
