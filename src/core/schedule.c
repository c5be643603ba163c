/*
 * schedule.c: the bilateral requests placed by an integer program (GLPK).
 * This file runs it, tells what happened and applies a plan; the
 * candidates and the rows are built in schedule_model.c, the plan found
 * in schedule_solve.c (schedule_internal.h is what they share).
 *
 * Candidates. Each request's (start, room) pairs come from slots_find
 * with no conflict allowed, so each alone is clean against the programme.
 * The program only has to keep the chosen ones apart from each other.
 *
 * Interchangeable rooms (sched_room_classes) are one class: a request has one
 * candidate per class and start, and the rooms are given out after
 * solving (sched_assign_rooms).
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
 * same units as the plan: no plan places more. The plan comes first from
 * a local search on the program's rows (schedule_search.c), started from
 * the greedy plan; when it places every request that has a candidate it
 * is optimal without the LP. Otherwise the relaxation gives the bound;
 * when the search does not meet it, rounds of small integer programs
 * (schedule_lns.c: a stretch of the plan placed again by GLPK's branch
 * and bound, the rest kept) improve the plan for the time left, and only
 * when time is left after them does GLPK's branch and bound on the whole
 * program start from that plan, stopping once the priority is proved
 * (watch_tree) or at the time limit.
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
#include "schedule_internal.h"

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
	if (b.n == 0) {
		const struct dais_zone *z = &k->p->conf.zone;
		char t1[DAIS_TIMEBUF], t2[DAIS_TIMEBUF];

		/* "Wed 4 Nov 22:30 to Wed 4 Nov 23:30", as the other
		 * reasons name days */
		date_fmt_short(s1, time_local_date(z, r->earliest));
		date_fmt_short(s2, time_local_date(z, r->latest));
		strbuf_addf(
		    &b,
		    "its window (%s %s to %s %s) is outside the "
		    "conference's hours (%02d:%02d-%02d:%02d each "
		    "day).",
		    s1, time_fmt_hm(t1, z, r->earliest), s2,
		    time_fmt_hm(t2, z, r->latest), k->p->conf.day_start / 60,
		    k->p->conf.day_start % 60, k->p->conf.day_end / 60 % 24,
		    k->p->conf.day_end % 60);
	}
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
			if (!sched_clash(k, c, d) &&
			    !(c->room == d->room &&
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
	/* Who meets whom is not announced unless the request says so. */
	s->confidential = !r->public;
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
			if (pl->exists) {
				const struct session *was =
				    &k->p->sessions[a->set_aside];

				/* It keeps its title (schedule_apply moves
				 * it, nothing more): the plan says the one
				 * it has, not what request_title makes now. */
				free(pl->session.title);
				pl->session.title = xstrdup(was->title);
				pl->moved = was->start != pl->session.start ||
				            was->end != pl->session.end ||
				            strcmp(was->room_id,
				                   pl->session.room_id) != 0;
			}
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
		/* A bilateral the organiser cancelled stays cancelled:
		 * --replan neither brings it back nor moves it. */
		if (at >= 0 && k->p->sessions[at].status == SESSION_CANCELLED)
			a->asked = false;
		if (a->asked && at >= 0) {
			a->set_aside = at;
			a->old_status = k->p->sessions[at].status;
		}
		sched_ask_parties(k, r, a);
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
	double t0 = sched_now_seconds();
	size_t ri, i;
	bool ok = false;

	memset(out, 0, sizeof *out);
	memset(&k, 0, sizeof k);
	*why = NULL;
	k.p = p;
	k.reqs = reqs;
	k.o = o;
	k.t0 = t0;
	k.room_rule = sched_enabled(p, CONFLICT_ROOM_DOUBLE_BOOKED);
	k.person_rule = sched_enabled(p, CONFLICT_PARTICIPANT_DOUBLE_BOOKED);
	k.group_rule = sched_enabled(p, CONFLICT_DELEGATION_OVER_COMMITTED);
	k.tight = sched_enabled(p, CONFLICT_TIGHT_CHANGEOVER);
	k.gap = k.tight ? (dais_time)p->conf.changeover * 60 : 0;
	for (i = 0; i < p->nwalks; i++)
		if (p->walks[i].minutes > k.max_walk)
			k.max_walk = p->walks[i].minutes;
	k.ask = xcalloc(reqs->n + 1, sizeof *k.ask);
	choose_asked(&k);
	k.x = session_index_new(p);
	sched_room_classes(&k);
	if (!sched_find_candidates(&k, why))
		goto out;
	{
		long *first = xcalloc(reqs->n + 1, sizeof *first);
		int priority = sched_greedy(&k, first);

		out->ncandidates = k.nc;
		for (ri = 0; ri < reqs->n; ri++)
			k.ask[ri].chosen = o->greedy ? first[ri] : -1;
		ok = true;
		if (!o->greedy)
			ok = sched_solve(&k, first, priority, out, why);
		free(first);
	}
	if (!o->greedy) {
		/* GLPK keeps an environment per thread; give it back, so a
		 * leak checker sees none (nothing else here uses GLPK). */
		glp_free_env();
	}
	if (ok) {
		sched_assign_rooms(&k);
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
	out->seconds = sched_now_seconds() - t0;
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
		/* A session already there keeps its status (an organiser's
		 * TENTATIVE stays so); only its time and room follow the
		 * plan, and only when they change. */
		if (!r->v[i].moved)
			continue;
		if (!edit_set_room(ed, s->uid, DAIS_TIME_NONE, s->room_id, NULL,
		                   why) ||
		    !edit_set_times(ed, s->uid, DAIS_TIME_NONE, s->start,
		                    s->end, why))
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
