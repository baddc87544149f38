#include "action/setting_action.h"

#include <string.h>

#include "store/audit_store.h"
#include "store/user_store.h"

static const char *const yes_no[] = { "yes", "no", NULL };

const struct setting_info setting_list[] = {
	{ "two_factor_admins", "Two-step sign-in required for administrators", yes_no, "no" },
	{ NULL, NULL, NULL, NULL },
};

const struct setting_info *setting_find(const char *name)
{
	for (const struct setting_info *s = setting_list; name && s->name; s++)
		if (strcmp(s->name, name) == 0)
			return s;
	return NULL;
}

struct set_job {
	const struct action_ctx *ctx;
	const char *name, *value;
};

static int set_body(struct db *db, void *arg)
{
	struct set_job *job = arg;
	return setting_set(db, job->ctx->school_id, job->name, job->value) != 0 ||
	       audit_record(db, job->ctx->school_id, job->ctx->who->actor, "setting.set",
			    "school_setting", job->name, job->value) != 0
		? -1 : 0;
}

enum action_status setting_change(const struct action_ctx *ctx, const char *name,
				  const char *value, struct action_result *r)
{
	if (!action_allowed(ctx->who, ROLE_BIT(ROLE_ADMIN)))
		return action_problem(r, ACTION_FORBIDDEN, "",
				      "Only an administrator can change the school's settings.");
	const struct setting_info *s = setting_find(name);
	if (!s)
		return action_problem(r, ACTION_INVALID, "name", "There is no setting called \"%s\".",
				      name ? name : "");
	bool known = false;
	for (const char *const *v = s->values; *v && !known; v++)
		known = value && strcmp(*v, value) == 0;
	if (!known) {
		struct buf list = BUF_INIT;
		for (const char *const *v = s->values; *v; v++)
			buf_printf(&list, "%s%s", v == s->values ? "" : v[1] ? ", " : " or ", *v);
		action_problem(r, ACTION_INVALID, "value", "Choose %s for \"%s\".", buf_str(&list),
			       s->title);
		buf_free(&list);
		return r->status;
	}
	struct set_job job = { ctx, name, value };
	if (db_transaction(ctx->db, set_body, &job) != 0)
		return action_problem(r, ACTION_FAILED, "", "The settings could not be saved. Try again.");
	r->made = 1;
	return r->status;
}
