#include "store/snapshot_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db_internal.h"
#include "util/mem.h"
#include "util/text.h"

int review_snapshot_save(struct db *db, long long school_id, int start_year, const char *period,
			 date_t as_of, const struct review_row *rows, size_t count)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"INSERT INTO review_snapshot (school_id, start_year, period, as_of, taken_at) "
		"VALUES (?1, ?2, ?3, ?4, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int(st, 2, start_year);
	db_bind_text(st, 3, period);
	db_bind_date(st, 4, as_of);
	if (db_step_done(db, st) != 0)
		return -1;
	long long id = db_last_insert_id(db);
	st = db_stmt(db,
		"INSERT INTO review_snapshot_row (snapshot_id, year_group, activity, eligible, received) "
		"VALUES (?1, ?2, ?3, ?4, ?5)");
	if (!st)
		return -1;
	for (size_t i = 0; i < count; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int(st, 2, rows[i].year_group);
		db_bind_text(st, 3, rows[i].activity);
		sqlite3_bind_int(st, 4, rows[i].eligible);
		sqlite3_bind_int(st, 5, rows[i].received);
		if (db_step_done(db, st) != 0)
			return -1;
	}
	return 0;
}

int review_snapshot_latest(struct db *db, long long school_id, date_t before,
			   struct review_snapshot *out)
{
	DB_SCOPE(db);
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = db_stmt(db,
		"SELECT id, start_year, period, as_of FROM review_snapshot "
		"WHERE school_id = ?1 AND as_of < ?2 ORDER BY as_of DESC, id DESC LIMIT 1");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	db_bind_date(st, 2, before);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return -1;
	out->id = sqlite3_column_int64(st, 0);
	out->start_year = sqlite3_column_int(st, 1);
	text_copy(out->period, sizeof out->period, db_column_text(st, 2));
	out->as_of = db_column_date(st, 3);
	st = db_stmt(db,
		"SELECT year_group, activity, eligible, received FROM review_snapshot_row "
		"WHERE snapshot_id = ?1 ORDER BY year_group, activity");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, out->id);
	size_t cap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ARRAY_RESERVE(out->rows, cap, out->count + 1);
		struct review_row *r = &out->rows[out->count++];
		r->year_group = sqlite3_column_int(st, 0);
		text_copy(r->activity, sizeof r->activity, db_column_text(st, 1));
		r->eligible = sqlite3_column_int(st, 2);
		r->received = sqlite3_column_int(st, 3);
	}
	if (rc != SQLITE_DONE) {
		review_snapshot_free(out);
		return -1;
	}
	return 1;
}

void review_snapshot_free(struct review_snapshot *s)
{
	free(s->rows);
	memset(s, 0, sizeof *s);
}

int benchmark_snapshot_save(struct db *db, long long school_id, const char *label, date_t as_of,
			    const char *mode, const struct benchmark_value values[8])
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"INSERT INTO benchmark_snapshot (school_id, label, as_of, mode, taken_at) "
		"VALUES (?1, ?2, ?3, ?4, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	db_bind_text(st, 2, label);
	db_bind_date(st, 3, as_of);
	db_bind_text(st, 4, mode);
	if (db_step_done(db, st) != 0)
		return -1;
	long long id = db_last_insert_id(db);
	st = db_stmt(db,
		"INSERT INTO benchmark_snapshot_value (snapshot_id, benchmark, achieved, scored) "
		"VALUES (?1, ?2, ?3, ?4)");
	if (!st)
		return -1;
	for (int b = 0; b < 8; b++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int(st, 2, b + 1);
		sqlite3_bind_int(st, 3, values[b].achieved);
		sqlite3_bind_int(st, 4, values[b].scored);
		if (db_step_done(db, st) != 0)
			return -1;
	}
	return 0;
}

int benchmark_snapshot_latest(struct db *db, long long school_id, const char *mode, date_t before,
			      struct benchmark_snapshot *out)
{
	DB_SCOPE(db);
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = db_stmt(db,
		"SELECT id, label, as_of, mode FROM benchmark_snapshot "
		"WHERE school_id = ?1 AND mode = ?2 AND as_of < ?3 ORDER BY as_of DESC, id DESC LIMIT 1");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	db_bind_text(st, 2, mode);
	db_bind_date(st, 3, before);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return -1;
	out->id = sqlite3_column_int64(st, 0);
	text_copy(out->label, sizeof out->label, db_column_text(st, 1));
	out->as_of = db_column_date(st, 2);
	text_copy(out->mode, sizeof out->mode, db_column_text(st, 3));
	st = db_stmt(db,
		"SELECT benchmark, achieved, scored FROM benchmark_snapshot_value WHERE snapshot_id = ?1");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, out->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int b = sqlite3_column_int(st, 0);
		if (b >= 1 && b <= 8)
			out->values[b - 1] = (struct benchmark_value){ b, sqlite3_column_int(st, 1),
								       sqlite3_column_int(st, 2) };
	}
	return rc == SQLITE_DONE ? 1 : -1;
}
