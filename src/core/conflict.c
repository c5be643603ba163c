/*
 * conflict.c: the conflict engine. Live sessions are sorted by time once;
 * walking that order makes incidences (session and room, participant or
 * delegation), grouped by key with a stable counting sort and swept with an
 * active set: O(n log n + k) for n incidences and k conflicts, with no
 * all-pairs loop anywhere.
 */
#include "dais/conflict.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dais/strmap.h"
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

/* How many titles a delegation message names before "and N more". */
#define LIST_TITLES 8

/*
 * Sweeps compare keys, not times: key = 2 * t, and a zero-length session at
 * t ends at key 2t + 1. Half-open overlap of keys then gives exactly the
 * rules of conflict.h: an instant t clashes with [a, b) when a <= t < b and
 * with another instant t, and touching intervals do not clash. Times are
 * clamped far beyond any real date so that doubling cannot overflow.
 */
#define KEY_LIMIT (INT64_MAX / 4)

/* One session's part in a group: a room, a participant or a delegation. */
struct inc {
	size_t key;     /* the group: room, participant or delegation */
	int64_t s2, e2; /* the session's keys */
	size_t si;      /* index into programme->sessions */
	const char *id; /* borrowed: the id as the session names it */
	const struct participant *x; /* the participant, when known */
	const char *cn;              /* the CN written in the file */
};

/* What every check shares; all arrays are per session. */
struct check {
	const struct programme *p;
	const struct dais_zone *zone;
	struct conflict_list *out;
	bool *live;                /* scheduled and not cancelled */
	int64_t *s2, *e2;          /* sweep keys */
	dais_time *end;            /* end, never before start */
	const struct room **rooms; /* the session's room, when defined */
	size_t *scratch;           /* room for one group's active set */
	int64_t *days;             /* the conference days, sorted numbers */
	size_t *order;             /* live sessions by start, end, index */
	size_t nlive;
	int max_walk; /* the longest walk between buildings */
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

/* ---- Words for messages ---------------------------------------------- */

static bool
enabled(const struct check *ck, enum conflict_kind kind)
{
	return ck->p->conf.severity[kind] != SEVERITY_OFF;
}

static const char *
title_of(const struct session *s)
{
	if (s->title != NULL && *s->title != '\0')
		return s->title;
	return s->uid != NULL ? s->uid : "(untitled)";
}

/*
 * The room as people know it; an undefined id is shown as itself, with a
 * capital when it opens the sentence.
 */
static char *
room_label(const struct check *ck, size_t si, bool cap)
{
	const struct room *r = ck->rooms[si];
	const struct session *s = &ck->p->sessions[si];

	if (r != NULL && r->name != NULL && *r->name != '\0')
		return xstrdup(r->name);
	return xasprintf("%s '%s'", cap ? "Room" : "room",
	                 r != NULL    ? r->id
	                 : s->room_id ? s->room_id
	                              : "?");
}

static const char *
person_label(const struct inc *v)
{
	if (v->x != NULL && v->x->name != NULL && *v->x->name != '\0')
		return v->x->name;
	if (v->cn != NULL && *v->cn != '\0')
		return v->cn;
	return v->id;
}

static char *
hm(const struct check *ck, dais_time t, char *buf)
{
	return time_fmt_hm(buf, ck->zone, t);
}

/* "10:00-10:30", or "10:00" for an instant. */
static char *
span_text(const struct check *ck, dais_time a, dais_time b)
{
	char b1[DAIS_TIMEBUF], b2[DAIS_TIMEBUF];

	if (a == b)
		return xasprintf("at %s", hm(ck, a, b1));
	return xasprintf("%s-%s", hm(ck, a, b1), hm(ck, b, b2));
}

/* "15:00 on Wed 4 Nov 2026" */
static char *
when_text(const struct check *ck, dais_time t)
{
	char b1[DAIS_TIMEBUF], b2[DAIS_TIMEBUF];

	return xasprintf("%s on %s", hm(ck, t, b1),
	                 date_fmt_long(b2, time_local_date(ck->zone, t)));
}

/* Minutes since midnight as "08:00"; past midnight reads "24:30". */
static char *
minutes_text(int m, char *buf)
{
	snprintf(buf, DAIS_TIMEBUF, "%02d:%02d", m / 60, m % 60);
	return buf;
}

/* ---- Recording ------------------------------------------------------- */

/* Records one conflict; takes the message, copies the session list. */
static void
emit(struct check *ck, enum conflict_kind kind, const size_t *sessions,
     size_t n, const char *room_id, const char *participant_id, dais_time start,
     dais_time end, char *message)
{
	struct conflict_list *out = ck->out;
	struct conflict *c;

	XGROW(out->v, out->n, out->cap);
	c = &out->v[out->n++];
	c->kind = kind;
	c->severity = ck->p->conf.severity[kind];
	c->sessions = xreallocarray(NULL, n ? n : 1, sizeof *c->sessions);
	if (n > 0)
		memcpy(c->sessions, sessions, n * sizeof *sessions);
	c->nsessions = n;
	c->room_id = room_id;
	c->participant_id = participant_id;
	c->start = start;
	c->end = end;
	c->message = message;
}

static void
emit_one(struct check *ck, enum conflict_kind kind, size_t si,
         const char *room_id, const char *participant_id, char *message)
{
	const struct session *s = &ck->p->sessions[si];

	emit(ck, kind, &si, 1, room_id, participant_id, s->start, ck->end[si],
	     message);
}

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
static size_t
key_unknown_ids(struct inc *v, size_t n, size_t base)
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
static struct inc *
group_by_key(struct inc *v, size_t n, size_t nkeys, size_t *np)
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

static struct inc
make_inc(const struct check *ck, size_t si)
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
	char *when = span_text(ck, start, end), *msg, *room;

	if (kind == CONFLICT_ROOM_DOUBLE_BOOKED) {
		room = room_label(ck, a->si, true);
		msg = xasprintf("%s is booked for '%s' and '%s' at once, %s.",
		                room, title_of(sa), title_of(sb), when);
		free(room);
		emit(ck, kind, pair, 2, sa->room_id, NULL, start, end, msg);
	} else {
		msg = xasprintf("%s is in '%s' and '%s' at once, %s.",
		                person_label(a), title_of(sa), title_of(sb),
		                when);
		emit(ck, kind, pair, 2, NULL, a->x ? a->x->id : a->id, start,
		     end, msg);
	}
	free(when);
}

/*
 * One group, sorted by start: every incidence still running when the next
 * starts overlaps it. The active set shrinks as sessions end, so each step
 * costs the pairs it reports plus the sessions it drops.
 */
static void
pair_sweep(struct check *ck, enum conflict_kind kind, const struct inc *v,
           size_t n)
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
	ra = room_label(ck, a->si, !person);
	rb = room_label(ck, b->si, false);
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
		              person_label(a), (long long)(gap / 60),
		              title_of(sa), ra, b1, title_of(sb), rb, b2, walk);
	else
		msg =
		    xasprintf("%s has %lld min between '%s' in %s (ends %s) "
		              "and '%s' in %s (starts %s), but the changeover "
		              "is %d min.",
		              person_label(a), (long long)(gap / 60),
		              title_of(sa), ra, b1, title_of(sb), rb, b2, need);
	free(ra);
	free(rb);
	emit(ck, CONFLICT_TIGHT_CHANGEOVER, pair, 2,
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
static void
changeover_sweep(struct check *ck, const struct inc *v, size_t n, bool person)
{
	size_t i, last = 0;

	for (i = 1; i < n; i++) {
		if (v[last].e2 <= v[i].s2)
			report_changeover(ck, &v[last], &v[i], person);
		if (v[i].e2 >= v[last].e2)
			last = i;
	}
}

/* ---- Rooms ------------------------------------------------------------- */

static void
check_rooms(struct check *ck)
{
	const struct programme *p = ck->p;
	struct inc *v = xreallocarray(NULL, ck->nlive + 1, sizeof *v);
	size_t n = 0, lo, hi, i, nkeys;

	for (i = 0; i < ck->nlive; i++) {
		size_t si = ck->order[i];
		struct inc e;

		if (p->sessions[si].room_id == NULL)
			continue;
		e = make_inc(ck, si);
		e.id = p->sessions[si].room_id;
		e.key = ck->rooms[si] ? (size_t)(ck->rooms[si] - p->rooms)
		                      : SIZE_MAX;
		v[n++] = e;
	}
	nkeys = p->nrooms + key_unknown_ids(v, n, p->nrooms);
	v = group_by_key(v, n, nkeys, &n);
	for (lo = 0; lo < n; lo = hi) {
		for (hi = lo + 1; hi < n && v[hi].key == v[lo].key; hi++)
			;
		if (enabled(ck, CONFLICT_ROOM_DOUBLE_BOOKED))
			pair_sweep(ck, CONFLICT_ROOM_DOUBLE_BOOKED, v + lo,
			           hi - lo);
		if (enabled(ck, CONFLICT_TIGHT_CHANGEOVER))
			changeover_sweep(ck, v + lo, hi - lo, false);
	}
	free(v);
}

/* Capacity, interpretation, hours and room references: one session each. */
static void
check_capacity(struct check *ck, size_t si)
{
	const struct session *s = &ck->p->sessions[si];
	const struct room *r = ck->rooms[si];
	long attending = s->expected > 0 ? s->expected : (long)s->nassign;
	char *room, *msg;

	if (r == NULL || r->capacity <= 0 || attending <= r->capacity)
		return;
	room = room_label(ck, si, false);
	if (s->expected > 0)
		msg = xasprintf("'%s' expects %ld people but %s seats %d.",
		                title_of(s), attending, room, r->capacity);
	else
		msg = xasprintf("'%s' has %ld people assigned but %s seats "
		                "%d.",
		                title_of(s), attending, room, r->capacity);
	free(room);
	emit_one(ck, CONFLICT_OVER_CAPACITY, si, s->room_id, NULL, msg);
}

static void
check_interpretation(struct check *ck, size_t si)
{
	const struct session *s = &ck->p->sessions[si];
	const struct room *r = ck->rooms[si];
	struct strlist missing = {0};
	char *room, *need, *have, *msg;
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < s->languages.n; i++)
		if (!strlist_has(&r->languages, s->languages.v[i]) &&
		    !strlist_has(&missing, s->languages.v[i]))
			strlist_add(&missing, s->languages.v[i]);
	if (missing.n == 0)
		return;
	room = room_label(ck, si, false);
	need = strlist_join(&missing, ", ");
	if (r->languages.n == 0) {
		msg = xasprintf("'%s' needs interpretation in %s but %s has no "
		                "interpretation booths.",
		                title_of(s), need, room);
	} else {
		have = strlist_join(&r->languages, ", ");
		msg = xasprintf("'%s' needs interpretation in %s but %s has "
		                "booths only for %s.",
		                title_of(s), need, room, have);
		free(have);
	}
	free(need);
	free(room);
	strlist_clear(&missing);
	emit_one(ck, CONFLICT_INTERPRETATION_UNAVAILABLE, si, s->room_id, NULL,
	         msg);
}

static bool
conference_day(const struct check *ck, int64_t day)
{
	size_t lo = 0, hi = ck->p->conf.ndays;

	if (hi == 0) /* no days configured: any day will do */
		return true;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ck->days[mid] == day)
			return true;
		if (ck->days[mid] < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/*
 * The end is measured in wall-clock seconds from the start day's local
 * midnight, so a session crossing midnight ends past 24:00 and a day_end
 * beyond 1440 can allow it.
 */
static void
check_hours(struct check *ck, size_t si)
{
	const struct programme *p = ck->p;
	const struct session *s = &p->sessions[si];
	struct dais_civil a = time_to_civil(ck->zone, s->start);
	struct dais_civil b = time_to_civil(ck->zone, ck->end[si]);
	struct dais_date da = {a.year, a.month, a.day},
	                 db = {b.year, b.month, b.day};
	int64_t from = a.hour * 3600 + a.minute * 60 + a.second;
	int64_t to = (date_to_days(db) - date_to_days(da)) * 86400 +
	             b.hour * 3600 + b.minute * 60 + b.second;
	bool early = from < (int64_t)p->conf.day_start * 60;
	bool late = to > (int64_t)p->conf.day_end * 60;
	bool day = conference_day(ck, date_to_days(da));
	char b1[DAIS_TIMEBUF], b2[DAIS_TIMEBUF], b3[DAIS_TIMEBUF],
	    b4[DAIS_TIMEBUF], *msg;

	if (day && !early && !late)
		return;
	minutes_text(p->conf.day_start, b1);
	minutes_text(p->conf.day_end, b2);
	hm(ck, s->start, b3);
	hm(ck, ck->end[si], b4);
	if (!day) {
		msg = xasprintf("'%s' is on %s, which is not a conference day; "
		                "move it to one of the conference days.",
		                title_of(s), date_fmt_long(b1, da));
	} else if (early && late) {
		msg = xasprintf("'%s' runs %s-%s, outside the daily hours "
		                "%s-%s.",
		                title_of(s), b3, b4, b1, b2);
	} else if (early) {
		msg = xasprintf("'%s' starts at %s, before the day begins at "
		                "%s.",
		                title_of(s), b3, b1);
	} else if (late && date_compare(da, db) != 0) {
		msg = xasprintf("'%s' runs past midnight to %s on %s, after "
		                "the day ends at %s.",
		                title_of(s), b4, date_fmt_long(b3, db), b2);
	} else if (late) {
		msg = xasprintf("'%s' ends at %s, after the day ends at %s.",
		                title_of(s), b4, b2);
	} else {
		return;
	}
	emit_one(ck, CONFLICT_OUTSIDE_HOURS, si, s->room_id, NULL, msg);
}

static void
check_sessions(struct check *ck)
{
	const struct programme *p = ck->p;
	size_t i;

	for (i = 0; i < p->nsessions; i++) {
		const struct session *s = &p->sessions[i];

		if (!ck->live[i])
			continue;
		if (enabled(ck, CONFLICT_UNKNOWN_REFERENCE) &&
		    s->room_id != NULL && ck->rooms[i] == NULL)
			emit_one(ck, CONFLICT_UNKNOWN_REFERENCE, i, s->room_id,
			         NULL,
			         xasprintf("'%s' is set in room '%s', which "
			                   "venues.ini does not define; choose "
			                   "a room from venues.ini.",
			                   title_of(s), s->room_id));
		if (enabled(ck, CONFLICT_OVER_CAPACITY))
			check_capacity(ck, i);
		if (enabled(ck, CONFLICT_INTERPRETATION_UNAVAILABLE))
			check_interpretation(ck, i);
		if (enabled(ck, CONFLICT_OUTSIDE_HOURS))
			check_hours(ck, i);
	}
}

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
	when = span_text(ck, s->start, ck->end[e->si]);
	arr = early ? when_text(ck, x->arrival) : NULL;
	dep = late ? when_text(ck, x->departure) : NULL;
	if (early && late)
		msg = xasprintf("%s arrives at %s and leaves at %s but is "
		                "assigned to '%s', %s.",
		                person_label(e), arr, dep, title_of(s), when);
	else if (early)
		msg = xasprintf("%s arrives at %s but is assigned to '%s', "
		                "%s.",
		                person_label(e), arr, title_of(s), when);
	else
		msg = xasprintf("%s leaves at %s but is assigned to '%s', %s.",
		                person_label(e), dep, title_of(s), when);
	free(arr);
	free(dep);
	free(when);
	emit_one(ck, CONFLICT_OUTSIDE_AVAILABILITY, e->si, NULL, x->id, msg);
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
	emit_one(ck, CONFLICT_UNKNOWN_REFERENCE, e->si, NULL, e->id, msg);
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
static struct inc *
participant_incidences(struct check *ck, size_t *np, size_t *nkeys)
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
			e = make_inc(ck, si);
			e.id = a->participant_id;
			e.cn = a->cn;
			e.x = id_table_find(&ids, p, e.id);
			e.key = e.x ? (size_t)(e.x - p->people) : SIZE_MAX;
			XGROW(v, n, cap);
			v[n++] = e;
		}
	}
	strmap_free(&ids);
	*nkeys = p->npeople + key_unknown_ids(v, n, p->npeople);
	*np = n;
	return v;
}

static void
check_participants(struct check *ck, const struct inc *v, size_t n)
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
			pair_sweep(ck, CONFLICT_PARTICIPANT_DOUBLE_BOOKED,
			           v + lo, hi - lo);
		if (enabled(ck, CONFLICT_TIGHT_CHANGEOVER) &&
		    (x == NULL || !participant_is_group(x)))
			changeover_sweep(ck, v + lo, hi - lo, true);
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

/* ---- Delegations ------------------------------------------------------ */

struct event {
	int64_t key;
	int start; /* 0 for an end, 1 for a start: ends come first */
	size_t i;  /* incidence within the group */
};

static int
event_cmp(const void *a, const void *b)
{
	const struct event *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	if (x->start != y->start)
		return x->start - y->start;
	return x->i < y->i ? -1 : x->i > y->i;
}

static int
size_cmp(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/* The key back to an instant: 2t and 2t + 1 both mean t. */
static dais_time
key_time(int64_t key)
{
	return (key - (key < 0 ? 1 : 0)) / 2;
}

static void
report_stretch(struct check *ck, const struct participant *g,
               const struct inc *v, size_t *list, size_t nlist, size_t peak,
               int64_t from, int64_t to)
{
	const struct programme *p = ck->p;
	size_t *sessions = xreallocarray(NULL, nlist + 1, sizeof *sessions);
	size_t i, shown = nlist > LIST_TITLES ? LIST_TITLES : nlist;
	dais_time start = key_time(from), end = key_time(to);
	char *titles = xstrdup(""), *tmp, *when, *msg;

	/* The group's incidences are in time order, so their order is. */
	qsort(list, nlist, sizeof *list, size_cmp);
	for (i = 0; i < nlist; i++)
		sessions[i] = v[list[i]].si;
	for (i = 0; i < shown; i++) {
		const char *sep = i == 0                             ? ""
		                  : i + 1 == shown && shown == nlist ? " and "
		                                                     : ", ";

		tmp = xasprintf("%s%s'%s'", titles, sep,
		                title_of(&p->sessions[sessions[i]]));
		free(titles);
		titles = tmp;
	}
	if (shown < nlist) {
		tmp = xasprintf("%s and %zu more", titles, nlist - shown);
		free(titles);
		titles = tmp;
	}
	when = span_text(ck, start, end);
	msg = xasprintf("%s has %d delegate%s but is in %zu sessions at once, "
	                "%s: %s.",
	                g->name && *g->name ? g->name : g->id, g->delegates,
	                g->delegates == 1 ? "" : "s", peak, when, titles);
	free(when);
	free(titles);
	emit(ck, CONFLICT_DELEGATION_OVER_COMMITTED, sessions, nlist, NULL,
	     g->id, start, end, msg);
	free(sessions);
}

/*
 * Counts the group's running sessions over time. Events at one instant are
 * taken together (ends, then starts), so a stretch does not break where
 * one session hands over to the next, and a session starting as the
 * stretch ends is not part of it.
 */
static void
delegation_sweep(struct check *ck, const struct participant *g,
                 const struct inc *v, size_t n)
{
	struct event *ev = xreallocarray(NULL, 2 * n, sizeof *ev);
	size_t *active = xreallocarray(NULL, n, sizeof *active);
	size_t *pos = xreallocarray(NULL, n, sizeof *pos);
	size_t *list = NULL, nlist = 0, caplist = 0, na = 0, peak = 0;
	size_t limit = (size_t)g->delegates, i, j, k, first;
	bool in = false;
	int64_t from = 0;

	for (i = 0; i < n; i++) {
		ev[2 * i] = (struct event){v[i].s2, 1, i};
		ev[2 * i + 1] = (struct event){v[i].e2, 0, i};
	}
	qsort(ev, 2 * n, sizeof *ev, event_cmp);
	for (i = 0; i < 2 * n; i = j) {
		for (j = i; j < 2 * n && ev[j].key == ev[i].key; j++) {
			size_t e = ev[j].i;

			if (ev[j].start) {
				pos[e] = na;
				active[na++] = e;
			} else {
				active[pos[e]] = active[--na];
				pos[active[pos[e]]] = pos[e];
			}
		}
		/* Starts of this batch are the tail of its events. */
		for (first = i; first < j && !ev[first].start; first++)
			;
		if (in && na <= limit) {
			report_stretch(ck, g, v, list, nlist, peak, from,
			               ev[i].key);
			in = false;
		} else if (in) {
			for (k = first; k < j; k++) {
				XGROW(list, nlist, caplist);
				list[nlist++] = ev[k].i;
			}
		} else if (na > limit) {
			in = true;
			from = ev[i].key;
			peak = 0;
			nlist = 0;
			for (k = 0; k < na; k++) {
				XGROW(list, nlist, caplist);
				list[nlist++] = active[k];
			}
		}
		if (in && na > peak)
			peak = na;
	}
	free(list);
	free(pos);
	free(active);
	free(ev);
}

static const struct participant *
limited_group(const struct participant *x)
{
	if (x != NULL && participant_is_group(x) && x->delegates > 0)
		return x;
	return NULL;
}

/*
 * A group is in a session when it or any of its members is assigned. pv is
 * in time order, so the grouped incidences are too.
 */
static void
check_delegations(struct check *ck, const struct inc *pv, size_t pn)
{
	const struct programme *p = ck->p;
	const struct participant **of = xcalloc(p->npeople + 1, sizeof *of);
	struct inc *v = NULL;
	size_t n = 0, cap = 0, i, lo, hi;

	/* Each person's delegation, looked up once. */
	for (i = 0; i < p->npeople; i++)
		if (p->people[i].delegation != NULL)
			of[i] = limited_group(programme_find_participant(
			    p, p->people[i].delegation));
	for (i = 0; i < pn; i++) {
		const struct participant *x = pv[i].x, *g[2];
		int k;

		if (x == NULL)
			continue;
		g[0] = limited_group(x);
		g[1] = of[x - p->people];
		for (k = 0; k < 2; k++) {
			struct inc e = pv[i];

			if (g[k] == NULL)
				continue;
			e.x = g[k];
			e.key = (size_t)(g[k] - p->people);
			XGROW(v, n, cap);
			v[n++] = e;
		}
	}
	free(of);
	v = group_by_key(v, n, p->npeople, &n);
	for (lo = 0; lo < n; lo = hi) {
		for (hi = lo + 1; hi < n && v[hi].key == v[lo].key; hi++)
			;
		if (hi - lo > (size_t)v[lo].x->delegates)
			delegation_sweep(ck, v[lo].x, v + lo, hi - lo);
	}
	free(v);
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
 * comes out in time order without being sorted again.
 */
static size_t *
time_order(const struct check *ck, size_t *np)
{
	size_t n = ck->p->nsessions, i, k = 0;
	struct slot *v = xreallocarray(NULL, n + 1, sizeof *v);
	size_t *order;

	for (i = 0; i < n; i++)
		if (ck->live[i])
			v[k++] = (struct slot){ck->s2[i], ck->e2[i], i};
	qsort(v, k, sizeof *v, slot_cmp);
	order = xreallocarray(NULL, k + 1, sizeof *order);
	for (i = 0; i < k; i++)
		order[i] = v[i].si;
	free(v);
	*np = k;
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

void
conflict_check(const struct programme *p, struct conflict_list *out)
{
	struct check ck;
	size_t n = p->nsessions, i, first = out->n, pn, rn, nkeys;
	struct inc *pv, *raw;

	memset(&ck, 0, sizeof ck);
	ck.p = p;
	ck.zone = &p->conf.zone;
	ck.out = out;
	ck.live = xcalloc(n + 1, sizeof *ck.live);
	ck.s2 = xcalloc(n + 1, sizeof *ck.s2);
	ck.e2 = xcalloc(n + 1, sizeof *ck.e2);
	ck.end = xcalloc(n + 1, sizeof *ck.end);
	ck.rooms = xcalloc(n + 1, sizeof *ck.rooms);
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
		ck.live[i] = s->status != SESSION_CANCELLED &&
		             s->start != DAIS_TIME_NONE;
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
		ck.rooms[i] = programme_find_room(p, s->room_id);
	}

	ck.order = time_order(&ck, &ck.nlive);
	raw = participant_incidences(&ck, &rn, &nkeys);
	ck.scratch = xcalloc((rn > n ? rn : n) + 1, sizeof *ck.scratch);
	check_rooms(&ck);
	check_sessions(&ck);
	if (enabled(&ck, CONFLICT_DELEGATION_OVER_COMMITTED))
		check_delegations(&ck, raw, rn);
	pv = group_by_key(raw, rn, nkeys, &pn);
	check_participants(&ck, pv, pn);
	free(pv);

	if (out->n > first)
		qsort(out->v + first, out->n - first, sizeof *out->v,
		      conflict_cmp);
	free(ck.scratch);
	free(ck.live);
	free(ck.s2);
	free(ck.e2);
	free(ck.end);
	free(ck.rooms);
	free(ck.days);
	free(ck.order);
}
