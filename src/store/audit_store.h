/* The audit log: who changed what, when. Each entry is written inside the
 * same transaction as the change it records, so neither exists alone. */
#ifndef WAYMARK_AUDIT_STORE_H
#define WAYMARK_AUDIT_STORE_H

#include <stddef.h>

#include "store/db.h"

/* actor: "cli:alice" or a web login. action: "programme.import".
 * entity and key name what changed; detail is free text or JSON (may be
 * NULL). Returns 0 or -1. */
int audit_record(struct db *db, long long school_id, const char *actor,
		 const char *action, const char *entity, const char *key,
		 const char *detail);

/* Appends the newest `limit` entries as "at\tactor\taction\tentity\tkey\tdetail"
 * lines, oldest first. */
int audit_list(struct db *db, long long school_id, int limit, struct buf *out);

/* One entry, as the audit log page shows it. */
struct audit_entry {
	long long id;
	char at[32];
	char actor[72];
	char action[64];
	char entity[64];
	char key[256];
	char detail[512];       /* cut to fit */
};

/* The entries whose action starts with action_prefix ("" or NULL: all),
 * newest first, skipping `offset`: up to `limit` into out (caller frees).
 * *total gets how many match in all. Count returned, or -1. */
long audit_page(struct db *db, long long school_id, const char *action_prefix, long offset,
		int limit, struct audit_entry **out, long *total);

#endif
