/* The web application as handlers see it: a parsed request, a response to
 * fill, and the signed-in user. No libmicrohttpd types here: only
 * web/http_server.c includes microhttpd.h.
 *
 * Where a request goes: http_server.c reads it into struct web_request,
 * web_dispatch (web/router.c) finds the route, checks the session, the role
 * and the CSRF token as the route table says, and calls the handler, which
 * renders through the escaping writer (util/html.h). */
#ifndef WAYMARK_WEB_H
#define WAYMARK_WEB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/account.h"
#include "domain/limits.h"
#include "domain/scope.h"
#include "store/db.h"
#include "store/user_store.h"
#include "util/buf.h"
#include "util/date.h"

enum web_method { WEB_GET, WEB_HEAD, WEB_POST, WEB_OTHER };

/* A query or form field (names and values are UTF-8, decoded). */
struct web_field {
	char *name;
	char *value;
};

/* A file sent with a form to a ROUTE_UPLOAD route. It is never held in
 * memory while it arrives: the server writes it to a temporary file of
 * its own (mode 0600, in a private directory, unlinked as soon as it is
 * made, so nothing is left on disk however the request ends) and closes
 * it when the request ends. Read it with web_upload_read. */
struct web_upload {
	char *field;
	char *filename;
	int fd;                     /* the file, owned by the server */
	size_t size;                /* bytes received */
};

struct web_app;
struct data_cache;

/* The signed-in user of a request. */
struct web_user {
	long long id;
	long long school_id;
	char login[64];
	char display_name[LIMIT_BYTES(LIMIT_NAME)];
	enum role role;
	char scope[LIMIT_BYTES(LIMIT_SCOPE)];
	bool must_change_password;
	bool totp_enabled;
	char csrf_token[80];
	char session_hash[65];      /* the session's key in the store */
};

struct web_request {
	enum web_method method;
	const char *path;           /* "/events/12/register", decoded */
	struct web_field *fields;   /* query then form fields */
	size_t field_count;
	struct web_upload *uploads;
	size_t upload_count;
	const char *session_token;  /* the session cookie, or NULL */
	const char *origin;         /* the Origin header, or NULL */
	const char *sec_fetch_site; /* the Sec-Fetch-Site header, or NULL */
	const char *host;
	char address[64];           /* the client's IP address */
	struct web_app *app;
	struct db *db;              /* this worker thread's connection */
	struct data_cache *cache;   /* this worker's monitoring data (web/data_cache.h) */
	struct web_user *user;      /* NULL when not signed in; valid in the handler only */
	long long user_id;          /* the signed-in user's id after dispatch, for the log */
	const char *captures[4];    /* the route's :parameters, in order */
	size_t capture_count;
	int64_t now;                /* Unix seconds */
	date_t today;
	/* The pupils the user may see: web/view.h view_covers_student builds
	 * it on first use; web_dispatch frees it. */
	struct pupil_scope scope;
	bool scope_built;
};

struct web_response {
	int status;
	const char *content_type;   /* default text/html; charset=utf-8 */
	struct buf body;
	char location[512];         /* a redirect target, or "" */
	char set_cookie[256];       /* a Set-Cookie value, or "" */
	char filename[128];         /* a download's name, or "" */
	bool cacheable;             /* static files only; pages are never cached */
};

/* What the application needs from its configuration. */
struct web_app {
	const char *db_path;
	long long school_id;
	char school_name[LIMIT_BYTES(LIMIT_TITLE)];
	bool secure_cookies;        /* cookies only over HTTPS */
	date_t pinned_today;        /* DATE_NONE: the real date (tests pin it) */
	bool damaged;               /* the start-up check found damage: nothing
				     * is saved (web_app_damaged) */
	size_t upload_limit;        /* bytes a ROUTE_UPLOAD request may send */
};

/* Whether the application is in maintenance: the database was damaged at
 * start-up, or SQLite has reported damage since. Then every POST answers
 * 503 and pages say that nothing can be saved. */
bool web_app_damaged(const struct web_app *app);

/* Runs the route for req, filling resp. Always fills resp. */
void web_dispatch(struct web_request *req, struct web_response *resp);

/* The signed-in user of req's session cookie, or NULL (no cookie, or a
 * session that has ended, whose row is then deleted; a disabled user; a
 * user of another school). The user is written to *user, which the
 * caller owns; *second_factor_done says whether the session has passed
 * the authenticator code. Touches the session's last use at most once a
 * minute. Needs req's session_token, db, app and now. */
struct web_user *web_session(struct web_request *req, struct web_user *user,
			     bool *second_factor_done);

/* Whether req may send a body as large as an upload, decided from its
 * headers alone, before any of the body is read: a POST from our own
 * pages to a ROUTE_UPLOAD route, with a session that web_dispatch would
 * let use that route (signed in, the second step done, no password owed,
 * a role the route allows). The form token, in the body, is checked later
 * by web_dispatch as for any form. Needs what web_session needs and req's
 * method, path, origin, sec_fetch_site and host; leaves req->user NULL. */
bool web_may_upload(struct web_request *req);
/* Whether the signed-in user's role may open the page at path (a query
 * string is ignored), by the route table: pages offer only links their
 * reader may follow. */
bool web_may_open(const struct web_request *req, const char *path);

/* The value of a field, or NULL (the first if repeated). */
const char *web_field(const struct web_request *req, const char *name);
/* The upload sent in a field, or NULL. */
const struct web_upload *web_upload(const struct web_request *req, const char *field);
/* The upload's file name without any folder, as valid UTF-8, or fallback
 * when it has none: for messages and the import record. */
void web_upload_name(const struct web_upload *u, const char *fallback, char out[200]);
/* Appends the whole of an upload to out. false with a message in err if
 * the file cannot be read back. */
bool web_upload_read(const struct web_upload *upload, struct buf *out, struct buf *err);

/* Response helpers. */
void web_redirect(struct web_response *resp, const char *location);
void web_error(struct web_request *req, struct web_response *resp, int status,
	       const char *message);

#endif
