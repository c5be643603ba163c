/*
 * chooser.c: the modal list of planned changes behind f (slot_chooser.c,
 * fix_chooser.c). Each candidate shows, under the list, what choosing it
 * changes before anything is changed; typing narrows the list; Enter hands
 * the candidate to the opener, which applies it as one undoable edit.
 */
#include "chooser.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dais/textwidth.h"
#include "dais/xalloc.h"
#include "listfilter.h"

/* Lines under the list for the candidate's preview (a rule first). */
#define PREVIEW_ROWS 7
/* The list rows kept when a longer preview takes the others. */
#define MIN_LIST_ROWS 3
/* The line under the query (ch->head) wraps to this many rows: a fix
 * list's order and an import's question take more than one at 100
 * columns. */
#define HEAD_ROWS_MAX 3

static void
chooser_free(void *state)
{
	struct chooser *ch = state;
	size_t i;

	for (i = 0; i < ch->nitems; i++) {
		free(ch->items[i].text);
		free(ch->items[i].detail);
		free(ch->items[i].match);
		strlist_clear(&ch->items[i].preview);
	}
	free(ch->items);
	free(ch->shown);
	free(ch->title);
	free(ch->head);
	free(ch->empty);
	free(ch->error);
	strlist_clear(&ch->notes);
	lineedit_free(&ch->query);
	if (ch->free_arg != NULL)
		ch->free_arg(ch->arg);
	free(ch);
}

struct chooser *
chooser_new(chooser_preview preview, chooser_done done, void *arg,
            void (*free_arg)(void *arg))
{
	struct chooser *ch = xcalloc(1, sizeof *ch);

	ch->preview = preview;
	ch->done = done;
	ch->arg = arg;
	ch->free_arg = free_arg;
	ch->cancelled = "Nothing changed.";
	lineedit_init(&ch->query, "");
	return ch;
}

struct chooser_item *
chooser_add(struct chooser *ch)
{
	struct chooser_item *it;

	XGROW(ch->items, ch->nitems, ch->capitems);
	it = &ch->items[ch->nitems];
	memset(it, 0, sizeof *it);
	it->index = ch->nitems++;
	return it;
}

static const char *
match_of(const void *items, size_t i)
{
	return ((const struct chooser_item *)items)[i].match;
}

static void
refilter(struct chooser *ch)
{
	listfilter_refilter(&ch->shown, &ch->nshown, &ch->nav, ch->items,
	                    ch->nitems, match_of, ch->query.text);
}

static void chooser_key(struct planner *pl, void *state, int key);
static void chooser_draw(struct planner *pl, void *state, struct canvas *c,
                         int *cy, int *cx);

static const struct layer_ops chooser_layer = {
    .name = "chooser",
    .mode = MODE_PICKER,
    .key = chooser_key,
    .draw = chooser_draw,
    .free = chooser_free,
};

void
chooser_open(struct planner *pl, struct chooser *ch)
{
	refilter(ch);
	layer_open(pl, &chooser_layer, ch);
}

struct chooser *
chooser_of(const struct planner *pl)
{
	return layer_state(pl, &chooser_layer);
}

static void
choose(struct planner *pl, struct chooser *ch)
{
	char *refused;

	if (ch->nshown == 0) {
		free(ch->error);
		ch->error = xstrdup(ch->nitems == 0
		                        ? "Nothing to choose: Esc closes."
		                        : "Nothing matches: change what you "
		                          "typed.");
		return;
	}
	refused = ch->done(pl, ch, &ch->items[ch->shown[ch->nav.cur]]);
	if (refused == NULL) {
		if (chooser_of(pl) == ch)
			layer_close(pl);
	} else {
		free(ch->error);
		ch->error = refused;
	}
}

static void
chooser_key(struct planner *pl, void *state, int key)
{
	struct chooser *ch = state;
	enum action a = keymap_lookup(&pl->cfg->keys, CTX_FORM, key);
	int page = pl->h > 14 ? pl->h - 14 : 1;

	free(ch->error);
	ch->error = NULL;
	switch (a) {
	case ACT_FORM_CANCEL:
		planner_message(pl, false, "%s", ch->cancelled);
		layer_close(pl);
		return;
	case ACT_FORM_ACCEPT:
		choose(pl, ch);
		return;
	default:
		break;
	}
	if (listfilter_key(&ch->nav, &ch->query, a, key, page) ==
	    LISTFILTER_TYPED)
		refilter(ch);
}

/* Writes text wrapped into rows [*row, end) of the box; false when it did
 * not all fit. */
static bool
put_wrapped(struct canvas *c, int *row, int end, int x, int w, const char *text,
            int style)
{
	size_t n, i;
	char **lines = text_wrap(text, w, &n);
	bool all = true;

	for (i = 0; i < n; i++) {
		if (*row < end)
			canvas_put_fit(c, (*row)++, x, w, lines[i], style, 0);
		else
			all = false;
		free(lines[i]);
	}
	free(lines);
	return all;
}

/* The canvas rows the lines take, wrapped at w columns. */
static int
wrapped_rows(const struct strlist *l, int w)
{
	size_t i, j, n;
	int rows = 0;

	for (i = 0; i < l->n; i++) {
		char **lines = text_wrap(l->v[i], w, &n);

		for (j = 0; j < n; j++)
			free(lines[j]);
		free(lines);
		rows += (int)n;
	}
	return rows;
}

/*
 * Draws the head from row y in w columns, wrapped to HEAD_ROWS_MAX rows
 * at most (the last cut with "…" when it holds more); returns the rows
 * it took, at least 1.
 */
static int
put_head(struct canvas *c, int y, int x, int w, const char *head)
{
	size_t n, i;
	char **lines = text_wrap(head != NULL ? head : "", w, &n);
	int rows = n > HEAD_ROWS_MAX ? HEAD_ROWS_MAX : n > 0 ? (int)n : 1;

	for (i = 0; i < n && (int)i < rows; i++) {
		char *rest = lines[i];
		char *cut = NULL;

		/* The last row holds the rest of the head, cut. */
		if ((int)i == rows - 1 && i + 1 < n) {
			struct strlist more = {0};
			size_t j;

			for (j = i; j < n; j++)
				strlist_add(&more, lines[j]);
			rest = strlist_join(&more, " ");
			strlist_clear(&more);
			cut = text_truncate(rest, w);
			free(rest);
			rest = cut;
		}
		canvas_put_fit(c, y + (int)i, x, w, rest, STYLE_DIM, 0);
		free(cut);
	}
	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	return rows;
}

/* Works out the item's preview the first time it is shown; a line of it
 * starting with '*' (a warning) marks the item. */
static void
previewed(struct planner *pl, struct chooser *ch, struct chooser_item *it)
{
	size_t i;

	if (it->previewed || ch->preview == NULL)
		return;
	ch->preview(pl, ch, it);
	it->previewed = true;
	for (i = 0; i < it->preview.n; i++)
		it->warns |= it->preview.v[i][0] == '*';
}

/* The box's width on the planner's screen as it is: up to 100 columns. */
static int
box_width(const struct planner *pl)
{
	return pl->w - 4 < 100 ? pl->w - 4 : 100;
}

int
chooser_title_width(const struct planner *pl)
{
	/* Inside the frame and its margins, less a space either side. */
	return box_width(pl) - 4 - 2;
}

static void
chooser_draw(struct planner *pl, void *state, struct canvas *c, int *cy,
             int *cx)
{
	struct chooser *ch = state;
	int bw = box_width(pl), bh = pl->h - 4;
	int bx = (pl->w - bw) / 2, by = 2, inner = bw - 4;
	int rows = bh - 5 - PREVIEW_ROWS, r, row, end, top;
	int textw = ch->wide_text || inner / 2 < 30 ? inner / 2 : 30;
	struct chooser_item *cur = NULL;
	char *line, keys[2][16];
	size_t i;

	canvas_box(c, by, bx, bw, bh);
	line = xasprintf(" %s ", ch->title);
	canvas_put_fit(c, by, bx + 2, inner, line, STYLE_TITLE, 0);
	free(line);
	listfilter_draw_query(c, by + 1, bx, bw, &ch->query, ch->nshown,
	                      ch->nitems, cy, cx);
	/* The list starts under the head, a row lower when it wraps. */
	top = by + 2 + put_head(c, by + 2, bx + 2, inner, ch->head);
	rows -= top - (by + 3);

	if (ch->nitems == 0) {
		/* Nothing to choose: why, as long as it takes. */
		row = top;
		end = by + bh - 2;
		if (ch->empty != NULL)
			put_wrapped(c, &row, end, bx + 2, inner, ch->empty,
			            STYLE_ERROR);
		for (i = 0; i < ch->notes.n && row < end; i++)
			put_wrapped(c, &row, end, bx + 2, inner, ch->notes.v[i],
			            STYLE_NORMAL);
	}
	/*
	 * The preview of the item under the cursor is shown whole: the list
	 * gives it rows, down to MIN_LIST_ROWS, rather than cut what it says
	 * (at 80x24 a fix's warning ended before "the changeover is 10 min").
	 */
	listnav_fix(&ch->nav, rows);
	if (ch->nshown > 0) {
		struct chooser_item *it = &ch->items[ch->shown[ch->nav.cur]];
		int more;

		previewed(pl, ch, it);
		more = 1 + wrapped_rows(&it->preview, inner) - PREVIEW_ROWS;
		if (more > rows - MIN_LIST_ROWS)
			more = rows - MIN_LIST_ROWS;
		if (more > 0) {
			rows -= more;
			listnav_fix(&ch->nav, rows);
		}
	}
	for (r = 0; r < rows && ch->nav.top + r < (int)ch->nshown; r++) {
		int k = ch->nav.top + r;
		struct chooser_item *it = &ch->items[ch->shown[k]];

		row = top + r;
		previewed(pl, ch, it);
		if (k == ch->nav.cur)
			cur = it;
		listfilter_draw_row(c, row, bx, bw, textw,
		                    it->warns ? "*" : " ",
		                    it->warns ? STYLE_WARNING : STYLE_NORMAL,
		                    it->text, it->detail, k == ch->nav.cur);
	}
	if (ch->nitems > 0 && ch->nshown == 0)
		canvas_put_fit(c, top, bx + 4, inner - 2, "Nothing matches.",
		               STYLE_DIM, 0);

	/* What the candidate under the cursor changes, then the notes. */
	row = top + rows;
	end = by + bh - 2;
	if (ch->nitems > 0) {
		for (i = 0; i < (size_t)inner; i++)
			canvas_put(c, row, bx + 2 + (int)i, 1, "-", STYLE_RULE,
			           0);
		row++;
	}
	if (cur != NULL) {
		for (i = 0; i < cur->preview.n && row < end; i++)
			put_wrapped(c, &row, end, bx + 2, inner,
			            cur->preview.v[i],
			            cur->preview.v[i][0] == '*' ? STYLE_WARNING
			                                        : STYLE_NORMAL);
	}
	if (ch->nitems > 0)
		for (i = 0; i < ch->notes.n && row < end; i++)
			put_wrapped(c, &row, end, bx + 2, inner, ch->notes.v[i],
			            STYLE_DIM);

	if (ch->error != NULL) {
		canvas_put_fit(c, by + bh - 2, bx + 2, inner, ch->error,
		               STYLE_STATUS_ERROR, 0);
	} else {
		line = xasprintf(
		    "Type to narrow  %s choose  %s cancel  Up/Down move",
		    keymap_first_key(&pl->cfg->keys, ACT_FORM_ACCEPT, keys[0]),
		    keymap_first_key(&pl->cfg->keys, ACT_FORM_CANCEL, keys[1]));
		canvas_put_fit(c, by + bh - 2, bx + 2, inner, line, STYLE_DIM,
		               0);
		free(line);
	}
}
