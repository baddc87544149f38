/* Shared by the cmocka unit suites. Tests run from the repository root. */
#ifndef WAYMARK_UNIT_H
#define WAYMARK_UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "util/buf.h"
#include "util/date.h"
#include "util/diag.h"

/* A date from its parts; fails the test if the date is not real. */
static inline date_t D(int y, int m, int d)
{
	date_t out = DATE_NONE;
	assert_true(date_from_ymd(y, m, d, &out));
	return out;
}

/* Every problem in diags as printed, one per line; caller frees. */
static inline char *diag_text(const struct diag_list *diags)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	diag_print(diags, f);
	fclose(f);
	return text;
}

/* Asserts that diags printed exactly `expected`. */
#define assert_diags(diags, expected)                    \
	do {                                             \
		char *text_ = diag_text(diags);          \
		assert_string_equal(text_, (expected));  \
		free(text_);                             \
	} while (0)

/* s written n times over, as one string: text of an exact number of
 * characters ("é" 100 times is 100 characters in 200 bytes); caller frees. */
static inline char *repeat_text(const char *s, size_t n)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < n; i++)
		buf_puts(&b, s);
	return buf_detach(&b);
}

/* The whole of a file under the repository; caller frees. */
static inline char *read_fixture(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char *text = NULL;
	size_t size = 0;
	FILE *mem = open_memstream(&text, &size);
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		fwrite(chunk, 1, n, mem);
	fclose(f);
	fclose(mem);
	if (len)
		*len = size;
	return text;
}

/* Removes a test's database file and the files SQLite keeps beside it. */
static inline void unit_remove_db(const char *path)
{
	static const char *const suffixes[] = { "", "-wal", "-shm", "-lock" };
	char side[256];
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		snprintf(side, sizeof side, "%s%s", path, suffixes[i]);
		unlink(side);
	}
}

#endif
