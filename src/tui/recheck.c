/*
 * recheck.c: the planner's conflict list, kept equal to what
 * conflict_check() finds after every edit without checking the whole
 * programme again. Every conflict is local in time: it involves sessions
 * that overlap, or that are within a changeover (plus walking) of each
 * other. So after an edit only the conflicts near the sessions it changed
 * can change: those are dropped and found again by running the engine on
 * the sessions around them; the others are kept and their sessions found
 * again by key, since an edit re-sorts p->sessions.
 *
 * With the editor's index (session_index.h) "near" narrows further: a
 * conflict can only change if it involves a changed session or is about a
 * room, participant or group a changed session names (before or after).
 * Only those keys' sessions around the zones are checked, and only such
 * conflicts are dropped and taken from the new check.
 */
#include <stdlib.h>
#include <string.h>

#include "dais/session_index.h"
#include "dais/xalloc.h"
#include "planner.h"

/* Edits that touch more sessions than this are re-checked whole. */
#define RECHECK_MAX_DELTAS 256

static void
extra_free(struct conflict_extra *x)
{
	size_t i;

	for (i = 0; i < x->n; i++)
		free(x->keys[i].uid);
	free(x->keys);
	free(x->starts);
	free(x->ends);
	free(x->room);
	free(x->participant);
	memset(x, 0, sizeof *x);
}

/* Records what conflict c (sessions indexing p now) needs to outlive an
 * edit, and points its strings at the copies. */
static void
extra_fill(const struct programme *p, struct conflict *c,
           struct conflict_extra *x)
{
	size_t j;

	x->n = c->nsessions;
	x->keys = xcalloc(x->n + 1, sizeof *x->keys);
	x->starts = xcalloc(x->n + 1, sizeof *x->starts);
	x->ends = xcalloc(x->n + 1, sizeof *x->ends);
	for (j = 0; j < x->n; j++) {
		const struct session *s = &p->sessions[c->sessions[j]];

		x->keys[j].uid = xstrdup(s->uid);
		x->keys[j].rid = s->recurrence_id;
		x->starts[j] = s->start;
		x->ends[j] = s->end;
	}
	x->room = xstrdup(c->room_id);
	x->participant = xstrdup(c->participant_id);
	c->room_id = x->room;
	c->participant_id = x->participant;
}

static void
free_all(struct planner *pl)
{
	size_t i;

	for (i = 0; i < pl->checked.list.n; i++)
		extra_free(&pl->checked.extra[i]);
	free(pl->checked.extra);
	pl->checked.extra = NULL;
	conflict_list_clear(&pl->checked.list);
}

void
recheck_free(struct planner *pl)
{
	free_all(pl);
	free(pl->checked.worst);
	free(pl->checked.order);
	pl->checked.worst = NULL;
	pl->checked.order = NULL;
}

static int
order_cmp(const void *a, const void *b, void *planner)
{
	const struct planner *pl = planner;
	const struct conflict *x = &pl->checked.list.v[*(const size_t *)a];
	const struct conflict *y = &pl->checked.list.v[*(const size_t *)b];
	int c;

	if (x->severity != y->severity)
		return x->severity > y->severity ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	/* Then by message, so that the order does not depend on how the
	 * list was put together. */
	c = strcmp(x->message, y->message);
	if (c != 0)
		return c;
	return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

/* What the views read: each session's worst severity and the order of
 * the conflicts view. */
static void
derive(struct planner *pl)
{
	size_t i, j;

	free(pl->checked.worst);
	pl->checked.nworst = pl->p->nsessions;
	pl->checked.worst = xcalloc(pl->checked.nworst + 1, 1);
	for (i = 0; i < pl->checked.list.n; i++) {
		const struct conflict *c = &pl->checked.list.v[i];

		for (j = 0; j < c->nsessions; j++)
			if (c->sessions[j] < pl->checked.nworst &&
			    pl->checked.worst[c->sessions[j]] < c->severity)
				pl->checked.worst[c->sessions[j]] =
				    (unsigned char)c->severity;
	}
	free(pl->checked.order);
	pl->checked.order = xcalloc(pl->checked.list.n + 1, sizeof(size_t));
	for (i = 0; i < pl->checked.list.n; i++)
		pl->checked.order[i] = i;
	qsort_r(pl->checked.order, pl->checked.list.n, sizeof(size_t),
	        order_cmp, pl);
	planner_views_rechecked(pl);
	pl->people_stale = true;
}

enum severity
planner_session_worst(const struct planner *pl, size_t s)
{
	return s < pl->checked.nworst ? (enum severity)pl->checked.worst[s]
	                              : SEVERITY_OFF;
}

void
recheck_full(struct planner *pl)
{
	const struct programme *p = pl->p;
	size_t i;

	free_all(pl);
	conflict_check(p, &pl->checked.list);
	pl->checked.extra =
	    xcalloc(pl->checked.list.n + 1, sizeof *pl->checked.extra);
	for (i = 0; i < pl->checked.list.n; i++)
		extra_fill(p, &pl->checked.list.v[i], &pl->checked.extra[i]);
	pl->checked.longest = 0;
	for (i = 0; i < p->nsessions; i++)
		if (p->sessions[i].end - p->sessions[i].start >
		    pl->checked.longest)
			pl->checked.longest =
			    p->sessions[i].end - p->sessions[i].start;
	pl->checked.reach = (dais_time)p->conf.changeover * 60;
	for (i = 0; i < p->nwalks; i++)
		if ((dais_time)(p->walks[i].minutes + p->conf.changeover) * 60 >
		    pl->checked.reach)
			pl->checked.reach = (dais_time)(p->walks[i].minutes +
			                                p->conf.changeover) *
			                    60;
	/* A minute more: "less than the changeover" is checked in minutes. */
	pl->checked.reach += 60;
	derive(pl);
}

/*
 * The index of the session (uid, rid) that starts at `start`, or -1. By
 * the editor's index when there is one: a programme with 200 rooms has
 * 200 sessions at each hour, and comparing each one's UID made this the
 * re-check's largest cost.
 */
static long
find(const struct planner *pl, const struct session_key *k, dais_time start)
{
	const struct programme *p = pl->p;
	size_t i;
	long at;

	if (pl->ed != NULL) {
		at = session_index_find(editor_index(pl->ed), k->uid, k->rid);
		return at >= 0 && p->sessions[at].start == start ? at : -1;
	}
	for (i = programme_first_from(p, start);
	     i < p->nsessions && p->sessions[i].start == start; i++)
		if (p->sessions[i].recurrence_id == k->rid &&
		    strcmp(p->sessions[i].uid, k->uid) == 0)
			return (long)i;
	return -1;
}

struct zones {
	struct {
		dais_time lo, hi;
	} * v;
	size_t n, cap;
};

static void
zone_add(struct zones *z, dais_time lo, dais_time hi)
{
	XGROW(z->v, z->n, z->cap);
	z->v[z->n].lo = lo;
	z->v[z->n].hi = hi;
	z->n++;
}

static bool
in_zones(const struct zones *z, dais_time start, dais_time end)
{
	size_t i;

	for (i = 0; i < z->n; i++)
		if (start <= z->v[i].hi && end >= z->v[i].lo)
			return true;
	return false;
}

/* Whether [lo, hi] lies inside one zone widened by margin (one zone: the
 * sessions checked around it are known to be all there are). */
static bool
within_zones(const struct zones *z, dais_time lo, dais_time hi,
             dais_time margin)
{
	size_t i;

	for (i = 0; i < z->n; i++)
		if (lo >= z->v[i].lo - margin && hi <= z->v[i].hi + margin)
			return true;
	return false;
}

/*
 * An over-committed delegation is a stretch of sessions chained by
 * overlaps, which can run far from the edit. Widens the zones to every
 * old such conflict they touch, until none is left half in; returns
 * whether they grew. `done` marks the conflicts already taken in.
 */
static bool
widen_old(const struct planner *pl, struct zones *z, unsigned char *done)
{
	bool grew = false, again = true;
	size_t i, j;

	while (again) {
		again = false;
		for (i = 0; i < pl->checked.list.n; i++) {
			const struct conflict_extra *x = &pl->checked.extra[i];
			dais_time lo, hi;
			bool touched = false;

			if (done[i] || pl->checked.list.v[i].kind !=
			                   CONFLICT_DELEGATION_OVER_COMMITTED)
				continue;
			for (j = 0; j < x->n && !touched; j++)
				touched = in_zones(z, x->starts[j], x->ends[j]);
			if (!touched)
				continue;
			lo = pl->checked.list.v[i].start;
			hi = pl->checked.list.v[i].end;
			for (j = 0; j < x->n; j++) {
				if (x->starts[j] < lo)
					lo = x->starts[j];
				if (x->ends[j] > hi)
					hi = x->ends[j];
			}
			zone_add(z, lo - pl->checked.reach,
			         hi + pl->checked.reach);
			done[i] = 1;
			grew = again = true;
		}
	}
	return grew;
}

static int
pos_cmp(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/* The rooms, participants and groups the changed sessions name. */
struct rkeys {
	struct {
		enum index_key kind;
		const char *id;
	} * v;
	size_t n, cap;
	const struct edit_event *ev;
};

static void
rkeys_add(struct rkeys *k, enum index_key kind, const char *id)
{
	size_t i;

	if (id == NULL)
		return;
	for (i = 0; i < k->n; i++)
		if (k->v[i].kind == kind && strcmp(k->v[i].id, id) == 0)
			return;
	XGROW(k->v, k->n, k->cap);
	k->v[k->n].kind = kind;
	k->v[k->n].id = id;
	k->n++;
}

static void
rkeys_of(struct rkeys *k, const struct programme *p, const struct session *s)
{
	size_t i;

	rkeys_add(k, INDEX_ROOM, s->room_id);
	for (i = 0; i < s->nassign; i++) {
		const char *id = s->assign[i].participant_id;
		const struct participant *x = programme_find_participant(p, id);

		rkeys_add(k, INDEX_PARTICIPANT, id);
		if (x != NULL && participant_is_group(x))
			rkeys_add(k, INDEX_GROUP, x->id);
		if (x != NULL && x->delegation != NULL)
			rkeys_add(k, INDEX_GROUP, x->delegation);
	}
}

static bool
rkeys_changed(const struct rkeys *k, const char *uid, dais_time rid)
{
	size_t i;

	for (i = 0; i < k->ev->ndeltas; i++) {
		const struct session *s = k->ev->deltas[i].after
		                              ? k->ev->deltas[i].after
		                              : k->ev->deltas[i].before;

		if (s->recurrence_id == rid && strcmp(s->uid, uid) == 0)
			return true;
	}
	return false;
}

/* Whether a conflict about room_id or participant_id, or involving a
 * changed session, can have changed; everything can without keys. */
static bool
rkeys_related(const struct rkeys *k, const char *room_id,
              const char *participant_id, const struct session_key *keys,
              const struct programme *p, const size_t *sessions, size_t n)
{
	size_t i;

	if (k == NULL)
		return true;
	for (i = 0; i < k->n; i++) {
		const char *id =
		    k->v[i].kind == INDEX_ROOM ? room_id : participant_id;

		if (id != NULL && strcmp(id, k->v[i].id) == 0)
			return true;
	}
	for (i = 0; i < n; i++) {
		if (keys != NULL && rkeys_changed(k, keys[i].uid, keys[i].rid))
			return true;
		if (keys == NULL &&
		    rkeys_changed(k, p->sessions[sessions[i]].uid,
		                  p->sessions[sessions[i]].recurrence_id))
			return true;
	}
	return false;
}

static bool
sub_related(const struct rkeys *k, const struct programme *p,
            const struct conflict *c)
{
	return rkeys_related(k, c->room_id, c->participant_id, NULL, p,
	                     c->sessions, c->nsessions);
}

/* The positions of the sessions of the keys around the zones, and of the
 * changed sessions themselves, sorted. */
static size_t
near_by_keys(const struct planner *pl, const struct rkeys *k,
             const struct zones *z, dais_time margin, size_t **out)
{
	const struct session_index *x = editor_index(pl->ed);
	struct index_hits hits = {0};
	size_t i, j, n = 0;
	long at;

	for (i = 0; i < z->n; i++)
		for (j = 0; j < k->n; j++)
			session_index_near(x, k->v[j].kind, k->v[j].id,
			                   z->v[i].lo - margin,
			                   z->v[i].hi + margin, &hits);
	for (i = 0; i < k->ev->ndeltas; i++)
		if (k->ev->deltas[i].after != NULL &&
		    (at = session_index_find(
		         x, k->ev->deltas[i].after->uid,
		         k->ev->deltas[i].after->recurrence_id)) >= 0) {
			XGROW(hits.v, hits.n, hits.cap);
			hits.v[hits.n++] = (size_t)at;
		}
	if (hits.n > 1)
		qsort(hits.v, hits.n, sizeof *hits.v, pos_cmp);
	for (i = 0; i < hits.n; i++)
		if (n == 0 || hits.v[n - 1] != hits.v[i])
			hits.v[n++] = hits.v[i];
	*out = hits.v != NULL ? hits.v : xcalloc(1, sizeof(size_t));
	return n;
}

/*
 * Runs the engine on every session that can be in a conflict with one in
 * the zones. Returns false (the zones widened) when an over-committed
 * stretch found reaches the edge of what was checked, so that the caller
 * runs it again.
 */
static bool
check_near(const struct planner *pl, const struct rkeys *k, struct zones *z,
           struct conflict_list *sub, size_t **map_out)
{
	const struct programme *p = pl->p;
	dais_time margin = pl->checked.reach + pl->checked.longest;
	unsigned char *taken;
	size_t *map, i, j, n = 0, nz = z->n;
	bool whole = true;

	if (k != NULL) {
		n = near_by_keys(pl, k, z, margin, &map);
		conflict_check_among(p, map, n, NULL, sub);
		for (i = 0; i < sub->n; i++) {
			struct conflict *c = &sub->v[i];

			if (c->kind == CONFLICT_DELEGATION_OVER_COMMITTED &&
			    sub_related(k, p, c) &&
			    !within_zones(z, c->start - 60, c->end + 60,
			                  margin)) {
				zone_add(z, c->start - pl->checked.reach,
				         c->end + pl->checked.reach);
				whole = false;
			}
		}
		*map_out = map;
		return whole;
	}
	taken = xcalloc(p->nsessions + 1, 1);
	for (i = 0; i < nz; i++)
		for (j = programme_first_from(p, z->v[i].lo - margin -
		                                     pl->checked.longest);
		     j < p->nsessions &&
		     p->sessions[j].start <= z->v[i].hi + margin;
		     j++)
			if (p->sessions[j].end >= z->v[i].lo - margin &&
			    !taken[j]) {
				taken[j] = 1;
				n++;
			}
	map = xcalloc(n + 1, sizeof *map);
	n = 0;
	for (i = 0; i < p->nsessions; i++)
		if (taken[i])
			map[n++] = i;
	/* The registries cut to these sessions: the cost is theirs. */
	conflict_check_among(p, map, n, NULL, sub);
	for (i = 0; i < sub->n; i++) {
		struct conflict *c = &sub->v[i];

		/* Sessions that would carry the stretch on past what was
		 * checked are there only if it ends inside it. */
		if (c->kind == CONFLICT_DELEGATION_OVER_COMMITTED &&
		    !within_zones(z, c->start - 60, c->end + 60, margin)) {
			zone_add(z, c->start - pl->checked.reach,
			         c->end + pl->checked.reach);
			whole = false;
		}
	}
	free(taken);
	*map_out = map;
	return whole;
}

static void
list_free(struct conflict_list *l)
{
	conflict_list_clear(l);
}

void
recheck_after(struct planner *pl, const struct edit_event *ev)
{
	const struct programme *p = pl->p;
	struct conflict_list next = {0}, sub = {0};
	struct conflict_extra *nextx;
	struct zones z = {0};
	struct rkeys keys = {0}, *k = NULL;
	unsigned char *done;
	size_t *map = NULL, i, j;

	/* A registry entry's change reaches every session of its room or
	 * participant: checked whole. */
	if (ev->ndeltas > RECHECK_MAX_DELTAS || ev->nregistry > 0 ||
	    pl->checked.extra == NULL) {
		recheck_full(pl);
		return;
	}
	if (pl->ed != NULL) {
		k = &keys;
		k->ev = ev;
		for (i = 0; i < ev->ndeltas; i++) {
			if (ev->deltas[i].before != NULL)
				rkeys_of(k, p, ev->deltas[i].before);
			if (ev->deltas[i].after != NULL)
				rkeys_of(k, p, ev->deltas[i].after);
		}
	}
	/* The zones the edit can have changed conflicts in. */
	for (i = 0; i < ev->ndeltas; i++) {
		const struct session *s[2] = {ev->deltas[i].before,
		                              ev->deltas[i].after};

		for (j = 0; j < 2; j++) {
			if (s[j] == NULL)
				continue;
			if (s[j]->end - s[j]->start > pl->checked.longest)
				pl->checked.longest = s[j]->end - s[j]->start;
			zone_add(&z, s[j]->start - pl->checked.reach,
			         s[j]->end + pl->checked.reach);
		}
	}
	/* Widen them until every over-committed stretch is wholly in or
	 * wholly out, old and new alike. */
	done = xcalloc(pl->checked.list.n + 1, 1);
	for (;;) {
		widen_old(pl, &z, done);
		free(map);
		map = NULL;
		if (check_near(pl, k, &z, &sub, &map) &&
		    !widen_old(pl, &z, done))
			break;
		list_free(&sub);
	}
	free(done);
	free(map);

	/* The old conflicts away from the zones must all be found again; if
	 * one is not, the bookkeeping is wrong: start again from scratch. */
	for (i = 0; i < pl->checked.list.n; i++) {
		struct conflict_extra *x = &pl->checked.extra[i];
		bool touched = false;

		for (j = 0; j < x->n && !touched; j++)
			touched = in_zones(&z, x->starts[j], x->ends[j]);
		touched = touched && rkeys_related(k, x->room, x->participant,
		                                   x->keys, p, NULL, x->n);
		for (j = 0; j < x->n && !touched; j++)
			if (find(pl, &x->keys[j], x->starts[j]) < 0) {
				free(keys.v);
				free(z.v);
				list_free(&sub);
				recheck_full(pl);
				return;
			}
	}
	/* Keep those, with their sessions' new indexes; drop the rest. */
	next.cap = pl->checked.list.n + sub.n + 8;
	next.v = xcalloc(next.cap, sizeof *next.v);
	nextx = xcalloc(next.cap, sizeof *nextx);
	for (i = 0; i < pl->checked.list.n; i++) {
		struct conflict *c = &pl->checked.list.v[i];
		struct conflict_extra *x = &pl->checked.extra[i];
		bool touched = false;

		for (j = 0; j < x->n && !touched; j++)
			touched = in_zones(&z, x->starts[j], x->ends[j]);
		touched = touched && rkeys_related(k, x->room, x->participant,
		                                   x->keys, p, NULL, x->n);
		if (touched) {
			free(c->sessions);
			free(c->message);
			extra_free(x);
			continue;
		}
		for (j = 0; j < x->n; j++)
			c->sessions[j] =
			    (size_t)find(pl, &x->keys[j], x->starts[j]);
		next.v[next.n] = *c;
		nextx[next.n] = *x;
		next.n++;
	}
	free(pl->checked.list.v);
	free(pl->checked.extra);
	memset(&pl->checked.list, 0, sizeof pl->checked.list);
	/* Add the new ones that involve the zones. */
	for (i = 0; i < sub.n; i++) {
		struct conflict *c = &sub.v[i];
		bool touches = false;

		for (j = 0; j < c->nsessions && !touches; j++)
			touches =
			    in_zones(&z, p->sessions[c->sessions[j]].start,
			             p->sessions[c->sessions[j]].end);
		if (!touches || !sub_related(k, p, c)) {
			free(c->sessions);
			free(c->message);
			continue;
		}
		next.v[next.n] = *c;
		memset(&nextx[next.n], 0, sizeof *nextx);
		extra_fill(p, &next.v[next.n], &nextx[next.n]);
		next.n++;
	}
	free(sub.v);
	free(z.v);
	free(keys.v);
	pl->checked.list = next;
	pl->checked.extra = nextx;
	derive(pl);
}
