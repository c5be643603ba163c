/*
 * slots.h: where can a meeting go. The slot search lists the (start, room)
 * pairs on the conference's grid (conference.ini "step", 15 minutes by
 * default) where a meeting of given people, length and needs would take
 * part in no conflict at all (or, when asked, in no error), ranked. It does
 * not know the conflict rules: it asks the conflict engine about each
 * candidate among the sessions the index (session_index.h) says are near,
 * so it can never disagree with `dais check`.
 *
 * The same engine offers the fixes of a conflict (slots_fixes): moves of
 * either session in time or room, and a same-delegation substitute for a
 * double-booked person, each clearing the conflict without a new error.
 */
#ifndef DAIS_SLOTS_H
#define DAIS_SLOTS_H

#include <stdbool.h>
#include <stddef.h>

#include "dais/conflict.h"
#include "dais/model.h"
#include "dais/session_index.h"

/* A question. Zero it, then fill what is asked; strings are borrowed. */
struct slot_query {
	/* The parties: participant ids (people or groups). */
	const char *const *with;
	size_t nwith;
	int minutes;              /* the length; > 0 */
	int day;                  /* index into conf.days; -1: every day */
	const char *const *rooms; /* allowed rooms; NULL: by kind, or all */
	size_t nrooms;
	const char *kind; /* rooms that serve it; also the kind */
	int expected;     /* seats needed; 0: any room */
	const struct strlist *languages; /* booths needed; NULL: none */
	bool allow_warnings; /* candidates with warnings too (not errors) */
	int prefer;          /* preferred local start, minutes; -1: none */
	/*
	 * An existing session (--session UID): its people, length, kind,
	 * expected attendance and languages are the meeting's unless the
	 * fields above say otherwise, and it is left out of what the
	 * candidate is checked against (it is the thing that moves).
	 */
	const char *session_uid;
	dais_time session_rid;
	/* A time window [earliest, latest end], DAIS_TIME_NONE for open:
	 * a request's window. */
	dais_time earliest, latest;
	/* Rank by slot_candidate.walk (every walk added up) instead of
	 * longest_walk: the scheduler's order, which its plan's ties follow
	 * (schedule.h). */
	bool rank_by_total_walk;
};

struct slot_candidate {
	dais_time start, end;
	const struct room *room; /* borrowed from the programme */
	/*
	 * The longest walk, in minutes, any person among the parties must
	 * make to it from their session before or on to their session after
	 * that day, counting only a walk that constrains the meeting: one
	 * between sessions less than the walk + the changeover + 30 minutes
	 * apart. The figure shown ("walk 6 min") and ranked by.
	 */
	int longest_walk;
	/* Every such walk of every person added up, however far off: the
	 * scheduler's tie-break (schedule.h), not shown by dais slots. */
	int walk;
	unsigned kinds; /* 1 << kind for each conflict it would be in */
	/* The warnings it would cause (allow_warnings), one sentence each,
	 * owned. */
	struct strlist warnings;
};

struct slot_result {
	struct slot_candidate *v; /* ranked: slots_find's order */
	size_t n, cap;
	/*
	 * For each conference day asked about on which nothing was found,
	 * one line saying why: "Wed 4 Nov: Minister of Interior — Qatar is
	 * in sessions 09:30-13:00 and 14:30-18:00; no bilateral room is
	 * free 13:00-14:30".
	 */
	struct strlist why_not;
	size_t checked; /* candidates put to the conflict engine */
};

void slot_result_clear(struct slot_result *r);

/*
 * Answers q about the programme x indexes. False, with *why (owned by the
 * caller) naming what is wrong, for bad input: an unknown participant,
 * room or session, a length of 0, a day that is not a conference day, a
 * kind no room serves. True otherwise, even when nothing was found
 * (r->n == 0, r->why_not saying why per day).
 *
 * Ranking: the shortest longest_walk (the longest walk a party must make
 * to or from the meeting, counting only walks that constrain it), then
 * nearest to q->prefer (when set), then earliest, then the smallest room
 * that fits, then the room id.
 */
bool slots_find(const struct session_index *x, const struct slot_query *q,
                struct slot_result *r, char **why);

/*
 * The booths of `asked` that no room of venues.ini has at all, so that no
 * time or room would ever do: NULL when each has a booth somewhere, else a
 * sentence naming them and the booths that exist (owned by the caller).
 * dais slots refuses such --languages as bad input rather than listing
 * every room as busy; slots_find itself does not ask (a request of the
 * scheduler with such languages is left unplaced, with its reason).
 */
char *slots_unknown_languages(const struct programme *p,
                              const struct strlist *asked);

/*
 * The session the candidate would be: a copy of q's session (or a new
 * BILATERAL-less one named by q's parties) at c's time and room. The
 * caller frees it with session_free. Used to apply a candidate.
 */
void slots_candidate_session(const struct session_index *x,
                             const struct slot_query *q,
                             const struct slot_candidate *c,
                             struct session *out);

/* ---- Fixes of a conflict ------------------------------------------------ */

enum slot_fix_kind {
	FIX_MOVE,       /* session uid to start, in room */
	FIX_SUBSTITUTE, /* in session uid, participant out replaced by in */
	FIX_REMOVE,     /* participant out taken out of session uid */
};

struct slot_fix {
	enum slot_fix_kind kind;
	char *uid;
	dais_time rid;
	dais_time start;     /* FIX_MOVE: the new start (length kept) */
	const char *room_id; /* FIX_MOVE: borrowed from the programme */
	const char *out_id;  /* FIX_SUBSTITUTE, FIX_REMOVE: borrowed */
	const char *in_id;   /* FIX_SUBSTITUTE: borrowed */
	/* FIX_SUBSTITUTE: in_id ranks below out_id (an official for a
	 * minister, or a later precedence) and takes the chair. */
	bool lower_rank_in_chair;
	/* Minutes moved + 15 for a room change; for a substitute or a
	 * removal, slots_person_cost (the role and the session's standing). */
	int cost;
	/* The warnings the session is in afterwards, one sentence each
	 * (owned): none for a fix that leaves it in no conflict at all. */
	struct strlist warnings;
	/* The errors it stays in, all of which it was in before and none of
	 * them this conflict (owned): another person's double booking, say,
	 * left by a substitute. Empty for a move. */
	struct strlist errors_kept;
	char *description; /* "Move 'Security of major sporting events' to
	                    * 14:30 in Side Event Room B" */
};

struct slot_fixes {
	/* Those that leave no conflict at all first, then those that leave
	 * a warning; each group smallest change first. */
	struct slot_fix *v;
	size_t n, cap;
};

void slot_fixes_clear(struct slot_fixes *f);

/*
 * The cost of changing who is in a session, so that a person is replaced
 * or taken out where it matters least: 10, + 15 for a speaker or 30 for a
 * chair (participant < speaker < chair), + 30 in a session of standing
 * (kind MINISTERIAL or PLENARY), + 20 for a substitute of lower rank in
 * the chair, and for a removal + 5 for a speaker or 30 for a chair (the
 * role is left empty). A participant taken out of a side session (10)
 * thus comes before a 15-minute move, and a minister's chair of the
 * ministerial segment (70 and more) after an hour's move.
 */
int slots_person_cost(const struct session *s, enum role role, bool removal,
                      bool lower_rank_in_chair);

/*
 * The fixes of conflict c (found in the programme x indexes): each moves
 * one of its sessions on the grid of its own day (time, room or both; in
 * the rooms that serve its kind, or in any room when none of those clears
 * it), or, for a double-booked person, replaces them with another member
 * of the same delegation or takes them out of one of the sessions, so
 * that the session is in no error afterwards: the conflict is cleared and
 * no error is created. Those after which the session is in no conflict at
 * all come first, then those that leave it a warning (an error is never
 * traded for a smaller move that warns); each group is sorted by cost,
 * then description.
 * At most `max` (0: no limit).
 */
void slots_fixes(const struct session_index *x, const struct conflict *c,
                 size_t max, struct slot_fixes *out);

#endif
