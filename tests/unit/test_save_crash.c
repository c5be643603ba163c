/*
 * test_save_crash.c: a save cut short, and recovery file by file.
 *
 * A planner saving edits to three files of the Kuwait example is stopped
 * (a child process that _exit()s) before each system call of the save
 * that changes the disk: creating, writing, syncing and swapping in each
 * file's temporary, syncing its directory, and the journal's restart
 * after. Each time the directory is then opened as the planner opens it
 * (leftover temporaries removed, the journal prepared and replayed) and
 * saved: the files must equal those of a save that was never stopped,
 * and no temporary file may be left.
 *
 * Then a crash between edits followed by changes made on disk by hand:
 * one in a file no edit touched, one to another session of an edited
 * file, one to a session an edit changed too. Every edit but the last is
 * restored; that one is left to the choice a save offers for a file
 * changed on disk (save_analyse).
 *
 * The same stops for a vdir (`files` naming a directory, one event per
 * file): a new session's own file made, a deleted one's file removed.
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
#include <sys/wait.h>
#include <unistd.h>

#include "dais/atomicfile.h"
#include "dais/edit.h"
#include "dais/journal.h"
#include "dais/load.h"
#include "dais/save.h"
#include "dais/xalloc.h"
#include "helpers.h"

#define OPENING      "d1-opening@kuwait-2026.dushanbe-process"
#define BOMCA        "d1-side-bomca@kuwait-2026.dushanbe-process"
#define SOFT         "d1-side-soft-targets@kuwait-2026.dushanbe-process"
#define REGISTRATION "d1-registration@kuwait-2026.dushanbe-process"
#define RECEPTION    "d1-reception@kuwait-2026.dushanbe-process"
#define BOMCA_TITLE  "Управление границами: итоги — إدارة الحدود"

/* Exit statuses of the saving child. */
enum { CHILD_STOPPED = 10, CHILD_FINISHED = 11, CHILD_FAILED = 12 };

static const char *const files[] = {
    "programme/plenary.ics",
    "programme/side-sessions.ics",
    "programme/breaks.ics",
    "programme/social.ics",
};
#define NFILES (sizeof files / sizeof files[0])

/* The planner's journal, as the editor's callback reports edits to it. */
struct planner {
	struct editor *ed;
	struct journal *j;
};

static void
on_edit(const struct edit_event *ev, void *arg)
{
	struct planner *pl = arg;
	char *why = NULL;

	if (!journal_append(pl->j, pl->ed, ev, &why)) {
		fprintf(stderr, "journal_append: %s\n", why);
		abort();
	}
}

/* A planner on dir with a journal, as the planner starts one. */
static void
open_planner(struct programme *p, struct planner *pl)
{
	char *why = NULL;

	pl->ed = editor_new(p);
	editor_set_uid_seed(pl->ed, 7);
	pl->j = journal_start(pl->ed, &why);
	if (pl->j == NULL) {
		fprintf(stderr, "journal_start: %s\n", why);
		abort();
	}
	editor_set_callback(pl->ed, on_edit, pl);
}

/* Edits to plenary.ics (a move, a new session), side-sessions.ics (a
 * title in two scripts, a chair) and breaks.ics (a deletion). */
static bool
make_edits(struct editor *ed)
{
	const struct programme *p = editor_programme(ed);
	const struct session *opening =
	    editor_session(ed, OPENING, DAIS_TIME_NONE);
	const char *why = NULL;
	struct session fresh;
	char *made = NULL;
	bool ok;

	if (opening == NULL)
		return false;
	session_init(&fresh);
	fresh.title = xstrdup("Tajik–Kuwaiti bilateral");
	fresh.start = opening->start + 7200;
	fresh.end = opening->start + 9000;
	ok = edit_move(ed, OPENING, DAIS_TIME_NONE, opening->start + 1800,
	               &why) &&
	     edit_set_title(ed, BOMCA, DAIS_TIME_NONE, BOMCA_TITLE, &why) &&
	     edit_assign(ed, BOMCA, DAIS_TIME_NONE, p->people[0].id, ROLE_CHAIR,
	                 NULL, &why) &&
	     edit_delete(ed, REGISTRATION, DAIS_TIME_NONE, &why) &&
	     edit_create(ed, &fresh, &made, &why);
	session_free(&fresh);
	free(made);
	if (!ok)
		fprintf(stderr, "edit refused: %s\n", why ? why : "?");
	return ok;
}

/* ---- Stopping the save at each point ----------------------------------- */

static int stop_at, reached;

static void
stop_here(enum atomicfile_point point, const char *path, void *arg)
{
	(void)point;
	(void)path;
	(void)arg;
	if (++reached == stop_at)
		_exit(CHILD_STOPPED);
}

/*
 * In a child: open dir, edit, and save as the planner does (the save,
 * then the journal's restart), stopped before point `at` (0: never).
 */
static int
save_stopped_at(const char *dir, int at, bool (*edits)(struct editor *))
{
	pid_t pid = fork();
	int status;

	assert_true(pid >= 0);
	if (pid == 0) {
		struct diag_list diags = {0};
		struct programme *p = programme_load(dir, &diags);
		struct planner pl;
		char *why = NULL;

		if (p == NULL)
			_exit(CHILD_FAILED);
		open_planner(p, &pl);
		if (!edits(pl.ed))
			_exit(CHILD_FAILED);
		stop_at = at;
		reached = 0;
		atomicfile_test_hooks.before = stop_here;
		if (!programme_save_recoverable(pl.ed, pl.j, &diags) ||
		    !journal_restart(pl.j, pl.ed, &why))
			_exit(CHILD_FAILED);
		_exit(CHILD_FINISHED);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

/*
 * Opens dir as `dais open --restore` does: leftover temporaries removed,
 * the journal prepared and replayed, then saves. Returns how many
 * sessions recovery left to the choice at save.
 */
static size_t
reopen_restore_save(const char *dir, bool expect_save_ok)
{
	struct programme *p = helper_load_ok(dir);
	struct journal_found f;
	struct diag_list diags = {0};
	struct editor *ed;
	char *why = NULL;
	size_t left = 0;
	int r;

	journal_remove_temporaries(p);
	r = journal_find(dir, &f, &why);
	if (r < 0)
		fail_msg("journal_find: %s", why);
	/* What the stopped save wrote is recognised as its own, by the
	 * intent it recorded first: not as somebody else's change. */
	if (r == 1 && f.changed.n > 0)
		fail_msg("%s taken for a change by somebody else",
		         f.changed.v[0]);
	if (r == 1)
		left = journal_prepare(&f, p);
	ed = editor_new(p);
	if (r == 1 && !journal_replay(&f, ed, &why))
		fail_msg("journal_replay: %s", why);
	if (r == 1)
		journal_found_free(&f);
	assert_int_equal(programme_save(ed, &diags), expect_save_ok);
	diag_clear(&diags);
	free(diags.v);
	editor_free(ed);
	programme_free(p);
	return left;
}

/* Fails when dir/sub holds a temporary file of dais. */
static void
assert_no_temporary(const char *dir, const char *sub)
{
	char *path = xasprintf("%s/%s", dir, sub);
	DIR *d = opendir(path);
	struct dirent *e;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		if (strstr(e->d_name, ".dais-tmp-") != NULL)
			fail_msg("%s/%s was left behind", path, e->d_name);
	closedir(d);
	free(path);
}

static void
test_save_stopped_anywhere_is_recovered(void **state)
{
	char *ref = helper_copy_example(), *want[NFILES];
	size_t i, nstops = 0;
	int at;

	(void)state;
	/* The save nobody stopped. */
	assert_int_equal(save_stopped_at(ref, 0, make_edits), CHILD_FINISHED);
	for (i = 0; i < NFILES; i++) {
		char *path = xasprintf("%s/%s", ref, files[i]);

		want[i] = helper_slurp(path, NULL);
		free(path);
	}
	for (at = 1;; at++) {
		char *dir = helper_copy_example();
		int got = save_stopped_at(dir, at, make_edits);

		if (got == CHILD_FINISHED) {
			helper_remove_dir(dir);
			break;
		}
		assert_int_equal(got, CHILD_STOPPED);
		nstops++;
		assert_int_equal(reopen_restore_save(dir, true), 0);
		for (i = 0; i < NFILES; i++) {
			char *path = xasprintf("%s/%s", dir, files[i]);
			char *have = helper_slurp(path, NULL);

			if (strcmp(have, want[i]) != 0)
				fail_msg("stopped at point %d: %s differs "
				         "from an uninterrupted save",
				         at, files[i]);
			free(have);
			free(path);
		}
		assert_no_temporary(dir, ".");
		assert_no_temporary(dir, "programme");
		helper_remove_dir(dir);
	}
	/* Three files, each created, written, synced, swapped in, and its
	 * directory synced; then the journal's restart. */
	assert_true(nstops >= 3 * 5 + 4);
	printf("# stopped at %zu points\n", nstops);
	for (i = 0; i < NFILES; i++)
		free(want[i]);
	helper_remove_dir(ref);
}

/* ---- A vdir: a file per event ----------------------------------------- */

#define VDIR_OPENING "T94YBXD5UZ019K7PXU8V4K5ESMEZFNMG9G2R"
#define VDIR_SIDE    "WSQ77EQ1V08K3CGFY6AAC4WG0J742Z0NEXXG"

/* In tests/fixtures/vdir-khal: a new session (a new file of its own), a
 * deleted one (its file removed) and a retitled one (its file replaced). */
static bool
make_vdir_edits(struct editor *ed)
{
	const struct session *opening =
	    editor_session(ed, VDIR_OPENING, DAIS_TIME_NONE);
	const char *why = NULL;
	struct session fresh;
	char *made = NULL;
	bool ok;

	if (opening == NULL)
		return false;
	session_init(&fresh);
	fresh.title = xstrdup("Tajik–Kuwaiti bilateral");
	fresh.start = opening->start + 86400;
	fresh.end = fresh.start + 1800;
	ok = edit_create(ed, &fresh, &made, &why) &&
	     edit_delete(ed, VDIR_OPENING, DAIS_TIME_NONE, &why) &&
	     edit_set_title(ed, VDIR_SIDE, DAIS_TIME_NONE, BOMCA_TITLE, &why);
	session_free(&fresh);
	free(made);
	if (!ok)
		fprintf(stderr, "edit refused: %s\n", why ? why : "?");
	return ok;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* dir/calendar as one text: each file's name and bytes, by name. */
static char *
vdir_state(const char *dir)
{
	char *path = xasprintf("%s/calendar", dir);
	struct strlist names = {0};
	struct helper_buf b = {0};
	struct dirent *e;
	DIR *d = opendir(path);
	size_t i;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.')
			strlist_add(&names, e->d_name);
	closedir(d);
	qsort(names.v, names.n, sizeof *names.v, name_cmp);
	for (i = 0; i < names.n; i++) {
		char *file = xasprintf("%s/%s", path, names.v[i]);
		char *text = helper_slurp(file, NULL);

		helper_buf_add(&b, "== ", 3);
		helper_buf_add(&b, names.v[i], strlen(names.v[i]));
		helper_buf_add(&b, "\n", 1);
		helper_buf_add(&b, text, strlen(text));
		free(text);
		free(file);
	}
	helper_buf_add(&b, "", 1);
	strlist_clear(&names);
	free(path);
	return b.v;
}

static void
test_vdir_save_stopped_anywhere_is_recovered(void **state)
{
	char *ref = helper_copy_programme("vdir-khal", NULL), *want;
	size_t nstops = 0;
	int at;

	(void)state;
	assert_int_equal(save_stopped_at(ref, 0, make_vdir_edits),
	                 CHILD_FINISHED);
	want = vdir_state(ref);
	/* The uninterrupted save made one file and removed one. */
	assert_non_null(strstr(want, "Tajik–Kuwaiti bilateral"));
	assert_null(strstr(want, "== " VDIR_OPENING ".ics"));
	assert_non_null(strstr(want, "== " VDIR_SIDE ".ics"));
	for (at = 1;; at++) {
		char *dir = helper_copy_programme("vdir-khal", NULL), *have;
		int got = save_stopped_at(dir, at, make_vdir_edits);

		if (got == CHILD_FINISHED) {
			helper_remove_dir(dir);
			break;
		}
		assert_int_equal(got, CHILD_STOPPED);
		nstops++;
		assert_int_equal(reopen_restore_save(dir, true), 0);
		have = vdir_state(dir);
		if (strcmp(have, want) != 0)
			fail_msg("stopped at point %d: calendar/ differs from "
			         "an uninterrupted save:\n%s\n---\n%s",
			         at, have, want);
		free(have);
		assert_no_temporary(dir, "calendar");
		helper_remove_dir(dir);
	}
	/* A file made (created, written, synced, put in place, directory
	 * synced), one replaced (the same), one removed (checked, unlinked,
	 * directory synced), then the journal's restart. */
	assert_true(nstops >= 2 * 5 + 3);
	printf("# vdir: stopped at %zu points\n", nstops);
	free(want);
	helper_remove_dir(ref);
}

/* ---- Changes on disk after a crash ------------------------------------- */

/* Replaces the first `from` in dir/file by `to`. */
static void
edit_by_hand(const char *dir, const char *file, const char *from,
             const char *to)
{
	char *path = xasprintf("%s/%s", dir, file);
	char *text = helper_slurp(path, NULL), *at = strstr(text, from);
	struct helper_buf b = {0};

	assert_non_null(at);
	helper_buf_add(&b, text, (size_t)(at - text));
	helper_buf_add(&b, to, strlen(to));
	helper_buf_add(&b, at + strlen(from), strlen(at + strlen(from)));
	helper_spill(path, b.v, b.n);
	free(b.v);
	free(text);
	free(path);
}

static void
test_unrelated_change_on_disk_keeps_recovery(void **state)
{
	char *dir = helper_copy_example(), *why = NULL;
	struct programme *p = helper_load_ok(dir);
	struct planner pl;
	struct editor *ed;
	struct save_analysis a;
	struct journal_found f;
	dais_time moved_to;
	const struct session *s;

	(void)state;
	open_planner(p, &pl);
	assert_true(make_edits(pl.ed));
	moved_to = editor_session(pl.ed, OPENING, DAIS_TIME_NONE)->start;
	/* The planner dies: its journal stays. */
	journal_close(pl.j, false);
	editor_free(pl.ed);
	programme_free(p);

	edit_by_hand(dir, "programme/social.ics",
	             "SUMMARY:Ministerial reception",
	             "SUMMARY:Ministerial reception (by hand)");
	edit_by_hand(dir, "programme/side-sessions.ics",
	             "SUMMARY:Protecting vulnerable targets",
	             "SUMMARY:Shielding vulnerable targets");
	edit_by_hand(dir, "programme/plenary.ics",
	             "SUMMARY:Opening plenary: statements",
	             "SUMMARY:Opening plenary (by hand): statements");

	assert_int_equal(journal_find(dir, &f, &why), 1);
	assert_int_equal(f.changed.n, 3);
	assert_true(f.replayable);
	journal_found_free(&f);

	/* Restored: all but the opening, which was changed on both sides. */
	p = helper_load_ok(dir);
	assert_int_equal(journal_find(dir, &f, &why), 1);
	assert_int_equal(journal_prepare(&f, p), 1);
	ed = editor_new(p);
	if (!journal_replay(&f, ed, &why))
		fail_msg("journal_replay: %s", why);
	journal_found_free(&f);
	s = editor_session(ed, BOMCA, DAIS_TIME_NONE);
	assert_string_equal(s->title, BOMCA_TITLE);
	assert_int_equal(session_find_assignment(s, p->people[0].id),
	                 (long)s->nassign - 1);
	assert_int_equal(s->assign[s->nassign - 1].role, ROLE_CHAIR);
	assert_null(editor_session(ed, REGISTRATION, DAIS_TIME_NONE));
	assert_string_equal(editor_session(ed, SOFT, DAIS_TIME_NONE)->title,
	                    "Shielding vulnerable targets and critical "
	                    "infrastructure");
	assert_string_equal(
	    editor_session(ed, RECEPTION, DAIS_TIME_NONE)->title,
	    "Ministerial reception (by hand)");
	/* The opening is the user's move of it as it was... */
	s = editor_session(ed, OPENING, DAIS_TIME_NONE);
	assert_int_equal(s->start, moved_to);
	assert_string_equal(s->title,
	                    "Opening plenary: statements of the co-hosts");
	/* ... and its file is one changed on disk, as at any save. */
	assert_int_equal(save_analyse(ed, &a), 1);
	assert_string_equal(a.files[0].name, "programme/plenary.ics");
	assert_int_equal(a.files[0].n, 1);
	assert_string_equal(a.files[0].v[0].uid, OPENING);
	assert_true(a.files[0].v[0].yours);
	assert_true(a.files[0].v[0].overlap);
	save_analysis_free(&a);
	{
		struct diag_list diags = {0};
		char *side = xasprintf("%s/programme/side-sessions.ics", dir);
		char *text;

		/* The other files save; the plenary waits for the choice. */
		assert_false(programme_save(ed, &diags));
		assert_int_equal(diags.n, 1);
		assert_non_null(strstr(diags.v[0].message, "changed"));
		text = helper_slurp(side, NULL);
		assert_non_null(strstr(text, "Shielding vulnerable"));
		assert_non_null(strstr(text, "Управление границами"));
		free(text);
		free(side);
		diag_clear(&diags);
		free(diags.v);
	}
	editor_free(ed);
	programme_free(p);
	helper_remove_dir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_save_stopped_anywhere_is_recovered),
	    cmocka_unit_test(test_unrelated_change_on_disk_keeps_recovery),
	    cmocka_unit_test(test_vdir_save_stopped_anywhere_is_recovered),
	};

	setenv("SOURCE_DATE_EPOCH", "1793000000", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
