/*
 * strmap.c: the string map of strmap.h, linear probing in a table kept at
 * most half full. Each slot keeps its key's hash beside the key, so a
 * probe reads the key's bytes only when the hashes match (then they are
 * almost always the same key): the keys (ids, UIDs) lie all over the heap
 * and the programme's store, and reaching one was most of a lookup's
 * time.
 */
#include "dais/strmap.h"

#include <stdlib.h>
#include <string.h>

/* Header only: inlined, no library to load at start-up. */
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "dais/xalloc.h"

uint64_t
fnv1a_add(uint64_t h, const void *data, size_t n)
{
	const unsigned char *p = data;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ p[i]) * FNV1A_PRIME;
	return h;
}

uint64_t
fnv1a(const void *data, size_t n)
{
	return fnv1a_add(FNV1A_OFFSET_BASIS, data, n);
}

uint64_t
fnv1a_str(const char *s)
{
	return fnv1a(s, strlen(s));
}

/* XXH3 reads a short key in a few steps where FNV-1a took one per byte,
 * and its low bits are as good as its high ones. */
uint32_t
strmap_hash(const char *key, size_t len)
{
	uint64_t h = XXH3_64bits(key, len);

	return (uint32_t)(h ^ (h >> 32));
}

/* A value as a slot keeps it. */
static uint32_t
value_in(size_t value)
{
	if (value == (size_t)-1)
		return UINT32_MAX;
	if (value >= UINT32_MAX)
		abort(); /* a caller's bug: see strmap.h */
	return (uint32_t)value;
}

static size_t
value_out(uint32_t value)
{
	return value == UINT32_MAX ? (size_t)-1 : value;
}

/*
 * The slot holding key (hash h), or the empty slot where it would go. The
 * table must have room (cap > 0).
 */
static size_t
find(const struct strmap *m, const char *key, uint32_t h)
{
	size_t mask = m->cap - 1, i;

	for (i = h & mask; m->slot[i].key != NULL; i = (i + 1) & mask)
		if (m->slot[i].hash == h && strcmp(m->slot[i].key, key) == 0)
			break;
	return i;
}

/* The table rebuilt with cap slots (a power of two, over twice n). */
static void
strmap_rehash(struct strmap *m, size_t cap)
{
	struct strmap_slot *old = m->slot;
	size_t oldcap = m->cap, i, j, mask;

	m->cap = cap;
	mask = m->cap - 1;
	m->slot = xcalloc(m->cap, sizeof *m->slot);
	for (i = 0; i < oldcap; i++) {
		if (old[i].key == NULL)
			continue;
		/* Keys are distinct: the first empty slot is the place. */
		for (j = old[i].hash & mask; m->slot[j].key != NULL;
		     j = (j + 1) & mask)
			;
		m->slot[j] = old[i];
	}
	free(old);
}

void
strmap_reserve(struct strmap *m, size_t n)
{
	size_t cap = m->cap ? m->cap : 16;

	if (n > SIZE_MAX / 4)
		abort(); /* a caller's bug */
	while (n * 2 > cap)
		cap *= 2;
	if (cap != m->cap)
		strmap_rehash(m, cap);
}

bool
strmap_get(const struct strmap *m, const char *key, size_t *value)
{
	size_t i;

	if (m->cap == 0)
		return false;
	i = find(m, key, strmap_hash(key, strlen(key)));
	if (m->slot[i].key == NULL)
		return false;
	if (value != NULL)
		*value = value_out(m->slot[i].value);
	return true;
}

/* The slot of key, made (empty of value) when the key is new: then *added
 * is true. */
static struct strmap_slot *
slot_of(struct strmap *m, const char *key, bool *added)
{
	uint32_t h = strmap_hash(key, strlen(key));
	size_t i;

	if (m->cap != 0) {
		i = find(m, key, h);
		if (m->slot[i].key != NULL) {
			*added = false;
			return &m->slot[i];
		}
	}
	if ((m->n + 1) * 2 > m->cap)
		strmap_rehash(m, m->cap ? m->cap * 2 : 16);
	i = find(m, key, h);
	m->slot[i].key = key;
	m->slot[i].hash = h;
	m->n++;
	*added = true;
	return &m->slot[i];
}

bool
strmap_add(struct strmap *m, const char *key, size_t value)
{
	bool added;
	struct strmap_slot *s = slot_of(m, key, &added);

	if (added)
		s->value = value_in(value);
	return added;
}

void
strmap_set(struct strmap *m, const char *key, size_t value)
{
	bool added;

	slot_of(m, key, &added)->value = value_in(value);
}

void
strmap_free(struct strmap *m)
{
	free(m->slot);
	memset(m, 0, sizeof *m);
}

uint64_t
splitmix64(uint64_t *state)
{
	uint64_t x = (*state += 0x9e3779b97f4a7c15u);

	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9u;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebu;
	return x ^ (x >> 31);
}
