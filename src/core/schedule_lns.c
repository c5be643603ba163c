/*
 * schedule_lns.c: the plan improved by small integer programs (a large
 * neighbourhood search). Each round takes some meetings out of the plan
 * (those of a stretch of time around a candidate of a request left out,
 * or those of its parties), keeps every other meeting where it is, and
 * lets GLPK's branch and bound place the requests taken out and those
 * left out anywhere they fit beside the kept ones. Why: on the
 * benchmark, whose rooms are full nearly all day, the local search
 * (schedule_search.c) stops some ten priority below plans that exist,
 * and the branch and bound on the whole program takes minutes for what a
 * program of a few dozen requests settles in milliseconds.
 */
#include <glpk.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dais/xalloc.h"
#include "schedule_internal.h"

/*
 * The rounds' sizes, in turn: minutes of the plan taken out before and
 * after the candidate, and the most columns a round's program may have
 * (a larger one is left alone: its branch and bound takes seconds where
 * the others take milliseconds). When no round of a size gains, the next
 * size; the larger ones find more (on the benchmark, the three sizes
 * end at priority 553, 555 and 558 of seed 2026's bound 561) but cost
 * more (some 1, 7 and 20 s of CPU), so within dais schedule's limit the
 * deadline mostly ends them.
 */
static const struct {
	int window;
	size_t columns;
} lns_size[] = {{90, 600}, {150, 1000}, {240, 1500}};
/* Calls of the branch and bound's callback a round may take (a count,
 * not a time, so that a round's result does not depend on the load). */
#define LNS_CALLS 100

struct lns {
	const struct ctx *k;
	const struct pack *pk;
	long *pick;    /* per request: its candidate, or -1 */
	bool *freed;   /* per request: placed again this round */
	int *kept;     /* per row: the kept meetings in it */
	int *local;    /* per row: its row in the round's program, or 0 */
	long *col_of;  /* per column of the round's program: its candidate */
	double *start; /* per column: 1 where the plan has it now */
	int *ia, *ja;  /* the round's matrix, 1-based */
	double *ar;
	size_t cap_nz, cap_cols;
	uint64_t rng;
	long calls;      /* callbacks left in this round */
	bool started;    /* the plan now handed to the branch and bound */
	double deadline; /* sched_now_seconds() to stop at; 0: none */
	size_t size;     /* the rounds' size: an index of lns_size */
};

static int
lns_prio(const struct lns *l, size_t r)
{
	return l->k->reqs->v[r].priority;
}

/* Whether candidate c fits beside the kept meetings. */
static bool
fits_kept(const struct lns *l, long c)
{
	size_t e;

	for (e = l->pk->first[c]; e < l->pk->first[c + 1]; e++) {
		int row = l->pk->rowv[e];

		if (l->kept[row] >= l->pk->cap[row])
			return false;
	}
	return true;
}

static bool
past(double deadline)
{
	return deadline > 0 && sched_now_seconds() > deadline;
}

/* The round's branch and bound: the plan now as its first solution, so
 * that it looks for better ones only; stopped after LNS_CALLS calls or
 * at the run's deadline. */
static void
lns_watch(glp_tree *t, void *arg)
{
	struct lns *l = arg;

	if (glp_ios_reason(t) == GLP_IHEUR && !l->started) {
		l->started = true;
		glp_ios_heur_sol(t, l->start);
	}
	if (--l->calls < 0 || past(l->deadline))
		glp_ios_terminate(t);
}

/* A coefficient of the round's matrix. */
static void
lns_put(struct lns *l, size_t *nz, int row, int col)
{
	if (*nz + 2 >= l->cap_nz) {
		l->cap_nz = 2 * l->cap_nz + 1024;
		l->ia = xreallocarray(l->ia, l->cap_nz, sizeof *l->ia);
		l->ja = xreallocarray(l->ja, l->cap_nz, sizeof *l->ja);
		l->ar = xreallocarray(l->ar, l->cap_nz, sizeof *l->ar);
	}
	(*nz)++;
	l->ia[*nz] = row;
	l->ja[*nz] = col;
	l->ar[*nz] = 1;
}

/* The round's program: the freed requests' candidates that fit beside
 * the kept meetings, in the rows they share with what is left of each.
 * Returns its columns (0: nothing to place), with *nrows and *nz. */
static size_t
lns_columns(struct lns *l, int *nrows, size_t *nz)
{
	const struct ctx *k = l->k;
	const struct pack *pk = l->pk;
	size_t r, e, ncols = 0;
	long c;

	*nrows = 0;
	*nz = 0;
	for (r = 0; r < k->reqs->n; r++) {
		if (!l->freed[r])
			continue;
		for (c = (long)k->ask[r].first; c < (long)k->ask[r].last; c++) {
			if (!fits_kept(l, c))
				continue;
			if (ncols + 2 >= l->cap_cols) {
				l->cap_cols = 2 * l->cap_cols + 64;
				l->col_of = xreallocarray(
				    l->col_of, l->cap_cols, sizeof *l->col_of);
				l->start = xreallocarray(l->start, l->cap_cols,
				                         sizeof *l->start);
			}
			l->col_of[++ncols] = c;
			l->start[ncols] = l->pick[r] == c;
			for (e = pk->first[c]; e < pk->first[c + 1]; e++) {
				int row = pk->rowv[e];

				if (l->local[row] == 0)
					l->local[row] = ++*nrows;
				lns_put(l, nz, l->local[row], (int)ncols);
			}
		}
	}
	return ncols;
}

/*
 * One round: the freed requests placed again beside the rest, by GLPK's
 * branch and bound within LNS_CALLS. The plan changes only when that
 * places more priority; returns the gain.
 */
static int
lns_round(struct lns *l)
{
	const struct ctx *k = l->k;
	const struct pack *pk = l->pk;
	glp_prob *lp = NULL;
	glp_smcp smcp;
	glp_iocp iocp;
	size_t r, e, ncols, nz, j;
	int nrows, before = 0, after = 0, gain = 0;

	for (r = 0; r < k->reqs->n; r++) {
		long c = l->pick[r];

		if (l->freed[r] && c >= 0)
			before += lns_prio(l, r);
		if (l->freed[r] || c < 0)
			continue;
		for (e = pk->first[c]; e < pk->first[c + 1]; e++)
			l->kept[pk->rowv[e]]++;
	}
	ncols = lns_columns(l, &nrows, &nz);
	if (ncols == 0 || ncols > lns_size[l->size].columns)
		goto out;
	lp = glp_create_prob();
	glp_set_obj_dir(lp, GLP_MAX);
	glp_add_cols(lp, (int)ncols);
	for (j = 1; j <= ncols; j++) {
		glp_set_col_kind(lp, (int)j, GLP_BV);
		glp_set_obj_coef(lp, (int)j,
		                 lns_prio(l, k->c[l->col_of[j]].req));
	}
	if (nrows > 0) {
		glp_add_rows(lp, nrows);
		for (r = 0; r < pk->nrows; r++)
			if (l->local[r] > 0)
				glp_set_row_bnds(lp, l->local[r], GLP_UP, 0,
				                 pk->cap[r] - l->kept[r]);
		glp_load_matrix(lp, (int)nz, l->ia, l->ja, l->ar);
	}
	/* Its relaxation first: most rounds end here, with no whole
	 * priority to gain. */
	glp_init_smcp(&smcp);
	smcp.msg_lev = GLP_MSG_OFF;
	if (glp_simplex(lp, &smcp) != 0 || glp_get_status(lp) != GLP_OPT ||
	    glp_get_obj_val(lp) < before + 1 - 1e-6)
		goto out;
	glp_init_iocp(&iocp);
	iocp.msg_lev = GLP_MSG_OFF;
	iocp.cb_func = lns_watch;
	iocp.cb_info = l;
	l->calls = LNS_CALLS;
	l->started = false;
	glp_intopt(lp, &iocp);
	if (glp_mip_status(lp) != GLP_OPT && glp_mip_status(lp) != GLP_FEAS)
		goto out;
	for (j = 1; j <= ncols; j++)
		if (glp_mip_col_val(lp, (int)j) > 0.5)
			after += lns_prio(l, k->c[l->col_of[j]].req);
	if (after <= before)
		goto out;
	for (r = 0; r < k->reqs->n; r++)
		if (l->freed[r])
			l->pick[r] = -1;
	for (j = 1; j <= ncols; j++)
		if (glp_mip_col_val(lp, (int)j) > 0.5)
			l->pick[k->c[l->col_of[j]].req] = l->col_of[j];
	gain = after - before;
out:
	if (lp != NULL)
		glp_delete_prob(lp);
	memset(l->kept, 0, pk->nrows * sizeof *l->kept);
	memset(l->local, 0, pk->nrows * sizeof *l->local);
	return gain;
}

/* Whether two requests share a person or a group whose delegates
 * count. */
static bool
share_party(const struct ask *a, const struct ask *b)
{
	size_t i, j;

	for (i = 0; i < a->npeople; i++)
		for (j = 0; j < b->npeople; j++)
			if (a->people[i] == b->people[j])
				return true;
	for (i = 0; i < a->ngroups; i++)
		for (j = 0; j < b->ngroups; j++)
			if (a->groups[i] == b->groups[j])
				return true;
	return false;
}

/*
 * Which requests a round around candidate c places again: every request
 * left out, and of those placed, on even rounds the meetings within the
 * size's window around c in any room; on odd rounds those in c's rooms
 * then, and every meeting of a party of c's request.
 */
static void
lns_free(struct lns *l, const struct cand *c, bool parties)
{
	const struct ctx *k = l->k;
	dais_time from = c->start - (dais_time)lns_size[l->size].window * 60;
	dais_time to = c->end + (dais_time)lns_size[l->size].window * 60;
	size_t r;

	for (r = 0; r < k->reqs->n; r++) {
		const struct cand *o =
		    l->pick[r] >= 0 ? &k->c[l->pick[r]] : NULL;
		bool near;

		l->freed[r] = false;
		if (!k->ask[r].asked || k->ask[r].last == k->ask[r].first)
			continue;
		if (o == NULL) {
			l->freed[r] = true;
			continue;
		}
		near = o->start < to && o->end > from;
		l->freed[r] = parties
		                  ? (near && o->room == c->room) ||
		                        share_party(&k->ask[r], &k->ask[c->req])
		                  : near;
	}
}

/* The freed set's fingerprint: a round with the same one since the last
 * change would find the same. */
static uint64_t
lns_fingerprint(const struct lns *l)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */
	size_t r;

	for (r = 0; r < l->k->reqs->n; r++)
		if (l->freed[r])
			h = (h ^ r) * 1099511628211ULL;
	return h;
}

int
sched_lns(const struct ctx *k, const struct pack *pk, long *pick, int enough,
          double deadline)
{
	struct lns l;
	size_t *todo = xcalloc(k->nc + 1, sizeof *todo);
	/* Candidates whose rounds changed nothing since the last change. */
	bool *tried = xcalloc(k->nc + 1, sizeof *tried);
	uint64_t *seen = NULL;
	size_t ntodo, nseen = 0, capseen = 0, r, ci, q;
	int priority = 0;
	long round;

	memset(&l, 0, sizeof l);
	l.k = k;
	l.pk = pk;
	l.pick = pick;
	l.rng = 0x2545F4914F6CDD1DULL;
	l.deadline = deadline;
	l.freed = xcalloc(k->reqs->n + 1, sizeof *l.freed);
	l.kept = xcalloc(pk->nrows + 1, sizeof *l.kept);
	l.local = xcalloc(pk->nrows + 1, sizeof *l.local);
	for (r = 0; r < k->reqs->n; r++)
		if (pick[r] >= 0)
			priority += k->reqs->v[r].priority;
	glp_term_out(GLP_OFF);
	for (round = 0; priority < enough && !past(deadline); round++) {
		uint64_t h;
		int gain;

		/* A candidate of a request left out, not tried yet. */
		for (r = ntodo = 0; r < k->reqs->n; r++)
			if (pick[r] < 0 && k->ask[r].asked)
				for (ci = k->ask[r].first; ci < k->ask[r].last;
				     ci++)
					if (!tried[ci])
						todo[ntodo++] = ci;
		if (ntodo == 0) {
			/* No round of this size gains: the next size. */
			if (++l.size == sizeof lns_size / sizeof *lns_size)
				break;
			memset(tried, 0, k->nc * sizeof *tried);
			nseen = 0;
			continue;
		}
		ci = todo[sched_random(&l.rng, (unsigned)ntodo)];
		tried[ci] = true;
		lns_free(&l, &k->c[ci], round & 1);
		h = lns_fingerprint(&l);
		for (q = 0; q < nseen && seen[q] != h; q++)
			;
		if (q < nseen)
			continue;
		XGROW(seen, nseen, capseen);
		seen[nseen++] = h;
		gain = lns_round(&l);
		if (gain > 0) {
			priority += gain;
			memset(tried, 0, k->nc * sizeof *tried);
			nseen = 0;
		}
	}
	free(l.freed);
	free(l.kept);
	free(l.local);
	free(l.col_of);
	free(l.start);
	free(l.ia);
	free(l.ja);
	free(l.ar);
	free(seen);
	free(tried);
	free(todo);
	return priority;
}
