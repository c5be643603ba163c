/*
 * ics_event_internal.h: what the files reading one VEVENT share
 * (ics_event.c scans it and takes it in, ics_event_time.c reads its
 * times, ics_event_prop.c its other properties). Private to src/io/.
 */
#ifndef DAIS_IO_ICS_EVENT_INTERNAL_H
#define DAIS_IO_ICS_EVENT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "dais/session_field.h"
#include "ics_internal.h"

/*
 * An ATTENDEE and the parameters dais reads of it, each the first of its
 * kind (NULL when it has none), found in the one walk over its parameters.
 */
struct ics_attendee {
	icalproperty *prop;
	icalparameter *id; /* X-DAIS-ID */
	icalparameter *partstat, *cutype, *cn, *role;
	/* The values of id and cn (NULL when none) and their lengths, read
	 * once for the store's prefetch and the reading (ics_event_read). */
	const char *id_text, *cn_text;
	size_t id_len, cn_len;
	unsigned id_hash, cn_hash; /* arena_intern_prefetch's */
};

/*
 * What the one pass over the properties found: the first property of each
 * session field the table names (session_field.h) with its TZID parameter,
 * and how many there were, so that a second is reported; CATEGORIES and
 * ATTENDEE may repeat.
 */
struct found {
	icalproperty *prop[SESSION_FIELD_COUNT];
	/* The TZID of prop[i] (NULL when it has none) and its zone (NULL
	 * when none is known), looked up once, in the scan. */
	const char *tzid[SESSION_FIELD_COUNT];
	icaltimezone *zone[SESSION_FIELD_COUNT];
	int count[SESSION_FIELD_COUNT];
	icalproperty *duration; /* DTEND's alternative, in no field */
	int nduration;
	const char *category;
	int nrrule, nrdate;
	int nerrors;  /* X-LIC-ERROR properties libical added */
	bool repeats; /* some count is above 1 */
	/* The ATTENDEEs, in the file's buffer (ics_file.attendees), valid
	 * until the next VEVENT is scanned. */
	struct ics_attendee *attendees;
	size_t nattendees;
	/* The texts the store interns, read once (ics_event_read): the room
	 * id and the kind without surrounding blanks, the location whole;
	 * NULL when there is none (or nothing is left of it). The room and
	 * the location are hashed for the store's prefetch; the kind is most
	 * often the last one read (ics_event_read_kind). */
	const char *room, *location, *kind;
	size_t nroom, nlocation, nkind;
	unsigned room_hash, location_hash;
};

/* ---- ics_event.c ---- */
const char *ics_event_first(const char *have, const char *v);
const char *ics_event_text_of(icalproperty *prop);
/* s without surrounding blanks: where it starts, its length in *n; NULL
 * (and *n untouched) when nothing is left. */
const char *ics_event_trim(const char *s, size_t *n);
char *ics_event_trimmed(const char *s);
bool ics_event_whole_number(const char *s, long *out);
int ics_event_prop_line(const struct ics_block *b, const char *name,
                        const char *needle);
char *ics_event_as_written(const struct ics_block *b, const char *name);
char *ics_event_written(icalproperty *prop);

/* ---- ics_event_time.c ---- */
void ics_event_read_times(struct ics_file *f, struct ics_event *ev,
                          const struct found *fd, const struct ics_block *b);

/* ---- ics_event_prop.c ---- */
void ics_event_read_status(struct ics_file *f, struct ics_event *ev,
                           const struct found *fd, const struct ics_block *b);
void ics_event_read_numbers(struct ics_file *f, struct ics_event *ev,
                            const struct found *fd, const struct ics_block *b);
void ics_event_read_languages(struct ics_event *ev, const char *list);
void ics_event_read_texts(struct ics_file *f, struct ics_event *ev,
                          const struct found *fd);
/* fd->kind: the first category, trimmed. */
void ics_event_read_kind(struct ics_file *f, struct ics_event *ev,
                         const struct found *fd);
void ics_event_read_attendee(struct ics_file *f, struct ics_event *ev,
                             const struct ics_attendee *a,
                             const struct ics_block *b, size_t *at,
                             struct strlist *hints);

#endif
