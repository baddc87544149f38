#include "store/student_store.h"

#include <stdlib.h>
#include <string.h>

#include "store/db_internal.h"
#include "util/mem.h"
#include "util/text.h"

static const char *text_or_null(struct arena *a, sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	return t ? arena_strdup(a, (const char *)t) : NULL;
}

static void read_enrolment(sqlite3_stmt *st, int col, struct arena *a, struct enrolment *e)
{
	e->start_year = sqlite3_column_int(st, col);
	e->year_group = sqlite3_column_int(st, col + 1);
	e->tutor_group = text_or_null(a, st, col + 2);
	e->house = text_or_null(a, st, col + 3);
	e->sen = db_column_text(st, col + 4)[0];
	e->pupil_premium = sqlite3_column_int(st, col + 5) != 0;
	e->fsm = sqlite3_column_int(st, col + 6) != 0;
	e->fsm6 = sqlite3_column_int(st, col + 7) != 0;
	e->eal = sqlite3_column_int(st, col + 8) != 0;
	e->looked_after = sqlite3_column_int(st, col + 9) != 0;
	e->on_roll_from = db_column_date(st, col + 10);
	e->on_roll_to = db_column_date(st, col + 11);
}

#define ENROLMENT_COLUMNS(alias)                                                   \
	alias ".start_year, " alias ".year_group, " alias ".tutor_group, " alias       \
	".house, " alias ".sen, " alias ".pupil_premium, " alias ".fsm, " alias        \
	".fsm6, " alias ".eal, " alias ".looked_after, " alias ".on_roll_from, " alias \
	".on_roll_to"

int student_store_load_existing(struct db *db, long long school_id, int start_year,
				struct roster_existing_list *out)
{
	DB_SCOPE(db);
	*out = (struct roster_existing_list){ 0 };
	sqlite3_stmt *st = db_stmt(db,
		"SELECT s.id, s.upn, s.former_upn, s.admission_number, s.uln, s.legal_surname, "
		"  s.legal_forename, s.preferred_surname, s.preferred_forename, s.date_of_birth, "
		"  s.gender, this.student_id IS NOT NULL, " ENROLMENT_COLUMNS("this") ", "
		"  last.student_id IS NOT NULL, " ENROLMENT_COLUMNS("last") " "
		"FROM student s "
		"LEFT JOIN enrolment this ON this.student_id = s.id AND this.start_year = ?2 "
		"LEFT JOIN enrolment last ON last.student_id = s.id AND last.start_year = ?2 - 1 "
		"WHERE s.school_id = ?1 AND (this.student_id IS NOT NULL OR last.student_id IS NOT NULL) "
		"ORDER BY s.id");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int(st, 2, start_year);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ARRAY_RESERVE(out->items, cap, out->count + 1);
		struct roster_existing *x = &out->items[out->count++];
		memset(x, 0, sizeof *x);
		struct arena *a = &out->arena;
		x->pupil.id = sqlite3_column_int64(st, 0);
		x->pupil.upn = text_or_null(a, st, 1);
		x->pupil.former_upn = text_or_null(a, st, 2);
		x->pupil.admission_number = text_or_null(a, st, 3);
		x->pupil.uln = text_or_null(a, st, 4);
		x->pupil.legal_surname = text_or_null(a, st, 5);
		x->pupil.legal_forename = text_or_null(a, st, 6);
		x->pupil.preferred_surname = text_or_null(a, st, 7);
		x->pupil.preferred_forename = text_or_null(a, st, 8);
		x->pupil.date_of_birth = db_column_date(st, 9);
		x->pupil.gender = db_column_text(st, 10)[0];
		x->enrolled_this_year = sqlite3_column_int(st, 11) != 0;
		if (x->enrolled_this_year)
			read_enrolment(st, 12, a, &x->this_year);
		x->enrolled_last_year = sqlite3_column_int(st, 24) != 0;
		if (x->enrolled_last_year)
			read_enrolment(st, 25, a, &x->last_year);
	}
	return rc == SQLITE_DONE ? 0 : -1;
}

void roster_existing_list_free(struct roster_existing_list *list)
{
	free(list->items);
	arena_free(&list->arena);
	*list = (struct roster_existing_list){ 0 };
}

static void bind_pupil(sqlite3_stmt *st, const struct pupil *p)
{
	char gender[2] = { p->gender, '\0' };
	db_bind_text(st, 2, p->upn);
	db_bind_text(st, 3, p->former_upn);
	db_bind_text(st, 4, p->admission_number);
	db_bind_text(st, 5, p->uln);
	db_bind_text(st, 6, p->legal_surname);
	db_bind_text(st, 7, p->legal_forename);
	db_bind_text(st, 8, p->preferred_surname);
	db_bind_text(st, 9, p->preferred_forename);
	db_bind_date(st, 10, p->date_of_birth);
	db_bind_text(st, 11, p->gender ? gender : NULL);
}

static int insert_pupil(struct db *db, long long school_id, const struct pupil *p,
			long long *id)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"INSERT INTO student (school_id, upn, former_upn, admission_number, uln, "
		"  legal_surname, legal_forename, preferred_surname, preferred_forename, "
		"  date_of_birth, gender, created_at, updated_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
		"  strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	bind_pupil(st, p);
	if (db_step_done(db, st) != 0)
		return -1;
	*id = db_last_insert_id(db);
	return 0;
}

static int update_pupil(struct db *db, const struct pupil *p)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"UPDATE student SET upn = ?2, former_upn = ?3, admission_number = ?4, uln = ?5, "
		"  legal_surname = ?6, legal_forename = ?7, preferred_surname = ?8, "
		"  preferred_forename = ?9, date_of_birth = ?10, gender = ?11, "
		"  updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
		"WHERE id = ?1");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, p->id);
	bind_pupil(st, p);
	return db_step_done(db, st);
}

static int write_enrolment(struct db *db, long long student_id, const struct enrolment *e)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"INSERT INTO enrolment (student_id, start_year, year_group, tutor_group, house, sen, "
		"  pupil_premium, fsm, fsm6, eal, looked_after, on_roll_from, on_roll_to) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
		"ON CONFLICT (student_id, start_year) DO UPDATE SET year_group = excluded.year_group, "
		"  tutor_group = excluded.tutor_group, house = excluded.house, sen = excluded.sen, "
		"  pupil_premium = excluded.pupil_premium, fsm = excluded.fsm, fsm6 = excluded.fsm6, "
		"  eal = excluded.eal, looked_after = excluded.looked_after, "
		"  on_roll_from = excluded.on_roll_from, on_roll_to = excluded.on_roll_to");
	if (!st)
		return -1;
	char sen[2] = { e->sen ? e->sen : SEN_NONE, '\0' };
	sqlite3_bind_int64(st, 1, student_id);
	sqlite3_bind_int(st, 2, e->start_year);
	sqlite3_bind_int(st, 3, e->year_group);
	db_bind_text(st, 4, e->tutor_group);
	db_bind_text(st, 5, e->house);
	db_bind_text(st, 6, sen);
	sqlite3_bind_int(st, 7, e->pupil_premium);
	sqlite3_bind_int(st, 8, e->fsm);
	sqlite3_bind_int(st, 9, e->fsm6);
	sqlite3_bind_int(st, 10, e->eal);
	sqlite3_bind_int(st, 11, e->looked_after);
	db_bind_date(st, 12, e->on_roll_from);
	db_bind_date(st, 13, e->on_roll_to);
	return db_step_done(db, st);
}

/* Keeps, for import_id, the pupil student_id and their enrolment of
 * start_year as they are now (created: the import made them). */
static int keep_history(struct db *db, long long import_id, long long student_id,
			int start_year, bool created)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"INSERT OR IGNORE INTO roster_history (import_id, student_id, created, upn, former_upn, "
		"  admission_number, uln, legal_surname, legal_forename, preferred_surname, "
		"  preferred_forename, date_of_birth, gender, updated_at, start_year, had_enrolment, "
		"  year_group, tutor_group, house, sen, pupil_premium, fsm, fsm6, eal, looked_after, "
		"  on_roll_from, on_roll_to) "
		"SELECT ?1, s.id, ?4, s.upn, s.former_upn, s.admission_number, s.uln, s.legal_surname, "
		"  s.legal_forename, s.preferred_surname, s.preferred_forename, s.date_of_birth, "
		"  s.gender, s.updated_at, ?3, e.student_id IS NOT NULL, e.year_group, e.tutor_group, "
		"  e.house, e.sen, e.pupil_premium, e.fsm, e.fsm6, e.eal, e.looked_after, "
		"  e.on_roll_from, e.on_roll_to "
		"FROM student s LEFT JOIN enrolment e ON e.student_id = s.id AND e.start_year = ?3 "
		"WHERE s.id = ?2");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, import_id);
	sqlite3_bind_int64(st, 2, student_id);
	sqlite3_bind_int(st, 3, start_year);
	sqlite3_bind_int(st, 4, created);
	return db_step_done(db, st);
}

int student_store_apply_plan(struct db *db, long long school_id, const struct roster_plan *plan,
			     long long import_id)
{
	for (size_t i = 0; i < plan->count; i++) {
		const struct roster_plan_item *item = &plan->items[i];
		long long id = item->pupil.id;
		if (import_id && item->change != ROSTER_NEW && item->change != ROSTER_UNCHANGED &&
		    keep_history(db, import_id, id, item->enrolment.start_year, false) != 0)
			return -1;
		switch (item->change) {
		case ROSTER_NEW:
			if (insert_pupil(db, school_id, &item->pupil, &id) != 0 ||
			    write_enrolment(db, id, &item->enrolment) != 0)
				return -1;
			if (import_id &&
			    keep_history(db, import_id, id, item->enrolment.start_year, true) != 0)
				return -1;
			break;
		case ROSTER_UPDATED:
			if (update_pupil(db, &item->pupil) != 0 ||
			    write_enrolment(db, id, &item->enrolment) != 0)
				return -1;
			break;
		case ROSTER_LEFT:
			if (write_enrolment(db, id, &item->enrolment) != 0)
				return -1;
			break;
		case ROSTER_UNCHANGED:
			break;
		}
	}
	if (!import_id)
		return 0;
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db, "UPDATE import_record SET undoable = 1 WHERE id = ?1");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, import_id);
	return db_step_done(db, st);
}

int import_record_get(struct db *db, long long school_id, long long import_id,
		      struct import_record_row *out)
{
	DB_SCOPE(db);
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = db_stmt(db,
		"SELECT id, kind, file_name, coalesce(start_year, 0), rows, added, updated, left_roll, "
		"  unchanged, at, actor, undoable, undone_at IS NOT NULL, "
		"  (SELECT count(*) FROM import_record l WHERE l.school_id = r.school_id "
		"     AND l.kind = 'students' AND l.id > r.id AND l.undone_at IS NULL) "
		"FROM import_record r WHERE school_id = ?1 AND id = ?2");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, import_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return -1;
	out->id = sqlite3_column_int64(st, 0);
	text_copy(out->kind, sizeof out->kind, db_column_text(st, 1));
	text_copy(out->file_name, sizeof out->file_name, db_column_text(st, 2));
	out->start_year = sqlite3_column_int(st, 3);
	out->rows = (long)sqlite3_column_int64(st, 4);
	out->added = (long)sqlite3_column_int64(st, 5);
	out->updated = (long)sqlite3_column_int64(st, 6);
	out->left = (long)sqlite3_column_int64(st, 7);
	out->unchanged = (long)sqlite3_column_int64(st, 8);
	text_copy(out->at, sizeof out->at, db_column_text(st, 9));
	text_copy(out->actor, sizeof out->actor, db_column_text(st, 10));
	out->undoable = sqlite3_column_int(st, 11) != 0;
	out->undone = sqlite3_column_int(st, 12) != 0;
	out->later_rosters = (long)sqlite3_column_int64(st, 13);
	return 1;
}

int student_store_undo_import(struct db *db, long long school_id, long long import_id,
			      long *pupils)
{
	static const char *const steps[] = {
		/* The enrolments the import wrote for pupils it did not create. */
		"DELETE FROM enrolment WHERE EXISTS (SELECT 1 FROM roster_history h "
		"  WHERE h.import_id = ?1 AND h.created = 0 AND h.had_enrolment = 0 "
		"    AND h.student_id = enrolment.student_id AND h.start_year = enrolment.start_year)",
		"INSERT OR REPLACE INTO enrolment (student_id, start_year, year_group, tutor_group, "
		"  house, sen, pupil_premium, fsm, fsm6, eal, looked_after, on_roll_from, on_roll_to) "
		"SELECT student_id, start_year, year_group, tutor_group, house, sen, pupil_premium, "
		"  fsm, fsm6, eal, looked_after, on_roll_from, on_roll_to FROM roster_history "
		"WHERE import_id = ?1 AND created = 0 AND had_enrolment = 1",
		"UPDATE student SET (upn, former_upn, admission_number, uln, legal_surname, "
		"  legal_forename, preferred_surname, preferred_forename, date_of_birth, gender, "
		"  updated_at) = (SELECT h.upn, h.former_upn, h.admission_number, h.uln, "
		"  h.legal_surname, h.legal_forename, h.preferred_surname, h.preferred_forename, "
		"  h.date_of_birth, h.gender, h.updated_at FROM roster_history h "
		"  WHERE h.import_id = ?1 AND h.student_id = student.id) "
		"WHERE school_id = ?2 AND id IN (SELECT student_id FROM roster_history "
		"  WHERE import_id = ?1 AND created = 0)",
		/* Pupils the import created, with anything recorded for them since. */
		"DELETE FROM student WHERE school_id = ?2 AND id IN (SELECT student_id "
		"  FROM roster_history WHERE import_id = ?1 AND created = 1)",
		"UPDATE import_record SET undone_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
		"WHERE id = ?1 AND school_id = ?2",
	};
	DB_SCOPE(db);
	*pupils = 0;
	sqlite3_stmt *st = db_stmt(db, "SELECT count(*) FROM roster_history WHERE import_id = ?1");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, import_id);
	if (sqlite3_step(st) != SQLITE_ROW)
		return -1;
	*pupils = (long)sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
		st = db_stmt(db, steps[i]);
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, import_id);
		if (sqlite3_bind_parameter_count(st) >= 2)
			sqlite3_bind_int64(st, 2, school_id);
		if (db_step_done(db, st) != 0)
			return -1;
	}
	return 0;
}

int import_record_add(struct db *db, long long school_id, const struct import_summary *s)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"INSERT INTO import_record (school_id, kind, file_name, file_sha256, start_year, rows, "
		"  added, updated, left_roll, unchanged, at, actor) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
		"  strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?11)");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	db_bind_text(st, 2, s->kind);
	db_bind_text(st, 3, s->file_name);
	db_bind_text(st, 4, s->sha256);
	if (s->start_year)
		sqlite3_bind_int(st, 5, s->start_year);
	sqlite3_bind_int64(st, 6, s->rows);
	sqlite3_bind_int64(st, 7, s->added);
	sqlite3_bind_int64(st, 8, s->updated);
	sqlite3_bind_int64(st, 9, s->left);
	sqlite3_bind_int64(st, 10, s->unchanged);
	db_bind_text(st, 11, s->actor);
	return db_step_done(db, st);
}

long import_record_recent(struct db *db, long long school_id, int limit,
			  struct import_record_row **out)
{
	DB_SCOPE(db);
	*out = NULL;
	sqlite3_stmt *st = db_stmt(db,
		"SELECT kind, file_name, coalesce(start_year, 0), rows, added, updated, left_roll, "
		"  unchanged, at, actor, id, undoable, undone_at IS NOT NULL FROM import_record "
		"WHERE school_id = ?1 "
		"ORDER BY id DESC LIMIT ?2");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int(st, 2, limit);
	struct import_record_row *rows = NULL;
	size_t count = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ARRAY_RESERVE(rows, cap, count + 1);
		struct import_record_row *r = &rows[count++];
		memset(r, 0, sizeof *r);
		text_copy(r->kind, sizeof r->kind, db_column_text(st, 0));
		text_copy(r->file_name, sizeof r->file_name, db_column_text(st, 1));
		r->start_year = sqlite3_column_int(st, 2);
		r->rows = (long)sqlite3_column_int64(st, 3);
		r->added = (long)sqlite3_column_int64(st, 4);
		r->updated = (long)sqlite3_column_int64(st, 5);
		r->left = (long)sqlite3_column_int64(st, 6);
		r->unchanged = (long)sqlite3_column_int64(st, 7);
		text_copy(r->at, sizeof r->at, db_column_text(st, 8));
		text_copy(r->actor, sizeof r->actor, db_column_text(st, 9));
		r->id = sqlite3_column_int64(st, 10);
		r->undoable = sqlite3_column_int(st, 11) != 0;
		r->undone = sqlite3_column_int(st, 12) != 0;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(rows);
		return -1;
	}
	*out = rows;
	return (long)count;
}

long student_store_count_enrolled(struct db *db, long long school_id, int start_year)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"SELECT count(*) FROM enrolment e JOIN student s ON s.id = e.student_id "
		"WHERE s.school_id = ?1 AND e.start_year = ?2");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int(st, 2, start_year);
	if (sqlite3_step(st) != SQLITE_ROW)
		return -1;
	return (long)sqlite3_column_int64(st, 0);
}

long student_store_on_roll(struct db *db, long long school_id, int start_year, date_t on,
			   struct group_member **out, struct arena *arena)
{
	DB_SCOPE(db);
	*out = NULL;
	sqlite3_stmt *st = db_stmt(db,
		"SELECT e.student_id, e.year_group, e.tutor_group FROM enrolment e "
		"JOIN student s ON s.id = e.student_id "
		"WHERE s.school_id = ?1 AND e.start_year = ?2 AND e.on_roll_from <= ?3 "
		"  AND (e.on_roll_to IS NULL OR e.on_roll_to >= ?3)");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int(st, 2, start_year);
	db_bind_date(st, 3, on);
	size_t count = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ARRAY_RESERVE(*out, cap, count + 1);
		const unsigned char *group = sqlite3_column_text(st, 2);
		(*out)[count++] = (struct group_member){
			.student_id = sqlite3_column_int64(st, 0),
			.year_group = sqlite3_column_int(st, 1),
			.tutor_group = group ? arena_strdup(arena, (const char *)group) : NULL,
		};
	}
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		return -1;
	}
	return (long)count;
}
