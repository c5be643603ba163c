/*
 * canvas.c: writing UTF-8 text into a grid of cells by display columns.
 * Widths come from wcwidth; a wide character takes its cell and a
 * continuation cell, and overwriting either half blanks the other so the
 * painted screen never holds half a character.
 */
#include "canvas.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "dais/textwidth.h"
#include "dais/xalloc.h"

struct canvas *
canvas_new(int w, int h)
{
	struct canvas *c = xcalloc(1, sizeof *c);

	canvas_resize(c, w, h);
	return c;
}

void
canvas_free(struct canvas *c)
{
	if (c == NULL)
		return;
	free(c->cells);
	free(c);
}

void
canvas_resize(struct canvas *c, int w, int h)
{
	free(c->cells);
	c->w = w > 0 ? w : 0;
	c->h = h > 0 ? h : 0;
	c->cells = xcalloc((size_t)c->w * (size_t)c->h + 1, sizeof *c->cells);
	canvas_clear(c);
}

static struct cell *
at(const struct canvas *c, int y, int x)
{
	return &c->cells[(size_t)y * (size_t)c->w + (size_t)x];
}

const struct cell *
canvas_cell(const struct canvas *c, int y, int x)
{
	if (y < 0 || y >= c->h || x < 0 || x >= c->w)
		return NULL;
	return at(c, y, x);
}

static void
blank(struct cell *cl, int style, int mods)
{
	cl->ch[0] = ' ';
	cl->ch[1] = '\0';
	cl->width = 1;
	cl->style = (unsigned char)style;
	cl->mods = (unsigned char)mods;
}

void
canvas_clear(struct canvas *c)
{
	int y, x;

	for (y = 0; y < c->h; y++)
		for (x = 0; x < c->w; x++)
			blank(at(c, y, x), STYLE_NORMAL, 0);
}

/* Blanks whatever half of a wide character would be left at (y, x). */
static void
unsplit(struct canvas *c, int y, int x)
{
	struct cell *cl = at(c, y, x);

	if (cl->width == 0 && x > 0)
		blank(at(c, y, x - 1), at(c, y, x - 1)->style,
		      at(c, y, x - 1)->mods);
	else if (cl->width == 2 && x + 1 < c->w)
		blank(at(c, y, x + 1), cl->style, cl->mods);
}

/* Puts one character of `width` columns (1 or 2) whose UTF-8 is s[0..len). */
static void
set_cell(struct canvas *c, int y, int x, const char *s, size_t len, int width,
         int style, int mods)
{
	struct cell *cl;

	unsplit(c, y, x);
	if (width == 2)
		unsplit(c, y, x + 1);
	cl = at(c, y, x);
	if (len >= CELL_BYTES)
		len = CELL_BYTES - 1;
	memcpy(cl->ch, s, len);
	cl->ch[len] = '\0';
	cl->width = (unsigned char)width;
	cl->style = (unsigned char)style;
	cl->mods = (unsigned char)mods;
	if (width == 2) {
		struct cell *cont = at(c, y, x + 1);

		cont->ch[0] = '\0';
		cont->width = 0;
		cont->style = (unsigned char)style;
		cont->mods = (unsigned char)mods;
	}
}

/* Appends a combining mark to a cell when there is room for it. */
static void
add_mark(struct cell *cl, const char *s, size_t len)
{
	size_t have = strlen(cl->ch);

	if (have + len < CELL_BYTES) {
		memcpy(cl->ch + have, s, len);
		cl->ch[have + len] = '\0';
	}
}

int
canvas_put(struct canvas *c, int y, int x, int maxw, const char *text,
           int style, int mods)
{
	size_t n, i = 0;
	int col = x, limit, last = -1;

	if (text == NULL || y < 0 || y >= c->h || x >= c->w || maxw <= 0)
		return 0;
	limit = x + maxw < c->w ? x + maxw : c->w;
	n = strlen(text);
	while (i < n) {
		unsigned int wc;
		size_t len = text_decode(text + i, n - i, &wc);
		const char *s = text + i;
		int w;

		i += len;
		if (wc < 0x20 || wc == 0x7f || (wc >= 0x80 && wc < 0xa0)) {
			s = " ";
			len = 1;
			w = 1;
		} else {
			w = wcwidth((wchar_t)wc);
			if (w < 0 || wc == 0xfffd) {
				s = "\xef\xbf\xbd"; /* U+FFFD */
				len = 3;
				w = 1;
			}
		}
		if (w == 0) {
			if (last >= 0)
				add_mark(at(c, y, last), s, len);
			continue;
		}
		if (col + w > limit)
			break;
		if (col >= 0)
			set_cell(c, y, col, s, len, w, style, mods);
		last = col >= 0 ? col : -1;
		col += w;
	}
	return col - x;
}

void
canvas_fill(struct canvas *c, int y, int x, int w, int h, int style, int mods)
{
	int r, k;

	for (r = y; r < y + h; r++) {
		if (r < 0 || r >= c->h)
			continue;
		for (k = x; k < x + w; k++)
			if (k >= 0 && k < c->w) {
				unsplit(c, r, k);
				blank(at(c, r, k), style, mods);
			}
	}
}

void
canvas_box(struct canvas *c, int y, int x, int w, int h)
{
	int i;

	canvas_fill(c, y, x, w, h, STYLE_NORMAL, 0);
	for (i = 0; i < h; i++) {
		canvas_put(c, y + i, x, 1, "|", STYLE_RULE, 0);
		canvas_put(c, y + i, x + w - 1, 1, "|", STYLE_RULE, 0);
	}
	for (i = 0; i < w; i++) {
		canvas_put(c, y, x + i, 1, "-", STYLE_RULE, 0);
		canvas_put(c, y + h - 1, x + i, 1, "-", STYLE_RULE, 0);
	}
}

void
canvas_put_fit(struct canvas *c, int y, int x, int w, const char *text,
               int style, int mods)
{
	char *cut;
	int used;

	if (w <= 0)
		return;
	cut = text_truncate(text != NULL ? text : "", w);
	used = canvas_put(c, y, x, w, cut, style, mods);
	canvas_fill(c, y, x + used, w - used, 1, style, mods);
	free(cut);
}

void
canvas_put_right(struct canvas *c, int y, int x, int w, const char *text,
                 int style, int mods)
{
	char *cut;
	int tw;

	if (w <= 0)
		return;
	cut = text_truncate(text != NULL ? text : "", w);
	tw = text_width(cut);
	canvas_fill(c, y, x, w - tw, 1, style, mods);
	canvas_put(c, y, x + w - tw, tw, cut, style, mods);
	free(cut);
}

void
canvas_restyle(struct canvas *c, int y, int x, int w, int style, int mods)
{
	int k;

	if (y < 0 || y >= c->h)
		return;
	for (k = x; k < x + w; k++)
		if (k >= 0 && k < c->w) {
			at(c, y, k)->style = (unsigned char)style;
			at(c, y, k)->mods = (unsigned char)mods;
		}
}

char *
canvas_row_text(const struct canvas *c, int y, int keep_trailing)
{
	size_t cap = (size_t)c->w * CELL_BYTES + 1, len = 0;
	char *out = xmalloc(cap);
	int x;

	out[0] = '\0';
	if (y < 0 || y >= c->h)
		return out;
	for (x = 0; x < c->w; x++) {
		const struct cell *cl = at(c, y, x);
		size_t l = strlen(cl->ch);

		if (cl->width == 0)
			continue;
		memcpy(out + len, cl->ch, l);
		len += l;
	}
	out[len] = '\0';
	if (!keep_trailing)
		while (len > 0 && out[len - 1] == ' ')
			out[--len] = '\0';
	return out;
}
