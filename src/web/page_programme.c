/* The programme: the year by strand grid every role may read, and the
 * careers leader's form for editing one activity. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "domain/benchmarks.h"
#include "domain/limits.h"
#include "store/audit_store.h"
#include "store/programme_store.h"
#include "util/html.h"
#include "util/text.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/view.h"

enum {
	NAME_MAX_CHARS = LIMIT_TITLE,
	DESCRIPTION_MAX_CHARS = LIMIT_TEXT,
	NOTE_MAX_CHARS = LIMIT_NOTE,
};

static const struct done_message programme_done[] = {
	{ "saved", "The activity was saved." },
	{ "unchanged", "Nothing was changed, so nothing was saved." },
	{ NULL, NULL },
};

static bool may_edit(const struct web_request *req)
{
	return req->user->role == ROLE_LEADER || req->user->role == ROLE_ADMIN;
}

static const char *cohort_words(enum cohort c)
{
	return c == COHORT_ALL ? "all pupils" : c == COHORT_SELECTED ? "selected pupils"
							 : "invited (optional)";
}

/* "all pupils; 3 sessions; careers lesson; Years 7-8; Gatsby 2, 5;
 * Provider Access" */
static void activity_facts(const struct activity *a, struct buf *out)
{
	html_fmt(out, "%s; %d session%s; %s; ", cohort_words(a->cohort), a->sessions,
		 a->sessions == 1 ? "" : "s", kind_title(a->kind));
	view_years(out, a->year_groups);
	if (a->benchmarks) {
		html_raw(out, "; Gatsby ");
		for (int b = 1, first = 1; b <= BENCHMARK_COUNT; b++)
			if ((a->benchmarks >> b) & 1) {
				html_fmt(out, "%s%d", first ? "" : ", ", b);
				first = 0;
			}
	}
	if (a->provider_access)
		html_raw(out, "; Provider Access");
}

static void activity_when(const struct activity *a, struct buf *out)
{
	struct buf when = BUF_INIT;
	timing_describe(&a->timing, a->sessions, &when);
	html_text(out, buf_str(&when));
	if (a->timing.note)
		html_fmt(out, " (%s)", a->timing.note);
	buf_free(&when);
}

static void describe_bands(const struct programme *p, struct buf *out)
{
	struct band_group groups[YEAR_GROUP_LAST - YEAR_GROUP_FIRST + 1];
	size_t n = programme_band_groups(p, groups);
	html_raw(out, "<p>Entitlement: ");
	for (size_t i = 0; i < n; i++) {
		if (i)
			html_raw(out, "; ");
		view_years(out, groups[i].year_groups);
		html_fmt(out, ": %.0f-%.0f%% of the year group", groups[i].floor, groups[i].ceiling);
	}
	if (n == 0)
		html_raw(out, "no bands set");
	html_raw(out, ".</p>\n");
}

static void year_section(const struct web_request *req, const struct programme *p, int y,
			 struct buf *out)
{
	html_fmt(out, "<section class=\"year\" aria-labelledby=\"year-%d\">\n"
		      "<h2 id=\"year-%d\">Year %d</h2>\n<div class=\"strands\">\n",
		 y, y, y);
	for (int s = 0; s < STRAND_COUNT; s++) {
		/* Not a landmark: three per year would repeat the same names. */
		html_fmt(out, "<div class=\"strand\"><h3 id=\"year-%d-%s\">%s</h3>\n", y,
			 strand_name((enum strand)s), strand_title((enum strand)s));
		if (p->aims[y][s])
			html_fmt(out, "<p class=\"aim\">%s</p>\n", p->aims[y][s]);
		int listed = 0;
		for (size_t i = 0; i < p->activity_count; i++) {
			const struct activity *a = &p->activities[i];
			if (a->retired || a->strand != (enum strand)s || !((a->year_groups >> y) & 1))
				continue;
			if (!listed)
				html_raw(out, "<ul class=\"activities\">\n");
			listed++;
			html_raw(out, "<li><p class=\"activity-name\">");
			if (may_edit(req)) {
				struct buf href = BUF_INIT;
				buf_puts(&href, "/programme/activities/");
				url_encode(&href, a->id);
				html_fmt(out, "<a href=\"%s\">%s<span class=\"visually-hidden\"> "
					      "(edit)</span></a>",
					 buf_str(&href), a->name);
				buf_free(&href);
			} else {
				html_text(out, a->name);
			}
			html_raw(out, "</p><p class=\"meta\">");
			activity_facts(a, out);
			html_raw(out, "</p><p class=\"meta\">When: ");
			activity_when(a, out);
			html_raw(out, "</p></li>\n");
		}
		if (listed)
			html_raw(out, "</ul>\n");
		else
			html_raw(out, "<p class=\"meta\">No activities.</p>\n");
		html_raw(out, "</div>\n");
	}
	html_raw(out, "</div>\n</section>\n");
}

void page_programme(struct web_request *req, struct web_response *resp)
{
	struct programme p;
	int found = programme_store_load(req->db, req->app->school_id, &p);
	if (found < 0) {
		programme_free(&p);
		web_error(req, resp, 500, "The programme could not be read. Try again.");
		return;
	}
	long only = 0;
	const char *year = web_field(req, "year");
	if (year && *year && !text_to_int(year, YEAR_GROUP_FIRST, YEAR_GROUP_LAST, &only))
		only = 0;
	page_begin(req, resp, "Programme", "programme");
	struct buf *out = &resp->body;
	page_done_notice(req, out, programme_done);
	if (found == 0) {
		page_notice(out, "info", "This school has no programme yet. Whoever looks after "
					 "Waymark on the school's server imports the programme file.");
		page_end(req, resp);
		programme_free(&p);
		return;
	}
	html_fmt(out, "<p class=\"lead\">%s", p.name ? p.name : "Careers programme");
	if (p.source)
		html_fmt(out, " (from %s)", p.source);
	html_raw(out, ".</p>\n");
	describe_bands(&p, out);

	/* A plain GET form: choosing a year needs no script. */
	html_raw(out, "<form class=\"inline\" method=\"get\" action=\"/programme\">"
		      "<label for=\"year\">Year group</label>"
		      "<select id=\"year\" name=\"year\">");
	form_option(out, "", "Every year group", only == 0);
	for (int y = YEAR_GROUP_FIRST; y <= YEAR_GROUP_LAST; y++) {
		char value[12], label[24];
		snprintf(value, sizeof value, "%d", y);
		snprintf(label, sizeof label, "Year %d", y);
		form_option(out, value, label, only == y);
	}
	html_raw(out, "</select> <button type=\"submit\" class=\"secondary\">Show</button></form>\n");
	if (may_edit(req))
		html_raw(out, "<p>Choose an activity's name to edit it.</p>\n");

	for (int y = YEAR_GROUP_FIRST; y <= YEAR_GROUP_LAST; y++)
		if (!only || only == y)
			year_section(req, &p, y, out);
	page_end(req, resp);
	programme_free(&p);
}

/* ---- Editing one activity ---- */

/* The form's values as text, from the activity or as sent. */
struct activity_form {
	const char *name;
	const char *description;
	const char *sessions;
	const char *cohort;
	unsigned benchmarks;     /* bit n: Benchmark n */
	bool bad_benchmark;      /* a number that is not a benchmark was sent */
	const char *kind;
	bool provider_access;
	const char *note;
};

static void form_from_activity(const struct activity *a, char sessions[16],
			       struct activity_form *f)
{
	snprintf(sessions, 16, "%d", a->sessions);
	*f = (struct activity_form){
		.name = a->name,
		.description = a->description ? a->description : "",
		.sessions = sessions,
		.cohort = cohort_name(a->cohort),
		.benchmarks = a->benchmarks,
		.kind = kind_name(a->kind),
		.provider_access = a->provider_access,
		.note = a->timing.note ? a->timing.note : "",
	};
}

static const char *field_or_empty(const struct web_request *req, const char *name)
{
	const char *v = web_field(req, name);
	return v ? v : "";
}

/* Reads the form as sent. */
static void form_from_request(const struct web_request *req, struct activity_form *f)
{
	*f = (struct activity_form){
		.name = field_or_empty(req, "name"),
		.description = field_or_empty(req, "description"),
		.sessions = field_or_empty(req, "sessions"),
		.cohort = field_or_empty(req, "cohort"),
		.kind = field_or_empty(req, "kind"),
		.provider_access = web_field(req, "provider_access") != NULL,
		.note = field_or_empty(req, "note"),
	};
	for (size_t i = 0; i < req->field_count; i++) {
		if (strcmp(req->fields[i].name, "benchmark") != 0)
			continue;
		long b;
		if (text_to_int(req->fields[i].value, 1, BENCHMARK_COUNT, &b))
			f->benchmarks |= 1u << b;
		else
			f->bad_benchmark = true;
	}
}

/* A text field: trimmed, UTF-8, within max bytes, and (unless multi_line)
 * on one line. Returns the trimmed copy in the programme's arena, or NULL
 * after recording the problem. */
static const char *check_text(struct programme *p, const char *value, const char *field,
			      const char *what, size_t max, bool required, bool multi_line,
			      struct form_errors *errors)
{
	char *copy = text_trim(arena_strdup(&p->arena, value));
	size_t len = strlen(copy);
	if (!text_is_utf8(copy, len)) {
		form_error(errors, field, "%s has characters that are not text: type it again", what);
		return NULL;
	}
	for (const char *c = copy; *c; c++)
		if ((unsigned char)*c < 0x20 && *c != '\t' && (!multi_line || (*c != '\n' && *c != '\r'))) {
			form_error(errors, field, "%s must be on one line", what);
			return NULL;
		}
	if (required && !len) {
		form_error(errors, field, "Enter the activity's %s", field);
		return NULL;
	}
	if (text_width(copy) > max) {
		form_error(errors, field, "%s must be %zu characters or fewer", what, max);
		return NULL;
	}
	return copy;
}

/* Applies the form to a (the programme's activity), checking each field
 * as programme files are checked, and programme_check's Provider Access
 * rules beside the box. True when every field was good; a is unchanged
 * otherwise. */
static bool apply_form(struct programme *p, struct activity *a, const struct activity_form *f,
		       struct form_errors *errors)
{
	size_t before = errors->count;
	const char *name = check_text(p, f->name, "name", "Name", NAME_MAX_CHARS, true, false, errors);
	const char *description = check_text(p, f->description, "description", "Description",
					     DESCRIPTION_MAX_CHARS, false, true, errors);
	long sessions = 0;
	if (!text_to_int(f->sessions, 1, 100, &sessions))
		form_error(errors, "sessions", "Sessions must be a whole number from 1 to 100");
	enum cohort cohort = COHORT_ALL;
	if (!cohort_parse(f->cohort, &cohort))
		form_error(errors, "cohort-all", "Choose who the activity is for");
	if (f->bad_benchmark)
		form_error(errors, "benchmark-1", "Choose benchmarks from 1 to 8");
	enum activity_kind kind = a->kind;
	bool kind_ok = kind_parse(f->kind, &kind);
	if (!kind_ok)
		form_error(errors, "kind", "Choose the kind of activity");
	/* Encounters follow the kind unless the programme file listed others. */
	uint16_t encounters = a->encounters == kind_default_encounters(a->kind)
		? kind_default_encounters(kind) : a->encounters;
	if (f->provider_access && kind_ok) {
		uint16_t providers = (1u << ENCOUNTER_FURTHER_EDUCATION) |
				     (1u << ENCOUNTER_HIGHER_EDUCATION) |
				     (1u << ENCOUNTER_APPRENTICESHIP_PROVIDER);
		if (!(encounters & providers))
			form_error(errors, "provider_access",
				   "Provider Access needs pupils to meet a provider: choose the kind "
				   "further education, higher education or apprenticeship or technical "
				   "provider, or untick Provider Access");
		else if (slot_outside_school_day(a->timing.slot))
			form_error(errors, "provider_access",
				   "Provider Access encounters must be in the school day, and this "
				   "activity's timing puts it %s",
				   a->timing.slot == SLOT_EVENING ? "in the evening" : "after school");
	}
	const char *note = check_text(p, f->note, "note", "Timing note", NOTE_MAX_CHARS, false,
				      false, errors);
	if (errors->count != before)
		return false;
	a->name = name;
	a->description = *description ? description : NULL;
	a->sessions = (int)sessions;
	a->cohort = cohort;
	a->benchmarks = (uint16_t)f->benchmarks;
	a->kind = kind;
	a->encounters = encounters;
	a->provider_access = f->provider_access;
	a->timing.note = *note ? note : NULL;
	return true;
}

/* Drops retired activities (loaded last) so that saving does not bring
 * them back: programme_store_save keeps what is not in the programme
 * retired. */
static void drop_retired(struct programme *p)
{
	size_t kept = 0;
	for (size_t i = 0; i < p->activity_count; i++)
		if (!p->activities[i].retired)
			p->activities[kept++] = p->activities[i];
	p->activity_count = kept;
}

static struct activity *find_activity(struct programme *p, const char *id)
{
	for (size_t i = 0; i < p->activity_count; i++)
		if (strcmp(p->activities[i].id, id) == 0)
			return &p->activities[i];
	return NULL;
}

/* Warnings programme_check gives about this activity. */
static void activity_warnings(const struct programme *p, const struct activity *a,
			      struct buf *out)
{
	struct diag_list diags;
	diag_init(&diags, NULL);
	programme_check(p, &diags);
	char prefix[96];
	snprintf(prefix, sizeof prefix, "activity %s: ", a->id);
	int shown = 0;
	for (size_t i = 0; i < diags.count; i++) {
		if (diags.items[i].severity != DIAG_WARNING ||
		    !text_starts_with(diags.items[i].message, prefix))
			continue;
		if (!shown++)
			html_raw(out, "<div class=\"notice\" role=\"status\"><p>Warnings about this "
				      "activity:</p><ul>");
		html_fmt(out, "<li>%s</li>", diags.items[i].message + strlen(prefix));
	}
	if (shown)
		html_raw(out, "</ul></div>\n");
	diag_free(&diags);
}

static void activity_form_page(struct web_request *req, struct web_response *resp,
			       const struct programme *p, const struct activity *a,
			       const struct activity_form *f, const struct form_errors *errors)
{
	struct buf title = BUF_INIT;
	buf_printf(&title, "Edit: %s", a->name);
	page_begin(req, resp, buf_str(&title), "programme");
	buf_free(&title);
	struct buf *out = &resp->body;
	html_raw(out, "<p><a href=\"/programme\">Back to the programme</a></p>\n");
	form_error_summary(out, errors);
	if (!errors->count)
		activity_warnings(p, a, out);

	html_fmt(out, "<dl class=\"facts\"><dt>Id</dt><dd><code>%s</code></dd>"
		      "<dt>Strand</dt><dd>%s</dd><dt>Year groups</dt><dd>",
		 a->id, strand_title(a->strand));
	view_years(out, a->year_groups);
	html_raw(out, "</dd><dt>When</dt><dd>");
	struct buf when = BUF_INIT;
	timing_describe(&a->timing, a->sessions, &when);
	html_text(out, buf_str(&when));
	buf_free(&when);
	html_raw(out, "</dd></dl>\n<p class=\"hint\">The year groups, strand and timing rule "
		      "come from the programme file: change them there and import it again.</p>\n");

	struct buf action = BUF_INIT;
	buf_puts(&action, "/programme/activities/");
	url_encode(&action, a->id);
	html_fmt(out, "<form id=\"activity-form\" class=\"stack\" method=\"post\" "
		      "action=\"%s\" novalidate>\n",
		 buf_str(&action));
	buf_free(&action);
	form_csrf(req, out);

	html_raw(out, "<label for=\"name\">Name</label>");
	form_field_error(out, errors, "name");
	html_fmt(out, "<input id=\"name\" name=\"name\" type=\"text\" maxlength=\"%d\" required "
		      "value=\"%s\"",
		 NAME_MAX_CHARS, f->name);
	form_field_aria(out, errors, "name");
	html_raw(out, ">\n");

	html_raw(out, "<label for=\"description\">Description <span class=\"hint\">Optional. "
		      "What pupils do and what they should take from it.</span></label>");
	form_field_error(out, errors, "description");
	html_raw(out, "<textarea id=\"description\" name=\"description\" rows=\"4\"");
	form_field_aria(out, errors, "description");
	html_fmt(out, ">%s</textarea>\n", f->description);

	html_raw(out, "<label for=\"sessions\">Sessions <span class=\"hint\">How many sessions "
		      "a pupil needs to have received it.</span></label>");
	form_field_error(out, errors, "sessions");
	html_fmt(out, "<input id=\"sessions\" name=\"sessions\" type=\"text\" inputmode=\"numeric\" "
		      "pattern=\"[0-9]*\" class=\"short\" required value=\"%s\"",
		 f->sessions);
	form_field_aria(out, errors, "sessions");
	html_raw(out, ">\n");

	html_raw(out, "<fieldset class=\"choices\"");
	form_field_aria(out, errors, "cohort-all");
	html_raw(out, "><legend>Who it is for</legend>");
	form_field_error(out, errors, "cohort-all");
	for (int c = 0; c < COHORT_COUNT; c++) {
		const char *name = cohort_name((enum cohort)c);
		html_fmt(out, "<div class=\"choice\"><input type=\"radio\" id=\"cohort-%s\" "
			      "name=\"cohort\" value=\"%s\"%s><label for=\"cohort-%s\">%s</label></div>",
			 name, name, strcmp(f->cohort, name) == 0 ? " checked" : "", name,
			 c == COHORT_ALL ? "All pupils in the year group (an entitlement)"
			 : c == COHORT_SELECTED ? "Selected pupils (an entitlement for those chosen)"
						: "Invited, optional (attendance counted, not owed)");
	}
	html_raw(out, "</fieldset>\n");

	html_raw(out, "<fieldset class=\"choices\"><legend>Gatsby Benchmarks it evidences</legend>");
	form_field_error(out, errors, "benchmark-1");
	for (int b = 1; b <= BENCHMARK_COUNT; b++)
		html_fmt(out, "<div class=\"choice\"><input type=\"checkbox\" id=\"benchmark-%d\" "
			      "name=\"benchmark\" value=\"%d\"%s><label for=\"benchmark-%d\">%d %s"
			      "</label></div>",
			 b, b, (f->benchmarks >> b) & 1 ? " checked" : "", b, b, benchmark_title(b));
	html_raw(out, "</fieldset>\n");

	html_raw(out, "<label for=\"kind\">Kind of activity</label>");
	form_field_error(out, errors, "kind");
	html_raw(out, "<select id=\"kind\" name=\"kind\"");
	form_field_aria(out, errors, "kind");
	html_raw(out, ">");
	for (int k = 0; k < KIND_COUNT; k++)
		form_option(out, kind_name((enum activity_kind)k), kind_title((enum activity_kind)k),
			    strcmp(f->kind, kind_name((enum activity_kind)k)) == 0);
	html_raw(out, "</select>\n");

	html_raw(out, "<fieldset class=\"choices\"><legend>Provider Access</legend>");
	form_field_error(out, errors, "provider_access");
	html_fmt(out, "<div class=\"choice\"><input type=\"checkbox\" id=\"provider_access\" "
		      "name=\"provider_access\" value=\"yes\"%s",
		 f->provider_access ? " checked" : "");
	form_field_aria(out, errors, "provider_access");
	html_raw(out, "><label for=\"provider_access\">Counts toward Provider Access (an encounter "
		      "with a provider of technical education or apprenticeships, in the school "
		      "day)</label></div></fieldset>\n");

	html_raw(out, "<label for=\"note\">Timing note <span class=\"hint\">Optional. When it "
		      "happens, in the strategy's own words.</span></label>");
	form_field_error(out, errors, "note");
	html_fmt(out, "<input id=\"note\" name=\"note\" type=\"text\" maxlength=\"%d\" value=\"%s\"",
		 NOTE_MAX_CHARS, f->note);
	form_field_aria(out, errors, "note");
	html_raw(out, ">\n<button type=\"submit\">Save activity</button> "
		      "<a class=\"button secondary\" href=\"/programme\">Cancel</a>\n</form>\n");
	page_end(req, resp);
}

/* Loads the programme and finds the route's activity; on failure writes
 * the error page and returns NULL (p is then freed). */
static struct activity *load_activity(struct web_request *req, struct web_response *resp,
				      struct programme *p)
{
	int found = programme_store_load(req->db, req->app->school_id, p);
	if (found < 0) {
		programme_free(p);
		web_error(req, resp, 500, "The programme could not be read. Try again.");
		return NULL;
	}
	drop_retired(p);
	struct activity *a = find_activity(p, req->captures[0]);
	if (!a) {
		programme_free(p);
		web_error(req, resp, 404, "There is no such activity in the programme.");
	}
	return a;
}

void page_activity(struct web_request *req, struct web_response *resp)
{
	struct programme p;
	struct activity *a = load_activity(req, resp, &p);
	if (!a)
		return;
	char sessions[16];
	struct activity_form f;
	form_from_activity(a, sessions, &f);
	struct form_errors errors = { 0 };
	activity_form_page(req, resp, &p, a, &f, &errors);
	programme_free(&p);
}

static void json_benchmarks(json_t *obj, const char *key, unsigned mask)
{
	json_t *list = json_array();
	for (int b = 1; b <= BENCHMARK_COUNT; b++)
		if ((mask >> b) & 1)
			json_array_append_new(list, json_integer(b));
	json_object_set_new(obj, key, list);
}

static void json_text(json_t *obj, const char *key, const char *value)
{
	json_object_set_new(obj, key, value ? json_string(value) : json_null());
}

static bool same_text(const char *x, const char *y)
{
	return strcmp(x ? x : "", y ? y : "") == 0;
}

/* {"before": {...}, "after": {...}} with the fields that changed; NULL
 * when none did. The caller frees. */
static char *describe_change(const struct activity *old, const struct activity *a)
{
	json_t *before = json_object(), *after = json_object();
	if (!same_text(old->name, a->name)) {
		json_text(before, "name", old->name);
		json_text(after, "name", a->name);
	}
	if (!same_text(old->description, a->description)) {
		json_text(before, "description", old->description);
		json_text(after, "description", a->description);
	}
	if (old->sessions != a->sessions) {
		json_object_set_new(before, "sessions", json_integer(old->sessions));
		json_object_set_new(after, "sessions", json_integer(a->sessions));
	}
	if (old->cohort != a->cohort) {
		json_text(before, "cohort", cohort_name(old->cohort));
		json_text(after, "cohort", cohort_name(a->cohort));
	}
	if (old->benchmarks != a->benchmarks) {
		json_benchmarks(before, "benchmarks", old->benchmarks);
		json_benchmarks(after, "benchmarks", a->benchmarks);
	}
	if (old->kind != a->kind) {
		json_text(before, "kind", kind_name(old->kind));
		json_text(after, "kind", kind_name(a->kind));
	}
	if (old->encounters != a->encounters) {
		json_object_set_new(before, "encounters", json_integer(old->encounters));
		json_object_set_new(after, "encounters", json_integer(a->encounters));
	}
	if (old->provider_access != a->provider_access) {
		json_object_set_new(before, "provider_access", json_boolean(old->provider_access));
		json_object_set_new(after, "provider_access", json_boolean(a->provider_access));
	}
	if (!same_text(old->timing.note, a->timing.note)) {
		json_text(before, "timing_note", old->timing.note);
		json_text(after, "timing_note", a->timing.note);
	}
	char *text = NULL;
	if (json_object_size(after)) {
		json_t *root = json_object();
		json_object_set_new(root, "before", before);
		json_object_set_new(root, "after", after);
		text = json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER);
		json_decref(root);
	} else {
		json_decref(before);
		json_decref(after);
	}
	return text;
}

void page_activity_post(struct web_request *req, struct web_response *resp)
{
	struct form_errors errors = { 0 };
	struct activity_form f;
	form_from_request(req, &f);

	/* Load, change and save in one transaction, so that an edit made at
	 * the same time elsewhere is not overwritten by this programme. */
	if (db_begin(req->db) != 0) {
		web_error(req, resp, 503, "The programme is busy: try again in a moment.");
		return;
	}
	struct programme p;
	struct activity *a = load_activity(req, resp, &p);
	if (!a) {
		db_rollback(req->db);
		return;
	}
	struct activity old = *a;
	bool ok = apply_form(&p, a, &f, &errors);
	if (ok) {
		/* The rules across the programme, as for an imported file. */
		struct diag_list diags;
		diag_init(&diags, NULL);
		if (!programme_check(&p, &diags))
			for (size_t i = 0; i < diags.count; i++)
				if (diags.items[i].severity == DIAG_ERROR)
					form_error(&errors, "activity-form", "%s",
						   diags.items[i].message);
		diag_free(&diags);
		ok = errors.count == 0;
	}
	if (!ok) {
		db_rollback(req->db);
		/* The activity as it was, with the values as sent. */
		*a = old;
		resp->status = 400;
		activity_form_page(req, resp, &p, a, &f, &errors);
		programme_free(&p);
		return;
	}
	char *change = describe_change(&old, a);
	struct programme_save_result result;
	bool saved = !change ||
		     (programme_store_save(req->db, req->app->school_id, &p, NULL, &result) == 0 &&
		      audit_record(req->db, req->app->school_id, req->user->login, "activity.edit",
				   "activity", a->id, change) == 0);
	if (!saved || db_commit(req->db) != 0) {
		db_rollback(req->db);
		web_error(req, resp, 500, "The activity could not be saved. Try again.");
	} else {
		web_redirect(resp, change ? "/programme?done=saved" : "/programme?done=unchanged");
	}
	free(change);
	programme_free(&p);
}
