/*
 * xalloc.c: allocation wrappers that abort on failure. Library code never
 * exits on user errors, but an allocation failure is not a user error.
 */
#include "dais/xalloc.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <malloc.h>
#include <sys/mman.h>

/* Whether xbulk_* maps blocks of this size (XBULK_HUGE and more) itself. */
#if defined(MADV_HUGEPAGE) && !defined(XALLOC_ASAN)
#define bulk_mapped(size) ((size) >= XBULK_HUGE)
#else
#define bulk_mapped(size) ((void)(size), 0)
#endif

static void
xalloc_fail(size_t size)
{
	fprintf(stderr, "dais: out of memory (wanted %zu bytes)\n", size);
	abort();
}

void *
xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (p == NULL)
		xalloc_fail(size);
	return p;
}

void *
xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);

	if (p == NULL)
		xalloc_fail(count * size);
	return p;
}

void *
xreallocarray(void *ptr, size_t count, size_t size)
{
	void *p;

	if (size != 0 && count > SIZE_MAX / size)
		xalloc_fail(SIZE_MAX);
	p = realloc(ptr, count != 0 && size != 0 ? count * size : 1);
	if (p == NULL)
		xalloc_fail(count * size);
	return p;
}

char *
xstrdup(const char *s)
{
	return s == NULL ? NULL : xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p;
	size_t len = strnlen(s, n);

	p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	va_list ap2;
	int len;
	char *p;

	/* Says so to gcc 12 too, which under UBSan at -O2 fears a null one. */
	if (fmt == NULL)
		abort();
	va_copy(ap2, ap);
	len = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (len < 0)
		xalloc_fail(0);
	p = xmalloc((size_t)len + 1);
	vsnprintf(p, (size_t)len + 1, fmt, ap);
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

void
give_or_free(char **to, char *text)
{
	if (to != NULL)
		*to = text;
	else
		free(text);
}

/* A mapped block's length: whole huge pages. */
static size_t
bulk_length(size_t size)
{
	if (size > SIZE_MAX - XBULK_HUGE)
		xalloc_fail(size);
	return (size + XBULK_HUGE - 1) & ~(XBULK_HUGE - 1);
}

#ifdef MADV_HUGEPAGE
/* A fresh mapping of bulk_length(size) bytes on a huge page boundary:
 * mapped one huge page longer, then the ends cut off. When that longer
 * mapping is refused (an address-space limit, a fragmented 32-bit space),
 * a mapping of just the length, anywhere: the block then has fewer huge
 * pages or none, but a load that fits is never refused for the alignment,
 * and xbulk_free unmaps either the same way. */
static void *
bulk_map(size_t size)
{
	size_t len = bulk_length(size);
	char *m = mmap(NULL, len + XBULK_HUGE, PROT_READ | PROT_WRITE,
	               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uintptr_t at;

	if (m == MAP_FAILED) {
		m = mmap(NULL, len, PROT_READ | PROT_WRITE,
		         MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (m == MAP_FAILED)
			xalloc_fail(size);
		(void)madvise(m, len, MADV_HUGEPAGE);
		return m;
	}
	at = ((uintptr_t)m + XBULK_HUGE - 1) & ~(uintptr_t)(XBULK_HUGE - 1);
	if (at > (uintptr_t)m)
		munmap(m, at - (uintptr_t)m);
	munmap((char *)at + len, (uintptr_t)m + XBULK_HUGE - at);
	/* Only advice: a kernel without huge pages maps small ones. */
	(void)madvise((void *)at, len, MADV_HUGEPAGE);
	return (void *)at;
}
#endif

/* A block of size bytes, zero-filled when zero is set (a mapping always
 * is). */
static void *
bulk_take(size_t size, bool zero)
{
#ifdef MADV_HUGEPAGE
	if (bulk_mapped(size))
		return bulk_map(size);
#endif
	return zero ? xcalloc(1, size) : xmalloc(size);
}

void *
xbulk_alloc(size_t size)
{
	return bulk_take(size, false);
}

void *
xbulk_zalloc(size_t size)
{
	return bulk_take(size, true);
}

void *
xbulk_resize(void *ptr, size_t oldsize, size_t newsize)
{
	void *p;

	if (ptr == NULL)
		return xbulk_alloc(newsize);
	if (!bulk_mapped(oldsize) && !bulk_mapped(newsize))
		return xreallocarray(ptr, newsize, 1);
	if (bulk_mapped(oldsize) && bulk_mapped(newsize) &&
	    bulk_length(oldsize) == bulk_length(newsize))
		return ptr;
	p = xbulk_alloc(newsize);
	memcpy(p, ptr, oldsize < newsize ? oldsize : newsize);
	xbulk_free(ptr, oldsize);
	return p;
}

void
xbulk_free(void *ptr, size_t size)
{
	if (ptr == NULL)
		return;
	if (bulk_mapped(size))
		munmap(ptr, bulk_length(size));
	else
		free(ptr);
}

void
xalloc_tune_for_load(void)
{
	/* Setting the same values again changes nothing: no record of a
	 * first call, which a sync thread's load could race with. */
#if defined(M_MMAP_THRESHOLD) && defined(M_TRIM_THRESHOLD) && defined(M_TOP_PAD)
	/* Blocks up to 32 MiB (glibc's largest) from the heap, where a
	 * freed one is reused, instead of a mapping of their own that free()
	 * unmaps; a heap that does not shrink until 256 MiB are free at its
	 * top; and one that grows 16 MiB at a time. */
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
	mallopt(M_TOP_PAD, 16 << 20);
#endif
}
