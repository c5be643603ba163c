/*
 * save_internal.h: what the pieces of the saver share. save.c plans a save
 * by file and splices each file (programme_save); save_event.c writes one
 * VEVENT; save_analyse.c compares the files with what dais read
 * (save_analyse, save_merge); save_copy.c writes the user's version
 * elsewhere (save_copy). Private to src/io/save*.c.
 */
#ifndef DAIS_IO_SAVE_INTERNAL_H
#define DAIS_IO_SAVE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dais/changeset.h"
#include "dais/diag.h"
#include "dais/edit.h"
#include "dais/journal.h"
#include "dais/model.h"
#include "dais/strbuf.h"
#include "ics_text.h"

/* ---- save.c ------------------------------------------------------------ */

/* The file's bytes (the caller frees them); *why says why not. */
char *save_read_whole(const char *path, size_t *len, char **why);
/*
 * The new bytes of a file into *result (the caller frees them): `text`
 * (len bytes; owned, freed here; NULL for a new calendar) with the plan
 * applied: kept blocks as they were, changed ones regenerated, deleted
 * ones left out, new sessions (and overrides of occurrences that had
 * none) before END:VCALENDAR.
 */
bool save_splice_text(const struct programme *p,
                      const struct changeset_file *plan, char *text, size_t len,
                      struct strbuf *result, char **why);

/* How save_files treats one file of the plan. */
struct save_target {
	/* The hash its bytes must have (0: it must not exist), or it is
	 * not overwritten: nobody's change is. */
	uint64_t expect;
	bool again;  /* the expectation came from save_analyse */
	bool record; /* the written bytes' hash becomes the programme's
	                fingerprint of the file (editor_set_file_hash) */
};

/*
 * Writes every file the changeset touches (targets: one per conf.files
 * entry), as one recoverable unit when there is a journal: the new bytes
 * of all are made first, the journal records the save's intent, then
 * each file is swapped in. A file that fails gets a diag; the others are
 * still written. False when some file was not.
 */
bool save_files(struct editor *ed, const struct changeset *cs,
                const struct save_target *targets, struct journal *j,
                struct diag_list *diags);

/* ---- save_event.c ------------------------------------------------------ */

/* Appends a VEVENT's text for session s (NULL: only the exdates change)
 * to out: from its old block b when it has one, else new. */
bool save_event_text(const struct programme *p, const struct session *s,
                     const struct session *saved, const char *text,
                     const struct ics_text_block *b,
                     const struct strlist *exdates, struct strbuf *out,
                     char **why);
/* Appends the first override of occurrence s->recurrence_id of the series
 * whose head is block `series` of ft: made from the head (every property
 * and nested component but RRULE, RDATE, EXRULE, EXDATE), RECURRENCE-ID
 * in the head's own zone, then s's fields, as Outlook and Thunderbird
 * make one. */
bool save_override_text(const struct programme *p, const struct session *s,
                        const struct session *saved, struct ics_text *ft,
                        const struct ics_text_block *series, struct strbuf *out,
                        char **why);
/* An EXDATE line (no line end) for occurrence rid; the caller frees it. */
char *save_exdate_line(const struct programme *p, dais_time rid);

/* ---- save_analyse.c ---------------------------------------------------- */

/* A list of borrowed sessions. */
struct sesvec {
	const struct session **v;
	size_t n, cap;
};

void save_sesvec_add(struct sesvec *sv, const struct session *s);
/* By UID, then recurrence id. */
int save_key_cmp(const struct session *a, const struct session *b);
void save_sesvec_sort(struct sesvec *sv);
void save_sesvecs_free(struct sesvec *v, size_t n);
/*
 * What differs between two states of one session (SAVE_FIELD_*). Where it
 * came from (source, line) is not content: a block moves when the one
 * above it grows. `sequence`: whether SEQUENCE counts.
 */
unsigned save_session_fields(const struct session *a, const struct session *b,
                             bool sequence);
/*
 * An empty programme with p's conference, to parse one file or one
 * fetched resource into (save_parse_current, `dais sync`): the loader
 * reads only the conference (zone, days, kinds) while parsing.
 */
struct programme *save_scratch_programme(const struct programme *p);
/*
 * The sessions of file `index` as they are in `text`, parsed with the
 * loader into a scratch programme (returned; the caller frees it). *why
 * gets the first error when the file does not load cleanly; NULL back
 * when it is no calendar at all.
 */
struct programme *save_parse_current(const struct programme *p, int index,
                                     const char *text, size_t len,
                                     const char *path, char **why);
/*
 * Reads `path` as it is now: 1 with *text (the caller frees it), 0 when
 * there is no such file, -1 when something that is not a file took its
 * place, -2 when dais may not look at it or read it (a permission): then
 * nobody can tell whether it changed. *why says which, naming the path.
 */
int save_read_current(const char *path, char **text, size_t *len, char **why);
/* For each file, the sessions as the user has them now. */
struct sesvec *save_current_by_file(const struct programme *p);

#endif
