/* waymark user add | list | disable | enable | reset | set */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "action/user_action.h"
#include "cli/cli.h"
#include "domain/account.h"
#include "domain/limits.h"
#include "store/user_store.h"
#include "util/credentials.h"
#include "util/text.h"

static const char add_usage[] =
	"usage: waymark user add LOGIN --role ROLE [--name NAME] [--scope GROUPS]\n"
	"\n"
	"Adds a member of staff and prints a one-time password, to be changed at the\n"
	"first sign-in. ROLE is admin, leader (the careers leader), adviser, tutor or\n"
	"governor. --scope gives a tutor's groups: tutor groups and year groups, such as\n"
	"\"7A 7B Y8\".\n";
static const char list_usage[] = "usage: waymark user list\n\nLists the school's users.\n";
static const char disable_usage[] =
	"usage: waymark user disable LOGIN\n\nStops a user signing in and ends their sessions.\n";
static const char enable_usage[] = "usage: waymark user enable LOGIN\n\nLets a disabled user sign in again.\n";
static const char reset_usage[] =
	"usage: waymark user reset LOGIN\n\n"
	"Gives the user a new one-time password (printed), ends their sessions and turns\n"
	"off two-step sign-in, for someone locked out.\n";
static const char set_usage[] =
	"usage: waymark user set LOGIN [--role ROLE] [--name NAME] [--scope GROUPS]\n\n"
	"Changes a user's role, name or tutor groups.\n";

static void warn_admins(struct cli_ctx *ctx)
{
	int admins = user_store_count_admins(ctx->db, ctx->school.id);
	if (admins == 0)
		cli_warn("%s has no administrator who can sign in: add two (waymark user add LOGIN --role admin), so that one leaving cannot lock the school out",
			 ctx->school.slug);
	else if (admins == 1)
		cli_warn("%s has 1 administrator who can sign in: add a second so that one leaving cannot lock the school out",
			 ctx->school.slug);
}

static int find_user(struct cli_ctx *ctx, const char *login, struct user *u)
{
	int found = user_store_find_login(ctx->db, login, u);
	if (found < 0)
		return cli_fail(EXIT_USER, "cannot read users: %s", db_error(ctx->db));
	if (found == 0 || u->school_id != ctx->school.id)
		return cli_fail(EXIT_USER, "no user \"%s\": `waymark user list` shows them", login);
	return EXIT_OK;
}

static const struct cli_field user_fields[] = {
	{ "login", "LOGIN", NULL },
	{ "name", "--name", NULL },
	{ "role", "--role", NULL },
	{ "scope", "--scope", NULL },
	{ NULL, NULL, NULL },
};

static int cmd_add(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option options[] = {
		{ "role", required_argument, NULL, 'r' },
		{ "name", required_argument, NULL, 'n' },
		{ "scope", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	struct user_request rq = { 0 };
	int opt;
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (opt) {
		case 'r': rq.role = optarg; break;
		case 'n': rq.name = optarg; break;
		case 's': rq.scope = optarg; break;
		default: return cli_bad_option(add_usage, argv);
		}
	}
	if (argc - optind != 1)
		return cli_usage_error(add_usage, "name one login");
	rq.login = argv[optind];
	enum role role;
	if (!rq.role || !role_parse(rq.role, &role))
		return cli_usage_error(add_usage, "--role must be admin, leader, adviser, tutor or governor");
	if (!login_valid(rq.login))
		return cli_usage_error(add_usage, "the login must be 2 to %d letters, digits and . _ - @",
				       LIMIT_LOGIN);
	const char *name_problem = rq.name ? text_limit_problem(rq.name, LIMIT_NAME, true) : NULL;
	if (rq.name && (!*rq.name || name_problem))
		return cli_usage_error(add_usage, "--name %s: give a name of up to %d characters",
				       name_problem ? name_problem : "is empty", LIMIT_NAME);
	if (rq.scope && !scope_valid(rq.scope))
		return cli_usage_error(add_usage, "--scope: tutor groups and year groups such as \"7A 7B Y8\"");

	struct principal who = cli_principal(ctx);
	struct action_ctx actx = cli_action_ctx(ctx, &who);
	struct action_result r;
	action_result_init(&r);
	char password[USER_PASSWORD_BYTES];
	user_add(&actx, &rq, password, &r);
	int status = cli_action_status(&r, user_fields);
	action_result_free(&r);
	if (status != EXIT_OK)
		return status;
	printf("added %s (%s)\none-time password: %s\n", rq.login, role_title(role), password);
	printf("they choose their own password when they first sign in\n");
	warn_admins(ctx);
	return EXIT_OK;
}

static int cmd_list(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc != 1)
		return cli_usage_error(list_usage, "unexpected argument %s", argv[1]);
	struct user *users;
	long n = user_store_list(ctx->db, ctx->school.id, &users);
	if (n < 0)
		return cli_fail(EXIT_USER, "cannot read users: %s", db_error(ctx->db));
	printf("%-20s %-9s %-28s %-10s %s\n", "login", "role", "name", "state", "last sign-in");
	for (long i = 0; i < n; i++) {
		const struct user *u = &users[i];
		const char *state = u->disabled ? "disabled" : u->must_change_password ? "new" : "active";
		printf("%-20s %-9s %-28.28s %-10s %s%s\n", u->login, u->role, u->display_name, state,
		       u->last_login_at[0] ? u->last_login_at : "never",
		       u->totp_enabled ? " (two-step)" : "");
	}
	free(users);
	warn_admins(ctx);
	return EXIT_OK;
}

static int set_disabled(struct cli_ctx *ctx, int argc, char **argv, bool disabled,
			const char *usage)
{
	if (argc != 2)
		return cli_usage_error(usage, "name one login");
	struct user u;
	int status = find_user(ctx, argv[1], &u);
	if (status != EXIT_OK)
		return status;
	struct principal who = cli_principal(ctx);
	struct action_ctx actx = cli_action_ctx(ctx, &who);
	struct action_result r;
	action_result_init(&r);
	user_set_disabled(&actx, u.id, disabled, &r);
	status = cli_action_status(&r, user_fields);
	action_result_free(&r);
	if (status != EXIT_OK)
		return status;
	printf("%s %s\n", u.login, disabled ? "can no longer sign in" : "can sign in again");
	warn_admins(ctx);
	return EXIT_OK;
}

static int cmd_disable(struct cli_ctx *ctx, int argc, char **argv)
{
	return set_disabled(ctx, argc, argv, true, disable_usage);
}

static int cmd_enable(struct cli_ctx *ctx, int argc, char **argv)
{
	return set_disabled(ctx, argc, argv, false, enable_usage);
}

static int cmd_reset(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc != 2)
		return cli_usage_error(reset_usage, "name one login");
	struct user u;
	int status = find_user(ctx, argv[1], &u);
	if (status != EXIT_OK)
		return status;
	struct principal who = cli_principal(ctx);
	struct action_ctx actx = cli_action_ctx(ctx, &who);
	struct action_result r;
	action_result_init(&r);
	char password[USER_PASSWORD_BYTES];
	user_reset(&actx, u.id, password, &r);
	status = cli_action_status(&r, user_fields);
	action_result_free(&r);
	if (status == EXIT_OK)
		printf("%s: one-time password: %s\n", u.login, password);
	return status;
}

static int cmd_set(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option options[] = {
		{ "role", required_argument, NULL, 'r' },
		{ "name", required_argument, NULL, 'n' },
		{ "scope", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	struct user_request rq = { 0 };
	int opt;
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (opt) {
		case 'r': rq.role = optarg; break;
		case 'n': rq.name = optarg; break;
		case 's': rq.scope = optarg; break;
		default: return cli_bad_option(set_usage, argv);
		}
	}
	if (argc - optind != 1)
		return cli_usage_error(set_usage, "name one login");
	struct user u;
	int status = find_user(ctx, argv[optind], &u);
	if (status != EXIT_OK)
		return status;
	enum role role;
	if (rq.role && !role_parse(rq.role, &role))
		return cli_usage_error(set_usage, "--role must be admin, leader, adviser, tutor or governor");
	if (rq.scope && !scope_valid(rq.scope))
		return cli_usage_error(set_usage, "--scope: tutor groups and year groups such as \"7A 7B Y8\"");
	const char *name_problem = rq.name ? text_limit_problem(rq.name, LIMIT_NAME, true) : NULL;
	if (rq.name && (!*rq.name || name_problem))
		return cli_usage_error(set_usage, "--name %s: give a name of up to %d characters",
				       name_problem ? name_problem : "is empty", LIMIT_NAME);
	struct principal who = cli_principal(ctx);
	struct action_ctx actx = cli_action_ctx(ctx, &who);
	struct action_result r;
	action_result_init(&r);
	user_change(&actx, u.id, &rq, &r);
	status = cli_action_status(&r, user_fields);
	action_result_free(&r);
	if (status != EXIT_OK)
		return status;
	printf("%s updated\n", u.login);
	warn_admins(ctx);
	return EXIT_OK;
}

const struct cli_command cli_user_commands[] = {
	{ "add", cmd_add, CMD_NEEDS_SCHOOL | CMD_WRITES, "add a member of staff (prints a one-time password)",
	  add_usage, NULL },
	{ "list", cmd_list, CMD_NEEDS_SCHOOL, "list users", list_usage, NULL },
	{ "disable", cmd_disable, CMD_NEEDS_SCHOOL | CMD_WRITES, "stop a user signing in", disable_usage, NULL },
	{ "enable", cmd_enable, CMD_NEEDS_SCHOOL | CMD_WRITES, "let a disabled user sign in", enable_usage, NULL },
	{ "reset", cmd_reset, CMD_NEEDS_SCHOOL | CMD_WRITES, "a new one-time password for a user", reset_usage,
	  NULL },
	{ "set", cmd_set, CMD_NEEDS_SCHOOL | CMD_WRITES, "change a user's role, name or groups", set_usage, NULL },
	{ NULL, NULL, 0, NULL, NULL, NULL },
};
