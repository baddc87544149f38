/* A region allocator: many small allocations with one owner, freed at once.
 * Loaded documents (a programme, a calendar) keep their strings here so that
 * freeing the document frees everything it points to. */
#ifndef WAYMARK_ARENA_H
#define WAYMARK_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;
};

#define ARENA_INIT { NULL }

/* Zeroed memory that lives until arena_free(). Never NULL. */
void *arena_alloc(struct arena *a, size_t size);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
void arena_free(struct arena *a);

#endif
