/*
 * test_shared_io.c: the shared pieces of io: reading regular files only
 * (a FIFO, a device or a directory is refused at once, never waited on),
 * process liveness (a zombie is not alive), SOURCE_DATE_EPOCH.
 */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "dais/fileread.h"
#include "dais/machine.h"
#include "dais/source_date.h"

static char dir[] = "/tmp/dais-shared-io-XXXXXX";

static char *
in_dir(const char *name)
{
	static char path[256];

	snprintf(path, sizeof path, "%s/%s", dir, name);
	return path;
}

static void
expect_refused(const char *path, const char *clause, int err)
{
	char *why = NULL;
	size_t len = 7;
	char *text;

	alarm(5); /* a hang fails the test instead of stalling the suite */
	text = fileread_all(path, 0, &len, &why);
	alarm(0);
	assert_null(text);
	assert_int_equal(errno, err);
	assert_non_null(why);
	assert_non_null(strstr(why, clause));
	assert_int_equal(len, 0);
	free(why);
}

static void
test_regular_only(void **state)
{
	char *why = NULL, *text;
	size_t len;
	FILE *f;

	(void)state;
	f = fopen(in_dir("plain.ics"), "w");
	assert_non_null(f);
	fputs("BEGIN:VCALENDAR\r\n", f);
	fclose(f);
	text = fileread_all(in_dir("plain.ics"), 0, &len, &why);
	assert_non_null(text);
	assert_null(why);
	assert_int_equal(len, 17);
	assert_string_equal(text, "BEGIN:VCALENDAR\r\n");
	free(text);
	/* Over the limit. */
	assert_null(fileread_all(in_dir("plain.ics"), 10, &len, &why));
	assert_int_equal(errno, EFBIG);
	free(why);

	assert_int_equal(mkfifo(in_dir("fifo.ics"), 0600), 0);
	expect_refused(in_dir("fifo.ics"),
	               "it is a FIFO (named pipe), not a regular file", EINVAL);
	assert_int_equal(symlink("fifo.ics", in_dir("link.ics")), 0);
	expect_refused(in_dir("link.ics"),
	               "it is a symbolic link to a FIFO (named pipe)", EINVAL);
	expect_refused("/dev/zero", "it is a character device", EINVAL);
	expect_refused("/dev/urandom", "it is a character device", EINVAL);
	expect_refused(dir, "it is a directory", EISDIR);
	expect_refused(in_dir("missing.ics"), strerror(ENOENT), ENOENT);

	alarm(5);
	assert_null(fileread_fopen(in_dir("fifo.ics"), NULL));
	alarm(0);
	f = fileread_fopen(in_dir("plain.ics"), &why);
	assert_non_null(f);
	assert_int_equal(fgetc(f), 'B');
	fclose(f);
	unlink(in_dir("link.ics"));
	unlink(in_dir("fifo.ics"));
	unlink(in_dir("plain.ics"));
}

static void
test_process_alive(void **state)
{
	pid_t child;
	int status;

	(void)state;
	assert_true(machine_process_alive((long)getpid()));
	assert_false(machine_process_alive(0));
	assert_false(machine_process_alive(-5));
	child = fork();
	assert_true(child >= 0);
	if (child == 0)
		_exit(0);
	/* Not reaped yet: a zombie, which holds nothing. */
	for (int i = 0; i < 500; i++) {
		if (!machine_process_alive((long)child))
			break;
		usleep(10000);
	}
	assert_false(machine_process_alive((long)child));
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_false(machine_process_alive((long)child));
}

static void
test_home(void **state)
{
	char *s;

	(void)state;
	setenv("HOME", "/home/amal", 1);
	s = machine_expand_home("  ~/exports");
	assert_string_equal(s, "/home/amal/exports");
	free(s);
	s = machine_expand_home("~");
	assert_string_equal(s, "/home/amal");
	free(s);
	s = machine_expand_home("~other/x");
	assert_string_equal(s, "~other/x");
	free(s);
	s = machine_user();
	assert_true(strlen(s) > 0);
	free(s);
	s = machine_host();
	assert_true(strlen(s) > 0);
	free(s);
}

static void
test_source_date(void **state)
{
	dais_time t;
	char *why = NULL;

	(void)state;
	setenv("SOURCE_DATE_EPOCH", "1793779200", 1);
	assert_true(source_date_now(&t, &why));
	assert_int_equal(t, 1793779200);
	unsetenv("SOURCE_DATE_EPOCH");
	assert_true(source_date_now(&t, &why));
	assert_true(t > 1700000000);
	const char *bad[] = {"-5",          "12abc", " 12",
	                     "+12",         "1e9",   "99999999999999999999",
	                     "253402300800"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		setenv("SOURCE_DATE_EPOCH", bad[i], 1);
		why = NULL;
		assert_false(source_date_now(&t, &why));
		assert_non_null(why);
		assert_non_null(strstr(why, bad[i]));
		assert_true(t > 1700000000); /* the clock, for who goes on */
		free(why);
	}
	unsetenv("SOURCE_DATE_EPOCH");
}

static int
setup(void **state)
{
	(void)state;
	return mkdtemp(dir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	(void)state;
	return rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_regular_only),
	    cmocka_unit_test(test_process_alive),
	    cmocka_unit_test(test_home),
	    cmocka_unit_test(test_source_date),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
