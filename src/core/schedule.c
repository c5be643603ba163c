/*
 * schedule.c: the bilateral requests placed by an integer program (GLPK).
 *
 * Candidates. Each request's (start, room) pairs come from slots_find
 * with no conflict allowed, so each alone is clean against the programme.
 * The program only has to keep the chosen ones apart from each other.
 *
 * Interchangeable rooms (room_classes) are one class: a request has one
 * candidate per class and start, and the rooms are given out after
 * solving (assign_rooms).
 *
 * The model. A 0-1 variable x per candidate; a y per (request, start,
 * building) equal to the sum of its x (the people of a request do not
 * care which room of a building it is in, so their constraints are
 * written on the few y instead of the many x; a y with one x is that x).
 * Rows:
 *  - each request at most once: sum of its y <= 1;
 *  - rooms: for each class and each start, the candidates in that class
 *    that cover it (with the changeover after them) sum to at most its
 *    rooms: the maximal cliques of an interval graph, so every pair that
 *    clashes is in some row, and rooms enough for every instant are
 *    rooms enough;
 *  - people: the same on y, per person, with the changeover; and a pair
 *    row for two meetings in different buildings closer than the walk;
 *  - groups: at every instant where the count can change, the meetings a
 *    group is in (it or a member) plus its sessions already there stay
 *    within its delegates.
 * The objective is the priority placed, times a unit larger than the sum
 * of every tie-break, minus the tie-breaks (steps of the grid after the
 * first start, plus minutes walked), so a plan never gives up priority
 * for an earlier hour.
 *
 * The LP bound shown is that of the priority alone, so it reads in the
 * same units as the plan: no plan places more. The search starts from the
 * better of the greedy plan and the relaxation rounded, and stops once
 * the priority is proved (watch_tree) or at the time limit.
 */
#include "dais/schedule.h"

#include <glpk.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dais/edit.h"
#include "dais/session_index.h"
#include "dais/slots.h"
#include "dais/strbuf.h"
#include "dais/xalloc.h"

/* ---- The pieces --------------------------------------------------------- */

struct cand {
	size_t req; /* index into the request list */
	dais_time start, end;
	const struct room *room;
	int walk;
	size_t slot; /* its (request, start, building) */
	long next;   /* the slot's next candidate, or -1 */
	int col;     /* GLPK column of x */
};

/* (request, start, building): what the people of a request see. */
struct slot {
	size_t req;
	dais_time start, end;
	const struct room *room; /* one room of the building, for walks */
	long first;              /* its first candidate */
	int col;                 /* GLPK column of y */
};

/* What the planner knows of one request. */
struct ask {
	bool asked;     /* placed by this run */
	long set_aside; /* its old session (replan), or -1 */
	enum session_status old_status;
	char *uid;                         /* the UID its session has or gets */
	const struct participant **people; /* the persons among its parties */
	size_t npeople;
	const struct participant **groups; /* groups whose delegates it uses */
	size_t ngroups;
	size_t first, last; /* its candidates: [first, last) of ctx.c */
	long chosen;        /* the candidate placed, or -1 */
	struct strlist why_not;
};

struct ctx {
	struct programme *p;
	const struct request_list *reqs;
	const struct schedule_options *o;
	struct session_index *x;
	struct ask *ask;
	struct cand *c;
	size_t nc, capc;
	struct slot *s;
	size_t ns, caps;
	bool room_rule, person_rule, group_rule, tight;
	dais_time gap; /* changeover, seconds, when tight changeovers count */
	int max_walk;
	/*
	 * Rooms that no request names, alike in building, seats, booths and
	 * kinds, and with no session in them, are interchangeable: a class.
	 * A candidate names its class's first room; the program counts the
	 * class's meetings at each instant against its size (an interval
	 * graph: that many rooms always suffice), and assign_rooms picks the
	 * rooms afterwards. Every other room is a class of its own.
	 */
	const struct room **rep; /* per room: its class's first room */
	size_t *class_size;      /* per room, for the first of a class */
};

/* A constraint row under construction. */
struct rows {
	int *ia, *ja; /* 1-based, as glp_load_matrix wants */
	double *ar;
	size_t nnz, cap;
	int *type;
	double *rhs;
	size_t n, caprows;
};

static void
rows_begin(struct rows *r, int type, double rhs)
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
static void
rows_add(struct rows *r, int col, double coef)
{
	rows_put(r, (int)r->n, col, coef);
}

static void
rows_free(struct rows *r)
{
	free(r->ia);
	free(r->ja);
	free(r->ar);
	free(r->type);
	free(r->rhs);
}

static bool
enabled(const struct programme *p, enum conflict_kind k)
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

static void
ask_parties(struct ctx *k, const struct request *r, struct ask *a)
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

static void
room_classes(struct ctx *k)
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

static size_t
class_size(const struct ctx *k, const struct room *rep)
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
 * counted separately (group_fits). */
static bool
clash(const struct ctx *k, const struct cand *a, const struct cand *b)
{
	if (a->req == b->req)
		return true;
	if (k->room_rule && a->room == b->room && class_size(k, a->room) == 1 &&
	    a->start < b->end + k->gap && b->start < a->end + k->gap)
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
static bool
group_fits(const struct ctx *k, const struct cand *c, const long *chosen,
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
static bool
class_fits(const struct ctx *k, const struct cand *c, const long *chosen,
           size_t n)
{
	size_t m = class_size(k, c->room), i, j, load;

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

static bool
find_candidates(struct ctx *k, char **why)
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
			rows_begin(rows, GLP_UP, (double)most);
			for (j = 0; j < npend; j++)
				rows_add(rows, v[pend[j]].col, 1);
		}
		for (; i < n && v[i].start == t; i++)
			act[nact++] = i;
		memcpy(pend, act, nact * sizeof *act);
		npend = nact;
	}
	if (worth(v, pend, npend, most)) {
		rows_begin(rows, GLP_UP, (double)most);
		for (j = 0; j < npend; j++)
			rows_add(rows, v[pend[j]].col, 1);
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

static void
room_rows(struct ctx *k, struct rows *rows)
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
		clique_rows(rows, run, hi - lo,
		            class_size(k, (const struct room *)v[lo].key));
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

static void
person_rows(struct ctx *k, struct rows *rows)
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
						rows_begin(rows, GLP_UP, 1);
						rows_add(rows, a->col, 1);
						rows_add(rows, b->col, 1);
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
static void
group_rows(struct ctx *k, struct rows *rows)
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
			rows_begin(rows, GLP_UP, room < 0 ? 0 : room);
			for (j = lo; j < hi; j++)
				if (v[j].it.start <= pts[i] &&
				    pts[i] < v[j].it.end)
					rows_add(rows, v[j].it.col, 1);
		}
		free(pts);
		index_hits_clear(&h);
	}
	free(v);
}

static double
now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* How late and how far: the tie-break of candidate c, the steps of the
 * grid since the first candidate plus the minutes walked. Small numbers
 * keep the program well conditioned. */
static double
penalty(const struct ctx *k, const struct cand *c, dais_time origin)
{
	dais_time step =
	    (dais_time)(k->p->conf.step > 0 ? k->p->conf.step : 15) * 60;

	return (double)((c->start - origin) / step) + c->walk;
}

/* Requests by priority, highest first, then in file order. */
static const struct request_list *greedy_reqs;

static int
greedy_cmp(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int px = greedy_reqs->v[x].priority, py = greedy_reqs->v[y].priority;

	if (px != py)
		return py - px;
	return x < y ? -1 : x > y;
}

/*
 * Takes the candidates in `order` (n of them) one by one, each when its
 * request has none yet and it fits beside those taken: pick[request] is
 * the one taken, or -1. Returns the priority placed.
 */
static int
fit_in_order(const struct ctx *k, const long *order, size_t n, long *pick)
{
	long *chosen = xcalloc(k->reqs->n + 1, sizeof *chosen);
	size_t nchosen = 0, i, j;
	int priority = 0;

	for (i = 0; i < k->reqs->n; i++)
		pick[i] = -1;
	for (i = 0; i < n; i++) {
		const struct cand *c = &k->c[order[i]];

		if (pick[c->req] >= 0)
			continue;
		for (j = 0; j < nchosen; j++)
			if (clash(k, c, &k->c[chosen[j]]))
				break;
		if (j < nchosen || !group_fits(k, c, chosen, nchosen) ||
		    !class_fits(k, c, chosen, nchosen))
			continue;
		pick[c->req] = order[i];
		chosen[nchosen++] = order[i];
		priority += k->reqs->v[c->req].priority;
	}
	free(chosen);
	return priority;
}

/* The baseline: requests by priority, each at its first candidate in the
 * slot search's ranking that fits. */
static int
greedy(const struct ctx *k, long *pick)
{
	size_t *order = xcalloc(k->reqs->n + 1, sizeof *order);
	long *cands = xcalloc(k->nc + 1, sizeof *cands);
	size_t n = 0, i, ci;
	int priority;

	for (i = 0; i < k->reqs->n; i++)
		order[i] = i;
	greedy_reqs = k->reqs;
	qsort(order, k->reqs->n, sizeof *order, greedy_cmp);
	for (i = 0; i < k->reqs->n; i++)
		for (ci = k->ask[order[i]].first; ci < k->ask[order[i]].last;
		     ci++)
			cands[n++] = (long)ci;
	priority = fit_in_order(k, cands, n, pick);
	free(cands);
	free(order);
	return priority;
}

/* LP rounding: candidates by their value in the relaxation, then by
 * priority, then in the slot search's order. */
static const double *round_value;
static const struct ctx *round_ctx;

static int
round_cmp(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	int px = round_ctx->reqs->v[round_ctx->c[x].req].priority;
	int py = round_ctx->reqs->v[round_ctx->c[y].req].priority;

	if (round_value[x] != round_value[y])
		return round_value[x] > round_value[y] ? -1 : 1;
	if (px != py)
		return py - px;
	return x < y ? -1 : x > y;
}

static int
lp_rounding(const struct ctx *k, const double *value, long *pick)
{
	long *order = xcalloc(k->nc + 1, sizeof *order);
	size_t i;
	int priority;

	for (i = 0; i < k->nc; i++)
		order[i] = (long)i;
	round_value = value;
	round_ctx = k;
	qsort(order, k->nc, sizeof *order, round_cmp);
	priority = fit_in_order(k, order, k->nc, pick);
	free(order);
	return priority;
}

/*
 * The search stops once no plan can place more priority than the best
 * found: the bound is below the next whole priority (the tie-breaks of
 * a whole plan are worth less than one). Finer tie-breaks are left
 * to what the search found by then, so the run takes as long as proving
 * the priority, not the hour of every meeting.
 */
struct watch {
	double unit;
	bool proved;
	const double *start; /* the greedy plan, a first incumbent */
	bool started;
};

static void
watch_tree(glp_tree *t, void *arg)
{
	struct watch *w = arg;
	glp_prob *lp = glp_ios_get_prob(t);
	int reason = glp_ios_reason(t), node;
	double best, bound, priority;

	if (reason == GLP_IHEUR && !w->started) {
		w->started = true;
		glp_ios_heur_sol(t, w->start);
		return;
	}
	if (reason != GLP_ISELECT && reason != GLP_IBINGO)
		return;
	node = glp_ios_best_node(t);
	if (node == 0 || glp_mip_status(lp) != GLP_FEAS)
		return;
	best = glp_mip_obj_val(lp);
	bound = glp_ios_node_bound(t, node);
	/* The plan's priority: its objective rounded up to a whole unit. */
	priority = (double)(long long)(best / w->unit);
	if (priority * w->unit < best - 1e-6)
		priority += 1;
	if (bound < priority * w->unit + 0.5) {
		w->proved = true;
		glp_ios_terminate(t);
	}
}

static bool
solve(struct ctx *k, const long *greedy_chosen, int greedy_priority,
      struct schedule_result *out, char **why)
{
	struct rows rows = {0};
	glp_prob *lp;
	glp_smcp smcp;
	glp_iocp iocp;
	struct watch watch;
	double *start = NULL;
	dais_time origin = k->nc > 0 ? k->c[0].start : 0;
	double unit = 1, worst;
	int ret, status;
	size_t i, ri, ny = 0;
	bool ok = false;

	for (i = 0; i < k->nc; i++)
		if (k->c[i].start < origin)
			origin = k->c[i].start;
	/* Columns: x 1..nc, then the y of slots with more than one x (a
	 * slot with one is that x), each with its row y - sum of x = 0. */
	for (i = 0; i < k->nc; i++)
		k->c[i].col = (int)i + 1;
	for (i = 0; i < k->ns; i++) {
		struct slot *s = &k->s[i];
		long o;

		if (k->c[s->first].next < 0) {
			s->col = k->c[s->first].col;
			continue;
		}
		s->col = (int)(k->nc + ++ny);
		rows_begin(&rows, GLP_FX, 0);
		rows_add(&rows, s->col, 1);
		for (o = s->first; o >= 0; o = k->c[o].next)
			rows_add(&rows, k->c[o].col, -1);
	}
	for (ri = 0; ri < k->reqs->n; ri++) {
		const struct ask *a = &k->ask[ri];
		size_t first = SIZE_MAX, n = 0;

		for (i = 0; i < k->ns; i++)
			if (k->s[i].req == ri) {
				if (first == SIZE_MAX)
					first = i;
				n++;
			}
		if (!a->asked || n < 2)
			continue;
		rows_begin(&rows, GLP_UP, 1);
		for (i = first; i < first + n; i++)
			rows_add(&rows, k->s[i].col, 1);
	}
	if (k->room_rule)
		room_rows(k, &rows);
	person_rows(k, &rows);
	if (k->group_rule)
		group_rows(k, &rows);
	out->ncandidates = k->nc;
	out->nrows = rows.n;
	if (k->nc == 0) {
		rows_free(&rows);
		out->optimal = true;
		return true;
	}

	/* Tie-breaks summed over every request stay below one priority. */
	for (ri = 0; ri < k->reqs->n; ri++) {
		const struct ask *a = &k->ask[ri];

		worst = 0;
		for (i = a->first; i < a->last; i++) {
			double pen = penalty(k, &k->c[i], origin);

			if (pen > worst)
				worst = pen;
		}
		unit += worst;
	}

	glp_term_out(GLP_OFF);
	lp = glp_create_prob();
	glp_set_obj_dir(lp, GLP_MAX);
	glp_add_cols(lp, (int)(k->nc + ny));
	for (i = 0; i < k->nc; i++) {
		glp_set_col_kind(lp, k->c[i].col, GLP_BV);
		glp_set_obj_coef(lp, k->c[i].col,
		                 k->reqs->v[k->c[i].req].priority);
	}
	for (i = 0; i < ny; i++)
		glp_set_col_bnds(lp, (int)(k->nc + i + 1), GLP_DB, 0, 1);
	glp_add_rows(lp, (int)rows.n);
	for (i = 0; i < rows.n; i++)
		glp_set_row_bnds(lp, (int)i + 1, rows.type[i], rows.rhs[i],
		                 rows.rhs[i]);
	glp_load_matrix(lp, (int)rows.nnz, rows.ia, rows.ja, rows.ar);
	rows_free(&rows);

	/* The bound, in priority; its basis is where the plan's search
	 * starts. */
	glp_init_smcp(&smcp);
	smcp.msg_lev = GLP_MSG_OFF;
	glp_adv_basis(lp, 0);
	ret = glp_simplex(lp, &smcp);
	if (ret != 0 || glp_get_status(lp) != GLP_OPT) {
		*why = xasprintf("the solver (GLPK %s) could not solve the "
		                 "relaxation (code %d)",
		                 glp_version(), ret);
		goto out;
	}
	out->lp_bound = glp_get_obj_val(lp);

	/* The plan, with the tie-breaks. */
	for (i = 0; i < k->nc; i++)
		glp_set_obj_coef(lp, k->c[i].col,
		                 k->reqs->v[k->c[i].req].priority * unit -
		                     penalty(k, &k->c[i], origin));
	ret = glp_simplex(lp, &smcp);
	if (ret != 0 || glp_get_status(lp) != GLP_OPT) {
		*why = xasprintf("the solver (GLPK %s) could not solve the "
		                 "relaxation (code %d)",
		                 glp_version(), ret);
		goto out;
	}
	/* The first incumbent: the relaxation rounded, or the greedy
	 * plan when that is better; a time limit never leaves less. */
	{
		double *value = xcalloc(k->nc + 1, sizeof *value);
		long *pick = xcalloc(k->reqs->n + 1, sizeof *pick);
		const long *best = greedy_chosen;

		for (i = 0; i < k->nc; i++)
			value[i] = glp_get_col_prim(lp, k->c[i].col);
		if (lp_rounding(k, value, pick) > greedy_priority)
			best = pick;
		start = xcalloc(k->nc + ny + 1, sizeof *start);
		for (ri = 0; ri < k->reqs->n; ri++)
			if (best[ri] >= 0) {
				const struct cand *c = &k->c[best[ri]];

				start[c->col] = 1;
				start[k->s[c->slot].col] = 1;
			}
		free(pick);
		free(value);
	}
	glp_init_iocp(&iocp);
	watch.start = start;
	watch.started = false;
	watch.unit = unit;
	watch.proved = false;
	iocp.cb_func = watch_tree;
	iocp.cb_info = &watch;
	iocp.msg_lev = GLP_MSG_OFF;
	if (k->o->time_limit > 0)
		iocp.tm_lim = (int)(k->o->time_limit * 1000);
	ret = glp_intopt(lp, &iocp);
	status = glp_mip_status(lp);
	if ((ret != 0 && ret != GLP_ETMLIM && ret != GLP_ESTOP) ||
	    (status != GLP_OPT && status != GLP_FEAS)) {
		*why = xasprintf("the solver (GLPK %s) found no plan (code "
		                 "%d, status %d)",
		                 glp_version(), ret, status);
		goto out;
	}
	out->optimal = (ret == 0 && status == GLP_OPT) || watch.proved;
	for (i = 0; i < k->nc; i++)
		if (glp_mip_col_val(lp, k->c[i].col) > 0.5)
			k->ask[k->c[i].req].chosen = (long)i;
	ok = true;
out:
	free(start);
	glp_delete_prob(lp);
	return ok;
}

static int
cand_start_cmp(const void *a, const void *b, void *arg)
{
	const struct cand *c = arg;
	const struct cand *x = &c[*(const long *)a], *y = &c[*(const long *)b];

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->req < y->req ? -1 : x->req > y->req;
}

/*
 * The rooms of each class for its chosen meetings, in order of start:
 * each takes a room free by then (with the changeover). The program kept
 * the meetings at every instant within the class's size, so one always
 * is (interval partitioning).
 */
static void
assign_rooms(struct ctx *k)
{
	const struct programme *p = k->p;
	long *v = xcalloc(k->reqs->n + 1, sizeof *v);
	dais_time *free_from = xcalloc(p->nrooms + 1, sizeof *free_from);
	size_t r, i, j, n;

	for (r = 0; r < p->nrooms; r++) {
		const struct room *rep = &p->rooms[r];

		if (k->rep[r] != rep || class_size(k, rep) < 2)
			continue;
		for (i = n = 0; i < k->reqs->n; i++)
			if (k->ask[i].chosen >= 0 &&
			    k->c[k->ask[i].chosen].room == rep)
				v[n++] = k->ask[i].chosen;
		qsort_r(v, n, sizeof *v, cand_start_cmp, k->c);
		for (j = 0; j < p->nrooms; j++)
			free_from[j] = -((dais_time)1 << 50);
		for (i = 0; i < n; i++) {
			struct cand *c = &k->c[v[i]];

			for (j = 0; j < p->nrooms; j++)
				if (k->rep[j] == rep &&
				    free_from[j] <= c->start)
					break;
			if (j == p->nrooms)
				abort(); /* the program broke its own rows */
			free_from[j] = c->end + k->gap;
			c->room = &p->rooms[j];
		}
	}
	free(free_from);
	free(v);
}

/* ---- Telling what happened ---------------------------------------------- */

static bool
outside_window_line(const char *line)
{
	const char *tail = "the day is outside the window asked for";
	size_t n = strlen(line), m = strlen(tail);

	return n >= m && strcmp(line + n - m, tail) == 0;
}

static char *
reason_no_candidate(const struct ctx *k, const struct request *r,
                    const struct ask *a)
{
	struct strbuf b = {0};
	char s1[DAIS_TIMEBUF], s2[DAIS_TIMEBUF];
	size_t i;

	for (i = 0; i < a->why_not.n; i++) {
		if (outside_window_line(a->why_not.v[i]))
			continue;
		if (b.n > 0)
			strbuf_addc(&b, ' ');
		strbuf_addstr(&b, a->why_not.v[i]);
	}
	if (b.n == 0)
		strbuf_addf(
		    &b,
		    "its window (%s to %s) is outside the "
		    "conference's hours (%02d:%02d-%02d:%02d each "
		    "day).",
		    time_fmt_iso(s1, &k->p->conf.zone, r->earliest),
		    time_fmt_iso(s2, &k->p->conf.zone, r->latest),
		    k->p->conf.day_start / 60, k->p->conf.day_start % 60,
		    k->p->conf.day_end / 60 % 24, k->p->conf.day_end % 60);
	return strbuf_take(&b);
}

/* Why a request with candidates was left out: the requests placed at its
 * times, or its groups' delegates. */
static char *
reason_lost(const struct ctx *k, size_t ri)
{
	const struct ask *a = &k->ask[ri];
	struct strbuf b = {0};
	bool *named = xcalloc(k->reqs->n + 1, sizeof *named);
	size_t i, j, nnamed = 0;

	for (i = a->first; i < a->last; i++)
		for (j = 0; j < k->reqs->n; j++) {
			const struct ask *o = &k->ask[j];
			const struct cand *c = &k->c[i], *d;

			if (j == ri || o->chosen < 0 || named[j])
				continue;
			d = &k->c[o->chosen];
			if (!clash(k, c, d) && !(c->room == d->room &&
			                         c->start < d->end + k->gap &&
			                         d->start < c->end + k->gap))
				continue;
			named[j] = true;
			nnamed++;
		}
	strbuf_addf(&b,
	            "its %zu possible time%s and room%s %s taken by "
	            "the requests placed instead",
	            a->last - a->first, a->last - a->first == 1 ? "" : "s",
	            a->last - a->first == 1 ? "" : "s",
	            a->last - a->first == 1 ? "is" : "are");
	if (nnamed > 0) {
		size_t shown = 0;

		strbuf_addstr(&b, ": ");
		for (j = 0; j < k->reqs->n; j++) {
			if (!named[j])
				continue;
			if (shown > 0)
				strbuf_addstr(&b, ", ");
			if (shown == 6) {
				strbuf_addf(&b, "and %zu more", nnamed - 6);
				break;
			}
			strbuf_addstr(&b, k->reqs->v[j].id);
			shown++;
		}
	}
	if (a->ngroups > 0 && nnamed < 1) {
		strbuf_addstr(&b, ", or by the delegates of ");
		for (i = 0; i < a->ngroups; i++) {
			if (i > 0)
				strbuf_addstr(&b, " and ");
			strbuf_addstr(&b,
			              a->groups[i]->name && *a->groups[i]->name
			                  ? a->groups[i]->name
			                  : a->groups[i]->id);
		}
		strbuf_addstr(&b, ", all in other meetings then");
	}
	strbuf_addc(&b, '.');
	free(named);
	return strbuf_take(&b);
}

static void
make_session(const struct ctx *k, size_t ri, const struct cand *c,
             struct session *s)
{
	const struct request *r = &k->reqs->v[ri];
	size_t i;

	session_init(s);
	s->uid = xstrdup(k->ask[ri].uid);
	s->title = request_title(k->p, r);
	s->kind = xstrdup(REQUEST_SESSION_KIND);
	s->status = SESSION_CONFIRMED;
	s->room_id = xstrdup(c->room->id);
	s->location = xstrdup(c->room->name);
	s->start = c->start;
	s->end = c->end;
	s->expected = r->expected;
	strlist_copy(&s->languages, &r->languages);
	if (r->note != NULL)
		s->notes = xstrdup(r->note);
	for (i = 0; i < r->parties.n; i++) {
		const struct participant *x =
		    programme_find_participant(k->p, r->parties.v[i]);

		session_add_assignment(s, r->parties.v[i], ROLE_PARTICIPANT,
		                       x != NULL ? x->name : NULL);
	}
}

static int
placement_cmp(const void *a, const void *b)
{
	const struct schedule_placement *x = a, *y = b;

	if (x->session.start != y->session.start)
		return x->session.start < y->session.start ? -1 : 1;
	return strcmp(x->session.room_id, y->session.room_id);
}

static void
report(struct ctx *k, struct schedule_result *out)
{
	size_t ri;

	out->noutcome = k->reqs->n;
	out->outcome = xcalloc(k->reqs->n + 1, sizeof *out->outcome);
	for (ri = 0; ri < k->reqs->n; ri++) {
		const struct request *r = &k->reqs->v[ri];
		struct ask *a = &k->ask[ri];
		struct schedule_outcome *oc = &out->outcome[ri];

		oc->candidates = a->last - a->first;
		if (!a->asked) {
			oc->state = REQUEST_PLACED;
			oc->kept = true;
			oc->uid = xstrdup(a->uid);
			continue;
		}
		out->asked++;
		out->priority_asked += r->priority;
		if (a->chosen >= 0) {
			struct schedule_placement *pl;

			oc->state = REQUEST_PLACED;
			oc->uid = xstrdup(a->uid);
			out->placed++;
			out->priority_placed += r->priority;
			out->v =
			    xreallocarray(out->v, out->n + 1, sizeof *out->v);
			pl = &out->v[out->n++];
			memset(pl, 0, sizeof *pl);
			pl->request = ri;
			pl->exists = a->set_aside >= 0;
			pl->walk = k->c[a->chosen].walk;
			make_session(k, ri, &k->c[a->chosen], &pl->session);
			continue;
		}
		oc->state = REQUEST_UNPLACED;
		oc->reason = a->last == a->first ? reason_no_candidate(k, r, a)
		                                 : reason_lost(k, ri);
		if (a->set_aside >= 0)
			strlist_add(&out->remove, a->uid);
	}
	if (out->n > 1)
		qsort(out->v, out->n, sizeof *out->v, placement_cmp);
	if (!out->optimal && !k->o->greedy)
		out->gap = out->lp_bound - out->priority_placed;
}

/* ---- The whole run ------------------------------------------------------ */

void
schedule_result_clear(struct schedule_result *r)
{
	size_t i;

	for (i = 0; i < r->noutcome; i++) {
		free(r->outcome[i].uid);
		free(r->outcome[i].reason);
	}
	free(r->outcome);
	for (i = 0; i < r->n; i++)
		session_free(&r->v[i].session);
	free(r->v);
	strlist_clear(&r->remove);
	memset(r, 0, sizeof *r);
}

/* Which requests this run places, and whose sessions step aside. */
static void
choose_asked(struct ctx *k)
{
	size_t ri;

	for (ri = 0; ri < k->reqs->n; ri++) {
		const struct request *r = &k->reqs->v[ri];
		struct ask *a = &k->ask[ri];
		long at = -1;

		a->chosen = -1;
		a->set_aside = -1;
		a->uid = request_uid(r, k->o->domain);
		if (r->placed != NULL) {
			free(a->uid);
			a->uid = xstrdup(r->placed);
		}
		at = programme_find_session(k->p, a->uid, DAIS_TIME_NONE);
		/* Placed, or its session made by a run whose requests.ini
		 * was not written: either way it is there. */
		a->asked = k->o->replan || (r->placed == NULL && at < 0);
		if (a->asked && at >= 0) {
			a->set_aside = at;
			a->old_status = k->p->sessions[at].status;
		}
		ask_parties(k, r, a);
	}
	for (ri = 0; ri < k->reqs->n; ri++)
		if (k->ask[ri].set_aside >= 0)
			k->p->sessions[k->ask[ri].set_aside].status =
			    SESSION_CANCELLED;
}

bool
schedule_plan(struct programme *p, const struct request_list *reqs,
              const struct schedule_options *o, struct schedule_result *out,
              char **why)
{
	struct ctx k;
	double t0 = now_seconds();
	size_t ri, i;
	bool ok = false;

	memset(out, 0, sizeof *out);
	memset(&k, 0, sizeof k);
	*why = NULL;
	k.p = p;
	k.reqs = reqs;
	k.o = o;
	k.room_rule = enabled(p, CONFLICT_ROOM_DOUBLE_BOOKED);
	k.person_rule = enabled(p, CONFLICT_PARTICIPANT_DOUBLE_BOOKED);
	k.group_rule = enabled(p, CONFLICT_DELEGATION_OVER_COMMITTED);
	k.tight = enabled(p, CONFLICT_TIGHT_CHANGEOVER);
	k.gap = k.tight ? (dais_time)p->conf.changeover * 60 : 0;
	for (i = 0; i < p->nwalks; i++)
		if (p->walks[i].minutes > k.max_walk)
			k.max_walk = p->walks[i].minutes;
	k.ask = xcalloc(reqs->n + 1, sizeof *k.ask);
	choose_asked(&k);
	k.x = session_index_new(p);
	room_classes(&k);
	if (!find_candidates(&k, why))
		goto out;
	{
		long *first = xcalloc(reqs->n + 1, sizeof *first);
		int priority = greedy(&k, first);

		out->ncandidates = k.nc;
		for (ri = 0; ri < reqs->n; ri++)
			k.ask[ri].chosen = o->greedy ? first[ri] : -1;
		ok = true;
		if (!o->greedy)
			ok = solve(&k, first, priority, out, why);
		free(first);
	}
	if (!o->greedy) {
		/* GLPK keeps an environment per thread; give it back, so a
		 * leak checker sees none (nothing else here uses GLPK). */
		glp_free_env();
	}
	if (ok) {
		assign_rooms(&k);
		report(&k, out);
	}
out:
	for (ri = 0; ri < reqs->n; ri++) {
		struct ask *a = &k.ask[ri];

		if (a->set_aside >= 0)
			p->sessions[a->set_aside].status = a->old_status;
		free(a->uid);
		free(a->people);
		free(a->groups);
		strlist_clear(&a->why_not);
	}
	free(k.ask);
	free(k.c);
	free(k.s);
	free(k.rep);
	free(k.class_size);
	session_index_free(k.x);
	out->seconds = now_seconds() - t0;
	if (!ok)
		schedule_result_clear(out);
	return ok;
}

/* ---- Applying a plan ---------------------------------------------------- */

bool
schedule_apply(struct editor *ed, const struct schedule_result *r,
               const char **why)
{
	char *what;
	size_t i;

	what = xasprintf("Scheduled %zu bilateral request%s", r->n,
	                 r->n == 1 ? "" : "s");
	editor_begin_group(ed, what);
	free(what);
	for (i = 0; i < r->remove.n; i++)
		if (!edit_delete(ed, r->remove.v[i], DAIS_TIME_NONE, why))
			goto refused;
	for (i = 0; i < r->n; i++) {
		const struct session *s = &r->v[i].session;

		if (!r->v[i].exists) {
			if (!edit_create(ed, s, NULL, why))
				goto refused;
			continue;
		}
		if (!edit_set_room(ed, s->uid, DAIS_TIME_NONE, s->room_id, NULL,
		                   why) ||
		    !edit_set_times(ed, s->uid, DAIS_TIME_NONE, s->start,
		                    s->end, why) ||
		    !edit_set_status(ed, s->uid, DAIS_TIME_NONE,
		                     SESSION_CONFIRMED, why))
			goto refused;
	}
	editor_end_group(ed);
	return true;
refused:
	editor_cancel_group(ed);
	return false;
}

void
schedule_mark_requests(struct request_list *reqs,
                       const struct schedule_result *r)
{
	size_t i;

	for (i = 0; i < reqs->n && i < r->noutcome; i++) {
		struct request *q = &reqs->v[i];
		const struct schedule_outcome *oc = &r->outcome[i];

		free(q->reason);
		q->reason = oc->reason ? xstrdup(oc->reason) : NULL;
		q->state = oc->state;
		if (oc->state == REQUEST_PLACED) {
			free(q->placed);
			q->placed = xstrdup(oc->uid);
		} else {
			free(q->placed);
			q->placed = NULL;
		}
	}
}
