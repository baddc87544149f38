/* Backup, check and restore in the store (docs/reliability.md): the
 * sidecar lock between connections and a restore, the integrity checks,
 * what db_file_check refuses, and db_install putting a file in place with
 * the old WAL gone. */
#include "unit.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/db.h"
#include "store/school_store.h"
#include "util/file.h"

static char *temp_path(void)
{
	char *path = strdup("/tmp/waymark-reliability-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	unlink(path);
	return path;
}

static char *side(const char *path, const char *suffix)
{
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s%s", path, suffix);
	return buf_detach(&b);
}

static void remove_all(const char *path)
{
	db_remove_files(path);
}

/* A Waymark database at path with one school. */
static void make_db(const char *path)
{
	struct buf err = BUF_INIT;
	struct db *db = db_open(path, DB_OPEN_CREATE, &err);
	assert_non_null(db);
	long long id;
	assert_int_equal(school_create(db, "test", "Test", &id), 0);
	db_close(db);
	buf_free(&err);
}

static void raw_exec(const char *path, const char *sql)
{
	sqlite3 *raw;
	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(raw);
}

static int root_page(const char *path, const char *table)
{
	sqlite3 *raw;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(raw, "SELECT rootpage FROM sqlite_schema WHERE name = ?1",
					    -1, &st, NULL),
			 SQLITE_OK);
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int page = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(raw);
	return page;
}

/* Zeros a page; no connection in this process has the file open. */
static void zero_page(const char *path, int page)
{
	char zeros[4096] = { 0 };
	int fd = open(path, O_WRONLY);
	assert_true(fd >= 0);
	assert_int_equal(pwrite(fd, zeros, sizeof zeros, (off_t)(page - 1) * 4096), (ssize_t)sizeof zeros);
	close(fd);
}

static void test_lock_keeps_a_restore_from_an_open_database(void **state)
{
	(void)state;
	char *path = temp_path();
	make_db(path);
	struct buf err = BUF_INIT;
	struct db *db = db_open(path, DB_OPEN_EXISTING, &err);
	assert_non_null(db);
	assert_int_equal(db_lock_exclusive(path, &err), -1);
	char expected[512];
	snprintf(expected, sizeof expected, "%s is in use by `waymark serve` or another waymark command", path);
	assert_string_equal(buf_str(&err), expected);
	db_close(db);

	/* Closed: the restore may go ahead, and nobody opens it meanwhile. */
	buf_reset(&err);
	int lock = db_lock_exclusive(path, &err);
	assert_true(lock >= 0);
	assert_null(db_open(path, DB_OPEN_EXISTING, &err));
	snprintf(expected, sizeof expected,
		 "cannot use %s as a database: the database is being replaced (`waymark restore` or "
		 "`waymark init --force` is running): try again once it has finished", path);
	assert_string_equal(buf_str(&err), expected);
	db_unlock(lock);
	buf_reset(&err);
	db = db_open(path, DB_OPEN_EXISTING, &err);
	assert_non_null(db);
	db_close(db);
	/* An in-memory database has no lock file. */
	db = db_open(":memory:", DB_OPEN_CREATE, &err);
	assert_non_null(db);
	db_close(db);
	assert_false(file_exists(":memory:-lock"));
	buf_free(&err);
	remove_all(path);
	free(path);
}

static void test_checks_find_a_zeroed_page(void **state)
{
	(void)state;
	char *path = temp_path();
	make_db(path);
	struct buf err = BUF_INIT, problems = BUF_INIT;
	struct db *db = db_open(path, DB_OPEN_EXISTING, &err);
	assert_int_equal(db_check(db, false, &problems), 1);
	assert_int_equal(db_check(db, true, &problems), 1);
	assert_string_equal(buf_str(&problems), "");
	db_close(db);
	assert_false(db_file_damaged(path));

	zero_page(path, root_page(path, "school"));
	db = db_open(path, DB_OPEN_EXISTING, &err);
	assert_non_null(db);
	assert_int_equal(db_check(db, false, &problems), 0);
	assert_non_null(strstr(buf_str(&problems), "Page "));
	assert_null(strstr(buf_str(&problems), "*** in database"));
	buf_reset(&problems);
	assert_int_equal(db_check(db, true, &problems), 0);
	db_close(db);
	assert_true(db_file_damaged(path));
	/* A missing file is not damage: db_open says what to do. */
	assert_false(db_file_damaged("/tmp/no/such/waymark.db"));
	buf_free(&problems);
	buf_free(&err);
	remove_all(path);
	free(path);
}

static void test_file_check_refuses_what_cannot_be_restored(void **state)
{
	(void)state;
	char *path = temp_path();
	struct buf err = BUF_INIT;
	struct db_file_info info;
	make_db(path);
	raw_exec(path, "PRAGMA journal_mode = DELETE");
	char *lock = side(path, "-lock"), *wal = side(path, "-wal");
	unlink(lock);
	struct stat before;
	assert_int_equal(stat(path, &before), 0);
	assert_int_equal(db_file_check(path, &info, &err), 0);
	assert_int_equal(info.schema_version, db_latest_schema_version());
	assert_int_equal(info.pupils, 0);
	assert_int_equal(info.marks, 0);
	assert_int_equal(info.bytes, before.st_size);
	/* Read, never written: no lock or WAL beside it. */
	assert_false(file_exists(lock));
	assert_false(file_exists(wal));

	/* A WAL beside it: a database in use, not a backup. */
	FILE *f = fopen(wal, "w");
	fputs("not empty", f);
	fclose(f);
	assert_int_equal(db_file_check(path, &info, &err), -1);
	assert_non_null(strstr(buf_str(&err), "has a write-ahead log"));
	unlink(wal);

	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", db_latest_schema_version() + 1);
	raw_exec(path, sql);
	buf_reset(&err);
	assert_int_equal(db_file_check(path, &info, &err), -1);
	assert_non_null(strstr(buf_str(&err), "install the newer waymark"));
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", db_latest_schema_version());
	raw_exec(path, sql);

	zero_page(path, root_page(path, "school"));
	buf_reset(&err);
	assert_int_equal(db_file_check(path, &info, &err), -1);
	char expected[512];
	snprintf(expected, sizeof expected, "%s is damaged (integrity_check: ", path);
	assert_memory_equal(buf_str(&err), expected, strlen(expected));
	remove_all(path);

	raw_exec(path, "CREATE TABLE t (x)");
	buf_reset(&err);
	assert_int_equal(db_file_check(path, &info, &err), -1);
	snprintf(expected, sizeof expected, "%s is not a Waymark database", path);
	assert_string_equal(buf_str(&err), expected);
	buf_free(&err);
	free(lock);
	free(wal);
	remove_all(path);
	free(path);
}

static void test_install_removes_the_old_wal_first(void **state)
{
	(void)state;
	char *path = temp_path(), *fresh = temp_path();
	make_db(path);
	make_db(fresh);
	raw_exec(fresh, "UPDATE school SET name = 'Fresh'");
	/* What a crash leaves beside the old database. */
	char *wal = side(path, "-wal"), *shm = side(path, "-shm"), *journal = side(path, "-journal");
	for (char **p = (char *[]){ wal, shm, journal, NULL }; *p; p++) {
		FILE *f = fopen(*p, "w");
		fputs("stale", f);
		fclose(f);
	}
	struct buf err = BUF_INIT;
	int lock = db_lock_exclusive(path, &err);
	assert_true(lock >= 0);
	assert_int_equal(db_install(path, fresh, &err), 0);
	db_unlock(lock);
	assert_false(file_exists(wal));
	assert_false(file_exists(shm));
	assert_false(file_exists(journal));
	assert_false(file_exists(fresh));
	struct db *db = db_open(path, DB_OPEN_EXISTING, &err);
	assert_non_null(db);
	struct school s;
	assert_int_equal(school_find(db, NULL, &s), 1);
	assert_string_equal(s.name, "Fresh");
	school_free(&s);
	db_close(db);
	buf_free(&err);
	free(wal);
	free(shm);
	free(journal);
	remove_all(path);
	remove_all(fresh);
	free(path);
	free(fresh);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lock_keeps_a_restore_from_an_open_database),
		cmocka_unit_test(test_checks_find_a_zeroed_page),
		cmocka_unit_test(test_file_check_refuses_what_cannot_be_restored),
		cmocka_unit_test(test_install_removes_the_old_wal_first),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
