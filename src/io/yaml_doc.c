#include "io/yaml_doc.h"

#include <libfyaml.h>
#include <stdlib.h>
#include <string.h>

#include "io/field_limit.h"
#include "util/buf.h"
#include "util/mem.h"
#include "util/text.h"

/* Deeper nesting than this is never a programme or calendar, only a way to
 * exhaust the stack. */
enum { YDOC_MAX_DEPTH = 32, YDOC_MAX_NODES = 500000 };

struct builder {
	struct ydoc *doc;
	struct diag_list *diags;
	struct fy_parser *parser;
	size_t nodes;
	bool failed;
};

/* A growable list of children, copied into the arena when complete. */
struct child_list {
	struct ynode **items;
	size_t count, cap;
};

static void child_push(struct child_list *list, struct ynode *n)
{
	ARRAY_RESERVE(list->items, list->cap, list->count + 1);
	list->items[list->count++] = n;
}

static struct ynode **child_freeze(struct ydoc *doc, struct child_list *list)
{
	if (!list->count)
		return NULL;
	struct ynode **items = arena_alloc(&doc->arena, list->count * sizeof *items);
	memcpy(items, list->items, list->count * sizeof *items);
	return items;
}

static struct ynode *new_node(struct builder *b, enum ynode_type type,
			      struct fy_event *event)
{
	struct ynode *n = arena_alloc(&b->doc->arena, sizeof *n);
	const struct fy_mark *mark = fy_event_start_mark(event);
	n->type = type;
	n->line = mark ? mark->line + 1 : 0;
	n->column = mark ? mark->column + 1 : 0;
	b->nodes++;
	return n;
}

static void fail(struct builder *b, struct fy_event *event, const char *msg)
{
	const struct fy_mark *mark = event ? fy_event_start_mark(event) : NULL;
	if (!b->failed)
		diag_error(b->diags, mark ? mark->line + 1 : 0,
			   mark ? mark->column + 1 : 0, "%s", msg);
	b->failed = true;
}

static struct ynode *build_node(struct builder *b, struct fy_event *event,
				int depth);

/* Reads children until the matching end event. For mappings, children
 * alternate key, value. Takes ownership of nothing; frees each event. */
static bool build_children(struct builder *b, struct ynode *n, int depth,
			   enum fy_event_type end)
{
	struct child_list items = { 0 }, keys = { 0 };
	bool ok = true;
	for (;;) {
		struct fy_event *event = fy_parser_parse(b->parser);
		if (!event) {
			ok = false;
			break;
		}
		if (event->type == end) {
			fy_parser_event_free(b->parser, event);
			break;
		}
		struct ynode *child = build_node(b, event, depth + 1);
		if (!child) {
			ok = false;
			break;
		}
		if (n->type == YNODE_MAPPING && keys.count == items.count)
			child_push(&keys, child);
		else
			child_push(&items, child);
	}
	n->items = child_freeze(b->doc, &items);
	n->keys = child_freeze(b->doc, &keys);
	n->count = items.count;
	free(items.items);
	free(keys.items);
	return ok;
}

/* Builds the node that starts with event (which this function frees). */
static struct ynode *build_node(struct builder *b, struct fy_event *event,
				int depth)
{
	struct ynode *n = NULL;
	if (depth > YDOC_MAX_DEPTH) {
		fail(b, event, "nesting is too deep (more than 32 levels)");
	} else if (b->nodes >= YDOC_MAX_NODES) {
		fail(b, event, "the file is too large (over 500000 values)");
	} else if (event->type == FYET_ALIAS) {
		fail(b, event, "aliases (*name) are not supported here: write the value out in full");
		/* libfyaml marks the alias's name; point at its '*'. */
		if (b->diags->count && b->diags->items[b->diags->count - 1].column > 1)
			b->diags->items[b->diags->count - 1].column--;
	} else if (event->type == FYET_SCALAR) {
		n = new_node(b, YNODE_SCALAR, event);
		size_t len = 0;
		const char *text = fy_token_get_text(event->scalar.value, &len);
		n->text = arena_strndup(&b->doc->arena, text ? text : "", text ? len : 0);
		if (text && strlen(n->text) != len) {
			fail(b, event, "a value contains a NUL character");
			n = NULL;
		} else {
			enum fy_scalar_style style = fy_token_scalar_style(event->scalar.value);
			n->plain = style == FYSS_PLAIN;
			/* libfyaml marks a quoted scalar's first character inside
			 * the quotes; messages point at the opening quote. */
			if ((style == FYSS_SINGLE_QUOTED || style == FYSS_DOUBLE_QUOTED) &&
			    n->column > 1)
				n->column--;
		}
	} else if (event->type == FYET_SEQUENCE_START || event->type == FYET_MAPPING_START) {
		bool mapping = event->type == FYET_MAPPING_START;
		n = new_node(b, mapping ? YNODE_MAPPING : YNODE_SEQUENCE, event);
		fy_parser_event_free(b->parser, event);
		event = NULL;
		if (!build_children(b, n, depth,
				    mapping ? FYET_MAPPING_END : FYET_SEQUENCE_END))
			n = NULL;
	} else {
		fail(b, event, "unexpected YAML structure");
	}
	if (event)
		fy_parser_event_free(b->parser, event);
	return n;
}

/* Copies libfyaml's collected syntax errors into diags. Unlike marks, these
 * positions are already 1-based. */
static void collect_parser_errors(struct fy_diag *fydiag, struct diag_list *diags)
{
	void *iter = NULL;
	struct fy_diag_error *err;
	while ((err = fy_diag_errors_iterate(fydiag, &iter)) != NULL)
		diag_error(diags, err->line, err->column,
			   "YAML syntax: %s", err->msg ? err->msg : "invalid");
}

bool ydoc_parse(struct ydoc *doc, const char *text, size_t len,
		struct diag_list *diags)
{
	*doc = (struct ydoc){ .arena = ARENA_INIT };
	size_t errors_before = diags->errors;

	/* Files must be UTF-8; checking here also keeps bytes that send
	 * libfyaml 0.7 into an endless loop from ever reaching it. */
	size_t valid = text_utf8_valid_prefix(text, len);
	size_t nul = strnlen(text, valid);
	/* YAML indents with spaces; a tab is a mistake, and libfyaml 0.7
	 * crashes on some tab placements (found by fuzzing: "? 7:<TAB>?"). */
	const char *tab = memchr(text, '\t', nul);
	if (tab && nul == len && valid == len) {
		int line = 1, column = 1;
		for (const char *p = text; p < tab; p++) {
			if (*p == '\n') {
				line++;
				column = 1;
			} else if (((unsigned char)*p & 0xC0) != 0x80) {
				column++;
			}
		}
		diag_error(diags, line, column,
			   "a tab character: indent with spaces, and write a tab inside a value as \\t in double quotes");
		return false;
	}
	if (nul < len) {
		/* The first NUL, or else the first byte that is not UTF-8. */
		size_t at = nul;
		int line = 1, column = 1;
		for (size_t i = 0; i < at; i++) {
			if (text[i] == '\n') {
				line++;
				column = 1;
			} else if (((unsigned char)text[i] & 0xC0) != 0x80) {
				column++;
			}
		}
		if (nul < valid)
			diag_error(diags, line, column, "the file contains a NUL byte: it is not a text file");
		else
			diag_error(diags, line, column,
				   "byte 0x%02X is not UTF-8: save the file as UTF-8 (in Excel or Notepad: \"UTF-8\")",
				   (unsigned char)text[at]);
		return false;
	}

	struct fy_diag_cfg diag_cfg;
	fy_diag_cfg_default(&diag_cfg);
	diag_cfg.fp = NULL;
	diag_cfg.colorize = false;
	struct fy_diag *fydiag = fy_diag_create(&diag_cfg);
	if (!fydiag) {
		diag_error(diags, 0, 0, "cannot start the YAML parser");
		return false;
	}
	fy_diag_set_collect_errors(fydiag, true);

	struct fy_parse_cfg cfg = {
		.flags = FYPCF_QUIET | FYPCF_COLLECT_DIAG | FYPCF_DEFAULT_VERSION_1_2 |
			 FYPCF_JSON_NONE,
		.diag = fydiag,
	};
	struct fy_parser *parser = fy_parser_create(&cfg);
	if (!parser) {
		fy_diag_destroy(fydiag); /* unref alone would leak the collected errors */
		diag_error(diags, 0, 0, "cannot start the YAML parser");
		return false;
	}
	struct builder b = { .doc = doc, .diags = diags, .parser = parser };
	/* libfyaml wants the input to stay put while parsing: it does, since
	 * it is the caller's buffer and we finish before returning. */
	if (fy_parser_set_string(parser, text, len) != 0) {
		diag_error(diags, 0, 0, "cannot read the file as YAML");
		b.failed = true;
	}

	int documents = 0;
	while (!b.failed) {
		struct fy_event *event = fy_parser_parse(parser);
		if (!event)
			break;
		enum fy_event_type type = event->type;
		if (type == FYET_DOCUMENT_START) {
			if (++documents > 1)
				fail(&b, event, "only one YAML document is allowed in a file (remove the second '---')");
			fy_parser_event_free(parser, event);
		} else if (type == FYET_STREAM_START || type == FYET_STREAM_END ||
			   type == FYET_DOCUMENT_END) {
			fy_parser_event_free(parser, event);
		} else {
			struct ynode *root = build_node(&b, event, 0);
			if (root)
				doc->root = root;
			else
				b.failed = true;
		}
	}
	if (fy_parser_get_stream_error(parser)) {
		b.failed = true;
		collect_parser_errors(fydiag, diags);
	} else if (b.failed) {
		/* We stopped early (an alias, too deep, a second document).
		 * libfyaml 0.7 can crash destroying a parser left mid-stream,
		 * so read the rest of the events first. */
		struct fy_event *event;
		while ((event = fy_parser_parse(parser)) != NULL)
			fy_parser_event_free(parser, event);
	}
	if (b.failed && diags->errors == errors_before)
		diag_error(diags, 0, 0, "the file is not valid YAML or JSON");

	fy_parser_destroy(parser);
	fy_diag_destroy(fydiag); /* unref alone would leak the collected errors */
	if (b.failed) {
		arena_free(&doc->arena);
		doc->root = NULL;
		return false;
	}
	return true;
}

void ydoc_free(struct ydoc *doc)
{
	arena_free(&doc->arena);
	doc->root = NULL;
}

struct ynode *ynode_lookup(const struct ynode *map, const char *key)
{
	if (!map || map->type != YNODE_MAPPING)
		return NULL;
	for (size_t i = 0; i < map->count; i++)
		if (map->keys[i]->type == YNODE_SCALAR &&
		    strcmp(map->keys[i]->text, key) == 0)
			return map->items[i];
	return NULL;
}

bool ynode_is_null(const struct ynode *n)
{
	return n && n->type == YNODE_SCALAR && n->plain &&
	       (n->text[0] == '\0' || strcmp(n->text, "~") == 0 ||
		strcmp(n->text, "null") == 0 || strcmp(n->text, "Null") == 0 ||
		strcmp(n->text, "NULL") == 0);
}

const char *ynode_type_name(enum ynode_type type)
{
	switch (type) {
	case YNODE_SCALAR:
		return "a single value";
	case YNODE_SEQUENCE:
		return "a list";
	case YNODE_MAPPING:
		return "a mapping of keys to values";
	}
	return "?";
}

bool ynode_want(const struct ynode *n, enum ynode_type type, const char *what,
		struct diag_list *diags)
{
	if (n->type == type && !(type == YNODE_SCALAR && ynode_is_null(n)))
		return true;
	diag_error(diags, n->line, n->column, "%s must be %s, not %s", what,
		   ynode_type_name(type),
		   ynode_is_null(n) ? "empty" : ynode_type_name(n->type));
	return false;
}

bool ynode_string(const struct ynode *n, const char *what, struct diag_list *diags,
		  const char **out)
{
	if (!ynode_want(n, YNODE_SCALAR, what, diags))
		return false;
	*out = n->text;
	return true;
}

bool ynode_text(const struct ynode *n, const char *what, size_t max_chars, bool one_line,
		struct diag_list *diags, const char **out)
{
	const char *s;
	if (!ynode_string(n, what, diags, &s))
		return false;
	const struct field_limit limit = { what, max_chars, one_line, NULL };
	if (!field_limit_fits(&limit, s, diags, n->line, n->column, NULL))
		return false;
	*out = s;
	return true;
}

bool ynode_int(const struct ynode *n, long min, long max, const char *what,
	       struct diag_list *diags, long *out)
{
	if (!ynode_want(n, YNODE_SCALAR, what, diags))
		return false;
	if (!text_to_int(n->text, min, max, out)) {
		diag_error(diags, n->line, n->column,
			   "%s must be a whole number from %ld to %ld, not \"%s\"", what, min,
			   max, n->text);
		return false;
	}
	return true;
}

bool ynode_number(const struct ynode *n, double min, double max, const char *what,
		  struct diag_list *diags, double *out)
{
	if (!ynode_want(n, YNODE_SCALAR, what, diags))
		return false;
	if (!text_to_double(n->text, min, max, out)) {
		diag_error(diags, n->line, n->column,
			   "%s must be a number from %g to %g, not \"%s\"", what, min, max,
			   n->text);
		return false;
	}
	return true;
}

bool ynode_bool(const struct ynode *n, const char *what, struct diag_list *diags,
		bool *out)
{
	if (!ynode_want(n, YNODE_SCALAR, what, diags))
		return false;
	if (strcmp(n->text, "true") == 0) {
		*out = true;
	} else if (strcmp(n->text, "false") == 0) {
		*out = false;
	} else {
		diag_error(diags, n->line, n->column, "%s must be true or false, not \"%s\"",
			   what, n->text);
		return false;
	}
	return true;
}

bool ynode_int_set(const struct ynode *n, int min, int max, const char *what,
		   struct diag_list *diags, unsigned *out)
{
	unsigned mask = 0;
	bool ok = true;
	size_t count = n->type == YNODE_SEQUENCE ? n->count : 1;
	if (n->type == YNODE_MAPPING) {
		diag_error(diags, n->line, n->column,
			   "%s must be a number or a list of numbers like [%d, %d]", what, min,
			   min + 1 <= max ? min + 1 : min);
		return false;
	}
	for (size_t i = 0; i < count; i++) {
		const struct ynode *item = n->type == YNODE_SEQUENCE ? n->items[i] : n;
		long v;
		if (!ynode_int(item, min, max, what, diags, &v)) {
			ok = false;
			continue;
		}
		if (mask & (1u << v)) {
			diag_error(diags, item->line, item->column, "%s lists %ld twice", what, v);
			ok = false;
		}
		mask |= 1u << v;
	}
	if (ok)
		*out = mask;
	return ok;
}

bool ynode_check_keys(const struct ynode *map, const char *const *allowed,
		      const char *what, struct diag_list *diags)
{
	bool ok = true;
	for (size_t i = 0; i < map->count; i++) {
		const struct ynode *key = map->keys[i];
		if (key->type != YNODE_SCALAR) {
			diag_error(diags, key->line, key->column, "%s: keys must be plain words",
				   what);
			ok = false;
			continue;
		}
		bool known = false;
		for (const char *const *a = allowed; *a; a++)
			known = known || strcmp(*a, key->text) == 0;
		if (!known) {
			struct buf list = BUF_INIT;
			for (const char *const *a = allowed; *a; a++)
				buf_printf(&list, "%s%s", a == allowed ? "" : ", ", *a);
			diag_error(diags, key->line, key->column,
				   "%s: unknown key `%s` (expected one of: %s)", what, key->text,
				   buf_str(&list));
			buf_free(&list);
			ok = false;
		}
		for (size_t j = 0; j < i; j++) {
			if (map->keys[j]->type == YNODE_SCALAR &&
			    strcmp(map->keys[j]->text, key->text) == 0) {
				diag_error(diags, key->line, key->column,
					   "%s: key `%s` appears twice (first at line %d)", what,
					   key->text, map->keys[j]->line);
				ok = false;
				break;
			}
		}
	}
	return ok;
}

struct ynode *ynode_require(const struct ynode *map, const char *key, const char *what,
			    struct diag_list *diags)
{
	struct ynode *v = ynode_lookup(map, key);
	if (!v)
		diag_error(diags, map->line, map->column, "%s: missing required key `%s`", what,
			   key);
	return v;
}
