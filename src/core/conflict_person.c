/*
 * conflict_person.c: the rules of participants: double bookings and
 * changeovers of a person, availability (arrival and departure), and ids
 * participants.ini does not define.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conflict_internal.h"
#include "dais/xalloc.h"
#include "dais/strmap.h"

/* ---- Participants -------------------------------------------------------- */

static void
check_availability(struct check *ck, const struct participant *x,
                   const struct inc *e)
{
	const struct session *s;
	bool early, late;
	char *arr, *dep, *when, *msg;

	/* Most people come for the whole conference: no session to read. */
	if (x->arrival == DAIS_TIME_NONE && x->departure == DAIS_TIME_NONE)
		return;
	s = &ck->p->sessions[e->si];
	early = x->arrival != DAIS_TIME_NONE && s->start < x->arrival;
	late = x->departure != DAIS_TIME_NONE && ck->end[e->si] > x->departure;
	if (!early && !late)
		return;
	when = conflict_span_text(ck, s->start, ck->end[e->si]);
	arr = early ? conflict_when_text(ck, x->arrival) : NULL;
	dep = late ? conflict_when_text(ck, x->departure) : NULL;
	if (early && late)
		msg = xasprintf("%s arrives at %s and leaves at %s but is "
		                "assigned to '%s', %s.",
		                conflict_person_label(ck, e), arr, dep,
		                title_of(s), when);
	else if (early)
		msg = xasprintf("%s arrives at %s but is assigned to '%s', "
		                "%s.",
		                conflict_person_label(ck, e), arr, title_of(s),
		                when);
	else
		msg = xasprintf("%s leaves at %s but is assigned to '%s', %s.",
		                conflict_person_label(ck, e), dep, title_of(s),
		                when);
	free(arr);
	free(dep);
	free(when);
	conflict_emit_one(ck, CONFLICT_OUTSIDE_AVAILABILITY, e->si, NULL, x->id,
	                  msg);
}

static void
report_unknown_participant(struct check *ck, const struct inc *e)
{
	const struct session *s = &ck->p->sessions[e->si];
	const struct assignment *a = conflict_person_assignment(ck, e);
	const char *id = a->participant_id, *cn = a->cn;
	char *msg;

	if (cn != NULL && *cn != '\0' && strcmp(cn, id) != 0)
		msg = xasprintf("'%s' lists %s as participant '%s', an id "
		                "participants.ini does not define; add it "
		                "there or correct the id.",
		                title_of(s), cn, id);
	else
		msg = xasprintf("'%s' lists participant '%s', an id "
		                "participants.ini does not define; add it "
		                "there or correct the id.",
		                title_of(s), id);
	conflict_emit_one(ck, CONFLICT_UNKNOWN_REFERENCE, e->si, NULL, id, msg);
}

/*
 * The participants by id: the programme's own index (model.c) when it has
 * one, else a table hashed for this check (a programme put together
 * without programme_index(), as tests do). A plenary of hundreds makes
 * lookups the commonest thing the check does, and a binary search costs a
 * dozen string comparisons each. An id listed twice maps to its first.
 */
struct id_table {
	const struct programme *p;
	struct strmap own; /* used when p has no index */
};

static void
id_table_init(struct id_table *t, const struct programme *p)
{
	size_t i;

	memset(t, 0, sizeof *t);
	t->p = p;
	if (p->people_index != NULL)
		return;
	for (i = 0; i < p->npeople; i++)
		if (p->people[i].id != NULL)
			strmap_add(&t->own, p->people[i].id, i);
}

/*
 * The position of id among the people, or INC_UNKNOWN. The programme's
 * index was made with the registry (a copy of its 2 000 ids cost the check
 * a hash table of 100 KB, 60 page faults, at 10 000 sessions); an id it
 * does not find is looked for once more through the people themselves, so
 * that an index older than the registry can only cost time, never a
 * wrong answer. Each id is asked once (id_key).
 */
static uint32_t
id_table_get(const struct id_table *t, const char *id)
{
	const struct participant *x;
	size_t i;

	if (t->p->people_index == NULL)
		return strmap_get(&t->own, id, &i) ? (uint32_t)i : INC_UNKNOWN;
	x = programme_find_participant(t->p, id);
	if (x != NULL)
		return (uint32_t)(x - t->p->people);
	for (i = 0; i < t->p->npeople; i++)
		if (t->p->people[i].id != NULL &&
		    strcmp(t->p->people[i].id, id) == 0)
			return (uint32_t)i;
	return INC_UNKNOWN;
}

/*
 * The participant of an id, remembered by the id's address: the loader
 * keeps one copy of each id, so the sessions' tens of thousands of
 * assignments name a registry's people through a few thousand addresses,
 * and the table is asked once for each. Another string with the same id
 * is only asked again.
 */
static uint32_t
id_key(const struct id_table *ids, struct id_seen *seen, const char *id)
{
	struct id_seen *e =
	    &seen[((uintptr_t)id >> 4 ^ (uintptr_t)id >> 16) % ID_SEEN];

	if (e->id != id) {
		e->id = id;
		e->key = id_table_get(ids, id);
	}
	return e->key;
}

/*
 * Every assignment of a live session, in time order, keyed by participant
 * (unknown ids after the registry's, their ids sorted in
 * ck->unknown_people). Fills out; returns the number of keys.
 */
size_t
conflict_participant_incidences(struct check *ck, struct pending_list *out)
{
	const struct programme *p = ck->p;
	struct id_table ids;
	struct id_seen *seen;
	size_t i, j, mark;

	conflict_pending_init(out, &ck->space, ck->assigns);
	id_table_init(&ids, p);
	mark = ck->space.used;
	seen = conflict_take(&ck->space, ID_SEEN, sizeof *seen);
	memset(seen, 0, ID_SEEN * sizeof *seen);
	for (i = 0; i < ck->nlive; i++) {
		size_t si = ck->order[i];
		const struct session *s = &p->sessions[si];

		for (j = 0; j < s->nassign; j++) {
			const char *id = s->assign[j].participant_id;

			if (id == NULL)
				continue;
			conflict_pending_push(out, si, id_key(&ids, seen, id),
			                      id);
		}
	}
	/* Taken last: its part of the block is the grouping's. */
	conflict_give(&ck->space, seen);
	ck->space.used = mark;
	strmap_free(&ids.own);
	return p->npeople + conflict_pending_number_unknown(
	                        out, p->npeople, &ck->unknown_people);
}

void
conflict_check_participants(struct check *ck, const struct inc *v, size_t n)
{
	size_t lo, hi, i;

	for (lo = 0; lo < n; lo = hi) {
		const struct participant *x = conflict_person(ck, &v[lo]);

		for (hi = lo + 1; hi < n && v[hi].key == v[lo].key; hi++)
			;
		/*
		 * A group sends different delegates to overlapping or
		 * back-to-back sessions: its limit is the delegation check's
		 * business. Double bookings and changeovers bind a person (or
		 * an id no registry defines, which may be one).
		 */
		if (enabled(ck, CONFLICT_PARTICIPANT_DOUBLE_BOOKED) &&
		    (x == NULL || !participant_is_group(x)))
			conflict_pair_sweep(ck,
			                    CONFLICT_PARTICIPANT_DOUBLE_BOOKED,
			                    v + lo, hi - lo);
		if (enabled(ck, CONFLICT_TIGHT_CHANGEOVER) &&
		    (x == NULL || !participant_is_group(x)))
			conflict_changeover_sweep(ck, v + lo, hi - lo, true);
		for (i = lo; i < hi; i++) {
			if (x != NULL &&
			    enabled(ck, CONFLICT_OUTSIDE_AVAILABILITY))
				check_availability(ck, x, &v[i]);
			if (x == NULL &&
			    enabled(ck, CONFLICT_UNKNOWN_REFERENCE))
				report_unknown_participant(ck, &v[i]);
		}
	}
}
