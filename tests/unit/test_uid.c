/*
 * test_uid.c: UIDs of sessions made in dais (uid.h): in the programme's
 * own domain, random, never one the programme has.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dais/machine.h"
#include "dais/uid.h"
#include "dais/xalloc.h"

static void
add_session(struct programme *p, const char *uid, dais_time start)
{
	struct session *s = programme_add_session(p);

	session_init(s);
	s->uid = xstrdup(uid);
	s->title = xstrdup("Session");
	s->start = start;
	s->end = start + 3600;
}

static void
test_domain_is_the_one_most_sessions_use(void **state)
{
	struct programme *p = programme_new();
	char *d;

	(void)state;
	add_session(p, "plenary-open@dushanbe-process.org", 0);
	add_session(p, "side-borders@dushanbe-process.org", 3600);
	add_session(p, "040000008200E00074C5B7101A82E008@outlook.com", 7200);
	add_session(p, "dais-00ff@sec-laptop-3", 10800);
	add_session(p, "no-domain-at-all", 14400);
	add_session(p, "bad@dom ain", 18000);
	add_session(p, "reception@dushanbe-process.org", 21600);
	d = uid_domain_of(p);
	assert_string_equal(d, "dushanbe-process.org");
	free(d);
	programme_free(p);
}

static void
test_tie_and_no_domain(void **state)
{
	struct programme *p = programme_new();
	char *d, *host;

	(void)state;
	/* Nothing to go by: the machine's name (or "dais"). */
	d = uid_domain_of(p);
	host = machine_host();
	if (strcmp(host, "unknown-host") == 0)
		assert_string_equal(d, "dais");
	else
		assert_non_null(strstr(host, d));
	free(host);
	free(d);
	/* A tie: the first in byte order, the same on every machine. */
	add_session(p, "a@zeta.example", 0);
	add_session(p, "b@alpha.example", 3600);
	d = uid_domain_of(p);
	assert_string_equal(d, "alpha.example");
	free(d);
	programme_free(p);
}

static void
test_new_sessions_get_the_domain(void **state)
{
	struct programme *p = programme_new();
	struct editor *ed;
	struct session s;
	const char *why = NULL;
	char *uid[50];
	size_t i, j;

	(void)state;
	add_session(p, "plenary-open@dushanbe-process.org", 0);
	add_session(p, "side-borders@dushanbe-process.org", 3600);
	ed = editor_new(p);
	uid_maker_attach(ed, p);
	for (i = 0; i < 50; i++) {
		session_init(&s);
		s.title = xstrdup("Bilateral");
		s.start = 7200;
		s.end = 9000;
		if (!edit_create(ed, &s, &uid[i], &why))
			fail_msg("edit_create: %s", why);
		session_free(&s);
		assert_int_equal(strlen(uid[i]),
		                 strlen("dais-") + 32 +
		                     strlen("@dushanbe-process.org"));
		assert_memory_equal(uid[i], "dais-", 5);
		assert_string_equal(uid[i] + 37, "@dushanbe-process.org");
		for (j = 0; j < i; j++)
			assert_string_not_equal(uid[i], uid[j]);
	}
	for (i = 0; i < 50; i++)
		free(uid[i]);
	editor_free(ed);
	programme_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_domain_is_the_one_most_sessions_use),
	    cmocka_unit_test(test_tie_and_no_domain),
	    cmocka_unit_test(test_new_sessions_get_the_domain),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
