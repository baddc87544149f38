/* waymark programme show | check | import | export */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "action/programme_action.h"
#include "cli/loaders.h"
#include "domain/benchmarks.h"
#include "io/programme_file.h"
#include "report/programme_report.h"
#include "store/programme_store.h"
#include "util/text.h"

static const char show_usage[] =
	"usage: waymark programme show [--year-group N] [--format text|json]\n"
	"\n"
	"Prints the programme as the strategy lays it out: for each year group, the\n"
	"aims and activities under Challenge, Aspire and Network. JSON gives every\n"
	"field, in the programme file's format.\n";

static const char check_usage[] =
	"usage: waymark programme check FILE...\n"
	"\n"
	"Checks programme files without touching any database. Every problem is\n"
	"printed as FILE:LINE:COLUMN: message; exit status 1 if there is any error.\n";

static const char import_usage[] =
	"usage: waymark programme import FILE\n"
	"\n"
	"Replaces the school's programme with FILE, in one transaction. Activities\n"
	"are matched by id: one that is gone from the file is deleted, or retired\n"
	"if registers refer to it.\n";

static const char export_usage[] =
	"usage: waymark programme export [--output FILE]\n"
	"\n"
	"Writes the school's programme as a programme file (JSON, which is YAML),\n"
	"to standard output or FILE.\n";

static const char edit_usage[] =
	"usage: waymark programme edit ACTIVITY_ID [--name TEXT] [--description TEXT]\n"
	"                              [--sessions N] [--cohort all|selected|invited]\n"
	"                              [--benchmarks 1,2,...|none] [--kind KIND]\n"
	"                              [--provider-access yes|no] [--timing-note TEXT]\n"
	"\n"
	"Changes one activity of the school's programme, as its page on the web does:\n"
	"each field is checked as a programme file is, then the whole programme. Only\n"
	"the options given change; an empty --description or --timing-note clears it.\n"
	"Recorded in the audit log with the fields before and after.\n"
	"\n"
	"  --name TEXT            what pupils and staff call it\n"
	"  --description TEXT     what it is, for the programme page\n"
	"  --sessions N           how many sessions a pupil needs to have received it (1-100)\n"
	"  --cohort C             all (an entitlement), selected (for those chosen) or\n"
	"                         invited (optional: attendance counted, not owed)\n"
	"  --benchmarks LIST      the Gatsby Benchmarks it evidences, e.g. 2,5, or none\n"
	"  --kind KIND            employer-encounter, workplace-experience,\n"
	"                         further-education, higher-education,\n"
	"                         apprenticeship-provider, personal-guidance,\n"
	"                         careers-lesson, assembly, questionnaire, parents-event\n"
	"                         or other\n"
	"  --provider-access yes|no  whether it meets the Provider Access duty\n"
	"  --timing-note TEXT     a note on when it happens\n";

static int load_stored(struct cli_ctx *ctx, struct programme *p)
{
	int found = programme_store_load(ctx->db, ctx->school.id, p);
	if (found < 0)
		return cli_fail(EXIT_USER, "cannot read the programme: %s", db_error(ctx->db));
	if (found == 0)
		return cli_fail(EXIT_USER, "school %s has no programme: run `waymark programme import FILE`",
				ctx->school.slug);
	return EXIT_OK;
}

static int cmd_show(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option options[] = {
		{ "year-group", required_argument, NULL, 'y' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned years = 0;
	enum cli_format format = FORMAT_TEXT;
	int opt;
	long y;
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (opt) {
		case 'y':
			if (!text_to_int(optarg, YEAR_GROUP_FIRST, YEAR_GROUP_LAST, &y))
				return cli_usage_error(show_usage,
						       "--year-group: \"%s\" is not a year group from 7 to 13", optarg);
			years |= 1u << y;
			break;
		case 'f':
			if (!cli_parse_format(optarg, 1u << FORMAT_TEXT | 1u << FORMAT_JSON, &format))
				return EXIT_USAGE;
			break;
		default:
			return cli_bad_option(show_usage, argv);
		}
	}
	if (optind < argc)
		return cli_usage_error(show_usage, "unexpected argument %s", argv[optind]);
	struct programme p;
	int status = load_stored(ctx, &p);
	if (status == EXIT_OK) {
		if (format == FORMAT_JSON) {
			char *json = programme_report_json(&p, years);
			puts(json);
			free(json);
		} else {
			struct buf out = BUF_INIT;
			programme_report_text(&p, years, &out);
			fputs(buf_str(&out), stdout);
			buf_free(&out);
		}
	}
	programme_free(&p);
	return status;
}

static int cmd_check(struct cli_ctx *ctx, int argc, char **argv)
{
	(void)ctx;
	if (argc < 2)
		return cli_usage_error(check_usage, "name at least one programme file");
	if (argv[1][0] == '-' && argv[1][1])
		return cli_usage_error(check_usage, "bad option %s", argv[1]);
	int status = EXIT_OK;
	for (int i = 1; i < argc; i++) {
		struct programme p;
		char sha[65];
		if (cli_load_programme(argv[i], &p, sha) == EXIT_OK)
			printf("%s: ok, %zu activities\n", argv[i], p.activity_count);
		else
			status = EXIT_USER;
		programme_free(&p);
	}
	return status;
}

static int cmd_import(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc != 2)
		return cli_usage_error(import_usage, "name one programme file");
	struct programme p;
	char sha[65];
	int status = cli_load_programme(argv[1], &p, sha);
	struct programme_save_result saved;
	if (status == EXIT_OK) {
		struct principal who = cli_principal(ctx);
		struct action_ctx actx = cli_action_ctx(ctx, &who);
		struct action_result r;
		action_result_init(&r);
		if (programme_replace(&actx, &p, sha, &saved, &r) == ACTION_OK)
			printf("imported %s: %zu activities (%d new, %d kept, %d retired, %d removed)\n",
			       argv[1], p.activity_count, saved.added, saved.kept, saved.retired,
			       saved.removed);
		status = cli_action_status(&r, NULL);
		action_result_free(&r);
	}
	programme_free(&p);
	return status;
}

static int cmd_export(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option options[] = {
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	const char *output = NULL;
	int opt;
	while ((opt = getopt_long(argc, argv, "o:", options, NULL)) != -1) {
		if (opt != 'o')
			return cli_bad_option(export_usage, argv);
		output = optarg;
	}
	if (optind < argc)
		return cli_usage_error(export_usage, "unexpected argument %s", argv[optind]);
	struct programme p;
	int status = load_stored(ctx, &p);
	if (status == EXIT_OK) {
		char *json = programme_to_json(&p);
		size_t len = strlen(json);
		json[len] = '\n';
		status = cli_write_output(output, json, len + 1);
		free(json);
	}
	programme_free(&p);
	return status;
}

/* "2,5" (or "none") into a set of benchmarks; false for anything else. */
static bool parse_benchmarks(const char *text, unsigned *out)
{
	*out = 0;
	if (strcmp(text, "none") == 0)
		return true;
	const char *c = text;
	while (*c) {
		char *end;
		long b = strtol(c, &end, 10);
		if (end == c || b < 1 || b > BENCHMARK_COUNT || (*end && *end != ','))
			return false;
		*out |= 1u << b;
		c = *end ? end + 1 : end;
		if (*end && !*c)
			return false;
	}
	return *out != 0;
}

static int cmd_edit(struct cli_ctx *ctx, int argc, char **argv)
{
	enum { O_NAME = 1, O_DESCRIPTION, O_SESSIONS, O_COHORT, O_BENCHMARKS, O_KIND, O_PROVIDER,
	       O_NOTE };
	static const struct option options[] = {
		{ "name", required_argument, NULL, O_NAME },
		{ "description", required_argument, NULL, O_DESCRIPTION },
		{ "sessions", required_argument, NULL, O_SESSIONS },
		{ "cohort", required_argument, NULL, O_COHORT },
		{ "benchmarks", required_argument, NULL, O_BENCHMARKS },
		{ "kind", required_argument, NULL, O_KIND },
		{ "provider-access", required_argument, NULL, O_PROVIDER },
		{ "timing-note", required_argument, NULL, O_NOTE },
		{ NULL, 0, NULL, 0 },
	};
	struct activity_change_request rq = { .provider_access = -1 };
	int opt;
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (opt) {
		case O_NAME: rq.name = optarg; break;
		case O_DESCRIPTION: rq.description = optarg; break;
		case O_SESSIONS: rq.sessions = optarg; break;
		case O_COHORT: rq.cohort = optarg; break;
		case O_KIND: rq.kind = optarg; break;
		case O_NOTE: rq.note = optarg; break;
		case O_BENCHMARKS:
			rq.set_benchmarks = true;
			rq.bad_benchmark = !parse_benchmarks(optarg, &rq.benchmarks);
			break;
		case O_PROVIDER:
			if (strcmp(optarg, "yes") != 0 && strcmp(optarg, "no") != 0)
				return cli_usage_error(edit_usage, "--provider-access: say yes or no");
			rq.provider_access = strcmp(optarg, "yes") == 0;
			break;
		default: return cli_bad_option(edit_usage, argv);
		}
	}
	if (argc - optind != 1)
		return cli_usage_error(edit_usage, "name one activity by its id");
	rq.activity_id = argv[optind];
	static const struct cli_field fields[] = {
		{ "name", "--name", NULL }, { "description", "--description", NULL },
		{ "sessions", "--sessions", NULL }, { "cohort", "--cohort", "all, selected or invited" },
		{ "benchmarks", "--benchmarks", "a list such as 2,5, or none" },
		{ "kind", "--kind", "`waymark programme edit --help` lists the kinds" },
		{ "provider_access", "--provider-access", NULL }, { "note", "--timing-note", NULL },
		{ NULL, NULL, NULL },
	};
	struct principal who = cli_principal(ctx);
	struct action_ctx actx = cli_action_ctx(ctx, &who);
	struct action_result r;
	action_result_init(&r);
	enum action_status status = activity_change(&actx, &rq, &r);
	if (status == ACTION_NOT_FOUND)
		fprintf(stderr, "waymark: no activity \"%s\": `waymark programme show --format json` "
				"lists the ids\n", rq.activity_id);
	else if (status == ACTION_OK)
		printf(r.made ? "activity %s: saved\n" : "activity %s: nothing changed\n",
		       rq.activity_id);
	int rc = status == ACTION_NOT_FOUND ? EXIT_USER : cli_action_status(&r, fields);
	action_result_free(&r);
	return rc;
}

const struct cli_command cli_programme_commands[] = {
	{ "show", cmd_show, CMD_NEEDS_SCHOOL, "print the year x strand grid", show_usage, NULL },
	{ "check", cmd_check, 0, "validate programme files", check_usage, NULL },
	{ "import", cmd_import, CMD_NEEDS_SCHOOL | CMD_WRITES, "replace the programme from a file", import_usage,
	  NULL },
	{ "export", cmd_export, CMD_NEEDS_SCHOOL, "write the programme as a file", export_usage,
	  NULL },
	{ "edit", cmd_edit, CMD_NEEDS_SCHOOL | CMD_WRITES, "change one activity", edit_usage, NULL },
	{ NULL, NULL, 0, NULL, NULL, NULL },
};
