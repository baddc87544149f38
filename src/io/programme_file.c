#include "io/programme_file.h"

#include <jansson.h>
#include <string.h>

#include "domain/limits.h"
#include "io/yaml_doc.h"
#include "util/buf.h"
#include "util/mem.h"
#include "util/text.h"

struct reader {
	struct programme *p;
	struct diag_list *diags;
	struct buf what;  /* "activity y7-fair" for messages */
};

static const char *const top_keys[] = {
	"format_version", "name", "source", "entitlement_bands", "dates", "aims",
	"subjects", "activities", NULL,
};
static const char *const band_keys[] = { "year_groups", "floor", "ceiling", NULL };
static const char *const activity_keys[] = {
	"id", "name", "description", "year_groups", "strand", "cohort", "sessions",
	"benchmarks", "kind", "encounters", "provider_access", "visit", "hours", "subjects",
	"timing", NULL,
};
static const char *const timing_keys[] = {
	"terms", "months", "part", "weekday", "week", "occurrence", "recurs",
	"consecutive", "slot", "before", "after", "before_week_leading_up_to",
	"before_activity", "note", NULL,
};

/* "what: key" for a message; valid until the next call. */
static const char *label(struct reader *r, const char *key)
{
	static char text[256];
	snprintf(text, sizeof text, "%s: %s", buf_str(&r->what), key);
	return text;
}

static const char *copy(struct reader *r, const char *s)
{
	return arena_strdup(&r->p->arena, s);
}

/* Reads an enum by name; names(i) lists the allowed values in the message. */
static bool read_enum(struct reader *r, const struct ynode *n, const char *key,
		      bool (*parse)(const char *, int *), const char *(*name)(int),
		      int count, int *out)
{
	const char *s;
	if (!ynode_string(n, label(r, key), r->diags, &s))
		return false;
	if (parse(s, out))
		return true;
	struct buf list = BUF_INIT;
	for (int i = 0; i < count; i++)
		buf_printf(&list, "%s%s", i ? ", " : "", name(i));
	diag_error(r->diags, n->line, n->column, "%s: unknown value \"%s\" (expected one of: %s)",
		   label(r, key), s, buf_str(&list));
	buf_free(&list);
	return false;
}

/* Adapters from the typed name functions to read_enum's int interface. */
#define ENUM_ADAPTER(prefix, type)                                         \
	static bool prefix##_parse_int(const char *s, int *out)            \
	{                                                                  \
		type v;                                                    \
		if (!prefix##_parse(s, &v))                                \
			return false;                                      \
		*out = (int)v;                                             \
		return true;                                               \
	}                                                                  \
	static const char *prefix##_name_int(int v)                        \
	{                                                                  \
		return prefix##_name((type)v);                             \
	}
ENUM_ADAPTER(strand, enum strand)
ENUM_ADAPTER(cohort, enum cohort)
ENUM_ADAPTER(kind, enum activity_kind)
ENUM_ADAPTER(encounter, enum encounter)
ENUM_ADAPTER(part, enum term_part)
ENUM_ADAPTER(occurrence, enum occurrence)
ENUM_ADAPTER(recurrence, enum recurrence)
ENUM_ADAPTER(slot, enum slot)

#define READ_ENUM(r, n, key, prefix, count, out_int) \
	read_enum((r), (n), (key), prefix##_parse_int, prefix##_name_int, (count), (out_int))

static bool read_slug(struct reader *r, const struct ynode *n, const char *key,
		      const char **out)
{
	const char *s;
	if (!ynode_string(n, label(r, key), r->diags, &s))
		return false;
	if (!text_is_slug(s)) {
		diag_error(r->diags, n->line, n->column,
			   "%s: \"%s\" is not a valid id: use lowercase letters, digits and hyphens, like careers-fair",
			   label(r, key), s);
		return false;
	}
	*out = copy(r, s);
	return true;
}

static void read_weekday(struct reader *r, const struct ynode *n, enum weekday *out)
{
	const char *s;
	if (!ynode_string(n, label(r, "weekday"), r->diags, &s))
		return;
	enum weekday w = weekday_parse(s);
	if (!w || w >= WEEKDAY_SATURDAY)
		diag_error(r->diags, n->line, n->column,
			   "%s: \"%s\" is not a school weekday (monday to friday)",
			   label(r, "weekday"), s);
	else
		*out = w;
}

static void read_months(struct reader *r, const struct ynode *n, uint16_t *out)
{
	static const char *const names[] = {
		"january", "february", "march", "april", "may", "june", "july",
		"august", "september", "october", "november", "december",
	};
	size_t count = n->type == YNODE_SEQUENCE ? n->count : 1;
	uint16_t mask = 0;
	for (size_t i = 0; i < count; i++) {
		const struct ynode *item = n->type == YNODE_SEQUENCE ? n->items[i] : n;
		const char *s;
		if (!ynode_string(item, label(r, "months"), r->diags, &s))
			continue;
		long m = 0;
		for (int k = 0; k < 12; k++)
			if (text_eq_nocase(s, names[k]))
				m = k + 1;
		if (!m && !text_to_int(s, 1, 12, &m)) {
			diag_error(r->diags, item->line, item->column,
				   "%s: \"%s\" is not a month (write february or 2)",
				   label(r, "months"), s);
			continue;
		}
		mask |= (uint16_t)(1u << m);
	}
	*out = mask;
}

static void read_timing(struct reader *r, const struct ynode *n, struct timing_rule *t)
{
	if (!ynode_want(n, YNODE_MAPPING, label(r, "timing"), r->diags))
		return;
	size_t mark = r->what.len;
	buf_puts(&r->what, ": timing");
	ynode_check_keys(n, timing_keys, buf_str(&r->what), r->diags);
	for (size_t i = 0; i < n->count; i++) {
		const struct ynode *k = n->keys[i], *v = n->items[i];
		if (k->type != YNODE_SCALAR)
			continue;
		const char *key = k->text;
		int e;
		unsigned mask;
		if (strcmp(key, "terms") == 0) {
			if (ynode_int_set(v, 1, 6, label(r, key), r->diags, &mask))
				t->terms = (uint8_t)mask;
		} else if (strcmp(key, "months") == 0) {
			read_months(r, v, &t->months);
		} else if (strcmp(key, "part") == 0) {
			if (READ_ENUM(r, v, key, part, 3, &e))
				t->part = (enum term_part)e;
		} else if (strcmp(key, "weekday") == 0) {
			read_weekday(r, v, &t->weekday);
		} else if (strcmp(key, "week") == 0) {
			const char *s;
			if (ynode_string(v, label(r, key), r->diags, &s)) {
				if ((s[0] == 'A' || s[0] == 'B') && s[1] == '\0')
					t->week = s[0];
				else
					diag_error(r->diags, v->line, v->column,
						   "%s: must be A or B, not \"%s\"", label(r, key), s);
			}
		} else if (strcmp(key, "occurrence") == 0) {
			if (READ_ENUM(r, v, key, occurrence, 3, &e))
				t->occurrence = (enum occurrence)e;
		} else if (strcmp(key, "recurs") == 0) {
			if (READ_ENUM(r, v, key, recurrence, RECUR_COUNT, &e))
				t->recurs = (enum recurrence)e;
		} else if (strcmp(key, "consecutive") == 0) {
			ynode_bool(v, label(r, key), r->diags, &t->consecutive);
		} else if (strcmp(key, "slot") == 0) {
			if (READ_ENUM(r, v, key, slot, SLOT_COUNT, &e))
				t->slot = (enum slot)e;
		} else if (strcmp(key, "before") == 0) {
			read_slug(r, v, key, &t->before);
		} else if (strcmp(key, "after") == 0) {
			read_slug(r, v, key, &t->after);
		} else if (strcmp(key, "before_week_leading_up_to") == 0) {
			read_slug(r, v, key, &t->before_week_leading_up_to);
		} else if (strcmp(key, "before_activity") == 0) {
			read_slug(r, v, key, &t->before_activity);
		} else if (strcmp(key, "note") == 0) {
			const char *s;
			if (ynode_text(v, label(r, key), LIMIT_NOTE, true, r->diags, &s))
				t->note = copy(r, s);
		}
	}
	r->what.len = mark;
	r->what.data[mark] = '\0';
}

/* A list of one-line strings of at most max_chars characters each. */
static void read_strings(struct reader *r, const struct ynode *n, const char *key,
			 size_t max_chars, const char ***out, size_t *count)
{
	if (!ynode_want(n, YNODE_SEQUENCE, label(r, key), r->diags))
		return;
	const char **items = arena_alloc(&r->p->arena, (n->count + 1) * sizeof *items);
	size_t used = 0;
	for (size_t i = 0; i < n->count; i++) {
		const char *s;
		if (ynode_text(n->items[i], label(r, key), max_chars, true, r->diags, &s))
			items[used++] = copy(r, s);
	}
	*out = items;
	*count = used;
}

static void read_activity(struct reader *r, const struct ynode *n, size_t index)
{
	buf_reset(&r->what);
	buf_printf(&r->what, "activity %zu", index + 1);
	if (!ynode_want(n, YNODE_MAPPING, buf_str(&r->what), r->diags))
		return;
	struct activity *a = programme_add_activity(r->p);
	a->line = n->line;
	a->column = n->column;
	a->id = "";
	a->name = "";

	/* The id first, so that every later message can name the activity. */
	const struct ynode *id = ynode_require(n, "id", buf_str(&r->what), r->diags);
	if (id && read_slug(r, id, "id", &a->id)) {
		buf_reset(&r->what);
		buf_printf(&r->what, "activity %s", a->id);
	}
	ynode_check_keys(n, activity_keys, buf_str(&r->what), r->diags);
	static const char *const required[] = { "name", "year_groups", "strand", "cohort", "kind" };
	for (size_t i = 0; i < sizeof required / sizeof *required; i++)
		ynode_require(n, required[i], buf_str(&r->what), r->diags);

	bool encounters_given = false;
	for (size_t i = 0; i < n->count; i++) {
		const struct ynode *k = n->keys[i], *v = n->items[i];
		if (k->type != YNODE_SCALAR)
			continue;
		const char *key = k->text;
		const char *s;
		long num;
		unsigned mask;
		int e;
		if (strcmp(key, "name") == 0) {
			if (ynode_text(v, label(r, key), LIMIT_TITLE, true, r->diags, &s))
				a->name = copy(r, s);
		} else if (strcmp(key, "description") == 0) {
			if (ynode_text(v, label(r, key), LIMIT_TEXT, false, r->diags, &s))
				a->description = copy(r, s);
		} else if (strcmp(key, "year_groups") == 0) {
			if (ynode_int_set(v, YEAR_GROUP_FIRST, YEAR_GROUP_LAST, label(r, key),
					  r->diags, &mask))
				a->year_groups = (uint16_t)mask;
		} else if (strcmp(key, "strand") == 0) {
			if (READ_ENUM(r, v, key, strand, STRAND_COUNT, &e))
				a->strand = (enum strand)e;
		} else if (strcmp(key, "cohort") == 0) {
			if (READ_ENUM(r, v, key, cohort, COHORT_COUNT, &e))
				a->cohort = (enum cohort)e;
		} else if (strcmp(key, "sessions") == 0) {
			if (ynode_int(v, 1, 100, label(r, key), r->diags, &num))
				a->sessions = (int)num;
		} else if (strcmp(key, "benchmarks") == 0) {
			if (v->type == YNODE_SEQUENCE && v->count == 0)
				a->benchmarks = 0;
			else if (ynode_int_set(v, 1, 8, label(r, key), r->diags, &mask))
				a->benchmarks = (uint16_t)mask;
		} else if (strcmp(key, "kind") == 0) {
			if (READ_ENUM(r, v, key, kind, KIND_COUNT, &e))
				a->kind = (enum activity_kind)e;
		} else if (strcmp(key, "encounters") == 0) {
			encounters_given = true;
			if (!ynode_want(v, YNODE_SEQUENCE, label(r, key), r->diags))
				continue;
			for (size_t j = 0; j < v->count; j++)
				if (READ_ENUM(r, v->items[j], key, encounter, ENCOUNTER_COUNT, &e))
					a->encounters |= (uint16_t)(1u << e);
		} else if (strcmp(key, "provider_access") == 0) {
			ynode_bool(v, label(r, key), r->diags, &a->provider_access);
		} else if (strcmp(key, "visit") == 0) {
			ynode_bool(v, label(r, key), r->diags, &a->visit);
		} else if (strcmp(key, "hours") == 0) {
			ynode_number(v, 0, 1000, label(r, key), r->diags, &a->hours);
		} else if (strcmp(key, "subjects") == 0) {
			read_strings(r, v, key, LIMIT_TITLE, &a->subjects, &a->subject_count);
		} else if (strcmp(key, "timing") == 0) {
			read_timing(r, v, &a->timing);
		}
	}
	if (!encounters_given)
		a->encounters = kind_default_encounters(a->kind);
}

static void read_bands(struct reader *r, const struct ynode *n)
{
	if (!ynode_want(n, YNODE_SEQUENCE, "entitlement_bands", r->diags))
		return;
	unsigned seen = 0;
	for (size_t i = 0; i < n->count; i++) {
		const struct ynode *band = n->items[i];
		buf_reset(&r->what);
		buf_printf(&r->what, "entitlement band %zu", i + 1);
		if (!ynode_want(band, YNODE_MAPPING, buf_str(&r->what), r->diags))
			continue;
		ynode_check_keys(band, band_keys, buf_str(&r->what), r->diags);
		const struct ynode *years = ynode_require(band, "year_groups", buf_str(&r->what), r->diags);
		const struct ynode *floor = ynode_require(band, "floor", buf_str(&r->what), r->diags);
		const struct ynode *ceiling = ynode_lookup(band, "ceiling");
		unsigned mask;
		double lo = 0, hi = 100;
		if (!years || !floor ||
		    !ynode_int_set(years, YEAR_GROUP_FIRST, YEAR_GROUP_LAST,
				   label(r, "year_groups"), r->diags, &mask) ||
		    !ynode_number(floor, 0, 100, label(r, "floor"), r->diags, &lo) ||
		    (ceiling && !ynode_number(ceiling, 0, 100, label(r, "ceiling"), r->diags, &hi)))
			continue;
		if (lo > hi)
			diag_error(r->diags, floor->line, floor->column,
				   "%s: floor %g%% is above ceiling %g%%", buf_str(&r->what), lo, hi);
		for (int y = YEAR_GROUP_FIRST; y <= YEAR_GROUP_LAST; y++) {
			if (!((mask >> y) & 1))
				continue;
			if (seen & (1u << y))
				diag_error(r->diags, years->line, years->column,
					   "%s: Year %d is already in an earlier band", buf_str(&r->what), y);
			seen |= 1u << y;
			r->p->bands[y] = (struct entitlement_band){ lo, hi };
		}
	}
}

static void read_dates(struct reader *r, const struct ynode *n)
{
	if (!ynode_want(n, YNODE_MAPPING, "dates", r->diags))
		return;
	r->p->date_names = xreallocarray(NULL, n->count + 1, sizeof *r->p->date_names);
	for (size_t i = 0; i < n->count; i++) {
		const struct ynode *k = n->keys[i], *v = n->items[i];
		buf_reset(&r->what);
		buf_puts(&r->what, "dates");
		const char *name, *description;
		if (!read_slug(r, k, "name", &name) ||
		    !ynode_text(v, label(r, name), LIMIT_TITLE, true, r->diags, &description))
			continue;
		r->p->date_names[r->p->date_name_count++] = (struct date_name){
			name, copy(r, description), k->line, k->column,
		};
	}
}

static void read_aims(struct reader *r, const struct ynode *n)
{
	static const char *const strand_keys[] = { "challenge", "aspire", "network", NULL };
	if (!ynode_want(n, YNODE_MAPPING, "aims", r->diags))
		return;
	for (size_t i = 0; i < n->count; i++) {
		long year;
		if (!ynode_int(n->keys[i], YEAR_GROUP_FIRST, YEAR_GROUP_LAST, "aims: year group",
			       r->diags, &year))
			continue;
		const struct ynode *strands = n->items[i];
		buf_reset(&r->what);
		buf_printf(&r->what, "aims for Year %ld", year);
		if (!ynode_want(strands, YNODE_MAPPING, buf_str(&r->what), r->diags))
			continue;
		ynode_check_keys(strands, strand_keys, buf_str(&r->what), r->diags);
		for (int s = 0; s < STRAND_COUNT; s++) {
			const struct ynode *text = ynode_lookup(strands, strand_name((enum strand)s));
			const char *aim;
			if (text && ynode_text(text, label(r, strand_name((enum strand)s)), LIMIT_TEXT,
					       false, r->diags, &aim))
				r->p->aims[year][s] = copy(r, aim);
		}
	}
}

bool programme_parse(const char *text, size_t len, struct programme *p,
		     struct diag_list *diags)
{
	programme_init(p);
	size_t errors_before = diags->errors;
	struct ydoc doc;
	if (!ydoc_parse(&doc, text, len, diags)) {
		ydoc_free(&doc);
		return false;
	}
	struct reader r = { p, diags, BUF_INIT };
	const struct ynode *root = doc.root;
	if (!root || root->type != YNODE_MAPPING) {
		diag_error(diags, root ? root->line : 1, root ? root->column : 1,
			   "a programme file is a mapping with format_version, name, entitlement_bands, dates, aims and activities");
		goto done;
	}
	ynode_check_keys(root, top_keys, "programme", diags);

	const struct ynode *version = ynode_require(root, "format_version", "programme", diags);
	long v;
	if (version && ynode_int(version, 1, 1000, "format_version", diags, &v)) {
		if (v != PROGRAMME_FORMAT_VERSION) {
			diag_error(diags, version->line, version->column,
				   "format_version %ld is not one this waymark reads (it reads %d): %s",
				   v, PROGRAMME_FORMAT_VERSION,
				   v > PROGRAMME_FORMAT_VERSION ? "install a newer waymark"
								: "convert the file");
			goto done;
		}
	}
	const struct ynode *n;
	const char *s;
	if ((n = ynode_require(root, "name", "programme", diags)) &&
	    ynode_text(n, "name", LIMIT_TITLE, true, diags, &s))
		p->name = arena_strdup(&p->arena, s);
	if ((n = ynode_lookup(root, "source")) &&
	    ynode_text(n, "source", LIMIT_NOTE, true, diags, &s))
		p->source = arena_strdup(&p->arena, s);
	if ((n = ynode_require(root, "entitlement_bands", "programme", diags)))
		read_bands(&r, n);
	if ((n = ynode_lookup(root, "dates")))
		read_dates(&r, n);
	if ((n = ynode_lookup(root, "aims")))
		read_aims(&r, n);
	if ((n = ynode_lookup(root, "subjects"))) {
		buf_reset(&r.what);
		buf_puts(&r.what, "programme");
		read_strings(&r, n, "subjects", LIMIT_TITLE, &p->subjects, &p->subject_count);
	}
	if ((n = ynode_require(root, "activities", "programme", diags)) &&
	    ynode_want(n, YNODE_SEQUENCE, "activities", diags))
		for (size_t i = 0; i < n->count; i++)
			read_activity(&r, n->items[i], i);

	/* Cross-item rules only make sense on a structurally sound file. */
	if (diags->errors == errors_before)
		programme_check(p, diags);
done:
	buf_free(&r.what);
	ydoc_free(&doc);
	return diags->errors == errors_before;
}

/* JSON writing: the same shape as the file, so that output reads back. */

static json_t *int_set_json(unsigned mask, int lo, int hi)
{
	json_t *list = json_array();
	for (int i = lo; i <= hi; i++)
		if ((mask >> i) & 1)
			json_array_append_new(list, json_integer(i));
	return list;
}

static void set_string(json_t *obj, const char *key, const char *value)
{
	if (value)
		json_object_set_new(obj, key, json_string(value));
}

static json_t *timing_json(const struct timing_rule *t)
{
	static const char *const months[] = {
		"", "january", "february", "march", "april", "may", "june", "july",
		"august", "september", "october", "november", "december",
	};
	json_t *obj = json_object();
	if (t->terms)
		json_object_set_new(obj, "terms", int_set_json(t->terms, 1, 6));
	if (t->months) {
		json_t *list = json_array();
		for (int m = 1; m <= 12; m++)
			if ((t->months >> m) & 1)
				json_array_append_new(list, json_string(months[m]));
		json_object_set_new(obj, "months", list);
	}
	if (t->part != PART_ANY)
		set_string(obj, "part", part_name(t->part));
	if (t->weekday)
		set_string(obj, "weekday", weekday_name(t->weekday));
	if (t->week) {
		char week[2] = { t->week, '\0' };
		set_string(obj, "week", week);
	}
	if (t->occurrence != OCCURRENCE_ANY)
		set_string(obj, "occurrence", occurrence_name(t->occurrence));
	if (t->recurs != RECUR_ONCE)
		set_string(obj, "recurs", recurrence_name(t->recurs));
	if (t->consecutive)
		json_object_set_new(obj, "consecutive", json_true());
	if (t->slot != SLOT_ANY)
		set_string(obj, "slot", slot_name(t->slot));
	set_string(obj, "before", t->before);
	set_string(obj, "after", t->after);
	set_string(obj, "before_week_leading_up_to", t->before_week_leading_up_to);
	set_string(obj, "before_activity", t->before_activity);
	set_string(obj, "note", t->note);
	return obj;
}

static json_t *activity_json(const struct activity *a)
{
	json_t *obj = json_object();
	set_string(obj, "id", a->id);
	set_string(obj, "name", a->name);
	set_string(obj, "description", a->description);
	json_object_set_new(obj, "year_groups",
			    int_set_json(a->year_groups, YEAR_GROUP_FIRST, YEAR_GROUP_LAST));
	set_string(obj, "strand", strand_name(a->strand));
	set_string(obj, "cohort", cohort_name(a->cohort));
	json_object_set_new(obj, "sessions", json_integer(a->sessions));
	json_object_set_new(obj, "benchmarks", int_set_json(a->benchmarks, 1, 8));
	set_string(obj, "kind", kind_name(a->kind));
	json_t *encounters = json_array();
	for (int e = 0; e < ENCOUNTER_COUNT; e++)
		if ((a->encounters >> e) & 1)
			json_array_append_new(encounters, json_string(encounter_name((enum encounter)e)));
	json_object_set_new(obj, "encounters", encounters);
	json_object_set_new(obj, "provider_access", json_boolean(a->provider_access));
	if (a->visit)
		json_object_set_new(obj, "visit", json_true());
	if (a->hours > 0)
		json_object_set_new(obj, "hours", json_real(a->hours));
	json_t *subjects = json_array();
	for (size_t i = 0; i < a->subject_count; i++)
		json_array_append_new(subjects, json_string(a->subjects[i]));
	json_object_set_new(obj, "subjects", subjects);
	json_object_set_new(obj, "timing", timing_json(&a->timing));
	return obj;
}

void *programme_to_json_value(const struct programme *p)
{
	json_t *root = json_object();
	json_object_set_new(root, "format_version", json_integer(p->format_version));
	set_string(root, "name", p->name);
	set_string(root, "source", p->source);

	/* Year groups sharing a floor and ceiling are written as one band. */
	json_t *bands = json_array();
	struct band_group groups[YEAR_GROUP_LAST - YEAR_GROUP_FIRST + 1];
	size_t n = programme_band_groups(p, groups);
	for (size_t i = 0; i < n; i++) {
		json_t *band = json_object();
		json_object_set_new(band, "year_groups", int_set_json(groups[i].year_groups,
								      YEAR_GROUP_FIRST, YEAR_GROUP_LAST));
		json_object_set_new(band, "floor", json_real(groups[i].floor));
		json_object_set_new(band, "ceiling", json_real(groups[i].ceiling));
		json_array_append_new(bands, band);
	}
	json_object_set_new(root, "entitlement_bands", bands);

	json_t *dates = json_object();
	for (size_t i = 0; i < p->date_name_count; i++)
		json_object_set_new(dates, p->date_names[i].name,
				    json_string(p->date_names[i].description));
	json_object_set_new(root, "dates", dates);

	json_t *aims = json_object();
	for (int y = YEAR_GROUP_FIRST; y <= YEAR_GROUP_LAST; y++) {
		json_t *year = json_object();
		for (int s = 0; s < STRAND_COUNT; s++)
			set_string(year, strand_name((enum strand)s), p->aims[y][s]);
		char key[4];
		snprintf(key, sizeof key, "%u", (unsigned)y % 100u);
		if (json_object_size(year))
			json_object_set_new(aims, key, year);
		else
			json_decref(year);
	}
	json_object_set_new(root, "aims", aims);

	json_t *subjects = json_array();
	for (size_t i = 0; i < p->subject_count; i++)
		json_array_append_new(subjects, json_string(p->subjects[i]));
	json_object_set_new(root, "subjects", subjects);

	json_t *activities = json_array();
	for (size_t i = 0; i < p->activity_count; i++)
		if (!p->activities[i].retired)
			json_array_append_new(activities, activity_json(&p->activities[i]));
	json_object_set_new(root, "activities", activities);
	return root;
}

char *programme_to_json(const struct programme *p)
{
	json_t *root = programme_to_json_value(p);
	char *text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	return text;
}
