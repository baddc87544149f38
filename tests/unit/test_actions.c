/* The actions layer, through the event actions: who may act, what is
 * checked before anything is written, warnings that need accepting, what
 * a register forbids, and the audit entry of each change. */
#include "unit.h"

#include <sqlite3.h>
#include <unistd.h>

#include "action/benchmark_action.h"
#include "action/calendar_action.h"
#include "action/event_action.h"
#include "action/programme_action.h"
#include "action/register_action.h"
#include "action/setting_action.h"
#include "action/user_action.h"
#include "io/programme_file.h"
#include "store/db.h"
#include "store/event_store.h"
#include "store/programme_store.h"
#include "store/school_store.h"

struct fixture {
	char path[64];
	struct db *db;
	sqlite3 *raw;           /* a second connection, to look and to set up */
	long long school;
	struct principal leader, tutor;
	struct action_ctx ctx;
	struct action_result r;
};

static long long count(struct fixture *f, const char *sql)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(f->raw, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	long long n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static void exec(struct fixture *f, const char *sql)
{
	assert_int_equal(sqlite3_exec(f->raw, sql, NULL, NULL, NULL), SQLITE_OK);
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	snprintf(f->path, sizeof f->path, "/tmp/waymark-actions-XXXXXX");
	int fd = mkstemp(f->path);
	assert_true(fd >= 0);
	close(fd);
	unlink(f->path);
	struct buf err = BUF_INIT;
	f->db = db_open(f->path, DB_OPEN_CREATE, &err);
	assert_non_null(f->db);
	buf_free(&err);
	assert_int_equal(school_create(f->db, "test", "Test", &f->school), 0);
	size_t len;
	char *text = read_fixture("tests/fixtures/programmes/minimal.yaml", &len);
	struct programme p;
	struct diag_list diags;
	diag_init(&diags, "minimal.yaml");
	assert_true(programme_parse(text, len, &p, &diags));
	struct programme_save_result saved;
	assert_int_equal(programme_store_save(f->db, f->school, &p, "sha", &saved), 0);
	programme_free(&p);
	diag_free(&diags);
	free(text);
	assert_int_equal(sqlite3_open(f->path, &f->raw), SQLITE_OK);
	sqlite3_busy_timeout(f->raw, 5000);
	f->leader = (struct principal){ PRINCIPAL_STAFF, 1, ROLE_LEADER, "lead" };
	f->tutor = (struct principal){ PRINCIPAL_STAFF, 2, ROLE_TUTOR, "tutor" };
	date_t today;
	assert_true(date_parse_iso("2025-11-10", &today));
	f->ctx = (struct action_ctx){ f->db, f->school, &f->leader, today, 1762776000 };
	action_result_init(&f->r);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	action_result_free(&f->r);
	sqlite3_close(f->raw);
	db_close(f->db);
	unit_remove_db(f->path);
	free(f);
	return 0;
}

static struct event_request fair_prep(const char *iso)
{
	struct event_request rq = { .activity = "fair-prep", .start_minutes = -1, .year_group = 7,
				    .accept_warnings = true };
	assert_true(date_parse_iso(iso, &rq.date));
	return rq;
}

static void fresh(struct fixture *f)
{
	action_result_free(&f->r);
	action_result_init(&f->r);
	db_release(f->db);
}

static void test_only_careers_staff_schedule(void **state)
{
	struct fixture *f = *state;
	struct event_request rq = fair_prep("2025-09-10");
	f->ctx.who = &f->tutor;
	assert_int_equal(event_schedule(&f->ctx, &rq, &f->r), ACTION_FORBIDDEN);
	assert_int_equal(count(f, "SELECT count(*) FROM event"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'event.add'"), 0);
	fresh(f);
	f->ctx.who = &f->leader;
	assert_int_equal(event_schedule(&f->ctx, &rq, &f->r), ACTION_OK);
	assert_true(f->r.id > 0);
	assert_int_equal(count(f, "SELECT count(*) FROM event"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'event.add' AND actor = 'lead'"), 1);
	/* The command line's operator may do anything. */
	fresh(f);
	struct principal operator = { PRINCIPAL_OPERATOR, 0, ROLE_ADMIN, "cli:root" };
	f->ctx.who = &operator;
	assert_int_equal(event_schedule(&f->ctx, &rq, &f->r), ACTION_OK);
}

static void test_every_problem_named_by_its_field_and_nothing_written(void **state)
{
	struct fixture *f = *state;
	char long_title[260];
	memset(long_title, 'x', 201);
	long_title[201] = '\0';
	struct event_request rq = { .activity = "fair-prep", .date = DATE_NONE, .start_minutes = 24 * 60,
				    .year_group = 12, .title = long_title, .subject = "Astrology",
				    .organisations = { "Nobody Ltd" }, .organisation_count = 1,
				    .accept_warnings = true };
	assert_int_equal(event_schedule(&f->ctx, &rq, &f->r), ACTION_INVALID);
	assert_non_null(action_problem_for(&f->r, "date"));
	assert_non_null(action_problem_for(&f->r, "time"));
	assert_string_equal(action_problem_for(&f->r, "year_group"),
			    "Careers Fair preparation is for Years 7 and 8, not Year 12: choose one of "
			    "its year groups.");
	assert_non_null(strstr(action_problem_for(&f->r, "title"), "longer than 200 characters"));
	assert_non_null(action_problem_for(&f->r, "subject"));
	assert_string_equal(action_problem_for(&f->r, "organisations"),
			    "There is no organisation \"Nobody Ltd\": add it to the organisations first.");
	assert_null(action_problem_for(&f->r, "activity"));
	assert_int_equal(count(f, "SELECT count(*) FROM event"), 0);
	fresh(f);
	rq = fair_prep("2025-09-10");
	rq.activity = "no-such";
	assert_int_equal(event_schedule(&f->ctx, &rq, &f->r), ACTION_INVALID);
	assert_string_equal(action_problem_for(&f->r, "activity"),
			    "\"no-such\" is not one of the programme's activities.");
}

static void test_warnings_wait_to_be_accepted(void **state)
{
	struct fixture *f = *state;
	/* No calendar: the timing cannot be checked, which the user hears. */
	struct event_request rq = fair_prep("2025-09-10");
	rq.accept_warnings = false;
	assert_int_equal(event_schedule(&f->ctx, &rq, &f->r), ACTION_UNCONFIRMED);
	assert_int_equal(f->r.warning_count, 1);
	assert_string_equal(buf_str(&f->r.warnings),
			    "There is no calendar for 2025/26, so the timing cannot be checked.\n");
	assert_int_equal(count(f, "SELECT count(*) FROM event"), 0);
	fresh(f);
	rq.accept_warnings = true;
	rq.dry_run = true;
	assert_int_equal(event_schedule(&f->ctx, &rq, &f->r), ACTION_OK);
	assert_int_equal(count(f, "SELECT count(*) FROM event"), 0);
	fresh(f);
	rq.dry_run = false;
	assert_int_equal(event_schedule(&f->ctx, &rq, &f->r), ACTION_OK);
	assert_int_equal(f->r.warning_count, 1);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE detail LIKE '%\"timing_warnings_overridden\":1%'"), 1);
}

/* An event of fair-prep on the 10th with one pupil's mark. */
static long long event_with_register(struct fixture *f)
{
	struct event_request rq = fair_prep("2025-09-10");
	assert_int_equal(event_schedule(&f->ctx, &rq, &f->r), ACTION_OK);
	long long id = f->r.id;
	fresh(f);
	exec(f, "INSERT INTO student (id, school_id, legal_surname, legal_forename, created_at, updated_at) "
		"VALUES (1, 1, 'Brown', 'Zoe', 'now', 'now')");
	char sql[120];
	snprintf(sql, sizeof sql, "INSERT INTO mark VALUES (%lld, 1, 'present')", id);
	exec(f, sql);
	return id;
}

static void test_a_register_limits_changes(void **state)
{
	struct fixture *f = *state;
	long long id = event_with_register(f);
	struct event_request rq = fair_prep("2025-09-10");
	rq.activity = "careers-fair";
	rq.year_group = 0;
	assert_int_equal(event_change(&f->ctx, id, &rq, &f->r), ACTION_CONFLICT);
	assert_non_null(action_problem_for(&f->r, "activity"));
	assert_non_null(action_problem_for(&f->r, "year_group"));
	fresh(f);
	rq = fair_prep("2025-11-11");   /* the day after today */
	assert_int_equal(event_change(&f->ctx, id, &rq, &f->r), ACTION_CONFLICT);
	assert_string_equal(action_problem_for(&f->r, "date"),
			    "Its register (2025-09-10) has been taken, so it cannot move after today (2025-11-10).");
	fresh(f);
	rq = fair_prep("2025-11-10");   /* today is fine */
	rq.start_minutes = 9 * 60 + 5;
	assert_int_equal(event_change(&f->ctx, id, &rq, &f->r), ACTION_OK);
	assert_int_equal(count(f, "SELECT count(*) FROM event WHERE date = '2025-11-10' AND start_time = '09:05'"), 1);
	fresh(f);
	assert_int_equal(event_delete(&f->ctx, id, false, &f->r), ACTION_CONFLICT);
	assert_int_equal(count(f, "SELECT count(*) FROM event"), 1);
	fresh(f);
	assert_int_equal(event_cancel(&f->ctx, id, "Snow", false, false, &f->r), ACTION_UNCONFIRMED);
	assert_int_equal(count(f, "SELECT count(*) FROM event WHERE cancelled_at IS NOT NULL"), 0);
	fresh(f);
	assert_int_equal(event_cancel(&f->ctx, id, "Snow", false, true, &f->r), ACTION_OK);
	assert_int_equal(count(f, "SELECT count(*) FROM event WHERE cancelled_at = 1762776000 AND cancel_reason = 'Snow'"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM mark"), 1);
	fresh(f);
	assert_int_equal(event_cancel(&f->ctx, id, NULL, false, true, &f->r), ACTION_CONFLICT);
	fresh(f);
	assert_int_equal(event_reinstate(&f->ctx, id, false, &f->r), ACTION_OK);
	assert_int_equal(count(f, "SELECT count(*) FROM event WHERE cancelled_at IS NULL AND cancel_reason IS NULL"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE entity = 'event' AND action IN "
				  "('event.add', 'event.change', 'event.cancel', 'event.reinstate')"), 4);
}

static void test_delete_without_register_and_missing_events(void **state)
{
	struct fixture *f = *state;
	struct event_request rq = fair_prep("2025-09-10");
	assert_int_equal(event_schedule(&f->ctx, &rq, &f->r), ACTION_OK);
	long long id = f->r.id;
	fresh(f);
	f->ctx.who = &f->tutor;
	assert_int_equal(event_delete(&f->ctx, id, false, &f->r), ACTION_FORBIDDEN);
	fresh(f);
	f->ctx.who = &f->leader;
	assert_int_equal(event_delete(&f->ctx, id, false, &f->r), ACTION_OK);
	assert_int_equal(count(f, "SELECT count(*) FROM event"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'event.delete'"), 1);
	fresh(f);
	assert_int_equal(event_delete(&f->ctx, id, false, &f->r), ACTION_NOT_FOUND);
	fresh(f);
	assert_int_equal(event_change(&f->ctx, id, &rq, &f->r), ACTION_NOT_FOUND);
}

/* Accounts: administrators only, and nobody locks themselves out. */
static void test_user_actions(void **state)
{
	struct fixture *f = *state;
	struct principal admin = { PRINCIPAL_STAFF, 0, ROLE_ADMIN, "ada" };
	char password[USER_PASSWORD_BYTES];
	struct user_request rq = { .login = "ada", .name = "Ada Admin", .role = "admin" };
	f->ctx.who = &f->leader;
	assert_int_equal(user_add(&f->ctx, &rq, password, &f->r), ACTION_FORBIDDEN);
	assert_string_equal(password, "");
	fresh(f);
	struct principal operator = { PRINCIPAL_OPERATOR, 0, ROLE_ADMIN, "cli:root" };
	f->ctx.who = &operator;
	assert_int_equal(user_add(&f->ctx, &rq, password, &f->r), ACTION_OK);
	assert_int_equal(strlen(password) > 8, 1);
	admin.user_id = f->r.id;
	fresh(f);
	assert_int_equal(user_add(&f->ctx, &rq, password, &f->r), ACTION_CONFLICT);
	assert_non_null(action_problem_for(&f->r, "login"));
	fresh(f);
	struct user_request bad = { .login = "x", .name = "", .role = "boss", .scope = "7A;drop" };
	assert_int_equal(user_add(&f->ctx, &bad, password, &f->r), ACTION_INVALID);
	assert_non_null(action_problem_for(&f->r, "login"));
	assert_non_null(action_problem_for(&f->r, "name"));
	assert_non_null(action_problem_for(&f->r, "role"));
	assert_non_null(action_problem_for(&f->r, "scope"));
	/* An administrator on the web cannot disable, reset or demote
	 * themselves; the command line's operator can act on anyone. */
	fresh(f);
	f->ctx.who = &admin;
	assert_int_equal(user_set_disabled(&f->ctx, admin.user_id, true, &f->r), ACTION_CONFLICT);
	fresh(f);
	assert_int_equal(user_reset(&f->ctx, admin.user_id, password, &f->r), ACTION_CONFLICT);
	fresh(f);
	struct user_request demote = { .role = "tutor" };
	assert_int_equal(user_change(&f->ctx, admin.user_id, &demote, &f->r), ACTION_CONFLICT);
	fresh(f);
	struct user_request tess = { .login = "tess", .role = "tutor", .scope = "7A" };
	assert_int_equal(user_add(&f->ctx, &tess, password, &f->r), ACTION_OK);
	long long tess_id = f->r.id;
	fresh(f);
	struct user_request promote = { .role = "leader", .name = "Tess Teacher" };
	assert_int_equal(user_change(&f->ctx, tess_id, &promote, &f->r), ACTION_OK);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'user.set' AND "
				  "detail = 'role leader, tutor groups 7A, name changed'"), 1);
	fresh(f);
	assert_int_equal(user_reset(&f->ctx, tess_id, password, &f->r), ACTION_OK);
	assert_int_equal(count(f, "SELECT count(*) FROM user WHERE login = 'tess' AND must_change_password = 1"), 1);
	fresh(f);
	assert_int_equal(user_set_disabled(&f->ctx, tess_id, true, &f->r), ACTION_OK);
	fresh(f);
	assert_int_equal(user_set_disabled(&f->ctx, 9999, true, &f->r), ACTION_NOT_FOUND);
}

/* An activity change: only careers staff, every bad field named with
 * nothing written, a change that changes nothing saves and audits nothing,
 * and a real change is saved with its before and after. */
static void test_activity_change(void **state)
{
	struct fixture *f = *state;
	struct activity_change_request rq = { .activity_id = "fair-prep", .sessions = "2",
					      .provider_access = -1 };
	f->ctx.who = &f->tutor;
	assert_int_equal(activity_change(&f->ctx, &rq, &f->r), ACTION_FORBIDDEN);
	fresh(f);
	f->ctx.who = &f->leader;
	struct activity_change_request bad = { .activity_id = "fair-prep", .name = " ",
					       .sessions = "101", .cohort = "everyone",
					       .kind = "party", .bad_benchmark = true,
					       .set_benchmarks = true, .provider_access = -1 };
	assert_int_equal(activity_change(&f->ctx, &bad, &f->r), ACTION_INVALID);
	assert_non_null(action_problem_for(&f->r, "name"));
	assert_non_null(action_problem_for(&f->r, "sessions"));
	assert_non_null(action_problem_for(&f->r, "cohort"));
	assert_non_null(action_problem_for(&f->r, "kind"));
	assert_non_null(action_problem_for(&f->r, "benchmarks"));
	fresh(f);
	struct activity_change_request missing = { .activity_id = "nope", .provider_access = -1 };
	assert_int_equal(activity_change(&f->ctx, &missing, &f->r), ACTION_NOT_FOUND);
	fresh(f);
	struct activity_change_request same = { .activity_id = "fair-prep", .sessions = "3",
						.provider_access = -1 };
	assert_int_equal(activity_change(&f->ctx, &same, &f->r), ACTION_OK);
	assert_int_equal(f->r.made, 0);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'activity.edit'"), 0);
	fresh(f);
	assert_int_equal(activity_change(&f->ctx, &rq, &f->r), ACTION_OK);
	assert_int_equal(f->r.made, 1);
	assert_int_equal(count(f, "SELECT sessions FROM activity WHERE slug = 'fair-prep'"), 2);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'activity.edit' AND "
				  "detail = '{\"before\":{\"sessions\":3},\"after\":{\"sessions\":2}}'"),
			 1);
}

/* A setting: administrators only, known names and values only, audited. */
static void test_setting_set(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(setting_change(&f->ctx, "two_factor_admins", "yes", &f->r), ACTION_FORBIDDEN);
	fresh(f);
	struct principal admin = { PRINCIPAL_STAFF, 3, ROLE_ADMIN, "ada" };
	f->ctx.who = &admin;
	assert_int_equal(setting_change(&f->ctx, "colour", "blue", &f->r), ACTION_INVALID);
	assert_non_null(action_problem_for(&f->r, "name"));
	fresh(f);
	assert_int_equal(setting_change(&f->ctx, "two_factor_admins", "maybe", &f->r), ACTION_INVALID);
	assert_non_null(action_problem_for(&f->r, "value"));
	fresh(f);
	assert_int_equal(setting_change(&f->ctx, "two_factor_admins", "yes", &f->r), ACTION_OK);
	assert_int_equal(count(f, "SELECT count(*) FROM school_setting WHERE name = 'two_factor_admins' "
				  "AND value = 'yes'"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'setting.set' AND "
				  "actor = 'ada' AND entity_key = 'two_factor_admins' AND detail = 'yes'"), 1);
}

/* Snapshots and reviews: careers staff only, a label on one line, kept
 * with their audit entry. */
static void test_snapshot_and_review(void **state)
{
	struct fixture *f = *state;
	struct benchmark_value values[8];
	for (int b = 0; b < 8; b++)
		values[b] = (struct benchmark_value){ b + 1, b, 8 };
	f->ctx.who = &f->tutor;
	assert_int_equal(benchmark_snapshot_take(&f->ctx, "Autumn", f->ctx.today, values, values,
						 &f->r), ACTION_FORBIDDEN);
	fresh(f);
	f->ctx.who = &f->leader;
	assert_int_equal(benchmark_snapshot_take(&f->ctx, "two\nlines", f->ctx.today, values, values,
						 &f->r), ACTION_INVALID);
	assert_non_null(action_problem_for(&f->r, "label"));
	fresh(f);
	assert_int_equal(benchmark_snapshot_take(&f->ctx, "", f->ctx.today, values, values, &f->r),
			 ACTION_INVALID);
	assert_int_equal(count(f, "SELECT count(*) FROM benchmark_snapshot"), 0);
	fresh(f);
	assert_int_equal(benchmark_snapshot_take(&f->ctx, "Autumn", f->ctx.today, values, values,
						 &f->r), ACTION_OK);
	assert_int_equal(count(f, "SELECT count(*) FROM benchmark_snapshot WHERE label = 'Autumn'"), 2);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'benchmark.snapshot' AND "
				  "entity_key = 'Autumn' AND detail = 'as of 2025-11-10'"), 1);
	fresh(f);
	struct review_row rows[1] = { { 7, "fair-prep", 10, 8 } };
	f->ctx.who = &f->tutor;
	assert_int_equal(review_keep(&f->ctx, 2025, "2025/26 terms 1-2", f->ctx.today, rows, 1, &f->r),
			 ACTION_FORBIDDEN);
	fresh(f);
	f->ctx.who = &f->leader;
	assert_int_equal(review_keep(&f->ctx, 2025, "2025/26 terms 1-2", f->ctx.today, rows, 1, &f->r),
			 ACTION_OK);
	assert_int_equal(count(f, "SELECT count(*) FROM review_snapshot_row WHERE eligible = 10 AND "
				  "received = 8"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'review.save'"), 1);
}

/* Calendar changes: careers staff only, checked names and letters, and a
 * year without a calendar is named as missing with nothing written. */
static void test_calendar_changes(void **state)
{
	struct fixture *f = *state;
	f->ctx.who = &f->tutor;
	assert_int_equal(calendar_name_date(&f->ctx, 2025, "careers-fair", f->ctx.today, &f->r),
			 ACTION_FORBIDDEN);
	fresh(f);
	f->ctx.who = &f->leader;
	assert_int_equal(calendar_name_date(&f->ctx, 2025, "Careers Fair", f->ctx.today, &f->r),
			 ACTION_INVALID);
	assert_non_null(action_problem_for(&f->r, "name"));
	fresh(f);
	assert_int_equal(calendar_letter_week(&f->ctx, 2025, f->ctx.today, 'C', &f->r), ACTION_INVALID);
	assert_non_null(action_problem_for(&f->r, "letter"));
	fresh(f);
	assert_int_equal(calendar_name_date(&f->ctx, 2025, "careers-fair", f->ctx.today, &f->r),
			 ACTION_NOT_FOUND);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action LIKE 'calendar.%'"), 0);
}

/* Selections are for selected activities only; an events plan adds what
 * is not there yet, with one audit entry. */
static void test_selection_and_event_plan(void **state)
{
	struct fixture *f = *state;
	long long none[1] = { 0 };
	f->ctx.who = &f->tutor;
	assert_int_equal(selection_replace(&f->ctx, "fair-prep", 2025, none, 0, &f->r),
			 ACTION_FORBIDDEN);
	fresh(f);
	f->ctx.who = &f->leader;
	assert_int_equal(selection_replace(&f->ctx, "fair-prep", 2025, none, 0, &f->r),
			 ACTION_CONFLICT);
	fresh(f);
	assert_int_equal(selection_replace(&f->ctx, "nothing", 2025, none, 0, &f->r),
			 ACTION_NOT_FOUND);
	fresh(f);
	exec(f, "UPDATE activity SET cohort = 'selected' WHERE slug = 'fair-prep'");
	assert_int_equal(selection_replace(&f->ctx, "fair-prep", 2025, none, 0, &f->r), ACTION_OK);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'selection.set' AND "
				  "entity_key = 'fair-prep' AND detail = '0 pupils in 2025/26'"), 1);
	fresh(f);
	struct planned_event_row rows[2];
	long long fair = count(f, "SELECT id FROM activity WHERE slug = 'careers-fair'");
	rows[0] = (struct planned_event_row){ fair, 0, 8, "Fair", NULL };
	rows[1] = (struct planned_event_row){ fair, 0, 9, NULL, NULL };
	assert_true(date_parse_iso("2025-10-16", &rows[0].date));
	rows[1].date = rows[0].date;
	long existing;
	assert_int_equal(event_plan_import(&f->ctx, rows, 2, "plan.csv", &existing, &f->r), ACTION_OK);
	assert_int_equal(f->r.made, 2);
	assert_int_equal(existing, 0);
	fresh(f);
	assert_int_equal(event_plan_import(&f->ctx, rows, 2, "plan.csv", &existing, &f->r), ACTION_OK);
	assert_int_equal(f->r.made, 0);
	assert_int_equal(existing, 2);
	assert_int_equal(count(f, "SELECT count(*) FROM event"), 2);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'event.import' AND "
				  "detail = '0 events added, 2 already there'"), 1);
	fresh(f);
	f->ctx.who = &f->tutor;
	assert_int_equal(event_plan_import(&f->ctx, rows, 2, "plan.csv", &existing, &f->r),
			 ACTION_FORBIDDEN);
}

/* Three pupils enrolled in 2025/26 from 1 September: 1 in 7A, 2 in 7B,
 * 3 in 8A; the leader (user 1) and 7A's tutor (user 2). */
static void register_school(struct fixture *f)
{
	exec(f, "INSERT INTO student (id, school_id, upn, legal_surname, legal_forename, created_at, updated_at) VALUES "
		"(1, 1, 'A000000000001', 'Brown', 'Zoe', 'now', 'now'), "
		"(2, 1, 'A000000000002', 'Nowak', 'Lukasz', 'now', 'now'), "
		"(3, 1, NULL, 'Jones', 'Cai', 'now', 'now')");
	exec(f, "INSERT INTO enrolment (student_id, start_year, year_group, tutor_group, on_roll_from) VALUES "
		"(1, 2025, 7, '7A', '2025-09-01'), (2, 2025, 7, '7B', '2025-09-01'), "
		"(3, 2025, 8, '8A', '2025-09-01')");
	exec(f, "INSERT INTO user (id, school_id, login, display_name, role, scope, password_hash, created_at) VALUES "
		"(1, 1, 'lead', 'Lead', 'leader', '', 'x', 'now'), "
		"(2, 1, 'tutor', 'Tutor', 'tutor', '7A', 'x', 'now')");
}

static long long schedule(struct fixture *f, const char *iso)
{
	struct event_request rq = fair_prep(iso);
	assert_int_equal(event_schedule(&f->ctx, &rq, &f->r), ACTION_OK);
	long long id = f->r.id;
	fresh(f);
	return id;
}

static enum action_status save(struct fixture *f, long long event, const struct register_entry *e,
			       size_t n, struct register_outcome *out)
{
	struct register_request rq = { .event_id = event, .entries = e, .count = n };
	return register_save(&f->ctx, &rq, out, &f->r);
}

static void test_register_save_checks_and_audits(void **state)
{
	struct fixture *f = *state;
	register_school(f);
	long long past = schedule(f, "2025-11-03"), future = schedule(f, "2025-11-11");
	long long cancelled = schedule(f, "2025-11-04");
	assert_int_equal(event_cancel(&f->ctx, cancelled, "Snow", false, true, &f->r), ACTION_OK);
	fresh(f);
	struct register_outcome out;
	struct register_entry both[] = { { 1, MARK_PRESENT }, { 2, MARK_ABSENT } };

	assert_int_equal(save(f, past, both, 2, &out), ACTION_OK);
	assert_int_equal(out.present, 1);
	assert_int_equal(out.absent, 1);
	assert_int_equal(out.changed, 2);
	assert_int_equal(count(f, "SELECT count(*) FROM mark"), 2);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'register.save' AND actor = 'lead' "
				  "AND entity = 'event' AND detail = '{\"present\":1,\"absent\":1,\"excused\":0,\"changed\":"
				  "[{\"upn\":\"A000000000001\",\"before\":null,\"after\":\"present\"},"
				  "{\"upn\":\"A000000000002\",\"before\":null,\"after\":\"absent\"}]}'"), 1);

	/* Its day has not come; cancelled; no such event. */
	fresh(f);
	assert_int_equal(save(f, future, both, 2, &out), ACTION_CONFLICT);
	assert_string_equal(action_problem_for(&f->r, "date"),
			    "The event is on 2025-11-11. This register cannot be taken yet: marks can be "
			    "saved from the day of the event.");
	fresh(f);
	assert_int_equal(save(f, cancelled, both, 2, &out), ACTION_CONFLICT);
	assert_string_equal(action_problem_for(&f->r, "date"),
			    "This event was cancelled: it takes no register.");
	fresh(f);
	assert_int_equal(save(f, 999, both, 2, &out), ACTION_NOT_FOUND);
	assert_int_equal(count(f, "SELECT count(*) FROM mark"), 2);

	/* A Year 8 pupil is not on a Year 7 register. */
	fresh(f);
	struct register_entry jones = { 3, MARK_PRESENT };
	assert_int_equal(save(f, past, &jones, 1, &out), ACTION_CONFLICT);
	assert_non_null(action_problem_for(&f->r, "pupils"));
	assert_int_equal(count(f, "SELECT count(*) FROM mark WHERE student_id = 3"), 0);

	/* 7A's tutor: Nowak (7B) alone is refused; with Brown, Brown is saved. */
	fresh(f);
	f->ctx.who = &f->tutor;
	struct register_entry nowak = { 2, MARK_EXCUSED };
	assert_int_equal(save(f, past, &nowak, 1, &out), ACTION_FORBIDDEN);
	assert_non_null(action_problem_for(&f->r, "pupils"));
	fresh(f);
	struct register_entry mixed[] = { { 1, MARK_EXCUSED }, { 2, MARK_EXCUSED } };
	assert_int_equal(save(f, past, mixed, 2, &out), ACTION_OK);
	assert_int_equal(out.refused, 1);
	assert_int_equal(count(f, "SELECT count(*) FROM mark WHERE status = 'excused'"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM mark WHERE student_id = 2 AND status = 'absent'"), 1);

	/* A governor takes no register; clearing a mark is a change. */
	fresh(f);
	struct principal governor = { PRINCIPAL_STAFF, 3, ROLE_GOVERNOR, "gov" };
	f->ctx.who = &governor;
	assert_int_equal(save(f, past, both, 2, &out), ACTION_FORBIDDEN);
	fresh(f);
	f->ctx.who = &f->leader;
	struct register_entry clear = { 1, REGISTER_UNMARKED };
	assert_int_equal(save(f, past, &clear, 1, &out), ACTION_OK);
	assert_int_equal(count(f, "SELECT count(*) FROM mark WHERE student_id = 1"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'register.save'"), 3);
	/* "Everyone not yet marked present" fills the gaps only: Brown. */
	fresh(f);
	struct register_request rest = { .event_id = past, .rest_present = true };
	assert_int_equal(register_save(&f->ctx, &rest, &out, &f->r), ACTION_OK);
	assert_int_equal(out.present, 1);
	assert_int_equal(count(f, "SELECT count(*) FROM mark WHERE student_id = 1 AND status = 'present'"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM mark WHERE student_id = 2 AND status = 'absent'"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM mark WHERE student_id = 3"), 0);
}

static void test_register_import_run_checks_and_audits(void **state)
{
	struct fixture *f = *state;
	register_school(f);
	long long past = schedule(f, "2025-11-03");
	static const char file[] = "UPN,Attendance\r\nA000000000001,Present\r\nA000000000002,Absent\r\n";
	struct register_import_request rq = { .data = file, .len = sizeof file - 1,
					      .file_name = "r.csv", .sha256 = "sha", .event_id = past };
	struct register_import_result res;
	struct diag_list diags;
	diag_init(&diags, "r.csv");
	f->ctx.who = &f->tutor;
	assert_int_equal(register_import_run(&f->ctx, &rq, &diags, &res, &f->r), ACTION_FORBIDDEN);
	fresh(f);
	f->ctx.who = &f->leader;
	assert_int_equal(register_import_run(&f->ctx, &rq, &diags, &res, &f->r), ACTION_OK);
	assert_int_equal(res.marks, 2);
	assert_int_equal(count(f, "SELECT count(*) FROM mark"), 0);   /* a check */
	/* Confirmed, but the file no longer does what was checked. */
	fresh(f);
	rq.apply = true;
	rq.expected = "3 marks (3 present, 0 absent, 0 excused) for 1 event\ntext read as UTF-8\n";
	assert_int_equal(register_import_run(&f->ctx, &rq, &diags, &res, &f->r), ACTION_CONFLICT);
	assert_int_equal(count(f, "SELECT count(*) FROM mark"), 0);
	fresh(f);
	struct buf check = BUF_INIT;
	register_import_describe(&res, &check);
	rq.expected = buf_str(&check);
	assert_int_equal(register_import_run(&f->ctx, &rq, &diags, &res, &f->r), ACTION_OK);
	buf_free(&check);
	assert_int_equal(count(f, "SELECT count(*) FROM mark"), 2);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'import.register' AND actor = 'lead' "
				  "AND detail = '2 marks for 1 events'"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM import_record WHERE kind = 'register'"), 1);
	diag_free(&diags);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_only_careers_staff_schedule, setup, teardown),
		cmocka_unit_test_setup_teardown(test_every_problem_named_by_its_field_and_nothing_written,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_warnings_wait_to_be_accepted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_register_limits_changes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_delete_without_register_and_missing_events, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_user_actions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_activity_change, setup, teardown),
		cmocka_unit_test_setup_teardown(test_setting_set, setup, teardown),
		cmocka_unit_test_setup_teardown(test_snapshot_and_review, setup, teardown),
		cmocka_unit_test_setup_teardown(test_calendar_changes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_selection_and_event_plan, setup, teardown),
		cmocka_unit_test_setup_teardown(test_register_save_checks_and_audits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_register_import_run_checks_and_audits, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
