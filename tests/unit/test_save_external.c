/*
 * test_save_external.c: a programme file changed by somebody else while
 * dais had it open: save_analyse names the sessions that differ and which
 * of them the user changed too; save_merge writes the user's changes onto
 * the file as it is now only when no session overlaps, and never onto a
 * file that changed again; save_copy writes the user's version elsewhere
 * and leaves the originals alone.
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

#include "dais/edit.h"
#include "dais/filehash.h"
#include "dais/load.h"
#include "dais/save.h"
#include "dais/xalloc.h"
#include "helpers.h"

/* The text of `path` with the first `from` replaced by `to`, written back. */
static void
replace_in(const char *path, const char *from, const char *to)
{
	char *text = helper_slurp(path, NULL), *at = strstr(text, from), *out;

	if (at == NULL)
		fail_msg("'%s' is not in %s", from, path);
	*at = '\0';
	out = xasprintf("%s%s%s", text, to, at + strlen(from));
	helper_spill_text(path, out);
	free(out);
	free(text);
}

static const char extra_ics[] =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//dais tests//extra//EN\r\n"
    "BEGIN:VEVENT\r\nUID:lunch@mini\r\nDTSTAMP:20261001T000000Z\r\n"
    "SUMMARY:Lunch\r\nDTSTART;TZID=Asia/Kuwait:20261104T130000\r\n"
    "DTEND;TZID=Asia/Kuwait:20261104T140000\r\nCATEGORIES:BREAK\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n";

/*
 * A fresh copy of tests/fixtures/mini; with `two`, a second file
 * programme/extra.ics (one session, lunch@mini) after sessions.ics.
 */
static char *
make_programme(bool two)
{
	char *dir = helper_copy_programme("mini", NULL), *path;

	if (two) {
		path = xasprintf("%s/conference.ini", dir);
		replace_in(path, "files = \"programme/sessions.ics\"",
		           "files = \"programme/sessions.ics, "
		           "programme/extra.ics\"");
		free(path);
		path = xasprintf("%s/programme/extra.ics", dir);
		helper_spill_text(path, extra_ics);
		free(path);
	}
	return dir;
}

static char *
sessions_path(const char *dir)
{
	return xasprintf("%s/programme/sessions.ics", dir);
}

static const char *
title_of(const struct programme *p, const char *uid)
{
	long i = programme_find_session(p, uid, DAIS_TIME_NONE);

	return i < 0 ? NULL : p->sessions[i].title;
}

static const struct save_session_diff *
diff_of(const struct save_file_diff *fd, const char *uid)
{
	size_t i;

	for (i = 0; i < fd->n; i++)
		if (strcmp(fd->v[i].uid, uid) == 0)
			return &fd->v[i];
	return NULL;
}

/* Somebody else retitles another session: merge keeps both changes. */
static void
test_other_session_merges(void **state)
{
	char *dir = make_programme(false), *path = sessions_path(dir);
	struct programme *p = helper_load_ok(dir), *q;
	struct editor *ed = editor_new(p);
	struct save_analysis a;
	struct diag_list diags = {0};
	const struct save_session_diff *d;
	const char *why = NULL;
	char *text, *cant = NULL;

	(void)state;
	assert_true(edit_set_title(ed, "opening@mini", DAIS_TIME_NONE,
	                           "Opening plenary (ours)", &why));
	/* Nothing changed on disk yet: nothing to report. */
	assert_int_equal(save_analyse(ed, &a), 0);
	save_analysis_free(&a);

	replace_in(path, "SUMMARY:Closing plenary", "SUMMARY:Closing session");
	assert_int_equal(save_analyse(ed, &a), 1);
	assert_string_equal(a.files[0].name, "programme/sessions.ics");
	assert_int_equal(a.files[0].state, SAVE_FILE_CHANGED);
	assert_true(a.files[0].yours);
	assert_null(a.files[0].why);
	assert_int_equal(a.files[0].n, 1);
	assert_int_equal(a.files[0].before_count, 3);
	d = &a.files[0].v[0];
	assert_string_equal(d->uid, "day2@mini");
	assert_string_equal(d->title, "Closing plenary"); /* as dais read it */
	assert_int_equal(d->kind, SAVE_DISK_MODIFIED);
	assert_int_equal(d->fields, SAVE_FIELD_TITLE);
	assert_false(d->yours);
	assert_false(d->overlap);
	assert_int_equal(a.files[0].overlaps, 0);
	assert_true(save_can_merge(&a, &cant));
	assert_null(cant);

	/* A plain save still refuses; the merge writes. */
	assert_false(programme_save(ed, &diags));
	diag_clear(&diags);
	assert_true(save_merge(ed, &a, &diags));
	assert_int_equal(diags.n, 0);
	assert_false(editor_dirty(ed));
	save_analysis_free(&a);

	text = helper_slurp(path, NULL);
	assert_non_null(strstr(text, "SUMMARY:Opening plenary (ours)"));
	assert_non_null(strstr(text, "SUMMARY:Closing session"));
	/* Their block is theirs, byte for byte. */
	assert_non_null(strstr(text,
	                       "UID:day2@mini\r\nDTSTAMP:20261001T000000Z\r\n"
	                       "SUMMARY:Closing session\r\n"));
	free(text);
	q = helper_load_ok(dir);
	assert_string_equal(title_of(q, "opening@mini"),
	                    "Opening plenary (ours)");
	assert_string_equal(title_of(q, "day2@mini"), "Closing session");
	programme_free(q);

	/*
	 * Until the programme is loaded again, the file does not match it:
	 * the next save is checked again rather than trusting memory.
	 */
	assert_int_equal(save_analyse(ed, &a), 1);
	assert_int_equal(a.files[0].n, 1);
	assert_false(a.files[0].v[0].yours);
	save_analysis_free(&a);

	free(diags.v);
	editor_free(ed);
	programme_free(p);
	free(path);
	helper_remove_dir(dir);
}

/* Somebody else moves the session the user retitled: no merge. */
static void
test_same_session_overlaps(void **state)
{
	char *dir = make_programme(false), *path = sessions_path(dir);
	struct programme *p = helper_load_ok(dir);
	struct editor *ed = editor_new(p);
	struct save_analysis a;
	struct diag_list diags = {0};
	const struct save_session_diff *d;
	const char *why = NULL;
	char *theirs, *after, *cant = NULL;

	(void)state;
	assert_true(edit_set_title(ed, "opening@mini", DAIS_TIME_NONE,
	                           "Opening plenary (ours)", &why));
	replace_in(path, "DTSTART;TZID=Asia/Kuwait:20261104T090000",
	           "DTSTART;TZID=Asia/Kuwait:20261104T083000");
	theirs = helper_slurp(path, NULL);
	assert_int_equal(save_analyse(ed, &a), 1);
	assert_int_equal(a.files[0].n, 1);
	d = diff_of(&a.files[0], "opening@mini");
	assert_non_null(d);
	assert_int_equal(d->kind, SAVE_DISK_MODIFIED);
	assert_int_equal(d->fields, SAVE_FIELD_TIME);
	assert_true(d->yours);
	assert_true(d->overlap);
	assert_int_equal(a.files[0].overlaps, 1);
	assert_false(save_can_merge(&a, &cant));
	assert_non_null(strstr(cant, "'Opening plenary' was changed both in "
	                             "dais and in programme/sessions.ics"));
	free(cant);
	assert_false(save_merge(ed, &a, &diags));
	assert_int_equal(diag_count(&diags, DIAG_ERROR), 1);
	assert_non_null(strstr(diags.v[0].message, "not merged"));
	after = helper_slurp(path, NULL);
	assert_string_equal(after, theirs);
	assert_true(editor_dirty(ed));
	save_analysis_free(&a);
	diag_clear(&diags);
	free(diags.v);
	free(after);
	free(theirs);
	editor_free(ed);
	programme_free(p);
	free(path);
	helper_remove_dir(dir);
}

/* The same change made on both sides is no overlap. */
static void
test_same_change_both_sides(void **state)
{
	char *dir = make_programme(false), *path = sessions_path(dir);
	struct programme *p = helper_load_ok(dir);
	struct editor *ed = editor_new(p);
	struct save_analysis a;
	const char *why = NULL;

	(void)state;
	assert_true(edit_set_title(ed, "opening@mini", DAIS_TIME_NONE,
	                           "Opening session", &why));
	replace_in(path, "SUMMARY:Opening plenary", "SUMMARY:Opening session");
	assert_int_equal(save_analyse(ed, &a), 1);
	assert_int_equal(a.files[0].n, 1);
	assert_true(a.files[0].v[0].yours);
	assert_false(a.files[0].v[0].overlap);
	assert_true(save_can_merge(&a, NULL));
	save_analysis_free(&a);
	editor_free(ed);
	programme_free(p);
	free(path);
	helper_remove_dir(dir);
}

/*
 * After a save of many kinds of edit, the file dais wrote reads back as
 * what dais holds: a change by somebody else afterwards is the only
 * difference reported, not the sessions dais itself wrote.
 */
static void
test_own_save_is_no_difference(void **state)
{
	char *dir = make_programme(false), *path = sessions_path(dir);
	struct programme *p = helper_load_ok(dir);
	struct editor *ed = editor_new(p);
	struct diag_list diags = {0};
	struct save_analysis a;
	struct strlist langs = {0};
	struct session s;
	const char *why = NULL;
	char *uid = NULL;

	(void)state;
	assert_true(
	    edit_move(ed, "opening@mini", DAIS_TIME_NONE, 1793768400, &why));
	assert_true(edit_set_notes(ed, "opening@mini", DAIS_TIME_NONE,
	                           "Doors; open, at \"08:00\"", &why));
	strlist_add(&langs, "zh");
	strlist_add(&langs, "ar");
	assert_true(edit_set_languages(ed, "side-1@mini", DAIS_TIME_NONE,
	                               &langs, &why));
	strlist_clear(&langs);
	free(langs.v);
	assert_true(edit_assign(ed, "side-1@mini", DAIS_TIME_NONE,
	                        "tj-interior", ROLE_CHAIR, NULL, &why));
	assert_true(edit_set_status(ed, "day2@mini", DAIS_TIME_NONE,
	                            SESSION_CANCELLED, &why));
	session_init(&s);
	s.title = xstrdup("Bilateral, Kuwait and Tajikistan");
	s.kind = xstrdup("BILATERAL");
	s.room_id = xstrdup("side");
	s.start = 1793880000;
	s.end = s.start + 1800;
	session_add_assignment(&s, "kw-interior", ROLE_PARTICIPANT, NULL);
	assert_true(edit_create(ed, &s, &uid, &why));
	session_free(&s);
	assert_true(programme_save(ed, &diags));
	assert_int_equal(save_analyse(ed, &a), 0);
	save_analysis_free(&a);

	/* Somebody else changes the notes of the session dais made. */
	replace_in(path, "SUMMARY:Bilateral\\, Kuwait and Tajikistan",
	           "SUMMARY:Bilateral\\, Kuwait and Tajikistan\r\n"
	           "DESCRIPTION:Agreed by phone");
	assert_int_equal(save_analyse(ed, &a), 1);
	assert_int_equal(a.files[0].n, 1);
	assert_string_equal(a.files[0].v[0].uid, uid);
	assert_int_equal(a.files[0].v[0].fields, SAVE_FIELD_OTHER);
	assert_false(a.files[0].yours);
	save_analysis_free(&a);
	free(uid);
	free(diags.v);
	editor_free(ed);
	programme_free(p);
	free(path);
	helper_remove_dir(dir);
}

/* A session added on disk and one the user made both end up in the file. */
static void
test_added_on_both_sides(void **state)
{
	char *dir = make_programme(false), *path = sessions_path(dir);
	struct programme *p = helper_load_ok(dir), *q;
	struct editor *ed = editor_new(p);
	struct diag_list diags = {0};
	struct save_analysis a;
	struct session s;
	const char *why = NULL;
	char *uid = NULL;

	(void)state;
	session_init(&s);
	s.title = xstrdup("Press briefing");
	s.room_id = xstrdup("side");
	s.start = 1793880000;
	s.end = s.start + 1800;
	assert_true(edit_create(ed, &s, &uid, &why));
	session_free(&s);
	replace_in(path, "END:VCALENDAR",
	           "BEGIN:VEVENT\nUID:theirs@mini\nDTSTAMP:20261001T000000Z\n"
	           "SUMMARY:Coffee\nDTSTART;TZID=Asia/Kuwait:20261105T100000\n"
	           "DTEND;TZID=Asia/Kuwait:20261105T103000\nEND:VEVENT\n"
	           "END:VCALENDAR");
	assert_int_equal(save_analyse(ed, &a), 1);
	assert_int_equal(a.files[0].n, 1);
	assert_int_equal(a.files[0].v[0].kind, SAVE_DISK_ADDED);
	assert_string_equal(a.files[0].v[0].title, "Coffee");
	assert_true(a.files[0].yours);
	assert_true(save_merge(ed, &a, &diags));
	save_analysis_free(&a);
	q = helper_load_ok(dir);
	assert_int_equal(q->nsessions, 5);
	assert_string_equal(title_of(q, "theirs@mini"), "Coffee");
	assert_string_equal(title_of(q, uid), "Press briefing");
	programme_free(q);
	free(uid);
	free(diags.v);
	editor_free(ed);
	programme_free(p);
	free(path);
	helper_remove_dir(dir);
}

/* The file changes again between the analysis and the merge: refused. */
static void
test_changed_again(void **state)
{
	char *dir = make_programme(false), *path = sessions_path(dir);
	struct programme *p = helper_load_ok(dir);
	struct editor *ed = editor_new(p);
	struct diag_list diags = {0};
	struct save_analysis a;
	const char *why = NULL;
	char *second, *after;

	(void)state;
	assert_true(edit_set_title(ed, "opening@mini", DAIS_TIME_NONE,
	                           "Opening plenary (ours)", &why));
	replace_in(path, "SUMMARY:Closing plenary", "SUMMARY:Closing session");
	assert_int_equal(save_analyse(ed, &a), 1);
	replace_in(path, "SUMMARY:Side session", "SUMMARY:Side meeting");
	second = helper_slurp(path, NULL);
	assert_false(save_merge(ed, &a, &diags));
	assert_int_equal(diag_count(&diags, DIAG_ERROR), 1);
	assert_non_null(strstr(diags.v[0].message, "changed again"));
	after = helper_slurp(path, NULL);
	assert_string_equal(after, second);
	assert_true(editor_dirty(ed));
	save_analysis_free(&a);
	diag_clear(&diags);
	free(diags.v);
	free(after);
	free(second);
	editor_free(ed);
	programme_free(p);
	free(path);
	helper_remove_dir(dir);
}

/*
 * Two files: the user edits one, somebody else the other. The merge writes
 * only the user's file; the other is left as they wrote it.
 */
static void
test_other_file_changed(void **state)
{
	char *dir = make_programme(true), *path = sessions_path(dir);
	char *extra = xasprintf("%s/programme/extra.ics", dir), *theirs, *t;
	struct programme *p = helper_load_ok(dir), *q;
	struct editor *ed = editor_new(p);
	struct diag_list diags = {0};
	struct save_analysis a;
	const char *why = NULL;

	(void)state;
	assert_true(edit_set_title(ed, "opening@mini", DAIS_TIME_NONE,
	                           "Opening plenary (ours)", &why));
	replace_in(extra, "SUMMARY:Lunch", "SUMMARY:Working lunch");
	theirs = helper_slurp(extra, NULL);
	assert_int_equal(save_analyse(ed, &a), 1);
	assert_string_equal(a.files[0].name, "programme/extra.ics");
	assert_false(a.files[0].yours);
	assert_int_equal(a.files[0].n, 1);
	assert_true(save_merge(ed, &a, &diags));
	save_analysis_free(&a);
	t = helper_slurp(extra, NULL);
	assert_string_equal(t, theirs);
	free(t);
	q = helper_load_ok(dir);
	assert_string_equal(title_of(q, "opening@mini"),
	                    "Opening plenary (ours)");
	assert_string_equal(title_of(q, "lunch@mini"), "Working lunch");
	programme_free(q);
	free(theirs);
	free(extra);
	free(diags.v);
	editor_free(ed);
	programme_free(p);
	free(path);
	helper_remove_dir(dir);
}

/* Deleted, then replaced by a directory: no merge; a copy can be made. */
static void
test_file_deleted(void **state)
{
	char *dir = make_programme(false), *path = sessions_path(dir);
	char *to = xasprintf("%s-mine", dir), *cant = NULL;
	struct programme *p = helper_load_ok(dir), *q;
	struct editor *ed = editor_new(p);
	struct diag_list diags = {0};
	struct save_analysis a;
	const char *why = NULL;
	size_t i;

	(void)state;
	assert_true(edit_set_title(ed, "opening@mini", DAIS_TIME_NONE,
	                           "Opening plenary (ours)", &why));
	assert_int_equal(unlink(path), 0);
	assert_int_equal(save_analyse(ed, &a), 1);
	assert_int_equal(a.files[0].state, SAVE_FILE_DELETED);
	assert_int_equal(a.files[0].n, 3);
	for (i = 0; i < 3; i++)
		assert_int_equal(a.files[0].v[i].kind, SAVE_DISK_REMOVED);
	assert_int_equal(a.files[0].overlaps, 1);
	assert_true(diff_of(&a.files[0], "opening@mini")->overlap);
	assert_false(save_can_merge(&a, &cant));
	assert_non_null(strstr(cant, "deleted or moved"));
	free(cant);
	assert_false(save_merge(ed, &a, &diags));
	assert_int_equal(access(path, F_OK), -1);
	save_analysis_free(&a);
	diag_clear(&diags);

	/* The copy is written from what dais holds, with a warning. */
	assert_true(save_copy(ed, to, &diags));
	assert_int_equal(diag_count(&diags, DIAG_ERROR), 0);
	assert_int_equal(diag_count(&diags, DIAG_WARNING), 1);
	assert_non_null(strstr(diags.v[0].message, "was deleted or moved"));
	diag_clear(&diags);
	q = helper_load_ok(to);
	assert_int_equal(q->nsessions, 3);
	assert_string_equal(title_of(q, "opening@mini"),
	                    "Opening plenary (ours)");
	assert_string_equal(title_of(q, "day2@mini"), "Closing plenary");
	programme_free(q);

	/* A directory where the file was: cannot be read. */
	assert_int_equal(mkdir(path, 0755), 0);
	assert_int_equal(save_analyse(ed, &a), 1);
	assert_int_equal(a.files[0].state, SAVE_FILE_UNREADABLE);
	assert_non_null(strstr(a.files[0].why, "no longer a file"));
	assert_false(save_can_merge(&a, NULL));
	save_analysis_free(&a);

	free(diags.v);
	editor_free(ed);
	programme_free(p);
	free(path);
	helper_remove_dir(to);
	helper_remove_dir(dir);
}

/*
 * The file is replaced by another calendar (renamed over it): the sessions
 * that went are removed, the new one added; the user's is an overlap.
 */
static void
test_file_replaced(void **state)
{
	char *dir = make_programme(false), *path = sessions_path(dir);
	char *tmp = xasprintf("%s.new", path);
	struct programme *p = helper_load_ok(dir);
	struct editor *ed = editor_new(p);
	struct save_analysis a;
	const struct save_session_diff *d;
	const char *why = NULL;
	char *text, *at;

	(void)state;
	assert_true(edit_set_title(ed, "side-1@mini", DAIS_TIME_NONE,
	                           "Border data (ours)", &why));
	/* Their calendar keeps the closing plenary, adds lunch. */
	text = helper_slurp(path, NULL);
	at = strstr(text, "BEGIN:VEVENT\r\nUID:day2@mini");
	assert_non_null(at);
	helper_spill_text(tmp, extra_ics);
	replace_in(tmp, "END:VCALENDAR\r\n", at);
	free(text);
	assert_int_equal(rename(tmp, path), 0);
	assert_int_equal(save_analyse(ed, &a), 1);
	assert_int_equal(a.files[0].state, SAVE_FILE_CHANGED);
	assert_int_equal(a.files[0].n, 3);
	d = diff_of(&a.files[0], "lunch@mini");
	assert_non_null(d);
	assert_int_equal(d->kind, SAVE_DISK_ADDED);
	assert_false(d->yours);
	d = diff_of(&a.files[0], "opening@mini");
	assert_int_equal(d->kind, SAVE_DISK_REMOVED);
	assert_false(d->overlap);
	d = diff_of(&a.files[0], "side-1@mini");
	assert_int_equal(d->kind, SAVE_DISK_REMOVED);
	assert_true(d->overlap);
	assert_null(diff_of(&a.files[0], "day2@mini"));
	assert_false(save_can_merge(&a, NULL));
	save_analysis_free(&a);
	editor_free(ed);
	programme_free(p);
	free(tmp);
	free(path);
	helper_remove_dir(dir);
}

/* A file that no longer loads cleanly is not merged onto. */
static void
test_broken_file_not_merged(void **state)
{
	char *dir = make_programme(false), *path = sessions_path(dir);
	struct programme *p = helper_load_ok(dir);
	struct editor *ed = editor_new(p);
	struct save_analysis a;
	const char *why = NULL;
	char *cant = NULL;

	(void)state;
	assert_true(edit_set_title(ed, "opening@mini", DAIS_TIME_NONE,
	                           "Opening plenary (ours)", &why));
	replace_in(path, "DTEND;TZID=Asia/Kuwait:20261105T163000",
	           "DTEND;TZID=Asia/Kuwait:20261105T140000");
	assert_int_equal(save_analyse(ed, &a), 1);
	assert_non_null(a.files[0].why);
	assert_false(save_can_merge(&a, &cant));
	assert_non_null(strstr(cant, "does not load as it is now"));
	free(cant);
	save_analysis_free(&a);
	editor_free(ed);
	programme_free(p);
	free(path);
	helper_remove_dir(dir);
}

static uint64_t
hash_of(const char *path)
{
	uint64_t h = 0;

	assert_true(filehash_path(path, &h));
	return h;
}

/*
 * Save under another name when the same session changed on both sides:
 * the copy holds the user's version of every session (and not what only
 * the other side added); the originals are untouched.
 */
static void
test_copy_is_the_users_view(void **state)
{
	char *dir = make_programme(true), *path = sessions_path(dir);
	char *extra = xasprintf("%s/programme/extra.ics", dir);
	char *to = save_copy_default_dir(dir, 1793770000);
	char *want = xasprintf("%s-mine-", dir), *copied, *orig, *name;
	struct programme *p = helper_load_ok(dir), *q;
	struct editor *ed = editor_new(p);
	struct diag_list diags = {0};
	const char *why = NULL;
	uint64_t h_sessions, h_extra;
	size_t i;

	(void)state;
	/* The default name: beside the programme, stamped with the time. */
	assert_memory_equal(to, want, strlen(want));
	assert_int_equal(strlen(to), strlen(want) + 13);
	assert_true(edit_set_title(ed, "opening@mini", DAIS_TIME_NONE,
	                           "Opening plenary (ours)", &why));
	assert_true(edit_delete(ed, "side-1@mini", DAIS_TIME_NONE, &why));
	replace_in(path, "DTSTART;TZID=Asia/Kuwait:20261104T090000",
	           "DTSTART;TZID=Asia/Kuwait:20261104T083000");
	replace_in(path, "END:VCALENDAR",
	           "BEGIN:VEVENT\nUID:theirs@mini\nDTSTAMP:20261001T000000Z\n"
	           "SUMMARY:Coffee\nDTSTART;TZID=Asia/Kuwait:20261105T100000\n"
	           "DTEND;TZID=Asia/Kuwait:20261105T103000\nEND:VEVENT\n"
	           "END:VCALENDAR");
	h_sessions = hash_of(path);
	h_extra = hash_of(extra);

	assert_true(save_copy(ed, to, &diags));
	assert_int_equal(diags.n, 0);
	assert_int_equal(hash_of(path), h_sessions);
	assert_int_equal(hash_of(extra), h_extra);
	assert_true(editor_dirty(ed));
	q = helper_load_ok(to);
	assert_int_equal(q->nsessions, 3); /* opening, day2, lunch */
	assert_string_equal(title_of(q, "opening@mini"),
	                    "Opening plenary (ours)");
	i = (size_t)programme_find_session(q, "opening@mini", DAIS_TIME_NONE);
	assert_true(q->sessions[i].start ==
	            p->sessions[programme_find_session(p, "opening@mini",
	                                               DAIS_TIME_NONE)]
	                .start);
	assert_null(title_of(q, "side-1@mini"));
	assert_null(title_of(q, "theirs@mini"));
	assert_string_equal(title_of(q, "lunch@mini"), "Lunch");
	programme_free(q);
	/* The registries and the untouched file, byte for byte. */
	{
		const char *names[] = {"conference.ini", "venues.ini",
		                       "participants.ini",
		                       "programme/extra.ics"};

		for (i = 0; i < 4; i++) {
			name = xasprintf("%s/%s", dir, names[i]);
			orig = helper_slurp(name, NULL);
			free(name);
			name = xasprintf("%s/%s", to, names[i]);
			copied = helper_slurp(name, NULL);
			free(name);
			assert_string_equal(copied, orig);
			free(copied);
			free(orig);
		}
	}
	/* Never into a directory that holds something. */
	assert_false(save_copy(ed, to, &diags));
	assert_non_null(strstr(diags.v[0].message, "not empty"));
	diag_clear(&diags);
	/* And the next default name does not clash with this one. */
	free(want);
	want = save_copy_default_dir(dir, 1793770000);
	assert_string_not_equal(want, to);
	assert_string_equal(want + strlen(to), "-2");
	/* A trailing slash is no part of the name; "." is named. */
	name = xasprintf("%s/", dir);
	free(want);
	want = save_copy_default_dir(name, 1793770000);
	assert_string_equal(want + strlen(to), "-2");
	free(name);
	assert_int_equal(chdir(dir), 0);
	free(want);
	want = save_copy_default_dir(".", 1793770000);
	assert_memory_equal(want, to, strlen(to) - 13);
	assert_int_equal(chdir("/"), 0);

	free(want);
	free(diags.v);
	editor_free(ed);
	programme_free(p);
	free(extra);
	free(path);
	helper_remove_dir(to);
	helper_remove_dir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_other_session_merges),
	    cmocka_unit_test(test_same_session_overlaps),
	    cmocka_unit_test(test_same_change_both_sides),
	    cmocka_unit_test(test_own_save_is_no_difference),
	    cmocka_unit_test(test_added_on_both_sides),
	    cmocka_unit_test(test_changed_again),
	    cmocka_unit_test(test_other_file_changed),
	    cmocka_unit_test(test_file_deleted),
	    cmocka_unit_test(test_file_replaced),
	    cmocka_unit_test(test_broken_file_not_merged),
	    cmocka_unit_test(test_copy_is_the_users_view),
	};

	setenv("SOURCE_DATE_EPOCH", "1793000000", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
