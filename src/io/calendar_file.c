#include "io/calendar_file.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "domain/limits.h"
#include "io/yaml_doc.h"
#include "util/text.h"

enum { CALENDAR_FORMAT_VERSION = 1 };

static const char *const top_keys[] = {
	"format_version", "academic_year", "first_week", "terms", "closures", "dates",
	"weeks", NULL,
};
static const char *const range_keys[] = { "label", "start", "end", NULL };

static bool read_date(const struct ynode *n, const char *what, struct diag_list *diags,
		      date_t *out)
{
	const char *s;
	if (!ynode_string(n, what, diags, &s))
		return false;
	if (!date_parse_iso(s, out)) {
		diag_error(diags, n->line, n->column,
			   "%s: \"%s\" is not a date: write it as YYYY-MM-DD, like 2025-09-03",
			   what, s);
		return false;
	}
	return true;
}

static bool read_letter(const struct ynode *n, const char *what, struct diag_list *diags,
			char *out)
{
	const char *s;
	if (!ynode_string(n, what, diags, &s))
		return false;
	if ((s[0] != 'A' && s[0] != 'B') || s[1]) {
		diag_error(diags, n->line, n->column, "%s: must be A or B, not \"%s\"", what, s);
		return false;
	}
	*out = s[0];
	return true;
}

/* A term or closure: label (one line of at most LIMIT_TITLE characters),
 * start, end. */
static bool read_range(const struct ynode *n, const char *what, struct diag_list *diags,
		       const char **label, date_t *start, date_t *end)
{
	if (!ynode_want(n, YNODE_MAPPING, what, diags))
		return false;
	bool ok = ynode_check_keys(n, range_keys, what, diags);
	const struct ynode *l = ynode_require(n, "label", what, diags);
	const struct ynode *s = ynode_require(n, "start", what, diags);
	const struct ynode *e = ynode_require(n, "end", what, diags);
	char key[128];
	snprintf(key, sizeof key, "%s: start", what);
	ok = s && read_date(s, key, diags, start) && ok;
	snprintf(key, sizeof key, "%s: end", what);
	ok = e && read_date(e, key, diags, end) && ok;
	snprintf(key, sizeof key, "%s: label", what);
	ok = l && ynode_text(l, key, LIMIT_TITLE, true, diags, label) && ok;
	return ok;
}

bool calendar_parse(const char *text, size_t len, struct school_calendar *cal,
		    struct diag_list *diags)
{
	calendar_init(cal, 0);
	size_t errors_before = diags->errors;
	struct ydoc doc;
	if (!ydoc_parse(&doc, text, len, diags)) {
		ydoc_free(&doc);
		return false;
	}
	const struct ynode *root = doc.root, *n;
	if (!root || root->type != YNODE_MAPPING) {
		diag_error(diags, root ? root->line : 1, root ? root->column : 1,
			   "a calendar file is a mapping with format_version, academic_year, terms, closures and dates");
		goto done;
	}
	ynode_check_keys(root, top_keys, "calendar", diags);
	/* Unknown keys do not stop the checks of what was understood. */
	size_t errors_in_items = diags->errors;
	long version;
	if ((n = ynode_require(root, "format_version", "calendar", diags)) &&
	    ynode_int(n, 1, 1000, "format_version", diags, &version) &&
	    version != CALENDAR_FORMAT_VERSION) {
		diag_error(diags, n->line, n->column,
			   "format_version %ld is not one this waymark reads (it reads %d)",
			   version, CALENDAR_FORMAT_VERSION);
		goto done;
	}
	const char *s;
	if ((n = ynode_require(root, "academic_year", "calendar", diags)) &&
	    ynode_string(n, "academic_year", diags, &s) &&
	    !academic_year_parse(s, &cal->start_year))
		diag_error(diags, n->line, n->column,
			   "academic_year: \"%s\" is not an academic year: write it like 2025/26", s);
	if (diags->errors > errors_in_items)
		goto done;
	if ((n = ynode_lookup(root, "first_week")))
		read_letter(n, "first_week", diags, &cal->first_week);

	if ((n = ynode_require(root, "terms", "calendar", diags)) &&
	    ynode_want(n, YNODE_SEQUENCE, "terms", diags)) {
		for (size_t i = 0; i < n->count; i++) {
			char what[32];
			snprintf(what, sizeof what, "term %zu", i + 1);
			const char *label;
			date_t start, end;
			if (!read_range(n->items[i], what, diags, &label, &start, &end))
				continue;
			struct term *t = calendar_add_term(cal, (int)i + 1, label, start, end);
			t->line = n->items[i]->line;
			t->column = n->items[i]->column;
		}
	}
	if ((n = ynode_lookup(root, "closures")) &&
	    ynode_want(n, YNODE_SEQUENCE, "closures", diags)) {
		for (size_t i = 0; i < n->count; i++) {
			char what[32];
			snprintf(what, sizeof what, "closure %zu", i + 1);
			const char *label;
			date_t start, end;
			if (!read_range(n->items[i], what, diags, &label, &start, &end))
				continue;
			struct holiday *h = calendar_add_holiday(cal, label, start, end);
			h->line = n->items[i]->line;
			h->column = n->items[i]->column;
		}
	}
	if ((n = ynode_lookup(root, "dates")) && ynode_want(n, YNODE_MAPPING, "dates", diags)) {
		for (size_t i = 0; i < n->count; i++) {
			const struct ynode *k = n->keys[i];
			date_t d;
			if (k->type != YNODE_SCALAR || !text_is_slug(k->text)) {
				diag_error(diags, k->line, k->column,
					   "dates: \"%s\" is not a valid name: use lowercase letters, digits and hyphens, like careers-fair",
					   k->type == YNODE_SCALAR ? k->text : "?");
				continue;
			}
			if (calendar_named_date(cal, k->text) != DATE_NONE) {
				diag_error(diags, k->line, k->column, "dates: %s is given twice", k->text);
				continue;
			}
			char what[96];
			snprintf(what, sizeof what, "dates: %s", k->text);
			if (!read_date(n->items[i], what, diags, &d))
				continue;
			struct named_date *nd = calendar_set_named_date(cal, k->text, d);
			nd->line = k->line;
			nd->column = k->column;
		}
	}
	if (diags->errors == errors_in_items && calendar_check(cal, diags))
		calendar_generate_weeks(cal);

	if ((n = ynode_lookup(root, "weeks")) && ynode_want(n, YNODE_MAPPING, "weeks", diags) &&
	    diags->errors == errors_in_items) {
		/* Hand edits apply in date order so that each re-flows the rest. */
		for (size_t i = 0; i < n->count; i++) {
			date_t d;
			char letter;
			if (!read_date(n->keys[i], "weeks", diags, &d) ||
			    !read_letter(n->items[i], "weeks", diags, &letter))
				continue;
			if (date_weekday(d) != WEEKDAY_MONDAY) {
				diag_error(diags, n->keys[i]->line, n->keys[i]->column,
					   "weeks: %s is not a Monday: key each week by its Monday",
					   n->keys[i]->text);
				continue;
			}
			if (!calendar_set_week(cal, d, letter))
				diag_error(diags, n->keys[i]->line, n->keys[i]->column,
					   "weeks: the week of %s has no school days", n->keys[i]->text);
		}
	}
done:
	ydoc_free(&doc);
	return diags->errors == errors_before;
}

static void yaml_string(struct buf *out, const char *s)
{
	/* A JSON string is a valid YAML double-quoted scalar. */
	json_t *str = json_string(s);
	char *text = json_dumps(str, JSON_ENCODE_ANY);
	buf_puts(out, text ? text : "\"\"");
	free(text);
	json_decref(str);
}

void calendar_write_yaml(const struct school_calendar *cal, const char *comment,
			 struct buf *out)
{
	char year[8], a[DATE_ISO_LEN], b[DATE_ISO_LEN];
	if (comment) {
		const char *line = comment;
		while (*line) {
			size_t n = strcspn(line, "\n");
			buf_printf(out, "# %.*s\n", (int)n, line);
			line += n + (line[n] == '\n');
		}
	}
	buf_printf(out, "format_version: %d\n", CALENDAR_FORMAT_VERSION);
	buf_printf(out, "academic_year: %s\n", academic_year_format(cal->start_year, year));
	buf_printf(out, "first_week: %c\n", cal->first_week);
	buf_puts(out, "terms:\n");
	for (size_t i = 0; i < cal->term_count; i++) {
		const struct term *t = &cal->terms[i];
		buf_puts(out, "  - label: ");
		yaml_string(out, t->label);
		buf_printf(out, "\n    start: %s\n    end: %s\n", date_format_iso(t->start, a),
			   date_format_iso(t->end, b));
	}
	buf_puts(out, cal->holiday_count ? "closures:\n" : "closures: []\n");
	for (size_t i = 0; i < cal->holiday_count; i++) {
		const struct holiday *h = &cal->holidays[i];
		buf_puts(out, "  - label: ");
		yaml_string(out, h->label);
		buf_printf(out, "\n    start: %s\n    end: %s\n", date_format_iso(h->start, a),
			   date_format_iso(h->end, b));
	}
	buf_puts(out, cal->date_count ? "dates:\n" : "dates: {}\n");
	for (size_t i = 0; i < cal->date_count; i++)
		buf_printf(out, "  %s: %s\n", cal->dates[i].name,
			   date_format_iso(cal->dates[i].date, a));
	size_t edited = 0;
	for (size_t i = 0; i < cal->week_count; i++)
		edited += cal->weeks[i].edited;
	if (edited) {
		buf_puts(out, "weeks:\n");
		for (size_t i = 0; i < cal->week_count; i++)
			if (cal->weeks[i].edited)
				buf_printf(out, "  %s: %c\n", date_format_iso(cal->weeks[i].monday, a),
					   cal->weeks[i].week);
	}
}

void *calendar_to_json_value(const struct school_calendar *cal)
{
	char year[8], a[DATE_ISO_LEN];
	json_t *root = json_object();
	json_object_set_new(root, "academic_year",
			    json_string(academic_year_format(cal->start_year, year)));
	char first[2] = { cal->first_week, '\0' };
	json_object_set_new(root, "first_week", json_string(first));
	json_t *terms = json_array();
	for (size_t i = 0; i < cal->term_count; i++) {
		const struct term *t = &cal->terms[i];
		json_t *obj = json_object();
		json_object_set_new(obj, "ordinal", json_integer(t->ordinal));
		json_object_set_new(obj, "label", json_string(t->label));
		json_object_set_new(obj, "start", json_string(date_format_iso(t->start, a)));
		json_object_set_new(obj, "end", json_string(date_format_iso(t->end, a)));
		json_object_set_new(obj, "school_days",
				    json_integer(calendar_school_days_between(cal, t->start, t->end)));
		json_array_append_new(terms, obj);
	}
	json_object_set_new(root, "terms", terms);
	json_t *closures = json_array();
	for (size_t i = 0; i < cal->holiday_count; i++) {
		const struct holiday *h = &cal->holidays[i];
		json_t *obj = json_object();
		json_object_set_new(obj, "label", json_string(h->label));
		json_object_set_new(obj, "start", json_string(date_format_iso(h->start, a)));
		json_object_set_new(obj, "end", json_string(date_format_iso(h->end, a)));
		json_array_append_new(closures, obj);
	}
	json_object_set_new(root, "closures", closures);
	json_t *dates = json_object();
	for (size_t i = 0; i < cal->date_count; i++)
		json_object_set_new(dates, cal->dates[i].name,
				    json_string(date_format_iso(cal->dates[i].date, a)));
	json_object_set_new(root, "dates", dates);
	json_t *weeks = json_array();
	for (size_t i = 0; i < cal->week_count; i++) {
		json_t *obj = json_object();
		char letter[2] = { cal->weeks[i].week, '\0' };
		json_object_set_new(obj, "monday",
				    json_string(date_format_iso(cal->weeks[i].monday, a)));
		json_object_set_new(obj, "week", json_string(letter));
		json_object_set_new(obj, "edited", json_boolean(cal->weeks[i].edited));
		json_array_append_new(weeks, obj);
	}
	json_object_set_new(root, "weeks", weeks);
	return root;
}
