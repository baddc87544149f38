/* The web workers' cache of the monitoring data: read once, kept while
 * nothing changes, read again after a commit by another connection or a
 * change through the worker's own. */
#include "unit.h"

#include <unistd.h>

#include "io/programme_file.h"
#include "store/db.h"
#include "store/programme_store.h"
#include "store/school_store.h"
#include "web/data_cache.h"

static void save_programme(struct db *db, long long school, struct programme *p, size_t count)
{
	size_t all = p->activity_count;
	p->activity_count = count;
	struct programme_save_result r;
	assert_int_equal(programme_store_save(db, school, p, "sha", &r), 0);
	p->activity_count = all;
}

/* One request of a worker: the data, then the connection released as the
 * server releases it after every request (a statement left mid-result
 * would hold its read snapshot, and with it the old data version). */
static const struct mon_data *request(struct data_cache *c, struct db *db, long long school)
{
	const struct mon_data *d = data_cache_get(c, db, school);
	db_release(db);
	return d;
}

static void test_cache_reloads_only_after_a_change(void **state)
{
	(void)state;
	char path[] = "/tmp/waymark-cache-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	unlink(path);
	struct buf err = BUF_INIT;
	struct db *worker = db_open(path, DB_OPEN_CREATE, &err);
	struct db *other = db_open(path, DB_OPEN_EXISTING, &err);
	assert_non_null(worker);
	assert_non_null(other);
	long long school;
	assert_int_equal(school_create(worker, "test", "Test", &school), 0);

	size_t len;
	char *text = read_fixture("tests/fixtures/programmes/every-rule.yaml", &len);
	struct programme p;
	struct diag_list diags;
	diag_init(&diags, "every-rule.yaml");
	assert_true(programme_parse(text, len, &p, &diags));
	size_t n = p.activity_count;
	assert_true(n >= 3);
	save_programme(worker, school, &p, n);

	struct data_cache cache = { 0 };
	const struct mon_data *d = request(&cache, worker, school);
	assert_non_null(d);
	assert_int_equal(d->programme.activity_count, n);
	assert_int_equal(cache.loads, 1);
	/* Nothing changed: the same copy, not read again. */
	assert_ptr_equal(request(&cache, worker, school), d);
	assert_ptr_equal(request(&cache, worker, school), d);
	assert_int_equal(cache.loads, 1);

	/* Another connection commits (another worker, or the command line). */
	save_programme(other, school, &p, n - 1);
	d = request(&cache, worker, school);
	assert_int_equal(d->programme.activity_count, n - 1);
	assert_int_equal(cache.loads, 2);
	assert_int_equal(request(&cache, worker, school)->programme.activity_count, n - 1);
	assert_int_equal(cache.loads, 2);

	/* The worker's own change (a register saved on this connection). */
	save_programme(worker, school, &p, n - 2);
	d = request(&cache, worker, school);
	assert_int_equal(d->programme.activity_count, n - 2);
	assert_int_equal(cache.loads, 3);

	/* Another school of the trust is another copy. */
	long long second;
	assert_int_equal(school_create(worker, "second", "Second", &second), 0);
	d = request(&cache, worker, second);
	assert_int_equal(d->programme.activity_count, 0);
	assert_int_equal(cache.loads, 4);

	data_cache_free(&cache);
	data_cache_free(&cache); /* twice is harmless */
	programme_free(&p);
	diag_free(&diags);
	free(text);
	db_close(other);
	db_close(worker);
	buf_free(&err);
	char side[600];
	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-lock", path);
	unlink(side);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cache_reloads_only_after_a_change),
	};
	return cmocka_run_group_tests_name("data_cache", tests, NULL, NULL);
}
