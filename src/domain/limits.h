/* The longest text each kind of field may hold, in characters (code
 * points), as docs/limits.md lists them. Text is checked where it comes in
 * (web forms, command-line options, imported files, the programme and
 * calendar files) and refused with a message naming the field and its
 * limit: never cut silently, never cut in the middle of a character.
 * Buffers that hold such text are LIMIT_BYTES(limit) long. */
#ifndef WAYMARK_LIMITS_H
#define WAYMARK_LIMITS_H

#include <stdbool.h>
#include <stddef.h>

enum text_limit {
	LIMIT_NAME = 100,    /* one part of a person's name; a staff member's or adviser's name */
	LIMIT_LOGIN = 60,    /* a sign-in name */
	LIMIT_TITLE = 200,   /* a school, activity, event, organisation, term or date's name */
	LIMIT_GROUP = 30,    /* a tutor group, a house */
	LIMIT_SCOPE = 200,   /* a tutor's groups ("7A 7B Y8") */
	LIMIT_NOTE = 500,    /* a one-line note: a timing rule's note, a checklist item's evidence */
	LIMIT_TEXT = 4000,   /* free text: guidance notes and agreed actions, aims, descriptions */
	LIMIT_SEARCH = 100,  /* what is typed into a search box */
};

/* Bytes of a buffer that holds any text of `chars` characters, with its
 * terminating NUL: UTF-8 takes at most four bytes a character. */
#define LIMIT_BYTES(chars) ((chars) * 4 + 1)

/* Why text cannot go in a field of at most max_chars characters, as the
 * end of a sentence ("is longer than 100 characters"), or NULL when it
 * fits: not UTF-8, too long, or (for a one-line field) holding a line
 * break or a tab. */
const char *text_limit_problem(const char *text, size_t max_chars, bool one_line);

#endif
