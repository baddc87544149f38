#include "io/demo_school.h"

#include <assert.h>
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
	char uln[ULN_LENGTH + 1];  /* empty until Year 10 */
	const char *forename, *surname;
	bool preferred;          /* goes by a short form of the forename */
	date_t date_of_birth;
	char gender;
	int year_group;
	size_t form;             /* the tutor group: 0 is 7A, 1 is 7B... */
	const char *house;
	char sen;
	bool pupil_premium, fsm, fsm6, eal, looked_after;
	date_t admission_date;   /* the roster's Date of Admission to the school */
	date_t admitted, leaving; /* this year; DATE_NONE: from the start, still on roll */
	double attendance_base;  /* how likely to turn up, before the gaps below */
	double attendance;       /* how likely to turn up to a session */
	signed char considering_he; /* -1 until they are in the sixth form */
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
	struct rng records;      /* intentions and guidance: a stream of their own */
	int start_year;          /* the academic year being written */
	date_t as_of;            /* its registers and meetings stop here */
	int years_after;         /* how many years of the demo follow it */
	struct school_calendar cal;
	struct demo_pupil *pupils; /* this year's, by year group */
	size_t pupil_count;
	size_t forms[YEAR_GROUP_LAST + 1]; /* tutor groups per year group this year */
	struct strmap upns;      /* every UPN handed out, in any year */
	size_t admissions;       /* admission numbers handed out */
	struct demo_event *events;
	size_t event_count, event_cap;
	struct demo_year_summary *summary;
	const char *dir;         /* this year's directory */
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

static void make_upn(struct generator *g, struct demo_pupil *p)
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
	} while (strmap_get(&g->upns, p->upn, &(size_t){ 0 }));
	strmap_put(&g->upns, p->upn, 1);
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

/* Years 7-11 a sixth of the school each; the sixth form a tenth each. */
static void year_group_sizes(long students, size_t per_year[7])
{
	static const double share[] = { 0.16, 0.16, 0.16, 0.16, 0.16, 0.10, 0.10 };
	size_t assigned = 0;
	for (int y = 0; y < 7; y++) {
		per_year[y] = (size_t)((double)students * share[y]);
		assigned += per_year[y];
	}
	per_year[0] += (size_t)students - assigned;
}

/* A new pupil in year_group of the year being written: everything but
 * their tutor group, their dates and how often they turn up. */
static void make_pupil(struct generator *g, struct demo_pupil *p, int year_group)
{
	*p = (struct demo_pupil){ .year_group = year_group, .considering_he = -1 };
	/* Born in the academic year that puts them in this year group. */
	int birth_year = g->start_year - year_group - 5;
	p->date_of_birth = ymd(birth_year, 9, 1) + (date_t)rng_below(&g->rng, 365);
	p->gender = rng_chance(&g->rng, 0.01) ? 'U' : rng_chance(&g->rng, 0.5) ? 'F' : 'M';
	p->forename = p->gender == 'F' || (p->gender == 'U' && rng_chance(&g->rng, 0.5))
			      ? forenames_f[rng_below(&g->rng, COUNT(forenames_f))]
			      : forenames_m[rng_below(&g->rng, COUNT(forenames_m))];
	p->surname = surnames[rng_below(&g->rng, COUNT(surnames))];
	p->preferred = rng_chance(&g->rng, 0.05);
	make_upn(g, p);
	snprintf(p->admission_number, sizeof p->admission_number, "%06zu", 1000 + g->admissions++);
	if (year_group >= 10)
		make_uln(g, p);
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
}

/* Disadvantaged pupils and those with SEN turn up less often: that is the
 * gap the school's reports must show. */
static void set_attendance(struct demo_pupil *p)
{
	double a = p->attendance_base;
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

static void make_attendance(struct generator *g, struct demo_pupil *p)
{
	p->attendance_base = 0.93 + (rng_unit(&g->rng) - 0.5) * 0.12;
	set_attendance(p);
}

/* A few leave during the year. */
static void maybe_leave(struct generator *g, struct demo_pupil *p)
{
	if (!rng_chance(&g->rng, 0.02))
		return;
	date_t first = academic_year_first_day(g->start_year);
	date_t last = academic_year_last_day(g->start_year);
	p->leaving = first + 60 + (date_t)rng_below(&g->rng, 200);
	if (p->leaving > last)
		p->leaving = last;
}

/* The school in the first year of the demo. */
static void make_pupils(struct generator *g)
{
	long n = g->opt->students;
	g->pupil_count = (size_t)n;
	g->pupils = xcalloc((size_t)n, sizeof *g->pupils);
	size_t per_year[7];
	year_group_sizes(n, per_year);
	date_t first = academic_year_first_day(g->start_year);
	size_t k = 0;
	for (int y = 0; y < 7; y++) {
		int year_group = 7 + y;
		size_t groups = (per_year[y] + 27) / 28;
		g->forms[year_group] = groups;
		for (size_t i = 0; i < per_year[y]; i++, k++) {
			struct demo_pupil *p = &g->pupils[k];
			make_pupil(g, p, year_group);
			p->form = i % groups;
			/* A few join or leave during the year. */
			if (rng_chance(&g->rng, 0.02))
				p->admitted = first + 40 + (date_t)rng_below(&g->rng, 150);
			else
				maybe_leave(g, p);
			/* The rest joined in Year 7 or before the year began. */
			p->admission_date = p->admitted != DATE_NONE
						    ? p->admitted : first - 365 * (year_group - 7) - 2;
			make_attendance(g, p);
		}
	}
	g->summary->pupils = n;
}

/* Of Year 11, the share who stay on into the sixth form (the rest go to
 * college, an apprenticeship or another sixth form); of the other year
 * groups, the share still there in September. */
static const double SIXTH_FORM_STAYS = 0.55, STAYS_OVER_SUMMER = 0.97;
/* The share of a year group who join during the year. */
static const double JOINS_IN_YEAR = 0.02;

/* A pupil of last year in their new year group. Circumstances change over
 * the summer: a few become eligible for the Pupil Premium (with free school
 * meals, and so Ever 6), a few no longer get free meals, a few are found to
 * need SEN support, and some of those on it need an EHC plan or no longer
 * need support. */
static void move_up_pupil(struct generator *g, struct demo_pupil *p)
{
	p->year_group++;
	p->admitted = DATE_NONE;
	p->leaving = DATE_NONE;
	if (p->year_group >= 10 && !p->uln[0])
		make_uln(g, p);
	if (!p->pupil_premium && rng_chance(&g->rng, 0.03))
		p->pupil_premium = p->fsm = p->fsm6 = true;
	else if (p->fsm && rng_chance(&g->rng, 0.05))
		p->fsm = false;
	if (p->sen == 'N' && rng_chance(&g->rng, 0.02))
		p->sen = 'K';
	else if (p->sen == 'K' && rng_chance(&g->rng, 0.10))
		p->sen = rng_chance(&g->rng, 0.2) ? 'E' : 'N';
	set_attendance(p);
}

/* September: last year's pupils move up a year group, Year 13 and those
 * who go elsewhere leave, and others join: Years 8-13 are topped up to
 * their usual size, and the new Year 7 brings the school to its size. */
static void move_up(struct generator *g)
{
	struct demo_pupil *old = g->pupils;
	size_t old_count = g->pupil_count;
	bool *stays = xcalloc(old_count ? old_count : 1, sizeof *stays);
	size_t stay_in[YEAR_GROUP_LAST + 1] = { 0 };  /* by their new year group */
	for (size_t i = 0; i < old_count; i++) {
		const struct demo_pupil *p = &old[i];
		if (p->leaving != DATE_NONE)
			continue;  /* left during the year: not on the roster's books */
		if (p->year_group < YEAR_GROUP_LAST)
			stays[i] = rng_chance(&g->rng, p->year_group == 11 ? SIXTH_FORM_STAYS
									   : STAYS_OVER_SUMMER);
		if (stays[i])
			stay_in[p->year_group + 1]++;
		else
			g->summary->left++;
	}

	size_t per_year[7];
	year_group_sizes(g->opt->students, per_year);
	size_t older = 0;
	for (int y = YEAR_GROUP_FIRST + 1; y <= YEAR_GROUP_LAST; y++) {
		size_t usual = per_year[y - YEAR_GROUP_FIRST];
		older += stay_in[y] > usual ? stay_in[y] : usual;
	}
	per_year[0] = (size_t)g->opt->students > older ? (size_t)g->opt->students - older : 0;
	date_t first = academic_year_first_day(g->start_year);
	g->pupils = NULL;
	g->pupil_count = 0;
	size_t cap = 0;
	for (int year_group = YEAR_GROUP_FIRST; year_group <= YEAR_GROUP_LAST; year_group++) {
		size_t begin = g->pupil_count;
		for (size_t i = 0; i < old_count; i++) {
			if (!stays[i] || old[i].year_group != year_group - 1)
				continue;
			ARRAY_RESERVE(g->pupils, cap, g->pupil_count + 1);
			struct demo_pupil *p = &g->pupils[g->pupil_count++];
			*p = old[i];
			move_up_pupil(g, p);
			maybe_leave(g, p);
			g->summary->promoted++;
		}
		/* Newcomers fill the year group up to its size, a few of them
		 * during the year. */
		size_t stayed = g->pupil_count - begin;
		size_t target = per_year[year_group - YEAR_GROUP_FIRST], in_year = 0;
		size_t room = target > stayed ? target - stayed : 0;
		for (size_t i = 0; i < target; i++)
			in_year += (size_t)rng_chance(&g->rng, JOINS_IN_YEAR);
		if (in_year > room)
			in_year = room;
		size_t at_start = room - in_year;
		for (size_t i = 0; i < at_start + in_year; i++) {
			ARRAY_RESERVE(g->pupils, cap, g->pupil_count + 1);
			struct demo_pupil *p = &g->pupils[g->pupil_count++];
			make_pupil(g, p, year_group);
			if (i >= at_start) {
				p->admitted = first + 40 + (date_t)rng_below(&g->rng, 150);
				p->admission_date = p->admitted;
			} else {
				/* Year 7 starts together; others were admitted over
				 * the summer. */
				p->admission_date = year_group == YEAR_GROUP_FIRST
							    ? first - 2
							    : first - 1 - (date_t)rng_below(&g->rng, 20);
				maybe_leave(g, p);
			}
			make_attendance(g, p);
			g->summary->joined++;
		}
		/* Forms move up together; the sixth form and newcomers are
		 * put in forms afresh. */
		size_t count = g->pupil_count - begin;
		size_t groups = (count + 27) / 28;
		g->forms[year_group] = groups;
		for (size_t i = 0; i < count; i++) {
			struct demo_pupil *p = &g->pupils[begin + i];
			bool new_form = i >= stayed || year_group == 12;
			p->form = new_form ? i % groups : p->form % groups;
		}
	}
	free(stays);
	free(old);
	g->summary->pupils = (long)g->pupil_count;
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
		/* 7A..7Z; a trust-sized year group runs on to 7AA..7ZZ. */
		char tutor_group[8];
		if (g->forms[p->year_group] <= 26)
			snprintf(tutor_group, sizeof tutor_group, "%u%c",
				 (unsigned)p->year_group % 100u, (char)('A' + p->form));
		else
			snprintf(tutor_group, sizeof tutor_group, "%u%c%c",
				 (unsigned)p->year_group % 100u, (char)('A' + p->form / 26 % 26),
				 (char)('A' + p->form % 26));
		bool quote = strchr(p->surname, ' ') != NULL;
		fprintf(f.f, "%s,\"%s\",%s,%s%s%s,%s,%s,%02d/%02d/%04d,%c,Year %d,%s,%s,%s,%s,%s,%s,%s,%s,",
			p->upn, p->admission_number, p->uln, quote ? "\"" : "", p->surname,
			quote ? "\"" : "", p->forename, preferred, d, m, y, p->gender, p->year_group,
			tutor_group, p->house,
			p->sen == 'K' ? "K - SEN Support" : p->sen == 'E' ? "E - EHC Plan" : "N",
			p->pupil_premium ? "Y" : "N", p->fsm ? "Y" : "N", p->fsm6 ? "Y" : "N",
			p->eal ? "Y" : "N", p->looked_after ? "Yes" : "No");
		date_to_ymd(p->admission_date, &y, &m, &d);
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
	calendar_init(&g->cal, g->start_year);
	calendar_template(&g->cal, 3);
	const struct term *t1 = calendar_term(&g->cal, 1), *t2 = calendar_term(&g->cal, 2);
	/* The fair on the Thursday of the sixth week of term; the options
	 * deadline on the first Friday of March. Other named dates, which
	 * another programme may declare, go mid-way through term 2. */
	date_t week6 = date_week_monday(t1->start) + 35;
	date_t fair = week6 + 3;
	date_t options = ymd(g->start_year + 1, 3, 1);
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

/* A seed per activity and year, so each selected activity has its own
 * selection and every event of it the same one. */
static uint64_t activity_seed(const struct generator *g, const struct activity *a)
{
	uint64_t h = g->opt->seed ^ 0x5e1ec7ULL ^ (uint64_t)g->years_after * 0x9e3779b97f4a7c15ULL;
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
		if (ev->date > g->as_of)
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

/* Sixth formers mostly keep their mind from Year 12 to Year 13. */
static bool write_intentions(struct generator *g, struct rng *rng)
{
	struct atomic_file f;
	if (!atomic_file_open(&f, dir_path(g, "intentions.csv"), g->err))
		return false;
	fputs("UPN,Considering HE\r\n", f.f);
	for (size_t i = 0; i < g->pupil_count; i++) {
		struct demo_pupil *p = &g->pupils[i];
		if (p->year_group < 12)
			continue;
		bool he;
		if (p->considering_he < 0)
			he = rng_chance(rng, 0.45);
		else  /* one in ten changes their mind */
			he = rng_chance(rng, 0.1) ? !p->considering_he : p->considering_he;
		p->considering_he = he;
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
	date_t last = academic_year_last_day(g->start_year);
	if (g->as_of < last)
		last = g->as_of;
	for (date_t d = academic_year_first_day(g->start_year); d <= last && n < MAX_CANDIDATES;
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

void demo_year_directory(int start_year, char out[8])
{
	academic_year_format(start_year, out);
	char *slash = strchr(out, '/');
	if (slash)
		*slash = '-';
}

/* One academic year's files, for the pupils of that year. */
static bool write_year(struct generator *g)
{
	if (!make_directory(g->dir, g->err) || !make_directory(dir_path(g, "selections"), g->err))
		return false;
	make_calendar(g);
	make_events(g);
	bool ok = write_roster(g) && write_calendar(g) && write_events(g);
	for (size_t i = 0; ok && i < g->prog->activity_count; i++) {
		const struct activity *a = &g->prog->activities[i];
		if (a->retired || a->cohort != COHORT_SELECTED)
			continue;
		struct rng saved = g->rng;
		rng_seed(&g->rng, activity_seed(g, a));
		select_pupils(g, a);
		g->rng = saved;
		ok = write_selection(g, a);
	}
	if (ok)
		ok = write_registers(g);
	if (ok)
		ok = write_intentions(g, &g->records) && write_guidance(g, &g->records);
	free(g->events);
	g->events = NULL;
	g->event_count = g->event_cap = 0;
	calendar_free(&g->cal);
	return ok;
}

bool demo_write(const struct programme *prog, const struct demo_options *opt,
		const char *dir, struct demo_summary *summary, struct buf *err)
{
	assert(opt->years >= 1 && opt->years <= DEMO_YEARS_MAX);
	*summary = (struct demo_summary){ .years = opt->years };
	struct generator g = { .prog = prog, .opt = opt, .upns = STRMAP_INIT, .path = BUF_INIT,
			       .err = err };
	rng_seed(&g.rng, opt->seed);
	rng_seed(&g.records, records_seed(&g));
	struct buf year_dir = BUF_INIT;
	bool ok = opt->years == 1 || make_directory(dir, err);
	for (int k = 0; ok && k < opt->years; k++) {
		g.start_year = opt->start_year - (opt->years - 1 - k);
		g.years_after = opt->years - 1 - k;
		g.as_of = opt->as_of;
		if (g.years_after && academic_year_last_day(g.start_year) < g.as_of)
			g.as_of = academic_year_last_day(g.start_year);
		g.summary = &summary->year[k];
		g.summary->start_year = g.start_year;
		g.summary->as_of = g.as_of;
		if (opt->years == 1) {
			g.dir = dir;
		} else {
			char name[8];
			demo_year_directory(g.start_year, name);
			buf_reset(&year_dir);
			buf_printf(&year_dir, "%s/%s", dir, name);
			g.dir = buf_str(&year_dir);
		}
		if (k == 0)
			make_pupils(&g);
		else
			move_up(&g);
		ok = write_year(&g);
	}
	free(g.pupils);
	strmap_free(&g.upns);
	buf_free(&year_dir);
	buf_free(&g.path);
	return ok;
}
