/*
 * sync.c: the planner's side of a team's CalDAV server (sync.h). The
 * sync itself is caldav_sync, run in a thread: it only reads and writes
 * the working copy's files and .dais-sync, never the planner's state,
 * and the planner does not save while it runs (planner_sync_wait stops
 * it after a second), so the two never touch the same thing. What it brought in
 * is taken in on the main thread, between keys: a reload with the unsaved edits
 * put back, then one question per session changed on both sides, whose answers
 * go to the next sync as its choices.
 *
 * Waiting: the planner gives a server 5 s to connect and 10 s of silence
 * (DAIS_HTTP_CONNECT_TIMEOUT and DAIS_HTTP_STALL_TIMEOUT still win), but
 * as the sync runs in the background even those never stop editing: a
 * stalled server shows "syncing" until the timeout, then a message. Quit
 * stops a running sync within about a second (libcurl's progress call).
 */
#include "sync.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dais/caldav_sync.h"
#include "dais/edit_registry.h"
#include "dais/load.h"
#include "dais/session_field.h"
#include "dais/strbuf.h"
#include "dais/textwidth.h"
#include "dais/xalloc.h"
#include "planner.h"
#include "term.h"

/* Seconds the planner waits for a server (caldav_set_patience). */
#define PLANNER_CONNECT_TIMEOUT 5
#define PLANNER_STALL_TIMEOUT   10
/* Titles in the question are cut to this many columns. */
#define TITLE_COLUMNS 40

struct planner_sync {
	char *dir;
	char *broken;  /* why [server] cannot be used, or NULL */
	char note[64]; /* planner_sync_note's */

	/* The sync running (or finished, not yet joined). */
	bool running;
	pthread_t thread;
	atomic_bool done, cancel;
	struct sync_options o;
	char **unsaved;                  /* o.unsaved's strings */
	struct sync_choice_for *choices; /* o.choices, uids owned */
	struct sync_report r;
	struct diag_list diags;
	/* Finished and joined; taken in when no layer is open. */
	bool finished;
	/* Another sync was asked for while this one ran. */
	bool again;
	bool asked; /* this one was asked for (S): its result is said */

	/* Answers given since the last sync started, for the next one. */
	struct sync_choice_for *pending;
	size_t npending;
	/* The sessions being asked about (moved out of a report). */
	struct sync_conflict *asking;
	size_t nasking, at;
	bool save_first; /* "keep mine" for a session with unsaved edits */
};

static void *
run_sync(void *arg)
{
	struct planner_sync *s = arg;

	caldav_sync(s->dir, &s->o, &s->r, &s->diags);
	atomic_store(&s->done, true);
	term_wake();
	return NULL;
}

/* Frees what one sync was given and gave (its report included). */
static void
job_clear(struct planner_sync *s)
{
	size_t i;

	for (i = 0; i < s->o.nunsaved; i++)
		free(s->unsaved[i]);
	free(s->unsaved);
	s->unsaved = NULL;
	for (i = 0; i < s->o.nchoices; i++)
		free((char *)s->choices[i].uid);
	free(s->choices);
	s->choices = NULL;
	memset(&s->o, 0, sizeof s->o);
	sync_report_free(&s->r);
	diag_clear(&s->diags);
	free(s->diags.v);
	memset(&s->diags, 0, sizeof s->diags);
	s->finished = false;
}

static void
asking_clear(struct planner_sync *s)
{
	size_t i;

	for (i = 0; i < s->nasking; i++) {
		free(s->asking[i].uid);
		free(s->asking[i].title);
		free(s->asking[i].aside);
		session_destroy(s->asking[i].theirs);
	}
	free(s->asking);
	s->asking = NULL;
	s->nasking = s->at = 0;
}

static void
set_note(struct planner_sync *s, const char *what, time_t when)
{
	char hm[16] = "";
	struct tm tm;

	if (when != 0 && localtime_r(&when, &tm) != NULL)
		strftime(hm, sizeof hm, " %H:%M", &tm);
	snprintf(s->note, sizeof s->note, "%s%s", what, hm);
}

void
planner_sync_open(struct planner *pl)
{
	struct caldav_server srv = {0};
	struct diag_list diags = {0};
	bool present = false;

	if (pl->sync != NULL)
		return;
	if (!caldav_server_read(pl->p->dir, &srv, &present, &diags)) {
		/* a wrong [server] is said on S, not over what the
		 * planner says first (a restored journal) */
		if (present) {
			pl->sync = xcalloc(1, sizeof *pl->sync);
			pl->sync->dir = xstrdup(pl->p->dir);
			pl->sync->broken =
			    diags.n > 0 ? diag_format(&diags.v[0])
			                : xstrdup("conference.ini's [server] "
			                          "section is wrong");
			set_note(pl->sync, "not syncing: S says why", 0);
		}
		diag_clear(&diags);
		free(diags.v);
		return;
	}
	caldav_server_clear(&srv);
	diag_clear(&diags);
	free(diags.v);
	pl->sync = xcalloc(1, sizeof *pl->sync);
	pl->sync->dir = xstrdup(pl->p->dir);
	if (pl->read_only != NULL) {
		set_note(pl->sync, "not syncing (read-only)", 0);
		return;
	}
	planner_sync_start(pl, false);
}

/* The UIDs the editor has unsaved changes to, once each. */
static size_t
unsaved_uids(const struct planner *pl, char ***out)
{
	struct edit_change *ch = NULL;
	size_t n = editor_changes(pl->ed, &ch), i, k = 0;
	char **v = xcalloc(n + 1, sizeof *v);

	for (i = 0; i < n; i++)
		if (k == 0 || strcmp(v[k - 1], ch[i].uid) != 0)
			v[k++] = xstrdup(ch[i].uid); /* sorted by UID */
	free(ch);
	*out = v;
	return k;
}

void
planner_sync_start(struct planner *pl, bool asked)
{
	struct planner_sync *s = pl->sync;

	if (s == NULL) {
		if (asked)
			planner_message(
			    pl, true,
			    "No team server: add a [server] section "
			    "to conference.ini (url, user; "
			    "dais-programme(5)) and open the "
			    "programme again.");
		return;
	}
	if (s->broken != NULL) {
		if (asked)
			planner_message(pl, true,
			                "Not syncing: %s; correct it and open "
			                "the programme again.",
			                s->broken);
		return;
	}
	if (pl->read_only != NULL) {
		if (asked)
			planner_message(pl, true,
			                "Read-only: the planner that holds the "
			                "programme syncs it.");
		return;
	}
	if (s->running || s->finished) {
		s->again = true;
		if (asked)
			planner_message(
			    pl, false,
			    "A sync is running; another follows it.");
		return;
	}
	s->o.nunsaved = unsaved_uids(pl, &s->unsaved);
	s->o.unsaved = (const char *const *)s->unsaved;
	s->choices = s->pending;
	s->o.choices = s->pending;
	s->o.nchoices = s->npending;
	s->pending = NULL;
	s->npending = 0;
	s->o.connect_timeout = PLANNER_CONNECT_TIMEOUT;
	s->o.stall_timeout = PLANNER_STALL_TIMEOUT;
	s->o.cancel = &s->cancel;
	atomic_store(&s->done, false);
	atomic_store(&s->cancel, false);
	if (pthread_create(&s->thread, NULL, run_sync, s) != 0) {
		job_clear(s);
		planner_message(pl, true,
		                "Could not start a sync (no thread): try S "
		                "again, or quit and run 'dais sync'.");
		return;
	}
	s->running = true;
	s->asked = asked;
	set_note(s, "syncing", 0);
	if (asked)
		planner_message(pl, false, "Syncing with %s ...", s->dir);
}

/* Joins a finished (or, with wait, running) sync. */
static void
join(struct planner_sync *s, bool wait)
{
	if (!s->running || (!wait && !atomic_load(&s->done)))
		return;
	pthread_join(s->thread, NULL);
	s->running = false;
	s->finished = true;
}

static bool
chose_theirs(const struct planner_sync *s, const char *uid)
{
	size_t i;

	for (i = 0; i < s->o.nchoices; i++)
		if (s->choices[i].choice == SYNC_THEIRS &&
		    strcmp(s->choices[i].uid, uid) == 0)
			return true;
	return false;
}

static bool
in_list(char *const *v, size_t n, const char *uid)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], uid) == 0)
			return true;
	return false;
}

/* An unsaved edit, kept over a reload: a session's or a registry
 * entry's (participants, rooms, buildings, walks). */
struct kept {
	char *uid;
	dais_time rid;
	struct session *state; /* NULL: deleted */
	bool is_entry;
	enum registry_kind kind;
	struct registry_item *entry; /* NULL: removed */
};

/*
 * Puts the kept edits back over the reload, each on its own: one that
 * cannot be put back (what it names went meanwhile) is named, and the
 * others stay. The journal was started afresh from the reload, so what is
 * not put back is nowhere else: the message says so.
 */
static void
put_back(struct planner *pl, const struct kept *kept, size_t nkept)
{
	struct strbuf failed = {0};
	const char *why = NULL, *first_why = NULL;
	size_t i, nfailed = 0;

	editor_begin_group(pl->ed, "Your unsaved edits, kept over the sync");
	for (i = 0; i < nkept; i++) {
		const struct kept *k = &kept[i];
		const char *name;

		if (k->is_entry
		        ? edit_registry_restore(pl->ed, k->kind, k->uid,
		                                k->entry, &why)
		        : edit_put(pl->ed, k->uid, k->rid, k->state, &why))
			continue;
		name = !k->is_entry && k->state != NULL && k->state->title
		           ? k->state->title
		           : k->uid;
		strbuf_addf(&failed, "%s'%s'", nfailed > 0 ? ", " : "", name);
		if (first_why == NULL)
			first_why = why;
		nfailed++;
	}
	editor_end_group(pl->ed);
	if (nfailed > 0)
		planner_message(pl, true,
		                "Synced, but %zu of your unsaved edits could "
		                "not be put back (%s: %s) and are lost; the "
		                "other %zu are kept",
		                nfailed, failed.v,
		                first_why ? first_why : "refused",
		                nkept - nfailed);
	free(failed.v);
}

/* The registry entries the editor has unsaved changes to, into kept. */
static size_t
keep_entries(const struct planner *pl, struct kept **kept, size_t n)
{
	struct registry_change *rc;
	size_t k, i, m;

	for (k = 0; k < REGISTRY_KIND_COUNT; k++) {
		rc = NULL;
		m = editor_registry_changes(pl->ed, (enum registry_kind)k, &rc);
		*kept = xreallocarray(*kept, n + m + 1, sizeof **kept);
		for (i = 0; i < m; i++, n++) {
			memset(&(*kept)[n], 0, sizeof **kept);
			(*kept)[n].is_entry = true;
			(*kept)[n].kind = (enum registry_kind)k;
			(*kept)[n].uid = xstrdup(rc[i].id);
			if (rc[i].now != NULL) {
				(*kept)[n].entry =
				    xcalloc(1, sizeof *(*kept)[n].entry);
				registry_item_copy((*kept)[n].entry, rc[i].now);
			}
		}
		free(rc);
	}
	return n;
}

/*
 * The files hold what the sync brought: loads them again and puts the
 * unsaved edits back on top, as one undoable edit. Sessions the user took
 * the server's version of are not put back. *overlap gets the title of a
 * session edited while the sync brought the server's version of it (the
 * user's stays on screen; u shows theirs). False when the files do not
 * load (the screen keeps what it had; the message says why).
 */
static bool
reload_keeping_edits(struct planner *pl, char **overlap)
{
	struct planner_sync *s = pl->sync;
	struct edit_change *ch = NULL;
	struct diag_list diags = {0};
	struct programme *np;
	struct kept *kept;
	size_t n = editor_changes(pl->ed, &ch), nkept = 0, i;
	char *lost = NULL;
	bool ok = true;

	/* entries first: sessions may name a participant made since */
	kept = NULL;
	nkept = keep_entries(pl, &kept, 0);
	kept = xreallocarray(kept, nkept + n + 1, sizeof *kept);
	for (i = 0; i < n; i++) {
		const struct session *now =
		    editor_session(pl->ed, ch[i].uid, ch[i].recurrence_id);

		if (chose_theirs(s, ch[i].uid))
			continue;
		if (*overlap == NULL &&
		    in_list(s->r.got_uids, s->r.ngot, ch[i].uid) &&
		    !in_list(s->unsaved, s->o.nunsaved, ch[i].uid))
			*overlap = xstrdup(now ? now->title : ch[i].uid);
		memset(&kept[nkept], 0, sizeof *kept);
		kept[nkept].uid = xstrdup(ch[i].uid);
		kept[nkept].rid = ch[i].recurrence_id;
		if (now != NULL) {
			kept[nkept].state = xcalloc(1, sizeof *now);
			session_copy(kept[nkept].state, now);
		}
		nkept++;
	}
	free(ch);
	np = programme_load(s->dir, &diags);
	if (diag_count(&diags, DIAG_ERROR) > 0) {
		char *first = diag_format(&diags.v[0]);

		for (i = 0; i < diags.n; i++)
			if (diags.v[i].level == DIAG_ERROR) {
				free(first);
				first = diag_format(&diags.v[i]);
				break;
			}
		planner_message(pl, true,
		                "Synced, but the programme on disk does not "
		                "load (%s): the screen shows it as it was; "
		                "fix the file, then open it again",
		                first);
		free(first);
		programme_free(np);
		ok = false;
	} else {
		if (!planner_replace_programme(pl, np, &lost))
			planner_message(pl, true,
			                "Synced, but the recovery journal "
			                "could not be written (%s): save often",
			                lost);
		free(lost);
		if (nkept > 0)
			put_back(pl, kept, nkept);
	}
	for (i = 0; i < nkept; i++) {
		free(kept[i].uid);
		session_destroy(kept[i].state);
		if (kept[i].entry != NULL)
			registry_item_free(kept[i].entry);
		free(kept[i].entry);
	}
	free(kept);
	diag_clear(&diags);
	free(diags.v);
	return ok;
}

/* Whether two states of a session have different titles. */
static bool
titles_differ(const struct session *a, const struct session *b)
{
	return a != NULL && b != NULL &&
	       strcmp(a->title ? a->title : "", b->title ? b->title : "") != 0;
}

/*
 * One side of the question: day, time, room, title, people. The title is
 * cut to TITLE_COLUMNS unless it differs from the other side's: two long
 * titles cut at the same place would hide the very change asked about.
 */
static void
describe(struct strbuf *t, struct planner *pl, const struct session *s,
         const struct session *other)
{
	char day[DAIS_TIMEBUF], span[DAIS_TIMEBUF];
	int d;
	char *title;

	if (s == NULL) {
		strbuf_addf(t, "deleted");
		return;
	}
	d = programme_day_of(pl->p, s->start);
	title = titles_differ(s, other)
	            ? xstrdup(s->title ? s->title : "")
	            : text_truncate(s->title ? s->title : "", TITLE_COLUMNS);
	strbuf_addf(t, "%s %s, %s, '%s', %zu %s%s",
	            d >= 0 ? planner_day_label(pl, d, day) : "(no day)",
	            planner_span(pl, s, span), planner_room_name(pl, s), title,
	            s->nassign, s->nassign == 1 ? "person" : "people",
	            s->status == SESSION_CANCELLED ? ", cancelled" : "");
	free(title);
}

/* "Differs: title, time": what the two versions do not share, so that a
 * change the lines above do not show (a description, notes) is named. */
static void
differs(struct strbuf *t, const struct session *a, const struct session *b)
{
	static const struct {
		unsigned group;
		const char *name;
	} names[] = {
	    {SESSION_GROUP_TITLE, "title"},
	    {SESSION_GROUP_TIME, "time"},
	    {SESSION_GROUP_ROOM, "room"},
	    {SESSION_GROUP_STATUS, "status"},
	    {SESSION_GROUP_PEOPLE, "people"},
	    {SESSION_GROUP_OTHER, "other details"},
	};
	unsigned g = session_diff_groups(a, b, false);
	size_t i, n = 0;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (g & names[i].group)
			strbuf_addf(t, "%s%s", n++ == 0 ? "\nDiffers: " : ", ",
			            names[i].name);
}

static void ask_next(struct planner *pl);

static bool
sync_answers(struct planner *pl, int key)
{
	enum action a = keymap_lookup(&pl->cfg->keys, CTX_FORM, key);

	(void)pl;
	return key == 'm' || key == 'M' || key == 't' || key == 'T' ||
	       key == 'q' || a == ACT_FORM_CANCEL;
}

/* Every question answered (or put off): the choices go to a sync. */
static void
asked_all(struct planner *pl)
{
	struct planner_sync *s = pl->sync;
	bool save = s->save_first;

	asking_clear(s);
	s->save_first = false;
	if (s->npending == 0)
		return;
	if (save && editor_dirty(pl->ed))
		planner_save(pl); /* its sync takes the choices */
	else
		planner_sync_start(pl, false);
}

static void
sync_answered(struct planner *pl, int key)
{
	struct planner_sync *s = pl->sync;
	const struct sync_conflict *c = &s->asking[s->at];
	enum sync_choice ch;

	if (key != 'm' && key != 'M' && key != 't' && key != 'T') {
		planner_message(
		    pl, false, "Left as they are on both sides; S asks again.");
		s->at = s->nasking;
		asked_all(pl);
		return;
	}
	ch = (key == 'm' || key == 'M') ? SYNC_MINE : SYNC_THEIRS;
	if (ch == SYNC_MINE &&
	    editor_session_changed(pl->ed, c->uid, DAIS_TIME_NONE, NULL))
		s->save_first = true;
	s->pending =
	    xreallocarray(s->pending, s->npending + 1, sizeof *s->pending);
	s->pending[s->npending].uid = xstrdup(c->uid);
	s->pending[s->npending++].choice = ch;
	s->at++;
	ask_next(pl);
}

static void
ask_next(struct planner *pl)
{
	struct planner_sync *s = pl->sync;
	const struct sync_conflict *c;
	struct strbuf t = {0};
	const struct session *mine;
	long i;
	char *title;

	if (s->at >= s->nasking) {
		asked_all(pl);
		return;
	}
	c = &s->asking[s->at];
	i = programme_find_session(pl->p, c->uid, DAIS_TIME_NONE);
	mine = i >= 0 ? &pl->p->sessions[i] : NULL;
	title = text_truncate(c->title ? c->title : c->uid, TITLE_COLUMNS);
	strbuf_addf(&t, "Sync: '%s' was %s (%zu of %zu).\n", title,
	            c->kind == SYNC_DELETED_THERE
	                ? "changed here and deleted on the server"
	            : c->kind == SYNC_DELETED_HERE
	                ? "deleted here and changed on the server"
	                : "changed here and on the server",
	            s->at + 1, s->nasking);
	free(title);
	strbuf_addf(&t, "Yours:  ");
	describe(&t, pl, mine, c->theirs);
	strbuf_addf(&t, "\nServer: ");
	describe(&t, pl, c->theirs, mine);
	if (c->aside != NULL)
		strbuf_addf(&t, " (in %s)", c->aside);
	if (mine != NULL && c->theirs != NULL)
		differs(&t, mine, c->theirs);
	strbuf_addf(&t,
	            "\nm keep yours%s · t take the server's · Esc decide "
	            "later",
	            editor_session_changed(pl->ed, c->uid, DAIS_TIME_NONE, NULL)
	                ? " (saves your edits)"
	                : "");
	confirm_open(pl, t.v, sync_answers, sync_answered);
	free(t.v);
}

/* Takes in a finished sync: reload, status, questions. */
static void
take_in(struct planner *pl)
{
	struct planner_sync *s = pl->sync;
	struct sync_report *r = &s->r;
	char *line, *overlap = NULL;
	size_t i, n = 0, others;

	if (r->files_changed)
		reload_keeping_edits(pl, &overlap);
	line = sync_report_status(r);
	set_note(s, r->complete ? "synced" : "sync failed", r->when);
	others = r->got_new + r->got_changed + r->got_deleted;
	if (r->complete && others > 0) {
		size_t len = strlen(s->note);

		snprintf(s->note + len, sizeof s->note - len,
		         ", %zu from others", others);
	}
	if (overlap != NULL) {
		planner_message(pl, true,
		                "%s; '%s' was changed by others while you "
		                "edited it: yours is on screen (u shows "
		                "theirs)",
		                line, overlap);
		free(overlap);
	} else if (!r->complete || r->nconflicts > 0 || r->nbad > 0 ||
	           r->nunsent > 0 || r->files_changed || s->asked ||
	           r->put_new + r->put_changed + r->put_deleted > 0) {
		planner_message(pl,
		                !r->complete || r->nbad > 0 || r->nunsent > 0,
		                "%s", line);
	}
	free(line);
	/* the conflicts to ask about; one changed meanwhile is compared
	 * again by the next sync */
	asking_clear(s);
	s->asking = xcalloc(r->nconflicts + 1, sizeof *s->asking);
	for (i = 0; i < r->nconflicts; i++) {
		if (r->conflicts[i].kind == SYNC_CHANGED_MEANWHILE)
			continue;
		s->asking[n++] = r->conflicts[i];
		memset(&r->conflicts[i], 0, sizeof r->conflicts[i]);
	}
	s->nasking = n;
	job_clear(s);
	if (s->nasking > 0)
		ask_next(pl);
}

void
planner_sync_poll(struct planner *pl)
{
	struct planner_sync *s = pl->sync;

	if (s == NULL)
		return;
	join(s, false);
	if (s->finished && layer_top(pl) == NULL)
		take_in(pl);
	/* Not under an open layer: a dialog's answer may write the files
	 * (a merge, a save) and a sync would write them at the same time. */
	if (s->again && !s->running && !s->finished && layer_top(pl) == NULL) {
		s->again = false;
		planner_sync_start(pl, false);
	}
}

void
planner_sync_wait(struct planner *pl)
{
	struct planner_sync *s = pl->sync;
	struct timespec tick = {0, 50 * 1000 * 1000};
	int i;

	if (s == NULL || (!s->running && !s->finished))
		return;
	/* A second for it to end; then it is stopped, which a sync allows
	 * at any point (the next one finishes it), so a save never waits
	 * for a slow server. */
	for (i = 0; i < 20 && s->running && !atomic_load(&s->done); i++)
		nanosleep(&tick, NULL);
	if (s->running && !atomic_load(&s->done)) {
		atomic_store(&s->cancel, true);
		s->again = true;
	}
	join(s, true);
	/* a question over the save's own is asked after it; and the reload
	 * closes every layer, so under an open one (maybe the caller's own,
	 * answering) it waits for the next poll */
	if (s->finished && s->nasking == 0 && layer_top(pl) == NULL)
		take_in(pl);
}

void
planner_sync_free(struct planner *pl)
{
	struct planner_sync *s = pl->sync;
	size_t i;

	if (s == NULL)
		return;
	if (s->running) {
		atomic_store(&s->cancel, true);
		join(s, true);
	}
	job_clear(s);
	asking_clear(s);
	for (i = 0; i < s->npending; i++)
		free((char *)s->pending[i].uid);
	free(s->pending);
	free(s->broken);
	free(s->dir);
	free(s);
	pl->sync = NULL;
}

const char *
planner_sync_note(const struct planner *pl)
{
	return pl->sync != NULL && pl->sync->note[0] ? pl->sync->note : NULL;
}
