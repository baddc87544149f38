/* waymark demo: write a synthetic school's files. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/loaders.h"
#include "io/demo_school.h"
#include "util/text.h"

const char cmd_demo_usage[] =
	"usage: waymark demo [--students N] [--seed S] [--out DIR] [--year 2025/26]\n"
	"                    [--as-of YYYY-MM-DD] [--years N] [--programme FILE]\n"
	"\n"
	"Writes a realistic synthetic school as the files a school would have: an MIS\n"
	"roster (roster.csv), a calendar (calendar.yaml), the year's events of every\n"
	"activity on dates that meet its timing rule (events.csv), selections for the\n"
	"selected activities (selections/), and registers for the events up to\n"
	"--as-of (registers.csv), which Year 12-13 pupils are considering higher\n"
	"education (intentions.csv) and personal guidance meetings up to --as-of for\n"
	"Years 11 and 13 (guidance.csv). Names, UPNs and everything else are generated:\n"
	"there is no real pupil in it. The same options always give the same files.\n"
	"With --years 2 or 3 it writes consecutive years of one school, ending with\n"
	"--year, each in its own directory (DIR/2025-26/, DIR/2026-27/): each\n"
	"September the pupils move up a year group, Year 13 and others leave and a new\n"
	"Year 7 joins. Registers of the earlier years cover the whole year.\n"
	"\n"
	"  --students N   50 (a test school) to 100000 (a trust); default 1000\n"
	"  --seed S       default 1\n"
	"  --out DIR      default ./demo-school\n"
	"  --year Y       the academic year (default: that of --as-of)\n"
	"  --as-of DATE   registers up to this date (default today)\n"
	"  --years N      1 (default: the files straight into DIR) to 3\n"
	"  --programme F  the programme (default: the built-in one)\n";

int cmd_demo(struct cli_ctx *ctx, int argc, char **argv)
{
	(void)ctx;
	static const struct option options[] = {
		{ "students", required_argument, NULL, 'n' },
		{ "seed", required_argument, NULL, 's' },
		{ "out", required_argument, NULL, 'o' },
		{ "year", required_argument, NULL, 'y' },
		{ "as-of", required_argument, NULL, 'a' },
		{ "programme", required_argument, NULL, 'p' },
		{ "years", required_argument, NULL, 'Y' },
		{ NULL, 0, NULL, 0 },
	};
	struct demo_options opt = { .students = 1000, .seed = 1, .years = 1, .as_of = cli_today() };
	const char *dir = "demo-school", *year_arg = NULL, *programme_path = NULL;
	long value;
	int o;
	while ((o = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (o) {
		case 'n':
			if (!text_to_int(optarg, 50, 100000, &value))
				return cli_usage_error(cmd_demo_usage, "--students: a number from 50 to 100000");
			opt.students = value;
			break;
		case 's':
			if (!text_to_int(optarg, 0, 2147483647L, &value))
				return cli_usage_error(cmd_demo_usage, "--seed: a whole number");
			opt.seed = (uint64_t)value;
			break;
		case 'o': dir = optarg; break;
		case 'y': year_arg = optarg; break;
		case 'a':
			if (!cli_parse_date(optarg, "--as-of", &opt.as_of))
				return EXIT_USAGE;
			break;
		case 'p': programme_path = optarg; break;
		case 'Y':
			if (!text_to_int(optarg, 1, DEMO_YEARS_MAX, &value))
				return cli_usage_error(cmd_demo_usage, "--years: 1, 2 or 3");
			opt.years = (int)value;
			break;
		default: return cli_bad_option(cmd_demo_usage, argv);
		}
	}
	if (optind < argc)
		return cli_usage_error(cmd_demo_usage, "unexpected argument %s", argv[optind]);
	opt.start_year = academic_year_of(opt.as_of);
	if (year_arg && !academic_year_parse(year_arg, &opt.start_year))
		return cli_usage_error(cmd_demo_usage, "--year: write it like 2025/26");

	struct programme prog;
	char sha[65];
	int status = cli_load_programme(programme_path, &prog, sha);
	struct demo_summary summary;
	struct buf err = BUF_INIT;
	if (status == EXIT_OK && !demo_write(&prog, &opt, dir, &summary, &err))
		status = cli_fail(EXIT_USER, "%s", buf_str(&err));
	for (int k = 0; status == EXIT_OK && k < summary.years; k++) {
		const struct demo_year_summary *y = &summary.year[k];
		char year[8], previous[8], iso[DATE_ISO_LEN], name[8] = "";
		academic_year_format(y->start_year, year);
		if (summary.years > 1)
			demo_year_directory(y->start_year, name);
		printf("wrote %s/%s%s for %s: %ld pupils, %ld events (%ld held by %s), %ld register rows, %ld selections, %ld guidance meetings\n",
		       dir, name, *name ? "/" : "", year, y->pupils, y->events, y->events_held,
		       date_format_iso(y->as_of, iso), y->register_rows, y->selections,
		       y->guidance_meetings);
		if (k > 0)
			printf("  from %s: %ld promoted, %ld joined, %ld left\n",
			       academic_year_format(y->start_year - 1, previous), y->promoted, y->joined,
			       y->left);
		if (y->unscheduled)
			cli_warn("%ld activities have timing rules no date of %s meets; they were scheduled anyway",
				 y->unscheduled, year);
	}
	buf_free(&err);
	programme_free(&prog);
	return status;
}
