/*
 * test_registry.c: conference.ini, venues.ini and participants.ini through
 * registry_load(): every field of the mini programme, the shipped example,
 * and for each broken copy in tests/fixtures/load-ini/ the diagnostics it
 * must give (level, file, line, words); then iniparser's edges (line
 * length, continuations, CRLF, quoting) on files written here.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "dais/registry.h"
#include "dais/xalloc.h"
#include "helpers.h"

static char *
fixture(const char *name)
{
	const char *dir = getenv("FIXTURES");

	return xasprintf("%s/%s", dir != NULL ? dir : "tests/fixtures", name);
}

struct loaded {
	struct programme *p;
	struct diag_list d;
	bool ok;
};

static void
load_dir(struct loaded *l, const char *dir)
{
	memset(l, 0, sizeof *l);
	l->p = programme_new();
	l->ok = registry_load(l->p, dir, &l->d);
}

static void
unload(struct loaded *l)
{
	programme_free(l->p);
	diag_clear(&l->d);
}

static const struct room *
room(const struct programme *p, const char *id)
{
	const struct room *r = programme_find_room(p, id);

	assert_non_null(r);
	return r;
}

static const struct participant *
person(const struct programme *p, const char *id)
{
	const struct participant *x = programme_find_participant(p, id);

	assert_non_null(x);
	return x;
}

static void
assert_list(const struct strlist *l, const char *joined)
{
	char *s = strlist_join(l, ",");

	assert_string_equal(s, joined);
	free(s);
}

static dais_time
utc(int y, int mo, int d, int h, int mi)
{
	struct dais_date date = {y, mo, d};

	return date_to_days(date) * 86400 + h * 3600 + mi * 60;
}

/* ---- The mini programme, field by field ------------------------------ */

static void
test_mini(void **state)
{
	char *dir = fixture("mini");
	const struct participant *x;
	const struct conference *c;
	const struct room *r;
	struct loaded l;

	(void)state;
	load_dir(&l, dir);
	helper_print_diags(&l.d);
	assert_true(l.ok);
	assert_int_equal(l.d.n, 0);
	c = &l.p->conf;
	assert_string_equal(c->name, "Mini Conference");
	assert_string_equal(c->zone.name, "Asia/Kuwait");
	assert_int_equal(zone_offset(&c->zone, utc(2026, 11, 4, 12, 0)), 10800);
	assert_int_equal(c->ndays, 2);
	assert_int_equal(c->days[0].year, 2026);
	assert_int_equal(c->days[0].month, 11);
	assert_int_equal(c->days[0].day, 4);
	assert_int_equal(c->days[1].day, 5);
	assert_int_equal(c->day_start, 8 * 60);
	assert_int_equal(c->day_end, 22 * 60);
	assert_int_equal(c->changeover, 10);
	assert_list(&c->files, "programme/sessions.ics");
	assert_string_equal(c->new_sessions_file, "programme/sessions.ics");
	assert_list(&c->kinds, "PLENARY,SIDE-SESSION,MINISTERIAL,RECEPTION,"
	                       "BREAK,BILATERAL");
	assert_int_equal(c->severity[CONFLICT_OVER_CAPACITY], SEVERITY_WARNING);
	assert_int_equal(c->severity[CONFLICT_ROOM_DOUBLE_BOOKED],
	                 SEVERITY_ERROR);

	assert_int_equal(l.p->nrooms, 2);
	r = room(l.p, "hall");
	assert_string_equal(r->name, "Plenary Hall");
	assert_string_equal(r->building, "main");
	assert_int_equal(r->capacity, 300);
	assert_list(&r->languages, "ar,en,ru");
	r = room(l.p, "side");
	assert_string_equal(r->name, "Side Room");
	assert_string_equal(r->building, "annex");
	assert_int_equal(r->capacity, 40);
	assert_list(&r->languages, "en");
	assert_null(programme_find_room(l.p, "main"));

	assert_int_equal(l.p->nwalks, 1);
	assert_string_equal(l.p->walks[0].from, "main");
	assert_string_equal(l.p->walks[0].to, "annex");
	assert_int_equal(l.p->walks[0].minutes, 8);
	assert_int_equal(
	    programme_walk_minutes(l.p, room(l.p, "side"), room(l.p, "hall")),
	    8);

	assert_int_equal(l.p->npeople, 4);
	x = person(l.p, "kw");
	assert_string_equal(x->name, "Kuwait");
	assert_string_equal(x->name_local, "الكويت");
	assert_int_equal(x->kind, PARTICIPANT_DELEGATION);
	assert_int_equal(x->delegates, 2);
	assert_null(x->delegation);
	x = person(l.p, "kw-interior");
	assert_string_equal(x->name, "Minister of Interior — Kuwait");
	assert_string_equal(x->name_local, "وزير الداخلية");
	assert_string_equal(x->title, "Minister of Interior");
	assert_int_equal(x->kind, PARTICIPANT_MINISTER);
	assert_string_equal(x->delegation, "kw");
	assert_list(&x->languages, "ar,en");
	assert_int_equal(x->precedence, 1);
	assert_string_equal(x->email, "office@interior.example.kw");
	assert_null(x->phone);
	assert_true(x->arrival == DAIS_TIME_NONE);
	assert_true(x->departure == DAIS_TIME_NONE);
	x = person(l.p, "tj-interior");
	assert_string_equal(x->name, "Министр внутренних дел — Таджикистан");
	assert_null(x->name_local);
	assert_list(&x->languages, "ru,tg");
	/* 10:00 in Kuwait (UTC+3) is 07:00 UTC. */
	assert_true(x->arrival == utc(2026, 11, 4, 7, 0));
	assert_true(x->departure == DAIS_TIME_NONE);
	assert_int_equal(x->precedence, 2);
	assert_null(x->delegation);
	x = person(l.p, "unoct");
	assert_string_equal(x->name, "UN Office of Counter-Terrorism");
	assert_int_equal(x->kind, PARTICIPANT_UN_ENTITY);
	assert_int_equal(x->delegates, 1);
	assert_int_equal(x->precedence, 0);
	assert_null(x->title);
	unload(&l);
	free(dir);
}

/* The example programme that ships loads without a word. */
static void
test_example(void **state)
{
	const char *src = getenv("SRCDIR");
	char *dir = xasprintf("%s/data/kuwait-2026", src != NULL ? src : ".");
	const struct participant *x;
	struct loaded l;

	(void)state;
	load_dir(&l, dir);
	helper_print_diags(&l.d);
	assert_true(l.ok);
	assert_int_equal(l.d.n, 0);
	assert_int_equal(l.p->nrooms, 9);
	assert_int_equal(l.p->npeople, 126);
	assert_int_equal(l.p->nwalks, 1);
	assert_int_equal(l.p->conf.files.n, 4);
	assert_int_equal(l.p->conf.kinds.n, 8);
	assert_string_equal(l.p->conf.new_sessions_file,
	                    "programme/side-sessions.ics");
	x = person(l.p, "tj-interior");
	assert_string_equal(x->name_local, "Вазири корҳои дохилӣ — Тоҷикистон");
	assert_true(x->arrival == utc(2026, 11, 3, 17, 0));
	unload(&l);
	free(dir);
}

/* ---- The broken copies ----------------------------------------------- */

struct expect {
	enum diag_level level;
	const char *file; /* the path ends in it */
	int line;
	const char *words;
};

struct broken {
	const char *dir;
	bool ok; /* registry_load's answer */
	size_t errors, warnings;
	struct expect e[2];
};

#define E DIAG_ERROR
#define W DIAG_WARNING

static const struct broken broken[] = {
    /* Not readable at all. */
    {"missing-venues",
     false,
     1,
     0,
     {{E, "/venues.ini", 0, "No such file or directory"},
      {E, "/venues.ini", 0, "[room.ID]"}}},
    {"bom",
     false,
     1,
     0,
     {{E, "/conference.ini", 1, "byte-order mark"},
      {E, "/conference.ini", 1, "without BOM"}}},
    {"long-line",
     false,
     1,
     0,
     {{E, "/participants.ini", 10, "1110 bytes long"},
      {E, "/participants.ini", 10, "at most 1022 bytes"}}},
    {"no-equals",
     false,
     1,
     0,
     {{E, "/venues.ini", 11, "not a [section], a key = value, or a comment"},
      {E, "/venues.ini", 11, "start the line with ';'"}}},
    {"section-comment",
     false,
     1,
     0,
     {{E, "/venues.ini", 14, "text after the ']' of a section line"}}},
    /* Read, with a warning. */
    {"cut-value",
     true,
     0,
     1,
     {{W, "/participants.ini", 10,
       "title was cut at ';' (read as \"Minister of Interior\")"},
      {W, "/participants.ini", 10, "put it in double quotes"}}},
    {"unclosed-quote",
     true,
     0,
     1,
     {{W, "/participants.ini", 10, "title has no closing quote"}}},
    {"duplicate-key",
     true,
     0,
     1,
     {{W, "/participants.ini", 15,
       "title is given twice in [kw-interior] (lines 10 and 15)"}}},
    {"duplicate-section",
     true,
     0,
     2,
     {{W, "/venues.ini", 20,
       "section [room.side] appears again (first at line 14)"},
      {W, "/venues.ini", 21, "capacity is given twice in [room.side]"}}},
    {"key-outside-section",
     true,
     0,
     1,
     {{W, "/venues.ini", 1, "capacity is outside any section"}}},
    {"comment-continued",
     true,
     0,
     2,
     {{W, "/conference.ini", 10, "this comment ends in '\\'"},
      {W, "/conference.ini", 12, "unknown key over-capacity in [conference]"}}},
    {"unknown-key",
     true,
     0,
     1,
     {{W, "/participants.ini", 28,
       "unknown key titel in [unoct] is ignored: did you mean title?"}}},
    {"unknown-section",
     true,
     0,
     1,
     {{W, "/venues.ini", 20, "unknown section [hall] is ignored"}}},
    {"duplicate-day",
     true,
     0,
     1,
     {{W, "/conference.ini", 5, "lists \"2026-11-05\" twice"}}},
    {"octal-changeover", true, 0, 0, {{E, NULL, 0, NULL}}},
    /* conference.ini */
    {"bad-timezone",
     true,
     1,
     0,
     {{E, "/conference.ini", 4,
       "timezone \"Asia/Kuweit\" is not in the zone database"},
      {E, "/conference.ini", 4, "did you mean \"Asia/Kuwait\"?"}}},
    {"bad-day",
     true,
     1,
     0,
     {{E, "/conference.ini", 5, "\"2026-11-31\" is not a date"}}},
    {"day-end-before-start",
     true,
     1,
     0,
     {{E, "/conference.ini", 7,
       "day-end 07:30 in [conference] is not after day-start 08:00"}}},
    {"bad-clock",
     true,
     1,
     0,
     {{E, "/conference.ini", 6,
       "day-start = \"8am\" in [conference] is not a time of day"}}},
    {"bad-changeover",
     true,
     1,
     0,
     {{E, "/conference.ini", 8,
       "changeover = 300 in [conference] is out of range"},
      {E, "/conference.ini", 8, "from 0 to 240"}}},
    {"no-files",
     true,
     1,
     0,
     {{E, "/conference.ini", 2, "[conference] has no files"}}},
    {"new-sessions-unknown",
     true,
     1,
     0,
     {{E, "/conference.ini", 10,
       "new-sessions = \"programme/new.ics\" in [conference] is not one "
       "of files (programme/sessions.ics)"}}},
    {"bad-conflict-kind",
     true,
     1,
     0,
     {{E, "/conference.ini", 12,
       "over-capasity in [conflicts] is not a conflict kind: did you "
       "mean over-capacity?"}}},
    {"bad-severity",
     true,
     1,
     0,
     {{E, "/conference.ini", 12,
       "over-capacity = \"warn\" in [conflicts] is not a severity"}}},
    {"no-conference-section",
     true,
     1,
     1,
     {{W, "/conference.ini", 2, "unknown section [conferance]"},
      {E, "/conference.ini", 0, "there is no [conference] section"}}},
    {"missing-name",
     true,
     1,
     0,
     {{E, "/conference.ini", 2, "[conference] has no name"}}},
    /* venues.ini */
    {"room-without-name",
     true,
     1,
     0,
     {{E, "/venues.ini", 14, "[room.side] has no name"}}},
    {"unknown-building",
     true,
     1,
     0,
     {{E, "/venues.ini", 16,
       "building = \"annexe\" in [room.side]: there is no "
       "[building.annexe]"}}},
    {"walk-unknown",
     true,
     1,
     0,
     {{E, "/venues.ini", 4,
       "walk.pavilion in [building.main]: there is no "
       "[building.pavilion]"}}},
    {"walk-disagree",
     true,
     1,
     0,
     {{E, "/venues.ini", 7,
       "walk.main = 6 in [building.annex] disagrees with line 3"}}},
    {"bad-integer",
     true,
     1,
     0,
     {{E, "/venues.ini", 11,
       "capacity = \"30O\" in [room.hall] is not a whole number"}}},
    {"negative-capacity",
     true,
     1,
     0,
     {{E, "/venues.ini", 17, "capacity = -40 in [room.side] is out of range"}}},
    {"bad-language",
     true,
     1,
     0,
     {{E, "/venues.ini", 12,
       "languages in [room.hall]: \"AR\" is not a language code"}}},
    {"bad-room-id",
     true,
     1,
     0,
     {{E, "/venues.ini", 14, "[room.Side]: \"Side\" is not an id"},
      {E, "/venues.ini", 14, "write [room.side]"}}},
    /* participants.ini */
    {"bad-participant-id",
     true,
     1,
     0,
     {{E, "/participants.ini", 25, "[un_oct] is not an id"}}},
    {"bad-kind",
     true,
     1,
     0,
     {{E, "/participants.ini", 11,
       "kind = \"minster\" in [kw-interior] is not a kind of "
       "participant: did you mean \"minister\"?"}}},
    {"missing-kind",
     true,
     1,
     0,
     {{E, "/participants.ini", 25, "[unoct] has no kind"}}},
    {"delegation-unknown",
     true,
     1,
     0,
     {{E, "/participants.ini", 20,
       "delegation = \"tj\" in [tj-interior]: there is no [tj]"}}},
    {"delegation-a-person",
     true,
     1,
     0,
     {{E, "/participants.ini", 12,
       "delegation = \"tj-interior\" in [kw-interior] names a minister, "
       "not a group"}}},
    {"bad-arrival",
     true,
     1,
     0,
     {{E, "/participants.ini", 22,
       "arrival = \"04/11/2026 10:00\" in [tj-interior] is not a date "
       "and time"},
      {E, "/participants.ini", 22, "in Asia/Kuwait time"}}},
    {"departure-before-arrival",
     true,
     1,
     0,
     {{E, "/participants.ini", 23,
       "departure 2026-11-04 09:00 in [tj-interior] is not after "
       "arrival 2026-11-04 10:00"}}},
    {"invalid-utf8",
     true,
     1,
     0,
     {{E, "/participants.ini", 26,
       "the value of name is not valid UTF-8 (byte 0xe9"}}},
};

static bool
ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);

	return n >= m && strcmp(s + n - m, tail) == 0;
}

static bool
has_diag(const struct diag_list *d, const struct expect *e)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		const struct diag *x = &d->v[i];

		if (x->level == e->level && x->line == e->line &&
		    x->file != NULL && ends_with(x->file, e->file) &&
		    strstr(x->message, e->words) != NULL)
			return true;
	}
	return false;
}

static void
test_broken(void **state)
{
	size_t i, j;

	(void)state;
	for (i = 0; i < sizeof broken / sizeof *broken; i++) {
		const struct broken *b = &broken[i];
		char *prefix = xasprintf("load-ini/%s", b->dir);
		char *dir = fixture(prefix);
		struct loaded l;

		load_dir(&l, dir);
		print_message("%s:\n", b->dir);
		helper_print_diags(&l.d);
		assert_int_equal(l.ok, b->ok);
		assert_int_equal(diag_count(&l.d, DIAG_ERROR), b->errors);
		assert_int_equal(diag_count(&l.d, DIAG_WARNING), b->warnings);
		for (j = 0; j < 2 && b->e[j].words != NULL; j++)
			assert_true(has_diag(&l.d, &b->e[j]));
		for (j = 0; j < l.d.n; j++)
			assert_true(strstr(l.d.v[j].file, prefix) != NULL);
		unload(&l);
		free(prefix);
		free(dir);
	}
}

/* Leading zeros are decimal, not octal as iniparser_getint has them. */
static void
test_octal(void **state)
{
	char *dir = fixture("load-ini/octal-changeover");
	struct loaded l;

	(void)state;
	load_dir(&l, dir);
	assert_true(l.ok);
	assert_int_equal(l.p->conf.changeover, 10);
	unload(&l);
	free(dir);
}

/* Values read with a warning keep what iniparser read. */
static void
test_warned_values(void **state)
{
	char *dir = fixture("load-ini/cut-value");
	struct loaded l;

	(void)state;
	load_dir(&l, dir);
	assert_string_equal(person(l.p, "kw-interior")->title,
	                    "Minister of Interior");
	unload(&l);
	free(dir);
	dir = fixture("load-ini/duplicate-key");
	load_dir(&l, dir);
	assert_string_equal(person(l.p, "kw-interior")->title,
	                    "Deputy Prime Minister");
	unload(&l);
	free(dir);
	dir = fixture("load-ini/duplicate-day");
	load_dir(&l, dir);
	assert_int_equal(l.p->conf.ndays, 2);
	assert_int_equal(l.p->conf.days[0].day, 4);
	assert_int_equal(l.p->conf.days[1].day, 5);
	unload(&l);
	free(dir);
}

/* ---- Files written here ---------------------------------------------- */

static const char mini_conference[] = "[conference]\n"
                                      "name = \"Mini\"\n"
                                      "timezone = \"Asia/Kuwait\"\n"
                                      "days = \"2026-11-04, 2026-11-05\"\n"
                                      "files = \"programme/sessions.ics\"\n";
static const char mini_venues[] = "[room.hall]\nname = \"Hall\"\n";
static const char mini_people[] = "[kw]\nname = \"Kuwait\"\n"
                                  "kind = \"delegation\"\n";

static const char *const ini_names[] = {"conference.ini", "venues.ini",
                                        "participants.ini"};

static void
write_file(const char *dir, const char *name, const char *text, size_t len)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	free(path);
}

/*
 * Loads a programme whose file `name` holds len bytes of text and whose
 * other two files are minimal and valid, then removes it.
 */
static void
load_bytes(struct loaded *l, const char *name, const char *text, size_t len)
{
	const char *texts[] = {mini_conference, mini_venues, mini_people};
	char tmpl[] = "/tmp/dais-registry-XXXXXX";
	char *dir = mkdtemp(tmpl);
	size_t i;

	assert_non_null(dir);
	for (i = 0; i < 3; i++) {
		if (strcmp(ini_names[i], name) == 0)
			write_file(dir, ini_names[i], text, len);
		else
			write_file(dir, ini_names[i], texts[i],
			           strlen(texts[i]));
	}
	load_dir(l, dir);
	helper_print_diags(&l->d);
	for (i = 0; i < 3; i++) {
		char *path = xasprintf("%s/%s", dir, ini_names[i]);

		assert_int_equal(unlink(path), 0);
		free(path);
	}
	assert_int_equal(rmdir(dir), 0);
}

static void
load_text(struct loaded *l, const char *name, const char *text)
{
	load_bytes(l, name, text, strlen(text));
}

/* The one diagnostic of l: its level, line and words. */
static void
assert_one(const struct loaded *l, enum diag_level level, int line,
           const char *words)
{
	assert_int_equal(l->d.n, 1);
	assert_int_equal(l->d.v[0].level, level);
	assert_int_equal(l->d.v[0].line, line);
	assert_non_null(strstr(l->d.v[0].message, words));
}

/* iniparser reads 1 022 bytes a line (1 023 with the newline). */
static void
test_line_length(void **state)
{
	const char *head = "[kw]\nname = \"Kuwait\"\nkind = \"delegation\"\n";
	size_t n;
	struct loaded l;
	char *text, *title;

	(void)state;
	for (n = 1022; n <= 1023; n++) {
		title = xmalloc(n + 1);
		memset(title, 'x', n);
		memcpy(title, "title = \"", 9);
		title[n - 1] = '"';
		title[n] = '\0';
		text = xasprintf("%s%s\nprecedence = 3\n", head, title);
		load_text(&l, "participants.ini", text);
		if (n == 1022) {
			assert_true(l.ok);
			assert_int_equal(l.d.n, 0);
			assert_int_equal(strlen(person(l.p, "kw")->title),
			                 n - 10);
			assert_int_equal(person(l.p, "kw")->precedence, 3);
		} else {
			assert_false(l.ok);
			assert_one(&l, DIAG_ERROR, 4, "1023 bytes long");
			assert_int_equal(l.p->npeople, 0);
		}
		unload(&l);
		free(text);
		free(title);
	}
}

/*
 * iniparser reads a big file in runs of sections, one dictionary each
 * (registry_ini.c): values, lines and a section given again in a later
 * run come out as from one reading of the whole file.
 */
static void
test_many_sections(void **state)
{
	struct loaded l;
	char *text = xstrdup(""), *more;
	int i;

	(void)state;
	for (i = 0; i < 600; i++) {
		more = xasprintf("%s[p%03d]\nname = \"Person %d\"\n"
		                 "kind = \"official\"\nprecedence = %d\n",
		                 text, i, i, i + 1);
		free(text);
		text = more;
	}
	/* Line 2 401: [p000] again, its title set there; line 2 404 an
	 * unknown kind in the last section. */
	more = xasprintf("%s[p000]\ntitle = \"Chair\"\n[p600]\nname = "
	                 "\"Last\"\nkind = \"ministre\"\n",
	                 text);
	free(text);
	text = more;
	load_text(&l, "participants.ini", text);
	helper_print_diags(&l.d);
	assert_int_equal(l.p->npeople, 601);
	assert_string_equal(person(l.p, "p000")->title, "Chair");
	assert_string_equal(person(l.p, "p000")->name, "Person 0");
	assert_int_equal(person(l.p, "p299")->precedence, 300);
	assert_string_equal(person(l.p, "p599")->name, "Person 599");
	assert_int_equal(l.d.n, 2);
	assert_int_equal(l.d.v[0].line, 2401);
	assert_non_null(strstr(l.d.v[0].message, "[p000] appears again"));
	assert_int_equal(l.d.v[1].line, 2405);
	assert_non_null(strstr(l.d.v[1].message, "ministre"));
	unload(&l);
	free(text);
}

/* CR LF line ends read as LF ones do. */
static void
test_crlf(void **state)
{
	struct loaded l;

	(void)state;
	load_text(&l, "conference.ini",
	          "; written on Windows\r\n[conference]\r\n"
	          "name = \"Mini\"\r\ntimezone = \"Asia/Kuwait\"\r\n"
	          "days = \"2026-11-04\"\r\nchangeover = 5\r\n"
	          "files = \"a.ics, b.ics\"\r\n");
	assert_true(l.ok);
	assert_int_equal(l.d.n, 0);
	assert_string_equal(l.p->conf.name, "Mini");
	assert_int_equal(l.p->conf.changeover, 5);
	assert_list(&l.p->conf.files, "a.ics,b.ics");
	unload(&l);
}

/* A '\' at the end joins the next line, and later lines keep their
 * numbers. */
static void
test_continuation(void **state)
{
	struct loaded l;

	(void)state;
	load_text(&l, "participants.ini",
	          "[kw]\nname = \"Kuwait\"\n"
	          "title = \"Delegation of the \\\n State of Kuwait\"\n"
	          "kind = \"delegaton\"\n");
	assert_string_equal(person(l.p, "kw")->title,
	                    "Delegation of the  State of Kuwait");
	assert_one(&l, DIAG_ERROR, 5, "did you mean \"delegation\"?");
	unload(&l);

	load_text(&l, "participants.ini",
	          "[kw]\nname = \"Kuwait\"\nkind = \"delegation\"\n"
	          "precedence = 3 \\\n");
	assert_true(l.ok);
	assert_one(&l, DIAG_WARNING, 4, "the file ends there");
	assert_int_equal(person(l.p, "kw")->precedence, 0);
	unload(&l);
}

static void
test_nul_byte(void **state)
{
	static const char text[] = "[room.hall]\nname = \"Ha\0ll\"\n";
	struct loaded l;

	(void)state;
	load_bytes(&l, "venues.ini", text, sizeof text - 1);
	assert_false(l.ok);
	assert_one(&l, DIAG_ERROR, 2, "NUL byte");
	unload(&l);
}

/* Any script is welcome; bytes that are not UTF-8 are not. */
static void
test_utf8(void **state)
{
	static const struct {
		const char *name;
		bool valid;
	} cases[] = {
	    {"Министр — 部长 — وزير — 🇰🇼", true},
	    {"caf\xe9", false},          /* Latin-1 */
	    {"\xc0\xaf", false},         /* overlong '/' */
	    {"\xed\xa0\x80", false},     /* a UTF-16 surrogate */
	    {"\xf4\x90\x80\x80", false}, /* past U+10FFFF */
	    {"\xe2\x80", false},         /* cut short */
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *text = xasprintf("[kw]\nname = \"%s\"\n"
		                       "kind = \"delegation\"\n",
		                       cases[i].name);
		struct loaded l;

		load_text(&l, "participants.ini", text);
		if (cases[i].valid) {
			assert_int_equal(l.d.n, 0);
			assert_string_equal(person(l.p, "kw")->name,
			                    cases[i].name);
		} else {
			assert_true(l.ok);
			assert_one(&l, DIAG_ERROR, 2, "is not valid UTF-8");
			assert_null(person(l.p, "kw")->name);
		}
		unload(&l);
		free(text);
	}
}

/* A long value shows only the 40 bytes before the bad one. */
static void
test_utf8_context(void **state)
{
	struct loaded l;

	(void)state;
	load_text(&l, "participants.ini",
	          "[kw]\nkind = \"delegation\"\nname = \"Delegation of the "
	          "State of Kuwait to the Conference \xff\"\n");
	assert_one(&l, DIAG_ERROR, 3,
	           "(byte 0xff after \"...f the State of Kuwait to the "
	           "Conference \")");
	unload(&l);
}

static void
test_quotes(void **state)
{
	struct loaded l;

	(void)state;
	load_text(&l, "participants.ini",
	          "[kw]\nname = \"Kuwait\" ; a comment\n"
	          "title = \"Head of Delegation; Kuwait # 1\"\n"
	          "phone = '+965; ext. 2'\n"
	          "email = \"\"\n"
	          "kind = \"delegation\"\n");
	assert_int_equal(l.d.n, 0);
	assert_string_equal(person(l.p, "kw")->name, "Kuwait");
	assert_string_equal(person(l.p, "kw")->title,
	                    "Head of Delegation; Kuwait # 1");
	assert_string_equal(person(l.p, "kw")->phone, "+965; ext. 2");
	assert_null(person(l.p, "kw")->email);
	unload(&l);

	load_text(
	    &l, "participants.ini",
	    "[kw]\nname = \"Kuwait\" (State of)\nkind = \"delegation\"\n");
	assert_true(l.ok);
	assert_one(&l, DIAG_WARNING, 2,
	           "text after the closing quote of name is ignored");
	assert_string_equal(person(l.p, "kw")->name, "Kuwait");
	unload(&l);
}

/* Keys fold to lower case; ids do not. */
static void
test_case(void **state)
{
	struct loaded l;

	(void)state;
	load_text(&l, "participants.ini",
	          "[kw]\nName = \"Kuwait\"\nKIND = \"delegation\"\n");
	assert_int_equal(l.d.n, 0);
	assert_string_equal(person(l.p, "kw")->name, "Kuwait");
	unload(&l);

	load_text(&l, "participants.ini",
	          "[KW]\nname = \"Kuwait\"\nkind = \"delegation\"\n");
	assert_one(&l, DIAG_ERROR, 1,
	           "[KW] is not an id: ids are lowercase; "
	           "write [kw]");
	unload(&l);
}

static void
test_hours(void **state)
{
	static const struct {
		const char *start, *end;
		int line, want_start, want_end;
		const char *words;
	} cases[] = {
	    {"00:00", "24:00", 0, 0, 1440, NULL},
	    {"7:30", "23:59", 0, 450, 1439, NULL},
	    {"08:00", "24:30", 7, 0, 0, "is not a time of day"},
	    {"24:00", "24:00", 6, 0, 0, "too late: the latest is 23:59"},
	    {"08:00", "08:00", 7, 0, 0, "is not after day-start 08:00"},
	    {"08:60", "22:00", 6, 0, 0, "is not a time of day"},
	    {"0800", "22:00", 6, 0, 0, "write HH:MM"},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *text =
		    xasprintf("%sday-start = \"%s\"\nday-end = \"%s\"\n",
		              mini_conference, cases[i].start, cases[i].end);
		struct loaded l;

		load_text(&l, "conference.ini", text);
		if (cases[i].words == NULL) {
			assert_int_equal(l.d.n, 0);
			assert_int_equal(l.p->conf.day_start,
			                 cases[i].want_start);
			assert_int_equal(l.p->conf.day_end, cases[i].want_end);
		} else {
			assert_one(&l, DIAG_ERROR, cases[i].line,
			           cases[i].words);
		}
		unload(&l);
		free(text);
	}
}

static void
test_integers(void **state)
{
	static const struct {
		const char *value;
		int want;
		const char *words;
	} cases[] = {
	    {"0", 0, NULL},
	    {"007", 7, NULL},
	    {"\"600\"", 600, NULL},
	    {"+12", 12, NULL},
	    {"1000000", 1000000, NULL},
	    {"1000001", 0, "out of range"},
	    {"99999999999999999999", 0, "out of range"},
	    {"-1", 0, "from 0 to 1000000"},
	    {"0x10", 0, "not a whole number"},
	    {"12 seats", 0, "not a whole number"},
	    {"1e3", 0, "not a whole number"},
	    {"\"\"", 0, "not a whole number"},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *text = xasprintf("[room.hall]\nname = \"Hall\"\n"
		                       "capacity = %s\n",
		                       cases[i].value);
		struct loaded l;

		load_text(&l, "venues.ini", text);
		if (cases[i].words == NULL) {
			assert_int_equal(l.d.n, 0);
			assert_int_equal(room(l.p, "hall")->capacity,
			                 cases[i].want);
		} else {
			assert_one(&l, DIAG_ERROR, 3, cases[i].words);
		}
		unload(&l);
		free(text);
	}
}

static void
test_timezones(void **state)
{
	static const struct {
		const char *zone, *words;
	} cases[] = {
	    {"Kuwait", "did you mean \"Asia/Kuwait\"?"},
	    {"asia/kuwait", "did you mean \"Asia/Kuwait\"?"},
	    {"Mars/Olympus_Mons", "write an IANA zone name such as "
	                          "\"Asia/Kuwait\""},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *text = xasprintf("[conference]\nname = \"Mini\"\n"
		                       "timezone = \"%s\"\n"
		                       "days = \"2026-11-04\"\n"
		                       "files = \"a.ics\"\n",
		                       cases[i].zone);
		struct loaded l;

		load_text(&l, "conference.ini", text);
		assert_one(&l, DIAG_ERROR, 3, cases[i].words);
		unload(&l);
		free(text);
	}
}

/* Offsets come from the zone database for the conference's years: a
 * London conference across the clock change in March. */
static void
test_zone_offsets(void **state)
{
	struct loaded l;

	(void)state;
	load_text(&l, "conference.ini",
	          "[conference]\nname = \"Spring\"\n"
	          "timezone = \"Europe/London\"\n"
	          "days = \"2026-03-30, 2026-03-28\"\nfiles = \"a.ics\"\n");
	assert_int_equal(l.d.n, 0);
	assert_int_equal(l.p->conf.days[0].day, 28);
	assert_int_equal(l.p->conf.days[1].day, 30);
	assert_int_equal(zone_offset(&l.p->conf.zone, utc(2026, 3, 28, 10, 0)),
	                 0);
	assert_int_equal(zone_offset(&l.p->conf.zone, utc(2026, 3, 30, 10, 0)),
	                 3600);
	assert_int_equal(zone_offset(&l.p->conf.zone, utc(2027, 7, 1, 10, 0)),
	                 3600);
	unload(&l);
}

static void
test_lists(void **state)
{
	struct loaded l;

	(void)state;
	load_text(&l, "venues.ini",
	          "[room.hall]\nname = \"Hall\"\n"
	          "languages = \"ar,, en, zh-hans, ar\"\n");
	assert_true(l.ok);
	assert_int_equal(diag_count(&l.d, DIAG_WARNING), 2);
	assert_int_equal(diag_count(&l.d, DIAG_ERROR), 0);
	assert_non_null(strstr(l.d.v[0].message, "empty item"));
	assert_non_null(strstr(l.d.v[1].message, "lists \"ar\" twice"));
	assert_list(&room(l.p, "hall")->languages, "ar,en,zh-hans");
	unload(&l);

	load_text(&l, "conference.ini",
	          "[conference]\nname = \"Mini\"\ntimezone = \"Asia/Kuwait\"\n"
	          "days = \"2026-11-04\"\nfiles = \"a.ics, b.ics\"\n"
	          "new-sessions = \"b.ics\"\n"
	          "kinds = \"PLENARY, Press, press\"\n");
	assert_one(&l, DIAG_WARNING, 7, "lists Press and press");
	assert_string_equal(l.p->conf.new_sessions_file, "b.ics");
	assert_list(&l.p->conf.kinds, "PLENARY,Press,press");
	unload(&l);

	load_text(&l, "conference.ini",
	          "[conference]\nname = \"Mini\"\ntimezone = \"Asia/Kuwait\"\n"
	          "days = \"2026-11-04\"\nfiles = \"/srv/a.ics\"\n");
	assert_one(&l, DIAG_ERROR, 5, "is an absolute path");
	unload(&l);

	load_text(&l, "conference.ini",
	          "[conference]\nname = \"Mini\"\ntimezone = \"Asia/Kuwait\"\n"
	          "days = \" , \"\nfiles = \"a.ics\"\n");
	assert_int_equal(l.d.n, 2);
	assert_non_null(strstr(l.d.v[0].message, "has an empty item"));
	assert_int_equal(l.d.v[1].level, DIAG_ERROR);
	assert_int_equal(l.d.v[1].line, 4);
	assert_non_null(strstr(l.d.v[1].message, "lists no date"));
	unload(&l);

	load_text(&l, "conference.ini",
	          "[conference]\nname = \"Mini\"\ntimezone = \"Asia/Kuwait\"\n"
	          "days = \"\"\nfiles = \"a.ics\"\n");
	assert_one(&l, DIAG_ERROR, 4, "days in [conference] is empty");
	unload(&l);
}

static void
test_severities(void **state)
{
	struct loaded l;
	char *text = xasprintf("%s[conflicts]\ntight-changeover = off\n"
	                       "over-capacity = \"error\"\n"
	                       "ROOM-DOUBLE-BOOKED = warning\n",
	                       mini_conference);

	(void)state;
	load_text(&l, "conference.ini", text);
	assert_int_equal(l.d.n, 0);
	assert_int_equal(l.p->conf.severity[CONFLICT_TIGHT_CHANGEOVER],
	                 SEVERITY_OFF);
	assert_int_equal(l.p->conf.severity[CONFLICT_OVER_CAPACITY],
	                 SEVERITY_ERROR);
	assert_int_equal(l.p->conf.severity[CONFLICT_ROOM_DOUBLE_BOOKED],
	                 SEVERITY_WARNING);
	assert_int_equal(l.p->conf.severity[CONFLICT_OUTSIDE_HOURS],
	                 SEVERITY_WARNING);
	unload(&l);
	free(text);
}

static void
test_walks(void **state)
{
	struct loaded l;

	(void)state;
	/* Given on both sides, the same: one walk, no word. */
	load_text(&l, "venues.ini",
	          "[building.a]\nwalk.b = 4\n[building.b]\nwalk.a = 4\n"
	          "[room.hall]\nname = \"Hall\"\nbuilding = \"b\"\n");
	assert_int_equal(l.d.n, 0);
	assert_int_equal(l.p->nwalks, 1);
	unload(&l);

	load_text(&l, "venues.ini",
	          "[building.a]\nwalk.a = 4\n[room.hall]\nname = \"Hall\"\n");
	assert_one(&l, DIAG_ERROR, 2, "from the building to itself");
	unload(&l);

	load_text(&l, "venues.ini",
	          "[building.a]\nfloor = 2\n[room.hall]\nname = \"Hall\"\n");
	assert_one(&l, DIAG_WARNING, 2, "unknown key floor in [building.a]");
	unload(&l);
}

static void
test_empty_files(void **state)
{
	struct loaded l;

	(void)state;
	load_text(&l, "venues.ini", "");
	assert_true(l.ok);
	assert_one(&l, DIAG_WARNING, 0, "the file is empty");
	unload(&l);

	load_text(&l, "participants.ini", "; nobody yet\n");
	assert_true(l.ok);
	assert_one(&l, DIAG_WARNING, 0, "no participant is defined");
	unload(&l);
}

static void
test_not_a_directory(void **state)
{
	struct loaded l;

	(void)state;
	load_dir(&l, "/nonexistent/programme");
	assert_false(l.ok);
	assert_int_equal(l.d.n, 1);
	assert_string_equal(l.d.v[0].file, "/nonexistent/programme");
	assert_non_null(strstr(l.d.v[0].message, "No such file"));
	unload(&l);
}

/* A delegation defined after its members, and a member naming itself. */
static void
test_delegation_order(void **state)
{
	struct loaded l;

	(void)state;
	load_text(&l, "participants.ini",
	          "[kw-interior]\nname = \"Minister\"\nkind = \"minister\"\n"
	          "delegation = \"kw\"\n"
	          "[kw]\nname = \"Kuwait\"\nkind = \"delegation\"\n");
	assert_int_equal(l.d.n, 0);
	unload(&l);

	load_text(&l, "participants.ini",
	          "[kw]\nname = \"Kuwait\"\nkind = \"delegation\"\n"
	          "delegation = \"kw\"\n");
	assert_one(&l, DIAG_ERROR, 4, "names the entry itself");
	unload(&l);

	load_text(&l, "participants.ini",
	          "[kw]\nname = \"Kuwait\"\nkind = \"delegation\"\n"
	          "delegation = \"Kuwait State\"\n");
	assert_one(&l, DIAG_ERROR, 4, "is not an id");
	unload(&l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_mini),
	    cmocka_unit_test(test_example),
	    cmocka_unit_test(test_broken),
	    cmocka_unit_test(test_octal),
	    cmocka_unit_test(test_warned_values),
	    cmocka_unit_test(test_line_length),
	    cmocka_unit_test(test_many_sections),
	    cmocka_unit_test(test_crlf),
	    cmocka_unit_test(test_continuation),
	    cmocka_unit_test(test_nul_byte),
	    cmocka_unit_test(test_utf8),
	    cmocka_unit_test(test_utf8_context),
	    cmocka_unit_test(test_quotes),
	    cmocka_unit_test(test_case),
	    cmocka_unit_test(test_hours),
	    cmocka_unit_test(test_integers),
	    cmocka_unit_test(test_timezones),
	    cmocka_unit_test(test_zone_offsets),
	    cmocka_unit_test(test_lists),
	    cmocka_unit_test(test_severities),
	    cmocka_unit_test(test_walks),
	    cmocka_unit_test(test_empty_files),
	    cmocka_unit_test(test_not_a_directory),
	    cmocka_unit_test(test_delegation_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
