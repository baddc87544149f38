#include "util/text.h"

#include "util/buf.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "util/mem.h"

char *text_trim(char *s)
{
	size_t len = strlen(s);
	while (len && isspace((unsigned char)s[len - 1]))
		s[--len] = '\0';
	size_t start = 0;
	while (s[start] && isspace((unsigned char)s[start]))
		start++;
	if (start)
		memmove(s, s + start, len - start + 1);
	return s;
}

bool text_eq_nocase(const char *a, const char *b)
{
	return strcasecmp(a, b) == 0;
}

bool text_starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

bool text_to_int(const char *s, long min, long max, long *out)
{
	if (!s || !*s || isspace((unsigned char)*s))
		return false;
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || *end != '\0' || v < min || v > max)
		return false;
	*out = v;
	return true;
}

bool text_to_double(const char *s, double min, double max, double *out)
{
	if (!s || !*s || isspace((unsigned char)*s))
		return false;
	for (const char *p = s; *p; p++)
		if (!isdigit((unsigned char)*p) && *p != '.' && *p != '-')
			return false; /* no hex, exponents, "inf" or "nan" */
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (errno || *end != '\0' || !isfinite(v) || v < min || v > max)
		return false;
	*out = v;
	return true;
}

bool text_is_slug(const char *s)
{
	size_t len = strlen(s);
	if (len == 0 || len > 64 || s[0] == '-')
		return false;
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
			return false;
	return true;
}

bool text_is_utf8(const char *str, size_t len)
{
	return text_utf8_valid_prefix(str, len) == len;
}

void text_copy(char *out, size_t size, const char *text)
{
	if (!size)
		return;
	snprintf(out, size, "%s", text ? text : "");
	out[text_utf8_valid_prefix(out, strlen(out))] = '\0';
}

void text_drop_partial(char *s)
{
	size_t len = strlen(s);
	/* Back over continuation bytes to the start of the last character, and
	 * keep it only when all its bytes are there. */
	size_t start = len;
	while (start > 0 && ((unsigned char)s[start - 1] & 0xC0) == 0x80 && len - start < 3)
		start--;
	if (start > 0)
		start--;
	if (text_utf8_valid_prefix(s + start, len - start) != len - start)
		s[start] = '\0';
}

size_t text_chars_prefix(const char *s, size_t max_chars)
{
	size_t i = 0, chars = 0;
	while (s[i] && chars < max_chars) {
		i++;
		/* Continuation bytes belong to the character before. */
		while ((s[i] & 0xC0) == 0x80)
			i++;
		chars++;
	}
	return i;
}

size_t text_utf8_valid_prefix(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < len) {
		unsigned c = s[i];
		size_t extra;
		unsigned min;
		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xE0) == 0xC0) {
			extra = 1, min = 0x80, c &= 0x1F;
		} else if ((c & 0xF0) == 0xE0) {
			extra = 2, min = 0x800, c &= 0x0F;
		} else if ((c & 0xF8) == 0xF0) {
			extra = 3, min = 0x10000, c &= 0x07;
		} else {
			return i;
		}
		if (len - i <= extra)
			return i;
		for (size_t k = 1; k <= extra; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return i;
			c = (c << 6) | (s[i + k] & 0x3F);
		}
		if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
			return i;
		i += extra + 1;
	}
	return len;
}

void text_column(struct buf *out, const char *s, size_t width)
{
	size_t chars = text_width(s);
	if (chars <= width) {
		buf_puts(out, s);
		for (; chars < width; chars++)
			buf_putc(out, ' ');
		return;
	}
	/* Keep width - 3 characters, then "...". */
	size_t keep = width > 3 ? width - 3 : 0, n = 0, bytes = 0;
	for (; s[bytes]; bytes++) {
		if (((unsigned char)s[bytes] & 0xC0) != 0x80 && n++ == keep)
			break;
	}
	buf_append(out, s, bytes);
	buf_puts(out, width > 3 ? "..." : "");
}

size_t text_width(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

void text_wrap(struct buf *out, const char *text, int first_indent, int indent, int width)
{
	int column = 0;
	bool line_empty = true;
	buf_printf(out, "%*s", first_indent, "");
	column = first_indent;
	const char *p = text;
	while (*p) {
		while (*p == ' ' || *p == '\n' || *p == '\t')
			p++;
		if (!*p)
			break;
		size_t len = strcspn(p, " \n\t");
		char word[512];
		size_t copy_len = len < sizeof word - 1 ? len : sizeof word - 1;
		memcpy(word, p, copy_len);
		word[copy_len] = '\0';
		int w = (int)text_width(word);
		if (!line_empty && column + 1 + w > width) {
			buf_printf(out, "\n%*s", indent, "");
			column = indent;
			line_empty = true;
		}
		if (!line_empty) {
			buf_putc(out, ' ');
			column++;
		}
		buf_append(out, p, len);
		column += w;
		line_empty = false;
		p += len;
	}
	buf_putc(out, '\n');
}

char *text_fold(const char *s)
{
	size_t len = strlen(s);
	if (!text_is_utf8(s, len))
		return xstrdup(s);
	/* Case folded and decomposed (NFKD): an accent is then a combining
	 * mark after its letter, and dropping the marks leaves the letter. */
	size_t folded_len = 0;
	uint8_t *folded = u8_casefold((const uint8_t *)s, len, NULL, UNINORM_NFKD, NULL, &folded_len);
	if (!folded)
		return xstrdup(s);
	char *out = xmalloc(folded_len + 1);
	size_t n = 0;
	for (size_t i = 0; i < folded_len;) {
		ucs4_t c;
		int step = u8_mbtouc(&c, folded + i, folded_len - i);
		if (step <= 0)
			break;
		if (!uc_is_general_category(c, UC_CATEGORY_Mn)) {
			memcpy(out + n, folded + i, (size_t)step);
			n += (size_t)step;
		}
		i += (size_t)step;
	}
	out[n] = '\0';
	free(folded);
	return out;
}
