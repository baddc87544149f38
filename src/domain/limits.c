#include "domain/limits.h"

#include <stdio.h>
#include <string.h>

#include "util/text.h"

const char *text_limit_problem(const char *text, size_t max_chars, bool one_line)
{
	static __thread char message[64];
	size_t len = strlen(text);
	if (!text_is_utf8(text, len))
		return "is not valid UTF-8 text";
	if (one_line && strpbrk(text, "\r\n\t"))
		return "must be on one line";
	if (text_width(text) > max_chars) {
		snprintf(message, sizeof message, "is longer than %zu characters", max_chars);
		return message;
	}
	return NULL;
}
