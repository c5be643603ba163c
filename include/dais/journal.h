/*
 * journal.h: the recovery journal. While a planner edits a programme, each
 * edit is appended to DIR/.dais-journal and forced to disk (fdatasync)
 * before the screen shows it, so a planner that dies with unsaved edits
 * (SIGKILL, power loss, a closed SSH session) loses none of them: the next
 * planner on DIR finds the journal and offers to restore the edits, to
 * discard them or to keep them aside.
 *
 * The journal records states, not operations: for each edit, every session
 * it touched as it was afterwards, or that it was gone. Replaying them in
 * order onto the programme as loaded from the files gives exactly the
 * programme that was on screen, whatever the edits were (a form, an undo,
 * a drag). The journal starts with a fingerprint (filehash.h) of every file
 * the programme was read from, and the first record of each session also
 * holds its state in those files. Before a save writes anything, the
 * journal records the save's intent: each file's fingerprint before and
 * after. So after a crash, even in the middle of a save, recovery goes
 * file by file (journal_prepare): a file as the journal found it gets its
 * edits replayed, a file that already holds what the save was writing is
 * saved, and in a file somebody else changed, each session unchanged
 * there is replayed and the rest are left for the same choice as a file
 * changed on disk at save (save_analyse). After each save the journal
 * starts again from the files as written, so it only ever holds what is
 * not on disk.
 *
 * The format is text, described in journal.c and dais-programme(5).
 */
#ifndef DAIS_JOURNAL_H
#define DAIS_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dais/dtime.h"
#include "dais/edit.h"
#include "dais/model.h"
#include "dais/registry_field.h"

/* The journal's name in the programme directory. */
#define JOURNAL_NAME ".dais-journal"

/* ---- Writing, while a planner edits ---------------------------------- */

struct journal;

/*
 * Starts DIR/.dais-journal for the programme that `ed` edits, replacing
 * any journal there (atomically): the fingerprints of the files as last
 * read or written, then, when the editor has unsaved changes (after a
 * restore, or a save that failed for some files), one record holding them.
 * NULL with *why (the caller frees it) when the file cannot be written.
 */
struct journal *journal_start(const struct editor *ed, char **why);
/*
 * Appends the edit an editor callback reports, and forces it to disk.
 * False with *why when it could not be written; the journal is then
 * rewritten whole (journal_start) at the next append, so one failure
 * does not leave a gap.
 */
bool journal_append(struct journal *j, const struct editor *ed,
                    const struct edit_event *ev, char **why);
/* One file a save is about to write. */
struct journal_saving {
	const char *name;       /* the conf.files entry */
	uint64_t before, after; /* fingerprints (0: the file does not exist) */
};
/*
 * Records that a save is about to write these files, and forces it to
 * disk, before the first is written (programme_save_recoverable). False
 * with *why when it could not.
 */
bool journal_save_intent(struct journal *j, const struct journal_saving *v,
                         size_t n, char **why);
/* After a save (whether or not every file was written): starts again from
 * the files as they now are. */
bool journal_restart(struct journal *j, const struct editor *ed, char **why);
/* Closes it; `remove` deletes the file (the planner closed normally, with
 * nothing unsaved or the edits discarded on purpose). */
void journal_close(struct journal *j, bool remove);

/* ---- Reading, when a planner starts ---------------------------------- */

struct journal_delta {
	char *uid; /* a registry entry's id (a walk's "from/to") */
	dais_time rid;
	struct session *after; /* NULL: the session was deleted */
	/* A registry entry (edit_registry.h) instead of a session: its
	 * keys as the INI file would hold them, decoded at replay (times
	 * need the conference's zone); none when it was removed. */
	bool registry;
	int kind; /* enum registry_kind */
	bool removed;
	struct strlist keys, values;
	/* The session's first record in the journal also says how it was in
	 * the files (NULL: in none of them). Older journals do not. */
	bool has_was;
	struct session *was;
	/* journal_prepare's verdict: not replayed (already on disk, or
	 * left for the user's choice at save). */
	bool skip;
};

struct journal_edit {
	dais_time when;
	char *description;
	struct journal_delta *deltas;
	size_t ndeltas;
};

struct journal_found {
	char *path;
	char *user, *host; /* who wrote it */
	long pid;
	dais_time opened; /* when the planner started it */
	struct journal_edit *edits;
	size_t nedits;
	size_t nsessions; /* distinct sessions the edits touch */
	/* distinct registry entries they touch, by enum registry_kind */
	size_t nentries[REGISTRY_KIND_COUNT];
	/* The last edit was cut short (a crash while writing it): it was
	 * never on screen, and it is left out. */
	bool torn;
	/* Files whose bytes are neither those the journal started from nor
	 * those a save it records was writing: somebody else changed them. */
	struct strlist changed;
	/* Whether the edits may be replayed: no file changed, or only
	 * programme .ics files did and the journal says how each session
	 * was in them (journal_prepare then sorts the sessions out). A
	 * registry changed, or an older journal: keep it aside. */
	bool replayable;
	/* Sessions journal_prepare left to the choice at the next save. */
	size_t left_to_choose;
	/* Every file the journal names, as journal_prepare needs them. */
	struct journal_file {
		char *name;
		uint64_t started;   /* fingerprint the edits apply to */
		uint64_t saving;    /* a recorded save was writing these bytes
		                       (0: removing the file) */
		bool save_recorded; /* whether `saving` is one */
		size_t saved_at;    /* ... after this many edits */
		uint64_t now;       /* fingerprint on disk now */
	} * files;
	size_t nfiles;
};

/*
 * Reads DIR/.dais-journal. Returns 1 when there is one (*out filled), 0
 * when there is none, -1 when it cannot be read or is not a dais journal
 * (*why says why and where; keep it aside).
 */
int journal_find(const char *dir, struct journal_found *out, char **why);
void journal_found_free(struct journal_found *f);
/* Whether the planner that wrote it still runs on this machine (same
 * host name, and its process exists): then the journal is in use. */
bool journal_writer_alive(const struct journal_found *f);
/*
 * When the last edit was made (or the journal started), as the clock on
 * this machine shows it, as the lock's holder is told: "13:42 on Sun 29
 * Nov", with "(N min ago)". The caller frees it.
 */
char *journal_when_text(const struct journal_found *f);
/*
 * What the edits touch, for "N edits to ...": "2 sessions", "1 session
 * and 1 participant", "1 room, 1 building and 2 walking times". The
 * caller frees it.
 */
char *journal_touched_text(const struct journal_found *f);
/*
 * Whether the edits, taken together, leave every session as it was in the
 * files (an edit and its undo): then there is nothing to restore. False
 * when that cannot be told: an edit of a registry entry (its state before
 * is not recorded), or a journal older than its was lines.
 */
bool journal_changes_nothing(const struct journal_found *f);
/* The time of the last edit (or the start, when there is none). */
dais_time journal_last_time(const struct journal_found *f);
/*
 * What recovery makes of the programme `p` loaded from the files as they
 * are now (before an editor takes it), for a replayable journal: marks
 * the edits to skip (sessions of a file that already holds what the save
 * was writing; sessions that are on disk as the journal has them) and,
 * for a session somebody else changed on disk that the journal changed
 * too, puts its state from the journal's files back into p and gives its
 * file the journal's fingerprint, so that the replay makes it the user's
 * change of that old state, and the next save finds the file changed on
 * disk and offers the usual choice (save_analyse: merge, reload or save a
 * copy). Returns how many sessions are left to that choice.
 */
size_t journal_prepare(struct journal_found *f, struct programme *p);
/*
 * Removes the temporary files a dais stopped in the middle of a save
 * left beside the programme's files, its INI files (requests.ini too),
 * the journal and .dais-sync (atomicfile_remove_leftovers: only those files'
 * own, beside a link's target for a link): only while holding the lock. Returns
 * how many. (.dais-published's: published_remove_leftovers.)
 */
size_t journal_remove_temporaries(const struct programme *p);
/*
 * Replays the journal's edits onto ed (the programme loaded from files
 * that match, or prepared by journal_prepare) as one undoable edit. False with
 * *why (the caller frees it) naming the session when the editor refuses one;
 * the programme is then as it was.
 */
bool journal_replay(const struct journal_found *f, struct editor *ed,
                    char **why);
/* Renames DIR/.dais-journal to DIR/.dais-journal-kept-<UTC time>; returns
 * the new path (the caller frees it), or NULL with *why. */
char *journal_keep_aside(const char *dir, char **why);
/* Deletes DIR/.dais-journal (true when it is gone). */
bool journal_discard(const char *dir, char **why);

#endif
