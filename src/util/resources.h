/* Data files compiled into the binary (tools/embed.c): migrations, the
 * default programme, the MIS column aliases, the LA codes. */
#ifndef WAYMARK_RESOURCES_H
#define WAYMARK_RESOURCES_H

#include <stddef.h>

/* The embedded file with this source path ("data/la-codes.csv"), its text
 * NUL-terminated and its length in *len; NULL if there is none. */
const char *resource_find(const char *path, size_t *len);

#endif
