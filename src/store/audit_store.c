#include "store/audit_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db_internal.h"
#include "util/mem.h"
#include "util/text.h"

int audit_record(struct db *db, long long school_id, const char *actor,
		 const char *action, const char *entity, const char *key,
		 const char *detail)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"INSERT INTO audit (school_id, at, actor, action, entity, entity_key, detail) "
		"VALUES (?1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?2, ?3, ?4, ?5, ?6)");
	if (!st)
		return -1;
	if (school_id > 0)
		sqlite3_bind_int64(st, 1, school_id);
	db_bind_text(st, 2, actor);
	db_bind_text(st, 3, action);
	db_bind_text(st, 4, entity);
	db_bind_text(st, 5, key);
	db_bind_text(st, 6, detail);
	return db_step_done(db, st);
}

int audit_list(struct db *db, long long school_id, int limit, struct buf *out)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"SELECT at, actor, action, entity, entity_key, detail FROM ("
		"  SELECT * FROM audit WHERE school_id = ?1 OR school_id IS NULL "
		"  ORDER BY id DESC LIMIT ?2) ORDER BY id");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int(st, 2, limit);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		buf_printf(out, "%s\t%s\t%s\t%s\t%s\t%s\n", db_column_text(st, 0),
			   db_column_text(st, 1), db_column_text(st, 2), db_column_text(st, 3),
			   db_column_text(st, 4), db_column_text(st, 5));
	return rc == SQLITE_DONE ? 0 : -1;
}

long audit_page(struct db *db, long long school_id, const char *action_prefix, long offset,
		int limit, struct audit_entry **out, long *total)
{
	DB_SCOPE(db);
	*out = NULL;
	*total = 0;
	const char *prefix = action_prefix ? action_prefix : "";
	/* A prefix compared as text, not a LIKE pattern: "_" and "%" in it
	 * mean themselves. */
	sqlite3_stmt *st = db_stmt(db,
		"SELECT count(*) FROM audit WHERE (school_id = ?1 OR school_id IS NULL) "
		"  AND substr(action, 1, length(?2)) = ?2");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	db_bind_text(st, 2, prefix);
	if (sqlite3_step(st) != SQLITE_ROW)
		return -1;
	*total = (long)sqlite3_column_int64(st, 0);
	sqlite3_reset(st);

	st = db_stmt(db,
		"SELECT id, at, actor, action, entity, coalesce(entity_key, ''), coalesce(detail, '') "
		"FROM audit WHERE (school_id = ?1 OR school_id IS NULL) "
		"  AND substr(action, 1, length(?2)) = ?2 "
		"ORDER BY id DESC LIMIT ?3 OFFSET ?4");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	db_bind_text(st, 2, prefix);
	sqlite3_bind_int(st, 3, limit);
	sqlite3_bind_int64(st, 4, offset);
	struct audit_entry *rows = NULL;
	size_t count = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ARRAY_RESERVE(rows, cap, count + 1);
		struct audit_entry *e = &rows[count++];
		e->id = sqlite3_column_int64(st, 0);
		text_copy(e->at, sizeof e->at, db_column_text(st, 1));
		text_copy(e->actor, sizeof e->actor, db_column_text(st, 2));
		text_copy(e->action, sizeof e->action, db_column_text(st, 3));
		text_copy(e->entity, sizeof e->entity, db_column_text(st, 4));
		text_copy(e->key, sizeof e->key, db_column_text(st, 5));
		text_copy(e->detail, sizeof e->detail, db_column_text(st, 6));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(rows);
		return -1;
	}
	*out = rows;
	return (long)count;
}
