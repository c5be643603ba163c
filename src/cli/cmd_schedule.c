/*
 * cmd_schedule.c: the bilateral requests from the command line: reading
 * requests.ini with its diagnostics (for `dais check` too).
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "dais/requests.h"

bool
cli_load_requests(const struct programme *p, const char *dir,
                  struct request_list *out)
{
	struct diag_list diags = {0};
	bool read = requests_load(p, dir, out, &diags);
	size_t i, errors = diag_count(&diags, DIAG_ERROR);

	for (i = 0; i < diags.n; i++) {
		char *line = diag_format(&diags.v[i]);

		fprintf(stderr, "%s\n", line);
		free(line);
	}
	diag_clear(&diags);
	if (!read || errors > 0) {
		fprintf(stderr,
		        "dais: %s/%s was not loaded: %zu error%s above; fix "
		        "%s and run again\n",
		        dir, REQUESTS_FILE, errors, errors == 1 ? "" : "s",
		        errors == 1 ? "it" : "them");
		return false;
	}
	return true;
}
