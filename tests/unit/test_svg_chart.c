/* The SVG bar chart, hand-worked. With a label column 100 wide and an axis
 * from 0 to 100, x(v) = 100 + v * 4: a bar of 66.7% is 266.8 long, the
 * floor at 76% is the line x = 404. Row i's bar is at y = 30 + 28i. On an
 * axis from -50 to 50, x(v) = 100 + (v + 50) * 4: zero is at 300, a gap
 * of -25 points is a bar from 200 to 300. */
#include "unit.h"

#include "report/svg_chart.h"

/* How many times needle occurs in haystack. */
static int count_of(const char *haystack, const char *needle)
{
	int n = 0;
	for (const char *p = haystack; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

static struct svg_bar bar(const char *label, double value, const char *text)
{
	return (struct svg_bar){ label, true, value, text, false, 0 };
}

static char *render(const struct svg_bar_chart *c)
{
	struct buf out = BUF_INIT;
	svg_bar_chart(&out, c);
	return buf_detach(&out);
}

static void test_bar_lengths(void **state)
{
	(void)state;
	struct svg_bar bars[] = {
		bar("Year 7", 66.7, "66.7%"),
		bar("Year 8", 100, "100.0%"),
		bar("Year 9", 0, "0.0%"),
		{ "Year 10", false, 0, "c", false, 0 },
		bar("Year 11", 120, NULL),
	};
	struct svg_bar_chart c = { "ent", "Entitlement", "Percent by year group", "Percent of pupils",
				   "%", 0, 100, 25, "floor", 100, bars, 5 };
	char *svg = render(&c);
	assert_non_null(strstr(svg, "<rect class=\"chart-bar\" x=\"100.0\" y=\"30.0\" width=\"266.8\""));
	assert_non_null(strstr(svg, "<rect class=\"chart-bar\" x=\"100.0\" y=\"58.0\" width=\"400.0\""));
	assert_non_null(strstr(svg, "<rect class=\"chart-bar\" x=\"100.0\" y=\"86.0\" width=\"0.0\""));
	/* Above the axis: clamped to its end. */
	assert_non_null(strstr(svg, "<rect class=\"chart-bar\" x=\"100.0\" y=\"142.0\" width=\"400.0\""));
	/* The hidden value draws no bar, only its text. */
	assert_int_equal(count_of(svg, "<rect"), 4);
	assert_non_null(strstr(svg, ">c</text>"));
	/* Values beside the bars: after the bar's end, or after the axis start. */
	assert_non_null(strstr(svg, "<text class=\"chart-value\" x=\"370.8\" y=\"44.5\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">66.7%</text>"));
	assert_non_null(strstr(svg, "<text class=\"chart-value\" x=\"104.0\" y=\"128.5\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">c</text>"));
	assert_non_null(strstr(svg, ">120.0</text>"));
	/* Ticks every 25, with the unit; the axis label; the size. */
	assert_non_null(strstr(svg, ">75%</text>"));
	assert_non_null(strstr(svg, ">Percent of pupils</text>"));
	assert_non_null(strstr(svg, "viewBox=\"0 0 570 208\""));
	free(svg);
}

static void test_floor_line(void **state)
{
	(void)state;
	struct svg_bar bars[] = { bar("Year 7", 50, NULL), bar("Year 8", 90, NULL) };
	bars[0].has_floor = bars[1].has_floor = true;
	bars[0].floor = bars[1].floor = 76;
	struct svg_bar_chart c = { "f", "T", "D", "A", "%", 0, 100, 0, "floor", 100, bars, 2 };
	char *svg = render(&c);
	/* One dashed line across both rows, labelled with its value. */
	assert_non_null(strstr(svg, "<line x1=\"404.0\" y1=\"20.0\" x2=\"404.0\" y2=\"82.0\""));
	assert_int_equal(count_of(svg, "stroke-dasharray"), 1);
	assert_non_null(strstr(svg, ">floor 76%</text>"));
	free(svg);

	/* Different floors: a mark on each bar instead. */
	bars[1].floor = 80;
	svg = render(&c);
	assert_int_equal(count_of(svg, "stroke-dasharray"), 0);
	assert_non_null(strstr(svg, "<line x1=\"404.0\" y1=\"27.0\" x2=\"404.0\" y2=\"53.0\""));
	assert_non_null(strstr(svg, "<line x1=\"420.0\" y1=\"55.0\" x2=\"420.0\" y2=\"81.0\""));
	free(svg);

	/* No floor: no line. */
	bars[0].has_floor = bars[1].has_floor = false;
	svg = render(&c);
	assert_null(strstr(svg, "chart-floor"));
	free(svg);
}

static void test_negative_values(void **state)
{
	(void)state;
	struct svg_bar bars[] = { bar("Fair", -25, "-25.0"), bar("Lessons", 10, "+10.0") };
	struct svg_bar_chart c = { "gap", "Gap", "D", "Percentage points", "", -50, 50, 25, NULL, 100,
				   bars, 2 };
	char *svg = render(&c);
	assert_non_null(strstr(svg, "<rect class=\"chart-bar\" x=\"200.0\" y=\"30.0\" width=\"100.0\""));
	assert_non_null(strstr(svg, "<rect class=\"chart-bar\" x=\"300.0\" y=\"58.0\" width=\"40.0\""));
	/* The zero line, and a negative bar's value right of it. */
	assert_non_null(strstr(svg, "<line class=\"chart-zero\" x1=\"300.0\""));
	assert_non_null(strstr(svg, "<text class=\"chart-value\" x=\"304.0\" y=\"44.5\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">-25.0</text>"));
	assert_non_null(strstr(svg, ">-50</text>"));
	free(svg);
}

static void test_escaping(void **state)
{
	(void)state;
	struct svg_bar bars[] = { bar("<script>alert('x')</script> & \"co\"", 50, "<b>50</b>") };
	struct svg_bar_chart c = { "a\"b", "Title <i>&", "Desc \"quoted\" <desc>", "Axis <u>", "%",
				   0, 100, 0, "floor <x>", 0, bars, 1 };
	bars[0].has_floor = true;
	bars[0].floor = 76;
	char *svg = render(&c);
	assert_null(strstr(svg, "<script"));
	assert_null(strstr(svg, "<b>"));
	assert_null(strstr(svg, "<i>"));
	assert_null(strstr(svg, "<u>"));
	assert_null(strstr(svg, "<x>"));
	assert_non_null(strstr(svg, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;"));
	assert_non_null(strstr(svg, "aria-label=\"Title &lt;i&gt;&amp;\""));
	assert_non_null(strstr(svg, "<title id=\"a&quot;b-title\">Title &lt;i&gt;&amp;</title>"));
	assert_non_null(strstr(svg, "<desc id=\"a&quot;b-desc\">Desc &quot;quoted&quot; &lt;desc&gt;</desc>"));
	assert_non_null(strstr(svg, ">&lt;b&gt;50&lt;/b&gt;</text>"));
	assert_non_null(strstr(svg, ">floor &lt;x&gt; 76%</text>"));
	/* role="img" and an accessible name. */
	assert_non_null(strstr(svg, "role=\"img\""));
	free(svg);
}

static void test_label_width_and_cut(void **state)
{
	(void)state;
	char long_label[64];
	memset(long_label, 'x', 45);
	long_label[45] = '\0';
	struct svg_bar bars[] = { bar("Zoë", 1, NULL), bar(long_label, 2, NULL) };
	assert_int_equal(svg_chart_label_width(bars, 1), SVG_CHART_LABEL_MIN);
	/* 40 characters at 7, plus 12. */
	assert_int_equal(svg_chart_label_width(bars, 2), 292);
	struct svg_bar_chart c = { "w", "T", "D", "A", "", 0, 10, 0, NULL, 0, bars, 2 };
	char *svg = render(&c);
	char want[64];
	memset(want, 'x', 39);
	memcpy(want + 39, "\xe2\x80\xa6</text>", 11);
	assert_non_null(strstr(svg, want));
	assert_null(strstr(svg, long_label));
	assert_non_null(strstr(svg, ">Zoë</text>"));
	free(svg);

	/* No bars, or no axis: nothing at all. */
	c.count = 0;
	svg = render(&c);
	assert_string_equal(svg ? svg : "", "");
	free(svg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bar_lengths),
		cmocka_unit_test(test_floor_line),
		cmocka_unit_test(test_negative_values),
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_label_width_and_cut),
	};
	return cmocka_run_group_tests_name("svg_chart", tests, NULL, NULL);
}
