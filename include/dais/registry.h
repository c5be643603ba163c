/*
 * registry.h: conference.ini, venues.ini and participants.ini (iniparser).
 * See man/dais-programme.5 for every key.
 */
#ifndef DAIS_REGISTRY_H
#define DAIS_REGISTRY_H

#include <stdbool.h>

#include "dais/diag.h"
#include "dais/model.h"

/*
 * Reads the three INI files of the programme directory `dir` into p
 * (conference, rooms, walks, participants) and builds p's id indexes.
 * Every problem goes to diags with file and line. Returns false when a file
 * could not be read at all (missing, syntax error): then diags holds an
 * error and p is incomplete.
 */
bool registry_load(struct programme *p, const char *dir,
                   struct diag_list *diags);

/*
 * The zone database's name for a zone written `name` another way: in
 * other case, the city alone ("kuwait"), or within two typos. Borrowed
 * (libical's); NULL when none is close.
 */
const char *registry_zone_suggestion(const char *name);

/* ---- Saving what the planner changed (registry_save.c) -------------- */

struct editor;
struct ini_doc;

/* The registry files dais writes: indexes of p->registry_text. */
enum { REGISTRY_FILE_VENUES, REGISTRY_FILE_PEOPLE, REGISTRY_NFILES };
/* "venues.ini", "participants.ini". */
const char *registry_file(int file);
/* Whether entries that file holds were changed since the last save. */
bool registry_file_dirty(const struct editor *ed, int file);

/*
 * The file as dais would write it: its text as last read or written
 * (p->registry_text) with the editor's unsaved entries made on it, one
 * changed line per changed key (iniwrite.h); its expected fingerprint is
 * that text's. NULL with *why (the caller frees it) when a value cannot
 * be written. The caller frees the document.
 */
struct ini_doc *registry_doc(const struct editor *ed, int file, char **why);
/* After doc was written over the file: it becomes the text as last
 * written, and the entries it holds are saved. */
void registry_saved(struct editor *ed, struct programme *p, int file,
                    const struct ini_doc *doc);

enum registry_save_result {
	REGISTRY_UNCHANGED, /* nothing of the file's was changed */
	REGISTRY_SAVED,
	/* The file is not what dais read: nothing written (the planner
	 * offers ini_doc_disk_differences and ini_doc_merge). */
	REGISTRY_CHANGED_ON_DISK,
	REGISTRY_SAVE_FAILED, /* *why says why; the file is untouched */
};

/*
 * Writes the entries of `file` that ed changed (p is ed's programme),
 * atomically, refusing a file changed on disk since it was read. *why
 * (the caller frees it) starts with the path.
 */
enum registry_save_result registry_save_file(struct editor *ed,
                                             struct programme *p, int file,
                                             char **why);

#endif
