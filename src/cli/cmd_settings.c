/* waymark settings [show] | set NAME VALUE */
#include <stdlib.h>
#include <string.h>

#include "action/setting_action.h"
#include "cli/cli.h"
#include "store/user_store.h"

static const char show_usage[] =
	"usage: waymark settings show\n"
	"\n"
	"Lists the school's settings, one a line: name, value, and what it is. The\n"
	"web's Settings page shows and changes the same ones.\n";

static const char set_usage[] =
	"usage: waymark settings set NAME VALUE\n"
	"\n"
	"Changes one of the school's settings, as an administrator does on the\n"
	"Settings page; recorded in the audit log. `waymark settings show` lists\n"
	"them with their values.\n";

static int cmd_show(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc > 1)
		return cli_usage_error(show_usage, "unexpected argument %s", argv[1]);
	for (const struct setting_info *s = setting_list; s->name; s++) {
		char value[64];
		if (setting_get(ctx->db, ctx->school.id, s->name, s->fallback, value, sizeof value) != 0)
			return cli_fail(EXIT_USER, "cannot read the settings: %s", db_error(ctx->db));
		printf("%s\t%s\t%s (", s->name, value, s->title);
		for (const char *const *v = s->values; *v; v++)
			printf("%s%s", v == s->values ? "" : ", ", *v);
		printf(")\n");
	}
	return EXIT_OK;
}

static int cmd_set(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc != 3)
		return cli_usage_error(set_usage, "name one setting and its value");
	static const struct cli_field fields[] = {
		{ "name", "NAME", "`waymark settings show` lists them" }, { "value", "VALUE", NULL },
		{ NULL, NULL, NULL },
	};
	struct principal who = cli_principal(ctx);
	struct action_ctx actx = cli_action_ctx(ctx, &who);
	struct action_result r;
	action_result_init(&r);
	if (setting_change(&actx, argv[1], argv[2], &r) == ACTION_OK)
		printf("%s: %s\n", argv[1], argv[2]);
	int status = cli_action_status(&r, fields);
	action_result_free(&r);
	return status;
}

const struct cli_command cli_settings_commands[] = {
	{ "show", cmd_show, CMD_NEEDS_SCHOOL, "list the school's settings", show_usage, NULL },
	{ "set", cmd_set, CMD_NEEDS_SCHOOL | CMD_WRITES, "change a setting", set_usage, NULL },
	{ NULL, NULL, 0, NULL, NULL, NULL },
};
