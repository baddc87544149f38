/* The Benchmark 1 and 3 checklist: what the school records of each item
 * (met, in progress or not met, the evidence, when to review it). The
 * careers leader and administrators record it. */
#ifndef WAYMARK_BENCHMARK_ACTION_H
#define WAYMARK_BENCHMARK_ACTION_H

#include "action/action.h"

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

#endif
