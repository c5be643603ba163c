/*
 * cli_lock.c: the programme's lock and a stopped planner's journal, as
 * every command that writes a programme takes them (schedule, import,
 * import-participants, sync): one wording, one set of cases.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli.h"
#include "dais/journal.h"
#include "dais/lock.h"

struct lock *
cli_take_lock(const char *cmd, const char *dir, const char *advice,
              int *exit_code)
{
	struct lock_holder h = {0};
	struct lock *lk = NULL;
	char *why = NULL, *who;
	const char *bad = NULL;
	struct stat st;

	/* A mistyped directory is bad input, said as a load says it, not a
	 * lock file that cannot be made. */
	if (stat(dir, &st) != 0)
		bad = strerror(errno);
	else if (!S_ISDIR(st.st_mode))
		bad = "not a directory";
	if (bad != NULL) {
		fprintf(
		    stderr,
		    "dais %s: %s: cannot open the programme directory (%s): "
		    "a programme is a directory holding conference.ini, "
		    "venues.ini, participants.ini and the .ics files; see "
		    "dais-programme(5). Nothing was changed\n",
		    cmd, dir, bad);
		*exit_code = EXIT_BAD_INPUT;
		return NULL;
	}
	switch (lock_acquire(dir, false, &lk, &h, &why)) {
	case LOCK_ACQUIRED:
	case LOCK_TAKEN_OVER:
		break;
	case LOCK_HELD:
	case LOCK_HELD_ELSEWHERE:
		who = lock_holder_format(&h, time(NULL));
		fprintf(stderr, "dais %s: %s is open in a planner (%s): %s\n",
		        cmd, dir, who, advice);
		free(who);
		break;
	case LOCK_ERROR:
		fprintf(stderr,
		        "dais %s: cannot lock %s: %s; nothing was changed\n",
		        cmd, dir, why);
		break;
	}
	lock_holder_clear(&h);
	free(why);
	if (lk == NULL)
		*exit_code = EXIT_CONFLICTS;
	return lk;
}

bool
cli_journal_in_the_way(const char *cmd, const char *dir, const char *again)
{
	struct journal_found f;
	char *why = NULL;
	int r = journal_find(dir, &f, &why);
	bool in_way = false;

	if (r < 0) {
		fprintf(stderr,
		        "dais %s: %s; 'dais open %s' keeps it aside. Nothing "
		        "was changed\n",
		        cmd, why, dir);
		free(why);
		return true;
	}
	if (r > 0 && f.nedits > 0 && journal_changes_nothing(&f)) {
		/* Edits undone before the planner stopped (the caller holds
		 * the lock, so it has): nothing to keep. */
		if (!journal_discard(dir, &why)) {
			fprintf(stderr, "dais %s: %s. Nothing was changed\n",
			        cmd, why);
			free(why);
			in_way = true;
		}
	} else if (r > 0 && f.nedits > 0) {
		fprintf(stderr,
		        "dais %s: %s holds %zu unsaved edit%s of a planner "
		        "that stopped: 'dais open %s' restores or discards "
		        "them; then %s. Nothing was changed\n",
		        cmd, f.path, f.nedits, f.nedits == 1 ? "" : "s", dir,
		        again);
		in_way = true;
	}
	journal_found_free(&f);
	return in_way;
}
