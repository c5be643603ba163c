/*
 * edit_registry.h: changes to the registries (participants, rooms,
 * buildings and the walks between them) as edits of the editor (edit.h):
 * undone and redone with the session edits, one history, one dirty flag,
 * one callback (its event's `registry` deltas), so the conflict re-check
 * and the recovery journal see them as they see a moved session.
 *
 * Entries are named by kind and id (registry_field.h). Checks are the
 * loader's (registry_item_check and the field parsers), so an entry the
 * planner makes loads without a word from `dais check`.
 */
#ifndef DAIS_EDIT_REGISTRY_H
#define DAIS_EDIT_REGISTRY_H

#include <stdbool.h>
#include <stddef.h>

#include "dais/edit.h"
#include "dais/registry_field.h"

/* One entry's change in an editor event (edit.h): copies, valid during the
 * callback. */
struct registry_delta {
	enum registry_kind kind;
	const char *id;
	const struct registry_item *before; /* NULL: the event made it */
	const struct registry_item *after;  /* NULL: the event removed it */
};

/*
 * Adds x, or replaces the entry of its kind named `id` (NULL: x is new)
 * with it. A new id must be a slug that no entry of the kind has; an
 * existing entry's id may change only while no session uses it (nor, for
 * a delegation, another participant; for a building, a room). Checked as
 * the loader checks a file (registry_item_check). A walk is named
 * "from/to" with from < to.
 */
bool edit_registry_put(struct editor *ed, const char *id,
                       const struct registry_item *x, const char **why);

/*
 * Removes the entry, and in the same edit (one undo) what refers to it:
 * a participant's assignments, a room from the sessions held in it (they
 * keep its name as free text), a building's walks. Refused for a
 * delegation that participants name, or a building that rooms are in:
 * those are changed first.
 */
bool edit_registry_remove(struct editor *ed, enum registry_kind kind,
                          const char *id, const char **why);

/*
 * Puts the entry into exactly the state x (NULL: removes it), unchecked:
 * what the recovery journal replays.
 */
bool edit_registry_restore(struct editor *ed, enum registry_kind kind,
                           const char *id, const struct registry_item *x,
                           const char **why);

/*
 * The sessions that use the entry (a participant assigned, a room held
 * in), as indexes into the programme's sessions in time order; *n their
 * count. The caller frees the array; the indexes are stale after the
 * next edit.
 */
size_t *edit_registry_users(const struct editor *ed, enum registry_kind kind,
                            const char *id, size_t *n);
/* Why the entry's id cannot change now, or NULL when it can (a new
 * string the caller frees): "kw-interior is in 5 sessions: ...". */
char *edit_registry_id_locked(const struct editor *ed, enum registry_kind kind,
                              const char *id);

/* ---- For the saver --------------------------------------------------- */

/* One entry that differs from the last saved state. */
struct registry_change {
	enum registry_kind kind;
	const char *id;
	const struct registry_item *saved; /* NULL: made since */
	const struct registry_item *now;   /* NULL: removed since */
};

/*
 * The entries of `kind` that differ from the last saved state. *out is a
 * new array the caller frees; what it points to is the editor's, valid
 * until the next edit. Returns the count.
 */
size_t editor_registry_changes(const struct editor *ed, enum registry_kind kind,
                               struct registry_change **out);
/* The entries of `kind` become saved (the INI saver calls this once the
 * file is written). */
void editor_mark_registry_saved(struct editor *ed, enum registry_kind kind);
/* Whether any entry of `kind` differs from the last saved state. */
bool editor_registry_dirty(const struct editor *ed, enum registry_kind kind);

#endif
