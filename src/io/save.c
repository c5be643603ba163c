/*
 * save.c: an edited programme back into its .ics files. A file is split
 * into its top-level blocks as text (ics_text.c, as the loader reads it,
 * so a block is found by the same UID and RECURRENCE-ID); a block whose
 * session did not change is written back byte for byte, a changed one is
 * regenerated (save_event.c); deleted sessions' blocks are left out and
 * new sessions are appended to the new-sessions file. So what dais does
 * not understand survives, and a diff shows only edited sessions.
 */
#include "dais/save.h"

#include <errno.h>
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "dais/atomicfile.h"
#include "dais/changeset.h"
#include "dais/edit.h"
#include "dais/filehash.h"
#include "dais/journal.h"
#include "dais/sources.h"
#include "dais/fileread.h"
#include "dais/strbuf.h"
#include "dais/xalloc.h"
#include "ics_internal.h"
#include "save_internal.h"

/* The file's bytes, read by fileread (a FIFO or device where the file
 * should be is refused, not read); *why says why not. */
char *
save_read_whole(const char *path, size_t *len, char **why)
{
	char *cause = NULL;
	char *text = fileread_all(path, 0, len, &cause);

	if (text == NULL) {
		*why = xasprintf("cannot read the file: %s", cause);
		free(cause);
	}
	return text;
}

static const struct changeset_entry *
plan_find(const struct changeset_file *plan, const char *uid, dais_time rid)
{
	size_t i;

	for (i = 0; i < plan->n; i++)
		if (plan->v[i].recurrence_id == rid &&
		    strcmp(plan->v[i].uid, uid) == 0)
			return &plan->v[i];
	return NULL;
}

/* The conference zone's VTIMEZONE (ics_zone_vtimezone), as text. */
static void
zone_text(const struct programme *p, struct strbuf *o)
{
	char *ser = ics_zone_vtimezone_text(p->conf.zone.name);

	if (ser != NULL)
		strbuf_addstr(o, ser);
	free(ser);
}

/* A new file for sessions made in dais: the calendar and its zone. */
static void
new_calendar_text(const struct programme *p, struct strbuf *o)
{
	strbuf_addstr(o, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
	                 "PRODID:-//dais//dais " DAIS_VERSION "//EN\r\n"
	                 "CALSCALE:GREGORIAN\r\n");
	zone_text(p, o);
	strbuf_addstr(o, "END:VCALENDAR\r\n");
}

/* Whether the plan writes any event (rather than only removing some). */
static bool
plan_writes(const struct changeset_file *plan)
{
	size_t i;

	for (i = 0; i < plan->n; i++)
		if (plan->v[i].kind != EDIT_CHANGE_DELETED)
			return true;
	return false;
}

/*
 * The new bytes of a file: `text` (len bytes; owned, freed here; NULL for
 * a new calendar) with the plan applied: kept blocks as they were,
 * changed ones regenerated, deleted ones left out, new sessions (and
 * overrides of occurrences that had none) before END:VCALENDAR.
 */
bool
save_splice_text(const struct programme *p, const struct changeset_file *plan,
                 char *text, size_t len, struct strbuf *result, char **why)
{
	struct ics_text ft;
	struct strbuf out = {0}, tail = {0};
	struct strbuf fresh = {0}, zone = {0};
	bool *handled, ok = false;
	size_t i, pos = 0;

	if (text == NULL) {
		new_calendar_text(p, &fresh);
		text = fresh.v;
		len = fresh.n;
		fresh.v = NULL;
	}
	ics_text_split(&ft, text, len, &p->conf.zone);
	handled = xcalloc(plan->n + 1, sizeof *handled);
	/*
	 * Events dais writes say TZID=<conference zone>; a file without that
	 * VTIMEZONE (Google's exports use UTC) would not be valid RFC 5545,
	 * so it gets one, before its first component.
	 */
	if (plan_writes(plan) && !ics_text_has_zone(&ft, p->conf.zone.name))
		zone_text(p, &zone);

	for (i = 0; i < ft.nblocks; i++) {
		const struct ics_text_block *b = &ft.blocks[i];
		struct strlist exdates = {0};
		const struct changeset_entry *ch;
		const struct session *cur;
		size_t k;

		strbuf_add(&out, ft.text + pos, b->start - pos);
		if (i == 0 && zone.n > 0)
			strbuf_add(&out, zone.v, zone.n);
		pos = b->end;
		if (!b->vevent || b->uid == NULL) {
			strbuf_add(&out, ft.text + b->start, b->end - b->start);
			continue;
		}
		/* A series head: deleted occurrences become EXDATEs. */
		if (b->master && b->rid == DAIS_TIME_NONE) {
			for (k = 0; k < plan->n; k++) {
				ch = &plan->v[k];
				if (strcmp(ch->uid, b->uid) == 0 &&
				    ch->recurrence_id != DAIS_TIME_NONE &&
				    ch->kind == EDIT_CHANGE_DELETED) {
					char *line;

					handled[k] = true;
					if (ics_text_excludes(
					        &ft, b, ch->recurrence_id))
						continue;
					line = save_exdate_line(
					    p, ch->recurrence_id);
					strlist_add(&exdates, line);
					free(line);
				}
			}
		}
		ch = plan_find(plan, b->uid, b->rid);
		if (ch == NULL && exdates.n == 0) {
			strbuf_add(&out, ft.text + b->start, b->end - b->start);
			continue;
		}
		for (k = 0; ch != NULL && k < plan->n; k++)
			if (&plan->v[k] == ch)
				handled[k] = true;
		/* A series head has no session of its own: only EXDATEs. */
		cur = ch != NULL ? ch->now : NULL;
		if (ch != NULL && ch->kind == EDIT_CHANGE_DELETED &&
		    b->rid == DAIS_TIME_NONE) {
			strlist_clear(&exdates);
			continue; /* the session is gone: leave its block out */
		}
		if (!save_event_text(p, cur, ch ? ch->saved : NULL, ft.text, b,
		                     &exdates, &out, why)) {
			strlist_clear(&exdates);
			goto done;
		}
		strlist_clear(&exdates);
	}
	strbuf_add(&out, ft.text + pos, ft.calendar_end - pos);
	if (ft.nblocks == 0 && zone.n > 0)
		strbuf_add(&out, zone.v, zone.n);

	/* New sessions, and overrides of occurrences with no block yet. */
	for (i = 0; i < plan->n; i++) {
		const struct changeset_entry *ch = &plan->v[i];
		const struct ics_text_block *series;
		const struct session *cur;
		size_t k;

		if (handled[i] || ch->kind == EDIT_CHANGE_DELETED)
			continue;
		cur = ch->now;
		if (cur == NULL)
			continue;
		series = NULL;
		for (k = 0; cur->recurrence_id != DAIS_TIME_NONE &&
		            series == NULL && k < ft.nblocks;
		     k++)
			if (ft.blocks[k].vevent && ft.blocks[k].master &&
			    ft.blocks[k].rid == DAIS_TIME_NONE &&
			    ft.blocks[k].uid != NULL &&
			    strcmp(ft.blocks[k].uid, cur->uid) == 0)
				series = &ft.blocks[k];
		if (series != NULL
		        ? !save_override_text(p, cur, ch->saved, &ft, series,
		                              &tail, why)
		        : !save_event_text(p, cur, ch->saved, ft.text, NULL,
		                           NULL, &tail, why))
			goto done;
	}
	if (tail.n > 0)
		strbuf_add(&out, tail.v, tail.n);
	strbuf_add(&out, ft.text + ft.calendar_end, ft.len - ft.calendar_end);
	if (out.v == NULL)
		strbuf_add(&out, "", 0);
	*result = out;
	out = (struct strbuf){0};
	ok = true;
done:
	free(handled);
	free(out.v);
	free(tail.v);
	free(zone.v);
	ics_text_free(&ft);
	free(text);
	return ok;
}

/* Whether a calendar's text holds any component but a VTIMEZONE. */
static bool
holds_components(const struct programme *p, const struct strbuf *b)
{
	struct ics_text ft;
	bool any = false;
	size_t i;

	ics_text_split(&ft, b->v, b->n, &p->conf.zone);
	for (i = 0; i < ft.nblocks && !any; i++)
		any = !ft.blocks[i].vtimezone;
	ics_text_free(&ft);
	return any;
}

/* One file of a save, made in memory before anything is written. */
struct prepared {
	int index;
	char *path;
	struct strbuf bytes;
	uint64_t expect;  /* what the file holds now; 0: it does not exist */
	uint64_t written; /* the hash of bytes; 0 when it is removed */
	bool again, record;
	bool remove; /* a file of its own whose last event went */
};

/* "X was changed by another program ...": why a file is not written. */
static char *
changed_why(const char *path, bool again)
{
	return again ? xasprintf("%s changed again since dais compared it, so "
	                         "dais did not overwrite it (save again to "
	                         "see the new changes)",
	                         path)
	             : xasprintf("%s was changed by another program or "
	                         "organiser since dais read it, so dais did "
	                         "not overwrite it (save again to merge, "
	                         "reload or save a copy)",
	                         path);
}

/*
 * Makes the new bytes of file `t->index`, refused unless the file's
 * bytes hash to `t->expect` (0: the file must not exist), so nobody's
 * change is overwritten. False with *why.
 */
static bool
prepare(const struct programme *p, const struct changeset_file *plan,
        struct prepared *t, char **why)
{
	char *text = NULL;
	size_t len = 0;
	bool check = p->file_hash != NULL;
	struct stat st;
	int stat_err = stat(t->path, &st) == 0 ? 0 : errno;

	if (stat_err == 0) {
		text = save_read_whole(t->path, &len, why);
		if (text == NULL)
			return false;
		if (check && filehash_bytes(text, len) != t->expect) {
			*why = changed_why(t->path, t->again);
			free(text);
			return false;
		}
		if (!check)
			t->expect = filehash_bytes(text, len);
	} else if (stat_err != ENOENT && stat_err != ENOTDIR) {
		/* A directory closed to dais is not a deleted file: say why. */
		*why =
		    xasprintf("cannot read the file: %s", strerror(stat_err));
		return false;
	} else if (check && t->expect != 0) {
		*why = xasprintf("%s was deleted or moved since dais read it, "
		                 "so dais did not write it again",
		                 t->path);
		return false;
	} else {
		t->expect = 0;
	}
	if (!save_splice_text(p, plan, text, len, &t->bytes, why))
		return false;
	t->written = filehash_bytes(t->bytes.v, t->bytes.n);
	/* A file a directory or glob entry found goes with its last event,
	 * as khal and vdirsyncer remove an event's file: an empty calendar
	 * left behind would be read back as nothing, but stay in the way. */
	if (t->expect != 0 &&
	    sources_is_member(&p->conf, p->conf.files.v[t->index]) &&
	    !holds_components(p, &t->bytes)) {
		t->remove = true;
		t->written = 0;
	}
	return true;
}

/* Puts the prepared bytes in place (atomicfile_write_over). */
static bool
put_in_place(struct editor *ed, struct prepared *t, char **why)
{
	bool changed = false;
	bool done =
	    t->remove
	        ? atomicfile_remove_over(t->path, t->expect, &changed, why)
	        : atomicfile_write_over(t->path, t->bytes.v, t->bytes.n,
	                                t->expect, &changed, why);

	if (!done) {
		size_t n = strlen(t->path);

		if (changed) {
			free(*why);
			*why = changed_why(t->path, t->again);
		} else if (strncmp(*why, t->path, n) == 0 &&
		           strncmp(*why + n, ": ", 2) == 0) {
			/* The diagnostic names the file; the cause after
			 * atomicfile's "path: " is what a narrow status line
			 * must show. */
			memmove(*why, *why + n + 2, strlen(*why + n + 2) + 1);
		}
		return false;
	}
	if (t->record && editor_programme(ed)->file_hash != NULL)
		editor_set_file_hash(ed, (size_t)t->index, t->written);
	return true;
}

/* What went wrong only: what it means for the edits is the front end's
 * to say (the planner keeps them; dais schedule has ended). */
static void
fail_file(struct diag_list *diags, const char *path, char *why)
{
	diag_add(diags, DIAG_ERROR, path, 0, NULL, "%s",
	         why ? why : "could not save");
	free(why);
}

/*
 * Every file the plan changes is made in memory first; then, when there
 * is a journal, the save's intent (each file's fingerprint before and
 * after) is forced to disk; then each file is put in place. A crash
 * anywhere in between leaves each file old or new, and the journal says
 * which is which (journal_recover.c).
 */
bool
save_files(struct editor *ed, const struct changeset *cs,
           const struct save_target *targets, struct journal *j,
           struct diag_list *diags)
{
	const struct programme *p = editor_programme(ed);
	struct prepared *v = xcalloc(cs->nfiles + 1, sizeof *v);
	struct journal_saving *intent = xcalloc(cs->nfiles + 1, sizeof *intent);
	size_t i, n = 0;
	bool ok = true;
	char *why = NULL;

	for (i = 0; i < cs->nfiles; i++) {
		struct prepared *t = &v[n];

		if (cs->files[i].n == 0)
			continue;
		t->index = (int)i;
		t->path = xasprintf("%s/%s", p->dir, p->conf.files.v[i]);
		t->expect = targets[i].expect;
		t->again = targets[i].again;
		t->record = targets[i].record;
		if (!prepare(p, &cs->files[i], t, &why)) {
			fail_file(diags, t->path, why);
			why = NULL;
			free(t->path);
			strbuf_free(&t->bytes);
			memset(t, 0, sizeof *t);
			ok = false;
			continue;
		}
		intent[n].name = p->conf.files.v[i];
		intent[n].before = t->expect;
		intent[n].after = t->written;
		n++;
	}
	/* Without its intent on disk a crash mid-save would lose edits of
	 * the files not yet written; the files are still written, as they
	 * would be with no journal at all. */
	if (j != NULL && n > 0 && !journal_save_intent(j, intent, n, &why)) {
		free(why);
		why = NULL;
	}
	for (i = 0; i < n; i++) {
		if (!put_in_place(ed, &v[i], &why)) {
			fail_file(diags, v[i].path, why);
			why = NULL;
			ok = false;
		}
		free(v[i].path);
		strbuf_free(&v[i].bytes);
	}
	free(v);
	free(intent);
	return ok;
}

bool
programme_save_recoverable(struct editor *ed, struct journal *j,
                           struct diag_list *diags)
{
	const struct programme *p = editor_programme(ed);
	struct save_target *targets;
	struct changeset cs;
	size_t i;
	bool ok;

	if (changeset_build(ed, &cs) == 0) {
		changeset_free(&cs);
		return true;
	}
	targets = xcalloc(cs.nfiles + 1, sizeof *targets);
	for (i = 0; i < cs.nfiles; i++) {
		targets[i].expect = p->file_hash ? p->file_hash[i] : 0;
		targets[i].record = true;
	}
	ok = save_files(ed, &cs, targets, j, diags);
	free(targets);
	changeset_free(&cs);
	if (ok)
		editor_mark_saved(ed);
	return ok;
}

bool
programme_save(struct editor *ed, struct diag_list *diags)
{
	return programme_save_recoverable(ed, NULL, diags);
}
