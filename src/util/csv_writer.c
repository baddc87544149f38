#include "util/csv_writer.h"

#include <string.h>

void csv_writer_init(struct csv_writer *w, struct buf *out)
{
	*w = (struct csv_writer){ out, false };
}

static void start_cell(struct csv_writer *w, bool first)
{
	if (!w->bom_written) {
		buf_puts(w->out, "\xEF\xBB\xBF");
		w->bom_written = true;
	}
	if (!first)
		buf_putc(w->out, ',');
}

static void write_quoted(struct buf *out, const char *prefix, const char *s)
{
	buf_putc(out, '"');
	buf_puts(out, prefix);
	for (; *s; s++) {
		if (*s == '"')
			buf_putc(out, '"');
		buf_putc(out, *s);
	}
	buf_putc(out, '"');
}

void csv_write_cell(struct csv_writer *w, const char *cell, bool first)
{
	start_cell(w, first);
	if (!cell || !*cell)
		return;
	/* A spreadsheet runs these as formulas: keep them text. */
	bool formula = strchr("=+-@\t\r", cell[0]) != NULL;
	bool quote = formula || strpbrk(cell, ",\"\r\n") != NULL;
	if (quote)
		write_quoted(w->out, formula ? "'" : "", cell);
	else
		buf_puts(w->out, cell);
}

void csv_write_text_cell(struct csv_writer *w, const char *cell, bool first)
{
	start_cell(w, first);
	if (!cell || !*cell)
		return;
	bool formula = strchr("=+-@\t\r", cell[0]) != NULL;
	write_quoted(w->out, formula ? "'" : "", cell);
}

void csv_write_number_cell(struct csv_writer *w, const char *number, bool first)
{
	bool numeric = number && *number;
	for (const char *p = number; numeric && *p; p++)
		numeric = (*p >= '0' && *p <= '9') || *p == '.' || (p == number && *p == '-');
	if (!numeric) {
		csv_write_cell(w, number, first);
		return;
	}
	start_cell(w, first);
	buf_puts(w->out, number);
}

void csv_end_row(struct csv_writer *w)
{
	buf_puts(w->out, "\r\n");
}

void csv_write_row(struct csv_writer *w, const char *const *cells, size_t count)
{
	for (size_t i = 0; i < count; i++)
		csv_write_cell(w, cells[i], i == 0);
	if (count == 0)
		start_cell(w, true);
	csv_end_row(w);
}
