/*
 * tzdb.c: the conference zone's offsets from libical's zone database, as
 * spans the core can use without libical, and the one door to that
 * database: a name is looked up only if it is shaped like an IANA name,
 * because libical opens /usr/share/zoneinfo/NAME for a name its list lacks
 * ("../../proc/self/fd/0" would read the terminal).
 */
#include "dais/tzdb.h"

#include <libical/ical.h>
#include <stdlib.h>
#include <string.h>

#include "dais/xalloc.h"

/* The longest IANA name is 32 bytes today; this leaves room. */
#define TZDB_NAME_MAX 64
/*
 * Offsets are sampled this often and each change is then found to the
 * second by bisection. No zone changes its offset twice within a step.
 */
#define TZDB_STEP 3600

bool
tzdb_name_valid(const char *name)
{
	const char *c;
	size_t len;

	if (name == NULL || (len = strlen(name)) == 0 || len > TZDB_NAME_MAX)
		return false;
	for (c = name; *c != '\0'; c++) {
		bool part_start = c == name || c[-1] == '/';

		/* Each part starts with a letter or digit ("Etc/GMT+3"):
		 * no "..", no hidden files, no empty part, no leading '/'. */
		if (part_start &&
		    !((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') ||
		      (*c >= '0' && *c <= '9')))
			return false;
		if (!((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') ||
		      (*c >= '0' && *c <= '9') || *c == '/' || *c == '_' ||
		      *c == '-' || *c == '+' || *c == '.'))
			return false;
		if (*c == '.' && c[1] == '.')
			return false;
	}
	return name[len - 1] != '/';
}

icaltimezone *
tzdb_lookup(const char *name)
{
	if (!tzdb_name_valid(name))
		return NULL;
	return icaltimezone_get_builtin_timezone(name);
}

static int
offset_at(icaltimezone *tz, dais_time t)
{
	struct icaltimetype tt = icaltime_from_timet_with_zone(
	    (time_t)t, 0, icaltimezone_get_utc_timezone());
	int daylight;

	return icaltimezone_get_utc_offset_of_utc_time(tz, &tt, &daylight);
}

/* The first second in (lo, hi] whose offset is not offset(lo). */
static dais_time
transition_between(icaltimezone *tz, dais_time lo, dais_time hi, int before)
{
	while (hi - lo > 1) {
		dais_time mid = lo + (hi - lo) / 2;

		if (offset_at(tz, mid) == before)
			lo = mid;
		else
			hi = mid;
	}
	return hi;
}

/* Local times in a VTIMEZONE are within this of their UTC instant. */
#define TZDB_LOCAL_SLACK (2 * 86400)

/* A VTIMEZONE's local date-time, read as if UTC. */
static dais_time
local_seconds(struct icaltimetype t)
{
	struct dais_date d = {t.year, t.month, t.day};

	return date_to_days(d) * 86400 + t.hour * 3600 + t.minute * 60 +
	       t.second;
}

/* Whether a DTSTART or RDATE at local time t may fall in [lo, hi]. */
static bool
near_window(struct icaltimetype t, dais_time lo, dais_time hi)
{
	dais_time at;

	if (icaltime_is_null_time(t))
		return true;
	at = local_seconds(t);
	return at >= lo - TZDB_LOCAL_SLACK && at <= hi + TZDB_LOCAL_SLACK;
}

/*
 * Whether tz's offset cannot change between lo and hi: libical makes a
 * zone's changes from its observances' DTSTART, RDATE and RRULE, and
 * none of them reaches into the window (an RRULE only with an UNTIL
 * before it). Most zones have had one offset for decades ("Asia/Kuwait"
 * since 1950): one sample then says it all. Anything unexpected answers
 * false, and the zone is sampled.
 */
static bool
offset_constant(icaltimezone *tz, dais_time lo, dais_time hi)
{
	icalcomponent *vtz = icaltimezone_get_component(tz), *obs;

	if (vtz == NULL)
		return false;
	for (obs = icalcomponent_get_first_component(vtz, ICAL_ANY_COMPONENT);
	     obs != NULL;
	     obs = icalcomponent_get_next_component(vtz, ICAL_ANY_COMPONENT)) {
		icalcomponent_kind kind = icalcomponent_isa(obs);
		icalproperty *prop;

		if (kind != ICAL_XSTANDARD_COMPONENT &&
		    kind != ICAL_XDAYLIGHT_COMPONENT)
			return false;
		for (prop = icalcomponent_get_first_property(obs,
		                                             ICAL_ANY_PROPERTY);
		     prop != NULL; prop = icalcomponent_get_next_property(
		                       obs, ICAL_ANY_PROPERTY)) {
			struct icaldatetimeperiodtype rdate;
			struct icalrecurrencetype rule;

			switch (icalproperty_isa(prop)) {
			case ICAL_DTSTART_PROPERTY:
				if (near_window(icalproperty_get_dtstart(prop),
				                lo, hi))
					return false;
				break;
			case ICAL_RDATE_PROPERTY:
				rdate = icalproperty_get_rdate(prop);
				if (!icalperiodtype_is_null_period(
				        rdate.period) ||
				    near_window(rdate.time, lo, hi))
					return false;
				break;
			case ICAL_RRULE_PROPERTY:
				rule = icalproperty_get_rrule(prop);
				if (icaltime_is_null_time(rule.until) ||
				    local_seconds(rule.until) >=
				        lo - TZDB_LOCAL_SLACK)
					return false;
				break;
			default:
				break;
			}
		}
	}
	return true;
}

bool
tzdb_load_zone(const char *name, int year_from, int year_to,
               struct dais_zone *zone)
{
	icaltimezone *tz = tzdb_lookup(name);
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
	 * libical has no public list of transitions: sample, and where the
	 * offset differs from the last sample, bisect to the exact second
	 * (St John's changes at 02:00 local, 05:30Z; Lord Howe's daylight
	 * saving is 30 minutes). A few years take about a millisecond.
	 */
	end = date_to_days(to) * 86400;
	t = date_to_days(from) * 86400;
	if (offset_constant(tz, t, end)) {
		XGROW(zone->spans, zone->nspans, cap);
		zone->spans[0].from = DAIS_TIME_NONE;
		zone->spans[0].offset = offset_at(tz, t);
		zone->nspans = 1;
		return true;
	}
	for (; t <= end; t += TZDB_STEP) {
		int off = offset_at(tz, t);

		if (zone->nspans == 0 || off != last) {
			XGROW(zone->spans, zone->nspans, cap);
			zone->spans[zone->nspans].from =
			    zone->nspans == 0 ? DAIS_TIME_NONE
			                      : transition_between(
			                            tz, t - TZDB_STEP, t, last);
			zone->spans[zone->nspans].offset = off;
			zone->nspans++;
			last = off;
		}
	}
	return true;
}
