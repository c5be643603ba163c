/*
 * picker.c: the type-ahead picker, a modal layer. Typing narrows the
 * candidates to those whose text contains every word typed, in any script
 * and case; each candidate shows beforehand what choosing it would cause
 * (its opener's predict), and Enter hands it to its opener's completion.
 * Below, the two pickers the planner opens: a participant for a session,
 * a session for a participant (predict.c says the conflict).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dais/textwidth.h"
#include "dais/xalloc.h"
#include "listfilter.h"
#include "planner.h"

static void
free_items(struct picker *pk)
{
	size_t i;

	for (i = 0; i < pk->nitems; i++) {
		free(pk->items[i].text);
		free(pk->items[i].name);
		free(pk->items[i].detail);
		free(pk->items[i].match);
		free(pk->items[i].warning);
		free(pk->items[i].id);
	}
	free(pk->items);
	pk->items = NULL;
	pk->nitems = 0;
}

static void
picker_free(void *state)
{
	struct picker *pk = state;

	free_items(pk);
	free(pk->shown);
	free(pk->title);
	free(pk->title_after);
	free(pk->for_participant);
	free(pk->error);
	lineedit_free(&pk->query);
	session_key_clear(&pk->for_session);
	free(pk);
}

struct pick_item *
picker_add(struct picker *pk)
{
	struct pick_item *it;

	XGROW(pk->items, pk->nitems, pk->capitems);
	it = &pk->items[pk->nitems++];
	memset(it, 0, sizeof *it);
	it->rid = DAIS_TIME_NONE;
	return it;
}

static const char *
match_of(const void *items, size_t i)
{
	return ((const struct pick_item *)items)[i].match;
}

static void
refilter(struct picker *pk)
{
	listfilter_refilter(&pk->shown, &pk->nshown, &pk->nav, pk->items,
	                    pk->nitems, match_of, pk->query.text);
}

static void picker_key(struct planner *pl, void *state, int key);
static void picker_draw(struct planner *pl, void *state, struct canvas *c,
                        int *cy, int *cx);

static const struct layer_ops picker_layer = {
    .name = "picker",
    .mode = MODE_PICKER,
    .key = picker_key,
    .draw = picker_draw,
    .free = picker_free,
    .over_assign = true,
};

struct picker *
picker_new(picker_predict predict, picker_done done)
{
	struct picker *pk = xcalloc(1, sizeof *pk);

	pk->predict = predict;
	pk->done = done;
	pk->role = ROLE_PARTICIPANT;
	lineedit_init(&pk->query, "");
	pk->for_session.rid = DAIS_TIME_NONE;
	return pk;
}

void
picker_open(struct planner *pl, struct picker *pk)
{
	refilter(pk);
	layer_open(pl, &picker_layer, pk);
}

struct picker *
picker_of(const struct planner *pl)
{
	return layer_state(pl, &picker_layer);
}

/* ---- Assigning: the two pickers planner keys open ---------------------- */

/* Choosing participant it->id for the picker's session. */
static void
predict_for_session(struct planner *pl, const struct picker *pk,
                    struct pick_item *it)
{
	const struct session *s =
	    editor_session(pl->ed, pk->for_session.uid, pk->for_session.rid);

	if (s != NULL)
		it->warning = predict_assign(pl, s, it->id, &it->error);
}

/* Choosing session it->id for the picker's participant. */
static void
predict_for_participant(struct planner *pl, const struct picker *pk,
                        struct pick_item *it)
{
	const struct session *s = editor_session(pl->ed, it->id, it->rid);

	if (s != NULL)
		it->warning =
		    predict_assign(pl, s, pk->for_participant, &it->error);
}

static char *
assign(struct planner *pl, const char *uid, dais_time rid, const char *who,
       enum role role)
{
	const char *why = NULL;
	char *u = xstrdup(uid), *w = xstrdup(who);
	bool ok = edit_assign(pl->ed, u, rid, w, role, NULL, &why);

	free(u);
	free(w);
	return ok ? NULL : xstrdup(why != NULL ? why : "Refused.");
}

static char *
assign_to_session(struct planner *pl, const struct picker *pk,
                  const struct pick_item *it)
{
	return assign(pl, pk->for_session.uid, pk->for_session.rid, it->id,
	              pk->role);
}

static char *
assign_participant(struct planner *pl, const struct picker *pk,
                   const struct pick_item *it)
{
	return assign(pl, it->id, it->rid, pk->for_participant, pk->role);
}

void
picker_open_participants(struct planner *pl, const struct session *s)
{
	struct picker *pk = picker_new(predict_for_session, assign_to_session);
	size_t i;

	session_key_set(&pk->for_session, s->uid, s->recurrence_id);
	/* "Assign <the participant under the cursor> to '<session>'". */
	pk->title = xstrdup("Assign");
	pk->title_after = xasprintf("to '%s'", s->title);
	for (i = 0; i < pl->p->npeople; i++) {
		const struct participant *who = &pl->p->people[i];
		const struct participant *del =
		    who->delegation != NULL
		        ? programme_find_participant(pl->p, who->delegation)
		        : NULL;
		struct pick_item *it;

		if (session_find_assignment(s, who->id) >= 0)
			continue;
		it = picker_add(pk);
		it->id = xstrdup(who->id);
		it->text = xstrdup(who->name);
		it->name = xstrdup(who->name);
		it->detail =
		    xasprintf("%s%s%s%s%s",
		              who->name_local != NULL ? who->name_local : "",
		              who->name_local != NULL ? "  " : "",
		              participant_kind_name(who->kind),
		              who->delegation != NULL ? ", " : "",
		              /* The delegation by name, as the People view. */
		              del != NULL               ? del->name
		              : who->delegation != NULL ? who->delegation
		                                        : "");
		it->match = xasprintf(
		    "%s\n%s\n%s\n%s\n%s\n%s", who->name,
		    who->name_local != NULL ? who->name_local : "", who->id,
		    who->delegation != NULL ? who->delegation : "",
		    del != NULL ? del->name : "",
		    who->title != NULL ? who->title : "");
	}
	picker_open(pl, pk);
}

void
picker_open_sessions(struct planner *pl, const struct participant *who)
{
	struct picker *pk =
	    picker_new(predict_for_participant, assign_participant);
	size_t i;

	pk->for_participant = xstrdup(who->id);
	/* "Assign <who> to '<the session under the cursor>'". */
	pk->title = xasprintf("Assign %s to", who->name);
	pk->title_after = xstrdup("");
	for (i = 0; i < pl->p->nsessions; i++) {
		const struct session *s = &pl->p->sessions[i];
		int day = programme_day_of(pl->p, s->start);
		char d[DAIS_TIMEBUF], span[DAIS_TIMEBUF];
		struct pick_item *it;

		if (session_find_assignment(s, who->id) >= 0)
			continue;
		it = picker_add(pk);
		it->id = xstrdup(s->uid);
		it->rid = s->recurrence_id;
		it->text = xasprintf("%s %s %s",
		                     day >= 0 ? planner_day_label(pl, day, d)
		                              : "(no day)",
		                     planner_span(pl, s, span), s->title);
		it->detail = xstrdup(planner_room_name(pl, s));
		it->name = xasprintf("'%s'", s->title);
		it->match = xasprintf("%s\n%s\n%s\n%s", it->text, it->detail,
		                      s->kind != NULL ? s->kind : "", s->uid);
	}
	picker_open(pl, pk);
}

static void
choose(struct planner *pl, struct picker *pk)
{
	char *refused;

	if (pk->nshown == 0) {
		free(pk->error);
		pk->error = xstrdup("Nothing matches: change what you typed.");
		return;
	}
	refused = pk->done(pl, pk, &pk->items[pk->shown[pk->nav.cur]]);
	if (refused == NULL) {
		if (picker_of(pl) == pk)
			layer_close(pl);
	} else {
		free(pk->error);
		pk->error = refused;
	}
}

static void
picker_key(struct planner *pl, void *state, int key)
{
	struct picker *pk = state;
	enum action a = keymap_lookup(&pl->cfg->keys, CTX_PICKER, key);
	int page = pl->h > 12 ? pl->h - 12 : 1;

	free(pk->error);
	pk->error = NULL;
	switch (a) {
	case ACT_FORM_CANCEL:
		layer_close(pl);
		planner_message(pl, false, "Nobody assigned.");
		return;
	case ACT_FORM_ACCEPT:
		choose(pl, pk);
		return;
	case ACT_PICK_ROLE:
		pk->role = role_next(pk->role);
		return;
	default:
		break;
	}
	if (listfilter_key(&pk->nav, &pk->query, a, key, page) ==
	    LISTFILTER_TYPED)
		refilter(pk);
}

/*
 * "Assign NAME to 'SESSION' as ROLE" in width columns: the role always
 * shows; NAME (the choice under the cursor) and the text after it share
 * what is left, the choice first, so neither is cut to nothing.
 */
static char *
title_naming_choice(const struct picker *pk, int width)
{
	const char *name = "(nothing matches)";
	char *role, *cname, *cafter, *line;
	int left, namew, afterw;

	if (pk->nav.cur >= 0 && (size_t)pk->nav.cur < pk->nshown &&
	    pk->items[pk->shown[pk->nav.cur]].name != NULL)
		name = pk->items[pk->shown[pk->nav.cur]].name;
	role = xasprintf(" as %s ", role_name(pk->role));
	left = width - text_width(pk->title) - 2 - text_width(role) -
	       (pk->title_after[0] != '\0' ? 1 : 0);
	namew = text_width(name);
	afterw = text_width(pk->title_after);
	if (namew + afterw > left) {
		/* Each keeps at least half of what there is. */
		if (namew > left / 2 && afterw > left - left / 2)
			namew = left / 2;
		else if (namew > left / 2)
			namew = left - afterw;
		afterw = left - namew;
	}
	/* Cut in the middle: a name's end tells people apart ("Minister of
	 * Internal Affairs — Tajikistan"), as in the People view. */
	cname = text_abbreviate(name, namew);
	cafter = text_truncate(pk->title_after, afterw);
	line = xasprintf(" %s %s%s%s%s", pk->title, cname,
	                 pk->title_after[0] != '\0' ? " " : "", cafter, role);
	free(cname);
	free(cafter);
	free(role);
	return line;
}

static void
picker_draw(struct planner *pl, void *state, struct canvas *c, int *cy, int *cx)
{
	struct picker *pk = state;
	int bw = pl->w - 4 < 96 ? pl->w - 4 : 96, bh = pl->h - 4;
	int bx = (pl->w - bw) / 2, by = 2, rows = bh - 7, r;
	int textw = (bw - 4) / 2;
	char *line, keys[3][16];
	const struct pick_item *cur = NULL;

	canvas_box(c, by, bx, bw, bh);
	if (pk->title_after != NULL)
		line = title_naming_choice(pk, bw - 4);
	else
		line = xasprintf(" %s as %s ", pk->title, role_name(pk->role));
	canvas_put_fit(c, by, bx + 2, bw - 4, line, STYLE_TITLE, 0);
	free(line);
	listfilter_draw_query(c, by + 1, bx, bw, &pk->query, pk->nshown,
	                      pk->nitems, cy, cx);
	listnav_fix(&pk->nav, rows);
	for (r = 0; r < rows && pk->nav.top + r < (int)pk->nshown; r++) {
		int k = pk->nav.top + r, row = by + 2 + r;
		struct pick_item *it = &pk->items[pk->shown[k]];
		int ms = STYLE_NORMAL;
		const char *mark = " ";

		if (!it->predicted && pk->predict != NULL)
			pk->predict(pl, pk, it);
		it->predicted = true;
		if (it->warning != NULL) {
			mark = it->error ? "!" : "*";
			ms = it->error ? STYLE_ERROR : STYLE_WARNING;
		}
		if (k == pk->nav.cur)
			cur = it;
		listfilter_draw_row(c, row, bx, bw, textw, mark, ms, it->text,
		                    it->detail, k == pk->nav.cur);
	}
	if (pk->nshown == 0)
		canvas_put_fit(c, by + 2, bx + 4, bw - 6, "Nothing matches.",
		               STYLE_DIM, 0);
	if (cur != NULL && cur->warning != NULL) {
		size_t n, k;
		char **w;

		line = xasprintf(
		    "%s %s", cur->error ? "! Would conflict:" : "* Would warn:",
		    cur->warning);
		w = text_wrap(line, bw - 4, &n);
		for (k = 0; k < n; k++) {
			if (k < 3)
				canvas_put_fit(c, by + bh - 5 + (int)k, bx + 2,
				               bw - 4, w[k],
				               cur->error ? STYLE_ERROR
				                          : STYLE_WARNING,
				               0);
			free(w[k]);
		}
		free(w);
		free(line);
	} else if (cur != NULL) {
		canvas_put_fit(c, by + bh - 5, bx + 2, bw - 4,
		               "No conflict: free at that time.", STYLE_DIM, 0);
	}
	if (pk->error != NULL)
		canvas_put_fit(c, by + bh - 2, bx + 2, bw - 4, pk->error,
		               STYLE_STATUS_ERROR, 0);
	else {
		line = xasprintf(
		    "Type to narrow  %s choose  %s role  %s cancel  Up/Down "
		    "move",
		    keymap_first_key(&pl->cfg->keys, ACT_FORM_ACCEPT, keys[1]),
		    keymap_first_key(&pl->cfg->keys, ACT_PICK_ROLE, keys[0]),
		    keymap_first_key(&pl->cfg->keys, ACT_FORM_CANCEL, keys[2]));
		canvas_put_fit(c, by + bh - 2, bx + 2, bw - 4, line, STYLE_DIM,
		               0);
		free(line);
	}
}
