/* Calendar dates as day numbers, and the academic-year label.
 *
 * A date_t counts days from 1970-01-01 in the proleptic Gregorian calendar,
 * so date arithmetic is integer arithmetic and comparisons are plain `<`. */
#ifndef WAYMARK_DATE_H
#define WAYMARK_DATE_H

#include <stdbool.h>
#include <stdint.h>

typedef int32_t date_t;

#define DATE_NONE INT32_MIN
/* Written as "YYYY-MM-DD" plus the terminating NUL. */
#define DATE_ISO_LEN 11

enum weekday {
	WEEKDAY_MONDAY = 1,
	WEEKDAY_TUESDAY,
	WEEKDAY_WEDNESDAY,
	WEEKDAY_THURSDAY,
	WEEKDAY_FRIDAY,
	WEEKDAY_SATURDAY,
	WEEKDAY_SUNDAY,
};

/* True and *out set when y-m-d is a real date in years 1900..2999. */
bool date_from_ymd(int year, int month, int day, date_t *out);
void date_to_ymd(date_t d, int *year, int *month, int *day);
enum weekday date_weekday(date_t d);
/* The Monday on or before d: the key of d's week. */
date_t date_week_monday(date_t d);
bool date_is_leap_year(int year);
int date_days_in_month(int year, int month);

/* Strict "YYYY-MM-DD". */
bool date_parse_iso(const char *s, date_t *out);
/* "d/m/yyyy" or "dd/mm/yyyy" (UK order), as MIS exports write them. */
bool date_parse_uk(const char *s, date_t *out);
/* ISO or UK form; a time of day after a space or 'T' is ignored. */
bool date_parse_any(const char *s, date_t *out);
/* Writes "YYYY-MM-DD" into out (DATE_ISO_LEN bytes); returns out. */
char *date_format_iso(date_t d, char out[DATE_ISO_LEN]);

/* Weekday names: "monday" .. "sunday", case-insensitive; 0 if unknown. */
enum weekday weekday_parse(const char *s);
const char *weekday_name(enum weekday w);   /* "monday": the files' word */
const char *weekday_title(enum weekday w);  /* "Monday": for sentences */
const char *month_title(int month);         /* 1-12: "January"; "?" otherwise */

/* The academic year (1 September - 31 August) holding d, as its first
 * calendar year: 2025-10-01 and 2026-08-31 are both in 2025. */
int academic_year_of(date_t d);
/* "2025/26" (also "2025-26" and "2025/2026") -> 2025; false if malformed. */
bool academic_year_parse(const char *s, int *start_year);
/* 2025 -> "2025/26"; out needs 8 bytes. */
char *academic_year_format(int start_year, char out[8]);
/* 1 September and 31 August of the academic year starting in start_year. */
date_t academic_year_first_day(int start_year);
date_t academic_year_last_day(int start_year);

/* Today in local time. Only the command-line edge may call this: everything
 * below takes the date as a parameter so tests never depend on the clock. */
date_t date_today(void);

#endif
