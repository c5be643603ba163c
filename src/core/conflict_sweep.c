/*
 * conflict_sweep.c: incidences grouped by key (a stable counting sort, so
 * time order survives) and the two sweeps over a group: overlapping pairs
 * (double bookings) and the gap to the previous session (changeover).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conflict_internal.h"
#include "dais/xalloc.h"

/* ---- Incidences -------------------------------------------------------- */

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * Ids no registry defines still form groups (two sessions in one unknown
 * room still clash). Incidences whose key is SIZE_MAX get base plus the
 * rank of their id among the unknown ids, so every group has a number.
 */
size_t
conflict_key_unknown_ids(struct inc *v, size_t n, size_t base)
{
	const char **ids = NULL;
	size_t nids = 0, cap = 0, i, u;

	for (i = 0; i < n; i++) {
		if (v[i].key == SIZE_MAX) {
			XGROW(ids, nids, cap);
			ids[nids++] = v[i].id;
		}
	}
	if (nids == 0)
		return 0;
	qsort(ids, nids, sizeof *ids, str_cmp);
	for (i = u = 0; i < nids; i++)
		if (u == 0 || strcmp(ids[u - 1], ids[i]) != 0)
			ids[u++] = ids[i];
	for (i = 0; i < n; i++) {
		const char **hit;

		if (v[i].key != SIZE_MAX)
			continue;
		hit = bsearch(&v[i].id, ids, u, sizeof *ids, str_cmp);
		v[i].key = base + (size_t)(hit - ids);
	}
	free(ids);
	return u;
}

/*
 * Groups incidences by key, keeping their order within a group: a stable
 * counting sort, so incidences made in time order come out grouped and
 * still in time order, without comparing anything. Repeats of one session
 * in a group (a person listed twice) are dropped. Frees v; returns the
 * grouped array and its length in *np.
 */
struct inc *
conflict_group_by_key(struct inc *v, size_t n, size_t nkeys, size_t *np)
{
	size_t *at = xcalloc(nkeys + 1, sizeof *at);
	struct inc *out = xreallocarray(NULL, n + 1, sizeof *out);
	size_t i, k, sum = 0;

	for (i = 0; i < n; i++)
		at[v[i].key]++;
	for (k = 0; k < nkeys; k++) {
		size_t c = at[k];

		at[k] = sum;
		sum += c;
	}
	for (i = 0; i < n; i++)
		out[at[v[i].key]++] = v[i];
	free(at);
	free(v);
	/* One session's incidences are made together, so repeats are
	 * neighbours. */
	for (i = k = 0; i < n; i++)
		if (k == 0 || out[k - 1].key != out[i].key ||
		    out[k - 1].si != out[i].si)
			out[k++] = out[i];
	*np = k;
	return out;
}

struct inc
conflict_make_inc(const struct check *ck, size_t si)
{
	struct inc e;

	memset(&e, 0, sizeof e);
	e.s2 = ck->s2[si];
	e.e2 = ck->e2[si];
	e.si = si;
	return e;
}

/* ---- Double bookings ---------------------------------------------------- */

static void
report_pair(struct check *ck, enum conflict_kind kind, const struct inc *a,
            const struct inc *b)
{
	const struct session *sa = &ck->p->sessions[a->si];
	const struct session *sb = &ck->p->sessions[b->si];
	size_t pair[2] = {a->si, b->si};
	dais_time start = sa->start > sb->start ? sa->start : sb->start;
	dais_time end =
	    ck->end[a->si] < ck->end[b->si] ? ck->end[a->si] : ck->end[b->si];
	char *when = conflict_span_text(ck, start, end), *msg, *room;

	if (kind == CONFLICT_ROOM_DOUBLE_BOOKED) {
		room = conflict_room_label(ck, a->si, true);
		msg = xasprintf("%s is booked for '%s' and '%s' at once, %s.",
		                room, title_of(sa), title_of(sb), when);
		free(room);
		conflict_emit(ck, kind, pair, 2, sa->room_id, NULL, start, end,
		              msg);
	} else {
		msg = xasprintf("%s is in '%s' and '%s' at once, %s.",
		                conflict_person_label(a), title_of(sa),
		                title_of(sb), when);
		conflict_emit(ck, kind, pair, 2, NULL, a->x ? a->x->id : a->id,
		              start, end, msg);
	}
	free(when);
}

/*
 * One group, sorted by start: every incidence still running when the next
 * starts overlaps it. The active set shrinks as sessions end, so each step
 * costs the pairs it reports plus the sessions it drops.
 */
void
conflict_pair_sweep(struct check *ck, enum conflict_kind kind,
                    const struct inc *v, size_t n)
{
	size_t *active = ck->scratch, na = 0, i, j, k;

	for (i = 0; i < n; i++) {
		for (j = k = 0; j < na; j++)
			if (v[active[j]].e2 > v[i].s2)
				active[k++] = active[j];
		na = k;
		for (j = 0; j < na; j++)
			report_pair(ck, kind, &v[active[j]], &v[i]);
		active[na++] = i;
	}
}

/* ---- Changeover -------------------------------------------------------- */

static void
report_changeover(struct check *ck, const struct inc *a, const struct inc *b,
                  bool person)
{
	const struct programme *p = ck->p;
	const struct session *sa = &p->sessions[a->si];
	const struct session *sb = &p->sessions[b->si];
	size_t pair[2] = {a->si, b->si};
	dais_time gap = sb->start - ck->end[a->si];
	int walk = 0, need = p->conf.changeover;
	char b1[DAIS_TIMEBUF], b2[DAIS_TIMEBUF], *msg, *ra, *rb;

	/* Most gaps are long enough for any walk: skip the lookup. */
	if (gap >= (dais_time)need * 60 &&
	    (!person || gap >= (dais_time)ck->max_walk * 60))
		return;
	if (person) {
		walk = programme_walk_minutes(p, ck->rooms[a->si],
		                              ck->rooms[b->si]);
		if (walk > need)
			need = walk;
	}
	if (gap >= (dais_time)need * 60)
		return;
	hm(ck, ck->end[a->si], b1);
	hm(ck, sb->start, b2);
	ra = conflict_room_label(ck, a->si, !person);
	rb = conflict_room_label(ck, b->si, false);
	if (!person)
		msg = xasprintf("%s has %lld min between '%s' (ends %s) and "
		                "'%s' (starts %s), but the changeover is %d "
		                "min.",
		                ra, (long long)(gap / 60), title_of(sa), b1,
		                title_of(sb), b2, need);
	else if (walk > p->conf.changeover)
		msg =
		    xasprintf("%s has %lld min between '%s' in %s (ends %s) "
		              "and '%s' in %s (starts %s), but the walk "
		              "between them takes %d min.",
		              conflict_person_label(a), (long long)(gap / 60),
		              title_of(sa), ra, b1, title_of(sb), rb, b2, walk);
	else
		msg =
		    xasprintf("%s has %lld min between '%s' in %s (ends %s) "
		              "and '%s' in %s (starts %s), but the changeover "
		              "is %d min.",
		              conflict_person_label(a), (long long)(gap / 60),
		              title_of(sa), ra, b1, title_of(sb), rb, b2, need);
	free(ra);
	free(rb);
	conflict_emit(ck, CONFLICT_TIGHT_CHANGEOVER, pair, 2,
	              person ? NULL : sa->room_id,
	              person ? (a->x ? a->x->id : a->id) : NULL, ck->end[a->si],
	              sb->start, msg);
}

/*
 * Each session is compared with the one that ended last before it: that
 * is the changeover that matters, even when a shorter session sat in
 * between. A session that overlaps an earlier one is a double booking and
 * is reported as such, not here.
 */
void
conflict_changeover_sweep(struct check *ck, const struct inc *v, size_t n,
                          bool person)
{
	size_t i, last = 0;

	for (i = 1; i < n; i++) {
		if (v[last].e2 <= v[i].s2)
			report_changeover(ck, &v[last], &v[i], person);
		if (v[i].e2 >= v[last].e2)
			last = i;
	}
}
