/*
 * ics_text.h: iCalendar text as the loader and the saver both read it:
 * physical lines (from a file in chunks or from memory, bounded), unfolded
 * into logical lines with their line numbers and byte ranges; a file split
 * into its top-level blocks, each VEVENT known by (UID, RECURRENCE-ID); and
 * the zone a TZID names (the file's own VTIMEZONE first, then the zone
 * database). One reader, so the saver finds the block the loader read a
 * session from. Private to src/io/.
 */
#ifndef DAIS_IO_ICS_TEXT_H
#define DAIS_IO_ICS_TEXT_H

#include <libical/ical.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "dais/dtime.h"

/* libical's prefix of its built-in zones' TZIDs ("…/Asia/Kuwait"). */
#define ICS_FREEASSOC_PREFIX "/freeassociation.sourceforge.net/"

/* A line longer than this (unfolded) is not kept: see ics_logical. */
#define ICS_MAX_LINE (4 * 1024 * 1024) /* bytes */

/* ---- Lines ------------------------------------------------------------ */

/* Where the physical lines come from: a file, or bytes in memory, read in
 * chunks into one buffer. Set it up with ics_source_file or
 * ics_source_mem. */
struct ics_source {
	FILE *fp;              /* NULL: the bytes are in memory */
	const char *mem;       /* memory: all of it */
	size_t memlen, memoff; /* memoff: bytes of mem read so far */
	/* [start, len) read but not handed out yet; [keep, start) handed
	 * out and still in use (ics_unfold's line), so a refill keeps it.
	 * One byte past len is always there, for a NUL. */
	char *buf;
	size_t cap, start, len, keep;
	size_t offset; /* bytes handed out so far, with their line ends */
	bool eof;
	/* Given every byte as it is read; NULL: none. Not owned. */
	struct filehash_stream *hash;
};

void ics_source_file(struct ics_source *src, FILE *fp);
/* Borrows data (len bytes; no NUL needed) for as long as it is read. */
void ics_source_mem(struct ics_source *src, const char *data, size_t len);
void ics_source_free(struct ics_source *src);
/* Reads the rest of the source (for its hash); false on a read error. */
bool ics_source_drain(struct ics_source *src);

/* One unfolded line. */
struct ics_logical {
	/* The line without its line ends and folding blanks, NUL-terminated,
	 * valid until the next ics_unfold_next; NULL when too_long. A line
	 * of one physical line is read where the source holds it. */
	char *s;
	size_t len; /* the unfolded length, also when too long */
	int line;   /* the physical line it starts on, from 1 */
	/* Byte range of its physical lines in the source, line ends
	 * included: [start, end). */
	size_t start, end;
	bool too_long; /* over ICS_MAX_LINE: its text was not kept */
	bool bom;      /* line 1 began with a UTF-8 byte order mark (skipped) */
};

/* Unfolds the lines of a source (RFC 5545 3.1: CRLF or LF, then a blank
 * continues the line). */
struct ics_unfold {
	struct ics_source *src;
	char *buf; /* a folded line, joined */
	size_t cap;
	int lineno; /* physical lines read so far */
	/* The physical line read ahead to see whether it continues the
	 * last one: next_n bytes at src->buf + next_at. */
	size_t next_at, next_n, next_start, next_end;
	bool have_next, started;
};

void ics_unfold_init(struct ics_unfold *u, struct ics_source *src);
/* The next logical line into *out; false at the end of the source. */
bool ics_unfold_next(struct ics_unfold *u, struct ics_logical *out);
void ics_unfold_free(struct ics_unfold *u);

/* Whether the n bytes at s begin with prefix, in any case. */
bool ics_starts_with_ci(const char *s, size_t n, const char *prefix);
/* Whether the n bytes at s are the line `line` (such as "BEGIN:VEVENT"), in
 * any case, trailing blanks allowed: a whole name, as the loader compares
 * component names, so "BEGIN:VEVENTX" is not a VEVENT. */
bool ics_line_is(const char *s, size_t n, const char *line);
/* Whether the n bytes at s are a property `name` (followed by ':' or ';'):
 * "RECURRENCE-ID;TZID=…" is one, "RECURRENCE-IDX:…" is not. */
bool ics_property_is(const char *s, size_t n, const char *name);

/* ---- Zones ------------------------------------------------------------ */

enum ics_tz_kind {
	ICS_TZ_UTC,      /* a Z time */
	ICS_TZ_ZONE,     /* a TZID that was found */
	ICS_TZ_FLOATING, /* no TZID and no Z: the conference's wall clock */
	ICS_TZ_UNKNOWN,  /* a TZID nobody defines */
};

struct ics_tz {
	enum ics_tz_kind kind;
	icaltimezone *zone; /* for ICS_TZ_ZONE; borrowed from the zones */
	const char *tzid;   /* as written; borrowed from the property */
};

/* A VTIMEZONE of the file. */
struct ics_zone {
	char *tzid;
	icaltimezone *zone; /* owned; holds the VTIMEZONE component */
};

/* TZID -> index into an array of ics_zone, so that a file of thousands of
 * VTIMEZONEs is not looked through once per TZID (open addressing; a slot
 * holds index + 1, 0 when empty). */
struct ics_tzindex {
	size_t *slot;
	size_t cap; /* a power of two, or 0 */
};

/* The zones one file's TZIDs may name, and a cache of the lookups. */
struct ics_zones {
	struct ics_zone *v;
	size_t n, cap;
	struct ics_zone *cache; /* TZID -> zone; zone NULL when unknown */
	size_t ncache, capcache;
	/* 1 + the index in cache of the TZID found last, 0 for none: most
	 * times of a file name the same TZID, and a comparison with it is
	 * cheaper than hashing it. */
	size_t last;
	struct ics_tzindex ix, cacheix;
};

enum ics_zone_added {
	ICS_ZONE_ADDED,
	ICS_ZONE_NO_TZID,   /* no TZID: nothing can refer to it */
	ICS_ZONE_NO_RULES,  /* no STANDARD or DAYLIGHT part */
	ICS_ZONE_REPEATED,  /* the same TZID again, the same text */
	ICS_ZONE_REDEFINED, /* the same TZID again, differently: first wins */
	ICS_ZONE_UNUSABLE,  /* libical cannot use it */
	ICS_ZONE_FAST_RULE, /* an observance recurs more often than yearly */
};

/*
 * The components of kind `kind` directly under c (ICAL_ANY_COMPONENT: all),
 * in order, into an array the caller frees (NULL when *n is 0). Collected
 * first because libical's iterator is c's own: removing a component, or
 * walking a child's children with the same calls, breaks a loop over it.
 */
icalcomponent **ics_children(icalcomponent *c, icalcomponent_kind kind,
                             size_t *n);

/* Adds VTIMEZONE c (owned by the zones when added, else freed). */
enum ics_zone_added ics_zones_add(struct ics_zones *zs, icalcomponent *c);
/* The zone of a TZID: the file's VTIMEZONE, else the zone database (with
 * or without libical's prefix); NULL when neither has it. */
icaltimezone *ics_zones_find(struct ics_zones *zs, const char *tzid);
/* The zone a date-time property's value t is written in. */
struct ics_tz ics_zones_prop_tz(struct ics_zones *zs, icalproperty *prop,
                                struct icaltimetype t);
/* The same from the property's TZID parameter (NULL when it has none),
 * for a reader that has already found it. */
struct ics_tz ics_zones_param_tz(struct ics_zones *zs, icalparameter *tzid,
                                 struct icaltimetype t);
/* A TZID parameter's text ("" when it has none), as the above reads it. */
const char *ics_tz_name(icalparameter *tzid);
/* The same for a reader that has looked the TZID's text up itself: utc
 * (icaltime_is_utc of the time), tzid (NULL: the property has no TZID)
 * and its zone (NULL: none found). Inline: the loader asks it for every
 * time of every VEVENT. */
static inline struct ics_tz
ics_tz_of(bool utc, const char *tzid, icaltimezone *zone)
{
	struct ics_tz tz = {ICS_TZ_FLOATING, NULL, NULL};

	if (utc) {
		tz.kind = ICS_TZ_UTC;
		return tz;
	}
	if (tzid == NULL)
		return tz;
	tz.tzid = tzid;
	tz.zone = zone;
	tz.kind = zone != NULL ? ICS_TZ_ZONE : ICS_TZ_UNKNOWN;
	return tz;
}
void ics_zones_free(struct ics_zones *zs);

/* The instant of wall-clock time t in tz; a floating time (or one of an
 * unknown zone) is read in the conference zone `conf`. */
dais_time ics_tz_instant(const struct dais_zone *conf, struct icaltimetype t,
                         const struct ics_tz *tz);
/* The inverse: the wall-clock time of instant t in tz. */
struct icaltimetype ics_tz_wall(const struct dais_zone *conf, dais_time t,
                                const struct ics_tz *tz);

/*
 * The conference zone's VTIMEZONE from the zone database, named by its
 * plain IANA name (not libical's prefixed one), as the TZID= of every
 * event dais writes: serialised (the caller frees it), or NULL when the
 * database has no such zone.
 */
char *ics_zone_vtimezone_text(const char *name);

/* ---- A file as blocks ------------------------------------------------- */

/* One top-level component of a file (inside VCALENDAR), as text. */
struct ics_text_block {
	size_t start, end; /* byte range in the file text */
	int line;          /* 1-based line of its BEGIN */
	bool vevent, vtimezone;
	char *uid;      /* a VEVENT's UID; NULL when it has none */
	char *tzid;     /* a VTIMEZONE's TZID; NULL when it has none */
	char *rid_text; /* its RECURRENCE-ID line, unfolded; or NULL */
	dais_time rid;  /* RECURRENCE-ID, or DAIS_TIME_NONE */
	bool master;    /* has RRULE or RDATE: the head of a series */
};

struct ics_text {
	const char *text; /* borrowed */
	size_t len;
	struct ics_text_block *blocks;
	size_t nblocks, capblocks;
	size_t calendar_end; /* offset of "END:VCALENDAR", or len */
	/* Whether the text is VCALENDARs only, every component closed. */
	bool well_formed;
	const struct dais_zone *conf;
	struct ics_zones zones; /* the file's VTIMEZONEs */
};

/*
 * Splits text (len bytes, borrowed until ics_text_free) into its blocks,
 * and reads each VEVENT's UID, RECURRENCE-ID (through the file's zones,
 * as the loader reads it; floating times in `conf`) and RRULE/RDATE.
 */
void ics_text_split(struct ics_text *t, const char *text, size_t len,
                    const struct dais_zone *conf);
void ics_text_free(struct ics_text *t);

/* The instant of a DATE-TIME property line (RECURRENCE-ID, EXDATE: its
 * first value) as the loader reads it; DAIS_TIME_NONE when it has none. */
dais_time ics_text_instant(struct ics_text *t, const char *line);
/* Whether block b (a series head) has an EXDATE for instant rid. */
bool ics_text_excludes(struct ics_text *t, const struct ics_text_block *b,
                       dais_time rid);
/* Whether the file has a VTIMEZONE block with this TZID. */
bool ics_text_has_zone(const struct ics_text *t, const char *tzid);

#endif
