/*
 * tzdb.h: a dais_zone from the system's zone database, through libical.
 * The core keeps zones as offset spans (dtime.h); this fills them.
 */
#ifndef DAIS_TZDB_H
#define DAIS_TZDB_H

#include <stdbool.h>

#include "dais/dtime.h"

/*
 * Fills *zone for the IANA zone `name` ("Asia/Kuwait"), with every offset
 * change between the start of year_from and the end of year_to. Returns
 * false when the zone database does not know the name.
 */
bool tzdb_load_zone(const char *name, int year_from, int year_to,
                    struct dais_zone *zone);

#endif
