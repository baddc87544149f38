/* The Gatsby Benchmarks, computed from the registers.
 *
 * Pupil-level criteria. For the report year Y (its start_year) and a date
 * as_of, a criterion's eligible pupils are those with an enrolment in Y, in
 * one of the criterion's year groups, on roll on as_of. What a pupil did is
 * read from their marks (present only, at events dated on or before as_of),
 * their personal guidance meetings (dated on or before as_of) and the
 * attributes of each event's activity (benchmarks, kind, encounters, visit,
 * hours). The year group a pupil was in at an earlier event is
 * mon_year_group_on() of its date, so history from earlier years counts.
 * Key stages: KS3 = Years 7-9, KS4 = 10-11, KS5 = 12-13.
 *
 *   bm2-ks3, bm2-ks4, bm2-ks5 (Years 7-9, 10-11, 12-13): at least one event
 *     of an activity with Benchmark 2 while in the pupil's current key stage.
 *   bm5-year (7-13): in year Y, at least one event of an activity with
 *     Benchmark 5 that meets an employer (ENCOUNTER_EMPLOYER).
 *   bm6-by-16 (11): at least 2 events of activities with Benchmark 6 while in
 *     Years 7-11.
 *   bm6-hours-by-16 (11): those events' hours (the activity's `hours` per
 *     session, 0 when unknown) add up to at least 50.
 *   bm6-by-18 (13): at least 1 Benchmark 6 event while in Years 12-13.
 *   bm7-by-16 (11): while in Years 7-11, events whose activities' encounters
 *     together cover sixth form, further education, higher education and
 *     apprenticeship provider (any activity: the encounters are the evidence).
 *   bm7-he-visits (13; eligible only when the Y enrolment has
 *     PUPIL_CONSIDERING_HE): at least 2 events of activities with `visit`
 *     that meet higher education, in any year.
 *   bm8-by-16 (11), bm8-by-18 (13): a personal guidance meeting while in
 *     Years 7-11 (12-13): a meeting recorded at Level 6 or above, or
 *     attendance at an activity of kind personal-guidance.
 *
 * Benchmark 4 is counted in subjects, not pupils:
 *   bm4-subjects (7-13, when the programme lists `subjects`): eligible is the
 *     number of the programme's subjects, met the subjects with at least one
 *     event held for that year group (dated in Y, up to as_of) of an activity
 *     with Benchmark 4 whose event subject is that subject or whose activity
 *     lists it. A year group with no pupils on roll has eligible 0.
 *
 * Benchmarks 1 and 3 are a checklist of programme-level items (below).
 *
 * Compass-style scores: a benchmark's percentage is its criteria achieved
 * over its criteria scored. For Benchmarks 2 and 4-8 each (criterion, year
 * group) row with eligible > 0 is scored; strict mode achieves it only at
 * 100%, banded mode at or above the year group's entitlement floor. For
 * Benchmarks 1 and 3, the checklist items met over the items defined
 * (in progress does not count). */
#ifndef WAYMARK_BENCHMARKS_H
#define WAYMARK_BENCHMARKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/monitoring.h"
#include "domain/programme.h"
#include "util/arena.h"
#include "util/date.h"

enum { BENCHMARK_COUNT = 8 };

/* "A stable careers programme", "Learning from career and labour market
 * information"...; benchmark 1-8, "?" otherwise. Static strings. */
const char *benchmark_title(int benchmark);

enum key_stage { KEY_STAGE_3, KEY_STAGE_4, KEY_STAGE_5, KEY_STAGE_COUNT };

/* The key stage of a year group, or -1 outside Years 7-13. */
int benchmark_key_stage_of(int year_group);
/* "KS3", "KS4", "KS5". */
const char *benchmark_key_stage_name(enum key_stage k);

/* The criteria, in report order. */
enum benchmark_criterion {
	CRITERION_LMI_KS3,                 /* bm2-ks3 */
	CRITERION_LMI_KS4,                 /* bm2-ks4 */
	CRITERION_LMI_KS5,                 /* bm2-ks5 */
	CRITERION_CURRICULUM_SUBJECTS,     /* bm4-subjects */
	CRITERION_EMPLOYER_THIS_YEAR,      /* bm5-year */
	CRITERION_WORKPLACES_BY_16,        /* bm6-by-16 */
	CRITERION_WORKPLACE_HOURS_BY_16,   /* bm6-hours-by-16 */
	CRITERION_WORKPLACE_BY_18,         /* bm6-by-18 */
	CRITERION_PROVIDERS_BY_16,         /* bm7-by-16 */
	CRITERION_UNIVERSITY_VISITS,       /* bm7-he-visits */
	CRITERION_GUIDANCE_BY_16,          /* bm8-by-16 */
	CRITERION_GUIDANCE_BY_18,          /* bm8-by-18 */
	CRITERION_COUNT
};

struct benchmark_criterion_info {
	const char *id;          /* stable: "bm6-hours-by-16" */
	int benchmark;           /* 2, 4, 5, 6, 7 or 8 */
	unsigned year_groups;    /* bit n: counted for Year n */
	double need;             /* a pupil meets it when their figure reaches this */
	const char *unit;        /* what the figure counts: "events", "hours"... */
	const char *title;       /* one line for reports */
};

/* The definition of a criterion; static. */
const struct benchmark_criterion_info *benchmark_criterion_info(enum benchmark_criterion c);
/* By stable id; false when unknown. */
bool benchmark_criterion_parse(const char *id, enum benchmark_criterion *out);

/* ---- The report ---- */

struct benchmark_query {
	int start_year;
	date_t as_of;
	unsigned year_groups;    /* bit n: Year n; 0 for all */
	bool want_missed;        /* list the pupils not meeting each criterion */
};

/* A pupil not meeting a criterion, with their figure (in the criterion's
 * unit: 1 workplace event of the 2 needed, 7.5 hours of 50). */
struct benchmark_missed {
	uint32_t enrolment;      /* index in mon_data.enrolments */
	double have;
};

/* One criterion for one year group. */
struct benchmark_row {
	enum benchmark_criterion criterion;
	int year_group;
	int eligible, met;       /* pupils; subjects for bm4-subjects */
	struct subgroup_count subgroups[SUBGROUP_COUNT]; /* pupil criteria only */
	struct benchmark_missed *missed; /* by tutor group, then name; when asked */
	size_t missed_count;
};

/* Hours of workplace experience (Benchmark 6) of a year group's counted
 * pupils, by the key stage the pupil was in at each experience. The mean
 * is total[k] / pupils. */
struct benchmark_hours {
	int pupils;
	double total[KEY_STAGE_COUNT];
};

struct benchmark_report {
	int start_year;
	date_t as_of;
	struct benchmark_row *rows;      /* by criterion (so by benchmark), then year group */
	size_t count;
	/* The Benchmark 4 matrix: for programme subject i, bit n set when Year
	 * n had a careers link in it (held, in Y, up to as_of), whatever the
	 * year group filter. NULL when the programme lists no subjects. */
	uint16_t *subject_years;
	size_t subject_count;
	struct benchmark_hours hours[YEAR_GROUP_LAST + 1]; /* by year group */
};

/* Computes every row the query asks for: each criterion for each of its
 * year groups in q->year_groups, bm4-subjects only when the programme has
 * subjects. Rows with nobody eligible are kept (they are not scored). The
 * report refers to d, which must outlive it; free it with
 * benchmark_report_free. */
void benchmark_compute(const struct mon_data *d, const struct benchmark_query *q,
		       struct benchmark_report *out);
void benchmark_report_free(struct benchmark_report *r);

/* The gap, in percentage points to one decimal, between a subgroup and the
 * rest of its row (subgroup minus rest). false when either side has nobody
 * eligible. */
bool benchmark_gap(const struct benchmark_row *row, enum subgroup s, double *gap);

/* ---- Benchmarks 1 and 3: the checklist ---- */

enum benchmark_item_status {
	BENCHMARK_ITEM_NOT_MET,
	BENCHMARK_ITEM_IN_PROGRESS,
	BENCHMARK_ITEM_MET,
};

/* "not-met", "in-progress", "met". */
const char *benchmark_item_status_name(enum benchmark_item_status s);
bool benchmark_item_status_parse(const char *s, enum benchmark_item_status *out);

/* A programme-level item, defined here as data. */
struct benchmark_item {
	const char *id;           /* "1.1" .. "1.6", "3.1" .. "3.4" */
	int benchmark;            /* 1 or 3 */
	const char *description;
};

/* Every item, by id; *count set. Static. */
const struct benchmark_item *benchmark_items(size_t *count);
/* The item with this id, or NULL. */
const struct benchmark_item *benchmark_item_find(const char *id);

/* What the school has recorded for an item. */
struct benchmark_item_state {
	const char *item;                  /* the item's id */
	enum benchmark_item_status status;
	const char *evidence;              /* NULL when none */
	date_t review_date;                /* DATE_NONE when none */
};

/* The recorded states (in any order; items never recorded are not met). */
struct benchmark_checklist {
	struct benchmark_item_state *items;
	size_t count;
	struct arena arena;                /* owns the strings, for whoever fills it */
};

#define BENCHMARK_CHECKLIST_INIT { NULL, 0, ARENA_INIT }

void benchmark_checklist_free(struct benchmark_checklist *c);
/* The state of item id: the recorded one, else not met with no evidence
 * and no review date. Points into c (or to a static state). */
const struct benchmark_item_state *benchmark_checklist_state(const struct benchmark_checklist *c,
							     const char *id);
/* A review date set and before `today`. */
bool benchmark_item_review_due(const struct benchmark_item_state *s, date_t today);

/* ---- Scores ---- */

enum benchmark_mode { BENCHMARK_BANDED, BENCHMARK_STRICT };

const char *benchmark_mode_name(enum benchmark_mode m);   /* "banded", "strict" */
bool benchmark_mode_parse(const char *s, enum benchmark_mode *out);

struct benchmark_score {
	int benchmark;           /* 1-8 */
	int achieved, scored;
};

/* Whether a row is scored (eligible > 0) and achieved in this mode: strict,
 * met == eligible; banded, met / eligible at or above the entitlement floor
 * of the row's year group in p. */
bool benchmark_row_scored(const struct benchmark_row *row);
bool benchmark_row_achieved(const struct programme *p, const struct benchmark_row *row,
			    enum benchmark_mode mode);
/* The eight scores: out[b - 1] for Benchmark b, from the report's rows
 * (Benchmarks 2, 4-8) and the checklist (1 and 3; c may be NULL: nothing
 * recorded). */
void benchmark_summarise(const struct programme *p, const struct benchmark_report *r,
			 const struct benchmark_checklist *c, enum benchmark_mode mode,
			 struct benchmark_score out[BENCHMARK_COUNT]);
/* achieved / scored as a whole percent, rounded half up; -1 when nothing
 * is scored. */
int benchmark_score_percent(const struct benchmark_score *s);

/* ---- One pupil's careers record ---- */

/* One criterion as it stands for one pupil. */
struct benchmark_pupil_line {
	enum benchmark_criterion criterion;
	bool counted;            /* false: shown for information only, the pupil is
				  * not eligible (bm7-he-visits when not
				  * considering higher education) */
	bool met;                /* have >= need */
	double have;             /* the pupil's figure in the criterion's unit:
				  * events, hours, provider types, visits, meetings */
	double need;             /* from benchmark_criterion_info */
	unsigned encounters;     /* bm7-by-16: the provider types met, bits of
				  * enum encounter; 0 for the other criteria */
};

struct benchmark_pupil_record {
	int year_group;          /* in the year asked for */
	bool on_roll;            /* on roll on as_of (the report counts only these) */
	double hours[KEY_STAGE_COUNT]; /* workplace hours by key stage, up to as_of */
	struct benchmark_pupil_line lines[CRITERION_COUNT];
	size_t count;            /* lines[0..count), in criterion order */
};

/* The criteria that apply to one pupil's year group in start_year, each
 * with met or not and the figures behind it, as the report counts them up
 * to as_of (bm4-subjects, a school-level criterion, is never included).
 * false when the pupil has no enrolment in start_year (out is then zeroed).
 * out is a value; nothing to free. */
bool benchmark_pupil_record(const struct mon_data *d, uint32_t pupil, int start_year,
			   date_t as_of, struct benchmark_pupil_record *out);

/* A pupil's hours of workplace experience (Benchmark 6 events attended up to
 * as_of), by the key stage they were in at each. */
void benchmark_workplace_hours(const struct mon_data *d, uint32_t pupil, date_t as_of,
			       double hours[KEY_STAGE_COUNT]);

#endif
