/* The route table: every page and form of the application, with who may
 * use it and how it is protected. Policy is data here and enforced once,
 * in web_dispatch; handlers never check roles or CSRF themselves. */
#ifndef WAYMARK_ROUTES_H
#define WAYMARK_ROUTES_H

#include <stddef.h>

#include "web/web.h"

enum route_flag {
	ROUTE_PUBLIC = 1u << 0,          /* no sign-in needed */
	ROUTE_CSRF = 1u << 1,            /* changes state: form token and same origin */
	ROUTE_BEFORE_PASSWORD = 1u << 2, /* usable while a new password is owed */
	ROUTE_BEFORE_CODE = 1u << 3,     /* usable before the authenticator code */
	ROUTE_BEFORE_TWO_FACTOR = 1u << 4, /* usable by an admin who must still set up
					    * two-step sign-in (school setting
					    * two_factor_admins) */
	ROUTE_UPLOAD = 1u << 5,          /* takes a file: a body up to the upload limit
					  * (web_may_upload), kept in a temporary file;
					  * other routes get the form limit and no files */
};

typedef void (*web_handler)(struct web_request *req, struct web_response *resp);

struct route {
	enum web_method method;   /* GET routes also answer HEAD */
	const char *pattern;      /* "/events/:id/register" */
	web_handler handler;
	unsigned roles;           /* ROLE_BIT mask of who may use it */
	unsigned flags;
};

extern const struct route web_routes[];
extern const size_t web_route_count;

/* The route for a method and path, with its :parameters in captures
 * (pointing into buffer, which must hold a copy of the path). NULL if
 * none matches; *method_mismatch set when the path exists for another
 * method. */
const struct route *route_match(enum web_method method, char *path_copy,
				const char **captures, size_t *capture_count,
				bool *method_mismatch);

/* Session lifetimes, in seconds. */
enum { SESSION_IDLE = 60 * 60, SESSION_LIFETIME = 12 * 60 * 60 };

#endif
