/*
 * strmap.c: the string map of strmap.h, linear probing in a table kept at
 * most half full.
 */
#include "dais/strmap.h"

#include <stdlib.h>
#include <string.h>

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

/* FNV's low bits are weak for short keys; fold the high ones in. */
static size_t
strmap_home(const struct strmap *m, const char *key)
{
	uint64_t h = fnv1a_str(key);

	return (size_t)(h ^ (h >> 29)) & (m->cap - 1);
}

static void
strmap_place(struct strmap *m, const char *key, size_t value)
{
	size_t i;

	for (i = strmap_home(m, key); m->slot[i].key != NULL;
	     i = (i + 1) & (m->cap - 1))
		;
	m->slot[i].key = key;
	m->slot[i].value = value;
}

static void
strmap_grow(struct strmap *m)
{
	struct strmap_slot *old = m->slot;
	size_t oldcap = m->cap, i;

	m->cap = oldcap ? oldcap * 2 : 16;
	m->slot = xcalloc(m->cap, sizeof *m->slot);
	for (i = 0; i < oldcap; i++)
		if (old[i].key != NULL)
			strmap_place(m, old[i].key, old[i].value);
	free(old);
}

bool
strmap_get(const struct strmap *m, const char *key, size_t *value)
{
	size_t i;

	if (m->cap == 0)
		return false;
	for (i = strmap_home(m, key); m->slot[i].key != NULL;
	     i = (i + 1) & (m->cap - 1))
		if (strcmp(m->slot[i].key, key) == 0) {
			if (value != NULL)
				*value = m->slot[i].value;
			return true;
		}
	return false;
}

bool
strmap_add(struct strmap *m, const char *key, size_t value)
{
	if (strmap_get(m, key, NULL))
		return false;
	if ((m->n + 1) * 2 > m->cap)
		strmap_grow(m);
	strmap_place(m, key, value);
	m->n++;
	return true;
}

void
strmap_set(struct strmap *m, const char *key, size_t value)
{
	size_t i;

	if (m->cap != 0)
		for (i = strmap_home(m, key); m->slot[i].key != NULL;
		     i = (i + 1) & (m->cap - 1))
			if (strcmp(m->slot[i].key, key) == 0) {
				m->slot[i].value = value;
				return;
			}
	strmap_add(m, key, value);
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
