/*
 * cmd_open.c: `dais open [DIR]`, also `dais DIR` and plain `dais`: load the
 * programme and run the interactive planner on it (tui.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "dais/journal.h"
#include "dais/tui.h"
#include "dais/xalloc.h"

/* What to do with unsaved edits a planner left: asked, or an option. */
enum journal_choice {
	JOURNAL_ASK,
	JOURNAL_RESTORE,
	JOURNAL_DISCARD,
	JOURNAL_KEEP_ASIDE,
	JOURNAL_QUIT,
};

/* "14:32 on Wed 4 Nov 2026" in the conference's zone. */
static char *
when_text(const struct programme *p, dais_time t)
{
	char hm[DAIS_TIMEBUF], day[DAIS_TIMEBUF];

	time_fmt_hm(hm, &p->conf.zone, t);
	date_fmt_long(day, time_local_date(&p->conf.zone, t));
	return xasprintf("%s on %s", hm, day);
}

/* One answer from the terminal: r, d, k or q (JOURNAL_QUIT at EOF). */
static enum journal_choice
ask_choice(void)
{
	char line[64];

	for (;;) {
		fputs("Restore, discard, keep aside, or quit? [r/d/k/q] ",
		      stderr);
		fflush(stderr);
		if (fgets(line, sizeof line, stdin) == NULL) {
			fputc('\n', stderr);
			return JOURNAL_QUIT;
		}
		switch (line[0]) {
		case 'r':
		case 'R':
			return JOURNAL_RESTORE;
		case 'd':
		case 'D':
			return JOURNAL_DISCARD;
		case 'k':
		case 'K':
			return JOURNAL_KEEP_ASIDE;
		case 'q':
		case 'Q':
			return JOURNAL_QUIT;
		default:
			break;
		}
	}
}

/*
 * Renames the journal aside, says so, and when `pause` waits for Enter
 * (q quits): the planner's screen would hide what was said at once.
 */
static bool
keep_aside(const char *dir, char **note, const char *reason, bool pause)
{
	char *why = NULL, *kept = journal_keep_aside(dir, &why);
	const char *base;
	char line[64];

	if (kept == NULL) {
		fprintf(stderr,
		        "dais: %s; move it away by hand, then open "
		        "the programme again\n",
		        why);
		free(why);
		return false;
	}
	fprintf(stderr, "dais: %s; the journal is kept aside as %s\n", reason,
	        kept);
	base = strrchr(kept, '/') != NULL ? strrchr(kept, '/') + 1 : kept;
	*note = xasprintf("Earlier unsaved edits were kept aside, not "
	                  "restored (%s): %s",
	                  reason, base);
	free(kept);
	if (!pause)
		return true;
	fputs("Press Enter to open the planner, or q and Enter to quit. ",
	      stderr);
	fflush(stderr);
	if (fgets(line, sizeof line, stdin) == NULL ||
	    (line[0] == 'q' || line[0] == 'Q')) {
		free(*note);
		*note = NULL;
		return false;
	}
	return true;
}

/*
 * Unsaved edits of a planner that did not close (DIR/.dais-journal): say
 * how many and from when, and restore, discard or keep them aside, as
 * `choice` says or the user answers. A journal that cannot be replayed
 * (the files changed since, or it is damaged) is only ever kept aside.
 * Returns false when the planner must not open (quit, or an error said).
 * *restore is filled when the edits are to be restored; *note may get a
 * sentence for the planner's status line.
 */
static bool
settle_journal(const char *dir, const struct programme *p,
               enum journal_choice choice, struct journal_found *found,
               bool *restore, char **note)
{
	char *why = NULL, *when, *changed;
	int r = journal_find(dir, found, &why);
	bool ok = true;

	*restore = false;
	if (r == 0)
		return true;
	if (r < 0) {
		char *reason = xasprintf("the recovery journal cannot be "
		                         "read (%s)",
		                         why);

		ok = keep_aside(dir, note, reason, choice == JOURNAL_ASK);
		free(reason);
		free(why);
		return ok;
	}
	if (journal_writer_alive(found)) {
		/* Its journal is live: replacing or moving it would lose
		 * that planner's protection against a crash. */
		fprintf(stderr,
		        "dais: %s is being edited by another planner (%s, "
		        "process %ld on this machine); quit it first, or work "
		        "on a copy\n",
		        dir, found->user ? found->user : "?", found->pid);
		journal_found_free(found);
		return false;
	}
	if (found->nedits == 0) {
		/* Killed before any edit, or right after a save: nothing
		 * that is not in the files. */
		journal_discard(dir, &why);
		free(why);
		journal_found_free(found);
		return true;
	}
	when = when_text(p, journal_last_time(found));
	fprintf(stderr,
	        "dais: %s has unsaved edits from a planner that did not "
	        "close:\n"
	        "  %zu edit%s to %zu session%s by %s on %s, the last at %s"
	        "%s.\n",
	        dir, found->nedits, found->nedits == 1 ? "" : "s",
	        found->nsessions, found->nsessions == 1 ? "" : "s",
	        found->user ? found->user : "?",
	        found->host ? found->host : "?", when,
	        found->torn ? " (an edit cut short as it stopped was never "
	                      "shown, and is left out)"
	                    : "");
	if (found->changed.n > 0) {
		char *reason;

		changed = strlist_join(&found->changed, ", ");
		reason = xasprintf("the files changed since those edits (%s), "
		                   "so they are not replayed onto them",
		                   changed);
		ok = keep_aside(dir, note, reason, choice == JOURNAL_ASK);
		free(reason);
		free(changed);
		free(when);
		journal_found_free(found);
		return ok;
	}
	if (choice == JOURNAL_ASK) {
		fprintf(
		    stderr,
		    "  r  restore them: the planner opens with them, not "
		    "yet saved\n"
		    "  d  discard them for good\n"
		    "  k  keep them aside (.dais-journal-kept-...) and open "
		    "the files as they are\n"
		    "  q  quit, and decide later\n");
		choice = ask_choice();
	}
	free(when);
	switch (choice) {
	case JOURNAL_RESTORE:
		*restore = true;
		return true;
	case JOURNAL_DISCARD:
		journal_found_free(found);
		if (!journal_discard(dir, &why)) {
			fprintf(stderr, "dais: %s\n", why);
			free(why);
			return false;
		}
		fprintf(stderr, "dais: the unsaved edits were discarded\n");
		return true;
	case JOURNAL_KEEP_ASIDE:
		journal_found_free(found);
		return keep_aside(dir, note, "as asked", false);
	case JOURNAL_ASK:
	case JOURNAL_QUIT:
		break;
	}
	journal_found_free(found);
	fprintf(stderr,
	        "dais: nothing changed; the unsaved edits are still "
	        "in %s/%s\n",
	        dir, JOURNAL_NAME);
	return false;
}

int
cmd_open(int argc, char **argv)
{
	const char *dir = NULL;
	struct programme *p;
	struct stat st;
	struct tui_options opts = {0};
	struct journal_found found = {0};
	enum journal_choice choice = JOURNAL_ASK;
	char *why = NULL, *note = NULL, *journal_note = NULL;
	size_t warnings;
	bool restore;
	int i, status;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0 && i + 1 < argc && dir == NULL) {
			dir = argv[++i];
		} else if (strcmp(argv[i], "--restore") == 0) {
			choice = JOURNAL_RESTORE;
		} else if (strcmp(argv[i], "--discard") == 0) {
			choice = JOURNAL_DISCARD;
		} else if (strcmp(argv[i], "--keep-aside") == 0) {
			choice = JOURNAL_KEEP_ASIDE;
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			fprintf(stderr,
			        "dais: open has no option '%s'; 'dais open "
			        "--help' shows its use\n",
			        argv[i]);
			return EXIT_BAD_INPUT;
		} else if (dir == NULL) {
			dir = argv[i];
		} else {
			fprintf(stderr,
			        "dais: open takes one directory, not '%s' "
			        "too\n",
			        argv[i]);
			return EXIT_BAD_INPUT;
		}
	}
	if (dir == NULL)
		dir = cli_default_dir();
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr,
		        "dais: no command or programme directory '%s'; 'dais "
		        "help' lists the commands\n",
		        dir);
		return EXIT_BAD_INPUT;
	}
	/* Load first: what is wrong with the files matters more. */
	p = cli_load_counted(dir, &warnings);
	if (p == NULL)
		return EXIT_BAD_INPUT;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr,
		        "dais: the planner needs a terminal; 'dais check %s' "
		        "reports without one\n",
		        dir);
		programme_free(p);
		return EXIT_BAD_INPUT;
	}
	if (!settle_journal(dir, p, choice, &found, &restore, &journal_note)) {
		programme_free(p);
		return EXIT_CONFLICTS;
	}
	if (journal_note != NULL)
		note = journal_note;
	else if (warnings > 0)
		note = xasprintf("Loaded with %zu warning%s (printed above the "
		                 "planner); 'dais check %s' lists them again.",
		                 warnings, warnings == 1 ? "" : "s", dir);
	opts.note = note;
	opts.restore = restore ? &found : NULL;
	status = tui_run(p, &opts, &why);
	free(note);
	journal_found_free(&found);
	programme_free(p);
	if (status != 0) {
		fprintf(stderr, "dais: %s\n",
		        why != NULL ? why : "the planner failed");
		free(why);
		return EXIT_CONFLICTS;
	}
	return EXIT_CLEAN;
}
