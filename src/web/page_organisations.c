/* The organisations that come to events: the list, with how many events
 * each came to, and a form to add one (the careers leader and
 * administrators, as the route table says). The adding is the action of
 * action/organisation_action.h, the same as `waymark org add`. */
#include <stdlib.h>
#include <string.h>

#include "action/organisation_action.h"
#include "domain/limits.h"
#include "domain/register.h"
#include "store/event_store.h"
#include "util/html.h"
#include "web/layout.h"
#include "web/pages.h"

static const struct done_message organisations_done[] = {
	{ "added", "The organisation was added: choose it on an event's form." },
	{ NULL, NULL },
};

static const char *const kind_titles[ORG_KIND_COUNT] = {
	[ORG_EMPLOYER] = "Employer",
	[ORG_SIXTH_FORM] = "Sixth form",
	[ORG_COLLEGE] = "College",
	[ORG_UNIVERSITY] = "University",
	[ORG_TRAINING_PROVIDER] = "Training provider",
	[ORG_OTHER] = "Other",
};

static const char *field_or_empty(const struct web_request *req, const char *name)
{
	const char *v = web_field(req, name);
	return v ? v : "";
}

static void organisations_page(struct web_request *req, struct web_response *resp,
			       const struct organisation_request *f, const struct form_errors *errors)
{
	struct organisation_info *orgs = NULL;
	long n = organisation_store_list(req->db, req->app->school_id, &orgs);
	if (n < 0) {
		web_error(req, resp, 500, "The organisations could not be read. Try again.");
		return;
	}
	page_begin(req, resp, "Organisations", "events");
	struct buf *out = &resp->body;
	page_done_notice(req, out, organisations_done);
	html_raw(out, "<p>Employers, colleges, universities and training providers that come to "
		      "events. Choose them on an event's form to record who came: they count "
		      "toward Benchmarks 5 and 7 and Provider Access.</p>\n");
	if (n == 0) {
		html_raw(out, "<p>No organisations are recorded yet.</p>\n");
	} else {
		html_raw(out, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" "
			      "aria-labelledby=\"list-h\"><table><caption id=\"list-h\">Organisations"
			      "</caption><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Kind</th>"
			      "<th scope=\"col\">Sector</th><th scope=\"col\">Size</th>"
			      "<th scope=\"col\">Events</th></tr></thead><tbody>\n");
		for (long i = 0; i < n; i++) {
			enum organisation_kind k;
			const char *kind = organisation_kind_parse(orgs[i].kind, &k) ? kind_titles[k]
										    : orgs[i].kind;
			html_fmt(out, "<tr><th scope=\"row\">%s</th><td>%s</td><td>%s</td><td>%s</td>"
				      "<td>%d</td></tr>\n",
				 orgs[i].name, kind, orgs[i].sector[0] ? orgs[i].sector : "-",
				 orgs[i].size[0] ? orgs[i].size : "-", orgs[i].events);
		}
		html_raw(out, "</tbody></table></div>\n");
	}
	free(orgs);

	html_raw(out, "<h2 id=\"add-h\">Add an organisation</h2>\n");
	form_error_summary(out, errors);
	html_raw(out, "<form class=\"stack\" method=\"post\" action=\"/organisations\" novalidate>\n");
	form_csrf(req, out);
	html_raw(out, "<label for=\"name\">Name</label>");
	form_field_error(out, errors, "name");
	html_fmt(out, "<input id=\"name\" name=\"name\" type=\"text\" required maxlength=\"%d\" "
		      "value=\"%s\"", LIMIT_TITLE, f->name);
	form_field_aria(out, errors, "name");
	html_raw(out, ">\n<label for=\"kind\">Kind</label>");
	form_field_error(out, errors, "kind");
	html_raw(out, "<select id=\"kind\" name=\"kind\" class=\"short\"");
	form_field_aria(out, errors, "kind");
	html_raw(out, ">");
	form_option(out, "", "Choose a kind", !*f->kind);
	for (int k = 0; k < ORG_KIND_COUNT; k++) {
		const char *value = organisation_kind_name((enum organisation_kind)k);
		form_option(out, value, kind_titles[k], strcmp(f->kind, value) == 0);
	}
	html_raw(out, "</select>\n<label for=\"sector\">Sector <span class=\"hint\">Optional: "
		      "engineering, health, the law...</span></label>");
	form_field_error(out, errors, "sector");
	html_fmt(out, "<input id=\"sector\" name=\"sector\" type=\"text\" maxlength=\"%d\" "
		      "value=\"%s\"", LIMIT_TITLE, f->sector);
	form_field_aria(out, errors, "sector");
	html_raw(out, ">\n<label for=\"size\">Size <span class=\"hint\">Optional: micro (under 10 "
		      "staff), small (under 50), medium (under 250) or large.</span></label>");
	form_field_error(out, errors, "size");
	html_raw(out, "<select id=\"size\" name=\"size\" class=\"short\"");
	form_field_aria(out, errors, "size");
	html_raw(out, ">");
	form_option(out, "", "Not recorded", !*f->size);
	const char *sizes[] = { "micro", "small", "medium", "large" };
	for (size_t i = 0; i < 4; i++)
		form_option(out, sizes[i], sizes[i], strcmp(f->size, sizes[i]) == 0);
	html_raw(out, "</select>\n<button type=\"submit\">Add the organisation</button>\n</form>\n"
		      "<p><a href=\"/events\">Back to the events</a></p>\n");
	page_end(req, resp);
}

void page_organisations(struct web_request *req, struct web_response *resp)
{
	struct organisation_request f = { "", "", "", "" };
	struct form_errors errors = { 0 };
	organisations_page(req, resp, &f, &errors);
}

void page_organisations_post(struct web_request *req, struct web_response *resp)
{
	struct organisation_request f = { field_or_empty(req, "name"), field_or_empty(req, "kind"),
					  field_or_empty(req, "sector"), field_or_empty(req, "size") };
	struct principal who = web_principal(req);
	struct action_ctx ctx = web_action_ctx(req, &who);
	struct action_result r;
	action_result_init(&r);
	enum action_status status = organisation_add(&ctx, &f, &r);
	if (status == ACTION_OK) {
		web_redirect(resp, "/organisations?done=added");
	} else if (status == ACTION_INVALID || status == ACTION_CONFLICT) {
		struct form_errors errors = { 0 };
		for (size_t i = 0; i < r.problem_count; i++)
			form_error(&errors, r.problems[i].field, "%s", r.problems[i].message);
		resp->status = 400;
		organisations_page(req, resp, &f, &errors);
	} else {
		web_error(req, resp, status == ACTION_FORBIDDEN ? 403 : 500, r.problems[0].message);
	}
	action_result_free(&r);
}
