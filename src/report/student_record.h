/* A pupil's careers record: everything they have done, year by year, and
 * what they are still owed this year. The basis of the pupil's own view. */
#ifndef WAYMARK_STUDENT_RECORD_H
#define WAYMARK_STUDENT_RECORD_H

#include <stdbool.h>
#include <stdint.h>

#include "domain/monitoring.h"
#include "util/buf.h"

/* The index of the pupil with this UPN or admission number... by UPN (any
 * case) only: admission numbers are not in the loaded data. UINT32_MAX if
 * none. */
uint32_t student_record_find(const struct mon_data *d, const char *upn);

/* The pupil's marks in one academic year, up to as_of, in date order:
 * writes pointers into d to out, which needs room for the pupil's
 * mark_count of them. Returns how many. */
size_t student_record_marks(const struct mon_data *d, uint32_t pupil, int start_year,
			    date_t as_of, const struct mon_mark **out);

/* Appends the record as text or JSON, up to as_of; start_year is "this
 * year" for what is owed. */
void student_record_text(const struct mon_data *d, uint32_t pupil, int start_year, date_t as_of,
			 struct buf *out);
void student_record_json(const struct mon_data *d, uint32_t pupil, int start_year, date_t as_of,
			 struct buf *out);

#endif
