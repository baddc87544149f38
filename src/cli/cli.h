/* The command-line edge: one dispatcher, used for the top-level command
 * table and for each group of subcommands (programme, calendar...).
 *
 * Policy lives in each command's flags and is enforced once, here: a
 * command that needs the database gets it opened (with a clear message when
 * it is missing); one that needs a school gets it resolved. */
#ifndef WAYMARK_CLI_H
#define WAYMARK_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "action/action.h"
#include "io/csv_reader.h"
#include "store/db.h"
#include "store/school_store.h"
#include "util/date.h"
#include "util/diag.h"

/* Exit statuses: documented in man/waymark.1. */
enum {
	EXIT_OK = 0,
	EXIT_USER = 1,  /* bad input or state; the message says what to fix */
	EXIT_USAGE = 2, /* the command line itself is wrong */
};

enum cli_flags {
	CMD_NEEDS_DB = 1 << 0,     /* open --db (it must exist) */
	CMD_NEEDS_SCHOOL = 1 << 1, /* resolve --school (implies the database) */
	CMD_HIDDEN = 1 << 2,       /* not listed by help */
	/* Changes the database (implies CMD_NEEDS_DB), or may (review,
	 * report benchmarks --save-snapshot): the dispatcher runs quick_check
	 * first and refuses, naming `waymark restore`, when it finds damage.
	 * Not init and restore, which make a new database file rather than
	 * change the one there. */
	CMD_WRITES = 1 << 3,
};

struct cli_ctx {
	const char *db_path;
	const char *school_slug;   /* --school, or NULL for the only school */
	struct db *db;             /* set for CMD_NEEDS_DB commands */
	struct school school;      /* set for CMD_NEEDS_SCHOOL commands */
	char actor[96];            /* "cli:USER", for the audit log */
	const char *prog;          /* "waymark programme" while in that group */
	bool damage_reported;      /* the command has named `waymark restore` itself */
};

struct cli_command;
typedef int (*cli_fn)(struct cli_ctx *ctx, int argc, char **argv);

struct cli_command {
	const char *name;
	cli_fn run;
	unsigned flags;
	const char *summary;       /* one line for the command list */
	const char *usage;         /* the full --help text */
	const struct cli_command *subcommands; /* a group: NULL-name terminated */
};

/* Runs argv[0] from table; `group` names the table in messages ("waymark",
 * "waymark calendar"). Handles --help and `help`. Returns an exit status. */
int cli_dispatch(struct cli_ctx *ctx, const struct cli_command *table, const char *group,
		 int argc, char **argv);

/* "commands:" and a line for each command of table, then how to get a
 * command's options. */
void cli_print_commands(const struct cli_command *table, const char *group, FILE *out);

/* Messages to stderr prefixed "waymark: "; both return the status given so
 * that commands can `return cli_fail(EXIT_USER, ...)`. */
int cli_fail(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints the usage line of the current command and returns EXIT_USAGE. */
int cli_usage_error(const char *usage, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Today's date for the command line: WAYMARK_TODAY (YYYY-MM-DD) if set, so
 * that scripts and tests can pin it, else the system clock. */
date_t cli_today(void);
/* Parses --year (e.g. "2025/26"); NULL means the academic year of today. */
bool cli_parse_year(const char *arg, int *start_year);
bool cli_parse_date(const char *arg, const char *option, date_t *out);

/* Parses --encoding (detect, utf-8, windows-1252, utf-16: see
 * csv_encoding_parse); false after saying what is wrong. */
bool cli_parse_encoding(const char *arg, enum csv_encoding_choice *out);
/* What an import's summary line adds about the text encoding the file was
 * read in: "" for UTF-8 that was detected (what is expected), else
 * " (read as Windows-1252)", with ", as named" when the user named it. A
 * static string or out. */
const char *cli_read_as(enum csv_encoding encoding, bool named, char out[64]);
#define CLI_ENCODING_USAGE \
	"  --encoding E  the file's text encoding: detect (the default), utf-8,\n" \
	"                windows-1252 or utf-16; name it when a file mixes encodings\n"

enum cli_format { FORMAT_TEXT, FORMAT_JSON, FORMAT_CSV };
/* Parses --format against the allowed set (bit per enum cli_format). */
bool cli_parse_format(const char *arg, unsigned allowed, enum cli_format *out);

/* Checks an option's text against its limit (domain/limits.h): EXIT_OK,
 * or EXIT_USAGE after saying what is wrong ("--title is longer than 200
 * characters"). A NULL value is fine (the option was not given). */
int cli_check_text(const char *usage, const char *option, const char *value, size_t max_chars);

/* How the command line names the parts of an action's request: field
 * (as the action names it) is given as option ("--date", "ACTIVITY_ID"),
 * and hint, when not NULL, says where to look. NULL-field terminated. */
struct cli_field {
	const char *field;
	const char *option;
	const char *hint;
};
/* The principal and context of an action run from the command line. */
struct principal cli_principal(const struct cli_ctx *ctx);
/* The context an action of this command runs in: its database and
 * school, the principal, today (cli_today) and now. */
struct action_ctx cli_action_ctx(const struct cli_ctx *ctx, const struct principal *who);
/* Prints an action's problems ("waymark: --date: Enter the date...") to
 * stderr, naming each field as the command line does, and returns the
 * exit status for its result: EXIT_OK, or EXIT_USER. Warnings are the
 * caller's to print, since how depends on the command. */
int cli_action_status(const struct action_result *r, const struct cli_field *fields);

/* Prints collected problems to stderr; returns EXIT_USER if any is an error. */
int cli_report_diags(const struct diag_list *diags);

/* Writes text to path ("-" or NULL: stdout) safely; EXIT_OK or EXIT_USER. */
int cli_write_output(const char *path, const char *text, size_t len);

/* The command groups, each in its own file. */
extern const struct cli_command cli_programme_commands[];
extern const struct cli_command cli_settings_commands[];
extern const struct cli_command cli_calendar_commands[];
extern const struct cli_command cli_import_commands[];
extern const struct cli_command cli_event_commands[];
extern const struct cli_command cli_org_commands[];
extern const struct cli_command cli_report_commands[];
extern const struct cli_command cli_user_commands[];
int cmd_serve(struct cli_ctx *ctx, int argc, char **argv);
extern const char cmd_serve_usage[];
extern const struct cli_command cli_check_commands[];
extern const struct cli_command cli_benchmark_commands[];
extern const struct cli_command cli_guidance_commands[];
int cmd_report_benchmarks(struct cli_ctx *ctx, int argc, char **argv);
extern const char cmd_report_benchmarks_usage[];
int cmd_import_intentions(struct cli_ctx *ctx, int argc, char **argv);
int cmd_import_guidance(struct cli_ctx *ctx, int argc, char **argv);
extern const char cmd_import_intentions_usage[];
extern const char cmd_import_guidance_usage[];
int cmd_mark(struct cli_ctx *ctx, int argc, char **argv);
int cmd_select(struct cli_ctx *ctx, int argc, char **argv);
int cmd_demo(struct cli_ctx *ctx, int argc, char **argv);
int cmd_review(struct cli_ctx *ctx, int argc, char **argv);
extern const char cmd_review_usage[];
extern const char cmd_mark_usage[];
extern const char cmd_select_usage[];
extern const char cmd_demo_usage[];
int cmd_init(struct cli_ctx *ctx, int argc, char **argv);
int cmd_schema(struct cli_ctx *ctx, int argc, char **argv);
int cmd_audit(struct cli_ctx *ctx, int argc, char **argv);
int cmd_backup(struct cli_ctx *ctx, int argc, char **argv);
int cmd_restore(struct cli_ctx *ctx, int argc, char **argv);
extern const char cmd_init_usage[];
extern const char cmd_schema_usage[];
extern const char cmd_audit_usage[];
extern const char cmd_backup_usage[];
extern const char cmd_restore_usage[];

/* What an administrator does about a damaged database, for messages. */
#define CLI_RESTORE_HINT \
	"restore the last good backup with `waymark restore BACKUP` (docs/reliability.md)"



/* For getopt's '?' and ':' results: names the bad option, prints usage. */
int cli_bad_option(const char *usage, char **argv);
#endif
