/*
 * atomicfile.h: replace a file so that at every moment it holds either the
 * old content or the new, never half of either: write a temporary file in
 * the same directory, fsync it, rename it over the target, fsync the
 * directory. Used for every file dais writes.
 */
#ifndef DAIS_ATOMICFILE_H
#define DAIS_ATOMICFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct atomicfile;

/*
 * Every *why below starts with the target's path and ": ", then what
 * failed and why in strerror's words, e.g. "out.ics: No space left on
 * device; the file on disk was not changed". A caller whose message already
 * names the file (a diagnostic) may skip that prefix.
 */

/*
 * Starts writing `path`. Returns NULL and sets *why (owned by the caller)
 * when the temporary file cannot be made, or when the target exists and
 * is read-only (no write permission for this user, or no write bit at all,
 * which also stops root): dais does not replace a file its owner froze.
 */
struct atomicfile *atomicfile_open(const char *path, char **why);
/* The stream to write to; errors are collected and reported at commit. */
FILE *atomicfile_stream(struct atomicfile *af);
/*
 * Flushes, fsyncs, renames over the target and fsyncs the directory, then
 * frees af. On any failure the target is untouched, the temporary file is
 * removed, false is returned and *why says what failed (owned by caller).
 */
bool atomicfile_commit(struct atomicfile *af, char **why);
/* Gives up: removes the temporary file and frees af. */
void atomicfile_abort(struct atomicfile *af);
/* Convenience: the whole content at once. */
bool atomicfile_write(const char *path, const void *data, size_t len,
                      char **why);

#endif
