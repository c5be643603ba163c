/*
 * view_detail.c: the pane beside the grid and the list: everything about
 * the selected session (time, room and capacity, kind, status, people by
 * role, organisations, notes, its conflicts); and the layer (A) that puts
 * the session's assignments in the pane, where people are removed,
 * re-roled and reordered.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dais/textwidth.h"
#include "dais/xalloc.h"
#include "planner.h"

struct lines {
	char **text;
	int *style;
	size_t n, cap, capst;
	int width;
};

static void
add(struct lines *l, const char *text, int style)
{
	XGROW(l->text, l->n, l->cap);
	XGROW(l->style, l->n, l->capst);
	l->text[l->n] = xstrdup(text);
	l->style[l->n] = style;
	l->n++;
}

/* Wraps text to the pane, indenting continuation lines. */
static void
add_wrapped(struct lines *l, const char *text, int indent, int style)
{
	size_t n, i;
	char **w = text_wrap(text, l->width - indent, &n);

	for (i = 0; i < n; i++) {
		char *line = xasprintf("%*s%s", indent, "", w[i]);

		add(l, line, style);
		free(line);
		free(w[i]);
	}
	free(w);
}

static void
add_people(const struct planner *pl, struct lines *l, const struct session *s,
           const char *label, bool groups, int role)
{
	size_t i;
	bool any = false;

	for (i = 0; i < s->nassign; i++) {
		const struct assignment *a = &s->assign[i];
		const struct participant *who =
		    programme_find_participant(pl->p, a->participant_id);
		bool group = who != NULL && participant_is_group(who);
		char *line;

		if (group != groups || (role >= 0 && (int)a->role != role))
			continue;
		if (!any)
			add(l, label, STYLE_HEADER);
		any = true;
		if (groups && a->role != ROLE_PARTICIPANT)
			line = xasprintf("%s (%s)", planner_person_name(pl, a),
			                 role_name(a->role));
		else
			line = xstrdup(planner_person_name(pl, a));
		add_wrapped(l, line, 2,
		            who == NULL ? STYLE_WARNING : STYLE_NORMAL);
		free(line);
	}
}

size_t
detail_lines(const struct planner *pl, const struct session *s, int width,
             char ***texts, int **styles)
{
	struct lines l;
	const struct room *room = programme_find_room(pl->p, s->room_id);
	char buf[DAIS_TIMEBUF], span[DAIS_TIMEBUF], dur[DAIS_TIMEBUF];
	char *line;
	long idx = programme_find_session(pl->p, s->uid, s->recurrence_id);
	int day = programme_day_of(pl->p, s->start);
	size_t i, nconf = 0;

	memset(&l, 0, sizeof l);
	l.width = width > 4 ? width : 4;
	add_wrapped(&l, s->title, 0, STYLE_TITLE);
	line = xasprintf(
	    "%s  %s  %s",
	    day >= 0 ? planner_day_label(pl, day, buf)
	             : date_fmt_iso(
	                   buf, time_local_date(&pl->p->conf.zone, s->start)),
	    planner_span(pl, s, span), duration_fmt(dur, s->end - s->start));
	add_wrapped(&l, line, 0, STYLE_NORMAL);
	free(line);
	line = xasprintf("Room: %s", planner_room_name(pl, s));
	add_wrapped(&l, line, 2, room == NULL ? STYLE_WARNING : STYLE_NORMAL);
	free(line);
	if (room != NULL || s->expected > 0) {
		char seats[64] = "", exp[64] = "";

		if (room != NULL && room->capacity > 0)
			snprintf(seats, sizeof seats, "%d seats",
			         room->capacity);
		if (s->expected > 0)
			snprintf(exp, sizeof exp, "%s%d expected",
			         seats[0] != '\0' ? ", " : "", s->expected);
		if (seats[0] != '\0' || exp[0] != '\0') {
			line = xasprintf("  %s%s", seats, exp);
			add_wrapped(&l, line, 2,
			            room != NULL && room->capacity > 0 &&
			                    s->expected > room->capacity
			                ? STYLE_WARNING
			                : STYLE_NORMAL);
			free(line);
		}
	}
	line = xasprintf("Kind: %s", s->kind != NULL ? s->kind : "-");
	add_wrapped(&l, line, 2, STYLE_NORMAL);
	free(line);
	line = xasprintf("Status: %s", session_status_name(s->status));
	add_wrapped(&l, line, 2,
	            s->status == SESSION_CANCELLED ? STYLE_CANCELLED
	                                           : STYLE_NORMAL);
	free(line);
	if (s->confidential)
		add_wrapped(&l, "Closed meeting (CLASS): not in public exports",
		            2, STYLE_WARNING);
	if (s->languages.n > 0) {
		char *langs = strlist_join(&s->languages, ", ");

		line = xasprintf("Interpretation: %s", langs);
		add_wrapped(&l, line, 2, STYLE_NORMAL);
		free(line);
		free(langs);
	}
	for (i = 0; idx >= 0 && i < pl->checked.list.n; i++)
		if (conflict_involves(&pl->checked.list.v[pl->checked.order[i]],
		                      (size_t)idx))
			nconf++;
	if (nconf > 0) {
		line = xasprintf("Conflicts (%zu)", nconf);
		add(&l, line, STYLE_ERROR);
		free(line);
	}
	for (i = 0; idx >= 0 && i < pl->checked.list.n; i++) {
		const struct conflict *c =
		    &pl->checked.list.v[pl->checked.order[i]];

		if (!conflict_involves(c, (size_t)idx))
			continue;
		line = xasprintf("%s %s: %s",
		                 c->severity == SEVERITY_ERROR ? "!" : "*",
		                 conflict_kind_label(c->kind), c->message);
		add_wrapped(&l, line, 2,
		            c->severity == SEVERITY_ERROR ? STYLE_ERROR
		                                          : STYLE_WARNING);
		free(line);
	}
	add_people(pl, &l, s, "Chair", false, ROLE_CHAIR);
	add_people(pl, &l, s, "Speakers", false, ROLE_SPEAKER);
	add_people(pl, &l, s, "Participants", false, ROLE_PARTICIPANT);
	add_people(pl, &l, s, "Organisations", true, -1);
	if (s->notes != NULL && s->notes[0] != '\0') {
		add(&l, "Notes (internal)", STYLE_HEADER);
		add_wrapped(&l, s->notes, 2, STYLE_NORMAL);
	}
	if (s->description != NULL && s->description[0] != '\0') {
		add(&l, "Description", STYLE_HEADER);
		add_wrapped(&l, s->description, 2, STYLE_NORMAL);
	}
	*texts = l.text;
	*styles = l.style;
	return l.n;
}

void
detail_draw(struct planner *pl, struct canvas *c, int x, int y, int w, int h)
{
	const struct session *s = planner_selected(pl);
	char **texts;
	int *styles, r;
	size_t n, i;

	for (r = 0; r < h; r++)
		canvas_put(c, y + r, x, 1, "|", STYLE_RULE, 0);
	if (s == NULL) {
		char key[16];
		char *hint = xasprintf(
		    "No session here. %s creates one.",
		    keymap_first_key(&pl->cfg->keys, ACT_CREATE, key));

		canvas_put_fit(c, y, x + 2, w - 2, hint, STYLE_DIM, 0);
		free(hint);
		return;
	}
	n = detail_lines(pl, s, w - 2, &texts, &styles);
	for (i = 0; i < n; i++) {
		if ((int)i < h)
			canvas_put_fit(c, y + (int)i, x + 2, w - 2, texts[i],
			               styles[i], 0);
		free(texts[i]);
	}
	if ((int)n > h)
		canvas_put_fit(c, y + h - 1, x + 2, w - 2,
		               "... (more than fits)", STYLE_DIM, 0);
	free(texts);
	free(styles);
}

/* Whether a conflict of session idx names participant id. */
static const struct conflict *
person_conflict(const struct planner *pl, long idx, const char *id)
{
	size_t i;

	for (i = 0; idx >= 0 && i < pl->checked.list.n; i++) {
		const struct conflict *c =
		    &pl->checked.list.v[pl->checked.order[i]];

		if (c->participant_id != NULL &&
		    strcmp(c->participant_id, id) == 0 &&
		    conflict_involves(c, (size_t)idx))
			return c;
	}
	return NULL;
}

static void
assign_draw(struct planner *pl, void *state, struct canvas *c, int x, int y,
            int w, int h)
{
	struct listnav *nav = state;
	const struct session *s = planner_selected(pl);
	long idx = planner_selected_index(pl);
	char keys[5][16], *line;
	int r;

	for (r = 0; r < h; r++)
		canvas_put(c, y + r, x, 1, "|", STYLE_RULE, 0);
	if (s == NULL)
		return;
	line = xasprintf("People of '%s'", s->title);
	canvas_put_fit(c, y, x + 2, w - 2, line, STYLE_TITLE, 0);
	free(line);
	nav->n = (int)s->nassign;
	listnav_fix(nav, h - 4);
	if (s->nassign == 0)
		canvas_put_fit(c, y + 1, x + 2, w - 2, "Nobody yet.", STYLE_DIM,
		               0);
	for (r = 0; r < h - 4 && nav->top + r < (int)s->nassign; r++) {
		int k = nav->top + r;
		const struct assignment *a = &s->assign[k];
		const struct conflict *cf =
		    person_conflict(pl, idx, a->participant_id);
		int mods = k == nav->cur ? MOD_REVERSE : 0;
		char role[16];

		snprintf(role, sizeof role, "%-11s", role_name(a->role));
		canvas_fill(c, y + 1 + r, x + 2, w - 2, 1, STYLE_NORMAL, mods);
		canvas_put(c, y + 1 + r, x + 2, 1,
		           cf == NULL                       ? " "
		           : cf->severity == SEVERITY_ERROR ? "!"
		                                            : "*",
		           cf == NULL                       ? STYLE_NORMAL
		           : cf->severity == SEVERITY_ERROR ? STYLE_ERROR
		                                            : STYLE_WARNING,
		           mods);
		canvas_put(c, y + 1 + r, x + 4, 12, role, STYLE_DIM, mods);
		canvas_put_fit(c, y + 1 + r, x + 16, w - 16,
		               planner_person_name(pl, a), STYLE_NORMAL, mods);
	}
	if (nav->cur < (int)s->nassign) {
		const struct conflict *cf = person_conflict(
		    pl, idx, s->assign[nav->cur].participant_id);

		if (cf != NULL)
			canvas_put_fit(c, y + h - 3, x + 2, w - 2, cf->message,
			               STYLE_ERROR, 0);
	}
	line = xasprintf(
	    "%s add  %s remove  %s role",
	    keymap_first_key(&pl->cfg->keys, ACT_ASSIGN_ADD, keys[0]),
	    keymap_first_key(&pl->cfg->keys, ACT_UNASSIGN, keys[1]),
	    keymap_first_key(&pl->cfg->keys, ACT_CYCLE_ROLE, keys[2]));
	canvas_put_fit(c, y + h - 2, x + 2, w - 2, line, STYLE_DIM, 0);
	free(line);
	line = xasprintf(
	    "%s/%s order  %s back",
	    keymap_first_key(&pl->cfg->keys, ACT_ASSIGN_UP, keys[3]),
	    keymap_first_key(&pl->cfg->keys, ACT_ASSIGN_DOWN, keys[4]),
	    keymap_first_key(&pl->cfg->keys, ACT_BACK, keys[0]));
	canvas_put_fit(c, y + h - 1, x + 2, w - 2, line, STYLE_DIM, 0);
	free(line);
}

/* An action on the assignments; false when it is not one of theirs. */
static bool
assign_action(struct planner *pl, struct listnav *nav, enum action a)
{
	const struct session *s = planner_selected(pl);
	const char *why = NULL;
	char *uid, *id;
	dais_time rid;
	bool ok;

	if (s == NULL) {
		layer_close(pl);
		return a == ACT_BACK;
	}
	nav->n = (int)s->nassign;
	if (listnav_action(nav, a, 5))
		return true;
	if (a == ACT_BACK) {
		layer_close(pl);
		return true;
	}
	if (a == ACT_ASSIGN_ADD) {
		picker_open_participants(pl, s);
		return true;
	}
	if (a != ACT_UNASSIGN && a != ACT_CYCLE_ROLE && a != ACT_ASSIGN_UP &&
	    a != ACT_ASSIGN_DOWN)
		return false;
	if (nav->cur >= (int)s->nassign) {
		planner_message(pl, true, "Nobody is assigned to '%s'.",
		                s->title);
		return true;
	}
	uid = xstrdup(s->uid);
	rid = s->recurrence_id;
	id = xstrdup(s->assign[nav->cur].participant_id);
	switch (a) {
	case ACT_UNASSIGN:
		ok = edit_unassign(pl->ed, uid, rid, id, &why);
		break;
	case ACT_CYCLE_ROLE:
		ok = edit_set_role(pl->ed, uid, rid, id,
		                   role_next(s->assign[nav->cur].role), &why);
		break;
	default:
		ok = edit_move_assignment(pl->ed, uid, rid, id,
		                          a == ACT_ASSIGN_UP ? -1 : 1, &why);
		if (ok)
			nav->cur += a == ACT_ASSIGN_UP ? -1 : 1;
		break;
	}
	planner_edit_result(pl, ok, why);
	free(uid);
	free(id);
	return true;
}

static void
assign_key(struct planner *pl, void *state, int key)
{
	enum action a = keymap_lookup(&pl->cfg->keys, CTX_ASSIGN, key);

	planner_clear_message(pl);
	if (planner_read_only_refuses(pl, a))
		return;
	if (!assign_action(pl, state, a))
		planner_global_action(pl, a);
}

static const struct layer_ops assign_layer = {
    .name = "assignments",
    .mode = MODE_ASSIGN,
    .key = assign_key,
    .draw_pane = assign_draw,
    .free = free,
    .shows_pane = true,
};

void
assign_open(struct planner *pl)
{
	layer_open(pl, &assign_layer, xcalloc(1, sizeof(struct listnav)));
}
