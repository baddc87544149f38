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

/* Throttling sign-in. Failed attempts count for SIGNIN_WINDOW seconds. A
 * password may be tried unless, from this client address, this login has
 * failed SIGNIN_PER_LOGIN_HERE times or any logins SIGNIN_PER_ADDRESS
 * times; and once a login has failed SIGNIN_UNDER_ATTACK times from all
 * addresses together (someone trying it from many machines), each address
 * gets one try in the window. The lock is per client address, so nobody
 * can lock a known account out: its owner, from their own machine, still
 * signs in (with their second factor, when they have one). */
enum {
	SIGNIN_WINDOW = 15 * 60,
	SIGNIN_PER_LOGIN_HERE = 5,
	SIGNIN_PER_ADDRESS = 20,
	SIGNIN_UNDER_ATTACK = 20,
	/* Wrong second-factor codes for one account (only someone with its
	 * password can send them) before codes are refused for the window. */
	SIGNIN_CODE_FAILURES = 5,
	/* How much of a login a failed attempt keeps, in bytes (whole
	 * characters), and for how long attempts are kept at all. */
	SIGNIN_LOGIN_KEPT = 64,
	SIGNIN_KEEP_DAYS = 30,
	SIGNIN_KEEP_ROWS = 100000,
};

/* Failed password attempts within the window. */
struct signin_failures {
	int login_here;     /* this login, from this address */
	int address;        /* any login, from this address */
	int login_anywhere; /* this login, from every address */
};

/* Whether a password may be tried now (the rule above). */
bool signin_allowed(const struct signin_failures *f);

/* A tutor's scope ("7A 7B Y8"): whether it covers a tutor group or a year
 * group. An empty scope covers nothing. */
bool scope_covers_tutor_group(const char *scope, const char *tutor_group, int year_group);
/* Validates a scope: words that are tutor group names, or Y7..Y13, in
 * at most LIMIT_SCOPE characters. */
bool scope_valid(const char *scope);
/* A login: 2 to LIMIT_LOGIN letters, digits and . _ - @ (the same rule for
 * the command line and the web). */
bool login_valid(const char *login);

/* Counts below this are shown as "c" to governors, so that no pupil can
 * be identified. */
enum { SUPPRESS_BELOW = 5 };

#endif
