/* waymark: the command-line entry point. Global options, then the command
 * table; each command lives in its own file under src/cli/. */
#include <getopt.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

#define WAYMARK_VERSION "0.1.0"

static int cmd_version(struct cli_ctx *ctx, int argc, char **argv)
{
	(void)ctx;
	(void)argc;
	(void)argv;
	printf("waymark %s (schema %d)\n", WAYMARK_VERSION, db_latest_schema_version());
	return EXIT_OK;
}

static const char version_usage[] = "usage: waymark version\n\nPrints the version and the newest database schema it knows.\n";

static const struct cli_command commands[] = {
	{ "init", cmd_init, 0, "create a database with a school, its programme and calendar",
	  cmd_init_usage, NULL },
	{ "programme", NULL, 0, "show, check and import the careers programme", NULL,
	  cli_programme_commands },
	{ "calendar", NULL, 0, "terms, closures, A/B weeks and named dates", NULL,
	  cli_calendar_commands },
	{ "import", NULL, 0, "import rosters, registers, HE intentions, guidance (CSV)", NULL, cli_import_commands },
	{ "event", NULL, 0, "schedule, change, cancel and list events", NULL, cli_event_commands },
	{ "mark", cmd_mark, CMD_NEEDS_SCHOOL | CMD_WRITES, "record one pupil's attendance at an event",
	  cmd_mark_usage, NULL },
	{ "select", cmd_select, CMD_NEEDS_SCHOOL | CMD_WRITES, "set the pupils selected for an activity",
	  cmd_select_usage, NULL },
	{ "org", NULL, 0, "employers, colleges, universities, providers", NULL, cli_org_commands },
	{ "demo", cmd_demo, 0, "write a synthetic school's files (no real pupils)", cmd_demo_usage,
	  NULL },
	{ "report", NULL, 0, "entitlement, benchmarks, Provider Access, a pupil's record", NULL,
	  cli_report_commands },
	{ "check", NULL, 0, "the database's integrity, events against their timing rules", NULL,
	  cli_check_commands },
	{ "benchmark", NULL, 0, "the Benchmark 1 and 3 checklist", NULL, cli_benchmark_commands },
	{ "guidance", NULL, 0, "personal guidance meetings (Benchmark 8)", NULL,
	  cli_guidance_commands },
	{ "review", cmd_review, CMD_NEEDS_SCHOOL | CMD_WRITES, "the two-termly entitlement review",
	  cmd_review_usage, NULL },
	{ "serve", cmd_serve, CMD_NEEDS_SCHOOL, "serve the web application", cmd_serve_usage, NULL },
	{ "user", NULL, 0, "staff accounts for the web application", NULL, cli_user_commands },
	{ "settings", NULL, 0, "the school's settings (two-step sign-in)", NULL,
	  cli_settings_commands },
	{ "audit", cmd_audit, CMD_NEEDS_SCHOOL, "show who changed what, when", cmd_audit_usage,
	  NULL },
	{ "backup", cmd_backup, CMD_NEEDS_SCHOOL, "copy the database safely, even while serving",
	  cmd_backup_usage, NULL },
	/* Not CMD_NEEDS_DB: the database may be unreadable, and it is opened
	 * only once replaced, under the lock. */
	{ "restore", cmd_restore, 0, "replace the database with a checked backup",
	  cmd_restore_usage, NULL },
	{ "schema", cmd_schema, CMD_NEEDS_DB, "print the database schema", cmd_schema_usage,
	  NULL },
	{ "version", cmd_version, 0, "print the version", version_usage, NULL },
	{ NULL, NULL, 0, NULL, NULL, NULL },
};

static const char global_usage[] =
	"usage: waymark [--db PATH] [--school SLUG] COMMAND [ARGS]\n"
	"\n"
	"  --db PATH       the database (default $WAYMARK_DB, else ./waymark.db)\n"
	"  --school SLUG   the school, when the database holds several\n"
	"\n";

static void set_actor(struct cli_ctx *ctx)
{
	const char *user = getenv("USER");
	struct passwd *pw = getpwuid(getuid());
	if (pw && pw->pw_name)
		user = pw->pw_name;
	snprintf(ctx->actor, sizeof ctx->actor, "cli:%s", user && *user ? user : "unknown");
}

int main(int argc, char **argv)
{
	db_library_init();
	struct cli_ctx ctx = { 0 };
	ctx.db_path = getenv("WAYMARK_DB");
	if (!ctx.db_path || !*ctx.db_path)
		ctx.db_path = "waymark.db";
	set_actor(&ctx);

	static const struct option options[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "school", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	/* '+': stop at the command name; its options are its own. */
	opterr = 0;
	int opt;
	while ((opt = getopt_long(argc, argv, "+h", options, NULL)) != -1) {
		switch (opt) {
		case 'd':
			ctx.db_path = optarg;
			break;
		case 's':
			ctx.school_slug = optarg;
			break;
		case 'h':
			fputs(global_usage, stdout);
			cli_print_commands(commands, "waymark", stdout);
			puts("`man waymark` says everything.");
			return EXIT_OK;
		case 'V':
			return cmd_version(&ctx, 0, NULL);
		default:
			return cli_usage_error(global_usage, "bad option %s", argv[optind - 1]);
		}
	}
	if (optind >= argc) {
		fputs(global_usage, stderr);
		cli_print_commands(commands, "waymark", stderr);
		return EXIT_USAGE;
	}
	int status = cli_dispatch(&ctx, commands, "waymark", argc - optind, argv + optind);
	school_free(&ctx.school);
	db_close(ctx.db);
	if (fflush(stdout) != 0 && status == EXIT_OK)
		status = cli_fail(EXIT_USER, "cannot write to standard output");
	return status;
}
