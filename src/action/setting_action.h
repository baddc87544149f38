/* The school's settings an administrator chooses, and the one action that
 * changes them; `waymark settings` and /settings both use it. */
#ifndef WAYMARK_SETTING_ACTION_H
#define WAYMARK_SETTING_ACTION_H

#include "action/action.h"

struct setting_info {
	const char *name;            /* as stored: "two_factor_admins" */
	const char *title;           /* for a person: "Two-step sign-in for administrators" */
	const char *const *values;   /* the values it may take, NULL-terminated */
	const char *fallback;        /* its value until one is chosen */
};

/* The settings there are, ended by a NULL name. */
extern const struct setting_info setting_list[];
/* The setting called name, or NULL. */
const struct setting_info *setting_find(const char *name);

/* Sets a setting of the school (administrators only), with the audit
 * entry. Problems name "name" or "value". */
enum action_status setting_change(const struct action_ctx *ctx, const char *name,
				  const char *value, struct action_result *r);

#endif
