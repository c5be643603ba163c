/*
 * lock.c: the .dais-lock file of a programme directory. flock() tells
 * whether its holder is alive (on NFS Linux maps it to fcntl locks); the
 * line in the file tells a person who that is. The lock fd is close-on-exec
 * so that a print command the planner starts cannot keep the lock alive.
 */
#include "dais/lock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "dais/dtime.h"
#include "dais/elapsed.h"
#include "dais/machine.h"
#include "dais/xalloc.h"

/* A lock line is short; anything longer is not ours. */
#define LOCK_MAX_TEXT 1024

struct lock {
	char *path;
	char *line; /* what we wrote, to tell whether it is still ours */
	int fd;
};

/* Keeps a value to one word: the line is split at blanks and '='. */
static void
tidy_word(char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s <= ' ' || *s == '=' || *s == 0x7f)
			*s = '_';
}

/* The user and the host, each kept to one word for the lock line. */
static char *
this_user(void)
{
	char *s = machine_user();

	tidy_word(s);
	return s;
}

static char *
this_host(void)
{
	char *s = machine_host();

	tidy_word(s);
	return s;
}

/* The file's text from its start, NUL-terminated; false on a read error. */
static bool
read_text(int fd, char *buf, size_t cap)
{
	size_t n = 0;
	ssize_t r;

	while (n + 1 < cap &&
	       (r = pread(fd, buf + n, cap - 1 - n, (off_t)n)) != 0) {
		if (r < 0) {
			if (errno == EINTR)
				continue;
			buf[0] = '\0';
			return false;
		}
		n += (size_t)r;
	}
	buf[n] = '\0';
	return true;
}

void
lock_holder_clear(struct lock_holder *h)
{
	free(h->user);
	free(h->host);
	memset(h, 0, sizeof *h);
}

static time_t
parse_utc(const char *s)
{
	struct tm tm;
	char z = '\0';

	memset(&tm, 0, sizeof tm);
	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%c", &tm.tm_year, &tm.tm_mon,
	           &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &z) != 7 ||
	    z != 'Z' || tm.tm_mon < 1 || tm.tm_mon > 12)
		return 0;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return timegm(&tm);
}

bool
lock_holder_parse(const char *text, struct lock_holder *h)
{
	const char *p = text;

	lock_holder_clear(h);
	while (*p != '\0') {
		size_t n = strcspn(p, " \t\r\n");
		const char *eq = memchr(p, '=', n);

		if (eq != NULL && eq > p && eq + 1 < p + n) {
			size_t k = (size_t)(eq - p);
			char *v = xstrndup(eq + 1, n - k - 1);

			if (k == 4 && strncmp(p, "user", 4) == 0) {
				free(h->user);
				h->user = v;
				v = NULL;
			} else if (k == 4 && strncmp(p, "host", 4) == 0) {
				free(h->host);
				h->host = v;
				v = NULL;
			} else if (k == 3 && strncmp(p, "pid", 3) == 0) {
				char *end;
				long pid = strtol(v, &end, 10);

				h->pid = *end == '\0' && pid > 0 ? pid : 0;
			} else if (k == 5 && strncmp(p, "since", 5) == 0) {
				h->since = parse_utc(v);
			}
			free(v);
		}
		p += n;
		p += strspn(p, " \t\r\n");
	}
	if (h->host != NULL) {
		char *me = this_host();

		h->other_host = strcmp(me, h->host) != 0;
		free(me);
	}
	return h->host != NULL && h->pid > 0;
}

/* ---- For people -------------------------------------------------------- */

char *
lock_holder_who(const struct lock_holder *h)
{
	if (h->user != NULL && h->host != NULL)
		return xasprintf("%s on %s", h->user, h->host);
	if (h->user != NULL)
		return xstrdup(h->user);
	if (h->host != NULL)
		return xasprintf("someone on %s", h->host);
	return xstrdup("a planner that left no name");
}

/* "09:12", with " on Wed 4 Nov" when `dated`. */
static char *
when_text(time_t t, bool dated)
{
	struct tm tm;

	localtime_r(&t, &tm);
	if (!dated)
		return xasprintf("%02d:%02d", tm.tm_hour, tm.tm_min);
	return xasprintf("%02d:%02d on %.3s %d %.3s", tm.tm_hour, tm.tm_min,
	                 weekday_name(tm.tm_wday), tm.tm_mday,
	                 month_name(tm.tm_mon + 1));
}

char *
lock_holder_when(const struct lock_holder *h, time_t now)
{
	struct tm a, b;

	if (h->since == 0)
		return NULL;
	localtime_r(&h->since, &a);
	localtime_r(&now, &b);
	return when_text(h->since,
	                 a.tm_year != b.tm_year || a.tm_yday != b.tm_yday);
}

char *
lock_holder_format(const struct lock_holder *h, time_t now)
{
	char *who = lock_holder_who(h), *pid, *since, *ago, *s;

	pid = h->pid > 0 ? xasprintf(" (pid %ld)", h->pid) : xstrdup("");
	since = h->since != 0 ? when_text(h->since, true) : NULL;
	ago = h->since != 0 ? elapsed_ago(h->since, now) : NULL;
	if (since == NULL)
		s = xasprintf("%s%s", who, pid);
	else if (ago == NULL)
		s = xasprintf("%s%s since %s", who, pid, since);
	else
		s = xasprintf("%s%s since %s (%s)", who, pid, since, ago);
	free(who);
	free(pid);
	free(since);
	free(ago);
	return s;
}

/* ---- Taking and leaving ------------------------------------------------ */

/* Our line: "user=amal host=sec-laptop-3 pid=4242 since=...Z\n". */
static char *
our_line(void)
{
	char *user = this_user(), *host = this_host(), *line, stamp[32];
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
	line = xasprintf("user=%s host=%s pid=%ld since=%s\n", user, host,
	                 (long)getpid(), stamp);
	free(user);
	free(host);
	return line;
}

/* Whether fd is still the file at path (nobody removed or replaced it). */
static bool
same_file(int fd, const char *path)
{
	struct stat a, b;

	return fstat(fd, &a) == 0 && stat(path, &b) == 0 &&
	       a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

/*
 * The holder of a lock someone holds: a planner that has just opened the
 * file may not have written its line yet, so give it a moment.
 */
static void
read_live_holder(int fd, struct lock_holder *h)
{
	char buf[LOCK_MAX_TEXT];
	struct timespec pause = {0, 10 * 1000 * 1000};
	int i;

	for (i = 0; i < 50; i++) {
		if (read_text(fd, buf, sizeof buf) && lock_holder_parse(buf, h))
			return;
		nanosleep(&pause, NULL);
	}
}

/* Writes our line over whatever the file held. */
static bool
write_line(int fd, const char *line, const char *path, char **why)
{
	size_t len = strlen(line);

	if (ftruncate(fd, 0) != 0 || pwrite(fd, line, len, 0) != (ssize_t)len ||
	    fsync(fd) != 0) {
		*why = xasprintf("cannot write the lock file %s: %s", path,
		                 strerror(errno != 0 ? errno : EIO));
		return false;
	}
	return true;
}

/* Takes *from into *to, leaving *from empty. */
static void
holder_move(struct lock_holder *to, struct lock_holder *from)
{
	lock_holder_clear(to);
	*to = *from;
	memset(from, 0, sizeof *from);
}

enum lock_state
lock_acquire(const char *dir, bool take_over, struct lock **out,
             struct lock_holder *holder, char **why)
{
	char *path = xasprintf("%s/%s", dir, LOCK_FILE_NAME), *line;
	char buf[LOCK_MAX_TEXT];
	struct lock_holder found = {0};
	bool replaced = false; /* a stale file we could not write, removed */
	int attempt;

	*out = NULL;
	*why = NULL;
	lock_holder_clear(holder);
	/* A pass that does not decide met a file removed or replaced under
	 * it (another planner leaving or taking over): look again. */
	for (attempt = 0; attempt < 8; attempt++) {
		bool created = true, writable = true, locked, named;
		int fd, err;

		fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
		if (fd < 0 && errno == EEXIST) {
			created = false;
			fd = open(path, O_RDWR | O_CLOEXEC | O_NOFOLLOW);
			if (fd < 0 && errno == EACCES) {
				/* Someone else's file we cannot write: we can
				 * still read it, test its flock and, when it
				 * is stale, replace it. */
				writable = false;
				fd = open(path,
				          O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
			}
		}
		if (fd < 0) {
			if (errno == ENOENT && !created)
				continue; /* removed between the two opens */
			*why = xasprintf("cannot %s the lock file %s: %s",
			                 created ? "create" : "open", path,
			                 strerror(errno));
			break;
		}
		locked = flock(fd, LOCK_EX | LOCK_NB) == 0;
		err = errno;
		if (!locked && err == EWOULDBLOCK) {
			read_live_holder(fd, holder);
			lock_holder_clear(&found);
			close(fd);
			free(path);
			return LOCK_HELD;
		}
		/* Other errors (ENOLCK: a network folder without a lock
		 * service) leave only the file's text to go by. */
		if (!same_file(fd, path)) {
			close(fd);
			continue;
		}
		if (!read_text(fd, buf, sizeof buf)) {
			*why = xasprintf("cannot read the lock file %s: %s",
			                 path, strerror(errno));
			close(fd);
			break;
		}
		named = lock_holder_parse(buf, &found);
		if (named && found.other_host && !take_over) {
			close(fd);
			holder_move(holder, &found);
			free(path);
			return LOCK_HELD_ELSEWHERE;
		}
		if (named && !locked && !found.other_host &&
		    machine_process_alive(found.pid) &&
		    found.pid != (long)getpid()) {
			close(fd);
			holder_move(holder, &found);
			free(path);
			return LOCK_HELD;
		}
		/* Stale (the flock is free, so no planner here holds it), or
		 * elsewhere and taken over on request. */
		if (named)
			holder_move(holder, &found);
		if (!writable) {
			if (unlink(path) != 0) {
				*why =
				    xasprintf("cannot replace the stale lock "
				              "file %s: %s",
				              path, strerror(errno));
				close(fd);
				break;
			}
			close(fd);
			replaced = true;
			continue;
		}
		line = our_line();
		if (!write_line(fd, line, path, why)) {
			if (created)
				unlink(path);
			close(fd);
			free(line);
			break;
		}
		*out = xcalloc(1, sizeof **out);
		(*out)->path = path;
		(*out)->line = line;
		(*out)->fd = fd;
		lock_holder_clear(&found);
		/* An empty file nobody holds is one a planner starting at
		 * the same moment has just made (it will find the flock ours)
		 * or one left by a crash before its line was written: either
		 * way there is nobody to report. */
		return (created || buf[0] == '\0') && !replaced
		           ? LOCK_ACQUIRED
		           : LOCK_TAKEN_OVER;
	}
	if (*why == NULL)
		*why = xasprintf("the lock file %s kept changing while dais "
		                 "tried to take it",
		                 path);
	lock_holder_clear(&found);
	lock_holder_clear(holder);
	free(path);
	return LOCK_ERROR;
}

const char *
lock_path(const struct lock *lk)
{
	return lk->path;
}

void
lock_release(struct lock *lk)
{
	char buf[LOCK_MAX_TEXT];

	if (lk == NULL)
		return;
	/* Another machine may have taken it over (rewriting the line) or a
	 * planner here replaced the file: then it is theirs to remove. */
	if (same_file(lk->fd, lk->path) && read_text(lk->fd, buf, sizeof buf) &&
	    strcmp(buf, lk->line) == 0)
		unlink(lk->path);
	close(lk->fd);
	free(lk->path);
	free(lk->line);
	free(lk);
}
