/*
 * export.h: calendars for participants: the whole programme, one day, one
 * participant's or organisation's own sessions, or one file per participant,
 * as RFC 5545 iCalendar that common clients (Outlook, Google, Apple, khal,
 * calcurse) import. The command line and the planner both call these.
 *
 * What a calendar holds. One VEVENT per session, cancelled ones included
 * (STATUS:CANCELLED, so that clients remove the copy they have), with the
 * session's UID and SEQUENCE, times in the conference's zone with an
 * embedded VTIMEZONE named by its plain IANA name, SUMMARY, LOCATION (room
 * and building), CATEGORIES, STATUS and a DESCRIPTION that lists the chair,
 * speakers, participants and organisations in protocol order. There is no
 * METHOD and no ATTENDEE: attendees would make clients treat each session
 * as a meeting invitation to answer, and their addresses are private.
 *
 * One occurrence of a recurring series is exported as an event of its own
 * whose UID is the series' UID, "-" and the local date of the occurrence's
 * original start ("coffee@kw-20261104"), with its local time too when the
 * series has another occurrence that day ("coffee@kw-20261104T1000"). The
 * UID does not change when the series is moved within its days, so
 * importing a calendar again replaces events instead of duplicating them,
 * and a day's calendar and the next day's do not overwrite each other's
 * occurrences as they would if they shared the series' UID.
 *
 * Public by default: no internal notes, no e-mail or telephone, no X-DAIS-
 * property. With `internal`, notes go into X-DAIS-NOTES and, marked as
 * internal, into DESCRIPTION, and people's contact details into DESCRIPTION.
 * Such a calendar is the secretariat's, to read; it is not a backup: it has
 * no ATTENDEE and no other X-DAIS- property (room and participant ids,
 * expected attendance, languages), so no programme and none of its
 * conflicts can be rebuilt from it. It says so in X-WR-CALDESC.
 *
 * Nothing here prints or exits. Functions that can fail return false and
 * set *msg (or *why) to a sentence for the user, owned by the caller; on
 * success *msg says what was written. msg may be NULL.
 */
#ifndef DAIS_EXPORT_H
#define DAIS_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "dais/dtime.h"
#include "dais/model.h"
#include "dais/published.h"

/* X-WR-CALDESC of an internal calendar. */
#define EXPORT_INTERNAL_NOTICE                                                 \
	"Secretariat calendar with internal notes and contact details: not "   \
	"for participants. Not a backup: it has no room or participant ids "   \
	"and no attendees, so the programme cannot be rebuilt from it; keep "  \
	"the programme directory."

struct export_options {
	bool internal;        /* keep notes and contact details */
	bool by_day;          /* only sessions starting on `day` (local) */
	struct dais_date day; /* when by_day */
	/* Only the sessions of this participant, or of this delegation or
	 * organisation and its members (participant.delegation == for_id).
	 * Borrowed; NULL for every session. */
	const char *for_id;
	/* DTSTAMP of every event; DAIS_TIME_NONE: SOURCE_DATE_EPOCH, else the
	 * clock when writing. */
	dais_time stamp;
	/* What was published before (published.h): each event's SEQUENCE
	 * rises when it changed since, and the record takes what is
	 * written. Borrowed; NULL: each session's own SEQUENCE. */
	struct published *published;
};

/* Public, the whole programme, stamped with the clock. */
void export_options_init(struct export_options *o);

/*
 * Checks the options against p: the day is a conference day or has a
 * session (the message lists the days), for_id is in participants.ini (the
 * message suggests the nearest id), the conference zone is known to the
 * zone database. False with *why when the export cannot be made as asked.
 */
bool export_check(const struct programme *p, const struct export_options *o,
                  char **why);

/* Whether the session belongs in the export that o describes. */
bool export_includes(const struct programme *p, const struct export_options *o,
                     const struct session *s);

/* Whether a participant id can name a file in a directory (lowercase
 * letters, digits, '-', '_', '.'; not starting with '.'). */
bool export_id_is_file_name(const char *id);

/* The UID a session of p has in exported calendars (see above); caller
 * frees. */
char *export_uid(const struct programme *p, const struct session *s);

/*
 * The calendar as one string (CRLF lines, folded), owned by the caller, and
 * the number of events in *nevents (may be NULL). NULL with *why when
 * export_check fails.
 */
char *export_ical(const struct programme *p, const struct export_options *o,
                  size_t *nevents, char **why);

/* Writes the calendar to an open stream (standard output, a pipe). */
bool export_write(const struct programme *p, const struct export_options *o,
                  FILE *out, char **msg);

/*
 * Writes the calendar to `path` atomically (atomicfile.h): the file holds
 * its old content or the whole new calendar, never half of it.
 */
bool export_save(const struct programme *p, const struct export_options *o,
                 const char *path, char **msg);

/*
 * Writes an export already made (the frab schedule, the HTML page) to
 * `path` atomically, or to standard output when path is "-"; on success
 * *msg says how many sessions went where.
 */
bool export_deliver(const char *text, size_t nevents, const char *path,
                    char **msg);

/*
 * One calendar per participant of participants.ini who has a session in
 * the export o describes (o->for_id is ignored): `dir`/<id>.ics, each named
 * for the participant and written atomically. A group's calendar holds its
 * members' sessions too. `dir` is made when missing (its parent must exist).
 * Stops at the first file that cannot be written; *msg then names it, says
 * why and how many were written before it. *written (may be NULL) receives
 * the count either way. Files of people who no longer have a session are
 * left as they are.
 */
bool export_per_participant(const struct programme *p,
                            const struct export_options *o, const char *dir,
                            size_t *written, char **msg);

#endif
