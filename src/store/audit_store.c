#include "store/audit_store.h"

#include "store/db_internal.h"

int audit_record(struct db *db, long long school_id, const char *actor,
		 const char *action, const char *entity, const char *key,
		 const char *detail)
{
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
