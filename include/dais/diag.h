/*
 * diag.h: problems found in what the user wrote (a file, a line, a session),
 * each with a sentence saying what to fix. Loaders collect them; front ends
 * decide how to show them. Nothing here prints or exits.
 */
#ifndef DAIS_DIAG_H
#define DAIS_DIAG_H

#include <stddef.h>

enum diag_level {
	DIAG_WARNING, /* the input was read; this part was odd or ignored */
	DIAG_ERROR,   /* the input cannot be trusted: refuse it (exit 2) */
};

/* What a problem is about, for a front end that treats some kinds apart
 * rather than by their wording; most are DIAG_KIND_OTHER. */
enum diag_kind {
	DIAG_KIND_OTHER,
	/* An ATTENDEE linked to no participant (no dais id): its session
	 * loads, that person's conflicts go unchecked. */
	DIAG_KIND_ATTENDEE_UNLINKED,
};

struct diag {
	enum diag_level level;
	enum diag_kind kind;
	char *file;    /* path as the user would recognise it, or NULL */
	int line;      /* 1-based line in file, or 0 when not known */
	char *uid;     /* the session's UID, or NULL */
	char *message; /* a sentence: what is wrong and what to do */
	/* "'Courtesy call', Wed 4 Nov 2026 08:00": the session as an
	 * organiser finds it, shown instead of a UID too long to read
	 * (diag_name_sessions); NULL otherwise. */
	char *session;
};

struct diag_list {
	struct diag *v;
	size_t n, cap;
};

void diag_add(struct diag_list *list, enum diag_level level, const char *file,
              int line, const char *uid, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* The same, for a problem of a kind front ends may single out. */
void diag_add_kind(struct diag_list *list, enum diag_level level,
                   enum diag_kind kind, const char *file, int line,
                   const char *uid, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));
size_t diag_count(const struct diag_list *list, enum diag_level level);
/* Frees the entries, leaving an empty list that can be reused. */
void diag_clear(struct diag_list *list);
struct programme;
/*
 * Names by title and start the sessions of the diags whose UID is longer
 * than DIAG_UID_READABLE bytes (Outlook's and Exchange's are 110 hex
 * digits, which nobody can find in the planner), from the loaded
 * programme p; other UIDs are shown as they are.
 */
#define DIAG_UID_READABLE 40
void diag_name_sessions(struct diag_list *list, const struct programme *p);
/*
 * "file:line: error: message (session UID)", or "(session 'Title', Wed 4
 * Nov 2026 08:00)" when diag_name_sessions named it. The caller frees the
 * result. Used by every front end so the wording is the same everywhere.
 */
char *diag_format(const struct diag *d);

#endif
