#include "util/strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

struct strmap_slot {
	char *key;      /* NULL: empty */
	uint64_t hash;
	size_t value;
};

/* FNV-1a: short keys, no adversary worth defending against here (the keys
 * come from the school's own files), and good enough spread. */
static uint64_t hash_key(const char *key)
{
	uint64_t h = 1469598103934665603ULL;
	for (const unsigned char *p = (const unsigned char *)key; *p; p++) {
		h ^= *p;
		h *= 1099511628211ULL;
	}
	return h;
}

static struct strmap_slot *find_slot(struct strmap_slot *slots, size_t cap, const char *key,
				     uint64_t hash)
{
	size_t i = (size_t)hash & (cap - 1);
	while (slots[i].key && (slots[i].hash != hash || strcmp(slots[i].key, key) != 0))
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

static void grow(struct strmap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 64;
	struct strmap_slot *slots = xcalloc(cap, sizeof *slots);
	for (size_t i = 0; i < m->cap; i++)
		if (m->slots[i].key)
			*find_slot(slots, cap, m->slots[i].key, m->slots[i].hash) = m->slots[i];
	free(m->slots);
	m->slots = slots;
	m->cap = cap;
}

void strmap_put(struct strmap *m, const char *key, size_t value)
{
	if ((m->count + 1) * 4 > m->cap * 3)
		grow(m);
	uint64_t hash = hash_key(key);
	struct strmap_slot *slot = find_slot(m->slots, m->cap, key, hash);
	if (!slot->key) {
		slot->key = xstrdup(key);
		slot->hash = hash;
		m->count++;
	}
	slot->value = value;
}

bool strmap_get(const struct strmap *m, const char *key, size_t *value)
{
	if (!m->cap)
		return false;
	struct strmap_slot *slot = find_slot(m->slots, m->cap, key, hash_key(key));
	if (!slot->key)
		return false;
	*value = slot->value;
	return true;
}

void strmap_free(struct strmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->slots[i].key);
	free(m->slots);
	*m = (struct strmap)STRMAP_INIT;
}
