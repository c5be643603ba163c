/*
 * schedule_model.c: dais schedule's candidates (slots_find per request,
 * interchangeable rooms as classes), whether two can both be placed, and
 * the rows of the integer program (schedule.c's top says the model).
 */
#include <glpk.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dais/session_index.h"
#include "dais/slots.h"
#include "dais/strbuf.h"
#include "dais/xalloc.h"
#include "schedule_internal.h"

void
sched_rows_begin(struct rows *r, int type, double rhs)
{
	XGROW(r->type, r->n, r->caprows);
	r->rhs = xreallocarray(r->rhs, r->caprows, sizeof *r->rhs);
	r->type[r->n] = type;
	r->rhs[r->n] = rhs;
	r->n++;
}

/* A coefficient in row `row` (1-based). */
static void
rows_put(struct rows *r, int row, int col, double coef)
{
	if (r->nnz + 2 > r->cap) {
		r->cap = r->cap ? 2 * r->cap : 1024;
		r->ia = xreallocarray(r->ia, r->cap, sizeof *r->ia);
		r->ja = xreallocarray(r->ja, r->cap, sizeof *r->ja);
		r->ar = xreallocarray(r->ar, r->cap, sizeof *r->ar);
	}
	r->nnz++;
	r->ia[r->nnz] = row;
	r->ja[r->nnz] = col;
	r->ar[r->nnz] = coef;
}

/* A coefficient in the row begun last. */
void
sched_rows_add(struct rows *r, int col, double coef)
{
	rows_put(r, (int)r->n, col, coef);
}

void
sched_rows_free(struct rows *r)
{
	free(r->ia);
	free(r->ja);
	free(r->ar);
	free(r->type);
	free(r->rhs);
}

bool
sched_enabled(const struct programme *p, enum conflict_kind k)
{
	return p->conf.severity[k] != SEVERITY_OFF;
}

/* A group whose delegates are counted: itself, or a person's delegation. */
static const struct participant *
limited(const struct programme *p, const struct participant *x)
{
	if (x == NULL)
		return NULL;
	if (!participant_is_group(x))
		x = x->delegation ? programme_find_participant(p, x->delegation)
		                  : NULL;
	return x != NULL && participant_is_group(x) && x->delegates > 0 ? x
	                                                                : NULL;
}

static bool
has_ptr(const struct participant *const *v, size_t n,
        const struct participant *x)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i] == x)
			return true;
	return false;
}

void
sched_ask_parties(struct ctx *k, const struct request *r, struct ask *a)
{
	size_t i;

	a->people = xcalloc(r->parties.n + 1, sizeof *a->people);
	a->groups = xcalloc(2 * r->parties.n + 1, sizeof *a->groups);
	for (i = 0; i < r->parties.n; i++) {
		const struct participant *x =
		    programme_find_participant(k->p, r->parties.v[i]);
		const struct participant *g[2];
		int j;

		if (x == NULL)
			continue;
		if (!participant_is_group(x))
			a->people[a->npeople++] = x;
		g[0] = participant_is_group(x) ? limited(k->p, x) : NULL;
		g[1] = x->delegation ? limited(k->p, programme_find_participant(
		                                         k->p, x->delegation))
		                     : NULL;
		for (j = 0; j < 2; j++)
			if (g[j] != NULL &&
			    !has_ptr(a->groups, a->ngroups, g[j]))
				a->groups[a->ngroups++] = g[j];
	}
}

static bool
same_building(const struct room *a, const struct room *b)
{
	if (a->building == NULL || b->building == NULL)
		return a->building == b->building;
	return strcmp(a->building, b->building) == 0;
}

/* ---- Classes of interchangeable rooms ----------------------------------- */

static bool
same_set(const struct strlist *a, const struct strlist *b)
{
	size_t i;

	if (a->n != b->n)
		return false;
	for (i = 0; i < a->n; i++)
		if (!strlist_has(b, a->v[i]))
			return false;
	return true;
}

/* Whether room r is free of live sessions and named by no request. */
static bool
room_plain(const struct ctx *k, const struct room *r)
{
	struct index_hits h = {0};
	size_t i, j;
	bool plain = true;

	for (i = 0; i < k->reqs->n && plain; i++)
		for (j = 0; j < k->reqs->v[i].rooms.n && plain; j++)
			plain = strcmp(k->reqs->v[i].rooms.v[j], r->id) != 0;
	if (plain)
		session_index_near(k->x, INDEX_ROOM, r->id,
		                   -((dais_time)1 << 50), (dais_time)1 << 50,
		                   &h);
	for (i = 0; i < h.n && plain; i++)
		plain = k->p->sessions[h.v[i]].status == SESSION_CANCELLED;
	index_hits_clear(&h);
	return plain;
}

void
sched_room_classes(struct ctx *k)
{
	const struct programme *p = k->p;
	bool *plain = xcalloc(p->nrooms + 1, sizeof *plain);
	size_t i, j;

	k->rep = xcalloc(p->nrooms + 1, sizeof *k->rep);
	k->class_size = xcalloc(p->nrooms + 1, sizeof *k->class_size);
	for (i = 0; i < p->nrooms; i++)
		plain[i] = room_plain(k, &p->rooms[i]);
	for (i = 0; i < p->nrooms; i++) {
		const struct room *r = &p->rooms[i];

		k->rep[i] = r;
		for (j = 0; j < i && plain[i]; j++) {
			const struct room *o = &p->rooms[j];

			if (plain[j] && k->rep[j] == o && same_building(r, o) &&
			    r->capacity == o->capacity &&
			    same_set(&r->languages, &o->languages) &&
			    same_set(&r->kinds, &o->kinds)) {
				k->rep[i] = o;
				break;
			}
		}
		k->class_size[k->rep[i] - p->rooms]++;
	}
	free(plain);
}

size_t
sched_class_size(const struct ctx *k, const struct room *rep)
{
	return k->class_size[rep - k->p->rooms];
}

/* ---- Whether two candidates can both be placed --------------------------- */

static bool
share_person(const struct ask *a, const struct ask *b)
{
	size_t i;

	for (i = 0; i < a->npeople; i++)
		if (has_ptr(b->people, b->npeople, a->people[i]))
			return true;
	return false;
}

/* The pairwise rules: the same request, a room, a person. Groups are
 * counted separately (sched_group_fits). */
bool
sched_clash(const struct ctx *k, const struct cand *a, const struct cand *b)
{
	if (a->req == b->req)
		return true;
	if (k->room_rule && a->room == b->room &&
	    sched_class_size(k, a->room) == 1 && a->start < b->end + k->gap &&
	    b->start < a->end + k->gap)
		return true;
	if (share_person(&k->ask[a->req], &k->ask[b->req])) {
		const struct cand *first = a->start <= b->start ? a : b;
		const struct cand *then = first == a ? b : a;
		dais_time need = k->gap;

		if (k->person_rule && a->start < b->end && b->start < a->end)
			return true;
		if (k->tight && then->start >= first->end) {
			int walk = programme_walk_minutes(k->p, first->room,
			                                  then->room);

			if ((dais_time)walk * 60 > need)
				need = (dais_time)walk * 60;
			if (then->start - first->end < need)
				return true;
		}
	}
	return false;
}

/* Live sessions of group g in the programme covering instant t. */
static int
group_load(const struct ctx *k, const struct participant *g, dais_time t)
{
	struct index_hits h = {0};
	size_t i;
	int n = 0;

	session_index_near(k->x, INDEX_GROUP, g->id, t, t, &h);
	for (i = 0; i < h.n; i++) {
		const struct session *s = &k->p->sessions[h.v[i]];

		if (s->status == SESSION_CANCELLED)
			continue;
		if ((s->start <= t && t < s->end) ||
		    (s->start == s->end && s->start == t))
			n++;
	}
	index_hits_clear(&h);
	return n;
}

/* Whether candidate c fits the delegates of its groups beside `chosen`
 * (candidate indexes, n of them). */
bool
sched_group_fits(const struct ctx *k, const struct cand *c, const long *chosen,
                 size_t n)
{
	const struct ask *a = &k->ask[c->req];
	size_t gi, i, j;

	if (!k->group_rule)
		return true;
	for (gi = 0; gi < a->ngroups; gi++) {
		const struct participant *g = a->groups[gi];
		struct index_hits h = {0};
		dais_time *pts = xcalloc(n + 2, sizeof *pts);
		size_t npts = 0;
		bool ok = true;

		pts[npts++] = c->start;
		for (i = 0; i < n; i++) {
			const struct cand *o = &k->c[chosen[i]];

			if (o->start > c->start && o->start < c->end &&
			    has_ptr(k->ask[o->req].groups,
			            k->ask[o->req].ngroups, g))
				pts[npts++] = o->start;
		}
		session_index_near(k->x, INDEX_GROUP, g->id, c->start, c->end,
		                   &h);
		pts = xreallocarray(pts, npts + h.n + 1, sizeof *pts);
		for (i = 0; i < h.n; i++) {
			dais_time t = k->p->sessions[h.v[i]].start;

			if (t > c->start && t < c->end)
				pts[npts++] = t;
		}
		for (j = 0; j < npts && ok; j++) {
			int load = group_load(k, g, pts[j]) + 1;

			for (i = 0; i < n; i++) {
				const struct cand *o = &k->c[chosen[i]];

				if (o->start <= pts[j] && pts[j] < o->end &&
				    has_ptr(k->ask[o->req].groups,
				            k->ask[o->req].ngroups, g))
					load++;
			}
			ok = load <= g->delegates;
		}
		index_hits_clear(&h);
		free(pts);
		if (!ok)
			return false;
	}
	return true;
}

/* Whether candidate c fits its class of rooms beside `chosen`: at every
 * instant, no more meetings (with their changeover) than rooms. */
bool
sched_class_fits(const struct ctx *k, const struct cand *c, const long *chosen,
                 size_t n)
{
	size_t m = sched_class_size(k, c->room), i, j, load;

	if (m == 1 || !k->room_rule)
		return true;
	for (j = 0; j <= n; j++) {
		dais_time t = j == n ? c->start : k->c[chosen[j]].start;

		if (t < c->start || t >= c->end + k->gap ||
		    (j < n && k->c[chosen[j]].room != c->room))
			continue;
		load = 1;
		for (i = 0; i < n; i++) {
			const struct cand *o = &k->c[chosen[i]];

			load += o->room == c->room && o->start <= t &&
			        t < o->end + k->gap;
		}
		if (load > m)
			return false;
	}
	return true;
}

/* ---- Candidates --------------------------------------------------------- */

static void
add_candidates(struct ctx *k, size_t ri, const struct slot_result *res)
{
	struct ask *a = &k->ask[ri];
	size_t i, j;

	a->first = k->nc;
	for (i = 0; i < res->n; i++) {
		const struct slot_candidate *sc = &res->v[i];
		const struct room *room = k->rep[sc->room - k->p->rooms];
		struct cand *c;
		long o;

		/* Its (request, start, building): one of this request's. */
		for (j = k->ns; j-- > 0 && k->s[j].req == ri;)
			if (k->s[j].start == sc->start &&
			    same_building(k->s[j].room, room))
				break;
		if (j == (size_t)-1 || k->s[j].req != ri ||
		    k->s[j].start != sc->start ||
		    !same_building(k->s[j].room, room)) {
			XGROW(k->s, k->ns, k->caps);
			j = k->ns++;
			k->s[j].req = ri;
			k->s[j].start = sc->start;
			k->s[j].end = sc->end;
			k->s[j].room = room;
			k->s[j].first = -1;
		}
		/* One candidate per class of rooms at a start. */
		for (o = k->s[j].first; o >= 0; o = k->c[o].next)
			if (k->c[o].room == room)
				break;
		if (o >= 0)
			continue;
		XGROW(k->c, k->nc, k->capc);
		c = &k->c[k->nc++];
		memset(c, 0, sizeof *c);
		c->req = ri;
		c->start = sc->start;
		c->end = sc->end;
		c->room = room;
		c->walk = sc->walk;
		c->slot = j;
		c->next = k->s[j].first;
		k->s[j].first = (long)(k->nc - 1);
	}
	a->last = k->nc;
}

bool
sched_find_candidates(struct ctx *k, char **why)
{
	size_t ri;

	for (ri = 0; ri < k->reqs->n; ri++) {
		const struct request *r = &k->reqs->v[ri];
		struct ask *a = &k->ask[ri];
		struct slot_query q;
		struct slot_result res = {0};
		char *err = NULL;

		a->first = a->last = k->nc;
		if (!a->asked)
			continue;
		memset(&q, 0, sizeof q);
		q.with = (const char *const *)r->parties.v;
		q.nwith = r->parties.n;
		q.minutes = r->minutes;
		q.day = -1;
		q.rooms = (const char *const *)r->rooms.v;
		q.nrooms = r->rooms.n;
		q.kind = r->rooms.n > 0 ? REQUEST_SESSION_KIND : r->kind;
		q.expected = r->expected;
		q.languages = &r->languages;
		q.prefer = -1;
		q.earliest = r->earliest;
		q.latest = r->latest;
		q.session_rid = DAIS_TIME_NONE;
		q.rank_by_total_walk = true;
		if (!slots_find(k->x, &q, &res, &err)) {
			*why = xasprintf("%s:%d: [%s]: %s", k->reqs->path,
			                 r->line, r->id, err);
			free(err);
			slot_result_clear(&res);
			return false;
		}
		add_candidates(k, ri, &res);
		strlist_copy(&a->why_not, &res.why_not);
		slot_result_clear(&res);
	}
	return true;
}

/* ---- The integer program ------------------------------------------------ */

struct item {
	dais_time start, end; /* end: with the gap that applies */
	size_t req;
	int col;
	size_t slot; /* for a slot's item */
};

static int
item_cmp(const void *a, const void *b)
{
	const struct item *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->col - y->col;
}

/* Whether the active items come from two requests or more. */
static bool
two_requests(const struct item *v, const size_t *act, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++)
		if (v[act[i]].req != v[act[0]].req)
			return true;
	return false;
}

/*
 * The maximal cliques of the intervals v (sorted here): at each start, the
 * items covering it, at most `most` of them; a row is written when some
 * item of it ends before the next start (otherwise the next row holds it
 * all), and when it could be broken at all.
 */
static bool
worth(const struct item *v, const size_t *act, size_t n, size_t most)
{
	return n > most && (most > 1 || two_requests(v, act, n));
}

static void
clique_rows(struct rows *rows, struct item *v, size_t n, size_t most)
{
	size_t *act = xcalloc(n + 1, sizeof *act), *pend = NULL;
	size_t nact = 0, npend = 0, i = 0, j, w;

	if (n < 2) {
		free(act);
		return;
	}
	pend = xcalloc(n + 1, sizeof *pend);
	qsort(v, n, sizeof *v, item_cmp);
	while (i < n) {
		dais_time t = v[i].start;
		bool dropped = false;

		for (j = w = 0; j < nact; j++) {
			if (v[act[j]].end > t)
				act[w++] = act[j];
			else
				dropped = true;
		}
		nact = w;
		if (dropped && worth(v, pend, npend, most)) {
			sched_rows_begin(rows, GLP_UP, (double)most);
			for (j = 0; j < npend; j++)
				sched_rows_add(rows, v[pend[j]].col, 1);
		}
		for (; i < n && v[i].start == t; i++)
			act[nact++] = i;
		memcpy(pend, act, nact * sizeof *act);
		npend = nact;
	}
	if (worth(v, pend, npend, most)) {
		sched_rows_begin(rows, GLP_UP, (double)most);
		for (j = 0; j < npend; j++)
			sched_rows_add(rows, v[pend[j]].col, 1);
	}
	free(pend);
	free(act);
}

static int
time_cmp(const void *a, const void *b)
{
	const dais_time x = *(const dais_time *)a, y = *(const dais_time *)b;

	return x < y ? -1 : x > y;
}

/* Items grouped by a key (a room, a person, a group): pairs sorted. */
struct keyed {
	uintptr_t key;
	struct item it;
};

static int
keyed_cmp(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return item_cmp(&x->it, &y->it);
}

void
sched_room_rows(struct ctx *k, struct rows *rows)
{
	struct keyed *v = xcalloc(k->nc + 1, sizeof *v);
	struct item *run = xcalloc(k->nc + 1, sizeof *run);
	size_t i, lo, hi;

	for (i = 0; i < k->nc; i++) {
		v[i].key = (uintptr_t)k->c[i].room;
		v[i].it = (struct item){k->c[i].start, k->c[i].end + k->gap,
		                        k->c[i].req, k->c[i].col, 0};
	}
	qsort(v, k->nc, sizeof *v, keyed_cmp);
	for (lo = 0; lo < k->nc; lo = hi) {
		for (hi = lo; hi < k->nc && v[hi].key == v[lo].key; hi++)
			run[hi - lo] = v[hi].it;
		clique_rows(
		    rows, run, hi - lo,
		    sched_class_size(k, (const struct room *)v[lo].key));
	}
	free(run);
	free(v);
}

/* Every (participant, slot) pair: the people (groups false) or the groups
 * whose delegates count (groups true) of each slot's request. */
static struct keyed *
slots_by(struct ctx *k, bool groups, dais_time gap, size_t *n)
{
	struct keyed *v = NULL;
	size_t cap = 0, i, j;

	*n = 0;
	for (i = 0; i < k->ns; i++) {
		const struct ask *a = &k->ask[k->s[i].req];
		const struct participant *const *who =
		    groups ? a->groups : a->people;
		size_t nwho = groups ? a->ngroups : a->npeople;

		for (j = 0; j < nwho; j++) {
			XGROW(v, *n, cap);
			v[*n].key = (uintptr_t)who[j];
			v[*n].it =
			    (struct item){k->s[i].start, k->s[i].end + gap,
			                  k->s[i].req, k->s[i].col, i};
			(*n)++;
		}
	}
	if (*n > 1)
		qsort(v, *n, sizeof *v, keyed_cmp);
	return v;
}

void
sched_person_rows(struct ctx *k, struct rows *rows)
{
	size_t n, lo, hi, i, j;
	struct keyed *v = slots_by(k, false, k->gap, &n);
	struct item *run = xcalloc(n + 1, sizeof *run);

	for (lo = 0; lo < n; lo = hi) {
		for (hi = lo; hi < n && v[hi].key == v[lo].key; hi++)
			run[hi - lo] = v[hi].it;
		/* Walks longer than the changeover: pairs, in time order. */
		if (k->tight && k->max_walk * 60 > k->gap)
			for (i = lo; i < hi; i++)
				for (j = i + 1; j < hi; j++) {
					const struct slot *a, *b;
					dais_time walk, gap;

					a = &k->s[v[i].it.slot];
					b = &k->s[v[j].it.slot];
					if (b->start >=
					    a->end +
					        (dais_time)k->max_walk * 60)
						break;
					if (a->req == b->req ||
					    b->start < a->end + k->gap)
						continue;
					gap = b->start - a->end;
					walk =
					    (dais_time)programme_walk_minutes(
					        k->p, a->room, b->room) *
					    60;
					if (gap < walk) {
						sched_rows_begin(rows, GLP_UP,
						                 1);
						sched_rows_add(rows, a->col, 1);
						sched_rows_add(rows, b->col, 1);
					}
				}
		if (k->person_rule)
			clique_rows(rows, run, hi - lo, 1);
	}
	free(run);
	free(v);
}

/* At each instant the count can rise (a meeting's or a session's start),
 * the meetings covering it and the group's sessions there stay within
 * its delegates. */
void
sched_group_rows(struct ctx *k, struct rows *rows)
{
	size_t n, lo, hi, i, j;
	struct keyed *v = slots_by(k, true, 0, &n);

	for (lo = 0; lo < n; lo = hi) {
		const struct participant *g = (const void *)v[lo].key;
		struct index_hits h = {0};
		dais_time *pts, from, to;
		size_t npts = 0;

		for (hi = lo; hi < n && v[hi].key == v[lo].key; hi++)
			;
		from = v[lo].it.start;
		to = from;
		for (i = lo; i < hi; i++)
			if (v[i].it.end > to)
				to = v[i].it.end;
		session_index_near(k->x, INDEX_GROUP, g->id, from, to, &h);
		pts = xcalloc(hi - lo + h.n + 1, sizeof *pts);
		for (i = lo; i < hi; i++)
			if (i == lo || v[i].it.start != v[i - 1].it.start)
				pts[npts++] = v[i].it.start;
		for (i = 0; i < h.n; i++)
			pts[npts++] = k->p->sessions[h.v[i]].start;
		qsort(pts, npts, sizeof *pts, time_cmp);
		for (i = 0; i < npts; i++) {
			size_t cover = 0;
			int room;

			if (i > 0 && pts[i] == pts[i - 1])
				continue;
			for (j = lo; j < hi; j++)
				cover += v[j].it.start <= pts[i] &&
				         pts[i] < v[j].it.end;
			room = g->delegates - group_load(k, g, pts[i]);
			if ((long)cover <= room)
				continue;
			sched_rows_begin(rows, GLP_UP, room < 0 ? 0 : room);
			for (j = lo; j < hi; j++)
				if (v[j].it.start <= pts[i] &&
				    pts[i] < v[j].it.end)
					sched_rows_add(rows, v[j].it.col, 1);
		}
		free(pts);
		index_hits_clear(&h);
	}
	free(v);
}
