/* Pieces of pages shared by the page files: figures with small-number
 * suppression for governors, percent cells, and loading the school's
 * records for a page. */
#ifndef WAYMARK_VIEW_H
#define WAYMARK_VIEW_H

#include <stdbool.h>

#include "domain/monitoring.h"
#include "web/web.h"

/* Governors see aggregates only, with counts below SUPPRESS_BELOW shown as
 * "c" (and the percents made from them hidden) so no pupil can be
 * identified. */
bool view_suppressed(const struct web_request *req);
/* A count, or "c" when suppressed and 0 < n < SUPPRESS_BELOW. */
void view_count(const struct web_request *req, struct buf *out, int n);
/* The count of met out of eligible: as view_count, and also "c" whenever
 * view_percent hides the percent, so that a governor cannot work out a
 * small count of those who did not (eligible minus met). */
void view_met_count(const struct web_request *req, struct buf *out, int met, int eligible);
/* Whether view_percent would hide met/eligible as "c" (so a chart must
 * not draw it either). */
bool view_percent_hidden(const struct web_request *req, int met, int eligible);
/* "85.0%" from met/eligible; "-" with no one eligible; "c" when either
 * count is suppressed. */
void view_percent(const struct web_request *req, struct buf *out, int met, int eligible);

/* Whether the signed-in user may see, list, mark or export this pupil: for
 * a tutor, one of the pupils of their groups now (domain/scope.h), on every
 * page, whatever year the page is about; every other role that reaches a
 * pupil page sees every pupil. The scope is read once per request; when it
 * cannot be read, nobody is covered. */
bool view_covers_student(struct web_request *req, long long student_id);

/* "Year 10", "Years 7-9", "Years 7, 9 and 11": the year groups of a mask
 * (bit n for Year n); "no year group" for none. */
void view_years(struct buf *out, unsigned mask);

/* <time datetime="2025-10-16">Thu 16 Oct 2025</time> */
void view_date(struct buf *out, date_t d);

/* The school's records, from the worker's cache (web/data_cache.h): valid
 * for the rest of the request, owned by the cache, never freed by the page.
 * On failure writes an error page and returns NULL. */
const struct mon_data *view_load(struct web_request *req, struct web_response *resp);

#endif
