#include "action/user_action.h"

#include <string.h>

#include "domain/limits.h"
#include "store/audit_store.h"
#include "store/user_store.h"
#include "util/buf.h"
#include "util/credentials.h"
#include "util/text.h"

static bool administrator(const struct action_ctx *ctx, struct action_result *r)
{
	if (action_allowed(ctx->who, ROLE_BIT(ROLE_ADMIN)))
		return true;
	action_problem(r, ACTION_FORBIDDEN, "", "Only an administrator can change staff accounts.");
	return false;
}

static bool self(const struct action_ctx *ctx, long long id)
{
	return ctx->who->kind == PRINCIPAL_STAFF && ctx->who->user_id == id;
}

/* The user id of this school: true with u filled. */
static bool find(const struct action_ctx *ctx, long long id, struct user *u, struct action_result *r)
{
	int found = user_store_find_id(ctx->db, id, u);
	if (found == 1 && u->school_id == ctx->school_id)
		return true;
	if (found < 0)
		action_problem(r, ACTION_FAILED, "", "The users could not be read. Try again.");
	else
		action_problem(r, ACTION_NOT_FOUND, "", "There is no such user.");
	return false;
}

/* The checks a new user and a change share, on what was given. */
static void check_fields(const struct user_request *rq, enum role *role, struct action_result *r)
{
	const char *problem = rq->name ? text_limit_problem(rq->name, LIMIT_NAME, true) : NULL;
	if (rq->name && (!*rq->name || problem))
		action_problem(r, ACTION_INVALID, "name",
			       "Give a name of up to %d characters, on one line.", LIMIT_NAME);
	if (rq->role && !role_parse(rq->role, role))
		action_problem(r, ACTION_INVALID, "role",
			       "Choose a role: admin, leader, adviser, tutor or governor.");
	if (rq->scope && !scope_valid(rq->scope))
		action_problem(r, ACTION_INVALID, "scope",
			       "Tutor groups are names such as 7A, or year groups such as Y8, with "
			       "spaces between.");
}

static enum action_status failed(struct action_result *r)
{
	return action_problem(r, ACTION_FAILED, "", "The account could not be saved. Try again.");
}

static bool new_password(char password[USER_PASSWORD_BYTES], char hash[128],
			 struct action_result *r)
{
	password_generate(password);
	if (password_hash(password, hash))
		return true;
	action_problem(r, ACTION_FAILED, "", "The password could not be made. Try again.");
	return false;
}

/* ---- add ---- */

struct add_job {
	const struct action_ctx *ctx;
	const struct user *u;
	long long id;
};

static int add_body(struct db *db, void *arg)
{
	struct add_job *job = arg;
	return user_store_add(db, job->u, &job->id) != 0 ||
	       audit_record(db, job->ctx->school_id, job->ctx->who->actor, "user.add", "user",
			    job->u->login, job->u->role) != 0
		? -1 : 0;
}

enum action_status user_add(const struct action_ctx *ctx, const struct user_request *rq,
			    char password[USER_PASSWORD_BYTES], struct action_result *r)
{
	password[0] = '\0';
	if (!administrator(ctx, r))
		return r->status;
	enum role role = ROLE_GOVERNOR;
	const char *login = rq->login ? rq->login : "";
	if (!login_valid(login))
		action_problem(r, ACTION_INVALID, "login",
			       "The login must be 2 to %d letters, digits and . _ - @.", LIMIT_LOGIN);
	if (!rq->role)
		action_problem(r, ACTION_INVALID, "role",
			       "Choose a role: admin, leader, adviser, tutor or governor.");
	check_fields(rq, &role, r);
	struct user existing;
	if (r->status == ACTION_OK && user_store_find_login(ctx->db, login, &existing) == 1)
		action_problem(r, ACTION_CONFLICT, "login", "There is already a user \"%s\".",
			       existing.login);
	char hash[128];
	if (r->status != ACTION_OK || !new_password(password, hash, r))
		return r->status;
	struct user u = { .school_id = ctx->school_id, .must_change_password = true };
	text_copy(u.login, sizeof u.login, login);
	text_copy(u.display_name, sizeof u.display_name, rq->name ? rq->name : login);
	text_copy(u.role, sizeof u.role, role_name(role));
	text_copy(u.scope, sizeof u.scope, rq->scope ? rq->scope : "");
	text_copy(u.password_hash, sizeof u.password_hash, hash);
	struct add_job job = { ctx, &u, 0 };
	if (db_transaction(ctx->db, add_body, &job) != 0) {
		password[0] = '\0';
		return failed(r);
	}
	r->id = job.id;
	return r->status;
}

/* ---- change ---- */

struct change_job {
	const struct action_ctx *ctx;
	const struct user *u;
	const char *role, *scope, *name;
	const char *detail;
};

static int change_body(struct db *db, void *arg)
{
	struct change_job *job = arg;
	return user_store_set_role(db, job->u->id, job->role, job->scope, job->name) != 0 ||
	       audit_record(db, job->ctx->school_id, job->ctx->who->actor, "user.set", "user",
			    job->u->login, job->detail) != 0
		? -1 : 0;
}

enum action_status user_change(const struct action_ctx *ctx, long long id,
			       const struct user_request *rq, struct action_result *r)
{
	struct user u;
	r->id = id;
	if (!administrator(ctx, r) || !find(ctx, id, &u, r))
		return r->status;
	enum role role;
	if (!role_parse(u.role, &role))
		role = ROLE_GOVERNOR;
	check_fields(rq, &role, r);
	if (r->status == ACTION_OK && self(ctx, id) && role != ROLE_ADMIN)
		action_problem(r, ACTION_CONFLICT, "role",
			       "You cannot take away your own administrator role: ask another "
			       "administrator.");
	if (r->status != ACTION_OK)
		return r->status;
	const char *scope = rq->scope ? rq->scope : u.scope;
	const char *name = rq->name ? rq->name : u.display_name;
	struct buf detail = BUF_INIT;
	buf_printf(&detail, "role %s", role_name(role));
	if (*scope)
		buf_printf(&detail, ", tutor groups %s", scope);
	if (strcmp(name, u.display_name) != 0)
		buf_puts(&detail, ", name changed");
	struct change_job job = { ctx, &u, role_name(role), scope, name, buf_str(&detail) };
	if (db_transaction(ctx->db, change_body, &job) != 0)
		failed(r);
	buf_free(&detail);
	return r->status;
}

/* ---- disable, enable, reset ---- */

struct access_job {
	const struct action_ctx *ctx;
	const struct user *u;
	enum { DISABLE, ENABLE, RESET } what;
	const char *hash;
};

static int access_body(struct db *db, void *arg)
{
	struct access_job *job = arg;
	long long id = job->u->id;
	int rc;
	const char *action;
	switch (job->what) {
	case DISABLE:
		action = "user.disable";
		rc = user_store_set_disabled(db, id, true) || session_store_delete_user(db, id);
		break;
	case ENABLE:
		action = "user.enable";
		rc = user_store_set_disabled(db, id, false);
		break;
	default:
		action = "user.reset";
		rc = user_store_set_password(db, id, job->hash, true) ||
		     user_store_set_totp(db, id, NULL, false) || session_store_delete_user(db, id) ||
		     login_attempt_clear(db, job->u->login);
		break;
	}
	return rc || audit_record(db, job->ctx->school_id, job->ctx->who->actor, action, "user",
				  job->u->login, NULL) != 0
		? -1 : 0;
}

enum action_status user_set_disabled(const struct action_ctx *ctx, long long id, bool disabled,
				     struct action_result *r)
{
	struct user u;
	r->id = id;
	if (!administrator(ctx, r) || !find(ctx, id, &u, r))
		return r->status;
	if (disabled && self(ctx, id))
		return action_problem(r, ACTION_CONFLICT, "",
				      "You cannot disable your own account: ask another administrator.");
	struct access_job job = { ctx, &u, disabled ? DISABLE : ENABLE, NULL };
	if (db_transaction(ctx->db, access_body, &job) != 0)
		failed(r);
	return r->status;
}

enum action_status user_reset(const struct action_ctx *ctx, long long id,
			      char password[USER_PASSWORD_BYTES], struct action_result *r)
{
	struct user u;
	password[0] = '\0';
	r->id = id;
	if (!administrator(ctx, r) || !find(ctx, id, &u, r))
		return r->status;
	if (self(ctx, id))
		return action_problem(r, ACTION_CONFLICT, "",
				      "Change your own password on your account page instead.");
	char hash[128];
	if (!new_password(password, hash, r))
		return r->status;
	struct access_job job = { ctx, &u, RESET, hash };
	if (db_transaction(ctx->db, access_body, &job) != 0) {
		password[0] = '\0';
		failed(r);
	}
	return r->status;
}
