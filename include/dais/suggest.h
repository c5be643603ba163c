/*
 * suggest.h: "did you mean ...?" for a word someone mistyped: the
 * candidate nearest by edit distance (Levenshtein, over bytes), if it is
 * near enough to be a slip. The first of equally near candidates wins.
 */
#ifndef DAIS_SUGGEST_H
#define DAIS_SUGGEST_H

#include <stdbool.h>
#include <stddef.h>

/* The number of one-byte insertions, deletions and substitutions. */
size_t suggest_distance(const char *a, const char *b);

/*
 * Whether a and b, cut into words at sep, differ in a word that tells
 * entries apart on its own (a number, or a word of one or two
 * characters, such as a letter or a country code): "qa-interior" and
 * "ma-interior" name two ministers, "side event room a" and "side event
 * room d" two rooms; neither is a slip for the other. Compared word by
 * word until either ends.
 */
bool suggest_differ_in_label(const char *a, const char *b, char sep);

/*
 * For candidates that are not in an array: init, consider each, result.
 * Names are compared with ASCII case folded: one that differs from the
 * word only in case is at distance 0, the nearest there can be. Any
 * other is a slip only within a third of the longer name's length
 * (rounded), and never for a word of one or two letters ("xx" is not
 * "kw"). A word and a
 * candidate that both hold '-' (ids) and differ in a label
 * (suggest_differ_in_label) are never matched: the candidate is
 * another entry, not what was meant.
 */
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

/* The nearest of the NULL-terminated names within limit edits, or NULL
 * (labels as for suggest_consider). */
const char *suggest_nearest(const char *word, const char *const *names,
                            size_t limit);

#endif
