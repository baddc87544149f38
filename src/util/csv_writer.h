/* CSV out, as schools' spreadsheets want it: UTF-8 with a BOM, CRLF line
 * ends, every cell quoted when it needs to be, and cells that a spreadsheet
 * would run as a formula (=, +, -, @, tab, CR first) prefixed with '. */
#ifndef WAYMARK_CSV_WRITER_H
#define WAYMARK_CSV_WRITER_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

struct csv_writer {
	struct buf *out;
	bool bom_written;
};

/* Writes to out (not owned); the BOM goes before the first row. */
void csv_writer_init(struct csv_writer *w, struct buf *out);
/* One row; a NULL cell is written empty. */
void csv_write_row(struct csv_writer *w, const char *const *cells, size_t count);
/* One cell of a row being built: call csv_write_cell for each, then
 * csv_end_row. */
void csv_write_cell(struct csv_writer *w, const char *cell, bool first);
void csv_end_row(struct csv_writer *w);
/* An identifier (UPN, admission number) quoted as text so that a
 * spreadsheet keeps its leading zeros. */
void csv_write_text_cell(struct csv_writer *w, const char *cell, bool first);
/* A number Waymark computed ("-3.2"): written as it is, since a leading
 * minus in a number is not a formula. Anything else is written as a cell. */
void csv_write_number_cell(struct csv_writer *w, const char *number, bool first);

#endif
