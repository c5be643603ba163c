/*
 * changeset.h: what a save writes, handed over by the editor in one call:
 * for each programme file, the sessions changed, made or deleted since the
 * last save, each with its state then and now. The saver (io/save*.c)
 * works from this alone instead of asking the editor session by session.
 */
#ifndef DAIS_CHANGESET_H
#define DAIS_CHANGESET_H

#include <stdbool.h>
#include <stddef.h>

#include "dais/edit.h"
#include "dais/model.h"

struct changeset_entry {
	const char *uid;
	dais_time recurrence_id;
	enum edit_change_kind kind;
	bool significant; /* as in struct edit_change */
	/* As last saved (its source and line say where its block is); NULL
	 * for one made since. */
	const struct session *saved;
	/* As it is now; NULL for one deleted since. */
	const struct session *now;
};

/* The entries of one programme file, sorted by UID then recurrence id. */
struct changeset_file {
	struct changeset_entry *v;
	size_t n, cap;
};

struct changeset {
	struct changeset_file *files; /* one per conf.files entry */
	size_t nfiles;
	size_t n; /* entries in all files */
};

/*
 * The changes of the programme `ed` edits, by the file each belongs in
 * (changeset_file_of its saved state, else of its state now). Strings and
 * sessions are the editor's, valid until the next edit, undo, redo or
 * editor_mark_saved. Free with changeset_free. Returns cs->n.
 */
size_t changeset_build(const struct editor *ed, struct changeset *cs);
void changeset_free(struct changeset *cs);

/* The entry of (uid, recurrence_id) in any file; NULL when unchanged. */
const struct changeset_entry *changeset_find(const struct changeset *cs,
                                             const char *uid,
                                             dais_time recurrence_id);

/* The index into conf.files of the file session s belongs in: its source,
 * or (made in dais, source -1) conf.new_sessions_file. */
int changeset_file_of(const struct programme *p, const struct session *s);

#endif
