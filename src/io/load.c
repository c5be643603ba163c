/*
 * load.c: a programme directory in the order that lets each step check the
 * last: registries first (rooms and people must exist to check sessions),
 * then the .ics files, then checks across files.
 */
#include "dais/load.h"

#include <stdlib.h>

#include "dais/filehash.h"
#include "dais/ics.h"
#include "dais/registry.h"
#include "dais/xalloc.h"

struct programme *
programme_load(const char *dir, struct diag_list *diags)
{
	struct programme *p = programme_new();
	size_t i;

	p->dir = xstrdup(dir);
	ics_init();
	if (!registry_load(p, dir, diags))
		return p;
	p->file_hash = xcalloc(p->conf.files.n + 1, sizeof *p->file_hash);
	for (i = 0; i < p->conf.files.n; i++) {
		char *path = xasprintf("%s/%s", dir, p->conf.files.v[i]);

		/* Before parsing, so a change made during the load shows. */
		filehash_path(path, &p->file_hash[i]);
		ics_load_file(p, (int)i, path, path, diags);
		free(path);
	}
	ics_validate(p, diags);
	return p;
}
