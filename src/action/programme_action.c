#include "action/programme_action.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "domain/benchmarks.h"
#include "domain/limits.h"
#include "store/audit_store.h"
#include "store/event_store.h"
#include "util/text.h"

enum { NOT_CHANGED = 1, REFUSED = 2 };

/* A text field: trimmed, UTF-8, within max characters, and (unless
 * multi_line) on one line. Returns the trimmed copy in the programme's
 * arena, or NULL after recording the problem. */
static const char *checked_text(struct programme *p, const char *value, const char *field,
				const char *what, size_t max, bool required, bool multi_line,
				struct action_result *r)
{
	char *copy = text_trim(arena_strdup(&p->arena, value));
	size_t len = strlen(copy);
	if (!text_is_utf8(copy, len)) {
		action_problem(r, ACTION_INVALID, field,
			       "%s has characters that are not text: type it again.", what);
		return NULL;
	}
	for (const char *c = copy; *c; c++)
		if ((unsigned char)*c < 0x20 && *c != '\t' &&
		    (!multi_line || (*c != '\n' && *c != '\r'))) {
			action_problem(r, ACTION_INVALID, field, "%s must be on one line.", what);
			return NULL;
		}
	if (required && !len) {
		action_problem(r, ACTION_INVALID, field, "Enter the activity's %s.", field);
		return NULL;
	}
	if (text_width(copy) > max) {
		action_problem(r, ACTION_INVALID, field, "%s must be %zu characters or fewer.", what,
			       max);
		return NULL;
	}
	return copy;
}

/* Applies rq to a (an activity of p), checking each field as programme
 * files are checked and the Provider Access rules. True when every field
 * was good; a is unchanged otherwise. */
static bool apply_change(struct programme *p, struct activity *a,
			 const struct activity_change_request *rq, struct action_result *r)
{
	size_t before = r->problem_count;
	const char *name = rq->name ? checked_text(p, rq->name, "name", "Name", LIMIT_TITLE, true,
						   false, r)
				    : a->name;
	const char *description = rq->description
		? checked_text(p, rq->description, "description", "Description", LIMIT_TEXT, false,
			       true, r)
		: a->description ? a->description : "";
	long sessions = a->sessions;
	if (rq->sessions && !text_to_int(rq->sessions, 1, 100, &sessions))
		action_problem(r, ACTION_INVALID, "sessions",
			       "Sessions must be a whole number from 1 to 100.");
	enum cohort cohort = a->cohort;
	if (rq->cohort && !cohort_parse(rq->cohort, &cohort))
		action_problem(r, ACTION_INVALID, "cohort",
			       "Choose who the activity is for: all pupils in the year group, selected "
			       "pupils, or invited.");
	if (rq->bad_benchmark)
		action_problem(r, ACTION_INVALID, "benchmarks",
			       "Choose benchmarks from 1 to %d.", BENCHMARK_COUNT);
	enum activity_kind kind = a->kind;
	bool kind_ok = !rq->kind || kind_parse(rq->kind, &kind);
	if (!kind_ok)
		action_problem(r, ACTION_INVALID, "kind", "Choose the kind of activity.");
	bool provider_access = rq->provider_access < 0 ? a->provider_access : rq->provider_access;
	/* Encounters follow the kind unless the programme file listed others. */
	uint16_t encounters = a->encounters == kind_default_encounters(a->kind)
		? kind_default_encounters(kind) : a->encounters;
	if (provider_access && kind_ok) {
		uint16_t providers = (1u << ENCOUNTER_FURTHER_EDUCATION) |
				     (1u << ENCOUNTER_HIGHER_EDUCATION) |
				     (1u << ENCOUNTER_APPRENTICESHIP_PROVIDER);
		if (!(encounters & providers))
			action_problem(r, ACTION_INVALID, "provider_access",
				       "Provider Access needs pupils to meet a provider: choose the kind "
				       "further education, higher education or apprenticeship or "
				       "technical provider, or leave out Provider Access.");
		else if (slot_outside_school_day(a->timing.slot))
			action_problem(r, ACTION_INVALID, "provider_access",
				       "Provider Access encounters must be in the school day, and this "
				       "activity's timing puts it %s.",
				       a->timing.slot == SLOT_EVENING ? "in the evening" : "after school");
	}
	const char *note = rq->note ? checked_text(p, rq->note, "note", "Timing note", LIMIT_NOTE,
						   false, false, r)
				    : a->timing.note ? a->timing.note : "";
	if (r->problem_count != before || !name || !description || !note)
		return false;
	a->name = name;
	a->description = *description ? description : NULL;
	a->sessions = (int)sessions;
	a->cohort = cohort;
	if (rq->set_benchmarks)
		a->benchmarks = (uint16_t)rq->benchmarks;
	a->kind = kind;
	a->encounters = encounters;
	a->provider_access = provider_access;
	a->timing.note = *note ? note : NULL;
	return true;
}

static void json_benchmarks(json_t *obj, const char *key, unsigned mask)
{
	json_t *list = json_array();
	for (int b = 1; b <= BENCHMARK_COUNT; b++)
		if ((mask >> b) & 1)
			json_array_append_new(list, json_integer(b));
	json_object_set_new(obj, key, list);
}

static void json_text(json_t *obj, const char *key, const char *value)
{
	json_object_set_new(obj, key, value ? json_string(value) : json_null());
}

static bool same_text(const char *x, const char *y)
{
	return strcmp(x ? x : "", y ? y : "") == 0;
}

/* {"before": {...}, "after": {...}} with the fields that changed, for the
 * audit log; NULL when none did. The caller frees. */
static char *describe_change(const struct activity *old, const struct activity *a)
{
	json_t *before = json_object(), *after = json_object();
	if (!same_text(old->name, a->name)) {
		json_text(before, "name", old->name);
		json_text(after, "name", a->name);
	}
	if (!same_text(old->description, a->description)) {
		json_text(before, "description", old->description);
		json_text(after, "description", a->description);
	}
	if (old->sessions != a->sessions) {
		json_object_set_new(before, "sessions", json_integer(old->sessions));
		json_object_set_new(after, "sessions", json_integer(a->sessions));
	}
	if (old->cohort != a->cohort) {
		json_text(before, "cohort", cohort_name(old->cohort));
		json_text(after, "cohort", cohort_name(a->cohort));
	}
	if (old->benchmarks != a->benchmarks) {
		json_benchmarks(before, "benchmarks", old->benchmarks);
		json_benchmarks(after, "benchmarks", a->benchmarks);
	}
	if (old->kind != a->kind) {
		json_text(before, "kind", kind_name(old->kind));
		json_text(after, "kind", kind_name(a->kind));
	}
	if (old->encounters != a->encounters) {
		json_object_set_new(before, "encounters", json_integer(old->encounters));
		json_object_set_new(after, "encounters", json_integer(a->encounters));
	}
	if (old->provider_access != a->provider_access) {
		json_object_set_new(before, "provider_access", json_boolean(old->provider_access));
		json_object_set_new(after, "provider_access", json_boolean(a->provider_access));
	}
	if (!same_text(old->timing.note, a->timing.note)) {
		json_text(before, "timing_note", old->timing.note);
		json_text(after, "timing_note", a->timing.note);
	}
	char *text = NULL;
	if (json_object_size(after)) {
		json_t *root = json_object();
		json_object_set_new(root, "before", before);
		json_object_set_new(root, "after", after);
		text = json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER);
		json_decref(root);
	} else {
		json_decref(before);
		json_decref(after);
	}
	return text;
}

/* Drops retired activities (loaded last) so that saving does not bring
 * them back: programme_store_save keeps what is not in the programme
 * retired. */
static void drop_retired(struct programme *p)
{
	size_t kept = 0;
	for (size_t i = 0; i < p->activity_count; i++)
		if (!p->activities[i].retired)
			p->activities[kept++] = p->activities[i];
	p->activity_count = kept;
}

struct change_job {
	const struct action_ctx *ctx;
	const struct activity_change_request *rq;
	struct action_result *r;
};

/* Loads, changes and saves in one transaction, so that an edit made at
 * the same time elsewhere is not overwritten by this programme. */
static int change_body(struct db *db, void *arg)
{
	struct change_job *job = arg;
	struct action_result *r = job->r;
	/* A retried attempt starts again from what it reads now. */
	r->problem_count = 0;
	r->status = ACTION_OK;
	struct programme p;
	int found = programme_store_load(db, job->ctx->school_id, &p);
	if (found < 0) {
		programme_free(&p);
		return -1;
	}
	drop_retired(&p);
	struct activity *a = NULL;
	for (size_t i = 0; i < p.activity_count && !a; i++)
		if (strcmp(p.activities[i].id, job->rq->activity_id) == 0)
			a = &p.activities[i];
	if (!a) {
		action_problem(r, ACTION_NOT_FOUND, "", "There is no such activity in the programme.");
		programme_free(&p);
		return REFUSED;
	}
	struct activity old = *a;
	bool ok = apply_change(&p, a, job->rq, r);
	if (ok) {
		/* The rules across the programme, as for an imported file. */
		struct diag_list diags;
		diag_init(&diags, NULL);
		if (!programme_check(&p, &diags))
			for (size_t i = 0; i < diags.count; i++)
				if (diags.items[i].severity == DIAG_ERROR)
					action_problem(r, ACTION_INVALID, "", "%s",
						       diags.items[i].message);
		diag_free(&diags);
		ok = r->problem_count == 0;
	}
	int rc = ok ? 0 : REFUSED;
	char *change = ok ? describe_change(&old, a) : NULL;
	struct programme_save_result saved;
	if (ok && !change)
		rc = NOT_CHANGED;
	else if (ok && (programme_store_save(db, job->ctx->school_id, &p, NULL, &saved) != 0 ||
			audit_record(db, job->ctx->school_id, job->ctx->who->actor, "activity.edit",
				     "activity", a->id, change) != 0))
		rc = -1;
	free(change);
	programme_free(&p);
	return rc;
}

enum action_status activity_change(const struct action_ctx *ctx,
				   const struct activity_change_request *rq,
				   struct action_result *r)
{
	if (!action_allowed(ctx->who, ROLES_CAREERS))
		return action_problem(r, ACTION_FORBIDDEN, "",
				      "Only the careers leader or an administrator can change the "
				      "programme.");
	struct change_job job = { ctx, rq, r };
	int rc = db_transaction(ctx->db, change_body, &job);
	if (rc < 0)
		return action_problem(r, ACTION_FAILED, "", "The activity could not be saved. Try again.");
	r->made = rc == 0;
	return r->status;
}

struct replace_job {
	const struct action_ctx *ctx;
	const struct programme *p;
	const char *sha;
	struct programme_save_result *saved;
};

static int replace_body(struct db *db, void *arg)
{
	struct replace_job *job = arg;
	return programme_store_save(db, job->ctx->school_id, job->p, job->sha, job->saved) != 0 ||
	       audit_record(db, job->ctx->school_id, job->ctx->who->actor, "programme.import",
			    "programme", job->p->name, job->sha) != 0
		? -1 : 0;
}

enum action_status programme_replace(const struct action_ctx *ctx, const struct programme *p,
				     const char *file_sha256, struct programme_save_result *saved,
				     struct action_result *r)
{
	if (!action_allowed(ctx->who, ROLES_CAREERS))
		return action_problem(r, ACTION_FORBIDDEN, "",
				      "Only the careers leader or an administrator can replace the "
				      "programme.");
	struct replace_job job = { ctx, p, file_sha256, saved };
	if (db_transaction(ctx->db, replace_body, &job) != 0)
		return action_problem(r, ACTION_FAILED, "", "The programme could not be saved: %s",
				      db_error(ctx->db));
	r->made = p->activity_count;
	return r->status;
}

struct selection_job {
	const struct action_ctx *ctx;
	const char *activity_id;
	int start_year;
	const long long *ids;
	size_t count;
	struct action_result *r;
};

static int selection_body(struct db *db, void *arg)
{
	struct selection_job *job = arg;
	struct action_result *r = job->r;
	r->problem_count = 0;
	r->status = ACTION_OK;
	struct programme p;
	if (programme_store_load(db, job->ctx->school_id, &p) < 0) {
		programme_free(&p);
		return -1;
	}
	const struct activity *a = NULL;
	for (size_t i = 0; i < p.activity_count && !a; i++)
		if (!p.activities[i].retired && strcmp(p.activities[i].id, job->activity_id) == 0)
			a = &p.activities[i];
	int rc = 0;
	if (!a) {
		action_problem(r, ACTION_NOT_FOUND, "activity",
			       "There is no activity \"%s\" in the programme.", job->activity_id);
		rc = REFUSED;
	} else if (a->cohort != COHORT_SELECTED) {
		action_problem(r, ACTION_CONFLICT, "activity",
			       "%s is for %s pupils, not selected ones: only an activity for "
			       "selected pupils has a selection.",
			       a->name, a->cohort == COHORT_ALL ? "all" : "invited");
		rc = REFUSED;
	} else {
		char label[8], detail[96];
		snprintf(detail, sizeof detail, "%zu pupils in %s", job->count,
			 academic_year_format(job->start_year, label));
		if (selection_store_replace(db, a->db_id, job->start_year, job->ids, job->count) != 0 ||
		    audit_record(db, job->ctx->school_id, job->ctx->who->actor, "selection.set",
				 "activity", a->id, detail) != 0)
			rc = -1;
	}
	programme_free(&p);
	return rc;
}

enum action_status selection_replace(const struct action_ctx *ctx, const char *activity_id,
				     int start_year, const long long *student_ids, size_t count,
				     struct action_result *r)
{
	if (!action_allowed(ctx->who, ROLES_CAREERS))
		return action_problem(r, ACTION_FORBIDDEN, "",
				      "Only the careers leader or an administrator can choose the "
				      "pupils selected for an activity.");
	struct selection_job job = { ctx, activity_id, start_year, student_ids, count, r };
	int rc = db_transaction(ctx->db, selection_body, &job);
	if (rc < 0)
		return action_problem(r, ACTION_FAILED, "", "The selection could not be saved: %s",
				      db_error(ctx->db));
	r->made = rc == 0 ? count : 0;
	return r->status;
}
