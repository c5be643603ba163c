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
	struct rs_block *blocks;
	size_t nblocks, capblocks;
};

struct rs_doc {
	char *conference;
	char *produced; /* "Produced 2026-11-01 09:00 Asia/Kuwait" */
	char *created;  /* the same instant, ISO 8601, for PDF metadata */
	char *marking;  /* "Internal: not for distribution" */
	struct rs_section *sections;
	size_t nsections, capsections;
};

/* Builds the document; the options must have passed runsheet_check. */
struct rs_doc *rs_doc_build(const struct programme *p,
                            const struct runsheet_options *o);
void rs_doc_free(struct rs_doc *d);

/* The text sheet (runsheet_text.c); the caller frees it. */
char *rs_text_render(const struct rs_doc *d, int page_length, int *pages);

/* The PDF sheet (runsheet_pdf.c), written to out. */
bool rs_pdf_render(const struct rs_doc *d, FILE *out, int *pages, char **why);

#endif
