/*
 * frame.c: the planner's screen around the view: the day and view tabs
 * (recorded where drawn, for the mouse), the status line with the message
 * and the conflict counts, the detail pane's split, the notice of a
 * terminal too small; then the top modal layer over it all.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dais/textwidth.h"
#include "dais/xalloc.h"
#include "planner.h"
#include "sync.h"
#include "theme.h"

/* Draws a tab at x and records where, for the mouse; returns its width. */
static int
put_tab(struct planner *pl, struct canvas *c, int x, int maxw, const char *text,
        bool on, bool is_view, int index)
{
	int w = maxw > 0 ? canvas_put(c, 0, x, maxw, text,
	                              on ? STYLE_TAB_ACTIVE : STYLE_TAB, 0)
	                 : 0;

	if (pl->ntabs < TABS_MAX) {
		struct tab_place *t = &pl->tabs[pl->ntabs++];

		t->x0 = x;
		t->x1 = x + w;
		t->is_view = is_view;
		t->index = index;
	}
	return w;
}

/*
 * How much each tab says, from most to least: the row takes the first that
 * leaves room for "? help" (two-digit conflict counts at 80 columns, a
 * week-long conference), so that the one key that explains the rest is
 * always shown.
 */
enum tab_style {
	TABS_FULL,    /* "1 Wed 4 Nov", "Conflicts 12" */
	TABS_WEEKDAY, /* "1 Wed" */
	TABS_NUMBER,  /* "1" */
	TABS_LETTER,  /* "1", and the views' initials: "C 12" */
	TABS_STYLES,
};

/* The text of day tab i or view tab i, brackets and spaces included. */
static void
tab_text(struct planner *pl, enum tab_style style, bool is_view, int i,
         char *buf, size_t n)
{
	bool on = is_view ? (size_t)i == pl->view : i == pl->day;
	const char *open = on ? "[" : " ", *close = on ? "]" : " ";

	if (!is_view) {
		char label[DAIS_TIMEBUF];

		planner_day_label(pl, i, label);
		if (style == TABS_WEEKDAY)
			label[strcspn(label, " ")] = '\0';
		if (style >= TABS_NUMBER)
			snprintf(buf, n, "%s%d%s", open, i + 1, close);
		else
			snprintf(buf, n, "%s%d %s%s", open, i + 1, label,
			         close);
	} else {
		const struct view_ops *v = planner_views[i];
		char note[32];
		const char *t = v->tab_note != NULL
		                    ? v->tab_note(pl, note, sizeof note)
		                    : NULL;
		/* The views' names are ASCII words: their first letter. */
		int namelen = style == TABS_LETTER ? 1 : (int)strlen(v->name);

		snprintf(buf, n, "%s%.*s%s%s%s", open, namelen, v->name,
		         t != NULL ? " " : "", t != NULL ? t : "", close);
	}
}

/* The width of the whole row of tabs in `style`. */
static int
tabs_width(struct planner *pl, enum tab_style style)
{
	char buf[DAIS_TIMEBUF * 2 + 16];
	int w = text_width(" | "), i;

	for (i = 0; (size_t)i < pl->p->conf.ndays; i++) {
		tab_text(pl, style, false, i, buf, sizeof buf);
		w += text_width(buf);
	}
	for (i = 0; (size_t)i < planner_nviews; i++) {
		tab_text(pl, style, true, i, buf, sizeof buf);
		w += text_width(buf);
	}
	return w;
}

/* Row 0: the day tabs, then the view tabs, then the help key. */
static void
draw_tabs(struct planner *pl, struct canvas *c)
{
	int x = 0, i, helpw, room;
	char buf[DAIS_TIMEBUF * 2 + 16], help[24], key[16];
	enum tab_style style = TABS_FULL;

	pl->ntabs = 0;
	canvas_fill(c, 0, 0, c->w, 1, STYLE_TAB, 0);
	snprintf(help, sizeof help, "%s help",
	         keymap_first_key(&pl->cfg->keys, ACT_HELP, key));
	helpw = text_width(help) + 2;
	/* Whatever the tabs need, the help key keeps its place. */
	room = c->w > helpw ? c->w - helpw : 0;
	while (style + 1 < TABS_STYLES && tabs_width(pl, style) > room)
		style++;
	for (i = 0; (size_t)i < pl->p->conf.ndays; i++) {
		tab_text(pl, style, false, i, buf, sizeof buf);
		x += put_tab(pl, c, x, room - x, buf, i == pl->day, false, i);
	}
	x += canvas_put(c, 0, x, room - x, " | ", STYLE_RULE, 0);
	for (i = 0; (size_t)i < planner_nviews; i++) {
		tab_text(pl, style, true, i, buf, sizeof buf);
		x += put_tab(pl, c, x, room - x, buf, (size_t)i == pl->view,
		             true, i);
	}
	canvas_put_right(c, 0, x, c->w - x, help, STYLE_DIM, 0);
}

/* Lines a long message may take above the status line. */
#define STATUS_MAX_LINES 4

/* The message the status line shows: the last, else the start's warning. */
static const char *
status_message(const struct planner *pl)
{
	return pl->message != NULL ? pl->message : pl->startup_warning;
}

/* The right of the status line: " modified | 1 error, 2 warnings ". */
static void
status_right(const struct planner *pl, char *buf, size_t n)
{
	size_t errors = conflict_count(&pl->checked.list, SEVERITY_ERROR);
	size_t warnings = conflict_count(&pl->checked.list, SEVERITY_WARNING);

	snprintf(buf, n, " %s%s%s%s%zu error%s, %zu warning%s ",
	         planner_sync_note(pl) != NULL ? planner_sync_note(pl) : "",
	         planner_sync_note(pl) != NULL ? " | " : "",
	         pl->read_only != NULL ? "READ-ONLY | " : "",
	         editor_dirty(pl->ed) ? "modified | " : "", errors,
	         errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
}

/* The message wrapped above the status line (*n lines, to free), or
 * NULL when it fits on the status line itself. */
static char **
message_lines(const struct planner *pl, size_t *n)
{
	const char *msg = status_message(pl);
	char right[128];

	status_right(pl, right, sizeof right);
	if (msg == NULL || text_width(msg) <= pl->w - text_width(right) ||
	    planner_mode(pl) != MODE_VIEW)
		return NULL;
	return text_wrap(msg, pl->w - 2, n);
}

int
planner_message_rows(const struct planner *pl)
{
	size_t n, i;
	char **lines = message_lines(pl, &n);

	if (lines == NULL)
		return 0;
	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	return n < STATUS_MAX_LINES ? (int)n : STATUS_MAX_LINES;
}

/* The last row: the message on the left, conflicts and state right. */
static void
draw_status(struct planner *pl, struct canvas *c, int y)
{
	size_t errors = conflict_count(&pl->checked.list, SEVERITY_ERROR);
	char right[128], **lines;
	int rw, style;
	const char *msg = status_message(pl);
	size_t n;

	status_right(pl, right, sizeof right);
	rw = text_width(right);
	style = pl->message_error || (msg != NULL && msg == pl->startup_warning)
	            ? STYLE_STATUS_ERROR
	            : STYLE_STATUS;
	canvas_fill(c, y, 0, c->w, 1, STYLE_STATUS, 0);
	if ((lines = message_lines(pl, &n)) != NULL) {
		/*
		 * Too long for the status line (a failed save names the
		 * file and the cause; neither may be cut off): wrapped in
		 * up to STATUS_MAX_LINES lines just above it, over the
		 * view, until the next key.
		 */
		size_t i, shown = n < STATUS_MAX_LINES ? n : STATUS_MAX_LINES;

		for (i = 0; i < shown; i++) {
			int row = y - (int)shown + (int)i;
			char *text = i + 1 == shown && n > shown
			                 ? xasprintf("%s …", lines[i])
			                 : xstrdup(lines[i]);

			canvas_fill(c, row, 0, c->w, 1, style, 0);
			canvas_put_fit(c, row, 1, c->w - 2, text, style, 0);
			free(text);
		}
		for (i = 0; i < n; i++)
			free(lines[i]);
		free(lines);
	} else {
		canvas_put_fit(c, y, 0, c->w - rw, msg != NULL ? msg : "",
		               style, 0);
	}
	canvas_put(c, y, c->w - rw, rw, right,
	           errors > 0 ? STYLE_STATUS_ERROR : STYLE_STATUS, 0);
}

static void
draw_small(struct planner *pl, struct canvas *c)
{
	char line[128];
	int y = c->h / 2 - 1;

	snprintf(line, sizeof line, "Terminal too small: %dx%d.", pl->w, pl->h);
	canvas_put_fit(c, y < 0 ? 0 : y, 0, c->w, line, STYLE_ERROR, 0);
	snprintf(line, sizeof line, "dais needs at least %dx%d; enlarge it.",
	         PLANNER_MIN_W, PLANNER_MIN_H);
	canvas_put_fit(c, y + 1, 0, c->w, line, STYLE_NORMAL, 0);
	canvas_put_fit(c, y + 2, 0, c->w,
	               editor_dirty(pl->ed)
	                   ? "Unsaved edits: enlarge it to save them."
	                   : "q quits.",
	               STYLE_NORMAL, 0);
	if (pl->small_key != TK_NONE) {
		char name[16];

		/* Every key gets an answer, even one that can do nothing. */
		snprintf(line, sizeof line, "Key %s does nothing at this size.",
		         keys_name(pl->small_key, name));
		canvas_put_fit(c, y + 3, 0, c->w, line, STYLE_DIM, 0);
	}
}

/* Width of the detail pane on the right, or 0 when it is not shown. */
static int
pane_width(const struct planner *pl)
{
	const struct layer_ops *top = layer_top(pl);
	int w;

	if (top != NULL && top->shows_pane)
		;
	else if (!pl->detail || !(planner_view(pl)->flags & VIEWF_SESSIONS))
		return 0;
	/* A third of the screen: wider screens give the session's people
	 * and notes more room (it stayed at 44 at 200 columns). */
	w = pl->w / 3;
	if (w < 28)
		w = 28;
	if (w > 80)
		w = 80;
	return w;
}

void
planner_draw(struct planner *pl, struct canvas *c, int *cy, int *cx)
{
	const struct layer_ops *top = layer_top(pl);
	void *state = layer_top_state(pl);
	int ytop = 1, bottom = pl->h - 1, pw, mainw;

	if (c->w != pl->w || c->h != pl->h)
		canvas_resize(c, pl->w, pl->h);
	else
		canvas_clear(c);
	*cy = *cx = -1;
	if (planner_too_small(pl)) {
		draw_small(pl, c);
		return;
	}
	pw = pane_width(pl);
	mainw = pl->w - pw;
	if (top != NULL && top->draw_body != NULL) {
		top->draw_body(pl, state, c, 0, ytop, pl->w, bottom - ytop);
	} else {
		planner_view(pl)->draw(pl, c, 0, ytop, mainw, bottom - ytop);
		if (pw > 0 && top != NULL && top->draw_pane != NULL)
			top->draw_pane(pl, state, c, mainw, ytop, pw,
			               bottom - ytop);
		else if (pw > 0)
			detail_draw(pl, c, mainw, ytop, pw, bottom - ytop);
	}
	/* The tabs after the view: a tab's note (the grid's "rooms 1–5 of
	 * 9") is what the view has just drawn. */
	draw_tabs(pl, c);
	draw_status(pl, c, pl->h - 1);
	if (top != NULL && top->draw != NULL)
		top->draw(pl, state, c, cy, cx);
}
