/*
 * slots_fix.c: the fixes of a conflict (slots_fixes): a session moved to
 * where slots_find says it is clean and clears the conflict, or a
 * double-booked participant replaced by one of the same delegation or
 * taken out of one of the sessions: those after which the session is in
 * no conflict at all first, then those that leave it a warning, each
 * group smallest change first.
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
		strlist_clear(&f->v[i].warnings);
		strlist_clear(&f->v[i].errors_kept);
	}
	free(f->v);
	memset(f, 0, sizeof *f);
}

static int
fix_cmp(const void *a, const void *b)
{
	const struct slot_fix *x = a, *y = b;

	/* A fix that leaves no conflict at all before one that trades the
	 * error for a warning, however much smaller the latter (trial M4). */
	if ((x->warnings.n > 0) != (y->warnings.n > 0))
		return x->warnings.n > 0 ? 1 : -1;
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
		strlist_copy(&f.warnings, &k->warnings);
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

int
slots_person_cost(const struct session *s, enum role role, bool removal,
                  bool lower_rank_in_chair)
{
	int cost = 10;

	if (role == ROLE_SPEAKER)
		cost += 15 + (removal ? 5 : 0);
	else if (role == ROLE_CHAIR)
		cost += 30 + (removal ? 30 : 0);
	if (s->kind != NULL && (strcasecmp(s->kind, "MINISTERIAL") == 0 ||
	                        strcasecmp(s->kind, "PLENARY") == 0))
		cost += 30;
	if (lower_rank_in_chair)
		cost += 20;
	return cost;
}

/* Whether m ranks below who by protocol: an official (or anyone but a
 * minister) for a minister, or a later precedence (0: unranked, last). */
static bool
ranks_below(const struct participant *m, const struct participant *who)
{
	if (who->kind == PARTICIPANT_MINISTER &&
	    m->kind != PARTICIPANT_MINISTER)
		return true;
	if (who->kind != m->kind)
		return false;
	return who->precedence > 0 &&
	       (m->precedence == 0 || m->precedence > who->precedence);
}

/*
 * Whether session t, s changed in its people, is in no error but those s
 * was in already (`before`): a change of people may leave those that have
 * nothing to do with the person (another minister's double booking), never
 * add one. When it is, fix f gets the warnings t is in and the errors it
 * keeps, as a move gets its candidate's.
 */
static bool
people_change_clean(const struct session_index *x, const struct session *t,
                    size_t si, const struct strlist *before,
                    struct index_hits *scratch, struct slot_fix *f)
{
	const struct programme *p = session_index_programme(x);
	struct strlist errors = {0}, all = {0};
	struct verdict v = slots_judge_at(x, t, slots_reach_of(p), (long)si,
	                                  scratch, &errors, SEVERITY_ERROR);
	bool ok = v.worst != SEVERITY_ERROR || only_old_errors(&errors, before);
	size_t i;

	if (ok) {
		/* The messages at warning and above, less the errors. */
		slots_judge_at(x, t, slots_reach_of(p), (long)si, scratch, &all,
		               SEVERITY_WARNING);
		for (i = 0; i < all.n; i++)
			if (!strlist_has(&errors, all.v[i]))
				strlist_add(&f->warnings, all.v[i]);
		strlist_copy(&f->errors_kept, &errors);
	}
	strlist_clear(&all);
	strlist_clear(&errors);
	return ok;
}

static void
fixes_people(const struct session_index *x, const struct conflict *c, size_t si,
             struct slot_fixes *out)
{
	const struct programme *p = session_index_programme(x);
	const struct session *s = &p->sessions[si];
	const struct participant *who =
	    programme_find_participant(p, c->participant_id);
	const char *who_name;
	struct index_hits scratch = {0};
	struct strlist before = {0};
	struct session t;
	struct slot_fix f;
	enum role role;
	long at;
	size_t i;

	if (who == NULL || (at = session_find_assignment(s, who->id)) < 0)
		return;
	who_name = who->name ? who->name : who->id;
	role = s->assign[at].role;
	/* The session's errors as it is. */
	slots_judge_at(x, s, slots_reach_of(p), (long)si, &scratch, &before,
	               SEVERITY_ERROR);

	/* Taken out of this session: one assignment fewer. */
	session_copy(&t, s);
	session_remove_assignment(&t, (size_t)at);
	memset(&f, 0, sizeof f);
	if (people_change_clean(x, &t, si, &before, &scratch, &f)) {
		f.kind = FIX_REMOVE;
		f.uid = xstrdup(s->uid);
		f.rid = s->recurrence_id;
		f.start = s->start;
		f.out_id = who->id;
		f.cost = slots_person_cost(s, role, true, false);
		f.description = xasprintf("Take %s (%s) out of '%s'", who_name,
		                          role_name(role), title_of(s));
		fix_add(out, &f);
	}
	session_free(&t);

	for (i = 0; who->delegation != NULL && i < p->npeople; i++) {
		const struct participant *m = &p->people[i];
		bool lower, clean;

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
		memset(&f, 0, sizeof f);
		clean = people_change_clean(x, &t, si, &before, &scratch, &f);
		session_free(&t);
		if (!clean)
			continue;
		lower = role == ROLE_CHAIR && ranks_below(m, who);
		f.kind = FIX_SUBSTITUTE;
		f.uid = xstrdup(s->uid);
		f.rid = s->recurrence_id;
		f.start = s->start;
		f.out_id = who->id;
		f.in_id = m->id;
		f.lower_rank_in_chair = lower;
		f.cost = slots_person_cost(s, role, false, lower);
		f.description =
		    xasprintf("In '%s', %s instead of %s as %s%s", title_of(s),
		              m->name ? m->name : m->id, who_name,
		              role_name(role), lower ? " (of lower rank)" : "");
		fix_add(out, &f);
	}
	index_hits_clear(&scratch);
	strlist_clear(&before);
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
			fixes_people(x, c, c->sessions[i], out);
	}
	if (out->n > 1)
		qsort(out->v, out->n, sizeof *out->v, fix_cmp);
	while (max > 0 && out->n > max) {
		out->n--;
		free(out->v[out->n].uid);
		free(out->v[out->n].description);
		strlist_clear(&out->v[out->n].warnings);
		strlist_clear(&out->v[out->n].errors_kept);
	}
}
