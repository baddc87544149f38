/* The page around every page: head, the navigation a role sees, the
 * signed-in user, and the footer; plus small pieces every form needs. */
#ifndef WAYMARK_LAYOUT_H
#define WAYMARK_LAYOUT_H

#include <stdbool.h>

#include "action/action.h"
#include "web/web.h"

/* Starts a page titled `title`; `section` names the navigation item to
 * mark as current ("dashboard", "reports"...). Writes <main> and <h1>. */
void page_begin(struct web_request *req, struct web_response *resp, const char *title,
		const char *section);
void page_end(struct web_request *req, struct web_response *resp);

/* The hidden CSRF field every POST form carries. */
void form_csrf(const struct web_request *req, struct buf *out);
/* A hidden field "key" with a new random value, for a form that must be
 * applied once however often it is sent (store/submission_store.h). */
void form_once_key(struct buf *out);
/* The form's "key" field when it is one form_once_key wrote, else NULL. */
const char *form_once_key_of(const struct web_request *req);

/* A message box: kind "success", "error" or "info". Errors are announced
 * (role=alert), the others politely (role=status). */
void page_notice(struct buf *out, const char *kind, const char *text);

/* A status shown in words and colour, never colour alone: "met",
 * "received" and "achieved" green; "below", "owed" and "not achieved" red;
 * anything else grey. */
void status_badge(struct buf *out, const char *status);

/* The message of a redirect after a POST: the page's `done` query field
 * looked up in table (ended by a NULL code) and shown as a success notice.
 * Codes, not text, travel in the URL, so nobody can make a page say what
 * they like. Unknown codes show nothing. */
struct done_message {
	const char *code;
	const char *text;
};
void page_done_notice(const struct web_request *req, struct buf *out,
		      const struct done_message *table);

/* Problems with a form's fields: a summary at the top linking to each
 * field, and each message beside its field, tied to it with
 * aria-describedby. Fields are named by their control's id. */
enum { FORM_ERRORS_MAX = 24 };
struct form_errors {
	size_t count;
	struct {
		const char *field;
		char message[240];
	} items[FORM_ERRORS_MAX];
};
void form_error(struct form_errors *e, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The first message for field, or NULL. */
const char *form_error_for(const struct form_errors *e, const char *field);
/* "There is a problem" with a link to each field; nothing when none. */
void form_error_summary(struct buf *out, const struct form_errors *e);
/* The field's message, <span id="FIELD-error">, or nothing. */
void form_field_error(struct buf *out, const struct form_errors *e, const char *field);
/* ' aria-invalid="true" aria-describedby="FIELD-error"' when the field has
 * a problem, else nothing: written inside the control's tag. */
void form_field_aria(struct buf *out, const struct form_errors *e, const char *field);
/* <option value="VALUE" selected>LABEL</option>, escaped. */
void form_option(struct buf *out, const char *value, const char *label, bool selected);

/* The signed-in user as the actions layer's principal, and the context an
 * action of this request runs in. */
struct principal web_principal(const struct web_request *req);
struct action_ctx web_action_ctx(const struct web_request *req, const struct principal *who);

#endif
