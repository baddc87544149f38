/* A school's calendar for one academic year: terms, closures inside them,
 * the A/B timetable weeks and the named dates that timing rules use.
 *
 * Pure rules over plain data: nothing here reads files or the database. */
#ifndef WAYMARK_CALENDAR_H
#define WAYMARK_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"
#include "util/date.h"
#include "util/diag.h"

enum { CALENDAR_MAX_TERMS = 6 };

struct term {
	int ordinal;         /* 1-based: "Term 1" */
	const char *label;   /* "Autumn term" */
	date_t start, end;   /* inclusive */
	int line, column;    /* where it was written, for messages; 0 if unknown */
};

/* A closure inside a term: half-term, bank holiday, training day. */
struct holiday {
	const char *label;
	date_t start, end;   /* inclusive */
	int line, column;
};

struct named_date {
	const char *name;    /* a slug such as "careers-fair" */
	date_t date;
	int line, column;
};

struct school_week {
	date_t monday;
	char week;           /* 'A' or 'B' */
	bool edited;         /* set by hand rather than generated */
};

struct school_calendar {
	int start_year;      /* 2025 for 2025/26 */
	char first_week;     /* the A/B letter of the first school week */
	struct term *terms;
	size_t term_count;
	struct holiday *holidays;
	size_t holiday_count;
	struct named_date *dates;
	size_t date_count;
	struct school_week *weeks;  /* sorted by monday */
	size_t week_count;
	struct arena arena;         /* owns labels and names */
};

void calendar_init(struct school_calendar *cal, int start_year);
void calendar_free(struct school_calendar *cal);
/* Appending copies the strings into the calendar's arena. */
struct term *calendar_add_term(struct school_calendar *cal, int ordinal,
			       const char *label, date_t start, date_t end);
struct holiday *calendar_add_holiday(struct school_calendar *cal, const char *label,
				     date_t start, date_t end);
struct named_date *calendar_set_named_date(struct school_calendar *cal,
					   const char *name, date_t date);

/* Checks the rules a calendar must follow (terms numbered 1..n in date
 * order without overlaps, inside the academic year; closures inside terms;
 * named dates inside the year) and adds each problem to diags at the item's
 * line. Returns true when there were no errors. */
bool calendar_check(const struct school_calendar *cal, struct diag_list *diags);

/* The term whose dates contain d (half-terms included), or NULL. */
const struct term *calendar_term_of(const struct school_calendar *cal, date_t d);
const struct term *calendar_term(const struct school_calendar *cal, int ordinal);
/* A weekday inside a term and not inside a closure. */
bool calendar_is_school_day(const struct school_calendar *cal, date_t d);
/* The date of a named date, or DATE_NONE when not set. */
date_t calendar_named_date(const struct school_calendar *cal, const char *name);

/* Regenerates the A/B weeks from the term dates: every week (Monday to
 * Sunday) holding at least one school day gets the next letter, so weeks of
 * holiday are skipped. A week edited by hand keeps its letter and the weeks
 * after it alternate from there. */
void calendar_generate_weeks(struct school_calendar *cal);
/* Sets the week holding d to letter by hand and re-flows the later weeks.
 * False if d is not in a school week. */
bool calendar_set_week(struct school_calendar *cal, date_t d, char letter);
/* 'A' or 'B' for a date in a school week, 0 otherwise. */
char calendar_week_of(const struct school_calendar *cal, date_t d);

/* The last school day of term `ordinal` falling on weekday w, or DATE_NONE:
 * "the last Wednesday of each term". */
date_t calendar_last_weekday_of_term(const struct school_calendar *cal, int ordinal,
				     enum weekday w);
/* The first school day of the second half of the term (by school days):
 * dates before it are "early" in the term. DATE_NONE if the term is empty. */
date_t calendar_term_midpoint(const struct school_calendar *cal, int ordinal);
/* "The week leading up to D" is the seven days before it: [D-7, D-1]. */
void calendar_week_leading_up_to(date_t d, date_t *first, date_t *last);
/* School days in [first, last]. */
int calendar_school_days_between(const struct school_calendar *cal, date_t first,
				 date_t last);
/* A weekly repeat from first to the end of first's term: every school day
 * on first's weekday, only those in first's A/B week when same_week ("every
 * Friday in week A of Term 2"). Writes at most max dates to out, in order,
 * and returns how many there are in all; 0 when first is not a school day. */
size_t calendar_weekly_repeat(const struct school_calendar *cal, date_t first, bool same_week,
			      date_t *out, size_t max);
/* The next school day after d, or DATE_NONE at the end of the year. */
date_t calendar_next_school_day(const struct school_calendar *cal, date_t d);

/* Fills cal (freshly initialised) with a typical English calendar for the
 * year: three terms (or six, split at the half-terms) with half-terms and
 * the early May bank holiday, then generates the weeks. Dates follow the
 * usual pattern around Easter; a school edits them to its LA's dates. */
void calendar_template(struct school_calendar *cal, int term_count);

/* Easter Sunday of a year (Gregorian computus). */
date_t calendar_easter_sunday(int year);

#endif
