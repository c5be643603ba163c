/*
 * view_conflicts.c: every conflict of the programme, errors before
 * warnings and each in time order; the chosen one's full sentence and its
 * sessions below the list; Enter jumps to its first session.
 */
#include <stdio.h>
#include <stdlib.h>

#include "dais/textwidth.h"
#include "dais/xalloc.h"
#include "planner.h"

static const struct conflict *
current(const struct planner *pl)
{
	if (pl->conflicts.n == 0 || pl->conflicts_nav.cur < 0 ||
	    (size_t)pl->conflicts_nav.cur >= pl->conflicts.n)
		return NULL;
	return &pl->conflicts.v[pl->conflict_order[pl->conflicts_nav.cur]];
}

void
conflicts_draw(struct planner *pl, struct canvas *c, int x, int y, int w, int h)
{
	const struct conflict *cur;
	int listh = h - 7, r, kindw = 27, whenw = 22;
	size_t errors = conflict_count(&pl->conflicts, SEVERITY_ERROR);
	char *head;

	head = xasprintf(
	    "%zu conflict%s: %zu error%s, %zu warning%s", pl->conflicts.n,
	    pl->conflicts.n == 1 ? "" : "s", errors, errors == 1 ? "" : "s",
	    pl->conflicts.n - errors, pl->conflicts.n - errors == 1 ? "" : "s");
	canvas_put_fit(c, y, x, w, head, STYLE_TITLE, 0);
	free(head);
	if (pl->conflicts.n == 0) {
		canvas_put_fit(c, y + 2, x, w,
		               "No conflicts: every room, person and "
		               "delegation fits.",
		               STYLE_DIM, 0);
		return;
	}
	pl->conflicts_nav.n = (int)pl->conflicts.n;
	listnav_fix(&pl->conflicts_nav, listh);
	for (r = 0;
	     r < listh && pl->conflicts_nav.top + r < pl->conflicts_nav.n;
	     r++) {
		int k = pl->conflicts_nav.top + r, row = y + 1 + r;
		const struct conflict *cf =
		    &pl->conflicts.v[pl->conflict_order[k]];
		int mods = k == pl->conflicts_nav.cur ? MOD_REVERSE : 0;
		int sev = cf->severity == SEVERITY_ERROR ? STYLE_ERROR
		                                         : STYLE_WARNING;
		int day = programme_day_of(pl->p, cf->start);
		char when[DAIS_TIMEBUF * 3], d[DAIS_TIMEBUF], a[DAIS_TIMEBUF],
		    b[DAIS_TIMEBUF];

		snprintf(when, sizeof when, "%s %s-%s",
		         day >= 0 ? planner_day_label(pl, day, d)
		                  : date_fmt_iso(
		                        d, time_local_date(&pl->p->conf.zone,
		                                           cf->start)),
		         time_fmt_hm(a, &pl->p->conf.zone, cf->start),
		         time_fmt_hm(b, &pl->p->conf.zone, cf->end));
		canvas_fill(c, row, x, w, 1, STYLE_NORMAL, mods);
		canvas_put_fit(c, row, x, 9,
		               cf->severity == SEVERITY_ERROR ? "! error"
		                                              : "* warning",
		               sev, mods);
		canvas_put_fit(c, row, x + 10, whenw, when, STYLE_NORMAL, mods);
		canvas_put_fit(c, row, x + 11 + whenw, kindw,
		               conflict_kind_label(cf->kind), sev, mods);
		canvas_put_fit(c, row, x + 12 + whenw + kindw,
		               w - 12 - whenw - kindw, cf->message,
		               STYLE_NORMAL, mods);
	}
	cur = current(pl);
	if (cur != NULL) {
		size_t n, i;
		char **lines = text_wrap(cur->message, w, &n);
		int row = y + 1 + listh;

		canvas_put_fit(c, row++, x, w, "", STYLE_RULE, 0);
		for (i = 0; i < n; i++) {
			if (i < 3)
				canvas_put_fit(c, row++, x, w, lines[i],
				               STYLE_NORMAL, 0);
			free(lines[i]);
		}
		free(lines);
		for (i = 0; i < cur->nsessions && row < y + h; i++) {
			const struct session *s =
			    &pl->p->sessions[cur->sessions[i]];
			char span[DAIS_TIMEBUF], *line;

			line =
			    xasprintf("  %s %s, %s", planner_span(pl, s, span),
			              s->title, planner_room_name(pl, s));
			canvas_put_fit(c, row++, x, w, line, STYLE_DIM, 0);
			free(line);
		}
	}
}

bool
conflicts_action(struct planner *pl, enum action a)
{
	const struct conflict *cur;
	int page = pl->h > 12 ? pl->h - 10 : 1;

	pl->conflicts_nav.n = (int)pl->conflicts.n;
	if (listnav_action(&pl->conflicts_nav, a, page))
		return true;
	if (a != ACT_SELECT)
		return false;
	cur = current(pl);
	if (cur == NULL || cur->nsessions == 0) {
		planner_message(pl, true, "No conflict to go to.");
		return true;
	}
	planner_jump(pl, &pl->p->sessions[cur->sessions[0]]);
	return true;
}
