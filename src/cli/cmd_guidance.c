/* waymark guidance add | list, waymark import intentions | guidance */
#include <ctype.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/limits.h"
#include "io/guidance_csv.h"
#include "io/intentions_csv.h"
#include "io/pupil_finder.h"
#include "store/audit_store.h"
#include "store/guidance_store.h"
#include "util/file.h"
#include "util/mem.h"
#include "util/strmap.h"
#include "util/text.h"

static const char add_usage[] =
	"usage: waymark guidance add UPN --date YYYY-MM-DD --adviser NAME [--external]\n"
	"                            [--level N] [--follow-up]\n"
	"\n"
	"Records a 1:1 personal guidance meeting (Benchmark 8) with the pupil named by\n"
	"UPN or admission number, enrolled in the year of --date. --external: held by\n"
	"the external adviser rather than the careers leader. --level: the adviser's\n"
	"qualification, 1 to 8 (default 6); below Level 6 it does not count toward\n"
	"Benchmark 8. --follow-up: a further meeting for a pupil needing more help.\n";

static const char list_usage[] =
	"usage: waymark guidance list [--year 2025/26]\n"
	"\n"
	"The year's personal guidance meetings by date, ending with the split\n"
	"between the external adviser and the careers leader (the strategy plans\n"
	"two thirds and one third).\n";

const char cmd_import_intentions_usage[] =
	"usage: waymark import intentions FILE [--year 2025/26] [--dry-run] [--encoding E]\n"
	"\n"
	"Records which pupils are considering higher education in a year (default the\n"
	"current one), for Benchmark 7's university visits: a CSV with a UPN (or\n"
	"Admission Number) column and a Considering HE column (also Considering Higher\n"
	"Education, or HE) of Y/N, Yes/No, True/False or 1/0. Pupils not in the file\n"
	"keep what was recorded. A file with any error changes nothing.\n"
	"\n"
	CLI_ENCODING_USAGE;

const char cmd_import_guidance_usage[] =
	"usage: waymark import guidance FILE [--dry-run] [--encoding E]\n"
	"\n"
	"Records personal guidance meetings from a CSV with a UPN (or Admission Number)\n"
	"column, Date and Adviser, and optionally External (Y/N: the external adviser\n"
	"rather than the careers leader), Level (1-8, default 6) and Follow Up (Y/N).\n"
	"Each pupil must be enrolled in the academic year of their meeting. Meetings\n"
	"already recorded (same pupil, date and adviser) are left alone. A file with\n"
	"any error changes nothing.\n"
	"\n"
	CLI_ENCODING_USAGE;

/* The pupil enrolled in start_year with this UPN (any case) or admission
 * number, or NULL after saying so. */
static const struct roster_existing *find_pupil(const struct pupil_finder *f, const char *key)
{
	struct diag_list quiet;
	diag_init(&quiet, NULL);
	struct buf upn = BUF_INIT;
	for (const char *p = key; *p; p++)
		if (*p != ' ')
			buf_putc(&upn, (char)toupper((unsigned char)*p));
	struct pupil_ref by_upn = { 0, buf_str(&upn), NULL }, by_admission = { 0, NULL, key };
	const struct roster_existing *found = NULL;
	if (*key) {
		found = pupil_finder_find(f, &by_upn, NULL, NULL, &quiet);
		if (!found)
			found = pupil_finder_find(f, &by_admission, NULL, NULL, &quiet);
	}
	if (!found)
		cli_fail(EXIT_USER, "no pupil with UPN or admission number %s is enrolled in %s", key,
			 academic_year_format(f->start_year, (char[8]){ 0 }));
	buf_free(&upn);
	diag_free(&quiet);
	return found;
}

static const char *pupil_key(const struct roster_existing *p, const char *fallback)
{
	return p->pupil.upn ? p->pupil.upn
	       : p->pupil.admission_number ? p->pupil.admission_number : fallback;
}

static int cmd_add(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option options[] = {
		{ "date", required_argument, NULL, 'd' },
		{ "adviser", required_argument, NULL, 'a' },
		{ "external", no_argument, NULL, 'x' },
		{ "level", required_argument, NULL, 'l' },
		{ "follow-up", no_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	date_t date = DATE_NONE;
	const char *adviser = NULL;
	bool external = false, follow_up = false;
	long level = 6;
	int opt;
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (opt) {
		case 'd':
			if (!cli_parse_date(optarg, "--date", &date))
				return EXIT_USAGE;
			break;
		case 'a': adviser = optarg; break;
		case 'x': external = true; break;
		case 'l':
			if (!text_to_int(optarg, 1, 8, &level))
				return cli_usage_error(add_usage, "--level: \"%s\" is not a qualification level from 1 to 8",
						       optarg);
			break;
		case 'f': follow_up = true; break;
		default: return cli_bad_option(add_usage, argv);
		}
	}
	if (argc - optind != 1)
		return cli_usage_error(add_usage, "name one pupil by UPN or admission number");
	if (date == DATE_NONE)
		return cli_usage_error(add_usage, "--date is required");
	if (!adviser || !adviser[strspn(adviser, " \t")])
		return cli_usage_error(add_usage, "--adviser is required: who held the meeting");
	if (cli_check_text(add_usage, "--adviser", adviser, LIMIT_NAME) != EXIT_OK)
		return EXIT_USAGE;
	const char *key = argv[optind];
	struct pupil_finder finder;
	int status = EXIT_OK;
	if (pupil_finder_load(&finder, ctx->db, ctx->school.id, academic_year_of(date)) != 0)
		status = cli_fail(EXIT_USER, "cannot read the pupils: %s", db_error(ctx->db));
	const struct roster_existing *pupil = status == EXIT_OK ? find_pupil(&finder, key) : NULL;
	if (status == EXIT_OK && !pupil)
		status = EXIT_USER;
	if (status == EXIT_OK) {
		char iso[DATE_ISO_LEN], detail[256];
		long long id;
		snprintf(detail, sizeof detail, "%s with %s (%s, Level %ld%s)",
			 date_format_iso(date, iso), adviser,
			 external ? "external adviser" : "careers leader", level,
			 follow_up ? ", follow-up" : "");
		if (db_begin(ctx->db) != 0 ||
		    guidance_store_add(ctx->db, pupil->pupil.id, date, adviser, 0, external, (int)level,
				       follow_up, NULL, &id) != 0 ||
		    audit_record(ctx->db, ctx->school.id, ctx->actor, "guidance.add", "student",
				 pupil_key(pupil, key), detail) != 0 ||
		    db_commit(ctx->db) != 0) {
			db_rollback(ctx->db);
			status = cli_fail(EXIT_USER, "cannot record the meeting: %s", db_error(ctx->db));
		} else {
			printf("%s: guidance meeting on %s\n", pupil_key(pupil, key), detail);
			if (level < 6)
				cli_warn("a meeting with an adviser below Level 6 does not count toward Benchmark 8");
		}
	}
	pupil_finder_free(&finder);
	return status;
}

static int whole_percent(long part, long whole)
{
	return whole > 0 ? (int)((part * 200 / whole + 1) / 2) : 0;
}

/* text, then spaces to width characters (at least one). */
static void pad(struct buf *out, const char *text, size_t width)
{
	size_t w = text_width(text);
	buf_printf(out, "%s%*s", text, (int)(w < width ? width - w : 1), "");
}

static int cmd_list(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option options[] = {
		{ "year", required_argument, NULL, 'y' },
		{ NULL, 0, NULL, 0 },
	};
	const char *year_arg = NULL;
	int opt, year;
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		if (opt != 'y')
			return cli_bad_option(list_usage, argv);
		year_arg = optarg;
	}
	if (optind < argc)
		return cli_usage_error(list_usage, "unexpected argument %s", argv[optind]);
	if (!cli_parse_year(year_arg, &year))
		return EXIT_USAGE;
	struct guidance_info *meetings;
	long n = guidance_store_list(ctx->db, ctx->school.id, year, &meetings);
	if (n < 0)
		return cli_fail(EXIT_USER, "cannot list the meetings: %s", db_error(ctx->db));
	char label[8], iso[DATE_ISO_LEN];
	academic_year_format(year, label);
	struct buf out = BUF_INIT;
	if (n == 0) {
		buf_printf(&out, "no personal guidance meetings in %s\n", label);
	} else {
		buf_printf(&out, "%-10s %-4s %-6s %-36s %-24s %-16s %-5s %s\n", "date", "year", "tutor",
			   "pupil", "adviser", "by", "level", "follow-up");
		long external = 0, below_level_6 = 0, follow_ups = 0;
		for (long i = 0; i < n; i++) {
			const struct guidance_info *g = &meetings[i];
			char pupil[PUPIL_NAME_BYTES + 32], year_group[8] = "-";
			snprintf(pupil, sizeof pupil, "%s (%s)", g->name, g->upn[0] ? g->upn : "no UPN");
			if (g->year_group)
				snprintf(year_group, sizeof year_group, "%d", g->year_group % 100);
			buf_printf(&out, "%-10s %-4s %-6s ", date_format_iso(g->date, iso), year_group,
				   g->tutor_group);
			pad(&out, pupil, 37);
			pad(&out, g->adviser, 25);
			buf_printf(&out, "%-16s %d%s\n", g->external ? "external adviser" : "careers leader",
				   g->level, g->follow_up ? "     yes" : "");
			external += g->external;
			below_level_6 += g->level < 6;
			follow_ups += g->follow_up;
		}
		buf_putc(&out, '\n');
		if (follow_ups)
			buf_printf(&out, "%ld follow-up meeting%s for pupils needing more help\n", follow_ups,
				   follow_ups == 1 ? "" : "s");
		if (below_level_6)
			buf_printf(&out, "%ld meeting%s below Level 6 do%s not count toward Benchmark 8\n",
				   below_level_6, below_level_6 == 1 ? "" : "s",
				   below_level_6 == 1 ? "es" : "");
		/* Last: the split the strategy plans. */
		buf_printf(&out, "%ld meeting%s in %s: external %d%% (two thirds planned), careers leader %d%% (one third planned)\n",
			   n, n == 1 ? "" : "s", label, whole_percent(external, n),
			   100 - whole_percent(external, n));
	}
	int status = cli_write_output(NULL, buf_str(&out), out.len);
	buf_free(&out);
	free(meetings);
	return status;
}

const struct cli_command cli_guidance_commands[] = {
	{ "add", cmd_add, CMD_NEEDS_SCHOOL | CMD_WRITES, "record a personal guidance meeting", add_usage, NULL },
	{ "list", cmd_list, CMD_NEEDS_SCHOOL, "the year's meetings and who held them", list_usage,
	  NULL },
	{ NULL, NULL, 0, NULL, NULL, NULL },
};

/* ---- imports ---- */

static int read_file(const char *path, struct buf *data)
{
	struct buf err = BUF_INIT;
	int status = EXIT_OK;
	if (!file_read_all(path, 256u * 1024 * 1024, data, &err))
		status = cli_fail(EXIT_USER, "%s", buf_str(&err));
	buf_free(&err);
	return status;
}

/* Prints the problems in line order (the file's, then its pupils'); with
 * errors, the closing line and EXIT_USER. */
static int report_problems(const char *path, struct diag_list *diags)
{
	for (size_t i = 1; i < diags->count; i++) {
		struct diag x = diags->items[i];
		size_t j = i;
		for (; j > 0 && diags->items[j - 1].line > x.line; j--)
			diags->items[j] = diags->items[j - 1];
		diags->items[j] = x;
	}
	if (cli_report_diags(diags) == EXIT_OK)
		return EXIT_OK;
	fprintf(stderr, "%s: %zu error%s: nothing was imported\n", path, diags->errors,
		diags->errors == 1 ? "" : "s");
	return EXIT_USER;
}

int cmd_import_intentions(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option options[] = {
		{ "year", required_argument, NULL, 'y' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "encoding", required_argument, NULL, 'E' },
		{ NULL, 0, NULL, 0 },
	};
	const char *year_arg = NULL;
	bool dry_run = false;
	enum csv_encoding_choice encoding = CSV_DETECT;
	int opt, year;
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (opt) {
		case 'y': year_arg = optarg; break;
		case 'n': dry_run = true; break;
		case 'E':
			if (!cli_parse_encoding(optarg, &encoding))
				return EXIT_USAGE;
			break;
		default: return cli_bad_option(cmd_import_intentions_usage, argv);
		}
	}
	if (argc - optind != 1)
		return cli_usage_error(cmd_import_intentions_usage, "name one intentions file");
	if (!cli_parse_year(year_arg, &year))
		return EXIT_USAGE;
	const char *path = argv[optind];
	struct buf data = BUF_INIT;
	int status = read_file(path, &data);
	if (status != EXIT_OK) {
		buf_free(&data);
		return status;
	}
	struct diag_list diags;
	diag_init(&diags, path);
	struct intentions_file file;
	struct pupil_finder finder;
	long long *students = NULL;
	/* Rows with problems are left out; the others' pupils are looked for
	 * too, so that every problem is reported at once. */
	intentions_csv_read(data.data, data.len, encoding, &file, &diags);
	bool read = file.he_column != NULL;
	bool loaded = read;
	if (loaded && pupil_finder_load(&finder, ctx->db, ctx->school.id, year) != 0) {
		status = cli_fail(EXIT_USER, "cannot read the pupils: %s", db_error(ctx->db));
		read = false;
	}
	long considering = 0;
	if (read) {
		/* Each pupil once, however the file names them. */
		struct strmap seen = STRMAP_INIT;
		students = xcalloc(file.count + 1, sizeof *students);
		for (size_t i = 0; i < file.count; i++) {
			const struct pupil_ref *ref = &file.rows[i].pupil;
			const struct roster_existing *p = pupil_finder_find(
				&finder, ref, file.upn_column, file.admission_column, &diags);
			considering += file.rows[i].considering_he;
			if (!p)
				continue;
			students[i] = p->pupil.id;
			char key[24];
			size_t earlier;
			snprintf(key, sizeof key, "%lld", p->pupil.id);
			if (strmap_get(&seen, key, &earlier))
				diag_add(&diags, DIAG_ERROR, ref->line, 0,
					 ref->upn ? file.upn_column : file.admission_column,
					 "%s is also on line %zu: each pupil once",
					 pupil_key(p, ref->upn ? ref->upn : ref->admission_number), earlier);
			else
				strmap_put(&seen, key, (size_t)ref->line);
		}
		strmap_free(&seen);
	}
	if (status == EXIT_OK)
		status = report_problems(path, &diags);
	char label[8];
	academic_year_format(year, label);
	if (status == EXIT_OK) {
		char detail[128];
		snprintf(detail, sizeof detail, "%s: %zu pupils, %ld considering higher education", label,
			 file.count, considering);
		char read_as[64];
		printf("%s: %zu pupils for %s: %ld considering higher education, %ld not%s\n", path,
		       file.count, label, considering, (long)file.count - considering,
		       cli_read_as(file.encoding, file.encoding_named, read_as));
		if (dry_run) {
			printf("dry run: nothing was changed\n");
		} else {
			bool ok = db_begin(ctx->db) == 0;
			for (size_t i = 0; ok && i < file.count; i++)
				ok = intention_store_set(ctx->db, students[i], year,
							 file.rows[i].considering_he) == 0;
			if (!ok || audit_record(ctx->db, ctx->school.id, ctx->actor, "import.intentions",
						"intentions", path, detail) != 0 ||
			    db_commit(ctx->db) != 0) {
				db_rollback(ctx->db);
				status = cli_fail(EXIT_USER, "cannot import %s: %s", path, db_error(ctx->db));
			}
		}
	}
	free(students);
	if (loaded)
		pupil_finder_free(&finder);
	intentions_file_free(&file);
	diag_free(&diags);
	buf_free(&data);
	return status;
}

/* The pupils of every academic year a guidance file's meetings fall in. */
struct finders {
	struct pupil_finder *items;
	size_t count;
};

static struct pupil_finder *finder_for(struct cli_ctx *ctx, struct finders *f, int year)
{
	for (size_t i = 0; i < f->count; i++)
		if (f->items[i].start_year == year)
			return &f->items[i];
	f->items = xreallocarray(f->items, f->count + 1, sizeof *f->items);
	struct pupil_finder *x = &f->items[f->count++];
	if (pupil_finder_load(x, ctx->db, ctx->school.id, year) != 0)
		return NULL;
	return x;
}

int cmd_import_guidance(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option options[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ "encoding", required_argument, NULL, 'E' },
		{ NULL, 0, NULL, 0 },
	};
	bool dry_run = false;
	enum csv_encoding_choice encoding = CSV_DETECT;
	int opt;
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (opt) {
		case 'n': dry_run = true; break;
		case 'E':
			if (!cli_parse_encoding(optarg, &encoding))
				return EXIT_USAGE;
			break;
		default: return cli_bad_option(cmd_import_guidance_usage, argv);
		}
	}
	if (argc - optind != 1)
		return cli_usage_error(cmd_import_guidance_usage, "name one guidance file");
	const char *path = argv[optind];
	struct buf data = BUF_INIT;
	int status = read_file(path, &data);
	if (status != EXIT_OK) {
		buf_free(&data);
		return status;
	}
	struct diag_list diags;
	diag_init(&diags, path);
	struct guidance_file file;
	struct finders finders = { 0 };
	long long *students = NULL;
	guidance_csv_read(data.data, data.len, encoding, &file, &diags);
	{
		students = xcalloc(file.count + 1, sizeof *students);
		for (size_t i = 0; i < file.count && status == EXIT_OK; i++) {
			const struct guidance_row *g = &file.rows[i];
			struct pupil_finder *f = finder_for(ctx, &finders, academic_year_of(g->date));
			if (!f) {
				status = cli_fail(EXIT_USER, "cannot read the pupils: %s", db_error(ctx->db));
				break;
			}
			const struct roster_existing *p = pupil_finder_find(
				f, &g->pupil, file.upn_column, file.admission_column, &diags);
			students[i] = p ? p->pupil.id : 0;
		}
	}
	if (status == EXIT_OK)
		status = report_problems(path, &diags);
	if (status == EXIT_OK) {
		long added = 0, existing = 0, external = 0;
		bool ok = db_begin(ctx->db) == 0;
		for (size_t i = 0; ok && i < file.count; i++) {
			const struct guidance_row *g = &file.rows[i];
			long long id;
			int found = guidance_store_find(ctx->db, students[i], g->date, g->adviser, &id);
			if (found == 1) {
				existing++;
				continue;
			}
			ok = found == 0 && guidance_store_add(ctx->db, students[i], g->date, g->adviser, 0,
							      g->external, g->level, g->follow_up,
							      NULL, &id) == 0;
			added++;
			external += g->external;
		}
		char detail[96];
		snprintf(detail, sizeof detail, "%ld meetings added, %ld already there", added, existing);
		if (!ok || audit_record(ctx->db, ctx->school.id, ctx->actor, "import.guidance",
					"guidance", path, detail) != 0) {
			db_rollback(ctx->db);
			status = cli_fail(EXIT_USER, "cannot import %s: %s", path, db_error(ctx->db));
		} else if (dry_run) {
			db_rollback(ctx->db);
		} else if (db_commit(ctx->db) != 0) {
			db_rollback(ctx->db);
			status = cli_fail(EXIT_USER, "cannot import %s: %s", path, db_error(ctx->db));
		}
		if (status == EXIT_OK) {
			char read_as[64];
			printf("%s: %ld meetings added (%ld by the external adviser), %ld already there%s\n",
			       path, added, external, existing,
			       cli_read_as(file.encoding, file.encoding_named, read_as));
			if (dry_run)
				printf("dry run: nothing was changed\n");
		}
	}
	for (size_t i = 0; i < finders.count; i++)
		pupil_finder_free(&finders.items[i]);
	free(finders.items);
	free(students);
	guidance_file_free(&file);
	diag_free(&diags);
	buf_free(&data);
	return status;
}
