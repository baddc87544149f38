/* The programme: the year by strand grid every role may read, and the
 * careers leader's form for editing one activity. */
#include <stdlib.h>
#include <string.h>

#include "action/programme_action.h"
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
			/* Its first place in the grid is where saving it returns to. */
			bool first = !(a->year_groups & ((1u << y) - 1));
			if (first)
				html_fmt(out, "<li id=\"activity-%s\">", a->id);
			else
				html_raw(out, "<li>");
			/* The message of a save beside what was saved, on screen. */
			const char *saved = web_field(req, "activity");
			if (first && saved && strcmp(saved, a->id) == 0)
				page_done_notice(req, out, programme_done);
			html_raw(out, "<p class=\"activity-name\">");
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
	if (!web_field(req, "activity"))
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

/* The action's field names and the form's: problems go beside the field
 * (or the group's first box) they are about. */
static const char *form_field_of(const char *field)
{
	static const char *const names[][2] = {
		{ "cohort", "cohort-all" }, { "benchmarks", "benchmark-1" }, { "", "activity-form" },
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(field, names[i][0]) == 0)
			return names[i][1];
	return field;
}

void page_activity_post(struct web_request *req, struct web_response *resp)
{
	struct activity_form f;
	form_from_request(req, &f);
	struct activity_change_request rq = {
		.activity_id = req->captures[0], .name = f.name, .description = f.description,
		.sessions = f.sessions, .cohort = f.cohort, .kind = f.kind, .note = f.note,
		.set_benchmarks = true, .benchmarks = f.benchmarks, .bad_benchmark = f.bad_benchmark,
		.provider_access = f.provider_access,
	};
	struct principal who = web_principal(req);
	struct action_ctx ctx = web_action_ctx(req, &who);
	struct action_result r;
	action_result_init(&r);
	enum action_status status = activity_change(&ctx, &rq, &r);
	if (status == ACTION_OK) {
		struct buf location = BUF_INIT;
		buf_printf(&location, "/programme?done=%s&activity=", r.made ? "saved" : "unchanged");
		url_encode(&location, rq.activity_id);
		buf_puts(&location, "#activity-");
		url_encode(&location, rq.activity_id);
		web_redirect(resp, buf_str(&location));
		buf_free(&location);
	} else if (status == ACTION_INVALID) {
		/* The activity as it is, with the values as sent. */
		struct programme p;
		struct activity *a = load_activity(req, resp, &p);
		if (a) {
			struct form_errors errors = { 0 };
			for (size_t i = 0; i < r.problem_count; i++)
				form_error(&errors, form_field_of(r.problems[i].field), "%s",
					   r.problems[i].message);
			resp->status = 400;
			activity_form_page(req, resp, &p, a, &f, &errors);
			programme_free(&p);
		}
	} else {
		web_error(req, resp, status == ACTION_FORBIDDEN ? 403 : status == ACTION_NOT_FOUND ? 404 : 500,
			  r.problem_count ? r.problems[0].message : "Try again.");
	}
	action_result_free(&r);
}
