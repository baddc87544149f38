#include "report/event_timing_report.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "util/csv_writer.h"

void event_timing_describe_year_groups(uint16_t year_groups, struct buf *out)
{
	int years[16], n = 0;
	for (int y = 0; y < 16; y++)
		if ((year_groups >> y) & 1)
			years[n++] = y;
	if (n == 0)
		return;
	if (n == 1) {
		buf_printf(out, "Year %d", years[0]);
		return;
	}
	if (years[n - 1] - years[0] == n - 1) {
		buf_printf(out, "Years %d-%d", years[0], years[n - 1]);
		return;
	}
	buf_puts(out, "Years ");
	for (int i = 0; i < n; i++)
		buf_printf(out, "%s%d", i == 0 ? "" : i == n - 1 ? " and " : ", ", years[i]);
}

void event_timing_render_text(const struct mon_data *d, const struct event_timing_result *r,
			      struct buf *out)
{
	char iso[DATE_ISO_LEN], year[8];
	for (size_t i = 0; i < r->count; i++) {
		const struct event_timing_problem *p = &r->problems[i];
		const struct mon_event *e = &d->events[p->event];
		buf_printf(out, "event %lld, %s, %s", e->id, date_format_iso(e->date, iso),
			   d->programme.activities[e->activity].id);
		if (p->year_groups) {
			buf_puts(out, " (");
			event_timing_describe_year_groups(p->year_groups, out);
			buf_putc(out, ')');
		}
		buf_printf(out, ": %s\n", p->problem);
	}
	if (r->count)
		buf_printf(out, "%zu problem%s in %zu event%s\n", r->count, r->count == 1 ? "" : "s",
			   r->events_with_problems, r->events_with_problems == 1 ? "" : "s");
	else if (r->events_checked == 1)
		buf_puts(out, "the 1 event meets its timing rule\n");
	else if (r->events_checked)
		buf_printf(out, "all %zu events meet their timing rules\n", r->events_checked);
	else
		buf_printf(out, "no events in %s\n", academic_year_format(r->start_year, year));
}

static void year_group_list(uint16_t year_groups, struct buf *out)
{
	for (int y = 0; y < 16; y++)
		if ((year_groups >> y) & 1)
			buf_printf(out, "%s%d", out->len ? " " : "", y);
}

void event_timing_render_csv(const struct mon_data *d, const struct event_timing_result *r,
			     struct buf *out)
{
	struct csv_writer w;
	csv_writer_init(&w, out);
	const char *header[] = { "event", "date", "activity_id", "year_groups", "check", "problem" };
	csv_write_row(&w, header, 6);
	char iso[DATE_ISO_LEN], id[24];
	struct buf years = BUF_INIT;
	for (size_t i = 0; i < r->count; i++) {
		const struct event_timing_problem *p = &r->problems[i];
		const struct mon_event *e = &d->events[p->event];
		snprintf(id, sizeof id, "%lld", e->id);
		buf_reset(&years);
		year_group_list(p->year_groups, &years);
		csv_write_cell(&w, id, true);
		csv_write_cell(&w, date_format_iso(e->date, iso), false);
		csv_write_cell(&w, d->programme.activities[e->activity].id, false);
		csv_write_cell(&w, buf_str(&years), false);
		csv_write_cell(&w, event_timing_check_name(p->check), false);
		csv_write_cell(&w, p->problem, false);
		csv_end_row(&w);
	}
	buf_free(&years);
}

void event_timing_render_json(const struct mon_data *d, const struct event_timing_result *r,
			      struct buf *out)
{
	char year[8], iso[DATE_ISO_LEN];
	json_t *root = json_object();
	json_object_set_new(root, "academic_year",
			    json_string(academic_year_format(r->start_year, year)));
	json_object_set_new(root, "events_checked", json_integer((json_int_t)r->events_checked));
	json_object_set_new(root, "events_with_problems",
			    json_integer((json_int_t)r->events_with_problems));
	json_t *problems = json_array();
	for (size_t i = 0; i < r->count; i++) {
		const struct event_timing_problem *p = &r->problems[i];
		const struct mon_event *e = &d->events[p->event];
		const struct activity *a = &d->programme.activities[e->activity];
		json_t *o = json_object();
		json_object_set_new(o, "event", json_integer(e->id));
		json_object_set_new(o, "date", json_string(date_format_iso(e->date, iso)));
		json_object_set_new(o, "activity_id", json_string(a->id));
		json_object_set_new(o, "activity", json_string(a->name));
		json_t *years = json_array();
		for (int y = 0; y < 16; y++)
			if ((p->year_groups >> y) & 1)
				json_array_append_new(years, json_integer(y));
		json_object_set_new(o, "year_groups", years);
		json_object_set_new(o, "check", json_string(event_timing_check_name(p->check)));
		json_object_set_new(o, "problem", json_string(p->problem));
		json_array_append_new(problems, o);
	}
	json_object_set_new(root, "problems", problems);
	char *dump = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	buf_puts(out, dump);
	buf_putc(out, '\n');
	free(dump);
	json_decref(root);
}
