#include "domain/entitlement.h"

#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

const char *entitlement_status_name(enum entitlement_status s)
{
	switch (s) {
	case ENTITLEMENT_MET:
		return "met";
	case ENTITLEMENT_BELOW:
		return "below";
	case ENTITLEMENT_NOT_HELD:
		return "not held";
	case ENTITLEMENT_NO_PUPILS:
		return "no pupils";
	case ENTITLEMENT_ATTENDANCE:
		return "attendance";
	case ENTITLEMENT_NOT_TAKEN:
		return "register not taken";
	}
	return "?";
}

/* Working state for one year group. */
struct pass {
	const struct mon_data *d;
	const struct entitlement_query *q;
	struct entitlement_report *out;
	size_t row_cap;
	uint32_t *cohort;          /* enrolment indexes of the year group */
	size_t cohort_count;
	uint32_t *held;            /* event indexes of the activity held so far */
	size_t held_count;
	uint16_t *present;         /* per pupil: sessions present at, this activity */
};

static int compare_missed(const void *x, const void *y, const struct mon_data *d)
{
	const struct missed_pupil *a = x, *b = y;
	const struct mon_enrolment *ea = &d->enrolments[a->enrolment];
	const struct mon_enrolment *eb = &d->enrolments[b->enrolment];
	int c = strcmp(ea->tutor_group, eb->tutor_group);
	if (c)
		return c;
	c = strcmp(d->pupils[ea->pupil].name, d->pupils[eb->pupil].name);
	return c ? c : (ea->pupil < eb->pupil ? -1 : ea->pupil > eb->pupil);
}

/* qsort has no context argument; a small insertion sort does, and missed
 * lists are short next to the work that built them. */
static void sort_missed(struct missed_pupil *m, size_t n, const struct mon_data *d)
{
	for (size_t i = 1; i < n; i++) {
		struct missed_pupil x = m[i];
		size_t j = i;
		while (j > 0 && compare_missed(&m[j - 1], &x, d) > 0) {
			m[j] = m[j - 1];
			j--;
		}
		m[j] = x;
	}
}

static void record_missed(struct pass *p, struct entitlement_row *row, uint32_t enrolment,
			  int attended, int required, struct missed_pupil **list, size_t *cap)
{
	const struct mon_data *d = p->d;
	const struct mon_enrolment *e = &d->enrolments[enrolment];
	struct missed_pupil m = { enrolment, attended, required, NULL, 0 };
	m.sessions = arena_alloc(&p->out->arena, (p->held_count + 1) * sizeof *m.sessions);
	for (size_t i = 0; i < p->held_count; i++) {
		uint32_t ev = p->held[i];
		if (!mon_on_roll(e, d->events[ev].date))
			continue;
		const struct mon_mark *mark = mon_mark_of(d, ev, e->pupil);
		if (!mark || mark->status == MARK_PRESENT)
			continue;
		m.sessions[m.session_count++] = (struct missed_session){ ev, true, mark->status };
	}
	ARRAY_RESERVE(*list, *cap, row->missed_count + 1);
	(*list)[row->missed_count++] = m;
}

/* A pupil's recorded guidance meetings from first to last while on roll:
 * each one a session of a personal-guidance activity they attended
 * (docs/registers.md). Any recorded meeting counts here, whoever held it;
 * Benchmark 8 keeps its own rule (a known level of 6 or more). */
static int meetings_of(const struct mon_data *d, const struct mon_enrolment *e, date_t first,
		       date_t last)
{
	int n = 0;
	for (size_t i = 0; i < d->guidance_count; i++) {
		const struct mon_guidance *g = &d->guidance[i];
		if (g->pupil == e->pupil && g->date >= first && g->date <= last &&
		    mon_on_roll(e, g->date))
			n++;
	}
	return n;
}

/* Whether anyone in the year group has had a meeting from first to last:
 * a personal-guidance activity is then under way for the whole year group,
 * and those on roll on `last` without one are owed it. */
static bool meetings_under_way(const struct mon_data *d, int start_year, int year_group,
			       date_t first, date_t last)
{
	for (size_t i = 0; i < d->guidance_count; i++) {
		const struct mon_guidance *g = &d->guidance[i];
		const struct mon_enrolment *e = mon_enrolment(d, g->pupil, start_year);
		if (e && e->year_group == year_group && g->date >= first && g->date <= last &&
		    mon_on_roll(e, g->date))
			return true;
	}
	return false;
}

const char *pupil_entitlement_status(const struct pupil_entitlement *pe)
{
	if (pe->received)
		return "received";
	if (pe->eligible)
		return "owed";
	if (pe->not_taken)
		return "register not taken";
	if (pe->unmarked)
		return "not marked";
	return "not held yet";
}

bool entitlement_received(int on_roll, int present, int sessions, int *required)
{
	int need = on_roll < sessions ? on_roll : sessions;
	if (required)
		*required = need;
	return on_roll > 0 && present >= need;
}

static void compute_row(struct pass *p, uint32_t activity, int year_group)
{
	const struct mon_data *d = p->d;
	const struct activity *a = &d->programme.activities[activity];
	struct entitlement_report *out = p->out;
	ARRAY_RESERVE(out->rows, p->row_cap, out->count + 1);
	struct entitlement_row *row = &out->rows[out->count++];
	memset(row, 0, sizeof *row);
	row->year_group = year_group;
	row->activity = activity;

	/* The sessions held for this year group, up to the as-of date. */
	date_t first = academic_year_first_day(p->q->start_year);
	date_t last = academic_year_last_day(p->q->start_year);
	if (p->q->as_of < last)
		last = p->q->as_of;
	p->held_count = 0;
	for (size_t i = 0; i < d->event_count; i++) {
		const struct mon_event *e = &d->events[i];
		if (e->date > last)
			break;
		if (e->activity != activity || e->date < first ||
		    !mon_event_for_year_group(d, e, year_group))
			continue;
		/* Only a register taken makes a session held (docs/registers.md). */
		if (e->mark_count == 0) {
			row->registers_not_taken += e->date < p->q->as_of;
			continue;
		}
		p->held[p->held_count++] = (uint32_t)i;
	}
	row->sessions_held = (int)p->held_count;

	/* Present marks, by pupil, at sessions they were on roll for. */
	for (size_t i = 0; i < p->held_count; i++) {
		const struct mon_event *e = &d->events[p->held[i]];
		for (uint32_t k = 0; k < e->mark_count; k++) {
			const struct mon_mark *m = &d->marks[e->first_mark + k];
			if (m->status != MARK_PRESENT)
				continue;
			const struct mon_enrolment *en = mon_enrolment(d, m->pupil, p->q->start_year);
			if (en && en->year_group == year_group && mon_on_roll(en, e->date))
				p->present[m->pupil]++;
		}
	}

	/* A personal-guidance activity is also held by its meetings. */
	bool guidance = a->kind == KIND_PERSONAL_GUIDANCE && a->cohort != COHORT_INVITED;
	bool meetings = guidance && meetings_under_way(d, p->q->start_year, year_group, first, last);

	struct missed_pupil *missed = NULL;
	size_t missed_cap = 0;
	for (size_t c = 0; c < p->cohort_count; c++) {
		uint32_t enrolment = p->cohort[c];
		const struct mon_enrolment *e = &d->enrolments[enrolment];
		/* A session counts for the pupils marked at it: one left
		 * unmarked in an incomplete register neither received nor
		 * missed it. */
		int on_roll = 0;
		for (size_t i = 0; i < p->held_count; i++) {
			if (!mon_on_roll(e, d->events[p->held[i]].date))
				continue;
			if (mon_mark_of(d, p->held[i], e->pupil))
				on_roll++;
			else if (a->cohort != COHORT_INVITED &&
				 (a->cohort != COHORT_SELECTED ||
				  mon_selected(d, activity, p->q->start_year, e->pupil)))
				row->unmarked++;
		}
		int present = p->present[e->pupil];
		if (meetings) {
			int m = meetings_of(d, e, first, last);
			row->meetings += m > 0;
			on_roll += m;
			present += m;
			/* Owed a meeting: on roll on the last day counted. */
			if (on_roll == 0 && mon_on_roll(e, last))
				on_roll = 1;
		}
		if (a->cohort == COHORT_INVITED) {
			row->attended += present > 0;
			continue;
		}
		if (on_roll == 0)
			continue;
		if (a->cohort == COHORT_SELECTED &&
		    !mon_selected(d, activity, p->q->start_year, e->pupil))
			continue;
		int required;
		bool received = entitlement_received(on_roll, present, a->sessions, &required);
		row->eligible++;
		row->received += received;
		for (int s = 0; s < SUBGROUP_COUNT; s++) {
			if (subgroup_member(e, (enum subgroup)s)) {
				row->subgroups[s].eligible++;
				row->subgroups[s].met += received;
			}
		}
		if (!received && p->q->want_missed)
			record_missed(p, row, enrolment, present, required, &missed, &missed_cap);
	}
	/* Clear the counters for the next activity. */
	for (size_t i = 0; i < p->held_count; i++) {
		const struct mon_event *e = &d->events[p->held[i]];
		for (uint32_t k = 0; k < e->mark_count; k++)
			p->present[d->marks[e->first_mark + k].pupil] = 0;
	}

	if (row->missed_count) {
		sort_missed(missed, row->missed_count, d);
		row->missed = arena_alloc(&out->arena, row->missed_count * sizeof *missed);
		memcpy(row->missed, missed, row->missed_count * sizeof *missed);
	}
	free(missed);

	if (a->cohort == COHORT_INVITED)
		row->status = ENTITLEMENT_ATTENDANCE;
	else if (row->sessions_held == 0 && !meetings)
		row->status = row->registers_not_taken ? ENTITLEMENT_NOT_TAKEN : ENTITLEMENT_NOT_HELD;
	else if (row->eligible == 0)
		row->status = ENTITLEMENT_NO_PUPILS;
	else if (mon_at_least(row->received, row->eligible,
			      d->programme.bands[year_group].floor))
		row->status = ENTITLEMENT_MET;
	else
		row->status = ENTITLEMENT_BELOW;
}

void entitlement_compute(const struct mon_data *d, const struct entitlement_query *q,
			 struct entitlement_report *out)
{
	*out = (struct entitlement_report){ .start_year = q->start_year, .as_of = q->as_of };
	struct pass p = { .d = d, .q = q, .out = out };
	p.cohort = xcalloc(d->enrolment_count + 1, sizeof *p.cohort);
	p.held = xcalloc(d->event_count + 1, sizeof *p.held);
	p.present = xcalloc(d->pupil_count + 1, sizeof *p.present);
	for (int y = YEAR_GROUP_FIRST; y <= YEAR_GROUP_LAST; y++) {
		if (q->year_groups && !((q->year_groups >> y) & 1))
			continue;
		p.cohort_count = 0;
		for (size_t i = 0; i < d->enrolment_count; i++)
			if (d->enrolments[i].start_year == q->start_year &&
			    d->enrolments[i].year_group == y)
				p.cohort[p.cohort_count++] = (uint32_t)i;
		for (size_t a = 0; a < d->programme.activity_count; a++) {
			const struct activity *act = &d->programme.activities[a];
			if (!((act->year_groups >> y) & 1))
				continue;
			/* A retired activity stays in the report only while it
			 * has sessions in the year. */
			compute_row(&p, (uint32_t)a, y);
			if (act->retired && out->rows[out->count - 1].sessions_held == 0)
				out->count--;
		}
	}
	free(p.cohort);
	free(p.held);
	free(p.present);
}

size_t entitlement_for_pupil(const struct mon_data *d, uint32_t pupil, int start_year,
			     date_t as_of, struct pupil_entitlement **out)
{
	*out = NULL;
	const struct mon_enrolment *e = mon_enrolment(d, pupil, start_year);
	if (!e)
		return 0;
	date_t first = academic_year_first_day(start_year);
	date_t last = academic_year_last_day(start_year);
	if (as_of < last)
		last = as_of;
	size_t count = 0;
	*out = xcalloc(d->programme.activity_count + 1, sizeof **out);
	for (size_t i = 0; i < d->programme.activity_count; i++) {
		const struct activity *a = &d->programme.activities[i];
		if (a->retired || a->cohort == COHORT_INVITED || !((a->year_groups >> e->year_group) & 1))
			continue;
		if (a->cohort == COHORT_SELECTED && !mon_selected(d, (uint32_t)i, start_year, pupil))
			continue;
		struct pupil_entitlement pe = { .activity = (uint32_t)i };
		for (size_t k = 0; k < d->event_count && d->events[k].date <= last; k++) {
			const struct mon_event *ev = &d->events[k];
			if (ev->activity != i || ev->date < first ||
			    !mon_event_for_year_group(d, ev, e->year_group) || !mon_on_roll(e, ev->date))
				continue;
			/* Not marked: the register was not taken, or left this
			 * pupil out; neither received nor missed. */
			const struct mon_mark *m = mon_mark_of(d, (uint32_t)k, pupil);
			if (!m) {
				if (ev->mark_count)
					pe.unmarked++;
				else
					pe.not_taken += ev->date < as_of;
				continue;
			}
			pe.held_on_roll++;
			pe.present += m->status == MARK_PRESENT;
		}
		if (a->kind == KIND_PERSONAL_GUIDANCE &&
		    meetings_under_way(d, start_year, e->year_group, first, last)) {
			pe.meetings = meetings_of(d, e, first, last);
			pe.held_on_roll += pe.meetings;
			pe.present += pe.meetings;
			if (pe.held_on_roll == 0 && mon_on_roll(e, last))
				pe.held_on_roll = 1;
		}
		pe.eligible = pe.held_on_roll > 0;
		pe.received = entitlement_received(pe.held_on_roll, pe.present, a->sessions,
						   &pe.required);
		(*out)[count++] = pe;
	}
	return count;
}

void entitlement_report_free(struct entitlement_report *r)
{
	free(r->rows);
	arena_free(&r->arena);
	*r = (struct entitlement_report){ 0 };
}

bool entitlement_gap(const struct entitlement_row *row, enum subgroup s, double *gap)
{
	const struct subgroup_count *g = &row->subgroups[s];
	int rest_eligible = row->eligible - g->eligible;
	int rest_met = row->received - g->met;
	if (g->eligible <= 0 || rest_eligible <= 0)
		return false;
	/* In exact points, then rounded to one decimal as the percents are. */
	double diff = 100.0 * g->met / g->eligible - 100.0 * rest_met / rest_eligible;
	long tenths = (long)(diff * 10.0 + (diff >= 0 ? 0.5 : -0.5));
	*gap = (double)tenths / 10.0;
	return true;
}
