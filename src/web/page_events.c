/* The calendar and the year's events, and scheduling an event with its
 * timing checked against the activity's rule. */
#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "domain/timing.h"
#include "domain/limits.h"
#include "store/audit_store.h"
#include "store/calendar_store.h"
#include "store/event_store.h"
#include "store/programme_store.h"
#include "store/student_store.h"
#include "util/html.h"
#include "util/mem.h"
#include "util/text.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/view.h"

enum { TITLE_MAX_CHARS = LIMIT_TITLE, ORGANISATIONS_MAX = 32 };

static const struct done_message events_done[] = {
	{ "added", "The event was added." },
	{ NULL, NULL },
};

static bool may_schedule(const struct web_request *req)
{
	return req->user->role == ROLE_LEADER || req->user->role == ROLE_ADMIN;
}

static bool may_take_registers(const struct web_request *req)
{
	return may_schedule(req) || req->user->role == ROLE_TUTOR;
}

/* The year groups whose events the user sees: every one, or for a tutor
 * the year groups their pupils (domain/scope.h) were in that year. -1 on
 * error. */
static int visible_year_groups(struct web_request *req, int start_year, unsigned *mask)
{
	*mask = 0;
	if (req->user->role != ROLE_TUTOR) {
		for (int y = YEAR_GROUP_FIRST; y <= YEAR_GROUP_LAST; y++)
			*mask |= 1u << y;
		return 0;
	}
	struct roster_existing_list roster;
	if (student_store_load_existing(req->db, req->app->school_id, start_year, &roster) != 0) {
		roster_existing_list_free(&roster);
		return -1;
	}
	for (size_t i = 0; i < roster.count; i++) {
		const struct roster_existing *x = &roster.items[i];
		if (x->enrolled_this_year && view_covers_student(req, x->pupil.id))
			*mask |= 1u << x->this_year.year_group;
	}
	roster_existing_list_free(&roster);
	return 0;
}

static unsigned event_years(const struct event_info *e)
{
	return e->year_group ? 1u << e->year_group : e->activity_year_groups;
}

/* "Term 1", "week A" cells for a date. */
static void term_and_week_cells(const struct school_calendar *cal, date_t d, struct buf *out)
{
	const struct term *t = cal ? calendar_term_of(cal, d) : NULL;
	if (t)
		html_fmt(out, "<td>Term %d</td>", t->ordinal);
	else
		html_raw(out, cal ? "<td>holiday</td>" : "<td>-</td>");
	char week = cal ? calendar_week_of(cal, d) : 0;
	if (week)
		html_fmt(out, "<td>%c</td>", week);
	else
		html_raw(out, "<td>-</td>");
}

static void year_chooser(struct web_request *req, int start_year, struct buf *out)
{
	int years[16];
	int n = calendar_store_years(req->db, req->app->school_id, years, 16);
	bool listed = false;
	for (int i = 0; i < n; i++)
		listed = listed || years[i] == start_year;
	if (n <= 0 || (n == 1 && listed))
		return;
	html_raw(out, "<form class=\"inline\" method=\"get\" action=\"/events\">"
		      "<label for=\"year\">Academic year</label><select id=\"year\" name=\"year\">");
	char label[8];
	if (!listed)
		form_option(out, academic_year_format(start_year, label),
			    academic_year_format(start_year, label), true);
	for (int i = 0; i < n; i++)
		form_option(out, academic_year_format(years[i], label),
			    academic_year_format(years[i], label), years[i] == start_year);
	html_raw(out, "</select> <button type=\"submit\" class=\"secondary\">Show</button></form>\n");
}

static void terms_section(const struct school_calendar *cal, struct buf *out)
{
	html_raw(out, "<h2 id=\"terms\">Terms</h2>\n<table aria-labelledby=\"terms\"><thead><tr>"
		      "<th scope=\"col\">Term</th><th scope=\"col\">From</th><th scope=\"col\">To</th>"
		      "<th scope=\"col\" class=\"num\">School days</th></tr></thead><tbody>\n");
	int total = 0;
	for (size_t i = 0; i < cal->term_count; i++) {
		const struct term *t = &cal->terms[i];
		int days = calendar_school_days_between(cal, t->start, t->end);
		total += days;
		html_fmt(out, "<tr><th scope=\"row\">Term %d: %s</th><td>", t->ordinal, t->label);
		view_date(out, t->start);
		html_raw(out, "</td><td>");
		view_date(out, t->end);
		html_fmt(out, "</td><td class=\"num\">%d</td></tr>\n", days);
	}
	html_fmt(out, "</tbody><tfoot><tr><th scope=\"row\" colspan=\"3\">The year</th>"
		      "<td class=\"num\">%d</td></tr></tfoot></table>\n", total);
	if (cal->holiday_count) {
		html_raw(out, "<h3 id=\"closures\">Closures inside terms</h3>\n<table "
			      "aria-labelledby=\"closures\"><thead><tr><th scope=\"col\">Closure</th>"
			      "<th scope=\"col\">From</th><th scope=\"col\">To</th></tr></thead><tbody>\n");
		for (size_t i = 0; i < cal->holiday_count; i++) {
			html_fmt(out, "<tr><th scope=\"row\">%s</th><td>", cal->holidays[i].label);
			view_date(out, cal->holidays[i].start);
			html_raw(out, "</td><td>");
			view_date(out, cal->holidays[i].end);
			html_raw(out, "</td></tr>\n");
		}
		html_raw(out, "</tbody></table>\n");
	}
}

static void named_dates_section(const struct school_calendar *cal, const struct programme *p,
				struct buf *out)
{
	html_raw(out, "<h2 id=\"dates\">Named dates</h2>\n");
	if (!cal->date_count) {
		html_raw(out, "<p>No named dates set for this year: set them with "
			      "<code>waymark calendar set-date</code>.</p>\n");
		return;
	}
	html_raw(out, "<table aria-labelledby=\"dates\"><thead><tr><th scope=\"col\">Date name</th>"
		      "<th scope=\"col\">Date</th><th scope=\"col\">Term</th><th scope=\"col\">Week</th>"
		      "</tr></thead><tbody>\n");
	for (size_t i = 0; i < cal->date_count; i++) {
		const struct named_date *nd = &cal->dates[i];
		const char *description = NULL;
		for (size_t k = 0; k < p->date_name_count; k++)
			if (strcmp(p->date_names[k].name, nd->name) == 0)
				description = p->date_names[k].description;
		html_fmt(out, "<tr><th scope=\"row\">%s", description ? description : nd->name);
		if (description)
			html_fmt(out, " <span class=\"meta\">(%s)</span>", nd->name);
		html_raw(out, "</th><td>");
		view_date(out, nd->date);
		html_raw(out, "</td>");
		term_and_week_cells(cal, nd->date, out);
		html_raw(out, "</tr>\n");
	}
	html_raw(out, "</tbody></table>\n");
}

/* "Term 1, week A" (or "holiday") after a date. */
static void term_and_week(const struct school_calendar *cal, date_t d, struct buf *out)
{
	if (!cal)
		return;
	const struct term *t = calendar_term_of(cal, d);
	char week = calendar_week_of(cal, d);
	if (!t)
		html_raw(out, "holiday");
	else if (week)
		html_fmt(out, "Term %d, week %c", t->ordinal, week);
	else
		html_fmt(out, "Term %d", t->ordinal);
}

static void events_section(struct web_request *req, const struct school_calendar *cal,
			   const struct event_info *events, long count, unsigned years,
			   struct buf *out)
{
	html_raw(out, "<h2 id=\"events\">Events</h2>\n");
	if (req->user->role == ROLE_TUTOR)
		html_fmt(out, "<p>Events for the year groups of your tutor groups (%s).</p>\n",
			 *req->user->scope ? req->user->scope : "none yet");
	int shown = 0;
	for (long i = 0; i < count; i++) {
		const struct event_info *e = &events[i];
		if (!(event_years(e) & years))
			continue;
		if (!shown++)
			html_raw(out, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"events\">"
				      "<table class=\"events\" "
				      "aria-labelledby=\"events\"><thead><tr><th scope=\"col\">Date, "
				      "term and week</th><th scope=\"col\">Activity</th>"
				      "<th scope=\"col\">Register</th></tr></thead><tbody>\n");
		html_fmt(out, "<tr id=\"event-%lld\"><td>", e->id);
		view_date(out, e->date);
		html_raw(out, "<br><span class=\"meta\">");
		term_and_week(cal, e->date, out);
		html_fmt(out, "</span></td><th scope=\"row\">%s",
			 e->title[0] ? e->title : e->activity_name);
		html_raw(out, "<br><span class=\"meta\">");
		view_years(out, event_years(e));
		if (e->title[0])
			html_fmt(out, "; %s", e->activity_name);
		if (e->subject[0])
			html_fmt(out, "; in %s", e->subject);
		html_raw(out, "</span></th><td>");
		if (e->marks)
			html_fmt(out, "%d of %d present", e->present, e->marks);
		else
			html_raw(out, "not taken");
		if (may_take_registers(req))
			html_fmt(out, "<br><a class=\"register-link\" href=\"/events/%lld/register\">%s"
				      "<span class=\"visually-hidden\">: %s</span></a>",
				 e->id, e->marks ? "Open register" : "Take register",
				 e->title[0] ? e->title : e->activity_name);
		html_raw(out, "</td></tr>\n");
	}
	if (shown)
		html_raw(out, "</tbody></table></div>\n");
	else
		html_raw(out, "<p>No events scheduled for this year yet.</p>\n");
}

void page_calendar(struct web_request *req, struct web_response *resp)
{
	(void)req;
	web_redirect(resp, "/events");
}

void page_events(struct web_request *req, struct web_response *resp)
{
	int start_year = academic_year_of(req->today);
	const char *year_arg = web_field(req, "year");
	if (year_arg && *year_arg && !academic_year_parse(year_arg, &start_year)) {
		web_error(req, resp, 400, "That is not an academic year: write it like 2025/26.");
		return;
	}
	struct school_calendar cal;
	int have_cal = calendar_store_load(req->db, req->app->school_id, start_year, &cal);
	struct programme p;
	int have_programme = programme_store_load(req->db, req->app->school_id, &p);
	struct event_info *events = NULL;
	long count = event_store_list(req->db, req->app->school_id,
				      academic_year_first_day(start_year),
				      academic_year_last_day(start_year), &events);
	unsigned years;
	if (have_cal < 0 || have_programme < 0 || count < 0 ||
	    visible_year_groups(req, start_year, &years) != 0) {
		web_error(req, resp, 500, "The calendar could not be read. Try again.");
	} else {
		char label[8];
		struct buf title = BUF_INIT;
		buf_printf(&title, "Calendar and events %s", academic_year_format(start_year, label));
		page_begin(req, resp, buf_str(&title), "events");
		buf_free(&title);
		struct buf *out = &resp->body;
		page_done_notice(req, out, events_done);
		year_chooser(req, start_year, out);
		if (may_schedule(req))
			html_raw(out, "<p><a class=\"button\" href=\"/events/new\">Schedule an event</a></p>\n");
		html_raw(out, "<nav aria-label=\"On this page\" class=\"jump\"><ul>"
			      "<li><a href=\"#terms\">Terms</a></li><li><a href=\"#dates\">Named dates</a>"
			      "</li><li><a href=\"#events\">Events</a></li></ul></nav>\n");
		if (have_cal == 1) {
			terms_section(&cal, out);
			named_dates_section(&cal, &p, out);
		} else {
			page_notice(out, "info", "There is no calendar for this year yet: import one "
						 "with `waymark calendar import`.");
		}
		events_section(req, have_cal == 1 ? &cal : NULL, events, count, years, out);
		page_end(req, resp);
	}
	free(events);
	programme_free(&p);
	calendar_free(&cal);
}

/* ---- Scheduling an event ---- */

struct event_form {
	const char *activity;        /* slug */
	const char *date;
	const char *year_group;      /* "" for every year group */
	const char *title;
	const char *subject;         /* "" for none */
	long long organisations[ORGANISATIONS_MAX];
	size_t organisation_count;
	const char *confirm;         /* what the "Schedule anyway" button confirmed */
	bool check_only;             /* the "Check the date" button */
};

/* What the form is about, once read. */
struct event_plan {
	const struct activity *activity;
	date_t date;
	int year_group;
	const char *title;
	const char *subject;
	struct buf warnings;         /* one problem per line */
	int warning_count;
	char confirm_key[128];       /* activity|date|year group */
};

static const char *field_or_empty(const struct web_request *req, const char *name)
{
	const char *v = web_field(req, name);
	return v ? v : "";
}

/* "Thursday 16 October 2025: Term 1 (Autumn term), week A." */
static void describe_date(const struct school_calendar *cal, date_t d, struct buf *out)
{
	static const char *const months[] = { "", "January", "February", "March", "April", "May",
					      "June", "July", "August", "September", "October",
					      "November", "December" };
	int y, m, day;
	date_to_ymd(d, &y, &m, &day);
	html_fmt(out, "%s %d %s %d: ", weekday_title(date_weekday(d)), day, months[m], y);
	if (!cal) {
		char label[8];
		html_fmt(out, "there is no calendar for %s yet.",
			 academic_year_format(academic_year_of(d), label));
		return;
	}
	const struct term *t = calendar_term_of(cal, d);
	if (!t) {
		html_raw(out, "not in a term.");
		return;
	}
	html_fmt(out, "Term %d (%s)", t->ordinal, t->label);
	char week = calendar_week_of(cal, d);
	if (week)
		html_fmt(out, ", week %c", week);
	html_raw(out, calendar_is_school_day(cal, d) ? ", a school day." : ", not a school day.");
}

static void event_form_page(struct web_request *req, struct web_response *resp,
			    const struct programme *p, const struct organisation_info *orgs,
			    long org_count, const struct event_form *f,
			    const struct form_errors *errors, const struct event_plan *plan,
			    const struct school_calendar *cal)
{
	page_begin(req, resp, "Schedule an event", "events");
	struct buf *out = &resp->body;
	html_raw(out, "<p><a href=\"/events\">Back to the events</a></p>\n");
	form_error_summary(out, errors);
	bool warned = plan && plan->warning_count > 0 && !errors->count;
	if (warned) {
		html_fmt(out, "<div class=\"notice notice-warning\" role=\"alert\"><h2>Check the "
			      "timing</h2><p>%s on this date breaks %s timing rule:</p><ul>",
			 plan->activity->name, plan->warning_count == 1 ? "a" : "its");
		const char *line = buf_str(&plan->warnings);
		while (*line) {
			const char *end = strchr(line, '\n');
			size_t len = end ? (size_t)(end - line) : strlen(line);
			char *item = xstrndup(line, len);
			html_fmt(out, "<li>%s</li>", item);
			free(item);
			line += len + (end ? 1 : 0);
		}
		html_raw(out, "</ul><p>Choose another date, or schedule it anyway if the rule does "
			      "not fit this time.</p></div>\n");
	} else if (plan && plan->activity && f->check_only && !errors->count) {
		page_notice(out, "success", "This date meets the activity's timing rule.");
	}

	html_raw(out, "<form class=\"stack\" method=\"post\" action=\"/events/new\" novalidate>\n");
	form_csrf(req, out);

	html_raw(out, "<label for=\"activity\">Activity</label>");
	form_field_error(out, errors, "activity");
	html_raw(out, "<select id=\"activity\" name=\"activity\"");
	form_field_aria(out, errors, "activity");
	html_raw(out, ">");
	form_option(out, "", "Choose an activity", !*f->activity);
	for (size_t i = 0; i < p->activity_count; i++) {
		const struct activity *a = &p->activities[i];
		if (a->retired)
			continue;
		struct buf label = BUF_INIT;
		buf_printf(&label, "%s (", a->name);
		struct buf years = BUF_INIT;
		view_years(&years, a->year_groups);
		buf_printf(&label, "%s)", buf_str(&years));
		form_option(out, a->id, buf_str(&label), strcmp(f->activity, a->id) == 0);
		buf_free(&years);
		buf_free(&label);
	}
	html_raw(out, "</select>\n");

	html_raw(out, "<label for=\"date\">Date</label>");
	if (plan && plan->date != DATE_NONE) {
		html_raw(out, "<span class=\"hint\" id=\"date-hint\">");
		describe_date(cal, plan->date, out);
		html_raw(out, "</span>");
	}
	form_field_error(out, errors, "date");
	html_fmt(out, "<input id=\"date\" name=\"date\" type=\"date\" required class=\"short\" "
		      "value=\"%s\"",
		 f->date);
	if (plan && plan->date != DATE_NONE && !form_error_for(errors, "date"))
		html_raw(out, " aria-describedby=\"date-hint\"");
	form_field_aria(out, errors, "date");
	html_raw(out, ">\n");

	html_raw(out, "<label for=\"year_group\">Year group <span class=\"hint\">Leave it at every "
		      "year group when the whole activity's years take part together.</span></label>");
	form_field_error(out, errors, "year_group");
	html_raw(out, "<select id=\"year_group\" name=\"year_group\" class=\"short\"");
	form_field_aria(out, errors, "year_group");
	html_raw(out, ">");
	form_option(out, "", "Every year group of the activity", !*f->year_group);
	for (int y = YEAR_GROUP_FIRST; y <= YEAR_GROUP_LAST; y++) {
		char value[12], label[24];
		snprintf(value, sizeof value, "%d", y);
		snprintf(label, sizeof label, "Year %d", y);
		form_option(out, value, label, strcmp(f->year_group, value) == 0);
	}
	html_raw(out, "</select>\n");

	html_raw(out, "<label for=\"title\">Title <span class=\"hint\">Optional: what staff and "
		      "pupils call this session, if not the activity's name.</span></label>");
	form_field_error(out, errors, "title");
	html_fmt(out, "<input id=\"title\" name=\"title\" type=\"text\" maxlength=\"%d\" value=\"%s\"",
		 TITLE_MAX_CHARS, f->title);
	form_field_aria(out, errors, "title");
	html_raw(out, ">\n");

	if (p->subject_count) {
		html_raw(out, "<label for=\"subject\">Subject <span class=\"hint\">Optional: the "
			      "curriculum subject of a careers link (Benchmark 4).</span></label>");
		form_field_error(out, errors, "subject");
		html_raw(out, "<select id=\"subject\" name=\"subject\"");
		form_field_aria(out, errors, "subject");
		html_raw(out, ">");
		form_option(out, "", "None", !*f->subject);
		for (size_t i = 0; i < p->subject_count; i++)
			form_option(out, p->subjects[i], p->subjects[i],
				    strcmp(f->subject, p->subjects[i]) == 0);
		html_raw(out, "</select>\n");
	}

	html_raw(out, "<fieldset class=\"choices\" id=\"organisations\" tabindex=\"-1\">"
		      "<legend>Organisations that came</legend>");
	form_field_error(out, errors, "organisations");
	if (org_count <= 0)
		html_raw(out, "<p class=\"hint\">No organisations recorded yet: add them with "
			      "<code>waymark org add</code>.</p>");
	for (long i = 0; i < org_count; i++) {
		bool checked = false;
		for (size_t k = 0; k < f->organisation_count; k++)
			checked = checked || f->organisations[k] == orgs[i].id;
		html_fmt(out, "<div class=\"choice\"><input type=\"checkbox\" id=\"organisation-%lld\" "
			      "name=\"organisation\" value=\"%lld\"%s><label for=\"organisation-%lld\">"
			      "%s <span class=\"meta\">(%s)</span></label></div>",
			 orgs[i].id, orgs[i].id, checked ? " checked" : "", orgs[i].id, orgs[i].name,
			 orgs[i].kind);
	}
	html_raw(out, "</fieldset>\n");

	if (warned)
		html_fmt(out, "<input type=\"hidden\" name=\"confirm\" value=\"%s\">"
			      "<button type=\"submit\" class=\"warning\">Schedule anyway</button> ",
			 plan->confirm_key);
	else
		html_raw(out, "<button type=\"submit\">Schedule event</button> ");
	html_raw(out, "<button type=\"submit\" name=\"check\" value=\"1\" class=\"secondary\">"
		      "Check the date</button>\n</form>\n");
	page_end(req, resp);
}

void page_event_new(struct web_request *req, struct web_response *resp)
{
	struct programme p;
	struct organisation_info *orgs = NULL;
	int found = programme_store_load(req->db, req->app->school_id, &p);
	long org_count = organisation_store_list(req->db, req->app->school_id, &orgs);
	if (found < 0 || org_count < 0) {
		web_error(req, resp, 500, "The programme could not be read. Try again.");
	} else if (found == 0) {
		web_error(req, resp, 409, "This school has no programme yet: import one first.");
	} else {
		/* ?activity= and ?date= fill the form in; a date shows its term
		 * and week straight away. */
		struct event_form f = { .activity = field_or_empty(req, "activity"),
					.date = field_or_empty(req, "date"), .year_group = "",
					.title = "", .subject = "" };
		struct event_plan plan = { .date = DATE_NONE, .warnings = BUF_INIT };
		struct school_calendar cal;
		calendar_init(&cal, 0);
		int have_cal = 0;
		if (date_parse_iso(f.date, &plan.date))
			have_cal = calendar_store_load(req->db, req->app->school_id,
						       academic_year_of(plan.date), &cal);
		else
			plan.date = DATE_NONE;
		struct form_errors errors = { 0 };
		event_form_page(req, resp, &p, orgs, org_count, &f, &errors, &plan,
				have_cal == 1 ? &cal : NULL);
		calendar_free(&cal);
	}
	free(orgs);
	programme_free(&p);
}

static void collect_warning(void *ctx, const char *problem)
{
	struct event_plan *plan = ctx;
	/* The same words for two year groups are one warning. */
	const char *s = buf_str(&plan->warnings);
	size_t n = strlen(problem);
	for (const char *line = s; *line;) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		if (len == n && memcmp(line, problem, n) == 0)
			return;
		line += len + (end ? 1 : 0);
	}
	buf_printf(&plan->warnings, "%s\n", problem);
	plan->warning_count++;
}

/* The first event of the activity named by slug serving year_group in the
 * year's events, or DATE_NONE. */
static date_t first_session(const struct event_info *events, long count, const char *slug,
			    int year_group)
{
	for (long i = 0; i < count; i++)
		if (strcmp(events[i].activity_slug, slug) == 0 &&
		    ((event_years(&events[i]) >> year_group) & 1))
			return events[i].date;
	return DATE_NONE;
}

/* Timing problems of the plan's date, as `waymark check timing` finds them
 * for one event: once for each year group it serves. */
static int check_timing(struct web_request *req, struct event_plan *plan,
			const struct school_calendar *cal)
{
	const struct activity *a = plan->activity;
	if (!cal) {
		char label[8];
		buf_printf(&plan->warnings, "There is no calendar for %s, so the timing cannot be checked.\n",
			   academic_year_format(academic_year_of(plan->date), label));
		plan->warning_count++;
		return 0;
	}
	if (!calendar_is_school_day(cal, plan->date)) {
		char iso[DATE_ISO_LEN];
		buf_printf(&plan->warnings, "%s is not a school day.\n",
			   date_format_iso(plan->date, iso));
		plan->warning_count++;
	}
	unsigned served = plan->year_group ? 1u << plan->year_group : a->year_groups;
	if (!a->timing.before_activity) {
		timing_check_date(&a->timing, cal, plan->date, DATE_NONE, collect_warning, plan);
		return 0;
	}
	int start_year = academic_year_of(plan->date);
	struct event_info *events;
	long count = event_store_list(req->db, req->app->school_id,
				      academic_year_first_day(start_year),
				      academic_year_last_day(start_year), &events);
	if (count < 0)
		return -1;
	for (int y = YEAR_GROUP_FIRST; y <= YEAR_GROUP_LAST; y++)
		if ((served >> y) & 1)
			timing_check_date(&a->timing, cal, plan->date,
					  first_session(events, count, a->timing.before_activity, y),
					  collect_warning, plan);
	free(events);
	return 0;
}

/* Reads and checks the form; fills plan. */
static void read_event_form(struct web_request *req, const struct programme *p,
			    const struct organisation_info *orgs, long org_count,
			    struct event_form *f, struct event_plan *plan,
			    struct form_errors *errors)
{
	*f = (struct event_form){
		.activity = field_or_empty(req, "activity"),
		.date = field_or_empty(req, "date"),
		.year_group = field_or_empty(req, "year_group"),
		.title = field_or_empty(req, "title"),
		.subject = field_or_empty(req, "subject"),
		.confirm = web_field(req, "confirm"),
		.check_only = web_field(req, "check") != NULL,
	};
	plan->date = DATE_NONE;
	plan->activity = programme_find_activity(p, f->activity);
	if (plan->activity && plan->activity->retired)
		plan->activity = NULL;
	if (!plan->activity)
		form_error(errors, "activity", "Choose the activity");
	if (!date_parse_iso(f->date, &plan->date)) {
		plan->date = DATE_NONE;
		form_error(errors, "date", "Enter the date, like 2025-10-16");
	}
	long year = 0;
	if (*f->year_group && !text_to_int(f->year_group, YEAR_GROUP_FIRST, YEAR_GROUP_LAST, &year))
		form_error(errors, "year_group", "Choose a year group from 7 to 13");
	else if (year && plan->activity && !((plan->activity->year_groups >> year) & 1)) {
		struct buf years = BUF_INIT;
		view_years(&years, plan->activity->year_groups);
		form_error(errors, "year_group", "%s is for %s, not Year %ld: choose one of its year groups",
			   plan->activity->name, buf_str(&years), year);
		buf_free(&years);
	}
	plan->year_group = (int)year;
	const char *title_problem = text_limit_problem(f->title, TITLE_MAX_CHARS, true);
	if (title_problem)
		form_error(errors, "title", "The title %s: shorten it to %d characters or fewer, on "
					    "one line", title_problem, TITLE_MAX_CHARS);
	plan->title = f->title;
	plan->subject = NULL;
	if (*f->subject && !(plan->subject = programme_subject(p, f->subject)))
		form_error(errors, "subject", "Choose one of the programme's subjects, or none");
	for (size_t i = 0; i < req->field_count; i++) {
		if (strcmp(req->fields[i].name, "organisation") != 0)
			continue;
		long id = 0;
		bool known = false;
		if (text_to_int(req->fields[i].value, 1, LONG_MAX, &id))
			for (long k = 0; k < org_count; k++)
				known = known || orgs[k].id == id;
		if (!known || f->organisation_count == ORGANISATIONS_MAX) {
			if (!form_error_for(errors, "organisations"))
				form_error(errors, "organisations",
					   "Choose up to %d of the organisations listed", ORGANISATIONS_MAX);
			continue;
		}
		f->organisations[f->organisation_count++] = id;
	}
	if (plan->activity && plan->date != DATE_NONE) {
		char iso[DATE_ISO_LEN];
		snprintf(plan->confirm_key, sizeof plan->confirm_key, "%s|%s|%d",
			 plan->activity->id, date_format_iso(plan->date, iso), plan->year_group);
	}
}

static char *describe_event(const struct event_plan *plan, const struct organisation_info *orgs,
			    long org_count, const struct event_form *f)
{
	char iso[DATE_ISO_LEN];
	json_t *after = json_object();
	json_object_set_new(after, "activity", json_string(plan->activity->id));
	json_object_set_new(after, "date", json_string(date_format_iso(plan->date, iso)));
	json_object_set_new(after, "year_group",
			    plan->year_group ? json_integer(plan->year_group) : json_null());
	json_object_set_new(after, "title", *plan->title ? json_string(plan->title) : json_null());
	json_object_set_new(after, "subject", plan->subject ? json_string(plan->subject) : json_null());
	json_t *names = json_array();
	for (size_t i = 0; i < f->organisation_count; i++)
		for (long k = 0; k < org_count; k++)
			if (orgs[k].id == f->organisations[i])
				json_array_append_new(names, json_string(orgs[k].name));
	json_object_set_new(after, "organisations", names);
	json_object_set_new(after, "timing_warnings_overridden", json_integer(plan->warning_count));
	json_t *root = json_object();
	json_object_set_new(root, "after", after);
	char *text = json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(root);
	return text;
}

void page_event_new_post(struct web_request *req, struct web_response *resp)
{
	struct programme p;
	struct organisation_info *orgs = NULL;
	int found = programme_store_load(req->db, req->app->school_id, &p);
	long org_count = organisation_store_list(req->db, req->app->school_id, &orgs);
	if (found != 1 || org_count < 0) {
		web_error(req, resp, found == 0 ? 409 : 500,
			  found == 0 ? "This school has no programme yet: import one first."
				     : "The programme could not be read. Try again.");
		free(orgs);
		programme_free(&p);
		return;
	}
	struct event_form f;
	struct event_plan plan = { .warnings = BUF_INIT };
	struct form_errors errors = { 0 };
	read_event_form(req, &p, orgs, org_count, &f, &plan, &errors);

	struct school_calendar cal;
	calendar_init(&cal, 0);
	int have_cal = plan.date != DATE_NONE
		? calendar_store_load(req->db, req->app->school_id, academic_year_of(plan.date), &cal)
		: 0;
	if (have_cal < 0 || (!errors.count && check_timing(req, &plan, have_cal == 1 ? &cal : NULL) != 0)) {
		web_error(req, resp, 500, "The calendar could not be read. Try again.");
		goto done;
	}
	/* "Schedule anyway" confirms the warnings of exactly what it was
	 * shown: a changed activity, date or year group is checked again. */
	bool confirmed = f.confirm && strcmp(f.confirm, plan.confirm_key) == 0;
	if (errors.count || f.check_only || (plan.warning_count && !confirmed)) {
		resp->status = errors.count ? 400 : 200;
		event_form_page(req, resp, &p, orgs, org_count, &f, &errors, &plan,
				have_cal == 1 ? &cal : NULL);
		goto done;
	}

	long long id = 0;
	char *detail = describe_event(&plan, orgs, org_count, &f);
	bool ok = db_begin(req->db) == 0 &&
		  event_store_add(req->db, req->app->school_id, plan.activity->db_id, plan.date,
				  plan.year_group, plan.title, plan.subject, &id) == 0;
	for (size_t i = 0; ok && i < f.organisation_count; i++)
		ok = event_store_link_organisation(req->db, id, f.organisations[i]) == 0;
	char key[24];
	snprintf(key, sizeof key, "%lld", id);
	ok = ok && audit_record(req->db, req->app->school_id, req->user->login, "event.add", "event",
				key, detail) == 0 &&
	     db_commit(req->db) == 0;
	free(detail);
	if (!ok) {
		db_rollback(req->db);
		web_error(req, resp, 500, "The event could not be added. Try again.");
		goto done;
	}
	char location[96], label[8];
	snprintf(location, sizeof location, "/events?year=%s&done=added#event-%lld",
		 academic_year_format(academic_year_of(plan.date), label), id);
	web_redirect(resp, location);
done:
	calendar_free(&cal);
	buf_free(&plan.warnings);
	free(orgs);
	programme_free(&p);
}
