/* The storage layer: migrations, the schema snapshot, refusing databases it
 * must not touch, and saving and loading the calendar and programme. */
#include "unit.h"

#include <sqlite3.h>
#include <unistd.h>

#include "domain/calendar.h"
#include "io/programme_file.h"
#include "store/audit_store.h"
#include "store/calendar_store.h"
#include "store/import_stage_store.h"
#include "store/db.h"
#include "store/programme_store.h"
#include "store/school_store.h"
#include "store/user_store.h"

static char *temp_path(void)
{
	char *path = strdup("/tmp/waymark-test-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	unlink(path);
	return path;
}

static void remove_db(const char *path)
{
	char side[512];
	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-lock", path);
	unlink(side);
}

static void test_migrated_schema_matches_snapshot(void **state)
{
	(void)state;
	struct buf err = BUF_INIT, dump = BUF_INIT;
	struct db *db = db_open(":memory:", DB_OPEN_CREATE, &err);
	assert_non_null(db);
	assert_int_equal(db_schema_version(db), db_latest_schema_version());
	buf_printf(&dump, "-- schema version %d\n", db_schema_version(db));
	assert_int_equal(db_schema_dump(db, &dump), 0);
	char *snapshot = read_fixture("src/store/schema.sql", NULL);
	/* On a mismatch: `make schema-snapshot`, and review the diff. */
	assert_string_equal(buf_str(&dump), snapshot);
	free(snapshot);
	buf_free(&dump);
	buf_free(&err);
	db_close(db);
}

static void test_missing_database(void **state)
{
	(void)state;
	struct buf err = BUF_INIT;
	assert_null(db_open("/tmp/no/such/waymark.db", DB_OPEN_EXISTING, &err));
	assert_string_equal(buf_str(&err), "no database at /tmp/no/such/waymark.db: run `waymark init`");
	buf_free(&err);
}

static void test_refuses_newer_database(void **state)
{
	(void)state;
	char *path = temp_path();
	struct buf err = BUF_INIT;
	struct db *db = db_open(path, DB_OPEN_CREATE, &err);
	assert_non_null(db);
	db_close(db);

	sqlite3 *raw;
	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", db_latest_schema_version() + 1);
	assert_int_equal(sqlite3_exec(raw, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(raw);

	assert_null(db_open(path, DB_OPEN_EXISTING, &err));
	char expected[512];
	snprintf(expected, sizeof expected,
		 "%s has schema version %d but this waymark only knows up to %d: install a newer waymark (never open it with an older one)",
		 path, db_latest_schema_version() + 1, db_latest_schema_version());
	assert_string_equal(buf_str(&err), expected);
	buf_free(&err);
	remove_db(path);
	free(path);
}

static void test_refuses_foreign_sqlite_file(void **state)
{
	(void)state;
	char *path = temp_path();
	sqlite3 *raw;
	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, "CREATE TABLE t (x); PRAGMA user_version = 3", NULL,
				      NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(raw);
	struct buf err = BUF_INIT;
	assert_null(db_open(path, DB_OPEN_EXISTING, &err));
	char expected[512];
	snprintf(expected, sizeof expected,
		 "%s is not a Waymark database: point --db at the file `waymark init` created", path);
	assert_string_equal(buf_str(&err), expected);
	buf_free(&err);
	remove_db(path);
	free(path);

	/* A text file is not a database at all. */
	path = temp_path();
	FILE *f = fopen(path, "w");
	fputs("UPN,Surname\n", f);
	fclose(f);
	buf_reset(&err);
	assert_null(db_open(path, DB_OPEN_EXISTING, &err));
	snprintf(expected, sizeof expected, "cannot use %s as a database: file is not a database",
		 path);
	assert_string_equal(buf_str(&err), expected);
	buf_free(&err);
	remove_db(path);
	free(path);
}

static void test_connection_settings(void **state)
{
	(void)state;
	char *path = temp_path();
	struct buf err = BUF_INIT;
	struct db *db = db_open(path, DB_OPEN_CREATE, &err);
	assert_non_null(db);
	db_close(db);
	sqlite3 *raw;
	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(raw, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
	sqlite3_finalize(st);
	assert_int_equal(sqlite3_prepare_v2(raw, "PRAGMA application_id", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 0x57594D4B);
	sqlite3_finalize(st);
	sqlite3_close(raw);
	buf_free(&err);
	remove_db(path);
	free(path);
}

static void test_calendar_save_and_load(void **state)
{
	(void)state;
	struct buf err = BUF_INIT;
	struct db *db = db_open(":memory:", DB_OPEN_CREATE, &err);
	long long school;
	assert_int_equal(school_create(db, "test", "Test", &school), 0);
	struct school_calendar cal, loaded;
	calendar_init(&cal, 2025);
	calendar_template(&cal, 3);
	calendar_set_named_date(&cal, "careers-fair", D(2025, 10, 16));
	assert_true(calendar_set_week(&cal, D(2026, 1, 5), 'A'));
	assert_int_equal(calendar_store_save(db, school, &cal), 0);
	/* Saving again replaces rather than duplicates. */
	assert_int_equal(calendar_store_save(db, school, &cal), 0);
	assert_int_equal(calendar_store_load(db, school, 2025, &loaded), 1);
	assert_int_equal(loaded.term_count, 3);
	assert_int_equal(loaded.holiday_count, cal.holiday_count);
	assert_int_equal(loaded.week_count, cal.week_count);
	assert_int_equal(calendar_week_of(&loaded, D(2026, 1, 5)), 'A');
	assert_true(loaded.weeks[0].monday == cal.weeks[0].monday);
	assert_int_equal(calendar_named_date(&loaded, "careers-fair"), D(2025, 10, 16));
	assert_string_equal(loaded.terms[1].label, "Spring term");
	calendar_free(&loaded);
	assert_int_equal(calendar_store_load(db, school, 2026, &loaded), 0);
	calendar_free(&loaded);
	int years[4];
	assert_int_equal(calendar_store_years(db, school, years, 4), 1);
	assert_int_equal(years[0], 2025);
	calendar_free(&cal);
	db_close(db);
	buf_free(&err);
}

static void test_programme_save_load_and_reimport(void **state)
{
	(void)state;
	struct buf err = BUF_INIT;
	struct db *db = db_open(":memory:", DB_OPEN_CREATE, &err);
	long long school;
	assert_int_equal(school_create(db, "test", "Test", &school), 0);

	size_t len;
	char *text = read_fixture("tests/fixtures/programmes/every-rule.yaml", &len);
	struct programme p, loaded;
	struct diag_list diags;
	diag_init(&diags, "every-rule.yaml");
	assert_true(programme_parse(text, len, &p, &diags));
	struct programme_save_result r;
	assert_int_equal(programme_store_save(db, school, &p, "sha", &r), 0);
	assert_int_equal(r.added, (int)p.activity_count);
	assert_int_equal(r.kept, 0);

	assert_int_equal(programme_store_load(db, school, &loaded), 1);
	char *a = programme_to_json(&p), *b = programme_to_json(&loaded);
	assert_string_equal(a, b);
	free(a);
	free(b);
	programme_free(&loaded);

	/* Re-import with one activity gone: it is removed, the rest kept. */
	p.activity_count--;
	assert_int_equal(programme_store_save(db, school, &p, "sha2", &r), 0);
	assert_int_equal(r.added, 0);
	assert_int_equal(r.kept, (int)p.activity_count);
	assert_int_equal(r.removed, 1);
	assert_int_equal(programme_store_load(db, school, &loaded), 1);
	assert_int_equal(loaded.activity_count, p.activity_count);
	programme_free(&loaded);

	programme_free(&p);
	diag_free(&diags);
	free(text);
	db_close(db);
	buf_free(&err);
}

static void test_school_lookup(void **state)
{
	(void)state;
	struct buf err = BUF_INIT;
	struct db *db = db_open(":memory:", DB_OPEN_CREATE, &err);
	struct school s;
	assert_int_equal(school_find(db, NULL, &s), 0);
	long long id;
	assert_int_equal(school_create(db, "north", "North Academy", &id), 0);
	assert_int_equal(school_find(db, NULL, &s), 1);
	assert_string_equal(s.name, "North Academy");
	school_free(&s);
	assert_int_equal(school_create(db, "south", "South Academy", &id), 0);
	/* Two schools: no default, but each by its slug. */
	assert_int_equal(school_find(db, NULL, &s), 0);
	assert_int_equal(school_find(db, "south", &s), 1);
	assert_int_equal(s.id, id);
	school_free(&s);
	assert_int_equal(school_count(db), 2);
	/* Slugs are unique. */
	assert_int_equal(school_create(db, "south", "Another", &id), -1);
	db_close(db);
	buf_free(&err);
}

/* A school with one user, for the web's tables. */
static struct db *school_with_user(long long *school, long long *user)
{
	struct buf err = BUF_INIT;
	struct db *db = db_open(":memory:", DB_OPEN_CREATE, &err);
	assert_non_null(db);
	buf_free(&err);
	assert_int_equal(school_create(db, "north", "North Academy", school), 0);
	struct user u = { .school_id = *school, .login = "ann", .display_name = "Ann",
			  .role = "leader", .password_hash = "x" };
	assert_int_equal(user_store_add(db, &u, user), 0);
	return db;
}

/* A checked file is taken once, by its uploader, within its hour. */
static void test_import_stage_taken_once(void **state)
{
	(void)state;
	long long school, user;
	struct db *db = school_with_user(&school, &user);
	struct import_stage s = { .user_id = user, .kind = "students", .file_name = "roster.csv",
				  .sha256 = "abc", .start_year = 2025, .as_of = D(2025, 9, 1),
				  .partial = true, .summary = "1 new" };
	buf_append(&s.data, "UPN\r\n\0x", 8);
	assert_int_equal(import_stage_add(db, school, "hash1", &s, 1000), 0);
	assert_int_equal(import_stage_add(db, school, "hash2", &s, 1000), 0);
	buf_free(&s.data);

	struct import_stage got;
	/* Another user, or too old: not taken, and still there. */
	assert_int_equal(import_stage_take(db, school, user + 1, "hash1", 0, &got), 0);
	assert_int_equal(import_stage_take(db, school, user, "hash1", 1001, &got), 0);
	assert_int_equal(import_stage_take(db, school, user, "hash1", 1000, &got), 1);
	assert_string_equal(got.kind, "students");
	assert_string_equal(got.file_name, "roster.csv");
	assert_int_equal(got.data.len, 8);
	assert_memory_equal(got.data.data, "UPN\r\n\0x", 8);
	assert_int_equal(got.start_year, 2025);
	assert_int_equal(got.as_of, D(2025, 9, 1));
	assert_true(got.partial);
	assert_int_equal(got.event_id, 0);
	assert_string_equal(got.summary, "1 new");
	import_stage_free(&got);
	/* Once only. */
	assert_int_equal(import_stage_take(db, school, user, "hash1", 0, &got), 0);
	/* Expired files go. */
	assert_int_equal(import_stage_expire(db, 1001), 0);
	assert_int_equal(import_stage_take(db, school, user, "hash2", 0, &got), 0);
	db_close(db);
}

/* The audit log page: newest first, by action prefix, in pages. */
static void test_audit_page(void **state)
{
	(void)state;
	long long school, user;
	struct db *db = school_with_user(&school, &user);
	const char *actions[] = { "user.add", "import.students", "user.disable", "user_x", "user.reset" };
	for (int i = 0; i < 5; i++)
		assert_int_equal(audit_record(db, school, "ann", actions[i], "user", "bob", "d"), 0);
	struct audit_entry *rows;
	long total;
	assert_int_equal(audit_page(db, school, "", 0, 2, &rows, &total), 2);
	assert_int_equal(total, 5);
	assert_string_equal(rows[0].action, "user.reset");
	assert_string_equal(rows[1].action, "user_x");
	free(rows);
	assert_int_equal(audit_page(db, school, NULL, 4, 2, &rows, &total), 1);
	assert_string_equal(rows[0].action, "user.add");
	free(rows);
	/* "user." is a prefix, not a pattern: user_x does not match. */
	assert_int_equal(audit_page(db, school, "user.", 0, 10, &rows, &total), 3);
	assert_int_equal(total, 3);
	assert_string_equal(rows[2].action, "user.add");
	assert_string_equal(rows[0].actor, "ann");
	assert_string_equal(rows[0].key, "bob");
	free(rows);
	assert_int_equal(audit_page(db, school, "calendar", 0, 10, &rows, &total), 0);
	assert_int_equal(total, 0);
	free(rows);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_migrated_schema_matches_snapshot),
		cmocka_unit_test(test_missing_database),
		cmocka_unit_test(test_refuses_newer_database),
		cmocka_unit_test(test_refuses_foreign_sqlite_file),
		cmocka_unit_test(test_connection_settings),
		cmocka_unit_test(test_calendar_save_and_load),
		cmocka_unit_test(test_programme_save_load_and_reimport),
		cmocka_unit_test(test_school_lookup),
		cmocka_unit_test(test_import_stage_taken_once),
		cmocka_unit_test(test_audit_page),
	};
	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
