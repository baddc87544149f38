/* Schools: a database holds one school, or several for a trust. */
#ifndef WAYMARK_SCHOOL_STORE_H
#define WAYMARK_SCHOOL_STORE_H

#include "store/db.h"

struct school {
	long long id;
	char *slug;
	char *name;
	char *urn;
	char *leader_name;
	char *leader_email;
	char *leader_phone;
};

/* Creates a school; 0 on success with *id set, -1 on error. */
int school_create(struct db *db, const char *slug, const char *name, long long *id);
/* Finds the school with this slug, or the only school when slug is NULL.
 * Returns 1 found (fill *out; free with school_free), 0 not found (with
 * slug NULL: no school or several; see school_count), -1 error. */
int school_find(struct db *db, const char *slug, struct school *out);
int school_count(struct db *db);
/* Appends every school's slug, in order, separated by ", ". 0 or -1. */
int school_slugs(struct db *db, struct buf *out);
void school_free(struct school *s);

#endif
