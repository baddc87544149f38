#include "report/provider_access_report.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/entitlement_report.h"
#include "util/csv_writer.h"

static const char *const phase_duty[PROVIDER_ACCESS_PHASES + 1] = {
	"",
	"every pupil must attend two encounters",
	"every pupil must attend two encounters",
	"the school must offer two encounters; pupils may decline",
};

void provider_access_describe_warning(const struct mon_data *d,
				      const struct provider_access_warning *w, struct buf *out)
{
	const struct mon_event *e = &d->events[w->event];
	char iso[DATE_ISO_LEN];
	buf_printf(out, "event %lld, %s on %s: %s", e->id,
		   d->programme.activities[e->activity].name, date_format_iso(e->date, iso),
		   w->problem);
}

static void render_missed_text(const struct mon_data *d, const struct provider_access_row *row,
			       struct buf *out)
{
	if (!row->missed_count)
		return;
	buf_printf(out, "      fewer than two encounters: %zu\n", row->missed_count);
	const char *tutor = NULL;
	for (size_t i = 0; i < row->missed_count; i++) {
		const struct provider_access_pupil *m = &row->missed[i];
		const struct mon_enrolment *e = &d->enrolments[m->enrolment];
		const struct mon_pupil *p = &d->pupils[e->pupil];
		if (!tutor || strcmp(tutor, e->tutor_group) != 0) {
			tutor = e->tutor_group;
			buf_printf(out, "        %s\n", *tutor ? tutor : "(no tutor group)");
		}
		buf_printf(out, "          %s (%s): %d encounter%s\n", p->name,
			   p->upn ? p->upn : "no UPN", m->encounters, m->encounters == 1 ? "" : "s");
	}
}

void provider_access_render_text(const struct mon_data *d,
				 const struct provider_access_report *r, bool missed,
				 struct buf *out)
{
	char year[8], this_year[8], iso[DATE_ISO_LEN], pct[16];
	academic_year_format(r->start_year, this_year);
	buf_printf(out, "Provider Access %s, encounters up to %s\n", this_year,
		   date_format_iso(r->as_of, iso));
	buf_puts(out, "Two encounters with providers of technical education or apprenticeships\n"
		      "in each phase, in the school day.\n");
	for (size_t i = 0; i < r->weekday_year_count; i++)
		buf_printf(out, "No calendar for %s: Monday to Friday were taken as school days.\n",
			   academic_year_format(r->weekday_years[i], year));
	int phase = 0;
	for (size_t i = 0; i < r->count; i++) {
		const struct provider_access_row *row = &r->rows[i];
		if (row->phase != phase) {
			phase = row->phase;
			int first = PROVIDER_ACCESS_FIRST_YEAR_GROUP + 2 * (phase - 1);
			buf_printf(out, "\nPHASE %d, Years %d-%d: %s\n", phase, first, first + 1,
				   phase_duty[phase]);
			buf_printf(out, "  %4s %9s %6s %8s", "year", "eligible", "met", "percent");
			if (phase == PROVIDER_ACCESS_PHASES)
				buf_printf(out, " %8s %9s", "offered", "attended");
			buf_putc(out, '\n');
		}
		format_percent(mon_percent(row->met, row->eligible), pct);
		if (*pct)
			memcpy(pct + strlen(pct), "%", 2);
		else
			snprintf(pct, sizeof pct, "-");
		buf_printf(out, "  %4d %9d %6d %8s", row->year_group, row->eligible, row->met, pct);
		if (phase == PROVIDER_ACCESS_PHASES)
			buf_printf(out, " %8d %9d", row->offered, row->attended);
		buf_putc(out, '\n');
		if (missed)
			render_missed_text(d, row, out);
	}
	if (r->warnings.count) {
		buf_printf(out, "\nEvents of %s that will not count: %zu\n", this_year,
			   r->warnings.count);
		for (size_t i = 0; i < r->warnings.count; i++) {
			buf_puts(out, "  ");
			provider_access_describe_warning(d, &r->warnings.items[i], out);
			buf_putc(out, '\n');
		}
	} else {
		buf_printf(out, "\nEvents of %s that will not count: none\n", this_year);
	}
}

static void int_cell(struct csv_writer *w, long value, bool first)
{
	char text[24];
	snprintf(text, sizeof text, "%ld", value);
	csv_write_cell(w, text, first);
}

void provider_access_render_csv(const struct mon_data *d,
				const struct provider_access_report *r, bool missed,
				struct buf *out)
{
	struct csv_writer w;
	csv_writer_init(&w, out);
	if (missed) {
		const char *header[] = { "phase", "year_group", "tutor_group", "upn", "name",
					 "encounters" };
		csv_write_row(&w, header, 6);
		for (size_t i = 0; i < r->count; i++) {
			const struct provider_access_row *row = &r->rows[i];
			for (size_t k = 0; k < row->missed_count; k++) {
				const struct provider_access_pupil *m = &row->missed[k];
				const struct mon_enrolment *e = &d->enrolments[m->enrolment];
				const struct mon_pupil *p = &d->pupils[e->pupil];
				int_cell(&w, row->phase, true);
				int_cell(&w, row->year_group, false);
				csv_write_cell(&w, e->tutor_group, false);
				csv_write_text_cell(&w, p->upn, false);
				csv_write_cell(&w, p->name, false);
				int_cell(&w, m->encounters, false);
				csv_end_row(&w);
			}
		}
		return;
	}
	const char *header[] = { "phase", "year_group", "eligible", "met", "percent" };
	csv_write_row(&w, header, 5);
	char pct[16];
	for (size_t i = 0; i < r->count; i++) {
		const struct provider_access_row *row = &r->rows[i];
		int_cell(&w, row->phase, true);
		int_cell(&w, row->year_group, false);
		int_cell(&w, row->eligible, false);
		int_cell(&w, row->met, false);
		csv_write_cell(&w, format_percent(mon_percent(row->met, row->eligible), pct), false);
		csv_end_row(&w);
	}
}

void provider_access_render_json(const struct mon_data *d,
				 const struct provider_access_report *r, bool missed,
				 struct buf *out)
{
	char year[8], iso[DATE_ISO_LEN];
	json_t *root = json_object();
	json_object_set_new(root, "academic_year",
			    json_string(academic_year_format(r->start_year, year)));
	json_object_set_new(root, "as_of", json_string(date_format_iso(r->as_of, iso)));
	json_object_set_new(root, "encounters_needed",
			    json_integer(PROVIDER_ACCESS_ENCOUNTERS_NEEDED));
	json_t *weekdays = json_array();
	for (size_t i = 0; i < r->weekday_year_count; i++)
		json_array_append_new(weekdays, json_string(academic_year_format(r->weekday_years[i],
										  year)));
	json_object_set_new(root, "school_days_taken_as_weekdays", weekdays);
	json_t *rows = json_array();
	for (size_t i = 0; i < r->count; i++) {
		const struct provider_access_row *row = &r->rows[i];
		json_t *o = json_object();
		double pct = mon_percent(row->met, row->eligible);
		json_object_set_new(o, "phase", json_integer(row->phase));
		json_object_set_new(o, "year_group", json_integer(row->year_group));
		json_object_set_new(o, "eligible", json_integer(row->eligible));
		json_object_set_new(o, "met", json_integer(row->met));
		json_object_set_new(o, "percent", pct < 0 ? json_null() : json_real(pct));
		if (row->phase == PROVIDER_ACCESS_PHASES) {
			json_object_set_new(o, "offered", json_integer(row->offered));
			json_object_set_new(o, "attended", json_integer(row->attended));
		}
		if (missed) {
			json_t *list = json_array();
			for (size_t k = 0; k < row->missed_count; k++) {
				const struct provider_access_pupil *m = &row->missed[k];
				const struct mon_enrolment *e = &d->enrolments[m->enrolment];
				const struct mon_pupil *p = &d->pupils[e->pupil];
				json_t *mo = json_object();
				json_object_set_new(mo, "upn", p->upn ? json_string(p->upn) : json_null());
				json_object_set_new(mo, "name", json_string(p->name));
				json_object_set_new(mo, "tutor_group", json_string(e->tutor_group));
				json_object_set_new(mo, "encounters", json_integer(m->encounters));
				json_array_append_new(list, mo);
			}
			json_object_set_new(o, "missed", list);
		}
		json_array_append_new(rows, o);
	}
	json_object_set_new(root, "rows", rows);
	json_t *warnings = json_array();
	struct buf text = BUF_INIT;
	for (size_t i = 0; i < r->warnings.count; i++) {
		const struct provider_access_warning *w = &r->warnings.items[i];
		const struct mon_event *e = &d->events[w->event];
		const struct activity *a = &d->programme.activities[e->activity];
		json_t *o = json_object();
		buf_reset(&text);
		provider_access_describe_warning(d, w, &text);
		json_object_set_new(o, "event", json_integer(e->id));
		json_object_set_new(o, "date", json_string(date_format_iso(e->date, iso)));
		json_object_set_new(o, "activity_id", json_string(a->id));
		json_object_set_new(o, "activity", json_string(a->name));
		json_object_set_new(o, "year_group", w->year_group ? json_integer(w->year_group)
								   : json_null());
		json_object_set_new(o, "reason", json_string(provider_access_verdict_name(w->verdict)));
		json_object_set_new(o, "message", json_string(buf_str(&text)));
		json_array_append_new(warnings, o);
	}
	buf_free(&text);
	json_object_set_new(root, "warnings", warnings);
	char *dump = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(4));
	buf_puts(out, dump);
	buf_putc(out, '\n');
	free(dump);
	json_decref(root);
}
