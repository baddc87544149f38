/* The user actions on the programme: replacing it from a programme file
 * and changing one activity. The command line (`waymark programme import`,
 * `waymark programme edit`) and the web (/programme/activities/:id) call
 * these, so a change is checked, saved and audited the same way whichever
 * way it is made. */
#ifndef WAYMARK_PROGRAMME_ACTION_H
#define WAYMARK_PROGRAMME_ACTION_H

#include "action/action.h"
#include "domain/programme.h"
#include "store/programme_store.h"

/* A change to one activity. Each field is as typed; NULL leaves it as it
 * is, "" clears an optional one (description, note). */
struct activity_change_request {
	const char *activity_id;
	const char *name;
	const char *description;
	const char *sessions;        /* a whole number 1-100, as text */
	const char *cohort;          /* "all", "selected" or "invited" */
	const char *kind;            /* kind_name(): "careers-lesson" ... */
	const char *note;            /* the timing note */
	bool set_benchmarks;         /* benchmarks below replaces the activity's */
	unsigned benchmarks;         /* bit n: Benchmark n */
	bool bad_benchmark;          /* a number that is not a benchmark was given */
	int provider_access;         /* -1 as it is, else 0 or 1 */
};

/* Changes an activity of the school's programme, checking each field as a
 * programme file is checked and the whole programme afterwards (Provider
 * Access rules, names). Problems name the fields above ("name", "sessions",
 * "cohort", "benchmarks", "kind", "provider_access", "note"; "" for the
 * programme as a whole). r->made is 1 when something changed and 0 when
 * the request changed nothing (then nothing is saved or audited). */
enum action_status activity_change(const struct action_ctx *ctx,
				   const struct activity_change_request *rq,
				   struct action_result *r);

/* Replaces the school's programme with p (checked already: a programme
 * file that was read), matching activities by id so that history attached
 * to an activity survives. file_sha256 is the file's, for the audit log.
 * *saved says what became of the activities. */
enum action_status programme_replace(const struct action_ctx *ctx, const struct programme *p,
				     const char *file_sha256, struct programme_save_result *saved,
				     struct action_result *r);

/* Makes the pupils selected for a `cohort: selected` activity (by its id)
 * in academic year start_year exactly student_ids (pupils checked by the
 * caller to be enrolled in one of the activity's year groups that year).
 * ACTION_NOT_FOUND for no such activity, ACTION_CONFLICT for one that is
 * for all pupils or invited ones. */
enum action_status selection_replace(const struct action_ctx *ctx, const char *activity_id,
				     int start_year, const long long *student_ids, size_t count,
				     struct action_result *r);

#endif
