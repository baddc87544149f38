/* The Gatsby Benchmark criteria: hand-worked cases on small schools built
 * directly in memory (a few pupils, a few events), each criterion at its
 * boundary. The report year is 2025/26 unless a test says otherwise. */
#include "unit.h"

#include "domain/benchmarks.h"
#include "util/mem.h"

enum { CAP = 64 };

/* A school under construction: events and marks may be added in any order;
 * school_finish puts them in the orders struct mon_data promises. */
struct school {
	struct mon_data d;
	uint32_t event_ids[CAP];  /* handle -> position before sorting */
};

static void school_init(struct school *s)
{
	memset(s, 0, sizeof *s);
	programme_init(&s->d.programme);
	for (int y = YEAR_GROUP_FIRST; y <= YEAR_GROUP_LAST; y++)
		s->d.programme.bands[y] = (struct entitlement_band){ 76, y >= 12 ? 100 : 99 };
	s->d.pupils = xcalloc(CAP, sizeof *s->d.pupils);
	s->d.enrolments = xcalloc(CAP, sizeof *s->d.enrolments);
	s->d.events = xcalloc(CAP, sizeof *s->d.events);
	s->d.marks = xcalloc(CAP, sizeof *s->d.marks);
	s->d.pupil_marks = xcalloc(CAP, sizeof *s->d.pupil_marks);
	s->d.guidance = xcalloc(CAP, sizeof *s->d.guidance);
}

#define BM(n) (1u << (n))
#define MEETS(e) (1u << ENCOUNTER_##e)
#define YEARS_7_TO_13 0x3F80u

struct activity_spec {
	const char *id;
	unsigned benchmarks;
	enum activity_kind kind;
	unsigned encounters;
	bool visit;
	double hours;
	unsigned year_groups;      /* 0: Years 7-13 */
	const char *subjects[3];   /* the activity's own, NULL-ended */
};

static uint32_t add_activity(struct school *s, struct activity_spec spec)
{
	struct programme *p = &s->d.programme;
	struct activity *a = programme_add_activity(p);
	a->id = arena_strdup(&p->arena, spec.id);
	a->name = a->id;
	a->benchmarks = (uint16_t)spec.benchmarks;
	a->kind = spec.kind;
	a->encounters = (uint16_t)spec.encounters;
	a->visit = spec.visit;
	a->hours = spec.hours;
	a->year_groups = (uint16_t)(spec.year_groups ? spec.year_groups : YEARS_7_TO_13);
	size_t n = 0;
	while (n < 3 && spec.subjects[n])
		n++;
	if (n) {
		a->subjects = arena_alloc(&p->arena, n * sizeof *a->subjects);
		for (size_t i = 0; i < n; i++)
			a->subjects[i] = arena_strdup(&p->arena, spec.subjects[i]);
		a->subject_count = n;
	}
	return (uint32_t)(p->activity_count - 1);
}

static void set_subjects(struct school *s, const char *const *subjects, size_t n)
{
	struct programme *p = &s->d.programme;
	p->subjects = arena_alloc(&p->arena, n * sizeof *p->subjects);
	for (size_t i = 0; i < n; i++)
		p->subjects[i] = arena_strdup(&p->arena, subjects[i]);
	p->subject_count = n;
}

/* A pupil and their enrolments, oldest year first: years[i] is the start
 * year, year_groups[i] the year group; flags and tutor group as given for
 * every year. */
struct pupil_spec {
	const char *name;
	const char *tutor_group;
	char gender;
	unsigned flags;
	int first_year, first_year_group, years;  /* consecutive years */
	date_t left;                              /* DATE_NONE: still on roll */
};

static uint32_t add_pupil(struct school *s, struct pupil_spec spec)
{
	struct mon_data *d = &s->d;
	uint32_t pupil = (uint32_t)d->pupil_count++;
	struct mon_pupil *p = &d->pupils[pupil];
	p->id = pupil + 1;
	p->name = arena_strdup(&d->arena, spec.name);
	char upn[16];
	snprintf(upn, sizeof upn, "UPN%03u", pupil + 1);
	p->upn = arena_strdup(&d->arena, upn);
	p->first_enrolment = (uint32_t)d->enrolment_count;
	for (int i = 0; i < (spec.years ? spec.years : 1); i++) {
		int year = spec.first_year + i;
		d->enrolments[d->enrolment_count++] = (struct mon_enrolment){
			.pupil = pupil,
			.start_year = year,
			.year_group = spec.first_year_group + i,
			.flags = spec.flags,
			.gender = spec.gender ? spec.gender : 'F',
			.from = academic_year_first_day(year),
			.to = spec.left != DATE_NONE && spec.left <= academic_year_last_day(year)
				      ? spec.left : academic_year_last_day(year),
			.tutor_group = arena_strdup(&d->arena, spec.tutor_group ? spec.tutor_group : ""),
		};
		p->enrolment_count++;
	}
	/* The current year is open-ended. */
	struct mon_enrolment *last = &d->enrolments[d->enrolment_count - 1];
	if (spec.left == DATE_NONE)
		last->to = DATE_OPEN;
	return pupil;
}

static uint32_t add_event(struct school *s, uint32_t activity, date_t date, int year_group,
			  const char *subject)
{
	struct mon_data *d = &s->d;
	uint32_t handle = (uint32_t)d->event_count++;
	d->events[handle] = (struct mon_event){
		.id = handle + 1, .activity = activity, .date = date,
		.start_year = academic_year_of(date), .year_group = year_group,
		.subject = subject ? arena_strdup(&d->arena, subject) : NULL,
	};
	return handle;
}

static void mark(struct school *s, uint32_t event, uint32_t pupil, enum mark_status status)
{
	s->d.marks[s->d.mark_count++] = (struct mon_mark){ event, pupil, status };
}

static void present(struct school *s, uint32_t event, uint32_t pupil)
{
	mark(s, event, pupil, MARK_PRESENT);
}

static void meeting(struct school *s, uint32_t pupil, date_t date, int level)
{
	s->d.guidance[s->d.guidance_count++] = (struct mon_guidance){ pupil, date, true, level, NULL, DATE_NONE };
}

static struct mon_data *sorting;

static int compare_event_handles(const void *x, const void *y)
{
	const struct mon_event *a = &sorting->events[*(const uint32_t *)x];
	const struct mon_event *b = &sorting->events[*(const uint32_t *)y];
	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

static int compare_marks(const void *x, const void *y)
{
	const struct mon_mark *a = x, *b = y;
	if (a->event != b->event)
		return a->event < b->event ? -1 : 1;
	return a->pupil < b->pupil ? -1 : a->pupil > b->pupil;
}

static int compare_guidance(const void *x, const void *y)
{
	const struct mon_guidance *a = x, *b = y;
	if (a->pupil != b->pupil)
		return a->pupil < b->pupil ? -1 : 1;
	return a->date < b->date ? -1 : a->date > b->date;
}

/* Events by date, marks by event then pupil, each pupil's marks by date,
 * guidance by pupil then date: what monitoring_store_load gives. */
static void school_finish(struct school *s)
{
	struct mon_data *d = &s->d;
	uint32_t order[CAP], position[CAP];
	for (uint32_t i = 0; i < d->event_count; i++)
		order[i] = i;
	sorting = d;
	qsort(order, d->event_count, sizeof *order, compare_event_handles);
	struct mon_event sorted[CAP];
	for (uint32_t i = 0; i < d->event_count; i++) {
		sorted[i] = d->events[order[i]];
		position[order[i]] = i;
	}
	memcpy(d->events, sorted, d->event_count * sizeof *sorted);
	for (size_t i = 0; i < d->mark_count; i++)
		d->marks[i].event = position[d->marks[i].event];
	qsort(d->marks, d->mark_count, sizeof *d->marks, compare_marks);
	for (size_t i = 0; i < d->mark_count; i++) {
		struct mon_event *e = &d->events[d->marks[i].event];
		if (!e->mark_count)
			e->first_mark = (uint32_t)i;
		e->mark_count++;
	}
	/* By pupil, then date: the marks are in date order already. */
	size_t n = 0;
	for (uint32_t p = 0; p < d->pupil_count; p++) {
		d->pupils[p].first_mark = (uint32_t)n;
		for (size_t i = 0; i < d->mark_count; i++)
			if (d->marks[i].pupil == p)
				d->pupil_marks[n++] = (uint32_t)i;
		d->pupils[p].mark_count = (uint32_t)n - d->pupils[p].first_mark;
	}
	qsort(d->guidance, d->guidance_count, sizeof *d->guidance, compare_guidance);
}

static const struct benchmark_row *find_row(const struct benchmark_report *r,
					    enum benchmark_criterion c, int year_group)
{
	for (size_t i = 0; i < r->count; i++)
		if (r->rows[i].criterion == c && r->rows[i].year_group == year_group)
			return &r->rows[i];
	return NULL;
}

#define assert_row(r, c, y, eligible_, met_)                            \
	do {                                                            \
		const struct benchmark_row *row_ = find_row((r), (c), (y)); \
		assert_non_null(row_);                                  \
		assert_int_equal(row_->eligible, (eligible_));          \
		assert_int_equal(row_->met, (met_));                    \
	} while (0)

static void compute(struct school *s, date_t as_of, bool missed, struct benchmark_report *r)
{
	struct benchmark_query q = { 2025, as_of, 0, missed };
	benchmark_compute(&s->d, &q, r);
}

static const struct benchmark_pupil_line *line_of(const struct benchmark_pupil_record *rec,
						  enum benchmark_criterion c)
{
	for (size_t i = 0; i < rec->count; i++)
		if (rec->lines[i].criterion == c)
			return &rec->lines[i];
	return NULL;
}

/* ---- Benchmark 2 ---- */

static void test_lmi_in_the_current_key_stage(void **state)
{
	(void)state;
	struct school s;
	school_init(&s);
	uint32_t lmi = add_activity(&s, (struct activity_spec){ .id = "lmi", .benchmarks = BM(2),
		.kind = KIND_CAREERS_LESSON });
	/* Year 8 now, a lesson in Year 7 (last year): still Key Stage 3. */
	uint32_t ann = add_pupil(&s, (struct pupil_spec){ "Ann", "8A", 'F', 0, 2024, 7, 2, DATE_NONE });
	/* Year 10 now, the lesson was in Year 9: Key Stage 3, not 4. */
	uint32_t ben = add_pupil(&s, (struct pupil_spec){ "Ben", "10A", 'M', 0, 2024, 9, 2, DATE_NONE });
	/* Year 10, a lesson this year. */
	uint32_t cat = add_pupil(&s, (struct pupil_spec){ "Cat", "10A", 'F', 0, 2025, 10, 1, DATE_NONE });
	/* Year 10, absent from this year's lesson, present after as_of. */
	uint32_t dan = add_pupil(&s, (struct pupil_spec){ "Dan", "10B", 'M', 0, 2025, 10, 1, DATE_NONE });
	uint32_t last_year = add_event(&s, lmi, D(2025, 3, 10), 0, NULL);
	uint32_t this_year = add_event(&s, lmi, D(2025, 11, 5), 0, NULL);
	uint32_t later = add_event(&s, lmi, D(2026, 5, 5), 0, NULL);
	present(&s, last_year, ann);
	present(&s, last_year, ben);
	present(&s, this_year, cat);
	mark(&s, this_year, dan, MARK_ABSENT);
	present(&s, later, dan);
	school_finish(&s);

	struct benchmark_report r;
	compute(&s, D(2026, 3, 31), true, &r);
	assert_row(&r, CRITERION_LMI_KS3, 8, 1, 1);
	assert_row(&r, CRITERION_LMI_KS4, 10, 3, 1);
	assert_null(find_row(&r, CRITERION_LMI_KS3, 10));
	assert_row(&r, CRITERION_LMI_KS5, 12, 0, 0);
	/* Who missed it, by tutor group then name, with their figure. */
	const struct benchmark_row *ks4 = find_row(&r, CRITERION_LMI_KS4, 10);
	assert_int_equal(ks4->missed_count, 2);
	assert_int_equal(s.d.enrolments[ks4->missed[0].enrolment].pupil, ben);
	assert_int_equal(s.d.enrolments[ks4->missed[1].enrolment].pupil, dan);
	assert_true(ks4->missed[0].have == 0);
	benchmark_report_free(&r);

	/* As of the day after the later lesson, Dan has it. */
	compute(&s, D(2026, 5, 6), false, &r);
	assert_row(&r, CRITERION_LMI_KS4, 10, 3, 2);
	assert_null(find_row(&r, CRITERION_LMI_KS4, 10)->missed);
	benchmark_report_free(&r);
	mon_data_free(&s.d);
}

/* ---- Benchmark 5 ---- */

static void test_employer_encounter_this_year(void **state)
{
	(void)state;
	struct school s;
	school_init(&s);
	uint32_t fair = add_activity(&s, (struct activity_spec){ .id = "fair",
		.benchmarks = BM(5) | BM(7), .kind = KIND_EMPLOYER_ENCOUNTER,
		.encounters = MEETS(EMPLOYER) | MEETS(HIGHER_EDUCATION) });
	/* Benchmark 5 but nobody from an employer: does not count. */
	uint32_t talk = add_activity(&s, (struct activity_spec){ .id = "talk",
		.benchmarks = BM(5), .kind = KIND_OTHER,
		.encounters = MEETS(HIGHER_EDUCATION) });
	/* An employer, but not evidence for Benchmark 5. */
	uint32_t assembly = add_activity(&s, (struct activity_spec){ .id = "assembly",
		.benchmarks = BM(2), .kind = KIND_ASSEMBLY, .encounters = MEETS(EMPLOYER) });
	uint32_t a = add_pupil(&s, (struct pupil_spec){ "A", "9A", 'F', 0, 2024, 8, 2, DATE_NONE });
	uint32_t b = add_pupil(&s, (struct pupil_spec){ "B", "9A", 'M', 0, 2025, 9, 1, DATE_NONE });
	uint32_t c = add_pupil(&s, (struct pupil_spec){ "C", "9A", 'F', 0, 2025, 9, 1, DATE_NONE });
	uint32_t old_fair = add_event(&s, fair, D(2024, 10, 10), 0, NULL);
	uint32_t new_fair = add_event(&s, fair, D(2025, 10, 16), 0, NULL);
	uint32_t t = add_event(&s, talk, D(2025, 11, 1), 0, NULL);
	uint32_t as = add_event(&s, assembly, D(2025, 11, 2), 0, NULL);
	present(&s, old_fair, a);  /* last year's fair: not this year */
	present(&s, t, a);
	present(&s, new_fair, b);
	present(&s, as, c);
	school_finish(&s);

	struct benchmark_report r;
	compute(&s, D(2026, 3, 31), false, &r);
	assert_row(&r, CRITERION_EMPLOYER_THIS_YEAR, 9, 3, 1);
	assert_row(&r, CRITERION_EMPLOYER_THIS_YEAR, 7, 0, 0);
	benchmark_report_free(&r);
	mon_data_free(&s.d);
}

/* ---- Benchmark 6 ---- */

static void test_workplaces_and_hours_by_16(void **state)
{
	(void)state;
	struct school s;
	school_init(&s);
	uint32_t placement = add_activity(&s, (struct activity_spec){ .id = "placement",
		.benchmarks = BM(6), .kind = KIND_WORKPLACE_EXPERIENCE, .visit = true,
		.hours = 30 });
	uint32_t shadow = add_activity(&s, (struct activity_spec){ .id = "shadow",
		.benchmarks = BM(6), .kind = KIND_WORKPLACE_EXPERIENCE, .visit = true,
		.hours = 19.5 });
	uint32_t visit = add_activity(&s, (struct activity_spec){ .id = "visit",
		.benchmarks = BM(6), .kind = KIND_WORKPLACE_EXPERIENCE, .visit = true,
		.hours = 20 });
	uint32_t tour = add_activity(&s, (struct activity_spec){ .id = "tour",
		.benchmarks = BM(6), .kind = KIND_WORKPLACE_EXPERIENCE, .visit = true,
		.hours = 0 });  /* hours unknown */
	/* Year 11; the Year 10 placement (last year) counts toward "by 16". */
	uint32_t ada = add_pupil(&s, (struct pupil_spec){ "Ada", "11A", 'F', 0, 2024, 10, 2, DATE_NONE });
	uint32_t bob = add_pupil(&s, (struct pupil_spec){ "Bob", "11A", 'M', 0, 2024, 10, 2, DATE_NONE });
	uint32_t cy = add_pupil(&s, (struct pupil_spec){ "Cy", "11A", 'M', 0, 2024, 10, 2, DATE_NONE });
	uint32_t di = add_pupil(&s, (struct pupil_spec){ "Di", "11B", 'F', 0, 2025, 11, 1, DATE_NONE });
	uint32_t y10 = add_event(&s, placement, D(2025, 6, 16), 0, NULL);
	uint32_t sh = add_event(&s, shadow, D(2025, 12, 1), 0, NULL);
	uint32_t vi = add_event(&s, visit, D(2025, 12, 2), 0, NULL);
	uint32_t to = add_event(&s, tour, D(2026, 1, 20), 0, NULL);
	present(&s, y10, ada);
	present(&s, sh, ada);   /* 2 experiences, 30 + 19.5 = 49.5 hours */
	present(&s, y10, bob);
	present(&s, vi, bob);   /* 2 experiences, 30 + 20 = 50 hours */
	present(&s, y10, cy);   /* 1 experience, 30 hours */
	present(&s, to, di);
	present(&s, vi, di);    /* 2 experiences, 0 + 20 hours */
	school_finish(&s);

	struct benchmark_report r;
	compute(&s, D(2026, 3, 31), true, &r);
	assert_row(&r, CRITERION_WORKPLACES_BY_16, 11, 4, 3);
	assert_row(&r, CRITERION_WORKPLACE_HOURS_BY_16, 11, 4, 1);
	assert_null(find_row(&r, CRITERION_WORKPLACES_BY_16, 10));
	const struct benchmark_row *hours = find_row(&r, CRITERION_WORKPLACE_HOURS_BY_16, 11);
	assert_int_equal(hours->missed_count, 3);
	/* 11A before 11B, names in order within: Ada 49.5, Cy 30, Di 20. */
	assert_int_equal(s.d.enrolments[hours->missed[0].enrolment].pupil, ada);
	assert_true(hours->missed[0].have == 49.5);
	assert_int_equal(s.d.enrolments[hours->missed[1].enrolment].pupil, cy);
	assert_int_equal(s.d.enrolments[hours->missed[2].enrolment].pupil, di);
	assert_true(hours->missed[2].have == 20);
	/* The year group's hours by key stage: all in Key Stage 4. */
	assert_int_equal(r.hours[11].pupils, 4);
	assert_true(r.hours[11].total[KEY_STAGE_3] == 0);
	assert_true(r.hours[11].total[KEY_STAGE_4] == 49.5 + 50 + 30 + 20);
	benchmark_report_free(&r);

	struct benchmark_pupil_record rec;
	assert_true(benchmark_pupil_record(&s.d, ada, 2025, D(2026, 3, 31), &rec));
	assert_int_equal(rec.year_group, 11);
	const struct benchmark_pupil_line *line = line_of(&rec, CRITERION_WORKPLACE_HOURS_BY_16);
	assert_non_null(line);
	assert_false(line->met);
	assert_true(line->have == 49.5 && line->need == 50);
	line = line_of(&rec, CRITERION_WORKPLACES_BY_16);
	assert_true(line->met && line->have == 2 && line->need == 2);
	double h[KEY_STAGE_COUNT];
	benchmark_workplace_hours(&s.d, ada, D(2026, 3, 31), h);
	assert_true(h[KEY_STAGE_4] == 49.5);
	/* Before the shadowing day, one experience and 30 hours. */
	assert_true(benchmark_pupil_record(&s.d, ada, 2025, D(2025, 11, 30), &rec));
	line = line_of(&rec, CRITERION_WORKPLACES_BY_16);
	assert_false(line->met);
	assert_true(line->have == 1);
	mon_data_free(&s.d);
}

static void test_workplace_by_18(void **state)
{
	(void)state;
	struct school s;
	school_init(&s);
	uint32_t placement = add_activity(&s, (struct activity_spec){ .id = "placement",
		.benchmarks = BM(6), .kind = KIND_WORKPLACE_EXPERIENCE, .visit = true,
		.hours = 30 });
	/* Year 13 whose only placement was in Year 11: not "another by 18". */
	uint32_t eve = add_pupil(&s, (struct pupil_spec){ "Eve", "13A", 'F', 0, 2023, 11, 3, DATE_NONE });
	/* Year 13 with one in Year 12. */
	uint32_t fin = add_pupil(&s, (struct pupil_spec){ "Fin", "13A", 'M', 0, 2024, 12, 2, DATE_NONE });
	uint32_t in_y11 = add_event(&s, placement, D(2024, 6, 10), 0, NULL);
	uint32_t in_y12 = add_event(&s, placement, D(2025, 6, 10), 0, NULL);
	present(&s, in_y11, eve);
	present(&s, in_y12, fin);
	school_finish(&s);

	struct benchmark_report r;
	compute(&s, D(2026, 3, 31), false, &r);
	assert_row(&r, CRITERION_WORKPLACE_BY_18, 13, 2, 1);
	/* Eve's Year 11 hours are Key Stage 4, Fin's Key Stage 5. */
	assert_true(r.hours[13].total[KEY_STAGE_4] == 30);
	assert_true(r.hours[13].total[KEY_STAGE_5] == 30);
	benchmark_report_free(&r);
	mon_data_free(&s.d);
}

/* ---- Benchmark 7 ---- */

static void test_providers_by_16(void **state)
{
	(void)state;
	struct school s;
	school_init(&s);
	uint32_t sixth = add_activity(&s, (struct activity_spec){ .id = "sixth",
		.benchmarks = BM(7), .kind = KIND_OTHER, .encounters = MEETS(SIXTH_FORM) });
	uint32_t college = add_activity(&s, (struct activity_spec){ .id = "college",
		.benchmarks = BM(7), .kind = KIND_FURTHER_EDUCATION,
		.encounters = MEETS(FURTHER_EDUCATION) });
	uint32_t uni = add_activity(&s, (struct activity_spec){ .id = "uni", .benchmarks = BM(7),
		.kind = KIND_HIGHER_EDUCATION, .encounters = MEETS(HIGHER_EDUCATION) });
	uint32_t ask = add_activity(&s, (struct activity_spec){ .id = "ask", .benchmarks = BM(2),
		.kind = KIND_APPRENTICESHIP_PROVIDER,
		.encounters = MEETS(APPRENTICESHIP_PROVIDER) });
	uint32_t gil = add_pupil(&s, (struct pupil_spec){ "Gil", "11A", 'M', 0, 2024, 10, 2, DATE_NONE });
	uint32_t hal = add_pupil(&s, (struct pupil_spec){ "Hal", "11A", 'M', 0, 2024, 10, 2, DATE_NONE });
	uint32_t e1 = add_event(&s, sixth, D(2024, 11, 1), 0, NULL);
	uint32_t e2 = add_event(&s, college, D(2025, 2, 1), 0, NULL);
	uint32_t e3 = add_event(&s, uni, D(2025, 10, 1), 0, NULL);
	uint32_t e4 = add_event(&s, ask, D(2025, 11, 3), 0, NULL);
	for (uint32_t p = gil; p <= hal; p++) {
		present(&s, e1, p);
		present(&s, e2, p);
		present(&s, e3, p);
	}
	present(&s, e4, hal);   /* the fourth type; Gil is absent */
	mark(&s, e4, gil, MARK_ABSENT);
	school_finish(&s);

	struct benchmark_report r;
	compute(&s, D(2026, 3, 31), true, &r);
	assert_row(&r, CRITERION_PROVIDERS_BY_16, 11, 2, 1);
	const struct benchmark_row *row = find_row(&r, CRITERION_PROVIDERS_BY_16, 11);
	assert_true(row->missed[0].have == 3);
	benchmark_report_free(&r);

	struct benchmark_pupil_record rec;
	assert_true(benchmark_pupil_record(&s.d, gil, 2025, D(2026, 3, 31), &rec));
	const struct benchmark_pupil_line *line = line_of(&rec, CRITERION_PROVIDERS_BY_16);
	assert_false(line->met);
	assert_true(line->have == 3 && line->need == 4);
	assert_int_equal(line->encounters, MEETS(SIXTH_FORM) | MEETS(FURTHER_EDUCATION) |
					   MEETS(HIGHER_EDUCATION));
	mon_data_free(&s.d);
}

static void test_university_visits_for_pupils_considering_he(void **state)
{
	(void)state;
	struct school s;
	school_init(&s);
	uint32_t trip = add_activity(&s, (struct activity_spec){ .id = "trip",
		.benchmarks = BM(7), .kind = KIND_HIGHER_EDUCATION,
		.encounters = MEETS(HIGHER_EDUCATION), .visit = true });
	/* Meets a university, but in school: not a visit. */
	uint32_t talk = add_activity(&s, (struct activity_spec){ .id = "talk",
		.benchmarks = BM(7), .kind = KIND_HIGHER_EDUCATION,
		.encounters = MEETS(HIGHER_EDUCATION), .visit = false });
	/* A visit, but to a college. */
	uint32_t college = add_activity(&s, (struct activity_spec){ .id = "college",
		.benchmarks = BM(7), .kind = KIND_FURTHER_EDUCATION,
		.encounters = MEETS(FURTHER_EDUCATION), .visit = true });
	uint32_t ivy = add_pupil(&s, (struct pupil_spec){ "Ivy", "13A", 'F', PUPIL_CONSIDERING_HE,
							 2023, 11, 3, DATE_NONE });
	uint32_t jo = add_pupil(&s, (struct pupil_spec){ "Jo", "13A", 'F', PUPIL_CONSIDERING_HE,
							2025, 13, 1, DATE_NONE });
	uint32_t kit = add_pupil(&s, (struct pupil_spec){ "Kit", "13A", 'M', 0, 2025, 13, 1, DATE_NONE });
	/* A visit in Year 11 counts: "any year". */
	uint32_t t1 = add_event(&s, trip, D(2024, 3, 1), 0, NULL);
	uint32_t t2 = add_event(&s, trip, D(2025, 10, 1), 0, NULL);
	uint32_t t3 = add_event(&s, talk, D(2025, 10, 2), 0, NULL);
	uint32_t t4 = add_event(&s, college, D(2025, 10, 3), 0, NULL);
	present(&s, t1, ivy);
	present(&s, t2, ivy);    /* two visits: met */
	present(&s, t2, jo);
	present(&s, t3, jo);
	present(&s, t4, jo);     /* one visit, a talk and a college: not met */
	present(&s, t2, kit);
	school_finish(&s);
	(void)t1;

	struct benchmark_report r;
	compute(&s, D(2026, 3, 31), true, &r);
	/* Kit is not considering higher education: not eligible. */
	assert_row(&r, CRITERION_UNIVERSITY_VISITS, 13, 2, 1);
	const struct benchmark_row *row = find_row(&r, CRITERION_UNIVERSITY_VISITS, 13);
	assert_int_equal(row->missed_count, 1);
	assert_int_equal(s.d.enrolments[row->missed[0].enrolment].pupil, jo);
	benchmark_report_free(&r);

	struct benchmark_pupil_record rec;
	assert_true(benchmark_pupil_record(&s.d, kit, 2025, D(2026, 3, 31), &rec));
	const struct benchmark_pupil_line *line = line_of(&rec, CRITERION_UNIVERSITY_VISITS);
	assert_non_null(line);
	assert_false(line->counted);
	assert_true(line->have == 1);
	mon_data_free(&s.d);
}

/* ---- Benchmark 8 ---- */

static void test_personal_guidance(void **state)
{
	(void)state;
	struct school s;
	school_init(&s);
	uint32_t pg = add_activity(&s, (struct activity_spec){ .id = "pg", .benchmarks = BM(8),
		.kind = KIND_PERSONAL_GUIDANCE });
	uint32_t lee = add_pupil(&s, (struct pupil_spec){ "Lee", "11A", 'M', 0, 2025, 11, 1, DATE_NONE });
	uint32_t mo = add_pupil(&s, (struct pupil_spec){ "Mo", "11A", 'M', 0, 2025, 11, 1, DATE_NONE });
	uint32_t nat = add_pupil(&s, (struct pupil_spec){ "Nat", "11A", 'F', 0, 2025, 11, 1, DATE_NONE });
	uint32_t oz = add_pupil(&s, (struct pupil_spec){ "Oz", "11B", 'M', 0, 2025, 11, 1, DATE_NONE });
	/* Year 13 whose meeting was in Year 11: by 16, not by 18. */
	uint32_t pia = add_pupil(&s, (struct pupil_spec){ "Pia", "13A", 'F', 0, 2023, 11, 3, DATE_NONE });
	uint32_t rex = add_pupil(&s, (struct pupil_spec){ "Rex", "13A", 'M', 0, 2025, 13, 1, DATE_NONE });
	meeting(&s, lee, D(2025, 11, 20), 5);   /* below Level 6: does not count */
	meeting(&s, mo, D(2025, 11, 20), 6);
	meeting(&s, oz, D(2026, 4, 20), 7);     /* after as_of */
	meeting(&s, pia, D(2024, 1, 15), 6);
	meeting(&s, rex, D(2025, 12, 1), 6);
	uint32_t session = add_event(&s, pg, D(2026, 1, 12), 0, NULL);
	present(&s, session, nat);              /* an attended guidance activity counts */
	mark(&s, session, lee, MARK_ABSENT);
	school_finish(&s);

	struct benchmark_report r;
	compute(&s, D(2026, 3, 31), true, &r);
	assert_row(&r, CRITERION_GUIDANCE_BY_16, 11, 4, 2);
	assert_row(&r, CRITERION_GUIDANCE_BY_18, 13, 2, 1);
	const struct benchmark_row *row = find_row(&r, CRITERION_GUIDANCE_BY_16, 11);
	assert_int_equal(row->missed_count, 2);
	assert_int_equal(s.d.enrolments[row->missed[0].enrolment].pupil, lee);
	assert_int_equal(s.d.enrolments[row->missed[1].enrolment].pupil, oz);
	benchmark_report_free(&r);

	struct benchmark_pupil_record rec;
	assert_true(benchmark_pupil_record(&s.d, pia, 2025, D(2026, 3, 31), &rec));
	assert_false(line_of(&rec, CRITERION_GUIDANCE_BY_18)->met);
	assert_null(line_of(&rec, CRITERION_GUIDANCE_BY_16));
	assert_false(benchmark_pupil_record(&s.d, pia, 2019, D(2020, 3, 31), &rec));
	mon_data_free(&s.d);
}

/* ---- Benchmark 4 ---- */

static void test_curriculum_matrix(void **state)
{
	(void)state;
	struct school s;
	school_init(&s);
	static const char *const subjects[] = { "English", "Mathematics", "Science" };
	set_subjects(&s, subjects, 3);
	uint32_t links = add_activity(&s, (struct activity_spec){ .id = "links",
		.benchmarks = BM(4), .kind = KIND_OTHER });
	uint32_t stem = add_activity(&s, (struct activity_spec){ .id = "stem",
		.benchmarks = BM(4), .kind = KIND_OTHER, .year_groups = 1u << 7 | 1u << 8,
		.subjects = { "science" } });
	uint32_t other = add_activity(&s, (struct activity_spec){ .id = "other",
		.benchmarks = BM(2), .kind = KIND_OTHER });
	add_pupil(&s, (struct pupil_spec){ "Q", "7A", 'F', 0, 2025, 7, 1, DATE_NONE });
	add_pupil(&s, (struct pupil_spec){ "R", "8A", 'F', 0, 2025, 8, 1, DATE_NONE });
	add_event(&s, links, D(2025, 10, 1), 7, "English");
	add_event(&s, stem, D(2025, 10, 2), 0, NULL);           /* Years 7 and 8, Science */
	add_event(&s, other, D(2025, 10, 3), 7, "Mathematics"); /* not Benchmark 4 */
	add_event(&s, links, D(2026, 5, 1), 8, "English");      /* after as_of */
	add_event(&s, links, D(2025, 5, 1), 7, "Mathematics");  /* last year */
	school_finish(&s);

	struct benchmark_report r;
	compute(&s, D(2026, 3, 31), false, &r);
	assert_int_equal(r.subject_count, 3);
	assert_int_equal(r.subject_years[0], 1u << 7);
	assert_int_equal(r.subject_years[1], 0);
	assert_int_equal(r.subject_years[2], 1u << 7 | 1u << 8);
	assert_row(&r, CRITERION_CURRICULUM_SUBJECTS, 7, 3, 2);
	assert_row(&r, CRITERION_CURRICULUM_SUBJECTS, 8, 3, 1);
	/* No pupils in Year 9: not scored. */
	assert_row(&r, CRITERION_CURRICULUM_SUBJECTS, 9, 0, 0);
	struct benchmark_score scores[BENCHMARK_COUNT];
	benchmark_summarise(&s.d.programme, &r, NULL, BENCHMARK_BANDED, scores);
	assert_int_equal(scores[3].scored, 2);
	assert_int_equal(scores[3].achieved, 0);
	benchmark_report_free(&r);

	/* A year group filter keeps the matrix whole. */
	struct benchmark_query q = { 2025, D(2026, 3, 31), 1u << 8, false };
	benchmark_compute(&s.d, &q, &r);
	assert_null(find_row(&r, CRITERION_CURRICULUM_SUBJECTS, 7));
	assert_row(&r, CRITERION_CURRICULUM_SUBJECTS, 8, 3, 1);
	assert_int_equal(r.subject_years[0], 1u << 7);
	benchmark_report_free(&r);

	/* Without subjects, no Benchmark 4 rows. */
	s.d.programme.subject_count = 0;
	compute(&s, D(2026, 3, 31), false, &r);
	assert_null(find_row(&r, CRITERION_CURRICULUM_SUBJECTS, 7));
	assert_null(r.subject_years);
	benchmark_report_free(&r);
	mon_data_free(&s.d);
}

/* ---- Scores ---- */

static void test_strict_and_banded_scores(void **state)
{
	(void)state;
	struct programme p;
	programme_init(&p);
	for (int y = YEAR_GROUP_FIRST; y <= YEAR_GROUP_LAST; y++)
		p.bands[y].floor = 76;
	/* Benchmark 5 in three year groups: 100%, 80% and 70%; and a row
	 * nobody is eligible for, which is not scored. */
	struct benchmark_row rows[] = {
		{ .criterion = CRITERION_EMPLOYER_THIS_YEAR, .year_group = 7, .eligible = 10, .met = 10 },
		{ .criterion = CRITERION_EMPLOYER_THIS_YEAR, .year_group = 8, .eligible = 10, .met = 8 },
		{ .criterion = CRITERION_EMPLOYER_THIS_YEAR, .year_group = 9, .eligible = 10, .met = 7 },
		{ .criterion = CRITERION_UNIVERSITY_VISITS, .year_group = 13, .eligible = 0, .met = 0 },
		/* 19 of 25 is exactly 76%: at the floor is achieved. */
		{ .criterion = CRITERION_GUIDANCE_BY_16, .year_group = 11, .eligible = 25, .met = 19 },
	};
	struct benchmark_report r = { .rows = rows, .count = 5 };
	struct benchmark_score strict[BENCHMARK_COUNT], banded[BENCHMARK_COUNT];
	benchmark_summarise(&p, &r, NULL, BENCHMARK_STRICT, strict);
	benchmark_summarise(&p, &r, NULL, BENCHMARK_BANDED, banded);
	assert_int_equal(strict[4].benchmark, 5);
	assert_int_equal(strict[4].achieved, 1);
	assert_int_equal(strict[4].scored, 3);
	assert_int_equal(banded[4].achieved, 2);
	assert_int_equal(banded[4].scored, 3);
	assert_int_equal(benchmark_score_percent(&strict[4]), 33);
	assert_int_equal(benchmark_score_percent(&banded[4]), 67);
	assert_int_equal(strict[6].scored, 0);
	assert_int_equal(benchmark_score_percent(&strict[6]), -1);
	assert_int_equal(strict[7].achieved, 0);
	assert_int_equal(banded[7].achieved, 1);
	assert_false(benchmark_row_scored(&rows[3]));
	assert_false(benchmark_row_achieved(&p, &rows[3], BENCHMARK_BANDED));
	/* With nothing recorded, the checklists are scored and not met. */
	assert_int_equal(strict[0].scored, 6);
	assert_int_equal(strict[0].achieved, 0);
	assert_int_equal(strict[2].scored, 4);
	programme_free(&p);
}

static void test_checklist(void **state)
{
	(void)state;
	size_t n;
	const struct benchmark_item *all = benchmark_items(&n);
	assert_int_equal(n, 10);
	assert_string_equal(all[0].id, "1.1");
	assert_string_equal(all[9].id, "3.4");
	assert_non_null(benchmark_item_find("1.6"));
	assert_null(benchmark_item_find("1.7"));
	assert_null(benchmark_item_find("2.1"));

	struct benchmark_item_state recorded[] = {
		{ "1.1", BENCHMARK_ITEM_MET, "Ms Khan, trained 2024", DATE_NONE },
		{ "1.2", BENCHMARK_ITEM_IN_PROGRESS, NULL, D(2025, 9, 1) },
		{ "1.3", BENCHMARK_ITEM_MET, "Published at /careers", D(2026, 7, 1) },
		{ "3.1", BENCHMARK_ITEM_MET, NULL, DATE_NONE },
	};
	struct benchmark_checklist c = { recorded, 4, ARENA_INIT };
	struct benchmark_score s[BENCHMARK_COUNT];
	struct benchmark_report empty = { 0 };
	benchmark_summarise(&(struct programme){ 0 }, &empty, &c, BENCHMARK_STRICT, s);
	/* In progress does not count. */
	assert_int_equal(s[0].achieved, 2);
	assert_int_equal(s[0].scored, 6);
	assert_int_equal(benchmark_score_percent(&s[0]), 33);
	assert_int_equal(s[2].achieved, 1);
	assert_int_equal(s[2].scored, 4);
	assert_int_equal(benchmark_score_percent(&s[2]), 25);
	assert_int_equal(s[1].scored, 0);

	const struct benchmark_item_state *st = benchmark_checklist_state(&c, "1.2");
	assert_int_equal(st->status, BENCHMARK_ITEM_IN_PROGRESS);
	assert_true(benchmark_item_review_due(st, D(2025, 11, 10)));
	assert_false(benchmark_item_review_due(st, D(2025, 9, 1)));
	assert_false(benchmark_item_review_due(benchmark_checklist_state(&c, "1.3"), D(2025, 11, 10)));
	st = benchmark_checklist_state(&c, "1.4");
	assert_int_equal(st->status, BENCHMARK_ITEM_NOT_MET);
	assert_null(st->evidence);
	assert_false(benchmark_item_review_due(st, D(2025, 11, 10)));

	enum benchmark_item_status status;
	assert_true(benchmark_item_status_parse("in-progress", &status));
	assert_int_equal(status, BENCHMARK_ITEM_IN_PROGRESS);
	assert_false(benchmark_item_status_parse("done", &status));
	assert_string_equal(benchmark_item_status_name(BENCHMARK_ITEM_NOT_MET), "not-met");
}

/* ---- Breakdowns and names ---- */

static void test_subgroups_and_gaps(void **state)
{
	(void)state;
	struct school s;
	school_init(&s);
	uint32_t fair = add_activity(&s, (struct activity_spec){ .id = "fair",
		.benchmarks = BM(5), .kind = KIND_EMPLOYER_ENCOUNTER,
		.encounters = MEETS(EMPLOYER) });
	uint32_t e = add_event(&s, fair, D(2025, 10, 16), 0, NULL);
	/* Four pupil premium pupils, one came; four others, all came. */
	for (int i = 0; i < 8; i++) {
		char name[] = "P0";
		name[1] = (char)('0' + i);
		bool pp = i < 4;
		uint32_t p = add_pupil(&s, (struct pupil_spec){ name, "7A", i % 2 ? 'M' : 'F',
			pp ? PUPIL_PP : 0, 2025, 7, 1, DATE_NONE });
		if (!pp || i == 0)
			present(&s, e, p);
	}
	/* A leaver is not counted. */
	add_pupil(&s, (struct pupil_spec){ "Gone", "7A", 'F', 0, 2025, 7, 1, D(2025, 12, 1) });
	school_finish(&s);

	struct benchmark_report r;
	compute(&s, D(2026, 3, 31), false, &r);
	const struct benchmark_row *row = find_row(&r, CRITERION_EMPLOYER_THIS_YEAR, 7);
	assert_int_equal(row->eligible, 8);
	assert_int_equal(row->met, 5);
	assert_int_equal(row->subgroups[SUBGROUP_PP].eligible, 4);
	assert_int_equal(row->subgroups[SUBGROUP_PP].met, 1);
	assert_int_equal(row->subgroups[SUBGROUP_GIRLS].eligible, 4);
	double gap;
	assert_true(benchmark_gap(row, SUBGROUP_PP, &gap));
	assert_true(gap == -75.0);
	assert_false(benchmark_gap(row, SUBGROUP_EAL, &gap));
	benchmark_report_free(&r);

	/* Before the leaver left, they count (and missed the fair). */
	compute(&s, D(2025, 11, 1), false, &r);
	assert_row(&r, CRITERION_EMPLOYER_THIS_YEAR, 7, 9, 5);
	benchmark_report_free(&r);
	mon_data_free(&s.d);
}

static void test_names(void **state)
{
	(void)state;
	enum benchmark_criterion c;
	static const char *const ids[CRITERION_COUNT] = {
		"bm2-ks3", "bm2-ks4", "bm2-ks5", "bm4-subjects", "bm5-year", "bm6-by-16",
		"bm6-hours-by-16", "bm6-by-18", "bm7-by-16", "bm7-he-visits", "bm8-by-16", "bm8-by-18",
	};
	for (int i = 0; i < CRITERION_COUNT; i++) {
		assert_true(benchmark_criterion_parse(ids[i], &c));
		assert_int_equal(c, i);
		assert_string_equal(benchmark_criterion_info(c)->id, ids[i]);
	}
	assert_false(benchmark_criterion_parse("bm9", &c));
	assert_int_equal(benchmark_criterion_info(CRITERION_WORKPLACE_HOURS_BY_16)->need, 50);
	assert_int_equal(benchmark_criterion_info(CRITERION_LMI_KS4)->year_groups, 1u << 10 | 1u << 11);
	assert_int_equal(benchmark_key_stage_of(9), KEY_STAGE_3);
	assert_int_equal(benchmark_key_stage_of(10), KEY_STAGE_4);
	assert_int_equal(benchmark_key_stage_of(13), KEY_STAGE_5);
	assert_int_equal(benchmark_key_stage_of(6), -1);
	assert_string_equal(benchmark_key_stage_name(KEY_STAGE_5), "KS5");
	assert_string_equal(benchmark_title(6), "Experiences of workplaces");
	assert_string_equal(benchmark_title(9), "?");
	enum benchmark_mode m;
	assert_true(benchmark_mode_parse("strict", &m));
	assert_int_equal(m, BENCHMARK_STRICT);
	assert_false(benchmark_mode_parse("lenient", &m));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lmi_in_the_current_key_stage),
		cmocka_unit_test(test_employer_encounter_this_year),
		cmocka_unit_test(test_workplaces_and_hours_by_16),
		cmocka_unit_test(test_workplace_by_18),
		cmocka_unit_test(test_providers_by_16),
		cmocka_unit_test(test_university_visits_for_pupils_considering_he),
		cmocka_unit_test(test_personal_guidance),
		cmocka_unit_test(test_curriculum_matrix),
		cmocka_unit_test(test_strict_and_banded_scores),
		cmocka_unit_test(test_checklist),
		cmocka_unit_test(test_subgroups_and_gaps),
		cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
