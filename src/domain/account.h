/* Staff accounts: roles and what each may see, and the password rules. */
#ifndef WAYMARK_ACCOUNT_H
#define WAYMARK_ACCOUNT_H

#include <stdbool.h>
#include <stddef.h>

enum role {
	ROLE_ADMIN,    /* users, settings, the audit log, and everything else */
	ROLE_LEADER,   /* the careers leader: everything careers */
	ROLE_ADVISER,  /* personal guidance: the notes of their own meetings */
	ROLE_TUTOR,    /* registers and records of their own groups; no guidance notes */
	ROLE_GOVERNOR, /* aggregates only, small counts suppressed */
	ROLE_COUNT
};

#define ROLE_BIT(r) (1u << (r))
#define ROLES_ALL ((1u << ROLE_COUNT) - 1)
#define ROLES_STAFF (ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_LEADER) | ROLE_BIT(ROLE_ADVISER) | \
		     ROLE_BIT(ROLE_TUTOR))
#define ROLES_CAREERS (ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_LEADER))

const char *role_name(enum role r);   /* "admin", "leader", ... */
const char *role_title(enum role r);  /* "careers leader" */
bool role_parse(const char *s, enum role *out);

/* The minimum length: NCSC guidance favours length over composition. */
enum { PASSWORD_MIN_LENGTH = 8, PASSWORD_MAX_LENGTH = 128 };

/* Why a new password is refused, or NULL when it is fine: too short or
 * long, the login itself, one character repeated, or a common password.
 * No composition rules. */
const char *password_problem(const char *password, const char *login);

/* A tutor's scope ("7A 7B Y8"): whether it covers a tutor group or a year
 * group. An empty scope covers nothing. */
bool scope_covers_tutor_group(const char *scope, const char *tutor_group, int year_group);
/* Validates a scope: words that are tutor group names, or Y7..Y13. */
bool scope_valid(const char *scope);

/* Counts below this are shown as "c" to governors, so that no pupil can
 * be identified. */
enum { SUPPRESS_BELOW = 5 };

#endif
