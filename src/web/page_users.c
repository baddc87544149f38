/* Staff accounts and school settings (administrators only, as the route
 * table says): the list, adding a member of staff, disabling, enabling,
 * resetting a password, changing a role, name or tutor groups; and the
 * two_factor_admins setting. Each change is one action of
 * action/user_action.h, the same that `waymark user` runs.
 *
 * After a change the browser is redirected with a code in the query string
 * (?done=disabled), never a message: the page says what the code means,
 * so a link cannot make it say anything else. The two exceptions are
 * adding a user and resetting a password, whose one-time password is shown
 * once, on the page that answers the form, and never put in a URL. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action/setting_action.h"
#include "action/user_action.h"
#include "domain/account.h"
#include "domain/limits.h"
#include "store/audit_store.h"
#include "store/user_store.h"
#include "util/html.h"
#include "util/text.h"
#include "web/layout.h"
#include "web/pages.h"

/* ---- Checking what a form sends ---- */


/* The user named by the route's :id, in this school; false after a 404. */
static bool route_user(struct web_request *req, struct web_response *resp, struct user *u)
{
	long id;
	if (!text_to_int(req->captures[0], 1, 1000000000000L, &id) ||
	    user_store_find_id(req->db, id, u) != 1 || u->school_id != req->app->school_id) {
		web_error(req, resp, 404, "There is no such user.");
		return false;
	}
	return true;
}

static void redirect_user(struct web_response *resp, const struct user *u, const char *query)
{
	char to[96];
	snprintf(to, sizeof to, "/users/%lld?%s", u->id, query);
	web_redirect(resp, to);
}

static void role_options(struct buf *out, const char *current)
{
	for (int r = 0; r < ROLE_COUNT; r++) {
		const char *name = role_name((enum role)r), *title = role_title((enum role)r);
		if (strcmp(current, name) == 0)
			html_fmt(out, "<option value=\"%s\" selected>%s</option>", name, title);
		else
			html_fmt(out, "<option value=\"%s\">%s</option>", name, title);
	}
}

static void admins_warning(struct web_request *req, struct buf *out)
{
	int admins = user_store_count_admins(req->db, req->app->school_id);
	if (admins >= 0 && admins < 2) {
		char text[200];
		snprintf(text, sizeof text,
			 "Warning: %s administrator%s can sign in. Add a second, so that one leaving "
			 "or locked out cannot lock the school out of Waymark.",
			 admins == 0 ? "no" : "only one", admins == 1 ? "" : "s");
		page_notice(out, "warning", text);
	}
}

/* ---- The list ---- */

void page_users(struct web_request *req, struct web_response *resp)
{
	struct user *users = NULL;
	long n = user_store_list(req->db, req->app->school_id, &users);
	if (n < 0) {
		web_error(req, resp, 500, "The users could not be read. Try again.");
		return;
	}
	page_begin(req, resp, "Users", "users");
	struct buf *out = &resp->body;
	admins_warning(req, out);
	html_raw(out, "<p><a class=\"button\" href=\"/users/new\">Add a member of staff</a> "
		      "<a class=\"button secondary\" href=\"/settings\">School settings</a></p>\n"
		      "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Users\">"
		      "<table>\n<caption>Everyone who can sign in to "
		      "Waymark, by login</caption>\n<thead><tr><th scope=\"col\">Name</th>"
		      "<th scope=\"col\">Login</th><th scope=\"col\">Role</th>"
		      "<th scope=\"col\">Tutor groups</th><th scope=\"col\">State</th>"
		      "<th scope=\"col\">Last sign-in</th><th scope=\"col\">Two-step sign-in</th>"
		      "</tr></thead>\n<tbody>\n");
	for (long i = 0; i < n; i++) {
		const struct user *u = &users[i];
		enum role role = ROLE_GOVERNOR;
		role_parse(u->role, &role);
		const char *state = u->disabled ? "disabled"
				  : u->must_change_password ? "new password owed" : "active";
		html_fmt(out, "<tr><th scope=\"row\"><a href=\"/users/%lld\">%s</a></th><td>%s</td>"
			      "<td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
			 u->id, u->display_name, u->login, role_title(role), *u->scope ? u->scope : "-",
			 state, u->last_login_at[0] ? u->last_login_at : "never",
			 u->totp_enabled ? "on" : "off");
	}
	html_raw(out, "</tbody></table></div>\n");
	free(users);
	page_end(req, resp);
}

/* ---- Adding ---- */

static void new_user_form(struct web_request *req, struct web_response *resp, const char *error,
			  const char *login, const char *name, const char *role, const char *scope)
{
	page_begin(req, resp, "Add a member of staff", "users");
	struct buf *out = &resp->body;
	if (error)
		page_notice(out, "error", error);
	html_raw(out, "<form class=\"stack\" method=\"post\" action=\"/users/new\">\n");
	form_csrf(req, out);
	html_fmt(out, "\n<label for=\"login\">Login<span class=\"hint\">2 to 60 letters, digits and "
		      ". _ - @; an email address works</span></label>\n"
		      "<input id=\"login\" name=\"login\" type=\"text\" autocomplete=\"off\" "
		      "autocapitalize=\"none\" spellcheck=\"false\" required maxlength=\"60\" value=\"%s\">\n"
		      "<label for=\"name\">Name<span class=\"hint\">As colleagues know them</span></label>\n"
		      "<input id=\"name\" name=\"name\" type=\"text\" required maxlength=\"100\" value=\"%s\">\n"
		      "<label for=\"role\">Role</label>\n<select id=\"role\" name=\"role\">",
		 login, name);
	role_options(out, role);
	html_fmt(out, "</select>\n<label for=\"scope\">Tutor groups<span class=\"hint\">For a tutor: "
		      "their tutor groups and year groups, such as 7A 7B Y8</span></label>\n"
		      "<input id=\"scope\" name=\"scope\" type=\"text\" value=\"%s\">\n"
		      "<button type=\"submit\">Add</button>\n"
		      "<a class=\"button secondary\" href=\"/users\">Cancel</a>\n</form>\n",
		 scope);
	page_end(req, resp);
}

void page_user_new(struct web_request *req, struct web_response *resp)
{
	new_user_form(req, resp, NULL, "", "", "tutor", "");
}

/* The one-time password, shown once. */
static void password_page(struct web_request *req, struct web_response *resp, const char *title,
			  const struct user *u, const char *password, const char *what)
{
	page_begin(req, resp, title, "users");
	struct buf *out = &resp->body;
	page_notice(out, "success", what);
	html_fmt(out, "<p>One-time password for <strong>%s</strong> (login <code>%s</code>):</p>\n"
		      "<p class=\"secret\"><code>%s</code></p>\n"
		      "<p>It is shown only this once: give it to %s in person or by phone. They choose "
		      "their own password when they first sign in.</p>\n"
		      "<p><a class=\"button secondary\" href=\"/users/%lld\">Back to %s</a> "
		      "<a class=\"button secondary\" href=\"/users\">All users</a></p>\n",
		 u->display_name, u->login, password, u->display_name, u->id, u->display_name);
	page_end(req, resp);
}

void page_user_new_post(struct web_request *req, struct web_response *resp)
{
	const char *login = web_field(req, "login"), *name = web_field(req, "name");
	const char *role_arg = web_field(req, "role"), *scope = web_field(req, "scope");
	struct user_request rq = { .login = login ? login : "", .name = name ? name : "",
				   .role = role_arg ? role_arg : "", .scope = scope ? scope : "" };
	struct principal who = web_principal(req);
	struct action_ctx ctx = web_action_ctx(req, &who);
	struct action_result r;
	action_result_init(&r);
	char password[USER_PASSWORD_BYTES];
	enum action_status status = user_add(&ctx, &rq, password, &r);
	if (status == ACTION_INVALID || status == ACTION_CONFLICT) {
		resp->status = 400;
		new_user_form(req, resp, r.problems[0].message, rq.login, rq.name, rq.role, rq.scope);
	} else if (status != ACTION_OK) {
		web_error(req, resp, status == ACTION_FORBIDDEN ? 403 : 500, r.problems[0].message);
	} else {
		struct user u;
		enum role role = ROLE_GOVERNOR;
		role_parse(rq.role, &role);
		if (user_store_find_id(req->db, r.id, &u) != 1) {
			web_error(req, resp, 500, "The user was added but could not be read back.");
		} else {
			char what[LIMIT_BYTES(LIMIT_NAME) + 128];
			snprintf(what, sizeof what, "%s was added as %s.", u.display_name, role_title(role));
			password_page(req, resp, "User added", &u, password, what);
		}
	}
	action_result_free(&r);
}

/* ---- One user ---- */

struct user_message {
	const char *code, *kind, *text;
};

/* What each redirect code says; %s is the user's name. */
static const struct user_message user_messages[] = {
	{ "saved", "success", "The changes to %s were saved." },
	{ "disabled", "success", "%s can no longer sign in, and their sessions have ended." },
	{ "enabled", "success", "%s can sign in again." },
	{ "self-disable", "error", "You cannot disable your own account: ask another administrator." },
	{ "self-reset", "error", "Change your own password on your account page instead." },
	{ "self-role", "error", "You cannot take away your own administrator role: ask another administrator." },
	{ "bad-role", "error", "Choose a role from the list." },
	{ "bad-name", "error", "Give a name of up to 100 characters, on one line." },
	{ "bad-scope", "error", "Tutor groups are names such as 7A, or year groups such as Y8, with spaces between." },
};

static void user_notice(const struct web_request *req, const struct user *u, struct buf *out)
{
	const char *code = web_field(req, "done");
	if (!code)
		code = web_field(req, "problem");
	if (!code)
		return;
	for (size_t i = 0; i < sizeof user_messages / sizeof *user_messages; i++) {
		if (strcmp(code, user_messages[i].code) != 0)
			continue;
		char text[300];
		snprintf(text, sizeof text, user_messages[i].text, u->display_name);
		page_notice(out, user_messages[i].kind, text);
		return;
	}
}

void page_user(struct web_request *req, struct web_response *resp)
{
	struct user u;
	if (!route_user(req, resp, &u))
		return;
	enum role role = ROLE_GOVERNOR;
	role_parse(u.role, &role);
	bool self = u.id == req->user->id;
	page_begin(req, resp, u.display_name, "users");
	struct buf *out = &resp->body;
	user_notice(req, &u, out);
	html_fmt(out, "<dl class=\"facts\"><dt>Login</dt><dd>%s</dd><dt>Role</dt><dd>%s</dd>"
		      "<dt>Tutor groups</dt><dd>%s</dd><dt>State</dt><dd>%s</dd>"
		      "<dt>Last sign-in</dt><dd>%s</dd><dt>Two-step sign-in</dt><dd>%s</dd></dl>\n",
		 u.login, role_title(role), *u.scope ? u.scope : "none",
		 u.disabled ? "disabled" : u.must_change_password ? "new password owed" : "active",
		 u.last_login_at[0] ? u.last_login_at : "never", u.totp_enabled ? "on" : "off");

	html_fmt(out, "<section aria-labelledby=\"role-h\"><h2 id=\"role-h\">Role, name and tutor "
		      "groups</h2>\n<form class=\"stack\" method=\"post\" action=\"/users/%lld/role\">\n",
		 u.id);
	form_csrf(req, out);
	html_fmt(out, "\n<label for=\"name\">Name</label>\n<input id=\"name\" name=\"name\" type=\"text\" "
		      "required maxlength=\"100\" value=\"%s\">\n<label for=\"role\">Role",
		 u.display_name);
	if (self)
		html_raw(out, "<span class=\"hint\">You cannot take away your own administrator role</span>");
	html_raw(out, "</label>\n<select id=\"role\" name=\"role\">");
	role_options(out, u.role);
	html_fmt(out, "</select>\n<label for=\"scope\">Tutor groups<span class=\"hint\">Such as "
		      "7A 7B Y8</span></label>\n<input id=\"scope\" name=\"scope\" type=\"text\" "
		      "value=\"%s\">\n<button type=\"submit\">Save changes</button>\n</form></section>\n",
		 u.scope);

	html_raw(out, "<section aria-labelledby=\"access-h\"><h2 id=\"access-h\">Signing in</h2>\n");
	if (self) {
		html_raw(out, "<p>This is your own account: change your password or two-step sign-in on "
			      "<a href=\"/account\">your account page</a>. Another administrator can "
			      "disable or reset it.</p>\n");
	} else {
		html_fmt(out, "<form method=\"post\" action=\"/users/%lld/%s\">", u.id,
			 u.disabled ? "enable" : "disable");
		form_csrf(req, out);
		if (u.disabled)
			html_raw(out, "<button type=\"submit\">Let them sign in again</button></form>\n");
		else
			html_raw(out, "<button type=\"submit\" class=\"warning\">Disable: stop them "
				      "signing in</button></form>\n");
		html_fmt(out, "<form method=\"post\" action=\"/users/%lld/reset\">", u.id);
		form_csrf(req, out);
		html_raw(out, "<p>A reset gives a new one-time password, ends their sessions and turns "
			      "off two-step sign-in, for someone locked out.</p>"
			      "<button type=\"submit\" class=\"secondary\">Reset their password</button></form>\n");
	}
	html_raw(out, "</section>\n<p><a href=\"/users\">All users</a></p>\n");
	page_end(req, resp);
}

static void set_disabled(struct web_request *req, struct web_response *resp, bool disabled)
{
	struct user u;
	if (!route_user(req, resp, &u))
		return;
	struct principal who = web_principal(req);
	struct action_ctx ctx = web_action_ctx(req, &who);
	struct action_result r;
	action_result_init(&r);
	enum action_status status = user_set_disabled(&ctx, u.id, disabled, &r);
	if (status == ACTION_CONFLICT)
		redirect_user(resp, &u, "problem=self-disable");
	else if (status != ACTION_OK)
		web_error(req, resp, status == ACTION_FORBIDDEN ? 403 : 500, r.problems[0].message);
	else
		redirect_user(resp, &u, disabled ? "done=disabled" : "done=enabled");
	action_result_free(&r);
}

void page_user_disable_post(struct web_request *req, struct web_response *resp)
{
	set_disabled(req, resp, true);
}

void page_user_enable_post(struct web_request *req, struct web_response *resp)
{
	set_disabled(req, resp, false);
}

void page_user_reset_post(struct web_request *req, struct web_response *resp)
{
	struct user u;
	if (!route_user(req, resp, &u))
		return;
	struct principal who = web_principal(req);
	struct action_ctx ctx = web_action_ctx(req, &who);
	struct action_result r;
	action_result_init(&r);
	char password[USER_PASSWORD_BYTES];
	enum action_status status = user_reset(&ctx, u.id, password, &r);
	if (status == ACTION_CONFLICT) {
		redirect_user(resp, &u, "problem=self-reset");
	} else if (status != ACTION_OK) {
		web_error(req, resp, status == ACTION_FORBIDDEN ? 403 : 500, r.problems[0].message);
	} else {
		char what[LIMIT_BYTES(LIMIT_NAME) + 128];
		snprintf(what, sizeof what, "%s has a new one-time password; their sessions have ended "
					    "and two-step sign-in is off.", u.display_name);
		password_page(req, resp, "Password reset", &u, password, what);
	}
	action_result_free(&r);
}

void page_user_role_post(struct web_request *req, struct web_response *resp)
{
	struct user u;
	if (!route_user(req, resp, &u))
		return;
	const char *role_arg = web_field(req, "role"), *name = web_field(req, "name");
	const char *scope = web_field(req, "scope");
	/* Every field of the form is sent; an empty one may not be sent at
	 * all: no tutor groups. */
	struct user_request rq = { .role = role_arg ? role_arg : "", .name = name ? name : "",
				   .scope = scope ? scope : "" };
	struct principal who = web_principal(req);
	struct action_ctx ctx = web_action_ctx(req, &who);
	struct action_result r;
	action_result_init(&r);
	enum action_status status = user_change(&ctx, u.id, &rq, &r);
	if (status == ACTION_OK) {
		redirect_user(resp, &u, "done=saved");
	} else if (status == ACTION_INVALID || status == ACTION_CONFLICT) {
		/* The first problem, as a code the page says in words. */
		const char *field = r.problems[0].field;
		redirect_user(resp, &u, status == ACTION_CONFLICT ? "problem=self-role"
				       : strcmp(field, "role") == 0 ? "problem=bad-role"
				       : strcmp(field, "name") == 0 ? "problem=bad-name"
								    : "problem=bad-scope");
	} else {
		web_error(req, resp, status == ACTION_FORBIDDEN ? 403 : 500, r.problems[0].message);
	}
	action_result_free(&r);
}

/* ---- School settings ---- */

void page_settings(struct web_request *req, struct web_response *resp)
{
	char required[8] = "no";
	setting_get(req->db, req->app->school_id, "two_factor_admins", "no", required, sizeof required);
	bool on = strcmp(required, "yes") == 0;
	page_begin(req, resp, "School settings", "settings");
	struct buf *out = &resp->body;
	const char *done = web_field(req, "done");
	if (done && strcmp(done, "saved") == 0)
		page_notice(out, "success", "The settings were saved.");
	html_raw(out, "<form class=\"stack\" method=\"post\" action=\"/settings\">\n");
	form_csrf(req, out);
	html_raw(out, "\n<fieldset aria-describedby=\"tfa-hint\"><legend>Two-step sign-in for "
		      "administrators</legend>\n<p id=\"tfa-hint\" class=\"hint\">Administrators can add "
		      "and disable accounts and read the audit log. When this is on, an administrator "
		      "without two-step sign-in is asked to set it up before anything else.</p>\n");
	html_raw(out, on ? "<div class=\"choice\"><input id=\"tfa-yes\" name=\"two_factor_admins\" "
			   "type=\"radio\" value=\"yes\" checked>"
			 : "<div class=\"choice\"><input id=\"tfa-yes\" name=\"two_factor_admins\" "
			   "type=\"radio\" value=\"yes\">");
	html_raw(out, "<label for=\"tfa-yes\">Required</label></div>\n");
	html_raw(out, on ? "<div class=\"choice\"><input id=\"tfa-no\" name=\"two_factor_admins\" "
			   "type=\"radio\" value=\"no\">"
			 : "<div class=\"choice\"><input id=\"tfa-no\" name=\"two_factor_admins\" "
			   "type=\"radio\" value=\"no\" checked>");
	html_raw(out, "<label for=\"tfa-no\">Not required</label></div>\n</fieldset>\n");
	if (!req->user->totp_enabled)
		html_raw(out, "<p>You do not use two-step sign-in yet: if you require it, you will be "
			      "asked to set it up straight away.</p>\n");
	html_raw(out, "<button type=\"submit\">Save settings</button>\n</form>\n"
		      "<p><a href=\"/users\">Users</a></p>\n");
	page_end(req, resp);
}

void page_settings_post(struct web_request *req, struct web_response *resp)
{
	struct principal who = web_principal(req);
	struct action_ctx ctx = web_action_ctx(req, &who);
	struct action_result r;
	action_result_init(&r);
	enum action_status status = setting_change(&ctx, "two_factor_admins",
						   web_field(req, "two_factor_admins"), &r);
	if (status == ACTION_OK)
		web_redirect(resp, "/settings?done=saved");
	else
		web_error(req, resp, status == ACTION_INVALID ? 400 : status == ACTION_FORBIDDEN ? 403 : 500,
			  status == ACTION_INVALID ? "Choose whether two-step sign-in is required."
						   : r.problems[0].message);
	action_result_free(&r);
}
