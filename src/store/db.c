#include "store/db_internal.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

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

enum { BUSY_TIMEOUT_MS = 5000 };
static int hold_shared_lock(struct db *db);

static int configure(struct db *db)
{
	int unused;
	sqlite3_db_config(db->handle, SQLITE_DBCONFIG_DEFENSIVE, 1, &unused);
	sqlite3_db_config(db->handle, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, &unused);
	sqlite3_db_config(db->handle, SQLITE_DBCONFIG_DQS_DDL, 0, &unused);
	sqlite3_db_config(db->handle, SQLITE_DBCONFIG_DQS_DML, 0, &unused);
	sqlite3_db_config(db->handle, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, &unused);
	sqlite3_busy_timeout(db->handle, BUSY_TIMEOUT_MS);
	/* Pupil data: deleted rows are overwritten, not left in free pages.
	 * The WAL is checkpointed into the database every 1000 pages
	 * (SQLite's default, said here) and cut back to 4 MB whenever it
	 * starts again from the beginning; the server also empties it when
	 * idle (db_checkpoint), so a busy term leaves no large file behind. */
	if (exec(db, "PRAGMA foreign_keys = ON;"
		     "PRAGMA secure_delete = ON;"
		     "PRAGMA synchronous = FULL;"
		     "PRAGMA wal_autocheckpoint = 1000;"
		     "PRAGMA journal_size_limit = 4194304;") != 0)
		return -1;
	return hold_shared_lock(db);
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
 * it only once complete and checked (integrity_check), flushed to disk
 * with its directory, so a backup interrupted half way never replaces the
 * last good one. SQLite's online backup copies a consistent snapshot
 * while the web application keeps writing. */
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
	/* The full check, every page and every index against its table: a
	 * backup is only worth keeping if it can be restored. */
	if (rc == SQLITE_OK) {
		sqlite3_stmt *st;
		rc = sqlite3_prepare_v2(copy, "PRAGMA integrity_check(1)", -1, &st, NULL);
		if (rc == SQLITE_OK) {
			bool ok = sqlite3_step(st) == SQLITE_ROW &&
				  strcmp(db_column_text(st, 0), "ok") == 0;
			if (!ok)
				buf_printf(err, "the copy failed its integrity check (%s), so %s is unchanged: "
						"the database itself may be damaged (`waymark check database`)",
					   sqlite3_column_text(st, 0) ? db_column_text(st, 0)
								      : sqlite3_errmsg(copy), dest);
			sqlite3_finalize(st);
			if (!ok)
				rc = SQLITE_CORRUPT;
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

/* ---- Damage, restore and the WAL (docs/reliability.md) ---- */

/* The sidecar lock. Every connection to a file database holds a shared
 * flock on "<db>-lock" for its whole life; `waymark restore` and `init
 * --force` take it exclusively, so they never replace a database that a
 * server or another command has open. flock on a file of its own, never
 * fcntl on the database: SQLite locks the database with fcntl, and POSIX
 * drops a process's fcntl locks on a file when any descriptor of that file
 * is closed; flock locks on another file are independent of them.
 *
 * The descriptor belongs to the SQL function waymark_lock(), registered on
 * the connection: SQLite calls the function's destructor when the
 * connection closes, so the lock lives exactly as long as the connection
 * (db_open and db_close need not know). Calling the function takes the
 * lock; its error, when the lock is refused, becomes the connection's
 * error, which db_open reports. */
struct sidecar_lock {
	int fd;
	char *path;
};

static void sidecar_lock_free(void *p)
{
	struct sidecar_lock *l = p;
	if (l->fd >= 0)
		close(l->fd);
	free(l->path);
	free(l);
}

static char *lock_path(const char *db_path)
{
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s-lock", db_path);
	return buf_detach(&b);
}

/* Opens (creating it) the lock file: read-only is enough for flock, so a
 * file created by another user (root running a command) still serves. -1
 * when it cannot be opened or created, errno set. */
static int open_lock_file(const char *path)
{
	return open(path, O_RDONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
}

static void sidecar_lock_sql(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	struct sidecar_lock *l = sqlite3_user_data(c);
	if (l->fd >= 0) {
		sqlite3_result_int(c, 1);
		return;
	}
	int fd = open_lock_file(l->path);
	if (fd < 0 && (errno == EACCES || errno == EROFS)) {
		/* A directory this user cannot write: nothing can replace the
		 * database there either, and SQLite says so if it must write. */
		sqlite3_result_int(c, 0);
		return;
	}
	if (fd < 0) {
		char message[600];
		snprintf(message, sizeof message, "cannot open the lock file %s: %s", l->path,
			 strerror(errno));
		sqlite3_result_error(c, message, -1);
		return;
	}
	if (flock(fd, LOCK_SH | LOCK_NB) != 0) {
		close(fd);
		sqlite3_result_error(c, "the database is being replaced (`waymark restore` or `waymark init "
					"--force` is running): try again once it has finished", -1);
		return;
	}
	/* Opened just before a restore renamed another file into place: this
	 * connection holds the old file, which nobody will see again. */
	int moved = 0;
	sqlite3_file_control(sqlite3_context_db_handle(c), "main", SQLITE_FCNTL_HAS_MOVED, &moved);
	if (moved) {
		close(fd);
		sqlite3_result_error(c, "the database was replaced while it was being opened: try again", -1);
		return;
	}
	l->fd = fd;
	sqlite3_result_int(c, 1);
}

static int hold_shared_lock(struct db *db)
{
	if (strcmp(db->path, ":memory:") == 0)
		return 0;
	struct sidecar_lock *l = xcalloc(1, sizeof *l);
	l->fd = -1;
	l->path = lock_path(db->path);
	/* On failure SQLite calls the destructor itself. */
	if (sqlite3_create_function_v2(db->handle, "waymark_lock", 0, SQLITE_UTF8 | SQLITE_DIRECTONLY,
				       l, sidecar_lock_sql, NULL, NULL, sidecar_lock_free) != SQLITE_OK)
		return -1;
	return exec(db, "SELECT waymark_lock()");
}

int db_lock_exclusive(const char *path, struct buf *err)
{
	char *name = lock_path(path);
	int fd = open_lock_file(name);
	if (fd < 0) {
		buf_printf(err, "cannot open the lock file %s: %s", name, strerror(errno));
	} else if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		int e = errno;
		close(fd);
		fd = -1;
		if (e == EWOULDBLOCK)
			buf_printf(err, "%s is in use by `waymark serve` or another waymark command", path);
		else
			buf_printf(err, "cannot lock %s: %s", name, strerror(e));
	}
	free(name);
	return fd;
}

void db_unlock(int lock)
{
	if (lock >= 0)
		close(lock);
}

/* What SQLite's error log has reported, on any connection of the process. */
static atomic_long damage_reports, disk_full_reports;

static void log_callback(void *arg, int code, const char *message)
{
	(void)arg;
	(void)message;
	int primary = code & 0xff;
	if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
		atomic_fetch_add(&damage_reports, 1);
	else if (primary == SQLITE_FULL)
		atomic_fetch_add(&disk_full_reports, 1);
}

void db_library_init(void)
{
	/* Only possible before SQLite initialises itself, at the first open. */
	sqlite3_config(SQLITE_CONFIG_LOG, log_callback, NULL);
}

void db_trouble(struct db *db, struct db_trouble *out)
{
	out->damage = atomic_load(&damage_reports);
	out->disk_full = atomic_load(&disk_full_reports);
	if (!db)
		return;
	int primary = sqlite3_extended_errcode(db->handle) & 0xff;
	out->damage += primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
	out->disk_full += primary == SQLITE_FULL;
}

bool db_is_corrupt(struct db *db)
{
	int primary = sqlite3_extended_errcode(db->handle) & 0xff;
	return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
}

/* A row of integrity_check's answer may hold several lines; its
 * "*** in database main ***" heading says nothing to a reader. */
static void add_problem_lines(struct buf *problems, const char *text)
{
	while (*text) {
		size_t n = strcspn(text, "\n");
		if (n && strncmp(text, "*** in database ", 16) != 0)
			buf_printf(problems, "%.*s\n", (int)n, text);
		text += n + (text[n] == '\n');
	}
}

/* Runs a quick_check or integrity_check on an open handle: 1 ok, 0 damaged
 * (each problem a line of problems), -1 the check could not run for
 * another reason (busy, out of memory; the message in problems). */
static int check_handle(sqlite3 *handle, bool full, int max_problems, struct buf *problems)
{
	char sql[48];
	snprintf(sql, sizeof sql, "PRAGMA %s(%d)", full ? "integrity_check" : "quick_check",
		 max_problems);
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(handle, sql, -1, &st, NULL);
	bool ok = false;
	int rows = 0;
	if (rc == SQLITE_OK) {
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			const char *text = db_column_text(st, 0);
			if (rows++ == 0 && strcmp(text, "ok") == 0)
				ok = true;
			else
				add_problem_lines(problems, text);
		}
	}
	if (rc == SQLITE_DONE) {
		sqlite3_finalize(st);
		return ok ? 1 : 0;
	}
	int primary = sqlite3_extended_errcode(handle) & 0xff;
	buf_printf(problems, "%s\n", sqlite3_errmsg(handle));
	sqlite3_finalize(st);
	/* A page SQLite cannot even read is damage too. */
	return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB ? 0 : -1;
}

int db_check(struct db *db, bool full, struct buf *problems)
{
	return check_handle(db->handle, full, 100, problems);
}

bool db_file_damaged(const char *path)
{
	struct stat sb;
	if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size == 0)
		return false;
	sqlite3 *h = NULL;
	bool damaged = false;
	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
		struct buf problems = BUF_INIT;
		damaged = check_handle(h, false, 1, &problems) == 0;
		buf_free(&problems);
	}
	sqlite3_close(h);
	return damaged;
}

/* "file:PATH?mode=ro&immutable=1", with the characters a URI gives
 * meaning to escaped: SQLite reads the file and writes nothing, not even a
 * lock or a journal beside it. */
static char *immutable_uri(const char *path)
{
	struct buf b = BUF_INIT;
	buf_puts(&b, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#' || *p <= ' ' || *p >= 0x7f)
			buf_printf(&b, "%%%02X", *p);
		else
			buf_append(&b, (const char *)p, 1);
	}
	buf_puts(&b, "?mode=ro&immutable=1");
	return buf_detach(&b);
}

static long long count_of(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st;
	long long n = -1;
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* The figures a restore shows, from a file that has passed its checks. */
static void describe_file(sqlite3 *h, struct db_file_info *info)
{
	info->pupils = count_of(h, "SELECT count(*) FROM student");
	info->marks = count_of(h, "SELECT count(*) FROM mark");
	info->newest_change[0] = '\0';
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(h, "SELECT max(at) FROM audit", -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			snprintf(info->newest_change, sizeof info->newest_change, "%s",
				 db_column_text(st, 0));
		sqlite3_finalize(st);
	}
}

/* Whether h holds a Waymark database this binary can open: 0, or -1 with
 * the reason in err. */
static int check_identity(sqlite3 *h, const char *path, struct db_file_info *info,
			  struct buf *err)
{
	long long app_id = count_of(h, "PRAGMA application_id");
	info->schema_version = (int)count_of(h, "PRAGMA user_version");
	if (app_id < 0 || info->schema_version < 0) {
		buf_printf(err, "%s cannot be read as a database (%s)", path, sqlite3_errmsg(h));
		return -1;
	}
	if (app_id != WAYMARK_APPLICATION_ID) {
		buf_printf(err, "%s is not a Waymark database", path);
		return -1;
	}
	if (info->schema_version == 0) {
		buf_printf(err, "%s is an empty database, not a Waymark backup", path);
		return -1;
	}
	if (info->schema_version > db_latest_schema_version()) {
		buf_printf(err, "%s has schema version %d but this waymark only knows up to %d: "
				"install the newer waymark that made it",
			   path, info->schema_version, db_latest_schema_version());
		return -1;
	}
	return 0;
}

int db_file_check(const char *path, struct db_file_info *info, struct buf *err)
{
	memset(info, 0, sizeof *info);
	struct stat sb;
	if (stat(path, &sb) != 0) {
		buf_printf(err, "cannot read %s: %s", path, strerror(errno));
		return -1;
	}
	if (!S_ISREG(sb.st_mode)) {
		buf_printf(err, "%s is not a file", path);
		return -1;
	}
	info->bytes = sb.st_size;
	info->modified = sb.st_mtime;
	/* The bytes restored are the file's alone: changes waiting in a WAL
	 * beside it would be lost. */
	struct buf wal = BUF_INIT;
	buf_printf(&wal, "%s-wal", path);
	bool live = stat(buf_str(&wal), &sb) == 0 && sb.st_size > 0;
	buf_free(&wal);
	if (live) {
		buf_printf(err, "%s has a write-ahead log (%s-wal) beside it, so it is a database in use "
				"rather than a backup: copy it with `waymark --db %s backup FILE` and restore FILE",
			   path, path, path);
		return -1;
	}
	char *uri = immutable_uri(path);
	sqlite3 *h = NULL;
	int rc = sqlite3_open_v2(uri, &h, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
	free(uri);
	int status = -1;
	if (rc != SQLITE_OK) {
		buf_printf(err, "cannot open %s: %s", path, h ? sqlite3_errmsg(h) : sqlite3_errstr(rc));
	} else if (check_identity(h, path, info, err) == 0) {
		struct buf problems = BUF_INIT;
		int health = check_handle(h, true, 5, &problems);
		if (health == 1) {
			describe_file(h, info);
			status = 0;
		} else {
			/* One line: the first problem stands for the rest. */
			buf_printf(err, "%s is damaged (integrity_check: %.*s)", path,
				   (int)strcspn(buf_str(&problems), "\n"), buf_str(&problems));
		}
		buf_free(&problems);
	}
	sqlite3_close(h);
	return status;
}

/* Removes path's journal files: the WAL and its index, and a rollback
 * journal. 0, or -1 with a message in err. */
static int remove_journals(const char *path, struct buf *err)
{
	static const char *const suffixes[] = { "-wal", "-shm", "-journal" };
	for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
		struct buf side = BUF_INIT;
		buf_printf(&side, "%s%s", path, suffixes[i]);
		int rc = unlink(buf_str(&side));
		if (rc != 0 && errno != ENOENT)
			buf_printf(err, "cannot remove %s: %s", buf_str(&side), strerror(errno));
		buf_free(&side);
		if (rc != 0 && errno != ENOENT)
			return -1;
	}
	return 0;
}

int db_install(const char *path, const char *new_path, struct buf *err)
{
	/* The old database's WAL must be gone, and known to be gone on disk,
	 * before the new file takes the name: a crash between the two steps
	 * must never let SQLite apply the old WAL to the new file. */
	if (remove_journals(path, err) != 0 || !file_sync_dir(path, err))
		return -1;
	if (rename(new_path, path) != 0) {
		buf_printf(err, "cannot rename %s to %s: %s", new_path, path, strerror(errno));
		return -1;
	}
	if (!file_sync_dir(path, err))
		return -1;
	/* What SQLite left beside the new file under its old name. */
	db_remove_files(new_path);
	return 0;
}

void db_remove_files(const char *path)
{
	struct buf err = BUF_INIT;
	unlink(path);
	remove_journals(path, &err);
	char *lock = lock_path(path);
	unlink(lock);
	free(lock);
	buf_free(&err);
}

int db_restore_file(const char *path, const char *backup, long long expect_bytes, struct buf *err)
{
	char *tmp = NULL;
	long long bytes = 0;
	if (!file_copy_beside(backup, path, &tmp, &bytes, err))
		return -1;
	if (bytes != expect_bytes) {
		buf_printf(err, "%s changed while it was being copied (%lld bytes, not %lld): try again",
			   backup, bytes, expect_bytes);
		unlink(tmp);
		free(tmp);
		return -1;
	}
	int rc = db_install(path, tmp, err);
	if (rc != 0)
		unlink(tmp);
	free(tmp);
	return rc;
}

int db_checkpoint(struct db *db)
{
	/* TRUNCATE waits for readers to finish and holds writers off while
	 * it waits: briefly, so that nobody's save waits on it. */
	sqlite3_busy_timeout(db->handle, 100);
	int rc = sqlite3_wal_checkpoint_v2(db->handle, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
	sqlite3_busy_timeout(db->handle, BUSY_TIMEOUT_MS);
	if (rc == SQLITE_OK)
		return 0;
	return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED ? 1 : -1;
}
