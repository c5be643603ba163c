/*
 * model.c: constructors, destructors and lookups of the programme model.
 * Loaders fill the model; edit.c changes it; nothing here touches a file.
 */
#include "dais/model.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dais/arena.h"
#include "dais/session_field.h"
#include "dais/strmap.h"
#include "dais/xalloc.h"

static const char *const participant_kind_names[PARTICIPANT_KIND_COUNT] = {
    "minister",     "official",  "delegation",
    "organisation", "un-entity", "civil-society",
};

void
strlist_add(struct strlist *l, const char *s)
{
	XGROW(l->v, l->n, l->cap);
	l->v[l->n++] = xstrdup(s);
}

bool
strlist_has(const struct strlist *l, const char *s)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return true;
	return false;
}

bool
strlist_has_nocase(const struct strlist *l, const char *s)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcasecmp(l->v[i], s) == 0)
			return true;
	return false;
}

bool
room_serves(const struct room *r, const char *kind)
{
	return kind == NULL || r->kinds.n == 0 ||
	       strlist_has_nocase(&r->kinds, kind);
}

bool
strlist_equal(const struct strlist *a, const struct strlist *b)
{
	size_t i;

	if (a->n != b->n)
		return false;
	for (i = 0; i < a->n; i++)
		if (strcmp(a->v[i], b->v[i]) != 0)
			return false;
	return true;
}

void
strlist_copy(struct strlist *dst, const struct strlist *src)
{
	size_t i;

	memset(dst, 0, sizeof *dst);
	for (i = 0; i < src->n; i++)
		strlist_add(dst, src->v[i]);
}

void
strlist_clear(struct strlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

char *
strlist_join(const struct strlist *l, const char *sep)
{
	size_t i, len = 1, seplen = strlen(sep);
	char *out, *p;

	for (i = 0; i < l->n; i++)
		len += strlen(l->v[i]) + seplen;
	out = p = xmalloc(len);
	*p = '\0';
	for (i = 0; i < l->n; i++) {
		size_t n = strlen(l->v[i]);

		if (i > 0) {
			memcpy(p, sep, seplen);
			p += seplen;
		}
		memcpy(p, l->v[i], n);
		p += n;
	}
	*p = '\0';
	return out;
}

bool
participant_is_group(const struct participant *p)
{
	return p->kind != PARTICIPANT_MINISTER &&
	       p->kind != PARTICIPANT_OFFICIAL;
}

const char *
participant_kind_name(enum participant_kind kind)
{
	return kind < PARTICIPANT_KIND_COUNT ? participant_kind_names[kind]
	                                     : "unknown";
}

bool
participant_kind_parse(const char *name, enum participant_kind *out)
{
	int i;

	for (i = 0; i < PARTICIPANT_KIND_COUNT; i++) {
		if (strcmp(name, participant_kind_names[i]) == 0) {
			*out = (enum participant_kind)i;
			return true;
		}
	}
	return false;
}

const char *
session_status_name(enum session_status s)
{
	switch (s) {
	case SESSION_TENTATIVE:
		return "TENTATIVE";
	case SESSION_CONFIRMED:
		return "CONFIRMED";
	case SESSION_CANCELLED:
		return "CANCELLED";
	}
	return "CONFIRMED";
}

const char *
role_name(enum role r)
{
	switch (r) {
	case ROLE_CHAIR:
		return "chair";
	case ROLE_SPEAKER:
		return "speaker";
	case ROLE_PARTICIPANT:
		return "participant";
	}
	return "participant";
}

struct programme *
programme_new(void)
{
	struct programme *p = xcalloc(1, sizeof *p);
	int k;

	p->conf.day_start = 8 * 60;
	p->conf.day_end = 22 * 60;
	p->conf.changeover = 10;
	p->conf.step = 15;
	for (k = 0; k < CONFLICT_KIND_COUNT; k++)
		p->conf.severity[k] = SEVERITY_ERROR;
	p->conf.severity[CONFLICT_OVER_CAPACITY] = SEVERITY_WARNING;
	p->conf.severity[CONFLICT_TIGHT_CHANGEOVER] = SEVERITY_WARNING;
	p->conf.severity[CONFLICT_OUTSIDE_HOURS] = SEVERITY_WARNING;
	p->conf.severity[CONFLICT_UNKNOWN_REFERENCE] = SEVERITY_WARNING;
	p->conf.severity[CONFLICT_INTERPRETATION_UNAVAILABLE] =
	    SEVERITY_WARNING;
	zone_init_fixed(&p->conf.zone, "UTC", 0);
	return p;
}

static void
participant_free(struct participant *x)
{
	free(x->id);
	free(x->name);
	free(x->name_local);
	free(x->title);
	free(x->delegation);
	strlist_clear(&x->languages);
	free(x->email);
	free(x->phone);
}

void
programme_free(struct programme *p)
{
	size_t i;

	if (p == NULL)
		return;
	free(p->dir);
	free(p->conf.name);
	zone_free(&p->conf.zone);
	free(p->conf.days);
	strlist_clear(&p->conf.kinds);
	strlist_clear(&p->conf.files);
	strlist_clear(&p->conf.file_sources);
	free(p->conf.new_sessions_file);
	free(p->conf.new_sessions_dir);
	for (i = 0; i < p->nrooms; i++) {
		free(p->rooms[i].id);
		free(p->rooms[i].name);
		free(p->rooms[i].building);
		strlist_clear(&p->rooms[i].languages);
		strlist_clear(&p->rooms[i].kinds);
	}
	free(p->rooms);
	for (i = 0; i < p->nbuildings; i++) {
		free(p->buildings[i].id);
		free(p->buildings[i].name);
	}
	free(p->buildings);
	for (i = 0; i < p->nwalks; i++) {
		free(p->walks[i].from);
		free(p->walks[i].to);
	}
	free(p->walks);
	for (i = 0; i < p->npeople; i++)
		participant_free(&p->people[i]);
	free(p->people);
	for (i = 0; i < p->nsessions; i++)
		session_free(&p->sessions[i]);
	xbulk_free(p->sessions, p->capsessions * sizeof *p->sessions);
	free(p->file_hash);
	free(p->registry_text[0]);
	free(p->registry_text[1]);
	free(p->room_index);
	free(p->people_index);
	/* After the sessions, whose stored fields are in it. */
	arena_free(p->store);
	free(p);
}

struct arena *
programme_store(struct programme *p)
{
	if (p->store == NULL)
		p->store = arena_new();
	return p->store;
}

struct room *
programme_add_room(struct programme *p)
{
	XGROW(p->rooms, p->nrooms, p->caprooms);
	memset(&p->rooms[p->nrooms], 0, sizeof *p->rooms);
	return &p->rooms[p->nrooms++];
}

struct building *
programme_add_building(struct programme *p)
{
	XGROW(p->buildings, p->nbuildings, p->capbuildings);
	memset(&p->buildings[p->nbuildings], 0, sizeof *p->buildings);
	return &p->buildings[p->nbuildings++];
}

struct walk *
programme_add_walk(struct programme *p)
{
	XGROW(p->walks, p->nwalks, p->capwalks);
	memset(&p->walks[p->nwalks], 0, sizeof *p->walks);
	return &p->walks[p->nwalks++];
}

/* Room in an array of *cap elements of `size` bytes, n of them used,
 * for `more` more. */
static void *
reserve(void *v, size_t n, size_t *cap, size_t size, size_t more)
{
	if (more > SIZE_MAX - n)
		abort(); /* a caller's bug */
	if (*cap >= n + more)
		return v;
	*cap = n + more;
	return xreallocarray(v, *cap, size);
}

void
programme_reserve_rooms(struct programme *p, size_t n)
{
	p->rooms =
	    reserve(p->rooms, p->nrooms, &p->caprooms, sizeof *p->rooms, n);
}

void
programme_reserve_people(struct programme *p, size_t n)
{
	p->people =
	    reserve(p->people, p->npeople, &p->cappeople, sizeof *p->people, n);
}

struct participant *
programme_add_participant(struct programme *p)
{
	struct participant *x;

	XGROW(p->people, p->npeople, p->cappeople);
	x = &p->people[p->npeople++];
	memset(x, 0, sizeof *x);
	x->arrival = x->departure = DAIS_TIME_NONE;
	return x;
}

/* Bytes a file name keeps as they are (see programme_session_file_name);
 * '%' is not one, so an encoded name never equals a kept one. */
static bool
file_name_keeps(unsigned char c)
{
	return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || strchr("-_.@+=", c) != NULL;
}

/* Past this many bytes a UID's name is cut, well below NAME_MAX (255). */
#define UID_FILE_NAME_MAX 160

char *
programme_session_file_name(const struct conference *c, const char *uid)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t len = strlen(uid), i, n = 0;
	char *safe = xmalloc(3 * len + 1), *name;

	for (i = 0; i < len; i++) {
		unsigned char b = (unsigned char)uid[i];

		if (file_name_keeps(b) && !(i == 0 && b == '.')) {
			safe[n++] = (char)b;
		} else {
			safe[n++] = '%';
			safe[n++] = hex[b >> 4];
			safe[n++] = hex[b & 15];
		}
	}
	safe[n] = '\0';
	if (n > UID_FILE_NAME_MAX) {
		/* FNV-1a of the whole UID tells cut names apart; '~' is
		 * never kept, so a cut name never equals an uncut one. */
		uint64_t h = fnv1a_str(uid);

		n = UID_FILE_NAME_MAX;
		while (n > 0 && ((unsigned char)safe[n] & 0xC0) == 0x80)
			n--; /* not inside a UTF-8 character */
		if (n >= 2 && safe[n - 1] == '%')
			n--;
		else if (n >= 3 && safe[n - 2] == '%')
			n -= 2;
		safe[n] = '\0';
		name = xasprintf("%s/%s~%016llx.ics", c->new_sessions_dir, safe,
		                 (unsigned long long)h);
	} else {
		name = xasprintf("%s/%s.ics", c->new_sessions_dir, safe);
	}
	free(safe);
	return name;
}

size_t
programme_add_file(struct programme *p, const char *name)
{
	size_t i, n = p->conf.files.n;

	for (i = 0; i < n; i++)
		if (strcmp(p->conf.files.v[i], name) == 0)
			return i;
	strlist_add(&p->conf.files, name);
	if (p->file_hash != NULL) {
		p->file_hash =
		    xreallocarray(p->file_hash, n + 2, sizeof *p->file_hash);
		p->file_hash[n] = 0;
		p->file_hash[n + 1] = 0;
	}
	return n;
}

/* The sessions array is an xbulk block: a large programme's fills huge
 * pages (100 000 sessions are 16 MB, 3 900 page faults of 4 KiB). */
static void
sessions_resize(struct programme *p, size_t cap)
{
	if (cap > SIZE_MAX / sizeof *p->sessions)
		abort(); /* no programme is that large */
	p->sessions =
	    xbulk_resize(p->sessions, p->capsessions * sizeof *p->sessions,
	                 cap * sizeof *p->sessions);
	p->capsessions = cap;
}

void
programme_reserve_sessions(struct programme *p, size_t n)
{
	if (n > SIZE_MAX - p->nsessions)
		abort(); /* a caller's bug */
	if (p->capsessions < p->nsessions + n)
		sessions_resize(p, p->nsessions + n);
}

struct session *
programme_add_session(struct programme *p)
{
	struct session *s;

	if (p->nsessions >= p->capsessions)
		sessions_resize(p, p->capsessions ? p->capsessions * 2 : 8);
	s = &p->sessions[p->nsessions++];
	session_init(s);
	return s;
}

/*
 * A table of ids (rooms' or people's): open addressing on strmap_hash,
 * each slot the id's hash and its position + 1 (0: empty), at most half
 * full. A lookup reads a slot and then the one id whose hash matches,
 * where the binary search it replaces read a dozen ids from all over
 * the heap (every attendee of every session is looked up, at load and
 * by the conflict check).
 */
struct programme_ids {
	size_t cap; /* a power of two */
	struct programme_id_slot {
		uint32_t hash, at;
	} slot[];
};

/* The id at position i of n elements of `size` bytes whose id (a char *)
 * is at `offset`. */
static const char *
id_at(const void *v, size_t size, size_t offset, size_t i)
{
	const char *const *id =
	    (const char *const *)((const char *)v + i * size + offset);

	return *id;
}

/* The position of id among the n elements of v, or -1. */
static long
ids_find(const struct programme_ids *t, const void *v, size_t n, size_t size,
         size_t offset, const char *id)
{
	size_t mask, i;
	uint32_t h;

	if (t == NULL || id == NULL)
		return -1;
	mask = t->cap - 1;
	h = strmap_hash(id, strlen(id));
	for (i = h & mask; t->slot[i].at != 0; i = (i + 1) & mask) {
		size_t at = t->slot[i].at - 1;

		if (t->slot[i].hash == h && at < n &&
		    strcmp(id_at(v, size, offset, at), id) == 0)
			return (long)at;
	}
	return -1;
}

static struct programme_ids *
ids_build(const void *v, size_t n, size_t size, size_t offset)
{
	struct programme_ids *t;
	size_t cap = 2, i;

	if (n >= UINT32_MAX / 2)
		abort(); /* no registry is that large */
	while (cap < 2 * n)
		cap *= 2;
	t = xcalloc(1, sizeof *t + cap * sizeof t->slot[0]);
	t->cap = cap;
	for (i = 0; i < n; i++) {
		const char *id = id_at(v, size, offset, i);
		size_t j;

		/* The first of an id given twice is the one found, as
		 * registry_check reports the others. */
		if (id == NULL || ids_find(t, v, n, size, offset, id) >= 0)
			continue;
		for (j = strmap_hash(id, strlen(id)) & (cap - 1);
		     t->slot[j].at != 0; j = (j + 1) & (cap - 1))
			;
		t->slot[j].hash = strmap_hash(id, strlen(id));
		t->slot[j].at = (uint32_t)(i + 1);
	}
	return t;
}

void
programme_index(struct programme *p)
{
	free(p->room_index);
	free(p->people_index);
	p->room_index = ids_build(p->rooms, p->nrooms, sizeof *p->rooms,
	                          offsetof(struct room, id));
	p->people_index = ids_build(p->people, p->npeople, sizeof *p->people,
	                            offsetof(struct participant, id));
}

const struct room *
programme_find_room(const struct programme *p, const char *id)
{
	long i = ids_find(p->room_index, p->rooms, p->nrooms, sizeof *p->rooms,
	                  offsetof(struct room, id), id);

	return i >= 0 ? &p->rooms[i] : NULL;
}

const struct participant *
programme_find_participant(const struct programme *p, const char *id)
{
	long i =
	    ids_find(p->people_index, p->people, p->npeople, sizeof *p->people,
	             offsetof(struct participant, id), id);

	return i >= 0 ? &p->people[i] : NULL;
}

long
programme_find_session(const struct programme *p, const char *uid,
                       dais_time recurrence_id)
{
	size_t i;

	for (i = 0; i < p->nsessions; i++)
		if (p->sessions[i].recurrence_id == recurrence_id &&
		    strcmp(p->sessions[i].uid, uid) == 0)
			return (long)i;
	return -1;
}

const char *
programme_building_name(const struct programme *p, const char *id)
{
	size_t i;

	/* A venue has a handful of buildings: a scan is the right index. */
	for (i = 0; id != NULL && i < p->nbuildings; i++)
		if (strcmp(p->buildings[i].id, id) == 0)
			return p->buildings[i].name;
	return NULL;
}

int
programme_walk_minutes(const struct programme *p, const struct room *a,
                       const struct room *b)
{
	size_t i;

	if (a == NULL || b == NULL || a->building == NULL ||
	    b->building == NULL || strcmp(a->building, b->building) == 0)
		return 0;
	for (i = 0; i < p->nwalks; i++) {
		const struct walk *w = &p->walks[i];

		if ((strcmp(w->from, a->building) == 0 &&
		     strcmp(w->to, b->building) == 0) ||
		    (strcmp(w->from, b->building) == 0 &&
		     strcmp(w->to, a->building) == 0))
			return w->minutes;
	}
	return 0;
}

size_t
programme_first_from(const struct programme *p, dais_time t)
{
	size_t lo = 0, hi = p->nsessions;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (p->sessions[mid].start < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

char *
programme_days_text(const struct programme *p)
{
	char buf[DAIS_TIMEBUF], *s = xstrdup(""), *t;
	size_t i;

	for (i = 0; i < p->conf.ndays; i++) {
		t = xasprintf("%s%s%s", s, i ? ", " : "",
		              date_fmt_iso(buf, p->conf.days[i]));
		free(s);
		s = t;
	}
	return s;
}

int
programme_day_of(const struct programme *p, dais_time t)
{
	struct dais_date d = time_local_date(&p->conf.zone, t);
	size_t i;

	for (i = 0; i < p->conf.ndays; i++)
		if (date_compare(p->conf.days[i], d) == 0)
			return (int)i;
	return -1;
}

void
session_init(struct session *s)
{
	memset(s, 0, sizeof *s);
	s->recurrence_id = DAIS_TIME_NONE;
	s->status = SESSION_CONFIRMED;
	s->source = -1;
}

bool
session_blocks_time(const struct session *s)
{
	return s->status != SESSION_CANCELLED && !s->all_day;
}

void
session_destroy(struct session *s)
{
	if (s == NULL)
		return;
	session_free(s);
	free(s);
}

void
session_reserve_assignments(struct session *s, size_t n)
{
	session_field_own(s, &session_field_table[SESSION_FIELD_ASSIGN]);
	if (s->capassign >= s->nassign + n)
		return;
	s->capassign = s->nassign + n;
	s->assign = xreallocarray(s->assign, s->capassign, sizeof *s->assign);
}

struct assignment *
session_add_assignment(struct session *s, const char *id, enum role role,
                       const char *cn)
{
	struct assignment *a;

	session_field_own(s, &session_field_table[SESSION_FIELD_ASSIGN]);
	XGROW(s->assign, s->nassign, s->capassign);
	a = &s->assign[s->nassign++];
	a->participant_id = xstrdup(id);
	a->role = role;
	a->cn = xstrdup(cn);
	return a;
}

void
session_remove_assignment(struct session *s, size_t at)
{
	session_field_own(s, &session_field_table[SESSION_FIELD_ASSIGN]);
	free(s->assign[at].participant_id);
	free(s->assign[at].cn);
	memmove(&s->assign[at], &s->assign[at + 1],
	        (s->nassign - at - 1) * sizeof *s->assign);
	s->nassign--;
}

long
session_find_assignment(const struct session *s, const char *id)
{
	size_t i;

	for (i = 0; i < s->nassign; i++)
		if (strcmp(s->assign[i].participant_id, id) == 0)
			return (long)i;
	return -1;
}

static int
session_cmp(const void *a, const void *b)
{
	const struct session *x = a, *y = b;
	int c;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	c = strcmp(x->room_id ? x->room_id : "", y->room_id ? y->room_id : "");
	if (c != 0)
		return c;
	c = strcmp(x->uid ? x->uid : "", y->uid ? y->uid : "");
	if (c != 0)
		return c;
	return x->recurrence_id < y->recurrence_id   ? -1
	       : x->recurrence_id > y->recurrence_id ? 1
	                                             : 0;
}

int
session_order_cmp(const struct session *a, const struct session *b)
{
	return session_cmp(a, b);
}

/*
 * A session's place in that order, told from its start, end and the first
 * eight bytes of its room id (read big-endian, so that they compare as
 * strcmp does) without reading the session again; only keys equal in all
 * three ask session_cmp. `at` is the session's index before the sort.
 */
struct order_key {
	dais_time start, end;
	uint64_t room;
	size_t at;
};

static uint64_t
room_prefix(const char *id)
{
	uint64_t x = 0;
	int i;

	/* Past the id's end, zeros: "r1" before "r10", as strcmp has it. */
	for (i = 0; id != NULL && i < 8 && id[i] != '\0'; i++)
		x |= (uint64_t)(unsigned char)id[i] << (56 - 8 * i);
	return x;
}

static int
order_key_cmp(const struct order_key *a, const struct order_key *b,
              const struct session *v)
{
	int c;

	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->end != b->end)
		return a->end < b->end ? -1 : 1;
	if (a->room != b->room)
		return a->room < b->room ? -1 : 1;
	c = session_cmp(&v[a->at], &v[b->at]);
	if (c != 0)
		return c;
	return a->at < b->at ? -1 : a->at > b->at;
}

/* The first of k[lo..hi) that comes after x (all before it do not). */
static size_t
order_keys_after(const struct order_key *k, size_t lo, size_t hi,
                 const struct order_key *x, const struct session *v)
{
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (order_key_cmp(&k[mid], x, v) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Room for the merges' left halves, grown as they need it. */
struct order_tmp {
	struct order_key *v;
	size_t cap;
};

/*
 * A merge sort of the keys that merges only what is out of order: the
 * sessions come mostly in order (a file written in time order, the rooms
 * of one hour in another order than their ids'), so most halves are left
 * as they are, and of the others only the keys between the right half's
 * first and the left half's last are merged: tmp seldom grows to n / 2.
 */
static void
order_keys_sort(struct order_key *k, size_t n, struct order_tmp *tmp,
                const struct session *v)
{
	size_t mid = n / 2, i, a, b, o, lo, hi;
	struct order_key *t;

	if (n < 16) {
		for (i = 1; i < n; i++) {
			struct order_key x = k[i];

			for (a = i;
			     a > 0 && order_key_cmp(&k[a - 1], &x, v) > 0; a--)
				k[a] = k[a - 1];
			k[a] = x;
		}
		return;
	}
	order_keys_sort(k, mid, tmp, v);
	order_keys_sort(k + mid, n - mid, tmp, v);
	if (order_key_cmp(&k[mid - 1], &k[mid], v) <= 0)
		return;
	/* k[0..lo) come before the right half, k[hi..n) after the left. */
	lo = order_keys_after(k, 0, mid, &k[mid], v);
	hi = order_keys_after(k, mid, n, &k[mid - 1], v);
	if (mid - lo > tmp->cap) {
		free(tmp->v);
		tmp->cap = mid - lo;
		tmp->v = xreallocarray(NULL, tmp->cap, sizeof *tmp->v);
	}
	t = tmp->v;
	memcpy(t, &k[lo], (mid - lo) * sizeof *k);
	for (a = 0, b = mid, o = lo; a < mid - lo && b < hi; o++)
		k[o] = order_key_cmp(&k[b], &t[a], v) < 0 ? k[b++] : t[a++];
	memcpy(&k[o], &t[a], (mid - lo - a) * sizeof *k);
}

/*
 * The sessions sorted through keys: the keys are sorted (32 bytes each,
 * where a session is 160 and glibc's qsort moved each several times), then
 * each session is moved once, straight to its place, following the
 * permutation's cycles.
 */
static void
sort_by_keys(struct session *v, size_t n)
{
	struct order_key *k = xreallocarray(NULL, n, sizeof *k);
	struct order_tmp tmp = {NULL, 0};
	struct session s;
	size_t i, j, from;

	for (i = 0; i < n; i++)
		k[i] = (struct order_key){v[i].start, v[i].end,
		                          room_prefix(v[i].room_id), i};
	order_keys_sort(k, n, &tmp, v);
	free(tmp.v);
	for (i = 0; i < n; i++) {
		if (k[i].at == i)
			continue;
		s = v[i];
		for (j = i;; j = from) {
			from = k[j].at;
			k[j].at = j;
			if (from == i)
				break;
			v[j] = v[from];
		}
		v[j] = s;
	}
	free(k);
}

/*
 * After an edit the array is sorted but for a session or two, and the
 * planner sorts after every edit: a sort would move the whole array
 * (25 000 sessions are 4 MB) each time. So count the places out of order
 * first; with few, an insertion sort with binary search moves only what
 * must move. The order is total, so both give the same array.
 */
#define SORT_FEW_DESCENTS 64

void
programme_sort_sessions(struct programme *p)
{
	struct session *v = p->sessions, tmp;
	size_t i, n = p->nsessions, descents = 0;

	if (n < 2)
		return;
	for (i = 1; i < n && descents <= SORT_FEW_DESCENTS; i++)
		if (session_cmp(&v[i - 1], &v[i]) > 0)
			descents++;
	if (descents == 0)
		return;
	if (descents > SORT_FEW_DESCENTS) {
		sort_by_keys(v, n);
		return;
	}
	for (i = 1; i < n; i++) {
		size_t lo = 0, hi = i;

		if (session_cmp(&v[i - 1], &v[i]) <= 0)
			continue;
		/* v[0..i) is sorted: find where v[i] goes. */
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (session_cmp(&v[mid], &v[i]) <= 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		tmp = v[i];
		memmove(&v[lo + 1], &v[lo], (i - lo) * sizeof *v);
		v[lo] = tmp;
	}
}
