#include "web/routes.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/user_store.h"
#include "util/credentials.h"
#include "util/html.h"
#include "web/layout.h"
#include "util/text.h"

extern __thread const char *web_current_route;

const char *web_field(const struct web_request *req, const char *name)
{
	for (size_t i = 0; i < req->field_count; i++)
		if (strcmp(req->fields[i].name, name) == 0)
			return req->fields[i].value;
	return NULL;
}

const struct web_upload *web_upload(const struct web_request *req, const char *field)
{
	for (size_t i = 0; i < req->upload_count; i++)
		if (strcmp(req->uploads[i].field, field) == 0)
			return &req->uploads[i];
	return NULL;
}

void web_upload_name(const struct web_upload *u, const char *fallback, char out[200])
{
	const char *name = u && u->filename ? u->filename : "";
	for (const char *p = name; *p; p++)
		if (*p == '/' || *p == '\\')
			name = p + 1;
	snprintf(out, 200, "%s", name);
	out[text_utf8_valid_prefix(out, strlen(out))] = '\0';
	if (!*out)
		snprintf(out, 200, "%s", fallback);
}

bool web_upload_read(const struct web_upload *upload, struct buf *out, struct buf *err)
{
	buf_reserve(out, upload->size);
	size_t done = 0;
	while (done < upload->size) {
		ssize_t n = pread(upload->fd, out->data + out->len, upload->size - done, (off_t)done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			buf_printf(err, "the uploaded file could not be read back: %s",
				   n < 0 ? strerror(errno) : "it is shorter than was received");
			out->data[out->len] = '\0';
			return false;
		}
		done += (size_t)n;
		out->len += (size_t)n;
	}
	out->data[out->len] = '\0';
	return true;
}

void web_redirect(struct web_response *resp, const char *location)
{
	resp->status = 303;
	text_copy(resp->location, sizeof resp->location, location);
	buf_reset(&resp->body);
}

const struct route *route_match(enum web_method method, char *path, const char **captures,
				size_t *capture_count, bool *method_mismatch)
{
	*method_mismatch = false;
	enum web_method want = method == WEB_HEAD ? WEB_GET : method;
	for (size_t r = 0; r < web_route_count; r++) {
		const struct route *route = &web_routes[r];
		const char *p = route->pattern;
		char *s = path;
		size_t n = 0;
		bool ok = true;
		while (ok && *p && *s) {
			if (*p == ':') {
				/* A parameter: one path segment, not empty. */
				while (*p && *p != '/')
					p++;
				char *end = strchr(s, '/');
				size_t len = end ? (size_t)(end - s) : strlen(s);
				ok = len > 0 && n < 4;
				if (ok)
					captures[n++] = s;
				s += len;
			} else {
				ok = *p++ == *s++;
			}
		}
		if (!ok || *p || *s)
			continue;
		if (route->method != want) {
			*method_mismatch = true;
			continue;
		}
		/* Terminate the captures in the copy. */
		for (size_t i = 0; i < n; i++) {
			char *end = strchr((char *)captures[i], '/');
			if (end)
				*end = '\0';
		}
		*capture_count = n;
		return route;
	}
	return NULL;
}

/* A POST must come from our own pages: the browser says so with Origin
 * or Sec-Fetch-Site (every browser a school uses sends one of them). */
static bool same_origin(const struct web_request *req)
{
	if (req->sec_fetch_site && strcmp(req->sec_fetch_site, "same-origin") != 0 &&
	    strcmp(req->sec_fetch_site, "none") != 0)
		return false;
	if (req->origin && req->host) {
		const char *host = strstr(req->origin, "://");
		host = host ? host + 3 : req->origin;
		if (strcmp(host, req->host) != 0)
			return false;
	}
	return true;
}

bool web_app_damaged(const struct web_app *app)
{
	struct db_trouble seen;
	db_trouble(NULL, &seen);
	return app->damaged || seen.damage > 0;
}

/* A damaged database takes no writes: every POST gets this page. Signing
 * out cannot be recorded either, but the browser still forgets the
 * session (it ends by itself within SESSION_IDLE). */
static void maintenance(struct web_request *req, struct web_response *resp)
{
	web_error(req, resp, 503, "The database is damaged, so nothing can be saved. Tell whoever looks "
				  "after Waymark on the school's server: they restore the last backup "
				  "(docs/reliability.md explains how).");
	if (strcmp(req->path, "/logout") == 0)
		snprintf(resp->set_cookie, sizeof resp->set_cookie,
			 "waymark_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0%s",
			 req->app->secure_cookies ? "; Secure" : "");
}

struct web_user *web_session(struct web_request *req, struct web_user *user,
			     bool *second_factor_done)
{
	*second_factor_done = false;
	if (!req->session_token || strlen(req->session_token) != 32)
		return NULL;
	char hash[65];
	token_hash(req->session_token, hash);
	struct session_row s;
	if (session_store_find(req->db, hash, &s) != 1)
		return NULL;
	/* Nothing is written to a damaged database, not even this. */
	bool damaged = web_app_damaged(req->app);
	if (req->now - s.last_seen_at > SESSION_IDLE || req->now - s.created_at > SESSION_LIFETIME) {
		if (!damaged)
			session_store_delete(req->db, hash);
		return NULL;
	}
	struct user u;
	if (user_store_find_id(req->db, s.user_id, &u) != 1 || u.disabled ||
	    u.school_id != req->app->school_id)
		return NULL;
	enum role role;
	if (!role_parse(u.role, &role))
		return NULL;
	memset(user, 0, sizeof *user);
	user->id = u.id;
	user->school_id = u.school_id;
	text_copy(user->login, sizeof user->login, u.login);
	text_copy(user->display_name, sizeof user->display_name, u.display_name);
	user->role = role;
	text_copy(user->scope, sizeof user->scope, u.scope);
	user->must_change_password = u.must_change_password;
	user->totp_enabled = u.totp_enabled;
	text_copy(user->csrf_token, sizeof user->csrf_token, s.csrf_token);
	text_copy(user->session_hash, sizeof user->session_hash, hash);
	*second_factor_done = s.second_factor_done;
	/* Idle time counts from the last request, at most once a minute. */
	if (req->now - s.last_seen_at >= 60 && !damaged)
		session_store_touch(req->db, hash, req->now);
	return user;
}

/* School setting two_factor_admins ("yes" or "no", default no): whether
 * administrators must use two-step sign-in. A setting that cannot be read
 * counts as yes: the safe way to be wrong. */
static bool admins_need_two_factor(struct web_request *req)
{
	char value[8] = "";
	if (setting_get(req->db, req->app->school_id, "two_factor_admins", "no", value,
			sizeof value) != 0)
		return true;
	return strcmp(value, "yes") == 0;
}

/* What stands between a request and a route that is not public, short of
 * the form token (which is in the body): the checks in the order
 * web_dispatch makes them. */
enum gate {
	GATE_OPEN,          /* the route may be used */
	GATE_SIGN_IN,       /* no session */
	GATE_CODE,          /* the authenticator code is owed */
	GATE_PASSWORD,      /* a new password is owed */
	GATE_TWO_FACTOR,    /* an administrator must set up two-step sign-in */
	GATE_ROLE,          /* the role may not use the route */
};

static enum gate route_gate(struct web_request *req, const struct route *route,
			    bool second_factor_done)
{
	if (!req->user)
		return GATE_SIGN_IN;
	if (req->user->totp_enabled && !second_factor_done && !(route->flags & ROUTE_BEFORE_CODE))
		return GATE_CODE;
	if (req->user->must_change_password && !(route->flags & ROUTE_BEFORE_PASSWORD))
		return GATE_PASSWORD;
	/* When the school requires it, an administrator without two-step
	 * sign-in sets it up before anything else: every page but those for
	 * doing so (and the account, password and sign-out pages) sends them
	 * to /account/two-factor, from the first page after signing in
	 * onwards. */
	if (req->user->role == ROLE_ADMIN && !req->user->totp_enabled &&
	    !(route->flags & (ROUTE_BEFORE_TWO_FACTOR | ROUTE_BEFORE_PASSWORD)) &&
	    admins_need_two_factor(req))
		return GATE_TWO_FACTOR;
	if (!(route->roles & ROLE_BIT(req->user->role)))
		return GATE_ROLE;
	return GATE_OPEN;
}

bool web_may_open(const struct web_request *req, const char *path)
{
	char copy[256];
	size_t len = strcspn(path, "?#");
	if (!req->user || len >= sizeof copy)
		return false;
	memcpy(copy, path, len);
	copy[len] = '\0';
	const char *captures[4];
	size_t n;
	bool mismatch;
	const struct route *route = route_match(WEB_GET, copy, captures, &n, &mismatch);
	return route && (route->flags & ROUTE_PUBLIC ||
			 (route->roles & ROLE_BIT(req->user->role)) != 0);
}

bool web_may_upload(struct web_request *req)
{
	if (req->method != WEB_POST || !same_origin(req))
		return false;
	char *path = strdup(req->path);
	const char *captures[4];
	size_t capture_count = 0;
	bool mismatch;
	const struct route *route = path ? route_match(req->method, path, captures, &capture_count,
						       &mismatch) : NULL;
	bool may = false;
	if (route && (route->flags & ROUTE_UPLOAD) && !(route->flags & ROUTE_PUBLIC)) {
		struct web_user user;
		bool second_factor_done;
		req->user = web_session(req, &user, &second_factor_done);
		may = route_gate(req, route, second_factor_done) == GATE_OPEN;
		req->user = NULL;
	}
	free(path);
	return may;
}

/* The answer to a request a gate stopped. */
static void refuse(struct web_request *req, struct web_response *resp, enum gate gate)
{
	switch (gate) {
	case GATE_SIGN_IN:
		if (req->method == WEB_POST) {
			web_error(req, resp, 403, "Your session has ended: sign in again.");
		} else {
			struct buf to = BUF_INIT;
			buf_puts(&to, "/login?next=");
			url_encode(&to, req->path);
			web_redirect(resp, buf_str(&to));
			buf_free(&to);
		}
		break;
	case GATE_CODE: web_redirect(resp, "/login/code"); break;
	case GATE_PASSWORD: web_redirect(resp, "/account/password"); break;
	case GATE_TWO_FACTOR: web_redirect(resp, "/account/two-factor"); break;
	case GATE_ROLE:
		web_error(req, resp, 403, "Your account does not give you access to this page.");
		break;
	case GATE_OPEN: break;
	}
}

static void dispatch_route(struct web_request *req, struct web_response *resp,
			   struct web_user *user)
{
	char *path = strdup(req->path);
	bool mismatch;
	const struct route *route = path ? route_match(req->method, path, req->captures,
						       &req->capture_count, &mismatch) : NULL;
	web_current_route = route ? route->pattern : "(no route)";
	if (!route) {
		web_error(req, resp, mismatch ? 405 : 404,
			  mismatch ? "That address does not take this kind of request."
				   : "There is no page at this address.");
		free(path);
		return;
	}
	if (req->method == WEB_POST && !same_origin(req)) {
		web_error(req, resp, 403, "This form was sent from another site, so it was refused.");
		free(path);
		return;
	}
	/* Sign-in too: it writes a session. */
	if (req->method == WEB_POST && web_app_damaged(req->app)) {
		maintenance(req, resp);
		free(path);
		return;
	}
	bool second_factor_done = false;
	req->user = web_session(req, user, &second_factor_done);

	if (!(route->flags & ROUTE_PUBLIC)) {
		enum gate gate = route_gate(req, route, second_factor_done);
		if (gate != GATE_OPEN) {
			refuse(req, resp, gate);
			free(path);
			return;
		}
		if (route->flags & ROUTE_CSRF) {
			const char *token = web_field(req, "csrf");
			if (!token || !token_equal(token, req->user->csrf_token)) {
				web_error(req, resp, 403,
					  "This form has expired or did not come from Waymark: go back, reload the page and try again.");
				free(path);
				return;
			}
		}
	}
	route->handler(req, resp);
	if (req->method == WEB_HEAD)
		buf_reset(&resp->body);
	free(path);
}

/* A handler that failed because the disk is full says only that it could
 * not save; this says why, and what to do. */
static void explain_trouble(struct web_request *req, struct web_response *resp,
			    const struct db_trouble *before)
{
	struct db_trouble after;
	db_trouble(req->db, &after);
	if (resp->status < 500)
		return;
	if (after.disk_full > before->disk_full)
		web_error(req, resp, 503, "The server's disk is full, so this was not saved; what was saved "
					  "before is safe. Tell your administrator: once space is freed, "
					  "saving works again.");
	else if (after.damage > before->damage)
		maintenance(req, resp);
}

void web_dispatch(struct web_request *req, struct web_response *resp)
{
	struct web_user user;
	struct db_trouble before;
	db_trouble(NULL, &before);
	req->user = NULL;
	dispatch_route(req, resp, &user);
	explain_trouble(req, resp, &before);
	req->user_id = req->user ? req->user->id : 0;
	req->user = NULL;
	pupil_scope_free(&req->scope);
	req->scope_built = false;
}
