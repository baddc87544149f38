#include "io/csv_reader.h"

#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"
#include "util/mem.h"
#include "util/text.h"

enum {
	/* Rows and bytes tried with each delimiter before choosing one. */
	SAMPLE_ROWS = 20,
	SAMPLE_BYTES = 256 * 1024,
	/* The most bytes handed to libcsv at once: a line longer than this is
	 * fed in pieces, so that limits are checked as it goes. */
	PIECE_BYTES = 64 * 1024,
	/* libcsv grows its cell buffer a block at a time. Refusing to grow it
	 * past this stops a runaway cell (a quote never closed) without first
	 * buffering the rest of the file. */
	CELL_BUFFER_LIMIT = CSV_MAX_CELL_BYTES + 4096,
};

const char *csv_encoding_name(enum csv_encoding e)
{
	switch (e) {
	case CSV_UTF8:
		return "UTF-8";
	case CSV_UTF8_BOM:
		return "UTF-8 with BOM";
	case CSV_WINDOWS_1252:
		return "Windows-1252";
	case CSV_UTF16LE:
		return "UTF-16LE";
	case CSV_UTF16BE:
		return "UTF-16BE";
	}
	return "unknown";
}

static const char *delimiter_name(char delimiter)
{
	return delimiter == ';' ? "semicolon" : delimiter == '\t' ? "tab" : "comma";
}

/* ---- positions ---- */

/* Characters (UTF-8 code points, or bytes when !utf8) in s[0..n). */
static int count_chars(const char *s, size_t n, bool utf8)
{
	size_t chars = 0;
	for (size_t i = 0; i < n; i++)
		chars += !utf8 || ((unsigned char)s[i] & 0xC0) != 0x80;
	return chars > INT32_MAX ? INT32_MAX : (int)chars;
}

/* The 1-based line and column of byte off in s, where CRLF, LF and a lone
 * CR each end a line. */
static void locate(const char *s, size_t off, bool utf8, int *line, int *column)
{
	int l = 1;
	size_t start = 0;
	for (size_t i = 0; i < off; i++) {
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= off || s[i + 1] != '\n'))) {
			l++;
			start = i + 1;
		}
	}
	*line = l;
	*column = count_chars(s + start, off - start, utf8) + 1;
}

/* ---- encodings ---- */

/* Offsets of bytes that are not text in the encoding being read, in
 * order; only the first CSV_MAX_ENCODING_ERRORS are kept. */
struct bad_bytes {
	size_t at[CSV_MAX_ENCODING_ERRORS];
	size_t count;     /* all of them, also those not kept */
};

static void bad_bytes_add(struct bad_bytes *b, size_t off)
{
	if (b->count < CSV_MAX_ENCODING_ERRORS)
		b->at[b->count] = off;
	b->count++;
}

/* Converts in[0..inlen) from `from` to UTF-8 into out. Returns 0, or the
 * errno of the failure (EILSEQ, EINVAL for a character cut short at the
 * end, ENOENT when iconv has no such converter) with *bad the offset in
 * `in` where it happened. With skip, a byte iconv refuses (EILSEQ) goes to
 * skip and the conversion goes on after it, with the same converter. */
static int convert(const char *from, const char *in, size_t inlen, struct buf *out,
		   size_t *bad, struct bad_bytes *skip)
{
	*bad = 0;
	iconv_t cd = iconv_open("UTF-8", from);
	if (cd == (iconv_t)-1)
		return ENOENT;
	buf_reset(out);
	buf_reserve(out, inlen + inlen / 4 + 64);
	char *ip = (char *)in;
	size_t ileft = inlen;
	int err = 0;
	while (ileft) {
		char *op = out->data + out->len;
		size_t oleft = out->cap - out->len - 1;
		size_t rc = iconv(cd, &ip, &ileft, &op, &oleft);
		out->len = (size_t)(op - out->data);
		if (rc != (size_t)-1)
			break;
		if (errno == E2BIG) {
			buf_reserve(out, ileft * 2 + 64);
			continue;
		}
		if (errno == EILSEQ && skip) {
			bad_bytes_add(skip, (size_t)(ip - in));
			ip++;
			ileft--;
			iconv(cd, NULL, NULL, NULL, NULL);
			continue;
		}
		err = errno == EINVAL ? EINVAL : EILSEQ;
		break;
	}
	out->data[out->len] = '\0';
	*bad = (size_t)(ip - in);
	iconv_close(cd);
	return err;
}

static bool report_nul(const char *text, size_t len, bool utf8, struct diag_list *diags)
{
	const char *nul = memchr(text, '\0', len);
	if (!nul)
		return false;
	int line, column;
	locate(text, (size_t)(nul - text), utf8, &line, &column);
	diag_error(diags, line, column,
		   "the file contains a NUL character: it is not a text file (or it is UTF-16 saved without a byte order mark)");
	return true;
}

bool csv_encoding_parse(const char *s, enum csv_encoding_choice *out)
{
	static const struct {
		const char *name;
		enum csv_encoding_choice choice;
	} names[] = {
		{ "", CSV_DETECT },
		{ "detect", CSV_DETECT },
		{ "utf-8", CSV_AS_UTF8 },
		{ "utf8", CSV_AS_UTF8 },
		{ "windows-1252", CSV_AS_WINDOWS_1252 },
		{ "cp1252", CSV_AS_WINDOWS_1252 },
		{ "utf-16", CSV_AS_UTF16 },
		{ "utf16", CSV_AS_UTF16 },
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (!s || strcasecmp(s, names[i].name) == 0) {
			*out = s ? names[i].choice : CSV_DETECT;
			return true;
		}
	}
	return false;
}

/* Scans s for UTF-8: every byte that does not belong to a valid sequence
 * goes to bad; returns whether any valid multi-byte sequence was seen. */
static bool scan_utf8(const char *s, size_t len, struct bad_bytes *bad)
{
	bool multibyte = false;
	size_t i = 0;
	while (i < len) {
		size_t valid = text_utf8_valid_prefix(s + i, len - i);
		for (size_t k = i; k < i + valid && !multibyte; k++)
			multibyte = (unsigned char)s[k] >= 0x80;
		i += valid;
		if (i < len)
			bad_bytes_add(bad, i++);
	}
	return multibyte;
}

/* The 1-based column in characters of byte off of s, in text that is
 * UTF-8 but for some bad bytes: a valid sequence is one character, and so
 * is each bad byte. line as locate's. */
static void locate_mixed(const char *s, size_t off, int *line, int *column)
{
	int col_unused;
	locate(s, off, false, line, &col_unused);
	size_t start = off;
	while (start > 0 && s[start - 1] != '\n' && s[start - 1] != '\r')
		start--;
	size_t chars = 0;
	for (size_t i = start; i < off;) {
		size_t n = text_utf8_valid_prefix(s + i, off - i);
		if (n == 0) {
			i++;
			chars++;
			continue;
		}
		for (size_t k = i; k < i + n; k++)
			chars += ((unsigned char)s[k] & 0xC0) != 0x80;
		i += n;
	}
	*column = chars >= INT32_MAX ? INT32_MAX : (int)chars + 1;
}

/* Reports each bad byte (text is UTF-8 but for them when mixed, else one
 * byte per character), then the count beyond those listed in a last error
 * that says what to do. */
static void report_bad_bytes(const char *text, const struct bad_bytes *bad, bool mixed,
			     const char *each, const char *what_to_do, struct diag_list *diags)
{
	size_t listed = bad->count < CSV_MAX_ENCODING_ERRORS ? bad->count : CSV_MAX_ENCODING_ERRORS;
	for (size_t i = 0; i < listed; i++) {
		int line, column;
		if (mixed)
			locate_mixed(text, bad->at[i], &line, &column);
		else
			locate(text, bad->at[i], false, &line, &column);
		diag_error(diags, line, column, "byte 0x%02X %s", (unsigned char)text[bad->at[i]],
			   each);
	}
	if (!what_to_do)
		return;
	if (bad->count > listed)
		diag_error(diags, 0, 0, "and %zu more such bytes: %s", bad->count - listed, what_to_do);
	else
		diag_error(diags, 0, 0, "%s", what_to_do);
}

static bool decode_utf16(const char *data, size_t len, bool little, struct csv_info *info,
			 struct buf *converted, const char **text, size_t *text_len,
			 struct diag_list *diags)
{
	const unsigned char *u = (const unsigned char *)data;
	info->encoding = little ? CSV_UTF16LE : CSV_UTF16BE;
	size_t bad;
	int err = convert(little ? "UTF-16LE" : "UTF-16BE", data, len, converted, &bad, NULL);
	if (err) {
		int line, column;
		locate(converted->data, converted->len, true, &line, &column);
		if (err == ENOENT) {
			diag_error(diags, 0, 0, "cannot convert from UTF-16: iconv has no converter");
		} else if (err == EINVAL) {
			diag_error(diags, line, column,
				   "the file ends in the middle of a UTF-16 character: it is cut short");
		} else if (bad + 2 <= len) {
			const unsigned char *p = u + bad;
			unsigned unit = little ? p[0] | p[1] << 8 : p[0] << 8 | p[1];
			diag_error(diags, line, column,
				   "the UTF-16 text is damaged here (unit 0x%04X is half of a character): save the file again",
				   unit);
		} else {
			diag_error(diags, line, column, "the UTF-16 text is damaged here: save the file again");
		}
		return false;
	}
	if (report_nul(converted->data, converted->len, true, diags))
		return false;
	*text = converted->data;
	*text_len = converted->len;
	return true;
}

static bool decode_windows_1252(const char *data, size_t len, struct csv_info *info,
				struct buf *converted, const char **text, size_t *text_len,
				struct diag_list *diags)
{
	info->encoding = CSV_WINDOWS_1252;
	if (report_nul(data, len, false, diags))
		return false;
	/* Every byte iconv refuses (one 1252 leaves undefined) is listed. */
	struct bad_bytes bad = { 0 };
	size_t at;
	if (convert("WINDOWS-1252", data, len, converted, &at, &bad) == ENOENT) {
		diag_error(diags, 0, 0, "cannot convert from Windows-1252: iconv has no converter");
		return false;
	}
	if (bad.count) {
		report_bad_bytes(data, &bad, false, "is neither UTF-8 nor Windows-1252: save the file as \"CSV UTF-8\"",
				 bad.count > CSV_MAX_ENCODING_ERRORS
					 ? "Windows-1252 leaves them undefined: save the file as \"CSV UTF-8\""
					 : NULL,
				 diags);
		return false;
	}
	*text = converted->data;
	*text_len = converted->len;
	return true;
}

/* Turns data into UTF-8 text without a BOM: *text points into data or
 * into converted. Reports and returns false when it cannot. See
 * "Encoding" at the top of csv_reader.h. */
static bool decode(const char *data, size_t len, enum csv_encoding_choice named,
		   struct csv_info *info, struct buf *converted, const char **text,
		   size_t *text_len, struct diag_list *diags)
{
	if (!data)
		data = "";
	const unsigned char *u = (const unsigned char *)data;
	bool bom16 = len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF));
	bool bom8 = len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF;
	info->encoding_named = named != CSV_DETECT;

	if (named == CSV_AS_UTF16 || (named == CSV_DETECT && bom16)) {
		/* Named without a BOM: little-endian, as Windows writes it. */
		bool little = !bom16 || u[0] == 0xFF;
		size_t skip = bom16 ? 2 : 0;
		return decode_utf16(data + skip, len - skip, little, info, converted, text,
				    text_len, diags);
	}
	if (named == CSV_AS_WINDOWS_1252)
		return decode_windows_1252(data, len, info, converted, text, text_len, diags);

	bool bom = bom8;
	if (bom) {
		data += 3;
		len -= 3;
	}
	struct bad_bytes bad = { 0 };
	bool multibyte = scan_utf8(data, len, &bad);
	if (bad.count && !bom && named == CSV_DETECT && !multibyte)
		return decode_windows_1252(data, len, info, converted, text, text_len, diags);

	info->encoding = bom ? CSV_UTF8_BOM : CSV_UTF8;
	if (report_nul(data, len, true, diags))
		return false;
	if (bad.count) {
		if (bom)
			report_bad_bytes(data, &bad, true,
					 "is not UTF-8, but the file starts with a UTF-8 byte order mark: save it again as \"CSV UTF-8\"",
					 bad.count > CSV_MAX_ENCODING_ERRORS
						 ? "the file is not all UTF-8: save it again as \"CSV UTF-8\""
						 : NULL,
					 diags);
		else if (named == CSV_AS_UTF8)
			report_bad_bytes(data, &bad, true, "is not UTF-8",
					 "the file was read as UTF-8, as asked, but has bytes that are not UTF-8: save it as \"CSV UTF-8\", or name the encoding it is in",
					 diags);
		else
			report_bad_bytes(data, &bad, true, "is not UTF-8",
					 "the file mixes UTF-8 text with bytes that are not UTF-8 (a character from a Windows-1252 file pasted in?), so its encoding cannot be told: save it as \"CSV UTF-8\" and import it again, or name its encoding (File encoding on the imports page, --encoding on the command line)",
					 diags);
		return false;
	}
	*text = data;
	*text_len = len;
	return true;
}

/* ---- one row's cells, in buffers reused from row to row ---- */

struct row_builder {
	struct buf text;     /* every cell, each NUL-terminated, back to back */
	size_t *starts;      /* where each cell starts in text */
	size_t count, starts_cap;
	char **cells;        /* filled by row_builder_view */
	size_t cells_cap;
	bool too_many;       /* the row had more than CSV_MAX_CELLS cells */
};

static void row_builder_add(struct row_builder *rb, const char *s, size_t len)
{
	while (len && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	ARRAY_RESERVE(rb->starts, rb->starts_cap, rb->count + 1);
	rb->starts[rb->count++] = rb->text.len;
	buf_reserve(&rb->text, len + 1);
	char *out = rb->text.data + rb->text.len;
	/* A line break inside a quoted cell stays as the file wrote it. */
	memcpy(out, s, len);
	out += len;
	*out++ = '\0';
	rb->text.len = (size_t)(out - rb->text.data);
	rb->text.data[rb->text.len] = '\0';
}

/* The row as the caller sees it, padded with empty cells to pad_to. Valid
 * until the builder changes. */
static struct csv_row row_builder_view(struct row_builder *rb, size_t pad_to, int line)
{
	while (rb->count < pad_to)
		row_builder_add(rb, "", 0);
	ARRAY_RESERVE(rb->cells, rb->cells_cap, rb->count + 1);
	for (size_t i = 0; i < rb->count; i++)
		rb->cells[i] = rb->text.data + rb->starts[i];
	return (struct csv_row){ .line = line, .cells = rb->cells, .count = rb->count };
}

static void row_builder_reset(struct row_builder *rb)
{
	rb->count = 0;
	rb->too_many = false;
	buf_reset(&rb->text);
}

static void row_builder_free(struct row_builder *rb)
{
	buf_free(&rb->text);
	free(rb->starts);
	free(rb->cells);
}

/* ---- feeding libcsv, line by line ---- */

struct scanner;
typedef void (*scanner_row_fn)(void *ctx, struct scanner *s);

struct scanner {
	struct csv_parser parser;
	const char *text, *end;
	char delimiter;
	int line;               /* physical line of the next byte fed to libcsv */
	const char *line_start; /* and where that line starts */
	int row_line;           /* line where the row being parsed started */
	bool in_row;            /* libcsv has begun a row it has not ended */
	struct row_builder row;
	size_t cell_too_long;   /* 1-based number of a cell over the limit, or 0 */
	bool stop;              /* read no further (set by the row function too) */
	scanner_row_fn on_row;
	void *ctx;
	struct diag_list *diags;  /* where scanning problems go; NULL: drop them */
};

static void *cell_buffer_realloc(void *ptr, size_t size)
{
	if (size > CELL_BUFFER_LIMIT)
		return NULL; /* libcsv then stops with CSV_ENOMEM */
	return xreallocarray(ptr, size, 1);
}

static void scanner_cell(void *data, size_t len, void *ctx)
{
	struct scanner *s = ctx;
	if (s->stop)
		return;
	if (s->row.count >= CSV_MAX_CELLS) {
		s->row.too_many = true;
		return;
	}
	if (len > CSV_MAX_CELL_BYTES) {
		s->cell_too_long = s->row.count + 1;
		s->stop = true;
		return;
	}
	row_builder_add(&s->row, data, len);
}

static void scanner_row_end(int c, void *ctx)
{
	(void)c;
	struct scanner *s = ctx;
	s->in_row = false;
	if (!s->stop)
		s->on_row(s->ctx, s);
	row_builder_reset(&s->row);
}

static void scanner_init(struct scanner *s, const char *text, size_t len, char delimiter,
			 scanner_row_fn on_row, void *ctx, struct diag_list *diags)
{
	*s = (struct scanner){
		.text = text,
		.end = text + len,
		.delimiter = delimiter,
		.line = 1,
		.line_start = text,
		.on_row = on_row,
		.ctx = ctx,
		.diags = diags,
	};
	/* CSV_STRICT: a quote inside an unquoted cell, or text after a
	 * closing quote, is an error rather than a guess. */
	if (csv_init(&s->parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		abort();
	csv_set_delim(&s->parser, (unsigned char)delimiter);
	csv_set_realloc_func(&s->parser, cell_buffer_realloc);
}

static void scanner_free(struct scanner *s)
{
	csv_free(&s->parser);
	row_builder_free(&s->row);
}

static void report_cell_too_long(struct scanner *s)
{
	if (!s->diags)
		return;
	diag_error(s->diags, s->row_line, 0,
		   "cell %zu is longer than 64 KB%s", s->cell_too_long,
		   s->parser.quoted ? ": is a closing quote (\") missing?" : "");
}

/* libcsv stopped at `at`: say why, at the line where the row starts. */
static void report_parse_error(struct scanner *s, const char *at)
{
	if (!s->diags)
		return;
	if (csv_error(&s->parser) != CSV_EPARSE) {
		s->cell_too_long = s->row.count + 1;
		report_cell_too_long(s);
		return;
	}
	const char *what = s->parser.quoted
		? "text after the closing quote of a cell: a cell that starts with a quote must end with one, and a quote inside it is written twice (\"\")"
		: "a quote (\") inside a cell that does not start with one: put the whole cell in quotes and write the quote twice (\"\")";
	int column = count_chars(s->line_start, (size_t)(at - s->line_start), true) + 1;
	if (s->line == s->row_line)
		diag_error(s->diags, s->line, column, "%s", what);
	else
		diag_error(s->diags, s->row_line, 0, "at line %d, column %d: %s",
			   s->line, column, what);
}

/* True when a piece of a line holds something that begins a row for
 * libcsv: anything but spaces, tabs that are not the delimiter, and line
 * breaks. */
static bool begins_row(const struct scanner *s, const char *p, const char *q)
{
	for (; p < q; p++)
		if (*p != ' ' && *p != '\r' && *p != '\n' &&
		    (*p != '\t' || s->delimiter == '\t'))
			return true;
	return false;
}

/* Feeds text to libcsv one physical line at a time (longer lines in
 * pieces), so that the line where each row starts is known and libcsv's
 * errors can be placed. With finish, also ends the last row and checks for
 * a quote never closed. Returns true when the whole text was read; false
 * when the row function stopped it or a problem (reported) did. */
static bool scanner_run(struct scanner *s, bool finish)
{
	const char *p = s->text;
	while (p < s->end && !s->stop) {
		const char *max = s->end - p > PIECE_BYTES ? p + PIECE_BYTES : s->end;
		const char *q = p;
		while (q < max && *q != '\n' && *q != '\r')
			q++;
		bool line_break = q < max;
		if (line_break)
			q++;
		if (!s->in_row && begins_row(s, p, q)) {
			s->in_row = true;
			s->row_line = s->line;
		}
		size_t n = (size_t)(q - p);
		size_t done = csv_parse(&s->parser, p, n, scanner_cell, scanner_row_end, s);
		if (s->cell_too_long) {
			report_cell_too_long(s);
			return false;
		}
		if (done < n) {
			report_parse_error(s, p + done);
			s->stop = true;
			return false;
		}
		if (line_break) {
			/* The LF of a CRLF ends no further line. */
			if (q[-1] == '\r' || q - 1 == s->text || q[-2] != '\r')
				s->line++;
			s->line_start = q;
		}
		p = q;
	}
	if (s->stop || !finish)
		return false;
	if (csv_fini(&s->parser, scanner_cell, scanner_row_end, s) != 0) {
		if (s->diags)
			diag_error(s->diags, s->row_line, 0,
				   "a quoted cell in the row starting on this line is never closed: add the missing quote (\")");
		return false;
	}
	if (s->cell_too_long) {
		report_cell_too_long(s);
		return false;
	}
	return !s->stop;
}

/* ---- rows ---- */

static bool row_is_blank(const struct csv_row *row)
{
	for (size_t i = 0; i < row->count; i++)
		if (row->cells[i][0])
			return false;
	return true;
}

static bool ascii_letter(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* "Total", "Totals", "Count" or "Counts" as a whole word at the start. */
static bool starts_with_total_word(const char *s)
{
	if (strncasecmp(s, "total", 5) != 0 && strncasecmp(s, "count", 5) != 0)
		return false;
	s += 5;
	if (*s == 's' || *s == 'S')
		s++;
	unsigned char c = (unsigned char)*s;
	return c == '\0' || (c < 0x80 && !ascii_letter(c));
}

/* A number as totals rows have them: "245", "1,234", "12.5", "100%",
 * "£1,234.00". */
static bool looks_numeric(const char *s)
{
	bool digit = false;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c >= '0' && c <= '9')
			digit = true;
		else if (c == 0xC2 && (unsigned char)s[1] == 0xA3)
			s++; /* £ */
		else if (!strchr(",.%+- ", c))
			return false;
	}
	return digit;
}

static bool row_is_total(const struct csv_row *row)
{
	size_t i = 0;
	while (i < row->count && !row->cells[i][0])
		i++;
	if (i == row->count || !starts_with_total_word(row->cells[i]))
		return false;
	for (i++; i < row->count; i++)
		if (row->cells[i][0] && !looks_numeric(row->cells[i]))
			return false;
	return true;
}

static void row_copy(struct csv_row *to, const struct csv_row *from, size_t count)
{
	to->line = from->line;
	to->count = count;
	to->cells = xcalloc(count ? count : 1, sizeof *to->cells);
	for (size_t i = 0; i < count; i++)
		to->cells[i] = xstrdup(from->cells[i]);
}

static void row_free(struct csv_row *row)
{
	for (size_t i = 0; i < row->count; i++)
		free(row->cells[i]);
	free(row->cells);
	*row = (struct csv_row){ 0 };
}

/* ---- reading ---- */

struct reader {
	const struct csv_options *opt;
	struct csv_info *info;
	struct diag_list *diags;
	bool have_header;
	int rows_searched;     /* non-blank rows looked at for the header */
	bool cancelled;        /* on_row asked to stop */
	/* Rows that look like totals, held back until an ordinary row shows
	 * they are not the end of the file. */
	struct csv_row *held;
	size_t held_count, held_cap;
};

static void report_no_header(struct reader *r)
{
	const char *hint = r->opt->header_hint;
	if (r->rows_searched == 0)
		diag_error(r->diags, 0, 0, "the file is empty: it needs a row of column names%s%s",
			   hint ? " such as " : "", hint ? hint : "");
	else
		diag_error(r->diags, 0, 0,
			   "no header row found in the first %d rows: the file needs a row of column names%s%s",
			   CSV_HEADER_SEARCH_ROWS, hint ? " such as " : "", hint ? hint : "");
}

static void deliver(struct reader *r, struct scanner *s, const struct csv_row *row)
{
	size_t width = r->info->header.count;
	size_t used = row->count;
	while (used > width && !row->cells[used - 1][0])
		used--;
	if (used > width) {
		diag_error(r->diags, row->line, 0,
			   "row has %zu cells but the header has %zu: check for an unquoted %s in a cell",
			   used, width, delimiter_name(s->delimiter));
		return;
	}
	struct csv_row view = *row;
	view.count = width;
	r->info->rows++;
	if (r->opt->on_row && r->opt->on_row(r->opt->ctx, &view) != 0) {
		r->cancelled = true;
		s->stop = true;
	}
}

static void release_held(struct reader *r, struct scanner *s)
{
	for (size_t i = 0; i < r->held_count; i++) {
		if (s && !s->stop)
			deliver(r, s, &r->held[i]);
		row_free(&r->held[i]);
	}
	r->held_count = 0;
}

static void reader_row(void *ctx, struct scanner *s)
{
	struct reader *r = ctx;
	if (s->row.too_many) {
		diag_error(r->diags, s->row_line, 0,
			   "row has more than %d cells: is this the right file?",
			   CSV_MAX_CELLS);
		s->stop = true;
		return;
	}
	struct csv_row row = row_builder_view(&s->row, r->info->header.count, s->row_line);
	if (row_is_blank(&row))
		return;
	if (!r->have_header) {
		if (++r->rows_searched > CSV_HEADER_SEARCH_ROWS) {
			report_no_header(r);
			s->stop = true;
			return;
		}
		const struct csv_options *opt = r->opt;
		if (opt->header_score && opt->header_score(opt->ctx, &row) < opt->min_score)
			return;
		size_t count = row.count;
		while (count > 1 && !row.cells[count - 1][0])
			count--; /* a spreadsheet's unused columns */
		row_copy(&r->info->header, &row, count);
		r->have_header = true;
		return;
	}
	if (row_is_total(&row)) {
		ARRAY_RESERVE(r->held, r->held_cap, r->held_count + 1);
		row_copy(&r->held[r->held_count++], &row, row.count);
		return;
	}
	release_held(r, s);
	if (!s->stop)
		deliver(r, s, &row);
}

/* ---- choosing the delimiter ---- */

struct sample {
	const struct csv_options *opt;
	size_t rows;                  /* non-blank rows seen */
	size_t widths[SAMPLE_ROWS];   /* cells in each */
	size_t header_width;          /* cells in the header row, 0 if not seen */
};

static void sample_row(void *ctx, struct scanner *s)
{
	struct sample *sm = ctx;
	struct csv_row row = row_builder_view(&s->row, 0, s->row_line);
	if (row_is_blank(&row))
		return;
	sm->widths[sm->rows++] = row.count;
	const struct csv_options *opt = sm->opt;
	if (!sm->header_width &&
	    (!opt->header_score || opt->header_score(opt->ctx, &row) >= opt->min_score))
		sm->header_width = row.count;
	if (sm->rows == SAMPLE_ROWS)
		s->stop = true;
}

/* The largest number of sampled rows that share one width of two or more. */
static size_t sample_consistency(const struct sample *sm)
{
	size_t best = 0;
	for (size_t i = 0; i < sm->rows; i++) {
		if (sm->widths[i] < 2)
			continue;
		size_t same = 0;
		for (size_t j = 0; j < sm->rows; j++)
			same += sm->widths[j] == sm->widths[i];
		if (same > best)
			best = same;
	}
	return best;
}

/* See "Delimiter" at the top of csv_reader.h. */
static char choose_delimiter(const char *text, size_t len, const struct csv_options *opt)
{
	static const char candidates[] = { ',', ';', '\t' };
	char chosen = ',';
	size_t best_consistency = 0, best_header = 0;
	size_t sample_len = len < SAMPLE_BYTES ? len : SAMPLE_BYTES;
	for (size_t i = 0; i < sizeof candidates; i++) {
		struct sample sm = { .opt = opt };
		struct scanner s;
		scanner_init(&s, text, sample_len, candidates[i], sample_row, &sm, NULL);
		/* A sample cut short by a problem still counts; the full
		 * read reports the problem. */
		scanner_run(&s, sample_len == len);
		scanner_free(&s);
		size_t consistency = sample_consistency(&sm);
		if (consistency > best_consistency ||
		    (consistency && consistency == best_consistency && sm.header_width > best_header)) {
			chosen = candidates[i];
			best_consistency = consistency;
			best_header = sm.header_width;
		}
	}
	return chosen;
}

/* ---- the public functions ---- */

bool csv_read_stream(const char *data, size_t len, const struct csv_options *opt,
		     struct csv_info *info, struct diag_list *diags)
{
	static const struct csv_options no_options;
	if (!opt)
		opt = &no_options;
	*info = (struct csv_info){ .encoding = CSV_UTF8, .delimiter = ',' };
	size_t errors_before = diags->errors;
	if (len > CSV_MAX_BYTES) {
		diag_error(diags, 0, 0,
			   "the file is larger than 1 GB (%zu bytes): export only the columns and pupils needed",
			   len);
		return false;
	}

	struct buf converted = BUF_INIT;
	const char *text = NULL;
	size_t text_len = 0;
	if (!decode(data, len, opt->encoding, info, &converted, &text, &text_len, diags)) {
		buf_free(&converted);
		return false;
	}
	info->delimiter = choose_delimiter(text, text_len, opt);

	struct reader r = { .opt = opt, .info = info, .diags = diags };
	struct scanner s;
	scanner_init(&s, text, text_len, info->delimiter, reader_row, &r, diags);
	if (scanner_run(&s, true) && !r.have_header)
		report_no_header(&r);
	release_held(&r, NULL); /* totals at the end of the file */
	free(r.held);
	scanner_free(&s);
	buf_free(&converted);
	return !r.cancelled && diags->errors == errors_before;
}

void csv_info_free(struct csv_info *info)
{
	row_free(&info->header);
	*info = (struct csv_info){ 0 };
}

struct table_reader {
	const struct csv_options *user;
	struct csv_table *table;
};

static int table_score(void *ctx, const struct csv_row *row)
{
	struct table_reader *tr = ctx;
	return tr->user->header_score(tr->user->ctx, row);
}

static int table_row(void *ctx, const struct csv_row *row)
{
	struct table_reader *tr = ctx;
	struct csv_table *t = tr->table;
	size_t bytes = 0;
	for (size_t i = 0; i < row->count; i++)
		bytes += strlen(row->cells[i]) + 1;
	/* One allocation for the row's strings, one for its cell array. */
	char *text = arena_alloc(&t->arena, bytes);
	char **cells = arena_alloc(&t->arena, (row->count ? row->count : 1) * sizeof *cells);
	for (size_t i = 0; i < row->count; i++) {
		size_t n = strlen(row->cells[i]) + 1;
		memcpy(text, row->cells[i], n);
		cells[i] = text;
		text += n;
	}
	ARRAY_RESERVE(t->rows, t->row_cap, t->row_count + 1);
	t->rows[t->row_count++] = (struct csv_row){
		.line = row->line, .cells = cells, .count = row->count
	};
	return 0;
}

bool csv_read_table(const char *data, size_t len, const struct csv_options *opt,
		    struct csv_table *out, struct diag_list *diags)
{
	*out = (struct csv_table){ .arena = ARENA_INIT };
	struct table_reader tr = { .user = opt, .table = out };
	struct csv_options mine = { .on_row = table_row, .ctx = &tr };
	if (opt) {
		mine.header_score = opt->header_score ? table_score : NULL;
		mine.min_score = opt->min_score;
		mine.header_hint = opt->header_hint;
		mine.encoding = opt->encoding;
	}
	return csv_read_stream(data, len, &mine, &out->info, diags);
}

void csv_table_free(struct csv_table *t)
{
	csv_info_free(&t->info);
	free(t->rows);
	arena_free(&t->arena);
	*t = (struct csv_table){ .arena = ARENA_INIT };
}

/* ---- column names ---- */

static bool name_ignored(char c)
{
	return c == ' ' || c == '_' || c == '-';
}

static char ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool column_name_eq(const char *a, const char *b)
{
	for (;;) {
		while (name_ignored(*a))
			a++;
		while (name_ignored(*b))
			b++;
		if (!*a || !*b)
			return !*a && !*b;
		if (ascii_lower(*a) != ascii_lower(*b))
			return false;
		a++;
		b++;
	}
}

int csv_find_column(const struct csv_row *header, const char *name)
{
	const char *p = name;
	while (name_ignored(*p))
		p++;
	if (!*p)
		return -1; /* an empty name matches nothing, not an empty cell */
	for (size_t i = 0; i < header->count && i <= INT32_MAX; i++)
		if (column_name_eq(header->cells[i], name))
			return (int)i;
	return -1;
}

int csv_score_known_names(void *ctx, const struct csv_row *row)
{
	const char *const *names = ctx;
	int score = 0;
	for (size_t i = 0; i < row->count; i++) {
		for (size_t k = 0; names[k]; k++) {
			if (row->cells[i][0] && column_name_eq(row->cells[i], names[k])) {
				score++;
				break;
			}
		}
	}
	return score;
}
