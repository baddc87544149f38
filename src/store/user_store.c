#include "store/user_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db_internal.h"
#include "util/mem.h"
#include "util/text.h"

#define USER_COLUMNS                                                                  \
	"id, school_id, login, display_name, role, scope, password_hash, "            \
	"must_change_password, disabled, coalesce(totp_secret, ''), totp_enabled, "  \
	"coalesce(last_login_at, '') "

static void read_user(sqlite3_stmt *st, struct user *u)
{
	memset(u, 0, sizeof *u);
	u->id = sqlite3_column_int64(st, 0);
	u->school_id = sqlite3_column_int64(st, 1);
	text_copy(u->login, sizeof u->login, db_column_text(st, 2));
	text_copy(u->display_name, sizeof u->display_name, db_column_text(st, 3));
	text_copy(u->role, sizeof u->role, db_column_text(st, 4));
	text_copy(u->scope, sizeof u->scope, db_column_text(st, 5));
	text_copy(u->password_hash, sizeof u->password_hash, db_column_text(st, 6));
	u->must_change_password = sqlite3_column_int(st, 7) != 0;
	u->disabled = sqlite3_column_int(st, 8) != 0;
	text_copy(u->totp_secret, sizeof u->totp_secret, db_column_text(st, 9));
	u->totp_enabled = sqlite3_column_int(st, 10) != 0;
	text_copy(u->last_login_at, sizeof u->last_login_at, db_column_text(st, 11));
}

int user_store_add(struct db *db, const struct user *u, long long *id)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"INSERT INTO user (school_id, login, display_name, role, scope, password_hash, "
		"  must_change_password, created_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, u->school_id);
	db_bind_text(st, 2, u->login);
	db_bind_text(st, 3, u->display_name);
	db_bind_text(st, 4, u->role);
	db_bind_text(st, 5, u->scope);
	db_bind_text(st, 6, u->password_hash);
	sqlite3_bind_int(st, 7, u->must_change_password);
	if (db_step_done(db, st) != 0)
		return -1;
	*id = db_last_insert_id(db);
	return 0;
}

static int find_one(sqlite3_stmt *st, struct user *out)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_user(st, out);
		return 1;
	}
	return rc == SQLITE_DONE ? 0 : -1;
}

int user_store_find_login(struct db *db, const char *login, struct user *out)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db, "SELECT " USER_COLUMNS "FROM user WHERE login = ?1");
	if (!st)
		return -1;
	db_bind_text(st, 1, login);
	return find_one(st, out);
}

int user_store_find_id(struct db *db, long long id, struct user *out)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db, "SELECT " USER_COLUMNS "FROM user WHERE id = ?1");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	return find_one(st, out);
}

long user_store_list(struct db *db, long long school_id, struct user **out)
{
	DB_SCOPE(db);
	*out = NULL;
	sqlite3_stmt *st = db_stmt(db,
		"SELECT " USER_COLUMNS "FROM user WHERE school_id = ?1 ORDER BY login");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	size_t count = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ARRAY_RESERVE(*out, cap, count + 1);
		read_user(st, &(*out)[count++]);
	}
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		return -1;
	}
	return (long)count;
}

static int update(struct db *db, sqlite3_stmt *st)
{
	return st ? db_step_done(db, st) : -1;
}

int user_store_set_password(struct db *db, long long id, const char *hash, bool must_change)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"UPDATE user SET password_hash = ?2, must_change_password = ?3 WHERE id = ?1");
	if (st) {
		sqlite3_bind_int64(st, 1, id);
		db_bind_text(st, 2, hash);
		sqlite3_bind_int(st, 3, must_change);
	}
	return update(db, st);
}

int user_store_set_disabled(struct db *db, long long id, bool disabled)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db, "UPDATE user SET disabled = ?2 WHERE id = ?1");
	if (st) {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int(st, 2, disabled);
	}
	return update(db, st);
}

int user_store_set_totp(struct db *db, long long id, const char *secret, bool enabled)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"UPDATE user SET totp_secret = ?2, totp_enabled = ?3 WHERE id = ?1");
	if (st) {
		sqlite3_bind_int64(st, 1, id);
		db_bind_text(st, 2, secret && *secret ? secret : NULL);
		sqlite3_bind_int(st, 3, enabled);
	}
	return update(db, st);
}

int user_store_set_role(struct db *db, long long id, const char *role, const char *scope,
			const char *display_name)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"UPDATE user SET role = ?2, scope = ?3, display_name = ?4 WHERE id = ?1");
	if (st) {
		sqlite3_bind_int64(st, 1, id);
		db_bind_text(st, 2, role);
		db_bind_text(st, 3, scope);
		db_bind_text(st, 4, display_name);
	}
	return update(db, st);
}

int user_store_touch_login(struct db *db, long long id)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"UPDATE user SET last_login_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1");
	if (st)
		sqlite3_bind_int64(st, 1, id);
	return update(db, st);
}

int user_store_count_admins(struct db *db, long long school_id)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"SELECT count(*) FROM user WHERE school_id = ?1 AND role = 'admin' AND disabled = 0");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	if (sqlite3_step(st) != SQLITE_ROW)
		return -1;
	return sqlite3_column_int(st, 0);
}

int session_store_add(struct db *db, const char *token_hash, long long user_id,
		      const char *csrf_token, int64_t now, bool second_factor_done)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"INSERT INTO session (token_hash, user_id, csrf_token, created_at, last_seen_at, "
		"  second_factor_done) VALUES (?1, ?2, ?3, ?4, ?4, ?5)");
	if (st) {
		db_bind_text(st, 1, token_hash);
		sqlite3_bind_int64(st, 2, user_id);
		db_bind_text(st, 3, csrf_token);
		sqlite3_bind_int64(st, 4, now);
		sqlite3_bind_int(st, 5, second_factor_done);
	}
	return update(db, st);
}

int session_store_find(struct db *db, const char *token_hash, struct session_row *out)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"SELECT user_id, csrf_token, created_at, last_seen_at, second_factor_done "
		"FROM session WHERE token_hash = ?1");
	if (!st)
		return -1;
	db_bind_text(st, 1, token_hash);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return -1;
	out->user_id = sqlite3_column_int64(st, 0);
	text_copy(out->csrf_token, sizeof out->csrf_token, db_column_text(st, 1));
	out->created_at = sqlite3_column_int64(st, 2);
	out->last_seen_at = sqlite3_column_int64(st, 3);
	out->second_factor_done = sqlite3_column_int(st, 4) != 0;
	return 1;
}

int session_store_touch(struct db *db, const char *token_hash, int64_t now)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db, "UPDATE session SET last_seen_at = ?2 WHERE token_hash = ?1");
	if (st) {
		db_bind_text(st, 1, token_hash);
		sqlite3_bind_int64(st, 2, now);
	}
	return update(db, st);
}

int session_store_set_second_factor(struct db *db, const char *token_hash)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"UPDATE session SET second_factor_done = 1 WHERE token_hash = ?1");
	if (st)
		db_bind_text(st, 1, token_hash);
	return update(db, st);
}

int session_store_delete(struct db *db, const char *token_hash)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db, "DELETE FROM session WHERE token_hash = ?1");
	if (st)
		db_bind_text(st, 1, token_hash);
	return update(db, st);
}

int session_store_delete_user(struct db *db, long long user_id)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db, "DELETE FROM session WHERE user_id = ?1");
	if (st)
		sqlite3_bind_int64(st, 1, user_id);
	return update(db, st);
}

int session_store_expire(struct db *db, int64_t idle_before, int64_t started_before)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"DELETE FROM session WHERE last_seen_at < ?1 OR created_at < ?2");
	if (st) {
		sqlite3_bind_int64(st, 1, idle_before);
		sqlite3_bind_int64(st, 2, started_before);
	}
	return update(db, st);
}

/* A login as attempts keep it: at most SIGNIN_LOGIN_KEPT bytes. */
static void kept_login(const char *login, char out[SIGNIN_LOGIN_KEPT + 1])
{
	text_copy(out, SIGNIN_LOGIN_KEPT + 1, login);
}

int login_attempt_add(struct db *db, const char *login, const char *address, int64_t at,
		      bool success, enum attempt_kind kind)
{
	DB_SCOPE(db);
	char kept[SIGNIN_LOGIN_KEPT + 1];
	kept_login(login, kept);
	sqlite3_stmt *st = db_stmt(db,
		"INSERT INTO login_attempt (login, address, at, success, kind) "
		"VALUES (?1, ?2, ?3, ?4, ?5)");
	if (!st)
		return -1;
	db_bind_text(st, 1, kept);
	db_bind_text(st, 2, address);
	sqlite3_bind_int64(st, 3, at);
	sqlite3_bind_int(st, 4, success);
	db_bind_text(st, 5, kind == ATTEMPT_CODE ? "code" : "password");
	if (db_step_done(db, st) != 0)
		return -1;
	/* Pruned as they come, so a flood cannot grow the file: both
	 * conditions are index range scans that find nothing most times. */
	st = db_stmt(db,
		"DELETE FROM login_attempt WHERE at < ?1 "
		"  OR id <= (SELECT max(id) FROM login_attempt) - ?2");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, at - (int64_t)SIGNIN_KEEP_DAYS * 24 * 3600);
	sqlite3_bind_int(st, 2, SIGNIN_KEEP_ROWS);
	return db_step_done(db, st);
}

int login_attempt_failures(struct db *db, const char *login, const char *address,
			   int64_t since, struct signin_failures *out)
{
	DB_SCOPE(db);
	char kept[SIGNIN_LOGIN_KEPT + 1];
	kept_login(login, kept);
	sqlite3_stmt *st = db_stmt(db,
		"SELECT (SELECT count(*) FROM login_attempt WHERE login = ?1 COLLATE NOCASE "
		"          AND address = ?2 AND at >= ?3 AND success = 0 AND kind = 'password'), "
		"       (SELECT count(*) FROM login_attempt WHERE address = ?2 "
		"          AND at >= ?3 AND success = 0 AND kind = 'password'), "
		"       (SELECT count(*) FROM login_attempt WHERE login = ?1 COLLATE NOCASE "
		"          AND at >= ?3 AND success = 0 AND kind = 'password')");
	if (!st)
		return -1;
	db_bind_text(st, 1, kept);
	db_bind_text(st, 2, address);
	sqlite3_bind_int64(st, 3, since);
	if (sqlite3_step(st) != SQLITE_ROW)
		return -1;
	out->login_here = sqlite3_column_int(st, 0);
	out->address = sqlite3_column_int(st, 1);
	out->login_anywhere = sqlite3_column_int(st, 2);
	return 0;
}

int login_attempt_code_failures(struct db *db, const char *login, int64_t since)
{
	DB_SCOPE(db);
	char kept[SIGNIN_LOGIN_KEPT + 1];
	kept_login(login, kept);
	sqlite3_stmt *st = db_stmt(db,
		"SELECT count(*) FROM login_attempt WHERE login = ?1 COLLATE NOCASE "
		"  AND at >= ?2 AND success = 0 AND kind = 'code'");
	if (!st)
		return -1;
	db_bind_text(st, 1, kept);
	sqlite3_bind_int64(st, 2, since);
	return sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
}

int login_attempt_clear(struct db *db, const char *login)
{
	DB_SCOPE(db);
	char kept[SIGNIN_LOGIN_KEPT + 1];
	kept_login(login, kept);
	sqlite3_stmt *st = db_stmt(db,
		"DELETE FROM login_attempt WHERE login = ?1 COLLATE NOCASE AND success = 0");
	if (st)
		db_bind_text(st, 1, kept);
	return update(db, st);
}

int user_store_use_totp_step(struct db *db, long long id, int64_t step)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"UPDATE user SET totp_last_step = ?2 WHERE id = ?1 AND totp_last_step < ?2");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, step);
	if (db_step_done(db, st) != 0)
		return -1;
	return db_changes(db) == 1;
}

int setting_get(struct db *db, long long school_id, const char *name, const char *def,
		char *out, size_t size)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"SELECT value FROM school_setting WHERE school_id = ?1 AND name = ?2");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	db_bind_text(st, 2, name);
	int rc = sqlite3_step(st);
	snprintf(out, size, "%s", rc == SQLITE_ROW ? db_column_text(st, 0) : def);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

int setting_set(struct db *db, long long school_id, const char *name, const char *value)
{
	DB_SCOPE(db);
	sqlite3_stmt *st = db_stmt(db,
		"INSERT INTO school_setting (school_id, name, value) VALUES (?1, ?2, ?3) "
		"ON CONFLICT (school_id, name) DO UPDATE SET value = excluded.value");
	if (st) {
		sqlite3_bind_int64(st, 1, school_id);
		db_bind_text(st, 2, name);
		db_bind_text(st, 3, value);
	}
	return update(db, st);
}
