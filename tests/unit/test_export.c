/*
 * test_export.c: the calendar export (export.h) on the mini programme:
 * SEQUENCE and UID across edits made through the editor, which sessions
 * each kind of export selects, what a public export leaves out, and how
 * writing to files fails.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <libical/ical.h>

#include "dais/edit.h"
#include "dais/export.h"
#include "dais/load.h"
#include "dais/published.h"
#include "dais/save.h"
#include "dais/xalloc.h"
#include "helpers.h"

#define UID_OPEN  "opening@mini"
#define UID_SIDE  "side-1@mini"
#define UID_CLOSE "day2@mini"

static struct programme *
load_mini(void)
{
	const char *fixtures = getenv("FIXTURES");
	struct diag_list diags = {0};
	struct programme *p;
	char *dir;

	assert_non_null(fixtures);
	dir = xasprintf("%s/mini", fixtures);
	p = programme_load(dir, &diags);
	free(dir);
	assert_int_equal(diag_count(&diags, DIAG_ERROR), 0);
	diag_clear(&diags);
	return p;
}

/* The exported calendar, parsed back; the caller frees it. */
static icalcomponent *
export_parsed(const struct programme *p, const struct export_options *o,
              size_t *n)
{
	char *why = NULL, *text = export_ical(p, o, n, &why);
	icalcomponent *cal;

	if (text == NULL)
		fail_msg("export refused: %s", why);
	cal = icalparser_parse_string(text);
	free(text);
	assert_non_null(cal);
	return cal;
}

static icalcomponent *
find_event(icalcomponent *cal, const char *uid)
{
	icalcomponent *ev;

	for (ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	     ev != NULL;
	     ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT))
		if (strcmp(icalcomponent_get_uid(ev), uid) == 0)
			return ev;
	return NULL;
}

static int
sequence_of(icalcomponent *cal, const char *uid)
{
	icalcomponent *ev = find_event(cal, uid);

	if (ev == NULL)
		fail_msg("no event %s in the export", uid);
	return icalcomponent_get_sequence(ev);
}

static dais_time
start_of(icalcomponent *cal, const char *uid)
{
	icalcomponent *ev = find_event(cal, uid);

	assert_non_null(ev);
	return icaltime_as_timet_with_zone(icalcomponent_get_dtstart(ev),
	                                   icalcomponent_get_dtstart(ev).zone);
}

/* A change of time raises SEQUENCE once and keeps the UID; sessions that
 * were not changed, or changed in a way that does not count (the title),
 * keep theirs; cancelling raises it and the session stays, CANCELLED. */
static void
test_sequence_follows_edits(void **state)
{
	struct programme *p = load_mini();
	struct export_options o;
	icalcomponent *before, *after, *ev;
	const struct session *s;
	struct editor *ed;
	const char *why = NULL;
	dais_time start;
	size_t n;

	(void)state;
	export_options_init(&o);
	before = export_parsed(p, &o, &n);
	assert_int_equal(n, 3);
	assert_int_equal(sequence_of(before, UID_OPEN), 0);
	assert_int_equal(sequence_of(before, UID_SIDE), 0);
	assert_int_equal(sequence_of(before, UID_CLOSE), 0);

	ed = editor_new(p);
	s = editor_session(ed, UID_OPEN, DAIS_TIME_NONE);
	assert_non_null(s);
	start = s->start;
	if (!edit_move(ed, UID_OPEN, DAIS_TIME_NONE, start + 30 * 60, &why))
		fail_msg("move refused: %s", why);
	if (!edit_set_title(ed, UID_CLOSE, DAIS_TIME_NONE, "Closing session",
	                    &why))
		fail_msg("retitle refused: %s", why);
	if (!edit_set_status(ed, UID_SIDE, DAIS_TIME_NONE, SESSION_CANCELLED,
	                     &why))
		fail_msg("cancel refused: %s", why);

	after = export_parsed(editor_programme(ed), &o, &n);
	assert_int_equal(n, 3);
	/* Same UID, a later revision, the new time. */
	assert_non_null(find_event(after, UID_OPEN));
	assert_int_equal(sequence_of(after, UID_OPEN), 1);
	assert_int_equal(start_of(after, UID_OPEN), start + 30 * 60);
	assert_int_equal(start_of(before, UID_OPEN), start);
	/* A new title is not a new revision. */
	assert_int_equal(sequence_of(after, UID_CLOSE), 0);
	assert_string_equal(
	    icalcomponent_get_summary(find_event(after, UID_CLOSE)),
	    "Closing session");
	/* Cancelled: still there, marked, a later revision. */
	ev = find_event(after, UID_SIDE);
	assert_non_null(ev);
	assert_int_equal(icalcomponent_get_status(ev), ICAL_STATUS_CANCELLED);
	assert_int_equal(sequence_of(after, UID_SIDE), 1);

	/* Moving it back is no change at all: the saved revision again. */
	if (!edit_move(ed, UID_OPEN, DAIS_TIME_NONE, start, &why))
		fail_msg("move back refused: %s", why);
	icalcomponent_free(after);
	after = export_parsed(editor_programme(ed), &o, &n);
	assert_int_equal(sequence_of(after, UID_OPEN), 0);

	icalcomponent_free(before);
	icalcomponent_free(after);
	editor_free(ed);
	programme_free(p);
}

static size_t
count_for(const struct programme *p, const char *id, bool by_day,
          struct dais_date day)
{
	struct export_options o;
	icalcomponent *cal;
	size_t n;

	export_options_init(&o);
	o.for_id = id;
	o.by_day = by_day;
	o.day = day;
	cal = export_parsed(p, &o, &n);
	assert_int_equal(
	    icalcomponent_count_components(cal, ICAL_VEVENT_COMPONENT), (int)n);
	icalcomponent_free(cal);
	return n;
}

/* A person's own sessions; a delegation's include its members'. */
static void
test_selection(void **state)
{
	struct programme *p = load_mini();
	struct dais_date d1 = {2026, 11, 4}, d2 = {2026, 11, 5};

	(void)state;
	assert_int_equal(count_for(p, NULL, true, d1), 2);
	assert_int_equal(count_for(p, NULL, true, d2), 1);
	assert_int_equal(count_for(p, "kw-interior", false, d1), 2);
	assert_int_equal(count_for(p, "kw", false, d1), 2);
	assert_int_equal(count_for(p, "unoct", false, d1), 1);
	assert_int_equal(count_for(p, "tj-interior", false, d1), 1);
	assert_int_equal(count_for(p, "tj-interior", true, d1), 0);
	programme_free(p);
}

static void
test_refusals(void **state)
{
	struct programme *p = load_mini();
	struct export_options o;
	char *why = NULL;

	(void)state;
	export_options_init(&o);
	o.for_id = "kw-intrior";
	assert_null(export_ical(p, &o, NULL, &why));
	assert_non_null(strstr(why, "'kw-intrior'"));
	assert_non_null(strstr(why, "did you mean 'kw-interior'"));
	free(why);

	export_options_init(&o);
	o.by_day = true;
	o.day = (struct dais_date){2026, 11, 6};
	assert_false(export_check(p, &o, &why));
	assert_non_null(strstr(why, "2026-11-04, 2026-11-05"));
	free(why);
	programme_free(p);
}

/* Notes and contact details only in the secretariat's export. */
static void
test_public_and_internal(void **state)
{
	struct programme *p = load_mini();
	struct export_options o;
	char *why = NULL, *text;

	(void)state;
	export_options_init(&o);
	text = export_ical(p, &o, NULL, &why);
	assert_non_null(text);
	assert_null(strstr(text, "office@interior.example.kw"));
	assert_null(strstr(text, "Doors open"));
	assert_null(strstr(text, "X-DAIS"));
	assert_null(strstr(text, "ATTENDEE"));
	assert_null(strstr(text, "freeassociation"));
	assert_non_null(
	    strstr(text, "\r\nBEGIN:VTIMEZONE\r\nTZID:Asia/Kuwait\r\n"));
	assert_non_null(
	    strstr(text, "DTSTART;TZID=Asia/Kuwait:20261104T090000\r\n"));
	/* The chair before the speaker, whatever the file's order. */
	assert_non_null(strstr(text, "Chair: Minister of Interior"));
	free(text);

	o.internal = true;
	text = export_ical(p, &o, NULL, &why);
	assert_non_null(text);
	assert_non_null(strstr(text, "office@interior.example.kw"));
	assert_non_null(strstr(text, "X-DAIS-NOTES:Doors open 08:30"));
	assert_non_null(strstr(text, "Internal notes (secretariat only)"));
	free(text);
	programme_free(p);
}

/* A failed write leaves the old file whole and no temporary beside it. */
static void
test_save_failure(void **state)
{
	struct programme *p = load_mini();
	struct export_options o;
	char dir[] = "/tmp/dais-export-XXXXXX", *path, *msg = NULL, buf[16];
	size_t written = 0;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	path = xasprintf("%s/all.ics", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("old content", f);
	fclose(f);
	export_options_init(&o);
	setenv("DAIS_FAIL_WRITE", "all.ics", 1);
	assert_false(export_save(p, &o, path, &msg));
	unsetenv("DAIS_FAIL_WRITE");
	assert_non_null(strstr(msg, path));
	free(msg);
	f = fopen(path, "r");
	assert_non_null(f);
	assert_non_null(fgets(buf, sizeof buf, f));
	fclose(f);
	assert_string_equal(buf, "old content");

	assert_true(export_save(p, &o, path, &msg));
	assert_string_equal(strstr(msg, "Wrote 3 sessions"), msg);
	free(msg);

	/* kw (through its minister), kw-interior, tj-interior, unoct. */
	free(path);
	path = xasprintf("%s/people", dir);
	assert_true(export_per_participant(p, &o, path, &written, &msg));
	assert_int_equal(written, 4);
	free(msg);
	free(path);
	path = xasprintf("%s/people/kw.ics", dir);
	assert_int_equal(access(path, R_OK), 0);
	unlink(path);
	free(path);
	path = xasprintf("%s/people/unoct.ics", dir);
	unlink(path);
	free(path);
	path = xasprintf("%s/people/kw-interior.ics", dir);
	unlink(path);
	free(path);
	path = xasprintf("%s/people/tj-interior.ics", dir);
	unlink(path);
	free(path);
	path = xasprintf("%s/people", dir);
	rmdir(path);
	free(path);
	path = xasprintf("%s/all.ics", dir);
	unlink(path);
	free(path);
	assert_int_equal(rmdir(dir), 0);
	programme_free(p);
}

/* unlink of dir/name. */
static int
remove_in(const char *dir, const char *name)
{
	char *path = xasprintf("%s/%s", dir, name);
	int r = unlink(path);

	free(path);
	return r;
}

/* Writes dir/name with some text. */
static void
put_file(const char *dir, const char *name)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs("half a record\n", f);
	fclose(f);
	free(path);
}

/*
 * The temporaries of .dais-published an export stopped mid-write left are
 * removed (the planner calls this as it opens), but not while another
 * export holds the record's lock, when one may be its own; a record that
 * was not there is not left behind either.
 */
static void
test_published_leftovers(void **state)
{
	char dir[] = "/tmp/dais-published-XXXXXX", *why = NULL;
	struct published *held;

	(void)state;
	assert_non_null(mkdtemp(dir));
	put_file(dir, ".dais-published.dais-tmp-Ab12Cd");
	put_file(dir, ".dais-published.dais-tmp-abc"); /* not dais's */
	put_file(dir, "other.ics.dais-tmp-Ab12Cd");    /* not the record's */
	assert_int_equal(published_remove_leftovers(dir), 1);
	assert_false(helper_exists(dir, ".dais-published.dais-tmp-Ab12Cd"));
	assert_true(helper_exists(dir, ".dais-published.dais-tmp-abc"));
	assert_true(helper_exists(dir, "other.ics.dais-tmp-Ab12Cd"));
	assert_false(helper_exists(dir, ".dais-published"));

	/* An export holds the record: its temporary is not touched. */
	held = published_load(dir, true, &why);
	assert_non_null(held);
	put_file(dir, ".dais-published.dais-tmp-Qw34Er");
	assert_int_equal(published_remove_leftovers(dir), 0);
	assert_true(helper_exists(dir, ".dais-published.dais-tmp-Qw34Er"));
	published_free(held);
	/* Let go: it is a leftover now, and the record stays. */
	assert_int_equal(published_remove_leftovers(dir), 1);
	assert_false(helper_exists(dir, ".dais-published.dais-tmp-Qw34Er"));

	assert_int_equal(remove_in(dir, ".dais-published.dais-tmp-abc"), 0);
	assert_int_equal(remove_in(dir, "other.ics.dais-tmp-Ab12Cd"), 0);
	remove_in(dir, ".dais-published");
	assert_int_equal(rmdir(dir), 0);
}

/* An occurrence's UID is its series' and its local date; with its local
 * time too when the series has another occurrence that day; and the same
 * after the series moved within its days. */
static void
test_occurrence_uid(void **state)
{
	struct programme *p = programme_new();
	struct session *s, *t;
	char *uid;

	(void)state;
	zone_free(&p->conf.zone);
	zone_init_fixed(&p->conf.zone, "Asia/Kuwait", 3 * 3600);
	s = programme_add_session(p);
	session_init(s);
	s->uid = xstrdup("coffee@mini");
	uid = export_uid(p, s);
	assert_string_equal(uid, "coffee@mini");
	free(uid);
	s->recurrence_id = 1793779200; /* 2026-11-04T08:00:00Z, 11:00 local */
	uid = export_uid(p, s);
	assert_string_equal(uid, "coffee@mini-20261104");
	free(uid);
	s->recurrence_id += 2 * 3600; /* the series moved to 13:00 */
	uid = export_uid(p, s);
	assert_string_equal(uid, "coffee@mini-20261104");
	free(uid);
	s->recurrence_id = 1793779200 + 4 * 3600; /* 15:00 local */
	t = programme_add_session(p);
	s = &p->sessions[0];
	session_init(t);
	t->uid = xstrdup("coffee@mini");
	t->recurrence_id = 1793779200; /* 11:00 local the same day */
	uid = export_uid(p, s);
	assert_string_equal(uid, "coffee@mini-20261104T1500");
	free(uid);
	uid = export_uid(p, t);
	assert_string_equal(uid, "coffee@mini-20261104T1100");
	free(uid);
	/* Just after local midnight is the next day, though still the 4th
	 * in UTC. */
	t->recurrence_id = 1793779200 + 14 * 3600; /* 22:00Z, 01:00 local */
	uid = export_uid(p, t);
	assert_string_equal(uid, "coffee@mini-20261105");
	free(uid);
	programme_free(p);
}

/* The mini programme in a new directory, with a closed meeting added. */
static char *
mini_with_closed_meeting(void)
{
	const char *fixtures = getenv("FIXTURES");
	char tmpl[] = "/tmp/dais-export-XXXXXX";
	char *dir = xstrdup(mkdtemp(tmpl)), *cmd;

	cmd = xasprintf(
	    "cp -R '%s/mini/.' '%s' && sed -i '/^END:VCALENDAR/d' "
	    "'%s/programme/sessions.ics' && printf '%%s\\r\\n' "
	    "BEGIN:VEVENT UID:closed@mini DTSTAMP:20261001T000000Z "
	    "'SUMMARY:Heads of delegation (closed)' "
	    "'DTSTART;TZID=Asia/Kuwait:20261104T140000' "
	    "'DTEND;TZID=Asia/Kuwait:20261104T150000' X-DAIS-ROOM:side "
	    "CLASS:CONFIDENTIAL "
	    "'ATTENDEE;CN=Minister;ROLE=CHAIR;X-DAIS-ID=kw-interior:urn:x-"
	    "dais:kw-interior' END:VEVENT END:VCALENDAR >> "
	    "'%s/programme/sessions.ics'",
	    fixtures, dir, dir, dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	return dir;
}

static struct programme *
load_dir(const char *dir)
{
	struct diag_list diags = {0};
	struct programme *p = programme_load(dir, &diags);

	assert_int_equal(diag_count(&diags, DIAG_ERROR), 0);
	diag_clear(&diags);
	free(diags.v);
	return p;
}

/*
 * CLASS:CONFIDENTIAL (a closed meeting) stays out of the public programme
 * and of the calendars of those not in it; it is in its own people's
 * (marked CONFIDENTIAL) and in the internal export; it survives an edit
 * and a save, and a copy of it is closed too.
 */
static void
test_closed_meeting(void **state)
{
	char *dir = mini_with_closed_meeting(), *why = NULL, *text, *copy;
	struct programme *p = load_dir(dir);
	struct diag_list diags = {0};
	struct export_options o;
	struct editor *ed;
	const char *refusal = NULL;
	long i;

	(void)state;
	i = programme_find_session(p, "closed@mini", DAIS_TIME_NONE);
	assert_true(i >= 0);
	assert_true(p->sessions[i].confidential);
	i = programme_find_session(p, UID_OPEN, DAIS_TIME_NONE);
	assert_false(p->sessions[i].confidential);

	export_options_init(&o);
	text = export_ical(p, &o, NULL, &why);
	assert_non_null(text);
	assert_null(strstr(text, "closed@mini"));
	assert_non_null(strstr(text, UID_OPEN));
	free(text);
	/* In the calendar of its chair, marked; not in another's. */
	o.for_id = "kw-interior";
	text = export_ical(p, &o, NULL, &why);
	assert_non_null(strstr(text, "closed@mini"));
	assert_non_null(strstr(text, "CLASS:CONFIDENTIAL"));
	assert_non_null(strstr(text, UID_SIDE));
	free(text);
	o.for_id = "tj-interior";
	text = export_ical(p, &o, NULL, &why);
	assert_null(strstr(text, "closed@mini"));
	assert_non_null(strstr(text, UID_CLOSE));
	free(text);
	o.for_id = NULL;
	o.internal = true;
	text = export_ical(p, &o, NULL, &why);
	assert_non_null(strstr(text, "closed@mini"));
	free(text);

	ed = editor_new(p);
	editor_set_uid_seed(ed, 7);
	assert_true(edit_set_title(ed, "closed@mini", DAIS_TIME_NONE,
	                           "Heads of delegation", &refusal));
	assert_true(
	    edit_duplicate(ed, "closed@mini", DAIS_TIME_NONE, &copy, &refusal));
	assert_true(editor_session(ed, copy, DAIS_TIME_NONE)->confidential);
	assert_true(programme_save(ed, &diags));
	editor_free(ed);
	programme_free(p);

	p = load_dir(dir);
	i = programme_find_session(p, "closed@mini", DAIS_TIME_NONE);
	assert_true(p->sessions[i].confidential);
	assert_string_equal(p->sessions[i].title, "Heads of delegation");
	i = programme_find_session(p, copy, DAIS_TIME_NONE);
	assert_true(i >= 0);
	assert_true(p->sessions[i].confidential);
	programme_free(p);
	free(copy);
	diag_clear(&diags);
	free(diags.v);
	helper_remove_dir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sequence_follows_edits),
	    cmocka_unit_test(test_selection),
	    cmocka_unit_test(test_refusals),
	    cmocka_unit_test(test_public_and_internal),
	    cmocka_unit_test(test_save_failure),
	    cmocka_unit_test(test_published_leftovers),
	    cmocka_unit_test(test_occurrence_uid),
	    cmocka_unit_test(test_closed_meeting),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
