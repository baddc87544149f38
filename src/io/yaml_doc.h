/* A YAML (or JSON) document as a plain tree in which every node knows its
 * line and column, so that each problem in a hand-edited file is reported
 * where it is. Parsing is libfyaml's; this module only builds the tree and
 * applies Waymark's limits (no aliases, one document, bounded depth). */
#ifndef WAYMARK_YAML_DOC_H
#define WAYMARK_YAML_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"
#include "util/diag.h"

enum ynode_type { YNODE_SCALAR, YNODE_SEQUENCE, YNODE_MAPPING };

struct ynode {
	enum ynode_type type;
	int line;            /* 1-based */
	int column;          /* 1-based */
	/* Scalars: the text, NUL-terminated; `plain` when unquoted, so that
	 * `null` or `~` can be told from the string "null". */
	const char *text;
	bool plain;
	/* Sequences: items[0..count). Mappings: keys[i] -> items[i]. */
	struct ynode **items;
	struct ynode **keys;
	size_t count;
};

struct ydoc {
	struct arena arena;  /* owns every node and string */
	struct ynode *root;  /* NULL for an empty document */
};

/* Parses len bytes of YAML or JSON. On syntax errors adds them to diags
 * (with line and column) and returns false; doc is then empty but must
 * still be released with ydoc_free(). */
bool ydoc_parse(struct ydoc *doc, const char *text, size_t len,
		struct diag_list *diags);
void ydoc_free(struct ydoc *doc);

/* The value for key in a mapping, or NULL. */
struct ynode *ynode_lookup(const struct ynode *map, const char *key);
/* A scalar that is YAML null (~, null, or empty and plain). */
bool ynode_is_null(const struct ynode *n);
const char *ynode_type_name(enum ynode_type type);

#endif

/* Checked readers for hand-written files. Each reports a problem at the
 * node's line and column, naming `what` ("activity y7-fair: sessions"), and
 * returns false; on success it stores the value. */
bool ynode_want(const struct ynode *n, enum ynode_type type, const char *what,
		struct diag_list *diags);
bool ynode_string(const struct ynode *n, const char *what, struct diag_list *diags,
		  const char **out);
/* A string of at most max_chars characters (on one line when one_line), as
 * field_limit_fits checks it: a longer one is reported at the node
 * ("activity y7-fair: name is longer than 200 characters (it has 201):
 * shorten it"), never cut. */
bool ynode_text(const struct ynode *n, const char *what, size_t max_chars, bool one_line,
		struct diag_list *diags, const char **out);
bool ynode_int(const struct ynode *n, long min, long max, const char *what,
	       struct diag_list *diags, long *out);
bool ynode_number(const struct ynode *n, double min, double max, const char *what,
		  struct diag_list *diags, double *out);
bool ynode_bool(const struct ynode *n, const char *what, struct diag_list *diags,
		bool *out);
/* A list of integers in [min, max] (a single integer counts as a list of
 * one) as a bit mask: bit v set for each value v. Repeats are reported. */
bool ynode_int_set(const struct ynode *n, int min, int max, const char *what,
		   struct diag_list *diags, unsigned *out);
/* Reports every key of map not in allowed (NULL-terminated) and every
 * repeated key. Returns false if there was any. */
bool ynode_check_keys(const struct ynode *map, const char *const *allowed,
		      const char *what, struct diag_list *diags);
/* Reports a missing required key at the mapping's position. */
struct ynode *ynode_require(const struct ynode *map, const char *key, const char *what,
			    struct diag_list *diags);
