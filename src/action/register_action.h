/* Taking registers: saving marks for an event's pupils (the web's register
 * page, `waymark mark`) and importing registers from a file (`waymark
 * import register`, the web's imports page). Every mark is written here,
 * with its audit entry, after the same checks whoever writes it:
 * docs/registers.md says what they are. */
#ifndef WAYMARK_REGISTER_ACTION_H
#define WAYMARK_REGISTER_ACTION_H

#include "action/action.h"
#include "io/register_import.h"
#include "util/diag.h"

/* A mark to save: one of enum mark_status, or REGISTER_UNMARKED to clear
 * the pupil's mark. */
enum { REGISTER_UNMARKED = -1 };

struct register_entry {
	long long student_id;
	int mark;                    /* enum mark_status, or REGISTER_UNMARKED */
};

/* What a save did, beside r->status. */
struct register_outcome {
	long present, absent, excused, cleared; /* the marks of the request saved */
	long changed;                /* of them, those that differ from before */
	long refused;                /* entries not saved: the pupil is not on this
				      * register, or not one the principal may mark */
	bool repeat;                 /* once_key had been used: nothing was written */
	char earlier[512];           /* then where the first save led */
};

struct register_request {
	long long event_id;
	const struct register_entry *entries;
	size_t count;
	bool rest_present;           /* also mark present everyone on the register the
				      * principal may mark who has no mark and no entry */
	/* A form's once key (form_once_key_of), or NULL: a second save with the
	 * same key changes nothing and says where the first one led. */
	const char *once_key;
	/* With once_key: writes to `to` where this save leads, once the
	 * marks are counted (the adapter's page), for a repeat to go to. */
	void (*locate)(const struct register_outcome *out, void *arg, struct buf *to);
	void *locate_arg;
};


/* Saves the marks of rq for event rq->event_id, and the audit entry
 * "register.save" (event, its id; the counts and each change as JSON).
 * The careers leader, an administrator and the operator may mark anyone
 * on the register; a tutor only the pupils of their groups now
 * (domain/scope.h). ACTION_FORBIDDEN for anyone else;
 * ACTION_NOT_FOUND when there is no such event; ACTION_CONFLICT (field
 * "date") when it was cancelled or its day has not come. Entries for
 * pupils not on the register, or outside a tutor's groups, are refused
 * and counted in out->refused; the others are saved. When every entry is
 * refused nothing is written: ACTION_FORBIDDEN (field "pupils") if any was
 * outside the principal's groups, else ACTION_CONFLICT (field "pupils").
 * r->made is out->changed. */
enum action_status register_save(const struct action_ctx *ctx, const struct register_request *rq,
				 struct register_outcome *out, struct action_result *r);

struct register_import_request {
	const char *data;            /* the file's bytes */
	size_t len;
	const char *file_name;       /* for diagnostics, the import record and audit */
	const char *sha256;          /* of data, hex */
	long long event_id;          /* the one event of the file, or 0 */
	enum csv_encoding_choice encoding;
	bool apply;                  /* false: a check that writes nothing */
	/* With apply: what register_import_describe wrote when the file was
	 * checked, or NULL. When the file would now do something else (the
	 * records changed since), nothing is written (ACTION_CONFLICT). */
	const char *expected;
	struct progress *progress;   /* for reading the file, or NULL */
};

/* Reads the register file of rq (io/register_import.h) in a transaction
 * of its own, and with rq->apply commits its marks with the import record
 * and the audit entry "import.register"; otherwise rolls it back. Only
 * the careers leader, an administrator and the operator may
 * (ACTION_FORBIDDEN). Problems in the file, and an rq->event_id that is
 * missing, cancelled or after today, go to diags (FILE:LINE: column NAME:
 * message) and make ACTION_INVALID with nothing changed; a warning (an
 * event made on a day that is not a school day) does not. ACTION_CONFLICT
 * when the school has no programme (field "programme") or the file no
 * longer does what rq->expected says (field "file"). *out is filled when
 * the file was read; r->made is the marks written. */
enum action_status register_import_run(const struct action_ctx *ctx,
				       const struct register_import_request *rq,
				       struct diag_list *diags, struct register_import_result *out,
				       struct action_result *r);

/* What an import did or would do, one line each ("12 marks (10 present, 1
 * absent, 1 excused) for 1 event", "text read as UTF-8"), appended to
 * summary: the check's words, compared again on confirming. */
void register_import_describe(const struct register_import_result *res, struct buf *summary);

#endif
