/* The CSV reader, on small inline files and on the fixtures under
 * tests/fixtures/csv/ (every name invented). Results are compared as text:
 * "H4: UPN|Legal Surname" for the header on line 4, "5: a|b" for a data
 * row starting on line 5, a line break inside a cell shown as "\n" (and a
 * carriage return as "\r"). */
#include "unit.h"

#include "io/csv_reader.h"
#include "io/field_limit.h"
#include "io/guidance_csv.h"
#include "io/intentions_csv.h"

static const char *const roster_names[] = {
	"UPN", "Legal Surname", "Legal Forename", "Year", NULL,
};

/* A roster's header: at least two of the names above. */
static const struct csv_options roster = {
	.header_score = csv_score_known_names,
	.ctx = (void *)roster_names,
	.min_score = 2,
	.header_hint = "UPN, Legal Surname, Year",
};

struct result {
	bool ok;
	struct csv_table table;
	struct diag_list diags;
	char *dump;      /* the header and rows, as described at the top */
	char *problems;  /* diag_print's output */
};

static void dump_row(struct buf *out, const char *prefix, const struct csv_row *row)
{
	buf_printf(out, "%s%d: ", prefix, row->line);
	for (size_t i = 0; i < row->count; i++) {
		if (i)
			buf_putc(out, '|');
		for (const char *p = row->cells[i]; *p; p++) {
			if (*p == '\n')
				buf_puts(out, "\\n");
			else if (*p == '\r')
				buf_puts(out, "\\r");
			else
				buf_putc(out, *p);
		}
	}
	buf_putc(out, '\n');
}

static void run(struct result *r, const char *text, size_t len, const struct csv_options *opt)
{
	diag_init(&r->diags, "t.csv");
	r->ok = csv_read_table(text, len, opt, &r->table, &r->diags);
	struct buf out = BUF_INIT;
	if (r->table.info.header.count)
		dump_row(&out, "H", &r->table.info.header);
	for (size_t i = 0; i < r->table.row_count; i++) {
		/* Every row has exactly the header's number of cells. */
		assert_int_equal(r->table.rows[i].count, r->table.info.header.count);
		dump_row(&out, "", &r->table.rows[i]);
	}
	assert_int_equal(r->table.row_count, r->table.info.rows);
	r->dump = buf_detach(&out);
	r->problems = diag_text(&r->diags);
}

#define RUN(r, literal, opt) run((r), (literal), sizeof(literal) - 1, (opt))

static void result_free(struct result *r)
{
	csv_table_free(&r->table);
	diag_free(&r->diags);
	free(r->dump);
	free(r->problems);
}

/* Reads literal and checks the dump and the problems printed. */
#define CHECK(literal, opt, want_ok, want_dump, want_problems)      \
	do {                                                        \
		struct result r_;                                   \
		RUN(&r_, literal, opt);                             \
		assert_string_equal(r_.problems, (want_problems));  \
		assert_string_equal(r_.dump, (want_dump));          \
		assert_int_equal(r_.ok, (want_ok));                 \
		result_free(&r_);                                   \
	} while (0)

/* ---- encodings ---- */

static void test_utf8_stays_utf8(void **state)
{
	(void)state;
	struct result r;
	RUN(&r, "UPN,Legal Surname\n1,Łukasz\n2,Zoë\n", NULL);
	assert_true(r.ok);
	assert_int_equal(r.table.info.encoding, CSV_UTF8);
	assert_string_equal(r.dump, "H1: UPN|Legal Surname\n2: 1|Łukasz\n3: 2|Zoë\n");
	result_free(&r);
}

static void test_utf8_bom_is_stripped(void **state)
{
	(void)state;
	struct result r;
	RUN(&r, "\xEF\xBB\xBFUPN,Year\r\nB801200005001,7\r\n", NULL);
	assert_true(r.ok);
	assert_int_equal(r.table.info.encoding, CSV_UTF8_BOM);
	assert_string_equal(r.table.info.header.cells[0], "UPN");
	assert_int_equal(csv_find_column(&r.table.info.header, "UPN"), 0);
	assert_string_equal(r.dump, "H1: UPN|Year\n2: B801200005001|7\n");
	result_free(&r);
}

static void test_windows_1252_is_converted(void **state)
{
	(void)state;
	struct result r;
	RUN(&r, "UPN,Name,Fee,Nickname\r\n1,Zo\xEB,\x80" "5,\x93Jo\x94\r\n2,Si\xE2n,,\r\n", NULL);
	assert_string_equal(r.problems, "");
	assert_true(r.ok);
	assert_int_equal(r.table.info.encoding, CSV_WINDOWS_1252);
	assert_string_equal(r.dump,
			    "H1: UPN|Name|Fee|Nickname\n"
			    "2: 1|Zoë|€5|“Jo”\n"
			    "3: 2|Siân||\n");
	result_free(&r);
}

static void test_windows_1252_undefined_bytes_are_errors(void **state)
{
	(void)state;
	static const unsigned char undefined[] = { 0x81, 0x8D, 0x8F, 0x90, 0x9D };
	for (size_t i = 0; i < sizeof undefined; i++) {
		char text[] = "UPN,Name\r\n1,Zo\xEB\r\n2,AbXc\r\n";
		*strchr(text, 'X') = (char)undefined[i];
		struct result r;
		run(&r, text, strlen(text), NULL);
		char want[200];
		snprintf(want, sizeof want,
			 "t.csv:3:5: byte 0x%02X is neither UTF-8 nor Windows-1252: save the file as \"CSV UTF-8\"\n",
			 undefined[i]);
		assert_string_equal(r.problems, want);
		assert_false(r.ok);
		assert_string_equal(r.dump, "");
		result_free(&r);
	}
}

/* Issue 10: a file that mixes UTF-8 with bytes that are not UTF-8 is
 * refused, each bad byte at its line and column, never read as
 * Windows-1252 into mojibake. */
static const char mixed_advice[] =
	"the file mixes UTF-8 text with bytes that are not UTF-8 (a character from a Windows-1252 file pasted in?), so its encoding cannot be told: save it as \"CSV UTF-8\" and import it again, or name its encoding (File encoding on the imports page, --encoding on the command line)";

static void test_utf8_mixed_with_windows_1252_is_refused(void **state)
{
	(void)state;
	char want[1000];
	/* "Łukasz" in UTF-8, then "Zoë" in Windows-1252. */
	snprintf(want, sizeof want, "t.csv:3:5: byte 0xEB is not UTF-8\nt.csv: %s\n", mixed_advice);
	CHECK("UPN,Name\n1,\xC5\x81ukasz\n2,Zo\xEB\n", NULL, false, "", want);
	/* Columns count characters: Ł and é are one each, the bad byte one. */
	snprintf(want, sizeof want,
		 "t.csv:2:8: byte 0x93 is not UTF-8\nt.csv:2:11: byte 0x94 is not UTF-8\nt.csv: %s\n",
		 mixed_advice);
	CHECK("UPN,Name\r\n1,\xC5\x81uk\xC3\xA9 \x93Jo\x94\r\n", NULL, false, "", want);
}

static void test_mixed_file_lists_ten_bad_bytes_then_counts(void **state)
{
	(void)state;
	struct buf text = BUF_INIT, want = BUF_INIT;
	buf_puts(&text, "UPN,Name\n1,Zo\xC3\xAB\n");
	for (int i = 0; i < 13; i++)
		buf_puts(&text, "x,Zo\xEB\n");
	for (int i = 0; i < 10; i++)
		buf_printf(&want, "t.csv:%d:5: byte 0xEB is not UTF-8\n", i + 3);
	buf_printf(&want, "t.csv: and 3 more such bytes: %s\n", mixed_advice);
	struct result r;
	run(&r, text.data, text.len, NULL);
	assert_string_equal(r.problems, want.data);
	assert_false(r.ok);
	assert_int_equal(r.diags.errors, 11);
	result_free(&r);
	buf_free(&text);
	buf_free(&want);
}

static void test_named_encoding(void **state)
{
	(void)state;
	struct csv_options opt = { .encoding = CSV_AS_WINDOWS_1252 };
	struct result r;
	/* Named Windows-1252: every byte is a character, so "Ã©" stays. */
	RUN(&r, "UPN,Name\n1,Zo\xEB\n2,Ren\xC3\xA9\n", &opt);
	assert_string_equal(r.problems, "");
	assert_true(r.ok);
	assert_int_equal(r.table.info.encoding, CSV_WINDOWS_1252);
	assert_true(r.table.info.encoding_named);
	assert_string_equal(r.dump, "H1: UPN|Name\n2: 1|Zoë\n3: 2|RenÃ©\n");
	result_free(&r);

	/* Named UTF-8: a file wholly in Windows-1252 is not read as it. */
	opt.encoding = CSV_AS_UTF8;
	CHECK("UPN,Name\n1,Zo\xEB\n", &opt, false, "",
	      "t.csv:2:5: byte 0xEB is not UTF-8\n"
	      "t.csv: the file was read as UTF-8, as asked, but has bytes that are not UTF-8: save it as \"CSV UTF-8\", or name the encoding it is in\n");
	RUN(&r, "\xEF\xBB\xBFUPN,Name\n1,Zo\xC3\xAB\n", &opt);
	assert_true(r.ok);
	assert_int_equal(r.table.info.encoding, CSV_UTF8_BOM);
	assert_string_equal(r.dump, "H1: UPN|Name\n2: 1|Zoë\n");
	result_free(&r);

	/* Named UTF-16 without a byte order mark: little-endian. */
	opt.encoding = CSV_AS_UTF16;
	RUN(&r, "U\0P\0N\0,\0N\0a\0m\0e\0\n\0" "1\0,\0Z\0o\0\xEB\0\n\0", &opt);
	assert_string_equal(r.problems, "");
	assert_int_equal(r.table.info.encoding, CSV_UTF16LE);
	assert_string_equal(r.dump, "H1: UPN|Name\n2: 1|Zoë\n");
	result_free(&r);

	/* Not named: detected, and says so. */
	RUN(&r, "UPN,Name\n1,Zo\xEB\n", NULL);
	assert_int_equal(r.table.info.encoding, CSV_WINDOWS_1252);
	assert_false(r.table.info.encoding_named);
	result_free(&r);
}

static void test_encoding_parse(void **state)
{
	(void)state;
	enum csv_encoding_choice e = CSV_AS_UTF16;
	assert_true(csv_encoding_parse(NULL, &e));
	assert_int_equal(e, CSV_DETECT);
	assert_true(csv_encoding_parse("UTF-8", &e));
	assert_int_equal(e, CSV_AS_UTF8);
	assert_true(csv_encoding_parse("windows-1252", &e));
	assert_int_equal(e, CSV_AS_WINDOWS_1252);
	assert_true(csv_encoding_parse("cp1252", &e));
	assert_int_equal(e, CSV_AS_WINDOWS_1252);
	assert_true(csv_encoding_parse("utf-16", &e));
	assert_int_equal(e, CSV_AS_UTF16);
	assert_true(csv_encoding_parse("detect", &e));
	assert_int_equal(e, CSV_DETECT);
	assert_false(csv_encoding_parse("latin-1", &e));
	assert_int_equal(e, CSV_DETECT);
}

static void test_windows_1252_lists_every_undefined_byte(void **state)
{
	(void)state;
	CHECK("UPN,Name\r\n1,Zo\xEB\x81\r\n2,A\x9D" "b\r\n", NULL, false, "",
	      "t.csv:2:6: byte 0x81 is neither UTF-8 nor Windows-1252: save the file as \"CSV UTF-8\"\n"
	      "t.csv:3:4: byte 0x9D is neither UTF-8 nor Windows-1252: save the file as \"CSV UTF-8\"\n");
}

static void test_utf8_bom_then_not_utf8(void **state)
{
	(void)state;
	CHECK("\xEF\xBB\xBFUPN,Name\n1,Zo\xEB\n", NULL, false, "",
	      "t.csv:2:5: byte 0xEB is not UTF-8, but the file starts with a UTF-8 byte order mark: save it again as \"CSV UTF-8\"\n");
}

static void test_utf16_by_byte_order_mark(void **state)
{
	(void)state;
	struct result r;
	/* "UPN\tName\r\n1\tZoë\r\n" */
	RUN(&r, "\xFF\xFEU\0P\0N\0\t\0N\0a\0m\0e\0\r\0\n\0" "1\0\t\0Z\0o\0\xEB\0\r\0\n\0", NULL);
	assert_string_equal(r.problems, "");
	assert_int_equal(r.table.info.encoding, CSV_UTF16LE);
	assert_int_equal(r.table.info.delimiter, '\t');
	assert_string_equal(r.dump, "H1: UPN|Name\n2: 1|Zoë\n");
	result_free(&r);

	/* "UPN,Name\n1,Łukasz\n" */
	RUN(&r, "\xFE\xFF\0U\0P\0N\0,\0N\0a\0m\0e\0\n\0" "1\0,\x01\x41\0u\0k\0a\0s\0z\0\n", NULL);
	assert_string_equal(r.problems, "");
	assert_int_equal(r.table.info.encoding, CSV_UTF16BE);
	assert_string_equal(r.dump, "H1: UPN|Name\n2: 1|Łukasz\n");
	result_free(&r);
}

static void test_utf16_damaged(void **state)
{
	(void)state;
	/* An odd number of bytes: the last character is cut short. */
	CHECK("\xFF\xFEU\0P\0N\0\n\0" "1", NULL, false, "",
	      "t.csv:2:1: the file ends in the middle of a UTF-16 character: it is cut short\n");
	/* A low surrogate with no high one before it. */
	CHECK("\xFF\xFEU\0P\0N\0\n\0" "1\0\x00\xDC\n\0", NULL, false, "",
	      "t.csv:2:2: the UTF-16 text is damaged here (unit 0xDC00 is half of a character): save the file again\n");
}

static void test_nul_bytes_are_errors(void **state)
{
	(void)state;
	CHECK("UPN,Name\n1,Ab\0c\n", NULL, false, "",
	      "t.csv:2:5: the file contains a NUL character: it is not a text file (or it is UTF-16 saved without a byte order mark)\n");
	CHECK("UPN,Name\r\n1,Zo\xEB\r\n2,\0\r\n", NULL, false, "",
	      "t.csv:3:3: the file contains a NUL character: it is not a text file (or it is UTF-16 saved without a byte order mark)\n");
	/* UTF-16 without its byte order mark looks like text with NULs. */
	CHECK("U\0P\0N\0\n\0", NULL, false, "",
	      "t.csv:1:2: the file contains a NUL character: it is not a text file (or it is UTF-16 saved without a byte order mark)\n");
}

static void test_encoding_names(void **state)
{
	(void)state;
	assert_string_equal(csv_encoding_name(CSV_UTF8), "UTF-8");
	assert_string_equal(csv_encoding_name(CSV_UTF8_BOM), "UTF-8 with BOM");
	assert_string_equal(csv_encoding_name(CSV_WINDOWS_1252), "Windows-1252");
	assert_string_equal(csv_encoding_name(CSV_UTF16LE), "UTF-16LE");
	assert_string_equal(csv_encoding_name(CSV_UTF16BE), "UTF-16BE");
}

/* ---- fixture files ---- */

static void run_fixture(struct result *r, const char *path)
{
	size_t len;
	char *text = read_fixture(path, &len);
	run(r, text, len, &roster);
	free(text);
}

static void test_fixture_sims_utf8_bom_crlf(void **state)
{
	(void)state;
	struct result r;
	run_fixture(&r, "tests/fixtures/csv/sims-utf8-bom-crlf.csv");
	assert_string_equal(r.problems, "");
	assert_true(r.ok);
	assert_int_equal(r.table.info.encoding, CSV_UTF8_BOM);
	assert_int_equal(r.table.info.delimiter, ',');
	assert_string_equal(r.dump,
			    "H4: UPN|Legal Surname|Legal Forename|Year|Reg Group|Date of Birth\n"
			    "5: B801200005001|Abbott|Zoë|7|7AB|14/03/2014\n"
			    "6: X886400119001|Nowak|Łukasz|8|8CD|02/11/2012\n"
			    "7: P207000016049|O'Neill, Jr|Aoife|9|9EF|30/06/2011\n"
			    "8: B88640012401A|Pritchard|Siân \"Sia\"|10|10GH|\n");
	result_free(&r);
}

static void test_fixture_excel_windows_1252(void **state)
{
	(void)state;
	struct result r;
	run_fixture(&r, "tests/fixtures/csv/excel-windows-1252.csv");
	assert_string_equal(r.problems, "");
	assert_int_equal(r.table.info.encoding, CSV_WINDOWS_1252);
	assert_string_equal(r.dump,
			    "H3: UPN|Legal Surname|Legal Forename|Year|Trip Fee|Nickname\n"
			    "4: B801200005001|Abbott|Zoë|7|€12.50|“Zo”\n"
			    "5: X886400119001|Pritchard|Siân|8|€0.00|\n");
	result_free(&r);
}

static void test_fixture_unicode_text_utf16le(void **state)
{
	(void)state;
	struct result r;
	run_fixture(&r, "tests/fixtures/csv/unicode-text-utf16le.txt");
	assert_string_equal(r.problems, "");
	assert_int_equal(r.table.info.encoding, CSV_UTF16LE);
	assert_int_equal(r.table.info.delimiter, '\t');
	assert_string_equal(r.dump,
			    "H1: UPN|Legal Surname|Legal Forename|Year\n"
			    "2: B801200005001|Nowak|Łukasz|7\n"
			    "3: X886400119001|Abbott|Zoë|8\n");
	result_free(&r);
}

static void test_fixture_utf16be(void **state)
{
	(void)state;
	struct result r;
	run_fixture(&r, "tests/fixtures/csv/utf16be.csv");
	assert_string_equal(r.problems, "");
	assert_int_equal(r.table.info.encoding, CSV_UTF16BE);
	assert_string_equal(r.dump,
			    "H1: UPN|Legal Surname|Legal Forename|Year\n"
			    "2: B801200005001|Martin|Chloé\\nAnne|11\n"
			    "4: X886400119001|Nowak|Łukasz|12\n");
	result_free(&r);
}

static void test_fixture_mac_excel_cr(void **state)
{
	(void)state;
	struct result r;
	run_fixture(&r, "tests/fixtures/csv/mac-excel-cr.csv");
	assert_string_equal(r.problems, "");
	assert_int_equal(r.table.info.encoding, CSV_UTF8);
	assert_string_equal(r.dump,
			    "H1: UPN|Legal Surname|Year\n"
			    "2: B801200005001|Abbott|7\n"
			    "3: X886400119001|Nowak|8\n");
	result_free(&r);
}

static void test_fixture_semicolons(void **state)
{
	(void)state;
	struct result r;
	run_fixture(&r, "tests/fixtures/csv/semicolon-utf8.csv");
	assert_string_equal(r.problems, "");
	assert_int_equal(r.table.info.delimiter, ';');
	assert_string_equal(r.dump,
			    "H1: UPN|Legal Surname|Legal Forename|Year|Attendance\n"
			    "2: B801200005001|Abbott|Zoë|7|96,5\n"
			    "3: X886400119001|Nowak; Jr|Łukasz|8|88,0\n");
	result_free(&r);
}

static void test_fixture_undefined_byte(void **state)
{
	(void)state;
	struct result r;
	run_fixture(&r, "tests/fixtures/csv/windows-1252-undefined-byte.csv");
	assert_string_equal(r.problems,
			    "t.csv:3:20: byte 0x8D is neither UTF-8 nor Windows-1252: save the file as \"CSV UTF-8\"\n");
	assert_false(r.ok);
	result_free(&r);
}

/* ---- lines ---- */

static void test_line_endings(void **state)
{
	(void)state;
	const char *want = "H1: UPN|Year\n2: a|7\n3: b|8\n";
	CHECK("UPN,Year\r\na,7\r\nb,8\r\n", NULL, true, want, "");
	CHECK("UPN,Year\na,7\nb,8\n", NULL, true, want, "");
	CHECK("UPN,Year\ra,7\rb,8\r", NULL, true, want, "");
	CHECK("UPN,Year\ra,7\r\nb,8", NULL, true, want, "");
	/* Blank lines still count, whatever ends them. */
	CHECK("UPN,Year\r\n\r\n\ra,7\n\nb,8", NULL, true, "H1: UPN|Year\n4: a|7\n6: b|8\n", "");
}

static void test_line_numbers_count_lines_inside_quotes(void **state)
{
	(void)state;
	/* The row on line 5 has a cell over lines 5-6; the next row is line 7. */
	CHECK("Pupils\n\nUPN,Legal Surname,Notes\n"
	      "1,Abbott,one\n"
	      "2,Nowak,\"two\nlines\"\n"
	      "3,Pritchard,three\n",
	      &roster, true,
	      "H3: UPN|Legal Surname|Notes\n"
	      "4: 1|Abbott|one\n"
	      "5: 2|Nowak|two\\nlines\n"
	      "7: 3|Pritchard|three\n",
	      "");
	/* A line break inside a cell is kept as the file wrote it (issue 10:
	 * a cell's CRLF was turned into LF). */
	CHECK("UPN,Notes\r\n1,\"a\r\nb\rc\"\r\n2,x\r\n", NULL, true,
	      "H1: UPN|Notes\n2: 1|a\\r\\nb\\rc\n5: 2|x\n", "");
	CHECK("UPN,Notes\n1,\"a\nb\"\n", NULL, true, "H1: UPN|Notes\n2: 1|a\\nb\n", "");
	/* In Windows-1252 too. */
	CHECK("UPN,Notes\r\n1,\"Zo\xEB\r\nb\"\r\n", NULL, true,
	      "H1: UPN|Notes\n2: 1|Zoë\\r\\nb\n", "");
}

/* ---- delimiters ---- */

static void test_delimiter_detection(void **state)
{
	(void)state;
	struct result r;
	RUN(&r, "UPN,Name,Year\n1,\"Smith; Jo\",7\n2,Abbott,8\n", NULL);
	assert_int_equal(r.table.info.delimiter, ',');
	assert_string_equal(r.dump, "H1: UPN|Name|Year\n2: 1|Smith; Jo|7\n3: 2|Abbott|8\n");
	result_free(&r);

	/* Decimal commas do not fool it: semicolons split every row alike. */
	RUN(&r, "UPN;Name;Attendance\n1;Abbott;96,5\n2;Nowak;88,0\n3;Pritchard;100\n", NULL);
	assert_int_equal(r.table.info.delimiter, ';');
	assert_string_equal(r.dump,
			    "H1: UPN|Name|Attendance\n2: 1|Abbott|96,5\n3: 2|Nowak|88,0\n4: 3|Pritchard|100\n");
	result_free(&r);

	RUN(&r, "UPN\tName, as known\tYear\n1\tAbbott, Zoë\t7\n2\tNowak\t8\n", NULL);
	assert_int_equal(r.table.info.delimiter, '\t');
	assert_string_equal(r.dump,
			    "H1: UPN|Name, as known|Year\n2: 1|Abbott, Zoë|7\n3: 2|Nowak|8\n");
	result_free(&r);

	/* Title rows do not vote: only rows of two or more cells count. */
	RUN(&r, "Student List; printed 01/09/2025\nUPN,Legal Surname,Year\n1,Abbott,7\n", &roster);
	assert_int_equal(r.table.info.delimiter, ',');
	assert_string_equal(r.dump, "H2: UPN|Legal Surname|Year\n3: 1|Abbott|7\n");
	result_free(&r);
}

static void test_delimiter_tie_goes_to_the_header_row(void **state)
{
	(void)state;
	struct result r;
	/* One row splits with commas, one with semicolons: a tie. With no
	 * score the first row is the header, and it splits with commas. */
	RUN(&r, "UPN,Legal Surname,Year\nA;B;C\n", NULL);
	assert_int_equal(r.table.info.delimiter, ',');
	result_free(&r);
	RUN(&r, "UPN;Legal Surname;Year\nA,B,C\n", NULL);
	assert_int_equal(r.table.info.delimiter, ';');
	result_free(&r);
	/* With a score, the header is the row it picks: the second one. */
	RUN(&r, "Title;x\nUPN,Legal Surname,Year\n", &roster);
	assert_int_equal(r.table.info.delimiter, ',');
	assert_string_equal(r.dump, "H2: UPN|Legal Surname|Year\n");
	result_free(&r);
	/* A full tie: comma first. */
	RUN(&r, "a,b;c\n", NULL);
	assert_int_equal(r.table.info.delimiter, ',');
	result_free(&r);
	/* Nothing splits at all: comma. */
	RUN(&r, "UPN\nB801200005001\n", NULL);
	assert_int_equal(r.table.info.delimiter, ',');
	assert_string_equal(r.dump, "H1: UPN\n2: B801200005001\n");
	result_free(&r);
}

/* ---- quoting ---- */

static void test_quoted_cells(void **state)
{
	(void)state;
	CHECK("UPN,Name,Notes\n"
	      "1,\"Abbott, Zoë\",\"said \"\"hello\"\"\"\n"
	      "2,\"Nowak\",\"line one\nline two\"\n"
	      "3,\"\",\"  spaced  \"\n",
	      NULL, true,
	      "H1: UPN|Name|Notes\n"
	      "2: 1|Abbott, Zoë|said \"hello\"\n"
	      "3: 2|Nowak|line one\\nline two\n"
	      "5: 3||spaced\n",
	      "");
}

static void test_malformed_quoting(void **state)
{
	(void)state;
	/* Never closed: reported at the line where the row starts. */
	CHECK("UPN,Name\n1,ok\n2,\"b,c\n3,d\n", NULL, false,
	      "H1: UPN|Name\n2: 1|ok\n",
	      "t.csv:3: a quoted cell in the row starting on this line is never closed: add the missing quote (\")\n");
	CHECK("UPN,Name\na,\"b,c", NULL, false, "H1: UPN|Name\n",
	      "t.csv:2: a quoted cell in the row starting on this line is never closed: add the missing quote (\")\n");
	/* Text after a closing quote, on the row's own line: with the column. */
	CHECK("UPN,Name\n1,\"Ab\"c\n2,ok\n", NULL, false, "H1: UPN|Name\n",
	      "t.csv:2:7: text after the closing quote of a cell: a cell that starts with a quote must end with one, and a quote inside it is written twice (\"\")\n");
	/* ... and on a later line of the row. */
	CHECK("UPN,Name\n1,\"Zoë\nAb\"c\n", NULL, false, "H1: UPN|Name\n",
	      "t.csv:2: at line 3, column 4: text after the closing quote of a cell: a cell that starts with a quote must end with one, and a quote inside it is written twice (\"\")\n");
	/* A quote in the middle of an unquoted cell. */
	CHECK("UPN,Name\n1,Zoë \"Zo\"\n", NULL, false, "H1: UPN|Name\n",
	      "t.csv:2:7: a quote (\") inside a cell that does not start with one: put the whole cell in quotes and write the quote twice (\"\")\n");
}

/* ---- the header ---- */

static void test_title_rows_are_skipped(void **state)
{
	(void)state;
	CHECK("Student List,,,\r\n"
	      "Printed 01/09/2025,,,\r\n"
	      "\r\n"
	      ",,,\r\n"
	      "UPN,Legal Surname,Legal Forename,Year\r\n"
	      "B801200005001,Abbott,Zoë,7\r\n",
	      &roster, true,
	      "H5: UPN|Legal Surname|Legal Forename|Year\n"
	      "6: B801200005001|Abbott|Zoë|7\n",
	      "");
	/* Without a score the first non-blank row is the header. */
	CHECK("\n\nName,Year\nAbbott,7\n", NULL, true, "H3: Name|Year\n4: Abbott|7\n", "");
}

static void test_no_header_row(void **state)
{
	(void)state;
	CHECK("Student List\nName,Form\nAbbott,7A\n", &roster, false, "",
	      "t.csv: no header row found in the first 20 rows: the file needs a row of column names such as UPN, Legal Surname, Year\n");
	struct csv_options no_hint = roster;
	no_hint.header_hint = NULL;
	CHECK("Name,Form\n", &no_hint, false, "",
	      "t.csv: no header row found in the first 20 rows: the file needs a row of column names\n");
	CHECK("", &roster, false, "",
	      "t.csv: the file is empty: it needs a row of column names such as UPN, Legal Surname, Year\n");
	CHECK("\r\n,,,\r\n \r\n", NULL, false, "", "t.csv: the file is empty: it needs a row of column names\n");
}

static void test_header_must_be_in_first_20_rows(void **state)
{
	(void)state;
	struct buf text = BUF_INIT;
	for (int i = 1; i <= 19; i++)
		buf_printf(&text, "Title %d\n\n", i);
	buf_puts(&text, "UPN,Legal Surname\n1,Abbott\n");
	struct result r;
	run(&r, text.data, text.len, &roster);
	assert_string_equal(r.problems, "");
	assert_string_equal(r.dump, "H39: UPN|Legal Surname\n40: 1|Abbott\n");
	result_free(&r);

	buf_reset(&text);
	for (int i = 1; i <= 20; i++)
		buf_printf(&text, "Title %d\n", i);
	buf_puts(&text, "UPN,Legal Surname\n1,Abbott\n");
	run(&r, text.data, text.len, &roster);
	assert_string_equal(r.problems,
			    "t.csv: no header row found in the first 20 rows: the file needs a row of column names such as UPN, Legal Surname, Year\n");
	assert_false(r.ok);
	result_free(&r);
	buf_free(&text);
}

static void test_header_cells(void **state)
{
	(void)state;
	/* Trimmed; trailing empty cells dropped; empty cells between kept. */
	CHECK("  UPN ,\tLegal Surname\t,,Year,,,\n1,Abbott,x,7,,,\n", NULL, true,
	      "H1: UPN|Legal Surname||Year\n2: 1|Abbott|x|7\n", "");
}

/* ---- data rows ---- */

static void test_blank_rows_are_skipped(void **state)
{
	(void)state;
	CHECK("UPN,Year\n\n1,7\n,\n  ,\t\n\"\",\" \"\n2,8\n\n", NULL, true,
	      "H1: UPN|Year\n3: 1|7\n7: 2|8\n", "");
}

static void test_trailing_totals_are_dropped(void **state)
{
	(void)state;
	CHECK("UPN,Name,Year,Fee,Count\n1,Abbott,7,,1\nTotal,,,,245\n", NULL, true,
	      "H1: UPN|Name|Year|Fee|Count\n2: 1|Abbott|7||1\n", "");
	CHECK("UPN,Name\n1,Abbott\n\"Count: 245\"\n", NULL, true,
	      "H1: UPN|Name\n2: 1|Abbott\n", "");
	/* Several, with blank rows and other shapes. */
	CHECK("UPN,Name,Fee\n1,Abbott,2\n\nTOTALS,\"1,234\",\"£1,234.50\"\n,Count,12\n\ncount 5%,,\n\n",
	      NULL, true, "H1: UPN|Name|Fee\n2: 1|Abbott|2\n", "");
}

static void test_totals_that_are_not_at_the_end(void **state)
{
	(void)state;
	/* In the middle: an ordinary row follows, so it is delivered. */
	CHECK("UPN,Name,Year\n1,Abbott,7\nTotal,,1\n2,Nowak,8\nTotal,,2\n", NULL, true,
	      "H1: UPN|Name|Year\n2: 1|Abbott|7\n3: Total||1\n4: 2|Nowak|8\n", "");
	/* Not totals: a word that only starts with "Count", text cells. */
	CHECK("Surname,Year\nAbbott,7\nCountryman,8\nTotal,Year 9\n", NULL, true,
	      "H1: Surname|Year\n2: Abbott|7\n3: Countryman|8\n4: Total|Year 9\n", "");
}

static void test_ragged_rows(void **state)
{
	(void)state;
	/* Short rows are padded; extra empty cells are ignored. */
	CHECK("UPN,Name,Year,Form\n1,Abbott\n2,Nowak,8,8A,,,\n3\n", NULL, true,
	      "H1: UPN|Name|Year|Form\n2: 1|Abbott||\n3: 2|Nowak|8|8A\n4: 3|||\n", "");
	/* Extra non-empty cells: an error naming the line, the rest read. */
	CHECK("UPN,Name,Year,Form,House\n"
	      "1,Abbott,Zoë,7,7A,Red\n"
	      "2,Nowak,8,8A,Blue,,\n"
	      "3,Smith,Jo,9,9A,Green,x\n",
	      NULL, false,
	      "H1: UPN|Name|Year|Form|House\n3: 2|Nowak|8|8A|Blue\n",
	      "t.csv:2: row has 6 cells but the header has 5: check for an unquoted comma in a cell\n"
	      "t.csv:4: row has 7 cells but the header has 5: check for an unquoted comma in a cell\n");
	CHECK("UPN;Name\n1;Abbott;x\n", NULL, false, "H1: UPN|Name\n",
	      "t.csv:2: row has 3 cells but the header has 2: check for an unquoted semicolon in a cell\n");
}

static void test_cells_are_trimmed(void **state)
{
	(void)state;
	CHECK("UPN , Name\n  1\t,\t Abbott  \n\" 2 \",  \" Nowak\t\"  \n", NULL, true,
	      "H1: UPN|Name\n2: 1|Abbott\n3: 2|Nowak\n", "");
}

/* ---- limits ---- */

static void test_input_over_1_gb(void **state)
{
	(void)state;
	struct csv_info info;
	struct diag_list diags;
	diag_init(&diags, "t.csv");
	/* The size is checked before a byte is read. */
	assert_false(csv_read_stream("", (size_t)CSV_MAX_BYTES + 1, NULL, &info, &diags));
	assert_diags(&diags, "t.csv: the file is larger than 1 GB (1073741825 bytes): export only the columns and pupils needed\n");
	csv_info_free(&info);
	diag_free(&diags);
}

static void test_too_many_cells(void **state)
{
	(void)state;
	struct buf text = BUF_INIT;
	buf_puts(&text, "UPN,Name\n1,Abbott\n");
	for (int i = 0; i < CSV_MAX_CELLS; i++)
		buf_puts(&text, "x,");
	buf_puts(&text, "x\n2,Nowak\n");
	struct result r;
	run(&r, text.data, text.len, NULL);
	assert_string_equal(r.problems, "t.csv:3: row has more than 1000 cells: is this the right file?\n");
	assert_string_equal(r.dump, "H1: UPN|Name\n2: 1|Abbott\n");
	assert_false(r.ok);
	result_free(&r);

	/* Exactly 1000 is allowed. */
	buf_reset(&text);
	for (int i = 0; i < CSV_MAX_CELLS; i++)
		buf_printf(&text, "%sc%d", i ? "," : "", i);
	buf_puts(&text, "\n1\n");
	run(&r, text.data, text.len, NULL);
	assert_string_equal(r.problems, "");
	assert_int_equal(r.table.info.header.count, CSV_MAX_CELLS);
	assert_int_equal(r.table.row_count, 1);
	result_free(&r);
	buf_free(&text);
}

static void test_cell_over_64_kb(void **state)
{
	(void)state;
	struct buf text = BUF_INIT;
	struct result r;

	buf_puts(&text, "UPN,Notes\n1,");
	for (int i = 0; i < CSV_MAX_CELL_BYTES; i++)
		buf_putc(&text, 'x');
	buf_puts(&text, "\n");
	run(&r, text.data, text.len, NULL);
	assert_string_equal(r.problems, "");
	assert_int_equal(strlen(r.table.rows[0].cells[1]), CSV_MAX_CELL_BYTES);
	result_free(&r);

	buf_reset(&text);
	buf_puts(&text, "UPN,Notes\n1,");
	for (int i = 0; i <= CSV_MAX_CELL_BYTES; i++)
		buf_putc(&text, 'x');
	buf_puts(&text, "\n2,ok\n");
	run(&r, text.data, text.len, NULL);
	assert_string_equal(r.problems, "t.csv:2: cell 2 is longer than 64 KB\n");
	assert_false(r.ok);
	result_free(&r);

	/* A quote never closed swallows the file until the limit stops it. */
	buf_reset(&text);
	buf_puts(&text, "UPN,Notes\n1,\"oops\n");
	for (int i = 0; i < 20000; i++)
		buf_puts(&text, "2,ok\n");
	run(&r, text.data, text.len, NULL);
	assert_string_equal(r.problems, "t.csv:2: cell 2 is longer than 64 KB: is a closing quote (\") missing?\n");
	assert_false(r.ok);
	result_free(&r);
	buf_free(&text);
}

/* ---- the API ---- */

struct collected {
	struct buf text;
	int stop_after;
	int calls;
};

static int collect(void *ctx, const struct csv_row *row)
{
	struct collected *c = ctx;
	dump_row(&c->text, "", row);
	return ++c->calls == c->stop_after;
}

static void test_stream_calls_on_row(void **state)
{
	(void)state;
	struct collected c = { .text = BUF_INIT };
	struct csv_options opt = { .on_row = collect, .ctx = &c };
	struct csv_info info;
	struct diag_list diags;
	diag_init(&diags, "t.csv");
	assert_true(csv_read_stream("UPN\n1\n2\n3\n", 10, &opt, &info, &diags));
	assert_string_equal(buf_str(&c.text), "2: 1\n3: 2\n4: 3\n");
	assert_int_equal(info.rows, 3);
	assert_int_equal(info.delimiter, ',');
	assert_int_equal(info.header.line, 1);
	csv_info_free(&info);
	assert_null(info.header.cells);

	/* Non-zero from on_row stops reading: false, and no diagnostic. */
	buf_reset(&c.text);
	c.stop_after = 2;
	c.calls = 0;
	assert_false(csv_read_stream("UPN\n1\n2\n3\n", 10, &opt, &info, &diags));
	assert_string_equal(buf_str(&c.text), "2: 1\n3: 2\n");
	assert_int_equal(info.rows, 2);
	assert_int_equal(diags.count, 0);
	csv_info_free(&info);
	diag_free(&diags);
	buf_free(&c.text);
}

static void test_find_column(void **state)
{
	(void)state;
	char *cells[] = { "UPN", "Legal Surname", "legal_forename", "DATE-OF-BIRTH", "", "Year" };
	struct csv_row header = { .line = 1, .cells = cells, .count = 6 };
	assert_int_equal(csv_find_column(&header, "upn"), 0);
	assert_int_equal(csv_find_column(&header, "Legal Surname"), 1);
	assert_int_equal(csv_find_column(&header, "legal surname"), 1);
	assert_int_equal(csv_find_column(&header, "LegalSurname"), 1);
	assert_int_equal(csv_find_column(&header, "LEGAL_SURNAME"), 1);
	assert_int_equal(csv_find_column(&header, "Legal Forename"), 2);
	assert_int_equal(csv_find_column(&header, "date of birth"), 3);
	assert_int_equal(csv_find_column(&header, "Year"), 5);
	assert_int_equal(csv_find_column(&header, "Surname"), -1);
	assert_int_equal(csv_find_column(&header, "Year Group"), -1);
	assert_int_equal(csv_find_column(&header, ""), -1);
	assert_int_equal(csv_find_column(&header, " - "), -1);

	assert_int_equal(csv_score_known_names((void *)roster_names, &header), 4);
}

/* ---- text limits of the CSV imports that add to pupils' records ---- */

/* A cell at its limit in characters (each of two bytes) fits; one more,
 * or a line break in a one-line field, is reported under its column. */
static void test_field_limit_cells(void **state)
{
	(void)state;
	static const struct field_limit limit = { "the adviser's name", 100, true, "in the file" };
	char *at = repeat_text("é", 100), *over = repeat_text("é", 101);
	char *head_cells[] = { "UPN", "Adviser" };
	char *at_cells[] = { "", at }, *over_cells[] = { "", over }, *broken[] = { "", "Jo\nSmith" };
	struct csv_row header = { 1, head_cells, 2 }, row = { 3, at_cells, 2 };
	struct diag_list diags;
	diag_init(&diags, "t.csv");
	assert_true(field_limit_cell_fits(&limit, &header, &row, 1, &diags));
	assert_true(field_limit_cell_fits(&limit, &header, &row, -1, &diags));
	row.cells = over_cells;
	assert_true(field_limit_cell_fits(&limit, &header, &row, -1, &diags));
	assert_false(field_limit_cell_fits(&limit, &header, &row, 1, &diags));
	row.cells = broken;
	assert_false(field_limit_cell_fits(&limit, &header, &row, 1, &diags));
	assert_diags(&diags,
		     "t.csv:3: column Adviser: the adviser's name is longer than 100 characters (it has 101): shorten it in the file\n"
		     "t.csv:3: column Adviser: the adviser's name must be on one line: take out the line break or tab in the file\n");
	diag_free(&diags);
	free(at);
	free(over);
}

/* A guidance file's adviser (LIMIT_NAME) and pupil identifiers
 * (LIMIT_GROUP): at the limit in "Ł" accepted, one more refused. */
static void test_guidance_text_limits(void **state)
{
	(void)state;
	char *name = repeat_text("Ł", 100), *longer = repeat_text("Ł", 101);
	char *adno = repeat_text("Ł", 30), *longer_adno = repeat_text("Ł", 31);
	struct buf text = BUF_INIT;
	buf_printf(&text, "Admission Number,Date,Adviser\n%s,2025-10-01,%s\n", adno, name);
	struct guidance_file f;
	struct diag_list diags;
	diag_init(&diags, "g.csv");
	assert_true(guidance_csv_read(text.data, text.len, CSV_DETECT, &f, &diags));
	assert_diags(&diags, "");
	assert_int_equal(f.count, 1);
	assert_string_equal(f.rows[0].adviser, name);
	assert_string_equal(f.rows[0].pupil.admission_number, adno);
	guidance_file_free(&f);
	diag_free(&diags);

	buf_reset(&text);
	buf_printf(&text, "Admission Number,Date,Adviser\n%s,2025-10-01,%s\n%s,2025-10-02,Sam Brown\n",
		   adno, longer, longer_adno);
	diag_init(&diags, "g.csv");
	assert_false(guidance_csv_read(text.data, text.len, CSV_DETECT, &f, &diags));
	assert_diags(&diags,
		     "g.csv:2: column Adviser: the adviser's name is longer than 100 characters (it has 101): shorten it in the file\n"
		     "g.csv:3: column Admission Number: the admission number is longer than 30 characters (it has 31): shorten it in the file\n");
	assert_int_equal(f.count, 0);
	guidance_file_free(&f);
	diag_free(&diags);
	buf_free(&text);
	free(name);
	free(longer);
	free(adno);
	free(longer_adno);
}

/* An intentions file has identifiers and yes or no: a UPN longer than an
 * identifier may be is refused under its column. */
static void test_intentions_text_limits(void **state)
{
	(void)state;
	char *upn = repeat_text("Ł", 30), *longer = repeat_text("Ł", 31);
	struct buf text = BUF_INIT;
	buf_printf(&text, "UPN,Considering HE\n%s,Y\n%s,N\n", upn, longer);
	struct intentions_file f;
	struct diag_list diags;
	diag_init(&diags, "i.csv");
	assert_false(intentions_csv_read(text.data, text.len, CSV_DETECT, &f, &diags));
	assert_diags(&diags,
		     "i.csv:3: column UPN: the UPN is longer than 30 characters (it has 31): shorten it in the file\n");
	assert_int_equal(f.count, 1);
	assert_string_equal(f.rows[0].pupil.upn, upn);
	intentions_file_free(&f);
	diag_free(&diags);
	buf_free(&text);
	free(upn);
	free(longer);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_stays_utf8),
		cmocka_unit_test(test_utf8_bom_is_stripped),
		cmocka_unit_test(test_windows_1252_is_converted),
		cmocka_unit_test(test_windows_1252_undefined_bytes_are_errors),
		cmocka_unit_test(test_utf8_mixed_with_windows_1252_is_refused),
		cmocka_unit_test(test_mixed_file_lists_ten_bad_bytes_then_counts),
		cmocka_unit_test(test_named_encoding),
		cmocka_unit_test(test_encoding_parse),
		cmocka_unit_test(test_windows_1252_lists_every_undefined_byte),
		cmocka_unit_test(test_utf8_bom_then_not_utf8),
		cmocka_unit_test(test_utf16_by_byte_order_mark),
		cmocka_unit_test(test_utf16_damaged),
		cmocka_unit_test(test_nul_bytes_are_errors),
		cmocka_unit_test(test_encoding_names),
		cmocka_unit_test(test_fixture_sims_utf8_bom_crlf),
		cmocka_unit_test(test_fixture_excel_windows_1252),
		cmocka_unit_test(test_fixture_unicode_text_utf16le),
		cmocka_unit_test(test_fixture_utf16be),
		cmocka_unit_test(test_fixture_mac_excel_cr),
		cmocka_unit_test(test_fixture_semicolons),
		cmocka_unit_test(test_fixture_undefined_byte),
		cmocka_unit_test(test_line_endings),
		cmocka_unit_test(test_line_numbers_count_lines_inside_quotes),
		cmocka_unit_test(test_delimiter_detection),
		cmocka_unit_test(test_delimiter_tie_goes_to_the_header_row),
		cmocka_unit_test(test_quoted_cells),
		cmocka_unit_test(test_malformed_quoting),
		cmocka_unit_test(test_title_rows_are_skipped),
		cmocka_unit_test(test_no_header_row),
		cmocka_unit_test(test_header_must_be_in_first_20_rows),
		cmocka_unit_test(test_header_cells),
		cmocka_unit_test(test_blank_rows_are_skipped),
		cmocka_unit_test(test_trailing_totals_are_dropped),
		cmocka_unit_test(test_totals_that_are_not_at_the_end),
		cmocka_unit_test(test_ragged_rows),
		cmocka_unit_test(test_cells_are_trimmed),
		cmocka_unit_test(test_input_over_1_gb),
		cmocka_unit_test(test_too_many_cells),
		cmocka_unit_test(test_cell_over_64_kb),
		cmocka_unit_test(test_stream_calls_on_row),
		cmocka_unit_test(test_find_column),
		cmocka_unit_test(test_field_limit_cells),
		cmocka_unit_test(test_guidance_text_limits),
		cmocka_unit_test(test_intentions_text_limits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
