/*
 * schedule_search.c: a plan found by local search on the integer
 * program's own rows, before (and often instead of) GLPK's branch and
 * bound: requests put in, others pushed out and put back elsewhere, and
 * parts of the plan taken out and rebuilt, for a fixed number of rounds
 * from a fixed seed (so the same input gives the same plan). A plan is
 * only ever replaced by a better one, so it is never worse than the
 * greedy plan it starts from. Why: on the benchmark's 200 requests the
 * relaxation's bound is reached by plans the branch and bound did not
 * find in a minute (docs/benchmarks.md).
 */
#include <glpk.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dais/xalloc.h"
#include "schedule_internal.h"

/* ---- The rows of each candidate ----------------------------------------- */

void
sched_pack_build(struct pack *pk, const struct ctx *k, const struct rows *rows)
{
	size_t *count = xcalloc(k->nc + 1, sizeof *count);
	size_t i, c, fill;
	int ny = 0;
	long o;

	memset(pk, 0, sizeof *pk);
	pk->nrows = rows->n;
	pk->cap = xcalloc(rows->n + 1, sizeof *pk->cap);
	pk->load = xcalloc(rows->n + 1, sizeof *pk->load);
	pk->mfirst = xcalloc(rows->n + 2, sizeof *pk->mfirst);
	pk->nc = k->nc;
	pk->first = xcalloc(k->nc + 2, sizeof *pk->first);
	pk->placed = xcalloc(k->nc + 1, sizeof *pk->placed);
	/* The columns after the candidates' are the slots' y. */
	for (i = 0; i < k->ns; i++)
		if (k->s[i].col > (int)k->nc && k->s[i].col - (int)k->nc > ny)
			ny = k->s[i].col - (int)k->nc;
	pk->slot_of_y = xcalloc((size_t)ny + 1, sizeof *pk->slot_of_y);
	for (i = 0; i < k->ns; i++)
		if (k->s[i].col > (int)k->nc)
			pk->slot_of_y[k->s[i].col - (int)k->nc - 1] = i;
	for (i = 0; i < rows->n; i++)
		pk->cap[i] = rows->type[i] == GLP_FX ? -1 : (int)rows->rhs[i];
	/* Two passes over the entries: count, then fill. A y's row is a row
	 * of every candidate of its slot; the rows that define y are not
	 * rows of the search (cap -1). */
	for (fill = 0; fill < 2; fill++) {
		size_t e;

		for (e = 1; e <= rows->nnz; e++) {
			int row = rows->ia[e] - 1, col = rows->ja[e];

			if (pk->cap[row] < 0)
				continue;
			if (col <= (int)k->nc) {
				c = (size_t)col - 1;
				if (fill)
					pk->rowv[pk->first[c] + count[c]] = row;
				count[c]++;
				continue;
			}
			for (o = k->s[pk->slot_of_y[col - (int)k->nc - 1]]
			             .first;
			     o >= 0; o = k->c[o].next) {
				if (fill)
					pk->rowv[pk->first[o] + count[o]] = row;
				count[o]++;
			}
		}
		if (!fill) {
			for (c = 0; c < k->nc; c++) {
				pk->first[c + 1] = pk->first[c] + count[c];
				count[c] = 0;
			}
			pk->rowv =
			    xcalloc(pk->first[k->nc] + 1, sizeof *pk->rowv);
		}
	}
	for (i = 0; i < rows->n; i++)
		pk->mfirst[i + 1] =
		    pk->mfirst[i] + (pk->cap[i] > 0 ? (size_t)pk->cap[i] : 0);
	pk->member = xcalloc(pk->mfirst[rows->n] + 1, sizeof *pk->member);
	free(count);
}

void
sched_pack_free(struct pack *pk)
{
	free(pk->cap);
	free(pk->load);
	free(pk->mfirst);
	free(pk->member);
	free(pk->first);
	free(pk->rowv);
	free(pk->placed);
	free(pk->slot_of_y);
	memset(pk, 0, sizeof *pk);
}

/* ---- The state: a plan, each row's load and members --------------------- */

struct search {
	const struct ctx *k;
	struct pack *pk;
	long *pick;        /* per request: its candidate, or -1 */
	const double *pen; /* per candidate: its tie-break */
	int priority;      /* the plan's */
	double penalty;    /* the plan's tie-breaks summed */
	uint64_t rng;
};

unsigned
sched_random(uint64_t *state, unsigned n)
{
	*state ^= *state >> 12;
	*state ^= *state << 25;
	*state ^= *state >> 27;
	return (unsigned)((*state * 2685821657736338717ULL) >> 33) % n;
}

static unsigned
rnd(struct search *s, unsigned n)
{
	return sched_random(&s->rng, n);
}

static int
prio(const struct search *s, size_t req)
{
	return s->k->reqs->v[req].priority;
}

static bool
fits(const struct search *s, long c)
{
	const struct pack *pk = s->pk;
	size_t e;

	for (e = pk->first[c]; e < pk->first[c + 1]; e++)
		if (pk->load[pk->rowv[e]] >= pk->cap[pk->rowv[e]])
			return false;
	return true;
}

static void
place(struct search *s, long c)
{
	struct pack *pk = s->pk;
	size_t e, req = s->k->c[c].req;

	if (s->pick[req] >= 0 || !fits(s, c))
		abort(); /* the search broke its own rule */
	for (e = pk->first[c]; e < pk->first[c + 1]; e++) {
		int row = pk->rowv[e];

		pk->member[pk->mfirst[row] + (size_t)pk->load[row]++] = c;
	}
	pk->placed[c] = true;
	s->pick[req] = c;
	s->priority += prio(s, req);
	s->penalty += s->pen[c];
}

static void
unplace(struct search *s, long c)
{
	struct pack *pk = s->pk;
	size_t e, m, req = s->k->c[c].req;

	for (e = pk->first[c]; e < pk->first[c + 1]; e++) {
		int row = pk->rowv[e];
		long *v = &pk->member[pk->mfirst[row]];

		for (m = 0; v[m] != c; m++)
			;
		v[m] = v[--pk->load[row]];
	}
	pk->placed[c] = false;
	s->pick[req] = -1;
	s->priority -= prio(s, req);
	s->penalty -= s->pen[c];
}

/* The plan `pick` made the state (rows emptied first). */
static void
load_plan(struct search *s, const long *pick)
{
	size_t r;

	for (r = 0; r < s->pk->nrows; r++)
		s->pk->load[r] = 0;
	memset(s->pk->placed, 0, s->pk->nc * sizeof *s->pk->placed);
	for (r = 0; r < s->k->reqs->n; r++)
		s->pick[r] = -1;
	s->priority = 0;
	s->penalty = 0;
	for (r = 0; r < s->k->reqs->n; r++)
		if (pick[r] >= 0 && fits(s, pick[r]))
			place(s, pick[r]);
}

/* ---- Moves --------------------------------------------------------------- */

/* The candidate of request r that fits with the least tie-break, or -1. */
static long
best_fit(const struct search *s, size_t r)
{
	const struct ask *a = &s->k->ask[r];
	long best = -1;
	size_t c;

	for (c = a->first; c < a->last; c++)
		if ((best < 0 || s->pen[c] < s->pen[best]) && fits(s, (long)c))
			best = (long)c;
	return best;
}

#define MAX_BLOCKERS 3

/*
 * The placed candidates to take out so that c fits: one member of each
 * full row of c, the least priority first. False when more than
 * MAX_BLOCKERS would go, or the requests to go weigh `limit` or more.
 */
static bool
blockers(const struct search *s, long c, long *out, size_t *nout, int limit)
{
	const struct pack *pk = s->pk;
	size_t e, m, j;
	int weight = 0;

	*nout = 0;
	for (e = pk->first[c]; e < pk->first[c + 1]; e++) {
		int row = pk->rowv[e];
		const long *v = &pk->member[pk->mfirst[row]];
		long pickm = -1;

		if (pk->load[row] < pk->cap[row])
			continue;
		for (m = 0; m < (size_t)pk->load[row]; m++) {
			for (j = 0; j < *nout && out[j] != v[m]; j++)
				;
			if (j < *nout)
				break; /* already going */
			if (pickm < 0 || prio(s, s->k->c[v[m]].req) <
			                     prio(s, s->k->c[pickm].req))
				pickm = v[m];
		}
		if (m < (size_t)pk->load[row])
			continue;
		if (pickm < 0 || *nout == MAX_BLOCKERS)
			return false;
		out[(*nout)++] = pickm;
		weight += prio(s, s->k->c[pickm].req);
		if (weight >= limit)
			return false;
	}
	return true;
}

/*
 * Candidate c (its request unplaced) put in after its blockers (weighing
 * less than `limit`) go, each of them then put back where it fits best.
 * Kept when the plan is better than (before, pen_before): more priority,
 * or as much with a smaller tie-break; otherwise undone.
 */
static bool
eject_and_place(struct search *s, long c, int limit, int before,
                double pen_before)
{
	long out[MAX_BLOCKERS], back[MAX_BLOCKERS];
	size_t nout, j;

	if (!blockers(s, c, out, &nout, limit))
		return false;
	for (j = 0; j < nout; j++)
		unplace(s, out[j]);
	if (!fits(s, c)) {
		for (j = 0; j < nout; j++)
			place(s, out[j]);
		return false;
	}
	place(s, c);
	for (j = 0; j < nout; j++) {
		back[j] = best_fit(s, s->k->c[out[j]].req);
		if (back[j] >= 0)
			place(s, back[j]);
	}
	if (s->priority > before ||
	    (s->priority == before && s->penalty < pen_before - 1e-9))
		return true;
	for (j = nout; j-- > 0;)
		if (back[j] >= 0)
			unplace(s, back[j]);
	unplace(s, c);
	for (j = 0; j < nout; j++)
		place(s, out[j]);
	return false;
}

/*
 * Request r (unplaced) put in: at its free candidate with the least
 * tie-break, or at one whose blockers go and are put back elsewhere.
 * Returns whether the plan changed (for the better).
 */
static bool
insert(struct search *s, size_t r)
{
	const struct ask *a = &s->k->ask[r];
	size_t i, start, n = a->last - a->first;
	long c = best_fit(s, r);

	if (c >= 0) {
		place(s, c);
		return true;
	}
	if (n == 0)
		return false;
	/* From a random candidate on, so that rebuilds differ. */
	start = rnd(s, (unsigned)n);
	for (i = 0; i < n; i++) {
		c = (long)(a->first + (start + i) % n);
		if (eject_and_place(s, c, 2 * prio(s, r), s->priority,
		                    s->penalty))
			return true;
	}
	return false;
}

/*
 * Request r (placed) moved to a candidate with a smaller tie-break,
 * pushing others aside when they fit elsewhere and the plan's tie-breaks
 * sum less. Returns whether it moved.
 */
static bool
shift(struct search *s, size_t r)
{
	const struct ask *a = &s->k->ask[r];
	long was = s->pick[r];
	int before = s->priority;
	double pen_before = s->penalty;
	size_t c;

	unplace(s, was);
	for (c = a->first; c < a->last; c++) {
		if (s->pen[c] >= s->pen[was])
			continue;
		if (fits(s, (long)c)) {
			place(s, (long)c);
			return true;
		}
		if (eject_and_place(s, (long)c, 1 << 20, before, pen_before))
			return true;
	}
	place(s, was);
	return false;
}

/* Requests by priority, highest first, then in file order. */
static const struct request_list *order_reqs;

static int
order_cmp(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int px = order_reqs->v[x].priority, py = order_reqs->v[y].priority;

	if (px != py)
		return py - px;
	return x < y ? -1 : x > y;
}

/* Every unplaced request tried, with ejections, until a pass changes
 * nothing (or `passes` passes). */
static void
fill(struct search *s, const size_t *order, int passes)
{
	const struct ctx *k = s->k;
	bool changed = true;
	size_t i;

	while (changed && passes-- > 0) {
		changed = false;
		for (i = 0; i < k->reqs->n; i++) {
			size_t r = order[i];

			if (s->pick[r] < 0 &&
			    k->ask[r].last > k->ask[r].first && insert(s, r))
				changed = true;
		}
	}
}

/* Each placed request moved to a candidate with a smaller tie-break
 * (shift), until nothing moves. */
static void
polish(struct search *s)
{
	const struct ctx *k = s->k;
	bool moved = true;
	int rounds = 8;
	size_t r;

	while (moved && rounds-- > 0) {
		moved = false;
		for (r = 0; r < k->reqs->n; r++)
			if (s->pick[r] >= 0 && shift(s, r))
				moved = true;
	}
}

/*
 * Ruin and rebuild: a placed request and up to `most` others competing
 * for its rows taken out, then every unplaced request put in again.
 */
static void
ruin(struct search *s, size_t most)
{
	const struct ctx *k = s->k;
	const struct pack *pk = s->pk;
	long victims[64];
	size_t nv = 0, placed = 0, r, e, m, j;
	long c;

	for (r = 0; r < k->reqs->n; r++)
		placed += s->pick[r] >= 0;
	if (placed == 0)
		return;
	j = rnd(s, (unsigned)placed);
	for (r = 0; r < k->reqs->n; r++)
		if (s->pick[r] >= 0 && j-- == 0)
			break;
	c = s->pick[r];
	victims[nv++] = c;
	/* Others in the rows of some candidate of the same request. */
	for (size_t t = 0; t < 4 * most && nv < most + 1; t++) {
		size_t n = k->ask[r].last - k->ask[r].first;
		long o = (long)(k->ask[r].first + rnd(s, (unsigned)n));

		if (pk->first[o + 1] == pk->first[o])
			continue;
		e = pk->first[o] +
		    rnd(s, (unsigned)(pk->first[o + 1] - pk->first[o]));
		if (pk->load[pk->rowv[e]] == 0)
			continue;
		m = rnd(s, (unsigned)pk->load[pk->rowv[e]]);
		o = pk->member[pk->mfirst[pk->rowv[e]] + m];
		for (j = 0; j < nv && victims[j] != o; j++)
			;
		if (j == nv)
			victims[nv++] = o;
	}
	for (j = 0; j < nv; j++)
		unplace(s, victims[j]);
}

int
sched_search(const struct ctx *k, struct pack *pk, const double *pen,
             long *pick, long rounds)
{
	struct search s;
	size_t *order = xcalloc(k->reqs->n + 1, sizeof *order);
	long *best = xcalloc(k->reqs->n + 1, sizeof *best);
	int best_priority;
	double best_penalty;
	long round, since = 0;
	size_t i;

	memset(&s, 0, sizeof s);
	s.k = k;
	s.pk = pk;
	s.pen = pen;
	s.pick = xcalloc(k->reqs->n + 1, sizeof *s.pick);
	s.rng = 0x9E3779B97F4A7C15ULL;
	for (i = 0; i < k->reqs->n; i++)
		order[i] = i;
	order_reqs = k->reqs;
	qsort(order, k->reqs->n, sizeof *order, order_cmp);

	load_plan(&s, pick);
	fill(&s, order, 4);
	polish(&s);
	memcpy(best, s.pick, k->reqs->n * sizeof *best);
	best_priority = s.priority;
	best_penalty = s.penalty;
	for (round = 0; round < rounds; round++) {
		ruin(&s, 8 + rnd(&s, 24));
		fill(&s, order, 2);
		if (s.priority > best_priority ||
		    (s.priority == best_priority && s.penalty < best_penalty)) {
			polish(&s);
			memcpy(best, s.pick, k->reqs->n * sizeof *best);
			best_priority = s.priority;
			best_penalty = s.penalty;
			since = 0;
		} else if (s.priority < best_priority ||
		           ++since > rounds / 20) {
			/* Worse, or long on a plateau: back to the best. */
			load_plan(&s, best);
			since = 0;
		}
	}
	memcpy(pick, best, k->reqs->n * sizeof *pick);
	free(s.pick);
	free(best);
	free(order);
	return best_priority;
}
