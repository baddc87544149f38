/* Personal guidance meetings (Gatsby Benchmark 8): record, change and
 * delete. The careers leader and administrators may do all of them for any
 * meeting; an adviser records, changes and deletes only their own (the
 * meetings recorded by or for their account). docs/guidance.md says what
 * a meeting holds. */
#ifndef WAYMARK_GUIDANCE_ACTION_H
#define WAYMARK_GUIDANCE_ACTION_H

#include "action/action.h"

/* Who may work with guidance meetings at all (the web's guidance routes
 * allow the same roles): never tutors or governors. */
#define GUIDANCE_ROLES (ROLES_CAREERS | ROLE_BIT(ROLE_ADVISER))

/* A meeting as the user describes it. The adviser is a staff account of
 * the school (adviser_user_id), or someone without one, named: an
 * external adviser, with their organisation. */
struct guidance_request {
	long long student_id;          /* record: the pupil; change: ignored */
	date_t date;                   /* DATE_NONE: not given or not a date */
	long long adviser_user_id;     /* a staff account; 0: adviser_name */
	const char *adviser_name;      /* when adviser_user_id is 0 */
	bool external;                 /* held by an external careers adviser */
	const char *adviser_organisation; /* an external adviser's; NULL or "": none */
	int level;                     /* the adviser's qualification, 1 to 8 */
	bool follow_up;                /* a further meeting for a pupil needing more help */
	const char *notes;             /* NULL or "": none */
	const char *agreed_actions;    /* NULL or "": none */
	date_t next_meeting;           /* DATE_NONE: none */
	bool next_meeting_unreadable;  /* the next meeting's date was given but is not a date */
};

/* Records a meeting: r->id is its id. Problems name the fields "date",
 * "adviser" (the account), "adviser_name", "adviser_organisation",
 * "level", "notes", "agreed_actions" and "next_meeting". */
enum action_status guidance_record(const struct action_ctx *ctx,
				   const struct guidance_request *rq, struct action_result *r);
/* Makes meeting id what rq describes (its pupil stays). */
enum action_status guidance_change(const struct action_ctx *ctx, long long id,
				   const struct guidance_request *rq, struct action_result *r);
/* Deletes meeting id. */
enum action_status guidance_delete(const struct action_ctx *ctx, long long id,
				   struct action_result *r);

#endif
