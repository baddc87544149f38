#include "domain/provider_access.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/mem.h"

const char *provider_access_verdict_name(enum provider_access_verdict v)
{
	switch (v) {
	case PROVIDER_ACCESS_COUNTS:
		return "counts";
	case PROVIDER_ACCESS_NOT_PROVIDER_ACCESS:
		return "not-provider-access";
	case PROVIDER_ACCESS_NOT_SCHOOL_DAY:
		return "not-school-day";
	case PROVIDER_ACCESS_OUTSIDE_SCHOOL_DAY:
		return "outside-school-day";
	case PROVIDER_ACCESS_NO_PHASE:
		return "no-phase";
	case PROVIDER_ACCESS_AFTER_FEBRUARY:
		return "after-february";
	}
	return "?";
}

int provider_access_phase(int year_group)
{
	if (year_group < PROVIDER_ACCESS_FIRST_YEAR_GROUP ||
	    year_group > PROVIDER_ACCESS_LAST_YEAR_GROUP)
		return 0;
	return (year_group - PROVIDER_ACCESS_FIRST_YEAR_GROUP) / 2 + 1;
}

/* Years 9, 11 and 13. */
static bool second_year_of_phase(int year_group)
{
	return provider_access_phase(year_group) &&
	       (year_group - PROVIDER_ACCESS_FIRST_YEAR_GROUP) % 2 == 1;
}

bool provider_access_in_window(int year_group, date_t date)
{
	if (!provider_access_phase(year_group))
		return false;
	if (!second_year_of_phase(year_group))
		return true;
	/* The academic year runs September to August, so its September to
	 * February are the months from 9 and up to 2: the end of February is
	 * the 28th or the 29th without asking which. */
	int y, m, day;
	date_to_ymd(date, &y, &m, &day);
	return m >= 9 || m <= 2;
}

bool provider_access_school_day(const struct mon_data *d, date_t date)
{
	const struct school_calendar *cal = mon_calendar(d, academic_year_of(date));
	if (cal)
		return calendar_is_school_day(cal, date);
	return date_weekday(date) <= WEEKDAY_FRIDAY;
}

enum provider_access_verdict provider_access_event_verdict(const struct mon_data *d,
							   uint32_t event, int year_group)
{
	const struct mon_event *e = &d->events[event];
	const struct activity *a = &d->programme.activities[e->activity];
	if (!a->provider_access)
		return PROVIDER_ACCESS_NOT_PROVIDER_ACCESS;
	if (!provider_access_school_day(d, e->date))
		return PROVIDER_ACCESS_NOT_SCHOOL_DAY;
	if (slot_outside_school_day(a->timing.slot))
		return PROVIDER_ACCESS_OUTSIDE_SCHOOL_DAY;
	if (!provider_access_phase(year_group))
		return PROVIDER_ACCESS_NO_PHASE;
	if (!provider_access_in_window(year_group, e->date))
		return PROVIDER_ACCESS_AFTER_FEBRUARY;
	return PROVIDER_ACCESS_COUNTS;
}

int provider_access_encounters(const struct mon_data *d, uint32_t pupil, int phase,
			       date_t from, date_t as_of)
{
	const struct mon_pupil *p = &d->pupils[pupil];
	int count = 0;
	/* The pupil's marks are in date order. */
	for (uint32_t k = 0; k < p->mark_count; k++) {
		const struct mon_mark *m = &d->marks[d->pupil_marks[p->first_mark + k]];
		const struct mon_event *e = &d->events[m->event];
		if (e->date > as_of)
			break;
		if (e->date < from || m->status != MARK_PRESENT ||
		    !d->programme.activities[e->activity].provider_access)
			continue;
		int year_group = mon_year_group_in(d, pupil, e->start_year);
		if (provider_access_phase(year_group) == phase &&
		    provider_access_event_verdict(d, m->event, year_group) == PROVIDER_ACCESS_COUNTS)
			count++;
	}
	return count;
}

/* ---- warnings ---- */

struct warning_list {
	struct provider_access_warnings *out;
	size_t cap;
	struct buf text;
};

static void warn(struct warning_list *w, uint32_t event, int year_group,
		 enum provider_access_verdict verdict, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void warn(struct warning_list *w, uint32_t event, int year_group,
		 enum provider_access_verdict verdict, const char *fmt, ...)
{
	buf_reset(&w->text);
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&w->text, fmt, ap);
	va_end(ap);
	struct provider_access_warnings *out = w->out;
	ARRAY_RESERVE(out->items, w->cap, out->count + 1);
	out->items[out->count++] = (struct provider_access_warning){
		event, year_group, verdict, arena_strdup(&out->arena, buf_str(&w->text)),
	};
}

void provider_access_find_warnings(const struct mon_data *d, int start_year,
				   struct provider_access_warnings *out)
{
	*out = (struct provider_access_warnings){ 0 };
	struct warning_list w = { out, 0, BUF_INIT };
	date_t first = academic_year_first_day(start_year);
	date_t last = academic_year_last_day(start_year);
	char iso[DATE_ISO_LEN];
	for (size_t i = 0; i < d->event_count; i++) {
		const struct mon_event *e = &d->events[i];
		if (e->date < first)
			continue;
		if (e->date > last)
			break;
		const struct activity *a = &d->programme.activities[e->activity];
		if (!a->provider_access)
			continue;
		uint32_t event = (uint32_t)i;
		if (!provider_access_school_day(d, e->date))
			warn(&w, event, 0, PROVIDER_ACCESS_NOT_SCHOOL_DAY,
			     "will not count for Provider Access: %s (%s) is not a school day",
			     date_format_iso(e->date, iso), weekday_title(date_weekday(e->date)));
		if (slot_outside_school_day(a->timing.slot))
			warn(&w, event, 0, PROVIDER_ACCESS_OUTSIDE_SCHOOL_DAY,
			     "will not count for Provider Access: %s is in the %s slot, outside the school day",
			     a->id, slot_name(a->timing.slot));
		for (int y = YEAR_GROUP_FIRST; y <= YEAR_GROUP_LAST; y++) {
			if (!mon_event_for_year_group(d, e, y))
				continue;
			if (!provider_access_phase(y))
				warn(&w, event, y, PROVIDER_ACCESS_NO_PHASE,
				     "will not count for Year %d pupils: Provider Access counts encounters in Years 8 to 13 only",
				     y);
			else if (!provider_access_in_window(y, e->date))
				warn(&w, event, y, PROVIDER_ACCESS_AFTER_FEBRUARY,
				     "will not count for Year %d pupils: Provider Access counts Year %d encounters only from 1 September to the end of February",
				     y, y);
		}
	}
	buf_free(&w.text);
}

void provider_access_warnings_free(struct provider_access_warnings *w)
{
	free(w->items);
	arena_free(&w->arena);
	*w = (struct provider_access_warnings){ 0 };
}

/* ---- the report ---- */

static int compare_missed(const struct provider_access_pupil *a,
			  const struct provider_access_pupil *b, const struct mon_data *d)
{
	const struct mon_enrolment *ea = &d->enrolments[a->enrolment];
	const struct mon_enrolment *eb = &d->enrolments[b->enrolment];
	int c = strcmp(ea->tutor_group, eb->tutor_group);
	if (c)
		return c;
	c = strcmp(d->pupils[ea->pupil].name, d->pupils[eb->pupil].name);
	return c ? c : (ea->pupil < eb->pupil ? -1 : ea->pupil > eb->pupil);
}

/* qsort has no context argument; an insertion sort does, and a year
 * group's list is short next to the work that built it. */
static void sort_missed(struct provider_access_pupil *m, size_t n, const struct mon_data *d)
{
	for (size_t i = 1; i < n; i++) {
		struct provider_access_pupil x = m[i];
		size_t j = i;
		while (j > 0 && compare_missed(&m[j - 1], &x, d) > 0) {
			m[j] = m[j - 1];
			j--;
		}
		m[j] = x;
	}
}

/* Phase 3: the encounters the school offered the year group this year up
 * to last, and its pupils' present marks at them. */
static void count_offered(const struct mon_data *d, int start_year, date_t last,
			  struct provider_access_row *row)
{
	date_t first = academic_year_first_day(start_year);
	for (size_t i = 0; i < d->event_count; i++) {
		const struct mon_event *e = &d->events[i];
		if (e->date < first)
			continue;
		if (e->date > last)
			break;
		if (!mon_event_for_year_group(d, e, row->year_group) ||
		    provider_access_event_verdict(d, (uint32_t)i, row->year_group) !=
			    PROVIDER_ACCESS_COUNTS)
			continue;
		row->offered++;
		for (uint32_t k = 0; k < e->mark_count; k++) {
			const struct mon_mark *m = &d->marks[e->first_mark + k];
			const struct mon_enrolment *en = mon_enrolment(d, m->pupil, start_year);
			if (m->status == MARK_PRESENT && en && en->year_group == row->year_group)
				row->attended++;
		}
	}
}

static void compute_row(const struct mon_data *d, const struct provider_access_query *q,
			struct provider_access_report *out, int year_group)
{
	struct provider_access_row *row = &out->rows[out->count++];
	*row = (struct provider_access_row){ .phase = provider_access_phase(year_group),
					     .year_group = year_group };
	/* The phase spans two academic years: last year's encounters count. */
	date_t from = academic_year_first_day(q->start_year - 1);
	struct provider_access_pupil *missed = NULL;
	size_t missed_cap = 0;
	for (size_t i = 0; i < d->enrolment_count; i++) {
		const struct mon_enrolment *e = &d->enrolments[i];
		if (e->start_year != q->start_year || e->year_group != year_group ||
		    !mon_on_roll(e, q->as_of))
			continue;
		row->eligible++;
		int n = provider_access_encounters(d, e->pupil, row->phase, from, q->as_of);
		if (n >= PROVIDER_ACCESS_ENCOUNTERS_NEEDED) {
			row->met++;
		} else if (q->want_missed) {
			ARRAY_RESERVE(missed, missed_cap, row->missed_count + 1);
			missed[row->missed_count++] = (struct provider_access_pupil){ (uint32_t)i, n };
		}
	}
	if (row->missed_count) {
		sort_missed(missed, row->missed_count, d);
		row->missed = arena_alloc(&out->arena, row->missed_count * sizeof *missed);
		memcpy(row->missed, missed, row->missed_count * sizeof *missed);
	}
	free(missed);
	if (row->phase == PROVIDER_ACCESS_PHASES) {
		date_t last = academic_year_last_day(q->start_year);
		count_offered(d, q->start_year, q->as_of < last ? q->as_of : last, row);
	}
}

/* Whether the academic year has events of Provider Access activities. */
static bool year_has_provider_access_events(const struct mon_data *d, int start_year)
{
	date_t first = academic_year_first_day(start_year);
	date_t last = academic_year_last_day(start_year);
	for (size_t i = 0; i < d->event_count && d->events[i].date <= last; i++)
		if (d->events[i].date >= first &&
		    d->programme.activities[d->events[i].activity].provider_access)
			return true;
	return false;
}

void provider_access_compute(const struct mon_data *d, const struct provider_access_query *q,
			     struct provider_access_report *out)
{
	*out = (struct provider_access_report){ .start_year = q->start_year, .as_of = q->as_of };
	for (int y = PROVIDER_ACCESS_FIRST_YEAR_GROUP; y <= PROVIDER_ACCESS_LAST_YEAR_GROUP; y++)
		if (!q->year_groups || ((q->year_groups >> y) & 1))
			compute_row(d, q, out, y);
	for (int year = q->start_year - 1; year <= q->start_year; year++)
		if (!mon_calendar(d, year) && year_has_provider_access_events(d, year))
			out->weekday_years[out->weekday_year_count++] = year;
	provider_access_find_warnings(d, q->start_year, &out->warnings);
}

void provider_access_report_free(struct provider_access_report *r)
{
	provider_access_warnings_free(&r->warnings);
	arena_free(&r->arena);
	*r = (struct provider_access_report){ 0 };
}
