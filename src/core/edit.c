/*
 * edit.c: the edit operations on a programme's sessions, undo and redo,
 * SEQUENCE, the dirty flag and change tracking (see edit.h for the rules).
 *
 * Every edit is stored as before/after snapshots of the sessions it touched
 * (one step per session), so undo and redo put back exactly what was there.
 * The state of each session at the last save is kept only for sessions that
 * differ from it: that set is the dirty flag, the saver's change list and
 * the baseline of the SEQUENCE rule at once.
 */
#include "dais/edit.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "dais/xalloc.h"

/* Instants beyond this are refused, so no arithmetic on them overflows. */
#define EDIT_TIME_LIMIT ((dais_time)1 << 40)

/* One session's change: NULL stands for "no such session". */
struct edit_step {
	char *uid;
	dais_time rid;
	struct session *before, *after;
};

struct edit_record {
	char *description;
	struct edit_step *steps;
	size_t nsteps, capsteps;
};

/* A session that differs from the last save, and how it was then. */
struct edit_saved {
	char *uid;
	dais_time rid;
	struct session *saved; /* NULL: it did not exist */
};

struct editor {
	struct programme *p;

	struct edit_record *undo;
	size_t nundo, capundo;
	struct edit_record *redo;
	size_t nredo, capredo;

	struct edit_saved *saved;
	size_t nsaved, capsaved;

	/* The record being built: an explicit group, or one operation. */
	struct edit_record cur;
	bool open, group;
	bool touched; /* the programme changed since the record opened */
	char *group_description;
	struct strlist op_descriptions;

	editor_callback cb;
	void *cb_arg;
	bool in_callback;

	/* Set by editor_set_uid_seed(), or when getrandom() fails. */
	bool uid_seeded;
	bool uid_fixed_host; /* seeded by the caller: host "dais" */
	uint64_t uid_state;

	char *why;
	char *read_only; /* editor_set_read_only(): why nothing may change */
};

/* ---- Sessions compared --------------------------------------------- */

static bool
str_eq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* For text a user may clear: NULL and "" say the same thing. */
static bool
text_same(const char *a, const char *b)
{
	return str_eq(a != NULL && *a != '\0' ? a : NULL,
	              b != NULL && *b != '\0' ? b : NULL);
}

static bool
strlist_equal(const struct strlist *a, const struct strlist *b)
{
	size_t i;

	if (a->n != b->n)
		return false;
	for (i = 0; i < a->n; i++)
		if (strcmp(a->v[i], b->v[i]) != 0)
			return false;
	return true;
}

/* Every field, strictly: this decides whether anything changed at all. */
static bool
session_equal(const struct session *a, const struct session *b)
{
	size_t i;

	if (!str_eq(a->uid, b->uid) || a->recurrence_id != b->recurrence_id ||
	    !str_eq(a->title, b->title) ||
	    !str_eq(a->description, b->description) ||
	    !str_eq(a->notes, b->notes) || !str_eq(a->kind, b->kind) ||
	    a->status != b->status || !str_eq(a->room_id, b->room_id) ||
	    !str_eq(a->location, b->location) || a->start != b->start ||
	    a->end != b->end || a->expected != b->expected ||
	    !strlist_equal(&a->languages, &b->languages) ||
	    a->nassign != b->nassign || a->sequence != b->sequence ||
	    a->source != b->source || a->line != b->line ||
	    a->confidential != b->confidential)
		return false;
	for (i = 0; i < a->nassign; i++)
		if (!str_eq(a->assign[i].participant_id,
		            b->assign[i].participant_id) ||
		    a->assign[i].role != b->assign[i].role ||
		    !str_eq(a->assign[i].cn, b->assign[i].cn))
			return false;
	return true;
}

static bool
session_equal_opt(const struct session *a, const struct session *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return session_equal(a, b);
}

/* The changes RFC 5545 wants SEQUENCE raised for, as dais sees them. */
static bool
session_significant(const struct session *a, const struct session *b)
{
	return a->start != b->start || a->end != b->end ||
	       a->status != b->status || !str_eq(a->room_id, b->room_id) ||
	       !str_eq(a->location, b->location);
}

static struct session *
session_dup(const struct session *s)
{
	struct session *c;

	if (s == NULL)
		return NULL;
	c = xmalloc(sizeof *c);
	session_copy(c, s);
	return c;
}

static const char *
session_label(const struct session *s)
{
	return s->title != NULL && *s->title != '\0' ? s->title : s->uid;
}

/* ---- Refusals and descriptions ------------------------------------- */

static bool refuse(struct editor *ed, const char **why, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static bool
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
static char *
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

static bool
same_day(const struct editor *ed, dais_time a, dais_time b)
{
	const struct dais_zone *z = &ed->p->conf.zone;

	return date_compare(time_local_date(z, a), time_local_date(z, b)) == 0;
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
static bool
apply_state(struct editor *ed, const char *uid, dais_time rid,
            const struct session *target, struct session **pre,
            struct session **post)
{
	struct programme *p = ed->p;
	long i = programme_find_session(p, uid, rid);
	long e = saved_find(ed, uid, rid);
	struct session *cur = i >= 0 ? &p->sessions[i] : NULL;
	const struct session *saved;
	struct session next;
	const struct session *now;

	/* Untouched since the save, a session is in its saved state. */
	saved = e >= 0 ? ed->saved[e].saved : cur;
	if (target != NULL) {
		session_copy(&next, target);
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
		if (cur != NULL) {
			session_free(cur);
			*cur = next;
		} else
			*programme_add_session(p) = next;
		now = &next;
	} else {
		session_free(cur);
		memmove(cur, cur + 1,
		        (p->nsessions - (size_t)i - 1) * sizeof *cur);
		p->nsessions--;
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
	free(r->description);
	memset(r, 0, sizeof *r);
}

/* Adds a step, merging it with the record's step for the same session. */
static void
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
     struct edit_delta *deltas, size_t ndeltas)
{
	struct edit_event ev;

	if (ed->cb == NULL)
		return;
	ev.kind = kind;
	ev.description = description != NULL ? description : "";
	ev.deltas = deltas;
	ev.ndeltas = ndeltas;
	ed->in_callback = true;
	ed->cb(&ev, ed->cb_arg);
	ed->in_callback = false;
}

static void
record_open(struct editor *ed, bool group, const char *description)
{
	memset(&ed->cur, 0, sizeof ed->cur);
	ed->open = true;
	ed->group = group;
	ed->touched = false;
	ed->group_description = xstrdup(description);
	memset(&ed->op_descriptions, 0, sizeof ed->op_descriptions);
}

static void
record_close(struct editor *ed)
{
	struct edit_record *r = &ed->cur;
	struct edit_delta *deltas;
	size_t i;

	ed->open = ed->group = false;
	if (ed->group_description != NULL)
		r->description = ed->group_description;
	else
		r->description = strlist_join(&ed->op_descriptions, "; ");
	ed->group_description = NULL;
	strlist_clear(&ed->op_descriptions);

	if (r->nsteps == 0) {
		/* Changed and changed back: memory moved, nothing to undo. */
		if (ed->touched)
			fire(ed, EDIT_APPLIED, r->description, NULL, 0);
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
	fire(ed, EDIT_APPLIED, r->description, deltas, r->nsteps);
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
	size_t i, n = 0;

	for (i = 0; i < r->nsteps; i++) {
		const struct edit_step *st =
		    &r->steps[backwards ? r->nsteps - 1 - i : i];

		changed[i] = apply_state(ed, st->uid, st->rid,
		                         backwards ? st->before : st->after,
		                         &pres[i], NULL);
	}
	programme_sort_sessions(ed->p);
	for (i = 0; i < r->nsteps; i++) {
		const struct edit_step *st =
		    &r->steps[backwards ? r->nsteps - 1 - i : i];

		if (!changed[i])
			continue;
		deltas[n].before = pres[i];
		deltas[n].after = editor_session(ed, st->uid, st->rid);
		n++;
	}
	if (n > 0 || kind == EDIT_CANCELLED)
		fire(ed, kind, description, deltas, n);
	for (i = 0; i < r->nsteps; i++)
		session_destroy(pres[i]);
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
	record_free(&ed->cur);
	free(ed->group_description);
	strlist_clear(&ed->op_descriptions);
	free(ed->why);
	free(ed->read_only);
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
	long i = programme_find_session(ed->p, uid, recurrence_id);

	return i >= 0 ? &ed->p->sessions[i] : NULL;
}

void
editor_set_uid_seed(struct editor *ed, uint64_t seed)
{
	ed->uid_seeded = true;
	ed->uid_fixed_host = true;
	ed->uid_state = seed;
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
static bool
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
	return ed->nsaved > 0;
}

void
editor_mark_saved(struct editor *ed)
{
	if (ed->open)
		abort(); /* a save inside a group: a front end bug */
	while (ed->nsaved > 0)
		saved_remove(ed, ed->nsaved - 1);
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

/* ---- Checking what an operation would make -------------------------- */

/* Text a user may clear: unchanged stays byte for byte, "" becomes NULL. */
static void
text_settle(char **field, const struct session *cur, const char *old)
{
	if (cur != NULL && text_same(*field, old)) {
		free(*field);
		*field = xstrdup(old);
	} else if (*field != NULL && **field == '\0') {
		free(*field);
		*field = NULL;
	}
}

static bool
has_control(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return true;
	return false;
}

static char *
trimmed(const char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return xstrndup(s, n);
}

static bool
check_title(struct editor *ed, const struct session *cur, struct session *s,
            const char **why)
{
	char *t;

	if (cur != NULL && str_eq(cur->title, s->title))
		return true;
	if (s->title == NULL)
		return refuse(ed, why, "A session needs a title.");
	t = trimmed(s->title);
	free(s->title);
	s->title = t;
	if (*t == '\0')
		return refuse(ed, why, "A session needs a title.");
	if (has_control(t))
		return refuse(ed, why,
		              "A title is one line: remove the line breaks "
		              "and tabs from it.");
	return true;
}

static bool
check_times(struct editor *ed, const struct session *cur,
            const struct session *s, const char **why)
{
	char a[DAIS_TIMEBUF], b[DAIS_TIMEBUF];
	const struct dais_zone *z = &ed->p->conf.zone;

	if (cur != NULL && cur->start == s->start && cur->end == s->end)
		return true;
	if (s->start == DAIS_TIME_NONE || s->end == DAIS_TIME_NONE)
		return refuse(ed, why, "A session needs a start and an end.");
	if (s->start <= -EDIT_TIME_LIMIT || s->start >= EDIT_TIME_LIMIT ||
	    s->end <= -EDIT_TIME_LIMIT || s->end >= EDIT_TIME_LIMIT)
		return refuse(ed, why, "That time is out of range.");
	if (s->end <= s->start) {
		if (same_day(ed, s->start, s->end))
			return refuse(ed, why,
			              "The end (%s) must be after the start "
			              "(%s).",
			              time_fmt_hm(b, z, s->end),
			              time_fmt_hm(a, z, s->start));
		return refuse(
		    ed, why, "The end (%s) must be after the start (%s).",
		    time_fmt_iso(b, z, s->end), time_fmt_iso(a, z, s->start));
	}
	return true;
}

static bool
check_kind(struct editor *ed, const struct session *cur, struct session *s,
           const char **why)
{
	const struct strlist *kinds = &ed->p->conf.kinds;
	char *k;
	size_t i;

	text_settle(&s->kind, cur, cur != NULL ? cur->kind : NULL);
	if (s->kind == NULL || (cur != NULL && str_eq(cur->kind, s->kind)))
		return true;
	k = trimmed(s->kind);
	free(s->kind);
	s->kind = k;
	if (kinds->n > 0) {
		for (i = 0; i < kinds->n; i++) {
			if (strcasecmp(kinds->v[i], k) == 0) {
				free(s->kind);
				s->kind = xstrdup(kinds->v[i]);
				return true;
			}
		}
		{
			char *list = strlist_join(kinds, ", ");
			bool r = refuse(ed, why,
			                "Unknown session kind '%s': use one of "
			                "%s.",
			                k, list);

			free(list);
			return r;
		}
	}
	if (*k == '\0')
		return refuse(ed, why, "A session kind cannot be blank.");
	for (i = 0; k[i] != '\0'; i++) {
		if (!isalnum((unsigned char)k[i]) && k[i] != '-' && k[i] != '_')
			return refuse(
			    ed, why,
			    "A session kind is one word of letters, "
			    "digits and dashes, such as SIDE-SESSION.");
		k[i] = (char)toupper((unsigned char)k[i]);
	}
	return true;
}

static bool
check_room(struct editor *ed, const struct session *cur, struct session *s,
           const char **why)
{
	const struct room *room;

	text_settle(&s->room_id, cur, cur != NULL ? cur->room_id : NULL);
	text_settle(&s->location, cur, cur != NULL ? cur->location : NULL);
	if (s->location != NULL && has_control(s->location))
		return refuse(ed, why, "A location is one line of text.");
	if (s->room_id == NULL ||
	    (cur != NULL && str_eq(cur->room_id, s->room_id)))
		return true;
	room = programme_find_room(ed->p, s->room_id);
	if (room == NULL)
		return refuse(ed, why,
		              "No room '%s' in venues.ini: pick one of its "
		              "rooms, or add the room there first.",
		              s->room_id);
	if (s->location == NULL)
		s->location = xstrdup(room->name);
	return true;
}

static bool
check_languages(struct editor *ed, const struct session *cur, struct session *s,
                const char **why)
{
	size_t i, j;

	for (i = 0; i < s->languages.n; i++)
		for (j = 0; s->languages.v[i][j] != '\0'; j++)
			s->languages.v[i][j] =
			    (char)tolower((unsigned char)s->languages.v[i][j]);
	if (cur != NULL && strlist_equal(&cur->languages, &s->languages))
		return true;
	for (i = 0; i < s->languages.n; i++) {
		const char *l = s->languages.v[i];
		bool ok = isalpha((unsigned char)l[0]) && strlen(l) <= 15;

		for (j = 0; ok && l[j] != '\0'; j++)
			ok = isalnum((unsigned char)l[j]) || l[j] == '-';
		if (!ok)
			return refuse(ed, why,
			              "'%s' is not a language code: use codes "
			              "such as ar, en, ru.",
			              l);
		for (j = 0; j < i; j++)
			if (strcmp(s->languages.v[j], l) == 0)
				return refuse(ed, why,
				              "The language '%s' is listed "
				              "twice.",
				              l);
	}
	return true;
}

static bool
check_assignments(struct editor *ed, const struct session *cur,
                  struct session *s, const char **why)
{
	size_t i, j;

	for (i = 0; i < s->nassign; i++) {
		struct assignment *a = &s->assign[i];
		const struct participant *who;
		bool had;

		if (a->participant_id == NULL || *a->participant_id == '\0')
			return refuse(ed, why,
			              "Choose a participant to assign.");
		if ((int)a->role < ROLE_CHAIR ||
		    (int)a->role > ROLE_PARTICIPANT)
			return refuse(ed, why,
			              "Unknown role for %s: use chair, "
			              "speaker or participant.",
			              a->participant_id);
		for (j = 0; j < i; j++)
			if (strcmp(s->assign[j].participant_id,
			           a->participant_id) == 0)
				return refuse(
				    ed, why, "%s is assigned to '%s' twice.",
				    a->participant_id, session_label(s));
		who = programme_find_participant(ed->p, a->participant_id);
		had = cur != NULL &&
		      session_find_assignment(cur, a->participant_id) >= 0;
		if (who == NULL && !had)
			return refuse(ed, why,
			              "No participant '%s' in "
			              "participants.ini: add them there first.",
			              a->participant_id);
		if (!had && (a->cn == NULL || *a->cn == '\0')) {
			free(a->cn);
			a->cn = xstrdup(who != NULL && who->name != NULL
			                    ? who->name
			                    : a->participant_id);
		}
	}
	return true;
}

/*
 * Checks and tidies what an operation would make of session cur (NULL for
 * a new one), looking only at what changes. On a refusal, s is left for
 * the caller to free.
 */
static bool
edit_check(struct editor *ed, const struct session *cur, struct session *s,
           const char **why)
{
	if (!check_title(ed, cur, s, why))
		return false;
	text_settle(&s->description, cur,
	            cur != NULL ? cur->description : NULL);
	text_settle(&s->notes, cur, cur != NULL ? cur->notes : NULL);
	if (!check_kind(ed, cur, s, why) || !check_room(ed, cur, s, why) ||
	    !check_times(ed, cur, s, why) ||
	    !check_languages(ed, cur, s, why) ||
	    !check_assignments(ed, cur, s, why))
		return false;
	if ((cur == NULL || cur->status != s->status) &&
	    ((int)s->status < SESSION_TENTATIVE ||
	     (int)s->status > SESSION_CANCELLED))
		return refuse(ed, why,
		              "Unknown status: use tentative, confirmed or "
		              "cancelled.");
	if ((cur == NULL || cur->expected != s->expected) && s->expected < 0)
		return refuse(ed, why,
		              "Expected attendance cannot be negative.");
	return true;
}

/* ---- Operations: the common part ------------------------------------ */

/* The session an operation is about, or a refusal. */
static const struct session *
op_find(struct editor *ed, const char *uid, dais_time rid, const char **why)
{
	const struct session *s;
	char buf[DAIS_TIMEBUF];

	if (read_only_refusal(ed, why))
		return NULL;
	if (ed->in_callback) {
		refuse(ed, why, "An edit cannot be made during another edit.");
		return NULL;
	}
	if (uid == NULL || *uid == '\0') {
		refuse(ed, why, "Choose a session first.");
		return NULL;
	}
	s = editor_session(ed, uid, rid);
	if (s != NULL)
		return s;
	if (rid == DAIS_TIME_NONE)
		refuse(ed, why,
		       "No session %s in the programme: it may have been "
		       "deleted.",
		       uid);
	else
		refuse(ed, why,
		       "No occurrence of %s at %s in the programme: it may "
		       "have been deleted.",
		       uid, time_fmt_iso(buf, &ed->p->conf.zone, rid));
	return NULL;
}

/*
 * Applies `next` (NULL: delete) to session (uid, rid), recording it with
 * `description`. Takes both: frees next's contents and description.
 */
static bool
op_commit(struct editor *ed, const char *uid, dais_time rid,
          struct session *next, char *description)
{
	struct session *pre = NULL, *post = NULL;
	char *key;
	bool implicit = !ed->open;

	/* Operations test this first; here it also holds for any that
	 * forgets, since every change is committed here. */
	if (read_only_refusal(ed, NULL)) {
		free(description);
		if (next != NULL)
			session_free(next);
		return false;
	}
	key = xstrdup(uid);
	if (implicit)
		record_open(ed, false, NULL);
	if (apply_state(ed, key, rid, next, &pre, &post)) {
		ed->touched = true;
		record_add(&ed->cur, key, rid, pre, post);
		programme_sort_sessions(ed->p);
		strlist_add(&ed->op_descriptions, description);
	}
	if (implicit)
		record_close(ed);
	free(key);
	free(description);
	if (next != NULL)
		session_free(next);
	return true;
}

/* Checks next against cur and commits it, or refuses; frees next. */
static bool
op_finish(struct editor *ed, const struct session *cur, struct session *next,
          char *(*describe)(const struct editor *, const struct session *,
                            const struct session *),
          const char **why)
{
	char *d;

	if (!edit_check(ed, cur, next, why)) {
		session_free(next);
		return false;
	}
	/* cur is about to be replaced: describe it first. */
	d = describe(ed, cur, next);
	return op_commit(ed, next->uid, next->recurrence_id, next, d);
}

/* As op_finish, for descriptions that tidying cannot change. */
static bool
op_finish_as(struct editor *ed, const struct session *cur, struct session *next,
             char *description, const char **why)
{
	(void)cur;
	if (!edit_check(ed, cur, next, why)) {
		session_free(next);
		free(description);
		return false;
	}
	return op_commit(ed, next->uid, next->recurrence_id, next, description);
}

static bool
uid_in_use(const struct programme *p, const char *uid)
{
	size_t i;

	for (i = 0; i < p->nsessions; i++)
		if (strcmp(p->sessions[i].uid, uid) == 0)
			return true;
	return false;
}

/* splitmix64: a full-period mix, enough to spread a seed or a clock. */
static uint64_t
mix64(uint64_t *state)
{
	uint64_t x = (*state += 0x9e3779b97f4a7c15u);

	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9u;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebu;
	return x ^ (x >> 31);
}

static void
uid_random(struct editor *ed, unsigned char *r, size_t n)
{
	struct timespec ts;
	size_t i;

	if (!ed->uid_seeded) {
		if (getrandom(r, n, 0) == (ssize_t)n)
			return;
		/* No entropy source: seed from the clock, once. */
		clock_gettime(CLOCK_REALTIME, &ts);
		ed->uid_state = (uint64_t)ts.tv_sec * 1000000007u ^
		                (uint64_t)ts.tv_nsec ^ (uint64_t)(uintptr_t)ed;
		ed->uid_seeded = true;
	}
	for (i = 0; i < n; i++)
		r[i] = (unsigned char)mix64(&ed->uid_state);
}

/* "dais-<32 hex digits>@<host>", unused in the programme. */
static char *
uid_generate(struct editor *ed)
{
	unsigned char r[16];
	char host[256], hex[sizeof r * 2 + 1];
	size_t i, j;
	char *uid;

	if (ed->uid_fixed_host || gethostname(host, sizeof host) != 0)
		host[0] = '\0';
	host[sizeof host - 1] = '\0';
	for (i = j = 0; host[i] != '\0'; i++)
		if (isalnum((unsigned char)host[i]) || host[i] == '.' ||
		    host[i] == '-')
			host[j++] = host[i];
	host[j] = '\0';
	for (;;) {
		uid_random(ed, r, sizeof r);
		for (i = 0; i < sizeof r; i++) {
			hex[2 * i] = "0123456789abcdef"[r[i] >> 4];
			hex[2 * i + 1] = "0123456789abcdef"[r[i] & 15];
		}
		hex[sizeof hex - 1] = '\0';
		uid = xasprintf("dais-%s@%s", hex, *host ? host : "dais");
		if (!uid_in_use(ed->p, uid))
			return uid;
		free(uid);
	}
}

/* ---- Operations ----------------------------------------------------- */

static char *
describe_create(const struct editor *ed, const struct session *cur,
                const struct session *s)
{
	char *span = span_fmt(ed, s->start, s->end, true);
	char *d;

	(void)cur;
	d = xasprintf("Created '%s' on %s", session_label(s), span);
	free(span);
	return d;
}

bool
edit_create(struct editor *ed, const struct session *s, char **uid_out,
            const char **why)
{
	struct session next;

	if (uid_out != NULL)
		*uid_out = NULL;
	if (read_only_refusal(ed, why))
		return false;
	if (ed->in_callback)
		return refuse(ed, why,
		              "An edit cannot be made during another edit.");
	if (s->recurrence_id != DAIS_TIME_NONE)
		return refuse(ed, why,
		              "A new session cannot be one occurrence of a "
		              "series: give it no recurrence id.");
	if (s->uid != NULL && *s->uid != '\0') {
		if (has_control(s->uid) || strchr(s->uid, ' ') != NULL)
			return refuse(ed, why,
			              "A UID has no spaces or line breaks.");
		if (uid_in_use(ed->p, s->uid))
			return refuse(ed, why,
			              "A session with UID %s already exists.",
			              s->uid);
	}
	session_copy(&next, s);
	if (next.uid == NULL || *next.uid == '\0') {
		free(next.uid);
		next.uid = uid_generate(ed);
	}
	next.sequence = 0;
	next.source = -1;
	next.line = 0;
	if (!edit_check(ed, NULL, &next, why)) {
		session_free(&next);
		return false;
	}
	if (uid_out != NULL)
		*uid_out = xstrdup(next.uid);
	return op_commit(ed, next.uid, next.recurrence_id, &next,
	                 describe_create(ed, NULL, &next));
}

static char *
describe_duplicate(const struct editor *ed, const struct session *cur,
                   const struct session *s)
{
	(void)ed;
	return xasprintf("Duplicated '%s' as '%s'", session_label(cur),
	                 session_label(s));
}

bool
edit_duplicate(struct editor *ed, const char *uid, dais_time rid,
               char **uid_out, const char **why)
{
	const struct session *cur;
	struct session next;
	char *title;

	if (uid_out != NULL)
		*uid_out = NULL;
	if ((cur = op_find(ed, uid, rid, why)) == NULL)
		return false;
	session_copy(&next, cur);
	free(next.uid);
	next.uid = uid_generate(ed);
	next.recurrence_id = DAIS_TIME_NONE;
	title = xasprintf("%s (copy)", cur->title != NULL ? cur->title : "");
	free(next.title);
	next.title = title;
	next.sequence = 0;
	next.source = -1;
	next.line = 0;
	/* Checked against the original: only the title differs from it. */
	if (!edit_check(ed, cur, &next, why)) {
		session_free(&next);
		return false;
	}
	if (uid_out != NULL)
		*uid_out = xstrdup(next.uid);
	return op_commit(ed, next.uid, next.recurrence_id, &next,
	                 describe_duplicate(ed, cur, &next));
}

bool
edit_delete(struct editor *ed, const char *uid, dais_time rid, const char **why)
{
	const struct session *cur;

	if ((cur = op_find(ed, uid, rid, why)) == NULL)
		return false;
	return op_commit(ed, uid, rid, NULL,
	                 xasprintf("Deleted '%s'", session_label(cur)));
}

bool
edit_put(struct editor *ed, const char *uid, dais_time rid,
         const struct session *s, const char **why)
{
	const struct session *cur;
	struct session next;

	if (read_only_refusal(ed, why))
		return false;
	if (ed->in_callback)
		return refuse(ed, why,
		              "An edit cannot be made during another edit.");
	if (uid == NULL || *uid == '\0')
		return refuse(ed, why, "Choose a session first.");
	if (s != NULL && (s->uid == NULL || strcmp(s->uid, uid) != 0 ||
	                  s->recurrence_id != rid))
		return refuse(ed, why,
		              "The state given for %s is another session's.",
		              uid);
	cur = editor_session(ed, uid, rid);
	if (s == NULL) {
		if (cur == NULL)
			return true;
		return op_commit(ed, uid, rid, NULL,
		                 xasprintf("Deleted '%s'", session_label(cur)));
	}
	session_copy(&next, s);
	return op_commit(ed, uid, rid, &next,
	                 xasprintf("Restored '%s'", session_label(s)));
}

static char *
describe_replace(const struct editor *ed, const struct session *cur,
                 const struct session *s)
{
	(void)ed;
	(void)cur;
	return xasprintf("Edited '%s'", session_label(s));
}

bool
edit_replace(struct editor *ed, const char *uid, dais_time rid,
             const struct session *s, const char **why)
{
	const struct session *cur;
	struct session next;

	if ((cur = op_find(ed, uid, rid, why)) == NULL)
		return false;
	session_copy(&next, s);
	free(next.uid);
	next.uid = xstrdup(cur->uid);
	next.recurrence_id = cur->recurrence_id;
	next.sequence = cur->sequence;
	next.source = cur->source;
	next.line = cur->line;
	/* Read from the file's CLASS; no form edits it. */
	next.confidential = cur->confidential;
	return op_finish(ed, cur, &next, describe_replace, why);
}

static char *
describe_title(const struct editor *ed, const struct session *cur,
               const struct session *s)
{
	(void)ed;
	return xasprintf("Renamed '%s' to '%s'", session_label(cur), s->title);
}

bool
edit_set_title(struct editor *ed, const char *uid, dais_time rid,
               const char *title, const char **why)
{
	const struct session *cur;
	struct session next;

	if ((cur = op_find(ed, uid, rid, why)) == NULL)
		return false;
	/* Refused even when the session has no title yet (from a file). */
	if (title == NULL || title[strspn(title, " \t")] == '\0')
		return refuse(ed, why, "A session needs a title.");
	session_copy(&next, cur);
	free(next.title);
	next.title = xstrdup(title);
	return op_finish(ed, cur, &next, describe_title, why);
}

static char *
describe_description(const struct editor *ed, const struct session *cur,
                     const struct session *s)
{
	(void)ed;
	return xasprintf(s->description != NULL
	                     ? "Changed the description of '%s'"
	                     : "Cleared the description of '%s'",
	                 session_label(cur));
}

bool
edit_set_description(struct editor *ed, const char *uid, dais_time rid,
                     const char *text, const char **why)
{
	const struct session *cur;
	struct session next;

	if ((cur = op_find(ed, uid, rid, why)) == NULL)
		return false;
	session_copy(&next, cur);
	free(next.description);
	next.description = xstrdup(text);
	return op_finish(ed, cur, &next, describe_description, why);
}

static char *
describe_notes(const struct editor *ed, const struct session *cur,
               const struct session *s)
{
	(void)ed;
	return xasprintf(s->notes != NULL
	                     ? "Changed the internal notes of '%s'"
	                     : "Cleared the internal notes of '%s'",
	                 session_label(cur));
}

bool
edit_set_notes(struct editor *ed, const char *uid, dais_time rid,
               const char *text, const char **why)
{
	const struct session *cur;
	struct session next;

	if ((cur = op_find(ed, uid, rid, why)) == NULL)
		return false;
	session_copy(&next, cur);
	free(next.notes);
	next.notes = xstrdup(text);
	return op_finish(ed, cur, &next, describe_notes, why);
}

static char *
describe_kind(const struct editor *ed, const struct session *cur,
              const struct session *s)
{
	(void)ed;
	if (s->kind == NULL)
		return xasprintf("Cleared the kind of '%s'",
		                 session_label(cur));
	return xasprintf("Made '%s' a %s", session_label(cur), s->kind);
}

bool
edit_set_kind(struct editor *ed, const char *uid, dais_time rid,
              const char *kind, const char **why)
{
	const struct session *cur;
	struct session next;

	if ((cur = op_find(ed, uid, rid, why)) == NULL)
		return false;
	session_copy(&next, cur);
	free(next.kind);
	next.kind = xstrdup(kind);
	return op_finish(ed, cur, &next, describe_kind, why);
}

static char *
describe_status(const struct editor *ed, const struct session *cur,
                const struct session *s)
{
	const char *t = session_label(cur);

	(void)ed;
	if (s->status == SESSION_CANCELLED)
		return xasprintf("Cancelled '%s'", t);
	if (cur->status == SESSION_CANCELLED)
		return xasprintf(s->status == SESSION_TENTATIVE
		                     ? "Restored '%s' as tentative"
		                     : "Restored '%s' as confirmed",
		                 t);
	return xasprintf(s->status == SESSION_TENTATIVE
	                     ? "Marked '%s' tentative"
	                     : "Confirmed '%s'",
	                 t);
}

bool
edit_set_status(struct editor *ed, const char *uid, dais_time rid,
                enum session_status status, const char **why)
{
	const struct session *cur;
	struct session next;

	if ((cur = op_find(ed, uid, rid, why)) == NULL)
		return false;
	session_copy(&next, cur);
	next.status = status;
	return op_finish(ed, cur, &next, describe_status, why);
}

static char *
describe_room(const struct editor *ed, const struct session *cur,
              const struct session *s)
{
	const char *t = session_label(cur);

	(void)ed;
	if (s->room_id != NULL)
		return xasprintf("Moved '%s' to %s", t,
		                 s->location != NULL ? s->location
		                                     : s->room_id);
	if (s->location != NULL)
		return xasprintf("Moved '%s' to %s (no room)", t, s->location);
	return xasprintf("Took '%s' out of its room", t);
}

bool
edit_set_room(struct editor *ed, const char *uid, dais_time rid,
              const char *room_id, const char *location, const char **why)
{
	const struct session *cur;
	const struct room *room;
	struct session next;

	if ((cur = op_find(ed, uid, rid, why)) == NULL)
		return false;
	session_copy(&next, cur);
	free(next.room_id);
	free(next.location);
	next.room_id = xstrdup(room_id);
	next.location = xstrdup(location);
	/* The room's name even when the room stays: a chosen room is shown
	 * by its name unless the caller says otherwise. */
	room = room_id != NULL ? programme_find_room(ed->p, room_id) : NULL;
	if (next.location == NULL && room != NULL)
		next.location = xstrdup(room->name);
	return op_finish(ed, cur, &next, describe_room, why);
}

static char *
describe_times(const struct editor *ed, const struct session *cur,
               const struct session *s)
{
	char *span = span_fmt(ed, s->start, s->end,
	                      cur->start == DAIS_TIME_NONE ||
	                          !same_day(ed, cur->start, s->start));
	char *d = xasprintf("Moved '%s' to %s", session_label(cur), span);

	free(span);
	return d;
}

static char *
describe_end(const struct editor *ed, const struct session *cur,
             const struct session *s)
{
	char hm[DAIS_TIMEBUF], dur[DAIS_TIMEBUF];

	return xasprintf("Changed the end of '%s' to %s (%s)",
	                 session_label(cur),
	                 time_fmt_hm(hm, &ed->p->conf.zone, s->end),
	                 duration_fmt(dur, s->end - s->start));
}

static bool
set_times(struct editor *ed, const char *uid, dais_time rid, dais_time start,
          dais_time end, bool keep_duration, bool is_end, const char **why)
{
	const struct session *cur;
	struct session next;

	if ((cur = op_find(ed, uid, rid, why)) == NULL)
		return false;
	if (keep_duration) {
		if (start == DAIS_TIME_NONE)
			return refuse(ed, why, "Give the new start time.");
		if (start <= -EDIT_TIME_LIMIT || start >= EDIT_TIME_LIMIT ||
		    cur->start == DAIS_TIME_NONE || cur->end == DAIS_TIME_NONE)
			return refuse(ed, why, "That time is out of range.");
		end = start + (cur->end - cur->start);
	}
	session_copy(&next, cur);
	next.start = start;
	next.end = end;
	return op_finish(ed, cur, &next, is_end ? describe_end : describe_times,
	                 why);
}

bool
edit_move(struct editor *ed, const char *uid, dais_time rid, dais_time start,
          const char **why)
{
	return set_times(ed, uid, rid, start, 0, true, false, why);
}

bool
edit_set_end(struct editor *ed, const char *uid, dais_time rid, dais_time end,
             const char **why)
{
	const struct session *cur;

	if ((cur = op_find(ed, uid, rid, why)) == NULL)
		return false;
	return set_times(ed, uid, rid, cur->start, end, false, true, why);
}

bool
edit_set_duration(struct editor *ed, const char *uid, dais_time rid,
                  int minutes, const char **why)
{
	const struct session *cur;

	if ((cur = op_find(ed, uid, rid, why)) == NULL)
		return false;
	if (minutes <= 0)
		return refuse(ed, why,
		              "A session must last at least one minute.");
	if (cur->start == DAIS_TIME_NONE)
		return refuse(ed, why, "The session has no start time.");
	return set_times(ed, uid, rid, cur->start,
	                 cur->start + (dais_time)minutes * 60, false, true,
	                 why);
}

bool
edit_set_times(struct editor *ed, const char *uid, dais_time rid,
               dais_time start, dais_time end, const char **why)
{
	return set_times(ed, uid, rid, start, end, false, false, why);
}

static char *
describe_expected(const struct editor *ed, const struct session *cur,
                  const struct session *s)
{
	(void)ed;
	if (s->expected == 0)
		return xasprintf("Cleared the expected attendance of '%s'",
		                 session_label(cur));
	return xasprintf("Set the expected attendance of '%s' to %d",
	                 session_label(cur), s->expected);
}

bool
edit_set_expected(struct editor *ed, const char *uid, dais_time rid,
                  int expected, const char **why)
{
	const struct session *cur;
	struct session next;

	if ((cur = op_find(ed, uid, rid, why)) == NULL)
		return false;
	session_copy(&next, cur);
	next.expected = expected;
	return op_finish(ed, cur, &next, describe_expected, why);
}

static char *
describe_languages(const struct editor *ed, const struct session *cur,
                   const struct session *s)
{
	char *list, *d;

	(void)ed;
	if (s->languages.n == 0)
		return xasprintf("Cleared the interpretation for '%s'",
		                 session_label(cur));
	list = strlist_join(&s->languages, ", ");
	d = xasprintf("Set the interpretation for '%s' to %s",
	              session_label(cur), list);
	free(list);
	return d;
}

bool
edit_set_languages(struct editor *ed, const char *uid, dais_time rid,
                   const struct strlist *languages, const char **why)
{
	const struct session *cur;
	struct session next;

	if ((cur = op_find(ed, uid, rid, why)) == NULL)
		return false;
	session_copy(&next, cur);
	strlist_clear(&next.languages);
	if (languages != NULL)
		strlist_copy(&next.languages, languages);
	return op_finish(ed, cur, &next, describe_languages, why);
}

/* The assignment an operation names, or a refusal. */
static long
op_find_assignment(struct editor *ed, const struct session *cur,
                   const char *participant_id, const char **why)
{
	long a = -1;

	if (participant_id == NULL || *participant_id == '\0') {
		refuse(ed, why, "Choose a participant first.");
		return -1;
	}
	a = session_find_assignment(cur, participant_id);
	if (a < 0)
		refuse(ed, why, "%s is not assigned to '%s'.", participant_id,
		       session_label(cur));
	return a;
}

/* The name an assignment is shown by. */
static const char *
assignment_label(const struct assignment *a)
{
	return a->cn != NULL && *a->cn != '\0' ? a->cn : a->participant_id;
}

static char *
describe_assign(const struct editor *ed, const struct session *cur,
                const struct session *s)
{
	const struct assignment *a = &s->assign[s->nassign - 1];

	(void)ed;
	return xasprintf("Assigned %s to '%s' as %s", a->cn, session_label(cur),
	                 role_name(a->role));
}

bool
edit_assign(struct editor *ed, const char *uid, dais_time rid,
            const char *participant_id, enum role role, const char *cn,
            const char **why)
{
	const struct session *cur;
	struct session next;
	long a;

	if ((cur = op_find(ed, uid, rid, why)) == NULL)
		return false;
	if (participant_id == NULL || *participant_id == '\0')
		return refuse(ed, why, "Choose a participant to assign.");
	a = session_find_assignment(cur, participant_id);
	if (a >= 0)
		return refuse(ed, why, "%s is already assigned to '%s' as %s.",
		              assignment_label(&cur->assign[a]),
		              session_label(cur),
		              role_name(cur->assign[a].role));
	session_copy(&next, cur);
	session_add_assignment(&next, participant_id, role, cn);
	return op_finish(ed, cur, &next, describe_assign, why);
}

bool
edit_unassign(struct editor *ed, const char *uid, dais_time rid,
              const char *participant_id, const char **why)
{
	const struct session *cur;
	struct session next;
	long a;

	if ((cur = op_find(ed, uid, rid, why)) == NULL ||
	    (a = op_find_assignment(ed, cur, participant_id, why)) < 0)
		return false;
	session_copy(&next, cur);
	free(next.assign[a].participant_id);
	free(next.assign[a].cn);
	memmove(&next.assign[a], &next.assign[a + 1],
	        (next.nassign - (size_t)a - 1) * sizeof *next.assign);
	next.nassign--;
	return op_finish_as(ed, cur, &next,
	                    xasprintf("Removed %s from '%s'",
	                              assignment_label(&cur->assign[a]),
	                              session_label(cur)),
	                    why);
}

bool
edit_set_role(struct editor *ed, const char *uid, dais_time rid,
              const char *participant_id, enum role role, const char **why)
{
	const struct session *cur;
	struct session next;
	long a;

	if ((cur = op_find(ed, uid, rid, why)) == NULL ||
	    (a = op_find_assignment(ed, cur, participant_id, why)) < 0)
		return false;
	session_copy(&next, cur);
	next.assign[a].role = role;
	return op_finish_as(ed, cur, &next,
	                    xasprintf("Made %s %s of '%s'",
	                              assignment_label(&cur->assign[a]),
	                              role_name(role), session_label(cur)),
	                    why);
}

bool
edit_move_assignment(struct editor *ed, const char *uid, dais_time rid,
                     const char *participant_id, int by, const char **why)
{
	const struct session *cur;
	struct session next;
	struct assignment moving;
	long a, to;
	char *d;

	if ((cur = op_find(ed, uid, rid, why)) == NULL ||
	    (a = op_find_assignment(ed, cur, participant_id, why)) < 0)
		return false;
	to = a + by;
	if (to < 0)
		return refuse(ed, why, "%s is already first in '%s'.",
		              assignment_label(&cur->assign[a]),
		              session_label(cur));
	if (to >= (long)cur->nassign)
		return refuse(ed, why, "%s is already last in '%s'.",
		              assignment_label(&cur->assign[a]),
		              session_label(cur));
	if (to == a)
		return true;
	session_copy(&next, cur);
	moving = next.assign[a];
	if (to < a)
		memmove(&next.assign[to + 1], &next.assign[to],
		        (size_t)(a - to) * sizeof moving);
	else
		memmove(&next.assign[a], &next.assign[a + 1],
		        (size_t)(to - a) * sizeof moving);
	next.assign[to] = moving;
	if (by == -1 || by == 1)
		d = xasprintf("Moved %s %s in '%s'", assignment_label(&moving),
		              by < 0 ? "up" : "down", session_label(cur));
	else
		d = xasprintf("Moved %s to place %ld in '%s'",
		              assignment_label(&moving), to + 1,
		              session_label(cur));
	return op_finish_as(ed, cur, &next, d, why);
}
