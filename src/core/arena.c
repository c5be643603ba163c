/*
 * arena.c: the string store of arena.h: chunks of ARENA_CHUNK bytes taken
 * with malloc and handed out by moving a pointer, and a strmap of the
 * interned texts. With AddressSanitizer every allocation is followed by a
 * poisoned gap and the unused rest of a chunk stays poisoned, so an
 * overflow from one string into the next is reported as on the heap.
 */
#include "dais/arena.h"

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

/* Large enough that glibc maps it apart from its small-block heap, which
 * libical's short-lived parse objects keep reusing while a file loads. */
#define ARENA_CHUNK ((size_t)1 << 20)

struct arena_chunk {
	struct arena_chunk *next;
	size_t size; /* of the whole block */
	alignas(max_align_t) char data[];
};

struct arena {
	struct arena_chunk *chunks; /* the newest first */
	char *at, *end;             /* free space of the newest */
	size_t bytes;
	/* Interned texts; each value is the key's own address. */
	struct strmap interned;
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
		free(c);
	}
	strmap_free(&a->interned);
	free(a);
}

/* Room for size bytes at an address aligned to align (a power of two). */
static void *
take(struct arena *a, size_t size, size_t align)
{
	uintptr_t at =
	    ((uintptr_t)a->at + (align - 1)) & ~(uintptr_t)(align - 1);
	struct arena_chunk *c;
	size_t need;

	if (size > SIZE_MAX / 4)
		abort(); /* no text of a programme is that large */
	if (a->at == NULL || at > (uintptr_t)a->end ||
	    (uintptr_t)a->end - at < size + ARENA_GAP) {
		/* A block larger than a chunk gets a chunk of its own. */
		need = size + ARENA_GAP + align;
		need = need > ARENA_CHUNK - sizeof *c ? need + sizeof *c
		                                      : ARENA_CHUNK;
		c = xmalloc(need);
		c->size = need;
		c->next = a->chunks;
		a->chunks = c;
		a->bytes += need;
		a->at = c->data;
		a->end = (char *)c + need;
		POISON(a->at, (size_t)(a->end - a->at));
		at = ((uintptr_t)a->at + (align - 1)) & ~(uintptr_t)(align - 1);
	}
	a->at = (char *)(at + size + ARENA_GAP);
	UNPOISON((void *)at, size);
	return (void *)at;
}

void *
arena_alloc(struct arena *a, size_t size, size_t align)
{
	if (align == 0 || (align & (align - 1)) != 0 ||
	    align > alignof(max_align_t))
		abort(); /* a caller's bug */
	return take(a, size ? size : 1,
	            align > ARENA_GRANULE ? align : ARENA_GRANULE);
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *copy = take(a, n + 1, ARENA_GRANULE);

	memcpy(copy, s, n);
	copy[n] = '\0';
	return copy;
}

char *
arena_intern(struct arena *a, const char *s, size_t n)
{
	struct arena_chunk *chunk = a->chunks;
	char *mark = a->at, *copy;
	size_t found;

	/* Copied first, so that the map (which wants a NUL-terminated key)
	 * can be asked; when it has the text, the copy is given back (unless
	 * it started a chunk: then its bytes stay unused). */
	copy = arena_strndup(a, s, n);
	if (strmap_get(&a->interned, copy, &found)) {
		if (a->chunks == chunk) {
			POISON(copy, n + 1);
			a->at = mark;
		}
		return (char *)(uintptr_t)found;
	}
	strmap_add(&a->interned, copy, (size_t)(uintptr_t)copy);
	return copy;
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
