/*
 * listfilter.c: the narrowing list of listfilter.h, one for the picker and
 * the chooser so that typing, moving and the query row work alike in both.
 */
#include "listfilter.h"

#include <stdlib.h>
#include <string.h>

#include "dais/textwidth.h"
#include "dais/xalloc.h"

bool
listfilter_matches(const char *match, const char *query)
{
	char *copy = xstrdup(query), *save = NULL, *w;
	bool ok = true;

	for (w = strtok_r(copy, " ", &save); w != NULL && ok;
	     w = strtok_r(NULL, " ", &save))
		ok = text_contains_folded(match != NULL ? match : "", w) != 0;
	free(copy);
	return ok;
}

void
listfilter_refilter(size_t **shown, size_t *nshown, struct listnav *nav,
                    const void *items, size_t nitems,
                    listfilter_match_of match_of, const char *query)
{
	size_t i;

	free(*shown);
	*shown = xcalloc(nitems + 1, sizeof **shown);
	*nshown = 0;
	for (i = 0; i < nitems; i++)
		if (listfilter_matches(match_of(items, i), query))
			(*shown)[(*nshown)++] = i;
	nav->n = (int)*nshown;
	nav->cur = 0;
	nav->top = 0;
}

enum listfilter_key
listfilter_key(struct listnav *nav, struct lineedit *query, enum action a,
               int key, int page)
{
	if (a == ACT_FORM_NEXT || a == ACT_FORM_PREV) {
		listnav_action(nav, a == ACT_FORM_NEXT ? ACT_DOWN : ACT_UP,
		               page);
		return LISTFILTER_MOVED;
	}
	if (key == TK_PGDN || key == TK_PGUP) {
		listnav_action(
		    nav, key == TK_PGDN ? ACT_PAGE_DOWN : ACT_PAGE_UP, page);
		return LISTFILTER_MOVED;
	}
	return lineedit_key(query, a, key) ? LISTFILTER_TYPED : LISTFILTER_NONE;
}

void
listfilter_draw_query(struct canvas *c, int y, int bx, int bw,
                      struct lineedit *query, size_t nshown, size_t nitems,
                      int *cy, int *cx)
{
	char *count = xasprintf("%zu of %zu", nshown, nitems);

	canvas_put(c, y, bx + 2, 2, "> ", STYLE_TITLE, 0);
	*cx = lineedit_draw(query, c, y, bx + 4, bw - 20, STYLE_INPUT, true);
	*cy = y;
	canvas_put_right(c, y, bx + bw - 2 - 12, 12, count, STYLE_DIM, 0);
	free(count);
}

void
listfilter_draw_row(struct canvas *c, int row, int bx, int bw, int textw,
                    const char *mark, int mark_style, const char *text,
                    const char *detail, bool cursor)
{
	int mods = cursor ? MOD_REVERSE : 0, detw = bw - 4 - 2 - textw - 1;

	canvas_fill(c, row, bx + 1, bw - 2, 1, STYLE_NORMAL, mods);
	canvas_put(c, row, bx + 2, 1, mark, mark_style, mods);
	canvas_put_fit(c, row, bx + 4, textw, text, STYLE_NORMAL, mods);
	canvas_put_fit(c, row, bx + 5 + textw, detw, detail ? detail : "",
	               STYLE_DIM, mods);
}
