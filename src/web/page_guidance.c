/* A pupil's personal guidance meetings (Benchmark 8): the list, with the
 * notes for those who may read them, and recording, changing and deleting
 * a meeting, each through the guidance action. The route table closes
 * these pages to tutors and governors; an adviser reads the notes of, and
 * changes or deletes, only their own meetings. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "action/guidance_action.h"
#include "domain/limits.h"
#include "domain/monitoring.h"
#include "store/guidance_store.h"
#include "store/user_store.h"
#include "util/html.h"
#include "util/mem.h"
#include "util/text.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/view.h"

static const struct done_message guidance_done[] = {
	{ "added", "The meeting was recorded." },
	{ "changed", "The meeting was changed." },
	{ "deleted", "The meeting was deleted." },
	{ NULL, NULL },
};

/* The select's value for "not a staff account: named below". */
static const char EXTERNAL[] = "external";
/* ...and for a meeting recorded with a name and no account, kept as it is. */
static const char AS_RECORDED[] = "recorded";

static bool is_careers(const struct web_request *req)
{
	return req->user->role == ROLE_ADMIN || req->user->role == ROLE_LEADER;
}

/* Whether the user reads this meeting's notes: the careers leader and
 * admins always; an adviser when the meeting is theirs: recorded by or for
 * their account, whatever their name has become since. */
static bool may_read_notes(const struct web_request *req, const struct guidance_meeting *m)
{
	return is_careers(req) ||
	       (req->user->role == ROLE_ADVISER && m->adviser_user_id == req->user->id);
}

/* Changing and deleting: the same people (the action decides; this only
 * says which buttons to show). */
static bool may_change(const struct web_request *req, const struct guidance_meeting *m)
{
	return may_read_notes(req, m);
}

/* The form as typed, every field a string ("" when absent). */
struct meeting_form {
	const char *date;
	const char *adviser;          /* a user id, EXTERNAL or AS_RECORDED */
	const char *recorded_name;    /* with AS_RECORDED: the name as recorded */
	const char *external_name;
	const char *external_organisation;
	bool external;
	const char *level;
	bool follow_up;
	const char *notes;
	const char *actions;
	const char *next_meeting;
};

static const char *field_or_empty(const struct web_request *req, const char *name)
{
	const char *v = web_field(req, name);
	return v ? v : "";
}

static struct meeting_form form_from_request(const struct web_request *req)
{
	return (struct meeting_form){
		.date = field_or_empty(req, "date"),
		.adviser = field_or_empty(req, "adviser"),
		.recorded_name = field_or_empty(req, "recorded_name"),
		.external_name = field_or_empty(req, "external_name"),
		.external_organisation = field_or_empty(req, "external_organisation"),
		.external = web_field(req, "external") != NULL,
		.level = field_or_empty(req, "level"),
		.follow_up = web_field(req, "follow_up") != NULL,
		.notes = field_or_empty(req, "notes"),
		.actions = field_or_empty(req, "actions"),
		.next_meeting = field_or_empty(req, "next_meeting"),
	};
}

/* The request the form describes. An adviser's meetings are always their
 * own; the careers leader picks a staff account or an external adviser. */
static struct guidance_request request_from_form(const struct web_request *req,
						 const struct meeting_form *f)
{
	struct guidance_request rq = {
		.external = f->external, .adviser_organisation = f->external_organisation,
		.follow_up = f->follow_up, .notes = f->notes, .agreed_actions = f->actions,
		.date = DATE_NONE, .next_meeting = DATE_NONE,
	};
	if (!date_parse_iso(f->date, &rq.date))
		rq.date = DATE_NONE;
	if (*f->next_meeting && !date_parse_iso(f->next_meeting, &rq.next_meeting)) {
		rq.next_meeting = DATE_NONE;
		rq.next_meeting_unreadable = true;
	}
	long level;
	rq.level = text_to_int(f->level, 1, 8, &level) ? (int)level : 0;
	long id;
	if (req->user->role == ROLE_ADVISER) {
		rq.adviser_user_id = req->user->id;
	} else if (strcmp(f->adviser, EXTERNAL) == 0) {
		rq.adviser_name = f->external_name;
		rq.external = true;
	} else if (strcmp(f->adviser, AS_RECORDED) == 0) {
		rq.adviser_name = f->recorded_name;
	} else if (text_to_int(f->adviser, 1, LONG_MAX, &id)) {
		rq.adviser_user_id = id;
	} else {
		/* A name, as the form took before it had the staff list: the
		 * signed-in user's own name makes the meeting theirs; any other
		 * stays a name. */
		rq.adviser_name = f->adviser;
		char *trimmed = text_trim(xstrdup(f->adviser));
		if (strcasecmp(trimmed, req->user->display_name) == 0)
			rq.adviser_user_id = req->user->id;
		free(trimmed);
	}
	return rq;
}

/* The form's control each of the action's fields is shown beside. */
static const char *control_of(const char *field)
{
	static const char *const map[][2] = {
		{ "adviser_name", "external_name" },
		{ "adviser_organisation", "external_organisation" },
		{ "agreed_actions", "actions" },
		{ "", "date" },
	};
	for (size_t i = 0; i < sizeof map / sizeof *map; i++)
		if (strcmp(field, map[i][0]) == 0)
			return map[i][1];
	return field;
}

static void problems_to_errors(const struct action_result *r, struct form_errors *errors)
{
	for (size_t i = 0; i < r->problem_count; i++)
		form_error(errors, control_of(r->problems[i].field), "%s", r->problems[i].message);
}

static void text_field(struct buf *out, const struct form_errors *errors, const char *id,
		       const char *label, const char *hint, const char *value, int max_chars)
{
	html_fmt(out, "<label for=\"%s\">%s", id, label);
	if (hint)
		html_fmt(out, " <span class=\"hint\">%s</span>", hint);
	html_raw(out, "</label>");
	form_field_error(out, errors, id);
	html_fmt(out, "<input id=\"%s\" name=\"%s\" type=\"text\" maxlength=\"%d\" value=\"%s\"",
		 id, id, max_chars, value);
	form_field_aria(out, errors, id);
	html_raw(out, ">\n");
}

/* The adviser: an adviser is always themselves; the careers leader picks
 * one of the school's staff who work on guidance, or an external adviser
 * named in the fields below (plain fields: no script needed). */
static void adviser_fields(struct web_request *req, struct buf *out, const struct meeting_form *f,
			   const struct form_errors *errors)
{
	if (req->user->role == ROLE_ADVISER) {
		html_fmt(out, "<p><strong>Adviser:</strong> %s <span class=\"hint\">Meetings you "
			      "record are recorded as yours.</span></p>\n", req->user->display_name);
	} else {
		struct user *users = NULL;
		long n = user_store_list(req->db, req->app->school_id, &users);
		html_raw(out, "<label for=\"adviser\">Adviser <span class=\"hint\">Who held the "
			      "meeting: one of the school's staff, or an external adviser.</span>"
			      "</label>");
		form_field_error(out, errors, "adviser");
		html_raw(out, "<select id=\"adviser\" name=\"adviser\"");
		form_field_aria(out, errors, "adviser");
		html_raw(out, ">");
		for (long i = 0; i < n; i++) {
			enum role role;
			char value[24], label[LIMIT_BYTES(LIMIT_NAME) + 48];
			snprintf(value, sizeof value, "%lld", users[i].id);
			bool selected = strcmp(f->adviser, value) == 0;
			if (!role_parse(users[i].role, &role) ||
			    (!selected && (users[i].disabled || !(GUIDANCE_ROLES & ROLE_BIT(role)))))
				continue;
			snprintf(label, sizeof label, "%s (%s)", users[i].display_name, role_title(role));
			text_drop_partial(label);
			form_option(out, value, label, selected);
		}
		free(users);
		if (strcmp(f->adviser, AS_RECORDED) == 0) {
			char label[LIMIT_BYTES(LIMIT_NAME) + 48];
			snprintf(label, sizeof label, "%s (as recorded, no account)", f->recorded_name);
			text_drop_partial(label);
			form_option(out, AS_RECORDED, label, true);
		}
		form_option(out, EXTERNAL, "External adviser (give their details below)",
			    strcmp(f->adviser, EXTERNAL) == 0);
		html_raw(out, "</select>\n");
		if (strcmp(f->adviser, AS_RECORDED) == 0)
			html_fmt(out, "<input type=\"hidden\" name=\"recorded_name\" value=\"%s\">\n",
				 f->recorded_name);
		html_raw(out, "<fieldset class=\"stack\"><legend>An external adviser</legend>\n");
		text_field(out, errors, "external_name", "External adviser's name",
			   "When the adviser is an external adviser.", f->external_name, LIMIT_NAME);
	}
	text_field(out, errors, "external_organisation", "External adviser's organisation",
		   "Who an external adviser works for; leave it empty otherwise.",
		   f->external_organisation, LIMIT_TITLE);
	if (req->user->role != ROLE_ADVISER)
		html_raw(out, "</fieldset>\n");
}

/* The form's fields after the date; button names the submit button. */
static void meeting_fields(struct web_request *req, struct buf *out, const struct meeting_form *f,
			   const struct form_errors *errors, const char *button)
{
	form_csrf(req, out);
	html_raw(out, "<label for=\"date\">Date of the meeting</label>");
	form_field_error(out, errors, "date");
	html_fmt(out, "<input id=\"date\" name=\"date\" type=\"date\" class=\"short\" required "
		      "value=\"%s\"", f->date);
	form_field_aria(out, errors, "date");
	html_raw(out, ">\n");
	adviser_fields(req, out, f, errors);

	html_fmt(out, "<fieldset class=\"choices\"><legend>About the meeting</legend>"
		      "<div class=\"choice\"><input type=\"checkbox\" id=\"external\" name=\"external\" "
		      "value=\"yes\"%s><label for=\"external\">Held by the external careers adviser "
		      "(not the careers leader)</label></div>"
		      "<div class=\"choice\"><input type=\"checkbox\" id=\"follow_up\" name=\"follow_up\" "
		      "value=\"yes\"%s><label for=\"follow_up\">A follow-up meeting for a pupil who "
		      "needs more support</label></div></fieldset>\n",
		 f->external ? " checked" : "", f->follow_up ? " checked" : "");

	html_raw(out, "<label for=\"level\">The adviser's qualification <span class=\"hint\">Level 6 "
		      "or above counts toward Benchmark 8.</span></label>");
	form_field_error(out, errors, "level");
	html_raw(out, "<select id=\"level\" name=\"level\" class=\"short\"");
	form_field_aria(out, errors, "level");
	html_raw(out, ">");
	for (int l = 1; l <= 8; l++) {
		char value[12], label[24];
		snprintf(value, sizeof value, "%d", l);
		snprintf(label, sizeof label, "Level %d", l);
		form_option(out, value, label, strcmp(f->level, value) == 0);
	}
	html_raw(out, "</select>\n");

	html_raw(out, "<label for=\"notes\">Notes <span class=\"hint\">What was discussed. Only the "
		      "careers leader and the meeting's adviser can read them; tutors and governors "
		      "never can.</span></label>");
	form_field_error(out, errors, "notes");
	html_raw(out, "<textarea id=\"notes\" name=\"notes\" rows=\"8\"");
	form_field_aria(out, errors, "notes");
	html_fmt(out, ">%s</textarea>\n", f->notes);

	html_raw(out, "<label for=\"actions\">Agreed actions <span class=\"hint\">What the pupil and "
		      "adviser agreed to do. Shown on the pupil's careers record.</span></label>");
	form_field_error(out, errors, "actions");
	html_raw(out, "<textarea id=\"actions\" name=\"actions\" rows=\"4\"");
	form_field_aria(out, errors, "actions");
	html_fmt(out, ">%s</textarea>\n", f->actions);

	html_raw(out, "<label for=\"next_meeting\">Next meeting <span class=\"hint\">Its date, if "
		      "one is planned: after this meeting.</span></label>");
	form_field_error(out, errors, "next_meeting");
	html_fmt(out, "<input id=\"next_meeting\" name=\"next_meeting\" type=\"date\" "
		      "class=\"short\" value=\"%s\"", f->next_meeting);
	form_field_aria(out, errors, "next_meeting");
	html_fmt(out, ">\n<button type=\"submit\">%s</button>\n</form>\n", button);
}

static void guidance_page(struct web_request *req, struct web_response *resp,
			  const struct mon_data *d, uint32_t pupil, const struct meeting_form *f,
			  const struct form_errors *errors)
{
	const struct mon_pupil *p = &d->pupils[pupil];
	struct buf title = BUF_INIT;
	buf_printf(&title, "Guidance: %s", p->name);
	page_begin(req, resp, buf_str(&title), "pupils");
	buf_free(&title);
	struct buf *out = &resp->body;
	html_raw(out, "<p><a href=\"");
	pupil_link(out, p->upn, "");
	html_raw(out, "\">Back to the careers record</a></p>\n");
	page_done_notice(req, out, guidance_done);
	form_error_summary(out, errors);

	struct guidance_meeting *meetings = NULL;
	long n = guidance_store_pupil_meetings(req->db, req->app->school_id, p->id, &meetings);
	html_raw(out, "<h2 id=\"meetings\">Meetings</h2>\n");
	if (n < 0)
		page_notice(out, "error", "The meetings could not be read. Try again.");
	else if (n == 0)
		html_raw(out, "<p>No personal guidance meetings recorded yet.</p>\n");
	for (long i = 0; i < n; i++) {
		const struct guidance_meeting *m = &meetings[i];
		char iso[DATE_ISO_LEN], suffix[64];
		html_fmt(out, "<article class=\"meeting\" aria-labelledby=\"meeting-%lld\">"
			      "<h3 id=\"meeting-%lld\">", m->id, m->id);
		view_date(out, m->date);
		html_fmt(out, " with %s</h3><p class=\"meta\">", m->adviser);
		if (*m->adviser_organisation)
			html_fmt(out, "of %s, ", m->adviser_organisation);
		html_fmt(out, "%s, Level %d%s</p>",
			 m->external ? "the external careers adviser" : "the careers leader", m->level,
			 m->follow_up ? ", a follow-up meeting" : "");
		if (!may_read_notes(req, m))
			html_raw(out, "<p class=\"meta\">Only the careers leader and this meeting's "
				      "adviser can read its notes.</p>");
		else if (m->notes)
			html_fmt(out, "<div class=\"notes\"><p>%s</p></div>", m->notes);
		else
			html_raw(out, "<p class=\"meta\">No notes.</p>");
		if (m->agreed_actions)
			html_fmt(out, "<p><strong>Agreed actions:</strong> %s</p>", m->agreed_actions);
		if (m->next_meeting != DATE_NONE) {
			html_raw(out, "<p><strong>Next meeting:</strong> ");
			view_date(out, m->next_meeting);
			html_raw(out, "</p>");
		}
		if (may_change(req, m)) {
			date_format_iso(m->date, iso);
			snprintf(suffix, sizeof suffix, "/guidance/%lld", m->id);
			html_raw(out, "<p><a href=\"");
			pupil_link(out, p->upn, suffix);
			html_fmt(out, "\">Change<span class=\"visually-hidden\"> the meeting of %s</span>"
				      "</a></p><form method=\"post\" action=\"", iso);
			snprintf(suffix, sizeof suffix, "/guidance/%lld/delete", m->id);
			pupil_link(out, p->upn, suffix);
			html_raw(out, "\">");
			form_csrf(req, out);
			html_fmt(out, "<button type=\"submit\" class=\"secondary\">Delete<span "
				      "class=\"visually-hidden\"> the meeting of %s</span></button>"
				      "</form>", iso);
		}
		html_raw(out, "</article>\n");
	}
	if (n > 0)
		guidance_meetings_free(meetings, n);

	html_raw(out, "<h2 id=\"add\">Record a meeting</h2>\n<form class=\"stack\" method=\"post\" "
		      "action=\"");
	pupil_link(out, p->upn, "/guidance");
	html_raw(out, "\" novalidate>\n");
	meeting_fields(req, out, f, errors, "Record the meeting");
	page_end(req, resp);
}

static void redirect_to_meetings(struct web_response *resp, const char *upn, const char *done)
{
	struct buf location = BUF_INIT;
	buf_puts(&location, "/pupils/");
	url_encode(&location, upn);
	buf_printf(&location, "/guidance?done=%s#meetings", done);
	web_redirect(resp, buf_str(&location));
	buf_free(&location);
}

/* An action that did not do it: the page again (400) for a request with
 * problems, else the error page. True when nothing remains to do. */
static bool refused(struct web_request *req, struct web_response *resp,
		    const struct action_result *r)
{
	const char *message = r->problem_count ? r->problems[0].message : "Try again.";
	switch (r->status) {
	case ACTION_OK:
	case ACTION_INVALID:
	case ACTION_UNCONFIRMED:
	case ACTION_CONFLICT:
		return false;
	case ACTION_FORBIDDEN: web_error(req, resp, 403, message); break;
	case ACTION_NOT_FOUND: web_error(req, resp, 404, message); break;
	case ACTION_FAILED: web_error(req, resp, 500, message); break;
	}
	return true;
}

void page_guidance(struct web_request *req, struct web_response *resp)
{
	const struct mon_data *d = NULL;
	uint32_t pupil = load_pupil(req, resp, &d);
	if (pupil == UINT32_MAX)
		return;
	char today[DATE_ISO_LEN], self[24];
	snprintf(self, sizeof self, "%lld", req->user->id);
	/* An adviser signing in is usually the external one. */
	struct meeting_form f = { .date = date_format_iso(req->today, today), .adviser = self,
				  .recorded_name = "", .external_name = "",
				  .external_organisation = "",
				  .external = req->user->role == ROLE_ADVISER, .level = "6",
				  .notes = "", .actions = "", .next_meeting = "" };
	struct form_errors errors = { 0 };
	guidance_page(req, resp, d, pupil, &f, &errors);
}

void page_guidance_post(struct web_request *req, struct web_response *resp)
{
	const struct mon_data *d = NULL;
	uint32_t pupil = load_pupil(req, resp, &d);
	if (pupil == UINT32_MAX)
		return;
	const struct mon_pupil *p = &d->pupils[pupil];
	struct meeting_form f = form_from_request(req);
	struct guidance_request rq = request_from_form(req, &f);
	rq.student_id = p->id;
	struct principal who = web_principal(req);
	struct action_ctx ctx = web_action_ctx(req, &who);
	struct action_result r;
	action_result_init(&r);
	guidance_record(&ctx, &rq, &r);
	if (r.status == ACTION_OK) {
		redirect_to_meetings(resp, p->upn, "added");
	} else if (!refused(req, resp, &r)) {
		struct form_errors errors = { 0 };
		problems_to_errors(&r, &errors);
		resp->status = 400;
		guidance_page(req, resp, d, pupil, &f, &errors);
	}
	action_result_free(&r);
}

/* The route's meeting (captures[1]) of the route's pupil into *m, which
 * the user may change; else the error page and false. */
static bool load_meeting(struct web_request *req, struct web_response *resp,
			 const struct mon_pupil *p, struct guidance_meeting *m)
{
	long id;
	int found = text_to_int(req->captures[1], 1, LONG_MAX, &id)
		? guidance_store_get(req->db, req->app->school_id, id, m) : 0;
	if (found < 0) {
		web_error(req, resp, 500, "The meeting could not be read. Try again.");
		return false;
	}
	if (found == 1 && m->student_id != p->id)
		guidance_meeting_clear(m);
	if (found == 0 || m->student_id != p->id) {
		web_error(req, resp, 404, "There is no such guidance meeting for this pupil.");
		return false;
	}
	if (!may_change(req, m)) {
		guidance_meeting_clear(m);
		web_error(req, resp, 403, "Only the careers leader, an administrator or the meeting's "
					  "adviser can change or delete this meeting.");
		return false;
	}
	return true;
}

static void edit_page(struct web_request *req, struct web_response *resp,
		      const struct mon_pupil *p, const struct guidance_meeting *m,
		      const struct meeting_form *f, const struct form_errors *errors)
{
	struct buf title = BUF_INIT;
	buf_printf(&title, "Change a guidance meeting: %s", p->name);
	page_begin(req, resp, buf_str(&title), "pupils");
	buf_free(&title);
	struct buf *out = &resp->body;
	char suffix[48];
	html_raw(out, "<p><a href=\"");
	pupil_link(out, p->upn, "/guidance");
	html_raw(out, "\">Back to the guidance meetings</a></p>\n");
	form_error_summary(out, errors);
	snprintf(suffix, sizeof suffix, "/guidance/%lld", m->id);
	html_raw(out, "<form class=\"stack\" method=\"post\" action=\"");
	pupil_link(out, p->upn, suffix);
	html_raw(out, "\" novalidate>\n");
	meeting_fields(req, out, f, errors, "Save the meeting");
	page_end(req, resp);
}

void page_guidance_edit(struct web_request *req, struct web_response *resp)
{
	const struct mon_data *d = NULL;
	uint32_t pupil = load_pupil(req, resp, &d);
	struct guidance_meeting m;
	if (pupil == UINT32_MAX || !load_meeting(req, resp, &d->pupils[pupil], &m))
		return;
	char date[DATE_ISO_LEN], next[DATE_ISO_LEN] = "", level[12], adviser[24];
	snprintf(level, sizeof level, "%d", m.level);
	snprintf(adviser, sizeof adviser, "%lld", m.adviser_user_id);
	if (m.next_meeting != DATE_NONE)
		date_format_iso(m.next_meeting, next);
	bool named = m.adviser_user_id == 0;
	struct meeting_form f = {
		.date = date_format_iso(m.date, date),
		.adviser = !named ? adviser : m.external ? EXTERNAL : AS_RECORDED,
		.recorded_name = named && !m.external ? m.adviser_recorded : "",
		.external_name = named && m.external ? m.adviser_recorded : "",
		.external_organisation = m.adviser_organisation, .external = m.external,
		.level = level, .follow_up = m.follow_up, .notes = m.notes ? m.notes : "",
		.actions = m.agreed_actions ? m.agreed_actions : "", .next_meeting = next,
	};
	struct form_errors errors = { 0 };
	edit_page(req, resp, &d->pupils[pupil], &m, &f, &errors);
	guidance_meeting_clear(&m);
}

void page_guidance_edit_post(struct web_request *req, struct web_response *resp)
{
	const struct mon_data *d = NULL;
	uint32_t pupil = load_pupil(req, resp, &d);
	struct guidance_meeting m;
	if (pupil == UINT32_MAX || !load_meeting(req, resp, &d->pupils[pupil], &m))
		return;
	struct meeting_form f = form_from_request(req);
	struct guidance_request rq = request_from_form(req, &f);
	struct principal who = web_principal(req);
	struct action_ctx ctx = web_action_ctx(req, &who);
	struct action_result r;
	action_result_init(&r);
	guidance_change(&ctx, m.id, &rq, &r);
	if (r.status == ACTION_OK) {
		redirect_to_meetings(resp, d->pupils[pupil].upn, "changed");
	} else if (!refused(req, resp, &r)) {
		struct form_errors errors = { 0 };
		problems_to_errors(&r, &errors);
		resp->status = 400;
		edit_page(req, resp, &d->pupils[pupil], &m, &f, &errors);
	}
	action_result_free(&r);
	guidance_meeting_clear(&m);
}

/* Deleting is for good: the first POST asks once more, the second (with
 * confirm) deletes. */
void page_guidance_delete_post(struct web_request *req, struct web_response *resp)
{
	const struct mon_data *d = NULL;
	uint32_t pupil = load_pupil(req, resp, &d);
	struct guidance_meeting m;
	if (pupil == UINT32_MAX || !load_meeting(req, resp, &d->pupils[pupil], &m))
		return;
	const struct mon_pupil *p = &d->pupils[pupil];
	if (!web_field(req, "confirm")) {
		struct buf title = BUF_INIT;
		buf_printf(&title, "Delete a guidance meeting: %s", p->name);
		page_begin(req, resp, buf_str(&title), "pupils");
		buf_free(&title);
		struct buf *out = &resp->body;
		char suffix[48];
		html_raw(out, "<p>Delete the meeting of ");
		view_date(out, m.date);
		html_fmt(out, " with %s? Its notes and agreed actions go with it, and this cannot "
			      "be undone.</p>\n<form method=\"post\" action=\"", m.adviser);
		snprintf(suffix, sizeof suffix, "/guidance/%lld/delete", m.id);
		pupil_link(out, p->upn, suffix);
		html_raw(out, "\">");
		form_csrf(req, out);
		html_raw(out, "<input type=\"hidden\" name=\"confirm\" value=\"yes\">"
			      "<button type=\"submit\">Delete the meeting</button> <a href=\"");
		pupil_link(out, p->upn, "/guidance#meetings");
		html_raw(out, "\">Keep it</a></form>\n");
		page_end(req, resp);
		guidance_meeting_clear(&m);
		return;
	}
	struct principal who = web_principal(req);
	struct action_ctx ctx = web_action_ctx(req, &who);
	struct action_result r;
	action_result_init(&r);
	guidance_delete(&ctx, m.id, &r);
	if (r.status == ACTION_OK)
		redirect_to_meetings(resp, p->upn, "deleted");
	else if (!refused(req, resp, &r))
		web_error(req, resp, 409, r.problem_count ? r.problems[0].message : "Try again.");
	action_result_free(&r);
	guidance_meeting_clear(&m);
}
