/* The Benchmark 1 and 3 checklist: what the school records of each item
 * (met, in progress or not met, the evidence, when to review it). The
 * careers leader and administrators record it. */
#ifndef WAYMARK_BENCHMARK_ACTION_H
#define WAYMARK_BENCHMARK_ACTION_H

#include "action/action.h"
#include "store/snapshot_store.h"

struct checklist_request {
	const char *item;        /* "1.1" .. "3.4" */
	const char *status;      /* met, in-progress, not-met */
	const char *evidence;    /* NULL: as it was; "": none */
	bool set_review;         /* review_date replaces what was recorded */
	date_t review_date;      /* DATE_NONE: none */
};

/* Records an item. A review date already past is a warning in r (the
 * record is still made). */
enum action_status checklist_item_set(const struct action_ctx *ctx,
				      const struct checklist_request *rq, struct action_result *r);

/* Keeps the benchmark percentages as of a date, in both modes, under a
 * label ("September 2025", 1-60 characters on one line) to compare later
 * reports with: benchmark_snapshot_latest reads it back. The careers
 * leader and administrators keep them. A problem names "label". */
enum action_status benchmark_snapshot_take(const struct action_ctx *ctx, const char *label,
					   date_t as_of, const struct benchmark_value banded[8],
					   const struct benchmark_value strict[8],
					   struct action_result *r);

/* The same, from a benchmark report of the whole school (as of its date)
 * and the checklist: both modes' percentages computed as the reports
 * compute them. The command line's --save-snapshot and the benchmarks
 * page's "Keep a snapshot" both call this. */
struct programme;
struct benchmark_report;
struct benchmark_checklist;
enum action_status benchmark_snapshot_keep(const struct action_ctx *ctx, const char *label,
					   const struct programme *p,
					   const struct benchmark_report *report,
					   const struct benchmark_checklist *checklist,
					   struct action_result *r);

/* Keeps a two-termly entitlement review (rows of eligible and received by
 * year group and activity) for the next review to compare with; period
 * names it ("2025/26 terms 1-2"). The careers leader and administrators. */
enum action_status review_keep(const struct action_ctx *ctx, int start_year, const char *period,
			       date_t as_of, const struct review_row *rows, size_t count,
			       struct action_result *r);

#endif
