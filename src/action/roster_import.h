/* The user actions on a roster: importing one from the MIS (checked, then
 * confirmed) and undoing a whole import. The command line
 * (`waymark import students`, `waymark import undo`) and the web
 * (/imports) call these and only render what they return, so both behave
 * the same: the mode is always the caller's explicit choice, the check
 * names every pupil who would be new, changed or leaving, and mass leaving
 * needs the number of pupils leaving typed back. */
#ifndef WAYMARK_ROSTER_IMPORT_H
#define WAYMARK_ROSTER_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "domain/roster.h"
#include "io/csv_reader.h"
#include "store/db.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/diag.h"
#include "util/progress.h"

struct roster_import_request {
	const char *data;            /* the file's bytes */
	size_t len;
	const char *file_name;       /* for the import record and audit */
	const char *sha256;          /* of data, hex */
	const char *actor;           /* who imports */
	int start_year;
	date_t as_of;                /* the date of the export */
	bool partial;                /* the file adds or updates pupils; else the whole school */
	bool apply;                  /* false: a check that writes nothing */
	long confirmed_leaving;      /* the number of leavers typed back, or -1; when
	                                given it must be right even where not needed */
	enum csv_encoding_choice encoding; /* the file's text encoding, or CSV_DETECT */
	struct progress *progress;   /* for reading the file, or NULL */
};

/* A pupil the import would add, change or mark as left. */
struct roster_import_pupil {
	enum roster_change change;   /* ROSTER_NEW, ROSTER_UPDATED or ROSTER_LEFT */
	char name[PUPIL_NAME_BYTES];
	int year_group;
	char tutor_group[LIMIT_BYTES(LIMIT_GROUP)];
	char changes[256];           /* ROSTER_UPDATED: the fields, "tutor group, house" */
};

struct roster_import_result {
	long rows;
	enum csv_encoding encoding;  /* what the file was read as */
	bool encoding_named;         /* named by the user, not detected */
	int added, updated, left, unchanged, on_roll, restored;
	bool rollover;
	int promoted, joined, kept_back;
	long skipped;                /* rows outside Years 7-13 */
	bool needs_confirmation;     /* so many leave that the number must be typed */
	struct buf summary;          /* the counts, one line each */
	struct roster_import_pupil *pupils; /* new, then changed, then leaving */
	size_t pupil_count;
	long long import_id;         /* the import record, once applied */
};

enum roster_import_status {
	ROSTER_IMPORT_OK,            /* checked (and applied, with apply) */
	ROSTER_IMPORT_BAD_FILE,      /* problems in diags: nothing changed */
	ROSTER_IMPORT_UNCONFIRMED,   /* leaving needs the number typed, and it was not */
	ROSTER_IMPORT_ERROR,         /* the database failed: message in diags */
};

/* Reads and plans the roster of req against what the school holds and
 * fills *out (free with roster_import_result_free, whatever the status).
 * With req->apply, and when leaving is confirmed where it must be, writes
 * the pupils, the import record (with each changed pupil's previous state,
 * for undo) and the audit row. Runs inside the caller's transaction, which
 * the caller commits on ROSTER_IMPORT_OK and rolls back otherwise. */
enum roster_import_status roster_import_run(struct db *db, long long school_id,
					    const struct roster_import_request *req,
					    struct diag_list *diags,
					    struct roster_import_result *out);
void roster_import_result_free(struct roster_import_result *r);

enum roster_undo_status {
	ROSTER_UNDO_DONE,
	ROSTER_UNDO_REFUSED,         /* message says why, in words for any reader */
	ROSTER_UNDO_ERROR,           /* the database failed: message says so */
};

/* Undoes roster import import_id in its own transaction: every pupil it
 * changed is as before it, the pupils it created are deleted, and the
 * audit log records it. Only an import of the academic year of today,
 * kept with its history, not undone already, with no later roster import
 * still standing. Appends what happened or why not to message. */
enum roster_undo_status roster_import_undo(struct db *db, long long school_id,
					   long long import_id, date_t today, const char *actor,
					   struct buf *message);

#endif
