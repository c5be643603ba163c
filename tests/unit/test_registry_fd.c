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

#include "dais/xalloc.h"
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

static void
print_diags(const struct diag_list *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		char *s = diag_format(&d->v[i]);

		print_message("  %s\n", s);
		free(s);
	}
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
	print_diags(&d);
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_first_load),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
