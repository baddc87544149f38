/* waymark import students | register */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "io/register_import.h"
#include "io/roster_csv.h"
#include "store/audit_store.h"
#include "store/programme_store.h"
#include "store/student_store.h"
#include "util/file.h"
#include "util/progress.h"

/* Big enough for a trust's million-row register; bounds a wrong argument. */
enum { MAX_IMPORT_BYTES = 1024u * 1024u * 1024u };
/* Show a progress bar from this many lines on. */
enum { PROGRESS_LINES = 20000 };

static const char students_usage[] =
	"usage: waymark import students FILE [--year 2025/26] [--as-of YYYY-MM-DD]\n"
	"                               [--dry-run] [--partial] [--encoding E]\n"
	"\n"
	"Imports a roster exported from the MIS (SIMS, Arbor, Bromcom, iSAMS, Wonde...).\n"
	"Columns are found by name; UPNs, ULNs and values are checked and every problem\n"
	"is listed as FILE:LINE: column NAME: message. A file with any error changes\n"
	"nothing. Pupils are matched by UPN, former UPN or admission number. A full\n"
	"roster marks pupils missing from it as left (on roll until the day before\n"
	"--as-of, default today); --partial adds and updates only. The first roster of\n"
	"a new academic year is a rollover: promoted, joined and left are reported.\n"
	"\n"
	"  --year Y      the academic year the roster is for (default: that of --as-of)\n"
	"  --as-of DATE  the date of the export (default today)\n"
	"  --dry-run     report what would change, change nothing\n"
	"  --partial     the file is not the whole school: nobody is marked as left\n"
	CLI_ENCODING_USAGE;

static const char register_usage[] =
	"usage: waymark import register [--event ID] FILE [--dry-run] [--encoding E]\n"
	"\n"
	"Imports a register: pupils (UPN, admission number, or Surname, Forename and\n"
	"Tutor Group) and an attendance column (Attendance, Attended, Mark, Present or\n"
	"Status: Present/Absent/Excused or P/A/E, Late, Y/N, 1/0, a tick; blank is\n"
	"absent). With --event the whole file is that event's register; without it\n"
	"the file needs Activity and Date columns, and events that do not exist yet\n"
	"are created. Each event's marks are replaced by the file's. A file with any\n"
	"error changes nothing.\n"
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

static int cmd_students(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option options[] = {
		{ "year", required_argument, NULL, 'y' },
		{ "as-of", required_argument, NULL, 'a' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "partial", no_argument, NULL, 'p' },
		{ "encoding", required_argument, NULL, 'E' },
		{ NULL, 0, NULL, 0 },
	};
	enum csv_encoding_choice encoding = CSV_DETECT;
	const char *year_arg = NULL;
	date_t as_of = cli_today();
	bool dry_run = false, partial = false;
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
		case 'E':
			if (!cli_parse_encoding(optarg, &encoding))
				return EXIT_USAGE;
			break;
		default: return cli_bad_option(students_usage, argv);
		}
	}
	if (argc - optind != 1)
		return cli_usage_error(students_usage, "name one roster file");
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
	struct diag_list diags;
	diag_init(&diags, path);
	struct roster_file roster;
	struct progress progress;
	progress_start(&progress, "reading", count_lines(&data), PROGRESS_LINES);
	bool ok = roster_csv_read(data.data, data.len, encoding, &roster, &diags, &progress);
	progress_end(&progress);

	struct roster_existing_list held = { 0 };
	struct roster_plan plan = { 0 };
	bool in_transaction = false;
	if (ok) {
		if (db_begin(ctx->db) != 0 ||
		    student_store_load_existing(ctx->db, ctx->school.id, year, &held) != 0) {
			status = cli_fail(EXIT_USER, "cannot read the pupils: %s", db_error(ctx->db));
			ok = false;
		} else {
			in_transaction = true;
			ok = roster_plan_build(roster.records, roster.count, roster.fields, held.items,
					       held.count, year, as_of, partial, &plan, &diags);
		}
	}
	if (cli_report_diags(&diags) != EXIT_OK || !ok) {
		if (status == EXIT_OK)
			fprintf(stderr, "%s: %zu error%s: nothing was imported\n", path, diags.errors,
				diags.errors == 1 ? "" : "s");
		status = EXIT_USER;
	}
	char label[8];
	academic_year_format(year, label);
	if (status == EXIT_OK) {
		char read_as[64];
		printf("%s: %zu pupils for %s: %d new, %d updated, %d left, %d unchanged%s\n", path,
		       roster.count, label, plan.added, plan.updated, plan.left, plan.unchanged,
		       cli_read_as(roster.encoding, roster.encoding_named, read_as));
		if (plan.rollover)
			printf("rollover from %s: %d promoted, %d joined, %d left, %d kept in their year group\n",
			       academic_year_format(year - 1, (char[8]){ 0 }), plan.promoted,
			       plan.joined, plan.left, plan.kept_back);
		if (roster.skipped)
			printf("%ld rows outside Years 7-13 skipped\n", roster.skipped);
		if (dry_run) {
			printf("dry run: nothing was changed\n");
		} else {
			char sha[65], detail[160];
			file_sha256_hex(data.data, data.len, sha);
			snprintf(detail, sizeof detail, "%s: %d new, %d updated, %d left, %d unchanged",
				 label, plan.added, plan.updated, plan.left, plan.unchanged);
			struct import_summary summary = {
				"students", path, sha, year, (long)roster.count, plan.added,
				plan.updated, plan.left, plan.unchanged, ctx->actor,
			};
			if (student_store_apply_plan(ctx->db, ctx->school.id, &plan) != 0 ||
			    import_record_add(ctx->db, ctx->school.id, &summary) != 0 ||
			    audit_record(ctx->db, ctx->school.id, ctx->actor, "import.students",
					 "roster", path, detail) != 0 ||
			    db_commit(ctx->db) != 0)
				status = cli_fail(EXIT_USER, "cannot import %s: %s", path,
						  db_error(ctx->db));
			else
				in_transaction = false;
		}
	}
	if (in_transaction)
		db_rollback(ctx->db);
	roster_plan_free(&plan);
	roster_existing_list_free(&held);
	roster_file_free(&roster);
	diag_free(&diags);
	buf_free(&data);
	return status;
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
	struct programme prog;
	if (programme_store_load(ctx->db, ctx->school.id, &prog) != 1) {
		programme_free(&prog);
		buf_free(&data);
		return cli_fail(EXIT_USER, "school %s has no programme: run `waymark programme import FILE`",
				ctx->school.slug);
	}
	struct diag_list diags;
	diag_init(&diags, path);
	struct register_import_result r;
	struct progress progress;
	bool ok = db_begin(ctx->db) == 0;
	if (ok) {
		progress_start(&progress, "importing", count_lines(&data), PROGRESS_LINES);
		ok = register_import(ctx->db, ctx->school.id, &prog, event_id, data.data, data.len,
				     encoding, &r,
				     &diags, &progress);
		progress_end(&progress);
	} else {
		diag_error(&diags, 0, 0, "cannot start the import: %s", db_error(ctx->db));
	}
	cli_report_diags(&diags);
	if (!ok) {
		fprintf(stderr, "%s: %zu error%s: nothing was imported\n", path, diags.errors,
			diags.errors == 1 ? "" : "s");
		status = EXIT_USER;
	} else {
		printf("%s: %ld marks (%ld present, %ld absent, %ld excused) for %ld event%s",
		       path, r.marks, r.present, r.absent, r.excused, r.events_touched,
		       r.events_touched == 1 ? "" : "s");
		if (r.events_created)
			printf(", %ld of them new", r.events_created);
		char read_as[64];
		printf("%s\n", cli_read_as(r.encoding, r.encoding_named, read_as));
		if (dry_run) {
			printf("dry run: nothing was changed\n");
		} else {
			char sha[65], detail[160];
			file_sha256_hex(data.data, data.len, sha);
			snprintf(detail, sizeof detail, "%ld marks for %ld events", r.marks,
				 r.events_touched);
			struct import_summary summary = { "register", path, sha, 0, r.rows, r.marks,
							  0, 0, 0, ctx->actor };
			if (import_record_add(ctx->db, ctx->school.id, &summary) != 0 ||
			    audit_record(ctx->db, ctx->school.id, ctx->actor, "import.register",
					 "register", path, detail) != 0 ||
			    db_commit(ctx->db) != 0) {
				status = cli_fail(EXIT_USER, "cannot import %s: %s", path,
						  db_error(ctx->db));
				ok = false;
			}
		}
	}
	if (!ok || dry_run)
		db_rollback(ctx->db);
	diag_free(&diags);
	programme_free(&prog);
	buf_free(&data);
	return status;
}

const struct cli_command cli_import_commands[] = {
	{ "students", cmd_students, CMD_NEEDS_SCHOOL | CMD_WRITES, "import a roster from the MIS", students_usage,
	  NULL },
	{ "register", cmd_register, CMD_NEEDS_SCHOOL | CMD_WRITES, "import an attendance register",
	  register_usage, NULL },
	{ "intentions", cmd_import_intentions, CMD_NEEDS_SCHOOL | CMD_WRITES,
	  "which pupils are considering higher education", cmd_import_intentions_usage, NULL },
	{ "guidance", cmd_import_guidance, CMD_NEEDS_SCHOOL | CMD_WRITES, "personal guidance meetings",
	  cmd_import_guidance_usage, NULL },
	{ NULL, NULL, 0, NULL, NULL, NULL },
};
