/* The route table's policy, checked as data: every POST route checks the
 * form token, every route that is not public names who may use it, and
 * paths find the route meant for them. */
#include "unit.h"

#include "web/pages.h"
#include "web/routes.h"

static void test_every_post_checks_csrf(void **state)
{
	(void)state;
	for (size_t i = 0; i < web_route_count; i++) {
		const struct route *r = &web_routes[i];
		if (r->method == WEB_POST && !(r->flags & ROUTE_CSRF))
			fail_msg("POST %s has no ROUTE_CSRF", r->pattern);
		if (!(r->flags & ROUTE_PUBLIC) && !r->roles)
			fail_msg("%s is neither public nor open to any role", r->pattern);
	}
}

/* Who may use a path, by role. */
static unsigned roles_of(enum web_method method, const char *path)
{
	char copy[128];
	snprintf(copy, sizeof copy, "%s", path);
	const char *captures[4];
	size_t n = 0;
	bool mismatch;
	const struct route *r = route_match(method, copy, captures, &n, &mismatch);
	assert_non_null(r);
	return r->roles;
}

static void test_who_may_use_the_admin_pages(void **state)
{
	(void)state;
	unsigned admin = ROLE_BIT(ROLE_ADMIN), leader = ROLE_BIT(ROLE_LEADER);
	unsigned governor = ROLE_BIT(ROLE_GOVERNOR);
	assert_int_equal(roles_of(WEB_GET, "/users"), admin);
	assert_int_equal(roles_of(WEB_POST, "/users/7/disable"), admin);
	assert_int_equal(roles_of(WEB_GET, "/audit"), admin);
	assert_int_equal(roles_of(WEB_POST, "/settings"), admin);
	assert_int_equal(roles_of(WEB_GET, "/imports"), admin | leader);
	assert_int_equal(roles_of(WEB_POST, "/imports/confirm"), admin | leader);
	/* Governors read the reports, but download nothing. */
	assert_int_equal(roles_of(WEB_GET, "/reports/entitlement"), admin | leader | governor);
	assert_int_equal(roles_of(WEB_GET, "/reports/entitlement.csv"), admin | leader);
	assert_int_equal(roles_of(WEB_GET, "/reports/benchmarks.csv"), admin | leader);
	assert_int_equal(roles_of(WEB_GET, "/reports/provider-access.csv"), admin | leader);
}

static void test_paths_find_their_routes(void **state)
{
	(void)state;
	char path[64];
	const char *captures[4];
	size_t n = 0;
	bool mismatch;
	/* "/users/new" is not the user called "new". */
	snprintf(path, sizeof path, "/users/new");
	assert_ptr_equal(route_match(WEB_GET, path, captures, &n, &mismatch)->handler, page_user_new);
	snprintf(path, sizeof path, "/users/new");
	assert_ptr_equal(route_match(WEB_POST, path, captures, &n, &mismatch)->handler,
			 page_user_new_post);
	snprintf(path, sizeof path, "/users/12/reset");
	assert_ptr_equal(route_match(WEB_POST, path, captures, &n, &mismatch)->handler,
			 page_user_reset_post);
	assert_int_equal(n, 1);
	assert_string_equal(captures[0], "12");
	/* A GET of a POST-only path is a method mismatch, not a page. */
	snprintf(path, sizeof path, "/users/12/reset");
	assert_null(route_match(WEB_GET, path, captures, &n, &mismatch));
	assert_true(mismatch);
	/* Only the two-step sign-in pages stay open to an administrator who
	 * must set it up (with those usable before a new password). */
	for (size_t i = 0; i < web_route_count; i++)
		if (web_routes[i].flags & ROUTE_BEFORE_TWO_FACTOR)
			assert_string_equal(web_routes[i].pattern, "/account/two-factor");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_post_checks_csrf),
		cmocka_unit_test(test_who_may_use_the_admin_pages),
		cmocka_unit_test(test_paths_find_their_routes),
	};
	return cmocka_run_group_tests_name("web_routes", tests, NULL, NULL);
}
