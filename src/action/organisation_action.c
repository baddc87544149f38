#include "action/organisation_action.h"

#include "domain/limits.h"
#include "domain/register.h"
#include "store/audit_store.h"
#include "store/event_store.h"

struct add_job {
	const struct action_ctx *ctx;
	const struct organisation_request *rq;
	long long id;
};

static int add_body(struct db *db, void *arg)
{
	struct add_job *job = arg;
	const struct organisation_request *rq = job->rq;
	return organisation_store_add(db, job->ctx->school_id, rq->name, rq->kind,
				      rq->sector && *rq->sector ? rq->sector : NULL,
				      rq->size && *rq->size ? rq->size : NULL, &job->id) != 0 ||
	       audit_record(db, job->ctx->school_id, job->ctx->who->actor, "organisation.add",
			    "organisation", rq->name, rq->kind) != 0
		? -1 : 0;
}

enum action_status organisation_add(const struct action_ctx *ctx,
				    const struct organisation_request *rq, struct action_result *r)
{
	if (!action_allowed(ctx->who, ROLES_CAREERS))
		return action_problem(r, ACTION_FORBIDDEN, "",
				      "Only the careers leader or an administrator can add organisations.");
	const char *name = rq->name ? rq->name : "";
	const char *problem = text_limit_problem(name, LIMIT_TITLE, true);
	if (!*name || problem)
		action_problem(r, ACTION_INVALID, "name",
			       "Give the organisation's name, up to %d characters on one line.",
			       LIMIT_TITLE);
	enum organisation_kind kind;
	if (!rq->kind || !organisation_kind_parse(rq->kind, &kind))
		action_problem(r, ACTION_INVALID, "kind",
			       "Choose what kind of organisation it is: an employer, a sixth form, a "
			       "college, a university, a training provider or other.");
	if (rq->sector && text_limit_problem(rq->sector, LIMIT_TITLE, true))
		action_problem(r, ACTION_INVALID, "sector",
			       "Give the sector in up to %d characters on one line, or leave it empty.",
			       LIMIT_TITLE);
	if (rq->size && *rq->size && !organisation_size_valid(rq->size))
		action_problem(r, ACTION_INVALID, "size",
			       "Choose its size: micro, small, medium or large, or leave it empty.");
	long long id;
	int found = r->status == ACTION_OK ? organisation_store_find(ctx->db, ctx->school_id, name, &id) : 0;
	if (found < 0)
		return action_problem(r, ACTION_FAILED, "", "The organisations could not be read. Try again.");
	if (found == 1)
		action_problem(r, ACTION_CONFLICT, "name",
			       "There is already an organisation called \"%s\".", name);
	if (r->status != ACTION_OK)
		return r->status;
	struct add_job job = { ctx, rq, 0 };
	if (db_transaction(ctx->db, add_body, &job) != 0)
		return action_problem(r, ACTION_FAILED, "", "The organisation could not be saved. Try again.");
	r->id = job.id;
	return r->status;
}
