#include "io/field_limit.h"

#include <string.h>

#include "domain/limits.h"
#include "io/csv_reader.h"
#include "util/text.h"

bool field_limit_fits(const struct field_limit *f, const char *text, struct diag_list *diags,
		      int line, int column, const char *csv_column)
{
	const char *problem = text_limit_problem(text, f->max_chars, f->one_line);
	if (!problem)
		return true;
	const char *space = f->where ? " " : "", *where = f->where ? f->where : "";
	/* The same order as text_limit_problem's checks, for what to do. */
	if (!text_is_utf8(text, strlen(text)))
		diag_add(diags, DIAG_ERROR, line, column, csv_column,
			 "%s %s: save the file as UTF-8", f->field, problem);
	else if (f->one_line && strpbrk(text, "\r\n\t"))
		diag_add(diags, DIAG_ERROR, line, column, csv_column,
			 "%s %s: take out the line break or tab%s%s", f->field, problem, space, where);
	else
		diag_add(diags, DIAG_ERROR, line, column, csv_column,
			 "%s %s (it has %zu): shorten it%s%s", f->field, problem, text_width(text),
			 space, where);
	return false;
}

bool field_limit_cell_fits(const struct field_limit *f, const struct csv_row *header,
			   const struct csv_row *row, int col, struct diag_list *diags)
{
	if (col < 0 || (size_t)col >= row->count)
		return true;
	const char *name = (size_t)col < header->count ? header->cells[col] : NULL;
	return field_limit_fits(f, row->cells[col], diags, row->line, 0, name);
}
