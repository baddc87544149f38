/* A string-keyed hash map to indexes, for matching imported rows against
 * what is stored (UPN -> pupil). Keys are copied; values are size_t. */
#ifndef WAYMARK_STRMAP_H
#define WAYMARK_STRMAP_H

#include <stdbool.h>
#include <stddef.h>

struct strmap_slot;

struct strmap {
	struct strmap_slot *slots;
	size_t cap;   /* a power of two, or 0 */
	size_t count;
};

#define STRMAP_INIT { NULL, 0, 0 }

/* Sets key -> value, replacing any earlier value. */
void strmap_put(struct strmap *m, const char *key, size_t value);
/* True and *value set when key is present. */
bool strmap_get(const struct strmap *m, const char *key, size_t *value);
void strmap_free(struct strmap *m);

#endif
