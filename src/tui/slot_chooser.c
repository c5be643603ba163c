/*
 * slot_chooser.c: f on a session lists where it can go, from the slot
 * engine itself (slots_find with the session as the meeting, as `dais
 * slots --session` does): first the times and rooms where it would be in
 * no conflict, then those where it would be in warnings only, its own day
 * first in each, then the engine's ranking; each previewed (day, time, room,
 * the warnings) and applied as one undoable edit. When nothing is free, the
 * engine's reason for each day is shown.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chooser.h"
#include "dais/textwidth.h"
#include "dais/xalloc.h"

/* A candidate, copied out of the engine's result. */
struct slot_place {
	dais_time start, end;
	char *room_id, *room_name;
	int walk;                /* the longest walk that constrains it */
	struct strlist warnings; /* none for a free one */
};

struct slot_choice {
	struct session_key key; /* the session that moves */
	char *title;
	dais_time start, end; /* where it is now */
	char *room_id;        /* NULL: no room of venues.ini */
	char *room_name;
	struct slot_place *v;
	size_t n, cap;
};

static void
slot_choice_free(void *arg)
{
	struct slot_choice *sc = arg;
	size_t i;

	for (i = 0; i < sc->n; i++) {
		free(sc->v[i].room_id);
		free(sc->v[i].room_name);
		strlist_clear(&sc->v[i].warnings);
	}
	free(sc->v);
	session_key_clear(&sc->key);
	free(sc->title);
	free(sc->room_id);
	free(sc->room_name);
	free(sc);
}

static bool
same_text(const char *a, const char *b)
{
	return (a == NULL && b == NULL) ||
	       (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* "Thu 5 Nov 14:15-15:15" into buf (3 * DAIS_TIMEBUF). */
static char *
when_text(const struct planner *pl, dais_time start, dais_time end, char *buf,
          size_t n)
{
	int day = programme_day_of(pl->p, start);
	char d[DAIS_TIMEBUF], a[DAIS_TIMEBUF], b[DAIS_TIMEBUF];

	snprintf(buf, n, "%s %s-%s",
	         day >= 0 ? planner_day_label(pl, day, d)
	                  : date_fmt_iso(
	                        d, time_local_date(&pl->p->conf.zone, start)),
	         time_fmt_hm(a, &pl->p->conf.zone, start),
	         time_fmt_hm(b, &pl->p->conf.zone, end));
	return buf;
}

static void
add_place(struct slot_choice *sc, const struct slot_candidate *k, bool warned)
{
	struct slot_place *pl;

	/* Free ones come from the strict search; the wider one adds only
	 * those with warnings. */
	if (warned != (k->kinds != 0))
		return;
	/* Where it is already is no move. */
	if (k->start == sc->start && sc->room_id != NULL &&
	    strcmp(k->room->id, sc->room_id) == 0)
		return;
	XGROW(sc->v, sc->n, sc->cap);
	pl = &sc->v[sc->n++];
	memset(pl, 0, sizeof *pl);
	pl->start = k->start;
	pl->end = k->end;
	pl->room_id = xstrdup(k->room->id);
	pl->room_name = xstrdup(k->room->name ? k->room->name : k->room->id);
	pl->walk = k->longest_walk;
	strlist_copy(&pl->warnings, &k->warnings);
}

/*
 * Copies r's candidates with (warned) or without warnings: those on
 * `day` (the session's) first, in the engine's order, then the others in
 * the engine's order.
 */
static void
add_places(struct slot_choice *sc, const struct programme *p,
           const struct slot_result *r, bool warned, int day)
{
	size_t i, pass;

	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < r->n; i++) {
			const struct slot_candidate *k = &r->v[i];

			if ((programme_day_of(p, k->start) == day) ==
			    (pass == 0))
				add_place(sc, k, warned);
		}
}

static void
slot_preview(struct planner *pl, struct chooser *ch, struct chooser_item *it)
{
	struct slot_choice *sc = ch->arg;
	const struct slot_place *to = &sc->v[it->index];
	int d0 = programme_day_of(pl->p, sc->start);
	int d1 = programme_day_of(pl->p, to->start);
	char a[DAIS_TIMEBUF], b[DAIS_TIMEBUF], c[DAIS_TIMEBUF], d[DAIS_TIMEBUF],
	    *line;
	size_t i;

	if (d0 == d1)
		line = xasprintf("Day:  %s (unchanged)",
		                 d1 >= 0 ? planner_day_label(pl, d1, a) : "-");
	else
		line = xasprintf("Day:  %s -> %s",
		                 d0 >= 0 ? planner_day_label(pl, d0, a)
		                         : "(no conference day)",
		                 planner_day_label(pl, d1, b));
	strlist_add(&it->preview, line);
	free(line);
	time_fmt_hm(a, &pl->p->conf.zone, sc->start);
	time_fmt_hm(b, &pl->p->conf.zone, sc->end);
	time_fmt_hm(c, &pl->p->conf.zone, to->start);
	time_fmt_hm(d, &pl->p->conf.zone, to->end);
	if (strcmp(a, c) == 0 && strcmp(b, d) == 0)
		line = xasprintf("Time: %s-%s (unchanged)", a, b);
	else
		line = xasprintf("Time: %s-%s -> %s-%s", a, b, c, d);
	strlist_add(&it->preview, line);
	free(line);
	if (same_text(sc->room_id, to->room_id))
		line = xasprintf("Room: %s (unchanged)", to->room_name);
	else
		line =
		    xasprintf("Room: %s -> %s", sc->room_name, to->room_name);
	strlist_add(&it->preview, line);
	free(line);
	if (to->warnings.n == 0)
		strlist_add(&it->preview, "In no conflict there.");
	for (i = 0; i < to->warnings.n; i++) {
		line = xasprintf("* Would warn: %s", to->warnings.v[i]);
		strlist_add(&it->preview, line);
		free(line);
	}
}

static char *
slot_done(struct planner *pl, struct chooser *ch, const struct chooser_item *it)
{
	struct slot_choice *sc = ch->arg;
	const struct slot_place *to = &sc->v[it->index];
	const struct session *s =
	    editor_session(pl->ed, sc->key.uid, sc->key.rid);
	const char *why = NULL;
	char when[DAIS_TIMEBUF * 3], *what;
	bool ok = true, move, room;

	if (s == NULL)
		return xasprintf("'%s' is gone: Esc closes.", sc->title);
	/* Asked before the first edit, which moves s in memory. */
	move = s->start != to->start;
	room = !same_text(s->room_id, to->room_id);
	what = xasprintf("Moved '%s' to %s in %s", sc->title,
	                 when_text(pl, to->start, to->end, when, sizeof when),
	                 to->room_name);
	/* Time and room are one edit: one undo puts both back. */
	editor_begin_group(pl->ed, what);
	free(what);
	if (move)
		ok = edit_move(pl->ed, sc->key.uid, sc->key.rid, to->start,
		               &why);
	if (ok && room)
		ok = edit_set_room(pl->ed, sc->key.uid, sc->key.rid,
		                   to->room_id, NULL, &why);
	if (!ok) {
		char *refused = xstrdup(why != NULL ? why : "Refused.");

		editor_cancel_group(pl->ed);
		return refused;
	}
	editor_end_group(pl->ed);
	s = editor_session(pl->ed, sc->key.uid, sc->key.rid);
	if (s != NULL) {
		planner_jump(pl, s);
		planner_follow(pl);
	}
	return NULL;
}

void
slot_chooser_open(struct planner *pl, const struct session *s)
{
	const struct session_index *x = editor_index(pl->ed);
	struct slot_query q;
	struct slot_result free_r = {0}, warned_r = {0};
	struct slot_choice *sc;
	struct chooser *ch;
	char *why = NULL, hm[DAIS_TIMEBUF], when[DAIS_TIMEBUF * 3], *rest, *cut;
	size_t i, nfree;
	int day = programme_day_of(pl->p, s->start), room;

	if (s->all_day) { /* the slots are hours, which it has none of */
		planner_message(pl, true,
		                "'%s' is an all-day item: it has no hours to "
		                "move. Type a start and an end in its form (e) "
		                "to make it a timed session.",
		                s->title);
		return;
	}
	memset(&q, 0, sizeof q);
	q.session_uid = s->uid;
	q.session_rid = s->recurrence_id;
	q.day = -1;
	q.prefer = time_local_minutes(&pl->p->conf.zone, s->start);
	q.earliest = q.latest = DAIS_TIME_NONE;
	if (!slots_find(x, &q, &free_r, &why)) {
		planner_message(pl, true, "%s", why);
		free(why);
		return;
	}
	q.allow_warnings = true;
	if (!slots_find(x, &q, &warned_r, &why)) {
		planner_message(pl, true, "%s", why);
		free(why);
		slot_result_clear(&free_r);
		return;
	}

	sc = xcalloc(1, sizeof *sc);
	session_key_set(&sc->key, s->uid, s->recurrence_id);
	sc->title = xstrdup(s->title ? s->title : s->uid);
	sc->start = s->start;
	sc->end = s->end;
	sc->room_id = s->room_id ? xstrdup(s->room_id) : NULL;
	sc->room_name = xstrdup(planner_room_name(pl, s));
	add_places(sc, pl->p, &free_r, false, day);
	nfree = sc->n;
	add_places(sc, pl->p, &warned_r, true, day);

	ch = chooser_new(slot_preview, slot_done, sc, slot_choice_free);
	/*
	 * The time it has now is what the places are compared with: when the
	 * title does not fit, the session's title gives way, its start and
	 * end kept (text_abbreviate) so that two titles alike at the start
	 * stay apart, rather than the time being cut (trial L8).
	 */
	rest = xasprintf("' can go (now %s)",
	                 when_text(pl, s->start, s->end, when, sizeof when));
	room =
	    chooser_title_width(pl) - text_width("Where '") - text_width(rest);
	cut = text_abbreviate(sc->title, room > 10 ? room : 10);
	ch->title = xasprintf("Where '%s%s", cut, rest);
	free(cut);
	free(rest);
	ch->cancelled = "Not moved.";
	time_fmt_hm(hm, &pl->p->conf.zone, s->start);
	if (sc->n > 0)
		ch->head = xasprintf("%zu free, %zu more with warnings (*); "
		                     "its day first, then least walking, "
		                     "nearest to %s",
		                     nfree, sc->n - nfree, hm);
	if (sc->n == 0)
		ch->empty = xasprintf(
		    "Nothing is free for '%s' on any day, not even with "
		    "warnings (%zu candidates checked):",
		    sc->title, free_r.checked + warned_r.checked);
	else if (free_r.why_not.n > 0)
		strlist_add(&ch->notes, "Nothing free in no conflict:");
	for (i = 0; i < free_r.why_not.n; i++)
		strlist_add(&ch->notes, free_r.why_not.v[i]);
	for (i = 0; i < sc->n; i++) {
		const struct slot_place *p = &sc->v[i];
		struct chooser_item *it = chooser_add(ch);

		it->text =
		    xstrdup(when_text(pl, p->start, p->end, when, sizeof when));
		it->detail = p->walk > 0 ? xasprintf("%s, %d min walk",
		                                     p->room_name, p->walk)
		                         : xstrdup(p->room_name);
		it->match =
		    xasprintf("%s\n%s\n%s", it->text, p->room_name, p->room_id);
		it->warns = p->warnings.n > 0;
	}
	slot_result_clear(&free_r);
	slot_result_clear(&warned_r);
	chooser_open(pl, ch);
}
