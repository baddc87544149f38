/* Allocation wrappers: they never return NULL, and check size arithmetic.
 * Out of memory is not an error Waymark can report usefully, so it aborts. */
#ifndef WAYMARK_MEM_H
#define WAYMARK_MEM_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
/* Resize to count * size bytes; aborts if the product overflows. */
void *xreallocarray(void *ptr, size_t count, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Grow an array so that it holds at least `need` elements, doubling.
 * Usage: ARRAY_RESERVE(list.items, list.cap, list.count + 1); */
#define ARRAY_RESERVE(ptr, cap, need)                                         \
	do {                                                                  \
		if ((need) > (cap)) {                                         \
			size_t new_cap_ = (cap) ? (cap) * 2 : 8;              \
			while (new_cap_ < (need))                             \
				new_cap_ *= 2;                                \
			(ptr) = xreallocarray((ptr), new_cap_, sizeof *(ptr)); \
			(cap) = new_cap_;                                     \
		}                                                             \
	} while (0)

#endif
