/*
 * ics.h: the sessions of a programme from iCalendar files (libical).
 * See man/dais-programme.5 for every property dais reads.
 */
#ifndef DAIS_ICS_H
#define DAIS_ICS_H

#include <stdbool.h>
#include <stdint.h>

#include "dais/diag.h"
#include "dais/model.h"

/* Once at start-up: libical settings dais relies on (unknown tokens kept). */
void ics_init(void);

/*
 * Appends the sessions of one .ics file to p. `source` is the file's index
 * in p->conf.files; `path` is what is opened; diagnostics name `shown`
 * (the path as the user knows it). Reads one VEVENT at a time so loading
 * stays linear. Recurring events are expanded within the conference days.
 * Returns false when the file could not be read or is not an iCalendar
 * file (an error is in diags).
 */
bool ics_load_file(struct programme *p, int source, const char *path,
                   const char *shown, struct diag_list *diags);
/*
 * The same, and the fingerprint of the file's bytes (filehash.h: what
 * filehash_path gives) in *hash, taken while they are read instead of in
 * a second reading; 0 when the file cannot be opened or read.
 */
bool ics_load_file_hashed(struct programme *p, int source, const char *path,
                          const char *shown, struct diag_list *diags,
                          uint64_t *hash);

/*
 * After all files are loaded: UIDs unique across files, kinds known,
 * rooms and participants known (as warnings; the conflict engine reports
 * unknown references too). Sorts p's sessions.
 */
void ics_validate(struct programme *p, struct diag_list *diags);

/*
 * The VTIMEZONE of IANA zone `name` from the zone database, with TZID the
 * plain name (libical's own is "/freeassociation.sourceforge.net/NAME",
 * which other clients do not recognise): what dais embeds in every
 * calendar it writes, so events can say TZID=NAME. A new component the
 * caller owns (a libical icalcomponent), or NULL when the database has no
 * such zone or it is UTC (whose times are written with Z).
 */
struct icalcomponent_impl *ics_zone_vtimezone(const char *name);

#endif
