/*
 * scratchdir.c: scratch directories that a killed run does not leave
 * behind for good (scratchdir.h). The maker holds a flock on the directory
 * itself, then writes a mark into it; a directory with the mark and a free
 * flock belongs to a process that is gone.
 */
#include "dais/scratchdir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "dais/xalloc.h"

/* Written once the maker holds the flock: from then on a free flock
 * means the maker is gone. */
#define HELD_MARK ".dais-scratch-held"

/* A directory without the mark was made a moment ago and is about to be
 * held, or its maker died in that moment: only the second is this old. */
#define UNMARKED_GRACE_SECONDS 60

struct scratchdir {
	char *path;
	int fd; /* the directory, open and flocked */
};

static const char *
scratch_base(void)
{
	const char *base = getenv("TMPDIR");

	return base != NULL && *base != '\0' ? base : "/tmp";
}

/* Removes path and what is under it; symbolic links are removed, never
 * followed. */
static void
remove_tree(const char *path)
{
	struct dirent *e;
	struct stat st;
	DIR *d;

	if (lstat(path, &st) != 0)
		return;
	if (S_ISDIR(st.st_mode) && (d = opendir(path)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			char *sub;

			if (strcmp(e->d_name, ".") == 0 ||
			    strcmp(e->d_name, "..") == 0)
				continue;
			sub = xasprintf("%s/%s", path, e->d_name);
			remove_tree(sub);
			free(sub);
		}
		closedir(d);
		rmdir(path);
		return;
	}
	unlink(path);
}

/* "<kind>-" and mkdtemp's six characters. */
static bool
is_of_kind(const char *name, const char *kind)
{
	size_t n = strlen(kind);

	return strncmp(name, kind, n) == 0 && name[n] == '-' &&
	       strlen(name + n + 1) == 6 && strchr(name + n + 1, '/') == NULL;
}

/* Whether the directory (open as fd, flock ours) was taken by a maker
 * that is gone, or was never taken and is old. */
static bool
abandoned(int fd, const struct stat *st)
{
	struct stat mark;

	if (fstatat(fd, HELD_MARK, &mark, AT_SYMLINK_NOFOLLOW) == 0)
		return true;
	return time(NULL) - st->st_mtime > UNMARKED_GRACE_SECONDS;
}

size_t
scratchdir_remove_stale(const char *kind)
{
	const char *base = scratch_base();
	size_t removed = 0;
	struct dirent *e;
	DIR *d = opendir(base);

	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		char *path;
		struct stat st;
		int fd;

		if (!is_of_kind(e->d_name, kind))
			continue;
		path = xasprintf("%s/%s", base, e->d_name);
		fd =
		    open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		/* Another user's, or held by a run under way: not ours to
		 * remove. */
		if (fd >= 0 && fstat(fd, &st) == 0 && st.st_uid == getuid() &&
		    flock(fd, LOCK_EX | LOCK_NB) == 0 && abandoned(fd, &st)) {
			remove_tree(path);
			removed++;
		}
		if (fd >= 0)
			close(fd);
		free(path);
	}
	closedir(d);
	return removed;
}

struct scratchdir *
scratchdir_make(const char *kind, char **why)
{
	struct scratchdir *s;
	char *path = xasprintf("%s/%s-XXXXXX", scratch_base(), kind);
	int fd, mark;

	scratchdir_remove_stale(kind);
	if (mkdtemp(path) == NULL) {
		*why = xasprintf("cannot make a scratch directory %s: %s; set "
		                 "TMPDIR to a writable directory",
		                 path, strerror(errno));
		free(path);
		return NULL;
	}
	fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 || flock(fd, LOCK_EX) != 0 ||
	    (mark = openat(fd, HELD_MARK,
	                   O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) <
	        0) {
		*why = xasprintf("cannot hold the scratch directory %s: %s; "
		                 "set TMPDIR to a writable directory",
		                 path, strerror(errno));
		if (fd >= 0)
			close(fd);
		remove_tree(path);
		free(path);
		return NULL;
	}
	close(mark);
	s = xcalloc(1, sizeof *s);
	s->path = path;
	s->fd = fd;
	return s;
}

const char *
scratchdir_path(const struct scratchdir *s)
{
	return s->path;
}

void
scratchdir_free(struct scratchdir *s)
{
	if (s == NULL)
		return;
	/* Removed while still held, so no other run judges it meanwhile. */
	remove_tree(s->path);
	close(s->fd);
	free(s->path);
	free(s);
}
