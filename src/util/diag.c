#include "util/diag.h"

#include <stdarg.h>
#include <stdlib.h>

#include "util/buf.h"
#include "util/mem.h"

enum { DIAG_DEFAULT_LIMIT = 200 };

void diag_init(struct diag_list *list, const char *file)
{
	*list = (struct diag_list){ .file = file };
}

void diag_free(struct diag_list *list)
{
	for (size_t i = 0; i < list->count; i++) {
		free(list->items[i].field);
		free(list->items[i].message);
	}
	free(list->items);
	list->items = NULL;
	list->count = list->cap = 0;
}

void diag_add(struct diag_list *list, enum diag_severity severity, int line,
	      int column, const char *field, const char *fmt, ...)
{
	if (severity == DIAG_ERROR)
		list->errors++;
	else
		list->warnings++;
	size_t limit = list->limit ? list->limit : DIAG_DEFAULT_LIMIT;
	if (list->count >= limit) {
		list->dropped++;
		return;
	}
	struct buf msg = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	ARRAY_RESERVE(list->items, list->cap, list->count + 1);
	list->items[list->count++] = (struct diag){
		.severity = severity,
		.line = line,
		.column = column,
		.field = field ? xstrdup(field) : NULL,
		.message = buf_detach(&msg),
	};
}

bool diag_has_errors(const struct diag_list *list)
{
	return list->errors > 0;
}

void diag_print(const struct diag_list *list, FILE *out)
{
	const char *file = list->file ? list->file : "-";
	for (size_t i = 0; i < list->count; i++) {
		const struct diag *d = &list->items[i];
		if (d->line > 0 && d->column > 0)
			fprintf(out, "%s:%d:%d: ", file, d->line, d->column);
		else if (d->line > 0)
			fprintf(out, "%s:%d: ", file, d->line);
		else
			fprintf(out, "%s: ", file);
		if (d->field)
			fprintf(out, "column %s: ", d->field);
		fprintf(out, "%s%s\n", d->severity == DIAG_WARNING ? "warning: " : "",
			d->message);
	}
	if (list->dropped)
		fprintf(out, "%s: ... and %zu more problems not shown\n", file,
			list->dropped);
}
