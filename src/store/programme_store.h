/* Persisting a school's programme: activities, aims, bands, date names. */
#ifndef WAYMARK_PROGRAMME_STORE_H
#define WAYMARK_PROGRAMME_STORE_H

#include "domain/programme.h"
#include "store/db.h"

struct programme_save_result {
	int added;    /* activities new to the school */
	int kept;     /* activities already there, rewritten from the file */
	int removed;  /* gone from the file and never used: deleted */
	int retired;  /* gone from the file but referenced by history: kept, retired */
};

/* Replaces the school's programme with p, matching activities by id so
 * that history attached to an activity survives a re-import. Run inside
 * the caller's transaction. 0 or -1. */
int programme_store_save(struct db *db, long long school_id, const struct programme *p,
			 const char *file_sha256, struct programme_save_result *result);
/* Loads the school's programme, retired activities included (flagged), in
 * file order, into p (which it initialises). 1 found, 0 none, -1 error. */
int programme_store_load(struct db *db, long long school_id, struct programme *p);

#endif
