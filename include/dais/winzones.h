/*
 * winzones.h: Windows time-zone names, as Outlook and Exchange write them
 * in TZID ("Arab Standard Time", "W. Europe Standard Time"), mapped to
 * IANA zones by ICU (ucal_getTimeZoneIDForWindowsID: CLDR's windowsZones
 * table, compiled into ICU's data). The table is not kept by hand here:
 * CLDR follows Microsoft's changes, ICU and Debian follow CLDR. Debian's
 * libical is built with ICU, so every dais command loads it already; this
 * adds no library to any command's start.
 */
#ifndef DAIS_WINZONES_H
#define DAIS_WINZONES_H

/*
 * The IANA zone for the Windows zone `name` (as CLDR spells it), or NULL
 * when the table has no such name. `prefer` (may be NULL), the
 * conference's own zone, is chosen when it is one of the zones of `name`
 * ("Arab Standard Time" is Asia/Kuwait in Kuwait); otherwise the table's
 * zone for the name as a whole (Asia/Riyadh). The caller frees it.
 */
char *winzones_find(const char *name, const char *prefer);

#endif
