/*
 * runsheet.h: the daily run-sheet that floor managers print: every session
 * of a day (or of one room) in time order with its people, attendance,
 * interpretation, changeover, internal notes and conflicts. Text (80
 * columns, paginated, for a terminal or lpr) and, when built with pango and
 * cairo, an A4 PDF. Nothing here prints to the terminal or exits.
 */
#ifndef DAIS_RUNSHEET_H
#define DAIS_RUNSHEET_H

#include <stdbool.h>
#include <stdio.h>

#include "dais/dtime.h"
#include "dais/model.h"

enum runsheet_format {
	RUNSHEET_TEXT,
	RUNSHEET_PDF,
};

#define RUNSHEET_PAGE_LENGTH     66 /* lines on a printer page (11in at 6lpi) */
#define RUNSHEET_MIN_PAGE_LENGTH 12

struct runsheet_options {
	enum runsheet_format format;
	bool all_days;        /* every conference day, each from a new page */
	struct dais_date day; /* the day, when not all_days */
	const char *room_id;  /* one room's sheet; NULL for every room */
	/* Text: lines per page, form feed between pages; 0: one long page. */
	int page_length;
	/* When the sheet was produced (shown in the footer). */
	dais_time produced;
	/*
	 * A participant's, delegation's or organisation's own programme
	 * instead of the floor managers' sheet: the sessions `dais export
	 * --for` puts in their calendar, cancelled ones left out, with their
	 * role, room, the walk to the next building, where the rest of their
	 * delegation is meanwhile, and the public description; never the
	 * internal notes or conflicts. Every day unless all_days is false.
	 * Borrowed; NULL for the run-sheet.
	 */
	const char *for_id;
};

/* Text, every room, page length 66, no day chosen yet, produced now. */
void runsheet_options_init(struct runsheet_options *o);

/* True when this build can write PDF (meson option pdf). */
bool runsheet_pdf_available(void);

/*
 * Checks the options against p: the day is a conference day (the message
 * lists the days), the room exists (it lists the room ids), the page length
 * is usable, the format is built in. Returns false with *why (owned by the
 * caller) when the sheet cannot be made as asked.
 */
bool runsheet_check(const struct programme *p, const struct runsheet_options *o,
                    char **why);

/*
 * Writes the run-sheet to an open stream (text or PDF bytes). Returns false
 * with *msg saying why; on success *msg says what was written ("2 pages").
 * Messages are owned by the caller; msg may be NULL.
 */
bool runsheet_write(const struct programme *p, const struct runsheet_options *o,
                    FILE *out, char **msg);

/*
 * Writes the run-sheet to `path` atomically (atomicfile.h): the file holds
 * the old content or the whole new sheet, never half of it.
 */
bool runsheet_save(const struct programme *p, const struct runsheet_options *o,
                   const char *path, char **msg);

/*
 * Hands the run-sheet to a print command (run with /bin/sh -c, e.g. "lpr"
 * or "lp -d floor"), on its standard input. The command's own output is
 * captured, never shown on the terminal, so a full-screen program can call
 * this; when the command fails, *msg quotes the first line it printed.
 */
bool runsheet_print(const struct programme *p, const struct runsheet_options *o,
                    const char *command, char **msg);

/*
 * One personal programme per participant of participants.ini who has a
 * session in it (see for_id, ignored here): `dir`/<id>.txt or .pdf,
 * each written atomically; `dir` is made when missing. Stops at the first
 * file that cannot be written (*msg names it); *written (may be NULL)
 * receives the count either way.
 */
bool runsheet_per_participant(const struct programme *p,
                              const struct runsheet_options *o, const char *dir,
                              size_t *written, char **msg);

/*
 * The text run-sheet as one string (owned by the caller), and its page
 * count in *pages when pages is not NULL. NULL with *why when the options
 * do not fit p (see runsheet_check).
 */
char *runsheet_text(const struct programme *p, const struct runsheet_options *o,
                    int *pages, char **why);

#endif
