#include "store/event_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/programme.h"
#include "store/db_internal.h"
#include "util/mem.h"
#include "util/text.h"

/* The first column of every row of st, into *out (the caller frees). The
 * count, or -1 (and *out NULL). */
static long step_ids(sqlite3_stmt *st, long long **out)
{
	size_t count = 0, cap = 0;
	int rc;
	*out = NULL;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ARRAY_RESERVE(*out, cap, count + 1);
		(*out)[count++] = sqlite3_column_int64(st, 0);
	}
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		return -1;
	}
	return (long)count;
}

int event_store_add(struct db *db, long long school_id, long long activity_id, date_t date,
		    int year_group, const char *title, const char *subject, long long *id)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"INSERT INTO event (id, school_id, activity_id, date, year_group, title, subject, created_at) "
		"VALUES (max(coalesce((SELECT max(id) FROM event), 0), "
		"            coalesce((SELECT last_id FROM id_high_water WHERE entity = 'event'), 0)) + 1, "
		"        ?1, ?2, ?3, ?4, ?5, ?6, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, activity_id);
	db_bind_date(st, 3, date);
	if (year_group)
		sqlite3_bind_int(st, 4, year_group);
	db_bind_text(st, 5, title && *title ? title : NULL);
	db_bind_text(st, 6, subject && *subject ? subject : NULL);
	if (db_step_done(db, st) != 0)
		return -1;
	*id = db_last_insert_id(db);
	return 0;
}

int event_store_find(struct db *db, long long school_id, long long activity_id, date_t date,
		     int year_group, const char *subject, long long *id)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"SELECT id FROM event WHERE school_id = ?1 AND activity_id = ?2 AND date = ?3 "
		"AND year_group IS ?4 AND (?5 IS NULL OR subject = ?5) ORDER BY id LIMIT 1");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, activity_id);
	db_bind_date(st, 3, date);
	if (year_group)
		sqlite3_bind_int(st, 4, year_group);
	db_bind_text(st, 5, subject);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		return 1;
	}
	return rc == SQLITE_DONE ? 0 : -1;
}

#define EVENT_COLUMNS                                                              \
	"e.id, e.activity_id, a.slug, a.name, e.date, coalesce(e.year_group, 0), "   \
	"coalesce(e.title, ''), "                                                   \
	"(SELECT count(*) FROM mark m WHERE m.event_id = e.id), "                   \
	"(SELECT count(*) FROM mark m WHERE m.event_id = e.id AND m.status = 'present'), "  \
	"a.year_groups, coalesce(e.subject, ''), a.cohort = 'selected', "              \
	"coalesce(e.start_time, ''), e.cancelled_at IS NOT NULL, coalesce(e.cancel_reason, ''), "   \
	"coalesce(e.series_id, 0) "

static void read_event(sqlite3_stmt *st, struct event_info *out)
{
	memset(out, 0, sizeof *out);
	out->id = sqlite3_column_int64(st, 0);
	out->activity_id = sqlite3_column_int64(st, 1);
	text_copy(out->activity_slug, sizeof out->activity_slug, db_column_text(st, 2));
	text_copy(out->activity_name, sizeof out->activity_name, db_column_text(st, 3));
	out->date = db_column_date(st, 4);
	out->year_group = sqlite3_column_int(st, 5);
	text_copy(out->title, sizeof out->title, db_column_text(st, 6));
	out->marks = sqlite3_column_int(st, 7);
	out->present = sqlite3_column_int(st, 8);
	out->activity_year_groups = (unsigned)sqlite3_column_int(st, 9);
	text_copy(out->subject, sizeof out->subject, db_column_text(st, 10));
	out->selected_cohort = sqlite3_column_int(st, 11) != 0;
	out->start_minutes = event_time_parse(db_column_text(st, 12));
	out->cancelled = sqlite3_column_int(st, 13) != 0;
	text_copy(out->cancel_reason, sizeof out->cancel_reason, db_column_text(st, 14));
	out->series_id = sqlite3_column_int64(st, 15);
}

int event_store_get(struct db *db, long long school_id, long long id, struct event_info *out)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"SELECT " EVENT_COLUMNS "FROM event e JOIN activity a ON a.id = e.activity_id "
		"WHERE e.school_id = ?1 AND e.id = ?2");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_event(st, out);
		return 1;
	}
	return rc == SQLITE_DONE ? 0 : -1;
}

long event_store_list(struct db *db, long long school_id, date_t first, date_t last,
		      struct event_info **out)
{
	DB_SCOPE(db);
	*out = NULL;
	sqlite3_stmt *st = db_stmt(db,
		"SELECT " EVENT_COLUMNS "FROM event e JOIN activity a ON a.id = e.activity_id "
		"WHERE e.school_id = ?1 AND e.date BETWEEN ?2 AND ?3 "
		"ORDER BY e.date, a.position, e.year_group, e.id");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	db_bind_date(st, 2, first);
	db_bind_date(st, 3, last);
	size_t count = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ARRAY_RESERVE(*out, cap, count + 1);
		read_event(st, &(*out)[count++]);
	}
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		return -1;
	}
	return (long)count;
}

int event_store_link_organisation(struct db *db, long long event_id, long long organisation_id)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"INSERT OR IGNORE INTO event_organisation (event_id, organisation_id) VALUES (?1, ?2)");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, event_id);
	sqlite3_bind_int64(st, 2, organisation_id);
	return db_step_done(db, st);
}

int event_store_organisations(struct db *db, long long event_id, struct buf *out)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"SELECT o.name FROM event_organisation eo JOIN organisation o ON o.id = eo.organisation_id "
		"WHERE eo.event_id = ?1 ORDER BY o.name");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, event_id);
	int rc;
	size_t start = out->len;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		buf_printf(out, "%s%s", out->len > start ? ", " : "", db_column_text(st, 0));
	return rc == SQLITE_DONE ? 0 : -1;
}

int event_time_parse(const char *hh_mm)
{
	if (!hh_mm || strlen(hh_mm) != 5 || hh_mm[2] != ':')
		return -1;
	for (int i = 0; i < 5; i++)
		if (i != 2 && (hh_mm[i] < '0' || hh_mm[i] > '9'))
			return -1;
	int hours = (hh_mm[0] - '0') * 10 + (hh_mm[1] - '0');
	int minutes = (hh_mm[3] - '0') * 10 + (hh_mm[4] - '0');
	return hours < 24 && minutes < 60 ? hours * 60 + minutes : -1;
}

char *event_time_format(int minutes, char out[6])
{
	if (minutes < 0 || minutes >= 24 * 60)
		out[0] = '\0';
	else
		snprintf(out, 6, "%02d:%02d", minutes / 60, minutes % 60);
	return out;
}

static void bind_time(sqlite3_stmt *st, int index, int minutes)
{
	char hh_mm[6];
	if (minutes >= 0)
		db_bind_text(st, index, event_time_format(minutes, hh_mm));
	else
		sqlite3_bind_null(st, index);
}

int event_store_update(struct db *db, long long school_id, long long id,
		       const struct event_fields *f)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"UPDATE event SET activity_id = ?3, date = ?4, year_group = ?5, title = ?6, "
		"subject = ?7, start_time = ?8 WHERE school_id = ?1 AND id = ?2");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, id);
	sqlite3_bind_int64(st, 3, f->activity_id);
	db_bind_date(st, 4, f->date);
	if (f->year_group)
		sqlite3_bind_int(st, 5, f->year_group);
	db_bind_text(st, 6, f->title && *f->title ? f->title : NULL);
	db_bind_text(st, 7, f->subject && *f->subject ? f->subject : NULL);
	bind_time(st, 8, f->start_minutes);
	if (db_step_done(db, st) != 0)
		return -1;
	return db_changes(db) > 0;
}

int event_store_set_time(struct db *db, long long id, int start_minutes)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db, "UPDATE event SET start_time = ?2 WHERE id = ?1");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	bind_time(st, 2, start_minutes);
	return db_step_done(db, st);
}

int event_store_set_cancelled(struct db *db, long long id, bool cancelled, int64_t at,
			      const char *reason)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"UPDATE event SET cancelled_at = ?2, cancel_reason = ?3 WHERE id = ?1");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if (cancelled)
		sqlite3_bind_int64(st, 2, at);
	db_bind_text(st, 3, cancelled && reason && *reason ? reason : NULL);
	return db_step_done(db, st);
}

int event_store_delete(struct db *db, long long school_id, long long id)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db, "DELETE FROM event WHERE school_id = ?1 AND id = ?2");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, id);
	return db_step_done(db, st);
}

int event_store_organisation_ids(struct db *db, long long event_id, long long *ids, int max)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"SELECT organisation_id FROM event_organisation WHERE event_id = ?1 "
		"ORDER BY organisation_id");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, event_id);
	int count = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (count < max)
			ids[count++] = sqlite3_column_int64(st, 0);
	return rc == SQLITE_DONE ? count : -1;
}

int event_store_set_organisations(struct db *db, long long event_id, const long long *ids,
				  size_t count)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db, "DELETE FROM event_organisation WHERE event_id = ?1");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, event_id);
	if (db_step_done(db, st) != 0)
		return -1;
	for (size_t i = 0; i < count; i++)
		if (event_store_link_organisation(db, event_id, ids[i]) != 0)
			return -1;
	return 0;
}

int event_series_store_add(struct db *db, long long school_id, const char *rule, int64_t now,
			   long long *id)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"INSERT INTO event_series (school_id, rule, created_at) VALUES (?1, ?2, ?3)");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	db_bind_text(st, 2, rule);
	sqlite3_bind_int64(st, 3, now);
	if (db_step_done(db, st) != 0)
		return -1;
	*id = db_last_insert_id(db);
	return 0;
}

int event_series_store_rule(struct db *db, long long school_id, long long id, struct buf *rule)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db, "SELECT rule FROM event_series WHERE school_id = ?1 AND id = ?2");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		buf_puts(rule, db_column_text(st, 0));
		return 1;
	}
	return rc == SQLITE_DONE ? 0 : -1;
}

int event_store_set_series(struct db *db, long long id, long long series_id)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db, "UPDATE event SET series_id = ?2 WHERE id = ?1");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, series_id);
	return db_step_done(db, st);
}

long event_store_series_members(struct db *db, long long school_id, long long series_id,
				long long **ids)
{
	DB_SCOPE(db);
	*ids = NULL;
	sqlite3_stmt *st = db_stmt(db,
		"SELECT id FROM event WHERE school_id = ?1 AND series_id = ?2 ORDER BY date, id");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, series_id);
	return step_ids(st, ids);
}

int mark_store_clear_event(struct db *db, long long event_id)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db, "DELETE FROM mark WHERE event_id = ?1");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, event_id);
	return db_step_done(db, st);
}

int mark_store_insert(struct db *db, long long event_id, long long student_id,
		      enum mark_status status)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"INSERT INTO mark (event_id, student_id, status) VALUES (?1, ?2, ?3)");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, event_id);
	sqlite3_bind_int64(st, 2, student_id);
	sqlite3_bind_text(st, 3, mark_status_name(status), -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return 0;
	return rc == SQLITE_CONSTRAINT_PRIMARYKEY ? 1 : -1;
}

/* MARK_STORE_BATCH rows of values, as one string literal for db_stmt. */
#define MARK_VALUES_1 "(?,?,?)"
#define MARK_VALUES_4 MARK_VALUES_1 "," MARK_VALUES_1 "," MARK_VALUES_1 "," MARK_VALUES_1
#define MARK_VALUES_16 MARK_VALUES_4 "," MARK_VALUES_4 "," MARK_VALUES_4 "," MARK_VALUES_4
#define MARK_VALUES_64 MARK_VALUES_16 "," MARK_VALUES_16 "," MARK_VALUES_16 "," MARK_VALUES_16
_Static_assert(MARK_STORE_BATCH == 64, "the INSERT of mark_store_insert_many holds 64 rows");

int mark_store_insert_many(struct db *db, const struct mark_row *rows, size_t count)
{
	DB_SCOPE(db);
	size_t done = 0;
	for (; count - done >= MARK_STORE_BATCH; done += MARK_STORE_BATCH) {
		sqlite3_stmt *st = db_stmt(db,
			"INSERT INTO mark (event_id, student_id, status) VALUES " MARK_VALUES_64);
		if (!st)
			return -1;
		for (int i = 0; i < MARK_STORE_BATCH; i++) {
			const struct mark_row *r = &rows[done + (size_t)i];
			sqlite3_bind_int64(st, 3 * i + 1, r->event_id);
			sqlite3_bind_int64(st, 3 * i + 2, r->student_id);
			sqlite3_bind_text(st, 3 * i + 3, mark_status_name(r->status), -1, SQLITE_STATIC);
		}
		if (db_step_done(db, st) != 0)
			return -1;
	}
	for (; done < count; done++)
		if (mark_store_insert(db, rows[done].event_id, rows[done].student_id,
				      rows[done].status) != 0)
			return -1;
	return 0;
}

int mark_store_set(struct db *db, long long event_id, long long student_id,
		   enum mark_status status)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"INSERT INTO mark (event_id, student_id, status) VALUES (?1, ?2, ?3) "
		"ON CONFLICT (event_id, student_id) DO UPDATE SET status = excluded.status");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, event_id);
	sqlite3_bind_int64(st, 2, student_id);
	sqlite3_bind_text(st, 3, mark_status_name(status), -1, SQLITE_STATIC);
	return db_step_done(db, st);
}

int mark_store_delete(struct db *db, long long event_id, long long student_id)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db, "DELETE FROM mark WHERE event_id = ?1 AND student_id = ?2");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, event_id);
	sqlite3_bind_int64(st, 2, student_id);
	return db_step_done(db, st);
}

long mark_store_list_event(struct db *db, long long event_id, struct mark_row **out)
{
	DB_SCOPE(db);
	*out = NULL;
	sqlite3_stmt *st = db_stmt(db,
		"SELECT student_id, status FROM mark WHERE event_id = ?1 ORDER BY student_id");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, event_id);
	size_t count = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *status = db_column_text(st, 1);
		ARRAY_RESERVE(*out, cap, count + 1);
		struct mark_row *m = &(*out)[count++];
		m->event_id = event_id;
		m->student_id = sqlite3_column_int64(st, 0);
		m->status = strcmp(status, "present") == 0 ? MARK_PRESENT
			  : strcmp(status, "excused") == 0 ? MARK_EXCUSED : MARK_ABSENT;
	}
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		return -1;
	}
	return (long)count;
}

int selection_store_replace(struct db *db, long long activity_id, int start_year,
			    const long long *student_ids, size_t count)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"DELETE FROM selection WHERE activity_id = ?1 AND start_year = ?2");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, activity_id);
	sqlite3_bind_int(st, 2, start_year);
	if (db_step_done(db, st) != 0)
		return -1;
	st = db_stmt(db,
		"INSERT OR IGNORE INTO selection (activity_id, start_year, student_id) VALUES (?1, ?2, ?3)");
	if (!st)
		return -1;
	for (size_t i = 0; i < count; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, activity_id);
		sqlite3_bind_int(st, 2, start_year);
		sqlite3_bind_int64(st, 3, student_ids[i]);
		if (db_step_done(db, st) != 0)
			return -1;
	}
	return 0;
}

long selection_store_students(struct db *db, long long activity_id, int start_year,
			      long long **out)
{
	DB_SCOPE(db);
	*out = NULL;
	sqlite3_stmt *st = db_stmt(db,
		"SELECT student_id FROM selection WHERE activity_id = ?1 AND start_year = ?2 "
		"ORDER BY student_id");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, activity_id);
	sqlite3_bind_int(st, 2, start_year);
	return step_ids(st, out);
}

long selection_store_count(struct db *db, long long activity_id, int start_year)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"SELECT count(*) FROM selection WHERE activity_id = ?1 AND start_year = ?2");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, activity_id);
	sqlite3_bind_int(st, 2, start_year);
	if (sqlite3_step(st) != SQLITE_ROW)
		return -1;
	return (long)sqlite3_column_int64(st, 0);
}

int organisation_store_add(struct db *db, long long school_id, const char *name,
			   const char *kind, const char *sector, const char *size, long long *id)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"INSERT INTO organisation (school_id, name, kind, sector, size, created_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	db_bind_text(st, 2, name);
	db_bind_text(st, 3, kind);
	db_bind_text(st, 4, sector);
	db_bind_text(st, 5, size);
	if (db_step_done(db, st) != 0)
		return -1;
	*id = db_last_insert_id(db);
	return 0;
}

int organisation_store_find(struct db *db, long long school_id, const char *id_or_name,
			    long long *id)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"SELECT id FROM organisation WHERE school_id = ?1 "
		"AND (CAST(id AS TEXT) = ?2 OR name = ?2 COLLATE NOCASE) ORDER BY id LIMIT 1");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	db_bind_text(st, 2, id_or_name);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		return 1;
	}
	return rc == SQLITE_DONE ? 0 : -1;
}

long organisation_store_list(struct db *db, long long school_id,
			     struct organisation_info **out)
{
	DB_SCOPE(db);
	*out = NULL;
	sqlite3_stmt *st = db_stmt(db,
		"SELECT o.id, o.name, o.kind, coalesce(o.sector, ''), coalesce(o.size, ''), "
		"  (SELECT count(*) FROM event_organisation eo WHERE eo.organisation_id = o.id) "
		"FROM organisation o WHERE o.school_id = ?1 ORDER BY o.name COLLATE NOCASE");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	size_t count = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ARRAY_RESERVE(*out, cap, count + 1);
		struct organisation_info *o = &(*out)[count++];
		o->id = sqlite3_column_int64(st, 0);
		text_copy(o->name, sizeof o->name, db_column_text(st, 1));
		text_copy(o->kind, sizeof o->kind, db_column_text(st, 2));
		text_copy(o->sector, sizeof o->sector, db_column_text(st, 3));
		text_copy(o->size, sizeof o->size, db_column_text(st, 4));
		o->events = sqlite3_column_int(st, 5);
	}
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		return -1;
	}
	return (long)count;
}

/* A mark's status column as enum mark_status, or -1 for none. */
static int mark_of_column(sqlite3_stmt *st, int col)
{
	const char *status = (const char *)sqlite3_column_text(st, col);
	for (int s = 0; status && s < MARK_STATUS_COUNT; s++)
		if (strcmp(status, mark_status_name((enum mark_status)s)) == 0)
			return s;
	return -1;
}

static const char *arena_column(struct arena *arena, sqlite3_stmt *st, int col)
{
	const unsigned char *text = sqlite3_column_text(st, col);
	return text ? arena_strdup(arena, (const char *)text) : NULL;
}

long register_store_pupils(struct db *db, long long school_id, long long event_id, int start_year,
			   unsigned years, struct register_row **out, struct arena *arena)
{
	DB_SCOPE(db);
	*out = NULL;
	int first = 0, last = -1;
	for (int y = YEAR_GROUP_FIRST; y <= YEAR_GROUP_LAST; y++)
		if ((years >> y) & 1) {
			if (!first)
				first = y;
			last = y;
		}
	/* The year groups' enrolments through enrolment_by_year, then anyone
	 * else marked on the event. */
	sqlite3_stmt *st = db_stmt(db,
		"SELECT s.id, s.upn, s.legal_surname, s.legal_forename, s.preferred_surname, "
		"  s.preferred_forename, 1, e.year_group, e.tutor_group, e.on_roll_from, e.on_roll_to, "
		"  m.status "
		"FROM enrolment e JOIN student s ON s.id = e.student_id "
		"LEFT JOIN mark m ON m.event_id = ?3 AND m.student_id = s.id "
		"WHERE e.start_year = ?2 AND e.year_group BETWEEN ?4 AND ?5 "
		"  AND (?6 >> e.year_group) & 1 AND s.school_id = ?1 "
		"UNION ALL "
		"SELECT s.id, s.upn, s.legal_surname, s.legal_forename, s.preferred_surname, "
		"  s.preferred_forename, e.student_id IS NOT NULL, coalesce(e.year_group, 0), "
		"  e.tutor_group, e.on_roll_from, e.on_roll_to, m.status "
		"FROM mark m JOIN student s ON s.id = m.student_id "
		"LEFT JOIN enrolment e ON e.student_id = s.id AND e.start_year = ?2 "
		"WHERE m.event_id = ?3 AND s.school_id = ?1 "
		"  AND NOT (e.year_group IS NOT NULL AND (?6 >> e.year_group) & 1)");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int(st, 2, start_year);
	sqlite3_bind_int64(st, 3, event_id);
	sqlite3_bind_int(st, 4, first);
	sqlite3_bind_int(st, 5, last);
	sqlite3_bind_int64(st, 6, years);
	size_t count = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ARRAY_RESERVE(*out, cap, count + 1);
		struct register_row *r = &(*out)[count++];
		*r = (struct register_row){
			.student_id = sqlite3_column_int64(st, 0),
			.upn = arena_column(arena, st, 1),
			.legal_surname = arena_column(arena, st, 2),
			.legal_forename = arena_column(arena, st, 3),
			.preferred_surname = arena_column(arena, st, 4),
			.preferred_forename = arena_column(arena, st, 5),
			.enrolled = sqlite3_column_int(st, 6) != 0,
			.year_group = sqlite3_column_int(st, 7),
			.tutor_group = arena_column(arena, st, 8),
			.on_roll_from = db_column_date(st, 9),
			.on_roll_to = db_column_date(st, 10),
			.mark = mark_of_column(st, 11),
		};
	}
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		return -1;
	}
	return (long)count;
}
