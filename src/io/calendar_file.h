/* The calendar file: one academic year's terms, closures, named dates and
 * hand-set A/B weeks, as YAML. See docs/calendar-format.md. */
#ifndef WAYMARK_CALENDAR_FILE_H
#define WAYMARK_CALENDAR_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "domain/calendar.h"
#include "util/buf.h"
#include "util/diag.h"

/* Parses and checks a calendar file into cal (which it initialises) and
 * generates its A/B weeks. Returns true when there were no errors; cal
 * must be freed either way. */
bool calendar_parse(const char *text, size_t len, struct school_calendar *cal,
		    struct diag_list *diags);

/* Writes cal as a calendar file that calendar_parse reads back; `comment`
 * (may be NULL) goes at the top as YAML comment lines. */
void calendar_write_yaml(const struct school_calendar *cal, const char *comment,
			 struct buf *out);

/* The calendar as a jansson object (json_t *), weeks included. */
void *calendar_to_json_value(const struct school_calendar *cal);

#endif
