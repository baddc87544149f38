/* Every route of the application: who may use it and how it is guarded.
 * web_dispatch enforces this table; a route not listed does not exist, and
 * a role not listed for a route is refused (deny by default). Every POST
 * route carries ROUTE_CSRF (a unit test checks). Only ROUTE_UPLOAD routes
 * take files, and a body larger than a form (docs/limits.md). */
#include "web/routes.h"

#include "action/guidance_action.h"
#include "web/pages.h"

#define ANYONE ROLES_ALL
#define CAREERS ROLES_CAREERS
#define ADMIN ROLE_BIT(ROLE_ADMIN)
#define STAFF ROLES_STAFF
/* Who may see pupils' records: staff (tutors only their own groups, which
 * the pages enforce row by row). */
#define PUPILS ROLES_STAFF
/* Registers: the careers leader, admins and tutors (their groups' pupils). */
#define REGISTERS (ROLES_CAREERS | ROLE_BIT(ROLE_TUTOR))
/* Guidance notes: never tutors or governors. */
#define GUIDANCE GUIDANCE_ROLES
/* Governors read the report pages (aggregates, small counts hidden) but not
 * the CSV downloads, which carry every count as it is. */
#define REPORTS (ROLES_CAREERS | ROLE_BIT(ROLE_GOVERNOR))

const struct route web_routes[] = {
	{ WEB_GET, "/", page_root, 0, ROUTE_PUBLIC },
	{ WEB_GET, "/static/:file", page_static, 0, ROUTE_PUBLIC },
	{ WEB_GET, "/favicon.ico", page_favicon, 0, ROUTE_PUBLIC },
	{ WEB_GET, "/login", page_login, 0, ROUTE_PUBLIC },
	{ WEB_POST, "/login", page_login_post, 0, ROUTE_PUBLIC | ROUTE_CSRF },
	{ WEB_GET, "/login/code", page_code, ANYONE, ROUTE_BEFORE_CODE | ROUTE_BEFORE_PASSWORD },
	{ WEB_POST, "/login/code", page_code_post, ANYONE,
	  ROUTE_CSRF | ROUTE_BEFORE_CODE | ROUTE_BEFORE_PASSWORD },
	{ WEB_POST, "/logout", page_logout_post, ANYONE,
	  ROUTE_CSRF | ROUTE_BEFORE_CODE | ROUTE_BEFORE_PASSWORD },
	{ WEB_GET, "/account", page_account, ANYONE, ROUTE_BEFORE_PASSWORD },
	{ WEB_GET, "/account/password", page_password, ANYONE, ROUTE_BEFORE_PASSWORD },
	{ WEB_POST, "/account/password", page_password_post, ANYONE,
	  ROUTE_CSRF | ROUTE_BEFORE_PASSWORD },
	{ WEB_GET, "/account/two-factor", page_two_factor, ANYONE, ROUTE_BEFORE_TWO_FACTOR },
	{ WEB_POST, "/account/two-factor", page_two_factor_post, ANYONE,
	  ROUTE_CSRF | ROUTE_BEFORE_TWO_FACTOR },
	{ WEB_GET, "/dashboard", page_dashboard, ANYONE, 0 },
	{ WEB_GET, "/programme", page_programme, ANYONE, 0 },
	{ WEB_GET, "/programme/activities/:id", page_activity, CAREERS, 0 },
	{ WEB_POST, "/programme/activities/:id", page_activity_post, CAREERS, ROUTE_CSRF },
	{ WEB_GET, "/calendar", page_calendar, STAFF, 0 },
	{ WEB_POST, "/calendar/dates", page_calendar_date_post, CAREERS, ROUTE_CSRF },
	{ WEB_POST, "/calendar/weeks", page_calendar_week_post, CAREERS, ROUTE_CSRF },
	{ WEB_POST, "/calendar/import", page_calendar_import_post, CAREERS, ROUTE_CSRF | ROUTE_UPLOAD },
	{ WEB_GET, "/events", page_events, STAFF, 0 },
	{ WEB_GET, "/events/new", page_event_new, CAREERS, 0 },
	{ WEB_POST, "/events/new", page_event_new_post, CAREERS, ROUTE_CSRF },
	{ WEB_GET, "/events/:id", page_event, CAREERS, 0 },
	{ WEB_POST, "/events/:id", page_event_post, CAREERS, ROUTE_CSRF },
	{ WEB_GET, "/events/:id/edit", page_event_edit, CAREERS, 0 },
	{ WEB_POST, "/events/:id/cancel", page_event_cancel_post, CAREERS, ROUTE_CSRF },
	{ WEB_POST, "/events/:id/reinstate", page_event_reinstate_post, CAREERS, ROUTE_CSRF },
	{ WEB_POST, "/events/:id/delete", page_event_delete_post, CAREERS, ROUTE_CSRF },
	{ WEB_GET, "/organisations", page_organisations, CAREERS, 0 },
	{ WEB_GET, "/benchmarks/checklist", page_checklist, CAREERS, 0 },
	{ WEB_POST, "/benchmarks/checklist/:item", page_checklist_post, CAREERS, ROUTE_CSRF },
	{ WEB_POST, "/organisations", page_organisations_post, CAREERS, ROUTE_CSRF },
	{ WEB_GET, "/events/:id/register", page_register, REGISTERS, 0 },
	{ WEB_POST, "/events/:id/register", page_register_post, REGISTERS, ROUTE_CSRF },
	{ WEB_GET, "/pupils", page_pupils, PUPILS, 0 },
	{ WEB_GET, "/pupils/:upn", page_pupil, PUPILS, 0 },
	{ WEB_GET, "/pupils/:upn/guidance", page_guidance, GUIDANCE, 0 },
	{ WEB_POST, "/pupils/:upn/guidance", page_guidance_post, GUIDANCE, ROUTE_CSRF },
	{ WEB_GET, "/pupils/:upn/guidance/:id", page_guidance_edit, GUIDANCE, 0 },
	{ WEB_POST, "/pupils/:upn/guidance/:id", page_guidance_edit_post, GUIDANCE, ROUTE_CSRF },
	{ WEB_POST, "/pupils/:upn/guidance/:id/delete", page_guidance_delete_post, GUIDANCE,
	  ROUTE_CSRF },

	{ WEB_GET, "/reports", page_reports, REPORTS, 0 },
	{ WEB_GET, "/reports/entitlement", page_report_entitlement, REPORTS, 0 },
	{ WEB_GET, "/reports/entitlement.csv", page_report_entitlement_csv, CAREERS, 0 },
	{ WEB_GET, "/reports/benchmarks", page_report_benchmarks, REPORTS, 0 },
	{ WEB_GET, "/reports/benchmarks.csv", page_report_benchmarks_csv, CAREERS, 0 },
	{ WEB_POST, "/reports/benchmarks/snapshot", page_report_benchmarks_snapshot_post, CAREERS,
	  ROUTE_CSRF },
	{ WEB_GET, "/reports/provider-access", page_report_provider_access, REPORTS, 0 },
	{ WEB_GET, "/reports/provider-access.csv", page_report_provider_access_csv, CAREERS, 0 },

	{ WEB_GET, "/imports", page_imports, CAREERS, 0 },
	{ WEB_POST, "/imports/roster", page_imports_roster_post, CAREERS, ROUTE_CSRF | ROUTE_UPLOAD },
	{ WEB_POST, "/imports/register", page_imports_register_post, CAREERS,
	  ROUTE_CSRF | ROUTE_UPLOAD },
	{ WEB_POST, "/imports/confirm", page_imports_confirm_post, CAREERS, ROUTE_CSRF },
	{ WEB_POST, "/imports/:id/undo", page_imports_undo_post, CAREERS, ROUTE_CSRF },

	/* "/users/new" before "/users/:id", which would also match it. */
	{ WEB_GET, "/users", page_users, ADMIN, 0 },
	{ WEB_GET, "/users/new", page_user_new, ADMIN, 0 },
	{ WEB_POST, "/users/new", page_user_new_post, ADMIN, ROUTE_CSRF },
	{ WEB_GET, "/users/:id", page_user, ADMIN, 0 },
	{ WEB_POST, "/users/:id/disable", page_user_disable_post, ADMIN, ROUTE_CSRF },
	{ WEB_POST, "/users/:id/enable", page_user_enable_post, ADMIN, ROUTE_CSRF },
	{ WEB_POST, "/users/:id/reset", page_user_reset_post, ADMIN, ROUTE_CSRF },
	{ WEB_POST, "/users/:id/role", page_user_role_post, ADMIN, ROUTE_CSRF },
	{ WEB_GET, "/settings", page_settings, ADMIN, 0 },
	{ WEB_POST, "/settings", page_settings_post, ADMIN, ROUTE_CSRF },
	{ WEB_GET, "/audit", page_audit, ADMIN, 0 },
};

const size_t web_route_count = sizeof web_routes / sizeof *web_routes;
