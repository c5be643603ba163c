/*
 * save.h: write an edited programme back to the .ics files its sessions
 * came from. Sessions that did not change are written byte for byte as they
 * were read, so everything dais does not understand survives and a diff
 * shows only the edited sessions. New sessions go to the conference's
 * new-sessions file. Every file is replaced atomically (atomicfile.h).
 */
#ifndef DAIS_SAVE_H
#define DAIS_SAVE_H

#include <stdbool.h>

#include "dais/diag.h"
#include "dais/model.h"

struct editor;

/*
 * Saves the programme that `ed` edits (edit.h) into its directory. Only the
 * files that hold changed, new or deleted sessions are rewritten. On
 * success it marks the editor saved. On failure nothing on disk changed for
 * the file that failed, diags says which file and why, and the edits stay
 * in memory so a later save can succeed.
 */
bool programme_save(struct editor *ed, struct diag_list *diags);

#endif
