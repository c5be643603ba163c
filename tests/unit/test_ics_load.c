/*
 * test_ics_load.c: the .ics loader field by field on tests/fixtures/mini,
 * recurring series (RRULE, EXDATE, RDATE, an override before its master,
 * a rule begun years before the conference, COUNT, whole-day EXDATE, PERIOD
 * RDATE, DURATION), and what a refused session or file leaves behind.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dais/ics.h"
#include "dais/load.h"
#include "dais/xalloc.h"
#include "helpers.h"

/* Instants as `date -u -d ... +%s` gives them. */
#define T_1104_0600 1793772000 /* 09:00 in Kuwait (UTC+3) */
#define T_1104_0700 1793775600
#define T_1104_0730 1793777400
#define T_1104_0800 1793779200
#define T_1104_1100 1793790000
#define T_1104_1230 1793795400
#define T_1104_1300 1793797200
#define T_1104_1320 1793798400
#define T_1105_0500 1793854800
#define T_1105_0530 1793856600
#define T_1105_0730 1793863800
#define T_1105_0800 1793865600
#define T_1105_1100 1793876400
#define T_1105_1145 1793879100
#define T_1105_1200 1793880000
#define T_1105_1230 1793881800
#define T_1105_1330 1793885400
#define T_1105_1445 1793889900
#define T_1105_1515 1793891700
#define T_1105_1500 1793890800
#define T_1105_1600 1793894400

static struct programme *
load(const char *name, struct diag_list *diags)
{
	const char *fixtures = getenv("FIXTURES");
	struct programme *p;
	char *dir;

	assert_non_null(fixtures);
	dir = xasprintf("%s/%s", fixtures, name);
	p = programme_load(dir, diags);
	free(dir);
	return p;
}

static const struct session *
find(const struct programme *p, const char *uid, dais_time rid)
{
	long i = programme_find_session(p, uid, rid);

	assert_true(i >= 0);
	return &p->sessions[i];
}

/* Fails with the messages when the load said anything at all. */
static void
assert_silent(const struct diag_list *d)
{
	helper_print_diags(d);
	assert_int_equal(d->n, 0);
}

static void
assert_langs(const struct strlist *l, const char *joined)
{
	char *s = strlist_join(l, ",");

	assert_string_equal(s, joined);
	free(s);
}

static void
test_mini_every_field(void **state)
{
	struct diag_list d = {0};
	struct programme *p = load("mini", &d);
	const struct session *s;

	(void)state;
	assert_silent(&d);
	assert_int_equal(p->nsessions, 3);
	/* Sorted by start. */
	assert_string_equal(p->sessions[0].uid, "opening@mini");
	assert_string_equal(p->sessions[1].uid, "side-1@mini");
	assert_string_equal(p->sessions[2].uid, "day2@mini");

	s = find(p, "opening@mini", DAIS_TIME_NONE);
	assert_true(s->recurrence_id == DAIS_TIME_NONE);
	assert_string_equal(s->title, "Opening plenary");
	assert_null(s->description);
	assert_string_equal(s->notes, "Doors open 08:30");
	assert_string_equal(s->kind, "PLENARY");
	assert_int_equal(s->status, SESSION_CONFIRMED);
	assert_string_equal(s->room_id, "hall");
	assert_string_equal(s->location, "Plenary Hall");
	assert_int_equal(s->start, T_1104_0600);
	assert_int_equal(s->end, T_1104_0730);
	assert_int_equal(s->expected, 250);
	assert_langs(&s->languages, "ar,en,ru");
	assert_int_equal(s->sequence, 0);
	assert_int_equal(s->source, 0);
	assert_int_equal(s->line, 4);
	assert_int_equal(s->nassign, 2);
	assert_string_equal(s->assign[0].participant_id, "kw-interior");
	assert_int_equal(s->assign[0].role, ROLE_CHAIR);
	assert_string_equal(s->assign[0].cn,
	                    "Minister of Interior \xe2\x80\x94 Kuwait");
	assert_string_equal(s->assign[1].participant_id, "unoct");
	assert_int_equal(s->assign[1].role, ROLE_SPEAKER);
	assert_string_equal(s->assign[1].cn, "UN Office of Counter-Terrorism");

	s = find(p, "side-1@mini", DAIS_TIME_NONE);
	assert_string_equal(s->title, "Side session on border data");
	assert_null(s->description);
	assert_null(s->notes);
	assert_string_equal(s->kind, "SIDE-SESSION");
	assert_int_equal(s->status, SESSION_TENTATIVE);
	assert_string_equal(s->room_id, "side");
	assert_string_equal(s->location, "Side Room");
	assert_int_equal(s->start, T_1104_0700);
	assert_int_equal(s->end, T_1104_0800);
	assert_int_equal(s->expected, 0);
	assert_int_equal(s->languages.n, 0);
	assert_int_equal(s->line, 20);
	assert_int_equal(s->nassign, 1);
	assert_string_equal(s->assign[0].participant_id, "kw-interior");
	assert_int_equal(s->assign[0].role, ROLE_SPEAKER);

	s = find(p, "day2@mini", DAIS_TIME_NONE);
	assert_string_equal(s->title, "Closing plenary");
	assert_int_equal(s->status, SESSION_CONFIRMED); /* no STATUS */
	assert_int_equal(s->start, T_1105_1200);
	assert_int_equal(s->end, T_1105_1330);
	assert_int_equal(s->line, 32);
	assert_int_equal(s->nassign, 1);
	assert_string_equal(s->assign[0].participant_id, "tj-interior");
	assert_int_equal(s->assign[0].role, ROLE_CHAIR);
	assert_string_equal(s->assign[0].cn,
	                    "\xd0\x9c\xd0\xb8\xd0\xbd\xd0\xb8\xd1\x81\xd1\x82"
	                    "\xd1\x80 \xd0\xb2\xd0\xbd\xd1\x83\xd1\x82\xd1\x80"
	                    "\xd0\xb5\xd0\xbd\xd0\xbd\xd0\xb8\xd1\x85 \xd0\xb4"
	                    "\xd0\xb5\xd0\xbb \xe2\x80\x94 \xd0\xa2\xd0\xb0"
	                    "\xd0\xb4\xd0\xb6\xd0\xb8\xd0\xba\xd0\xb8\xd1\x81"
	                    "\xd1\x82\xd0\xb0\xd0\xbd");
	diag_clear(&d);
	programme_free(p);
}

static void
test_recurring_series(void **state)
{
	struct diag_list d = {0};
	struct programme *p = load("load-ics/recurring", &d);
	const struct session *s;
	size_t i, nbreak = 0;

	(void)state;
	assert_silent(&d);
	/* mini's three, four coffee breaks, one briefing, two
	 * consultations. */
	assert_int_equal(p->nsessions, 10);
	for (i = 0; i < p->nsessions; i++)
		if (strcmp(p->sessions[i].uid, "break@mini") == 0)
			nbreak++;
	assert_int_equal(nbreak, 4);

	/* DTSTART is the first occurrence; it carries its own start as
	 * recurrence id, and the master's fields. */
	s = find(p, "break@mini", T_1104_0730);
	assert_int_equal(s->start, T_1104_0730);
	assert_int_equal(s->end, T_1104_0800);
	assert_string_equal(s->title, "Coffee break");
	assert_string_equal(s->kind, "BREAK");
	assert_string_equal(s->location, "Foyer");
	assert_null(s->room_id);
	assert_int_equal(s->expected, 300);
	assert_int_equal(s->line, 55);

	/* The override (written before its master) replaces 15:30. */
	s = find(p, "break@mini", T_1104_1230);
	assert_int_equal(s->start, T_1104_1300);
	assert_int_equal(s->end, T_1104_1320);
	assert_string_equal(s->title, "Coffee break (short)");
	/* Folded in the middle of a two-octet letter. */
	assert_string_equal(s->description,
	                    "\xd0\x9a\xd0\xbe\xd1\x80\xd0\xbe\xd1\x82\xd0\xba"
	                    "\xd0\xb8\xd0\xb9 \xd0\xbf\xd0\xb5\xd1\x80\xd0\xb5"
	                    "\xd1\x80\xd1\x8b\xd0\xb2");
	assert_int_equal(s->expected, 0); /* its own fields, not the master's */
	assert_int_equal(s->line, 43);

	s = find(p, "break@mini", T_1105_0730);
	assert_int_equal(s->end, T_1105_0800);
	/* EXDATE removes the second day's 15:30. */
	assert_int_equal(programme_find_session(p, "break@mini", T_1105_1230),
	                 -1);
	/* RDATE adds 17:45, as long as the others. */
	s = find(p, "break@mini", T_1105_1445);
	assert_int_equal(s->start, T_1105_1445);
	assert_int_equal(s->end, T_1105_1515);

	/* Weekly since 2020 with no end: only the Thursday of the
	 * conference, found without walking through six years. */
	s = find(p, "briefing@mini", T_1105_0500);
	assert_int_equal(s->end, T_1105_0530);
	assert_string_equal(s->room_id, "hall");
	assert_int_equal(s->nassign, 1);
	assert_string_equal(s->assign[0].participant_id, "unoct");
	assert_int_equal(s->assign[0].role, ROLE_CHAIR);

	/* Daily from the day before, COUNT=5, DURATION 45 minutes; the
	 * whole of 4 November excluded; a PERIOD with its own length. */
	assert_int_equal(programme_find_session(p, "consult@mini", T_1104_1100),
	                 -1);
	s = find(p, "consult@mini", T_1105_1100);
	assert_int_equal(s->end, T_1105_1145);
	assert_string_equal(s->kind, "BILATERAL");
	s = find(p, "consult@mini", T_1105_1500);
	assert_int_equal(s->end, T_1105_1600);
	diag_clear(&d);
	programme_free(p);
}

/* Outlook's "Arab Standard Time" VTIMEZONE (after its users), libical's
 * prefixed TZID, a Z time, DURATION: the same instants as mini. */
static void
test_zones(void **state)
{
	struct diag_list d = {0};
	struct programme *p = load("load-ics/vtimezone", &d);

	(void)state;
	assert_silent(&d);
	assert_int_equal(p->nsessions, 3);
	assert_int_equal(find(p, "opening@mini", DAIS_TIME_NONE)->start,
	                 T_1104_0600);
	assert_int_equal(find(p, "opening@mini", DAIS_TIME_NONE)->end,
	                 T_1104_0730);
	assert_int_equal(find(p, "side-1@mini", DAIS_TIME_NONE)->start,
	                 T_1104_0700);
	assert_int_equal(find(p, "side-1@mini", DAIS_TIME_NONE)->end,
	                 T_1104_0800);
	assert_int_equal(find(p, "day2@mini", DAIS_TIME_NONE)->end,
	                 T_1105_1330);
	diag_clear(&d);
	programme_free(p);

	/* Floating times are the conference's wall clock, with a warning. */
	p = load("load-ics/floating", &d);
	assert_int_equal(diag_count(&d, DIAG_ERROR), 0);
	assert_int_equal(diag_count(&d, DIAG_WARNING), 1);
	assert_int_equal(d.v[0].line, 24);
	assert_string_equal(d.v[0].uid, "side-1@mini");
	assert_int_equal(find(p, "side-1@mini", DAIS_TIME_NONE)->start,
	                 T_1104_0700);
	diag_clear(&d);
	programme_free(p);
}

/* A session with an error is reported and left out; the others stay. */
static void
test_refused_session_left_out(void **state)
{
	static const struct {
		const char *fixture, *uid;
		int line;
		const char *words;
	} cases[] = {
	    {"date-only", "day2@mini", 37, "date without a time"},
	    {"dtend-and-duration", "side-1@mini", 26,
	     "both DTEND and DURATION"},
	    {"end-before-start", "day2@mini", 37, "before it starts"},
	    {"missing-dtstart", "day2@mini", 32, "no DTSTART"},
	    {"unknown-tzid", "side-1@mini", 24, "TZID=Kuwait/City"},
	    {"impossible-date", "day2@mini", 36, "not a real date"},
	    {"unclosed-alarm", "opening@mini", 17, "no END:VALARM"},
	    {"truncated-event", "day2@mini", 32, "no END:VEVENT"},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct diag_list d = {0};
		char *name = xasprintf("load-ics/%s", cases[i].fixture);
		struct programme *p = load(name, &d);

		print_message("%s\n", cases[i].fixture);
		assert_true(diag_count(&d, DIAG_ERROR) >= 1);
		assert_int_equal(d.v[0].level, DIAG_ERROR);
		assert_int_equal(d.v[0].line, cases[i].line);
		assert_string_equal(d.v[0].uid, cases[i].uid);
		assert_non_null(strstr(d.v[0].file, "programme/sessions.ics"));
		assert_non_null(strstr(d.v[0].message, cases[i].words));
		assert_int_equal(p->nsessions, 2);
		assert_int_equal(
		    programme_find_session(p, cases[i].uid, DAIS_TIME_NONE),
		    -1);
		free(name);
		diag_clear(&d);
		programme_free(p);
	}
}

/* ics_load_file says false for a file it could not read as a calendar. */
static void
test_unreadable_files(void **state)
{
	const char *fixtures = getenv("FIXTURES");
	struct diag_list d = {0};
	struct programme *p = load("mini", &d);
	char *path;

	(void)state;
	assert_silent(&d);
	path = xasprintf("%s/load-ics/none/no-such.ics", fixtures);
	assert_false(ics_load_file(p, 0, path, "shown.ics", &d));
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].level, DIAG_ERROR);
	assert_string_equal(d.v[0].file, "shown.ics");
	assert_non_null(strstr(d.v[0].message, "No such file or directory"));
	free(path);
	diag_clear(&d);

	path = xasprintf("%s/load-ics/not-calendar/programme/sessions.ics",
	                 fixtures);
	assert_false(ics_load_file(p, 0, path, "bare.ics", &d));
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].line, 1);
	assert_non_null(strstr(d.v[0].message, "BEGIN:VCALENDAR"));
	assert_int_equal(p->nsessions, 3); /* nothing half-read */
	free(path);
	diag_clear(&d);

	/* A truncated file was read: true, with its errors. */
	path = xasprintf(
	    "%s/load-ics/truncated-calendar/programme/sessions.ics", fixtures);
	assert_true(ics_load_file(p, 1, path, "cut.ics", &d));
	assert_int_equal(diag_count(&d, DIAG_ERROR), 1);
	assert_non_null(strstr(d.v[0].message, "END:VCALENDAR"));
	free(path);
	diag_clear(&d);
	programme_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_mini_every_field),
	    cmocka_unit_test(test_recurring_series),
	    cmocka_unit_test(test_zones),
	    cmocka_unit_test(test_refused_session_left_out),
	    cmocka_unit_test(test_unreadable_files),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
