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
check_availability(struct check *ck, const struct inc *e)
{
	const struct participant *x = e->x;
	const struct session *s = &ck->p->sessions[e->si];
	bool early = x->arrival != DAIS_TIME_NONE && s->start < x->arrival;
	bool late =
	    x->departure != DAIS_TIME_NONE && ck->end[e->si] > x->departure;
	char *arr, *dep, *when, *msg;

	if (!early && !late)
		return;
	when = conflict_span_text(ck, s->start, ck->end[e->si]);
	arr = early ? conflict_when_text(ck, x->arrival) : NULL;
	dep = late ? conflict_when_text(ck, x->departure) : NULL;
	if (early && late)
		msg = xasprintf("%s arrives at %s and leaves at %s but is "
		                "assigned to '%s', %s.",
		                conflict_person_label(e), arr, dep, title_of(s),
		                when);
	else if (early)
		msg =
		    xasprintf("%s arrives at %s but is assigned to '%s', "
		              "%s.",
		              conflict_person_label(e), arr, title_of(s), when);
	else
		msg =
		    xasprintf("%s leaves at %s but is assigned to '%s', %s.",
		              conflict_person_label(e), dep, title_of(s), when);
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
	char *msg;

	if (e->cn != NULL && *e->cn != '\0' && strcmp(e->cn, e->id) != 0)
		msg = xasprintf("'%s' lists %s as participant '%s', an id "
		                "participants.ini does not define; add it "
		                "there or correct the id.",
		                title_of(s), e->cn, e->id);
	else
		msg = xasprintf("'%s' lists participant '%s', an id "
		                "participants.ini does not define; add it "
		                "there or correct the id.",
		                title_of(s), e->id);
	conflict_emit_one(ck, CONFLICT_UNKNOWN_REFERENCE, e->si, NULL, e->id,
	                  msg);
}

/*
 * Participant ids hashed once per check: a plenary of hundreds makes
 * lookups the commonest thing the check does, and a binary search costs a
 * dozen string comparisons each. An id listed twice maps to its first.
 */
static void
id_table_init(struct strmap *t, const struct programme *p)
{
	size_t i;

	memset(t, 0, sizeof *t);
	for (i = 0; i < p->npeople; i++)
		if (p->people[i].id != NULL)
			strmap_add(t, p->people[i].id, i);
}

/* The registry's participant with this id (the first, if listed twice). */
static const struct participant *
id_table_find(const struct strmap *t, const struct programme *p, const char *id)
{
	size_t i;

	return strmap_get(t, id, &i) ? &p->people[i] : NULL;
}

/*
 * Every assignment of a live session, in time order, keyed by participant
 * (unknown ids after the registry's). Returns the array; *np gets its
 * length and *nkeys the number of keys.
 */
struct inc *
conflict_participant_incidences(struct check *ck, size_t *np, size_t *nkeys)
{
	const struct programme *p = ck->p;
	struct inc *v = NULL;
	struct strmap ids;
	size_t n = 0, cap = 0, i, j;

	id_table_init(&ids, p);
	for (i = 0; i < ck->nlive; i++) {
		size_t si = ck->order[i];
		const struct session *s = &p->sessions[si];

		for (j = 0; j < s->nassign; j++) {
			const struct assignment *a = &s->assign[j];
			struct inc e;

			if (a->participant_id == NULL)
				continue;
			e = conflict_make_inc(ck, si);
			e.id = a->participant_id;
			e.cn = a->cn;
			e.x = id_table_find(&ids, p, e.id);
			e.key = e.x ? (size_t)(e.x - p->people) : SIZE_MAX;
			XGROW(v, n, cap);
			v[n++] = e;
		}
	}
	strmap_free(&ids);
	*nkeys = p->npeople + conflict_key_unknown_ids(v, n, p->npeople);
	*np = n;
	return v;
}

void
conflict_check_participants(struct check *ck, const struct inc *v, size_t n)
{
	size_t lo, hi, i;

	for (lo = 0; lo < n; lo = hi) {
		const struct participant *x = v[lo].x;

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
				check_availability(ck, &v[i]);
			if (x == NULL &&
			    enabled(ck, CONFLICT_UNKNOWN_REFERENCE))
				report_unknown_participant(ck, &v[i]);
		}
	}
}
