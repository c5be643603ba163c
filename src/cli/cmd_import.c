/*
 * cmd_import.c: `dais import SRC... DIR`: other clients' calendars into
 * the programme in DIR, linked to its rooms and people (import_ics.h),
 * then loaded again through every loader check; refused as a whole (and
 * undone) when that load fails.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "dais/diag.h"
#include "dais/fileread.h"
#include "dais/import_ics.h"
#include "dais/load.h"
#include "dais/xalloc.h"

int
cmd_import(int argc, char **argv)
{
	static const struct option longs[] = {
	    {"dry-run", no_argument, NULL, 'n'},
	    {"name", required_argument, NULL, 'N'},
	    {"timezone", required_argument, NULL, 'z'},
	    {"days", required_argument, NULL, 'd'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0}};
	struct import_ics_result r = {0};
	struct diag_list d = {0};
	struct programme *p, *again;
	bool dry = false;
	char *ini_text, *ini, *why = NULL;
	size_t ini_len, i, events = 0, warnings = 0;
	const char *dir, *name = NULL, *zone = NULL, *days = NULL;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "nN:z:d:h", longs, NULL)) != -1) {
		switch (c) {
		case 'n':
			dry = true;
			break;
		case 'N':
			name = optarg;
			break;
		case 'z':
			zone = optarg;
			break;
		case 'd':
			days = optarg;
			break;
		case 'h':
			cli_print_help(stdout, cli_find("import"));
			return EXIT_CLEAN;
		default:
			cli_print_help(stderr, cli_find("import"));
			return EXIT_BAD_INPUT;
		}
	}
	if (argc - optind < 2) {
		fprintf(stderr,
		        "dais import: name the calendars to take in and "
		        "the programme directory: dais import SRC... "
		        "DIR\n");
		return EXIT_BAD_INPUT;
	}
	dir = argv[argc - 1];
	if ((zone != NULL || days != NULL) && !dry) {
		/* A new programme for the calendars: dais init's own code and
		 * checks (it refuses a directory that holds one). */
		char *init_argv[] = {
		    "init",       (char *)dir,
		    "--name",     (char *)(name ? name : "Imported programme"),
		    "--timezone", (char *)(zone ? zone : ""),
		    "--days",     (char *)(days ? days : ""),
		    NULL};
		int first = optind, rc = cmd_init(8, init_argv);

		if (rc != EXIT_CLEAN)
			return rc;
		optind = first; /* cmd_init ran getopt over its own */
	}
	if ((p = cli_load(dir)) == NULL)
		return EXIT_BAD_INPUT;
	if (!import_ics_read(p, (const char *const *)argv + optind,
	                     (size_t)(argc - optind - 1), &r, &d)) {
		cli_print_diags(&d);
		fprintf(stderr, "dais import: nothing imported\n");
		goto bad;
	}
	cli_print_diags(&d);
	for (i = 0; i < r.report.n; i++)
		printf("%s\n", r.report.v[i]);
	for (i = 0; i < r.n; i++) {
		events += r.v[i].events;
		printf("%s: %zu event%s %s %s\n", r.v[i].source, r.v[i].events,
		       r.v[i].events == 1 ? "" : "s",
		       dry ? "would go to" : "written to", r.v[i].name);
	}
	printf("%zu events; %zu rooms and %zu people linked, %zu not linked, "
	       "%zu UIDs made%s\n",
	       events, r.linked_rooms, r.linked_people, r.unlinked, r.made_uids,
	       dry ? " (dry run: nothing written)" : "");
	if (dry)
		goto done;
	ini = xasprintf("%s/conference.ini", dir);
	ini_text = fileread_all(ini, 1 << 24, &ini_len, &why);
	free(ini);
	if (ini_text == NULL || !import_ics_write(p, &r, &why)) {
		fprintf(stderr, "dais import: %s; nothing imported\n", why);
		free(why);
		free(ini_text);
		import_ics_result_free(&r);
		programme_free(p);
		return EXIT_CONFLICTS;
	}
	/* What was written goes through the loader's checks like any file. */
	if ((again = cli_load_counted(dir, &warnings)) == NULL) {
		import_ics_undo(p, &r, ini_text, ini_len);
		fprintf(stderr, "dais import: the imported calendars do not "
		                "load (above); nothing imported\n");
		free(ini_text);
		goto bad;
	}
	programme_free(again);
	free(ini_text);
done:
	diag_clear(&d);
	import_ics_result_free(&r);
	programme_free(p);
	return EXIT_CLEAN;
bad:
	diag_clear(&d);
	import_ics_result_free(&r);
	programme_free(p);
	return EXIT_BAD_INPUT;
}
