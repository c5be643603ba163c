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

/* Keys and session indexes are 32 bits; no programme comes near. */
static uint32_t
small(size_t x)
{
	if (x >= INC_UNKNOWN) {
		fprintf(stderr, "dais: the conflict check counts at most "
		                "4 294 967 294 sessions, rooms or people\n");
		abort();
	}
	return (uint32_t)x;
}

void
conflict_pending_init(struct pending_list *l, struct check_space *sp,
                      size_t cap)
{
	memset(l, 0, sizeof *l);
	l->space = sp;
	l->cap = cap;
	l->v = conflict_take(sp, cap + 1, sizeof *l->v);
}

void
conflict_pending_add(struct pending_list *l, size_t si, uint32_t key,
                     const char *id)
{
	if (l->n >= l->cap) {
		/* Moved to malloc, which grows it: v may be in the block. */
		size_t cap = l->cap ? l->cap * 2 : 8;
		struct pending *v = xreallocarray(NULL, cap + 1, sizeof *v);

		/* A miss of the block, not a list growing in malloc. */
		if (l->space != NULL)
			conflict_space_fell_back();

		memcpy(v, l->v, l->n * sizeof *v);
		conflict_give(l->space, l->v);
		l->v = v;
		l->cap = cap;
		l->space = NULL;
	}
	if (key == INC_UNKNOWN) {
		XGROW(l->unknown, l->nunknown, l->capunknown);
		l->unknown[l->nunknown++] = (struct pending_unknown){l->n, id};
	}
	l->v[l->n++] = (struct pending){small(si), key};
}

void
conflict_pending_free(struct pending_list *l)
{
	conflict_give(l->space, l->v);
	free(l->unknown);
	memset(l, 0, sizeof *l);
}

/*
 * Ids no registry defines still form groups (two sessions in one unknown
 * room still clash). Incidences with no key get base plus the rank of
 * their id among the unknown ids, so every group has a number. Returns
 * how many there are; *ids (when not NULL) gets them sorted, for the
 * caller to free.
 */
size_t
conflict_pending_number_unknown(struct pending_list *l, size_t base,
                                const char ***ids_out)
{
	const char **ids;
	size_t i, u;

	if (ids_out != NULL)
		*ids_out = NULL;
	if (l->nunknown == 0)
		return 0;
	ids = xreallocarray(NULL, l->nunknown, sizeof *ids);
	for (i = 0; i < l->nunknown; i++)
		ids[i] = l->unknown[i].id;
	qsort(ids, l->nunknown, sizeof *ids, str_cmp);
	for (i = u = 0; i < l->nunknown; i++)
		if (u == 0 || strcmp(ids[u - 1], ids[i]) != 0)
			ids[u++] = ids[i];
	small(base + u);
	for (i = 0; i < l->nunknown; i++) {
		const char **hit =
		    bsearch(&l->unknown[i].id, ids, u, sizeof *ids, str_cmp);

		l->v[l->unknown[i].at].key =
		    (uint32_t)(base + (size_t)(hit - ids));
	}
	if (ids_out != NULL)
		*ids_out = ids;
	else
		free(ids);
	return u;
}

/*
 * Groups incidences by key, keeping their order within a group: a stable
 * counting sort, so incidences made in time order come out grouped and
 * still in time order, without comparing anything, and straight into
 * their place (no second copy of the list). Repeats of one session in a
 * group (a person listed twice) are dropped. Makes ck->scratch room
 * enough for the largest group's active set. Returns the grouped array
 * (from ck->space: conflict_give it) and its length in *np.
 */
struct inc *
conflict_group(struct check *ck, const struct pending_list *l, size_t nkeys,
               size_t *np)
{
	struct inc *out = conflict_take(&ck->space, l->n + 1, sizeof *out);
	size_t *at = conflict_take(&ck->space, nkeys + 1, sizeof *at);
	size_t i, k, sum = 0, largest = 0;

	memset(at, 0, (nkeys + 1) * sizeof *at);

	for (i = 0; i < l->n; i++)
		at[l->v[i].key]++;
	for (k = 0; k < nkeys; k++) {
		size_t c = at[k];

		if (c > largest)
			largest = c;
		at[k] = sum;
		sum += c;
	}
	for (i = 0; i < l->n; i++) {
		const struct pending *e = &l->v[i];

		out[at[e->key]++] =
		    (struct inc){ck->s2[e->si], ck->e2[e->si], e->si, e->key};
	}
	conflict_give(&ck->space, at);
	/* One session's incidences are made together, so repeats are
	 * neighbours. */
	for (i = k = 0; i < l->n; i++)
		if (k == 0 || out[k - 1].key != out[i].key ||
		    out[k - 1].si != out[i].si)
			out[k++] = out[i];
	if (largest > ck->nscratch) {
		ck->scratch = xreallocarray(ck->scratch, largest + 1,
		                            sizeof *ck->scratch);
		ck->nscratch = largest;
	}
	*np = k;
	return out;
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
		                conflict_person_label(ck, a), title_of(sa),
		                title_of(sb), when);
		conflict_emit(ck, kind, pair, 2, NULL,
		              conflict_person_id(ck, a), start, end, msg);
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

/* Whether a key is its time doubled (plus one), not a clamped one. */
static bool
exact_key(int64_t key)
{
	return key > -2 * KEY_LIMIT && key < 2 * KEY_LIMIT;
}

/*
 * Most gaps are long enough for any walk. Told from the incidences' keys
 * alone when they are exact (a's end and b's start come back from them),
 * so the sweep reads no session for them: at 100 000 sessions each read
 * is a cache miss.
 */
static bool
gap_long_enough(const struct check *ck, const struct inc *a,
                const struct inc *b, bool person)
{
	dais_time gap;

	if (!exact_key(a->s2) || !exact_key(a->e2) || !exact_key(b->s2))
		return false;
	gap = conflict_key_time(b->s2) - conflict_key_time(a->e2);
	return gap >= (dais_time)ck->p->conf.changeover * 60 &&
	       (!person || gap >= (dais_time)ck->max_walk * 60);
}

static void
report_changeover(struct check *ck, const struct inc *a, const struct inc *b,
                  bool person)
{
	const struct programme *p = ck->p;
	const struct session *sa, *sb;
	size_t pair[2] = {a->si, b->si};
	dais_time gap;
	int walk = 0, need = p->conf.changeover;
	char b1[DAIS_TIMEBUF], b2[DAIS_TIMEBUF], *msg, *ra, *rb;

	sa = &p->sessions[a->si];
	sb = &p->sessions[b->si];
	gap = sb->start - ck->end[a->si];
	/* The same test on the sessions' own times (keys clamped). */
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
		msg = xasprintf("%s has %lld min between '%s' in %s (ends %s) "
		                "and '%s' in %s (starts %s), but the walk "
		                "between them takes %d min.",
		                conflict_person_label(ck, a),
		                (long long)(gap / 60), title_of(sa), ra, b1,
		                title_of(sb), rb, b2, walk);
	else
		msg = xasprintf(
		    "%s has %lld min between '%s' in %s (ends %s) "
		    "and '%s' in %s (starts %s), but the changeover "
		    "is %d min.",
		    conflict_person_label(ck, a), (long long)(gap / 60),
		    title_of(sa), ra, b1, title_of(sb), rb, b2, need);
	free(ra);
	free(rb);
	conflict_emit(ck, CONFLICT_TIGHT_CHANGEOVER, pair, 2,
	              person ? NULL : sa->room_id,
	              person ? conflict_person_id(ck, a) : NULL, ck->end[a->si],
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
		if (v[last].e2 <= v[i].s2 &&
		    !gap_long_enough(ck, &v[last], &v[i], person))
			report_changeover(ck, &v[last], &v[i], person);
		if (v[i].e2 >= v[last].e2)
			last = i;
	}
}
