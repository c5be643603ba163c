/*
 * ini_external.c: the registries' part of a save (s), after the sessions':
 * venues.ini and participants.ini written through the INI saver
 * (registry.h), and, when one was changed on disk since dais read it, the
 * dialog that names what differs ("[qa-interior] arrival") and offers to
 * merge (when no key changed on both sides), to reload, or to save a copy
 * of the user's version beside it. The .ics files have their own dialog
 * (external.c); this one works key by key.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dais/atomicfile.h"
#include "dais/filehash.h"
#include "dais/iniwrite.h"
#include "dais/journal.h"
#include "dais/load.h"
#include "dais/registry.h"
#include "dais/strbuf.h"
#include "dais/xalloc.h"
#include "planner.h"

/* Differences named in the dialog before "and N more". */
#define NAMED_KEYS 6

/* The journal's fingerprints of the registries follow what was written. */
static void
journal_follows(struct planner *pl)
{
	char *lost = NULL;

	if (pl->journal != NULL && !journal_restart(pl->journal, pl->ed, &lost))
		planner_message(pl, true,
		                "Saved, but the recovery journal could not be "
		                "written (%s): edits would be lost if dais "
		                "stopped; save often.",
		                lost);
	free(lost);
}

/* The first registry file with unsaved entries whose disk bytes are not
 * what dais read, or -1. */
static int
changed_file(const struct planner *pl)
{
	int file;

	for (file = 0; file < REGISTRY_NFILES; file++) {
		char *path;
		uint64_t disk = 0, read;

		if (!registry_file_dirty(pl->ed, file))
			continue;
		path = xasprintf("%s/%s", pl->p->dir, registry_file(file));
		filehash_path(path, &disk);
		free(path);
		read = pl->p->registry_text[file] != NULL
		           ? filehash_bytes(pl->p->registry_text[file],
		                            pl->p->registry_len[file])
		           : 0;
		if (disk != read)
			return file;
	}
	return -1;
}

static bool
ini_answers(struct planner *pl, int key)
{
	(void)pl;
	return key == 'm' || key == 'r' || key == 'a' || key == 27;
}

/* m: the user's keys made again on the file as it is now. */
static void
ini_merge(struct planner *pl, int file)
{
	char *why = NULL;
	struct ini_doc *doc = registry_doc(pl->ed, file, &why);
	bool dirty_sessions;

	if (doc == NULL || !ini_doc_merge(doc, &why) ||
	    ini_doc_save(doc, &why) != INI_SAVED) {
		planner_message(pl, true, "Not merged: %s", why);
		free(why);
		ini_doc_free(doc);
		return;
	}
	registry_saved(pl->ed, pl->p, file, doc);
	ini_doc_free(doc);
	journal_follows(pl);
	/* The file holds both sides now; show theirs too when nothing else
	 * is unsaved (a reload would drop it). */
	dirty_sessions = editor_dirty(pl->ed);
	if (!dirty_sessions) {
		struct diag_list diags = {0};
		struct programme *np = programme_load(pl->p->dir, &diags);
		char *lost = NULL;

		if (diag_count(&diags, DIAG_ERROR) == 0) {
			planner_replace_programme(pl, np, &lost);
			planner_history_starts(pl, "merge");
			planner_message(
			    pl, false,
			    "Merged: %s has your changes and theirs. "
			    "The undo history starts again here.",
			    registry_file(file));
		} else {
			programme_free(np);
			planner_message(pl, true,
			                "Merged into %s, but the programme on "
			                "disk does not load now: 'dais check' "
			                "says why",
			                registry_file(file));
		}
		free(lost);
		diag_clear(&diags);
		free(diags.v);
	} else {
		planner_message(
		    pl, false,
		    "Merged: %s has your changes and theirs; theirs "
		    "show after the next reload.",
		    registry_file(file));
	}
}

/* a: the user's version written beside the file, nothing else touched. */
static char *
keep_copy(struct planner *pl, int file)
{
	char *why = NULL, *path = NULL, stamp[32], *base;
	struct ini_doc *doc = registry_doc(pl->ed, file, &why);
	time_t now = time(NULL);
	struct tm tm;
	size_t len;
	char *text;

	if (doc == NULL)
		return why;
	localtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%S", &tm);
	base = xstrndup(registry_file(file),
	                strlen(registry_file(file)) - strlen(".ini"));
	path = xasprintf("%s/%s-mine-%s.ini", pl->p->dir, base, stamp);
	free(base);
	text = ini_doc_text(doc, &len);
	ini_doc_free(doc);
	if (!atomicfile_write(path, text, len, &why)) {
		free(text);
		free(path);
		return why;
	}
	free(text);
	planner_message(pl, false,
	                "Your version is in %s; %s is as the other side left "
	                "it, and your edits are still unsaved here.",
	                path, registry_file(file));
	free(path);
	return NULL;
}

static void
ini_answered(struct planner *pl, int key)
{
	int file = changed_file(pl);
	char *why;

	if (file < 0 || key == 27) {
		planner_message(pl, false, "Not saved; nothing changed.");
		return;
	}
	if (key == 'm') {
		ini_merge(pl, file);
	} else if (key == 'a') {
		if ((why = keep_copy(pl, file)) != NULL) {
			planner_message(pl, true, "Not saved: %s", why);
			free(why);
		}
	} else if (key == 'r') {
		struct diag_list diags = {0};
		struct programme *np;
		char *lost = NULL;

		/* Yours first, so a reload loses nothing. */
		if ((why = keep_copy(pl, file)) != NULL) {
			planner_message(pl, true, "Not reloaded: %s", why);
			free(why);
			return;
		}
		np = programme_load(pl->p->dir, &diags);
		if (diag_count(&diags, DIAG_ERROR) > 0) {
			programme_free(np);
			planner_message(
			    pl, true,
			    "Not reloaded: the programme on disk does "
			    "not load; 'dais check' says why");
		} else {
			char *kept = xstrdup(pl->message);

			planner_replace_programme(pl, np, &lost);
			planner_message(pl, false, "Reloaded. %s", kept);
			free(kept);
		}
		free(lost);
		diag_clear(&diags);
		free(diags.v);
	}
}

/* The dialog for `file`, changed on disk: what differs, key by key. */
static void
ini_offer(struct planner *pl, int file)
{
	struct strlist diffs = {0};
	struct strbuf t = {0};
	char *why = NULL;
	struct ini_doc *doc = registry_doc(pl->ed, file, &why);
	size_t i;

	if (doc == NULL || !ini_doc_disk_differences(doc, &diffs, &why)) {
		planner_message(pl, true, "Not saved: %s", why);
		free(why);
		ini_doc_free(doc);
		return;
	}
	ini_doc_free(doc);
	strbuf_addf(&t, "Not saved: %s changed on disk since dais read it:",
	            registry_file(file));
	for (i = 0; i < diffs.n && i < NAMED_KEYS; i++)
		strbuf_addf(&t, "%s %s", i > 0 ? "," : "", diffs.v[i]);
	if (diffs.n > NAMED_KEYS)
		strbuf_addf(&t, " and %zu more", diffs.n - NAMED_KEYS);
	if (diffs.n == 0)
		strbuf_addf(&t, " only its layout or comments");
	strbuf_addf(&t, ".\nm merge (if no key changed on both sides) · r "
	                "reload (yours kept aside) · a save a copy · Esc "
	                "cancel");
	confirm_open(pl, t.v, ini_answers, ini_answered);
	strbuf_free(&t);
	strlist_clear(&diffs);
}

void
planner_save_registries(struct planner *pl, const char *sessions_note)
{
	struct strlist written = {0};
	int file;

	for (file = 0; file < REGISTRY_NFILES; file++) {
		char *why = NULL;

		switch (registry_save_file(pl->ed, pl->p, file, &why)) {
		case REGISTRY_UNCHANGED:
			break;
		case REGISTRY_SAVED:
			strlist_add(&written, registry_file(file));
			break;
		case REGISTRY_CHANGED_ON_DISK:
			if (written.n > 0)
				journal_follows(pl);
			free(why);
			strlist_clear(&written);
			ini_offer(pl, file);
			return;
		case REGISTRY_SAVE_FAILED:
			if (written.n > 0)
				journal_follows(pl);
			planner_message(pl, true, "Not saved: %s", why);
			free(why);
			strlist_clear(&written);
			return;
		}
	}
	if (written.n > 0) {
		char *names = strlist_join(&written, " and ");

		journal_follows(pl);
		if (pl->message == NULL || !pl->message_error)
			planner_message(pl, false, "%s%sSaved %s.",
			                sessions_note ? sessions_note : "",
			                sessions_note ? " " : "", names);
		free(names);
	}
	strlist_clear(&written);
}
