/*
 * dtime.h: instants, civil dates and the conference's time zone.
 *
 * An instant is seconds since the Unix epoch in UTC (dais_time). Wall-clock
 * times exist only at the edges: a dais_zone (filled by the io layer from
 * the zone database) turns instants into local civil time and back. The core
 * never uses the process's TZ, so tests and output do not depend on it.
 */
#ifndef DAIS_DTIME_H
#define DAIS_DTIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef int64_t dais_time;
/* The years a session may fall in; times outside are refused at load. */
#define DAIS_YEAR_MIN 1900
#define DAIS_YEAR_MAX 2200

#define DAIS_TIME_NONE INT64_MIN /* "not set", e.g. no arrival time */

/* A calendar date; day_number() makes it arithmetic. */
struct dais_date {
	int year, month, day; /* month 1-12, day 1-31 */
};

/* Local wall-clock time in some zone. */
struct dais_civil {
	int year, month, day, hour, minute, second;
};

/*
 * A zone as a list of spans: from instant `from` on, local time is UTC plus
 * `offset` seconds. Spans are sorted by `from`; the first applies to all
 * earlier instants too. A zone with no spans is UTC.
 */
struct dais_zone_span {
	dais_time from;
	int offset;
};

struct dais_zone {
	char *name; /* IANA name, e.g. "Asia/Kuwait" */
	struct dais_zone_span *spans;
	size_t nspans;
};

/* A fixed-offset zone with one span (used by tests and as UTC). */
void zone_init_fixed(struct dais_zone *zone, const char *name, int offset);
void zone_free(struct dais_zone *zone);
void zone_copy(struct dais_zone *dst, const struct dais_zone *src);
int zone_offset(const struct dais_zone *zone, dais_time t);

/* Days since 1970-01-01 (negative before); proleptic Gregorian. */
int64_t date_to_days(struct dais_date d);
struct dais_date days_to_date(int64_t days);
bool date_valid(struct dais_date d);
int date_weekday(struct dais_date d); /* 0 = Sunday */
int date_compare(struct dais_date a, struct dais_date b);
/* Parses "YYYY-MM-DD" exactly; false when malformed or impossible. */
bool date_parse(const char *s, struct dais_date *out);

struct dais_civil time_to_civil(const struct dais_zone *zone, dais_time t);
/*
 * The instant at a local civil time. In a gap (spring forward) the time is
 * read with the offset before the gap, as RFC 5545 says (02:30 in a
 * 02:00-03:00 gap is 03:30); in an overlap, the earlier instant.
 */
dais_time civil_to_time(const struct dais_zone *zone, struct dais_civil c);
struct dais_date time_local_date(const struct dais_zone *zone, dais_time t);
/* Minutes since local midnight of the instant's own local day. */
int time_local_minutes(const struct dais_zone *zone, dais_time t);
/* The instant of local hh:mm on a date. */
dais_time time_at(const struct dais_zone *zone, struct dais_date d,
                  int minutes);

/* Formatting into caller buffers; each returns buf. */
#define DAIS_TIMEBUF 40
char *time_fmt_hm(char *buf, const struct dais_zone *zone, dais_time t);
/* "2026-11-04T09:30:00+03:00" */
char *time_fmt_iso(char *buf, const struct dais_zone *zone, dais_time t);
/* "20261104T063000Z" (iCalendar UTC form) */
char *time_fmt_ical_utc(char *buf, dais_time t);
char *date_fmt_iso(char *buf, struct dais_date d);
/* "Wed 4 Nov 2026" */
char *date_fmt_long(char *buf, struct dais_date d);
/* "Wed 4 Nov": a conference day, as the planner's tabs and dais's
 * reasons name it (the year goes without saying). */
char *date_fmt_short(char *buf, struct dais_date d);
/* "Wednesday 4 November 2026", as printed programmes head a day */
char *date_fmt_full(char *buf, struct dais_date d);
/* "Wednesday" for 3 (0 = Sunday, as date_weekday); "November" for 11. */
const char *weekday_name(int weekday);
const char *month_name(int month);
/* "1h30", "45m", "2h" */
char *duration_fmt(char *buf, dais_time seconds);

/*
 * Clock times and durations as people type them: "9:30", "09:30", "0930",
 * "930", "9" for a clock time (minutes since midnight, 0..1440); "+45m",
 * "45m", "1h", "1h30", "1:30", "90" for a duration in minutes. On failure
 * they return false and set *why to a static sentence for the user.
 */
bool clock_parse(const char *s, int *minutes, const char **why);
bool duration_parse(const char *s, int *minutes, const char **why);

#endif
