#include "io/intentions_csv.h"

#include <stdlib.h>
#include <string.h>

#include "domain/roster.h"
#include "io/csv_reader.h"
#include "util/mem.h"

static const char *const he_names[] = {
	"Considering HE", "Considering Higher Education", "HE", NULL,
};

static int he_column(const struct csv_row *header)
{
	for (int i = 0; he_names[i]; i++) {
		int c = csv_find_column(header, he_names[i]);
		if (c >= 0)
			return c;
	}
	return -1;
}

static int score_header(void *ctx, const struct csv_row *row)
{
	(void)ctx;
	int score = he_column(row) >= 0;
	for (size_t i = 0; i < row->count; i++)
		score += pupil_ref_column(row->cells[i]);
	return score;
}

bool intentions_csv_read(const char *data, size_t len, enum csv_encoding_choice encoding,
		     struct intentions_file *out, struct diag_list *diags)
{
	*out = (struct intentions_file){ 0 };
	size_t errors_before = diags->errors;
	struct csv_options opt = { .header_score = score_header, .min_score = 2,
				   .header_hint = "UPN (or Admission Number), Considering HE" };
	opt.encoding = encoding;
	struct csv_table t;
	bool read = csv_read_table(data, len, &opt, &t, diags);
	out->encoding = t.info.encoding;
	out->encoding_named = t.info.encoding_named;
	if (!read) {
		csv_table_free(&t);
		return false;
	}
	const struct csv_row *header = &t.info.header;
	int upn, admission, he = he_column(header);
	pupil_ref_columns(header, &upn, &admission);
	if (upn < 0 && admission < 0)
		diag_error(diags, header->line, 0,
			   "no column identifies the pupils: add UPN or Admission Number");
	if (he < 0)
		diag_error(diags, header->line, 0,
			   "no Considering HE column: name it Considering HE (or Considering Higher Education, HE)");
	if (diags->errors > errors_before) {
		csv_table_free(&t);
		return false;
	}
	out->upn_column = upn >= 0 ? arena_strdup(&out->arena, header->cells[upn]) : NULL;
	out->admission_column = admission >= 0 ? arena_strdup(&out->arena, header->cells[admission])
					       : NULL;
	out->he_column = arena_strdup(&out->arena, header->cells[he]);
	out->rows = xcalloc(t.row_count + 1, sizeof *out->rows);
	for (size_t i = 0; i < t.row_count; i++) {
		const struct csv_row *row = &t.rows[i];
		if (!pupil_ref_fits(header, row, upn, admission, diags))
			continue;
		struct pupil_ref ref = pupil_ref_of_row(row, upn, admission, &out->arena);
		const char *value = row->cells[he];
		bool yes = false;
		if (!*value) {
			diag_add(diags, DIAG_ERROR, row->line, 0, out->he_column,
				 "missing value: write Y or N");
			continue;
		}
		if (!roster_parse_bool(value, &yes)) {
			diag_add(diags, DIAG_ERROR, row->line, 0, out->he_column,
				 "\"%s\" is not yes or no: write Y or N (Yes/No, True/False, 1/0 also work)",
				 value);
			continue;
		}
		out->rows[out->count++] = (struct intention_row){ ref, yes };
	}
	csv_table_free(&t);
	return diags->errors == errors_before;
}

void intentions_file_free(struct intentions_file *f)
{
	free(f->rows);
	arena_free(&f->arena);
	*f = (struct intentions_file){ 0 };
}
