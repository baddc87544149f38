/* The careers programme: what each year group is entitled to, in three
 * strands, with the rules for when activities happen.
 *
 * A programme is loaded from a file (io/programme_file.c) or the database
 * (store/programme_store.c); these types and rules know neither. */
#ifndef WAYMARK_PROGRAMME_H
#define WAYMARK_PROGRAMME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/diag.h"

/* The version of the programme file format this code reads and writes. */
enum { PROGRAMME_FORMAT_VERSION = 1 };

enum { YEAR_GROUP_FIRST = 7, YEAR_GROUP_LAST = 13 };

enum strand { STRAND_CHALLENGE, STRAND_ASPIRE, STRAND_NETWORK, STRAND_COUNT };

enum cohort {
	COHORT_ALL,      /* every pupil in the year group is entitled */
	COHORT_SELECTED, /* chosen pupils; entitlement over the selection */
	COHORT_INVITED,  /* optional: attendance is counted, not owed */
	COHORT_COUNT
};

enum activity_kind {
	KIND_EMPLOYER_ENCOUNTER,
	KIND_WORKPLACE_EXPERIENCE,
	KIND_FURTHER_EDUCATION,
	KIND_HIGHER_EDUCATION,
	KIND_APPRENTICESHIP_PROVIDER,
	KIND_PERSONAL_GUIDANCE,
	KIND_CAREERS_LESSON,
	KIND_ASSEMBLY,
	KIND_QUESTIONNAIRE,
	KIND_PARENTS_EVENT,
	KIND_OTHER,
	KIND_COUNT
};

/* Who pupils meet at an activity: the evidence for Benchmarks 5 and 7 and
 * for Provider Access. A set, stored as a bit mask (1 << ENCOUNTER_x). */
enum encounter {
	ENCOUNTER_EMPLOYER,
	ENCOUNTER_SIXTH_FORM,
	ENCOUNTER_FURTHER_EDUCATION,
	ENCOUNTER_HIGHER_EDUCATION,
	ENCOUNTER_APPRENTICESHIP_PROVIDER,
	ENCOUNTER_COUNT
};

enum term_part { PART_ANY, PART_EARLY, PART_LATE };

enum occurrence { OCCURRENCE_ANY, OCCURRENCE_FIRST_IN_TERM, OCCURRENCE_LAST_IN_TERM };

enum recurrence {
	RECUR_ONCE,   /* each session is its own occasion */
	RECUR_WEEKLY, /* every matching school week ("every Friday in Week A") */
	RECUR_TERMLY, /* once in every term ("last Wednesday of each term") */
	RECUR_COUNT
};

enum slot {
	SLOT_ANY,
	SLOT_ASSEMBLY,
	SLOT_TUTOR_TIME,
	SLOT_LESSON,
	SLOT_OFF_TIMETABLE, /* a drop-down or off-site day */
	SLOT_AFTER_SCHOOL,
	SLOT_EVENING,
	SLOT_COUNT
};

/* When an activity may happen. Every field left at zero means "any". All the
 * constraints that are set must hold. See docs/programme-format.md. */
struct timing_rule {
	uint8_t terms;                 /* bit n: allowed in term n */
	uint16_t months;               /* bit n: allowed in month n (1-12) */
	enum term_part part;           /* early or late in its term */
	enum weekday weekday;          /* 0: any day */
	char week;                     /* 'A', 'B', or 0 */
	enum occurrence occurrence;    /* first/last such weekday of the term */
	enum recurrence recurs;
	bool consecutive;              /* sessions on consecutive school days */
	enum slot slot;
	const char *before;            /* named date: strictly before it */
	const char *after;             /* named date: strictly after it */
	const char *before_week_leading_up_to; /* named date D: before D-7 */
	const char *before_activity;   /* activity id: before its first session */
	const char *note;              /* the strategy's own words */
};

struct activity {
	const char *id;                /* stable slug */
	const char *name;
	const char *description;
	uint16_t year_groups;          /* bit n: Year n */
	enum strand strand;
	enum cohort cohort;
	int sessions;                  /* sessions the entitlement needs */
	uint16_t benchmarks;           /* bit n: Gatsby Benchmark n */
	enum activity_kind kind;
	uint16_t encounters;           /* bit set of enum encounter */
	bool provider_access;          /* counts toward Provider Access */
	bool visit;                    /* pupils go to the provider or workplace */
	double hours;                  /* length of one session; 0 if unknown */
	struct timing_rule timing;
	const char **subjects;         /* curriculum subjects (Benchmark 4) */
	size_t subject_count;
	bool retired;                  /* kept for history, no longer offered */
	long long db_id;               /* row id once stored; 0 before */
	int line, column;              /* where it was written; 0 if unknown */
};

struct entitlement_band {
	double floor;                  /* percent: at or above is "met" */
	double ceiling;
};

struct date_name {
	const char *name;              /* slug: careers-fair */
	const char *description;
	int line, column;
};

struct programme {
	int format_version;
	const char *name;
	const char *source;                      /* where it comes from */
	struct entitlement_band bands[YEAR_GROUP_LAST + 1]; /* by year group */
	const char *aims[YEAR_GROUP_LAST + 1][STRAND_COUNT];
	struct date_name *date_names;
	size_t date_name_count;
	const char **subjects;                   /* the curriculum (Benchmark 4) */
	size_t subject_count;
	struct activity *activities;
	size_t activity_count;
	size_t activity_cap;
	struct arena arena;                      /* owns every string */
};

void programme_init(struct programme *p);
void programme_free(struct programme *p);

/* The entitlement bands as written: year groups sharing a floor and a
 * ceiling form one group (bit n for Year n), in order of their first year;
 * year groups with no band are left out. Returns the number of groups. */
struct band_group {
	unsigned year_groups;
	double floor, ceiling;
};
size_t programme_band_groups(const struct programme *p,
			     struct band_group out[YEAR_GROUP_LAST - YEAR_GROUP_FIRST + 1]);
/* A new zeroed activity at the end of the list (sessions = 1). The pointer
 * is valid until the next programme_add_activity. */
struct activity *programme_add_activity(struct programme *p);
const struct activity *programme_find_activity(const struct programme *p,
					       const char *id);
bool programme_has_date_name(const struct programme *p, const char *name);
/* The programme's own spelling of a curriculum subject named in any case,
 * or NULL if it is not one of its subjects. */
const char *programme_subject(const struct programme *p, const char *name);

/* Year groups in words, appended to out: "Year 10", "Years 7-9 and 11",
 * "no year group" (bit n: Year n; a run of three or more is a range). */
void year_groups_describe(struct buf *out, unsigned mask);

/* Rules across the whole programme (ids unique, references resolve, bands
 * sensible, provider-access activities meet providers); problems go to diags
 * at the item's line. True when there were no errors. */
bool programme_check(const struct programme *p, struct diag_list *diags);

/* Names as written in files, CSV and JSON, and back. Parsers return false
 * for an unknown name. */
const char *strand_name(enum strand s);
const char *strand_title(enum strand s);   /* "Challenge" */
bool strand_parse(const char *s, enum strand *out);
const char *cohort_name(enum cohort c);
bool cohort_parse(const char *s, enum cohort *out);
const char *kind_name(enum activity_kind k);
const char *kind_title(enum activity_kind k); /* "careers lesson" */
bool kind_parse(const char *s, enum activity_kind *out);
const char *encounter_name(enum encounter e);
bool encounter_parse(const char *s, enum encounter *out);
/* The encounters an activity of this kind has when none are listed. */
uint16_t kind_default_encounters(enum activity_kind k);
const char *part_name(enum term_part p);
bool part_parse(const char *s, enum term_part *out);
const char *occurrence_name(enum occurrence o);
bool occurrence_parse(const char *s, enum occurrence *out);
const char *recurrence_name(enum recurrence r);
bool recurrence_parse(const char *s, enum recurrence *out);
const char *slot_name(enum slot s);
bool slot_parse(const char *s, enum slot *out);
/* A slot outside the school day (Provider Access does not count these). */
bool slot_outside_school_day(enum slot s);

/* One line in plain words: "Term 1, early, before the week leading up to
 * careers-fair, tutor time, 3 consecutive days". Appends to out. */
struct buf;
void timing_describe(const struct timing_rule *t, int sessions, struct buf *out);

#endif
