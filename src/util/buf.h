/* The one growable byte buffer. Always NUL-terminated once anything has been
 * appended, so `data` can be used as a C string. */
#ifndef WAYMARK_BUF_H
#define WAYMARK_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data;
	size_t len;
	size_t cap;
};

#define BUF_INIT { NULL, 0, 0 }

void buf_reserve(struct buf *b, size_t extra);
void buf_append(struct buf *b, const void *data, size_t len);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* Empty the buffer but keep its memory. */
void buf_reset(struct buf *b);
/* The contents as a C string ("" when empty); the buffer still owns it. */
const char *buf_str(const struct buf *b);
/* Hand the contents to the caller (free() it); the buffer is left empty. */
char *buf_detach(struct buf *b);
void buf_free(struct buf *b);

#endif
