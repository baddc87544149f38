#include "web/view.h"

#include "store/monitoring_store.h"
#include "util/html.h"

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

bool view_load(struct web_request *req, struct web_response *resp, struct mon_data *d)
{
	if (monitoring_store_load(req->db, req->app->school_id, d) != 0) {
		web_error(req, resp, 500, "The school's records could not be read. Try again.");
		return false;
	}
	return true;
}
