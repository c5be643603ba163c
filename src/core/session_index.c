/*
 * session_index.c: sessions by UID and per room, participant and group in
 * time order. Each session has a slot, a number that stays with it while
 * its position in p->sessions moves; the hash by UID and the time-ordered
 * lists hold slots, and two arrays turn slots into positions and back, so
 * moving a session k places costs O(k), not a rebuild.
 */
#include "dais/session_index.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dais/strmap.h"
#include "dais/xalloc.h"

#define NO_SLOT SIZE_MAX

struct entry {
	dais_time start, end; /* end >= start */
	size_t slot;
};

struct keylist {
	enum index_key kind;
	char *id;
	struct entry *v; /* sorted by start, end, slot */
	size_t n, cap;
	dais_time longest; /* no entry is longer: bounds a search back */
};

struct session_index {
	struct programme *p;
	size_t *slot_of; /* position -> slot */
	size_t *pos_of;  /* slot -> position, NO_SLOT when free */
	size_t *chain;   /* slot -> next slot in its UID bucket */
	unsigned char *dirty;
	size_t nslots, capslots, capslot_of;
	size_t *free_slots;
	size_t nfree, capfree;
	size_t *bucket; /* UID hash -> first slot, NO_SLOT when empty */
	size_t nbuckets;
	struct keylist *lists;
	size_t nlists, caplists;
	size_t *list_table; /* (kind, id) hash -> list index + 1 */
	size_t list_mask;
	size_t *dirty_slots;
	size_t ndirty, capdirty;
};

/* FNV-1a, then mixed: FNV's low bits, which the tables use, depend only
 * on the low bits of each character, so ids such as "p17" and "p27"
 * would share chains. */
static size_t
hash_str(size_t h, const char *s)
{
	uint64_t x;

	x = fnv1a_add((uint64_t)h, s, strlen(s));
	x = (x ^ (x >> 33)) * 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return (size_t)x;
}

#define HASH_SEED ((size_t)FNV1A_OFFSET_BASIS)

static const struct session *
at_slot(const struct session_index *x, size_t slot)
{
	return &x->p->sessions[x->pos_of[slot]];
}

/* ---- By UID ------------------------------------------------------------- */

static void
bucket_insert(struct session_index *x, size_t slot)
{
	size_t b =
	    hash_str(HASH_SEED, at_slot(x, slot)->uid) & (x->nbuckets - 1);

	x->chain[slot] = x->bucket[b];
	x->bucket[b] = slot;
}

static void
bucket_remove(struct session_index *x, size_t slot)
{
	size_t b =
	    hash_str(HASH_SEED, at_slot(x, slot)->uid) & (x->nbuckets - 1);
	size_t *link = &x->bucket[b];

	while (*link != NO_SLOT && *link != slot)
		link = &x->chain[*link];
	if (*link == slot)
		*link = x->chain[slot];
}

/* Keeps the buckets at least twice the sessions, so chains stay short. */
static void
buckets_fit(struct session_index *x)
{
	size_t want = 64, i;

	while (want < 2 * x->p->nsessions)
		want *= 2;
	if (want <= x->nbuckets)
		return;
	free(x->bucket);
	x->nbuckets = want;
	x->bucket = xreallocarray(NULL, want, sizeof *x->bucket);
	for (i = 0; i < want; i++)
		x->bucket[i] = NO_SLOT;
	for (i = 0; i < x->p->nsessions; i++)
		bucket_insert(x, x->slot_of[i]);
}

static size_t
find_slot(const struct session_index *x, const char *uid, dais_time rid,
          bool any_rid)
{
	size_t s;

	if (uid == NULL || x->nbuckets == 0)
		return NO_SLOT;
	for (s = x->bucket[hash_str(HASH_SEED, uid) & (x->nbuckets - 1)];
	     s != NO_SLOT; s = x->chain[s]) {
		const struct session *ss = at_slot(x, s);

		if ((any_rid || ss->recurrence_id == rid) &&
		    strcmp(ss->uid, uid) == 0)
			return s;
	}
	return NO_SLOT;
}

long
session_index_find(const struct session_index *x, const char *uid,
                   dais_time rid)
{
	size_t s = find_slot(x, uid, rid, false);

	return s == NO_SLOT ? -1 : (long)x->pos_of[s];
}

bool
session_index_has_uid(const struct session_index *x, const char *uid)
{
	return find_slot(x, uid, 0, true) != NO_SLOT;
}

/* ---- Time-ordered lists ------------------------------------------------- */

static size_t
list_hash(enum index_key kind, const char *id)
{
	return hash_str(HASH_SEED ^ (size_t)kind, id);
}

static struct keylist *
list_lookup(const struct session_index *x, enum index_key kind, const char *id)
{
	size_t h;

	if (x->list_table == NULL)
		return NULL;
	for (h = list_hash(kind, id) & x->list_mask; x->list_table[h] != 0;
	     h = (h + 1) & x->list_mask) {
		struct keylist *l = &x->lists[x->list_table[h] - 1];

		if (l->kind == kind && strcmp(l->id, id) == 0)
			return l;
	}
	return NULL;
}

static void
list_table_put(struct session_index *x, size_t li)
{
	size_t h;

	for (h = list_hash(x->lists[li].kind, x->lists[li].id) & x->list_mask;
	     x->list_table[h] != 0; h = (h + 1) & x->list_mask)
		;
	x->list_table[h] = li + 1;
}

/* Makes the table hold at least `want` lists at half load or less. */
static void
list_table_fit(struct session_index *x, size_t want)
{
	size_t size = x->list_table ? x->list_mask + 1 : 256, i;

	if (x->list_table != NULL && 2 * want <= size)
		return;
	while (2 * want > size)
		size *= 2;
	free(x->list_table);
	x->list_table = xcalloc(size, sizeof *x->list_table);
	x->list_mask = size - 1;
	for (i = 0; i < x->nlists; i++)
		list_table_put(x, i);
}

/* The index in x->lists of (kind, id)'s list, made empty if new. */
static size_t
list_get(struct session_index *x, enum index_key kind, const char *id)
{
	struct keylist *l = list_lookup(x, kind, id);

	if (l != NULL)
		return (size_t)(l - x->lists);
	list_table_fit(x, x->nlists + 1);
	XGROW(x->lists, x->nlists, x->caplists);
	l = &x->lists[x->nlists];
	memset(l, 0, sizeof *l);
	l->kind = kind;
	l->id = xstrdup(id);
	list_table_put(x, x->nlists);
	return x->nlists++;
}

static int
entry_cmp(const struct entry *a, const struct entry *b)
{
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->end != b->end)
		return a->end < b->end ? -1 : 1;
	return a->slot < b->slot ? -1 : a->slot > b->slot;
}

/* The first place whose entry is not before e. */
static size_t
entry_lower(const struct keylist *l, const struct entry *e)
{
	size_t lo = 0, hi = l->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (entry_cmp(&l->v[mid], e) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Adds e to list li unless it is there (a session naming one id twice is
 * listed once). */
static void
list_add_at(struct session_index *x, size_t li, const struct entry *e)
{
	struct keylist *l = &x->lists[li];
	size_t at;

	/* Built in time order, most entries go last: no search. */
	if (l->n == 0 || entry_cmp(&l->v[l->n - 1], e) < 0)
		at = l->n;
	else
		at = entry_lower(l, e);

	if (at < l->n && entry_cmp(&l->v[at], e) == 0)
		return;
	XGROW(l->v, l->n, l->cap);
	memmove(&l->v[at + 1], &l->v[at], (l->n - at) * sizeof *l->v);
	l->v[at] = *e;
	l->n++;
	if (e->end - e->start > l->longest)
		l->longest = e->end - e->start;
}

static void
list_add(struct session_index *x, enum index_key kind, const char *id,
         const struct entry *e)
{
	list_add_at(x, list_get(x, kind, id), e);
}

static void
list_remove(struct session_index *x, enum index_key kind, const char *id,
            const struct entry *e)
{
	struct keylist *l = list_lookup(x, kind, id);
	size_t at;

	if (l == NULL)
		return;
	at = entry_lower(l, e);
	if (at >= l->n || entry_cmp(&l->v[at], e) != 0)
		return;
	memmove(&l->v[at], &l->v[at + 1], (l->n - at - 1) * sizeof *l->v);
	l->n--;
}

/* Where session s (in slot) stands in a time-ordered list. */
static struct entry
entry_of(const struct session *s, size_t slot)
{
	struct entry e;

	e.start = s->start;
	e.end =
	    s->end != DAIS_TIME_NONE && s->end > s->start ? s->end : s->start;
	e.slot = slot;
	return e;
}

/* The group an assignment of `id` counts for besides itself: its
 * delegation, when that is a group the registry knows. */
static const struct participant *
group_of(const struct programme *p, const struct participant *x)
{
	const struct participant *g;

	if (x == NULL || x->delegation == NULL)
		return NULL;
	g = programme_find_participant(p, x->delegation);
	return g != NULL && participant_is_group(g) ? g : NULL;
}

/*
 * Adds (add true) or removes the session in `slot` to or from every list
 * it belongs in, as its fields are now.
 */
static void
lists_update(struct session_index *x, size_t slot, bool add)
{
	const struct session *s = at_slot(x, slot);
	void (*op)(struct session_index *, enum index_key, const char *,
	           const struct entry *) = add ? list_add : list_remove;
	struct entry e;
	size_t i;

	if (s->start == DAIS_TIME_NONE)
		return;
	e = entry_of(s, slot);
	if (s->room_id != NULL)
		op(x, INDEX_ROOM, s->room_id, &e);
	for (i = 0; i < s->nassign; i++) {
		const char *id = s->assign[i].participant_id;
		const struct participant *who, *g;

		if (id == NULL)
			continue;
		op(x, INDEX_PARTICIPANT, id, &e);
		who = programme_find_participant(x->p, id);
		if (who != NULL && participant_is_group(who))
			op(x, INDEX_GROUP, who->id, &e);
		if ((g = group_of(x->p, who)) != NULL)
			op(x, INDEX_GROUP, g->id, &e);
	}
}

/* ---- Building the lists in one go -------------------------------------- */

/*
 * What an id a session names stands for, found once per distinct id
 * rather than once per assignment: the lists (indexes into x->lists) an
 * incidence of it goes to. A room id has one; a participant id its own,
 * its group's when it is one, and its delegation's when that is a group.
 */
#define NO_LIST SIZE_MAX

struct resolved {
	size_t lists[3];
};

struct resolver {
	struct resolved *v; /* in the order first met */
	size_t n, cap;
	/* id -> index into v; the ids are borrowed from the programme's
	 * sessions, which outlive the build */
	struct strmap rooms, people;
};

/* The index in r->v of id's lists (a room's when room), found or made. */
static size_t
resolve(struct session_index *x, struct resolver *r, const char *id, bool room)
{
	struct strmap *m = room ? &r->rooms : &r->people;
	const struct participant *who, *g;
	struct resolved *e;
	size_t at;

	if (strmap_get(m, id, &at))
		return at;
	XGROW(r->v, r->n, r->cap);
	e = &r->v[r->n];
	e->lists[0] = e->lists[1] = e->lists[2] = NO_LIST;
	if (room) {
		e->lists[0] = list_get(x, INDEX_ROOM, id);
	} else {
		e->lists[0] = list_get(x, INDEX_PARTICIPANT, id);
		who = programme_find_participant(x->p, id);
		if (who != NULL && participant_is_group(who))
			e->lists[1] = list_get(x, INDEX_GROUP, who->id);
		if ((g = group_of(x->p, who)) != NULL)
			e->lists[2] = list_get(x, INDEX_GROUP, g->id);
	}
	strmap_add(m, id, r->n);
	return r->n++;
}

/*
 * Every session into its lists, as lists_update would one at a time, in
 * two passes: the first resolves each id once (not two binary searches
 * and three list lookups per assignment) and counts what each list will
 * hold; the second fills lists made to size, in time order (p->sessions
 * is sorted, so nearly every entry is an append).
 */
static void
lists_build(struct session_index *x)
{
	const struct programme *p = x->p;
	struct resolver r = {0};
	size_t *met = NULL, nmet = 0, capmet = 0, *count, i, j, at, li;

	x->caplists = p->nrooms + 2 * p->npeople + 16;
	x->lists = xreallocarray(x->lists, x->caplists, sizeof *x->lists);
	list_table_fit(x, x->caplists);
	/* Which ids each session names, in order; the lists' sizes. */
	for (i = 0; i < p->nsessions; i++) {
		const struct session *s = &p->sessions[i];

		if (s->start == DAIS_TIME_NONE)
			continue;
		if (s->room_id != NULL) {
			XGROW(met, nmet, capmet);
			met[nmet++] = resolve(x, &r, s->room_id, true);
		}
		for (j = 0; j < s->nassign; j++) {
			if (s->assign[j].participant_id == NULL)
				continue;
			XGROW(met, nmet, capmet);
			met[nmet++] =
			    resolve(x, &r, s->assign[j].participant_id, false);
		}
	}
	count = xcalloc(x->nlists + 1, sizeof *count);
	for (i = 0; i < nmet; i++)
		for (j = 0; j < 3; j++)
			if ((li = r.v[met[i]].lists[j]) != NO_LIST)
				count[li]++;
	for (li = 0; li < x->nlists; li++) {
		x->lists[li].cap = count[li] > 0 ? count[li] : 1;
		x->lists[li].v = xreallocarray(NULL, x->lists[li].cap,
		                               sizeof *x->lists[li].v);
	}
	free(count);
	/* The same sessions again, meeting the same ids in the same order. */
	for (i = at = 0; i < p->nsessions; i++) {
		const struct session *s = &p->sessions[i];
		struct entry e;
		size_t k;

		if (s->start == DAIS_TIME_NONE)
			continue;
		e = entry_of(s, x->slot_of[i]);
		k = s->room_id != NULL;
		for (j = 0; j < s->nassign; j++)
			k += s->assign[j].participant_id != NULL;
		for (; k > 0; k--, at++)
			for (j = 0; j < 3; j++)
				if ((li = r.v[met[at]].lists[j]) != NO_LIST)
					list_add_at(x, li, &e);
	}
	free(met);
	free(r.v);
	strmap_free(&r.rooms);
	strmap_free(&r.people);
}

void
index_hits_clear(struct index_hits *h)
{
	free(h->v);
	memset(h, 0, sizeof *h);
}

size_t
session_index_near(const struct session_index *x, enum index_key kind,
                   const char *id, dais_time from, dais_time to,
                   struct index_hits *out)
{
	const struct keylist *l;
	struct entry probe;
	size_t i, added = 0;

	if (id == NULL || (l = list_lookup(x, kind, id)) == NULL)
		return 0;
	probe.start = from - l->longest;
	probe.end = INT64_MIN;
	probe.slot = 0;
	for (i = entry_lower(l, &probe); i < l->n && l->v[i].start <= to; i++) {
		if (l->v[i].end < from)
			continue;
		XGROW(out->v, out->n, out->cap);
		out->v[out->n++] = x->pos_of[l->v[i].slot];
		added++;
	}
	return added;
}

size_t
session_index_count(const struct session_index *x, enum index_key kind,
                    const char *id)
{
	const struct keylist *l = id ? list_lookup(x, kind, id) : NULL;

	return l ? l->n : 0;
}

struct programme *
session_index_programme(const struct session_index *x)
{
	return x->p;
}

/* ---- Slots ---------------------------------------------------------- */

static void
slot_of_fit(struct session_index *x)
{
	if (x->capslot_of < x->p->nsessions + 1) {
		x->capslot_of = 2 * (x->p->nsessions + 1);
		x->slot_of = xreallocarray(x->slot_of, x->capslot_of,
		                           sizeof *x->slot_of);
	}
}

static size_t
slot_new(struct session_index *x, size_t pos)
{
	size_t s;

	if (x->nfree > 0)
		s = x->free_slots[--x->nfree];
	else {
		if (x->nslots >= x->capslots) {
			x->capslots = x->capslots ? 2 * x->capslots : 64;
			x->pos_of = xreallocarray(x->pos_of, x->capslots,
			                          sizeof *x->pos_of);
			x->chain = xreallocarray(x->chain, x->capslots,
			                         sizeof *x->chain);
			x->dirty = xreallocarray(x->dirty, x->capslots,
			                         sizeof *x->dirty);
		}
		s = x->nslots++;
	}
	x->pos_of[s] = pos;
	x->chain[s] = NO_SLOT;
	x->dirty[s] = 0;
	slot_of_fit(x);
	x->slot_of[pos] = s;
	return s;
}

struct session_index *
session_index_new(struct programme *p)
{
	struct session_index *x = xcalloc(1, sizeof *x);
	size_t i;

	x->p = p;
	slot_of_fit(x);
	for (i = 0; i < p->nsessions; i++)
		slot_new(x, i);
	buckets_fit(x);
	lists_build(x);
	return x;
}

void
session_index_free(struct session_index *x)
{
	size_t i;

	if (x == NULL)
		return;
	for (i = 0; i < x->nlists; i++) {
		free(x->lists[i].id);
		free(x->lists[i].v);
	}
	free(x->lists);
	free(x->list_table);
	free(x->slot_of);
	free(x->pos_of);
	free(x->chain);
	free(x->dirty);
	free(x->free_slots);
	free(x->bucket);
	free(x->dirty_slots);
	free(x);
}

static void
mark_dirty(struct session_index *x, size_t slot)
{
	if (x->dirty[slot])
		return;
	x->dirty[slot] = 1;
	XGROW(x->dirty_slots, x->ndirty, x->capdirty);
	x->dirty_slots[x->ndirty++] = slot;
}

void
session_index_replace(struct session_index *x, size_t pos, struct session *next)
{
	struct session *cur = &x->p->sessions[pos];
	size_t slot = x->slot_of[pos];

	lists_update(x, slot, false);
	bucket_remove(x, slot);
	session_free(cur);
	*cur = *next;
	bucket_insert(x, slot);
	lists_update(x, slot, true);
	mark_dirty(x, slot);
}

void
session_index_append(struct session_index *x, struct session *next)
{
	size_t slot;

	*programme_add_session(x->p) = *next;
	slot = slot_new(x, x->p->nsessions - 1);
	if (2 * x->p->nsessions > x->nbuckets)
		buckets_fit(x);
	else
		bucket_insert(x, slot);
	lists_update(x, slot, true);
	mark_dirty(x, slot);
}

void
session_index_delete(struct session_index *x, size_t pos)
{
	struct programme *p = x->p;
	size_t slot = x->slot_of[pos], i;

	lists_update(x, slot, false);
	bucket_remove(x, slot);
	session_free(&p->sessions[pos]);
	memmove(&p->sessions[pos], &p->sessions[pos + 1],
	        (p->nsessions - pos - 1) * sizeof *p->sessions);
	memmove(&x->slot_of[pos], &x->slot_of[pos + 1],
	        (p->nsessions - pos - 1) * sizeof *x->slot_of);
	p->nsessions--;
	for (i = pos; i < p->nsessions; i++)
		x->pos_of[x->slot_of[i]] = i;
	x->pos_of[slot] = NO_SLOT;
	XGROW(x->free_slots, x->nfree, x->capfree);
	x->free_slots[x->nfree++] = slot;
	/* A deleted slot waiting for the sort has nothing left to sort. */
	if (x->dirty[slot]) {
		x->dirty[slot] = 0;
		for (i = 0; i < x->ndirty; i++)
			if (x->dirty_slots[i] == slot)
				x->dirty_slots[i] = x->dirty_slots[--x->ndirty];
	}
}

/* ---- Keeping time order --------------------------------------------- */

static int
pos_cmp(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/* Moves the one session at `pos` to where it belongs: only the sessions
 * between its old and new places shift. */
static void
sort_one(struct session_index *x, size_t pos)
{
	struct session *v = x->p->sessions, tmp;
	size_t n = x->p->nsessions, lo, hi, slot = x->slot_of[pos], i, to;

	if (pos > 0 && session_order_cmp(&v[pos - 1], &v[pos]) > 0) {
		/* Earlier: the first of v[0..pos) after it. */
		lo = 0;
		hi = pos;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (session_order_cmp(&v[mid], &v[pos]) <= 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		to = lo;
		tmp = v[pos];
		memmove(&v[to + 1], &v[to], (pos - to) * sizeof *v);
		memmove(&x->slot_of[to + 1], &x->slot_of[to],
		        (pos - to) * sizeof *x->slot_of);
		v[to] = tmp;
		x->slot_of[to] = slot;
		for (i = to; i <= pos; i++)
			x->pos_of[x->slot_of[i]] = i;
	} else if (pos + 1 < n && session_order_cmp(&v[pos], &v[pos + 1]) > 0) {
		/* Later: after the last of v(pos..n) before it. */
		lo = pos + 1;
		hi = n;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (session_order_cmp(&v[mid], &v[pos]) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		to = lo - 1;
		tmp = v[pos];
		memmove(&v[pos], &v[pos + 1], (to - pos) * sizeof *v);
		memmove(&x->slot_of[pos], &x->slot_of[pos + 1],
		        (to - pos) * sizeof *x->slot_of);
		v[to] = tmp;
		x->slot_of[to] = slot;
		for (i = pos; i <= to; i++)
			x->pos_of[x->slot_of[i]] = i;
	}
}

/* A session taken out to be put back in order, with its slot. */
struct taken {
	struct session s;
	size_t slot;
};

static int
taken_cmp(const void *a, const void *b)
{
	return session_order_cmp(&((const struct taken *)a)->s,
	                         &((const struct taken *)b)->s);
}

/*
 * Several sessions changed: take them out (the rest stays sorted), sort
 * them, and merge them back from the end. Moves only what lies after the
 * first of them or of their new places.
 */
static void
sort_many(struct session_index *x)
{
	struct session *v = x->p->sessions;
	size_t k = x->ndirty, n = x->p->nsessions, *pos, i, r, w, a, j, low;
	struct taken *t;

	pos = xreallocarray(NULL, k, sizeof *pos);
	for (i = 0; i < k; i++)
		pos[i] = x->pos_of[x->dirty_slots[i]];
	qsort(pos, k, sizeof *pos, pos_cmp);
	t = xreallocarray(NULL, k, sizeof *t);
	for (i = 0, w = r = pos[0]; r < n; r++) {
		if (i < k && r == pos[i]) {
			t[i].s = v[r];
			t[i].slot = x->slot_of[r];
			i++;
			continue;
		}
		v[w] = v[r];
		x->slot_of[w] = x->slot_of[r];
		w++;
	}
	qsort(t, k, sizeof *t, taken_cmp);
	for (a = n - k, j = k, w = n; j > 0; w--) {
		if (a > 0 && session_order_cmp(&v[a - 1], &t[j - 1].s) > 0) {
			v[w - 1] = v[a - 1];
			x->slot_of[w - 1] = x->slot_of[a - 1];
			a--;
		} else {
			v[w - 1] = t[j - 1].s;
			x->slot_of[w - 1] = t[j - 1].slot;
			j--;
		}
	}
	low = w < pos[0] ? w : pos[0];
	for (i = low; i < n; i++)
		x->pos_of[x->slot_of[i]] = i;
	free(t);
	free(pos);
}

void
session_index_sort(struct session_index *x)
{
	size_t i;

	if (x->ndirty == 1)
		sort_one(x, x->pos_of[x->dirty_slots[0]]);
	else if (x->ndirty > 1)
		sort_many(x);
	for (i = 0; i < x->ndirty; i++)
		x->dirty[x->dirty_slots[i]] = 0;
	x->ndirty = 0;
}
