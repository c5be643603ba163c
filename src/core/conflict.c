/*
 * conflict.c: the conflict engine's entry point. Live sessions are sorted
 * by time once; walking that order makes incidences (session and room,
 * participant or delegation), grouped by key with a stable counting sort
 * and swept with an active set: O(n log n + k) for n incidences and k
 * conflicts, with no all-pairs loop anywhere. The rules live beside it:
 * conflict_room.c (rooms and one session alone), conflict_person.c,
 * conflict_delegation.c; the sweeps in conflict_sweep.c and the wording in
 * conflict_words.c. Here: kind names, the list, and the driver.
 */
#include "dais/conflict.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "conflict_internal.h"
#include "dais/xalloc.h"

static const char *const kind_names[CONFLICT_KIND_COUNT] = {
    "room-double-booked",
    "participant-double-booked",
    "delegation-over-committed",
    "outside-availability",
    "over-capacity",
    "tight-changeover",
    "outside-hours",
    "unknown-reference",
    "interpretation-unavailable",
};

static const char *const kind_labels[CONFLICT_KIND_COUNT] = {
    "room double-booked",
    "participant double-booked",
    "delegation over-committed",
    "outside availability",
    "over capacity",
    "tight changeover",
    "outside hours",
    "unknown reference",
    "interpretation unavailable",
};

const char *
conflict_kind_name(enum conflict_kind kind)
{
	return (unsigned)kind < CONFLICT_KIND_COUNT ? kind_names[kind]
	                                            : "unknown";
}

const char *
conflict_kind_label(enum conflict_kind kind)
{
	return (unsigned)kind < CONFLICT_KIND_COUNT ? kind_labels[kind]
	                                            : "unknown conflict";
}

int
conflict_kind_parse(const char *name, enum conflict_kind *out)
{
	int k;

	if (name == NULL)
		return 0;
	for (k = 0; k < CONFLICT_KIND_COUNT; k++) {
		if (strcasecmp(name, kind_names[k]) == 0) {
			*out = (enum conflict_kind)k;
			return 1;
		}
	}
	return 0;
}

const char *
severity_name(enum severity sev)
{
	switch (sev) {
	case SEVERITY_OFF:
		return "off";
	case SEVERITY_WARNING:
		return "warning";
	case SEVERITY_ERROR:
		return "error";
	}
	return "off";
}

int
severity_parse(const char *name, enum severity *out)
{
	if (name == NULL)
		return 0;
	if (strcasecmp(name, "error") == 0)
		*out = SEVERITY_ERROR;
	else if (strcasecmp(name, "warning") == 0)
		*out = SEVERITY_WARNING;
	else if (strcasecmp(name, "off") == 0)
		*out = SEVERITY_OFF;
	else
		return 0;
	return 1;
}

void
conflict_list_clear(struct conflict_list *list)
{
	size_t i;

	for (i = 0; i < list->n; i++) {
		free(list->v[i].sessions);
		free(list->v[i].message);
	}
	free(list->v);
	memset(list, 0, sizeof *list);
}

size_t
conflict_count(const struct conflict_list *list, enum severity sev)
{
	size_t i, n = 0;

	for (i = 0; i < list->n; i++)
		n += list->v[i].severity == sev;
	return n;
}

int
conflict_involves(const struct conflict *c, size_t s)
{
	size_t i;

	for (i = 0; i < c->nsessions; i++)
		if (c->sessions[i] == s)
			return 1;
	return 0;
}

/* ---- The whole check ---------------------------------------------------- */

/* A room conflict of a session comes before its participant ones. */
static int
cmp_str_null(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a == NULL) - (b == NULL);
	return strcmp(a, b);
}

static int
conflict_cmp(const void *a, const void *b)
{
	const struct conflict *x = a, *y = b;
	size_t i;
	int c;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->severity != y->severity)
		return x->severity > y->severity ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	for (i = 0; i < x->nsessions && i < y->nsessions; i++)
		if (x->sessions[i] != y->sessions[i])
			return x->sessions[i] < y->sessions[i] ? -1 : 1;
	if (x->nsessions != y->nsessions)
		return x->nsessions < y->nsessions ? -1 : 1;
	if ((c = cmp_str_null(x->room_id, y->room_id)) != 0)
		return c;
	if ((c = cmp_str_null(x->participant_id, y->participant_id)) != 0)
		return c;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	return cmp_str_null(x->message, y->message);
}

struct slot {
	int64_t s2, e2;
	size_t si;
};

static int
slot_cmp(const void *a, const void *b)
{
	const struct slot *x = a, *y = b;

	if (x->s2 != y->s2)
		return x->s2 < y->s2 ? -1 : 1;
	if (x->e2 != y->e2)
		return x->e2 < y->e2 ? -1 : 1;
	return x->si < y->si ? -1 : x->si > y->si;
}

/*
 * The live sessions sorted by start, end and index: the one sort of the
 * check. Every incidence list is made by walking this order, so each group
 * comes out in time order without being sorted again. The loader and the
 * editor keep sessions sorted by time (programme_sort_sessions), so the
 * order is mostly there already: then it is just the live indexes, and no
 * array of keys is written to sort.
 */
static size_t *
time_order(struct check *ck, size_t *np)
{
	size_t n = ck->p->nsessions, i, k = 0, last = 0, mark;
	size_t *order = conflict_take(&ck->space, n + 1, sizeof *order);
	struct slot *v;
	bool sorted = true;

	for (i = 0; i < n; i++)
		if (ck->live[i]) {
			if (k > 0 && (ck->s2[last] > ck->s2[i] ||
			              (ck->s2[last] == ck->s2[i] &&
			               ck->e2[last] > ck->e2[i])))
				sorted = false;
			order[k++] = last = i;
		}
	*np = k;
	if (sorted)
		return order;
	mark = ck->space.used;
	v = conflict_take(&ck->space, k + 1, sizeof *v);
	for (i = 0; i < k; i++)
		v[i] =
		    (struct slot){ck->s2[order[i]], ck->e2[order[i]], order[i]};
	qsort(v, k, sizeof *v, slot_cmp);
	for (i = 0; i < k; i++)
		order[i] = v[i].si;
	conflict_give(&ck->space, v);
	ck->space.used = mark;
	return order;
}

static int
int64_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

static int64_t
clamp_time(dais_time t)
{
	return t > KEY_LIMIT ? KEY_LIMIT : t < -KEY_LIMIT ? -KEY_LIMIT : t;
}

/*
 * The rooms of the sessions, remembered by the address of their room id:
 * the loader keeps one copy of each id, so a programme's thousands of
 * sessions name its few hundred rooms through as many addresses, and the
 * search by id is made once for each. Any other string still finds its
 * room, only by the search.
 */
#define ROOM_SEEN 512

struct room_seen {
	const char *id;
	const struct room *room;
};

static const struct room *
find_room(const struct programme *p, const char *id, struct room_seen *seen)
{
	struct room_seen *e =
	    &seen[((uintptr_t)id >> 4 ^ (uintptr_t)id >> 13) % ROOM_SEEN];

	if (id == NULL)
		return NULL;
	if (e->id != id) {
		e->id = id;
		e->room = programme_find_room(p, id);
	}
	return e->room;
}

/* ---- The check's working memory ---------------------------------------- */

/* Every piece starts on a 16-byte boundary, as malloc's do. */
#define SPACE_ALIGN ((size_t)16)
/*
 * From this size the block is kept for the next whole check (space_free).
 * It comes from malloc, not from a mapping of 2 MiB huge pages
 * (xbulk_alloc, from 512f81f on): on the VM measured, the first write to a
 * fresh huge page, which the kernel zeroes, was mostly cheap but now and
 * then took 5 ms and more (memory the host had not backed yet), where
 * malloc's 4 KiB pages cost a few microseconds each. conflict_check's
 * thread CPU time in dais check, huge pages against malloc, alternating
 * runs on a loaded machine: at 10 000 sessions (a 1.4 MB block) means
 * 2.05 and 2.21 ms against 1.90 and 1.79 ms (60 and 40 pairs; medians
 * 1.56 and 1.58 against 1.81 and 1.74, but up to 8.5 ms against at most
 * 3.2); at 100 000 (14 MB) 24.3 ms (sd 11.5) against 19.3 ms (sd 3.7, 12
 * pairs). malloc costs 306 and 2 245 more page faults, for the same
 * task-clock of the whole run (164.8 and 164.5 ms at 10 000).
 */
#define SPACE_KEEP ((size_t)1 << 20)

/* The block of the last whole check, kept for the next (space_free). */
static struct check_space spare;
static pthread_mutex_t spare_lock = PTHREAD_MUTEX_INITIALIZER;

static size_t
space_bytes(size_t count, size_t size)
{
	if (size != 0 && count > (SIZE_MAX - SPACE_ALIGN) / size)
		return SIZE_MAX / 2; /* never fits: malloc refuses it */
	return (count * size + SPACE_ALIGN - 1) & ~(SPACE_ALIGN - 1);
}

/* Pieces that did not fit the block they were sized for (conflict_take,
 * conflict_pending_add): each is a malloc block, on fresh pages, that the
 * sizing in space_init should have counted. */
static atomic_size_t space_fallbacks;

void
conflict_space_fell_back(void)
{
	atomic_fetch_add_explicit(&space_fallbacks, 1, memory_order_relaxed);
}

size_t
conflict_space_fallbacks(void)
{
	return atomic_load_explicit(&space_fallbacks, memory_order_relaxed);
}

void *
conflict_take(struct check_space *sp, size_t count, size_t size)
{
	size_t want = space_bytes(count, size);
	void *p;

	if (sp == NULL || sp->base == NULL)
		return xreallocarray(NULL, count, size);
	if (want > sp->size - sp->used) {
		conflict_space_fell_back();
		return xreallocarray(NULL, count, size);
	}
	p = sp->base + sp->used;
	sp->used += want;
	return p;
}

void
conflict_give(struct check_space *sp, void *p)
{
	/* As numbers: p may be malloc's, and comparing pointers into two
	 * different objects with < is undefined. */
	uintptr_t at = (uintptr_t)p;

	if (sp != NULL && sp->base != NULL && at >= (uintptr_t)sp->base &&
	    at - (uintptr_t)sp->base < sp->size)
		return;
	free(p);
}

/*
 * Sized for the arrays kept through the check (per session: five, and the
 * time order) and the largest of its phases: the rooms' incidences and
 * their grouping, or the participants' (assigns: at least the live
 * sessions' assignments) and, while they are kept, the largest of the
 * table of ids seen, their grouping, and the delegations' incidences and
 * grouping (at most `weight` for each of a person's). A grouping counts a
 * key for each id no registry defines, at most one per incidence. Every
 * piece fits, so none comes from malloc on fresh pages
 * (conflict_space_fallbacks).
 */
static void
space_init(struct check_space *sp, const struct programme *p, size_t assigns,
           size_t weight)
{
	size_t n = p->nsessions + 1, keep, rooms, people, grouped, groups;

#ifdef XALLOC_ASAN
	/* No block: each array its own malloc, whose redzones let ASan see
	 * an overrun from one array into the next. */
	memset(sp, 0, sizeof *sp);
	return;
#endif

	/* live, s2, e2, end, rooms and order, as conflict_check takes them. */
	keep = space_bytes(n, sizeof(bool)) +
	       2 * space_bytes(n, sizeof(int64_t)) +
	       space_bytes(n, sizeof(dais_time)) +
	       space_bytes(n, sizeof(const struct room *)) +
	       space_bytes(n, sizeof(size_t));
	rooms = space_bytes(n, sizeof(struct pending)) +
	        space_bytes(n, sizeof(struct inc)) +
	        space_bytes(p->nrooms + n, sizeof(size_t));
	if (space_bytes(n, sizeof(struct slot)) > rooms)
		rooms = space_bytes(n, sizeof(struct slot));
	grouped = space_bytes(assigns + 1, sizeof(struct inc)) +
	          space_bytes(p->npeople + assigns + 1, sizeof(size_t));
	groups = space_bytes(weight * assigns + 1, sizeof(struct pending)) +
	         space_bytes(weight * assigns + 1, sizeof(struct inc)) +
	         space_bytes(p->npeople + 1, sizeof(size_t));
	if (groups > grouped)
		grouped = groups;
	if (space_bytes(ID_SEEN, sizeof(struct id_seen)) > grouped)
		grouped = space_bytes(ID_SEEN, sizeof(struct id_seen));
	people = space_bytes(assigns + 1, sizeof(struct pending)) + grouped;
	memset(sp, 0, sizeof *sp);
	sp->size = keep + (rooms > people ? rooms : people);
	if (sp->size >= SPACE_KEEP) {
		/* The planner checks the whole programme again and again:
		 * the block the last check gave back, when it is big
		 * enough, instead of fresh pages faulted in each time
		 * (bench/recheck, 25 000 sessions: a whole check 2.4 ms with
		 * a fresh block, 1.8 ms with the kept one). */
		pthread_mutex_lock(&spare_lock);
		if (spare.base != NULL && spare.size >= sp->size) {
			sp->base = spare.base;
			sp->size = spare.size;
			spare.base = NULL;
		}
		pthread_mutex_unlock(&spare_lock);
	}
	if (sp->base == NULL)
		sp->base = xmalloc(sp->size);
}

/* A large block is kept for the next check (one, the largest) until the
 * process ends. */
static void
space_free(struct check_space *sp)
{
	if (sp->size < SPACE_KEEP) {
		free(sp->base);
		return;
	}
	pthread_mutex_lock(&spare_lock);
	if (spare.base == NULL || spare.size < sp->size) {
		struct check_space old = spare;

		spare.base = sp->base;
		spare.size = sp->size;
		sp->base = old.base;
		sp->size = old.size;
	}
	pthread_mutex_unlock(&spare_lock);
	free(sp->base);
}

void
conflict_check(const struct programme *p, struct conflict_list *out)
{
	struct room_seen seen[ROOM_SEEN] = {{NULL, NULL}};
	struct check ck;
	size_t n = p->nsessions, i, first = out->n, pn, nkeys, kept;
	struct pending_list people;
	struct inc *pv;

	/* Incidences hold sessions, rooms and people in 32 bits. */
	if (n >= INC_UNKNOWN || p->nrooms >= INC_UNKNOWN ||
	    p->npeople >= INC_UNKNOWN) {
		fprintf(stderr, "dais: the conflict check counts at most "
		                "4 294 967 294 sessions, rooms or people\n");
		abort();
	}
	memset(&ck, 0, sizeof ck);
	ck.p = p;
	ck.zone = &p->conf.zone;
	ck.out = out;
	/* The assignments of every session, live or not: room enough for
	 * the participants' incidences, counted in one pass before the
	 * block is sized (conflict_participant_incidences counted the live
	 * ones' in a pass of its own). */
	for (i = 0; i < n; i++)
		ck.assigns += p->sessions[i].nassign;
	/* No room for a check conference.ini turned off (a block from 1 MiB
	 * up is kept for the rest of the process). */
	ck.delegation_weight = enabled(&ck, CONFLICT_DELEGATION_OVER_COMMITTED)
	                           ? conflict_delegation_weight(p)
	                           : 0;
	space_init(&ck.space, p, ck.assigns, ck.delegation_weight);
	ck.live = conflict_take(&ck.space, n + 1, sizeof *ck.live);
	ck.s2 = conflict_take(&ck.space, n + 1, sizeof *ck.s2);
	ck.e2 = conflict_take(&ck.space, n + 1, sizeof *ck.e2);
	ck.end = conflict_take(&ck.space, n + 1, sizeof *ck.end);
	ck.rooms = conflict_take(&ck.space, n + 1, sizeof *ck.rooms);
	for (i = 0; i < p->nwalks; i++)
		if (p->walks[i].minutes > ck.max_walk)
			ck.max_walk = p->walks[i].minutes;
	ck.days = xcalloc(p->conf.ndays + 1, sizeof *ck.days);
	for (i = 0; i < p->conf.ndays; i++)
		ck.days[i] = date_to_days(p->conf.days[i]);
	/* model.h promises sorted days; a hand-built list may not be. */
	qsort(ck.days, p->conf.ndays, sizeof *ck.days, int64_cmp);
	for (i = 0; i < n; i++) {
		const struct session *s = &p->sessions[i];

		/* A session without a start cannot be placed in time. */
		ck.live[i] =
		    session_blocks_time(s) && s->start != DAIS_TIME_NONE;
		ck.rooms[i] = NULL;
		if (!ck.live[i])
			continue;
		/* An end before the start (or none) is read as an instant. */
		ck.end[i] = s->end != DAIS_TIME_NONE && s->end > s->start
		                ? s->end
		                : s->start;
		ck.s2[i] = clamp_time(s->start) * 2;
		ck.e2[i] = ck.end[i] > s->start ? clamp_time(ck.end[i]) * 2
		                                : ck.s2[i] + 1;
		if (ck.e2[i] <= ck.s2[i])
			ck.e2[i] = ck.s2[i] + 1;
		ck.rooms[i] = find_room(p, s->room_id, seen);
	}

	ck.order = time_order(&ck, &ck.nlive);
	/* What is taken from here on is given back a phase at a time. */
	kept = ck.space.used;
	conflict_check_rooms(&ck);
	ck.space.used = kept;
	conflict_check_sessions(&ck);
	nkeys = conflict_participant_incidences(&ck, &people);
	if (enabled(&ck, CONFLICT_DELEGATION_OVER_COMMITTED) &&
	    ck.delegation_weight > 0) {
		/* Its arrays are dead when it returns: the participants'
		 * grouping below is what the block was sized for. */
		kept = ck.space.used;
		conflict_check_delegations(&ck, &people);
		ck.space.used = kept;
	}
	pv = conflict_group(&ck, &people, nkeys, &pn);
	conflict_pending_free(&people);
	conflict_check_participants(&ck, pv, pn);
	conflict_give(&ck.space, pv);

	if (out->n > first)
		qsort(out->v + first, out->n - first, sizeof *out->v,
		      conflict_cmp);
	free(ck.scratch);
	free(ck.unknown_people);
	conflict_give(&ck.space, ck.live);
	conflict_give(&ck.space, ck.s2);
	conflict_give(&ck.space, ck.e2);
	conflict_give(&ck.space, ck.end);
	conflict_give(&ck.space, ck.rooms);
	conflict_give(&ck.space, ck.order);
	free(ck.days);
	space_free(&ck.space);
}
