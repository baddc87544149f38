/* Roster files from a school's MIS: columns found by alias (the table is
 * data, in data/roster-columns.yaml), values normalised, identifiers
 * checked, every problem reported as FILE:LINE: column NAME: message. */
#ifndef WAYMARK_ROSTER_CSV_H
#define WAYMARK_ROSTER_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "domain/roster.h"
#include "io/csv_reader.h"
#include "util/arena.h"
#include "util/diag.h"

struct roster_file {
	struct roster_record *records;
	size_t count;
	unsigned fields;               /* ROSTER_HAS_x: the optional columns present */
	long skipped;                  /* rows outside Years 7-13, left out */
	enum csv_encoding encoding;    /* what the file was read as */
	bool encoding_named;           /* named by the user, not detected */
	char delimiter;
	int header_line;
	struct arena arena;            /* owns every string of the records */
};

/* Reads a roster, in the encoding named (or CSV_DETECT). Rows with a year group outside 7-13 (an all-through
 * school's primary pupils) are skipped with a warning. Returns true when
 * there were no errors; out must be freed either way. progress (may be
 * NULL) is advanced by line. */
struct progress;
bool roster_csv_read(const char *data, size_t len, enum csv_encoding_choice encoding,
		     struct roster_file *out,
		     struct diag_list *diags, struct progress *progress);
void roster_file_free(struct roster_file *f);

/* Column aliases, shared with register imports: the field a header cell
 * names, by the keys of data/roster-columns.yaml ("upn",
 * "admission_number"...), or NULL. */
const char *roster_column_field(const char *header_cell);

/* True when the LA code is a known English local authority
 * (data/la-codes.csv). */
bool roster_la_code_known(int code);

#endif
