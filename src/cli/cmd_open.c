/*
 * cmd_open.c: `dais open [DIR]`, also `dais DIR` and plain `dais`: load the
 * programme, take its lock (lock.h) or ask how to open it without, settle
 * what a planner that did not close left in its journal (journal.h), and
 * run the interactive planner on it (tui.h).
 */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "dais/journal.h"
#include "dais/lock.h"
#include "dais/published.h"
#include "dais/tui.h"
#include "dais/xalloc.h"

/* Not a key: the terminal gave no answer (end of input, hung up). */
#define ANSWER_EOF (-1)

/*
 * One key from the terminal, without Enter and without echo, lowered;
 * questions go to standard output, which cmd_open has checked is the
 * terminal (standard error may be going to a log). ANSWER_EOF when there is
 * none to read. Keys not in `allowed` ask again, saying "Press <hint>".
 */
static int
ask_key(const char *allowed, const char *hint)
{
	struct termios saved, raw;
	bool restore = tcgetattr(STDIN_FILENO, &saved) == 0;
	unsigned char c;
	int key = ANSWER_EOF;
	ssize_t n;

	if (restore) {
		raw = saved;
		raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
		raw.c_cc[VMIN] = 1;
		raw.c_cc[VTIME] = 0;
		tcsetattr(STDIN_FILENO, TCSANOW, &raw);
	}
	for (;;) {
		n = read(STDIN_FILENO, &c, 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n != 1 || c == 4) /* C-d is an end of input too */
			break;
		c = (unsigned char)tolower(c);
		if (c != '\0' && strchr(allowed, c) != NULL) {
			key = c;
			break;
		}
		printf("\nPress %s: ", hint);
		fflush(stdout);
	}
	if (restore)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved);
	printf("%c\n", key == ANSWER_EOF ? ' ' : key);
	fflush(stdout);
	return key;
}

/* "amal on sec-laptop-3 holds this programme since 09:12", for the
 * planner's read-only sentence. */
static char *
holder_clause(const struct lock_holder *h, time_t now)
{
	char *who = lock_holder_who(h), *when = lock_holder_when(h, now), *s;

	if (when != NULL)
		s = xasprintf("%s holds this programme since %s", who, when);
	else
		s = xasprintf("%s holds this programme", who);
	free(who);
	free(when);
	return s;
}

/* What the planner's status line says first after a take-over. */
static char *
taken_note(const struct lock_holder *h, time_t now)
{
	char *who = lock_holder_who(h), *when = lock_holder_when(h, now), *s;
	char *pid = h->pid > 0 ? xasprintf(" (pid %ld)", h->pid) : xstrdup("");

	if (h->host == NULL)
		s = xstrdup("Took over a stale lock whose file named no "
		            "planner.");
	else if (h->other_host)
		s = xasprintf("Took over the lock from %s%s (another machine), "
		              "as asked; do not save from both.",
		              who, pid);
	else
		s = xasprintf("Took over a stale lock: %s%s%s%s is no longer "
		              "running.",
		              who, pid, when != NULL ? " since " : "",
		              when != NULL ? when : "");
	free(who);
	free(when);
	free(pid);
	return s;
}

/*
 * Takes the lock of dir for the planner, or settles with the user how to
 * open the programme without it: before curses starts, says who holds it
 * and since when, and asks for one key. Returns -1 to go on, with *lk the
 * lock held, or *read_only_why (owned by the caller) the reason to open
 * read-only; *note (owned by the caller) may say that a stale lock was
 * taken over. Otherwise returns the exit status to quit with.
 */
static int
open_lock(const char *dir, bool read_only, bool take_over, struct lock **lk,
          char **read_only_why, char **note)
{
	struct lock_holder h = {0};
	char *why = NULL, *holder;
	time_t now;
	int key;

	*lk = NULL;
	if (read_only) {
		*read_only_why = xstrdup("opened with 'dais open --read-only'");
		return -1;
	}
	for (;;) {
		enum lock_state st = lock_acquire(dir, take_over, lk, &h, &why);

		now = time(NULL);
		holder = lock_holder_format(&h, now);
		switch (st) {
		case LOCK_ACQUIRED:
			free(holder);
			return -1;
		case LOCK_TAKEN_OVER:
			/* Said on the terminal in full (it stays above the
			 * planner), and briefly in the planner's status line.
			 */
			if (h.host == NULL)
				fprintf(stderr,
				        "dais: took over the lock of %s: its "
				        "file named no planner\n",
				        dir);
			else
				fprintf(
				    stderr,
				    "dais: took over the lock of %s from %s, "
				    "%s\n",
				    dir, holder,
				    h.other_host
				        ? "on another machine, as asked"
				        : "no longer running");
			*note = taken_note(&h, now);
			free(holder);
			lock_holder_clear(&h);
			return -1;
		case LOCK_HELD:
			printf("dais: %s is open in another planner:\n"
			       "  %s.\n"
			       "  r  open it read-only (look, search, export, "
			       "print)\n"
			       "  q  quit\n"
			       "Press r or q: ",
			       dir, holder);
			break;
		case LOCK_HELD_ELSEWHERE:
			printf("dais: %s is locked by a planner on another "
			       "machine:\n"
			       "  %s.\n"
			       "It cannot be checked from here, and may still "
			       "be running.\n"
			       "  r  open it read-only (look, search, export, "
			       "print)\n"
			       "  t  take the lock over: only if that planner "
			       "has stopped, or\n"
			       "     two planners saving the same files lose "
			       "each other's edits\n"
			       "  q  quit\n"
			       "Press r, t or q: ",
			       dir, holder);
			break;
		case LOCK_ERROR:
			printf("dais: cannot lock %s:\n"
			       "  %s.\n"
			       "  r  open it read-only (look, search, export, "
			       "print)\n"
			       "  q  quit\n"
			       "Press r or q: ",
			       dir, why);
			break;
		}
		fflush(stdout);
		free(holder);
		key = st == LOCK_HELD_ELSEWHERE ? ask_key("rtq", "r, t or q")
		                                : ask_key("rq", "r or q");
		if (key == 'r') {
			*read_only_why =
			    st == LOCK_ERROR
			        ? xasprintf("%s could not be locked", dir)
			        : holder_clause(&h, now);
		} else if (key == 't') {
			take_over = true;
		} else if (key == ANSWER_EOF) {
			fprintf(stderr,
			        "dais: no answer from the terminal; %s was not "
			        "opened. 'dais open --read-only %s' opens it "
			        "without asking\n",
			        dir, dir);
		}
		free(why);
		why = NULL;
		lock_holder_clear(&h);
		if (key == 'r')
			return -1;
		if (key != 't')
			return EXIT_CONFLICTS;
	}
}

/* What to do with unsaved edits a planner left: asked, or an option. */
enum journal_choice {
	JOURNAL_ASK,
	JOURNAL_RESTORE,
	JOURNAL_DISCARD,
	JOURNAL_KEEP_ASIDE,
	JOURNAL_QUIT,
};

/* One key from the terminal: r, d, k or q (JOURNAL_QUIT at EOF). */
static enum journal_choice
ask_choice(void)
{
	fputs("Restore, discard, keep aside, or quit? [r/d/k/q] ", stdout);
	fflush(stdout);
	switch (ask_key("rdkq", "r, d, k or q")) {
	case 'r':
		return JOURNAL_RESTORE;
	case 'd':
		return JOURNAL_DISCARD;
	case 'k':
		return JOURNAL_KEEP_ASIDE;
	default:
		return JOURNAL_QUIT;
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

	if (kept == NULL) {
		fprintf(stderr,
		        "dais: %s; move it away by hand, then open "
		        "the programme again\n",
		        why);
		free(why);
		return false;
	}
	printf("dais: %s; the journal is kept aside as %s\n", reason, kept);
	base = strrchr(kept, '/') != NULL ? strrchr(kept, '/') + 1 : kept;
	*note = xasprintf("Earlier unsaved edits were kept aside, not "
	                  "restored (%s): %s",
	                  reason, base);
	free(kept);
	if (!pause)
		return true;
	fputs("Press Enter to open the planner, or q to quit. ", stdout);
	fflush(stdout);
	if (ask_key("\nq", "Enter or q") != '\n') {
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
settle_journal(const char *dir, enum journal_choice choice,
               struct journal_found *found, bool *restore, char **note)
{
	char *why = NULL, *changed, *when, *touched;
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
	if (found->nedits == 0 || journal_changes_nothing(found)) {
		/* Killed before any edit, right after a save, or after edits
		 * that were undone: nothing that is not in the files. */
		if (found->nedits > 0)
			printf("dais: the %zu edits of a planner that did not "
			       "close were undone before it stopped: nothing "
			       "to restore\n",
			       found->nedits);
		journal_discard(dir, &why);
		free(why);
		journal_found_free(found);
		return true;
	}
	when = journal_when_text(found);
	touched = journal_touched_text(found);
	printf("dais: %s has unsaved edits from a planner that did not "
	       "close:\n"
	       "  %zu edit%s to %s by %s on %s, the last at %s"
	       "%s.\n",
	       dir, found->nedits, found->nedits == 1 ? "" : "s", touched,
	       found->user ? found->user : "?", found->host ? found->host : "?",
	       when,
	       found->torn ? " (an edit cut short as it stopped was never "
	                     "shown, and is left out)"
	                   : "");
	free(when);
	free(touched);
	if (found->changed.n > 0 && found->replayable) {
		changed = strlist_join(&found->changed, ", ");
		printf("  %s changed on disk since: edits to sessions "
		       "unchanged there are restored; the others are shown "
		       "when you save, with the usual choice.\n",
		       changed);
		free(changed);
	}
	if (!found->replayable) {
		char *reason;

		changed = strlist_join(&found->changed, ", ");
		reason = xasprintf("the files changed since those edits (%s), "
		                   "so they are not replayed onto them",
		                   changed);
		ok = keep_aside(dir, note, reason, choice == JOURNAL_ASK);
		free(reason);
		free(changed);
		journal_found_free(found);
		return ok;
	}
	if (choice == JOURNAL_ASK) {
		printf("  r  restore them: the planner opens with them, not "
		       "yet saved\n"
		       "  d  discard them for good\n"
		       "  k  keep them aside (.dais-journal-kept-...) and open "
		       "the files as they are\n"
		       "  q  quit, and decide later\n");
		choice = ask_choice();
	}
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
		printf("dais: the unsaved edits were discarded\n");
		return true;
	case JOURNAL_KEEP_ASIDE:
		journal_found_free(found);
		return keep_aside(dir, note, "as asked", false);
	case JOURNAL_ASK:
	case JOURNAL_QUIT:
		break;
	}
	journal_found_free(found);
	printf("dais: nothing changed; the unsaved edits are still "
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
	struct lock *lk = NULL;
	enum journal_choice choice = JOURNAL_ASK;
	char *why = NULL, *note = NULL, *journal_note = NULL;
	char *taken = NULL, *read_only_why = NULL, *loaded = NULL;
	size_t warnings;
	bool restore = false, read_only = false, take_over = false;
	int i, status;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0 && i + 1 < argc && dir == NULL) {
			dir = argv[++i];
		} else if (strcmp(argv[i], "--read-only") == 0 ||
		           strcmp(argv[i], "-r") == 0) {
			read_only = true;
		} else if (strcmp(argv[i], "--take-over") == 0 ||
		           strcmp(argv[i], "-t") == 0) {
			take_over = true;
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
	if (read_only && take_over) {
		fprintf(stderr, "dais: open takes --read-only or --take-over, "
		                "not both\n");
		return EXIT_BAD_INPUT;
	}
	if (read_only && choice != JOURNAL_ASK) {
		fprintf(stderr,
		        "dais: --read-only leaves unsaved edits alone; "
		        "--restore, --discard and --keep-aside need the "
		        "programme open for editing\n");
		return EXIT_BAD_INPUT;
	}
	if (dir == NULL)
		dir = cli_default_dir();
	if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
		/* As dais check says it, with the directory to try instead
		 * (the one holding the file, e.g. prog/conference.ini). */
		char *parent = xstrdup(dir), *slash = strrchr(parent, '/');
		char *conf;

		if (slash == NULL)
			strcpy(parent, ".");
		else if (slash == parent)
			slash[1] = '\0';
		else
			*slash = '\0';
		fprintf(stderr,
		        "dais: %s is not a directory: a programme is a "
		        "directory holding conference.ini, venues.ini, "
		        "participants.ini and the .ics files; see "
		        "dais-programme(5)\n",
		        dir);
		conf = xasprintf("%s/conference.ini", parent);
		if (access(conf, F_OK) == 0)
			fprintf(stderr, "dais: did you mean 'dais %s'?\n",
			        parent);
		free(conf);
		free(parent);
		return EXIT_BAD_INPUT;
	}
	if (stat(dir, &st) != 0) {
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
	status =
	    open_lock(dir, read_only, take_over, &lk, &read_only_why, &taken);
	if (status >= 0) {
		programme_free(p);
		return status;
	}
	/* The journal belongs to whoever holds the lock: read-only, it is
	 * left for them. */
	if (read_only_why == NULL &&
	    !settle_journal(dir, choice, &found, &restore, &journal_note)) {
		lock_release(lk);
		free(taken);
		free(journal_note);
		programme_free(p);
		return EXIT_CONFLICTS;
	}
	if (journal_note == NULL && warnings > 0)
		loaded = xasprintf("Loaded with %zu warning%s (printed above "
		                   "the planner); 'dais check %s' lists them "
		                   "again.",
		                   warnings, warnings == 1 ? "" : "s", dir);
	if (journal_note != NULL || loaded != NULL)
		note = xasprintf("%s%s%s", taken != NULL ? taken : "",
		                 taken != NULL ? " " : "",
		                 journal_note != NULL ? journal_note : loaded);
	opts.note = note != NULL ? note : taken;
	opts.read_only_why = read_only_why;
	if (read_only_why == NULL) {
		/* Under the lock no save of dais is under way: what a stopped
		 * one left is garbage. */
		journal_remove_temporaries(p);
		published_remove_leftovers(p->dir);
		if (restore)
			found.left_to_choose = journal_prepare(&found, p);
	}
	opts.restore = restore ? &found : NULL;
	status = tui_run(p, &opts, &why); /* frees p */
	/* After the planner, so that its saves were made under the lock. */
	lock_release(lk);
	free(note);
	free(loaded);
	free(journal_note);
	free(taken);
	free(read_only_why);
	journal_found_free(&found);
	if (status != 0) {
		fprintf(stderr, "dais: %s\n",
		        why != NULL ? why : "the planner failed");
		free(why);
		return EXIT_CONFLICTS;
	}
	return EXIT_CLEAN;
}
