/* libFuzzer: arbitrary bytes as a CSV export, read with the encoding
 * detected and then as each encoding a user may name. Must never crash,
 * leak or trip a sanitizer, whatever the input; what it returns must keep
 * the reader's promises (every cell UTF-8, whatever the file was). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/csv_reader.h"
#include "util/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A roster's header: cells named UPN, Surname or Year. */
static int score(void *ctx, const struct csv_row *row)
{
	(void)ctx;
	int n = 0;
	for (size_t i = 0; i < row->count; i++)
		n += strcmp(row->cells[i], "UPN") == 0 || strcmp(row->cells[i], "Surname") == 0 ||
		     strcmp(row->cells[i], "Year") == 0;
	return n;
}

static void read_as(const uint8_t *data, size_t size, enum csv_encoding_choice encoding)
{
	struct csv_options opt = {
		.header_score = score,
		.min_score = 1,
		.header_hint = "UPN, Surname, Year",
		.encoding = encoding,
	};
	struct csv_table table;
	struct diag_list diags;
	diag_init(&diags, "fuzz.csv");
	bool ok = csv_read_table((const char *)data, size, &opt, &table, &diags);
	if (ok && (diags.errors || !table.info.header.count))
		abort(); /* success means a header and no errors */
	if (table.row_count != table.info.rows)
		abort();
	for (size_t i = 0; i < table.row_count; i++) {
		const struct csv_row *row = &table.rows[i];
		if (row->count != table.info.header.count || row->line < 1)
			abort();
		for (size_t k = 0; k < row->count; k++)
			if (strlen(row->cells[k]) > CSV_MAX_CELL_BYTES ||
			    !text_is_utf8(row->cells[k], strlen(row->cells[k])))
				abort();
	}
	if (csv_find_column(&table.info.header, "UPN") >= (int)table.info.header.count)
		abort();
	if (ok && table.info.encoding_named != (encoding != CSV_DETECT))
		abort();
	csv_table_free(&table);
	diag_free(&diags);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	read_as(data, size, CSV_DETECT);
	read_as(data, size, CSV_AS_UTF8);
	read_as(data, size, CSV_AS_WINDOWS_1252);
	read_as(data, size, CSV_AS_UTF16);
	return 0;
}
