/*
 * dtime.c: date arithmetic (days from civil, after Howard Hinnant's
 * algorithms), zone offsets from spans, and the formatting and parsing of
 * times at the edges of the program.
 */
#include "dais/dtime.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dais/xalloc.h"

/* English names; the short forms ("Wed", "Nov") are their first three
 * letters, so one table serves both. */
static const char *const weekday_names[] = {
    "Sunday",   "Monday", "Tuesday",  "Wednesday",
    "Thursday", "Friday", "Saturday",
};
static const char *const month_names[] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December",
};

const char *
weekday_name(int weekday)
{
	return weekday_names[((weekday % 7) + 7) % 7];
}

const char *
month_name(int month)
{
	return month_names[((month - 1) % 12 + 12) % 12];
}

void
zone_init_fixed(struct dais_zone *zone, const char *name, int offset)
{
	zone->name = xstrdup(name);
	zone->spans = xmalloc(sizeof *zone->spans);
	zone->spans[0].from = DAIS_TIME_NONE;
	zone->spans[0].offset = offset;
	zone->nspans = 1;
}

void
zone_free(struct dais_zone *zone)
{
	free(zone->name);
	free(zone->spans);
	zone->name = NULL;
	zone->spans = NULL;
	zone->nspans = 0;
}

void
zone_copy(struct dais_zone *dst, const struct dais_zone *src)
{
	dst->name = xstrdup(src->name);
	dst->nspans = src->nspans;
	dst->spans = xreallocarray(NULL, src->nspans ? src->nspans : 1,
	                           sizeof *dst->spans);
	if (src->nspans)
		memcpy(dst->spans, src->spans,
		       src->nspans * sizeof *dst->spans);
}

/* Index of the span in force at t (the first span also covers earlier t). */
static size_t
span_at(const struct dais_zone *zone, dais_time t)
{
	size_t lo = 0, hi = zone->nspans;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (zone->spans[mid].from <= t)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

int
zone_offset(const struct dais_zone *zone, dais_time t)
{
	if (zone == NULL || zone->nspans == 0)
		return 0;
	return zone->spans[span_at(zone, t)].offset;
}

int64_t
date_to_days(struct dais_date d)
{
	int64_t y = d.year - (d.month <= 2);
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t mp = (d.month + 9) % 12;
	int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

struct dais_date
days_to_date(int64_t z)
{
	struct dais_date d;
	int64_t era, doe, yoe, y, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d.day = (int)(doy - (153 * mp + 2) / 5 + 1);
	d.month = (int)(mp < 10 ? mp + 3 : mp - 9);
	d.year = (int)(y + (d.month <= 2));
	return d;
}

bool
date_valid(struct dais_date d)
{
	struct dais_date back;

	if (d.year < 1 || d.year > 9999 || d.month < 1 || d.month > 12 ||
	    d.day < 1 || d.day > 31)
		return false;
	back = days_to_date(date_to_days(d));
	return back.day == d.day && back.month == d.month;
}

int
date_weekday(struct dais_date d)
{
	int64_t days = date_to_days(d);

	/* 1970-01-01 was a Thursday. */
	return (int)(((days % 7) + 7 + 4) % 7);
}

int
date_compare(struct dais_date a, struct dais_date b)
{
	int64_t x = date_to_days(a), y = date_to_days(b);

	return x < y ? -1 : x > y;
}

bool
date_parse(const char *s, struct dais_date *out)
{
	struct dais_date d;
	int i;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return false;
	d.year = atoi(s);
	d.month = atoi(s + 5);
	d.day = atoi(s + 8);
	if (!date_valid(d))
		return false;
	*out = d;
	return true;
}

static int64_t
floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

struct dais_civil
time_to_civil(const struct dais_zone *zone, dais_time t)
{
	struct dais_civil c;
	struct dais_date d;
	int64_t local = t + zone_offset(zone, t);
	int64_t days = floor_div(local, 86400);
	int64_t secs = local - days * 86400;

	d = days_to_date(days);
	c.year = d.year;
	c.month = d.month;
	c.day = d.day;
	c.hour = (int)(secs / 3600);
	c.minute = (int)(secs / 60 % 60);
	c.second = (int)(secs % 60);
	return c;
}

dais_time
civil_to_time(const struct dais_zone *zone, struct dais_civil c)
{
	struct dais_date d = {c.year, c.month, c.day};
	dais_time local =
	    date_to_days(d) * 86400 + c.hour * 3600 + c.minute * 60 + c.second;
	dais_time best = DAIS_TIME_NONE;
	size_t lo, hi, i;

	if (zone == NULL || zone->nspans == 0)
		return local;
	/*
	 * A wall time names instant local - offset for the offset of some
	 * span, and that instant must lie in the span. No zone's offset
	 * exceeds a day, so only spans within two days of `local` can match.
	 * Two matches are an overlap (take the earlier), none is a gap.
	 */
	lo = span_at(zone, local - 2 * 86400);
	hi = span_at(zone, local + 2 * 86400);
	for (i = lo; i <= hi; i++) {
		dais_time t = local - zone->spans[i].offset;

		if ((i == 0 || t >= zone->spans[i].from) &&
		    (i + 1 == zone->nspans || t < zone->spans[i + 1].from) &&
		    (best == DAIS_TIME_NONE || t < best))
			best = t;
	}
	if (best != DAIS_TIME_NONE)
		return best;
	/*
	 * In a gap, RFC 5545 reads the time with the offset before the
	 * transition: 02:30 in a 02:00-03:00 gap is 03:30 afterwards.
	 */
	for (i = hi; i > lo; i--)
		if (zone->spans[i].from + zone->spans[i - 1].offset <= local)
			return local - zone->spans[i - 1].offset;
	return local - zone->spans[lo].offset;
}

struct dais_date
time_local_date(const struct dais_zone *zone, dais_time t)
{
	struct dais_civil c = time_to_civil(zone, t);
	struct dais_date d = {c.year, c.month, c.day};

	return d;
}

int
time_local_minutes(const struct dais_zone *zone, dais_time t)
{
	struct dais_civil c = time_to_civil(zone, t);

	return c.hour * 60 + c.minute;
}

dais_time
time_at(const struct dais_zone *zone, struct dais_date d, int minutes)
{
	struct dais_date day = days_to_date(date_to_days(d) + minutes / 1440);
	struct dais_civil c = {
	    day.year, day.month, day.day, minutes % 1440 / 60, minutes % 60, 0};

	return civil_to_time(zone, c);
}

char *
time_fmt_hm(char *buf, const struct dais_zone *zone, dais_time t)
{
	struct dais_civil c = time_to_civil(zone, t);

	snprintf(buf, DAIS_TIMEBUF, "%02d:%02d", c.hour, c.minute);
	return buf;
}

char *
time_fmt_iso(char *buf, const struct dais_zone *zone, dais_time t)
{
	struct dais_civil c = time_to_civil(zone, t);
	int off = zone_offset(zone, t);
	int aoff = off < 0 ? -off : off;

	snprintf(buf, DAIS_TIMEBUF, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d",
	         c.year, c.month, c.day, c.hour, c.minute, c.second,
	         off < 0 ? '-' : '+', aoff / 3600, aoff / 60 % 60);
	return buf;
}

char *
time_fmt_ical_utc(char *buf, dais_time t)
{
	struct dais_civil c = time_to_civil(NULL, t);

	snprintf(buf, DAIS_TIMEBUF, "%04d%02d%02dT%02d%02d%02dZ", c.year,
	         c.month, c.day, c.hour, c.minute, c.second);
	return buf;
}

char *
date_fmt_iso(char *buf, struct dais_date d)
{
	snprintf(buf, DAIS_TIMEBUF, "%04d-%02d-%02d", d.year, d.month, d.day);
	return buf;
}

char *
date_fmt_long(char *buf, struct dais_date d)
{
	snprintf(buf, DAIS_TIMEBUF, "%.3s %d %.3s %04d",
	         weekday_name(date_weekday(d)), d.day, month_name(d.month),
	         d.year);
	return buf;
}

char *
date_fmt_short(char *buf, struct dais_date d)
{
	snprintf(buf, DAIS_TIMEBUF, "%.3s %d %.3s",
	         weekday_name(date_weekday(d)), d.day, month_name(d.month));
	return buf;
}

char *
date_fmt_full(char *buf, struct dais_date d)
{
	snprintf(buf, DAIS_TIMEBUF, "%s %d %s %04d",
	         weekday_name(date_weekday(d)), d.day, month_name(d.month),
	         d.year);
	return buf;
}

char *
duration_fmt(char *buf, dais_time seconds)
{
	long long m = (long long)(seconds / 60);

	if (m < 60)
		snprintf(buf, DAIS_TIMEBUF, "%lldm", m);
	else if (m % 60 == 0)
		snprintf(buf, DAIS_TIMEBUF, "%lldh", m / 60);
	else
		snprintf(buf, DAIS_TIMEBUF, "%lldh%02lld", m / 60, m % 60);
	return buf;
}

/* Reads up to max digits; returns how many were read. */
static int
read_digits(const char **p, int max, int *value)
{
	int n = 0;

	*value = 0;
	while (n < max && isdigit((unsigned char)**p)) {
		*value = *value * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n;
}

static const char *
skip_space(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

bool
clock_parse(const char *s, int *minutes, const char **why)
{
	const char *p = skip_space(s);
	int h, m = 0, nd;

	nd = read_digits(&p, 4, &h);
	if (nd == 0) {
		*why = "a time is hours and minutes, like 9:30 or 0930";
		return false;
	}
	if (*p == ':' || *p == '.' || *p == 'h') {
		/* "9h" is nine o'clock; "9:" and "9:5" are unfinished. */
		int hours_only = *p == 'h';
		int md;

		p++;
		md = read_digits(&p, 2, &m);
		if (md == 1 || (md == 0 && !hours_only)) {
			*why = "minutes take two digits, like 9:05";
			return false;
		}
	} else if (nd >= 3) {
		/* "930" and "0930" */
		m = h % 100;
		h /= 100;
	}
	if (*skip_space(p) != '\0') {
		*why = "a time is hours and minutes, like 9:30 or 0930";
		return false;
	}
	if (h > 24 || m > 59 || (h == 24 && m != 0)) {
		*why = "no such time of day: hours run 0-24, minutes 0-59";
		return false;
	}
	*minutes = h * 60 + m;
	return true;
}

bool
duration_parse(const char *s, int *minutes, const char **why)
{
	const char *p = skip_space(s);
	int a, b = 0, total;

	if (*p == '+')
		p++;
	if (read_digits(&p, 4, &a) == 0) {
		*why = "a duration is like 45m, 1h30 or +90";
		return false;
	}
	if (*p == 'h' || *p == ':') {
		p++;
		if (isdigit((unsigned char)*p) && read_digits(&p, 2, &b) == 0)
			b = 0;
		if (*p == 'm')
			p++;
		if (b > 59) {
			*why = "minutes in a duration run 0-59 after the hours";
			return false;
		}
		total = a * 60 + b;
	} else {
		if (*p == 'm')
			p++;
		total = a;
	}
	if (*skip_space(p) != '\0') {
		*why = "a duration is like 45m, 1h30 or +90";
		return false;
	}
	if (total <= 0 || total > 24 * 60) {
		*why = "a duration must be more than 0 and at most 24 hours";
		return false;
	}
	*minutes = total;
	return true;
}
