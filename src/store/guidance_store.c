#include "store/guidance_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/roster.h"
#include "store/db_internal.h"
#include "util/mem.h"
#include "util/text.h"

/* Binds f's columns as ?1 to ?11. */
static void bind_fields(sqlite3_stmt *st, const struct guidance_fields *f)
{
	sqlite3_bind_int64(st, 1, f->student_id);
	db_bind_date(st, 2, f->date);
	db_bind_text(st, 3, f->adviser);
	sqlite3_bind_int(st, 4, f->external);
	sqlite3_bind_int(st, 5, f->level);
	sqlite3_bind_int(st, 6, f->follow_up);
	db_bind_text(st, 7, f->notes && *f->notes ? f->notes : NULL);
	if (f->adviser_user_id > 0)
		sqlite3_bind_int64(st, 8, f->adviser_user_id);
	else
		sqlite3_bind_null(st, 8);
	db_bind_text(st, 9, f->agreed_actions && *f->agreed_actions ? f->agreed_actions : NULL);
	db_bind_date(st, 10, f->next_meeting);
	db_bind_text(st, 11, f->adviser_organisation && *f->adviser_organisation
				     ? f->adviser_organisation : NULL);
}

int guidance_store_add(struct db *db, const struct guidance_fields *f, long long *id)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"INSERT INTO guidance_meeting (student_id, date, adviser, adviser_user_id, external, "
		"  level, follow_up, notes, agreed_actions, next_meeting, adviser_organisation, "
		"  created_at) "
		"VALUES (?1, ?2, ?3, ?8, ?4, ?5, ?6, ?7, ?9, ?10, ?11, "
		"  strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))");
	if (!st)
		return -1;
	bind_fields(st, f);
	if (db_step_done(db, st) != 0)
		return -1;
	*id = db_last_insert_id(db);
	return 0;
}

int guidance_store_change(struct db *db, long long id, const struct guidance_fields *f)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"UPDATE guidance_meeting SET date = ?2, adviser = ?3, adviser_user_id = ?8, "
		"  external = ?4, level = ?5, follow_up = ?6, notes = ?7, agreed_actions = ?9, "
		"  next_meeting = ?10, adviser_organisation = ?11 "
		"WHERE id = ?12 AND student_id = ?1");
	if (!st)
		return -1;
	bind_fields(st, f);
	sqlite3_bind_int64(st, 12, id);
	if (db_step_done(db, st) != 0)
		return -1;
	return db_changes(db) > 0 ? 1 : 0;
}

int guidance_store_delete(struct db *db, long long id)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db, "DELETE FROM guidance_meeting WHERE id = ?1");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if (db_step_done(db, st) != 0)
		return -1;
	return db_changes(db) > 0 ? 1 : 0;
}

int guidance_store_pupil(struct db *db, long long school_id, long long student_id,
			 int start_year, char *key, size_t size, bool *enrolled)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"SELECT coalesce(s.upn, s.admission_number, ''), EXISTS (SELECT 1 FROM enrolment e "
		"  WHERE e.student_id = s.id AND e.start_year = ?3) "
		"FROM student s WHERE s.id = ?1 AND s.school_id = ?2");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, student_id);
	sqlite3_bind_int64(st, 2, school_id);
	sqlite3_bind_int(st, 3, start_year);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		text_copy(key, size, db_column_text(st, 0));
		*enrolled = sqlite3_column_int(st, 1) != 0;
		return 1;
	}
	return rc == SQLITE_DONE ? 0 : -1;
}

int guidance_store_find(struct db *db, long long student_id, date_t date, const char *adviser,
			long long *id)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"SELECT id FROM guidance_meeting WHERE student_id = ?1 AND date = ?2 "
		"  AND adviser = ?3 COLLATE NOCASE ORDER BY id LIMIT 1");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, student_id);
	db_bind_date(st, 2, date);
	db_bind_text(st, 3, adviser);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		return 1;
	}
	return rc == SQLITE_DONE ? 0 : -1;
}

long guidance_store_list(struct db *db, long long school_id, int start_year,
			 struct guidance_info **out)
{
	DB_SCOPE(db);
	*out = NULL;
	sqlite3_stmt *st = db_stmt(db,
		"SELECT g.id, g.date, s.upn, s.legal_surname, s.legal_forename, s.preferred_surname, "
		"  s.preferred_forename, coalesce(e.year_group, 0), coalesce(e.tutor_group, ''), "
		"  coalesce(u.display_name, g.adviser), g.external, g.level, g.follow_up, "
		"  coalesce(g.adviser_organisation, ''), g.agreed_actions IS NOT NULL, g.next_meeting "
		"FROM guidance_meeting g JOIN student s ON s.id = g.student_id "
		"LEFT JOIN user u ON u.id = g.adviser_user_id "
		"LEFT JOIN enrolment e ON e.student_id = s.id AND e.start_year = ?2 "
		"WHERE s.school_id = ?1 AND g.date BETWEEN ?3 AND ?4 "
		"ORDER BY g.date, e.tutor_group, s.legal_surname, s.legal_forename, g.id");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int(st, 2, start_year);
	db_bind_date(st, 3, academic_year_first_day(start_year));
	db_bind_date(st, 4, academic_year_last_day(start_year));
	size_t count = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ARRAY_RESERVE(*out, cap, count + 1);
		struct guidance_info *g = &(*out)[count++];
		memset(g, 0, sizeof *g);
		g->id = sqlite3_column_int64(st, 0);
		g->date = db_column_date(st, 1);
		text_copy(g->upn, sizeof g->upn, db_column_text(st, 2));
		struct pupil names = {
			.legal_surname = (const char *)sqlite3_column_text(st, 3),
			.legal_forename = (const char *)sqlite3_column_text(st, 4),
			.preferred_surname = (const char *)sqlite3_column_text(st, 5),
			.preferred_forename = (const char *)sqlite3_column_text(st, 6),
		};
		pupil_display_name(&names, g->name, sizeof g->name);
		g->year_group = sqlite3_column_int(st, 7);
		text_copy(g->tutor_group, sizeof g->tutor_group, db_column_text(st, 8));
		text_copy(g->adviser, sizeof g->adviser, db_column_text(st, 9));
		g->external = sqlite3_column_int(st, 10) != 0;
		g->level = sqlite3_column_int(st, 11);
		g->follow_up = sqlite3_column_int(st, 12) != 0;
		text_copy(g->adviser_organisation, sizeof g->adviser_organisation,
			  db_column_text(st, 13));
		g->has_agreed_actions = sqlite3_column_int(st, 14) != 0;
		g->next_meeting = db_column_date(st, 15);
	}
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		return -1;
	}
	return (long)count;
}

#define MEETING_COLUMNS \
	"g.id, g.date, coalesce(u.display_name, g.adviser), g.external, g.level, " \
	"g.follow_up, g.notes, coalesce(g.adviser_user_id, 0), g.adviser, g.student_id, " \
	"g.agreed_actions, coalesce(g.adviser_organisation, ''), g.next_meeting "

static void read_meeting(sqlite3_stmt *st, struct guidance_meeting *g)
{
	memset(g, 0, sizeof *g);
	g->id = sqlite3_column_int64(st, 0);
	g->date = db_column_date(st, 1);
	text_copy(g->adviser, sizeof g->adviser, db_column_text(st, 2));
	g->external = sqlite3_column_int(st, 3) != 0;
	g->level = sqlite3_column_int(st, 4);
	g->follow_up = sqlite3_column_int(st, 5) != 0;
	const unsigned char *notes = sqlite3_column_text(st, 6);
	g->notes = notes ? xstrdup((const char *)notes) : NULL;
	g->adviser_user_id = sqlite3_column_int64(st, 7);
	text_copy(g->adviser_recorded, sizeof g->adviser_recorded, db_column_text(st, 8));
	g->student_id = sqlite3_column_int64(st, 9);
	const unsigned char *actions = sqlite3_column_text(st, 10);
	g->agreed_actions = actions ? xstrdup((const char *)actions) : NULL;
	text_copy(g->adviser_organisation, sizeof g->adviser_organisation, db_column_text(st, 11));
	g->next_meeting = db_column_date(st, 12);
}

long guidance_store_pupil_meetings(struct db *db, long long school_id, long long student_id,
				   struct guidance_meeting **out)
{
	DB_SCOPE(db);
	*out = NULL;
	sqlite3_stmt *st = db_stmt(db,
		"SELECT " MEETING_COLUMNS
		"FROM guidance_meeting g JOIN student s ON s.id = g.student_id "
		"LEFT JOIN user u ON u.id = g.adviser_user_id "
		"WHERE s.school_id = ?1 AND g.student_id = ?2 ORDER BY g.date DESC, g.id DESC");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, student_id);
	size_t count = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ARRAY_RESERVE(*out, cap, count + 1);
		read_meeting(st, &(*out)[count++]);
	}
	if (rc != SQLITE_DONE) {
		guidance_meetings_free(*out, (long)count);
		*out = NULL;
		return -1;
	}
	return (long)count;
}

int guidance_store_get(struct db *db, long long school_id, long long id,
		       struct guidance_meeting *out)
{
	DB_SCOPE(db);
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = db_stmt(db,
		"SELECT " MEETING_COLUMNS
		"FROM guidance_meeting g JOIN student s ON s.id = g.student_id "
		"LEFT JOIN user u ON u.id = g.adviser_user_id "
		"WHERE s.school_id = ?1 AND g.id = ?2");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_meeting(st, out);
		return 1;
	}
	return rc == SQLITE_DONE ? 0 : -1;
}

void guidance_meeting_clear(struct guidance_meeting *m)
{
	free(m->notes);
	free(m->agreed_actions);
	m->notes = m->agreed_actions = NULL;
}

void guidance_meetings_free(struct guidance_meeting *list, long count)
{
	for (long i = 0; i < count; i++)
		guidance_meeting_clear(&list[i]);
	free(list);
}

int intention_store_set(struct db *db, long long student_id, int start_year, bool considering_he)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"INSERT INTO student_intention (student_id, start_year, considering_he) "
		"VALUES (?1, ?2, ?3) "
		"ON CONFLICT (student_id, start_year) DO UPDATE SET considering_he = excluded.considering_he");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, student_id);
	sqlite3_bind_int(st, 2, start_year);
	sqlite3_bind_int(st, 3, considering_he);
	return db_step_done(db, st);
}
