/* waymark check: the year's plan against the rules. */
#include <getopt.h>
#include <stdlib.h>

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

const struct cli_command cli_check_commands[] = {
	{ "timing", cmd_timing, CMD_NEEDS_SCHOOL,
	  "the year's events against their timing rules and Provider Access", timing_usage, NULL },
	{ NULL, NULL, 0, NULL, NULL, NULL },
};
