/*
 * view_grid.c: the rooms x time grid of one day: rooms as columns, rows of
 * `zoom` minutes, each session a block in its kind's colour showing its
 * time, title and kind, marked when it takes part in a conflict. The
 * cursor is a room and a minute; the session under it is the selection.
 * The day's all-day items have no hours: they are a line above the grid,
 * which the cursor reaches by going up from the first row.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dais/strbuf.h"
#include "dais/textwidth.h"
#include "dais/xalloc.h"
#include "planner.h"
#include "term.h"

#define GRID_GUTTER 6 /* "09:00 " */
/* The narrowest room column: room for "09:30-10:45" beside the mark. With
 * the detail pane hidden (i) columns go down to GRID_NARROW_COL, whose
 * blocks show the start alone: at 120 columns the example's nine rooms
 * then fit. */
#define GRID_MIN_COL    14
#define GRID_NARROW_COL 12

struct grid_view {
	/* The cursor: room column, lane among overlapping sessions, and
	 * minute of the day; the first row and column shown. */
	int col, lane, min;
	/* On the all-day line: which of the day's all-day items; -1 when
	 * the cursor is in the grid. */
	int allday;
	int top, left;
	/* Where the grid was last drawn, for scrolling and the mouse. */
	int x, y, colw, gutter;
	int visible_cols, visible_rows;
	int ncols; /* rooms of the day as last drawn, for the tab's note */
	int drawn_w, drawn_h; /* the terminal's size last drawn at: a resize
	                       * re-fits the day */
	/* The mouse: a press on a block (and where), to move it by as much
	 * as the pointer moved when it is released. */
	struct session_key drag;
	int drag_col, drag_min;
};

static struct grid_view *
grid_of(const struct planner *pl)
{
	return planner_view_state(pl, &grid_view);
}

/* The conflict mark of a session: '!' error, '*' warning, 'x' cancelled;
 * '?' tentative (when no conflict mark says more). */
static void
mark_of(const struct planner *pl, size_t s, const char **mark, int *style)
{
	const struct session *ss = &pl->p->sessions[s];

	*mark = " ";
	*style = STYLE_NORMAL;
	if (ss->status == SESSION_CANCELLED) {
		*mark = "x";
		*style = STYLE_CANCELLED;
	} else if (planner_session_worst(pl, s) == SEVERITY_ERROR) {
		*mark = "!";
		*style = STYLE_ERROR;
	} else if (planner_session_worst(pl, s) == SEVERITY_WARNING) {
		*mark = "*";
		*style = STYLE_WARNING;
	} else if (ss->status == SESSION_TENTATIVE) {
		*mark = "?";
	}
}

/* The lines a block shows, as many as fit in h rows. */
static size_t
block_lines(const struct planner *pl, const struct session *s, int w, int h,
            char **out, size_t max)
{
	char span[DAIS_TIMEBUF], hm[DAIS_TIMEBUF], *line;
	const char *kind = s->kind != NULL ? s->kind : "";
	size_t n = 0, i, nw;
	char **wrapped;

	if (h <= 0 || max == 0)
		return 0;
	if (h == 1) {
		out[n++] = xasprintf(
		    "%s %s", time_fmt_hm(hm, &pl->p->conf.zone, s->start),
		    s->title);
		return n;
	}
	if (h == 2) {
		out[n++] = xasprintf(
		    "%s %s", time_fmt_hm(hm, &pl->p->conf.zone, s->start),
		    s->title);
		out[n++] = xstrdup(kind);
		return n;
	}
	/* "09:30-10:45", or the start alone in a narrow column. */
	planner_span(pl, s, span);
	out[n++] = xstrdup(text_width(span) <= w
	                       ? span
	                       : time_fmt_hm(hm, &pl->p->conf.zone, s->start));
	/* Whole words: one wider than the column is cut, not carried. */
	wrapped = text_wrap_words(s->title, w, &nw);
	for (i = 0; i < nw; i++) {
		if (n < (size_t)h - 1 && n < max - 1) {
			if (i + 1 < nw && n + 1 == (size_t)h - 1) {
				/* The last title line that fits: say it goes
				 * on. */
				line = xasprintf("%s %s", wrapped[i],
				                 wrapped[i + 1]);
				out[n++] = text_truncate(line, w);
				free(line);
			} else {
				out[n++] = xstrdup(wrapped[i]);
			}
		}
		free(wrapped[i]);
	}
	free(wrapped);
	if (n < max) {
		/* The status first, so a narrow column still shows it. */
		if (s->status == SESSION_TENTATIVE)
			out[n++] = xasprintf("tentative %s", kind);
		else if (s->status == SESSION_CANCELLED)
			out[n++] = xasprintf("cancelled %s", kind);
		else
			out[n++] = xstrdup(kind);
	}
	return n;
}

static void
draw_block(struct planner *pl, struct canvas *c, const struct grid_layout *g,
           const struct grid_block *b, int bx, int bw, int y, int h, long sel)
{
	struct grid_view *gv = grid_of(pl);
	const struct session *s = &pl->p->sessions[b->session];
	int r0 = grid_row_of(g, b->m0) - gv->top;
	int r1 = grid_row_of(g, b->m1 + g->zoom - 1) - gv->top;
	int style = s->status == SESSION_CANCELLED
	                ? STYLE_CANCELLED
	                : planner_kind_style(pl, s->kind);
	int mods = sel == (long)b->session ? MOD_REVERSE | MOD_BOLD : 0;
	int mstyle, r;
	const char *mark;
	char *lines[64];
	size_t n, i;

	if (r1 <= r0)
		r1 = r0 + 1;
	if (r1 <= 0 || r0 >= h || bw < 1)
		return;
	mark_of(pl, b->session, &mark, &mstyle);
	n = block_lines(pl, s, bw - 1, r1 - r0, lines, 64);
	for (r = r0; r < r1; r++) {
		if (r < 0 || r >= h)
			continue;
		canvas_fill(c, y + r, bx, bw, 1, style, mods);
		if (r == r0)
			canvas_put(c, y + r, bx, 1, mark,
			           mstyle == STYLE_NORMAL ? style : mstyle,
			           mods);
		if ((size_t)(r - r0) < n && bw > 1)
			canvas_put_fit(c, y + r, bx + 1, bw - 1, lines[r - r0],
			               style, mods);
	}
	for (i = 0; i < n; i++)
		free(lines[i]);
}

/* The all-day items that cover the day shown, in programme order, as
 * indexes into p->sessions (the caller frees); *n their number. */
static size_t *
all_day_items(const struct planner *pl, size_t *n)
{
	const struct programme *p = pl->p;
	size_t *v = NULL, cap = 0, i;
	dais_time midnight;

	*n = 0;
	if (pl->day < 0 || (size_t)pl->day >= p->conf.ndays)
		return NULL;
	midnight = time_at(&p->conf.zone, p->conf.days[pl->day], 0);
	for (i = 0; i < p->nsessions; i++) {
		const struct session *s = &p->sessions[i];

		if (!s->all_day || s->start > midnight || s->end <= midnight)
			continue;
		XGROW(v, *n, cap);
		v[(*n)++] = i;
	}
	return v;
}

static const char *
all_day_title(const struct session *s)
{
	return s->title && *s->title ? s->title : "(untitled)";
}

/*
 * "All day: Arrival of delegations · Border technology exhibition": the
 * all-day items that cover the day, which have no hours to be blocks at
 * (layout.c leaves them out); NULL when there are none.
 */
static char *
all_day_line(const struct planner *pl)
{
	struct strbuf b = {0};
	size_t n, i, *v = all_day_items(pl, &n);

	for (i = 0; i < n; i++) {
		const struct session *s = &pl->p->sessions[v[i]];

		strbuf_addstr(&b, b.n == 0 ? "All day: " : " \xc2\xb7 ");
		strbuf_addstr(&b, all_day_title(s));
		if (s->status == SESSION_CANCELLED)
			strbuf_addstr(&b, " (cancelled)");
	}
	free(v);
	return b.n > 0 ? strbuf_take(&b) : NULL;
}

/*
 * The line with the cursor on item `cur`: each item in turn, the chosen
 * one reversed; items before it are left out ("All day: … ") when it
 * would not fit otherwise.
 */
static void
draw_all_day_cursor(struct planner *pl, struct canvas *c, int x, int y, int w,
                    int cur)
{
	size_t n, i, first = 0, *v = all_day_items(pl, &n);
	const char *lead = "All day: ";
	int at = x, need = 0;

	if ((size_t)cur >= n) {
		free(v);
		return;
	}
	/* The first item shown: as late as needed for the chosen one to
	 * fit whole, or start there. */
	for (first = (size_t)cur;; first--) {
		need = text_width(lead) + (first > 0 ? 2 : 0);
		for (i = first; i <= (size_t)cur; i++)
			need +=
			    text_width(all_day_title(&pl->p->sessions[v[i]])) +
			    (i > first ? 3 : 0);
		if (need > w || first == 0)
			break;
	}
	if (need > w && first < (size_t)cur)
		first++;
	canvas_put_fit(c, y, at, w, lead, STYLE_NORMAL, 0);
	at += text_width(lead);
	if (first > 0) {
		canvas_put_fit(c, y, at, x + w - at, "\xe2\x80\xa6 ",
		               STYLE_NORMAL, 0);
		at += 2;
	}
	for (i = first; i < n && at < x + w; i++) {
		const struct session *s = &pl->p->sessions[v[i]];
		char *text = s->status == SESSION_CANCELLED
		                 ? xasprintf("%s (cancelled)", all_day_title(s))
		                 : xstrdup(all_day_title(s));
		int tw = text_width(text);

		if (i > first) {
			canvas_put_fit(c, y, at, x + w - at, " \xc2\xb7 ",
			               STYLE_NORMAL, 0);
			at += 3;
		}
		if (at < x + w)
			canvas_put_fit(c, y, at, x + w - at, text, STYLE_NORMAL,
			               i == (size_t)cur ? MOD_REVERSE | MOD_BOLD
			                                : 0);
		at += tw;
		free(text);
	}
	free(v);
}

static void
grid_draw(struct planner *pl, struct canvas *c, int x, int y, int w, int h)
{
	struct grid_view *gv = grid_of(pl);
	struct grid_layout g;
	int avail = w - GRID_GUTTER, nvis, colw, rows, crow, r, k;
	long sel = planner_selected_index(pl);
	size_t i;
	char *all_day = all_day_line(pl);

	/* The day's all-day items on a line of their own above the grid,
	 * cut in the middle when too long (the last one's name stays). */
	if (all_day != NULL && h > 2) {
		if (gv->allday >= 0) {
			draw_all_day_cursor(pl, c, x, y, w, gv->allday);
		} else {
			char *cut = text_abbreviate(all_day, w);

			canvas_put_fit(c, y, x, w, cut, STYLE_NORMAL, 0);
			free(cut);
		}
		y++;
		h--;
	}
	free(all_day);
	grid_layout_build(&g, pl->p, pl->day, pl->zoom);
	if (g.ncols == 0 || pl->p->conf.ndays == 0) {
		canvas_put_fit(c, y, x, w,
		               "No rooms in venues.ini: the list view (F3) "
		               "shows the sessions.",
		               STYLE_DIM, 0);
		grid_layout_free(&g);
		return;
	}
	nvis = avail / (w >= pl->w ? GRID_NARROW_COL : GRID_MIN_COL);
	if (nvis < 1)
		nvis = 1;
	if (nvis > g.ncols)
		nvis = g.ncols;
	colw = avail / nvis;
	if (gv->col >= g.ncols)
		gv->col = g.ncols - 1;
	if (gv->col < 0)
		gv->col = 0;
	if (gv->col < gv->left)
		gv->left = gv->col;
	if (gv->col >= gv->left + nvis)
		gv->left = gv->col - nvis + 1;
	if (gv->left > g.ncols - nvis)
		gv->left = g.ncols - nvis;
	if (gv->left < 0)
		gv->left = 0;
	rows = h - 1;
	if (pl->w != gv->drawn_w || pl->h != gv->drawn_h) {
		/* A new size: start from the day's first session, so as
		 * much of the day as fits is shown (the selection is kept in
		 * view below); a scroll made for a small screen is not kept
		 * with empty rows on a large one. */
		int first = g.nrows;

		for (i = 0; i < g.nblocks; i++) {
			int r0 = grid_row_of(&g, g.blocks[i].m0);

			if (r0 < first)
				first = r0;
		}
		gv->top = first < g.nrows ? first : 0;
		gv->drawn_w = pl->w;
		gv->drawn_h = pl->h;
	}
	crow = grid_row_of(&g, gv->min);
	if (crow < 0)
		crow = 0;
	if (crow >= g.nrows)
		crow = g.nrows - 1;
	if (crow < gv->top)
		gv->top = crow;
	if (crow >= gv->top + rows)
		gv->top = crow - rows + 1;
	{
		/* Show the whole selected block when it fits. */
		long b = sel >= 0 ? grid_find_block(&g, (size_t)sel) : -1;

		if (b >= 0) {
			int r0 = grid_row_of(&g, g.blocks[b].m0);
			int r1 = grid_row_of(&g, g.blocks[b].m1 + g.zoom - 1);

			if (r1 - r0 <= rows && r1 > gv->top + rows)
				gv->top = r1 - rows;
			if (r0 < gv->top)
				gv->top = r0;
		}
	}
	if (gv->top > g.nrows - rows)
		gv->top = g.nrows - rows;
	if (gv->top < 0)
		gv->top = 0;
	gv->x = x;
	gv->y = y;
	gv->colw = colw;
	gv->gutter = GRID_GUTTER;
	gv->visible_cols = nvis;
	gv->visible_rows = rows;
	gv->ncols = g.ncols;

	/* Header: room names; arrows when rooms are scrolled off. */
	canvas_fill(c, y, x, w, 1, STYLE_HEADER, 0);
	{
		char z[16];

		snprintf(z, sizeof z, "%s%dm", gv->left > 0 ? "<<" : "",
		         g.zoom);
		canvas_put(c, y, x, GRID_GUTTER, z, STYLE_DIM, 0);
	}
	for (k = 0; k < nvis; k++) {
		const struct grid_col *gc = &g.cols[gv->left + k];
		int cx = x + GRID_GUTTER + k * colw;
		int cw = k == nvis - 1 ? avail - k * colw : colw;

		/* Cut in the middle: "Side Ev… Room A" and "… Room B"
		 * stay different. */
		bool arrows = k == nvis - 1 && gv->left + nvis < g.ncols;
		char *name = text_abbreviate(gc->room != NULL ? gc->room->name
		                                              : "(no room)",
		                             cw - 1 - (arrows ? 2 : 0));

		canvas_put(c, y, cx, 1, "|", STYLE_RULE, 0);
		canvas_put_fit(c, y, cx + 1, cw - 1, name, STYLE_HEADER,
		               gv->left + k == gv->col ? MOD_UNDERLINE : 0);
		free(name);
	}
	if (gv->left + nvis < g.ncols)
		canvas_put(c, y, x + w - 2, 2, ">>", STYLE_HEADER, 0);

	for (r = 0; r < rows; r++) {
		int row = gv->top + r, m = g.start + row * g.zoom;
		int label = g.zoom >= 15 ? g.zoom : 15;
		char hm[16];

		if (row >= g.nrows)
			break;
		if (m % label == 0 || row == crow)
			snprintf(hm, sizeof hm, "%02d:%02d", (m / 60) % 24,
			         m % 60);
		else
			hm[0] = '\0';
		canvas_put_fit(c, y + 1 + r, x, GRID_GUTTER, hm, STYLE_GUTTER,
		               row == crow ? MOD_REVERSE : 0);
		for (k = 0; k < nvis; k++)
			canvas_put(c, y + 1 + r, x + GRID_GUTTER + k * colw, 1,
			           "|", STYLE_RULE, 0);
	}
	/* The cursor on an empty slot. */
	if (sel < 0 && gv->allday < 0 && crow - gv->top < rows) {
		int k2 = gv->col - gv->left;
		int cw = k2 == nvis - 1 ? avail - k2 * colw : colw;

		canvas_fill(c, y + 1 + crow - gv->top,
		            x + GRID_GUTTER + k2 * colw + 1, cw - 1, 1,
		            STYLE_CURSOR, 0);
	}
	for (i = 0; i < g.nblocks; i++) {
		const struct grid_block *b = &g.blocks[i];
		int k2 = b->col - gv->left, cw, lw, bx, bw;

		if (k2 < 0 || k2 >= nvis)
			continue;
		cw = (k2 == nvis - 1 ? avail - k2 * colw : colw) - 1;
		lw = cw / b->nlanes;
		bx = x + GRID_GUTTER + k2 * colw + 1 + b->lane * lw;
		bw = b->lane == b->nlanes - 1 ? cw - b->lane * lw : lw;
		draw_block(pl, c, &g, b, bx, bw, y + 1, rows, sel);
	}
	grid_layout_free(&g);
}

void
grid_sync_selection(struct planner *pl)
{
	struct grid_view *gv = grid_of(pl);
	struct grid_layout g;
	long b;

	if (gv->allday >= 0) {
		size_t n, *v = all_day_items(pl, &n);

		/* After a delete the next item takes its place; none left:
		 * back to the grid's first row. */
		if (n > 0) {
			if ((size_t)gv->allday >= n)
				gv->allday = (int)n - 1;
			planner_select(pl, &pl->p->sessions[v[gv->allday]]);
			free(v);
			return;
		}
		free(v);
		gv->allday = -1;
	}
	grid_layout_build(&g, pl->p, pl->day, pl->zoom);
	b = grid_block_at(&g, gv->col, gv->lane, gv->min);
	if (b >= 0) {
		planner_select(pl, &pl->p->sessions[g.blocks[b].session]);
		gv->lane = g.blocks[b].lane;
	} else {
		planner_select_none(pl);
	}
	grid_layout_free(&g);
}

void
grid_follow_selection(struct planner *pl)
{
	struct grid_view *gv = grid_of(pl);
	struct grid_layout g;
	long s = planner_selected_index(pl), b;

	if (s < 0)
		return;
	if (pl->p->sessions[s].all_day) {
		size_t n, i, *v = all_day_items(pl, &n);

		gv->allday = -1;
		for (i = 0; i < n; i++)
			if (v[i] == (size_t)s)
				gv->allday = (int)i;
		free(v);
		return;
	}
	gv->allday = -1;
	grid_layout_build(&g, pl->p, pl->day, pl->zoom);
	b = grid_find_block(&g, (size_t)s);
	if (b >= 0) {
		gv->col = g.blocks[b].col;
		gv->lane = g.blocks[b].lane;
		gv->min = g.blocks[b].m0;
	}
	grid_layout_free(&g);
}

/* The grid cell at screen (x, y) as last drawn: column, minute; false if
 * none. */
static bool
grid_hit(struct planner *pl, int x, int y, int *col, int *minute)
{
	struct grid_view *gv = grid_of(pl);
	struct grid_layout g;
	int k, r;
	bool ok;

	if (gv->colw <= 0 || x < gv->x + gv->gutter || y <= gv->y ||
	    y > gv->y + gv->visible_rows)
		return false;
	k = (x - gv->x - gv->gutter) / gv->colw;
	if (k >= gv->visible_cols)
		k = gv->visible_cols - 1;
	r = y - gv->y - 1 + gv->top;
	grid_layout_build(&g, pl->p, pl->day, pl->zoom);
	ok = gv->left + k < g.ncols && r < g.nrows;
	*col = gv->left + k;
	*minute = g.start + r * g.zoom;
	grid_layout_free(&g);
	return ok;
}

/* Moves the cursor to minute m, landing on the start of a block there. */
static void
land(struct planner *pl, const struct grid_layout *g, int m)
{
	struct grid_view *gv = grid_of(pl);
	long b;

	if (m < g->start)
		m = g->start;
	if (m > g->end - g->zoom)
		m = g->end - g->zoom;
	gv->min = m;
	b = grid_block_at(g, gv->col, gv->lane, m);
	if (b >= 0) {
		gv->min =
		    g->blocks[b].m0 < g->start ? g->start : g->blocks[b].m0;
		gv->lane = g->blocks[b].lane;
	}
}

/* c: a new session at the cursor's room and row, or after the selected
 * one. */
static void
create_here(struct planner *pl)
{
	struct grid_view *gv = grid_of(pl);
	const struct session *s = planner_selected(pl);
	struct grid_layout g;
	const char *room = NULL;
	int m;

	grid_layout_build(&g, pl->p, pl->day, pl->zoom);
	if (gv->col >= 0 && gv->col < g.ncols)
		room = g.cols[gv->col].room_id;
	m = g.start + grid_row_of(&g, gv->min) * g.zoom;
	if (s != NULL && !s->all_day)
		m = planner_minutes(pl, pl->day, s->end);
	form_open_create(pl, pl->day, m, room);
	grid_layout_free(&g);
}

/* The keys on the all-day line: left and right go from item to item,
 * down (or Esc) back to the grid's first row, Enter edits the item. */
static bool
all_day_action(struct planner *pl, enum action a)
{
	struct grid_view *gv = grid_of(pl);
	size_t n, *v = all_day_items(pl, &n);
	bool done = true;

	switch (a) {
	case ACT_LEFT:
		if (gv->allday > 0)
			gv->allday--;
		break;
	case ACT_RIGHT:
		if ((size_t)gv->allday + 1 < n)
			gv->allday++;
		break;
	case ACT_UP:
	case ACT_FIRST:
	case ACT_PAGE_UP:
		break;
	case ACT_DOWN:
	case ACT_PAGE_DOWN:
	case ACT_BACK:
		gv->allday = -1;
		gv->min = pl->p->conf.day_start;
		{
			struct grid_layout g;

			grid_layout_build(&g, pl->p, pl->day, pl->zoom);
			land(pl, &g, g.start);
			grid_layout_free(&g);
		}
		break;
	case ACT_SELECT:
		if ((size_t)gv->allday < n)
			form_open_edit(pl, &pl->p->sessions[v[gv->allday]]);
		free(v);
		return true;
	default:
		done = false;
		break;
	}
	free(v);
	if (done)
		grid_sync_selection(pl);
	return done;
}

static bool
grid_action(struct planner *pl, enum action a)
{
	struct grid_view *gv = grid_of(pl);
	struct grid_layout g;
	long b;
	int page = gv->visible_rows > 2 ? gv->visible_rows - 1 : 1;
	int i, row_start;
	bool done = true;

	if (a == ACT_CREATE) {
		create_here(pl);
		return true;
	}
	if (gv->allday >= 0)
		return all_day_action(pl, a);
	switch (a) {
	case ACT_UP:
	case ACT_DOWN:
	case ACT_PAGE_UP:
	case ACT_PAGE_DOWN:
	case ACT_FIRST:
	case ACT_LAST:
	case ACT_LEFT:
	case ACT_RIGHT:
	case ACT_ZOOM_IN:
	case ACT_ZOOM_OUT:
	case ACT_SELECT:
		break;
	default:
		return false;
	}
	grid_layout_build(&g, pl->p, pl->day, pl->zoom);
	b = grid_block_at(&g, gv->col, gv->lane, gv->min);
	row_start = g.start + grid_row_of(&g, gv->min) * g.zoom;
	switch (a) {
	case ACT_UP:
		if ((b >= 0 ? g.blocks[b].m0 : row_start) <= g.start) {
			/* Up from the first row: the day's all-day items. */
			size_t n, *v = all_day_items(pl, &n);

			free(v);
			if (n > 0)
				gv->allday = 0;
			break;
		}
		land(pl, &g, (b >= 0 ? g.blocks[b].m0 : row_start) - g.zoom);
		break;
	case ACT_DOWN:
		if (b >= 0) {
			int m1 = g.blocks[b].m1;

			/* The first row after the block. */
			m1 =
			    g.start + grid_row_of(&g, m1 + g.zoom - 1) * g.zoom;
			if (m1 <= row_start)
				m1 = row_start + g.zoom;
			if (m1 < g.end)
				land(pl, &g, m1);
		} else if (row_start + g.zoom < g.end) {
			land(pl, &g, row_start + g.zoom);
		}
		break;
	case ACT_PAGE_UP:
		land(pl, &g, row_start - page * g.zoom);
		break;
	case ACT_PAGE_DOWN:
		land(pl, &g, row_start + page * g.zoom);
		break;
	case ACT_FIRST:
		land(pl, &g, g.start);
		break;
	case ACT_LAST:
		land(pl, &g, g.end - g.zoom);
		break;
	case ACT_LEFT:
		if (b >= 0 && g.blocks[b].lane > 0) {
			gv->lane--;
		} else if (gv->col > 0) {
			gv->col--;
			gv->lane = 0;
		}
		gv->min = row_start;
		land(pl, &g, gv->min);
		break;
	case ACT_RIGHT:
		if (b >= 0 && g.blocks[b].lane < g.blocks[b].nlanes - 1) {
			gv->lane++;
		} else if (gv->col < g.ncols - 1) {
			gv->col++;
			gv->lane = 0;
		}
		gv->min = row_start;
		land(pl, &g, gv->min);
		break;
	case ACT_ZOOM_IN:
	case ACT_ZOOM_OUT:
		for (i = 0; i < CONFIG_NZOOMS; i++)
			if (config_zooms[i] == pl->zoom)
				break;
		if (i == CONFIG_NZOOMS)
			i = 2;
		i += a == ACT_ZOOM_IN ? -1 : 1;
		if (i < 0 || i >= CONFIG_NZOOMS) {
			planner_message(pl, true,
			                "Zoom is at its %s: %d minutes "
			                "a row.",
			                i < 0 ? "finest" : "coarsest",
			                pl->zoom);
		} else {
			pl->zoom = config_zooms[i];
			planner_message(pl, false, "%d minutes a row.",
			                pl->zoom);
		}
		break;
	case ACT_SELECT:
		if (b >= 0)
			form_open_edit(pl,
			               &pl->p->sessions[g.blocks[b].session]);
		else
			form_open_create(pl, pl->day, row_start,
			                 g.cols[gv->col].room_id);
		grid_layout_free(&g);
		return true;
	default:
		done = false;
		break;
	}
	grid_layout_free(&g);
	if (done)
		grid_sync_selection(pl);
	return done;
}

/* The mouse: a click selects, a drag moves the session by as much as the
 * pointer moved, to another time or room, as one edit. */
static void
grid_mouse(struct planner *pl, const struct term_mouse *m)
{
	struct grid_view *gv = grid_of(pl);
	int col, minute;

	if (!grid_hit(pl, m->x, m->y, &col, &minute))
		return;
	if (m->kind == TERM_MOUSE_PRESS) {
		const struct session *s;

		gv->col = col;
		gv->min = minute;
		gv->lane = 0;
		gv->allday = -1;
		grid_sync_selection(pl);
		s = planner_selected(pl);
		if (s != NULL)
			session_key_set(&gv->drag, s->uid, s->recurrence_id);
		else
			session_key_clear(&gv->drag);
		gv->drag_col = col;
		gv->drag_min = minute;
		return;
	}
	if (m->kind == TERM_MOUSE_RELEASE && gv->drag.uid != NULL) {
		long i =
		    programme_find_session(pl->p, gv->drag.uid, gv->drag.rid);
		struct grid_layout g;
		const struct session *s;
		const char *why = NULL, *room;
		dais_time by = (dais_time)(minute - gv->drag_min) * 60;
		char *uid;
		dais_time rid, start;
		bool ok = true;

		session_key_clear(&gv->drag);
		if (i < 0 || (col == gv->drag_col && by == 0))
			return;
		s = &pl->p->sessions[i];
		uid = xstrdup(s->uid);
		rid = s->recurrence_id;
		start = s->start; /* s is stale after the first edit */
		grid_layout_build(&g, pl->p, pl->day, pl->zoom);
		room = g.cols[col].room_id;
		/* One edit, so that one undo puts it back. */
		editor_begin_group(pl->ed, NULL);
		if (col != gv->drag_col && room != NULL)
			ok = edit_set_room(pl->ed, uid, rid, room, NULL, &why);
		if (ok && by != 0)
			ok = edit_move(pl->ed, uid, rid, start + by, &why);
		if (ok)
			editor_end_group(pl->ed);
		else
			editor_cancel_group(pl->ed);
		planner_edit_result(pl, ok, why);
		grid_layout_free(&g);
		free(uid);
		grid_follow_selection(pl);
	}
}

/* Another day: its all-day items are others. */
static void
grid_day_changed(struct planner *pl)
{
	grid_of(pl)->allday = -1;
	grid_sync_selection(pl);
}

/* Switched to: the cursor on the selection when it is on the day shown. */
static void
grid_enter(struct planner *pl)
{
	const struct session *s = planner_selected(pl);

	if (s != NULL &&
	    (s->all_day || programme_day_of(pl->p, s->start) == pl->day))
		grid_follow_selection(pl);
	/* An all-day item of another day, or none: what the cursor is on. */
	if (s == NULL || (s->all_day && grid_of(pl)->allday < 0) ||
	    (!s->all_day && programme_day_of(pl->p, s->start) != pl->day))
		grid_sync_selection(pl);
}

static void
grid_reload(struct planner *pl)
{
	session_key_clear(&grid_of(pl)->drag);
}

int
grid_cursor_minute(const struct planner *pl)
{
	return grid_of(pl)->min;
}

int
grid_column_width(const struct planner *pl)
{
	return grid_of(pl)->colw;
}

/* "rooms 1–5 of 9" on the tab when the grid is shown without every room
 * of the day. */
static const char *
grid_tab_note(const struct planner *pl, char *buf, size_t n)
{
	const struct grid_view *gv = grid_of(pl);

	/* Below 100 columns the tab row has no room for it beside "? help";
	 * the header's << and >> still say that rooms are off screen. */
	if (pl->w < 100 || gv->visible_cols <= 0 ||
	    gv->visible_cols >= gv->ncols)
		return NULL;
	/* What was drawn is only what is seen while the grid is shown. */
	if (planner_view(pl) != &grid_view)
		return NULL;
	snprintf(buf, n, "rooms %d\xe2\x80\x93%d of %d", gv->left + 1,
	         gv->left + gv->visible_cols, gv->ncols);
	return buf;
}

static void *
grid_new(struct planner *pl)
{
	struct grid_view *gv = xcalloc(1, sizeof *gv);

	gv->min = pl->p->conf.day_start;
	gv->allday = -1;
	gv->drag.rid = DAIS_TIME_NONE;
	return gv;
}

static void
grid_free(void *state)
{
	struct grid_view *gv = state;

	session_key_clear(&gv->drag);
	free(gv);
}

const struct view_ops grid_view = {
    .name = "Grid",
    .context = CTX_GRID,
    .show_action = ACT_VIEW_GRID,
    .flags = VIEWF_SESSIONS,
    .new = grid_new,
    .free = grid_free,
    .draw = grid_draw,
    .action = grid_action,
    .enter = grid_enter,
    .day_changed = grid_day_changed,
    .follow = grid_follow_selection,
    .deleted = grid_sync_selection,
    .mouse = grid_mouse,
    .reload = grid_reload,
    .tab_note = grid_tab_note,
};
