/* Horizontal bar charts as SVG, for the report pages (and whatever prints
 * them). Pure: labels and values in, SVG text out, every byte through the
 * escaping writer (util/html.h), so a label or title cannot inject markup.
 *
 * What a chart looks like, in user units (the SVG scales with its box):
 *
 *   label column | plot (SVG_CHART_PLOT_WIDTH wide)          | values
 *   Year 7       |==========================|  66.7%         |
 *   Year 8       |=====================================| 92.0%
 *                 0%       25%      50%   ! 75%      100%
 *                                 floor 76%
 *
 * x(v) = label_width + (v - min) / (max - min) * SVG_CHART_PLOT_WIDTH, so a
 * bar of value v on a 0-100 axis is v * 4 units long. Bars start at x(0)
 * (or at the axis end nearer to 0), so negative values (a gap in
 * percentage points) extend left. Row i's bar is at
 * y = SVG_CHART_TOP + i * (SVG_CHART_BAR_HEIGHT + SVG_CHART_BAR_GAP).
 * Each bar's value is written as text beside it, so nothing is told by
 * colour or length alone; a bar with no value (hidden, nobody eligible)
 * draws no rectangle, only its text ("c", "-").
 *
 * The entitlement floor (or any reference value) is a line across the
 * plot when every bar that has one shares it, and otherwise a short mark
 * on each bar at its own floor. */
#ifndef WAYMARK_SVG_CHART_H
#define WAYMARK_SVG_CHART_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

enum {
	SVG_CHART_PLOT_WIDTH = 400,
	SVG_CHART_BAR_HEIGHT = 20,
	SVG_CHART_BAR_GAP = 8,
	SVG_CHART_TOP = 30,             /* above the first bar: the floor's label */
	SVG_CHART_VALUE_WIDTH = 70,     /* right of the plot: the last bar's value */
	SVG_CHART_AXIS_HEIGHT = 46,     /* below the bars: ticks and the axis label */
	SVG_CHART_LABEL_MIN = 60,       /* the label column's narrowest */
	SVG_CHART_LABEL_CHARS = 40,     /* longer labels are cut, ending in "…" */
	SVG_CHART_CHAR_WIDTH = 7,       /* a character's width, for the label column */
};

struct svg_bar {
	const char *label;          /* "Year 7"; escaped */
	bool has_value;             /* false: no rectangle, only value_text */
	double value;               /* on the chart's axis (clamped to it) */
	const char *value_text;     /* written beside the bar ("66.7%", "c");
				     * NULL: the value with one decimal */
	bool has_floor;             /* this bar's floor, drawn as a line or a mark */
	double floor;
};

struct svg_bar_chart {
	const char *id;             /* unique on the page: ids of <title>, <desc> */
	const char *title;          /* <title> and aria-label */
	const char *description;    /* <desc>: what the bars show, in a sentence */
	const char *axis_label;     /* under the axis: "Percent of pupils" */
	const char *unit;           /* after each tick value: "%", or "" */
	double min, max;            /* the axis; max > min */
	double tick_step;           /* a tick every step from min; 0: quarters */
	const char *floor_label;    /* "floor", written with the value: "floor 76%" */
	int label_width;            /* the label column; 0: fitted to the labels */
	const struct svg_bar *bars;
	size_t count;
};

/* Appends the chart as one <svg> element with role="img", aria-label,
 * <title> and <desc>, axis ticks and label, the bars with their values,
 * and the floor. Writes nothing for a chart with no bars. */
void svg_bar_chart(struct buf *out, const struct svg_bar_chart *chart);

/* The label column's width for these bars: SVG_CHART_CHAR_WIDTH per
 * character of the longest label (cut at SVG_CHART_LABEL_CHARS), plus 12,
 * at least SVG_CHART_LABEL_MIN. */
int svg_chart_label_width(const struct svg_bar *bars, size_t count);

#endif
