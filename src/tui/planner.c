/*
 * planner.c: the planner's state and what happens after each edit (the
 * journal first, then recheck.c), the table of views, and the dispatch of
 * keys and mouse to the top modal layer (layer.c) or else the view shown.
 * The screen around the view is frame.c's.
 */
#include "planner.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dais/journal.h"
#include "dais/textwidth.h"
#include "dais/uid.h"
#include "dais/xalloc.h"
#include "sync.h"
#include "term.h"
#include "theme.h"

void
session_key_set(struct session_key *k, const char *uid, dais_time rid)
{
	char *copy = xstrdup(uid); /* uid may point into k itself */

	free(k->uid);
	k->uid = copy;
	k->rid = rid;
}

void
session_key_clear(struct session_key *k)
{
	free(k->uid);
	k->uid = NULL;
	k->rid = DAIS_TIME_NONE;
}

bool
listnav_action(struct listnav *l, enum action a, int page)
{
	if (page < 1)
		page = 1;
	switch (a) {
	case ACT_UP:
		l->cur--;
		break;
	case ACT_DOWN:
		l->cur++;
		break;
	case ACT_PAGE_UP:
		l->cur -= page;
		l->top -= page;
		break;
	case ACT_PAGE_DOWN:
		l->cur += page;
		l->top += page;
		break;
	case ACT_FIRST:
		l->cur = 0;
		break;
	case ACT_LAST:
		l->cur = l->n - 1;
		break;
	default:
		return false;
	}
	listnav_fix(l, page);
	return true;
}

void
listnav_fix(struct listnav *l, int rows)
{
	if (rows < 1)
		rows = 1;
	if (l->cur >= l->n)
		l->cur = l->n - 1;
	if (l->cur < 0)
		l->cur = 0;
	if (l->top > l->n - rows)
		l->top = l->n - rows;
	if (l->top > l->cur)
		l->top = l->cur;
	if (l->cur >= l->top + rows)
		l->top = l->cur - rows + 1;
	if (l->top < 0)
		l->top = 0;
}

static void
set_message(struct planner *pl, bool error, const char *fmt, va_list ap)
{
	free(pl->message);
	pl->message = xvasprintf(fmt, ap);
	pl->message_error = error;
}

void
planner_message(struct planner *pl, bool error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_message(pl, error, fmt, ap);
	va_end(ap);
}

void
planner_message_now(struct planner *pl, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_message(pl, false, fmt, ap);
	va_end(ap);
	if (pl->show_now != NULL)
		pl->show_now(pl);
}

void
planner_clear_message(struct planner *pl)
{
	free(pl->message);
	pl->message = NULL;
	pl->message_error = false;
}

/* ---- Time and names ---------------------------------------------------- */

int
planner_minutes(const struct planner *pl, int day, dais_time t)
{
	const struct conference *cf = &pl->p->conf;

	if (day < 0 || (size_t)day >= cf->ndays)
		return time_local_minutes(&cf->zone, t);
	return (int)((t - time_at(&cf->zone, cf->days[day], 0)) / 60);
}

dais_time
planner_instant(const struct planner *pl, int day, int minutes)
{
	const struct conference *cf = &pl->p->conf;

	/* time_at takes minutes within a day; later ones carry over. */
	return time_at(&cf->zone, cf->days[day], 0) + (dais_time)minutes * 60;
}

char *
planner_day_label(const struct planner *pl, int day, char *buf)
{
	return date_fmt_short(buf, pl->p->conf.days[day]);
}

char *
planner_when(const struct planner *pl, dais_time t, char *buf)
{
	char hm[DAIS_TIMEBUF];
	size_t n;

	date_fmt_short(buf, time_local_date(&pl->p->conf.zone, t));
	n = strlen(buf);
	snprintf(buf + n, DAIS_TIMEBUF - n, " %s",
	         time_fmt_hm(hm, &pl->p->conf.zone, t));
	return buf;
}

char *
planner_span(const struct planner *pl, const struct session *s, char *buf)
{
	char a[DAIS_TIMEBUF], b[DAIS_TIMEBUF];
	const struct dais_zone *z = &pl->p->conf.zone;

	if (s->all_day) /* its midnights say nothing */
		return strcpy(buf, "all day");
	snprintf(buf, DAIS_TIMEBUF, "%s-%s", time_fmt_hm(a, z, s->start),
	         time_fmt_hm(b, z, s->end));
	return buf;
}

const char *
planner_room_name(const struct planner *pl, const struct session *s)
{
	const struct room *r = programme_find_room(pl->p, s->room_id);

	if (r != NULL)
		return r->name;
	if (s->location != NULL && s->location[0] != '\0')
		return s->location;
	return s->room_id != NULL ? s->room_id : "(no room)";
}

int
planner_kind_style(const struct planner *pl, const char *kind)
{
	const struct strlist *k = &pl->p->conf.kinds;

	return theme_kind_style(kind, (const char *const *)k->v, k->n);
}

const char *
planner_person_name(const struct planner *pl, const struct assignment *a)
{
	const struct participant *who =
	    programme_find_participant(pl->p, a->participant_id);

	if (who != NULL && who->name != NULL)
		return who->name;
	if (a->cn != NULL)
		return a->cn;
	return a->participant_id != NULL ? a->participant_id : "?";
}

/* ---- Selection ---------------------------------------------------------- */

long
planner_selected_index(const struct planner *pl)
{
	if (pl->sel.uid == NULL)
		return -1;
	return programme_find_session(pl->p, pl->sel.uid, pl->sel.rid);
}

const struct session *
planner_selected(const struct planner *pl)
{
	long i = planner_selected_index(pl);

	return i < 0 ? NULL : &pl->p->sessions[i];
}

void
planner_select(struct planner *pl, const struct session *s)
{
	if (s == NULL)
		session_key_clear(&pl->sel);
	else
		session_key_set(&pl->sel, s->uid, s->recurrence_id);
}

void
planner_select_none(struct planner *pl)
{
	session_key_clear(&pl->sel);
}

void
planner_jump(struct planner *pl, const struct session *s)
{
	int day = programme_day_of(pl->p, s->start);

	planner_select(pl, s);
	if (day < 0) {
		planner_message(pl, true,
		                "'%s' is on no conference day; edit its "
		                "time with e",
		                s->title);
		return;
	}
	pl->day = day;
	if (!(planner_view(pl)->flags & VIEWF_SESSIONS))
		pl->view = 0; /* the first view, the grid */
	grid_follow_selection(pl);
}

/*
 * After an undo or a redo of an edit of one session, that session is
 * selected and shown, its day included, as the edit itself left it (f
 * jumps to where it moved it): a move to another day undone left the view
 * on that day, the session off screen (trial L10). A view that lists no
 * sessions (Conflicts) is kept; the day and the selection follow all the
 * same. An edit of many sessions (a plan) leaves the view as it is.
 */
static void
show_undone(struct planner *pl, const struct edit_event *ev)
{
	const struct session *s;
	int day;

	if (ev->ndeltas != 1 || (s = ev->deltas[0].after) == NULL)
		return;
	if (planner_view(pl)->flags & VIEWF_SESSIONS) {
		planner_jump(pl, s);
		planner_follow(pl);
		return;
	}
	planner_select(pl, s);
	if ((day = programme_day_of(pl->p, s->start)) >= 0) {
		pl->day = day;
		grid_follow_selection(pl);
	}
}

/* ---- Conflicts ---------------------------------------------------------- */

static void
on_edit(const struct edit_event *ev, void *arg)
{
	struct planner *pl = arg;
	char *lost = NULL;

	/* First the journal: the screen must never show an edit that a
	 * crash right now would lose. */
	if (pl->journal != NULL)
		journal_append(pl->journal, pl->ed, ev, &lost);
	recheck_after(pl, ev);
	requests_note_edit(pl, ev);
	import_note_edit(pl, ev);
	/* Rooms or participants came, went or changed: the views that list
	 * them by position list them again. */
	if (ev->nregistry > 0) {
		size_t v;

		for (v = 0; v < planner_nviews; v++)
			if (planner_views[v]->reload != NULL)
				planner_views[v]->reload(pl);
	}
	switch (ev->kind) {
	case EDIT_APPLIED:
		planner_message(pl, false, "%s", ev->description);
		break;
	case EDIT_UNDONE:
		planner_message(pl, false, "Undone: %s", ev->description);
		show_undone(pl, ev);
		break;
	case EDIT_REDONE:
		planner_message(pl, false, "Redone: %s", ev->description);
		show_undone(pl, ev);
		break;
	case EDIT_CANCELLED:
		break;
	}
	if (lost != NULL) {
		planner_message(pl, true,
		                "%s, but %s: if dais stopped now it would be "
		                "lost; save with s",
		                ev->description, lost);
		free(lost);
	}
}

struct planner *
planner_new(struct programme *p, const struct tui_config *cfg)
{
	struct planner *pl = xcalloc(1, sizeof *pl);
	size_t v;

	pl->p = p;
	pl->cfg = cfg;
	pl->ed = editor_new(p);
	uid_maker_attach(pl->ed, p);
	editor_set_callback(pl->ed, on_edit, pl);
	pl->sel.rid = DAIS_TIME_NONE;
	pl->zoom = cfg->zoom;
	pl->detail = cfg->detail;
	pl->w = PLANNER_MIN_W;
	pl->h = PLANNER_MIN_H;
	pl->view_state = xcalloc(planner_nviews, sizeof *pl->view_state);
	for (v = 0; v < planner_nviews; v++)
		if (planner_views[v]->new != NULL)
			pl->view_state[v] = planner_views[v]->new (pl);
	recheck_full(pl);
	grid_sync_selection(pl);
	return pl;
}

void
planner_first_painted(struct planner *pl)
{
	/* 20 ms at 25 000 sessions, spent while the organiser reads the
	 * screen; the first edit, lookup or slot search would make it. */
	(void)editor_index(pl->ed);
}

void
planner_set_read_only(struct planner *pl, const char *reason)
{
	char e[16], p[16];

	free(pl->read_only);
	pl->read_only =
	    xasprintf("Read-only: %s; %s exports, %s prints.", reason,
	              keymap_first_key(&pl->cfg->keys, ACT_EXPORT, e),
	              keymap_first_key(&pl->cfg->keys, ACT_PRINT, p));
	editor_set_read_only(pl->ed, pl->read_only);
}

void
planner_free(struct planner *pl)
{
	size_t v;

	if (pl == NULL)
		return;
	planner_sync_free(pl);
	layer_close_all(pl);
	external_close(pl);
	import_forget(pl);
	editor_free(pl->ed);
	recheck_free(pl);
	programme_free(pl->p);
	free(pl->people_at);
	free(pl->people_list);
	for (v = 0; v < planner_nviews; v++)
		if (planner_views[v]->free != NULL)
			planner_views[v]->free(pl->view_state[v]);
	free(pl->view_state);
	free(pl->search);
	free(pl->message);
	free(pl->history_began);
	free(pl->read_only);
	free(pl->startup_warning);
	session_key_clear(&pl->sel);
	free(pl);
}

void
planner_history_starts(struct planner *pl, const char *what)
{
	time_t now = time(NULL);
	char hhmm[16] = "";
	struct tm tm;

	if (localtime_r(&now, &tm) != NULL)
		strftime(hhmm, sizeof hhmm, "%H:%M", &tm);
	free(pl->history_began);
	pl->history_began = xasprintf("the %s at %s", what, hhmm);
}

bool
planner_replace_programme(struct planner *pl, struct programme *p, char **why)
{
	struct session_key keep = {NULL, DAIS_TIME_NONE};
	bool journal_ok = true;
	long i;
	size_t v;

	if (pl->sel.uid != NULL)
		session_key_set(&keep, pl->sel.uid, pl->sel.rid);
	layer_close_all(pl);
	/* The conflicts borrow from the old programme: gone before it. */
	recheck_free(pl);
	/* An import not yet written belonged to the old programme's edits. */
	import_forget(pl);
	editor_free(pl->ed);
	programme_free(pl->p);
	pl->p = p;
	pl->ed = editor_new(p);
	uid_maker_attach(pl->ed, p);
	editor_set_callback(pl->ed, on_edit, pl);
	/* A read-only planner stays read-only (and keeps no journal). */
	if (pl->read_only != NULL)
		editor_set_read_only(pl->ed, pl->read_only);
	/* What the old journal held was the old editor's: the reload's
	 * caller kept the user's version aside; the journal follows the
	 * programme as it is now on disk. */
	if (pl->journal != NULL) {
		char *lost = NULL;

		journal_ok = journal_restart(pl->journal, pl->ed, &lost);
		if (why != NULL)
			*why = lost;
		else
			free(lost);
	}
	recheck_full(pl);
	pl->people_stale = true;
	for (v = 0; v < planner_nviews; v++)
		if (planner_views[v]->reload != NULL)
			planner_views[v]->reload(pl);
	if (pl->day < 0 || (size_t)pl->day >= p->conf.ndays)
		pl->day = 0;
	session_key_clear(&pl->sel);
	i = keep.uid != NULL ? programme_find_session(p, keep.uid, keep.rid)
	                     : -1;
	if (i >= 0 && programme_day_of(p, p->sessions[i].start) == pl->day) {
		planner_select(pl, &p->sessions[i]);
		planner_follow(pl);
	} else if (planner_view(pl)->day_changed != NULL) {
		planner_view(pl)->day_changed(pl);
	}
	session_key_clear(&keep);
	return journal_ok;
}

void
planner_resize(struct planner *pl, int w, int h)
{
	pl->w = w;
	pl->h = h;
}

/* ---- Views ----------------------------------------------------------------
 */

bool
planner_too_small(const struct planner *pl)
{
	return pl->w < PLANNER_MIN_W || pl->h < PLANNER_MIN_H;
}

/* The views, in the order of their tabs and of Tab; the grid first (the
 * view a jump to a session falls back to). A new view is a file with its
 * view_ops and a row here: nothing else lists them. */
const struct view_ops *const planner_views[] = {
    &grid_view,      /* rooms by time */
    &list_view,      /* the day in order */
    &people_view,    /* participants */
    &conflicts_view, /* and their fixes */
    &requests_view,  /* requests.ini */
};
const size_t planner_nviews = sizeof planner_views / sizeof *planner_views;

const struct view_ops *
planner_view(const struct planner *pl)
{
	return planner_views[pl->view];
}

static size_t
view_index(const struct view_ops *v)
{
	size_t i;

	for (i = 0; i < planner_nviews; i++)
		if (planner_views[i] == v)
			return i;
	abort(); /* a view that is not in planner_views */
}

void **
planner_view_slot(struct planner *pl, const struct view_ops *v)
{
	return &pl->view_state[view_index(v)];
}

void *
planner_view_state(const struct planner *pl, const struct view_ops *v)
{
	return pl->view_state[view_index(v)];
}

void
planner_follow(struct planner *pl)
{
	if (planner_view(pl)->follow != NULL)
		planner_view(pl)->follow(pl);
}

void
planner_views_rechecked(struct planner *pl)
{
	size_t v;

	for (v = 0; v < planner_nviews; v++)
		if (planner_views[v]->rechecked != NULL)
			planner_views[v]->rechecked(pl);
}

/* ---- Keys --------------------------------------------------------------- */

static void
set_day(struct planner *pl, int day)
{
	if (day < 0 || (size_t)day >= pl->p->conf.ndays) {
		planner_message(pl, true, "The conference has %zu day%s.",
		                pl->p->conf.ndays,
		                pl->p->conf.ndays == 1 ? "" : "s");
		return;
	}
	pl->day = day;
	if (planner_view(pl)->day_changed != NULL)
		planner_view(pl)->day_changed(pl);
}

static void
set_view(struct planner *pl, size_t v)
{
	pl->view = v;
	if (planner_view(pl)->enter != NULL)
		planner_view(pl)->enter(pl);
}

void
planner_show_view(struct planner *pl, const struct view_ops *v)
{
	set_view(pl, view_index(v));
}

/* The answer to "Save before quitting?". */
static void
quit_answered(struct planner *pl, int key)
{
	if (key == 'y' || key == 'Y') {
		planner_save(pl);
		if (!editor_dirty(pl->ed))
			pl->quit = true;
	} else if (key == 'n' || key == 'N') {
		pl->quit = true;
	} else {
		planner_message(pl, false, "Still here; nothing lost.");
	}
}

static void
ask_quit(struct planner *pl)
{
	if (!editor_dirty(pl->ed)) {
		pl->quit = true;
		return;
	}
	confirm_open(pl,
	             "Unsaved edits. Save before quitting? y: save and quit, "
	             "n: quit without saving, Esc: stay",
	             NULL, quit_answered);
}

bool
planner_global_action(struct planner *pl, enum action a)
{
	const char *why = NULL;
	char buf[DAIS_TIMEBUF];
	size_t v;

	for (v = 0; v < planner_nviews; v++)
		if (a != ACT_NONE && planner_views[v]->show_action == a) {
			set_view(pl, v);
			return true;
		}
	switch (a) {
	case ACT_HELP:
		help_open(pl);
		return true;
	case ACT_QUIT:
		ask_quit(pl);
		return true;
	case ACT_SAVE:
		planner_save(pl);
		return true;
	case ACT_UNDO:
		if (editor_undo(pl->ed, &why))
			return true;
		if (!editor_can_undo(pl->ed) && pl->history_began != NULL &&
		    pl->read_only == NULL)
			planner_message(pl, true,
			                "Nothing to undo: the undo history "
			                "starts at %s; what came before is in "
			                "the files.",
			                pl->history_began);
		else
			planner_message(pl, true, "%s", why);
		return true;
	case ACT_REDO:
		if (!editor_redo(pl->ed, &why))
			planner_message(pl, true, "%s", why);
		return true;
	case ACT_NEXT_VIEW:
		set_view(pl, (pl->view + 1) % planner_nviews);
		return true;
	case ACT_PREV_VIEW:
		set_view(pl, (pl->view + planner_nviews - 1) % planner_nviews);
		return true;
	case ACT_NEXT_DAY:
		set_day(pl, pl->day + 1 < (int)pl->p->conf.ndays ? pl->day + 1
		                                                 : pl->day);
		return true;
	case ACT_PREV_DAY:
		set_day(pl, pl->day > 0 ? pl->day - 1 : 0);
		return true;
	case ACT_DAY_1:
	case ACT_DAY_2:
	case ACT_DAY_3:
	case ACT_DAY_4:
	case ACT_DAY_5:
	case ACT_DAY_6:
	case ACT_DAY_7:
	case ACT_DAY_8:
	case ACT_DAY_9:
		set_day(pl, (int)(a - ACT_DAY_1));
		return true;
	case ACT_SEARCH:
		prompt_open(pl,
		            planner_view(pl)->search_label != NULL
		                ? planner_view(pl)->search_label
		                : "Search: ",
		            "", planner_search_typed);
		return true;
	case ACT_SEARCH_NEXT:
	case ACT_SEARCH_PREV:
		if (pl->search == NULL)
			planner_message(pl, true,
			                "No search yet: press / to search.");
		else
			planner_search(pl, pl->search,
			               a == ACT_SEARCH_NEXT ? 1 : -1);
		return true;
	case ACT_EXPORT: {
		char *where = pl->cfg->export_dir != NULL
		                  ? xstrdup(pl->cfg->export_dir)
		                  : planner_export_default(pl);

		prompt_open(pl, "Export participants' calendars to directory: ",
		            where, planner_export);
		free(where);
		return true;
	}
	case ACT_IMPORT:
		import_open(pl);
		return true;
	case ACT_PRINT: {
		char label[DAIS_TIMEBUF + 64];

		snprintf(label, sizeof label,
		         "Print run-sheet of %s (command, or file.txt/.pdf): ",
		         planner_day_label(pl, pl->day, buf));
		prompt_open(pl, label, pl->cfg->print_command, planner_print);
		return true;
	}
	case ACT_TOGGLE_DETAIL:
		pl->detail = !pl->detail;
		return true;
	case ACT_REDRAW:
		pl->repaint = true;
		return true;
	case ACT_SYNC:
		planner_sync_start(pl, true);
		return true;
	default:
		return false;
	}
}

static void
view_key(struct planner *pl, enum action a)
{
	const struct view_ops *v = planner_view(pl);
	bool done = v->action(pl, a);

	if (!done && (v->flags & VIEWF_SESSIONS))
		done = session_action(pl, a);
	if (!done)
		planner_global_action(pl, a);
}

/*
 * Read-only: an edit key (KEYF_EDITS in the key table) says why at once,
 * before any form, picker or question opens and whether or not a session
 * is selected. The editor refuses edits by any other way (the mouse, undo,
 * redo) with the same sentence, and planner_save refuses to save.
 */
bool
planner_read_only_refuses(struct planner *pl, enum action a)
{
	bool edits = (key_action_flags(a) & KEYF_EDITS) != 0;

	if (pl->read_only == NULL)
		return false;
	/* Enter opens the session's form in the grid and the list. */
	if (a == ACT_SELECT)
		edits = planner_mode(pl) == MODE_VIEW &&
		        (planner_view(pl)->flags & VIEWF_SESSIONS);
	if (edits)
		planner_message(pl, true, "%s", pl->read_only);
	return edits;
}

/* The mouse: the wheel scrolls, a click on a tab (where it was drawn)
 * changes the day or view, the rest is the view's. */
static void
mouse_event(struct planner *pl, const struct term_mouse *m)
{
	int i;

	if (layer_top(pl) != NULL || planner_too_small(pl))
		return;
	if (m->kind == TERM_MOUSE_WHEEL_UP ||
	    m->kind == TERM_MOUSE_WHEEL_DOWN) {
		view_key(pl,
		         m->kind == TERM_MOUSE_WHEEL_UP ? ACT_UP : ACT_DOWN);
		return;
	}
	if (m->y == 0 && m->kind == TERM_MOUSE_PRESS) {
		for (i = 0; i < pl->ntabs; i++) {
			const struct tab_place *t = &pl->tabs[i];

			if (m->x < t->x0 || m->x >= t->x1)
				continue;
			if (t->is_view)
				set_view(pl, (size_t)t->index);
			else
				set_day(pl, t->index);
			return;
		}
		return;
	}
	if (planner_view(pl)->mouse != NULL)
		planner_view(pl)->mouse(pl, m);
}

void
planner_key(struct planner *pl, int key, const struct term_mouse *mouse)
{
	enum action a;

	if (key == TK_RESIZE || key == TK_WAKE)
		return;
	if (key == TK_HANGUP) {
		pl->quit = pl->hangup = true;
		return;
	}
	/*
	 * Too small to draw anything else, but not a trap: quit still works
	 * when nothing is unsaved (there is no room to ask about edits).
	 */
	if (planner_too_small(pl)) {
		if (keymap_lookup(&pl->cfg->keys, CTX_GLOBAL, key) ==
		        ACT_QUIT &&
		    !editor_dirty(pl->ed))
			pl->quit = true;
		else if (key != TK_MOUSE)
			pl->small_key = key;
		return;
	}
	pl->small_key = TK_NONE;
	free(pl->startup_warning);
	pl->startup_warning = NULL;
	if (key == TK_MOUSE) {
		if (mouse != NULL)
			mouse_event(pl, mouse);
		return;
	}
	if (layer_top(pl) != NULL) {
		layer_key(pl, key);
		return;
	}
	a = keymap_lookup(&pl->cfg->keys, planner_view(pl)->context, key);
	planner_clear_message(pl);
	if (a == ACT_NONE) {
		char name[16], hk[16];

		planner_message(pl, true,
		                "Key %s does nothing here; %s lists "
		                "the keys.",
		                keys_name(key, name),
		                keymap_first_key(&pl->cfg->keys, ACT_HELP, hk));
		return;
	}
	if (planner_read_only_refuses(pl, a))
		return;
	view_key(pl, a);
}
