/*
 * schedule.c (benchmark): the bilateral scheduler (schedule.h) on a
 * generated instance: 200 requests among 60 parties (48 ministers in 12
 * delegations with their delegates, and 12 organisations) over two days
 * of 08:00-20:00 on a 15-minute step, 8 bilateral rooms in two buildings,
 * around a programme that keeps every party busy part of each day. Prints
 * for the integer program the priority placed, the LP bound, whether it is
 * proved optimal (or the gap), the size and the time; and beside it the
 * greedy first-fit baseline (requests by priority, each at its first free
 * candidate), so the gain shows. Measures and prints only.
 *
 *	bench/schedule [-t SECONDS] [SEED...]
 *
 * -t: the run's time limit (dais schedule's default unless given).
 * The conference's frame and the random numbers are the unit tests'
 * (tests/unit/fixture_core.c), so a seed means the same here and there.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "dais/model.h"
#include "dais/requests.h"
#include "dais/schedule.h"
#include "dais/xalloc.h"
#include "fixture_core.h"

#define NDELEG             12
#define PER_DELEG          4 /* ministers and officials per delegation */
#define NORGS              12
#define NPARTIES           (NDELEG * PER_DELEG + NORGS)
#define NROOMS             8
#define NREQUESTS          200
#define NPLENARIES         10 /* per day, most parties in each */
#define DEFAULT_TIME_LIMIT 5  /* as dais schedule's */

/* Day 0 or 1 of the two: the unit tests' conference (fixture_core.h). */
static dais_time
at(const struct programme *p, int day, int minutes)
{
	return fixture_at(p, day + 1, minutes);
}

static const char *
party_id(const struct programme *p, unsigned i)
{
	return p->people[NDELEG + i].id; /* after the delegations */
}

static struct programme *
instance(void)
{
	struct programme *p = fixture_conference(2);
	struct walk *w;
	unsigned k, d, i;

	p->conf.day_start = 8 * 60;
	p->conf.day_end = 20 * 60;
	p->conf.changeover = 10;
	p->conf.step = 15;
	for (k = 0; k < CONFLICT_KIND_COUNT; k++)
		p->conf.severity[k] = SEVERITY_ERROR;
	p->conf.severity[CONFLICT_TIGHT_CHANGEOVER] = SEVERITY_WARNING;
	p->conf.severity[CONFLICT_OVER_CAPACITY] = SEVERITY_WARNING;
	p->conf.severity[CONFLICT_OUTSIDE_HOURS] = SEVERITY_WARNING;
	p->conf.severity[CONFLICT_INTERPRETATION_UNAVAILABLE] =
	    SEVERITY_WARNING;
	for (k = 0; k < 2; k++) {
		struct building *b = programme_add_building(p);

		b->id = xasprintf("b%u", k);
		b->name = xstrdup(b->id);
	}
	w = programme_add_walk(p);
	w->from = xstrdup("b0");
	w->to = xstrdup("b1");
	w->minutes = 15; /* longer than the changeover: walks matter */
	for (k = 0; k < NROOMS + 2; k++) {
		struct room *r = programme_add_room(p);

		r->id = xasprintf(k < NROOMS ? "bilateral-%u" : "hall-%u", k);
		r->name = xstrdup(r->id);
		r->building = xasprintf("b%u", k < NROOMS ? k % 2 : 0);
		r->capacity = k < NROOMS ? 12 : 600;
		strlist_add(&r->kinds, k < NROOMS ? "BILATERAL" : "PLENARY");
	}
	for (k = 0; k < NDELEG; k++) {
		struct participant *g = programme_add_participant(p);

		g->id = xasprintf("deleg-%u", k);
		g->name = xstrdup(g->id);
		g->kind = PARTICIPANT_DELEGATION;
		g->delegates = 2;
	}
	for (k = 0; k < NDELEG * PER_DELEG; k++) {
		struct participant *x = programme_add_participant(p);

		x->id = xasprintf("minister-%u", k);
		x->name = xstrdup(x->id);
		x->kind =
		    k % PER_DELEG ? PARTICIPANT_OFFICIAL : PARTICIPANT_MINISTER;
		x->delegation = xasprintf("deleg-%u", k / PER_DELEG);
		if (fixture_rnd(8) == 0) /* arrives late on the first day */
			x->arrival =
			    at(p, 0, 12 * 60 + 60 * (int)fixture_rnd(4));
	}
	for (k = 0; k < NORGS; k++) {
		struct participant *o = programme_add_participant(p);

		o->id = xasprintf("org-%u", k);
		o->name = xstrdup(o->id);
		o->kind = PARTICIPANT_ORGANISATION;
		o->delegates = 1;
	}
	programme_index(p);
	/* Plenaries and side sessions the parties are in. */
	for (d = 0; d < 2; d++)
		for (i = 0; i < NPLENARIES; i++) {
			struct session *s = programme_add_session(p);
			unsigned who;

			session_init(s);
			s->uid = xasprintf("plenary-%u-%u@bench", d, i);
			s->title = xstrdup(s->uid);
			s->kind = xstrdup("PLENARY");
			s->status = SESSION_CONFIRMED;
			s->start =
			    at(p, (int)d, 8 * 60 + 30 * (int)fixture_rnd(20));
			s->end = s->start +
			         60 * (45 + 15 * (dais_time)fixture_rnd(4));
			s->room_id = xasprintf("hall-%u", NROOMS + i % 2);
			for (who = 0; who < NPARTIES; who++)
				if (fixture_rnd(5) == 0)
					session_add_assignment(
					    s, party_id(p, who), ROLE_SPEAKER,
					    NULL);
		}
	programme_sort_sessions(p);
	return p;
}

static void
requests(const struct programme *p, struct request_list *l)
{
	size_t i;

	memset(l, 0, sizeof *l);
	l->path = xstrdup("requests.ini");
	for (i = 0; i < NREQUESTS; i++) {
		struct request *r;
		unsigned a = fixture_rnd(NPARTIES), b, day = fixture_rnd(2),
		         shape = fixture_rnd(4);

		/* Ministers of one delegation do not ask to meet. */
		do
			b = fixture_rnd(NPARTIES);
		while (b == a ||
		       (a < NDELEG * PER_DELEG && b < NDELEG * PER_DELEG &&
		        a / PER_DELEG == b / PER_DELEG));
		XGROW(l->v, l->n, l->cap);
		r = &l->v[l->n++];
		memset(r, 0, sizeof *r);
		r->id = xasprintf("request-%zu", i);
		r->line = (int)i + 1;
		strlist_add(&r->parties, party_id(p, a));
		strlist_add(&r->parties, party_id(p, b));
		r->minutes = 30 + 15 * (int)fixture_rnd(3);
		/* A whole day, a morning, an afternoon, or both days. */
		r->earliest = at(p, (int)day, shape == 2 ? 14 * 60 : 8 * 60);
		r->latest = at(p, shape == 3 ? 1 : (int)day,
		               shape == 1 ? 13 * 60 : 20 * 60);
		r->priority = 1 + (int)fixture_rnd(5);
		r->kind = xstrdup("BILATERAL");
		r->state = REQUEST_OPEN;
	}
}

/* CPU seconds (user and system) of this process so far: the machine is
 * shared, so wall time says little. */
static double
cpu_seconds(void)
{
	struct rusage u;

	getrusage(RUSAGE_SELF, &u);
	return (double)u.ru_utime.tv_sec + (double)u.ru_utime.tv_usec / 1e6 +
	       (double)u.ru_stime.tv_sec + (double)u.ru_stime.tv_usec / 1e6;
}

static void
show(const char *what, const struct schedule_result *r, double cpu)
{
	printf("  %-16s placed %3zu of %zu, priority %3d of %d", what,
	       r->placed, r->asked, r->priority_placed, r->priority_asked);
	if (r->nrows > 0 || r->lp_bound > 0) {
		printf(", %s %.1f, %s",
		       r->bound_simple ? "bound (no LP: the limit cut it)"
		                       : "LP bound",
		       r->lp_bound,
		       r->optimal ? "proved optimal" : "not proved");
		if (!r->optimal)
			printf(" (gap %.1f)", r->gap);
		printf(", %zu variables, %zu rows", r->ncandidates, r->nrows);
	}
	printf(", %.2f s CPU, %.2f s wall\n", cpu, r->seconds);
}

int
main(int argc, char **argv)
{
	double time_limit = SCHEDULE_DEFAULT_TIME_LIMIT;
	int i, first, last;

	if (argc > 2 && strcmp(argv[1], "-t") == 0) {
		time_limit = strtod(argv[2], NULL);
		argv += 2;
		argc -= 2;
	}
	first = argc > 1 ? 1 : 0;
	last = argc > 1 ? argc : 1;

	printf("scheduler: %d requests among %d parties, 2 days 08:00-20:00, "
	       "%d bilateral rooms in 2 buildings, 15-minute step\n",
	       NREQUESTS, NPARTIES, NROOMS);
	for (i = first; i < last; i++) {
		unsigned long long seed =
		    argc > 1 ? strtoull(argv[i], NULL, 10) : 2026;
		struct programme *p;
		struct request_list l;
		struct schedule_options o = {0};
		struct schedule_result ilp = {0}, greedy = {0};
		char *why = NULL;
		double load[3] = {0, 0, 0}, c0, c_ilp, c_greedy;

		fixture_seed(seed);
		p = instance();
		requests(p, &l);
		printf("seed %llu (%zu sessions already there)\n", seed,
		       p->nsessions);
		o.time_limit = time_limit;
		c0 = cpu_seconds();
		if (!schedule_plan(p, &l, &o, &ilp, &why)) {
			fprintf(stderr, "schedule: %s\n", why);
			return 1;
		}
		c_ilp = cpu_seconds() - c0;
		o.greedy = true;
		c0 = cpu_seconds();
		if (!schedule_plan(p, &l, &o, &greedy, &why)) {
			fprintf(stderr, "schedule: %s\n", why);
			return 1;
		}
		c_greedy = cpu_seconds() - c0;
		if (getloadavg(load, 3) < 0)
			load[0] = load[1] = load[2] = -1;
		show("integer program", &ilp, c_ilp);
		show("greedy first-fit", &greedy, c_greedy);
		printf("  gain: %+ld requests, %+d priority\n",
		       (long)ilp.placed - (long)greedy.placed,
		       ilp.priority_placed - greedy.priority_placed);
		printf("  load average %.2f %.2f %.2f\n", load[0], load[1],
		       load[2]);
		schedule_result_clear(&ilp);
		schedule_result_clear(&greedy);
		request_list_clear(&l);
		programme_free(p);
	}
	return 0;
}
