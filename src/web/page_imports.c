/* Imports on the web: a roster from the MIS and attendance registers.
 *
 * An upload is first checked: the import runs as a dry run (a transaction
 * rolled back) and the page shows what it would change and every problem
 * with its line and column. A file with errors changes nothing. A clean
 * file is kept in the database under a random token (store/
 * import_stage_store.h) and the page offers a Confirm button carrying the
 * token; confirming takes the kept bytes back (once: the row is deleted in
 * the import's own transaction) and runs the same import for real, with
 * its import record and audit row, refusing if it would now change
 * something other than what was shown. The browser never sends the file
 * twice, so what is imported is exactly what was checked.
 *
 * The steps are those of `waymark import students | register`
 * (cli/cmd_import.c), over the same functions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action/register_action.h"
#include "action/roster_import.h"
#include "io/register_import.h"
#include "io/roster_csv.h"
#include "store/audit_store.h"
#include "store/event_store.h"
#include "store/import_stage_store.h"
#include "store/programme_store.h"
#include "store/student_store.h"
#include "util/credentials.h"
#include "util/file.h"
#include "util/html.h"
#include "util/text.h"
#include "web/layout.h"
#include "web/pages.h"

/* Every problem is shown, however many (the command line stops at 200). */
enum { PROBLEMS_SHOWN = 1000000, RECENT_IMPORTS = 10 };

/* The name to record for an upload: its last path part, cut to whole
 * UTF-8 characters, or "upload.csv". */
/* ---- The page of forms ---- */

/* The file's text encoding: detected unless named (csv_reader.h). The
 * choice travels with the confirmation as a hidden field; the check's
 * summary says how the file was read, so a confirmation that reads it
 * otherwise no longer matches the check and imports nothing. */
static void encoding_field(struct buf *out, const char *id)
{
	html_fmt(out, "<label for=\"%s\">File encoding<span class=\"hint\">Name it only when "
		      "a check says the file mixes encodings</span></label>\n"
		      "<select id=\"%s\" name=\"encoding\">"
		      "<option value=\"detect\" selected>Detect (recommended)</option>"
		      "<option value=\"utf-8\">UTF-8</option>"
		      "<option value=\"windows-1252\">Windows-1252</option></select>\n",
		 id, id);
}

/* The encoding a form names, or false for one Waymark does not read. */
static bool form_encoding(const struct web_request *req, enum csv_encoding_choice *out)
{
	return csv_encoding_parse(web_field(req, "encoding"), out);
}

static const char *encoding_value(enum csv_encoding_choice e)
{
	return e == CSV_AS_UTF8 ? "utf-8" : e == CSV_AS_WINDOWS_1252 ? "windows-1252"
		: e == CSV_AS_UTF16 ? "utf-16" : "detect";
}

/* The summary's line saying how the file's text was read. */
static void summary_read_as(struct buf *summary, enum csv_encoding e, bool named)
{
	buf_printf(summary, "text read as %s%s\n", csv_encoding_name(e), named ? ", as named" : "");
}

static void roster_form(const struct web_request *req, struct buf *out)
{
	char year[8], iso[DATE_ISO_LEN];
	html_raw(out, "<section class=\"card\" aria-labelledby=\"roster-h\">\n"
		      "<h2 id=\"roster-h\">Roster</h2>\n<p>The pupils on roll, exported from the MIS "
		      "(SIMS, Arbor, Bromcom, iSAMS, Wonde...) as CSV. Columns are found by their "
		      "names. Nothing changes until you have seen what the file would do and "
		      "confirmed it.</p>\n"
		      "<form class=\"stack\" method=\"post\" action=\"/imports/roster\" "
		      "enctype=\"multipart/form-data\">\n");
	form_csrf(req, out);
	html_raw(out, "\n<label for=\"roster-file\">Roster file<span class=\"hint\">A CSV file</span></label>\n"
		      "<input id=\"roster-file\" name=\"file\" type=\"file\" accept=\".csv,text/csv\" required>\n");
	encoding_field(out, "roster-encoding");
	html_fmt(out, "<label for=\"roster-year\">Academic year<span class=\"hint\">Like 2025/26: the year "
		      "the roster is for</span></label>\n"
		      "<input id=\"roster-year\" name=\"year\" type=\"text\" inputmode=\"numeric\" "
		      "pattern=\"[0-9]{4}[/-][0-9]{2,4}\" required value=\"%s\">\n"
		      "<label for=\"roster-as-of\">Date of the export<span class=\"hint\">Pupils a whole-school "
		      "roster no longer lists left the day before</span></label>\n"
		      "<input id=\"roster-as-of\" name=\"as_of\" type=\"date\" required value=\"%s\">\n"
		      "<fieldset><legend>What the file holds<span class=\"hint\">Choose one: nothing is "
		      "chosen for you</span></legend>\n"
		      "<div class=\"choice\"><input id=\"roster-full\" name=\"mode\" type=\"radio\" value=\"full\" required>"
		      "<label for=\"roster-full\">The whole school: pupils not in it have left</label></div>\n"
		      "<div class=\"choice\"><input id=\"roster-partial\" name=\"mode\" type=\"radio\" value=\"partial\">"
		      "<label for=\"roster-partial\">Some pupils only (joiners, changes): add and update, nobody leaves</label></div>\n"
		      "</fieldset>\n<button type=\"submit\">Check the roster</button>\n</form>\n</section>\n",
		 academic_year_format(academic_year_of(req->today), year),
		 date_format_iso(req->today, iso));
}

static void register_form(struct web_request *req, struct buf *out)
{
	html_raw(out, "<section class=\"card\" aria-labelledby=\"register-h\">\n"
		      "<h2 id=\"register-h\">Register</h2>\n<p>Attendance: pupils (UPN, admission "
		      "number, or surname, forename and tutor group) and whether each came. For one "
		      "event, choose it; a file with Activity and Date columns can hold many, and "
		      "creates the events it needs. Each event's marks are replaced by the file's.</p>\n"
		      "<form class=\"stack\" method=\"post\" action=\"/imports/register\" "
		      "enctype=\"multipart/form-data\">\n");
	form_csrf(req, out);
	html_raw(out, "\n<label for=\"register-file\">Register file<span class=\"hint\">A CSV file</span></label>\n"
		      "<input id=\"register-file\" name=\"file\" type=\"file\" accept=\".csv,text/csv\" required>\n");
	encoding_field(out, "register-encoding");
	html_raw(out, "<label for=\"register-event\">Event<span class=\"hint\">Optional: this academic "
		      "year's events up to today, newest first, by month</span></label>\n"
		      "<select id=\"register-event\" name=\"event\">"
		      "<option value=\"\">None: the file has Activity and Date columns</option>");
	/* Only events that can take a register: held by today and not
	 * cancelled. */
	int year = academic_year_of(req->today);
	struct event_info *events = NULL;
	date_t last = academic_year_last_day(year) < req->today ? academic_year_last_day(year)
								 : req->today;
	long n = event_store_list(req->db, req->app->school_id, academic_year_first_day(year), last,
				  &events);
	int group_month = 0;
	for (long i = n - 1; i >= 0; i--) {
		const struct event_info *e = &events[i];
		if (e->cancelled)
			continue;
		int y, m, day;
		date_to_ymd(e->date, &y, &m, &day);
		if (y * 12 + m != group_month) {
			if (group_month)
				html_raw(out, "</optgroup>");
			html_fmt(out, "<optgroup label=\"%s %d\">", month_title(m), y);
			group_month = y * 12 + m;
		}
		char who[16] = "";
		if (e->year_group)
			snprintf(who, sizeof who, ", Year %d", e->year_group);
		html_fmt(out, "<option value=\"%lld\">%s %d: %s%s%s%s%s%s</option>", e->id,
			 weekday_title(date_weekday(e->date)), day, e->activity_name, who,
			 *e->title ? " (" : "", e->title, *e->title ? ")" : "",
			 e->marks ? "" : ", no register yet");
	}
	if (group_month)
		html_raw(out, "</optgroup>");
	free(events);
	html_raw(out, "</select>\n<button type=\"submit\">Check the register</button>\n</form>\n</section>\n");
}

static void recent_imports(struct web_request *req, struct buf *out)
{
	struct import_record_row *rows = NULL;
	long n = import_record_recent(req->db, req->app->school_id, RECENT_IMPORTS, &rows);
	html_raw(out, "<h2 id=\"recent\">Recent imports</h2>\n");
	if (n <= 0) {
		html_raw(out, n < 0 ? "<p>The list of imports could not be read.</p>\n"
				    : "<p>Nothing has been imported yet.</p>\n");
		free(rows);
		return;
	}
	html_raw(out, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"recent\">"
		      "<table>\n<caption>The last imports, newest first"
		      "</caption>\n<thead><tr><th scope=\"col\">When</th><th scope=\"col\">What</th>"
		      "<th scope=\"col\">File</th><th scope=\"col\">By</th>"
		      "<th scope=\"col\">Result</th><th scope=\"col\">Undo</th></tr></thead>\n<tbody>\n");
	for (long i = 0; i < n; i++) {
		const struct import_record_row *r = &rows[i];
		bool roster = strcmp(r->kind, "students") == 0;
		html_fmt(out, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>", r->at,
			 roster ? "roster" : "register", r->file_name, r->actor);
		if (roster)
			html_fmt(out, "%ld new, %ld updated, %ld left, %ld unchanged", r->added, r->updated,
				 r->left, r->unchanged);
		else
			html_fmt(out, "%ld rows, %ld marks", r->rows, r->added);
		html_raw(out, "</td><td>");
		if (roster && r->undone) {
			html_raw(out, "Undone");
		} else if (roster && r->undoable && r->start_year == academic_year_of(req->today)) {
			html_fmt(out, "<form method=\"post\" action=\"/imports/%lld/undo\">", r->id);
			form_csrf(req, out);
			html_fmt(out, "<button type=\"submit\" class=\"secondary\" aria-label=\"Undo import "
				      "%lld, %s\">Undo</button></form>", r->id, r->file_name);
		} else {
			html_raw(out, "-");
		}
		html_raw(out, "</td></tr>\n");
	}
	html_raw(out, "</tbody></table></div>\n");
	free(rows);
}

/* A number from the query string, or -1. */
static long query_count(const struct web_request *req, const char *name)
{
	const char *v = web_field(req, name);
	long n;
	return v && text_to_int(v, 0, 1000000000L, &n) ? n : -1;
}

/* What the last confirmation did, from the redirect's query string:
 * numbers only, so the message cannot be made to say anything else. */
static void import_done_notice(const struct web_request *req, struct buf *out)
{
	const char *what = web_field(req, "imported");
	char text[200];
	long undone = query_count(req, "undone");
	if (undone > 0) {
		snprintf(text, sizeof text, "Import %ld was undone: its pupils are as they were before it.",
			 undone);
		page_notice(out, "success", text);
		return;
	}
	if (!what)
		return;
	if (strcmp(what, "students") == 0) {
		long added = query_count(req, "new"), updated = query_count(req, "updated");
		long left = query_count(req, "left"), unchanged = query_count(req, "unchanged");
		if (added < 0 || updated < 0 || left < 0 || unchanged < 0)
			return;
		snprintf(text, sizeof text, "The roster was imported: %ld new, %ld updated, %ld left, %ld unchanged.",
			 added, updated, left, unchanged);
	} else if (strcmp(what, "register") == 0) {
		long marks = query_count(req, "marks"), events = query_count(req, "events");
		if (marks < 0 || events < 0)
			return;
		snprintf(text, sizeof text, "The register was imported: %ld marks for %ld event%s.", marks,
			 events, events == 1 ? "" : "s");
	} else {
		return;
	}
	page_notice(out, "success", text);
}

static void imports_page(struct web_request *req, struct web_response *resp, const char *error)
{
	page_begin(req, resp, "Imports", "imports");
	struct buf *out = &resp->body;
	if (error)
		page_notice(out, "error", error);
	else
		import_done_notice(req, out);
	html_raw(out, "<div class=\"grid grid-wide\">\n");
	roster_form(req, out);
	register_form(req, out);
	html_raw(out, "</div>\n");
	recent_imports(req, out);
	page_end(req, resp);
}

void page_imports(struct web_request *req, struct web_response *resp)
{
	/* The one write a GET makes: housekeeping, not a change anyone asks
	 * for. Checked files past their hour hold pupils' data for nothing, so
	 * they go as soon as anyone looks, not at the next import. */
	import_stage_expire(req->db, req->now - IMPORT_STAGE_LIFETIME);
	imports_page(req, resp, NULL);
}

static void bad_form(struct web_request *req, struct web_response *resp, const char *message)
{
	resp->status = 400;
	imports_page(req, resp, message);
}

/* ---- Running an import ---- */

/* What an import would do (dry run) or did. */
struct import_outcome {
	bool ok;                     /* no errors */
	struct buf summary;          /* lines shown to the user, kept with the file */
	/* For the record, the audit row and the redirect. */
	long rows, added, updated, left, unchanged, marks, events;
	int start_year;
	struct roster_import_result roster;   /* a roster's pupils and counts */
	bool unconfirmed;                     /* leaving needed the number, and it was wrong */
};

static void outcome_free(struct import_outcome *o)
{
	buf_free(&o->summary);
	roster_import_result_free(&o->roster);
}

/* A roster import (roster_import_run) inside the caller's transaction;
 * with apply, written with its record and audit row when the number of
 * pupils leaving, where it must be typed, is `leaving`. */
static void run_roster(struct web_request *req, const struct import_stage *stage,
		       enum csv_encoding_choice encoding, bool apply, long leaving,
		       struct diag_list *diags, struct import_outcome *o)
{
	struct roster_import_request r = {
		.data = stage->data.data, .len = stage->data.len, .file_name = stage->file_name,
		.sha256 = stage->sha256, .actor = req->user->login, .start_year = stage->start_year,
		.as_of = stage->as_of, .partial = stage->partial, .apply = apply,
		.confirmed_leaving = leaving, .encoding = encoding,
	};
	enum roster_import_status done = roster_import_run(req->db, req->app->school_id, &r, diags,
							   &o->roster);
	o->ok = done == ROSTER_IMPORT_OK;
	o->unconfirmed = done == ROSTER_IMPORT_UNCONFIRMED;
	if (done == ROSTER_IMPORT_OK || done == ROSTER_IMPORT_UNCONFIRMED) {
		buf_puts(&o->summary, buf_str(&o->roster.summary));
		summary_read_as(&o->summary, o->roster.encoding, o->roster.encoding_named);
		o->rows = o->roster.rows;
		o->added = o->roster.added;
		o->updated = o->roster.updated;
		o->left = o->roster.left;
		o->unchanged = o->roster.unchanged;
		o->start_year = stage->start_year;
	}
}

/* A register import (register_import_run), in a transaction of its own:
 * a check that writes nothing, or with apply the import, refused unless
 * it still does what the check said (expected). A problem that stopped
 * it other than the file's is added to diags too. */
static enum action_status run_register(struct web_request *req, const struct import_stage *stage,
				       enum csv_encoding_choice encoding, bool apply,
				       const char *expected, struct diag_list *diags,
				       struct import_outcome *o)
{
	struct principal who = web_principal(req);
	struct action_ctx ctx = web_action_ctx(req, &who);
	struct register_import_request rq = {
		.data = stage->data.data, .len = stage->data.len, .file_name = stage->file_name,
		.sha256 = stage->sha256, .event_id = stage->event_id, .encoding = encoding,
		.apply = apply, .expected = expected,
	};
	struct register_import_result r;
	struct action_result result;
	action_result_init(&result);
	enum action_status done = register_import_run(&ctx, &rq, diags, &r, &result);
	o->ok = done == ACTION_OK;
	if (o->ok) {
		register_import_describe(&r, &o->summary);
		o->rows = r.rows;
		o->marks = r.marks;
		o->events = r.events_touched;
	} else if (done != ACTION_INVALID) {
		for (size_t i = 0; i < result.problem_count; i++)
			diag_error(diags, 0, 0, "%s", result.problems[i].message);
	}
	action_result_free(&result);
	return done;
}

/* Every problem, in the order found, with its line and column. */
static void problem_table(const struct diag_list *diags, struct buf *out)
{
	if (!diags->count)
		return;
	html_fmt(out, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Problems in the file\">"
		      "<table class=\"problems\">\n<caption>%zu error%s and "
		      "%zu warning%s, in the order of the file</caption>\n<thead><tr>"
		      "<th scope=\"col\" class=\"num\">Line</th><th scope=\"col\">Column</th>"
		      "<th scope=\"col\">Kind</th><th scope=\"col\">Problem</th></tr></thead>\n<tbody>\n",
		 diags->errors, diags->errors == 1 ? "" : "s", diags->warnings,
		 diags->warnings == 1 ? "" : "s");
	for (size_t i = 0; i < diags->count; i++) {
		const struct diag *d = &diags->items[i];
		if (d->line > 0)
			html_fmt(out, "<tr><td class=\"num\">%d</td>", d->line);
		else
			html_raw(out, "<tr><td class=\"num\">whole file</td>");
		if (d->field)
			html_fmt(out, "<td>%s</td>", d->field);
		else if (d->column > 0)
			html_fmt(out, "<td>column %d</td>", d->column);
		else
			html_raw(out, "<td>-</td>");
		html_fmt(out, "<td class=\"%s\">%s</td><td>%s</td></tr>\n",
			 d->severity == DIAG_ERROR ? "kind-error" : "kind-warning",
			 d->severity == DIAG_ERROR ? "Error" : "Warning", d->message);
	}
	if (diags->dropped)
		html_fmt(out, "<tr><td colspan=\"4\">... and %zu more problems not shown</td></tr>\n",
			 diags->dropped);
	html_raw(out, "</tbody></table></div>\n");
}

/* The summary lines as a list. */
static void summary_list(const struct buf *summary, struct buf *out)
{
	html_raw(out, "<ul class=\"summary\">\n");
	const char *s = buf_str(summary);
	while (*s) {
		const char *end = strchr(s, '\n');
		size_t len = end ? (size_t)(end - s) : strlen(s);
		struct buf line = BUF_INIT;
		buf_append(&line, s, len);
		html_fmt(out, "<li>%s</li>\n", buf_str(&line));
		buf_free(&line);
		s += len + (end != NULL);
	}
	html_raw(out, "</ul>\n");
}

/* One table of the pupils a roster would add, change or mark as left. */
static void pupil_table(const struct roster_import_result *r, enum roster_change change,
			const char *id, const char *title, struct buf *out)
{
	size_t n = 0;
	for (size_t i = 0; i < r->pupil_count; i++)
		n += r->pupils[i].change == change;
	html_fmt(out, "<h3 id=\"%s\">%s: %zu</h3>\n", id, title, n);
	if (!n)
		return;
	html_fmt(out, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"%s\">"
		      "<table>\n<caption>%s, by name and group</caption>\n<thead><tr>"
		      "<th scope=\"col\">Name</th><th scope=\"col\" class=\"num\">Year</th>"
		      "<th scope=\"col\">Tutor group</th>", id, title);
	if (change == ROSTER_UPDATED)
		html_raw(out, "<th scope=\"col\">What changes</th>");
	html_raw(out, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < r->pupil_count; i++) {
		const struct roster_import_pupil *p = &r->pupils[i];
		if (p->change != change)
			continue;
		html_fmt(out, "<tr><td>%s</td><td class=\"num\">%d</td><td>%s</td>", p->name,
			 p->year_group, p->tutor_group);
		if (change == ROSTER_UPDATED)
			html_fmt(out, "<td>%s</td>", p->changes);
		html_raw(out, "</tr>\n");
	}
	html_raw(out, "</tbody></table></div>\n");
}

/* The page after a check: what the file would do, every problem, and the
 * Confirm button (carrying token) when there are no errors. */
static void check_page(struct web_request *req, struct web_response *resp, const char *title,
		       const char *file_name, const char *sha256, const struct diag_list *diags,
		       const struct import_outcome *o, const char *token,
		       enum csv_encoding_choice encoding)
{
	page_begin(req, resp, title, "imports");
	struct buf *out = &resp->body;
	char short_sha[13] = "";
	memcpy(short_sha, sha256, strlen(sha256) < 12 ? strlen(sha256) : 12);
	html_fmt(out, "<p>File <strong>%s</strong> (SHA-256 <code>%s...</code>).</p>\n", file_name,
		 short_sha);
	if (!o->ok) {
		resp->status = 422;
		char text[200];
		snprintf(text, sizeof text,
			 "%zu error%s: nothing was imported. Correct the file (or the MIS) and upload it again.",
			 diags->errors, diags->errors == 1 ? "" : "s");
		page_notice(out, "error", text);
		problem_table(diags, out);
		html_raw(out, "<p><a class=\"button secondary\" href=\"/imports\">Back to imports</a></p>\n");
		page_end(req, resp);
		return;
	}
	html_raw(out, "<h2>What it would do</h2>\n");
	summary_list(&o->summary, out);
	bool roster = o->roster.summary.data != NULL;
	if (roster) {
		if (o->roster.restored)
			html_fmt(out, "<p>%d pupils marked as left are listed again and will be on roll.</p>\n",
				 o->roster.restored);
		pupil_table(&o->roster, ROSTER_NEW, "pupils-new", "New pupils", out);
		pupil_table(&o->roster, ROSTER_UPDATED, "pupils-changed", "Pupils whose details change", out);
		pupil_table(&o->roster, ROSTER_LEFT, "pupils-leaving", "Pupils who would leave", out);
	}
	if (diags->count) {
		html_raw(out, "<h2>Warnings</h2>\n<p>These do not stop the import.</p>\n");
		problem_table(diags, out);
	}
	page_notice(out, "info", "Nothing has changed yet. Confirm to import exactly this file, as "
				 "checked, within the hour.");
	html_raw(out, "<form method=\"post\" action=\"/imports/confirm\">\n");
	form_csrf(req, out);
	if (roster && o->roster.needs_confirmation) {
		char text[300];
		snprintf(text, sizeof text,
			 "This would mark %d of the %d pupils on roll as left. If the file holds only "
			 "some pupils (joiners or changes), go back and choose \"Some pupils only\".",
			 o->roster.left, o->roster.on_roll);
		page_notice(out, "warning", text);
		html_fmt(out, "<label for=\"leaving\">Type the number of pupils leaving<span class=\"hint\">"
			      "To confirm that %d pupils have left</span></label>\n"
			      "<input id=\"leaving\" name=\"leaving\" type=\"text\" inputmode=\"numeric\" "
			      "autocomplete=\"off\" required>\n",
			 o->roster.left);
	}
	html_fmt(out, "<input type=\"hidden\" name=\"encoding\" value=\"%s\">\n",
		 encoding_value(encoding));
	html_fmt(out, "<input type=\"hidden\" name=\"token\" value=\"%s\">\n"
		      "<button type=\"submit\">Confirm the import</button>\n"
		      "<a class=\"button secondary\" href=\"/imports\">Cancel</a>\n</form>\n",
		 token);
	page_end(req, resp);
}

/* Dry-runs an upload and shows the check page; keeps a clean file for
 * its confirmation. stage holds the options (its data, name and hash are
 * filled here). */
static void check_upload(struct web_request *req, struct web_response *resp,
			 const struct web_upload *upload, struct import_stage *stage,
			 enum csv_encoding_choice encoding)
{
	web_upload_name(upload, "upload.csv", stage->file_name);
	struct buf err = BUF_INIT;
	if (!web_upload_read(upload, &stage->data, &err)) {
		web_error(req, resp, 500, "The file could not be read back after it was sent. Try again.");
		buf_free(&err);
		return;
	}
	buf_free(&err);
	file_sha256_hex(stage->data.data, stage->data.len, stage->sha256);
	stage->user_id = req->user->id;

	struct diag_list diags;
	diag_init(&diags, stage->file_name);
	diags.limit = PROBLEMS_SHOWN;
	struct import_outcome o = { .summary = BUF_INIT };
	bool roster = strcmp(stage->kind, "students") == 0;
	/* A dry run: whatever the import writes is rolled back (a register's
	 * by register_import_run). */
	if (roster) {
		if (db_begin(req->db) != 0) {
			web_error(req, resp, 503, "The database is busy. Try again in a moment.");
			diag_free(&diags);
			return;
		}
		run_roster(req, stage, encoding, false, -1, &diags, &o);
		db_rollback(req->db);
	} else {
		run_register(req, stage, encoding, false, NULL, &diags, &o);
	}

	char token[33] = "";
	if (o.ok) {
		char hash[65];
		token_generate(token);
		token_hash(token, hash);
		snprintf(stage->summary, sizeof stage->summary, "%s", buf_str(&o.summary));
		import_stage_expire(req->db, req->now - IMPORT_STAGE_LIFETIME);
		if (import_stage_add(req->db, req->app->school_id, hash, stage, req->now) != 0) {
			web_error(req, resp, 500, "The file could not be kept for confirming. Try again.");
			outcome_free(&o);
			diag_free(&diags);
			return;
		}
	}
	check_page(req, resp, roster ? "Check the roster" : "Check the register", stage->file_name,
		   stage->sha256, &diags, &o, token, encoding);
	outcome_free(&o);
	diag_free(&diags);
}

/* The uploaded file, or NULL after showing the form again with a message. */
static const struct web_upload *require_upload(struct web_request *req, struct web_response *resp)
{
	const struct web_upload *u = web_upload(req, "file");
	if (!u || !u->size) {
		bad_form(req, resp, "Choose a file to check: none was sent, or it was empty.");
		return NULL;
	}
	return u;
}

void page_imports_roster_post(struct web_request *req, struct web_response *resp)
{
	const struct web_upload *u = require_upload(req, resp);
	if (!u)
		return;
	struct import_stage stage = { .kind = "students", .data = BUF_INIT };
	const char *year = web_field(req, "year"), *as_of = web_field(req, "as_of");
	const char *mode = web_field(req, "mode");
	if (!as_of || !date_parse_iso(as_of, &stage.as_of)) {
		bad_form(req, resp, "The date of the export is not a date: write it as YYYY-MM-DD.");
		return;
	}
	stage.start_year = academic_year_of(stage.as_of);
	if (year && *year && !academic_year_parse(year, &stage.start_year)) {
		bad_form(req, resp, "The academic year is not one: write it like 2025/26.");
		return;
	}
	if (!mode || (strcmp(mode, "full") != 0 && strcmp(mode, "partial") != 0)) {
		bad_form(req, resp, "Say whether the file holds the whole school or some pupils only.");
		return;
	}
	stage.partial = strcmp(mode, "partial") == 0;
	enum csv_encoding_choice encoding;
	if (!form_encoding(req, &encoding)) {
		bad_form(req, resp, "Choose the file's encoding from the list.");
		return;
	}
	check_upload(req, resp, u, &stage, encoding);
	import_stage_free(&stage);
}

void page_imports_register_post(struct web_request *req, struct web_response *resp)
{
	const struct web_upload *u = require_upload(req, resp);
	if (!u)
		return;
	struct import_stage stage = { .kind = "register", .data = BUF_INIT };
	const char *event = web_field(req, "event");
	if (event && *event) {
		long id;
		struct event_info info;
		if (!text_to_int(event, 1, 1000000000000L, &id) ||
		    event_store_get(req->db, req->app->school_id, id, &info) != 1) {
			bad_form(req, resp, "There is no such event: choose one from the list, or none.");
			return;
		}
		stage.event_id = id;
	}
	enum csv_encoding_choice encoding;
	if (!form_encoding(req, &encoding)) {
		bad_form(req, resp, "Choose the file's encoding from the list.");
		return;
	}
	check_upload(req, resp, u, &stage, encoding);
	import_stage_free(&stage);
}

/* Drops a kept file that will not be imported (its check no longer holds). */
static void discard_stage(struct web_request *req, const char *hash)
{
	struct import_stage gone;
	if (db_begin(req->db) != 0)
		return;
	if (import_stage_take(req->db, req->app->school_id, req->user->id, hash, 0, &gone) >= 0)
		db_commit(req->db);
	else
		db_rollback(req->db);
	import_stage_free(&gone);
}

/* Imports a register whose check is confirmed: only if it still does
 * what the check said. */
static void confirm_register(struct web_request *req, struct web_response *resp,
			     const struct import_stage *stage, const char *sha)
{
	struct diag_list diags;
	diag_init(&diags, stage->file_name);
	struct import_outcome o = { .summary = BUF_INIT };
	enum csv_encoding_choice encoding;
	enum action_status done = ACTION_CONFLICT;
	if (strcmp(sha, stage->sha256) == 0 && form_encoding(req, &encoding))
		done = run_register(req, stage, encoding, true, stage->summary, &diags, &o);
	if (done == ACTION_OK) {
		struct buf to = BUF_INIT;
		buf_printf(&to, "/imports?imported=register&marks=%ld&events=%ld", o.marks, o.events);
		web_redirect(resp, buf_str(&to));
		buf_free(&to);
	} else if (done == ACTION_FAILED) {
		web_error(req, resp, 500, "Nothing was imported: the import could not be saved. Try again.");
	} else {
		web_error(req, resp, 409, "Nothing was imported: what the file would change is no longer what was checked (the school's records changed since). Check the file again.");
	}
	outcome_free(&o);
	diag_free(&diags);
}

void page_imports_confirm_post(struct web_request *req, struct web_response *resp)
{
	const char *token = web_field(req, "token");
	if (!token || strlen(token) != 32) {
		web_error(req, resp, 400, "The confirmation could not be read: check the file again.");
		return;
	}
	char hash[65];
	token_hash(token, hash);
	import_stage_expire(req->db, req->now - IMPORT_STAGE_LIFETIME);
	if (db_begin(req->db) != 0) {
		web_error(req, resp, 503, "The database is busy. Try again in a moment.");
		return;
	}
	/* Taken inside the import's transaction: a second confirmation of the
	 * same check finds nothing. */
	struct import_stage stage;
	int taken = import_stage_take(req->db, req->app->school_id, req->user->id, hash,
				      req->now - IMPORT_STAGE_LIFETIME, &stage);
	if (taken != 1) {
		db_rollback(req->db);
		if (taken == 0)
			web_error(req, resp, 410, "This check has been confirmed already, or is more than an hour old: upload the file again.");
		else
			web_error(req, resp, 500, "The checked file could not be read. Try again.");
		return;
	}
	char sha[65];
	file_sha256_hex(stage.data.data, stage.data.len, sha);
	bool roster = strcmp(stage.kind, "students") == 0;
	if (!roster) {
		/* Taken for good: register_import_run runs its own transaction. */
		if (db_commit(req->db) != 0) {
			db_rollback(req->db);
			web_error(req, resp, 503, "The database is busy. Try again in a moment.");
		} else {
			confirm_register(req, resp, &stage, sha);
		}
		import_stage_free(&stage);
		return;
	}
	long leaving = -1, typed;
	const char *leaving_field = web_field(req, "leaving");
	if (leaving_field && text_to_int(leaving_field, 0, 10000000L, &typed))
		leaving = typed;
	struct diag_list diags;
	diag_init(&diags, stage.file_name);
	struct import_outcome o = { .summary = BUF_INIT };
	/* The encoding comes back from the check page; read otherwise, the
	 * file's summary ("text read as ...") is not the check's. */
	enum csv_encoding_choice encoding;
	if (strcmp(sha, stage.sha256) == 0 && form_encoding(req, &encoding)) {
		run_roster(req, &stage, encoding, true, leaving, &diags, &o);
	}
	if (o.unconfirmed) {
		/* Rolled back, the check's row stays for another try. */
		db_rollback(req->db);
		char text[400];
		snprintf(text, sizeof text,
			 "Nothing was imported: this would mark %ld of the %d pupils on roll as left, and "
			 "the number typed was not %ld. Go back, type %ld in the box and confirm again, or "
			 "upload the file again as some pupils only.",
			 o.left, o.roster.on_roll, o.left, o.left);
		web_error(req, resp, 400, text);
		outcome_free(&o);
		diag_free(&diags);
		import_stage_free(&stage);
		return;
	}
	/* The same result as the check, or nothing: the pupils or events held
	 * may have changed since. */
	bool same = o.ok && strcmp(buf_str(&o.summary), stage.summary) == 0;
	/* A roster's record and audit row are written by roster_import_run. */
	if (!same || db_commit(req->db) != 0) {
		db_rollback(req->db);
		discard_stage(req, hash);
		if (!same)
			web_error(req, resp, 409, "Nothing was imported: what the file would change is no longer what was checked (the school's records changed since). Check the file again.");
		else
			web_error(req, resp, 500, "Nothing was imported: the import could not be saved. Try again.");
	} else {
		struct buf to = BUF_INIT;
		buf_printf(&to, "/imports?imported=students&new=%ld&updated=%ld&left=%ld&unchanged=%ld",
			   o.added, o.updated, o.left, o.unchanged);
		web_redirect(resp, buf_str(&to));
		buf_free(&to);
	}
	outcome_free(&o);
	diag_free(&diags);
	import_stage_free(&stage);
}

void page_imports_undo_post(struct web_request *req, struct web_response *resp)
{
	long id;
	if (!text_to_int(req->captures[0], 1, 1000000000000L, &id)) {
		web_error(req, resp, 404, "There is no such import.");
		return;
	}
	struct buf message = BUF_INIT;
	enum roster_undo_status s = roster_import_undo(req->db, req->app->school_id, id, req->today,
						       req->user->login, &message);
	if (s == ROSTER_UNDO_DONE) {
		char to[64];
		snprintf(to, sizeof to, "/imports?undone=%ld", id);
		web_redirect(resp, to);
	} else {
		struct buf text = BUF_INIT;
		buf_printf(&text, "Nothing was undone: %s.", buf_str(&message));
		web_error(req, resp, s == ROSTER_UNDO_REFUSED ? 409 : 500, buf_str(&text));
		buf_free(&text);
	}
	buf_free(&message);
}
