/* The dashboard: where the year stands, at a glance. */
#include <stdlib.h>
#include <string.h>

#include "domain/benchmarks.h"
#include "domain/entitlement.h"
#include "domain/event_timing.h"
#include "domain/provider_access.h"
#include "store/benchmark_store.h"
#include "store/snapshot_store.h"
#include "util/html.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/view.h"

static void where_we_are(struct web_request *req, const struct mon_data *d, struct buf *out)
{
	char year[8], iso[DATE_ISO_LEN];
	int start = academic_year_of(req->today);
	const struct school_calendar *cal = mon_calendar(d, start);
	html_fmt(out, "<p>%s, ", academic_year_format(start, year));
	const struct term *t = cal ? calendar_term_of(cal, req->today) : NULL;
	if (t) {
		char week = calendar_week_of(cal, req->today);
		html_fmt(out, "term %d (%s)", t->ordinal, t->label);
		if (week)
			html_fmt(out, ", week %c", week);
	} else if (cal) {
		html_raw(out, "a holiday");
	} else {
		html_raw(out, "no calendar yet");
	}
	html_fmt(out, ". Figures up to %s.</p>\n", date_format_iso(req->today, iso));
}

static void summary_cards(struct web_request *req, const struct mon_data *d,
			  const struct entitlement_report *ent, struct buf *out)
{
	int met = 0, below = 0, not_held = 0, not_taken = 0;
	for (size_t i = 0; i < ent->count; i++) {
		met += ent->rows[i].status == ENTITLEMENT_MET;
		below += ent->rows[i].status == ENTITLEMENT_BELOW;
		not_held += ent->rows[i].status == ENTITLEMENT_NOT_HELD;
		not_taken += ent->rows[i].status == ENTITLEMENT_NOT_TAKEN;
	}
	html_raw(out, "<div class=\"grid\">\n<section class=\"card\" aria-labelledby=\"c-ent\">"
		      "<h2 id=\"c-ent\">Entitlement</h2>");
	html_fmt(out, "<p class=\"big\">%d below</p><p>%d met, %d not held yet, of %zu "
		      "activity and year group pairs.</p>",
		 below, met, not_held, ent->count);
	if (not_taken)
		html_fmt(out, "<p>%d with no register taken: they count as neither held nor "
			      "missed.</p>", not_taken);
	if (web_may_open(req, "/reports/entitlement"))
		html_raw(out, "<p><a href=\"/reports/entitlement\">Who missed out</a></p>");
	html_raw(out, "</section>\n");

	/* Benchmarks, banded, against the last snapshot. */
	struct benchmark_query bq = { ent->start_year, ent->as_of, 0, false };
	struct benchmark_report br;
	benchmark_compute(d, &bq, &br);
	struct benchmark_checklist checklist = BENCHMARK_CHECKLIST_INIT;
	benchmark_item_store_load(req->db, req->app->school_id, &checklist);
	struct benchmark_score scores[BENCHMARK_COUNT];
	benchmark_summarise(&d->programme, &br, &checklist, BENCHMARK_BANDED, scores);
	struct benchmark_snapshot last;
	int have_last = benchmark_snapshot_latest(req->db, req->app->school_id, "banded",
						  ent->as_of + 1, &last);
	html_raw(out, "<section class=\"card\" aria-labelledby=\"c-bm\"><h2 id=\"c-bm\">Gatsby Benchmarks</h2>"
		      "<table><thead><tr><th scope=\"col\">Benchmark</th><th scope=\"col\" class=\"num\">Now</th>");
	if (have_last == 1)
		html_fmt(out, "<th scope=\"col\" class=\"num\">%s</th>", last.label);
	html_raw(out, "</tr></thead><tbody>");
	for (int b = 0; b < BENCHMARK_COUNT; b++) {
		int pct = benchmark_score_percent(&scores[b]);
		html_fmt(out, "<tr><th scope=\"row\">%d %s</th><td class=\"num\">", b + 1,
			 benchmark_title(b + 1));
		if (pct < 0)
			html_raw(out, "-");
		else
			html_fmt(out, "%d%%", pct);
		html_raw(out, "</td>");
		if (have_last == 1) {
			const struct benchmark_value *v = &last.values[b];
			if (v->scored)
				html_fmt(out, "<td class=\"num\">%d%%</td>", v->achieved * 100 / v->scored);
			else
				html_raw(out, "<td class=\"num\">-</td>");
		}
		html_raw(out, "</tr>");
	}
	html_raw(out, "</tbody></table>");
	if (web_may_open(req, "/reports/benchmarks"))
		html_raw(out, "<p><a href=\"/reports/benchmarks\">The criteria</a></p>");
	html_raw(out, "</section>\n");
	benchmark_checklist_free(&checklist);
	benchmark_report_free(&br);

	/* Provider Access at the end of each phase. */
	struct provider_access_query pq = { ent->start_year, ent->as_of, 0, false };
	struct provider_access_report pr;
	provider_access_compute(d, &pq, &pr);
	html_raw(out, "<section class=\"card\" aria-labelledby=\"c-pa\"><h2 id=\"c-pa\">Provider Access</h2>"
		      "<table><thead><tr><th scope=\"col\">Year</th><th scope=\"col\" class=\"num\">"
		      "Two encounters</th></tr></thead><tbody>");
	for (size_t i = 0; i < pr.count; i++) {
		html_fmt(out, "<tr><th scope=\"row\">Year %d</th><td class=\"num\">", pr.rows[i].year_group);
		view_percent(req, out, pr.rows[i].met, pr.rows[i].eligible);
		html_raw(out, "</td></tr>");
	}
	html_fmt(out, "</tbody></table><p>%zu event%s will not count.</p></section>\n",
		 pr.warnings.count, pr.warnings.count == 1 ? "" : "s");
	provider_access_report_free(&pr);
	html_raw(out, "</div>\n");
}

static void heat_map(struct web_request *req, const struct mon_data *d,
		     const struct entitlement_report *ent, struct buf *out)
{
	html_raw(out, "<h2 id=\"heat\">Entitlement by activity and year group</h2>\n"
		      "<p>Each cell: met or below the year group's floor, with the share of pupils "
		      "who have received it so far; \"not held\" until a session has run.</p>\n"
		      "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"heat\">"
		      "<table class=\"heat\" aria-labelledby=\"heat\">"
		      "<thead><tr><th scope=\"col\">Activity</th>");
	for (int y = YEAR_GROUP_FIRST; y <= YEAR_GROUP_LAST; y++)
		html_fmt(out, "<th scope=\"col\">Y%d</th>", y);
	html_raw(out, "</tr></thead><tbody>\n");
	for (size_t a = 0; a < d->programme.activity_count; a++) {
		const struct activity *act = &d->programme.activities[a];
		if (act->retired || act->cohort == COHORT_INVITED)
			continue;
		html_fmt(out, "<tr><th scope=\"row\">%s</th>", act->name);
		for (int y = YEAR_GROUP_FIRST; y <= YEAR_GROUP_LAST; y++) {
			const struct entitlement_row *row = NULL;
			for (size_t i = 0; i < ent->count && !row; i++)
				if (ent->rows[i].activity == a && ent->rows[i].year_group == y)
					row = &ent->rows[i];
			if (!row) {
				html_raw(out, "<td></td>");
				continue;
			}
			switch (row->status) {
			case ENTITLEMENT_MET:
			case ENTITLEMENT_BELOW:
				html_fmt(out, "<td class=\"%s\">%s ",
					 row->status == ENTITLEMENT_MET ? "met" : "below",
					 row->status == ENTITLEMENT_MET ? "met" : "below");
				view_percent(req, out, row->received, row->eligible);
				html_raw(out, "</td>");
				break;
			case ENTITLEMENT_NOT_HELD:
				html_raw(out, "<td class=\"none\">not held</td>");
				break;
			case ENTITLEMENT_NOT_TAKEN:
				html_raw(out, "<td class=\"none\">register not taken</td>");
				break;
			default:
				html_raw(out, "<td class=\"none\">no pupils</td>");
				break;
			}
		}
		html_raw(out, "</tr>\n");
	}
	html_raw(out, "</tbody></table></div>\n");
}

/* The pupils of a tutor's groups on an event's register: how many, and how
 * many of them are not marked. */
static void tutor_share(struct web_request *req, const struct mon_data *d, uint32_t event,
			int *mine, int *unmarked)
{
	*mine = *unmarked = 0;
	for (size_t p = 0; p < d->pupil_count; p++) {
		if (!mon_on_register(d, event, (uint32_t)p) ||
		    !view_covers_student(req, d->pupils[p].id))
			continue;
		(*mine)++;
		*unmarked += mon_mark_of(d, event, (uint32_t)p) == NULL;
	}
}

/* Registers to take or finish, each one tap away: for the leader and
 * staff who see the whole school, every register up to today that is due,
 * not taken or incomplete; for a tutor, today's registers that hold their
 * groups' pupils and the overdue ones that leave any of them unmarked. */
static void registers_to_take(struct web_request *req, const struct mon_data *d, struct buf *out)
{
	if (req->user->role == ROLE_GOVERNOR)
		return;
	bool tutor = req->user->role == ROLE_TUTOR;
	struct mon_register_entry *open;
	size_t n = mon_registers_needing_attention(d, academic_year_of(req->today), req->today, 0,
						   &open);
	html_raw(out, tutor ? "<h2 id=\"registers\">My registers today and overdue</h2>\n"
			    : "<h2 id=\"registers\">Registers to take or finish</h2>\n");
	int shown = 0;
	/* A tutor's complete registers of today are listed too: "today". */
	for (size_t i = 0; i < d->event_count && d->events[i].date <= req->today; i++) {
		const struct mon_event *e = &d->events[i];
		struct mon_register r;
		bool listed = false;
		for (size_t k = 0; k < n && !listed; k++)
			listed = open[k].event == i;
		if (!listed && !(tutor && e->date == req->today))
			continue;
		mon_register_of(d, (uint32_t)i, req->today, &r);
		int mine = 0, unmarked = 0;
		if (tutor) {
			tutor_share(req, d, (uint32_t)i, &mine, &unmarked);
			if (!mine || (e->date < req->today && !unmarked))
				continue;
		}
		if (!shown++)
			html_raw(out, "<ul class=\"registers\">\n");
		html_fmt(out, "<li><a href=\"/events/%lld/register\">%s</a>, ", e->id,
			 d->programme.activities[e->activity].name);
		view_date(out, e->date);
		html_raw(out, ": ");
		if (r.state == REGISTER_INCOMPLETE)
			html_fmt(out, "incomplete (%d of %d marked)", r.marked, r.expected);
		else if (r.state == REGISTER_NOT_TAKEN)
			html_raw(out, "register not taken");
		else if (r.state == REGISTER_DUE)
			html_raw(out, "due today");
		else
			html_raw(out, "complete");
		if (tutor && unmarked)
			html_fmt(out, "; %d of your %d pupils not marked", unmarked, mine);
		html_raw(out, "</li>\n");
	}
	free(open);
	if (shown)
		html_raw(out, "</ul>\n<p>An event with no register counts as neither held nor missed, "
			      "and an unmarked pupil is not counted absent.</p>\n");
	else
		html_raw(out, tutor ? "<p>None of your registers are due or overdue.</p>\n"
				    : "<p>Every register up to today is complete.</p>\n");
}

static void coming_up(struct web_request *req, const struct mon_data *d, struct buf *out)
{
	html_raw(out, "<h2>Coming up</h2>\n");
	int shown = 0;
	char iso[DATE_ISO_LEN];
	for (size_t i = 0; i < d->event_count && shown < 8; i++) {
		const struct mon_event *e = &d->events[i];
		if (e->date < req->today)
			continue;
		if (!shown)
			html_raw(out, "<table><thead><tr><th scope=\"col\">Date</th><th scope=\"col\">"
				      "Activity</th><th scope=\"col\">Year</th></tr></thead><tbody>");
		const struct activity *a = &d->programme.activities[e->activity];
		html_fmt(out, "<tr><td>%s</td><td>%s</td><td>", date_format_iso(e->date, iso), a->name);
		if (e->year_group)
			html_fmt(out, "%d", e->year_group);
		else
			for (int y = YEAR_GROUP_FIRST, first = 1; y <= YEAR_GROUP_LAST; y++)
				if ((a->year_groups >> y) & 1) {
					html_fmt(out, "%s%d", first ? "" : ", ", y);
					first = 0;
				}
		html_raw(out, "</td></tr>");
		shown++;
	}
	if (shown)
		html_raw(out, "</tbody></table>\n");
	else
		html_raw(out, "<p>Nothing scheduled yet.</p>\n");
}

static void timing_warnings(struct web_request *req, const struct mon_data *d, struct buf *out)
{
	if (req->user->role == ROLE_GOVERNOR)
		return;
	struct event_timing_result t;
	html_raw(out, "<h2>Timing</h2>\n");
	if (!event_timing_check(d, academic_year_of(req->today), &t)) {
		html_raw(out, "<p>No calendar for this year: timing cannot be checked.</p>\n");
		event_timing_result_free(&t);
		return;
	}
	if (!t.count) {
		html_fmt(out, "<p>All %zu events of the year meet their timing rules.</p>\n",
			 t.events_checked);
	} else {
		html_fmt(out, "<p>%zu problem%s in %zu event%s:</p><ul>\n", t.count,
			 t.count == 1 ? "" : "s", t.events_with_problems,
			 t.events_with_problems == 1 ? "" : "s");
		for (size_t i = 0; i < t.count && i < 10; i++) {
			const struct mon_event *e = &d->events[t.problems[i].event];
			html_fmt(out, "<li>%s: %s</li>\n", d->programme.activities[e->activity].name,
				 t.problems[i].problem);
		}
		html_raw(out, "</ul>\n");
	}
	event_timing_result_free(&t);
}

void page_dashboard(struct web_request *req, struct web_response *resp)
{
	const struct mon_data *d = NULL;
	if (!(d = view_load(req, resp)))
		return;
	page_begin(req, resp, "Dashboard", "dashboard");
	struct buf *out = &resp->body;
	where_we_are(req, d, out);
	if (d->programme.activity_count == 0) {
		page_notice(out, "info", "This school has no programme yet. Whoever looks after Waymark on the school's server imports "
					 "the programme file; the dashboard fills in from then on.");
	} else {
		struct entitlement_query q = { academic_year_of(req->today), req->today, 0, false };
		struct entitlement_report ent;
		entitlement_compute(d, &q, &ent);
		registers_to_take(req, d, out);
		summary_cards(req, d, &ent, out);
		heat_map(req, d, &ent, out);
		coming_up(req, d, out);
		timing_warnings(req, d, out);
		entitlement_report_free(&ent);
	}
	page_end(req, resp);
}
