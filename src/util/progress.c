#include "util/progress.h"

#include <stdio.h>
#include <unistd.h>

enum { BAR_WIDTH = 40 };

void progress_start(struct progress *p, const char *label, size_t total, size_t threshold)
{
	*p = (struct progress){ .total = total, .label = label, .last_percent = (size_t)-1 };
	p->shown = total >= threshold && total > 0 && isatty(STDERR_FILENO);
	progress_update(p, 0);
}

void progress_update(struct progress *p, size_t done)
{
	if (!p->shown)
		return;
	size_t percent = done >= p->total ? 100 : done * 100 / p->total;
	if (percent == p->last_percent)
		return;
	p->last_percent = percent;
	size_t filled = percent * BAR_WIDTH / 100;
	char bar[BAR_WIDTH + 1];
	for (size_t i = 0; i < BAR_WIDTH; i++)
		bar[i] = i < filled ? '#' : '.';
	bar[BAR_WIDTH] = '\0';
	fprintf(stderr, "\r%s [%s] %3zu%%", p->label, bar, percent);
	fflush(stderr);
}

void progress_end(struct progress *p)
{
	if (p->shown)
		fprintf(stderr, "\r\033[K");
	p->shown = false;
}
