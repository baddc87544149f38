#include "cli/cli.h"

#include <getopt.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/limits.h"
#include "util/buf.h"
#include "util/file.h"
#include "util/text.h"

int cli_fail(int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("waymark: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	return status;
}

void cli_warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("waymark: warning: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

/* The first line of a usage text is its synopsis. */
static void print_synopsis(const char *usage)
{
	size_t n = strcspn(usage, "\n");
	fprintf(stderr, "%.*s\n", (int)n, usage);
}

int cli_usage_error(const char *usage, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("waymark: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	if (usage)
		print_synopsis(usage);
	return EXIT_USAGE;
}

date_t cli_today(void)
{
	const char *pinned = getenv("WAYMARK_TODAY");
	date_t d;
	if (pinned && *pinned && date_parse_iso(pinned, &d))
		return d;
	return date_today();
}

bool cli_parse_year(const char *arg, int *start_year)
{
	if (!arg) {
		*start_year = academic_year_of(cli_today());
		return true;
	}
	if (academic_year_parse(arg, start_year))
		return true;
	cli_fail(EXIT_USAGE, "--year: \"%s\" is not an academic year: write it like 2025/26", arg);
	return false;
}

bool cli_parse_date(const char *arg, const char *option, date_t *out)
{
	if (date_parse_iso(arg, out))
		return true;
	cli_fail(EXIT_USAGE, "%s: \"%s\" is not a date: write it as YYYY-MM-DD", option, arg);
	return false;
}

bool cli_parse_encoding(const char *arg, enum csv_encoding_choice *out)
{
	if (csv_encoding_parse(arg, out))
		return true;
	cli_fail(EXIT_USAGE,
		 "--encoding: \"%s\" is not an encoding Waymark reads: name detect, utf-8, windows-1252 or utf-16",
		 arg);
	return false;
}

const char *cli_read_as(enum csv_encoding encoding, bool named, char out[64])
{
	if (!named && (encoding == CSV_UTF8 || encoding == CSV_UTF8_BOM))
		return "";
	snprintf(out, 64, " (read as %s%s)", csv_encoding_name(encoding), named ? ", as named" : "");
	return out;
}

bool cli_parse_format(const char *arg, unsigned allowed, enum cli_format *out)
{
	static const char *const names[] = { "text", "json", "csv" };
	for (int f = 0; f < 3; f++) {
		if ((allowed & (1u << f)) && strcmp(arg, names[f]) == 0) {
			*out = (enum cli_format)f;
			return true;
		}
	}
	struct buf list = BUF_INIT;
	for (int f = 0; f < 3; f++)
		if (allowed & (1u << f))
			buf_printf(&list, "%s%s", list.len ? ", " : "", names[f]);
	cli_fail(EXIT_USAGE, "--format: \"%s\" is not one of %s", arg, buf_str(&list));
	buf_free(&list);
	return false;
}

int cli_check_text(const char *usage, const char *option, const char *value, size_t max_chars)
{
	const char *problem = value ? text_limit_problem(value, max_chars, true) : NULL;
	if (!problem)
		return EXIT_OK;
	return cli_usage_error(usage, "%s %s: shorten it to %zu characters or fewer, on one line",
			       option, problem, max_chars);
}

struct principal cli_principal(const struct cli_ctx *ctx)
{
	return (struct principal){ .kind = PRINCIPAL_OPERATOR, .role = ROLE_ADMIN,
				   .actor = ctx->actor };
}

struct action_ctx cli_action_ctx(const struct cli_ctx *ctx, const struct principal *who)
{
	return (struct action_ctx){ .db = ctx->db, .school_id = ctx->school.id, .who = who,
				    .today = cli_today(), .now = (int64_t)time(NULL) };
}

int cli_action_status(const struct action_result *r, const struct cli_field *fields)
{
	for (size_t i = 0; i < r->problem_count; i++) {
		const struct action_problem *p = &r->problems[i];
		const struct cli_field *f = fields;
		while (f && f->field && strcmp(f->field, p->field) != 0)
			f++;
		bool named = f && f->field && f->option;
		bool hinted = named && f->hint;
		fprintf(stderr, "waymark: %s%s%s%s%s%s\n", named ? f->option : "", named ? ": " : "",
			p->message, hinted ? " (" : "", hinted ? f->hint : "", hinted ? ")" : "");
	}
	return r->status == ACTION_OK ? EXIT_OK : EXIT_USER;
}

int cli_report_diags(const struct diag_list *diags)
{
	diag_print(diags, stderr);
	return diag_has_errors(diags) ? EXIT_USER : EXIT_OK;
}

int cli_write_output(const char *path, const char *text, size_t len)
{
	if (!path || strcmp(path, "-") == 0) {
		if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0)
			return cli_fail(EXIT_USER, "cannot write to standard output");
		return EXIT_OK;
	}
	struct buf err = BUF_INIT;
	bool ok = file_write_atomic(path, text, len, &err);
	if (!ok)
		cli_fail(EXIT_USER, "%s", buf_str(&err));
	buf_free(&err);
	return ok ? EXIT_OK : EXIT_USER;
}

static void print_command_list(const struct cli_command *table, const char *group,
			       FILE *out)
{
	fprintf(out, "usage: %s COMMAND [ARGS]\n\n", group);
	cli_print_commands(table, group, out);
}

void cli_print_commands(const struct cli_command *table, const char *group, FILE *out)
{
	fputs("commands:\n", out);
	/* Names in a column at least 12 wide, wider for a long one
	 * (provider-access). */
	int width = 12;
	for (const struct cli_command *c = table; c->name; c++)
		if (!(c->flags & CMD_HIDDEN) && (int)strlen(c->name) > width)
			width = (int)strlen(c->name);
	for (const struct cli_command *c = table; c->name; c++)
		if (!(c->flags & CMD_HIDDEN))
			fprintf(out, "  %-*s %s\n", width, c->name, c->summary);
	fprintf(out, "\nRun `%s COMMAND --help` for a command's options.\n", group);
}

static const struct cli_command *find(const struct cli_command *table, const char *name)
{
	for (const struct cli_command *c = table; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

static bool wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return false;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return true;
	}
	return false;
}

static int open_database(struct cli_ctx *ctx)
{
	if (ctx->db)
		return EXIT_OK;
	struct buf err = BUF_INIT;
	ctx->db = db_open(ctx->db_path, DB_OPEN_EXISTING, &err);
	int status = EXIT_OK;
	if (!ctx->db && db_file_damaged(ctx->db_path))
		status = cli_fail(EXIT_USER, "%s\nwaymark: if %s is the school's database, it is damaged "
				  "beyond use: " CLI_RESTORE_HINT, buf_str(&err), ctx->db_path);
	else if (!ctx->db)
		status = cli_fail(EXIT_USER, "%s", buf_str(&err));
	buf_free(&err);
	return status;
}

/* For CMD_WRITES: a change written into a damaged database can spread the
 * damage, so none is made; reading commands still work where they can. */
static int refuse_if_damaged(struct cli_ctx *ctx)
{
	struct buf problems = BUF_INIT;
	int health = db_check(ctx->db, false, &problems);
	int first = (int)strcspn(buf_str(&problems), "\n");
	int status = EXIT_OK;
	if (health == 0)
		status = cli_fail(EXIT_USER, "%s is damaged (quick_check: %.*s), so nothing was changed: "
				  CLI_RESTORE_HINT "; `waymark check database` lists the problems",
				  ctx->db_path, first, buf_str(&problems));
	else if (health < 0)
		status = cli_fail(EXIT_USER, "cannot check %s before changing it: %.*s", ctx->db_path,
				  first, buf_str(&problems));
	buf_free(&problems);
	return status;
}

/* After a command failed: what SQLite reported while it ran, in words a
 * data manager can act on (the command's own message may only repeat
 * SQLite's). */
static void explain_trouble(struct cli_ctx *ctx, const struct db_trouble *before)
{
	struct db_trouble after;
	db_trouble(ctx->db, &after);
	if (after.disk_full > before->disk_full)
		cli_fail(EXIT_USER, "the disk holding %s is full, so nothing was saved; what was saved "
			 "before is intact: free some space (`df -h`) and run the command again",
			 ctx->db_path);
	else if (after.damage > before->damage && !ctx->damage_reported)
		cli_fail(EXIT_USER, "%s is damaged: " CLI_RESTORE_HINT, ctx->db_path);
}

static int resolve_school(struct cli_ctx *ctx)
{
	if (ctx->school.id)
		return EXIT_OK;
	int found = school_find(ctx->db, ctx->school_slug, &ctx->school);
	if (found < 0 && db_is_corrupt(ctx->db))
		return cli_fail(EXIT_USER, "cannot read schools: %s: " CLI_RESTORE_HINT, db_error(ctx->db));
	if (found < 0)
		return cli_fail(EXIT_USER, "cannot read schools: %s", db_error(ctx->db));
	if (found)
		return EXIT_OK;
	if (ctx->school_slug) {
		/* Name the schools there are: what --school takes. */
		struct buf slugs = BUF_INIT;
		if (school_slugs(ctx->db, &slugs) != 0)
			buf_reset(&slugs);
		int status = cli_fail(EXIT_USER, "no school \"%s\" in %s: --school takes one of %s",
				      ctx->school_slug, ctx->db_path, slugs.len ? buf_str(&slugs) : "(none)");
		buf_free(&slugs);
		return status;
	}
	if (school_count(ctx->db) == 0)
		return cli_fail(EXIT_USER, "%s has no school: run `waymark init`", ctx->db_path);
	return cli_fail(EXIT_USER, "%s holds several schools: choose one with --school SLUG",
			ctx->db_path);
}

int cli_dispatch(struct cli_ctx *ctx, const struct cli_command *table, const char *group,
		 int argc, char **argv)
{
	if (argc < 1) {
		print_command_list(table, group, stderr);
		return EXIT_USAGE;
	}
	const char *name = argv[0];
	if (strcmp(name, "help") == 0 || strcmp(name, "--help") == 0 ||
	    strcmp(name, "-h") == 0) {
		/* `help help` and `help --help`: the list, as `help` alone. */
		bool about_help = argc > 1 && (strcmp(argv[1], "help") == 0 ||
					       strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0);
		const struct cli_command *c = argc > 1 && !about_help ? find(table, argv[1]) : NULL;
		if (argc > 1 && !about_help && !c)
			return cli_fail(EXIT_USAGE, "`%s` has no command \"%s\"", group, argv[1]);
		if (c && c->subcommands && argc > 2) {
			/* `help report benchmarks`: the group's own help for the rest. */
			struct buf sub = BUF_INIT;
			buf_printf(&sub, "%s %s", group, c->name);
			char **rest = argv + 1;
			char *saved = rest[0];
			rest[0] = argv[0];
			int status = cli_dispatch(ctx, c->subcommands, buf_str(&sub), argc - 1, rest);
			rest[0] = saved;
			buf_free(&sub);
			return status;
		}
		if (c && c->subcommands) {
			struct buf sub = BUF_INIT;
			buf_printf(&sub, "%s %s", group, c->name);
			print_command_list(c->subcommands, buf_str(&sub), stdout);
			buf_free(&sub);
		} else if (c) {
			fputs(c->usage, stdout);
		} else {
			print_command_list(table, group, stdout);
		}
		return EXIT_OK;
	}
	const struct cli_command *c = find(table, name);
	if (!c) {
		cli_fail(EXIT_USAGE, "`%s %s` is not a command", group, name);
		print_command_list(table, group, stderr);
		return EXIT_USAGE;
	}
	if (c->subcommands) {
		struct buf sub = BUF_INIT;
		buf_printf(&sub, "%s %s", group, c->name);
		int status = cli_dispatch(ctx, c->subcommands, buf_str(&sub), argc - 1, argv + 1);
		buf_free(&sub);
		return status;
	}
	if (wants_help(argc, argv)) {
		fputs(c->usage, stdout);
		return EXIT_OK;
	}
	struct db_trouble before;
	db_trouble(NULL, &before);
	if (c->flags & (CMD_NEEDS_DB | CMD_NEEDS_SCHOOL | CMD_WRITES)) {
		int status = open_database(ctx);
		if (status != EXIT_OK)
			return status;
	}
	if (c->flags & CMD_WRITES) {
		int status = refuse_if_damaged(ctx);
		if (status != EXIT_OK)
			return status;
	}
	if (c->flags & CMD_NEEDS_SCHOOL) {
		int status = resolve_school(ctx);
		if (status != EXIT_OK)
			return status;
	}
	/* Each command parses its own options with getopt_long from argv[0]. */
	optind = 0;
	opterr = 0; /* commands report bad options with their usage */
	int status = c->run(ctx, argc, argv);
	if (status != EXIT_OK && ctx->db)
		explain_trouble(ctx, &before);
	return status;
}

int cli_bad_option(const char *usage, char **argv)
{
	const char *arg = optind > 0 ? argv[optind - 1] : "?";
	return cli_usage_error(usage, "bad option %s (unknown, or missing its value)", arg);
}
