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
#include <stdint.h>
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
/*
 * As atomicfile_commit, but the target is replaced only if its bytes
 * still hash to `expect` (filehash.h; 0: it must not exist) at the moment
 * the new file goes in: on Linux the new file is swapped in with
 * renameat2(RENAME_EXCHANGE), what came out is hashed, and swapped back
 * when it is not what was expected. Where the filesystem has no such
 * swap, the target is hashed again just before the rename (a change in
 * between those two instants is still lost). A change found leaves the
 * target as the other program made it, sets *changed and returns false.
 */
bool atomicfile_commit_over(struct atomicfile *af, uint64_t expect,
                            bool *changed, char **why);
/* Gives up: removes the temporary file and frees af. */
void atomicfile_abort(struct atomicfile *af);
/* Convenience: the whole content at once. */
bool atomicfile_write(const char *path, const void *data, size_t len,
                      char **why);
bool atomicfile_write_over(const char *path, const void *data, size_t len,
                           uint64_t expect, bool *changed, char **why);

/*
 * Removes `path` (a symbolic link itself, not its target) if its bytes
 * still hash to `expect`, then fsyncs the directory. A file changed in
 * between is left as it is, with *changed set and false back; the
 * instant between that hash and the unlink is not covered.
 */
bool atomicfile_remove_over(const char *path, uint64_t expect, bool *changed,
                            char **why);

/*
 * Removes the temporary files dais left beside `path` when it was stopped
 * in the middle of writing it: only "<what a write to path replaces (a
 * link's target)>.dais-tmp-XXXXXX", regular files; a file of any other
 * name (another program's, another file's) is never touched. Call it only
 * while holding the directory's lock, when no write of dais can be under
 * way. Returns how many were removed.
 */
size_t atomicfile_remove_leftovers(const char *path);

/*
 * Takes an exclusive flock on the file `path` names, for a file that more
 * than one process reads, changes and replaces (atomicfile_write) as one
 * step: each holds the lock from its read to its write, so none writes
 * over a version it did not read. A replacement makes a new file under the
 * name, so the lock is taken again until it holds the file the name names.
 * The file is made empty when missing (a missing and an empty record mean
 * the same to its readers). Waits up to `wait_ms` milliseconds for another
 * holder. Returns the descriptor that holds the lock (close it, or let the
 * process end, to release it); -1 with errno EWOULDBLOCK when another
 * process held it all that time, or -1 with another errno and *why (owned
 * by the caller) naming the file and the cause.
 */
int atomicfile_lock(const char *path, int wait_ms, char **why);

/* ---- For tests ---------------------------------------------------- */

/* The system calls of a write, in order; the hook runs before each. */
enum atomicfile_point {
	ATOMICFILE_CREATE,   /* the temporary file */
	ATOMICFILE_WRITE,    /* its bytes */
	ATOMICFILE_SYNC,     /* fsync */
	ATOMICFILE_RENAME,   /* the swap or rename over the target */
	ATOMICFILE_SWAPPED,  /* after a swap, before what came out is judged */
	ATOMICFILE_CHECKED,  /* no swap: after the last check, before rename */
	ATOMICFILE_SYNC_DIR, /* fsync of the directory */
	ATOMICFILE_REMOVE,   /* atomicfile_remove_over's unlink */
};

/*
 * Set only by tests: `before` runs before each point (a test exits there
 * to act as a crash, or changes the target to act as a racing writer);
 * `no_exchange` acts as a filesystem without RENAME_EXCHANGE.
 */
struct atomicfile_test_hooks {
	void (*before)(enum atomicfile_point point, const char *path,
	               void *arg);
	void *arg;
	bool no_exchange;
};
extern struct atomicfile_test_hooks atomicfile_test_hooks;

#endif
