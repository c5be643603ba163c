/*
 * view_list.c: the chronological list of one day: a row per session with
 * its time, room, kind and title, marked when it takes part in a conflict.
 */
#include <stdio.h>
#include <stdlib.h>

#include "dais/textwidth.h"
#include "dais/xalloc.h"
#include "planner.h"

struct list_view {
	struct listnav nav;
};

static struct listnav *
nav_of(const struct planner *pl)
{
	return &((struct list_view *)planner_view_state(pl, &list_view))->nav;
}

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

/* The room column: as wide as the longest room name, up to a quarter of
 * the view (names cut in the middle beyond that), at least 16. */
static int
room_width(const struct planner *pl, int w)
{
	int most = 16, cap = w / 4 > 16 ? w / 4 : 16;
	size_t i;

	for (i = 0; i < pl->p->nrooms; i++) {
		int n = text_width(pl->p->rooms[i].name);

		if (n > most)
			most = n;
	}
	return most < cap ? most : cap;
}

static void
list_draw(struct planner *pl, struct canvas *c, int x, int y, int w, int h)
{
	struct listnav *nav = nav_of(pl);
	size_t n, *v = list_sessions(pl, &n);
	int roomw = room_width(pl, w), kindw = w >= 70 ? 13 : 0;
	int titlew = w - 12 - 2 - roomw - 1 - kindw - 1, r;
	long sel = planner_selected_index(pl);
	int cur = position_of(v, n, sel);

	nav->n = (int)n;
	if (cur >= 0)
		nav->cur = cur;
	listnav_fix(nav, h - 1);
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
	for (r = 0; r < h - 1 && nav->top + r < (int)n; r++) {
		size_t i = v[nav->top + r];
		const struct session *s = &pl->p->sessions[i];
		char span[DAIS_TIMEBUF];
		int row = y + 1 + r, mods = (long)i == sel ? MOD_REVERSE : 0;
		int base = s->status == SESSION_CANCELLED ? STYLE_CANCELLED
		                                          : STYLE_NORMAL;
		const char *mark = " ";
		int mstyle = base;
		char *room, *title;

		if (s->status == SESSION_CANCELLED) {
			mark = "x";
		} else if (planner_session_worst(pl, i) == SEVERITY_ERROR) {
			mark = "!";
			mstyle = STYLE_ERROR;
		} else if (planner_session_worst(pl, i) == SEVERITY_WARNING) {
			mark = "*";
			mstyle = STYLE_WARNING;
		} else if (s->status == SESSION_TENTATIVE) {
			mark = "?";
		}
		canvas_fill(c, row, x, w, 1, base, mods);
		canvas_put_fit(c, row, x, 12, planner_span(pl, s, span), base,
		               mods);
		canvas_put(c, row, x + 12, 1, mark, mstyle, mods);
		room = text_abbreviate(planner_room_name(pl, s), roomw);
		canvas_put_fit(c, row, x + 14, roomw, room, base, mods);
		free(room);
		if (kindw > 0)
			canvas_put_fit(c, row, x + 15 + roomw, kindw,
			               s->kind != NULL ? s->kind : "",
			               s->status == SESSION_CANCELLED
			                   ? base
			                   : planner_kind_style(pl, s->kind),
			               mods);
		/* Tentative said in words too, beside a conflict's mark. */
		title = s->status == SESSION_TENTATIVE
		            ? xasprintf("(tentative) %s", s->title)
		            : xstrdup(s->title);
		canvas_put_fit(c, row, x + 16 + roomw + kindw, titlew, title,
		               base, mods);
		free(title);
	}
	free(v);
}

static bool
list_action(struct planner *pl, enum action a)
{
	struct listnav *nav = nav_of(pl);
	size_t n, *v = list_sessions(pl, &n);
	int page = pl->h > 6 ? pl->h - 4 : 1;
	const struct session *s;
	bool done;

	nav->n = (int)n;
	nav->cur = position_of(v, n, planner_selected_index(pl));
	if (nav->cur < 0)
		nav->cur = 0;
	done = listnav_action(nav, a, page);
	if (done && n > 0)
		planner_select(pl, &pl->p->sessions[v[nav->cur]]);
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

/* Selects the day's first session (or none). */
static void
select_first(struct planner *pl)
{
	size_t n, *v = list_sessions(pl, &n);

	planner_select(pl, n > 0 ? &pl->p->sessions[v[0]] : NULL);
	free(v);
}

/* Switched to: the selection stays when it is on the day shown. */
static void
list_enter(struct planner *pl)
{
	const struct session *s = planner_selected(pl);

	if (s == NULL || programme_day_of(pl->p, s->start) != pl->day)
		select_first(pl);
}

/* The list keeps its place: the session after the deleted one, or the
 * one before when it was the last. */
static void
list_deleted(struct planner *pl)
{
	int at = nav_of(pl)->cur;
	size_t n, *v = list_sessions(pl, &n);

	if (at >= (int)n)
		at = (int)n - 1;
	planner_select(pl, at >= 0 ? &pl->p->sessions[v[at]] : NULL);
	free(v);
}

static void *
list_new(struct planner *pl)
{
	(void)pl;
	return xcalloc(1, sizeof(struct list_view));
}

const struct view_ops list_view = {
    .name = "List",
    .context = CTX_SESSIONS,
    .show_action = ACT_VIEW_LIST,
    .flags = VIEWF_SESSIONS,
    .new = list_new,
    .free = free,
    .draw = list_draw,
    .action = list_action,
    .enter = list_enter,
    .day_changed = select_first,
    .deleted = list_deleted,
};
