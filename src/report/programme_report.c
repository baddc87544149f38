#include "report/programme_report.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "io/programme_file.h"
#include "util/text.h"

enum { REPORT_WIDTH = 78 };

static void describe_years(struct buf *out, unsigned mask)
{
	int first = -1;
	bool any = false;
	for (int y = YEAR_GROUP_FIRST; y <= YEAR_GROUP_LAST + 1; y++) {
		bool in = y <= YEAR_GROUP_LAST && ((mask >> y) & 1);
		if (in && first < 0)
			first = y;
		if (!in && first >= 0) {
			buf_printf(out, "%s%d", any ? ", " : "", first);
			if (y - 1 > first)
				buf_printf(out, "-%d", y - 1);
			any = true;
			first = -1;
		}
	}
}

static void describe_bands(const struct programme *p, struct buf *out)
{
	struct band_group groups[YEAR_GROUP_LAST - YEAR_GROUP_FIRST + 1];
	size_t n = programme_band_groups(p, groups);
	buf_puts(out, "Entitlement: ");
	for (size_t i = 0; i < n; i++) {
		buf_printf(out, "%sYears ", i ? "; " : "");
		describe_years(out, groups[i].year_groups);
		buf_printf(out, " %g-%g%% of the year group", groups[i].floor, groups[i].ceiling);
	}
	buf_putc(out, '\n');
}

static void describe_activity(const struct activity *a, struct buf *out)
{
	struct buf line = BUF_INIT;
	buf_printf(&line, "- %s [%s]", a->name, a->id);
	text_wrap(out, buf_str(&line), 4, 6, REPORT_WIDTH);
	buf_reset(&line);

	switch (a->cohort) {
	case COHORT_ALL:
		buf_puts(&line, "all pupils");
		break;
	case COHORT_SELECTED:
		buf_puts(&line, "selected pupils");
		break;
	default:
		buf_puts(&line, "invited (optional)");
		break;
	}
	buf_printf(&line, "; %d session%s; %s", a->sessions, a->sessions == 1 ? "" : "s",
		   kind_title(a->kind));
	if (a->year_groups & (a->year_groups - 1)) {
		buf_puts(&line, "; Years ");
		describe_years(&line, a->year_groups);
	}
	if (a->benchmarks) {
		buf_puts(&line, "; Gatsby ");
		bool first = true;
		for (int b = 1; b <= 8; b++)
			if ((a->benchmarks >> b) & 1) {
				buf_printf(&line, "%s%d", first ? "" : ",", b);
				first = false;
			}
	}
	if (a->provider_access)
		buf_puts(&line, "; Provider Access");
	text_wrap(out, buf_str(&line), 6, 6, REPORT_WIDTH);

	buf_reset(&line);
	buf_puts(&line, "When: ");
	timing_describe(&a->timing, a->sessions, &line);
	if (a->timing.note)
		buf_printf(&line, " (%s)", a->timing.note);
	text_wrap(out, buf_str(&line), 6, 8, REPORT_WIDTH);
	buf_free(&line);
}

void programme_report_text(const struct programme *p, unsigned year_mask, struct buf *out)
{
	buf_printf(out, "%s\n", p->name ? p->name : "Careers programme");
	if (p->source)
		buf_printf(out, "From: %s\n", p->source);
	describe_bands(p, out);
	for (int y = YEAR_GROUP_FIRST; y <= YEAR_GROUP_LAST; y++) {
		if (year_mask && !((year_mask >> y) & 1))
			continue;
		buf_printf(out, "\nYEAR %d\n", y);
		for (int s = 0; s < STRAND_COUNT; s++) {
			char heading[64];
			text_copy(heading, sizeof heading, strand_title((enum strand)s));
			for (char *c = heading; *c; c++)
				*c = (char)(*c >= 'a' && *c <= 'z' ? *c - 32 : *c);
			buf_printf(out, "  %s\n", heading);
			if (p->aims[y][s])
				text_wrap(out, p->aims[y][s], 4, 4, REPORT_WIDTH);
			int listed = 0;
			for (size_t i = 0; i < p->activity_count; i++) {
				const struct activity *a = &p->activities[i];
				if (a->retired || a->strand != (enum strand)s ||
				    !((a->year_groups >> y) & 1))
					continue;
				describe_activity(a, out);
				listed++;
			}
			if (!listed)
				buf_puts(out, "    (no activities)\n");
		}
	}
}

char *programme_report_json(const struct programme *p, unsigned year_mask)
{
	json_t *root = programme_to_json_value(p);
	if (year_mask) {
		json_t *activities = json_object_get(root, "activities");
		size_t i = 0;
		while (i < json_array_size(activities)) {
			json_t *years = json_object_get(json_array_get(activities, i), "year_groups");
			bool keep = false;
			size_t k;
			json_t *y;
			json_array_foreach(years, k, y)
				keep = keep || ((year_mask >> json_integer_value(y)) & 1);
			if (keep)
				i++;
			else
				json_array_remove(activities, i);
		}
		json_t *aims = json_object_get(root, "aims");
		const char *key;
		json_t *value, *tmp;
		json_object_foreach_safe(aims, tmp, key, value)
			if (!((year_mask >> atoi(key)) & 1))
				json_object_del(aims, key);
	}
	char *text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	return text;
}
