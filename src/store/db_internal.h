/* Shared by the files of store/ only. */
#ifndef WAYMARK_DB_INTERNAL_H
#define WAYMARK_DB_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>

#include "store/db.h"

struct stmt_cache_entry {
	const char *sql; /* a string literal: the cache key is its address */
	sqlite3_stmt *stmt;
};

struct db {
	sqlite3 *handle;
	char *path;
	struct stmt_cache_entry *stmts;
	size_t stmt_count, stmt_cap;
};

/* A prepared statement for sql, prepared once per connection and reset
 * before it is handed out. sql must be a string literal. NULL on error. */
sqlite3_stmt *db_stmt(struct db *db, const char *sql);

/* Binds text or NULL when s is NULL. */
int db_bind_text(sqlite3_stmt *st, int index, const char *s);
/* Binds an ISO date, or NULL for DATE_NONE. */
int db_bind_date(sqlite3_stmt *st, int index, int date);
/* A column as a date (DATE_NONE for NULL or a malformed value). */
int db_column_date(sqlite3_stmt *st, int index);
/* A column's text, or "" for NULL; valid until the next step or reset. */
const char *db_column_text(sqlite3_stmt *st, int index);

/* Runs a statement that returns no rows; 0 or -1. */
int db_step_done(struct db *db, sqlite3_stmt *st);

#endif
