/*
 * external.c: a save that finds programme files changed by somebody else
 * since dais read them (save_analyse). The dialog names the sessions that
 * differ and offers to merge (when no session was changed on both sides),
 * to reload (the user's version written aside first), or to save the
 * user's version under another name. Nothing is overwritten silently.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dais/journal.h"
#include "dais/load.h"
#include "dais/save.h"
#include "dais/strbuf.h"
#include "dais/textwidth.h"
#include "dais/machine.h"
#include "dais/xalloc.h"
#include "planner.h"
#include "sync.h"

/* Titles in the dialog are cut to this many columns. */
#define TITLE_COLUMNS 40
/* Up to this many sessions of a file are named; past it, counted. */
#define NAMED_SESSIONS 3
/* Up to this many files are described; past it, counted. */
#define NAMED_FILES 4

static void
quoted_title(struct strbuf *t, const char *title)
{
	char *cut = text_truncate(title, TITLE_COLUMNS);

	strbuf_addf(t, "'%s'", cut);
	free(cut);
}

/* "moved", "retitled and room changed" ... */
static void
what_changed(struct strbuf *t, unsigned fields)
{
	static const struct {
		unsigned bit;
		const char *word;
	} words[] = {
	    {SAVE_FIELD_TIME, "moved"},
	    {SAVE_FIELD_ROOM, "room changed"},
	    {SAVE_FIELD_TITLE, "retitled"},
	    {SAVE_FIELD_STATUS, "status changed"},
	    {SAVE_FIELD_PEOPLE, "people changed"},
	    {SAVE_FIELD_OTHER, "details changed"},
	};
	size_t i, said = 0, total = 0;

	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		if (fields & words[i].bit)
			total++;
	for (i = 0; i < sizeof words / sizeof words[0]; i++) {
		if (!(fields & words[i].bit))
			continue;
		strbuf_addf(t, "%s%s",
		            said == 0           ? ""
		            : said + 1 == total ? " and "
		                                : ", ",
		            words[i].word);
		said++;
	}
	if (total == 0)
		strbuf_addf(t, "changed");
}

/* One file's sentence: what changed in it, and whether the user did too. */
static void
describe_file(struct strbuf *t, const struct save_file_diff *fd)
{
	const struct save_session_diff *first = NULL;
	size_t i, modified = 0, added = 0, removed = 0;
	bool listed = fd->state == SAVE_FILE_CHANGED && fd->n <= NAMED_SESSIONS;

	for (i = 0; i < fd->n; i++) {
		if (fd->v[i].overlap && first == NULL)
			first = &fd->v[i];
		if (fd->v[i].kind == SAVE_DISK_MODIFIED)
			modified++;
		else if (fd->v[i].kind == SAVE_DISK_ADDED)
			added++;
		else
			removed++;
	}
	switch (fd->state) {
	case SAVE_FILE_DELETED:
		strbuf_addf(t,
		            "%s was deleted or moved (it held %zu session%s)",
		            fd->name, fd->before_count,
		            fd->before_count == 1 ? "" : "s");
		break;
	case SAVE_FILE_UNREADABLE:
		strbuf_addf(t, "%s cannot be read now: %s", fd->name,
		            fd->why ? fd->why : "unknown cause");
		break;
	case SAVE_FILE_CHANGED:
		if (fd->n == 0) {
			strbuf_addf(t,
			            "%s changed on disk, in nothing dais reads "
			            "(alarms, other programs' properties)",
			            fd->name);
			break;
		}
		strbuf_addf(t, "%s changed on disk: ", fd->name);
		if (fd->n <= NAMED_SESSIONS) {
			for (i = 0; i < fd->n; i++) {
				const struct save_session_diff *d = &fd->v[i];

				if (i > 0)
					strbuf_addf(t, ", ");
				quoted_title(t, d->title);
				strbuf_addf(t, " ");
				if (d->kind == SAVE_DISK_MODIFIED)
					what_changed(t, d->fields);
				else
					strbuf_addf(t, "%s",
					            d->kind == SAVE_DISK_ADDED
					                ? "added"
					                : "removed");
				strbuf_addf(t, "%s",
				            d->overlap ? " (you changed it too)"
				            : d->yours ? " (as you did)"
				                       : " (theirs)");
			}
		} else {
			const char *sep = "";

			if (modified > 0) {
				strbuf_addf(t, "%zu changed", modified);
				sep = ", ";
			}
			if (added > 0) {
				strbuf_addf(t, "%s%zu added", sep, added);
				sep = ", ";
			}
			if (removed > 0)
				strbuf_addf(t, "%s%zu removed", sep, removed);
		}
		break;
	}
	/* Named sessions say "(you changed it too)" each; counted ones
	 * need the sentence. */
	if (fd->n == 0)
		strbuf_addf(t, ".");
	else if (fd->overlaps == 0)
		strbuf_addf(t, fd->n == 1
		                   ? "; it is not one you changed."
		                   : "; none of them is one you changed.");
	else if (listed)
		strbuf_addf(t, ".");
	else if (fd->overlaps == 1) {
		strbuf_addf(t, "; you changed ");
		quoted_title(t, first->title);
		strbuf_addf(t, " too.");
	} else {
		strbuf_addf(t, "; you changed ");
		quoted_title(t, first->title);
		strbuf_addf(t, " and %zu more of them too.", fd->overlaps - 1);
	}
	if (fd->state == SAVE_FILE_CHANGED && fd->why != NULL)
		strbuf_addf(t, " It does not load as it is now: %s.", fd->why);
}

static bool external_answers(struct planner *pl, int key);
static void external_answered(struct planner *pl, int key);

void
external_close(struct planner *pl)
{
	if (pl->external == NULL)
		return;
	save_analysis_free(pl->external);
	free(pl->external);
	pl->external = NULL;
}

bool
external_offer(struct planner *pl)
{
	struct save_analysis *a = xcalloc(1, sizeof *a);
	struct strbuf t = {0};
	bool dirty = editor_dirty(pl->ed);
	char *why = NULL;
	size_t i;

	if (save_analyse(pl->ed, a) == 0) {
		save_analysis_free(a);
		free(a);
		return false;
	}
	external_close(pl);
	pl->external = a;
	strbuf_addf(&t, "%s: %zu file%s changed on disk since dais read %s.\n",
	            dirty ? "Not saved yet" : "No edits of yours to save", a->n,
	            a->n == 1 ? "" : "s", a->n == 1 ? "it" : "them");
	for (i = 0; i < a->n && i < NAMED_FILES; i++) {
		describe_file(&t, &a->files[i]);
		strbuf_addf(&t, "\n");
	}
	if (a->n > NAMED_FILES)
		strbuf_addf(&t, "... and %zu more files.\n",
		            a->n - NAMED_FILES);
	if (!dirty)
		strbuf_addf(&t,
		            "m or r: load their changes · Esc: keep the screen "
		            "as it is");
	else if (save_can_merge(a, &why))
		strbuf_addf(&t,
		            "m merge · r reload (yours kept aside) · a save "
		            "as · Esc cancel");
	else
		strbuf_addf(
		    &t,
		    "No merge: %s.\nr reload (yours kept aside) · a save "
		    "as · Esc cancel",
		    why);
	free(why);
	confirm_open(pl, t.v, external_answers, external_answered);
	free(t.v);
	return true;
}

/* The first error of diags (or a stand-in), formatted; caller frees. */
static char *
first_problem(const struct diag_list *diags, const char *otherwise)
{
	size_t i;

	for (i = 0; i < diags->n; i++)
		if (diags->v[i].level == DIAG_ERROR)
			return diag_format(&diags->v[i]);
	return xstrdup(otherwise);
}

/*
 * Loads the programme from disk again and puts it on screen, saying `done`
 * (and whether loading warned). False, with the reason in the status line
 * after `failed`, when it does not load: the screen keeps what it had.
 */
static bool
reload(struct planner *pl, const char *done, const char *failed)
{
	struct diag_list diags = {0};
	char *dir = xstrdup(pl->p->dir);
	struct programme *np = programme_load(dir, &diags);
	bool ok = diag_count(&diags, DIAG_ERROR) == 0;

	if (!ok) {
		char *first = first_problem(&diags, "an error");

		planner_message(pl, true,
		                "%sthe programme on disk does not load: %s; "
		                "fix it, then open it again",
		                failed, first);
		free(first);
		programme_free(np);
	} else {
		char *lost = NULL;

		if (!planner_replace_programme(pl, np, &lost))
			planner_message(
			    pl, true,
			    "%s But the recovery journal could not "
			    "be written (%s): edits would be lost if "
			    "dais stopped; save often.",
			    done, lost);
		else
			planner_message(pl, false, "%s%s", done,
			                diag_count(&diags, DIAG_WARNING) > 0
			                    ? " Loading gave warnings: 'dais "
			                      "check' lists them."
			                    : "");
		free(lost);
	}
	diag_clear(&diags);
	free(diags.v);
	free(dir);
	return ok;
}

static void
merge(struct planner *pl)
{
	struct diag_list diags = {0};
	bool shown = false;

	/* a running sync writes the same files: it ends first */
	planner_sync_wait(pl);
	if (!save_merge_recoverable(pl->ed, pl->external, pl->journal,
	                            &diags)) {
		char *first = first_problem(&diags, "the merge failed");
		char *refusal = NULL;
		/* a write that failed (a full disk), not a refusal to merge,
		 * which says what became of the edits itself */
		bool write_failed = save_can_merge(pl->external, &refusal);

		planner_message(pl, true, "Not merged: %s%s", first,
		                write_failed
		                    ? "; your edits are still in dais, "
		                      "save again once the cause is "
		                      "fixed"
		                    : "");
		free(refusal);
		free(first);
	} else {
		bool marks_failed;
		char *marks = requests_record_placed(pl, &marks_failed);

		/* The files now hold both sides: show them. The undo history
		 * ends here rather than carried over: an entry undone after
		 * the merge would write back a whole participant or room
		 * that the merge joined key by key with the other side's
		 * change, so undo would silently revert theirs; and what it
		 * would undo is saved already (dais(1), m). */
		shown = reload(pl,
		               "Merged: your edits are saved and theirs "
		               "kept; both are on screen. The undo history "
		               "starts again here.",
		               "Merged and saved, but ");
		if (shown)
			planner_history_starts(pl, "merge");
		if (marks != NULL) {
			char *said = xstrdup(pl->message ? pl->message : "");

			planner_message(pl, marks_failed || pl->message_error,
			                "%s; %s.", said, marks);
			free(said);
		}
		free(marks);
	}
	/* Some files may hold the edits now: unless the reload started the
	 * journal afresh, it starts again with what is still unsaved. */
	if (!shown && pl->journal != NULL) {
		char *lost = NULL;

		if (!journal_restart(pl->journal, pl->ed, &lost)) {
			char *said = xstrdup(pl->message ? pl->message : "");

			planner_message(
			    pl, true,
			    "%s; and the recovery journal could not "
			    "be written (%s)",
			    said, lost);
			free(said);
		}
		free(lost);
	}
	diag_clear(&diags);
	free(diags.v);
}

/* r: the user's version aside (when there are edits), then the disk's. */
static void
reload_from_disk(struct planner *pl)
{
	struct diag_list diags = {0};
	char *to, *done, *failed;

	if (!editor_dirty(pl->ed)) {
		reload(pl, "Reloaded from disk (you had no edits).",
		       "Not reloaded: ");
		return;
	}
	to = save_copy_default_dir(pl->p->dir, time(NULL));
	if (!save_copy(pl->ed, to, &diags)) {
		char *first = first_problem(&diags, "the copy failed");

		planner_message(pl, true,
		                "Not reloaded: your version could not be "
		                "kept aside: %s",
		                first);
		free(first);
	} else {
		done =
		    xasprintf("Reloaded from disk; your version is in %s.", to);
		failed = xasprintf("Your version is in %s, but ", to);
		reload(pl, done, failed);
		free(done);
		free(failed);
	}
	diag_clear(&diags);
	free(diags.v);
	free(to);
}

/* Whether key answers the dialog: m only when a merge (or, with nothing
 * of the user's, a reload) can be done, a only with edits to keep. */
static bool
external_answers(struct planner *pl, int key)
{
	enum action a = keymap_lookup(&pl->cfg->keys, CTX_FORM, key);
	bool dirty = editor_dirty(pl->ed);

	if (key == 'm' || key == 'M')
		return !dirty || save_can_merge(pl->external, NULL);
	if (key == 'a' || key == 'A')
		return dirty;
	return key == 'r' || key == 'R' || a == ACT_FORM_CANCEL || key == 'q';
}

static void
external_answered(struct planner *pl, int key)
{
	bool dirty = editor_dirty(pl->ed);

	if (key == 'm' || key == 'M') {
		if (dirty)
			merge(pl);
		else
			reload(pl, "Reloaded from disk (you had no edits).",
			       "Not reloaded: ");
	} else if (key == 'r' || key == 'R') {
		reload_from_disk(pl);
	} else if (key == 'a' || key == 'A') {
		char *def = save_copy_default_dir(pl->p->dir, time(NULL));

		prompt_open(pl, "Save your version in the new directory: ", def,
		            planner_save_as);
		free(def);
	} else {
		planner_message(pl, false,
		                dirty
		                    ? "Not saved: your edits are still in "
		                      "dais; s shows the changes on disk again."
		                    : "Kept what is on screen; s shows the "
		                      "changes on disk again.");
	}
	external_close(pl);
}

char *
planner_save_as(struct planner *pl, const char *where)
{
	struct diag_list diags = {0};
	char *dir = machine_expand_home(where), *first, *out = NULL;
	size_t warnings, n;

	/* a running sync writes the files the copy is made from */
	planner_sync_wait(pl);
	if (dir[0] == '\0') {
		free(dir);
		return xstrdup("Type the name of a new directory, or Esc.");
	}
	if (!save_copy(pl->ed, dir, &diags)) {
		first = first_problem(&diags, "the copy failed");
		out = xasprintf("Not saved: %s", first);
		free(first);
	} else {
		warnings = diag_count(&diags, DIAG_WARNING);
		n = pl->p->nsessions;
		if (warnings > 0) {
			first = diag_format(&diags.v[0]);
			planner_message(pl, false,
			                "Your version is saved in %s (%zu "
			                "sessions). Note: %s",
			                dir, n, first);
			free(first);
		} else {
			planner_message(
			    pl, false,
			    "Your version is saved in %s (%zu "
			    "sessions); the programme's own files are "
			    "untouched.",
			    dir, n);
		}
	}
	diag_clear(&diags);
	free(diags.v);
	free(dir);
	return out;
}
