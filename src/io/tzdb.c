/*
 * tzdb.c: the conference zone's offsets from libical's zone database, as
 * spans the core can use without libical.
 */
#include "dais/tzdb.h"

#include <libical/ical.h>
#include <stdlib.h>

#include "dais/xalloc.h"

bool
tzdb_load_zone(const char *name, int year_from, int year_to,
               struct dais_zone *zone)
{
	icaltimezone *tz = icaltimezone_get_builtin_timezone(name);
	struct dais_date from = {year_from, 1, 1}, to = {year_to + 1, 1, 1};
	dais_time t, end;
	size_t cap = 0;
	int last = 0;

	if (tz == NULL)
		return false;
	zone->name = xstrdup(name);
	zone->spans = NULL;
	zone->nspans = 0;
	/*
	 * libical has no public list of transitions, so sample every hour:
	 * no zone in the database changes offset more often, and a few years
	 * take well under a millisecond each.
	 */
	end = date_to_days(to) * 86400;
	for (t = date_to_days(from) * 86400; t <= end; t += 3600) {
		struct icaltimetype tt = icaltime_from_timet_with_zone(
		    (time_t)t, 0, icaltimezone_get_utc_timezone());
		int daylight, off;

		off =
		    icaltimezone_get_utc_offset_of_utc_time(tz, &tt, &daylight);
		if (zone->nspans == 0 || off != last) {
			XGROW(zone->spans, zone->nspans, cap);
			zone->spans[zone->nspans].from =
			    zone->nspans == 0 ? DAIS_TIME_NONE : t;
			zone->spans[zone->nspans].offset = off;
			zone->nspans++;
			last = off;
		}
	}
	return true;
}
