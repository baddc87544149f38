/* Import files waiting for confirmation on the web (table import_stage):
 * the dry run keeps the file under a random token, the confirmation takes
 * it back, once. */
#ifndef WAYMARK_IMPORT_STAGE_STORE_H
#define WAYMARK_IMPORT_STAGE_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"
#include "util/buf.h"
#include "util/date.h"

/* How long a checked file waits for its confirmation, in seconds. */
enum { IMPORT_STAGE_LIFETIME = 60 * 60 };

struct import_stage {
	long long user_id;          /* who uploaded it: only they may confirm */
	char kind[16];              /* "students" or "register" */
	char file_name[256];
	char sha256[65];            /* of data, checked again when taken */
	struct buf data;            /* the file's bytes */
	int start_year;             /* students */
	date_t as_of;               /* students */
	bool partial;               /* students */
	long long event_id;         /* register: 0 for a file with Activity and Date */
	char summary[512];          /* the dry run's summary */
	int64_t created_at;
};

/* Keeps a checked file under token_hash (token_hash() of the token handed
 * to the browser). 0 or -1. */
int import_stage_add(struct db *db, long long school_id, const char *token_hash,
		     const struct import_stage *s, int64_t now);

/* Takes the file kept under token_hash for this school and user, if it was
 * kept at or after not_before: fills out (free its data with
 * import_stage_free) and deletes the row. Run it inside the transaction
 * of the import it confirms, so that a confirmation works once. 1 taken,
 * 0 none (never kept, used already, expired, or another user's), -1
 * error. */
int import_stage_take(struct db *db, long long school_id, long long user_id,
		      const char *token_hash, int64_t not_before, struct import_stage *out);

/* Deletes files kept before `before`. 0 or -1. */
int import_stage_expire(struct db *db, int64_t before);

void import_stage_free(struct import_stage *s);

#endif
