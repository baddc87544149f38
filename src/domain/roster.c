#include "domain/roster.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"
#include "util/strmap.h"
#include "util/text.h"

/* Lower case with spaces, dots, hyphens and underscores removed:
 * "Year 7" -> "year7", "K - SEN Support" -> "ksensupport". */
static void squash(const char *s, char *out, size_t size)
{
	size_t n = 0;
	for (; *s && n + 1 < size; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == ' ' || c == '.' || c == '-' || c == '_' || c == '\t')
			continue;
		out[n++] = (char)tolower(c);
	}
	out[n] = '\0';
}

bool roster_parse_year_group(const char *s, int *year_group)
{
	char v[32];
	squash(s, v, sizeof v);
	static const struct {
		const char *name;
		int year;
	} sixth[] = {
		{ "l6", 12 }, { "6l", 12 }, { "lower6", 12 }, { "lowersixth", 12 }, { "y12", 12 },
		{ "u6", 13 }, { "6u", 13 }, { "upper6", 13 }, { "uppersixth", 13 }, { "y13", 13 },
	};
	for (size_t i = 0; i < sizeof sixth / sizeof *sixth; i++) {
		if (strcmp(v, sixth[i].name) == 0) {
			*year_group = sixth[i].year;
			return true;
		}
	}
	const char *p = v;
	static const char *const prefixes[] = { "ncyear", "year", "yr", "nc", "y" };
	for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++) {
		if (text_starts_with(p, prefixes[i])) {
			p += strlen(prefixes[i]);
			break;
		}
	}
	long n;
	if (!text_to_int(p, 0, 14, &n))
		return false;
	*year_group = (int)n;
	return true;
}

bool roster_parse_sen(const char *s, char *sen)
{
	char v[64];
	squash(s, v, sizeof v);
	if (!*v)
		return false;
	/* A leading code: "K", "K - SEN Support", "E: EHC plan". */
	char c = (char)toupper((unsigned char)s[0]);
	bool code_alone = s[1] == '\0' || s[1] == ' ' || s[1] == '-' || s[1] == ':';
	if (code_alone && (c == 'N' || c == 'K' || c == 'E')) {
		*sen = c;
		return true;
	}
	if (code_alone && c == 'S') { /* a statement, before EHC plans */
		*sen = SEN_EHC_PLAN;
		return true;
	}
	if (text_starts_with(v, "no") || strcmp(v, "none") == 0) {
		*sen = SEN_NONE;
		return true;
	}
	if (strstr(v, "support")) {
		*sen = SEN_SUPPORT;
		return true;
	}
	if (strstr(v, "ehc") || strstr(v, "educationhealthandcare") ||
	    strstr(v, "educationhealthcare") || strstr(v, "statement")) {
		*sen = SEN_EHC_PLAN;
		return true;
	}
	return false;
}

bool roster_parse_bool(const char *s, bool *value)
{
	char v[16];
	squash(s, v, sizeof v);
	static const char *const yes[] = { "y", "yes", "true", "t", "1" };
	static const char *const no[] = { "n", "no", "false", "f", "0" };
	for (size_t i = 0; i < sizeof yes / sizeof *yes; i++) {
		if (strcmp(v, yes[i]) == 0) {
			*value = true;
			return true;
		}
		if (strcmp(v, no[i]) == 0) {
			*value = false;
			return true;
		}
	}
	return false;
}

bool roster_parse_gender(const char *s, char *gender)
{
	char v[16];
	squash(s, v, sizeof v);
	if (strcmp(v, "m") == 0 || strcmp(v, "male") == 0)
		*gender = 'M';
	else if (strcmp(v, "f") == 0 || strcmp(v, "female") == 0)
		*gender = 'F';
	else if (strcmp(v, "u") == 0 || strcmp(v, "unknown") == 0 || strcmp(v, "notknown") == 0 ||
		 strcmp(v, "x") == 0 || strcmp(v, "other") == 0)
		*gender = 'U';
	else
		return false;
	return true;
}

bool roster_parse_date(const char *s, date_t *date)
{
	date_t d;
	if (!date_parse_any(s, &d))
		return false;
	date_t never;
	date_from_ymd(2079, 6, 6, &never);
	*date = d == never ? DATE_NONE : d;
	return true;
}

void pupil_display_name(const struct pupil *p, char *out, size_t size)
{
	const char *forename = p->preferred_forename && *p->preferred_forename
				       ? p->preferred_forename : p->legal_forename;
	const char *surname = p->preferred_surname && *p->preferred_surname
				      ? p->preferred_surname : p->legal_surname;
	snprintf(out, size, "%s %s", forename ? forename : "", surname ? surname : "");
	text_drop_partial(out);
}

/* ---- planning an import ---- */

static bool same_text(const char *a, const char *b)
{
	if (!a || !*a)
		return !b || !*b;
	return b && strcmp(a, b) == 0;
}

static bool same_pupil(const struct pupil *a, const struct pupil *b)
{
	return same_text(a->upn, b->upn) && same_text(a->former_upn, b->former_upn) &&
	       same_text(a->admission_number, b->admission_number) && same_text(a->uln, b->uln) &&
	       same_text(a->legal_surname, b->legal_surname) &&
	       same_text(a->legal_forename, b->legal_forename) &&
	       same_text(a->preferred_surname, b->preferred_surname) &&
	       same_text(a->preferred_forename, b->preferred_forename) &&
	       a->date_of_birth == b->date_of_birth && a->gender == b->gender;
}

static bool same_enrolment(const struct enrolment *a, const struct enrolment *b)
{
	return a->year_group == b->year_group && same_text(a->tutor_group, b->tutor_group) &&
	       same_text(a->house, b->house) && a->sen == b->sen &&
	       a->pupil_premium == b->pupil_premium && a->fsm == b->fsm && a->fsm6 == b->fsm6 &&
	       a->eal == b->eal && a->looked_after == b->looked_after &&
	       a->on_roll_from == b->on_roll_from && a->on_roll_to == b->on_roll_to;
}

/* The held pupil updated with what the file says; fields the file lacks
 * keep their held values. */
static struct pupil merge_pupil(const struct pupil *held, const struct pupil *file,
				unsigned fields)
{
	struct pupil p = *held;
	p.legal_surname = file->legal_surname;
	p.legal_forename = file->legal_forename;
#define TAKE(into, flag, member) \
	if (fields & (flag)) \
		(into).member = file->member
	TAKE(p, ROSTER_HAS_UPN, upn);
	TAKE(p, ROSTER_HAS_FORMER_UPN, former_upn);
	TAKE(p, ROSTER_HAS_ADMISSION_NUMBER, admission_number);
	TAKE(p, ROSTER_HAS_ULN, uln);
	TAKE(p, ROSTER_HAS_PREFERRED_FORENAME, preferred_forename);
	TAKE(p, ROSTER_HAS_PREFERRED_SURNAME, preferred_surname);
	TAKE(p, ROSTER_HAS_DATE_OF_BIRTH, date_of_birth);
	TAKE(p, ROSTER_HAS_GENDER, gender);
	/* A file without UPNs for a pupil we know by UPN keeps it. */
	if (!p.upn || !*p.upn)
		p.upn = held->upn;
	return p;
}

static struct enrolment merge_enrolment(const struct enrolment *base,
					const struct enrolment *file, unsigned fields)
{
	struct enrolment e = *base;
	e.year_group = file->year_group;
	TAKE(e, ROSTER_HAS_TUTOR_GROUP, tutor_group);
	TAKE(e, ROSTER_HAS_HOUSE, house);
	TAKE(e, ROSTER_HAS_SEN, sen);
	TAKE(e, ROSTER_HAS_PUPIL_PREMIUM, pupil_premium);
	TAKE(e, ROSTER_HAS_FSM, fsm);
	TAKE(e, ROSTER_HAS_FSM6, fsm6);
	TAKE(e, ROSTER_HAS_EAL, eal);
	TAKE(e, ROSTER_HAS_LOOKED_AFTER, looked_after);
#undef TAKE
	return e;
}

struct matcher {
	struct strmap by_upn, by_former_upn, by_admission_number;
};

static void matcher_build(struct matcher *m, const struct roster_existing *existing,
			  size_t count)
{
	*m = (struct matcher){ STRMAP_INIT, STRMAP_INIT, STRMAP_INIT };
	for (size_t i = 0; i < count; i++) {
		const struct pupil *p = &existing[i].pupil;
		if (p->upn && *p->upn)
			strmap_put(&m->by_upn, p->upn, i);
		if (p->former_upn && *p->former_upn)
			strmap_put(&m->by_former_upn, p->former_upn, i);
		if (p->admission_number && *p->admission_number)
			strmap_put(&m->by_admission_number, p->admission_number, i);
	}
}

static void matcher_free(struct matcher *m)
{
	strmap_free(&m->by_upn);
	strmap_free(&m->by_former_upn);
	strmap_free(&m->by_admission_number);
}

/* The held pupil a record is, or SIZE_MAX. *upn_changed when the record
 * carries a new UPN for them. */
static size_t match(const struct matcher *m, const struct pupil *r, bool *upn_changed)
{
	size_t i;
	*upn_changed = false;
	if (r->upn && strmap_get(&m->by_upn, r->upn, &i))
		return i;
	if (r->upn && strmap_get(&m->by_former_upn, r->upn, &i))
		return i;
	if (r->former_upn && *r->former_upn && strmap_get(&m->by_upn, r->former_upn, &i)) {
		*upn_changed = r->upn != NULL;
		return i;
	}
	if (r->admission_number && *r->admission_number &&
	    strmap_get(&m->by_admission_number, r->admission_number, &i)) {
		*upn_changed = r->upn != NULL;
		return i;
	}
	return SIZE_MAX;
}

static void push(struct roster_plan *plan, size_t *cap, struct roster_plan_item item)
{
	ARRAY_RESERVE(plan->items, *cap, plan->count + 1);
	plan->items[plan->count++] = item;
}

/* Where a new enrolment starts: the file's admission date inside the year;
 * the first day of the year for the year's first roster; else the import. */
static date_t enrolment_start(const struct roster_record *r, int start_year, bool first_roster,
			      date_t as_of)
{
	date_t first = academic_year_first_day(start_year);
	date_t last = academic_year_last_day(start_year);
	if (r->admitted != DATE_NONE)
		return r->admitted < first ? first : r->admitted > last ? last : r->admitted;
	if (first_roster || as_of < first)
		return first;
	return as_of > last ? last : as_of;
}

bool roster_plan_build(const struct roster_record *records, size_t record_count,
		       unsigned fields, const struct roster_existing *existing,
		       size_t existing_count, int start_year, date_t as_of, bool partial,
		       struct roster_plan *plan, struct diag_list *diags)
{
	*plan = (struct roster_plan){ 0 };
	size_t errors_before = diags->errors, cap = 0;
	bool first_roster = true, any_last_year = false;
	for (size_t i = 0; i < existing_count; i++) {
		first_roster = first_roster && !existing[i].enrolled_this_year;
		any_last_year = any_last_year || existing[i].enrolled_last_year;
	}
	plan->rollover = first_roster && any_last_year;
	for (size_t i = 0; i < existing_count; i++) {
		const struct roster_existing *held = &existing[i];
		if (plan->rollover ? held->enrolled_last_year && held->last_year.on_roll_to == DATE_NONE
				   : held->enrolled_this_year && held->this_year.on_roll_to == DATE_NONE)
			plan->on_roll++;
	}

	struct matcher m;
	matcher_build(&m, existing, existing_count);
	size_t *matched_line = xcalloc(existing_count ? existing_count : 1, sizeof *matched_line);

	for (size_t r = 0; r < record_count; r++) {
		const struct roster_record *rec = &records[r];
		bool upn_changed;
		size_t i = match(&m, &rec->pupil, &upn_changed);
		struct roster_plan_item item = { .record = r, .existing = i };
		if (i == SIZE_MAX) {
			item.change = ROSTER_NEW;
			item.pupil = rec->pupil;
			item.enrolment = rec->enrolment;
			item.enrolment.start_year = start_year;
			item.enrolment.on_roll_from = enrolment_start(rec, start_year, first_roster, as_of);
			item.enrolment.on_roll_to = rec->leaving;
			plan->added++;
			if (plan->rollover)
				plan->joined++;
			push(plan, &cap, item);
			continue;
		}
		if (matched_line[i]) {
			diag_add(diags, DIAG_ERROR, rec->line, 0, NULL,
				 "this row is the same pupil as line %zu (matched by UPN, former UPN or admission number): remove one of them",
				 matched_line[i]);
			continue;
		}
		matched_line[i] = (size_t)rec->line;
		const struct roster_existing *held = &existing[i];
		item.upn_changed = upn_changed && held->pupil.upn && rec->pupil.upn &&
				   strcmp(held->pupil.upn, rec->pupil.upn) != 0;
		item.pupil = merge_pupil(&held->pupil, &rec->pupil, fields);
		item.pupil.id = held->pupil.id;
		if (item.upn_changed)
			item.pupil.former_upn = held->pupil.upn;

		struct enrolment base;
		if (held->enrolled_this_year) {
			base = held->this_year;
		} else {
			/* A new enrolment for this year carries last year's flags
			 * for the columns the file lacks. */
			base = held->enrolled_last_year ? held->last_year : rec->enrolment;
			base.start_year = start_year;
			base.on_roll_from = enrolment_start(rec, start_year, first_roster, as_of);
			base.on_roll_to = DATE_NONE;
		}
		item.enrolment = merge_enrolment(&base, &rec->enrolment, fields);
		if ((fields & ROSTER_HAS_ADMISSION_DATE) && rec->admitted != DATE_NONE &&
		    held->enrolled_this_year)
			item.enrolment.on_roll_from = enrolment_start(rec, start_year, true, as_of);
		if (fields & ROSTER_HAS_LEAVING_DATE)
			item.enrolment.on_roll_to = rec->leaving;
		else if (!partial && held->enrolled_this_year &&
			 held->this_year.on_roll_to != DATE_NONE)
			/* The whole school lists them: they are on roll again. */
			item.enrolment.on_roll_to = DATE_NONE;
		if (held->enrolled_this_year && held->this_year.on_roll_to != DATE_NONE &&
		    item.enrolment.on_roll_to == DATE_NONE)
			plan->restored++;
		if (item.enrolment.on_roll_to != DATE_NONE &&
		    item.enrolment.on_roll_to < item.enrolment.on_roll_from)
			item.enrolment.on_roll_to = item.enrolment.on_roll_from;

		bool unchanged = held->enrolled_this_year && !item.upn_changed &&
				 same_pupil(&item.pupil, &held->pupil) &&
				 same_enrolment(&item.enrolment, &held->this_year);
		item.change = unchanged ? ROSTER_UNCHANGED : ROSTER_UPDATED;
		if (unchanged)
			plan->unchanged++;
		else
			plan->updated++;
		if (plan->rollover) {
			if (!held->enrolled_last_year)
				plan->joined++;
			else if (item.enrolment.year_group > held->last_year.year_group)
				plan->promoted++;
			else
				plan->kept_back++;
		}
		push(plan, &cap, item);
	}

	if (!partial) {
		for (size_t i = 0; i < existing_count; i++) {
			const struct roster_existing *held = &existing[i];
			if (matched_line[i])
				continue;
			struct roster_plan_item item = { .change = ROSTER_LEFT, .record = SIZE_MAX,
							 .existing = i, .pupil = held->pupil };
			if (held->enrolled_this_year && held->this_year.on_roll_to == DATE_NONE) {
				item.enrolment = held->this_year;
				date_t last_day = as_of - 1;
				if (last_day < item.enrolment.on_roll_from)
					last_day = item.enrolment.on_roll_from;
				item.enrolment.on_roll_to = last_day;
			} else if (plan->rollover && held->enrolled_last_year &&
				   held->last_year.on_roll_to == DATE_NONE) {
				/* Gone at the end of last year. */
				item.enrolment = held->last_year;
				item.enrolment.on_roll_to = academic_year_last_day(start_year - 1);
			} else {
				continue;
			}
			plan->left++;
			push(plan, &cap, item);
		}
	}
	free(matched_line);
	matcher_free(&m);
	return diags->errors == errors_before;
}

void roster_plan_free(struct roster_plan *plan)
{
	free(plan->items);
	*plan = (struct roster_plan){ 0 };
}

bool roster_leaving_needs_confirmation(int leaving, int on_roll)
{
	if (leaving > ROSTER_LEAVING_PUPILS)
		return true;
	return (long long)leaving * 100 > (long long)on_roll * ROSTER_LEAVING_PERCENT;
}

bool roster_plan_needs_confirmation(const struct roster_plan *plan)
{
	int after = plan->on_roll - plan->left + plan->added + plan->restored;
	return roster_leaving_needs_confirmation(plan->left,
						 after > plan->on_roll ? after : plan->on_roll);
}

static void add_change(char *out, size_t size, const char *what)
{
	size_t n = strlen(out);
	snprintf(out + n, size - n, "%s%s", n ? ", " : "", what);
}

void roster_item_changes(const struct roster_plan_item *item, const struct roster_existing *held,
			 char *out, size_t size)
{
	out[0] = '\0';
	if (!held || item->change == ROSTER_UNCHANGED)
		return;
	const struct pupil *a = &held->pupil, *b = &item->pupil;
	if (!same_text(a->upn, b->upn) || !same_text(a->former_upn, b->former_upn))
		add_change(out, size, "UPN");
	if (!same_text(a->admission_number, b->admission_number))
		add_change(out, size, "admission number");
	if (!same_text(a->uln, b->uln))
		add_change(out, size, "ULN");
	if (!same_text(a->legal_surname, b->legal_surname) ||
	    !same_text(a->legal_forename, b->legal_forename))
		add_change(out, size, "legal name");
	if (!same_text(a->preferred_surname, b->preferred_surname) ||
	    !same_text(a->preferred_forename, b->preferred_forename))
		add_change(out, size, "preferred name");
	if (a->date_of_birth != b->date_of_birth)
		add_change(out, size, "date of birth");
	if (a->gender != b->gender)
		add_change(out, size, "gender");
	bool this_year = held->enrolled_this_year &&
			 held->this_year.start_year == item->enrolment.start_year;
	bool last_year = held->enrolled_last_year &&
			 held->last_year.start_year == item->enrolment.start_year;
	if (!this_year && !last_year) {
		add_change(out, size, "enrolled for the year");
		return;
	}
	const struct enrolment *e = this_year ? &held->this_year : &held->last_year;
	const struct enrolment *f = &item->enrolment;
	if (e->year_group != f->year_group)
		add_change(out, size, "year group");
	if (!same_text(e->tutor_group, f->tutor_group))
		add_change(out, size, "tutor group");
	if (!same_text(e->house, f->house))
		add_change(out, size, "house");
	if (e->sen != f->sen)
		add_change(out, size, "SEN");
	if (e->pupil_premium != f->pupil_premium)
		add_change(out, size, "pupil premium");
	if (e->fsm != f->fsm)
		add_change(out, size, "FSM");
	if (e->fsm6 != f->fsm6)
		add_change(out, size, "Ever 6 FSM");
	if (e->eal != f->eal)
		add_change(out, size, "EAL");
	if (e->looked_after != f->looked_after)
		add_change(out, size, "looked after");
	if (e->on_roll_from != f->on_roll_from)
		add_change(out, size, "admission date");
	if (e->on_roll_to != DATE_NONE && f->on_roll_to == DATE_NONE)
		add_change(out, size, "on roll again");
	else if (e->on_roll_to != f->on_roll_to)
		add_change(out, size, "leaving date");
}
