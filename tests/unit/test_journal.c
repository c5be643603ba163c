/*
 * test_journal.c: the recovery journal. Edits of every kind (moves, text
 * with tabs, line breaks and other scripts, new and deleted sessions, a
 * deleted occurrence of a series, undo and redo, a group) written through
 * the editor's callback and replayed onto a fresh load give exactly the
 * programme that was edited; a journal cut anywhere inside its last edit
 * gives the programme as it was before that edit; a journal whose files
 * changed, or that is not a journal, is never replayed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dais/edit.h"
#include "dais/filehash.h"
#include "dais/fileread.h"
#include "dais/journal.h"
#include "dais/load.h"
#include "dais/registry.h"
#include "dais/save.h"
#include "dais/strmap.h"
#include "dais/xalloc.h"
#include "helpers.h"

struct ctx {
	struct editor *ed;
	struct journal *j;
	/* The programme after each edit, as text (dump()). */
	char **states;
	size_t nstates;
};

static void
add(FILE *f, const char *fmt, const char *v)
{
	fprintf(f, fmt, v != NULL ? v : "(null)");
}

/*
 * Comparing with a programme loaded after a save: a session made in dais
 * keeps source -1 after it is saved (model.h) but has its file's index
 * when loaded again, and a CR LF typed in a text comes back from the file
 * as LF (libical). Neither is the journal's doing.
 */
static bool after_save = false;

static void
drop_cr(char *s)
{
	char *w = s;

	for (; *s != '\0'; s++)
		if (*s != '\r')
			*w++ = *s;
	*w = '\0';
}

/* Every field of every session, in the programme's order. */
static char *
dump(const struct programme *p)
{
	char *s = NULL;
	size_t len = 0, i, k;
	FILE *f = open_memstream(&s, &len);

	assert_non_null(f);
	for (i = 0; i < p->nsessions; i++) {
		const struct session *x = &p->sessions[i];

		add(f, "[%s", x->uid);
		fprintf(f,
		        " rid=%" PRId64 " %" PRId64 "-%" PRId64
		        " st=%d exp=%d seq=%d src=%d",
		        (int64_t)x->recurrence_id, (int64_t)x->start,
		        (int64_t)x->end, (int)x->status, x->expected,
		        x->sequence, after_save ? 0 : x->source);
		add(f, " t=%s", x->title);
		add(f, " d=%s", x->description);
		add(f, " n=%s", x->notes);
		add(f, " k=%s", x->kind);
		add(f, " r=%s", x->room_id);
		add(f, " l=%s", x->location);
		add(f, "%s", x->confidential ? " closed" : "");
		for (k = 0; k < x->languages.n; k++)
			add(f, " lang=%s", x->languages.v[k]);
		for (k = 0; k < x->nassign; k++) {
			add(f, " a=%s", x->assign[k].participant_id);
			add(f, "/%s", role_name(x->assign[k].role));
			add(f, "/%s", x->assign[k].cn);
		}
		fputs("]\n", f);
	}
	fclose(f);
	if (after_save)
		drop_cr(s);
	return s;
}

/* Fails naming the first session whose dump differs. */
static void
assert_same(const char *got, const char *want)
{
	size_t line = 1;

	while (*got != '\0' && *got == *want) {
		if (*got == '\n')
			line++;
		got++;
		want++;
	}
	if (*got == '\0' && *want == '\0')
		return;
	fail_msg("session %zu differs:\n got: %.300s\nwant: %.300s", line, got,
	         want);
}

static void
on_edit(const struct edit_event *ev, void *arg)
{
	struct ctx *c = arg;
	char *why = NULL;

	if (!journal_append(c->j, c->ed, ev, &why))
		fail_msg("journal_append: %s", why);
	c->states = xreallocarray(c->states, c->nstates + 1, sizeof *c->states);
	c->states[c->nstates++] = dump(editor_programme(c->ed));
}

static void
ctx_free(struct ctx *c)
{
	size_t i;

	for (i = 0; i < c->nstates; i++)
		free(c->states[i]);
	free(c->states);
}

/* The n-th session with (or without) a recurrence id, by key. */
static char *
pick(const struct programme *p, bool occurrence, size_t n, dais_time *rid)
{
	size_t i;

	*rid = DAIS_TIME_NONE; /* set even when the test fails below */
	for (i = 0; i < p->nsessions; i++) {
		const struct session *s = &p->sessions[i];

		if ((s->recurrence_id != DAIS_TIME_NONE) != occurrence)
			continue;
		if (n-- > 0)
			continue;
		*rid = s->recurrence_id;
		return xstrdup(s->uid);
	}
	fail_msg("no such session in the example");
	return NULL;
}

/* Edits of every kind, each reported to the journal. */
static void
make_edits(struct ctx *c)
{
	struct editor *ed = c->ed;
	const struct programme *p = editor_programme(ed);
	const char *why = NULL;
	struct session fresh;
	dais_time rid, orid;
	char *a = pick(p, false, 0, &rid), *b = pick(p, false, 3, &rid);
	char *occ = pick(p, true, 1, &orid);
	char *made = NULL;
	dais_time start = editor_session(ed, a, DAIS_TIME_NONE)->start;

	assert_true(edit_move(ed, a, DAIS_TIME_NONE, start + 1800, &why));
	assert_true(edit_set_title(ed, b, DAIS_TIME_NONE,
	                           "Вступительное слово \\ مراقبة الحدود",
	                           &why));
	assert_true(edit_set_notes(ed, b, DAIS_TIME_NONE,
	                           "line one\nline\ttwo\r\nback\\slash \\0",
	                           &why));
	assert_true(edit_set_description(ed, a, DAIS_TIME_NONE, "", &why));
	/* An occurrence of a series: deleted, the deletion undone, redone. */
	assert_true(edit_delete(ed, occ, orid, &why));
	assert_true(editor_undo(ed, &why));
	assert_true(editor_redo(ed, &why));
	session_init(&fresh);
	fresh.title = xstrdup("塔吉克斯坦 bilateral");
	fresh.start = start + 7200;
	fresh.end = start + 9000;
	fresh.recurrence_id = DAIS_TIME_NONE;
	assert_true(edit_create(ed, &fresh, &made, &why));
	session_free(&fresh);
	assert_true(edit_assign(ed, made, DAIS_TIME_NONE, p->people[0].id,
	                        ROLE_CHAIR, NULL, &why));
	editor_begin_group(ed, "A form");
	assert_true(edit_set_expected(ed, a, DAIS_TIME_NONE, 321, &why));
	assert_true(
	    edit_set_status(ed, a, DAIS_TIME_NONE, SESSION_TENTATIVE, &why));
	editor_end_group(ed);
	assert_true(edit_delete(ed, b, DAIS_TIME_NONE, &why));
	assert_true(editor_undo(ed, &why)); /* b back */
	assert_true(edit_duplicate(ed, a, DAIS_TIME_NONE, NULL, &why));
	free(a);
	free(b);
	free(occ);
	free(made);
}

/* Loads dir afresh and replays its journal; returns the programme's dump. */
static char *
replayed(const char *dir, struct journal_found *f)
{
	struct programme *p = helper_load_ok(dir);
	struct editor *ed = editor_new(p);
	char *why = NULL, *s;

	if (!journal_replay(f, ed, &why))
		fail_msg("replay: %s", why);
	s = dump(p);
	editor_free(ed);
	programme_free(p);
	return s;
}

static void
start(struct ctx *c, struct programme *p)
{
	char *why = NULL;

	memset(c, 0, sizeof *c);
	c->ed = editor_new(p);
	editor_set_uid_seed(c->ed, 42);
	c->j = journal_start(c->ed, &why);
	if (c->j == NULL)
		fail_msg("journal_start: %s", why);
	editor_set_callback(c->ed, on_edit, c);
}

static void
test_replay_gives_the_edited_programme(void **state)
{
	char *dir = helper_copy_example(), *why = NULL, *got, *want;
	struct programme *p = helper_load_ok(dir);
	struct journal_found f;
	struct ctx c;

	(void)state;
	start(&c, p);
	make_edits(&c);
	want = dump(p);
	if (journal_find(dir, &f, &why) != 1)
		fail_msg("journal_find: %s", why);
	assert_int_equal(f.changed.n, 0);
	assert_false(f.torn);
	assert_int_equal(f.nedits, c.nstates);
	assert_true(f.nsessions >= 5);
	assert_non_null(f.user);
	assert_int_equal(f.pid, (long)getpid());
	got = replayed(dir, &f);
	assert_same(got, want);
	free(got);
	free(want);
	journal_found_free(&f);

	/* A clean close removes it; nothing is found afterwards. */
	journal_close(c.j, true);
	assert_int_equal(journal_find(dir, &f, &why), 0);
	editor_free(c.ed);
	ctx_free(&c);
	programme_free(p);
	helper_remove_dir(dir);
}

static off_t
file_size(const char *path)
{
	struct stat st;

	assert_int_equal(stat(path, &st), 0);
	return st.st_size;
}

/*
 * A crash while the last edit was being written: every cut inside it
 * gives the state before it; a cut at its end gives all of them.
 */
static void
test_torn_last_edit_is_left_out(void **state)
{
	char *dir = helper_copy_example(), *why = NULL, *path, *copy;
	struct programme *p = helper_load_ok(dir);
	struct journal_found f;
	struct ctx c;
	off_t before, after, cut;
	const char *title = NULL;
	const char *r = NULL;

	(void)state;
	start(&c, p);
	make_edits(&c);
	path = xasprintf("%s/%s", dir, JOURNAL_NAME);
	before = file_size(path);
	title = p->sessions[0].uid;
	assert_true(edit_set_title(c.ed, title, p->sessions[0].recurrence_id,
	                           "The last edit", &r));
	after = file_size(path);
	assert_true(after > before);
	copy = xasprintf("cp '%s' '%s.full'", path, path);
	assert_int_equal(system(copy), 0);
	free(copy);
	for (cut = before; cut <= after; cut += (after - before) / 7 + 1) {
		char *got;

		copy = xasprintf("cp '%s.full' '%s'", path, path);
		assert_int_equal(system(copy), 0);
		free(copy);
		assert_int_equal(truncate(path, cut), 0);
		if (journal_find(dir, &f, &why) != 1)
			fail_msg("journal_find: %s", why);
		assert_int_equal(f.nedits, c.nstates - 1);
		assert_int_equal(f.torn, cut != before);
		got = replayed(dir, &f);
		assert_same(got, c.states[c.nstates - 2]);
		free(got);
		journal_found_free(&f);
	}
	/* Whole: every edit. */
	copy = xasprintf("cp '%s.full' '%s'", path, path);
	assert_int_equal(system(copy), 0);
	free(copy);
	if (journal_find(dir, &f, &why) != 1)
		fail_msg("journal_find: %s", why);
	assert_int_equal(f.nedits, c.nstates);
	assert_false(f.torn);
	journal_found_free(&f);

	journal_close(c.j, false);
	editor_free(c.ed);
	ctx_free(&c);
	programme_free(p);
	free(path);
	helper_remove_dir(dir);
}

static void
append_to(const char *dir, const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "ab");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(path);
}

/* Files changed since: the journal names them (and the caller keeps it
 * aside); it is kept aside under a new name, and the original is gone. */
static void
test_changed_files_are_named(void **state)
{
	char *dir = helper_copy_example(), *why = NULL, *kept, *path;
	struct programme *p = helper_load_ok(dir);
	struct journal_found f;
	struct ctx c;
	struct stat st;

	(void)state;
	start(&c, p);
	make_edits(&c);
	append_to(dir, "venues.ini", "\n; a comment added by someone\n");
	append_to(dir, p->conf.files.v[1], "\r\n");
	if (journal_find(dir, &f, &why) != 1)
		fail_msg("journal_find: %s", why);
	assert_int_equal(f.changed.n, 2);
	assert_true(strlist_has(&f.changed, "venues.ini"));
	assert_true(strlist_has(&f.changed, p->conf.files.v[1]));
	journal_found_free(&f);

	kept = journal_keep_aside(dir, &why);
	assert_non_null(kept);
	assert_non_null(strstr(kept, "/.dais-journal-kept-"));
	assert_int_equal(stat(kept, &st), 0);
	path = xasprintf("%s/%s", dir, JOURNAL_NAME);
	assert_int_not_equal(stat(path, &st), 0);
	assert_int_equal(journal_find(dir, &f, &why), 0);
	free(path);
	free(kept);

	journal_close(c.j, false);
	editor_free(c.ed);
	ctx_free(&c);
	programme_free(p);
	helper_remove_dir(dir);
}

/*
 * participants.ini changed on disk after dais read it, before the journal
 * started: the journal's fingerprint is of what dais read (what its edits
 * apply to), so the change shows and the edits are not replayed onto it.
 */
static void
test_registry_changed_before_the_journal_is_named(void **state)
{
	char *dir = helper_copy_example(), *why = NULL;
	struct programme *p = helper_load_ok(dir);
	struct journal_found f;
	struct ctx c;

	(void)state;
	assert_non_null(p->registry_text[REGISTRY_FILE_PEOPLE]);
	append_to(dir, "participants.ini", "\n; added by someone\n");
	start(&c, p);
	make_edits(&c);
	if (journal_find(dir, &f, &why) != 1)
		fail_msg("journal_find: %s", why);
	assert_true(strlist_has(&f.changed, "participants.ini"));
	assert_false(strlist_has(&f.changed, "venues.ini"));
	assert_false(f.replayable);
	journal_found_free(&f);

	journal_close(c.j, false);
	editor_free(c.ed);
	ctx_free(&c);
	programme_free(p);
	helper_remove_dir(dir);
}

static void
write_text(const char *dir, const char *text)
{
	char *path = xasprintf("%s/%s", dir, JOURNAL_NAME);
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(path);
}

/* Not a journal, a newer dais's, or one damaged before its last edit:
 * refused with the line, never replayed. */
static void
test_damaged_journal_is_refused(void **state)
{
	char *dir = helper_copy_example(), *why = NULL, *path, *text;
	struct programme *p = helper_load_ok(dir);
	struct journal_found f;
	struct ctx c;
	FILE *fp;
	long n;
	char *at;

	(void)state;
	write_text(dir, "hello\n");
	assert_int_equal(journal_find(dir, &f, &why), -1);
	assert_non_null(strstr(why, ".dais-journal:1: not a dais recovery"));
	free(why);
	why = NULL;
	journal_found_free(&f);
	/* A newer dais's journal is named as such, not as "not a journal". */
	write_text(dir, "DAIS-JOURNAL\t5\nopened\tsomeone\n");
	assert_int_equal(journal_find(dir, &f, &why), -1);
	assert_non_null(strstr(why, ".dais-journal:1: written by a newer dais "
	                            "(journal format 5"));
	free(why);
	why = NULL;
	journal_found_free(&f);

	start(&c, p);
	make_edits(&c);
	path = xasprintf("%s/%s", dir, JOURNAL_NAME);
	fp = fopen(path, "rb");
	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	text = xmalloc((size_t)n + 1);
	assert_int_equal(fread(text, 1, (size_t)n, fp), (size_t)n);
	text[n] = '\0';
	fclose(fp);
	/* Change one letter of the first edit's title. */
	at = strstr(text, "Вступительное");
	assert_non_null(at);
	at[0] = 'X';
	at[1] = 'X';
	write_text(dir, text);
	assert_int_equal(journal_find(dir, &f, &why), -1);
	assert_non_null(strstr(why, "this edit is damaged"));
	free(why);
	journal_found_free(&f);
	free(text);
	free(path);

	journal_close(c.j, false);
	editor_free(c.ed);
	ctx_free(&c);
	programme_free(p);
	helper_remove_dir(dir);
}

/* The fingerprint a journal of this version writes: FNV-1a up to 3
 * (fnv1a, checked against published vectors in test_shared_core), XXH3
 * from 4 on. */
static uint64_t
journal_hash(const char *magic, const void *data, size_t len)
{
	return strcmp(magic, "DAIS-JOURNAL\t4") == 0 ? filehash_bytes(data, len)
	                                             : fnv1a(data, len);
}

/* A journal of `edit_lines` (one edit, put and del lines) after `magic`
 * and `file_lines`, with the fingerprint line dais writes. */
static void
write_journal_files(const char *dir, const char *magic, const char *file_lines,
                    const char *edit_lines)
{
	char *text =
	    xasprintf("%s\nopened\t1793779200\tamal\tsec-laptop-3\t"
	              "4242\n%s%send\t%016" PRIx64 "\n",
	              magic, file_lines, edit_lines,
	              journal_hash(magic, edit_lines, strlen(edit_lines)));

	write_text(dir, text);
	free(text);
}

static void
write_journal(const char *dir, const char *magic, const char *edit_lines)
{
	write_journal_files(dir, magic, "", edit_lines);
}

/* "file<TAB><fingerprint><TAB><name>\n" for dir/name as it is now. */
static char *
file_line(const char *dir, const char *magic, const char *name)
{
	char *path = xasprintf("%s/%s", dir, name), *why = NULL, *line;
	size_t len;
	char *text = fileread_all(path, 1 << 24, &len, &why);

	if (text == NULL)
		fail_msg("%s: %s", path, why);
	line = xasprintf("file\t%016" PRIx64 "\t%s\n",
	                 journal_hash(magic, text, len), name);
	free(text);
	free(path);
	return line;
}

/*
 * A journal from before the field table (version 1: values without tags,
 * in their old order) is still read and replayed; a version 2 line without
 * some tag (written before that field existed) gives that field its
 * initial value; a tag dais does not know is refused.
 */
static void
test_old_and_partial_journals_are_read(void **state)
{
	char *dir = helper_copy_example(), *why = NULL, *lines;
	struct programme *p = helper_load_ok(dir);
	struct editor *ed;
	const struct session *s, *x;
	struct journal_found f;
	char *uid;
	dais_time start, end;

	(void)state;
	uid = xstrdup(p->sessions[0].uid);
	start = p->sessions[0].start;
	end = p->sessions[0].end;
	lines = xasprintf(
	    "edit\t1793779300\tapplied\tRenamed\t1\n"
	    "put\t%s\tnone\tالجلسة الافتتاحية\t\\0\tline\\none\tPLENARY\t"
	    "TENTATIVE\t\\0\tHotel lobby\t%" PRId64 "\t%" PRId64
	    "\t120\t2\tar\t"
	    "ru\t1\tkw-moi\tchair\tMinister of Interior\t4\t0\t12\t1\n",
	    uid, (int64_t)start, (int64_t)end + 600);
	write_journal(dir, "DAIS-JOURNAL\t1", lines);
	free(lines);
	if (journal_find(dir, &f, &why) != 1)
		fail_msg("journal_find (version 1): %s", why);
	assert_int_equal(f.nedits, 1);
	assert_int_equal(f.edits[0].ndeltas, 1);
	x = f.edits[0].deltas[0].after;
	assert_string_equal(x->title, "الجلسة الافتتاحية");
	assert_null(x->description);
	assert_string_equal(x->notes, "line\none");
	assert_int_equal(x->status, SESSION_TENTATIVE);
	assert_null(x->room_id);
	assert_string_equal(x->location, "Hotel lobby");
	assert_int_equal(x->end, end + 600);
	assert_int_equal(x->expected, 120);
	assert_int_equal(x->languages.n, 2);
	assert_int_equal(x->nassign, 1);
	assert_int_equal(x->assign[0].role, ROLE_CHAIR);
	assert_int_equal(x->line, 12);
	assert_true(x->confidential);
	ed = editor_new(p);
	if (!journal_replay(&f, ed, &why))
		fail_msg("replay: %s", why);
	s = editor_session(ed, uid, DAIS_TIME_NONE);
	assert_non_null(s);
	assert_string_equal(s->title, "الجلسة الافتتاحية");
	assert_string_equal(s->location, "Hotel lobby");
	editor_free(ed);
	journal_found_free(&f);

	/* Version 2 without most tags: those fields as a new session has
	 * them. */
	lines = xasprintf("edit\t1793779300\tapplied\tRenamed\t1\n"
	                  "put\tuid\t%s\ttitle\tOnly a title\tstart\t%" PRId64
	                  "\tend\t%" PRId64 "\n",
	                  uid, (int64_t)start, (int64_t)end);
	write_journal(dir, "DAIS-JOURNAL\t2", lines);
	free(lines);
	if (journal_find(dir, &f, &why) != 1)
		fail_msg("journal_find (version 2): %s", why);
	x = f.edits[0].deltas[0].after;
	assert_string_equal(x->title, "Only a title");
	assert_int_equal(x->recurrence_id, DAIS_TIME_NONE);
	assert_int_equal(x->status, SESSION_CONFIRMED);
	assert_int_equal(x->source, -1);
	assert_int_equal(x->nassign, 0);
	journal_found_free(&f);

	/* A field this dais does not know: not a journal it can replay. */
	lines =
	    xasprintf("edit\t1793779300\tapplied\tRenamed\t1\n"
	              "put\tuid\t%s\tno-such-field\thttps://example.org/live\n",
	              uid);
	write_journal(dir, "DAIS-JOURNAL\t2", lines);
	free(lines);
	assert_int_equal(journal_find(dir, &f, &why), -1);
	assert_non_null(strstr(why, ":4: this line is not part of an edit"));
	free(why);
	journal_found_free(&f);

	free(uid);
	programme_free(p);
	helper_remove_dir(dir);
}

/*
 * A journal of version 3 holds FNV-1a fingerprints (of the files and of
 * each edit), version 4 XXH3: each is read with its own, so a journal
 * left by an older dais still finds its files unchanged and its edits
 * whole, and a change to a file still shows. A version 4 journal with an
 * FNV-1a edit fingerprint is damaged.
 */
static void
test_fingerprints_follow_the_version(void **state)
{
	static const char *const magics[] = {"DAIS-JOURNAL\t3",
	                                     "DAIS-JOURNAL\t4"};
	char *dir = helper_copy_example(), *why = NULL, *lines, *files;
	struct programme *p = helper_load_ok(dir);
	const char *ics = p->conf.files.v[0];
	struct journal_found f;
	size_t i;

	(void)state;
	lines = xasprintf("edit\t1793779300\tapplied\tRenamed\t1\n"
	                  "put\tuid\t%s\ttitle\tOnly a title\n",
	                  p->sessions[0].uid);
	for (i = 0; i < 2; i++) {
		char *a = file_line(dir, magics[i], "venues.ini");
		char *b = file_line(dir, magics[i], ics);

		files = xasprintf("%s%s", a, b);
		free(a);
		free(b);
		write_journal_files(dir, magics[i], files, lines);
		if (journal_find(dir, &f, &why) != 1)
			fail_msg("journal_find (%s): %s", magics[i], why);
		assert_int_equal(f.nedits, 1);
		assert_int_equal(f.changed.n, 0);
		assert_true(f.replayable);
		journal_found_free(&f);
		free(files);
	}

	/* The programme file changed since: named, in either version. */
	append_to(dir, ics, "\r\n");
	for (i = 0; i < 2; i++) {
		char *a = file_line(dir, magics[i], "venues.ini");

		files = xasprintf("%sfile\t%016" PRIx64 "\t%s\n", a,
		                  (uint64_t)1, ics);
		free(a);
		write_journal_files(dir, magics[i], files, lines);
		if (journal_find(dir, &f, &why) != 1)
			fail_msg("journal_find (%s): %s", magics[i], why);
		assert_int_equal(f.changed.n, 1);
		assert_true(strlist_has(&f.changed, ics));
		journal_found_free(&f);
		free(files);
	}

	/* Version 4 with an FNV-1a edit fingerprint, followed by another
	 * edit: damaged, not torn. */
	{
		char *text = xasprintf(
		    "DAIS-JOURNAL\t4\nopened\t1793779200\tamal\th\t1\n"
		    "%send\t%016" PRIx64 "\n%send\t%016" PRIx64 "\n",
		    lines, fnv1a(lines, strlen(lines)), lines,
		    filehash_bytes(lines, strlen(lines)));

		write_text(dir, text);
		free(text);
		assert_int_equal(journal_find(dir, &f, &why), -1);
		assert_non_null(strstr(why, "this edit is damaged"));
		free(why);
		journal_found_free(&f);
	}

	free(lines);
	programme_free(p);
	helper_remove_dir(dir);
}

/* After a save the journal holds nothing: what it held is in the files. */
static void
test_restart_after_save(void **state)
{
	char *dir = helper_copy_example(), *why = NULL;
	struct programme *p = helper_load_ok(dir);
	struct diag_list diags = {0};
	struct journal_found f;
	struct ctx c;
	const char *refusal = NULL;

	(void)state;
	start(&c, p);
	make_edits(&c);
	assert_true(programme_save(c.ed, &diags));
	assert_true(journal_restart(c.j, c.ed, &why));
	if (journal_find(dir, &f, &why) != 1)
		fail_msg("journal_find: %s", why);
	assert_int_equal(f.nedits, 0);
	assert_int_equal(f.changed.n, 0);
	journal_found_free(&f);

	/* An edit after the save: only it is in the journal, and it replays
	 * onto the saved files. */
	after_save = true;
	assert_true(edit_set_expected(c.ed, p->sessions[2].uid,
	                              p->sessions[2].recurrence_id, 77,
	                              &refusal));
	if (journal_find(dir, &f, &why) != 1)
		fail_msg("journal_find: %s", why);
	assert_int_equal(f.nedits, 1);
	{
		char *got = replayed(dir, &f), *want = dump(p);

		assert_same(got, want);
		free(got);
		free(want);
	}
	journal_found_free(&f);
	after_save = false;
	diag_clear(&diags);
	free(diags.v);
	journal_close(c.j, true);
	editor_free(c.ed);
	ctx_free(&c);
	programme_free(p);
	helper_remove_dir(dir);
}

/* A journal started while edits are unsaved carries them over whole. */
static void
test_start_carries_unsaved_edits(void **state)
{
	char *dir = helper_copy_example(), *why = NULL, *got, *want;
	struct programme *p = helper_load_ok(dir);
	struct journal_found f;
	struct ctx c;

	(void)state;
	start(&c, p);
	make_edits(&c);
	journal_close(c.j, false);
	c.j = journal_start(c.ed, &why);
	assert_non_null(c.j);
	if (journal_find(dir, &f, &why) != 1)
		fail_msg("journal_find: %s", why);
	assert_int_equal(f.nedits, 1);
	got = replayed(dir, &f);
	want = dump(p);
	assert_same(got, want);
	free(got);
	free(want);
	journal_found_free(&f);
	journal_close(c.j, true);
	editor_free(c.ed);
	ctx_free(&c);
	programme_free(p);
	helper_remove_dir(dir);
}

/* A FIFO where the journal should be is refused at once, not waited on. */
static void
test_fifo_journal_is_refused(void **state)
{
	char tmpl[] = "/tmp/dais-journal-XXXXXX";
	char *dir = xstrdup(mkdtemp(tmpl)), *path, *why = NULL;
	struct journal_found f;

	(void)state;
	path = xasprintf("%s/%s", dir, JOURNAL_NAME);
	assert_int_equal(mkfifo(path, 0600), 0);
	alarm(5); /* a read that waits for a writer fails the test here */
	assert_int_equal(journal_find(dir, &f, &why), -1);
	alarm(0);
	assert_non_null(strstr(why, "FIFO"));
	assert_non_null(strstr(why, JOURNAL_NAME));
	free(why);
	journal_found_free(&f);
	free(path);
	helper_remove_dir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_replay_gives_the_edited_programme),
	    cmocka_unit_test(test_torn_last_edit_is_left_out),
	    cmocka_unit_test(test_changed_files_are_named),
	    cmocka_unit_test(test_registry_changed_before_the_journal_is_named),
	    cmocka_unit_test(test_damaged_journal_is_refused),
	    cmocka_unit_test(test_old_and_partial_journals_are_read),
	    cmocka_unit_test(test_fingerprints_follow_the_version),
	    cmocka_unit_test(test_restart_after_save),
	    cmocka_unit_test(test_start_carries_unsaved_edits),
	    cmocka_unit_test(test_fifo_journal_is_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
