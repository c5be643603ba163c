/*
 * xalloc.c: allocation wrappers that abort on failure. Library code never
 * exits on user errors, but an allocation failure is not a user error.
 */
#include "dais/xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
