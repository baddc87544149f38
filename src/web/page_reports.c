/* The reports: entitlement, the Gatsby Benchmarks and Provider Access, as
 * pages (charts, the same figures in tables) and as CSV downloads.
 *
 * Every figure comes from the functions `waymark report` calls
 * (domain/entitlement.h, domain/benchmarks.h, domain/provider_access.h)
 * and every CSV from their renderers (report/...), so the web and the
 * command line cannot disagree. Governors see aggregates only: counts
 * under 5 as "c" and the percents made from them hidden (web/view.h), no
 * names or UPNs, no lists of who missed out and no CSV downloads (the CSV
 * renderers write every count as it is). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action/benchmark_action.h"
#include "domain/benchmarks.h"
#include "domain/entitlement.h"
#include "domain/provider_access.h"
#include "report/benchmark_report.h"
#include "report/entitlement_report.h"
#include "report/provider_access_report.h"
#include "report/svg_chart.h"
#include "store/benchmark_store.h"
#include "store/snapshot_store.h"
#include "util/html.h"
#include "util/mem.h"
#include "util/text.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/view.h"

enum report_kind { REPORT_ENTITLEMENT, REPORT_BENCHMARKS, REPORT_PROVIDER_ACCESS };

static const char *const report_paths[] = {
	[REPORT_ENTITLEMENT] = "/reports/entitlement",
	[REPORT_BENCHMARKS] = "/reports/benchmarks",
	[REPORT_PROVIDER_ACCESS] = "/reports/provider-access",
};

/* A report page's filters, read from its query string and checked against
 * allow-lists; the defaults are the command line's. */
struct report_filter {
	int start_year;
	date_t as_of;
	int year_group;              /* 0: every year group */
	int subgroup;                /* an enum subgroup, or -1 for none */
	long activity;               /* an index in the programme, or -1 for all */
	bool missed;                 /* list who missed out: leader and admin only */
	enum benchmark_mode mode;
};

static bool careers_role(const struct web_request *req)
{
	return !view_suppressed(req);
}

/* The activity with this id (not retired, owed to a cohort), or -1. */
static long find_activity(const struct mon_data *d, const char *id)
{
	for (size_t a = 0; a < d->programme.activity_count; a++) {
		const struct activity *act = &d->programme.activities[a];
		if (!act->retired && act->cohort != COHORT_INVITED && strcmp(act->id, id) == 0)
			return (long)a;
	}
	return -1;
}

/* Reads the filters. false with *problem (a sentence saying what to fix)
 * at the first bad value; f then holds the defaults. Fields a report does
 * not take are ignored. */
static bool filter_parse(const struct web_request *req, const struct mon_data *d,
			 enum report_kind kind, struct report_filter *f, const char **problem)
{
	*f = (struct report_filter){ 0, req->today, 0, -1, -1, careers_role(req), BENCHMARK_BANDED };
	f->start_year = academic_year_of(f->as_of);
	struct report_filter want = *f;
	const char *v;
	long n;
	*problem = NULL;
	if ((v = web_field(req, "as_of")) && *v && !date_parse_iso(v, &want.as_of))
		*problem = "The date is not a date: write it as YYYY-MM-DD, like 2025-11-10.";
	want.start_year = academic_year_of(want.as_of);
	if (!*problem && (v = web_field(req, "year")) && *v && !academic_year_parse(v, &want.start_year))
		*problem = "The academic year is not one: write it like 2025/26.";
	/* A past year's report is as of its last day, as on the command line. */
	if (!*problem && want.as_of > academic_year_last_day(want.start_year))
		want.as_of = academic_year_last_day(want.start_year);
	int first = kind == REPORT_PROVIDER_ACCESS ? PROVIDER_ACCESS_FIRST_YEAR_GROUP : YEAR_GROUP_FIRST;
	if (!*problem && (v = web_field(req, "year_group")) && *v) {
		if (text_to_int(v, first, YEAR_GROUP_LAST, &n))
			want.year_group = (int)n;
		else
			*problem = kind == REPORT_PROVIDER_ACCESS ? "Choose a year group from 8 to 13."
								  : "Choose a year group from 7 to 13.";
	}
	if (!*problem && kind == REPORT_ENTITLEMENT && (v = web_field(req, "subgroup")) && *v) {
		enum subgroup s;
		if (subgroup_parse(v, &s))
			want.subgroup = (int)s;
		else
			*problem = "Choose a group from the list.";
	}
	if (!*problem && kind == REPORT_ENTITLEMENT && (v = web_field(req, "activity")) && *v) {
		want.activity = find_activity(d, v);
		if (want.activity < 0)
			*problem = "There is no such activity in the programme: choose one from the list.";
	}
	if (!*problem && (v = web_field(req, "missed")) && *v) {
		if (strcmp(v, "yes") == 0 || strcmp(v, "no") == 0)
			want.missed = careers_role(req) && strcmp(v, "yes") == 0;
		else
			*problem = "Choose whether to list who missed out.";
	}
	if (!*problem && kind == REPORT_BENCHMARKS && (v = web_field(req, "mode")) && *v &&
	    !benchmark_mode_parse(v, &want.mode))
		*problem = "Choose banded or strict.";
	if (*problem)
		return false;
	*f = want;
	return true;
}

/* The filters as a query string, for the CSV links. */
static void filter_query(const struct mon_data *d, enum report_kind kind,
			 const struct report_filter *f, struct buf *q)
{
	char year[8], iso[DATE_ISO_LEN];
	buf_puts(q, "year=");
	url_encode(q, academic_year_format(f->start_year, year));
	buf_printf(q, "&as_of=%s", date_format_iso(f->as_of, iso));
	if (f->year_group)
		buf_printf(q, "&year_group=%d", f->year_group);
	if (f->subgroup >= 0) {
		buf_puts(q, "&subgroup=");
		url_encode(q, subgroup_name((enum subgroup)f->subgroup));
	}
	if (f->activity >= 0) {
		buf_puts(q, "&activity=");
		url_encode(q, d->programme.activities[f->activity].id);
	}
	if (kind == REPORT_BENCHMARKS)
		buf_printf(q, "&mode=%s", benchmark_mode_name(f->mode));
}

static void option(struct buf *out, const char *value, const char *label, bool selected)
{
	if (selected)
		html_fmt(out, "<option value=\"%s\" selected>%s</option>", value, label);
	else
		html_fmt(out, "<option value=\"%s\">%s</option>", value, label);
}

/* The filters as a GET form: changing what is shown changes nothing. */
static void filter_form(const struct web_request *req, const struct mon_data *d,
			enum report_kind kind, const struct report_filter *f, struct buf *out)
{
	char year[8], iso[DATE_ISO_LEN], text[160];
	html_fmt(out, "<form class=\"filters no-print\" method=\"get\" action=\"%s\">\n"
		      "<fieldset><legend>Choose what to show</legend><div class=\"filter-grid\">\n",
		 report_paths[kind]);
	html_fmt(out, "<div><label for=\"f-year\">Academic year<span class=\"hint\">Like 2025/26</span>"
		      "</label><input id=\"f-year\" name=\"year\" type=\"text\" inputmode=\"numeric\" "
		      "pattern=\"[0-9]{4}[/-][0-9]{2,4}\" value=\"%s\"></div>\n",
		 academic_year_format(f->start_year, year));
	html_fmt(out, "<div><label for=\"f-as-of\">Up to<span class=\"hint\">Sessions and meetings on "
		      "or before this date</span></label><input id=\"f-as-of\" name=\"as_of\" "
		      "type=\"date\" value=\"%s\"></div>\n",
		 date_format_iso(f->as_of, iso));
	html_raw(out, "<div><label for=\"f-year-group\">Year group</label>"
		      "<select id=\"f-year-group\" name=\"year_group\">");
	option(out, "", "All year groups", f->year_group == 0);
	int first = kind == REPORT_PROVIDER_ACCESS ? PROVIDER_ACCESS_FIRST_YEAR_GROUP : YEAR_GROUP_FIRST;
	for (int y = first; y <= YEAR_GROUP_LAST; y++) {
		char value[12], label[24];
		snprintf(value, sizeof value, "%d", y);
		snprintf(label, sizeof label, "Year %d", y);
		option(out, value, label, f->year_group == y);
	}
	html_raw(out, "</select></div>\n");
	if (kind == REPORT_ENTITLEMENT) {
		html_raw(out, "<div><label for=\"f-activity\">Activity</label>"
			      "<select id=\"f-activity\" name=\"activity\">");
		option(out, "", "All activities", f->activity < 0);
		for (size_t a = 0; a < d->programme.activity_count; a++) {
			const struct activity *act = &d->programme.activities[a];
			if (act->retired || act->cohort == COHORT_INVITED)
				continue;
			text_copy(text, sizeof text, act->name);
			option(out, act->id, text, f->activity == (long)a);
		}
		html_raw(out, "</select></div>\n");
		html_raw(out, "<div><label for=\"f-subgroup\">Compare a group<span class=\"hint\">Its "
			      "percent and the gap to the rest</span></label>"
			      "<select id=\"f-subgroup\" name=\"subgroup\">");
		option(out, "", "No group", f->subgroup < 0);
		for (int s = 0; s < SUBGROUP_COUNT; s++)
			option(out, subgroup_name((enum subgroup)s), subgroup_title((enum subgroup)s),
			       f->subgroup == s);
		html_raw(out, "</select></div>\n");
		if (careers_role(req)) {
			html_raw(out, "<div><label for=\"f-missed\">Who missed out</label>"
				      "<select id=\"f-missed\" name=\"missed\">");
			option(out, "yes", "List them by tutor group", f->missed);
			option(out, "no", "Figures only", !f->missed);
			html_raw(out, "</select></div>\n");
		}
	}
	if (kind == REPORT_BENCHMARKS) {
		html_raw(out, "<div><label for=\"f-mode\">Scoring<span class=\"hint\">When a year group "
			      "achieves a criterion</span></label><select id=\"f-mode\" name=\"mode\">");
		option(out, "banded", "Banded: at its entitlement floor", f->mode == BENCHMARK_BANDED);
		option(out, "strict", "Strict: every pupil", f->mode == BENCHMARK_STRICT);
		html_raw(out, "</select></div>\n");
	}
	html_raw(out, "</div></fieldset>\n<button type=\"submit\">Show</button>\n</form>\n");
}

/* The download links, for those who may download. */
static void csv_links(const struct web_request *req, const struct mon_data *d,
		      enum report_kind kind, const struct report_filter *f, struct buf *out)
{
	if (!careers_role(req))
		return;
	struct buf q = BUF_INIT;
	filter_query(d, kind, f, &q);
	html_fmt(out, "<p class=\"no-print\"><a class=\"button secondary\" href=\"%s.csv?%s\" download>"
		      "Download these figures (CSV)</a>",
		 report_paths[kind], buf_str(&q));
	if (kind == REPORT_ENTITLEMENT)
		html_fmt(out, " <a class=\"button secondary\" href=\"%s.csv?%s&missed=yes\" download>"
			      "Download who missed out (CSV)</a>",
			 report_paths[kind], buf_str(&q));
	html_raw(out, "</p>\n");
	buf_free(&q);
}

static void suppression_note(const struct web_request *req, struct buf *out)
{
	if (view_suppressed(req))
		html_raw(out, "<p class=\"note\">Counts under 5 are shown as <strong>c</strong>, and "
			      "percentages made from them are hidden, so that no pupil can be "
			      "identified.</p>\n");
}

/* Starts a report page: title, the filter form, and any problem with it. */
static void report_begin(struct web_request *req, struct web_response *resp, const char *title,
			 const struct mon_data *d, enum report_kind kind, const struct report_filter *f,
			 const char *problem)
{
	page_begin(req, resp, title, "reports");
	struct buf *out = &resp->body;
	html_raw(out, "<p class=\"no-print\"><a href=\"/reports\">All reports</a></p>\n");
	if (problem) {
		resp->status = 400;
		page_notice(out, "error", problem);
	}
	filter_form(req, d, kind, f, out);
}

/* A bar for met of eligible as this user may see it: no bar when hidden
 * or when nobody is eligible. text (16 bytes) keeps the value's words. */
static void percent_bar(const struct web_request *req, int met, int eligible, bool pupils,
			const char *label, struct svg_bar *bar, char *text)
{
	struct buf t = BUF_INIT;
	if (pupils)
		view_percent(req, &t, met, eligible);
	else if (eligible)
		html_fmt(&t, "%.1f%%", mon_percent(met, eligible));
	else
		html_raw(&t, "-");
	snprintf(text, 16, "%s", buf_str(&t));
	buf_free(&t);
	bool hidden = pupils && view_percent_hidden(req, met, eligible);
	*bar = (struct svg_bar){ label, eligible > 0 && !hidden, mon_percent(met, eligible), text,
				 false, 0 };
}

/* A chart inside a figure that is not split across printed pages, its
 * title as a visible caption unless a heading just above says it. */
static void chart_figure(struct buf *out, const struct svg_bar_chart *chart, bool caption)
{
	if (!chart->count)
		return;
	html_raw(out, "<figure class=\"chart\">\n");
	if (caption)
		html_fmt(out, "<figcaption>%s</figcaption>\n", chart->title);
	svg_bar_chart(out, chart);
	html_raw(out, "</figure>\n");
}

/* ---- Entitlement ---- */

static const char *entitlement_status_words(enum entitlement_status s)
{
	switch (s) {
	case ENTITLEMENT_MET: return "met";
	case ENTITLEMENT_BELOW: return "below";
	case ENTITLEMENT_NOT_HELD: return "not held yet";
	case ENTITLEMENT_NO_PUPILS: return "no pupils";
	case ENTITLEMENT_ATTENDANCE: return "invited";
	case ENTITLEMENT_NOT_TAKEN: return "register not taken";
	}
	return "?";
}

/* The subgroup's gap to the rest, unless either side would give a pupil
 * away to a governor. */
static bool visible_gap(const struct web_request *req, const struct entitlement_row *row,
			enum subgroup s, double *gap)
{
	const struct subgroup_count *g = &row->subgroups[s];
	if (!entitlement_gap(row, s, gap))
		return false;
	return !view_percent_hidden(req, g->met, g->eligible) &&
	       !view_percent_hidden(req, row->received - g->met, row->eligible - g->eligible);
}

/* The charts of a section: each row's percent against its floor, and with
 * a group chosen, the group's gap to the rest. label_year: label bars by
 * year group (one activity) rather than by activity (one year group). */
static void entitlement_charts(struct web_request *req, const struct mon_data *d,
			       const struct report_filter *f, const struct entitlement_row **rows,
			       size_t n, const char *id, const char *title, bool label_year,
			       struct buf *out)
{
	struct svg_bar *bars = xcalloc(n + 1, sizeof *bars);
	char (*texts)[16] = xcalloc(n + 1, sizeof *texts);
	char (*labels)[16] = xcalloc(n + 1, sizeof *labels);
	size_t count = 0;
	for (size_t i = 0; i < n; i++) {
		const struct entitlement_row *row = rows[i];
		if (row->status != ENTITLEMENT_MET && row->status != ENTITLEMENT_BELOW)
			continue;
		snprintf(labels[count], sizeof labels[count], "Year %d", row->year_group);
		const char *label = label_year ? labels[count] : d->programme.activities[row->activity].name;
		percent_bar(req, row->received, row->eligible, true, label, &bars[count], texts[count]);
		bars[count].has_floor = true;
		bars[count].floor = d->programme.bands[row->year_group].floor;
		count++;
	}
	char chart_id[32], chart_title[320], description[400];
	snprintf(chart_id, sizeof chart_id, "%s-chart", id);
	snprintf(chart_title, sizeof chart_title, "%s: percent of pupils who received %s", title,
		 label_year ? "it, by year group" : "each activity");
	snprintf(description, sizeof description,
		 "One bar per %s held so far, its length the percent of eligible pupils who received "
		 "it, with the value written beside it; the dashed line is the entitlement floor. "
		 "The table below gives the same figures.",
		 label_year ? "year group" : "activity");
	struct svg_bar_chart chart = { chart_id, chart_title, description, "Percent of pupils", "%",
				       0, 100, 25, "floor", 0, bars, count };
	if (count)
		chart_figure(out, &chart, true);
	else
		html_raw(out, "<p>No sessions held yet, so nothing to chart.</p>\n");

	if (f->subgroup >= 0 && count) {
		enum subgroup s = (enum subgroup)f->subgroup;
		size_t gaps = 0;
		double widest = 0;
		for (size_t i = 0; i < n; i++) {
			const struct entitlement_row *row = rows[i];
			double gap;
			if ((row->status != ENTITLEMENT_MET && row->status != ENTITLEMENT_BELOW) ||
			    !visible_gap(req, row, s, &gap))
				continue;
			snprintf(labels[gaps], sizeof labels[gaps], "Year %d", row->year_group);
			snprintf(texts[gaps], sizeof texts[gaps], "%s%.1f", gap > 0 ? "+" : "", gap);
			bars[gaps] = (struct svg_bar){ label_year ? labels[gaps]
								  : d->programme.activities[row->activity].name,
						       true, gap, texts[gaps], false, 0 };
			widest = fmax(widest, fabs(gap));
			gaps++;
		}
		/* A symmetric axis in tens of points, 10 at least. */
		double end = fmin(100, fmax(10, ceil(widest / 10) * 10));
		char axis[160];
		snprintf(chart_id, sizeof chart_id, "%s-gap", id);
		snprintf(chart_title, sizeof chart_title, "%s: the gap between %s and the other pupils",
			 title, subgroup_title(s));
		snprintf(description, sizeof description,
			 "One bar per %s: %s's percent minus the other pupils' percent, in percentage "
			 "points; right of the zero line the group is ahead, left of it behind. The "
			 "table below gives the same figures.",
			 label_year ? "year group" : "activity", subgroup_title(s));
		snprintf(axis, sizeof axis, "Percentage points, %s minus the rest", subgroup_title(s));
		struct svg_bar_chart gap_chart = { chart_id, chart_title, description, axis, "",
						   -end, end, end / 2, NULL, 0, bars, gaps };
		if (gaps)
			chart_figure(out, &gap_chart, true);
		else
			html_fmt(out, "<p>No gap to show for %s: no pupils in the group, or too few to "
				      "show.</p>\n", subgroup_title(s));
	}
	free(labels);
	free(texts);
	free(bars);
}

static void entitlement_table(struct web_request *req, const struct mon_data *d,
			      const struct report_filter *f, const struct entitlement_row **rows,
			      size_t n, const char *caption, bool label_year, struct buf *out)
{
	html_fmt(out, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"%s\">"
		      "<table>\n<caption>%s</caption>\n<thead><tr>"
		      "<th scope=\"col\">%s</th><th scope=\"col\">Cohort</th>"
		      "<th scope=\"col\" class=\"num\">Sessions held</th>"
		      "<th scope=\"col\" class=\"num\">Eligible</th>"
		      "<th scope=\"col\" class=\"num\">Received</th>"
		      "<th scope=\"col\" class=\"num\">Percent</th><th scope=\"col\">Status</th>",
		 caption, caption, label_year ? "Year group" : "Activity");
	if (f->subgroup >= 0) {
		const char *g = subgroup_title((enum subgroup)f->subgroup);
		html_fmt(out, "<th scope=\"col\" class=\"num\">%s eligible</th>"
			      "<th scope=\"col\" class=\"num\">%s percent</th>"
			      "<th scope=\"col\" class=\"num\">Gap (points)</th>",
			 g, g);
	}
	html_raw(out, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < n; i++) {
		const struct entitlement_row *row = rows[i];
		const struct activity *a = &d->programme.activities[row->activity];
		if (label_year)
			html_fmt(out, "<tr><th scope=\"row\">Year %d</th>", row->year_group);
		else
			html_fmt(out, "<tr><th scope=\"row\">%s</th>", a->name);
		html_fmt(out, "<td>%s</td><td class=\"num\">%d</td>", cohort_name(a->cohort),
			 row->sessions_held);
		if (row->status == ENTITLEMENT_ATTENDANCE) {
			html_raw(out, "<td class=\"num\">-</td><td class=\"num\">");
			view_count(req, out, row->attended);
			html_raw(out, "</td><td class=\"num\">-</td><td>");
			status_badge(out, "invited");
			html_raw(out, " <span class=\"hint-inline\">pupils who came</span></td>");
		} else if (row->status == ENTITLEMENT_NOT_HELD || row->status == ENTITLEMENT_NOT_TAKEN) {
			html_raw(out, "<td class=\"num\">-</td><td class=\"num\">-</td><td class=\"num\">-</td><td>");
			status_badge(out, entitlement_status_words(row->status));
			html_raw(out, "</td>");
		} else {
			html_raw(out, "<td class=\"num\">");
			view_count(req, out, row->eligible);
			html_raw(out, "</td><td class=\"num\">");
			view_met_count(req, out, row->received, row->eligible);
			html_raw(out, "</td><td class=\"num\">");
			view_percent(req, out, row->received, row->eligible);
			html_raw(out, "</td><td>");
			if (view_percent_hidden(req, row->received, row->eligible))
				html_raw(out, "c");
			else
				status_badge(out, entitlement_status_words(row->status));
			html_raw(out, "</td>");
		}
		if (f->subgroup >= 0) {
			enum subgroup s = (enum subgroup)f->subgroup;
			const struct subgroup_count *g = &row->subgroups[s];
			double gap;
			if (row->status == ENTITLEMENT_ATTENDANCE || row->status == ENTITLEMENT_NOT_HELD ||
			    row->status == ENTITLEMENT_NOT_TAKEN) {
				html_raw(out, "<td class=\"num\">-</td><td class=\"num\">-</td><td class=\"num\">-</td>");
			} else {
				html_raw(out, "<td class=\"num\">");
				view_count(req, out, g->eligible);
				html_raw(out, "</td><td class=\"num\">");
				view_percent(req, out, g->met, g->eligible);
				html_raw(out, "</td><td class=\"num\">");
				if (visible_gap(req, row, s, &gap))
					html_fmt(out, "%s%.1f", gap > 0 ? "+" : "", gap);
				else if (entitlement_gap(row, s, &gap))
					html_raw(out, "c");
				else
					html_raw(out, "-");
				html_raw(out, "</td>");
			}
		}
		html_raw(out, "</tr>\n");
	}
	html_raw(out, "</tbody></table></div>\n");
}

static const char *mark_words(const struct missed_session *s)
{
	if (!s->marked)
		return "not registered";
	return s->status == MARK_EXCUSED ? "excused" : "absent";
}

/* Who missed out on each row, by tutor group (leader and admin only: the
 * query asked for the lists only for them). */
static void entitlement_missed(const struct mon_data *d, const struct entitlement_row **rows,
			       size_t n, struct buf *out)
{
	bool any = false;
	for (size_t i = 0; i < n; i++) {
		const struct entitlement_row *row = rows[i];
		if (!row->missed_count)
			continue;
		if (!any)
			html_raw(out, "<h3>Who missed out</h3>\n");
		any = true;
		const struct activity *a = &d->programme.activities[row->activity];
		html_fmt(out, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Who missed out: "
			      "%s, Year %d\"><table class=\"missed\">\n<caption>%s, Year %d: "
			      "%zu pupil%s missed out</caption>\n<thead><tr><th scope=\"col\">Tutor group</th>"
			      "<th scope=\"col\">Pupil</th><th scope=\"col\">UPN</th>"
			      "<th scope=\"col\" class=\"num\">Attended</th><th scope=\"col\">Missed</th>"
			      "</tr></thead>\n<tbody>\n",
			 a->name, row->year_group, a->name, row->year_group, row->missed_count,
			 row->missed_count == 1 ? "" : "s");
		for (size_t k = 0; k < row->missed_count; k++) {
			const struct missed_pupil *m = &row->missed[k];
			const struct mon_enrolment *e = &d->enrolments[m->enrolment];
			const struct mon_pupil *p = &d->pupils[e->pupil];
			html_fmt(out, "<tr><td>%s</td><th scope=\"row\">%s</th><td>%s</td>"
				      "<td class=\"num\">%d of %d</td><td>",
				 *e->tutor_group ? e->tutor_group : "none", p->name, p->upn ? p->upn : "none",
				 m->attended, m->required);
			char iso[DATE_ISO_LEN];
			for (size_t s = 0; s < m->session_count; s++)
				html_fmt(out, "%s%s %s", s ? ", " : "", mark_words(&m->sessions[s]),
					 date_format_iso(d->events[m->sessions[s].event].date, iso));
			html_raw(out, "</td></tr>\n");
		}
		html_raw(out, "</tbody></table></div>\n");
	}
}

static void entitlement_section(struct web_request *req, const struct mon_data *d,
				const struct report_filter *f, const struct entitlement_row **rows,
				size_t n, const char *id, const char *title, bool label_year,
				struct buf *out)
{
	html_fmt(out, "<section class=\"report-section\" aria-labelledby=\"%s\">\n<h2 id=\"%s\">%s</h2>\n",
		 id, id, title);
	if (!label_year && n) {
		char floor[16];
		snprintf(floor, sizeof floor, "%g", d->programme.bands[rows[0]->year_group].floor);
		html_fmt(out, "<p>An activity is met when %s%% or more of the eligible pupils received "
			      "it.</p>\n", floor);
	}
	entitlement_charts(req, d, f, rows, n, id, title, label_year, out);
	char caption[300];
	snprintf(caption, sizeof caption, "%s: each %s", title, label_year ? "year group" : "activity");
	entitlement_table(req, d, f, rows, n, caption, label_year, out);
	if (f->missed)
		entitlement_missed(d, rows, n, out);
	html_raw(out, "</section>\n");
}

static void entitlement_query_of(const struct report_filter *f, struct entitlement_query *q)
{
	*q = (struct entitlement_query){ f->start_year, f->as_of,
					 f->year_group ? 1u << f->year_group : 0, f->missed };
}

/* Keeps only the chosen activity's rows (all rows with none chosen). The
 * rows still belong to r. */
static size_t entitlement_pick(const struct entitlement_report *r, const struct report_filter *f,
			       const struct entitlement_row **out)
{
	size_t n = 0;
	for (size_t i = 0; i < r->count; i++)
		if (f->activity < 0 || r->rows[i].activity == (uint32_t)f->activity)
			out[n++] = &r->rows[i];
	return n;
}

/* The start of a report page: the school's data, the filters, the page's
 * head and its filter form. NULL when the page is already complete: an
 * error, bad filters (shown in the form) or no programme to report on. */
static const struct mon_data *report_page_begin(struct web_request *req, struct web_response *resp,
						const char *title, enum report_kind kind,
						struct report_filter *f)
{
	const struct mon_data *d = view_load(req, resp);
	if (!d)
		return NULL;
	const char *problem;
	bool ok = filter_parse(req, d, kind, f, &problem);
	report_begin(req, resp, title, d, kind, f, problem);
	if (ok && d->programme.activity_count == 0)
		page_notice(&resp->body, "info", "This school has no programme yet, so there is nothing to report.");
	if (!ok || d->programme.activity_count == 0) {
		page_end(req, resp);
		return NULL;
	}
	return d;
}

/* The registers behind the figures that are due, not taken or incomplete,
 * for the report's year groups, with an incomplete one's unmarked pupils.
 * Not for governors: it names pupils, and its counts are small. */
static void entitlement_registers(struct web_request *req, const struct mon_data *d,
				  const struct entitlement_report *r, struct buf *out)
{
	if (req->user->role == ROLE_GOVERNOR || !r->count)
		return;
	unsigned years = 0;
	for (size_t i = 0; i < r->count; i++)
		years |= 1u << r->rows[i].year_group;
	struct mon_register_entry *open;
	size_t n = mon_registers_needing_attention(d, r->start_year, r->as_of, years, &open);
	html_raw(out, "<h2 id=\"registers\">Registers to take or finish</h2>\n");
	if (!n) {
		html_raw(out, "<p>Every register up to the report's date is complete.</p>\n");
		free(open);
		return;
	}
	html_raw(out, "<p>An event with no register counts as neither held nor missed, and an "
		      "unmarked pupil is not counted absent.</p>\n<ul class=\"registers\">\n");
	for (size_t i = 0; i < n; i++) {
		const struct mon_event *e = &d->events[open[i].event];
		const struct mon_register *reg = &open[i].reg;
		html_fmt(out, "<li><a href=\"/events/%lld/register\">%s</a>, ", e->id,
			 d->programme.activities[e->activity].name);
		view_date(out, e->date);
		if (reg->state == REGISTER_INCOMPLETE)
			html_fmt(out, ": incomplete (%d of %d marked)", reg->marked, reg->expected);
		else
			html_fmt(out, ": %s", reg->state == REGISTER_DUE ? "due today"
								  : "register not taken");
		uint32_t *unmarked;
		size_t u = reg->state == REGISTER_INCOMPLETE
			? mon_register_unmarked(d, open[i].event, &unmarked) : 0;
		size_t shown = 0;
		for (size_t k = 0; k < u; k++) {
			const struct mon_pupil *p = &d->pupils[unmarked[k]];
			if (!view_covers_student(req, p->id))
				continue;
			html_fmt(out, "%s%s", shown++ ? ", " : "; not marked: ", p->name);
		}
		if (reg->state == REGISTER_INCOMPLETE)
			free(unmarked);
		html_raw(out, "</li>\n");
	}
	html_raw(out, "</ul>\n");
	free(open);
}

void page_report_entitlement(struct web_request *req, struct web_response *resp)
{
	struct report_filter f;
	const struct mon_data *d = report_page_begin(req, resp, "Entitlement", REPORT_ENTITLEMENT, &f);
	if (!d)
		return;
	struct buf *out = &resp->body;
	struct entitlement_query q;
	entitlement_query_of(&f, &q);
	struct entitlement_report r;
	entitlement_compute(d, &q, &r);
	char year[8], iso[DATE_ISO_LEN];
	html_fmt(out, "<p class=\"lead\">%s, sessions held up to %s. A pupil is eligible when on roll "
		      "for a session; an activity is <strong>met</strong> when the share of eligible "
		      "pupils who received it reaches the year group's floor.</p>\n",
		 academic_year_format(r.start_year, year), date_format_iso(r.as_of, iso));
	suppression_note(req, out);
	csv_links(req, d, REPORT_ENTITLEMENT, &f, out);

	const struct entitlement_row **rows = xcalloc(r.count + 1, sizeof *rows);
	size_t n = entitlement_pick(&r, &f, rows);
	if (!n) {
		html_raw(out, "<p>No activity of the programme is for the year group chosen.</p>\n");
	} else if (f.activity >= 0) {
		/* One activity: its year groups side by side. */
		entitlement_section(req, d, &f, rows, n, "activity",
				    d->programme.activities[f.activity].name, true, out);
	} else {
		/* Each year group: its activities. */
		for (size_t i = 0; i < n;) {
			size_t j = i;
			while (j < n && rows[j]->year_group == rows[i]->year_group)
				j++;
			char id[16], title[24];
			snprintf(id, sizeof id, "y%d", rows[i]->year_group);
			snprintf(title, sizeof title, "Year %d", rows[i]->year_group);
			entitlement_section(req, d, &f, rows + i, j - i, id, title, false, out);
			i = j;
		}
	}
	free(rows);
	entitlement_registers(req, d, &r, out);
	entitlement_report_free(&r);
	page_end(req, resp);
}

/* A CSV download: its type, and a name with the academic year. */
static void send_csv(struct web_response *resp, const char *what, int start_year, struct buf *csv)
{
	char year[8];
	academic_year_format(start_year, year);
	year[4] = '-';
	resp->content_type = "text/csv; charset=utf-8";
	snprintf(resp->filename, sizeof resp->filename, "%s-%s.csv", what, year);
	buf_reset(&resp->body);
	buf_append(&resp->body, csv->data ? csv->data : "", csv->len);
}

/* Loads (*out) and reads the filters for a CSV; false after writing the error. */
static bool csv_begin(struct web_request *req, struct web_response *resp, enum report_kind kind,
		      const struct mon_data **out, struct report_filter *f)
{
	const struct mon_data *d = *out = view_load(req, resp);
	if (!d)
		return false;
	const char *problem;
	if (!filter_parse(req, d, kind, f, &problem)) {
		web_error(req, resp, 400, problem);
		return false;
	}
	if (d->programme.activity_count == 0) {
		web_error(req, resp, 404, "This school has no programme yet, so there is nothing to report.");
		return false;
	}
	return true;
}

/* The figures as `waymark report entitlement --format csv` writes them;
 * with missed=yes, one row per pupil who missed out (--missed). */
void page_report_entitlement_csv(struct web_request *req, struct web_response *resp)
{
	const struct mon_data *d = NULL;
	struct report_filter f;
	if (!csv_begin(req, resp, REPORT_ENTITLEMENT, &d, &f))
		return;
	/* The page lists who missed out unless told not to; the download gives
	 * the figures unless asked for the names. */
	const char *v = web_field(req, "missed");
	f.missed = v && strcmp(v, "yes") == 0;
	struct entitlement_query q;
	entitlement_query_of(&f, &q);
	struct entitlement_report r;
	entitlement_compute(d, &q, &r);
	/* Only the chosen activity's rows, in the report's order. */
	struct entitlement_row *kept = xcalloc(r.count + 1, sizeof *kept);
	size_t n = 0;
	for (size_t i = 0; i < r.count; i++)
		if (f.activity < 0 || r.rows[i].activity == (uint32_t)f.activity)
			kept[n++] = r.rows[i];
	struct entitlement_report only = r;
	only.rows = kept;
	only.count = n;
	struct entitlement_render how = { f.missed, f.subgroup >= 0 ? 1u << f.subgroup : 0 };
	struct buf csv = BUF_INIT;
	entitlement_render_csv(d, &only, &how, &csv);
	send_csv(resp, f.missed ? "entitlement-missed" : "entitlement", r.start_year, &csv);
	buf_free(&csv);
	free(kept);
	entitlement_report_free(&r);
}

/* ---- The Gatsby Benchmarks ---- */

static const char *criterion_status(const struct web_request *req, const struct programme *p,
				    const struct benchmark_row *row, enum benchmark_mode mode,
				    bool pupils)
{
	if (!benchmark_row_scored(row))
		return "not scored";
	if (pupils && view_percent_hidden(req, row->met, row->eligible))
		return NULL;
	return benchmark_row_achieved(p, row, mode) ? "achieved" : "not achieved";
}

static void benchmark_scores(struct web_request *req, const struct benchmark_score *scores,
			     const struct benchmark_snapshot *last, struct buf *out)
{
	(void)req;
	struct svg_bar bars[BENCHMARK_COUNT];
	char labels[BENCHMARK_COUNT][80], texts[BENCHMARK_COUNT][16];
	for (int b = 0; b < BENCHMARK_COUNT; b++) {
		int pct = benchmark_score_percent(&scores[b]);
		snprintf(labels[b], sizeof labels[b], "%d %s", b + 1, benchmark_title(b + 1));
		if (pct < 0)
			snprintf(texts[b], sizeof texts[b], "-");
		else
			snprintf(texts[b], sizeof texts[b], "%d%%", pct);
		bars[b] = (struct svg_bar){ labels[b], pct >= 0, pct, texts[b], false, 0 };
	}
	struct svg_bar_chart chart = {
		"scores", "Gatsby Benchmark scores",
		"One bar per benchmark, its length the percent of the benchmark's criteria achieved "
		"(Benchmarks 1 and 3: checklist items met), with the value written beside it. The "
		"table below gives the same figures.",
		"Percent of criteria achieved", "%", 0, 100, 25, NULL, 0, bars, BENCHMARK_COUNT };
	html_raw(out, "<section class=\"report-section\" aria-labelledby=\"scores-h\">"
		      "<h2 id=\"scores-h\">Scores</h2>\n");
	chart_figure(out, &chart, true);
	html_raw(out, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Scores\">"
		      "<table>\n<caption>Each benchmark's score</caption>\n"
		      "<thead><tr><th scope=\"col\">Benchmark</th>"
		      "<th scope=\"col\" class=\"num\">Criteria achieved</th>"
		      "<th scope=\"col\" class=\"num\">Score</th>");
	if (last)
		html_fmt(out, "<th scope=\"col\" class=\"num\">%s</th>", last->label);
	html_raw(out, "</tr></thead>\n<tbody>\n");
	for (int b = 0; b < BENCHMARK_COUNT; b++) {
		html_fmt(out, "<tr><th scope=\"row\">%s</th><td class=\"num\">%d of %d</td>"
			      "<td class=\"num\">%s</td>",
			 labels[b], scores[b].achieved, scores[b].scored, texts[b]);
		if (last) {
			const struct benchmark_value *v = &last->values[b];
			if (v->scored)
				html_fmt(out, "<td class=\"num\">%d%%</td>",
					 benchmark_score_percent(&(struct benchmark_score){ b + 1, v->achieved,
											 v->scored }));
			else
				html_raw(out, "<td class=\"num\">-</td>");
		}
		html_raw(out, "</tr>\n");
	}
	html_raw(out, "</tbody></table></div>\n</section>\n");
}

static void benchmark_checklist_table(const struct benchmark_checklist *c, int benchmark,
				      date_t as_of, struct buf *out)
{
	size_t count;
	const struct benchmark_item *items = benchmark_items(&count);
	html_fmt(out, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Benchmark %d: the "
		      "checklist\"><table>\n<caption>Benchmark %d: the checklist"
		      "</caption>\n<thead><tr><th scope=\"col\">Item</th><th scope=\"col\">What it "
		      "asks</th><th scope=\"col\">Status</th><th scope=\"col\">Evidence</th>"
		      "<th scope=\"col\">Review by</th></tr></thead>\n<tbody>\n",
		 benchmark, benchmark);
	for (size_t i = 0; i < count; i++) {
		if (items[i].benchmark != benchmark)
			continue;
		const struct benchmark_item_state *s = benchmark_checklist_state(c, items[i].id);
		const char *status = s->status == BENCHMARK_ITEM_MET ? "met"
				   : s->status == BENCHMARK_ITEM_IN_PROGRESS ? "in progress" : "not met";
		html_fmt(out, "<tr><th scope=\"row\">%s</th><td>%s</td><td>", items[i].id,
			 items[i].description);
		status_badge(out, s->status == BENCHMARK_ITEM_MET ? "met" : status);
		html_fmt(out, "</td><td>%s</td><td>", s->evidence ? s->evidence : "none recorded");
		if (s->review_date != DATE_NONE) {
			char iso[DATE_ISO_LEN];
			html_fmt(out, "%s%s", date_format_iso(s->review_date, iso),
				 benchmark_item_review_due(s, as_of) ? " (passed)" : "");
		} else {
			html_raw(out, "none");
		}
		html_raw(out, "</td></tr>\n");
	}
	html_raw(out, "</tbody></table></div>\n");
}

/* A criterion's rows: a chart by year group and the table. */
static void benchmark_criterion(struct web_request *req, const struct mon_data *d,
				const struct report_filter *f, const struct benchmark_report *r,
				enum benchmark_criterion c, struct buf *out)
{
	const struct benchmark_criterion_info *info = benchmark_criterion_info(c);
	bool pupils = c != CRITERION_CURRICULUM_SUBJECTS;
	struct svg_bar bars[YEAR_GROUP_LAST + 1];
	char labels[YEAR_GROUP_LAST + 1][16], texts[YEAR_GROUP_LAST + 1][16];
	const struct benchmark_row *rows[YEAR_GROUP_LAST + 1];
	size_t n = 0;
	for (size_t i = 0; i < r->count && n <= YEAR_GROUP_LAST; i++) {
		if (r->rows[i].criterion != c)
			continue;
		const struct benchmark_row *row = &r->rows[i];
		rows[n] = row;
		snprintf(labels[n], sizeof labels[n], "Year %d", row->year_group);
		percent_bar(req, row->met, row->eligible, pupils, labels[n], &bars[n], texts[n]);
		bars[n].has_floor = true;
		bars[n].floor = f->mode == BENCHMARK_STRICT ? 100 : d->programme.bands[row->year_group].floor;
		n++;
	}
	if (!n)
		return;
	char id[40], title[200];
	text_copy(id, sizeof id, info->id);
	snprintf(title, sizeof title, "%s: %s", info->id, info->title);
	html_fmt(out, "<h3 id=\"%s-h\">%s</h3>\n", id, title);
	struct svg_bar_chart chart = {
		id, title,
		pupils ? "One bar per year group, its length the percent of pupils on roll who meet the "
			 "criterion, with the value written beside it; the dashed line (or the mark on "
			 "each bar) is what the year group needs to achieve it. The table below gives "
			 "the same figures."
		       : "One bar per year group, its length the percent of the programme's subjects "
			 "with a careers link this year, with the value written beside it; the dashed "
			 "line (or the mark on each bar) is what the year group needs to achieve it. The "
			 "table below gives the same figures.",
		pupils ? "Percent of pupils" : "Percent of subjects", "%", 0, 100, 25,
		f->mode == BENCHMARK_STRICT ? "needed" : "floor", 0, bars, n };
	chart_figure(out, &chart, false);
	html_fmt(out, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"%s, by year group\">"
		      "<table>\n<caption>%s, by year group</caption>\n"
		      "<thead><tr><th scope=\"col\">Year group</th>"
		      "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
		      "<th scope=\"col\" class=\"num\">Percent</th><th scope=\"col\">Status</th>"
		      "</tr></thead>\n<tbody>\n",
		 info->id, info->id, pupils ? "Pupils" : "Subjects", pupils ? "Meeting it" : "With a link");
	for (size_t i = 0; i < n; i++) {
		const struct benchmark_row *row = rows[i];
		html_fmt(out, "<tr><th scope=\"row\">Year %d</th><td class=\"num\">", row->year_group);
		if (pupils)
			view_count(req, out, row->eligible);
		else
			html_fmt(out, "%d", row->eligible);
		html_raw(out, "</td><td class=\"num\">");
		if (pupils)
			view_met_count(req, out, row->met, row->eligible);
		else
			html_fmt(out, "%d", row->met);
		html_fmt(out, "</td><td class=\"num\">%s</td><td>", texts[i]);
		const char *status = criterion_status(req, &d->programme, row, f->mode, pupils);
		if (status)
			status_badge(out, status);
		else
			html_raw(out, "c");
		html_raw(out, "</td></tr>\n");
	}
	html_raw(out, "</tbody></table></div>\n");
}

/* "Keep these figures": a snapshot later reports compare with. */
static void snapshot_form(const struct web_request *req, const struct benchmark_report *r,
			  struct buf *out)
{
	char year[8], iso[DATE_ISO_LEN];
	html_raw(out, "<form class=\"inline\" method=\"post\" action=\"/reports/benchmarks/snapshot\">");
	form_csrf(req, out);
	html_fmt(out, "<input type=\"hidden\" name=\"year\" value=\"%s\">"
		      "<input type=\"hidden\" name=\"as_of\" value=\"%s\">"
		      "<label for=\"snapshot-label\">Keep these figures as<span class=\"hint\">A "
		      "label such as \"Autumn review 2025\": later reports show the change since"
		      "</span></label><input id=\"snapshot-label\" name=\"label\" type=\"text\" "
		      "maxlength=\"60\" required> <button type=\"submit\" class=\"secondary\">Keep a "
		      "snapshot</button></form>\n",
		 academic_year_format(r->start_year, year), date_format_iso(r->as_of, iso));
}

static const struct done_message benchmarks_done[] = {
	{ "snapshot", "The snapshot was kept: later reports compare with it." },
	{ NULL, NULL },
};

void page_report_benchmarks_snapshot_post(struct web_request *req, struct web_response *resp)
{
	const struct mon_data *d = view_load(req, resp);
	if (!d)
		return;
	struct report_filter f;
	const char *problem;
	if (!filter_parse(req, d, REPORT_BENCHMARKS, &f, &problem) || f.year_group) {
		web_error(req, resp, 400, problem ? problem : "A snapshot is of the whole school.");
		return;
	}
	struct benchmark_checklist checklist = BENCHMARK_CHECKLIST_INIT;
	if (benchmark_item_store_load(req->db, req->app->school_id, &checklist) != 0) {
		benchmark_checklist_free(&checklist);
		web_error(req, resp, 500, "The Benchmark 1 and 3 checklist could not be read. Try again.");
		return;
	}
	struct benchmark_query q = { f.start_year, f.as_of, 0, false };
	struct benchmark_report r;
	benchmark_compute(d, &q, &r);
	struct principal who = web_principal(req);
	struct action_ctx ctx = web_action_ctx(req, &who);
	struct action_result res;
	action_result_init(&res);
	enum action_status status = benchmark_snapshot_keep(&ctx, web_field(req, "label"),
							    &d->programme, &r, &checklist, &res);
	if (status == ACTION_OK) {
		char location[128], year[8], iso[DATE_ISO_LEN];
		snprintf(location, sizeof location, "/reports/benchmarks?year=%s&as_of=%s&done=snapshot",
			 academic_year_format(f.start_year, year), date_format_iso(f.as_of, iso));
		web_redirect(resp, location);
	} else {
		web_error(req, resp, status == ACTION_INVALID ? 400 : status == ACTION_FORBIDDEN ? 403 : 500,
			  res.problems[0].message);
	}
	action_result_free(&res);
	benchmark_report_free(&r);
	benchmark_checklist_free(&checklist);
}

void page_report_benchmarks(struct web_request *req, struct web_response *resp)
{
	struct report_filter f;
	const struct mon_data *d = report_page_begin(req, resp, "Gatsby Benchmarks", REPORT_BENCHMARKS, &f);
	if (!d)
		return;
	struct buf *out = &resp->body;
	struct benchmark_query q = { f.start_year, f.as_of, f.year_group ? 1u << f.year_group : 0, false };
	struct benchmark_report r;
	benchmark_compute(d, &q, &r);
	struct benchmark_checklist checklist = BENCHMARK_CHECKLIST_INIT;
	if (benchmark_item_store_load(req->db, req->app->school_id, &checklist) != 0)
		page_notice(out, "error", "The Benchmark 1 and 3 checklist could not be read: it shows as not met.");
	struct benchmark_score scores[BENCHMARK_COUNT];
	benchmark_summarise(&d->programme, &r, &checklist, f.mode, scores);
	/* A year group's figures are not comparable with the whole school's. */
	struct benchmark_snapshot last;
	int have_last = f.year_group ? 0
		      : benchmark_snapshot_latest(req->db, req->app->school_id,
						  benchmark_mode_name(f.mode), f.as_of, &last);

	page_done_notice(req, out, benchmarks_done);
	char year[8], iso[DATE_ISO_LEN];
	html_fmt(out, "<p class=\"lead\">%s, up to %s, computed from the registers and guidance "
		      "meetings. %s</p>\n",
		 academic_year_format(r.start_year, year), date_format_iso(r.as_of, iso),
		 f.mode == BENCHMARK_BANDED
			 ? "Banded: a year group achieves a criterion at its entitlement floor or above."
			 : "Strict: a year group achieves a criterion only when every pupil meets it.");
	suppression_note(req, out);
	csv_links(req, d, REPORT_BENCHMARKS, &f, out);
	benchmark_scores(req, scores, have_last == 1 ? &last : NULL, out);
	if (!f.year_group && careers_role(req))
		snapshot_form(req, &r, out);

	for (int b = 1; b <= BENCHMARK_COUNT; b++) {
		html_fmt(out, "<section class=\"report-section\" aria-labelledby=\"bm%d\">\n"
			      "<h2 id=\"bm%d\">Benchmark %d: %s</h2>\n",
			 b, b, b, benchmark_title(b));
		if (b == 1 || b == 3) {
			benchmark_checklist_table(&checklist, b, r.as_of, out);
			if (req->user->role == ROLE_LEADER || req->user->role == ROLE_ADMIN)
				html_fmt(out, "<p><a href=\"/benchmarks/checklist#h-%d.1\">Record the "
					      "Benchmark %d checklist</a></p>\n", b, b);
		}
		for (int c = 0; c < CRITERION_COUNT; c++)
			if (benchmark_criterion_info((enum benchmark_criterion)c)->benchmark == b)
				benchmark_criterion(req, d, &f, &r, (enum benchmark_criterion)c, out);
		html_raw(out, "</section>\n");
	}
	benchmark_checklist_free(&checklist);
	benchmark_report_free(&r);
	page_end(req, resp);
}

/* The figures as `waymark report benchmarks --format csv` writes them. */
void page_report_benchmarks_csv(struct web_request *req, struct web_response *resp)
{
	const struct mon_data *d = NULL;
	struct report_filter f;
	if (!csv_begin(req, resp, REPORT_BENCHMARKS, &d, &f))
		return;
	struct benchmark_checklist checklist = BENCHMARK_CHECKLIST_INIT;
	if (benchmark_item_store_load(req->db, req->app->school_id, &checklist) != 0) {
		benchmark_checklist_free(&checklist);
		web_error(req, resp, 500, "The Benchmark 1 and 3 checklist could not be read. Try again.");
		return;
	}
	struct benchmark_query q = { f.start_year, f.as_of, f.year_group ? 1u << f.year_group : 0, false };
	struct benchmark_report r;
	benchmark_compute(d, &q, &r);
	struct benchmark_score scores[BENCHMARK_COUNT];
	benchmark_summarise(&d->programme, &r, &checklist, f.mode, scores);
	struct benchmark_render how = { .mode = f.mode, .checklist = &checklist, .scores = scores,
					.previous_as_of = DATE_NONE };
	struct buf csv = BUF_INIT;
	benchmark_render_csv(d, &r, &how, &csv);
	send_csv(resp, "benchmarks", r.start_year, &csv);
	buf_free(&csv);
	benchmark_report_free(&r);
	benchmark_checklist_free(&checklist);
}

/* ---- Provider Access ---- */

void page_report_provider_access(struct web_request *req, struct web_response *resp)
{
	struct report_filter f;
	const struct mon_data *d = report_page_begin(req, resp, "Provider Access", REPORT_PROVIDER_ACCESS, &f);
	if (!d)
		return;
	struct buf *out = &resp->body;
	struct provider_access_query q = { f.start_year, f.as_of, f.year_group ? 1u << f.year_group : 0,
					   false };
	struct provider_access_report r;
	provider_access_compute(d, &q, &r);
	char year[8], iso[DATE_ISO_LEN];
	html_fmt(out, "<p class=\"lead\">%s, up to %s. The law asks for two encounters with providers "
		      "of technical education or apprenticeships in each phase: Years 8-9 and 10-11 "
		      "for every pupil, Years 12-13 offered to every pupil. Encounters in the second "
		      "year of a phase count from September to February.</p>\n",
		 academic_year_format(r.start_year, year), date_format_iso(r.as_of, iso));
	suppression_note(req, out);
	csv_links(req, d, REPORT_PROVIDER_ACCESS, &f, out);

	struct svg_bar bars[PROVIDER_ACCESS_LAST_YEAR_GROUP - PROVIDER_ACCESS_FIRST_YEAR_GROUP + 1];
	char labels[sizeof bars / sizeof *bars][16], texts[sizeof bars / sizeof *bars][16];
	for (size_t i = 0; i < r.count; i++) {
		const struct provider_access_row *row = &r.rows[i];
		snprintf(labels[i], sizeof labels[i], "Year %d", row->year_group);
		percent_bar(req, row->met, row->eligible, true, labels[i], &bars[i], texts[i]);
		bars[i].has_floor = true;
		bars[i].floor = d->programme.bands[row->year_group].floor;
	}
	struct svg_bar_chart chart = {
		"pa", "Provider Access: percent of pupils with two encounters, by year group",
		"One bar per year group, its length the percent of pupils on roll who have had the "
		"two encounters their phase needs, with the value written beside it; the dashed line "
		"is the entitlement floor. The table below gives the same figures.",
		"Percent of pupils", "%", 0, 100, 25, "floor", 0, bars, r.count };
	chart_figure(out, &chart, true);

	html_raw(out, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Two encounters by "
		      "year group\"><table>\n<caption>Two encounters by year group"
		      "</caption>\n<thead><tr><th scope=\"col\">Year group</th>"
		      "<th scope=\"col\" class=\"num\">Phase</th><th scope=\"col\" class=\"num\">On roll</th>"
		      "<th scope=\"col\" class=\"num\">Two or more</th>"
		      "<th scope=\"col\" class=\"num\">Percent</th>"
		      "<th scope=\"col\" class=\"num\">Encounters offered</th>"
		      "<th scope=\"col\" class=\"num\">Attendances at them</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < r.count; i++) {
		const struct provider_access_row *row = &r.rows[i];
		html_fmt(out, "<tr><th scope=\"row\">Year %d</th><td class=\"num\">%d</td><td class=\"num\">",
			 row->year_group, row->phase);
		view_count(req, out, row->eligible);
		html_raw(out, "</td><td class=\"num\">");
		view_met_count(req, out, row->met, row->eligible);
		html_fmt(out, "</td><td class=\"num\">%s</td>", texts[i]);
		if (row->phase == 3) {
			html_fmt(out, "<td class=\"num\">%d</td><td class=\"num\">", row->offered);
			view_count(req, out, row->attended);
			html_raw(out, "</td>");
		} else {
			html_raw(out, "<td class=\"num\">-</td><td class=\"num\">-</td>");
		}
		html_raw(out, "</tr>\n");
	}
	html_raw(out, "</tbody></table></div>\n");

	for (size_t i = 0; i < r.weekday_year_count; i++)
		html_fmt(out, "<p class=\"note\">%s has Provider Access events but no calendar: Monday to "
			      "Friday were taken as school days.</p>\n",
			 academic_year_format(r.weekday_years[i], year));
	html_raw(out, "<h2 id=\"not-counting\">Events that will not count</h2>\n");
	if (!r.warnings.count) {
		html_raw(out, "<p>Every Provider Access event of the year counts.</p>\n");
	} else {
		html_raw(out, "<ul class=\"warnings\">\n");
		for (size_t i = 0; i < r.warnings.count; i++) {
			struct buf line = BUF_INIT;
			provider_access_describe_warning(d, &r.warnings.items[i], &line);
			html_fmt(out, "<li>%s</li>\n", buf_str(&line));
			buf_free(&line);
		}
		html_raw(out, "</ul>\n");
	}
	provider_access_report_free(&r);
	page_end(req, resp);
}

/* The figures as `waymark report provider-access --format csv` writes them. */
void page_report_provider_access_csv(struct web_request *req, struct web_response *resp)
{
	const struct mon_data *d = NULL;
	struct report_filter f;
	if (!csv_begin(req, resp, REPORT_PROVIDER_ACCESS, &d, &f))
		return;
	struct provider_access_query q = { f.start_year, f.as_of, f.year_group ? 1u << f.year_group : 0,
					   false };
	struct provider_access_report r;
	provider_access_compute(d, &q, &r);
	struct buf csv = BUF_INIT;
	provider_access_render_csv(d, &r, false, &csv);
	send_csv(resp, "provider-access", r.start_year, &csv);
	buf_free(&csv);
	provider_access_report_free(&r);
}

/* ---- The index ---- */

void page_reports(struct web_request *req, struct web_response *resp)
{
	page_begin(req, resp, "Reports", "reports");
	struct buf *out = &resp->body;
	html_raw(out, "<p class=\"lead\">Figures computed from the registers, up to today unless you "
		      "choose another date. Each report prints cleanly.</p>\n");
	suppression_note(req, out);
	static const struct {
		enum report_kind kind;
		const char *title, *about;
	} reports[] = {
		{ REPORT_ENTITLEMENT, "Entitlement",
		  "Who has received each activity of the programme, year group by year group, against "
		  "the entitlement floor; compare a group such as Pupil Premium with the rest." },
		{ REPORT_BENCHMARKS, "Gatsby Benchmarks",
		  "The eight benchmarks scored from the registers and guidance meetings, each "
		  "criterion by year group, and the Benchmark 1 and 3 checklist." },
		{ REPORT_PROVIDER_ACCESS, "Provider Access",
		  "The encounters with technical education and apprenticeship providers the law "
		  "requires, by year group, and the events that will not count." },
	};
	html_raw(out, "<div class=\"grid\">\n");
	for (size_t i = 0; i < sizeof reports / sizeof *reports; i++) {
		html_fmt(out, "<section class=\"card\" aria-labelledby=\"r%zu\"><h2 id=\"r%zu\">"
			      "<a href=\"%s\">%s</a></h2><p>%s</p>",
			 i, i, report_paths[reports[i].kind], reports[i].title, reports[i].about);
		if (careers_role(req))
			html_fmt(out, "<p><a href=\"%s.csv\" download>Download as CSV</a></p>",
				 report_paths[reports[i].kind]);
		html_raw(out, "</section>\n");
	}
	html_raw(out, "</div>\n");
	page_end(req, resp);
}
