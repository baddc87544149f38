/* Finding the pupil a row of an imported file names, by UPN or admission
 * number, among the pupils enrolled in one academic year: for the files
 * that add to pupils' records (intentions, guidance meetings). */
#ifndef WAYMARK_PUPIL_FINDER_H
#define WAYMARK_PUPIL_FINDER_H

#include <stdbool.h>

#include "store/db.h"
#include "store/student_store.h"
#include "util/diag.h"
#include "util/strmap.h"

/* How a row names its pupil: the file's UPN and admission number cells. */
struct pupil_ref {
	int line;
	const char *upn;               /* upper case, no spaces; NULL when blank */
	const char *admission_number;  /* NULL when blank */
};

/* The header cells that name pupils: *upn and *admission (indexes, or -1
 * when absent), by the roster column aliases. */
struct csv_row;
void pupil_ref_columns(const struct csv_row *header, int *upn, int *admission);
/* True when a header cell names pupils (for header scores). */
bool pupil_ref_column(const char *header_cell);
/* True when the row's UPN and admission number cells (columns upn and
 * admission, -1 when absent) are no longer than an identifier may be
 * (LIMIT_GROUP characters, on one line); otherwise each that is longer is
 * reported at the row's line under its header cell, and this is false. */
bool pupil_ref_fits(const struct csv_row *header, const struct csv_row *row, int upn,
		    int admission, struct diag_list *diags);
/* The ref of a data row: its cells copied into arena, the UPN upper-cased
 * without spaces, blanks as NULL. */
struct arena;
struct pupil_ref pupil_ref_of_row(const struct csv_row *row, int upn, int admission,
				  struct arena *arena);

struct pupil_finder {
	int start_year;
	struct roster_existing_list held;
	struct strmap by_upn, by_admission;  /* pupils enrolled that year only */
};

/* Loads the pupils enrolled in start_year. 0, or -1 on a database error
 * (the finder must still be freed). */
int pupil_finder_load(struct pupil_finder *f, struct db *db, long long school_id, int start_year);
void pupil_finder_free(struct pupil_finder *f);

/* The pupil ref names (by UPN when it has one, else by admission number),
 * or NULL after adding an error at ref->line under the column that named
 * them: upn_column or admission_column (the file's header cells, either
 * may be NULL). The result points into f. */
const struct roster_existing *pupil_finder_find(const struct pupil_finder *f,
						const struct pupil_ref *ref,
						const char *upn_column,
						const char *admission_column,
						struct diag_list *diags);

#endif
