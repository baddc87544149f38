#include "action/guidance_action.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "domain/limits.h"
#include "store/audit_store.h"
#include "store/guidance_store.h"
#include "store/user_store.h"
#include "util/mem.h"
#include "util/text.h"

/* An adviser acting on the web (not the careers leader or an
 * administrator): they work only with their own meetings. */
static bool only_own(const struct principal *who)
{
	return who->kind == PRINCIPAL_STAFF && who->role == ROLE_ADVISER;
}

static bool empty(const char *s)
{
	return !s || !*s;
}

/* Checks rq and turns it into the fields to write (f->adviser points into
 * adviser, LIMIT_BYTES(LIMIT_NAME) bytes). key gets the pupil's UPN or
 * admission number. */
static void check_request(const struct action_ctx *ctx, const struct guidance_request *rq,
			  long long student_id, struct guidance_fields *f, char *adviser,
			  char *key, size_t key_size, struct action_result *r)
{
	*f = (struct guidance_fields){
		.student_id = student_id, .date = rq->date, .adviser = adviser,
		.external = rq->external, .level = rq->level, .follow_up = rq->follow_up,
		.notes = rq->notes, .agreed_actions = rq->agreed_actions,
		.next_meeting = rq->next_meeting,
		.adviser_organisation = rq->adviser_organisation,
	};
	char year[8];
	if (rq->date == DATE_NONE) {
		action_problem(r, ACTION_INVALID, "date",
			       "Give the date of the meeting as a real date, like 2025-11-03.");
	} else if (rq->date > ctx->today) {
		action_problem(r, ACTION_INVALID, "date",
			       "Record a meeting once it has happened: the date is in the future.");
	} else {
		bool enrolled = false;
		int found = guidance_store_pupil(ctx->db, ctx->school_id, student_id,
						 academic_year_of(rq->date), key, key_size, &enrolled);
		if (found < 0)
			action_problem(r, ACTION_FAILED, "", "The pupil could not be read. Try again.");
		else if (found == 0)
			action_problem(r, ACTION_NOT_FOUND, "", "There is no such pupil.");
		else if (!enrolled)
			action_problem(r, ACTION_INVALID, "date",
				       "The pupil was not on the school's roll in %s.",
				       academic_year_format(academic_year_of(rq->date), year));
	}

	if (rq->adviser_user_id > 0) {
		struct user u;
		int found = user_store_find_id(ctx->db, rq->adviser_user_id, &u);
		if (found < 0)
			action_problem(r, ACTION_FAILED, "", "The staff list could not be read. Try again.");
		else if (found == 0 || u.school_id != ctx->school_id)
			action_problem(r, ACTION_INVALID, "adviser",
				       "Choose the adviser from the school's staff, or say it was an "
				       "external adviser.");
		else {
			text_copy(adviser, LIMIT_BYTES(LIMIT_NAME), u.display_name);
			f->adviser_user_id = u.id;
		}
	} else {
		char *name = text_trim(xstrdup(rq->adviser_name ? rq->adviser_name : ""));
		if (!*name || text_limit_problem(name, LIMIT_NAME, true))
			action_problem(r, ACTION_INVALID, "adviser_name",
				       "Give the adviser's name on one line, in %d characters or fewer.",
				       LIMIT_NAME);
		else
			text_copy(adviser, LIMIT_BYTES(LIMIT_NAME), name);
		free(name);
	}
	if (!empty(rq->adviser_organisation)) {
		if (!rq->external)
			action_problem(r, ACTION_INVALID, "adviser_organisation",
				       "Give an organisation only for an external adviser.");
		else if (text_limit_problem(rq->adviser_organisation, LIMIT_TITLE, true))
			action_problem(r, ACTION_INVALID, "adviser_organisation",
				       "Give the adviser's organisation in up to %d characters on one "
				       "line, or leave it empty.", LIMIT_TITLE);
	}
	if (rq->level < 1 || rq->level > 8)
		action_problem(r, ACTION_INVALID, "level",
			       "Choose the adviser's qualification level, 1 to 8.");
	if (!empty(rq->notes) && text_limit_problem(rq->notes, LIMIT_TEXT, false))
		action_problem(r, ACTION_INVALID, "notes",
			       "Keep the notes to text of up to %d characters.", LIMIT_TEXT);
	if (!empty(rq->agreed_actions) && text_limit_problem(rq->agreed_actions, LIMIT_TEXT, false))
		action_problem(r, ACTION_INVALID, "agreed_actions",
			       "Keep the agreed actions to text of up to %d characters.", LIMIT_TEXT);
	if (rq->next_meeting_unreadable)
		action_problem(r, ACTION_INVALID, "next_meeting",
			       "Give the next meeting's date as a real date, like 2026-01-15, or "
			       "leave it empty.");
	else if (rq->next_meeting != DATE_NONE && rq->date != DATE_NONE &&
		 rq->next_meeting <= rq->date)
		action_problem(r, ACTION_INVALID, "next_meeting",
			       "The next meeting must be after this one.");
}

/* A meeting as the audit log records it: what was recorded and how long
 * the notes and agreed actions are, not what they say (the log is read
 * more widely than the notes may be). The fields of meetings before
 * agreed actions, next meetings and organisations come first, as the log
 * has always had them. */
static json_t *meeting_json(const struct guidance_fields *f)
{
	char iso[DATE_ISO_LEN];
	json_t *o = json_object();
	json_object_set_new(o, "date", json_string(date_format_iso(f->date, iso)));
	json_object_set_new(o, "adviser", json_string(f->adviser));
	json_object_set_new(o, "external", json_boolean(f->external));
	json_object_set_new(o, "level", json_integer(f->level));
	json_object_set_new(o, "follow_up", json_boolean(f->follow_up));
	json_object_set_new(o, "notes_characters",
			    json_integer((json_int_t)(f->notes ? text_width(f->notes) : 0)));
	if (!empty(f->adviser_organisation))
		json_object_set_new(o, "adviser_organisation", json_string(f->adviser_organisation));
	if (!empty(f->agreed_actions))
		json_object_set_new(o, "agreed_actions_characters",
				    json_integer((json_int_t)text_width(f->agreed_actions)));
	if (f->next_meeting != DATE_NONE)
		json_object_set_new(o, "next_meeting",
				    json_string(date_format_iso(f->next_meeting, iso)));
	return o;
}

static struct guidance_fields fields_of(const struct guidance_meeting *m)
{
	return (struct guidance_fields){
		.student_id = m->student_id, .date = m->date, .adviser = m->adviser_recorded,
		.adviser_user_id = m->adviser_user_id, .adviser_organisation = m->adviser_organisation,
		.external = m->external, .level = m->level, .follow_up = m->follow_up,
		.notes = m->notes, .agreed_actions = m->agreed_actions, .next_meeting = m->next_meeting,
	};
}

static char *detail_of(const struct guidance_fields *before, const struct guidance_fields *after)
{
	json_t *root = json_object();
	if (before)
		json_object_set_new(root, "before", meeting_json(before));
	if (after)
		json_object_set_new(root, "after", meeting_json(after));
	char *detail = json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(root);
	return detail;
}

enum job_kind { JOB_RECORD, JOB_CHANGE, JOB_DELETE };

struct job {
	const struct action_ctx *ctx;
	enum job_kind kind;
	long long id;
	const struct guidance_fields *fields;
	const char *key;
	const char *detail;
};

static int body(struct db *db, void *arg)
{
	struct job *job = arg;
	static const char *const names[] = { "guidance.add", "guidance.change", "guidance.delete" };
	int rc = 0;
	if (job->kind == JOB_RECORD)
		rc = guidance_store_add(db, job->fields, &job->id);
	else if (job->kind == JOB_CHANGE)
		rc = guidance_store_change(db, job->id, job->fields) == 1 ? 0 : -1;
	else
		rc = guidance_store_delete(db, job->id) == 1 ? 0 : -1;
	if (rc != 0)
		return -1;
	return audit_record(db, job->ctx->school_id, job->ctx->who->actor, names[job->kind],
			    "student", job->key, job->detail) != 0 ? -1 : 0;
}

static enum action_status run(const struct action_ctx *ctx, struct job *job,
			      struct action_result *r)
{
	job->ctx = ctx;
	if (db_transaction(ctx->db, body, job) != 0)
		return action_problem(r, ACTION_FAILED, "", "The meeting could not be saved. Try again.");
	r->id = job->id;
	r->made = 1;
	return r->status;
}

enum action_status guidance_record(const struct action_ctx *ctx,
				   const struct guidance_request *rq, struct action_result *r)
{
	if (!action_allowed(ctx->who, GUIDANCE_ROLES))
		return action_problem(r, ACTION_FORBIDDEN, "",
				      "Only the careers leader, an administrator or an adviser can "
				      "record guidance meetings.");
	if (only_own(ctx->who) && rq->adviser_user_id != ctx->who->user_id)
		return action_problem(r, ACTION_FORBIDDEN, "adviser",
				      "An adviser can record only the meetings they held themselves.");
	struct guidance_fields f;
	char adviser[LIMIT_BYTES(LIMIT_NAME)] = "", key[32] = "";
	check_request(ctx, rq, rq->student_id, &f, adviser, key, sizeof key, r);
	if (r->status != ACTION_OK)
		return r->status;
	char *detail = detail_of(NULL, &f);
	struct job job = { .kind = JOB_RECORD, .fields = &f, .key = key, .detail = detail };
	run(ctx, &job, r);
	free(detail);
	return r->status;
}

/* Meeting id into *m, when the principal may change or delete it. */
static enum action_status find_own(const struct action_ctx *ctx, long long id,
				   struct guidance_meeting *m, struct action_result *r)
{
	if (!action_allowed(ctx->who, GUIDANCE_ROLES))
		return action_problem(r, ACTION_FORBIDDEN, "",
				      "Only the careers leader, an administrator or the meeting's "
				      "adviser can change or delete a guidance meeting.");
	int found = guidance_store_get(ctx->db, ctx->school_id, id, m);
	if (found < 0)
		return action_problem(r, ACTION_FAILED, "", "The meeting could not be read. Try again.");
	if (found == 0)
		return action_problem(r, ACTION_NOT_FOUND, "", "There is no guidance meeting %lld.", id);
	if (only_own(ctx->who) && m->adviser_user_id != ctx->who->user_id) {
		guidance_meeting_clear(m);
		return action_problem(r, ACTION_FORBIDDEN, "",
				      "Only the careers leader, an administrator or the meeting's "
				      "adviser can change or delete this meeting.");
	}
	return ACTION_OK;
}

enum action_status guidance_change(const struct action_ctx *ctx, long long id,
				   const struct guidance_request *rq, struct action_result *r)
{
	struct guidance_meeting m;
	if (find_own(ctx, id, &m, r) != ACTION_OK)
		return r->status;
	if (only_own(ctx->who) && rq->adviser_user_id != ctx->who->user_id) {
		guidance_meeting_clear(&m);
		return action_problem(r, ACTION_FORBIDDEN, "adviser",
				      "An adviser cannot give their meeting to someone else.");
	}
	struct guidance_fields f;
	char adviser[LIMIT_BYTES(LIMIT_NAME)] = "", key[32] = "";
	check_request(ctx, rq, m.student_id, &f, adviser, key, sizeof key, r);
	if (r->status == ACTION_OK) {
		struct guidance_fields before = fields_of(&m);
		char *detail = detail_of(&before, &f);
		struct job job = { .kind = JOB_CHANGE, .id = id, .fields = &f, .key = key,
				   .detail = detail };
		run(ctx, &job, r);
		free(detail);
	}
	guidance_meeting_clear(&m);
	return r->status;
}

enum action_status guidance_delete(const struct action_ctx *ctx, long long id,
				   struct action_result *r)
{
	struct guidance_meeting m;
	if (find_own(ctx, id, &m, r) != ACTION_OK)
		return r->status;
	char key[32] = "";
	bool enrolled;
	if (guidance_store_pupil(ctx->db, ctx->school_id, m.student_id, 0, key, sizeof key,
				 &enrolled) < 0) {
		guidance_meeting_clear(&m);
		return action_problem(r, ACTION_FAILED, "", "The pupil could not be read. Try again.");
	}
	struct guidance_fields before = fields_of(&m);
	char *detail = detail_of(&before, NULL);
	struct job job = { .kind = JOB_DELETE, .id = id, .key = key, .detail = detail };
	run(ctx, &job, r);
	free(detail);
	guidance_meeting_clear(&m);
	return r->status;
}
