/* Reading the CSV files that schools' management information systems
 * (SIMS, Arbor, Bromcom, Wonde, iSAMS) and spreadsheets export.
 *
 * The CSV grammar itself is libcsv's, in strict mode. This module adds what
 * real exports need and reports every problem at its line:
 *
 * Encoding (never a guess that could be wrong; docs/importing.md, "Text
 * encodings"). Unless csv_options.encoding names one:
 *   - a UTF-16LE or UTF-16BE byte order mark selects UTF-16, and a UTF-8
 *     BOM selects UTF-8 (every byte that is not UTF-8 is then an error);
 *   - otherwise a file that is entirely valid UTF-8 is UTF-8;
 *   - a file with bytes >= 0x80 but no valid multi-byte UTF-8 sequence is
 *     Windows-1252, Excel's "CSV (Comma delimited)" on English Windows and
 *     what SIMS exports;
 *   - a file with both valid multi-byte UTF-8 and bytes that are not UTF-8
 *     is refused: each bad byte is an error at its line and column (the
 *     first CSV_MAX_ENCODING_ERRORS, then how many more), and a last error
 *     says to save the file as UTF-8 or name its encoding.
 * A named encoding is used as it is: UTF-8 (a UTF-8 BOM is skipped; every
 * byte that is not UTF-8 is an error), Windows-1252 (every byte is), or
 * UTF-16 (little-endian unless a BOM says big-endian). Everything is
 * converted to UTF-8 with iconv. The bytes Windows-1252 leaves undefined
 * (0x81, 0x8D, 0x8F, 0x90, 0x9D) are errors at their place, listed like
 * bad UTF-8 bytes; a NUL character is an error.
 *
 * Lines. CRLF, LF and a lone CR (old Mac Excel) all end a line, and may be
 * mixed. Line numbers count physical lines of the file, including lines
 * inside a quoted cell; a row's line is the line it starts on. A line break
 * inside a quoted cell reaches the caller as the file wrote it: a CRLF
 * stays CRLF, an LF stays LF, a CR stays CR.
 *
 * Delimiter. Comma, semicolon or tab. Each is tried on the first 20
 * non-blank rows (at most 256 KB of text): the delimiter's consistency is
 * the largest number of those rows that split into the same number of cells,
 * counting only rows of two or more cells (so title rows do not vote). The
 * most consistent delimiter wins. In a tie the header row decides: the one
 * that splits the header row (the row csv_options.header_score picks, or
 * the first non-blank row) into more cells wins, and after that comma, then
 * semicolon, then tab. A file whose rows never split is read with commas.
 *
 * Header. See csv_header_score_fn. Trailing empty header cells (a
 * spreadsheet's unused columns) are dropped; empty cells between names stay
 * so that positions match the data.
 *
 * Data rows. Blank rows (every cell empty after trimming) are skipped. Each
 * row delivered has exactly as many cells as the header: a shorter row is
 * padded with empty cells (spreadsheets drop trailing empties), extra empty
 * cells are ignored, and a row with a non-empty cell beyond the header is an
 * error and is not delivered. Rows at the end of the file that are totals
 * are dropped: rows whose first non-empty cell starts with the word "Total",
 * "Totals" or "Count" (any case, then the end of the cell or a character
 * that is not a letter) and whose other cells are empty or numbers
 * ("Total,,,,245", "Count: 245"). A row like that followed by an ordinary
 * row is delivered like any other.
 *
 * Cells. Surrounding ASCII spaces and tabs are trimmed, in header cells too.
 *
 * Limits: at most CSV_MAX_BYTES of input, CSV_MAX_CELLS cells in a row and
 * CSV_MAX_CELL_BYTES bytes (UTF-8) in a cell.
 *
 * Diagnostics. Every problem goes to a diag_list with the line, and the
 * column where one is known: for encoding and quoting problems the column
 * is the character column in that physical line (1-based). Problems with a
 * whole row or cell (too many cells, a cell too long, no header) carry
 * column 0 and name the cell number in the message. An encoding, quoting or
 * limit problem stops reading; a row with too many cells is reported, not
 * delivered, and reading goes on so that every such row is found. */
#ifndef WAYMARK_CSV_READER_H
#define WAYMARK_CSV_READER_H

#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"
#include "util/diag.h"

enum {
	CSV_MAX_BYTES = 1 << 30,          /* 1 GB of input */
	CSV_MAX_CELLS = 1000,             /* cells in one row */
	CSV_MAX_CELL_BYTES = 64 * 1024,   /* bytes in one cell, as UTF-8 */
	CSV_HEADER_SEARCH_ROWS = 20,      /* non-blank rows searched for a header */
	CSV_MAX_ENCODING_ERRORS = 10,     /* bad bytes listed one by one */
};

enum csv_encoding { CSV_UTF8, CSV_UTF8_BOM, CSV_WINDOWS_1252, CSV_UTF16LE, CSV_UTF16BE };

/* "UTF-8", "UTF-8 with BOM", "Windows-1252", "UTF-16LE", "UTF-16BE"; a
 * static string. */
const char *csv_encoding_name(enum csv_encoding e);

/* The encoding a user names for a file, or CSV_DETECT (the default, zero)
 * to apply the rule at the top of this file. */
enum csv_encoding_choice { CSV_DETECT = 0, CSV_AS_UTF8, CSV_AS_WINDOWS_1252, CSV_AS_UTF16 };

/* Parses what a user types or a form sends: "detect", "utf-8" (or "utf8"),
 * "windows-1252" (or "cp1252"), "utf-16" (or "utf16"), in any case; NULL
 * and "" are CSV_DETECT. Returns false, leaving *out alone, for anything
 * else. */
bool csv_encoding_parse(const char *s, enum csv_encoding_choice *out);

struct csv_row {
	int line;       /* 1-based physical line in the file where the row starts */
	char **cells;   /* cells[0..count), UTF-8, NUL-terminated, trimmed */
	size_t count;
};

/* Picks the header row: called for each of the first CSV_HEADER_SEARCH_ROWS
 * non-blank rows, in order; the first row whose score is >= min_score is the
 * header, and rows above it (titles such as "Student List" or "Printed
 * 01/09/2025") are skipped. With no score function, the first non-blank row
 * is the header. The row is valid only during the call. May also be called
 * for the first rows while the delimiter is being chosen, with the cells
 * split by each candidate delimiter in turn. */
typedef int (*csv_header_score_fn)(void *ctx, const struct csv_row *row);

struct csv_options {
	csv_header_score_fn header_score;  /* or NULL */
	void *ctx;                         /* passed to header_score and on_row */
	int min_score;
	/* Called for each data row after the header (blank rows skipped,
	 * trailing totals rows dropped). The row and its strings are valid
	 * only during the call; the caller may change the strings' bytes in
	 * place. Return 0 to continue, non-zero to stop reading
	 * (csv_read_stream then returns false without adding a diagnostic).
	 * May be NULL: the file is then only checked and counted. */
	int (*on_row)(void *ctx, const struct csv_row *row);
	/* Column names for the "no header row" message, e.g.
	 * "UPN, Legal Surname, Year"; or NULL. Not owned. */
	const char *header_hint;
	/* The file's encoding as the user named it, or CSV_DETECT. */
	enum csv_encoding_choice encoding;
};

struct csv_info {                  /* what was found, for messages and tests */
	enum csv_encoding encoding;
	bool encoding_named;       /* the user named it (not detected) */
	char delimiter;            /* ',' ';' or '\t' */
	struct csv_row header;     /* owned here; free with csv_info_free */
	size_t rows;               /* data rows delivered */
};

/* Reads len bytes of CSV (see the top of this file for the rules), calling
 * opt->on_row for every data row; opt may be NULL (first non-blank row is
 * the header, no callback). info is overwritten, also on failure, and must
 * be released with csv_info_free. The text, converted to UTF-8 when it is
 * not UTF-8 already, is held once; rows are not, so a file of any number of
 * rows streams in little memory. Problems are added to diags. Returns true
 * when no error was added and on_row never asked to stop. */
bool csv_read_stream(const char *data, size_t len, const struct csv_options *opt,
		     struct csv_info *info, struct diag_list *diags);
/* Frees the header; info is left zeroed. Safe on a zeroed info. */
void csv_info_free(struct csv_info *info);

/* The whole table in memory. */
struct csv_table {
	struct csv_info info;
	struct csv_row *rows;      /* rows[0..row_count), each with info.header.count cells */
	size_t row_count;
	size_t row_cap;
	struct arena arena;        /* owns every cell array and string in rows */
};

/* Like csv_read_stream, keeping every data row (opt->on_row is not called).
 * out is overwritten and must be released with csv_table_free, also when
 * this returns false; the rows read before an error are kept. */
bool csv_read_table(const char *data, size_t len, const struct csv_options *opt,
		    struct csv_table *out, struct diag_list *diags);
void csv_table_free(struct csv_table *t);

/* The index of the first header cell that matches name, or -1. Cells match
 * after lowercasing ASCII letters and removing spaces, underscores and
 * hyphens, so "Legal Surname", "legal_surname", "LEGAL-SURNAME" and
 * "LegalSurname" are the same name. */
int csv_find_column(const struct csv_row *header, const char *name);

/* A ready-made csv_header_score_fn: ctx is a NULL-terminated array of
 * column names (const char *const *); the score is the number of cells in
 * row that match one of them as csv_find_column matches. */
int csv_score_known_names(void *ctx, const struct csv_row *row);

#endif
