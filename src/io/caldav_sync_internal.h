/*
 * caldav_sync_internal.h: what the three parts of `dais sync` share: the
 * two sides cut into sessions, the plan for each session, and the sync's
 * context (caldav_sync.c decides, caldav_sides.c reads, caldav_apply.c
 * writes). Private to src/io/caldav_*.c.
 */
#ifndef DAIS_IO_CALDAV_SYNC_INTERNAL_H
#define DAIS_IO_CALDAV_SYNC_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "caldav_internal.h"
#include "dais/caldav_sync.h"
#include "dais/model.h"

/* A session of the working copy. */
struct local {
	char *uid;
	int file;   /* index into conf.files */
	char *text; /* its VEVENTs, CRLF */
	uint64_t fp;
};

/* A session of the server. */
struct remote {
	char *uid;
	char *href;
	char *etag;
	char *data; /* the resource, when fetched */
	char *text; /* its VEVENTs, CRLF, when fetched */
	uint64_t fp;
	bool fetched;
};

enum action {
	ACT_NONE,
	ACT_RECORD,   /* both sides agree: remember it */
	ACT_FORGET,   /* gone on both sides */
	ACT_GET,      /* write the server's version here */
	ACT_DROP,     /* delete here */
	ACT_PUT,      /* send ours */
	ACT_DELETE,   /* delete on the server */
	ACT_CONFLICT, /* ask */
};

struct plan {
	const char *uid;
	struct local *l;
	struct remote *rm;
	struct sync_entry *st; /* while deciding; the state moves after */
	char *known_href;      /* the state's href, when it had one */
	/* ACT_GET of a session the working copy lacks: the index into
	 * conf.files it goes to (sync_apply_local sets it). */
	int to_file;
	enum action act;
	enum sync_conflict_kind kind;
};

struct ctx {
	const char *dir;
	struct programme *p;
	struct caldav_server srv;
	struct caldav *c;
	struct sync_state st;
	struct cal_text *files; /* one per conf.files; text NULL if none */
	bool *exists;
	struct local *loc;
	size_t nloc, caploc;
	struct remote *rem;
	size_t nrem, caprem;
	const struct sync_options *o;
	bool *used_choice;
	struct sync_report *r;
};

/* caldav_sides.c: the working copy's sessions, sorted by UID (false with
 * x->r->why when a file cannot be read); the server's, with what changed
 * fetched (false with x->r->why when a request fails). */
bool sync_read_local(struct ctx *x);
bool sync_read_remote(struct ctx *x);
/* A session of either side by UID, or NULL. */
struct local *sync_find_local(struct ctx *x, const char *uid);
struct remote *sync_find_remote(struct ctx *x, const char *uid);

/* caldav_apply.c: each returns false with x->r->why when cut short. */
/* DIR/sync-conflicts/UID.ics (the UID made safe for a file name), where
 * the server's side of a conflict is written. The caller frees it. */
char *sync_aside_path(const char *dir, const char *uid);
void sync_add_conflict(struct ctx *x, const struct plan *pl,
                       enum sync_conflict_kind k);
bool sync_save_state(struct ctx *x);
/* The server's versions into the working copy, one file at a time. */
bool sync_apply_local(struct ctx *x, struct plan *v, size_t n);
/* Ours to the server, the state following. */
bool sync_push(struct ctx *x, struct plan *v, size_t n);
/* Moves the token past this sync's own pushes (one REPORT). */
void sync_skip_own_echo(struct ctx *x);

#endif
