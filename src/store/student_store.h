/* Pupils and enrolments: loading what is held for an import, applying an
 * import's plan, and the import log. */
#ifndef WAYMARK_STUDENT_STORE_H
#define WAYMARK_STUDENT_STORE_H

#include "domain/roster.h"
#include "domain/scope.h"
#include "store/db.h"
#include "util/arena.h"

struct roster_existing_list {
	struct roster_existing *items;
	size_t count;
	struct arena arena;  /* owns the strings */
};

/* Every pupil of the school with their enrolments in start_year and the
 * year before (those with neither are left out). 0 or -1. */
int student_store_load_existing(struct db *db, long long school_id, int start_year,
				struct roster_existing_list *out);
void roster_existing_list_free(struct roster_existing_list *list);

/* Writes a plan: inserts new pupils (setting nothing in the plan), updates
 * changed ones, writes enrolments, marks leavers. With import_id (the
 * import_record row of this import, or 0 for none) each pupil it changes is
 * kept first as they were (table roster_history) and the import is marked
 * undoable. Inside the caller's transaction. 0 or -1. */
int student_store_apply_plan(struct db *db, long long school_id, const struct roster_plan *plan,
			     long long import_id);

/* Puts back every pupil roster import import_id changed as they were before
 * it (fields, that year's enrolment and whether they had left), deletes the
 * pupils it created, and marks it undone. *pupils: how many it touched.
 * The caller checks that it may be undone (import_record_get), inside
 * its transaction. 0 or -1. */
int student_store_undo_import(struct db *db, long long school_id, long long import_id,
			      long *pupils);

struct import_summary {
	const char *kind;        /* "students" or "register" */
	const char *file_name;
	const char *sha256;
	int start_year;          /* 0 when not one year */
	long rows;
	long added, updated, left, unchanged;
	const char *actor;
};

/* Logs an import. 0 or -1. */
int import_record_add(struct db *db, long long school_id, const struct import_summary *s);

/* An import as the log holds it. */
struct import_record_row {
	long long id;
	bool undoable;           /* a roster import that kept its history */
	bool undone;
	long later_rosters;      /* import_record_get: roster imports since, not undone */
	char kind[16];
	char file_name[256];
	int start_year;          /* 0 when not one year */
	long rows, added, updated, left, unchanged;
	char at[32];
	char actor[72];
};

/* The school's import import_id into out. 1 found, 0 none, -1 error. */
int import_record_get(struct db *db, long long school_id, long long import_id,
		      struct import_record_row *out);

/* The school's newest `limit` imports, newest first, into out (caller
 * frees). Count or -1. */
long import_record_recent(struct db *db, long long school_id, int limit,
			  struct import_record_row **out);

/* The pupils enrolled in start_year and on roll on date `on`, with the
 * year and tutor group of that enrolment (domain/scope.h), into *out
 * (strings in *arena; the caller frees *out and the arena). Count or -1. */
long student_store_on_roll(struct db *db, long long school_id, int start_year, date_t on,
			   struct group_member **out, struct arena *arena);

/* How many pupils are enrolled in start_year (on roll or not). -1 on error. */
long student_store_count_enrolled(struct db *db, long long school_id, int start_year);

#endif
