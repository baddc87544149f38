#include "action/action.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/text.h"

void action_result_init(struct action_result *r)
{
	*r = (struct action_result){ .status = ACTION_OK, .warnings = BUF_INIT };
}

void action_result_free(struct action_result *r)
{
	buf_free(&r->warnings);
}

enum action_status action_problem(struct action_result *r, enum action_status status,
				  const char *field, const char *fmt, ...)
{
	if (r->status == ACTION_OK || r->status == ACTION_UNCONFIRMED)
		r->status = status;
	if (r->problem_count < ACTION_PROBLEMS) {
		struct action_problem *p = &r->problems[r->problem_count++];
		text_copy(p->field, sizeof p->field, field);
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(p->message, sizeof p->message, fmt, ap);
		va_end(ap);
		text_drop_partial(p->message);
	}
	return r->status;
}

const char *action_problem_for(const struct action_result *r, const char *field)
{
	for (size_t i = 0; i < r->problem_count; i++)
		if (strcmp(r->problems[i].field, field) == 0)
			return r->problems[i].message;
	return NULL;
}

void action_warning(struct action_result *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&r->warnings, fmt, ap);
	va_end(ap);
	buf_puts(&r->warnings, "\n");
	r->warning_count++;
}

bool action_allowed(const struct principal *who, unsigned roles)
{
	return who->kind == PRINCIPAL_OPERATOR || (roles & ROLE_BIT(who->role)) != 0;
}
