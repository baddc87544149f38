/* The calendar and the year's events, and scheduling an event with its
 * timing checked against the activity's rule. */
#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "action/event_action.h"
#include "domain/limits.h"
#include "domain/timing.h"
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

enum { TITLE_MAX_CHARS = LIMIT_TITLE };

static const struct done_message events_done[] = {
	{ "added", "The event was added." },
	{ "changed", "The event was changed." },
	{ "series-added", "The repeating events were added." },
	{ "series-changed", "Every event of the series was changed." },
	{ "series-cancelled", "The series was cancelled from today on: its events are kept, and count in no figure." },
	{ "series-reinstated", "The series' cancelled events were reinstated." },
	{ "series-deleted", "The series was deleted." },
	{ "cancelled", "The event was cancelled: it is kept, and counts in no figure." },
	{ "reinstated", "The event was reinstated: it counts again." },
	{ "deleted", "The event was deleted." },
	{ "date-saved", "The named date was saved." },
	{ "week-saved", "The week's letter was saved: the weeks after it follow from it." },
	{ "calendar-imported", "The calendar was imported." },
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

/* A form that sets one named date: the date box labelled with what the
 * date is for. */
static void named_date_form(const struct web_request *req, int start_year, const char *name,
			    const char *description, date_t current, struct buf *out)
{
	char iso[DATE_ISO_LEN] = "", label[8];
	if (current != DATE_NONE)
		date_format_iso(current, iso);
	html_raw(out, "<form class=\"inline\" method=\"post\" action=\"/calendar/dates\">");
	form_csrf(req, out);
	html_fmt(out, "<input type=\"hidden\" name=\"year\" value=\"%s\">"
		      "<input type=\"hidden\" name=\"name\" value=\"%s\">"
		      "<label class=\"visually-hidden\" for=\"date-%s\">Date of %s</label>"
		      "<input id=\"date-%s\" name=\"date\" type=\"date\" value=\"%s\" required> "
		      "<button type=\"submit\" class=\"secondary\">Save<span class=\"visually-hidden\"> "
		      "the date of %s</span></button></form>",
		 academic_year_format(start_year, label), name, name, description, name, iso,
		 description);
}

/* The programme's named dates (set or not) and any others the calendar
 * holds; the careers leader sets each one here. */
static void named_dates_section(const struct web_request *req, const struct school_calendar *cal,
				const struct programme *p, struct buf *out)
{
	bool edit = may_schedule(req);
	html_raw(out, "<h2 id=\"dates\">Named dates</h2>\n<p class=\"hint\">Timing rules use "
		      "these: \"the week leading up to the careers fair\".</p>\n");
	if (!cal->date_count && !p->date_name_count) {
		html_raw(out, "<p>No named dates set for this year, and the programme uses none.</p>\n");
		return;
	}
	html_fmt(out, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" "
		      "aria-labelledby=\"dates\"><table aria-labelledby=\"dates\"><thead><tr>"
		      "<th scope=\"col\">Date name</th>"
		      "<th scope=\"col\">Date</th><th scope=\"col\">Term</th><th scope=\"col\">Week</th>"
		      "%s</tr></thead><tbody>\n",
		 edit ? "<th scope=\"col\">Change it</th>" : "");
	/* The programme's dates first, in its order; then the calendar's own. */
	for (size_t k = 0; k < p->date_name_count + cal->date_count; k++) {
		const char *name, *description;
		if (k < p->date_name_count) {
			name = p->date_names[k].name;
			description = p->date_names[k].description;
		} else {
			name = cal->dates[k - p->date_name_count].name;
			description = NULL;
			bool listed = false;
			for (size_t j = 0; j < p->date_name_count && !listed; j++)
				listed = strcmp(p->date_names[j].name, name) == 0;
			if (listed)
				continue;
		}
		date_t d = calendar_named_date(cal, name);
		html_fmt(out, "<tr><th scope=\"row\">%s", description ? description : name);
		if (description)
			html_fmt(out, " <span class=\"meta\">(%s)</span>", name);
		html_raw(out, "</th><td>");
		if (d == DATE_NONE) {
			html_raw(out, "not set</td><td>-</td><td>-</td>");
		} else {
			view_date(out, d);
			html_raw(out, "</td>");
			term_and_week_cells(cal, d, out);
		}
		if (edit) {
			html_raw(out, "<td>");
			named_date_form(req, cal->start_year, name, description ? description : name, d,
					out);
			html_raw(out, "</td>");
		}
		html_raw(out, "</tr>\n");
	}
	html_raw(out, "</tbody></table></div>\n");
}

/* The A/B weeks, generated from the terms unless set by hand; the careers
 * leader sets one week and those after it follow. */
static void weeks_section(const struct web_request *req, const struct school_calendar *cal,
			  struct buf *out)
{
	html_raw(out, "<h2 id=\"weeks\">A and B weeks</h2>\n");
	int edited = 0;
	for (size_t i = 0; i < cal->week_count; i++)
		edited += cal->weeks[i].edited;
	html_fmt(out, "<p>%zu school weeks; %d set by hand, the others following from them and the "
		      "first week (week %c).</p>\n",
		 cal->week_count, edited, cal->first_week ? cal->first_week : 'A');
	if (may_schedule(req)) {
		char label[8];
		html_raw(out, "<form class=\"inline\" method=\"post\" action=\"/calendar/weeks\">");
		form_csrf(req, out);
		html_fmt(out, "<input type=\"hidden\" name=\"year\" value=\"%s\">"
			      "<label for=\"week-date\">A day of the week</label>"
			      "<input id=\"week-date\" name=\"date\" type=\"date\" required> "
			      "<label for=\"week-letter\">is week</label><select id=\"week-letter\" "
			      "name=\"letter\"><option value=\"A\">A</option><option value=\"B\">B"
			      "</option></select> <button type=\"submit\" class=\"secondary\">Save the "
			      "week</button></form>\n",
			 academic_year_format(cal->start_year, label));
	}
	html_raw(out, "<details><summary>Every school week</summary>\n<table><thead><tr>"
		      "<th scope=\"col\">Week of</th><th scope=\"col\">Week</th><th scope=\"col\">"
		      "How</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < cal->week_count; i++) {
		html_raw(out, "<tr><th scope=\"row\">");
		view_date(out, cal->weeks[i].monday);
		html_fmt(out, "</th><td>%c</td><td>%s</td></tr>\n", cal->weeks[i].week,
			 cal->weeks[i].edited ? "set by hand" : "follows");
	}
	html_raw(out, "</tbody></table></details>\n");
}

/* The careers leader's way to add a year's calendar: its file. */
static void calendar_upload_form(const struct web_request *req, struct buf *out)
{
	html_raw(out, "<form class=\"stack\" method=\"post\" action=\"/calendar/import\" "
		      "enctype=\"multipart/form-data\">\n");
	form_csrf(req, out);
	html_raw(out, "<label for=\"calendar-file\">Calendar file<span class=\"hint\">The year's "
		      "terms, closures and named dates (docs/calendar-format.md); it replaces that "
		      "year's calendar</span></label>\n<input id=\"calendar-file\" name=\"file\" "
		      "type=\"file\" accept=\".yaml,.yml,.json\" required>\n<button type=\"submit\">"
		      "Import the calendar</button>\n</form>\n");
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
		const char *name = e->title[0] ? e->title : e->activity_name;
		/* A change's message just above the row it changed, on screen. */
		const char *changed = web_field(req, "event");
		long changed_id;
		if (changed && text_to_int(changed, 1, LONG_MAX, &changed_id) && changed_id == e->id) {
			html_raw(out, "<tr class=\"row-notice\"><td colspan=\"3\">");
			page_done_notice(req, out, events_done);
			html_raw(out, "</td></tr>\n");
		}
		html_fmt(out, "<tr id=\"event-%lld\"%s><td>", e->id,
			 e->cancelled ? " class=\"cancelled\"" : "");
		view_date(out, e->date);
		char hh_mm[6];
		if (e->start_minutes >= 0)
			html_fmt(out, " %s", event_time_format(e->start_minutes, hh_mm));
		html_raw(out, "<br><span class=\"meta\">");
		term_and_week(cal, e->date, out);
		html_raw(out, "</span></td><th scope=\"row\">");
		/* Struck through, and said in words for those who cannot see it. */
		if (e->cancelled)
			html_fmt(out, "<del>%s</del> <strong class=\"tag\">Cancelled</strong>", name);
		else if (may_schedule(req))
			html_fmt(out, "<a href=\"/events/%lld\">%s</a>", e->id, name);
		else
			html_fmt(out, "%s", name);
		html_raw(out, "<br><span class=\"meta\">");
		view_years(out, event_years(e));
		if (e->title[0])
			html_fmt(out, "; %s", e->activity_name);
		if (e->subject[0])
			html_fmt(out, "; in %s", e->subject);
		if (e->cancelled && e->cancel_reason[0])
			html_fmt(out, "; %s", e->cancel_reason);
		html_raw(out, "</span>");
		if (e->cancelled && may_schedule(req))
			html_fmt(out, "<br><a href=\"/events/%lld\">Reinstate or change"
				      "<span class=\"visually-hidden\">: %s</span></a>", e->id, name);
		html_raw(out, "</th><td>");
		if (e->marks)
			html_fmt(out, "%d of %d present", e->present, e->marks);
		else if (e->cancelled)
			html_raw(out, "none: cancelled");
		else if (e->date > req->today)
			html_raw(out, "not due yet");
		else
			html_raw(out, "not taken");
		/* A register is taken on the day or after, never before, and
		 * not for a cancelled event. */
		if (may_take_registers(req) && !e->cancelled && e->date <= req->today)
			html_fmt(out, "<br><a class=\"register-link\" href=\"/events/%lld/register\">%s"
				      "<span class=\"visually-hidden\">: %s</span></a>",
				 e->id, e->marks ? "Open register" : "Take register", name);
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
		if (!web_field(req, "event"))
			page_done_notice(req, out, events_done);
		year_chooser(req, start_year, out);
		if (may_schedule(req))
			html_raw(out, "<p><a class=\"button\" href=\"/events/new\">Schedule an event</a> "
				      "<a class=\"button secondary\" href=\"/organisations\">Organisations"
				      "</a></p>\n");
		html_raw(out, "<nav aria-label=\"On this page\" class=\"jump\"><ul>"
			      "<li><a href=\"#terms\">Terms</a></li><li><a href=\"#dates\">Named dates</a>"
			      "</li><li><a href=\"#weeks\">A and B weeks</a></li>"
			      "<li><a href=\"#events\">Events</a></li></ul></nav>\n");
		if (have_cal == 1) {
			terms_section(&cal, out);
			named_dates_section(req, &cal, &p, out);
			weeks_section(req, &cal, out);
		} else {
			page_notice(out, "info", "There is no calendar for this year yet: the careers "
						 "leader or data manager imports the school's calendar "
						 "file to add it.");
		}
		if (may_schedule(req)) {
			html_raw(out, "<details><summary>Import a calendar file</summary>\n");
			calendar_upload_form(req, out);
			html_raw(out, "</details>\n");
		}
		events_section(req, have_cal == 1 ? &cal : NULL, events, count, years, out);
		page_end(req, resp);
	}
	free(events);
	programme_free(&p);
	calendar_free(&cal);
}

/* ---- Scheduling and changing an event ---- */

/* The form as sent (or, for a new form, as filled in from the address or
 * the event). */
struct event_form {
	const char *activity;        /* slug */
	const char *date;
	const char *time;            /* "" for none */
	const char *year_group;      /* "" for every year group */
	const char *title;
	const char *subject;         /* "" for none */
	const char *organisations[EVENT_ORGANISATIONS_MAX]; /* ids, as sent */
	size_t organisation_count;
	const char *repeat;          /* "", "weekly" or "same-week" (a new event) */
	bool whole_series;           /* the change is for every event of the series */
	const char *confirm;         /* what the "anyway" button confirmed */
	bool check_only;             /* the "Check the date" button */
};

/* The event the form is about: new (id 0) or one that exists. */
struct event_page {
	long long id;
	const struct event_info *event;  /* NULL when new */
	char confirm_key[128];           /* activity|date|year group, for "anyway" */
};

static const char *field_or_empty(const struct web_request *req, const char *name)
{
	const char *v = web_field(req, name);
	return v ? v : "";
}

/* "Thursday 16 October 2025: Term 1 (Autumn term), week A." */
static void describe_date(const struct school_calendar *cal, date_t d, struct buf *out)
{
	int y, m, day;
	date_to_ymd(d, &y, &m, &day);
	html_fmt(out, "%s %d %s %d: ", weekday_title(date_weekday(d)), day, month_title(m), y);
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

/* The form's fields as the action's request. Text the form cannot mean
 * (a date that is not one) becomes what the action refuses with its own
 * words. */
static void request_of_form(const struct event_form *f, struct event_request *rq)
{
	*rq = (struct event_request){ .activity = f->activity, .title = f->title,
				      .subject = f->subject, .start_minutes = -1 };
	if (!date_parse_iso(f->date, &rq->date))
		rq->date = DATE_NONE;
	if (*f->time && (rq->start_minutes = event_time_parse(f->time)) < 0)
		rq->start_minutes = -2;
	long year = 0;
	if (*f->year_group && !text_to_int(f->year_group, YEAR_GROUP_FIRST, YEAR_GROUP_LAST, &year))
		year = -1;
	rq->year_group = (int)year;
	rq->repeat = strcmp(f->repeat, "weekly") == 0 ? REPEAT_WEEKLY
		   : strcmp(f->repeat, "same-week") == 0 ? REPEAT_SAME_WEEK : REPEAT_NONE;
	rq->whole_series = f->whole_series;
	for (size_t i = 0; i < f->organisation_count; i++)
		rq->organisations[rq->organisation_count++] = f->organisations[i];
}

static void read_event_form(struct web_request *req, struct event_form *f,
			    struct form_errors *errors)
{
	*f = (struct event_form){
		.activity = field_or_empty(req, "activity"),
		.date = field_or_empty(req, "date"),
		.time = field_or_empty(req, "time"),
		.year_group = field_or_empty(req, "year_group"),
		.title = field_or_empty(req, "title"),
		.subject = field_or_empty(req, "subject"),
		.repeat = field_or_empty(req, "repeat"),
		.whole_series = web_field(req, "series") != NULL,
		.confirm = web_field(req, "confirm"),
		.check_only = web_field(req, "check") != NULL,
	};
	if (*f->repeat && strcmp(f->repeat, "weekly") != 0 && strcmp(f->repeat, "same-week") != 0)
		form_error(errors, "repeat", "Choose how the event repeats, or that it does not");
	for (size_t i = 0; i < req->field_count; i++) {
		if (strcmp(req->fields[i].name, "organisation") != 0)
			continue;
		if (f->organisation_count == EVENT_ORGANISATIONS_MAX) {
			form_error(errors, "organisations", "Choose up to %d of the organisations listed",
				   EVENT_ORGANISATIONS_MAX);
			break;
		}
		/* Ids only: a name typed into a tampered form is not looked up. */
		long id;
		if (!text_to_int(req->fields[i].value, 1, LONG_MAX, &id)) {
			form_error(errors, "organisations", "Choose from the organisations listed");
			break;
		}
		f->organisations[f->organisation_count++] = req->fields[i].value;
	}
}

static void form_of_event(const struct event_info *e, long long *org_ids, int org_count,
			  char storage[][24], char date[DATE_ISO_LEN], char time[6], char year[4],
			  struct event_form *f)
{
	*f = (struct event_form){ .activity = e->activity_slug, .date = date_format_iso(e->date, date),
				  .time = event_time_format(e->start_minutes, time), .year_group = "",
				  .title = e->title, .subject = e->subject, .repeat = "" };
	if (e->year_group) {
		snprintf(year, 4, "%d", e->year_group);
		f->year_group = year;
	}
	for (int i = 0; i < org_count && i < EVENT_ORGANISATIONS_MAX; i++) {
		snprintf(storage[i], 24, "%lld", org_ids[i]);
		f->organisations[f->organisation_count++] = storage[i];
	}
}

static void warnings_notice(struct buf *out, const char *activity_name, const struct action_result *r)
{
	html_fmt(out, "<div class=\"notice notice-warning\" role=\"alert\"><h2>Check the "
		      "timing</h2><p>%s on this date breaks %s timing rule:</p><ul>",
		 activity_name, r->warning_count == 1 ? "a" : "its");
	const char *line = buf_str(&r->warnings);
	while (*line) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		char *item = xstrndup(line, len);
		html_fmt(out, "<li>%s</li>", item);
		free(item);
		line += len + (end ? 1 : 0);
	}
	html_raw(out, "</ul><p>Choose another date, or go ahead anyway if the rule does "
		      "not fit this time.</p></div>\n");
}

static void activity_field(struct buf *out, const struct programme *p, const struct event_form *f,
			   const struct form_errors *errors)
{
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
}

static void year_group_field(struct buf *out, const struct event_form *f,
			     const struct form_errors *errors)
{
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
}

static void event_form_page(struct web_request *req, struct web_response *resp,
			    const struct programme *p, const struct organisation_info *orgs,
			    long org_count, const struct event_form *f,
			    const struct form_errors *errors, const struct action_result *r,
			    const struct event_page *ev, const struct school_calendar *cal)
{
	page_begin(req, resp, ev->id ? "Change the event" : "Schedule an event", "events");
	struct buf *out = &resp->body;
	html_raw(out, "<p><a href=\"/events\">Back to the events</a></p>\n");
	form_error_summary(out, errors);
	const struct activity *activity = programme_find_activity(p, f->activity);
	date_t date;
	if (!date_parse_iso(f->date, &date))
		date = DATE_NONE;
	bool warned = r && r->status == ACTION_UNCONFIRMED && !errors->count && activity;
	if (warned)
		warnings_notice(out, activity->name, r);
	else if (r && activity && f->check_only && !errors->count)
		page_notice(out, "success", "This date meets the activity's timing rule.");

	if (ev->id)
		html_fmt(out, "<form class=\"stack\" method=\"post\" action=\"/events/%lld\" novalidate>\n",
			 ev->id);
	else
		html_raw(out, "<form class=\"stack\" method=\"post\" action=\"/events/new\" novalidate>\n");
	form_csrf(req, out);

	/* A register fixes the activity and year groups: shown, not offered. */
	bool fixed = ev->event && ev->event->marks > 0;
	if (fixed) {
		struct buf years = BUF_INIT;
		view_years(&years, event_years(ev->event));
		html_fmt(out, "<p><strong>Activity and year groups</strong><br>%s, %s "
			      "<span class=\"hint\">They stay as they are: the register has been "
			      "taken.</span></p><input type=\"hidden\" name=\"activity\" value=\"%s\">"
			      "<input type=\"hidden\" name=\"year_group\" value=\"%s\">\n",
			 ev->event->activity_name, buf_str(&years), f->activity, f->year_group);
		buf_free(&years);
	} else {
		activity_field(out, p, f, errors);
	}

	html_raw(out, "<label for=\"date\">Date</label>");
	if (date != DATE_NONE) {
		html_raw(out, "<span class=\"hint\" id=\"date-hint\">");
		describe_date(cal, date, out);
		html_raw(out, "</span>");
	}
	form_field_error(out, errors, "date");
	html_fmt(out, "<input id=\"date\" name=\"date\" type=\"date\" required class=\"short\" "
		      "value=\"%s\"",
		 f->date);
	if (date != DATE_NONE && !form_error_for(errors, "date"))
		html_raw(out, " aria-describedby=\"date-hint\"");
	form_field_aria(out, errors, "date");
	html_raw(out, ">\n");

	html_raw(out, "<label for=\"time\">Start time <span class=\"hint\">Optional, like "
		      "14:30.</span></label>");
	form_field_error(out, errors, "time");
	html_fmt(out, "<input id=\"time\" name=\"time\" type=\"time\" class=\"short\" value=\"%s\"",
		 f->time);
	form_field_aria(out, errors, "time");
	html_raw(out, ">\n");

	if (!fixed)
		year_group_field(out, f, errors);

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
				    strcasecmp(f->subject, p->subjects[i]) == 0);
		html_raw(out, "</select>\n");
	}

	html_raw(out, "<fieldset class=\"choices\" id=\"organisations\" tabindex=\"-1\">"
		      "<legend>Organisations that came</legend>");
	form_field_error(out, errors, "organisations");
	if (org_count <= 0)
		html_raw(out, "<p class=\"hint\">No organisations are recorded yet: add them on the "
			      "<a href=\"/organisations\">organisations page</a>.</p>");
	for (long i = 0; i < org_count; i++) {
		bool checked = false;
		char id[24];
		snprintf(id, sizeof id, "%lld", orgs[i].id);
		for (size_t k = 0; k < f->organisation_count; k++)
			checked = checked || strcmp(f->organisations[k], id) == 0;
		html_fmt(out, "<div class=\"choice\"><input type=\"checkbox\" id=\"organisation-%lld\" "
			      "name=\"organisation\" value=\"%lld\"%s><label for=\"organisation-%lld\">"
			      "%s <span class=\"meta\">(%s)</span></label></div>",
			 orgs[i].id, orgs[i].id, checked ? " checked" : "", orgs[i].id, orgs[i].name,
			 orgs[i].kind);
	}
	html_raw(out, "</fieldset>\n");

	if (!ev->id) {
		html_raw(out, "<label for=\"repeat\">Repeat <span class=\"hint\">To the end of the "
			      "date's term, on school days only.</span></label>");
		form_field_error(out, errors, "repeat");
		html_raw(out, "<select id=\"repeat\" name=\"repeat\"");
		form_field_aria(out, errors, "repeat");
		html_raw(out, ">");
		form_option(out, "", "Does not repeat", !*f->repeat);
		form_option(out, "weekly", "Every week on this weekday", strcmp(f->repeat, "weekly") == 0);
		form_option(out, "same-week", "Every other week: this weekday in this week A or B",
			    strcmp(f->repeat, "same-week") == 0);
		html_raw(out, "</select>\n");
	} else if (ev->event && ev->event->series_id) {
		html_fmt(out, "<div class=\"choice\"><input type=\"checkbox\" id=\"series\" "
			      "name=\"series\" value=\"1\"%s><label for=\"series\">Change every event "
			      "of its series: each moves by as many days as this one</label></div>\n",
			 f->whole_series ? " checked" : "");
	}

	const char *go = ev->id ? "Save the changes" : "Schedule event";
	if (warned)
		html_fmt(out, "<input type=\"hidden\" name=\"confirm\" value=\"%s\">"
			      "<button type=\"submit\" class=\"warning\">%s anyway</button> ",
			 ev->confirm_key, ev->id ? "Save" : "Schedule");
	else
		html_fmt(out, "<button type=\"submit\">%s</button> ", go);
	html_raw(out, "<button type=\"submit\" name=\"check\" value=\"1\" class=\"secondary\">"
		      "Check the date</button>\n</form>\n");
	if (ev->event)
		html_fmt(out, "<p><a href=\"/events/%lld\">Back to the event without changing it</a></p>\n",
			 ev->id);
	page_end(req, resp);
}

/* What the form page needs besides the form: the programme, the
 * organisations, and the calendar of the form's date. */
struct form_context {
	struct programme programme;
	struct organisation_info *orgs;
	long org_count;
	struct school_calendar cal;
	int have_cal;
};

static bool form_context_load(struct web_request *req, struct web_response *resp,
			      struct form_context *fc)
{
	fc->orgs = NULL;
	calendar_init(&fc->cal, 0);
	fc->have_cal = 0;
	int found = programme_store_load(req->db, req->app->school_id, &fc->programme);
	fc->org_count = organisation_store_list(req->db, req->app->school_id, &fc->orgs);
	if (found == 1 && fc->org_count >= 0)
		return true;
	if (found < 0 || fc->org_count < 0)
		web_error(req, resp, 500, "The programme could not be read. Try again.");
	else
		web_error(req, resp, 409, "This school has no programme yet: import one first.");
	if (found == 1)
		programme_free(&fc->programme);
	free(fc->orgs);
	fc->orgs = NULL;
	return false;
}

static void form_context_calendar(struct web_request *req, struct form_context *fc, const char *date)
{
	date_t d;
	if (date_parse_iso(date, &d))
		fc->have_cal = calendar_store_load(req->db, req->app->school_id, academic_year_of(d),
						   &fc->cal) == 1;
}

static void form_context_free(struct form_context *fc)
{
	calendar_free(&fc->cal);
	free(fc->orgs);
	programme_free(&fc->programme);
}

static void show_form(struct web_request *req, struct web_response *resp, struct form_context *fc,
		      const struct event_form *f, const struct form_errors *errors,
		      const struct action_result *r, const struct event_page *ev)
{
	form_context_calendar(req, fc, f->date);
	event_form_page(req, resp, &fc->programme, fc->orgs, fc->org_count, f, errors, r, ev,
			fc->have_cal ? &fc->cal : NULL);
}

void page_event_new(struct web_request *req, struct web_response *resp)
{
	struct form_context fc;
	if (!form_context_load(req, resp, &fc))
		return;
	/* ?activity= and ?date= fill the form in; a date shows its term and
	 * week straight away. */
	struct event_form f = { .activity = field_or_empty(req, "activity"),
				.date = field_or_empty(req, "date"), .time = "", .year_group = "",
				.title = "", .subject = "", .repeat = "" };
	struct form_errors errors = { 0 };
	struct event_page ev = { 0 };
	show_form(req, resp, &fc, &f, &errors, NULL, &ev);
	form_context_free(&fc);
}

/* The action's problems beside the form's fields. */
static void form_errors_of(const struct action_result *r, struct form_errors *errors)
{
	for (size_t i = 0; i < r->problem_count; i++)
		form_error(errors, *r->problems[i].field ? r->problems[i].field : "activity", "%s",
			   r->problems[i].message);
}

/* Runs the form through the action (schedule when ev->id is 0, else
 * change) and answers: the form again with its problems or warnings, or
 * the events page. */
static void submit_event_form(struct web_request *req, struct web_response *resp,
			      struct event_page *ev)
{
	struct form_context fc;
	if (!form_context_load(req, resp, &fc))
		return;
	struct event_form f;
	struct form_errors errors = { 0 };
	read_event_form(req, &f, &errors);
	struct event_request rq;
	request_of_form(&f, &rq);
	/* The time does not change what the timing rules say. */
	snprintf(ev->confirm_key, sizeof ev->confirm_key, "%s|%s|%s", f.activity, f.date,
		 f.year_group);
	/* "anyway" confirms the warnings of exactly what it was shown: a
	 * changed activity, date or year group is checked again. */
	rq.accept_warnings = f.confirm && strcmp(f.confirm, ev->confirm_key) == 0 && !f.check_only;
	rq.dry_run = f.check_only || errors.count;

	struct principal who = web_principal(req);
	struct action_ctx ctx = web_action_ctx(req, &who);
	struct action_result r;
	action_result_init(&r);
	enum action_status status = ev->id ? event_change(&ctx, ev->id, &rq, &r)
					   : event_schedule(&ctx, &rq, &r);
	form_errors_of(&r, &errors);
	if (status == ACTION_FAILED) {
		web_error(req, resp, 500, r.problem_count ? r.problems[0].message : "Try again.");
	} else if (status == ACTION_FORBIDDEN || status == ACTION_NOT_FOUND) {
		web_error(req, resp, status == ACTION_FORBIDDEN ? 403 : 404, r.problems[0].message);
	} else if (errors.count || status == ACTION_UNCONFIRMED || f.check_only) {
		resp->status = errors.count ? 400 : 200;
		show_form(req, resp, &fc, &f, &errors, &r, ev);
	} else {
		char location[96], label[8];
		date_t date = rq.date;
		snprintf(location, sizeof location, "/events?year=%s&done=%s&event=%lld#event-%lld",
			 academic_year_format(academic_year_of(date), label),
			 ev->id ? (rq.whole_series ? "series-changed" : "changed")
				: (r.series_id ? "series-added" : "added"), r.id, r.id);
		web_redirect(resp, location);
	}
	action_result_free(&r);
	form_context_free(&fc);
}

void page_event_new_post(struct web_request *req, struct web_response *resp)
{
	struct event_page ev = { 0 };
	submit_event_form(req, resp, &ev);
}

/* ---- One event: its details, changing, cancelling, deleting ---- */

static bool event_of_path(struct web_request *req, struct web_response *resp,
			  struct event_info *e)
{
	long id = 0;
	int found = text_to_int(req->captures[0], 1, LONG_MAX, &id)
		? event_store_get(req->db, req->app->school_id, id, e) : 0;
	if (found == 1)
		return true;
	if (found < 0)
		web_error(req, resp, 500, "The event could not be read. Try again.");
	else
		web_error(req, resp, 404, "There is no such event.");
	return false;
}

static void event_details(struct web_request *req, const struct event_info *e, struct buf *out)
{
	char hh_mm[6];
	html_raw(out, "<dl class=\"facts\">");
	html_fmt(out, "<dt>Activity</dt><dd>%s</dd>", e->activity_name);
	html_raw(out, "<dt>Date</dt><dd>");
	view_date(out, e->date);
	if (e->start_minutes >= 0)
		html_fmt(out, " at %s", event_time_format(e->start_minutes, hh_mm));
	struct school_calendar cal;
	calendar_init(&cal, 0);
	if (calendar_store_load(req->db, req->app->school_id, academic_year_of(e->date), &cal) == 1) {
		html_raw(out, "<br><span class=\"meta\">");
		term_and_week(&cal, e->date, out);
		html_raw(out, "</span>");
	}
	calendar_free(&cal);
	html_raw(out, "</dd><dt>Year groups</dt><dd>");
	view_years(out, event_years(e));
	html_raw(out, "</dd>");
	if (e->subject[0])
		html_fmt(out, "<dt>Subject</dt><dd>%s</dd>", e->subject);
	struct buf orgs = BUF_INIT;
	if (event_store_organisations(req->db, e->id, &orgs) == 0 && orgs.len)
		html_fmt(out, "<dt>Organisations</dt><dd>%s</dd>", buf_str(&orgs));
	buf_free(&orgs);
	html_raw(out, "<dt>Register</dt><dd>");
	if (e->marks)
		html_fmt(out, "%d of %d present", e->present, e->marks);
	else
		html_raw(out, "not taken");
	html_raw(out, "</dd>");
	if (e->cancelled)
		html_fmt(out, "<dt>Cancelled</dt><dd>%s</dd>",
			 e->cancel_reason[0] ? e->cancel_reason : "no reason given");
	struct buf rule = BUF_INIT;
	if (e->series_id && event_series_store_rule(req->db, req->app->school_id, e->series_id, &rule) == 1)
		html_fmt(out, "<dt>Repeats</dt><dd>%s</dd>", buf_str(&rule));
	buf_free(&rule);
	html_raw(out, "</dl>\n");
}

/* For an event of a series, the box that makes a form act on all of it. */
static void series_choice(struct buf *out, const struct event_info *e, const char *label)
{
	if (e->series_id)
		html_fmt(out, "<div class=\"choice\"><input type=\"checkbox\" id=\"series\" "
			      "name=\"series\" value=\"1\"><label for=\"series\">%s</label></div>",
			 label);
}

static void event_page_body(struct web_request *req, struct web_response *resp,
			    const struct event_info *e, const struct action_result *r)
{
	struct buf title = BUF_INIT;
	buf_printf(&title, "%s%s", e->cancelled ? "Cancelled: " : "",
		   e->title[0] ? e->title : e->activity_name);
	page_begin(req, resp, buf_str(&title), "events");
	buf_free(&title);
	struct buf *out = &resp->body;
	char label[8];
	html_fmt(out, "<p><a href=\"/events?year=%s#event-%lld\">Back to the events</a></p>\n",
		 academic_year_format(academic_year_of(e->date), label), e->id);
	if (r && r->problem_count)
		page_notice(out, "error", r->problems[0].message);
	page_done_notice(req, out, events_done);
	bool confirm_delete = r && r->status == ACTION_UNCONFIRMED && !r->warning_count;
	if (confirm_delete) {
		bool series = web_field(req, "series") != NULL;
		html_fmt(out, "<div class=\"notice notice-warning\" role=\"alert\"><h2>Delete %s?</h2>"
			      "<p>It is gone for good; the audit log keeps what it was.</p>"
			      "<form method=\"post\" action=\"/events/%lld/delete\">",
			 series ? "the whole series" : "this event", e->id);
		form_csrf(req, out);
		html_fmt(out, "<input type=\"hidden\" name=\"confirm\" value=\"1\">%s"
			      "<button type=\"submit\" class=\"warning\">Yes, delete it</button> "
			      "<a class=\"button secondary\" href=\"/events/%lld\">No, keep it</a>"
			      "</form></div>\n",
			 series ? "<input type=\"hidden\" name=\"series\" value=\"1\">" : "", e->id);
	}
	event_details(req, e, out);
	html_fmt(out, "<p><a class=\"button\" href=\"/events/%lld/edit\">Change the event</a>", e->id);
	/* The register from the event's day on, as in the list. */
	if (!e->cancelled && e->date <= req->today)
		html_fmt(out, " <a class=\"button secondary\" href=\"/events/%lld/register\">%s</a>",
			 e->id, e->marks ? "Open the register" : "Take the register");
	html_raw(out, "</p>\n");
	if (e->cancelled) {
		html_fmt(out, "<h2>Reinstate</h2><p>The event counts again in every figure once it is "
			      "reinstated.</p><form method=\"post\" action=\"/events/%lld/reinstate\">",
			 e->id);
		form_csrf(req, out);
		series_choice(out, e, "Reinstate every cancelled event of its series");
		html_raw(out, "<button type=\"submit\">Reinstate the event</button></form>\n");
	} else {
		bool warned = r && r->status == ACTION_UNCONFIRMED;
		html_fmt(out, "<h2>Cancel</h2><p>A cancelled event is kept and shown struck through, "
			      "but counts in no figure.</p>");
		if (warned)
			html_fmt(out, "<div class=\"notice notice-warning\" role=\"alert\"><p>%s</p></div>",
				 buf_str(&r->warnings));
		html_fmt(out, "<form class=\"stack\" method=\"post\" action=\"/events/%lld/cancel\">",
			 e->id);
		form_csrf(req, out);
		/* Asked again to confirm, the reason typed stays in its box. */
		const char *reason = r ? web_field(req, "reason") : NULL;
		html_fmt(out, "<label for=\"reason\">Why it is cancelled <span class=\"hint\">Optional: "
			      "staff see it in the list of events.</span></label>"
			      "<input id=\"reason\" name=\"reason\" type=\"text\" maxlength=\"%d\" "
			      "value=\"%s\">",
			 LIMIT_NOTE, reason ? reason : "");
		series_choice(out, e, "Cancel every event of its series from today on");
		if (warned)
			html_raw(out, "<input type=\"hidden\" name=\"confirm\" value=\"1\">"
				      "<button type=\"submit\" class=\"warning\">Cancel it anyway</button>");
		else
			html_raw(out, "<button type=\"submit\" class=\"warning\">Cancel the event</button>");
		html_raw(out, "</form>\n");
	}
	if (!e->marks) {
		html_fmt(out, "<h2>Delete</h2><p>An event scheduled by mistake, with no register, can "
			      "be deleted: it is gone for good, and the audit log keeps what it was.</p>"
			      "<form method=\"post\" action=\"/events/%lld/delete\">", e->id);
		form_csrf(req, out);
		series_choice(out, e, "Delete the whole series");
		html_raw(out, "<button type=\"submit\" class=\"warning\">Delete the event</button></form>\n");
	}
	page_end(req, resp);
}

void page_event(struct web_request *req, struct web_response *resp)
{
	struct event_info e;
	if (event_of_path(req, resp, &e))
		event_page_body(req, resp, &e, NULL);
}

void page_event_edit(struct web_request *req, struct web_response *resp)
{
	struct event_info e;
	if (!event_of_path(req, resp, &e))
		return;
	struct form_context fc;
	if (!form_context_load(req, resp, &fc))
		return;
	long long org_ids[EVENT_ORGANISATIONS_MAX];
	int org_count = event_store_organisation_ids(req->db, e.id, org_ids, EVENT_ORGANISATIONS_MAX);
	char storage[EVENT_ORGANISATIONS_MAX][24], date[DATE_ISO_LEN], time[6], year[4];
	struct event_form f;
	form_of_event(&e, org_ids, org_count < 0 ? 0 : org_count, storage, date, time, year, &f);
	struct form_errors errors = { 0 };
	struct event_page ev = { .id = e.id, .event = &e };
	show_form(req, resp, &fc, &f, &errors, NULL, &ev);
	form_context_free(&fc);
}

void page_event_post(struct web_request *req, struct web_response *resp)
{
	struct event_info e;
	if (!event_of_path(req, resp, &e))
		return;
	struct event_page ev = { .id = e.id, .event = &e };
	submit_event_form(req, resp, &ev);
}

/* Cancel, reinstate or delete: the event's page again with the problem,
 * or where the change leads. */
static void state_change(struct web_request *req, struct web_response *resp, char what)
{
	struct event_info e;
	if (!event_of_path(req, resp, &e))
		return;
	struct principal who = web_principal(req);
	struct action_ctx ctx = web_action_ctx(req, &who);
	struct action_result r;
	action_result_init(&r);
	const char *reason = web_field(req, "reason");
	bool series = web_field(req, "series") != NULL;
	/* Deleting is for good: asked once more on the event's page. */
	if (what == 'd' && !web_field(req, "confirm") && (series || !e.marks)) {
		r.status = ACTION_UNCONFIRMED;
		event_page_body(req, resp, &e, &r);
		action_result_free(&r);
		return;
	}
	enum action_status status =
		what == 'c' ? event_cancel(&ctx, e.id, reason && *reason ? reason : NULL, series,
					   web_field(req, "confirm") != NULL, &r)
		: what == 'r' ? event_reinstate(&ctx, e.id, series, &r)
			      : event_delete(&ctx, e.id, series, &r);
	char location[96], label[8];
	const char *year = academic_year_format(academic_year_of(e.date), label);
	if (status == ACTION_OK && what == 'd') {
		snprintf(location, sizeof location, "/events?year=%s&done=%s#events", year,
			 series ? "series-deleted" : "deleted");
		web_redirect(resp, location);
	} else if (status == ACTION_OK) {
		snprintf(location, sizeof location, "/events/%lld?done=%s%s", e.id,
			 series ? "series-" : "", what == 'c' ? "cancelled" : "reinstated");
		web_redirect(resp, location);
	} else if (status == ACTION_FAILED || status == ACTION_FORBIDDEN) {
		web_error(req, resp, status == ACTION_FAILED ? 500 : 403, r.problems[0].message);
	} else {
		resp->status = status == ACTION_UNCONFIRMED ? 200
			     : status == ACTION_INVALID ? 400 : 409;
		event_page_body(req, resp, &e, &r);
	}
	action_result_free(&r);
}

void page_event_cancel_post(struct web_request *req, struct web_response *resp)
{
	state_change(req, resp, 'c');
}

void page_event_reinstate_post(struct web_request *req, struct web_response *resp)
{
	state_change(req, resp, 'r');
}

void page_event_delete_post(struct web_request *req, struct web_response *resp)
{
	state_change(req, resp, 'd');
}
