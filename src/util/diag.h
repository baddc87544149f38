/* Problems found in user input, collected so that all of them can be
 * reported at once, each at its place: "FILE:LINE:COLUMN: message".
 *
 * Parsers add to a diag_list; the command-line or web edge prints it. */
#ifndef WAYMARK_DIAG_H
#define WAYMARK_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum diag_severity { DIAG_ERROR, DIAG_WARNING };

struct diag {
	enum diag_severity severity;
	int line;     /* 1-based; 0 when the problem is about the whole file */
	int column;   /* 1-based; 0 when unknown */
	char *field;  /* a CSV column name, or NULL */
	char *message;
};

struct diag_list {
	const char *file;  /* name used in messages; not owned */
	struct diag *items;
	size_t count;
	size_t cap;
	size_t errors;
	size_t warnings;
	size_t limit;      /* stop recording after this many (0: 200) */
	size_t dropped;    /* problems beyond the limit, counted only */
};

void diag_init(struct diag_list *list, const char *file);
void diag_free(struct diag_list *list);
void diag_add(struct diag_list *list, enum diag_severity severity, int line,
	      int column, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
#define diag_error(list, line, column, ...) \
	diag_add((list), DIAG_ERROR, (line), (column), NULL, __VA_ARGS__)
#define diag_warning(list, line, column, ...) \
	diag_add((list), DIAG_WARNING, (line), (column), NULL, __VA_ARGS__)
bool diag_has_errors(const struct diag_list *list);
/* Prints every problem, one per line, in the order found:
 * "FILE:LINE:COLUMN: message", or "FILE:LINE: column NAME: message" for a
 * CSV cell; warnings carry "warning: " before the message. */
void diag_print(const struct diag_list *list, FILE *out);

#endif
