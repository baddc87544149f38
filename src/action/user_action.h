/* Staff accounts: adding a member of staff, changing their role, name or
 * tutor groups, disabling and enabling them, and resetting a password.
 * Administrators only (and the command line). An administrator cannot
 * disable or reset their own account, nor take away their own
 * administrator role: another administrator must, so that nobody locks
 * the school out by a slip. */
#ifndef WAYMARK_USER_ACTION_H
#define WAYMARK_USER_ACTION_H

#include "action/action.h"

/* A one-time password, shown once to whoever made it. */
enum { USER_PASSWORD_BYTES = 32 };

/* An account as the administrator describes it. NULL: not given (for a
 * change, stays as it is; for a new user, the name is the login and there
 * are no tutor groups). */
struct user_request {
	const char *login;    /* a new user's */
	const char *name;
	const char *role;     /* "tutor", ... */
	const char *scope;    /* a tutor's groups: "7A 7B Y8" */
};

/* Adds a user who must choose a password at first sign-in: r->id and the
 * one-time password in password. */
enum action_status user_add(const struct action_ctx *ctx, const struct user_request *rq,
			    char password[USER_PASSWORD_BYTES], struct action_result *r);
enum action_status user_change(const struct action_ctx *ctx, long long id,
			       const struct user_request *rq, struct action_result *r);
/* Disabling also ends their sessions. */
enum action_status user_set_disabled(const struct action_ctx *ctx, long long id, bool disabled,
				     struct action_result *r);
/* A new one-time password; their sessions end, two-step sign-in goes off
 * and the sign-in lock on their login is lifted. */
enum action_status user_reset(const struct action_ctx *ctx, long long id,
			      char password[USER_PASSWORD_BYTES], struct action_result *r);

#endif
