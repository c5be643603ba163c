/*
 * conflict_internal.h: what the conflict engine's files share: the check's
 * state, one session's part in a group (an incidence), the wording and
 * recording helpers, the sweeps and the rules. Not for use outside
 * src/core.
 */
#ifndef DAIS_CONFLICT_INTERNAL_H
#define DAIS_CONFLICT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dais/conflict.h"

/*
 * Sweeps compare keys, not times: key = 2 * t, and a zero-length session at
 * t ends at key 2t + 1. Half-open overlap of keys then gives exactly the
 * rules of conflict.h: an instant t clashes with [a, b) when a <= t < b and
 * with another instant t, and touching intervals do not clash. Times are
 * clamped far beyond any real date so that doubling cannot overflow.
 */
#define KEY_LIMIT (INT64_MAX / 4)

/*
 * One session's part in a group: a room, a participant or a delegation.
 * Kept small (24 bytes): a programme of 100 000 sessions has about
 * 300 000 of them, and the sweeps read them in order. Who the group is
 * follows from the key (conflict_person, conflict_person_id); the sweeps
 * need only the keys of the session's times.
 */
struct inc {
	int64_t s2, e2; /* the session's keys */
	uint32_t si;    /* index into programme->sessions */
	uint32_t key;   /* the group: room, participant or delegation */
};

/* The key of an id no registry defines, until it is numbered. */
#define INC_UNKNOWN UINT32_MAX

/*
 * Incidences as they are made, in time order, before grouping: the
 * session and the key, and for each key still INC_UNKNOWN the id it
 * stands for (conflict_pending_number_unknown numbers them).
 */
struct pending {
	uint32_t si, key;
};

struct pending_list {
	struct check_space *space; /* where v comes from */
	struct pending *v;
	size_t n, cap;
	struct pending_unknown {
		size_t at;      /* position in v */
		const char *id; /* borrowed from the session */
	} * unknown;
	size_t nunknown, capunknown;
};

/*
 * The check's working arrays (per session, incidences, their grouping)
 * come from one malloc block sized before the check from the counts of
 * sessions and assignments, instead of a dozen (conflict.c's SPACE_KEEP
 * says why not huge pages). Taken in order; the block's part is given
 * back a phase at a time (ck->space.used set back by the driver), and
 * what does not fit comes from malloc (conflict_space_fallbacks).
 */
struct check_space {
	char *base;
	size_t size, used;
};

/* count * size bytes, never NULL; not zeroed. */
void *conflict_take(struct check_space *sp, size_t count, size_t size);
/* Frees what malloc gave; the block's part waits for its phase's end. */
void conflict_give(struct check_space *sp, void *p);
/* Counts a piece that did not fit: the block, or a list's room in it. */
void conflict_space_fell_back(void);
/* How many pieces did not fit since the process started: the sizing
 * missed them (tests/unit/test_conflict.c asserts there are none). */
size_t conflict_space_fallbacks(void);

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
	size_t nscratch;
	/* Participant ids no registry defines, sorted: key npeople + i. */
	const char **unknown_people;
	int64_t *days; /* the conference days, sorted numbers */
	size_t *order; /* live sessions by start, end, index */
	size_t nlive;
	int max_walk;   /* the longest walk between buildings */
	size_t assigns; /* all sessions' assignments: at least the live's */
	/* conflict_delegation_weight: 0 when no group has a limit. */
	size_t delegation_weight;
	struct check_space space;
};

/* A key back to its instant: 2t and 2t + 1 both mean t. */
static inline dais_time
conflict_key_time(int64_t key)
{
	return (key - (key < 0 ? 1 : 0)) / 2;
}

/* ---- Words for messages (conflict_words.c) ---------------------------- */

static inline bool
enabled(const struct check *ck, enum conflict_kind kind)
{
	return ck->p->conf.severity[kind] != SEVERITY_OFF;
}

static inline const char *
title_of(const struct session *s)
{
	if (s->title != NULL && *s->title != '\0')
		return s->title;
	return s->uid != NULL ? s->uid : "(untitled)";
}

static inline char *
hm(const struct check *ck, dais_time t, char *buf)
{
	return time_fmt_hm(buf, ck->zone, t);
}

/* Each returns a string the caller frees, except person_label's. */
char *conflict_room_label(const struct check *ck, size_t si, bool cap);
const char *conflict_person_label(const struct check *ck, const struct inc *v);
char *conflict_span_text(const struct check *ck, dais_time a, dais_time b);
char *conflict_when_text(const struct check *ck, dais_time t);
char *conflict_minutes_text(int m, char *buf);

/* The participant (or delegation) of a person's or delegation's
 * incidence; NULL for an id participants.ini does not define. */
static inline const struct participant *
conflict_person(const struct check *ck, const struct inc *v)
{
	return v->key < ck->p->npeople ? &ck->p->people[v->key] : NULL;
}

/* The id as a conflict names it: the registry's, or else the session's. */
const char *conflict_person_id(const struct check *ck, const struct inc *v);
/* The session's assignment that made a person's incidence (its first
 * with that id), for the CN written in the file. */
const struct assignment *conflict_person_assignment(const struct check *ck,
                                                    const struct inc *v);

/* Records one conflict; takes the message, copies the session list. */
void conflict_emit(struct check *ck, enum conflict_kind kind,
                   const size_t *sessions, size_t n, const char *room_id,
                   const char *participant_id, dais_time start, dais_time end,
                   char *message);
void conflict_emit_one(struct check *ck, enum conflict_kind kind, size_t si,
                       const char *room_id, const char *participant_id,
                       char *message);

/* ---- Incidences and sweeps (conflict_sweep.c) ------------------------- */

/* Room for cap incidences from sp; more grow through malloc. */
void conflict_pending_init(struct pending_list *l, struct check_space *sp,
                           size_t cap);
/* key INC_UNKNOWN: an id no registry defines, numbered later. */
void conflict_pending_add(struct pending_list *l, size_t si, uint32_t key,
                          const char *id);
/* conflict_pending_add's common case, inline: a registry's key, with
 * room left (36 000 calls at 10 000 sessions). */
static inline void
conflict_pending_push(struct pending_list *l, size_t si, uint32_t key,
                      const char *id)
{
	if (key != INC_UNKNOWN && l->n < l->cap && si < INC_UNKNOWN)
		l->v[l->n++] = (struct pending){(uint32_t)si, key};
	else
		conflict_pending_add(l, si, key, id);
}
size_t conflict_pending_number_unknown(struct pending_list *l, size_t base,
                                       const char ***ids);
void conflict_pending_free(struct pending_list *l);
struct inc *conflict_group(struct check *ck, const struct pending_list *l,
                           size_t nkeys, size_t *np);
void conflict_pair_sweep(struct check *ck, enum conflict_kind kind,
                         const struct inc *v, size_t n);
void conflict_changeover_sweep(struct check *ck, const struct inc *v, size_t n,
                               bool person);

/* ---- The rules ---------------------------------------------------------- */

void conflict_check_rooms(struct check *ck);    /* conflict_room.c */
void conflict_check_sessions(struct check *ck); /* conflict_room.c */
/* conflict_person.c; ids are found once for each address (id_key) in a
 * table of ID_SEEN entries. */
#define ID_SEEN 4096
struct id_seen {
	const char *id;
	uint32_t key;
};
size_t conflict_participant_incidences(struct check *ck,
                                       struct pending_list *out);
void conflict_check_participants(struct check *ck, const struct inc *v,
                                 size_t n);
/* conflict_delegation.c: from the participants' incidences, ungrouped */
void conflict_check_delegations(struct check *ck,
                                const struct pending_list *pv);
/* The most incidences of delegations one person's incidence makes (the
 * person a group with a limit, and a member of one): 0, 1 or 2; 0 when no
 * group has a limit, and there is nothing to check. */
size_t conflict_delegation_weight(const struct programme *p);

#endif
