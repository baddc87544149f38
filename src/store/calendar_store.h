/* Persisting a school's calendars, one per academic year. */
#ifndef WAYMARK_CALENDAR_STORE_H
#define WAYMARK_CALENDAR_STORE_H

#include <stddef.h>

#include "domain/calendar.h"
#include "store/db.h"

/* Replaces the school's calendar for cal->start_year (terms, closures,
 * named dates, weeks). Run inside the caller's transaction. 0 or -1. */
int calendar_store_save(struct db *db, long long school_id,
			const struct school_calendar *cal);
/* Loads the calendar of the academic year starting in start_year into cal
 * (which it initialises). 1 found, 0 none, -1 error. */
int calendar_store_load(struct db *db, long long school_id, int start_year,
			struct school_calendar *cal);
/* The academic years with a calendar, newest first, at most max of them.
 * Returns how many were written to years, or -1. */
int calendar_store_years(struct db *db, long long school_id, int *years, size_t max);

#endif
