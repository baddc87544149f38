/* What pupils intend, from a CSV: a pupil column (UPN or admission number)
 * and a "Considering HE" column (also "Considering Higher Education" or
 * "HE") of yes/no values. Benchmark 7 counts university visits for the
 * pupils considering higher education. */
#ifndef WAYMARK_INTENTIONS_CSV_H
#define WAYMARK_INTENTIONS_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "io/csv_reader.h"
#include "io/pupil_finder.h"
#include "util/arena.h"
#include "util/diag.h"

struct intention_row {
	struct pupil_ref pupil;
	bool considering_he;
};

struct intentions_file {
	struct intention_row *rows;
	size_t count;
	const char *upn_column;        /* the header cells naming pupils, NULL when absent */
	const char *admission_column;
	enum csv_encoding encoding;    /* what the file was read as */
	bool encoding_named;           /* named by the user, not detected */
	const char *he_column;
	struct arena arena;            /* owns every string */
};

/* Reads an intentions file, in the encoding named (or CSV_DETECT). Every problem goes to diags at its line and
 * column (a value that is not yes or no, a blank value, missing columns);
 * rows with a problem are left out. Finding the pupils is the caller's
 * (pupil_finder_find). Returns true when there were no errors. The rows
 * without problems are in out either way (none without a header); out must
 * be freed with intentions_file_free either way. */
bool intentions_csv_read(const char *data, size_t len, enum csv_encoding_choice encoding,
		     struct intentions_file *out, struct diag_list *diags);
void intentions_file_free(struct intentions_file *f);

#endif
