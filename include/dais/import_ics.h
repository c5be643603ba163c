/*
 * import_ics.h: other clients' calendars (Outlook, Google, Apple,
 * Thunderbird, khal, calcurse) into a programme, linked to its rooms and
 * people (link.h): X-DAIS-ROOM from LOCATION, X-DAIS-ID from ATTENDEE, a
 * UID where the client wrote none, floating times given the conference's
 * zone. The sources are never changed: each becomes a new file under
 * programme/ that conference.ini's files list names.
 */
#ifndef DAIS_IMPORT_ICS_H
#define DAIS_IMPORT_ICS_H

#include <stdbool.h>
#include <stddef.h>

#include "dais/diag.h"
#include "dais/model.h"

/* One calendar made from a source, ready to be written. */
struct import_ics_out {
	char *source; /* the file read, as given */
	char *name;   /* its new file, relative to the programme directory */
	char *text;   /* what it holds */
	size_t events;
	/* name is the file an earlier import of this source made: this one
	 * replaces it. Then, of its events: changed in the source only and
	 * taken; changed in dais only and kept; changed on both sides (kept
	 * as dais has them); deleted in dais and left out. */
	bool replaces;
	size_t updated, kept, conflicts, deleted;
	/* The UIDs whose events text holds as the source has them (new, or
	 * changed only in the source): what the planner puts in. */
	struct strlist taken;
	/* Of those, the ones the source has as it had them at the last
	 * import (linked afresh all the same). */
	struct strlist unchanged;
};

/* A LOCATION linked to a room by the closest name only: a guess, which
 * `dais import --dry-run` lists and the planner asks the organiser about. */
struct import_ics_guess {
	char *file;         /* the source, as given */
	char *uid;          /* the event's (made when its client wrote none) */
	char *rid;          /* its RECURRENCE-ID (an override), or NULL */
	char *label;        /* 'SUMMARY' (its day and time), as the report */
	char *location;     /* LOCATION as written */
	char *room_id;      /* the room proposed */
	size_t report_line; /* the line of report that says so */
};

struct import_ics_result {
	struct import_ics_out *v;
	size_t n, cap;
	struct import_ics_guess *guesses;
	size_t nguesses, capguesses;
	/* One line per thing done or left undone, for the user. */
	struct strlist report;
	size_t linked_rooms, linked_people, unlinked, made_uids;
	size_t declined; /* attendees who declined: left unassigned */
	size_t skipped;  /* events left out: their UID is in another file */
	size_t outside;  /* events left out: on no conference day */
	/* Set by the caller before import_ics_read: events on no conference
	 * day are imported too (dais import --all-dates). */
	bool all_dates;
	size_t replaced; /* files of earlier imports replaced */
};

/*
 * Reads the sources (files, or directories whose *.ics are read in name
 * order) against p, a loaded programme. False when a source could not be
 * read (the reason in diags); nothing has been written either way.
 */
bool import_ics_read(const struct programme *p, const char *const *sources,
                     size_t nsources, struct import_ics_result *r,
                     struct diag_list *diags);

/*
 * Writes the calendars into p->dir and adds them to conference.ini's
 * files. False with *why (the caller frees it) when a file could not be
 * written; what was written is then removed again.
 */
bool import_ics_write(const struct programme *p, struct import_ics_result *r,
                      char **why);
/*
 * Links the event of guess g to room_id (NULL: to no room) instead of the
 * closest name's room, in the calendar to be written, whose record is made
 * to say so: the planner's answer to the question about g.
 */
void import_ics_set_room(struct import_ics_result *r, size_t g,
                         const char *room_id);

/*
 * What the import did, for the user, after r->report: a line per
 * calendar ("outlook.ics: 2 events VERB programme/import-outlook.ics
 * (replacing an earlier import's: 1 updated from the source)") and the
 * counts, `tail` after them (" (dry run: nothing written)", or "").
 * Added to *out; `dais import` and the planner's I print the same.
 */
void import_ics_summary(const struct import_ics_result *r, const char *verb,
                        const char *tail, struct strlist *out);

/* Undoes import_ics_write (when the programme then fails to load):
 * conference.ini as it was, the new files removed. */
void import_ics_undo(const struct programme *p,
                     const struct import_ics_result *r, const char *ini_text,
                     size_t ini_len);

/*
 * The sessions of r's calendars as the loader itself reads them (its
 * checks and messages, each naming its source and session; recurring
 * events expanded in the conference's days), for the planner, which adds
 * them as edits rather than as new files. Each is new (source -1: saved
 * where new sessions go). *out (the caller frees each with session_free,
 * then the array) holds *n; false when a calendar has an error (in
 * diags), and then *out is NULL. Lines in the messages are the source's
 * when the loader read the source as written, else 0.
 */
bool import_ics_sessions(const struct programme *p,
                         const struct import_ics_result *r,
                         struct session **out, size_t *n,
                         struct diag_list *diags);

void import_ics_result_free(struct import_ics_result *r);

#endif
