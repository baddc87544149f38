#include "action/register_action.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "domain/register.h"
#include "domain/scope.h"
#include "store/audit_store.h"
#include "store/event_store.h"
#include "store/programme_store.h"
#include "store/student_store.h"
#include "store/submission_store.h"
#include "store/user_store.h"
#include "util/mem.h"

enum { NO_MARK = -1 };

/* Who may take a register at all: the careers staff any, a tutor their
 * groups' pupils. */
#define ROLES_REGISTER (ROLES_CAREERS | ROLE_BIT(ROLE_TUTOR))

static int compare_ids(const void *x, const void *y)
{
	long long a = *(const long long *)x, b = *(const long long *)y;
	return (a > b) - (a < b);
}

static bool contains(const long long *ids, long count, long long id)
{
	return count > 0 && bsearch(&id, ids, (size_t)count, sizeof *ids, compare_ids) != NULL;
}

/* The pupils the principal may mark: everyone, or a tutor's groups now
 * (the pupils on roll today in this academic year whose groups their
 * scope names), as the web shows them. 0 or -1. */
static int principal_scope(const struct action_ctx *ctx, struct pupil_scope *scope)
{
	if (ctx->who->kind == PRINCIPAL_OPERATOR || ctx->who->role != ROLE_TUTOR) {
		pupil_scope_everyone(scope);
		return 0;
	}
	struct user u;
	int found = user_store_find_id(ctx->db, ctx->who->user_id, &u);
	if (found < 0)
		return -1;
	struct group_member *members = NULL;
	struct arena arena = ARENA_INIT;
	long count = student_store_on_roll(ctx->db, ctx->school_id, academic_year_of(ctx->today),
					   ctx->today, &members, &arena);
	pupil_scope_for_tutor(scope, found == 1 ? u.scope : "", members,
			      count > 0 ? (size_t)count : 0);
	free(members);
	arena_free(&arena);
	return count < 0 ? -1 : 0;
}

/* The register as it stands: who is on it and their marks. */
struct roll {
	struct register_row *rows;
	long count;
	bool *on;                    /* per row: on the register */
	struct arena arena;
};

static void roll_free(struct roll *roll)
{
	free(roll->rows);
	free(roll->on);
	arena_free(&roll->arena);
}

/* The pupils enrolled in the event's academic year in one of its year
 * groups and on roll on its date (for a selected activity with a selection,
 * the selected ones), and anyone already marked (docs/registers.md).
 * 0 or -1. */
static int roll_load(const struct action_ctx *ctx, const struct event_info *e, struct roll *roll)
{
	memset(roll, 0, sizeof *roll);
	int start_year = academic_year_of(e->date);
	unsigned years = e->year_group ? 1u << e->year_group : e->activity_year_groups;
	long long *selection = NULL;
	long selection_count = e->selected_cohort
		? selection_store_students(ctx->db, e->activity_id, start_year, &selection) : 0;
	roll->count = register_store_pupils(ctx->db, ctx->school_id, e->id, start_year, years,
					    &roll->rows, &roll->arena);
	if (selection_count < 0 || roll->count < 0) {
		free(selection);
		roll_free(roll);
		return -1;
	}
	roll->on = xcalloc((size_t)roll->count + 1, sizeof *roll->on);
	for (long i = 0; i < roll->count; i++) {
		const struct register_row *x = &roll->rows[i];
		roll->on[i] = x->mark != NO_MARK ||
			      (x->enrolled && ((years >> x->year_group) & 1) &&
			       x->on_roll_from <= e->date &&
			       (x->on_roll_to == DATE_NONE || e->date <= x->on_roll_to) &&
			       (selection_count <= 0 ||
				contains(selection, selection_count, x->student_id)));
	}
	free(selection);
	return 0;
}

static long roll_find(const struct roll *roll, long long student_id)
{
	for (long i = 0; i < roll->count; i++)
		if (roll->rows[i].student_id == student_id)
			return i;
	return -1;
}

/* One save: the marks to write, in the transaction db_transaction may run
 * again. */
struct save_job {
	const struct action_ctx *ctx;
	const struct register_request *rq;
	const struct roll *roll;
	const long *row;             /* per entry: its row in roll, or -1 (refused) */
	const char *detail;
	const char *location;
	struct register_outcome *out;
};

enum { SAVE_FOREIGN_KEY = 1 };

static int save_body(struct db *db, void *arg)
{
	struct save_job *job = arg;
	const struct register_request *rq = job->rq;
	job->out->repeat = false;
	if (rq->once_key) {
		switch (submission_store_claim(db, rq->once_key, job->ctx->who->user_id,
					       job->ctx->now, job->location,
					       job->out->earlier, sizeof job->out->earlier)) {
		case SUBMISSION_NEW: break;
		case SUBMISSION_REPEAT: job->out->repeat = true; return 0;
		case SUBMISSION_FOREIGN: return SAVE_FOREIGN_KEY;
		default: return -1;
		}
	}
	for (size_t i = 0; i < rq->count; i++) {
		if (job->row[i] < 0)
			continue;
		const struct register_row *x = &job->roll->rows[job->row[i]];
		int mark = rq->entries[i].mark;
		if (mark == x->mark)
			continue;
		int rc = mark == REGISTER_UNMARKED
			? mark_store_delete(db, rq->event_id, x->student_id)
			: mark_store_set(db, rq->event_id, x->student_id, (enum mark_status)mark);
		if (rc != 0)
			return -1;
	}
	char event_key[24];
	snprintf(event_key, sizeof event_key, "%lld", rq->event_id);
	return audit_record(db, job->ctx->school_id, job->ctx->who->actor, "register.save", "event",
			    event_key, job->detail);
}

/* The audit entry: the marks saved, and each change with before and after. */
static char *save_detail(const struct register_request *rq, const struct roll *roll,
			 const long *row, const struct register_outcome *out)
{
	json_t *changes = json_array();
	for (size_t i = 0; i < rq->count; i++) {
		if (row[i] < 0)
			continue;
		const struct register_row *x = &roll->rows[row[i]];
		int mark = rq->entries[i].mark;
		if (mark == x->mark)
			continue;
		json_t *c = json_object();
		if (x->upn)
			json_object_set_new(c, "upn", json_string(x->upn));
		else
			json_object_set_new(c, "student_id", json_integer(x->student_id));
		json_object_set_new(c, "before", x->mark == NO_MARK ? json_null()
					 : json_string(mark_status_name((enum mark_status)x->mark)));
		json_object_set_new(c, "after", mark == REGISTER_UNMARKED ? json_null()
					 : json_string(mark_status_name((enum mark_status)mark)));
		json_array_append_new(changes, c);
	}
	json_t *root = json_object();
	json_object_set_new(root, "present", json_integer(out->present));
	json_object_set_new(root, "absent", json_integer(out->absent));
	json_object_set_new(root, "excused", json_integer(out->excused));
	if (out->cleared)
		json_object_set_new(root, "unmarked", json_integer(out->cleared));
	if (out->refused)
		json_object_set_new(root, "refused", json_integer(out->refused));
	json_object_set_new(root, "changed", changes);
	char *detail = json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(root);
	return detail;
}

enum action_status register_save(const struct action_ctx *ctx, const struct register_request *rq,
				 struct register_outcome *out, struct action_result *r)
{
	memset(out, 0, sizeof *out);
	if (!action_allowed(ctx->who, ROLES_REGISTER))
		return action_problem(r, ACTION_FORBIDDEN, "",
				      "Only the careers leader, an administrator or a tutor can take a "
				      "register.");
	struct event_info e;
	int found = event_store_get(ctx->db, ctx->school_id, rq->event_id, &e);
	if (found < 0)
		return action_problem(r, ACTION_FAILED, "", "The event could not be read. Try again.");
	if (found == 0)
		return action_problem(r, ACTION_NOT_FOUND, "", "There is no such event.");
	if (e.cancelled)
		return action_problem(r, ACTION_CONFLICT, "date",
				      "This event was cancelled: it takes no register.");
	if (!register_open_on(e.date, ctx->today)) {
		char iso[DATE_ISO_LEN];
		return action_problem(r, ACTION_CONFLICT, "date",
				      "The event is on %s. This register cannot be taken yet: marks "
				      "can be saved from the day of the event.",
				      date_format_iso(e.date, iso));
	}
	for (size_t i = 0; i < rq->count; i++) {
		int m = rq->entries[i].mark;
		if (m != REGISTER_UNMARKED && (m < 0 || m >= MARK_STATUS_COUNT))
			return action_problem(r, ACTION_INVALID, "marks",
					      "A mark is present, absent, excused or none.");
	}
	struct pupil_scope scope;
	struct roll roll;
	if (principal_scope(ctx, &scope) != 0) {
		pupil_scope_free(&scope);
		return action_problem(r, ACTION_FAILED, "", "The register could not be read. Try again.");
	}
	if (roll_load(ctx, &e, &roll) != 0) {
		pupil_scope_free(&scope);
		return action_problem(r, ACTION_FAILED, "", "The register could not be read. Try again.");
	}
	/* "Everyone not yet marked present": the pupils on the register the
	 * principal may mark, with no mark and none in the request. */
	struct register_request with_rest;
	struct register_entry *rest = NULL;
	if (rq->rest_present) {
		rest = xcalloc(rq->count + (size_t)roll.count + 1, sizeof *rest);
		if (rq->count)
			memcpy(rest, rq->entries, rq->count * sizeof *rest);
		size_t n = rq->count;
		for (long k = 0; k < roll.count; k++) {
			const struct register_row *x = &roll.rows[k];
			bool sent = false;
			for (size_t i = 0; i < rq->count && !sent; i++)
				sent = rq->entries[i].student_id == x->student_id;
			if (!sent && roll.on[k] && x->mark == NO_MARK &&
			    pupil_scope_covers(&scope, x->student_id))
				rest[n++] = (struct register_entry){ x->student_id, MARK_PRESENT };
		}
		with_rest = *rq;
		with_rest.entries = rest;
		with_rest.count = n;
		rq = &with_rest;
	}
	long *row = xcalloc(rq->count + 1, sizeof *row);
	long outside = 0, off = 0, saved = 0;
	for (size_t i = 0; i < rq->count; i++) {
		long k = roll_find(&roll, rq->entries[i].student_id);
		/* The same pupil twice: the last mark wins. */
		for (size_t j = i + 1; j < rq->count && k >= 0; j++)
			if (rq->entries[j].student_id == rq->entries[i].student_id)
				k = -2;
		row[i] = k;
		if (k == -2)
			continue;
		if (k < 0 || !roll.on[k]) {
			row[i] = -1;
			off++;
			continue;
		}
		if (!pupil_scope_covers(&scope, rq->entries[i].student_id)) {
			row[i] = -1;
			outside++;
			continue;
		}
		saved++;
		switch (rq->entries[i].mark) {
		case MARK_PRESENT: out->present++; break;
		case MARK_ABSENT: out->absent++; break;
		case MARK_EXCUSED: out->excused++; break;
		default: out->cleared++; break;
		}
		if (rq->entries[i].mark != roll.rows[k].mark)
			out->changed++;
	}
	out->refused = outside + off;
	pupil_scope_free(&scope);
	if (out->refused && !saved) {
		if (outside)
			action_problem(r, ACTION_FORBIDDEN, "pupils",
				       "None of these marks were saved: a tutor marks only the pupils "
				       "of their own groups on a register.");
		else if (rq->count == 1)
			action_problem(r, ACTION_CONFLICT, "pupils",
				       "That pupil is not on this register: the event is not for their "
				       "year group, or they were not on roll on its day. Nothing was "
				       "saved.");
		else
			action_problem(r, ACTION_CONFLICT, "pupils",
				       "None of these marks were saved: those pupils are not on this "
				       "register.");
		free(row);
		free(rest);
		roll_free(&roll);
		return r->status;
	}
	for (size_t i = 0; i < rq->count; i++)
		if (row[i] == -2)
			row[i] = -1;
	char *detail = save_detail(rq, &roll, row, out);
	struct buf location = BUF_INIT;
	if (rq->once_key && rq->locate)
		rq->locate(out, rq->locate_arg, &location);
	struct save_job job = { ctx, rq, &roll, row, detail, buf_str(&location), out };
	int rc = db_transaction(ctx->db, save_body, &job);
	buf_free(&location);
	free(detail);
	free(row);
	free(rest);
	roll_free(&roll);
	if (rc == SAVE_FOREIGN_KEY)
		return action_problem(r, ACTION_INVALID, "once_key",
				      "The register could not be read: go back, reload the page and "
				      "try again.");
	if (rc != 0)
		return action_problem(r, ACTION_FAILED, "", "The register could not be saved. Try again.");
	r->id = rq->event_id;
	r->made = out->repeat ? 0 : (size_t)out->changed;
	return r->status;
}

void register_import_describe(const struct register_import_result *res, struct buf *summary)
{
	buf_printf(summary, "%ld marks (%ld present, %ld absent, %ld excused) for %ld event%s",
		   res->marks, res->present, res->absent, res->excused, res->events_touched,
		   res->events_touched == 1 ? "" : "s");
	if (res->events_created)
		buf_printf(summary, ", %ld of them new", res->events_created);
	buf_putc(summary, '\n');
	buf_printf(summary, "text read as %s%s\n", csv_encoding_name(res->encoding),
		   res->encoding_named ? ", as named" : "");
}

enum action_status register_import_run(const struct action_ctx *ctx,
				       const struct register_import_request *rq,
				       struct diag_list *diags, struct register_import_result *out,
				       struct action_result *r)
{
	memset(out, 0, sizeof *out);
	if (!action_allowed(ctx->who, ROLES_CAREERS))
		return action_problem(r, ACTION_FORBIDDEN, "",
				      "Only the careers leader or an administrator can import registers.");
	struct programme prog;
	int have = programme_store_load(ctx->db, ctx->school_id, &prog);
	if (have != 1) {
		programme_free(&prog);
		return have < 0
			? action_problem(r, ACTION_FAILED, "", "The programme could not be read. Try again.")
			: action_problem(r, ACTION_CONFLICT, "programme",
					 "The school has no programme yet, so a register has nothing "
					 "to record against.");
	}
	if (db_begin(ctx->db) != 0) {
		programme_free(&prog);
		return action_problem(r, ACTION_FAILED, "",
				      "The database is busy, so the register could not be read. Try "
				      "again in a moment.");
	}
	bool ok = register_import(ctx->db, ctx->school_id, &prog, rq->event_id, ctx->today, rq->data,
				  rq->len, rq->encoding, out, diags, rq->progress) &&
		  !diag_has_errors(diags);
	programme_free(&prog);
	if (!ok) {
		db_rollback(ctx->db);
		return action_problem(r, ACTION_INVALID, "file",
				      "%zu error%s in the file: nothing was imported.", diags->errors,
				      diags->errors == 1 ? "" : "s");
	}
	if (!rq->apply) {
		db_rollback(ctx->db);
		return r->status;
	}
	if (rq->expected) {
		struct buf now = BUF_INIT;
		register_import_describe(out, &now);
		bool same = strcmp(buf_str(&now), rq->expected) == 0;
		buf_free(&now);
		if (!same) {
			db_rollback(ctx->db);
			return action_problem(r, ACTION_CONFLICT, "file",
					      "Nothing was imported: what the file would change is no "
					      "longer what was checked (the school's records changed "
					      "since). Check the file again.");
		}
	}
	char detail[160];
	snprintf(detail, sizeof detail, "%ld marks for %ld events", out->marks, out->events_touched);
	struct import_summary summary = { "register", rq->file_name, rq->sha256, 0, out->rows,
					  out->marks, 0, 0, 0, ctx->who->actor };
	if (import_record_add(ctx->db, ctx->school_id, &summary) != 0 ||
	    audit_record(ctx->db, ctx->school_id, ctx->who->actor, "import.register", "register",
			 rq->file_name, detail) != 0 ||
	    db_commit(ctx->db) != 0) {
		db_rollback(ctx->db);
		return action_problem(r, ACTION_FAILED, "",
				      "Nothing was imported: the import could not be saved. Try again.");
	}
	r->made = (size_t)out->marks;
	return r->status;
}
