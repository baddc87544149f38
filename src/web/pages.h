/* The handlers of the route table, one group per file:
 *   page_account.c   sign-in, second factor, sign-out, account, static files
 *   page_dashboard.c the dashboard
 *   page_programme.c the programme grid and editing an activity
 *   page_events.c    the calendar, the year's events, scheduling and changing events
 *   page_organisations.c the organisations that come to events
 *   page_checklist.c the Benchmark 1 and 3 checklist
 *   page_register.c  taking an event's register
 *   page_pupils.c    finding pupils, a pupil's record
 *   page_guidance.c  a pupil's guidance meetings: record, change, delete
 *   page_reports.c   the reports and their CSV downloads
 *   page_imports.c   roster and register imports: check, then confirm
 *   page_users.c     staff accounts and school settings
 *   page_audit.c     the audit log */
#ifndef WAYMARK_PAGES_H
#define WAYMARK_PAGES_H

#include "web/web.h"

/* page_account.c */
void page_root(struct web_request *req, struct web_response *resp);
void page_static(struct web_request *req, struct web_response *resp);
void page_favicon(struct web_request *req, struct web_response *resp);
void page_report_benchmarks_snapshot_post(struct web_request *req, struct web_response *resp);
void page_calendar_date_post(struct web_request *req, struct web_response *resp);
void page_calendar_week_post(struct web_request *req, struct web_response *resp);
void page_calendar_import_post(struct web_request *req, struct web_response *resp);
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
void page_event(struct web_request *req, struct web_response *resp);
void page_event_edit(struct web_request *req, struct web_response *resp);
void page_event_post(struct web_request *req, struct web_response *resp);
void page_event_cancel_post(struct web_request *req, struct web_response *resp);
void page_event_reinstate_post(struct web_request *req, struct web_response *resp);
void page_event_delete_post(struct web_request *req, struct web_response *resp);

/* page_checklist.c */
void page_checklist(struct web_request *req, struct web_response *resp);
void page_checklist_post(struct web_request *req, struct web_response *resp);

/* page_organisations.c */
void page_organisations(struct web_request *req, struct web_response *resp);
void page_organisations_post(struct web_request *req, struct web_response *resp);

/* page_register.c */
void page_register(struct web_request *req, struct web_response *resp);
void page_register_post(struct web_request *req, struct web_response *resp);

/* page_pupils.c */
void page_pupils(struct web_request *req, struct web_response *resp);
void page_pupil(struct web_request *req, struct web_response *resp);
/* Shared with page_guidance.c: loads the school's records (*d, the
 * worker's cached copy) and finds the route's pupil (captures[0]), whom
 * the user must be allowed to see; on failure writes the error page and
 * returns UINT32_MAX. */
struct mon_data;
uint32_t load_pupil(struct web_request *req, struct web_response *resp,
		    const struct mon_data **d);
/* The escaped address /pupils/UPN then suffix. */
void pupil_link(struct buf *out, const char *upn, const char *suffix);

/* page_guidance.c */
void page_guidance(struct web_request *req, struct web_response *resp);
void page_guidance_post(struct web_request *req, struct web_response *resp);
void page_guidance_edit(struct web_request *req, struct web_response *resp);
void page_guidance_edit_post(struct web_request *req, struct web_response *resp);
void page_guidance_delete_post(struct web_request *req, struct web_response *resp);
/* page_reports.c */
void page_reports(struct web_request *req, struct web_response *resp);
void page_report_entitlement(struct web_request *req, struct web_response *resp);
void page_report_entitlement_csv(struct web_request *req, struct web_response *resp);
void page_report_benchmarks(struct web_request *req, struct web_response *resp);
void page_report_benchmarks_csv(struct web_request *req, struct web_response *resp);
void page_report_provider_access(struct web_request *req, struct web_response *resp);
void page_report_provider_access_csv(struct web_request *req, struct web_response *resp);

/* page_imports.c */
void page_imports(struct web_request *req, struct web_response *resp);
void page_imports_roster_post(struct web_request *req, struct web_response *resp);
void page_imports_register_post(struct web_request *req, struct web_response *resp);
void page_imports_confirm_post(struct web_request *req, struct web_response *resp);
void page_imports_undo_post(struct web_request *req, struct web_response *resp);

/* page_users.c */
void page_users(struct web_request *req, struct web_response *resp);
void page_user_new(struct web_request *req, struct web_response *resp);
void page_user_new_post(struct web_request *req, struct web_response *resp);
void page_user(struct web_request *req, struct web_response *resp);
void page_user_disable_post(struct web_request *req, struct web_response *resp);
void page_user_enable_post(struct web_request *req, struct web_response *resp);
void page_user_reset_post(struct web_request *req, struct web_response *resp);
void page_user_role_post(struct web_request *req, struct web_response *resp);
void page_settings(struct web_request *req, struct web_response *resp);
void page_settings_post(struct web_request *req, struct web_response *resp);

/* page_audit.c */
void page_audit(struct web_request *req, struct web_response *resp);

#endif
