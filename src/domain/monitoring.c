#include "domain/monitoring.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

void mon_data_free(struct mon_data *d)
{
	programme_free(&d->programme);
	for (size_t i = 0; i < d->calendar_count; i++)
		calendar_free(&d->calendars[i]);
	free(d->calendars);
	free(d->pupils);
	free(d->enrolments);
	free(d->events);
	free(d->marks);
	free(d->pupil_marks);
	free(d->selections);
	free(d->guidance);
	arena_free(&d->arena);
	memset(d, 0, sizeof *d);
}

const struct mon_enrolment *mon_enrolment(const struct mon_data *d, uint32_t pupil,
					  int start_year)
{
	const struct mon_pupil *p = &d->pupils[pupil];
	for (uint32_t i = 0; i < p->enrolment_count; i++) {
		const struct mon_enrolment *e = &d->enrolments[p->first_enrolment + i];
		if (e->start_year == start_year)
			return e;
	}
	return NULL;
}

bool mon_on_roll(const struct mon_enrolment *e, date_t d)
{
	return e->from <= d && d <= e->to;
}

int mon_year_group_on(const struct mon_data *d, uint32_t pupil, date_t date)
{
	return mon_year_group_in(d, pupil, academic_year_of(date));
}

int mon_year_group_in(const struct mon_data *d, uint32_t pupil, int year)
{
	const struct mon_enrolment *e = mon_enrolment(d, pupil, year);
	if (e)
		return e->year_group;
	const struct mon_pupil *p = &d->pupils[pupil];
	const struct mon_enrolment *nearest = NULL;
	for (uint32_t i = 0; i < p->enrolment_count; i++) {
		const struct mon_enrolment *x = &d->enrolments[p->first_enrolment + i];
		if (!nearest || abs(x->start_year - year) < abs(nearest->start_year - year))
			nearest = x;
	}
	if (!nearest)
		return 0;
	int year_group = nearest->year_group + (year - nearest->start_year);
	return year_group >= 1 && year_group <= 14 ? year_group : 0;
}

const struct school_calendar *mon_calendar(const struct mon_data *d, int start_year)
{
	for (size_t i = 0; i < d->calendar_count; i++)
		if (d->calendars[i].start_year == start_year)
			return &d->calendars[i];
	return NULL;
}

const struct mon_mark *mon_mark_of(const struct mon_data *d, uint32_t event, uint32_t pupil)
{
	const struct mon_event *e = &d->events[event];
	size_t lo = e->first_mark, hi = (size_t)e->first_mark + e->mark_count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (d->marks[mid].pupil < pupil)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < (size_t)e->first_mark + e->mark_count && d->marks[lo].pupil == pupil)
		return &d->marks[lo];
	return NULL;
}

static int compare_selection(const struct mon_selection *a, uint32_t activity, int start_year,
			     uint32_t pupil)
{
	if (a->activity != activity)
		return a->activity < activity ? -1 : 1;
	if (a->start_year != start_year)
		return a->start_year < start_year ? -1 : 1;
	if (a->pupil != pupil)
		return a->pupil < pupil ? -1 : 1;
	return 0;
}

bool mon_selected(const struct mon_data *d, uint32_t activity, int start_year, uint32_t pupil)
{
	size_t lo = 0, hi = d->selection_count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = compare_selection(&d->selections[mid], activity, start_year, pupil);
		if (c == 0)
			return true;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

bool mon_event_for_year_group(const struct mon_data *d, const struct mon_event *e, int year_group)
{
	if (e->year_group)
		return e->year_group == year_group;
	return (d->programme.activities[e->activity].year_groups >> year_group) & 1;
}

/* Whether the activity has a selection in the year: its register then
 * lists only the selected pupils. */
static bool has_selection(const struct mon_data *d, uint32_t activity, int start_year)
{
	for (size_t i = 0; i < d->selection_count; i++)
		if (d->selections[i].activity == activity && d->selections[i].start_year == start_year)
			return true;
	return false;
}

/* An invited activity's register records who came: nobody else is owed a
 * mark, so it is complete once taken. */
static bool expected_on_register(const struct mon_data *d, const struct mon_event *e,
				 uint32_t pupil, bool selected_only)
{
	if (d->programme.activities[e->activity].cohort == COHORT_INVITED)
		return false;
	const struct mon_enrolment *en = mon_enrolment(d, pupil, e->start_year);
	return en && mon_event_for_year_group(d, e, en->year_group) && mon_on_roll(en, e->date) &&
	       (!selected_only || mon_selected(d, e->activity, e->start_year, pupil));
}

static bool selected_only(const struct mon_data *d, const struct mon_event *e)
{
	return d->programme.activities[e->activity].cohort == COHORT_SELECTED &&
	       has_selection(d, e->activity, e->start_year);
}

bool mon_on_register(const struct mon_data *d, uint32_t event, uint32_t pupil)
{
	const struct mon_event *e = &d->events[event];
	return mon_mark_of(d, event, pupil) || expected_on_register(d, e, pupil, selected_only(d, e));
}

void mon_register_of(const struct mon_data *d, uint32_t event, date_t as_of,
		     struct mon_register *out)
{
	const struct mon_event *e = &d->events[event];
	bool only = selected_only(d, e);
	int unmarked = 0;
	for (size_t p = 0; p < d->pupil_count; p++)
		unmarked += expected_on_register(d, e, (uint32_t)p, only) &&
			    mon_mark_of(d, event, (uint32_t)p) == NULL;
	/* The marked pupils and the unmarked ones on the register. */
	out->marked = (int)e->mark_count;
	out->expected = out->marked + unmarked;
	out->state = register_state_of(e->date, as_of, out->marked, out->expected);
}

size_t mon_register_unmarked(const struct mon_data *d, uint32_t event, uint32_t **out)
{
	const struct mon_event *e = &d->events[event];
	bool only = selected_only(d, e);
	size_t n = 0;
	*out = xcalloc(d->pupil_count + 1, sizeof **out);
	for (size_t p = 0; p < d->pupil_count; p++)
		if (expected_on_register(d, e, (uint32_t)p, only) &&
		    !mon_mark_of(d, event, (uint32_t)p))
			(*out)[n++] = (uint32_t)p;
	/* By name: an insertion sort, as the lists are short. */
	for (size_t i = 1; i < n; i++) {
		uint32_t x = (*out)[i];
		size_t j = i;
		while (j > 0 && strcmp(d->pupils[(*out)[j - 1]].name, d->pupils[x].name) > 0) {
			(*out)[j] = (*out)[j - 1];
			j--;
		}
		(*out)[j] = x;
	}
	return n;
}

size_t mon_registers_needing_attention(const struct mon_data *d, int start_year, date_t as_of,
				       unsigned year_groups, struct mon_register_entry **out)
{
	size_t n = 0;
	*out = xcalloc(d->event_count + 1, sizeof **out);
	for (size_t i = 0; i < d->event_count && d->events[i].date <= as_of; i++) {
		const struct mon_event *e = &d->events[i];
		if (e->start_year != start_year)
			continue;
		unsigned years = e->year_group ? 1u << e->year_group
					       : d->programme.activities[e->activity].year_groups;
		if (year_groups && !(years & year_groups))
			continue;
		struct mon_register r;
		mon_register_of(d, (uint32_t)i, as_of, &r);
		if (r.state == REGISTER_DUE || r.state == REGISTER_NOT_TAKEN ||
		    r.state == REGISTER_INCOMPLETE)
			(*out)[n++] = (struct mon_register_entry){ (uint32_t)i, r };
	}
	return n;
}

static const char *const subgroup_names[SUBGROUP_COUNT] = {
	"pp", "fsm6", "sen", "eal", "looked-after", "girls", "boys",
};
static const char *const subgroup_titles[SUBGROUP_COUNT] = {
	"Pupil Premium", "FSM in the last 6 years", "SEN (support or EHC plan)", "EAL",
	"Looked after", "Girls", "Boys",
};

const char *subgroup_name(enum subgroup s)
{
	return (unsigned)s < SUBGROUP_COUNT ? subgroup_names[s] : "?";
}

const char *subgroup_title(enum subgroup s)
{
	return (unsigned)s < SUBGROUP_COUNT ? subgroup_titles[s] : "?";
}

bool subgroup_parse(const char *s, enum subgroup *out)
{
	for (int i = 0; i < SUBGROUP_COUNT; i++) {
		if (strcmp(s, subgroup_names[i]) == 0) {
			*out = (enum subgroup)i;
			return true;
		}
	}
	/* "gender" asks for both. */
	return false;
}

bool subgroup_member(const struct mon_enrolment *e, enum subgroup s)
{
	switch (s) {
	case SUBGROUP_PP:
		return e->flags & PUPIL_PP;
	case SUBGROUP_FSM6:
		return e->flags & PUPIL_FSM6;
	case SUBGROUP_SEN:
		return e->flags & (PUPIL_SEN_SUPPORT | PUPIL_EHC_PLAN);
	case SUBGROUP_EAL:
		return e->flags & PUPIL_EAL;
	case SUBGROUP_LOOKED_AFTER:
		return e->flags & PUPIL_LOOKED_AFTER;
	case SUBGROUP_GIRLS:
		return e->gender == 'F';
	case SUBGROUP_BOYS:
		return e->gender == 'M';
	case SUBGROUP_COUNT:
		break;
	}
	return false;
}

double mon_percent(int met, int eligible)
{
	if (eligible <= 0)
		return -1;
	/* Round half up at one decimal, on integers, so 2/3 is 66.7 everywhere. */
	long tenths = ((long)met * 2000L / eligible + 1) / 2;
	return (double)tenths / 10.0;
}

bool mon_at_least(int met, int eligible, double floor)
{
	if (eligible <= 0)
		return false;
	/* met/eligible >= floor/100, without a division's rounding. */
	return (double)met * 100.0 >= floor * (double)eligible - 1e-9;
}
