/* Pupil identifiers, MIS values, attendance marks, and planning a roster
 * import: hand-worked cases. */
#include "unit.h"

#include "domain/pupil_ids.h"
#include "domain/register.h"
#include "domain/roster.h"
#include "io/roster_csv.h"
#include "util/text.h"

static void test_upn_examples(void **state)
{
	(void)state;
	char expected;
	assert_int_equal(upn_check("B801200005001", NULL), UPN_OK);
	assert_int_equal(upn_check("X886400119001", NULL), UPN_OK);
	assert_int_equal(upn_check("P207000016049", NULL), UPN_OK);
	/* A temporary UPN ends in a letter, which counts by its index. */
	assert_int_equal(upn_check("B88640012401A", NULL), UPN_OK);
	assert_true(upn_is_temporary("B88640012401A"));
	assert_false(upn_is_temporary("B801200005001"));
	assert_int_equal(upn_check("A801200005001", &expected), UPN_WRONG_CHECK_LETTER);
	assert_int_equal(expected, 'B');
	/* The wrong example from a help page: the right letter is P. */
	assert_int_equal(upn_check("B207000016049", &expected), UPN_WRONG_CHECK_LETTER);
	assert_int_equal(expected, 'P');
	assert_int_equal(upn_check("B80120000500", NULL), UPN_WRONG_LENGTH);
	assert_int_equal(upn_check("B8012000050011", NULL), UPN_WRONG_LENGTH);
	assert_int_equal(upn_check("I801200005001", NULL), UPN_BAD_CHARACTER);
	assert_int_equal(upn_check("B80120000500O", NULL), UPN_BAD_CHARACTER);
	assert_int_equal(upn_check("B8012000A5001", NULL), UPN_BAD_CHARACTER);
	assert_int_equal(upn_check("b801200005001", NULL), UPN_BAD_CHARACTER);
	assert_int_equal(upn_la_code("X886400119001"), 886);
	/* 8*2 + 1*4 + 2*5 + 5*10 + 1*13 = 93; 93 mod 23 = 1: B. */
	assert_int_equal(upn_check_letter("801200005001"), 'B');
}

static void test_uln(void **state)
{
	(void)state;
	/* 9*10 + 2*9 + 7*8 + 6*7 + 3*6 + 0*5 + 8*4 + 6*3 + 8*2 + 6*1 = 296 = 26*11 + 10 */
	assert_true(uln_valid("9276308686"));
	assert_false(uln_valid("9276308687"));
	assert_false(uln_valid("927630868"));
	assert_false(uln_valid("92763086a6"));
	assert_int_equal(uln_check_digit("927630868"), 6);
	assert_int_equal(uln_check_digit("92763086x"), -1);
}

static void test_year_groups(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		int year;
	} good[] = {
		{ "7", 7 }, { "07", 7 }, { "Year 7", 7 }, { "Yr7", 7 }, { "Y7", 7 }, { "yr 11", 11 },
		{ "YEAR 10", 10 }, { "NC Year 9", 9 }, { "L6", 12 }, { "U6", 13 }, { "Lower Sixth", 12 },
		{ "Upper 6", 13 }, { "12", 12 }, { "Y13", 13 }, { "Year 6", 6 }, { "0", 0 },
	};
	for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
		int y = -1;
		assert_true(roster_parse_year_group(good[i].text, &y));
		assert_int_equal(y, good[i].year);
	}
	int y;
	assert_false(roster_parse_year_group("Reception", &y));
	assert_false(roster_parse_year_group("Year Seven", &y));
	assert_false(roster_parse_year_group("15", &y));
	assert_false(roster_parse_year_group("", &y));
}

static void test_sen_booleans_gender_dates(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		char sen;
	} sen[] = {
		{ "N", 'N' }, { "K", 'K' }, { "E", 'E' }, { "k", 'K' }, { "K - SEN Support", 'K' },
		{ "E - Education, Health and Care Plan", 'E' }, { "E: EHC plan", 'E' },
		{ "No SEN", 'N' }, { "None", 'N' }, { "SEN Support", 'K' }, { "EHCP", 'E' },
		{ "S", 'E' },
	};
	for (size_t i = 0; i < sizeof sen / sizeof *sen; i++) {
		char out = 0;
		assert_true(roster_parse_sen(sen[i].text, &out));
		assert_int_equal(out, sen[i].sen);
	}
	char c;
	assert_false(roster_parse_sen("Q", &c));
	assert_false(roster_parse_sen("", &c));

	bool b;
	const char *yes[] = { "Y", "y", "Yes", "TRUE", "true", "T", "1" };
	const char *no[] = { "N", "No", "False", "f", "0" };
	for (size_t i = 0; i < 7; i++) {
		assert_true(roster_parse_bool(yes[i], &b));
		assert_true(b);
	}
	for (size_t i = 0; i < 5; i++) {
		assert_true(roster_parse_bool(no[i], &b));
		assert_false(b);
	}
	assert_false(roster_parse_bool("maybe", &b));

	assert_true(roster_parse_gender("Male", &c));
	assert_int_equal(c, 'M');
	assert_true(roster_parse_gender("f", &c));
	assert_int_equal(c, 'F');
	assert_true(roster_parse_gender("U", &c));
	assert_int_equal(c, 'U');
	assert_false(roster_parse_gender("boy", &c));

	date_t d;
	assert_true(roster_parse_date("14/03/2013", &d));
	assert_int_equal(d, D(2013, 3, 14));
	assert_true(roster_parse_date("2013-03-14", &d));
	assert_int_equal(d, D(2013, 3, 14));
	/* The MIS's "no end date". */
	assert_true(roster_parse_date("06/06/2079", &d));
	assert_int_equal(d, DATE_NONE);
	assert_false(roster_parse_date("31/02/2013", &d));
}

static void test_attendance_marks(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		enum mark_status status;
	} marks[] = {
		{ "Present", MARK_PRESENT }, { "present", MARK_PRESENT }, { "Y", MARK_PRESENT },
		{ "1", MARK_PRESENT }, { "\xe2\x9c\x93", MARK_PRESENT }, { "\xe2\x9c\x94", MARK_PRESENT },
		{ "/", MARK_PRESENT }, { "Late", MARK_PRESENT }, { "Absent", MARK_ABSENT },
		{ "N", MARK_ABSENT }, { "0", MARK_ABSENT }, { "", MARK_ABSENT }, { "  ", MARK_ABSENT },
		{ "Excused", MARK_EXCUSED }, { "E", MARK_EXCUSED },
	};
	for (size_t i = 0; i < sizeof marks / sizeof *marks; i++) {
		enum mark_status s = MARK_STATUS_COUNT;
		assert_true(register_parse_attendance(marks[i].text, &s));
		assert_int_equal(s, marks[i].status);
	}
	enum mark_status s;
	assert_false(register_parse_attendance("X", &s));
	assert_false(register_parse_attendance("maybe", &s));
}

/* ---- planning ---- */

static struct roster_existing held_pupil(long long id, const char *upn, const char *adno,
					 int year_group, const char *tutor, bool this_year,
					 bool last_year)
{
	struct roster_existing x = { 0 };
	x.pupil = (struct pupil){ .id = id, .upn = upn, .admission_number = adno,
				  .legal_surname = "Smith", .legal_forename = "Sam",
				  .date_of_birth = DATE_NONE, .gender = 'F' };
	struct enrolment e = { .year_group = year_group, .tutor_group = tutor, .sen = 'N',
			       .on_roll_to = DATE_NONE };
	if (this_year) {
		x.enrolled_this_year = true;
		x.this_year = e;
		x.this_year.start_year = 2025;
		x.this_year.on_roll_from = D(2025, 9, 1);
	}
	if (last_year) {
		x.enrolled_last_year = true;
		x.last_year = e;
		x.last_year.year_group = year_group - 1;
		x.last_year.start_year = 2024;
		x.last_year.on_roll_from = D(2024, 9, 1);
	}
	return x;
}

static struct roster_record record(int line, const char *upn, const char *adno, int year_group,
				   const char *tutor)
{
	struct roster_record r = { .line = line, .admitted = DATE_NONE, .leaving = DATE_NONE };
	r.pupil = (struct pupil){ .upn = upn, .admission_number = adno, .legal_surname = "Smith",
				  .legal_forename = "Sam", .date_of_birth = DATE_NONE, .gender = 'F' };
	r.enrolment = (struct enrolment){ .year_group = year_group, .tutor_group = tutor,
					  .sen = 'N', .on_roll_from = DATE_NONE,
					  .on_roll_to = DATE_NONE };
	return r;
}

static const unsigned FIELDS = ROSTER_HAS_UPN | ROSTER_HAS_ADMISSION_NUMBER |
			       ROSTER_HAS_TUTOR_GROUP | ROSTER_HAS_GENDER;

static const struct roster_plan_item *item_for(const struct roster_plan *plan, long long id)
{
	for (size_t i = 0; i < plan->count; i++)
		if (plan->items[i].pupil.id == id)
			return &plan->items[i];
	return NULL;
}

static void test_plan_same_year(void **state)
{
	(void)state;
	struct roster_existing held[] = {
		held_pupil(1, "B801200005001", "0001", 7, "7A", true, false),
		held_pupil(2, "X886400119001", "0002", 7, "7A", true, false),
		held_pupil(3, "P207000016049", "0003", 7, "7B", true, false),
	};
	struct roster_record records[] = {
		record(2, "B801200005001", "0001", 7, "7A"),  /* unchanged */
		record(3, "X886400119001", "0002", 7, "7C"),  /* moved tutor group */
		record(4, "B88640012401A", "0004", 7, "7C"),  /* joined mid-year */
	};
	struct roster_plan plan;
	struct diag_list diags;
	diag_init(&diags, "r.csv");
	assert_true(roster_plan_build(records, 3, FIELDS, held, 3, 2025, D(2025, 11, 10), false,
				      &plan, &diags));
	assert_int_equal(plan.added, 1);
	assert_int_equal(plan.updated, 1);
	assert_int_equal(plan.unchanged, 1);
	assert_int_equal(plan.left, 1);
	assert_false(plan.rollover);
	assert_int_equal(item_for(&plan, 1)->change, ROSTER_UNCHANGED);
	assert_int_equal(item_for(&plan, 2)->change, ROSTER_UPDATED);
	assert_string_equal(item_for(&plan, 2)->enrolment.tutor_group, "7C");
	/* The pupil missing from a full roster: on roll until the day before. */
	const struct roster_plan_item *gone = item_for(&plan, 3);
	assert_int_equal(gone->change, ROSTER_LEFT);
	assert_int_equal(gone->enrolment.on_roll_to, D(2025, 11, 9));
	/* A newcomer in a later roster is on roll from the import's date. */
	const struct roster_plan_item *joined = item_for(&plan, 0);
	assert_int_equal(joined->change, ROSTER_NEW);
	assert_int_equal(joined->enrolment.on_roll_from, D(2025, 11, 10));
	roster_plan_free(&plan);

	/* A partial roster marks nobody as left. */
	assert_true(roster_plan_build(records, 3, FIELDS, held, 3, 2025, D(2025, 11, 10), true,
				      &plan, &diags));
	assert_int_equal(plan.left, 0);
	roster_plan_free(&plan);
	diag_free(&diags);
}

static void test_plan_first_roster_and_dates(void **state)
{
	(void)state;
	struct roster_record records[] = {
		record(2, "B801200005001", "0001", 7, "7A"),
		record(3, "X886400119001", "0002", 7, "7A"),
	};
	records[1].admitted = D(2025, 10, 6);
	records[0].leaving = D(2026, 2, 13);
	struct roster_plan plan;
	struct diag_list diags;
	diag_init(&diags, "r.csv");
	assert_true(roster_plan_build(records, 2, FIELDS | ROSTER_HAS_ADMISSION_DATE |
				      ROSTER_HAS_LEAVING_DATE, NULL, 0, 2025, D(2025, 9, 20), false,
				      &plan, &diags));
	assert_int_equal(plan.added, 2);
	/* The year's first roster: on roll from 1 September, unless admitted later. */
	assert_int_equal(plan.items[0].enrolment.on_roll_from, D(2025, 9, 1));
	assert_int_equal(plan.items[0].enrolment.on_roll_to, D(2026, 2, 13));
	assert_int_equal(plan.items[1].enrolment.on_roll_from, D(2025, 10, 6));
	assert_int_equal(plan.items[1].enrolment.on_roll_to, DATE_NONE);
	roster_plan_free(&plan);
	diag_free(&diags);
}

static void test_plan_rollover(void **state)
{
	(void)state;
	/* Enrolled last year (2024/25) only: September's roster rolls over. */
	struct roster_existing held[] = {
		held_pupil(1, "B801200005001", "0001", 8, "7A", false, true),
		held_pupil(2, "X886400119001", "0002", 8, "7B", false, true),
		held_pupil(3, "P207000016049", "0003", 12, "11A", false, true),
	};
	struct roster_record records[] = {
		record(2, "B801200005001", "0001", 8, "8A"),  /* promoted */
		record(3, "X886400119001", "0002", 7, "7B"),  /* kept back */
		record(4, "B88640012401A", "0004", 8, "8A"),  /* joined */
	};
	struct roster_plan plan;
	struct diag_list diags;
	diag_init(&diags, "r.csv");
	assert_true(roster_plan_build(records, 3, FIELDS, held, 3, 2025, D(2025, 9, 3), false,
				      &plan, &diags));
	assert_true(plan.rollover);
	assert_int_equal(plan.promoted, 1);
	assert_int_equal(plan.kept_back, 1);
	assert_int_equal(plan.joined, 1);
	assert_int_equal(plan.left, 1);
	assert_int_equal(plan.added, 1);
	assert_int_equal(plan.updated, 2);
	/* Promoted pupils are on roll from the start of the new year. */
	assert_int_equal(item_for(&plan, 1)->enrolment.start_year, 2025);
	assert_int_equal(item_for(&plan, 1)->enrolment.on_roll_from, D(2025, 9, 1));
	/* The leaver's last year ends on 31 August; nothing is written for the
	 * new year. */
	const struct roster_plan_item *gone = item_for(&plan, 3);
	assert_int_equal(gone->change, ROSTER_LEFT);
	assert_int_equal(gone->enrolment.start_year, 2024);
	assert_int_equal(gone->enrolment.on_roll_to, D(2025, 8, 31));
	roster_plan_free(&plan);
	diag_free(&diags);
}

static void test_plan_matching(void **state)
{
	(void)state;
	struct roster_existing held[] = {
		held_pupil(1, "B88640012401A", "0001", 9, "9A", true, false),
		held_pupil(2, NULL, "0002", 9, "9A", true, false),
	};
	/* Pupil 1's temporary UPN is replaced by a permanent one; the file
	 * gives the old one as former UPN. Pupil 2 is matched by admission
	 * number and gains a UPN. */
	struct roster_record records[] = {
		record(2, "B801200005001", "0009", 9, "9A"),
		record(3, "X886400119001", "0002", 9, "9A"),
	};
	records[0].pupil.former_upn = "B88640012401A";
	struct roster_plan plan;
	struct diag_list diags;
	diag_init(&diags, "r.csv");
	assert_true(roster_plan_build(records, 2, FIELDS | ROSTER_HAS_FORMER_UPN, held, 2, 2025,
				      D(2025, 11, 10), false, &plan, &diags));
	assert_int_equal(plan.added, 0);
	assert_int_equal(plan.left, 0);
	const struct roster_plan_item *one = item_for(&plan, 1);
	assert_true(one->upn_changed);
	assert_string_equal(one->pupil.upn, "B801200005001");
	assert_string_equal(one->pupil.former_upn, "B88640012401A");
	assert_string_equal(item_for(&plan, 2)->pupil.upn, "X886400119001");
	roster_plan_free(&plan);

	/* Two rows that are the same pupil. */
	struct roster_record twice[] = {
		record(2, "B88640012401A", "0001", 9, "9A"),
		record(5, NULL, "0001", 9, "9A"),
	};
	assert_false(roster_plan_build(twice, 2, FIELDS, held, 2, 2025, D(2025, 11, 10), false,
				       &plan, &diags));
	assert_diags(&diags, "r.csv:5: this row is the same pupil as line 2 (matched by UPN, former UPN or admission number): remove one of them\n");
	roster_plan_free(&plan);
	diag_free(&diags);
}

static void test_plan_keeps_columns_the_file_lacks(void **state)
{
	(void)state;
	struct roster_existing held[] = { held_pupil(1, "B801200005001", "0001", 9, "9A", true, false) };
	held[0].this_year.house = "Curie";
	held[0].this_year.pupil_premium = true;
	struct roster_record records[] = { record(2, "B801200005001", NULL, 9, NULL) };
	struct roster_plan plan;
	struct diag_list diags;
	diag_init(&diags, "r.csv");
	/* A file with only UPN, names and year: nothing else is erased. */
	assert_true(roster_plan_build(records, 1, ROSTER_HAS_UPN, held, 1, 2025, D(2025, 11, 10),
				      false, &plan, &diags));
	assert_int_equal(plan.unchanged, 1);
	assert_string_equal(plan.items[0].enrolment.house, "Curie");
	assert_true(plan.items[0].enrolment.pupil_premium);
	assert_string_equal(plan.items[0].pupil.admission_number, "0001");
	roster_plan_free(&plan);
	diag_free(&diags);
}

/* ---- text limits in a roster file ---- */

enum { R_UPN, R_ADNO, R_SURNAME, R_FORENAME, R_PREFERRED_FORENAME, R_PREFERRED_SURNAME,
       R_YEAR, R_TUTOR_GROUP, R_HOUSE, R_ULN, R_FORMER_UPN, R_CELLS };

/* A roster of one made-up pupil (header on line 1, the pupil on line 2)
 * whose cells are the defaults but for cells[i] that are not NULL, each
 * quoted. Caller frees. */
static char *one_pupil_roster(const char *const cells[R_CELLS])
{
	static const char *const defaults[R_CELLS] = {
		"K886400111001", "001001", "Brown", "Sam", "", "", "7", "7A", "Curie", "", "",
	};
	struct buf b = BUF_INIT;
	buf_puts(&b, "UPN,Adno,Legal Surname,Legal Forename,Preferred Forename,Preferred Surname,"
		     "Year,Reg Group,House,ULN,Former UPN\n");
	for (int i = 0; i < R_CELLS; i++)
		buf_printf(&b, "%s\"%s\"", i ? "," : "", cells[i] ? cells[i] : defaults[i]);
	buf_puts(&b, "\n");
	return buf_detach(&b);
}

/* Reads text as r.csv: true when it was accepted; *diags holds what was said. */
static bool read_roster(const char *text, struct roster_file *f, struct diag_list *diags)
{
	diag_init(diags, "r.csv");
	return roster_csv_read(text, strlen(text), CSV_DETECT, f, diags, NULL);
}

/* Every text field at exactly its limit, in characters of two bytes, so
 * that a byte count would refuse them: accepted whole. */
static void test_roster_text_at_its_limit(void **state)
{
	(void)state;
	char *name = repeat_text("Ł", 100), *group = repeat_text("é", 30);
	const char *cells[R_CELLS] = {
		[R_ADNO] = group, [R_SURNAME] = name, [R_FORENAME] = name,
		[R_PREFERRED_FORENAME] = name, [R_PREFERRED_SURNAME] = name,
		[R_TUTOR_GROUP] = group, [R_HOUSE] = group,
	};
	char *text = one_pupil_roster(cells);
	struct roster_file f;
	struct diag_list diags;
	assert_true(read_roster(text, &f, &diags));
	assert_diags(&diags, "");
	assert_int_equal(f.count, 1);
	const struct roster_record *r = &f.records[0];
	assert_string_equal(r->pupil.legal_surname, name);
	assert_int_equal(strlen(r->pupil.legal_surname), 200);
	assert_int_equal(text_width(r->pupil.preferred_surname), 100);
	assert_string_equal(r->enrolment.tutor_group, group);
	assert_string_equal(r->enrolment.house, group);
	assert_string_equal(r->pupil.admission_number, group);
	roster_file_free(&f);
	diag_free(&diags);
	free(text);
	free(name);
	free(group);
}

/* One character more than its limit in any text field refuses the file,
 * naming the line, the column, the field, the limit and what to do. */
static void test_roster_text_over_its_limit(void **state)
{
	(void)state;
	char *name = repeat_text("Ł", 101), *group = repeat_text("é", 31);
	char *upn = repeat_text("K886400111001", 3);
	static const struct {
		int cell;
		bool group;
		const char *expected;
	} cases[] = {
		{ R_SURNAME, false, "r.csv:2: column Legal Surname: the legal surname is longer than 100 characters (it has 101): shorten it in the MIS and export the roster again\n" },
		{ R_FORENAME, false, "r.csv:2: column Legal Forename: the legal forename is longer than 100 characters (it has 101): shorten it in the MIS and export the roster again\n" },
		{ R_PREFERRED_FORENAME, false, "r.csv:2: column Preferred Forename: the preferred forename is longer than 100 characters (it has 101): shorten it in the MIS and export the roster again\n" },
		{ R_PREFERRED_SURNAME, false, "r.csv:2: column Preferred Surname: the preferred surname is longer than 100 characters (it has 101): shorten it in the MIS and export the roster again\n" },
		{ R_TUTOR_GROUP, true, "r.csv:2: column Reg Group: the tutor group is longer than 30 characters (it has 31): shorten it in the MIS and export the roster again\n" },
		{ R_HOUSE, true, "r.csv:2: column House: the house is longer than 30 characters (it has 31): shorten it in the MIS and export the roster again\n" },
		{ R_ADNO, true, "r.csv:2: column Adno: the admission number is longer than 30 characters (it has 31): shorten it in the MIS and export the roster again\n" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const char *cells[R_CELLS] = { 0 };
		cells[cases[i].cell] = cases[i].group ? group : name;
		char *text = one_pupil_roster(cells);
		struct roster_file f;
		struct diag_list diags;
		assert_false(read_roster(text, &f, &diags));
		assert_diags(&diags, cases[i].expected);
		assert_int_equal(f.count, 0);
		roster_file_free(&f);
		diag_free(&diags);
		free(text);
	}
	/* Identifiers too long to be one get that message alone: not also a
	 * wrong length, check letter or check digit. */
	const char *cells[R_CELLS] = { [R_UPN] = upn, [R_FORMER_UPN] = upn, [R_ULN] = upn };
	char *text = one_pupil_roster(cells);
	struct roster_file f;
	struct diag_list diags;
	assert_false(read_roster(text, &f, &diags));
	assert_diags(&diags,
		     "r.csv:2: column UPN: the UPN is longer than 30 characters (it has 39): shorten it in the MIS and export the roster again\n"
		     "r.csv:2: column Former UPN: the former UPN is longer than 30 characters (it has 39): shorten it in the MIS and export the roster again\n"
		     "r.csv:2: column ULN: the ULN is longer than 30 characters (it has 39): shorten it in the MIS and export the roster again\n");
	roster_file_free(&f);
	diag_free(&diags);
	free(text);
	free(upn);
	free(name);
	free(group);
}

/* Names and groups are one line: a line break inside a quoted cell is
 * refused at the line the row starts on. */
static void test_roster_text_on_one_line(void **state)
{
	(void)state;
	const char *cells[R_CELLS] = { [R_HOUSE] = "Cu\nrie", [R_FORENAME] = "Sam\tJo" };
	char *text = one_pupil_roster(cells);
	struct roster_file f;
	struct diag_list diags;
	assert_false(read_roster(text, &f, &diags));
	assert_diags(&diags,
		     "r.csv:2: column Legal Forename: the legal forename must be on one line: take out the line break or tab in the MIS and export the roster again\n"
		     "r.csv:2: column House: the house must be on one line: take out the line break or tab in the MIS and export the roster again\n");
	roster_file_free(&f);
	diag_free(&diags);
	free(text);
}

/* Issue 10: mass leaving needs the number typed from 21 pupils, or from
 * over 5% of the roll. */
static void test_leaving_threshold(void **state)
{
	(void)state;
	assert_false(roster_leaving_needs_confirmation(0, 0));
	assert_false(roster_leaving_needs_confirmation(20, 1000));
	assert_true(roster_leaving_needs_confirmation(21, 1000));
	/* 5% of 200 is 10: ten may leave, eleven need the number. */
	assert_false(roster_leaving_needs_confirmation(10, 200));
	assert_true(roster_leaving_needs_confirmation(11, 200));
	/* A small school: one of 19 is over 5%, one of 20 is not. */
	assert_true(roster_leaving_needs_confirmation(1, 19));
	assert_false(roster_leaving_needs_confirmation(1, 20));
	/* Leavers from an empty roll (nothing held on roll). */
	assert_true(roster_leaving_needs_confirmation(1, 0));
	/* 1,176 of 1,181: the joiners file of the issue. */
	assert_true(roster_leaving_needs_confirmation(1176, 1181));
}

/* A whole-school roster without a Date of Leaving column puts a pupil
 * marked as left back on roll; a partial one does not; the plan measures
 * leaving against the larger roll, before or after. */
static void test_plan_restores_left_pupils(void **state)
{
	(void)state;
	struct roster_existing held[] = {
		held_pupil(1, "B801200005001", "0001", 7, "7A", true, false),
		held_pupil(2, "X886400119001", "0002", 7, "7A", true, false),
	};
	held[1].this_year.on_roll_to = D(2025, 10, 1);
	struct roster_record records[] = {
		record(2, "B801200005001", "0001", 7, "7A"),
		record(3, "X886400119001", "0002", 7, "7A"),
	};
	struct roster_plan plan;
	struct diag_list diags;
	diag_init(&diags, "r.csv");
	assert_true(roster_plan_build(records, 2, FIELDS, held, 2, 2025, D(2025, 11, 10), false,
				      &plan, &diags));
	assert_int_equal(plan.on_roll, 1);
	assert_int_equal(plan.restored, 1);
	assert_int_equal(plan.updated, 1);
	const struct roster_plan_item *back = item_for(&plan, 2);
	assert_int_equal(back->change, ROSTER_UPDATED);
	assert_int_equal(back->enrolment.on_roll_to, DATE_NONE);
	char changes[256];
	roster_item_changes(back, &held[1], changes, sizeof changes);
	assert_string_equal(changes, "on roll again");
	roster_plan_free(&plan);

	assert_true(roster_plan_build(records, 2, FIELDS, held, 2, 2025, D(2025, 11, 10), true,
				      &plan, &diags));
	assert_int_equal(plan.restored, 0);
	assert_int_equal(item_for(&plan, 2)->change, ROSTER_UNCHANGED);
	roster_plan_free(&plan);

	/* One of a roll of one leaves while nineteen come back: measured
	 * against the twenty the file describes, no number is needed. */
	struct roster_plan counts = { .on_roll = 1, .left = 1, .restored = 19, .added = 1 };
	assert_false(roster_plan_needs_confirmation(&counts));
	counts.restored = 0;
	assert_true(roster_plan_needs_confirmation(&counts));
	diag_free(&diags);
}

/* The fields a change names, for the dry run. */
static void test_item_changes(void **state)
{
	(void)state;
	struct roster_existing held[] = {
		held_pupil(1, "B801200005001", "0001", 7, "7A", true, false),
	};
	struct roster_record records[] = {
		record(2, "B801200005001", "0001", 8, "8C"),
	};
	records[0].pupil.legal_surname = "Another";
	struct roster_plan plan;
	struct diag_list diags;
	diag_init(&diags, "r.csv");
	assert_true(roster_plan_build(records, 1, FIELDS, held, 1, 2025, D(2025, 11, 10), true,
				      &plan, &diags));
	char changes[256];
	roster_item_changes(&plan.items[0], &held[0], changes, sizeof changes);
	assert_string_equal(changes, "legal name, year group, tutor group");
	roster_item_changes(&plan.items[0], NULL, changes, sizeof changes);
	assert_string_equal(changes, "");
	roster_plan_free(&plan);
	diag_free(&diags);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_upn_examples),
		cmocka_unit_test(test_uln),
		cmocka_unit_test(test_year_groups),
		cmocka_unit_test(test_sen_booleans_gender_dates),
		cmocka_unit_test(test_attendance_marks),
		cmocka_unit_test(test_plan_same_year),
		cmocka_unit_test(test_plan_first_roster_and_dates),
		cmocka_unit_test(test_plan_rollover),
		cmocka_unit_test(test_plan_matching),
		cmocka_unit_test(test_plan_keeps_columns_the_file_lacks),
		cmocka_unit_test(test_roster_text_at_its_limit),
		cmocka_unit_test(test_roster_text_over_its_limit),
		cmocka_unit_test(test_roster_text_on_one_line),
		cmocka_unit_test(test_leaving_threshold),
		cmocka_unit_test(test_plan_restores_left_pupils),
		cmocka_unit_test(test_item_changes),
	};
	return cmocka_run_group_tests_name("roster", tests, NULL, NULL);
}
