#include "store/import_stage_store.h"

#include <stdio.h>
#include <string.h>

#include "store/db_internal.h"
#include "util/text.h"

int import_stage_add(struct db *db, long long school_id, const char *token_hash,
		     const struct import_stage *s, int64_t now)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"INSERT INTO import_stage (token_hash, school_id, user_id, kind, file_name, "
		"  file_sha256, data, start_year, as_of, partial, event_id, summary, created_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
	if (!st)
		return -1;
	db_bind_text(st, 1, token_hash);
	sqlite3_bind_int64(st, 2, school_id);
	sqlite3_bind_int64(st, 3, s->user_id);
	db_bind_text(st, 4, s->kind);
	db_bind_text(st, 5, s->file_name);
	db_bind_text(st, 6, s->sha256);
	sqlite3_bind_blob64(st, 7, s->data.data ? s->data.data : "", s->data.len, SQLITE_STATIC);
	if (s->start_year)
		sqlite3_bind_int(st, 8, s->start_year);
	db_bind_date(st, 9, s->as_of);
	sqlite3_bind_int(st, 10, s->partial);
	if (s->event_id)
		sqlite3_bind_int64(st, 11, s->event_id);
	db_bind_text(st, 12, s->summary);
	sqlite3_bind_int64(st, 13, now);
	int rc = db_step_done(db, st);
	/* The statement is kept: leave it no pointer to the caller's bytes. */
	sqlite3_bind_null(st, 7);
	return rc;
}

int import_stage_take(struct db *db, long long school_id, long long user_id,
		      const char *token_hash, int64_t not_before, struct import_stage *out)
{
	DB_SCOPE(db);
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = db_stmt(db,
		"SELECT id, user_id, kind, file_name, file_sha256, data, coalesce(start_year, 0), "
		"  as_of, partial, coalesce(event_id, 0), summary, created_at "
		"FROM import_stage WHERE token_hash = ?1 AND school_id = ?2 AND user_id = ?3 "
		"  AND created_at >= ?4");
	if (!st)
		return -1;
	db_bind_text(st, 1, token_hash);
	sqlite3_bind_int64(st, 2, school_id);
	sqlite3_bind_int64(st, 3, user_id);
	sqlite3_bind_int64(st, 4, not_before);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return -1;
	long long id = sqlite3_column_int64(st, 0);
	out->user_id = sqlite3_column_int64(st, 1);
	text_copy(out->kind, sizeof out->kind, db_column_text(st, 2));
	text_copy(out->file_name, sizeof out->file_name, db_column_text(st, 3));
	text_copy(out->sha256, sizeof out->sha256, db_column_text(st, 4));
	const void *blob = sqlite3_column_blob(st, 5);
	int len = sqlite3_column_bytes(st, 5);
	if (blob && len > 0)
		buf_append(&out->data, blob, (size_t)len);
	out->start_year = sqlite3_column_int(st, 6);
	out->as_of = db_column_date(st, 7);
	out->partial = sqlite3_column_int(st, 8) != 0;
	out->event_id = sqlite3_column_int64(st, 9);
	text_copy(out->summary, sizeof out->summary, db_column_text(st, 10));
	out->created_at = sqlite3_column_int64(st, 11);
	sqlite3_reset(st);

	sqlite3_stmt *del = db_stmt(db, "DELETE FROM import_stage WHERE id = ?1");
	if (!del) {
		import_stage_free(out);
		return -1;
	}
	sqlite3_bind_int64(del, 1, id);
	if (db_step_done(db, del) != 0) {
		import_stage_free(out);
		return -1;
	}
	return 1;
}

int import_stage_expire(struct db *db, int64_t before)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db, "DELETE FROM import_stage WHERE created_at < ?1");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, before);
	return db_step_done(db, st);
}

void import_stage_free(struct import_stage *s)
{
	buf_free(&s->data);
}
