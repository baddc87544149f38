#include "web/view.h"

#include <stdlib.h>

#include "domain/programme.h"
#include "store/student_store.h"
#include "util/html.h"
#include "web/data_cache.h"

bool view_suppressed(const struct web_request *req)
{
	return req->user && req->user->role == ROLE_GOVERNOR;
}

static bool small(int n)
{
	return n > 0 && n < SUPPRESS_BELOW;
}

void view_count(const struct web_request *req, struct buf *out, int n)
{
	if (view_suppressed(req) && small(n))
		html_raw(out, "c");
	else
		html_fmt(out, "%d", n);
}

bool view_percent_hidden(const struct web_request *req, int met, int eligible)
{
	return eligible > 0 && view_suppressed(req) &&
	       (small(met) || small(eligible - met) || small(eligible));
}

void view_met_count(const struct web_request *req, struct buf *out, int met, int eligible)
{
	if (view_percent_hidden(req, met, eligible))
		html_raw(out, "c");
	else
		view_count(req, out, met);
}

void view_percent(const struct web_request *req, struct buf *out, int met, int eligible)
{
	double p = mon_percent(met, eligible);
	if (p < 0)
		html_raw(out, "-");
	else if (view_percent_hidden(req, met, eligible))
		html_raw(out, "c");
	else
		html_fmt(out, "%.1f%%", p);
}

/* A tutor's pupils: those on roll today in the current academic year
 * whose groups their scope names. */
static void build_scope(struct web_request *req)
{
	req->scope_built = true;
	if (req->user->role != ROLE_TUTOR) {
		pupil_scope_everyone(&req->scope);
		return;
	}
	struct group_member *members = NULL;
	struct arena arena = ARENA_INIT;
	long count = student_store_on_roll(req->db, req->app->school_id,
					   academic_year_of(req->today), req->today, &members, &arena);
	pupil_scope_for_tutor(&req->scope, req->user->scope, members, count > 0 ? (size_t)count : 0);
	free(members);
	arena_free(&arena);
}

bool view_covers_student(struct web_request *req, long long student_id)
{
	if (!req->user)
		return false;
	if (!req->scope_built)
		build_scope(req);
	return pupil_scope_covers(&req->scope, student_id);
}

void view_years(struct buf *out, unsigned mask)
{
	/* Digits and words only: nothing to escape. */
	year_groups_describe(out, mask);
}

void view_date(struct buf *out, date_t d)
{
	static const char *const days[] = { "", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
	static const char *const months[] = { "", "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	if (d == DATE_NONE) {
		html_raw(out, "-");
		return;
	}
	int y, m, day;
	date_to_ymd(d, &y, &m, &day);
	char iso[DATE_ISO_LEN];
	html_fmt(out, "<time datetime=\"%s\">%s %d %s %d</time>", date_format_iso(d, iso),
		 days[date_weekday(d)], day, months[m], y);
}

const struct mon_data *view_load(struct web_request *req, struct web_response *resp)
{
	const struct mon_data *d = req->cache ? data_cache_get(req->cache, req->db, req->app->school_id)
					      : NULL;
	if (!d)
		web_error(req, resp, 500, "The school's records could not be read. Try again.");
	return d;
}
