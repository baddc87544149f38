/* Options shared by the report commands (--year, --as-of, --year-group,
 * --format, --missed, --by), parsed one way everywhere. */
#ifndef WAYMARK_REPORT_OPTIONS_H
#define WAYMARK_REPORT_OPTIONS_H

#include <getopt.h>
#include <stdbool.h>

#include "cli/cli.h"
#include "domain/monitoring.h"

struct report_options {
	const char *year_arg;
	date_t as_of;           /* DATE_NONE until parsed: today */
	int start_year;
	unsigned year_groups;   /* bit n: Year n; 0 all */
	enum cli_format format;
	bool missed;
	unsigned subgroups;     /* bit per enum subgroup */
};

#define REPORT_OPTIONS_INIT { NULL, DATE_NONE, 0, 0, FORMAT_TEXT, false, 0 }

/* The long options above, terminated: for getopt_long. */
const struct option *report_options_table(void);
/* Handles one getopt result of the table; 0 or an exit status. */
int report_common_option(struct report_options *o, int opt, const char *usage);
/* After getopt: no stray arguments; as_of defaults to today, start_year to
 * its academic year, and a past year's as_of to that year's last day. */
int report_finish_options(struct report_options *o, const char *usage, int argc, char **argv);
bool report_parse_subgroups(const char *arg, unsigned *mask);
/* Loads the school's records for a report; EXIT_OK or a message. */
int report_load(struct cli_ctx *ctx, struct mon_data *d);

#endif
