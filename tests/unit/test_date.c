/* Dates and academic years. */
#include "unit.h"

static void test_round_trip_every_day_for_two_centuries(void **state)
{
	(void)state;
	date_t start = D(1950, 1, 1), end = D(2150, 12, 31);
	int y, m, d;
	date_to_ymd(start, &y, &m, &d);
	for (date_t day = start; day <= end; day++) {
		int y2, m2, d2;
		date_to_ymd(day, &y2, &m2, &d2);
		date_t back;
		assert_true(date_from_ymd(y2, m2, d2, &back));
		assert_int_equal(back, day);
	}
}

static void test_known_weekdays(void **state)
{
	(void)state;
	assert_int_equal(D(1970, 1, 1), 0);
	assert_int_equal(date_weekday(D(1970, 1, 1)), WEEKDAY_THURSDAY);
	assert_int_equal(date_weekday(D(2025, 9, 1)), WEEKDAY_MONDAY);
	assert_int_equal(date_weekday(D(2026, 2, 28)), WEEKDAY_SATURDAY);
	assert_int_equal(date_weekday(D(2028, 2, 29)), WEEKDAY_TUESDAY);
	assert_int_equal(date_week_monday(D(2025, 10, 16)), D(2025, 10, 13));
	assert_int_equal(date_week_monday(D(2025, 10, 13)), D(2025, 10, 13));
	assert_int_equal(date_week_monday(D(2025, 10, 19)), D(2025, 10, 13));
}

static void test_leap_years(void **state)
{
	(void)state;
	date_t d;
	assert_true(date_from_ymd(2024, 2, 29, &d));
	assert_false(date_from_ymd(2025, 2, 29, &d));
	assert_false(date_from_ymd(2100, 2, 29, &d));
	assert_true(date_from_ymd(2000, 2, 29, &d));
	assert_int_equal(date_days_in_month(2028, 2), 29);
	assert_int_equal(date_days_in_month(2027, 2), 28);
	/* An academic year holding 29 February has 366 days. */
	assert_int_equal(academic_year_last_day(2027) - academic_year_first_day(2027) + 1, 366);
	assert_int_equal(academic_year_last_day(2025) - academic_year_first_day(2025) + 1, 365);
}

static void test_parsing(void **state)
{
	(void)state;
	date_t d;
	assert_true(date_parse_iso("2025-09-01", &d));
	assert_int_equal(d, D(2025, 9, 1));
	assert_false(date_parse_iso("2025-9-1", &d));
	assert_false(date_parse_iso("2025-09-31", &d));
	assert_false(date_parse_iso("2025-09-01x", &d));
	assert_false(date_parse_iso("", &d));
	assert_true(date_parse_uk("01/09/2025", &d));
	assert_int_equal(d, D(2025, 9, 1));
	assert_true(date_parse_uk("1/9/2025", &d));
	assert_int_equal(d, D(2025, 9, 1));
	assert_false(date_parse_uk("31/02/2025", &d));
	assert_false(date_parse_uk("01/09/25", &d));
	assert_true(date_parse_any("2079-06-06", &d));
	assert_true(date_parse_any("06/06/2079 00:00", &d));
	assert_int_equal(d, D(2079, 6, 6));
	assert_true(date_parse_any("2025-09-01T08:30:00", &d));
	assert_false(date_parse_any("yesterday", &d));
	char iso[DATE_ISO_LEN];
	assert_string_equal(date_format_iso(D(2026, 2, 28), iso), "2026-02-28");
}

static void test_academic_years(void **state)
{
	(void)state;
	int y;
	assert_int_equal(academic_year_of(D(2025, 9, 1)), 2025);
	assert_int_equal(academic_year_of(D(2025, 8, 31)), 2024);
	assert_int_equal(academic_year_of(D(2026, 8, 31)), 2025);
	assert_true(academic_year_parse("2025/26", &y));
	assert_int_equal(y, 2025);
	assert_true(academic_year_parse("2025-26", &y));
	assert_true(academic_year_parse("2025/2026", &y));
	assert_true(academic_year_parse("1999/00", &y));
	assert_int_equal(y, 1999);
	assert_false(academic_year_parse("2025/27", &y));
	assert_false(academic_year_parse("2025", &y));
	assert_false(academic_year_parse("2025/026", &y));
	char label[8];
	assert_string_equal(academic_year_format(2025, label), "2025/26");
	assert_string_equal(academic_year_format(1999, label), "1999/00");
}

static void test_weekday_names(void **state)
{
	(void)state;
	assert_int_equal(weekday_parse("Friday"), WEEKDAY_FRIDAY);
	assert_int_equal(weekday_parse("fri"), 0);
	assert_string_equal(weekday_name(WEEKDAY_WEDNESDAY), "wednesday");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip_every_day_for_two_centuries),
		cmocka_unit_test(test_known_weekdays),
		cmocka_unit_test(test_leap_years),
		cmocka_unit_test(test_parsing),
		cmocka_unit_test(test_academic_years),
		cmocka_unit_test(test_weekday_names),
	};
	return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
