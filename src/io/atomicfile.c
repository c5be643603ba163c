/*
 * atomicfile.c: write-to-temporary, fsync, rename, fsync-directory. The
 * temporary file sits beside the target so the rename never crosses a
 * filesystem, and keeps the target's permissions when it exists.
 */
#include "dais/atomicfile.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dais/xalloc.h"

struct atomicfile {
	char *path;
	char *tmp;
	FILE *f;
};

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
	int fd;

	/*
	 * A file made read-only is left alone, although the rename would
	 * replace it (the directory allows that): its owner froze it, as
	 * vim and emacs assume when they refuse or ask. Root, whom access()
	 * always lets write, is stopped by a mode without any write bit.
	 */
	exists = stat(path, &st) == 0;
	if (exists && S_ISREG(st.st_mode)) {
		int err = faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) != 0
		              ? errno
		          : (st.st_mode & 0222) == 0 ? EACCES
		                                     : 0;

		if (err == EACCES) {
			*why = xasprintf("%s: %s (the file is read-only); "
			                 "make it writable (chmod u+w) to save "
			                 "over it",
			                 path, strerror(err));
			return NULL;
		}
		if (err != 0) {
			*why = xasprintf("%s: %s; the file on disk was not "
			                 "changed",
			                 path, strerror(err));
			return NULL;
		}
	}
	af = xcalloc(1, sizeof *af);
	af->path = xstrdup(path);
	af->tmp = xasprintf("%s.dais-tmp-XXXXXX", path);
	fd = mkstemp(af->tmp);
	if (fd < 0) {
		*why = xasprintf("%s: cannot create a temporary file in its "
		                 "directory: %s",
		                 path, strerror(errno));
		free(af->tmp);
		free(af->path);
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

bool
atomicfile_commit(struct atomicfile *af, char **why)
{
	int err = 0;

	if (injected_failure(af->path))
		err = ENOSPC;
	if (err == 0 && (ferror(af->f) || fflush(af->f) != 0))
		err = errno ? errno : EIO;
	if (err == 0 && fsync(fileno(af->f)) != 0)
		err = errno;
	if (fclose(af->f) != 0 && err == 0)
		err = errno;
	if (err == 0 && rename(af->tmp, af->path) != 0)
		err = errno;
	if (err != 0) {
		*why = xasprintf("%s: %s; the file on disk was not changed",
		                 af->path, strerror(err));
		unlink(af->tmp);
		atomicfile_release(af);
		return false;
	}
	fsync_parent(af->path);
	atomicfile_release(af);
	return true;
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
