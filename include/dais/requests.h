/*
 * requests.h: the bilateral requests of a programme (requests.ini, an
 * optional file of the programme directory, dais-programme(5)): who asks to
 * meet whom, for how long, within which window, how much it matters, and
 * where. `dais schedule` (schedule.h) places them; a placed request names
 * the session it became (placed = UID).
 *
 * The types are plain data the core's scheduler reads; requests_load and
 * requests_save_placed are io's (iniparser, through registry_ini.c, the one
 * INI reader).
 */
#ifndef DAIS_REQUESTS_H
#define DAIS_REQUESTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dais/diag.h"
#include "dais/dtime.h"
#include "dais/model.h"

/* The file's name in a programme directory. */
#define REQUESTS_FILE "requests.ini"

/* The kind of room a request asks for when it names neither rooms nor
 * kind, and the kind of the session it becomes. */
#define REQUEST_SESSION_KIND "BILATERAL"

enum request_state {
	REQUEST_OPEN,     /* not placed; no schedule run has said why yet */
	REQUEST_PLACED,   /* placed: `placed` is its session's UID */
	REQUEST_UNPLACED, /* a schedule run could not place it: see reason */
};

struct request {
	char *id;    /* the section name, a slug */
	int line;    /* of its section header, for messages */
	char *title; /* the session's title, or NULL: made from the parties */
	struct strlist parties; /* participant ids (people or groups), >= 2 */
	int minutes;            /* the meeting's length, > 0 */
	/* The window the whole meeting lies in: [earliest, latest]. Always
	 * set after a load (the conference's first and last hours when the
	 * file gives none). */
	dais_time earliest, latest;
	int priority;         /* 1 (nice to have) .. 5 (must happen) */
	struct strlist rooms; /* allowed room ids; empty: rooms of `kind` */
	char *kind;           /* rooms that serve it; REQUEST_SESSION_KIND */
	int expected;         /* seats needed; 0: any room */
	struct strlist languages; /* interpretation booths needed */
	char *note;               /* internal: the session's notes */
	/* `public = yes`: the session is in the public programme; else a
	 * closed meeting (CLASS:CONFIDENTIAL), only in its parties' and the
	 * secretariat's calendars. */
	bool public;
	/* The UID of the session the request became, or NULL. */
	char *placed;
	enum request_state state;
	/* REQUEST_UNPLACED: why, one sentence naming the party that is never
	 * free, the rooms, or the window ("Minister of Interior — Qatar is
	 * in sessions 09:30-13:00 ..."). Owned. */
	char *reason;
};

struct request_list {
	struct request *v; /* in file order */
	size_t n, cap;
	char *path;         /* dir/requests.ini, as messages name it */
	bool exists;        /* the file was there */
	uint64_t file_hash; /* of the bytes read (filehash.h); 0: no file */
};

void request_list_clear(struct request_list *l);
/* The request with this id, or NULL. */
struct request *request_find(struct request_list *l, const char *id);
/* The title its session gets: r->title, or one made from the parties:
 * "Bilateral: Kuwait – Saudi Arabia", each person by their delegation's
 * name, a group by its own (dais-programme(5)). The caller frees it. */
char *request_title(const struct programme *p, const struct request *r);
/* Whether s is a bilateral (kind REQUEST_SESSION_KIND, as the sessions
 * of requests are) with every party of r among its participants. A group
 * party counts only when the group itself is assigned: its members
 * meeting is not the group meeting (dais-programme(5), requests.ini). */
bool request_parties_meet_in(const struct request *r, const struct session *s);
/* The index of the first session of p, not cancelled and other than those
 * with UID own (NULL: none), in which r's parties already meet, or -1.
 * The request is placed all the same (it asks for a meeting); dais
 * schedule and the Requests view say so. */
long request_meeting_already(const struct programme *p, const struct request *r,
                             const char *own);
/* The UID a placed request's session gets: "request-ID@DOMAIN". The
 * caller frees it. */
char *request_uid(const struct request *r, const char *domain);

/*
 * Reads dir/requests.ini into *out (emptied first), checking every
 * request against p's registries and days: each problem goes to diags
 * with file and line. A missing file is no error: out->n is 0 and
 * out->exists false. Returns false when the file could not be read at all
 * (a syntax error); the caller refuses the run when diags holds an error.
 */
bool requests_load(const struct programme *p, const char *dir,
                   struct request_list *out, struct diag_list *diags);

/*
 * Writes `placed = UID` for every request of l in state REQUEST_PLACED
 * whose section does not say so yet (and removes it from requests
 * replanned into REQUEST_UNPLACED), keeping everything else of the file
 * as written (iniwrite.h). Refuses, writing nothing, when the file changed
 * on disk since requests_load read it. False with *why (owned by the
 * caller) naming the file and what to do.
 */
bool requests_save_placed(struct request_list *l, char **why);

/*
 * After `dais sync`: the placement travels with the sessions. Each request
 * of dir/requests.ini that has no placed line and whose session
 * ("request-ID@DOMAIN", any domain) is among uids (sessions this working
 * copy now holds, or that the sync deleted because another organiser
 * deleted them) gets `placed = UID`, keeping the rest of the file as
 * written; so a placed meeting deleted later, here or by anyone, reads as
 * called off and is not placed again. The ids marked are added to marked.
 * A missing file marks nothing. False, with *why (owned by the caller)
 * naming the file, when it could not be read or written; it is then
 * unchanged.
 */
bool requests_mark_synced(const char *dir, const char *const *uids, size_t n,
                          struct strlist *marked, char **why);

#endif
