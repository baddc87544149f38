/* Personal guidance meetings (Benchmark 8) and what pupils intend
 * (Benchmark 7's "considering higher education"). */
#ifndef WAYMARK_GUIDANCE_STORE_H
#define WAYMARK_GUIDANCE_STORE_H

#include <stdbool.h>

#include "domain/limits.h"
#include "domain/roster.h"
#include "store/db.h"
#include "util/date.h"

/* A meeting as listed: with the pupil's name and their year group and tutor
 * group in the meeting's academic year. */
struct guidance_info {
	long long id;
	date_t date;
	char upn[16];            /* "" when the pupil has none */
	char name[PUPIL_NAME_BYTES];
	int year_group;          /* 0 when not enrolled that year */
	char tutor_group[32];
	char adviser[LIMIT_BYTES(LIMIT_NAME)]; /* their account's name now, else as recorded */
	bool external;           /* the external adviser, not the careers leader */
	int level;               /* the adviser's qualification level */
	bool follow_up;          /* a further meeting for a pupil needing more help */
	char adviser_organisation[LIMIT_BYTES(LIMIT_TITLE)]; /* "" when none */
	bool has_agreed_actions; /* the agreed actions are not listed (they are long) */
	date_t next_meeting;     /* DATE_NONE when none */
};

/* A meeting's fields as written. adviser is their name as recorded,
 * adviser_user_id their account (0 when they have none here: an external
 * adviser, or one named in a file or on the command line), level 1-8;
 * adviser_organisation, notes and agreed_actions may be NULL or "" for
 * none; next_meeting DATE_NONE for none. */
struct guidance_fields {
	long long student_id;
	date_t date;
	const char *adviser;
	long long adviser_user_id;
	const char *adviser_organisation;
	bool external;
	int level;
	bool follow_up;
	const char *notes;
	const char *agreed_actions;
	date_t next_meeting;
};

/* Records a meeting. *id set. Inside the caller's transaction. 0 or -1. */
int guidance_store_add(struct db *db, const struct guidance_fields *f, long long *id);
/* Makes meeting id what f says (its pupil, f->student_id, stays). Inside
 * the caller's transaction. 1 changed, 0 no such meeting, -1 error. */
int guidance_store_change(struct db *db, long long id, const struct guidance_fields *f);
/* Deletes meeting id. 1 deleted, 0 no such meeting, -1 error. */
int guidance_store_delete(struct db *db, long long id);
/* The pupil of the school with this id: their UPN, else admission number,
 * else "" into key (at least 32 bytes), and whether they are enrolled in
 * the academic year start_year. 1 found, 0 no such pupil, -1 error. */
int guidance_store_pupil(struct db *db, long long school_id, long long student_id,
			 int start_year, char *key, size_t size, bool *enrolled);
/* The meeting of this pupil on this date with this adviser (by name, any
 * case). 1 found (*id set), 0 none, -1 error. */
int guidance_store_find(struct db *db, long long student_id, date_t date, const char *adviser,
			long long *id);
/* The school's meetings dated in the academic year start_year, by date,
 * then tutor group and name. The caller frees *out. The count, or -1. */
long guidance_store_list(struct db *db, long long school_id, int start_year,
			 struct guidance_info **out);

/* One pupil's meeting with its notes. Notes are seen by the careers leader
 * and the meeting's adviser only: callers decide who gets them. */
struct guidance_meeting {
	long long id;
	date_t date;
	char adviser[LIMIT_BYTES(LIMIT_NAME)]; /* their account's name now, else as recorded */
	long long adviser_user_id;           /* their account, or 0 */
	char adviser_recorded[LIMIT_BYTES(LIMIT_NAME)]; /* the name as recorded */
	long long student_id;
	bool external;
	int level;
	bool follow_up;
	char *notes;             /* NULL when none; freed by guidance_meetings_free */
	char *agreed_actions;    /* NULL when none; freed likewise */
	char adviser_organisation[LIMIT_BYTES(LIMIT_TITLE)]; /* "" when none */
	date_t next_meeting;     /* DATE_NONE when none */
};

/* Meeting id of a pupil of the school into *out (free its strings with
 * guidance_meeting_clear). 1 found, 0 none, -1 error. */
int guidance_store_get(struct db *db, long long school_id, long long id,
		       struct guidance_meeting *out);
void guidance_meeting_clear(struct guidance_meeting *m);

/* Every meeting of one pupil of the school, newest first, into *out (free
 * with guidance_meetings_free). The count, or -1. */
long guidance_store_pupil_meetings(struct db *db, long long school_id, long long student_id,
				   struct guidance_meeting **out);
void guidance_meetings_free(struct guidance_meeting *list, long count);

/* Sets whether a pupil is considering higher education in an academic
 * year, replacing what was recorded. 0 or -1. */
int intention_store_set(struct db *db, long long student_id, int start_year, bool considering_he);

#endif
