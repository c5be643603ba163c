/*
 * slots_fix.c: the fixes of a conflict (slots_fixes): a session moved to
 * where slots_find says it is clean and clears the conflict, or a
 * participant replaced by one of the same delegation, smallest change
 * first.
 */
#include "dais/slots.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dais/xalloc.h"
#include "slots_internal.h"

/* ---- Fixes ------------------------------------------------------------- */

void
slot_fixes_clear(struct slot_fixes *f)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		free(f->v[i].uid);
		free(f->v[i].description);
	}
	free(f->v);
	memset(f, 0, sizeof *f);
}

static int
fix_cmp(const void *a, const void *b)
{
	const struct slot_fix *x = a, *y = b;

	if (x->cost != y->cost)
		return x->cost < y->cost ? -1 : 1;
	return strcmp(x->description, y->description);
}

static void
fix_add(struct slot_fixes *out, const struct slot_fix *f)
{
	XGROW(out->v, out->n, out->cap);
	out->v[out->n++] = *f;
}

static const char *
title_of(const struct session *s)
{
	return s->title && *s->title ? s->title : s->uid;
}

/* Whether moving s to candidate k (in no error) clears conflict c. */
static bool
candidate_clears(const struct conflict *c, const struct slot_candidate *k,
                 const struct session *s)
{
	bool moved_room =
	    s->room_id == NULL || strcmp(k->room->id, s->room_id) != 0;

	if (k->start == s->start && !moved_room)
		return false;
	/* A warning is only cleared if the move is out of its kind. */
	return c->severity != SEVERITY_WARNING ||
	       (k->kinds & (1u << c->kind)) == 0;
}

static bool
any_clears(const struct conflict *c, const struct slot_result *r,
           const struct session *s)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (candidate_clears(c, &r->v[i], s))
			return true;
	return false;
}

static void
fixes_move(const struct session_index *x, const struct conflict *c, size_t si,
           struct slot_fixes *out)
{
	const struct programme *p = session_index_programme(x);
	const struct session *s = &p->sessions[si];
	struct slot_query q;
	struct slot_result r = {0};
	char *why = NULL, hm[DAIS_TIMEBUF];
	size_t i;
	int day = programme_day_of(p, s->start);

	if (day < 0 || s->end <= s->start)
		return;
	memset(&q, 0, sizeof q);
	q.session_uid = s->uid;
	q.session_rid = s->recurrence_id;
	q.day = day;
	q.allow_warnings = true;
	q.prefer = -1;
	q.earliest = q.latest = DAIS_TIME_NONE;
	if (!slots_find(x, &q, &r, &why)) {
		free(why);
		return;
	}
	/*
	 * The rooms that serve the session's kind come first; when none of
	 * them clears the conflict (a side session needing Chinese booths
	 * that only the plenary hall has), every room is tried: a room's
	 * kinds are a preference, not a conflict.
	 */
	if (!any_clears(c, &r, s)) {
		const char **all = xcalloc(p->nrooms + 1, sizeof *all);

		for (i = 0; i < p->nrooms; i++)
			all[i] = p->rooms[i].id;
		q.rooms = all;
		q.nrooms = p->nrooms;
		slot_result_clear(&r);
		if (!slots_find(x, &q, &r, &why)) {
			free(why);
			free(all);
			return;
		}
		free(all);
	}
	for (i = 0; i < r.n; i++) {
		const struct slot_candidate *k = &r.v[i];
		bool moved_room =
		    s->room_id == NULL || strcmp(k->room->id, s->room_id) != 0;
		struct slot_fix f;

		if (!candidate_clears(c, k, s))
			continue;
		memset(&f, 0, sizeof f);
		f.kind = FIX_MOVE;
		f.uid = xstrdup(s->uid);
		f.rid = s->recurrence_id;
		f.start = k->start;
		f.room_id = k->room->id;
		f.cost = slots_abs_int((k->start - s->start) / 60) +
		         (moved_room ? 15 : 0);
		time_fmt_hm(hm, &p->conf.zone, k->start);
		if (k->start == s->start)
			f.description = xasprintf("Move '%s' to %s",
			                          title_of(s), k->room->name);
		else if (!moved_room)
			f.description =
			    xasprintf("Move '%s' to %s", title_of(s), hm);
		else
			f.description =
			    xasprintf("Move '%s' to %s in %s", title_of(s), hm,
			              k->room->name);
		fix_add(out, &f);
	}
	slot_result_clear(&r);
}

/* Whether every error in `now` was already one of `was`. */
static bool
only_old_errors(const struct strlist *now, const struct strlist *was)
{
	size_t i;

	for (i = 0; i < now->n; i++)
		if (!strlist_has(was, now->v[i]))
			return false;
	return true;
}

static void
fixes_substitute(const struct session_index *x, const struct conflict *c,
                 size_t si, struct slot_fixes *out)
{
	const struct programme *p = session_index_programme(x);
	const struct session *s = &p->sessions[si];
	const struct participant *who =
	    programme_find_participant(p, c->participant_id);
	struct index_hits scratch = {0};
	dais_time reach = slots_reach_of(p);
	struct strlist before = {0}, after = {0};
	long at;
	size_t i;

	if (who == NULL || who->delegation == NULL ||
	    (at = session_find_assignment(s, who->id)) < 0)
		return;
	/* The session's errors as it is: a substitute may leave those that
	 * have nothing to do with the person replaced (another minister's
	 * double booking), never add one. */
	slots_judge_at(x, s, reach, (long)si, &scratch, &before,
	               SEVERITY_ERROR);
	for (i = 0; i < p->npeople; i++) {
		const struct participant *m = &p->people[i];
		struct session t;
		struct verdict v;
		struct slot_fix f;

		if (m == who || participant_is_group(m) ||
		    m->delegation == NULL ||
		    strcmp(m->delegation, who->delegation) != 0 ||
		    session_find_assignment(s, m->id) >= 0)
			continue;
		session_copy(&t, s);
		free(t.assign[at].participant_id);
		free(t.assign[at].cn);
		t.assign[at].participant_id = xstrdup(m->id);
		t.assign[at].cn = xstrdup(m->name);
		strlist_clear(&after);
		v = slots_judge_at(x, &t, reach, (long)si, &scratch, &after,
		                   SEVERITY_ERROR);
		session_free(&t);
		if (v.worst == SEVERITY_ERROR &&
		    !only_old_errors(&after, &before))
			continue;
		memset(&f, 0, sizeof f);
		f.kind = FIX_SUBSTITUTE;
		f.uid = xstrdup(s->uid);
		f.rid = s->recurrence_id;
		f.start = s->start;
		f.out_id = who->id;
		f.in_id = m->id;
		f.cost = 10;
		f.description = xasprintf(
		    "In '%s', %s instead of %s", title_of(s),
		    m->name ? m->name : m->id, who->name ? who->name : who->id);
		fix_add(out, &f);
	}
	index_hits_clear(&scratch);
	strlist_clear(&before);
	strlist_clear(&after);
}

void
slots_fixes(const struct session_index *x, const struct conflict *c, size_t max,
            struct slot_fixes *out)
{
	size_t i, j;

	for (i = 0; i < c->nsessions; i++) {
		for (j = 0; j < i && c->sessions[j] != c->sessions[i]; j++)
			;
		if (j < i)
			continue;
		fixes_move(x, c, c->sessions[i], out);
		if (c->kind == CONFLICT_PARTICIPANT_DOUBLE_BOOKED)
			fixes_substitute(x, c, c->sessions[i], out);
	}
	if (out->n > 1)
		qsort(out->v, out->n, sizeof *out->v, fix_cmp);
	while (max > 0 && out->n > max) {
		out->n--;
		free(out->v[out->n].uid);
		free(out->v[out->n].description);
	}
}
