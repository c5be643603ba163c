/*
 * test_caldav_local.c: the pieces of dais sync that need no server: a
 * session's fingerprint stays the same when a server writes it back in
 * another form (Radicale sorts parameters, drops quotes, folds anew) and
 * changes with any real change; a file is cut into sessions by UID; the
 * state file keeps UIDs and hrefs with spaces and percent signs; hrefs
 * compare equal across percent-encoding; the status line for the planner.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "caldav_internal.h"
#include "dais/caldav.h"
#include "dais/caldav_sync.h"
#include "dais/strmap.h"
#include "dais/xalloc.h"

static const char MINE[] =
    "BEGIN:VEVENT\r\n"
    "UID:a@test\r\n"
    "SUMMARY:Opening\\, day one\r\n"
    "X-DAIS-LANGUAGES:ar,en,ru\r\n"
    "ATTENDEE;CN=\"Minister of Interior — Kuwait\";ROLE=CHAIR;CUTYPE=INDIV\r\n"
    " IDUAL;X-DAIS-ID=kw-interior:urn:x-dais:kw-interior\r\n"
    "END:VEVENT\r\n";

/* The same session as Radicale returns it: lines and parameters
 * reordered, a quote dropped, commas of the X- value escaped, LF. */
static const char THEIRS[] = "BEGIN:VEVENT\n"
                             "UID:a@test\n"
                             "ATTENDEE;CN=Minister of Interior — "
                             "Kuwait;CUTYPE=INDIVIDUAL;ROLE=CHAIR;X-\n"
                             " DAIS-ID=kw-interior:urn:x-dais:kw-interior\n"
                             "X-DAIS-LANGUAGES:ar\\,en\\,ru\n"
                             "SUMMARY:Opening\\, day one\n"
                             "END:VEVENT\n";

static void
fingerprint_ignores_form(void **state)
{
	(void)state;
	assert_true(cal_fingerprint(MINE) == cal_fingerprint(THEIRS));
}

static void
fingerprint_sees_changes(void **state)
{
	char *moved = xstrdup(MINE), *p;

	(void)state;
	p = strstr(moved, "ROLE=CHAIR");
	memcpy(p, "ROLE=OPT-P", 10); /* another role */
	assert_true(cal_fingerprint(MINE) != cal_fingerprint(moved));
	free(moved);
	moved = xstrdup(MINE);
	p = strstr(moved, "ar,en,ru");
	p[0] = 'f'; /* another language */
	assert_true(cal_fingerprint(MINE) != cal_fingerprint(moved));
	free(moved);
}

static void
text_cut_by_uid(void **state)
{
	const char *file =
	    "BEGIN:VCALENDAR\nVERSION:2.0\n"
	    "BEGIN:VTIMEZONE\nTZID:Asia/Kuwait\nEND:VTIMEZONE\n"
	    "BEGIN:VEVENT\nUID:s@t\nRRULE:FREQ=DAILY;COUNT=2\n"
	    "DTSTART;TZID=Asia/Kuwait:20261104T100000\nEND:VEVENT\n"
	    "BEGIN:VEVENT\nUID:o@t\nBEGIN:VALARM\nUID:not-this\n"
	    "END:VALARM\nEND:VEVENT\n"
	    "BEGIN:VEVENT\nUID:s@t\nRECURRENCE-ID;TZID=Asia/Kuwait:"
	    "20261105T100000\nEND:VEVENT\n"
	    "END:VCALENDAR\n";
	struct cal_text ct;
	char *s, *res;

	(void)state;
	assert_true(cal_text_parse(&ct, xstrdup(file), strlen(file)));
	assert_int_equal(ct.split.nblocks, 4);
	assert_false(ct.crlf);
	assert_string_equal(ct.split.blocks[2].uid, "o@t");
	assert_int_equal(cal_text_zone(&ct, "Asia/Kuwait"), 0);
	/* the series and its override, CRLF, in file order */
	s = cal_text_session(&ct, "s@t");
	assert_non_null(strstr(s, "RRULE"));
	assert_non_null(strstr(s, "RECURRENCE-ID"));
	assert_null(strstr(s, "o@t"));
	assert_non_null(strstr(s, "END:VEVENT\r\nBEGIN:VEVENT\r\n"));
	/* the resource carries the zone it uses */
	res = cal_resource(&ct, s);
	assert_non_null(strstr(res, "BEGIN:VTIMEZONE\r\nTZID:Asia/Kuwait"));
	assert_true(strncmp(res, "BEGIN:VCALENDAR\r\n", 17) == 0);
	free(res);
	free(s);
	cal_text_free(&ct);
	/* not a calendar */
	assert_false(cal_text_parse(&ct, xstrdup("hello\n"), 6));
	cal_text_free(&ct);
}

static void
state_round_trip(void **state)
{
	char dir[] = "/tmp/dais-caldav-XXXXXX", *why = NULL, *path;
	struct sync_state st = {0}, back;
	const struct sync_entry *e;

	(void)state;
	assert_non_null(mkdtemp(dir));
	st.url = xstrdup("http://h/c/");
	st.token = xstrdup("http://radicale.org/ns/sync/1 2");
	sync_state_set(&st, "odd uid %20 with\ttab", "/c/odd%20uid.ics",
	               "\"e 1\"", 0x0123456789abcdefULL);
	sync_state_set(&st, "-dash", "/c/dash.ics", NULL, 1);
	assert_true(sync_state_write(dir, &st, &why));
	assert_true(sync_state_read(dir, &back, &why));
	assert_string_equal(back.token, st.token);
	e = sync_state_find(&back, "odd uid %20 with\ttab");
	assert_non_null(e);
	assert_string_equal(e->href, "/c/odd%20uid.ics");
	assert_string_equal(e->etag, "\"e 1\"");
	assert_true(e->fingerprint == 0x0123456789abcdefULL);
	e = sync_state_find(&back, "-dash");
	assert_non_null(e);
	assert_null(e->etag);
	/* found by href whatever the encoding */
	assert_non_null(sync_state_find_href(&back, "/c/odd uid.ics"));
	sync_state_free(&back);
	sync_state_free(&st);
	path = xasprintf("%s/%s", dir, SYNC_STATE_FILE);
	/* a line dais did not write is refused, naming the file */
	{
		FILE *f = fopen(path, "a");
		fputs("session only-a-uid\n", f);
		fclose(f);
	}
	assert_false(sync_state_read(dir, &back, &why));
	assert_non_null(strstr(why, ".dais-sync, line"));
	free(why);
	unlink(path);
	free(path);
	rmdir(dir);
}

/* The state's index agrees with a walk over its entries through sets,
 * removals (which move the last entry) and hrefs that change. */
static void
state_index_under_churn(void **state)
{
	struct sync_state st = {0};
	char uid[32], href[48];
	const struct sync_entry *e;
	size_t i, j, k, walk;
	uint64_t seed = 7;

	(void)state;
	for (k = 0; k < 20000; k++) {
		i = (size_t)(splitmix64(&seed) % 500);
		snprintf(uid, sizeof uid, "u%zu@x", i);
		/* a session's href moves between two names, each in
		 * two spellings; no two sessions share one */
		snprintf(href, sizeof href, "/c/%s%zu%s.ics",
		         k % 2 ? "w" : (k % 3 ? "u" : "%75"), i,
		         k % 5 ? "%40x" : "@x");
		switch (splitmix64(&seed) % 3) {
		case 0:
			sync_state_remove(&st, uid);
			break;
		default:
			sync_state_set(&st, uid, href, "e", k);
			break;
		}
		if (k % 97 != 0)
			continue;
		for (i = 0; i < 500; i++) {
			snprintf(uid, sizeof uid, "u%zu@x", i);
			for (j = 0, walk = st.n; j < st.n; j++)
				if (strcmp(st.v[j].uid, uid) == 0)
					walk = j;
			e = sync_state_find(&st, uid);
			if (walk == st.n)
				assert_null(e);
			else
				assert_ptr_equal(e, &st.v[walk]);
			if (e != NULL)
				assert_ptr_equal(
				    sync_state_find_href(&st, e->href), e);
		}
	}
	sync_state_free(&st);
}

static void
hrefs_compare_decoded(void **state)
{
	(void)state;
	assert_true(caldav_href_equal("/a/x%40y.ics", "/a/x@y.ics"));
	assert_true(caldav_href_equal("/a/x%4a.ics", "/a/x%4A.ics"));
	assert_false(caldav_href_equal("/a/x.ics", "/a/y.ics"));
	assert_false(caldav_href_equal("/a/x.ics", "/a/x.icsz"));
}

static void
status_line(void **state)
{
	struct sync_report r = {0};
	char *s;

	(void)state;
	r.complete = true;
	r.got_changed = 2;
	r.got_new = 1;
	r.nconflicts = 1;
	s = sync_report_status(&r);
	assert_non_null(
	    strstr(s, ": 3 sessions changed by others, 1 conflict"));
	free(s);
	r.complete = false;
	r.why = "http://h/: cannot reach the server";
	s = sync_report_status(&r);
	assert_non_null(strstr(s, "sync failed at "));
	assert_non_null(strstr(s, "cannot reach the server"));
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(fingerprint_ignores_form),
	    cmocka_unit_test(fingerprint_sees_changes),
	    cmocka_unit_test(text_cut_by_uid),
	    cmocka_unit_test(state_round_trip),
	    cmocka_unit_test(state_index_under_churn),
	    cmocka_unit_test(hrefs_compare_decoded),
	    cmocka_unit_test(status_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
