/* libFuzzer: arbitrary bytes as a calendar file, and the date rules over
 * whatever calendar comes out. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "domain/timing.h"
#include "io/calendar_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct school_calendar cal;
	struct diag_list diags;
	diag_init(&diags, "fuzz.yaml");
	if (calendar_parse((const char *)data, size, &cal, &diags)) {
		struct buf yaml = BUF_INIT;
		calendar_write_yaml(&cal, "fuzz", &yaml);
		struct school_calendar again;
		struct diag_list more;
		diag_init(&more, "again.yaml");
		if (!calendar_parse(yaml.data, yaml.len, &again, &more))
			abort(); /* our own output must always read back */
		calendar_free(&again);
		diag_free(&more);
		buf_free(&yaml);
		for (size_t t = 0; t < cal.term_count; t++) {
			calendar_term_midpoint(&cal, cal.terms[t].ordinal);
			calendar_last_weekday_of_term(&cal, cal.terms[t].ordinal, WEEKDAY_WEDNESDAY);
		}
		struct timing_rule rule = { .weekday = WEEKDAY_FRIDAY, .week = 'A' };
		date_t dates[4];
		timing_candidate_dates(&rule, &cal, DATE_NONE, dates, 4);
	}
	calendar_free(&cal);
	diag_free(&diags);
	return 0;
}
