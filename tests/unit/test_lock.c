/*
 * test_lock.c: the .dais-lock of a programme directory (lock.h), with real
 * processes: a child that holds the lock, the same child killed, a file
 * naming another machine, garbage, a race of several planners, and what
 * release leaves behind. A read-only directory is the fault tests' part.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <errno.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "dais/lock.h"
#include "dais/xalloc.h"

struct fixture {
	char dir[64];
	char path[128];
	char host[256];
};

static int
setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);

	snprintf(f->dir, sizeof f->dir, "/tmp/dais-test-lock-XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	snprintf(f->path, sizeof f->path, "%s/%s", f->dir, LOCK_FILE_NAME);
	if (gethostname(f->host, sizeof f->host) != 0)
		return -1;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	unlink(f->path);
	rmdir(f->dir);
	free(f);
	return 0;
}

static char *
slurp(const char *path)
{
	FILE *fp = fopen(path, "r");
	char *buf = xcalloc(1, 2048);

	if (fp == NULL) {
		free(buf);
		return NULL;
	}
	if (fread(buf, 1, 2047, fp) == 0)
		buf[0] = '\0';
	fclose(fp);
	return buf;
}

static void
spit(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

/* The file names this process, on this machine, taken about now. */
static void
assert_ours(const struct fixture *f)
{
	struct lock_holder h = {0};
	char *text = slurp(f->path);
	time_t now = time(NULL);

	assert_non_null(text);
	assert_non_null(strstr(text, "user="));
	assert_int_equal(text[strlen(text) - 1], '\n');
	assert_true(lock_holder_parse(text, &h));
	assert_string_equal(h.host, f->host);
	assert_false(h.other_host);
	assert_int_equal(h.pid, (long)getpid());
	assert_non_null(h.user);
	assert_true(h.since >= now - 5 && h.since <= now + 1);
	lock_holder_clear(&h);
	free(text);
}

static bool
exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

/* ---- One planner --------------------------------------------------------- */

static void
test_acquire_release(void **state)
{
	struct fixture *f = *state;
	struct lock_holder h = {0};
	struct lock *lk;
	struct stat st;
	char *why = NULL;
	mode_t mask = umask(022);

	umask(mask);
	assert_int_equal(lock_acquire(f->dir, false, &lk, &h, &why),
	                 LOCK_ACQUIRED);
	assert_non_null(lk);
	assert_null(why);
	assert_null(h.user);
	assert_string_equal(lock_path(lk), f->path);
	assert_ours(f);
	assert_int_equal(stat(f->path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644 & ~mask);
	lock_release(lk);
	assert_false(exists(f->path));
	lock_release(NULL);
}

/* ---- A live planner, then the same one killed -----------------------------
 */

/* A child that takes the lock, says so on `ready`, and waits to be
 * killed. Returns its pid. */
static pid_t
child_holding(const char *dir)
{
	int ready[2];
	pid_t pid;
	char c = 0;

	assert_int_equal(pipe(ready), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct lock_holder h = {0};
		struct lock *lk;
		char *why = NULL;
		enum lock_state st = lock_acquire(dir, false, &lk, &h, &why);

		c = st == LOCK_ACQUIRED ? 'y' : 'n';
		if (write(ready[1], &c, 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	close(ready[1]);
	assert_int_equal(read(ready[0], &c, 1), 1);
	close(ready[0]);
	assert_int_equal(c, 'y');
	return pid;
}

static void
test_live_then_killed(void **state)
{
	struct fixture *f = *state;
	struct lock_holder h = {0};
	struct lock *lk = NULL;
	char *why = NULL, *before, *after, *text;
	pid_t child = child_holding(f->dir);
	time_t now = time(NULL);
	int status;

	before = slurp(f->path);
	assert_int_equal(lock_acquire(f->dir, false, &lk, &h, &why), LOCK_HELD);
	assert_null(lk);
	assert_int_equal(h.pid, (long)child);
	assert_string_equal(h.host, f->host);
	assert_false(h.other_host);
	assert_non_null(h.user);
	assert_true(h.since >= now - 5 && h.since <= now + 1);
	text = lock_holder_format(&h, now);
	assert_non_null(strstr(text, h.user));
	assert_non_null(strstr(text, f->host));
	assert_non_null(strstr(text, " since "));
	free(text);
	/* A planner known to be running is never taken over. */
	assert_int_equal(lock_acquire(f->dir, true, &lk, &h, &why), LOCK_HELD);
	assert_null(lk);
	after = slurp(f->path);
	assert_string_equal(before, after);
	free(after);

	kill(child, SIGKILL);
	assert_int_equal(waitpid(child, &status, 0), child);
	/* Its file stays; its flock went with it. */
	assert_true(exists(f->path));
	assert_int_equal(lock_acquire(f->dir, false, &lk, &h, &why),
	                 LOCK_TAKEN_OVER);
	assert_non_null(lk);
	assert_int_equal(h.pid, (long)child);
	assert_string_equal(h.host, f->host);
	assert_ours(f);
	lock_release(lk);
	assert_false(exists(f->path));
	lock_holder_clear(&h);
	free(before);
}

/* A lock file naming this machine and a process that no longer exists,
 * left without a flock: stale. */
static void
test_dead_pid(void **state)
{
	struct fixture *f = *state;
	struct lock_holder h = {0};
	struct lock *lk;
	char *why = NULL, line[512];
	pid_t child = fork();

	assert_true(child >= 0);
	if (child == 0)
		_exit(0);
	assert_int_equal(waitpid(child, NULL, 0), child);
	snprintf(line, sizeof line,
	         "user=amal host=%s pid=%ld since=2026-11-04T06:12:09Z\n",
	         f->host, (long)child);
	spit(f->path, line);
	assert_int_equal(lock_acquire(f->dir, false, &lk, &h, &why),
	                 LOCK_TAKEN_OVER);
	assert_string_equal(h.user, "amal");
	assert_int_equal(h.pid, (long)child);
	assert_ours(f);
	lock_release(lk);
	lock_holder_clear(&h);
}

/* ---- Another machine ------------------------------------------------------
 */

static void
test_other_host(void **state)
{
	struct fixture *f = *state;
	struct lock_holder h = {0};
	struct lock *lk = NULL;
	char *why = NULL, *text;
	const char *line = "user=amal host=sec-laptop-3.invalid pid=4242 "
	                   "since=2026-11-04T06:12:09Z\n";

	spit(f->path, line);
	assert_int_equal(lock_acquire(f->dir, false, &lk, &h, &why),
	                 LOCK_HELD_ELSEWHERE);
	assert_null(lk);
	assert_null(why);
	assert_string_equal(h.user, "amal");
	assert_string_equal(h.host, "sec-laptop-3.invalid");
	assert_true(h.other_host);
	assert_int_equal(h.pid, 4242);
	assert_int_equal(h.since, 1793772729); /* 2026-11-04T06:12:09Z */
	text = slurp(f->path);
	assert_string_equal(text, line);
	free(text);
	/* Taken over only when asked. */
	assert_int_equal(lock_acquire(f->dir, true, &lk, &h, &why),
	                 LOCK_TAKEN_OVER);
	assert_non_null(lk);
	assert_string_equal(h.host, "sec-laptop-3.invalid");
	assert_ours(f);
	lock_release(lk);
	assert_false(exists(f->path));
	lock_holder_clear(&h);
}

/* ---- Garbage, an empty file, a directory --------------------------------- */

static void
test_garbage(void **state)
{
	struct fixture *f = *state;
	static const char *const texts[] = {
	    "\x01\xff garbage\n\nnot a lock at all",
	    "user=amal since=yesterday\n", /* no host, no pid */
	    "host=x pid=-3\n",
	};
	struct lock_holder h = {0};
	struct lock *lk;
	char *why = NULL;
	size_t i;

	for (i = 0; i < sizeof texts / sizeof *texts; i++) {
		spit(f->path, texts[i]);
		assert_int_equal(lock_acquire(f->dir, false, &lk, &h, &why),
		                 LOCK_TAKEN_OVER);
		assert_null(h.user);
		assert_null(h.host);
		assert_int_equal(h.pid, 0);
		assert_ours(f);
		lock_release(lk);
		assert_false(exists(f->path));
	}
	/* An empty file: a planner starting at this moment, or one killed
	 * before it wrote; nobody to report. */
	spit(f->path, "");
	assert_int_equal(lock_acquire(f->dir, false, &lk, &h, &why),
	                 LOCK_ACQUIRED);
	assert_ours(f);
	lock_release(lk);
}

static void
test_errors(void **state)
{
	struct fixture *f = *state;
	struct lock_holder h = {0};
	struct lock *lk;
	char *why = NULL, *missing;

	assert_int_equal(mkdir(f->path, 0755), 0);
	assert_int_equal(lock_acquire(f->dir, false, &lk, &h, &why),
	                 LOCK_ERROR);
	assert_null(lk);
	assert_non_null(why);
	assert_non_null(strstr(why, f->path));
	assert_non_null(strstr(why, strerror(EISDIR)));
	free(why);
	rmdir(f->path);

	missing = xasprintf("%s/no-such-dir", f->dir);
	assert_int_equal(lock_acquire(missing, false, &lk, &h, &why),
	                 LOCK_ERROR);
	assert_non_null(strstr(why, missing));
	assert_non_null(strstr(why, strerror(ENOENT)));
	free(why);
	free(missing);
}

/* ---- Release leaves what is not ours --------------------------------------
 */

static void
test_release_not_ours(void **state)
{
	struct fixture *f = *state;
	struct lock_holder h = {0};
	struct lock *lk;
	char *why = NULL, *text;
	const char *theirs = "user=bo host=elsewhere.invalid pid=7 "
	                     "since=2026-11-04T07:00:00Z\n";

	/* Another machine took it over, rewriting the line in place. */
	assert_int_equal(lock_acquire(f->dir, false, &lk, &h, &why),
	                 LOCK_ACQUIRED);
	spit(f->path, theirs);
	lock_release(lk);
	text = slurp(f->path);
	assert_non_null(text);
	assert_string_equal(text, theirs);
	free(text);
	unlink(f->path);

	/* The file was removed and another made in its place. */
	assert_int_equal(lock_acquire(f->dir, false, &lk, &h, &why),
	                 LOCK_ACQUIRED);
	unlink(f->path);
	spit(f->path, theirs);
	lock_release(lk);
	assert_true(exists(f->path));
}

/* ---- Several planners at once ---------------------------------------------
 */

/* Eight processes start together: exactly one gets the lock, the others
 * are told it is held, by the one that got it. */
static void
test_race(void **state)
{
	struct fixture *f = *state;
	enum { N = 8 };
	int go[2], report[2], i, got = 0, held = 0;
	pid_t pids[N];
	char c;

	assert_int_equal(pipe(go), 0);
	assert_int_equal(pipe(report), 0);
	for (i = 0; i < N; i++) {
		pids[i] = fork();
		assert_true(pids[i] >= 0);
		if (pids[i] == 0) {
			struct lock_holder h = {0};
			struct lock *lk;
			char *why = NULL, r;
			enum lock_state st;

			close(go[1]);
			if (read(go[0], &r, 1) != 0) /* EOF: go */
				_exit(1);
			st = lock_acquire(f->dir, false, &lk, &h, &why);
			r = st == LOCK_ACQUIRED ? 'a'
			    : st == LOCK_HELD && h.host != NULL && h.pid > 0 &&
			            h.pid != (long)getpid()
			        ? 'h'
			        : 'x';
			if (write(report[1], &r, 1) != 1)
				_exit(1);
			/* The one that got it holds it until killed. */
			if (st == LOCK_ACQUIRED)
				pause();
			_exit(0);
		}
	}
	close(go[0]);
	close(go[1]);
	for (i = 0; i < N; i++) {
		assert_int_equal(read(report[0], &c, 1), 1);
		if (c == 'a')
			got++;
		else if (c == 'h')
			held++;
	}
	assert_int_equal(got, 1);
	assert_int_equal(held, N - 1);
	for (i = 0; i < N; i++) {
		kill(pids[i], SIGKILL);
		waitpid(pids[i], NULL, 0);
	}
	close(report[0]);
	close(report[1]);
}

/* ---- For people ---------------------------------------------------------- */

static void
test_format(void **state)
{
	struct lock_holder h = {0};
	time_t since = 1793772729; /* 2026-11-04T06:12:09Z: 09:12 in Kuwait */
	char *s;

	(void)state;
	setenv("TZ", "Asia/Kuwait", 1);
	tzset();
	assert_true(lock_holder_parse("user=amal host=sec-laptop-3.invalid "
	                              "pid=4242 since=2026-11-04T06:12:09Z "
	                              "future=kept-quiet",
	                              &h));
	assert_int_equal(h.since, since);
	s = lock_holder_format(&h, since + 2 * 3600 + 5 * 60 + 30);
	assert_string_equal(s, "amal on sec-laptop-3.invalid (pid 4242) "
	                       "since 09:12 on Wed 4 Nov (2 h 5 min ago)");
	free(s);
	s = lock_holder_format(&h, since + 20);
	assert_string_equal(s, "amal on sec-laptop-3.invalid (pid 4242) "
	                       "since 09:12 on Wed 4 Nov (less than a minute "
	                       "ago)");
	free(s);
	/* Another machine's clock ahead of ours: no "ago". */
	s = lock_holder_format(&h, since - 600);
	assert_string_equal(s, "amal on sec-laptop-3.invalid (pid 4242) "
	                       "since 09:12 on Wed 4 Nov");
	free(s);
	s = lock_holder_who(&h);
	assert_string_equal(s, "amal on sec-laptop-3.invalid");
	free(s);
	s = lock_holder_when(&h, since + 3600);
	assert_string_equal(s, "09:12");
	free(s);
	s = lock_holder_when(&h, since + 86400);
	assert_string_equal(s, "09:12 on Wed 4 Nov");
	free(s);
	s = lock_holder_format(&h, since + 3 * 86400);
	assert_non_null(strstr(s, "(3 days ago)"));
	free(s);

	lock_holder_clear(&h);
	assert_null(lock_holder_when(&h, since));
	s = lock_holder_format(&h, since);
	assert_string_equal(s, "a planner that left no name");
	free(s);
	assert_false(lock_holder_parse("user=amal pid=12", &h));
	assert_false(lock_holder_parse("host=a pid=12x", &h));
	assert_true(lock_holder_parse("pid=12\r\nhost=a", &h));
	s = lock_holder_format(&h, since);
	assert_string_equal(s, "someone on a (pid 12)");
	free(s);
	lock_holder_clear(&h);
	unsetenv("TZ");
	tzset();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_acquire_release, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_live_then_killed, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_dead_pid, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_other_host, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_garbage, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_release_not_ours, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_race, setup, teardown),
	    cmocka_unit_test(test_format),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
