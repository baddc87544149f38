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
 * once the copy is whole and passes a quick integrity check; readable by
 * its owner only). Sets *pages to the pages copied. 0, or -1 with a message
 * in err. */
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

#endif
