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

/* The most academic years one demo writes. */
enum { DEMO_YEARS_MAX = 3 };

struct demo_options {
	long students;        /* 50 to 100000 */
	uint64_t seed;
	int start_year;       /* the academic year (the last one, with years > 1) */
	int years;            /* 1 to DEMO_YEARS_MAX consecutive years ending with start_year */
	date_t as_of;         /* registers exist for events up to this date */
};

/* What one academic year's files hold. */
struct demo_year_summary {
	int start_year;
	date_t as_of;         /* its registers stop here: the options' as_of, or the
			       * year's last day for the years before the last */
	long pupils;
	long events;
	long events_held;     /* dated up to as_of */
	long register_rows;
	long selections;      /* activities with a selection file */
	long unscheduled;     /* activities whose rule no date of the year meets */
	long intentions;      /* Year 12-13 pupils in intentions.csv */
	long considering_he;  /* of whom considering higher education */
	long guidance_meetings; /* rows of guidance.csv */
	/* From the year before (all 0 for the first year), as `import students`
	 * counts a rollover: promoted, in both rosters; joined, in this roster
	 * only; left, in last year's roster without a leaving date and not in
	 * this one (Year 13, nearly half of Year 11, a few others). */
	long promoted, joined, left;
};

struct demo_summary {
	int years;
	struct demo_year_summary year[DEMO_YEARS_MAX];  /* oldest first */
};

/* Writes opt->years academic years of one school. With one year the files
 * go into dir itself; with more, into dir/2025-26/, dir/2026-27/...: each
 * year's roster.csv, calendar.yaml, events.csv, registers.csv,
 * selections/ACTIVITY.csv, intentions.csv (Year 12-13 pupils considering
 * higher education, about 45%) and guidance.csv (personal guidance
 * meetings by the as-of date for about two thirds of Years 11 and 13, two
 * thirds of them with the external adviser). dir and the year directories
 * are created if missing. The pupils are one population: each September
 * Years 7-12 move up (same UPN, admission number and names; a few flags
 * change), Year 13 and nearly half of Year 11 leave, a new Year 7 and a few
 * others join. The registers of the years before the last cover the whole
 * year; the last year's stop at opt->as_of. The same options always give
 * the same files, and one year gives the files it always has. false with
 * a message in err. */
bool demo_write(const struct programme *prog, const struct demo_options *opt,
		const char *dir, struct demo_summary *summary, struct buf *err);

/* The directory name of an academic year's files: "2025-26". */
void demo_year_directory(int start_year, char out[8]);

#endif
