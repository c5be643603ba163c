/*
 * layout.c: where each session of a day goes in the rooms x time grid: its
 * column (room), its rows, and its lane when sessions overlap in one room,
 * so that a double booking shows as two blocks side by side.
 */
#include <stdlib.h>
#include <string.h>

#include "dais/xalloc.h"
#include "planner.h"

static int
block_cmp(const void *a, const void *b)
{
	const struct grid_block *x = a, *y = b;

	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	if (x->m0 != y->m0)
		return x->m0 < y->m0 ? -1 : 1;
	if (x->m1 != y->m1)
		return x->m1 > y->m1 ? -1 : 1;
	return x->session < y->session ? -1 : x->session > y->session;
}

int
grid_col_of(const struct grid_layout *g, const struct programme *p,
            const char *room_id)
{
	const struct room *r = programme_find_room(p, room_id);

	/* Columns are the rooms in venues.ini's order, then the unknown. */
	if (r != NULL && (int)(r - p->rooms) < g->ncols &&
	    g->cols[r - p->rooms].room == r)
		return (int)(r - p->rooms);
	if (g->ncols > 0 && g->cols[g->ncols - 1].room == NULL)
		return g->ncols - 1;
	return -1;
}

/* Gives each block of one column its lane and the width of its cluster. */
static void
assign_lanes(struct grid_block *b, size_t n)
{
	size_t i = 0;

	while (i < n) {
		/* A cluster: blocks connected by overlap. */
		size_t j = i, k;
		int end = b[i].m1, lanes = 0;
		int *lane_end = NULL;
		size_t nl = 0, cap = 0;

		while (j < n && (j == i || b[j].m0 < end)) {
			if (b[j].m1 > end)
				end = b[j].m1;
			j++;
		}
		for (k = i; k < j; k++) {
			size_t l;

			for (l = 0; l < nl; l++)
				if (lane_end[l] <= b[k].m0)
					break;
			if (l == nl) {
				XGROW(lane_end, nl, cap);
				nl++;
			}
			lane_end[l] = b[k].m1;
			b[k].lane = (int)l;
		}
		lanes = (int)nl;
		for (k = i; k < j; k++)
			b[k].nlanes = lanes;
		free(lane_end);
		i = j;
	}
}

void
programme_day_range(const struct programme *p, int day, size_t *first,
                    size_t *end)
{
	const struct conference *cf = &p->conf;
	struct dais_date next;

	*first = *end = 0;
	if (day < 0 || (size_t)day >= cf->ndays)
		return;
	next = days_to_date(date_to_days(cf->days[day]) + 1);
	*first = programme_first_from(p, time_at(&cf->zone, cf->days[day], 0));
	*end = programme_first_from(p, time_at(&cf->zone, next, 0));
}

void
grid_layout_build(struct grid_layout *g, const struct programme *p, int day,
                  int zoom)
{
	const struct conference *cf = &p->conf;
	dais_time midnight;
	size_t i, last_i, cap = 0;
	int first = cf->day_start, last = cf->day_end;
	bool unknown = false;

	memset(g, 0, sizeof *g);
	g->day = day;
	g->zoom = zoom > 0 ? zoom : 15;
	if (day < 0 || (size_t)day >= cf->ndays)
		return;
	midnight = time_at(&cf->zone, cf->days[day], 0);
	programme_day_range(p, day, &i, &last_i);
	for (; i < last_i; i++) {
		const struct session *s = &p->sessions[i];
		struct grid_block b;

		/* An all-day item has no hours: the grid names it on a line
		 * above (view_grid.c), and its midnights would stretch the
		 * rows to the whole day. */
		if (s->all_day)
			continue;
		memset(&b, 0, sizeof b);
		b.session = i;
		b.m0 = (int)((s->start - midnight) / 60);
		b.m1 = (int)((s->end - midnight) / 60);
		if (b.m1 <= b.m0)
			b.m1 = b.m0 + 1; /* a zero-length session still shows */
		if (s->room_id == NULL ||
		    programme_find_room(p, s->room_id) == NULL)
			unknown = true;
		if (b.m0 < first)
			first = b.m0;
		if (b.m1 > last)
			last = b.m1;
		XGROW(g->blocks, g->nblocks, cap);
		g->blocks[g->nblocks++] = b;
	}
	g->ncols = (int)p->nrooms + (unknown ? 1 : 0);
	g->cols = xcalloc((size_t)g->ncols + 1, sizeof *g->cols);
	for (i = 0; i < p->nrooms; i++) {
		g->cols[i].room_id = p->rooms[i].id;
		g->cols[i].room = &p->rooms[i];
	}
	g->start = first - (((first % g->zoom) + g->zoom) % g->zoom);
	g->end = last +
	         (g->zoom - (((last % g->zoom) + g->zoom) % g->zoom)) % g->zoom;
	g->nrows = (g->end - g->start) / g->zoom;
	if (g->nrows < 1)
		g->nrows = 1;
	for (i = 0; i < g->nblocks; i++)
		g->blocks[i].col = grid_col_of(
		    g, p, p->sessions[g->blocks[i].session].room_id);
	if (g->nblocks > 0) /* an empty day may have no array at all */
		qsort(g->blocks, g->nblocks, sizeof *g->blocks, block_cmp);
	for (i = 0; i < g->nblocks;) {
		size_t j = i;

		while (j < g->nblocks && g->blocks[j].col == g->blocks[i].col)
			j++;
		assign_lanes(g->blocks + i, j - i);
		i = j;
	}
}

void
grid_layout_free(struct grid_layout *g)
{
	free(g->cols);
	free(g->blocks);
	memset(g, 0, sizeof *g);
}

long
grid_find_block(const struct grid_layout *g, size_t s)
{
	size_t i;

	for (i = 0; i < g->nblocks; i++)
		if (g->blocks[i].session == s)
			return (long)i;
	return -1;
}

long
grid_block_at(const struct grid_layout *g, int col, int lane, int m)
{
	size_t i;
	long any = -1;

	for (i = 0; i < g->nblocks; i++) {
		const struct grid_block *b = &g->blocks[i];

		if (b->col != col || m < b->m0 || m >= b->m1)
			continue;
		if (b->lane == lane)
			return (long)i;
		if (any < 0)
			any = (long)i;
	}
	return any;
}

int
grid_row_of(const struct grid_layout *g, int minute)
{
	int r = minute - g->start;

	return r >= 0 ? r / g->zoom : -((-r + g->zoom - 1) / g->zoom);
}
