/*
 * conflict.h: the conflict engine. Given a programme it returns every
 * conflict: room and participant double bookings, over-committed
 * delegations, availability, capacity, changeover, hours, unknown references
 * and missing interpretation. Sort and sweep, O(n log n + k); no all-pairs
 * loop, so it can run after every edit.
 */
#ifndef DAIS_CONFLICT_H
#define DAIS_CONFLICT_H

#include <stddef.h>

#include "dais/model.h"

struct conflict {
	enum conflict_kind kind;
	enum severity severity; /* never SEVERITY_OFF: those are left out */
	/* Indexes into programme->sessions, in time order; two for a pair. */
	size_t *sessions;
	size_t nsessions;
	/* Borrowed from the programme or its sessions; NULL when n/a. */
	const char *room_id;
	const char *participant_id;
	dais_time start, end; /* the overlap, stretch or gap concerned */
	char *message;        /* one sentence for people; owned */
};

struct conflict_list {
	struct conflict *v;
	size_t n, cap;
};

/*
 * Finds every conflict in p and appends them to out, sorted by start time,
 * then severity (errors first), then kind. Entries borrow strings from p:
 * clear the list before p changes.
 */
void conflict_check(const struct programme *p, struct conflict_list *out);
/*
 * conflict_check on some of p's sessions only (positions into
 * p->sessions, in any order, each once), as if they were the whole
 * programme: what the incremental re-check and the slot search ask about
 * the sessions near a change. The registries are cut down to the rooms and
 * participants those sessions name (and their delegations), so the cost
 * grows with n, not with the programme. Conflicts' session indexes are
 * positions in p; their strings are borrowed from p, as conflict_check's.
 * `extra` (may be NULL) is a session that is not in p, checked with them
 * as position p->nsessions: the slot search's candidate.
 */
void conflict_check_among(const struct programme *p, const size_t *positions,
                          size_t n, const struct session *extra,
                          struct conflict_list *out);
void conflict_list_clear(struct conflict_list *list);
size_t conflict_count(const struct conflict_list *list, enum severity sev);
/* True when session index s takes part in conflict c. */
int conflict_involves(const struct conflict *c, size_t s);

/* "room-double-booked" ... and back; the names conference.ini uses. */
const char *conflict_kind_name(enum conflict_kind kind);
/* "room double-booked" ... for people. */
const char *conflict_kind_label(enum conflict_kind kind);
int conflict_kind_parse(const char *name, enum conflict_kind *out);
const char *severity_name(enum severity sev); /* "error", "warning", "off" */
int severity_parse(const char *name, enum severity *out);

#endif
