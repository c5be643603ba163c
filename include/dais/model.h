/*
 * model.h: the programme in memory: the conference, its rooms, the people
 * and organisations taking part, and the sessions with their assignments.
 *
 * The model knows nothing of files. Every string is UTF-8 and owned by the
 * struct that holds it, except the strings of sessions read from files,
 * which live in the programme's string store (arena.h; struct session's
 * `stored`); programme_free() releases everything. Sessions refer
 * to rooms and participants by id (a lowercase slug), so a session that names
 * an id no registry defines is still representable; the conflict engine
 * reports it as an unknown reference.
 *
 * Front ends never change a programme directly: they go through edit.h, so
 * undo, the conflict re-check and the dirty flag live in one place. Loaders
 * build a programme with the programme_add_* functions below.
 */
#ifndef DAIS_MODEL_H
#define DAIS_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dais/dtime.h"

/* A list of owned strings (languages, session kinds, file names). */
struct strlist {
	char **v;
	size_t n, cap;
};

void strlist_add(struct strlist *l, const char *s);
bool strlist_has(const struct strlist *l, const char *s);
/* The same with ASCII letters' case ignored ("Bilateral", "BILATERAL"),
 * as session kinds are compared. */
bool strlist_has_nocase(const struct strlist *l, const char *s);
/* The same strings in the same order. */
bool strlist_equal(const struct strlist *a, const struct strlist *b);
void strlist_copy(struct strlist *dst, const struct strlist *src);
void strlist_clear(struct strlist *l);
/* "ar, en, ru"; the caller frees it. */
char *strlist_join(const struct strlist *l, const char *sep);

enum severity {
	SEVERITY_OFF,
	SEVERITY_WARNING,
	SEVERITY_ERROR,
};

enum conflict_kind {
	CONFLICT_ROOM_DOUBLE_BOOKED,
	CONFLICT_PARTICIPANT_DOUBLE_BOOKED,
	CONFLICT_DELEGATION_OVER_COMMITTED,
	CONFLICT_OUTSIDE_AVAILABILITY,
	CONFLICT_OVER_CAPACITY,
	CONFLICT_TIGHT_CHANGEOVER,
	CONFLICT_OUTSIDE_HOURS,
	CONFLICT_UNKNOWN_REFERENCE,
	CONFLICT_INTERPRETATION_UNAVAILABLE,
	CONFLICT_KIND_COUNT
};

/* The conference as conference.ini describes it. */
struct conference {
	char *name;             /* "Dushanbe Process: Kuwait Phase" */
	struct dais_zone zone;  /* the conference's zone; zone.name is IANA */
	struct dais_date *days; /* sorted, distinct */
	size_t ndays;
	int day_start;  /* daily hours, minutes since local midnight */
	int day_end;    /* may exceed 1440 for sessions past midnight */
	int changeover; /* minutes a room or person needs between sessions */
	int step;       /* the slot search's grid, minutes (default 15) */
	struct strlist kinds; /* allowed session kinds (CATEGORIES) */
	struct strlist files; /* the .ics files, relative to the directory */
	/* `files` as conference.ini writes it: files, directories, globs
	 * (io/sources.c expands them into `files`); written back as is. */
	struct strlist file_sources;
	/* Where new sessions are saved: one of files; or NULL when
	 * new_sessions_dir is set: a directory (relative) in which each new
	 * session gets a file of its own, programme_session_file_name. */
	char *new_sessions_file;
	char *new_sessions_dir;
	enum severity severity[CONFLICT_KIND_COUNT];
};

struct room {
	char *id;
	char *name;               /* display name; LOCATION in the .ics */
	char *building;           /* a building id from venues.ini, or NULL */
	int capacity;             /* seats; 0 when not known */
	struct strlist languages; /* interpretation booths: "ar", "en" ... */
	/* The session kinds the room serves (venues.ini "kinds"); empty:
	 * any kind. */
	struct strlist kinds;
};
/* Whether r serves sessions of kind (case ignored): it lists the kind, or
 * lists none; any room serves a session of no kind (NULL). */
bool room_serves(const struct room *r, const char *kind);

/* A building of the venue ([building.ID] in venues.ini). */
struct building {
	char *id;
	char *name; /* display name, e.g. "Main Building" */
};

/* Walking time between two buildings (symmetric). */
struct walk {
	char *from, *to;
	int minutes;
};

enum participant_kind {
	PARTICIPANT_MINISTER,
	PARTICIPANT_OFFICIAL,
	PARTICIPANT_DELEGATION,
	PARTICIPANT_ORGANISATION, /* international or regional */
	PARTICIPANT_UN_ENTITY,
	PARTICIPANT_CIVIL_SOCIETY,
	PARTICIPANT_KIND_COUNT
};

struct participant {
	char *id;
	char *name;       /* display name, any script */
	char *name_local; /* the name in its own script (name-local), or NULL */
	char *title;      /* office, e.g. "Minister of Interior" */
	char *delegation; /* id of the delegation (a participant) or NULL */
	enum participant_kind kind;
	struct strlist languages;
	dais_time arrival, departure; /* DAIS_TIME_NONE when open */
	int delegates;  /* sessions a group can attend at once; 0: no limit */
	int precedence; /* protocol rank: lower goes first; 0 when unranked */
	char *email, *phone; /* private: never in public exports */
};

/* Persons are INDIVIDUAL in iCalendar; the rest are GROUP. */
bool participant_is_group(const struct participant *p);
const char *participant_kind_name(enum participant_kind kind);
bool participant_kind_parse(const char *name, enum participant_kind *out);

enum session_status {
	SESSION_TENTATIVE,
	SESSION_CONFIRMED,
	SESSION_CANCELLED,
};

const char *session_status_name(enum session_status s); /* "CONFIRMED" */

enum role {
	ROLE_CHAIR,       /* chair or moderator: ROLE=CHAIR */
	ROLE_SPEAKER,     /* ROLE=REQ-PARTICIPANT */
	ROLE_PARTICIPANT, /* ROLE=OPT-PARTICIPANT */
};

const char *role_name(enum role r); /* "chair", "speaker", "participant" */

struct assignment {
	char *participant_id;
	enum role role;
	char *cn; /* the name written in the file (CN), kept for unknown ids */
};

struct session {
	char *uid;
	/* For one occurrence of a recurring event: its original start. */
	dais_time recurrence_id; /* DAIS_TIME_NONE for plain sessions */
	char *title;
	char *description;
	char *notes; /* internal, for the secretariat only */
	char *kind;  /* PLENARY, SIDE-SESSION ... */
	enum session_status status;
	/* CLASS:PRIVATE or CONFIDENTIAL (or any class but PUBLIC, which RFC
	 * 5545 says to read as PRIVATE): a closed meeting, left out of
	 * public exports. */
	bool confidential;
	char *room_id;  /* X-DAIS-ROOM */
	char *location; /* LOCATION as written */
	dais_time start, end;
	/* An all-day item (DTSTART;VALUE=DATE: "Arrival of delegations"):
	 * start and end are local midnights; it takes part in no conflict. */
	bool all_day;
	int expected;             /* expected attendance; 0 when not known */
	struct strlist languages; /* interpretation the session needs */
	struct assignment *assign;
	size_t nassign, capassign;
	int sequence;
	/* Where the session came from: an index into conference.files, or -1
	 * for a session made in dais; and the line of its BEGIN:VEVENT. */
	int source;
	int line;
	/*
	 * The fields (bit 1 << SESSION_FIELD_x, session_field.h) whose text
	 * or assignments live in the programme's string store (arena.h), put
	 * there by a loader, instead of in malloc blocks of their own; 0 for
	 * a session made or copied in dais (session_copy always gives owned
	 * copies). Only session_field.c reads it, to release each field the
	 * right way: change a stored session's fields through
	 * session_field.h's setters and session_add_assignment, or change a
	 * session_copy of it, never with free() directly.
	 */
	unsigned stored;
};

struct programme {
	char *dir; /* the programme directory */
	struct conference conf;
	struct room *rooms;
	size_t nrooms, caprooms;
	struct building *buildings;
	size_t nbuildings, capbuildings;
	struct walk *walks;
	size_t nwalks, capwalks;
	struct participant *people;
	size_t npeople, cappeople;
	struct session *sessions;
	size_t nsessions, capsessions;
	/*
	 * For each of conf.files, a fingerprint of its bytes as last read or
	 * written (filehash.h; 0 when it did not exist), so a save never
	 * overwrites a file somebody else changed in between. The io layer
	 * keeps it; it is not part of what an edit changes.
	 */
	uint64_t *file_hash;
	/*
	 * venues.ini [0] and participants.ini [1] as last read or written
	 * (their bytes; NULL when unread), for the INI saver (registry.h):
	 * a save makes its changes on this text, and a file somebody
	 * changed on disk since is told apart from it. The io layer keeps
	 * them; programme_free frees them.
	 */
	char *registry_text[2];
	size_t registry_len[2];
	/* Rooms and people by id (model.c's hash tables, each one malloc
	 * block); rebuilt by programme_index(), NULL before. */
	struct programme_ids *room_index, *people_index;
	/* Where loaders keep the sessions' strings (arena.h; struct
	 * session's `stored`): programme_store(); freed after the
	 * sessions. */
	struct arena *store;
};

struct programme *programme_new(void);
void programme_free(struct programme *p);

/* The programme's string store (made on first use), for loaders. */
struct arena *programme_store(struct programme *p);

/* Appends a zeroed element and returns it; the programme owns it. */
struct room *programme_add_room(struct programme *p);
struct building *programme_add_building(struct programme *p);
struct walk *programme_add_walk(struct programme *p);
struct participant *programme_add_participant(struct programme *p);
struct session *programme_add_session(struct programme *p);
/* Room for n more sessions, so that a loader that can tell how many come
 * sizes the array once instead of copying it as it doubles. */
void programme_reserve_sessions(struct programme *p, size_t n);
/* The same for rooms and participants (a registry loader, from its
 * sections). */
void programme_reserve_rooms(struct programme *p, size_t n);
void programme_reserve_people(struct programme *p, size_t n);

/*
 * The file, relative to the programme directory, that a session made in
 * dais with this UID gets when conf.new_sessions_dir is set:
 * "<dir>/<uid>.ics", the UID made safe for a file name (ASCII letters,
 * digits and "-_.@+=" and every byte from 0x80 kept, anything else and
 * a leading "." as %XX; a long UID cut and followed by "~" and a hash).
 * Different UIDs get different names. The caller frees it.
 */
char *programme_session_file_name(const struct conference *c, const char *uid);
/*
 * The index of `name` in conf.files, appended (with a file_hash of 0:
 * "did not exist") when it is not there yet. Indexes already handed out
 * stay valid.
 */
size_t programme_add_file(struct programme *p, const char *name);

/* Builds the id indexes; call after adding, removing or renaming rooms
 * and participants. */
void programme_index(struct programme *p);
const struct room *programme_find_room(const struct programme *p,
                                       const char *id);
const struct participant *programme_find_participant(const struct programme *p,
                                                     const char *id);
/* Index of the session with this UID (and recurrence id), or -1. */
long programme_find_session(const struct programme *p, const char *uid,
                            dais_time recurrence_id);
/* The display name of a building, or NULL when no building has the id. */
const char *programme_building_name(const struct programme *p, const char *id);
/* Walking minutes between two rooms' buildings; 0 in one building. */
int programme_walk_minutes(const struct programme *p, const struct room *a,
                           const struct room *b);
/* The first session index whose start is at or after t (sessions are in
 * time order: programme_sort_sessions), or nsessions. */
size_t programme_first_from(const struct programme *p, dais_time t);
/* The conference days as "2026-11-04, 2026-11-05", for messages that list
 * them; the caller frees it. */
char *programme_days_text(const struct programme *p);
/* The conference day index of a session's start, or -1 if on no day. */
int programme_day_of(const struct programme *p, dais_time t);

void session_init(struct session *s);
/* Releases what s owns (a stored field: nothing, its store keeps it) and
 * leaves s as session_init does. A session holding stored fields must be
 * freed before its programme. */
void session_free(struct session *s);
/* session_free, then free(s) itself; NULL is fine. */
void session_destroy(struct session *s);
void session_copy(struct session *dst, const struct session *src);
/* Appends a copy of (id, role, cn); stored assignments become the
 * session's own copies first. */
struct assignment *session_add_assignment(struct session *s, const char *id,
                                          enum role role, const char *cn);
/* Takes out the assignment at index `at` (of s->nassign), keeping the
 * others' order; stored assignments become the session's own copies
 * first. */
void session_remove_assignment(struct session *s, size_t at);
/* Room for n more assignments, so that a loader that knows how many come
 * allocates them once and exactly (a session holds a handful; the usual
 * doubling from 8 left most of the room unused). */
void session_reserve_assignments(struct session *s, size_t n);
/* Index of the participant's assignment in the session, or -1. */
long session_find_assignment(const struct session *s, const char *id);
/* Whether a session holds its room and people for its time: not
 * cancelled, not an all-day item (model.h). The conflict engine and the
 * slot search look only at these. */
bool session_blocks_time(const struct session *s);
/* Sorts sessions by start, then end, then room id, then UID. */
void programme_sort_sessions(struct programme *p);
/* That order: negative when a comes before b, 0 for the same key. */
int session_order_cmp(const struct session *a, const struct session *b);

#endif
