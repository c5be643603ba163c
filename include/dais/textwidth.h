/*
 * textwidth.h: UTF-8 text measured in terminal columns (wcwidth), for
 * tables, run-sheets and the planner. Truncation and padding never split a
 * character; an unprintable character counts as one replacement cell.
 * Arabic and Cyrillic take one column, combining marks none, CJK and most
 * emoji two. Needs an UTF-8 LC_CTYPE (setlocale) for wcwidth to know them.
 */
#ifndef DAIS_TEXTWIDTH_H
#define DAIS_TEXTWIDTH_H

#include <stddef.h>

/* Display width of a UTF-8 string; invalid bytes count one column each. */
int text_width(const char *s);
/*
 * A copy of s cut to at most `width` columns; when cut, the last column
 * is "…" (so the reader sees that it was). The caller frees it.
 */
char *text_truncate(const char *s, int width);
/*
 * A copy of s in at most `width` columns that keeps its end: the middle
 * gives way to "…", so "Side Event Room A" and "Side Event Room B" stay
 * different ("Side Ev… Room A"). The end kept is the last words that fit
 * in half the width (else the last characters). The caller frees it.
 */
char *text_abbreviate(const char *s, int width);
/* Truncated to width, then padded with spaces to exactly width columns. */
char *text_fit(const char *s, int width);
/* Like text_fit but the text is right-aligned in the width. */
char *text_fit_right(const char *s, int width);
/*
 * Wraps s to lines of at most `width` columns, breaking at spaces where
 * possible (and inside a word only when it is wider than a line). Returns
 * an array of *nlines owned strings; free each and the array.
 */
char **text_wrap(const char *s, int width, size_t *nlines);
/*
 * As text_wrap, but a word wider than a line is never split over two: it
 * is cut with "…" on a line of its own ("Rehabilitat…"), for the narrow
 * blocks of the planner's grid.
 */
char **text_wrap_words(const char *s, int width, size_t *nlines);
/*
 * Decodes one UTF-8 character at s (up to n bytes) into *wc; returns its
 * length in bytes, or 1 with *wc = U+FFFD for an invalid sequence.
 */
size_t text_decode(const char *s, size_t n, unsigned int *wc);
/* Byte-wise, but case-folded for ASCII and compared by code point order
 * otherwise; used for stable, script-neutral name sorting. */
int text_compare_folded(const char *a, const char *b);
/* Case-insensitive substring search (ASCII and Cyrillic folded). */
int text_contains_folded(const char *haystack, const char *needle);

#endif
