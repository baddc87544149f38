#include "report/entitlement_report.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/csv_writer.h"
#include "util/text.h"

char *format_percent(double percent, char out[16])
{
	if (percent < 0)
		out[0] = '\0';
	else
		snprintf(out, 16, "%.1f", percent);
	return out;
}

static const char *mark_word(const struct missed_session *s)
{
	if (!s->marked)
		return "not registered";
	return s->status == MARK_EXCUSED ? "excused" : "absent";
}

static unsigned row_year_groups(const struct entitlement_report *r)
{
	unsigned mask = 0;
	for (size_t i = 0; i < r->count; i++)
		mask |= 1u << r->rows[i].year_group;
	return mask;
}

static void years_text(const struct mon_data *d, const struct mon_event *e, struct buf *out)
{
	if (e->year_group) {
		buf_printf(out, "Year %d", e->year_group);
		return;
	}
	unsigned years = d->programme.activities[e->activity].year_groups;
	buf_puts(out, "Years ");
	for (int y = YEAR_GROUP_FIRST, first = 1; y <= YEAR_GROUP_LAST; y++)
		if ((years >> y) & 1) {
			buf_printf(out, "%s%d", first ? "" : ", ", y);
			first = 0;
		}
}

void entitlement_render_registers_text(const struct mon_data *d, int start_year, date_t as_of,
				       unsigned year_groups, struct buf *out)
{
	char iso[DATE_ISO_LEN];
	struct mon_register_entry *open;
	size_t n = mon_registers_needing_attention(d, start_year, as_of, year_groups, &open);
	if (!n) {
		buf_printf(out, "\nEvery register up to %s is complete.\n",
			   date_format_iso(as_of, iso));
		free(open);
		return;
	}
	buf_printf(out, "\nRegisters to take or finish (%zu): an event with no register counts as "
			"neither held nor missed;\nan unmarked pupil is not counted absent.\n", n);
	for (size_t i = 0; i < n; i++) {
		const struct mon_event *e = &d->events[open[i].event];
		const struct mon_register *r = &open[i].reg;
		buf_printf(out, "  %s  %s (", date_format_iso(e->date, iso),
			   d->programme.activities[e->activity].name);
		years_text(d, e, out);
		if (r->state == REGISTER_INCOMPLETE)
			buf_printf(out, "): incomplete (%d of %d marked)\n", r->marked, r->expected);
		else
			buf_printf(out, "): %s\n", r->state == REGISTER_DUE ? "due today"
									 : "register not taken");
		if (r->state != REGISTER_INCOMPLETE)
			continue;
		uint32_t *unmarked;
		size_t u = mon_register_unmarked(d, open[i].event, &unmarked);
		buf_puts(out, "      not marked:");
		for (size_t k = 0; k < u; k++) {
			const struct mon_pupil *p = &d->pupils[unmarked[k]];
			const struct mon_enrolment *en = mon_enrolment(d, unmarked[k], e->start_year);
			buf_printf(out, "%s %s (%s%s%s)", k ? "," : "", p->name, p->upn ? p->upn : "no UPN",
				   en && *en->tutor_group ? ", " : "", en ? en->tutor_group : "");
		}
		buf_putc(out, '\n');
		free(unmarked);
	}
	free(open);
}

static void render_missed_text(const struct mon_data *d, const struct entitlement_row *row,
			       struct buf *out)
{
	if (!row->missed_count)
		return;
	buf_printf(out, "      missed by %zu:\n", row->missed_count);
	const char *tutor = NULL;
	for (size_t i = 0; i < row->missed_count; i++) {
		const struct missed_pupil *m = &row->missed[i];
		const struct mon_enrolment *e = &d->enrolments[m->enrolment];
		const struct mon_pupil *p = &d->pupils[e->pupil];
		if (!tutor || strcmp(tutor, e->tutor_group) != 0) {
			tutor = e->tutor_group;
			buf_printf(out, "        %s\n", *tutor ? tutor : "(no tutor group)");
		}
		buf_printf(out, "          %s (%s): %d of %d;", p->name, p->upn ? p->upn : "no UPN",
			   m->attended, m->required);
		char iso[DATE_ISO_LEN];
		for (size_t k = 0; k < m->session_count; k++)
			buf_printf(out, "%s %s %s", k ? "," : "", mark_word(&m->sessions[k]),
				   date_format_iso(d->events[m->sessions[k].event].date, iso));
		buf_putc(out, '\n');
	}
}

void entitlement_render_text(const struct mon_data *d, const struct entitlement_report *r,
			     const struct entitlement_render *how, struct buf *out)
{
	char year[8], iso[DATE_ISO_LEN], pct[16];
	buf_printf(out, "Entitlement %s, sessions held up to %s\n",
		   academic_year_format(r->start_year, year), date_format_iso(r->as_of, iso));
	int current = 0;
	for (size_t i = 0; i < r->count; i++) {
		const struct entitlement_row *row = &r->rows[i];
		const struct activity *a = &d->programme.activities[row->activity];
		if (row->year_group != current) {
			current = row->year_group;
			buf_printf(out, "\nYEAR %d (met at %g%% or more)\n", current,
				   d->programme.bands[current].floor);
			buf_printf(out, "  %-46s %4s %8s %8s %7s  %s\n", "activity", "held", "eligible",
				   "received", "percent", "status");
		}
		buf_puts(out, "  ");
		text_column(out, a->name, 46);
		if (row->status == ENTITLEMENT_ATTENDANCE) {
			buf_printf(out, " %4d %17s %d pupils came (invited)\n", row->sessions_held, "",
				   row->attended);
			continue;
		}
		if (row->status == ENTITLEMENT_NOT_HELD) {
			buf_printf(out, " %4d %34s\n", 0, "not held yet");
			continue;
		}
		if (row->status == ENTITLEMENT_NOT_TAKEN) {
			buf_printf(out, " %4d %34s (%d)\n", 0, "register not taken",
				   row->registers_not_taken);
			continue;
		}
		format_percent(mon_percent(row->received, row->eligible), pct);
		if (*pct)
			memcpy(pct + strlen(pct), "%", 2);
		else
			snprintf(pct, sizeof pct, "-");
		buf_printf(out, " %4d %8d %8d %7s  %s", row->sessions_held,
			   row->eligible, row->received, pct,
			   row->status == ENTITLEMENT_MET ? "met" :
			   row->status == ENTITLEMENT_BELOW ? "BELOW" : entitlement_status_name(row->status));
		if (row->registers_not_taken)
			buf_printf(out, "; %d register%s not taken", row->registers_not_taken,
				   row->registers_not_taken == 1 ? "" : "s");
		if (row->unmarked)
			buf_printf(out, "; %d not marked", row->unmarked);
		if (row->meetings)
			buf_printf(out, "; %d with a guidance meeting", row->meetings);
		buf_putc(out, '\n');
		for (int s = 0; s < SUBGROUP_COUNT; s++) {
			if (!((how->subgroups >> s) & 1))
				continue;
			const struct subgroup_count *g = &row->subgroups[s];
			double gap;
			char gap_text[24] = "no comparison";
			if (entitlement_gap(row, (enum subgroup)s, &gap))
				snprintf(gap_text, sizeof gap_text, "gap %+.1f points", gap);
			buf_printf(out, "      %-28s %3d eligible  %6s%%  %s\n",
				   subgroup_title((enum subgroup)s), g->eligible,
				   g->eligible ? format_percent(mon_percent(g->met, g->eligible), pct) : "-",
				   gap_text);
		}
		if (how->missed)
			render_missed_text(d, row, out);
	}
	if (r->count)
		entitlement_render_registers_text(d, r->start_year, r->as_of, row_year_groups(r), out);
}

static void int_cell(struct csv_writer *w, long value, bool first)
{
	char text[24];
	snprintf(text, sizeof text, "%ld", value);
	csv_write_cell(w, text, first);
}

void entitlement_render_csv(const struct mon_data *d, const struct entitlement_report *r,
			    const struct entitlement_render *how, struct buf *out)
{
	struct csv_writer w;
	csv_writer_init(&w, out);
	char pct[16], iso[DATE_ISO_LEN];
	if (how->missed) {
		const char *header[] = { "year_group", "activity_id", "activity", "tutor_group",
					 "upn", "name", "attended", "required", "missed_sessions" };
		csv_write_row(&w, header, 9);
		for (size_t i = 0; i < r->count; i++) {
			const struct entitlement_row *row = &r->rows[i];
			const struct activity *a = &d->programme.activities[row->activity];
			for (size_t k = 0; k < row->missed_count; k++) {
				const struct missed_pupil *m = &row->missed[k];
				const struct mon_enrolment *e = &d->enrolments[m->enrolment];
				const struct mon_pupil *p = &d->pupils[e->pupil];
				struct buf sessions = BUF_INIT;
				for (size_t s = 0; s < m->session_count; s++)
					buf_printf(&sessions, "%s%s %s", s ? "; " : "",
						   date_format_iso(d->events[m->sessions[s].event].date, iso),
						   mark_word(&m->sessions[s]));
				int_cell(&w, row->year_group, true);
				csv_write_cell(&w, a->id, false);
				csv_write_cell(&w, a->name, false);
				csv_write_cell(&w, e->tutor_group, false);
				csv_write_text_cell(&w, p->upn, false);
				csv_write_cell(&w, p->name, false);
				int_cell(&w, m->attended, false);
				int_cell(&w, m->required, false);
				csv_write_cell(&w, buf_str(&sessions), false);
				csv_end_row(&w);
				buf_free(&sessions);
			}
		}
		return;
	}
	const char *header[] = { "year_group", "activity_id", "activity", "cohort", "sessions_held",
				 "eligible", "received", "percent", "status" };
	for (int i = 0; i < 9; i++)
		csv_write_cell(&w, header[i], i == 0);
	for (int s = 0; s < SUBGROUP_COUNT; s++) {
		if (!((how->subgroups >> s) & 1))
			continue;
		char name[48];
		const char *suffix[] = { "eligible", "percent", "gap" };
		for (int k = 0; k < 3; k++) {
			snprintf(name, sizeof name, "%s_%s", subgroup_name((enum subgroup)s), suffix[k]);
			csv_write_cell(&w, name, false);
		}
	}
	csv_write_cell(&w, "registers_not_taken", false);
	csv_write_cell(&w, "unmarked", false);
	csv_end_row(&w);
	for (size_t i = 0; i < r->count; i++) {
		const struct entitlement_row *row = &r->rows[i];
		const struct activity *a = &d->programme.activities[row->activity];
		bool invited = row->status == ENTITLEMENT_ATTENDANCE;
		int_cell(&w, row->year_group, true);
		csv_write_cell(&w, a->id, false);
		csv_write_cell(&w, a->name, false);
		csv_write_cell(&w, cohort_name(a->cohort), false);
		int_cell(&w, row->sessions_held, false);
		if (invited) {
			csv_write_cell(&w, "", false);
			int_cell(&w, row->attended, false);
		} else {
			int_cell(&w, row->eligible, false);
			int_cell(&w, row->received, false);
		}
		csv_write_cell(&w, invited ? "" : format_percent(mon_percent(row->received, row->eligible), pct),
			       false);
		csv_write_cell(&w, entitlement_status_name(row->status), false);
		for (int s = 0; s < SUBGROUP_COUNT; s++) {
			if (!((how->subgroups >> s) & 1))
				continue;
			const struct subgroup_count *g = &row->subgroups[s];
			double gap;
			char gap_text[16] = "";
			if (entitlement_gap(row, (enum subgroup)s, &gap))
				snprintf(gap_text, sizeof gap_text, "%.1f", gap);
			int_cell(&w, g->eligible, false);
			csv_write_cell(&w, format_percent(mon_percent(g->met, g->eligible), pct), false);
			/* A gap is a number, written as such: a leading minus
			 * here is not a formula. */
			csv_write_number_cell(&w, gap_text, false);
		}
		int_cell(&w, row->registers_not_taken, false);
		int_cell(&w, row->unmarked, false);
		csv_end_row(&w);
	}
}

static json_t *percent_json(int met, int eligible)
{
	double p = mon_percent(met, eligible);
	return p < 0 ? json_null() : json_real(p);
}

void entitlement_render_json(const struct mon_data *d, const struct entitlement_report *r,
			     const struct entitlement_render *how, struct buf *out)
{
	char year[8], iso[DATE_ISO_LEN];
	json_t *root = json_object();
	json_object_set_new(root, "academic_year",
			    json_string(academic_year_format(r->start_year, year)));
	json_object_set_new(root, "as_of", json_string(date_format_iso(r->as_of, iso)));
	json_t *rows = json_array();
	for (size_t i = 0; i < r->count; i++) {
		const struct entitlement_row *row = &r->rows[i];
		const struct activity *a = &d->programme.activities[row->activity];
		bool invited = row->status == ENTITLEMENT_ATTENDANCE;
		json_t *o = json_object();
		json_object_set_new(o, "year_group", json_integer(row->year_group));
		json_object_set_new(o, "activity_id", json_string(a->id));
		json_object_set_new(o, "activity", json_string(a->name));
		json_object_set_new(o, "cohort", json_string(cohort_name(a->cohort)));
		json_object_set_new(o, "sessions_held", json_integer(row->sessions_held));
		json_object_set_new(o, "eligible", invited ? json_null() : json_integer(row->eligible));
		json_object_set_new(o, "received", json_integer(invited ? row->attended : row->received));
		json_object_set_new(o, "percent", invited ? json_null()
							    : percent_json(row->received, row->eligible));
		json_object_set_new(o, "status", json_string(entitlement_status_name(row->status)));
		json_object_set_new(o, "registers_not_taken", json_integer(row->registers_not_taken));
		json_object_set_new(o, "unmarked", json_integer(row->unmarked));
		json_object_set_new(o, "meetings", json_integer(row->meetings));
		if (how->subgroups) {
			json_t *groups = json_object();
			for (int s = 0; s < SUBGROUP_COUNT; s++) {
				if (!((how->subgroups >> s) & 1))
					continue;
				const struct subgroup_count *g = &row->subgroups[s];
				json_t *go = json_object();
				double gap;
				json_object_set_new(go, "eligible", json_integer(g->eligible));
				json_object_set_new(go, "received", json_integer(g->met));
				json_object_set_new(go, "percent", percent_json(g->met, g->eligible));
				json_object_set_new(go, "gap", entitlement_gap(row, (enum subgroup)s, &gap)
								       ? json_real(gap) : json_null());
				json_object_set_new(groups, subgroup_name((enum subgroup)s), go);
			}
			json_object_set_new(o, "subgroups", groups);
		}
		if (how->missed) {
			json_t *missed = json_array();
			for (size_t k = 0; k < row->missed_count; k++) {
				const struct missed_pupil *m = &row->missed[k];
				const struct mon_enrolment *e = &d->enrolments[m->enrolment];
				const struct mon_pupil *p = &d->pupils[e->pupil];
				json_t *mo = json_object();
				json_object_set_new(mo, "upn", p->upn ? json_string(p->upn) : json_null());
				json_object_set_new(mo, "name", json_string(p->name));
				json_object_set_new(mo, "tutor_group", json_string(e->tutor_group));
				json_object_set_new(mo, "attended", json_integer(m->attended));
				json_object_set_new(mo, "required", json_integer(m->required));
				json_t *sessions = json_array();
				for (size_t s = 0; s < m->session_count; s++) {
					json_t *so = json_object();
					json_object_set_new(so, "date", json_string(date_format_iso(
						d->events[m->sessions[s].event].date, iso)));
					json_object_set_new(so, "mark", json_string(mark_word(&m->sessions[s])));
					json_array_append_new(sessions, so);
				}
				json_object_set_new(mo, "missed", sessions);
				json_array_append_new(missed, mo);
			}
			json_object_set_new(o, "missed", missed);
		}
		json_array_append_new(rows, o);
	}
	json_object_set_new(root, "rows", rows);
	struct mon_register_entry *open;
	size_t n = r->count ? mon_registers_needing_attention(d, r->start_year, r->as_of,
							      row_year_groups(r), &open) : 0;
	json_t *registers = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct mon_event *e = &d->events[open[i].event];
		json_t *o = json_object();
		json_object_set_new(o, "event_id", json_integer(e->id));
		json_object_set_new(o, "date", json_string(date_format_iso(e->date, iso)));
		json_object_set_new(o, "activity_id",
				    json_string(d->programme.activities[e->activity].id));
		json_object_set_new(o, "year_group", e->year_group ? json_integer(e->year_group)
								   : json_null());
		json_object_set_new(o, "state", json_string(register_state_name(open[i].reg.state)));
		json_object_set_new(o, "marked", json_integer(open[i].reg.marked));
		json_object_set_new(o, "expected", json_integer(open[i].reg.expected));
		json_t *list = json_array();
		uint32_t *unmarked;
		size_t u = mon_register_unmarked(d, open[i].event, &unmarked);
		for (size_t k = 0; k < u; k++) {
			const struct mon_pupil *p = &d->pupils[unmarked[k]];
			json_t *po = json_object();
			json_object_set_new(po, "upn", p->upn ? json_string(p->upn) : json_null());
			json_object_set_new(po, "name", json_string(p->name));
			json_array_append_new(list, po);
		}
		free(unmarked);
		json_object_set_new(o, "unmarked", list);
		json_array_append_new(registers, o);
	}
	if (r->count)
		free(open);
	json_object_set_new(root, "registers", registers);
	char *text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(4));
	buf_puts(out, text);
	buf_putc(out, '\n');
	free(text);
	json_decref(root);
}
