#include "util/date.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* Days from 1970-01-01 to y-m-d, by counting in 400-year eras starting on
 * 1 March so that the leap day falls at the end of each year. */
static date_t days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void date_to_ymd(date_t z, int *year, int *month, int *day)
{
	z += 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int y = yoe + era * 400;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	int d = doy - (153 * mp + 2) / 5 + 1;
	int m = mp + (mp < 10 ? 3 : -9);
	*year = y + (m <= 2);
	*month = m;
	*day = d;
}

bool date_is_leap_year(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int date_days_in_month(int year, int month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (month < 1 || month > 12)
		return 0;
	return days[month - 1] + (month == 2 && date_is_leap_year(year));
}

bool date_from_ymd(int year, int month, int day, date_t *out)
{
	if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1 ||
	    day > date_days_in_month(year, month))
		return false;
	*out = days_from_civil(year, month, day);
	return true;
}

enum weekday date_weekday(date_t d)
{
	/* 1970-01-01 was a Thursday. */
	int w = (int)((d % 7 + 7 + 3) % 7); /* 0 = Monday */
	return (enum weekday)(w + 1);
}

date_t date_week_monday(date_t d)
{
	return d - ((int)date_weekday(d) - 1);
}

/* Reads exactly `width` digits (or 1..width when flexible) at *p. */
static bool read_number(const char **p, int min_digits, int max_digits, int *out)
{
	int n = 0, digits = 0;
	while (digits < max_digits && isdigit((unsigned char)**p)) {
		n = n * 10 + (**p - '0');
		(*p)++;
		digits++;
	}
	if (digits < min_digits)
		return false;
	*out = n;
	return true;
}

bool date_parse_iso(const char *s, date_t *out)
{
	int y, m, d;
	const char *p = s;
	if (!read_number(&p, 4, 4, &y) || *p++ != '-' ||
	    !read_number(&p, 2, 2, &m) || *p++ != '-' ||
	    !read_number(&p, 2, 2, &d) || *p != '\0')
		return false;
	return date_from_ymd(y, m, d, out);
}

bool date_parse_uk(const char *s, date_t *out)
{
	int y, m, d;
	const char *p = s;
	if (!read_number(&p, 1, 2, &d) || (*p != '/' && *p != '-' && *p != '.'))
		return false;
	char sep = *p++;
	if (!read_number(&p, 1, 2, &m) || *p++ != sep ||
	    !read_number(&p, 4, 4, &y) || *p != '\0')
		return false;
	return date_from_ymd(y, m, d, out);
}

bool date_parse_any(const char *s, date_t *out)
{
	char head[16];
	size_t n = strcspn(s, " T");
	/* "2025-09-01T00:00:00" and "01/09/2025 00:00" carry a time to ignore,
	 * but only when the date part is complete. */
	if (n >= sizeof head)
		return false;
	memcpy(head, s, n);
	head[n] = '\0';
	return date_parse_iso(head, out) || date_parse_uk(head, out);
}

char *date_format_iso(date_t d, char out[DATE_ISO_LEN])
{
	int y, m, day;
	date_to_ymd(d, &y, &m, &day);
	snprintf(out, DATE_ISO_LEN, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
		 (unsigned)day % 100u);
	return out;
}

static const char *const weekday_names[] = {
	NULL, "monday", "tuesday", "wednesday", "thursday", "friday",
	"saturday", "sunday",
};

enum weekday weekday_parse(const char *s)
{
	for (int w = WEEKDAY_MONDAY; w <= WEEKDAY_SUNDAY; w++)
		if (strcasecmp(s, weekday_names[w]) == 0)
			return (enum weekday)w;
	return 0;
}

const char *weekday_name(enum weekday w)
{
	return w >= WEEKDAY_MONDAY && w <= WEEKDAY_SUNDAY ? weekday_names[w] : "?";
}

const char *month_title(int month)
{
	static const char *const titles[] = {
		"", "January", "February", "March", "April", "May", "June", "July", "August",
		"September", "October", "November", "December",
	};
	return month >= 1 && month <= 12 ? titles[month] : "?";
}

const char *weekday_title(enum weekday w)
{
	static const char *const titles[] = {
		NULL, "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
	};
	return w >= WEEKDAY_MONDAY && w <= WEEKDAY_SUNDAY ? titles[w] : "?";
}

int academic_year_of(date_t d)
{
	int y, m, day;
	date_to_ymd(d, &y, &m, &day);
	return m >= 9 ? y : y - 1;
}

bool academic_year_parse(const char *s, int *start_year)
{
	const char *p = s;
	int first, second;
	if (!read_number(&p, 4, 4, &first) || (*p != '/' && *p != '-'))
		return false;
	p++;
	const char *second_start = p;
	if (!read_number(&p, 2, 4, &second) || *p != '\0')
		return false;
	size_t digits = (size_t)(p - second_start);
	if (first < 1900 || first > 2998)
		return false;
	if (digits == 2 && second != (first + 1) % 100)
		return false;
	if (digits == 4 && second != first + 1)
		return false;
	if (digits == 3)
		return false;
	*start_year = first;
	return true;
}

char *academic_year_format(int start_year, char out[8])
{
	snprintf(out, 8, "%04u/%02u", (unsigned)start_year % 10000u,
		 (unsigned)(start_year + 1) % 100u);
	return out;
}

date_t academic_year_first_day(int start_year)
{
	return days_from_civil(start_year, 9, 1);
}

date_t academic_year_last_day(int start_year)
{
	return days_from_civil(start_year + 1, 8, 31);
}

date_t date_today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	return days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}
