#include "report/student_record.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "domain/entitlement.h"
#include "util/mem.h"
#include "util/text.h"

uint32_t student_record_find(const struct mon_data *d, const char *upn)
{
	for (size_t i = 0; i < d->pupil_count; i++)
		if (d->pupils[i].upn && strcasecmp(d->pupils[i].upn, upn) == 0)
			return (uint32_t)i;
	return UINT32_MAX;
}

static const char *mark_word(enum mark_status s)
{
	return s == MARK_PRESENT ? "present" : s == MARK_EXCUSED ? "excused" : "absent";
}

size_t student_record_marks(const struct mon_data *d, uint32_t pupil, int start_year,
			    date_t as_of, const struct mon_mark **out)
{
	const struct mon_pupil *p = &d->pupils[pupil];
	size_t n = 0;
	for (uint32_t i = 0; i < p->mark_count; i++) {
		const struct mon_mark *m = &d->marks[d->pupil_marks[p->first_mark + i]];
		const struct mon_event *e = &d->events[m->event];
		if (academic_year_of(e->date) == start_year && e->date <= as_of)
			out[n++] = m;
	}
	return n;
}

static const char *event_name(const struct mon_data *d, const struct mon_event *e)
{
	return d->programme.activities[e->activity].name;
}

void student_record_text(const struct mon_data *d, uint32_t pupil, int start_year, date_t as_of,
			 struct buf *out)
{
	const struct mon_pupil *p = &d->pupils[pupil];
	char year[8], iso[DATE_ISO_LEN], iso2[DATE_ISO_LEN];
	buf_printf(out, "Careers record: %s (%s), as of %s\n", p->name, p->upn ? p->upn : "no UPN",
		   date_format_iso(as_of, iso));
	const struct mon_mark **marks = xcalloc(p->mark_count + 1, sizeof *marks);
	for (uint32_t k = 0; k < p->enrolment_count; k++) {
		const struct mon_enrolment *e = &d->enrolments[p->first_enrolment + k];
		if (e->start_year > start_year)
			continue;
		buf_printf(out, "\n%s: Year %d, tutor group %s, on roll from %s",
			   academic_year_format(e->start_year, year), e->year_group,
			   *e->tutor_group ? e->tutor_group : "-", date_format_iso(e->from, iso));
		if (e->to != DATE_OPEN)
			buf_printf(out, " to %s", date_format_iso(e->to, iso2));
		buf_putc(out, '\n');
		size_t n = student_record_marks(d, pupil, e->start_year, as_of, marks);
		int attended = 0;
		for (size_t i = 0; i < n; i++)
			attended += marks[i]->status == MARK_PRESENT;
		buf_printf(out, "  Took part in %d session%s", attended, attended == 1 ? "" : "s");
		if ((size_t)attended < n)
			buf_printf(out, ", missed %zu", n - (size_t)attended);
		buf_puts(out, ":\n");
		for (size_t i = 0; i < n; i++) {
			const struct mon_event *ev = &d->events[marks[i]->event];
			buf_printf(out, "    %s  %-8s %s", date_format_iso(ev->date, iso),
				   mark_word(marks[i]->status), event_name(d, ev));
			if (ev->subject)
				buf_printf(out, " (%s)", ev->subject);
			buf_putc(out, '\n');
		}
		for (size_t g = 0; g < d->guidance_count; g++) {
			const struct mon_guidance *m = &d->guidance[g];
			if (m->pupil == pupil && academic_year_of(m->date) == e->start_year &&
			    m->date <= as_of) {
				buf_printf(out, "    %s  guidance meeting with %s (level %d)\n",
					   date_format_iso(m->date, iso),
					   m->external ? "the careers adviser" : "the careers leader",
					   m->level);
				/* What was agreed and when next, never the notes. */
				if (m->agreed_actions)
					buf_printf(out, "                agreed actions: %s\n",
						   m->agreed_actions);
				if (m->next_meeting != DATE_NONE)
					buf_printf(out, "                next meeting: %s\n",
						   date_format_iso(m->next_meeting, iso));
			}
		}
	}

	struct pupil_entitlement *owed;
	size_t count = entitlement_for_pupil(d, pupil, start_year, as_of, &owed);
	if (count) {
		buf_printf(out, "\nEntitlement in %s:\n", academic_year_format(start_year, year));
		for (size_t i = 0; i < count; i++) {
			const struct pupil_entitlement *pe = &owed[i];
			const struct activity *a = &d->programme.activities[pe->activity];
			buf_puts(out, "  ");
			text_column(out, a->name, 46);
			buf_putc(out, ' ');
			if (!pe->eligible)
				buf_puts(out, pupil_entitlement_status(pe));
			else if (pe->received)
				buf_printf(out, "received (present at %d, %d needed)", pe->present,
					   pe->required);
			else
				buf_printf(out, "OWED (present at %d, %d needed)", pe->present,
					   pe->required);
			if (pe->meetings)
				buf_printf(out, "; %d guidance %s", pe->meetings,
					   pe->meetings == 1 ? "meeting" : "meetings");
			if (pe->not_taken)
				buf_printf(out, "; register not taken at %d", pe->not_taken);
			if (pe->unmarked)
				buf_printf(out, "; not marked in %d incomplete", pe->unmarked);
			buf_putc(out, '\n');
		}
	}
	free(owed);
	free(marks);
}

void student_record_json(const struct mon_data *d, uint32_t pupil, int start_year, date_t as_of,
			 struct buf *out)
{
	const struct mon_pupil *p = &d->pupils[pupil];
	char iso[DATE_ISO_LEN], year[8];
	json_t *root = json_object();
	json_object_set_new(root, "name", json_string(p->name));
	json_object_set_new(root, "upn", p->upn ? json_string(p->upn) : json_null());
	json_object_set_new(root, "as_of", json_string(date_format_iso(as_of, iso)));
	json_t *years = json_array();
	const struct mon_mark **marks = xcalloc(p->mark_count + 1, sizeof *marks);
	for (uint32_t k = 0; k < p->enrolment_count; k++) {
		const struct mon_enrolment *e = &d->enrolments[p->first_enrolment + k];
		if (e->start_year > start_year)
			continue;
		json_t *y = json_object();
		json_object_set_new(y, "academic_year",
				    json_string(academic_year_format(e->start_year, year)));
		json_object_set_new(y, "year_group", json_integer(e->year_group));
		json_object_set_new(y, "tutor_group", json_string(e->tutor_group));
		json_t *sessions = json_array();
		size_t n = student_record_marks(d, pupil, e->start_year, as_of, marks);
		for (size_t i = 0; i < n; i++) {
			const struct mon_event *ev = &d->events[marks[i]->event];
			json_t *s = json_object();
			json_object_set_new(s, "date", json_string(date_format_iso(ev->date, iso)));
			json_object_set_new(s, "activity_id",
					    json_string(d->programme.activities[ev->activity].id));
			json_object_set_new(s, "activity", json_string(event_name(d, ev)));
			json_object_set_new(s, "mark", json_string(mark_word(marks[i]->status)));
			json_array_append_new(sessions, s);
		}
		json_object_set_new(y, "sessions", sessions);
		json_array_append_new(years, y);
	}
	json_object_set_new(root, "years", years);
	struct pupil_entitlement *owed;
	size_t count = entitlement_for_pupil(d, pupil, start_year, as_of, &owed);
	json_t *ent = json_array();
	for (size_t i = 0; i < count; i++) {
		const struct pupil_entitlement *pe = &owed[i];
		json_t *o = json_object();
		json_object_set_new(o, "activity_id",
				    json_string(d->programme.activities[pe->activity].id));
		json_object_set_new(o, "sessions_held", json_integer(pe->held_on_roll));
		json_object_set_new(o, "present", json_integer(pe->present));
		json_object_set_new(o, "required", json_integer(pe->required));
		json_object_set_new(o, "meetings", json_integer(pe->meetings));
		json_object_set_new(o, "registers_not_taken", json_integer(pe->not_taken));
		json_object_set_new(o, "unmarked", json_integer(pe->unmarked));
		/* "not held" kept for the JSON's readers; the new states are new words. */
		const char *st = pupil_entitlement_status(pe);
		json_object_set_new(o, "status",
				    json_string(strcmp(st, "not held yet") == 0 ? "not held" : st));
		json_array_append_new(ent, o);
	}
	json_object_set_new(root, "entitlement", ent);
	free(owed);
	free(marks);
	char *text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	buf_puts(out, text);
	buf_putc(out, '\n');
	free(text);
	json_decref(root);
}
