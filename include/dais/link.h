/*
 * link.h: what another client's calendar says (LOCATION, ATTENDEE) linked
 * to the programme's registries: a room by its display name, a participant
 * by e-mail or by name. `dais check` uses it to say "did you mean room
 * 'hall'?" for an event that names a room but has no X-DAIS-ROOM, and
 * `dais import` to write those links.
 */
#ifndef DAIS_LINK_H
#define DAIS_LINK_H

#include "dais/model.h"

enum link_how {
	LINK_NONE,
	LINK_EXACT,   /* the name as written */
	LINK_FOLDED,  /* ignoring ASCII case and blanks ("plenary  HALL") */
	LINK_CLOSEST, /* the nearest name within a few edits: a guess */
	LINK_EMAIL,   /* mailto: equal to the registry's e-mail */
	LINK_NAME,    /* CN equal to the name or the local name */
};

/* What a match is, for messages: "exact name", "closest name" ... */
const char *link_how_name(enum link_how how);

/*
 * The room whose display name is `location`: exact, then ignoring case
 * and blanks, then the room's name, ", " and its building's name as dais
 * export writes LOCATION (exact, then ignoring case and blanks), then
 * (when `closest`) the closest name: the only room whose name holds the
 * location's words or is held by them ("Plenary Hall" for "Main Plenary
 * Hall") or holds all of them in any order ("Press Room"; commas count as
 * blanks), else the only room nearest by edit distance within
 * a slip per four letters (at least one), and never one whose name differs
 * in a number or a single letter ("Room 2", "Side Event Room B"): those
 * name other rooms. NULL when none, or when several are as close. *how
 * says which.
 */
const struct room *link_room(const struct programme *p, const char *location,
                             bool closest, enum link_how *how);
/*
 * For a location link_room left unlinked: the rooms near it (held words,
 * else the least edit distance within a third of its letters), at most max
 * in out (borrowed from p); returns how many there are, which may be more
 * than max. 0 when none is near.
 */
size_t link_room_candidates(const struct programme *p, const char *location,
                            const struct room **out, size_t max);

/*
 * The participant an ATTENDEE names: its value's mailto: equal to the
 * registry's e-mail (any case), then CN equal to the name or the local
 * name (then the same ignoring case and blanks); NULL when none.
 */
const struct participant *link_participant(const struct programme *p,
                                           const char *value, const char *cn,
                                           enum link_how *how);

#endif
