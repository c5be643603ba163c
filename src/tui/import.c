/*
 * import.c: I in the planner: another client's calendar into the programme
 * through the import engine (import_ics.h), the same that `dais import`
 * runs: rooms and people linked, an earlier import of the same source
 * recognised and updated (import_again.c), the same report. Each LOCATION
 * linked by the closest name only is a question, a chooser of rooms: the
 * proposed one first, then "leave it unlinked", then the other rooms. The
 * sessions go in as one edit (one undo takes it back), journalled and
 * checked like any other; the save that follows writes the import's file,
 * programme/import-NAME.ics with its record, exactly as `dais import`
 * would have (import_save), so either can import the source again. The
 * source file is only read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chooser.h"
#include "dais/filehash.h"
#include "dais/import_ics.h"
#include "dais/journal.h"
#include "dais/session_field.h"
#include "dais/sources.h"
#include "dais/strbuf.h"
#include "dais/trim.h"
#include "dais/xalloc.h"
#include "planner.h"

/* An import between the file being read and its sessions added: owned by
 * the chooser asking about its current guess, handed on to the next. */
struct import_run {
	char *path;
	struct import_ics_result r;
	size_t guess;            /* the guess being asked about */
	size_t unlinked;         /* guesses answered "leave it unlinked" */
	struct strlist warnings; /* the loader's, formatted */
};

/* An import in the programme that no save has written yet: the file the
 * engine made (with its record), written at the next save if the edit
 * that put its sessions in still stands (import_save). */
struct import_pending {
	struct import_ics_result r; /* one calendar: r.v[0] */
	char *description;          /* of its edit, to follow undo and redo */
	bool applied;               /* the edit stands (not undone) */
	struct session *states;     /* the sessions as the file holds them */
	size_t n;
};

struct import_state {
	struct import_pending *v;
	size_t n, cap;
};

static void
run_free(void *arg)
{
	struct import_run *run = arg;

	if (run == NULL)
		return;
	import_ics_result_free(&run->r);
	strlist_clear(&run->warnings);
	free(run->path);
	free(run);
}

/* The chooser's arg is freed when it closes without a choice (Esc, quit):
 * then nothing is imported. */
static void
run_abandoned(void *arg)
{
	run_free(arg);
}

static void
sessions_free(struct session *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		session_free(&v[i]);
	free(v);
}

static void
pending_free(struct import_pending *q)
{
	import_ics_result_free(&q->r);
	free(q->description);
	sessions_free(q->states, q->n);
}

static void
pending_remove(struct import_state *st, size_t i)
{
	pending_free(&st->v[i]);
	memmove(&st->v[i], &st->v[i + 1], (st->n - i - 1) * sizeof *st->v);
	st->n--;
}

void
import_forget(struct planner *pl)
{
	struct import_state *st = pl->imports;

	if (st == NULL)
		return;
	while (st->n > 0)
		pending_remove(st, st->n - 1);
	free(st->v);
	free(st);
	pl->imports = NULL;
}

void
import_note_edit(struct planner *pl, const struct edit_event *ev)
{
	struct import_state *st = pl->imports;
	size_t i;

	if (st == NULL)
		return;
	switch (ev->kind) {
	case EDIT_UNDONE: /* the newest import standing is undone first */
		for (i = st->n; i-- > 0;)
			if (st->v[i].applied && strcmp(st->v[i].description,
			                               ev->description) == 0) {
				st->v[i].applied = false;
				break;
			}
		break;
	case EDIT_REDONE: /* and redone last */
		for (i = 0; i < st->n; i++)
			if (!st->v[i].applied && strcmp(st->v[i].description,
			                                ev->description) == 0) {
				st->v[i].applied = true;
				break;
			}
		break;
	case EDIT_APPLIED:
		/* A new edit: what was undone can no longer be redone. */
		for (i = st->n; i-- > 0;)
			if (!st->v[i].applied)
				pending_remove(st, i);
		break;
	case EDIT_CANCELLED:
		break;
	}
}

/* The index of conf.files an import's file has, or -1. */
static long
file_index(const struct programme *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->conf.files.n; i++)
		if (strcmp(p->conf.files.v[i], name) == 0)
			return (long)i;
	return -1;
}

/*
 * Writes one standing import's file (and conference.ini's files) as
 * `dais import` does, then tells the editor that the file holds its
 * sessions as the import made them, so that the save writes on it only
 * what was edited since. False with *why when the file changed on disk
 * since the import read it, or could not be written.
 */
static bool
pending_write(struct planner *pl, struct import_pending *q, char **why)
{
	struct programme *p = pl->p;
	const struct import_ics_out *o = &q->r.v[0];
	char *path = xasprintf("%s/%s", p->dir, o->name);
	long at = file_index(p, o->name);
	uint64_t disk = 0;
	bool there = filehash_path(path, &disk);
	size_t i;

	if (at < 0 || (o->replaces ? !there || disk != p->file_hash[at]
	                           : access(path, F_OK) == 0)) {
		*why = xasprintf("%s %s since the import of %s read it: "
		                 "undo the import (u), save, and import again",
		                 o->name,
		                 o->replaces ? "changed on disk" : "was made",
		                 o->source);
		free(path);
		return false;
	}
	free(path);
	if (!import_ics_write(p, &q->r, why))
		return false;
	editor_set_file_hash(pl->ed, (size_t)at,
	                     filehash_bytes(o->text, strlen(o->text)));
	if (!strlist_has(&p->conf.file_sources, o->name) &&
	    !sources_is_member(&p->conf, o->name))
		strlist_add(&p->conf.file_sources, o->name);
	for (i = 0; i < q->n; i++) {
		const struct session *want = &q->states[i];
		const struct session *cur =
		    editor_session(pl->ed, want->uid, want->recurrence_id);
		struct session like;
		bool same;

		/* The editor may have raised SEQUENCE over the source's
		 * (a moved session): that alone is not worth writing. */
		session_copy(&like, want);
		like.sequence = cur != NULL ? cur->sequence : like.sequence;
		same = cur != NULL && session_equal(&like, cur);
		session_free(&like);
		editor_set_saved_state(pl->ed, want->uid, want->recurrence_id,
		                       same ? cur : want);
	}
	/* A session of the file that the import did not write (none, but
	 * for an occurrence the source no longer has): saved as new. */
	for (i = 0; i < p->nsessions; i++) {
		const struct session *s = &p->sessions[i];
		size_t k;
		bool held = false;

		if (s->source != at)
			continue;
		for (k = 0; k < q->n && !held; k++)
			held = q->states[k].recurrence_id == s->recurrence_id &&
			       strcmp(q->states[k].uid, s->uid) == 0;
		if (!held)
			editor_set_saved_state(pl->ed, s->uid, s->recurrence_id,
			                       NULL);
	}
	return true;
}

char *
import_save(struct planner *pl, bool *failed)
{
	struct import_state *st = pl->imports;
	struct strlist written = {0};
	char *why = NULL, *said = NULL;

	*failed = false;
	while (st != NULL && st->n > 0) {
		struct import_pending *q = &st->v[0];

		if (q->applied) {
			if (!pending_write(pl, q, &why)) {
				*failed = true;
				break;
			}
			strlist_add(&written, q->r.v[0].name);
		}
		pending_remove(st, 0);
	}
	if (*failed) {
		said = xasprintf("Not saved: %s; your edits are still in dais",
		                 why);
	} else if (written.n > 0) {
		char *names = strlist_join(&written, ", "), *lost = NULL;

		/* The journal starts again from the files as they now are
		 * (actions.c does the same after a save). */
		if (pl->journal != NULL &&
		    !journal_restart(pl->journal, pl->ed, &lost))
			said = xasprintf("Saved %s as dais import writes it, "
			                 "but %s, so unsaved edits would be "
			                 "lost if dais stopped",
			                 names, lost);
		else
			said = xasprintf("Saved %s as dais import writes it",
			                 names);
		free(lost);
		free(names);
	}
	free(why);
	strlist_clear(&written);
	return said;
}

static void import_apply(struct planner *pl, struct import_run *run);
static void ask(struct planner *pl, struct import_run *run);

/* Item index: 0 the proposed room, 1 unlinked, 2.. the other rooms by
 * their index in p->rooms + 2. */
#define ITEM_PROPOSED 0
#define ITEM_UNLINKED 1

static void
preview(struct planner *pl, struct chooser *ch, struct chooser_item *it)
{
	struct import_run *run = ch->arg;
	const struct import_ics_guess *g;
	const struct room *room = NULL;

	if (run == NULL)
		return;
	g = &run->r.guesses[run->guess];
	if (it->index == ITEM_UNLINKED) {
		strlist_add(&it->preview,
		            "Left unlinked: LOCATION stays as written, with no "
		            "room; it takes part in no room conflict, and dais "
		            "check says which room it may mean.");
		return;
	}
	room = it->index == ITEM_PROPOSED
	           ? programme_find_room(pl->p, g->room_id)
	           : &pl->p->rooms[it->index - 2];
	if (room != NULL) {
		char *line =
		    xasprintf("LOCATION '%s' linked to room '%s' (%s).",
		              g->location, room->name, room->id);

		strlist_add(&it->preview, line);
		free(line);
	}
}

/* Whether guess g is of an event the import takes from the source (one
 * kept as dais has it is not linked again, so not asked about). */
static bool
guess_taken(const struct import_run *run, size_t g)
{
	size_t k;

	for (k = 0; k < run->r.n; k++)
		if (strcmp(run->r.v[k].source, run->r.guesses[g].file) == 0)
			return strlist_has(&run->r.v[k].taken,
			                   run->r.guesses[g].uid);
	return false;
}

/*
 * Whether guess g was answered at an earlier import: its event is in the
 * programme and the source has it as then. The answer stands (the room
 * the session has, whoever chose it), rather than being asked again at
 * every import of the source.
 */
static bool
answered_before(struct planner *pl, struct import_run *run, size_t g)
{
	const struct import_ics_guess *gu = &run->r.guesses[g];
	const struct session *cur;
	size_t k;

	for (k = 0; k < run->r.n; k++)
		if (strcmp(run->r.v[k].source, gu->file) == 0)
			break;
	if (k == run->r.n || !strlist_has(&run->r.v[k].unchanged, gu->uid) ||
	    (cur = editor_session(pl->ed, gu->uid, DAIS_TIME_NONE)) == NULL)
		return false;
	import_ics_set_room(&run->r, g, cur->room_id);
	return true;
}

/* The next guess to ask about from run->guess on, or nguesses. */
static size_t
next_guess(struct planner *pl, struct import_run *run)
{
	size_t g = run->guess;

	while (g < run->r.nguesses &&
	       (!guess_taken(run, g) || answered_before(pl, run, g)))
		g++;
	return g;
}

static char *
chosen(struct planner *pl, struct chooser *ch, const struct chooser_item *it)
{
	struct import_run *run = ch->arg;
	const struct import_ics_guess *g = &run->r.guesses[run->guess];
	const char *room = it->index == ITEM_PROPOSED ? g->room_id
	                   : it->index == ITEM_UNLINKED
	                       ? NULL
	                       : pl->p->rooms[it->index - 2].id;

	run->unlinked += room == NULL;
	import_ics_set_room(&run->r, run->guess, room);
	run->guess++;
	run->guess = next_guess(pl, run);
	/* The run goes on past this chooser: it is not its to free. */
	ch->arg = NULL;
	if (run->guess < run->r.nguesses) {
		/* The next question is made before this one closes, so the
		 * chooser's own "close me" finds another on top. */
		ask(pl, run);
	} else {
		layer_close(pl);
		import_apply(pl, run);
	}
	return NULL;
}

/* The question about run's current guess, over whatever is on top (the
 * previous question is closed once this one is made). */
static void
ask(struct planner *pl, struct import_run *run)
{
	const struct import_ics_guess *g = &run->r.guesses[run->guess];
	const struct room *proposed = programme_find_room(pl->p, g->room_id);
	struct chooser *ch = chooser_new(preview, chosen, run, run_abandoned);
	struct chooser_item *it;
	size_t i;
	char *base = strrchr(g->file, '/');

	base = base != NULL ? base + 1 : g->file;
	ch->title =
	    xasprintf("Import %zu of %zu: %s says LOCATION '%s': "
	              "which room?",
	              run->guess + 1, run->r.nguesses, base, g->location);
	/* The title would cut the question short; titles repeat. */
	ch->head = xasprintf("The event: %s. The closest room name is "
	                     "proposed; Enter takes it, or type to find "
	                     "another.",
	                     g->label);
	ch->cancelled = "Import stopped: nothing imported.";
	ch->wide_text = true;
	it = chooser_add(ch);
	it->index = ITEM_PROPOSED;
	it->text = xstrdup(proposed != NULL ? proposed->name : g->room_id);
	it->detail = xasprintf("%s, the closest name", g->room_id);
	it->match = xasprintf("%s %s", it->text, g->room_id);
	it = chooser_add(ch);
	it->index = ITEM_UNLINKED;
	it->text = xstrdup("(leave it unlinked)");
	it->detail = xstrdup("no room");
	it->match = xstrdup("leave unlinked none no room");
	for (i = 0; i < pl->p->nrooms; i++) {
		const struct room *r = &pl->p->rooms[i];

		if (strcmp(r->id, g->room_id) == 0)
			continue;
		it = chooser_add(ch);
		it->index = i + 2;
		it->text = xstrdup(r->name != NULL ? r->name : r->id);
		it->detail = xstrdup(r->id);
		it->match = xasprintf("%s %s", it->text, r->id);
	}
	if (chooser_of(pl) != NULL)
		layer_close(pl); /* the previous question, its arg handed on */
	chooser_open(pl, ch);
}

static void
summary_closed(struct planner *pl, int key)
{
	(void)pl;
	(void)key;
}

/* Whether line i of the engine's report is a closest-name guess's. */
static bool
is_guess_line(const struct import_ics_result *r, size_t i)
{
	size_t g;

	for (g = 0; g < r->nguesses; g++)
		if (r->guesses[g].report_line == i)
			return true;
	return false;
}

/* The report `dais import` prints, and what the planner adds to it. */
static void
say_report(struct planner *pl, const struct import_run *run, const char *head,
           const char *refused, size_t added, size_t updated)
{
	struct strbuf q = {0};
	struct strlist summary = {0};
	size_t i;

	strbuf_addstr(&q, head);
	if (run->unlinked > 0)
		strbuf_addf(&q, "\n%zu left unlinked by your answer.",
		            run->unlinked);
	for (i = 0; i < run->r.report.n; i++)
		/* The closest-name links were asked about. */
		if (!is_guess_line(&run->r, i))
			strbuf_addf(&q, "\n%s", run->r.report.v[i]);
	for (i = 0; i < run->warnings.n; i++)
		strbuf_addf(&q, "\n%s", run->warnings.v[i]);
	if (refused != NULL)
		strbuf_addstr(&q, refused);
	import_ics_summary(
	    &run->r, added + updated > 0 ? "go, when saved, to" : "are in", "",
	    &summary);
	for (i = 0; i < summary.n; i++)
		strbuf_addf(&q, "\n%s", summary.v[i]);
	strlist_clear(&summary);
	strbuf_addstr(&q, "\nAny key closes this.");
	confirm_open(pl, q.v, NULL, summary_closed);
	strbuf_free(&q);
}

/*
 * Puts the sessions of run's calendar that the import takes from the
 * source (new ones, and those changed only in the source) into the
 * programme as the loader reads them, as one edit, in the import's file;
 * the rest (kept as dais has them, left out) stay as they are. Then keeps
 * the import for the save (import_save) and says what came in.
 */
static void
import_apply(struct planner *pl, struct import_run *run)
{
	struct diag_list d = {0};
	struct session *states = NULL;
	struct import_pending *q;
	struct import_state *st;
	const struct import_ics_out *o = &run->r.v[0];
	struct strbuf refused = {0};
	size_t i, n = 0, added = 0, updated = 0, source;
	char *desc, *head, *base = strrchr(run->path, '/');
	const struct session *first = NULL;

	base = base != NULL ? base + 1 : run->path;
	if (!import_ics_sessions(pl->p, &run->r, &states, &n, &d)) {
		char *why = d.n > 0 ? diag_format(&d.v[0]) : NULL;

		planner_message(pl, true, "Nothing imported: %s",
		                why != NULL ? why
		                            : "the calendar does not load");
		free(why);
		diag_clear(&d);
		run_free(run);
		return;
	}
	diag_clear(&d);
	source = programme_add_file(pl->p, o->name);
	desc = xasprintf("Imported %s into %s", base, o->name);
	editor_begin_group(pl->ed, desc);
	for (i = 0; i < n; i++) {
		struct session *s = &states[i];
		const struct session *cur;
		const char *why = NULL;

		s->source = (int)source;
		if (!strlist_has(&o->taken, s->uid))
			continue;
		cur = editor_session(pl->ed, s->uid, s->recurrence_id);
		if (cur != NULL && session_equal(cur, s))
			continue;
		if (!edit_put(pl->ed, s->uid, s->recurrence_id, s, &why)) {
			strbuf_addf(&refused, "\nNot imported: '%s' (%s): %s",
			            s->title ? s->title : "", s->uid,
			            why ? why : "refused");
			continue;
		}
		if (cur == NULL)
			added++;
		else
			updated++;
		if (first == NULL)
			first = s;
	}
	if (added + updated > 0)
		editor_end_group(pl->ed);
	else
		editor_cancel_group(pl->ed);
	if (added + updated > 0)
		head = xasprintf("Imported %s as one edit: %zu new session%s, "
		                 "%zu updated from the source (u undoes it; s "
		                 "saves it into %s, as dais import writes it).",
		                 run->path, added, added == 1 ? "" : "s",
		                 updated, o->name);
	else
		head = xasprintf("Nothing to take from %s: the programme has "
		                 "what it gives%s.",
		                 run->path,
		                 o->conflicts > 0 ? " (s records that the "
		                                    "source's changes were "
		                                    "seen)"
		                                  : "");
	say_report(pl, run, head, refused.n > 0 ? refused.v : NULL, added,
	           updated);
	free(head);
	if (first != NULL &&
	    (first = editor_session(pl->ed, first->uid,
	                            first->recurrence_id)) != NULL)
		planner_jump(pl, first);
	planner_message(pl, refused.n > 0 && added + updated == 0,
	                "Imported %zu new and %zu updated session%s from %s.",
	                added, updated, added + updated == 1 ? "" : "s", base);
	strbuf_free(&refused);
	/* The file is written at the next save, if the edit stands; an
	 * import that changed no session may still change the file's
	 * record (a change on both sides, said once). */
	if (added + updated == 0 && o->conflicts == 0) {
		free(desc);
		sessions_free(states, n);
		run_free(run);
		return;
	}
	if (pl->imports == NULL)
		pl->imports = xcalloc(1, sizeof *pl->imports);
	st = pl->imports;
	XGROW(st->v, st->n, st->cap);
	q = &st->v[st->n++];
	memset(q, 0, sizeof *q);
	q->r = run->r;
	memset(&run->r, 0, sizeof run->r);
	q->description = desc;
	q->applied = true;
	q->states = states;
	q->n = n;
	run_free(run);
}

/* Why a calendar gave no session: every event left out (already in the
 * programme by its UID, say, when a delegation's calendar is read again),
 * or none in it at all. */
static char *
nothing_imported(const char *path, const struct import_ics_result *r)
{
	struct strbuf b = {0};

	if (r->skipped == 0 && r->outside == 0)
		return xasprintf("%s: no event in it; nothing imported.", path);
	strbuf_addf(&b, "%s: nothing imported:", path);
	if (r->skipped > 0)
		strbuf_addf(&b,
		            " %s%zu event%s already in the programme "
		            "(the same UID)",
		            r->outside > 0 ? "" : "its ", r->skipped,
		            r->skipped == 1 ? " is" : "s are");
	if (r->outside > 0)
		strbuf_addf(&b,
		            "%s %zu event%s on no conference day ('dais "
		            "import --all-dates' takes them)",
		            r->skipped > 0 ? ";" : "", r->outside,
		            r->outside == 1 ? " is" : "s are");
	strbuf_addstr(&b, ". 'dais import --dry-run' lists each.");
	return strbuf_take(&b);
}

/* Why an import of a source whose earlier import is file `name` cannot
 * be made now (the caller frees it), or NULL: the engine compares the
 * file as it is on disk with the source, so what the planner holds of it
 * must be saved first. */
static char *
unsaved_in(struct planner *pl, const char *name)
{
	struct edit_change *ch = NULL;
	long at = file_index(pl->p, name);
	size_t n = editor_changes(pl->ed, &ch), i;
	bool unsaved = false;

	for (i = 0; i < n && !unsaved && at >= 0; i++) {
		const struct session *now =
		    editor_session(pl->ed, ch[i].uid, ch[i].recurrence_id);

		unsaved = (ch[i].saved != NULL && ch[i].saved->source == at) ||
		          (now != NULL && now->source == at);
	}
	free(ch);
	for (i = 0; pl->imports != NULL && i < pl->imports->n && !unsaved; i++)
		unsaved = strcmp(pl->imports->v[i].r.v[0].name, name) == 0;
	if (!unsaved)
		return NULL;
	return xasprintf("%s, where this calendar was imported before, has "
	                 "unsaved edits: save them (s), then import it again",
	                 name);
}

/* The path typed: read it through the engine and the loader; a refusal
 * stays in the prompt. */
static char *
import_typed(struct planner *pl, const char *text)
{
	struct import_run *run;
	struct diag_list d = {0};
	struct session *sessions = NULL;
	const char *src;
	char *path = trim_spaces_dup(text), *why = NULL;
	size_t i, n = 0;

	if (path[0] == '\0') {
		free(path);
		return xstrdup("Type the path of a calendar file (.ics).");
	}
	run = xcalloc(1, sizeof *run);
	run->path = path;
	src = path;
	/* The loader's checks first, so that a calendar that cannot come in
	 * is refused here, before any question. */
	if (!import_ics_read(pl->p, &src, 1, &run->r, &d) ||
	    !import_ics_sessions(pl->p, &run->r, &sessions, &n, &d)) {
		for (i = 0; i < d.n && why == NULL; i++)
			if (d.v[i].level == DIAG_ERROR)
				why = diag_format(&d.v[i]);
		if (why == NULL)
			why = xasprintf("%s: cannot be imported", path);
		diag_clear(&d);
		run_free(run);
		return why;
	}
	sessions_free(sessions, n);
	for (i = 0; i < d.n; i++) {
		char *line;

		/* An attendee no participant matched: the engine's report
		 * says so already, with what to do. */
		if (d.v[i].kind == DIAG_KIND_ATTENDEE_UNLINKED)
			continue;
		line = diag_format(&d.v[i]);
		strlist_add(&run->warnings, line);
		free(line);
	}
	diag_clear(&d);
	if (run->r.n == 0) {
		why = nothing_imported(path, &run->r);
		run_free(run);
		return why;
	}
	if ((why = unsaved_in(pl, run->r.v[0].name)) != NULL) {
		run_free(run);
		return why;
	}
	layer_close(pl); /* the prompt: its answer is taken */
	run->guess = next_guess(pl, run);
	if (run->guess < run->r.nguesses)
		ask(pl, run);
	else
		import_apply(pl, run);
	return NULL;
}

void
import_open(struct planner *pl)
{
	prompt_open(pl, "Import calendar (.ics file): ", "", import_typed);
}
