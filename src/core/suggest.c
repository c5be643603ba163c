/*
 * suggest.c: the edit distance behind every "did you mean" of dais
 * (commands, registry keys, zone names, participant ids).
 */
#include "dais/suggest.h"

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

void
suggest_init(struct suggest *s, const char *word, size_t limit)
{
	s->word = word;
	s->limit = limit;
	s->best = NULL;
	s->bestd = (size_t)-1;
}

void
suggest_consider(struct suggest *s, const char *candidate)
{
	size_t d;

	if (candidate == NULL)
		return;
	d = suggest_distance(s->word, candidate);
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
