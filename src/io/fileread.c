/*
 * fileread.c: regular files only (fileread.h). The open is non-blocking so
 * that a FIFO with no writer cannot hang it; once fstat says the file is
 * regular, the descriptor goes back to blocking reads.
 */
#include "dais/fileread.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dais/xalloc.h"

const char *
fileread_kind(mode_t mode)
{
	if (S_ISREG(mode))
		return "a regular file";
	if (S_ISDIR(mode))
		return "a directory";
	if (S_ISFIFO(mode))
		return "a FIFO (named pipe)";
	if (S_ISCHR(mode))
		return "a character device";
	if (S_ISBLK(mode))
		return "a block device";
	if (S_ISSOCK(mode))
		return "a socket";
	return "not a regular file";
}

/* fileread_open, giving the file's status too. */
static int
open_regular(const char *path, struct stat *st, char **why)
{
	struct stat lst;
	int fd, flags, saved;

	if (why != NULL)
		*why = NULL;
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		saved = errno;
		give_or_free(why, xstrdup(strerror(saved)));
		errno = saved;
		return -1;
	}
	if (fstat(fd, st) != 0) {
		saved = errno;
		close(fd);
		give_or_free(why, xstrdup(strerror(saved)));
		errno = saved;
		return -1;
	}
	if (!S_ISREG(st->st_mode)) {
		bool link = lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode);

		close(fd);
		give_or_free(why, xasprintf("it is %s%s, not a regular file",
		                            link ? "a symbolic link to " : "",
		                            fileread_kind(st->st_mode)));
		errno = S_ISDIR(st->st_mode) ? EISDIR : EINVAL;
		return -1;
	}
	flags = fcntl(fd, F_GETFL);
	if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) < 0) {
		saved = errno;
		close(fd);
		give_or_free(why, xstrdup(strerror(saved)));
		errno = saved;
		return -1;
	}
	return fd;
}

int
fileread_open(const char *path, char **why)
{
	struct stat st;

	return open_regular(path, &st, why);
}

FILE *
fileread_fopen(const char *path, char **why)
{
	int fd = fileread_open(path, why), saved;
	FILE *f;

	if (fd < 0)
		return NULL;
	if ((f = fdopen(fd, "rb")) == NULL) {
		saved = errno;
		close(fd);
		give_or_free(why, xstrdup(strerror(saved)));
		errno = saved;
	}
	return f;
}

/*
 * The whole file in one buffer of the size fstat gave (plus its NUL): a
 * buffer grown by doubling as the bytes come copies them at each step and
 * touches up to twice the pages (a 181 KB participants.ini: 64 page
 * faults more). A file that grows while it is read still reads whole; at
 * the size given, a small read on the stack tells the end from more.
 */
char *
fileread_all(const char *path, size_t max, size_t *len, char **why)
{
	struct stat st;
	int fd = open_regular(path, &st, why), saved;
	char *buf = NULL, probe[4096];
	size_t n = 0, cap = 0;
	ssize_t got;

	*len = 0;
	if (fd < 0)
		return NULL;
	if (st.st_size > 0) {
		cap = (size_t)st.st_size;
		/* One byte over max is enough to refuse the file. */
		if (max != 0 && cap > max)
			cap = max + 1;
		buf = xreallocarray(NULL, cap + 1, 1);
	}
	for (;;) {
		if (n == cap) {
			got = read(fd, probe, sizeof probe);
			if (got < 0 && errno == EINTR)
				continue;
			if (got <= 0)
				break;
			cap = cap < 32768 ? 65536 : cap * 2;
			buf = xreallocarray(buf, cap + 1, 1);
			memcpy(buf + n, probe, (size_t)got);
		} else {
			got = read(fd, buf + n, cap - n);
			if (got < 0 && errno == EINTR)
				continue;
			if (got <= 0)
				break;
		}
		n += (size_t)got;
		if (max != 0 && n > max)
			break;
	}
	saved = errno;
	close(fd);
	if (got < 0) {
		free(buf);
		give_or_free(why, xstrdup(strerror(saved)));
		errno = saved;
		return NULL;
	}
	if (max != 0 && n > max) {
		free(buf);
		give_or_free(why, xasprintf("it is over %zu bytes", max));
		errno = EFBIG;
		return NULL;
	}
	if (buf == NULL)
		buf = xmalloc(1);
	buf[n] = '\0';
	*len = n;
	return buf;
}
