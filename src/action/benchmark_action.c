#include "action/benchmark_action.h"

#include <string.h>

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

struct snapshot_job {
	const struct action_ctx *ctx;
	const char *label;
	date_t as_of;
	const struct benchmark_value *banded, *strict;
};

static int snapshot_body(struct db *db, void *arg)
{
	struct snapshot_job *job = arg;
	char iso[DATE_ISO_LEN], detail[64];
	snprintf(detail, sizeof detail, "as of %s", date_format_iso(job->as_of, iso));
	long long school = job->ctx->school_id;
	return benchmark_snapshot_save(db, school, job->label, job->as_of, "banded", job->banded) != 0 ||
	       benchmark_snapshot_save(db, school, job->label, job->as_of, "strict", job->strict) != 0 ||
	       audit_record(db, school, job->ctx->who->actor, "benchmark.snapshot",
			    "benchmark_snapshot", job->label, detail) != 0
		? -1 : 0;
}

enum action_status benchmark_snapshot_take(const struct action_ctx *ctx, const char *label,
					   date_t as_of, const struct benchmark_value banded[8],
					   const struct benchmark_value strict[8],
					   struct action_result *r)
{
	if (!action_allowed(ctx->who, ROLES_CAREERS))
		return action_problem(r, ACTION_FORBIDDEN, "",
				      "Only the careers leader or an administrator can keep a snapshot.");
	if (!label || !*label || strlen(label) > 60 || text_limit_problem(label, 60, true))
		return action_problem(r, ACTION_INVALID, "label",
				      "Give the snapshot a label of 1 to 60 characters on one line, "
				      "such as \"September 2025\".");
	struct snapshot_job job = { ctx, label, as_of, banded, strict };
	if (db_transaction(ctx->db, snapshot_body, &job) != 0)
		return action_problem(r, ACTION_FAILED, "", "The snapshot could not be kept: %s",
				      db_error(ctx->db));
	r->made = 1;
	return r->status;
}

enum action_status benchmark_snapshot_keep(const struct action_ctx *ctx, const char *label,
					   const struct programme *p,
					   const struct benchmark_report *report,
					   const struct benchmark_checklist *checklist,
					   struct action_result *r)
{
	struct benchmark_value values[2][8];
	const enum benchmark_mode modes[2] = { BENCHMARK_BANDED, BENCHMARK_STRICT };
	for (int m = 0; m < 2; m++) {
		struct benchmark_score scores[BENCHMARK_COUNT];
		benchmark_summarise(p, report, checklist, modes[m], scores);
		for (int b = 0; b < BENCHMARK_COUNT; b++)
			values[m][b] = (struct benchmark_value){ b + 1, scores[b].achieved,
								 scores[b].scored };
	}
	return benchmark_snapshot_take(ctx, label, report->as_of, values[0], values[1], r);
}

struct review_job {
	const struct action_ctx *ctx;
	int start_year;
	const char *period;
	date_t as_of;
	const struct review_row *rows;
	size_t count;
};

static int review_body(struct db *db, void *arg)
{
	struct review_job *job = arg;
	char iso[DATE_ISO_LEN];
	return review_snapshot_save(db, job->ctx->school_id, job->start_year, job->period,
				    job->as_of, job->rows, job->count) != 0 ||
	       audit_record(db, job->ctx->school_id, job->ctx->who->actor, "review.save", "review",
			    job->period, date_format_iso(job->as_of, iso)) != 0
		? -1 : 0;
}

enum action_status review_keep(const struct action_ctx *ctx, int start_year, const char *period,
			       date_t as_of, const struct review_row *rows, size_t count,
			       struct action_result *r)
{
	if (!action_allowed(ctx->who, ROLES_CAREERS))
		return action_problem(r, ACTION_FORBIDDEN, "",
				      "Only the careers leader or an administrator can keep a review.");
	struct review_job job = { ctx, start_year, period, as_of, rows, count };
	if (db_transaction(ctx->db, review_body, &job) != 0)
		return action_problem(r, ACTION_FAILED, "", "The review could not be kept: %s",
				      db_error(ctx->db));
	r->made = count;
	return r->status;
}
