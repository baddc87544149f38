#include "domain/calendar.h"

#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

void calendar_init(struct school_calendar *cal, int start_year)
{
	*cal = (struct school_calendar){ .start_year = start_year, .first_week = 'A' };
}

void calendar_free(struct school_calendar *cal)
{
	free(cal->terms);
	free(cal->holidays);
	free(cal->dates);
	free(cal->weeks);
	arena_free(&cal->arena);
	memset(cal, 0, sizeof *cal);
}

/* Arrays grow one at a time: calendars hold a handful of items, so the
 * simplicity is worth more than amortised doubling. */
struct term *calendar_add_term(struct school_calendar *cal, int ordinal,
			       const char *label, date_t start, date_t end)
{
	cal->terms = xreallocarray(cal->terms, cal->term_count + 1, sizeof *cal->terms);
	struct term *t = &cal->terms[cal->term_count++];
	*t = (struct term){ ordinal, arena_strdup(&cal->arena, label), start, end, 0, 0 };
	return t;
}

struct holiday *calendar_add_holiday(struct school_calendar *cal, const char *label,
				     date_t start, date_t end)
{
	cal->holidays = xreallocarray(cal->holidays, cal->holiday_count + 1,
				      sizeof *cal->holidays);
	struct holiday *h = &cal->holidays[cal->holiday_count++];
	*h = (struct holiday){ arena_strdup(&cal->arena, label), start, end, 0, 0 };
	return h;
}

struct named_date *calendar_set_named_date(struct school_calendar *cal,
					   const char *name, date_t date)
{
	for (size_t i = 0; i < cal->date_count; i++) {
		if (strcmp(cal->dates[i].name, name) == 0) {
			cal->dates[i].date = date;
			return &cal->dates[i];
		}
	}
	cal->dates = xreallocarray(cal->dates, cal->date_count + 1, sizeof *cal->dates);
	struct named_date *nd = &cal->dates[cal->date_count++];
	*nd = (struct named_date){ arena_strdup(&cal->arena, name), date, 0, 0 };
	return nd;
}

static bool in_year(const struct school_calendar *cal, date_t d)
{
	return d >= academic_year_first_day(cal->start_year) &&
	       d <= academic_year_last_day(cal->start_year);
}

bool calendar_check(const struct school_calendar *cal, struct diag_list *diags)
{
	size_t errors_before = diags->errors;
	char year[8], a[DATE_ISO_LEN], b[DATE_ISO_LEN];
	academic_year_format(cal->start_year, year);

	if (cal->term_count == 0)
		diag_error(diags, 0, 0, "the calendar has no terms: list them under `terms`");
	if (cal->term_count > CALENDAR_MAX_TERMS)
		diag_error(diags, cal->terms[CALENDAR_MAX_TERMS].line,
			   cal->terms[CALENDAR_MAX_TERMS].column,
			   "a year has at most %d terms", CALENDAR_MAX_TERMS);
	for (size_t i = 0; i < cal->term_count; i++) {
		const struct term *t = &cal->terms[i];
		if (t->ordinal != (int)i + 1)
			diag_error(diags, t->line, t->column,
				   "terms must be numbered 1, 2, 3... in date order: expected term %zu, found %d",
				   i + 1, t->ordinal);
		if (t->end < t->start)
			diag_error(diags, t->line, t->column,
				   "term %d ends (%s) before it starts (%s)", t->ordinal,
				   date_format_iso(t->end, a), date_format_iso(t->start, b));
		if (!in_year(cal, t->start) || !in_year(cal, t->end))
			diag_error(diags, t->line, t->column,
				   "term %d (%s to %s) is not inside the academic year %s (1 September to 31 August)",
				   t->ordinal, date_format_iso(t->start, a),
				   date_format_iso(t->end, b), year);
		if (i > 0 && t->start <= cal->terms[i - 1].end)
			diag_error(diags, t->line, t->column,
				   "term %d starts on %s, before term %d ends (%s)", t->ordinal,
				   date_format_iso(t->start, a), cal->terms[i - 1].ordinal,
				   date_format_iso(cal->terms[i - 1].end, b));
	}
	for (size_t i = 0; i < cal->holiday_count; i++) {
		const struct holiday *h = &cal->holidays[i];
		if (h->end < h->start)
			diag_error(diags, h->line, h->column,
				   "closure \"%s\" ends (%s) before it starts (%s)", h->label,
				   date_format_iso(h->end, a), date_format_iso(h->start, b));
		else if (!calendar_term_of(cal, h->start) && !calendar_term_of(cal, h->end))
			diag_error(diags, h->line, h->column,
				   "closure \"%s\" (%s to %s) is not inside any term: the gaps between terms are holidays already",
				   h->label, date_format_iso(h->start, a), date_format_iso(h->end, b));
	}
	for (size_t i = 0; i < cal->date_count; i++) {
		const struct named_date *nd = &cal->dates[i];
		if (!in_year(cal, nd->date))
			diag_error(diags, nd->line, nd->column,
				   "%s on %s is not inside the academic year %s", nd->name,
				   date_format_iso(nd->date, a), year);
	}
	return diags->errors == errors_before;
}

const struct term *calendar_term_of(const struct school_calendar *cal, date_t d)
{
	for (size_t i = 0; i < cal->term_count; i++)
		if (d >= cal->terms[i].start && d <= cal->terms[i].end)
			return &cal->terms[i];
	return NULL;
}

const struct term *calendar_term(const struct school_calendar *cal, int ordinal)
{
	for (size_t i = 0; i < cal->term_count; i++)
		if (cal->terms[i].ordinal == ordinal)
			return &cal->terms[i];
	return NULL;
}

bool calendar_is_school_day(const struct school_calendar *cal, date_t d)
{
	if (date_weekday(d) >= WEEKDAY_SATURDAY || !calendar_term_of(cal, d))
		return false;
	for (size_t i = 0; i < cal->holiday_count; i++)
		if (d >= cal->holidays[i].start && d <= cal->holidays[i].end)
			return false;
	return true;
}

date_t calendar_named_date(const struct school_calendar *cal, const char *name)
{
	for (size_t i = 0; i < cal->date_count; i++)
		if (strcmp(cal->dates[i].name, name) == 0)
			return cal->dates[i].date;
	return DATE_NONE;
}

static bool week_has_school_day(const struct school_calendar *cal, date_t monday)
{
	for (int i = 0; i < 5; i++)
		if (calendar_is_school_day(cal, monday + i))
			return true;
	return false;
}

static const struct school_week *find_week(const struct school_calendar *cal,
					   date_t monday)
{
	for (size_t i = 0; i < cal->week_count; i++)
		if (cal->weeks[i].monday == monday)
			return &cal->weeks[i];
	return NULL;
}

static char other_letter(char letter)
{
	return letter == 'A' ? 'B' : 'A';
}

void calendar_generate_weeks(struct school_calendar *cal)
{
	struct school_week *old = cal->weeks;
	size_t old_count = cal->week_count;
	cal->weeks = NULL;
	cal->week_count = 0;
	if (cal->term_count == 0) {
		free(old);
		return;
	}
	date_t first = cal->terms[0].start, last = cal->terms[0].end;
	for (size_t i = 1; i < cal->term_count; i++) {
		if (cal->terms[i].start < first)
			first = cal->terms[i].start;
		if (cal->terms[i].end > last)
			last = cal->terms[i].end;
	}
	size_t cap = 0;
	char next = cal->first_week == 'B' ? 'B' : 'A';
	for (date_t monday = date_week_monday(first); monday <= last; monday += 7) {
		if (!week_has_school_day(cal, monday))
			continue;
		struct school_week w = { monday, next, false };
		for (size_t i = 0; i < old_count; i++)
			if (old[i].monday == monday && old[i].edited)
				w = old[i];
		ARRAY_RESERVE(cal->weeks, cap, cal->week_count + 1);
		cal->weeks[cal->week_count++] = w;
		next = other_letter(w.week);
	}
	free(old);
}

bool calendar_set_week(struct school_calendar *cal, date_t d, char letter)
{
	date_t monday = date_week_monday(d);
	for (size_t i = 0; i < cal->week_count; i++) {
		if (cal->weeks[i].monday == monday) {
			cal->weeks[i].week = letter;
			cal->weeks[i].edited = true;
			calendar_generate_weeks(cal);
			return true;
		}
	}
	return false;
}

char calendar_week_of(const struct school_calendar *cal, date_t d)
{
	const struct school_week *w = find_week(cal, date_week_monday(d));
	return w ? w->week : 0;
}

date_t calendar_last_weekday_of_term(const struct school_calendar *cal, int ordinal,
				     enum weekday w)
{
	const struct term *t = calendar_term(cal, ordinal);
	if (!t)
		return DATE_NONE;
	for (date_t d = t->end; d >= t->start; d--)
		if (date_weekday(d) == w && calendar_is_school_day(cal, d))
			return d;
	return DATE_NONE;
}

date_t calendar_term_midpoint(const struct school_calendar *cal, int ordinal)
{
	const struct term *t = calendar_term(cal, ordinal);
	if (!t)
		return DATE_NONE;
	int days = calendar_school_days_between(cal, t->start, t->end);
	if (days == 0)
		return DATE_NONE;
	int seen = 0;
	for (date_t d = t->start; d <= t->end; d++) {
		if (!calendar_is_school_day(cal, d))
			continue;
		if (seen == (days + 1) / 2)
			return d;
		seen++;
	}
	return t->end + 1; /* a one-day term: all of it is early */
}

void calendar_week_leading_up_to(date_t d, date_t *first, date_t *last)
{
	*first = d - 7;
	*last = d - 1;
}

int calendar_school_days_between(const struct school_calendar *cal, date_t first,
				 date_t last)
{
	int n = 0;
	for (date_t d = first; d <= last; d++)
		n += calendar_is_school_day(cal, d);
	return n;
}

date_t calendar_next_school_day(const struct school_calendar *cal, date_t d)
{
	date_t end = academic_year_last_day(cal->start_year);
	for (date_t next = d + 1; next <= end; next++)
		if (calendar_is_school_day(cal, next))
			return next;
	return DATE_NONE;
}

date_t calendar_easter_sunday(int year)
{
	int a = year % 19, b = year / 100, c = year % 100;
	int d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
	int h = (19 * a + b - d - g + 15) % 30;
	int i = c / 4, k = c % 4;
	int l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451;
	int month = (h + l - 7 * m + 114) / 31;
	int day = (h + l - 7 * m + 114) % 31 + 1;
	date_t out = DATE_NONE;
	date_from_ymd(year, month, day, &out);
	return out;
}

/* The first `w` on or after d. */
static date_t weekday_on_or_after(date_t d, enum weekday w)
{
	return d + (((int)w - (int)date_weekday(d)) + 7) % 7;
}

/* The last `w` on or before d. */
static date_t weekday_on_or_before(date_t d, enum weekday w)
{
	return d - (((int)date_weekday(d) - (int)w) + 7) % 7;
}

static date_t ymd(int y, int m, int d)
{
	date_t out = DATE_NONE;
	date_from_ymd(y, m, d, &out);
	return out;
}

void calendar_template(struct school_calendar *cal, int term_count)
{
	int y = cal->start_year;
	date_t easter = calendar_easter_sunday(y + 1);

	date_t autumn_start = weekday_on_or_after(ymd(y, 9, 2), WEEKDAY_WEDNESDAY);
	date_t autumn_end = weekday_on_or_before(ymd(y, 12, 19), WEEKDAY_FRIDAY);
	/* October half-term: the week of the last Monday in October. */
	date_t oct_half = weekday_on_or_before(ymd(y, 10, 31), WEEKDAY_MONDAY);
	date_t spring_start = weekday_on_or_after(ymd(y + 1, 1, 4), WEEKDAY_MONDAY);
	/* February half-term: the week of the third Monday in February. */
	date_t feb_half = weekday_on_or_after(ymd(y + 1, 2, 15), WEEKDAY_MONDAY);
	/* Two weeks of Easter holiday around Easter Sunday. */
	date_t spring_end = easter - 9;
	date_t summer_start = easter + 8;
	date_t may_bank = weekday_on_or_after(ymd(y + 1, 5, 1), WEEKDAY_MONDAY);
	/* May half-term: the week of the last Monday in May. */
	date_t may_half = weekday_on_or_before(ymd(y + 1, 5, 31), WEEKDAY_MONDAY);
	date_t summer_end = weekday_on_or_before(ymd(y + 1, 7, 22), WEEKDAY_FRIDAY);

	if (term_count == 6) {
		calendar_add_term(cal, 1, "Autumn 1", autumn_start, oct_half - 3);
		calendar_add_term(cal, 2, "Autumn 2", oct_half + 7, autumn_end);
		calendar_add_term(cal, 3, "Spring 1", spring_start, feb_half - 3);
		calendar_add_term(cal, 4, "Spring 2", feb_half + 7, spring_end);
		calendar_add_term(cal, 5, "Summer 1", summer_start, may_half - 3);
		calendar_add_term(cal, 6, "Summer 2", may_half + 7, summer_end);
	} else {
		calendar_add_term(cal, 1, "Autumn term", autumn_start, autumn_end);
		calendar_add_term(cal, 2, "Spring term", spring_start, spring_end);
		calendar_add_term(cal, 3, "Summer term", summer_start, summer_end);
		calendar_add_holiday(cal, "October half-term", oct_half, oct_half + 4);
		calendar_add_holiday(cal, "February half-term", feb_half, feb_half + 4);
		calendar_add_holiday(cal, "May half-term", may_half, may_half + 4);
	}
	/* Easter can fall so late that the summer term starts after the bank
	 * holiday; only a closure inside a term is one. */
	if (calendar_term_of(cal, may_bank))
		calendar_add_holiday(cal, "Early May bank holiday", may_bank, may_bank);
	calendar_generate_weeks(cal);
}

size_t calendar_weekly_repeat(const struct school_calendar *cal, date_t first, bool same_week,
			      date_t *out, size_t max)
{
	const struct term *t = calendar_term_of(cal, first);
	if (!t || !calendar_is_school_day(cal, first))
		return 0;
	char week = calendar_week_of(cal, first);
	size_t count = 0;
	for (date_t d = first; d <= t->end; d += 7) {
		if (!calendar_is_school_day(cal, d) || (same_week && calendar_week_of(cal, d) != week))
			continue;
		if (count < max)
			out[count] = d;
		count++;
	}
	return count;
}
