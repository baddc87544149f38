/* waymark event add | list, waymark mark, waymark select, waymark org add | list */
#include <ctype.h>
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"
#include "domain/limits.h"
#include "domain/register.h"
#include "domain/timing.h"
#include "io/csv_reader.h"
#include "io/roster_csv.h"
#include "store/audit_store.h"
#include "store/calendar_store.h"
#include "store/event_store.h"
#include "store/programme_store.h"
#include "store/student_store.h"
#include "util/csv_writer.h"
#include "util/file.h"
#include "util/mem.h"
#include "util/strmap.h"
#include "util/text.h"

static const char add_usage[] =
	"usage: waymark event add ACTIVITY_ID --date YYYY-MM-DD [--year-group N]\n"
	"                         [--title TEXT] [--subject SUBJECT] [--org ORGANISATION]...\n"
	"\n"
	"Schedules an event of an activity and prints its id alone on standard output.\n"
	"Without --year-group the event is for every year group of the activity. Any\n"
	"way the date breaks the activity's timing rule is reported as a warning.\n"
	"--org (an organisation's id or name, repeatable) records who came. --subject\n"
	"names the curriculum subject of a careers link (one of the programme's\n"
	"subjects), for the Benchmark 4 matrix.\n";

static const char list_usage[] =
	"usage: waymark event list [--year 2025/26] [--format text|csv|json]\n"
	"\n"
	"Lists the year's events in date order with their registers' counts.\n";

static const char import_usage[] =
	"usage: waymark event import FILE [--encoding E]\n"
	"\n"
	"Schedules events from a CSV with Activity (an id or name) and Date columns,\n"
	"and optionally Year Group, Title and Subject (the curriculum subject of a\n"
	"careers link): the year's plan from a spreadsheet.\n"
	"Events that already exist are left alone. Timing problems are warnings.\n"
	"\n"
	CLI_ENCODING_USAGE;

const char cmd_mark_usage[] =
	"usage: waymark mark EVENT_ID UPN present|absent|excused\n"
	"\n"
	"Records one pupil's attendance at an event (replacing an earlier mark).\n";

const char cmd_select_usage[] =
	"usage: waymark select ACTIVITY_ID (FILE | UPN...) [--year 2025/26] [--encoding E]\n"
	"\n"
	"Sets who was selected for a `selected` activity in a year, replacing the\n"
	"earlier selection: a CSV with a UPN (or admission number) column, or UPNs.\n"
	"\n"
	CLI_ENCODING_USAGE;

static const char org_add_usage[] =
	"usage: waymark org add NAME --kind KIND [--sector TEXT] [--size SIZE]\n"
	"\n"
	"Adds an organisation and prints its id. KIND is employer, sixth-form,\n"
	"college, university, training-provider or other; SIZE is micro, small,\n"
	"medium or large.\n";

static const char org_list_usage[] =
	"usage: waymark org list\n\nLists organisations with the number of events they came to.\n";

static int load_programme(struct cli_ctx *ctx, struct programme *p)
{
	int found = programme_store_load(ctx->db, ctx->school.id, p);
	if (found == 1)
		return EXIT_OK;
	if (found < 0)
		return cli_fail(EXIT_USER, "cannot read the programme: %s", db_error(ctx->db));
	return cli_fail(EXIT_USER, "school %s has no programme: run `waymark programme import FILE`",
			ctx->school.slug);
}

static const struct activity *find_current_activity(const struct programme *p, const char *id)
{
	const struct activity *a = programme_find_activity(p, id);
	if (!a)
		cli_fail(EXIT_USER, "no activity \"%s\" in the programme: `waymark programme show` lists the ids",
			 id);
	else if (a->retired)
		cli_fail(EXIT_USER, "activity %s is retired: it is no longer in the programme", id);
	return a && !a->retired ? a : NULL;
}

static void print_timing_warning(void *ctx, const char *problem)
{
	const char *id = ctx;
	cli_warn("%s: %s", id, problem);
}

static int cmd_add(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option options[] = {
		{ "date", required_argument, NULL, 'd' },
		{ "year-group", required_argument, NULL, 'y' },
		{ "title", required_argument, NULL, 't' },
		{ "org", required_argument, NULL, 'o' },
		{ "subject", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	date_t date = DATE_NONE;
	const char *subject = NULL;
	long year_group = 0;
	const char *title = NULL;
	const char *orgs[32];
	int org_count = 0, opt;
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (opt) {
		case 'd':
			if (!cli_parse_date(optarg, "--date", &date))
				return EXIT_USAGE;
			break;
		case 'y':
			if (!text_to_int(optarg, 7, 13, &year_group))
				return cli_usage_error(add_usage, "--year-group: \"%s\" is not 7 to 13", optarg);
			break;
		case 't': title = optarg; break;
		case 's': subject = optarg; break;
		case 'o':
			if (org_count == 32)
				return cli_usage_error(add_usage, "at most 32 --org options");
			orgs[org_count++] = optarg;
			break;
		default: return cli_bad_option(add_usage, argv);
		}
	}
	if (argc - optind != 1)
		return cli_usage_error(add_usage, "name one activity id");
	if (date == DATE_NONE)
		return cli_usage_error(add_usage, "--date is required");
	if (cli_check_text(add_usage, "--title", title, LIMIT_TITLE) != EXIT_OK)
		return EXIT_USAGE;

	struct programme prog;
	int status = load_programme(ctx, &prog);
	const struct activity *a = status == EXIT_OK ? find_current_activity(&prog, argv[optind]) : NULL;
	if (status == EXIT_OK && !a)
		status = EXIT_USER;
	if (status == EXIT_OK && year_group && !((a->year_groups >> year_group) & 1))
		status = cli_fail(EXIT_USER, "activity %s is not for Year %ld", a->id, year_group);
	if (status == EXIT_OK && subject && !programme_subject(&prog, subject))
		status = cli_fail(EXIT_USER, "\"%s\" is not one of the programme's subjects (see `subjects` in `waymark programme export`)",
				  subject);
	if (status == EXIT_OK && subject)
		subject = programme_subject(&prog, subject);
	long long org_ids[32];
	for (int i = 0; status == EXIT_OK && i < org_count; i++) {
		int found = organisation_store_find(ctx->db, ctx->school.id, orgs[i], &org_ids[i]);
		if (found != 1)
			status = cli_fail(EXIT_USER, "no organisation \"%s\": add it with `waymark org add`",
					  orgs[i]);
	}
	if (status == EXIT_OK) {
		/* Timing problems are warnings: the event may be right and the
		 * rule too strict, and the careers leader decides. */
		struct school_calendar cal;
		if (calendar_store_load(ctx->db, ctx->school.id, academic_year_of(date), &cal) == 1)
			timing_check_date(&a->timing, &cal, date, DATE_NONE, print_timing_warning,
					  (void *)a->id);
		else
			cli_warn("no calendar for the year of %s: timing not checked",
				 date_format_iso(date, (char[DATE_ISO_LEN]){ 0 }));
		calendar_free(&cal);

		long long id;
		char detail[128], iso[DATE_ISO_LEN];
		snprintf(detail, sizeof detail, "%s on %s", a->id, date_format_iso(date, iso));
		bool ok = db_begin(ctx->db) == 0 &&
			  event_store_add(ctx->db, ctx->school.id, a->db_id, date, (int)year_group,
					  title, subject, &id) == 0;
		for (int i = 0; ok && i < org_count; i++)
			ok = event_store_link_organisation(ctx->db, id, org_ids[i]) == 0;
		if (ok) {
			char key[24];
			snprintf(key, sizeof key, "%lld", id);
			ok = audit_record(ctx->db, ctx->school.id, ctx->actor, "event.add", "event", key,
					  detail) == 0 &&
			     db_commit(ctx->db) == 0;
		}
		if (ok) {
			printf("%lld\n", id);
		} else {
			status = cli_fail(EXIT_USER, "cannot add the event: %s", db_error(ctx->db));
			db_rollback(ctx->db);
		}
	}
	programme_free(&prog);
	return status;
}

/* "10", "7-13" or "8,10": the year groups of a set. */
static void describe_years(unsigned mask, char *out, size_t size)
{
	int lo = 0, hi = 0, count = 0;
	for (int y = 7; y <= 13; y++) {
		if (!((mask >> y) & 1))
			continue;
		if (!lo)
			lo = y;
		hi = y;
		count++;
	}
	if (count == 0)
		snprintf(out, size, "-");
	else if (count == 1)
		snprintf(out, size, "%u", (unsigned)lo % 100u);
	else if (count == hi - lo + 1)
		snprintf(out, size, "%u-%u", (unsigned)lo % 100u, (unsigned)hi % 100u);
	else
		snprintf(out, size, "%u..%u", (unsigned)lo % 100u, (unsigned)hi % 100u);
}

static int cmd_list(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option options[] = {
		{ "year", required_argument, NULL, 'y' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	const char *year_arg = NULL;
	enum cli_format format = FORMAT_TEXT;
	int opt, year;
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (opt) {
		case 'y': year_arg = optarg; break;
		case 'f':
			if (!cli_parse_format(optarg, 7, &format))
				return EXIT_USAGE;
			break;
		default: return cli_bad_option(list_usage, argv);
		}
	}
	if (optind < argc)
		return cli_usage_error(list_usage, "unexpected argument %s", argv[optind]);
	if (!cli_parse_year(year_arg, &year))
		return EXIT_USAGE;
	struct event_info *events;
	long n = event_store_list(ctx->db, ctx->school.id, academic_year_first_day(year),
				  academic_year_last_day(year), &events);
	if (n < 0)
		return cli_fail(EXIT_USER, "cannot list events: %s", db_error(ctx->db));
	char iso[DATE_ISO_LEN], yg[16];
	struct buf out = BUF_INIT;
	if (format == FORMAT_JSON) {
		json_t *list = json_array();
		for (long i = 0; i < n; i++) {
			json_t *e = json_object();
			json_object_set_new(e, "id", json_integer(events[i].id));
			json_object_set_new(e, "date", json_string(date_format_iso(events[i].date, iso)));
			json_object_set_new(e, "activity_id", json_string(events[i].activity_slug));
			json_object_set_new(e, "activity", json_string(events[i].activity_name));
			json_object_set_new(e, "year_group", events[i].year_group
						 ? json_integer(events[i].year_group) : json_null());
			json_object_set_new(e, "title", json_string(events[i].title));
			json_object_set_new(e, "marks", json_integer(events[i].marks));
			json_object_set_new(e, "present", json_integer(events[i].present));
			json_array_append_new(list, e);
		}
		char *text = json_dumps(list, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		buf_puts(&out, text);
		buf_putc(&out, '\n');
		free(text);
		json_decref(list);
	} else if (format == FORMAT_CSV) {
		struct csv_writer w;
		csv_writer_init(&w, &out);
		const char *header[] = { "id", "date", "activity_id", "activity", "year_group",
					 "title", "marks", "present" };
		csv_write_row(&w, header, 8);
		for (long i = 0; i < n; i++) {
			char id[24], marks[16], present[16];
			snprintf(id, sizeof id, "%lld", events[i].id);
			snprintf(yg, sizeof yg, "%d", events[i].year_group);
			snprintf(marks, sizeof marks, "%d", events[i].marks);
			snprintf(present, sizeof present, "%d", events[i].present);
			const char *cells[] = { id, date_format_iso(events[i].date, iso),
						events[i].activity_slug, events[i].activity_name,
						events[i].year_group ? yg : "", events[i].title, marks,
						present };
			csv_write_row(&w, cells, 8);
		}
	} else {
		buf_printf(&out, "%-5s %-10s %-6s %-44s %s\n", "id", "date", "years", "activity",
			   "register");
		for (long i = 0; i < n; i++) {
			describe_years(events[i].year_group ? 1u << events[i].year_group
							    : events[i].activity_year_groups,
				       yg, sizeof yg);
			const char *name = events[i].title[0] ? events[i].title : events[i].activity_name;
			buf_printf(&out, "%-5lld %-10s %-6s ", events[i].id,
				   date_format_iso(events[i].date, iso), yg);
			text_column(&out, name, 44);
			buf_putc(&out, ' ');
			if (events[i].marks)
				buf_printf(&out, "%d of %d present\n", events[i].present, events[i].marks);
			else
				buf_puts(&out, "not taken\n");
		}
	}
	fputs(buf_str(&out), stdout);
	buf_free(&out);
	free(events);
	return EXIT_OK;
}

/* The held pupils by UPN and by admission number, for commands that name
 * pupils one by one. */
struct pupil_lookup {
	struct strmap by_upn, by_admission;
};

static void pupil_lookup_build(struct pupil_lookup *l, const struct roster_existing_list *held)
{
	*l = (struct pupil_lookup){ STRMAP_INIT, STRMAP_INIT };
	for (size_t i = 0; i < held->count; i++) {
		const struct pupil *p = &held->items[i].pupil;
		if (p->upn)
			strmap_put(&l->by_upn, p->upn, i);
		if (p->admission_number)
			strmap_put(&l->by_admission, p->admission_number, i);
	}
}

static void pupil_lookup_free(struct pupil_lookup *l)
{
	strmap_free(&l->by_upn);
	strmap_free(&l->by_admission);
}

/* The held pupil with this UPN (any case) or admission number, or NULL. */
static const struct roster_existing *find_by_id(const struct roster_existing_list *held,
						const struct pupil_lookup *l, const char *key)
{
	char upn[32];
	size_t n = 0, i;
	for (; key[n] && n + 1 < sizeof upn; n++)
		upn[n] = (char)toupper((unsigned char)key[n]);
	upn[n] = '\0';
	if (strmap_get(&l->by_upn, upn, &i) || strmap_get(&l->by_admission, key, &i))
		return &held->items[i];
	return NULL;
}

int cmd_mark(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc != 4)
		return cli_usage_error(cmd_mark_usage, "expected EVENT_ID UPN STATUS");
	char *end;
	long long event_id = strtoll(argv[1], &end, 10);
	if (*end || event_id <= 0)
		return cli_usage_error(cmd_mark_usage, "\"%s\" is not an event id", argv[1]);
	enum mark_status status;
	if (strcmp(argv[3], "present") == 0)
		status = MARK_PRESENT;
	else if (strcmp(argv[3], "absent") == 0)
		status = MARK_ABSENT;
	else if (strcmp(argv[3], "excused") == 0)
		status = MARK_EXCUSED;
	else
		return cli_usage_error(cmd_mark_usage, "the mark must be present, absent or excused");
	struct event_info event;
	int found = event_store_get(ctx->db, ctx->school.id, event_id, &event);
	if (found != 1)
		return cli_fail(EXIT_USER, "no event %lld: `waymark event list` shows them", event_id);
	struct roster_existing_list held;
	int year = academic_year_of(event.date);
	if (student_store_load_existing(ctx->db, ctx->school.id, year, &held) != 0)
		return cli_fail(EXIT_USER, "cannot read the pupils: %s", db_error(ctx->db));
	struct pupil_lookup lookup;
	pupil_lookup_build(&lookup, &held);
	const struct roster_existing *pupil = find_by_id(&held, &lookup, argv[2]);
	int rc = EXIT_OK;
	if (!pupil || !pupil->enrolled_this_year) {
		rc = cli_fail(EXIT_USER, "no pupil with UPN or admission number %s is enrolled in %s",
			      argv[2], academic_year_format(year, (char[8]){ 0 }));
	} else {
		char detail[96];
		snprintf(detail, sizeof detail, "event %lld: %s", event_id, mark_status_name(status));
		if (db_begin(ctx->db) != 0 ||
		    mark_store_set(ctx->db, event_id, pupil->pupil.id, status) != 0 ||
		    audit_record(ctx->db, ctx->school.id, ctx->actor, "mark.set", "student",
				 pupil->pupil.upn ? pupil->pupil.upn : argv[2], detail) != 0 ||
		    db_commit(ctx->db) != 0) {
			rc = cli_fail(EXIT_USER, "cannot record the mark: %s", db_error(ctx->db));
			db_rollback(ctx->db);
		} else {
			printf("%s: %s at %s on %s\n", argv[2], mark_status_name(status),
			       event.activity_name, date_format_iso(event.date, (char[DATE_ISO_LEN]){ 0 }));
		}
	}
	pupil_lookup_free(&lookup);
	roster_existing_list_free(&held);
	return rc;
}

/* Collects the UPNs or admission numbers a selection names: the cells of
 * the file's UPN (else admission number) column. */
struct id_collector {
	enum csv_encoding_choice named;  /* the file's encoding as named */
	enum csv_encoding encoding;      /* and what it was read as */
	bool encoding_named;
	int column;
	char **ids;
	size_t count, cap;
};

static int collect_id(void *ctx, const struct csv_row *row)
{
	struct id_collector *c = ctx;
	if ((size_t)c->column < row->count && row->cells[c->column][0]) {
		ARRAY_RESERVE(c->ids, c->cap, c->count + 1);
		c->ids[c->count++] = xstrdup(row->cells[c->column]);
	}
	return 0;
}

static int score_id_header(void *ctx, const struct csv_row *row)
{
	(void)ctx;
	for (size_t i = 0; i < row->count; i++) {
		const char *f = roster_column_field(row->cells[i]);
		if (f && (strcmp(f, "upn") == 0 || strcmp(f, "admission_number") == 0))
			return 1;
	}
	return 0;
}

static int read_selection_file(const char *path, struct id_collector *c)
{
	struct buf data = BUF_INIT, err = BUF_INIT;
	if (!file_read_all(path, 64u * 1024 * 1024, &data, &err)) {
		int status = cli_fail(EXIT_USER, "%s", buf_str(&err));
		buf_free(&data);
		buf_free(&err);
		return status;
	}
	struct diag_list diags;
	diag_init(&diags, path);
	struct csv_options opt = { .header_score = score_id_header, .min_score = 1,
				   .header_hint = "UPN (or Admission Number)", .encoding = c->named };
	struct csv_info info;
	int status = EXIT_OK;
	if (csv_read_stream(data.data, data.len, &opt, &info, &diags)) {
		c->encoding = info.encoding;
		c->encoding_named = info.encoding_named;
		c->column = -1;
		for (size_t i = 0; i < info.header.count && c->column < 0; i++) {
			const char *f = roster_column_field(info.header.cells[i]);
			if (f && strcmp(f, "upn") == 0)
				c->column = (int)i;
		}
		for (size_t i = 0; i < info.header.count && c->column < 0; i++) {
			const char *f = roster_column_field(info.header.cells[i]);
			if (f && strcmp(f, "admission_number") == 0)
				c->column = (int)i;
		}
		opt.on_row = collect_id;
		opt.ctx = c;
		struct csv_info again;
		csv_read_stream(data.data, data.len, &opt, &again, &diags);
		csv_info_free(&again);
	}
	csv_info_free(&info);
	if (cli_report_diags(&diags) != EXIT_OK)
		status = EXIT_USER;
	diag_free(&diags);
	buf_free(&data);
	buf_free(&err);
	return status;
}

int cmd_select(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option options[] = {
		{ "year", required_argument, NULL, 'y' },
		{ "encoding", required_argument, NULL, 'E' },
		{ NULL, 0, NULL, 0 },
	};
	const char *year_arg = NULL;
	struct id_collector ids = { .named = CSV_DETECT };
	bool from_file = false;
	int opt, year;
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (opt) {
		case 'y': year_arg = optarg; break;
		case 'E':
			if (!cli_parse_encoding(optarg, &ids.named))
				return EXIT_USAGE;
			break;
		default: return cli_bad_option(cmd_select_usage, argv);
		}
	}
	if (argc - optind < 2)
		return cli_usage_error(cmd_select_usage, "name an activity and a file or UPNs");
	if (!cli_parse_year(year_arg, &year))
		return EXIT_USAGE;
	struct programme prog;
	int status = load_programme(ctx, &prog);
	const struct activity *a = status == EXIT_OK ? find_current_activity(&prog, argv[optind]) : NULL;
	if (status == EXIT_OK && !a)
		status = EXIT_USER;
	if (status == EXIT_OK && a->cohort != COHORT_SELECTED)
		status = cli_fail(EXIT_USER, "activity %s is for %s pupils, not selected ones: selections are for `cohort: selected` activities",
				  a->id, a->cohort == COHORT_ALL ? "all" : "invited");

	const char *first = argv[optind + 1];
	if (status == EXIT_OK) {
		if (argc - optind == 2 && file_exists(first)) {
			from_file = true;
			status = read_selection_file(first, &ids);
		} else {
			for (int i = optind + 1; i < argc; i++) {
				ARRAY_RESERVE(ids.ids, ids.cap, ids.count + 1);
				ids.ids[ids.count++] = xstrdup(argv[i]);
			}
		}
	}
	struct roster_existing_list held = { 0 };
	long long *student_ids = NULL;
	size_t n = 0;
	if (status == EXIT_OK &&
	    student_store_load_existing(ctx->db, ctx->school.id, year, &held) != 0)
		status = cli_fail(EXIT_USER, "cannot read the pupils: %s", db_error(ctx->db));
	struct pupil_lookup lookup;
	pupil_lookup_build(&lookup, &held);
	if (status == EXIT_OK) {
		student_ids = xcalloc(ids.count + 1, sizeof *student_ids);
		for (size_t i = 0; i < ids.count; i++) {
			const struct roster_existing *p = find_by_id(&held, &lookup, ids.ids[i]);
			if (!p || !p->enrolled_this_year) {
				cli_fail(EXIT_USER, "no pupil %s is enrolled in %s", ids.ids[i],
					 academic_year_format(year, (char[8]){ 0 }));
				status = EXIT_USER;
			} else if (!((a->year_groups >> p->this_year.year_group) & 1)) {
				cli_fail(EXIT_USER, "%s is in Year %d; %s is for other year groups",
					 ids.ids[i], p->this_year.year_group, a->id);
				status = EXIT_USER;
			} else {
				student_ids[n++] = p->pupil.id;
			}
		}
	}
	if (status == EXIT_OK) {
		char detail[96];
		snprintf(detail, sizeof detail, "%zu pupils in %s", n,
			 academic_year_format(year, (char[8]){ 0 }));
		if (db_begin(ctx->db) != 0 ||
		    selection_store_replace(ctx->db, a->db_id, year, student_ids, n) != 0 ||
		    audit_record(ctx->db, ctx->school.id, ctx->actor, "selection.set", "activity",
				 a->id, detail) != 0 ||
		    db_commit(ctx->db) != 0) {
			status = cli_fail(EXIT_USER, "cannot save the selection: %s", db_error(ctx->db));
			db_rollback(ctx->db);
		} else {
			char read_as[64];
			printf("%s: %zu pupil%s selected for %s%s\n", a->id, n, n == 1 ? "" : "s",
			       academic_year_format(year, (char[8]){ 0 }),
			       from_file ? cli_read_as(ids.encoding, ids.encoding_named, read_as) : "");
		}
	}
	for (size_t i = 0; i < ids.count; i++)
		free(ids.ids[i]);
	free(ids.ids);
	free(student_ids);
	pupil_lookup_free(&lookup);
	roster_existing_list_free(&held);
	programme_free(&prog);
	return status;
}

static int cmd_org_add(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option options[] = {
		{ "kind", required_argument, NULL, 'k' },
		{ "sector", required_argument, NULL, 's' },
		{ "size", required_argument, NULL, 'z' },
		{ NULL, 0, NULL, 0 },
	};
	const char *kind = NULL, *sector = NULL, *size = NULL;
	int opt;
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (opt) {
		case 'k': kind = optarg; break;
		case 's': sector = optarg; break;
		case 'z': size = optarg; break;
		default: return cli_bad_option(org_add_usage, argv);
		}
	}
	if (argc - optind != 1 || !*argv[optind])
		return cli_usage_error(org_add_usage, "name one organisation");
	enum organisation_kind k;
	if (!kind || !organisation_kind_parse(kind, &k))
		return cli_usage_error(org_add_usage,
				       "--kind must be employer, sixth-form, college, university, training-provider or other");
	if (size && !organisation_size_valid(size))
		return cli_usage_error(org_add_usage, "--size must be micro, small, medium or large");
	const char *name = argv[optind];
	if (cli_check_text(org_add_usage, "the name", name, LIMIT_TITLE) != EXIT_OK ||
	    cli_check_text(org_add_usage, "--sector", sector, LIMIT_TITLE) != EXIT_OK)
		return EXIT_USAGE;
	long long id;
	if (organisation_store_find(ctx->db, ctx->school.id, name, &id) == 1)
		return cli_fail(EXIT_USER, "there is already an organisation called \"%s\" (id %lld)",
				name, id);
	if (db_begin(ctx->db) != 0 ||
	    organisation_store_add(ctx->db, ctx->school.id, name, kind, sector, size, &id) != 0 ||
	    audit_record(ctx->db, ctx->school.id, ctx->actor, "organisation.add", "organisation",
			 name, kind) != 0 ||
	    db_commit(ctx->db) != 0) {
		db_rollback(ctx->db);
		return cli_fail(EXIT_USER, "cannot add the organisation: %s", db_error(ctx->db));
	}
	printf("%lld\n", id);
	return EXIT_OK;
}

static int cmd_org_list(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc != 1)
		return cli_usage_error(org_list_usage, "unexpected argument %s", argv[1]);
	struct organisation_info *orgs;
	long n = organisation_store_list(ctx->db, ctx->school.id, &orgs);
	if (n < 0)
		return cli_fail(EXIT_USER, "cannot list organisations: %s", db_error(ctx->db));
	printf("%-5s %-36s %-18s %-20s %-7s %s\n", "id", "name", "kind", "sector", "size", "events");
	for (long i = 0; i < n; i++)
		printf("%-5lld %-36.36s %-18s %-20.20s %-7s %d\n", orgs[i].id, orgs[i].name,
		       orgs[i].kind, orgs[i].sector, orgs[i].size, orgs[i].events);
	free(orgs);
	return EXIT_OK;
}

/* event import: the rows, kept until all are checked. */
struct planned_event;
static int warn_timing(struct cli_ctx *ctx, const struct planned_event *items, size_t count);
struct planned_event {
	const struct activity *activity;
	date_t date;
	int year_group;
	char *title;
	const char *subject;  /* the programme's spelling, or NULL */
	int line;
};

struct event_importer {
	const struct programme *prog;
	struct diag_list *diags;
	int col_activity, col_date, col_year, col_title, col_subject;
	const struct csv_row *header;
	struct planned_event *items;
	size_t count, cap;
};

static int score_event_header(void *ctx, const struct csv_row *row)
{
	(void)ctx;
	static const char *const names[] = { "Activity", "Activity ID", "Date", "Event Date", NULL };
	return csv_score_known_names((void *)names, row);
}

static int collect_event(void *ctx, const struct csv_row *row)
{
	struct event_importer *im = ctx;
	const char *name = row->cells[im->col_activity], *when = row->cells[im->col_date];
	const char *field_name = im->header->cells[im->col_activity];
	long year_group = 0;
	if (im->col_year >= 0 && row->cells[im->col_year][0] &&
	    !text_to_int(row->cells[im->col_year], 7, 13, &year_group)) {
		diag_add(im->diags, DIAG_ERROR, row->line, 0, im->header->cells[im->col_year],
			 "\"%s\" is not a year group from 7 to 13", row->cells[im->col_year]);
		return 0;
	}
	const struct activity *a = programme_find_activity(im->prog, name);
	for (size_t i = 0; !a && i < im->prog->activity_count; i++) {
		const struct activity *x = &im->prog->activities[i];
		if (!x->retired && strcasecmp(x->name, name) == 0 &&
		    (!year_group || ((x->year_groups >> year_group) & 1)))
			a = x;
	}
	date_t d;
	if (!a || a->retired)
		diag_add(im->diags, DIAG_ERROR, row->line, 0, field_name,
			 "no activity \"%s\" in the programme: use an id from `waymark programme show`",
			 name);
	else if (year_group && !((a->year_groups >> year_group) & 1))
		diag_add(im->diags, DIAG_ERROR, row->line, 0, field_name,
			 "activity %s is not for Year %ld", a->id, year_group);
	if (!date_parse_any(when, &d)) {
		diag_add(im->diags, DIAG_ERROR, row->line, 0, im->header->cells[im->col_date],
			 "\"%s\" is not a date: write dd/mm/yyyy or yyyy-mm-dd", when);
		return 0;
	}
	const char *subject = NULL;
	if (im->col_subject >= 0 && row->cells[im->col_subject][0]) {
		subject = programme_subject(im->prog, row->cells[im->col_subject]);
		if (!subject) {
			diag_add(im->diags, DIAG_ERROR, row->line, 0, im->header->cells[im->col_subject],
				 "\"%s\" is not one of the programme's subjects", row->cells[im->col_subject]);
			return 0;
		}
	}
	if (!a || a->retired || (year_group && !((a->year_groups >> year_group) & 1)))
		return 0;
	ARRAY_RESERVE(im->items, im->cap, im->count + 1);
	im->items[im->count++] = (struct planned_event){
		a, d, (int)year_group,
		im->col_title >= 0 && row->cells[im->col_title][0] ? xstrdup(row->cells[im->col_title]) : NULL,
		subject, row->line,
	};
	return 0;
}

static void count_problem(void *ctx, const char *problem)
{
	(void)problem;
	(*(long *)ctx)++;
}

/* Timing problems of imported events, one line per event that breaks its
 * rule (the details are in `waymark check timing`). Always EXIT_OK. */
static int warn_timing(struct cli_ctx *ctx, const struct planned_event *items, size_t count)
{
	struct school_calendar cal = { 0 };
	int loaded_year = 0;
	char iso[DATE_ISO_LEN];
	for (size_t i = 0; i < count; i++) {
		int year = academic_year_of(items[i].date);
		if (year != loaded_year) {
			calendar_free(&cal);
			if (calendar_store_load(ctx->db, ctx->school.id, year, &cal) != 1) {
				loaded_year = 0;
				continue;
			}
			loaded_year = year;
		}
		long problems = 0;
		timing_check_date(&items[i].activity->timing, &cal, items[i].date, DATE_NONE,
				  count_problem, &problems);
		if (problems)
			cli_warn("line %d: %s on %s breaks its timing rule", items[i].line,
				 items[i].activity->id, date_format_iso(items[i].date, iso));
	}
	calendar_free(&cal);
	return EXIT_OK;
}

static int cmd_import_events(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option options[] = {
		{ "encoding", required_argument, NULL, 'E' },
		{ NULL, 0, NULL, 0 },
	};
	enum csv_encoding_choice encoding = CSV_DETECT;
	int o;
	while ((o = getopt_long(argc, argv, "", options, NULL)) != -1) {
		if (o != 'E')
			return cli_bad_option(import_usage, argv);
		if (!cli_parse_encoding(optarg, &encoding))
			return EXIT_USAGE;
	}
	if (argc - optind != 1)
		return cli_usage_error(import_usage, "name one events file");
	const char *path = argv[optind];
	struct buf data = BUF_INIT, err = BUF_INIT;
	if (!file_read_all(path, 256u * 1024 * 1024, &data, &err)) {
		int status = cli_fail(EXIT_USER, "%s", buf_str(&err));
		buf_free(&data);
		buf_free(&err);
		return status;
	}
	struct programme prog;
	int status = load_programme(ctx, &prog);
	struct diag_list diags;
	diag_init(&diags, path);
	struct event_importer im = { .prog = &prog, .diags = &diags };
	struct csv_options opt = { .header_score = score_event_header, .min_score = 2,
				   .header_hint = "Activity, Date", .encoding = encoding };
	struct csv_info info = { 0 };
	if (status == EXIT_OK && csv_read_stream(data.data, data.len, &opt, &info, &diags)) {
		im.header = &info.header;
		im.col_activity = csv_find_column(&info.header, "Activity");
		if (im.col_activity < 0)
			im.col_activity = csv_find_column(&info.header, "Activity ID");
		im.col_date = csv_find_column(&info.header, "Date");
		if (im.col_date < 0)
			im.col_date = csv_find_column(&info.header, "Event Date");
		im.col_year = csv_find_column(&info.header, "Year Group");
		if (im.col_year < 0)
			im.col_year = csv_find_column(&info.header, "Year");
		im.col_title = csv_find_column(&info.header, "Title");
		im.col_subject = csv_find_column(&info.header, "Subject");
		if (im.col_activity < 0 || im.col_date < 0) {
			diag_error(&diags, info.header.line, 0, "the file needs Activity and Date columns");
		} else {
			opt.on_row = collect_event;
			opt.ctx = &im;
			struct csv_info again;
			csv_read_stream(data.data, data.len, &opt, &again, &diags);
			csv_info_free(&again);
		}
	}
	if (status == EXIT_OK && cli_report_diags(&diags) != EXIT_OK) {
		fprintf(stderr, "%s: %zu error%s: no events were added\n", path, diags.errors,
			diags.errors == 1 ? "" : "s");
		status = EXIT_USER;
	}
	long added = 0, existing = 0;
	if (status == EXIT_OK) {
		bool ok = db_begin(ctx->db) == 0;
		for (size_t i = 0; ok && i < im.count; i++) {
			const struct planned_event *p = &im.items[i];
			long long id;
			int found = event_store_find(ctx->db, ctx->school.id, p->activity->db_id, p->date,
						     p->year_group, p->subject, &id);
			if (found == 1) {
				existing++;
				continue;
			}
			ok = found == 0 && event_store_add(ctx->db, ctx->school.id, p->activity->db_id,
							   p->date, p->year_group, p->title, p->subject,
							   &id) == 0;
			added++;
		}
		char detail[96];
		snprintf(detail, sizeof detail, "%ld event%s added, %ld already there", added,
			 added == 1 ? "" : "s", existing);
		if (!ok || audit_record(ctx->db, ctx->school.id, ctx->actor, "event.import", "events",
					path, detail) != 0 ||
		    db_commit(ctx->db) != 0) {
			status = cli_fail(EXIT_USER, "cannot add the events: %s", db_error(ctx->db));
			db_rollback(ctx->db);
		} else {
			char read_as[64];
			printf("%s: %s%s\n", path, detail,
			       cli_read_as(info.encoding, info.encoding_named, read_as));
		}
	}
	if (status == EXIT_OK)
		status = warn_timing(ctx, im.items, im.count);
	for (size_t i = 0; i < im.count; i++)
		free(im.items[i].title);
	free(im.items);
	csv_info_free(&info);
	diag_free(&diags);
	programme_free(&prog);
	buf_free(&data);
	buf_free(&err);
	return status;
}

const struct cli_command cli_event_commands[] = {
	{ "add", cmd_add, CMD_NEEDS_SCHOOL | CMD_WRITES, "schedule an event of an activity", add_usage, NULL },
	{ "list", cmd_list, CMD_NEEDS_SCHOOL, "the year's events and their registers", list_usage,
	  NULL },
	{ "import", cmd_import_events, CMD_NEEDS_SCHOOL | CMD_WRITES, "schedule events from a CSV", import_usage,
	  NULL },
	{ NULL, NULL, 0, NULL, NULL, NULL },
};

const struct cli_command cli_org_commands[] = {
	{ "add", cmd_org_add, CMD_NEEDS_SCHOOL | CMD_WRITES, "add an employer, college, university...",
	  org_add_usage, NULL },
	{ "list", cmd_org_list, CMD_NEEDS_SCHOOL, "list organisations", org_list_usage, NULL },
	{ NULL, NULL, 0, NULL, NULL, NULL },
};

