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

#endif
