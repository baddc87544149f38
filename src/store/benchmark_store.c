#include "store/benchmark_store.h"

#include <string.h>

#include "store/db_internal.h"
#include "util/mem.h"

int benchmark_item_store_load(struct db *db, long long school_id, struct benchmark_checklist *out)
{
	DB_SCOPE(db);
	*out = (struct benchmark_checklist)BENCHMARK_CHECKLIST_INIT;
	sqlite3_stmt *st = db_stmt(db,
		"SELECT item, status, evidence, review_date FROM benchmark_item "
		"WHERE school_id = ?1 ORDER BY item");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ARRAY_RESERVE(out->items, cap, out->count + 1);
		struct benchmark_item_state *s = &out->items[out->count++];
		s->item = arena_strdup(&out->arena, db_column_text(st, 0));
		if (!benchmark_item_status_parse(db_column_text(st, 1), &s->status))
			s->status = BENCHMARK_ITEM_NOT_MET;
		const unsigned char *evidence = sqlite3_column_text(st, 2);
		s->evidence = evidence ? arena_strdup(&out->arena, (const char *)evidence) : NULL;
		s->review_date = db_column_date(st, 3);
	}
	return rc == SQLITE_DONE ? 0 : -1;
}

int benchmark_item_store_save(struct db *db, long long school_id,
			      const struct benchmark_item_state *s, const char *actor)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"INSERT INTO benchmark_item (school_id, item, status, evidence, review_date, "
		"  updated_at, updated_by) "
		"VALUES (?1, ?2, ?3, ?4, ?5, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?6) "
		"ON CONFLICT (school_id, item) DO UPDATE SET status = excluded.status, "
		"  evidence = excluded.evidence, review_date = excluded.review_date, "
		"  updated_at = excluded.updated_at, updated_by = excluded.updated_by");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	db_bind_text(st, 2, s->item);
	db_bind_text(st, 3, benchmark_item_status_name(s->status));
	db_bind_text(st, 4, s->evidence);
	db_bind_date(st, 5, s->review_date);
	db_bind_text(st, 6, actor);
	return db_step_done(db, st);
}
