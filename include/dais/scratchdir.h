/*
 * scratchdir.h: private directories under $TMPDIR (else /tmp) where dais
 * tries something before doing it (an import's trial copy). Each is held
 * by its maker's flock while it lives, so one that a killed run left
 * behind is told apart from one in use and removed by the next run that
 * makes one of the same kind.
 */
#ifndef DAIS_SCRATCHDIR_H
#define DAIS_SCRATCHDIR_H

#include <stddef.h>

struct scratchdir;

/*
 * Removes the stale scratch directories of this kind (`kind` such as
 * "dais-import": "<kind>-XXXXXX", ours, no process holding them), then
 * makes a new one (mode 0700) and holds it. NULL with *why (owned by the
 * caller) naming the directory it could not make and the cause.
 */
struct scratchdir *scratchdir_make(const char *kind, char **why);

/* The directory's path, borrowed: it lives as long as `s`. */
const char *scratchdir_path(const struct scratchdir *s);

/* Removes the directory and everything in it, and frees `s`. */
void scratchdir_free(struct scratchdir *s);

/*
 * Removes the scratch directories of this kind that no process holds and
 * that the user owns: a directory whose holder has not taken it yet (it
 * holds no mark) is left alone unless it is older than a minute. Returns
 * how many were removed. scratchdir_make calls it.
 */
size_t scratchdir_remove_stale(const char *kind);

#endif
