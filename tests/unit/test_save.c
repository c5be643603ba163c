/*
 * test_save.c: saving an edited programme: only the edited sessions'
 * lines change, what dais does not understand survives, SEQUENCE rises on
 * significant changes, recurring occurrences become EXDATEs and overrides,
 * and a failed write leaves the file as it was and the edits in memory.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dais/changeset.h"
#include "dais/edit.h"
#include "dais/load.h"
#include "dais/save.h"
#include "dais/xalloc.h"
#include "helpers.h"

static char *
sessions_path(const char *dir)
{
	return xasprintf("%s/programme/sessions.ics", dir);
}

/* Lines of a that are not in b, joined: what a diff would show as removed. */
static int
lines_missing(const char *a, const char *b)
{
	int missing = 0;
	const char *s = a;

	while (*s != '\0') {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s + 1) : strlen(s);
		char *line = xstrndup(s, n);

		if (strstr(b, line) == NULL)
			missing++;
		free(line);
		s += n;
	}
	return missing;
}

static void
save_ok(struct editor *ed)
{
	struct diag_list diags = {0};

	if (!programme_save(ed, &diags)) {
		char *line = diag_format(&diags.v[0]);

		fail_msg("save failed: %s", line);
	}
	diag_clear(&diags);
}

static void
test_retitle_changes_only_that_event(void **state)
{
	char *dir = helper_copy_programme("mini", NULL),
	     *path = sessions_path(dir);
	char *before = helper_slurp(path, NULL), *after;
	struct programme *p = helper_load_ok(dir), *q;
	struct editor *ed = editor_new(p);
	const char *why = NULL;
	long i;

	(void)state;
	setenv("SOURCE_DATE_EPOCH", "1793000000", 1);
	assert_true(edit_set_title(ed, "side-1@mini", DAIS_TIME_NONE,
	                           "Side session on border data sharing",
	                           &why));
	save_ok(ed);
	assert_false(editor_dirty(ed));
	after = helper_slurp(path, NULL);
	/* The other two events are there byte for byte. */
	assert_non_null(strstr(after, "UID:opening@mini\r\n"
	                              "DTSTAMP:20261001T000000Z\r\n"
	                              "SUMMARY:Opening plenary\r\n"));
	assert_non_null(strstr(after, "SUMMARY:Closing plenary\r\n"));
	assert_non_null(
	    strstr(after, "SUMMARY:Side session on border data sharing"));
	/* Removed lines are only the retitled event's SUMMARY and DTSTAMP. */
	assert_true(lines_missing(before, after) <= 2);
	assert_null(strstr(after, "SEQUENCE:1"));

	q = helper_load_ok(dir);
	i = programme_find_session(q, "side-1@mini", DAIS_TIME_NONE);
	assert_true(i >= 0);
	assert_string_equal(q->sessions[i].title,
	                    "Side session on border data sharing");
	assert_int_equal(q->nsessions, 3);
	programme_free(q);
	editor_free(ed);
	programme_free(p);
	free(before);
	free(after);
	free(path);
	helper_remove_dir(dir);
}

static void
test_move_raises_sequence_and_keeps_zone(void **state)
{
	char *dir = helper_copy_programme("mini", NULL),
	     *path = sessions_path(dir), *after;
	struct programme *p = helper_load_ok(dir), *q;
	struct editor *ed = editor_new(p);
	const struct session *s;
	const char *why = NULL;
	long i;

	(void)state;
	s = editor_session(ed, "day2@mini", DAIS_TIME_NONE);
	assert_non_null(s);
	/* 15:00 -> 16:00 Kuwait time. */
	assert_true(
	    edit_move(ed, "day2@mini", DAIS_TIME_NONE, s->start + 3600, &why));
	save_ok(ed);
	after = helper_slurp(path, NULL);
	assert_non_null(
	    strstr(after, "DTSTART;TZID=Asia/Kuwait:20261105T160000"));
	assert_non_null(
	    strstr(after, "DTEND;TZID=Asia/Kuwait:20261105T173000"));
	assert_non_null(strstr(after, "SEQUENCE:1"));
	assert_null(strstr(after, "freeassociation"));
	/* mini's file had no VTIMEZONE: the zone its events name is added,
	 * once, before the first event. */
	assert_non_null(
	    strstr(after, "BEGIN:VTIMEZONE\r\nTZID:Asia/Kuwait\r\n"));
	assert_null(
	    strstr(strstr(after, "BEGIN:VTIMEZONE") + 1, "BEGIN:VTIMEZONE"));
	assert_true(strstr(after, "BEGIN:VTIMEZONE") <
	            strstr(after, "BEGIN:VEVENT"));
	q = helper_load_ok(dir);
	i = programme_find_session(q, "day2@mini", DAIS_TIME_NONE);
	assert_true(i >= 0);
	/* 2026-11-05 13:00Z */
	assert_int_equal(q->sessions[i].start, 1793883600);
	assert_int_equal(q->sessions[i].sequence, 1);
	assert_int_equal(q->sessions[i].nassign, 1);
	assert_string_equal(q->sessions[i].assign[0].participant_id,
	                    "tj-interior");
	programme_free(q);
	editor_free(ed);
	programme_free(p);
	free(after);
	free(path);
	helper_remove_dir(dir);
}

static void
test_delete_and_create(void **state)
{
	char *dir = helper_copy_programme("mini", NULL),
	     *path = sessions_path(dir), *after;
	struct programme *p = helper_load_ok(dir), *q;
	struct editor *ed = editor_new(p);
	struct session s;
	const char *why = NULL;
	char *uid = NULL;
	long i;

	(void)state;
	assert_true(edit_delete(ed, "side-1@mini", DAIS_TIME_NONE, &why));
	session_init(&s);
	s.title = xstrdup("Bilateral: Kuwait and Tajikistan");
	s.kind = xstrdup("BILATERAL");
	s.room_id = xstrdup("side");
	s.start = 1793880000; /* 2026-11-05 12:00Z = 15:00 Kuwait */
	s.end = s.start + 1800;
	session_add_assignment(&s, "kw-interior", ROLE_PARTICIPANT, NULL);
	session_add_assignment(&s, "tj-interior", ROLE_PARTICIPANT, NULL);
	assert_true(edit_create(ed, &s, &uid, &why));
	session_free(&s);
	save_ok(ed);
	after = helper_slurp(path, NULL);
	assert_null(strstr(after, "side-1@mini"));
	assert_non_null(strstr(after, "Bilateral: Kuwait and Tajikistan"));
	q = helper_load_ok(dir);
	assert_int_equal(q->nsessions, 3);
	i = programme_find_session(q, uid, DAIS_TIME_NONE);
	assert_true(i >= 0);
	assert_string_equal(q->sessions[i].room_id, "side");
	assert_string_equal(q->sessions[i].location, "Side Room");
	assert_string_equal(q->sessions[i].kind, "BILATERAL");
	assert_int_equal(q->sessions[i].nassign, 2);
	assert_string_equal(q->sessions[i].assign[1].cn,
	                    "Министр внутренних дел — Таджикистан");
	programme_free(q);
	free(uid);
	editor_free(ed);
	programme_free(p);
	free(after);
	free(path);
	helper_remove_dir(dir);
}

static const char unknown_ics[] =
    "BEGIN:VCALENDAR\r\n"
    "VERSION:2.0\r\n"
    "PRODID:-//Other Tool//EN\r\n"
    "X-WR-CALNAME:Mini\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:keep@mini\r\n"
    "DTSTAMP:20261001T000000Z\r\n"
    "SUMMARY:Kept as it was\r\n"
    "DTSTART;TZID=Asia/Kuwait:20261104T090000\r\n"
    "DTEND;TZID=Asia/Kuwait:20261104T100000\r\n"
    "X-DAIS-ROOM:hall\r\n"
    "X-SOMETHING-ELSE;X-P=1:odd value\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:edit@mini\r\n"
    "DTSTAMP:20261001T000000Z\r\n"
    "SUMMARY;LANGUAGE=en:To be edited\r\n"
    "DTSTART;TZID=Asia/Kuwait:20261104T110000\r\n"
    "DTEND;TZID=Asia/Kuwait:20261104T120000\r\n"
    "X-DAIS-ROOM:hall\r\n"
    "X-MICROSOFT-CDO-BUSYSTATUS:BUSY\r\n"
    "ATTENDEE;CN=Liaison Officer;RSVP=TRUE:mailto:liaison@example.org\r\n"
    "ATTENDEE;CN=Minister of Interior — Kuwait;ROLE=CHAIR;PARTSTAT=ACCEPTED;"
    "X-DAIS-ID=kw-interior:urn:x-dais:kw-interior\r\n"
    "BEGIN:VALARM\r\n"
    "ACTION:DISPLAY\r\n"
    "DESCRIPTION:Reminder\r\n"
    "TRIGGER:-PT15M\r\n"
    "END:VALARM\r\n"
    "BEGIN:X-VENUE-EXTRA\r\n"
    "X-DOOR:Gate 3\r\n"
    "END:X-VENUE-EXTRA\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:coffee@mini\r\n"
    "DTSTAMP:20261001T000000Z\r\n"
    "SUMMARY:Coffee\r\n"
    "DTSTART;TZID=Asia/Kuwait:20261104T103000\r\n"
    "DTEND;TZID=Asia/Kuwait:20261104T104500\r\n"
    "RRULE:FREQ=DAILY;COUNT=2\r\n"
    "CATEGORIES:BREAK\r\n"
    "END:VEVENT\r\n"
    "END:VCALENDAR\r\n";

static void
test_unknown_content_survives(void **state)
{
	char *dir = helper_copy_programme("mini", unknown_ics),
	     *path = sessions_path(dir);
	struct programme *p = helper_load_ok(dir);
	struct editor *ed = editor_new(p);
	const char *why = NULL;
	char *after;

	(void)state;
	assert_true(edit_set_notes(ed, "edit@mini", DAIS_TIME_NONE,
	                           "VIP entrance via gate 3", &why));
	assert_true(edit_set_title(ed, "edit@mini", DAIS_TIME_NONE,
	                           "To be edited (revised)", &why));
	save_ok(ed);
	after = helper_slurp(path, NULL);
	/* The untouched event and the calendar's own lines, byte for byte. */
	assert_non_null(strstr(after, "PRODID:-//Other Tool//EN\r\n"
	                              "X-WR-CALNAME:Mini\r\n"));
	assert_non_null(strstr(after, "X-SOMETHING-ELSE;X-P=1:odd value\r\n"));
	/* The edited event keeps what dais does not interpret. */
	assert_non_null(strstr(after, "X-MICROSOFT-CDO-BUSYSTATUS:BUSY"));
	assert_non_null(strstr(after, "BEGIN:VALARM"));
	assert_non_null(strstr(after, "TRIGGER:-PT15M"));
	assert_non_null(strstr(after, "BEGIN:X-VENUE-EXTRA\r\nX-DOOR:Gate 3\r\n"
	                              "END:X-VENUE-EXTRA\r\n"));
	assert_non_null(strstr(after, "PARTSTAT=ACCEPTED"));
	/* An attendee dais does not manage, and a title's language, stay. */
	assert_non_null(strstr(after, "mailto:liaison@example.org"));
	assert_non_null(strstr(after, "CN=Liaison Officer"));
	assert_non_null(
	    strstr(after, "SUMMARY;LANGUAGE=en:To be edited (revised)"));
	assert_non_null(strstr(after, "X-DAIS-NOTES:VIP entrance via gate 3"));
	editor_free(ed);
	programme_free(p);
	free(after);
	free(path);
	helper_remove_dir(dir);
}

static void
test_occurrences(void **state)
{
	char *dir = helper_copy_programme("mini", unknown_ics),
	     *path = sessions_path(dir);
	struct programme *p = helper_load_ok(dir), *q;
	struct editor *ed = editor_new(p);
	const struct session *first = NULL, *second = NULL;
	dais_time r1, r2;
	const char *why = NULL;
	char *after;
	size_t i, n = 0;

	(void)state;
	for (i = 0; i < p->nsessions; i++) {
		if (strcmp(p->sessions[i].uid, "coffee@mini") != 0)
			continue;
		if (first == NULL)
			first = &p->sessions[i];
		else
			second = &p->sessions[i];
	}
	assert_non_null(first);
	assert_non_null(second);
	r1 = first->recurrence_id;
	r2 = second->recurrence_id;
	assert_true(r1 != DAIS_TIME_NONE && r2 != DAIS_TIME_NONE);
	assert_true(
	    edit_set_title(ed, "coffee@mini", r1, "Coffee and press", &why));
	assert_true(edit_delete(ed, "coffee@mini", r2, &why));
	save_ok(ed);
	after = helper_slurp(path, NULL);
	assert_non_null(
	    strstr(after, "EXDATE;TZID=Asia/Kuwait:20261105T103000"));
	assert_non_null(
	    strstr(after, "RECURRENCE-ID;TZID=Asia/Kuwait:20261104T103000"));
	q = helper_load_ok(dir);
	for (i = 0; i < q->nsessions; i++) {
		if (strcmp(q->sessions[i].uid, "coffee@mini") != 0)
			continue;
		n++;
		assert_int_equal(q->sessions[i].recurrence_id, r1);
		assert_string_equal(q->sessions[i].title, "Coffee and press");
	}
	assert_int_equal(n, 1);
	programme_free(q);
	editor_free(ed);
	programme_free(p);
	free(after);
	free(path);
	helper_remove_dir(dir);
}

/*
 * Outlook names its zone ("Arab Standard Time") by a VTIMEZONE of the file,
 * not by an IANA name. An override's RECURRENCE-ID in that zone must be
 * found through the file's VTIMEZONE, as the loader finds it: retitling it
 * replaces its block instead of appending a second override of the same
 * occurrence (which `dais check` would then refuse).
 */
static void
test_outlook_override_in_file_zone(void **state)
{
	const char *fixtures = getenv("FIXTURES");
	char *from =
	    xasprintf("%s/other-clients/outlook-recurring.ics", fixtures);
	char *ics = helper_slurp(from, NULL);
	char *dir = helper_copy_programme("mini", ics),
	     *path = sessions_path(dir), *after;
	struct programme *p = helper_load_ok(dir), *q;
	struct editor *ed = editor_new(p);
	const char *why = NULL, *s;
	const char *uid = NULL;
	dais_time rid = DAIS_TIME_NONE;
	size_t i, n = 0;

	(void)state;
	for (i = 0; i < p->nsessions; i++)
		if (p->sessions[i].recurrence_id != DAIS_TIME_NONE &&
		    strstr(p->sessions[i].title, "(later)") != NULL) {
			uid = p->sessions[i].uid;
			rid = p->sessions[i].recurrence_id;
		}
	assert_non_null(uid);
	/* 08:30 in Kuwait (+03:00) on 5 November is 05:30Z. */
	assert_int_equal(rid, 1793856600);
	assert_true(
	    edit_set_title(ed, uid, rid, "Heads of delegation: moved", &why));
	save_ok(ed);
	after = helper_slurp(path, NULL);
	for (s = after; (s = strstr(s, "RECURRENCE-ID")) != NULL; s++)
		n++;
	assert_int_equal(n, 1);
	assert_null(strstr(after, "(later)"));
	q = helper_load_ok(dir);
	n = 0;
	for (i = 0; i < q->nsessions; i++)
		if (q->sessions[i].recurrence_id == rid) {
			assert_string_equal(q->sessions[i].title,
			                    "Heads of delegation: moved");
			n++;
		}
	assert_int_equal(n, 1);
	assert_int_equal(q->nsessions, 2);
	programme_free(q);
	editor_free(ed);
	programme_free(p);
	free(after);
	free(path);
	free(ics);
	free(from);
	helper_remove_dir(dir);
}

/*
 * What a save writes comes from the editor in one call (changeset.h): by
 * file, each change with its state then and now, sorted for lookup.
 */
static void
test_changeset_by_file(void **state)
{
	char *dir = helper_copy_programme("mini", NULL);
	struct programme *p = helper_load_ok(dir);
	struct editor *ed = editor_new(p);
	const struct changeset_entry *e;
	struct changeset cs;
	struct session s;
	const char *why = NULL;
	char *uid = NULL;

	(void)state;
	assert_int_equal(changeset_build(ed, &cs), 0);
	changeset_free(&cs);
	assert_true(edit_set_title(ed, "opening@mini", DAIS_TIME_NONE,
	                           "Opening plenary (retitled)", &why));
	assert_true(edit_delete(ed, "side-1@mini", DAIS_TIME_NONE, &why));
	session_init(&s);
	s.title = xstrdup("Bilateral");
	s.start = 1793880000;
	s.end = s.start + 1800;
	assert_true(edit_create(ed, &s, &uid, &why));
	session_free(&s);

	assert_int_equal(changeset_build(ed, &cs), 3);
	assert_int_equal(cs.nfiles, 1);
	assert_int_equal(cs.files[0].n, 3);
	e = changeset_find(&cs, "opening@mini", DAIS_TIME_NONE);
	assert_non_null(e);
	assert_int_equal(e->kind, EDIT_CHANGE_MODIFIED);
	assert_string_equal(e->saved->title, "Opening plenary");
	assert_string_equal(e->now->title, "Opening plenary (retitled)");
	e = changeset_find(&cs, "side-1@mini", DAIS_TIME_NONE);
	assert_non_null(e);
	assert_int_equal(e->kind, EDIT_CHANGE_DELETED);
	assert_null(e->now);
	assert_non_null(e->saved);
	e = changeset_find(&cs, uid, DAIS_TIME_NONE);
	assert_non_null(e);
	assert_int_equal(e->kind, EDIT_CHANGE_CREATED);
	assert_null(e->saved);
	assert_string_equal(e->now->title, "Bilateral");
	assert_null(changeset_find(&cs, "day2@mini", DAIS_TIME_NONE));
	changeset_free(&cs);

	save_ok(ed);
	assert_int_equal(changeset_build(ed, &cs), 0);
	changeset_free(&cs);
	free(uid);
	editor_free(ed);
	programme_free(p);
	helper_remove_dir(dir);
}

static void
test_failed_write_keeps_file_and_edits(void **state)
{
	char *dir = helper_copy_programme("mini", NULL),
	     *path = sessions_path(dir);
	char *before = helper_slurp(path, NULL), *after;
	struct programme *p = helper_load_ok(dir);
	struct editor *ed = editor_new(p);
	struct diag_list diags = {0};
	const char *why = NULL;

	(void)state;
	assert_true(edit_set_title(ed, "opening@mini", DAIS_TIME_NONE,
	                           "Opening plenary (revised)", &why));
	setenv("DAIS_FAIL_WRITE", "sessions.ics", 1);
	assert_false(programme_save(ed, &diags));
	unsetenv("DAIS_FAIL_WRITE");
	assert_int_equal(diag_count(&diags, DIAG_ERROR), 1);
	assert_non_null(strstr(diags.v[0].file, "sessions.ics"));
	assert_non_null(strstr(diags.v[0].message, "No space left"));
	diag_clear(&diags);
	after = helper_slurp(path, NULL);
	assert_string_equal(before, after);
	free(after);
	assert_true(editor_dirty(ed));
	save_ok(ed);
	after = helper_slurp(path, NULL);
	assert_non_null(strstr(after, "Opening plenary (revised)"));
	editor_free(ed);
	programme_free(p);
	free(before);
	free(after);
	free(path);
	helper_remove_dir(dir);
}

static void
test_bom_file(void **state)
{
	char *ics = xasprintf("\xef\xbb\xbf%s", unknown_ics);
	char *dir = helper_copy_programme("mini", ics),
	     *path = sessions_path(dir), *after;
	struct programme *p = helper_load_ok(dir), *q;
	struct editor *ed = editor_new(p);
	const char *why = NULL;
	long i;

	(void)state;
	assert_true(edit_set_title(ed, "keep@mini", DAIS_TIME_NONE,
	                           "Edited in a file with a BOM", &why));
	save_ok(ed);
	after = helper_slurp(path, NULL);
	assert_memory_equal(after,
	                    "\xef\xbb\xbf"
	                    "BEGIN:VCALENDAR\r\n",
	                    18);
	q = helper_load_ok(dir);
	i = programme_find_session(q, "keep@mini", DAIS_TIME_NONE);
	assert_true(i >= 0);
	assert_string_equal(q->sessions[i].title,
	                    "Edited in a file with a BOM");
	assert_int_equal(q->nsessions, p->nsessions);
	programme_free(q);
	editor_free(ed);
	programme_free(p);
	free(after);
	free(path);
	free(ics);
	helper_remove_dir(dir);
}

static void
test_changed_on_disk_is_not_overwritten(void **state)
{
	char *dir = helper_copy_programme("mini", NULL),
	     *path = sessions_path(dir);
	char *theirs, *after, *at;
	struct programme *p = helper_load_ok(dir);
	struct editor *ed = editor_new(p);
	struct diag_list diags = {0};
	const char *why = NULL;

	(void)state;
	assert_true(edit_set_title(ed, "opening@mini", DAIS_TIME_NONE,
	                           "Opening plenary (ours)", &why));
	/* Somebody else renames the closing plenary meanwhile. */
	theirs = helper_slurp(path, NULL);
	at = strstr(theirs, "SUMMARY:Closing plenary");
	assert_non_null(at);
	memcpy(at + strlen("SUMMARY:"), "Closing session", 15);
	helper_spill_text(path, theirs);
	assert_false(programme_save(ed, &diags));
	assert_int_equal(diag_count(&diags, DIAG_ERROR), 1);
	assert_non_null(strstr(diags.v[0].message, "was changed by another"));
	diag_clear(&diags);
	after = helper_slurp(path, NULL);
	assert_string_equal(after, theirs);
	assert_true(editor_dirty(ed));
	free(after);
	/* Deleted meanwhile: not written again either. */
	unlink(path);
	assert_false(programme_save(ed, &diags));
	assert_non_null(strstr(diags.v[0].message, "deleted or moved"));
	diag_clear(&diags);
	assert_int_equal(access(path, F_OK), -1);
	editor_free(ed);
	programme_free(p);
	free(theirs);
	free(path);
	helper_remove_dir(dir);
}

static void
test_saves_in_a_row(void **state)
{
	char *dir = helper_copy_programme("mini", NULL);
	struct programme *p = helper_load_ok(dir);
	struct editor *ed = editor_new(p);
	const char *why = NULL;

	(void)state;
	/* Our own save is not somebody else's change. */
	assert_true(
	    edit_set_title(ed, "opening@mini", DAIS_TIME_NONE, "First", &why));
	save_ok(ed);
	assert_true(
	    edit_set_title(ed, "opening@mini", DAIS_TIME_NONE, "Second", &why));
	save_ok(ed);
	editor_free(ed);
	programme_free(p);
	helper_remove_dir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_retitle_changes_only_that_event),
	    cmocka_unit_test(test_move_raises_sequence_and_keeps_zone),
	    cmocka_unit_test(test_delete_and_create),
	    cmocka_unit_test(test_unknown_content_survives),
	    cmocka_unit_test(test_occurrences),
	    cmocka_unit_test(test_outlook_override_in_file_zone),
	    cmocka_unit_test(test_changeset_by_file),
	    cmocka_unit_test(test_failed_write_keeps_file_and_edits),
	    cmocka_unit_test(test_bom_file),
	    cmocka_unit_test(test_changed_on_disk_is_not_overwritten),
	    cmocka_unit_test(test_saves_in_a_row),
	};

	setenv("SOURCE_DATE_EPOCH", "1793000000", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
