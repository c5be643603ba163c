/*
 * tui.h: the interactive planner (ncursesw): day tabs, the rooms x time
 * grid, the list, the detail pane, participants and conflicts views, forms
 * and pickers, all editing through edit.h. Its settings come from
 * $XDG_CONFIG_HOME/dais/dais.ini (dais(1), CONFIGURATION).
 */
#ifndef DAIS_TUI_H
#define DAIS_TUI_H

#include "dais/model.h"

struct journal_found;

struct tui_options {
	/* Shown in the status line at the start (may be NULL), e.g. that
	 * loading gave warnings, which the terminal's scrollback hides once
	 * the planner draws. */
	const char *note;
	/* NULL: the programme can be edited. Otherwise it is open read-only
	 * and this says why, to follow "Read-only: ", e.g. "amal on
	 * sec-laptop-3 holds this programme since 09:12". The status line
	 * says READ-ONLY; edits, undo, redo and save are refused with the
	 * sentence; search, export and print work; no journal is kept. */
	const char *read_only_why;
	/* Not NULL: the unsaved edits of a planner that did not close
	 * (journal.h), replayed before the first key, as one edit that
	 * undo takes back. */
	const struct journal_found *restore;
};

/*
 * Runs the planner on p (loaded, and trusted: no load errors) until the
 * user quits. tui_run takes p over and frees it before it returns, whatever
 * happens: a reload from disk replaces the programme on the way, so the
 * caller's pointer means nothing afterwards. Returns 0, or 1
 * with *why (owned by the caller) when the terminal could not be used.
 * The locale must already be set (setlocale(LC_ALL, "")). Unless
 * read-only, the planner keeps the recovery journal DIR/.dais-journal
 * (journal.h) from start to end; it removes it when it quits normally
 * and leaves it when the terminal goes away or SIGHUP or SIGTERM ends it.
 */
int tui_run(struct programme *p, const struct tui_options *opts, char **why);

#endif
