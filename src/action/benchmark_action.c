#include "action/benchmark_action.h"

#include "domain/benchmarks.h"
#include "domain/limits.h"
#include "store/audit_store.h"
#include "store/benchmark_store.h"

struct set_job {
	const struct action_ctx *ctx;
	const struct benchmark_item_state *state;
	const char *detail;
};

static int set_body(struct db *db, void *arg)
{
	struct set_job *job = arg;
	return benchmark_item_store_save(db, job->ctx->school_id, job->state, job->ctx->who->actor) != 0 ||
	       audit_record(db, job->ctx->school_id, job->ctx->who->actor, "benchmark.set",
			    "benchmark_item", job->state->item, job->detail) != 0
		? -1 : 0;
}

enum action_status checklist_item_set(const struct action_ctx *ctx,
				      const struct checklist_request *rq, struct action_result *r)
{
	if (!action_allowed(ctx->who, ROLES_CAREERS))
		return action_problem(r, ACTION_FORBIDDEN, "",
				      "Only the careers leader or an administrator can record the checklist.");
	const struct benchmark_item *item = rq->item ? benchmark_item_find(rq->item) : NULL;
	if (!item)
		return action_problem(r, ACTION_NOT_FOUND, "item",
				      "There is no checklist item \"%s\": the items are 1.1 to 1.6 and "
				      "3.1 to 3.4.", rq->item ? rq->item : "");
	enum benchmark_item_status status;
	if (!rq->status || !benchmark_item_status_parse(rq->status, &status))
		action_problem(r, ACTION_INVALID, "status", "Choose met, in progress or not met.");
	if (rq->evidence && text_limit_problem(rq->evidence, LIMIT_NOTE, true))
		action_problem(r, ACTION_INVALID, "evidence",
			       "Give the evidence in up to %d characters on one line.", LIMIT_NOTE);
	if (r->status != ACTION_OK)
		return r->status;

	struct benchmark_checklist c;
	if (benchmark_item_store_load(ctx->db, ctx->school_id, &c) != 0) {
		benchmark_checklist_free(&c);
		return action_problem(r, ACTION_FAILED, "", "The checklist could not be read. Try again.");
	}
	struct benchmark_item_state s = *benchmark_checklist_state(&c, item->id);
	s.item = item->id;
	s.status = status;
	if (rq->evidence)
		s.evidence = *rq->evidence ? rq->evidence : NULL;
	if (rq->set_review)
		s.review_date = rq->review_date;
	struct buf detail = BUF_INIT;
	char iso[DATE_ISO_LEN];
	buf_puts(&detail, benchmark_item_status_name(status));
	if (s.evidence)
		buf_printf(&detail, ", evidence \"%s\"", s.evidence);
	if (s.review_date != DATE_NONE)
		buf_printf(&detail, ", review by %s", date_format_iso(s.review_date, iso));
	struct set_job job = { ctx, &s, buf_str(&detail) };
	if (db_transaction(ctx->db, set_body, &job) != 0)
		action_problem(r, ACTION_FAILED, "", "The checklist could not be saved. Try again.");
	else if (benchmark_item_review_due(&s, ctx->today))
		action_warning(r, "Item %s: its review date has passed.", item->id);
	buf_free(&detail);
	benchmark_checklist_free(&c);
	return r->status;
}
