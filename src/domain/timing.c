#include "domain/timing.h"

#include <stdarg.h>

#include "util/buf.h"

struct checker {
	timing_report_fn report;
	void *ctx;
	int problems;
	struct buf msg;
};

static void problem(struct checker *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void problem(struct checker *c, const char *fmt, ...)
{
	c->problems++;
	if (!c->report)
		return;
	buf_reset(&c->msg);
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&c->msg, fmt, ap);
	va_end(ap);
	c->report(c->ctx, buf_str(&c->msg));
}

static date_t named(struct checker *c, const struct school_calendar *cal,
		    const char *name)
{
	date_t d = calendar_named_date(cal, name);
	if (d == DATE_NONE) {
		char year[8];
		/* Words for a page and a terminal alike: no command to type. */
		problem(c, "the calendar for %s has no date for %s: add it to the year's calendar",
			academic_year_format(cal->start_year, year), name);
	}
	return d;
}

int timing_check_date(const struct timing_rule *rule, const struct school_calendar *cal,
		      date_t d, date_t before_activity_first, timing_report_fn report,
		      void *ctx)
{
	struct checker c = { report, ctx, 0, BUF_INIT };
	char iso[DATE_ISO_LEN], other[DATE_ISO_LEN], third[DATE_ISO_LEN];
	date_format_iso(d, iso);
	const struct term *term = calendar_term_of(cal, d);

	if (!calendar_is_school_day(cal, d))
		problem(&c, "%s (%s) is not a school day", iso, weekday_title(date_weekday(d)));
	if (rule->terms && !(term && ((rule->terms >> term->ordinal) & 1))) {
		struct buf want = BUF_INIT;
		for (int t = 1; t <= CALENDAR_MAX_TERMS; t++)
			if ((rule->terms >> t) & 1)
				buf_printf(&want, "%s%d", want.len ? " or " : "", t);
		if (term)
			problem(&c, "%s is in term %d, not term %s", iso, term->ordinal, buf_str(&want));
		else
			problem(&c, "%s is outside the terms, not in term %s", iso, buf_str(&want));
		buf_free(&want);
	}
	if (rule->months) {
		int y, m, day;
		date_to_ymd(d, &y, &m, &day);
		if (!((rule->months >> m) & 1))
			problem(&c, "%s is not in a month the rule allows", iso);
	}
	if (rule->part != PART_ANY && term) {
		date_t mid = calendar_term_midpoint(cal, term->ordinal);
		if (rule->part == PART_EARLY && mid != DATE_NONE && d >= mid)
			problem(&c, "%s is not early in term %d (the second half starts %s)", iso,
				term->ordinal, date_format_iso(mid, other));
		if (rule->part == PART_LATE && mid != DATE_NONE && d < mid)
			problem(&c, "%s is not late in term %d (the second half starts %s)", iso,
				term->ordinal, date_format_iso(mid, other));
	}
	if (rule->weekday && date_weekday(d) != rule->weekday)
		problem(&c, "%s is a %s, not a %s", iso, weekday_title(date_weekday(d)),
			weekday_title(rule->weekday));
	if (rule->week) {
		char week = calendar_week_of(cal, d);
		if (week != rule->week)
			problem(&c, "%s is in week %c, not week %c", iso, week ? week : '-',
				rule->week);
	}
	if (rule->occurrence != OCCURRENCE_ANY && rule->weekday && term) {
		date_t want = DATE_NONE;
		if (rule->occurrence == OCCURRENCE_LAST_IN_TERM) {
			want = calendar_last_weekday_of_term(cal, term->ordinal, rule->weekday);
		} else {
			for (date_t x = term->start; x <= term->end && want == DATE_NONE; x++)
				if (date_weekday(x) == rule->weekday && calendar_is_school_day(cal, x))
					want = x;
		}
		if (want != d)
			problem(&c, "%s is not the %s %s of term %d (that is %s)", iso,
				rule->occurrence == OCCURRENCE_LAST_IN_TERM ? "last" : "first",
				weekday_title(rule->weekday), term->ordinal,
				want == DATE_NONE ? "none" : date_format_iso(want, other));
	}
	if (rule->before) {
		date_t limit = named(&c, cal, rule->before);
		if (limit != DATE_NONE && d >= limit)
			problem(&c, "%s is not before %s (%s)", iso, rule->before,
				date_format_iso(limit, other));
	}
	if (rule->after) {
		date_t limit = named(&c, cal, rule->after);
		if (limit != DATE_NONE && d <= limit)
			problem(&c, "%s is not after %s (%s)", iso, rule->after,
				date_format_iso(limit, other));
	}
	if (rule->before_week_leading_up_to) {
		date_t limit = named(&c, cal, rule->before_week_leading_up_to);
		if (limit != DATE_NONE) {
			date_t first, last;
			calendar_week_leading_up_to(limit, &first, &last);
			if (d >= first)
				problem(&c, "%s is not before the week leading up to %s (%s): it must be before %s",
					iso, rule->before_week_leading_up_to,
					date_format_iso(limit, other), date_format_iso(first, third));
		}
	}
	if (rule->before_activity && before_activity_first != DATE_NONE &&
	    d >= before_activity_first)
		problem(&c, "%s is not before the first session of %s (%s)", iso,
			rule->before_activity, date_format_iso(before_activity_first, other));
	buf_free(&c.msg);
	return c.problems;
}

int timing_check_sessions(const struct timing_rule *rule, const struct school_calendar *cal,
			  const date_t *dates, size_t count, timing_report_fn report,
			  void *ctx)
{
	struct checker c = { report, ctx, 0, BUF_INIT };
	char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
	if (rule->consecutive) {
		for (size_t i = 1; i < count; i++) {
			date_t next = calendar_next_school_day(cal, dates[i - 1]);
			if (dates[i] != next) {
				problem(&c, "sessions on %s and %s are not on consecutive school days",
					date_format_iso(dates[i - 1], a), date_format_iso(dates[i], b));
				break;
			}
		}
	}
	if (rule->recurs == RECUR_TERMLY) {
		for (size_t i = 1; i < count; i++) {
			const struct term *t1 = calendar_term_of(cal, dates[i - 1]);
			const struct term *t2 = calendar_term_of(cal, dates[i]);
			if (t1 && t1 == t2)
				problem(&c, "sessions on %s and %s are in the same term; this activity happens once each term",
					date_format_iso(dates[i - 1], a), date_format_iso(dates[i], b));
		}
	}
	buf_free(&c.msg);
	return c.problems;
}

size_t timing_candidate_dates(const struct timing_rule *rule,
			      const struct school_calendar *cal,
			      date_t before_activity_first, date_t *out, size_t max)
{
	size_t n = 0;
	date_t first = academic_year_first_day(cal->start_year);
	date_t last = academic_year_last_day(cal->start_year);
	for (date_t d = first; d <= last; d++) {
		if (!calendar_is_school_day(cal, d))
			continue;
		if (timing_check_date(rule, cal, d, before_activity_first, NULL, NULL) == 0) {
			if (n < max)
				out[n] = d;
			n++;
		}
	}
	return n;
}
