/* Events (dated occurrences of activities), their organisations, the marks
 * of their registers, selected cohorts, and organisations. */
#ifndef WAYMARK_EVENT_STORE_H
#define WAYMARK_EVENT_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/limits.h"
#include "domain/register.h"
#include "store/db.h"
#include "util/arena.h"
#include "util/date.h"

struct event_info {
	long long id;
	long long activity_id;     /* activity row id */
	char activity_slug[65];
	char activity_name[LIMIT_BYTES(LIMIT_TITLE)];
	unsigned activity_year_groups; /* bit n: Year n */
	date_t date;
	int year_group;            /* 0: every year group of the activity */
	char title[LIMIT_BYTES(LIMIT_TITLE)]; /* "" when none */
	char subject[64];          /* "" when none */
	int marks;                 /* register marks recorded */
	int present;               /* of which present */
	bool selected_cohort;      /* its activity is for selected pupils */
	int start_minutes;         /* minutes after midnight, or -1 when none */
	bool cancelled;            /* kept, but counted nowhere */
	char cancel_reason[LIMIT_BYTES(LIMIT_NOTE)]; /* "" when none given */
	long long series_id;       /* the repeat it was made by, or 0 */
};

/* "14:30" as minutes after midnight, or -1 for anything else. */
int event_time_parse(const char *hh_mm);
/* Minutes after midnight as "14:30" into out (6 bytes). */
char *event_time_format(int minutes, char out[6]);

/* What an event is: all of it but its id, as scheduled or changed. */
struct event_fields {
	long long activity_id;
	date_t date;
	int start_minutes;         /* -1: none */
	int year_group;            /* 0: every year group of the activity */
	const char *title;         /* NULL or "": none */
	const char *subject;       /* NULL or "": none */
};
/* Changes an event to fields. 1 changed, 0 no such event, -1 error. */
int event_store_update(struct db *db, long long school_id, long long id,
		       const struct event_fields *fields);
/* Sets the start time of an event (-1: none). 0 or -1. */
int event_store_set_time(struct db *db, long long id, int start_minutes);
/* Cancels (reason may be NULL) or, with cancelled false, reinstates an
 * event. 0 or -1. */
int event_store_set_cancelled(struct db *db, long long id, bool cancelled, int64_t at,
			      const char *reason);
/* Deletes an event and its organisations; the caller has made sure it has
 * no register. 0 or -1. */
int event_store_delete(struct db *db, long long school_id, long long id);
/* The ids of an event's organisations, in no order, into ids (at most
 * max). The count, or -1. */
int event_store_organisation_ids(struct db *db, long long event_id, long long *ids, int max);
/* A series of repeating events, described by rule ("every Friday in week
 * A of Term 2"). 0 or -1. */
int event_series_store_add(struct db *db, long long school_id, const char *rule, int64_t now,
			   long long *id);
/* Appends a series' rule to rule. 1, 0 (none), -1. */
int event_series_store_rule(struct db *db, long long school_id, long long id, struct buf *rule);
int event_store_set_series(struct db *db, long long id, long long series_id);
/* The ids of a series' events in date order, into *ids (the caller frees).
 * The count, or -1. */
long event_store_series_members(struct db *db, long long school_id, long long series_id,
				long long **ids);
/* Replaces an event's organisations. 0 or -1. */
int event_store_set_organisations(struct db *db, long long event_id, const long long *ids,
				  size_t count);

/* Adds an event; title and subject (the curriculum subject of a careers
 * link) may be NULL; *id set. 0 or -1. */
int event_store_add(struct db *db, long long school_id, long long activity_id, date_t date,
		    int year_group, const char *title, const char *subject, long long *id);
/* The event of this activity on this date for this year group (0: for
 * all) and, when subject is not NULL, in this subject. 1 found, 0 none,
 * -1 error. */
int event_store_find(struct db *db, long long school_id, long long activity_id, date_t date,
		     int year_group, const char *subject, long long *id);
/* 1 found (out filled), 0 none, -1 error. */
int event_store_get(struct db *db, long long school_id, long long id, struct event_info *out);
/* Events dated in [first, last], in date order, with mark counts. The
 * caller frees *out. Returns the count or -1. */
long event_store_list(struct db *db, long long school_id, date_t first, date_t last,
		      struct event_info **out);
int event_store_link_organisation(struct db *db, long long event_id, long long organisation_id);
/* Organisation names of an event, ", "-separated, appended to out. */
int event_store_organisations(struct db *db, long long event_id, struct buf *out);

/* A pupil who belongs on an event's register (enrolled that academic year
 * in one of its year groups) or has a mark on it. Strings are in the arena
 * given to register_store_pupils; NULL when the pupil has none. */
struct register_row {
	long long student_id;
	const char *upn;
	const char *legal_surname, *legal_forename, *preferred_surname, *preferred_forename;
	bool enrolled;             /* enrolled in the event's academic year */
	int year_group;            /* that year's, or 0 */
	const char *tutor_group;   /* that year's, or NULL */
	date_t on_roll_from, on_roll_to; /* DATE_NONE when open */
	int mark;                  /* enum mark_status, or -1 when not marked */
};

/* The pupils of an event's register: those enrolled in start_year in a
 * year group of `years` (bit n: Year n) and those with a mark on it, in
 * no order, into *out (the caller frees it and the arena). One query that
 * reads only the event's year groups, not the whole school. Count or -1. */
long register_store_pupils(struct db *db, long long school_id, long long event_id, int start_year,
			   unsigned years, struct register_row **out, struct arena *arena);

/* Deletes an event's marks (before a register replaces them). 0 or -1. */
int mark_store_clear_event(struct db *db, long long event_id);
/* Adds one pupil's mark at an event: 0, 1 when the pupil already has a mark
 * for it (nothing written), -1 on error. */
int mark_store_insert(struct db *db, long long event_id, long long student_id,
		      enum mark_status status);
/* Marks written by one INSERT in mark_store_insert_many. */
enum { MARK_STORE_BATCH = 64 };
struct mark_row {
	long long event_id, student_id;
	enum mark_status status;
};
/* Adds count marks, MARK_STORE_BATCH to a statement (the rest one by one).
 * For a whole register this is much less work than mark_store_insert per
 * mark: SQLite's cost of running a statement is paid once per batch, and
 * most of it for mark is the CHECK on status, whose IN list SQLite builds
 * into a temporary b-tree every time a statement runs (it is then only
 * emptied and refilled for each further row of the same statement). For
 * pupils with no mark for the event yet: the caller knows, having cleared
 * the event and checked the file for repeats. 0, or -1 on error (a pupil
 * marked already among them: the failing statement writes none of its
 * marks; the caller rolls back). */
int mark_store_insert_many(struct db *db, const struct mark_row *rows, size_t count);
/* Sets one pupil's mark at an event, replacing any earlier one. 0 or -1. */
int mark_store_set(struct db *db, long long event_id, long long student_id,
		   enum mark_status status);
/* Deletes one pupil's mark at an event, if any. 0 or -1. */
int mark_store_delete(struct db *db, long long event_id, long long student_id);

/* The marks of an event's register, by pupil id, into *out (the caller
 * frees). The count, or -1. */
long mark_store_list_event(struct db *db, long long event_id, struct mark_row **out);

/* Replaces the selection for an activity in an academic year. 0 or -1. */
int selection_store_replace(struct db *db, long long activity_id, int start_year,
			    const long long *student_ids, size_t count);
/* The ids of the pupils selected, ascending, into *out (the caller frees).
 * The count, or -1. */
long selection_store_students(struct db *db, long long activity_id, int start_year,
			      long long **out);
/* How many pupils are selected. -1 on error. */
long selection_store_count(struct db *db, long long activity_id, int start_year);

/* Organisations. kind is an organisation_kind name; sector and size may be
 * NULL. 0 or -1 (-1 also when the name is taken: see db_error). */
int organisation_store_add(struct db *db, long long school_id, const char *name,
			   const char *kind, const char *sector, const char *size, long long *id);
/* By numeric id or exact name (case-insensitive). 1, 0, -1. */
int organisation_store_find(struct db *db, long long school_id, const char *id_or_name,
			    long long *id);
struct organisation_info {
	long long id;
	char name[LIMIT_BYTES(LIMIT_TITLE)];
	char kind[24];
	char sector[LIMIT_BYTES(LIMIT_TITLE)]; /* "" when not recorded */
	char size[8];
	int events;         /* events it came to */
};

/* Every organisation, by name, into *out (the caller frees). Returns the
 * count or -1. */
long organisation_store_list(struct db *db, long long school_id,
			     struct organisation_info **out);

#endif
