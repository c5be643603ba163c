/*
 * test_slots.c: the slot search (slots.h) against a brute-force oracle. On
 * small random programmes (two buildings with a walk, changeover, people
 * in delegations with delegate limits, arrivals and departures, cancelled,
 * zero-length and touching sessions) every start on the grid in every
 * allowed room is applied to the programme and the whole conflict check is
 * run: the search must list exactly the pairs where the meeting is in no
 * conflict (or, with warnings allowed, in no error). So every candidate is
 * clean when applied, and no clean one is missed.
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
#include "dais/model.h"
#include "dais/session_index.h"
#include "dais/slots.h"
#include "dais/xalloc.h"
#include "fixture_core.h"

#define NROOMS  4
#define NPEOPLE 8
#define NGROUPS 2

/* `minutes` after midnight on day 0 (the first) or 1. */
static dais_time
at(const struct programme *p, int day, int minutes)
{
	return fixture_at(p, day + 1, minutes);
}

static struct programme *
random_programme(void)
{
	struct programme *p = fixture_conference(2);
	struct walk *w;
	unsigned k, i, n = 10 + fixture_rnd(25);

	p->conf.day_start = 9 * 60;
	p->conf.day_end = 13 * 60;
	p->conf.changeover = 5 * (int)fixture_rnd(3);
	p->conf.step = 15;
	for (k = 0; k < CONFLICT_KIND_COUNT; k++)
		p->conf.severity[k] = SEVERITY_ERROR;
	p->conf.severity[CONFLICT_TIGHT_CHANGEOVER] = SEVERITY_WARNING;
	p->conf.severity[CONFLICT_OVER_CAPACITY] = SEVERITY_WARNING;
	p->conf.severity[CONFLICT_INTERPRETATION_UNAVAILABLE] =
	    SEVERITY_WARNING;
	p->conf.severity[CONFLICT_OUTSIDE_HOURS] = SEVERITY_WARNING;
	for (k = 0; k < 2; k++) {
		struct building *b = programme_add_building(p);

		b->id = xasprintf("b%u", k);
		b->name = xstrdup(b->id);
	}
	w = programme_add_walk(p);
	w->from = xstrdup("b0");
	w->to = xstrdup("b1");
	w->minutes = 10;
	for (k = 0; k < NROOMS; k++) {
		struct room *r = programme_add_room(p);

		r->id = xasprintf("room%u", k);
		r->name = xstrdup(r->id);
		r->building = xasprintf("b%u", k % 2);
		r->capacity = 10 + 10 * (int)k;
		if (k != 1)
			strlist_add(&r->languages, "ar");
		if (k == 3)
			strlist_add(&r->kinds, "PLENARY");
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
		x->delegation = k < 6 ? xasprintf("group%u", k % 2) : NULL;
		x->arrival = fixture_rnd(4) == 0
		                 ? at(p, 0, 10 * 60 + 15 * (int)fixture_rnd(4))
		                 : DAIS_TIME_NONE;
		x->departure =
		    fixture_rnd(4) == 0
		        ? at(p, 1, 11 * 60 + 15 * (int)fixture_rnd(4))
		        : DAIS_TIME_NONE;
	}
	programme_index(p);
	for (i = 0; i < n; i++) {
		struct session *s = programme_add_session(p);
		unsigned j, na = fixture_rnd(3);
		char *id;

		session_init(s);
		s->uid = xasprintf("s%u@test", i);
		s->title = xstrdup(s->uid);
		s->start = at(p, (int)fixture_rnd(2),
		              9 * 60 + 15 * (int)fixture_rnd(16));
		/* Zero-length ones too; ends on the grid and off it. */
		s->end = s->start + 60 * (5 * (dais_time)fixture_rnd(19));
		s->status =
		    fixture_rnd(8) == 0 ? SESSION_CANCELLED : SESSION_CONFIRMED;
		s->room_id = xasprintf("room%u", fixture_rnd(NROOMS));
		for (j = 0; j < na; j++) {
			id = fixture_rnd(6) == 0
			         ? xasprintf("group%u", fixture_rnd(NGROUPS))
			         : xasprintf("person%u", fixture_rnd(NPEOPLE));
			if (session_find_assignment(s, id) < 0)
				session_add_assignment(s, id, ROLE_SPEAKER,
				                       NULL);
			free(id);
		}
	}
	programme_sort_sessions(p);
	return p;
}

/* The conflicts session `si` takes part in, with the programme as it is:
 * their worst severity (SEVERITY_OFF: none). */
static enum severity
worst_for(const struct programme *p, size_t si)
{
	struct conflict_list cl = {0};
	enum severity worst = SEVERITY_OFF;
	size_t i;

	conflict_check(p, &cl);
	for (i = 0; i < cl.n; i++)
		if (conflict_involves(&cl.v[i], si) && cl.v[i].severity > worst)
			worst = cl.v[i].severity;
	conflict_list_clear(&cl);
	return worst;
}

static bool
listed(const struct slot_result *r, dais_time start, const char *room)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (r->v[i].start == start &&
		    strcmp(r->v[i].room->id, room) == 0)
			return true;
	return false;
}

static bool
room_allowed(const struct room *r, const char *kind)
{
	return kind == NULL || r->kinds.n == 0 || strlist_has(&r->kinds, kind);
}

/*
 * The oracle: applies every (start, room) on the grid of the asked days to
 * a session of the programme (the moving one, or a new one appended) and
 * runs the whole check.
 */
static void
oracle(struct programme *p, const struct slot_query *q, long self,
       const struct session *tpl, const struct slot_result *r)
{
	size_t listed_ok = 0, k, d;
	int minutes = (int)((tpl->end - tpl->start) / 60);

	for (d = 0; d < p->conf.ndays; d++) {
		dais_time t;

		if (q->day >= 0 && (size_t)q->day != d)
			continue;
		for (t = at(p, (int)d, p->conf.day_start);
		     t + minutes * 60 <= at(p, (int)d, p->conf.day_end);
		     t += p->conf.step * 60) {
			for (k = 0; k < p->nrooms; k++) {
				struct session *s;
				size_t si;
				enum severity w;
				bool clean, shown;

				if (!room_allowed(&p->rooms[k], q->kind))
					continue;
				if (self >= 0) {
					s = &p->sessions[self];
					si = (size_t)self;
				} else {
					s = programme_add_session(p);
					session_copy(s, tpl);
					si = p->nsessions - 1;
				}
				{
					dais_time old_start = s->start,
					          old_end = s->end;
					char *old_room = s->room_id;
					enum session_status old_status =
					    s->status;

					/* A cancelled session is asked about as
					 * if restored. */
					s->status = SESSION_CONFIRMED;
					s->start = t;
					s->end = t + minutes * 60;
					s->room_id = p->rooms[k].id;
					w = worst_for(p, si);
					s->start = old_start;
					s->end = old_end;
					s->room_id = old_room;
					s->status = old_status;
				}
				if (self < 0) {
					session_free(s);
					p->nsessions--;
				}
				clean = w == SEVERITY_OFF ||
				        (q->allow_warnings &&
				         w == SEVERITY_WARNING);
				shown = listed(r, t, p->rooms[k].id);
				if (clean != shown)
					fail_msg(
					    "day %zu %d min %s: the check "
					    "says %s, the search %s",
					    d,
					    time_local_minutes(&p->conf.zone,
					                       t),
					    p->rooms[k].id,
					    clean ? "clean" : "not clean",
					    shown ? "lists it" : "does not");
				listed_ok += shown;
			}
		}
	}
	assert_int_equal(listed_ok, r->n);
}

static void
test_oracle(void **state)
{
	unsigned seed, round, total = 0;

	(void)state;
	for (seed = 1; seed <= 60; seed++) {
		struct programme *p;
		struct session_index *x;

		fixture_seed(seed * 7919);
		p = random_programme();
		x = session_index_new(p);
		for (round = 0; round < 4; round++) {
			struct slot_query q;
			struct slot_result r = {0};
			struct strlist langs = {0};
			const char *with[3];
			char *ids[3], *why = NULL;
			struct session tpl;
			unsigned j, nwith = 1 + fixture_rnd(3), made = nwith;
			long self = -1;

			memset(&q, 0, sizeof q);
			q.day = (int)fixture_rnd(3) - 1;
			q.prefer = -1;
			q.earliest = q.latest = DAIS_TIME_NONE;
			q.allow_warnings = fixture_rnd(2) == 0;
			q.kind = fixture_rnd(3) == 0 ? "PLENARY" : NULL;
			q.expected = fixture_rnd(3) == 0 ? 25 : 0;
			if (fixture_rnd(3) == 0)
				strlist_add(&langs, "ar");
			q.languages = &langs;
			if (round == 3 && p->nsessions > 0) {
				/* Moving an existing session. */
				self =
				    (long)fixture_rnd((unsigned)p->nsessions);
				if (p->sessions[self].end <=
				    p->sessions[self].start)
					self = -1;
			}
			for (j = 0; j < nwith; j++)
				ids[j] = j == 2 && fixture_rnd(2)
				             ? xasprintf("group%u",
				                         fixture_rnd(NGROUPS))
				             : xasprintf("person%u",
				                         fixture_rnd(NPEOPLE));
			/* Parties named once. */
			for (j = 1; j < nwith; j++)
				if (strcmp(ids[j], ids[j - 1]) == 0 ||
				    (j == 2 && strcmp(ids[2], ids[0]) == 0))
					nwith = j;
			for (j = 0; j < nwith; j++)
				with[j] = ids[j];
			if (self >= 0) {
				q.session_uid = p->sessions[self].uid;
				q.session_rid = p->sessions[self].recurrence_id;
				q.kind = NULL;
				q.expected = 0;
				strlist_clear(&langs);
			} else {
				q.with = with;
				q.nwith = nwith;
				q.minutes = 15 + 15 * (int)fixture_rnd(4);
			}
			assert_true(slots_find(x, &q, &r, &why));
			session_init(&tpl);
			if (self >= 0)
				session_copy(&tpl, &p->sessions[self]);
			else {
				struct slot_candidate c;
				struct room dummy;

				memset(&c, 0, sizeof c);
				memset(&dummy, 0, sizeof dummy);
				dummy.id = "room0";
				dummy.name = "room0";
				c.room = &dummy;
				c.start = at(p, 0, 9 * 60);
				c.end = c.start + q.minutes * 60;
				slots_candidate_session(x, &q, &c, &tpl);
			}
			oracle(p, &q, self, &tpl, &r);
			/* Nothing found: a line per day asked about. */
			if (r.n == 0)
				assert_int_equal(r.why_not.n,
				                 q.day >= 0 ? 1 : 2);
			total += (unsigned)r.n;
			session_free(&tpl);
			slot_result_clear(&r);
			strlist_clear(&langs);
			for (j = 0; j < made; j++)
				free(ids[j]);
		}
		session_index_free(x);
		programme_free(p);
	}
	/* The runs found something to compare. */
	assert_true(total > 100);
}

/* Bad input is named. */
static void
test_bad_input(void **state)
{
	struct programme *p;
	struct session_index *x;
	struct slot_query q;
	struct slot_result r = {0};
	const char *nobody[] = {"nobody"}, *twice[] = {"person1", "person1"};
	char *why = NULL;

	(void)state;
	fixture_seed(5);
	p = random_programme();
	x = session_index_new(p);
	memset(&q, 0, sizeof q);
	q.day = -1;
	q.prefer = -1;
	q.earliest = q.latest = DAIS_TIME_NONE;
	q.minutes = 30;
	q.with = nobody;
	q.nwith = 1;
	assert_false(slots_find(x, &q, &r, &why));
	assert_non_null(strstr(why, "'nobody'"));
	free(why);
	q.with = twice;
	q.nwith = 2;
	assert_false(slots_find(x, &q, &r, &why));
	assert_non_null(strstr(why, "twice"));
	free(why);
	q.nwith = 1;
	q.minutes = 0;
	assert_false(slots_find(x, &q, &r, &why));
	free(why);
	q.minutes = 30;
	strlist_add(&p->conf.kinds, "PLENARY");
	q.kind = "GALA";
	assert_false(slots_find(x, &q, &r, &why));
	assert_non_null(strstr(why, "GALA"));
	free(why);
	q.kind = NULL;
	q.day = 2;
	assert_false(slots_find(x, &q, &r, &why));
	free(why);
	slot_result_clear(&r);
	session_index_free(x);
	programme_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_oracle),
	    cmocka_unit_test(test_bad_input),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
