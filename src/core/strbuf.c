/*
 * strbuf.c: the growing string of strbuf.h. Doubling keeps appends
 * amortised constant, which a save of a large programme relies on.
 */
#include "dais/strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dais/xalloc.h"

static void
strbuf_reserve(struct strbuf *b, size_t more)
{
	size_t need;

	if (more > (size_t)-1 - b->n - 1)
		abort();
	need = b->n + more + 1;
	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 64;
	while (b->cap < need)
		b->cap *= 2;
	b->v = xreallocarray(b->v, b->cap, 1);
}

void
strbuf_add(struct strbuf *b, const char *s, size_t n)
{
	strbuf_reserve(b, n);
	if (n > 0)
		memcpy(b->v + b->n, s, n);
	b->n += n;
	b->v[b->n] = '\0';
}

void
strbuf_addstr(struct strbuf *b, const char *s)
{
	strbuf_add(b, s, strlen(s));
}

void
strbuf_addc(struct strbuf *b, char c)
{
	strbuf_add(b, &c, 1);
}

void
strbuf_addf(struct strbuf *b, const char *fmt, ...)
{
	va_list ap;
	int len;

	/* Format into the room there is, and again once it is known how much
	 * is needed: one pass for most appends. (A NULL buffer for measuring
	 * trips gcc 12's format-truncation check under the sanitizers.) */
	strbuf_reserve(b, 64);
	va_start(ap, fmt);
	len = vsnprintf(b->v + b->n, b->cap - b->n, fmt, ap);
	va_end(ap);
	if (len < 0)
		abort();
	if ((size_t)len >= b->cap - b->n) {
		strbuf_reserve(b, (size_t)len);
		va_start(ap, fmt);
		vsnprintf(b->v + b->n, (size_t)len + 1, fmt, ap);
		va_end(ap);
	}
	b->n += (size_t)len;
}

void
strbuf_reset(struct strbuf *b)
{
	b->n = 0;
	if (b->v != NULL)
		b->v[0] = '\0';
}

char *
strbuf_take(struct strbuf *b)
{
	char *s = b->v != NULL ? b->v : xstrdup("");

	memset(b, 0, sizeof *b);
	return s;
}

void
strbuf_free(struct strbuf *b)
{
	free(b->v);
	memset(b, 0, sizeof *b);
}
