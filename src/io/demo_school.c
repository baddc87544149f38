#include "io/demo_school.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "domain/calendar.h"
#include "domain/pupil_ids.h"
#include "domain/provider_access.h"
#include "domain/timing.h"
#include "io/calendar_file.h"
#include "util/file.h"
#include "util/mem.h"
#include "util/random.h"
#include "util/strmap.h"

/* Names as English schools have them, accents and apostrophes included. */
static const char *const forenames_f[] = {
	"Olivia", "Amelia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Isabella", "Rosie", "Sophia",
	"Grace", "Freya", "Willow", "Emily", "Ella", "Poppy", "Evie", "Chloé", "Zoë", "Siân",
	"Aoife", "Niamh", "Gráinne", "Renée", "Noémie", "Zofia", "Maja", "Ioana", "Aisha",
	"Fatima", "Maryam", "Zainab", "Amira", "Priya", "Ananya", "Mei", "Hannah", "Chiamaka",
	"Adaeze", "Abigail", "Jessica", "Ruby", "Daisy", "Sienna", "Harper", "Imogen", "Nia",
	"Ffion", "Leah", "Jasmine",
};
static const char *const forenames_m[] = {
	"Noah", "Oliver", "George", "Arthur", "Muhammad", "Leo", "Harry", "Oscar", "Archie",
	"Henry", "Theodore", "Freddie", "Jack", "Charlie", "Theo", "Alfie", "Jacob", "Thomas",
	"Finley", "Lucas", "Seán", "Ciarán", "Łukasz", "Jakub", "Mateusz", "Tomasz", "Björn",
	"José", "André", "Mohammed", "Yusuf", "Ibrahim", "Omar", "Arjun", "Rohan", "Aarav",
	"Oluwaseun", "Chidi", "Kwame", "Kofi", "Daniel", "Samuel", "Joshua", "Ethan", "Reuben",
	"Rhys", "Dylan", "Callum", "Kai", "Nathan",
};
static const char *const surnames[] = {
	"Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas",
	"Johnson", "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards",
	"Hughes", "Green", "Hall", "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood",
	"Turner", "Martin", "Cooper", "Hill", "Ward", "Morris", "Moore", "Clark", "Lee", "King",
	"Baker", "Harrison", "Morgan", "Allen", "James", "Scott", "Phillips", "Watson", "Davis",
	"Parker", "Price", "Bennett", "Young", "Griffiths", "Mitchell", "Kelly", "Cook", "Carter",
	"Richardson", "Bailey", "Collins", "Bell", "Shaw", "Murphy", "Miller", "Cox", "Richards",
	"Khan", "Ahmed", "Ali", "Hussain", "Begum", "Singh", "Kaur", "Shah", "Chen", "Nguyen",
	"Okafor", "Adeyemi", "Mensah", "Osei", "Nowak", "Kowalski", "Wiśniewska", "Dąbrowski",
	"Popescu", "Öztürk", "Müller", "García", "Ferreira", "O'Brien", "O'Connor", "McCarthy",
	"Ní Bhriain", "Smith-Jones", "Da Silva", "Van der Berg",
};
static const char *const houses[] = { "Brunel", "Curie", "Seacole", "Turing" };

#define COUNT(a) (sizeof(a) / sizeof *(a))

struct demo_pupil {
	char upn[UPN_LENGTH + 1];
	char admission_number[8];
	char uln[ULN_LENGTH + 1];
	const char *forename, *surname;
	bool preferred;          /* goes by a short form of the forename */
	date_t date_of_birth;
	char gender;
	int year_group;
	char tutor_group[8];
	const char *house;
	char sen;
	bool pupil_premium, fsm, fsm6, eal, looked_after;
	date_t admitted, leaving; /* DATE_NONE: from the start, still on roll */
	double attendance;       /* how likely to turn up to a session */
	bool selected;           /* scratch, per selected activity */
};

struct demo_event {
	const struct activity *activity;
	date_t date;
	int year_group;          /* 0: all the activity's year groups */
	const char *subject;     /* a careers link's curriculum subject, or NULL */
};

struct generator {
	const struct programme *prog;
	const struct demo_options *opt;
	struct rng rng;
	struct school_calendar cal;
	struct demo_pupil *pupils;
	size_t pupil_count;
	struct demo_event *events;
	size_t event_count, event_cap;
	struct demo_summary *summary;
	const char *dir;
	struct buf path;
	struct buf *err;
};

static date_t ymd(int y, int m, int d)
{
	date_t out = DATE_NONE;
	date_from_ymd(y, m, d, &out);
	return out;
}

static const char *dir_path(struct generator *g, const char *name)
{
	buf_reset(&g->path);
	buf_printf(&g->path, "%s/%s", g->dir, name);
	return buf_str(&g->path);
}

/* ---- pupils ---- */

static void make_upn(struct generator *g, struct demo_pupil *p, struct strmap *used)
{
	/* Allocated by the pupil's first school: a few LAs, many primaries. */
	static const int las[] = { 886, 887, 845, 852, 919 };
	int entry_year = academic_year_of(p->date_of_birth) + 5; /* Reception */
	char rest[13];
	do {
		snprintf(rest, sizeof rest, "%03u%04u%02u%03u",
			 (unsigned)las[rng_below(&g->rng, COUNT(las))] % 1000u,
			 (2000u + rng_below(&g->rng, 400)) % 10000u, (unsigned)entry_year % 100u,
			 (1u + rng_below(&g->rng, 998)) % 1000u);
		p->upn[0] = upn_check_letter(rest);
		memcpy(p->upn + 1, rest, 12);
		p->upn[13] = '\0';
	} while (strmap_get(used, p->upn, &(size_t){ 0 }));
	strmap_put(used, p->upn, 1);
}

static void make_uln(struct generator *g, struct demo_pupil *p)
{
	char digits[10];
	int check;
	do {
		for (int i = 0; i < 9; i++)
			digits[i] = (char)('0' + (i == 0 ? 1 + rng_below(&g->rng, 9) : rng_below(&g->rng, 10)));
		digits[9] = '\0';
		check = uln_check_digit(digits);
	} while (check < 0);
	memcpy(p->uln, digits, 9);
	p->uln[9] = (char)('0' + check);
	p->uln[10] = '\0';
}

static double clamp(double v, double lo, double hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static void make_pupils(struct generator *g)
{
	long n = g->opt->students;
	g->pupil_count = (size_t)n;
	g->pupils = xcalloc((size_t)n, sizeof *g->pupils);
	/* Years 7-11 a sixth of the school each; the sixth form a tenth each. */
	static const double share[] = { 0.16, 0.16, 0.16, 0.16, 0.16, 0.10, 0.10 };
	size_t per_year[7], assigned = 0;
	for (int y = 0; y < 7; y++) {
		per_year[y] = (size_t)((double)n * share[y]);
		assigned += per_year[y];
	}
	per_year[0] += (size_t)n - assigned;
	int start = g->opt->start_year;
	date_t first = academic_year_first_day(start), last = academic_year_last_day(start);
	struct strmap used = STRMAP_INIT;
	size_t k = 0;
	for (int y = 0; y < 7; y++) {
		int year_group = 7 + y;
		size_t groups = (per_year[y] + 27) / 28;
		for (size_t i = 0; i < per_year[y]; i++, k++) {
			struct demo_pupil *p = &g->pupils[k];
			p->year_group = year_group;
			/* Born in the academic year that puts them in this year group. */
			int birth_year = start - year_group - 5;
			p->date_of_birth = ymd(birth_year, 9, 1) + (date_t)rng_below(&g->rng, 365);
			p->gender = rng_chance(&g->rng, 0.01) ? 'U' : rng_chance(&g->rng, 0.5) ? 'F' : 'M';
			p->forename = p->gender == 'F' || (p->gender == 'U' && rng_chance(&g->rng, 0.5))
					      ? forenames_f[rng_below(&g->rng, COUNT(forenames_f))]
					      : forenames_m[rng_below(&g->rng, COUNT(forenames_m))];
			p->surname = surnames[rng_below(&g->rng, COUNT(surnames))];
			p->preferred = rng_chance(&g->rng, 0.05);
			make_upn(g, p, &used);
			snprintf(p->admission_number, sizeof p->admission_number, "%06zu", 1000 + k);
			if (year_group >= 10)
				make_uln(g, p);
			/* 7A..7Z; a trust-sized year group runs on to 7AA..7ZZ. */
			size_t form = i % groups;
			if (groups <= 26)
				snprintf(p->tutor_group, sizeof p->tutor_group, "%u%c",
					 (unsigned)year_group % 100u, (char)('A' + form));
			else
				snprintf(p->tutor_group, sizeof p->tutor_group, "%u%c%c",
					 (unsigned)year_group % 100u, (char)('A' + form / 26 % 26),
					 (char)('A' + form % 26));
			p->house = houses[rng_below(&g->rng, COUNT(houses))];
			/* National proportions, roughly: PP a quarter, FSM most of
			 * them, SEN support 13%, EHC plans 3%, EAL 18%. */
			p->pupil_premium = rng_chance(&g->rng, 0.25);
			p->fsm = p->pupil_premium && rng_chance(&g->rng, 0.85);
			p->fsm6 = p->pupil_premium && rng_chance(&g->rng, 0.95);
			p->looked_after = rng_chance(&g->rng, 0.007);
			if (p->looked_after)
				p->pupil_premium = true;
			double s = rng_unit(&g->rng);
			p->sen = s < 0.03 ? 'E' : s < 0.16 ? 'K' : 'N';
			p->eal = rng_chance(&g->rng, 0.18);
			p->admitted = DATE_NONE;
			p->leaving = DATE_NONE;
			/* A few join or leave during the year. */
			if (rng_chance(&g->rng, 0.02))
				p->admitted = first + 40 + (date_t)rng_below(&g->rng, 150);
			else if (rng_chance(&g->rng, 0.02))
				p->leaving = first + 60 + (date_t)rng_below(&g->rng, 200);
			if (p->leaving != DATE_NONE && p->leaving > last)
				p->leaving = last;
			/* Disadvantaged pupils and those with SEN turn up less often:
			 * that is the gap the school's reports must show. */
			double a = 0.93 + (rng_unit(&g->rng) - 0.5) * 0.12;
			if (p->pupil_premium)
				a -= 0.07;
			if (p->sen == 'K')
				a -= 0.05;
			if (p->sen == 'E')
				a -= 0.08;
			if (p->year_group >= 12)
				a -= 0.04;
			p->attendance = clamp(a, 0.45, 0.995);
		}
	}
	strmap_free(&used);
	g->summary->pupils = n;
}

static bool on_roll(const struct demo_pupil *p, date_t d)
{
	return (p->admitted == DATE_NONE || d >= p->admitted) &&
	       (p->leaving == DATE_NONE || d <= p->leaving);
}

static bool write_roster(struct generator *g)
{
	struct atomic_file f;
	if (!atomic_file_open(&f, dir_path(g, "roster.csv"), g->err))
		return false;
	/* As SIMS writes a report: a title row, then the header. */
	fputs("Student List - Demo Academy\r\n\r\n", f.f);
	fputs("UPN,Adno,ULN,Legal Surname,Legal Forename,Preferred Forename,Date of Birth,Gender,"
	      "Year,Reg Group,House,SEN Status,Pupil Premium,FSM,Ever 6 FSM,EAL,In Care,"
	      "Date of Admission,Date of Leaving\r\n", f.f);
	date_t first = academic_year_first_day(g->opt->start_year);
	for (size_t i = 0; i < g->pupil_count; i++) {
		const struct demo_pupil *p = &g->pupils[i];
		int y, m, d;
		date_to_ymd(p->date_of_birth, &y, &m, &d);
		char preferred[16] = "";
		if (p->preferred) {
			/* The first three letters, for a pupil known as "Tom";
			 * letters, not bytes, so that "Zoë" stays whole. */
			size_t n = 0;
			for (int letters = 0; p->forename[n] && n < 12; n++)
				if (((unsigned char)p->forename[n] & 0xC0) != 0x80 && ++letters > 3)
					break;
			memcpy(preferred, p->forename, n);
			preferred[n] = '\0';
		}
		bool quote = strchr(p->surname, ' ') != NULL;
		fprintf(f.f, "%s,\"%s\",%s,%s%s%s,%s,%s,%02d/%02d/%04d,%c,Year %d,%s,%s,%s,%s,%s,%s,%s,%s,",
			p->upn, p->admission_number, p->uln, quote ? "\"" : "", p->surname,
			quote ? "\"" : "", p->forename, preferred, d, m, y, p->gender, p->year_group,
			p->tutor_group, p->house,
			p->sen == 'K' ? "K - SEN Support" : p->sen == 'E' ? "E - EHC Plan" : "N",
			p->pupil_premium ? "Y" : "N", p->fsm ? "Y" : "N", p->fsm6 ? "Y" : "N",
			p->eal ? "Y" : "N", p->looked_after ? "Yes" : "No");
		date_t admitted = p->admitted != DATE_NONE ? p->admitted : first - 365 * (p->year_group - 7) - 2;
		date_to_ymd(admitted, &y, &m, &d);
		fprintf(f.f, "%02d/%02d/%04d,", d, m, y);
		if (p->leaving != DATE_NONE) {
			date_to_ymd(p->leaving, &y, &m, &d);
			fprintf(f.f, "%02d/%02d/%04d\r\n", d, m, y);
		} else {
			fputs("06/06/2079\r\n", f.f);
		}
	}
	return atomic_file_commit(&f, g->err);
}

/* ---- the calendar ---- */

static void make_calendar(struct generator *g)
{
	calendar_init(&g->cal, g->opt->start_year);
	calendar_template(&g->cal, 3);
	const struct term *t1 = calendar_term(&g->cal, 1), *t2 = calendar_term(&g->cal, 2);
	/* The fair on the Thursday of the sixth week of term; the options
	 * deadline on the first Friday of March. Other named dates, which
	 * another programme may declare, go mid-way through term 2. */
	date_t week6 = date_week_monday(t1->start) + 35;
	date_t fair = week6 + 3;
	date_t options = ymd(g->opt->start_year + 1, 3, 1);
	while (date_weekday(options) != WEEKDAY_FRIDAY)
		options++;
	for (size_t i = 0; i < g->prog->date_name_count; i++) {
		const char *name = g->prog->date_names[i].name;
		date_t d = strcmp(name, "careers-fair") == 0 ? fair
			 : strcmp(name, "options-deadline") == 0 ? options
			 : t2->start + 28 + (date_t)i;
		calendar_set_named_date(&g->cal, name, d);
	}
}

static bool write_calendar(struct generator *g)
{
	struct buf text = BUF_INIT;
	calendar_write_yaml(&g->cal, "The demo school's calendar (generated by `waymark demo`).",
			    &text);
	bool ok = file_write_atomic(dir_path(g, "calendar.yaml"), text.data, text.len, g->err);
	buf_free(&text);
	return ok;
}

/* ---- events ---- */

static void add_event_for(struct generator *g, const struct activity *a, date_t d,
			  int year_group, const char *subject)
{
	for (size_t i = 0; i < g->event_count; i++)
		if (g->events[i].activity == a && g->events[i].date == d &&
		    g->events[i].year_group == year_group)
			return;
	ARRAY_RESERVE(g->events, g->event_cap, g->event_count + 1);
	g->events[g->event_count++] = (struct demo_event){ a, d, year_group, subject };
}

static void add_event(struct generator *g, const struct activity *a, date_t d)
{
	add_event_for(g, a, d, 0, NULL);
}

/* Careers links within the curriculum: a session in every subject for every
 * year group, each on its own day so that registers can tell them apart. */
static void schedule_curriculum_links(struct generator *g, const struct activity *a,
				      const date_t *candidates, size_t n)
{
	size_t subjects = g->prog->subject_count;
	for (int y = YEAR_GROUP_FIRST; y <= YEAR_GROUP_LAST; y++) {
		if (!((a->year_groups >> y) & 1))
			continue;
		size_t stride = n / subjects ? n / subjects : 1;
		for (size_t k = 0; k < subjects; k++) {
			size_t i = k * stride + rng_below(&g->rng, (uint32_t)stride);
			add_event_for(g, a, candidates[i < n ? i : n - 1], y, g->prog->subjects[k]);
		}
	}
}

static date_t first_session(const struct generator *g, const char *activity_id)
{
	date_t first = DATE_NONE;
	for (size_t i = 0; i < g->event_count; i++)
		if (strcmp(g->events[i].activity->id, activity_id) == 0 &&
		    (first == DATE_NONE || g->events[i].date < first))
			first = g->events[i].date;
	return first;
}

static bool scheduled(const struct generator *g, const struct activity *a)
{
	for (size_t i = 0; i < g->event_count; i++)
		if (g->events[i].activity == a)
			return true;
	return false;
}

enum { MAX_CANDIDATES = 366 };

/* A school that runs a Provider Access activity wants it to count: keep
 * the dates inside the window of every year group it is for (Years 9, 11
 * and 13 count September to February only), unless that leaves none. */
static size_t provider_access_dates(const struct activity *a, date_t *candidates, size_t n)
{
	if (!a->provider_access)
		return n;
	size_t kept = 0;
	for (size_t i = 0; i < n; i++) {
		bool counts = true;
		for (int y = YEAR_GROUP_FIRST; y <= YEAR_GROUP_LAST; y++)
			if (((a->year_groups >> y) & 1) && provider_access_phase(y) &&
			    !provider_access_in_window(y, candidates[i]))
				counts = false;
		if (counts)
			candidates[kept++] = candidates[i];
	}
	return kept ? kept : n;
}

static void schedule(struct generator *g, const struct activity *a)
{
	date_t candidates[MAX_CANDIDATES];
	const struct timing_rule *t = &a->timing;
	static const struct timing_rule any_day = { 0 };
	date_t before = t->before_activity ? first_session(g, t->before_activity) : DATE_NONE;
	date_t named = calendar_named_date(&g->cal, a->id);
	if (named != DATE_NONE) {
		/* An activity named like a date (the careers fair) is on it. */
		add_event(g, a, named);
		return;
	}
	size_t n = timing_candidate_dates(t, &g->cal, before, candidates, MAX_CANDIDATES);
	if (n > MAX_CANDIDATES)
		n = MAX_CANDIDATES;
	n = provider_access_dates(a, candidates, n);
	if (n == 0) {
		/* No date meets the rule: still run it, and say so. */
		g->summary->unscheduled++;
		n = timing_candidate_dates(&any_day, &g->cal, DATE_NONE, candidates, MAX_CANDIDATES);
		if (n > MAX_CANDIDATES)
			n = MAX_CANDIDATES;
		t = &any_day;
		if (n == 0)
			return;
	}
	if (((a->benchmarks >> 4) & 1) && !a->subject_count && g->prog->subject_count &&
	    a->cohort == COHORT_ALL && t->recurs == RECUR_ONCE) {
		schedule_curriculum_links(g, a, candidates, n);
	} else if (t->recurs == RECUR_WEEKLY) {
		for (size_t i = 0; i < n; i++)
			add_event(g, a, candidates[i]);
	} else if (t->recurs == RECUR_TERMLY) {
		for (size_t i = 0; i < n; i++) {
			const struct term *term = calendar_term_of(&g->cal, candidates[i]);
			if (i == 0 || calendar_term_of(&g->cal, candidates[i - 1]) != term)
				add_event(g, a, candidates[i]);
		}
	} else if (t->consecutive && a->sessions > 1) {
		/* The first run of consecutive school days long enough. */
		for (size_t i = 0; i + (size_t)a->sessions <= n; i++) {
			bool run = true;
			for (int k = 1; k < a->sessions && run; k++)
				run = candidates[i + (size_t)k] ==
				      calendar_next_school_day(&g->cal, candidates[i + (size_t)k - 1]);
			if (run) {
				for (int k = 0; k < a->sessions; k++)
					add_event(g, a, candidates[i + (size_t)k]);
				return;
			}
		}
		g->summary->unscheduled++;
		for (int k = 0; k < a->sessions && (size_t)k < n; k++)
			add_event(g, a, candidates[k]);
	} else {
		/* Spread the sessions over the dates the rule allows. */
		size_t sessions = (size_t)a->sessions;
		size_t stride = n / sessions ? n / sessions : 1;
		for (size_t k = 0; k < sessions; k++) {
			size_t i = k * stride + rng_below(&g->rng, (uint32_t)stride);
			add_event(g, a, candidates[i < n ? i : n - 1]);
		}
	}
}

static int compare_events(const void *x, const void *y)
{
	const struct demo_event *a = x, *b = y;
	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	int c = strcmp(a->activity->id, b->activity->id);
	return c ? c : a->year_group - b->year_group;
}

static void make_events(struct generator *g)
{
	/* Activities that must come before another are scheduled first: keep
	 * going round until nothing waits on an unscheduled activity. */
	size_t count = g->prog->activity_count;
	for (size_t pass = 0; pass <= count; pass++) {
		bool progress = false;
		for (size_t i = 0; i < count; i++) {
			const struct activity *a = &g->prog->activities[i];
			if (a->retired || scheduled(g, a))
				continue;
			const struct activity *dep = a->timing.before_activity
				? programme_find_activity(g->prog, a->timing.before_activity) : NULL;
			if (dep && !scheduled(g, dep) && pass < count)
				continue;
			schedule(g, a);
			progress = true;
		}
		if (!progress)
			break;
	}
	qsort(g->events, g->event_count, sizeof *g->events, compare_events);
	g->summary->events = (long)g->event_count;
}

static bool write_events(struct generator *g)
{
	struct atomic_file f;
	if (!atomic_file_open(&f, dir_path(g, "events.csv"), g->err))
		return false;
	fputs("Activity,Date,Year Group,Subject\r\n", f.f);
	char iso[DATE_ISO_LEN];
	for (size_t i = 0; i < g->event_count; i++) {
		const struct demo_event *e = &g->events[i];
		fprintf(f.f, "%s,%s,", e->activity->id, date_format_iso(e->date, iso));
		if (e->year_group)
			fprintf(f.f, "%d", e->year_group);
		fprintf(f.f, ",%s\r\n", e->subject ? e->subject : "");
	}
	return atomic_file_commit(&f, g->err);
}

/* ---- selections and registers ---- */

/* A seed per activity, so each selected activity has its own selection and
 * every event of it the same one. */
static uint64_t activity_seed(const struct generator *g, const struct activity *a)
{
	uint64_t h = g->opt->seed ^ 0x5e1ec7ULL;
	for (const char *p = a->id; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	return h;
}

static void select_pupils(struct generator *g, const struct activity *a)
{
	for (size_t i = 0; i < g->pupil_count; i++) {
		struct demo_pupil *p = &g->pupils[i];
		/* Schools pick the keen and the ones who need it: about one in
		 * six of the year group. */
		p->selected = ((a->year_groups >> p->year_group) & 1) && rng_chance(&g->rng, 0.16);
	}
}

static bool write_selection(struct generator *g, const struct activity *a)
{
	struct buf name = BUF_INIT;
	buf_printf(&name, "selections/%s.csv", a->id);
	struct atomic_file f;
	bool ok = atomic_file_open(&f, dir_path(g, buf_str(&name)), g->err);
	buf_free(&name);
	if (!ok)
		return false;
	fputs("UPN\r\n", f.f);
	for (size_t i = 0; i < g->pupil_count; i++)
		if (g->pupils[i].selected)
			fprintf(f.f, "%s\r\n", g->pupils[i].upn);
	g->summary->selections++;
	return atomic_file_commit(&f, g->err);
}

static bool write_registers(struct generator *g)
{
	struct atomic_file f;
	if (!atomic_file_open(&f, dir_path(g, "registers.csv"), g->err))
		return false;
	fputs("Activity,Date,UPN,Attendance\r\n", f.f);
	char iso[DATE_ISO_LEN];
	const struct activity *selection_for = NULL;
	for (size_t e = 0; e < g->event_count; e++) {
		const struct demo_event *ev = &g->events[e];
		const struct activity *a = ev->activity;
		if (ev->date > g->opt->as_of)
			continue;
		g->summary->events_held++;
		if (a->cohort == COHORT_SELECTED && selection_for != a) {
			/* The same selection for every event of the activity. */
			struct rng saved = g->rng;
			rng_seed(&g->rng, activity_seed(g, a));
			select_pupils(g, a);
			g->rng = saved;
			selection_for = a;
		}
		date_format_iso(ev->date, iso);
		for (size_t i = 0; i < g->pupil_count; i++) {
			const struct demo_pupil *p = &g->pupils[i];
			if (!((a->year_groups >> p->year_group) & 1) || !on_roll(p, ev->date) ||
			    (ev->year_group && ev->year_group != p->year_group))
				continue;
			const char *mark;
			if (a->cohort == COHORT_INVITED) {
				if (!rng_chance(&g->rng, 0.3 * p->attendance))
					continue;
				mark = "Present";
			} else {
				if (a->cohort == COHORT_SELECTED && !p->selected)
					continue;
				mark = rng_chance(&g->rng, p->attendance) ? "Present"
				       : rng_chance(&g->rng, 0.15) ? "Excused" : "Absent";
			}
			fprintf(f.f, "%s,%s,%s,%s\r\n", a->id, iso, p->upn, mark);
			g->summary->register_rows++;
		}
	}
	return atomic_file_commit(&f, g->err);
}

/* ---- intentions and guidance (Benchmarks 7 and 8) ---- */

/* Their own random stream, so that the files above stay as they were. */
static uint64_t records_seed(const struct generator *g)
{
	return g->opt->seed ^ 0x6a1dace5ULL;
}

static bool write_intentions(struct generator *g, struct rng *rng)
{
	struct atomic_file f;
	if (!atomic_file_open(&f, dir_path(g, "intentions.csv"), g->err))
		return false;
	fputs("UPN,Considering HE\r\n", f.f);
	for (size_t i = 0; i < g->pupil_count; i++) {
		const struct demo_pupil *p = &g->pupils[i];
		if (p->year_group < 12)
			continue;
		bool he = rng_chance(rng, 0.45);
		fprintf(f.f, "%s,%s\r\n", p->upn, he ? "Yes" : "No");
		g->summary->intentions++;
		g->summary->considering_he += he;
	}
	return atomic_file_commit(&f, g->err);
}

/* Meetings on school days from the start of the year to as_of. */
static bool write_guidance(struct generator *g, struct rng *rng)
{
	struct atomic_file f;
	if (!atomic_file_open(&f, dir_path(g, "guidance.csv"), g->err))
		return false;
	fputs("UPN,Date,Adviser,External\r\n", f.f);
	date_t days[MAX_CANDIDATES];
	size_t n = 0;
	date_t last = academic_year_last_day(g->opt->start_year);
	if (g->opt->as_of < last)
		last = g->opt->as_of;
	for (date_t d = academic_year_first_day(g->opt->start_year); d <= last && n < MAX_CANDIDATES;
	     d++)
		if (calendar_is_school_day(&g->cal, d))
			days[n++] = d;
	char iso[DATE_ISO_LEN];
	for (size_t i = 0; n && i < g->pupil_count; i++) {
		const struct demo_pupil *p = &g->pupils[i];
		if (p->year_group != 11 && p->year_group != 13)
			continue;
		/* The strategy: two thirds by the external Level 6 adviser,
		 * one third by the careers leader. */
		bool meets = rng_chance(rng, 2.0 / 3.0);
		date_t d = days[rng_below(rng, (uint32_t)n)];
		bool external = rng_chance(rng, 2.0 / 3.0);
		if (!meets || !on_roll(p, d))
			continue;
		fprintf(f.f, "%s,%s,%s,%s\r\n", p->upn, date_format_iso(d, iso),
			external ? "Jo Okafor" : "Careers Leader", external ? "Yes" : "No");
		g->summary->guidance_meetings++;
	}
	return atomic_file_commit(&f, g->err);
}

static bool make_directory(const char *path, struct buf *err)
{
	if (mkdir(path, 0700) == 0 || errno == EEXIST)
		return true;
	buf_printf(err, "cannot create %s: %s", path, strerror(errno));
	return false;
}

bool demo_write(const struct programme *prog, const struct demo_options *opt,
		const char *dir, struct demo_summary *summary, struct buf *err)
{
	*summary = (struct demo_summary){ 0 };
	struct generator g = { .prog = prog, .opt = opt, .summary = summary, .dir = dir,
			       .path = BUF_INIT, .err = err };
	rng_seed(&g.rng, opt->seed);
	bool ok = make_directory(dir, err) && make_directory(dir_path(&g, "selections"), err);
	if (ok) {
		make_pupils(&g);
		make_calendar(&g);
		make_events(&g);
		ok = write_roster(&g) && write_calendar(&g) && write_events(&g);
	}
	for (size_t i = 0; ok && i < prog->activity_count; i++) {
		const struct activity *a = &prog->activities[i];
		if (a->retired || a->cohort != COHORT_SELECTED)
			continue;
		struct rng saved = g.rng;
		rng_seed(&g.rng, activity_seed(&g, a));
		select_pupils(&g, a);
		g.rng = saved;
		ok = write_selection(&g, a);
	}
	if (ok)
		ok = write_registers(&g);
	if (ok) {
		struct rng rng;
		rng_seed(&rng, records_seed(&g));
		ok = write_intentions(&g, &rng) && write_guidance(&g, &rng);
	}
	free(g.pupils);
	free(g.events);
	calendar_free(&g.cal);
	buf_free(&g.path);
	return ok;
}
