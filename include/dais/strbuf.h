/*
 * strbuf.h: a string that grows as text is appended, always NUL-terminated.
 * The one string builder of dais (saving, the journal, exports and the
 * planner's dialogs all build text with it).
 */
#ifndef DAIS_STRBUF_H
#define DAIS_STRBUF_H

#include <stddef.h>

/* Zero-initialise ({0}) to start empty; v is NULL until the first append. */
struct strbuf {
	char *v;    /* the text, NUL-terminated once anything was appended */
	size_t n;   /* its length in bytes, without the NUL */
	size_t cap; /* bytes allocated at v */
};

void strbuf_add(struct strbuf *b, const char *s, size_t n);
void strbuf_addstr(struct strbuf *b, const char *s);
void strbuf_addc(struct strbuf *b, char c);
void strbuf_addf(struct strbuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Back to empty, keeping the allocation. */
void strbuf_reset(struct strbuf *b);
/* The text, owned by the caller ("" when nothing was appended); b is empty. */
char *strbuf_take(struct strbuf *b);
void strbuf_free(struct strbuf *b);

#endif
