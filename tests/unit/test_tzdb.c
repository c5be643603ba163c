/*
 * test_tzdb.c: zone offsets from the zone database, each change at its
 * exact second (the half-hour zones are the test: an hourly sample puts
 * St John's spring change at 06:00Z instead of 05:30Z), and zone names
 * that are not IANA names never reach the file system.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "dais/tzdb.h"

/* 2026 instants in UTC, from Python's zoneinfo over the same database. */
#define Z(y, mo, d, h, mi)                                                     \
	(date_to_days((struct dais_date){y, mo, d}) * 86400 + (h)*3600 +       \
	 (mi)*60)

/* The offset changes of zone in 2026 must be exactly want (from, offset). */
static void
expect_changes(const char *name, const struct dais_zone_span *want, size_t n)
{
	struct dais_zone z;
	size_t i, k = 0;

	assert_true(tzdb_load_zone(name, 2026, 2026, &z));
	assert_string_equal(z.name, name);
	for (i = 1; i < z.nspans; i++) {
		if (z.spans[i].from >= Z(2027, 1, 1, 0, 0))
			continue;
		assert_true(k < n);
		assert_int_equal(z.spans[i].from, want[k].from);
		assert_int_equal(z.spans[i].offset, want[k].offset);
		/* One second before, the old offset. */
		assert_int_equal(zone_offset(&z, want[k].from - 1),
		                 z.spans[i - 1].offset);
		k++;
	}
	assert_int_equal(k, n);
	zone_free(&z);
}

static void
test_st_johns(void **state)
{
	const struct dais_zone_span want[] = {
	    {Z(2026, 3, 8, 5, 30), -9000},
	    {Z(2026, 11, 1, 4, 30), -12600},
	};

	(void)state;
	expect_changes("America/St_Johns", want, 2);
}

static void
test_lord_howe(void **state)
{
	/* Daylight saving of 30 minutes: +11 to +10:30 and back. */
	const struct dais_zone_span want[] = {
	    {Z(2026, 4, 4, 15, 0), 37800},
	    {Z(2026, 10, 3, 15, 30), 39600},
	};

	(void)state;
	expect_changes("Australia/Lord_Howe", want, 2);
}

static void
test_kathmandu(void **state)
{
	struct dais_zone z;
	struct dais_civil c;

	(void)state;
	expect_changes("Asia/Kathmandu", NULL, 0);
	assert_true(tzdb_load_zone("Asia/Kathmandu", 2026, 2026, &z));
	assert_int_equal(zone_offset(&z, Z(2026, 11, 4, 3, 15)), 20700);
	c = time_to_civil(&z, Z(2026, 11, 4, 3, 15));
	assert_int_equal(c.hour, 9);
	assert_int_equal(c.minute, 0);
	zone_free(&z);
}

/* A zone with no change in the years asked for is one span; one whose
 * last change falls in them still has it, to the second. */
static void
test_constant(void **state)
{
	struct dais_zone z;

	(void)state;
	assert_true(tzdb_load_zone("Asia/Kuwait", 2025, 2027, &z));
	assert_int_equal(z.nspans, 1);
	assert_int_equal(zone_offset(&z, Z(2026, 11, 4, 6, 0)), 10800);
	zone_free(&z);
	assert_true(tzdb_load_zone("America/Sao_Paulo", 2025, 2027, &z));
	assert_int_equal(z.nspans, 1);
	assert_int_equal(zone_offset(&z, Z(2026, 1, 15, 12, 0)), -10800);
	zone_free(&z);
	/* Brazil's last daylight saving ended at 00:00 local on 17
	 * February 2019 (02:00Z). */
	assert_true(tzdb_load_zone("America/Sao_Paulo", 2018, 2020, &z));
	assert_true(z.nspans > 1);
	assert_int_equal(zone_offset(&z, Z(2019, 2, 17, 2, 0) - 1), -7200);
	assert_int_equal(zone_offset(&z, Z(2019, 2, 17, 2, 0)), -10800);
	zone_free(&z);
}

static void
test_dst_day_civil(void **state)
{
	struct dais_zone z;
	struct dais_date day = {2026, 3, 8};

	(void)state;
	assert_true(tzdb_load_zone("America/St_Johns", 2025, 2027, &z));
	/* 01:30 NST is 05:00Z; 03:30 NDT is 06:00Z: one hour apart. */
	assert_int_equal(time_at(&z, day, 90), Z(2026, 3, 8, 5, 0));
	assert_int_equal(time_at(&z, day, 210), Z(2026, 3, 8, 6, 0));
	/* 05:45Z is 03:15 local, after the change (an hourly sample said
	 * 02:15). */
	assert_int_equal(time_local_minutes(&z, Z(2026, 3, 8, 5, 45)), 195);
	zone_free(&z);
}

static void
test_names(void **state)
{
	/* longer than any zone name may be */
	char too_long[68];
	const char *bad[] = {
	    "../../../../../proc/self/fd/0",
	    "/etc/passwd",
	    "Asia/../../../etc/passwd",
	    "Asia//Kuwait",
	    "Asia/Kuwait/",
	    ".hidden",
	    "Asia/.Kuwait",
	    "Asia/Kuwait\n",
	    "Asia Kuwait",
	    "",
	    too_long,
	};
	const char *good[] = {"Asia/Kuwait", "America/Argentina/Buenos_Aires",
	                      "Etc/GMT+3", "America/Port-au-Prince", "UTC"};
	struct dais_zone z;
	size_t i;

	(void)state;
	memset(too_long, 'a', sizeof too_long - 1);
	too_long[0] = 'A';
	too_long[sizeof too_long - 1] = '\0';
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_false(tzdb_name_valid(bad[i]));
		alarm(5); /* a lookup that reads a terminal fails here */
		assert_null(tzdb_lookup(bad[i]));
		assert_false(tzdb_load_zone(bad[i], 2026, 2026, &z));
		alarm(0);
	}
	for (i = 0; i < sizeof good / sizeof good[0]; i++)
		assert_true(tzdb_name_valid(good[i]));
	assert_non_null(tzdb_lookup("Asia/Kuwait"));
	assert_null(tzdb_lookup("Asia/Atlantis"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_st_johns),
	    cmocka_unit_test(test_lord_howe),
	    cmocka_unit_test(test_kathmandu),
	    cmocka_unit_test(test_constant),
	    cmocka_unit_test(test_dst_day_civil),
	    cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
