/* Small text helpers, the escaping writer and the CSV writer. */
#include "unit.h"

#include "util/csv_writer.h"
#include "util/html.h"
#include "util/text.h"

static void test_column_counts_characters_not_bytes(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	text_column(&b, "Zoë", 5);
	assert_string_equal(buf_str(&b), "Zoë  ");
	buf_reset(&b);
	/* Cut at a character boundary, never inside "ł". */
	text_column(&b, "Łukasz Wiśniewski", 10);
	assert_string_equal(buf_str(&b), "Łukasz ...");
	buf_reset(&b);
	text_column(&b, "abcdef", 6);
	assert_string_equal(buf_str(&b), "abcdef");
	buf_free(&b);
}

static void test_numbers_and_slugs(void **state)
{
	(void)state;
	long v;
	assert_true(text_to_int("42", 0, 100, &v));
	assert_int_equal(v, 42);
	assert_false(text_to_int("101", 0, 100, &v));
	assert_false(text_to_int(" 4", 0, 100, &v));
	assert_false(text_to_int("4x", 0, 100, &v));
	assert_false(text_to_int("", 0, 100, &v));
	double d;
	assert_true(text_to_double("7.5", 0, 10, &d));
	assert_false(text_to_double("nan", 0, 10, &d));
	assert_false(text_to_double("1e3", 0, 1e6, &d));
	assert_true(text_is_slug("careers-fair"));
	assert_false(text_is_slug("Careers Fair"));
	assert_false(text_is_slug("-x"));
	assert_true(text_is_utf8("Zo\xc3\xab", 4));
	assert_false(text_is_utf8("Zo\xeb", 3));
	assert_false(text_is_utf8("\xc0\xaf", 2)); /* overlong */
	assert_false(text_is_utf8("\xed\xa0\x80", 3)); /* a surrogate */
}

static void test_html_escapes_everything_but_the_format(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	html_fmt(&b, "<td title=\"%s\">%s %d %.1f%%</td>", "a\"b", "<script>&'", 7, 66.666);
	assert_string_equal(buf_str(&b),
			    "<td title=\"a&quot;b\">&lt;script&gt;&amp;&#39; 7 66.7%</td>");
	buf_reset(&b);
	html_fmt(&b, "%zu %lld %c", (size_t)3, 12345678901LL, '<');
	assert_string_equal(buf_str(&b), "3 12345678901 &lt;");
	buf_reset(&b);
	url_encode(&b, "/pupils/Zoë B&x");
	assert_string_equal(buf_str(&b), "%2Fpupils%2FZo%C3%AB%20B%26x");
	buf_free(&b);
}

static void test_csv_writer_guards_formulas(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	struct csv_writer w;
	csv_writer_init(&w, &b);
	const char *row[] = { "=HYPERLINK(\"x\")", "plain", "a,b", "-3", "@SUM(A1)", NULL };
	csv_write_row(&w, row, 6);
	csv_write_text_cell(&w, "001002", true);
	csv_write_number_cell(&w, "-3.2", false);
	csv_write_number_cell(&w, "-cmd", false);
	csv_end_row(&w);
	assert_string_equal(buf_str(&b),
			    "\xEF\xBB\xBF\"'=HYPERLINK(\"\"x\"\")\",plain,\"a,b\",\"'-3\",\"'@SUM(A1)\",\r\n"
			    "\"001002\",-3.2,\"'-cmd\"\r\n");
	buf_free(&b);
}

static void fold(const char *s, const char *expected)
{
	char *f = text_fold(s);
	assert_string_equal(f, expected);
	free(f);
}

/* How a name is matched as typed: case and accents do not matter; a letter
 * of its own (Ł, ø) stays itself, in lower case. */
static void test_fold_for_matching_names(void **state)
{
	(void)state;
	fold("Zoë", "zoe");
	fold("ZOË", "zoe");
	fold("Siân", "sian");
	fold("Seán O'Brien", "sean o'brien");
	fold("Chloé Smith-Jones", "chloe smith-jones");
	fold("Łukasz", "łukasz");
	fold("Søren", "søren");
	fold("Straße", "strasse");
	fold("", "");
	fold("bad \xff byte", "bad \xff byte"); /* not UTF-8: as it was */
}

/* Cutting text at a limit never splits a character. */
static void test_cutting_at_character_boundaries(void **state)
{
	(void)state;
	char out[8];
	/* "Zoë" is 4 bytes; "Zoë Öz" 8: a 7-byte buffer holds 6 bytes, which
	 * would end half way through "Ö", so the copy stops before it. */
	text_copy(out, 7, "Zo\xc3\xab \xc3\x96z");
	assert_string_equal(out, "Zo\xc3\xab ");
	text_copy(out, sizeof out, "short");
	assert_string_equal(out, "short");
	text_copy(out, 1, "x");
	assert_string_equal(out, "");
	/* "Siân" is four characters in five bytes. */
	assert_int_equal(text_chars_prefix("Si\xc3\xa2n", 3), 4);
	assert_int_equal(text_chars_prefix("Si\xc3\xa2n", 4), 5);
	assert_int_equal(text_chars_prefix("Si\xc3\xa2n", 100), 5);
	assert_int_equal(text_chars_prefix("", 3), 0);
	/* Four-byte characters (an emoji) count once. */
	assert_int_equal(text_chars_prefix("\xf0\x9f\x98\x80\xf0\x9f\x98\x80", 1), 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_column_counts_characters_not_bytes),
		cmocka_unit_test(test_numbers_and_slugs),
		cmocka_unit_test(test_html_escapes_everything_but_the_format),
		cmocka_unit_test(test_csv_writer_guards_formulas),
		cmocka_unit_test(test_fold_for_matching_names),
		cmocka_unit_test(test_cutting_at_character_boundaries),
	};
	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
