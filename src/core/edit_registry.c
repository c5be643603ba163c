/*
 * edit_registry.c: participants, rooms, buildings and walks changed as
 * edits (edit_registry.h). An entry's change is stored as before/after
 * copies beside the sessions' steps of the same record, so one undo puts
 * back a removed participant and the assignments its removal took.
 */
#include <stdlib.h>
#include <string.h>

#include "dais/session_index.h"
#include "dais/xalloc.h"
#include "edit_internal.h"

#define ID_BUF 256

static struct registry_item *
item_dup(const struct registry_item *x)
{
	struct registry_item *c;

	if (x == NULL)
		return NULL;
	c = xmalloc(sizeof *c);
	registry_item_copy(c, x);
	return c;
}

static void
item_destroy(struct registry_item *x)
{
	if (x == NULL)
		return;
	registry_item_free(x);
	free(x);
}

static bool
item_equal_opt(const struct registry_item *a, const struct registry_item *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return registry_item_equal(a, b);
}

/* The entry as it is now (a copy the caller destroys), or NULL. */
static struct registry_item *
item_now(const struct programme *p, enum registry_kind kind, const char *id)
{
	struct registry_item *x = xmalloc(sizeof *x);

	if (registry_item_get(p, kind, id, x))
		return x;
	item_destroy(x);
	return NULL;
}

/* ---- The programme's arrays ------------------------------------------ */

static long
walk_index(const struct programme *p, const char *id)
{
	struct registry_item w;
	char buf[ID_BUF];
	size_t i;

	registry_item_init(&w, REGISTRY_WALK);
	for (i = 0; i < p->nwalks; i++) {
		w.walk = p->walks[i];
		if (strcmp(registry_item_id(&w, buf, sizeof buf), id) == 0)
			return (long)i;
		w.walk.from = p->walks[i].to;
		w.walk.to = p->walks[i].from;
		if (strcmp(registry_item_id(&w, buf, sizeof buf), id) == 0)
			return (long)i;
	}
	return -1;
}

/* Position of the entry in its array, or -1. */
static long
item_index(const struct programme *p, enum registry_kind kind, const char *id)
{
	size_t i;

	switch (kind) {
	case REGISTRY_PARTICIPANT:
		for (i = 0; i < p->npeople; i++)
			if (strcmp(p->people[i].id, id) == 0)
				return (long)i;
		return -1;
	case REGISTRY_ROOM:
		for (i = 0; i < p->nrooms; i++)
			if (strcmp(p->rooms[i].id, id) == 0)
				return (long)i;
		return -1;
	case REGISTRY_BUILDING:
		for (i = 0; i < p->nbuildings; i++)
			if (strcmp(p->buildings[i].id, id) == 0)
				return (long)i;
		return -1;
	case REGISTRY_WALK:
		return walk_index(p, id);
	case REGISTRY_KIND_COUNT:
		break;
	}
	return -1;
}

/*
 * Element i of kind's array as an item whose member of that kind is the
 * element itself (not a copy): freeing the item frees the element's
 * strings.
 */
static struct registry_item
item_at(const struct programme *p, enum registry_kind kind, size_t i)
{
	struct registry_item x;

	registry_item_init(&x, kind);
	if (kind == REGISTRY_PARTICIPANT)
		x.person = p->people[i];
	else if (kind == REGISTRY_ROOM)
		x.room = p->rooms[i];
	else if (kind == REGISTRY_BUILDING)
		x.building = p->buildings[i];
	else
		x.walk = p->walks[i];
	return x;
}

/* Stores a copy of x as element i of its array. */
static void
item_store(struct programme *p, size_t i, const struct registry_item *x)
{
	struct registry_item c;

	registry_item_copy(&c, x);
	if (x->kind == REGISTRY_PARTICIPANT)
		p->people[i] = c.person;
	else if (x->kind == REGISTRY_ROOM)
		p->rooms[i] = c.room;
	else if (x->kind == REGISTRY_BUILDING)
		p->buildings[i] = c.building;
	else
		p->walks[i] = c.walk;
}

static void
item_delete(struct programme *p, enum registry_kind kind, size_t i)
{
	struct registry_item old = item_at(p, kind, i);

	registry_item_free(&old);
	if (kind == REGISTRY_PARTICIPANT) {
		memmove(&p->people[i], &p->people[i + 1],
		        (p->npeople - i - 1) * sizeof *p->people);
		p->npeople--;
	} else if (kind == REGISTRY_ROOM) {
		memmove(&p->rooms[i], &p->rooms[i + 1],
		        (p->nrooms - i - 1) * sizeof *p->rooms);
		p->nrooms--;
	} else if (kind == REGISTRY_BUILDING) {
		memmove(&p->buildings[i], &p->buildings[i + 1],
		        (p->nbuildings - i - 1) * sizeof *p->buildings);
		p->nbuildings--;
	} else {
		memmove(&p->walks[i], &p->walks[i + 1],
		        (p->nwalks - i - 1) * sizeof *p->walks);
		p->nwalks--;
	}
}

static size_t
item_append(struct programme *p, enum registry_kind kind)
{
	if (kind == REGISTRY_PARTICIPANT)
		programme_add_participant(p);
	else if (kind == REGISTRY_ROOM)
		programme_add_room(p);
	else if (kind == REGISTRY_BUILDING)
		programme_add_building(p);
	else
		programme_add_walk(p);
	return kind == REGISTRY_PARTICIPANT ? p->npeople - 1
	       : kind == REGISTRY_ROOM      ? p->nrooms - 1
	       : kind == REGISTRY_BUILDING  ? p->nbuildings - 1
	                                    : p->nwalks - 1;
}

/* ---- The saved state --------------------------------------------------- */

static long
rsaved_find(const struct editor *ed, enum registry_kind kind, const char *id)
{
	size_t i;

	for (i = 0; i < ed->nrsaved; i++)
		if (ed->rsaved[i].kind == kind &&
		    strcmp(ed->rsaved[i].id, id) == 0)
			return (long)i;
	return -1;
}

static void
rsaved_remove(struct editor *ed, size_t i)
{
	free(ed->rsaved[i].id);
	item_destroy(ed->rsaved[i].saved);
	item_destroy(ed->rsaved[i].now);
	ed->rsaved[i] = ed->rsaved[--ed->nrsaved];
}

void
registry_saved_free(struct editor *ed)
{
	while (ed->nrsaved > 0)
		rsaved_remove(ed, ed->nrsaved - 1);
	free(ed->rsaved);
	ed->rsaved = NULL;
	ed->caprsaved = 0;
}

/* ---- Applying a state -------------------------------------------------- */

/*
 * Makes entry (kind, id) look like target (NULL: absent), keeping the
 * saved set up to date, and the programme's indexes and the session index
 * (which knows delegations) remade. True when it changed; then *pre and
 * *post get copies of the states before and after (the caller owns them).
 */
static bool
reg_apply(struct editor *ed, enum registry_kind kind, const char *id,
          const struct registry_item *target, struct registry_item **pre,
          struct registry_item **post)
{
	struct programme *p = ed->p;
	struct registry_item *cur = item_now(p, kind, id);
	long i = item_index(p, kind, id), e;

	if (item_equal_opt(cur, target)) {
		item_destroy(cur);
		return false;
	}
	e = rsaved_find(ed, kind, id);
	if (e < 0) {
		XGROW(ed->rsaved, ed->nrsaved, ed->caprsaved);
		e = (long)ed->nrsaved++;
		ed->rsaved[e].kind = kind;
		ed->rsaved[e].id = xstrdup(id);
		ed->rsaved[e].saved = item_dup(cur);
		ed->rsaved[e].now = NULL;
	}
	if (target == NULL) {
		item_delete(p, kind, (size_t)i);
	} else {
		if (i >= 0) {
			struct registry_item old = item_at(p, kind, (size_t)i);

			registry_item_free(&old);
		} else {
			i = (long)item_append(p, kind);
		}
		item_store(p, (size_t)i, target);
	}
	programme_index(p);
	/* The index's groups follow delegations: remade whole. */
	session_index_free(ed->index);
	ed->index = session_index_new(p);
	*pre = cur;
	*post = item_dup(target);
	if (item_equal_opt(ed->rsaved[e].saved, target)) {
		rsaved_remove(ed, (size_t)e);
	} else {
		item_destroy(ed->rsaved[e].now);
		ed->rsaved[e].now = item_dup(target);
	}
	return true;
}

/* ---- Records ----------------------------------------------------------- */

void
registry_steps_free(struct edit_record *r)
{
	size_t i;

	for (i = 0; i < r->nrsteps; i++) {
		free(r->rsteps[i].id);
		item_destroy(r->rsteps[i].before);
		item_destroy(r->rsteps[i].after);
	}
	free(r->rsteps);
	r->rsteps = NULL;
	r->nrsteps = r->caprsteps = 0;
}

/* Adds a step, merged with the record's step for the same entry. */
static void
rstep_add(struct edit_record *r, enum registry_kind kind, const char *id,
          struct registry_item *pre, struct registry_item *post)
{
	struct reg_step *st;
	size_t i;

	for (i = 0; i < r->nrsteps; i++) {
		st = &r->rsteps[i];
		if (st->kind != kind || strcmp(st->id, id) != 0)
			continue;
		item_destroy(pre);
		item_destroy(st->after);
		st->after = post;
		if (item_equal_opt(st->before, st->after)) {
			free(st->id);
			item_destroy(st->before);
			item_destroy(st->after);
			r->rsteps[i] = r->rsteps[--r->nrsteps];
		}
		return;
	}
	XGROW(r->rsteps, r->nrsteps, r->caprsteps);
	st = &r->rsteps[r->nrsteps++];
	st->kind = kind;
	st->id = xstrdup(id);
	st->before = pre;
	st->after = post;
}

size_t
registry_steps_replay(struct editor *ed, const struct edit_record *r,
                      bool backwards, struct registry_delta *out)
{
	size_t i, n = 0;

	for (i = 0; i < r->nrsteps; i++) {
		const struct reg_step *st =
		    &r->rsteps[backwards ? r->nrsteps - 1 - i : i];
		const struct registry_item *from, *to;
		struct registry_item *pre = NULL, *post = NULL;

		from = backwards ? st->after : st->before;
		to = backwards ? st->before : st->after;
		if (!reg_apply(ed, st->kind, st->id, to, &pre, &post))
			continue;
		item_destroy(pre);
		item_destroy(post);
		out[n].kind = st->kind;
		out[n].id = st->id;
		out[n].before = from;
		out[n].after = to;
		n++;
	}
	return n;
}

void
registry_steps_deltas(const struct edit_record *r, struct registry_delta *out)
{
	size_t i;

	for (i = 0; i < r->nrsteps; i++) {
		out[i].kind = r->rsteps[i].kind;
		out[i].id = r->rsteps[i].id;
		out[i].before = r->rsteps[i].before;
		out[i].after = r->rsteps[i].after;
	}
}

/* ---- Operations: the common part --------------------------------------- */

static bool
op_allowed(struct editor *ed, const char **why)
{
	if (read_only_refusal(ed, why))
		return false;
	if (ed->in_callback)
		return refuse(ed, why,
		              "An edit cannot be made during another edit.");
	return true;
}

/* Opens the record an operation goes into (its own, outside a group);
 * true when the operation must close it. */
static bool
op_open(struct editor *ed)
{
	if (ed->open)
		return false;
	record_open(ed, false, NULL);
	return true;
}

static void
op_entry(struct editor *ed, enum registry_kind kind, const char *id,
         const struct registry_item *target)
{
	struct registry_item *pre = NULL, *post = NULL;
	char *key = xstrdup(id); /* id may point into the entry */

	if (reg_apply(ed, kind, key, target, &pre, &post)) {
		ed->touched = true;
		rstep_add(&ed->cur, kind, key, pre, post);
	}
	free(key);
}

static void
op_session(struct editor *ed, const struct session *next)
{
	struct session *pre = NULL, *post = NULL;
	char *uid = xstrdup(next->uid);

	if (apply_state(ed, uid, next->recurrence_id, next, &pre, &post)) {
		ed->touched = true;
		record_add(&ed->cur, uid, next->recurrence_id, pre, post);
		editor_sessions_changed(ed);
	}
	free(uid);
}

static void
op_close(struct editor *ed, bool implicit, char *description)
{
	strlist_add(&ed->op_descriptions, description);
	free(description);
	if (implicit)
		record_close(ed);
}

/* ---- Who uses an entry ------------------------------------------------- */

static bool
session_uses(const struct session *s, enum registry_kind kind, const char *id)
{
	if (kind == REGISTRY_PARTICIPANT)
		return session_find_assignment(s, id) >= 0;
	if (kind == REGISTRY_ROOM)
		return s->room_id != NULL && strcmp(s->room_id, id) == 0;
	return false;
}

size_t *
edit_registry_users(const struct editor *ed, enum registry_kind kind,
                    const char *id, size_t *n)
{
	const struct programme *p = ed->p;
	size_t *v = xcalloc(p->nsessions + 1, sizeof *v), i;

	*n = 0;
	for (i = 0; i < p->nsessions; i++)
		if (session_uses(&p->sessions[i], kind, id))
			v[(*n)++] = i;
	return v;
}

/* The participants whose delegation is id, as "a, b, c" (or NULL). */
static char *
members_of(const struct programme *p, const char *id, size_t *n)
{
	struct strlist l = {0};
	char *s;
	size_t i;

	for (i = 0; i < p->npeople; i++)
		if (p->people[i].delegation != NULL &&
		    strcmp(p->people[i].delegation, id) == 0 &&
		    strcmp(p->people[i].id, id) != 0)
			strlist_add(&l, p->people[i].id);
	*n = l.n;
	s = l.n > 0 ? strlist_join(&l, ", ") : NULL;
	strlist_clear(&l);
	return s;
}

/* The rooms in building id, and the walks from or to it. */
static char *
building_refs(const struct programme *p, const char *id, size_t *n)
{
	struct strlist l = {0};
	char *s;
	size_t i;

	for (i = 0; i < p->nrooms; i++)
		if (p->rooms[i].building != NULL &&
		    strcmp(p->rooms[i].building, id) == 0)
			strlist_add(&l, p->rooms[i].id);
	*n = l.n;
	s = l.n > 0 ? strlist_join(&l, ", ") : NULL;
	strlist_clear(&l);
	return s;
}

char *
edit_registry_id_locked(const struct editor *ed, enum registry_kind kind,
                        const char *id)
{
	size_t n, *v = edit_registry_users(ed, kind, id, &n), m;
	char *refs;

	free(v);
	if (n > 0)
		return xasprintf(
		    "%s is %s %zu session%s: its id cannot change "
		    "(the .ics files name it); make a new %s and "
		    "move the sessions instead",
		    id, kind == REGISTRY_ROOM ? "the room of" : "in", n,
		    n == 1 ? "" : "s", registry_kind_name(kind));
	if (kind == REGISTRY_PARTICIPANT &&
	    (refs = members_of(ed->p, id, &m)) != NULL) {
		char *s = xasprintf("%s is the delegation of %s: its id cannot "
		                    "change while they name it",
		                    id, refs);

		free(refs);
		return s;
	}
	if (kind == REGISTRY_BUILDING) {
		size_t i;

		if ((refs = building_refs(ed->p, id, &m)) != NULL) {
			char *s = xasprintf("rooms %s are in %s: its id cannot "
			                    "change while they name it",
			                    refs, id);

			free(refs);
			return s;
		}
		for (i = 0; i < ed->p->nwalks; i++)
			if (strcmp(ed->p->walks[i].from, id) == 0 ||
			    strcmp(ed->p->walks[i].to, id) == 0)
				return xasprintf(
				    "%s has walks to other "
				    "buildings: its id cannot change "
				    "while they name it",
				    id);
	}
	return NULL;
}

/* ---- Operations -------------------------------------------------------- */

/* A walk named once: from < to. */
static void
walk_normalise(struct registry_item *x)
{
	if (x->kind == REGISTRY_WALK && x->walk.from != NULL &&
	    x->walk.to != NULL && strcmp(x->walk.from, x->walk.to) > 0) {
		char *t = x->walk.from;

		x->walk.from = x->walk.to;
		x->walk.to = t;
	}
}

static char *
describe(const char *verb, const struct registry_item *x)
{
	char buf[ID_BUF];
	const char *name = registry_item_name(x);

	if (x->kind == REGISTRY_WALK)
		return xasprintf("%s the walk %s (%d min)", verb,
		                 registry_item_id(x, buf, sizeof buf),
		                 x->walk.minutes);
	return xasprintf("%s %s '%s'", verb, registry_kind_name(x->kind),
	                 name != NULL ? name
	                              : registry_item_id(x, buf, sizeof buf));
}

/* A group that stops being one while participants name it. */
static bool
still_a_group(struct editor *ed, const struct registry_item *x,
              const char **why)
{
	size_t n;
	char *refs;

	if (x->kind != REGISTRY_PARTICIPANT || participant_is_group(&x->person))
		return true;
	refs = members_of(ed->p, x->person.id, &n);
	if (refs == NULL)
		return true;
	refuse(ed, why,
	       "%s is the delegation of %s: a %s is not a group; give them "
	       "another delegation first",
	       x->person.id, refs, participant_kind_name(x->person.kind));
	free(refs);
	return false;
}

bool
edit_registry_put(struct editor *ed, const char *id,
                  const struct registry_item *given, const char **why)
{
	struct registry_item x;
	char buf[ID_BUF], *problem = NULL;
	const char *new_id;
	bool implicit, renamed, exists;

	if (!op_allowed(ed, why))
		return false;
	registry_item_copy(&x, given);
	walk_normalise(&x);
	new_id = registry_item_id(&x, buf, sizeof buf);
	if (!registry_item_check(ed->p, &x, &problem)) {
		refuse(ed, why, "%s", problem);
		free(problem);
		registry_item_free(&x);
		return false;
	}
	exists = id != NULL && item_index(ed->p, x.kind, id) >= 0;
	if (id != NULL && !exists) {
		registry_item_free(&x);
		return refuse(ed, why,
		              "There is no %s %s any more (undone?): close "
		              "the form.",
		              registry_kind_name(given->kind), id);
	}
	renamed = exists && strcmp(id, new_id) != 0;
	if ((!exists || renamed) && item_index(ed->p, x.kind, new_id) >= 0) {
		refuse(ed, why,
		       x.kind == REGISTRY_WALK
		           ? "The walk %s is given already: change that one."
		           : "There is a %s %s already: choose another id.",
		       x.kind == REGISTRY_WALK ? new_id
		                               : registry_kind_name(x.kind),
		       new_id);
		registry_item_free(&x);
		return false;
	}
	if (renamed && (problem = edit_registry_id_locked(ed, x.kind, id))) {
		refuse(ed, why, "%s.", problem);
		free(problem);
		registry_item_free(&x);
		return false;
	}
	if (exists && !still_a_group(ed, &x, why)) {
		registry_item_free(&x);
		return false;
	}
	implicit = op_open(ed);
	if (renamed)
		op_entry(ed, x.kind, id, NULL);
	op_entry(ed, x.kind, new_id, &x);
	op_close(ed, implicit, describe(exists ? "Changed" : "Added", &x));
	registry_item_free(&x);
	return true;
}

bool
edit_registry_remove(struct editor *ed, enum registry_kind kind, const char *id,
                     const char **why)
{
	struct registry_item *cur;
	size_t n, i, *v;
	char *refs;
	bool implicit;

	if (!op_allowed(ed, why))
		return false;
	if (id == NULL || (cur = item_now(ed->p, kind, id)) == NULL)
		return refuse(ed, why, "There is no %s %s.",
		              registry_kind_name(kind), id ? id : "");
	if (kind == REGISTRY_PARTICIPANT &&
	    (refs = members_of(ed->p, id, &n)) != NULL) {
		refuse(ed, why,
		       "%s is the delegation of %s: give them another "
		       "delegation (or remove them) first",
		       id, refs);
		free(refs);
		item_destroy(cur);
		return false;
	}
	if (kind == REGISTRY_BUILDING &&
	    (refs = building_refs(ed->p, id, &n)) != NULL) {
		refuse(ed, why,
		       "rooms %s are in %s: move them to another building "
		       "(or remove them) first",
		       refs, id);
		free(refs);
		item_destroy(cur);
		return false;
	}
	implicit = op_open(ed);
	/* What uses it goes in the same edit: one undo brings all back. */
	v = edit_registry_users(ed, kind, id, &n);
	for (i = 0; i < n; i++) {
		/* Indexes move as sessions change: found again by key. */
		char *uid = xstrdup(ed->p->sessions[v[i]].uid);
		dais_time rid = ed->p->sessions[v[i]].recurrence_id;
		const struct session *s = editor_session(ed, uid, rid);
		struct session next;

		if (s != NULL) {
			session_copy(&next, s);
			if (kind == REGISTRY_PARTICIPANT) {
				session_remove_assignment(
				    &next,
				    (size_t)session_find_assignment(&next, id));
			} else {
				/* The room's name stays, as free text. */
				free(next.room_id);
				next.room_id = NULL;
			}
			op_session(ed, &next);
			session_free(&next);
		}
		free(uid);
	}
	free(v);
	if (kind == REGISTRY_BUILDING) {
		struct registry_item w;
		char buf[ID_BUF];

		registry_item_init(&w, REGISTRY_WALK);
		for (i = ed->p->nwalks; i-- > 0;) {
			w.walk = ed->p->walks[i];
			if (strcmp(w.walk.from, id) != 0 &&
			    strcmp(w.walk.to, id) != 0)
				continue;
			op_entry(ed, REGISTRY_WALK,
			         registry_item_id(&w, buf, sizeof buf), NULL);
		}
	}
	op_entry(ed, kind, id, NULL);
	op_close(ed, implicit, describe("Removed", cur));
	item_destroy(cur);
	return true;
}

bool
edit_registry_restore(struct editor *ed, enum registry_kind kind,
                      const char *id, const struct registry_item *x,
                      const char **why)
{
	struct registry_item *cur;
	bool implicit;

	if (!op_allowed(ed, why))
		return false;
	if (x != NULL && x->kind != kind)
		return refuse(ed, why,
		              "The state given for %s is another "
		              "kind's.",
		              id);
	cur = item_now(ed->p, kind, id);
	implicit = op_open(ed);
	op_entry(ed, kind, id, x);
	op_close(ed, implicit,
	         describe("Restored", x != NULL     ? x
	                              : cur != NULL ? cur
	                                            : x));
	item_destroy(cur);
	return true;
}

/* ---- For the saver ------------------------------------------------------ */

size_t
editor_registry_changes(const struct editor *ed, enum registry_kind kind,
                        struct registry_change **out)
{
	size_t i, n = 0;

	*out = xcalloc(ed->nrsaved + 1, sizeof **out);
	for (i = 0; i < ed->nrsaved; i++) {
		const struct reg_saved *sv = &ed->rsaved[i];
		struct registry_change *c;

		if (sv->kind != kind)
			continue;
		c = &(*out)[n++];
		c->kind = kind;
		c->id = sv->id;
		c->saved = sv->saved;
		c->now = sv->now;
	}
	if (n == 0) {
		free(*out);
		*out = NULL;
	}
	return n;
}

void
editor_mark_registry_saved(struct editor *ed, enum registry_kind kind)
{
	size_t i;

	for (i = ed->nrsaved; i-- > 0;)
		if (ed->rsaved[i].kind == kind)
			rsaved_remove(ed, i);
}

bool
editor_registry_dirty(const struct editor *ed, enum registry_kind kind)
{
	size_t i;

	for (i = 0; i < ed->nrsaved; i++)
		if (ed->rsaved[i].kind == kind)
			return true;
	return false;
}
