/* The database connection. Only store/ includes sqlite3.h: everything above
 * sees `struct db` and the functions of the store headers.
 *
 * Return convention for store functions: 0 success, -1 error (a message is
 * available from db_error()); lookups return 1 found, 0 not found, -1 error. */
#ifndef WAYMARK_DB_H
#define WAYMARK_DB_H

#include <stdbool.h>

#include "util/buf.h"

struct db;

enum db_open_mode {
	DB_OPEN_EXISTING, /* the file must exist and be a Waymark database */
	DB_OPEN_CREATE,   /* create (or open) and migrate to the latest schema */
};

/* Opens path (":memory:" works too), applies the connection settings
 * (WAL, synchronous=FULL, foreign keys, defensive mode) and brings the
 * schema up to date with the embedded migrations. On failure returns NULL
 * and puts a message fit for the user, naming what to do, in err. */
struct db *db_open(const char *path, enum db_open_mode mode, struct buf *err);
void db_close(struct db *db);

/* The last SQLite error message on this connection. */
const char *db_error(struct db *db);

/* Transactions. db_begin starts an IMMEDIATE transaction (waiting up to
 * the busy timeout for another writer to finish) so that a writer never
 * deadlocks on upgrade; the connection must have no read open. */
int db_begin(struct db *db);
int db_commit(struct db *db);
void db_rollback(struct db *db);

/* What db_transaction runs: 0 to commit, -1 on a database error, or a
 * positive status of its own (a refusal) to roll back. It may run more
 * than once, so it changes nothing but the database. */
typedef int (*db_transaction_body)(struct db *db, void *ctx);
enum { DB_TRANSACTION_ATTEMPTS = 6 };
/* Runs body in a write transaction and commits it. When an attempt fails
 * only because the database was busy (another writer held it past the
 * busy timeout, or a snapshot went stale), rolls back and runs the whole
 * transaction again, up to DB_TRANSACTION_ATTEMPTS times with a short
 * pause. Returns 0 once committed, body's positive status (rolled back),
 * or -1 (rolled back; db_error says why). */
int db_transaction(struct db *db, db_transaction_body body, void *ctx);
/* How long a statement waits for another connection's write lock before
 * failing busy (5 s unless changed; tests shorten it). */
void db_set_busy_timeout(struct db *db, int milliseconds);
/* Whether the last failure was the database being busy or locked. */
bool db_is_busy(struct db *db);
/* Statements of this connection now in the middle of their rows (each
 * holding a read open): 0 between store calls. For tests and asserts. */
int db_open_reads(struct db *db);

/* The schema version in the file and the newest this binary knows. */
int db_schema_version(struct db *db);
int db_latest_schema_version(void);

/* Appends the schema (every CREATE statement, sorted by name) to out: the
 * text compared with the checked-in snapshot. */
int db_schema_dump(struct db *db, struct buf *out);

/* Resets every prepared statement of the connection. A statement left
 * mid-result holds its read snapshot open, so a long-lived connection (a
 * web worker's) calls this after each request to see others' commits. */
void db_release(struct db *db);

/* Copies the database, as one consistent snapshot, to dest (replaced only
 * once the copy is whole and passes SQLite's full integrity_check, flushed
 * to disk with its directory; readable by its owner only). Sets *pages to
 * the pages copied. 0, or -1 with a message in err. */
int db_backup(struct db *db, const char *dest, long *pages, struct buf *err);

/* What lets a long-lived connection tell whether the database has changed
 * since it last looked: commits by other connections (PRAGMA data_version)
 * and changes made through this one. Equal stamps, nothing changed. */
struct db_stamp {
	long long others;
	long long own;
};
int db_stamp(struct db *db, struct db_stamp *out);
bool db_stamp_equal(const struct db_stamp *a, const struct db_stamp *b);

/* Row id of the last insert on this connection. */
long long db_last_insert_id(struct db *db);
/* Rows changed by the last statement. */
int db_changes(struct db *db);

/* ---- Damage, restore and the WAL (docs/reliability.md) ---- */

/* Installs the error log through which SQLite reports damage and a full
 * disk (db_trouble). Call first thing in main, before any db_open. */
void db_library_init(void);

/* What SQLite has reported since db_library_init, on any connection of
 * the process: damage found (SQLITE_CORRUPT, SQLITE_NOTADB) and writes
 * that failed for want of disk space (SQLITE_FULL); plus, when db is not
 * NULL, its last error (a COMMIT that fails is not logged). The counts
 * only grow: compare a reading taken before some work with one after. */
struct db_trouble {
	long damage;
	long disk_full;
};
void db_trouble(struct db *db, struct db_trouble *out);

/* Whether the last error on db says the database is damaged. */
bool db_is_corrupt(struct db *db);

/* Runs PRAGMA quick_check (full false: every page's structure, quickly)
 * or integrity_check (full true: also every index against its table).
 * Returns 1 ok; 0 damaged, with each problem found (up to 100) a line of
 * problems; -1 the check could not run for another reason (the message in
 * problems). */
int db_check(struct db *db, bool full, struct buf *problems);

/* Whether the file at path exists and SQLite finds it damaged or cannot
 * read it as a database at all (a clobbered header): for a message when
 * db_open has failed. Opens it read-only. */
bool db_file_damaged(const char *path);

/* What db_file_check learnt about a backup. */
struct db_file_info {
	int schema_version;
	long long pupils;          /* rows of student, -1 unknown */
	long long marks;           /* rows of mark, -1 unknown */
	char newest_change[32];    /* the newest audit entry's time, or "" */
	long long bytes;
	long long modified;        /* the file's modification time, Unix seconds */
};

/* Checks that path can be restored: a file on its own (no WAL beside it),
 * a SQLite database with Waymark's application id and a schema version
 * this binary knows, and integrity_check ok. Opens it read-only and
 * immutable: nothing is written to it or beside it. 0 with info filled,
 * or -1 with the reason in err. */
int db_file_check(const char *path, struct db_file_info *info, struct buf *err);

/* The sidecar lock: every connection db_open makes to a file database
 * holds "<path>-lock" shared for its life. db_lock_exclusive takes it
 * exclusively without waiting, so that no connection of any process has
 * the database while it is held (and db_open is refused, saying why).
 * Returns the lock for db_unlock, or -1 with a message in err (held by a
 * server or another command: the message says so). */
int db_lock_exclusive(const char *path, struct buf *err);
void db_unlock(int lock);

/* Puts the database file new_path (complete and flushed to disk) in place
 * of path: removes path's WAL, WAL index and journal and flushes the
 * directory first, so that a crash at any moment leaves either the old
 * database without its WAL or the new one, never the new file with the
 * old WAL; then renames and flushes the directory again. The caller holds
 * db_lock_exclusive(path). 0, or -1 with a message in err. */
int db_install(const char *path, const char *new_path, struct buf *err);

/* Removes a database file that is no longer wanted (a half-made one)
 * with its journals and lock file, as far as they exist. Nobody may have
 * it open. */
void db_remove_files(const char *path);

/* Replaces the database at path by a copy of the file backup (checked by
 * db_file_check, expect_bytes long): copied beside path, flushed, then
 * db_install. The caller holds db_lock_exclusive(path). 0, or -1 with a
 * message in err (path is then untouched). */
int db_restore_file(const char *path, const char *backup, long long expect_bytes,
		    struct buf *err);

/* Copies the WAL into the database and empties it (wal_checkpoint
 * TRUNCATE), waiting at most 100 ms for readers and writers. 0 done, 1
 * busy (try again later), -1 error. */
int db_checkpoint(struct db *db);

#endif
