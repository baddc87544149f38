/* What the monitoring rules read: a school's pupils, enrolments, events,
 * marks, selections and guidance meetings, loaded once into compact arrays
 * (store/monitoring_store.c) so that every figure is computed in C over
 * memory rather than by a query per figure. Indices, not database ids, link
 * the arrays. Pure data: no SQL, no formats. */
#ifndef WAYMARK_MONITORING_H
#define WAYMARK_MONITORING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/calendar.h"
#include "domain/programme.h"
#include "domain/register.h"
#include "util/arena.h"
#include "util/date.h"

/* "On roll" with no end: later than any real date. */
#define DATE_OPEN INT32_MAX

/* Pupil characteristics of an enrolment year, for the breakdowns of
 * Benchmark 3. */
enum pupil_flag {
	PUPIL_PP = 1u << 0,
	PUPIL_FSM = 1u << 1,
	PUPIL_FSM6 = 1u << 2,
	PUPIL_SEN_SUPPORT = 1u << 3,
	PUPIL_EHC_PLAN = 1u << 4,
	PUPIL_EAL = 1u << 5,
	PUPIL_LOOKED_AFTER = 1u << 6,
	PUPIL_CONSIDERING_HE = 1u << 7,
};

struct mon_pupil {
	long long id;
	const char *upn;            /* may be NULL */
	const char *name;           /* the name staff use */
	uint32_t first_enrolment;   /* this pupil's enrolments are */
	uint32_t enrolment_count;   /* enrolments[first .. first + count), by year */
	uint32_t first_mark;        /* marks by pupil: pupil_marks[first .. first + count) */
	uint32_t mark_count;
};

struct mon_enrolment {
	uint32_t pupil;
	int start_year;
	int year_group;
	unsigned flags;             /* enum pupil_flag */
	char gender;                /* 'M', 'F', 'U' or 0 */
	date_t from, to;            /* on roll; to is DATE_OPEN while on roll */
	const char *tutor_group;    /* "" when none */
};

struct mon_event {
	long long id;
	uint32_t activity;          /* index in the programme's activities */
	date_t date;
	int start_year;             /* the academic year the date falls in */
	int year_group;             /* 0: every year group of the activity */
	const char *subject;        /* NULL when none */
	uint32_t first_mark;        /* its marks: marks[first .. first + count), by pupil */
	uint32_t mark_count;
};

struct mon_mark {
	uint32_t event;
	uint32_t pupil;
	enum mark_status status;
};

struct mon_selection {
	uint32_t activity;
	int start_year;
	uint32_t pupil;
};

struct mon_guidance {
	uint32_t pupil;
	date_t date;
	bool external;
	int level;
	const char *agreed_actions;  /* NULL when none */
	date_t next_meeting;         /* DATE_NONE when none */
};

struct mon_data {
	long long school_id;
	struct programme programme;         /* owned */
	struct school_calendar *calendars;  /* owned, one per year that has one */
	size_t calendar_count;
	struct mon_pupil *pupils;
	size_t pupil_count;
	struct mon_enrolment *enrolments;   /* grouped by pupil, by year */
	size_t enrolment_count;
	struct mon_event *events;           /* by date */
	size_t event_count;
	struct mon_mark *marks;             /* by event, then pupil */
	size_t mark_count;
	uint32_t *pupil_marks;              /* indexes of marks, by pupil, then date */
	struct mon_selection *selections;   /* by activity, year, pupil */
	size_t selection_count;
	struct mon_guidance *guidance;      /* by pupil, then date */
	size_t guidance_count;
	struct arena arena;                 /* owns the strings */
};

void mon_data_free(struct mon_data *d);

/* The pupil's enrolment for an academic year, or NULL. */
const struct mon_enrolment *mon_enrolment(const struct mon_data *d, uint32_t pupil,
					  int start_year);
/* On roll on date d (from <= d <= to). */
bool mon_on_roll(const struct mon_enrolment *e, date_t d);
/* The pupil's year group on a date: from that year's enrolment, or worked
 * out from the nearest one (a year group a year). 0 if unknown. */
int mon_year_group_on(const struct mon_data *d, uint32_t pupil, date_t date);
/* The same for the academic year starting in start_year. */
int mon_year_group_in(const struct mon_data *d, uint32_t pupil, int start_year);
/* The calendar of an academic year, or NULL. */
const struct school_calendar *mon_calendar(const struct mon_data *d, int start_year);
/* The mark of a pupil at an event, or NULL (no mark: not registered). */
const struct mon_mark *mon_mark_of(const struct mon_data *d, uint32_t event, uint32_t pupil);
/* Whether a pupil was selected for an activity in a year. */
bool mon_selected(const struct mon_data *d, uint32_t activity, int start_year, uint32_t pupil);
/* Whether an event is for a year group (its own, or every one of its
 * activity's). */
bool mon_event_for_year_group(const struct mon_data *d, const struct mon_event *e, int year_group);

/* Registers (docs/registers.md). A pupil is on an event's register when
 * enrolled in its academic year in a year group the event is for and on
 * roll on its date (for a selected activity with a selection that year,
 * also selected), or marked at it. An invited activity's register holds
 * only the pupils marked at it (it records who came). */
bool mon_on_register(const struct mon_data *d, uint32_t event, uint32_t pupil);

struct mon_register {
	enum register_state state;
	int marked;                 /* pupils marked */
	int expected;               /* pupils on the register, marked or not */
};

/* The register of an event (an index in d->events) on the date as_of. */
void mon_register_of(const struct mon_data *d, uint32_t event, date_t as_of,
		     struct mon_register *out);

/* The pupils on an event's register with no mark: out (caller frees) gets
 * their indexes in d->pupils, by name. Returns the count. */
size_t mon_register_unmarked(const struct mon_data *d, uint32_t event, uint32_t **out);

/* An event whose register needs someone: due today, not taken, or
 * incomplete. */
struct mon_register_entry {
	uint32_t event;             /* index in d->events */
	struct mon_register reg;
};

/* The registers of the academic year starting in start_year, dated up to
 * as_of, that are due, not taken or incomplete, for the year groups in the
 * mask (bit n: Year n; 0 for all), by date: out (caller frees). Returns the
 * count. */
size_t mon_registers_needing_attention(const struct mon_data *d, int start_year, date_t as_of,
				       unsigned year_groups, struct mon_register_entry **out);

/* The subgroups every measure is broken down by (Benchmark 3). */
enum subgroup {
	SUBGROUP_PP,
	SUBGROUP_FSM6,
	SUBGROUP_SEN,
	SUBGROUP_EAL,
	SUBGROUP_LOOKED_AFTER,
	SUBGROUP_GIRLS,
	SUBGROUP_BOYS,
	SUBGROUP_COUNT
};

const char *subgroup_name(enum subgroup s);     /* "pp", "fsm6", "sen", ... */
const char *subgroup_title(enum subgroup s);    /* "Pupil Premium" */
bool subgroup_parse(const char *s, enum subgroup *out);
bool subgroup_member(const struct mon_enrolment *e, enum subgroup s);

/* Counts for a subgroup and the rest of its row. */
struct subgroup_count {
	int eligible, met;
};

/* percent with one decimal as the reports print it; -1 when eligible is 0. */
double mon_percent(int met, int eligible);
/* met / eligible at or above floor percent. */
bool mon_at_least(int met, int eligible, double floor);

#endif
