/* Staff accounts, sessions, sign-in attempts and school settings. */
#ifndef WAYMARK_USER_STORE_H
#define WAYMARK_USER_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/account.h"
#include "domain/limits.h"
#include "store/db.h"

struct user {
	long long id;
	long long school_id;
	char login[64];
	char display_name[LIMIT_BYTES(LIMIT_NAME)];
	char role[16];
	char scope[LIMIT_BYTES(LIMIT_SCOPE)]; /* tutors: "7A 7B Y8" */
	char password_hash[160];      /* libsodium's crypto_pwhash_str */
	bool must_change_password;
	bool disabled;
	char totp_secret[64];         /* base32, "" when none */
	bool totp_enabled;
	char last_login_at[32];
};

/* 0 or -1 (also when the login is taken: db_error says so). */
int user_store_add(struct db *db, const struct user *u, long long *id);
/* By login (any case) or by id. 1 found, 0 none, -1 error. */
int user_store_find_login(struct db *db, const char *login, struct user *out);
int user_store_find_id(struct db *db, long long id, struct user *out);
/* Every user of the school, by login; caller frees. Count or -1. */
long user_store_list(struct db *db, long long school_id, struct user **out);
int user_store_set_password(struct db *db, long long id, const char *hash, bool must_change);
int user_store_set_disabled(struct db *db, long long id, bool disabled);
int user_store_set_totp(struct db *db, long long id, const char *secret, bool enabled);
int user_store_set_role(struct db *db, long long id, const char *role, const char *scope,
			const char *display_name);
int user_store_touch_login(struct db *db, long long id);
/* Admins who can sign in (not disabled). -1 on error. */
int user_store_count_admins(struct db *db, long long school_id);

struct session_row {
	long long user_id;
	char csrf_token[80];
	int64_t created_at, last_seen_at;
	bool second_factor_done;
};

int session_store_add(struct db *db, const char *token_hash, long long user_id,
		      const char *csrf_token, int64_t now, bool second_factor_done);
/* 1 found, 0 none, -1 error. */
int session_store_find(struct db *db, const char *token_hash, struct session_row *out);
int session_store_touch(struct db *db, const char *token_hash, int64_t now);
int session_store_set_second_factor(struct db *db, const char *token_hash);
int session_store_delete(struct db *db, const char *token_hash);
/* Every session of a user (on password change, reset, disabling). */
int session_store_delete_user(struct db *db, long long user_id);
/* Sessions idle since before idle_before or started before started_before. */
int session_store_expire(struct db *db, int64_t idle_before, int64_t started_before);

enum attempt_kind { ATTEMPT_PASSWORD, ATTEMPT_CODE };

/* Records a sign-in attempt, keeping at most the first SIGNIN_LOGIN_KEPT
 * bytes of the login (whole characters), and prunes attempts older than
 * SIGNIN_KEEP_DAYS or beyond the newest SIGNIN_KEEP_ROWS. 0 or -1. */
int login_attempt_add(struct db *db, const char *login, const char *address, int64_t at,
		      bool success, enum attempt_kind kind);
/* Failed password attempts since `since` (domain/account.h). 0 or -1. */
int login_attempt_failures(struct db *db, const char *login, const char *address,
			   int64_t since, struct signin_failures *out);
/* Failed second-factor codes for a login since `since`; -1 on error. */
int login_attempt_code_failures(struct db *db, const char *login, int64_t since);
/* Forgets a login's failed attempts: an administrator's password reset
 * lifts its lock. 0 or -1. */
int login_attempt_clear(struct db *db, const char *login);

/* Accepts the second-factor code of 30-second step `step` for a user once:
 * 1 when it is later than the last one accepted (and now recorded), 0
 * when it was used already (a replay), -1 on error. */
int user_store_use_totp_step(struct db *db, long long id, int64_t step);

/* A school setting, or def when unset. */
int setting_get(struct db *db, long long school_id, const char *name, const char *def,
		char *out, size_t size);
int setting_set(struct db *db, long long school_id, const char *name, const char *value);

#endif
