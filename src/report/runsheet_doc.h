/*
 * runsheet_doc.h: the run-sheet as a document, between the programme and
 * the page: every string already chosen and worded (runsheet.c), so that
 * the text and PDF renderers only lay it out and can never disagree on
 * what a sheet says. Private to src/report.
 */
#ifndef DAIS_RUNSHEET_DOC_H
#define DAIS_RUNSHEET_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "dais/model.h"
#include "dais/runsheet.h"

/* One line of a field: a name with its office, or a plain value. */
struct rs_entry {
	char *text;
	char *detail; /* "Minister of Interior, Kuwait"; NULL when none */
	int number;   /* place in the speaking order; 0 when unnumbered */
};

struct rs_field {
	const char *label; /* static: "Chair", "Speakers" ... */
	bool joined;       /* entries shown as one list joined by ", " */
	struct rs_entry *v;
	size_t n, cap;
};

struct rs_conflict {
	enum severity severity;
	char *text; /* "CONFLICT (error): ... " */
};

struct rs_block {
	char *time;     /* "09:00-10:30" */
	char *start;    /* "09:00" */
	char *end;      /* "10:30" */
	char *duration; /* "1h30" */
	char *title;
	char *meta; /* "1h30 · PLENARY · CONFIRMED" */
	char *kind, *status;
	bool cancelled;
	bool closed;     /* CLASS other than PUBLIC: a closed meeting */
	char *continued; /* "continued from Wed 4 Nov 2026 22:00", or NULL */
	struct rs_field *fields;
	size_t nfields, capfields;
	struct rs_conflict *conflicts;
	size_t nconflicts, capconflicts;
};

/* One day's sheet (of every room or of one). */
struct rs_section {
	char *day;   /* "Wednesday 4 November 2026" */
	char *dayno; /* "Day 1 of 2" */
	char *scope; /* "All rooms" or "Room: Plenary Hall (Main Building)" */
	char *room;  /* room sheets: "Plenary Hall (Main Building)"; or NULL */
	char *summary; /* "5 sessions, 1 cancelled, 2 conflicts" */
	char *empty;   /* what to say when there are no blocks */
	/* "All day: Arrival of delegations, ..." above the sessions; NULL
	 * when the day has no all-day item. */
	char *all_day;
	struct rs_block *blocks;
	size_t nblocks, capblocks;
};

struct rs_doc {
	char *conference;
	char *produced;   /* "Produced 2026-11-01 09:00 Asia/Kuwait" */
	char *created;    /* the same instant, ISO 8601, for PDF metadata */
	char *marking;    /* "INTERNAL", or "Personal programme" */
	const char *tag;  /* static: "RUN-SHEET" or "PROGRAMME" */
	const char *foot; /* static: the PDF footer's notice */
	char *subject;    /* the personal programme's owner; NULL: a sheet */
	/* A personal programme's opening lines (name in its own script,
	 * office, arrival and departure), before the first day; owned. */
	char **intro;
	size_t nintro, capintro;
	struct rs_section *sections;
	size_t nsections, capsections;
};

/* Builds the document; the options must have passed runsheet_check. A
 * personal programme (o->for_id) is built by rs_for_build. */
struct rs_doc *rs_doc_build(const struct programme *p,
                            const struct runsheet_options *o);
/* A document with its header (conference, produced) and no sections. */
struct rs_doc *rs_doc_start(const struct programme *p,
                            const struct runsheet_options *o);
/* One participant's own programme (runsheet_for.c). */
struct rs_doc *rs_for_build(const struct programme *p,
                            const struct runsheet_options *o);

/* Shared by the run-sheet and the personal programme (runsheet.c). Each
 * returns a string the caller frees. */
struct rs_field *rs_add_field(struct rs_block *b, const char *label,
                              bool joined);
/* Takes ownership of text and detail. */
void rs_add_entry(struct rs_field *f, char *text, char *detail, int number);
void rs_add_value(struct rs_block *b, const char *label, char *text);
/* "Name (name in its own script)" of an assignment. */
char *rs_person_name(const struct programme *p, const struct assignment *a);
/* "Room (Building)" */
char *rs_room_label(const struct programme *p, const struct room *r);
char *rs_session_room_label(const struct programme *p, const struct session *s);
/* "10:30", or "01:00+1" when the session ends after the day `from`. */
char *rs_end_label(const struct programme *p, const struct session *s,
                   struct dais_date from);
/* Whether s starts on conference day `day` or runs on past its midnight. */
bool rs_session_on_day(const struct programme *p, const struct session *s,
                       int day);
bool rs_session_before(const struct session *a, const struct session *b);
/* A block's times, title, kind, status and meta line for s on `day`. */
void rs_block_head(const struct programme *p, const struct session *s, int day,
                   struct rs_block *b);
char *rs_short_title(const struct session *s); /* cut to 48 columns */
char *rs_long_date(struct dais_date d);        /* "Wednesday 4 November 2026" */
void rs_doc_free(struct rs_doc *d);

/* The text sheet (runsheet_text.c); the caller frees it. */
char *rs_text_render(const struct rs_doc *d, int page_length, int *pages);

/* The PDF sheet (runsheet_pdf.c), written to out. */
bool rs_pdf_render(const struct rs_doc *d, FILE *out, int *pages, char **why);

#endif
