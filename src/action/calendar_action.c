#include "action/calendar_action.h"

#include <stdio.h>

#include "store/audit_store.h"
#include "store/calendar_store.h"
#include "util/text.h"

enum { REFUSED = 1 };

static bool may_change(const struct action_ctx *ctx, struct action_result *r)
{
	if (action_allowed(ctx->who, ROLES_CAREERS))
		return true;
	action_problem(r, ACTION_FORBIDDEN, "",
		       "Only the careers leader or an administrator can change the calendar.");
	return false;
}

struct replace_job {
	const struct action_ctx *ctx;
	const struct school_calendar *cal;
	const char *file_name;
};

static int replace_body(struct db *db, void *arg)
{
	struct replace_job *job = arg;
	char label[8];
	academic_year_format(job->cal->start_year, label);
	return calendar_store_save(db, job->ctx->school_id, job->cal) != 0 ||
	       audit_record(db, job->ctx->school_id, job->ctx->who->actor, "calendar.import",
			    "academic_year", label, job->file_name) != 0
		? -1 : 0;
}

enum action_status calendar_replace(const struct action_ctx *ctx,
				    const struct school_calendar *cal, const char *file_name,
				    struct action_result *r)
{
	if (!may_change(ctx, r))
		return r->status;
	struct replace_job job = { ctx, cal, file_name };
	if (db_transaction(ctx->db, replace_body, &job) != 0)
		return action_problem(r, ACTION_FAILED, "", "The calendar could not be saved: %s",
				      db_error(ctx->db));
	r->made = 1;
	return r->status;
}

/* A change to one year's stored calendar: made to what is stored when the
 * transaction runs. */
struct edit_job {
	const struct action_ctx *ctx;
	int start_year;
	const char *name;      /* calendar_name_date */
	date_t date;
	char letter;           /* calendar_letter_week, else 0 */
	struct action_result *r;
};

static int edit_body(struct db *db, void *arg)
{
	struct edit_job *job = arg;
	struct action_result *r = job->r;
	r->problem_count = 0;
	r->status = ACTION_OK;
	char label[8], iso[DATE_ISO_LEN], detail[160];
	academic_year_format(job->start_year, label);
	struct school_calendar cal;
	int found = calendar_store_load(db, job->ctx->school_id, job->start_year, &cal);
	if (found <= 0) {
		if (found < 0)
			return -1;
		action_problem(r, ACTION_NOT_FOUND, "",
			       "There is no calendar for %s: import that year's calendar first.",
			       label);
		return REFUSED;
	}
	int rc = 0;
	const char *action;
	if (job->letter) {
		action = "calendar.set-week";
		if (!calendar_set_week(&cal, job->date, job->letter)) {
			action_problem(r, ACTION_INVALID, "date",
				       "The week of %s has no school days in the %s calendar.",
				       date_format_iso(job->date, iso), label);
			rc = REFUSED;
		}
		snprintf(detail, sizeof detail, "%s=%c",
			 date_format_iso(date_week_monday(job->date), iso), job->letter);
	} else {
		action = "calendar.set-date";
		calendar_set_named_date(&cal, job->name, job->date);
		struct diag_list diags;
		diag_init(&diags, NULL);
		if (!calendar_check(&cal, &diags)) {
			for (size_t i = 0; i < diags.count; i++)
				if (diags.items[i].severity == DIAG_ERROR)
					action_problem(r, ACTION_INVALID, "date", "%s",
						       diags.items[i].message);
			rc = REFUSED;
		}
		diag_free(&diags);
		snprintf(detail, sizeof detail, "%s=%s", job->name, date_format_iso(job->date, iso));
	}
	if (rc == 0 && (calendar_store_save(db, job->ctx->school_id, &cal) != 0 ||
			audit_record(db, job->ctx->school_id, job->ctx->who->actor, action,
				     "academic_year", label, detail) != 0))
		rc = -1;
	calendar_free(&cal);
	return rc;
}

static enum action_status run_edit(struct edit_job *job)
{
	int rc = db_transaction(job->ctx->db, edit_body, job);
	if (rc < 0)
		return action_problem(job->r, ACTION_FAILED, "", "The calendar could not be saved: %s",
				      db_error(job->ctx->db));
	job->r->made = rc == 0;
	return job->r->status;
}

enum action_status calendar_name_date(const struct action_ctx *ctx, int start_year,
				      const char *name, date_t date, struct action_result *r)
{
	if (!may_change(ctx, r))
		return r->status;
	if (!name || !text_is_slug(name))
		return action_problem(r, ACTION_INVALID, "name",
				      "\"%s\" is not a date name: use lowercase letters, digits and "
				      "hyphens.", name ? name : "");
	struct edit_job job = { ctx, start_year, name, date, 0, r };
	return run_edit(&job);
}

enum action_status calendar_letter_week(const struct action_ctx *ctx, int start_year, date_t day,
					char letter, struct action_result *r)
{
	if (!may_change(ctx, r))
		return r->status;
	if (letter != 'A' && letter != 'B')
		return action_problem(r, ACTION_INVALID, "letter", "The week letter must be A or B.");
	struct edit_job job = { ctx, start_year, NULL, day, letter, r };
	return run_edit(&job);
}
