/* waymark event add | list, waymark mark, waymark select, waymark org add | list */
#include <ctype.h>
#include <getopt.h>
#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "action/event_action.h"
#include "action/programme_action.h"
#include "action/organisation_action.h"
#include "action/register_action.h"
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
	"usage: waymark event add ACTIVITY_ID --date YYYY-MM-DD [--time HH:MM] [--year-group N]\n"
	"                         [--title TEXT] [--subject SUBJECT] [--org ORGANISATION]...\n"
	"                         [--repeat weekly|same-week]\n"
	"\n"
	"Schedules an event of an activity and prints its id alone on standard output.\n"
	"--repeat makes a series to the end of the date's term, one id a line: every\n"
	"week on that weekday, or (same-week) only in that A/B week, every other week;\n"
	"school days only.\n"
	"Without --year-group the event is for every year group of the activity. Any\n"
	"way the date breaks the activity's timing rule is reported as a warning.\n"
	"--org (an organisation's id or name, repeatable) records who came. --subject\n"
	"names the curriculum subject of a careers link (one of the programme's\n"
	"subjects), for the Benchmark 4 matrix.\n";

static const char change_usage[] =
	"usage: waymark event change EVENT_ID [--date YYYY-MM-DD] [--time HH:MM|none]\n"
	"                            [--year-group N|all] [--activity ACTIVITY_ID]\n"
	"                            [--title TEXT] [--subject SUBJECT|\"\"]\n"
	"                            [--org ORGANISATION]... [--no-orgs] [--series]\n"
	"\n"
	"Changes an event: what is given replaces what it was, the rest stays. With\n"
	"--series every event of its series changes, each moved by as many days. --org\n"
	"replaces its organisations (--no-orgs leaves none). An event with a register\n"
	"keeps its activity and year groups, stays in its academic year and cannot move\n"
	"after today. The timing is checked again, as for event add (docs/events.md).\n";

static const char cancel_usage[] =
	"usage: waymark event cancel EVENT_ID [--reason TEXT] [--yes] [--series]\n"
	"\n"
	"Cancels an event: it is kept and listed as cancelled, but counts in no figure\n"
	"and takes no register. One with a register needs --yes (its marks are kept,\n"
	"and count again if it is reinstated). --series cancels every event of its\n"
	"series from today on.\n";

static const char reinstate_usage[] =
	"usage: waymark event reinstate EVENT_ID [--series]\n"
	"\n"
	"Undoes a cancellation (--series: of every cancelled event of its series).\n";

static const char delete_usage[] =
	"usage: waymark event delete EVENT_ID [--series]\n"
	"\n"
	"Deletes an event scheduled by mistake. Only an event with no register can be\n"
	"deleted: cancel one that has a register. --series deletes the whole series.\n"
	"The audit log keeps what it was.\n";

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
	"usage: waymark mark EVENT_ID UPN present|absent|excused|unmarked\n"
	"\n"
	"Records one pupil's attendance at an event (replacing an earlier mark;\n"
	"unmarked clears it), as the web's register does: the pupil must be on the\n"
	"register, and a cancelled event or one after today takes no marks.\n";

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


/* How the command line names the parts of an event request. */
static const struct cli_field event_fields[] = {
	{ "activity", "ACTIVITY_ID", "`waymark programme show` lists the ids" },
	{ "date", "--date", NULL },
	{ "time", "--time", NULL },
	{ "year_group", "--year-group", NULL },
	{ "title", "--title", NULL },
	{ "subject", "--subject", "see `subjects` in `waymark programme export`" },
	{ "organisations", "--org", "`waymark org list` lists them; `waymark org add` adds one" },
	{ "reason", "--reason", NULL },
	{ NULL, NULL, NULL },
};

/* The action's warnings, as the command line has always printed timing
 * warnings: "waymark: warning: fair-prep: ...". */
static void print_warnings(const char *activity, const struct action_result *r)
{
	const char *line = buf_str(&r->warnings);
	while (*line) {
		const char *end = strchr(line, '\n');
		int len = end ? (int)(end - line) : (int)strlen(line);
		cli_warn("%s: %.*s", activity, len, line);
		line += len + (end ? 1 : 0);
	}
}

/* The options event add and event change share; what they set is in rq
 * (and *changed says which were given). EXIT_OK, or EXIT_USAGE. */
enum { SET_DATE = 1, SET_TIME = 2, SET_YEAR = 4, SET_TITLE = 8, SET_SUBJECT = 16, SET_ORGS = 32,
       SET_ACTIVITY = 64 };

static int event_options(int argc, char **argv, const char *usage, bool change,
			 struct event_request *rq, unsigned *changed)
{
	static const struct option options[] = {
		{ "date", required_argument, NULL, 'd' },
		{ "time", required_argument, NULL, 'T' },
		{ "year-group", required_argument, NULL, 'y' },
		{ "title", required_argument, NULL, 't' },
		{ "org", required_argument, NULL, 'o' },
		{ "no-orgs", no_argument, NULL, 'O' },
		{ "subject", required_argument, NULL, 's' },
		{ "activity", required_argument, NULL, 'a' },
		{ "repeat", required_argument, NULL, 'R' },
		{ "series", no_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;
	*changed = 0;
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		long year;
		switch (opt) {
		case 'd':
			if (!cli_parse_date(optarg, "--date", &rq->date))
				return EXIT_USAGE;
			*changed |= SET_DATE;
			break;
		case 'T':
			rq->start_minutes = change && strcmp(optarg, "none") == 0 ? -1 : event_time_parse(optarg);
			if (rq->start_minutes < 0 && strcmp(optarg, "none") != 0)
				return cli_usage_error(usage, "--time: \"%s\" is not a time like 14:30%s",
						       optarg, change ? " (or none)" : "");
			*changed |= SET_TIME;
			break;
		case 'y':
			if (change && strcmp(optarg, "all") == 0)
				year = 0;
			else if (!text_to_int(optarg, 7, 13, &year))
				return cli_usage_error(usage, "--year-group: \"%s\" is not 7 to 13%s", optarg,
						       change ? " (or all)" : "");
			rq->year_group = (int)year;
			*changed |= SET_YEAR;
			break;
		case 't':
			rq->title = optarg;
			*changed |= SET_TITLE;
			break;
		case 's':
			rq->subject = optarg;
			*changed |= SET_SUBJECT;
			break;
		case 'a':
			if (!change)
				return cli_bad_option(usage, argv);
			rq->activity = optarg;
			*changed |= SET_ACTIVITY;
			break;
		case 'R':
			if (change)
				return cli_bad_option(usage, argv);
			if (strcmp(optarg, "weekly") == 0)
				rq->repeat = REPEAT_WEEKLY;
			else if (strcmp(optarg, "same-week") == 0)
				rq->repeat = REPEAT_SAME_WEEK;
			else
				return cli_usage_error(usage, "--repeat: weekly or same-week, not \"%s\"",
						       optarg);
			break;
		case 'S':
			if (!change)
				return cli_bad_option(usage, argv);
			rq->whole_series = true;
			break;
		case 'O':
			if (!change)
				return cli_bad_option(usage, argv);
			rq->organisation_count = 0;
			*changed |= SET_ORGS;
			break;
		case 'o':
			if (!(*changed & SET_ORGS))
				rq->organisation_count = 0;
			if (rq->organisation_count == EVENT_ORGANISATIONS_MAX)
				return cli_usage_error(usage, "at most %d --org options", EVENT_ORGANISATIONS_MAX);
			rq->organisations[rq->organisation_count++] = optarg;
			*changed |= SET_ORGS;
			break;
		default: return cli_bad_option(usage, argv);
		}
	}
	return cli_check_text(usage, "--title", rq->title, LIMIT_TITLE);
}

static int cmd_add(struct cli_ctx *ctx, int argc, char **argv)
{
	struct event_request rq = { .date = DATE_NONE, .start_minutes = -1, .accept_warnings = true };
	unsigned given;
	int status = event_options(argc, argv, add_usage, false, &rq, &given);
	if (status != EXIT_OK)
		return status;
	if (argc - optind != 1)
		return cli_usage_error(add_usage, "name one activity id");
	if (rq.date == DATE_NONE)
		return cli_usage_error(add_usage, "--date is required");
	rq.activity = argv[optind];

	/* Timing problems are warnings: the event may be right and the rule
	 * too strict, and the careers leader decides. */
	struct principal who = cli_principal(ctx);
	struct action_ctx actx = cli_action_ctx(ctx, &who);
	struct action_result r;
	action_result_init(&r);
	event_schedule(&actx, &rq, &r);
	print_warnings(rq.activity, &r);
	status = cli_action_status(&r, event_fields);
	if (status == EXIT_OK && r.series_id) {
		/* One id a line, as for one event; the series on stderr. */
		long long *ids;
		long n = event_store_series_members(ctx->db, ctx->school.id, r.series_id, &ids);
		for (long i = 0; i < n; i++)
			printf("%lld\n", ids[i]);
		free(ids);
		struct buf rule = BUF_INIT;
		event_series_store_rule(ctx->db, ctx->school.id, r.series_id, &rule);
		fprintf(stderr, "waymark: series %lld: %zu events, %s\n", r.series_id, r.made,
			buf_str(&rule));
		buf_free(&rule);
	} else if (status == EXIT_OK) {
		printf("%lld\n", r.id);
	}
	action_result_free(&r);
	return status;
}

/* The event named by the command's argument. */
static int event_argument(struct cli_ctx *ctx, const char *usage, int argc, char **argv,
			  struct event_info *e)
{
	long id;
	if (argc - optind != 1)
		return cli_usage_error(usage, "name one event id (`waymark event list` lists them)");
	if (!text_to_int(argv[optind], 1, LONG_MAX, &id))
		return cli_usage_error(usage, "\"%s\" is not an event id", argv[optind]);
	int found = event_store_get(ctx->db, ctx->school.id, id, e);
	if (found < 0)
		return cli_fail(EXIT_USER, "cannot read event %ld: %s", id, db_error(ctx->db));
	if (found == 0)
		return cli_fail(EXIT_USER, "there is no event %ld (`waymark event list` lists them)", id);
	return EXIT_OK;
}

static int cmd_change(struct cli_ctx *ctx, int argc, char **argv)
{
	struct event_request rq = { .date = DATE_NONE, .start_minutes = -1 };
	unsigned given;
	int status = event_options(argc, argv, change_usage, true, &rq, &given);
	struct event_info e;
	if (status != EXIT_OK || (status = event_argument(ctx, change_usage, argc, argv, &e)) != EXIT_OK)
		return status;
	if (!given)
		return cli_usage_error(change_usage, "say what to change");
	/* What was not given stays as it is. */
	struct event_request now = { .activity = e.activity_slug, .date = e.date,
				     .start_minutes = e.start_minutes, .year_group = e.year_group,
				     .title = e.title, .subject = e.subject,
				     .whole_series = rq.whole_series, .accept_warnings = true };
	if (given & SET_ACTIVITY)
		now.activity = rq.activity;
	if (given & SET_DATE)
		now.date = rq.date;
	if (given & SET_TIME)
		now.start_minutes = rq.start_minutes;
	if (given & SET_YEAR)
		now.year_group = rq.year_group;
	if (given & SET_TITLE)
		now.title = rq.title;
	if (given & SET_SUBJECT)
		now.subject = rq.subject;
	char ids[EVENT_ORGANISATIONS_MAX][24];
	if (given & SET_ORGS) {
		now.organisation_count = rq.organisation_count;
		memcpy(now.organisations, rq.organisations, sizeof now.organisations);
	} else {
		long long held[EVENT_ORGANISATIONS_MAX];
		int n = event_store_organisation_ids(ctx->db, e.id, held, EVENT_ORGANISATIONS_MAX);
		if (n < 0)
			return cli_fail(EXIT_USER, "cannot read the event's organisations: %s",
					db_error(ctx->db));
		for (int i = 0; i < n; i++) {
			snprintf(ids[i], sizeof ids[i], "%lld", held[i]);
			now.organisations[now.organisation_count++] = ids[i];
		}
	}
	struct principal who = cli_principal(ctx);
	struct action_ctx actx = cli_action_ctx(ctx, &who);
	struct action_result r;
	action_result_init(&r);
	event_change(&actx, e.id, &now, &r);
	print_warnings(now.activity, &r);
	status = cli_action_status(&r, event_fields);
	if (status == EXIT_OK && now.whole_series)
		printf("series %lld changed: %zu events\n", e.series_id, r.made);
	else if (status == EXIT_OK)
		printf("event %lld changed\n", e.id);
	action_result_free(&r);
	return status;
}

static int cmd_cancel(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option options[] = {
		{ "reason", required_argument, NULL, 'r' },
		{ "yes", no_argument, NULL, 'y' },
		{ "series", no_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 },
	};
	const char *reason = NULL;
	bool yes = false, series = false;
	int opt;
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (opt) {
		case 'r': reason = optarg; break;
		case 'y': yes = true; break;
		case 'S': series = true; break;
		default: return cli_bad_option(cancel_usage, argv);
		}
	}
	struct event_info e;
	int status = cli_check_text(cancel_usage, "--reason", reason, LIMIT_NOTE);
	if (status != EXIT_OK || (status = event_argument(ctx, cancel_usage, argc, argv, &e)) != EXIT_OK)
		return status;
	struct principal who = cli_principal(ctx);
	struct action_ctx actx = cli_action_ctx(ctx, &who);
	struct action_result r;
	action_result_init(&r);
	enum action_status done = event_cancel(&actx, e.id, reason, series, yes, &r);
	if (done == ACTION_UNCONFIRMED) {
		cli_fail(EXIT_USER, "event %lld: %.*s Add --yes to cancel it all the same.", e.id,
			 (int)strcspn(buf_str(&r.warnings), "\n"), buf_str(&r.warnings));
		status = EXIT_USER;
	} else {
		status = cli_action_status(&r, event_fields);
	}
	if (status == EXIT_OK && series)
		printf("series %lld: %zu events cancelled\n", e.series_id, r.made);
	else if (status == EXIT_OK)
		printf("event %lld cancelled\n", e.id);
	action_result_free(&r);
	return status;
}

/* event reinstate and event delete: an id, and --series for all of its
 * series. */
static int state_command(struct cli_ctx *ctx, int argc, char **argv, const char *usage, bool delete)
{
	static const struct option options[] = {
		{ "series", no_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 },
	};
	bool series = false;
	int opt;
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		if (opt != 'S')
			return cli_bad_option(usage, argv);
		series = true;
	}
	struct event_info e;
	int status = event_argument(ctx, usage, argc, argv, &e);
	if (status != EXIT_OK)
		return status;
	struct principal who = cli_principal(ctx);
	struct action_ctx actx = cli_action_ctx(ctx, &who);
	struct action_result r;
	action_result_init(&r);
	if (delete)
		event_delete(&actx, e.id, series, &r);
	else
		event_reinstate(&actx, e.id, series, &r);
	status = cli_action_status(&r, event_fields);
	const char *done = delete ? "deleted" : "reinstated";
	if (status == EXIT_OK && series)
		printf("series %lld: %zu events %s\n", e.series_id, r.made, done);
	else if (status == EXIT_OK)
		printf("event %lld %s\n", e.id, done);
	action_result_free(&r);
	return status;
}

static int cmd_reinstate(struct cli_ctx *ctx, int argc, char **argv)
{
	return state_command(ctx, argc, argv, reinstate_usage, false);
}

static int cmd_delete(struct cli_ctx *ctx, int argc, char **argv)
{
	return state_command(ctx, argc, argv, delete_usage, true);
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
			char hh_mm[6];
			json_object_set_new(e, "time", events[i].start_minutes >= 0
					    ? json_string(event_time_format(events[i].start_minutes, hh_mm))
					    : json_null());
			json_object_set_new(e, "cancelled", json_boolean(events[i].cancelled));
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
			if (events[i].cancelled)
				buf_printf(&out, "cancelled%s%s\n", events[i].cancel_reason[0] ? ": " : "",
					   events[i].cancel_reason);
			else if (events[i].marks)
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
	int status;
	if (strcmp(argv[3], "present") == 0)
		status = MARK_PRESENT;
	else if (strcmp(argv[3], "absent") == 0)
		status = MARK_ABSENT;
	else if (strcmp(argv[3], "excused") == 0)
		status = MARK_EXCUSED;
	else if (strcmp(argv[3], "unmarked") == 0)
		status = REGISTER_UNMARKED;
	else
		return cli_usage_error(cmd_mark_usage,
				       "the mark must be present, absent, excused or unmarked");
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
		/* One pupil's register save: the same checks and audit entry as
		 * the web's register page. */
		struct principal who = cli_principal(ctx);
		struct action_ctx actx = cli_action_ctx(ctx, &who);
		struct register_entry entry = { pupil->pupil.id, status };
		struct register_request rq = { .event_id = event_id, .entries = &entry, .count = 1 };
		struct register_outcome out;
		struct action_result r;
		action_result_init(&r);
		register_save(&actx, &rq, &out, &r);
		static const struct cli_field fields[] = {
			{ "date", "EVENT_ID", NULL },
			{ "pupils", "UPN", NULL },
			{ NULL, NULL, NULL },
		};
		rc = cli_action_status(&r, fields);
		if (rc == EXIT_OK)
			printf("%s: %s at %s on %s\n", argv[2],
			       status == REGISTER_UNMARKED ? "unmarked"
							   : mark_status_name((enum mark_status)status),
			       event.activity_name,
			       date_format_iso(event.date, (char[DATE_ISO_LEN]){ 0 }));
		action_result_free(&r);
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
		struct principal who = cli_principal(ctx);
		struct action_ctx actx = cli_action_ctx(ctx, &who);
		struct action_result r;
		action_result_init(&r);
		if (selection_replace(&actx, a->id, year, student_ids, n, &r) == ACTION_OK) {
			char read_as[64];
			printf("%s: %zu pupil%s selected for %s%s\n", a->id, n, n == 1 ? "" : "s",
			       academic_year_format(year, (char[8]){ 0 }),
			       from_file ? cli_read_as(ids.encoding, ids.encoding_named, read_as) : "");
		}
		status = cli_action_status(&r, NULL);
		action_result_free(&r);
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
	static const struct cli_field fields[] = {
		{ "name", "NAME", NULL }, { "kind", "--kind", NULL }, { "sector", "--sector", NULL },
		{ "size", "--size", NULL }, { NULL, NULL, NULL },
	};
	struct organisation_request rq = { name, kind, sector, size };
	struct principal who = cli_principal(ctx);
	struct action_ctx actx = cli_action_ctx(ctx, &who);
	struct action_result r;
	action_result_init(&r);
	organisation_add(&actx, &rq, &r);
	int status = cli_action_status(&r, fields);
	if (status == EXIT_OK)
		printf("%lld\n", r.id);
	action_result_free(&r);
	return status;
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
	if (status == EXIT_OK) {
		struct planned_event_row *rows = xcalloc(im.count + 1, sizeof *rows);
		for (size_t i = 0; i < im.count; i++)
			rows[i] = (struct planned_event_row){ im.items[i].activity->db_id, im.items[i].date,
							      im.items[i].year_group, im.items[i].title,
							      im.items[i].subject };
		struct principal who = cli_principal(ctx);
		struct action_ctx actx = cli_action_ctx(ctx, &who);
		struct action_result r;
		action_result_init(&r);
		long existing;
		if (event_plan_import(&actx, rows, im.count, path, &existing, &r) == ACTION_OK) {
			char read_as[64];
			printf("%s: %zu event%s added, %ld already there%s\n", path, r.made,
			       r.made == 1 ? "" : "s", existing,
			       cli_read_as(info.encoding, info.encoding_named, read_as));
		}
		status = cli_action_status(&r, NULL);
		action_result_free(&r);
		free(rows);
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
	{ "change", cmd_change, CMD_NEEDS_SCHOOL | CMD_WRITES, "move or change an event", change_usage,
	  NULL },
	{ "cancel", cmd_cancel, CMD_NEEDS_SCHOOL | CMD_WRITES, "cancel an event (kept, counted nowhere)",
	  cancel_usage, NULL },
	{ "reinstate", cmd_reinstate, CMD_NEEDS_SCHOOL | CMD_WRITES, "undo a cancellation",
	  reinstate_usage, NULL },
	{ "delete", cmd_delete, CMD_NEEDS_SCHOOL | CMD_WRITES, "delete an event that has no register",
	  delete_usage, NULL },
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

