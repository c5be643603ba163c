/*
 * test_session_field.c: the session field table (session_field.h). Every
 * row is changed on its own, so a field the copy, the equality, the
 * SEQUENCE rule or the diff forgot shows up here by name.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dais/arena.h"
#include "dais/session_field.h"
#include "dais/xalloc.h"

/* A session with a value in every field, none of them the default. */
static void
full_session(struct session *s)
{
	session_init(s);
	s->uid = xstrdup("plenary-open@dushanbe-process.org");
	s->recurrence_id = 1793769600;
	s->title = xstrdup("الجلسة العامة الافتتاحية");
	s->description = xstrdup("Открытие конференции");
	s->notes = xstrdup("VIP entrance B");
	s->kind = xstrdup("PLENARY");
	s->status = SESSION_TENTATIVE;
	s->confidential = true;
	s->room_id = xstrdup("hall-a");
	s->location = xstrdup("Hall A");
	s->start = 1793779200;
	s->end = 1793786400;
	s->expected = 400;
	strlist_add(&s->languages, "ar");
	strlist_add(&s->languages, "zh");
	session_add_assignment(s, "kw-moi", ROLE_CHAIR, "Minister of Interior");
	s->sequence = 3;
	s->source = 1;
	s->line = 42;
}

/* Gives field f of s another value than full_session's. */
static void
change_field(struct session *s, const struct session_field *f)
{
	void *at = session_field_at(s, f);

	switch (f->type) {
	case SESSION_TYPE_TEXT:
		session_field_set_text(s, f, "другой");
		break;
	case SESSION_TYPE_TIME:
		*(dais_time *)at += 60;
		break;
	case SESSION_TYPE_INT:
		*(int *)at += 1;
		break;
	case SESSION_TYPE_BOOL:
		*(bool *)at = !*(bool *)at;
		break;
	case SESSION_TYPE_STATUS:
		*(enum session_status *)at = SESSION_CANCELLED;
		break;
	case SESSION_TYPE_LIST:
		strlist_add(at, "ru");
		break;
	case SESSION_TYPE_ASSIGNMENTS:
		s->assign[0].role = ROLE_SPEAKER;
		break;
	}
}

static void
test_every_field_copied_and_compared(void **state)
{
	struct session a, b;
	size_t i;

	(void)state;
	for (i = 0; i < SESSION_FIELD_COUNT; i++) {
		const struct session_field *f = &session_field_table[i];

		assert_int_equal(f->id, i);
		full_session(&a);
		session_copy(&b, &a);
		assert_true(session_equal(&a, &b));
		change_field(&b, f);
		if (session_equal(&a, &b))
			fail_msg("a change of %s is not seen", f->name);
		assert_false(session_field_equal(&a, &b, f, true));
		assert_int_equal(session_significant(&a, &b),
		                 (f->flags & SF_SIGNIFICANT) != 0);
		if (f->flags & (SF_KEY | SF_ORIGIN))
			assert_int_equal(session_diff_groups(&a, &b, true), 0);
		else
			assert_int_equal(session_diff_groups(&a, &b, true),
			                 f->group);
		if (f->flags & SF_REVISION)
			assert_int_equal(session_diff_groups(&a, &b, false), 0);
		/* The copy is deep: freeing one leaves the other whole. */
		session_free(&a);
		session_copy(&a, &b);
		session_free(&b);
		change_field(&a, f);
		session_free(&a);
	}
}

static void
test_reset_gives_the_initial_value(void **state)
{
	struct session a, blank;
	size_t i;

	(void)state;
	session_init(&blank);
	full_session(&a);
	for (i = 0; i < SESSION_FIELD_COUNT; i++)
		session_field_reset(&a, &session_field_table[i]);
	assert_true(session_equal(&a, &blank));
	assert_int_equal(a.source, -1);
	assert_int_equal(a.recurrence_id, DAIS_TIME_NONE);
	session_free(&a);
}

/* A file cannot tell an empty text from a missing one; the editor can. */
static void
test_empty_text_is_content_equal_not_strictly(void **state)
{
	struct session a, b;
	const struct session_field *f =
	    &session_field_table[SESSION_FIELD_NOTES];

	(void)state;
	full_session(&a);
	session_copy(&b, &a);
	session_field_set_text(&a, f, NULL);
	session_field_set_text(&b, f, "");
	assert_false(session_field_equal(&a, &b, f, true));
	assert_true(session_field_equal(&a, &b, f, false));
	assert_false(session_equal(&a, &b));
	assert_int_equal(session_diff_groups(&a, &b, true), 0);
	session_free(&a);
	session_free(&b);
}

static void
test_lookups(void **state)
{
	size_t i, j;

	(void)state;
	assert_ptr_equal(session_field_by_tag("room"),
	                 &session_field_table[SESSION_FIELD_ROOM_ID]);
	assert_ptr_equal(session_field_by_ical("x-dais-notes"),
	                 &session_field_table[SESSION_FIELD_NOTES]);
	assert_null(session_field_by_tag("nonesuch"));
	assert_null(session_field_by_ical("X-NONESUCH"));
	/* Tags and properties name one field each. */
	for (i = 0; i < SESSION_FIELD_COUNT; i++)
		for (j = 0; j < i; j++) {
			const struct session_field *a = &session_field_table[i];
			const struct session_field *b = &session_field_table[j];

			assert_string_not_equal(a->tag, b->tag);
			if (a->ical != NULL && b->ical != NULL)
				assert_string_not_equal(a->ical, b->ical);
		}
}

/* A session whose texts and assignments a loader put in store a, as
 * ics_event_read does. */
static void
stored_session(struct session *s, struct arena *a, const char *uid)
{
	static const struct {
		enum session_field_id id;
		const char *text;
	} texts[] = {
	    {SESSION_FIELD_TITLE, "الجلسة العامة الافتتاحية"},
	    {SESSION_FIELD_DESCRIPTION, "Открытие конференции"},
	    {SESSION_FIELD_KIND, "PLENARY"},
	    {SESSION_FIELD_ROOM_ID, "hall-a"},
	    {SESSION_FIELD_LOCATION, "Hall A"},
	};
	size_t i;

	session_init(s);
	session_field_store_text(s, &session_field_table[SESSION_FIELD_UID], a,
	                         uid, strlen(uid));
	for (i = 0; i < sizeof texts / sizeof texts[0]; i++)
		session_field_store_text(s, &session_field_table[texts[i].id],
		                         a, texts[i].text,
		                         strlen(texts[i].text));
	session_store_assignments(s, a, 3);
	session_store_assignment(s, arena_intern(a, "kw-moi", 6), ROLE_CHAIR,
	                         arena_intern(a, "Minister of Interior", 20));
	session_store_assignment(s, arena_intern(a, "tj-mfa", 6), ROLE_SPEAKER,
	                         NULL);
}

static void
test_store_interns_ids_and_copies_texts(void **state)
{
	struct arena *a = arena_new();
	struct session x, y;
	size_t nbig = (size_t)3 << 20;
	char *big = xmalloc(nbig);

	(void)state;
	stored_session(&x, a, "one@example.org");
	stored_session(&y, a, "two@example.org");
	/* Ids and names repeat across sessions: one copy. */
	assert_ptr_equal(x.room_id, y.room_id);
	assert_ptr_equal(x.kind, y.kind);
	assert_ptr_equal(x.assign[0].participant_id,
	                 y.assign[0].participant_id);
	assert_ptr_equal(x.assign[0].cn, y.assign[0].cn);
	/* A text the loader interned itself replaces the one stored. */
	session_field_store_interned(
	    &y, &session_field_table[SESSION_FIELD_ROOM_ID],
	    arena_intern(a, "hall-b", 6));
	assert_string_equal(y.room_id, "hall-b");
	session_field_store_interned(
	    &y, &session_field_table[SESSION_FIELD_ROOM_ID],
	    arena_intern(a, "hall-a", 6));
	assert_ptr_equal(x.room_id, y.room_id);
	assert_null(x.assign[1].cn);
	assert_int_equal(x.nassign, 2);
	/* A title is the session's own, even when the text repeats. */
	assert_ptr_not_equal(x.title, y.title);
	assert_string_equal(x.title, y.title);
	assert_string_equal(x.uid, "one@example.org");
	assert_true(
	    session_field_shared(&session_field_table[SESSION_FIELD_ROOM_ID]));
	assert_false(
	    session_field_shared(&session_field_table[SESSION_FIELD_TITLE]));
	/* A text larger than a chunk gets one of its own. */
	memset(big, 'x', nbig);
	assert_int_equal(strlen(arena_strndup(a, big, nbig - 1)), nbig - 1);
	assert_true(arena_size(a) >= nbig);
	free(big);
	session_free(&x);
	session_free(&y);
	arena_free(a);
}

/* arena_intern takes a piece of a longer text as it is (the .ics reader
 * passes a value without copying it), and keeps thousands of texts
 * apart through the growth of its table. */
static void
test_intern_pieces_and_many_texts(void **state)
{
	struct arena *a = arena_new();
	static char *first[5000];
	static const char inside[] = "xp1725x";
	char buf[32];
	char *p;
	size_t i;

	(void)state;
	p = arena_intern(a, "p1725;ROLE=CHAIR", 5);
	assert_string_equal(p, "p1725");
	assert_ptr_equal(arena_intern(a, "p1725", 5), p);
	assert_ptr_equal(arena_intern(a, &inside[1], 5), p);
	/* A prefix or an extension is another text. */
	assert_string_equal(arena_intern(a, "p1725", 3), "p17");
	assert_ptr_not_equal(arena_intern(a, "p1725", 3), p);
	assert_string_equal(arena_intern(a, "p17250", 6), "p17250");
	assert_string_equal(arena_intern(a, "", 0), "");
	assert_ptr_equal(arena_intern(a, "abc", 0), arena_intern(a, "", 0));
	for (i = 0; i < 5000; i++) {
		snprintf(buf, sizeof buf, "Minister %zu", i);
		first[i] = arena_intern(a, buf, strlen(buf));
		assert_string_equal(first[i], buf);
	}
	for (i = 0; i < 5000; i++) {
		snprintf(buf, sizeof buf, "Minister %zu", i);
		assert_ptr_equal(arena_intern(a, buf, strlen(buf)), first[i]);
	}
	assert_ptr_equal(arena_intern(a, "p1725", 5), p);
	/* With the hash the prefetch computed: the same text. */
	assert_ptr_equal(
	    arena_intern_hashed(a, "p1725", 5,
	                        arena_intern_prefetch(a, "p1725", 5)),
	    p);
	arena_free(a);
}

/*
 * Every way an edit changes a session releases stored memory without
 * free() (which ASan reports on memory malloc never gave), and a copy
 * owns all it holds, so it outlives the store.
 */
static void
test_stored_session_edited_and_copied(void **state)
{
	struct arena *a = arena_new();
	struct session s, copy, other;
	size_t i;

	(void)state;
	stored_session(&s, a, "one@example.org");
	session_copy(&copy, &s);
	assert_int_equal(copy.stored, 0);
	assert_ptr_not_equal(copy.room_id, s.room_id);
	assert_true(session_equal(&copy, &s));

	session_field_set_text(&s, &session_field_table[SESSION_FIELD_TITLE],
	                       "Closing");
	session_field_reset(&s, &session_field_table[SESSION_FIELD_KIND]);
	assert_null(s.kind);
	session_add_assignment(&s, "un-oct", ROLE_PARTICIPANT, "UNOCT");
	assert_int_equal(s.nassign, 3);
	assert_string_equal(s.assign[0].participant_id, "kw-moi");
	assert_string_equal(s.assign[0].cn, "Minister of Interior");
	assert_int_equal(session_find_assignment(&s, "un-oct"), 2);
	session_field_copy(&s, &copy,
	                   &session_field_table[SESSION_FIELD_ROOM_ID]);
	assert_string_equal(s.room_id, "hall-a");
	/* What is left stored: the UID, description and location. */
	assert_int_equal(s.stored, (1u << SESSION_FIELD_UID) |
	                               (1u << SESSION_FIELD_DESCRIPTION) |
	                               (1u << SESSION_FIELD_LOCATION));
	session_free(&s);
	assert_int_equal(s.stored, 0);

	/* A copy made from a stored session outlives the store. */
	stored_session(&other, a, "two@example.org");
	session_free(&copy);
	session_copy(&copy, &other);
	session_free(&other);
	arena_free(a);
	assert_string_equal(copy.uid, "two@example.org");
	for (i = 0; i < copy.nassign; i++)
		assert_non_null(copy.assign[i].participant_id);
	assert_string_equal(copy.assign[0].cn, "Minister of Interior");
	session_free(&copy);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_field_copied_and_compared),
	    cmocka_unit_test(test_reset_gives_the_initial_value),
	    cmocka_unit_test(test_empty_text_is_content_equal_not_strictly),
	    cmocka_unit_test(test_lookups),
	    cmocka_unit_test(test_store_interns_ids_and_copies_texts),
	    cmocka_unit_test(test_intern_pieces_and_many_texts),
	    cmocka_unit_test(test_stored_session_edited_and_copied),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
