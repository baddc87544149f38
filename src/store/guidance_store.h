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
};

/* Records a meeting; adviser is their name as recorded, adviser_user_id
 * their account (0 when they have none here: an adviser named in a file
 * or on the command line), level 1-8; notes (what was said and agreed)
 * may be NULL or "" for none. *id set. Inside the caller's transaction.
 * 0 or -1. */
int guidance_store_add(struct db *db, long long student_id, date_t date, const char *adviser,
		       long long adviser_user_id, bool external, int level, bool follow_up,
		       const char *notes, long long *id);
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
	bool external;
	int level;
	bool follow_up;
	char *notes;             /* NULL when none; freed by guidance_meetings_free */
};

/* Every meeting of one pupil of the school, newest first, into *out (free
 * with guidance_meetings_free). The count, or -1. */
long guidance_store_pupil_meetings(struct db *db, long long school_id, long long student_id,
				   struct guidance_meeting **out);
void guidance_meetings_free(struct guidance_meeting *list, long count);

/* Sets whether a pupil is considering higher education in an academic
 * year, replacing what was recorded. 0 or -1. */
int intention_store_set(struct db *db, long long student_id, int start_year, bool considering_he);

#endif
