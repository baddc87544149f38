/* The baseline for bench/concurrent_saves.sh: single-row durable commits
 * in a loop, through SQLite directly, with the settings waymark uses (WAL,
 * synchronous=FULL), on the same disk. The fastest a writer could go.
 *
 *   commit_loop DB SECONDS   prints "commits N per_second R p50_ms A p99_ms B" */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int compare(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: commit_loop DB SECONDS\n");
		return 2;
	}
	double seconds = atof(argv[2]);
	sqlite3 *db;
	if (sqlite3_open(argv[1], &db) != SQLITE_OK ||
	    sqlite3_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
			     "CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v INTEGER)",
			     NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "commit_loop: %s\n", sqlite3_errmsg(db));
		return 1;
	}
	sqlite3_stmt *insert;
	sqlite3_prepare_v2(db, "INSERT INTO t (v) VALUES (?1)", -1, &insert, NULL);
	size_t cap = 1 << 16, n = 0;
	double *took = malloc(cap * sizeof *took);
	double start = now(), end = start + seconds;
	while (now() < end) {
		double t0 = now();
		sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		sqlite3_bind_int64(insert, 1, (sqlite3_int64)n);
		sqlite3_step(insert);
		sqlite3_reset(insert);
		if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
			fprintf(stderr, "commit_loop: %s\n", sqlite3_errmsg(db));
			return 1;
		}
		if (n == cap)
			took = realloc(took, (cap *= 2) * sizeof *took);
		took[n++] = (now() - t0) * 1000;
	}
	double elapsed = now() - start;
	qsort(took, n, sizeof *took, compare);
	printf("commits %zu per_second %.1f p50_ms %.2f p99_ms %.2f\n", n, (double)n / elapsed,
	       took[n / 2], took[(size_t)((double)n * 0.99)]);
	sqlite3_finalize(insert);
	sqlite3_close(db);
	free(took);
	return 0;
}
