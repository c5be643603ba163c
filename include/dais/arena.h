/*
 * arena.h: a programme's string store. The strings and attendee arrays of
 * sessions read from files are bump-allocated in large chunks instead of
 * one malloc block each (16 bytes of bookkeeping apiece, and a heap
 * scattered over the whole programme), and ids that repeat across
 * sessions (rooms, people, kinds) are kept once. Nothing in it is freed
 * on its own: the whole store goes with its programme (programme_free).
 *
 * Who may hold its memory: a session's fields marked stored
 * (struct session's `stored`, session_field.h); session_field.c decides
 * how each is released, so no other code passes store memory to free().
 */
#ifndef DAIS_ARENA_H
#define DAIS_ARENA_H

#include <stddef.h>

struct arena;

/* An empty store (it takes no memory until the first allocation). */
struct arena *arena_new(void);
/* Frees every chunk; NULL is fine. Pointers into it dangle. */
void arena_free(struct arena *a);

/* size bytes aligned to align (a power of two, at most
 * alignof(max_align_t): pass alignof the type); never NULL. */
void *arena_alloc(struct arena *a, size_t size, size_t align);
/* A copy of the n bytes at s, NUL-terminated: the caller's own. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
/*
 * The one NUL-terminated copy of the n bytes at s (no NUL among them;
 * none needed after them) that the store holds, made on first use: the
 * same text gives the same pointer. Shared by every holder, so never
 * write through it.
 */
char *arena_intern(struct arena *a, const char *s, size_t n);
/*
 * Asks the processor to fetch the table slot where arena_intern would look
 * the n bytes at s up, so that an arena_intern of them some work later
 * does not wait for memory (a programme's table of a few thousand texts
 * is out of the cache by then: libical's parse went through it). Returns
 * the text's hash, for arena_intern_prefetch_text once the slot has come
 * and for arena_intern_hashed. The prefetches change nothing; the hash
 * returned must go with the same bytes to arena_intern_hashed.
 */
unsigned arena_intern_prefetch(const struct arena *a, const char *s, size_t n);
/* The same prefetch for the stored text of that hash, which arena_intern
 * compares (a second wait for memory). */
void arena_intern_prefetch_text(const struct arena *a, unsigned hash);
/* arena_intern of the n bytes at s whose hash arena_intern_prefetch
 * returned, without hashing them again (checked when NDEBUG is not
 * defined: a wrong hash would make a second copy of the text, and callers
 * that compare interned texts by address would see two). */
char *arena_intern_hashed(struct arena *a, const char *s, size_t n,
                          unsigned hash);
/* Says the store will hold about `bytes`: from 1 MiB up, it takes
 * huge-page chunks (xbulk_alloc) from the first instead of after its
 * first 2 MiB. Only a hint. */
void arena_expect(struct arena *a, size_t bytes);
/* Bytes taken from the system for chunks, for benchmarks and tests. */
size_t arena_size(const struct arena *a);

/*
 * In a build with AddressSanitizer, what a holder releases is poisoned,
 * so a read of a released string is reported as it would be after
 * free(); elsewhere it does nothing. Only for memory that no other
 * holder shares (arena_strndup's and arena_alloc's, never
 * arena_intern's).
 */
void arena_release(void *ptr, size_t size);
/* arena_release of a NUL-terminated text (measured only under ASan). */
void arena_release_text(char *text);

#endif
