/*
 * edit.h: every change to a programme's sessions, with undo and redo. Front
 * ends never write to struct programme themselves: they call these, so undo,
 * the dirty flag, SEQUENCE, change tracking for the saver and the callback
 * (conflict re-check, recovery journal) all happen in one place.
 *
 * Ownership. The editor borrows the programme given to editor_new(): the
 * caller frees the editor first, then the programme. Everything the editor
 * hands out (descriptions, refusal sentences, change lists' strings and
 * saved sessions) is owned by the editor and valid until the next call that
 * takes a non-const editor, unless a function says otherwise.
 *
 * Sessions are named by (uid, recurrence_id), never by index: every edit,
 * undo and redo may add, remove, replace and re-sort p->sessions (it is kept
 * sorted with programme_sort_sessions), so indexes and pointers into it, and
 * anything that borrows from it (a conflict_list), are stale afterwards.
 * Re-find sessions by key and re-run conflict_check() in the callback.
 *
 * Refusals. Each operation checks its input; on a mistake it changes
 * nothing, returns false and sets *why (when why is not NULL) to a sentence
 * for the user, e.g. "The end (09:00) must be after the start (10:00)."
 * Only what the operation changes is checked: a session loaded with an
 * unknown room can still be retitled. An operation that would change
 * nothing (a title set to the title it has) succeeds and records nothing.
 *
 * Recurring series. A session with recurrence_id != DAIS_TIME_NONE is one
 * occurrence. Every edit applies to that occurrence only (the saver writes
 * it as a RECURRENCE-ID override; deleting it is an EXDATE or a cancelled
 * override, the saver's choice). There is no "edit the whole series".
 *
 * SEQUENCE (RFC 5545). The editor keeps each session's state as of the last
 * save (the load, until editor_mark_saved()). When a session's start, end,
 * room (room_id or location) or status differs from that saved state its
 * sequence is the saved sequence + 1, otherwise the saved sequence: it rises
 * once per save cycle and falls back when the change is undone or changed
 * back. Sessions made since the last save keep sequence 0. Undo and redo
 * restore a session exactly, sequence included, except across a save point:
 * undoing a move that was saved gives the saved sequence + 1, because the
 * calendars that received the saved file must see a new revision.
 */
#ifndef DAIS_EDIT_H
#define DAIS_EDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dais/dtime.h"
#include "dais/model.h"
#include "dais/session_field.h"

struct editor;
struct session_index;

/*
 * Starts editing p, which the editor borrows. Sorts p's sessions and builds
 * its room and participant indexes (programme_index). The loaded state is
 * the saved state: the editor starts clean, with nothing to undo.
 */
struct editor *editor_new(struct programme *p);
/* Frees the history; not the programme. An open group stays applied. */
void editor_free(struct editor *ed);

/* The programme being edited, for reading. */
const struct programme *editor_programme(const struct editor *ed);
/* The programme's session index (session_index.h), kept current by every
 * edit; for reading, as the slot search does. Made on the first call (or
 * the first edit or lookup), not by editor_new: call it once to have it
 * ready (the planner does, after drawing its first screen). */
const struct session_index *editor_index(const struct editor *ed);
/* The session (uid, recurrence_id) or NULL; stale after the next edit. */
const struct session *editor_session(const struct editor *ed, const char *uid,
                                     dais_time recurrence_id);

/*
 * Where new sessions' UIDs come from. `make(arg)` returns a new UID, which
 * the editor owns; it is asked again while the programme has that UID.
 * The core has no random source: a front end attaches io's maker
 * (uid_maker_attach in uid.h: random UIDs in the programme's own domain).
 * free_arg (may be NULL) is called on arg when the maker is replaced and
 * at editor_free. NULL make goes back to the seeded UIDs below.
 */
typedef char *(*editor_uid_maker)(void *arg);
void editor_set_uid_maker(struct editor *ed, editor_uid_maker make, void *arg,
                          void (*free_arg)(void *arg));
/*
 * New UIDs "dais-<32 hex digits>@dais" from a generator seeded with `seed`
 * (replacing any maker), so that tests and scripted runs make the same
 * UIDs every time; an editor without a maker is seeded with 0. Not for
 * real use: UIDs must be unique worldwide.
 */
void editor_set_uid_seed(struct editor *ed, uint64_t seed);

/*
 * Read-only: while `why` is set (copied; NULL makes the editor editable
 * again) every operation, undo and redo changes nothing and refuses with
 * `why` as its sentence, e.g. "Read-only: amal on sec-laptop-3 holds this
 * programme since 09:12; E exports, p prints." Groups may still be begun
 * and ended: their operations are refused, so they record nothing.
 */
void editor_set_read_only(struct editor *ed, const char *why);

/* ---- The callback ---------------------------------------------------- */

enum edit_event_kind {
	EDIT_APPLIED,   /* an operation, or a group at editor_end_group() */
	EDIT_UNDONE,    /* editor_undo() */
	EDIT_REDONE,    /* editor_redo() */
	EDIT_CANCELLED, /* editor_cancel_group() put the programme back */
};

/* One session's change in an event. */
struct edit_delta {
	const struct session *before; /* NULL: the event created it */
	const struct session *after;  /* NULL: the event deleted it */
};

struct registry_delta; /* edit_registry.h */

struct edit_event {
	enum edit_event_kind kind;
	/* "Moved 'Opening plenary' to 09:30-11:00"; for UNDONE and REDONE
	 * the description of the edit undone or redone. */
	const char *description;
	const struct edit_delta *deltas; /* one per session, in no order */
	size_t ndeltas;
	/* One per registry entry (participant, room, building, walk) the
	 * event changed, in no order (edit_registry.h). */
	const struct registry_delta *registry;
	size_t nregistry;
};

/*
 * Called after every event that changed the programme (and after a group
 * that changed it and changed it back, with no deltas), once the programme
 * is sorted again. Everything in the event, `after` pointing into the
 * programme, is valid only during the call. The callback must not edit,
 * undo or redo: such calls are refused (editor_begin_group aborts). A
 * recovery journal can append each delta's `after` state (or the
 * deletion) for every kind of event. NULL removes the callback.
 */
typedef void (*editor_callback)(const struct edit_event *ev, void *arg);
void editor_set_callback(struct editor *ed, editor_callback cb, void *arg);

/* ---- Undo, redo, groups ---------------------------------------------- */

bool editor_can_undo(const struct editor *ed);
bool editor_can_redo(const struct editor *ed);
/* What undo or redo would do ("Moved 'Opening plenary' ..."), or NULL. */
const char *editor_undo_description(const struct editor *ed);
const char *editor_redo_description(const struct editor *ed);
/* False with *why set when there is nothing to undo or redo. The undo and
 * redo stacks are unbounded; a new edit empties the redo stack. */
bool editor_undo(struct editor *ed, const char **why);
bool editor_redo(struct editor *ed, const char **why);

/*
 * A group makes several operations one edit: each is applied (and checked
 * against the state the previous ones left) at once, but the group undoes
 * as one and the callback is called once, at editor_end_group(). A refused
 * operation inside a group leaves the earlier ones applied: call
 * editor_cancel_group() to put everything back, as a form that must apply
 * all or nothing does. `description` (copied) names the group for undo; NULL
 * joins the operations' own descriptions with "; ". Groups do not nest, and
 * undo, redo and mark_saved are not allowed inside one: doing so is a
 * programming error and aborts.
 */
void editor_begin_group(struct editor *ed, const char *description);
void editor_end_group(struct editor *ed);
void editor_cancel_group(struct editor *ed);

/* ---- Dirty flag and change tracking (for the saver) ------------------- */

/*
 * True when some session or registry entry (edit_registry.h) differs from
 * the last saved state, by content:
 * undoing back to the saved state, or setting a title back by hand, makes
 * the editor clean again.
 */
bool editor_dirty(const struct editor *ed);
/* The sessions' current state becomes the saved state (the saver calls
 * this; the registries' has editor_mark_registry_saved). */
void editor_mark_saved(struct editor *ed);
/*
 * Records that the files now hold session (uid, rid) as `state` (NULL:
 * they hold no such session), written there by something other than
 * programme_save (the planner's import writes its file as `dais import`
 * does): the session counts as changed only if it differs from that
 * state, and the saver then writes it onto what the file holds. Not an
 * edit: neither undone nor journalled.
 */
void editor_set_saved_state(struct editor *ed, const char *uid, dais_time rid,
                            const struct session *state);
/*
 * Records that file `index` of conf.files now holds bytes with this
 * fingerprint (the saver calls this after writing it): p->file_hash is
 * the io layer's bookkeeping of what is on disk, not an edit, so it is
 * neither undone nor journalled.
 */
void editor_set_file_hash(struct editor *ed, size_t index, uint64_t hash);

enum edit_change_kind {
	EDIT_CHANGE_MODIFIED,
	EDIT_CHANGE_CREATED, /* made since the last save */
	EDIT_CHANGE_DELETED, /* gone since the last save */
};

struct edit_change {
	const char *uid;
	dais_time recurrence_id;
	enum edit_change_kind kind;
	/* Start, end, room or status differ from the saved state; always
	 * true for created and deleted sessions. */
	bool significant;
	/* The session as last saved (its source and line say which file it
	 * was in); NULL for a created one. The current state, if any, is
	 * editor_session(uid, recurrence_id). */
	const struct session *saved;
};

/*
 * The sessions that differ from the last saved state, sorted by UID then
 * recurrence id. *out is a new array the caller frees (free(*out)); the
 * strings and sessions it points to belong to the editor and are valid
 * until the next edit, undo, redo or mark_saved. Returns the count; *out is
 * NULL when it is 0.
 *
 * A session made in dais has source -1 (model.h) and keeps it after it is
 * saved: the saver treats -1 as conf.new_sessions_file.
 */
size_t editor_changes(const struct editor *ed, struct edit_change **out);
/* Whether (uid, recurrence_id) differs from its saved state (or was created
 * or deleted since); *significant (may be NULL) as in struct edit_change. */
bool editor_session_changed(const struct editor *ed, const char *uid,
                            dais_time recurrence_id, bool *significant);

/* ---- Operations ------------------------------------------------------ */

/*
 * Each names its session by (uid, recurrence_id) and returns true when
 * applied (or when it had nothing to change). Strings are copied. Times are
 * instants (dtime.h); descriptions show them in the conference's zone.
 */

/*
 * Adds a session built from `s` (copied; s->assign, s->languages included).
 * s->uid NULL or "" makes a new one from the editor's UID maker
 * (editor_set_uid_maker); a given UID must be unused. Needs a
 * title, a start and an end after it, and recurrence_id DAIS_TIME_NONE.
 * location NULL with a room_id takes the room's name; an assignment's cn
 * NULL takes the participant's name. Sequence becomes 0, source -1, line 0.
 * *uid_out (may be NULL) receives a copy of the UID; the caller frees it.
 */
bool edit_create(struct editor *ed, const struct session *s, char **uid_out,
                 const char **why);
/* A new session with every field of the original (one occurrence gives a
 * plain session), a new UID, sequence 0, source -1 and " (copy)" after the
 * title. *uid_out as for edit_create. */
bool edit_duplicate(struct editor *ed, const char *uid, dais_time rid,
                    char **uid_out, const char **why);
bool edit_delete(struct editor *ed, const char *uid, dais_time rid,
                 const char **why);
/*
 * Sets every field a user edits (title to assignments) from `s` at once, as
 * a form does or a journal replays; s's uid, recurrence_id, sequence, source
 * and line are ignored. Checked as edit_create, for the fields that change.
 */
bool edit_replace(struct editor *ed, const char *uid, dais_time rid,
                  const struct session *s, const char **why);

/*
 * Puts session (uid, rid) into exactly the state `s` (NULL: removes it),
 * creating it when it does not exist, an occurrence included: what a
 * recovery journal replays. Nothing is checked but the key (s->uid and
 * s->recurrence_id must be uid and rid): the state came from an editor on
 * the same files. The sequence is worked out as for any edit.
 */
bool edit_put(struct editor *ed, const char *uid, dais_time rid,
              const struct session *s, const char **why);

/*
 * Sets a text field a user edits alone (SF_USER, type TEXT, not the room
 * or location: edit_set_room), checked as that field is; NULL or "" clears
 * a field that may be cleared (SF_CLEARABLE). The setters below for title,
 * description, notes and kind are this with their field.
 */
bool edit_set_text(struct editor *ed, const char *uid, dais_time rid,
                   enum session_field_id field, const char *text,
                   const char **why);
/* One line, not empty; surrounding blanks are dropped. */
bool edit_set_title(struct editor *ed, const char *uid, dais_time rid,
                    const char *title, const char **why);
/* NULL or "" clears them. Notes are internal: exports strip them. */
bool edit_set_description(struct editor *ed, const char *uid, dais_time rid,
                          const char *text, const char **why);
bool edit_set_notes(struct editor *ed, const char *uid, dais_time rid,
                    const char *text, const char **why);
/* One of conf.kinds, matched without regard to case (any one word when
 * conf.kinds is empty); NULL clears it. */
bool edit_set_kind(struct editor *ed, const char *uid, dais_time rid,
                   const char *kind, const char **why);
/* Cancel with SESSION_CANCELLED; restore with CONFIRMED or TENTATIVE. */
bool edit_set_status(struct editor *ed, const char *uid, dais_time rid,
                     enum session_status status, const char **why);
/*
 * Restores a cancelled session to the status it had before it was
 * cancelled (TENTATIVE stays TENTATIVE), as the undo history says;
 * CONFIRMED when the history does not go back that far.
 */
bool edit_restore(struct editor *ed, const char *uid, dais_time rid,
                  const char **why);
/*
 * room_id must be a room of venues.ini; location NULL takes its name.
 * room_id NULL leaves the session without a room, with `location` (may be
 * NULL) as free text, e.g. "Hotel lobby".
 */
bool edit_set_room(struct editor *ed, const char *uid, dais_time rid,
                   const char *room_id, const char *location, const char **why);
/* A new start, keeping the duration. */
bool edit_move(struct editor *ed, const char *uid, dais_time rid,
               dais_time start, const char **why);
/* A new end (after the start), keeping the start. */
bool edit_set_end(struct editor *ed, const char *uid, dais_time rid,
                  dais_time end, const char **why);
/* A new duration in minutes (> 0), keeping the start. */
bool edit_set_duration(struct editor *ed, const char *uid, dais_time rid,
                       int minutes, const char **why);
/* Start and end at once (a drag on the grid, a form). */
bool edit_set_times(struct editor *ed, const char *uid, dais_time rid,
                    dais_time start, dais_time end, const char **why);
/* Expected attendance, >= 0 (0: not known). */
bool edit_set_expected(struct editor *ed, const char *uid, dais_time rid,
                       int expected, const char **why);
/* Interpretation needed: language codes such as "ar", "en", "zh-hans"
 * (stored in lower case, each once); an empty list clears them. */
bool edit_set_languages(struct editor *ed, const char *uid, dais_time rid,
                        const struct strlist *languages, const char **why);

/*
 * Assignments. participant_id must be in participants.ini and not yet in the
 * session; cn NULL takes the participant's name. The new one goes last; the
 * order is the speaking or seating order. The others name an assignment by
 * participant id and also work for ids no registry knows (from a file).
 */
bool edit_assign(struct editor *ed, const char *uid, dais_time rid,
                 const char *participant_id, enum role role, const char *cn,
                 const char **why);
bool edit_unassign(struct editor *ed, const char *uid, dais_time rid,
                   const char *participant_id, const char **why);
bool edit_set_role(struct editor *ed, const char *uid, dais_time rid,
                   const char *participant_id, enum role role,
                   const char **why);
/* by = -1 moves it up one place, +1 down one; refused past either end. */
bool edit_move_assignment(struct editor *ed, const char *uid, dais_time rid,
                          const char *participant_id, int by, const char **why);

#endif
