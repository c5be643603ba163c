/*
 * import_zones.h: an imported calendar's Windows zone names (TZID="Arab
 * Standard Time", as Outlook and Exchange write them) made IANA zones
 * (winzones.h) before its events are linked. Private to src/io/import_*.c.
 */
#ifndef DAIS_IO_IMPORT_ZONES_H
#define DAIS_IO_IMPORT_ZONES_H

#include <libical/ical.h>
#include <stdbool.h>

#include "dais/diag.h"
#include "dais/import_ics.h"
#include "dais/model.h"

/*
 * In every calendar of root (a VCALENDAR, or an XROOT of them), each TZID
 * that the zone database does not know and ICU names as a Windows zone
 * becomes that IANA zone (the conference's own when it is one of the
 * name's zones), on every property that carries it; the calendar's
 * VTIMEZONE of the Windows name is replaced by the IANA zone's from the
 * database, and r's report says what was read as what. A TZID neither
 * knows is left to the calendar's own VTIMEZONE; without one, false with
 * an error in d naming the file, the line (of `text`, the source as read)
 * and the TZID.
 */
bool import_windows_zones(const struct programme *p, icalcomponent *root,
                          const char *text, const char *file,
                          struct import_ics_result *r, struct diag_list *d);

#endif
