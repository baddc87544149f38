/* Shared by the files of store/ only. */
#ifndef WAYMARK_DB_INTERNAL_H
#define WAYMARK_DB_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>

#include "store/db.h"

struct stmt_cache_entry {
	const char *sql; /* a string literal: the cache key is its address */
	sqlite3_stmt *stmt;
	bool held;       /* handed out in an open scope (on db->held) */
};

struct db {
	sqlite3 *handle;
	char *path;
	struct stmt_cache_entry *stmts;
	size_t stmt_count, stmt_cap;
	/* Statements handed out since the scopes now open began, by index in
	 * stmts, in the order handed out: each is reset when its scope ends. */
	size_t *held;
	size_t held_count, held_cap;
	int scope_depth;
	bool holds_writers;        /* this connection's turn among the process's writers */
	/* An error kept across the resets at the end of a scope, which would
	 * otherwise replace it with "not an error" (see db_scope_end). */
	bool error_kept;
	int kept_code;
	char kept_message[256];
};

/* A prepared statement for sql, prepared once per connection and reset
 * before it is handed out. sql must be a string literal. Only inside a
 * DB_SCOPE: the statement is reset when the scope ends. NULL on error. */
sqlite3_stmt *db_stmt(struct db *db, const char *sql);

/* Every store function that uses db_stmt opens a scope first:
 *
 *	int thing_store_find(struct db *db, ...)
 *	{
 *		DB_SCOPE(db);
 *		sqlite3_stmt *st = db_stmt(db, "SELECT ...");
 *
 * When the function returns, by whatever path, every statement it was
 * handed is reset. A statement left on a row holds a read transaction
 * open on its snapshot; a later write on the same connection would then
 * fail at once with SQLITE_BUSY_SNAPSHOT whenever another connection had
 * committed since, whatever the busy timeout. Scopes nest: a function
 * called while its caller iterates resets only its own statements. */
struct db_scope {
	struct db *db;
	size_t mark;
};
struct db_scope db_scope_begin(struct db *db);
void db_scope_end(struct db_scope *scope);
#define DB_SCOPE(db) \
	struct db_scope db_scope_ __attribute__((cleanup(db_scope_end), unused)) = \
		db_scope_begin(db)

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
