/* Bounded text in the files Waymark reads. Each text field of an imported
 * file has a longest value, in characters, from domain/limits.h. A value
 * that does not fit is an error at its place, never cut: the message names
 * the field, its limit and what to do, and the reader refuses the whole
 * file as it refuses any other error.
 *
 * Each reader declares its fields' limits as struct field_limit values;
 * docs/importing.md, docs/programme-format.md and docs/calendar-format.md
 * list them. */
#ifndef WAYMARK_FIELD_LIMIT_H
#define WAYMARK_FIELD_LIMIT_H

#include <stdbool.h>
#include <stddef.h>

#include "util/diag.h"

struct field_limit {
	const char *field;    /* what messages call it: "the legal surname" */
	size_t max_chars;     /* the most characters (code points): LIMIT_x */
	bool one_line;        /* no line break or tab either */
	/* Where to put it right, after "shorten it": "in the MIS and export
	 * the roster again"; NULL when the place in the file says enough. */
	const char *where;
};

/* True when text (NUL-terminated) fits f. Otherwise adds one error at line
 * and column (for a CSV cell, column 0 and csv_column, the header cell
 * naming it; else csv_column is NULL) and returns false. The message is the
 * field, why it does not fit and what to do:
 *   "the legal surname is longer than 100 characters (it has 101): shorten it in the MIS ..."
 *   "the house must be on one line: take out the line break or tab ..."
 *   "the adviser is not valid UTF-8 text: save the file as UTF-8"
 * The value itself is never repeated (it may be 64 KB long). */
bool field_limit_fits(const struct field_limit *f, const char *text, struct diag_list *diags,
		      int line, int column, const char *csv_column);

/* The same for the cell of a CSV data row in column col, reported at the
 * row's line under the header's cell for that column. A column the file
 * does not have (col < 0) or a cell past the row's end fits. */
struct csv_row;
bool field_limit_cell_fits(const struct field_limit *f, const struct csv_row *header,
			   const struct csv_row *row, int col, struct diag_list *diags);

#endif
