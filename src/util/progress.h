/* A progress bar on stderr for long imports, shown only when stderr is a
 * terminal (never in logs, pipes or tests). */
#ifndef WAYMARK_PROGRESS_H
#define WAYMARK_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

struct progress {
	bool shown;
	size_t total;
	size_t last_percent;
	const char *label;
};

/* Starts a bar for `total` units when stderr is a terminal and total is
 * at least `threshold`. */
void progress_start(struct progress *p, const char *label, size_t total, size_t threshold);
void progress_update(struct progress *p, size_t done);
/* Clears the bar's line. */
void progress_end(struct progress *p);

#endif
