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
 * then, per subgroup asked for, NAME_eligible,NAME_percent,NAME_gap, then
 * registers_not_taken,unmarked (docs/registers.md).
 * With missed, the CSV is instead one row per pupil who missed out.
 * The text ends with, and the JSON's "registers" lists, the registers of
 * the rows' year groups that are due, not taken or incomplete, with the
 * pupils an incomplete one leaves unmarked. */
void entitlement_render_text(const struct mon_data *d, const struct entitlement_report *r,
			     const struct entitlement_render *how, struct buf *out);
void entitlement_render_csv(const struct mon_data *d, const struct entitlement_report *r,
			    const struct entitlement_render *how, struct buf *out);
void entitlement_render_json(const struct mon_data *d, const struct entitlement_report *r,
			     const struct entitlement_render *how, struct buf *out);

/* The registers of the year starting in start_year, up to as_of, for the
 * year groups in the mask (0: all), that are due, not taken or incomplete,
 * as text: a heading and a line per register, an incomplete one's unmarked
 * pupils under it; "Every register up to DATE is complete." when none. */
void entitlement_render_registers_text(const struct mon_data *d, int start_year, date_t as_of,
				       unsigned year_groups, struct buf *out);

/* "76.5" or "" for no one eligible; into out (16 bytes). */
char *format_percent(double percent, char out[16]);

#endif
