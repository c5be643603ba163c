/*
 * test_sources.c: `files` naming a directory or a glob (io/sources.c):
 * which files an entry names, a new session's file name, and a save that
 * writes <uid>.ics for a session made in dais, removes the file of one
 * deleted, and sees files another client added or removed.
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
#include "dais/load.h"
#include "dais/save.h"
#include "dais/sources.h"
#include "dais/xalloc.h"
#include "helpers.h"

/* A session khal wrote, alone in its file. */
#define OPENING      "T94YBXD5UZ019K7PXU8V4K5ESMEZFNMG9G2R"
#define OPENING_FILE "calendar/" OPENING ".ics"
#define CLOSING_FILE "calendar/89G4B3WEOD2QP7O0CZ6V71JW2MOLKMDLVER6.ics"

static char *
name_for(const char *uid)
{
	struct conference c;

	memset(&c, 0, sizeof c);
	c.new_sessions_dir = "cal";
	return programme_session_file_name(&c, uid);
}

static void
expect_name(const char *uid, const char *want)
{
	char *got = name_for(uid);

	assert_string_equal(got, want);
	free(got);
}

static void
test_file_names(void **state)
{
	char long_a[301], long_b[301], *a, *b, *base;

	(void)state;
	expect_name("abc-123@kuwait-2026.example",
	            "cal/abc-123@kuwait-2026.example.ics");
	/* No '/', no hidden file, '%' itself encoded so nothing collides. */
	expect_name("a/b", "cal/a%2Fb.ics");
	expect_name("a%2Fb", "cal/a%252Fb.ics");
	expect_name(".hidden", "cal/%2Ehidden.ics");
	expect_name("a.b", "cal/a.b.ics");
	expect_name("two words", "cal/two%20words.ics");
	/* Non-ASCII is kept, byte for byte. */
	expect_name("جلسة-сессия-会议", "cal/جلسة-сессия-会议.ics");
	/* Long UIDs differing only at the end: cut, and told apart. */
	memset(long_a, 'x', 300);
	long_a[300] = '\0';
	memcpy(long_b, long_a, sizeof long_b);
	long_b[299] = 'y';
	a = name_for(long_a);
	b = name_for(long_b);
	assert_string_not_equal(a, b);
	base = strrchr(a, '/') + 1;
	assert_true(strlen(base) < 255);
	assert_non_null(strchr(base, '~'));
	free(a);
	free(b);
	/* A cut never splits a character nor an escape. */
	{
		char cyr[401] = {0}, *n;
		size_t i;

		for (i = 0; i + 2 <= 400; i += 2)
			memcpy(cyr + i, "Ж", 2);
		n = name_for(cyr);
		base = strrchr(n, '/') + 1;
		assert_int_equal((strchr(base, '~') - base) % 2, 0);
		free(n);
	}
}

/* A scratch directory with the files a vdir holds besides its events. */
static char *
make_tree(void)
{
	char tmpl[] = "/tmp/dais-sources-XXXXXX";
	static const char *const names[] = {
	    "d/b.ics",
	    "d/a.ics",
	    "d/A.ICS",
	    "d/.hidden.ics",
	    "d/a.ics.dais-tmp-AbC123",
	    "d/color",
	    "d/sub/c.ics",
	};
	char *dir, *path;
	size_t i;

	assert_non_null(mkdtemp(tmpl));
	dir = xstrdup(tmpl);
	path = xasprintf("%s/d", dir);
	assert_int_equal(mkdir(path, 0755), 0);
	free(path);
	path = xasprintf("%s/d/sub", dir);
	assert_int_equal(mkdir(path, 0755), 0);
	free(path);
	path = xasprintf("%s/empty", dir);
	assert_int_equal(mkdir(path, 0755), 0);
	free(path);
	for (i = 0; i < sizeof names / sizeof *names; i++) {
		path = xasprintf("%s/%s", dir, names[i]);
		helper_spill_text(path, "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
		free(path);
	}
	return dir;
}

static char *
expanded(const char *dir, const char *entry, bool ok)
{
	struct strlist out = {0};
	char *why = NULL, *all;

	assert_int_equal(sources_expand(dir, entry, &out, &why), ok);
	if (!ok) {
		strlist_clear(&out);
		return why;
	}
	assert_null(why);
	all = strlist_join(&out, " ");
	strlist_clear(&out);
	return all;
}

static void
test_expand(void **state)
{
	char *dir = make_tree(), *got;

	(void)state;
	/* Byte order (uppercase first), hidden, temporaries, other
	 * suffixes and subdirectories left out. */
	got = expanded(dir, "d", true);
	assert_string_equal(got, "d/A.ICS d/a.ics d/b.ics");
	free(got);
	got = expanded(dir, "d/", true);
	assert_string_equal(got, "d/A.ICS d/a.ics d/b.ics");
	free(got);
	got = expanded(dir, "d/*.ics", true);
	assert_string_equal(got, "d/a.ics d/b.ics");
	free(got);
	got = expanded(dir, "d/[ab].ics", true);
	assert_string_equal(got, "d/a.ics d/b.ics");
	free(got);
	got = expanded(dir, "d/*/*.ics", true);
	assert_string_equal(got, "d/sub/c.ics");
	free(got);
	/* A file as written, even if it is not there yet. */
	got = expanded(dir, "d/new.ics", true);
	assert_string_equal(got, "d/new.ics");
	free(got);
	/* Empty sources. */
	got = expanded(dir, "empty", true);
	assert_string_equal(got, "");
	free(got);
	got = expanded(dir, "empty/*.ics", true);
	assert_string_equal(got, "");
	free(got);
	/* Mistakes. */
	got = expanded(dir, "nowhere", false);
	assert_non_null(strstr(got, "/nowhere does not exist"));
	free(got);
	got = expanded(dir, "nowhere/*.ics", false);
	assert_non_null(strstr(got, "matches no file"));
	free(got);
	got = expanded(dir, "d/*", false);
	assert_non_null(strstr(got, "which is not a .ics file"));
	free(got);
	helper_remove_dir(dir);
}

static void
test_new_sessions_dir_and_members(void **state)
{
	char *dir = make_tree(), *why = NULL, *got;
	struct conference c;

	(void)state;
	got = sources_new_sessions_dir(dir, "d/", &why);
	assert_string_equal(got, "d");
	free(got);
	got = sources_new_sessions_dir(dir, "d/*.ics", &why);
	assert_string_equal(got, "d");
	free(got);
	assert_null(sources_new_sessions_dir(dir, "d/a.ics", &why));
	assert_null(why);
	assert_null(sources_new_sessions_dir(dir, "d/x-*.ics", &why));
	assert_non_null(strstr(why, "would not match this glob"));
	free(why);

	memset(&c, 0, sizeof c);
	strlist_add(&c.file_sources, "plain.ics");
	strlist_add(&c.file_sources, "d/");
	strlist_add(&c.file_sources, "g/*.ics");
	assert_false(sources_is_member(&c, "plain.ics"));
	assert_true(sources_is_member(&c, "d/a.ics"));
	assert_false(sources_is_member(&c, "d/sub/c.ics"));
	assert_true(sources_is_member(&c, "g/x.ics"));
	assert_false(sources_is_member(&c, "g/.x.ics"));
	strlist_clear(&c.file_sources);
	helper_remove_dir(dir);
}

/* A session made in dais gets calendar/<uid>.ics; deleting one that is
 * alone in its file removes the file; both read back. */
static void
test_save_writes_and_removes_own_files(void **state)
{
	char *dir = helper_copy_programme("vdir-khal", NULL);
	struct programme *p = helper_load_ok(dir);
	struct editor *ed = editor_new(p);
	struct diag_list diags = {0};
	const char *why = NULL;
	struct session fresh;
	char *made = NULL, *file, *text;

	(void)state;
	assert_string_equal(p->conf.new_sessions_dir, "calendar");
	assert_int_equal(p->conf.files.n, 5);
	session_init(&fresh);
	fresh.title = xstrdup("Bilateral / Тадж — الكويت");
	fresh.start = p->sessions[0].start + 86400;
	fresh.end = fresh.start + 1800;
	assert_true(edit_create(ed, &fresh, &made, &why));
	session_free(&fresh);
	assert_true(edit_delete(ed, OPENING, DAIS_TIME_NONE, &why));
	assert_true(programme_save(ed, &diags));
	assert_int_equal(diags.n, 0);

	file = programme_session_file_name(&p->conf, made);
	assert_true(helper_exists(dir, file));
	assert_false(helper_exists(dir, OPENING_FILE));
	assert_true(helper_exists(dir, CLOSING_FILE));
	{
		char *path = xasprintf("%s/%s", dir, file);

		text = helper_slurp(path, NULL);
		free(path);
	}
	assert_non_null(strstr(text, made));
	assert_non_null(strstr(text, "BEGIN:VTIMEZONE"));
	free(text);
	/* conference.ini still names the directory. */
	{
		char *path = xasprintf("%s/conference.ini", dir);

		text = helper_slurp(path, NULL);
		free(path);
	}
	assert_non_null(strstr(text, "files = \"calendar\""));
	free(text);
	editor_free(ed);
	programme_free(p);

	p = helper_load_ok(dir);
	assert_int_equal(p->nsessions, 5);
	assert_true(programme_find_session(p, made, DAIS_TIME_NONE) >= 0);
	assert_true(programme_find_session(p, OPENING, DAIS_TIME_NONE) < 0);
	programme_free(p);
	free(file);
	free(made);
	helper_remove_dir(dir);
}

/* An empty vdir (a new one vdirsyncer made) is a programme with no
 * sessions, and takes its first. */
static void
test_empty_vdir_takes_a_first_session(void **state)
{
	char *dir = helper_copy_programme("vdir-khal", NULL), *cmd, *file;
	struct programme *p;
	struct editor *ed;
	struct diag_list diags = {0};
	const char *why = NULL;
	struct session fresh;
	char *made = NULL;

	(void)state;
	cmd = xasprintf("rm -f '%s'/calendar/*.ics", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	p = helper_load_ok(dir);
	assert_int_equal(p->conf.files.n, 0);
	assert_int_equal(p->nsessions, 0);
	ed = editor_new(p);
	session_init(&fresh);
	fresh.title = xstrdup("First");
	fresh.start = 1793000000;
	fresh.end = fresh.start + 3600;
	assert_true(edit_create(ed, &fresh, &made, &why));
	session_free(&fresh);
	assert_true(programme_save(ed, &diags));
	file = programme_session_file_name(&p->conf, made);
	assert_true(helper_exists(dir, file));
	editor_free(ed);
	programme_free(p);
	p = helper_load_ok(dir);
	assert_int_equal(p->nsessions, 1);
	programme_free(p);
	free(file);
	free(made);
	helper_remove_dir(dir);
}

/* Another client adds one event's file and removes another's while dais
 * has the programme open: the save sees both, and merges the user's own
 * edit without losing theirs. */
static void
test_files_added_and_removed_by_others(void **state)
{
	char *dir = helper_copy_programme("vdir-khal", NULL);
	struct programme *p = helper_load_ok(dir);
	struct editor *ed = editor_new(p);
	struct diag_list diags = {0};
	struct save_analysis a;
	const char *why = NULL;
	char *from, *to, *text;
	size_t i;
	bool added = false, removed = false;

	(void)state;
	assert_true(edit_set_title(ed, "WSQ77EQ1V08K3CGFY6AAC4WG0J742Z0NEXXG",
	                           DAIS_TIME_NONE, "Border data", &why));
	/* theirs: a copy of the closing plenary under a new UID, and the
	 * opening plenary gone. */
	from = xasprintf("%s/%s", dir, CLOSING_FILE);
	text = helper_slurp(from, NULL);
	free(from);
	{
		char *at = strstr(text, "UID:89G4");

		assert_non_null(at);
		memcpy(at + 4, "ZZZZ", 4);
	}
	to = xasprintf("%s/calendar/ZZZZ-added-by-khal.ics", dir);
	helper_spill_text(to, text);
	free(to);
	free(text);
	from = xasprintf("%s/%s", dir, OPENING_FILE);
	assert_int_equal(unlink(from), 0);
	free(from);

	assert_int_equal(save_analyse(ed, &a), 2);
	for (i = 0; i < a.n; i++) {
		const struct save_file_diff *fd = &a.files[i];

		assert_int_equal(fd->state, SAVE_FILE_CHANGED);
		assert_int_equal(fd->n, 1);
		if (fd->index == -1) {
			assert_string_equal(fd->name,
			                    "calendar/ZZZZ-added-by-khal.ics");
			assert_int_equal(fd->v[0].kind, SAVE_DISK_ADDED);
			added = true;
		} else {
			assert_string_equal(fd->name, OPENING_FILE);
			assert_int_equal(fd->v[0].kind, SAVE_DISK_REMOVED);
			removed = true;
		}
	}
	assert_true(added && removed);
	assert_true(save_can_merge(&a, NULL));
	assert_true(save_merge(ed, &a, &diags));
	save_analysis_free(&a);
	editor_free(ed);
	programme_free(p);

	/* Theirs and the user's, together. */
	p = helper_load_ok(dir);
	assert_int_equal(p->nsessions, 5);
	assert_true(programme_find_session(p, OPENING, DAIS_TIME_NONE) < 0);
	assert_true(
	    programme_find_session(p, "ZZZZB3WEOD2QP7O0CZ6V71JW2MOLKMDLVER6",
	                           DAIS_TIME_NONE) >= 0);
	i = (size_t)programme_find_session(
	    p, "WSQ77EQ1V08K3CGFY6AAC4WG0J742Z0NEXXG", DAIS_TIME_NONE);
	assert_string_equal(p->sessions[i].title, "Border data");
	programme_free(p);
	helper_remove_dir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_file_names),
	    cmocka_unit_test(test_expand),
	    cmocka_unit_test(test_new_sessions_dir_and_members),
	    cmocka_unit_test(test_save_writes_and_removes_own_files),
	    cmocka_unit_test(test_empty_vdir_takes_a_first_session),
	    cmocka_unit_test(test_files_added_and_removed_by_others),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
