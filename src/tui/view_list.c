/*
 * view_list.c: the chronological list of one day: a row per session with
 * its time, room, kind and title, marked when it takes part in a conflict.
 */
#include <stdio.h>
#include <stdlib.h>

#include "dais/textwidth.h"
#include "dais/xalloc.h"
#include "planner.h"

size_t *
list_sessions(const struct planner *pl, size_t *n)
{
	size_t i, first, end, *v;

	/* p->sessions is kept in time order by the editor. */
	programme_day_range(pl->p, pl->day, &first, &end);
	v = xcalloc(end - first + 1, sizeof *v);
	*n = 0;
	for (i = first; i < end; i++)
		v[(*n)++] = i;
	return v;
}

static int
position_of(const size_t *v, size_t n, long sel)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((long)v[i] == sel)
			return (int)i;
	return -1;
}

void
list_draw(struct planner *pl, struct canvas *c, int x, int y, int w, int h)
{
	size_t n, *v = list_sessions(pl, &n);
	int roomw = w >= 90 ? 24 : 16, kindw = w >= 70 ? 13 : 0;
	int titlew = w - 12 - 2 - roomw - 1 - kindw - 1, r;
	long sel = planner_selected_index(pl);
	int cur = position_of(v, n, sel);

	pl->list.n = (int)n;
	if (cur >= 0)
		pl->list.cur = cur;
	listnav_fix(&pl->list, h - 1);
	canvas_fill(c, y, x, w, 1, STYLE_HEADER, 0);
	canvas_put_fit(c, y, x, 12, "Time", STYLE_HEADER, 0);
	canvas_put_fit(c, y, x + 14, roomw, "Room", STYLE_HEADER, 0);
	if (kindw > 0)
		canvas_put_fit(c, y, x + 15 + roomw, kindw, "Kind",
		               STYLE_HEADER, 0);
	canvas_put_fit(c, y, x + 16 + roomw + kindw, titlew, "Title",
	               STYLE_HEADER, 0);
	if (n == 0)
		canvas_put_fit(c, y + 1, x, w,
		               "No sessions on this day: c creates one.",
		               STYLE_DIM, 0);
	for (r = 0; r < h - 1 && pl->list.top + r < (int)n; r++) {
		size_t i = v[pl->list.top + r];
		const struct session *s = &pl->p->sessions[i];
		char span[DAIS_TIMEBUF];
		int row = y + 1 + r, mods = (long)i == sel ? MOD_REVERSE : 0;
		int base = s->status == SESSION_CANCELLED ? STYLE_CANCELLED
		                                          : STYLE_NORMAL;
		const char *mark = " ";
		int mstyle = base;

		if (s->status == SESSION_CANCELLED) {
			mark = "x";
		} else if (i < pl->nworst && pl->worst[i] == SEVERITY_ERROR) {
			mark = "!";
			mstyle = STYLE_ERROR;
		} else if (i < pl->nworst && pl->worst[i] == SEVERITY_WARNING) {
			mark = "*";
			mstyle = STYLE_WARNING;
		}
		canvas_fill(c, row, x, w, 1, base, mods);
		canvas_put_fit(c, row, x, 12, planner_span(pl, s, span), base,
		               mods);
		canvas_put(c, row, x + 12, 1, mark, mstyle, mods);
		canvas_put_fit(c, row, x + 14, roomw, planner_room_name(pl, s),
		               base, mods);
		if (kindw > 0)
			canvas_put_fit(c, row, x + 15 + roomw, kindw,
			               s->kind != NULL ? s->kind : "",
			               s->status == SESSION_CANCELLED
			                   ? base
			                   : planner_kind_style(pl, s->kind),
			               mods);
		canvas_put_fit(c, row, x + 16 + roomw + kindw, titlew, s->title,
		               base, mods);
	}
	free(v);
}

bool
list_action(struct planner *pl, enum action a)
{
	size_t n, *v = list_sessions(pl, &n);
	int page = pl->h > 6 ? pl->h - 4 : 1;
	const struct session *s;
	bool done;

	pl->list.n = (int)n;
	pl->list.cur = position_of(v, n, planner_selected_index(pl));
	if (pl->list.cur < 0)
		pl->list.cur = 0;
	done = listnav_action(&pl->list, a, page);
	if (done && n > 0)
		planner_select(pl, &pl->p->sessions[v[pl->list.cur]]);
	free(v);
	if (done)
		return true;
	if (a == ACT_SELECT) {
		s = planner_selected(pl);
		if (s != NULL)
			form_open_edit(pl, s);
		else
			form_open_create(pl, pl->day, pl->p->conf.day_start,
			                 NULL);
		return true;
	}
	return false;
}
