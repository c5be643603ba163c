/*
 * xalloc.h: allocation that cannot fail. Running out of memory is not a
 * condition dais can recover from, so these abort with a message instead of
 * returning NULL (as tmux's xmalloc and htop's xMalloc do).
 */
#ifndef DAIS_XALLOC_H
#define DAIS_XALLOC_H

#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
/* Grows or shrinks; count * size is checked for overflow. */
void *xreallocarray(void *ptr, size_t count, size_t size);
/* xstrdup(NULL) is NULL, so optional strings copy without a test. */
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* A newly allocated formatted string; the caller frees it. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap)
    __attribute__((format(printf, 1, 0)));

/* Hands text to *to, or frees it when the caller passed no place for it
 * (to == NULL): for optional message out-parameters. */
void give_or_free(char **to, char *text);

/*
 * Large blocks that a load fills once and keeps (a programme's sessions,
 * its string store's chunks). From XBULK_HUGE bytes up, a block is a
 * mapping of its own, aligned to and marked for the kernel's 2 MiB
 * transparent huge pages (madvise mode), so filling it takes one page
 * fault per 2 MiB instead of one per 4 KiB, and reading it back fewer TLB
 * misses; smaller blocks come from malloc. The caller keeps the size: the
 * same size goes to xbulk_resize and xbulk_free as was asked for. Under
 * AddressSanitizer every block comes from malloc, so leaks stay reported.
 */
/* Defined in a build under AddressSanitizer (gcc's or clang's), where
 * memory is taken from malloc so that ASan sees each block's bounds. */
#if defined(__SANITIZE_ADDRESS__)
#define XALLOC_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define XALLOC_ASAN 1
#endif
#endif

#define XBULK_HUGE ((size_t)2 << 20)
void *xbulk_alloc(size_t size);
/* As xbulk_alloc, zero-filled: a mapping is zero already, its pages taken
 * as they are first written; a smaller block comes from calloc. */
void *xbulk_zalloc(size_t size);
/* Grows or shrinks a block of oldsize bytes (NULL with 0: a new one). */
void *xbulk_resize(void *ptr, size_t oldsize, size_t newsize);
void xbulk_free(void *ptr, size_t size);

/*
 * Tells malloc to keep what is freed for the next allocations instead of
 * giving it back to the system: a load frees parse buffers, tables it
 * outgrew and sort space by the megabyte, and the check after it then took
 * the same amount as fresh pages, one page fault each. For the whole
 * process: the programme stays loaded anyway.
 */
void xalloc_tune_for_load(void);

/* Ensure *cap >= need elements, doubling; for append-only arrays. */
#define XGROW(ptr, n, cap)                                                     \
	do {                                                                   \
		if ((n) >= (cap)) {                                            \
			(cap) = (cap) ? (cap)*2 : 8;                           \
			(ptr) = xreallocarray((ptr), (cap), sizeof *(ptr));    \
		}                                                              \
	} while (0)

#endif
