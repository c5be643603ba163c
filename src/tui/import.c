/*
 * import.c: I in the planner: another client's calendar into the programme
 * through the import engine (import_ics.h), which links rooms and people
 * as `dais import` does. Each LOCATION linked by the closest name only is
 * a question, a chooser of rooms: the proposed one first, then "leave it
 * unlinked", then the other rooms. The sessions go in as one edit (one
 * undo removes them all), saved, journalled and checked like any other;
 * the source file is only read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chooser.h"
#include "dais/import_ics.h"
#include "dais/strbuf.h"
#include "dais/trim.h"
#include "dais/xalloc.h"
#include "planner.h"

/* An import between the file being read and its sessions added: owned by
 * the chooser asking about its current guess, handed on to the next. */
struct import_run {
	char *path;
	struct import_ics_result r;
	struct session *sessions;
	size_t n;
	size_t guess; /* the guess being asked about */
	/* Per guess: the room decided (an id), or NULL for unlinked. */
	char **rooms;
	struct strlist warnings; /* the loader's, formatted */
};

static void
run_free(void *arg)
{
	struct import_run *run = arg;
	size_t i;

	if (run == NULL)
		return;
	for (i = 0; i < run->n; i++)
		session_free(&run->sessions[i]);
	free(run->sessions);
	/* rooms is made only once there are sessions to import */
	for (i = 0; run->rooms != NULL && i < run->r.nguesses; i++)
		free(run->rooms[i]);
	free(run->rooms);
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

static char *
chosen(struct planner *pl, struct chooser *ch, const struct chooser_item *it)
{
	struct import_run *run = ch->arg;
	const struct import_ics_guess *g = &run->r.guesses[run->guess];

	if (it->index == ITEM_PROPOSED)
		run->rooms[run->guess] = xstrdup(g->room_id);
	else if (it->index == ITEM_UNLINKED)
		run->rooms[run->guess] = NULL;
	else
		run->rooms[run->guess] =
		    xstrdup(pl->p->rooms[it->index - 2].id);
	run->guess++;
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
	ch->title = xasprintf("Import %zu of %zu: '%s' (%s) says LOCATION "
	                      "'%s': which room?",
	                      run->guess + 1, run->r.nguesses, g->title, base,
	                      g->location);
	ch->head = xstrdup("The closest room name is proposed; Enter takes "
	                   "it, or type to find another.");
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

/* Adds run's sessions, with the organiser's answers, as one edit; then
 * says what came in and what did not link. */
static void
import_apply(struct planner *pl, struct import_run *run)
{
	struct strbuf b = {0};
	size_t i, k, added = 0, refused = 0, unlinked = 0;
	char *first_uid = NULL, *base = strrchr(run->path, '/');
	const struct session *first;
	char *desc;

	base = base != NULL ? base + 1 : run->path;
	desc = xasprintf("Imported %s", base);
	editor_begin_group(pl->ed, desc);
	free(desc);
	for (i = 0; i < run->n; i++) {
		struct session *s = &run->sessions[i];
		const char *why = NULL;
		char *uid = NULL;

		for (k = 0; k < run->r.nguesses; k++) {
			if (strcmp(run->r.guesses[k].uid, s->uid) != 0)
				continue;
			free(s->room_id);
			s->room_id = run->rooms[k] != NULL
			                 ? xstrdup(run->rooms[k])
			                 : NULL;
			if (run->rooms[k] == NULL)
				unlinked++;
		}
		if (s->recurrence_id != DAIS_TIME_NONE) {
			strbuf_addf(&b,
			            "\nNot imported: '%s' (%s) repeats; dais "
			            "import takes a repeating event in.",
			            s->title ? s->title : "", s->uid);
			refused++;
			continue;
		}
		if (!edit_create(pl->ed, s, &uid, &why)) {
			strbuf_addf(&b, "\nNot imported: '%s' (%s): %s",
			            s->title ? s->title : "", s->uid,
			            why ? why : "refused");
			refused++;
			continue;
		}
		if (first_uid == NULL)
			first_uid = uid;
		else
			free(uid);
		added++;
	}
	if (added > 0)
		editor_end_group(pl->ed);
	else
		editor_cancel_group(pl->ed);
	{
		struct strbuf q = {0};

		if (added > 0)
			strbuf_addf(
			    &q,
			    "Imported %zu session%s from %s as one edit "
			    "(u undoes it; s saves it).",
			    added, added == 1 ? "" : "s", run->path);
		else
			strbuf_addf(&q, "Nothing imported from %s.", run->path);
		if (unlinked > 0)
			strbuf_addf(&q, "\n%zu left unlinked by your answer.",
			            unlinked);
		/* The planner's sessions hold what dais edits; an attendee
		 * with no participant has no place in them. */
		if (run->r.unlinked > 0)
			strbuf_addstr(&q,
			              "\nNot linked (an attendee no "
			              "participant matched is not kept here; "
			              "dais import keeps events whole):");
		for (i = 0; i < run->r.report.n; i++)
			/* The closest-name links were asked about. */
			if (!is_guess_line(&run->r, i))
				strbuf_addf(&q, "\n%s", run->r.report.v[i]);
		for (i = 0; i < run->warnings.n; i++)
			strbuf_addf(&q, "\n%s", run->warnings.v[i]);
		if (b.n > 0)
			strbuf_addstr(&q, b.v);
		strbuf_addstr(&q, "\nAny key closes this.");
		first = first_uid != NULL
		            ? editor_session(pl->ed, first_uid, DAIS_TIME_NONE)
		            : NULL;
		if (first != NULL)
			planner_jump(pl, first);
		planner_message(pl, refused > 0 && added == 0,
		                "Imported %zu of %zu sessions from %s.", added,
		                run->n, base);
		confirm_open(pl, q.v, NULL, summary_closed);
		strbuf_free(&q);
	}
	strbuf_free(&b);
	free(first_uid);
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

/* The path typed: read it through the engine and the loader; a refusal
 * stays in the prompt. */
static char *
import_typed(struct planner *pl, const char *text)
{
	struct import_run *run;
	struct diag_list d = {0};
	const char *src;
	char *path = trim_spaces_dup(text), *why = NULL;
	size_t i;

	if (path[0] == '\0') {
		free(path);
		return xstrdup("Type the path of a calendar file (.ics).");
	}
	run = xcalloc(1, sizeof *run);
	run->path = path;
	src = path;
	if (!import_ics_read(pl->p, &src, 1, &run->r, &d) ||
	    !import_ics_sessions(pl->p, &run->r, &run->sessions, &run->n, &d)) {
		for (i = 0; i < d.n && why == NULL; i++)
			if (d.v[i].level == DIAG_ERROR)
				why = diag_format(&d.v[i]);
		if (why == NULL)
			why = xasprintf("%s: cannot be imported", path);
		diag_clear(&d);
		run_free(run);
		return why;
	}
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
	if (run->n == 0) {
		why = nothing_imported(path, &run->r);
		run_free(run);
		return why;
	}
	run->rooms =
	    xcalloc(run->r.nguesses ? run->r.nguesses : 1, sizeof *run->rooms);
	layer_close(pl); /* the prompt: its answer is taken */
	if (run->r.nguesses > 0)
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
