#include "io/register_import.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "domain/calendar.h"
#include "domain/limits.h"
#include "domain/register.h"
#include "domain/roster.h"
#include "io/csv_reader.h"
#include "io/field_limit.h"
#include "io/pupil_finder.h"
#include "io/roster_csv.h"
#include "store/calendar_store.h"
#include "store/event_store.h"
#include "store/student_store.h"
#include "util/buf.h"
#include "util/mem.h"
#include "util/progress.h"
#include "util/strmap.h"

/* Marks a name key that more than one pupil has. */
#define AMBIGUOUS (SIZE_MAX - 1)

/* The (event, pupil) pairs marked so far: a pupil has one mark an event,
 * and a second row for the pair is an error. Open addressing; a slot is
 * empty when both ids are 0, and the pair (0, 0) itself is `has_zero`. */
struct mark_set {
	struct mark_pair {
		long long event_id, student_id;
	} *slots;
	size_t cap;    /* a power of two, or 0 */
	size_t count;
	bool has_zero;
};

/* The pupils of one academic year, indexed the ways registers name them. */
struct pupil_index {
	int start_year;
	struct roster_existing_list list;
	struct strmap by_upn, by_admission, by_name;
};

enum register_column {
	REG_UPN, REG_ADMISSION, REG_SURNAME, REG_FORENAME, REG_TUTOR_GROUP, REG_YEAR,
	REG_ATTENDANCE, REG_ACTIVITY, REG_DATE, REG_COLUMN_COUNT
};

struct importer {
	struct db *db;
	long long school_id;
	const struct programme *prog;
	long long event_id;            /* the one event, or 0 */
	int event_year_group;          /* its year group, or 0 */
	date_t event_date;
	date_t today;                  /* no marks for events after it */
	struct register_import_result *result;
	struct diag_list *diags;
	const struct csv_row *header;
	int col[REG_COLUMN_COUNT];
	struct pupil_index *indexes;   /* one per academic year met */
	size_t index_count;
	struct strmap events;          /* "activity|date|year" -> event id */
	struct strmap touched;         /* event id -> 1, once its marks are cleared */
	/* The previous row's answers. Registers list an event's pupils
	 * together, so most rows repeat them and skip the lookups above. */
	struct {
		struct buf activity_cell;      /* the Activity cell ... */
		const struct activity *by_id;  /* ... that named this activity by id */
		long long activity_id;         /* event_for's key ... */
		date_t date;
		int year_group;
		long long event_id;            /* ... and its event, or 0 */
		long long touched;             /* an event in `touched`, or 0 */
	} last;
	struct buf key;
	struct progress *progress;
	struct {                       /* the calendar of the last academic year met */
		int start_year;        /* 0: none loaded yet */
		int have;              /* calendar_store_load's answer */
		struct school_calendar cal;
	} calendar;
	struct mark_set marked;        /* every mark read so far */
	struct mark_row pending[MARK_STORE_BATCH]; /* marks not yet written */
	size_t pending_count;
	bool failed;                   /* a database error: stop */
};

static size_t mark_slot(const struct mark_set *m, long long event_id, long long student_id)
{
	uint64_t h = (uint64_t)event_id * 0x9E3779B97F4A7C15u;
	h ^= (uint64_t)student_id + 0x632BE59BD9B4E019u + (h << 6) + (h >> 2);
	h ^= h >> 31;
	h *= 0xBF58476D1CE4E5B9u;
	h ^= h >> 29;
	return (size_t)h & (m->cap - 1);
}

/* Adds the pair: true, or false when it was there already. */
static bool mark_set_add(struct mark_set *m, long long event_id, long long student_id)
{
	if (event_id == 0 && student_id == 0) {
		bool added = !m->has_zero;
		m->has_zero = true;
		return added;
	}
	if (2 * (m->count + 1) > m->cap) {
		struct mark_set bigger = { .cap = m->cap ? 2 * m->cap : 1024, .has_zero = m->has_zero };
		bigger.slots = xcalloc(bigger.cap, sizeof *bigger.slots);
		for (size_t i = 0; i < m->cap; i++)
			if (m->slots[i].event_id || m->slots[i].student_id)
				mark_set_add(&bigger, m->slots[i].event_id, m->slots[i].student_id);
		free(m->slots);
		*m = bigger;
	}
	for (size_t i = mark_slot(m, event_id, student_id);; i = (i + 1) & (m->cap - 1)) {
		struct mark_pair *p = &m->slots[i];
		if (!p->event_id && !p->student_id) {
			*p = (struct mark_pair){ event_id, student_id };
			m->count++;
			return true;
		}
		if (p->event_id == event_id && p->student_id == student_id)
			return false;
	}
}

/* Writes the marks held back. false on a database error (im->failed). */
static bool write_pending(struct importer *im)
{
	if (mark_store_insert_many(im->db, im->pending, im->pending_count) != 0)
		im->failed = true;
	im->pending_count = 0;
	return !im->failed;
}

/* surname, forename and tutor group, lower case, as one key. */
static void name_key(struct buf *key, const char *surname, const char *forename,
		     const char *tutor)
{
	buf_reset(key);
	const char *parts[3] = { surname, forename, tutor };
	for (int i = 0; i < 3; i++) {
		for (const char *p = parts[i] ? parts[i] : ""; *p; p++)
			buf_putc(key, (char)tolower((unsigned char)*p));
		buf_putc(key, '|');
	}
}

static void index_name(struct strmap *by_name, struct buf *key, size_t i)
{
	size_t old;
	strmap_put(by_name, buf_str(key), strmap_get(by_name, buf_str(key), &old) && old != i
					      ? AMBIGUOUS : i);
}

static struct pupil_index *index_for(struct importer *im, int start_year)
{
	for (size_t i = 0; i < im->index_count; i++)
		if (im->indexes[i].start_year == start_year)
			return &im->indexes[i];
	im->indexes = xreallocarray(im->indexes, im->index_count + 1, sizeof *im->indexes);
	struct pupil_index *x = &im->indexes[im->index_count++];
	*x = (struct pupil_index){ .start_year = start_year, .by_upn = STRMAP_INIT,
				   .by_admission = STRMAP_INIT, .by_name = STRMAP_INIT };
	if (student_store_load_existing(im->db, im->school_id, start_year, &x->list) != 0) {
		im->failed = true;
		return x;
	}
	for (size_t i = 0; i < x->list.count; i++) {
		const struct roster_existing *e = &x->list.items[i];
		if (!e->enrolled_this_year)
			continue;
		const struct pupil *p = &e->pupil;
		if (p->upn)
			strmap_put(&x->by_upn, p->upn, i);
		if (p->admission_number)
			strmap_put(&x->by_admission, p->admission_number, i);
		name_key(&im->key, p->legal_surname, p->legal_forename, e->this_year.tutor_group);
		index_name(&x->by_name, &im->key, i);
		if (p->preferred_forename && strcmp(p->preferred_forename, p->legal_forename) != 0) {
			name_key(&im->key, p->legal_surname, p->preferred_forename,
				 e->this_year.tutor_group);
			index_name(&x->by_name, &im->key, i);
		}
	}
	return x;
}

static const char *cell(const struct importer *im, const struct csv_row *row,
			enum register_column c)
{
	int i = im->col[c];
	return i >= 0 && (size_t)i < row->count ? row->cells[i] : "";
}

static const char *column_name(const struct importer *im, enum register_column c)
{
	return im->col[c] >= 0 ? im->header->cells[im->col[c]] : NULL;
}

#define ROW_ERROR(im, row, c, ...) \
	diag_add((im)->diags, DIAG_ERROR, (row)->line, 0, column_name((im), (c)), __VA_ARGS__)
#define ROW_WARNING(im, row, c, ...) \
	diag_add((im)->diags, DIAG_WARNING, (row)->line, 0, column_name((im), (c)), __VA_ARGS__)

/* True when the cells that name the row's pupil and activity are no longer
 * than such names may be; otherwise reports each that is longer. The
 * attendance and date cells are read as marks and dates. */
static bool cells_fit(struct importer *im, const struct csv_row *row)
{
	static const struct field_limit limits[REG_COLUMN_COUNT] = {
		[REG_SURNAME] = { "the surname", LIMIT_NAME, true, "in the file" },
		[REG_FORENAME] = { "the forename", LIMIT_NAME, true, "in the file" },
		[REG_TUTOR_GROUP] = { "the tutor group", LIMIT_GROUP, true, "in the file" },
		[REG_ACTIVITY] = { "the activity", LIMIT_TITLE, true, "in the file" },
	};
	bool fits = pupil_ref_fits(im->header, row, im->col[REG_UPN], im->col[REG_ADMISSION],
				   im->diags);
	for (int c = 0; c < REG_COLUMN_COUNT; c++)
		if (limits[c].field &&
		    !field_limit_cell_fits(&limits[c], im->header, row, im->col[c], im->diags))
			fits = false;
	return fits;
}

/* The pupil a row names, or NULL after reporting why not. */
static const struct roster_existing *find_pupil(struct importer *im, const struct csv_row *row,
						struct pupil_index *x)
{
	char year[8]; /* the academic year, formatted only for a message */
	size_t i;
	const char *upn = cell(im, row, REG_UPN);
	if (*upn) {
		char v[LIMIT_BYTES(LIMIT_GROUP)]; /* the cell fits (cells_fit) */
		size_t n = 0;
		for (const char *p = upn; *p && n + 1 < sizeof v; p++)
			if (*p != ' ')
				v[n++] = (char)toupper((unsigned char)*p);
		v[n] = '\0';
		if (strmap_get(&x->by_upn, v, &i))
			return &x->list.items[i];
		ROW_ERROR(im, row, REG_UPN, "no pupil with UPN %s is enrolled in %s", v,
			  academic_year_format(x->start_year, year));
		return NULL;
	}
	const char *adno = cell(im, row, REG_ADMISSION);
	if (*adno) {
		if (strmap_get(&x->by_admission, adno, &i))
			return &x->list.items[i];
		ROW_ERROR(im, row, REG_ADMISSION, "no pupil with admission number %s is enrolled in %s",
			  adno, academic_year_format(x->start_year, year));
		return NULL;
	}
	const char *surname = cell(im, row, REG_SURNAME), *forename = cell(im, row, REG_FORENAME);
	const char *tutor = cell(im, row, REG_TUTOR_GROUP);
	if (*surname && *forename) {
		name_key(&im->key, surname, forename, tutor);
		if (strmap_get(&x->by_name, buf_str(&im->key), &i)) {
			if (i != AMBIGUOUS)
				return &x->list.items[i];
			ROW_ERROR(im, row, REG_SURNAME,
				  "more than one pupil is called %s %s in tutor group %s: add their UPN",
				  forename, surname, tutor);
			return NULL;
		}
		ROW_ERROR(im, row, REG_SURNAME, "no pupil called %s %s in tutor group %s is enrolled in %s",
			  forename, surname, *tutor ? tutor : "(none)",
			  academic_year_format(x->start_year, year));
		return NULL;
	}
	diag_add(im->diags, DIAG_ERROR, row->line, 0, NULL,
		 "no UPN, admission number, or surname and forename: this row names no pupil");
	return NULL;
}

/* The activity a row's Activity cell names: an id, or a name that the
 * pupil's year group makes unique. NULL after reporting. */
static const struct activity *find_activity(struct importer *im, const struct csv_row *row,
					    int year_group)
{
	const char *name = cell(im, row, REG_ACTIVITY);
	if (!*name) {
		ROW_ERROR(im, row, REG_ACTIVITY, "missing value: which activity?");
		return NULL;
	}
	/* An id means the same activity whatever the year group: remember it. */
	if (im->last.by_id && strcmp(name, buf_str(&im->last.activity_cell)) == 0)
		return im->last.by_id;
	const struct activity *by_id = programme_find_activity(im->prog, name);
	if (by_id) {
		buf_reset(&im->last.activity_cell);
		buf_puts(&im->last.activity_cell, name);
		im->last.by_id = by_id;
		return by_id;
	}
	const struct activity *found = NULL;
	int named = 0;
	for (size_t i = 0; i < im->prog->activity_count; i++) {
		const struct activity *a = &im->prog->activities[i];
		if (strcasecmp(a->name, name) != 0)
			continue;
		named++;
		if ((a->year_groups >> year_group) & 1)
			found = a;
	}
	if (found)
		return found;
	if (named)
		ROW_ERROR(im, row, REG_ACTIVITY,
			  "\"%s\" is not an activity of Year %d: use the id or name of one of its activities, as the programme gives it",
			  name, year_group);
	else
		ROW_ERROR(im, row, REG_ACTIVITY,
			  "no activity \"%s\" in the programme: use an activity's id or name, as the programme gives it",
			  name);
	return NULL;
}

/* "Year 9", "Years 10 and 11", "Years 7, 8 and 9" into out. */
static const char *years_text(unsigned years, char out[64])
{
	int n = 0, seen = 0;
	for (int y = 0; y < 16; y++)
		n += (years >> y) & 1;
	size_t len = (size_t)snprintf(out, 64, "Year%s", n == 1 ? "" : "s");
	for (int y = 0; y < 16 && len < 64; y++) {
		if (!((years >> y) & 1))
			continue;
		seen++;
		len += (size_t)snprintf(out + len, 64 - len, "%s%d",
					seen == 1 ? " " : seen == n ? " and " : ", ", y);
	}
	return out;
}

/* Whether date is a school day by the calendar of its academic year: 1
 * yes or no calendar, 0 not, -1 when it cannot be read. */
static int school_day(struct importer *im, date_t date)
{
	int start_year = academic_year_of(date);
	if (im->calendar.start_year != start_year) {
		if (im->calendar.start_year)
			calendar_free(&im->calendar.cal);
		im->calendar.start_year = start_year;
		im->calendar.have = calendar_store_load(im->db, im->school_id, start_year,
							&im->calendar.cal);
	}
	if (im->calendar.have < 0)
		return -1;
	return im->calendar.have == 0 || calendar_is_school_day(&im->calendar.cal, date);
}

/* Notes the event of this row's activity, date and year group for the next
 * row, and returns it. */
static long long remember_event(struct importer *im, long long activity_id, date_t date,
				int year_group, long long event_id)
{
	im->last.activity_id = activity_id;
	im->last.date = date;
	im->last.year_group = year_group;
	im->last.event_id = event_id;
	return event_id;
}

/* The event for a multi-event row, created if it does not exist. 0 after
 * reporting a problem. */
static long long event_for(struct importer *im, const struct csv_row *row,
			   const struct activity *a, date_t date, int year_group)
{
	/* One event per activity and date; per year group too when the
	 * activity spans several and the file says which. */
	int event_year_group = (a->year_groups & (a->year_groups - 1)) &&
					       im->col[REG_YEAR] >= 0 ? year_group : 0;
	if (im->last.event_id && im->last.activity_id == a->db_id && im->last.date == date &&
	    im->last.year_group == year_group)
		return im->last.event_id;
	char iso[DATE_ISO_LEN];
	buf_reset(&im->key);
	buf_printf(&im->key, "%lld|%s|%d", a->db_id, date_format_iso(date, iso), year_group);
	size_t id;
	if (strmap_get(&im->events, buf_str(&im->key), &id))
		return remember_event(im, a->db_id, date, year_group, (long long)id);
	/* An event scheduled for the pupil's year group, else one for all
	 * the activity's year groups, else a new one. */
	long long event_id;
	int found = event_store_find(im->db, im->school_id, a->db_id, date, year_group, NULL,
				     &event_id);
	if (found == 0)
		found = event_store_find(im->db, im->school_id, a->db_id, date, 0, NULL, &event_id);
	if (found == 0) {
		/* Made for the file, as `waymark event add` would: a day the school
		 * is closed is worth a second look, not a refusal. */
		int open = school_day(im, date);
		if (open == 0)
			ROW_WARNING(im, row, REG_DATE,
				    "%s is not a school day in the calendar, and this file makes "
				    "the event of %s on it: check the date",
				    date_format_iso(date, iso), a->id);
		if (open < 0 || event_store_add(im->db, im->school_id, a->db_id, date, event_year_group,
						NULL, NULL, &event_id) != 0)
			found = -1;
		else
			im->result->events_created++;
	}
	if (found < 0) {
		im->failed = true;
		return 0;
	}
	strmap_put(&im->events, buf_str(&im->key), (size_t)event_id);
	return remember_event(im, a->db_id, date, year_group, event_id);
}

static int on_row(void *ctx, const struct csv_row *row)
{
	struct importer *im = ctx;
	im->result->rows++;
	if (im->progress)
		progress_update(im->progress, (size_t)row->line);
	if (!cells_fit(im, row))
		return 0;
	date_t date = im->event_date;
	if (!im->event_id) {
		const char *s = cell(im, row, REG_DATE);
		if (!date_parse_any(s, &date)) {
			ROW_ERROR(im, row, REG_DATE, "\"%s\" is not a date: write dd/mm/yyyy or yyyy-mm-dd", s);
			return 0;
		}
		if (!register_open_on(date, im->today)) {
			char iso[DATE_ISO_LEN];
			ROW_ERROR(im, row, REG_DATE, "%s is after today (%s): a register can be taken "
				  "from its event's day, not before", s, date_format_iso(im->today, iso));
			return 0;
		}
	}
	struct pupil_index *x = index_for(im, academic_year_of(date));
	if (im->failed)
		return 1;
	const struct roster_existing *pupil = find_pupil(im, row, x);
	enum mark_status status;
	const char *mark = cell(im, row, REG_ATTENDANCE);
	if (!register_parse_attendance(mark, &status)) {
		ROW_ERROR(im, row, REG_ATTENDANCE,
			  "\"%s\" is not an attendance mark: write Present, Absent or Excused (Y/N, 1/0 or a tick also work)",
			  mark);
		return 0;
	}
	if (!pupil)
		return 0;
	const struct enrolment *e = &pupil->this_year;
	long long event_id = im->event_id;
	if (!event_id) {
		const struct activity *a = find_activity(im, row, e->year_group);
		if (!a)
			return 0;
		if (!((a->year_groups >> e->year_group) & 1)) {
			char years[64];
			ROW_ERROR(im, row, REG_ACTIVITY,
				  "%s is in Year %d, and %s is for %s: give an activity of Year %d, "
				  "or leave the pupil out",
				  pupil->pupil.upn ? pupil->pupil.upn : pupil->pupil.legal_surname,
				  e->year_group, a->id, years_text(a->year_groups, years),
				  e->year_group);
			return 0;
		}
		event_id = event_for(im, row, a, date, e->year_group);
		if (!event_id)
			return im->failed;
	} else if (im->event_year_group && e->year_group != im->event_year_group) {
		ROW_WARNING(im, row, REG_ATTENDANCE, "%s is in Year %d; the event is for Year %d",
			    pupil->pupil.upn ? pupil->pupil.upn : pupil->pupil.legal_surname,
			    e->year_group, im->event_year_group);
	}
	char iso[DATE_ISO_LEN];
	if (date < e->on_roll_from || (e->on_roll_to != DATE_NONE && date > e->on_roll_to))
		ROW_WARNING(im, row, REG_ATTENDANCE, "%s was not on roll on %s",
			    pupil->pupil.upn ? pupil->pupil.upn : pupil->pupil.legal_surname,
			    date_format_iso(date, iso));

	if (event_id != im->last.touched) {
		char key[24];
		snprintf(key, sizeof key, "%lld", event_id);
		size_t unused;
		if (!strmap_get(&im->touched, key, &unused)) {
			if (mark_store_clear_event(im->db, event_id) != 0) {
				im->failed = true;
				return 1;
			}
			strmap_put(&im->touched, key, 1);
			im->result->events_touched++;
		}
		im->last.touched = event_id;
	}
	/* The event's marks were cleared when the file first named it, so a
	 * pupil it already marks was marked by this file. Marks are written
	 * MARK_STORE_BATCH at a time. */
	if (!mark_set_add(&im->marked, event_id, pupil->pupil.id)) {
		diag_add(im->diags, DIAG_ERROR, row->line, 0, NULL,
			 "%s is already marked for this event earlier in the file",
			 pupil->pupil.upn ? pupil->pupil.upn : pupil->pupil.legal_surname);
		return 0;
	}
	im->pending[im->pending_count++] =
		(struct mark_row){ .event_id = event_id, .student_id = pupil->pupil.id,
				   .status = status };
	if (im->pending_count == MARK_STORE_BATCH && !write_pending(im))
		return 1;
	im->result->marks++;
	if (status == MARK_PRESENT)
		im->result->present++;
	else if (status == MARK_ABSENT)
		im->result->absent++;
	else
		im->result->excused++;
	return 0;
}

static int column_of(const char *header_cell)
{
	const char *field = roster_column_field(header_cell);
	if (field) {
		static const struct {
			const char *field;
			enum register_column c;
		} fields[] = {
			{ "upn", REG_UPN }, { "admission_number", REG_ADMISSION },
			{ "legal_surname", REG_SURNAME }, { "legal_forename", REG_FORENAME },
			{ "preferred_forename", REG_FORENAME }, { "tutor_group", REG_TUTOR_GROUP },
			{ "year_group", REG_YEAR },
		};
		for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
			if (strcmp(field, fields[i].field) == 0)
				return fields[i].c;
		return -1;
	}
	char v[64];
	size_t n = 0;
	for (const char *p = header_cell; *p && n + 1 < sizeof v; p++)
		if (!strchr(" _-.", *p))
			v[n++] = (char)tolower((unsigned char)*p);
	v[n] = '\0';
	static const struct {
		const char *name;
		enum register_column c;
	} others[] = {
		{ "attendance", REG_ATTENDANCE }, { "attended", REG_ATTENDANCE },
		{ "mark", REG_ATTENDANCE }, { "present", REG_ATTENDANCE },
		{ "status", REG_ATTENDANCE }, { "activity", REG_ACTIVITY },
		{ "activityid", REG_ACTIVITY }, { "activityname", REG_ACTIVITY },
		{ "date", REG_DATE }, { "eventdate", REG_DATE }, { "sessiondate", REG_DATE },
		{ "activitydate", REG_DATE },
	};
	for (size_t i = 0; i < sizeof others / sizeof *others; i++)
		if (strcmp(v, others[i].name) == 0)
			return others[i].c;
	return -1;
}

static int score_header(void *ctx, const struct csv_row *row)
{
	(void)ctx;
	int score = 0;
	for (size_t i = 0; i < row->count; i++)
		score += column_of(row->cells[i]) >= 0;
	return score;
}

static bool map_header(struct importer *im, const struct csv_row *header)
{
	for (int c = 0; c < REG_COLUMN_COUNT; c++)
		im->col[c] = -1;
	for (size_t i = 0; i < header->count; i++) {
		int c = column_of(header->cells[i]);
		if (c >= 0 && im->col[c] < 0)
			im->col[c] = (int)i;
	}
	bool ok = true;
	bool names = im->col[REG_SURNAME] >= 0 && im->col[REG_FORENAME] >= 0;
	if (im->col[REG_UPN] < 0 && im->col[REG_ADMISSION] < 0 && !names) {
		diag_error(im->diags, header->line, 0,
			   "no column identifies the pupils: add UPN, Admission Number, or Surname, Forename and Tutor Group");
		ok = false;
	}
	if (im->col[REG_ATTENDANCE] < 0) {
		diag_error(im->diags, header->line, 0,
			   "no attendance column: name it Attendance, Attended, Mark, Present or Status");
		ok = false;
	}
	if (!im->event_id && (im->col[REG_ACTIVITY] < 0 || im->col[REG_DATE] < 0)) {
		diag_error(im->diags, header->line, 0,
			   "the file has no Activity and Date columns: say which event it is the register of, or add both columns");
		ok = false;
	}
	return ok;
}

bool register_import(struct db *db, long long school_id, const struct programme *prog,
		     long long event_id, date_t today, const char *data, size_t len,
		     enum csv_encoding_choice encoding, struct register_import_result *result,
		     struct diag_list *diags,
		     struct progress *progress)
{
	*result = (struct register_import_result){ 0 };
	size_t errors_before = diags->errors;
	struct importer im = {
		.db = db, .school_id = school_id, .prog = prog, .event_id = event_id, .today = today,
		.result = result, .diags = diags, .events = STRMAP_INIT, .touched = STRMAP_INIT,
		.key = BUF_INIT, .progress = progress, .last.activity_cell = BUF_INIT,
	};
	if (event_id) {
		struct event_info info;
		if (event_store_get(db, school_id, event_id, &info) != 1) {
			diag_error(diags, 0, 0, "there is no event %lld", event_id);
			return false;
		}
		im.event_date = info.date;
		im.event_year_group = info.year_group;
		if (info.cancelled) {
			diag_error(diags, 0, 0, "event %lld was cancelled, so it takes no register; "
				   "nothing was imported", event_id);
			return false;
		}
		if (!register_open_on(info.date, today)) {
			char iso[DATE_ISO_LEN], now[DATE_ISO_LEN];
			diag_error(diags, 0, 0, "event %lld is on %s: its register can be taken from "
				   "that day, not before (today is %s); nothing was imported",
				   event_id, date_format_iso(info.date, iso), date_format_iso(today, now));
			return false;
		}
	}
	struct csv_options find = {
		.header_score = score_header,
		.min_score = 2,
		.header_hint = "UPN and Attendance (or Activity, Date, UPN, Attendance)",
		.encoding = encoding,
	};
	struct csv_info info;
	if (csv_read_stream(data, len, &find, &info, diags)) {
		result->encoding = info.encoding;
		result->encoding_named = info.encoding_named;
		im.header = &info.header;
		if (map_header(&im, &info.header)) {
			struct csv_options read = find;
			read.on_row = on_row;
			read.ctx = &im;
			struct csv_info again;
			csv_read_stream(data, len, &read, &again, diags);
			csv_info_free(&again);
			if (!im.failed)
				write_pending(&im);
		}
	}
	if (im.failed)
		diag_error(diags, 0, 0, "cannot write the register: %s", db_error(db));
	csv_info_free(&info);
	for (size_t i = 0; i < im.index_count; i++) {
		roster_existing_list_free(&im.indexes[i].list);
		strmap_free(&im.indexes[i].by_upn);
		strmap_free(&im.indexes[i].by_admission);
		strmap_free(&im.indexes[i].by_name);
	}
	free(im.indexes);
	strmap_free(&im.events);
	strmap_free(&im.touched);
	free(im.marked.slots);
	if (im.calendar.start_year)
		calendar_free(&im.calendar.cal);
	buf_free(&im.key);
	buf_free(&im.last.activity_cell);
	return diags->errors == errors_before;
}
