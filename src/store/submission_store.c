#include "store/submission_store.h"

#include <stdio.h>

#include "store/db_internal.h"

enum submission_claim submission_store_claim(struct db *db, const char *key, long long user_id,
					     int64_t now, const char *outcome, char *earlier,
					     size_t size)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db, "DELETE FROM submission WHERE at < ?1");
	if (!st)
		return SUBMISSION_ERROR;
	sqlite3_bind_int64(st, 1, now - SUBMISSION_KEEP_SECONDS);
	if (db_step_done(db, st) != 0)
		return SUBMISSION_ERROR;

	st = db_stmt(db,
		"INSERT INTO submission (key, user_id, at, outcome) VALUES (?1, ?2, ?3, ?4) "
		"ON CONFLICT (key) DO NOTHING");
	if (!st)
		return SUBMISSION_ERROR;
	db_bind_text(st, 1, key);
	sqlite3_bind_int64(st, 2, user_id);
	sqlite3_bind_int64(st, 3, now);
	db_bind_text(st, 4, outcome);
	if (db_step_done(db, st) != 0)
		return SUBMISSION_ERROR;
	if (db_changes(db) == 1)
		return SUBMISSION_NEW;

	st = db_stmt(db, "SELECT user_id, outcome FROM submission WHERE key = ?1");
	if (!st)
		return SUBMISSION_ERROR;
	db_bind_text(st, 1, key);
	if (sqlite3_step(st) != SQLITE_ROW)
		return SUBMISSION_ERROR;
	if (sqlite3_column_int64(st, 0) != user_id)
		return SUBMISSION_FOREIGN;
	snprintf(earlier, size, "%s", db_column_text(st, 1));
	return SUBMISSION_REPEAT;
}
