/* Small string helpers: trimming, comparing, range-checked numbers. */
#ifndef WAYMARK_TEXT_H
#define WAYMARK_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* Trims ASCII whitespace at both ends in place; returns s. */
char *text_trim(char *s);
bool text_eq_nocase(const char *a, const char *b);
bool text_starts_with(const char *s, const char *prefix);
/* Parses a whole decimal integer in [min, max]; false on anything else
 * (empty, sign only, trailing junk, out of range). */
bool text_to_int(const char *s, long min, long max, long *out);
/* Parses a whole decimal number like "7.5" in [min, max]. */
bool text_to_double(const char *s, double min, double max, double *out);
/* A slug: 1-64 characters of [a-z0-9-], starting with a letter or digit.
 * Programme and calendar ids are slugs so they stay stable in URLs and CSV. */
bool text_is_slug(const char *s);
/* True when s is valid UTF-8 (no overlongs, no surrogates). */
bool text_is_utf8(const char *s, size_t len);
/* The length of the longest valid UTF-8 prefix of s: len when all of it
 * is valid, else the offset of the first bad byte. */
size_t text_utf8_valid_prefix(const char *s, size_t len);
/* Copies text into out (size bytes), cut if it must be at the end of a
 * whole UTF-8 character, never in the middle of one. */
void text_copy(char *out, size_t size, const char *text);
/* Drops an incomplete character from the end of s, as a cut to a buffer's
 * size (snprintf) can leave. */
void text_drop_partial(char *s);
/* The bytes of s's first max_chars characters (all of s when shorter):
 * where to cut valid UTF-8 to keep at most max_chars characters. */
size_t text_chars_prefix(const char *s, size_t max_chars);


/* Appends text word-wrapped to `width` columns, every line starting with
 * `indent` spaces (the first with `first_indent`). Width counts characters,
 * not bytes, so accented names wrap where they should. */
struct buf;
void text_wrap(struct buf *out, const char *text, int first_indent, int indent, int width);
/* Appends s to out in a column `width` characters wide: cut at a character
 * boundary with "..." when longer, padded with spaces when shorter. Plain
 * printf widths count bytes, which misaligns and can split accented names. */
void text_column(struct buf *out, const char *s, size_t width);
/* Characters (UTF-8 code points) in s. */
size_t text_width(const char *s);
/* s made fit for matching names as people type them: case folded, accents
 * taken off (Zoë and ZOE both "zoe", Siân "sian", Łukasz "łukasz"), with
 * libunistring. A new string the caller frees; invalid UTF-8 is returned
 * as a copy. */
char *text_fold(const char *s);
#endif
