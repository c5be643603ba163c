/*
 * published.h: what `dais export` last published, per exported UID, so that
 * SEQUENCE rises for every change to a session, wherever it was made (the
 * planner, a text editor, another calendar program, `dais import`), and
 * clients replace their copy instead of ignoring the newer one.
 *
 * The record is DIR/.dais-published, a text file dais writes (atomically)
 * and reads back: comment lines starting with '#', then one line per
 * exported event, "SEQUENCE FINGERPRINT UID": the SEQUENCE last written
 * for the UID, 16 hex digits of FNV-1a over what the public event says
 * (start, end, status, class, title, location, description, kind), and
 * the exported UID itself (the rest of the line). Lines are sorted by UID.
 * Records of UIDs not in an export are kept: a day's export does not make
 * dais forget the other day.
 */
#ifndef DAIS_PUBLISHED_H
#define DAIS_PUBLISHED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PUBLISHED_FILE ".dais-published"
/* How long an export waits for another one to finish with the record. */
#define PUBLISHED_WAIT_MS 10000

struct published;

/*
 * Reads DIR/.dais-published; a missing or empty file is an empty record.
 * A caller that will write the record back (`to_write`) first takes its
 * lock (atomicfile_lock; held until published_free, so that two exports at
 * once, the planner's and `dais export`, take turns and each reads what
 * the other wrote); in a directory dais cannot write to it reads without.
 * A read-only planner, which never writes the record, takes no lock and
 * makes no file. NULL with *why (owned) when another export held the lock
 * for PUBLISHED_WAIT_MS, when the file cannot be read or a line is not
 * "SEQUENCE FINGERPRINT UID" (the message names the file and line).
 */
struct published *published_load(const char *dir, bool to_write, char **why);

/*
 * The SEQUENCE to write for uid, whose session has SEQUENCE `own` in its
 * file and whose event now has this fingerprint: `own` for an event never
 * published, at least the one published when nothing changed, at least
 * one more when something did. The record takes the answer.
 */
int published_sequence(struct published *pb, const char *uid,
                       uint64_t fingerprint, int own);

/* Whether anything was recorded since published_load. */
bool published_changed(const struct published *pb);

/* Writes the record back atomically (still under the lock); false with
 * *why (owned) if not. */
bool published_save(struct published *pb, char **why);

void published_free(struct published *pb);

/*
 * Removes the temporary files (atomicfile_remove_leftovers) an export
 * stopped while writing DIR/.dais-published left, when no export holds
 * the record's lock now (one that does may be writing its temporary).
 * Returns how many.
 */
size_t published_remove_leftovers(const char *dir);

#endif
