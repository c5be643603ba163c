/*
 * load.h: open a programme directory: the registries, then every .ics file
 * conference.ini names.
 */
#ifndef DAIS_LOAD_H
#define DAIS_LOAD_H

#include "dais/diag.h"
#include "dais/model.h"

/*
 * Loads the programme in dir. Always returns a programme (the caller frees
 * it); when diags holds an error the programme is incomplete and must not
 * be trusted or saved over the originals.
 */
struct programme *programme_load(const char *dir, struct diag_list *diags);

#endif
