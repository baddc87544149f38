#include "store/programme_store.h"

#include <stdlib.h>
#include <string.h>

#include "store/db_internal.h"
#include "util/mem.h"

static int save_header(struct db *db, long long school_id, const struct programme *p,
		       const char *sha)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"INSERT INTO programme (school_id, name, source, format_version, file_sha256, loaded_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) "
		"ON CONFLICT (school_id) DO UPDATE SET name = excluded.name, "
		"source = excluded.source, format_version = excluded.format_version, "
		"file_sha256 = excluded.file_sha256, loaded_at = excluded.loaded_at");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	db_bind_text(st, 2, p->name);
	db_bind_text(st, 3, p->source);
	sqlite3_bind_int(st, 4, p->format_version);
	db_bind_text(st, 5, sha);
	if (db_step_done(db, st) != 0)
		return -1;

	static const char *const clear[] = {
		"DELETE FROM programme_band WHERE school_id = ?1",
		"DELETE FROM programme_aim WHERE school_id = ?1",
		"DELETE FROM programme_date_name WHERE school_id = ?1",
		"DELETE FROM programme_subject WHERE school_id = ?1",
	};
	for (size_t i = 0; i < sizeof clear / sizeof *clear; i++) {
		st = db_stmt(db, clear[i]);
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, school_id);
		if (db_step_done(db, st) != 0)
			return -1;
	}
	st = db_stmt(db,
		"INSERT INTO programme_band (school_id, year_group, floor_percent, ceiling_percent) "
		"VALUES (?1, ?2, ?3, ?4)");
	if (!st)
		return -1;
	for (int y = YEAR_GROUP_FIRST; y <= YEAR_GROUP_LAST; y++) {
		if (p->bands[y].floor <= 0 && p->bands[y].ceiling <= 0)
			continue;
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, school_id);
		sqlite3_bind_int(st, 2, y);
		sqlite3_bind_double(st, 3, p->bands[y].floor);
		sqlite3_bind_double(st, 4, p->bands[y].ceiling);
		if (db_step_done(db, st) != 0)
			return -1;
	}
	st = db_stmt(db,
		"INSERT INTO programme_aim (school_id, year_group, strand, aim) VALUES (?1, ?2, ?3, ?4)");
	if (!st)
		return -1;
	for (int y = YEAR_GROUP_FIRST; y <= YEAR_GROUP_LAST; y++) {
		for (int s = 0; s < STRAND_COUNT; s++) {
			if (!p->aims[y][s])
				continue;
			sqlite3_reset(st);
			sqlite3_bind_int64(st, 1, school_id);
			sqlite3_bind_int(st, 2, y);
			db_bind_text(st, 3, strand_name((enum strand)s));
			db_bind_text(st, 4, p->aims[y][s]);
			if (db_step_done(db, st) != 0)
				return -1;
		}
	}
	st = db_stmt(db,
		"INSERT INTO programme_date_name (school_id, name, position, description) "
		"VALUES (?1, ?2, ?3, ?4)");
	if (!st)
		return -1;
	for (size_t i = 0; i < p->date_name_count; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, school_id);
		db_bind_text(st, 2, p->date_names[i].name);
		sqlite3_bind_int(st, 3, (int)i);
		db_bind_text(st, 4, p->date_names[i].description);
		if (db_step_done(db, st) != 0)
			return -1;
	}
	st = db_stmt(db,
		"INSERT INTO programme_subject (school_id, position, subject) VALUES (?1, ?2, ?3)");
	if (!st)
		return -1;
	for (size_t i = 0; i < p->subject_count; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, school_id);
		sqlite3_bind_int(st, 2, (int)i);
		db_bind_text(st, 3, p->subjects[i]);
		if (db_step_done(db, st) != 0)
			return -1;
	}
	return 0;
}

static int save_activity(struct db *db, long long school_id, const struct activity *a,
			 int position, struct programme_save_result *result)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"SELECT id FROM activity WHERE school_id = ?1 AND slug = ?2");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	db_bind_text(st, 2, a->id);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return -1;
	if (rc == SQLITE_ROW)
		result->kept++;
	else
		result->added++;

	st = db_stmt(db,
		"INSERT INTO activity (school_id, slug, name, description, position, year_groups, "
		"  strand, cohort, sessions, benchmarks, kind, encounters, provider_access, hours, "
		"  timing_terms, timing_months, timing_part, timing_weekday, timing_week, "
		"  timing_occurrence, timing_recurs, timing_consecutive, timing_slot, timing_before, "
		"  timing_after, timing_before_week_leading_up_to, timing_before_activity, "
		"  timing_note, visit, retired) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
		"  ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, 0) "
		"ON CONFLICT (school_id, slug) DO UPDATE SET name = excluded.name, "
		"  description = excluded.description, position = excluded.position, "
		"  year_groups = excluded.year_groups, strand = excluded.strand, "
		"  cohort = excluded.cohort, sessions = excluded.sessions, "
		"  benchmarks = excluded.benchmarks, kind = excluded.kind, "
		"  encounters = excluded.encounters, provider_access = excluded.provider_access, "
		"  hours = excluded.hours, timing_terms = excluded.timing_terms, "
		"  timing_months = excluded.timing_months, timing_part = excluded.timing_part, "
		"  timing_weekday = excluded.timing_weekday, timing_week = excluded.timing_week, "
		"  timing_occurrence = excluded.timing_occurrence, "
		"  timing_recurs = excluded.timing_recurs, "
		"  timing_consecutive = excluded.timing_consecutive, "
		"  timing_slot = excluded.timing_slot, timing_before = excluded.timing_before, "
		"  timing_after = excluded.timing_after, "
		"  timing_before_week_leading_up_to = excluded.timing_before_week_leading_up_to, "
		"  timing_before_activity = excluded.timing_before_activity, "
		"  timing_note = excluded.timing_note, visit = excluded.visit, retired = 0 "
		"RETURNING id");
	if (!st)
		return -1;
	const struct timing_rule *t = &a->timing;
	char week[2] = { t->week, '\0' };
	sqlite3_bind_int64(st, 1, school_id);
	db_bind_text(st, 2, a->id);
	db_bind_text(st, 3, a->name);
	db_bind_text(st, 4, a->description);
	sqlite3_bind_int(st, 5, position);
	sqlite3_bind_int(st, 6, a->year_groups);
	db_bind_text(st, 7, strand_name(a->strand));
	db_bind_text(st, 8, cohort_name(a->cohort));
	sqlite3_bind_int(st, 9, a->sessions);
	sqlite3_bind_int(st, 10, a->benchmarks);
	db_bind_text(st, 11, kind_name(a->kind));
	sqlite3_bind_int(st, 12, a->encounters);
	sqlite3_bind_int(st, 13, a->provider_access);
	if (a->hours > 0)
		sqlite3_bind_double(st, 14, a->hours);
	sqlite3_bind_int(st, 15, t->terms);
	sqlite3_bind_int(st, 16, t->months);
	db_bind_text(st, 17, part_name(t->part));
	sqlite3_bind_int(st, 18, (int)t->weekday);
	db_bind_text(st, 19, t->week ? week : NULL);
	db_bind_text(st, 20, occurrence_name(t->occurrence));
	db_bind_text(st, 21, recurrence_name(t->recurs));
	sqlite3_bind_int(st, 22, t->consecutive);
	db_bind_text(st, 23, slot_name(t->slot));
	db_bind_text(st, 24, t->before);
	db_bind_text(st, 25, t->after);
	db_bind_text(st, 26, t->before_week_leading_up_to);
	db_bind_text(st, 27, t->before_activity);
	db_bind_text(st, 28, t->note);
	sqlite3_bind_int(st, 29, a->visit);
	if (sqlite3_step(st) != SQLITE_ROW)
		return -1;
	long long id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);

	st = db_stmt(db, "DELETE FROM activity_subject WHERE activity_id = ?1");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if (db_step_done(db, st) != 0)
		return -1;
	st = db_stmt(db,
		"INSERT INTO activity_subject (activity_id, position, subject) VALUES (?1, ?2, ?3)");
	if (!st)
		return -1;
	for (size_t i = 0; i < a->subject_count; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int(st, 2, (int)i);
		db_bind_text(st, 3, a->subjects[i]);
		if (db_step_done(db, st) != 0)
			return -1;
	}
	return 0;
}

/* Activities no longer in the file: deleted when nothing refers to them,
 * otherwise retired so that old registers still name what they were. */
static int remove_missing(struct db *db, long long school_id, const struct programme *p,
			  struct programme_save_result *result)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"SELECT id, slug FROM activity WHERE school_id = ?1 AND retired = 0");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	long long *gone = NULL;
	size_t count = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (programme_find_activity(p, db_column_text(st, 1)))
			continue;
		ARRAY_RESERVE(gone, cap, count + 1);
		gone[count++] = sqlite3_column_int64(st, 0);
	}
	int status = rc == SQLITE_DONE ? 0 : -1;
	for (size_t i = 0; status == 0 && i < count; i++) {
		st = db_stmt(db, "DELETE FROM activity WHERE id = ?1");
		if (!st) {
			status = -1;
			break;
		}
		sqlite3_bind_int64(st, 1, gone[i]);
		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE) {
			result->removed++;
			continue;
		}
		sqlite3_reset(st);
		if (rc != SQLITE_CONSTRAINT_FOREIGNKEY) {
			status = -1;
			break;
		}
		st = db_stmt(db, "UPDATE activity SET retired = 1 WHERE id = ?1");
		if (!st) {
			status = -1;
			break;
		}
		sqlite3_bind_int64(st, 1, gone[i]);
		status = db_step_done(db, st);
		result->retired++;
	}
	free(gone);
	return status;
}

int programme_store_save(struct db *db, long long school_id, const struct programme *p,
			 const char *file_sha256, struct programme_save_result *result)
{
	*result = (struct programme_save_result){ 0 };
	if (save_header(db, school_id, p, file_sha256) != 0)
		return -1;
	/* Remove first: a slug dropped from the file frees its row before the
	 * new rows are written. */
	if (remove_missing(db, school_id, p, result) != 0)
		return -1;
	for (size_t i = 0; i < p->activity_count; i++)
		if (save_activity(db, school_id, &p->activities[i], (int)i, result) != 0)
			return -1;
	return 0;
}

static const char *copy_or_null(struct programme *p, sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	return t ? arena_strdup(&p->arena, (const char *)t) : NULL;
}

/* Reads the enum columns back; false if the database holds a name this
 * build does not know (a newer or damaged file). */
static bool read_activity_row(struct programme *p, sqlite3_stmt *st, struct activity *a)
{
	struct timing_rule *t = &a->timing;
	a->db_id = sqlite3_column_int64(st, 0);
	a->id = copy_or_null(p, st, 1);
	a->name = copy_or_null(p, st, 2);
	a->description = copy_or_null(p, st, 3);
	a->year_groups = (uint16_t)sqlite3_column_int(st, 4);
	a->sessions = sqlite3_column_int(st, 7);
	a->benchmarks = (uint16_t)sqlite3_column_int(st, 8);
	a->encounters = (uint16_t)sqlite3_column_int(st, 10);
	a->provider_access = sqlite3_column_int(st, 11) != 0;
	a->hours = sqlite3_column_double(st, 12);
	t->terms = (uint8_t)sqlite3_column_int(st, 13);
	t->months = (uint16_t)sqlite3_column_int(st, 14);
	t->weekday = (enum weekday)sqlite3_column_int(st, 16);
	t->week = db_column_text(st, 17)[0];
	t->consecutive = sqlite3_column_int(st, 20) != 0;
	t->before = copy_or_null(p, st, 22);
	t->after = copy_or_null(p, st, 23);
	t->before_week_leading_up_to = copy_or_null(p, st, 24);
	t->before_activity = copy_or_null(p, st, 25);
	t->note = copy_or_null(p, st, 26);
	a->retired = sqlite3_column_int(st, 27) != 0;
	a->visit = sqlite3_column_int(st, 28) != 0;
	return strand_parse(db_column_text(st, 5), &a->strand) &&
	       cohort_parse(db_column_text(st, 6), &a->cohort) &&
	       kind_parse(db_column_text(st, 9), &a->kind) &&
	       part_parse(db_column_text(st, 15), &t->part) &&
	       occurrence_parse(db_column_text(st, 18), &t->occurrence) &&
	       recurrence_parse(db_column_text(st, 19), &t->recurs) &&
	       slot_parse(db_column_text(st, 21), &t->slot);
}

static int load_subjects(struct db *db, struct programme *p, struct activity *a)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"SELECT subject FROM activity_subject WHERE activity_id = ?1 ORDER BY position");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, a->db_id);
	const char *items[64];
	size_t n = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (n < sizeof items / sizeof *items)
			items[n++] = arena_strdup(&p->arena, db_column_text(st, 0));
	if (rc != SQLITE_DONE)
		return -1;
	a->subjects = arena_alloc(&p->arena, (n + 1) * sizeof *a->subjects);
	memcpy(a->subjects, items, n * sizeof *items);
	a->subject_count = n;
	return 0;
}

int programme_store_load(struct db *db, long long school_id, struct programme *p)
{
	DB_SCOPE(db);
	programme_init(p);
	sqlite3_stmt *st = db_stmt(db,
		"SELECT name, source, format_version FROM programme WHERE school_id = ?1");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return -1;
	p->name = copy_or_null(p, st, 0);
	p->source = copy_or_null(p, st, 1);
	p->format_version = sqlite3_column_int(st, 2);

	st = db_stmt(db,
		"SELECT year_group, floor_percent, ceiling_percent FROM programme_band "
		"WHERE school_id = ?1");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int y = sqlite3_column_int(st, 0);
		if (y >= YEAR_GROUP_FIRST && y <= YEAR_GROUP_LAST)
			p->bands[y] = (struct entitlement_band){ sqlite3_column_double(st, 1),
								 sqlite3_column_double(st, 2) };
	}
	if (rc != SQLITE_DONE)
		return -1;

	st = db_stmt(db,
		"SELECT year_group, strand, aim FROM programme_aim WHERE school_id = ?1");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int y = sqlite3_column_int(st, 0);
		enum strand s;
		if (y >= YEAR_GROUP_FIRST && y <= YEAR_GROUP_LAST &&
		    strand_parse(db_column_text(st, 1), &s))
			p->aims[y][s] = copy_or_null(p, st, 2);
	}
	if (rc != SQLITE_DONE)
		return -1;

	st = db_stmt(db,
		"SELECT name, description FROM programme_date_name WHERE school_id = ?1 ORDER BY position");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	size_t cap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ARRAY_RESERVE(p->date_names, cap, p->date_name_count + 1);
		p->date_names[p->date_name_count++] = (struct date_name){
			copy_or_null(p, st, 0), copy_or_null(p, st, 1), 0, 0,
		};
	}
	if (rc != SQLITE_DONE)
		return -1;

	st = db_stmt(db,
		"SELECT id, slug, name, description, year_groups, strand, cohort, sessions, "
		"  benchmarks, kind, encounters, provider_access, hours, timing_terms, "
		"  timing_months, timing_part, timing_weekday, timing_week, timing_occurrence, "
		"  timing_recurs, timing_consecutive, timing_slot, timing_before, timing_after, "
		"  timing_before_week_leading_up_to, timing_before_activity, timing_note, retired, visit "
		"FROM activity WHERE school_id = ?1 ORDER BY retired, position, id");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct activity *a = programme_add_activity(p);
		if (!read_activity_row(p, st, a))
			return -1;
	}
	if (rc != SQLITE_DONE)
		return -1;
	for (size_t i = 0; i < p->activity_count; i++)
		if (load_subjects(db, p, &p->activities[i]) != 0)
			return -1;

	st = db_stmt(db,
		"SELECT subject FROM programme_subject WHERE school_id = ?1 ORDER BY position");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	const char **subjects = NULL;
	size_t count = 0, cap2 = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ARRAY_RESERVE(subjects, cap2, count + 1);
		subjects[count++] = arena_strdup(&p->arena, db_column_text(st, 0));
	}
	if (rc != SQLITE_DONE) {
		free(subjects);
		return -1;
	}
	/* The list lives in the arena like everything else the programme holds. */
	p->subjects = arena_alloc(&p->arena, (count + 1) * sizeof *p->subjects);
	if (count)
		memcpy(p->subjects, subjects, count * sizeof *subjects);
	p->subject_count = count;
	free(subjects);
	return 1;
}
