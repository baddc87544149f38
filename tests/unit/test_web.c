/* The web layer's tables and small pieces: the route table's policy (every
 * POST checks its form token; guidance notes never reach tutors or
 * governors), matching paths with parameters, and the shared renderers. */
#include "unit.h"

#include "web/layout.h"
#include "web/routes.h"
#include "web/view.h"

static const struct route *find(enum web_method method, const char *pattern)
{
	for (size_t i = 0; i < web_route_count; i++)
		if (web_routes[i].method == method && strcmp(web_routes[i].pattern, pattern) == 0)
			return &web_routes[i];
	return NULL;
}

static void test_every_post_checks_its_form_token(void **state)
{
	(void)state;
	for (size_t i = 0; i < web_route_count; i++)
		if (web_routes[i].method == WEB_POST && !(web_routes[i].flags & ROUTE_CSRF))
			fail_msg("POST %s lacks ROUTE_CSRF", web_routes[i].pattern);
}

static void test_roles_of_the_pages(void **state)
{
	(void)state;
	const struct route *r = find(WEB_GET, "/programme");
	assert_non_null(r);
	assert_int_equal(r->roles, ROLES_ALL);
	unsigned careers = ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_LEADER);
	assert_int_equal(find(WEB_POST, "/programme/activities/:id")->roles, careers);
	assert_int_equal(find(WEB_POST, "/events/new")->roles, careers);
	assert_int_equal(find(WEB_POST, "/events/:id/register")->roles,
			 careers | ROLE_BIT(ROLE_TUTOR));
	assert_false(find(WEB_GET, "/events")->roles & ROLE_BIT(ROLE_GOVERNOR));
	assert_false(find(WEB_GET, "/pupils/:upn")->roles & ROLE_BIT(ROLE_GOVERNOR));
	for (int m = 0; m < 2; m++) {
		r = find(m ? WEB_POST : WEB_GET, "/pupils/:upn/guidance");
		assert_non_null(r);
		assert_int_equal(r->roles, careers | ROLE_BIT(ROLE_ADVISER));
	}
}

static void test_paths_match_routes(void **state)
{
	(void)state;
	const char *captures[4];
	size_t n = 0;
	bool mismatch;
	char path[] = "/events/12/register";
	const struct route *r = route_match(WEB_GET, path, captures, &n, &mismatch);
	assert_non_null(r);
	assert_string_equal(r->pattern, "/events/:id/register");
	assert_int_equal(n, 1);
	assert_string_equal(captures[0], "12");
	char fresh[] = "/events/new";
	r = route_match(WEB_POST, fresh, captures, &n, &mismatch);
	assert_non_null(r);
	assert_string_equal(r->pattern, "/events/new");
	char guidance[] = "/pupils/K886400111001/guidance";
	r = route_match(WEB_HEAD, guidance, captures, &n, &mismatch);
	assert_non_null(r);
	assert_string_equal(captures[0], "K886400111001");
	char other[] = "/programme";
	assert_null(route_match(WEB_POST, other, captures, &n, &mismatch));
	assert_true(mismatch);
}

static void years(unsigned mask, const char *expected)
{
	struct buf out = BUF_INIT;
	view_years(&out, mask);
	assert_string_equal(buf_str(&out), expected);
	buf_free(&out);
}

static void test_year_groups_in_words(void **state)
{
	(void)state;
	years(0, "no year group");
	years(1u << 10, "Year 10");
	years(1u << 7 | 1u << 8, "Years 7 and 8");
	years(1u << 7 | 1u << 8 | 1u << 9, "Years 7-9");
	years(1u << 7 | 1u << 9 | 1u << 11, "Years 7, 9 and 11");
	years(0x3f80, "Years 7-13");
	years(1u << 7 | 1u << 8 | 1u << 9 | 1u << 12 | 1u << 13, "Years 7-9, 12 and 13");
}

static void test_form_pieces_escape(void **state)
{
	(void)state;
	struct buf out = BUF_INIT;
	form_option(&out, "a\"b", "<b>", true);
	assert_string_equal(buf_str(&out), "<option value=\"a&quot;b\" selected>&lt;b&gt;</option>");
	buf_reset(&out);
	struct form_errors errors = { 0 };
	form_error_summary(&out, &errors);
	assert_string_equal(buf_str(&out), "");
	form_error(&errors, "name", "Enter <%s>", "x");
	assert_string_equal(form_error_for(&errors, "name"), "Enter <x>");
	assert_null(form_error_for(&errors, "date"));
	form_field_error(&out, &errors, "name");
	assert_non_null(strstr(buf_str(&out), "id=\"name-error\""));
	assert_non_null(strstr(buf_str(&out), "Enter &lt;x&gt;"));
	buf_reset(&out);
	form_field_aria(&out, &errors, "name");
	assert_string_equal(buf_str(&out), " aria-invalid=\"true\" aria-describedby=\"name-error\"");
	buf_reset(&out);
	form_field_aria(&out, &errors, "date");
	assert_string_equal(buf_str(&out), "");
	buf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_post_checks_its_form_token),
		cmocka_unit_test(test_roles_of_the_pages),
		cmocka_unit_test(test_paths_match_routes),
		cmocka_unit_test(test_year_groups_in_words),
		cmocka_unit_test(test_form_pieces_escape),
	};
	return cmocka_run_group_tests_name("web", tests, NULL, NULL);
}
