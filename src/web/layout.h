/* The page around every page: head, the navigation a role sees, the
 * signed-in user, and the footer; plus small pieces every form needs. */
#ifndef WAYMARK_LAYOUT_H
#define WAYMARK_LAYOUT_H

#include "web/web.h"

/* Starts a page titled `title`; `section` names the navigation item to
 * mark as current ("dashboard", "reports"...). Writes <main> and <h1>. */
void page_begin(struct web_request *req, struct web_response *resp, const char *title,
		const char *section);
void page_end(struct web_request *req, struct web_response *resp);

/* The hidden CSRF field every POST form carries. */
void form_csrf(const struct web_request *req, struct buf *out);

/* A message box: kind "success", "error" or "info". Errors are announced
 * (role=alert), the others politely (role=status). */
void page_notice(struct buf *out, const char *kind, const char *text);

/* A status shown in words and colour, never colour alone: "met" and
 * "achieved" green, "below" and "not achieved" red, anything else grey. */
void status_badge(struct buf *out, const char *status);

#endif
