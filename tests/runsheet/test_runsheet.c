/*
 * test_runsheet.c: the run-sheet library as the planner uses it, on a
 * programme built in memory: protocol order, changeover wording, cancelled
 * sessions, conflicts from each side, option checks with their lists, and
 * the ways out (string, atomic file, print command).
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "dais/lineup.h"
#include "dais/runsheet.h"
#include "dais/textwidth.h"
#include "dais/xalloc.h"

static struct participant *
person(struct programme *p, const char *id, const char *name, const char *title,
       const char *deleg, enum participant_kind kind, int precedence)
{
	struct participant *x = programme_add_participant(p);

	x->id = xstrdup(id);
	x->name = xstrdup(name);
	x->title = xstrdup(title);
	x->delegation = xstrdup(deleg);
	x->kind = kind;
	x->precedence = precedence;
	x->arrival = x->departure = DAIS_TIME_NONE;
	return x;
}

static struct session *
session(struct programme *p, const char *uid, const char *title,
        const char *room, int day, int start, int end)
{
	struct session *s = programme_add_session(p);

	session_init(s);
	s->uid = xstrdup(uid);
	s->title = xstrdup(title);
	s->room_id = xstrdup(room);
	s->kind = xstrdup("PLENARY");
	s->start = time_at(&p->conf.zone, p->conf.days[day], start);
	s->end = time_at(&p->conf.zone, p->conf.days[day], end);
	return s;
}

static struct programme *
sample(void)
{
	struct programme *p = programme_new();
	struct session *s;
	struct room *r;
	size_t i;

	p->conf.name = xstrdup("Test Conference");
	zone_free(&p->conf.zone);
	zone_init_fixed(&p->conf.zone, "Asia/Kuwait", 3 * 3600);
	p->conf.days = xcalloc(2, sizeof *p->conf.days);
	p->conf.ndays = 2;
	p->conf.days[0] = (struct dais_date){2026, 11, 4};
	p->conf.days[1] = (struct dais_date){2026, 11, 5};
	p->conf.day_start = 8 * 60;
	p->conf.day_end = 22 * 60;
	p->conf.changeover = 10;
	for (i = 0; i < CONFLICT_KIND_COUNT; i++)
		p->conf.severity[i] = SEVERITY_ERROR;
	r = programme_add_room(p);
	r->id = xstrdup("hall");
	r->name = xstrdup("Plenary Hall");
	r->capacity = 600;
	strlist_add(&r->languages, "ar");
	strlist_add(&r->languages, "en");
	r = programme_add_room(p);
	r->id = xstrdup("side");
	r->name = xstrdup("Side Room");
	r->capacity = 40;

	person(p, "kw", "Kuwait", NULL, NULL, PARTICIPANT_DELEGATION, 0);
	person(p, "chair", "Zed Chair", "President", "kw", PARTICIPANT_MINISTER,
	       0);
	person(p, "second", "Second Ranked", "Minister of Justice", "kw",
	       PARTICIPANT_MINISTER, 2);
	person(p, "first", "First Ranked", "Minister of Interior", NULL,
	       PARTICIPANT_MINISTER, 1);
	person(p, "b-unranked", "Beta Unranked", NULL, NULL,
	       PARTICIPANT_OFFICIAL, 0);
	person(p, "a-unranked", "Alpha Unranked", NULL, NULL,
	       PARTICIPANT_OFFICIAL, 0);
	person(p, "cjk",
	       "中华人民共和国公安部副部长中华人民共和国公安部副部长中华人民"
	       "共和国公安部副部长",
	       "Vice-Minister", NULL, PARTICIPANT_MINISTER, 0);
	person(p, "unoct", "UN Office of Counter-Terrorism", NULL, NULL,
	       PARTICIPANT_UN_ENTITY, 0);
	programme_index(p);

	s = session(p, "open", "Opening", "hall", 0, 9 * 60, 10 * 60 + 30);
	s->expected = 450;
	s->notes = xstrdup("Doors open 08:30");
	strlist_add(&s->languages, "ar");
	session_add_assignment(s, "b-unranked", ROLE_SPEAKER, NULL);
	session_add_assignment(s, "second", ROLE_SPEAKER, NULL);
	session_add_assignment(s, "chair", ROLE_CHAIR, NULL);
	session_add_assignment(s, "a-unranked", ROLE_SPEAKER, NULL);
	session_add_assignment(s, "first", ROLE_SPEAKER, NULL);
	session_add_assignment(s, "cjk", ROLE_SPEAKER, NULL);
	session_add_assignment(s, "unoct", ROLE_PARTICIPANT, NULL);
	/* Cancelled: shown, but it is not the next session in the room. */
	s = session(p, "gone", "Withdrawn panel", "hall", 0, 10 * 60 + 45,
	            11 * 60 + 30);
	s->status = SESSION_CANCELLED;
	s = session(p, "lunch", "Lunch", "hall", 0, 11 * 60 + 15, 12 * 60);
	/* "first" is in the opening too: a double booking. */
	s = session(p, "bilat", "Bilateral", "side", 0, 10 * 60, 10 * 60 + 20);
	session_add_assignment(s, "first", ROLE_CHAIR, NULL);
	session(p, "close", "Closing", "hall", 1, 15 * 60, 16 * 60);
	programme_sort_sessions(p);
	return p;
}

static char *
sheet(const struct programme *p, struct runsheet_options *o, int *pages)
{
	char *why = NULL;
	char *text = runsheet_text(p, o, pages, &why);

	if (text == NULL)
		fail_msg("runsheet_text: %s", why);
	return text;
}

static void
day1(struct runsheet_options *o)
{
	runsheet_options_init(o);
	o->day = (struct dais_date){2026, 11, 4};
	o->produced = 1793512800; /* 2026-11-01 09:00 in Kuwait */
}

static void
test_protocol_order(void **state)
{
	struct programme *p = sample();
	struct runsheet_options o;
	char *t, *c, *f, *s, *a, *b;

	(void)state;
	day1(&o);
	t = sheet(p, &o, NULL);
	c = strstr(t, "Chair           Zed Chair");
	f = strstr(t, "1. First Ranked");
	s = strstr(t, "2. Second Ranked");
	a = strstr(t, "Alpha Unranked");
	b = strstr(t, "Beta Unranked");
	assert_non_null(c);
	assert_non_null(f);
	assert_non_null(s);
	assert_non_null(a);
	assert_non_null(b);
	/* Chair, then ranked by precedence, then unranked by name. */
	assert_true(c < f && f < s && s < a && a < b);
	assert_non_null(strstr(t, "President, Kuwait"));
	assert_non_null(strstr(t, "Minister of Justice, Kuwait"));
	assert_non_null(strstr(t, "Organisations   UN Office of "
	                          "Counter-Terrorism"));
	free(t);
	programme_free(p);
}

/*
 * The run-sheet lists people in lineup.h's order, the one every public
 * output uses: names that differ in case sort as lineup sorts them, so a
 * printed sheet and the exported calendar never disagree.
 */
static void
test_order_is_lineups(void **state)
{
	struct programme *p = sample();
	struct runsheet_options o;
	struct session *s;
	struct lineup_person *people;
	const char *last = NULL;
	char *t;
	size_t i;

	(void)state;
	person(p, "lower", "alpha lower-case", NULL, NULL, PARTICIPANT_OFFICIAL,
	       0);
	person(p, "upper", "Beta Upper-case", NULL, NULL, PARTICIPANT_OFFICIAL,
	       0);
	programme_index(p);
	s = session(p, "order", "Order test", "side", 1, 9 * 60, 10 * 60);
	session_add_assignment(s, "lower", ROLE_SPEAKER, NULL);
	session_add_assignment(s, "upper", ROLE_SPEAKER, NULL);
	session_add_assignment(s, "first", ROLE_SPEAKER, NULL);
	programme_sort_sessions(p);
	s = &p->sessions[programme_find_session(p, "order", DAIS_TIME_NONE)];
	runsheet_options_init(&o);
	o.day = (struct dais_date){2026, 11, 5};
	o.produced = 1793512800;
	t = sheet(p, &o, NULL);
	people = lineup_of(p, s);
	for (i = 0; i < s->nassign; i++) {
		const char *at = strstr(t, lineup_name(&people[i]));

		assert_non_null(at);
		if (last != NULL)
			assert_true(last < at);
		last = at;
	}
	free(people);
	free(t);
	programme_free(p);
}

static void
test_changeover_and_cancelled(void **state)
{
	struct programme *p = sample();
	struct runsheet_options o;
	char *t, *gone;

	(void)state;
	day1(&o);
	t = sheet(p, &o, NULL);
	/* The cancelled 10:45 panel is skipped: lunch at 11:15 is next. */
	assert_non_null(strstr(t, "Next in room    11:15, 45 min changeover"));
	gone = strstr(t, "*** CANCELLED *** Withdrawn panel");
	assert_non_null(gone);
	assert_non_null(strstr(t, "PLENARY · CANCELLED"));
	assert_non_null(strstr(t, "450 / 600 seats"));
	assert_non_null(strstr(t, "Notes           Doors open 08:30"));
	assert_non_null(strstr(t, "Next in room    none today"));
	assert_null(strstr(t, "Closing"));
	free(t);
	programme_free(p);
}

static void
test_conflict_both_sides(void **state)
{
	struct programme *p = sample();
	struct runsheet_options o;
	char *t, *one, *two;

	(void)state;
	day1(&o);
	t = sheet(p, &o, NULL);
	one = strstr(t, "!! CONFLICT (error): First Ranked is also in "
	                "'Bilateral' 10:00-10:20");
	two = strstr(t, "!! CONFLICT (error): First Ranked is also in "
	                "'Opening' 09:00-10:30");
	assert_non_null(one);
	assert_non_null(two);
	free(t);
	programme_free(p);
}

static void
test_width_and_pages(void **state)
{
	struct programme *p = sample();
	struct runsheet_options o;
	char *t, *line, *save = NULL;
	int pages, n = 0, ff = 0;

	(void)state;
	day1(&o);
	o.page_length = 12;
	t = sheet(p, &o, &pages);
	assert_true(pages > 2);
	for (line = t; *line; line++)
		ff += *line == '\f';
	assert_int_equal(ff, pages - 1);
	assert_non_null(strstr(t, "(continued) 09:00-10:30 Opening"));
	for (line = strtok_r(t, "\n\f", &save); line != NULL;
	     line = strtok_r(NULL, "\n\f", &save)) {
		assert_true(text_width(line) <= 80);
		n++;
	}
	assert_true(n > 12);
	free(t);
	programme_free(p);
}

static void
test_check_lists_choices(void **state)
{
	struct programme *p = sample();
	struct runsheet_options o;
	char *why = NULL;

	(void)state;
	day1(&o);
	o.day = (struct dais_date){2026, 11, 6};
	assert_false(runsheet_check(p, &o, &why));
	assert_non_null(strstr(why, "2026-11-04, 2026-11-05"));
	free(why);
	day1(&o);
	o.room_id = "attic";
	assert_false(runsheet_check(p, &o, &why));
	assert_non_null(strstr(why, "hall, side"));
	free(why);
	day1(&o);
	o.page_length = 11;
	assert_false(runsheet_check(p, &o, &why));
	free(why);
	day1(&o);
	o.all_days = true;
	o.room_id = "side";
	assert_true(runsheet_check(p, &o, &why));
	programme_free(p);
}

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = xmalloc((size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void
test_save_and_print(void **state)
{
	struct programme *p = sample();
	struct runsheet_options o;
	char dir[] = "/tmp/dais-runsheet-XXXXXX", *path, *cmd, *msg = NULL;
	char *want, *got;

	(void)state;
	day1(&o);
	assert_non_null(mkdtemp(dir));
	want = sheet(p, &o, NULL);

	path = xasprintf("%s/sheet.txt", dir);
	assert_true(runsheet_save(p, &o, path, &msg));
	assert_non_null(strstr(msg, "written to"));
	free(msg);
	got = slurp(path);
	assert_string_equal(got, want);
	free(got);
	unlink(path);

	/* What a print command receives is the same sheet. */
	cmd = xasprintf("cat > %s/printed.txt", dir);
	assert_true(runsheet_print(p, &o, cmd, &msg));
	assert_non_null(strstr(msg, "sent to"));
	free(msg);
	free(path);
	path = xasprintf("%s/printed.txt", dir);
	got = slurp(path);
	assert_string_equal(got, want);
	free(got);
	unlink(path);
	free(cmd);

	/* A failing printer: its own words come back, nothing on stderr. */
	assert_false(runsheet_print(
	    p, &o,
	    "cat >/dev/null; echo 'lpr: no default destination' >&2; "
	    "exit 3",
	    &msg));
	assert_non_null(strstr(msg, "no default destination"));
	assert_non_null(strstr(msg, "exit status 3"));
	free(msg);

	free(path);
	free(want);
	rmdir(dir);
	programme_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_protocol_order),
	    cmocka_unit_test(test_order_is_lineups),
	    cmocka_unit_test(test_changeover_and_cancelled),
	    cmocka_unit_test(test_conflict_both_sides),
	    cmocka_unit_test(test_width_and_pages),
	    cmocka_unit_test(test_check_lists_choices),
	    cmocka_unit_test(test_save_and_print),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
