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
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "dais/diag.h"
#include "dais/model.h"

struct editor;
struct journal;

/*
 * Saves the programme that `ed` edits (edit.h) into its directory. Only the
 * files that hold changed, new or deleted sessions are rewritten. On
 * success it marks the editor saved. On failure nothing on disk changed for
 * the file that failed, diags says which file and why, and the edits stay
 * in memory so a later save can succeed.
 */
bool programme_save(struct editor *ed, struct diag_list *diags);
/*
 * The same, as one recoverable unit with the planner's journal `j`: the
 * new bytes of every file are made first, then the journal records the
 * save's intent (each file's fingerprint before and after) and forces it
 * to disk, then each file is swapped in (atomicfile_commit_over). A crash
 * at any point leaves each file old or new, and the next planner restores
 * exactly what the screen showed (journal_recovery_plan).
 */
bool programme_save_recoverable(struct editor *ed, struct journal *j,
                                struct diag_list *diags);

/* ---- Files changed by somebody else since dais read them ------------ */

/*
 * programme_save refuses to overwrite a programme file whose bytes are not
 * the ones dais read (p->file_hash). save_analyse says what changed, by
 * session, so that a front end can offer to merge (save_merge), to write
 * the user's version elsewhere (save_copy), or to reload.
 */

enum save_disk_kind {
	SAVE_DISK_MODIFIED, /* in the file then and now, with other content */
	SAVE_DISK_ADDED,    /* in the file now, not when dais read it */
	SAVE_DISK_REMOVED,  /* in the file when dais read it, not now */
};

/* What differs in a modified session (bits of save_session_diff.fields). */
enum {
	SAVE_FIELD_TIME = 1 << 0,   /* start or end */
	SAVE_FIELD_TITLE = 1 << 1,  /* SUMMARY */
	SAVE_FIELD_ROOM = 1 << 2,   /* room id or LOCATION */
	SAVE_FIELD_STATUS = 1 << 3, /* STATUS, or CLASS (closed or not) */
	SAVE_FIELD_PEOPLE = 1 << 4, /* the ATTENDEEs */
	/* description, notes, kind, attendance, languages, SEQUENCE */
	SAVE_FIELD_OTHER = 1 << 5,
};

/* One session that differs between the file as dais read it and now. */
struct save_session_diff {
	char *uid;
	dais_time recurrence_id;
	char *title; /* as dais read it; as on disk now for an added one */
	dais_time start;
	enum save_disk_kind kind;
	unsigned fields; /* SAVE_FIELD_* for a modified one, else 0 */
	/* The user changed, made or deleted this session in dais too... */
	bool yours;
	/* ... and it differs from what the user has: a merge would lose one
	 * side's change. The same change made on both sides is no overlap. */
	bool overlap;
};

enum save_file_state {
	SAVE_FILE_CHANGED,    /* readable, with other bytes than dais read */
	SAVE_FILE_DELETED,    /* gone (deleted or moved away) */
	SAVE_FILE_UNREADABLE, /* not a calendar file any more: see why */
};

/* One programme file that is not what dais read. */
struct save_file_diff {
	int index;  /* into conf.files; -1: a file that appeared in a
	               directory or glob entry (sources.h) since the load */
	char *name; /* the conf.files entry, "programme/plenary.ics" */
	char *path; /* as opened: the directory and name */
	enum save_file_state state;
	/* The hash of the bytes analysed (0 unless SAVE_FILE_CHANGED): a
	 * merge writes only onto exactly these bytes. */
	uint64_t disk_hash;
	/* The file as it is now does not load cleanly (or cannot be read):
	 * the first reason, e.g. "line 40: DTEND before DTSTART ...". */
	char *why;
	bool yours; /* the user has unsaved edits that belong in this file */
	struct save_session_diff *v; /* sorted by UID, recurrence id */
	size_t n;
	size_t overlaps;     /* of v, those with overlap set */
	size_t before_count; /* sessions of the file as dais read it */
};

struct save_analysis {
	struct save_file_diff *files; /* only files that differ, in order */
	size_t n;
};

/*
 * Compares every file of the programme `ed` edits with what dais read: a
 * file whose bytes differ (or that is gone, or replaced by a directory or
 * a file that is no calendar) is parsed as it is now and its
 * sessions compared with their saved state (the state of the last load or
 * save: editor_changes' `saved` for sessions the user changed, the session
 * itself otherwise). Fills *out (the caller frees it with
 * save_analysis_free) and returns out->n, the number of files that differ.
 * A file dais may not read (a permission) is not known to differ and is
 * left to programme_save, which names the cause. Reads; writes nothing.
 */
size_t save_analyse(const struct editor *ed, struct save_analysis *out);
void save_analysis_free(struct save_analysis *a);

/*
 * Whether save_merge can write the user's changes onto the files as they
 * are now: every differing file is readable and loads cleanly, and no
 * session overlaps. When not, *why (may be NULL; owned by the caller) says
 * which file or session stands in the way and what to do.
 */
bool save_can_merge(const struct save_analysis *a, char **why);

/*
 * Saves the user's changes onto the files as `a` saw them: a file that
 * changed on disk is spliced by UID onto its current text, keeping every
 * other session as the other program wrote it. Refused (false, with a
 * diag) when save_can_merge says no, or for a file whose bytes changed
 * again since the analysis. On success the editor is marked saved, but the
 * programme in memory lacks the other side's changes: the caller must load
 * the programme again before editing further. Until it does, files that
 * changed on disk keep their old fingerprint, so a later save is checked
 * again instead of trusting the stale programme.
 */
bool save_merge(struct editor *ed, const struct save_analysis *a,
                struct diag_list *diags);
/* The same, as one recoverable unit with the planner's journal (above). */
bool save_merge_recoverable(struct editor *ed, const struct save_analysis *a,
                            struct journal *j, struct diag_list *diags);

/*
 * Writes the programme as the user sees it in dais into a new directory
 * `to` (it must not exist, or be empty), leaving the originals untouched:
 * venues.ini and participants.ini as dais holds them (the text it read
 * with the unsaved entries made on it, registry_doc), conference.ini and
 * requests.ini copied as they are (dais does not edit them), and every
 * .ics file of conf.files written under its own name:
 *  - a file unchanged on disk: what programme_save would write;
 *  - a file changed on disk: its current text, with every session whose
 *    state in dais differs from the file's made as dais has it. Sessions
 *    that only the other side added are left out: the copy is exactly the
 *    programme on screen (the originals still hold them);
 *  - a file deleted or unreadable: a new calendar with the file's sessions
 *    as dais has them (a warning says that what dais does not read of
 *    them, such as alarms, is not in the copy).
 * Does not mark the editor saved. False with an error in diags when a file
 * cannot be written (the copy may then be incomplete; the message says).
 */
bool save_copy(const struct editor *ed, const char *to,
               struct diag_list *diags);

/*
 * A directory name for save_copy beside the programme directory `dir`:
 * "DIR-mine-20261104T0912" (local time `now`), with "-2", "-3" ... added
 * when that exists. The caller frees it.
 */
char *save_copy_default_dir(const char *dir, time_t now);

#endif
