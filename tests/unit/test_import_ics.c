/*
 * test_import_ics.c: what the import engine hands the planner's I, in a
 * structured form the planner filters by (not by the messages' wording):
 * an ATTENDEE linked to nobody is a warning of kind
 * DIAG_KIND_ATTENDEE_UNLINKED, every other problem DIAG_KIND_OTHER, and
 * each closest-name guess names its own line of the report. And the
 * Windows zone names it maps (winzones.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dais/diag.h"
#include "dais/import_ics.h"
#include "dais/model.h"
#include "dais/winzones.h"
#include "helpers.h"

/* Outlook's calendar into the example: 'Plenary Hall' is linked by the
 * closest name, two attendees to nobody. */
static void
test_kinds_and_guess_lines(void **state)
{
	char *dir = helper_copy_example();
	char *src = NULL;
	struct programme *p = helper_load_ok(dir);
	struct import_ics_result r = {0};
	struct diag_list d = {0};
	struct session *sessions = NULL;
	const char *fixtures = getenv("FIXTURES");
	const char *srcs[1];
	size_t n = 0, i, unlinked = 0, others = 0;

	(void)state;
	assert_non_null(fixtures);
	src = malloc(strlen(fixtures) + 40);
	sprintf(src, "%s/other-clients/outlook.ics", fixtures);
	srcs[0] = src;
	assert_true(import_ics_read(p, srcs, 1, &r, &d));
	assert_true(import_ics_sessions(p, &r, &sessions, &n, &d));
	assert_int_equal(n, 2);
	for (i = 0; i < d.n; i++) {
		bool says = strstr(d.v[i].message, "has no dais id") != NULL;

		if (d.v[i].kind == DIAG_KIND_ATTENDEE_UNLINKED) {
			assert_true(says);
			assert_int_equal(d.v[i].level, DIAG_WARNING);
			unlinked++;
		} else {
			assert_int_equal(d.v[i].kind, DIAG_KIND_OTHER);
			assert_false(says);
			others++;
		}
	}
	assert_int_equal(unlinked, 2);
	/* Every guess points at its own report line, and only those lines
	 * are guesses. */
	assert_int_equal(r.nguesses, 1);
	assert_true(r.guesses[0].report_line < r.report.n);
	assert_non_null(strstr(r.report.v[r.guesses[0].report_line],
	                       "LOCATION 'Plenary Hall' linked to room"));
	for (i = 0; i < r.report.n; i++)
		if (i != r.guesses[0].report_line)
			assert_null(
			    strstr(r.report.v[i], "by the closest name"));
	printf("# %zu unlinked attendees, %zu other messages, %zu report "
	       "lines\n",
	       unlinked, others, r.report.n);
	for (i = 0; i < n; i++)
		session_free(&sessions[i]);
	free(sessions);
	diag_clear(&d);
	import_ics_result_free(&r);
	programme_free(p);
	free(src);
	helper_remove_dir(dir);
}

/* diag_add is of no kind; diag_add_kind keeps the one given. */
static void
test_diag_add_kind(void **state)
{
	struct diag_list d = {0};

	(void)state;
	diag_add(&d, DIAG_WARNING, "f.ics", 3, NULL, "plain %d", 1);
	diag_add_kind(&d, DIAG_WARNING, DIAG_KIND_ATTENDEE_UNLINKED, "f.ics", 4,
	              "u1", "ATTENDEE %s", "X");
	assert_int_equal(d.v[0].kind, DIAG_KIND_OTHER);
	assert_int_equal(d.v[1].kind, DIAG_KIND_ATTENDEE_UNLINKED);
	assert_string_equal(d.v[1].message, "ATTENDEE X");
	assert_int_equal(d.v[1].line, 4);
	diag_clear(&d);
}

static void
expect_zone(const char *windows, const char *prefer, const char *want)
{
	char *got = winzones_find(windows, prefer);

	if (want == NULL)
		assert_null(got);
	else
		assert_string_equal(got, want);
	free(got);
}

/* Windows names through ICU: the conference's zone when it is one of the
 * name's, else CLDR's zone for the name as a whole. */
static void
test_windows_zones(void **state)
{
	(void)state;
	expect_zone("Arab Standard Time", "Asia/Kuwait", "Asia/Kuwait");
	expect_zone("Arab Standard Time", "Asia/Qatar", "Asia/Qatar");
	expect_zone("Arab Standard Time", "Europe/Paris", "Asia/Riyadh");
	expect_zone("Arab Standard Time", NULL, "Asia/Riyadh");
	expect_zone("W. Europe Standard Time", "Asia/Kuwait", "Europe/Berlin");
	expect_zone("West Asia Standard Time", NULL, "Asia/Tashkent");
	expect_zone("Russian Standard Time", NULL, "Europe/Moscow");
	expect_zone("Atlantis Standard Time", "Asia/Kuwait", NULL);
	expect_zone("Asia/Kuwait", NULL, NULL);
	expect_zone("", NULL, NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_windows_zones),
	    cmocka_unit_test(test_diag_add_kind),
	    cmocka_unit_test(test_kinds_and_guess_lines),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
