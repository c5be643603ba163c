/*
 * sync.h: the planner and the team's CalDAV server (caldav_sync.h): a
 * sync when a programme with a [server] section opens, after each save
 * and on S, in a thread of its own so that a slow or silent server never
 * holds up editing.
 */
#ifndef DAIS_TUI_SYNC_H
#define DAIS_TUI_SYNC_H

#include <stdbool.h>

struct planner;

/*
 * Reads the programme's [server] section and, when there is one, starts
 * the first sync in the background. Without one the planner never syncs
 * (S says how to set one up). A read-only planner does not sync: the one
 * holding the working copy's lock does.
 */
void planner_sync_open(struct planner *pl);
/*
 * Starts a sync now (after a save; on S, with `asked`, which also says
 * why not when it cannot). One already running is followed by another.
 */
void planner_sync_start(struct planner *pl, bool asked);
/*
 * Called by the main loop before each screen: takes in a finished sync.
 * Sessions others changed come in as a reload with the user's unsaved
 * edits put back on top (one undoable edit); a session changed on both
 * sides opens the question that shows both versions. Waits for no layer
 * to be open (a form, a prompt), so nothing the user is typing is closed.
 */
void planner_sync_poll(struct planner *pl);
/* Before a save: waits a second for a running sync, then stops it (it
 * runs again after), and takes in what it brought, so the save never
 * races it for the files nor waits for a slow server. */
void planner_sync_wait(struct planner *pl);
/* Stops a running sync (within about a second) and frees it all. */
void planner_sync_free(struct planner *pl);
/* "synced 09:12", "syncing", "sync failed 09:12" for the status line;
 * NULL when the programme has no server. */
const char *planner_sync_note(const struct planner *pl);

#endif
