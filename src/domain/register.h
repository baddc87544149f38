/* Registers: what a mark is and how staff write one. */
#ifndef WAYMARK_REGISTER_H
#define WAYMARK_REGISTER_H

#include <stdbool.h>

#include "util/date.h"

enum mark_status { MARK_PRESENT, MARK_ABSENT, MARK_EXCUSED, MARK_STATUS_COUNT };

const char *mark_status_name(enum mark_status s);  /* "present", "absent", "excused" */

/* Reads an attendance cell as staff write it: Present/Absent/Excused, P/A/E,
 * Y/N, Yes/No, 1/0, True/False, a tick (✓ ✔ √), / or \ (the register's
 * present marks), "late" (present). A blank cell is absent. False for
 * anything else. */
bool register_parse_attendance(const char *s, enum mark_status *out);

/* What an event's register says on a date (docs/registers.md):
 *  - not due: the event is after the date; nothing can be marked yet;
 *  - due: the event is on the date and nobody is marked yet;
 *  - not taken: the event's day has passed and nobody is marked: the
 *    event counts neither as held nor as missed by anyone;
 *  - incomplete: some of the pupils on the register are marked (N of M);
 *    the others are listed as unmarked, never counted absent;
 *  - complete: every pupil on the register is marked.
 * Only the pupils marked at an event are counted by the reports: a pupil
 * with no mark has neither received nor missed that session. */
enum register_state {
	REGISTER_NOT_DUE,
	REGISTER_DUE,
	REGISTER_NOT_TAKEN,
	REGISTER_INCOMPLETE,
	REGISTER_COMPLETE,
	REGISTER_STATE_COUNT
};

/* "not due", "due", "not taken", "incomplete", "complete". */
const char *register_state_name(enum register_state s);

/* The rule: the state of the register of an event on event_date, on the
 * date as_of, with `marked` of the `expected` pupils on its register
 * marked. A register with marks is incomplete or complete whatever the
 * date (marks are refused before the day, but an older database may hold
 * some). expected below marked counts as marked (a pupil marked and since
 * gone from the register is still on it). */
enum register_state register_state_of(date_t event_date, date_t as_of, int marked, int expected);

/* Whether a register may be marked on `today`: from the event's day on.
 * Marks before the day are refused, by the register page, `waymark import
 * register` and the register's save alike. */
bool register_open_on(date_t event_date, date_t today);

enum organisation_kind {
	ORG_EMPLOYER,
	ORG_SIXTH_FORM,
	ORG_COLLEGE,
	ORG_UNIVERSITY,
	ORG_TRAINING_PROVIDER,
	ORG_OTHER,
	ORG_KIND_COUNT
};

const char *organisation_kind_name(enum organisation_kind k);
bool organisation_kind_parse(const char *s, enum organisation_kind *out);
/* micro (<10 staff), small (<50), medium (<250), large. */
bool organisation_size_valid(const char *s);

#endif
