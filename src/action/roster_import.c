#include "action/roster_import.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/roster_csv.h"
#include "store/audit_store.h"
#include "store/student_store.h"
#include "util/mem.h"
#include "util/text.h"

void roster_import_result_free(struct roster_import_result *r)
{
	buf_free(&r->summary);
	free(r->pupils);
	r->pupils = NULL;
	r->pupil_count = 0;
}

/* The pupils of the plan, new first, then changed, then leaving. */
static void list_pupils(const struct roster_plan *plan, const struct roster_existing *existing,
			struct roster_import_result *out)
{
	static const enum roster_change order[] = { ROSTER_NEW, ROSTER_UPDATED, ROSTER_LEFT };
	size_t cap = 0;
	for (size_t k = 0; k < sizeof order / sizeof *order; k++) {
		for (size_t i = 0; i < plan->count; i++) {
			const struct roster_plan_item *item = &plan->items[i];
			if (item->change != order[k])
				continue;
			ARRAY_RESERVE(out->pupils, cap, out->pupil_count + 1);
			struct roster_import_pupil *p = &out->pupils[out->pupil_count++];
			memset(p, 0, sizeof *p);
			p->change = item->change;
			pupil_display_name(&item->pupil, p->name, sizeof p->name);
			p->year_group = item->enrolment.year_group;
			text_copy(p->tutor_group, sizeof p->tutor_group,
				  item->enrolment.tutor_group ? item->enrolment.tutor_group : "");
			if (item->change == ROSTER_UPDATED)
				roster_item_changes(item,
						    item->existing == SIZE_MAX ? NULL
									       : &existing[item->existing],
						    p->changes, sizeof p->changes);
		}
	}
}

static void summarise(const struct roster_plan *plan, const struct roster_file *roster, int year,
		      struct roster_import_result *out)
{
	char label[8], last[8];
	academic_year_format(year, label);
	buf_printf(&out->summary, "%zu pupils for %s: %d new, %d updated, %d left, %d unchanged\n",
		   roster->count, label, plan->added, plan->updated, plan->left, plan->unchanged);
	if (plan->rollover)
		buf_printf(&out->summary,
			   "rollover from %s: %d promoted, %d joined, %d left, %d kept in their year group\n",
			   academic_year_format(year - 1, last), plan->promoted, plan->joined, plan->left,
			   plan->kept_back);
	if (roster->skipped)
		buf_printf(&out->summary, "%ld rows outside Years 7-13 skipped\n", roster->skipped);
	out->rows = (long)roster->count;
	out->added = plan->added;
	out->updated = plan->updated;
	out->left = plan->left;
	out->unchanged = plan->unchanged;
	out->on_roll = plan->on_roll;
	out->restored = plan->restored;
	out->rollover = plan->rollover;
	out->promoted = plan->promoted;
	out->joined = plan->joined;
	out->kept_back = plan->kept_back;
	out->skipped = roster->skipped;
	out->needs_confirmation = roster_plan_needs_confirmation(plan);
}

static int record_import(struct db *db, long long school_id, const struct roster_import_request *req,
			 const struct roster_plan *plan, struct roster_import_result *out)
{
	char label[8], detail[200];
	academic_year_format(req->start_year, label);
	snprintf(detail, sizeof detail, "%s: %d new, %d updated, %d left, %d unchanged (%s)", label,
		 plan->added, plan->updated, plan->left, plan->unchanged,
		 req->partial ? "some pupils" : "the whole school");
	struct import_summary summary = {
		"students", req->file_name, req->sha256, req->start_year, out->rows, plan->added,
		plan->updated, plan->left, plan->unchanged, req->actor,
	};
	if (import_record_add(db, school_id, &summary) != 0)
		return -1;
	out->import_id = db_last_insert_id(db);
	if (student_store_apply_plan(db, school_id, plan, out->import_id) != 0)
		return -1;
	return audit_record(db, school_id, req->actor, "import.students", "roster", req->file_name,
			    detail);
}

enum roster_import_status roster_import_run(struct db *db, long long school_id,
					    const struct roster_import_request *req,
					    struct diag_list *diags,
					    struct roster_import_result *out)
{
	memset(out, 0, sizeof *out);
	out->summary = (struct buf)BUF_INIT;
	struct roster_file roster;
	struct roster_existing_list held = { 0 };
	struct roster_plan plan = { 0 };
	enum roster_import_status status = ROSTER_IMPORT_OK;
	bool ok = roster_csv_read(req->data, req->len, req->encoding, &roster, diags,
				  req->progress);
	out->encoding = roster.encoding;
	out->encoding_named = roster.encoding_named;
	if (ok && student_store_load_existing(db, school_id, req->start_year, &held) != 0) {
		diag_error(diags, 0, 0, "the pupils held could not be read: %s", db_error(db));
		status = ROSTER_IMPORT_ERROR;
		ok = false;
	}
	if (ok)
		ok = roster_plan_build(roster.records, roster.count, roster.fields, held.items,
				       held.count, req->start_year, req->as_of, req->partial, &plan,
				       diags);
	if (!ok || diag_has_errors(diags)) {
		if (status == ROSTER_IMPORT_OK)
			status = ROSTER_IMPORT_BAD_FILE;
	} else {
		summarise(&plan, &roster, req->start_year, out);
		list_pupils(&plan, held.items, out);
		if (req->apply) {
			/* A number given is checked even where none is needed: it
			 * says what the person expects. */
			bool checked = out->needs_confirmation || req->confirmed_leaving >= 0;
			if (checked && req->confirmed_leaving != plan.left) {
				status = ROSTER_IMPORT_UNCONFIRMED;
			} else if (record_import(db, school_id, req, &plan, out) != 0) {
				diag_error(diags, 0, 0, "the pupils could not be saved: %s", db_error(db));
				status = ROSTER_IMPORT_ERROR;
			}
		}
	}
	roster_plan_free(&plan);
	roster_existing_list_free(&held);
	roster_file_free(&roster);
	return status;
}

enum roster_undo_status roster_import_undo(struct db *db, long long school_id,
					   long long import_id, date_t today, const char *actor,
					   struct buf *message)
{
	if (db_begin(db) != 0) {
		buf_printf(message, "the database could not be written: %s", db_error(db));
		return ROSTER_UNDO_ERROR;
	}
	struct import_record_row r;
	int found = import_record_get(db, school_id, import_id, &r);
	int year = academic_year_of(today);
	char label[8], this_year[8];
	academic_year_format(year, this_year);
	academic_year_format(r.start_year, label);
	enum roster_undo_status status = ROSTER_UNDO_REFUSED;
	long pupils = 0;
	if (found < 0) {
		buf_printf(message, "the import could not be read: %s", db_error(db));
		status = ROSTER_UNDO_ERROR;
	} else if (found == 0) {
		buf_printf(message, "there is no import %lld", import_id);
	} else if (strcmp(r.kind, "students") != 0) {
		buf_printf(message, "import %lld is a register, not a roster: only roster imports can be undone",
			   import_id);
	} else if (r.undone) {
		buf_printf(message, "import %lld has been undone already", import_id);
	} else if (!r.undoable) {
		buf_printf(message, "import %lld was made before imports kept what they changed, so it cannot be undone",
			   import_id);
	} else if (r.start_year != year) {
		buf_printf(message, "import %lld was for %s: only imports of this academic year (%s) can be undone",
			   import_id, label, this_year);
	} else if (r.later_rosters > 0) {
		buf_printf(message, "%ld later roster import%s of the school must be undone first, newest first",
			   r.later_rosters, r.later_rosters == 1 ? "" : "s");
	} else {
		char detail[400], key[32];
		snprintf(key, sizeof key, "%lld", import_id);
		if (student_store_undo_import(db, school_id, import_id, &pupils) != 0) {
			buf_printf(message, "the import could not be undone: %s", db_error(db));
			status = ROSTER_UNDO_ERROR;
		} else {
			snprintf(detail, sizeof detail, "%s (%s, %s): %ld pupils as before it", r.file_name,
				 label, r.at, pupils);
			if (audit_record(db, school_id, actor, "import.undo", "import", key, detail) != 0 ||
			    db_commit(db) != 0) {
				buf_printf(message, "the import could not be undone: %s", db_error(db));
				status = ROSTER_UNDO_ERROR;
			} else {
				buf_printf(message, "import %lld undone: %ld pupil%s as before it", import_id,
					   pupils, pupils == 1 ? "" : "s");
				return ROSTER_UNDO_DONE;
			}
		}
	}
	db_rollback(db);
	return status;
}
