/*
 * conflict_delegation.c: a delegation or organisation in more overlapping
 * sessions than it has delegates, counted over time (its members' sessions
 * count for it).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conflict_internal.h"
#include "dais/xalloc.h"

/* How many titles a delegation message names before "and N more". */
#define LIST_TITLES 8

/* ---- Delegations ------------------------------------------------------ */

struct event {
	int64_t key;
	int start; /* 0 for an end, 1 for a start: ends come first */
	size_t i;  /* incidence within the group */
};

static int
event_cmp(const void *a, const void *b)
{
	const struct event *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	if (x->start != y->start)
		return x->start - y->start;
	return x->i < y->i ? -1 : x->i > y->i;
}

static int
size_cmp(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

static void
report_stretch(struct check *ck, const struct participant *g,
               const struct inc *v, size_t *list, size_t nlist, size_t peak,
               int64_t from, int64_t to)
{
	const struct programme *p = ck->p;
	size_t *sessions = xreallocarray(NULL, nlist + 1, sizeof *sessions);
	size_t i, shown = nlist > LIST_TITLES ? LIST_TITLES : nlist;
	dais_time start = conflict_key_time(from), end = conflict_key_time(to);
	char *titles = xstrdup(""), *tmp, *when, *msg;
	char b1[DAIS_TIMEBUF], b2[DAIS_TIMEBUF];

	/* The group's incidences are in time order, so their order is. */
	qsort(list, nlist, sizeof *list, size_cmp);
	for (i = 0; i < nlist; i++)
		sessions[i] = v[list[i]].si;
	for (i = 0; i < shown; i++) {
		const char *sep = i == 0                             ? ""
		                  : i + 1 == shown && shown == nlist ? " and "
		                                                     : ", ";

		tmp = xasprintf("%s%s'%s'", titles, sep,
		                title_of(&p->sessions[sessions[i]]));
		free(titles);
		titles = tmp;
	}
	if (shown < nlist) {
		tmp = xasprintf("%s and %zu more", titles, nlist - shown);
		free(titles);
		titles = tmp;
	}
	/* Over a stretch the count may change: the titles are every session
	 * in it, the number is the most at one instant. */
	if (start == end)
		when = xasprintf("at %s", hm(ck, start, b1));
	else
		when = xasprintf("between %s and %s", hm(ck, start, b1),
		                 hm(ck, end, b2));
	msg = xasprintf("%s has %d delegate%s but is in %s%zu sessions at "
	                "once %s: %s.",
	                g->name && *g->name ? g->name : g->id, g->delegates,
	                g->delegates == 1 ? "" : "s",
	                peak < nlist ? "up to " : "", peak, when, titles);
	free(when);
	free(titles);
	conflict_emit(ck, CONFLICT_DELEGATION_OVER_COMMITTED, sessions, nlist,
	              NULL, g->id, start, end, msg);
	free(sessions);
}

/*
 * Counts the group's running sessions over time. Events at one instant are
 * taken together (ends, then starts), so a stretch does not break where
 * one session hands over to the next, and a session starting as the
 * stretch ends is not part of it.
 */
static void
delegation_sweep(struct check *ck, const struct participant *g,
                 const struct inc *v, size_t n)
{
	struct event *ev = xreallocarray(NULL, 2 * n, sizeof *ev);
	size_t *active = xreallocarray(NULL, n, sizeof *active);
	size_t *pos = xreallocarray(NULL, n, sizeof *pos);
	size_t *list = NULL, nlist = 0, caplist = 0, na = 0, peak = 0;
	size_t limit = (size_t)g->delegates, i, j, k, first;
	bool in = false;
	int64_t from = 0;

	for (i = 0; i < n; i++) {
		ev[2 * i] = (struct event){v[i].s2, 1, i};
		ev[2 * i + 1] = (struct event){v[i].e2, 0, i};
	}
	qsort(ev, 2 * n, sizeof *ev, event_cmp);
	for (i = 0; i < 2 * n; i = j) {
		for (j = i; j < 2 * n && ev[j].key == ev[i].key; j++) {
			size_t e = ev[j].i;

			if (ev[j].start) {
				pos[e] = na;
				active[na++] = e;
			} else {
				active[pos[e]] = active[--na];
				pos[active[pos[e]]] = pos[e];
			}
		}
		/* Starts of this batch are the tail of its events. */
		for (first = i; first < j && !ev[first].start; first++)
			;
		if (in && na <= limit) {
			report_stretch(ck, g, v, list, nlist, peak, from,
			               ev[i].key);
			in = false;
		} else if (in) {
			for (k = first; k < j; k++) {
				XGROW(list, nlist, caplist);
				list[nlist++] = ev[k].i;
			}
		} else if (na > limit) {
			in = true;
			from = ev[i].key;
			peak = 0;
			nlist = 0;
			for (k = 0; k < na; k++) {
				XGROW(list, nlist, caplist);
				list[nlist++] = active[k];
			}
		}
		if (in && na > peak)
			peak = na;
	}
	free(list);
	free(pos);
	free(active);
	free(ev);
}

static const struct participant *
limited_group(const struct participant *x)
{
	if (x != NULL && participant_is_group(x) && x->delegates > 0)
		return x;
	return NULL;
}

size_t
conflict_delegation_weight(const struct programme *p)
{
	size_t i, most = 0;
	bool any = false;

	for (i = 0; i < p->npeople; i++) {
		const struct participant *x = &p->people[i];
		bool limited = limited_group(x) != NULL;
		size_t w = (size_t)limited + (x->delegation != NULL);

		any = any || limited;
		if (w > most)
			most = w;
	}
	return any ? most : 0;
}

/*
 * A group is in a session when it or any of its members is assigned. pv
 * (the participants' incidences, not yet grouped) is in time order, so
 * the grouped incidences are too.
 */
void
conflict_check_delegations(struct check *ck, const struct pending_list *pv)
{
	const struct programme *p = ck->p;
	const struct participant **of;
	struct pending_list pend;
	struct inc *v;
	size_t n, i, lo, hi;

	/* Most programmes set no limit: nothing to count. */
	if (ck->delegation_weight == 0)
		return;
	/* Each person's delegation, looked up once. */
	of = xcalloc(p->npeople + 1, sizeof *of);
	for (i = 0; i < p->npeople; i++)
		if (p->people[i].delegation != NULL)
			of[i] = limited_group(programme_find_participant(
			    p, p->people[i].delegation));
	conflict_pending_init(&pend, &ck->space, ck->delegation_weight * pv->n);
	for (i = 0; i < pv->n; i++) {
		const struct pending *e = &pv->v[i];
		const struct participant *g[2];
		int k;

		if (e->key >= p->npeople)
			continue; /* an id no registry defines */
		g[0] = limited_group(&p->people[e->key]);
		g[1] = of[e->key];
		for (k = 0; k < 2; k++)
			if (g[k] != NULL)
				conflict_pending_push(
				    &pend, e->si, (uint32_t)(g[k] - p->people),
				    NULL);
	}
	free(of);
	v = conflict_group(ck, &pend, p->npeople, &n);
	conflict_pending_free(&pend);
	for (lo = 0; lo < n; lo = hi) {
		const struct participant *g = &p->people[v[lo].key];

		for (hi = lo + 1; hi < n && v[hi].key == v[lo].key; hi++)
			;
		if (hi - lo > (size_t)g->delegates)
			delegation_sweep(ck, g, v + lo, hi - lo);
	}
	conflict_give(&ck->space, v);
}
