/* The two-termly review of entitlement: which period a date falls in. */
#ifndef WAYMARK_REVIEW_H
#define WAYMARK_REVIEW_H

#include <stdbool.h>

#include "domain/calendar.h"

struct review_period {
	int first_term, last_term;  /* terms 1-2, 3-4, 5-6; a three-term year ends with 3 */
	date_t start, end;          /* the first term's start, the last term's end */
};

/* The review period holding d: the pair of terms d falls in, or, in a
 * holiday, the pair that holds the term just ended (before the first term:
 * the first pair). false when the calendar has no terms. */
bool review_period_of(const struct school_calendar *cal, date_t d, struct review_period *out);

#endif
