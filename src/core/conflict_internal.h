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
const char *conflict_person_label(const struct inc *v);
char *conflict_span_text(const struct check *ck, dais_time a, dais_time b);
char *conflict_when_text(const struct check *ck, dais_time t);
char *conflict_minutes_text(int m, char *buf);

/* Records one conflict; takes the message, copies the session list. */
void conflict_emit(struct check *ck, enum conflict_kind kind,
                   const size_t *sessions, size_t n, const char *room_id,
                   const char *participant_id, dais_time start, dais_time end,
                   char *message);
void conflict_emit_one(struct check *ck, enum conflict_kind kind, size_t si,
                       const char *room_id, const char *participant_id,
                       char *message);

/* ---- Incidences and sweeps (conflict_sweep.c) ------------------------- */

size_t conflict_key_unknown_ids(struct inc *v, size_t n, size_t base);
struct inc *conflict_group_by_key(struct inc *v, size_t n, size_t nkeys,
                                  size_t *np);
struct inc conflict_make_inc(const struct check *ck, size_t si);
void conflict_pair_sweep(struct check *ck, enum conflict_kind kind,
                         const struct inc *v, size_t n);
void conflict_changeover_sweep(struct check *ck, const struct inc *v, size_t n,
                               bool person);

/* ---- The rules ---------------------------------------------------------- */

void conflict_check_rooms(struct check *ck);    /* conflict_room.c */
void conflict_check_sessions(struct check *ck); /* conflict_room.c */
/* conflict_person.c */
struct inc *conflict_participant_incidences(struct check *ck, size_t *np,
                                            size_t *nkeys);
void conflict_check_participants(struct check *ck, const struct inc *v,
                                 size_t n);
/* conflict_delegation.c */
void conflict_check_delegations(struct check *ck, const struct inc *pv,
                                size_t pn);

#endif
