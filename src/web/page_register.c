/* Taking an event's register: the phone page. One fieldset of three large
 * radio buttons per pupil, grouped by tutor group; tutors see and mark only
 * the pupils of their own groups. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "action/register_action.h"
#include "store/event_store.h"
#include "store/student_store.h"
#include "util/html.h"
#include "util/mem.h"
#include "util/text.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/view.h"

/* Lists longer than this get a Save button at the top too. */
enum { LONG_REGISTER = 12 };

enum { NO_MARK = -1 };

struct register_pupil {
	long long id;
	char name[PUPIL_NAME_BYTES]; /* "Surname, Forename", as registers list pupils */
	const char *upn;           /* NULL when none */
	const char *tutor_group;   /* "" when none */
	int year_group;            /* 0 when not enrolled that year */
	int mark;                  /* enum mark_status, or NO_MARK */
};

struct register_list {
	struct event_info event;
	char heading[LIMIT_BYTES(LIMIT_TITLE)]; /* the event's title, or its activity's name */
	struct register_pupil *pupils;
	size_t count;
	size_t hidden;             /* pupils on the register outside a tutor's groups */
	struct arena arena;        /* owns the strings */
};

static void register_list_free(struct register_list *r)
{
	free(r->pupils);
	arena_free(&r->arena);
}

static int compare_pupils(const void *x, const void *y)
{
	const struct register_pupil *a = x, *b = y;
	int c = strcmp(a->tutor_group, b->tutor_group);
	return c ? c : strcasecmp(a->name, b->name);
}

static bool contains(const long long *ids, long count, long long id)
{
	long lo = 0, hi = count;
	while (lo < hi) {
		long mid = lo + (hi - lo) / 2;
		if (ids[mid] == id)
			return true;
		if (ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* The event of the route and its pupils: those of its year groups on roll
 * on its date (for a selected activity with a selection, the selected
 * ones), and anyone already marked; for a tutor, only their groups'. On
 * failure writes the error page and returns false. */
static bool load_register(struct web_request *req, struct web_response *resp,
			  struct register_list *r)
{
	memset(r, 0, sizeof *r);
	long id;
	int found = text_to_int(req->captures[0], 1, LONG_MAX, &id)
		? event_store_get(req->db, req->app->school_id, id, &r->event) : 0;
	if (found != 1) {
		web_error(req, resp, found < 0 ? 500 : 404,
			  found < 0 ? "The event could not be read. Try again." : "There is no such event.");
		return false;
	}
	snprintf(r->heading, sizeof r->heading, "%s",
		 r->event.title[0] ? r->event.title : r->event.activity_name);
	const struct event_info *e = &r->event;
	int start_year = academic_year_of(e->date);
	unsigned years = e->year_group ? 1u << e->year_group : e->activity_year_groups;

	/* A selected activity's register lists the selection, once there is one. */
	long long *selection = NULL;
	long selection_count = e->selected_cohort
		? selection_store_students(req->db, e->activity_id, start_year, &selection) : 0;
	bool selected_only = selection_count > 0;

	struct register_row *rows = NULL;
	long row_count = register_store_pupils(req->db, req->app->school_id, e->id, start_year, years,
					       &rows, &r->arena);
	if (selection_count < 0 || row_count < 0) {
		free(selection);
		free(rows);
		register_list_free(r);
		web_error(req, resp, 500, "The register could not be read. Try again.");
		return false;
	}
	r->pupils = xcalloc((size_t)row_count + 1, sizeof *r->pupils);
	for (long i = 0; i < row_count; i++) {
		const struct register_row *x = &rows[i];
		bool on_register = x->enrolled && ((years >> x->year_group) & 1) &&
				   x->on_roll_from <= e->date &&
				   (x->on_roll_to == DATE_NONE || e->date <= x->on_roll_to) &&
				   (!selected_only || contains(selection, selection_count, x->student_id));
		if (!on_register && x->mark == NO_MARK)
			continue;
		if (!view_covers_student(req, x->student_id)) {
			r->hidden++;
			continue;
		}
		struct register_pupil *rp = &r->pupils[r->count++];
		rp->id = x->student_id;
		/* The names staff use: preferred where there is one. */
		snprintf(rp->name, sizeof rp->name, "%s, %s",
			 x->preferred_surname && *x->preferred_surname ? x->preferred_surname
								       : x->legal_surname,
			 x->preferred_forename && *x->preferred_forename ? x->preferred_forename
									 : x->legal_forename);
		text_drop_partial(rp->name);
		rp->upn = x->upn;
		rp->tutor_group = x->enrolled && x->tutor_group ? x->tutor_group : "";
		rp->year_group = x->enrolled ? x->year_group : 0;
		rp->mark = x->mark;
	}
	free(rows);
	qsort(r->pupils, r->count, sizeof *r->pupils, compare_pupils);
	free(selection);
	return true;
}

static const char *const mark_labels[MARK_STATUS_COUNT] = { "Present", "Absent", "Excused" };

static void save_buttons(struct buf *out, bool rest)
{
	html_raw(out, "<div class=\"actions\"><button type=\"submit\">Save register</button>");
	if (rest)
		html_raw(out, "<button type=\"submit\" name=\"rest\" value=\"present\" class=\"secondary\">"
			      "Save, marking everyone not yet marked present</button>");
	html_raw(out, "</div>\n");
}

/* The message a save redirected with. */
static void saved_notice(const struct web_request *req, struct buf *out)
{
	const char *done = web_field(req, "done");
	long counts[MARK_STATUS_COUNT] = { 0 }, refused = 0;
	const char *names[MARK_STATUS_COUNT] = { "present", "absent", "excused" };
	for (int s = 0; s < MARK_STATUS_COUNT; s++) {
		const char *v = web_field(req, names[s]);
		if (!v || !text_to_int(v, 0, 100000, &counts[s]))
			counts[s] = 0;
	}
	const char *v = web_field(req, "refused");
	if (!v || !text_to_int(v, 0, 100000, &refused))
		refused = 0;
	if (done && strcmp(done, "saved") == 0) {
		char text[160];
		snprintf(text, sizeof text, "Register saved: %ld present, %ld absent, %ld excused.",
			 counts[MARK_PRESENT], counts[MARK_ABSENT], counts[MARK_EXCUSED]);
		page_notice(out, "success", text);
	}
	if (refused) {
		char text[200];
		snprintf(text, sizeof text, "%ld mark%s not saved: %s not on this register for you "
					    "(a tutor marks only the pupils of their own groups).",
			 refused, refused == 1 ? " was" : "s were", refused == 1 ? "that pupil is" : "those pupils are");
		page_notice(out, "error", text);
	}
}

void page_register(struct web_request *req, struct web_response *resp)
{
	struct register_list r;
	if (!load_register(req, resp, &r))
		return;
	struct buf title = BUF_INIT;
	buf_printf(&title, "Register: %s", r.heading);
	page_begin(req, resp, buf_str(&title), "events");
	buf_free(&title);
	struct buf *out = &resp->body;
	saved_notice(req, out);

	int counts[MARK_STATUS_COUNT] = { 0 }, unmarked = 0;
	for (size_t i = 0; i < r.count; i++) {
		if (r.pupils[i].mark == NO_MARK)
			unmarked++;
		else
			counts[r.pupils[i].mark]++;
	}
	html_raw(out, "<dl class=\"facts\"><dt>Date</dt><dd>");
	view_date(out, r.event.date);
	html_raw(out, "</dd><dt>For</dt><dd>");
	view_years(out, r.event.year_group ? 1u << r.event.year_group : r.event.activity_year_groups);
	html_raw(out, "</dd>");
	if (r.event.title[0])
		html_fmt(out, "<dt>Activity</dt><dd>%s</dd>", r.event.activity_name);
	if (req->user->role == ROLE_TUTOR)
		html_fmt(out, "<dt>Your groups</dt><dd>%s (%zu pupil%s of other groups not shown)</dd>",
			 *req->user->scope ? req->user->scope : "none yet", r.hidden,
			 r.hidden == 1 ? "" : "s");
	html_fmt(out, "<dt>So far</dt><dd>%d present, %d absent, %d excused, %d not marked</dd></dl>\n",
		 counts[MARK_PRESENT], counts[MARK_ABSENT], counts[MARK_EXCUSED], unmarked);

	/* Registers mean what they say: nobody is marked before the day. */
	if (!register_open_on(r.event.date, req->today)) {
		html_raw(out, "<div class=\"notice notice-info\" role=\"status\"><p>This register "
			      "opens on the day of the event: marks can be taken from ");
		view_date(out, r.event.date);
		html_raw(out, ".</p></div>\n<p><a href=\"/events\">Back to the events</a></p>\n");
		page_end(req, resp);
		register_list_free(&r);
		return;
	}

	if (!r.count) {
		page_notice(out, "info", req->user->role == ROLE_TUTOR
			    ? "None of the pupils of your groups are on this register."
			    : "No pupils are on this register: none of its year groups were on roll that day.");
		html_raw(out, "<p><a href=\"/events\">Back to the events</a></p>\n");
		page_end(req, resp);
		register_list_free(&r);
		return;
	}

	/* Tutor groups: headings to jump between on a long register. */
	size_t groups = 0;
	for (size_t i = 0; i < r.count; i++)
		groups += i == 0 || strcmp(r.pupils[i].tutor_group, r.pupils[i - 1].tutor_group) != 0;
	if (groups > 1) {
		html_raw(out, "<nav aria-label=\"Tutor groups\" class=\"jump\"><ul>");
		for (size_t i = 0; i < r.count; i++)
			if (i == 0 || strcmp(r.pupils[i].tutor_group, r.pupils[i - 1].tutor_group) != 0)
				html_fmt(out, "<li><a href=\"#group-%zu\">%s</a></li>", i,
					 *r.pupils[i].tutor_group ? r.pupils[i].tutor_group : "No tutor group");
		html_raw(out, "</ul></nav>\n");
	}

	html_fmt(out, "<form method=\"post\" action=\"/events/%lld/register\">\n", r.event.id);
	form_csrf(req, out);
	form_once_key(out);
	if (r.count > LONG_REGISTER)
		save_buttons(out, false);
	for (size_t i = 0; i < r.count; i++) {
		const struct register_pupil *rp = &r.pupils[i];
		bool new_group = i == 0 || strcmp(rp->tutor_group, r.pupils[i - 1].tutor_group) != 0;
		if (new_group) {
			if (i)
				html_raw(out, "</ul>\n");
			if (groups > 1)
				html_fmt(out, "<h2 id=\"group-%zu\">%s</h2>\n", i,
					 *rp->tutor_group ? rp->tutor_group : "No tutor group");
			html_raw(out, "<ul class=\"register\">\n");
		}
		html_fmt(out, "<li><fieldset><legend>%s <span class=\"meta\">(%s)</span></legend>",
			 rp->name, *rp->tutor_group ? rp->tutor_group : "no tutor group");
		for (int s = 0; s < MARK_STATUS_COUNT; s++)
			html_fmt(out, "<label class=\"mark-%s\" for=\"m%lld-%s\"><input type=\"radio\" "
				      "id=\"m%lld-%s\" name=\"m%lld\" value=\"%s\"%s>%s</label>",
				 mark_status_name((enum mark_status)s), rp->id,
				 mark_status_name((enum mark_status)s), rp->id,
				 mark_status_name((enum mark_status)s), rp->id,
				 mark_status_name((enum mark_status)s), rp->mark == s ? " checked" : "",
				 mark_labels[s]);
		html_raw(out, "</fieldset></li>\n");
	}
	html_raw(out, "</ul>\n");
	save_buttons(out, unmarked > 0);
	html_raw(out, "</form>\n<p><a href=\"/events\">Back to the events</a></p>\n");
	page_end(req, resp);
	register_list_free(&r);
}

/* Where a save leads: the register, with the counts saved_notice shows. */
static void save_location(const struct register_outcome *out, void *arg, struct buf *to)
{
	const long *event_id = arg;
	buf_printf(to, "/events/%ld/register?done=saved&present=%ld&absent=%ld&excused=%ld",
		   *event_id, out->present, out->absent, out->excused);
	if (out->refused)
		buf_printf(to, "&refused=%ld", out->refused);
}

/* The register's save: the marks sent, for register_save (which decides
 * who may mark whom and writes them). */
void page_register_post(struct web_request *req, struct web_response *resp)
{
	long event_id;
	if (!text_to_int(req->captures[0], 1, LONG_MAX, &event_id)) {
		web_error(req, resp, 404, "There is no such event.");
		return;
	}
	struct register_entry *entries = xcalloc(req->field_count + 1, sizeof *entries);
	size_t count = 0;
	long unreadable = 0;
	for (size_t i = 0; i < req->field_count; i++) {
		const struct web_field *field = &req->fields[i];
		if (field->name[0] != 'm')
			continue;
		long id;
		bool ok = text_to_int(field->name + 1, 1, LONG_MAX, &id);
		int s;
		for (s = 0; s < MARK_STATUS_COUNT; s++)
			if (strcmp(field->value, mark_status_name((enum mark_status)s)) == 0)
				break;
		if (!ok || s == MARK_STATUS_COUNT) {
			unreadable++;
			continue;
		}
		entries[count++] = (struct register_entry){ id, s };
	}
	if (unreadable) {
		free(entries);
		web_error(req, resp, 400, "The register could not be read: go back, reload the page "
					  "and try again.");
		return;
	}
	const char *rest = web_field(req, "rest");
	struct principal who = web_principal(req);
	struct action_ctx ctx = web_action_ctx(req, &who);
	struct register_request rq = { .event_id = event_id, .entries = entries, .count = count,
				       .rest_present = rest && strcmp(rest, "present") == 0,
				       .once_key = form_once_key_of(req), .locate = save_location,
				       .locate_arg = &event_id };
	struct register_outcome out;
	struct action_result result;
	action_result_init(&result);
	enum action_status status = register_save(&ctx, &rq, &out, &result);
	free(entries);
	if (status == ACTION_OK) {
		if (out.repeat) {
			web_redirect(resp, out.earlier);
		} else {
			struct buf location = BUF_INIT;
			save_location(&out, &event_id, &location);
			web_redirect(resp, buf_str(&location));
			buf_free(&location);
		}
	} else {
		int code = status == ACTION_FORBIDDEN ? 403
			 : status == ACTION_NOT_FOUND ? 404
			 : status == ACTION_FAILED ? 500
			 : status == ACTION_INVALID ? 400 : 409;
		/* A mark for a pupil not on the register is as forbidden as one
		 * outside a tutor's groups: the form offers neither. */
		if (action_problem_for(&result, "pupils"))
			code = 403;
		struct buf text = BUF_INIT;
		buf_puts(&text, result.problem_count ? result.problems[0].message
						     : "The register could not be saved. Try again.");
		if (action_problem_for(&result, "date"))
			buf_puts(&text, " Nothing was saved.");
		web_error(req, resp, code, buf_str(&text));
		buf_free(&text);
	}
	action_result_free(&result);
}
