#include "report/benchmark_report.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/entitlement_report.h"
#include "util/csv_writer.h"
#include "util/text.h"

enum { TEXT_WIDTH = 100 };

/* "75%" or "-" when nothing is scored; into out (8 bytes). */
static const char *score_text(const struct benchmark_score *s, char out[8])
{
	int p = benchmark_score_percent(s);
	if (p < 0)
		snprintf(out, 8, "-");
	else
		snprintf(out, 8, "%d%%", p % 1000);
	return out;
}

/* "66.7%" or "-"; into out (16 bytes). */
static const char *row_percent(int met, int eligible, char out[16])
{
	format_percent(mon_percent(met, eligible), out);
	if (*out)
		memcpy(out + strlen(out), "%", 2);
	else
		snprintf(out, 16, "-");
	return out;
}

/* A figure as people write it: "2", "7.5". */
static const char *figure_text(double x, char out[24])
{
	snprintf(out, 24, "%g", x);
	return out;
}

/* prefix, then text wrapped under itself. */
static void wrap_after(struct buf *out, const char *prefix, const char *text, int width)
{
	int indent = (int)text_width(prefix);
	struct buf wrapped = BUF_INIT;
	text_wrap(&wrapped, text, indent, indent, width);
	buf_puts(out, prefix);
	buf_puts(out, buf_str(&wrapped) + indent);
	buf_free(&wrapped);
}

static const char *achieved_word(const struct mon_data *d, const struct benchmark_row *row,
				 enum benchmark_mode mode)
{
	if (!benchmark_row_scored(row))
		return "no pupils";
	return benchmark_row_achieved(&d->programme, row, mode) ? "achieved" : "NOT ACHIEVED";
}

static void render_summary(const struct benchmark_render *how, struct buf *out)
{
	char iso[DATE_ISO_LEN], now[8], was[8];
	buf_printf(out, "  %-56s %9s %7s", "benchmark", "achieved", "percent");
	if (how->previous)
		buf_printf(out, "  since %s (%s)", how->previous_label,
			   date_format_iso(how->previous_as_of, iso));
	buf_putc(out, '\n');
	for (int b = 1; b <= BENCHMARK_COUNT; b++) {
		const struct benchmark_score *s = &how->scores[b - 1];
		char title[64], achieved[24];
		snprintf(title, sizeof title, "%d %s", b, benchmark_title(b));
		snprintf(achieved, sizeof achieved, "%d of %d", s->achieved, s->scored);
		buf_printf(out, "  %-56s %9s %7s", title, achieved, score_text(s, now));
		if (how->previous) {
			const struct benchmark_score *p = &how->previous[b - 1];
			buf_printf(out, "  %s: %s -> now %s", how->previous_label, score_text(p, was), now);
		}
		buf_putc(out, '\n');
	}
}

static void render_item_text(const struct benchmark_item *item,
			     const struct benchmark_item_state *s, date_t today, struct buf *out)
{
	char prefix[32], iso[DATE_ISO_LEN];
	snprintf(prefix, sizeof prefix, "  %-4s %-12s ", item->id, benchmark_item_status_name(s->status));
	wrap_after(out, prefix, item->description, TEXT_WIDTH);
	int indent = (int)strlen(prefix);
	if (s->evidence) {
		struct buf line = BUF_INIT;
		buf_printf(&line, "evidence: %s", s->evidence);
		/* Long evidence goes on under itself, not from the margin. */
		text_wrap(out, buf_str(&line), indent, indent, TEXT_WIDTH);
		buf_free(&line);
	}
	if (s->review_date != DATE_NONE)
		buf_printf(out, "%*sreview by %s%s\n", indent, "", date_format_iso(s->review_date, iso),
			   benchmark_item_review_due(s, today) ? ": REVIEW DUE (the date has passed)" : "");
}

void benchmark_render_checklist(const struct benchmark_checklist *c, date_t today,
				struct buf *out)
{
	size_t n;
	const struct benchmark_item *items = benchmark_items(&n);
	int current = 0;
	for (size_t i = 0; i < n; i++) {
		if (items[i].benchmark != current) {
			current = items[i].benchmark;
			int met = 0, defined = 0;
			for (size_t k = 0; k < n; k++) {
				if (items[k].benchmark != current)
					continue;
				defined++;
				met += benchmark_checklist_state(c, items[k].id)->status == BENCHMARK_ITEM_MET;
			}
			buf_printf(out, "%sBenchmark %d: %s (%d of %d met)\n", i ? "\n" : "", current,
				   benchmark_title(current), met, defined);
		}
		render_item_text(&items[i], benchmark_checklist_state(c, items[i].id), today, out);
	}
}

static void render_missed_text(const struct mon_data *d, const struct benchmark_row *row,
			       struct buf *out)
{
	if (!row->missed_count)
		return;
	const struct benchmark_criterion_info *info = benchmark_criterion_info(row->criterion);
	buf_printf(out, "        not met by %zu:\n", row->missed_count);
	const char *tutor = NULL;
	char have[24], need[24];
	for (size_t i = 0; i < row->missed_count; i++) {
		const struct mon_enrolment *e = &d->enrolments[row->missed[i].enrolment];
		const struct mon_pupil *p = &d->pupils[e->pupil];
		if (!tutor || strcmp(tutor, e->tutor_group) != 0) {
			tutor = e->tutor_group;
			buf_printf(out, "          %s\n", *tutor ? tutor : "(no tutor group)");
		}
		buf_printf(out, "            %s (%s): %s of %s %s\n", p->name, p->upn ? p->upn : "no UPN",
			   figure_text(row->missed[i].have, have), figure_text(info->need, need),
			   info->unit);
	}
}

static void render_subgroups_text(const struct benchmark_row *row, unsigned subgroups,
				  struct buf *out)
{
	char pct[16];
	for (int s = 0; s < SUBGROUP_COUNT; s++) {
		if (!((subgroups >> s) & 1))
			continue;
		const struct subgroup_count *g = &row->subgroups[s];
		double gap;
		char gap_text[24] = "no comparison";
		if (benchmark_gap(row, (enum subgroup)s, &gap))
			snprintf(gap_text, sizeof gap_text, "gap %+.1f points", gap);
		buf_printf(out, "        %-28s %3d eligible  %7s  %s\n", subgroup_title((enum subgroup)s),
			   g->eligible, row_percent(g->met, g->eligible, pct), gap_text);
	}
}

static void render_rows_text(const struct mon_data *d, const struct benchmark_report *r,
			     const struct benchmark_render *how, int benchmark, struct buf *out)
{
	int criterion = -1;
	bool shown = true;
	char pct[16];
	for (size_t i = 0; i < r->count; i++) {
		const struct benchmark_row *row = &r->rows[i];
		const struct benchmark_criterion_info *info = benchmark_criterion_info(row->criterion);
		if (info->benchmark != benchmark)
			continue;
		if ((int)row->criterion != criterion) {
			if (!shown)
				buf_puts(out, "    nobody counted yet\n");
			criterion = (int)row->criterion;
			shown = false;
			buf_printf(out, "  %s: %s\n", info->id, info->title);
		}
		/* Year groups nobody is counted in are in the CSV and JSON. */
		if (!benchmark_row_scored(row))
			continue;
		shown = true;
		bool subjects = row->criterion == CRITERION_CURRICULUM_SUBJECTS;
		buf_printf(out, "    Year %-3d %4d %-8s %4d %-8s %7s  %s\n", row->year_group,
			   row->eligible, subjects ? "subjects" : "eligible", row->met,
			   subjects ? "covered" : "met", row_percent(row->met, row->eligible, pct),
			   achieved_word(d, row, how->mode));
		if (!subjects) {
			render_subgroups_text(row, how->subgroups, out);
			if (how->missed)
				render_missed_text(d, row, out);
		}
	}
	if (!shown)
		buf_puts(out, "    nobody counted yet\n");
}

static void render_matrix_text(const struct mon_data *d, const struct benchmark_report *r,
			       struct buf *out)
{
	if (!r->subject_years)
		return;
	buf_puts(out, "  Subjects with a careers link this year, by year group (x: held, .: not yet):\n");
	buf_printf(out, "    %-28s", "");
	for (int y = YEAR_GROUP_FIRST; y <= YEAR_GROUP_LAST; y++)
		buf_printf(out, "%4d", y);
	buf_putc(out, '\n');
	for (size_t k = 0; k < r->subject_count; k++) {
		char name[29];
		text_copy(name, sizeof name, d->programme.subjects[k]);
		buf_printf(out, "    %-28s", name);
		for (int y = YEAR_GROUP_FIRST; y <= YEAR_GROUP_LAST; y++)
			buf_printf(out, "%4s", (r->subject_years[k] >> y) & 1 ? "x" : ".");
		buf_putc(out, '\n');
	}
}

static void render_hours_text(const struct benchmark_report *r, struct buf *out)
{
	bool any = false;
	for (int y = YEAR_GROUP_FIRST; y <= YEAR_GROUP_LAST; y++) {
		const struct benchmark_hours *h = &r->hours[y];
		if (!h->pupils)
			continue;
		if (!any)
			buf_puts(out, "  Mean hours of workplace experience per pupil, by key stage:\n");
		any = true;
		buf_printf(out, "    Year %-3d (%d pupil%s):", y, h->pupils, h->pupils == 1 ? "" : "s");
		double all = 0;
		int stage = benchmark_key_stage_of(y);
		for (int k = 0; k <= stage; k++) {
			buf_printf(out, "%s %s %.1f", k ? "," : "",
				   benchmark_key_stage_name((enum key_stage)k), h->total[k] / h->pupils);
			all += h->total[k];
		}
		if (stage > 0)
			buf_printf(out, ", in all %.1f", all / h->pupils);
		buf_putc(out, '\n');
	}
}

static void render_checklist_section(const struct benchmark_report *r,
				     const struct benchmark_render *how, int benchmark,
				     struct buf *out)
{
	size_t n;
	const struct benchmark_item *items = benchmark_items(&n);
	for (size_t i = 0; i < n; i++)
		if (items[i].benchmark == benchmark)
			render_item_text(&items[i], benchmark_checklist_state(how->checklist, items[i].id),
					 r->as_of, out);
}

void benchmark_render_text(const struct mon_data *d, const struct benchmark_report *r,
			   const struct benchmark_render *how, struct buf *out)
{
	char year[8], iso[DATE_ISO_LEN], pct[8];
	buf_printf(out, "Gatsby Benchmarks %s, up to %s\n", academic_year_format(r->start_year, year),
		   date_format_iso(r->as_of, iso));
	if (how->mode == BENCHMARK_STRICT)
		buf_puts(out, "Strict: a criterion is achieved for a year group when every pupil meets it.\n\n");
	else
		buf_puts(out, "Banded: a criterion is achieved for a year group at its entitlement floor or above.\n\n");
	render_summary(how, out);
	if (how->summary)
		return;
	for (int b = 1; b <= BENCHMARK_COUNT; b++) {
		const struct benchmark_score *s = &how->scores[b - 1];
		buf_printf(out, "\nBENCHMARK %d: %s (%d of %d %s, %s)\n", b, benchmark_title(b),
			   s->achieved, s->scored, b == 1 || b == 3 ? "items met" : "achieved",
			   score_text(s, pct));
		if (b == 1 || b == 3)
			render_checklist_section(r, how, b, out);
		if (b == 3) {
			if (how->subgroups)
				buf_puts(out, "  The breakdowns by group are under each criterion of the other benchmarks.\n");
			else
				buf_puts(out, "  For each criterion by group, add --by pp, fsm6, sen, eal, looked-after, gender or all.\n");
			continue;
		}
		render_rows_text(d, r, how, b, out);
		if (b == 4) {
			if (!r->subject_years)
				buf_puts(out, "  The programme lists no curriculum subjects (`subjects` in the programme file).\n");
			render_matrix_text(d, r, out);
		}
		if (b == 6)
			render_hours_text(r, out);
	}
}

/* ---- CSV ---- */

static void int_cell(struct csv_writer *w, long value, bool first)
{
	char text[24];
	snprintf(text, sizeof text, "%ld", value);
	csv_write_cell(w, text, first);
}

static void render_missed_csv(const struct mon_data *d, const struct benchmark_report *r,
			      struct csv_writer *w)
{
	const char *header[] = { "year_group", "benchmark", "criterion", "tutor_group", "upn", "name",
				 "have", "need" };
	csv_write_row(w, header, 8);
	char have[24], need[24];
	for (size_t i = 0; i < r->count; i++) {
		const struct benchmark_row *row = &r->rows[i];
		const struct benchmark_criterion_info *info = benchmark_criterion_info(row->criterion);
		for (size_t k = 0; k < row->missed_count; k++) {
			const struct mon_enrolment *e = &d->enrolments[row->missed[k].enrolment];
			const struct mon_pupil *p = &d->pupils[e->pupil];
			int_cell(w, row->year_group, true);
			int_cell(w, info->benchmark, false);
			csv_write_cell(w, info->id, false);
			csv_write_cell(w, e->tutor_group, false);
			csv_write_text_cell(w, p->upn, false);
			csv_write_cell(w, p->name, false);
			csv_write_number_cell(w, figure_text(row->missed[k].have, have), false);
			csv_write_number_cell(w, figure_text(info->need, need), false);
			csv_end_row(w);
		}
	}
}

void benchmark_render_csv(const struct mon_data *d, const struct benchmark_report *r,
			  const struct benchmark_render *how, struct buf *out)
{
	struct csv_writer w;
	csv_writer_init(&w, out);
	if (how->missed) {
		render_missed_csv(d, r, &w);
		return;
	}
	const char *header[] = { "year_group", "benchmark", "criterion", "eligible", "met", "percent" };
	for (int i = 0; i < 6; i++)
		csv_write_cell(&w, header[i], i == 0);
	int subgroup_columns = 0;
	for (int s = 0; s < SUBGROUP_COUNT; s++) {
		if (!((how->subgroups >> s) & 1))
			continue;
		char name[48];
		const char *suffix[] = { "eligible", "percent", "gap" };
		for (int k = 0; k < 3; k++) {
			snprintf(name, sizeof name, "%s_%s", subgroup_name((enum subgroup)s), suffix[k]);
			csv_write_cell(&w, name, false);
			subgroup_columns++;
		}
	}
	csv_end_row(&w);
	char pct[16];
	for (size_t i = 0; i < r->count; i++) {
		const struct benchmark_row *row = &r->rows[i];
		const struct benchmark_criterion_info *info = benchmark_criterion_info(row->criterion);
		bool subjects = row->criterion == CRITERION_CURRICULUM_SUBJECTS;
		int_cell(&w, row->year_group, true);
		int_cell(&w, info->benchmark, false);
		csv_write_cell(&w, info->id, false);
		int_cell(&w, row->eligible, false);
		int_cell(&w, row->met, false);
		csv_write_cell(&w, format_percent(mon_percent(row->met, row->eligible), pct), false);
		for (int s = 0; s < SUBGROUP_COUNT; s++) {
			if (!((how->subgroups >> s) & 1))
				continue;
			if (subjects) {
				for (int k = 0; k < 3; k++)
					csv_write_cell(&w, "", false);
				continue;
			}
			const struct subgroup_count *g = &row->subgroups[s];
			double gap;
			char gap_text[16] = "";
			if (benchmark_gap(row, (enum subgroup)s, &gap))
				snprintf(gap_text, sizeof gap_text, "%.1f", gap);
			int_cell(&w, g->eligible, false);
			csv_write_cell(&w, format_percent(mon_percent(g->met, g->eligible), pct), false);
			csv_write_number_cell(&w, gap_text, false);
		}
		csv_end_row(&w);
	}
	size_t n;
	const struct benchmark_item *items = benchmark_items(&n);
	for (size_t i = 0; i < n; i++) {
		bool met = benchmark_checklist_state(how->checklist, items[i].id)->status ==
			   BENCHMARK_ITEM_MET;
		csv_write_cell(&w, "", true);
		int_cell(&w, items[i].benchmark, false);
		csv_write_cell(&w, items[i].id, false);
		int_cell(&w, 1, false);
		int_cell(&w, met, false);
		csv_write_cell(&w, met ? "100.0" : "0.0", false);
		for (int k = 0; k < subgroup_columns; k++)
			csv_write_cell(&w, "", false);
		csv_end_row(&w);
	}
}

/* ---- JSON ---- */

static json_t *percent_json(int met, int eligible)
{
	double p = mon_percent(met, eligible);
	return p < 0 ? json_null() : json_real(p);
}

static json_t *score_json(const struct benchmark_score *s)
{
	json_t *o = json_object();
	int p = benchmark_score_percent(s);
	json_object_set_new(o, "achieved", json_integer(s->achieved));
	json_object_set_new(o, "scored", json_integer(s->scored));
	json_object_set_new(o, "percent", p < 0 ? json_null() : json_integer(p));
	return o;
}

static json_t *summary_json(const struct benchmark_render *how)
{
	char iso[DATE_ISO_LEN];
	json_t *list = json_array();
	for (int b = 1; b <= BENCHMARK_COUNT; b++) {
		json_t *o = json_object();
		json_object_set_new(o, "benchmark", json_integer(b));
		json_object_set_new(o, "title", json_string(benchmark_title(b)));
		json_t *now = score_json(&how->scores[b - 1]);
		json_object_update(o, now);
		json_decref(now);
		if (how->previous) {
			json_t *p = score_json(&how->previous[b - 1]);
			json_object_set_new(p, "label", json_string(how->previous_label));
			json_object_set_new(p, "as_of", json_string(date_format_iso(how->previous_as_of, iso)));
			json_object_set_new(o, "previous", p);
		} else {
			json_object_set_new(o, "previous", json_null());
		}
		json_array_append_new(list, o);
	}
	return list;
}

static json_t *row_json(const struct mon_data *d, const struct benchmark_row *row,
			const struct benchmark_render *how)
{
	const struct benchmark_criterion_info *info = benchmark_criterion_info(row->criterion);
	bool subjects = row->criterion == CRITERION_CURRICULUM_SUBJECTS;
	json_t *o = json_object();
	json_object_set_new(o, "year_group", json_integer(row->year_group));
	json_object_set_new(o, "benchmark", json_integer(info->benchmark));
	json_object_set_new(o, "criterion", json_string(info->id));
	json_object_set_new(o, "eligible", json_integer(row->eligible));
	json_object_set_new(o, "met", json_integer(row->met));
	json_object_set_new(o, "percent", percent_json(row->met, row->eligible));
	json_object_set_new(o, "achieved", benchmark_row_scored(row)
			    ? json_boolean(benchmark_row_achieved(&d->programme, row, how->mode))
			    : json_null());
	if (how->subgroups && !subjects) {
		json_t *groups = json_object();
		for (int s = 0; s < SUBGROUP_COUNT; s++) {
			if (!((how->subgroups >> s) & 1))
				continue;
			const struct subgroup_count *g = &row->subgroups[s];
			json_t *go = json_object();
			double gap;
			json_object_set_new(go, "eligible", json_integer(g->eligible));
			json_object_set_new(go, "met", json_integer(g->met));
			json_object_set_new(go, "percent", percent_json(g->met, g->eligible));
			json_object_set_new(go, "gap", benchmark_gap(row, (enum subgroup)s, &gap)
							       ? json_real(gap) : json_null());
			json_object_set_new(groups, subgroup_name((enum subgroup)s), go);
		}
		json_object_set_new(o, "subgroups", groups);
	}
	if (how->missed && !subjects) {
		json_t *missed = json_array();
		for (size_t k = 0; k < row->missed_count; k++) {
			const struct mon_enrolment *e = &d->enrolments[row->missed[k].enrolment];
			const struct mon_pupil *p = &d->pupils[e->pupil];
			json_t *mo = json_object();
			json_object_set_new(mo, "upn", p->upn ? json_string(p->upn) : json_null());
			json_object_set_new(mo, "name", json_string(p->name));
			json_object_set_new(mo, "tutor_group", json_string(e->tutor_group));
			json_object_set_new(mo, "have", json_real(row->missed[k].have));
			json_object_set_new(mo, "need", json_real(info->need));
			json_array_append_new(missed, mo);
		}
		json_object_set_new(o, "missed", missed);
	}
	return o;
}

static json_t *item_json(const struct benchmark_item *item, const struct benchmark_item_state *s,
			 date_t today)
{
	char iso[DATE_ISO_LEN];
	bool met = s->status == BENCHMARK_ITEM_MET;
	json_t *o = json_object();
	json_object_set_new(o, "year_group", json_null());
	json_object_set_new(o, "benchmark", json_integer(item->benchmark));
	json_object_set_new(o, "criterion", json_string(item->id));
	json_object_set_new(o, "eligible", json_integer(1));
	json_object_set_new(o, "met", json_integer(met));
	json_object_set_new(o, "percent", json_real(met ? 100.0 : 0.0));
	json_object_set_new(o, "achieved", json_boolean(met));
	json_object_set_new(o, "status", json_string(benchmark_item_status_name(s->status)));
	json_object_set_new(o, "description", json_string(item->description));
	json_object_set_new(o, "evidence", s->evidence ? json_string(s->evidence) : json_null());
	json_object_set_new(o, "review_date", s->review_date != DATE_NONE
			    ? json_string(date_format_iso(s->review_date, iso)) : json_null());
	json_object_set_new(o, "review_due", json_boolean(benchmark_item_review_due(s, today)));
	return o;
}

void benchmark_render_json(const struct mon_data *d, const struct benchmark_report *r,
			   const struct benchmark_render *how, struct buf *out)
{
	char year[8], iso[DATE_ISO_LEN];
	json_t *root = json_object();
	json_object_set_new(root, "academic_year", json_string(academic_year_format(r->start_year, year)));
	json_object_set_new(root, "as_of", json_string(date_format_iso(r->as_of, iso)));
	json_object_set_new(root, "mode", json_string(benchmark_mode_name(how->mode)));
	json_object_set_new(root, "summary", summary_json(how));
	json_t *rows = json_array();
	for (size_t i = 0; i < r->count; i++)
		json_array_append_new(rows, row_json(d, &r->rows[i], how));
	size_t n;
	const struct benchmark_item *items = benchmark_items(&n);
	for (size_t i = 0; i < n; i++)
		json_array_append_new(rows, item_json(&items[i],
						      benchmark_checklist_state(how->checklist, items[i].id),
						      r->as_of));
	json_object_set_new(root, "rows", rows);
	json_t *subjects = json_array();
	for (size_t k = 0; k < r->subject_count && r->subject_years; k++) {
		json_t *o = json_object(), *years = json_array();
		json_object_set_new(o, "subject", json_string(d->programme.subjects[k]));
		for (int y = YEAR_GROUP_FIRST; y <= YEAR_GROUP_LAST; y++)
			if ((r->subject_years[k] >> y) & 1)
				json_array_append_new(years, json_integer(y));
		json_object_set_new(o, "year_groups", years);
		json_array_append_new(subjects, o);
	}
	json_object_set_new(root, "subjects", subjects);
	json_t *hours = json_array();
	for (int y = YEAR_GROUP_FIRST; y <= YEAR_GROUP_LAST; y++) {
		const struct benchmark_hours *h = &r->hours[y];
		if (!h->pupils)
			continue;
		json_t *o = json_object(), *mean = json_object();
		json_object_set_new(o, "year_group", json_integer(y));
		json_object_set_new(o, "pupils", json_integer(h->pupils));
		for (int k = 0; k <= benchmark_key_stage_of(y); k++)
			json_object_set_new(mean, benchmark_key_stage_name((enum key_stage)k),
					    json_real(h->total[k] / h->pupils));
		json_object_set_new(o, "mean_hours", mean);
		json_array_append_new(hours, o);
	}
	json_object_set_new(root, "workplace_hours", hours);
	char *text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(4));
	buf_puts(out, text);
	buf_putc(out, '\n');
	free(text);
	json_decref(root);
}
