/*
 * cmd_import_participants.c: `dais import-participants DIR FILE.csv`: the
 * accreditation list into participants.ini (io/import_people.c does the
 * work). This reads the options, holds the programme's lock as the
 * planner does, and reports each row.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "dais/import.h"
#include "dais/lock.h"
#include "dais/xalloc.h"

static int
import_usage(const char *msg)
{
	fprintf(stderr,
	        "dais import-participants: %s\n'dais import-participants "
	        "--help' shows the options\n",
	        msg);
	return EXIT_BAD_INPUT;
}

static void
report(const struct import_result *r, bool dry_run, const char *dir)
{
	static const char *const word[] = {"added", "changed", "unchanged",
	                                   "refused"};
	size_t i, j;

	for (i = 0; i < r->notes.n; i++)
		printf("column \"%s\" is left out: no key of participants.ini "
		       "has that name (--map '%s=KEY' imports it)\n",
		       r->notes.v[i], r->notes.v[i]);
	for (i = 0; i < r->nrows; i++) {
		const struct import_row *x = &r->rows[i];

		printf("line %d: ", x->line);
		if (x->id != NULL)
			printf("[%s] ", x->id);
		printf("%s", word[x->outcome]);
		if (x->detail != NULL)
			printf(": %s", x->detail);
		printf("\n");
		for (j = 0; j < x->warnings.n; j++)
			printf("line %d: warning: %s\n", x->line,
			       x->warnings.v[j]);
	}
	printf("%zu row%s: %zu added, %zu changed, %zu unchanged, %zu "
	       "refused; ",
	       r->nrows, r->nrows == 1 ? "" : "s", r->counts[IMPORT_ADDED],
	       r->counts[IMPORT_CHANGED], r->counts[IMPORT_UNCHANGED],
	       r->counts[IMPORT_REFUSED]);
	if (dry_run)
		printf("dry run: nothing written\n");
	else if (r->written)
		printf("%s/participants.ini written\n", dir);
	else
		printf("%s/participants.ini left as it was\n", dir);
}

int
cmd_import_participants(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"map", required_argument, NULL, 'm'},
	    {"dry-run", no_argument, NULL, 'n'},
	    {"separator", required_argument, NULL, 's'},
	    {NULL, 0, NULL, 0},
	};
	struct import_options o = {0};
	struct import_result r = {0};
	const char **map = xreallocarray(NULL, (size_t)argc + 1, sizeof *map);
	struct lock *lk = NULL;
	enum import_status st;
	int rc;
	char *why = NULL, *conf;
	int ch, status;

	optind = 1;
	while ((ch = getopt_long(argc, argv, ":m:ns:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'm':
			map[o.nmap++] = optarg;
			break;
		case 'n':
			o.dry_run = true;
			break;
		case 's':
			if (strcmp(optarg, ",") == 0 ||
			    strcmp(optarg, ";") == 0)
				o.sep = optarg[0];
			else if (strcmp(optarg, "tab") == 0)
				o.sep = '\t';
			else {
				free(map);
				return import_usage("--separator takes ',', "
				                    "';' or tab");
			}
			break;
		default:
			free(map);
			return cli_option_error("import-participants", ch, argv,
			                        longopts);
		}
	}
	if (argc - optind != 2) {
		free(map);
		return import_usage("write the programme directory and the "
		                    "CSV file: dais import-participants DIR "
		                    "FILE.csv");
	}
	o.dir = argv[optind];
	o.csv = argv[optind + 1];
	o.map = map;
	conf = xasprintf("%s/conference.ini", o.dir);
	if (access(conf, F_OK) != 0) {
		fprintf(stderr,
		        "dais import-participants: %s holds no programme (no "
		        "conference.ini): name a programme directory, or make "
		        "one with dais init\n",
		        o.dir);
		free(conf);
		free(map);
		return EXIT_BAD_INPUT;
	}
	free(conf);
	if (!o.dry_run &&
	    (lk = cli_take_lock("import-participants", o.dir,
	                        "save there and quit it, then import again (or "
	                        "use --dry-run to see what would change)",
	                        &rc)) == NULL) {
		free(map);
		return rc;
	}
	/* A stopped planner's journal replays only onto the registries it
	 * was written against: writing participants.ini now would lose its
	 * edits. */
	if (lk != NULL && cli_journal_in_the_way("import-participants", o.dir,
	                                         "import again")) {
		lock_release(lk);
		free(map);
		return EXIT_CONFLICTS;
	}
	st = import_participants(&o, &r, &why);
	lock_release(lk);
	if (st == IMPORT_BAD_INPUT) {
		fprintf(stderr, "dais import-participants: %s\n", why);
		status = EXIT_BAD_INPUT;
	} else {
		report(&r, o.dry_run, o.dir);
		if (st == IMPORT_NOT_WRITTEN)
			fprintf(stderr, "dais import-participants: %s\n", why);
		status =
		    st == IMPORT_NOT_WRITTEN || r.counts[IMPORT_REFUSED] > 0
		        ? EXIT_CONFLICTS
		        : EXIT_CLEAN;
	}
	free(why);
	free(map);
	import_result_clear(&r);
	return status;
}
