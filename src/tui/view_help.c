/*
 * view_help.c: the `?` screen, a modal layer over the view: every key,
 * made from the key table with the user's own bindings (keys.c), then
 * what the marks on screen mean.
 */
#include <stdio.h>
#include <stdlib.h>

#include "dais/xalloc.h"
#include "planner.h"

static const char *const legend[] = {
    "",
    "Marks",
    "  !                a conflict of severity error involves it",
    "  *                a warning (capacity, changeover, hours ...)",
    "  x                cancelled: takes part in no conflict",
    "  ?                tentative (STATUS:TENTATIVE), not yet confirmed",
    "  .#!              a timeline: free, in a session, in two at once",
    "",
    "Mouse",
    "  click            select a session, a slot, a day or a view",
    "  drag             move a session to another time or room",
    "  wheel            scroll",
    "",
    "Typing times",
    "  9:30 0930 930 9  a clock time",
    "  +45m 1h30 +2h    a duration (the end field, move-to)",
    "  -15m             earlier by (move-to)",
    "",
    "Arabic and other right-to-left names show in logical order (no bidi).",
    NULL,
};

static void
help_draw(struct planner *pl, void *state, struct canvas *c, int x, int y,
          int w, int h)
{
	struct listnav *help = state;
	size_t n, i, nl;
	char **lines = keymap_help_lines(&pl->cfg->keys, w - 1, &n);
	int r;
	char key[16], *title;

	for (nl = 0; legend[nl] != NULL; nl++)
		;
	help->n = (int)(n + nl);
	title = xasprintf("Keys (%s or Esc closes; %s in dais.ini changes "
	                  "them)",
	                  keymap_first_key(&pl->cfg->keys, ACT_HELP, key),
	                  "[keys]");
	canvas_put_fit(c, y, x, w, title, STYLE_TITLE, 0);
	free(title);
	if (help->top > help->n - (h - 1))
		help->top = help->n - (h - 1);
	if (help->top < 0)
		help->top = 0;
	for (r = 0; r < h - 1; r++) {
		size_t k = (size_t)(help->top + r);
		const char *text;
		int style = STYLE_NORMAL;

		if (k < n)
			text = lines[k];
		else if (k < n + nl)
			text = legend[k - n];
		else
			break;
		if (text[0] != ' ' && text[0] != '\0')
			style = STYLE_HEADER;
		canvas_put_fit(c, y + 1 + r, x + 1, w - 1, text, style, 0);
	}
	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

static void
help_key(struct planner *pl, void *state, int key)
{
	struct listnav *help = state;
	enum action a = keymap_lookup(&pl->cfg->keys, CTX_HELP, key);
	int rows = pl->h - 3;

	if (a == ACT_HELP || a == ACT_BACK || a == ACT_QUIT) {
		layer_close(pl);
		return;
	}
	/* The help scrolls as a page: moving down shows the next line. */
	if (a == ACT_DOWN)
		help->top++;
	else if (a == ACT_UP)
		help->top--;
	else if (a == ACT_PAGE_DOWN)
		help->top += rows;
	else if (a == ACT_PAGE_UP)
		help->top -= rows;
	else if (a == ACT_FIRST)
		help->top = 0;
	else if (a == ACT_LAST)
		help->top = help->n;
	if (help->top > help->n - rows)
		help->top = help->n - rows;
	if (help->top < 0)
		help->top = 0;
}

static const struct layer_ops help_layer = {
    .name = "help",
    .mode = MODE_HELP,
    .key = help_key,
    .draw_body = help_draw,
    .free = free,
};

void
help_open(struct planner *pl)
{
	layer_open(pl, &help_layer, xcalloc(1, sizeof(struct listnav)));
}
