#include "domain/programme.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"
#include "util/mem.h"

void programme_init(struct programme *p)
{
	*p = (struct programme){ .format_version = PROGRAMME_FORMAT_VERSION };
}

void programme_free(struct programme *p)
{
	free(p->activities);
	free(p->date_names);
	arena_free(&p->arena);
	memset(p, 0, sizeof *p);
}

struct activity *programme_add_activity(struct programme *p)
{
	ARRAY_RESERVE(p->activities, p->activity_cap, p->activity_count + 1);
	struct activity *a = &p->activities[p->activity_count++];
	*a = (struct activity){ .sessions = 1 };
	return a;
}

const struct activity *programme_find_activity(const struct programme *p,
					       const char *id)
{
	for (size_t i = 0; i < p->activity_count; i++)
		if (strcmp(p->activities[i].id, id) == 0)
			return &p->activities[i];
	return NULL;
}

bool programme_has_date_name(const struct programme *p, const char *name)
{
	for (size_t i = 0; i < p->date_name_count; i++)
		if (strcmp(p->date_names[i].name, name) == 0)
			return true;
	return false;
}

const char *programme_subject(const struct programme *p, const char *name)
{
	for (size_t i = 0; i < p->subject_count; i++)
		if (strcasecmp(p->subjects[i], name) == 0)
			return p->subjects[i];
	return NULL;
}

static void check_date_reference(const struct programme *p, const struct activity *a,
				 const char *key, const char *name,
				 struct diag_list *diags)
{
	if (name && !programme_has_date_name(p, name))
		diag_error(diags, a->line, a->column,
			   "activity %s: timing `%s: %s` names a date the programme does not declare: add `%s` under `dates`",
			   a->id, key, name, name);
}

static void check_activity(const struct programme *p, size_t index,
			   struct diag_list *diags)
{
	const struct activity *a = &p->activities[index];
	const struct timing_rule *t = &a->timing;

	for (size_t j = 0; j < index; j++)
		if (strcmp(p->activities[j].id, a->id) == 0)
			diag_error(diags, a->line, a->column,
				   "duplicate activity id %s (first defined at line %d): ids must be unique",
				   a->id, p->activities[j].line);

	check_date_reference(p, a, "before", t->before, diags);
	check_date_reference(p, a, "after", t->after, diags);
	check_date_reference(p, a, "before_week_leading_up_to",
			     t->before_week_leading_up_to, diags);

	if (t->before_activity) {
		const struct activity *other = programme_find_activity(p, t->before_activity);
		if (!other)
			diag_error(diags, a->line, a->column,
				   "activity %s: timing `before_activity: %s` names no activity of this programme",
				   a->id, t->before_activity);
		else if (other == a)
			diag_error(diags, a->line, a->column,
				   "activity %s: timing `before_activity` cannot name the activity itself",
				   a->id);
		else if (!(other->year_groups & a->year_groups))
			diag_error(diags, a->line, a->column,
				   "activity %s: `before_activity: %s` shares no year group with it",
				   a->id, other->id);
	}
	if ((t->occurrence != OCCURRENCE_ANY || t->recurs == RECUR_WEEKLY) && !t->weekday)
		diag_error(diags, a->line, a->column,
			   "activity %s: timing with `%s` needs a `weekday`", a->id,
			   t->occurrence != OCCURRENCE_ANY ? "occurrence" : "recurs: weekly");
	if (t->recurs == RECUR_TERMLY && t->occurrence == OCCURRENCE_ANY && !t->terms)
		diag_warning(diags, a->line, a->column,
			     "activity %s: `recurs: termly` without an `occurrence` lets each term's session fall on any day",
			     a->id);
	if (t->consecutive && a->sessions < 2)
		diag_warning(diags, a->line, a->column,
			     "activity %s: `consecutive` means little for a single session",
			     a->id);
	if (a->provider_access) {
		uint16_t providers = (1u << ENCOUNTER_FURTHER_EDUCATION) |
				     (1u << ENCOUNTER_HIGHER_EDUCATION) |
				     (1u << ENCOUNTER_APPRENTICESHIP_PROVIDER);
		if (!(a->encounters & providers))
			diag_error(diags, a->line, a->column,
				   "activity %s: `provider_access: true` needs pupils to meet a provider: list further-education, higher-education or apprenticeship-provider under `encounters`",
				   a->id);
		if (slot_outside_school_day(t->slot))
			diag_error(diags, a->line, a->column,
				   "activity %s: Provider Access encounters must be in the school day, not `slot: %s`",
				   a->id, slot_name(t->slot));
		if (!(a->year_groups & ~(1u << 7)))
			diag_warning(diags, a->line, a->column,
				     "activity %s: Provider Access applies from Year 8; Year 7 encounters do not count",
				     a->id);
	}
}

size_t programme_band_groups(const struct programme *p,
			     struct band_group out[YEAR_GROUP_LAST - YEAR_GROUP_FIRST + 1])
{
	size_t n = 0;
	unsigned done = 0;
	for (int y = YEAR_GROUP_FIRST; y <= YEAR_GROUP_LAST; y++) {
		const struct entitlement_band *b = &p->bands[y];
		if ((done >> y) & 1 || (b->floor <= 0 && b->ceiling <= 0))
			continue;
		unsigned mask = 0;
		for (int z = y; z <= YEAR_GROUP_LAST; z++)
			if (p->bands[z].floor == b->floor && p->bands[z].ceiling == b->ceiling)
				mask |= 1u << z;
		done |= mask;
		out[n++] = (struct band_group){ mask, b->floor, b->ceiling };
	}
	return n;
}

bool programme_check(const struct programme *p, struct diag_list *diags)
{
	size_t errors_before = diags->errors;
	uint16_t used_years = 0;
	for (size_t i = 0; i < p->activity_count; i++) {
		used_years |= p->activities[i].year_groups;
		check_activity(p, i, diags);
	}
	for (int y = YEAR_GROUP_FIRST; y <= YEAR_GROUP_LAST; y++) {
		const struct entitlement_band *b = &p->bands[y];
		if ((used_years & (1u << y)) && b->floor <= 0 && b->ceiling <= 0)
			diag_error(diags, 0, 0,
				   "Year %d has activities but no entitlement band: add it to a band under `entitlement_bands`",
				   y);
		if (b->floor > b->ceiling)
			diag_error(diags, 0, 0,
				   "Year %d: the entitlement floor %.1f%% is above its ceiling %.1f%%",
				   y, b->floor, b->ceiling);
	}
	for (size_t i = 0; i < p->date_name_count; i++)
		for (size_t j = 0; j < i; j++)
			if (strcmp(p->date_names[i].name, p->date_names[j].name) == 0)
				diag_error(diags, p->date_names[i].line, p->date_names[i].column,
					   "date %s is declared twice (first at line %d)",
					   p->date_names[i].name, p->date_names[j].line);
	return diags->errors == errors_before;
}

/* Name tables: index = enum value. A NULL entry ends none of them; sizes
 * come from the enums' COUNT members. */
static const char *const strand_names[STRAND_COUNT] = { "challenge", "aspire", "network" };
static const char *const strand_titles[STRAND_COUNT] = { "Challenge", "Aspire", "Network" };
static const char *const cohort_names[COHORT_COUNT] = { "all", "selected", "invited" };
static const char *const kind_names[KIND_COUNT] = {
	"employer-encounter", "workplace-experience", "further-education",
	"higher-education", "apprenticeship-provider", "personal-guidance",
	"careers-lesson", "assembly", "questionnaire", "parents-event", "other",
};
static const char *const kind_titles[KIND_COUNT] = {
	"employer encounter", "workplace experience", "further education",
	"higher education", "apprenticeship or technical provider", "personal guidance",
	"careers lesson", "assembly", "questionnaire", "parents' event", "other",
};
static const char *const encounter_names[ENCOUNTER_COUNT] = {
	"employer", "sixth-form", "further-education", "higher-education",
	"apprenticeship-provider",
};
static const char *const part_names[] = { "any", "early", "late" };
static const char *const occurrence_names[] = { "any", "first-in-term", "last-in-term" };
static const char *const recurrence_names[RECUR_COUNT] = { "once", "weekly", "termly" };
static const char *const slot_names[SLOT_COUNT] = {
	"any", "assembly", "tutor-time", "lesson", "off-timetable", "after-school", "evening",
};

static bool lookup(const char *const *names, size_t count, const char *s, int *out)
{
	for (size_t i = 0; i < count; i++) {
		if (strcmp(names[i], s) == 0) {
			*out = (int)i;
			return true;
		}
	}
	return false;
}

#define DEFINE_NAMES(type, prefix, names, count)                           \
	const char *prefix##_name(type v)                                  \
	{                                                                  \
		return (size_t)v < (count) ? names[v] : "?";               \
	}                                                                  \
	bool prefix##_parse(const char *s, type *out)                      \
	{                                                                  \
		int v;                                                     \
		if (!lookup(names, (count), s, &v))                        \
			return false;                                      \
		*out = (type)v;                                            \
		return true;                                               \
	}

DEFINE_NAMES(enum strand, strand, strand_names, STRAND_COUNT)
DEFINE_NAMES(enum cohort, cohort, cohort_names, COHORT_COUNT)
DEFINE_NAMES(enum activity_kind, kind, kind_names, KIND_COUNT)
DEFINE_NAMES(enum encounter, encounter, encounter_names, ENCOUNTER_COUNT)
DEFINE_NAMES(enum term_part, part, part_names, 3)
DEFINE_NAMES(enum occurrence, occurrence, occurrence_names, 3)
DEFINE_NAMES(enum recurrence, recurrence, recurrence_names, RECUR_COUNT)
DEFINE_NAMES(enum slot, slot, slot_names, SLOT_COUNT)

const char *strand_title(enum strand s)
{
	return (size_t)s < STRAND_COUNT ? strand_titles[s] : "?";
}

const char *kind_title(enum activity_kind k)
{
	return (size_t)k < KIND_COUNT ? kind_titles[k] : "?";
}

uint16_t kind_default_encounters(enum activity_kind k)
{
	switch (k) {
	case KIND_EMPLOYER_ENCOUNTER:
	case KIND_WORKPLACE_EXPERIENCE:
		return 1u << ENCOUNTER_EMPLOYER;
	case KIND_FURTHER_EDUCATION:
		return 1u << ENCOUNTER_FURTHER_EDUCATION;
	case KIND_HIGHER_EDUCATION:
		return 1u << ENCOUNTER_HIGHER_EDUCATION;
	case KIND_APPRENTICESHIP_PROVIDER:
		return 1u << ENCOUNTER_APPRENTICESHIP_PROVIDER;
	default:
		return 0;
	}
}

bool slot_outside_school_day(enum slot s)
{
	return s == SLOT_AFTER_SCHOOL || s == SLOT_EVENING;
}

static const char *const month_names[] = {
	"", "January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

/* Appends "a, b or c" for the set bits of mask between lo and hi. */
static void describe_set(struct buf *out, unsigned mask, int lo, int hi,
			 const char *prefix, const char *const *names)
{
	int count = 0, written = 0;
	for (int i = lo; i <= hi; i++)
		count += (mask >> i) & 1;
	buf_puts(out, prefix);
	for (int i = lo; i <= hi; i++) {
		if (!((mask >> i) & 1))
			continue;
		if (written)
			buf_puts(out, written == count - 1 ? " or " : ", ");
		if (names)
			buf_puts(out, names[i]);
		else
			buf_printf(out, "%d", i);
		written++;
	}
}

void timing_describe(const struct timing_rule *t, int sessions, struct buf *out)
{
	size_t start = out->len;
#define SEP() (out->len > start ? buf_puts(out, ", ") : (void)0)
	if (t->recurs == RECUR_WEEKLY) {
		SEP();
		buf_printf(out, "every %s", weekday_title(t->weekday));
		if (t->week)
			buf_printf(out, " in week %c", t->week);
	} else if (t->occurrence != OCCURRENCE_ANY) {
		SEP();
		buf_printf(out, "the %s %s of %s",
			   t->occurrence == OCCURRENCE_LAST_IN_TERM ? "last" : "first",
			   weekday_title(t->weekday),
			   t->recurs == RECUR_TERMLY ? "each term" : "the term");
	} else {
		if (t->recurs == RECUR_TERMLY) {
			SEP();
			buf_puts(out, "once each term");
		}
		if (t->weekday) {
			SEP();
			buf_printf(out, "on a %s", weekday_title(t->weekday));
		}
		if (t->week) {
			SEP();
			buf_printf(out, "in week %c", t->week);
		}
	}
	if (t->terms) {
		SEP();
		describe_set(out, t->terms, 1, 6, "in term ", NULL);
	}
	if (t->part != PART_ANY) {
		SEP();
		buf_printf(out, "%s in the term", t->part == PART_EARLY ? "early" : "late");
	}
	if (t->months) {
		SEP();
		describe_set(out, t->months, 1, 12, "in ", month_names);
	}
	if (t->after) {
		SEP();
		buf_printf(out, "after %s", t->after);
	}
	if (t->before) {
		SEP();
		buf_printf(out, "before %s", t->before);
	}
	if (t->before_week_leading_up_to) {
		SEP();
		buf_printf(out, "before the week leading up to %s", t->before_week_leading_up_to);
	}
	if (t->before_activity) {
		SEP();
		buf_printf(out, "before %s", t->before_activity);
	}
	if (t->slot != SLOT_ANY) {
		SEP();
		buf_printf(out, "%s slot", slot_name(t->slot));
	}
	if (t->consecutive) {
		SEP();
		buf_printf(out, "%d consecutive school days", sessions);
	}
	if (out->len == start)
		buf_puts(out, "any time");
#undef SEP
}

void year_groups_describe(struct buf *out, unsigned mask)
{
	/* Items: a run of three or more years as "7-9", other years alone. */
	int items[YEAR_GROUP_LAST + 1][2], count = 0, years = 0;
	for (int y = YEAR_GROUP_FIRST; y <= YEAR_GROUP_LAST; y++) {
		if (!((mask >> y) & 1))
			continue;
		int last = y;
		while (last < YEAR_GROUP_LAST && ((mask >> (last + 1)) & 1))
			last++;
		years += last - y + 1;
		if (last - y >= 2) {
			items[count][0] = y;
			items[count++][1] = last;
		} else {
			for (int z = y; z <= last; z++) {
				items[count][0] = items[count][1] = z;
				count++;
			}
		}
		y = last;
	}
	if (!years) {
		buf_puts(out, "no year group");
		return;
	}
	buf_puts(out, years == 1 ? "Year " : "Years ");
	for (int i = 0; i < count; i++) {
		if (i)
			buf_puts(out, i == count - 1 ? " and " : ", ");
		if (items[i][0] == items[i][1])
			buf_printf(out, "%d", items[i][0]);
		else
			buf_printf(out, "%d-%d", items[i][0], items[i][1]);
	}
}
