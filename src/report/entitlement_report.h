/* The entitlement report as people read it: text for the careers leader,
 * CSV for spreadsheets, JSON for the web and scripts. */
#ifndef WAYMARK_ENTITLEMENT_REPORT_H
#define WAYMARK_ENTITLEMENT_REPORT_H

#include <stdbool.h>

#include "domain/entitlement.h"
#include "util/buf.h"

struct entitlement_render {
	bool missed;                 /* list who missed out */
	unsigned subgroups;          /* bit per enum subgroup to break down */
};

/* CSV columns, in this order:
 * year_group,activity_id,activity,cohort,sessions_held,eligible,received,percent,status
 * then, per subgroup asked for, NAME_eligible,NAME_percent,NAME_gap.
 * With missed, the CSV is instead one row per pupil who missed out. */
void entitlement_render_text(const struct mon_data *d, const struct entitlement_report *r,
			     const struct entitlement_render *how, struct buf *out);
void entitlement_render_csv(const struct mon_data *d, const struct entitlement_report *r,
			    const struct entitlement_render *how, struct buf *out);
void entitlement_render_json(const struct mon_data *d, const struct entitlement_report *r,
			     const struct entitlement_render *how, struct buf *out);

/* "76.5" or "" for no one eligible; into out (16 bytes). */
char *format_percent(double percent, char out[16]);

#endif
