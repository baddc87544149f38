#include "action/event_action.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "domain/calendar.h"
#include "domain/limits.h"
#include "domain/programme.h"
#include "domain/timing.h"
#include "store/audit_store.h"
#include "store/calendar_store.h"
#include "store/event_store.h"
#include "store/programme_store.h"
#include "util/text.h"

/* A request once checked: what the event will be, with its names
 * resolved. */
struct checked {
	struct programme programme;
	bool have_programme;
	const struct activity *activity;
	const char *subject;             /* the programme's spelling, or NULL */
	long long organisations[EVENT_ORGANISATIONS_MAX];
	size_t organisation_count;
	struct event_fields fields;
};

static void checked_free(struct checked *c)
{
	if (c->have_programme)
		programme_free(&c->programme);
}

static enum action_status forbidden(const struct action_ctx *ctx, struct action_result *r)
{
	if (action_allowed(ctx->who, ROLES_CAREERS))
		return ACTION_OK;
	return action_problem(r, ACTION_FORBIDDEN, "",
			      "Only the careers leader or an administrator can change the events.");
}

static enum action_status load_programme(const struct action_ctx *ctx, struct checked *c,
					 struct action_result *r)
{
	int found = programme_store_load(ctx->db, ctx->school_id, &c->programme);
	c->have_programme = found == 1;
	if (found == 1)
		return ACTION_OK;
	if (found == 0)
		return action_problem(r, ACTION_CONFLICT, "",
				      "This school has no programme yet: import one first.");
	return action_problem(r, ACTION_FAILED, "", "The programme could not be read. Try again.");
}

/* Checks everything in rq that does not depend on the records' present
 * state; fills c. Problems go in r. */
static void check_request(const struct action_ctx *ctx, const struct event_request *rq,
			  struct checked *c, struct action_result *r)
{
	c->activity = rq->activity && *rq->activity
		? programme_find_activity(&c->programme, rq->activity) : NULL;
	if (!rq->activity || !*rq->activity)
		action_problem(r, ACTION_INVALID, "activity", "Choose the activity.");
	else if (!c->activity)
		action_problem(r, ACTION_INVALID, "activity",
			       "\"%s\" is not one of the programme's activities.", rq->activity);
	else if (c->activity->retired)
		action_problem(r, ACTION_INVALID, "activity",
			       "%s is retired from the programme: choose a current activity.",
			       c->activity->name);
	if (c->activity && c->activity->retired)
		c->activity = NULL;
	if (rq->date == DATE_NONE)
		action_problem(r, ACTION_INVALID, "date", "Enter the date, like 2025-10-16.");
	if (rq->start_minutes < -1 || rq->start_minutes >= 24 * 60)
		action_problem(r, ACTION_INVALID, "time", "Enter the time as hours and minutes, like 14:30.");
	if (rq->year_group && (rq->year_group < YEAR_GROUP_FIRST || rq->year_group > YEAR_GROUP_LAST))
		action_problem(r, ACTION_INVALID, "year_group", "Choose a year group from 7 to 13.");
	else if (rq->year_group && c->activity && !((c->activity->year_groups >> rq->year_group) & 1)) {
		struct buf years = BUF_INIT;
		year_groups_describe(&years, c->activity->year_groups);
		action_problem(r, ACTION_INVALID, "year_group",
			       "%s is for %s, not Year %d: choose one of its year groups.",
			       c->activity->name, buf_str(&years), rq->year_group);
		buf_free(&years);
	}
	const char *title_problem = rq->title ? text_limit_problem(rq->title, LIMIT_TITLE, true) : NULL;
	if (title_problem)
		action_problem(r, ACTION_INVALID, "title",
			       "The title %s: shorten it to %d characters or fewer, on one line.",
			       title_problem, LIMIT_TITLE);
	c->subject = NULL;
	if (rq->subject && *rq->subject && !(c->subject = programme_subject(&c->programme, rq->subject)))
		action_problem(r, ACTION_INVALID, "subject",
			       "\"%s\" is not one of the programme's subjects: choose one of them, or none.",
			       rq->subject);
	if (rq->organisation_count > EVENT_ORGANISATIONS_MAX)
		action_problem(r, ACTION_INVALID, "organisations", "Choose up to %d organisations.",
			       EVENT_ORGANISATIONS_MAX);
	c->organisation_count = 0;
	for (size_t i = 0; i < rq->organisation_count && i < EVENT_ORGANISATIONS_MAX; i++) {
		long long id;
		int found = organisation_store_find(ctx->db, ctx->school_id, rq->organisations[i], &id);
		if (found < 0) {
			action_problem(r, ACTION_FAILED, "organisations",
				       "The organisations could not be read. Try again.");
			return;
		}
		if (found == 0) {
			action_problem(r, ACTION_INVALID, "organisations",
				       "There is no organisation \"%s\": add it to the organisations first.",
				       rq->organisations[i]);
			continue;
		}
		bool repeated = false;
		for (size_t k = 0; k < c->organisation_count; k++)
			repeated = repeated || c->organisations[k] == id;
		if (!repeated)
			c->organisations[c->organisation_count++] = id;
	}
	c->fields = (struct event_fields){
		.activity_id = c->activity ? c->activity->db_id : 0,
		.date = rq->date,
		.start_minutes = rq->start_minutes,
		.year_group = rq->year_group,
		.title = rq->title,
		.subject = c->subject,
	};
}

/* The same words for two year groups are one warning. */
static void add_warning(void *ctx, const char *problem)
{
	struct action_result *r = ctx;
	const char *s = buf_str(&r->warnings);
	size_t n = strlen(problem);
	for (const char *line = s; *line;) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		if (len == n && memcmp(line, problem, n) == 0)
			return;
		line += len + (end ? 1 : 0);
	}
	action_warning(r, "%s", problem);
}

static unsigned served_years(const struct event_info *e)
{
	return e->year_group ? 1u << e->year_group : e->activity_year_groups;
}

/* The first going-ahead event of the activity named by slug serving
 * year_group, other than event `except`, or DATE_NONE. */
static date_t first_session(const struct event_info *events, long count, const char *slug,
			    int year_group, long long except)
{
	for (long i = 0; i < count; i++)
		if (events[i].id != except && !events[i].cancelled &&
		    strcmp(events[i].activity_slug, slug) == 0 &&
		    ((served_years(&events[i]) >> year_group) & 1))
			return events[i].date;
	return DATE_NONE;
}

/* The timing problems of the event's date, as `waymark check timing` finds
 * them: once for each year group it serves. -1 if the records cannot be
 * read. */
static int check_timing(const struct action_ctx *ctx, const struct checked *c, long long except,
			struct action_result *r)
{
	const struct activity *a = c->activity;
	date_t date = c->fields.date;
	int start_year = academic_year_of(date);
	struct school_calendar cal;
	calendar_init(&cal, 0);
	int have = calendar_store_load(ctx->db, ctx->school_id, start_year, &cal);
	if (have < 0) {
		calendar_free(&cal);
		return -1;
	}
	char label[8];
	if (have == 0) {
		action_warning(r, "There is no calendar for %s, so the timing cannot be checked.",
			       academic_year_format(start_year, label));
		calendar_free(&cal);
		return 0;
	}
	/* Once for each year group it serves, as `waymark check timing` does:
	 * the date against the rule, then the activity's sessions together
	 * (consecutive days, once a term) with this one among them. */
	struct event_info *events;
	long count = event_store_list(ctx->db, ctx->school_id, academic_year_first_day(start_year),
				      academic_year_last_day(start_year), &events);
	if (count < 0) {
		calendar_free(&cal);
		return -1;
	}
	date_t *sessions = calloc((size_t)count + 1, sizeof *sessions);
	unsigned served = c->fields.year_group ? 1u << c->fields.year_group : a->year_groups;
	for (int y = YEAR_GROUP_FIRST; y <= YEAR_GROUP_LAST; y++) {
		if (!((served >> y) & 1))
			continue;
		date_t first = a->timing.before_activity
			? first_session(events, count, a->timing.before_activity, y, except) : DATE_NONE;
		timing_check_date(&a->timing, &cal, date, first, add_warning, r);
		size_t n = 0;
		bool placed = false;
		for (long i = 0; i < count; i++) {
			const struct event_info *e = &events[i];
			if (e->id == except || e->cancelled || strcmp(e->activity_slug, a->id) != 0 ||
			    !((served_years(e) >> y) & 1))
				continue;
			if (!placed && date < e->date) {
				sessions[n++] = date;
				placed = true;
			}
			sessions[n++] = e->date;
		}
		if (!placed)
			sessions[n++] = date;
		timing_check_sessions(&a->timing, &cal, sessions, n, add_warning, r);
	}
	free(sessions);
	free(events);
	calendar_free(&cal);
	return 0;
}

/* The event as the audit log records it. */
static json_t *event_json(const struct action_ctx *ctx, const char *activity_slug,
			  const struct event_fields *f, const long long *organisations, size_t count)
{
	char iso[DATE_ISO_LEN], hh_mm[6];
	json_t *o = json_object();
	json_object_set_new(o, "activity", json_string(activity_slug));
	json_object_set_new(o, "date", json_string(date_format_iso(f->date, iso)));
	json_object_set_new(o, "time", f->start_minutes >= 0
				       ? json_string(event_time_format(f->start_minutes, hh_mm))
				       : json_null());
	json_object_set_new(o, "year_group", f->year_group ? json_integer(f->year_group) : json_null());
	json_object_set_new(o, "title", f->title && *f->title ? json_string(f->title) : json_null());
	json_object_set_new(o, "subject", f->subject && *f->subject ? json_string(f->subject)
								     : json_null());
	json_t *names = json_array();
	struct organisation_info *orgs = NULL;
	long n = organisation_store_list(ctx->db, ctx->school_id, &orgs);
	for (size_t i = 0; i < count; i++)
		for (long k = 0; k < n; k++)
			if (orgs[k].id == organisations[i])
				json_array_append_new(names, json_string(orgs[k].name));
	free(orgs);
	json_object_set_new(o, "organisations", names);
	return o;
}

static int audit(const struct action_ctx *ctx, const char *action, long long id, json_t *detail)
{
	char key[24];
	snprintf(key, sizeof key, "%lld", id);
	char *text = json_dumps(detail, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(detail);
	int rc = text ? audit_record(ctx->db, ctx->school_id, ctx->who->actor, action, "event", key,
				     text)
		      : -1;
	free(text);
	return rc;
}

/* An event as it stands, with its organisations. 1, 0 (none), -1. */
struct current {
	struct event_info info;
	long long organisations[EVENT_ORGANISATIONS_MAX];
	int organisation_count;
	struct event_fields fields;
};

static int load_current(const struct action_ctx *ctx, long long id, struct current *cur)
{
	int found = event_store_get(ctx->db, ctx->school_id, id, &cur->info);
	if (found != 1)
		return found;
	cur->organisation_count = event_store_organisation_ids(ctx->db, id, cur->organisations,
							       EVENT_ORGANISATIONS_MAX);
	if (cur->organisation_count < 0)
		return -1;
	cur->fields = (struct event_fields){
		.activity_id = cur->info.activity_id,
		.date = cur->info.date,
		.start_minutes = cur->info.start_minutes,
		.year_group = cur->info.year_group,
		.title = cur->info.title,
		.subject = cur->info.subject,
	};
	return 1;
}

static enum action_status not_found(struct action_result *r, int found)
{
	if (found < 0)
		return action_problem(r, ACTION_FAILED, "", "The event could not be read. Try again.");
	return action_problem(r, ACTION_NOT_FOUND, "", "There is no such event.");
}

static enum action_status save_failed(const struct action_ctx *ctx, struct action_result *r)
{
	return action_problem(r, ACTION_FAILED, "", "The event could not be saved (%s). Try again.",
			      db_error(ctx->db));
}

/* ---- schedule ---- */

enum { SERIES_MAX = EVENT_SERIES_MAX };

struct schedule_job {
	const struct action_ctx *ctx;
	const struct checked *c;
	const date_t *dates;             /* one event each */
	size_t count;
	const char *rule;                /* a series' rule, or NULL for one event */
	size_t warnings_accepted;
	long long id, series_id;
};

static int schedule_body(struct db *db, void *arg)
{
	struct schedule_job *job = arg;
	const struct checked *c = job->c;
	job->series_id = 0;
	if (job->rule &&
	    event_series_store_add(db, job->ctx->school_id, job->rule, job->ctx->now, &job->series_id) != 0)
		return -1;
	for (size_t i = 0; i < job->count; i++) {
		struct event_fields f = c->fields;
		f.date = job->dates[i];
		long long id;
		if (event_store_add(db, job->ctx->school_id, f.activity_id, f.date, f.year_group, f.title,
				    f.subject, &id) != 0 ||
		    (f.start_minutes >= 0 && event_store_set_time(db, id, f.start_minutes) != 0) ||
		    (job->series_id && event_store_set_series(db, id, job->series_id) != 0) ||
		    event_store_set_organisations(db, id, c->organisations, c->organisation_count) != 0)
			return -1;
		if (i == 0)
			job->id = id;
		json_t *detail = json_object();
		json_object_set_new(detail, "after", event_json(job->ctx, c->activity->id, &f,
								c->organisations, c->organisation_count));
		json_object_set_new(detail, "timing_warnings_overridden",
				    json_integer((json_int_t)job->warnings_accepted));
		if (job->series_id) {
			json_object_set_new(detail, "series", json_integer(job->series_id));
			json_object_set_new(detail, "rule", json_string(job->rule));
		}
		if (audit(job->ctx, "event.add", id, detail) != 0)
			return -1;
	}
	return 0;
}

/* The timing warnings of every date, and whether to go on. */
static enum action_status warnings_gate(const struct action_ctx *ctx, struct checked *c,
					const struct event_request *rq, const date_t *dates,
					size_t count, long long except, struct action_result *r)
{
	date_t kept = c->fields.date;
	for (size_t i = 0; i < count; i++) {
		c->fields.date = dates[i];
		if (check_timing(ctx, c, except, r) != 0) {
			c->fields.date = kept;
			return action_problem(r, ACTION_FAILED, "",
					      "The calendar could not be read. Try again.");
		}
	}
	c->fields.date = kept;
	if (r->warning_count && !rq->accept_warnings)
		r->status = ACTION_UNCONFIRMED;
	return r->status;
}

/* The dates of a repeat from rq->date and its rule in words, or a problem. */
static void repeat_dates(const struct action_ctx *ctx, const struct event_request *rq,
			 date_t *dates, size_t *count, struct buf *rule, struct action_result *r)
{
	struct school_calendar cal;
	calendar_init(&cal, 0);
	int have = calendar_store_load(ctx->db, ctx->school_id, academic_year_of(rq->date), &cal);
	char label[8], first[DATE_ISO_LEN], last[DATE_ISO_LEN];
	if (have < 0) {
		action_problem(r, ACTION_FAILED, "", "The calendar could not be read. Try again.");
	} else if (have == 0) {
		action_problem(r, ACTION_INVALID, "repeat",
			       "A repeating event needs the calendar for %s, to know its terms and "
			       "weeks: add the calendar first.",
			       academic_year_format(academic_year_of(rq->date), label));
	} else {
		bool same_week = rq->repeat == REPEAT_SAME_WEEK;
		size_t n = calendar_weekly_repeat(&cal, rq->date, same_week, dates, SERIES_MAX);
		const struct term *t = calendar_term_of(&cal, rq->date);
		char week = calendar_week_of(&cal, rq->date);
		if (n == 0) {
			action_problem(r, ACTION_INVALID, "date",
				       "%s is not a school day, so a repeat cannot start on it.",
				       date_format_iso(rq->date, first));
		} else if (n > SERIES_MAX) {
			action_problem(r, ACTION_INVALID, "repeat",
				       "That repeat makes %zu events: at most %d are made at once.", n,
				       SERIES_MAX);
		} else {
			*count = n;
			buf_printf(rule, "every %s", weekday_title(date_weekday(rq->date)));
			if (same_week && week)
				buf_printf(rule, " in week %c", week);
			buf_printf(rule, " of Term %d (%s), %s to %s", t->ordinal, t->label,
				   date_format_iso(dates[0], first), date_format_iso(dates[n - 1], last));
		}
	}
	calendar_free(&cal);
}

enum action_status event_schedule(const struct action_ctx *ctx, const struct event_request *rq,
				  struct action_result *r)
{
	struct checked c = { 0 };
	date_t dates[SERIES_MAX];
	size_t count = 1;
	struct buf rule = BUF_INIT;
	dates[0] = rq->date;
	if (forbidden(ctx, r) != ACTION_OK || load_programme(ctx, &c, r) != ACTION_OK)
		goto done;
	check_request(ctx, rq, &c, r);
	if (r->status == ACTION_OK && rq->repeat != REPEAT_NONE)
		repeat_dates(ctx, rq, dates, &count, &rule, r);
	if (r->status != ACTION_OK ||
	    warnings_gate(ctx, &c, rq, dates, count, 0, r) != ACTION_OK || rq->dry_run) {
		r->made = count;
		goto done;
	}
	struct schedule_job job = { ctx, &c, dates, count, rule.len ? buf_str(&rule) : NULL,
				    r->warning_count, 0, 0 };
	if (db_transaction(ctx->db, schedule_body, &job) != 0) {
		save_failed(ctx, r);
	} else {
		r->id = job.id;
		r->series_id = job.series_id;
		r->made = count;
	}
done:
	buf_free(&rule);
	checked_free(&c);
	return r->status;
}

/* ---- the events an action is about: one, or its whole series ---- */

struct members {
	struct current *events;
	size_t count;
};

static void members_free(struct members *m)
{
	free(m->events);
	m->events = NULL;
	m->count = 0;
}

/* The principal may change events and event id exists: true with cur
 * filled; otherwise false with the problem in r. */
static bool open_event(const struct action_ctx *ctx, long long id, struct current *cur,
		       struct action_result *r)
{
	if (forbidden(ctx, r) != ACTION_OK)
		return false;
	int found = load_current(ctx, id, cur);
	if (found != 1)
		not_found(r, found);
	return found == 1;
}

/* Event id, or with whole_series every event of its series in date order
 * (the event itself among them). false with the problem in r. */
static bool open_events(const struct action_ctx *ctx, long long id, bool whole_series,
			struct current *cur, struct members *m, struct action_result *r)
{
	*m = (struct members){ 0 };
	if (!open_event(ctx, id, cur, r))
		return false;
	if (!whole_series) {
		m->events = malloc(sizeof *m->events);
		m->events[0] = *cur;
		m->count = 1;
		return true;
	}
	if (!cur->info.series_id) {
		action_problem(r, ACTION_CONFLICT, "", "This event is not one of a repeating series.");
		return false;
	}
	long long *ids;
	long n = event_store_series_members(ctx->db, ctx->school_id, cur->info.series_id, &ids);
	if (n < 0) {
		not_found(r, -1);
		return false;
	}
	m->events = calloc((size_t)n + 1, sizeof *m->events);
	for (long i = 0; i < n; i++) {
		int found = load_current(ctx, ids[i], &m->events[m->count]);
		if (found < 0) {
			free(ids);
			members_free(m);
			not_found(r, -1);
			return false;
		}
		if (found == 1)
			m->count++;
	}
	free(ids);
	return true;
}

/* ---- change ---- */

struct change_job {
	const struct action_ctx *ctx;
	const struct checked *c;
	const struct members *before;
	const struct event_fields *after;   /* one for each of before */
};

static int change_body(struct db *db, void *arg)
{
	struct change_job *job = arg;
	const struct checked *c = job->c;
	for (size_t i = 0; i < job->before->count; i++) {
		const struct current *was = &job->before->events[i];
		long long id = was->info.id;
		int changed = event_store_update(db, job->ctx->school_id, id, &job->after[i]);
		if (changed != 1 ||
		    event_store_set_organisations(db, id, c->organisations, c->organisation_count) != 0)
			return -1;
		json_t *detail = json_object();
		json_object_set_new(detail, "before",
				    event_json(job->ctx, was->info.activity_slug, &was->fields,
					       was->organisations, (size_t)was->organisation_count));
		json_object_set_new(detail, "after", event_json(job->ctx, c->activity->id, &job->after[i],
								c->organisations, c->organisation_count));
		if (job->before->count > 1)
			json_object_set_new(detail, "series", json_integer(was->info.series_id));
		if (audit(job->ctx, "event.change", id, detail) != 0)
			return -1;
	}
	return 0;
}

/* What a register forbids of a change. */
static void check_register(const struct action_ctx *ctx, const struct current *cur,
			   const struct event_fields *after, struct action_result *r)
{
	if (!cur->info.marks)
		return;
	char iso[DATE_ISO_LEN], on[DATE_ISO_LEN];
	date_format_iso(cur->info.date, on);
	if (after->activity_id != cur->info.activity_id)
		action_problem(r, ACTION_CONFLICT, "activity",
			       "Its register (%s) was taken for %s, so the event keeps its activity: "
			       "cancel it and schedule the other activity instead.",
			       on, cur->info.activity_name);
	if (after->year_group != cur->info.year_group)
		action_problem(r, ACTION_CONFLICT, "year_group",
			       "Its register (%s) was taken for these year groups, so they stay as they "
			       "are.", on);
	if (after->date != DATE_NONE && academic_year_of(after->date) != academic_year_of(cur->info.date))
		action_problem(r, ACTION_CONFLICT, "date",
			       "Its register (%s) belongs to its academic year: the event can move "
			       "within that year only.", on);
	else if (after->date != DATE_NONE && after->date > ctx->today)
		action_problem(r, ACTION_CONFLICT, "date",
			       "Its register (%s) has been taken, so it cannot move after today (%s).",
			       on, date_format_iso(ctx->today, iso));
}

enum action_status event_change(const struct action_ctx *ctx, long long id,
				const struct event_request *rq, struct action_result *r)
{
	struct checked c = { 0 };
	struct current cur;
	struct members m = { 0 };
	struct event_fields *after = NULL;
	date_t *dates = NULL;
	r->id = id;
	if (!open_events(ctx, id, rq->whole_series, &cur, &m, r) ||
	    load_programme(ctx, &c, r) != ACTION_OK)
		goto done;
	check_request(ctx, rq, &c, r);
	if (r->status != ACTION_OK)
		goto done;
	/* A series moves together: each event by as many days as this one. */
	int shift = rq->date - cur.info.date;
	after = calloc(m.count, sizeof *after);
	dates = calloc(m.count, sizeof *dates);
	for (size_t i = 0; i < m.count; i++) {
		after[i] = c.fields;
		after[i].date = dates[i] = m.events[i].info.date + shift;
		check_register(ctx, &m.events[i], &after[i], r);
	}
	r->made = m.count;
	if (r->status != ACTION_OK ||
	    warnings_gate(ctx, &c, rq, dates, m.count, id, r) != ACTION_OK || rq->dry_run)
		goto done;
	struct change_job job = { ctx, &c, &m, after };
	if (db_transaction(ctx->db, change_body, &job) != 0)
		save_failed(ctx, r);
done:
	free(after);
	free(dates);
	members_free(&m);
	checked_free(&c);
	return r->status;
}

/* ---- cancel, reinstate, delete ---- */

enum state_change { JOB_CANCEL, JOB_REINSTATE, JOB_DELETE };

struct state_job {
	const struct action_ctx *ctx;
	const struct members *events;
	const char *reason;
	enum state_change what;
};

static int state_body(struct db *db, void *arg)
{
	struct state_job *job = arg;
	for (size_t i = 0; i < job->events->count; i++) {
		const struct current *cur = &job->events->events[i];
		long long id = cur->info.id;
		json_t *detail = json_object();
		json_object_set_new(detail, "before",
				    event_json(job->ctx, cur->info.activity_slug, &cur->fields,
					       cur->organisations, (size_t)cur->organisation_count));
		int rc;
		const char *action;
		switch (job->what) {
		case JOB_CANCEL:
			action = "event.cancel";
			json_object_set_new(detail, "reason", job->reason && *job->reason
							 ? json_string(job->reason) : json_null());
			json_object_set_new(detail, "marks", json_integer(cur->info.marks));
			rc = event_store_set_cancelled(db, id, true, job->ctx->now, job->reason);
			break;
		case JOB_REINSTATE:
			action = "event.reinstate";
			rc = event_store_set_cancelled(db, id, false, 0, NULL);
			break;
		default:
			action = "event.delete";
			rc = event_store_delete(db, job->ctx->school_id, id);
			break;
		}
		if (cur->info.series_id && job->events->count > 1)
			json_object_set_new(detail, "series", json_integer(cur->info.series_id));
		if (rc != 0) {
			json_decref(detail);
			return -1;
		}
		if (audit(job->ctx, action, id, detail) != 0)
			return -1;
	}
	return 0;
}

static enum action_status run_state(const struct action_ctx *ctx, struct state_job *job,
				    struct action_result *r)
{
	r->made = job->events->count;
	if (db_transaction(ctx->db, state_body, job) != 0)
		save_failed(ctx, r);
	return r->status;
}

/* Keeps the events of m that keep(event) is true of. */
static void members_keep(struct members *m, bool (*keep)(const struct current *, date_t),
			 date_t today)
{
	size_t kept = 0;
	for (size_t i = 0; i < m->count; i++)
		if (keep(&m->events[i], today))
			m->events[kept++] = m->events[i];
	m->count = kept;
}

/* A series is cancelled from today on: what has happened stays. */
static bool still_to_come(const struct current *e, date_t today)
{
	return !e->info.cancelled && e->info.date >= today;
}

static bool is_cancelled(const struct current *e, date_t today)
{
	(void)today;
	return e->info.cancelled;
}

enum action_status event_cancel(const struct action_ctx *ctx, long long id, const char *reason,
				bool whole_series, bool accept_warnings, struct action_result *r)
{
	struct current cur;
	struct members m;
	r->id = id;
	if (!open_events(ctx, id, whole_series, &cur, &m, r))
		return r->status;
	const char *problem = reason ? text_limit_problem(reason, LIMIT_NOTE, true) : NULL;
	if (problem) {
		action_problem(r, ACTION_INVALID, "reason",
			       "The reason %s: shorten it to %d characters or fewer, on one line.",
			       problem, LIMIT_NOTE);
		goto done;
	}
	if (whole_series)
		members_keep(&m, still_to_come, ctx->today);
	if (!whole_series && cur.info.cancelled) {
		action_problem(r, ACTION_CONFLICT, "", "The event is cancelled already.");
		goto done;
	}
	if (m.count == 0) {
		action_problem(r, ACTION_CONFLICT, "",
			       "No event of the series is still to come: there is nothing to cancel.");
		goto done;
	}
	int marks = 0;
	for (size_t i = 0; i < m.count; i++)
		marks += m.events[i].info.marks;
	if (marks) {
		action_warning(r, "%s %d mark%s: once %s cancelled they count in no figure "
				  "(they are kept, and count again if it is reinstated).",
			       m.count > 1 ? "Their registers have" : "Its register has", marks,
			       marks == 1 ? "" : "s", m.count > 1 ? "they are" : "it is");
		if (!accept_warnings) {
			r->status = ACTION_UNCONFIRMED;
			goto done;
		}
	}
	struct state_job job = { ctx, &m, reason, JOB_CANCEL };
	run_state(ctx, &job, r);
done:
	members_free(&m);
	return r->status;
}

enum action_status event_reinstate(const struct action_ctx *ctx, long long id, bool whole_series,
				   struct action_result *r)
{
	struct current cur;
	struct members m;
	r->id = id;
	if (!open_events(ctx, id, whole_series, &cur, &m, r))
		return r->status;
	members_keep(&m, is_cancelled, ctx->today);
	if (m.count == 0)
		action_problem(r, ACTION_CONFLICT, "", whole_series
			       ? "No event of the series is cancelled." : "The event is not cancelled.");
	else {
		struct state_job job = { ctx, &m, NULL, JOB_REINSTATE };
		run_state(ctx, &job, r);
	}
	members_free(&m);
	return r->status;
}

enum action_status event_delete(const struct action_ctx *ctx, long long id, bool whole_series,
				struct action_result *r)
{
	struct current cur;
	struct members m;
	r->id = id;
	if (!open_events(ctx, id, whole_series, &cur, &m, r))
		return r->status;
	int marks = 0, with_register = 0;
	for (size_t i = 0; i < m.count; i++) {
		marks += m.events[i].info.marks;
		with_register += m.events[i].info.marks > 0;
	}
	if (marks && !whole_series)
		action_problem(r, ACTION_CONFLICT, "",
			       "The event has a register of %d mark%s, so it cannot be deleted: "
			       "cancel it instead, which keeps the register but counts it nowhere.",
			       marks, marks == 1 ? "" : "s");
	else if (marks)
		action_problem(r, ACTION_CONFLICT, "",
			       "%d of the series' events have a register, so the series cannot be "
			       "deleted: cancel it instead, which keeps the registers but counts the "
			       "events from today on nowhere.", with_register);
	else {
		struct state_job job = { ctx, &m, NULL, JOB_DELETE };
		run_state(ctx, &job, r);
	}
	members_free(&m);
	return r->status;
}

struct plan_job {
	const struct action_ctx *ctx;
	const struct planned_event_row *rows;
	size_t count;
	const char *file_name;
	long added, existing;
};

static int plan_body(struct db *db, void *arg)
{
	struct plan_job *job = arg;
	long long school = job->ctx->school_id;
	job->added = job->existing = 0;
	for (size_t i = 0; i < job->count; i++) {
		const struct planned_event_row *p = &job->rows[i];
		long long id;
		int found = event_store_find(db, school, p->activity_id, p->date, p->year_group,
					     p->subject, &id);
		if (found == 1) {
			job->existing++;
			continue;
		}
		if (found != 0 || event_store_add(db, school, p->activity_id, p->date, p->year_group,
						  p->title, p->subject, &id) != 0)
			return -1;
		job->added++;
	}
	char detail[96];
	snprintf(detail, sizeof detail, "%ld event%s added, %ld already there", job->added,
		 job->added == 1 ? "" : "s", job->existing);
	return audit_record(db, school, job->ctx->who->actor, "event.import", "events",
			    job->file_name, detail) != 0 ? -1 : 0;
}

enum action_status event_plan_import(const struct action_ctx *ctx,
				     const struct planned_event_row *rows, size_t count,
				     const char *file_name, long *existing, struct action_result *r)
{
	*existing = 0;
	if (!action_allowed(ctx->who, ROLES_CAREERS))
		return action_problem(r, ACTION_FORBIDDEN, "",
				      "Only the careers leader or an administrator can import events.");
	struct plan_job job = { ctx, rows, count, file_name, 0, 0 };
	if (db_transaction(ctx->db, plan_body, &job) != 0)
		return action_problem(r, ACTION_FAILED, "", "The events could not be added: %s",
				      db_error(ctx->db));
	r->made = (size_t)job.added;
	*existing = job.existing;
	return r->status;
}
