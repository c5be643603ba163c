/*
 * lineup.h: who takes part in a session, grouped by role (chair, speakers,
 * participants, delegations and organisations) and in protocol order, as
 * every public output lists them: the exported calendars' descriptions,
 * the frab schedule and the HTML programme.
 */
#ifndef DAIS_LINEUP_H
#define DAIS_LINEUP_H

#include <stddef.h>

#include "dais/model.h"

enum lineup_heading {
	LINEUP_CHAIR,
	LINEUP_SPEAKER,
	LINEUP_PARTICIPANT,
	LINEUP_GROUP, /* a delegation or organisation, not chair or speaker */
	LINEUP_HEADING_COUNT
};

struct lineup_person {
	const struct assignment *a;    /* borrowed from the session */
	const struct participant *who; /* NULL for an id no registry knows */
	enum lineup_heading heading;
};

/*
 * The session's people in protocol order: by heading, then ranked before
 * unranked (precedence 0), lower rank first, then by name and id so that the
 * order never depends on the file. Returns an array of s->nassign entries
 * (never NULL), owned by the caller; it borrows from s and p.
 */
struct lineup_person *lineup_of(const struct programme *p,
                                const struct session *s);

/* The display name: the registry's name, else the file's CN, else the id. */
const char *lineup_name(const struct lineup_person *x);

/* A session kind as people read it, "Side session" for "SIDE-SESSION": the
 * frab track and the HTML page's label. Owned by the caller. */
char *lineup_kind_label(const char *kind);

/* "Chair" or "Chairs" and so on, for `count` people under the heading. */
const char *lineup_heading_text(enum lineup_heading h, size_t count);

#endif
