/* waymark user add | list | disable | enable | reset | set */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/account.h"
#include "domain/limits.h"
#include "store/audit_store.h"
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

static int cmd_add(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option options[] = {
		{ "role", required_argument, NULL, 'r' },
		{ "name", required_argument, NULL, 'n' },
		{ "scope", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	const char *role_arg = NULL, *name = NULL, *scope = "";
	int opt;
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (opt) {
		case 'r': role_arg = optarg; break;
		case 'n': name = optarg; break;
		case 's': scope = optarg; break;
		default: return cli_bad_option(add_usage, argv);
		}
	}
	if (argc - optind != 1)
		return cli_usage_error(add_usage, "name one login");
	const char *login = argv[optind];
	enum role role;
	if (!role_arg || !role_parse(role_arg, &role))
		return cli_usage_error(add_usage, "--role must be admin, leader, adviser, tutor or governor");
	if (!login_valid(login))
		return cli_usage_error(add_usage, "the login must be 2 to %d letters, digits and . _ - @",
				       LIMIT_LOGIN);
	const char *name_problem = name ? text_limit_problem(name, LIMIT_NAME, true) : NULL;
	if (name && (!*name || name_problem))
		return cli_usage_error(add_usage, "--name %s: give a name of up to %d characters",
				       name_problem ? name_problem : "is empty", LIMIT_NAME);
	if (!scope_valid(scope))
		return cli_usage_error(add_usage, "--scope: tutor groups and year groups such as \"7A 7B Y8\"");
	struct user existing;
	if (user_store_find_login(ctx->db, login, &existing) == 1)
		return cli_fail(EXIT_USER, "there is already a user \"%s\"", existing.login);

	char password[32], hash[128];
	password_generate(password);
	if (!password_hash(password, hash))
		return cli_fail(EXIT_USER, "cannot hash the password (out of memory?)");
	struct user u = { .school_id = ctx->school.id, .must_change_password = true };
	text_copy(u.login, sizeof u.login, login);
	text_copy(u.display_name, sizeof u.display_name, name ? name : login);
	text_copy(u.role, sizeof u.role, role_name(role));
	text_copy(u.scope, sizeof u.scope, scope);
	text_copy(u.password_hash, sizeof u.password_hash, hash);
	long long id;
	if (db_begin(ctx->db) != 0 || user_store_add(ctx->db, &u, &id) != 0 ||
	    audit_record(ctx->db, ctx->school.id, ctx->actor, "user.add", "user", login,
			 role_name(role)) != 0 ||
	    db_commit(ctx->db) != 0) {
		db_rollback(ctx->db);
		return cli_fail(EXIT_USER, "cannot add the user: %s", db_error(ctx->db));
	}
	printf("added %s (%s)\none-time password: %s\n", login, role_title(role), password);
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
	if (db_begin(ctx->db) != 0 || user_store_set_disabled(ctx->db, u.id, disabled) != 0 ||
	    (disabled && session_store_delete_user(ctx->db, u.id) != 0) ||
	    audit_record(ctx->db, ctx->school.id, ctx->actor,
			 disabled ? "user.disable" : "user.enable", "user", u.login, NULL) != 0 ||
	    db_commit(ctx->db) != 0) {
		db_rollback(ctx->db);
		return cli_fail(EXIT_USER, "cannot change the user: %s", db_error(ctx->db));
	}
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
	char password[32], hash[128];
	password_generate(password);
	if (!password_hash(password, hash))
		return cli_fail(EXIT_USER, "cannot hash the password (out of memory?)");
	if (db_begin(ctx->db) != 0 || user_store_set_password(ctx->db, u.id, hash, true) != 0 ||
	    user_store_set_totp(ctx->db, u.id, NULL, false) != 0 ||
	    session_store_delete_user(ctx->db, u.id) != 0 ||
	    login_attempt_clear(ctx->db, u.login) != 0 ||
	    audit_record(ctx->db, ctx->school.id, ctx->actor, "user.reset", "user", u.login, NULL) != 0 ||
	    db_commit(ctx->db) != 0) {
		db_rollback(ctx->db);
		return cli_fail(EXIT_USER, "cannot reset the user: %s", db_error(ctx->db));
	}
	printf("%s: one-time password: %s\n", u.login, password);
	return EXIT_OK;
}

static int cmd_set(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option options[] = {
		{ "role", required_argument, NULL, 'r' },
		{ "name", required_argument, NULL, 'n' },
		{ "scope", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	const char *role_arg = NULL, *name = NULL, *scope = NULL;
	int opt;
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (opt) {
		case 'r': role_arg = optarg; break;
		case 'n': name = optarg; break;
		case 's': scope = optarg; break;
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
	if (role_arg && !role_parse(role_arg, &role))
		return cli_usage_error(set_usage, "--role must be admin, leader, adviser, tutor or governor");
	if (scope && !scope_valid(scope))
		return cli_usage_error(set_usage, "--scope: tutor groups and year groups such as \"7A 7B Y8\"");
	const char *name_problem = name ? text_limit_problem(name, LIMIT_NAME, true) : NULL;
	if (name && (!*name || name_problem))
		return cli_usage_error(set_usage, "--name %s: give a name of up to %d characters",
				       name_problem ? name_problem : "is empty", LIMIT_NAME);
	if (db_begin(ctx->db) != 0 ||
	    user_store_set_role(ctx->db, u.id, role_arg ? role_arg : u.role, scope ? scope : u.scope,
				name ? name : u.display_name) != 0 ||
	    audit_record(ctx->db, ctx->school.id, ctx->actor, "user.set", "user", u.login,
			 role_arg ? role_arg : u.role) != 0 ||
	    db_commit(ctx->db) != 0) {
		db_rollback(ctx->db);
		return cli_fail(EXIT_USER, "cannot change the user: %s", db_error(ctx->db));
	}
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
