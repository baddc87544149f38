/* The actions layer: one function per thing a user does that changes the
 * school's records. Each takes a typed request and the principal acting,
 * and does the whole job: it checks the request, checks that the
 * principal may do it, runs the transaction (retried when the database is
 * busy), writes the audit entry, and says what happened in a result whose
 * messages are plain sentences fit for a page or a terminal alike. The
 * command line and the web are adapters: they parse their medium's input
 * into a request, call the action, and render its result. */
#ifndef WAYMARK_ACTION_H
#define WAYMARK_ACTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/account.h"
#include "store/db.h"
#include "util/buf.h"
#include "util/date.h"

/* Who is acting. Someone at the command line holds the database file and
 * may do anything (the operating system decides who may run it); a member
 * of staff signed in on the web may do what their role allows. */
enum principal_kind {
	PRINCIPAL_OPERATOR,  /* the command line */
	PRINCIPAL_STAFF,     /* a signed-in user */
};

struct principal {
	enum principal_kind kind;
	long long user_id;       /* PRINCIPAL_STAFF: their account; 0 otherwise */
	enum role role;          /* PRINCIPAL_STAFF */
	const char *actor;       /* as the audit log names them: "cli:root", a login */
};

/* What an action works on and when. today is the school's today (tests
 * pin it); now is Unix seconds. */
struct action_ctx {
	struct db *db;
	long long school_id;
	const struct principal *who;
	date_t today;
	int64_t now;
};

enum action_status {
	ACTION_OK,
	ACTION_INVALID,      /* the request is wrong: problems say where and why */
	ACTION_UNCONFIRMED,  /* it is right but has warnings the user must accept */
	ACTION_FORBIDDEN,    /* the principal may not do it */
	ACTION_NOT_FOUND,    /* what it names does not exist (for this principal) */
	ACTION_CONFLICT,     /* the records as they stand forbid it: a problem says why */
	ACTION_FAILED,       /* the database failed: problems say what to try */
};

enum { ACTION_PROBLEMS = 16, ACTION_MESSAGE_BYTES = 400 };

/* One thing wrong with a request: field names the request's part it is
 * about ("date", "organisations"; "" for the whole request), so that a
 * form can show it beside its field and the command line can name its
 * option. */
struct action_problem {
	char field[32];
	char message[ACTION_MESSAGE_BYTES];
};

struct action_result {
	enum action_status status;
	struct action_problem problems[ACTION_PROBLEMS];
	size_t problem_count;
	struct buf warnings;     /* one warning a line, for ACTION_UNCONFIRMED (and
				  * for ACTION_OK when they were accepted) */
	size_t warning_count;
	long long id;            /* what was made or changed (the first of them) */
	long long series_id;     /* the group they were made in, if any */
	size_t made;             /* how many records the action made or changed */
};

void action_result_init(struct action_result *r);
void action_result_free(struct action_result *r);

/* Adds a problem (the first ACTION_PROBLEMS are kept) and sets status
 * unless a problem set it already. Returns status, so that a check can
 * `return action_problem(...)`. */
enum action_status action_problem(struct action_result *r, enum action_status status,
				  const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* The problem about field, or NULL. */
const char *action_problem_for(const struct action_result *r, const char *field);
void action_warning(struct action_result *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Whether the principal has one of roles (a ROLE_BIT set); the operator
 * has every role. */
bool action_allowed(const struct principal *who, unsigned roles);

#endif
