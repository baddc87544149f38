/* Importing registers: a CSV of pupils and attendance for one event, or
 * for many (with Activity and Date columns). Pupils are found by UPN,
 * admission number, or surname + forename + tutor group. Cells that name
 * pupils and activities are at most as long as those names are
 * (docs/importing.md): a longer one is reported, never cut. */
#ifndef WAYMARK_REGISTER_IMPORT_H
#define WAYMARK_REGISTER_IMPORT_H

#include <stdbool.h>

#include "util/date.h"
#include <stddef.h>

#include "domain/programme.h"
#include "io/csv_reader.h"
#include "store/db.h"
#include "util/diag.h"

struct register_import_result {
	long rows;             /* data rows read */
	long marks;            /* marks written */
	long present, absent, excused;
	long events_created;   /* multi-event files: events that did not exist yet */
	long events_touched;   /* events whose marks were replaced */
	enum csv_encoding encoding;  /* what the file was read as */
	bool encoding_named;         /* named by the user, not detected */
};

/* Reads a register, in the encoding named (or CSV_DETECT), and writes its marks: each event it touches has its
 * marks replaced by the file's. event_id names the event for a one-event
 * register, or is 0 for a file with Activity and Date columns (events are
 * found, or created when missing). prog is the school's programme (for
 * activity names). Runs inside the caller's transaction, which the caller
 * rolls back when this returns false (any error) or for a dry run.
 * A register is never taken before its event's day: with an event_id for
 * an event after today nothing is read; in a multi-event file a row dated
 * after today is an error at its date (docs/registers.md).
 * Problems go to diags as FILE:LINE: column NAME: message. progress (may
 * be NULL) is advanced by line. */
struct progress;
bool register_import(struct db *db, long long school_id, const struct programme *prog,
		     long long event_id, date_t today, const char *data, size_t len,
		     enum csv_encoding_choice encoding, struct register_import_result *result,
		     struct diag_list *diags,
		     struct progress *progress);

#endif
