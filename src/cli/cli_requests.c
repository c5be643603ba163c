/*
 * cli_requests.c: requests.ini read with its diagnostics on stderr, for
 * `dais check` and `dais schedule`. Apart from cmd_schedule.c so that
 * dais check does not link the scheduler (and its GLPK).
 */
#include <stdio.h>

#include "cli.h"
#include "dais/requests.h"

bool
cli_load_requests(const char *cmd, const struct programme *p, const char *dir,
                  struct request_list *out)
{
	struct diag_list diags = {0};
	bool read = requests_load(p, dir, out, &diags);
	size_t errors = diag_count(&diags, DIAG_ERROR);

	cli_print_diags(&diags);
	diag_clear(&diags);
	if (!read || errors > 0) {
		fprintf(stderr,
		        "dais %s: %s/%s was not loaded: %zu error%s above; "
		        "fix %s and run again\n",
		        cmd, dir, REQUESTS_FILE, errors, errors == 1 ? "" : "s",
		        errors == 1 ? "it" : "them");
		return false;
	}
	return true;
}

size_t
cli_check_requests(const struct programme *p, const char *dir)
{
	struct request_list l = {0};
	struct diag_list diags = {0};
	bool read = requests_load(p, dir, &l, &diags);
	size_t errors = diag_count(&diags, DIAG_ERROR);

	cli_print_diags(&diags);
	diag_clear(&diags);
	request_list_clear(&l);
	if (!read && errors == 0)
		errors = 1;
	if (errors > 0)
		fprintf(stderr,
		        "dais check: %s/%s has %zu error%s above: the "
		        "programme's conflicts are checked without it; fix "
		        "%s before 'dais schedule' or the planner's Requests "
		        "view can use it\n",
		        dir, REQUESTS_FILE, errors, errors == 1 ? "" : "s",
		        errors == 1 ? "it" : "them");
	return errors;
}
