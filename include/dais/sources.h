/*
 * sources.h: the entries of conference.ini's `files`. Each is a file, a
 * directory of .ics files (a vdir, as khal and vdirsyncer keep one event
 * per file), or a glob; the loader reads the files they name now.
 */
#ifndef DAIS_SOURCES_H
#define DAIS_SOURCES_H

#include <stdbool.h>

#include "dais/model.h"

/* Whether an entry is a glob: it holds '*', '?' or '['. */
bool sources_is_glob(const char *entry);

/*
 * Appends the files that `entry` (relative to the programme directory
 * `dir`) names now to `out`, relative to `dir`: a file as written; a
 * directory's regular "*.ics" (not recursive; hidden names and dais's
 * temporaries left out) in byte order of their names; a glob's matches
 * (glob(3)) in the same order. A directory without .ics files, or a glob
 * matching nothing in a directory that exists, adds nothing. False with
 * *why (owned by the caller): a sentence naming the path and what to do.
 */
bool sources_expand(const char *dir, const char *entry, struct strlist *out,
                    char **why);

/*
 * The directory (relative) that new sessions of the directory or glob
 * source `entry` go to, one file each; NULL with *why when `entry` is a
 * file, or a glob that a "<uid>.ics" in its directory would not match.
 * The caller frees it.
 */
char *sources_new_sessions_dir(const char *dir, const char *entry, char **why);

/* Whether `name` (one of c->files) came from a directory or glob entry
 * of c->file_sources: such a file is removed, not emptied, when its last
 * event goes. */
bool sources_is_member(const struct conference *c, const char *name);

/*
 * The files the directory and glob entries of c->file_sources hold now
 * that c->files lacks (another program added them since the load), in
 * order; appended to `out`.
 */
void sources_appeared(const char *dir, const struct conference *c,
                      struct strlist *out);

/*
 * The paths (with `dir`) of the .ics files whose temporaries
 * ("<file>.dais-tmp-XXXXXX", atomicfile.h) lie in the directories of the
 * directory and glob entries, appended to `out`: a save cut short while
 * making a new session's file leaves one beside a file nobody lists yet.
 */
void sources_temporary_owners(const char *dir, const struct conference *c,
                              struct strlist *out);

#endif
