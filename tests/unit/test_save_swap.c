/*
 * test_save_swap.c: how a save puts a file in place.
 *
 * A change made by another program at the last moment (between the
 * save's check and the swap, through the test hook of atomicfile.c) is
 * not overwritten: the swap is undone and the save says the file changed;
 * where RENAME_EXCHANGE is missing the check just before the rename
 * catches it. A programme file that is a symbolic link (relative or
 * absolute) is written through to its target, which stays shared; a link
 * that leads nowhere is refused with a message. Only dais's own leftover
 * temporary files are removed when a programme is opened.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dais/atomicfile.h"
#include "dais/edit.h"
#include "dais/filehash.h"
#include "dais/journal.h"
#include "dais/load.h"
#include "dais/save.h"
#include "dais/xalloc.h"
#include "helpers.h"

#define OPENING   "d1-opening@kuwait-2026.dushanbe-process"
#define NEW_TITLE "Opening plenary — الجلسة الافتتاحية"
#define RACER     "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"

/* Loads dir and retitles the opening plenary (in programme/plenary.ics). */
static struct editor *
edited(const char *dir, struct programme **p)
{
	struct editor *ed;
	const char *why = NULL;

	*p = helper_load_ok(dir);
	ed = editor_new(*p);
	assert_true(
	    edit_set_title(ed, OPENING, DAIS_TIME_NONE, NEW_TITLE, &why));
	return ed;
}

static bool
has_temporary(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	bool found = false;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		if (strstr(e->d_name, ".dais-tmp-") != NULL)
			found = true;
	closedir(d);
	return found;
}

/* ---- The race of a change between the check and the swap -------------- */

static enum atomicfile_point race_at;

/* Another program writes the file at the point the test chose. */
static void
racer(enum atomicfile_point point, const char *path, void *arg)
{
	(void)arg;
	if (point == race_at && strstr(path, "plenary.ics") != NULL)
		helper_spill_text(path, RACER);
}

/* Saves with the racer at `at`; asserts its change survived. */
static void
assert_race_caught(enum atomicfile_point at, bool no_exchange)
{
	char *dir = helper_copy_example();
	char *path = xasprintf("%s/programme/plenary.ics", dir);
	char *sub = xasprintf("%s/programme", dir), *text;
	struct diag_list diags = {0};
	struct programme *p;
	struct editor *ed = edited(dir, &p);

	race_at = at;
	atomicfile_test_hooks.before = racer;
	atomicfile_test_hooks.no_exchange = no_exchange;
	assert_false(programme_save(ed, &diags));
	atomicfile_test_hooks.before = NULL;
	atomicfile_test_hooks.no_exchange = false;

	assert_int_equal(diags.n, 1);
	assert_string_equal(diags.v[0].file, path);
	assert_non_null(
	    strstr(diags.v[0].message, "was changed by another program"));
	text = helper_slurp(path, NULL);
	assert_string_equal(text, RACER);
	assert_false(has_temporary(sub));
	assert_true(editor_dirty(ed)); /* the edit is still in dais */
	free(text);
	diag_clear(&diags);
	free(diags.v);
	editor_free(ed);
	programme_free(p);
	free(sub);
	free(path);
	helper_remove_dir(dir);
}

static void
test_change_at_the_swap_is_swapped_back(void **state)
{
	(void)state;
	assert_race_caught(ATOMICFILE_RENAME, false);
}

static void
test_change_before_the_rename_is_caught_without_exchange(void **state)
{
	(void)state;
	assert_race_caught(ATOMICFILE_RENAME, true);
}

/*
 * The swap finds another program's bytes and cannot swap them back (the
 * target was moved away meanwhile): theirs are only in the temporary
 * file, which is kept and named, not removed.
 */
static void
swap_back_fails(enum atomicfile_point point, const char *path, void *arg)
{
	char *moved;

	(void)arg;
	if (point == ATOMICFILE_RENAME) {
		helper_spill_text(path, RACER);
	} else if (point == ATOMICFILE_SWAPPED) {
		moved = xasprintf("%s.moved", path);
		assert_int_equal(rename(path, moved), 0);
		free(moved);
	}
}

static void
test_failed_swap_back_keeps_their_version(void **state)
{
	char *dir = helper_copy_example(), *why = NULL, *text, *at, *tmp;
	char *path = xasprintf("%s/programme/plenary.ics", dir);
	uint64_t expect = 0;

	(void)state;
	assert_true(filehash_path(path, &expect));
	atomicfile_test_hooks.before = swap_back_fails;
	assert_false(
	    atomicfile_write_over(path, "mine\n", 5, expect, NULL, &why));
	atomicfile_test_hooks.before = NULL;
	assert_non_null(strstr(why, "could not be put back"));
	at = strstr(why, ".dais-tmp-");
	assert_non_null(at);
	tmp = xasprintf("%s.dais-tmp-%.6s", path, at + strlen(".dais-tmp-"));
	text = helper_slurp(tmp, NULL);
	assert_string_equal(text, RACER);
	free(text);
	free(tmp);
	free(why);
	free(path);
	helper_remove_dir(dir);
}

/* ---- Symbolic links ----------------------------------------------------- */

/*
 * programme/plenary.ics made a link to a file in a shared directory
 * outside the programme (relative or absolute); the save writes the
 * target, and the link stays a link.
 */
static void
assert_written_through(bool relative)
{
	char *dir = helper_copy_example();
	char *shared = xasprintf("%s/shared", dir);
	char *target = xasprintf("%s/plenary.ics", shared);
	char *link = xasprintf("%s/programme/plenary.ics", dir);
	char *cmd, *text;
	struct diag_list diags = {0};
	struct programme *p;
	struct editor *ed;
	struct stat st;

	assert_int_equal(mkdir(shared, 0755), 0);
	assert_int_equal(rename(link, target), 0);
	assert_int_equal(
	    symlink(relative ? "../shared/plenary.ics" : target, link), 0);
	ed = edited(dir, &p);
	if (!programme_save(ed, &diags))
		fail_msg("save: %s", diags.v[0].message);
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	text = helper_slurp(target, NULL);
	assert_non_null(strstr(text, "SUMMARY:Opening plenary — "));
	free(text);
	assert_false(has_temporary(shared));
	cmd = xasprintf("%s/programme", dir);
	assert_false(has_temporary(cmd));
	free(cmd);
	/* Loaded again through the link: the edit is there. */
	editor_free(ed);
	programme_free(p);
	p = helper_load_ok(dir);
	assert_string_equal(
	    p->sessions[programme_find_session(p, OPENING, DAIS_TIME_NONE)]
	        .title,
	    NEW_TITLE);
	programme_free(p);
	diag_clear(&diags);
	free(diags.v);
	free(link);
	free(target);
	free(shared);
	helper_remove_dir(dir);
}

static void
test_relative_link_is_written_through(void **state)
{
	(void)state;
	assert_written_through(true);
}

static void
test_absolute_link_is_written_through(void **state)
{
	(void)state;
	assert_written_through(false);
}

static void
test_dangling_link_is_refused(void **state)
{
	char *dir = helper_copy_example(), *why = NULL;
	char *path = xasprintf("%s/out.ics", dir);

	(void)state;
	assert_int_equal(symlink("nowhere/x.ics", path), 0);
	assert_false(atomicfile_write(path, "x", 1, &why));
	assert_non_null(strstr(why, "a symbolic link whose target cannot be "
	                            "reached"));
	assert_non_null(strstr(why, path));
	free(why);
	free(path);
	helper_remove_dir(dir);
}

/* ---- Leftover temporary files ---------------------------------------- */

/*
 * The second programme file made a link into dir/linked, and an empty
 * dir/shared made: what a temporary file's place is tested against.
 */
static void
link_a_file(const char *dir)
{
	struct programme *p = helper_load_ok(dir);
	char *file = xasprintf("%s/%s", dir, p->conf.files.v[1]);
	char *linked = xasprintf("%s/linked", dir);
	char *target = xasprintf("%s/ceremony.ics", linked);
	char *shared = xasprintf("%s/shared", dir);

	assert_int_equal(mkdir(linked, 0755), 0);
	assert_int_equal(mkdir(shared, 0755), 0);
	assert_int_equal(rename(file, target), 0);
	assert_int_equal(symlink(target, file), 0);
	programme_free(p);
	free(shared);
	free(target);
	free(linked);
	free(file);
}

static void
test_only_dais_temporaries_are_removed(void **state)
{
	char *dir = helper_copy_example();
	const char *const theirs[] = {
	    "programme/plenary.ics.dais-tmp-",        /* no random part */
	    "programme/plenary.ics.dais-tmp-abc",     /* too short */
	    "programme/plenary.ics.dais-tmp-abcdefg", /* too long */
	    "programme/notes.txt",
	    "programme/.dais-tmp-abcdef", /* no target name */
	    /* not a file of the programme: someone else's */
	    "programme/unlisted.ics.dais-tmp-Ab12Cd",
	    "shared/plenary.ics.dais-tmp-Qw34Er",
	};
	const char *const ours[] = {
	    "programme/plenary.ics.dais-tmp-Ab12Cd",
	    ".dais-journal.dais-tmp-xYz789",
	    /* dais sync's state, dais schedule's requests */
	    ".dais-sync.dais-tmp-Sy12nc",
	    "requests.ini.dais-tmp-Rq34st",
	    /* beside a linked file's target */
	    "linked/ceremony.ics.dais-tmp-Zx56Vb",
	};
	struct programme *p;
	size_t i;

	(void)state;
	link_a_file(dir);
	for (i = 0; i < sizeof theirs / sizeof theirs[0]; i++) {
		char *path = xasprintf("%s/%s", dir, theirs[i]);

		helper_spill_text(path, "someone's\n");
		free(path);
	}
	for (i = 0; i < sizeof ours / sizeof ours[0]; i++) {
		char *path = xasprintf("%s/%s", dir, ours[i]);

		helper_spill_text(path, "half a save\n");
		free(path);
	}
	p = helper_load_ok(dir);
	assert_int_equal(journal_remove_temporaries(p), 5);
	for (i = 0; i < sizeof theirs / sizeof theirs[0]; i++) {
		char *path = xasprintf("%s/%s", dir, theirs[i]);

		assert_int_equal(access(path, F_OK), 0);
		free(path);
	}
	for (i = 0; i < sizeof ours / sizeof ours[0]; i++) {
		char *path = xasprintf("%s/%s", dir, ours[i]);

		assert_int_not_equal(access(path, F_OK), 0);
		free(path);
	}
	programme_free(p);
	helper_remove_dir(dir);
}

/* A failed test leaves no hook behind for the next. */
static int
no_hooks(void **state)
{
	(void)state;
	memset(&atomicfile_test_hooks, 0, sizeof atomicfile_test_hooks);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_teardown(test_change_at_the_swap_is_swapped_back,
	                              no_hooks),
	    cmocka_unit_test_teardown(
	        test_change_before_the_rename_is_caught_without_exchange,
	        no_hooks),
	    cmocka_unit_test_teardown(test_failed_swap_back_keeps_their_version,
	                              no_hooks),
	    cmocka_unit_test_teardown(test_relative_link_is_written_through,
	                              no_hooks),
	    cmocka_unit_test_teardown(test_absolute_link_is_written_through,
	                              no_hooks),
	    cmocka_unit_test_teardown(test_dangling_link_is_refused, no_hooks),
	    cmocka_unit_test_teardown(test_only_dais_temporaries_are_removed,
	                              no_hooks),
	};

	setenv("SOURCE_DATE_EPOCH", "1793000000", 1);
	return cmocka_run_group_tests(tests, NULL, no_hooks);
}
