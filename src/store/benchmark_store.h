/* The Benchmark 1 and 3 checklist as the school records it: each item's
 * status, evidence and review date (table benchmark_item). The items
 * themselves are defined in domain/benchmarks.c. */
#ifndef WAYMARK_BENCHMARK_STORE_H
#define WAYMARK_BENCHMARK_STORE_H

#include "domain/benchmarks.h"
#include "store/db.h"

/* Every recorded item of the school into out (initialised here; its strings
 * live in out->arena), by item id. Free with benchmark_checklist_free, also
 * after an error. 0 or -1. */
int benchmark_item_store_load(struct db *db, long long school_id, struct benchmark_checklist *out);

/* Records an item's state, replacing what was recorded: s->item names it,
 * s->evidence NULL and s->review_date DATE_NONE store nothing. actor is
 * who changed it. Inside the caller's transaction. 0 or -1. */
int benchmark_item_store_save(struct db *db, long long school_id,
			      const struct benchmark_item_state *s, const char *actor);

#endif
