/*
 * import_again.h: importing a source again (import_again.c). The file an
 * import writes records, on its VCALENDAR, what it wrote for each event
 * (X-DAIS-IMPORTED: a fingerprint of the source's event and one of the
 * event as written), so that the next import of the same source can tell
 * an event changed in dais from one changed in the source, and one
 * deleted in dais from one never imported.
 */
#ifndef DAIS_IMPORT_AGAIN_H
#define DAIS_IMPORT_AGAIN_H

#include <libical/ical.h>
#include <stdint.h>

#include "dais/import_ics.h"
#include "dais/strmap.h"

/* The calendar property that names the source an import file came from
 * (its absolute path), and the one recording each event it wrote. */
#define IMPORT_SOURCE_PROPERTY "X-DAIS-IMPORT-SOURCE"
#define IMPORT_RECORD_PROPERTY "X-DAIS-IMPORTED"

/* Per UID: a fingerprint of the source's events of that UID, and of the
 * events as the import wrote them. */
struct import_record {
	struct strlist uids; /* owns the keys of at */
	uint64_t *source, *written;
	/* Per UID: "SUMMARY=hex DESCRIPTION=hex ...", a fingerprint of each
	 * field of the source's events (import_field_prints), so that a
	 * change on both sides names what the source changed; NULL in a
	 * record written before dais kept it. */
	char **fields;
	size_t cap;
	struct strmap at;  /* uid -> index */
	char *source_path; /* X-DAIS-IMPORT-SOURCE, or NULL */
	bool present;      /* the file had a record (not an older import) */
};

/* Adds a line to the import's report (import_ics.c); every module of the
 * import says what it did through it. */
void import_report(struct import_ics_result *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* "'Opening plenary' (Wed 4 Nov 2026 09:00)": an event as the organiser
 * finds it in the planner, rather than by its UID (Outlook's are 110 hex
 * digits); a series "(a series from ...)". The caller frees it. */
char *import_event_label(const struct programme *p, icalcomponent *ev);

/* Sets (or adds) uid's fingerprints. */
void import_record_set(struct import_record *rec, const char *uid,
                       uint64_t source, uint64_t written);
/* Sets uid's field fingerprints (NULL: none; copied). uid must be set. */
void import_record_set_fields(struct import_record *rec, const char *uid,
                              const char *fields);
/* uid's field fingerprints, or NULL (borrowed). */
const char *import_record_fields(const struct import_record *rec,
                                 const char *uid);
/* Whether rec has uid; its fingerprints in *source and *written. */
bool import_record_get(const struct import_record *rec, const char *uid,
                       uint64_t *source, uint64_t *written);
/* What an import file's calendar (first of root) records. */
void import_record_read(icalcomponent *root, struct import_record *rec);
/* Replaces cal's record with rec's (and the source path). */
void import_record_write(icalcomponent *cal, const struct import_record *rec);
/* Removes any record from cal (a source that is itself an import file). */
void import_record_strip(icalcomponent *cal);
void import_record_free(struct import_record *rec);

/*
 * Fingerprints of the VEVENTs of cal per UID, into rec's `source` (when
 * as_source) or `written` fingerprints: each event as libical writes it
 * after a read back, DTSTAMP left out (clients set it at every export),
 * the events of one UID (a series and its overrides) in sorted order.
 */
void import_fingerprints(icalcomponent *cal, struct import_record *rec,
                         bool as_source);

/*
 * Decides each event of cal (the source's, linked) against the programme:
 * an event whose UID another file holds is left out; with `old` (the
 * parsed file an earlier import of this source made, `name`), each event
 * is taken as the source has it, kept as the programme has it, or left
 * out, by what changed since that import on either side (said in r),
 * and `rec` is filled with the record to write. `fresh` holds the
 * source fingerprints of cal's events (import_fingerprints before
 * linking). The UIDs whose events are written as the source has them go
 * to `taken`.
 */
void import_again(const struct programme *p, icalcomponent *cal,
                  icalcomponent *old, const char *name,
                  const struct import_record *fresh, struct import_record *rec,
                  struct import_ics_result *r, struct import_ics_out *o,
                  struct strlist *taken, const char *file);

#endif
