/* The user actions on the school calendar: replacing a year's calendar
 * from a calendar file, naming a date in it, and setting a week's A/B
 * letter by hand. `waymark calendar import|set-date|set-week` call these;
 * each reads, changes and saves the year inside one transaction, so two
 * changes made at once never lose one another. */
#ifndef WAYMARK_CALENDAR_ACTION_H
#define WAYMARK_CALENDAR_ACTION_H

#include "action/action.h"
#include "domain/calendar.h"

/* Replaces cal's academic year (cal checked already: a calendar file that
 * was read); file_name is for the audit log. */
enum action_status calendar_replace(const struct action_ctx *ctx,
				    const struct school_calendar *cal, const char *file_name,
				    struct action_result *r);

/* Sets (or moves) the named date name ("careers-fair": lowercase letters,
 * digits and hyphens) in the calendar of start_year. Problems: "name",
 * "date", "" (the calendar is missing, or the date breaks it). */
enum action_status calendar_name_date(const struct action_ctx *ctx, int start_year,
				      const char *name, date_t date, struct action_result *r);

/* Makes the school week holding day week `letter` ('A' or 'B'); the weeks
 * after it follow from it. Problems: "date", "letter", "". */
enum action_status calendar_letter_week(const struct action_ctx *ctx, int start_year, date_t day,
					char letter, struct action_result *r);

#endif
