/*
 * atomicfile.c: write-to-temporary, fsync, rename, fsync-directory. The
 * temporary file sits beside the target so the rename never crosses a
 * filesystem, and keeps the target's permissions when it exists. A target
 * that is a symbolic link is written through: the temporary file goes
 * beside the link's target, which is replaced, and the link stays.
 */
#include "dais/atomicfile.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "dais/filehash.h"
#include "dais/xalloc.h"

/* What follows a target's name in its temporary file's (mkstemp's six). */
#define TMP_INFIX  ".dais-tmp-"
#define TMP_RANDOM 6

struct atomicfile {
	char *name; /* as the caller named it, for messages */
	char *path; /* what is replaced: the link's target for a link */
	char *tmp;
	FILE *f;
	/* a swap could not be undone: tmp holds the other program's file */
	bool tmp_is_theirs;
};

struct atomicfile_test_hooks atomicfile_test_hooks;

static void
reach(enum atomicfile_point point, const char *path)
{
	if (atomicfile_test_hooks.before != NULL)
		atomicfile_test_hooks.before(point, path,
		                             atomicfile_test_hooks.arg);
}

/*
 * The file a write to `path` replaces: `path` itself, or for a symbolic
 * link the file it leads to (a programme file shared between directories
 * through a link stays shared). NULL with *why for a link that leads
 * nowhere.
 */
static char *
replaced_path(const char *path, char **why)
{
	struct stat st;
	char *target;

	if (lstat(path, &st) != 0 || !S_ISLNK(st.st_mode))
		return xstrdup(path);
	target = realpath(path, NULL);
	if (target == NULL) {
		*why = xasprintf("%s: a symbolic link whose target cannot be "
		                 "reached (%s); point it at a file, or remove "
		                 "it to write a plain file there",
		                 path, strerror(errno));
		return NULL;
	}
	return target;
}

/* Test hook: DAIS_FAIL_WRITE=<substring> makes writing a matching path
 * fail as a full disk would, so the fault tests need no special mount. */
static bool
injected_failure(const char *path)
{
	const char *match = getenv("DAIS_FAIL_WRITE");

	return match != NULL && *match != '\0' && strstr(path, match) != NULL;
}

struct atomicfile *
atomicfile_open(const char *path, char **why)
{
	struct atomicfile *af;
	struct stat st;
	bool exists;
	char *real = replaced_path(path, why);
	int fd;

	if (real == NULL)
		return NULL;

	/*
	 * A file made read-only is left alone, although the rename would
	 * replace it (the directory allows that): its owner froze it, as
	 * vim and emacs assume when they refuse or ask. Root, whom access()
	 * always lets write, is stopped by a mode without any write bit.
	 */
	exists = stat(real, &st) == 0;
	if (exists && S_ISREG(st.st_mode)) {
		int err = faccessat(AT_FDCWD, real, W_OK, AT_EACCESS) != 0
		              ? errno
		          : (st.st_mode & 0222) == 0 ? EACCES
		                                     : 0;

		if (err == EACCES) {
			*why = xasprintf("%s: %s (the file is read-only); "
			                 "make it writable (chmod u+w) to save "
			                 "over it",
			                 path, strerror(err));
			free(real);
			return NULL;
		}
		if (err != 0) {
			*why = xasprintf("%s: %s; the file on disk was not "
			                 "changed",
			                 path, strerror(err));
			free(real);
			return NULL;
		}
	}
	af = xcalloc(1, sizeof *af);
	af->name = xstrdup(path);
	af->path = real;
	af->tmp = xasprintf("%s" TMP_INFIX "XXXXXX", real);
	reach(ATOMICFILE_CREATE, af->path);
	fd = mkstemp(af->tmp);
	if (fd < 0) {
		*why = xasprintf("%s: cannot create a temporary file in its "
		                 "directory: %s",
		                 path, strerror(errno));
		free(af->tmp);
		free(af->path);
		free(af->name);
		free(af);
		return NULL;
	}
	if (exists) {
		/*
		 * The replacement keeps the file's owner and group where we
		 * may set them (root saving a secretariat member's file must
		 * not leave it root's); an ordinary user cannot, and then
		 * the file is theirs, as with any editor that renames.
		 */
		if (fchown(fd, st.st_uid, st.st_gid) != 0) {
			/* Not allowed: keep ours. */
		}
		fchmod(fd, st.st_mode & 07777);
	} else {
		fchmod(fd, 0644);
	}
	af->f = fdopen(fd, "w");
	if (af->f == NULL) {
		*why = xasprintf("%s: cannot write a temporary file in its "
		                 "directory: %s",
		                 path, strerror(errno));
		close(fd);
		unlink(af->tmp);
		free(af->tmp);
		free(af->path);
		free(af->name);
		free(af);
		return NULL;
	}
	return af;
}

FILE *
atomicfile_stream(struct atomicfile *af)
{
	return af->f;
}

static void
atomicfile_release(struct atomicfile *af)
{
	free(af->tmp);
	free(af->path);
	free(af->name);
	free(af);
}

static void
fsync_parent(const char *path)
{
	char *copy = xstrdup(path);
	int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY);

	/* Some filesystems refuse fsync on a directory; the rename stands. */
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(copy);
}

/* Flushes and forces the temporary file to disk, and closes it: 0 or an
 * errno. */
static int
finish_temporary(struct atomicfile *af)
{
	int err = 0;

	if (injected_failure(af->name))
		err = ENOSPC;
	reach(ATOMICFILE_WRITE, af->path);
	if (err == 0 && (ferror(af->f) || fflush(af->f) != 0))
		err = errno ? errno : EIO;
	reach(ATOMICFILE_SYNC, af->path);
	if (err == 0 && fsync(fileno(af->f)) != 0)
		err = errno;
	if (fclose(af->f) != 0 && err == 0)
		err = errno;
	return err;
}

/* The hash of `path`'s bytes, 0 when it does not exist (filehash.h). */
static uint64_t
hash_now(const char *path)
{
	uint64_t h = 0;

	filehash_path(path, &h);
	return h;
}

/*
 * Puts the temporary file in place only if the target still holds bytes
 * hashing to `expect` (0: there must be none). With RENAME_EXCHANGE the
 * check is made on what was swapped out, so nothing written between the
 * caller's check and the swap is lost: it is swapped back. Without it
 * (EINVAL, ENOSYS: a filesystem or kernel without the flag) the target is
 * hashed again just before a plain rename, which leaves only the instant
 * between that hash and the rename. 0, ESTALE for "changed", or an errno.
 */
static int
swap_in_checked(struct atomicfile *af, uint64_t expect)
{
	unsigned flag = expect == 0 ? RENAME_NOREPLACE : RENAME_EXCHANGE;
	uint64_t out;

	if (!atomicfile_test_hooks.no_exchange &&
	    renameat2(AT_FDCWD, af->tmp, AT_FDCWD, af->path, flag) == 0) {
		if (expect == 0)
			return 0;
		/* af->tmp now holds what the target held. */
		reach(ATOMICFILE_SWAPPED, af->path);
		out = hash_now(af->tmp);
		if (out == expect) {
			unlink(af->tmp);
			return 0;
		}
		if (renameat2(AT_FDCWD, af->tmp, AT_FDCWD, af->path,
		              RENAME_EXCHANGE) != 0) {
			/* both files still exist, by name: theirs in tmp */
			af->tmp_is_theirs = true;
			return errno;
		}
		return ESTALE;
	}
	if (!atomicfile_test_hooks.no_exchange && errno != EINVAL &&
	    errno != ENOSYS)
		return errno == EEXIST || errno == ENOENT ? ESTALE : errno;
	if (hash_now(af->path) != expect)
		return ESTALE;
	reach(ATOMICFILE_CHECKED, af->path);
	return rename(af->tmp, af->path) == 0 ? 0 : errno;
}

static bool
commit(struct atomicfile *af, bool check, uint64_t expect, bool *changed,
       char **why)
{
	int err = finish_temporary(af);

	if (changed != NULL)
		*changed = false;
	reach(ATOMICFILE_RENAME, af->path);
	if (err == 0 && check)
		err = swap_in_checked(af, expect);
	else if (err == 0 && rename(af->tmp, af->path) != 0)
		err = errno;
	if (err != 0) {
		if (af->tmp_is_theirs) {
			/* Theirs is only in the temporary file: kept. */
			*why = xasprintf("%s: changed by another program while "
			                 "dais was saving it, and its version "
			                 "could not be put back (%s): it is in "
			                 "%s; compare the two and keep the "
			                 "right one",
			                 af->name, strerror(err), af->tmp);
			atomicfile_release(af);
			return false;
		}
		if (err == ESTALE && changed != NULL) {
			*changed = true;
			*why = xasprintf("%s: changed by another program while "
			                 "dais was saving it; the file on disk "
			                 "was not changed",
			                 af->name);
		} else {
			*why = xasprintf(
			    "%s: %s; the file on disk was not changed",
			    af->name, strerror(err));
		}
		unlink(af->tmp);
		atomicfile_release(af);
		return false;
	}
	reach(ATOMICFILE_SYNC_DIR, af->path);
	fsync_parent(af->path);
	atomicfile_release(af);
	return true;
}

bool
atomicfile_commit(struct atomicfile *af, char **why)
{
	return commit(af, false, 0, NULL, why);
}

bool
atomicfile_commit_over(struct atomicfile *af, uint64_t expect, bool *changed,
                       char **why)
{
	return commit(af, true, expect, changed, why);
}

void
atomicfile_abort(struct atomicfile *af)
{
	fclose(af->f);
	unlink(af->tmp);
	atomicfile_release(af);
}

bool
atomicfile_write(const char *path, const void *data, size_t len, char **why)
{
	struct atomicfile *af = atomicfile_open(path, why);

	if (af == NULL)
		return false;
	fwrite(data, 1, len, af->f);
	return atomicfile_commit(af, why);
}

bool
atomicfile_write_over(const char *path, const void *data, size_t len,
                      uint64_t expect, bool *changed, char **why)
{
	struct atomicfile *af = atomicfile_open(path, why);

	if (changed != NULL)
		*changed = false;
	if (af == NULL)
		return false;
	fwrite(data, 1, len, af->f);
	return atomicfile_commit_over(af, expect, changed, why);
}

/* Whether `name` is `base` + ".dais-tmp-" and mkstemp's six letters. */
bool
atomicfile_remove_over(const char *path, uint64_t expect, bool *changed,
                       char **why)
{
	*changed = false;
	reach(ATOMICFILE_CHECKED, path);
	if (hash_now(path) != expect) {
		*changed = true;
		*why = xasprintf("%s: it changed since dais read it, so it was "
		                 "not removed",
		                 path);
		return false;
	}
	reach(ATOMICFILE_REMOVE, path);
	if (unlink(path) != 0 && errno != ENOENT) {
		*why = xasprintf("%s: cannot remove it: %s; the file on disk "
		                 "was not changed",
		                 path, strerror(errno));
		return false;
	}
	reach(ATOMICFILE_SYNC_DIR, path);
	fsync_parent(path);
	return true;
}

static bool
is_temporary_of(const char *name, const char *base)
{
	size_t n = strlen(base), i;

	if (strncmp(name, base, n) != 0 ||
	    strncmp(name + n, TMP_INFIX, strlen(TMP_INFIX)) != 0)
		return false;
	name += n + strlen(TMP_INFIX);
	for (i = 0; i < TMP_RANDOM; i++)
		if (!isalnum((unsigned char)name[i]))
			return false;
	return name[TMP_RANDOM] == '\0';
}

size_t
atomicfile_remove_leftovers(const char *path)
{
	char *why = NULL, *real = replaced_path(path, &why);
	char *dcopy, *bcopy, *dir, *base;
	DIR *d;
	struct dirent *e;
	size_t removed = 0;

	if (real == NULL) {
		free(why);
		return 0;
	}
	/* The temporary file is made beside what is replaced (a link's
	 * target), named after it: nothing else is looked at. */
	dcopy = xstrdup(real);
	bcopy = xstrdup(real);
	dir = dirname(dcopy);
	base = basename(bcopy);
	d = opendir(dir);
	while (d != NULL && (e = readdir(d)) != NULL) {
		struct stat st;
		char *tmp;

		if (!is_temporary_of(e->d_name, base))
			continue;
		tmp = xasprintf("%s/%s", dir, e->d_name);
		/* Only regular files: never a directory or a link's target. */
		if (lstat(tmp, &st) == 0 && S_ISREG(st.st_mode) &&
		    unlink(tmp) == 0)
			removed++;
		free(tmp);
	}
	if (d != NULL)
		closedir(d);
	free(bcopy);
	free(dcopy);
	free(real);
	return removed;
}

/* Whether fd is the file `path` names now (not one replaced since). */
static bool
is_current(int fd, const char *path)
{
	struct stat held, now;

	return fstat(fd, &held) == 0 && stat(path, &now) == 0 &&
	       held.st_dev == now.st_dev && held.st_ino == now.st_ino;
}

int
atomicfile_lock(const char *path, int wait_ms, char **why)
{
	/* Polled: flock has no time limit of its own. */
	const struct timespec pause = {0, 20 * 1000 * 1000};
	int waited = 0;

	for (;;) {
		int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666), err;

		if (fd < 0 && (errno == EACCES || errno == EROFS))
			fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			err = errno;
			*why = xasprintf("%s: %s", path, strerror(err));
			errno = err;
			return -1;
		}
		while (flock(fd, LOCK_EX | LOCK_NB) != 0) {
			if ((errno != EWOULDBLOCK && errno != EINTR) ||
			    waited >= wait_ms) {
				err = errno;
				if (err != EWOULDBLOCK)
					*why =
					    xasprintf("%s: cannot lock it: %s",
					              path, strerror(err));
				close(fd);
				errno = err;
				return -1;
			}
			nanosleep(&pause, NULL);
			waited += 20;
		}
		if (is_current(fd, path))
			return fd;
		/* Replaced while we waited: lock what the name holds now. */
		close(fd);
	}
}
