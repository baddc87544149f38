/* The handlers of the route table, one group per file:
 *   page_account.c   sign-in, second factor, sign-out, account, static files
 *   page_dashboard.c the dashboard
 *   page_programme.c the programme grid and editing an activity
 *   page_events.c    the calendar, the year's events, scheduling an event
 *   page_register.c  taking an event's register
 *   page_pupils.c    finding pupils, a pupil's record, guidance meetings */
#ifndef WAYMARK_PAGES_H
#define WAYMARK_PAGES_H

#include "web/web.h"

/* page_account.c */
void page_root(struct web_request *req, struct web_response *resp);
void page_static(struct web_request *req, struct web_response *resp);
void page_login(struct web_request *req, struct web_response *resp);
void page_login_post(struct web_request *req, struct web_response *resp);
void page_code(struct web_request *req, struct web_response *resp);
void page_code_post(struct web_request *req, struct web_response *resp);
void page_logout_post(struct web_request *req, struct web_response *resp);
void page_account(struct web_request *req, struct web_response *resp);
void page_password(struct web_request *req, struct web_response *resp);
void page_password_post(struct web_request *req, struct web_response *resp);
void page_two_factor(struct web_request *req, struct web_response *resp);
void page_two_factor_post(struct web_request *req, struct web_response *resp);

/* page_dashboard.c */
void page_dashboard(struct web_request *req, struct web_response *resp);

/* page_programme.c */
void page_programme(struct web_request *req, struct web_response *resp);
void page_activity(struct web_request *req, struct web_response *resp);
void page_activity_post(struct web_request *req, struct web_response *resp);

/* page_events.c */
void page_calendar(struct web_request *req, struct web_response *resp);
void page_events(struct web_request *req, struct web_response *resp);
void page_event_new(struct web_request *req, struct web_response *resp);
void page_event_new_post(struct web_request *req, struct web_response *resp);

/* page_register.c */
void page_register(struct web_request *req, struct web_response *resp);
void page_register_post(struct web_request *req, struct web_response *resp);

/* page_pupils.c */
void page_pupils(struct web_request *req, struct web_response *resp);
void page_pupil(struct web_request *req, struct web_response *resp);
void page_guidance(struct web_request *req, struct web_response *resp);
void page_guidance_post(struct web_request *req, struct web_response *resp);

#endif
