/* The escaping writer for HTML and SVG. Everything Waymark renders goes
 * through it: text and attribute values are escaped by default; trusted
 * markup needs the explicit, greppable html_raw.
 *
 *   html_fmt(out, "<td class=\"%s\">%s</td>", css, name);
 *
 * html_fmt's format string is trusted markup; every %s and %c argument is
 * escaped. It understands %s %c %d %u %ld %lu %lld %zu %f (with a
 * precision, e.g. %.1f) and %%. */
#ifndef WAYMARK_HTML_H
#define WAYMARK_HTML_H

#include "util/buf.h"

void html_fmt(struct buf *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Escapes & < > " ' in s. NULL writes nothing. */
void html_text(struct buf *out, const char *s);
/* Trusted markup, written as it is. Only for string literals and markup
 * Waymark itself built. */
void html_raw(struct buf *out, const char *markup);
/* Percent-encodes s for a URL's path segment or query value. */
void url_encode(struct buf *out, const char *s);

#endif
