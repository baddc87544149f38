/* Entitlement: who has received each activity of the programme, and who
 * missed out, per year group, from the registers.
 *
 * For an activity and a year group in an academic year, up to a date:
 *  - the sessions held are the activity's events for that year group in
 *    that year, dated on or before the as-of date, whose register has been
 *    taken (at least one pupil marked): an event with no register is
 *    "register not taken" and counts for nobody (docs/registers.md);
 *  - a session counts for a pupil only when the pupil is marked at it: a
 *    pupil left unmarked in an incomplete register has neither received
 *    nor missed it;
 *  - a pupil is eligible if enrolled in that year group that year and on
 *    roll on the date of at least one session held (and, for a `selected`
 *    activity, selected that year);
 *  - a pupil received the entitlement if present at as many of the held
 *    sessions they were on roll for as the activity needs, up to its
 *    `sessions` count: all three of "3 careers lessons" once three are
 *    held; a catch-up session makes up for a missed one;
 *  - percent = received / eligible; `met` at or above the year group's
 *    entitlement floor, else `below`.
 * An `invited` activity owes nothing: its row counts the pupils who came.
 *
 * A personal-guidance activity (kind personal-guidance) is also held by the
 * guidance meetings recorded for its year group: once anyone in the year
 * group has had one that year (up to the as-of date), each pupil's meetings
 * while on roll count as sessions attended, and a pupil on roll on the last
 * day counted without one is owed one. */
#ifndef WAYMARK_ENTITLEMENT_H
#define WAYMARK_ENTITLEMENT_H

#include <stdbool.h>
#include <stddef.h>

#include "domain/monitoring.h"

enum entitlement_status {
	ENTITLEMENT_MET,
	ENTITLEMENT_BELOW,
	ENTITLEMENT_NOT_HELD,   /* no session held yet */
	ENTITLEMENT_NO_PUPILS,  /* sessions held, nobody eligible (an empty year group) */
	ENTITLEMENT_ATTENDANCE, /* an invited activity: counts only */
	ENTITLEMENT_NOT_TAKEN,  /* events up to the date, but no register taken */
};

const char *entitlement_status_name(enum entitlement_status s); /* "met", "below"... */

struct missed_session {
	uint32_t event;
	bool marked;                 /* always true: unmarked sessions are not missed */
	enum mark_status status;     /* absent or excused */
};

struct missed_pupil {
	uint32_t enrolment;          /* index in mon_data.enrolments */
	int attended;                /* sessions present at */
	int required;                /* sessions needed */
	struct missed_session *sessions;
	size_t session_count;
};

struct entitlement_row {
	int year_group;
	uint32_t activity;           /* index in the programme */
	int sessions_held;
	int eligible, received;      /* all and selected cohorts */
	int attended;                /* invited: pupils present at least once */
	int meetings;                /* personal guidance: pupils with a recorded meeting */
	int registers_not_taken;     /* its events before as_of with no register */
	int unmarked;                /* pupils left unmarked in its incomplete registers,
				      * once per session (all and selected cohorts) */
	enum entitlement_status status;
	struct subgroup_count subgroups[SUBGROUP_COUNT]; /* the members' figures */
	struct missed_pupil *missed; /* by tutor group, then name; when asked for */
	size_t missed_count;
};

struct entitlement_query {
	int start_year;
	date_t as_of;
	unsigned year_groups;        /* bit n: Year n; 0 for all */
	bool want_missed;
};

struct entitlement_report {
	int start_year;
	date_t as_of;
	struct entitlement_row *rows;  /* by year group, then programme order */
	size_t count;
	struct arena arena;            /* owns the missed lists */
};

/* Computes every row for the query. The report refers to d, which must
 * outlive it. */
void entitlement_compute(const struct mon_data *d, const struct entitlement_query *q,
			 struct entitlement_report *out);
void entitlement_report_free(struct entitlement_report *r);

/* The rule itself: on_roll sessions held while the pupil was on roll,
 * present at `present` of them; received when present at as many as the
 * activity needs, up to its `sessions`. */
bool entitlement_received(int on_roll, int present, int sessions, int *required);

/* One pupil's progress on one activity of their year group. */
struct pupil_entitlement {
	uint32_t activity;
	int held_on_roll;            /* sessions held while on roll, marked at */
	int unmarked;                /* its incomplete registers that leave the pupil
				      * unmarked (while on roll), up to as_of */
	int not_taken;               /* its events while on roll, before as_of, with no
				      * register */
	int present;
	int required;
	int meetings;                /* personal guidance: recorded meetings counted */
	bool eligible;               /* on roll for a session (and selected, if need be) */
	bool received;
};

/* The word for a pupil's progress on an activity: "received", "owed",
 * "register not taken" (its only sessions had no register), "not marked"
 * (left unmarked in an incomplete register) or "not held yet". A static
 * string. */
const char *pupil_entitlement_status(const struct pupil_entitlement *pe);

/* A pupil's progress on every all-cohort activity of their year group in
 * start_year, and the selected ones they were selected for, up to as_of:
 * out (caller frees) gets one entry per activity, in programme order.
 * Returns the count (0 when not enrolled that year). */
size_t entitlement_for_pupil(const struct mon_data *d, uint32_t pupil, int start_year,
			     date_t as_of, struct pupil_entitlement **out);

/* The gap, in percentage points, between a subgroup and the rest of its
 * row (subgroup minus rest). false when either side has nobody eligible. */
bool entitlement_gap(const struct entitlement_row *row, enum subgroup s, double *gap);

#endif
