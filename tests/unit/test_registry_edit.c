/*
 * test_registry_edit.c: participants, rooms, buildings and walks changed
 * through the editor (edit_registry.h) on the Kuwait example: the conflict
 * check sees each change at once, undo and redo put back exactly what was
 * there (assignments a removal took included), the dirty flag and the
 * saver's change list follow, refusals use the loader's sentences, and
 * the callback hands out the entries' states.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dais/conflict.h"
#include "dais/edit.h"
#include "dais/edit_registry.h"
#include "dais/journal.h"
#include "dais/load.h"
#include "dais/registry.h"
#include "dais/registry_field.h"
#include "dais/xalloc.h"
#include "helpers.h"

/* The editor to_journal hands journal_append. */
static struct editor *journal_test_editor;

struct fixture {
	char *dir;
	struct programme *p;
	struct editor *ed;
};

static int
setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);

	f->dir = helper_copy_example();
	f->p = helper_load_ok(f->dir);
	f->ed = editor_new(f->p);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	editor_free(f->ed);
	programme_free(f->p);
	helper_remove_dir(f->dir);
	free(f);
	return 0;
}

/* How many conflicts of kind name participant (or room) id. */
static size_t
count(const struct programme *p, enum conflict_kind kind, const char *id)
{
	struct conflict_list l = {0};
	size_t i, n = 0;

	conflict_check(p, &l);
	for (i = 0; i < l.n; i++) {
		const struct conflict *c = &l.v[i];

		if (c->kind != kind)
			continue;
		if ((c->participant_id != NULL &&
		     strcmp(c->participant_id, id) == 0) ||
		    (c->room_id != NULL && strcmp(c->room_id, id) == 0))
			n++;
	}
	conflict_list_clear(&l);
	return n;
}

/* The entry's current state with one key set from text, as a form does. */
static struct registry_item
with_key(const struct programme *p, enum registry_kind kind, const char *id,
         const char *key, const char *text)
{
	struct registry_item x;
	char *why = NULL, *section;

	assert_true(registry_item_get(p, kind, id, &x));
	section = registry_section(&x);
	assert_true(
	    registry_field(kind, key)->parse(p, &x, section, text, &why, NULL));
	free(section);
	return x;
}

static void
test_arrival_makes_conflict(void **state)
{
	struct fixture *f = *state;
	struct registry_item x;
	const char *why = NULL;

	assert_int_equal(
	    count(f->p, CONFLICT_OUTSIDE_AVAILABILITY, "kw-interior"), 0);
	x = with_key(f->p, REGISTRY_PARTICIPANT, "kw-interior", "arrival",
	             "2026-11-04 14:00");
	assert_true(edit_registry_put(f->ed, "kw-interior", &x, &why));
	registry_item_free(&x);
	/* 09:30-10:45 and 11:15-13:00 on the first day are before it. */
	assert_true(count(f->p, CONFLICT_OUTSIDE_AVAILABILITY, "kw-interior") >=
	            2);
	assert_true(editor_dirty(f->ed));
	assert_true(editor_registry_dirty(f->ed, REGISTRY_PARTICIPANT));
	assert_false(editor_registry_dirty(f->ed, REGISTRY_ROOM));
	assert_string_equal(editor_undo_description(f->ed),
	                    "Changed participant 'Minister of Interior — "
	                    "Kuwait'");

	assert_true(editor_undo(f->ed, &why));
	assert_int_equal(
	    count(f->p, CONFLICT_OUTSIDE_AVAILABILITY, "kw-interior"), 0);
	assert_false(editor_dirty(f->ed));
	assert_int_equal(
	    programme_find_participant(f->p, "kw-interior")->arrival,
	    DAIS_TIME_NONE);

	assert_true(editor_redo(f->ed, &why));
	assert_true(count(f->p, CONFLICT_OUTSIDE_AVAILABILITY, "kw-interior") >=
	            2);
}

static void
test_capacity_makes_conflict(void **state)
{
	struct fixture *f = *state;
	struct registry_item x;
	const char *why = NULL;

	assert_int_equal(count(f->p, CONFLICT_OVER_CAPACITY, "plenary"), 0);
	x = with_key(f->p, REGISTRY_ROOM, "plenary", "capacity", "10");
	assert_true(edit_registry_put(f->ed, "plenary", &x, &why));
	registry_item_free(&x);
	assert_true(count(f->p, CONFLICT_OVER_CAPACITY, "plenary") > 0);
	assert_int_equal(programme_find_room(f->p, "plenary")->capacity, 10);
	assert_true(editor_undo(f->ed, &why));
	assert_int_equal(count(f->p, CONFLICT_OVER_CAPACITY, "plenary"), 0);
	assert_int_equal(programme_find_room(f->p, "plenary")->capacity, 600);
}

/* The sessions with an assignment of id. */
static size_t
assigned(const struct programme *p, const char *id)
{
	size_t i, n = 0;

	for (i = 0; i < p->nsessions; i++)
		n += session_find_assignment(&p->sessions[i], id) >= 0;
	return n;
}

static void
test_remove_takes_assignments(void **state)
{
	struct fixture *f = *state;
	size_t before = assigned(f->p, "qa-interior"), n, *v, people;
	const char *why = NULL;

	people = f->p->npeople;
	assert_true(before > 0);
	v = edit_registry_users(f->ed, REGISTRY_PARTICIPANT, "qa-interior", &n);
	free(v);
	assert_int_equal(n, before);
	assert_true(edit_registry_remove(f->ed, REGISTRY_PARTICIPANT,
	                                 "qa-interior", &why));
	assert_null(programme_find_participant(f->p, "qa-interior"));
	assert_int_equal(assigned(f->p, "qa-interior"), 0);
	assert_int_equal(f->p->npeople, people - 1);
	/* The double booking of the example was his. */
	assert_int_equal(
	    count(f->p, CONFLICT_PARTICIPANT_DOUBLE_BOOKED, "qa-interior"), 0);
	/* One undo: the participant and every assignment. */
	assert_true(editor_undo(f->ed, &why));
	assert_non_null(programme_find_participant(f->p, "qa-interior"));
	assert_int_equal(assigned(f->p, "qa-interior"), before);
	assert_int_equal(
	    count(f->p, CONFLICT_PARTICIPANT_DOUBLE_BOOKED, "qa-interior"), 1);
	assert_false(editor_dirty(f->ed));
	assert_true(editor_redo(f->ed, &why));
	assert_int_equal(assigned(f->p, "qa-interior"), 0);
}

static void
test_remove_room_keeps_name(void **state)
{
	struct fixture *f = *state;
	const char *why = NULL;
	size_t n, *v, i;
	char *uid;

	v = edit_registry_users(f->ed, REGISTRY_ROOM, "side-c", &n);
	assert_true(n > 0);
	uid = xstrdup(f->p->sessions[v[0]].uid);
	free(v);
	assert_true(edit_registry_remove(f->ed, REGISTRY_ROOM, "side-c", &why));
	assert_null(programme_find_room(f->p, "side-c"));
	for (i = 0; i < f->p->nsessions; i++)
		if (strcmp(f->p->sessions[i].uid, uid) == 0) {
			assert_null(f->p->sessions[i].room_id);
			assert_string_equal(f->p->sessions[i].location,
			                    "Garden Pavilion Room C");
		}
	assert_true(editor_undo(f->ed, &why));
	v = edit_registry_users(f->ed, REGISTRY_ROOM, "side-c", &n);
	free(v);
	assert_true(n > 0);
	free(uid);
}

static void
test_refusals(void **state)
{
	struct fixture *f = *state;
	struct registry_item x;
	const char *why = NULL;
	char *section, *msg = NULL;

	/* An id sessions use cannot change. */
	assert_true(
	    registry_item_get(f->p, REGISTRY_PARTICIPANT, "kw-interior", &x));
	free(x.person.id);
	x.person.id = xstrdup("kw-moi");
	assert_false(edit_registry_put(f->ed, "kw-interior", &x, &why));
	assert_non_null(strstr(why, "its id cannot change"));
	/* A new one: slug and uniqueness. */
	free(x.person.id);
	x.person.id = xstrdup("KW Minister");
	assert_false(edit_registry_put(f->ed, NULL, &x, &why));
	assert_non_null(strstr(why, "is not an id"));
	free(x.person.id);
	x.person.id = xstrdup("tj-interior");
	assert_false(edit_registry_put(f->ed, NULL, &x, &why));
	assert_string_equal(why, "There is a participant tj-interior "
	                         "already: choose another id.");
	/* The loader's sentences, word for word. */
	section = registry_section(&x);
	assert_false(
	    registry_field(REGISTRY_PARTICIPANT, "arrival")
	        ->parse(f->p, &x, section, "04/11/2026 10:00", &msg, NULL));
	assert_string_equal(msg, "arrival = \"04/11/2026 10:00\" in "
	                         "[tj-interior] is not a date and time: write "
	                         "\"YYYY-MM-DD HH:MM\" in Asia/Kuwait time, "
	                         "such as \"2026-11-04 10:00\"");
	free(msg);
	free(section);
	free(x.person.delegation);
	x.person.delegation = xstrdup("nowhere");
	free(x.person.id);
	x.person.id = xstrdup("kw-deputy");
	assert_false(edit_registry_put(f->ed, NULL, &x, &why));
	assert_string_equal(why, "delegation = \"nowhere\" in [kw-deputy]: "
	                         "there is no [nowhere]: add it (a "
	                         "delegation, organisation, UN entity or "
	                         "association), or fix the id");
	registry_item_free(&x);
	/* A delegation its members name stays. */
	assert_false(
	    edit_registry_remove(f->ed, REGISTRY_PARTICIPANT, "kw", &why));
	assert_non_null(strstr(why, "is the delegation of"));
	/* A building with rooms stays. */
	assert_false(
	    edit_registry_remove(f->ed, REGISTRY_BUILDING, "jacc", &why));
	assert_false(editor_can_undo(f->ed));
}

static void
test_new_entries(void **state)
{
	struct fixture *f = *state;
	struct registry_item b, r, w;
	struct registry_change *ch;
	const char *why = NULL;
	char *msg = NULL;

	registry_item_init(&b, REGISTRY_BUILDING);
	b.building.id = xstrdup("annex");
	b.building.name = xstrdup("Annex");
	assert_true(edit_registry_put(f->ed, NULL, &b, &why));
	registry_item_init(&w, REGISTRY_WALK);
	w.walk.from = xstrdup("jacc");
	w.walk.to = xstrdup("annex");
	w.walk.minutes = 9;
	assert_true(edit_registry_put(f->ed, NULL, &w, &why));
	registry_item_init(&r, REGISTRY_ROOM);
	r.room.id = xstrdup("annex-1");
	assert_false(edit_registry_put(f->ed, NULL, &r, &why));
	assert_string_equal(why, "[room.annex-1] has no name: add a line "
	                         "name = \"...\"");
	r.room.name = xstrdup("Annex Room 1");
	r.room.building = xstrdup("annex");
	assert_false(registry_field(REGISTRY_ROOM, "kinds")
	                 ->parse(f->p, &r, "room.annex-1", "GALA", &msg, NULL));
	assert_non_null(strstr(msg, "\"GALA\" is not a session kind"));
	free(msg);
	assert_true(edit_registry_put(f->ed, NULL, &r, &why));
	assert_non_null(programme_find_room(f->p, "annex-1"));
	assert_int_equal(
	    programme_walk_minutes(f->p, programme_find_room(f->p, "annex-1"),
	                           programme_find_room(f->p, "plenary")),
	    9);
	assert_int_equal(editor_registry_changes(f->ed, REGISTRY_WALK, &ch), 1);
	assert_null(ch[0].saved);
	assert_string_equal(ch[0].id, "annex/jacc");
	assert_int_equal(ch[0].now->walk.minutes, 9);
	free(ch);
	/* The building cannot go while its room is there; the room can,
	 * then the building takes its walk with it. */
	assert_false(
	    edit_registry_remove(f->ed, REGISTRY_BUILDING, "annex", &why));
	assert_true(
	    edit_registry_remove(f->ed, REGISTRY_ROOM, "annex-1", &why));
	assert_true(
	    edit_registry_remove(f->ed, REGISTRY_BUILDING, "annex", &why));
	assert_false(editor_dirty(f->ed));
	assert_true(editor_undo(f->ed, &why));
	assert_int_equal(editor_registry_changes(f->ed, REGISTRY_WALK, &ch), 1);
	free(ch);
	registry_item_free(&b);
	registry_item_free(&r);
	registry_item_free(&w);
}

struct seen {
	size_t events, registry;
	char last_id[64];
	bool last_removed;
};

static void
on_edit(const struct edit_event *ev, void *arg)
{
	struct seen *s = arg;

	s->events++;
	s->registry += ev->nregistry;
	if (ev->nregistry > 0) {
		snprintf(s->last_id, sizeof s->last_id, "%s",
		         ev->registry[0].id);
		s->last_removed = ev->registry[0].after == NULL;
	}
}

static void
test_callback_and_group(void **state)
{
	struct fixture *f = *state;
	struct seen seen = {0};
	struct registry_item x;
	const char *why = NULL;

	editor_set_callback(f->ed, on_edit, &seen);
	x = with_key(f->p, REGISTRY_PARTICIPANT, "tj-interior", "phone",
	             "+992 1");
	editor_begin_group(f->ed, "Edited the minister");
	assert_true(edit_registry_put(f->ed, "tj-interior", &x, &why));
	assert_true(edit_registry_remove(f->ed, REGISTRY_PARTICIPANT,
	                                 "tj-interior", &why));
	editor_end_group(f->ed);
	registry_item_free(&x);
	assert_int_equal(seen.events, 1);
	assert_int_equal(seen.registry, 1);
	assert_string_equal(seen.last_id, "tj-interior");
	assert_true(seen.last_removed);
	assert_true(editor_undo(f->ed, &why));
	assert_int_equal(seen.events, 2);
	assert_false(seen.last_removed);
	assert_string_equal(
	    programme_find_participant(f->p, "tj-interior")->phone,
	    "+992 0000 0201");
	/* Cancelled: everything put back. */
	x = with_key(f->p, REGISTRY_PARTICIPANT, "tj-interior", "phone",
	             "+992 2");
	editor_begin_group(f->ed, NULL);
	assert_true(edit_registry_put(f->ed, "tj-interior", &x, &why));
	editor_cancel_group(f->ed);
	registry_item_free(&x);
	assert_string_equal(
	    programme_find_participant(f->p, "tj-interior")->phone,
	    "+992 0000 0201");
	editor_set_callback(f->ed, NULL, NULL);
}

static void
test_read_only(void **state)
{
	struct fixture *f = *state;
	const char *why = NULL;

	editor_set_read_only(f->ed, "Read-only: held elsewhere.");
	assert_false(edit_registry_remove(f->ed, REGISTRY_PARTICIPANT,
	                                  "kw-interior", &why));
	assert_string_equal(why, "Read-only: held elsewhere.");
	editor_set_read_only(f->ed, NULL);
}

static void
to_journal(const struct edit_event *ev, void *arg)
{
	struct journal *j = arg;
	char *why = NULL;

	/* The editor is the fixture's; journal_append only reads it. */
	assert_true(journal_append(j, journal_test_editor, ev, &why));
}

/*
 * Edits of every kind of entry go to the journal as the planner writes
 * it; a new editor on the files as they are replays them into the same
 * registries and sessions.
 */
static void
test_journal_round_trip(void **state)
{
	struct fixture *f = *state;
	struct journal_found found;
	struct registry_item x, r;
	struct programme *p2;
	struct editor *ed2;
	struct journal *j;
	const char *why = NULL;
	char *err = NULL;
	size_t i;

	j = journal_start(f->ed, &err);
	assert_non_null(j);
	journal_test_editor = f->ed;
	editor_set_callback(f->ed, to_journal, j);
	x = with_key(f->p, REGISTRY_PARTICIPANT, "kw-interior", "arrival",
	             "2026-11-04 14:00");
	free(x.person.title);
	x.person.title = xstrdup("Minister; \"Interior\"\tand more");
	assert_true(edit_registry_put(f->ed, "kw-interior", &x, &why));
	registry_item_free(&x);
	assert_true(edit_registry_remove(f->ed, REGISTRY_PARTICIPANT,
	                                 "qa-interior", &why));
	registry_item_init(&r, REGISTRY_ROOM);
	r.room.id = xstrdup("annex");
	r.room.name = xstrdup("Annex — قاعة");
	r.room.capacity = 12;
	strlist_add(&r.room.languages, "ar");
	assert_true(edit_registry_put(f->ed, NULL, &r, &why));
	registry_item_free(&r);
	/* An undo is journalled as the state it leaves. */
	x = with_key(f->p, REGISTRY_ROOM, "plenary", "capacity", "5");
	assert_true(edit_registry_put(f->ed, "plenary", &x, &why));
	registry_item_free(&x);
	assert_true(editor_undo(f->ed, &why));
	editor_set_callback(f->ed, NULL, NULL);
	journal_close(j, false);

	assert_int_equal(journal_find(f->dir, &found, &err), 1);
	assert_int_equal(found.changed.n, 0);
	assert_int_equal(found.nedits, 5);
	p2 = helper_load_ok(f->dir);
	ed2 = editor_new(p2);
	assert_true(journal_replay(&found, ed2, &err));
	journal_found_free(&found);
	assert_int_equal(
	    programme_find_participant(p2, "kw-interior")->arrival,
	    programme_find_participant(f->p, "kw-interior")->arrival);
	assert_string_equal(
	    programme_find_participant(p2, "kw-interior")->title,
	    "Minister; \"Interior\"\tand more");
	assert_null(programme_find_participant(p2, "qa-interior"));
	assert_int_equal(assigned(p2, "qa-interior"), 0);
	assert_string_equal(programme_find_room(p2, "annex")->name,
	                    "Annex — قاعة");
	assert_int_equal(programme_find_room(p2, "annex")->capacity, 12);
	assert_int_equal(programme_find_room(p2, "plenary")->capacity, 600);
	assert_int_equal(p2->npeople, f->p->npeople);
	for (i = 0; i < p2->nsessions; i++)
		assert_int_equal(p2->sessions[i].nassign,
		                 f->p->sessions[i].nassign);
	/* One undo takes the whole restoration back. */
	assert_true(editor_undo(ed2, &why));
	assert_non_null(programme_find_participant(p2, "qa-interior"));
	assert_false(editor_dirty(ed2));
	editor_free(ed2);
	programme_free(p2);
}

/* The lines of a and b that differ, counted pairwise (same line count). */
static size_t
lines_differing(const char *a, const char *b, size_t *na, size_t *nb)
{
	size_t d = 0;

	*na = *nb = 0;
	while (*a != '\0' || *b != '\0') {
		size_t la = strcspn(a, "\n"), lb = strcspn(b, "\n");

		if (la != lb || strncmp(a, b, la) != 0)
			d++;
		if (*a != '\0') {
			(*na)++;
			a += la + (a[la] == '\n');
		}
		if (*b != '\0') {
			(*nb)++;
			b += lb + (b[lb] == '\n');
		}
	}
	return d;
}

/* One changed key: one changed line, the rest byte for byte. */
static void
test_save_one_line(void **state)
{
	struct fixture *f = *state;
	char *path = xasprintf("%s/participants.ini", f->dir), *before, *after;
	struct registry_item x;
	const char *why = NULL;
	char *err = NULL;
	size_t na, nb;

	before = helper_slurp(path, NULL);
	x = with_key(f->p, REGISTRY_PARTICIPANT, "tj-interior", "arrival",
	             "2026-11-04 14:00");
	assert_true(edit_registry_put(f->ed, "tj-interior", &x, &why));
	registry_item_free(&x);
	assert_int_equal(
	    registry_save_file(f->ed, f->p, REGISTRY_FILE_VENUES, &err),
	    REGISTRY_UNCHANGED);
	assert_int_equal(
	    registry_save_file(f->ed, f->p, REGISTRY_FILE_PEOPLE, &err),
	    REGISTRY_SAVED);
	assert_false(editor_dirty(f->ed));
	after = helper_slurp(path, NULL);
	assert_int_equal(lines_differing(before, after, &na, &nb), 1);
	assert_int_equal(na, nb);
	assert_non_null(strstr(after, "arrival = \"2026-11-04 14:00\"\n"));
	free(before);
	free(after);

	/* Somebody else's change is not overwritten. */
	helper_spill_text(path, "; replaced\n[kw]\nname = \"Kuwait\"\n"
	                        "kind = \"delegation\"\n");
	x = with_key(f->p, REGISTRY_PARTICIPANT, "tj-interior", "phone", "1");
	assert_true(edit_registry_put(f->ed, "tj-interior", &x, &why));
	registry_item_free(&x);
	assert_int_equal(
	    registry_save_file(f->ed, f->p, REGISTRY_FILE_PEOPLE, &err),
	    REGISTRY_CHANGED_ON_DISK);
	free(err);
	assert_true(editor_dirty(f->ed));
	free(path);
}

/* New, changed and removed entries of both files saved, then loaded
 * again by the loader: the same registries, and no word from it. */
static void
test_save_round_trip(void **state)
{
	struct fixture *f = *state;
	struct registry_item b, r, w, x;
	struct programme *p2;
	const char *why = NULL;
	char *err = NULL;
	size_t i;

	registry_item_init(&b, REGISTRY_BUILDING);
	b.building.id = xstrdup("annex");
	b.building.name = xstrdup("Annex; east wing");
	assert_true(edit_registry_put(f->ed, NULL, &b, &why));
	registry_item_init(&w, REGISTRY_WALK);
	w.walk.from = xstrdup("pavilion");
	w.walk.to = xstrdup("annex");
	w.walk.minutes = 4;
	assert_true(edit_registry_put(f->ed, NULL, &w, &why));
	registry_item_init(&r, REGISTRY_ROOM);
	r.room.id = xstrdup("annex-1");
	r.room.name = xstrdup("قاعة الملحق");
	r.room.building = xstrdup("annex");
	r.room.capacity = 30;
	strlist_add(&r.room.kinds, "BILATERAL");
	assert_true(edit_registry_put(f->ed, NULL, &r, &why));
	registry_item_init(&x, REGISTRY_PARTICIPANT);
	x.person.id = xstrdup("kw-deputy");
	x.person.name = xstrdup("Deputy Minister — Kuwait");
	x.person.kind = PARTICIPANT_OFFICIAL;
	x.person.delegation = xstrdup("kw");
	assert_true(edit_registry_put(f->ed, NULL, &x, &why));
	registry_item_free(&x);
	x = with_key(f->p, REGISTRY_ROOM, "side-c", "capacity", "35");
	assert_true(edit_registry_put(f->ed, "side-c", &x, &why));
	registry_item_free(&x);
	assert_true(edit_registry_remove(f->ed, REGISTRY_PARTICIPANT,
	                                 "qa-interior", &why));
	assert_int_equal(
	    registry_save_file(f->ed, f->p, REGISTRY_FILE_VENUES, &err),
	    REGISTRY_SAVED);
	assert_int_equal(
	    registry_save_file(f->ed, f->p, REGISTRY_FILE_PEOPLE, &err),
	    REGISTRY_SAVED);
	p2 = helper_load_ok(f->dir);
	assert_int_equal(p2->npeople, f->p->npeople);
	assert_int_equal(p2->nrooms, f->p->nrooms);
	for (i = 0; i < f->p->npeople; i++) {
		struct registry_item a, c;

		assert_true(registry_item_get(f->p, REGISTRY_PARTICIPANT,
		                              f->p->people[i].id, &a));
		assert_true(registry_item_get(p2, REGISTRY_PARTICIPANT,
		                              f->p->people[i].id, &c));
		assert_true(registry_item_equal(&a, &c));
		registry_item_free(&a);
		registry_item_free(&c);
	}
	assert_string_equal(programme_find_room(p2, "annex-1")->name,
	                    "قاعة الملحق");
	assert_string_equal(programme_building_name(p2, "annex"),
	                    "Annex; east wing");
	assert_int_equal(
	    programme_walk_minutes(p2, programme_find_room(p2, "annex-1"),
	                           programme_find_room(p2, "side-c")),
	    4);
	assert_int_equal(programme_find_room(p2, "side-c")->capacity, 35);
	programme_free(p2);
	registry_item_free(&b);
	registry_item_free(&r);
	registry_item_free(&w);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_arrival_makes_conflict, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_capacity_makes_conflict, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_remove_takes_assignments,
	                                    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_remove_room_keeps_name, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_new_entries, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_callback_and_group, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_read_only, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_journal_round_trip, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_save_one_line, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_save_round_trip, setup,
	                                    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
