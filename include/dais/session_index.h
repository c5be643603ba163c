/*
 * session_index.h: the programme's sessions by UID, and per room, per
 * participant and per group in time order, kept current as the sessions
 * change. The editor keeps one (editor_index, edit.h) so that finding a
 * session, putting an edited one back in time order, the incremental
 * re-check and the slot search (slots.h) never scan the whole programme.
 *
 * The index holds positions into p->sessions, which stays sorted in the
 * order programme_sort_sessions() keeps. Whoever changes p->sessions
 * while an index exists does it through session_index_replace, _append
 * and _delete, then calls session_index_sort once: these keep the array and
 * the index in step. Registries (rooms, participants) must not change
 * under an index; after they do, free it and make a new one.
 */
#ifndef DAIS_SESSION_INDEX_H
#define DAIS_SESSION_INDEX_H

#include <stdbool.h>
#include <stddef.h>

#include "dais/dtime.h"
#include "dais/model.h"

struct session_index;

/* What a time-ordered list is kept for. */
enum index_key {
	INDEX_ROOM,        /* sessions whose room_id is the id */
	INDEX_PARTICIPANT, /* sessions with an assignment of the id */
	/* sessions where the group (a participant_is_group one) or any
	 * participant whose delegation it is takes part: what the delegation
	 * limit counts, each session once */
	INDEX_GROUP,
};

/*
 * Indexes p, which must be sorted (programme_sort_sessions) and stays
 * borrowed: free the index before the programme. Sessions without a start
 * are found by UID but are in no time-ordered list.
 */
struct session_index *session_index_new(struct programme *p);
void session_index_free(struct session_index *x);

/* The position in p->sessions of session (uid, rid), or -1. */
long session_index_find(const struct session_index *x, const char *uid,
                        dais_time rid);
/* Whether some session (any recurrence id) has this UID. */
bool session_index_has_uid(const struct session_index *x, const char *uid);

/*
 * Changing p->sessions. replace frees the session at pos and puts *next
 * there (the array takes next's contents: do not free them); append adds
 * *next at the end (the same); delete frees the session at pos and closes
 * the gap. Positions of other sessions stay as they were until
 * session_index_sort, which puts every replaced or appended session back in
 * order, moving only what must move (delete keeps the order itself).
 */
void session_index_replace(struct session_index *x, size_t pos,
                           struct session *next);
void session_index_append(struct session_index *x, struct session *next);
void session_index_delete(struct session_index *x, size_t pos);
void session_index_sort(struct session_index *x);

/* Positions into p->sessions, appended by the queries below. */
struct index_hits {
	size_t *v;
	size_t n, cap;
};

void index_hits_clear(struct index_hits *h);

/*
 * Appends to *out the positions of the sessions in `id`'s list of `kind`
 * that meet [from, to]: start <= to and end >= from (a session touching
 * either edge counts, as do zero-length ones inside), in time order.
 * Cancelled sessions are included (callers that only want live ones skip
 * them). Returns how many it appended.
 */
size_t session_index_near(const struct session_index *x, enum index_key kind,
                          const char *id, dais_time from, dais_time to,
                          struct index_hits *out);
/* How many sessions are in that list (0 when the id has none). */
size_t session_index_count(const struct session_index *x, enum index_key kind,
                           const char *id);

/* The programme it indexes. */
struct programme *session_index_programme(const struct session_index *x);

#endif
