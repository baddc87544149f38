/* The programme file: YAML (or JSON) as documented in
 * docs/programme-format.md, to and from struct programme. */
#ifndef WAYMARK_PROGRAMME_FILE_H
#define WAYMARK_PROGRAMME_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "domain/programme.h"
#include "util/diag.h"

/* Parses a programme file's text into p (which it initialises) and checks
 * it with programme_check(). Every problem goes to diags with its line and
 * column. Returns true when there were no errors; p must be freed either
 * way. */
bool programme_parse(const char *text, size_t len, struct programme *p,
		     struct diag_list *diags);

/* The programme as JSON text in the file format (so it can be read back by
 * programme_parse). Caller frees. */
char *programme_to_json(const struct programme *p);

/* The programme in the file format as a jansson object (json_t *), for
 * callers that embed it in a larger document. Caller decrefs. */
void *programme_to_json_value(const struct programme *p);

#endif
