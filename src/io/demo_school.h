/* The demo school: a realistic synthetic school written as the files a
 * real school would have (an MIS roster, a calendar, the year's events,
 * registers, selections), to be loaded with the normal import commands.
 * No real pupil data: every name and number is generated. */
#ifndef WAYMARK_DEMO_SCHOOL_H
#define WAYMARK_DEMO_SCHOOL_H

#include <stdbool.h>
#include <stdint.h>

#include "domain/programme.h"
#include "util/buf.h"
#include "util/date.h"

struct demo_options {
	long students;        /* 50 to 100000 */
	uint64_t seed;
	int start_year;       /* the academic year */
	date_t as_of;         /* registers exist for events up to this date */
};

struct demo_summary {
	long pupils;
	long events;
	long events_held;     /* dated up to as_of */
	long register_rows;
	long selections;      /* activities with a selection file */
	long unscheduled;     /* activities whose rule no date of the year meets */
	long intentions;      /* Year 12-13 pupils in intentions.csv */
	long considering_he;  /* of whom considering higher education */
	long guidance_meetings; /* rows of guidance.csv */
};

/* Writes into dir (created if missing): roster.csv, calendar.yaml,
 * events.csv, registers.csv, selections/ACTIVITY.csv, intentions.csv (Year
 * 12-13 pupils considering higher education, about 45%) and guidance.csv
 * (personal guidance meetings by the as-of date for about two thirds of
 * Years 11 and 13, two thirds of them with the external adviser). The same
 * options always give the same files. false with a message in err. */
bool demo_write(const struct programme *prog, const struct demo_options *opt,
		const char *dir, struct demo_summary *summary, struct buf *err);

#endif
