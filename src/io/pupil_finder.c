#include "io/pupil_finder.h"

#include <ctype.h>
#include <string.h>

#include "domain/limits.h"
#include "io/csv_reader.h"
#include "io/field_limit.h"
#include "io/roster_csv.h"
#include "util/arena.h"
#include "util/buf.h"

bool pupil_ref_column(const char *header_cell)
{
	const char *f = roster_column_field(header_cell);
	return f && (strcmp(f, "upn") == 0 || strcmp(f, "admission_number") == 0);
}

void pupil_ref_columns(const struct csv_row *header, int *upn, int *admission)
{
	*upn = *admission = -1;
	for (size_t i = 0; i < header->count; i++) {
		const char *f = roster_column_field(header->cells[i]);
		if (f && strcmp(f, "upn") == 0 && *upn < 0)
			*upn = (int)i;
		else if (f && strcmp(f, "admission_number") == 0 && *admission < 0)
			*admission = (int)i;
	}
}

bool pupil_ref_fits(const struct csv_row *header, const struct csv_row *row, int upn,
		    int admission, struct diag_list *diags)
{
	static const struct field_limit upn_limit = { "the UPN", LIMIT_GROUP, true, "in the file" };
	static const struct field_limit admission_limit = { "the admission number", LIMIT_GROUP,
							     true, "in the file" };
	bool upn_fits = field_limit_cell_fits(&upn_limit, header, row, upn, diags);
	return field_limit_cell_fits(&admission_limit, header, row, admission, diags) && upn_fits;
}

struct pupil_ref pupil_ref_of_row(const struct csv_row *row, int upn, int admission,
				  struct arena *arena)
{
	struct pupil_ref ref = { row->line, NULL, NULL };
	if (upn >= 0 && (size_t)upn < row->count && row->cells[upn][0]) {
		struct buf v = BUF_INIT;
		for (const char *p = row->cells[upn]; *p; p++)
			if (*p != ' ')
				buf_putc(&v, (char)toupper((unsigned char)*p));
		ref.upn = arena_strdup(arena, buf_str(&v));
		buf_free(&v);
	}
	if (admission >= 0 && (size_t)admission < row->count && row->cells[admission][0])
		ref.admission_number = arena_strdup(arena, row->cells[admission]);
	return ref;
}

int pupil_finder_load(struct pupil_finder *f, struct db *db, long long school_id, int start_year)
{
	*f = (struct pupil_finder){ .start_year = start_year, .by_upn = STRMAP_INIT,
				    .by_admission = STRMAP_INIT };
	if (student_store_load_existing(db, school_id, start_year, &f->held) != 0)
		return -1;
	for (size_t i = 0; i < f->held.count; i++) {
		const struct roster_existing *e = &f->held.items[i];
		if (!e->enrolled_this_year)
			continue;
		if (e->pupil.upn)
			strmap_put(&f->by_upn, e->pupil.upn, i);
		if (e->pupil.admission_number)
			strmap_put(&f->by_admission, e->pupil.admission_number, i);
	}
	return 0;
}

void pupil_finder_free(struct pupil_finder *f)
{
	roster_existing_list_free(&f->held);
	strmap_free(&f->by_upn);
	strmap_free(&f->by_admission);
}

const struct roster_existing *pupil_finder_find(const struct pupil_finder *f,
						const struct pupil_ref *ref,
						const char *upn_column,
						const char *admission_column,
						struct diag_list *diags)
{
	char year[8];
	academic_year_format(f->start_year, year);
	size_t i;
	if (ref->upn) {
		if (strmap_get(&f->by_upn, ref->upn, &i))
			return &f->held.items[i];
		diag_add(diags, DIAG_ERROR, ref->line, 0, upn_column,
			 "no pupil with UPN %s is enrolled in %s", ref->upn, year);
		return NULL;
	}
	if (ref->admission_number) {
		if (strmap_get(&f->by_admission, ref->admission_number, &i))
			return &f->held.items[i];
		diag_add(diags, DIAG_ERROR, ref->line, 0, admission_column,
			 "no pupil with admission number %s is enrolled in %s", ref->admission_number,
			 year);
		return NULL;
	}
	diag_add(diags, DIAG_ERROR, ref->line, 0, NULL,
		 "no UPN or admission number: this row names no pupil");
	return NULL;
}
