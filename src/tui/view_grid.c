/*
 * view_grid.c: the rooms x time grid of one day: rooms as columns, rows of
 * `zoom` minutes, each session a block in its kind's colour showing its
 * time, title and kind, marked when it takes part in a conflict. The
 * cursor is a room and a minute; the session under it is the selection.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dais/textwidth.h"
#include "dais/xalloc.h"
#include "planner.h"

#define GRID_GUTTER  6 /* "09:00 " */
#define GRID_MIN_COL 14

/* The conflict mark of a session: '!' error, '*' warning, 'x' cancelled. */
static void
mark_of(const struct planner *pl, size_t s, const char **mark, int *style)
{
	const struct session *ss = &pl->p->sessions[s];

	*mark = " ";
	*style = STYLE_NORMAL;
	if (ss->status == SESSION_CANCELLED) {
		*mark = "x";
		*style = STYLE_CANCELLED;
	} else if (s < pl->nworst && pl->worst[s] == SEVERITY_ERROR) {
		*mark = "!";
		*style = STYLE_ERROR;
	} else if (s < pl->nworst && pl->worst[s] == SEVERITY_WARNING) {
		*mark = "*";
		*style = STYLE_WARNING;
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
	out[n++] = xstrdup(planner_span(pl, s, span));
	wrapped = text_wrap(s->title, w, &nw);
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
		if (s->status == SESSION_TENTATIVE)
			out[n++] = xasprintf("%s tentative", kind);
		else if (s->status == SESSION_CANCELLED)
			out[n++] = xasprintf("%s cancelled", kind);
		else
			out[n++] = xstrdup(kind);
	}
	return n;
}

static void
draw_block(struct planner *pl, struct canvas *c, const struct grid_layout *g,
           const struct grid_block *b, int bx, int bw, int y, int h, long sel)
{
	const struct session *s = &pl->p->sessions[b->session];
	int r0 = grid_row_of(g, b->m0) - pl->gtop;
	int r1 = grid_row_of(g, b->m1 + g->zoom - 1) - pl->gtop;
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

void
grid_draw(struct planner *pl, struct canvas *c, int x, int y, int w, int h)
{
	struct grid_layout g;
	int avail = w - GRID_GUTTER, nvis, colw, rows, crow, r, k;
	long sel = planner_selected_index(pl);
	size_t i;

	grid_layout_build(&g, pl->p, pl->day, pl->zoom);
	if (g.ncols == 0 || pl->p->conf.ndays == 0) {
		canvas_put_fit(c, y, x, w,
		               "No rooms in venues.ini: the list view (F3) "
		               "shows the sessions.",
		               STYLE_DIM, 0);
		grid_layout_free(&g);
		return;
	}
	nvis = avail / GRID_MIN_COL;
	if (nvis < 1)
		nvis = 1;
	if (nvis > g.ncols)
		nvis = g.ncols;
	colw = avail / nvis;
	if (pl->gcol >= g.ncols)
		pl->gcol = g.ncols - 1;
	if (pl->gcol < 0)
		pl->gcol = 0;
	if (pl->gcol < pl->gleft)
		pl->gleft = pl->gcol;
	if (pl->gcol >= pl->gleft + nvis)
		pl->gleft = pl->gcol - nvis + 1;
	if (pl->gleft > g.ncols - nvis)
		pl->gleft = g.ncols - nvis;
	if (pl->gleft < 0)
		pl->gleft = 0;
	rows = h - 1;
	crow = grid_row_of(&g, pl->gmin);
	if (crow < 0)
		crow = 0;
	if (crow >= g.nrows)
		crow = g.nrows - 1;
	if (crow < pl->gtop)
		pl->gtop = crow;
	if (crow >= pl->gtop + rows)
		pl->gtop = crow - rows + 1;
	{
		/* Show the whole selected block when it fits. */
		long b = sel >= 0 ? grid_find_block(&g, (size_t)sel) : -1;

		if (b >= 0) {
			int r0 = grid_row_of(&g, g.blocks[b].m0);
			int r1 = grid_row_of(&g, g.blocks[b].m1 + g.zoom - 1);

			if (r1 - r0 <= rows && r1 > pl->gtop + rows)
				pl->gtop = r1 - rows;
			if (r0 < pl->gtop)
				pl->gtop = r0;
		}
	}
	if (pl->gtop > g.nrows - rows)
		pl->gtop = g.nrows - rows;
	if (pl->gtop < 0)
		pl->gtop = 0;
	pl->grid_x = x;
	pl->grid_y = y;
	pl->grid_colw = colw;
	pl->grid_gutter = GRID_GUTTER;
	pl->grid_visible_cols = nvis;
	pl->grid_visible_rows = rows;

	/* Header: room names; arrows when rooms are scrolled off. */
	canvas_fill(c, y, x, w, 1, STYLE_HEADER, 0);
	{
		char z[16];

		snprintf(z, sizeof z, "%s%dm", pl->gleft > 0 ? "<<" : "",
		         g.zoom);
		canvas_put(c, y, x, GRID_GUTTER, z, STYLE_DIM, 0);
	}
	for (k = 0; k < nvis; k++) {
		const struct grid_col *gc = &g.cols[pl->gleft + k];
		int cx = x + GRID_GUTTER + k * colw;
		int cw = k == nvis - 1 ? avail - k * colw : colw;

		canvas_put(c, y, cx, 1, "|", STYLE_RULE, 0);
		canvas_put_fit(c, y, cx + 1, cw - 1,
		               gc->room != NULL ? gc->room->name : "(no room)",
		               STYLE_HEADER,
		               pl->gleft + k == pl->gcol ? MOD_UNDERLINE : 0);
	}
	if (pl->gleft + nvis < g.ncols)
		canvas_put(c, y, x + w - 2, 2, ">>", STYLE_HEADER, 0);

	for (r = 0; r < rows; r++) {
		int row = pl->gtop + r, m = g.start + row * g.zoom;
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
	if (sel < 0 && crow - pl->gtop < rows) {
		int k2 = pl->gcol - pl->gleft;
		int cw = k2 == nvis - 1 ? avail - k2 * colw : colw;

		canvas_fill(c, y + 1 + crow - pl->gtop,
		            x + GRID_GUTTER + k2 * colw + 1, cw - 1, 1,
		            STYLE_CURSOR, 0);
	}
	for (i = 0; i < g.nblocks; i++) {
		const struct grid_block *b = &g.blocks[i];
		int k2 = b->col - pl->gleft, cw, lw, bx, bw;

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
	struct grid_layout g;
	long b;

	grid_layout_build(&g, pl->p, pl->day, pl->zoom);
	b = grid_block_at(&g, pl->gcol, pl->glane, pl->gmin);
	if (b >= 0) {
		planner_select(pl, &pl->p->sessions[g.blocks[b].session]);
		pl->glane = g.blocks[b].lane;
	} else {
		planner_select_none(pl);
	}
	grid_layout_free(&g);
}

void
grid_follow_selection(struct planner *pl)
{
	struct grid_layout g;
	long s = planner_selected_index(pl), b;

	if (s < 0)
		return;
	grid_layout_build(&g, pl->p, pl->day, pl->zoom);
	b = grid_find_block(&g, (size_t)s);
	if (b >= 0) {
		pl->gcol = g.blocks[b].col;
		pl->glane = g.blocks[b].lane;
		pl->gmin = g.blocks[b].m0;
	}
	grid_layout_free(&g);
}

bool
grid_hit(struct planner *pl, int x, int y, int *col, int *minute)
{
	struct grid_layout g;
	int k, r;
	bool ok;

	if (pl->grid_colw <= 0 || x < pl->grid_x + pl->grid_gutter ||
	    y <= pl->grid_y || y > pl->grid_y + pl->grid_visible_rows)
		return false;
	k = (x - pl->grid_x - pl->grid_gutter) / pl->grid_colw;
	if (k >= pl->grid_visible_cols)
		k = pl->grid_visible_cols - 1;
	r = y - pl->grid_y - 1 + pl->gtop;
	grid_layout_build(&g, pl->p, pl->day, pl->zoom);
	ok = pl->gleft + k < g.ncols && r < g.nrows;
	*col = pl->gleft + k;
	*minute = g.start + r * g.zoom;
	grid_layout_free(&g);
	return ok;
}

/* Moves the cursor to minute m, landing on the start of a block there. */
static void
land(struct planner *pl, const struct grid_layout *g, int m)
{
	long b;

	if (m < g->start)
		m = g->start;
	if (m > g->end - g->zoom)
		m = g->end - g->zoom;
	pl->gmin = m;
	b = grid_block_at(g, pl->gcol, pl->glane, m);
	if (b >= 0) {
		pl->gmin =
		    g->blocks[b].m0 < g->start ? g->start : g->blocks[b].m0;
		pl->glane = g->blocks[b].lane;
	}
}

bool
grid_action(struct planner *pl, enum action a)
{
	struct grid_layout g;
	long b;
	int page = pl->grid_visible_rows > 2 ? pl->grid_visible_rows - 1 : 1;
	int i, row_start;
	bool done = true;

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
	b = grid_block_at(&g, pl->gcol, pl->glane, pl->gmin);
	row_start = g.start + grid_row_of(&g, pl->gmin) * g.zoom;
	switch (a) {
	case ACT_UP:
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
			pl->glane--;
		} else if (pl->gcol > 0) {
			pl->gcol--;
			pl->glane = 0;
		}
		pl->gmin = row_start;
		land(pl, &g, pl->gmin);
		break;
	case ACT_RIGHT:
		if (b >= 0 && g.blocks[b].lane < g.blocks[b].nlanes - 1) {
			pl->glane++;
		} else if (pl->gcol < g.ncols - 1) {
			pl->gcol++;
			pl->glane = 0;
		}
		pl->gmin = row_start;
		land(pl, &g, pl->gmin);
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
			                 g.cols[pl->gcol].room_id);
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
