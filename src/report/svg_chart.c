#include "report/svg_chart.h"

#include <math.h>
#include <string.h>

#include "util/html.h"
#include "util/text.h"

/* Presentation attributes rather than style: the pages' Content Security
 * Policy allows no inline styles, and the stylesheet can still override. */
#define BAR_FILL "#1d4f91"
#define INK "#1b1b1b"
#define GRID "#b1b4b6"

static double clamp(double v, double lo, double hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* A number as a tick or floor shows it: whole numbers without decimals. */
static void write_number(struct buf *out, double v)
{
	if (fabs(v - round(v)) < 1e-9)
		html_fmt(out, "%ld", (long)round(v));
	else
		html_fmt(out, "%.1f", v);
}

/* A label, cut to SVG_CHART_LABEL_CHARS characters (UTF-8) ending in "…"
 * when longer. */
static void write_label(struct buf *out, const char *label)
{
	if (text_width(label) <= SVG_CHART_LABEL_CHARS) {
		html_text(out, label);
		return;
	}
	size_t n = 0;
	const char *p = label;
	for (; *p; p++)
		if (((unsigned char)*p & 0xC0) != 0x80 && ++n == SVG_CHART_LABEL_CHARS)
			break;
	/* p starts the last character that fits: keep what is before it. */
	struct buf cut = BUF_INIT;
	buf_append(&cut, label, (size_t)(p - label));
	html_text(out, buf_str(&cut));
	html_raw(out, "\xe2\x80\xa6");
	buf_free(&cut);
}

int svg_chart_label_width(const struct svg_bar *bars, size_t count)
{
	size_t longest = 0;
	for (size_t i = 0; i < count; i++) {
		size_t w = text_width(bars[i].label ? bars[i].label : "");
		if (w > SVG_CHART_LABEL_CHARS)
			w = SVG_CHART_LABEL_CHARS;
		if (w > longest)
			longest = w;
	}
	int width = (int)longest * SVG_CHART_CHAR_WIDTH + 12;
	return width < SVG_CHART_LABEL_MIN ? SVG_CHART_LABEL_MIN : width;
}

struct geometry {
	double left, min, max;
};

static double x_of(const struct geometry *g, double v)
{
	return g->left + (clamp(v, g->min, g->max) - g->min) / (g->max - g->min) * SVG_CHART_PLOT_WIDTH;
}

static double row_y(size_t i)
{
	return SVG_CHART_TOP + (double)i * (SVG_CHART_BAR_HEIGHT + SVG_CHART_BAR_GAP);
}

static void write_ticks(struct buf *out, const struct svg_bar_chart *c, const struct geometry *g,
			double bottom)
{
	double step = c->tick_step > 0 ? c->tick_step : (c->max - c->min) / 4;
	const char *unit = c->unit ? c->unit : "";
	html_raw(out, "<g class=\"chart-axis\">");
	/* Whole steps from min to max; the small slack keeps the last tick
	 * despite rounding. */
	for (int k = 0;; k++) {
		double v = c->min + k * step;
		if (v > c->max + step * 1e-6)
			break;
		double x = x_of(g, v);
		html_fmt(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"" GRID "\"/>",
			 x, SVG_CHART_TOP - 6.0, x, bottom + 4);
		html_fmt(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">", x, bottom + 18);
		write_number(out, v);
		html_fmt(out, "%s</text>", unit);
	}
	if (c->min < 0 && c->max > 0) {
		double x = x_of(g, 0);
		html_fmt(out, "<line class=\"chart-zero\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
			      "stroke=\"" INK "\"/>",
			 x, SVG_CHART_TOP - 6.0, x, bottom + 4);
	}
	html_fmt(out, "<text class=\"chart-axis-label\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>",
		 g->left + SVG_CHART_PLOT_WIDTH / 2.0, bottom + 38, c->axis_label ? c->axis_label : "");
	html_raw(out, "</g>\n");
}

static void write_floor(struct buf *out, const struct svg_bar_chart *c, const struct geometry *g,
			double bottom)
{
	bool any = false, shared = true;
	double floor = 0;
	for (size_t i = 0; i < c->count; i++) {
		if (!c->bars[i].has_floor)
			continue;
		if (any && fabs(c->bars[i].floor - floor) > 1e-9)
			shared = false;
		if (!any)
			floor = c->bars[i].floor;
		any = true;
	}
	if (!any)
		return;
	const char *label = c->floor_label ? c->floor_label : "floor";
	const char *unit = c->unit ? c->unit : "";
	html_raw(out, "<g class=\"chart-floor\">");
	if (shared) {
		double x = x_of(g, floor);
		html_fmt(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"" INK "\" "
			      "stroke-width=\"2\" stroke-dasharray=\"6 3\"/>",
			 x, SVG_CHART_TOP - 10.0, x, bottom + 4);
		html_fmt(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s ", x,
			 SVG_CHART_TOP - 14.0, label);
		write_number(out, floor);
		html_fmt(out, "%s</text>", unit);
	} else {
		for (size_t i = 0; i < c->count; i++) {
			if (!c->bars[i].has_floor)
				continue;
			double x = x_of(g, c->bars[i].floor);
			html_fmt(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"" INK "\" "
				      "stroke-width=\"3\"/>",
				 x, row_y(i) - 3, x, row_y(i) + SVG_CHART_BAR_HEIGHT + 3);
		}
		html_fmt(out, "<text x=\"%.1f\" y=\"%.1f\">Marks: each bar's %s</text>", g->left,
			 SVG_CHART_TOP - 14.0, label);
	}
	html_raw(out, "</g>\n");
}

void svg_bar_chart(struct buf *out, const struct svg_bar_chart *c)
{
	if (!c->count || !(c->max > c->min))
		return;
	int label_width = c->label_width > 0 ? c->label_width : svg_chart_label_width(c->bars, c->count);
	struct geometry g = { label_width, c->min, c->max };
	double bottom = row_y(c->count) - SVG_CHART_BAR_GAP;
	int width = label_width + SVG_CHART_PLOT_WIDTH + SVG_CHART_VALUE_WIDTH;
	double height = bottom + SVG_CHART_AXIS_HEIGHT;
	const char *id = c->id ? c->id : "chart";

	html_fmt(out, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
		      "aria-label=\"%s\" aria-describedby=\"%s-desc\" viewBox=\"0 0 %d %.0f\" "
		      "width=\"%d\" height=\"%.0f\" font-size=\"13\" fill=\"" INK "\">\n",
		 c->title ? c->title : "", id, width, height, width, height);
	html_fmt(out, "<title id=\"%s-title\">%s</title>\n<desc id=\"%s-desc\">%s</desc>\n", id,
		 c->title ? c->title : "", id, c->description ? c->description : "");
	write_ticks(out, c, &g, bottom);

	double base = clamp(0, c->min, c->max);
	html_raw(out, "<g class=\"chart-bars\">\n");
	for (size_t i = 0; i < c->count; i++) {
		const struct svg_bar *b = &c->bars[i];
		double y = row_y(i);
		double text_y = y + SVG_CHART_BAR_HEIGHT / 2.0 + 4.5;
		html_fmt(out, "<text class=\"chart-label\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">",
			 label_width - 6, text_y);
		write_label(out, b->label ? b->label : "");
		html_raw(out, "</text>");
		double value_x = x_of(&g, base);
		if (b->has_value) {
			double x0 = x_of(&g, base), x1 = x_of(&g, b->value);
			html_fmt(out, "<rect class=\"chart-bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
				      "height=\"%d\" fill=\"" BAR_FILL "\"/>",
				 x0 < x1 ? x0 : x1, y, fabs(x1 - x0), SVG_CHART_BAR_HEIGHT);
			if (x1 > x0)
				value_x = x1;
		}
		/* A white outline keeps the value readable where a line crosses it. */
		html_fmt(out, "<text class=\"chart-value\" x=\"%.1f\" y=\"%.1f\" stroke=\"#fff\" "
			      "stroke-width=\"3\" paint-order=\"stroke\">",
			 value_x + 4, text_y);
		if (b->value_text)
			html_text(out, b->value_text);
		else if (b->has_value)
			html_fmt(out, "%.1f", b->value);
		html_raw(out, "</text>\n");
	}
	html_raw(out, "</g>\n");
	write_floor(out, c, &g, bottom);
	html_raw(out, "</svg>\n");
}
