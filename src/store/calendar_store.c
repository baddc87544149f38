#include "store/calendar_store.h"

#include "store/db_internal.h"
#include "util/mem.h"

static int year_id(struct db *db, long long school_id, int start_year, long long *id)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"SELECT id FROM academic_year WHERE school_id = ?1 AND start_year = ?2");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int(st, 2, start_year);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		return 1;
	}
	return rc == SQLITE_DONE ? 0 : -1;
}

int calendar_store_save(struct db *db, long long school_id,
			const struct school_calendar *cal)
{
	DB_SCOPE(db);
	long long id;
	int found = year_id(db, school_id, cal->start_year, &id);
	if (found < 0)
		return -1;
	char first_week[2] = { cal->first_week, '\0' };
	if (found) {
		/* The year row stays (later tables refer to it); its parts go. */
		static const char *const clear[] = {
			"DELETE FROM term WHERE academic_year_id = ?1",
			"DELETE FROM holiday WHERE academic_year_id = ?1",
			"DELETE FROM named_date WHERE academic_year_id = ?1",
			"DELETE FROM school_week WHERE academic_year_id = ?1",
		};
		for (size_t i = 0; i < sizeof clear / sizeof *clear; i++) {
			sqlite3_stmt *st = db_stmt(db, clear[i]);
			if (!st)
				return -1;
			sqlite3_bind_int64(st, 1, id);
			if (db_step_done(db, st) != 0)
				return -1;
		}
		sqlite3_stmt *st = db_stmt(db,
			"UPDATE academic_year SET first_week = ?2 WHERE id = ?1");
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, id);
		db_bind_text(st, 2, first_week);
		if (db_step_done(db, st) != 0)
			return -1;
	} else {
		sqlite3_stmt *st = db_stmt(db,
			"INSERT INTO academic_year (school_id, start_year, first_week) "
			"VALUES (?1, ?2, ?3)");
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, school_id);
		sqlite3_bind_int(st, 2, cal->start_year);
		db_bind_text(st, 3, first_week);
		if (db_step_done(db, st) != 0)
			return -1;
		id = db_last_insert_id(db);
	}

	sqlite3_stmt *st = db_stmt(db,
		"INSERT INTO term (academic_year_id, ordinal, label, start_date, end_date) "
		"VALUES (?1, ?2, ?3, ?4, ?5)");
	if (!st)
		return -1;
	for (size_t i = 0; i < cal->term_count; i++) {
		const struct term *t = &cal->terms[i];
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int(st, 2, t->ordinal);
		db_bind_text(st, 3, t->label);
		db_bind_date(st, 4, t->start);
		db_bind_date(st, 5, t->end);
		if (db_step_done(db, st) != 0)
			return -1;
	}
	st = db_stmt(db,
		"INSERT INTO holiday (academic_year_id, label, start_date, end_date) "
		"VALUES (?1, ?2, ?3, ?4)");
	if (!st)
		return -1;
	for (size_t i = 0; i < cal->holiday_count; i++) {
		const struct holiday *h = &cal->holidays[i];
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, id);
		db_bind_text(st, 2, h->label);
		db_bind_date(st, 3, h->start);
		db_bind_date(st, 4, h->end);
		if (db_step_done(db, st) != 0)
			return -1;
	}
	st = db_stmt(db,
		"INSERT INTO named_date (academic_year_id, name, date) VALUES (?1, ?2, ?3)");
	if (!st)
		return -1;
	for (size_t i = 0; i < cal->date_count; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, id);
		db_bind_text(st, 2, cal->dates[i].name);
		db_bind_date(st, 3, cal->dates[i].date);
		if (db_step_done(db, st) != 0)
			return -1;
	}
	st = db_stmt(db,
		"INSERT INTO school_week (academic_year_id, week_start, week, edited) "
		"VALUES (?1, ?2, ?3, ?4)");
	if (!st)
		return -1;
	for (size_t i = 0; i < cal->week_count; i++) {
		char letter[2] = { cal->weeks[i].week, '\0' };
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, id);
		db_bind_date(st, 2, cal->weeks[i].monday);
		db_bind_text(st, 3, letter);
		sqlite3_bind_int(st, 4, cal->weeks[i].edited);
		if (db_step_done(db, st) != 0)
			return -1;
	}
	return 0;
}

int calendar_store_load(struct db *db, long long school_id, int start_year,
			struct school_calendar *cal)
{
	DB_SCOPE(db);
	calendar_init(cal, start_year);
	long long id;
	int found = year_id(db, school_id, start_year, &id);
	if (found <= 0)
		return found;

	sqlite3_stmt *st = db_stmt(db, "SELECT first_week FROM academic_year WHERE id = ?1");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW)
		return -1;
	cal->first_week = db_column_text(st, 0)[0];

	int rc;
	st = db_stmt(db,
		"SELECT ordinal, label, start_date, end_date FROM term "
		"WHERE academic_year_id = ?1 ORDER BY ordinal");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		calendar_add_term(cal, sqlite3_column_int(st, 0), db_column_text(st, 1),
				  db_column_date(st, 2), db_column_date(st, 3));
	if (rc != SQLITE_DONE)
		return -1;

	st = db_stmt(db,
		"SELECT label, start_date, end_date FROM holiday "
		"WHERE academic_year_id = ?1 ORDER BY start_date, id");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		calendar_add_holiday(cal, db_column_text(st, 0), db_column_date(st, 1),
				     db_column_date(st, 2));
	if (rc != SQLITE_DONE)
		return -1;

	st = db_stmt(db,
		"SELECT name, date FROM named_date WHERE academic_year_id = ?1 ORDER BY date, name");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		calendar_set_named_date(cal, db_column_text(st, 0), db_column_date(st, 1));
	if (rc != SQLITE_DONE)
		return -1;

	st = db_stmt(db,
		"SELECT week_start, week, edited FROM school_week "
		"WHERE academic_year_id = ?1 ORDER BY week_start");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	size_t cap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ARRAY_RESERVE(cal->weeks, cap, cal->week_count + 1);
		cal->weeks[cal->week_count++] = (struct school_week){
			db_column_date(st, 0), db_column_text(st, 1)[0],
			sqlite3_column_int(st, 2) != 0,
		};
	}
	return rc == SQLITE_DONE ? 1 : -1;
}

int calendar_store_years(struct db *db, long long school_id, int *years, size_t max)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"SELECT start_year FROM academic_year WHERE school_id = ?1 "
		"AND EXISTS (SELECT 1 FROM term WHERE academic_year_id = academic_year.id) "
		"ORDER BY start_year DESC");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	int rc, n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((size_t)n < max)
			years[n++] = sqlite3_column_int(st, 0);
	return rc == SQLITE_DONE ? n : -1;
}
