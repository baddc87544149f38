#include "store/school_store.h"

#include <stdlib.h>

#include "store/db_internal.h"
#include "util/mem.h"

static char *dup_or_null(sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	return t ? xstrdup((const char *)t) : NULL;
}

int school_create(struct db *db, const char *slug, const char *name, long long *id)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"INSERT INTO school (slug, name, created_at) "
		"VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))");
	if (!st)
		return -1;
	db_bind_text(st, 1, slug);
	db_bind_text(st, 2, name);
	if (db_step_done(db, st) != 0)
		return -1;
	*id = db_last_insert_id(db);
	return 0;
}

int school_find(struct db *db, const char *slug, struct school *out)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"SELECT id, slug, name, urn, leader_name, leader_email, leader_phone, "
		"       (SELECT count(*) FROM school) "
		"FROM school WHERE ?1 IS NULL OR slug = ?1 ORDER BY id LIMIT 1");
	if (!st)
		return -1;
	db_bind_text(st, 1, slug);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return -1;
	if (!slug && sqlite3_column_int(st, 7) > 1)
		return 0;
	*out = (struct school){
		.id = sqlite3_column_int64(st, 0),
		.slug = dup_or_null(st, 1),
		.name = dup_or_null(st, 2),
		.urn = dup_or_null(st, 3),
		.leader_name = dup_or_null(st, 4),
		.leader_email = dup_or_null(st, 5),
		.leader_phone = dup_or_null(st, 6),
	};
	return 1;
}

int school_count(struct db *db)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db, "SELECT count(*) FROM school");
	if (!st || sqlite3_step(st) != SQLITE_ROW)
		return -1;
	return sqlite3_column_int(st, 0);
}

int school_slugs(struct db *db, struct buf *out)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db, "SELECT slug FROM school ORDER BY slug");
	if (!st)
		return -1;
	int rc;
	for (bool first = true; (rc = sqlite3_step(st)) == SQLITE_ROW; first = false)
		buf_printf(out, "%s%s", first ? "" : ", ", db_column_text(st, 0));
	return rc == SQLITE_DONE ? 0 : -1;
}

void school_free(struct school *s)
{
	free(s->slug);
	free(s->name);
	free(s->urn);
	free(s->leader_name);
	free(s->leader_email);
	free(s->leader_phone);
}
