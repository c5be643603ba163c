/*
 * ics_internal.h: what the pieces of the .ics loader share (ics_load.c
 * reads a file into components, ics_file.c keeps what is known of the
 * file so far, ics_event.c turns a VEVENT into a session,
 * ics_recur.c expands a recurring one; lines and zones come from
 * ics_text.h, shared with the saver). Private to src/io/.
 */
#ifndef DAIS_IO_ICS_INTERNAL_H
#define DAIS_IO_ICS_INTERNAL_H

#include <libical/ical.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dais/diag.h"
#include "dais/model.h"
#include "ics_text.h"

/* An occurrence cap, so a rule like FREQ=SECONDLY cannot run away. */
#define ICS_MAX_OCCURRENCES 10000
/* Periods of a rule stepping by the second, minute or hour that libical
 * may walk through the conference (about a microsecond each): per rule,
 * and for all the rules of a file. */
#define ICS_MAX_RULE_STEPS      1000000
#define ICS_MAX_FILE_RULE_STEPS 10000000
/* Sessions one recurring VEVENT may make on the conference days: a two-day
 * programme has a few dozen; each more can clash with all the others. */
#define ICS_MAX_SERIES_SESSIONS 1000

/*
 * Bounds on one file, so that a hostile or broken file is refused with a
 * message naming its line instead of taking the machine's memory or time
 * (tests/cli/load_ics_bounds.sh shows what each costs). Real calendars stay
 * far below them: lines of a few hundred bytes (ICS_MAX_LINE, in
 * ics_text.h), components of a few hundred lines, nesting two deep
 * (VEVENT > VALARM).
 */
#define ICS_MAX_COMPONENT_LINES 50000
#define ICS_MAX_COMPONENT_BYTES (16 * 1024 * 1024)
#define ICS_MAX_ATTENDEES       10000 /* ATTENDEE lines of one VEVENT */
#define ICS_MAX_DEPTH           16    /* components inside a top one */
#define ICS_MAX_DIAGS           1000  /* listed per file; then a count */
#define ICS_MAX_ZONES           200   /* VTIMEZONEs read in one file */
/* The table of a file's UIDs (ics_keys_expect): its fewest slots, the most
 * it is given before its first key, and the bytes of a VEVENT it counts
 * on. A generated VEVENT takes 600 bytes and one with a few attendees as
 * dais writes it 400 or more; an estimate on the high side would cost
 * pages of a table that stays empty (below 2 MiB it is cleared whole),
 * one on the low side a doubling or two, as before there was one. */
#define ICS_KEYS_MIN         1024
#define ICS_KEYS_MAX         ((size_t)1 << 20)
#define ICS_MIN_VEVENT_BYTES 512

/* One unfolded line of a component, as written. */
struct ics_line {
	size_t off;     /* into ics_block.text; NUL-terminated there */
	int line;       /* the physical line it starts on */
	bool own;       /* a property of the top component, not of a child */
	bool odd_child; /* BEGIN: of a child dais does not know (X-...) */
};

/* The text of one top-level component, kept while it is parsed. */
struct ics_block {
	char *text;
	size_t len, cap;
	struct ics_line *lines;
	size_t n, capn;
	int begin_line;
	bool broken;   /* its BEGIN/END structure is wrong; already reported */
	bool odd_kids; /* some line is odd_child */
	/* 1 + the index of the top component's first SEQUENCE line, 0 when
	 * it has none: read as written for every VEVENT (libical reads
	 * SEQUENCE:abc as 0), and found as the line goes by. */
	size_t sequence;
};

const char *ics_block_text(const struct ics_block *b, size_t i);
/* The value of the top component's first `name` property as written (not
 * unescaped), and its line; NULL when there is none. */
const char *ics_block_value(const struct ics_block *b, const char *name,
                            int *line);
/* The same of line i of the block, a property of the top component. */
const char *ics_block_value_at(const struct ics_block *b, size_t i, int *line);

/* An RRULE, RDATE or EXDATE line of a series, for messages. */
struct ics_rline {
	char *text;
	int line;
};

/* A VEVENT read into a session, waiting to be added or expanded. */
struct ics_event {
	struct session s;
	bool ok;             /* no error: it may join the programme */
	bool recurs;         /* RRULE or RDATE, and no RECURRENCE-ID */
	bool override;       /* RECURRENCE-ID: s.recurrence_id is set */
	bool used;           /* an override that replaced an occurrence */
	icalcomponent *comp; /* kept for a recurring master, else NULL */
	struct ics_tz tz;    /* DTSTART's zone */
	struct icaltimetype dtstart;
	/* End of each occurrence: DURATION is nominal for days and weeks
	 * (RFC 5545 3.8.5.3); DTEND gives an exact length. */
	bool nominal;
	struct icaldurationtype dur;
	dais_time length;
	struct ics_rline *rlines;
	size_t nrlines;
};

/* Duplicate detection within a file: (UID, RECURRENCE-ID) -> event. */
enum ics_key_kind {
	ICS_KEY_PLAIN,    /* a session that does not recur */
	ICS_KEY_MASTER,   /* the head of a series; index into series */
	ICS_KEY_OVERRIDE, /* index into overrides */
};

/* What a (UID, RECURRENCE-ID) of the file names (ics_key_find's answer). */
struct ics_key {
	enum ics_key_kind kind;
	size_t index; /* into series or overrides, by kind */
	int line;     /* of its BEGIN:VEVENT */
};

/*
 * A key that is no session of the programme: a series head or an override
 * (kept in series or overrides until the end of the file), or a refused
 * session. Its UID is borrowed from the session (nothing releases a UID
 * while its file is read; an override moved into the programme keeps the
 * same string), or owned when the session was refused.
 */
struct ics_key_entry {
	char *uid;
	bool owned;
	dais_time rid;
	struct ics_key key;
};

/*
 * A slot of the key table: 8 bytes, so that the table of a file of 10 000
 * sessions is 128 KiB, not the megabyte of 32-byte slots holding the UID,
 * time and line (its pages were a quarter of dais check's page faults, and
 * each insert a cache miss). A plain session's key is found through the
 * programme's session, whose UID and line it already holds; the rest
 * through ics_file.key_entries.
 */
struct ics_key_slot {
	uint32_t hash; /* of (UID, RECURRENCE-ID); says where it goes */
	/* 0: empty; 2 * (i + 1) for the programme's session i, and
	 * 2 * (i + 1) + 1 for key_entries[i]. */
	uint32_t ref;
};

/*
 * A wall-clock time in a zone already turned into an instant. A programme's
 * sessions share a few dozen start and end times, and libical's conversion
 * was most of what reading a time cost: the file keeps the last ones,
 * each in the slot its time hashes to.
 */
#define ICS_INSTANT_MEMO 64 /* slots, a power of two */
struct ics_instant_memo {
	int year, month, day, hour, minute, second, is_date;
	enum ics_tz_kind kind;
	const icaltimezone *zone; /* borrowed: the file's zones outlive it */
	dais_time instant;
	bool used;
};

/* One file being read. */
struct ics_file {
	struct programme *p;
	int source;
	const char *shown;
	struct diag_list *diags;
	icalparser *parser;
	bool final; /* read to the end: no VTIMEZONE can come later */

	struct ics_zones zones; /* the file's VTIMEZONEs, the TZIDs seen */
	struct ics_instant_memo instants[ICS_INSTANT_MEMO];

	struct ics_event *series, *overrides;
	size_t nseries, capseries, noverrides, capoverrides;

	struct ics_key_slot *keys; /* open addressing, a power of two */
	size_t nkeys, capkeys;
	struct ics_key_entry *key_entries;
	size_t nkey_entries, capkey_entries;

	/* The last kind (CATEGORIES) read, as the file spells it, and as it
	 * was stored (ics_event_read_kind); both interned, NULL at first. */
	const char *kind_read;
	size_t kind_read_len;
	char *kind_stored;

	/* The ATTENDEEs of the VEVENT being read (ics_event.c's), one buffer
	 * for every VEVENT of the file. */
	struct ics_attendee *attendees;
	size_t capattendees;

	dais_time rule_steps; /* of ICS_MAX_FILE_RULE_STEPS, so far */
	/* Diagnostics past ICS_MAX_DIAGS are counted, not kept. */
	size_t ndiags, dropped, dropped_errors;
};

/*
 * ics_load_file on bytes in memory (len of them at data; no NUL needed):
 * the same reading, the same messages, naming `shown`. For tests and the
 * fuzzer (fuzz/), which would otherwise write every input to a file.
 */
bool ics_load_buffer(struct programme *p, int source, const char *data,
                     size_t len, const char *shown, struct diag_list *diags);

/* A printable quote of a line for a message: at most about max bytes,
 * "..." after a cut, never inside a UTF-8 sequence. The caller frees it. */
char *ics_quote(const char *s, size_t max);

void ics_diag(struct ics_file *f, enum diag_level level, int line,
              const char *uid, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* The same for a problem of a kind front ends single out (diag.h). */
void ics_diag_kind(struct ics_file *f, enum diag_level level,
                   enum diag_kind kind, int line, const char *uid,
                   const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* The zone of a TZID: the file's VTIMEZONE, else the zone database (with
 * or without libical's /freeassociation.sourceforge.net/ prefix). */
icaltimezone *ics_zone_find(struct ics_file *f, const char *tzid);
/* The zone a date-time property's value is written in. */
struct ics_tz ics_prop_tz(struct ics_file *f, icalproperty *prop,
                          struct icaltimetype t);
dais_time ics_to_instant(const struct ics_file *f, struct icaltimetype t,
                         const struct ics_tz *tz);
/* Whether t in tz (not ICS_TZ_UNKNOWN) was remembered: its instant in
 * *out. Only times found valid are remembered. */
bool ics_instant_recall(const struct ics_file *f, struct icaltimetype t,
                        const struct ics_tz *tz, dais_time *out);
/* Remembers the instant of valid time t in tz (ics_to_instant's). */
void ics_instant_remember(struct ics_file *f, struct icaltimetype t,
                          const struct ics_tz *tz, dais_time instant);
/* The wall-clock time of an instant in tz (the inverse of the above). */
struct icaltimetype ics_from_instant(const struct ics_file *f, dais_time t,
                                     const struct ics_tz *tz);
/* False when the fields are not a real date and time (Nov 31, 25:00). */
bool ics_time_valid(struct icaltimetype t);

/* Sizes the table of keys for a file of this many bytes before the first
 * key, so that it is not copied as it doubles (at 100 000 sessions
 * growing it took 1 000 page faults, half of dais check's). */
void ics_keys_expect(struct ics_file *f, size_t bytes);
/* Frees the keys and what they own (the reader's end). */
void ics_keys_free(struct ics_file *f);
/* A key lookup: false when (uid, rid) is not in the file (yet), else
 * what it names in *out. */
bool ics_key_find(struct ics_file *f, const char *uid, dais_time rid,
                  struct ics_key *out);
/* The slot of key (uid, rid) in the table, asked of the processor ahead of
 * ics_event_take's lookup (a table of 10 000 keys is out of the cache
 * between two VEVENTs). */
void ics_key_prefetch(const struct ics_file *f, const char *uid, dais_time rid);

/*
 * Reads VEVENT c (parsed from block b) into ev, reporting every problem.
 * ev->ok says whether it may join the programme. The caller owns c, unless
 * ev->comp == c afterwards (a recurring master keeps it for expansion).
 * Before the end of the file (f->final), false when a TZID of c names no
 * zone yet: nothing is read or reported, and c is to be read again once
 * every VTIMEZONE is known.
 */
bool ics_event_read(struct ics_file *f, icalcomponent *c,
                    const struct ics_block *b, struct ics_event *ev);
void ics_event_free(struct ics_event *ev);
/* The end of an occurrence of ev starting at local wall time `local`
 * (instant `start`). */
dais_time ics_occurrence_end(const struct ics_file *f,
                             const struct ics_event *ev,
                             struct icaltimetype local, dais_time start);

/* Moves the session into the programme; s is left empty. */
void ics_add_session(struct ics_file *f, struct session *s);
/*
 * A VEVENT read: refuses a second one with the same UID (and
 * RECURRENCE-ID), else adds it, or keeps it for the end of the file when
 * it recurs or overrides an occurrence. ev is left empty.
 */
void ics_event_take(struct ics_file *f, struct ics_event *ev);
/* VTIMEZONE c (parsed from block b; taken) joins the file's zones, or is
 * reported and dropped. */
void ics_zone_add(struct ics_file *f, icalcomponent *c,
                  const struct ics_block *b);
/* After the file: the count of what ics_diag left out; an error if any of
 * it was one, so the file is refused as it would have been. */
void ics_finish_diags(struct ics_file *f);

/*
 * Adds the occurrences of a recurring master that fall on conference days,
 * each replaced by its override when the file has one (marking it used).
 */
void ics_series_expand(struct ics_file *f, struct ics_event *master);
/* Overrides that replaced no occurrence: added on their own, or left out
 * with their series' other occurrences outside the conference days. */
void ics_overrides_finish(struct ics_file *f);

#endif
