/*
 * import.h: the accreditation list into participants.ini. A CSV's header
 * names the keys (a default mapping, changed by --map), each row adds a
 * participant or updates one, matched by id or by name; nothing is ever
 * removed. Every row is judged by the registry loader itself, so a
 * refused row carries the loader's own message; participants.ini is
 * written through the lossless INI writer (iniwrite.h), only the lines
 * of changed keys and the new sections changing.
 */
#ifndef DAIS_IMPORT_H
#define DAIS_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "dais/model.h"

/* The keys a column may be mapped to: "id", then participants.ini's. */
extern const char *const import_keys[];

struct import_options {
	const char *dir; /* the programme directory */
	const char *csv; /* the CSV file */
	char sep;        /* ',', ';', '\t', or 0: found from the header */
	/* "COLUMN=KEY" each; KEY "-" leaves the column out. */
	const char *const *map;
	size_t nmap;
	bool dry_run; /* report, write nothing */
};

enum import_outcome {
	IMPORT_ADDED,
	IMPORT_CHANGED,
	IMPORT_UNCHANGED,
	IMPORT_REFUSED,
};

struct import_row {
	int line; /* of the CSV */
	char *id; /* NULL when none could be found or made */
	enum import_outcome outcome;
	/* IMPORT_CHANGED: "arrival \"…\" -> \"…\", phone (new) \"…\"";
	 * IMPORT_ADDED: NULL; IMPORT_REFUSED: why (the loader's message, or
	 * what about the id is wrong). */
	char *detail;
	struct strlist warnings; /* the loader's warnings about the row */
};

struct import_result {
	struct import_row *rows;
	size_t nrows, caprows;
	size_t counts[IMPORT_REFUSED + 1];
	struct strlist notes; /* about the columns: left out, and why */
	bool written;         /* participants.ini was written */
};

enum import_status {
	IMPORT_OK,          /* every row judged; see counts */
	IMPORT_BAD_INPUT,   /* the CSV, the options or the programme: *why */
	IMPORT_NOT_WRITTEN, /* participants.ini could not be written, or
	                       changed on disk meanwhile: *why */
};

/*
 * Imports o->csv into o->dir/participants.ini. The caller holds the
 * programme's lock (lock.h) unless dry_run. *why (owned by the caller)
 * is set for IMPORT_BAD_INPUT and IMPORT_NOT_WRITTEN, as
 * "FILE[:LINE]: what and what to do". *r is filled in every case (zeroed
 * by the caller); import_result_clear frees it.
 */
enum import_status import_participants(const struct import_options *o,
                                       struct import_result *r, char **why);
void import_result_clear(struct import_result *r);

/* The id the slug rule makes from a name ("Minister of Interior — Kuwait"
 * gives "minister-of-interior-kuwait"), a new string; "" when the name
 * has no ASCII letter or digit. */
char *import_slug(const char *name);

#endif
