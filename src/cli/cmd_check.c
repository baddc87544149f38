/* waymark check: the database's integrity, the year's plan against the rules. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/report_options.h"
#include "domain/event_timing.h"
#include "report/event_timing_report.h"

static const char timing_usage[] =
	"usage: waymark check timing [--year 2025/26] [--format text|csv|json]\n"
	"\n"
	"Checks every scheduled event of the year (default: this academic year)\n"
	"against its activity's timing rule and the calendar's named dates: each\n"
	"session's date, before_activity against that activity's first session for\n"
	"the same year group, and the sessions together (consecutive school days,\n"
	"once a term). Provider Access events that will not count are problems too.\n"
	"One line per problem, in date order, then a summary. Exit status 1 when\n"
	"there is any problem, or when the year has no calendar.\n";

static int cmd_timing(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option options[] = {
		{ "year", required_argument, NULL, 'y' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	const char *year_arg = NULL;
	enum cli_format format = FORMAT_TEXT;
	int opt;
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (opt) {
		case 'y':
			year_arg = optarg;
			break;
		case 'f':
			if (!cli_parse_format(optarg, 7, &format))
				return EXIT_USAGE;
			break;
		default:
			return cli_bad_option(timing_usage, argv);
		}
	}
	if (optind < argc)
		return cli_usage_error(timing_usage, "unexpected argument %s", argv[optind]);
	int year = academic_year_of(cli_today());
	if (year_arg && !academic_year_parse(year_arg, &year))
		return cli_usage_error(timing_usage,
				       "--year: \"%s\" is not an academic year: write it like 2025/26",
				       year_arg);
	struct mon_data d;
	int status = report_load(ctx, &d);
	if (status != EXIT_OK) {
		mon_data_free(&d);
		return status;
	}
	struct event_timing_result r;
	char label[8];
	if (!event_timing_check(&d, year, &r)) {
		academic_year_format(year, label);
		status = cli_fail(EXIT_USER,
				  "no calendar for %s: timing rules need its terms and named dates (`waymark calendar import FILE`)",
				  label);
	} else {
		struct buf out = BUF_INIT;
		if (format == FORMAT_CSV)
			event_timing_render_csv(&d, &r, &out);
		else if (format == FORMAT_JSON)
			event_timing_render_json(&d, &r, &out);
		else
			event_timing_render_text(&d, &r, &out);
		status = cli_write_output(NULL, buf_str(&out), out.len);
		if (status == EXIT_OK && r.count)
			status = EXIT_USER;
		buf_free(&out);
	}
	event_timing_result_free(&r);
	mon_data_free(&d);
	return status;
}

static const char database_usage[] =
	"usage: waymark check database\n"
	"\n"
	"Runs SQLite's full integrity_check on the database: every page, and every\n"
	"index against its table. Prints ok, or each problem found (up to 100),\n"
	"and exits with status 1 when the database is damaged: then restore the\n"
	"last good backup with `waymark restore`. Safe while the web application\n"
	"runs; it reads the whole file (about 2 s for 60 MB). `waymark serve` and\n"
	"every command that changes the database run the quicker quick_check\n"
	"first (docs/reliability.md says what each can find).\n";

static int cmd_database(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc != 1)
		return cli_usage_error(database_usage, "unexpected argument %s", argv[1]);
	struct buf problems = BUF_INIT;
	int health = db_check(ctx->db, true, &problems);
	int status = EXIT_OK;
	if (health == 1) {
		printf("%s: ok (integrity_check)\n", ctx->db_path);
	} else if (health == 0) {
		printf("%s: damaged; integrity_check found:\n", ctx->db_path);
		for (const char *line = buf_str(&problems); *line;) {
			size_t n = strcspn(line, "\n");
			printf("  %.*s\n", (int)n, line);
			line += n + (line[n] == '\n');
		}
		status = cli_fail(EXIT_USER, "%s is damaged: " CLI_RESTORE_HINT, ctx->db_path);
		ctx->damage_reported = true;
	} else {
		status = cli_fail(EXIT_USER, "cannot check %s: %.*s", ctx->db_path,
				  (int)strcspn(buf_str(&problems), "\n"), buf_str(&problems));
	}
	buf_free(&problems);
	return status;
}

const struct cli_command cli_check_commands[] = {
	{ "database", cmd_database, CMD_NEEDS_DB,
	  "the database's integrity (SQLite's full integrity_check)", database_usage, NULL },
	{ "timing", cmd_timing, CMD_NEEDS_SCHOOL,
	  "the year's events against their timing rules and Provider Access", timing_usage, NULL },
	{ NULL, NULL, 0, NULL, NULL, NULL },
};
