/* waymark guidance add | change | delete | list, waymark import intentions | guidance */
#include <ctype.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "action/guidance_action.h"
#include "cli/cli.h"
#include "domain/limits.h"
#include "io/guidance_csv.h"
#include "io/intentions_csv.h"
#include "io/pupil_finder.h"
#include "store/audit_store.h"
#include "store/guidance_store.h"
#include "store/user_store.h"
#include "util/file.h"
#include "util/mem.h"
#include "util/strmap.h"
#include "util/text.h"

static const char add_usage[] =
	"usage: waymark guidance add UPN --date YYYY-MM-DD --adviser NAME [--external]\n"
	"                            [--adviser-organisation TEXT] [--level N] [--follow-up]\n"
	"                            [--notes TEXT] [--actions TEXT] [--next-meeting DATE]\n"
	"\n"
	"Records a 1:1 personal guidance meeting (Benchmark 8) with the pupil named by\n"
	"UPN or admission number, enrolled in the year of --date, which is not after\n"
	"today. --adviser: who held it; a staff account of that name or login makes\n"
	"it theirs (they read its notes). --external: held by an external careers\n"
	"adviser rather than the careers leader; --adviser-organisation: who they\n"
	"work for. --level: the adviser's qualification, 1 to 8 (default 6); below\n"
	"Level 6 it does not count toward Benchmark 8. --follow-up: a further meeting\n"
	"for a pupil needing more help. --notes: what was discussed (read only by the\n"
	"careers leader and the meeting's adviser); --actions: what was agreed;\n"
	"--next-meeting: when the next meeting is, after this one.\n";

static const char change_usage[] =
	"usage: waymark guidance change ID [--date YYYY-MM-DD] [--adviser NAME]\n"
	"                               [--external | --no-external]\n"
	"                               [--adviser-organisation TEXT] [--level N]\n"
	"                               [--follow-up | --no-follow-up] [--notes TEXT]\n"
	"                               [--actions TEXT] [--next-meeting DATE|none]\n"
	"\n"
	"Changes guidance meeting ID (`waymark guidance list` shows the ids): what is\n"
	"not given stays as it was. An empty TEXT clears it; --next-meeting none says\n"
	"there is no next meeting.\n";

static const char delete_usage[] =
	"usage: waymark guidance delete ID\n"
	"\n"
	"Deletes guidance meeting ID (`waymark guidance list` shows the ids), its\n"
	"notes and agreed actions.\n";

static const char list_usage[] =
	"usage: waymark guidance list [--year 2025/26]\n"
	"\n"
	"The year's personal guidance meetings by date with their ids, an external\n"
	"adviser's organisation and the next meeting's date, ending with the split\n"
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

/* How the command line names the parts of a guidance request. */
static const struct cli_field guidance_fields[] = {
	{ "date", "--date", NULL },
	{ "adviser", "--adviser", NULL },
	{ "adviser_name", "--adviser", NULL },
	{ "adviser_organisation", "--adviser-organisation", NULL },
	{ "level", "--level", NULL },
	{ "notes", "--notes", NULL },
	{ "agreed_actions", "--actions", NULL },
	{ "next_meeting", "--next-meeting", NULL },
	{ NULL, NULL, NULL },
};

/* The adviser named on the command line as the request has them: the
 * school's staff account of that name (any case) or login, when there is
 * one, else the name. 0, or -1 after saying why. */
static int set_adviser(struct cli_ctx *ctx, const char *name, struct guidance_request *rq)
{
	struct user *users;
	long n = user_store_list(ctx->db, ctx->school.id, &users);
	if (n < 0)
		return cli_fail(EXIT_USER, "cannot read the staff accounts: %s", db_error(ctx->db)), -1;
	rq->adviser_user_id = 0;
	rq->adviser_name = name;
	for (long i = 0; i < n; i++)
		if (!users[i].disabled && (strcasecmp(users[i].display_name, name) == 0 ||
					   strcmp(users[i].login, name) == 0)) {
			rq->adviser_user_id = users[i].id;
			break;
		}
	free(users);
	return 0;
}

enum {
	OPT_DATE = 'd', OPT_ADVISER = 'a', OPT_EXTERNAL = 'x', OPT_LEVEL = 'l',
	OPT_FOLLOW_UP = 'f', OPT_NOTES = 'N', OPT_ACTIONS = 'A', OPT_NEXT = 'X',
	OPT_ORGANISATION = 'O', OPT_NO_EXTERNAL = 'e', OPT_NO_FOLLOW_UP = 'F',
};

static const struct option meeting_options[] = {
	{ "date", required_argument, NULL, OPT_DATE },
	{ "adviser", required_argument, NULL, OPT_ADVISER },
	{ "external", no_argument, NULL, OPT_EXTERNAL },
	{ "level", required_argument, NULL, OPT_LEVEL },
	{ "follow-up", no_argument, NULL, OPT_FOLLOW_UP },
	{ "notes", required_argument, NULL, OPT_NOTES },
	{ "actions", required_argument, NULL, OPT_ACTIONS },
	{ "next-meeting", required_argument, NULL, OPT_NEXT },
	{ "adviser-organisation", required_argument, NULL, OPT_ORGANISATION },
	{ "no-external", no_argument, NULL, OPT_NO_EXTERNAL },
	{ "no-follow-up", no_argument, NULL, OPT_NO_FOLLOW_UP },
	{ NULL, 0, NULL, 0 },
};

/* What the options of add and change said. */
struct meeting_options {
	date_t date;
	const char *adviser;
	int external;            /* -1 not given */
	int follow_up;           /* -1 not given */
	long level;              /* 0 not given */
	const char *notes, *actions, *organisation;
	bool next_given;
	date_t next_meeting;
};

/* Parses the options; EXIT_OK or a usage error. change allows the
 * negative options and --next-meeting none. */
static int parse_meeting_options(int argc, char **argv, const char *usage, bool change,
				 struct meeting_options *o)
{
	*o = (struct meeting_options){ .date = DATE_NONE, .external = -1, .follow_up = -1,
				       .next_meeting = DATE_NONE };
	int opt;
	while ((opt = getopt_long(argc, argv, "", meeting_options, NULL)) != -1) {
		switch (opt) {
		case OPT_DATE:
			if (!cli_parse_date(optarg, "--date", &o->date))
				return EXIT_USAGE;
			break;
		case OPT_ADVISER: o->adviser = optarg; break;
		case OPT_EXTERNAL: o->external = 1; break;
		case OPT_LEVEL:
			if (!text_to_int(optarg, 1, 8, &o->level))
				return cli_usage_error(usage, "--level: \"%s\" is not a qualification level from 1 to 8",
						       optarg);
			break;
		case OPT_FOLLOW_UP: o->follow_up = 1; break;
		case OPT_NOTES: o->notes = optarg; break;
		case OPT_ACTIONS: o->actions = optarg; break;
		case OPT_ORGANISATION: o->organisation = optarg; break;
		case OPT_NEXT:
			o->next_given = true;
			if (change && strcmp(optarg, "none") == 0)
				o->next_meeting = DATE_NONE;
			else if (!cli_parse_date(optarg, "--next-meeting", &o->next_meeting))
				return EXIT_USAGE;
			break;
		case OPT_NO_EXTERNAL:
		case OPT_NO_FOLLOW_UP:
			if (!change)
				return cli_bad_option(usage, argv);
			if (opt == OPT_NO_EXTERNAL)
				o->external = 0;
			else
				o->follow_up = 0;
			break;
		default: return cli_bad_option(usage, argv);
		}
	}
	if (o->adviser && !o->adviser[strspn(o->adviser, " \t")])
		return cli_usage_error(usage, "--adviser is required: who held the meeting");
	if (cli_check_text(usage, "--adviser", o->adviser, LIMIT_NAME) != EXIT_OK ||
	    cli_check_text(usage, "--adviser-organisation", o->organisation, LIMIT_TITLE) != EXIT_OK)
		return EXIT_USAGE;
	return EXIT_OK;
}

/* "2025-10-01 with Jo Okafor of Careers Co (external adviser, Level 6)" */
static void describe(const struct guidance_request *rq, const char *adviser, char *out,
		     size_t size)
{
	char iso[DATE_ISO_LEN], next[DATE_ISO_LEN + 24] = "";
	if (rq->next_meeting != DATE_NONE)
		snprintf(next, sizeof next, ", next meeting %s",
			 date_format_iso(rq->next_meeting, (char[DATE_ISO_LEN]){ 0 }));
	bool org = rq->adviser_organisation && *rq->adviser_organisation;
	snprintf(out, size, "%s with %s%s%s (%s, Level %d%s%s)", date_format_iso(rq->date, iso),
		 adviser, org ? " of " : "", org ? rq->adviser_organisation : "",
		 rq->external ? "external adviser" : "careers leader", rq->level,
		 rq->follow_up ? ", follow-up" : "", next);
	text_drop_partial(out);
}

static int cmd_add(struct cli_ctx *ctx, int argc, char **argv)
{
	struct meeting_options o;
	int status = parse_meeting_options(argc, argv, add_usage, false, &o);
	if (status != EXIT_OK)
		return status;
	if (argc - optind != 1)
		return cli_usage_error(add_usage, "name one pupil by UPN or admission number");
	if (o.date == DATE_NONE)
		return cli_usage_error(add_usage, "--date is required");
	if (!o.adviser)
		return cli_usage_error(add_usage, "--adviser is required: who held the meeting");
	const char *key = argv[optind];
	struct pupil_finder finder;
	if (pupil_finder_load(&finder, ctx->db, ctx->school.id, academic_year_of(o.date)) != 0)
		return cli_fail(EXIT_USER, "cannot read the pupils: %s", db_error(ctx->db));
	const struct roster_existing *pupil = find_pupil(&finder, key);
	struct guidance_request rq = {
		.date = o.date, .external = o.external == 1, .level = o.level ? (int)o.level : 6,
		.follow_up = o.follow_up == 1, .notes = o.notes, .agreed_actions = o.actions,
		.adviser_organisation = o.organisation, .next_meeting = o.next_meeting,
	};
	if (!pupil || set_adviser(ctx, o.adviser, &rq) != 0) {
		pupil_finder_free(&finder);
		return EXIT_USER;
	}
	rq.student_id = pupil->pupil.id;
	struct principal who = cli_principal(ctx);
	struct action_ctx actx = cli_action_ctx(ctx, &who);
	struct action_result r;
	action_result_init(&r);
	guidance_record(&actx, &rq, &r);
	status = cli_action_status(&r, guidance_fields);
	if (status == EXIT_OK) {
		char detail[LIMIT_BYTES(LIMIT_NAME) + LIMIT_BYTES(LIMIT_TITLE) + 128];
		describe(&rq, o.adviser, detail, sizeof detail);
		printf("%s: guidance meeting on %s\n", pupil_key(pupil, key), detail);
		if (rq.level < 6)
			cli_warn("a meeting with an adviser below Level 6 does not count toward Benchmark 8");
	}
	action_result_free(&r);
	pupil_finder_free(&finder);
	return status;
}

/* The meeting ID names, read into *m; EXIT_OK or after saying why. */
static int meeting_argument(struct cli_ctx *ctx, const char *usage, int argc, char **argv,
			    struct guidance_meeting *m)
{
	long id;
	if (argc - optind != 1)
		return cli_usage_error(usage, "name one meeting by its id");
	if (!text_to_int(argv[optind], 1, LONG_MAX, &id))
		return cli_usage_error(usage, "\"%s\" is not a meeting id", argv[optind]);
	int found = guidance_store_get(ctx->db, ctx->school.id, id, m);
	if (found < 0)
		return cli_fail(EXIT_USER, "cannot read the meeting: %s", db_error(ctx->db));
	if (found == 0)
		return cli_fail(EXIT_USER, "no guidance meeting %ld: `waymark guidance list` shows the ids", id);
	return EXIT_OK;
}

static int cmd_change(struct cli_ctx *ctx, int argc, char **argv)
{
	struct meeting_options o;
	int status = parse_meeting_options(argc, argv, change_usage, true, &o);
	struct guidance_meeting m;
	if (status != EXIT_OK || (status = meeting_argument(ctx, change_usage, argc, argv, &m)) != EXIT_OK)
		return status;
	struct guidance_request rq = {
		.date = o.date != DATE_NONE ? o.date : m.date,
		.adviser_user_id = m.adviser_user_id, .adviser_name = m.adviser_recorded,
		.external = o.external >= 0 ? o.external == 1 : m.external,
		.adviser_organisation = o.organisation ? o.organisation : m.adviser_organisation,
		.level = o.level ? (int)o.level : m.level,
		.follow_up = o.follow_up >= 0 ? o.follow_up == 1 : m.follow_up,
		.notes = o.notes ? o.notes : m.notes,
		.agreed_actions = o.actions ? o.actions : m.agreed_actions,
		.next_meeting = o.next_given ? o.next_meeting : m.next_meeting,
	};
	/* No longer external: no organisation, unless one is given. */
	if (o.external == 0 && !o.organisation)
		rq.adviser_organisation = NULL;
	if (o.adviser && set_adviser(ctx, o.adviser, &rq) != 0) {
		guidance_meeting_clear(&m);
		return EXIT_USER;
	}
	struct principal who = cli_principal(ctx);
	struct action_ctx actx = cli_action_ctx(ctx, &who);
	struct action_result r;
	action_result_init(&r);
	guidance_change(&actx, m.id, &rq, &r);
	status = cli_action_status(&r, guidance_fields);
	if (status == EXIT_OK)
		printf("guidance meeting %lld changed\n", m.id);
	action_result_free(&r);
	guidance_meeting_clear(&m);
	return status;
}

static int cmd_delete(struct cli_ctx *ctx, int argc, char **argv)
{
	int opt;
	while ((opt = getopt_long(argc, argv, "", (const struct option[]){ { NULL, 0, NULL, 0 } },
				  NULL)) != -1)
		return cli_bad_option(delete_usage, argv);
	struct guidance_meeting m;
	int status = meeting_argument(ctx, delete_usage, argc, argv, &m);
	if (status != EXIT_OK)
		return status;
	struct principal who = cli_principal(ctx);
	struct action_ctx actx = cli_action_ctx(ctx, &who);
	struct action_result r;
	action_result_init(&r);
	guidance_delete(&actx, m.id, &r);
	status = cli_action_status(&r, guidance_fields);
	if (status == EXIT_OK)
		printf("guidance meeting %lld deleted\n", m.id);
	action_result_free(&r);
	guidance_meeting_clear(&m);
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
		buf_printf(&out, "%-5s %-10s %-4s %-6s %-36s %-24s %-16s %-5s %s\n", "id", "date", "year",
			   "tutor", "pupil", "adviser", "by", "level", "follow-up");
		long external = 0, below_level_6 = 0, follow_ups = 0;
		for (long i = 0; i < n; i++) {
			const struct guidance_info *g = &meetings[i];
			char pupil[PUPIL_NAME_BYTES + 32], year_group[8] = "-";
			snprintf(pupil, sizeof pupil, "%s (%s)", g->name, g->upn[0] ? g->upn : "no UPN");
			if (g->year_group)
				snprintf(year_group, sizeof year_group, "%d", g->year_group % 100);
			buf_printf(&out, "%-5lld %-10s %-4s %-6s ", g->id, date_format_iso(g->date, iso),
				   year_group, g->tutor_group);
			pad(&out, pupil, 37);
			pad(&out, g->adviser, 25);
			buf_printf(&out, "%-16s %d%s\n", g->external ? "external adviser" : "careers leader",
				   g->level, g->follow_up ? "     yes" : "");
			/* What the columns cannot hold, on a line of its own. */
			if (*g->adviser_organisation || g->next_meeting != DATE_NONE ||
			    g->has_agreed_actions) {
				const char *sep = "";
				buf_printf(&out, "%17s", "");
				if (*g->adviser_organisation) {
					buf_printf(&out, "adviser from %s", g->adviser_organisation);
					sep = "; ";
				}
				if (g->has_agreed_actions) {
					buf_printf(&out, "%sactions agreed", sep);
					sep = "; ";
				}
				if (g->next_meeting != DATE_NONE)
					buf_printf(&out, "%snext meeting %s", sep,
						   date_format_iso(g->next_meeting, iso));
				buf_putc(&out, '\n');
			}
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
	{ "change", cmd_change, CMD_NEEDS_SCHOOL | CMD_WRITES, "change a guidance meeting",
	  change_usage, NULL },
	{ "delete", cmd_delete, CMD_NEEDS_SCHOOL | CMD_WRITES, "delete a guidance meeting",
	  delete_usage, NULL },
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
			struct guidance_fields fields = {
				.student_id = students[i], .date = g->date, .adviser = g->adviser,
				.external = g->external, .level = g->level, .follow_up = g->follow_up,
				.next_meeting = DATE_NONE,
			};
			ok = found == 0 && guidance_store_add(ctx->db, &fields, &id) == 0;
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
