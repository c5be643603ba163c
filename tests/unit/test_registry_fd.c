/*
 * test_registry_fd.c: a registry INI file read with file descriptors
 * nearly used up. iniparser reads a path, so registry_ini.c hands it each
 * run of sections through a memfd named by /proc/self/fd/N; when that
 * name cannot be opened the file is read by its own path instead. Here
 * RLIMIT_NOFILE leaves one descriptor free: memfd_create takes it, opening
 * /proc/self/fd/N fails with EMFILE, and the file (its own descriptor
 * closed by then) still opens by path. The file must load, values and
 * all, with no diagnostic.
 */
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cmocka.h>
#include <dlfcn.h>
#include <errno.h>

#include "dais/xalloc.h"
#include "helpers.h"
#include "registry_ini.h"

static const char venues[] = "[room.hall]\n"
                             "name = Hall\n"
                             "capacity = 120\n"
                             "\n"
                             "[room.annex]\n"
                             "name = \"The Annex\"\n";

static char dir[] = "/tmp/dais-registry-fd-XXXXXX";
static char *path;

static int
setup(void **state)
{
	FILE *f;

	(void)state;
	if (mkdtemp(dir) == NULL)
		return -1;
	path = xasprintf("%s/venues.ini", dir);
	f = fopen(path, "wb");
	if (f == NULL)
		return -1;
	fputs(venues, f);
	return fclose(f);
}

static int
teardown(void **state)
{
	(void)state;
	unlink(path);
	free(path);
	return rmdir(dir);
}

/* The file is read with both its rooms' values and no diagnostic. */
static void
load_and_check(void)
{
	struct diag_list d = {0};
	const struct ini_section *s;
	struct ini_file f;
	bool ok;

	ok = ini_open_path(&f, path, "the rooms", &d);
	helper_print_diags(&d);
	assert_true(ok);
	assert_int_equal(d.n, 0);
	s = ini_section(&f, "room.hall");
	assert_non_null(s);
	assert_string_equal(ini_value(&f, s, "name", NULL), "Hall");
	assert_string_equal(ini_value(&f, s, "capacity", NULL), "120");
	s = ini_section(&f, "room.annex");
	assert_non_null(s);
	assert_string_equal(ini_value(&f, s, "name", NULL), "The Annex");
	ini_close(&f);
	diag_clear(&d);
}

/* Runs load_and_check with one descriptor free, then lifts the limit. */
static void
load_with_one_fd(void)
{
	struct rlimit old, low;
	int fd;

	assert_int_equal(getrlimit(RLIMIT_NOFILE, &old), 0);
	/* The lowest free descriptor: memfd_create will take it. */
	fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	assert_true(fd >= 0);
	close(fd);
	low = old;
	low.rlim_cur = (rlim_t)fd + 1;
	assert_int_equal(setrlimit(RLIMIT_NOFILE, &low), 0);
	/* Check the set-up: the one descriptor is there, no second. */
	fd = memfd_create("probe", MFD_CLOEXEC);
	assert_true(fd >= 0);
	assert_int_equal(open("/dev/null", O_RDONLY | O_CLOEXEC), -1);
	close(fd);
	load_and_check();
	assert_int_equal(setrlimit(RLIMIT_NOFILE, &old), 0);
}

/* The first file of the process read with one descriptor free. */
static void
test_first_load(void **state)
{
	(void)state;
	load_with_one_fd();
}

/*
 * A long-running process (the planner) whose descriptors run short after
 * it has read a file: the next file still loads, with no "cannot open
 * /proc/self/fd/N" message.
 */
static void
test_later_load(void **state)
{
	(void)state;
	load_and_check();
	load_with_one_fd();
	load_and_check();
}

/*
 * iniparser's fopen: while fail_proc_at is above 0, the fail_proc_at-th
 * /proc/self/fd name it opens fails with EMFILE (its later runs open);
 * then, when rewrite_path is set, that file is rewritten with
 * rewrite_text, as another program saving it at that moment would.
 */
static int fail_proc_at;
static const char *rewrite_path, *rewrite_text;

/* Named fopen by its symbol: the headers turn the name into fopen64 under
 * _FILE_OFFSET_BITS=64, and iniparser calls fopen. */
FILE *iniparser_fopen(const char *name, const char *mode) __asm__("fopen");

FILE *
iniparser_fopen(const char *name, const char *mode)
{
	static FILE *(*real)(const char *, const char *);

	if (real == NULL)
		*(void **)&real = dlsym(RTLD_NEXT, "fopen");
	if (fail_proc_at > 0 && strncmp(name, "/proc/self/fd/", 14) == 0 &&
	    --fail_proc_at == 0) {
		if (rewrite_path != NULL) {
			FILE *out = real(rewrite_path, "wb");

			assert_non_null(out);
			fputs(rewrite_text, out);
			assert_int_equal(fclose(out), 0);
			rewrite_path = NULL;
		}
		errno = EMFILE;
		return NULL;
	}
	return real(name, mode);
}

/*
 * The text of 200 rooms, [room.r000] to [room.r199], each named word, its
 * number and pad bytes of c ("Room 7 xxx..."), with a capacity of its
 * number and one when capacity is set.
 */
static char *
rooms_text(const char *word, char c, size_t pad, bool capacity)
{
	struct helper_buf b = {0};
	char *tail = xmalloc(pad + 2);
	int i;

	tail[0] = ' ';
	memset(tail + 1, c, pad);
	tail[pad + 1] = '\0';
	for (i = 0; i < 200; i++) {
		char *room = xasprintf("[room.r%03d]\nname = %s %d%s\n", i,
		                       word, i, pad > 0 ? tail : "");

		helper_buf_add(&b, room, strlen(room));
		free(room);
		if (capacity) {
			room = xasprintf("capacity = %d\n", i + 1);
			helper_buf_add(&b, room, strlen(room));
			free(room);
		}
	}
	free(tail);
	return b.v;
}

/* f holds the rooms of rooms_text(word, c, pad, capacity), no other. */
static void
assert_rooms(const struct ini_file *f, const char *word, char c, size_t pad,
             bool capacity)
{
	char *text = rooms_text(word, c, pad, capacity);
	int i;

	for (i = 0; i < 200; i++) {
		char name[32], *want;
		const struct ini_section *s;

		snprintf(name, sizeof name, "room.r%03d", i);
		s = ini_section(f, name);
		assert_non_null(s);
		/* The name's line as rooms_text wrote it. */
		want = strstr(text, name) + strlen(name) + strlen("]\nname = ");
		*strchr(want, '\n') = '\0';
		assert_string_equal(ini_value(f, s, "name", NULL), want);
		want[strlen(want)] = '\n';
		if (capacity) {
			snprintf(name, sizeof name, "%d", i + 1);
			assert_string_equal(ini_value(f, s, "capacity", NULL),
			                    name);
		}
	}
	free(text);
}

/*
 * The second run of sections cannot be opened, the first having been
 * read: the whole file is read again, each value kept once (the values
 * block is sized for one reading: values this long, kept twice, would
 * overflow it).
 */
static void
test_later_run(void **state)
{
	char *p = xasprintf("%s/many.ini", dir),
	     *text = rooms_text("Room", 'x', 300, true);
	struct diag_list d = {0};
	struct ini_file f;

	(void)state;
	helper_spill_text(p, text);
	fail_proc_at = 2;
	assert_true(ini_open_path(&f, p, "the rooms", &d));
	helper_print_diags(&d);
	assert_int_equal(fail_proc_at, 0);
	assert_int_equal(d.n, 0);
	assert_rooms(&f, "Room", 'x', 300, true);
	ini_close(&f);
	diag_clear(&d);
	unlink(p);
	free(p);
	free(text);
}

/*
 * The file is saved again, longer and with other values, between dais
 * reading it and iniparser's runs, and a run cannot be opened: dais keeps
 * the values of the text it read and checked, and does not overflow the
 * block sized for it (it read the file again by its path before, and
 * aborted with "INI values overflow their block").
 */
static void
test_changed_meanwhile(void **state)
{
	char *p = xasprintf("%s/changed.ini", dir),
	     *text = rooms_text("Room", 'y', 0, false),
	     *longer = rooms_text("Other", 'y', 2000, false);
	struct diag_list d = {0};
	struct ini_file f;

	(void)state;
	helper_spill_text(p, text);
	rewrite_path = p;
	rewrite_text = longer;
	fail_proc_at = 2;
	assert_true(ini_open_path(&f, p, "the rooms", &d));
	helper_print_diags(&d);
	assert_int_equal(fail_proc_at, 0);
	assert_null(rewrite_path);
	assert_int_equal(d.n, 0);
	assert_rooms(&f, "Room", 'y', 0, false);
	ini_close(&f);
	diag_clear(&d);
	unlink(p);
	free(p);
	free(text);
	free(longer);
}

/* No /proc/self/fd name opens and no temporary file can be made: the file
 * is refused with a message that says what to do, not read by its path. */
static void
test_no_copy(void **state)
{
	struct diag_list d = {0};
	struct ini_file f;
	char *msg;

	(void)state;
	assert_int_equal(setenv("TMPDIR", "/nonexistent-dais-tmp", 1), 0);
	fail_proc_at = 1;
	assert_false(ini_open_path(&f, path, "the rooms", &d));
	assert_int_equal(unsetenv("TMPDIR"), 0);
	assert_int_equal(d.n, 1);
	msg = diag_format(&d.v[0]);
	assert_non_null(strstr(msg, "no temporary file in "
	                            "/nonexistent-dais-tmp"));
	assert_non_null(strstr(msg, "set TMPDIR to a writable directory"));
	free(msg);
	ini_close(&f);
	diag_clear(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_first_load),
	    cmocka_unit_test(test_later_load),
	    cmocka_unit_test(test_later_run),
	    cmocka_unit_test(test_changed_meanwhile),
	    cmocka_unit_test(test_no_copy),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
