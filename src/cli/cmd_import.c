/* waymark import students | register */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "action/roster_import.h"
#include "cli/cli.h"
#include "action/register_action.h"
#include "io/register_import.h"
#include "io/roster_csv.h"
#include "store/audit_store.h"
#include "store/programme_store.h"
#include "store/student_store.h"
#include "util/file.h"
#include "util/progress.h"
#include "util/text.h"

/* Big enough for a trust's million-row register; bounds a wrong argument. */
enum { MAX_IMPORT_BYTES = 1024u * 1024u * 1024u };
/* Show a progress bar from this many lines on. */
enum { PROGRESS_LINES = 20000 };

static const char students_usage[] =
	"usage: waymark import students FILE (--whole-school | --partial) [--year 2025/26]\n"
	"                               [--as-of YYYY-MM-DD] [--dry-run] [--confirm-leaving N]\n"
	"                               [--encoding E]\n"
	"\n"
	"Imports a roster exported from the MIS (SIMS, Arbor, Bromcom, iSAMS, Wonde...).\n"
	"Columns are found by name; UPNs, ULNs and values are checked and every problem\n"
	"is listed as FILE:LINE: column NAME: message. A file with any error changes\n"
	"nothing. Pupils are matched by UPN, former UPN or admission number. Say what\n"
	"the file holds, there is no default: --whole-school marks pupils missing from\n"
	"it as left (on roll until the day before --as-of, default today) and puts\n"
	"pupils marked as left but listed again back on roll; --partial adds and\n"
	"updates only. When more than 20 pupils, or more than 5% of the roll, would\n"
	"leave, the import needs --confirm-leaving with that number. The first roster\n"
	"of a new academic year is a rollover: promoted, joined and left are reported.\n"
	"`waymark import history` lists the imports; `waymark import undo ID` puts\n"
	"back what one roster import changed.\n"
	"\n"
	"  --whole-school       the file is the whole school: pupils not in it have left\n"
	"  --partial            the file adds or updates some pupils: nobody leaves\n"
	"  --year Y             the academic year the roster is for (default: that of --as-of)\n"
	"  --as-of DATE         the date of the export (default today)\n"
	"  --dry-run            list every pupil who would be new, changed or leaving,\n"
	"                       by name and tutor group; change nothing\n"
	"  --confirm-leaving N  N pupils leaving is what you expect (needed over the limit)\n"
	CLI_ENCODING_USAGE;

static const char undo_usage[] =
	"usage: waymark import undo IMPORT_ID\n"
	"\n"
	"Undoes a whole roster import of this academic year: every pupil it changed is\n"
	"put back as before it (their details, tutor group, year group and whether\n"
	"they had left) and the pupils it added are deleted, with anything recorded\n"
	"for them since. Later roster imports must be undone first, newest first.\n"
	"`waymark import history` lists the imports and their ids. Recorded in the\n"
	"audit log.\n";

static const char history_usage[] =
	"usage: waymark import history [--limit N]\n"
	"\n"
	"Lists the school's imports, newest first (default the last 20): id, when,\n"
	"what, file, by whom, the result, and whether a roster import was undone.\n";

static const char register_usage[] =
	"usage: waymark import register [--event ID] FILE [--dry-run] [--encoding E]\n"
	"\n"
	"Imports a register: pupils (UPN, admission number, or Surname, Forename and\n"
	"Tutor Group) and an attendance column (Attendance, Attended, Mark, Present or\n"
	"Status: Present/Absent/Excused or P/A/E, Late, Y/N, 1/0, a tick; blank is\n"
	"absent). With --event the whole file is that event's register; without it\n"
	"the file needs Activity and Date columns, and events that do not exist yet\n"
	"are created. Each event's marks are replaced by the file's. A file with any\n"
	"error changes nothing. A register is never taken before its event's day: a\n"
	"future event, or a row dated after today, is refused.\n"
	"\n"
	CLI_ENCODING_USAGE;

static int read_input(const char *path, struct buf *data)
{
	struct buf err = BUF_INIT;
	int status = EXIT_OK;
	if (!file_read_all(path, MAX_IMPORT_BYTES, data, &err))
		status = cli_fail(EXIT_USER, "%s", buf_str(&err));
	buf_free(&err);
	return status;
}

static size_t count_lines(const struct buf *data)
{
	size_t n = 0;
	for (const char *p = data->data; p && (p = memchr(p, '\n', data->len - (size_t)(p - data->data))); p++)
		n++;
	return n;
}

static const char *const change_words[] = {
	[ROSTER_NEW] = "new", [ROSTER_UPDATED] = "changed", [ROSTER_LEFT] = "leaving",
};

/* Every pupil who would be new, changed (with the fields) or leaving. */
static void print_pupils(const struct roster_import_result *r)
{
	for (size_t i = 0; i < r->pupil_count; i++) {
		const struct roster_import_pupil *p = &r->pupils[i];
		printf("%s: %s (Year %d%s%s)", change_words[p->change], p->name, p->year_group,
		       *p->tutor_group ? ", " : "", p->tutor_group);
		if (p->change == ROSTER_UPDATED && *p->changes)
			printf(": %s", p->changes);
		putchar('\n');
	}
}

static int cmd_students(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option options[] = {
		{ "year", required_argument, NULL, 'y' },
		{ "as-of", required_argument, NULL, 'a' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "partial", no_argument, NULL, 'p' },
		{ "whole-school", no_argument, NULL, 'w' },
		{ "confirm-leaving", required_argument, NULL, 'c' },
		{ "encoding", required_argument, NULL, 'E' },
		{ NULL, 0, NULL, 0 },
	};
	enum csv_encoding_choice encoding = CSV_DETECT;
	const char *year_arg = NULL;
	date_t as_of = cli_today();
	bool dry_run = false, partial = false, whole = false;
	long confirmed = -1;
	int opt;
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (opt) {
		case 'y': year_arg = optarg; break;
		case 'a':
			if (!cli_parse_date(optarg, "--as-of", &as_of))
				return EXIT_USAGE;
			break;
		case 'n': dry_run = true; break;
		case 'p': partial = true; break;
		case 'w': whole = true; break;
		case 'c':
			if (!text_to_int(optarg, 0, 10000000L, &confirmed))
				return cli_usage_error(students_usage,
						       "--confirm-leaving: \"%s\" is not a number of pupils",
						       optarg);
			break;
		case 'E':
			if (!cli_parse_encoding(optarg, &encoding))
				return EXIT_USAGE;
			break;
		default: return cli_bad_option(students_usage, argv);
		}
	}
	if (argc - optind != 1)
		return cli_usage_error(students_usage, "name one roster file");
	if (whole == partial)
		return cli_usage_error(students_usage,
				       whole ? "--whole-school and --partial cannot both be true: choose one"
					     : "say what the file holds: --whole-school (pupils not in it have left) or --partial (it adds or updates pupils; nobody leaves)");
	const char *path = argv[optind];
	int year = academic_year_of(as_of);
	if (year_arg && !cli_parse_year(year_arg, &year))
		return EXIT_USAGE;

	struct buf data = BUF_INIT;
	int status = read_input(path, &data);
	if (status != EXIT_OK) {
		buf_free(&data);
		return status;
	}
	char sha[65];
	file_sha256_hex(data.data, data.len, sha);
	struct diag_list diags;
	diag_init(&diags, path);
	struct roster_import_request req = {
		.data = data.data, .len = data.len, .file_name = path, .sha256 = sha,
		.actor = ctx->actor, .start_year = year, .as_of = as_of, .partial = partial,
		.apply = !dry_run, .confirmed_leaving = confirmed, .encoding = encoding,
	};
	struct roster_import_result r;
	enum roster_import_status done = ROSTER_IMPORT_ERROR;
	if (db_begin(ctx->db) != 0) {
		diag_error(&diags, 0, 0, "cannot start the import: %s", db_error(ctx->db));
		memset(&r, 0, sizeof r);
		r.summary = (struct buf)BUF_INIT;
	} else {
		struct progress progress;
		progress_start(&progress, "reading", count_lines(&data), PROGRESS_LINES);
		req.progress = &progress;
		done = roster_import_run(ctx->db, ctx->school.id, &req, &diags, &r);
		progress_end(&progress);
	}
	if (done == ROSTER_IMPORT_OK && !dry_run && db_commit(ctx->db) != 0) {
		diag_error(&diags, 0, 0, "cannot import %s: %s", path, db_error(ctx->db));
		done = ROSTER_IMPORT_ERROR;
	}
	if (done != ROSTER_IMPORT_OK || dry_run)
		db_rollback(ctx->db);
	if (cli_report_diags(&diags) != EXIT_OK || done == ROSTER_IMPORT_BAD_FILE ||
	    done == ROSTER_IMPORT_ERROR) {
		fprintf(stderr, "%s: %zu error%s: nothing was imported\n", path, diags.errors,
			diags.errors == 1 ? "" : "s");
		status = EXIT_USER;
	} else if (done == ROSTER_IMPORT_UNCONFIRMED) {
		fprintf(stderr,
			"%s: this would mark %d of the %d pupils on roll as left%s: nothing was imported.\n"
			"If %d %s really leaving, run it again with --confirm-leaving %d; a file of\n"
			"some pupils only (joiners, changes) is imported with --partial. --dry-run lists them.\n",
			path, r.left, r.on_roll,
			confirmed >= 0 ? ", not the number given" : "", r.left,
			r.left == 1 ? "pupil is" : "pupils are", r.left);
		status = EXIT_USER;
	} else {
		char read_as[64];
		const char *summary = buf_str(&r.summary);
		int first = (int)strcspn(summary, "\n");
		printf("%s: %.*s%s%s", path, first, summary,
		       cli_read_as(r.encoding, r.encoding_named, read_as), summary + first);
		if (r.restored)
			printf("%d pupils marked as left are on roll again\n", r.restored);
		if (dry_run) {
			print_pupils(&r);
			if (r.needs_confirmation)
				printf("%d of the %d pupils on roll would leave: the import needs --confirm-leaving %d\n",
				       r.left, r.on_roll, r.left);
			printf("dry run: nothing was changed\n");
		}
	}
	roster_import_result_free(&r);
	diag_free(&diags);
	buf_free(&data);
	return status;
}

static int cmd_undo(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option options[] = { { NULL, 0, NULL, 0 } };
	if (getopt_long(argc, argv, "", options, NULL) != -1)
		return cli_bad_option(undo_usage, argv);
	long id;
	if (argc - optind != 1)
		return cli_usage_error(undo_usage, "name one import by its id");
	if (!text_to_int(argv[optind], 1, 1000000000000L, &id))
		return cli_usage_error(undo_usage, "\"%s\" is not an import id", argv[optind]);
	struct buf message = BUF_INIT;
	enum roster_undo_status s = roster_import_undo(ctx->db, ctx->school.id, id, cli_today(),
						       ctx->actor, &message);
	int status = EXIT_OK;
	if (s == ROSTER_UNDO_DONE)
		printf("%s\n", buf_str(&message));
	else
		status = cli_fail(EXIT_USER, "%s%s", buf_str(&message),
				  s == ROSTER_UNDO_REFUSED ? ": nothing was changed" : "");
	buf_free(&message);
	return status;
}

static int cmd_history(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option options[] = {
		{ "limit", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 },
	};
	long limit = 20;
	int opt;
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		if (opt != 'l')
			return cli_bad_option(history_usage, argv);
		if (!text_to_int(optarg, 1, 100000, &limit))
			return cli_usage_error(history_usage, "--limit: \"%s\" is not a number", optarg);
	}
	if (argc != optind)
		return cli_usage_error(history_usage, "no arguments are needed");
	struct import_record_row *rows = NULL;
	long n = import_record_recent(ctx->db, ctx->school.id, (int)limit, &rows);
	if (n < 0)
		return cli_fail(EXIT_USER, "cannot read the imports: %s", db_error(ctx->db));
	for (long i = 0; i < n; i++) {
		const struct import_record_row *r = &rows[i];
		if (strcmp(r->kind, "students") == 0)
			printf("%lld\t%s\troster\t%s\t%s\t%ld new, %ld updated, %ld left, %ld unchanged%s\n",
			       r->id, r->at, r->file_name, r->actor, r->added, r->updated, r->left,
			       r->unchanged, r->undone ? "\tundone" : "");
		else
			printf("%lld\t%s\tregister\t%s\t%s\t%ld rows, %ld marks\n", r->id, r->at,
			       r->file_name, r->actor, r->rows, r->added);
	}
	free(rows);
	return EXIT_OK;
}

static int cmd_register(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option options[] = {
		{ "event", required_argument, NULL, 'e' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "encoding", required_argument, NULL, 'E' },
		{ NULL, 0, NULL, 0 },
	};
	enum csv_encoding_choice encoding = CSV_DETECT;
	long long event_id = 0;
	bool dry_run = false;
	int opt;
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (opt) {
		case 'e': {
			char *end;
			event_id = strtoll(optarg, &end, 10);
			if (*end || event_id <= 0)
				return cli_usage_error(register_usage, "--event: \"%s\" is not an event id",
						       optarg);
			break;
		}
		case 'n': dry_run = true; break;
		case 'E':
			if (!cli_parse_encoding(optarg, &encoding))
				return EXIT_USAGE;
			break;
		default: return cli_bad_option(register_usage, argv);
		}
	}
	if (argc - optind != 1)
		return cli_usage_error(register_usage, "name one register file");
	const char *path = argv[optind];
	struct buf data = BUF_INIT;
	int status = read_input(path, &data);
	if (status != EXIT_OK) {
		buf_free(&data);
		return status;
	}
	char sha[65];
	file_sha256_hex(data.data, data.len, sha);
	struct diag_list diags;
	diag_init(&diags, path);
	struct register_import_result r;
	struct progress progress;
	struct principal who = cli_principal(ctx);
	struct action_ctx actx = cli_action_ctx(ctx, &who);
	struct register_import_request rq = {
		.data = data.data, .len = data.len, .file_name = path, .sha256 = sha,
		.event_id = event_id, .encoding = encoding, .apply = !dry_run, .progress = &progress,
	};
	struct action_result result;
	action_result_init(&result);
	progress_start(&progress, "importing", count_lines(&data), PROGRESS_LINES);
	enum action_status done = register_import_run(&actx, &rq, &diags, &r, &result);
	progress_end(&progress);
	cli_report_diags(&diags);
	if (done == ACTION_INVALID) {
		fprintf(stderr, "%s: %zu error%s: nothing was imported\n", path, diags.errors,
			diags.errors == 1 ? "" : "s");
		status = EXIT_USER;
	} else if (done != ACTION_OK) {
		status = cli_action_status(&result, NULL);
		if (action_problem_for(&result, "programme"))
			fprintf(stderr, "waymark: add it with `waymark programme import FILE`\n");
	} else {
		printf("%s: %ld marks (%ld present, %ld absent, %ld excused) for %ld event%s",
		       path, r.marks, r.present, r.absent, r.excused, r.events_touched,
		       r.events_touched == 1 ? "" : "s");
		if (r.events_created)
			printf(", %ld of them new", r.events_created);
		char read_as[64];
		printf("%s\n", cli_read_as(r.encoding, r.encoding_named, read_as));
		if (dry_run)
			printf("dry run: nothing was changed\n");
	}
	action_result_free(&result);
	diag_free(&diags);
	buf_free(&data);
	return status;
}

const struct cli_command cli_import_commands[] = {
	{ "students", cmd_students, CMD_NEEDS_SCHOOL | CMD_WRITES, "import a roster from the MIS", students_usage,
	  NULL },
	{ "undo", cmd_undo, CMD_NEEDS_SCHOOL | CMD_WRITES, "undo a roster import of this year",
	  undo_usage, NULL },
	{ "history", cmd_history, CMD_NEEDS_SCHOOL, "the school's imports, with their ids",
	  history_usage, NULL },
	{ "register", cmd_register, CMD_NEEDS_SCHOOL | CMD_WRITES, "import an attendance register",
	  register_usage, NULL },
	{ "intentions", cmd_import_intentions, CMD_NEEDS_SCHOOL | CMD_WRITES,
	  "which pupils are considering higher education", cmd_import_intentions_usage, NULL },
	{ "guidance", cmd_import_guidance, CMD_NEEDS_SCHOOL | CMD_WRITES, "personal guidance meetings",
	  cmd_import_guidance_usage, NULL },
	{ NULL, NULL, 0, NULL, NULL, NULL },
};
