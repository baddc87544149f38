#include "domain/benchmarks.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/mem.h"

static const char *const benchmark_titles[BENCHMARK_COUNT] = {
	"A stable careers programme",
	"Learning from career and labour market information",
	"Addressing the needs of each pupil",
	"Linking curriculum learning to careers",
	"Encounters with employers and employees",
	"Experiences of workplaces",
	"Encounters with further and higher education",
	"Personal guidance",
};

const char *benchmark_title(int benchmark)
{
	return benchmark >= 1 && benchmark <= BENCHMARK_COUNT ? benchmark_titles[benchmark - 1] : "?";
}

int benchmark_key_stage_of(int year_group)
{
	if (year_group >= 7 && year_group <= 9)
		return KEY_STAGE_3;
	if (year_group >= 10 && year_group <= 11)
		return KEY_STAGE_4;
	if (year_group >= 12 && year_group <= 13)
		return KEY_STAGE_5;
	return -1;
}

const char *benchmark_key_stage_name(enum key_stage k)
{
	static const char *const names[KEY_STAGE_COUNT] = { "KS3", "KS4", "KS5" };
	return (unsigned)k < KEY_STAGE_COUNT ? names[k] : "?";
}

#define YEARS(lo, hi) ((((1u << ((hi) + 1)) - 1) >> (lo)) << (lo))

/* The four kinds of provider Benchmark 7 asks every pupil to meet by 16. */
#define PROVIDER_TYPES                                                              \
	(1u << ENCOUNTER_SIXTH_FORM | 1u << ENCOUNTER_FURTHER_EDUCATION |             \
	 1u << ENCOUNTER_HIGHER_EDUCATION | 1u << ENCOUNTER_APPRENTICESHIP_PROVIDER)

enum { WORKPLACE_HOURS_AIM = 50 };

static const struct benchmark_criterion_info criteria[CRITERION_COUNT] = {
	[CRITERION_LMI_KS3] = { "bm2-ks3", 2, YEARS(7, 9), 1, "events",
		"used careers and labour market information in Key Stage 3" },
	[CRITERION_LMI_KS4] = { "bm2-ks4", 2, YEARS(10, 11), 1, "events",
		"used careers and labour market information in Key Stage 4" },
	[CRITERION_LMI_KS5] = { "bm2-ks5", 2, YEARS(12, 13), 1, "events",
		"used careers and labour market information in Key Stage 5" },
	[CRITERION_CURRICULUM_SUBJECTS] = { "bm4-subjects", 4, YEARS(7, 13), 1, "subjects",
		"subjects with a careers link this year" },
	[CRITERION_EMPLOYER_THIS_YEAR] = { "bm5-year", 5, YEARS(7, 13), 1, "encounters",
		"an encounter with an employer this year" },
	[CRITERION_WORKPLACES_BY_16] = { "bm6-by-16", 6, YEARS(11, 11), 2, "experiences",
		"two or more experiences of workplaces in Years 7-11" },
	[CRITERION_WORKPLACE_HOURS_BY_16] = { "bm6-hours-by-16", 6, YEARS(11, 11),
		WORKPLACE_HOURS_AIM, "hours", "50 hours (10 days) of workplace experience in Years 7-11" },
	[CRITERION_WORKPLACE_BY_18] = { "bm6-by-18", 6, YEARS(13, 13), 1, "experiences",
		"a further experience of a workplace in Years 12-13" },
	[CRITERION_PROVIDERS_BY_16] = { "bm7-by-16", 7, YEARS(11, 11), 4, "provider types",
		"met sixth form, college, university and apprenticeship providers in Years 7-11" },
	[CRITERION_UNIVERSITY_VISITS] = { "bm7-he-visits", 7, YEARS(13, 13), 2, "visits",
		"two university visits, for pupils considering higher education" },
	[CRITERION_GUIDANCE_BY_16] = { "bm8-by-16", 8, YEARS(11, 11), 1, "meetings",
		"a personal guidance meeting in Years 7-11" },
	[CRITERION_GUIDANCE_BY_18] = { "bm8-by-18", 8, YEARS(13, 13), 1, "meetings",
		"a personal guidance meeting in Years 12-13" },
};

const struct benchmark_criterion_info *benchmark_criterion_info(enum benchmark_criterion c)
{
	return (unsigned)c < CRITERION_COUNT ? &criteria[c] : NULL;
}

bool benchmark_criterion_parse(const char *id, enum benchmark_criterion *out)
{
	for (int c = 0; c < CRITERION_COUNT; c++) {
		if (strcmp(criteria[c].id, id) == 0) {
			*out = (enum benchmark_criterion)c;
			return true;
		}
	}
	return false;
}

/* ---- What one pupil did ---- */

struct pupil_facts {
	int lmi[KEY_STAGE_COUNT];       /* Benchmark 2 events, by key stage */
	int employer_this_year;         /* Benchmark 5 employer encounters in Y */
	int workplaces_by_16, workplaces_by_18;
	double hours_by_16;
	double hours[KEY_STAGE_COUNT];
	unsigned providers_by_16;       /* encounter bits seen in Years 7-11 */
	int university_visits;
	int guidance_by_16, guidance_by_18;
};

static bool has_benchmark(const struct activity *a, int benchmark)
{
	return (a->benchmarks >> benchmark) & 1;
}

/* The first guidance meeting of a pupil (they are by pupil, then date). */
static size_t first_guidance(const struct mon_data *d, uint32_t pupil)
{
	size_t lo = 0, hi = d->guidance_count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (d->guidance[mid].pupil < pupil)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void pupil_facts(const struct mon_data *d, uint32_t pupil, int start_year, date_t as_of,
			struct pupil_facts *f)
{
	memset(f, 0, sizeof *f);
	date_t year_first = academic_year_first_day(start_year);
	const struct mon_pupil *p = &d->pupils[pupil];
	for (uint32_t i = 0; i < p->mark_count; i++) {
		const struct mon_mark *m = &d->marks[d->pupil_marks[p->first_mark + i]];
		if (m->status != MARK_PRESENT)
			continue;
		const struct mon_event *e = &d->events[m->event];
		if (e->date > as_of)
			break;  /* by date: nothing later counts */
		const struct activity *a = &d->programme.activities[e->activity];
		int year_group = mon_year_group_in(d, pupil, e->start_year);
		int stage = benchmark_key_stage_of(year_group);
		bool by_16 = year_group >= 7 && year_group <= 11;
		bool by_18 = year_group >= 12 && year_group <= 13;
		if (has_benchmark(a, 2) && stage >= 0)
			f->lmi[stage]++;
		if (has_benchmark(a, 5) && (a->encounters >> ENCOUNTER_EMPLOYER & 1) &&
		    e->date >= year_first)
			f->employer_this_year++;
		if (has_benchmark(a, 6)) {
			if (stage >= 0)
				f->hours[stage] += a->hours;
			if (by_16) {
				f->workplaces_by_16++;
				f->hours_by_16 += a->hours;
			}
			if (by_18)
				f->workplaces_by_18++;
		}
		if (by_16)
			f->providers_by_16 |= a->encounters & PROVIDER_TYPES;
		if (a->visit && (a->encounters >> ENCOUNTER_HIGHER_EDUCATION & 1))
			f->university_visits++;
		if (a->kind == KIND_PERSONAL_GUIDANCE) {
			f->guidance_by_16 += by_16;
			f->guidance_by_18 += by_18;
		}
	}
	for (size_t i = first_guidance(d, pupil);
	     i < d->guidance_count && d->guidance[i].pupil == pupil; i++) {
		const struct mon_guidance *g = &d->guidance[i];
		if (g->date > as_of)
			break;
		if (g->level < 6)
			continue;
		int year_group = mon_year_group_on(d, pupil, g->date);
		f->guidance_by_16 += year_group >= 7 && year_group <= 11;
		f->guidance_by_18 += year_group >= 12 && year_group <= 13;
	}
}

static int count_bits(unsigned x)
{
	int n = 0;
	for (; x; x &= x - 1)
		n++;
	return n;
}

/* A pupil's figure for a criterion, for their year group in Y. */
static double figure(enum benchmark_criterion c, const struct pupil_facts *f, int year_group)
{
	switch (c) {
	case CRITERION_LMI_KS3:
	case CRITERION_LMI_KS4:
	case CRITERION_LMI_KS5: {
		int stage = benchmark_key_stage_of(year_group);
		return stage >= 0 ? f->lmi[stage] : 0;
	}
	case CRITERION_EMPLOYER_THIS_YEAR:
		return f->employer_this_year;
	case CRITERION_WORKPLACES_BY_16:
		return f->workplaces_by_16;
	case CRITERION_WORKPLACE_HOURS_BY_16:
		return f->hours_by_16;
	case CRITERION_WORKPLACE_BY_18:
		return f->workplaces_by_18;
	case CRITERION_PROVIDERS_BY_16:
		return count_bits(f->providers_by_16);
	case CRITERION_UNIVERSITY_VISITS:
		return f->university_visits;
	case CRITERION_GUIDANCE_BY_16:
		return f->guidance_by_16;
	case CRITERION_GUIDANCE_BY_18:
		return f->guidance_by_18;
	case CRITERION_CURRICULUM_SUBJECTS:
	case CRITERION_COUNT:
		break;
	}
	return 0;
}

static bool reaches(double have, double need)
{
	/* Hours are sums of halves and quarters; allow for the last bit. */
	return have >= need - 1e-9;
}

/* Whether a pupil with this enrolment is counted for a criterion that
 * applies to their year group. */
static bool counted(enum benchmark_criterion c, const struct mon_enrolment *e)
{
	if (c == CRITERION_UNIVERSITY_VISITS)
		return e->flags & PUPIL_CONSIDERING_HE;
	return true;
}

/* ---- The report ---- */

struct cohort_entry {
	const char *tutor_group;
	const char *name;
	uint32_t pupil;
	uint32_t enrolment;
};

static int compare_cohort(const void *x, const void *y)
{
	const struct cohort_entry *a = x, *b = y;
	int c = strcmp(a->tutor_group, b->tutor_group);
	if (c)
		return c;
	c = strcmp(a->name, b->name);
	if (c)
		return c;
	return a->pupil < b->pupil ? -1 : a->pupil > b->pupil;
}

static bool activity_lists_subject(const struct activity *a, const char *subject)
{
	for (size_t i = 0; i < a->subject_count; i++)
		if (strcasecmp(a->subjects[i], subject) == 0)
			return true;
	return false;
}

/* The Benchmark 4 matrix of the year, up to as_of. */
static void subject_matrix(const struct mon_data *d, const struct benchmark_query *q,
			   struct benchmark_report *out)
{
	const struct programme *p = &d->programme;
	out->subject_count = p->subject_count;
	if (!p->subject_count)
		return;
	out->subject_years = xcalloc(p->subject_count, sizeof *out->subject_years);
	date_t first = academic_year_first_day(q->start_year);
	date_t last = academic_year_last_day(q->start_year);
	if (q->as_of < last)
		last = q->as_of;
	for (size_t i = 0; i < d->event_count; i++) {
		const struct mon_event *e = &d->events[i];
		if (e->date > last)
			break;
		const struct activity *a = &p->activities[e->activity];
		if (e->date < first || !has_benchmark(a, 4))
			continue;
		for (size_t k = 0; k < p->subject_count; k++) {
			const char *subject = p->subjects[k];
			if (!(e->subject && strcasecmp(e->subject, subject) == 0) &&
			    !activity_lists_subject(a, subject))
				continue;
			for (int y = YEAR_GROUP_FIRST; y <= YEAR_GROUP_LAST; y++)
				if (mon_event_for_year_group(d, e, y))
					out->subject_years[k] |= (uint16_t)(1u << y);
		}
	}
}

void benchmark_compute(const struct mon_data *d, const struct benchmark_query *q,
		       struct benchmark_report *out)
{
	*out = (struct benchmark_report){ .start_year = q->start_year, .as_of = q->as_of };
	unsigned wanted = q->year_groups ? q->year_groups : YEARS(YEAR_GROUP_FIRST, YEAR_GROUP_LAST);

	/* The rows, and where each (criterion, year group) is. */
	int row_of[CRITERION_COUNT][YEAR_GROUP_LAST + 1];
	size_t rows_needed = 0;
	for (int c = 0; c < CRITERION_COUNT; c++)
		rows_needed += (size_t)count_bits(criteria[c].year_groups & wanted);
	out->rows = xcalloc(rows_needed + 1, sizeof *out->rows);
	for (int c = 0; c < CRITERION_COUNT; c++) {
		for (int y = 0; y <= YEAR_GROUP_LAST; y++) {
			row_of[c][y] = -1;
			if (!((criteria[c].year_groups & wanted) >> y & 1))
				continue;
			if (c == CRITERION_CURRICULUM_SUBJECTS && !d->programme.subject_count)
				continue;
			row_of[c][y] = (int)out->count;
			out->rows[out->count++] = (struct benchmark_row){
				.criterion = (enum benchmark_criterion)c, .year_group = y,
			};
		}
	}
	size_t *missed_cap = xcalloc(out->count + 1, sizeof *missed_cap);

	/* The pupils counted, by tutor group and name so that the missed
	 * lists come out in order. */
	struct cohort_entry *cohort = xcalloc(d->enrolment_count + 1, sizeof *cohort);
	size_t cohort_count = 0;
	for (size_t i = 0; i < d->enrolment_count; i++) {
		const struct mon_enrolment *e = &d->enrolments[i];
		if (e->start_year != q->start_year || e->year_group < YEAR_GROUP_FIRST ||
		    e->year_group > YEAR_GROUP_LAST || !((wanted >> e->year_group) & 1) ||
		    !mon_on_roll(e, q->as_of))
			continue;
		cohort[cohort_count++] = (struct cohort_entry){
			e->tutor_group, d->pupils[e->pupil].name, e->pupil, (uint32_t)i,
		};
	}
	if (cohort_count)
		qsort(cohort, cohort_count, sizeof *cohort, compare_cohort);

	for (size_t k = 0; k < cohort_count; k++) {
		const struct mon_enrolment *e = &d->enrolments[cohort[k].enrolment];
		int y = e->year_group;
		struct pupil_facts f;
		pupil_facts(d, e->pupil, q->start_year, q->as_of, &f);
		struct benchmark_hours *h = &out->hours[y];
		h->pupils++;
		for (int s = 0; s < KEY_STAGE_COUNT; s++)
			h->total[s] += f.hours[s];
		for (int c = 0; c < CRITERION_COUNT; c++) {
			if (row_of[c][y] < 0 || c == CRITERION_CURRICULUM_SUBJECTS ||
			    !counted((enum benchmark_criterion)c, e))
				continue;
			struct benchmark_row *row = &out->rows[row_of[c][y]];
			double have = figure((enum benchmark_criterion)c, &f, y);
			bool met = reaches(have, criteria[c].need);
			row->eligible++;
			row->met += met;
			for (int s = 0; s < SUBGROUP_COUNT; s++) {
				if (subgroup_member(e, (enum subgroup)s)) {
					row->subgroups[s].eligible++;
					row->subgroups[s].met += met;
				}
			}
			if (!met && q->want_missed) {
				size_t r = (size_t)row_of[c][y];
				ARRAY_RESERVE(row->missed, missed_cap[r], row->missed_count + 1);
				row->missed[row->missed_count++] = (struct benchmark_missed){
					cohort[k].enrolment, have,
				};
			}
		}
	}

	subject_matrix(d, q, out);
	for (size_t r = 0; r < out->count; r++) {
		struct benchmark_row *row = &out->rows[r];
		if (row->criterion != CRITERION_CURRICULUM_SUBJECTS || !out->hours[row->year_group].pupils)
			continue;
		row->eligible = (int)out->subject_count;
		for (size_t k = 0; k < out->subject_count; k++)
			row->met += (out->subject_years[k] >> row->year_group) & 1;
	}
	free(cohort);
	free(missed_cap);
}

void benchmark_report_free(struct benchmark_report *r)
{
	for (size_t i = 0; i < r->count; i++)
		free(r->rows[i].missed);
	free(r->rows);
	free(r->subject_years);
	*r = (struct benchmark_report){ 0 };
}

bool benchmark_gap(const struct benchmark_row *row, enum subgroup s, double *gap)
{
	const struct subgroup_count *g = &row->subgroups[s];
	int rest_eligible = row->eligible - g->eligible;
	int rest_met = row->met - g->met;
	if (g->eligible <= 0 || rest_eligible <= 0)
		return false;
	double diff = 100.0 * g->met / g->eligible - 100.0 * rest_met / rest_eligible;
	long tenths = (long)(diff * 10.0 + (diff >= 0 ? 0.5 : -0.5));
	*gap = (double)tenths / 10.0;
	return true;
}

/* ---- The checklist ---- */

static const struct benchmark_item items[] = {
	{ "1.1", 1, "A careers leader, trained for the role, with the time and budget to run the programme" },
	{ "1.2", 1, "The headteacher and governors openly back the programme, with a governor linked to careers" },
	{ "1.3", 1, "The school website publishes the programme as the law asks: the careers leader's contact "
		    "details, a summary of the programme, how its impact is measured, the date of the next "
		    "review and the provider access policy" },
	{ "1.4", 1, "The programme is planned in sequence, with learning outcomes for every year group" },
	{ "1.5", 1, "Parents and carers know the programme and take part in it" },
	{ "1.6", 1, "The programme is evaluated regularly, with feedback from pupils, parents, staff, "
		    "advisers and employers" },
	{ "3.1", 3, "Pupils can see their own record of careers activities and advice" },
	{ "3.2", 3, "Individual advice and the decisions agreed with each pupil are recorded systematically" },
	{ "3.3", 3, "The programme challenges stereotypes and gives tailored support to pupils with SEND, "
		    "disadvantaged and looked-after pupils" },
	{ "3.4", 3, "Pupils' destinations are kept for at least three years after they leave" },
};

const struct benchmark_item *benchmark_items(size_t *count)
{
	*count = sizeof items / sizeof *items;
	return items;
}

const struct benchmark_item *benchmark_item_find(const char *id)
{
	for (size_t i = 0; i < sizeof items / sizeof *items; i++)
		if (strcmp(items[i].id, id) == 0)
			return &items[i];
	return NULL;
}

const char *benchmark_item_status_name(enum benchmark_item_status s)
{
	switch (s) {
	case BENCHMARK_ITEM_NOT_MET:
		return "not-met";
	case BENCHMARK_ITEM_IN_PROGRESS:
		return "in-progress";
	case BENCHMARK_ITEM_MET:
		return "met";
	}
	return "?";
}

bool benchmark_item_status_parse(const char *s, enum benchmark_item_status *out)
{
	for (int i = BENCHMARK_ITEM_NOT_MET; i <= BENCHMARK_ITEM_MET; i++) {
		if (strcmp(s, benchmark_item_status_name((enum benchmark_item_status)i)) == 0) {
			*out = (enum benchmark_item_status)i;
			return true;
		}
	}
	return false;
}

void benchmark_checklist_free(struct benchmark_checklist *c)
{
	free(c->items);
	arena_free(&c->arena);
	*c = (struct benchmark_checklist)BENCHMARK_CHECKLIST_INIT;
}

const struct benchmark_item_state *benchmark_checklist_state(const struct benchmark_checklist *c,
							     const char *id)
{
	static const struct benchmark_item_state nothing = {
		NULL, BENCHMARK_ITEM_NOT_MET, NULL, DATE_NONE,
	};
	for (size_t i = 0; c && i < c->count; i++)
		if (strcmp(c->items[i].item, id) == 0)
			return &c->items[i];
	return &nothing;
}

bool benchmark_item_review_due(const struct benchmark_item_state *s, date_t today)
{
	return s->review_date != DATE_NONE && s->review_date < today;
}

/* ---- Scores ---- */

const char *benchmark_mode_name(enum benchmark_mode m)
{
	return m == BENCHMARK_STRICT ? "strict" : "banded";
}

bool benchmark_mode_parse(const char *s, enum benchmark_mode *out)
{
	if (strcmp(s, "strict") == 0)
		*out = BENCHMARK_STRICT;
	else if (strcmp(s, "banded") == 0)
		*out = BENCHMARK_BANDED;
	else
		return false;
	return true;
}

bool benchmark_row_scored(const struct benchmark_row *row)
{
	return row->eligible > 0;
}

bool benchmark_row_achieved(const struct programme *p, const struct benchmark_row *row,
			    enum benchmark_mode mode)
{
	if (!benchmark_row_scored(row))
		return false;
	if (mode == BENCHMARK_STRICT)
		return row->met >= row->eligible;
	int y = row->year_group;
	double floor = y >= 0 && y <= YEAR_GROUP_LAST ? p->bands[y].floor : 100;
	return mon_at_least(row->met, row->eligible, floor);
}

void benchmark_summarise(const struct programme *p, const struct benchmark_report *r,
			 const struct benchmark_checklist *c, enum benchmark_mode mode,
			 struct benchmark_score out[BENCHMARK_COUNT])
{
	for (int b = 0; b < BENCHMARK_COUNT; b++)
		out[b] = (struct benchmark_score){ b + 1, 0, 0 };
	for (size_t i = 0; r && i < r->count; i++) {
		const struct benchmark_row *row = &r->rows[i];
		if (!benchmark_row_scored(row))
			continue;
		struct benchmark_score *s = &out[criteria[row->criterion].benchmark - 1];
		s->scored++;
		s->achieved += benchmark_row_achieved(p, row, mode);
	}
	for (size_t i = 0; i < sizeof items / sizeof *items; i++) {
		struct benchmark_score *s = &out[items[i].benchmark - 1];
		s->scored++;
		s->achieved += benchmark_checklist_state(c, items[i].id)->status == BENCHMARK_ITEM_MET;
	}
}

int benchmark_score_percent(const struct benchmark_score *s)
{
	if (s->scored <= 0)
		return -1;
	return (int)(((long)s->achieved * 200 / s->scored + 1) / 2);
}

/* ---- One pupil ---- */

bool benchmark_pupil_record(const struct mon_data *d, uint32_t pupil, int start_year,
			   date_t as_of, struct benchmark_pupil_record *out)
{
	memset(out, 0, sizeof *out);
	const struct mon_enrolment *e = mon_enrolment(d, pupil, start_year);
	if (!e)
		return false;
	struct pupil_facts f;
	pupil_facts(d, pupil, start_year, as_of, &f);
	out->year_group = e->year_group;
	out->on_roll = mon_on_roll(e, as_of);
	memcpy(out->hours, f.hours, sizeof out->hours);
	for (int c = 0; c < CRITERION_COUNT; c++) {
		if (c == CRITERION_CURRICULUM_SUBJECTS ||
		    e->year_group < 0 || e->year_group > YEAR_GROUP_LAST ||
		    !((criteria[c].year_groups >> e->year_group) & 1))
			continue;
		struct benchmark_pupil_line *line = &out->lines[out->count++];
		line->criterion = (enum benchmark_criterion)c;
		line->counted = counted((enum benchmark_criterion)c, e);
		line->have = figure((enum benchmark_criterion)c, &f, e->year_group);
		line->need = criteria[c].need;
		line->met = reaches(line->have, line->need);
		if (c == CRITERION_PROVIDERS_BY_16)
			line->encounters = f.providers_by_16;
	}
	return true;
}

void benchmark_workplace_hours(const struct mon_data *d, uint32_t pupil, date_t as_of,
			       double hours[KEY_STAGE_COUNT])
{
	struct pupil_facts f;
	pupil_facts(d, pupil, academic_year_of(as_of), as_of, &f);
	memcpy(hours, f.hours, sizeof f.hours);
}
