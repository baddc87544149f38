/* Personal guidance meetings from a CSV, as an adviser's log or the MIS
 * exports them: a pupil column (UPN or admission number), Date and Adviser,
 * and optionally External (yes/no: the external adviser rather than the
 * careers leader; default no), Level (the adviser's qualification, 1-8;
 * default 6) and Follow Up (yes/no; default no). The adviser is a name of
 * at most LIMIT_NAME characters, a UPN or admission number at most
 * LIMIT_GROUP (pupil_ref_fits). */
#ifndef WAYMARK_GUIDANCE_CSV_H
#define WAYMARK_GUIDANCE_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "io/csv_reader.h"
#include "io/pupil_finder.h"
#include "util/arena.h"
#include "util/date.h"
#include "util/diag.h"

struct guidance_row {
	struct pupil_ref pupil;
	date_t date;
	const char *adviser;
	bool external;
	int level;
	bool follow_up;
};

struct guidance_file {
	struct guidance_row *rows;
	size_t count;
	const char *upn_column;        /* the header cells naming pupils, NULL when absent */
	const char *admission_column;
	enum csv_encoding encoding;    /* what the file was read as */
	bool encoding_named;           /* named by the user, not detected */
	struct arena arena;            /* owns every string */
};

/* Reads a guidance file, in the encoding named (or CSV_DETECT). Every problem goes to diags at its line and
 * column; rows with a problem are left out. Returns true when there were no
 * errors. The rows without problems are in out either way (none without a
 * header); out must be freed with guidance_file_free either way. */
bool guidance_csv_read(const char *data, size_t len, enum csv_encoding_choice encoding,
		   struct guidance_file *out, struct diag_list *diags);
void guidance_file_free(struct guidance_file *f);

#endif
