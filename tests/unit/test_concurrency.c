/* Several connections on one database file, as the web server's workers
 * and a command line run them: a read never leaves a statement open that
 * would make this connection's next write fail, a busy writer is waited
 * for and the transaction tried again, and a refusal rolls back. */
#include "unit.h"

#include <pthread.h>
#include <sqlite3.h>
#include <time.h>
#include <unistd.h>

#include "store/audit_store.h"
#include "store/db.h"
#include "store/school_store.h"
#include "store/user_store.h"

struct file_db {
	char path[64];
	long long school;
	long long user;
};

/* A new database file with a school and a user; both connections below
 * open it. */
static void make_file_db(struct file_db *f)
{
	snprintf(f->path, sizeof f->path, "/tmp/waymark-concurrency-XXXXXX");
	int fd = mkstemp(f->path);
	assert_true(fd >= 0);
	close(fd);
	unlink(f->path);
	struct buf err = BUF_INIT;
	struct db *db = db_open(f->path, DB_OPEN_CREATE, &err);
	assert_non_null(db);
	assert_int_equal(school_create(db, "north", "North Academy", &f->school), 0);
	struct user u = { .school_id = f->school, .login = "ann", .display_name = "Ann",
			  .role = "leader", .password_hash = "x" };
	assert_int_equal(user_store_add(db, &u, &f->user), 0);
	db_close(db);
	buf_free(&err);
}

static struct db *connect(const struct file_db *f)
{
	struct buf err = BUF_INIT;
	struct db *db = db_open(f->path, DB_OPEN_EXISTING, &err);
	assert_non_null(db);
	buf_free(&err);
	return db;
}

static void remove_file_db(const struct file_db *f)
{
	char side[96];
	unlink(f->path);
	snprintf(side, sizeof side, "%s-wal", f->path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", f->path);
	unlink(side);
}

static int add_audit(struct db *db, void *ctx)
{
	const char *what = ctx;
	return audit_record(db, 0, "test", what, "test", NULL, NULL);
}

/* The defect behind half of the web's failed register saves: a lookup
 * left its statement on a row, so the connection kept reading an old
 * snapshot; after another worker committed, this worker's BEGIN IMMEDIATE
 * failed at once with SQLITE_BUSY_SNAPSHOT. */
static void test_lookup_then_write_after_another_commit(void **state)
{
	(void)state;
	struct file_db f;
	make_file_db(&f);
	struct db *a = connect(&f), *b = connect(&f);
	struct user u;
	assert_int_equal(user_store_find_login(a, "ann", &u), 1);
	assert_int_equal(session_store_find(a, "no such session", &(struct session_row){ 0 }), 0);
	assert_int_equal(db_open_reads(a), 0);
	/* Another worker commits. */
	assert_int_equal(add_audit(b, "other.worker"), 0);
	/* This worker now writes, in a transaction and in autocommit. */
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(add_audit(a, "this.worker"), 0);
	assert_int_equal(db_commit(a), 0);
	assert_int_equal(user_store_find_id(a, f.user, &u), 1);
	assert_int_equal(add_audit(b, "other.again"), 0);
	assert_int_equal(login_attempt_add(a, "ann", "127.0.0.1", 1, false, ATTEMPT_PASSWORD), 0);
	db_close(a);
	db_close(b);
	remove_file_db(&f);
}

struct holder {
	const char *path;
	long hold_ms;
};

/* Holds the write lock for a while, as a command-line import in another
 * process does: through SQLite directly, since this process's own writers
 * take turns before they reach SQLite's lock (store/db.c). */
static void *hold_write_lock(void *p)
{
	struct holder *h = p;
	sqlite3 *raw;
	assert_int_equal(sqlite3_open(h->path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, "BEGIN IMMEDIATE; INSERT INTO audit (at, actor, action, "
					   "entity) VALUES ('now', 'test', 'holder', 'test')",
				      NULL, NULL, NULL), SQLITE_OK);
	struct timespec pause = { h->hold_ms / 1000, (h->hold_ms % 1000) * 1000000L };
	nanosleep(&pause, NULL);
	assert_int_equal(sqlite3_exec(raw, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(raw);
	return NULL;
}

static long audit_count(struct db *db, const char *action)
{
	struct audit_entry *entries = NULL;
	long total = 0;
	long n = audit_page(db, 0, action, 0, 1, &entries, &total);
	free(entries);
	return n < 0 ? -1 : total;
}

/* A writer that finds the lock held past its busy timeout tries the whole
 * transaction again instead of failing the user's save. */
static void test_transaction_retried_while_busy(void **state)
{
	(void)state;
	struct file_db f;
	make_file_db(&f);
	struct db *a = connect(&f);
	db_set_busy_timeout(a, 20);
	struct holder h = { f.path, 150 };
	pthread_t thread;
	assert_int_equal(pthread_create(&thread, NULL, hold_write_lock, &h), 0);
	/* Let the holder take the lock. */
	struct timespec pause = { 0, 30 * 1000000L };
	nanosleep(&pause, NULL);
	/* One attempt alone fails busy... */
	assert_int_equal(db_begin(a), -1);
	assert_true(db_is_busy(a));
	/* ...the transaction waits it out. */
	assert_int_equal(db_transaction(a, add_audit, "retried"), 0);
	pthread_join(thread, NULL);
	assert_int_equal(audit_count(a, "retried"), 1);
	assert_int_equal(audit_count(a, "holder"), 1);
	db_close(a);
	remove_file_db(&f);
}

static int refuse_after_writing(struct db *db, void *ctx)
{
	(void)ctx;
	if (add_audit(db, "refused") != 0)
		return -1;
	return 3;
}

static int fail_with_constraint(struct db *db, void *ctx)
{
	(void)ctx;
	/* A login that is taken: a real error, not busy, so not retried. */
	struct user u = { .school_id = 1, .login = "ann", .display_name = "Ann again",
			  .role = "leader", .password_hash = "x" };
	long long id;
	return user_store_add(db, &u, &id);
}

static void test_transaction_refusal_and_error_roll_back(void **state)
{
	(void)state;
	struct file_db f;
	make_file_db(&f);
	struct db *a = connect(&f);
	assert_int_equal(db_transaction(a, refuse_after_writing, NULL), 3);
	assert_int_equal(audit_count(a, "refused"), 0);
	assert_int_equal(db_transaction(a, fail_with_constraint, NULL), -1);
	assert_false(db_is_busy(a));
	assert_non_null(strstr(db_error(a), "UNIQUE"));
	/* Nothing left open: the next write works. */
	assert_int_equal(db_transaction(a, add_audit, "after"), 0);
	assert_int_equal(audit_count(a, "after"), 1);
	db_close(a);
	remove_file_db(&f);
}

struct saver {
	const struct file_db *f;
	int saves, failures;
};

static int save_twice(struct db *db, void *ctx)
{
	(void)ctx;
	struct user u;
	if (user_store_find_login(db, "ann", &u) != 1)
		return -1;
	if (add_audit(db, "register.save") != 0 || add_audit(db, "register.save") != 0)
		return -1;
	return 0;
}

/* A worker: lookups outside the transaction, as a page does, then a save. */
static void *saver_thread(void *p)
{
	struct saver *s = p;
	struct db *db = connect(s->f);
	for (int i = 0; i < 200; i++) {
		struct user u;
		if (user_store_find_login(db, "ann", &u) != 1 ||
		    db_transaction(db, save_twice, NULL) != 0)
			s->failures++;
		else
			s->saves++;
	}
	db_close(db);
	return NULL;
}

/* Eight workers saving at once: no failure, nothing lost. */
static void test_many_writers_no_failures(void **state)
{
	(void)state;
	struct file_db f;
	make_file_db(&f);
	enum { WORKERS = 8 };
	struct saver savers[WORKERS];
	pthread_t threads[WORKERS];
	for (int i = 0; i < WORKERS; i++) {
		savers[i] = (struct saver){ &f, 0, 0 };
		assert_int_equal(pthread_create(&threads[i], NULL, saver_thread, &savers[i]), 0);
	}
	int saves = 0, failures = 0;
	for (int i = 0; i < WORKERS; i++) {
		pthread_join(threads[i], NULL);
		saves += savers[i].saves;
		failures += savers[i].failures;
	}
	assert_int_equal(failures, 0);
	assert_int_equal(saves, WORKERS * 200);
	struct db *db = connect(&f);
	assert_int_equal(audit_count(db, "register.save"), 2 * WORKERS * 200);
	db_close(db);
	remove_file_db(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lookup_then_write_after_another_commit),
		cmocka_unit_test(test_transaction_retried_while_busy),
		cmocka_unit_test(test_transaction_refusal_and_error_roll_back),
		cmocka_unit_test(test_many_writers_no_failures),
	};
	return cmocka_run_group_tests_name("concurrency", tests, NULL, NULL);
}
