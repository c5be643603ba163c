/*
 * tzdb.h: a dais_zone from the system's zone database, through libical.
 * The core keeps zones as offset spans (dtime.h); this fills them. Every
 * lookup of a zone by name goes through here.
 */
#ifndef DAIS_TZDB_H
#define DAIS_TZDB_H

#include <libical/ical.h>
#include <stdbool.h>

#include "dais/dtime.h"

/*
 * Whether name is shaped like an IANA zone name: parts of letters, digits,
 * '_', '-', '+' and '.', separated by '/', each starting with a letter or
 * digit (so no "..", no leading '/'), at most 64 bytes.
 */
bool tzdb_name_valid(const char *name);
/*
 * libical's zone of that name from the zone database (borrowed, lives for
 * the process), or NULL when the name is not valid or not known. Never
 * opens a path outside the database.
 */
icaltimezone *tzdb_lookup(const char *name);
/*
 * Fills *zone for the IANA zone `name` ("Asia/Kuwait"), with every offset
 * change between the start of year_from and the end of year_to, each at
 * its exact second. Returns false when the zone database does not know
 * the name.
 */
bool tzdb_load_zone(const char *name, int year_from, int year_to,
                    struct dais_zone *zone);

#endif
