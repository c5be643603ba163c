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

/* Ensure *cap >= need elements, doubling; for append-only arrays. */
#define XGROW(ptr, n, cap)                                                     \
	do {                                                                   \
		if ((n) >= (cap)) {                                            \
			(cap) = (cap) ? (cap)*2 : 8;                           \
			(ptr) = xreallocarray((ptr), (cap), sizeof *(ptr));    \
		}                                                              \
	} while (0)

#endif
