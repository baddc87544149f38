#include "io/guidance_csv.h"

#include <stdlib.h>
#include <string.h>

#include "domain/limits.h"
#include "domain/roster.h"
#include "io/csv_reader.h"
#include "io/field_limit.h"
#include "util/mem.h"
#include "util/text.h"

enum guidance_column { COL_DATE, COL_ADVISER, COL_EXTERNAL, COL_LEVEL, COL_FOLLOW_UP, COL_COUNT };

static const char *const column_names[COL_COUNT][5] = {
	[COL_DATE] = { "Date", "Meeting Date", "Guidance Date", NULL },
	[COL_ADVISER] = { "Adviser", "Adviser Name", "Advisor", "Careers Adviser", NULL },
	[COL_EXTERNAL] = { "External", "External Adviser", NULL },
	[COL_LEVEL] = { "Level", "Adviser Level", "Qualification Level", NULL },
	[COL_FOLLOW_UP] = { "Follow Up", "Follow-up Meeting", "Further Meeting", NULL },
};

static const struct field_limit adviser_limit = { "the adviser's name", LIMIT_NAME, true,
						   "in the file" };

static void find_columns(const struct csv_row *header, int col[COL_COUNT])
{
	for (int c = 0; c < COL_COUNT; c++) {
		col[c] = -1;
		for (int k = 0; column_names[c][k] && col[c] < 0; k++)
			col[c] = csv_find_column(header, column_names[c][k]);
	}
}

static int score_header(void *ctx, const struct csv_row *row)
{
	(void)ctx;
	int col[COL_COUNT], score = 0;
	find_columns(row, col);
	for (int c = 0; c < COL_COUNT; c++)
		score += col[c] >= 0;
	for (size_t i = 0; i < row->count; i++)
		score += pupil_ref_column(row->cells[i]);
	return score;
}

static bool read_yes_no(const struct csv_row *row, int col, const char *column, bool *out,
			struct diag_list *diags)
{
	*out = false;
	if (col < 0 || !row->cells[col][0])
		return true;
	if (roster_parse_bool(row->cells[col], out))
		return true;
	diag_add(diags, DIAG_ERROR, row->line, 0, column,
		 "\"%s\" is not yes or no: write Y or N (Yes/No, True/False, 1/0 also work)",
		 row->cells[col]);
	return false;
}

bool guidance_csv_read(const char *data, size_t len, enum csv_encoding_choice encoding,
		   struct guidance_file *out, struct diag_list *diags)
{
	*out = (struct guidance_file){ 0 };
	size_t errors_before = diags->errors;
	struct csv_options opt = { .header_score = score_header, .min_score = 2,
				   .header_hint = "UPN (or Admission Number), Date, Adviser" };
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
	int upn, admission, col[COL_COUNT];
	pupil_ref_columns(header, &upn, &admission);
	find_columns(header, col);
	if (upn < 0 && admission < 0)
		diag_error(diags, header->line, 0,
			   "no column identifies the pupils: add UPN or Admission Number");
	if (col[COL_DATE] < 0)
		diag_error(diags, header->line, 0, "no Date column: name it Date (or Meeting Date)");
	if (col[COL_ADVISER] < 0)
		diag_error(diags, header->line, 0,
			   "no Adviser column: name it Adviser (or Adviser Name), with who held the meeting");
	if (diags->errors > errors_before) {
		csv_table_free(&t);
		return false;
	}
	const char *names[COL_COUNT];
	for (int c = 0; c < COL_COUNT; c++)
		names[c] = col[c] >= 0 ? arena_strdup(&out->arena, header->cells[col[c]]) : NULL;
	out->upn_column = upn >= 0 ? arena_strdup(&out->arena, header->cells[upn]) : NULL;
	out->admission_column = admission >= 0 ? arena_strdup(&out->arena, header->cells[admission])
					       : NULL;
	out->rows = xcalloc(t.row_count + 1, sizeof *out->rows);
	for (size_t i = 0; i < t.row_count; i++) {
		const struct csv_row *row = &t.rows[i];
		struct guidance_row g = { .pupil = pupil_ref_of_row(row, upn, admission, &out->arena),
					  .level = 6 };
		bool ok = pupil_ref_fits(header, row, upn, admission, diags);
		const char *date = row->cells[col[COL_DATE]];
		if (!date_parse_any(date, &g.date)) {
			diag_add(diags, DIAG_ERROR, row->line, 0, names[COL_DATE],
				 "\"%s\" is not a date: write dd/mm/yyyy or yyyy-mm-dd", date);
			ok = false;
		}
		g.adviser = row->cells[col[COL_ADVISER]];
		if (!*g.adviser) {
			diag_add(diags, DIAG_ERROR, row->line, 0, names[COL_ADVISER],
				 "missing value: who held the meeting?");
			ok = false;
		}
		ok &= field_limit_cell_fits(&adviser_limit, header, row, col[COL_ADVISER], diags);
		g.adviser = arena_strdup(&out->arena, g.adviser);
		ok &= read_yes_no(row, col[COL_EXTERNAL], names[COL_EXTERNAL], &g.external, diags);
		ok &= read_yes_no(row, col[COL_FOLLOW_UP], names[COL_FOLLOW_UP], &g.follow_up, diags);
		long level = 6;
		if (col[COL_LEVEL] >= 0 && row->cells[col[COL_LEVEL]][0] &&
		    !text_to_int(row->cells[col[COL_LEVEL]], 1, 8, &level)) {
			diag_add(diags, DIAG_ERROR, row->line, 0, names[COL_LEVEL],
				 "\"%s\" is not a qualification level: write 1 to 8 (6 for a qualified careers adviser)",
				 row->cells[col[COL_LEVEL]]);
			ok = false;
		}
		g.level = (int)level;
		if (ok)
			out->rows[out->count++] = g;
	}
	csv_table_free(&t);
	return diags->errors == errors_before;
}

void guidance_file_free(struct guidance_file *f)
{
	free(f->rows);
	arena_free(&f->arena);
	*f = (struct guidance_file){ 0 };
}
