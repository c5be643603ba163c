/*
 * session_field.h: the fields of struct session, declared once. Copying,
 * comparing, diffing, the SEQUENCE rule, the recovery journal's encoding,
 * the iCalendar reader and the editor's setters walk this table instead of
 * naming each field, so adding a field is one row in SESSION_FIELDS (and a
 * member in struct session) plus the code that gives it its meaning.
 *
 * SESSION_FIELDS(X) calls X(ID, member, TYPE, ical, tag, flags, group,
 * label) once per field:
 *   ID      the field's id: SESSION_FIELD_ID
 *   member  the member of struct session (for TYPE_ASSIGNMENTS: assign,
 *           with nassign and capassign beside it)
 *   TYPE    how it is stored: SESSION_TYPE_TYPE
 *   ical    the iCalendar property it is read from and written to, or NULL
 *           when it is not one property
 *   tag     its name in the recovery journal (journal.c); never reused
 *   flags   SF_* below
 *   group   what a diff calls it: SESSION_GROUP_* (save.h's SAVE_FIELD_*)
 *   label   how a sentence for the user names it ("internal notes")
 */
#ifndef DAIS_SESSION_FIELD_H
#define DAIS_SESSION_FIELD_H

#include <stdbool.h>
#include <stddef.h>

#include "dais/arena.h"
#include "dais/model.h"

enum session_type {
	SESSION_TYPE_TEXT,        /* char *, owned; NULL when absent */
	SESSION_TYPE_TIME,        /* dais_time, DAIS_TIME_NONE when absent */
	SESSION_TYPE_INT,         /* int */
	SESSION_TYPE_BOOL,        /* bool */
	SESSION_TYPE_STATUS,      /* enum session_status */
	SESSION_TYPE_LIST,        /* struct strlist */
	SESSION_TYPE_ASSIGNMENTS, /* assign, nassign, capassign */
};

/* Flags of a field. */
enum {
	/* Part of the session's key (uid, recurrence id), not its content. */
	SF_KEY = 1 << 0,
	/* A user edits it: edit_replace takes it from the form. */
	SF_USER = 1 << 1,
	/* RFC 5545: a change raises SEQUENCE (edit.h). */
	SF_SIGNIFICANT = 1 << 2,
	/* Text a user may clear: NULL and "" say the same thing. */
	SF_CLEARABLE = 1 << 3,
	/* The revision counter (SEQUENCE): content only when asked. */
	SF_REVISION = 1 << 4,
	/* Where the session came from (file index, line): never content; a
	 * block moves when the one above it grows. */
	SF_ORIGIN = 1 << 5,
	/* For the secretariat only: exports for others leave it out. */
	SF_INTERNAL = 1 << 6,
};

/* What a diff reports changed; the same bits as save.h's SAVE_FIELD_*. */
enum session_group {
	SESSION_GROUP_NONE = 0,
	SESSION_GROUP_TIME = 1 << 0,   /* start or end */
	SESSION_GROUP_TITLE = 1 << 1,  /* SUMMARY */
	SESSION_GROUP_ROOM = 1 << 2,   /* room id or LOCATION */
	SESSION_GROUP_STATUS = 1 << 3, /* STATUS, or CLASS */
	SESSION_GROUP_PEOPLE = 1 << 4, /* the ATTENDEEs */
	SESSION_GROUP_OTHER = 1 << 5,  /* the rest, SEQUENCE when counted */
};

/* clang-format off */
#define SESSION_FIELDS(X) \
	X(UID, uid, TEXT, "UID", "uid", SF_KEY, NONE, "UID") \
	X(RECURRENCE_ID, recurrence_id, TIME, "RECURRENCE-ID", "rid", SF_KEY, NONE, "occurrence") \
	X(TITLE, title, TEXT, "SUMMARY", "title", SF_USER, TITLE, "title") \
	X(DESCRIPTION, description, TEXT, "DESCRIPTION", "desc", SF_USER | SF_CLEARABLE, OTHER, "description") \
	X(NOTES, notes, TEXT, "X-DAIS-NOTES", "notes", SF_USER | SF_CLEARABLE | SF_INTERNAL, OTHER, "internal notes") \
	X(KIND, kind, TEXT, "CATEGORIES", "kind", SF_USER | SF_CLEARABLE, OTHER, "kind") \
	X(STATUS, status, STATUS, "STATUS", "status", SF_USER | SF_SIGNIFICANT, STATUS, "status") \
	X(CONFIDENTIAL, confidential, BOOL, "CLASS", "class", SF_USER, STATUS, "class") \
	X(ROOM_ID, room_id, TEXT, "X-DAIS-ROOM", "room", SF_USER | SF_SIGNIFICANT | SF_CLEARABLE, ROOM, "room") \
	X(LOCATION, location, TEXT, "LOCATION", "location", SF_USER | SF_SIGNIFICANT | SF_CLEARABLE, ROOM, "location") \
	X(START, start, TIME, "DTSTART", "start", SF_USER | SF_SIGNIFICANT, TIME, "start") \
	X(END, end, TIME, "DTEND", "end", SF_USER | SF_SIGNIFICANT, TIME, "end") \
	X(ALL_DAY, all_day, BOOL, NULL, "allday", SF_USER | SF_SIGNIFICANT, TIME, "all day") \
	X(EXPECTED, expected, INT, "X-DAIS-EXPECTED", "expected", SF_USER, OTHER, "expected attendance") \
	X(LANGUAGES, languages, LIST, "X-DAIS-LANGUAGES", "languages", SF_USER, OTHER, "interpretation") \
	X(ASSIGN, assign, ASSIGNMENTS, "ATTENDEE", "people", SF_USER, PEOPLE, "participants") \
	X(SEQUENCE, sequence, INT, "SEQUENCE", "seq", SF_REVISION, OTHER, "sequence") \
	X(SOURCE, source, INT, NULL, "source", SF_ORIGIN, NONE, "file") \
	X(LINE, line, INT, NULL, "line", SF_ORIGIN, NONE, "line")
/* clang-format on */

enum session_field_id {
#define SESSION_FIELD_ENUM(id, member, type, ical, tag, flags, group, label)   \
	SESSION_FIELD_##id,
	SESSION_FIELDS(SESSION_FIELD_ENUM)
#undef SESSION_FIELD_ENUM
	    SESSION_FIELD_COUNT
};

struct session_field {
	enum session_field_id id;
	const char *name; /* the member's name: "room_id" */
	enum session_type type;
	size_t offset; /* of the member in struct session */
	const char *ical;
	const char *tag;
	unsigned flags;
	unsigned group;
	const char *label;
};

/* Indexed by enum session_field_id. */
extern const struct session_field session_field_table[SESSION_FIELD_COUNT];

/* The field whose journal tag or iCalendar property (any case) this is,
 * or NULL. */
const struct session_field *session_field_by_tag(const char *tag);
const struct session_field *session_field_by_ical(const char *name);

/* The member of s a field describes: cast to the pointer its type says. */
void *session_field_at(struct session *s, const struct session_field *f);
const void *session_field_get(const struct session *s,
                              const struct session_field *f);

/* Field f of dst becomes a copy of src's (the old value freed). */
void session_field_copy(struct session *dst, const struct session *src,
                        const struct session_field *f);
/* Field f of s back to what session_init() gives it, freed. */
void session_field_reset(struct session *s, const struct session_field *f);
/* Sets a text field to a copy of `text` (NULL clears it). */
void session_field_set_text(struct session *s, const struct session_field *f,
                            const char *text);
/*
 * The programme's string store (arena.h) for loaders: what a loader puts
 * there is marked in s->stored and is released by these functions and
 * session_free() only (stored memory is never passed to free()).
 *
 * Whether a stored value of field f is interned (arena_intern): the room
 * id, LOCATION, kind and the attendees' ids and names repeat across
 * sessions; the UID, title, description and notes are each a session's
 * own copy (and, under AddressSanitizer, poisoned once released).
 */
bool session_field_shared(const struct session_field *f);
/* Text field f of s becomes the n bytes at text (NULL: cleared), kept in
 * store a; the old value is released. */
void session_field_store_text(struct session *s, const struct session_field *f,
                              struct arena *a, const char *text, size_t n);
/* The same for a shared text field f (session_field_shared) whose text
 * the caller has interned in the store itself (arena_intern or
 * arena_intern_hashed; NULL: cleared). */
void session_field_store_interned(struct session *s,
                                  const struct session_field *f, char *text);
/* s's assignments become an empty array with room for exactly n, kept in
 * store a (for a loader that knows how many come). */
void session_store_assignments(struct session *s, struct arena *a, size_t n);
/* Appends an assignment to that array; id and cn (or NULL) are texts the
 * caller has interned in the same store (arena_intern), so that the ids
 * of a session's attendees are equal only when they are the same pointer.
 * Aborts past the room reserved. */
struct assignment *session_store_assignment(struct session *s, char *id,
                                            enum role role, char *cn);
/* A stored field f of s becomes the session's own malloc'd copy (for
 * code that grows it in place); nothing happens to an owned one. */
void session_field_own(struct session *s, const struct session_field *f);

/*
 * Whether field f is the same in a and b. `strict`: byte for byte (what
 * decides whether an edit changed anything); otherwise as content, where
 * NULL and "" are one text (a file cannot tell them apart).
 */
bool session_field_equal(const struct session *a, const struct session *b,
                         const struct session_field *f, bool strict);

/* Every field, strictly: whether anything at all differs. */
bool session_equal(const struct session *a, const struct session *b);
/* The changes RFC 5545 wants SEQUENCE raised for (SF_SIGNIFICANT). */
bool session_significant(const struct session *a, const struct session *b);
/*
 * What differs in content between two states of one session, as
 * SESSION_GROUP_* bits: key and origin never count, text is compared as
 * content (NULL and "" one), and SEQUENCE only when `sequence`.
 */
unsigned session_diff_groups(const struct session *a, const struct session *b,
                             bool sequence);

#endif
