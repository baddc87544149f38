/* Forms applied once: a form carries a random key, and the first
 * submission of a key is applied while a repeat (a double click, a phone
 * sending again after losing its connection) is answered with where the
 * first one led, so that the user sees success without a second change. */
#ifndef WAYMARK_SUBMISSION_STORE_H
#define WAYMARK_SUBMISSION_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "store/db.h"

/* Keys are kept this long, then pruned. */
enum { SUBMISSION_KEEP_SECONDS = 7 * 24 * 3600 };

enum submission_claim {
	SUBMISSION_ERROR = -1,
	SUBMISSION_NEW = 1,      /* first time: apply the form */
	SUBMISSION_REPEAT = 0,   /* applied before: *earlier says where it led */
	SUBMISSION_FOREIGN = 2,  /* the key is another user's: refuse */
};

/* Claims key for user_id inside the caller's transaction, recording
 * outcome (the page the submission leads to) so that a repeat can be sent
 * there. On a repeat copies the first outcome into earlier (size bytes).
 * Prunes keys older than SUBMISSION_KEEP_SECONDS. */
enum submission_claim submission_store_claim(struct db *db, const char *key, long long user_id,
					     int64_t now, const char *outcome, char *earlier,
					     size_t size);

#endif
