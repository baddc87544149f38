#include "io/roster_csv.h"

#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/limits.h"
#include "domain/pupil_ids.h"
#include "io/field_limit.h"
#include "io/yaml_doc.h"
#include "util/buf.h"
#include "util/mem.h"
#include "util/progress.h"
#include "util/resources.h"
#include "util/strmap.h"
#include "util/text.h"

/* The fields, in the order of data/roster-columns.yaml's keys. */
enum column {
	COL_UPN, COL_FORMER_UPN, COL_ADMISSION_NUMBER, COL_ULN, COL_LEGAL_SURNAME,
	COL_LEGAL_FORENAME, COL_PREFERRED_FORENAME, COL_PREFERRED_SURNAME, COL_DATE_OF_BIRTH,
	COL_GENDER, COL_YEAR_GROUP, COL_TUTOR_GROUP, COL_HOUSE, COL_SEN, COL_PUPIL_PREMIUM,
	COL_FSM, COL_FSM6, COL_EAL, COL_LOOKED_AFTER, COL_ADMISSION_DATE, COL_LEAVING_DATE,
	COL_COUNT
};

static const char *const field_keys[COL_COUNT] = {
	"upn", "former_upn", "admission_number", "uln", "legal_surname", "legal_forename",
	"preferred_forename", "preferred_surname", "date_of_birth", "gender", "year_group",
	"tutor_group", "house", "sen", "pupil_premium", "fsm", "fsm6", "eal", "looked_after",
	"admission_date", "leaving_date",
};

/* The ROSTER_HAS_x bit for each optional column (0 for required ones). */
static const unsigned field_bits[COL_COUNT] = {
	ROSTER_HAS_UPN, ROSTER_HAS_FORMER_UPN, ROSTER_HAS_ADMISSION_NUMBER, ROSTER_HAS_ULN, 0, 0,
	ROSTER_HAS_PREFERRED_FORENAME, ROSTER_HAS_PREFERRED_SURNAME, ROSTER_HAS_DATE_OF_BIRTH,
	ROSTER_HAS_GENDER, 0, ROSTER_HAS_TUTOR_GROUP, ROSTER_HAS_HOUSE, ROSTER_HAS_SEN,
	ROSTER_HAS_PUPIL_PREMIUM, ROSTER_HAS_FSM, ROSTER_HAS_FSM6, ROSTER_HAS_EAL,
	ROSTER_HAS_LOOKED_AFTER, ROSTER_HAS_ADMISSION_DATE, ROSTER_HAS_LEAVING_DATE,
};

/* The longest value of each text field (docs/importing.md lists them);
 * the other fields are parsed into dates, flags and codes. Identifiers
 * have a group's limit: far more than any real one, which is checked on
 * its own (a UPN is 13 characters). */
#define MIS_FIX "in the MIS and export the roster again"
static const struct field_limit text_limits[COL_COUNT] = {
	[COL_UPN] = { "the UPN", LIMIT_GROUP, true, MIS_FIX },
	[COL_FORMER_UPN] = { "the former UPN", LIMIT_GROUP, true, MIS_FIX },
	[COL_ADMISSION_NUMBER] = { "the admission number", LIMIT_GROUP, true, MIS_FIX },
	[COL_ULN] = { "the ULN", LIMIT_GROUP, true, MIS_FIX },
	[COL_LEGAL_SURNAME] = { "the legal surname", LIMIT_NAME, true, MIS_FIX },
	[COL_LEGAL_FORENAME] = { "the legal forename", LIMIT_NAME, true, MIS_FIX },
	[COL_PREFERRED_FORENAME] = { "the preferred forename", LIMIT_NAME, true, MIS_FIX },
	[COL_PREFERRED_SURNAME] = { "the preferred surname", LIMIT_NAME, true, MIS_FIX },
	[COL_TUTOR_GROUP] = { "the tutor group", LIMIT_GROUP, true, MIS_FIX },
	[COL_HOUSE] = { "the house", LIMIT_GROUP, true, MIS_FIX },
};
#undef MIS_FIX

/* ---- the alias table and LA codes, loaded once from embedded data ---- */

static struct strmap aliases;    /* squashed alias -> enum column */
static struct strmap la_codes;   /* "886" -> 1 */
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

/* Lower case, without spaces, underscores, hyphens, dots and brackets. */
static void squash(const char *s, char *out, size_t size)
{
	size_t n = 0;
	for (; *s && n + 1 < size; s++) {
		unsigned char c = (unsigned char)*s;
		if (strchr(" _-.()\t", c))
			continue;
		out[n++] = (char)tolower(c);
	}
	out[n] = '\0';
}

static void load_tables(void)
{
	size_t len;
	const char *text = resource_find("data/roster-columns.yaml", &len);
	struct ydoc doc;
	struct diag_list diags;
	diag_init(&diags, "data/roster-columns.yaml");
	/* The table is ours and tested; a broken one is a build bug. */
	if (!text || !ydoc_parse(&doc, text, len, &diags))
		abort();
	const struct ynode *columns = ynode_lookup(doc.root, "columns");
	for (int c = 0; c < COL_COUNT; c++) {
		const struct ynode *list = ynode_lookup(columns, field_keys[c]);
		if (!list || list->type != YNODE_SEQUENCE)
			abort();
		for (size_t i = 0; i < list->count; i++) {
			char key[128];
			squash(list->items[i]->text, key, sizeof key);
			strmap_put(&aliases, key, (size_t)c);
		}
	}
	ydoc_free(&doc);
	diag_free(&diags);

	text = resource_find("data/la-codes.csv", &len);
	if (!text)
		abort();
	for (const char *line = text; *line;) {
		if (isdigit((unsigned char)line[0]) && isdigit((unsigned char)line[1]) &&
		    isdigit((unsigned char)line[2]) && line[3] == ',') {
			char code[4] = { line[0], line[1], line[2], '\0' };
			strmap_put(&la_codes, code, 1);
		}
		const char *next = strchr(line, '\n');
		line = next ? next + 1 : line + strlen(line);
	}
}

static int column_of(const char *header_cell)
{
	pthread_once(&tables_once, load_tables);
	char key[128];
	squash(header_cell, key, sizeof key);
	size_t c;
	return strmap_get(&aliases, key, &c) ? (int)c : -1;
}

const char *roster_column_field(const char *header_cell)
{
	int c = column_of(header_cell);
	return c >= 0 ? field_keys[c] : NULL;
}

bool roster_la_code_known(int code)
{
	pthread_once(&tables_once, load_tables);
	char key[8];
	snprintf(key, sizeof key, "%03d", code);
	size_t unused;
	return strmap_get(&la_codes, key, &unused);
}

/* ---- reading ---- */

struct reader {
	struct roster_file *out;
	struct diag_list *diags;
	int index[COL_COUNT];          /* header cell of each field, or -1 */
	const struct csv_row *header;
	struct strmap seen_upn;        /* UPN -> line */
	struct strmap seen_admission;  /* admission number -> line */
	struct progress *progress;
	size_t cap;
};

static int score_header(void *ctx, const struct csv_row *row)
{
	(void)ctx;
	int score = 0;
	for (size_t i = 0; i < row->count; i++)
		score += column_of(row->cells[i]) >= 0;
	return score;
}

static const char *cell(const struct reader *r, const struct csv_row *row, enum column c)
{
	int i = r->index[c];
	return i >= 0 && (size_t)i < row->count ? row->cells[i] : "";
}

static const char *column_name(const struct reader *r, enum column c)
{
	return r->header->cells[r->index[c]];
}

#define CELL_ERROR(r, row, c, ...) \
	diag_add((r)->diags, DIAG_ERROR, (row)->line, 0, column_name((r), (c)), __VA_ARGS__)
#define CELL_WARNING(r, row, c, ...) \
	diag_add((r)->diags, DIAG_WARNING, (row)->line, 0, column_name((r), (c)), __VA_ARGS__)

/* A copy in the file's arena, or NULL for a blank cell. */
static const char *keep(struct reader *r, const char *s)
{
	return *s ? arena_strdup(&r->out->arena, s) : NULL;
}

/* Upper-cased, spaces removed: UPNs are often typed with spaces. The
 * whole cell, however long: it is checked, never cut. */
static const char *keep_identifier(struct reader *r, const char *s)
{
	if (!*s)
		return NULL;
	char *v = arena_strdup(&r->out->arena, s);
	size_t n = 0;
	for (const char *p = v; *p; p++)
		if (*p != ' ')
			v[n++] = (char)toupper((unsigned char)*p);
	v[n] = '\0';
	return v;
}

/* Checks every text cell of the row against its limit, reporting each that
 * does not fit; fits[c] says which did (fields without a limit fit). */
static void check_text_limits(struct reader *r, const struct csv_row *row, bool fits[COL_COUNT])
{
	for (int c = 0; c < COL_COUNT; c++)
		fits[c] = !text_limits[c].field ||
			  field_limit_cell_fits(&text_limits[c], r->header, row, r->index[c], r->diags);
}

static void check_upn(struct reader *r, const struct csv_row *row, enum column c,
		      const char *upn)
{
	char expected = 0;
	enum upn_status status = upn_check(upn, &expected);
	bool former = c == COL_FORMER_UPN;
	if (status == UPN_WRONG_CHECK_LETTER) {
		if (former)
			CELL_WARNING(r, row, c, "former UPN %s has the wrong check letter (it should start with %c)",
				     upn, expected);
		else
			CELL_ERROR(r, row, c, "UPN %s has the wrong check letter (it should start with %c): check it against the MIS",
				   upn, expected);
	} else if (status != UPN_OK) {
		if (former)
			CELL_WARNING(r, row, c, "former UPN %s %s", upn, upn_problem(status));
		else
			CELL_ERROR(r, row, c, "UPN %s %s", upn, upn_problem(status));
	} else if (!roster_la_code_known(upn_la_code(upn))) {
		CELL_WARNING(r, row, c, "UPN %s has LA code %03d, which is not a known English local authority: check it",
			     upn, upn_la_code(upn));
	}
}

static void read_bool(struct reader *r, const struct csv_row *row, enum column c, bool *out)
{
	const char *s = cell(r, row, c);
	if (r->index[c] < 0 || !*s)
		return;
	if (!roster_parse_bool(s, out))
		CELL_ERROR(r, row, c, "\"%s\" is not yes or no: write Y or N (Yes/No, True/False, 1/0 also work)", s);
}

static void read_date(struct reader *r, const struct csv_row *row, enum column c, date_t *out)
{
	const char *s = cell(r, row, c);
	*out = DATE_NONE;
	if (r->index[c] < 0 || !*s)
		return;
	if (!roster_parse_date(s, out))
		CELL_ERROR(r, row, c, "\"%s\" is not a date: write dd/mm/yyyy or yyyy-mm-dd", s);
}

static int on_row(void *ctx, const struct csv_row *row)
{
	struct reader *r = ctx;
	struct roster_record rec = { .line = row->line };
	if (r->progress)
		progress_update(r->progress, (size_t)row->line);
	struct pupil *p = &rec.pupil;
	struct enrolment *e = &rec.enrolment;
	size_t errors_before = r->diags->errors;

	/* Year group first: rows outside 7-13 are skipped, not checked. */
	const char *year = cell(r, row, COL_YEAR_GROUP);
	if (!*year) {
		CELL_ERROR(r, row, COL_YEAR_GROUP, "missing value: every pupil needs a year group");
	} else if (!roster_parse_year_group(year, &e->year_group)) {
		CELL_ERROR(r, row, COL_YEAR_GROUP, "\"%s\" is not a year group: write 7 to 13 (Year 7, Y7, L6, U6 also work)",
			   year);
	} else if (e->year_group < 7 || e->year_group > 13) {
		CELL_WARNING(r, row, COL_YEAR_GROUP, "Year %d is outside Years 7-13: row skipped",
			     e->year_group);
		r->out->skipped++;
		return 0;
	}
	/* An identifier too long to be one is not checked further, so that
	 * one problem gives one message. */
	bool fits[COL_COUNT];
	check_text_limits(r, row, fits);

	p->legal_surname = keep(r, cell(r, row, COL_LEGAL_SURNAME));
	if (!p->legal_surname)
		CELL_ERROR(r, row, COL_LEGAL_SURNAME, "missing value: every pupil needs a surname");
	p->legal_forename = keep(r, cell(r, row, COL_LEGAL_FORENAME));
	if (!p->legal_forename)
		CELL_ERROR(r, row, COL_LEGAL_FORENAME, "missing value: every pupil needs a forename");
	p->preferred_forename = keep(r, cell(r, row, COL_PREFERRED_FORENAME));
	p->preferred_surname = keep(r, cell(r, row, COL_PREFERRED_SURNAME));

	p->upn = keep_identifier(r, cell(r, row, COL_UPN));
	p->former_upn = keep_identifier(r, cell(r, row, COL_FORMER_UPN));
	p->admission_number = keep(r, cell(r, row, COL_ADMISSION_NUMBER));
	p->uln = keep_identifier(r, cell(r, row, COL_ULN));
	if (!p->upn && !p->admission_number) {
		enum column c = r->index[COL_UPN] >= 0 ? COL_UPN : COL_ADMISSION_NUMBER;
		CELL_ERROR(r, row, c, "missing value: every pupil needs a UPN or an admission number");
	}
	size_t line;
	if (p->upn && fits[COL_UPN]) {
		check_upn(r, row, COL_UPN, p->upn);
		if (strmap_get(&r->seen_upn, p->upn, &line))
			CELL_ERROR(r, row, COL_UPN, "UPN %s is also on line %zu: each pupil once", p->upn, line);
		else
			strmap_put(&r->seen_upn, p->upn, (size_t)row->line);
	}
	if (p->former_upn && fits[COL_FORMER_UPN])
		check_upn(r, row, COL_FORMER_UPN, p->former_upn);
	if (p->admission_number && fits[COL_ADMISSION_NUMBER]) {
		if (strmap_get(&r->seen_admission, p->admission_number, &line))
			CELL_ERROR(r, row, COL_ADMISSION_NUMBER,
				   "admission number %s is also on line %zu: each pupil once",
				   p->admission_number, line);
		else
			strmap_put(&r->seen_admission, p->admission_number, (size_t)row->line);
	}
	if (p->uln && fits[COL_ULN] && !uln_valid(p->uln))
		CELL_ERROR(r, row, COL_ULN, "ULN %s fails its check digit: check it against the MIS",
			   p->uln);

	read_date(r, row, COL_DATE_OF_BIRTH, &p->date_of_birth);
	const char *gender = cell(r, row, COL_GENDER);
	if (r->index[COL_GENDER] >= 0 && *gender && !roster_parse_gender(gender, &p->gender))
		CELL_ERROR(r, row, COL_GENDER, "\"%s\" is not a gender: write M, F or U", gender);

	e->tutor_group = keep(r, cell(r, row, COL_TUTOR_GROUP));
	e->house = keep(r, cell(r, row, COL_HOUSE));
	e->sen = SEN_NONE;
	const char *sen = cell(r, row, COL_SEN);
	if (r->index[COL_SEN] >= 0 && *sen && !roster_parse_sen(sen, &e->sen))
		CELL_ERROR(r, row, COL_SEN, "\"%s\" is not an SEN status: write N, K (SEN support) or E (EHC plan)",
			   sen);
	read_bool(r, row, COL_PUPIL_PREMIUM, &e->pupil_premium);
	read_bool(r, row, COL_FSM, &e->fsm);
	read_bool(r, row, COL_FSM6, &e->fsm6);
	read_bool(r, row, COL_EAL, &e->eal);
	read_bool(r, row, COL_LOOKED_AFTER, &e->looked_after);
	read_date(r, row, COL_ADMISSION_DATE, &rec.admitted);
	read_date(r, row, COL_LEAVING_DATE, &rec.leaving);
	e->on_roll_from = DATE_NONE;
	e->on_roll_to = DATE_NONE;

	if (r->diags->errors == errors_before) {
		ARRAY_RESERVE(r->out->records, r->cap, r->out->count + 1);
		r->out->records[r->out->count++] = rec;
	}
	return 0;
}

static bool map_header(struct reader *r, const struct csv_row *header)
{
	for (int c = 0; c < COL_COUNT; c++)
		r->index[c] = -1;
	for (size_t i = 0; i < header->count; i++) {
		int c = column_of(header->cells[i]);
		if (c < 0)
			continue;
		if (r->index[c] >= 0) {
			diag_add(r->diags, DIAG_ERROR, header->line, 0, header->cells[i],
				 "this column and \"%s\" both give the %s: keep one",
				 header->cells[r->index[c]], field_keys[c]);
			continue;
		}
		r->index[c] = (int)i;
		r->out->fields |= field_bits[c];
	}
	bool ok = true;
	static const struct {
		enum column c;
		const char *want;
	} required[] = {
		{ COL_LEGAL_SURNAME, "the pupils' surnames: name it Legal Surname (or Surname)" },
		{ COL_LEGAL_FORENAME, "the pupils' forenames: name it Legal Forename (or Forename)" },
		{ COL_YEAR_GROUP, "the year group: name it Year (or Year Group, NC Year)" },
	};
	for (size_t i = 0; i < sizeof required / sizeof *required; i++) {
		if (r->index[required[i].c] < 0) {
			diag_error(r->diags, header->line, 0, "no column for %s", required[i].want);
			ok = false;
		}
	}
	if (r->index[COL_UPN] < 0 && r->index[COL_ADMISSION_NUMBER] < 0) {
		diag_error(r->diags, header->line, 0,
			   "no column for a pupil identifier: add UPN (or Admission Number / Adno)");
		ok = false;
	}
	return ok;
}

bool roster_csv_read(const char *data, size_t len, enum csv_encoding_choice encoding,
		     struct roster_file *out,
		     struct diag_list *diags, struct progress *progress)
{
	*out = (struct roster_file){ 0 };
	size_t errors_before = diags->errors;
	struct reader r = { .out = out, .diags = diags, .seen_upn = STRMAP_INIT,
			    .seen_admission = STRMAP_INIT, .progress = progress };

	/* Pass 1 finds and maps the header; pass 2 reads the rows. Reading
	 * twice keeps the reader simple and costs little next to the import. */
	struct csv_info info;
	struct csv_options find = {
		.header_score = score_header,
		.min_score = 3,
		.header_hint = "UPN, Legal Surname, Legal Forename, Year",
		.on_row = NULL,
		.encoding = encoding,
	};
	bool ok = csv_read_stream(data, len, &find, &info, diags);
	if (ok) {
		out->encoding = info.encoding;
		out->encoding_named = info.encoding_named;
		out->delimiter = info.delimiter;
		out->header_line = info.header.line;
		r.header = &info.header;
		if (map_header(&r, &info.header)) {
			struct csv_options read = find;
			read.on_row = on_row;
			read.ctx = &r;
			struct csv_info again;
			csv_read_stream(data, len, &read, &again, diags);
			csv_info_free(&again);
		}
	}
	csv_info_free(&info);
	strmap_free(&r.seen_upn);
	strmap_free(&r.seen_admission);
	return diags->errors == errors_before;
}

void roster_file_free(struct roster_file *f)
{
	free(f->records);
	arena_free(&f->arena);
	*f = (struct roster_file){ 0 };
}
