/* The school calendar's changes from the browser: a named date, a week's
 * A/B letter, a year's calendar file. Each is the calendar action the
 * `waymark calendar` commands run; the calendar itself is shown on the
 * events page (/events), where these forms are. */
#include <stdio.h>
#include <string.h>

#include "action/calendar_action.h"
#include "io/calendar_file.h"
#include "util/html.h"
#include "web/layout.h"
#include "web/pages.h"

enum { CALENDAR_FILE_MAX = 16 * 1024 * 1024 };

/* The form's academic year, or false after answering 400. */
static bool form_year(struct web_request *req, struct web_response *resp, int *year)
{
	const char *arg = web_field(req, "year");
	if (arg && academic_year_parse(arg, year))
		return true;
	web_error(req, resp, 400, "That is not an academic year: write it like 2025/26.");
	return false;
}

/* The events page of the year, with a done code; or the action's problem. */
static void answer(struct web_request *req, struct web_response *resp, int year,
		   const char *done, struct action_result *r)
{
	if (r->status == ACTION_OK) {
		char location[96], label[8];
		snprintf(location, sizeof location, "/events?year=%s&done=%s#%s",
			 academic_year_format(year, label), done,
			 strcmp(done, "week-saved") == 0 ? "weeks" : "dates");
		web_redirect(resp, location);
	} else {
		int status = r->status == ACTION_FORBIDDEN ? 403
			   : r->status == ACTION_FAILED ? 500 : 400;
		web_error(req, resp, status, r->problem_count ? r->problems[0].message : "Try again.");
	}
	action_result_free(r);
}

void page_calendar_date_post(struct web_request *req, struct web_response *resp)
{
	int year;
	if (!form_year(req, resp, &year))
		return;
	date_t d;
	const char *date = web_field(req, "date");
	if (!date || !date_parse_iso(date, &d)) {
		web_error(req, resp, 400, "Enter the date, like 2025-10-16.");
		return;
	}
	struct principal who = web_principal(req);
	struct action_ctx ctx = web_action_ctx(req, &who);
	struct action_result r;
	action_result_init(&r);
	calendar_name_date(&ctx, year, web_field(req, "name"), d, &r);
	answer(req, resp, year, "date-saved", &r);
}

void page_calendar_week_post(struct web_request *req, struct web_response *resp)
{
	int year;
	if (!form_year(req, resp, &year))
		return;
	date_t d;
	const char *date = web_field(req, "date"), *letter = web_field(req, "letter");
	if (!date || !date_parse_iso(date, &d)) {
		web_error(req, resp, 400, "Enter a day of the week, like 2025-10-13.");
		return;
	}
	struct principal who = web_principal(req);
	struct action_ctx ctx = web_action_ctx(req, &who);
	struct action_result r;
	action_result_init(&r);
	calendar_letter_week(&ctx, year, d, letter && letter[0] && !letter[1] ? letter[0] : '?', &r);
	answer(req, resp, year, "week-saved", &r);
}

/* The file's problems, each with its line and column, and a way back. */
static void problems_page(struct web_request *req, struct web_response *resp, const char *name,
			  const struct diag_list *diags)
{
	resp->status = 400;
	page_begin(req, resp, "The calendar file has problems", "events");
	struct buf *out = &resp->body;
	html_fmt(out, "<p>Nothing was imported from %s. Correct these and import it again:</p>\n"
		      "<ul class=\"problems\">\n",
		 name);
	for (size_t i = 0; i < diags->count; i++) {
		const struct diag *g = &diags->items[i];
		if (g->severity != DIAG_ERROR)
			continue;
		if (g->line && g->column)
			html_fmt(out, "<li>Line %d, column %d: %s</li>\n", g->line, g->column,
				 g->message);
		else if (g->line)
			html_fmt(out, "<li>Line %d: %s</li>\n", g->line, g->message);
		else
			html_fmt(out, "<li>%s</li>\n", g->message);
	}
	html_raw(out, "</ul>\n<p><a href=\"/events\">Back to the calendar</a></p>\n");
	page_end(req, resp);
}

void page_calendar_import_post(struct web_request *req, struct web_response *resp)
{
	const struct web_upload *u = web_upload(req, "file");
	if (!u || !u->size) {
		web_error(req, resp, 400, "Choose the calendar file to import.");
		return;
	}
	if (u->size > CALENDAR_FILE_MAX) {
		web_error(req, resp, 413, "That file is too large to be a calendar.");
		return;
	}
	char name[200];
	web_upload_name(u, "calendar.yaml", name);
	struct buf data = BUF_INIT, err = BUF_INIT;
	if (!web_upload_read(u, &data, &err)) {
		web_error(req, resp, 500, "The file could not be read back after it was sent. Try again.");
		buf_free(&data);
		buf_free(&err);
		return;
	}
	buf_free(&err);
	struct diag_list diags;
	diag_init(&diags, name);
	struct school_calendar cal;
	calendar_init(&cal, 0);
	calendar_free(&cal);
	if (!calendar_parse(data.data, data.len, &cal, &diags) || diag_has_errors(&diags)) {
		problems_page(req, resp, name, &diags);
	} else {
		struct principal who = web_principal(req);
		struct action_ctx ctx = web_action_ctx(req, &who);
		struct action_result r;
		action_result_init(&r);
		calendar_replace(&ctx, &cal, name, &r);
		int year = cal.start_year;
		answer(req, resp, year, "calendar-imported", &r);
	}
	calendar_free(&cal);
	diag_free(&diags);
	buf_free(&data);
}
