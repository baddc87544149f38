/* A worker thread's copy of the school's monitoring data (pupils,
 * enrolments, events, marks...), kept between requests and loaded again
 * only when the database has changed: the dashboard and report pages
 * compute from it on every request, and reading it from SQLite was most of
 * their time. One cache per worker connection: a stamp (store/db.h) tells
 * it whether anyone has committed since. */
#ifndef WAYMARK_DATA_CACHE_H
#define WAYMARK_DATA_CACHE_H

#include <stdbool.h>

#include "domain/monitoring.h"
#include "store/db.h"

struct data_cache {
	bool valid;
	long long school_id;
	struct db_stamp stamp;
	struct mon_data data;
	unsigned long loads;        /* times read from the database (tests) */
};

/* The school's data as of now: the cached copy when nothing has changed,
 * else freshly loaded. Valid until the next call or data_cache_free; NULL
 * when the database cannot be read. */
const struct mon_data *data_cache_get(struct data_cache *c, struct db *db, long long school_id);
void data_cache_free(struct data_cache *c);

#endif
