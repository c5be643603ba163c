/*
 * actions.c: what the keys do to the programme: session edits (through
 * edit.h only), search, save, export and print. Each reports what happened
 * or why not in the status line.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "chooser.h"
#include "dais/export.h"
#include "dais/journal.h"
#include "dais/runsheet.h"
#include "dais/source_date.h"
#include "dais/save.h"
#include "dais/textwidth.h"
#include "dais/machine.h"
#include "dais/xalloc.h"
#include "planner.h"
#include "sync.h"

enum role
role_next(enum role r)
{
	switch (r) {
	case ROLE_PARTICIPANT:
		return ROLE_SPEAKER;
	case ROLE_SPEAKER:
		return ROLE_CHAIR;
	default:
		return ROLE_PARTICIPANT;
	}
}

bool
planner_edit_result(struct planner *pl, bool ok, const char *why)
{
	if (!ok)
		planner_message(pl, true, "%s", why != NULL ? why : "Refused.");
	return ok;
}

/* Selects the session a new UID names and shows it. */
static void
select_new(struct planner *pl, const char *uid)
{
	const struct session *s = editor_session(pl->ed, uid, DAIS_TIME_NONE);

	if (s != NULL)
		planner_jump(pl, s);
}

static void
next_session(struct planner *pl, int dir)
{
	size_t n, *v = list_sessions(pl, &n), i;
	long sel = planner_selected_index(pl);
	const struct session *pick = NULL;

	if (n == 0) {
		free(v);
		planner_message(pl, true, "No sessions on this day.");
		return;
	}
	if (sel < 0) {
		/* From the cursor's time in the grid. */
		dais_time t =
		    planner_instant(pl, pl->day, grid_cursor_minute(pl));

		for (i = 0; i < n && pick == NULL; i++) {
			size_t k = dir > 0 ? i : n - 1 - i;
			const struct session *s = &pl->p->sessions[v[k]];

			if (dir > 0 ? s->start >= t : s->start < t)
				pick = s;
		}
	} else {
		for (i = 0; i < n; i++)
			if ((long)v[i] == sel)
				break;
		if (i < n && dir > 0 && i + 1 < n)
			pick = &pl->p->sessions[v[i + 1]];
		else if (i < n && dir < 0 && i > 0)
			pick = &pl->p->sessions[v[i - 1]];
	}
	free(v);
	if (pick == NULL) {
		planner_message(pl, false, "No %s session on this day.",
		                dir > 0 ? "later" : "earlier");
		return;
	}
	planner_select(pl, pick);
	planner_follow(pl);
}

static long
room_position(const struct programme *p, const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < p->nrooms; i++)
		if (strcmp(p->rooms[i].id, id) == 0)
			return (long)i;
	return -1;
}

/* The answer to "Delete '...'? y/n". */
static void
delete_answered(struct planner *pl, int key)
{
	const struct session *s = planner_selected(pl);
	const char *why = NULL;
	char *uid;

	if (key != 'y' && key != 'Y') {
		planner_message(pl, false, "Not deleted.");
		return;
	}
	if (s == NULL)
		return;
	uid = xstrdup(s->uid);
	planner_edit_result(
	    pl, edit_delete(pl->ed, uid, s->recurrence_id, &why), why);
	free(uid);
	if (planner_view(pl)->deleted != NULL)
		planner_view(pl)->deleted(pl);
}

/* c: a new session after the selected one, in its room (the grid makes
 * its own at the cursor). */
static void
create_after(struct planner *pl, const struct session *s)
{
	form_open_create(pl, pl->day,
	                 s != NULL ? planner_minutes(pl, pl->day, s->end)
	                           : pl->p->conf.day_start,
	                 s != NULL ? s->room_id : NULL);
}

bool
session_action(struct planner *pl, enum action a)
{
	const struct session *s = planner_selected(pl);
	const char *why = NULL;
	char *uid, *newuid = NULL, span[DAIS_TIMEBUF], *q;
	dais_time rid, step = (dais_time)pl->zoom * 60;
	bool ok = true;
	long r;
	const struct key_action *k = key_action_of(a);

	if (k == NULL || k->context != CTX_SESSIONS)
		return false;
	if (a == ACT_NEXT_SESSION || a == ACT_PREV_SESSION) {
		next_session(pl, a == ACT_NEXT_SESSION ? 1 : -1);
		return true;
	}
	if (a == ACT_CREATE) {
		create_after(pl, s);
		return true;
	}
	if (registry_form_action(pl, a))
		return true;
	if ((k->flags & KEYF_NEEDS_SESSION) && s == NULL) {
		char key[16];

		planner_message(
		    pl, true,
		    "No session selected: move onto one, or %s "
		    "creates one.",
		    keymap_first_key(&pl->cfg->keys, ACT_CREATE, key));
		return true;
	}
	uid = xstrdup(s->uid);
	rid = s->recurrence_id;
	switch (a) {
	case ACT_EDIT:
		form_open_edit(pl, s);
		break;
	case ACT_DUPLICATE:
		ok = edit_duplicate(pl->ed, uid, rid, &newuid, &why);
		if (ok)
			select_new(pl, newuid);
		break;
	case ACT_CANCEL_RESTORE:
		if (s->status == SESSION_CANCELLED)
			ok = edit_restore(pl->ed, uid, rid, &why);
		else
			ok = edit_set_status(pl->ed, uid, rid,
			                     SESSION_CANCELLED, &why);
		break;
	case ACT_DELETE:
		q = xasprintf("Delete '%s' (%s)? y: delete, n: keep", s->title,
		              planner_span(pl, s, span));
		confirm_open(pl, q, NULL, delete_answered);
		free(q);
		break;
	case ACT_MOVE_TO:
		q = xasprintf("Move '%s' to (9:30, 0930, +15m, -1h): ",
		              s->title);
		prompt_open(pl, q,
		            time_fmt_hm(span, &pl->p->conf.zone, s->start),
		            planner_move_to);
		free(q);
		break;
	case ACT_MOVE_EARLIER:
	case ACT_MOVE_LATER:
		ok = edit_move(pl->ed, uid, rid,
		               s->start + (a == ACT_MOVE_LATER ? step : -step),
		               &why);
		break;
	case ACT_MOVE_ROOM_LEFT:
	case ACT_MOVE_ROOM_RIGHT:
		if (pl->p->nrooms == 0) {
			planner_message(pl, true, "venues.ini has no rooms.");
			break;
		}
		r = room_position(pl->p, s->room_id);
		if (r < 0)
			r = a == ACT_MOVE_ROOM_RIGHT ? -1 : (long)pl->p->nrooms;
		r += a == ACT_MOVE_ROOM_RIGHT ? 1 : -1;
		if (r < 0 || r >= (long)pl->p->nrooms) {
			planner_message(pl, true, "No room further %s.",
			                a == ACT_MOVE_ROOM_RIGHT ? "right"
			                                         : "left");
			break;
		}
		ok = edit_set_room(pl->ed, uid, rid, pl->p->rooms[r].id, NULL,
		                   &why);
		break;
	case ACT_LONGER:
	case ACT_SHORTER:
		ok =
		    edit_set_duration(pl->ed, uid, rid,
		                      (int)((s->end - s->start +
		                             (a == ACT_LONGER ? step : -step)) /
		                            60),
		                      &why);
		break;
	case ACT_ASSIGN:
		picker_open_participants(pl, s);
		break;
	case ACT_ASSIGNMENTS:
		assign_open(pl);
		break;
	case ACT_FIND_SLOT:
		slot_chooser_open(pl, s);
		break;
	default:
		break;
	}
	planner_edit_result(pl, ok, why);
	if (ok && planner_mode(pl) == MODE_VIEW)
		planner_follow(pl);
	free(uid);
	free(newuid);
	return true;
}

char *
planner_move_to(struct planner *pl, const char *text)
{
	const struct session *s = planner_selected(pl);
	const char *why = NULL;
	int day, m;
	dais_time start;
	char *uid;
	bool ok;

	while (*text == ' ')
		text++;
	if (s == NULL)
		return xstrdup("The session is gone (undone?).");
	if (text[0] == '+' || text[0] == '-') {
		if (!duration_parse(text + 1, &m, &why))
			return xstrdup(why);
		start = s->start + (dais_time)(text[0] == '-' ? -m : m) * 60;
	} else {
		if (!clock_parse(text, &m, &why))
			return xstrdup(why);
		day = programme_day_of(pl->p, s->start);
		if (day < 0)
			day = pl->day;
		start = planner_instant(pl, day, m);
	}
	uid = xstrdup(s->uid);
	ok = edit_move(pl->ed, uid, s->recurrence_id, start, &why);
	free(uid);
	if (!ok)
		return xstrdup(why != NULL ? why : "Refused.");
	planner_follow(pl);
	return NULL;
}

/* ---- Search ------------------------------------------------------------- */

static bool
session_matches(const struct planner *pl, const struct session *s,
                const char *q)
{
	size_t i;

	if (text_contains_folded(s->title, q) ||
	    (s->notes != NULL && text_contains_folded(s->notes, q)) ||
	    (s->description != NULL && text_contains_folded(s->description, q)))
		return true;
	for (i = 0; i < s->nassign; i++) {
		const struct assignment *a = &s->assign[i];
		const struct participant *who =
		    programme_find_participant(pl->p, a->participant_id);

		if ((a->cn != NULL && text_contains_folded(a->cn, q)) ||
		    (a->participant_id != NULL &&
		     text_contains_folded(a->participant_id, q)) ||
		    (who != NULL && text_contains_folded(who->name, q)) ||
		    (who != NULL && who->name_local != NULL &&
		     text_contains_folded(who->name_local, q)))
			return true;
	}
	return false;
}

void
planner_search(struct planner *pl, const char *query, int dir)
{
	long n, i, start, found = -1, count = 0, nth = 0;

	if (planner_view(pl)->search != NULL) {
		planner_view(pl)->search(pl, query, dir);
		return;
	}
	n = (long)pl->p->nsessions;
	start = planner_selected_index(pl);
	if (start < 0) {
		/* From the cursor: the day shown and the grid's time. */
		dais_time t =
		    planner_instant(pl, pl->day, grid_cursor_minute(pl));

		for (start = 0; start < n && pl->p->sessions[start].start < t;
		     start++)
			;
		if (dir > 0)
			start--;
	}
	for (i = 1; i <= n && found < 0; i++) {
		long k = ((start + dir * i) % n + n) % n;

		if (session_matches(pl, &pl->p->sessions[k], query))
			found = k;
	}
	if (found < 0) {
		planner_message(pl, true,
		                "Nothing matches '%s' in titles, people or "
		                "notes.",
		                query);
		return;
	}
	for (i = 0; i < n; i++)
		if (session_matches(pl, &pl->p->sessions[i], query)) {
			count++;
			if (i == found)
				nth = count;
		}
	planner_jump(pl, &pl->p->sessions[found]);
	planner_message(pl, false, "'%s': match %ld of %ld", query, nth, count);
}

char *
planner_search_typed(struct planner *pl, const char *text)
{
	if (text[0] == '\0' && pl->search == NULL) {
		planner_message(pl, true, "Nothing to search for.");
		return NULL;
	}
	if (text[0] != '\0') {
		free(pl->search);
		pl->search = xstrdup(text);
	}
	planner_search(pl, pl->search, 1);
	return NULL;
}

/* ---- Save, export, print ------------------------------------------------- */

void
planner_save(struct planner *pl)
{
	struct diag_list diags = {0};
	struct edit_change *ch = NULL;
	struct strlist files = {0};
	size_t n, i;
	char *names, *lost = NULL, *journal_note = NULL;
	uint64_t *before;
	size_t nfiles;
	bool saved, import_failed;
	char *imported;

	if (pl->read_only != NULL) {
		planner_message(pl, true, "%s", pl->read_only);
		return;
	}
	/* A sync writes the files too: it ends, and what it brought is on
	 * screen, before they are saved over. */
	planner_sync_wait(pl);
	/* The files of imports made with I, as dais import writes them; the
	 * sessions edited since are then saved onto them (import.c). */
	imported = import_save(pl, &import_failed);
	if (import_failed || (imported != NULL && !editor_dirty(pl->ed))) {
		planner_message(pl, import_failed, "%s.", imported);
		free(imported);
		return;
	}
	/* Somebody else's change is never overwritten: say what it is and
	 * let the user choose (external.c). */
	if (external_offer(pl)) {
		free(imported);
		return;
	}
	if (!editor_dirty(pl->ed)) {
		planner_message(pl, false, "Nothing to save.");
		free(imported);
		return;
	}
	n = editor_changes(pl->ed, &ch);
	for (i = 0; i < n; i++) {
		const struct session *now =
		    editor_session(pl->ed, ch[i].uid, ch[i].recurrence_id);
		int src = ch[i].saved != NULL ? ch[i].saved->source
		          : now != NULL       ? now->source
		                              : -1;
		const char *file = src >= 0 && (size_t)src < pl->p->conf.files.n
		                       ? pl->p->conf.files.v[src]
		                       : pl->p->conf.new_sessions_file;

		if (file != NULL && !strlist_has(&files, file))
			strlist_add(&files, file);
	}
	if (n == 0) {
		/* Only participants or rooms changed (ini_external.c). */
		free(ch);
		strlist_clear(&files);
		free(files.v);
		planner_save_registries(pl, imported);
		free(imported);
		return;
	}
	free(ch);
	names = strlist_join(&files, ", ");
	nfiles = pl->p->conf.files.n;
	before = xcalloc(nfiles + 1, sizeof *before);
	if (pl->p->file_hash != NULL)
		memcpy(before, pl->p->file_hash, nfiles * sizeof *before);
	saved = programme_save_recoverable(pl->ed, pl->journal, &diags);
	/*
	 * Once some file holds the edits, the journal starts again from the
	 * files as they now are, with what is still unsaved: its old
	 * fingerprints would no longer match them. When no file was written
	 * (a full disk stops the first), the journal is still right as it is.
	 */
	if (pl->p->file_hash != NULL &&
	    memcmp(before, pl->p->file_hash, nfiles * sizeof *before) != 0 &&
	    pl->journal != NULL && !journal_restart(pl->journal, pl->ed, &lost))
		journal_note = xasprintf("; and %s, so unsaved edits would be "
		                         "lost if dais stopped",
		                         lost);
	free(before);
	if (saved) {
		bool marks_failed;
		char *marks = requests_record_placed(pl, &marks_failed);

		planner_message(pl, journal_note != NULL || marks_failed,
		                "%s%sSaved %zu changed session%s to %s%s%s%s.",
		                imported ? imported : "", imported ? "; " : "",
		                n, n == 1 ? "" : "s", names,
		                journal_note ? journal_note : "",
		                marks ? "; " : "", marks ? marks : "");
		free(marks);
		/* Then participants and rooms (ini_external.c). */
		{
			char *note = xstrdup(pl->message);

			planner_save_registries(pl, note);
			free(note);
		}
		planner_sync_start(pl, false);
	} else {
		char *first = diags.n > 0 ? diag_format(&diags.v[0])
		                          : xstrdup("the save failed");

		planner_message(
		    pl, true,
		    "Not saved: %s%s; your edits are still in dais, "
		    "save again once the cause is fixed%s",
		    first, diags.n > 1 ? " (and more)" : "",
		    journal_note ? journal_note : "");
		free(first);
	}
	free(lost);
	free(journal_note);
	free(imported);
	free(names);
	strlist_clear(&files);
	free(files.v);
	diag_clear(&diags);
	free(diags.v);
}

/* dir made absolute (it exists), for a message that says where the files
 * went whatever the planner's current directory; a copy if that fails. */
static char *
absolute_dir(const char *dir)
{
	char *abs = realpath(dir, NULL);

	return abs != NULL ? abs : xstrdup(dir);
}

char *
planner_export_default(const struct planner *pl)
{
	char *abs = absolute_dir(pl->p->dir), *where;
	size_t n = strlen(abs);

	while (n > 1 && abs[n - 1] == '/')
		abs[--n] = '\0';
	where = xasprintf("%s-export", abs);
	free(abs);
	return where;
}

char *
planner_export(struct planner *pl, const char *where)
{
	struct export_options o;
	struct published *published;
	char *dir = machine_expand_home(where), *path, *people, *msg = NULL;
	char *why = NULL;
	size_t written = 0;

	if (dir[0] == '\0') {
		planner_message(pl, true,
		                "No directory given; nothing exported.");
		free(dir);
		return NULL;
	}
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		planner_message(pl, true,
		                "Cannot make %s: %s; nothing exported.", dir,
		                strerror(errno));
		free(dir);
		return NULL;
	}
	export_options_init(&o);
	/* As `dais export` does: SEQUENCE rises for whatever changed since
	 * the last export (published.h). */
	if ((published = published_load(pl->p->dir, pl->read_only == NULL,
	                                &why)) == NULL) {
		planner_message(pl, true, "Not exported: %s", why);
		free(why);
		free(dir);
		return NULL;
	}
	o.published = published;
	{
		char *abs = absolute_dir(dir);

		free(dir);
		dir = abs;
	}
	path = xasprintf("%s/programme.ics", dir);
	people = xasprintf("%s/participants", dir);
	if (!export_save(pl->p, &o, path, &msg)) {
		planner_message(pl, true, "Not exported: %s", msg);
	} else {
		free(msg);
		msg = NULL;
		if (export_per_participant(pl->p, &o, people, &written, &msg))
			planner_message(
			    pl, false,
			    "Exported the public programme to %s and "
			    "%zu participants' calendars to %s/.",
			    path, written, people);
		else
			planner_message(pl, true,
			                "Exported %s, then stopped: %s", path,
			                msg);
	}
	/* A read-only planner writes nothing into the programme, the record
	 * included: the planner holding it keeps the record, and SEQUENCE in
	 * its next export still rises for what changed since its last one. */
	if (pl->read_only == NULL && published_changed(published) &&
	    !published_save(published, &why)) {
		planner_message(pl, true,
		                "Exported, but %s: the next export cannot tell "
		                "what changed since this one.",
		                why);
		free(why);
	}
	published_free(published);
	free(msg);
	free(path);
	free(people);
	free(dir);
	return NULL;
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n > m && text_compare_folded(s + n - m, suffix) == 0;
}

/*
 * The People view's print key: the selected participant's own programme
 * (runsheet.h, for_id), every day, to a print command or a .txt/.pdf file.
 */
char *
planner_print_programme(struct planner *pl, const char *dest)
{
	const struct participant *who = people_current(pl);
	struct runsheet_options o;
	char *why = NULL, *msg = NULL, *target = machine_expand_home(dest);
	bool ok;

	if (who == NULL || target[0] == '\0') {
		planner_message(pl, true, "%s",
		                who == NULL
		                    ? "No participant selected; nothing "
		                      "printed."
		                    : "No command or file given; nothing "
		                      "printed.");
		free(target);
		return NULL;
	}
	runsheet_options_init(&o);
	o.for_id = who->id;
	o.all_days = true;
	if (!source_date_now(&o.produced, &why))
		free(why);
	if (ends_with(target, ".pdf"))
		o.format = RUNSHEET_PDF;
	/* Both say what was written where, or why not. */
	if (ends_with(target, ".pdf") || ends_with(target, ".txt"))
		ok = runsheet_save(pl->p, &o, target, &msg);
	else
		ok = runsheet_print(pl->p, &o, target, &msg);
	if (ok)
		planner_message(pl, false, "%s", msg ? msg : "Printed.");
	else
		planner_message(pl, true, "Programme of %s not printed: %s",
		                who->name, msg ? msg : "failed");
	free(msg);
	free(target);
	return NULL;
}

char *
planner_print(struct planner *pl, const char *dest)
{
	struct runsheet_options o;
	char *why = NULL, *msg = NULL, label[DAIS_TIMEBUF];
	char *target = machine_expand_home(dest);
	bool ok;

	runsheet_options_init(&o);
	o.day = pl->p->conf.days[pl->day];
	if (!source_date_now(&o.produced, &why)) {
		free(why);
		why = NULL;
	}
	planner_day_label(pl, pl->day, label);
	if (target[0] == '\0') {
		planner_message(pl, true,
		                "No command or file given; nothing "
		                "printed.");
		free(target);
		return NULL;
	}
	if (ends_with(target, ".pdf"))
		o.format = RUNSHEET_PDF;
	if (!runsheet_check(pl->p, &o, &why)) {
		planner_message(pl, true, "Run-sheet of %s not made: %s", label,
		                why);
		free(why);
		free(target);
		return NULL;
	}
	if (ends_with(target, ".pdf") || ends_with(target, ".txt")) {
		ok = runsheet_save(pl->p, &o, target, &msg);
		/* runsheet_save's message names the file already. */
		if (ok && msg != NULL)
			planner_message(pl, false, "Run-sheet of %s: %s", label,
			                msg);
		else if (ok)
			planner_message(pl, false,
			                "Run-sheet of %s written to %s", label,
			                target);
	} else {
		ok = runsheet_print(pl->p, &o, target, &msg);
		if (ok && msg != NULL)
			planner_message(pl, false, "Run-sheet of %s: %s", label,
			                msg);
		else if (ok)
			planner_message(pl, false,
			                "Run-sheet of %s sent to '%s'", label,
			                target);
	}
	if (!ok)
		planner_message(pl, true, "Run-sheet of %s not printed: %s",
		                label, msg != NULL ? msg : "failed");
	free(msg);
	free(target);
	return NULL;
}
