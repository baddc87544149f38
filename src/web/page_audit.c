/* The audit log (administrators only): every change, newest first, in
 * pages, filtered by the start of its action ("user.", "import."). It shows
 * what the audit rows hold and nothing joined to them: a change to a
 * pupil's record is keyed by UPN, never by name. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/audit_store.h"
#include "util/html.h"
#include "util/text.h"
#include "web/layout.h"
#include "web/pages.h"

enum { AUDIT_PAGE_SIZE = 50 };

/* A prefix: up to 60 characters of letters, digits, "." and "-". */
static bool prefix_valid(const char *s)
{
	if (strlen(s) > 60)
		return false;
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      *p == '.' || *p == '-' || *p == '_'))
			return false;
	return true;
}

static void page_link(struct buf *out, const char *prefix, long page, const char *rel,
		      const char *label)
{
	struct buf href = BUF_INIT;
	buf_printf(&href, "/audit?page=%ld", page);
	if (*prefix) {
		buf_puts(&href, "&action=");
		url_encode(&href, prefix);
	}
	html_fmt(out, "<a rel=\"%s\" href=\"%s\">%s</a>", rel, buf_str(&href), label);
	buf_free(&href);
}

void page_audit(struct web_request *req, struct web_response *resp)
{
	const char *prefix = web_field(req, "action");
	const char *page_arg = web_field(req, "page");
	prefix = prefix ? prefix : "";
	long page = 1;
	const char *problem = NULL;
	if (!prefix_valid(prefix)) {
		problem = "An action starts with letters, digits, dots and dashes, like user. or import.";
		prefix = "";
	}
	if (page_arg && *page_arg && !text_to_int(page_arg, 1, 10000000L, &page)) {
		problem = "There is no such page.";
		page = 1;
	}
	struct audit_entry *rows = NULL;
	long total = 0;
	long n = audit_page(req->db, req->app->school_id, prefix, (page - 1) * AUDIT_PAGE_SIZE,
			    AUDIT_PAGE_SIZE, &rows, &total);
	if (n < 0) {
		web_error(req, resp, 500, "The audit log could not be read. Try again.");
		return;
	}
	page_begin(req, resp, "Audit log", "audit");
	struct buf *out = &resp->body;
	if (problem) {
		resp->status = 400;
		page_notice(out, "error", problem);
	}
	html_fmt(out, "<form class=\"filters no-print\" method=\"get\" action=\"/audit\">\n"
		      "<label for=\"action\">Action starts with<span class=\"hint\">Such as user., "
		      "import. or login.; empty for every change</span></label>\n"
		      "<input id=\"action\" name=\"action\" type=\"text\" value=\"%s\" "
		      "autocapitalize=\"none\" spellcheck=\"false\">\n"
		      "<button type=\"submit\">Show</button>\n</form>\n",
		 prefix);
	long pages = total ? (total + AUDIT_PAGE_SIZE - 1) / AUDIT_PAGE_SIZE : 1;
	if (!n) {
		html_raw(out, total ? "<p>There is no such page.</p>\n" : "<p>No changes match.</p>\n");
	} else {
		html_fmt(out, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"The audit log\">"
			      "<table class=\"audit\">\n<caption>Changes %ld "
			      "to %ld of %ld, newest first (page %ld of %ld)</caption>\n<thead><tr>"
			      "<th scope=\"col\">When (UTC)</th><th scope=\"col\">Who</th>"
			      "<th scope=\"col\">Action</th><th scope=\"col\">Entity</th>"
			      "<th scope=\"col\">Key</th><th scope=\"col\">Detail</th></tr></thead>\n<tbody>\n",
			 (page - 1) * AUDIT_PAGE_SIZE + 1, (page - 1) * AUDIT_PAGE_SIZE + n, total, page,
			 pages);
		for (long i = 0; i < n; i++) {
			const struct audit_entry *e = &rows[i];
			/* "2025-11-10T09:30:12.345Z" as "2025-11-10 09:30:12". */
			char when[sizeof e->at];
			memcpy(when, e->at, sizeof when);
			if (strlen(when) > 10 && when[10] == 'T')
				when[10] = ' ';
			if (strlen(when) > 19)
				when[19] = '\0';
			html_fmt(out, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
				      "<td>%s</td></tr>\n",
				 when, e->actor, e->action, e->entity, e->key, e->detail);
		}
		html_raw(out, "</tbody></table></div>\n");
	}
	if (pages > 1) {
		html_raw(out, "<nav class=\"pager no-print\" aria-label=\"Pages of the audit log\"><p>");
		if (page > 1)
			page_link(out, prefix, page - 1, "prev", "Newer changes");
		if (page > 1 && page < pages)
			html_raw(out, " ");
		if (page < pages)
			page_link(out, prefix, page + 1, "next", "Older changes");
		html_raw(out, "</p></nav>\n");
	}
	free(rows);
	page_end(req, resp);
}
