/*
 * editor.c: the editor's history: undo and redo, groups, SEQUENCE, the
 * dirty flag and change tracking (see edit.h for the rules).
 *
 * Every edit is stored as before/after snapshots of the sessions it touched
 * (one step per session), so undo and redo put back exactly what was there.
 * The state of each session at the last save is kept only for sessions that
 * differ from it: that set is the dirty flag, the saver's change list and
 * the baseline of the SEQUENCE rule at once.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dais/strmap.h"
#include "dais/xalloc.h"
#include "edit_internal.h"

/* ---- Sessions compared --------------------------------------------- */

bool
session_equal_opt(const struct session *a, const struct session *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return session_equal(a, b);
}

struct session *
session_dup(const struct session *s)
{
	struct session *c;

	if (s == NULL)
		return NULL;
	c = xmalloc(sizeof *c);
	session_copy(c, s);
	return c;
}

const char *
session_label(const struct session *s)
{
	return s->title != NULL && *s->title != '\0' ? s->title : s->uid;
}

/* ---- Refusals and descriptions ------------------------------------- */

bool
refuse(struct editor *ed, const char **why, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	free(ed->why);
	ed->why = xvasprintf(fmt, ap);
	va_end(ap);
	if (why != NULL)
		*why = ed->why;
	return false;
}

/* "09:30-11:00", with the date first when `dated`. */
char *
span_fmt(const struct editor *ed, dais_time start, dais_time end, bool dated)
{
	const struct dais_zone *z = &ed->p->conf.zone;
	char d[DAIS_TIMEBUF], a[DAIS_TIMEBUF], b[DAIS_TIMEBUF];

	time_fmt_hm(a, z, start);
	time_fmt_hm(b, z, end);
	if (!dated)
		return xasprintf("%s-%s", a, b);
	date_fmt_long(d, time_local_date(z, start));
	return xasprintf("%s %s-%s", d, a, b);
}

bool
same_day(const struct editor *ed, dais_time a, dais_time b)
{
	const struct dais_zone *z = &ed->p->conf.zone;

	return date_compare(time_local_date(z, a), time_local_date(z, b)) == 0;
}

/* ---- The programme's sessions: finding and ordering ----------------- */

/*
 * Every lookup and re-sort of the sessions the editor makes goes through
 * these three, so that an index of the programme can serve them in one
 * place: editor_sessions_changed() is called once after each change to
 * p->sessions (added, removed, replaced), before anything looks again.
 */
/*
 * The index is made when first asked for, not by editor_new: the planner
 * draws its first screen before it and builds it right after (tui.c),
 * while the organiser reads that screen. It is a cache of the programme,
 * which editor_new sorted and which changes only through the editor, so
 * asking through a const editor may make it.
 */
static struct session_index *
index_of(const struct editor *ed)
{
	struct editor *cache = (struct editor *)ed; /* never a const object */

	if (cache->index == NULL)
		cache->index = session_index_new(cache->p);
	return cache->index;
}

long
editor_find(const struct editor *ed, const char *uid, dais_time rid)
{
	return session_index_find(index_of(ed), uid, rid);
}

bool
editor_uid_used(const struct editor *ed, const char *uid)
{
	return session_index_has_uid(index_of(ed), uid);
}

/* Only the sessions changed since the last call move (session_index.h). */
void
editor_sessions_changed(struct editor *ed)
{
	session_index_sort(index_of(ed));
}

/* ---- The saved state ------------------------------------------------ */

static long
saved_find(const struct editor *ed, const char *uid, dais_time rid)
{
	size_t i;

	for (i = 0; i < ed->nsaved; i++)
		if (ed->saved[i].rid == rid &&
		    strcmp(ed->saved[i].uid, uid) == 0)
			return (long)i;
	return -1;
}

static void
saved_remove(struct editor *ed, size_t i)
{
	free(ed->saved[i].uid);
	session_destroy(ed->saved[i].saved);
	ed->saved[i] = ed->saved[--ed->nsaved];
}

/* ---- Applying a state ----------------------------------------------- */

/*
 * Makes session (uid, rid) look like `target` (NULL: absent), with the
 * SEQUENCE rule applied against its saved state, and keeps the saved set
 * up to date. Returns whether the programme changed; if so, *pre and *post
 * (when not NULL) receive copies of the states before and after, which the
 * caller owns. Does not sort: the caller sorts once it is done.
 */
bool
apply_state(struct editor *ed, const char *uid, dais_time rid,
            const struct session *target, struct session **pre,
            struct session **post)
{
	struct programme *p = ed->p;
	long i = editor_find(ed, uid, rid);
	long e = saved_find(ed, uid, rid);
	struct session *cur = i >= 0 ? &p->sessions[i] : NULL;
	const struct session *saved;
	struct session next;
	const struct session *now;

	/* Untouched since the save, a session is in its saved state. */
	saved = e >= 0 ? ed->saved[e].saved : cur;
	if (target != NULL) {
		session_copy(&next, target);
		/* A session made in dais, where each session has a file of
		 * its own: that file is named (and listed) now, so every
		 * save and the journal see where it goes. A journal replayed
		 * may name a file index of the run that crashed. */
		if ((next.source < 0 ||
		     (size_t)next.source >= p->conf.files.n) &&
		    p->conf.new_sessions_dir != NULL) {
			char *name =
			    programme_session_file_name(&p->conf, next.uid);

			next.source = (int)programme_add_file(p, name);
			free(name);
		}
		if (saved != NULL)
			next.sequence = session_significant(saved, &next)
			                    ? saved->sequence + 1
			                    : saved->sequence;
		if (cur != NULL && session_equal(cur, &next)) {
			session_free(&next);
			return false;
		}
	} else if (cur == NULL)
		return false;

	if (e < 0) {
		XGROW(ed->saved, ed->nsaved, ed->capsaved);
		e = (long)ed->nsaved++;
		ed->saved[e].uid = xstrdup(uid);
		ed->saved[e].rid = rid;
		ed->saved[e].saved = session_dup(cur);
	}
	if (pre != NULL)
		*pre = session_dup(cur);

	if (target != NULL) {
		if (cur != NULL)
			session_index_replace(index_of(ed), (size_t)i, &next);
		else
			session_index_append(index_of(ed), &next);
		now = &next;
	} else {
		session_index_delete(index_of(ed), (size_t)i);
		now = NULL;
	}
	if (post != NULL)
		*post = session_dup(now);
	if (session_equal_opt(ed->saved[e].saved, now))
		saved_remove(ed, (size_t)e);
	return true;
}

/* ---- Records -------------------------------------------------------- */

static void
record_free(struct edit_record *r)
{
	size_t i;

	for (i = 0; i < r->nsteps; i++) {
		free(r->steps[i].uid);
		session_destroy(r->steps[i].before);
		session_destroy(r->steps[i].after);
	}
	free(r->steps);
	registry_steps_free(r);
	free(r->description);
	memset(r, 0, sizeof *r);
}

/* Adds a step, merging it with the record's step for the same session. */
void
record_add(struct edit_record *r, const char *uid, dais_time rid,
           struct session *pre, struct session *post)
{
	struct edit_step *st;
	size_t i;

	for (i = 0; i < r->nsteps; i++) {
		st = &r->steps[i];
		if (st->rid != rid || strcmp(st->uid, uid) != 0)
			continue;
		session_destroy(pre);
		session_destroy(st->after);
		st->after = post;
		if (session_equal_opt(st->before, st->after)) {
			free(st->uid);
			session_destroy(st->before);
			session_destroy(st->after);
			r->steps[i] = r->steps[--r->nsteps];
		}
		return;
	}
	XGROW(r->steps, r->nsteps, r->capsteps);
	st = &r->steps[r->nsteps++];
	st->uid = xstrdup(uid);
	st->rid = rid;
	st->before = pre;
	st->after = post;
}

static void
stack_push(struct edit_record **v, size_t *n, size_t *cap,
           struct edit_record *r)
{
	XGROW(*v, *n, *cap);
	(*v)[(*n)++] = *r;
	memset(r, 0, sizeof *r);
}

static void
stack_clear(struct edit_record *v, size_t *n)
{
	size_t i;

	for (i = 0; i < *n; i++)
		record_free(&v[i]);
	*n = 0;
}

static void
fire(struct editor *ed, enum edit_event_kind kind, const char *description,
     struct edit_delta *deltas, size_t ndeltas,
     const struct registry_delta *registry, size_t nregistry)
{
	struct edit_event ev;

	if (ed->cb == NULL)
		return;
	ev.kind = kind;
	ev.description = description != NULL ? description : "";
	ev.deltas = deltas;
	ev.ndeltas = ndeltas;
	ev.registry = registry;
	ev.nregistry = nregistry;
	ed->in_callback = true;
	ed->cb(&ev, ed->cb_arg);
	ed->in_callback = false;
}

void
record_open(struct editor *ed, bool group, const char *description)
{
	memset(&ed->cur, 0, sizeof ed->cur);
	ed->open = true;
	ed->group = group;
	ed->touched = false;
	ed->group_description = xstrdup(description);
	memset(&ed->op_descriptions, 0, sizeof ed->op_descriptions);
}

void
record_close(struct editor *ed)
{
	struct edit_record *r = &ed->cur;
	struct edit_delta *deltas;
	struct registry_delta *rdeltas;
	size_t i;

	ed->open = ed->group = false;
	if (ed->group_description != NULL)
		r->description = ed->group_description;
	else
		r->description = strlist_join(&ed->op_descriptions, "; ");
	ed->group_description = NULL;
	strlist_clear(&ed->op_descriptions);

	if (r->nsteps == 0 && r->nrsteps == 0) {
		/* Changed and changed back: memory moved, nothing to undo. */
		if (ed->touched)
			fire(ed, EDIT_APPLIED, r->description, NULL, 0, NULL,
			     0);
		record_free(r);
		return;
	}
	stack_clear(ed->redo, &ed->nredo);
	stack_push(&ed->undo, &ed->nundo, &ed->capundo, r);
	r = &ed->undo[ed->nundo - 1];
	deltas = xcalloc(r->nsteps, sizeof *deltas);
	for (i = 0; i < r->nsteps; i++) {
		deltas[i].before = r->steps[i].before;
		deltas[i].after =
		    editor_session(ed, r->steps[i].uid, r->steps[i].rid);
	}
	rdeltas = xcalloc(r->nrsteps + 1, sizeof *rdeltas);
	registry_steps_deltas(r, rdeltas);
	fire(ed, EDIT_APPLIED, r->description, deltas, r->nsteps, rdeltas,
	     r->nrsteps);
	free(rdeltas);
	free(deltas);
}

/*
 * Puts every session of r into its before (backwards) or after state and
 * tells the callback. Used by undo, redo and cancelling a group.
 */
static void
record_replay(struct editor *ed, const struct edit_record *r, bool backwards,
              enum edit_event_kind kind, const char *description)
{
	struct edit_delta *deltas = xcalloc(r->nsteps + 1, sizeof *deltas);
	struct session **pres = xcalloc(r->nsteps + 1, sizeof *pres);
	bool *changed = xcalloc(r->nsteps + 1, sizeof *changed);
	struct registry_delta *rdeltas =
	    xcalloc(r->nrsteps + 1, sizeof *rdeltas);
	size_t i, n = 0, nr;

	/* The registries first: the sessions' index is remade after them. */
	nr = registry_steps_replay(ed, r, backwards, rdeltas);
	for (i = 0; i < r->nsteps; i++) {
		const struct edit_step *st =
		    &r->steps[backwards ? r->nsteps - 1 - i : i];

		changed[i] = apply_state(ed, st->uid, st->rid,
		                         backwards ? st->before : st->after,
		                         &pres[i], NULL);
	}
	editor_sessions_changed(ed);
	for (i = 0; i < r->nsteps; i++) {
		const struct edit_step *st =
		    &r->steps[backwards ? r->nsteps - 1 - i : i];

		if (!changed[i])
			continue;
		deltas[n].before = pres[i];
		deltas[n].after = editor_session(ed, st->uid, st->rid);
		n++;
	}
	if (n > 0 || nr > 0 || kind == EDIT_CANCELLED)
		fire(ed, kind, description, deltas, n, rdeltas, nr);
	for (i = 0; i < r->nsteps; i++)
		session_destroy(pres[i]);
	free(rdeltas);
	free(changed);
	free(pres);
	free(deltas);
}

/* ---- The editor ----------------------------------------------------- */

struct editor *
editor_new(struct programme *p)
{
	struct editor *ed = xcalloc(1, sizeof *ed);

	ed->p = p;
	programme_index(p);
	/* Sorted once whole; from then on the index moves what changes
	 * (made when first needed: index_of). */
	programme_sort_sessions(p);
	return ed;
}

void
editor_free(struct editor *ed)
{
	size_t i;

	if (ed == NULL)
		return;
	stack_clear(ed->undo, &ed->nundo);
	stack_clear(ed->redo, &ed->nredo);
	free(ed->undo);
	free(ed->redo);
	for (i = 0; i < ed->nsaved; i++) {
		free(ed->saved[i].uid);
		session_destroy(ed->saved[i].saved);
	}
	free(ed->saved);
	registry_saved_free(ed);
	record_free(&ed->cur);
	free(ed->group_description);
	strlist_clear(&ed->op_descriptions);
	editor_set_uid_maker(ed, NULL, NULL, NULL);
	free(ed->why);
	free(ed->read_only);
	session_index_free(ed->index);
	free(ed);
}

const struct programme *
editor_programme(const struct editor *ed)
{
	return ed->p;
}

const struct session *
editor_session(const struct editor *ed, const char *uid,
               dais_time recurrence_id)
{
	long i = editor_find(ed, uid, recurrence_id);

	return i >= 0 ? &ed->p->sessions[i] : NULL;
}

const struct session_index *
editor_index(const struct editor *ed)
{
	return index_of(ed);
}

/* "dais-<32 hex digits>@dais" from the editor's seed: the same every run. */
static char *
uid_seeded(struct editor *ed)
{
	char hex[33];
	size_t i;

	for (i = 0; i < 32; i += 16) {
		uint64_t x = splitmix64(&ed->uid_state);

		snprintf(hex + i, sizeof hex - i, "%016" PRIx64, x);
	}
	return xasprintf("dais-%s@dais", hex);
}

/* A UID unused in the programme, from the caller's maker or the seed. */
char *
uid_generate(struct editor *ed)
{
	char *uid;

	for (;;) {
		uid = ed->uid_make != NULL ? ed->uid_make(ed->uid_arg)
		                           : uid_seeded(ed);
		if (!editor_uid_used(ed, uid))
			return uid;
		free(uid);
	}
}

void
editor_set_uid_seed(struct editor *ed, uint64_t seed)
{
	editor_set_uid_maker(ed, NULL, NULL, NULL);
	ed->uid_state = seed;
}

void
editor_set_uid_maker(struct editor *ed, editor_uid_maker make, void *arg,
                     void (*free_arg)(void *arg))
{
	if (ed->uid_free != NULL)
		ed->uid_free(ed->uid_arg);
	ed->uid_make = make;
	ed->uid_arg = arg;
	ed->uid_free = free_arg;
}

void
editor_set_callback(struct editor *ed, editor_callback cb, void *arg)
{
	ed->cb = cb;
	ed->cb_arg = arg;
}

void
editor_set_read_only(struct editor *ed, const char *why)
{
	char *copy = xstrdup(why);

	free(ed->read_only);
	ed->read_only = copy;
}

/* Refuses with the read-only sentence; the first test of every change. */
bool
read_only_refusal(struct editor *ed, const char **why)
{
	return ed->read_only != NULL && !refuse(ed, why, "%s", ed->read_only);
}

bool
editor_can_undo(const struct editor *ed)
{
	return ed->nundo > 0;
}

bool
editor_can_redo(const struct editor *ed)
{
	return ed->nredo > 0;
}

const char *
editor_undo_description(const struct editor *ed)
{
	return ed->nundo > 0 ? ed->undo[ed->nundo - 1].description : NULL;
}

const char *
editor_redo_description(const struct editor *ed)
{
	return ed->nredo > 0 ? ed->redo[ed->nredo - 1].description : NULL;
}

bool
editor_undo(struct editor *ed, const char **why)
{
	struct edit_record r;

	if (ed->open)
		abort(); /* undo inside a group: a front end bug */
	if (read_only_refusal(ed, why))
		return false;
	if (ed->in_callback)
		return refuse(ed, why, "Undo is not possible during an edit.");
	if (ed->nundo == 0)
		return refuse(ed, why, "Nothing to undo.");
	r = ed->undo[--ed->nundo];
	record_replay(ed, &r, true, EDIT_UNDONE, r.description);
	stack_push(&ed->redo, &ed->nredo, &ed->capredo, &r);
	return true;
}

bool
editor_redo(struct editor *ed, const char **why)
{
	struct edit_record r;

	if (ed->open)
		abort(); /* redo inside a group: a front end bug */
	if (read_only_refusal(ed, why))
		return false;
	if (ed->in_callback)
		return refuse(ed, why, "Redo is not possible during an edit.");
	if (ed->nredo == 0)
		return refuse(ed, why, "Nothing to redo.");
	r = ed->redo[--ed->nredo];
	record_replay(ed, &r, false, EDIT_REDONE, r.description);
	stack_push(&ed->undo, &ed->nundo, &ed->capundo, &r);
	return true;
}

void
editor_begin_group(struct editor *ed, const char *description)
{
	if (ed->open || ed->in_callback)
		abort(); /* groups do not nest */
	record_open(ed, true, description);
}

void
editor_end_group(struct editor *ed)
{
	if (!ed->open || !ed->group)
		abort(); /* no group to end */
	record_close(ed);
}

void
editor_cancel_group(struct editor *ed)
{
	struct edit_record *r = &ed->cur;
	char *description;

	if (!ed->open || !ed->group)
		abort(); /* no group to cancel */
	ed->open = ed->group = false;
	description = ed->group_description != NULL
	                  ? ed->group_description
	                  : strlist_join(&ed->op_descriptions, "; ");
	ed->group_description = NULL;
	strlist_clear(&ed->op_descriptions);
	if (ed->touched)
		record_replay(ed, r, true, EDIT_CANCELLED, description);
	free(description);
	record_free(r);
}

bool
editor_dirty(const struct editor *ed)
{
	return ed->nsaved > 0 || ed->nrsaved > 0;
}

void
editor_mark_saved(struct editor *ed)
{
	if (ed->open)
		abort(); /* a save inside a group: a front end bug */
	while (ed->nsaved > 0)
		saved_remove(ed, ed->nsaved - 1);
}

void
editor_set_saved_state(struct editor *ed, const char *uid, dais_time rid,
                       const struct session *state)
{
	long e = saved_find(ed, uid, rid);
	const struct session *cur = editor_session(ed, uid, rid);

	if (ed->open)
		abort(); /* a save inside a group: a front end bug */
	if (session_equal_opt(cur, state)) {
		if (e >= 0)
			saved_remove(ed, (size_t)e);
		return;
	}
	if (e < 0) {
		XGROW(ed->saved, ed->nsaved, ed->capsaved);
		e = (long)ed->nsaved++;
		ed->saved[e].uid = xstrdup(uid);
		ed->saved[e].rid = rid;
	} else {
		session_destroy(ed->saved[e].saved);
	}
	ed->saved[e].saved = session_dup(state);
}

void
editor_set_file_hash(struct editor *ed, size_t index, uint64_t hash)
{
	if (ed->p->file_hash == NULL || index >= ed->p->conf.files.n)
		abort(); /* no such file: a saver bug */
	ed->p->file_hash[index] = hash;
}

static int
change_cmp(const void *a, const void *b)
{
	const struct edit_change *x = a, *y = b;
	int c = strcmp(x->uid, y->uid);

	if (c != 0)
		return c;
	return x->recurrence_id < y->recurrence_id   ? -1
	       : x->recurrence_id > y->recurrence_id ? 1
	                                             : 0;
}

static void
change_fill(const struct editor *ed, const struct edit_saved *sv,
            struct edit_change *c)
{
	const struct session *now = editor_session(ed, sv->uid, sv->rid);

	c->uid = sv->uid;
	c->recurrence_id = sv->rid;
	c->saved = sv->saved;
	if (sv->saved == NULL) {
		c->kind = EDIT_CHANGE_CREATED;
		c->significant = true;
	} else if (now == NULL) {
		c->kind = EDIT_CHANGE_DELETED;
		c->significant = true;
	} else {
		c->kind = EDIT_CHANGE_MODIFIED;
		c->significant = session_significant(sv->saved, now);
	}
}

size_t
editor_changes(const struct editor *ed, struct edit_change **out)
{
	size_t i;

	*out = NULL;
	if (ed->nsaved == 0)
		return 0;
	*out = xcalloc(ed->nsaved, sizeof **out);
	for (i = 0; i < ed->nsaved; i++)
		change_fill(ed, &ed->saved[i], &(*out)[i]);
	qsort(*out, ed->nsaved, sizeof **out, change_cmp);
	return ed->nsaved;
}

bool
editor_session_changed(const struct editor *ed, const char *uid,
                       dais_time recurrence_id, bool *significant)
{
	long e = saved_find(ed, uid, recurrence_id);
	struct edit_change c;

	if (e < 0) {
		if (significant != NULL)
			*significant = false;
		return false;
	}
	change_fill(ed, &ed->saved[e], &c);
	if (significant != NULL)
		*significant = c.significant;
	return true;
}
