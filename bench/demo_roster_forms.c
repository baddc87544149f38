/* Bench helper: repairs the tutor groups of a large `waymark demo` roster.
 *
 *   demo_roster_forms < roster.csv > fixed.csv
 *
 * `waymark demo` names forms "7A", "7B"... as the year group followed by one
 * byte, 'A' + form number (src/io/demo_school.c, make_pupils). Past 26 forms
 * a year (about 4,550 pupils) that byte runs on into "[", "a"..., and past
 * 63 forms (about 11,000 pupils) out of ASCII: bytes 0x80 and up (so the
 * roster is not UTF-8 and `import students` refuses it), then after a
 * wrap-around a comma, a quote, a CR or a LF in an unquoted cell. The
 * benchmark needs about 41,500 pupils, so it passes the roster through
 * this filter first.
 *
 * The filter changes only a Reg Group cell (the tenth, after nine cells
 * that never hold a comma) made of 1 or 2 digits and one byte that breaks
 * the CSV or its encoding or is a control character (comma, quote, CR, LF,
 * other bytes below 0x20, DEL, bytes 0x80 and up): that cell
 * becomes "<year>F<n>", n being the form number the byte encodes modulo
 * 256, so every form keeps a name of its own. Everything else is copied
 * byte for byte, so once the generator names forms properly this filter
 * changes nothing. Records end with CRLF, as the generator writes them. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static int bad_form_byte(unsigned char c)
{
	return c < 0x20 || c >= 0x7F || c == ',' || c == '"';
}

/* Writes one record (without its CRLF), repaired when it needs it. Returns
 * 1 when it was repaired. */
static int put_record(const unsigned char *r, size_t n, FILE *out)
{
	size_t i = 0;
	for (int commas = 0; i < n && commas < 9; i++)
		if (r[i] == ',')
			commas++;
	size_t digits = 0;
	while (i + digits < n && digits < 2 && r[i + digits] >= '0' && r[i + digits] <= '9')
		digits++;
	size_t form = i + digits;
	/* The form byte, then the comma that ends the cell. */
	if (digits == 0 || form + 1 >= n || !bad_form_byte(r[form]) || r[form + 1] != ',') {
		fwrite(r, 1, n, out);
		return 0;
	}
	fwrite(r, 1, form, out);
	fprintf(out, "F%u", (unsigned)((r[form] - 'A') & 0xFFu));
	fwrite(r + form + 1, 1, n - form - 1, out);
	return 1;
}

int main(void)
{
	size_t cap = 1 << 20, len = 0;
	unsigned char *text = malloc(cap);
	if (!text)
		return 1;
	size_t got;
	while ((got = fread(text + len, 1, cap - len, stdin)) > 0) {
		len += got;
		if (len == cap) {
			unsigned char *more = cap > SIZE_MAX / 2 ? NULL : realloc(text, cap * 2);
			if (!more) {
				fputs("demo_roster_forms: out of memory\n", stderr);
				return 1;
			}
			text = more;
			cap *= 2;
		}
	}
	if (ferror(stdin)) {
		perror("demo_roster_forms: reading");
		return 1;
	}
	long repaired = 0;
	size_t start = 0;
	while (start < len) {
		size_t end = start;
		while (end + 1 < len && !(text[end] == '\r' && text[end + 1] == '\n'))
			end++;
		if (end + 1 >= len) {
			/* The last record has no CRLF. */
			repaired += put_record(text + start, len - start, stdout);
			break;
		}
		repaired += put_record(text + start, end - start, stdout);
		fputs("\r\n", stdout);
		start = end + 2;
	}
	free(text);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("demo_roster_forms: writing");
		return 1;
	}
	fprintf(stderr, "demo_roster_forms: %ld tutor groups renamed\n", repaired);
	return 0;
}
