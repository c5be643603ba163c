/*
 * tui.h: the interactive planner (ncursesw): day tabs, the rooms x time
 * grid, the list, the detail pane, participants and conflicts views, forms
 * and pickers, all editing through edit.h. Its settings come from
 * $XDG_CONFIG_HOME/dais/dais.ini (dais(1), CONFIGURATION).
 */
#ifndef DAIS_TUI_H
#define DAIS_TUI_H

#include "dais/model.h"

/*
 * Runs the planner on p (loaded, and trusted: no load errors) until the
 * user quits; p may have been changed and saved by then. Returns 0, or 1
 * with *why (owned by the caller) when the terminal could not be used.
 * The locale must already be set (setlocale(LC_ALL, "")). `note` (may be
 * NULL) is shown in the status line at the start, e.g. that loading gave
 * warnings, which the terminal's scrollback hides once the planner draws.
 */
int tui_run(struct programme *p, const char *note, char **why);

#endif
