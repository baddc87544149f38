/* waymark report benchmarks, waymark benchmark set | list */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "action/benchmark_action.h"
#include "cli/cli.h"
#include "domain/limits.h"
#include "cli/report_options.h"
#include "domain/benchmarks.h"
#include "report/benchmark_report.h"
#include "store/audit_store.h"
#include "store/benchmark_store.h"
#include "store/snapshot_store.h"

const char cmd_report_benchmarks_usage[] =
	"usage: waymark report benchmarks [--year 2025/26] [--as-of YYYY-MM-DD]\n"
	"                                 [--year-group N]... [--missed] [--by SUBGROUP]...\n"
	"                                 [--mode strict|banded] [--format text|csv|json]\n"
	"                                 [--save-snapshot LABEL] [--summary]\n"
	"\n"
	"The eight Gatsby Benchmarks, computed from the registers and guidance meetings\n"
	"up to --as-of (default today): each benchmark's percentage (criteria achieved\n"
	"over criteria scored, as Compass counts them), the change since the last\n"
	"snapshot, each criterion by year group, the Benchmark 1 and 3 checklist, the\n"
	"Benchmark 4 subject matrix and the mean hours of workplace experience.\n"
	"docs/benchmarks.md defines every criterion.\n"
	"\n"
	"  --mode M       banded (default): a year group's criterion is achieved at its\n"
	"                 entitlement floor or above; strict: only when every pupil meets it\n"
	"  --missed       name the pupils not meeting each criterion (CSV: one row per pupil)\n"
	"  --by SUBGROUP  pp, fsm6, sen, eal, looked-after, gender or all: each criterion's\n"
	"                 percent for the group and its gap to the rest (Benchmark 3)\n"
	"  --save-snapshot LABEL  keep the percentages (both modes) under LABEL, e.g.\n"
	"                 \"September 2025\", for later reports to compare with\n"
	"  --summary      text: only the eight benchmarks' percentages\n";

static const char set_usage[] =
	"usage: waymark benchmark set ITEM met|in-progress|not-met [--evidence TEXT]\n"
	"                             [--review-date YYYY-MM-DD|none]\n"
	"\n"
	"Records a Benchmark 1 or 3 checklist item (1.1-1.6, 3.1-3.4: `waymark benchmark\n"
	"list` shows them): its status, the evidence for it and when to review it.\n"
	"Evidence and review date are kept unless given; --evidence \"\" and\n"
	"--review-date none clear them. In progress does not count toward the\n"
	"benchmark's percentage.\n";

static const char list_usage[] =
	"usage: waymark benchmark list\n"
	"\n"
	"The Benchmark 1 and 3 checklist: each item's status, evidence and review\n"
	"date, flagging review dates that have passed.\n";

enum { OPT_MODE = 1000, OPT_SAVE_SNAPSHOT, OPT_SUMMARY };

/* The shared report options, then this report's own. */
static const struct option *benchmark_options(void)
{
	static struct option options[16];
	if (options[0].name)
		return options;
	const struct option *shared = report_options_table();
	size_t n = 0;
	while (shared[n].name && n < 12) {
		options[n] = shared[n];
		n++;
	}
	options[n++] = (struct option){ "mode", required_argument, NULL, OPT_MODE };
	options[n++] = (struct option){ "save-snapshot", required_argument, NULL, OPT_SAVE_SNAPSHOT };
	options[n++] = (struct option){ "summary", no_argument, NULL, OPT_SUMMARY };
	options[n] = (struct option){ NULL, 0, NULL, 0 };
	return options;
}

static void scores_from_snapshot(const struct benchmark_snapshot *s,
				 struct benchmark_score out[BENCHMARK_COUNT])
{
	for (int b = 0; b < BENCHMARK_COUNT; b++)
		out[b] = (struct benchmark_score){ b + 1, s->values[b].achieved, s->values[b].scored };
}

/* Keeps both modes' percentages under label. EXIT_OK or a message. */
static int save_snapshot(struct cli_ctx *ctx, const struct mon_data *d,
			 const struct benchmark_report *r, const struct benchmark_checklist *c,
			 const char *label)
{
	struct principal who = cli_principal(ctx);
	struct action_ctx actx = cli_action_ctx(ctx, &who);
	struct action_result result;
	action_result_init(&result);
	static const struct cli_field fields[] = { { "label", "--save-snapshot", NULL },
						   { NULL, NULL, NULL } };
	benchmark_snapshot_keep(&actx, label, &d->programme, r, c, &result);
	int status = cli_action_status(&result, fields);
	action_result_free(&result);
	return status;
}

int cmd_report_benchmarks(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *usage = cmd_report_benchmarks_usage;
	struct report_options o = REPORT_OPTIONS_INIT;
	enum benchmark_mode mode = BENCHMARK_BANDED;
	const char *label = NULL;
	bool summary = false;
	int opt;
	while ((opt = getopt_long(argc, argv, "", benchmark_options(), NULL)) != -1) {
		if (opt == '?' || opt == ':')
			return cli_bad_option(usage, argv);
		if (opt == OPT_MODE) {
			if (!benchmark_mode_parse(optarg, &mode))
				return cli_usage_error(usage, "--mode: \"%s\" is not strict or banded", optarg);
			continue;
		}
		if (opt == OPT_SUMMARY) {
			summary = true;
			continue;
		}
		if (opt == OPT_SAVE_SNAPSHOT) {
			label = optarg;
			continue;
		}
		int status = report_common_option(&o, opt, usage);
		if (status)
			return status;
	}
	int status = report_finish_options(&o, usage, argc, argv);
	if (status)
		return status;
	if (label && o.year_groups)
		return cli_usage_error(usage, "--save-snapshot keeps the whole school's percentages: leave out --year-group");
	if (summary && (o.format != FORMAT_TEXT || o.missed || o.subgroups))
		return cli_usage_error(usage, "--summary is the text table alone: leave out --missed and --by, and any --format but text");

	struct mon_data d;
	status = report_load(ctx, &d);
	struct benchmark_checklist checklist = BENCHMARK_CHECKLIST_INIT;
	if (status == EXIT_OK && benchmark_item_store_load(ctx->db, ctx->school.id, &checklist) != 0)
		status = cli_fail(EXIT_USER, "cannot read the benchmark checklist: %s", db_error(ctx->db));
	if (status != EXIT_OK) {
		benchmark_checklist_free(&checklist);
		mon_data_free(&d);
		return status;
	}
	struct benchmark_query q = { o.start_year, o.as_of, o.year_groups, o.missed };
	struct benchmark_report r;
	benchmark_compute(&d, &q, &r);
	struct benchmark_score scores[BENCHMARK_COUNT], previous[BENCHMARK_COUNT];
	benchmark_summarise(&d.programme, &r, &checklist, mode, scores);
	struct benchmark_render how = {
		.mode = mode, .missed = o.missed, .subgroups = o.subgroups, .checklist = &checklist,
		.scores = scores, .previous_as_of = DATE_NONE, .summary = summary,
	};
	/* A year group's figures are not comparable with the whole school's. */
	struct benchmark_snapshot last;
	int found = o.year_groups ? 0
		  : benchmark_snapshot_latest(ctx->db, ctx->school.id, benchmark_mode_name(mode),
					      o.as_of, &last);
	if (found < 0)
		status = cli_fail(EXIT_USER, "cannot read the snapshots: %s", db_error(ctx->db));
	if (found == 1) {
		scores_from_snapshot(&last, previous);
		how.previous = previous;
		how.previous_label = last.label;
		how.previous_as_of = last.as_of;
	}
	struct buf out = BUF_INIT;
	if (status == EXIT_OK) {
		if (o.format == FORMAT_CSV)
			benchmark_render_csv(&d, &r, &how, &out);
		else if (o.format == FORMAT_JSON)
			benchmark_render_json(&d, &r, &how, &out);
		else
			benchmark_render_text(&d, &r, &how, &out);
	}
	if (status == EXIT_OK && label) {
		status = save_snapshot(ctx, &d, &r, &checklist, label);
		if (status == EXIT_OK && o.format == FORMAT_TEXT)
			buf_printf(&out, "\nKept as snapshot \"%s\" (both modes) for later reports to compare with.\n",
				   label);
	}
	if (status == EXIT_OK)
		status = cli_write_output(NULL, buf_str(&out), out.len);
	buf_free(&out);
	benchmark_report_free(&r);
	benchmark_checklist_free(&checklist);
	mon_data_free(&d);
	return status;
}

static int cmd_set(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option options[] = {
		{ "evidence", required_argument, NULL, 'e' },
		{ "review-date", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	const char *evidence = NULL, *review_arg = NULL;
	int opt;
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (opt) {
		case 'e': evidence = optarg; break;
		case 'r': review_arg = optarg; break;
		default: return cli_bad_option(set_usage, argv);
		}
	}
	if (argc - optind != 2)
		return cli_usage_error(set_usage, "name an item and its status");
	const char *id = argv[optind], *status_arg = argv[optind + 1];
	if (cli_check_text(set_usage, "--evidence", evidence, LIMIT_NOTE) != EXIT_OK)
		return EXIT_USAGE;
	enum benchmark_item_status status;
	if (!benchmark_item_status_parse(status_arg, &status))
		return cli_usage_error(set_usage, "the status must be met, in-progress or not-met");
	date_t review = DATE_NONE;
	if (review_arg && strcmp(review_arg, "none") != 0 &&
	    !cli_parse_date(review_arg, "--review-date", &review))
		return EXIT_USAGE;
	if (!benchmark_item_find(id))
		return cli_fail(EXIT_USER, "no checklist item \"%s\": the items are 1.1 to 1.6 and 3.1 to 3.4 (`waymark benchmark list`)",
				id);
	struct checklist_request rq = { id, status_arg, evidence, review_arg != NULL, review };
	struct principal who = cli_principal(ctx);
	struct action_ctx actx = cli_action_ctx(ctx, &who);
	struct action_result r;
	action_result_init(&r);
	static const struct cli_field fields[] = {
		{ "item", "ITEM", "`waymark benchmark list`" }, { "status", "STATUS", NULL },
		{ "evidence", "--evidence", NULL }, { NULL, NULL, NULL },
	};
	checklist_item_set(&actx, &rq, &r);
	int rc = cli_action_status(&r, fields);
	if (rc == EXIT_OK) {
		/* What was recorded, as the audit log has it. */
		struct benchmark_checklist c;
		if (benchmark_item_store_load(ctx->db, ctx->school.id, &c) == 0) {
			const struct benchmark_item_state *s = benchmark_checklist_state(&c, id);
			char iso[DATE_ISO_LEN];
			printf("%s: %s", id, benchmark_item_status_name(s->status));
			if (s->evidence)
				printf(", evidence \"%s\"", s->evidence);
			if (s->review_date != DATE_NONE)
				printf(", review by %s", date_format_iso(s->review_date, iso));
			putchar('\n');
		}
		benchmark_checklist_free(&c);
		if (r.warning_count)
			cli_warn("item %s: its review date has passed", id);
	}
	action_result_free(&r);
	return rc;
}

static int cmd_list(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc != 1)
		return cli_usage_error(list_usage, "unexpected argument %s", argv[1]);
	struct benchmark_checklist c;
	int status = EXIT_OK;
	if (benchmark_item_store_load(ctx->db, ctx->school.id, &c) != 0) {
		status = cli_fail(EXIT_USER, "cannot read the benchmark checklist: %s", db_error(ctx->db));
	} else {
		struct buf out = BUF_INIT;
		benchmark_render_checklist(&c, cli_today(), &out);
		status = cli_write_output(NULL, buf_str(&out), out.len);
		buf_free(&out);
	}
	benchmark_checklist_free(&c);
	return status;
}

const struct cli_command cli_benchmark_commands[] = {
	{ "set", cmd_set, CMD_NEEDS_SCHOOL | CMD_WRITES, "record a Benchmark 1 or 3 checklist item", set_usage,
	  NULL },
	{ "list", cmd_list, CMD_NEEDS_SCHOOL, "the Benchmark 1 and 3 checklist", list_usage, NULL },
	{ NULL, NULL, 0, NULL, NULL, NULL },
};
