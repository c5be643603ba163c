/*
 * fuzz_ics.c: libFuzzer harness for the .ics loader. Each input is read as
 * the one .ics file of a small programme whose registries were loaded once
 * (from memory, as ics_load_file reads a file), then checked across files
 * and for conflicts, as `dais check` does.
 */
#include <libical/ical.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "dais/conflict.h"
#include "dais/ics.h"
#include "dais/registry.h"
#include "ics_internal.h"

static struct programme *prog;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *dir = getenv("DAIS_FUZZ_PROGRAMME");
	struct diag_list d = {0};

	(void)argc;
	(void)argv;
	if (dir == NULL)
		dir = DAIS_FUZZ_PROGRAMME;
	ics_init();
	prog = programme_new();
	/* The conference's zone, days and kinds, its rooms and people: the
	 * loader checks sessions against them. */
	if (!registry_load(prog, dir, &d) || diag_count(&d, DIAG_ERROR) > 0) {
		fprintf(stderr, "fuzz_ics: cannot load the registries of %s\n",
		        dir);
		abort();
	}
	diag_clear(&d);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list d = {0};
	struct conflict_list cl = {0};
	size_t i;

	ics_load_buffer(prog, 0, (const char *)data, size, "fuzz.ics", &d);
	ics_validate(prog, &d);
	/* The conflict engine's output grows with the square of overlapping
	 * sessions (1 000 occurrences of a series: half a million pairs,
	 * seconds under ASan); past a conference-sized count the input is
	 * the loader's, not the engine's. */
	if (prog->nsessions <= 200)
		conflict_check(prog, &cl);
	/* Every message is formatted, as front ends do. */
	for (i = 0; i < d.n; i++)
		free(diag_format(&d.v[i]));
	conflict_list_clear(&cl);
	diag_clear(&d);
	for (i = 0; i < prog->nsessions; i++)
		session_free(&prog->sessions[i]);
	prog->nsessions = 0;
	/* libical's ring of temporary strings outlives the input: freed
	 * here, or every input looks like a leak to libFuzzer, which then
	 * stops the world to search for one. */
	icalmemory_free_ring();
	return 0;
}
