/*
 * test_edit.c: the edit operations of core (edit.h). Every operation is
 * applied, undone and redone against field-by-field snapshots; refusals,
 * the dirty flag, SEQUENCE, change tracking, groups, the callback, and long
 * random runs of edits with a fixed seed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dais/edit.h"
#include "dais/model.h"
#include "dais/xalloc.h"
#include "fixture_core.h"

/* ---- A programme in memory ------------------------------------------ */

#define UID_OPEN    "plenary-open@dushanbe-process.org"
#define UID_BORDERS "side-borders@dushanbe-process.org"
#define UID_RECEPT  "reception@dushanbe-process.org"
#define UID_BILAT   "bilateral-kw-tj@dushanbe-process.org"
#define UID_COFFEE  "coffee@dushanbe-process.org"
#define UID_CLOSING "plenary-close@dushanbe-process.org"

/* The instant of local hh:mm (Kuwait, UTC+3) on day 1 or 2. */
static dais_time
at(const struct programme *p, int day, int hh, int mm)
{
	return fixture_at(p, day, hh * 60 + mm);
}

static void
add_room(struct programme *p, const char *id, const char *name)
{
	fixture_room(p, id, name, 100);
}

static void
add_person(struct programme *p, const char *id, const char *name,
           enum participant_kind kind)
{
	fixture_person(p, id, name, kind);
}

static struct session *
add_session(struct programme *p, const char *uid, const char *title,
            const char *kind, const char *room, const char *location,
            dais_time start, dais_time end)
{
	struct session *s = programme_add_session(p);

	s->uid = xstrdup(uid);
	s->title = xstrdup(title);
	s->kind = xstrdup(kind);
	s->room_id = xstrdup(room);
	s->location = xstrdup(location);
	s->start = start;
	s->end = end;
	s->source = 0;
	return s;
}

/*
 * Seven sessions over two days: plenaries with assignments, a tentative
 * side session, a cancelled bilateral, two occurrences of a recurring coffee
 * break, and a closing plenary naming a room and a participant that no
 * registry defines (as a file may). Deliberately not in time order.
 */
static struct programme *
build_programme(void)
{
	struct programme *p = fixture_conference(2);
	static const char *const kinds[] = {"PLENARY",     "SIDE-SESSION",
	                                    "MINISTERIAL", "RECEPTION",
	                                    "BREAK",       "BILATERAL"};
	struct session *s;
	size_t i;

	p->conf.name = xstrdup("Dushanbe Process: Kuwait Phase");
	for (i = 0; i < sizeof kinds / sizeof *kinds; i++)
		strlist_add(&p->conf.kinds, kinds[i]);

	add_room(p, "plenary", "Main Plenary Hall");
	add_room(p, "side-a", "Side Room A");
	add_room(p, "side-b", "Side Room B");
	add_room(p, "hall", "Reception Hall");
	add_person(p, "kw-interior", "Minister of Interior — Kuwait",
	           PARTICIPANT_MINISTER);
	add_person(p, "tj-foreign", "Министр иностранных дел",
	           PARTICIPANT_MINISTER);
	add_person(p, "unoct", "UN Office of Counter-Terrorism",
	           PARTICIPANT_UN_ENTITY);
	add_person(p, "osce", "OSCE", PARTICIPANT_ORGANISATION);
	add_person(p, "kw-delegation", "وفد الكويت", PARTICIPANT_DELEGATION);
	add_person(p, "csa-borders", "Civil society: Borders Watch",
	           PARTICIPANT_CIVIL_SOCIETY);

	s = add_session(p, UID_CLOSING, "Closing plenary", "PLENARY",
	                "old-room", "Old Hall", at(p, 2, 16, 0),
	                at(p, 2, 17, 30));
	session_add_assignment(s, "ghost-id", ROLE_CHAIR, "Someone Unknown");
	session_add_assignment(s, "kw-interior", ROLE_SPEAKER,
	                       "Minister of Interior — Kuwait");
	s->description = xstrdup("");
	s->line = 80;

	s = add_session(p, UID_OPEN, "Opening plenary", "PLENARY", "plenary",
	                "Main Plenary Hall", at(p, 1, 9, 0), at(p, 1, 10, 30));
	session_add_assignment(s, "kw-interior", ROLE_CHAIR,
	                       "Minister of Interior — Kuwait");
	session_add_assignment(s, "tj-foreign", ROLE_SPEAKER,
	                       "Министр иностранных дел");
	session_add_assignment(s, "unoct", ROLE_SPEAKER,
	                       "UN Office of Counter-Terrorism");
	strlist_add(&s->languages, "ar");
	strlist_add(&s->languages, "en");
	strlist_add(&s->languages, "ru");
	s->description = xstrdup("Opening of the Kuwait phase.");
	s->notes = xstrdup("VIP entrance B");
	s->expected = 450;
	s->sequence = 2;
	s->line = 10;

	s = add_session(p, UID_BORDERS, "Border management side session",
	                "SIDE-SESSION", "side-a", "Side Room A",
	                at(p, 1, 11, 0), at(p, 1, 12, 30));
	s->status = SESSION_TENTATIVE;
	session_add_assignment(s, "osce", ROLE_CHAIR, "OSCE");
	session_add_assignment(s, "csa-borders", ROLE_PARTICIPANT,
	                       "Civil society: Borders Watch");
	s->source = 1;
	s->line = 5;

	s = add_session(p, UID_RECEPT, "Ministerial reception", "RECEPTION",
	                "hall", "Reception Hall", at(p, 1, 19, 0),
	                at(p, 1, 21, 0));
	s->line = 40;

	s = add_session(p, UID_BILAT, "Kuwait-Tajikistan bilateral",
	                "BILATERAL", "side-b", "Side Room B", at(p, 1, 14, 0),
	                at(p, 1, 14, 45));
	s->status = SESSION_CANCELLED;
	s->sequence = 1;
	s->line = 60;

	s = add_session(p, UID_COFFEE, "Coffee break", "BREAK", "hall",
	                "Reception Hall", at(p, 2, 10, 30), at(p, 2, 11, 0));
	s->recurrence_id = at(p, 2, 10, 30);
	s->line = 90;
	s = add_session(p, UID_COFFEE, "Coffee break", "BREAK", "hall",
	                "Reception Hall", at(p, 1, 10, 30), at(p, 1, 11, 0));
	s->recurrence_id = at(p, 1, 10, 30);
	s->line = 90;

	programme_index(p);
	return p;
}

/* ---- Snapshots and comparison --------------------------------------- */

struct snap {
	struct session *v;
	size_t n;
};

static struct snap
snap_take(const struct programme *p)
{
	struct snap s;
	size_t i;

	s.n = p->nsessions;
	s.v = xcalloc(s.n + 1, sizeof *s.v);
	for (i = 0; i < s.n; i++)
		session_copy(&s.v[i], &p->sessions[i]);
	return s;
}

static void
snap_free(struct snap *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		session_free(&s->v[i]);
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

static bool
opt_eq(const char *a, const char *b)
{
	return a == NULL || b == NULL ? a == b : strcmp(a, b) == 0;
}

/* Returns NULL when equal, else the name of the first field that differs. */
static const char *
session_diff(const struct session *a, const struct session *b)
{
	size_t i;

	if (!opt_eq(a->uid, b->uid))
		return "uid";
	if (a->recurrence_id != b->recurrence_id)
		return "recurrence_id";
	if (!opt_eq(a->title, b->title))
		return "title";
	if (!opt_eq(a->description, b->description))
		return "description";
	if (!opt_eq(a->notes, b->notes))
		return "notes";
	if (!opt_eq(a->kind, b->kind))
		return "kind";
	if (a->status != b->status)
		return "status";
	if (!opt_eq(a->room_id, b->room_id))
		return "room_id";
	if (!opt_eq(a->location, b->location))
		return "location";
	if (a->start != b->start)
		return "start";
	if (a->end != b->end)
		return "end";
	if (a->expected != b->expected)
		return "expected";
	if (a->languages.n != b->languages.n)
		return "languages";
	for (i = 0; i < a->languages.n; i++)
		if (strcmp(a->languages.v[i], b->languages.v[i]) != 0)
			return "languages";
	if (a->nassign != b->nassign)
		return "nassign";
	for (i = 0; i < a->nassign; i++) {
		if (!opt_eq(a->assign[i].participant_id,
		            b->assign[i].participant_id))
			return "assign.participant_id";
		if (a->assign[i].role != b->assign[i].role)
			return "assign.role";
		if (!opt_eq(a->assign[i].cn, b->assign[i].cn))
			return "assign.cn";
	}
	if (a->sequence != b->sequence)
		return "sequence";
	if (a->source != b->source)
		return "source";
	if (a->line != b->line)
		return "line";
	return NULL;
}

/* Describes the first difference between p and s, or returns false. */
static bool
programme_differs(const struct programme *p, const struct snap *s, char *buf,
                  size_t len)
{
	size_t i;

	if (p->nsessions != s->n) {
		snprintf(buf, len, "%zu sessions, expected %zu", p->nsessions,
		         s->n);
		return true;
	}
	for (i = 0; i < s->n; i++) {
		const char *f = session_diff(&p->sessions[i], &s->v[i]);

		if (f != NULL) {
			snprintf(buf, len, "session %zu (%s): %s differs", i,
			         s->v[i].uid, f);
			return true;
		}
	}
	return false;
}

static void
assert_programme_is(const struct programme *p, const struct snap *s)
{
	char why[256];

	if (programme_differs(p, s, why, sizeof why))
		fail_msg("programme differs from snapshot: %s", why);
}

static void
assert_programme_is_not(const struct programme *p, const struct snap *s)
{
	char why[256];

	assert_true(programme_differs(p, s, why, sizeof why));
}

/* The order programme_sort_sessions keeps. */
static void
assert_sorted(const struct programme *p)
{
	size_t i;

	for (i = 1; i < p->nsessions; i++) {
		const struct session *a = &p->sessions[i - 1];
		const struct session *b = &p->sessions[i];
		int c;

		if (a->start != b->start) {
			assert_true(a->start < b->start);
			continue;
		}
		if (a->end != b->end) {
			assert_true(a->end < b->end);
			continue;
		}
		c = strcmp(a->room_id ? a->room_id : "",
		           b->room_id ? b->room_id : "");
		if (c == 0)
			c = strcmp(a->uid, b->uid);
		if (c == 0)
			c = a->recurrence_id < b->recurrence_id ? -1 : 1;
		assert_true(c < 0);
	}
}

static const struct session *
find(const struct programme *p, const char *uid, dais_time rid)
{
	long i = programme_find_session(p, uid, rid);

	return i >= 0 ? &p->sessions[i] : NULL;
}

static const struct session *
must_find(const struct programme *p, const char *uid, dais_time rid)
{
	const struct session *s = find(p, uid, rid);

	if (s == NULL)
		fail_msg("no session %s", uid);
	return s;
}

/* ---- The callback, recorded ----------------------------------------- */

struct cb_log {
	int calls;
	enum edit_event_kind kind;
	char *description;
	size_t ndeltas;
	/* For the first delta: the states, by title and start. */
	char *before_title, *after_title;
	bool before_null, after_null;
	/* An edit tried from inside the callback, and what it got. */
	struct editor *ed;
	bool try_edit, edit_result;
	const char *edit_why;
};

static void
cb_record(const struct edit_event *ev, void *arg)
{
	struct cb_log *log = arg;
	size_t i;

	log->calls++;
	log->kind = ev->kind;
	free(log->description);
	log->description = xstrdup(ev->description);
	log->ndeltas = ev->ndeltas;
	free(log->before_title);
	free(log->after_title);
	log->before_title = log->after_title = NULL;
	log->before_null = log->after_null = true;
	if (ev->ndeltas > 0) {
		const struct edit_delta *d = &ev->deltas[0];

		log->before_null = d->before == NULL;
		log->after_null = d->after == NULL;
		if (d->before != NULL)
			log->before_title = xstrdup(d->before->title);
		if (d->after != NULL)
			log->after_title = xstrdup(d->after->title);
	}
	/* `after` points into the programme, found again by key. */
	for (i = 0; i < ev->ndeltas; i++) {
		const struct session *a = ev->deltas[i].after;

		if (a != NULL && log->ed != NULL)
			assert_ptr_equal(a, editor_session(log->ed, a->uid,
			                                   a->recurrence_id));
	}
	if (log->try_edit && log->ed != NULL)
		log->edit_result =
		    edit_set_title(log->ed, UID_OPEN, DAIS_TIME_NONE,
		                   "Hijacked", &log->edit_why);
}

static void
cb_clear(struct cb_log *log)
{
	free(log->description);
	free(log->before_title);
	free(log->after_title);
	memset(log, 0, sizeof *log);
}

/* ---- Every operation: apply, undo, redo ----------------------------- */

struct fixture {
	struct programme *p;
	struct editor *ed;
	struct cb_log log;
};

static int
setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);

	f->p = build_programme();
	f->ed = editor_new(f->p);
	f->log.ed = f->ed;
	editor_set_callback(f->ed, cb_record, &f->log);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	editor_free(f->ed);
	programme_free(f->p);
	cb_clear(&f->log);
	free(f);
	return 0;
}

struct op_case {
	const char *name;
	/* Applies the operation; returns its result. */
	bool (*apply)(struct fixture *f, const char **why);
	/* Asserts what the operation changed. */
	void (*check)(struct fixture *f);
	const char *description;
};

static char *created_uid;

static bool
op_create(struct fixture *f, const char **why)
{
	struct session s;
	bool ok;

	session_init(&s);
	s.title = xstrdup("  Women in border security  ");
	s.kind = xstrdup("side-session");
	s.room_id = xstrdup("side-b");
	s.start = at(f->p, 2, 9, 0);
	s.end = at(f->p, 2, 10, 0);
	s.expected = 40;
	s.sequence = 7; /* ignored: a new session starts at 0 */
	s.source = 3;   /* ignored: made in dais */
	session_add_assignment(&s, "unoct", ROLE_CHAIR, NULL);
	strlist_add(&s.languages, "EN");
	free(created_uid);
	ok = edit_create(f->ed, &s, &created_uid, why);
	session_free(&s);
	return ok;
}

static void
check_create(struct fixture *f)
{
	const struct session *s;
	const char *u = created_uid, *at_sign;
	size_t i;

	assert_non_null(u);
	assert_int_equal(strncmp(u, "dais-", 5), 0);
	for (i = 5; i < 5 + 32; i++)
		assert_non_null(strchr("0123456789abcdef", u[i]));
	at_sign = u + 5 + 32;
	assert_int_equal(*at_sign, '@');
	assert_true(strlen(at_sign + 1) > 0);
	for (i = 1; at_sign[i] != '\0'; i++)
		assert_non_null(strchr("abcdefghijklmnopqrstuvwxyz"
		                       "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-",
		                       at_sign[i]));
	s = must_find(f->p, u, DAIS_TIME_NONE);
	assert_string_equal(s->title, "Women in border security");
	assert_string_equal(s->kind, "SIDE-SESSION");
	assert_string_equal(s->location, "Side Room B");
	assert_int_equal(s->sequence, 0);
	assert_int_equal(s->source, -1);
	assert_int_equal(s->line, 0);
	assert_int_equal(s->nassign, 1);
	assert_string_equal(s->assign[0].cn, "UN Office of Counter-Terrorism");
	assert_int_equal(s->languages.n, 1);
	assert_string_equal(s->languages.v[0], "en");
	assert_int_equal(f->p->nsessions, 8);
}

static bool
op_duplicate(struct fixture *f, const char **why)
{
	free(created_uid);
	return edit_duplicate(f->ed, UID_OPEN, DAIS_TIME_NONE, &created_uid,
	                      why);
}

static void
check_duplicate(struct fixture *f)
{
	const struct session *o = must_find(f->p, UID_OPEN, DAIS_TIME_NONE);
	const struct session *c = must_find(f->p, created_uid, DAIS_TIME_NONE);

	assert_string_not_equal(c->uid, o->uid);
	assert_string_equal(c->title, "Opening plenary (copy)");
	assert_int_equal(c->start, o->start);
	assert_int_equal(c->end, o->end);
	assert_string_equal(c->room_id, o->room_id);
	assert_string_equal(c->notes, o->notes);
	assert_int_equal(c->nassign, 3);
	assert_string_equal(c->assign[2].participant_id, "unoct");
	assert_int_equal(c->languages.n, 3);
	assert_int_equal(c->sequence, 0);
	assert_int_equal(c->source, -1);
	assert_int_equal(f->p->nsessions, 8);
}

static bool
op_duplicate_occurrence(struct fixture *f, const char **why)
{
	free(created_uid);
	return edit_duplicate(f->ed, UID_COFFEE, at(f->p, 1, 10, 30),
	                      &created_uid, why);
}

static void
check_duplicate_occurrence(struct fixture *f)
{
	const struct session *c = must_find(f->p, created_uid, DAIS_TIME_NONE);

	assert_string_equal(c->title, "Coffee break (copy)");
	assert_int_equal(c->start, at(f->p, 1, 10, 30));
}

static bool
op_delete(struct fixture *f, const char **why)
{
	return edit_delete(f->ed, UID_BORDERS, DAIS_TIME_NONE, why);
}

static void
check_delete(struct fixture *f)
{
	assert_null(find(f->p, UID_BORDERS, DAIS_TIME_NONE));
	assert_int_equal(f->p->nsessions, 6);
}

static bool
op_delete_occurrence(struct fixture *f, const char **why)
{
	return edit_delete(f->ed, UID_COFFEE, at(f->p, 2, 10, 30), why);
}

static void
check_delete_occurrence(struct fixture *f)
{
	assert_null(find(f->p, UID_COFFEE, at(f->p, 2, 10, 30)));
	assert_non_null(find(f->p, UID_COFFEE, at(f->p, 1, 10, 30)));
}

static bool
op_replace(struct fixture *f, const char **why)
{
	struct session s;
	bool ok;

	session_copy(&s, must_find(f->p, UID_BORDERS, DAIS_TIME_NONE));
	free(s.title);
	s.title = xstrdup("Border management and security");
	free(s.room_id);
	s.room_id = xstrdup("side-b");
	free(s.location);
	s.location = NULL;
	s.start = at(f->p, 1, 11, 30);
	s.end = at(f->p, 1, 13, 0);
	s.status = SESSION_CONFIRMED;
	s.sequence = 99; /* ignored */
	session_add_assignment(&s, "kw-delegation", ROLE_PARTICIPANT, NULL);
	ok = edit_replace(f->ed, UID_BORDERS, DAIS_TIME_NONE, &s, why);
	session_free(&s);
	return ok;
}

static void
check_replace(struct fixture *f)
{
	const struct session *s = must_find(f->p, UID_BORDERS, DAIS_TIME_NONE);

	assert_string_equal(s->title, "Border management and security");
	assert_string_equal(s->location, "Side Room B");
	assert_int_equal(s->start, at(f->p, 1, 11, 30));
	assert_int_equal(s->status, SESSION_CONFIRMED);
	assert_int_equal(s->sequence, 1);
	assert_int_equal(s->source, 1);
	assert_int_equal(s->line, 5);
	assert_int_equal(s->nassign, 3);
	assert_string_equal(s->assign[2].cn, "وفد الكويت");
}

static bool
op_title(struct fixture *f, const char **why)
{
	return edit_set_title(f->ed, UID_OPEN, DAIS_TIME_NONE,
	                      "Opening plenary: border security", why);
}

static void
check_title(struct fixture *f)
{
	const struct session *s = must_find(f->p, UID_OPEN, DAIS_TIME_NONE);

	assert_string_equal(s->title, "Opening plenary: border security");
	assert_int_equal(s->sequence, 2); /* not a significant change */
}

static bool
op_description(struct fixture *f, const char **why)
{
	return edit_set_description(f->ed, UID_OPEN, DAIS_TIME_NONE,
	                            "Statements by the co-hosts.", why);
}

static void
check_description(struct fixture *f)
{
	assert_string_equal(
	    must_find(f->p, UID_OPEN, DAIS_TIME_NONE)->description,
	    "Statements by the co-hosts.");
}

static bool
op_clear_description(struct fixture *f, const char **why)
{
	return edit_set_description(f->ed, UID_OPEN, DAIS_TIME_NONE, "", why);
}

static void
check_clear_description(struct fixture *f)
{
	assert_null(must_find(f->p, UID_OPEN, DAIS_TIME_NONE)->description);
}

static bool
op_notes(struct fixture *f, const char **why)
{
	return edit_set_notes(f->ed, UID_BORDERS, DAIS_TIME_NONE,
	                      "Interpreters arrive at 10:30.\nCheck booth 2.",
	                      why);
}

static void
check_notes(struct fixture *f)
{
	assert_string_equal(must_find(f->p, UID_BORDERS, DAIS_TIME_NONE)->notes,
	                    "Interpreters arrive at 10:30.\nCheck booth 2.");
}

/* Any text field by its id in the session field table. */
static bool
op_text_by_field(struct fixture *f, const char **why)
{
	return edit_set_text(f->ed, UID_BORDERS, DAIS_TIME_NONE,
	                     SESSION_FIELD_DESCRIPTION, "Доклад и обсуждение",
	                     why);
}

static void
check_text_by_field(struct fixture *f)
{
	assert_string_equal(
	    must_find(f->p, UID_BORDERS, DAIS_TIME_NONE)->description,
	    "Доклад и обсуждение");
}

static bool
op_kind(struct fixture *f, const char **why)
{
	return edit_set_kind(f->ed, UID_BORDERS, DAIS_TIME_NONE, "Ministerial",
	                     why);
}

static void
check_kind(struct fixture *f)
{
	assert_string_equal(must_find(f->p, UID_BORDERS, DAIS_TIME_NONE)->kind,
	                    "MINISTERIAL");
}

static bool
op_cancel(struct fixture *f, const char **why)
{
	return edit_set_status(f->ed, UID_OPEN, DAIS_TIME_NONE,
	                       SESSION_CANCELLED, why);
}

static void
check_cancel(struct fixture *f)
{
	const struct session *s = must_find(f->p, UID_OPEN, DAIS_TIME_NONE);

	assert_int_equal(s->status, SESSION_CANCELLED);
	assert_int_equal(s->sequence, 3);
}

static bool
op_restore(struct fixture *f, const char **why)
{
	return edit_set_status(f->ed, UID_BILAT, DAIS_TIME_NONE,
	                       SESSION_CONFIRMED, why);
}

static void
check_restore(struct fixture *f)
{
	const struct session *s = must_find(f->p, UID_BILAT, DAIS_TIME_NONE);

	assert_int_equal(s->status, SESSION_CONFIRMED);
	assert_int_equal(s->sequence, 2);
}

static bool
op_room(struct fixture *f, const char **why)
{
	return edit_set_room(f->ed, UID_OPEN, DAIS_TIME_NONE, "hall", NULL,
	                     why);
}

static void
check_room(struct fixture *f)
{
	const struct session *s = must_find(f->p, UID_OPEN, DAIS_TIME_NONE);

	assert_string_equal(s->room_id, "hall");
	assert_string_equal(s->location, "Reception Hall");
	assert_int_equal(s->sequence, 3);
}

static bool
op_room_free_text(struct fixture *f, const char **why)
{
	return edit_set_room(f->ed, UID_RECEPT, DAIS_TIME_NONE, NULL,
	                     "Bayan Palace garden", why);
}

static void
check_room_free_text(struct fixture *f)
{
	const struct session *s = must_find(f->p, UID_RECEPT, DAIS_TIME_NONE);

	assert_null(s->room_id);
	assert_string_equal(s->location, "Bayan Palace garden");
	assert_int_equal(s->sequence, 1);
}

static bool
op_move(struct fixture *f, const char **why)
{
	return edit_move(f->ed, UID_OPEN, DAIS_TIME_NONE, at(f->p, 1, 9, 30),
	                 why);
}

static void
check_move(struct fixture *f)
{
	const struct session *s = must_find(f->p, UID_OPEN, DAIS_TIME_NONE);

	assert_int_equal(s->start, at(f->p, 1, 9, 30));
	assert_int_equal(s->end, at(f->p, 1, 11, 0));
	assert_int_equal(s->sequence, 3);
	/* Still first: 09:30 is before the 10:30 coffee break. */
	assert_ptr_equal(s, &f->p->sessions[0]);
}

static bool
op_move_day(struct fixture *f, const char **why)
{
	return edit_move(f->ed, UID_RECEPT, DAIS_TIME_NONE, at(f->p, 2, 19, 0),
	                 why);
}

static void
check_move_day(struct fixture *f)
{
	const struct session *s = must_find(f->p, UID_RECEPT, DAIS_TIME_NONE);

	assert_int_equal(s->start, at(f->p, 2, 19, 0));
	assert_int_equal(s->end, at(f->p, 2, 21, 0));
	assert_ptr_equal(s, &f->p->sessions[f->p->nsessions - 1]);
}

static bool
op_move_occurrence(struct fixture *f, const char **why)
{
	return edit_move(f->ed, UID_COFFEE, at(f->p, 2, 10, 30),
	                 at(f->p, 2, 10, 45), why);
}

static void
check_move_occurrence(struct fixture *f)
{
	const struct session *moved =
	    must_find(f->p, UID_COFFEE, at(f->p, 2, 10, 30));
	const struct session *other =
	    must_find(f->p, UID_COFFEE, at(f->p, 1, 10, 30));

	assert_int_equal(moved->start, at(f->p, 2, 10, 45));
	assert_int_equal(moved->recurrence_id, at(f->p, 2, 10, 30));
	assert_int_equal(moved->sequence, 1);
	assert_int_equal(other->start, at(f->p, 1, 10, 30));
	assert_int_equal(other->sequence, 0);
}

static bool
op_end(struct fixture *f, const char **why)
{
	return edit_set_end(f->ed, UID_OPEN, DAIS_TIME_NONE, at(f->p, 1, 11, 0),
	                    why);
}

static void
check_end(struct fixture *f)
{
	const struct session *s = must_find(f->p, UID_OPEN, DAIS_TIME_NONE);

	assert_int_equal(s->start, at(f->p, 1, 9, 0));
	assert_int_equal(s->end, at(f->p, 1, 11, 0));
	assert_int_equal(s->sequence, 3);
}

static bool
op_duration(struct fixture *f, const char **why)
{
	return edit_set_duration(f->ed, UID_BORDERS, DAIS_TIME_NONE, 45, why);
}

static void
check_duration(struct fixture *f)
{
	const struct session *s = must_find(f->p, UID_BORDERS, DAIS_TIME_NONE);

	assert_int_equal(s->start, at(f->p, 1, 11, 0));
	assert_int_equal(s->end, at(f->p, 1, 11, 45));
	assert_int_equal(s->sequence, 1);
}

static bool
op_times(struct fixture *f, const char **why)
{
	return edit_set_times(f->ed, UID_BORDERS, DAIS_TIME_NONE,
	                      at(f->p, 1, 8, 15), at(f->p, 1, 8, 45), why);
}

static void
check_times(struct fixture *f)
{
	const struct session *s = must_find(f->p, UID_BORDERS, DAIS_TIME_NONE);

	assert_int_equal(s->start, at(f->p, 1, 8, 15));
	assert_int_equal(s->end, at(f->p, 1, 8, 45));
	assert_ptr_equal(s, &f->p->sessions[0]);
}

static bool
op_attendance(struct fixture *f, const char **why)
{
	return edit_set_expected(f->ed, UID_OPEN, DAIS_TIME_NONE, 520, why);
}

static void
check_attendance(struct fixture *f)
{
	assert_int_equal(must_find(f->p, UID_OPEN, DAIS_TIME_NONE)->expected,
	                 520);
}

static bool
op_languages(struct fixture *f, const char **why)
{
	struct strlist l = {0};
	bool ok;

	strlist_add(&l, "ar");
	strlist_add(&l, "TG");
	strlist_add(&l, "zh-Hans");
	ok = edit_set_languages(f->ed, UID_BORDERS, DAIS_TIME_NONE, &l, why);
	strlist_clear(&l);
	return ok;
}

static void
check_languages(struct fixture *f)
{
	const struct session *s = must_find(f->p, UID_BORDERS, DAIS_TIME_NONE);

	assert_int_equal(s->languages.n, 3);
	assert_string_equal(s->languages.v[1], "tg");
	assert_string_equal(s->languages.v[2], "zh-hans");
}

static bool
op_clear_languages(struct fixture *f, const char **why)
{
	return edit_set_languages(f->ed, UID_OPEN, DAIS_TIME_NONE, NULL, why);
}

static void
check_clear_languages(struct fixture *f)
{
	assert_int_equal(must_find(f->p, UID_OPEN, DAIS_TIME_NONE)->languages.n,
	                 0);
}

static bool
op_assign(struct fixture *f, const char **why)
{
	return edit_assign(f->ed, UID_BORDERS, DAIS_TIME_NONE, "tj-foreign",
	                   ROLE_SPEAKER, NULL, why);
}

static void
check_assign(struct fixture *f)
{
	const struct session *s = must_find(f->p, UID_BORDERS, DAIS_TIME_NONE);

	assert_int_equal(s->nassign, 3);
	assert_string_equal(s->assign[2].participant_id, "tj-foreign");
	assert_int_equal(s->assign[2].role, ROLE_SPEAKER);
	assert_string_equal(s->assign[2].cn, "Министр иностранных дел");
	assert_int_equal(s->sequence, 0);
}

static bool
op_unassign(struct fixture *f, const char **why)
{
	return edit_unassign(f->ed, UID_OPEN, DAIS_TIME_NONE, "tj-foreign",
	                     why);
}

static void
check_unassign(struct fixture *f)
{
	const struct session *s = must_find(f->p, UID_OPEN, DAIS_TIME_NONE);

	assert_int_equal(s->nassign, 2);
	assert_string_equal(s->assign[0].participant_id, "kw-interior");
	assert_string_equal(s->assign[1].participant_id, "unoct");
}

static bool
op_unassign_unknown(struct fixture *f, const char **why)
{
	return edit_unassign(f->ed, UID_CLOSING, DAIS_TIME_NONE, "ghost-id",
	                     why);
}

static void
check_unassign_unknown(struct fixture *f)
{
	const struct session *s = must_find(f->p, UID_CLOSING, DAIS_TIME_NONE);

	assert_int_equal(s->nassign, 1);
	assert_string_equal(s->assign[0].participant_id, "kw-interior");
}

static bool
op_role(struct fixture *f, const char **why)
{
	return edit_set_role(f->ed, UID_OPEN, DAIS_TIME_NONE, "unoct",
	                     ROLE_PARTICIPANT, why);
}

static void
check_role(struct fixture *f)
{
	assert_int_equal(
	    must_find(f->p, UID_OPEN, DAIS_TIME_NONE)->assign[2].role,
	    ROLE_PARTICIPANT);
}

static bool
op_assignment_up(struct fixture *f, const char **why)
{
	return edit_move_assignment(f->ed, UID_OPEN, DAIS_TIME_NONE, "unoct",
	                            -1, why);
}

static void
check_assignment_up(struct fixture *f)
{
	const struct session *s = must_find(f->p, UID_OPEN, DAIS_TIME_NONE);

	assert_string_equal(s->assign[0].participant_id, "kw-interior");
	assert_string_equal(s->assign[1].participant_id, "unoct");
	assert_string_equal(s->assign[2].participant_id, "tj-foreign");
}

static bool
op_assignment_down(struct fixture *f, const char **why)
{
	return edit_move_assignment(f->ed, UID_OPEN, DAIS_TIME_NONE,
	                            "kw-interior", 2, why);
}

static void
check_assignment_down(struct fixture *f)
{
	const struct session *s = must_find(f->p, UID_OPEN, DAIS_TIME_NONE);

	assert_string_equal(s->assign[0].participant_id, "tj-foreign");
	assert_string_equal(s->assign[1].participant_id, "unoct");
	assert_string_equal(s->assign[2].participant_id, "kw-interior");
	assert_string_equal(s->assign[2].cn, "Minister of Interior — Kuwait");
}

static bool
op_closing_title(struct fixture *f, const char **why)
{
	/* Its room and a participant are unknown: only the title is
	 * checked, so the edit goes through. */
	return edit_set_title(f->ed, UID_CLOSING, DAIS_TIME_NONE,
	                      "Closing plenary: Kuwait Declaration", why);
}

static void
check_closing_title(struct fixture *f)
{
	const struct session *s = must_find(f->p, UID_CLOSING, DAIS_TIME_NONE);

	assert_string_equal(s->title, "Closing plenary: Kuwait Declaration");
	assert_string_equal(s->room_id, "old-room");
	assert_string_equal(s->description, "");
}

static const struct op_case op_cases[] = {
    {"create", op_create, check_create,
     "Created 'Women in border security' on Thu 5 Nov 2026 09:00-10:00"},
    {"duplicate", op_duplicate, check_duplicate,
     "Duplicated 'Opening plenary' as 'Opening plenary (copy)'"},
    {"duplicate occurrence", op_duplicate_occurrence,
     check_duplicate_occurrence,
     "Duplicated 'Coffee break' as 'Coffee break (copy)'"},
    {"delete", op_delete, check_delete,
     "Deleted 'Border management side session'"},
    {"delete occurrence", op_delete_occurrence, check_delete_occurrence,
     "Deleted 'Coffee break'"},
    {"replace", op_replace, check_replace,
     "Edited 'Border management and security'"},
    {"title", op_title, check_title,
     "Renamed 'Opening plenary' to 'Opening plenary: border security'"},
    {"description", op_description, check_description,
     "Changed the description of 'Opening plenary'"},
    {"clear description", op_clear_description, check_clear_description,
     "Cleared the description of 'Opening plenary'"},
    {"notes", op_notes, check_notes,
     "Changed the internal notes of 'Border management side session'"},
    {"text by field", op_text_by_field, check_text_by_field,
     "Changed the description of 'Border management side session'"},
    {"kind", op_kind, check_kind,
     "Made 'Border management side session' a MINISTERIAL"},
    {"cancel", op_cancel, check_cancel, "Cancelled 'Opening plenary'"},
    {"restore", op_restore, check_restore,
     "Restored 'Kuwait-Tajikistan bilateral' as confirmed"},
    {"room", op_room, check_room, "Moved 'Opening plenary' to Reception Hall"},
    {"room free text", op_room_free_text, check_room_free_text,
     "Moved 'Ministerial reception' to Bayan Palace garden (no room)"},
    {"move", op_move, check_move, "Moved 'Opening plenary' to 09:30-11:00"},
    {"move to another day", op_move_day, check_move_day,
     "Moved 'Ministerial reception' to Thu 5 Nov 2026 19:00-21:00"},
    {"move occurrence", op_move_occurrence, check_move_occurrence,
     "Moved 'Coffee break' to 10:45-11:15"},
    {"end", op_end, check_end,
     "Changed the end of 'Opening plenary' to 11:00 (2h)"},
    {"duration", op_duration, check_duration,
     "Changed the end of 'Border management side session' to 11:45 (45m)"},
    {"times", op_times, check_times,
     "Moved 'Border management side session' to 08:15-08:45"},
    {"expected", op_attendance, check_attendance,
     "Set the expected attendance of 'Opening plenary' to 520"},
    {"languages", op_languages, check_languages,
     "Set the interpretation for 'Border management side session' to ar, "
     "tg, zh-hans"},
    {"clear languages", op_clear_languages, check_clear_languages,
     "Cleared the interpretation for 'Opening plenary'"},
    {"assign", op_assign, check_assign,
     "Assigned Министр иностранных дел to 'Border management side "
     "session' as speaker"},
    {"unassign", op_unassign, check_unassign,
     "Removed Министр иностранных дел from 'Opening plenary'"},
    {"unassign unknown id", op_unassign_unknown, check_unassign_unknown,
     "Removed Someone Unknown from 'Closing plenary'"},
    {"role", op_role, check_role,
     "Made UN Office of Counter-Terrorism participant of 'Opening "
     "plenary'"},
    {"assignment up", op_assignment_up, check_assignment_up,
     "Moved UN Office of Counter-Terrorism up in 'Opening plenary'"},
    {"assignment down", op_assignment_down, check_assignment_down,
     "Moved Minister of Interior — Kuwait to place 3 in 'Opening plenary'"},
    {"title with unknown refs", op_closing_title, check_closing_title,
     "Renamed 'Closing plenary' to 'Closing plenary: Kuwait Declaration'"},
};

static void
test_every_operation(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof op_cases / sizeof *op_cases; i++) {
		const struct op_case *c = &op_cases[i];
		struct fixture *f;
		struct snap before, after;
		const char *why = NULL;
		void *st;

		setup(&st);
		f = st;
		before = snap_take(f->p);
		assert_false(editor_dirty(f->ed));
		if (!c->apply(f, &why))
			fail_msg("%s refused: %s", c->name, why);
		c->check(f);
		assert_sorted(f->p);
		assert_programme_is_not(f->p, &before);
		assert_true(editor_dirty(f->ed));
		assert_int_equal(f->log.calls, 1);
		assert_int_equal(f->log.kind, EDIT_APPLIED);
		assert_int_equal(f->log.ndeltas, 1);
		if (strcmp(f->log.description, c->description) != 0)
			fail_msg("%s: description '%s', expected '%s'", c->name,
			         f->log.description, c->description);
		assert_string_equal(editor_undo_description(f->ed),
		                    c->description);
		assert_null(editor_redo_description(f->ed));
		after = snap_take(f->p);

		assert_true(editor_undo(f->ed, &why));
		assert_programme_is(f->p, &before);
		assert_false(editor_dirty(f->ed));
		assert_int_equal(f->log.calls, 2);
		assert_int_equal(f->log.kind, EDIT_UNDONE);
		assert_string_equal(f->log.description, c->description);
		assert_false(editor_can_undo(f->ed));
		assert_string_equal(editor_redo_description(f->ed),
		                    c->description);

		assert_true(editor_redo(f->ed, &why));
		assert_programme_is(f->p, &after);
		c->check(f);
		assert_true(editor_dirty(f->ed));
		assert_int_equal(f->log.kind, EDIT_REDONE);

		assert_true(editor_undo(f->ed, &why));
		assert_programme_is(f->p, &before);
		snap_free(&before);
		snap_free(&after);
		teardown(&st);
	}
	free(created_uid);
	created_uid = NULL;
}

/* ---- Refusals ------------------------------------------------------- */

struct refusal {
	const char *name;
	bool (*apply)(struct fixture *f, const char **why);
	const char *message; /* the sentence, or a part of it */
};

static bool
no_end_before_start(struct fixture *f, const char **why)
{
	return edit_set_times(f->ed, UID_OPEN, DAIS_TIME_NONE,
	                      at(f->p, 1, 10, 0), at(f->p, 1, 9, 0), why);
}

static bool
no_end_at_start(struct fixture *f, const char **why)
{
	return edit_set_end(f->ed, UID_OPEN, DAIS_TIME_NONE, at(f->p, 1, 9, 0),
	                    why);
}

static bool
no_end_across_days(struct fixture *f, const char **why)
{
	return edit_set_end(f->ed, UID_OPEN, DAIS_TIME_NONE,
	                    at(f->p, 1, 9, 0) - 86400, why);
}

static bool
no_zero_duration(struct fixture *f, const char **why)
{
	return edit_set_duration(f->ed, UID_OPEN, DAIS_TIME_NONE, 0, why);
}

static bool
no_move_to_nothing(struct fixture *f, const char **why)
{
	return edit_move(f->ed, UID_OPEN, DAIS_TIME_NONE, DAIS_TIME_NONE, why);
}

static bool
no_move_far(struct fixture *f, const char **why)
{
	return edit_move(f->ed, UID_OPEN, DAIS_TIME_NONE, INT64_MAX - 10, why);
}

static bool
no_unknown_session(struct fixture *f, const char **why)
{
	return edit_set_title(f->ed, "nope@x", DAIS_TIME_NONE, "X", why);
}

static bool
no_unknown_occurrence(struct fixture *f, const char **why)
{
	return edit_delete(f->ed, UID_COFFEE, at(f->p, 1, 15, 0), why);
}

static bool
no_series_as_plain(struct fixture *f, const char **why)
{
	return edit_delete(f->ed, UID_COFFEE, DAIS_TIME_NONE, why);
}

static bool
no_double_assignment(struct fixture *f, const char **why)
{
	return edit_assign(f->ed, UID_OPEN, DAIS_TIME_NONE, "kw-interior",
	                   ROLE_SPEAKER, NULL, why);
}

static bool
no_unknown_participant(struct fixture *f, const char **why)
{
	return edit_assign(f->ed, UID_OPEN, DAIS_TIME_NONE, "nobody",
	                   ROLE_SPEAKER, NULL, why);
}

static bool
no_assign_without_id(struct fixture *f, const char **why)
{
	return edit_assign(f->ed, UID_OPEN, DAIS_TIME_NONE, "", ROLE_SPEAKER,
	                   NULL, why);
}

static bool
no_unassign_absent(struct fixture *f, const char **why)
{
	return edit_unassign(f->ed, UID_BORDERS, DAIS_TIME_NONE, "kw-interior",
	                     why);
}

static bool
no_role_absent(struct fixture *f, const char **why)
{
	return edit_set_role(f->ed, UID_BORDERS, DAIS_TIME_NONE, "unoct",
	                     ROLE_CHAIR, why);
}

static bool
no_first_up(struct fixture *f, const char **why)
{
	return edit_move_assignment(f->ed, UID_OPEN, DAIS_TIME_NONE,
	                            "kw-interior", -1, why);
}

static bool
no_last_down(struct fixture *f, const char **why)
{
	return edit_move_assignment(f->ed, UID_OPEN, DAIS_TIME_NONE, "unoct", 1,
	                            why);
}

static bool
no_empty_title(struct fixture *f, const char **why)
{
	return edit_set_title(f->ed, UID_OPEN, DAIS_TIME_NONE, "", why);
}

static bool
no_blank_title(struct fixture *f, const char **why)
{
	return edit_set_title(f->ed, UID_OPEN, DAIS_TIME_NONE, "  \t ", why);
}

static bool
no_null_title(struct fixture *f, const char **why)
{
	return edit_set_title(f->ed, UID_OPEN, DAIS_TIME_NONE, NULL, why);
}

static bool
no_two_line_title(struct fixture *f, const char **why)
{
	return edit_set_title(f->ed, UID_OPEN, DAIS_TIME_NONE, "Opening\nDay",
	                      why);
}

static bool
no_unknown_room(struct fixture *f, const char **why)
{
	return edit_set_room(f->ed, UID_OPEN, DAIS_TIME_NONE, "ballroom", NULL,
	                     why);
}

static bool
no_unknown_kind(struct fixture *f, const char **why)
{
	return edit_set_kind(f->ed, UID_OPEN, DAIS_TIME_NONE, "GALA", why);
}

static bool
no_negative_expected(struct fixture *f, const char **why)
{
	return edit_set_expected(f->ed, UID_OPEN, DAIS_TIME_NONE, -5, why);
}

static bool
no_bad_language(struct fixture *f, const char **why)
{
	struct strlist l = {0};
	bool ok;

	strlist_add(&l, "ar, en");
	ok = edit_set_languages(f->ed, UID_OPEN, DAIS_TIME_NONE, &l, why);
	strlist_clear(&l);
	return ok;
}

static bool
no_language_twice(struct fixture *f, const char **why)
{
	struct strlist l = {0};
	bool ok;

	strlist_add(&l, "ar");
	strlist_add(&l, "AR");
	ok = edit_set_languages(f->ed, UID_OPEN, DAIS_TIME_NONE, &l, why);
	strlist_clear(&l);
	return ok;
}

static bool
no_bad_status(struct fixture *f, const char **why)
{
	return edit_set_status(f->ed, UID_OPEN, DAIS_TIME_NONE,
	                       (enum session_status)9, why);
}

static bool
no_bad_role(struct fixture *f, const char **why)
{
	return edit_set_role(f->ed, UID_OPEN, DAIS_TIME_NONE, "unoct",
	                     (enum role)7, why);
}

/* A session for edit_create, valid unless a refusal spoils it. */
static void
new_session(struct fixture *f, struct session *s)
{
	session_init(s);
	s->title = xstrdup("Side event");
	s->start = at(f->p, 1, 15, 0);
	s->end = at(f->p, 1, 16, 0);
}

static bool
create_and_free(struct fixture *f, struct session *s, const char **why)
{
	char *uid = (char *)"untouched";
	bool ok = edit_create(f->ed, s, &uid, why);

	if (!ok)
		assert_null(uid);
	free(ok ? uid : NULL);
	session_free(s);
	return ok;
}

static bool
no_create_used_uid(struct fixture *f, const char **why)
{
	struct session s;

	new_session(f, &s);
	s.uid = xstrdup(UID_COFFEE);
	return create_and_free(f, &s, why);
}

static bool
no_create_untitled(struct fixture *f, const char **why)
{
	struct session s;

	new_session(f, &s);
	free(s.title);
	s.title = NULL;
	return create_and_free(f, &s, why);
}

static bool
no_create_occurrence(struct fixture *f, const char **why)
{
	struct session s;

	new_session(f, &s);
	s.recurrence_id = s.start;
	return create_and_free(f, &s, why);
}

static bool
no_create_without_end(struct fixture *f, const char **why)
{
	struct session s;

	new_session(f, &s);
	s.end = DAIS_TIME_NONE;
	return create_and_free(f, &s, why);
}

static bool
no_create_unknown_room(struct fixture *f, const char **why)
{
	struct session s;

	new_session(f, &s);
	s.room_id = xstrdup("old-room");
	return create_and_free(f, &s, why);
}

static bool
no_create_unknown_person(struct fixture *f, const char **why)
{
	struct session s;

	new_session(f, &s);
	session_add_assignment(&s, "ghost-id", ROLE_CHAIR, "Ghost");
	return create_and_free(f, &s, why);
}

static bool
no_create_twice_assigned(struct fixture *f, const char **why)
{
	struct session s;

	new_session(f, &s);
	session_add_assignment(&s, "osce", ROLE_CHAIR, NULL);
	session_add_assignment(&s, "osce", ROLE_SPEAKER, NULL);
	return create_and_free(f, &s, why);
}

static bool
no_create_bad_uid(struct fixture *f, const char **why)
{
	struct session s;

	new_session(f, &s);
	s.uid = xstrdup("two words");
	return create_and_free(f, &s, why);
}

static bool
no_replace_with_ghost(struct fixture *f, const char **why)
{
	struct session s;
	bool ok;

	/* ghost-id is tolerated where it was, not added elsewhere. */
	session_copy(&s, must_find(f->p, UID_OPEN, DAIS_TIME_NONE));
	session_add_assignment(&s, "ghost-id", ROLE_SPEAKER, "Ghost");
	ok = edit_replace(f->ed, UID_OPEN, DAIS_TIME_NONE, &s, why);
	session_free(&s);
	return ok;
}

static bool
no_undo(struct fixture *f, const char **why)
{
	return editor_undo(f->ed, why);
}

static bool
no_redo(struct fixture *f, const char **why)
{
	return editor_redo(f->ed, why);
}

static const struct refusal refusals[] = {
    {"end before start", no_end_before_start,
     "The end (09:00) must be after the start (10:00)."},
    {"end at start", no_end_at_start,
     "The end (09:00) must be after the start (09:00)."},
    {"end a day before", no_end_across_days,
     "The end (2026-11-03T09:00:00+03:00) must be after the start "
     "(2026-11-04T09:00:00+03:00)."},
    {"zero duration", no_zero_duration,
     "A session must last at least one minute."},
    {"move to no time", no_move_to_nothing, "Give the new start time."},
    {"move out of range", no_move_far, "That time is out of range."},
    {"unknown session", no_unknown_session,
     "No session nope@x in the programme: it may have been deleted."},
    {"unknown occurrence", no_unknown_occurrence,
     "No occurrence of " UID_COFFEE " at 2026-11-04T15:00:00+03:00"},
    {"series named without occurrence", no_series_as_plain,
     "No session " UID_COFFEE},
    {"already assigned", no_double_assignment,
     "Minister of Interior — Kuwait is already assigned to 'Opening "
     "plenary' as chair."},
    {"unknown participant", no_unknown_participant,
     "No participant 'nobody' in participants.ini"},
    {"assign nobody", no_assign_without_id, "Choose a participant"},
    {"unassign absent", no_unassign_absent,
     "kw-interior is not assigned to 'Border management side session'."},
    {"role of absent", no_role_absent, "unoct is not assigned"},
    {"first moved up", no_first_up,
     "Minister of Interior — Kuwait is already first in 'Opening "
     "plenary'."},
    {"last moved down", no_last_down,
     "UN Office of Counter-Terrorism is already last in 'Opening "
     "plenary'."},
    {"empty title", no_empty_title, "A session needs a title."},
    {"blank title", no_blank_title, "A session needs a title."},
    {"null title", no_null_title, "A session needs a title."},
    {"two-line title", no_two_line_title, "A title is one line"},
    {"unknown room", no_unknown_room, "No room 'ballroom' in venues.ini"},
    {"unknown kind", no_unknown_kind,
     "Unknown session kind 'GALA': use one of PLENARY, SIDE-SESSION, "
     "MINISTERIAL, RECEPTION, BREAK, BILATERAL."},
    {"negative attendance", no_negative_expected,
     "Expected attendance cannot be negative."},
    {"bad language", no_bad_language, "'ar, en' is not a language code"},
    {"language twice", no_language_twice, "The language 'ar' is listed twice."},
    {"bad status", no_bad_status, "Unknown status"},
    {"bad role", no_bad_role, "Unknown role for unoct"},
    {"create with a used UID", no_create_used_uid,
     "A session with UID " UID_COFFEE " already exists."},
    {"create untitled", no_create_untitled, "A session needs a title."},
    {"create an occurrence", no_create_occurrence,
     "A new session cannot be one occurrence of a series"},
    {"create without end", no_create_without_end,
     "A session needs a start and an end."},
    {"create in unknown room", no_create_unknown_room,
     "No room 'old-room' in venues.ini"},
    {"create with unknown person", no_create_unknown_person,
     "No participant 'ghost-id'"},
    {"create with one person twice", no_create_twice_assigned,
     "osce is assigned to 'Side event' twice."},
    {"create with a spaced UID", no_create_bad_uid, "A UID has no spaces"},
    {"replace adding an unknown person", no_replace_with_ghost,
     "No participant 'ghost-id'"},
    {"undo with nothing done", no_undo, "Nothing to undo."},
    {"redo with nothing undone", no_redo, "Nothing to redo."},
};

static void
test_refusals(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof refusals / sizeof *refusals; i++) {
		const struct refusal *r = &refusals[i];
		struct fixture *f;
		struct snap before;
		const char *why = NULL;
		void *st;

		setup(&st);
		f = st;
		before = snap_take(f->p);
		if (r->apply(f, &why))
			fail_msg("%s was accepted", r->name);
		if (why == NULL || strstr(why, r->message) == NULL)
			fail_msg("%s: message '%s', expected '%s'", r->name,
			         why ? why : "(none)", r->message);
		assert_programme_is(f->p, &before);
		assert_false(editor_dirty(f->ed));
		assert_false(editor_can_undo(f->ed));
		assert_int_equal(f->log.calls, 0);
		/* A refusal with why NULL is still a refusal. */
		assert_false(r->apply(f, NULL));
		assert_programme_is(f->p, &before);
		snap_free(&before);
		teardown(&st);
	}
}

/* Changing nothing succeeds, records nothing and stays clean. */
static void
test_no_op(void **state)
{
	struct fixture *f = *state;
	struct snap before = snap_take(f->p);
	struct strlist l = {0};
	const char *why = NULL;

	assert_true(edit_set_title(f->ed, UID_OPEN, DAIS_TIME_NONE,
	                           " Opening plenary ", &why));
	assert_true(edit_set_room(f->ed, UID_OPEN, DAIS_TIME_NONE, "plenary",
	                          NULL, &why));
	assert_true(edit_move(f->ed, UID_OPEN, DAIS_TIME_NONE,
	                      at(f->p, 1, 9, 0), &why));
	assert_true(edit_move_assignment(f->ed, UID_OPEN, DAIS_TIME_NONE,
	                                 "unoct", 0, &why));
	assert_true(edit_set_role(f->ed, UID_OPEN, DAIS_TIME_NONE,
	                          "kw-interior", ROLE_CHAIR, &why));
	/* "" and NULL are the same description: the "" stays as it was. */
	assert_true(edit_set_description(f->ed, UID_CLOSING, DAIS_TIME_NONE,
	                                 NULL, &why));
	strlist_add(&l, "AR");
	strlist_add(&l, "en");
	strlist_add(&l, "ru");
	assert_true(
	    edit_set_languages(f->ed, UID_OPEN, DAIS_TIME_NONE, &l, &why));
	strlist_clear(&l);
	assert_programme_is(f->p, &before);
	assert_false(editor_dirty(f->ed));
	assert_false(editor_can_undo(f->ed));
	assert_int_equal(f->log.calls, 0);
	snap_free(&before);
}

/* ---- Dirty flag ----------------------------------------------------- */

static void
test_dirty(void **state)
{
	struct fixture *f = *state;
	const char *why;

	assert_false(editor_dirty(f->ed));
	assert_true(edit_set_title(f->ed, UID_OPEN, DAIS_TIME_NONE, "A", &why));
	assert_true(editor_dirty(f->ed));
	assert_true(editor_undo(f->ed, &why));
	assert_false(editor_dirty(f->ed));
	assert_true(editor_redo(f->ed, &why));
	assert_true(editor_dirty(f->ed));
	editor_mark_saved(f->ed);
	assert_false(editor_dirty(f->ed));
	/* Undoing past the save point differs from what was saved. */
	assert_true(editor_undo(f->ed, &why));
	assert_true(editor_dirty(f->ed));
	assert_true(editor_redo(f->ed, &why));
	assert_false(editor_dirty(f->ed));
	/* Changed and changed back by hand: clean again, two undos kept. */
	assert_true(edit_set_title(f->ed, UID_OPEN, DAIS_TIME_NONE, "B", &why));
	assert_true(editor_dirty(f->ed));
	assert_true(edit_set_title(f->ed, UID_OPEN, DAIS_TIME_NONE, "A", &why));
	assert_false(editor_dirty(f->ed));
	assert_true(editor_undo(f->ed, &why));
	assert_true(editor_dirty(f->ed));
	/* A new edit after undoing past the save point: dirty for good. */
	editor_mark_saved(f->ed);
	assert_true(editor_undo(f->ed, &why)); /* B -> A */
	assert_true(edit_set_notes(f->ed, UID_OPEN, DAIS_TIME_NONE, "n", &why));
	assert_true(editor_dirty(f->ed));
	assert_false(editor_can_redo(f->ed));
	assert_true(editor_undo(f->ed, &why));
	assert_true(editor_dirty(f->ed)); /* title A, saved B */
	assert_true(edit_set_title(f->ed, UID_OPEN, DAIS_TIME_NONE, "B", &why));
	assert_false(editor_dirty(f->ed));
	/* Created, then deleted: nothing to save. */
	{
		char *uid = NULL;

		assert_true(edit_duplicate(f->ed, UID_OPEN, DAIS_TIME_NONE,
		                           &uid, &why));
		assert_true(editor_dirty(f->ed));
		assert_true(edit_delete(f->ed, uid, DAIS_TIME_NONE, &why));
		assert_false(editor_dirty(f->ed));
		free(uid);
	}
}

/* ---- SEQUENCE ------------------------------------------------------- */

static int
seq(struct fixture *f, const char *uid)
{
	return must_find(f->p, uid, DAIS_TIME_NONE)->sequence;
}

static void
test_sequence(void **state)
{
	struct fixture *f = *state;
	const char *why;
	char *uid = NULL;
	struct session s;

	/* Loaded at 2. A title is not significant. */
	assert_int_equal(seq(f, UID_OPEN), 2);
	assert_true(edit_set_title(f->ed, UID_OPEN, DAIS_TIME_NONE, "T", &why));
	assert_int_equal(seq(f, UID_OPEN), 2);
	/* Time, room and status each count, once per save cycle. */
	assert_true(edit_move(f->ed, UID_OPEN, DAIS_TIME_NONE,
	                      at(f->p, 1, 9, 15), &why));
	assert_int_equal(seq(f, UID_OPEN), 3);
	assert_true(
	    edit_set_room(f->ed, UID_OPEN, DAIS_TIME_NONE, "hall", NULL, &why));
	assert_int_equal(seq(f, UID_OPEN), 3);
	assert_true(edit_set_status(f->ed, UID_OPEN, DAIS_TIME_NONE,
	                            SESSION_TENTATIVE, &why));
	assert_int_equal(seq(f, UID_OPEN), 3);
	/* Changed back by hand: back to the saved sequence. */
	assert_true(edit_set_status(f->ed, UID_OPEN, DAIS_TIME_NONE,
	                            SESSION_CONFIRMED, &why));
	assert_true(edit_set_room(f->ed, UID_OPEN, DAIS_TIME_NONE, "plenary",
	                          NULL, &why));
	assert_int_equal(seq(f, UID_OPEN), 3);
	assert_true(edit_move(f->ed, UID_OPEN, DAIS_TIME_NONE,
	                      at(f->p, 1, 9, 0), &why));
	assert_int_equal(seq(f, UID_OPEN), 2);
	/* Undo restores it too. */
	assert_true(editor_undo(f->ed, &why));
	assert_int_equal(seq(f, UID_OPEN), 3);
	assert_true(editor_undo(f->ed, &why));
	assert_true(editor_undo(f->ed, &why));
	assert_true(editor_undo(f->ed, &why));
	assert_true(editor_undo(f->ed, &why));
	assert_true(editor_undo(f->ed, &why));
	assert_int_equal(seq(f, UID_OPEN), 2);
	assert_string_equal(must_find(f->p, UID_OPEN, DAIS_TIME_NONE)->title,
	                    "T");

	/* A save makes 3 the baseline: the next move gives 4, once. */
	assert_true(editor_redo(f->ed, &why)); /* the 09:15 move */
	assert_int_equal(seq(f, UID_OPEN), 3);
	editor_mark_saved(f->ed);
	assert_true(edit_set_end(f->ed, UID_OPEN, DAIS_TIME_NONE,
	                         at(f->p, 1, 11, 0), &why));
	assert_int_equal(seq(f, UID_OPEN), 4);
	assert_true(
	    edit_set_duration(f->ed, UID_OPEN, DAIS_TIME_NONE, 30, &why));
	assert_int_equal(seq(f, UID_OPEN), 4);
	assert_true(editor_undo(f->ed, &why));
	assert_true(editor_undo(f->ed, &why));
	assert_int_equal(seq(f, UID_OPEN), 3); /* the saved state again */
	/* Undoing the saved move: calendars that have 3 must see a change. */
	assert_true(editor_undo(f->ed, &why));
	assert_int_equal(must_find(f->p, UID_OPEN, DAIS_TIME_NONE)->start,
	                 at(f->p, 1, 9, 0));
	assert_int_equal(seq(f, UID_OPEN), 4);
	assert_true(editor_redo(f->ed, &why));
	assert_int_equal(seq(f, UID_OPEN), 3);
	assert_false(editor_dirty(f->ed));

	/* A session made in dais stays at 0 until it is saved. */
	new_session(f, &s);
	assert_true(edit_create(f->ed, &s, &uid, &why));
	session_free(&s);
	assert_int_equal(seq(f, uid), 0);
	assert_true(
	    edit_move(f->ed, uid, DAIS_TIME_NONE, at(f->p, 1, 17, 0), &why));
	assert_int_equal(seq(f, uid), 0);
	editor_mark_saved(f->ed);
	assert_true(edit_set_status(f->ed, uid, DAIS_TIME_NONE,
	                            SESSION_CANCELLED, &why));
	assert_int_equal(seq(f, uid), 1);
	/* Other sessions did not move. */
	assert_int_equal(seq(f, UID_BILAT), 1);
	assert_int_equal(seq(f, UID_BORDERS), 0);
	free(uid);
}

/* ---- Change tracking ------------------------------------------------ */

static void
test_changes(void **state)
{
	struct fixture *f = *state;
	struct edit_change *c;
	const char *why;
	char *uid = NULL;
	bool sig;
	size_t n;

	assert_int_equal(editor_changes(f->ed, &c), 0);
	assert_null(c);

	assert_true(edit_set_notes(f->ed, UID_RECEPT, DAIS_TIME_NONE,
	                           "Dress: "
	                           "national or lounge suit",
	                           &why));
	assert_true(edit_move(f->ed, UID_BORDERS, DAIS_TIME_NONE,
	                      at(f->p, 1, 11, 15), &why));
	assert_true(edit_delete(f->ed, UID_BILAT, DAIS_TIME_NONE, &why));
	assert_true(edit_set_room(f->ed, UID_COFFEE, at(f->p, 2, 10, 30),
	                          "side-a", NULL, &why));
	assert_true(
	    edit_duplicate(f->ed, UID_RECEPT, DAIS_TIME_NONE, &uid, &why));

	n = editor_changes(f->ed, &c);
	assert_int_equal(n, 5);
	/* Sorted by UID: bilateral, coffee, dais-..., reception, side. */
	assert_string_equal(c[0].uid, UID_BILAT);
	assert_int_equal(c[0].kind, EDIT_CHANGE_DELETED);
	assert_true(c[0].significant);
	assert_non_null(c[0].saved);
	assert_int_equal(c[0].saved->line, 60); /* where it was in the file */
	assert_int_equal(c[0].saved->source, 0);
	assert_null(editor_session(f->ed, c[0].uid, c[0].recurrence_id));

	assert_string_equal(c[1].uid, UID_COFFEE);
	assert_int_equal(c[1].recurrence_id, at(f->p, 2, 10, 30));
	assert_int_equal(c[1].kind, EDIT_CHANGE_MODIFIED);
	assert_true(c[1].significant);
	assert_string_equal(c[1].saved->room_id, "hall");

	assert_string_equal(c[2].uid, uid);
	assert_int_equal(c[2].kind, EDIT_CHANGE_CREATED);
	assert_null(c[2].saved);
	assert_true(c[2].significant);

	assert_string_equal(c[3].uid, UID_RECEPT);
	assert_int_equal(c[3].kind, EDIT_CHANGE_MODIFIED);
	assert_false(c[3].significant);
	assert_null(c[3].saved->notes);

	assert_string_equal(c[4].uid, UID_BORDERS);
	assert_true(c[4].significant);
	free(c);

	assert_true(
	    editor_session_changed(f->ed, UID_BORDERS, DAIS_TIME_NONE, &sig));
	assert_true(sig);
	assert_true(
	    editor_session_changed(f->ed, UID_RECEPT, DAIS_TIME_NONE, &sig));
	assert_false(sig);
	assert_false(
	    editor_session_changed(f->ed, UID_OPEN, DAIS_TIME_NONE, &sig));
	assert_false(sig);
	assert_false(editor_session_changed(f->ed, UID_COFFEE,
	                                    at(f->p, 1, 10, 30), NULL));

	/* Undo the create, the room change and the delete: neither the
	 * created nor the deleted session is listed any more. */
	assert_true(editor_undo(f->ed, &why));
	assert_true(editor_undo(f->ed, &why));
	assert_true(editor_undo(f->ed, &why));
	n = editor_changes(f->ed, &c);
	assert_int_equal(n, 2);
	assert_string_equal(c[0].uid, UID_RECEPT);
	assert_string_equal(c[1].uid, UID_BORDERS);
	free(c);
	assert_false(
	    editor_session_changed(f->ed, UID_BILAT, DAIS_TIME_NONE, NULL));
	assert_false(editor_session_changed(f->ed, uid, DAIS_TIME_NONE, NULL));

	/* Saved: nothing pending; a created session saved, then deleted, is
	 * listed as deleted with its saved state (source -1). */
	assert_true(editor_redo(f->ed, &why));
	assert_true(editor_redo(f->ed, &why));
	assert_true(editor_redo(f->ed, &why));
	editor_mark_saved(f->ed);
	assert_int_equal(editor_changes(f->ed, &c), 0);
	assert_true(edit_delete(f->ed, uid, DAIS_TIME_NONE, &why));
	n = editor_changes(f->ed, &c);
	assert_int_equal(n, 1);
	assert_int_equal(c[0].kind, EDIT_CHANGE_DELETED);
	assert_int_equal(c[0].saved->source, -1);
	assert_string_equal(c[0].saved->title, "Ministerial reception (copy)");
	free(c);
	/* Undoing that delete is a re-creation of what was saved: clean. */
	assert_true(editor_undo(f->ed, &why));
	assert_int_equal(editor_changes(f->ed, &c), 0);
	/* Undoing past the save point deletes it again: pending. */
	assert_true(editor_undo(f->ed, &why));
	n = editor_changes(f->ed, &c);
	assert_int_equal(n, 1);
	assert_int_equal(c[0].kind, EDIT_CHANGE_DELETED);
	free(c);
	free(uid);
}

/* ---- Groups --------------------------------------------------------- */

static void
test_group(void **state)
{
	struct fixture *f = *state;
	struct snap before = snap_take(f->p), after;
	const struct session *s;
	const char *why;

	editor_begin_group(f->ed, "Moved 'Opening plenary' to the hall");
	assert_true(edit_move(f->ed, UID_OPEN, DAIS_TIME_NONE,
	                      at(f->p, 1, 9, 30), &why));
	/* Checked against what the move left: 09:30 start. */
	assert_false(edit_set_end(f->ed, UID_OPEN, DAIS_TIME_NONE,
	                          at(f->p, 1, 9, 15), &why));
	assert_string_equal(why,
	                    "The end (09:15) must be after the start (09:30).");
	assert_true(
	    edit_set_room(f->ed, UID_OPEN, DAIS_TIME_NONE, "hall", NULL, &why));
	assert_true(edit_set_room(f->ed, UID_BORDERS, DAIS_TIME_NONE, "plenary",
	                          NULL, &why));
	assert_int_equal(f->log.calls, 0); /* not until the group ends */
	editor_end_group(f->ed);
	assert_int_equal(f->log.calls, 1);
	assert_int_equal(f->log.kind, EDIT_APPLIED);
	assert_int_equal(f->log.ndeltas, 2);
	assert_string_equal(f->log.description,
	                    "Moved 'Opening plenary' to the hall");
	s = must_find(f->p, UID_OPEN, DAIS_TIME_NONE);
	assert_int_equal(s->start, at(f->p, 1, 9, 30));
	assert_string_equal(s->room_id, "hall");
	assert_int_equal(s->sequence, 3); /* raised once */
	after = snap_take(f->p);

	assert_true(editor_undo(f->ed, &why));
	assert_programme_is(f->p, &before);
	assert_false(editor_can_undo(f->ed));
	assert_int_equal(f->log.ndeltas, 2);
	assert_true(editor_redo(f->ed, &why));
	assert_programme_is(f->p, &after);
	assert_true(editor_undo(f->ed, &why));
	snap_free(&after);

	/* No description: the operations' own, joined. */
	editor_begin_group(f->ed, NULL);
	assert_true(
	    edit_set_expected(f->ed, UID_OPEN, DAIS_TIME_NONE, 300, &why));
	assert_true(edit_set_kind(f->ed, UID_OPEN, DAIS_TIME_NONE,
	                          "ministerial", &why));
	editor_end_group(f->ed);
	assert_string_equal(
	    editor_undo_description(f->ed),
	    "Set the expected attendance of 'Opening plenary' to 300; Made "
	    "'Opening plenary' a MINISTERIAL");
	assert_int_equal(f->log.ndeltas, 1);
	assert_true(editor_undo(f->ed, &why));
	assert_programme_is(f->p, &before);

	/* A refusal, then cancel: all or nothing. */
	f->log.calls = 0;
	editor_begin_group(f->ed, "Form");
	assert_true(
	    edit_set_title(f->ed, UID_OPEN, DAIS_TIME_NONE, "New title", &why));
	assert_true(edit_delete(f->ed, UID_RECEPT, DAIS_TIME_NONE, &why));
	assert_false(edit_set_room(f->ed, UID_OPEN, DAIS_TIME_NONE, "nowhere",
	                           NULL, &why));
	editor_cancel_group(f->ed);
	assert_programme_is(f->p, &before);
	assert_false(editor_dirty(f->ed));
	assert_string_equal(editor_redo_description(f->ed),
	                    "Set the expected attendance of 'Opening plenary' "
	                    "to 300; Made 'Opening plenary' a MINISTERIAL");
	assert_int_equal(f->log.calls, 1);
	assert_int_equal(f->log.kind, EDIT_CANCELLED);
	assert_int_equal(f->log.ndeltas, 2);

	/* Changed and changed back inside a group: nothing to undo, the redo
	 * stack kept, and one call so views drop what they borrowed. */
	f->log.calls = 0;
	editor_begin_group(f->ed, "Nudge");
	assert_true(edit_move(f->ed, UID_OPEN, DAIS_TIME_NONE,
	                      at(f->p, 1, 9, 5), &why));
	assert_true(edit_move(f->ed, UID_OPEN, DAIS_TIME_NONE,
	                      at(f->p, 1, 9, 0), &why));
	editor_end_group(f->ed);
	assert_programme_is(f->p, &before);
	assert_false(editor_can_undo(f->ed));
	assert_true(editor_can_redo(f->ed));
	assert_int_equal(f->log.calls, 1);
	assert_int_equal(f->log.ndeltas, 0);

	/* An empty group: nothing at all. */
	f->log.calls = 0;
	editor_begin_group(f->ed, "Nothing");
	editor_end_group(f->ed);
	editor_begin_group(f->ed, "Nothing");
	editor_cancel_group(f->ed);
	assert_int_equal(f->log.calls, 0);
	assert_true(editor_can_redo(f->ed));

	/* Created and deleted in one group: no step, nothing pending. */
	editor_begin_group(f->ed, "Created and deleted");
	{
		char *uid = NULL;

		assert_true(edit_duplicate(f->ed, UID_OPEN, DAIS_TIME_NONE,
		                           &uid, &why));
		assert_true(edit_delete(f->ed, uid, DAIS_TIME_NONE, &why));
		free(uid);
	}
	editor_end_group(f->ed);
	assert_false(editor_can_undo(f->ed));
	assert_false(editor_dirty(f->ed));
	assert_programme_is(f->p, &before);
	snap_free(&before);
}

/* ---- The callback --------------------------------------------------- */

static void
test_callback(void **state)
{
	struct fixture *f = *state;
	const char *why;

	assert_true(edit_set_title(f->ed, UID_BORDERS, DAIS_TIME_NONE,
	                           "Borders", &why));
	assert_int_equal(f->log.calls, 1);
	assert_int_equal(f->log.kind, EDIT_APPLIED);
	assert_string_equal(f->log.description,
	                    "Renamed 'Border management side session' to "
	                    "'Borders'");
	assert_string_equal(f->log.before_title,
	                    "Border management side session");
	assert_string_equal(f->log.after_title, "Borders");

	assert_true(edit_delete(f->ed, UID_BORDERS, DAIS_TIME_NONE, &why));
	assert_int_equal(f->log.calls, 2);
	assert_string_equal(f->log.description, "Deleted 'Borders'");
	assert_false(f->log.before_null);
	assert_true(f->log.after_null);

	assert_true(editor_undo(f->ed, &why));
	assert_int_equal(f->log.calls, 3);
	assert_int_equal(f->log.kind, EDIT_UNDONE);
	assert_string_equal(f->log.description, "Deleted 'Borders'");
	assert_true(f->log.before_null);
	assert_string_equal(f->log.after_title, "Borders");

	assert_true(editor_undo(f->ed, &why));
	assert_string_equal(f->log.before_title, "Borders");
	assert_string_equal(f->log.after_title,
	                    "Border management side session");
	assert_true(editor_redo(f->ed, &why));
	assert_int_equal(f->log.calls, 5);
	assert_int_equal(f->log.kind, EDIT_REDONE);
	assert_string_equal(f->log.description,
	                    "Renamed 'Border management side session' to "
	                    "'Borders'");

	/* Edits from inside the callback are refused. */
	f->log.try_edit = true;
	assert_true(
	    edit_set_expected(f->ed, UID_BORDERS, DAIS_TIME_NONE, 60, &why));
	assert_int_equal(f->log.calls, 6);
	assert_false(f->log.edit_result);
	assert_non_null(f->log.edit_why);
	assert_string_equal(must_find(f->p, UID_OPEN, DAIS_TIME_NONE)->title,
	                    "Opening plenary");
	f->log.try_edit = false;

	/* Without a callback, edits still work. */
	editor_set_callback(f->ed, NULL, NULL);
	assert_true(
	    edit_set_expected(f->ed, UID_BORDERS, DAIS_TIME_NONE, 70, &why));
	assert_int_equal(f->log.calls, 6);
}

/* ---- Read-only ----------------------------------------------------- */

#define READ_ONLY_WHY                                                          \
	"Read-only: amal on sec-laptop-3 holds this programme since 09:12; E " \
	"exports, p prints."

/*
 * A read-only editor refuses every operation with its sentence, alone or
 * in a group, and nothing changes: no session, no undo record, no
 * callback, no dirty flag.
 */
static void
test_read_only(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof op_cases / sizeof *op_cases; i++) {
		const struct op_case *c = &op_cases[i];
		struct fixture *f;
		struct snap before;
		const char *why = NULL;
		void *st;

		setup(&st);
		f = st;
		editor_set_read_only(f->ed, READ_ONLY_WHY);
		before = snap_take(f->p);
		if (c->apply(f, &why))
			fail_msg("%s was applied read-only", c->name);
		if (why == NULL || strcmp(why, READ_ONLY_WHY) != 0)
			fail_msg("%s: message '%s'", c->name,
			         why != NULL ? why : "(none)");
		assert_programme_is(f->p, &before);
		assert_false(c->apply(f, NULL));
		editor_begin_group(f->ed, "Everything at once");
		why = NULL;
		assert_false(c->apply(f, &why));
		assert_string_equal(why, READ_ONLY_WHY);
		editor_end_group(f->ed);
		assert_programme_is(f->p, &before);
		assert_false(editor_dirty(f->ed));
		assert_false(editor_can_undo(f->ed));
		assert_int_equal(f->log.calls, 0);
		snap_free(&before);
		teardown(&st);
	}
	free(created_uid);
	created_uid = NULL;
}

/*
 * Undo, redo and a journal's edit_put are refused too, and the stacks
 * kept; an edit that would change nothing is refused like the others;
 * NULL makes the editor editable again.
 */
static void
test_read_only_history(void **state)
{
	struct fixture *f = *state;
	struct snap before;
	struct session put;
	const char *why = NULL;
	int calls;

	assert_true(
	    edit_set_title(f->ed, UID_OPEN, DAIS_TIME_NONE, "First", &why));
	assert_true(
	    edit_set_title(f->ed, UID_OPEN, DAIS_TIME_NONE, "Second", &why));
	assert_true(editor_undo(f->ed, &why));
	editor_set_read_only(f->ed, READ_ONLY_WHY);
	before = snap_take(f->p);
	calls = f->log.calls;

	why = NULL;
	assert_false(editor_undo(f->ed, &why));
	assert_string_equal(why, READ_ONLY_WHY);
	why = NULL;
	assert_false(editor_redo(f->ed, &why));
	assert_string_equal(why, READ_ONLY_WHY);
	why = NULL;
	assert_false(
	    edit_set_title(f->ed, UID_OPEN, DAIS_TIME_NONE, "First", &why));
	assert_string_equal(why, READ_ONLY_WHY);
	/* A journal's replay too: putting a state, removing a session. */
	session_copy(&put, must_find(f->p, UID_OPEN, DAIS_TIME_NONE));
	free(put.title);
	put.title = xstrdup("Replayed");
	why = NULL;
	assert_false(edit_put(f->ed, UID_OPEN, DAIS_TIME_NONE, &put, &why));
	assert_string_equal(why, READ_ONLY_WHY);
	session_free(&put);
	why = NULL;
	assert_false(edit_put(f->ed, UID_OPEN, DAIS_TIME_NONE, NULL, &why));
	assert_string_equal(why, READ_ONLY_WHY);
	assert_programme_is(f->p, &before);
	assert_int_equal(f->log.calls, calls);
	assert_true(editor_can_undo(f->ed));
	assert_true(editor_can_redo(f->ed));
	assert_true(editor_dirty(f->ed));

	editor_set_read_only(f->ed, NULL);
	assert_true(editor_redo(f->ed, &why));
	assert_string_equal(must_find(f->p, UID_OPEN, DAIS_TIME_NONE)->title,
	                    "Second");
	snap_free(&before);
}

/* ---- Random runs ---------------------------------------------------- */

/* xorshift64*: the same run on every machine. */
static uint64_t rng_state;

static uint64_t
rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

static size_t
pick(size_t n)
{
	return (size_t)(rng() % n);
}

static const char *const room_ids[] = {"plenary", "side-a",  "side-b",
                                       "hall",    "nowhere", NULL};
static const char *const people_ids[] = {
    "kw-interior",   "tj-foreign",  "unoct",    "osce",
    "kw-delegation", "csa-borders", "ghost-id", "nobody"};
static const char *const kind_names[] = {"PLENARY", "side-session", "BREAK",
                                         "GALA", NULL};
static const char *const titles[] = {
    "Plenary", "Side", "", "A\nB", "Ministerial lunch", "  Border  "};

/* One random operation on a random session (or a made-up one). */
static void
random_op(struct fixture *f)
{
	const struct programme *p = f->p;
	const struct session *s;
	const char *uid, *why = NULL;
	dais_time rid, base = at(p, 1, 8, 0);
	char *u = NULL;
	struct session ns;
	struct strlist l = {0};

	if (p->nsessions == 0 || pick(20) == 0) {
		uid = "missing@x";
		rid = DAIS_TIME_NONE;
	} else {
		s = &p->sessions[pick(p->nsessions)];
		uid = s->uid;
		rid = s->recurrence_id;
	}
	/* The session may move under uid: keep a copy of the key. */
	u = xstrdup(uid);
	switch (pick(18)) {
	case 0:
		new_session(f, &ns);
		ns.start = base + (dais_time)pick(48) * 900;
		ns.end = ns.start + (dais_time)pick(8) * 900;
		if (pick(2))
			session_add_assignment(&ns, people_ids[pick(8)],
			                       ROLE_SPEAKER, NULL);
		create_and_free(f, &ns, &why);
		break;
	case 1:
		edit_duplicate(f->ed, u, rid, NULL, &why);
		break;
	case 2:
		edit_delete(f->ed, u, rid, &why);
		break;
	case 3:
		edit_set_title(f->ed, u, rid, titles[pick(6)], &why);
		break;
	case 4:
		edit_set_description(f->ed, u, rid, pick(2) ? "About" : "",
		                     &why);
		break;
	case 5:
		edit_set_notes(f->ed, u, rid, pick(2) ? "Note" : NULL, &why);
		break;
	case 6:
		edit_set_kind(f->ed, u, rid, kind_names[pick(5)], &why);
		break;
	case 7:
		edit_set_status(f->ed, u, rid, (enum session_status)pick(3),
		                &why);
		break;
	case 8:
		edit_set_room(f->ed, u, rid, room_ids[pick(6)],
		              pick(3) == 0 ? "Tent" : NULL, &why);
		break;
	case 9:
		edit_move(f->ed, u, rid, base + (dais_time)pick(96) * 900,
		          &why);
		break;
	case 10:
		edit_set_end(f->ed, u, rid, base + (dais_time)pick(96) * 900,
		             &why);
		break;
	case 11:
		edit_set_duration(f->ed, u, rid, (int)pick(200) - 10, &why);
		break;
	case 12:
		edit_set_expected(f->ed, u, rid, (int)pick(600) - 20, &why);
		break;
	case 13:
		if (pick(2))
			strlist_add(&l, "ar");
		if (pick(2))
			strlist_add(&l, pick(2) ? "EN" : "tg");
		edit_set_languages(f->ed, u, rid, &l, &why);
		strlist_clear(&l);
		break;
	case 14:
		edit_assign(f->ed, u, rid, people_ids[pick(8)],
		            (enum role)pick(3), pick(2) ? "Named" : NULL, &why);
		break;
	case 15:
		edit_unassign(f->ed, u, rid, people_ids[pick(8)], &why);
		break;
	case 16:
		edit_set_role(f->ed, u, rid, people_ids[pick(8)],
		              (enum role)pick(3), &why);
		break;
	default:
		edit_move_assignment(f->ed, u, rid, people_ids[pick(8)],
		                     (int)pick(5) - 2, &why);
		break;
	}
	free(u);
}

/* One random step: an operation, a group of them, an undo or a redo. */
static void
random_step(struct fixture *f)
{
	const char *why;
	size_t k = pick(10), i, n;

	if (k < 2) {
		editor_undo(f->ed, &why);
	} else if (k < 3) {
		editor_redo(f->ed, &why);
	} else if (k < 4) {
		editor_begin_group(f->ed, pick(2) ? "Group" : NULL);
		n = 1 + pick(4);
		for (i = 0; i < n; i++)
			random_op(f);
		if (pick(4) == 0)
			editor_cancel_group(f->ed);
		else
			editor_end_group(f->ed);
	} else {
		random_op(f);
	}
}

static void
run_random(uint64_t seed, int steps)
{
	struct fixture *f;
	struct snap orig, top;
	const char *why;
	void *st;
	int i, depth = 0;

	rng_state = seed;
	setup(&st);
	f = st;
	editor_set_uid_seed(f->ed, seed);
	orig = snap_take(f->p);
	for (i = 0; i < steps; i++) {
		random_step(f);
		assert_sorted(f->p);
	}
	/* Not a vacuous run: most steps changed something. */
	assert_true(f->log.calls > steps / 2);
	/* Up to the newest state, then all the way back. */
	while (editor_can_redo(f->ed))
		assert_true(editor_redo(f->ed, &why));
	top = snap_take(f->p);
	while (editor_can_undo(f->ed)) {
		assert_true(editor_undo(f->ed, &why));
		depth++;
	}
	assert_true(depth > steps / 10);
	assert_programme_is(f->p, &orig);
	assert_false(editor_dirty(f->ed));
	while (editor_can_redo(f->ed))
		assert_true(editor_redo(f->ed, &why));
	assert_programme_is(f->p, &top);
	snap_free(&orig);
	snap_free(&top);
	teardown(&st);
}

static void
test_random_undo_all(void **state)
{
	(void)state;
	run_random(0x6b75776169743236ULL, 3000); /* "kuwait26" */
	run_random(20261104, 3000);
	run_random(20261105, 500);
}

/* The saved state of each session, by key, for the invariants below. */
static const struct session *
snap_find(const struct snap *s, const char *uid, dais_time rid)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->v[i].recurrence_id == rid &&
		    strcmp(s->v[i].uid, uid) == 0)
			return &s->v[i];
	return NULL;
}

static bool
significant(const struct session *a, const struct session *b)
{
	return a->start != b->start || a->end != b->end ||
	       a->status != b->status || !opt_eq(a->room_id, b->room_id) ||
	       !opt_eq(a->location, b->location);
}

/*
 * With saves in between: after every step, the dirty flag says whether the
 * programme differs from the saved snapshot, the change list names exactly
 * the sessions that differ, and every session's sequence follows the rule.
 */
static void
test_random_saved(void **state)
{
	struct fixture *f;
	struct snap saved;
	void *st;
	int i;

	(void)state;
	rng_state = 0x5345515545434eULL;
	setup(&st);
	f = st;
	editor_set_uid_seed(f->ed, rng_state);
	saved = snap_take(f->p);
	for (i = 0; i < 2500; i++) {
		struct edit_change *c;
		size_t n, j, differ = 0;
		char why[256];

		if (pick(25) == 0) {
			editor_mark_saved(f->ed);
			snap_free(&saved);
			saved = snap_take(f->p);
		}
		random_step(f);

		n = editor_changes(f->ed, &c);
		for (j = 0; j < saved.n; j++) {
			const struct session *now = find(
			    f->p, saved.v[j].uid, saved.v[j].recurrence_id);

			if (now == NULL || session_diff(now, &saved.v[j]))
				differ++;
			if (now != NULL)
				assert_int_equal(
				    now->sequence,
				    saved.v[j].sequence +
				        significant(now, &saved.v[j]));
		}
		for (j = 0; j < f->p->nsessions; j++)
			if (snap_find(&saved, f->p->sessions[j].uid,
			              f->p->sessions[j].recurrence_id) == NULL)
				differ++;
		assert_int_equal(n, differ);
		assert_int_equal(editor_dirty(f->ed), differ > 0);
		assert_int_equal(
		    editor_dirty(f->ed),
		    programme_differs(f->p, &saved, why, sizeof why));
		for (j = 0; j < n; j++) {
			const struct session *was =
			    snap_find(&saved, c[j].uid, c[j].recurrence_id);
			const struct session *now =
			    find(f->p, c[j].uid, c[j].recurrence_id);

			if (j > 0)
				assert_true(strcmp(c[j - 1].uid, c[j].uid) <=
				            0);
			assert_int_equal(c[j].saved == NULL, was == NULL);
			if (was != NULL)
				assert_null(session_diff(was, c[j].saved));
			switch (c[j].kind) {
			case EDIT_CHANGE_CREATED:
				assert_null(was);
				assert_non_null(now);
				break;
			case EDIT_CHANGE_DELETED:
				assert_non_null(was);
				assert_null(now);
				break;
			case EDIT_CHANGE_MODIFIED:
				assert_non_null(was);
				assert_non_null(now);
				assert_non_null(session_diff(was, now));
				assert_int_equal(c[j].significant,
				                 significant(was, now));
				break;
			}
		}
		free(c);
	}
	snap_free(&saved);
	teardown(&st);
}

/* Seeded UIDs repeat from run to run; the host part is "dais". */
static void
test_uid_seed(void **state)
{
	struct programme *p[2];
	struct editor *ed[2];
	char *uid[2][2];
	const char *why;
	int i;

	(void)state;
	for (i = 0; i < 2; i++) {
		p[i] = build_programme();
		ed[i] = editor_new(p[i]);
		editor_set_uid_seed(ed[i], 42);
		assert_true(edit_duplicate(ed[i], UID_OPEN, DAIS_TIME_NONE,
		                           &uid[i][0], &why));
		assert_true(edit_duplicate(ed[i], UID_OPEN, DAIS_TIME_NONE,
		                           &uid[i][1], &why));
	}
	assert_string_equal(uid[0][0], uid[1][0]);
	assert_string_equal(uid[0][1], uid[1][1]);
	assert_string_not_equal(uid[0][0], uid[0][1]);
	assert_int_equal(strlen(uid[0][0]),
	                 strlen("dais-") + 32 + strlen("@dais"));
	assert_string_equal(uid[0][0] + strlen(uid[0][0]) - 5, "@dais");
	for (i = 0; i < 2; i++) {
		free(uid[i][0]);
		free(uid[i][1]);
		editor_free(ed[i]);
		programme_free(p[i]);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_operation),
	    cmocka_unit_test(test_refusals),
	    cmocka_unit_test_setup_teardown(test_no_op, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_dirty, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_sequence, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_changes, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_group, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_callback, setup, teardown),
	    cmocka_unit_test(test_read_only),
	    cmocka_unit_test_setup_teardown(test_read_only_history, setup,
	                                    teardown),
	    cmocka_unit_test(test_uid_seed),
	    cmocka_unit_test(test_random_undo_all),
	    cmocka_unit_test(test_random_saved),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
