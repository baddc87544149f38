/* Accounts: the sign-in throttle, second-factor codes and their steps, and
 * a tutor's scope. */
#include "unit.h"

#include "domain/account.h"
#include "util/credentials.h"

static bool allowed(int login_here, int address, int login_anywhere)
{
	struct signin_failures f = { login_here, address, login_anywhere };
	return signin_allowed(&f);
}

static void test_signin_throttle(void **state)
{
	(void)state;
	/* Nothing failed: allowed. */
	assert_true(allowed(0, 0, 0));
	/* This login from this address: four failures leave a fifth try, five
	 * lock this address out of it. */
	assert_true(allowed(4, 4, 4));
	assert_false(allowed(5, 5, 5));
	/* Twenty failures of any logins from one address lock that address. */
	assert_true(allowed(0, 19, 0));
	assert_false(allowed(0, 20, 0));
	/* A login tried from many machines (25 failures in all, none from
	 * here): its owner at their own machine still gets in... */
	assert_true(allowed(0, 0, 25));
	/* ...while each other address gets one try in the window. */
	assert_false(allowed(1, 1, 25));
	assert_true(allowed(1, 1, 19));
}

/* RFC 6238's SHA-1 key "12345678901234567890", as base32. Its test vectors
 * are 8 digits; the 6-digit codes are their last six. */
static const char RFC_SECRET[] = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

static void test_totp_code_and_its_step(void **state)
{
	(void)state;
	int64_t step = -1;
	/* T = 59: step 1, code 94287082. */
	assert_true(totp_check(RFC_SECRET, "287082", 59, &step));
	assert_int_equal(step, 1);
	/* T = 1111111109: step 37037036, code 07081804. */
	assert_true(totp_check(RFC_SECRET, "081804", 1111111109, &step));
	assert_int_equal(step, 37037036);
	/* One step of clock drift is allowed either side, and the step given
	 * is the code's own, not now's. */
	assert_true(totp_check(RFC_SECRET, "081804", 1111111109 + 30, &step));
	assert_int_equal(step, 37037036);
	assert_false(totp_check(RFC_SECRET, "081804", 1111111109 + 90, &step));
	assert_false(totp_check(RFC_SECRET, "081805", 1111111109, &step));
	assert_false(totp_check(RFC_SECRET, "08180", 1111111109, &step));
	assert_false(totp_check(RFC_SECRET, "08180x", 1111111109, &step));
}

static void test_tutor_scope_words(void **state)
{
	(void)state;
	assert_true(scope_covers_tutor_group("7A 7B Y8", "7a", 7));
	assert_true(scope_covers_tutor_group("7A 7B Y8", "8C", 8));
	assert_false(scope_covers_tutor_group("7A 7B Y8", "7C", 7));
	assert_false(scope_covers_tutor_group("", "7A", 7));
	assert_false(scope_covers_tutor_group("7A", NULL, 7));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_signin_throttle),
		cmocka_unit_test(test_totp_code_and_its_step),
		cmocka_unit_test(test_tutor_scope_words),
	};
	return cmocka_run_group_tests_name("account", tests, NULL, NULL);
}
