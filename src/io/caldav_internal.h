/*
 * caldav_internal.h: what the pieces of `dais sync` share: the local
 * working copy cut into sessions by UID (caldav_local.c) and the state
 * file that remembers what was last synced (caldav_state.c). Private to
 * src/io/caldav_*.c.
 */
#ifndef DAIS_IO_CALDAV_INTERNAL_H
#define DAIS_IO_CALDAV_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "dais/strbuf.h"
#include "dais/strmap.h"
#include "ics_text.h"

/* An iCalendar text cut into its top-level components by ics_text. */
struct cal_text {
	char *text; /* owned, NUL-terminated */
	size_t len;
	struct ics_text split; /* its blocks; borrows text */
	bool crlf;             /* its lines end in CRLF */
};

/*
 * Cuts text (taken over: freed by cal_text_free) into blocks. False when
 * it is no calendar (no BEGIN:VCALENDAR, a component not closed).
 */
bool cal_text_parse(struct cal_text *ct, char *text, size_t len);
void cal_text_free(struct cal_text *ct);

/* Appends [s, e) to b with every line ending made CRLF. */
void cal_add_crlf(struct strbuf *b, const char *s, const char *e);

/* The VEVENT blocks of uid concatenated, with CRLF line endings; the
 * caller frees it. NULL when none has that UID. */
char *cal_text_session(const struct cal_text *ct, const char *uid);
/* The VTIMEZONE of tzid (index into split.blocks), or -1. */
long cal_text_zone(const struct cal_text *ct, const char *tzid);

/*
 * A session's fingerprint: its VEVENTs with lines unfolded, line endings,
 * quotes and the order of lines and of VEVENTs ignored, so that a server
 * that re-serialises what it was given (Radicale does) gives the same.
 */
uint64_t cal_fingerprint(const char *vevents);

/*
 * A resource for the server: a VCALENDAR holding the session's VEVENTs
 * and the VTIMEZONEs (from ct) of every TZID they use. Caller frees.
 */
char *cal_resource(const struct cal_text *ct, const char *vevents);

/* The first `name` property's value as written (unfolded, not
 * unescaped); NULL when there is none. The caller frees it. */
char *cal_value(const char *text, const char *name);

/* An href with its %XX escapes decoded (a decoded NUL stays "%00"): two
 * hrefs caldav_href_equal calls equal have the same key. Caller frees. */
char *caldav_href_key(const char *href);

/* ---- the state file ------------------------------------------------ */

#define SYNC_STATE_FILE    ".dais-sync"
#define PUBLISH_STATE_FILE ".dais-publish"

/* The state files' fields: " " and the value percent-encoded ("-" when
 * empty); state_field reads the next one at *cursor (NULL at the end) into
 * a new string. */
void state_put_field(FILE *f, const char *s);
char *state_field(char **cursor);

/* A state file's line of kind `kind` (its first field), the cursor at
 * the next field; false when it is not a line the file may hold. */
typedef bool (*state_line_fn)(void *arg, const char *kind, char **cursor);
/*
 * Reads the state file at path (.dais-sync, .dais-publish) line by line:
 * '#' comments and empty lines skipped, every other line given to take.
 * 1 when read, 0 when there is no file, -1 when it cannot be read (*why)
 * or take refused line *bad_line (*why NULL: the caller says what to do).
 */
int state_file_read(const char *path, state_line_fn take, void *arg,
                    int *bad_line, char **why);

struct sync_entry {
	char *uid;
	char *href;
	char *etag;
	uint64_t fingerprint; /* of the session when last in step */
};

struct sync_state {
	char *url;   /* the collection it describes */
	char *token; /* sync-token, or NULL */
	struct sync_entry *v;
	size_t n, cap;
	/* v's positions by UID and by href key (caldav_href_key), so that
	 * a sync of thousands of sessions does not compare every pair. A
	 * position is checked against v before it is believed (a removal
	 * moves the last entry into the hole); the keys are copies owned by
	 * `keys`, which outlive the entries they were made for. */
	struct strmap by_uid, by_href;
	char **keys;
	size_t nkeys, capkeys;
};

/*
 * Reads dir/.dais-sync. A missing file is an empty state (true). False
 * with *why when it exists but cannot be read or is garbled.
 */
bool sync_state_read(const char *dir, struct sync_state *st, char **why);
/* Writes it atomically; false with *why. */
bool sync_state_write(const char *dir, const struct sync_state *st, char **why);
void sync_state_free(struct sync_state *st);
struct sync_entry *sync_state_find(const struct sync_state *st,
                                   const char *uid);
struct sync_entry *sync_state_find_href(const struct sync_state *st,
                                        const char *href);
/* Sets (adding or replacing) the entry of uid. */
void sync_state_set(struct sync_state *st, const char *uid, const char *href,
                    const char *etag, uint64_t fingerprint);
void sync_state_remove(struct sync_state *st, const char *uid);

#endif
