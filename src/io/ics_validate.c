/*
 * ics_validate.c: checks across the .ics files once all are read: a UID
 * used in two files, and kinds, rooms and participants that conference.ini
 * and the registries do not define (warnings: the session still loads).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dais/ics.h"
#include "dais/xalloc.h"

/* The path of a source file as load.c names it in its messages. */
static char *
shown_path(const struct programme *p, int source)
{
	if (source < 0 || (size_t)source >= p->conf.files.n)
		return xstrdup(p->dir);
	if (p->dir == NULL)
		return xstrdup(p->conf.files.v[source]);
	return xasprintf("%s/%s", p->dir, p->conf.files.v[source]);
}

struct ref {
	const char *uid;
	int source, line;
	size_t index;
};

static int
ref_cmp(const void *a, const void *b)
{
	const struct ref *x = a, *y = b;
	int c = strcmp(x->uid, y->uid);

	if (c != 0)
		return c;
	if (x->source != y->source)
		return x->source < y->source ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* Unknown participant ids named one by one in one event. */
#define CHECK_MAX_UNKNOWN_NAMED 5

/* The path of s's file, made the first time a message needs it (most
 * sessions need none). */
static const char *
file_of(const struct programme *p, int source, char **file)
{
	if (*file == NULL)
		*file = shown_path(p, source);
	return *file;
}

/*
 * The ids already found defined, remembered by their address: the loader
 * keeps one copy of each id (arena.h), so 10 000 sessions name a dozen
 * kinds, 200 rooms and 2 000 people through as many addresses, and each
 * is looked up once instead of hashed and compared again for every
 * session (programme_find_participant was a third of ics_validate's
 * instructions at 10 000 sessions). One table for each of the three, of
 * addresses only (the people's 32 KB): an address not in it is looked up
 * again, and kept if defined while the table is at most half full.
 */
struct ref_seen {
	const char **slot; /* NULL: empty */
	size_t mask, n, most;
};

static void
ref_seen_init(struct ref_seen *t, size_t ids)
{
	size_t cap = 16;

	while (cap < 2 * ids && cap < ((size_t)1 << 24))
		cap *= 2;
	t->slot = xcalloc(cap, sizeof *t->slot);
	t->mask = cap - 1;
	t->n = 0;
	t->most = cap / 2;
}

static bool
kind_defined(const struct programme *p, const char *id)
{
	return strlist_has(&p->conf.kinds, id);
}

static bool
room_defined(const struct programme *p, const char *id)
{
	return programme_find_room(p, id) != NULL;
}

static bool
person_defined(const struct programme *p, const char *id)
{
	return programme_find_participant(p, id) != NULL;
}

/* Whether id is defined (asked of `defined` unless its address is in t). */
static bool
ref_known(struct ref_seen *t, const struct programme *p, const char *id,
          bool (*defined)(const struct programme *, const char *))
{
	/* Fibonacci hashing: ids side by side in the store differ in their
	 * low bits only. */
	size_t i =
	    (size_t)(((uint64_t)(uintptr_t)id * 0x9E3779B97F4A7C15u) >> 32) &
	    t->mask;

	for (; t->slot[i] != NULL; i = (i + 1) & t->mask)
		if (t->slot[i] == id)
			return true;
	if (!defined(p, id))
		return false;
	/* At most half full: the probe above always ends. */
	if (t->n < t->most) {
		t->slot[i] = id;
		t->n++;
	}
	return true;
}

/* The kinds', rooms' and people's tables. */
struct refs_seen {
	struct ref_seen kinds, rooms, people;
};

static void
refs_seen_init(struct refs_seen *t, const struct programme *p)
{
	ref_seen_init(&t->kinds, p->conf.kinds.n);
	ref_seen_init(&t->rooms, p->nrooms);
	ref_seen_init(&t->people, p->npeople);
}

static void
refs_seen_free(struct refs_seen *t)
{
	free(t->kinds.slot);
	free(t->rooms.slot);
	free(t->people.slot);
}

/* Kind, room and people of one VEVENT (all its occurrences share them). */
static void
check_refs(const struct programme *p, const struct session *s,
           struct refs_seen *seen, struct diag_list *diags)
{
	char *file = NULL, *kinds;
	size_t i, unknown = 0;

	if (s->kind != NULL && p->conf.kinds.n > 0 &&
	    !ref_known(&seen->kinds, p, s->kind, kind_defined)) {
		kinds = strlist_join(&p->conf.kinds, ", ");
		diag_add(diags, DIAG_WARNING, file_of(p, s->source, &file),
		         s->line, s->uid,
		         "the kind %s (CATEGORIES) is not one of the kinds in "
		         "conference.ini (%s); add it there or correct "
		         "CATEGORIES",
		         s->kind, kinds);
		free(kinds);
	}
	if (s->room_id != NULL && p->room_index != NULL &&
	    !ref_known(&seen->rooms, p, s->room_id, room_defined))
		diag_add(diags, DIAG_WARNING, file_of(p, s->source, &file),
		         s->line, s->uid,
		         "the room %s (X-DAIS-ROOM) is not in venues.ini; add "
		         "it there or correct the id",
		         s->room_id);
	for (i = 0; i < s->nassign && p->people_index != NULL; i++) {
		/* The loader stores no assignment without an id. */
		if (s->assign[i].participant_id == NULL ||
		    ref_known(&seen->people, p, s->assign[i].participant_id,
		              person_defined))
			continue;
		/* A few are named; the rest of a long list (a file from
		 * another system, with its own ids) are counted. */
		if (++unknown <= CHECK_MAX_UNKNOWN_NAMED)
			diag_add(diags, DIAG_WARNING,
			         file_of(p, s->source, &file), s->line, s->uid,
			         "the participant %s (ATTENDEE%s%s) is not in "
			         "participants.ini; add them there or correct "
			         "the id",
			         s->assign[i].participant_id,
			         s->assign[i].cn ? " " : "",
			         s->assign[i].cn ? s->assign[i].cn : "");
	}
	if (unknown > CHECK_MAX_UNKNOWN_NAMED)
		diag_add(
		    diags, DIAG_WARNING, file_of(p, s->source, &file), s->line,
		    s->uid,
		    "and %zu more participants (ATTENDEE) of this event are "
		    "not in participants.ini",
		    unknown - CHECK_MAX_UNKNOWN_NAMED);
	free(file);
}

struct ordered {
	struct diag d;
	size_t seq; /* keeps messages on one line in the order made */
};

static int
ordered_cmp(const void *a, const void *b)
{
	const struct ordered *x = a, *y = b;
	int c = strcmp(x->d.file ? x->d.file : "", y->d.file ? y->d.file : "");

	if (c != 0)
		return c;
	if (x->d.line != y->d.line)
		return x->d.line < y->d.line ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Moves the entries of `from` to the end of `to`, in file and line order
 * (the checks may run in UID order, which means nothing to a reader). */
static void
diag_append_sorted(struct diag_list *to, struct diag_list *from)
{
	struct ordered *o = xreallocarray(NULL, from->n + 1, sizeof *o);
	size_t i;

	for (i = 0; i < from->n; i++) {
		o[i].d = from->v[i];
		o[i].seq = i;
	}
	qsort(o, from->n, sizeof *o, ordered_cmp);
	for (i = 0; i < from->n; i++) {
		XGROW(to->v, to->n, to->cap);
		to->v[to->n++] = o[i].d;
	}
	free(o);
	free(from->v);
	from->v = NULL;
	from->n = from->cap = 0;
}

/* Whether every session comes from the same file: then no UID can be
 * used in two files (the loader refused repeats within a file). */
static bool
one_source(const struct programme *p)
{
	size_t i;

	for (i = 1; i < p->nsessions; i++)
		if (p->sessions[i].source != p->sessions[0].source)
			return false;
	return true;
}

static int
occurrence_cmp(const void *a, const void *b)
{
	const struct ref *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/*
 * The references of the sessions of one file, checked without the sort by
 * UID, which could find nothing there (a third of this function's
 * instructions at 10 000 sessions). A session that does not recur is its
 * VEVENT's only session; the occurrences of a series share their VEVENT's
 * line, so those (and overrides) are grouped by line to be checked once.
 */
static void
check_one_source(struct programme *p, struct refs_seen *seen,
                 struct diag_list *diags)
{
	struct ref *occ = NULL;
	size_t i, nocc = 0, capocc = 0;

	for (i = 0; i < p->nsessions; i++) {
		const struct session *s = &p->sessions[i];

		if (s->recurrence_id == DAIS_TIME_NONE) {
			check_refs(p, s, seen, diags);
			continue;
		}
		XGROW(occ, nocc, capocc);
		occ[nocc].uid = s->uid;
		occ[nocc].source = s->source;
		occ[nocc].line = s->line;
		occ[nocc++].index = i;
	}
	if (nocc > 0)
		qsort(occ, nocc, sizeof *occ, occurrence_cmp);
	for (i = 0; i < nocc; i++)
		if (i == 0 || occ[i].line != occ[i - 1].line)
			check_refs(p, &p->sessions[occ[i].index], seen, diags);
	free(occ);
}

/* The same for sessions of several files: by UID, so that a UID used in
 * two files is found; the sessions of every file but the first that uses
 * it are dropped. */
static void
check_sources(struct programme *p, struct refs_seen *seen,
              struct diag_list *diags)
{
	size_t n = p->nsessions, i, j, k, kept;
	struct ref *refs = xreallocarray(NULL, n + 1, sizeof *refs);
	bool *drop = xcalloc(n + 1, sizeof *drop);

	for (i = 0; i < n; i++) {
		refs[i].uid = p->sessions[i].uid;
		refs[i].source = p->sessions[i].source;
		refs[i].line = p->sessions[i].line;
		refs[i].index = i;
	}
	qsort(refs, n, sizeof *refs, ref_cmp);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && strcmp(refs[j].uid, refs[i].uid) == 0;
		     j++)
			;
		/* One file owns a UID: the first that uses it. Within a file
		 * the loader has already refused duplicates. */
		for (k = i; k < j; k++) {
			if (refs[k].source == refs[i].source)
				continue;
			drop[refs[k].index] = true;
			if (refs[k].source != refs[k - 1].source) {
				char *file = shown_path(p, refs[k].source);
				char *other = shown_path(p, refs[i].source);

				diag_add(
				    diags, DIAG_ERROR, file, refs[k].line,
				    refs[k].uid,
				    "UID %s is also used in %s at line "
				    "%d; a UID belongs to one session in "
				    "one file (a recurring session and its "
				    "overrides stay together): change one "
				    "of them",
				    refs[k].uid, other, refs[i].line);
				free(file);
				free(other);
			}
		}
		/* Each VEVENT once, not once per occurrence. */
		for (k = i; k < j; k++)
			if (!drop[refs[k].index] &&
			    (k == i || refs[k].source != refs[k - 1].source ||
			     refs[k].line != refs[k - 1].line))
				check_refs(p, &p->sessions[refs[k].index], seen,
				           diags);
	}
	free(refs);
	for (i = kept = 0; i < n; i++) {
		if (drop[i]) {
			session_free(&p->sessions[i]);
			continue;
		}
		if (kept != i)
			p->sessions[kept] = p->sessions[i];
		kept++;
	}
	p->nsessions = kept;
	free(drop);
}

void
ics_validate(struct programme *p, struct diag_list *out)
{
	struct diag_list found = {0};
	struct refs_seen seen;

	refs_seen_init(&seen, p);
	if (one_source(p))
		check_one_source(p, &seen, &found);
	else
		check_sources(p, &seen, &found);
	refs_seen_free(&seen);
	diag_append_sorted(out, &found);
	programme_sort_sessions(p);
}
