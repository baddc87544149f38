#include "store/db_internal.h"

#include <assert.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "embedded.h"
#include "util/date.h"
#include "util/file.h"
#include "util/mem.h"
#include "util/text.h"

/* "WYMK": marks the file as ours, so that opening some other SQLite
 * database is refused instead of scribbled on. */
enum { WAYMARK_APPLICATION_ID = 0x57594D4B };

static const char MIGRATION_PREFIX[] = "src/store/migrations/";

const char *db_error(struct db *db)
{
	return db->error_kept ? db->kept_message : sqlite3_errmsg(db->handle);
}

static int error_code(struct db *db)
{
	return db->error_kept ? db->kept_code : sqlite3_extended_errcode(db->handle);
}

void db_set_busy_timeout(struct db *db, int milliseconds)
{
	sqlite3_busy_timeout(db->handle, milliseconds);
}

bool db_is_busy(struct db *db)
{
	int primary = error_code(db) & 0xff;
	return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
}

static void hold(struct db *db, size_t index)
{
	if (db->stmts[index].held)
		return;
	db->stmts[index].held = true;
	ARRAY_RESERVE(db->held, db->held_cap, db->held_count + 1);
	db->held[db->held_count++] = index;
}

sqlite3_stmt *db_stmt(struct db *db, const char *sql)
{
	/* Outside a scope nothing would reset the statement: a bug. */
	assert(db->scope_depth > 0);
	db->error_kept = false;
	for (size_t i = 0; i < db->stmt_count; i++) {
		if (db->stmts[i].sql == sql) {
			sqlite3_reset(db->stmts[i].stmt);
			sqlite3_clear_bindings(db->stmts[i].stmt);
			hold(db, i);
			return db->stmts[i].stmt;
		}
	}
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v3(db->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &st,
			       NULL) != SQLITE_OK)
		return NULL;
	ARRAY_RESERVE(db->stmts, db->stmt_cap, db->stmt_count + 1);
	db->stmts[db->stmt_count++] = (struct stmt_cache_entry){ sql, st, false };
	hold(db, db->stmt_count - 1);
	return st;
}

struct db_scope db_scope_begin(struct db *db)
{
	db->scope_depth++;
	return (struct db_scope){ db, db->held_count };
}

/* sqlite3_reset of a statement that was on a row sets the connection's
 * error to "not an error", so an error from a later statement of the same
 * scope is kept first, for db_error. */
static void keep_error(struct db *db)
{
	int code = sqlite3_extended_errcode(db->handle);
	if (db->error_kept || code == SQLITE_OK || code == SQLITE_ROW || code == SQLITE_DONE)
		return;
	db->kept_code = code;
	text_copy(db->kept_message, sizeof db->kept_message, sqlite3_errmsg(db->handle));
	db->error_kept = true;
}

void db_scope_end(struct db_scope *scope)
{
	struct db *db = scope->db;
	keep_error(db);
	while (db->held_count > scope->mark) {
		size_t i = db->held[--db->held_count];
		db->stmts[i].held = false;
		sqlite3_reset(db->stmts[i].stmt);
	}
	db->scope_depth--;
}

int db_open_reads(struct db *db)
{
	int busy = 0;
	for (sqlite3_stmt *st = sqlite3_next_stmt(db->handle, NULL); st;
	     st = sqlite3_next_stmt(db->handle, st))
		busy += sqlite3_stmt_busy(st) != 0;
	return busy;
}

int db_bind_text(sqlite3_stmt *st, int index, const char *s)
{
	if (!s)
		return sqlite3_bind_null(st, index);
	return sqlite3_bind_text(st, index, s, -1, SQLITE_TRANSIENT);
}

int db_bind_date(sqlite3_stmt *st, int index, int date)
{
	if (date == DATE_NONE)
		return sqlite3_bind_null(st, index);
	char iso[DATE_ISO_LEN];
	return sqlite3_bind_text(st, index, date_format_iso(date, iso), -1,
				 SQLITE_TRANSIENT);
}

int db_column_date(sqlite3_stmt *st, int index)
{
	const unsigned char *text = sqlite3_column_text(st, index);
	date_t d;
	if (!text || !date_parse_iso((const char *)text, &d))
		return DATE_NONE;
	return d;
}

const char *db_column_text(sqlite3_stmt *st, int index)
{
	const unsigned char *text = sqlite3_column_text(st, index);
	return text ? (const char *)text : "";
}

int db_step_done(struct db *db, sqlite3_stmt *st)
{
	(void)db;
	int rc = sqlite3_step(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

static int exec(struct db *db, const char *sql)
{
	db->error_kept = false;
	return sqlite3_exec(db->handle, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

/* Writers of this process take turns here before they ask SQLite for its
 * write lock. SQLite's busy handler waits for a lock held by another
 * connection by sleeping 1, 2, 5 ... up to 100 ms at a time and looking
 * again, so forty web workers' saves queued on it wait far longer than
 * the lock is held; on a mutex each goes the moment the last one commits.
 * Other processes (a command-line import) still meet the busy handler. */
static pthread_mutex_t writers = PTHREAD_MUTEX_INITIALIZER;

static void release_writers(struct db *db)
{
	if (db->holds_writers) {
		db->holds_writers = false;
		pthread_mutex_unlock(&writers);
	}
}

int db_begin(struct db *db)
{
	/* A write transaction must start with no read open on this connection:
	 * taking the write lock from an old snapshot fails at once
	 * (SQLITE_BUSY_SNAPSHOT) when others have committed since. Scopes
	 * guarantee it; a statement still on a row here is a bug. */
	assert(db_open_reads(db) == 0);
	assert(!db->holds_writers);
	pthread_mutex_lock(&writers);
	db->holds_writers = true;
	if (exec(db, "BEGIN IMMEDIATE") != 0) {
		keep_error(db);
		release_writers(db);
		return -1;
	}
	return 0;
}

/* A pause before trying a transaction again: a few milliseconds, growing
 * with the attempt and jittered so that writers that collided do not
 * collide again in step. */
static void back_off(int attempt)
{
	long ms = 2L << attempt;
	ms += (long)((unsigned)clock() % (unsigned)ms);
	struct timespec pause = { ms / 1000, (ms % 1000) * 1000000L };
	nanosleep(&pause, NULL);
}

int db_transaction(struct db *db, db_transaction_body body, void *ctx)
{
	for (int attempt = 1;; attempt++) {
		int rc = db_begin(db);
		if (rc == 0)
			rc = body(db, ctx);
		if (rc == 0)
			rc = db_commit(db);
		if (rc == 0)
			return 0;
		/* Whether this attempt failed only because the database was busy:
		 * read before the rollback replaces the connection's error. */
		bool busy = rc < 0 && db_is_busy(db);
		if (rc < 0)
			keep_error(db);
		if (!sqlite3_get_autocommit(db->handle))
			sqlite3_exec(db->handle, "ROLLBACK", NULL, NULL, NULL);
		release_writers(db);
		if (!busy || attempt >= DB_TRANSACTION_ATTEMPTS)
			return rc;
		back_off(attempt);
	}
}

int db_commit(struct db *db)
{
	if (exec(db, "COMMIT") != 0)
		return -1;
	release_writers(db);
	return 0;
}

void db_rollback(struct db *db)
{
	if (!sqlite3_get_autocommit(db->handle))
		exec(db, "ROLLBACK");
	release_writers(db);
}

static int pragma_int(struct db *db, const char *sql)
{
	sqlite3_stmt *st;
	int value = -1;
	if (sqlite3_prepare_v2(db->handle, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		value = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return value;
}

int db_stamp(struct db *db, struct db_stamp *out)
{
	int version = pragma_int(db, "PRAGMA data_version");
	if (version < 0)
		return -1;
	out->others = version;
	out->own = sqlite3_total_changes64(db->handle);
	return 0;
}

bool db_stamp_equal(const struct db_stamp *a, const struct db_stamp *b)
{
	return a->others == b->others && a->own == b->own;
}

int db_schema_version(struct db *db)
{
	return pragma_int(db, "PRAGMA user_version");
}

/* Migration files are named NNNN_what.sql; the number is the version the
 * schema has once the file has been applied. */
static int migration_number(const char *path)
{
	const char *name = path + sizeof MIGRATION_PREFIX - 1;
	return atoi(name);
}

static bool is_migration(const struct embedded_file *f)
{
	return strncmp(f->path, MIGRATION_PREFIX, sizeof MIGRATION_PREFIX - 1) == 0;
}

int db_latest_schema_version(void)
{
	int latest = 0;
	for (size_t i = 0; i < embedded_file_count; i++)
		if (is_migration(&embedded_files[i]) &&
		    migration_number(embedded_files[i].path) > latest)
			latest = migration_number(embedded_files[i].path);
	return latest;
}

/* Applies every migration newer than the file's version, each in its own
 * transaction together with the version bump, in number order. */
static int migrate(struct db *db, struct buf *err)
{
	int current = db_schema_version(db);
	int latest = db_latest_schema_version();
	if (current > latest) {
		buf_printf(err, "%s has schema version %d but this waymark only knows up to %d: "
				"install a newer waymark (never open it with an older one)",
			   db->path, current, latest);
		return -1;
	}
	for (int version = current + 1; version <= latest; version++) {
		const struct embedded_file *f = NULL;
		for (size_t i = 0; i < embedded_file_count; i++)
			if (is_migration(&embedded_files[i]) &&
			    migration_number(embedded_files[i].path) == version)
				f = &embedded_files[i];
		if (!f) {
			buf_printf(err, "internal error: migration %d is missing", version);
			return -1;
		}
		char bump[64];
		snprintf(bump, sizeof bump, "PRAGMA user_version = %d", version);
		if (db_begin(db) != 0 || exec(db, f->data) != 0 || exec(db, bump) != 0 ||
		    db_commit(db) != 0) {
			buf_printf(err, "%s: migration %s failed: %s", db->path, f->path,
				   db_error(db));
			db_rollback(db);
			return -1;
		}
	}
	return 0;
}

static int configure(struct db *db)
{
	int unused;
	sqlite3_db_config(db->handle, SQLITE_DBCONFIG_DEFENSIVE, 1, &unused);
	sqlite3_db_config(db->handle, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, &unused);
	sqlite3_db_config(db->handle, SQLITE_DBCONFIG_DQS_DDL, 0, &unused);
	sqlite3_db_config(db->handle, SQLITE_DBCONFIG_DQS_DML, 0, &unused);
	sqlite3_db_config(db->handle, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, &unused);
	sqlite3_busy_timeout(db->handle, 5000);
	/* Pupil data: deleted rows are overwritten, not left in free pages. */
	return exec(db, "PRAGMA foreign_keys = ON;"
			"PRAGMA secure_delete = ON;"
			"PRAGMA synchronous = FULL;");
}

struct db *db_open(const char *path, enum db_open_mode mode, struct buf *err)
{
	bool memory = strcmp(path, ":memory:") == 0;
	struct stat sb;
	if (mode == DB_OPEN_EXISTING && !memory && stat(path, &sb) != 0) {
		buf_printf(err, "no database at %s: run `waymark init`", path);
		return NULL;
	}
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	if (mode == DB_OPEN_CREATE)
		flags |= SQLITE_OPEN_CREATE;

	struct db *db = xcalloc(1, sizeof *db);
	db->path = xstrdup(path);
	if (sqlite3_open_v2(path, &db->handle, flags, NULL) != SQLITE_OK) {
		buf_printf(err, "cannot open database %s: %s", path,
			   db->handle ? sqlite3_errmsg(db->handle) : "out of memory");
		db_close(db);
		return NULL;
	}
	sqlite3_extended_result_codes(db->handle, 1);
	if (configure(db) != 0) {
		buf_printf(err, "cannot use %s as a database: %s", path, db_error(db));
		db_close(db);
		return NULL;
	}
	int app_id = pragma_int(db, "PRAGMA application_id");
	int version = db_schema_version(db);
	if (app_id < 0 || version < 0) {
		buf_printf(err, "%s is not a SQLite database: %s", path, db_error(db));
		db_close(db);
		return NULL;
	}
	if (app_id != WAYMARK_APPLICATION_ID && (app_id != 0 || version != 0)) {
		buf_printf(err, "%s is not a Waymark database: point --db at the file "
				"`waymark init` created", path);
		db_close(db);
		return NULL;
	}
	if (mode == DB_OPEN_EXISTING && version == 0) {
		buf_printf(err, "%s is empty, not a Waymark database: run `waymark init`", path);
		db_close(db);
		return NULL;
	}
	if (!memory && pragma_int(db, "PRAGMA journal_mode = WAL") < 0) {
		/* journal_mode answers with text, which reads as 0, not -1. */
		buf_printf(err, "cannot switch %s to WAL mode: %s", path, db_error(db));
		db_close(db);
		return NULL;
	}
	if (app_id == 0) {
		char sql[64];
		snprintf(sql, sizeof sql, "PRAGMA application_id = %d", WAYMARK_APPLICATION_ID);
		if (exec(db, sql) != 0) {
			buf_printf(err, "cannot initialise %s: %s", path, db_error(db));
			db_close(db);
			return NULL;
		}
	}
	if (migrate(db, err) != 0) {
		db_close(db);
		return NULL;
	}
	return db;
}

void db_close(struct db *db)
{
	if (!db)
		return;
	for (size_t i = 0; i < db->stmt_count; i++)
		sqlite3_finalize(db->stmts[i].stmt);
	free(db->stmts);
	free(db->held);
	release_writers(db);
	if (db->handle)
		sqlite3_close(db->handle);
	free(db->path);
	free(db);
}

int db_schema_dump(struct db *db, struct buf *out)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL "
		"AND name NOT LIKE 'sqlite_%' ORDER BY type DESC, name");
	if (!st)
		return -1;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		buf_puts(out, db_column_text(st, 0));
		buf_puts(out, ";\n");
	}
	return rc == SQLITE_DONE ? 0 : -1;
}

void db_release(struct db *db)
{
	for (size_t i = 0; i < db->stmt_count; i++)
		sqlite3_reset(db->stmts[i].stmt);
	/* A transaction a handler failed to finish must not outlive it. */
	db_rollback(db);
	db->error_kept = false;
}

long long db_last_insert_id(struct db *db)
{
	return sqlite3_last_insert_rowid(db->handle);
}

int db_changes(struct db *db)
{
	return sqlite3_changes(db->handle);
}

/* The copy is written under a temporary name beside dest and renamed over
 * it only once complete and checked, so a backup interrupted half way
 * never replaces the last good one. SQLite's online backup copies a
 * consistent snapshot while the web application keeps writing. */
int db_backup(struct db *db, const char *dest, long *pages, struct buf *err)
{
	struct atomic_file af;
	if (!atomic_file_open(&af, dest, err))
		return -1;
	sqlite3 *copy = NULL;
	int rc = sqlite3_open_v2(af.tmp_path, &copy, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_backup *b = sqlite3_backup_init(copy, "main", db->handle, "main");
		if (b) {
			rc = sqlite3_backup_step(b, -1);
			*pages = sqlite3_backup_pagecount(b);
			sqlite3_backup_finish(b);
			rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
		} else {
			rc = sqlite3_errcode(copy);
		}
	}
	/* A backup stands alone: no -wal file beside it. */
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(copy, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_stmt *st;
		rc = sqlite3_prepare_v2(copy, "PRAGMA quick_check", -1, &st, NULL);
		if (rc == SQLITE_OK) {
			bool ok = sqlite3_step(st) == SQLITE_ROW &&
				  strcmp(db_column_text(st, 0), "ok") == 0;
			sqlite3_finalize(st);
			if (!ok) {
				buf_printf(err, "the copy failed its integrity check: %s is unchanged", dest);
				rc = SQLITE_CORRUPT;
			}
		}
	}
	if (rc != SQLITE_OK && err->len == 0)
		buf_printf(err, "cannot copy the database to %s: %s", dest,
			   copy ? sqlite3_errmsg(copy) : sqlite3_errstr(rc));
	sqlite3_close(copy);
	if (rc != SQLITE_OK) {
		atomic_file_abort(&af);
		return -1;
	}
	return atomic_file_commit(&af, err) ? 0 : -1;
}
