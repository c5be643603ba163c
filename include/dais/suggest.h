/*
 * suggest.h: "did you mean ...?" for a word someone mistyped: the
 * candidate nearest by edit distance (Levenshtein, over bytes), if it is
 * near enough to be a slip. The first of equally near candidates wins.
 */
#ifndef DAIS_SUGGEST_H
#define DAIS_SUGGEST_H

#include <stddef.h>

/* The number of one-byte insertions, deletions and substitutions. */
size_t suggest_distance(const char *a, const char *b);

/* For candidates that are not in an array: init, consider each, result. */
struct suggest {
	const char *word;
	size_t limit;     /* the farthest a suggestion may be */
	const char *best; /* borrowed from the candidates */
	size_t bestd;
};

void suggest_init(struct suggest *s, const char *word, size_t limit);
void suggest_consider(struct suggest *s, const char *candidate);
/* The nearest candidate within the limit, or NULL. */
const char *suggest_result(const struct suggest *s);

/* The nearest of the NULL-terminated names within limit edits, or NULL. */
const char *suggest_nearest(const char *word, const char *const *names,
                            size_t limit);

#endif
