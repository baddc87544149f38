/* The Provider Access report as people read it: text for the careers
 * leader, CSV for spreadsheets, JSON for the web and scripts. The figures
 * come from domain/provider_access.h. */
#ifndef WAYMARK_PROVIDER_ACCESS_REPORT_H
#define WAYMARK_PROVIDER_ACCESS_REPORT_H

#include <stdbool.h>

#include "domain/provider_access.h"
#include "util/buf.h"

/* Each appends to out. With missed, the text and JSON name the pupils with
 * fewer than two encounters (by tutor group, with their count).
 *
 * CSV columns, in this order: phase,year_group,eligible,met,percent
 * (percent empty when nobody is eligible). With missed, the CSV is instead
 * one row per pupil with fewer than two:
 * phase,year_group,tutor_group,upn,name,encounters.
 *
 * Text and JSON also give phase 3's encounters offered and attended, the
 * years whose school days were taken as Monday to Friday, and the events
 * that will not count. */
void provider_access_render_text(const struct mon_data *d,
				 const struct provider_access_report *r, bool missed,
				 struct buf *out);
void provider_access_render_csv(const struct mon_data *d,
				const struct provider_access_report *r, bool missed,
				struct buf *out);
void provider_access_render_json(const struct mon_data *d,
				 const struct provider_access_report *r, bool missed,
				 struct buf *out);

/* "event 123, Year 9 T Levels assembly on 2026-03-03: will not count for
 * Year 9 pupils: ..." appended to out, without a newline. */
void provider_access_describe_warning(const struct mon_data *d,
				      const struct provider_access_warning *w, struct buf *out);

#endif
