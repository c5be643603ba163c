/*
 * arena.c: the string store of arena.h: chunks taken with xbulk_alloc
 * and handed out by moving a pointer, and a table of the
 * interned texts, which are kept in chunks of their own. With AddressSanitizer
 * every allocation is followed by a poisoned gap and the unused rest of a chunk
 * stays poisoned, so an overflow from one string into the next is reported as
 * on the heap.
 */
#include "dais/arena.h"

#include <assert.h>
#include <stdalign.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dais/strmap.h"
#include "dais/xalloc.h"

#if defined(__SANITIZE_ADDRESS__)
#define ARENA_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARENA_ASAN 1
#endif
#endif

#ifdef ARENA_ASAN
#include <sanitizer/asan_interface.h>
/* Every allocation starts on a shadow granule and has one poisoned
 * granule after it. */
#define ARENA_GRANULE  8
#define ARENA_GAP      8
#define POISON(p, n)   ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define ARENA_GRANULE  1
#define ARENA_GAP      0
#define POISON(p, n)   ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

/* The first chunks: large enough that glibc maps them apart from its
 * small-block heap, which libical's short-lived parse objects keep reusing
 * while a file loads, and small enough for a small programme. A store that
 * outgrows two of them, or is told to expect more than one
 * (arena_expect), takes its next chunks as huge pages (xbulk_alloc):
 * a programme of 100 000 sessions has some 15 MiB here, which came in as
 * 3 400 page faults of 4 KiB. (Huge chunks from the start would hold 1.2
 * MiB more, half empty, at 10 000 sessions.) */
#define ARENA_CHUNK     ((size_t)1 << 20)
#define ARENA_BIG_CHUNK XBULK_HUGE
/* The interned texts' blocks, cut from the chunks: a programme has a few
 * thousand distinct ids and names, which stay together in a few of these,
 * so a lookup that finds one reads memory the last lookups read too. */
#define ARENA_INTERN_CHUNK ((size_t)64 << 10)

struct arena_chunk {
	struct arena_chunk *next;
	size_t size; /* of the whole block */
	alignas(max_align_t) char data[];
};

/* The free space of a chunk being filled. */
struct bump {
	char *at, *end;
};

/* A slot of the interned texts' table: the text's hash and length are
 * compared before its bytes are read, and 16 bytes a slot keep a
 * programme's table (a few thousand texts) small enough to stay in the
 * cache while libical's parse streams through it. */
struct interned {
	char *text; /* NULL: empty */
	uint32_t hash, len;
};

struct arena {
	struct arena_chunk *chunks; /* every chunk, the newest first */
	struct bump any;            /* texts and arrays of one holder */
	struct bump interned;       /* arena_intern's texts */
	size_t bytes;
	/* arena_intern's texts by hash, linear probing, at most 3/4 full;
	 * cap is 0 or a power of two. */
	struct interned *table;
	size_t ntexts, cap;
	bool large; /* arena_expect: huge-page chunks from the first */
};

struct arena *
arena_new(void)
{
	return xcalloc(1, sizeof(struct arena));
}

void
arena_free(struct arena *a)
{
	struct arena_chunk *c, *next;

	if (a == NULL)
		return;
	for (c = a->chunks; c != NULL; c = next) {
		next = c->next;
		UNPOISON(c, c->size);
		xbulk_free(c, c->size);
	}
	free(a->table);
	free(a);
}

/* Room for size bytes at an address aligned to align (a power of two),
 * from b; a new chunk when b is full. */
static void *
take(struct arena *a, struct bump *b, size_t size, size_t align)
{
	uintptr_t at =
	    ((uintptr_t)b->at + (align - 1)) & ~(uintptr_t)(align - 1);
	struct arena_chunk *c;
	size_t need;

	if (size > SIZE_MAX / 4)
		abort(); /* no text of a programme is that large */
	if (b->at == NULL || at > (uintptr_t)b->end ||
	    (uintptr_t)b->end - at < size + ARENA_GAP) {
		need = size + ARENA_GAP + align;
		if (b == &a->interned && need <= ARENA_INTERN_CHUNK / 2) {
			/* Cut from the other texts' chunks: a malloc block
			 * of its own would move libical's small blocks. */
			b->at = take(a, &a->any, ARENA_INTERN_CHUNK,
			             alignof(max_align_t));
			b->end = b->at + ARENA_INTERN_CHUNK;
		} else {
			size_t chunk = a->large || a->bytes >= 2 * ARENA_CHUNK
			                   ? ARENA_BIG_CHUNK
			                   : ARENA_CHUNK;

			/* A block larger than a chunk gets a chunk of its
			 * own. */
			need =
			    need > chunk - sizeof *c ? need + sizeof *c : chunk;
			c = xbulk_alloc(need);
			c->size = need;
			c->next = a->chunks;
			a->chunks = c;
			a->bytes += need;
			b->at = c->data;
			b->end = (char *)c + need;
		}
		POISON(b->at, (size_t)(b->end - b->at));
		at = ((uintptr_t)b->at + (align - 1)) & ~(uintptr_t)(align - 1);
	}
	b->at = (char *)(at + size + ARENA_GAP);
	UNPOISON((void *)at, size);
	return (void *)at;
}

void *
arena_alloc(struct arena *a, size_t size, size_t align)
{
	if (align == 0 || (align & (align - 1)) != 0 ||
	    align > alignof(max_align_t))
		abort(); /* a caller's bug */
	return take(a, &a->any, size ? size : 1,
	            align > ARENA_GRANULE ? align : ARENA_GRANULE);
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *copy = take(a, &a->any, n + 1, ARENA_GRANULE);

	memcpy(copy, s, n);
	copy[n] = '\0';
	return copy;
}

/*
 * Whether the n bytes at x and y are the same, compared a word at a time
 * (both hold n bytes): the ids and names of a programme are short, and a
 * call to memcmp made the lookup save and restore registers of its own.
 */
static inline bool
same_bytes(const char *x, const char *y, size_t n)
{
	uint64_t u, v;
	uint32_t p, q;
	size_t i;

	if (n >= 8) {
		for (i = 0; i + 8 < n; i += 8) {
			memcpy(&u, x + i, 8);
			memcpy(&v, y + i, 8);
			if (u != v)
				return false;
		}
		memcpy(&u, x + n - 8, 8);
		memcpy(&v, y + n - 8, 8);
		return u == v;
	}
	if (n >= 4) {
		memcpy(&p, x, 4);
		memcpy(&q, y, 4);
		if (p != q)
			return false;
		memcpy(&p, x + n - 4, 4);
		memcpy(&q, y + n - 4, 4);
		return p == q;
	}
	for (i = 0; i < n; i++)
		if (x[i] != y[i])
			return false;
	return true;
}

/* The slot of the n bytes at s (hash h), or the empty one where they
 * would go. */
static struct interned *
intern_slot(const struct arena *a, const char *s, uint32_t n, uint32_t h)
{
	size_t mask = a->cap - 1, i;
	struct interned *x;

	for (i = h & mask;; i = (i + 1) & mask) {
		x = &a->table[i];
		if (x->text == NULL ||
		    (x->hash == h && x->len == n && same_bytes(x->text, s, n)))
			return x;
	}
}

static void
intern_grow(struct arena *a)
{
	struct interned *old = a->table;
	size_t oldcap = a->cap, i, j, mask;

	a->cap = oldcap ? oldcap * 2 : 256;
	mask = a->cap - 1;
	a->table = xcalloc(a->cap, sizeof *a->table);
	for (i = 0; i < oldcap; i++) {
		if (old[i].text == NULL)
			continue;
		/* The texts are distinct: the first empty slot is the place. */
		for (j = old[i].hash & mask; a->table[j].text != NULL;
		     j = (j + 1) & mask)
			;
		a->table[j] = old[i];
	}
	free(old);
}

char *
arena_intern(struct arena *a, const char *s, size_t n)
{
	return arena_intern_hashed(a, s, n, strmap_hash(s, n));
}

/* The n bytes at s (hash h) join the table: they are not in it. Kept
 * out of arena_intern_hashed, whose every call would otherwise pay for
 * the registers this needs. */
__attribute__((noinline)) static char *
intern_add(struct arena *a, const char *s, uint32_t n, uint32_t h)
{
	struct interned *x;

	if ((a->ntexts + 1) * 4 > a->cap * 3)
		intern_grow(a);
	x = intern_slot(a, s, n, h);
	x->text = take(a, &a->interned, (size_t)n + 1, ARENA_GRANULE);
	memcpy(x->text, s, n);
	x->text[n] = '\0';
	x->hash = h;
	x->len = n;
	a->ntexts++;
	return x->text;
}

char *
arena_intern_hashed(struct arena *a, const char *s, size_t n, unsigned hash)
{
	uint32_t h = hash;
	size_t mask, i;

	if (n > UINT32_MAX)
		abort(); /* no id or name of a programme is that large */
	/* A wrong hash would make a second copy of a text, and the loader
	 * compares interned texts by address. */
	assert(h == strmap_hash(s, n));
	/* Asked with (s, n) as they are: a text seen before costs no copy.
	 * Nearly every call finds its text: that walk is kept short, and
	 * adding one is intern_add's. */
	if (a->cap != 0) {
		mask = a->cap - 1;
		for (i = h & mask; a->table[i].text != NULL; i = (i + 1) & mask)
			if (a->table[i].hash == h && a->table[i].len == n &&
			    same_bytes(a->table[i].text, s, n))
				return a->table[i].text;
	}
	return intern_add(a, s, (uint32_t)n, h);
}

unsigned
arena_intern_prefetch(const struct arena *a, const char *s, size_t n)
{
	uint32_t h = strmap_hash(s, n);

	if (a->cap != 0)
		__builtin_prefetch(&a->table[h & (a->cap - 1)]);
	return h;
}

void
arena_intern_prefetch_text(const struct arena *a, unsigned hash)
{
	size_t mask = a->cap - 1, i;

	if (a->cap == 0)
		return;
	/* The first text of that hash is most likely the one. */
	for (i = hash & mask; a->table[i].text != NULL; i = (i + 1) & mask)
		if (a->table[i].hash == hash) {
			__builtin_prefetch(a->table[i].text);
			return;
		}
}

void
arena_expect(struct arena *a, size_t bytes)
{
	/* More than a first chunk holds: the huge pages' few faults are
	 * worth a partly empty last page. */
	if (bytes > ARENA_CHUNK)
		a->large = true;
}

size_t
arena_size(const struct arena *a)
{
	return a->bytes;
}

void
arena_release(void *ptr, size_t size)
{
	if (ptr != NULL)
		POISON(ptr, size);
}

void
arena_release_text(char *text)
{
#ifdef ARENA_ASAN
	if (text != NULL)
		POISON(text, strlen(text) + 1);
#else
	(void)text; /* a release build keeps no record to update */
#endif
}
