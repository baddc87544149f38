/* waymark programme show | check | import | export */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/loaders.h"
#include "io/programme_file.h"
#include "report/programme_report.h"
#include "store/audit_store.h"
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
	struct programme_save_result r;
	if (status == EXIT_OK) {
		if (db_begin(ctx->db) != 0 ||
		    programme_store_save(ctx->db, ctx->school.id, &p, sha, &r) != 0 ||
		    audit_record(ctx->db, ctx->school.id, ctx->actor, "programme.import",
				 "programme", p.name, sha) != 0 ||
		    db_commit(ctx->db) != 0) {
			status = cli_fail(EXIT_USER, "cannot import %s: %s", argv[1], db_error(ctx->db));
			db_rollback(ctx->db);
		} else {
			printf("imported %s: %zu activities (%d new, %d kept, %d retired, %d removed)\n",
			       argv[1], p.activity_count, r.added, r.kept, r.retired, r.removed);
		}
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

const struct cli_command cli_programme_commands[] = {
	{ "show", cmd_show, CMD_NEEDS_SCHOOL, "print the year x strand grid", show_usage, NULL },
	{ "check", cmd_check, 0, "validate programme files", check_usage, NULL },
	{ "import", cmd_import, CMD_NEEDS_SCHOOL | CMD_WRITES, "replace the programme from a file", import_usage,
	  NULL },
	{ "export", cmd_export, CMD_NEEDS_SCHOOL, "write the programme as a file", export_usage,
	  NULL },
	{ NULL, NULL, 0, NULL, NULL, NULL },
};
