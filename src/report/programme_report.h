/* The programme as people read it: the year x strand grid of the strategy. */
#ifndef WAYMARK_PROGRAMME_REPORT_H
#define WAYMARK_PROGRAMME_REPORT_H

#include "domain/programme.h"
#include "util/buf.h"

/* Appends the grid for the year groups in year_mask (bit n: Year n; 0 for
 * all): each year's aims and activities under Challenge, Aspire and
 * Network, with cohort, sessions, benchmarks, kind and timing. */
void programme_report_text(const struct programme *p, unsigned year_mask, struct buf *out);

/* The same selection as JSON text in the programme file's shape (caller
 * frees). */
char *programme_report_json(const struct programme *p, unsigned year_mask);

#endif
