/* Signing in and out, the second factor, the account page, static files. */
#include <stdio.h>
#include <string.h>

#include "store/audit_store.h"
#include "store/user_store.h"
#include "util/credentials.h"
#include "util/html.h"
#include "util/resources.h"
#include "util/text.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/routes.h"

void page_root(struct web_request *req, struct web_response *resp)
{
	(void)req;
	web_redirect(resp, "/dashboard");
}

void page_static(struct web_request *req, struct web_response *resp)
{
	char path[128];
	snprintf(path, sizeof path, "web/static/%s", req->captures[0]);
	size_t len;
	const char *data = strchr(req->captures[0], '/') ? NULL : resource_find(path, &len);
	if (!data) {
		web_error(req, resp, 404, "There is no such file.");
		return;
	}
	buf_append(&resp->body, data, len);
	resp->cacheable = true;
	const char *dot = strrchr(path, '.');
	resp->content_type = dot && strcmp(dot, ".css") == 0 ? "text/css; charset=utf-8"
			   : dot && strcmp(dot, ".js") == 0 ? "text/javascript; charset=utf-8"
			   : dot && strcmp(dot, ".svg") == 0 ? "image/svg+xml" : "application/octet-stream";
}

/* Browsers ask for /favicon.ico whatever the page names: the same icon. */
void page_favicon(struct web_request *req, struct web_response *resp)
{
	size_t len;
	const char *data = resource_find("web/static/favicon.svg", &len);
	if (!data) {
		web_error(req, resp, 404, "There is no such file.");
		return;
	}
	buf_append(&resp->body, data, len);
	resp->cacheable = true;
	resp->content_type = "image/svg+xml";
}

/* Where to go after signing in: a local path, that is one "/" followed by
 * anything but "/" or "\\", judged after taking out the control characters
 * that browsers drop from a URL (so "/\t/evil.example" is "//evil.example",
 * another site, and refused). Anything else goes to the dashboard. The
 * path is written to out without those characters. */
static const char *safe_next(const char *next, char out[512])
{
	size_t n = 0;
	for (const char *p = next ? next : ""; *p && n + 1 < 512; p++)
		if ((unsigned char)*p >= 0x20 && *p != 0x7f)
			out[n++] = *p;
	out[n] = '\0';
	if (out[0] != '/' || out[1] == '/' || out[1] == '\\')
		return "/dashboard";
	return out;
}

static void login_form(struct web_request *req, struct web_response *resp, const char *error,
		       const char *login)
{
	page_begin(req, resp, "Sign in", NULL);
	struct buf *out = &resp->body;
	if (error)
		page_notice(out, "error", error);
	char next[512];
	html_fmt(out, "<form class=\"stack\" method=\"post\" action=\"/login\">\n"
		      "<input type=\"hidden\" name=\"next\" value=\"%s\">\n"
		      "<label for=\"login\">Login</label>\n"
		      "<input id=\"login\" name=\"login\" type=\"text\" autocomplete=\"username\" "
		      "autocapitalize=\"none\" spellcheck=\"false\" required value=\"%s\">\n"
		      "<label for=\"password\">Password</label>\n"
		      "<input id=\"password\" name=\"password\" type=\"password\" "
		      "autocomplete=\"current-password\" required>\n"
		      "<button type=\"submit\">Sign in</button>\n</form>\n",
		 safe_next(web_field(req, "next"), next), login ? login : "");
	page_end(req, resp);
}

void page_login(struct web_request *req, struct web_response *resp)
{
	if (req->user) {
		web_redirect(resp, "/dashboard");
		return;
	}
	login_form(req, resp, NULL, NULL);
}

static void set_session_cookie(struct web_request *req, struct web_response *resp,
			       const char *token, bool clear)
{
	snprintf(resp->set_cookie, sizeof resp->set_cookie,
		 "waymark_session=%s; Path=/; HttpOnly; SameSite=Lax%s%s", clear ? "" : token,
		 clear ? "; Max-Age=0" : "", req->app->secure_cookies ? "; Secure" : "");
}

/* A hash to spend time on when the login is unknown, so that a wrong login
 * and a wrong password take as long. */
static const char *dummy_hash(void)
{
	static char hash[128];
	static bool made;
	if (!made) {
		made = password_hash("not a real password, only for timing", hash);
	}
	return hash;
}

void page_login_post(struct web_request *req, struct web_response *resp)
{
	const char *login = web_field(req, "login");
	const char *password = web_field(req, "password");
	if (!login || !password || !*login || !*password) {
		resp->status = 400;
		login_form(req, resp, "Enter your login and your password.", login);
		return;
	}
	struct signin_failures failures;
	if (login_attempt_failures(req->db, login, req->address, req->now - SIGNIN_WINDOW,
				   &failures) != 0) {
		web_error(req, resp, 500, "Signing in failed. Try again.");
		return;
	}
	/* A throttled attempt writes nothing: a flood of them costs a read. */
	if (!signin_allowed(&failures)) {
		resp->status = 429;
		login_form(req, resp, "Too many failed sign-ins from this computer: wait 15 minutes "
				      "and try again, or ask an administrator to reset your password.",
			   login);
		return;
	}
	struct user u;
	int found = user_store_find_login(req->db, login, &u);
	bool ok = found == 1 && !u.disabled && u.school_id == req->app->school_id;
	ok = password_verify(ok ? u.password_hash : dummy_hash(), password) && ok;
	if (!ok) {
		char kept[SIGNIN_LOGIN_KEPT + 1];
		text_copy(kept, sizeof kept, login);
		if (login_attempt_add(req->db, login, req->address, req->now, false,
				      ATTEMPT_PASSWORD) != 0 ||
		    audit_record(req->db, req->app->school_id, kept, "login.failure", "user", kept,
				 req->address) != 0) {
			web_error(req, resp, 500, "Signing in failed. Try again.");
			return;
		}
		resp->status = 401;
		login_form(req, resp, "That login and password do not match an account.", login);
		return;
	}
	/* A new session for every sign-in: any earlier token is left behind. */
	if (req->session_token && strlen(req->session_token) == 32) {
		char old[65];
		token_hash(req->session_token, old);
		session_store_delete(req->db, old);
	}
	char token[33], csrf[33], hash[65];
	token_generate(token);
	token_generate(csrf);
	token_hash(token, hash);
	if (db_begin(req->db) != 0 ||
	    login_attempt_add(req->db, login, req->address, req->now, true, ATTEMPT_PASSWORD) != 0 ||
	    session_store_add(req->db, hash, u.id, csrf, req->now, !u.totp_enabled) != 0 ||
	    user_store_touch_login(req->db, u.id) != 0 ||
	    audit_record(req->db, u.school_id, u.login, "login.success", "user", u.login,
			 req->address) != 0 ||
	    db_commit(req->db) != 0) {
		db_rollback(req->db);
		web_error(req, resp, 500, "Signing in failed. Try again.");
		return;
	}
	set_session_cookie(req, resp, token, false);
	char next_path[512];
	const char *next = safe_next(web_field(req, "next"), next_path);
	if (u.totp_enabled) {
		resp->status = 303;
		snprintf(resp->location, sizeof resp->location, "/login/code");
	} else if (u.must_change_password) {
		resp->status = 303;
		snprintf(resp->location, sizeof resp->location, "/account/password");
	} else {
		resp->status = 303;
		text_copy(resp->location, sizeof resp->location, next);
	}
}

static void code_form(struct web_request *req, struct web_response *resp, const char *error)
{
	page_begin(req, resp, "Enter your code", NULL);
	if (error)
		page_notice(&resp->body, "error", error);
	html_raw(&resp->body, "<form class=\"stack\" method=\"post\" action=\"/login/code\">\n");
	form_csrf(req, &resp->body);
	html_raw(&resp->body,
		 "<label for=\"code\">Code from your authenticator app"
		 "<span class=\"hint\">Six digits</span></label>\n"
		 "<input id=\"code\" name=\"code\" type=\"text\" inputmode=\"numeric\" "
		 "autocomplete=\"one-time-code\" pattern=\"[0-9]{6}\" required");
	if (error)
		html_raw(&resp->body, " aria-invalid=\"true\" autofocus");
	html_raw(&resp->body, ">\n<button type=\"submit\">Continue</button>\n</form>\n");
	page_end(req, resp);
}

void page_code(struct web_request *req, struct web_response *resp)
{
	code_form(req, resp, NULL);
}

/* The code's step, accepted once, and the session's second factor done,
 * together. */
struct code_accept {
	struct web_request *req;
	int64_t step;
	bool replayed;              /* out: the code had been used already */
};

static int accept_code(struct db *db, void *p)
{
	struct code_accept *a = p;
	struct web_request *req = a->req;
	int fresh = user_store_use_totp_step(db, req->user->id, a->step);
	if (fresh < 0)
		return -1;
	a->replayed = fresh == 0;
	if (a->replayed)
		return login_attempt_add(db, req->user->login, req->address, req->now, false,
					 ATTEMPT_CODE);
	if (login_attempt_add(db, req->user->login, req->address, req->now, true, ATTEMPT_CODE) != 0 ||
	    session_store_set_second_factor(db, req->user->session_hash) != 0)
		return -1;
	return 0;
}

void page_code_post(struct web_request *req, struct web_response *resp)
{
	const char *code = web_field(req, "code");
	int failures = login_attempt_code_failures(req->db, req->user->login,
						   req->now - SIGNIN_WINDOW);
	if (failures < 0) {
		web_error(req, resp, 500, "Checking the code failed. Try again.");
		return;
	}
	if (failures >= SIGNIN_CODE_FAILURES) {
		resp->status = 429;
		code_form(req, resp, "Too many wrong codes: wait 15 minutes and try again, or ask an "
				     "administrator to reset your sign-in.");
		return;
	}
	struct user u;
	struct code_accept a = { .req = req };
	bool right = code && user_store_find_id(req->db, req->user->id, &u) == 1 && u.totp_enabled &&
		     totp_check(u.totp_secret, code, req->now, &a.step);
	if (!right) {
		login_attempt_add(req->db, req->user->login, req->address, req->now, false, ATTEMPT_CODE);
		resp->status = 401;
		code_form(req, resp, "That code is not right: check the time on your phone, then enter "
				     "the six digits it shows now.");
		return;
	}
	if (db_transaction(req->db, accept_code, &a) != 0) {
		web_error(req, resp, 500, "Checking the code failed. Try again.");
		return;
	}
	if (a.replayed) {
		resp->status = 401;
		code_form(req, resp, "That code has been used already: wait for your app to show the "
				     "next one and enter that.");
		return;
	}
	web_redirect(resp, req->user->must_change_password ? "/account/password" : "/dashboard");
}

void page_logout_post(struct web_request *req, struct web_response *resp)
{
	session_store_delete(req->db, req->user->session_hash);
	audit_record(req->db, req->user->school_id, req->user->login, "logout", "user",
		     req->user->login, NULL);
	set_session_cookie(req, resp, "", true);
	web_redirect(resp, "/login");
}

void page_account(struct web_request *req, struct web_response *resp)
{
	page_begin(req, resp, "Your account", NULL);
	struct buf *out = &resp->body;
	html_fmt(out, "<dl class=\"facts\"><dt>Name</dt><dd>%s</dd><dt>Login</dt><dd>%s</dd>"
		      "<dt>Role</dt><dd>%s</dd>",
		 req->user->display_name, req->user->login, role_title(req->user->role));
	if (req->user->role == ROLE_TUTOR)
		html_fmt(out, "<dt>Groups</dt><dd>%s</dd>", *req->user->scope ? req->user->scope : "none yet");
	html_fmt(out, "<dt>Two-step sign-in</dt><dd>%s</dd></dl>\n",
		 req->user->totp_enabled ? "on" : "off");
	html_raw(out, "<p><a class=\"button secondary\" href=\"/account/password\">Change your password</a> "
		      "<a class=\"button secondary\" href=\"/account/two-factor\">Two-step sign-in</a></p>\n");
	page_end(req, resp);
}

static void password_form(struct web_request *req, struct web_response *resp, const char *error)
{
	page_begin(req, resp, "Change your password", NULL);
	struct buf *out = &resp->body;
	if (req->user->must_change_password)
		page_notice(out, "info", "Choose your own password before you go on.");
	if (error)
		page_notice(out, "error", error);
	html_raw(out, "<form class=\"stack\" method=\"post\" action=\"/account/password\">\n");
	form_csrf(req, out);
	html_raw(out, "<label for=\"current\">Current password</label>\n"
		      "<input id=\"current\" name=\"current\" type=\"password\" "
		      "autocomplete=\"current-password\" required>\n"
		      "<label for=\"new\">New password<span class=\"hint\">At least 8 characters. "
		      "A few words together are easy to remember and hard to guess.</span></label>\n"
		      "<input id=\"new\" name=\"new\" type=\"password\" autocomplete=\"new-password\" "
		      "minlength=\"8\" required>\n"
		      "<label for=\"again\">New password again</label>\n"
		      "<input id=\"again\" name=\"again\" type=\"password\" autocomplete=\"new-password\" "
		      "required>\n<button type=\"submit\">Change password</button>\n</form>\n");
	page_end(req, resp);
}

void page_password(struct web_request *req, struct web_response *resp)
{
	password_form(req, resp, NULL);
}

void page_password_post(struct web_request *req, struct web_response *resp)
{
	const char *current = web_field(req, "current");
	const char *fresh = web_field(req, "new");
	const char *again = web_field(req, "again");
	struct user u;
	if (!current || !fresh || !again || user_store_find_id(req->db, req->user->id, &u) != 1) {
		resp->status = 400;
		password_form(req, resp, "Fill in all three boxes.");
		return;
	}
	if (!password_verify(u.password_hash, current)) {
		resp->status = 400;
		password_form(req, resp, "Your current password is not right.");
		return;
	}
	if (strcmp(fresh, again) != 0) {
		resp->status = 400;
		password_form(req, resp, "The two new passwords are different.");
		return;
	}
	const char *problem = password_problem(fresh, u.login);
	if (problem) {
		char message[200];
		snprintf(message, sizeof message, "Choose another password: %s.", problem);
		resp->status = 400;
		password_form(req, resp, message);
		return;
	}
	char hash[128];
	if (!password_hash(fresh, hash)) {
		web_error(req, resp, 500, "The password could not be saved. Try again.");
		return;
	}
	/* Every other session of this user ends: a changed password locks
	 * out whoever else had it. This one goes on with a new token. */
	char token[33], csrf[33], token_h[65];
	token_generate(token);
	token_generate(csrf);
	token_hash(token, token_h);
	if (db_begin(req->db) != 0 || user_store_set_password(req->db, u.id, hash, false) != 0 ||
	    session_store_delete_user(req->db, u.id) != 0 ||
	    session_store_add(req->db, token_h, u.id, csrf, req->now, true) != 0 ||
	    audit_record(req->db, u.school_id, u.login, "user.password", "user", u.login, NULL) != 0 ||
	    db_commit(req->db) != 0) {
		db_rollback(req->db);
		web_error(req, resp, 500, "The password could not be saved. Try again.");
		return;
	}
	set_session_cookie(req, resp, token, false);
	web_redirect(resp, "/dashboard");
}

void page_two_factor(struct web_request *req, struct web_response *resp)
{
	struct user u;
	page_begin(req, resp, "Two-step sign-in", NULL);
	struct buf *out = &resp->body;
	if (user_store_find_id(req->db, req->user->id, &u) != 1) {
		page_end(req, resp);
		return;
	}
	if (u.totp_enabled) {
		html_raw(out, "<p>Two-step sign-in is on: after your password, Waymark asks for the "
			      "code from your authenticator app.</p>\n"
			      "<form method=\"post\" action=\"/account/two-factor\">");
		form_csrf(req, out);
		html_raw(out, "<input type=\"hidden\" name=\"action\" value=\"off\">"
			      "<button type=\"submit\" class=\"warning\">Turn it off</button></form>\n");
		page_end(req, resp);
		return;
	}
	/* Sent here by web_dispatch when the school requires it. */
	char required[8] = "no";
	setting_get(req->db, u.school_id, "two_factor_admins", "no", required, sizeof required);
	if (req->user->role == ROLE_ADMIN && strcmp(required, "yes") == 0)
		page_notice(out, "info", "Your school requires administrators to use two-step sign-in: "
					 "set it up to go on.");
	/* A secret kept on the account, not yet enabled, until a code proves
	 * the app has it. */
	char secret[64];
	if (u.totp_secret[0])
		text_copy(secret, sizeof secret, u.totp_secret);
	else if (!totp_new_secret(secret) || user_store_set_totp(req->db, u.id, secret, false) != 0)
		secret[0] = '\0';
	struct buf uri = BUF_INIT;
	totp_uri(secret, "Waymark", u.login, &uri);
	html_raw(out, "<p>Scan this with an authenticator app (such as Microsoft Authenticator or "
		      "Google Authenticator), then enter the code it shows.</p>\n<figure>");
	qr_svg(buf_str(&uri), out);
	html_fmt(out, "<figcaption>Or type this key into the app: <code>%s</code></figcaption></figure>\n",
		 secret);
	html_raw(out, "<form class=\"stack\" method=\"post\" action=\"/account/two-factor\">\n");
	form_csrf(req, out);
	html_raw(out, "<input type=\"hidden\" name=\"action\" value=\"on\">\n"
		      "<label for=\"code\">Code from the app</label>\n"
		      "<input id=\"code\" name=\"code\" type=\"text\" inputmode=\"numeric\" "
		      "autocomplete=\"one-time-code\" pattern=\"[0-9]{6}\" required>\n"
		      "<button type=\"submit\">Turn on two-step sign-in</button>\n</form>\n");
	buf_free(&uri);
	page_end(req, resp);
}

void page_two_factor_post(struct web_request *req, struct web_response *resp)
{
	const char *action = web_field(req, "action");
	struct user u;
	if (!action || user_store_find_id(req->db, req->user->id, &u) != 1) {
		web_error(req, resp, 400, "The form could not be read.");
		return;
	}
	if (strcmp(action, "off") == 0) {
		char required[8];
		setting_get(req->db, u.school_id, "two_factor_admins", "no", required, sizeof required);
		if (req->user->role == ROLE_ADMIN && strcmp(required, "yes") == 0) {
			web_error(req, resp, 403, "Your school requires two-step sign-in for administrators.");
			return;
		}
		/* Off and audited together, or neither. */
		if (db_begin(req->db) != 0 || user_store_set_totp(req->db, u.id, NULL, false) != 0 ||
		    audit_record(req->db, u.school_id, u.login, "user.two-factor-off", "user", u.login,
				 NULL) != 0 ||
		    db_commit(req->db) != 0) {
			db_rollback(req->db);
			web_error(req, resp, 500, "Two-step sign-in could not be turned off. Try again.");
			return;
		}
		web_redirect(resp, "/account");
		return;
	}
	const char *code = web_field(req, "code");
	int64_t step = 0;
	int fresh = 0;
	if (u.totp_secret[0] && code && totp_check(u.totp_secret, code, req->now, &step)) {
		/* The enrolment code is spent, like any other. */
		if (db_begin(req->db) != 0 ||
		    (fresh = user_store_use_totp_step(req->db, u.id, step)) < 0 ||
		    (fresh && (user_store_set_totp(req->db, u.id, u.totp_secret, true) != 0 ||
			       session_store_set_second_factor(req->db, req->user->session_hash) != 0 ||
			       audit_record(req->db, u.school_id, u.login, "user.two-factor-on", "user",
					    u.login, NULL) != 0)) ||
		    db_commit(req->db) != 0) {
			db_rollback(req->db);
			web_error(req, resp, 500, "Two-step sign-in could not be turned on. Try again.");
			return;
		}
	}
	if (fresh != 1) {
		resp->status = 400;
		page_begin(req, resp, "Two-step sign-in", NULL);
		page_notice(&resp->body, "error", "That code is not right: try the code the app shows now.");
		html_raw(&resp->body, "<p><a href=\"/account/two-factor\">Try again</a></p>\n");
		page_end(req, resp);
		return;
	}
	web_redirect(resp, "/account");
}
