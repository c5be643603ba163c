/*
 * textwidth.c: measuring, cutting, padding and wrapping UTF-8 text by
 * display columns. Decoding is done here rather than with mbrtowc so that
 * invalid bytes in a user's file are shown (as one cell each) instead of
 * ending the string; widths come from wcwidth.
 */
#include "dais/textwidth.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "dais/utf8.h"
#include "dais/xalloc.h"

#define ELLIPSIS "\xe2\x80\xa6" /* U+2026, one column */

size_t
text_decode(const char *s, size_t n, unsigned int *wc)
{
	size_t len = utf8_decode(s, n, wc);

	/* For display an invalid byte is one replacement character. */
	return len == 0 && n > 0 ? 1 : len;
}

static int
char_width(unsigned int wc)
{
	int w;

	if (wc == '\t')
		return 1;
	w = wcwidth((wchar_t)wc);
	return w < 0 ? 1 : w;
}

int
text_width(const char *s)
{
	size_t n = strlen(s), i = 0;
	int width = 0;

	while (i < n) {
		unsigned int wc;

		i += text_decode(s + i, n - i, &wc);
		width += char_width(wc);
	}
	return width;
}

/* Bytes of s that fit in width columns; *used gets the columns taken. */
static size_t
fit_bytes(const char *s, int width, int *used)
{
	size_t n = strlen(s), i = 0;
	int w = 0;

	while (i < n) {
		unsigned int wc;
		size_t len = text_decode(s + i, n - i, &wc);
		int cw = char_width(wc);

		if (w + cw > width)
			break;
		w += cw;
		i += len;
	}
	/* Keep combining marks with the character they belong to. */
	while (i < n) {
		unsigned int wc;
		size_t len = text_decode(s + i, n - i, &wc);

		if (char_width(wc) != 0)
			break;
		i += len;
	}
	*used = w;
	return i;
}

char *
text_truncate(const char *s, int width)
{
	int used;
	size_t cut;
	char *out;

	if (width <= 0)
		return xstrdup("");
	if (text_width(s) <= width)
		return xstrdup(s);
	cut = fit_bytes(s, width - 1, &used);
	out = xmalloc(cut + sizeof ELLIPSIS);
	memcpy(out, s, cut);
	memcpy(out + cut, ELLIPSIS, sizeof ELLIPSIS);
	return out;
}

/* Bytes from where the last `width` columns of s begin (whole characters
 * with their marks); *used gets the columns. */
static size_t
tail_start(const char *s, int width, int *used)
{
	size_t n = strlen(s), at = n, i = 0;
	int total = text_width(s);

	/* Walk forward to the first character whose rest fits. */
	while (i < n) {
		unsigned int wc;
		size_t len = text_decode(s + i, n - i, &wc);
		int cw = char_width(wc);

		if (total <= width && cw > 0) {
			at = i;
			break;
		}
		total -= cw;
		i += len;
	}
	if (i >= n)
		total = 0;
	*used = total;
	return at;
}

char *
text_abbreviate(const char *s, int width)
{
	size_t n = strlen(s), tail, headlen, i;
	int half = (width - 1) / 2, tailw = 0, headw, used;
	char *out;

	if (text_width(s) <= width)
		return xstrdup(s);
	if (width < 6)
		return text_truncate(s, width);
	/* The tail: the last words that fit in half the width, with the
	 * space before them ("… Room A"); when even the last word does not,
	 * its last characters. */
	tail = n;
	for (i = n; i-- > 0;) {
		if (s[i] != ' ')
			continue;
		if (text_width(s + i) > half)
			break;
		tail = i;
	}
	if (tail == n || text_width(s + tail) < 2)
		tail = tail_start(s, half, &tailw);
	tailw = text_width(s + tail);
	headw = width - 1 - tailw;
	headlen = fit_bytes(s, headw, &used);
	/* No space right before the ellipsis: "Side Ev… Room A". */
	while (headlen > 0 && s[headlen - 1] == ' ')
		headlen--;
	out = xmalloc(headlen + sizeof ELLIPSIS + (n - tail));
	memcpy(out, s, headlen);
	memcpy(out + headlen, ELLIPSIS, sizeof ELLIPSIS - 1);
	memcpy(out + headlen + sizeof ELLIPSIS - 1, s + tail, n - tail + 1);
	return out;
}

static char *
pad(const char *s, int width, int right)
{
	char *cut = text_truncate(s, width);
	int w = text_width(cut), gap = width > w ? width - w : 0;
	size_t len = strlen(cut);
	char *out = xmalloc(len + (size_t)gap + 1);

	if (right) {
		memset(out, ' ', (size_t)gap);
		memcpy(out + gap, cut, len + 1);
	} else {
		memcpy(out, cut, len);
		memset(out + len, ' ', (size_t)gap);
		out[len + (size_t)gap] = '\0';
	}
	free(cut);
	return out;
}

char *
text_fit(const char *s, int width)
{
	return pad(s, width, 0);
}

char *
text_fit_right(const char *s, int width)
{
	return pad(s, width, 1);
}

/*
 * Bytes of the first character of s with its combining marks: what a line
 * narrower than that character must still hold, so it is never split.
 */
static size_t
whole_char(const char *s)
{
	size_t n = strlen(s), i;
	unsigned int wc;

	i = text_decode(s, n, &wc);
	while (i < n) {
		size_t len = text_decode(s + i, n - i, &wc);

		if (char_width(wc) != 0)
			break;
		i += len;
	}
	return i;
}

static char **
wrap(const char *s, int width, size_t *nlines, bool cut_words)
{
	char **lines = NULL;
	size_t n = 0, cap = 0;
	const char *p = s;

	if (width < 1)
		width = 1;
	for (;;) {
		int used;
		size_t fit, brk, len;

		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		len = strcspn(p, "\n");
		if (text_width(p) <= width && p[len] == '\0') {
			XGROW(lines, n, cap);
			lines[n++] = xstrdup(p);
			break;
		}
		fit = fit_bytes(p, width, &used);
		if (fit >= len) {
			/* The whole line up to a newline fits. */
			XGROW(lines, n, cap);
			lines[n++] = xstrndup(p, len);
			p += len + (p[len] == '\n');
			continue;
		}
		/* Break at the last space that fits, if there is one. */
		brk = fit;
		while (brk > 0 && p[brk] != ' ')
			brk--;
		if (brk == 0 && cut_words) {
			/* A word wider than a line: cut with "…", not
			 * carried on ("Rehabilitatio" / "n and"). */
			size_t wlen = strcspn(p, " \n");
			char *word = xstrndup(p, wlen);

			XGROW(lines, n, cap);
			lines[n++] = text_truncate(word, width);
			free(word);
			p += wlen;
			if (*p == '\n')
				p++;
			continue;
		}
		if (brk == 0)
			brk = fit ? fit : whole_char(p);
		XGROW(lines, n, cap);
		lines[n] = xstrndup(p, brk);
		while (strlen(lines[n]) > 0 &&
		       lines[n][strlen(lines[n]) - 1] == ' ')
			lines[n][strlen(lines[n]) - 1] = '\0';
		n++;
		p += brk;
	}
	if (n == 0) {
		XGROW(lines, n, cap);
		lines[n++] = xstrdup("");
	}
	*nlines = n;
	return lines;
}

char **
text_wrap(const char *s, int width, size_t *nlines)
{
	return wrap(s, width, nlines, false);
}

char **
text_wrap_words(const char *s, int width, size_t *nlines)
{
	return wrap(s, width, nlines, true);
}

static unsigned int
fold(unsigned int wc)
{
	return (unsigned int)towlower((wint_t)wc);
}

int
text_compare_folded(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b), i = 0, j = 0;

	while (i < na && j < nb) {
		unsigned int x, y;

		i += text_decode(a + i, na - i, &x);
		j += text_decode(b + j, nb - j, &y);
		x = fold(x);
		y = fold(y);
		if (x != y)
			return x < y ? -1 : 1;
	}
	if (i < na)
		return 1;
	if (j < nb)
		return -1;
	return strcmp(a, b);
}

int
text_contains_folded(const char *haystack, const char *needle)
{
	size_t nh = strlen(haystack), nn = strlen(needle), start;

	if (nn == 0)
		return 1;
	for (start = 0; start < nh;) {
		size_t i = start, j = 0;
		unsigned int x, y;

		while (i < nh && j < nn) {
			size_t li = text_decode(haystack + i, nh - i, &x);
			size_t lj = text_decode(needle + j, nn - j, &y);

			if (fold(x) != fold(y))
				break;
			i += li;
			j += lj;
		}
		if (j >= nn)
			return 1;
		start += text_decode(haystack + start, nh - start, &x);
	}
	return 0;
}
