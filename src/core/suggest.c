/*
 * suggest.c: the edit distance behind every "did you mean" of dais
 * (commands, registry keys, zone names, participant ids), and the one
 * rule that keeps it from offering another entry for a slip: two names
 * that differ in the word that tells entries apart ("qa-interior" and
 * "ma-interior", "Side Event Room A" and "Room B"). Case is ignored:
 * "KW-INTERIOR" is a slip for "kw-interior".
 */
#include "dais/suggest.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "dais/xalloc.h"

size_t
suggest_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, small[64], *row, d;

	/* One rolling row; on the stack for the short words of commands. */
	row = lb < sizeof small / sizeof small[0]
	          ? small
	          : xreallocarray(NULL, lb + 1, sizeof *row);
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t up = row[j],
			       best = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	d = row[lb];
	if (row != small)
		free(row);
	return d;
}

/* A word that tells entries apart on its own: a number ("Room 2"), a
 * letter ("Room B") or a code of two ("qa" and "ma" in qa-interior and
 * ma-interior, the ministers of Qatar and Morocco). */
static bool
is_label(const char *w, size_t n)
{
	size_t i;

	if (n <= 2)
		return true;
	for (i = 0; i < n; i++)
		if (w[i] < '0' || w[i] > '9')
			return false;
	return true;
}

bool
suggest_differ_in_label(const char *a, const char *b, char sep)
{
	const char seps[2] = {sep, '\0'};

	while (*a != '\0' && *b != '\0') {
		size_t na = strcspn(a, seps), nb = strcspn(b, seps);

		if ((na != nb || memcmp(a, b, na) != 0) &&
		    (is_label(a, na) || is_label(b, nb)))
			return true;
		a += na + (a[na] == sep);
		b += nb + (b[nb] == sep);
	}
	return false;
}

void
suggest_init(struct suggest *s, const char *word, size_t limit)
{
	s->word = word;
	s->limit = limit;
	s->best = NULL;
	s->bestd = (size_t)-1;
}

/*
 * Whether d edits are few enough, for names this long, to be a slip: at
 * most a third of the longer name (rounded: 2 for "chekc", 5 letters,
 * 1 for "opxx", 4), and none for a word of
 * one or two letters, where any edit is most of the word ("xx" is not
 * "kw"; a case-only difference, at distance 0, is asked before this).
 */
static bool
near_for_length(const char *word, const char *candidate, size_t d)
{
	size_t lw = strlen(word), lc = strlen(candidate);
	size_t longer = lw > lc ? lw : lc;

	return lw > 2 && d * 3 <= longer + 1;
}

/* A copy of s with ASCII letters in lower case, owned by the caller. */
static char *
fold_ascii(const char *s)
{
	char *t = xstrdup(s), *c;

	for (c = t; *c != '\0'; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	return t;
}

void
suggest_consider(struct suggest *s, const char *candidate)
{
	char *w, *c;
	size_t d;

	if (candidate == NULL)
		return;
	/* Case is a slip of its own ("KW-INTERIOR" for "kw-interior"): the
	 * names are compared with ASCII letters folded, so a name that
	 * differs only in case is at distance 0 and always offered. */
	w = fold_ascii(s->word);
	c = fold_ascii(candidate);
	/* Ids of several words ("qa-interior"): one that differs in the
	 * word telling entries apart is another entry, not a slip. */
	if (strchr(w, '-') != NULL && strchr(c, '-') != NULL &&
	    suggest_differ_in_label(w, c, '-'))
		d = (size_t)-1;
	else
		d = suggest_distance(w, c);
	if (d != 0 && !near_for_length(w, c, d))
		d = (size_t)-1;
	free(w);
	free(c);
	if (d < s->bestd) {
		s->bestd = d;
		s->best = candidate;
	}
}

const char *
suggest_result(const struct suggest *s)
{
	return s->best != NULL && s->bestd <= s->limit ? s->best : NULL;
}

const char *
suggest_nearest(const char *word, const char *const *names, size_t limit)
{
	struct suggest s;
	size_t k;

	suggest_init(&s, word, limit);
	for (k = 0; names[k] != NULL; k++)
		suggest_consider(&s, names[k]);
	return suggest_result(&s);
}
