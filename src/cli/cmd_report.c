/* waymark report entitlement, waymark report provider-access, waymark review */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "action/benchmark_action.h"
#include "cli/cli.h"
#include "cli/report_options.h"
#include "domain/entitlement.h"
#include "domain/provider_access.h"
#include "report/entitlement_report.h"
#include "report/student_record.h"
#include "report/provider_access_report.h"
#include "store/audit_store.h"
#include "domain/review.h"
#include "store/monitoring_store.h"
#include "store/snapshot_store.h"
#include "util/text.h"

static const char entitlement_usage[] =
	"usage: waymark report entitlement [--year 2025/26] [--as-of YYYY-MM-DD]\n"
	"                                  [--year-group N]... [--missed] [--by SUBGROUP]...\n"
	"                                  [--format text|csv|json]\n"
	"\n"
	"For every activity and year group: the sessions held up to --as-of (default\n"
	"today), the pupils eligible (on roll for at least one), those who received\n"
	"the entitlement (present at the sessions the activity needs), the percent,\n"
	"and met or below the year group's floor. Invited activities count who came.\n"
	"\n"
	"  --missed       name the pupils who missed out, by tutor group, with what\n"
	"                 they missed (CSV: one row per pupil)\n"
	"  --by SUBGROUP  pp, fsm6, sen, eal, looked-after, gender (girls and boys), or\n"
	"                 all: each subgroup's percent and its gap to the rest\n";

static const char provider_access_usage[] =
	"usage: waymark report provider-access [--year 2025/26] [--as-of YYYY-MM-DD]\n"
	"                                      [--year-group N]... [--missed]\n"
	"                                      [--format text|csv|json]\n"
	"\n"
	"Provider Access: for each year group 8 to 13, the pupils on roll on --as-of\n"
	"(default today) and how many have had the two encounters with providers of\n"
	"technical education or apprenticeships that their phase needs (Years 8-9,\n"
	"10-11, 12-13), counting last year's encounters in the same phase. An encounter\n"
	"is a present mark at an event of a provider_access activity, on a school day,\n"
	"not after school or in the evening; Years 9, 11 and 13 count only September\n"
	"to February. Phase 3 also shows the encounters offered and attended. Events\n"
	"of the year that will not count are listed with the reason.\n"
	"\n"
	"  --missed       name the pupils with fewer than two, by tutor group, with\n"
	"                 their count (CSV: one row per pupil)\n";

const char cmd_review_usage[] =
	"usage: waymark review [--as-of YYYY-MM-DD] [--no-save] [--summary] [--format text|json]\n"
	"\n"
	"The two-termly review: the entitlement report up to the end of the current\n"
	"two-term period (or --as-of, if sooner), every activity below its floor with\n"
	"who missed it, and what changed since the last review. The review is kept\n"
	"for the next comparison unless --no-save. --summary leaves out the names:\n"
	"the activities below their floor and the changes only.\n";

int report_load(struct cli_ctx *ctx, struct mon_data *d)
{
	if (monitoring_store_load(ctx->db, ctx->school.id, d) != 0)
		return cli_fail(EXIT_USER, "cannot read the school's records: %s", db_error(ctx->db));
	if (d->programme.activity_count == 0)
		return cli_fail(EXIT_USER, "school %s has no programme: run `waymark programme import FILE`",
				ctx->school.slug);
	return EXIT_OK;
}

bool report_parse_subgroups(const char *arg, unsigned *mask)
{
	if (strcmp(arg, "all") == 0) {
		*mask = (1u << SUBGROUP_COUNT) - 1;
		return true;
	}
	if (strcmp(arg, "gender") == 0) {
		*mask |= 1u << SUBGROUP_GIRLS | 1u << SUBGROUP_BOYS;
		return true;
	}
	enum subgroup s;
	if (!subgroup_parse(arg, &s))
		return false;
	*mask |= 1u << s;
	return true;
}

int report_common_option(struct report_options *o, int opt, const char *usage)
{
	long y;
	switch (opt) {
	case 'y':
		o->year_arg = optarg;
		return 0;
	case 'a':
		return cli_parse_date(optarg, "--as-of", &o->as_of) ? 0 : EXIT_USAGE;
	case 'g':
		if (!text_to_int(optarg, YEAR_GROUP_FIRST, YEAR_GROUP_LAST, &y))
			return cli_usage_error(usage, "--year-group: \"%s\" is not 7 to 13", optarg);
		o->year_groups |= 1u << y;
		return 0;
	case 'f':
		return cli_parse_format(optarg, 7, &o->format) ? 0 : EXIT_USAGE;
	case 'm':
		o->missed = true;
		return 0;
	case 'b':
		if (!report_parse_subgroups(optarg, &o->subgroups))
			return cli_usage_error(usage,
					       "--by: \"%s\" is not pp, fsm6, sen, eal, looked-after, gender or all",
					       optarg);
		return 0;
	}
	return cli_usage_error(usage, "bad option");
}

int report_finish_options(struct report_options *o, const char *usage, int argc, char **argv)
{
	if (optind < argc)
		return cli_usage_error(usage, "unexpected argument %s", argv[optind]);
	if (o->as_of == DATE_NONE)
		o->as_of = cli_today();
	o->start_year = academic_year_of(o->as_of);
	if (o->year_arg && !academic_year_parse(o->year_arg, &o->start_year))
		return cli_usage_error(usage, "--year: \"%s\" is not an academic year: write it like 2025/26",
				       o->year_arg);
	/* A past year's report is as of its end, unless told otherwise. */
	date_t last = academic_year_last_day(o->start_year);
	if (o->as_of > last)
		o->as_of = last;
	return EXIT_OK;
}

static const struct option report_long_options[] = {
	{ "year", required_argument, NULL, 'y' },
	{ "as-of", required_argument, NULL, 'a' },
	{ "year-group", required_argument, NULL, 'g' },
	{ "format", required_argument, NULL, 'f' },
	{ "missed", no_argument, NULL, 'm' },
	{ "by", required_argument, NULL, 'b' },
	{ NULL, 0, NULL, 0 },
};

const struct option *report_options_table(void)
{
	return report_long_options;
}

static int cmd_entitlement(struct cli_ctx *ctx, int argc, char **argv)
{
	struct report_options o = REPORT_OPTIONS_INIT;
	int opt;
	while ((opt = getopt_long(argc, argv, "", report_long_options, NULL)) != -1) {
		if (opt == '?' || opt == ':')
			return cli_bad_option(entitlement_usage, argv);
		int status = report_common_option(&o, opt, entitlement_usage);
		if (status)
			return status;
	}
	int status = report_finish_options(&o, entitlement_usage, argc, argv);
	if (status)
		return status;
	struct mon_data d;
	status = report_load(ctx, &d);
	if (status == EXIT_OK) {
		struct entitlement_query q = { o.start_year, o.as_of, o.year_groups, o.missed };
		struct entitlement_report r;
		entitlement_compute(&d, &q, &r);
		struct entitlement_render how = { o.missed, o.subgroups };
		struct buf out = BUF_INIT;
		if (o.format == FORMAT_CSV)
			entitlement_render_csv(&d, &r, &how, &out);
		else if (o.format == FORMAT_JSON)
			entitlement_render_json(&d, &r, &how, &out);
		else
			entitlement_render_text(&d, &r, &how, &out);
		status = cli_write_output(NULL, out.data ? out.data : "", out.len);
		buf_free(&out);
		entitlement_report_free(&r);
	}
	mon_data_free(&d);
	return status;
}

static int cmd_provider_access(struct cli_ctx *ctx, int argc, char **argv)
{
	struct report_options o = REPORT_OPTIONS_INIT;
	int opt;
	while ((opt = getopt_long(argc, argv, "", report_long_options, NULL)) != -1) {
		if (opt == '?' || opt == ':')
			return cli_bad_option(provider_access_usage, argv);
		if (opt == 'b')
			return cli_usage_error(provider_access_usage,
					       "--by: the Provider Access report has no subgroups yet");
		int status = report_common_option(&o, opt, provider_access_usage);
		if (status)
			return status;
	}
	int status = report_finish_options(&o, provider_access_usage, argc, argv);
	if (status)
		return status;
	if (o.year_groups & (1u << 7))
		return cli_usage_error(provider_access_usage,
				       "--year-group: Provider Access is for Years 8 to 13");
	struct mon_data d;
	status = report_load(ctx, &d);
	if (status == EXIT_OK) {
		struct provider_access_query q = { o.start_year, o.as_of, o.year_groups, o.missed };
		struct provider_access_report r;
		provider_access_compute(&d, &q, &r);
		struct buf out = BUF_INIT;
		if (o.format == FORMAT_CSV)
			provider_access_render_csv(&d, &r, o.missed, &out);
		else if (o.format == FORMAT_JSON)
			provider_access_render_json(&d, &r, o.missed, &out);
		else
			provider_access_render_text(&d, &r, o.missed, &out);
		status = cli_write_output(NULL, buf_str(&out), out.len);
		buf_free(&out);
		provider_access_report_free(&r);
	}
	mon_data_free(&d);
	return status;
}

/* The review's comparison: what moved since the last review. */
static void review_changes(const struct mon_data *d, const struct entitlement_report *r,
			   const struct review_snapshot *last, struct buf *out)
{
	char iso[DATE_ISO_LEN], was[16], now[16];
	buf_printf(out, "\nSince the last review (%s, up to %s):\n", last->period,
		   date_format_iso(last->as_of, iso));
	int changes = 0;
	for (size_t i = 0; i < r->count; i++) {
		const struct entitlement_row *row = &r->rows[i];
		const struct activity *a = &d->programme.activities[row->activity];
		if (row->status == ENTITLEMENT_ATTENDANCE || row->status == ENTITLEMENT_NOT_HELD ||
		    row->status == ENTITLEMENT_NOT_TAKEN)
			continue;
		const struct review_row *before = NULL;
		for (size_t k = 0; k < last->count; k++)
			if (last->rows[k].year_group == row->year_group &&
			    strcmp(last->rows[k].activity, a->id) == 0)
				before = &last->rows[k];
		double p_now = mon_percent(row->received, row->eligible);
		double floor = d->programme.bands[row->year_group].floor;
		if (!before || before->eligible == 0) {
			buf_printf(out, "  Year %d %s: new, %s%%\n", row->year_group, a->name,
				   format_percent(p_now, now));
			changes++;
			continue;
		}
		double p_was = mon_percent(before->received, before->eligible);
		bool met_was = mon_at_least(before->received, before->eligible, floor);
		bool met_now = row->status == ENTITLEMENT_MET;
		if (p_was == p_now && met_was == met_now)
			continue;
		buf_printf(out, "  Year %d %s: %s%% -> %s%% (%+.1f)%s\n", row->year_group, a->name,
			   format_percent(p_was, was), format_percent(p_now, now), p_now - p_was,
			   met_was == met_now ? "" : met_now ? ", now met" : ", now BELOW");
		changes++;
	}
	if (!changes)
		buf_puts(out, "  no changes\n");
}

int cmd_review(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option options[] = {
		{ "as-of", required_argument, NULL, 'a' },
		{ "no-save", no_argument, NULL, 'n' },
		{ "summary", no_argument, NULL, 's' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	date_t as_of = cli_today();
	bool save = true, summary = false;
	enum cli_format format = FORMAT_TEXT;
	int opt;
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (opt) {
		case 'a':
			if (!cli_parse_date(optarg, "--as-of", &as_of))
				return EXIT_USAGE;
			break;
		case 'n': save = false; break;
		case 's': summary = true; break;
		case 'f':
			if (!cli_parse_format(optarg, 1u << FORMAT_TEXT | 1u << FORMAT_JSON, &format))
				return EXIT_USAGE;
			break;
		default: return cli_bad_option(cmd_review_usage, argv);
		}
	}
	if (optind < argc)
		return cli_usage_error(cmd_review_usage, "unexpected argument %s", argv[optind]);
	struct mon_data d;
	int status = report_load(ctx, &d);
	int year = academic_year_of(as_of);
	const struct school_calendar *cal = status == EXIT_OK ? mon_calendar(&d, year) : NULL;
	struct review_period period;
	char label[8], iso[DATE_ISO_LEN], name[32];
	if (status == EXIT_OK && (!cal || !review_period_of(cal, as_of, &period)))
		status = cli_fail(EXIT_USER, "no calendar for %s: the review follows its terms (`waymark calendar import FILE`)",
				  academic_year_format(year, label));
	if (status != EXIT_OK) {
		mon_data_free(&d);
		return status;
	}
	date_t upto = period.end < as_of ? period.end : as_of;
	snprintf(name, sizeof name, "%s terms %d-%d", academic_year_format(year, label),
		 period.first_term, period.last_term);
	if (period.first_term == period.last_term)
		snprintf(name, sizeof name, "%s term %d", label, period.first_term);

	struct entitlement_query q = { year, upto, 0, !summary };
	struct entitlement_report r;
	entitlement_compute(&d, &q, &r);
	struct buf out = BUF_INIT;
	struct entitlement_render how = { !summary, 0 };
	if (format == FORMAT_JSON) {
		entitlement_render_json(&d, &r, &how, &out);
	} else {
		int met = 0, below = 0, not_held = 0, not_taken = 0;
		for (size_t i = 0; i < r.count; i++) {
			met += r.rows[i].status == ENTITLEMENT_MET;
			below += r.rows[i].status == ENTITLEMENT_BELOW;
			not_held += r.rows[i].status == ENTITLEMENT_NOT_HELD;
			not_taken += r.rows[i].status == ENTITLEMENT_NOT_TAKEN;
		}
		buf_printf(&out, "Entitlement review, %s, sessions up to %s\n", name,
			   date_format_iso(upto, iso));
		buf_printf(&out, "%d activities met, %d below their floor, %d not held yet\n", met,
			   below, not_held);
		if (not_taken)
			buf_printf(&out, "%d with events but no register taken\n", not_taken);
		if (below) {
			buf_puts(&out, summary ? "\nBelow the floor:\n"
					       : "\nBelow the floor, with who missed out:\n");
			struct entitlement_report only_below = r;
			struct entitlement_row *rows = calloc(r.count + 1, sizeof *rows);
			size_t n = 0;
			for (size_t i = 0; i < r.count; i++)
				if (r.rows[i].status == ENTITLEMENT_BELOW)
					rows[n++] = r.rows[i];
			only_below.rows = rows;
			only_below.count = n;
			struct buf section = BUF_INIT;
			entitlement_render_text(&d, &only_below, &how, &section);
			/* Skip the section's own title line. */
			const char *body = strchr(buf_str(&section), '\n');
			buf_puts(&out, body ? body + 1 : "");
			buf_free(&section);
			free(rows);
		}
		struct review_snapshot last;
		int found = review_snapshot_latest(ctx->db, ctx->school.id, upto, &last);
		if (found == 1)
			review_changes(&d, &r, &last, &out);
		else if (found == 0)
			buf_puts(&out, "\nThis is the first review: the next one will show what changed.\n");
		review_snapshot_free(&last);
	}
	if (save) {
		struct review_row *rows = calloc(r.count + 1, sizeof *rows);
		size_t n = 0;
		for (size_t i = 0; i < r.count; i++) {
			const struct entitlement_row *row = &r.rows[i];
			if (row->status == ENTITLEMENT_ATTENDANCE)
				continue;
			rows[n].year_group = row->year_group;
			snprintf(rows[n].activity, sizeof rows[n].activity, "%s",
				 d.programme.activities[row->activity].id);
			rows[n].eligible = row->eligible;
			rows[n].received = row->received;
			n++;
		}
		struct principal who = cli_principal(ctx);
		struct action_ctx actx = cli_action_ctx(ctx, &who);
		struct action_result kept;
		action_result_init(&kept);
		review_keep(&actx, year, name, upto, rows, n, &kept);
		status = cli_action_status(&kept, NULL);
		action_result_free(&kept);
		free(rows);
	}
	if (status == EXIT_OK)
		status = cli_write_output(NULL, buf_str(&out), out.len);
	buf_free(&out);
	entitlement_report_free(&r);
	mon_data_free(&d);
	return status;
}

static const char student_usage[] =
	"usage: waymark report student UPN [--year 2025/26] [--as-of YYYY-MM-DD]\n"
	"                                  [--format text|json]\n"
	"\n"
	"A pupil's careers record: every session registered, year by year, guidance\n"
	"meetings, and what the pupil is still owed this year.\n";

static int cmd_student(struct cli_ctx *ctx, int argc, char **argv)
{
	struct report_options o = REPORT_OPTIONS_INIT;
	int opt;
	while ((opt = getopt_long(argc, argv, "", report_options_table(), NULL)) != -1) {
		if (opt == '?' || opt == ':' || opt == 'm' || opt == 'b' || opt == 'g')
			return cli_bad_option(student_usage, argv);
		int status = report_common_option(&o, opt, student_usage);
		if (status)
			return status;
	}
	if (argc - optind != 1)
		return cli_usage_error(student_usage, "name one pupil by UPN");
	const char *upn = argv[optind++];
	int status = report_finish_options(&o, student_usage, argc, argv);
	if (status)
		return status;
	if (o.format == FORMAT_CSV)
		return cli_usage_error(student_usage, "--format: text or json");
	struct mon_data d;
	status = report_load(ctx, &d);
	uint32_t pupil = status == EXIT_OK ? student_record_find(&d, upn) : UINT32_MAX;
	if (status == EXIT_OK && pupil == UINT32_MAX)
		status = cli_fail(EXIT_USER, "no pupil with UPN %s", upn);
	if (status == EXIT_OK) {
		struct buf out = BUF_INIT;
		if (o.format == FORMAT_JSON)
			student_record_json(&d, pupil, o.start_year, o.as_of, &out);
		else
			student_record_text(&d, pupil, o.start_year, o.as_of, &out);
		status = cli_write_output(NULL, buf_str(&out), out.len);
		buf_free(&out);
	}
	mon_data_free(&d);
	return status;
}

const struct cli_command cli_report_commands[] = {
	{ "entitlement", cmd_entitlement, CMD_NEEDS_SCHOOL,
	  "who received each activity, who missed out", entitlement_usage, NULL },
	{ "student", cmd_student, CMD_NEEDS_SCHOOL, "a pupil's careers record", student_usage, NULL },
	{ "provider-access", cmd_provider_access, CMD_NEEDS_SCHOOL,
	  "Provider Access encounters per year group, events that will not count",
	  provider_access_usage, NULL },
	{ "benchmarks", cmd_report_benchmarks, CMD_NEEDS_SCHOOL | CMD_WRITES,
	  "the eight Gatsby Benchmarks from the registers", cmd_report_benchmarks_usage, NULL },
	{ NULL, NULL, 0, NULL, NULL, NULL },
};
