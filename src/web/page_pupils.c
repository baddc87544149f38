/* Pupils: finding them and a pupil's careers record. The record shows
 * when guidance meetings happened, what was agreed and when the next one
 * is, but never their notes: those are on the guidance page
 * (page_guidance.c), which the route table closes to tutors and
 * governors. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "domain/entitlement.h"
#include "domain/roster.h"
#include "report/student_record.h"
#include "domain/limits.h"
#include "store/audit_store.h"
#include "store/guidance_store.h"
#include "store/student_store.h"
#include "util/html.h"
#include "util/mem.h"
#include "util/text.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/view.h"

enum {
	SEARCH_RESULTS_MAX = 250,
	ADVISER_MAX_CHARS = LIMIT_NAME,
	NOTES_MAX_CHARS = LIMIT_TEXT,
};

/* ---- Finding pupils ---- */

struct found_pupil {
	const struct roster_existing *x;
	char name[PUPIL_NAME_BYTES];
};

static int compare_found(const void *a, const void *b)
{
	const struct found_pupil *x = a, *y = b;
	const char *gx = x->x->this_year.tutor_group ? x->x->this_year.tutor_group : "";
	const char *gy = y->x->this_year.tutor_group ? y->x->this_year.tutor_group : "";
	int c = x->x->this_year.year_group - y->x->this_year.year_group;
	if (!c)
		c = strcmp(gx, gy);
	if (!c)
		c = strcasecmp(x->x->pupil.legal_surname, y->x->pupil.legal_surname);
	return c ? c : strcasecmp(x->name, y->name);
}

/* Every word of q in one of the pupil's names. q is already folded
 * (text_fold): any case, with or without accents. The names are folded
 * once, together, one to a line: a word has no line break, so it cannot
 * match across two names. */
static bool name_matches(const struct roster_existing *x, const char *display, const char *q)
{
	const char *names[] = { display, x->pupil.legal_surname, x->pupil.legal_forename,
				x->pupil.preferred_surname, x->pupil.preferred_forename };
	struct buf all = BUF_INIT;
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (names[i])
			buf_printf(&all, "%s\n", names[i]);
	char *folded = text_fold(buf_str(&all));
	buf_free(&all);
	char word[128];
	const char *p = q;
	bool any = false;
	while (*p) {
		while (*p && strchr(" \t\r\n", *p))
			p++;
		size_t n = 0;
		while (*p && !strchr(" \t\r\n", *p)) {
			if (n + 1 < sizeof word)
				word[n++] = *p;
			p++;
		}
		word[n] = '\0';
		if (!n)
			break;
		any = true;
		if (!strstr(folded, word)) {
			any = false;
			break;
		}
	}
	free(folded);
	return any;
}

void pupil_link(struct buf *out, const char *upn, const char *suffix)
{
	struct buf href = BUF_INIT;
	buf_puts(&href, "/pupils/");
	url_encode(&href, upn);
	buf_puts(&href, suffix);
	html_text(out, buf_str(&href));
	buf_free(&href);
}

void page_pupils(struct web_request *req, struct web_response *resp)
{
	int start_year = academic_year_of(req->today);
	struct roster_existing_list roster;
	if (student_store_load_existing(req->db, req->app->school_id, start_year, &roster) != 0) {
		roster_existing_list_free(&roster);
		web_error(req, resp, 500, "The pupils could not be read. Try again.");
		return;
	}
	char *q = text_trim(xstrdup(web_field(req, "q") ? web_field(req, "q") : ""));
	if (text_limit_problem(q, LIMIT_SEARCH, true))
		q[0] = '\0';
	bool tutor = req->user->role == ROLE_TUTOR;
	int year_group = 0;
	bool by_year = *q && roster_parse_year_group(q, &year_group);

	page_begin(req, resp, "Pupils", "pupils");
	struct buf *out = &resp->body;
	html_fmt(out, "<form class=\"search\" method=\"get\" action=\"/pupils\" role=\"search\">"
		      "<label for=\"q\">Find a pupil <span class=\"hint\">A name, a UPN, a tutor "
		      "group such as 7A, or a year such as Y8%s.</span></label>"
		      "<div class=\"search-row\"><input id=\"q\" name=\"q\" type=\"search\" "
		      "value=\"%s\" autocomplete=\"off\" spellcheck=\"false\">"
		      "<button type=\"submit\">Search</button></div></form>\n",
		 tutor ? " (your groups only)" : "", q);

	struct found_pupil *found = xcalloc(roster.count + 1, sizeof *found);
	size_t count = 0, total = 0;
	char *folded_q = text_fold(q);
	for (size_t i = 0; i < roster.count; i++) {
		const struct roster_existing *x = &roster.items[i];
		if (!x->enrolled_this_year)
			continue;
		const char *group = x->this_year.tutor_group ? x->this_year.tutor_group : "";
		if (!view_covers_student(req, x->pupil.id))
			continue;
		char name[PUPIL_NAME_BYTES];
		pupil_display_name(&x->pupil, name, sizeof name);
		bool match = !*q ? tutor
			   : by_year ? x->this_year.year_group == year_group
			   : strcasecmp(group, q) == 0 ||
				     (x->pupil.upn && strcasecmp(x->pupil.upn, q) == 0) ||
				     name_matches(x, name, folded_q);
		if (!match)
			continue;
		total++;
		if (count < SEARCH_RESULTS_MAX) {
			found[count].x = x;
			memcpy(found[count].name, name, sizeof name);
			count++;
		}
	}
	qsort(found, count, sizeof *found, compare_found);

	if (!*q && !tutor) {
		html_raw(out, "<p>Search for a pupil to see their careers record.</p>\n");
	} else if (!count) {
		html_raw(out, "<p role=\"status\">No pupils match.");
		if (tutor)
			html_fmt(out, " You see the pupils of your groups: %s.",
				 *req->user->scope ? req->user->scope : "none yet");
		html_raw(out, "</p>\n");
	} else {
		char label[8];
		html_fmt(out, "<h2 id=\"results\">%zu pupil%s</h2>\n", total, total == 1 ? "" : "s");
		if (total > count)
			html_fmt(out, "<p>The first %zu are shown: search for something narrower.</p>\n",
				 count);
		html_fmt(out, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"results\">"
			      "<table aria-labelledby=\"results\"><thead><tr>"
			      "<th scope=\"col\">Name</th><th scope=\"col\">UPN</th>"
			      "<th scope=\"col\">Year</th><th scope=\"col\">Tutor group</th>"
			      "<th scope=\"col\">On roll in %s</th></tr></thead><tbody>\n",
			 academic_year_format(start_year, label));
		for (size_t i = 0; i < count; i++) {
			const struct roster_existing *x = found[i].x;
			html_raw(out, "<tr><th scope=\"row\">");
			if (x->pupil.upn) {
				html_raw(out, "<a href=\"");
				pupil_link(out, x->pupil.upn, "");
				html_fmt(out, "\">%s</a>", found[i].name);
			} else {
				html_fmt(out, "%s <span class=\"meta\">(no UPN: no record page)</span>",
					 found[i].name);
			}
			html_fmt(out, "</th><td>%s</td><td>%d</td><td>%s</td><td>",
				 x->pupil.upn ? x->pupil.upn : "-", x->this_year.year_group,
				 x->this_year.tutor_group ? x->this_year.tutor_group : "-");
			if (x->this_year.on_roll_to == DATE_NONE) {
				html_raw(out, "yes");
			} else {
				html_raw(out, "left ");
				view_date(out, x->this_year.on_roll_to);
			}
			html_raw(out, "</td></tr>\n");
		}
		html_raw(out, "</tbody></table></div>\n");
	}
	page_end(req, resp);
	free(found);
	free(folded_q);
	free(q);
	roster_existing_list_free(&roster);
}

/* ---- One pupil ---- */

static bool may_see_guidance(const struct web_request *req)
{
	return req->user->role == ROLE_ADMIN || req->user->role == ROLE_LEADER ||
	       req->user->role == ROLE_ADVISER;
}

/* The pupil's enrolment this year, else their latest before it. */
static const struct mon_enrolment *latest_enrolment(const struct mon_data *d, uint32_t pupil,
						    int start_year)
{
	const struct mon_pupil *p = &d->pupils[pupil];
	const struct mon_enrolment *best = NULL;
	for (uint32_t k = 0; k < p->enrolment_count; k++) {
		const struct mon_enrolment *e = &d->enrolments[p->first_enrolment + k];
		if (e->start_year <= start_year && (!best || e->start_year > best->start_year))
			best = e;
	}
	return best;
}

uint32_t load_pupil(struct web_request *req, struct web_response *resp,
		    const struct mon_data **d)
{
	*d = view_load(req, resp);
	if (!*d)
		return UINT32_MAX;
	uint32_t pupil = student_record_find(*d, req->captures[0]);
	const struct mon_enrolment *e = pupil == UINT32_MAX ? NULL
		: latest_enrolment(*d, pupil, academic_year_of(req->today));
	if (pupil == UINT32_MAX || !e || !view_covers_student(req, (*d)->pupils[pupil].id)) {
		web_error(req, resp, 404, req->user->role == ROLE_TUTOR
			  ? "There is no pupil with that UPN in your groups."
			  : "There is no pupil with that UPN.");
		return UINT32_MAX;
	}
	return pupil;
}

static const char *mark_word(enum mark_status s)
{
	return s == MARK_PRESENT ? "present" : s == MARK_EXCUSED ? "excused" : "absent";
}

static void pupil_facts(const struct web_request *req, const struct mon_data *d, uint32_t pupil,
			struct buf *out)
{
	const struct mon_pupil *p = &d->pupils[pupil];
	const struct mon_enrolment *e = latest_enrolment(d, pupil, academic_year_of(req->today));
	char label[8];
	html_fmt(out, "<dl class=\"facts\"><dt>UPN</dt><dd>%s</dd>", p->upn ? p->upn : "none");
	if (e) {
		html_fmt(out, "<dt>%s</dt><dd>Year %d, tutor group %s</dd><dt>On roll</dt><dd>from ",
			 academic_year_format(e->start_year, label), e->year_group,
			 *e->tutor_group ? e->tutor_group : "none");
		view_date(out, e->from);
		if (e->to != DATE_OPEN) {
			html_raw(out, " to ");
			view_date(out, e->to);
		}
		html_raw(out, "</dd>");
	}
	html_raw(out, "</dl>\n");
}

static void entitlement_section(const struct web_request *req, const struct mon_data *d,
				uint32_t pupil, struct buf *out)
{
	int start_year = academic_year_of(req->today);
	struct pupil_entitlement *owed = NULL;
	size_t count = entitlement_for_pupil(d, pupil, start_year, req->today, &owed);
	char label[8];
	html_fmt(out, "<h2 id=\"entitlement\">Entitlement in %s</h2>\n",
		 academic_year_format(start_year, label));
	if (!count) {
		html_raw(out, "<p>Nothing is owed this year: not enrolled, or no activities for the "
			      "year group.</p>\n");
		free(owed);
		return;
	}
	html_raw(out, "<table aria-labelledby=\"entitlement\"><thead><tr><th scope=\"col\">"
		      "Activity</th><th scope=\"col\">Status</th><th scope=\"col\" class=\"num\">"
		      "Sessions present</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < count; i++) {
		const struct pupil_entitlement *pe = &owed[i];
		html_fmt(out, "<tr><th scope=\"row\">%s</th><td>",
			 d->programme.activities[pe->activity].name);
		status_badge(out, pupil_entitlement_status(pe));
		/* Sessions that count for nobody, said in words, never hidden. */
		if (pe->not_taken)
			html_fmt(out, "<br><span class=\"meta\">register not taken at %d %s</span>",
				 pe->not_taken, pe->not_taken == 1 ? "session" : "sessions");
		if (pe->unmarked)
			html_fmt(out, "<br><span class=\"meta\">not marked in %d incomplete %s</span>",
				 pe->unmarked, pe->unmarked == 1 ? "register" : "registers");
		if (pe->meetings)
			html_fmt(out, "<br><span class=\"meta\">%d guidance %s recorded</span>",
				 pe->meetings, pe->meetings == 1 ? "meeting" : "meetings");
		if (pe->eligible)
			html_fmt(out, "</td><td class=\"num\">%d (%d needed)</td></tr>\n", pe->present,
				 pe->required);
		else
			html_raw(out, "</td><td class=\"num\">-</td></tr>\n");
	}
	html_raw(out, "</tbody></table>\n");
	free(owed);
}

static void years_section(const struct web_request *req, const struct mon_data *d,
			  uint32_t pupil, struct buf *out)
{
	const struct mon_pupil *p = &d->pupils[pupil];
	int this_year = academic_year_of(req->today);
	const struct mon_mark **marks = xcalloc(p->mark_count + 1, sizeof *marks);
	char label[8];
	html_raw(out, "<h2>Year by year</h2>\n");
	/* Newest year first. */
	for (uint32_t k = p->enrolment_count; k-- > 0;) {
		const struct mon_enrolment *e = &d->enrolments[p->first_enrolment + k];
		if (e->start_year > this_year)
			continue;
		html_fmt(out, "<h3 id=\"y%d\">%s: Year %d, tutor group %s</h3>\n", e->start_year,
			 academic_year_format(e->start_year, label), e->year_group,
			 *e->tutor_group ? e->tutor_group : "none");
		size_t n = student_record_marks(d, pupil, e->start_year, req->today, marks);
		int attended = 0;
		for (size_t i = 0; i < n; i++)
			attended += marks[i]->status == MARK_PRESENT;
		html_fmt(out, "<p>Took part in %d session%s", attended, attended == 1 ? "" : "s");
		if ((size_t)attended < n)
			html_fmt(out, ", missed %zu", n - (size_t)attended);
		html_raw(out, ".</p>\n");
		if (n) {
			html_fmt(out, "<table aria-labelledby=\"y%d\"><thead><tr><th scope=\"col\">Date"
				      "</th><th scope=\"col\">Activity</th><th scope=\"col\">Mark</th>"
				      "</tr></thead><tbody>\n", e->start_year);
			for (size_t i = 0; i < n; i++) {
				const struct mon_event *ev = &d->events[marks[i]->event];
				html_raw(out, "<tr><td>");
				view_date(out, ev->date);
				html_fmt(out, "</td><th scope=\"row\">%s",
					 d->programme.activities[ev->activity].name);
				if (ev->subject)
					html_fmt(out, " <span class=\"meta\">(%s)</span>", ev->subject);
				html_fmt(out, "</th><td>%s</td></tr>\n", mark_word(marks[i]->status));
			}
			html_raw(out, "</tbody></table>\n");
		}
		/* Guidance meetings: when and with whom, never what was said. */
		int meetings = 0;
		for (size_t g = 0; g < d->guidance_count; g++) {
			const struct mon_guidance *m = &d->guidance[g];
			if (m->pupil != pupil || academic_year_of(m->date) != e->start_year ||
			    m->date > req->today)
				continue;
			if (!meetings++)
				html_raw(out, "<p>Personal guidance:</p><ul class=\"meetings\">");
			html_raw(out, "<li>");
			view_date(out, m->date);
			html_fmt(out, ": personal guidance meeting with %s (Level %d)",
				 m->external ? "the careers adviser" : "the careers leader", m->level);
			/* What was agreed and when they meet next, never the notes. */
			if (m->agreed_actions)
				html_fmt(out, "<br><span class=\"meta\">Agreed actions:</span> %s",
					 m->agreed_actions);
			if (m->next_meeting != DATE_NONE) {
				html_raw(out, "<br><span class=\"meta\">Next meeting:</span> ");
				view_date(out, m->next_meeting);
			}
			html_raw(out, "</li>");
		}
		if (meetings)
			html_raw(out, "</ul>\n");
	}
	free(marks);
}

void page_pupil(struct web_request *req, struct web_response *resp)
{
	const struct mon_data *d = NULL;
	uint32_t pupil = load_pupil(req, resp, &d);
	if (pupil == UINT32_MAX)
		return;
	const struct mon_pupil *p = &d->pupils[pupil];
	page_begin(req, resp, p->name, "pupils");
	struct buf *out = &resp->body;
	html_raw(out, "<p class=\"lead\">Careers record</p>\n");
	pupil_facts(req, d, pupil, out);
	if (may_see_guidance(req)) {
		html_raw(out, "<p><a href=\"");
		pupil_link(out, p->upn, "/guidance");
		html_raw(out, "\">Personal guidance meetings and notes</a></p>\n");
	}
	entitlement_section(req, d, pupil, out);
	years_section(req, d, pupil, out);
	page_end(req, resp);
}
