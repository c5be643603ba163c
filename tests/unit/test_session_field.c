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

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_field_copied_and_compared),
	    cmocka_unit_test(test_reset_gives_the_initial_value),
	    cmocka_unit_test(test_empty_text_is_content_equal_not_strictly),
	    cmocka_unit_test(test_lookups),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
