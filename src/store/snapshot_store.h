/* Kept results to compare with later: entitlement reviews and benchmark
 * percentages. */
#ifndef WAYMARK_SNAPSHOT_STORE_H
#define WAYMARK_SNAPSHOT_STORE_H

#include <stddef.h>

#include "store/db.h"
#include "util/date.h"

struct review_row {
	int year_group;
	char activity[65];  /* the activity's id */
	int eligible, received;
};

struct review_snapshot {
	long long id;
	int start_year;
	char period[32];
	date_t as_of;
	struct review_row *rows;
	size_t count;
};

/* Saves a review. 0 or -1. */
int review_snapshot_save(struct db *db, long long school_id, int start_year, const char *period,
			 date_t as_of, const struct review_row *rows, size_t count);
/* The newest review taken before this one would be: the latest saved with
 * an as-of date before `before`. 1 found (free with review_snapshot_free),
 * 0 none, -1 error. */
int review_snapshot_latest(struct db *db, long long school_id, date_t before,
			   struct review_snapshot *out);
void review_snapshot_free(struct review_snapshot *s);

struct benchmark_value {
	int benchmark;
	int achieved, scored;
};

struct benchmark_snapshot {
	long long id;
	char label[64];
	date_t as_of;
	char mode[8];
	struct benchmark_value values[8];  /* Benchmarks 1-8 */
};

/* Saves benchmark percentages under a label ("September 2025"). 0 or -1. */
int benchmark_snapshot_save(struct db *db, long long school_id, const char *label, date_t as_of,
			    const char *mode, const struct benchmark_value values[8]);
/* The newest snapshot (in this mode) dated before `before`. 1, 0, -1. */
int benchmark_snapshot_latest(struct db *db, long long school_id, const char *mode, date_t before,
			      struct benchmark_snapshot *out);

#endif
