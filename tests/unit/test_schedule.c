/*
 * test_schedule.c: the bilateral scheduler (schedule.h) against exhaustive
 * search. On small random programmes (two buildings with a walk, a
 * changeover, people in delegations with delegate limits, arrivals and
 * departures, sessions already there) and a few random requests, every
 * combination of (start, room) per request, or none, is applied to the
 * programme and put to the whole conflict check: the best priority among
 * the combinations where no new session is in a conflict must be the
 * scheduler's, and the scheduler's own plan must be such a combination.
 * Then: the same input gives the same plan; with no time for the branch
 * and bound, the local search's plan alone is clean, at least the greedy
 * plan's, never above the optimum, and called optimal only when it is;
 * the greedy baseline never beats it, a second run after applying the
 * plan places nothing new, and --replan finds the same priority.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dais/conflict.h"
#include "dais/edit.h"
#include "dais/model.h"
#include "dais/requests.h"
#include "dais/schedule.h"
#include "dais/xalloc.h"
#include "fixture_core.h"

#define NROOMS  3
#define NPEOPLE 6
#define NGROUPS 2
#define NREQ    5

/* The one day of these programmes: the fixture conference's first. */
static dais_time
at(const struct programme *p, int minutes)
{
	return fixture_at(p, 1, minutes);
}

static struct programme *
random_programme(void)
{
	struct programme *p = fixture_conference(1);
	struct walk *w;
	unsigned k, i, n = fixture_rnd(8);

	p->conf.day_start = 9 * 60;
	p->conf.day_end = 12 * 60;
	p->conf.changeover = 5 * (int)fixture_rnd(3);
	p->conf.step = 30;
	for (k = 0; k < CONFLICT_KIND_COUNT; k++)
		p->conf.severity[k] = SEVERITY_ERROR;
	p->conf.severity[CONFLICT_TIGHT_CHANGEOVER] = SEVERITY_WARNING;
	p->conf.severity[CONFLICT_OVER_CAPACITY] = SEVERITY_WARNING;
	p->conf.severity[CONFLICT_OUTSIDE_HOURS] = SEVERITY_WARNING;
	for (k = 0; k < 2; k++) {
		struct building *b = programme_add_building(p);

		b->id = xasprintf("b%u", k);
		b->name = xstrdup(b->id);
	}
	w = programme_add_walk(p);
	w->from = xstrdup("b0");
	w->to = xstrdup("b1");
	/* Sometimes longer than the changeover, so that walks matter. */
	w->minutes = fixture_rnd(2) ? 40 : 5;
	for (k = 0; k < NROOMS; k++) {
		struct room *r = programme_add_room(p);

		r->id = xasprintf("room%u", k);
		r->name = xstrdup(r->id);
		r->building = xasprintf("b%u", k == 2);
		r->capacity = 10;
		if (k < 2)
			strlist_add(&r->kinds, "BILATERAL");
	}
	for (k = 0; k < NGROUPS; k++) {
		struct participant *g = programme_add_participant(p);

		g->id = xasprintf("group%u", k);
		g->name = xstrdup(g->id);
		g->kind = PARTICIPANT_DELEGATION;
		g->delegates = 1 + (int)fixture_rnd(2);
	}
	for (k = 0; k < NPEOPLE; k++) {
		struct participant *x = programme_add_participant(p);

		x->id = xasprintf("person%u", k);
		x->name = xstrdup(x->id);
		x->kind = PARTICIPANT_MINISTER;
		x->delegation = k < 4 ? xasprintf("group%u", k % 2) : NULL;
		x->arrival =
		    fixture_rnd(5) == 0 ? at(p, 10 * 60) : DAIS_TIME_NONE;
	}
	programme_index(p);
	for (i = 0; i < n; i++) {
		struct session *s = programme_add_session(p);
		char *id;

		session_init(s);
		s->uid = xasprintf("s%u@test", i);
		s->title = xstrdup(s->uid);
		s->kind = xstrdup("SIDE-SESSION");
		s->start = at(p, 9 * 60 + 15 * (int)fixture_rnd(10));
		s->end = s->start + 60 * (15 + 15 * (dais_time)fixture_rnd(4));
		s->status = SESSION_CONFIRMED;
		s->room_id = xasprintf("room%u", fixture_rnd(NROOMS));
		id = fixture_rnd(3) == 0
		         ? xasprintf("group%u", fixture_rnd(NGROUPS))
		         : xasprintf("person%u", fixture_rnd(NPEOPLE));
		session_add_assignment(s, id, ROLE_SPEAKER, NULL);
		free(id);
	}
	programme_sort_sessions(p);
	return p;
}

/* n random requests between two of the programme's parties. */
static void
random_requests(const struct programme *p, struct request_list *l, size_t n)
{
	size_t i;

	memset(l, 0, sizeof *l);
	l->path = xstrdup("requests.ini");
	l->v = xcalloc(n, sizeof *l->v);
	l->cap = n;
	for (i = 0; i < n; i++) {
		struct request *r = &l->v[l->n++];
		unsigned a = fixture_rnd(NPEOPLE + NGROUPS), b;
		char *id;

		do
			b = fixture_rnd(NPEOPLE + NGROUPS);
		while (b == a);
		r->id = xasprintf("r%zu", i);
		r->line = (int)i + 1;
		id = a < NPEOPLE ? xasprintf("person%u", a)
		                 : xasprintf("group%u", a - NPEOPLE);
		strlist_add(&r->parties, id);
		free(id);
		id = b < NPEOPLE ? xasprintf("person%u", b)
		                 : xasprintf("group%u", b - NPEOPLE);
		strlist_add(&r->parties, id);
		free(id);
		r->minutes = fixture_rnd(2) ? 30 : 60;
		r->earliest = at(p, 9 * 60 + 30 * (int)fixture_rnd(2));
		r->latest = at(p, 12 * 60 - 30 * (int)fixture_rnd(2));
		r->priority = 1 + (int)fixture_rnd(5);
		r->kind =
		    xstrdup(fixture_rnd(3) ? "BILATERAL" : "SIDE-SESSION");
		r->state = REQUEST_OPEN;
	}
}

/* ---- The exhaustive search ----------------------------------------------- */

struct search {
	struct programme *p;
	const struct request_list *reqs;
	size_t base; /* sessions before any request */
	int best;
	long long nodes;
};

/* Whether some session at or after `base` is in a conflict. */
static bool
new_ones_clash(const struct programme *p, size_t base)
{
	struct conflict_list cl = {0};
	size_t i, j;
	bool clash = false;

	conflict_check(p, &cl);
	for (i = 0; i < cl.n && !clash; i++)
		for (j = base; j < p->nsessions && !clash; j++)
			clash = conflict_involves(&cl.v[i], j);
	conflict_list_clear(&cl);
	return clash;
}

static bool
oracle_room_serves(const struct room *r, const char *kind)
{
	return r->kinds.n == 0 || strlist_has(&r->kinds, kind);
}

static void
push_request(struct programme *p, const struct request *r, dais_time start,
             const struct room *room)
{
	struct session *s = programme_add_session(p);
	size_t i;

	session_init(s);
	s->uid = xasprintf("try-%s@test", r->id);
	s->title = xstrdup(r->id);
	s->kind = xstrdup("BILATERAL");
	s->status = SESSION_CONFIRMED;
	s->start = start;
	s->end = start + (dais_time)r->minutes * 60;
	s->room_id = xstrdup(room->id);
	for (i = 0; i < r->parties.n; i++)
		session_add_assignment(s, r->parties.v[i], ROLE_PARTICIPANT,
		                       NULL);
}

static void
pop_session(struct programme *p)
{
	session_free(&p->sessions[--p->nsessions]);
}

static void
exhaust(struct search *s, size_t ri, int sum)
{
	const struct request *r;
	int left = 0;
	size_t i, k;
	dais_time t;

	s->nodes++;
	if (sum > s->best)
		s->best = sum;
	if (ri == s->reqs->n)
		return;
	for (i = ri; i < s->reqs->n; i++)
		left += s->reqs->v[i].priority;
	if (sum + left <= s->best)
		return;
	r = &s->reqs->v[ri];
	for (t = at(s->p, 9 * 60); t + r->minutes * 60 <= at(s->p, 12 * 60);
	     t += s->p->conf.step * 60) {
		if (t < r->earliest || t + r->minutes * 60 > r->latest)
			continue;
		for (k = 0; k < s->p->nrooms; k++) {
			if (!oracle_room_serves(&s->p->rooms[k], r->kind))
				continue;
			push_request(s->p, r, t, &s->p->rooms[k]);
			if (!new_ones_clash(s->p, s->base))
				exhaust(s, ri + 1, sum + r->priority);
			pop_session(s->p);
		}
	}
	exhaust(s, ri + 1, sum);
}

/* ---- The checks ---------------------------------------------------------- */

/* The plan's sessions, appended: none of them in a conflict. */
static void
assert_plan_clean(struct programme *p, const struct schedule_result *r)
{
	size_t base = p->nsessions, i;

	for (i = 0; i < r->n; i++) {
		struct session *s = programme_add_session(p);

		session_copy(s, &r->v[i].session);
	}
	assert_false(new_ones_clash(p, base));
	while (p->nsessions > base)
		pop_session(p);
}

/* Two results place the same requests at the same times in the same
 * rooms. */
static void
assert_same_plan(const struct schedule_result *a,
                 const struct schedule_result *b)
{
	size_t i;

	assert_int_equal(a->n, b->n);
	assert_int_equal(a->priority_placed, b->priority_placed);
	for (i = 0; i < a->n; i++) {
		assert_int_equal(a->v[i].request, b->v[i].request);
		assert_true(a->v[i].session.start == b->v[i].session.start);
		assert_string_equal(a->v[i].session.room_id,
		                    b->v[i].session.room_id);
	}
}

/*
 * Many requests for few rooms and hours, where the local search falls
 * short of the relaxation's bound and the rounds of small programs
 * (schedule_lns.c) run: their plans, which keep some meetings and place
 * others beside them, are clean (the whole conflict check), never below
 * the search's alone, within the bound, and with a gap when not proved
 * optimal. (On these, the rounds gain on about half of the programmes.)
 */
static void
test_rounds_keep_plans_clean(void **state)
{
	unsigned seed;
	int gained = 0;

	(void)state;
	for (seed = 100; seed < 106; seed++) {
		struct programme *p;
		struct request_list reqs;
		struct schedule_options o = {0};
		struct schedule_result r = {0}, quick = {0};
		char *why = NULL;

		fixture_seed(seed);
		p = random_programme();
		random_requests(p, &reqs, 24);
		o.time_limit = 1e-9; /* the search alone */
		assert_true(schedule_plan(p, &reqs, &o, &quick, &why));
		o.time_limit = 0.5;
		assert_true(schedule_plan(p, &reqs, &o, &r, &why));
		assert_null(why);
		assert_plan_clean(p, &r);
		assert_true(r.priority_placed >= quick.priority_placed);
		assert_true(r.lp_bound + 1e-6 >= r.priority_placed);
		if (!r.optimal)
			assert_true(r.gap > 0);
		gained += r.priority_placed > quick.priority_placed;
		schedule_result_clear(&quick);
		schedule_result_clear(&r);
		request_list_clear(&reqs);
		programme_free(p);
	}
	print_message("rounds gained on %d of 6 programmes\n", gained);
}

static void
test_against_exhaustive_search(void **state)
{
	unsigned seed;
	long long nodes = 0;
	int placed_total = 0, searched = 0;

	(void)state;
	for (seed = 1; seed <= 40; seed++) {
		struct programme *p;
		struct request_list reqs;
		struct schedule_options o = {0};
		struct schedule_result r = {0}, g = {0}, again = {0},
		                       quick = {0};
		struct search s;
		char *why = NULL;

		fixture_seed(seed);
		p = random_programme();
		random_requests(p, &reqs, NREQ);
		assert_true(schedule_plan(p, &reqs, &o, &r, &why));
		assert_null(why);
		memset(&s, 0, sizeof s);
		s.p = p;
		s.reqs = &reqs;
		s.base = p->nsessions;
		s.best = 0;
		exhaust(&s, 0, 0);
		nodes += s.nodes;
		if (r.priority_placed != s.best)
			fail_msg("seed %u: the scheduler placed priority %d, "
			         "exhaustive search %d",
			         seed, r.priority_placed, s.best);
		assert_true(r.optimal);
		assert_true(r.lp_bound + 1e-6 >= r.priority_placed);
		assert_plan_clean(p, &r);
		placed_total += r.priority_placed;

		/* The same input, the same plan. */
		assert_true(schedule_plan(p, &reqs, &o, &again, &why));
		assert_same_plan(&r, &again);

		/* With no time for the branch and bound: the local search's
		 * plan, clean, and honest about the bound. */
		o.time_limit = 1e-9;
		assert_true(schedule_plan(p, &reqs, &o, &quick, &why));
		assert_plan_clean(p, &quick);
		assert_true(quick.priority_placed <= s.best);
		assert_true(quick.lp_bound + 1e-6 >= s.best);
		if (quick.optimal)
			assert_int_equal(quick.priority_placed, s.best);
		else
			assert_true(quick.gap > 0);
		searched += quick.priority_placed == s.best;
		o.time_limit = 0;

		o.greedy = true;
		assert_true(schedule_plan(p, &reqs, &o, &g, &why));
		assert_true(g.priority_placed <= r.priority_placed);
		/* The search starts from the greedy plan and keeps only
		 * better ones. */
		assert_true(g.priority_placed <= quick.priority_placed);
		assert_plan_clean(p, &g);

		schedule_result_clear(&g);
		schedule_result_clear(&again);
		schedule_result_clear(&quick);
		schedule_result_clear(&r);
		request_list_clear(&reqs);
		programme_free(p);
	}
	/* The instances were not all trivial. */
	assert_true(placed_total > 40);
	assert_true(nodes > 1000);
	/* The search alone finds most of these optima. */
	assert_true(searched >= 30);
}

/* Applied through an editor and marked, a second run has nothing to do;
 * --replan plans everything again and finds the same priority. */
static void
test_rerun_and_replan(void **state)
{
	unsigned seed;

	(void)state;
	for (seed = 100; seed < 110; seed++) {
		struct programme *p;
		struct request_list reqs;
		struct schedule_options o = {0};
		struct schedule_result r = {0}, again = {0}, re = {0};
		struct editor *ed;
		const char *refused = NULL;
		char *why = NULL;
		size_t before;

		fixture_seed(seed);
		p = random_programme();
		random_requests(p, &reqs, NREQ);
		ed = editor_new(p);
		before = p->nsessions;
		assert_true(schedule_plan(p, &reqs, &o, &r, &why));
		assert_true(schedule_apply(ed, &r, &refused));
		assert_int_equal(p->nsessions, before + r.n);
		schedule_mark_requests(&reqs, &r);

		assert_true(schedule_plan(p, &reqs, &o, &again, &why));
		assert_int_equal(again.n, 0);
		assert_int_equal(again.asked, reqs.n - r.placed);
		assert_int_equal(again.placed, 0);

		o.replan = true;
		assert_true(schedule_plan(p, &reqs, &o, &re, &why));
		assert_int_equal(re.asked, reqs.n);
		assert_int_equal(re.priority_placed, r.priority_placed);
		assert_true(schedule_apply(ed, &re, &refused));
		assert_int_equal(p->nsessions, before + re.n);

		/* Undone, the programme is as it was. */
		while (editor_can_undo(ed))
			assert_true(editor_undo(ed, &refused));
		assert_int_equal(p->nsessions, before);

		schedule_result_clear(&r);
		schedule_result_clear(&again);
		schedule_result_clear(&re);
		editor_free(ed);
		request_list_clear(&reqs);
		programme_free(p);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_against_exhaustive_search),
	    cmocka_unit_test(test_rerun_and_replan),
	    cmocka_unit_test(test_rounds_keep_plans_clean),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
