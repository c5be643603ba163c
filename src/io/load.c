/*
 * load.c: a programme directory in the order that lets each step check the
 * last: registries first (rooms and people must exist to check sessions),
 * then the .ics files, then checks across files.
 */
#include "dais/load.h"

#include <stdint.h>
#include <stdlib.h>

#include <sys/stat.h>

#include "dais/arena.h"
#include "dais/ics.h"
#include "dais/registry.h"
#include "dais/xalloc.h"

/* A VEVENT as written by dais or a calendar program takes some 300 bytes
 * and more (the generated benchmark programmes' take 600): an estimate on
 * the low side of the size of one, so the estimate of their number is on
 * the high side. */
#define ICS_BYTES_PER_SESSION 256

/* The sessions' texts and attendee lists kept in the programme's store
 * (arena.h) take about a third of the bytes of the VEVENTs they come from
 * (1.8 MiB of 5.7 at 10 000 generated sessions): a file of a few MiB
 * fills huge pages from the start. */
#define ICS_BYTES_PER_STORED 3

/*
 * Sizes the sessions array from the .ics files' sizes before they are
 * read: doubling it as they come copied it each time, and a larger one
 * than needed costs only address space (xbulk_alloc: pages not written
 * are never taken). Recurring sessions may still make it grow.
 */
static void
reserve_sessions(struct programme *p, const char *dir)
{
	size_t i, bytes = 0;
	struct stat st;

	for (i = 0; i < p->conf.files.n; i++) {
		char *path = xasprintf("%s/%s", dir, p->conf.files.v[i]);

		if (stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
		    (uintmax_t)st.st_size < SIZE_MAX - bytes)
			bytes += (size_t)st.st_size;
		free(path);
	}
	programme_reserve_sessions(p, bytes / ICS_BYTES_PER_SESSION);
	arena_expect(programme_store(p), bytes / ICS_BYTES_PER_STORED);
}

struct programme *
programme_load(const char *dir, struct diag_list *diags)
{
	struct programme *p = programme_new();
	size_t i;

	p->dir = xstrdup(dir);
	xalloc_tune_for_load();
	ics_init();
	if (!registry_load(p, dir, diags))
		return p;
	p->file_hash = xcalloc(p->conf.files.n + 1, sizeof *p->file_hash);
	reserve_sessions(p, dir);
	for (i = 0; i < p->conf.files.n; i++) {
		char *path = xasprintf("%s/%s", dir, p->conf.files.v[i]);

		/* The fingerprint of the very bytes parsed, taken as they are
		 * read (no second reading of the file): a change made during
		 * or after the load differs from it when the save compares. */
		ics_load_file_hashed(p, (int)i, path, path, diags,
		                     &p->file_hash[i]);
		free(path);
	}
	ics_validate(p, diags);
	/* A client's UID of 110 hex digits says nothing to an organiser. */
	diag_name_sessions(diags, p);
	return p;
}
