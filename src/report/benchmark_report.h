/* The Gatsby Benchmarks report as people read it: text for the careers
 * leader, CSV for spreadsheets, JSON for the web and scripts.
 *
 * CSV columns, in this order (docs/benchmarks.md):
 *   year_group,benchmark,criterion,eligible,met,percent
 * one row per criterion and year group (percent empty when nobody is
 * eligible), then per subgroup asked for NAME_eligible,NAME_percent,NAME_gap;
 * then one row per checklist item of Benchmarks 1 and 3 with year_group
 * empty, criterion the item id ("1.3"), eligible 1 and met 1 when the item
 * is met (in progress and not met are 0). With missed, the CSV is instead
 * one row per pupil not meeting a criterion:
 *   year_group,benchmark,criterion,tutor_group,upn,name,have,need */
#ifndef WAYMARK_BENCHMARK_REPORT_H
#define WAYMARK_BENCHMARK_REPORT_H

#include <stdbool.h>

#include "domain/benchmarks.h"
#include "util/buf.h"

struct benchmark_render {
	enum benchmark_mode mode;
	bool missed;                         /* name the pupils not meeting each criterion */
	unsigned subgroups;                  /* bit per enum subgroup to break down */
	const struct benchmark_checklist *checklist;  /* may be NULL: nothing recorded */
	const struct benchmark_score *scores;         /* [BENCHMARK_COUNT], this mode */
	/* The last snapshot to compare with, or previous NULL. */
	const struct benchmark_score *previous;       /* [BENCHMARK_COUNT] */
	const char *previous_label;
	date_t previous_as_of;
	bool summary;                        /* text: the eight percentages alone */
};

/* Each renderer appends to out. d is the data the report was computed from;
 * checklist review dates are judged against the report's as-of date. */
void benchmark_render_text(const struct mon_data *d, const struct benchmark_report *r,
			   const struct benchmark_render *how, struct buf *out);
void benchmark_render_csv(const struct mon_data *d, const struct benchmark_report *r,
			  const struct benchmark_render *how, struct buf *out);
void benchmark_render_json(const struct mon_data *d, const struct benchmark_report *r,
			   const struct benchmark_render *how, struct buf *out);

/* The Benchmark 1 and 3 checklist alone, as `waymark benchmark list` prints
 * it; review dates before today are flagged. */
void benchmark_render_checklist(const struct benchmark_checklist *c, date_t today,
				struct buf *out);

#endif
