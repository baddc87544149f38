#include "web/layout.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/credentials.h"
#include "util/html.h"

struct nav_item {
	const char *section;
	const char *href;
	const char *label;
};

/* A link a role may not follow (by the route table) is not shown to it. */
static const struct nav_item nav[] = {
	{ "dashboard", "/dashboard", "Dashboard" },
	{ "programme", "/programme", "Programme" },
	{ "events", "/events", "Calendar and events" },
	{ "pupils", "/pupils", "Pupils" },
	{ "reports", "/reports", "Reports" },
	{ "imports", "/imports", "Imports" },
	{ "users", "/users", "Users" },
	{ "settings", "/settings", "Settings" },
	{ "audit", "/audit", "Audit log" },
};

void page_begin(struct web_request *req, struct web_response *resp, const char *title,
		const char *section)
{
	struct buf *out = &resp->body;
	html_fmt(out,
		 "<!doctype html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
		 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		 "<title>%s - %s - Waymark</title>\n"
		 "<link rel=\"stylesheet\" href=\"/static/waymark.css\">\n"
		 "<link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">\n"
		 "</head>\n<body>\n"
		 "<a class=\"skip\" href=\"#main\">Skip to main content</a>\n"
		 "<header class=\"top\">\n<p class=\"brand\"><a href=\"/dashboard\">Waymark</a> "
		 "<span>%s</span></p>\n",
		 title, req->app->school_name, req->app->school_name);
	if (req->user) {
		html_raw(out, "<nav aria-label=\"Main\"><ul>\n");
		for (size_t i = 0; i < sizeof nav / sizeof *nav; i++) {
			if (!web_may_open(req, nav[i].href))
				continue;
			bool current = section && strcmp(section, nav[i].section) == 0;
			if (current)
				html_fmt(out, "<li><a href=\"%s\" aria-current=\"page\">%s</a></li>\n",
					 nav[i].href, nav[i].label);
			else
				html_fmt(out, "<li><a href=\"%s\">%s</a></li>\n", nav[i].href, nav[i].label);
		}
		html_raw(out, "</ul></nav>\n");
		html_fmt(out, "<div class=\"who\"><span>%s (%s)</span> <a href=\"/account\">Account</a> "
			      "<form method=\"post\" action=\"/logout\">",
			 req->user->display_name, role_title(req->user->role));
		form_csrf(req, out);
		html_raw(out, "<button type=\"submit\" class=\"link\">Sign out</button></form></div>\n");
	}
	html_fmt(out, "</header>\n<main id=\"main\" tabindex=\"-1\">\n<h1>%s</h1>\n", title);
	/* (An error page of its own says so already.) */
	if (resp->status < 500 && web_app_damaged(req->app))
		page_notice(out, "error", req->user
			? "The database is damaged, so nothing can be saved until an administrator "
			  "restores the last backup. You can still read what is here."
			: "The database is damaged, so nobody can sign in until an administrator "
			  "restores the last backup.");
}

void page_end(struct web_request *req, struct web_response *resp)
{
	(void)req;
	html_raw(&resp->body,
		 "</main>\n<footer><p>Waymark careers programme. Pupil data stays on this "
		 "school's server.</p></footer>\n</body>\n</html>\n");
}

void form_csrf(const struct web_request *req, struct buf *out)
{
	if (req->user)
		html_fmt(out, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">",
			 req->user->csrf_token);
}

void form_once_key(struct buf *out)
{
	char key[33];
	token_generate(key);
	html_fmt(out, "<input type=\"hidden\" name=\"key\" value=\"%s\">", key);
}

const char *form_once_key_of(const struct web_request *req)
{
	const char *key = web_field(req, "key");
	if (!key || strlen(key) != 32 || strspn(key, "0123456789abcdef") != 32)
		return NULL;
	return key;
}

void page_notice(struct buf *out, const char *kind, const char *text)
{
	bool error = strcmp(kind, "error") == 0;
	html_fmt(out, "<div class=\"notice notice-%s\" role=\"%s\"><p>%s</p></div>\n", kind,
		 error ? "alert" : "status", text);
}

void status_badge(struct buf *out, const char *status)
{
	static const char *const good[] = { "met", "received", "achieved" };
	static const char *const bad[] = { "below", "owed", "not achieved" };
	const char *kind = "neutral";
	for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
		if (strcmp(status, good[i]) == 0)
			kind = "met";
		if (strcmp(status, bad[i]) == 0)
			kind = "below";
	}
	html_fmt(out, "<span class=\"badge badge-%s\">%s</span>", kind, status);
}

void page_done_notice(const struct web_request *req, struct buf *out,
		      const struct done_message *table)
{
	const char *done = web_field(req, "done");
	if (!done)
		return;
	for (const struct done_message *m = table; m->code; m++)
		if (strcmp(m->code, done) == 0) {
			page_notice(out, "success", m->text);
			return;
		}
}

void form_error(struct form_errors *e, const char *field, const char *fmt, ...)
{
	if (e->count == FORM_ERRORS_MAX)
		return;
	e->items[e->count].field = field;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->items[e->count].message, sizeof e->items[e->count].message, fmt, ap);
	va_end(ap);
	e->count++;
}

const char *form_error_for(const struct form_errors *e, const char *field)
{
	for (size_t i = 0; i < e->count; i++)
		if (strcmp(e->items[i].field, field) == 0)
			return e->items[i].message;
	return NULL;
}

void form_error_summary(struct buf *out, const struct form_errors *e)
{
	if (!e->count)
		return;
	html_raw(out, "<div class=\"notice notice-error error-summary\" role=\"alert\" "
		      "aria-labelledby=\"error-summary-title\" tabindex=\"-1\">"
		      "<h2 id=\"error-summary-title\">There is a problem</h2><ul>");
	for (size_t i = 0; i < e->count; i++)
		html_fmt(out, "<li><a href=\"#%s\">%s</a></li>", e->items[i].field,
			 e->items[i].message);
	html_raw(out, "</ul></div>\n");
}

void form_field_error(struct buf *out, const struct form_errors *e, const char *field)
{
	const char *message = form_error_for(e, field);
	if (message)
		html_fmt(out, "<span class=\"error-message\" id=\"%s-error\">"
			      "<span class=\"visually-hidden\">Error: </span>%s</span>",
			 field, message);
}

void form_field_aria(struct buf *out, const struct form_errors *e, const char *field)
{
	if (form_error_for(e, field))
		html_fmt(out, " aria-invalid=\"true\" aria-describedby=\"%s-error\"", field);
}

void form_option(struct buf *out, const char *value, const char *label, bool selected)
{
	html_fmt(out, "<option value=\"%s\"%s>%s</option>", value, selected ? " selected" : "",
		 label);
}

void web_error(struct web_request *req, struct web_response *resp, int status,
	       const char *message)
{
	resp->status = status;
	buf_reset(&resp->body);
	resp->location[0] = '\0';
	const char *title = status == 403 ? "Not allowed"
			  : status == 404 ? "Page not found"
			  : status == 413 ? "Too large"
			  : status >= 500 ? "Something went wrong" : "That did not work";
	page_begin(req, resp, title, NULL);
	page_notice(&resp->body, "error", message);
	html_raw(&resp->body, "<p><a href=\"/dashboard\">Go to the dashboard</a></p>\n");
	page_end(req, resp);
}

struct principal web_principal(const struct web_request *req)
{
	return (struct principal){ .kind = PRINCIPAL_STAFF, .user_id = req->user->id,
				   .role = req->user->role, .actor = req->user->login };
}

struct action_ctx web_action_ctx(const struct web_request *req, const struct principal *who)
{
	return (struct action_ctx){ .db = req->db, .school_id = req->app->school_id, .who = who,
				    .today = req->today, .now = req->now };
}
