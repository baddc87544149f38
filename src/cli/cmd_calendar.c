/* waymark calendar import | show | template | export | set-date | set-week | day */
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "action/calendar_action.h"
#include "cli/cli.h"
#include "cli/loaders.h"
#include "io/calendar_file.h"
#include "store/calendar_store.h"
#include "store/programme_store.h"
#include "util/text.h"

static const char import_usage[] =
	"usage: waymark calendar import FILE\n"
	"\n"
	"Loads one academic year's calendar (terms, closures, named dates, hand-set\n"
	"A/B weeks) from a calendar file, replacing that year's calendar. The A/B\n"
	"weeks are generated from the term dates. See docs/calendar-format.md.\n";

static const char show_usage[] =
	"usage: waymark calendar show [--year 2025/26] [--weeks] [--format text|json]\n"
	"\n"
	"Prints the year's terms with their school days, closures, named dates and\n"
	"the A/B week count; --weeks lists every school week with its letter.\n";

static const char template_usage[] =
	"usage: waymark calendar template [--year 2025/26] [--terms 3|6] [--output FILE]\n"
	"\n"
	"Writes a calendar file with typical English term dates (half-terms, Easter,\n"
	"the early May bank holiday) to edit to your local authority's dates. Needs\n"
	"no database.\n";

static const char export_usage[] =
	"usage: waymark calendar export [--year 2025/26] [--output FILE]\n"
	"\n"
	"Writes the stored calendar for a year as a calendar file.\n";

static const char set_date_usage[] =
	"usage: waymark calendar set-date NAME YYYY-MM-DD [--year 2025/26]\n"
	"\n"
	"Sets a named date such as careers-fair or options-deadline.\n";

static const char set_week_usage[] =
	"usage: waymark calendar set-week YYYY-MM-DD A|B [--year 2025/26]\n"
	"\n"
	"Sets the A/B letter of the school week holding the date by hand. Later\n"
	"weeks alternate from it (a school that restarts on week A after a holiday\n"
	"sets that week once).\n";

static const char day_usage[] =
	"usage: waymark calendar day YYYY-MM-DD\n"
	"\n"
	"Says what the calendar makes of a date: term, week letter, school day or\n"
	"not, and any named date on it.\n";

/* Parses the one option these commands share: --year. */
static int parse_year_option(int argc, char **argv, const char *usage, int *year,
			     int positional)
{
	static const struct option options[] = {
		{ "year", required_argument, NULL, 'y' },
		{ NULL, 0, NULL, 0 },
	};
	const char *year_arg = NULL;
	int opt;
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		if (opt != 'y')
			return cli_bad_option(usage, argv);
		year_arg = optarg;
	}
	if (argc - optind != positional)
		return cli_usage_error(usage, "expected %d argument%s", positional,
				       positional == 1 ? "" : "s");
	return cli_parse_year(year_arg, year) ? EXIT_OK : EXIT_USAGE;
}

static int load_stored(struct cli_ctx *ctx, int year, struct school_calendar *cal)
{
	int found = calendar_store_load(ctx->db, ctx->school.id, year, cal);
	char label[8];
	if (found < 0)
		return cli_fail(EXIT_USER, "cannot read the calendar: %s", db_error(ctx->db));
	if (found == 0)
		return cli_fail(EXIT_USER, "no calendar for %s: `waymark calendar template --year %s > calendar.yaml`, edit it, then `waymark calendar import calendar.yaml`",
				academic_year_format(year, label), academic_year_format(year, label));
	return EXIT_OK;
}

/* Runs an action's result out to the terminal; a missing calendar gets
 * the commands that make one. */
static int calendar_status(struct action_result *r, int year)
{
	static const struct cli_field fields[] = {
		/* The messages name the date and letter themselves. */
		{ "name", "NAME", NULL }, { "date", NULL, NULL }, { "letter", NULL, NULL },
		{ NULL, NULL, NULL },
	};
	int status;
	if (r->status == ACTION_NOT_FOUND) {
		char label[8];
		academic_year_format(year, label);
		status = cli_fail(EXIT_USER, "no calendar for %s: `waymark calendar template --year %s > calendar.yaml`, edit it, then `waymark calendar import calendar.yaml`",
				  label, label);
	} else {
		status = cli_action_status(r, fields);
	}
	action_result_free(r);
	return status;
}

static int cmd_import(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc != 2)
		return cli_usage_error(import_usage, "name one calendar file");
	struct programme prog;
	int has_prog = programme_store_load(ctx->db, ctx->school.id, &prog);
	struct school_calendar cal;
	int status = cli_load_calendar(argv[1], has_prog > 0 ? &prog : NULL, &cal);
	if (status == EXIT_OK) {
		struct principal who = cli_principal(ctx);
		struct action_ctx actx = cli_action_ctx(ctx, &who);
		struct action_result r;
		action_result_init(&r);
		calendar_replace(&actx, &cal, argv[1], &r);
		status = calendar_status(&r, cal.start_year);
	}
	if (status == EXIT_OK) {
		char label[8];
		printf("imported %s: calendar %s, %zu terms, %zu closures, %zu named dates, %zu school weeks\n",
		       argv[1], academic_year_format(cal.start_year, label), cal.term_count,
		       cal.holiday_count, cal.date_count, cal.week_count);
	}
	calendar_free(&cal);
	programme_free(&prog);
	return status;
}

static void show_text(const struct school_calendar *cal, bool weeks, struct buf *out)
{
	char label[8], a[DATE_ISO_LEN], b[DATE_ISO_LEN];
	buf_printf(out, "Calendar %s\n\n", academic_year_format(cal->start_year, label));
	int total_days = 0;
	for (size_t i = 0; i < cal->term_count; i++) {
		const struct term *t = &cal->terms[i];
		int days = calendar_school_days_between(cal, t->start, t->end);
		total_days += days;
		buf_printf(out, "Term %d  %-14s %s (%.3s) to %s (%.3s)  %3d school days\n",
			   t->ordinal, t->label, date_format_iso(t->start, a),
			   weekday_title(date_weekday(t->start)), date_format_iso(t->end, b),
			   weekday_title(date_weekday(t->end)), days);
	}
	buf_printf(out, "%-58s%3d school days\n", "", total_days);
	if (cal->holiday_count) {
		buf_puts(out, "\nClosures inside terms\n");
		for (size_t i = 0; i < cal->holiday_count; i++) {
			const struct holiday *h = &cal->holidays[i];
			buf_printf(out, "  %-26s %s to %s\n", h->label, date_format_iso(h->start, a),
				   date_format_iso(h->end, b));
		}
	}
	buf_puts(out, "\nNamed dates\n");
	if (!cal->date_count)
		buf_puts(out, "  (none: set them with `waymark calendar set-date NAME DATE`)\n");
	for (size_t i = 0; i < cal->date_count; i++) {
		date_t d = cal->dates[i].date;
		const struct term *t = calendar_term_of(cal, d);
		char week = calendar_week_of(cal, d);
		buf_printf(out, "  %-26s %s (%s", cal->dates[i].name, date_format_iso(d, a),
			   weekday_title(date_weekday(d)));
		if (t)
			buf_printf(out, ", term %d", t->ordinal);
		if (week)
			buf_printf(out, ", week %c", week);
		buf_puts(out, ")\n");
	}
	int count_a = 0, edited = 0;
	for (size_t i = 0; i < cal->week_count; i++) {
		count_a += cal->weeks[i].week == 'A';
		edited += cal->weeks[i].edited;
	}
	buf_printf(out, "\nWeeks: %zu school weeks, %d A and %zu B, first week %c",
		   cal->week_count, count_a, cal->week_count - (size_t)count_a, cal->first_week);
	if (edited)
		buf_printf(out, ", %d set by hand", edited);
	buf_putc(out, '\n');
	if (weeks) {
		for (size_t i = 0; i < cal->week_count; i++) {
			const struct school_week *w = &cal->weeks[i];
			const struct term *t = calendar_term_of(cal, w->monday);
			if (!t)
				for (int k = 1; k < 5 && !t; k++)
					t = calendar_term_of(cal, w->monday + k);
			buf_printf(out, "  w/c %s  %c  term %d%s\n", date_format_iso(w->monday, a),
				   w->week, t ? t->ordinal : 0, w->edited ? "  (set by hand)" : "");
		}
	}
}

static int cmd_show(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option options[] = {
		{ "year", required_argument, NULL, 'y' },
		{ "weeks", no_argument, NULL, 'w' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	const char *year_arg = NULL;
	bool weeks = false;
	enum cli_format format = FORMAT_TEXT;
	int opt, year;
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (opt) {
		case 'y': year_arg = optarg; break;
		case 'w': weeks = true; break;
		case 'f':
			if (!cli_parse_format(optarg, 1u << FORMAT_TEXT | 1u << FORMAT_JSON, &format))
				return EXIT_USAGE;
			break;
		default: return cli_bad_option(show_usage, argv);
		}
	}
	if (optind < argc)
		return cli_usage_error(show_usage, "unexpected argument %s", argv[optind]);
	if (!cli_parse_year(year_arg, &year))
		return EXIT_USAGE;
	struct school_calendar cal;
	int status = load_stored(ctx, year, &cal);
	if (status == EXIT_OK) {
		if (format == FORMAT_JSON) {
			json_t *root = calendar_to_json_value(&cal);
			char *text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
			puts(text);
			free(text);
			json_decref(root);
		} else {
			struct buf out = BUF_INIT;
			show_text(&cal, weeks, &out);
			fputs(buf_str(&out), stdout);
			buf_free(&out);
		}
	}
	calendar_free(&cal);
	return status;
}

static int cmd_template(struct cli_ctx *ctx, int argc, char **argv)
{
	(void)ctx;
	static const struct option options[] = {
		{ "year", required_argument, NULL, 'y' },
		{ "terms", required_argument, NULL, 't' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	const char *year_arg = NULL, *output = NULL;
	long terms = 3;
	int opt, year;
	while ((opt = getopt_long(argc, argv, "o:", options, NULL)) != -1) {
		switch (opt) {
		case 'y': year_arg = optarg; break;
		case 'o': output = optarg; break;
		case 't':
			if (!text_to_int(optarg, 3, 6, &terms) || (terms != 3 && terms != 6))
				return cli_usage_error(template_usage, "--terms: must be 3 or 6");
			break;
		default: return cli_bad_option(template_usage, argv);
		}
	}
	if (optind < argc)
		return cli_usage_error(template_usage, "unexpected argument %s", argv[optind]);
	if (!cli_parse_year(year_arg, &year))
		return EXIT_USAGE;
	struct school_calendar cal;
	calendar_init(&cal, year);
	calendar_template(&cal, (int)terms);
	struct buf out = BUF_INIT;
	calendar_write_yaml(&cal,
		"Waymark calendar file (docs/calendar-format.md).\n"
		"Typical English dates: check every date against your local authority's\n"
		"published term dates and add training days under `closures`.\n"
		"Add the programme's named dates under `dates`, for example:\n"
		"  careers-fair: YYYY-MM-DD\n"
		"  options-deadline: YYYY-MM-DD",
		&out);
	int status = cli_write_output(output, out.data, out.len);
	buf_free(&out);
	calendar_free(&cal);
	return status;
}

static int cmd_export(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option options[] = {
		{ "year", required_argument, NULL, 'y' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	const char *year_arg = NULL, *output = NULL;
	int opt, year;
	while ((opt = getopt_long(argc, argv, "o:", options, NULL)) != -1) {
		switch (opt) {
		case 'y': year_arg = optarg; break;
		case 'o': output = optarg; break;
		default: return cli_bad_option(export_usage, argv);
		}
	}
	if (optind < argc)
		return cli_usage_error(export_usage, "unexpected argument %s", argv[optind]);
	if (!cli_parse_year(year_arg, &year))
		return EXIT_USAGE;
	struct school_calendar cal;
	int status = load_stored(ctx, year, &cal);
	if (status == EXIT_OK) {
		struct buf out = BUF_INIT;
		calendar_write_yaml(&cal, "Waymark calendar file (docs/calendar-format.md).", &out);
		status = cli_write_output(output, out.data, out.len);
		buf_free(&out);
	}
	calendar_free(&cal);
	return status;
}

static int cmd_set_date(struct cli_ctx *ctx, int argc, char **argv)
{
	int year;
	int status = parse_year_option(argc, argv, set_date_usage, &year, 2);
	if (status != EXIT_OK)
		return status;
	const char *name = argv[optind];
	date_t d;
	if (!text_is_slug(name))
		return cli_usage_error(set_date_usage,
				       "\"%s\" is not a date name: use lowercase letters, digits and hyphens", name);
	if (!cli_parse_date(argv[optind + 1], "date", &d))
		return EXIT_USAGE;
	struct principal who = cli_principal(ctx);
	struct action_ctx actx = cli_action_ctx(ctx, &who);
	struct action_result r;
	action_result_init(&r);
	char iso[DATE_ISO_LEN];
	if (calendar_name_date(&actx, year, name, d, &r) == ACTION_OK)
		printf("%s is %s (%s)\n", name, date_format_iso(d, iso), weekday_title(date_weekday(d)));
	return calendar_status(&r, year);
}

static int cmd_set_week(struct cli_ctx *ctx, int argc, char **argv)
{
	int year;
	int status = parse_year_option(argc, argv, set_week_usage, &year, 2);
	if (status != EXIT_OK)
		return status;
	date_t d;
	const char *letter = argv[optind + 1];
	if (!cli_parse_date(argv[optind], "date", &d))
		return EXIT_USAGE;
	if ((letter[0] != 'A' && letter[0] != 'B') || letter[1])
		return cli_usage_error(set_week_usage, "the week letter must be A or B, not \"%s\"",
				       letter);
	struct principal who = cli_principal(ctx);
	struct action_ctx actx = cli_action_ctx(ctx, &who);
	struct action_result r;
	action_result_init(&r);
	char iso[DATE_ISO_LEN];
	if (calendar_letter_week(&actx, year, d, letter[0], &r) == ACTION_OK)
		printf("week of %s is now week %c; later weeks follow from it\n",
		       date_format_iso(date_week_monday(d), iso), letter[0]);
	return calendar_status(&r, year);
}

static int cmd_day(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc != 2)
		return cli_usage_error(day_usage, "name one date");
	date_t d;
	if (!cli_parse_date(argv[1], "date", &d))
		return EXIT_USAGE;
	struct school_calendar cal;
	int status = load_stored(ctx, academic_year_of(d), &cal);
	if (status == EXIT_OK) {
		char iso[DATE_ISO_LEN];
		const struct term *t = calendar_term_of(&cal, d);
		char week = calendar_week_of(&cal, d);
		printf("%s %s: ", date_format_iso(d, iso), weekday_title(date_weekday(d)));
		if (t)
			printf("term %d (%s), ", t->ordinal, t->label);
		else
			printf("between terms, ");
		if (week)
			printf("week %c, ", week);
		printf("%s", calendar_is_school_day(&cal, d) ? "a school day" : "not a school day");
		for (size_t i = 0; i < cal.date_count; i++)
			if (cal.dates[i].date == d)
				printf(", %s", cal.dates[i].name);
		putchar('\n');
	}
	calendar_free(&cal);
	return status;
}

const struct cli_command cli_calendar_commands[] = {
	{ "import", cmd_import, CMD_NEEDS_SCHOOL | CMD_WRITES, "load a year's calendar file", import_usage, NULL },
	{ "show", cmd_show, CMD_NEEDS_SCHOOL, "print a year's terms, closures, dates and weeks",
	  show_usage, NULL },
	{ "template", cmd_template, 0, "write a calendar file with typical dates", template_usage,
	  NULL },
	{ "export", cmd_export, CMD_NEEDS_SCHOOL, "write a stored calendar as a file",
	  export_usage, NULL },
	{ "set-date", cmd_set_date, CMD_NEEDS_SCHOOL | CMD_WRITES, "set a named date (careers-fair...)",
	  set_date_usage, NULL },
	{ "set-week", cmd_set_week, CMD_NEEDS_SCHOOL | CMD_WRITES, "set a week's A/B letter by hand",
	  set_week_usage, NULL },
	{ "day", cmd_day, CMD_NEEDS_SCHOOL, "what the calendar says about a date", day_usage,
	  NULL },
	{ NULL, NULL, 0, NULL, NULL, NULL },
};
