/*
 * caldav_sync.h: a programme directory kept in step with a CalDAV calendar
 * collection, session by session (`dais sync`, and the planner).
 *
 * Each session (a series with its overrides) is one calendar object
 * resource. The programme directory stays the working copy: a session
 * that changed on the server replaces its VEVENTs in the .ics file that
 * holds it, a new one goes to the conference's new-sessions file, one
 * deleted on the server is removed from its file; every file is replaced
 * atomically. What changed here is put with If-Match (If-None-Match: * for
 * a new one) and deleted with If-Match. DIR/.dais-sync remembers, per
 * session, its href, ETag and the fingerprint of its text when both sides
 * last agreed, and the sync token (dais-programme(5)).
 *
 * A session changed on both sides (or edited on one and deleted on the
 * other) is never overwritten: it is reported as a conflict, the server's
 * version is written to DIR/sync-conflicts/, and both stay as they are
 * until a choice (SYNC_MINE or SYNC_THEIRS) is given for it; the sync that
 * settles it removes that file. A sync cut
 * short (the server down, the connection dropped) leaves every file whole
 * and the state file describing what was done; the next sync finishes.
 *
 * The caller holds the programme's lock (lock.h) for the whole call:
 * `dais sync` takes it; the planner already holds it.
 */
#ifndef DAIS_CALDAV_SYNC_H
#define DAIS_CALDAV_SYNC_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "dais/caldav.h"
#include "dais/diag.h"
#include "dais/model.h"

/* The directory, inside a programme, where the server's side of a
 * conflict is written for the user to look at. */
#define SYNC_CONFLICT_DIR "sync-conflicts"

enum sync_choice {
	SYNC_ASK,    /* report the conflict, change nothing */
	SYNC_MINE,   /* this working copy's version goes to the server */
	SYNC_THEIRS, /* the server's version replaces this one */
};

struct sync_choice_for {
	const char *uid;
	enum sync_choice choice;
};

struct sync_options {
	/* Choices for sessions changed on both sides, by UID (borrowed). */
	const struct sync_choice_for *choices;
	size_t nchoices;
	enum sync_choice others; /* for every other conflicting session */
	bool create;             /* make the collection when missing */
	/* Sessions (UIDs, borrowed) a planner has unsaved edits to: they
	 * count as changed here, so a change on the server to one is a
	 * conflict, never written over the user's work; and SYNC_MINE is
	 * refused for them (the files do not hold the user's version yet:
	 * the planner saves first). */
	const char *const *unsaved;
	size_t nunsaved;
	/* caldav_set_patience's seconds (0: `dais sync`'s) and its cancel
	 * flag (NULL: none) for the planner's background sync. */
	long connect_timeout, stall_timeout;
	const atomic_bool *cancel;
};

enum sync_conflict_kind {
	SYNC_BOTH_CHANGED,     /* changed (or added) here and there */
	SYNC_DELETED_THERE,    /* changed here, deleted on the server */
	SYNC_DELETED_HERE,     /* deleted here, changed on the server */
	SYNC_CHANGED_MEANWHILE /* 412: changed on the server while syncing */
};

struct sync_conflict {
	char *uid;
	char *title; /* SUMMARY, from whichever side has it */
	enum sync_conflict_kind kind;
	char *aside; /* the server's version, written here; or NULL */
	/* The server's version as dais reads it (its first VEVENT: the
	 * series or the single session), for a dialog to show beside the
	 * user's; NULL when deleted there or unreadable. */
	struct session *theirs;
};

/* A resource of the collection that dais could not take. */
struct sync_bad {
	char *href;
	char *why;
};

struct sync_report {
	char *url; /* the collection */
	/* Applied to the working copy, from the server: */
	size_t got_new, got_changed, got_deleted;
	/* Sent to the server: */
	size_t put_new, put_changed, put_deleted;
	struct sync_conflict *conflicts;
	size_t nconflicts;
	struct sync_bad *bad;
	size_t nbad;
	/* Sessions of this copy the server refused (a 4xx about that one
	 * resource): not sent, kept here, tried again by the next sync. The
	 * href field holds the session's UID. */
	struct sync_bad *unsent;
	size_t nunsent;
	/* Choices given for sessions that were not in conflict. */
	char **unused_choices;
	size_t nunused;
	/* Requests of requests.ini this sync marked placed (their ids,
	 * owned): their sessions came from the server, or were deleted
	 * there, so that a meeting called off is not placed again
	 * (requests_mark_synced). */
	struct strlist requests_marked;
	/* With --create: the calendar collection was made (MKCALENDAR), and
	 * the collections made to hold it (MKCOL, their URLs, owned). */
	bool calendar_made;
	struct strlist collections_made;
	/* Files of DIR/sync-conflicts/ this sync removed (paths, owned):
	 * their sessions were in conflict and are no longer (a choice was
	 * carried out, or the two sides agree now). */
	struct strlist asides_removed;
	bool files_changed; /* the working copy's files were written: a
	                       planner reloads the programme */
	/* The UIDs the server's versions were written for (new, changed or
	 * deleted here): a planner checks them against edits made while
	 * the sync ran. */
	char **got_uids;
	size_t ngot;
	bool complete; /* all done; false with why when cut short */
	char *why;     /* what stopped it, naming the server */
	time_t when;   /* when it ended */
	struct caldav_stats stats;
};

/*
 * Syncs the programme in dir with the collection of its [server] section.
 * True when the sync ran to its end (conflicts and bad resources may still
 * be in the report: the caller tells the user); false when it could not
 * start or was cut short (r->why says why and what to do; whatever was
 * done is in the report and in the state file). Problems of the programme
 * itself go to diags (it must load without errors). The caller frees the
 * report with sync_report_free.
 */
bool caldav_sync(const char *dir, const struct sync_options *o,
                 struct sync_report *r, struct diag_list *diags);
void sync_report_free(struct sync_report *r);

/*
 * The report as one line for a status bar, in this machine's local time:
 * "synced 09:12: 3 sessions changed by others, 2 of yours sent, 1
 * conflict", or "sync failed at 09:12: <why>". The caller frees it.
 */
char *sync_report_status(const struct sync_report *r);

#endif
