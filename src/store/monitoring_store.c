#include "store/monitoring_store.h"

#include <stdlib.h>
#include <string.h>

#include "domain/roster.h"
#include "store/calendar_store.h"
#include "store/db_internal.h"
#include "store/programme_store.h"
#include "util/mem.h"

/* Database ids to array indexes. Ids are small and dense (SQLite rowids),
 * so a plain table is both the simplest and the fastest map. */
struct id_map {
	uint32_t *index;   /* index[id] = position + 1; 0: absent */
	long long size;
};

static void id_map_put(struct id_map *m, long long id, uint32_t position)
{
	if (id < 0)
		return;
	if (id >= m->size) {
		long long size = m->size ? m->size : 1024;
		while (size <= id)
			size *= 2;
		m->index = xreallocarray(m->index, (size_t)size, sizeof *m->index);
		memset(m->index + m->size, 0, (size_t)(size - m->size) * sizeof *m->index);
		m->size = size;
	}
	m->index[id] = position + 1;
}

/* The position of id, or UINT32_MAX. */
static uint32_t id_map_get(const struct id_map *m, long long id)
{
	if (id < 0 || id >= m->size || !m->index[id])
		return UINT32_MAX;
	return m->index[id] - 1;
}

static const char *copy_text(struct mon_data *d, sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	return t ? arena_strdup(&d->arena, (const char *)t) : NULL;
}

static int load_calendars(struct db *db, struct mon_data *d)
{
	int years[64];
	int n = calendar_store_years(db, d->school_id, years, 64);
	if (n < 0)
		return -1;
	d->calendars = xcalloc((size_t)n + 1, sizeof *d->calendars);
	for (int i = 0; i < n; i++) {
		if (calendar_store_load(db, d->school_id, years[i], &d->calendars[i]) != 1) {
			calendar_free(&d->calendars[i]);
			d->calendar_count = (size_t)i;
			return -1;
		}
		d->calendar_count = (size_t)i + 1;
	}
	return 0;
}

static int load_pupils(struct db *db, struct mon_data *d, struct id_map *pupils)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"SELECT id, upn, legal_surname, legal_forename, preferred_surname, preferred_forename "
		"FROM student WHERE school_id = ?1 ORDER BY id");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, d->school_id);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ARRAY_RESERVE(d->pupils, cap, d->pupil_count + 1);
		struct mon_pupil *p = &d->pupils[d->pupil_count];
		memset(p, 0, sizeof *p);
		p->id = sqlite3_column_int64(st, 0);
		p->upn = copy_text(d, st, 1);
		struct pupil names = {
			.legal_surname = (const char *)sqlite3_column_text(st, 2),
			.legal_forename = (const char *)sqlite3_column_text(st, 3),
			.preferred_surname = (const char *)sqlite3_column_text(st, 4),
			.preferred_forename = (const char *)sqlite3_column_text(st, 5),
		};
		char name[PUPIL_NAME_BYTES];
		pupil_display_name(&names, name, sizeof name);
		p->name = arena_strdup(&d->arena, name);
		id_map_put(pupils, p->id, (uint32_t)d->pupil_count);
		d->pupil_count++;
	}
	return rc == SQLITE_DONE ? 0 : -1;
}

static int load_enrolments(struct db *db, struct mon_data *d, const struct id_map *pupils)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"SELECT e.student_id, e.start_year, e.year_group, e.tutor_group, e.sen, "
		"  e.pupil_premium, e.fsm, e.fsm6, e.eal, e.looked_after, e.on_roll_from, "
		"  e.on_roll_to, s.gender, coalesce(i.considering_he, 0) "
		"FROM enrolment e JOIN student s ON s.id = e.student_id "
		"LEFT JOIN student_intention i ON i.student_id = e.student_id "
		"  AND i.start_year = e.start_year "
		"WHERE s.school_id = ?1 ORDER BY e.student_id, e.start_year");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, d->school_id);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		uint32_t pupil = id_map_get(pupils, sqlite3_column_int64(st, 0));
		if (pupil == UINT32_MAX)
			continue;
		ARRAY_RESERVE(d->enrolments, cap, d->enrolment_count + 1);
		struct mon_enrolment *e = &d->enrolments[d->enrolment_count];
		e->pupil = pupil;
		e->start_year = sqlite3_column_int(st, 1);
		e->year_group = sqlite3_column_int(st, 2);
		const char *tutor = copy_text(d, st, 3);
		e->tutor_group = tutor ? tutor : "";
		char sen = db_column_text(st, 4)[0];
		unsigned flags = 0;
		if (sen == SEN_SUPPORT)
			flags |= PUPIL_SEN_SUPPORT;
		if (sen == SEN_EHC_PLAN)
			flags |= PUPIL_EHC_PLAN;
		if (sqlite3_column_int(st, 5))
			flags |= PUPIL_PP;
		if (sqlite3_column_int(st, 6))
			flags |= PUPIL_FSM;
		if (sqlite3_column_int(st, 7))
			flags |= PUPIL_FSM6;
		if (sqlite3_column_int(st, 8))
			flags |= PUPIL_EAL;
		if (sqlite3_column_int(st, 9))
			flags |= PUPIL_LOOKED_AFTER;
		if (sqlite3_column_int(st, 13))
			flags |= PUPIL_CONSIDERING_HE;
		e->flags = flags;
		e->from = db_column_date(st, 10);
		e->to = db_column_date(st, 11);
		if (e->to == DATE_NONE)
			e->to = DATE_OPEN;
		e->gender = db_column_text(st, 12)[0];
		struct mon_pupil *p = &d->pupils[pupil];
		if (!p->enrolment_count)
			p->first_enrolment = (uint32_t)d->enrolment_count;
		p->enrolment_count++;
		d->enrolment_count++;
	}
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Cancelled events are left out: they count in no figure, and their marks
 * (load_marks finds no event for them) neither. */
static int load_events(struct db *db, struct mon_data *d, struct id_map *events)
{
	DB_SCOPE(db);
	struct id_map activities = { 0 };
	for (size_t i = 0; i < d->programme.activity_count; i++)
		id_map_put(&activities, d->programme.activities[i].db_id, (uint32_t)i);
	sqlite3_stmt *st = db_stmt(db,
		"SELECT id, activity_id, date, coalesce(year_group, 0), subject FROM event "
		"WHERE school_id = ?1 AND cancelled_at IS NULL ORDER BY date, id");
	int rc = SQLITE_ERROR;
	if (st) {
		sqlite3_bind_int64(st, 1, d->school_id);
		size_t cap = 0;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			uint32_t activity = id_map_get(&activities, sqlite3_column_int64(st, 1));
			if (activity == UINT32_MAX)
				continue;
			ARRAY_RESERVE(d->events, cap, d->event_count + 1);
			struct mon_event *e = &d->events[d->event_count];
			memset(e, 0, sizeof *e);
			e->id = sqlite3_column_int64(st, 0);
			e->activity = activity;
			e->date = db_column_date(st, 2);
			e->start_year = academic_year_of(e->date);
			e->year_group = sqlite3_column_int(st, 3);
			e->subject = copy_text(d, st, 4);
			id_map_put(events, e->id, (uint32_t)d->event_count);
			d->event_count++;
		}
	}
	free(activities.index);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Marks come out of the table in (event id, student id) order; they are
 * placed by event index (date order) with a counting sort, which keeps each
 * event's marks in pupil order because pupil indexes follow student ids. */
static int load_marks(struct db *db, struct mon_data *d, const struct id_map *events,
		      const struct id_map *pupils)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"SELECT m.event_id, m.student_id, m.status FROM mark m "
		"JOIN event e ON e.id = m.event_id WHERE e.school_id = ?1 "
		"ORDER BY m.event_id, m.student_id");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, d->school_id);
	struct mon_mark *raw = NULL;
	size_t count = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		uint32_t event = id_map_get(events, sqlite3_column_int64(st, 0));
		uint32_t pupil = id_map_get(pupils, sqlite3_column_int64(st, 1));
		if (event == UINT32_MAX || pupil == UINT32_MAX)
			continue;
		const char *status = db_column_text(st, 2);
		ARRAY_RESERVE(raw, cap, count + 1);
		raw[count++] = (struct mon_mark){
			event, pupil,
			status[0] == 'p' ? MARK_PRESENT : status[0] == 'e' ? MARK_EXCUSED : MARK_ABSENT,
		};
	}
	if (rc != SQLITE_DONE) {
		free(raw);
		return -1;
	}
	/* Place by event. */
	for (size_t i = 0; i < count; i++)
		d->events[raw[i].event].mark_count++;
	uint32_t next = 0;
	for (size_t e = 0; e < d->event_count; e++) {
		d->events[e].first_mark = next;
		next += d->events[e].mark_count;
	}
	uint32_t *fill = xcalloc(d->event_count + 1, sizeof *fill);
	d->marks = xcalloc(count + 1, sizeof *d->marks);
	for (size_t i = 0; i < count; i++) {
		const struct mon_event *e = &d->events[raw[i].event];
		d->marks[e->first_mark + fill[raw[i].event]++] = raw[i];
	}
	d->mark_count = count;
	free(raw);
	free(fill);

	/* And by pupil, in date order: walk the events in date order. */
	for (size_t i = 0; i < count; i++)
		d->pupils[d->marks[i].pupil].mark_count++;
	next = 0;
	for (size_t p = 0; p < d->pupil_count; p++) {
		d->pupils[p].first_mark = next;
		next += d->pupils[p].mark_count;
	}
	fill = xcalloc(d->pupil_count + 1, sizeof *fill);
	d->pupil_marks = xcalloc(count + 1, sizeof *d->pupil_marks);
	for (size_t i = 0; i < count; i++) {
		uint32_t p = d->marks[i].pupil;
		d->pupil_marks[d->pupils[p].first_mark + fill[p]++] = (uint32_t)i;
	}
	free(fill);
	return 0;
}

static int compare_selections(const void *x, const void *y)
{
	const struct mon_selection *a = x, *b = y;
	if (a->activity != b->activity)
		return a->activity < b->activity ? -1 : 1;
	if (a->start_year != b->start_year)
		return a->start_year < b->start_year ? -1 : 1;
	return a->pupil < b->pupil ? -1 : a->pupil > b->pupil;
}

static int load_selections(struct db *db, struct mon_data *d, const struct id_map *pupils)
{
	DB_SCOPE(db);
	struct id_map activities = { 0 };
	for (size_t i = 0; i < d->programme.activity_count; i++)
		id_map_put(&activities, d->programme.activities[i].db_id, (uint32_t)i);
	sqlite3_stmt *st = db_stmt(db,
		"SELECT s.activity_id, s.start_year, s.student_id FROM selection s "
		"JOIN activity a ON a.id = s.activity_id WHERE a.school_id = ?1");
	int rc = SQLITE_ERROR;
	if (st) {
		sqlite3_bind_int64(st, 1, d->school_id);
		size_t cap = 0;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			uint32_t activity = id_map_get(&activities, sqlite3_column_int64(st, 0));
			uint32_t pupil = id_map_get(pupils, sqlite3_column_int64(st, 2));
			if (activity == UINT32_MAX || pupil == UINT32_MAX)
				continue;
			ARRAY_RESERVE(d->selections, cap, d->selection_count + 1);
			d->selections[d->selection_count++] = (struct mon_selection){
				activity, sqlite3_column_int(st, 1), pupil,
			};
		}
	}
	free(activities.index);
	if (d->selection_count)
		qsort(d->selections, d->selection_count, sizeof *d->selections, compare_selections);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int load_guidance(struct db *db, struct mon_data *d, const struct id_map *pupils)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"SELECT g.student_id, g.date, g.external, g.level, g.agreed_actions, g.next_meeting "
		"FROM guidance_meeting g "
		"JOIN student s ON s.id = g.student_id WHERE s.school_id = ?1 "
		"ORDER BY g.student_id, g.date");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, d->school_id);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		uint32_t pupil = id_map_get(pupils, sqlite3_column_int64(st, 0));
		if (pupil == UINT32_MAX)
			continue;
		ARRAY_RESERVE(d->guidance, cap, d->guidance_count + 1);
		d->guidance[d->guidance_count++] = (struct mon_guidance){
			pupil, db_column_date(st, 1), sqlite3_column_int(st, 2) != 0,
			sqlite3_column_int(st, 3), copy_text(d, st, 4), db_column_date(st, 5),
		};
	}
	return rc == SQLITE_DONE ? 0 : -1;
}

int monitoring_store_load(struct db *db, long long school_id, struct mon_data *d)
{
	memset(d, 0, sizeof *d);
	d->school_id = school_id;
	struct id_map pupils = { 0 }, events = { 0 };
	int status = -1;
	int found = programme_store_load(db, school_id, &d->programme);
	if (found < 0)
		goto done;
	if (load_calendars(db, d) != 0 || load_pupils(db, d, &pupils) != 0 ||
	    load_enrolments(db, d, &pupils) != 0 || load_events(db, d, &events) != 0 ||
	    load_marks(db, d, &events, &pupils) != 0 || load_selections(db, d, &pupils) != 0 ||
	    load_guidance(db, d, &pupils) != 0)
		goto done;
	status = 0;
done:
	free(pupils.index);
	free(events.index);
	return status;
}
