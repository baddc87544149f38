/* The organisations that come to events: employers, colleges,
 * universities, training providers (Benchmarks 5 and 7, Provider Access).
 * The careers leader and administrators add them. */
#ifndef WAYMARK_ORGANISATION_ACTION_H
#define WAYMARK_ORGANISATION_ACTION_H

#include "action/action.h"

struct organisation_request {
	const char *name;
	const char *kind;     /* employer, sixth-form, college, university,
			       * training-provider or other */
	const char *sector;   /* NULL or "": not recorded */
	const char *size;     /* micro, small, medium, large; NULL or "": not recorded */
};

/* Adds an organisation: r->id is its id. */
enum action_status organisation_add(const struct action_ctx *ctx,
				    const struct organisation_request *rq, struct action_result *r);

#endif
