/*
 * fuzz_ini.c: libFuzzer harness for the registry loaders. Built once per
 * file (DAIS_FUZZ_INI is conference.ini, venues.ini or participants.ini):
 * each input becomes that file of a programme directory whose other two
 * files are good ones, and registry_load reads all three.
 */
#include <libical/ical.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dais/registry.h"
#include "dais/xalloc.h"

static char *dir, *target;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
copy_file(const char *from, const char *to)
{
	char buf[8192];
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	size_t n;

	if (in == NULL || out == NULL) {
		fprintf(stderr, "fuzz_ini: cannot copy %s to %s\n", from, to);
		abort();
	}
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		fwrite(buf, 1, n, out);
	fclose(in);
	if (fclose(out) != 0)
		abort();
}

static void
cleanup(void)
{
	static const char *const names[] = {"conference.ini", "venues.ini",
	                                    "participants.ini"};
	size_t i;

	for (i = 0; i < 3; i++) {
		char *path = xasprintf("%s/%s", dir, names[i]);

		unlink(path);
		free(path);
	}
	rmdir(dir);
	free(dir);
	free(target);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const char *const names[] = {"conference.ini", "venues.ini",
	                                    "participants.ini"};
	const char *src = getenv("DAIS_FUZZ_PROGRAMME");
	const char *tmp = getenv("TMPDIR");
	size_t i;

	(void)argc;
	(void)argv;
	if (src == NULL)
		src = DAIS_FUZZ_PROGRAMME;
	dir = xasprintf("%s/dais-fuzz-XXXXXX", tmp != NULL ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL) {
		perror("fuzz_ini: mkdtemp");
		abort();
	}
	/* The other two files stay as the fixture has them. */
	for (i = 0; i < 3; i++) {
		char *from = xasprintf("%s/%s", src, names[i]);
		char *to = xasprintf("%s/%s", dir, names[i]);

		copy_file(from, to);
		free(from);
		free(to);
	}
	target = xasprintf("%s/%s", dir, DAIS_FUZZ_INI);
	atexit(cleanup);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list d = {0};
	struct programme *p;
	FILE *fp = fopen(target, "wb");
	size_t i;

	if (fp == NULL || fwrite(data, 1, size, fp) != size ||
	    fclose(fp) != 0) {
		perror("fuzz_ini: writing the input");
		abort();
	}
	p = programme_new();
	registry_load(p, dir, &d);
	for (i = 0; i < d.n; i++)
		free(diag_format(&d.v[i]));
	diag_clear(&d);
	programme_free(p);
	/* libical's ring of temporary strings outlives the input: freed
	 * here, or every input looks like a leak to libFuzzer, which then
	 * stops the world to search for one. */
	icalmemory_free_ring();
	return 0;
}
