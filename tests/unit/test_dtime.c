/*
 * test_dtime.c: dates, zones and the parsing and formatting of times
 * (dtime.h): day arithmetic over the whole calendar, fixed zones and a zone
 * with a summer-time gap and overlap built by hand, and the clock times and
 * durations people type.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dais/dtime.h"

/* 2026-11-04T06:30:00Z, half past nine in Kuwait. */
#define KW_0930 INT64_C(1793773800)
/* Central European summer time starts and ends at 01:00 UTC. */
#define CEST_START INT64_C(1774746000) /* 2026-03-29T01:00:00Z */
#define CEST_END   INT64_C(1792890000) /* 2026-10-25T01:00:00Z */

static struct dais_date
date(int y, int m, int d)
{
	struct dais_date out = {y, m, d};

	return out;
}

static struct dais_civil
civil(int y, int mo, int d, int h, int mi, int s)
{
	struct dais_civil out = {y, mo, d, h, mi, s};

	return out;
}

static void
assert_civil(struct dais_civil c, int y, int mo, int d, int h, int mi, int s)
{
	assert_int_equal(c.year, y);
	assert_int_equal(c.month, mo);
	assert_int_equal(c.day, d);
	assert_int_equal(c.hour, h);
	assert_int_equal(c.minute, mi);
	assert_int_equal(c.second, s);
}

/* Berlin in 2026, by hand: +1, +2 from 29 March, +1 from 25 October. */
static struct dais_zone
berlin(void)
{
	static struct dais_zone_span spans[3];
	struct dais_zone z;

	spans[0].from = DAIS_TIME_NONE;
	spans[0].offset = 3600;
	spans[1].from = CEST_START;
	spans[1].offset = 7200;
	spans[2].from = CEST_END;
	spans[2].offset = 3600;
	z.name = (char *)"Europe/Berlin";
	z.spans = spans;
	z.nspans = 3;
	return z;
}

/* ---- Dates ----------------------------------------------------------------
 */

static void
test_days_known_values(void **state)
{
	(void)state;
	assert_int_equal(date_to_days(date(1970, 1, 1)), 0);
	assert_int_equal(date_to_days(date(1969, 12, 31)), -1);
	assert_int_equal(date_to_days(date(2026, 11, 4)), 20761);
	assert_int_equal(date_to_days(date(2000, 2, 29)), 11016);
	assert_int_equal(date_to_days(date(1600, 3, 1)), -135080);
	assert_int_equal(date_to_days(date(1, 1, 1)), -719162);
	assert_int_equal(date_to_days(date(9999, 12, 31)), 2932896);
}

static void
test_days_round_trip(void **state)
{
	int64_t n, first = date_to_days(date(1, 1, 1));
	int64_t last = date_to_days(date(9999, 12, 31));
	struct dais_date prev = days_to_date(first - 1);

	(void)state;
	assert_int_equal(prev.year, 0);
	assert_int_equal(prev.month, 12);
	assert_int_equal(prev.day, 31);
	/* Every day of years 1 to 9999: valid, consecutive, and back. */
	for (n = first; n <= last; n++) {
		struct dais_date d = days_to_date(n);

		assert_true(date_valid(d));
		assert_int_equal(date_to_days(d), n);
		if (d.day == 1) {
			assert_true(prev.day >= 28);
			assert_true(d.month == prev.month % 12 + 1);
		} else {
			assert_int_equal(d.day, prev.day + 1);
			assert_int_equal(d.month, prev.month);
		}
		assert_int_equal(date_compare(prev, d), -1);
		assert_int_equal(date_compare(d, prev), 1);
		assert_int_equal(date_compare(d, d), 0);
		prev = d;
	}
}

static void
test_weekday(void **state)
{
	(void)state;
	assert_int_equal(date_weekday(date(1970, 1, 1)), 4); /* Thursday */
	assert_int_equal(date_weekday(date(1969, 12, 31)), 3);
	assert_int_equal(date_weekday(date(2026, 11, 4)), 3); /* Wednesday */
	assert_int_equal(date_weekday(date(2026, 11, 8)), 0); /* Sunday */
	assert_int_equal(date_weekday(date(2000, 2, 29)), 2);
	assert_int_equal(date_weekday(date(1, 1, 1)), 1);
	assert_int_equal(date_weekday(date(9999, 12, 31)), 5);
}

static void
test_date_parse(void **state)
{
	static const char *const bad[] = {
	    "2026-02-30", "2026-13-01",  "2026-00-10",  "2026-11-00",
	    "2026-11-31", "2026-02-29",  "1900-02-29",  "0000-01-01",
	    "2026-11-4",  "2026-1-04",   "2026-11-044", " 2026-11-04",
	    "2026/11/04", "2026-11-04T", "20261104",    "",
	    "abcd-ef-gh", "2026-+1-04",  "2026-11- 4",
	};
	struct dais_date d = {7, 7, 7};
	size_t i;

	(void)state;
	assert_true(date_parse("2026-11-04", &d));
	assert_int_equal(d.year, 2026);
	assert_int_equal(d.month, 11);
	assert_int_equal(d.day, 4);
	assert_true(date_parse("2028-02-29", &d));
	assert_true(date_parse("2000-02-29", &d));
	assert_true(date_parse("0001-01-01", &d));
	assert_true(date_parse("9999-12-31", &d));
	for (i = 0; i < sizeof bad / sizeof *bad; i++) {
		d = date(7, 7, 7);
		if (date_parse(bad[i], &d))
			fail_msg("date_parse accepted \"%s\"", bad[i]);
		/* A refusal leaves the output alone. */
		assert_int_equal(d.year, 7);
	}
	assert_false(date_parse(NULL, &d));
}

/* ---- Zones ----------------------------------------------------------------
 */

static void
test_fixed_zone(void **state)
{
	struct dais_zone kw, utc, copy;
	struct dais_civil c;

	(void)state;
	zone_init_fixed(&kw, "Asia/Kuwait", 3 * 3600);
	zone_init_fixed(&utc, "UTC", 0);
	assert_string_equal(kw.name, "Asia/Kuwait");
	assert_int_equal(zone_offset(&kw, KW_0930), 10800);
	assert_int_equal(zone_offset(&kw, -KW_0930), 10800);
	assert_int_equal(zone_offset(NULL, KW_0930), 0);

	c = time_to_civil(&kw, KW_0930);
	assert_civil(c, 2026, 11, 4, 9, 30, 0);
	assert_true(civil_to_time(&kw, c) == KW_0930);
	assert_civil(time_to_civil(&utc, KW_0930), 2026, 11, 4, 6, 30, 0);
	/* Midnight UTC is already three in the morning in Kuwait, and 22:00
	 * UTC on the 3rd is 01:00 on the 4th. */
	assert_civil(time_to_civil(&kw, KW_0930 - 6 * 3600 - 1800 - 2 * 3600),
	             2026, 11, 4, 1, 0, 0);
	assert_civil(time_to_civil(&utc, -1), 1969, 12, 31, 23, 59, 59);
	assert_true(civil_to_time(&utc, civil(1969, 12, 31, 23, 59, 59)) == -1);
	assert_true(civil_to_time(&kw, civil(2026, 11, 4, 0, 0, 0)) ==
	            KW_0930 - 9 * 3600 - 1800);
	/* Out-of-range fields carry, as time_at relies on. */
	assert_true(civil_to_time(&kw, civil(2026, 11, 3, 33, 30, 0)) ==
	            KW_0930);

	assert_true(time_at(&kw, date(2026, 11, 4), 9 * 60 + 30) == KW_0930);
	assert_true(time_at(&kw, date(2026, 11, 3), 24 * 60 + 9 * 60 + 30) ==
	            KW_0930);
	assert_true(time_at(&kw, date(2026, 11, 5), -(24 * 60) + 570) ==
	            KW_0930);
	assert_int_equal(time_local_minutes(&kw, KW_0930), 570);
	assert_int_equal(
	    date_compare(time_local_date(&kw, KW_0930), date(2026, 11, 4)), 0);
	/* 23:30 in Kuwait is 20:30 UTC: still the 4th in both. */
	assert_int_equal(date_compare(time_local_date(&kw, KW_0930 + 14 * 3600),
	                              date(2026, 11, 4)),
	                 0);
	assert_int_equal(date_compare(time_local_date(&kw, KW_0930 + 15 * 3600),
	                              date(2026, 11, 5)),
	                 0);

	zone_copy(&copy, &kw);
	assert_string_equal(copy.name, "Asia/Kuwait");
	assert_ptr_not_equal(copy.spans, kw.spans);
	assert_int_equal(zone_offset(&copy, 0), 10800);
	zone_free(&copy);
	zone_free(&kw);
	zone_free(&utc);
	assert_null(kw.name);
	assert_int_equal(kw.nspans, 0);
	/* A zone with no spans is UTC. */
	assert_int_equal(zone_offset(&kw, KW_0930), 0);
	assert_civil(time_to_civil(&kw, KW_0930), 2026, 11, 4, 6, 30, 0);
	assert_true(civil_to_time(&kw, civil(2026, 11, 4, 6, 30, 0)) ==
	            KW_0930);
}

static void
test_zone_with_summer_time(void **state)
{
	struct dais_zone z = berlin();
	dais_time t;

	(void)state;
	assert_int_equal(zone_offset(&z, CEST_START - 1), 3600);
	assert_int_equal(zone_offset(&z, CEST_START), 7200);
	assert_int_equal(zone_offset(&z, CEST_END - 1), 7200);
	assert_int_equal(zone_offset(&z, CEST_END), 3600);
	assert_int_equal(zone_offset(&z, DAIS_TIME_NONE + 1), 3600);

	/* Spring forward: 01:59:59 is followed by 03:00:00. */
	assert_civil(time_to_civil(&z, CEST_START - 1), 2026, 3, 29, 1, 59, 59);
	assert_civil(time_to_civil(&z, CEST_START), 2026, 3, 29, 3, 0, 0);
	/* Fall back: 02:59:59 summer time is followed by 02:00:00 winter. */
	assert_civil(time_to_civil(&z, CEST_END - 1), 2026, 10, 25, 2, 59, 59);
	assert_civil(time_to_civil(&z, CEST_END), 2026, 10, 25, 2, 0, 0);

	/* Either side of the changes, plain times are exact. */
	assert_true(civil_to_time(&z, civil(2026, 3, 29, 1, 59, 59)) ==
	            CEST_START - 1);
	assert_true(civil_to_time(&z, civil(2026, 3, 29, 3, 0, 0)) ==
	            CEST_START);
	assert_true(civil_to_time(&z, civil(2026, 7, 1, 12, 0, 0)) ==
	            CEST_START + INT64_C(94) * 86400 + 9 * 3600);

	/* In the gap, 02:30 is read with the winter offset: 03:30 summer. */
	t = civil_to_time(&z, civil(2026, 3, 29, 2, 30, 0));
	assert_true(t == CEST_START + 1800);
	assert_civil(time_to_civil(&z, t), 2026, 3, 29, 3, 30, 0);
	t = civil_to_time(&z, civil(2026, 3, 29, 2, 0, 0));
	assert_true(t == CEST_START);

	/* In the overlap, 02:30 happens twice; the earlier one is taken. */
	t = civil_to_time(&z, civil(2026, 10, 25, 2, 30, 0));
	assert_true(t == CEST_END - 1800);
	assert_int_equal(zone_offset(&z, t), 7200);
	t = civil_to_time(&z, civil(2026, 10, 25, 3, 0, 0));
	assert_true(t == CEST_END + 3600);

	/* time_at on the short and the long day. */
	assert_true(time_at(&z, date(2026, 3, 29), 0) ==
	            CEST_START - 3600 - 3600);
	assert_true(time_at(&z, date(2026, 3, 30), 0) -
	                time_at(&z, date(2026, 3, 29), 0) ==
	            23 * 3600);
	assert_true(time_at(&z, date(2026, 10, 26), 0) -
	                time_at(&z, date(2026, 10, 25), 0) ==
	            25 * 3600);
}

/* Every quarter hour for three days around each change survives the trip to
 * civil time and back, except the second pass through the overlap. */
static void
test_summer_time_round_trip(void **state)
{
	struct dais_zone z = berlin();
	dais_time around[2] = {CEST_START, CEST_END}, t;
	int k;

	(void)state;
	for (k = 0; k < 2; k++) {
		for (t = around[k] - 36 * 3600; t < around[k] + 36 * 3600;
		     t += 900) {
			dais_time back =
			    civil_to_time(&z, time_to_civil(&z, t));

			if (k == 1 && t >= CEST_END && t < CEST_END + 3600)
				assert_true(back == t - 3600);
			else
				assert_true(back == t);
		}
	}
}

/* ---- Formatting ------------------------------------------------------------
 */

static void
test_formatting(void **state)
{
	struct dais_zone kw, ny, nf, np, z = berlin();
	char buf[DAIS_TIMEBUF];

	(void)state;
	zone_init_fixed(&kw, "Asia/Kuwait", 3 * 3600);
	zone_init_fixed(&ny, "America/New_York", -5 * 3600);
	zone_init_fixed(&nf, "America/St_Johns", -(3 * 3600 + 1800));
	zone_init_fixed(&np, "Asia/Kathmandu", 5 * 3600 + 45 * 60);
	assert_string_equal(time_fmt_iso(buf, &kw, KW_0930),
	                    "2026-11-04T09:30:00+03:00");
	assert_string_equal(time_fmt_iso(buf, &ny, KW_0930),
	                    "2026-11-04T01:30:00-05:00");
	assert_string_equal(time_fmt_iso(buf, &nf, KW_0930),
	                    "2026-11-04T03:00:00-03:30");
	assert_string_equal(time_fmt_iso(buf, &np, KW_0930),
	                    "2026-11-04T12:15:00+05:45");
	assert_string_equal(time_fmt_iso(buf, &ny, KW_0930 - 7 * 3600),
	                    "2026-11-03T18:30:00-05:00");
	assert_string_equal(time_fmt_iso(buf, &z, CEST_START),
	                    "2026-03-29T03:00:00+02:00");
	assert_string_equal(time_fmt_iso(buf, &z, CEST_END),
	                    "2026-10-25T02:00:00+01:00");
	assert_string_equal(time_fmt_iso(buf, NULL, 0),
	                    "1970-01-01T00:00:00+00:00");
	assert_string_equal(time_fmt_hm(buf, &kw, KW_0930), "09:30");
	assert_string_equal(time_fmt_hm(buf, &ny, KW_0930), "01:30");
	assert_string_equal(time_fmt_ical_utc(buf, KW_0930),
	                    "20261104T063000Z");
	assert_string_equal(date_fmt_iso(buf, date(2026, 11, 4)), "2026-11-04");
	assert_string_equal(date_fmt_long(buf, date(2026, 11, 4)),
	                    "Wed 4 Nov 2026");
	assert_string_equal(date_fmt_long(buf, date(2026, 11, 5)),
	                    "Thu 5 Nov 2026");
	assert_string_equal(duration_fmt(buf, 45 * 60), "45m");
	assert_string_equal(duration_fmt(buf, 120 * 60), "2h");
	assert_string_equal(duration_fmt(buf, 90 * 60), "1h30");
	assert_string_equal(duration_fmt(buf, 65 * 60), "1h05");
	assert_string_equal(duration_fmt(buf, 0), "0m");
	zone_free(&kw);
	zone_free(&ny);
	zone_free(&nf);
	zone_free(&np);
}

/* ---- What people type -------------------------------------------------------
 */

static void
test_clock_parse(void **state)
{
	static const struct {
		const char *in;
		int minutes;
	} good[] = {
	    {"9:30", 570},   {"09:30", 570}, {"0930", 570},   {"930", 570},
	    {"9", 540},      {"09", 540},    {"0", 0},        {"0:00", 0},
	    {"24:00", 1440}, {"2400", 1440}, {"23:59", 1439}, {" 9:30 ", 570},
	    {"9.30", 570},   {"9h30", 570},  {"9h", 540},     {"12:05", 725},
	};
	static const char *const bad[] = {
	    "25:00", "9:75", "abc", "",    "24:30", "2401",
	    "960",   "9:5",  "9:",  "-1",  "12345", "9:30x",
	    "9:305", "x9",   "99",  ":30", "9 30",  "1.5h",
	};
	const char *why;
	int m;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof good / sizeof *good; i++) {
		m = -1;
		why = NULL;
		if (!clock_parse(good[i].in, &m, &why))
			fail_msg("clock_parse refused \"%s\": %s", good[i].in,
			         why);
		assert_int_equal(m, good[i].minutes);
	}
	for (i = 0; i < sizeof bad / sizeof *bad; i++) {
		m = -1;
		why = NULL;
		if (clock_parse(bad[i], &m, &why))
			fail_msg("clock_parse accepted \"%s\" as %d", bad[i],
			         m);
		assert_non_null(why);
		assert_true(strlen(why) > 10);
		assert_int_equal(m, -1);
	}
}

static void
test_duration_parse(void **state)
{
	static const struct {
		const char *in;
		int minutes;
	} good[] = {
	    {"+45m", 45},  {"45m", 45},   {"45", 45},     {"90", 90},
	    {"1h", 60},    {"1h30", 90},  {"1:30", 90},   {"1h30m", 90},
	    {"+1h30", 90}, {"24h", 1440}, {"1440", 1440}, {" 15m ", 15},
	    {"2h05", 125},
	};
	static const char *const bad[] = {
	    "0",   "-5", "25h", "0m",    "1441", "1h75", "abc", "",
	    "45x", "m",  "h30", "1h30x", "45mm", "+",    "--5", "1h300",
	};
	const char *why;
	int m;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof good / sizeof *good; i++) {
		m = -1;
		why = NULL;
		if (!duration_parse(good[i].in, &m, &why))
			fail_msg("duration_parse refused \"%s\": %s",
			         good[i].in, why);
		assert_int_equal(m, good[i].minutes);
	}
	for (i = 0; i < sizeof bad / sizeof *bad; i++) {
		m = -1;
		why = NULL;
		if (duration_parse(bad[i], &m, &why))
			fail_msg("duration_parse accepted \"%s\" as %d", bad[i],
			         m);
		assert_non_null(why);
		assert_int_equal(m, -1);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_days_known_values),
	    cmocka_unit_test(test_days_round_trip),
	    cmocka_unit_test(test_weekday),
	    cmocka_unit_test(test_date_parse),
	    cmocka_unit_test(test_fixed_zone),
	    cmocka_unit_test(test_zone_with_summer_time),
	    cmocka_unit_test(test_summer_time_round_trip),
	    cmocka_unit_test(test_formatting),
	    cmocka_unit_test(test_clock_parse),
	    cmocka_unit_test(test_duration_parse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
