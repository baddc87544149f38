#include "util/html.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdbool.h>
#include <string.h>
#include <sys/types.h>

void html_text(struct buf *out, const char *s)
{
	if (!s)
		return;
	const char *run = s;
	for (; *s; s++) {
		const char *entity = NULL;
		switch (*s) {
		case '&': entity = "&amp;"; break;
		case '<': entity = "&lt;"; break;
		case '>': entity = "&gt;"; break;
		case '"': entity = "&quot;"; break;
		case '\'': entity = "&#39;"; break;
		default: continue;
		}
		buf_append(out, run, (size_t)(s - run));
		buf_puts(out, entity);
		run = s + 1;
	}
	buf_append(out, run, (size_t)(s - run));
}

void html_raw(struct buf *out, const char *markup)
{
	buf_puts(out, markup);
}

void url_encode(struct buf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '-' || *p == '_' || *p == '.' || *p == '~') {
			buf_putc(out, (char)*p);
		} else {
			buf_putc(out, '%');
			buf_putc(out, hex[*p >> 4]);
			buf_putc(out, hex[*p & 15]);
		}
	}
}

void html_fmt(struct buf *out, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const char *run = fmt;
	for (const char *p = fmt; *p; p++) {
		if (*p != '%')
			continue;
		buf_append(out, run, (size_t)(p - run));
		p++;
		/* An optional precision for %f: "%.1f". */
		int precision = -1;
		if (*p == '.') {
			precision = 0;
			for (p++; *p >= '0' && *p <= '9'; p++)
				precision = precision * 10 + (*p - '0');
		}
		int longs = 0;
		bool size = false;
		while (*p == 'l') {
			longs++;
			p++;
		}
		if (*p == 'z') {
			size = true;
			p++;
		}
		char tmp[64];
		switch (*p) {
		case 's':
			html_text(out, va_arg(ap, const char *));
			break;
		case 'c': {
			char c[2] = { (char)va_arg(ap, int), '\0' };
			html_text(out, c);
			break;
		}
		case 'd':
			if (size)
				snprintf(tmp, sizeof tmp, "%zd", va_arg(ap, ssize_t));
			else if (longs >= 2)
				snprintf(tmp, sizeof tmp, "%lld", va_arg(ap, long long));
			else if (longs == 1)
				snprintf(tmp, sizeof tmp, "%ld", va_arg(ap, long));
			else
				snprintf(tmp, sizeof tmp, "%d", va_arg(ap, int));
			buf_puts(out, tmp);
			break;
		case 'u':
			if (size)
				snprintf(tmp, sizeof tmp, "%zu", va_arg(ap, size_t));
			else if (longs >= 2)
				snprintf(tmp, sizeof tmp, "%llu", va_arg(ap, unsigned long long));
			else if (longs == 1)
				snprintf(tmp, sizeof tmp, "%lu", va_arg(ap, unsigned long));
			else
				snprintf(tmp, sizeof tmp, "%u", va_arg(ap, unsigned));
			buf_puts(out, tmp);
			break;
		case 'f':
			snprintf(tmp, sizeof tmp, "%.*f", precision < 0 ? 6 : precision, va_arg(ap, double));
			buf_puts(out, tmp);
			break;
		case '%':
			buf_putc(out, '%');
			break;
		default:
			/* Not a conversion html_fmt knows: a bug in the caller. */
			buf_puts(out, "?");
			break;
		}
		run = p + 1;
	}
	buf_puts(out, run);
	va_end(ap);
}
