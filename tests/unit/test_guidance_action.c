/* The guidance actions: who may record, change and delete a meeting (an
 * adviser only their own), one problem per field with nothing written,
 * and the audit entry of each change inside its transaction. */
#include "unit.h"

#include <sqlite3.h>
#include <unistd.h>

#include "action/guidance_action.h"
#include "store/db.h"
#include "store/guidance_store.h"
#include "store/school_store.h"

struct fixture {
	char path[64];
	struct db *db;
	sqlite3 *raw;           /* a second connection, to look and to set up */
	long long school;
	struct principal leader, tutor, jo, sam;
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

/* The first column of the first row as text, into out. */
static const char *text_of(struct fixture *f, const char *sql, char *out, size_t size)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(f->raw, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	const unsigned char *t = sqlite3_column_text(st, 0);
	snprintf(out, size, "%s", t ? (const char *)t : "(null)");
	sqlite3_finalize(st);
	return out;
}

static void exec(struct fixture *f, const char *sql)
{
	assert_int_equal(sqlite3_exec(f->raw, sql, NULL, NULL, NULL), SQLITE_OK);
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	snprintf(f->path, sizeof f->path, "/tmp/waymark-guidance-XXXXXX");
	int fd = mkstemp(f->path);
	assert_true(fd >= 0);
	close(fd);
	unlink(f->path);
	struct buf err = BUF_INIT;
	f->db = db_open(f->path, DB_OPEN_CREATE, &err);
	assert_non_null(f->db);
	buf_free(&err);
	assert_int_equal(school_create(f->db, "test", "Test", &f->school), 0);
	assert_int_equal(sqlite3_open(f->path, &f->raw), SQLITE_OK);
	sqlite3_busy_timeout(f->raw, 5000);
	exec(f, "INSERT INTO user (id, school_id, login, display_name, role, password_hash, created_at) "
		"VALUES (1, 1, 'lead', 'Lee Lead', 'leader', 'x', 'now'), "
		"(2, 1, 'tom', 'Tom Tutor', 'tutor', 'x', 'now'), "
		"(3, 1, 'jo', 'Jo Okafor', 'adviser', 'x', 'now'), "
		"(4, 1, 'sam', 'Sam Other', 'adviser', 'x', 'now')");
	exec(f, "INSERT INTO student (id, school_id, upn, legal_surname, legal_forename, created_at, "
		"updated_at) VALUES (10, 1, 'K886400111001', 'Adeyemi', 'Seun', 'now', 'now')");
	exec(f, "INSERT INTO enrolment (student_id, start_year, year_group, tutor_group, on_roll_from) "
		"VALUES (10, 2025, 11, '11A', '2025-09-01')");
	f->leader = (struct principal){ PRINCIPAL_STAFF, 1, ROLE_LEADER, "lead" };
	f->tutor = (struct principal){ PRINCIPAL_STAFF, 2, ROLE_TUTOR, "tom" };
	f->jo = (struct principal){ PRINCIPAL_STAFF, 3, ROLE_ADVISER, "jo" };
	f->sam = (struct principal){ PRINCIPAL_STAFF, 4, ROLE_ADVISER, "sam" };
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

static void fresh(struct fixture *f, const struct principal *who)
{
	action_result_free(&f->r);
	action_result_init(&f->r);
	db_release(f->db);
	f->ctx.who = who;
}

static date_t day(const char *iso)
{
	date_t d;
	assert_true(date_parse_iso(iso, &d));
	return d;
}

/* A meeting Jo held, as she records it. */
static struct guidance_request jos_meeting(void)
{
	return (struct guidance_request){ .student_id = 10, .date = day("2025-11-03"),
					  .adviser_user_id = 3, .external = true, .level = 6,
					  .notes = "Wants to be a vet.",
					  .agreed_actions = "Visit the sixth form open evening.",
					  .next_meeting = day("2026-01-12") };
}

static void test_record_writes_the_meeting_and_its_audit(void **state)
{
	struct fixture *f = *state;
	fresh(f, &f->jo);
	struct guidance_request rq = jos_meeting();
	rq.adviser_organisation = "Careers Co";
	assert_int_equal(guidance_record(&f->ctx, &rq, &f->r), ACTION_OK);
	assert_true(f->r.id > 0);
	char got[512];
	assert_string_equal(text_of(f, "SELECT adviser || '|' || adviser_user_id || '|' || external || '|' "
				       "|| agreed_actions || '|' || next_meeting || '|' || adviser_organisation "
				       "FROM guidance_meeting", got, sizeof got),
			    "Jo Okafor|3|1|Visit the sixth form open evening.|2026-01-12|Careers Co");
	assert_string_equal(text_of(f, "SELECT actor || ' ' || action || ' ' || entity || ' ' || "
				       "entity_key || ' ' || detail FROM audit", got, sizeof got),
			    "jo guidance.add student K886400111001 {\"after\":{\"date\":\"2025-11-03\","
			    "\"adviser\":\"Jo Okafor\",\"external\":true,\"level\":6,\"follow_up\":false,"
			    "\"notes_characters\":18,\"adviser_organisation\":\"Careers Co\","
			    "\"agreed_actions_characters\":34,\"next_meeting\":\"2026-01-12\"}}");
	/* An external adviser without an account, named. */
	fresh(f, &f->leader);
	rq = (struct guidance_request){ .student_id = 10, .date = day("2025-11-04"),
					.adviser_name = "  Pat Visitor ", .external = true,
					.adviser_organisation = "Careers Co", .level = 7,
					.next_meeting = DATE_NONE };
	assert_int_equal(guidance_record(&f->ctx, &rq, &f->r), ACTION_OK);
	assert_string_equal(text_of(f, "SELECT adviser || '|' || coalesce(adviser_user_id, 'none') || '|' "
				       "|| coalesce(next_meeting, 'none') FROM guidance_meeting "
				       "WHERE date = '2025-11-04'", got, sizeof got),
			    "Pat Visitor|none|none");
}

static void test_every_problem_named_by_its_field_and_nothing_written(void **state)
{
	struct fixture *f = *state;
	fresh(f, &f->leader);
	char long_notes[LIMIT_TEXT + 2];
	memset(long_notes, 'x', sizeof long_notes - 1);
	long_notes[sizeof long_notes - 1] = '\0';
	struct guidance_request rq = {
		.student_id = 10, .date = day("2025-11-11"), .adviser_name = "", .level = 9,
		.notes = long_notes, .agreed_actions = long_notes,
		.adviser_organisation = "Careers Co", .next_meeting = day("2025-11-01"),
	};
	assert_int_equal(guidance_record(&f->ctx, &rq, &f->r), ACTION_INVALID);
	assert_non_null(strstr(action_problem_for(&f->r, "date"), "the date is in the future"));
	assert_non_null(action_problem_for(&f->r, "adviser_name"));
	assert_non_null(action_problem_for(&f->r, "level"));
	assert_non_null(action_problem_for(&f->r, "notes"));
	assert_non_null(action_problem_for(&f->r, "agreed_actions"));
	assert_non_null(action_problem_for(&f->r, "adviser_organisation"));
	assert_string_equal(action_problem_for(&f->r, "next_meeting"),
			    "The next meeting must be after this one.");
	/* Plain sentences: no options, no markup. */
	for (size_t i = 0; i < f->r.problem_count; i++) {
		assert_null(strstr(f->r.problems[i].message, "--"));
		assert_null(strchr(f->r.problems[i].message, '<'));
	}
	/* A next meeting on the meeting's own day is not after it; a date the
	 * pupil was not on roll; an account of no such school. */
	fresh(f, &f->leader);
	rq = (struct guidance_request){ .student_id = 10, .date = day("2024-11-03"),
					.adviser_user_id = 99, .level = 6,
					.next_meeting = day("2024-11-03") };
	assert_int_equal(guidance_record(&f->ctx, &rq, &f->r), ACTION_INVALID);
	assert_string_equal(action_problem_for(&f->r, "date"),
			    "The pupil was not on the school's roll in 2024/25.");
	assert_non_null(action_problem_for(&f->r, "adviser"));
	assert_non_null(action_problem_for(&f->r, "next_meeting"));
	fresh(f, &f->leader);
	rq = (struct guidance_request){ .date = DATE_NONE, .adviser_user_id = 1, .level = 6,
					.next_meeting_unreadable = true, .next_meeting = DATE_NONE };
	assert_int_equal(guidance_record(&f->ctx, &rq, &f->r), ACTION_INVALID);
	assert_non_null(action_problem_for(&f->r, "date"));
	assert_non_null(action_problem_for(&f->r, "next_meeting"));
	assert_int_equal(count(f, "SELECT count(*) FROM guidance_meeting"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM audit"), 0);
}

static void test_who_may_record(void **state)
{
	struct fixture *f = *state;
	struct guidance_request rq = jos_meeting();
	fresh(f, &f->tutor);
	assert_int_equal(guidance_record(&f->ctx, &rq, &f->r), ACTION_FORBIDDEN);
	/* Sam cannot record a meeting as Jo's. */
	fresh(f, &f->sam);
	assert_int_equal(guidance_record(&f->ctx, &rq, &f->r), ACTION_FORBIDDEN);
	assert_int_equal(count(f, "SELECT count(*) FROM guidance_meeting"), 0);
	/* The careers leader may record it for Jo's account. */
	fresh(f, &f->leader);
	assert_int_equal(guidance_record(&f->ctx, &rq, &f->r), ACTION_OK);
	assert_int_equal(count(f, "SELECT adviser_user_id FROM guidance_meeting"), 3);
}

static void test_change_and_delete(void **state)
{
	struct fixture *f = *state;
	fresh(f, &f->jo);
	struct guidance_request rq = jos_meeting();
	assert_int_equal(guidance_record(&f->ctx, &rq, &f->r), ACTION_OK);
	long long id = f->r.id;

	/* Another adviser may neither change nor delete Jo's meeting; a tutor
	 * nothing at all. */
	fresh(f, &f->sam);
	assert_int_equal(guidance_change(&f->ctx, id, &rq, &f->r), ACTION_FORBIDDEN);
	fresh(f, &f->sam);
	assert_int_equal(guidance_delete(&f->ctx, id, &f->r), ACTION_FORBIDDEN);
	fresh(f, &f->tutor);
	assert_int_equal(guidance_delete(&f->ctx, id, &f->r), ACTION_FORBIDDEN);
	/* Nor may Jo give it to Sam. */
	fresh(f, &f->jo);
	struct guidance_request to_sam = rq;
	to_sam.adviser_user_id = 4;
	assert_int_equal(guidance_change(&f->ctx, id, &to_sam, &f->r), ACTION_FORBIDDEN);

	/* Jo changes her own: before and after in the audit. */
	fresh(f, &f->jo);
	rq.level = 7;
	rq.agreed_actions = NULL;
	rq.next_meeting = DATE_NONE;
	assert_int_equal(guidance_change(&f->ctx, id, &rq, &f->r), ACTION_OK);
	char got[1024];
	assert_string_equal(text_of(f, "SELECT level || '|' || coalesce(agreed_actions, 'none') || '|' || "
				       "coalesce(next_meeting, 'none') FROM guidance_meeting", got, sizeof got),
			    "7|none|none");
	assert_string_equal(text_of(f, "SELECT detail FROM audit WHERE action = 'guidance.change'", got,
				    sizeof got),
			    "{\"before\":{\"date\":\"2025-11-03\",\"adviser\":\"Jo Okafor\",\"external\":true,"
			    "\"level\":6,\"follow_up\":false,\"notes_characters\":18,"
			    "\"agreed_actions_characters\":34,\"next_meeting\":\"2026-01-12\"},"
			    "\"after\":{\"date\":\"2025-11-03\",\"adviser\":\"Jo Okafor\",\"external\":true,"
			    "\"level\":7,\"follow_up\":false,\"notes_characters\":18}}");
	/* A change with problems changes nothing. */
	fresh(f, &f->jo);
	rq.date = day("2025-12-01");
	assert_int_equal(guidance_change(&f->ctx, id, &rq, &f->r), ACTION_INVALID);
	assert_int_equal(count(f, "SELECT count(*) FROM guidance_meeting WHERE date = '2025-11-03'"), 1);

	/* No such meeting. */
	fresh(f, &f->leader);
	assert_int_equal(guidance_delete(&f->ctx, id + 100, &f->r), ACTION_NOT_FOUND);
	/* The careers leader deletes it. */
	fresh(f, &f->leader);
	assert_int_equal(guidance_delete(&f->ctx, id, &f->r), ACTION_OK);
	assert_int_equal(count(f, "SELECT count(*) FROM guidance_meeting"), 0);
	assert_string_equal(text_of(f, "SELECT actor || ' ' || entity_key || ' ' || detail FROM audit "
				       "WHERE action = 'guidance.delete'", got, sizeof got),
			    "lead K886400111001 {\"before\":{\"date\":\"2025-11-03\",\"adviser\":\"Jo Okafor\","
			    "\"external\":true,\"level\":7,\"follow_up\":false,\"notes_characters\":18}}");
	/* Jo may delete her own. */
	fresh(f, &f->jo);
	rq = jos_meeting();
	assert_int_equal(guidance_record(&f->ctx, &rq, &f->r), ACTION_OK);
	id = f->r.id;
	fresh(f, &f->jo);
	assert_int_equal(guidance_delete(&f->ctx, id, &f->r), ACTION_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_record_writes_the_meeting_and_its_audit, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_every_problem_named_by_its_field_and_nothing_written,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_who_may_record, setup, teardown),
		cmocka_unit_test_setup_teardown(test_change_and_delete, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
