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
#include <time.h>

#include "cli.h"
#include "dais/diag.h"
#include "dais/fileread.h"
#include "dais/import_ics.h"
#include "dais/journal.h"
#include "dais/load.h"
#include "dais/lock.h"
#include "dais/xalloc.h"

/* DIR's lock, as every command that changes a programme takes it: an
 * import under a running planner would change conference.ini beneath it,
 * and that planner's journal would then no longer replay after a crash.
 * NULL after saying why (to stderr). */
static struct lock *
take_lock(const char *dir)
{
	struct lock_holder h = {0};
	struct lock *lk = NULL;
	char *why = NULL, *holder;
	enum lock_state st = lock_acquire(dir, false, &lk, &h, &why);

	holder = lock_holder_format(&h, time(NULL));
	switch (st) {
	case LOCK_ACQUIRED:
	case LOCK_TAKEN_OVER:
		break;
	case LOCK_HELD:
	case LOCK_HELD_ELSEWHERE:
		fprintf(stderr,
		        "dais import: %s is open in a planner (%s): nothing "
		        "was imported; save there and quit it, then import "
		        "again (--dry-run shows what would come in)\n",
		        dir, holder);
		break;
	case LOCK_ERROR:
		fprintf(stderr,
		        "dais import: cannot lock %s: %s; nothing was "
		        "imported\n",
		        dir, why);
		break;
	}
	free(holder);
	free(why);
	lock_holder_clear(&h);
	return lk;
}

/* A planner that stopped with unsaved edits: they are replayed onto the
 * files as they were, so they come first. */
static bool
journal_in_the_way(const char *dir)
{
	struct journal_found f;
	char *why = NULL;
	int r = journal_find(dir, &f, &why);
	bool in_way = false;

	if (r < 0) {
		fprintf(stderr,
		        "dais import: %s; 'dais open %s' keeps it aside. "
		        "Nothing was imported\n",
		        why, dir);
		free(why);
		return true;
	}
	if (r > 0 && f.nedits > 0) {
		fprintf(stderr,
		        "dais import: %s holds %zu unsaved edit%s of a "
		        "planner that stopped: 'dais open %s' restores or "
		        "discards them; then import again. Nothing was "
		        "imported\n",
		        f.path, f.nedits, f.nedits == 1 ? "" : "s", dir);
		in_way = true;
	}
	journal_found_free(&f);
	return in_way;
}

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
	struct lock *lk = NULL;
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
	if (!dry) {
		if ((lk = take_lock(dir)) == NULL)
			return EXIT_CONFLICTS;
		if (journal_in_the_way(dir)) {
			lock_release(lk);
			return EXIT_CONFLICTS;
		}
	}
	if ((p = cli_load(dir)) == NULL) {
		lock_release(lk);
		return EXIT_BAD_INPUT;
	}
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
	       "%zu declined, %zu UIDs made%s\n",
	       events, r.linked_rooms, r.linked_people, r.unlinked, r.declined,
	       r.made_uids, dry ? " (dry run: nothing written)" : "");
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
		lock_release(lk);
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
	lock_release(lk);
	return EXIT_CLEAN;
bad:
	diag_clear(&d);
	import_ics_result_free(&r);
	programme_free(p);
	lock_release(lk);
	return EXIT_BAD_INPUT;
}
