/*
 * view_conflicts.c: every conflict of the programme, errors before
 * warnings and each in time order; the chosen one's full sentence, its
 * sessions and how many fixes it has below the list; Enter jumps to its
 * first session, f offers its fixes (fix_chooser.c).
 */
#include <stdio.h>
#include <stdlib.h>

#include "chooser.h"
#include "dais/slots.h"
#include "dais/strbuf.h"
#include "dais/textwidth.h"
#include "dais/xalloc.h"
#include "planner.h"

struct conflicts_view {
	struct listnav nav;
	/* The fixes of the conflict under the cursor (slots_fixes), worked
	 * out when first shown after a re-check or a cursor move: an edit
	 * elsewhere costs nothing here, and what is shown is never stale. */
	struct slot_fixes fixes;
	bool fixes_known;
	int fixes_for; /* the cursor position they are for */
};

static struct conflicts_view *
state_of(const struct planner *pl)
{
	return planner_view_state(pl, &conflicts_view);
}

static struct listnav *
nav_of(const struct planner *pl)
{
	return &state_of(pl)->nav;
}

static const struct conflict *
current(const struct planner *pl)
{
	struct listnav *nav = nav_of(pl);

	if (pl->checked.list.n == 0 || nav->cur < 0 ||
	    (size_t)nav->cur >= pl->checked.list.n)
		return NULL;
	return &pl->checked.list.v[pl->checked.order[nav->cur]];
}

static void
forget_fixes(struct conflicts_view *cv)
{
	slot_fixes_clear(&cv->fixes);
	cv->fixes_known = false;
}

/* The fixes of the conflict under the cursor, worked out if need be. */
static struct slot_fixes *
current_fixes(struct planner *pl)
{
	struct conflicts_view *cv = state_of(pl);
	const struct conflict *cur = current(pl);

	if (cur == NULL) {
		forget_fixes(cv);
		return &cv->fixes;
	}
	if (!cv->fixes_known || cv->fixes_for != cv->nav.cur) {
		forget_fixes(cv);
		slots_fixes(editor_index(pl->ed), cur, 0, &cv->fixes);
		cv->fixes_known = true;
		cv->fixes_for = cv->nav.cur;
	}
	return &cv->fixes;
}

/*
 * "Fixes (f): 14; first: Move 'Youth voices ...' to 15:30": the first of
 * the chooser's list, which leaves no conflict when any fix does; when
 * even it leaves a warning, the line says so.
 */
static char *
fixes_line(struct planner *pl)
{
	const struct slot_fixes *f = current_fixes(pl);
	char key[16];

	keymap_first_key(&pl->cfg->keys, ACT_FIX_CONFLICT, key);
	if (f->n == 0)
		return xstrdup("No fix: no move of its sessions (nor "
		               "substitute, nor taking the person out) clears "
		               "it without a new error.");
	if (f->v[0].warnings.n > 0)
		return xasprintf("Fixes (%s): %zu, each leaving a warning; "
		                 "first: %s",
		                 key, f->n, f->v[0].description);
	return xasprintf("Fixes (%s): %zu; first: %s", key, f->n,
	                 f->v[0].description);
}

/*
 * text on at most `most` rows from `row`, wrapped at w; what does not fit
 * ends the last row with "…". Returns the row after. The first fix
 * names a session and a time or person at its end: cut at the view's
 * width, the advice lost the part that says what it does.
 */
static int
put_wrapped(struct canvas *c, int row, int x, int w, const char *text,
            size_t most, int style)
{
	size_t n, i;
	char **lines = text_wrap(text, w, &n);
	struct strbuf rest = {0};

	for (i = 0; i < n; i++) {
		if (i + 1 < most)
			canvas_put_fit(c, row++, x, w, lines[i], style, 0);
		else
			strbuf_addf(&rest, "%s%s", rest.n > 0 ? " " : "",
			            lines[i]);
		free(lines[i]);
	}
	free(lines);
	if (rest.n > 0)
		canvas_put_fit(c, row++, x, w, rest.v, style, 0);
	strbuf_free(&rest);
	return row;
}

/* Rows of text_wrap(text, w), at most `most`. */
static int
wrap_rows(const char *text, int w, int most)
{
	size_t n, i;
	char **lines = text_wrap(text, w, &n);

	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	return (int)n < most ? (int)n : most;
}

/* The rows the detail under the list takes for conflict cur. */
static int
detail_rows(struct planner *pl, const struct conflict *cur, int w)
{
	char *fix = fixes_line(pl);
	int rows = wrap_rows(fix, w, 2) + wrap_rows(cur->message, w, 3) +
	           (int)cur->nsessions;

	free(fix);
	return rows;
}

static void
conflicts_draw(struct planner *pl, struct canvas *c, int x, int y, int w, int h)
{
	struct listnav *nav = nav_of(pl);
	const struct conflict *cur;
	int listh, r, kindw = 27, whenw = 22;
	size_t errors = conflict_count(&pl->checked.list, SEVERITY_ERROR);
	char *head;

	/* A message too long for the status line (a fix just applied) is
	 * drawn over the last rows: the detail stays above it, so that the
	 * conflict's sessions are all shown meanwhile (trial L9). */
	h -= planner_message_rows(pl);
	listh = h - 8;
	head = xasprintf("%zu conflict%s: %zu error%s, %zu warning%s",
	                 pl->checked.list.n, pl->checked.list.n == 1 ? "" : "s",
	                 errors, errors == 1 ? "" : "s",
	                 pl->checked.list.n - errors,
	                 pl->checked.list.n - errors == 1 ? "" : "s");
	canvas_put_fit(c, y, x, w, head, STYLE_TITLE, 0);
	free(head);
	if (pl->checked.list.n == 0) {
		canvas_put_fit(c, y + 2, x, w,
		               "No conflicts: every room, person and "
		               "delegation fits.",
		               STYLE_DIM, 0);
		return;
	}
	nav->n = (int)pl->checked.list.n;
	cur = current(pl);
	if (cur != NULL) {
		/* The list gives up rows when the detail needs them: the
		 * fix on two lines, the sentence on up to three, and each
		 * session (two, mostly) on its own. */
		int detail = 1 + detail_rows(pl, cur, w);

		if (h - 1 - detail < listh)
			listh = h - 1 - detail;
		if (listh < 3)
			listh = 3;
	}
	listnav_fix(nav, listh);
	for (r = 0; r < listh && nav->top + r < nav->n; r++) {
		int k = nav->top + r, row = y + 1 + r;
		const struct conflict *cf =
		    &pl->checked.list.v[pl->checked.order[k]];
		int mods = k == nav->cur ? MOD_REVERSE : 0;
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

		char *fix;

		canvas_put_fit(c, row++, x, w, "", STYLE_RULE, 0);
		fix = fixes_line(pl);
		row = put_wrapped(c, row, x, w, fix, 2, STYLE_TITLE);
		free(fix);
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

/* f: the fixes of the conflict under the cursor, to choose one. */
static void
offer_fixes(struct planner *pl)
{
	const struct conflict *cur = current(pl);
	struct slot_fixes *fixes;

	if (cur == NULL) {
		planner_message(pl, true, "No conflict to fix.");
		return;
	}
	fixes = current_fixes(pl);
	if (fixes->n == 0) {
		planner_message(pl, true,
		                "No move of its sessions in time or room, nor "
		                "a substitute from the same delegation, nor "
		                "taking the person out of one session, clears "
		                "it without a new error: edit it by hand "
		                "(Enter goes to its first session).");
		return;
	}
	/* A copy: the list stays shown under the chooser, worked out
	 * again only after an edit. */
	fix_chooser_open(pl, cur, fixes);
}

static bool
conflicts_action(struct planner *pl, enum action a)
{
	struct listnav *nav = nav_of(pl);
	const struct conflict *cur;
	int page = pl->h > 12 ? pl->h - 10 : 1;

	nav->n = (int)pl->checked.list.n;
	if (listnav_action(nav, a, page))
		return true;
	if (a == ACT_FIX_CONFLICT) {
		offer_fixes(pl);
		return true;
	}
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

/* The list may have shrunk: the cursor stays on it. */
static void
conflicts_rechecked(struct planner *pl)
{
	struct listnav *nav = nav_of(pl);

	nav->n = (int)pl->checked.list.n;
	listnav_fix(nav, 1);
	forget_fixes(state_of(pl));
}

static void
conflicts_reload(struct planner *pl)
{
	forget_fixes(state_of(pl));
}

static void
conflicts_free(void *state)
{
	struct conflicts_view *cv = state;

	forget_fixes(cv);
	free(cv);
}

static const char *
conflicts_tab_note(const struct planner *pl, char *buf, size_t n)
{
	snprintf(buf, n, "%zu", pl->checked.list.n);
	return buf;
}

static void *
conflicts_new(struct planner *pl)
{
	(void)pl;
	return xcalloc(1, sizeof(struct conflicts_view));
}

const struct view_ops conflicts_view = {
    .name = "Conflicts",
    .context = CTX_CONFLICTS,
    .show_action = ACT_VIEW_CONFLICTS,
    .new = conflicts_new,
    .free = conflicts_free,
    .draw = conflicts_draw,
    .action = conflicts_action,
    .day_changed = grid_sync_selection,
    .rechecked = conflicts_rechecked,
    .reload = conflicts_reload,
    .tab_note = conflicts_tab_note,
};
