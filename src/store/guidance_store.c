#include "store/guidance_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/roster.h"
#include "store/db_internal.h"
#include "util/mem.h"
#include "util/text.h"

int guidance_store_add(struct db *db, long long student_id, date_t date, const char *adviser,
		       long long adviser_user_id, bool external, int level, bool follow_up,
		       const char *notes, long long *id)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"INSERT INTO guidance_meeting (student_id, date, adviser, adviser_user_id, external, "
		"  level, follow_up, notes, created_at) "
		"VALUES (?1, ?2, ?3, ?8, ?4, ?5, ?6, ?7, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, student_id);
	db_bind_date(st, 2, date);
	db_bind_text(st, 3, adviser);
	sqlite3_bind_int(st, 4, external);
	sqlite3_bind_int(st, 5, level);
	sqlite3_bind_int(st, 6, follow_up);
	db_bind_text(st, 7, notes && *notes ? notes : NULL);
	if (adviser_user_id > 0)
		sqlite3_bind_int64(st, 8, adviser_user_id);
	if (db_step_done(db, st) != 0)
		return -1;
	*id = db_last_insert_id(db);
	return 0;
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
		"  coalesce(u.display_name, g.adviser), g.external, g.level, g.follow_up "
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
	}
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		return -1;
	}
	return (long)count;
}

long guidance_store_pupil_meetings(struct db *db, long long school_id, long long student_id,
				   struct guidance_meeting **out)
{
	DB_SCOPE(db);
	*out = NULL;
	sqlite3_stmt *st = db_stmt(db,
		"SELECT g.id, g.date, coalesce(u.display_name, g.adviser), g.external, g.level, "
		"  g.follow_up, g.notes, coalesce(g.adviser_user_id, 0) "
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
		struct guidance_meeting *g = &(*out)[count++];
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
	}
	if (rc != SQLITE_DONE) {
		guidance_meetings_free(*out, (long)count);
		*out = NULL;
		return -1;
	}
	return (long)count;
}

void guidance_meetings_free(struct guidance_meeting *list, long count)
{
	for (long i = 0; i < count; i++)
		free(list[i].notes);
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
