/*
 * test_save_roundtrip.c: every calendar of tests/fixtures/other-clients (as
 * Outlook, Google, Apple, Thunderbird, Evolution write them) loaded as the
 * mini programme's file, one session edited (title, then time) and, where
 * the file has a series, one occurrence retitled; saved and loaded again.
 * The load gives the messages it gave before and nothing new, and only
 * the edited sessions' blocks differ: every other block, and the text
 * around the blocks, is there byte for byte; inside an edited block,
 * every line the edit did not change is kept as it was, in its order. A file
 * the loader refuses is refused again, with the same messages: there is nothing
 * to save.
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
#include <strings.h>

#include "dais/edit.h"
#include "dais/load.h"
#include "dais/save.h"
#include "dais/xalloc.h"
#include "helpers.h"
#include "ics_text.h"

/* The sessions edited: (UID, RECURRENCE-ID). */
struct edited {
	char *uid[2];
	dais_time rid[2];
	size_t n;
};

static bool
edited_uid(const struct edited *e, const char *uid)
{
	size_t i;

	for (i = 0; uid != NULL && i < e->n; i++)
		if (strcmp(e->uid[i], uid) == 0)
			return true;
	return false;
}

/* A message without its line: an edited block may change length, and
 * the messages after it move with it. */
static char *
diag_key(const struct diag *d)
{
	return xasprintf("%d|%s|%s", (int)d->level, d->uid ? d->uid : "",
	                 d->message);
}

static bool
has_key(const struct diag_list *l, const char *key)
{
	size_t i;
	bool found = false;

	for (i = 0; i < l->n && !found; i++) {
		char *k = diag_key(&l->v[i]);

		found = strcmp(k, key) == 0;
		free(k);
	}
	return found;
}

/* Every message of `after` was in `before`; every one of `before` about
 * a session not edited is in `after`. */
static void
same_diags(const char *name, const struct diag_list *before,
           const struct diag_list *after, const struct edited *e)
{
	size_t i;

	for (i = 0; i < after->n; i++) {
		char *k = diag_key(&after->v[i]);

		if (!has_key(before, k))
			fail_msg("%s: a new message after the save: %s", name,
			         k);
		free(k);
	}
	for (i = 0; i < before->n; i++) {
		char *k;

		if (edited_uid(e, before->v[i].uid))
			continue;
		k = diag_key(&before->v[i]);
		if (!has_key(after, k))
			fail_msg("%s: a message lost by the save: %s", name, k);
		free(k);
	}
}

/* A new override leaves its series head as it was: only the block of
 * the very (UID, RECURRENCE-ID) edited may differ. */
static bool
is_edited(const struct edited *e, const struct ics_text_block *b)
{
	size_t i;

	for (i = 0; b->uid != NULL && i < e->n; i++)
		if (strcmp(e->uid[i], b->uid) == 0 && e->rid[i] == b->rid)
			return true;
	return false;
}

/* The text between blocks, joined: the calendar's own lines. */
static char *
outside_blocks(const struct ics_text *t)
{
	struct helper_buf out = {0};
	size_t i, pos = 0;

	for (i = 0; i < t->nblocks; i++) {
		const struct ics_text_block *b = &t->blocks[i];

		helper_buf_add(&out, t->text + pos, b->start - pos);
		pos = b->end;
	}
	helper_buf_add(&out, t->text + pos, t->len - pos);
	helper_buf_add(&out, "", 0);
	return out.v;
}

/* Only the edited blocks differ between before and after. */
static void
only_edited_differ(const char *name, const char *before, const char *after,
                   const struct dais_zone *zone, const struct edited *e)
{
	struct ics_text a, b;
	size_t i, j;
	char *oa, *ob;

	ics_text_split(&a, before, strlen(before), zone);
	ics_text_split(&b, after, strlen(after), zone);
	for (i = 0; i < a.nblocks; i++) {
		const struct ics_text_block *x = &a.blocks[i];
		size_t len = x->end - x->start;
		bool kept = false;

		if (is_edited(e, x))
			continue;
		for (j = 0; j < b.nblocks && !kept; j++)
			kept = b.blocks[j].end - b.blocks[j].start == len &&
			       memcmp(after + b.blocks[j].start,
			              before + x->start, len) == 0;
		if (!kept)
			fail_msg("%s: the block at line %d changed, but its "
			         "session was not edited",
			         name, x->line);
	}
	for (j = 0; j < b.nblocks; j++) {
		const struct ics_text_block *y = &b.blocks[j];
		size_t len = y->end - y->start;
		bool old = false;

		if (is_edited(e, y))
			continue;
		/* dais adds the conference zone to a file without it. */
		if (y->vtimezone && y->tzid != NULL &&
		    strcmp(y->tzid, zone->name) == 0 &&
		    !ics_text_has_zone(&a, zone->name))
			continue;
		for (i = 0; i < a.nblocks && !old; i++)
			old = a.blocks[i].end - a.blocks[i].start == len &&
			      memcmp(before + a.blocks[i].start,
			             after + y->start, len) == 0;
		if (!old)
			fail_msg("%s: a new block at line %d of the saved "
			         "file",
			         name, y->line);
	}
	oa = outside_blocks(&a);
	ob = outside_blocks(&b);
	if (strcmp(oa, ob) != 0)
		fail_msg("%s: the calendar's own lines changed:\n%s\n---\n%s",
		         name, oa, ob);
	free(oa);
	free(ob);
	ics_text_free(&a);
	ics_text_free(&b);
}

/* The physical lines of one property (its folded continuations too) of
 * the block's text, each a string; names that the edits change left out. */
static void
kept_lines(const char *text, const struct ics_text_block *b,
           struct helper_buf *out)
{
	/* What a retitle and a move rewrite, and what a save renews. */
	static const char *const changed[] = {
	    "SUMMARY", "DTSTART",       "DTEND",    "DURATION",
	    "DTSTAMP", "LAST-MODIFIED", "SEQUENCE",
	};
	const char *at = text + b->start, *end = text + b->end;
	bool skip = false;

	while (at < end) {
		const char *nl = memchr(at, '\n', (size_t)(end - at));
		const char *next = nl != NULL ? nl + 1 : end;
		size_t i;

		if (*at != ' ' && *at != '\t') {
			skip = false;
			for (i = 0; i < sizeof changed / sizeof changed[0];
			     i++) {
				size_t n = strlen(changed[i]);

				if (strncasecmp(at, changed[i], n) == 0 &&
				    (at[n] == ':' || at[n] == ';'))
					skip = true;
			}
		}
		if (!skip)
			helper_buf_add(out, at, (size_t)(next - at));
		at = next;
	}
	helper_buf_add(out, "", 0);
}

/*
 * In an edited block, every line of a property the edit did not change is
 * kept byte for byte (its folding and line end) and in its order: a diff
 * shows only the lines that changed (issue 14 item 13).
 */
static void
edited_lines_kept(const char *name, const char *before, const char *after,
                  const struct dais_zone *zone, const struct edited *e)
{
	struct ics_text a, b;
	size_t i, j;

	ics_text_split(&a, before, strlen(before), zone);
	ics_text_split(&b, after, strlen(after), zone);
	for (i = 0; i < a.nblocks; i++) {
		const struct ics_text_block *x = &a.blocks[i];

		if (!is_edited(e, x))
			continue;
		for (j = 0; j < b.nblocks; j++) {
			const struct ics_text_block *y = &b.blocks[j];
			struct helper_buf was = {0}, now = {0};

			if (y->uid == NULL || strcmp(y->uid, x->uid) != 0 ||
			    y->rid != x->rid)
				continue;
			kept_lines(before, x, &was);
			kept_lines(after, y, &now);
			if (strcmp(was.v, now.v) != 0) {
				const char *w = was.v, *n = now.v;
				const char *wl = w, *nl = n;

				/* Name the first line that differs. */
				for (; *w != '\0' && *w == *n; w++, n++)
					if (*w == '\n') {
						wl = w + 1;
						nl = n + 1;
					}
				fail_msg("%s: the edited block at line %d "
				         "rewrote lines the edit did not "
				         "change: was\n%.200s\nnow\n%.200s",
				         name, x->line, wl, nl);
			}
			free(was.v);
			free(now.v);
		}
	}
	ics_text_free(&a);
	ics_text_free(&b);
}

/*
 * Edits one plain session (title and time) and one occurrence. What is
 * needed of them is copied first: an edit may move the programme's
 * sessions (a new start re-sorts them).
 */
static void
edit_some(const char *name, struct editor *ed, const struct programme *p,
          struct edited *e)
{
	char *title[2] = {NULL, NULL};
	dais_time start = 0, step = 15 * 60;
	const char *why = NULL;
	size_t i, plain = 2; /* index into e of the plain session */
	size_t first_plain = p->nsessions, last_occ = p->nsessions;

	/* The first plain session, and the last occurrence: in the
	 * fixtures, one moved by the other client (an override). */
	for (i = 0; i < p->nsessions; i++) {
		if (p->sessions[i].recurrence_id == DAIS_TIME_NONE) {
			if (first_plain == p->nsessions)
				first_plain = i;
		} else {
			last_occ = i;
		}
	}
	for (i = 0; i < p->nsessions; i++) {
		const struct session *s = &p->sessions[i];

		if (i != first_plain && i != last_occ)
			continue;
		if (i == first_plain) {
			plain = e->n;
			start = s->start;
			/* An all-day item has no hours: it moves by days. */
			step = s->all_day ? 24 * 60 * 60 : 15 * 60;
		}
		e->uid[e->n] = xstrdup(s->uid);
		e->rid[e->n] = s->recurrence_id;
		title[e->n++] = xasprintf("%s (edited)", s->title);
	}
	for (i = 0; i < e->n; i++)
		if (!edit_set_title(ed, e->uid[i], e->rid[i], title[i], &why))
			fail_msg("%s: retitling %s was refused: %s", name,
			         e->uid[i], why);
	if (plain < 2 &&
	    !edit_move(ed, e->uid[plain], DAIS_TIME_NONE, start + step, &why))
		fail_msg("%s: moving %s was refused: %s", name, e->uid[plain],
		         why);
	free(title[0]);
	free(title[1]);
}

static void
round_trip(const char *name)
{
	const char *fixtures = getenv("FIXTURES");
	char *from = xasprintf("%s/other-clients/%s", fixtures, name);
	char *ics = helper_slurp(from, NULL);
	char *dir = helper_copy_programme("mini", ics);
	char *path = xasprintf("%s/programme/sessions.ics", dir);
	struct diag_list before = {0}, after = {0}, saving = {0};
	struct programme *p = programme_load(dir, &before), *q;
	struct edited e = {0};
	struct editor *ed;
	char *text;

	if (diag_count(&before, DIAG_ERROR) > 0) {
		/* Refused: nothing to edit; refused the same way again. */
		q = programme_load(dir, &after);
		same_diags(name, &before, &after, &e);
		assert_int_equal(before.n, after.n);
		programme_free(q);
		goto out;
	}
	ed = editor_new(p);
	edit_some(name, ed, p, &e);
	assert_true(e.n > 0);
	if (!programme_save(ed, &saving))
		fail_msg("%s: the save failed: %s", name, saving.v[0].message);
	text = helper_slurp(path, NULL);
	only_edited_differ(name, ics, text, &p->conf.zone, &e);
	edited_lines_kept(name, ics, text, &p->conf.zone, &e);
	q = programme_load(dir, &after);
	assert_int_equal(diag_count(&after, DIAG_ERROR), 0);
	same_diags(name, &before, &after, &e);
	assert_int_equal(q->nsessions, p->nsessions);
	programme_free(q);
	editor_free(ed);
	free(text);
	while (e.n > 0)
		free(e.uid[--e.n]);
out:
	diag_clear(&before);
	diag_clear(&after);
	diag_clear(&saving);
	programme_free(p);
	helper_remove_dir(dir);
	free(path);
	free(ics);
	free(from);
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
test_every_other_client(void **state)
{
	char *dirname = xasprintf("%s/other-clients", getenv("FIXTURES"));
	DIR *d = opendir(dirname);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0, i;

	(void)state;
	setenv("SOURCE_DATE_EPOCH", "1793000000", 1);
	assert_non_null(d);
	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);

		if (len > 4 && strcmp(de->d_name + len - 4, ".ics") == 0) {
			XGROW(names, n, cap);
			names[n++] = xstrdup(de->d_name);
		}
	}
	closedir(d);
	qsort(names, n, sizeof *names, by_name);
	/* All of them: a fixture added later is covered too. */
	assert_true(n >= 12);
	for (i = 0; i < n; i++) {
		round_trip(names[i]);
		free(names[i]);
	}
	free(names);
	free(dirname);
}

/* Component and property names are whole names, as the loader reads them:
 * a block the loader does not take for a VEVENT is none for the saver. */
static void
test_block_names_are_whole(void **state)
{
	const char *text = "BEGIN:VCALENDAR\r\n"
	                   "VERSION:2.0\r\n"
	                   "BEGIN:VEVENTX\r\n"
	                   "UID:not-an-event\r\n"
	                   "END:VEVENTX\r\n"
	                   "BEGIN:VEVENT\r\n"
	                   "UID:real\r\n"
	                   "RRULEX:FREQ=DAILY\r\n"
	                   "RECURRENCE-IDX:20261104T090000Z\r\n"
	                   "DTSTART:20261104T090000Z\r\n"
	                   "END:VEVENT\r\n"
	                   "begin:vevent \r\n"
	                   "uid;x-note=1:lower\r\n"
	                   "RRULE:FREQ=DAILY;COUNT=2\r\n"
	                   "DTSTART:20261104T090000Z\r\n"
	                   "end:vevent\r\n"
	                   "END:VCALENDAR\r\n";
	struct ics_text t;

	(void)state;
	ics_text_split(&t, text, strlen(text), NULL);
	assert_true(t.well_formed);
	assert_int_equal(t.nblocks, 3);
	assert_false(t.blocks[0].vevent);
	assert_null(t.blocks[0].uid);
	assert_true(t.blocks[1].vevent);
	assert_string_equal(t.blocks[1].uid, "real");
	assert_false(t.blocks[1].master);
	assert_null(t.blocks[1].rid_text);
	assert_true(t.blocks[2].vevent);
	assert_string_equal(t.blocks[2].uid, "lower");
	assert_true(t.blocks[2].master);
	ics_text_free(&t);
}

/*
 * Retitling the example's opening plenary changes its SUMMARY line and
 * the stamps a save renews, nothing else: its folded description, notes
 * and attendees stay as they were, where they were.
 */
static void
test_retitle_changes_only_its_lines(void **state)
{
	char *dir = helper_copy_example(), *cmd, *diff, *line, *save;
	char *path = xasprintf("%s/programme/plenary.ics", dir);
	struct diag_list diags = {0};
	struct programme *p = helper_load_ok(dir);
	struct editor *ed = editor_new(p);
	const char *why = NULL;
	size_t n = 0;

	(void)state;
	cmd = xasprintf("cp '%s' '%s.orig'", path, path);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	assert_true(
	    edit_set_title(ed, "d1-opening@kuwait-2026.dushanbe-process",
	                   DAIS_TIME_NONE, "Opening plenary (retitled)", &why));
	assert_true(programme_save(ed, &diags));
	cmd =
	    xasprintf("diff --unchanged-line-format= --old-line-format='-%%L' "
	              "--new-line-format='+%%L' '%s.orig' '%s' >'%s.diff'",
	              path, path, path);
	assert_int_not_equal(system(cmd), -1);
	free(cmd);
	cmd = xasprintf("%s.diff", path);
	diff = helper_slurp(cmd, NULL);
	free(cmd);
	for (line = strtok_r(diff, "\n", &save); line != NULL;
	     line = strtok_r(NULL, "\n", &save)) {
		n++;
		if (strncmp(line + 1, "SUMMARY:", 8) != 0 &&
		    strncmp(line + 1, "DTSTAMP:", 8) != 0 &&
		    strncmp(line + 1, "LAST-MODIFIED:", 14) != 0)
			fail_msg("the save changed a line the edit did not: "
			         "%s",
			         line);
	}
	/* SUMMARY, DTSTAMP and LAST-MODIFIED, each replaced in place. */
	assert_int_equal(n, 6);
	free(diff);
	diag_clear(&diags);
	editor_free(ed);
	programme_free(p);
	free(path);
	helper_remove_dir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_other_client),
	    cmocka_unit_test(test_block_names_are_whole),
	    cmocka_unit_test(test_retitle_changes_only_its_lines),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
