/*
 * schedule_solve.c: dais schedule's plan found: the greedy baseline, the
 * local search's plan (schedule_search.c) against the simple bound and
 * the relaxation's, the small programs' (schedule_lns.c) and GLPK's
 * branch and bound when they do not meet (stopped once the priority is
 * proved), and the rooms of a class given out afterwards.
 */
#include <glpk.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dais/session_index.h"
#include "dais/slots.h"
#include "dais/strbuf.h"
#include "dais/xalloc.h"
#include "schedule_internal.h"

double
sched_now_seconds(void)
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
			if (sched_clash(k, c, &k->c[chosen[j]]))
				break;
		if (j < nchosen || !sched_group_fits(k, c, chosen, nchosen) ||
		    !sched_class_fits(k, c, chosen, nchosen))
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
int
sched_greedy(const struct ctx *k, long *pick)
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
	/* sched_now_seconds() past which the search stops: GLPK's own
	 * limit is looked at less often than this callback runs. */
	double deadline;
};

static void
watch_tree(glp_tree *t, void *arg)
{
	struct watch *w = arg;
	glp_prob *lp = glp_ios_get_prob(t);
	int reason = glp_ios_reason(t), node;
	double best, bound, priority;

	if (sched_now_seconds() > w->deadline) {
		glp_ios_terminate(t);
		return;
	}
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

/* The plan `pick` (per request) as a point of the program: its x and y. */
static double *
plan_point(const struct ctx *k, const long *pick, size_t ncols)
{
	double *v = xcalloc(ncols + 1, sizeof *v);
	size_t ri;

	for (ri = 0; ri < k->reqs->n; ri++)
		if (pick[ri] >= 0) {
			const struct cand *c = &k->c[pick[ri]];

			v[c->col] = 1;
			v[k->s[c->slot].col] = 1;
		}
	return v;
}

static int
plan_priority(const struct ctx *k, const long *pick)
{
	size_t ri;
	int sum = 0;

	for (ri = 0; ri < k->reqs->n; ri++)
		if (pick[ri] >= 0)
			sum += k->reqs->v[ri].priority;
	return sum;
}

/*
 * A starting basis at the plan `pick`: every row's slack basic, the
 * plan's x (and the y of their slots) at their upper bound 1, every other
 * column at 0. It is primal feasible (the plan keeps every row), so the
 * simplex starts from the plan's priority instead of from nothing.
 */
static void
plan_basis(const struct ctx *k, glp_prob *lp, const long *pick, size_t ny)
{
	int i, n = glp_get_num_rows(lp);
	size_t j, ri;

	for (i = 1; i <= n; i++)
		glp_set_row_stat(lp, i, GLP_BS);
	for (j = 1; j <= k->nc + ny; j++)
		glp_set_col_stat(lp, (int)j, GLP_NL);
	for (ri = 0; ri < k->reqs->n; ri++)
		if (pick[ri] >= 0) {
			const struct cand *c = &k->c[pick[ri]];

			glp_set_col_stat(lp, c->col, GLP_NU);
			if (k->s[c->slot].col != c->col)
				glp_set_col_stat(lp, k->s[c->slot].col, GLP_NU);
		}
}

/* Seconds left of the run's limit; a large number without one. */
static double
seconds_left(const struct ctx *k)
{
	if (k->o->time_limit <= 0)
		return 1e9;
	return k->o->time_limit - (sched_now_seconds() - k->t0);
}

/* Rounds of local search: before the relaxation, and after it when its
 * bound is not reached yet. Fixed (not timed), so a run is repeatable. */
#define SEARCH_ROUNDS       3000
#define SEARCH_ROUNDS_AFTER 3000
/* ... but no more than this many per request asked: a handful of requests
 * needs few (the unit tests plan hundreds of those, under sanitizers). */
#define SEARCH_ROUNDS_PER_REQUEST 100

/* Seconds of the limit the small programs leave for the rest. */
#define LNS_MARGIN 0.1

static long
rounds_for(const struct ctx *k, long most)
{
	size_t ri, asked = 0;

	for (ri = 0; ri < k->reqs->n; ri++)
		asked += k->ask[ri].asked;
	return (long)asked * SEARCH_ROUNDS_PER_REQUEST < most
	           ? (long)asked * SEARCH_ROUNDS_PER_REQUEST
	           : most;
}

/*
 * The plan. First a local search from the greedy plan (schedule_search.c)
 * against the simplest bound: every request that has a candidate placed.
 * Reached, that is the optimum (and the relaxation's value too, which lies
 * between). Otherwise the relaxation gives the bound; the search goes on
 * towards it; then small programs (schedule_lns.c) for the time left; and
 * when it is still not reached, GLPK's branch and bound starts from that
 * plan for what is left after them.
 */
bool
sched_solve(struct ctx *k, const long *greedy_chosen, int greedy_priority,
            struct schedule_result *out, char **why)
{
	struct rows rows = {0};
	struct pack pk;
	glp_prob *lp = NULL;
	glp_smcp smcp;
	glp_iocp iocp;
	struct watch watch;
	double *start = NULL, *pen = NULL;
	long *pick = NULL;
	dais_time origin = k->nc > 0 ? k->c[0].start : 0;
	double unit = 1, worst, left, resolve;
	int ret, status, found, simple_bound = 0, bound;
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
		sched_rows_begin(&rows, GLP_FX, 0);
		sched_rows_add(&rows, s->col, 1);
		for (o = s->first; o >= 0; o = k->c[o].next)
			sched_rows_add(&rows, k->c[o].col, -1);
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
		if (a->asked && a->last > a->first)
			simple_bound += k->reqs->v[ri].priority;
		if (!a->asked || n < 2)
			continue;
		sched_rows_begin(&rows, GLP_UP, 1);
		for (i = first; i < first + n; i++)
			sched_rows_add(&rows, k->s[i].col, 1);
	}
	if (k->room_rule)
		sched_room_rows(k, &rows);
	sched_person_rows(k, &rows);
	if (k->group_rule)
		sched_group_rows(k, &rows);
	out->ncandidates = k->nc;
	out->nrows = rows.n;
	if (k->nc == 0) {
		sched_rows_free(&rows);
		out->optimal = true;
		return true;
	}

	/* Tie-breaks summed over every request stay below one priority. */
	pen = xcalloc(k->nc + 1, sizeof *pen);
	for (i = 0; i < k->nc; i++)
		pen[i] = penalty(k, &k->c[i], origin);
	for (ri = 0; ri < k->reqs->n; ri++) {
		const struct ask *a = &k->ask[ri];

		worst = 0;
		for (i = a->first; i < a->last; i++)
			if (pen[i] > worst)
				worst = pen[i];
		unit += worst;
	}

	/* The local search, against the simple bound. */
	sched_pack_build(&pk, k, &rows);
	pick = xcalloc(k->reqs->n + 1, sizeof *pick);
	memcpy(pick, greedy_chosen, k->reqs->n * sizeof *pick);
	found = sched_search(k, &pk, pen, pick, rounds_for(k, SEARCH_ROUNDS));
	if (found < greedy_priority)
		abort(); /* the search only keeps better plans */
	if (found >= simple_bound) {
		out->lp_bound = simple_bound;
		out->optimal = true;
		ok = true;
		goto chosen;
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

	/* The bound, in priority, from the search's plan (plan_basis: on
	 * the benchmark a sixth less time than glp_adv_basis's start); its
	 * basis is where the branch and bound starts. */
	glp_init_smcp(&smcp);
	smcp.msg_lev = GLP_MSG_OFF;
	plan_basis(k, lp, pick, ny);
	/* Within the time left, at least a moment: a loaded machine can take
	 * several times the limit over it (the benchmark's took 2-5 s). */
	left = seconds_left(k);
	if (left < 1e8)
		smcp.tm_lim = left < 0.05 ? 50 : (int)(left * 1000);
	ret = glp_simplex(lp, &smcp);
	if (ret == GLP_ETMLIM) {
		/* Cut by the limit: the search's plan, against the simple
		 * bound, said to be that. */
		out->lp_bound = simple_bound;
		out->bound_simple = true;
		ok = true;
		goto chosen;
	}
	if (ret != 0 || glp_get_status(lp) != GLP_OPT) {
		*why = xasprintf("the solver (GLPK %s) could not solve the "
		                 "relaxation (code %d)",
		                 glp_version(), ret);
		goto out;
	}
	out->lp_bound = glp_get_obj_val(lp);
	/* Priorities are whole: no plan places more than the bound's
	 * whole part. */
	bound = (int)(out->lp_bound + 1e-6);
	if (found < bound)
		found = sched_search(k, &pk, pen, pick,
		                     rounds_for(k, SEARCH_ROUNDS_AFTER));
	/* Then rounds of small programs (schedule_lns.c), for the time
	 * left; the search again to put what they left out back in and to
	 * settle the tie-breaks. */
	if (found < bound && seconds_left(k) > LNS_MARGIN) {
		double deadline =
		    k->o->time_limit > 0
		        ? sched_now_seconds() + seconds_left(k) - LNS_MARGIN
		        : 0;

		found = sched_lns(k, &pk, pick, bound, deadline);
		found = sched_search(k, &pk, pen, pick, 0);
	}
	if (found >= bound) {
		out->optimal = true;
		ok = true;
		goto chosen;
	}
	left = seconds_left(k);
	if (left < 0.05) {
		/* No time for the branch and bound: the search's plan, with
		 * its gap. */
		ok = true;
		goto chosen;
	}

	/* The plan, with the tie-breaks. */
	for (i = 0; i < k->nc; i++)
		glp_set_obj_coef(lp, k->c[i].col,
		                 k->reqs->v[k->c[i].req].priority * unit -
		                     pen[i]);
	/* Re-solved with the tie-breaks within the time left: the bound
	 * is known already, so running out here leaves the search's plan
	 * and its gap, not an overrun of the limit. */
	smcp.tm_lim = (int)(left * 1000);
	if (smcp.tm_lim < 50)
		smcp.tm_lim = 50;
	resolve = sched_now_seconds();
	ret = glp_simplex(lp, &smcp);
	resolve = sched_now_seconds() - resolve;
	if (ret == GLP_ETMLIM) {
		ok = true;
		goto chosen;
	}
	if (ret != 0 || glp_get_status(lp) != GLP_OPT) {
		*why = xasprintf("the solver (GLPK %s) could not solve the "
		                 "relaxation (code %d)",
		                 glp_version(), ret);
		goto out;
	}
	/* The first incumbent: the search's plan, or the relaxation
	 * rounded when that is better; a time limit never leaves less. */
	{
		double *value = xcalloc(k->nc + 1, sizeof *value);
		long *rounded = xcalloc(k->reqs->n + 1, sizeof *rounded);

		for (i = 0; i < k->nc; i++)
			value[i] = glp_get_col_prim(lp, k->c[i].col);
		if (lp_rounding(k, value, rounded) > found) {
			memcpy(pick, rounded, k->reqs->n * sizeof *pick);
			found = plan_priority(k, pick);
		}
		free(rounded);
		free(value);
	}
	start = plan_point(k, pick, k->nc + ny);
	glp_init_iocp(&iocp);
	watch.start = start;
	watch.started = false;
	watch.unit = unit;
	watch.proved = false;
	iocp.cb_func = watch_tree;
	iocp.cb_info = &watch;
	iocp.msg_lev = GLP_MSG_OFF;
	left = seconds_left(k);
	/* GLPK looks at its limit (and calls watch_tree) between LPs only,
	 * and one LP of the search can cost eight times the re-solve above
	 * (benchmark, seed 7: 3.8 s against 0.47 s, for a 2 s limit): with
	 * less than ten re-solves' time left, the search's plan and its gap
	 * are the answer, in time. */
	if (left < 10 * resolve) {
		ok = true;
		goto chosen;
	}
	watch.deadline = sched_now_seconds() + left;
	if (left < 1e8)
		iocp.tm_lim = left < 0.05 ? 50 : (int)(left * 1000);
	ret = glp_intopt(lp, &iocp);
	status = glp_mip_status(lp);
	if ((ret != 0 && ret != GLP_ETMLIM && ret != GLP_ESTOP) ||
	    (status != GLP_OPT && status != GLP_FEAS)) {
		/* Stopped before it took the search's plan in: that plan. */
		if (ret == GLP_ETMLIM || ret == GLP_ESTOP) {
			ok = true;
			goto chosen;
		}
		*why = xasprintf("the solver (GLPK %s) found no plan (code "
		                 "%d, status %d)",
		                 glp_version(), ret, status);
		goto out;
	}
	out->optimal = (ret == 0 && status == GLP_OPT) || watch.proved;
	/* The branch and bound's plan, unless it is worse than the
	 * search's (it took that one in as its first, so it is not). */
	{
		long *mip = xcalloc(k->reqs->n + 1, sizeof *mip);

		for (ri = 0; ri < k->reqs->n; ri++)
			mip[ri] = -1;
		for (i = 0; i < k->nc; i++)
			if (glp_mip_col_val(lp, k->c[i].col) > 0.5)
				mip[k->c[i].req] = (long)i;
		if (plan_priority(k, mip) >= found)
			memcpy(pick, mip, k->reqs->n * sizeof *pick);
		free(mip);
	}
	ok = true;
chosen:
	for (ri = 0; ri < k->reqs->n; ri++)
		k->ask[ri].chosen = pick[ri];
out:
	free(start);
	free(pick);
	free(pen);
	sched_pack_free(&pk);
	sched_rows_free(&rows);
	if (lp != NULL)
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
void
sched_assign_rooms(struct ctx *k)
{
	const struct programme *p = k->p;
	long *v = xcalloc(k->reqs->n + 1, sizeof *v);
	dais_time *free_from = xcalloc(p->nrooms + 1, sizeof *free_from);
	size_t r, i, j, n;

	for (r = 0; r < p->nrooms; r++) {
		const struct room *rep = &p->rooms[r];

		if (k->rep[r] != rep || sched_class_size(k, rep) < 2)
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
