/* The Benchmark 1 and 3 checklist: each item with what the school has
 * recorded of it, and a form to record it (the careers leader and
 * administrators, as the route table says). Recording is the action of
 * action/benchmark_action.h, the same as `waymark benchmark set`. */
#include <string.h>

#include "action/benchmark_action.h"
#include "domain/benchmarks.h"
#include "domain/limits.h"
#include "store/benchmark_store.h"
#include "util/html.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/view.h"

static const char *status_title(enum benchmark_item_status s)
{
	return s == BENCHMARK_ITEM_MET ? "met" : s == BENCHMARK_ITEM_IN_PROGRESS ? "in progress" : "not met";
}

/* The item that a failed form was for, with its problem beside it. */
struct failed_item {
	const char *item;
	const struct action_result *r;
};

static void checklist_page(struct web_request *req, struct web_response *resp,
			   const struct failed_item *failed)
{
	struct benchmark_checklist c;
	if (benchmark_item_store_load(req->db, req->app->school_id, &c) != 0) {
		benchmark_checklist_free(&c);
		web_error(req, resp, 500, "The checklist could not be read. Try again.");
		return;
	}
	page_begin(req, resp, "Benchmarks 1 and 3: the checklist", "reports");
	struct buf *out = &resp->body;
	const char *done = web_field(req, "done");
	if (done && benchmark_item_find(done)) {
		char text[80];
		snprintf(text, sizeof text, "Item %s was recorded.", done);
		page_notice(out, "success", text);
	}
	html_raw(out, "<p>Benchmark 1 (a stable careers programme) and Benchmark 3 (addressing "
		      "the needs of each pupil) are met item by item: record each one here, with "
		      "its evidence and when to review it. The benchmarks report counts the items "
		      "met.</p>\n<p><a href=\"/reports/benchmarks\">The benchmarks report</a></p>\n");
	size_t n;
	const struct benchmark_item *items = benchmark_items(&n);
	int shown_benchmark = 0;
	for (size_t i = 0; i < n; i++) {
		const struct benchmark_item *it = &items[i];
		const struct benchmark_item_state *s = benchmark_checklist_state(&c, it->id);
		if (it->benchmark != shown_benchmark) {
			shown_benchmark = it->benchmark;
			html_fmt(out, "<h2>Benchmark %d</h2>\n", it->benchmark);
		}
		const struct action_result *r = failed && strcmp(failed->item, it->id) == 0 ? failed->r : NULL;
		html_fmt(out, "<section class=\"checklist-item\" id=\"item-%s\" aria-labelledby=\"h-%s\">"
			      "<h3 id=\"h-%s\">%s %s</h3><p>Now: <strong>%s</strong>",
			 it->id, it->id, it->id, it->id, it->description, status_title(s->status));
		if (s->review_date != DATE_NONE) {
			html_raw(out, "; review by ");
			view_date(out, s->review_date);
			if (benchmark_item_review_due(s, req->today))
				html_raw(out, " <strong class=\"tag\">review due</strong>");
		}
		html_raw(out, "</p>\n");
		if (r)
			for (size_t k = 0; k < r->problem_count; k++)
				html_fmt(out, "<p class=\"error-message\" role=\"alert\">%s</p>",
					 r->problems[k].message);
		html_fmt(out, "<form class=\"stack\" method=\"post\" action=\"/benchmarks/checklist/%s\">",
			 it->id);
		form_csrf(req, out);
		html_fmt(out, "<label for=\"status-%s\">Status</label><select id=\"status-%s\" "
			      "name=\"status\" class=\"short\">", it->id, it->id);
		const enum benchmark_item_status all[] = { BENCHMARK_ITEM_NOT_MET,
							   BENCHMARK_ITEM_IN_PROGRESS, BENCHMARK_ITEM_MET };
		for (int k = 0; k < 3; k++)
			form_option(out, benchmark_item_status_name(all[k]), status_title(all[k]),
				    s->status == all[k]);
		char iso[DATE_ISO_LEN] = "";
		if (s->review_date != DATE_NONE)
			date_format_iso(s->review_date, iso);
		html_fmt(out, "</select><label for=\"evidence-%s\">Evidence <span class=\"hint\">Where "
			      "it is shown: a document, a page, a minute.</span></label>"
			      "<input id=\"evidence-%s\" name=\"evidence\" type=\"text\" maxlength=\"%d\" "
			      "value=\"%s\"><label for=\"review-%s\">Review by <span class=\"hint\">"
			      "Optional.</span></label><input id=\"review-%s\" name=\"review\" type=\"date\" "
			      "class=\"short\" value=\"%s\"><button type=\"submit\">Record item %s</button>"
			      "</form></section>\n",
			 it->id, it->id, LIMIT_NOTE, s->evidence ? s->evidence : "", it->id, it->id, iso,
			 it->id);
	}
	benchmark_checklist_free(&c);
	page_end(req, resp);
}

void page_checklist(struct web_request *req, struct web_response *resp)
{
	checklist_page(req, resp, NULL);
}

void page_checklist_post(struct web_request *req, struct web_response *resp)
{
	const char *review = web_field(req, "review");
	struct checklist_request rq = { .item = req->captures[0], .status = web_field(req, "status"),
					.evidence = web_field(req, "evidence"), .set_review = true,
					.review_date = DATE_NONE };
	struct principal who = web_principal(req);
	struct action_ctx ctx = web_action_ctx(req, &who);
	struct action_result r;
	action_result_init(&r);
	if (review && *review && !date_parse_iso(review, &rq.review_date))
		action_problem(&r, ACTION_INVALID, "review", "Enter the review date, like 2026-07-01.");
	enum action_status status = r.status == ACTION_OK ? checklist_item_set(&ctx, &rq, &r) : r.status;
	if (status == ACTION_OK) {
		char to[64];
		snprintf(to, sizeof to, "/benchmarks/checklist?done=%s#item-%s", rq.item, rq.item);
		web_redirect(resp, to);
	} else if (status == ACTION_INVALID) {
		resp->status = 400;
		struct failed_item failed = { rq.item, &r };
		checklist_page(req, resp, &failed);
	} else {
		web_error(req, resp, status == ACTION_NOT_FOUND ? 404 : status == ACTION_FORBIDDEN ? 403 : 500,
			  r.problems[0].message);
	}
	action_result_free(&r);
}
