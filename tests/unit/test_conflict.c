/*
 * test_conflict.c: the conflict engine (conflict.h) on programmes built in
 * memory: every kind, the half-open and zero-length rules, cancelled
 * sessions, midnight, a 500-person plenary, delegation stretches, severity
 * settings, the order of the list, and the time of a 25 000-session check.
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "conflict_internal.h" /* conflict_space_fallbacks */
#include "dais/conflict.h"
#include "dais/model.h"
#include "dais/xalloc.h"

/* ---- A programme in memory ------------------------------------------ */

static const struct dais_date day1 = {2026, 11, 4};
static const struct dais_date day2 = {2026, 11, 5};

/* Kuwait (UTC+3), 4-5 November, 08:00-22:00, 10 min changeover, and the
 * default severities of programme_new(). */
static struct programme *
prog(void)
{
	struct programme *p = programme_new();

	zone_free(&p->conf.zone);
	zone_init_fixed(&p->conf.zone, "Asia/Kuwait", 3 * 3600);
	p->conf.name = xstrdup("Dushanbe Process: Kuwait Phase");
	p->conf.days = xcalloc(2, sizeof *p->conf.days);
	p->conf.days[0] = day1;
	p->conf.days[1] = day2;
	p->conf.ndays = 2;
	p->conf.day_start = 8 * 60;
	p->conf.day_end = 22 * 60;
	p->conf.changeover = 10;
	return p;
}

/* The instant of local hh:mm on day 1 or 2 (3 is 6 November). */
static dais_time
at(const struct programme *p, int day, int hh, int mm)
{
	struct dais_date d = day == 1 ? day1 : day == 2 ? day2 : day2;
	dais_time t = time_at(&p->conf.zone, d, hh * 60 + mm);

	return day == 3 ? t + 86400 : t;
}

static struct room *
room(struct programme *p, const char *id, const char *name,
     const char *building, int capacity, const char *langs)
{
	struct room *r = programme_add_room(p);
	char *copy, *tok, *save = NULL;

	r->id = xstrdup(id);
	r->name = xstrdup(name);
	r->building = xstrdup(building);
	r->capacity = capacity;
	if (langs != NULL) {
		copy = xstrdup(langs);
		for (tok = strtok_r(copy, ",", &save); tok != NULL;
		     tok = strtok_r(NULL, ",", &save))
			strlist_add(&r->languages, tok);
		free(copy);
	}
	return r;
}

static void
walk(struct programme *p, const char *from, const char *to, int minutes)
{
	struct walk *w = programme_add_walk(p);

	w->from = xstrdup(from);
	w->to = xstrdup(to);
	w->minutes = minutes;
}

static struct participant *
person(struct programme *p, const char *id, const char *name,
       enum participant_kind kind, const char *delegation)
{
	struct participant *x = programme_add_participant(p);

	x->id = xstrdup(id);
	x->name = xstrdup(name);
	x->kind = kind;
	x->delegation = xstrdup(delegation);
	return x;
}

/* Adds a session and returns its index (pointers move as the array grows). */
static size_t
session(struct programme *p, const char *uid, const char *title,
        const char *room_id, int day, int h1, int m1, int h2, int m2)
{
	struct session *s = programme_add_session(p);

	s->uid = xstrdup(uid);
	s->title = xstrdup(title);
	s->kind = xstrdup("SIDE-SESSION");
	s->room_id = xstrdup(room_id);
	s->start = at(p, day, h1, m1);
	s->end = at(p, day, h2, m2);
	return p->nsessions - 1;
}

static void
assign(struct programme *p, size_t si, const char *id)
{
	session_add_assignment(&p->sessions[si], id, ROLE_PARTICIPANT, NULL);
}

/* A whole check, whose working arrays all fit the block it sized for
 * them: a piece that did not would come from malloc, on fresh pages. */
static void
check_in_block(const struct programme *p, struct conflict_list *cl)
{
	size_t before = conflict_space_fallbacks();

	conflict_check(p, cl);
	assert_int_equal(conflict_space_fallbacks(), before);
}

static void
run(struct programme *p, struct conflict_list *cl)
{
	programme_index(p);
	memset(cl, 0, sizeof *cl);
	check_in_block(p, cl);
}

static size_t
count_kind(const struct conflict_list *cl, enum conflict_kind kind)
{
	size_t i, n = 0;

	for (i = 0; i < cl->n; i++)
		n += cl->v[i].kind == kind;
	return n;
}

/* The i-th conflict of a kind, in list order; fails when there is none. */
static const struct conflict *
nth(const struct conflict_list *cl, enum conflict_kind kind, size_t i)
{
	size_t k;

	for (k = 0; k < cl->n; k++)
		if (cl->v[k].kind == kind && i-- == 0)
			return &cl->v[k];
	fail_msg("no conflict #%zu of kind %s", i, conflict_kind_name(kind));
	return NULL;
}

static void
assert_pair(const struct conflict *c, size_t a, size_t b)
{
	assert_int_equal(c->nsessions, 2);
	assert_int_equal(c->sessions[0], a);
	assert_int_equal(c->sessions[1], b);
}

static void
assert_span(const struct programme *p, const struct conflict *c, int day,
            int h1, int m1, int h2, int m2)
{
	assert_true(c->start == at(p, day, h1, m1));
	assert_true(c->end == at(p, day, h2, m2));
}

static void
assert_ids(const struct conflict *c, const char *room_id,
           const char *participant_id)
{
	if (room_id == NULL)
		assert_null(c->room_id);
	else
		assert_string_equal(c->room_id, room_id);
	if (participant_id == NULL)
		assert_null(c->participant_id);
	else
		assert_string_equal(c->participant_id, participant_id);
}

/* ---- Double bookings and the interval rules -------------------------- */

static void
test_touching_intervals_do_not_clash(void **state)
{
	struct programme *p = prog();
	struct conflict_list cl;
	size_t a, b;

	(void)state;
	room(p, "hall", "Main Plenary Hall", "main", 600, NULL);
	person(p, "kw-interior", "Minister of Interior — Kuwait",
	       PARTICIPANT_MINISTER, NULL);
	a = session(p, "a", "Opening plenary", "hall", 1, 9, 0, 10, 0);
	b = session(p, "b", "Ministerial segment", "hall", 1, 10, 0, 11, 0);
	assign(p, a, "kw-interior");
	assign(p, b, "kw-interior");
	p->conf.changeover = 0;
	run(p, &cl);
	assert_int_equal(cl.n, 0);
	conflict_list_clear(&cl);

	/* With a changeover, the same pair is tight, never double-booked. */
	p->conf.changeover = 10;
	run(p, &cl);
	assert_int_equal(cl.n, 2);
	assert_int_equal(count_kind(&cl, CONFLICT_TIGHT_CHANGEOVER), 2);
	assert_int_equal(count_kind(&cl, CONFLICT_ROOM_DOUBLE_BOOKED), 0);
	conflict_list_clear(&cl);
	programme_free(p);
}

static void
test_identical_slots(void **state)
{
	struct programme *p = prog();
	struct conflict_list cl;
	const struct conflict *c;
	size_t a, b;

	(void)state;
	room(p, "hall", "Main Plenary Hall", "main", 600, NULL);
	person(p, "kw-interior", "Minister of Interior — Kuwait",
	       PARTICIPANT_MINISTER, NULL);
	a = session(p, "a", "Opening plenary", "hall", 1, 10, 0, 10, 30);
	b = session(p, "b", "Side session on border data", "hall", 1, 10, 0, 10,
	            30);
	assign(p, a, "kw-interior");
	session_add_assignment(&p->sessions[b], "kw-interior", ROLE_CHAIR,
	                       "Minister of Interior — Kuwait");
	run(p, &cl);
	assert_int_equal(cl.n, 2);

	c = &cl.v[0];
	assert_int_equal(c->kind, CONFLICT_ROOM_DOUBLE_BOOKED);
	assert_int_equal(c->severity, SEVERITY_ERROR);
	assert_pair(c, a, b);
	assert_span(p, c, 1, 10, 0, 10, 30);
	assert_ids(c, "hall", NULL);
	assert_string_equal(c->message,
	                    "Main Plenary Hall is booked for 'Opening plenary' "
	                    "and 'Side session on border data' at once, "
	                    "10:00-10:30.");

	c = &cl.v[1];
	assert_int_equal(c->kind, CONFLICT_PARTICIPANT_DOUBLE_BOOKED);
	assert_int_equal(c->severity, SEVERITY_ERROR);
	assert_pair(c, a, b);
	assert_span(p, c, 1, 10, 0, 10, 30);
	assert_ids(c, NULL, "kw-interior");
	assert_string_equal(c->message,
	                    "Minister of Interior — Kuwait is in 'Opening "
	                    "plenary' and 'Side session on border data' at "
	                    "once, 10:00-10:30.");
	/* The strings are the programme's own, not copies. */
	assert_ptr_equal(cl.v[0].room_id, p->sessions[a].room_id);
	assert_ptr_equal(cl.v[1].participant_id, p->people[0].id);
	assert_true(conflict_involves(c, a));
	assert_true(conflict_involves(c, b));
	conflict_list_clear(&cl);
	programme_free(p);
}

static void
test_nested_sessions(void **state)
{
	struct programme *p = prog();
	struct conflict_list cl;
	size_t outer, mid, inner;

	(void)state;
	room(p, "hall", "Main Plenary Hall", "main", 600, NULL);
	outer = session(p, "o", "Outer", "hall", 1, 9, 0, 12, 0);
	mid = session(p, "m", "Middle", "hall", 1, 9, 30, 11, 30);
	inner = session(p, "i", "Inner", "hall", 1, 10, 0, 10, 45);
	run(p, &cl);
	assert_int_equal(cl.n, 3);
	assert_pair(&cl.v[0], outer, mid);
	assert_span(p, &cl.v[0], 1, 9, 30, 11, 30);
	assert_pair(&cl.v[1], outer, inner);
	assert_span(p, &cl.v[1], 1, 10, 0, 10, 45);
	assert_pair(&cl.v[2], mid, inner);
	assert_span(p, &cl.v[2], 1, 10, 0, 10, 45);
	conflict_list_clear(&cl);
	programme_free(p);
}

static void
test_zero_length_sessions(void **state)
{
	struct programme *p = prog();
	struct conflict_list cl;
	size_t before, photo, photo2, talk, late;

	(void)state;
	room(p, "hall", "Main Plenary Hall", "main", 600, NULL);
	before = session(p, "b", "Before", "hall", 1, 9, 0, 10, 0);
	photo = session(p, "p", "Family photo", "hall", 1, 10, 0, 10, 0);
	photo2 = session(p, "q", "Press call", "hall", 1, 10, 0, 10, 0);
	talk = session(p, "t", "Talk", "hall", 1, 10, 0, 11, 0);
	late = session(p, "l", "Signing", "hall", 1, 11, 0, 11, 0);
	p->conf.changeover = 0;
	run(p, &cl);
	/* The instant 10:00 is inside [10:00, 11:00), not inside [9:00,
	 * 10:00); two instants at 10:00 clash; 11:00 is after the talk. */
	assert_int_equal(cl.n, 3);
	assert_int_equal(count_kind(&cl, CONFLICT_ROOM_DOUBLE_BOOKED), 3);
	assert_pair(&cl.v[0], photo, photo2);
	assert_span(p, &cl.v[0], 1, 10, 0, 10, 0);
	assert_string_equal(cl.v[0].message,
	                    "Main Plenary Hall is booked for 'Family photo' "
	                    "and 'Press call' at once, at 10:00.");
	assert_pair(&cl.v[1], photo, talk);
	assert_span(p, &cl.v[1], 1, 10, 0, 10, 0);
	assert_pair(&cl.v[2], photo2, talk);
	(void)before;
	(void)late;
	conflict_list_clear(&cl);
	programme_free(p);
}

static void
test_cancelled_sessions_take_part_in_nothing(void **state)
{
	struct programme *p = prog();
	struct conflict_list cl;
	size_t a, b, c;

	(void)state;
	room(p, "side-b", "Side Event Room B", "main", 10, "en");
	person(p, "qa-interior", "Minister of Interior — Qatar",
	       PARTICIPANT_MINISTER, NULL);
	p->people[0].arrival = at(p, 2, 12, 0);
	a = session(p, "a", "SCO RATS and CICA", "side-b", 1, 11, 0, 12, 0);
	b = session(p, "b", "GCC maritime security", "side-b", 1, 11, 0, 12, 0);
	c = session(p, "c", "Night session", "nowhere", 1, 6, 0, 23, 0);
	assign(p, a, "qa-interior");
	assign(p, b, "qa-interior");
	assign(p, c, "ghost");
	p->sessions[b].expected = 500;
	strlist_add(&p->sessions[b].languages, "zh");
	p->sessions[b].status = SESSION_CANCELLED;
	p->sessions[c].status = SESSION_CANCELLED;
	run(p, &cl);
	/* Only what session a does alone: its member arrives late. */
	assert_int_equal(cl.n, 1);
	assert_int_equal(cl.v[0].kind, CONFLICT_OUTSIDE_AVAILABILITY);
	assert_int_equal(cl.v[0].nsessions, 1);
	assert_int_equal(cl.v[0].sessions[0], a);
	conflict_list_clear(&cl);

	/* Confirmed again, b clashes in every way it can. */
	p->sessions[b].status = SESSION_TENTATIVE;
	run(p, &cl);
	assert_int_equal(count_kind(&cl, CONFLICT_ROOM_DOUBLE_BOOKED), 1);
	assert_int_equal(count_kind(&cl, CONFLICT_PARTICIPANT_DOUBLE_BOOKED),
	                 1);
	assert_int_equal(count_kind(&cl, CONFLICT_OVER_CAPACITY), 1);
	assert_int_equal(count_kind(&cl, CONFLICT_INTERPRETATION_UNAVAILABLE),
	                 1);
	assert_int_equal(count_kind(&cl, CONFLICT_OUTSIDE_AVAILABILITY), 2);
	conflict_list_clear(&cl);
	programme_free(p);
}

/* ---- Hours -------------------------------------------------------------- */

static void
test_outside_hours_and_midnight(void **state)
{
	struct programme *p = prog();
	struct conflict_list cl;
	const struct conflict *c;
	size_t ok, reception, early, late, off_day, both;

	(void)state;
	room(p, "hall", "Main Plenary Hall", "main", 600, NULL);
	room(p, "garden", "Garden", "main", 600, NULL);
	room(p, "terrace", "Terrace", "main", 600, NULL);
	ok = session(p, "ok", "Full day", "hall", 1, 8, 0, 22, 0);
	reception = session(p, "r", "Ministerial reception", "garden", 1, 21, 0,
	                    24, 30);
	early =
	    session(p, "e", "Breakfast briefing", "terrace", 2, 7, 30, 8, 30);
	late = session(p, "l", "Drafting group", "hall", 2, 20, 0, 22, 15);
	off_day = session(p, "x", "Excursion", "garden", 3, 10, 0, 12, 0);
	both = session(p, "w", "Marathon", "garden", 2, 7, 0, 23, 0);
	run(p, &cl);
	assert_int_equal(cl.n, 5);
	assert_int_equal(count_kind(&cl, CONFLICT_OUTSIDE_HOURS), 5);
	(void)ok;

	c = nth(&cl, CONFLICT_OUTSIDE_HOURS, 0);
	assert_int_equal(c->sessions[0], reception);
	assert_int_equal(c->severity, SEVERITY_WARNING);
	assert_ids(c, "garden", NULL);
	assert_true(c->start == at(p, 1, 21, 0));
	assert_true(c->end == at(p, 1, 24, 30));
	assert_string_equal(c->message, "'Ministerial reception' runs past "
	                                "midnight to 00:30 on Thu 5 Nov 2026, "
	                                "after the day ends at 22:00.");
	c = nth(&cl, CONFLICT_OUTSIDE_HOURS, 1);
	assert_int_equal(c->sessions[0], both);
	assert_string_equal(c->message, "'Marathon' runs 07:00-23:00, "
	                                "outside the daily hours 08:00-22:00.");
	c = nth(&cl, CONFLICT_OUTSIDE_HOURS, 2);
	assert_int_equal(c->sessions[0], early);
	assert_string_equal(c->message, "'Breakfast briefing' starts at "
	                                "07:30, before the day begins at "
	                                "08:00.");
	c = nth(&cl, CONFLICT_OUTSIDE_HOURS, 3);
	assert_int_equal(c->sessions[0], late);
	assert_string_equal(c->message, "'Drafting group' ends at 22:15, "
	                                "after the day ends at 22:00.");
	c = nth(&cl, CONFLICT_OUTSIDE_HOURS, 4);
	assert_int_equal(c->sessions[0], off_day);
	assert_string_equal(c->message,
	                    "'Excursion' is on Fri 6 Nov 2026, which is not a "
	                    "conference day; move it to one of the conference "
	                    "days.");
	conflict_list_clear(&cl);

	/* Daily hours past midnight (day_end > 1440) allow the reception. */
	p->conf.day_end = 24 * 60 + 30;
	run(p, &cl);
	for (size_t i = 0; i < cl.n; i++)
		assert_false(conflict_involves(&cl.v[i], reception));
	assert_int_equal(cl.n, 3);
	conflict_list_clear(&cl);
	programme_free(p);
}

/* ---- A plenary of 500 --------------------------------------------------- */

static void
test_plenary_of_500(void **state)
{
	struct programme *p = prog();
	struct conflict_list cl;
	size_t plenary, other, i;
	char id[32], name[48];

	(void)state;
	room(p, "hall", "Main Plenary Hall", "main", 1000, NULL);
	plenary = session(p, "plen", "Opening plenary", "hall", 1, 9, 0, 11, 0);
	other =
	    session(p, "other", "Press conference", "hall", 1, 10, 30, 11, 30);
	/* Added in reverse so the output order cannot be insertion order. */
	for (i = 500; i-- > 0;) {
		snprintf(id, sizeof id, "p%03zu", i);
		snprintf(name, sizeof name, "Delegate %zu", i);
		person(p, id, name, PARTICIPANT_OFFICIAL, NULL);
		assign(p, plenary, id);
		assign(p, other, id);
	}
	run(p, &cl);
	assert_int_equal(cl.n, 501);
	assert_int_equal(count_kind(&cl, CONFLICT_ROOM_DOUBLE_BOOKED), 1);
	assert_int_equal(count_kind(&cl, CONFLICT_PARTICIPANT_DOUBLE_BOOKED),
	                 500);
	assert_int_equal(cl.v[0].kind, CONFLICT_ROOM_DOUBLE_BOOKED);
	for (i = 1; i <= 500; i++) {
		const struct conflict *c = &cl.v[i];

		snprintf(id, sizeof id, "p%03zu", i - 1);
		assert_int_equal(c->kind, CONFLICT_PARTICIPANT_DOUBLE_BOOKED);
		assert_string_equal(c->participant_id, id);
		assert_pair(c, plenary, other);
		assert_span(p, c, 1, 10, 30, 11, 0);
	}
	assert_int_equal(conflict_count(&cl, SEVERITY_ERROR), 501);
	assert_int_equal(conflict_count(&cl, SEVERITY_WARNING), 0);
	conflict_list_clear(&cl);
	programme_free(p);
}

/* ---- Delegations -------------------------------------------------------- */

static void
test_delegation_stretches(void **state)
{
	struct programme *p = prog();
	struct conflict_list cl;
	const struct conflict *c;
	struct participant *g;
	size_t s1, s2, s3, s4;

	(void)state;
	room(p, "r1", "Room 1", "main", 100, NULL);
	room(p, "r2", "Room 2", "main", 100, NULL);
	room(p, "r3", "Room 3", "main", 100, NULL);
	g = person(p, "tj", "Delegation of Tajikistan", PARTICIPANT_DELEGATION,
	           NULL);
	g->delegates = 1;
	person(p, "tj-fm", "Minister of Foreign Affairs — Tajikistan",
	       PARTICIPANT_MINISTER, "tj");
	person(p, "tj-int", "Minister of Internal Affairs — Tajikistan",
	       PARTICIPANT_MINISTER, "tj");
	person(p, "tj-bs", "Head of Border Service — Tajikistan",
	       PARTICIPANT_OFFICIAL, "tj");
	s1 = session(p, "s1", "Border data", "r1", 1, 9, 0, 10, 0);
	s2 = session(p, "s2", "Foreign fighters", "r2", 1, 9, 30, 11, 0);
	s3 = session(p, "s3", "Financing", "r3", 1, 10, 30, 12, 0);
	s4 = session(p, "s4", "Bilateral", "r1", 1, 14, 0, 15, 0);
	assign(p, s1, "tj-fm");
	assign(p, s1, "tj"); /* the group and a member: one session */
	assign(p, s2, "tj-int");
	assign(p, s3, "tj-bs");
	assign(p, s4, "tj");
	run(p, &cl);
	/*
	 * One delegate: 9:30-10:00 has s1 and s2, 10:00-10:30 only s2,
	 * 10:30-11:00 has s2 and s3. The count drops to the limit between,
	 * so these are two stretches, not one from 9:30 to 11:00.
	 */
	assert_int_equal(cl.n, 2);
	c = &cl.v[0];
	assert_int_equal(c->kind, CONFLICT_DELEGATION_OVER_COMMITTED);
	assert_int_equal(c->severity, SEVERITY_ERROR);
	assert_pair(c, s1, s2);
	assert_span(p, c, 1, 9, 30, 10, 0);
	assert_ids(c, NULL, "tj");
	assert_string_equal(c->message,
	                    "Delegation of Tajikistan has 1 delegate but is in "
	                    "2 sessions at once between 09:30 and 10:00: "
	                    "'Border data' "
	                    "and 'Foreign fighters'.");
	c = &cl.v[1];
	assert_pair(c, s2, s3);
	assert_span(p, c, 1, 10, 30, 11, 0);
	conflict_list_clear(&cl);

	/* With two delegates the peak of two is within the limit. */
	p->people[0].delegates = 2;
	run(p, &cl);
	assert_int_equal(cl.n, 0);
	conflict_list_clear(&cl);

	/* No limit at all. */
	p->people[0].delegates = 0;
	run(p, &cl);
	assert_int_equal(cl.n, 0);
	conflict_list_clear(&cl);
	programme_free(p);
}

static void
test_delegation_one_stretch_through_handover(void **state)
{
	struct programme *p = prog();
	struct conflict_list cl;
	const struct conflict *c;
	struct participant *g;
	size_t a, b, d, e, f, z;

	(void)state;
	g = person(p, "unodc", "UNODC", PARTICIPANT_UN_ENTITY, NULL);
	g->delegates = 1;
	/* A hands over to D at 10:00 while B runs: the count stays at 2. */
	a = session(p, "a", "A", NULL, 1, 9, 0, 10, 0);
	b = session(p, "b", "B", NULL, 1, 9, 30, 10, 30);
	d = session(p, "d", "D", NULL, 1, 10, 0, 11, 0);
	/* E and F at 14:00, and an instant at 16:00 inside F. */
	e = session(p, "e", "E", NULL, 1, 14, 0, 15, 0);
	f = session(p, "f", "F", NULL, 1, 14, 0, 17, 0);
	z = session(p, "z", "Z", NULL, 1, 16, 0, 16, 0);
	assign(p, a, "unodc");
	assign(p, b, "unodc");
	assign(p, d, "unodc");
	assign(p, e, "unodc");
	assign(p, f, "unodc");
	assign(p, z, "unodc");
	run(p, &cl);
	/* A group in overlapping sessions is not double-booked: only its
	 * delegate limit counts. */
	assert_int_equal(count_kind(&cl, CONFLICT_PARTICIPANT_DOUBLE_BOOKED),
	                 0);
	assert_int_equal(cl.n, 3);
	c = &cl.v[0];
	assert_int_equal(c->kind, CONFLICT_DELEGATION_OVER_COMMITTED);
	assert_span(p, c, 1, 9, 30, 10, 30);
	assert_int_equal(c->nsessions, 3);
	assert_int_equal(c->sessions[0], a);
	assert_int_equal(c->sessions[1], b);
	assert_int_equal(c->sessions[2], d);
	/* Three sessions, never more than two at once (issue 14 item 15). */
	assert_string_equal(c->message,
	                    "UNODC has 1 delegate but is in up to 2 sessions "
	                    "at once between 09:30 and 10:30: 'A', 'B' and "
	                    "'D'.");
	c = &cl.v[1];
	assert_span(p, c, 1, 14, 0, 15, 0);
	assert_pair(c, e, f);
	c = &cl.v[2];
	assert_span(p, c, 1, 16, 0, 16, 0);
	assert_pair(c, f, z);
	assert_string_equal(c->message, "UNODC has 1 delegate but is in 2 "
	                                "sessions at once at 16:00: 'F' and "
	                                "'Z'.");
	conflict_list_clear(&cl);
	programme_free(p);
}

static void
test_delegation_peak_and_members(void **state)
{
	struct programme *p = prog();
	struct conflict_list cl;
	const struct conflict *c;
	struct participant *g;
	size_t s[5], i;
	char id[16];

	(void)state;
	g = person(p, "osce", "OSCE", PARTICIPANT_ORGANISATION, NULL);
	g->delegates = 2;
	/* A minister whose "delegation" is not a group does not count. */
	person(p, "boss", "Boss", PARTICIPANT_MINISTER, NULL);
	for (i = 0; i < 4; i++) {
		snprintf(id, sizeof id, "osce-%zu", i);
		person(p, id, id, PARTICIPANT_OFFICIAL, "osce");
	}
	person(p, "aide", "Aide", PARTICIPANT_OFFICIAL, "boss");
	s[0] = session(p, "s0", "S0", NULL, 2, 9, 0, 10, 0);
	s[1] = session(p, "s1", "S1", NULL, 2, 9, 15, 10, 0);
	s[2] = session(p, "s2", "S2", NULL, 2, 9, 30, 11, 0);
	s[3] = session(p, "s3", "S3", NULL, 2, 9, 45, 10, 15);
	s[4] = session(p, "s4", "S4", NULL, 2, 9, 50, 9, 55);
	for (i = 0; i < 4; i++) {
		snprintf(id, sizeof id, "osce-%zu", i);
		assign(p, s[i], id);
	}
	assign(p, s[4], "aide");
	assign(p, s[4], "boss");
	run(p, &cl);
	/* 9:30 three, 9:45 four; 10:00 two end, leaving two: in limit. */
	assert_int_equal(cl.n, 1);
	c = &cl.v[0];
	assert_span(p, c, 2, 9, 30, 10, 0);
	assert_int_equal(c->nsessions, 4);
	for (i = 0; i < 4; i++)
		assert_int_equal(c->sessions[i], s[i]);
	assert_string_equal(c->message,
	                    "OSCE has 2 delegates but is in 4 sessions at "
	                    "once between 09:30 and 10:00: 'S0', 'S1', 'S2' "
	                    "and 'S3'.");
	conflict_list_clear(&cl);
	programme_free(p);
}

/* ---- Availability and capacity ------------------------------------------ */

static void
test_availability(void **state)
{
	struct programme *p = prog();
	struct conflict_list cl;
	const struct conflict *c;
	struct participant *x;
	size_t open, after, lunch, leaving, early, marathon;

	(void)state;
	x = person(p, "fr-interior", "Minister of the Interior — France",
	           PARTICIPANT_MINISTER, NULL);
	x->arrival = at(p, 1, 15, 0);
	x = person(p, "jp-fm", "Minister for Foreign Affairs — Japan",
	           PARTICIPANT_MINISTER, NULL);
	x->departure = at(p, 2, 12, 30);
	x = person(p, "uz-fm", "Minister of Foreign Affairs — Uzbekistan",
	           PARTICIPANT_MINISTER, NULL);
	x->arrival = at(p, 2, 10, 0);
	x->departure = at(p, 2, 11, 0);
	open = session(p, "open", "Opening plenary", NULL, 1, 9, 0, 10, 30);
	after = session(p, "after", "Panel", NULL, 1, 15, 0, 16, 0);
	early = session(p, "early", "Breakfast", NULL, 1, 9, 0, 9, 30);
	lunch = session(p, "lunch", "Working lunch", NULL, 2, 11, 30, 12, 30);
	leaving =
	    session(p, "close", "Closing plenary", NULL, 2, 12, 30, 13, 30);
	marathon = session(p, "m", "Drafting", NULL, 2, 9, 0, 12, 0);
	assign(p, open, "fr-interior");
	assign(p, after, "fr-interior"); /* starts as he arrives: fine */
	assign(p, early, "jp-fm");       /* no arrival given: fine */
	assign(p, lunch, "jp-fm");       /* ends as he leaves: fine */
	assign(p, leaving, "jp-fm");
	assign(p, marathon, "uz-fm");
	p->conf.changeover = 0;
	run(p, &cl);
	assert_int_equal(cl.n, 3);
	assert_int_equal(count_kind(&cl, CONFLICT_OUTSIDE_AVAILABILITY), 3);
	c = &cl.v[0];
	assert_int_equal(c->severity, SEVERITY_ERROR);
	assert_int_equal(c->nsessions, 1);
	assert_int_equal(c->sessions[0], open);
	assert_ids(c, NULL, "fr-interior");
	assert_span(p, c, 1, 9, 0, 10, 30);
	assert_string_equal(c->message,
	                    "Minister of the Interior — France arrives at "
	                    "15:00 on Wed 4 Nov 2026 but is assigned to "
	                    "'Opening plenary', 09:00-10:30.");
	/* Both ends at once are one conflict for the pair. */
	c = &cl.v[1];
	assert_int_equal(c->sessions[0], marathon);
	assert_ids(c, NULL, "uz-fm");
	assert_string_equal(c->message,
	                    "Minister of Foreign Affairs — Uzbekistan arrives "
	                    "at 10:00 on Thu 5 Nov 2026 and leaves at 11:00 on "
	                    "Thu 5 Nov 2026 but is assigned to 'Drafting', "
	                    "09:00-12:00.");
	c = &cl.v[2];
	assert_int_equal(c->sessions[0], leaving);
	assert_ids(c, NULL, "jp-fm");
	assert_span(p, c, 2, 12, 30, 13, 30);
	assert_string_equal(c->message,
	                    "Minister for Foreign Affairs — Japan leaves at "
	                    "12:30 on Thu 5 Nov 2026 but is assigned to "
	                    "'Closing plenary', 12:30-13:30.");
	conflict_list_clear(&cl);

	/* Off, the kind is not reported at all. */
	p->conf.severity[CONFLICT_OUTSIDE_AVAILABILITY] = SEVERITY_OFF;
	run(p, &cl);
	assert_int_equal(cl.n, 0);
	conflict_list_clear(&cl);
	programme_free(p);
}

static void
test_capacity(void **state)
{
	struct programme *p = prog();
	struct conflict_list cl;
	const struct conflict *c;
	size_t civil, crowd, counted, unknown_cap, i;
	char id[16];

	(void)state;
	room(p, "side-c", "Garden Pavilion Room C", "garden", 40, NULL);
	room(p, "tent", "Tent", "garden", 0, NULL);
	civil = session(p, "civil", "Civil society and community resilience",
	                "side-c", 1, 16, 30, 17, 45);
	p->sessions[civil].expected = 65;
	crowd = session(p, "crowd", "Youth voices", "side-c", 2, 9, 0, 10, 0);
	counted = session(p, "counted", "Briefing", "side-c", 2, 11, 0, 12, 0);
	p->sessions[counted].expected = 30;
	unknown_cap = session(p, "tent", "Tent talk", "tent", 2, 9, 0, 10, 0);
	p->sessions[unknown_cap].expected = 5000;
	for (i = 0; i < 41; i++) {
		snprintf(id, sizeof id, "p%02zu", i);
		person(p, id, id, PARTICIPANT_OFFICIAL, NULL);
		assign(p, crowd, id);
		/* 50 assigned, but the 30 expected are what counts. */
		assign(p, counted, id);
	}
	for (i = 0; i < 9; i++) {
		snprintf(id, sizeof id, "q%02zu", i);
		person(p, id, id, PARTICIPANT_OFFICIAL, NULL);
		assign(p, counted, id);
	}
	p->conf.severity[CONFLICT_TIGHT_CHANGEOVER] = SEVERITY_OFF;
	run(p, &cl);
	assert_int_equal(cl.n, 2);
	c = &cl.v[0];
	assert_int_equal(c->kind, CONFLICT_OVER_CAPACITY);
	assert_int_equal(c->severity, SEVERITY_WARNING);
	assert_int_equal(c->sessions[0], civil);
	assert_ids(c, "side-c", NULL);
	assert_span(p, c, 1, 16, 30, 17, 45);
	assert_string_equal(c->message,
	                    "'Civil society and community resilience' expects "
	                    "65 people but Garden Pavilion Room C seats 40.");
	c = &cl.v[1];
	assert_int_equal(c->sessions[0], crowd);
	assert_string_equal(c->message, "'Youth voices' has 41 people assigned "
	                                "but Garden Pavilion Room C seats 40.");
	conflict_list_clear(&cl);
	programme_free(p);
}

/* ---- Changeover --------------------------------------------------------- */

static void
test_changeover_in_a_room(void **state)
{
	struct programme *p = prog();
	struct conflict_list cl;
	const struct conflict *c;
	size_t a, b, d, e, f, g;

	(void)state;
	room(p, "hall", "Main Plenary Hall", "main", 600, NULL);
	a = session(p, "a", "Opening", "hall", 1, 9, 0, 10, 0);
	b = session(p, "b", "Panel I", "hall", 1, 10, 5, 11, 0);
	d = session(p, "d", "Panel II", "hall", 1, 11, 10, 12, 0);
	/* Long e holds the room while short f sits inside it; g follows e
	 * by 5 minutes and f by an hour: the tight one is e to g. */
	e = session(p, "e", "Long", "hall", 2, 9, 0, 12, 0);
	f = session(p, "f", "Short", "hall", 2, 9, 30, 11, 0);
	g = session(p, "g", "After", "hall", 2, 12, 5, 13, 0);
	run(p, &cl);
	assert_int_equal(cl.n, 3);
	c = &cl.v[0];
	assert_int_equal(c->kind, CONFLICT_TIGHT_CHANGEOVER);
	assert_int_equal(c->severity, SEVERITY_WARNING);
	assert_pair(c, a, b);
	assert_span(p, c, 1, 10, 0, 10, 5);
	assert_ids(c, "hall", NULL);
	assert_string_equal(
	    c->message, "Main Plenary Hall has 5 min between 'Opening' "
	                "(ends 10:00) and 'Panel I' (starts 10:05), but the "
	                "changeover is 10 min.");
	c = &cl.v[1];
	assert_int_equal(c->kind, CONFLICT_ROOM_DOUBLE_BOOKED);
	assert_pair(c, e, f);
	c = &cl.v[2];
	assert_int_equal(c->kind, CONFLICT_TIGHT_CHANGEOVER);
	assert_pair(c, e, g);
	assert_span(p, c, 2, 12, 0, 12, 5);
	(void)d;
	conflict_list_clear(&cl);
	programme_free(p);
}

static void
test_changeover_for_a_person_across_buildings(void **state)
{
	struct programme *p = prog();
	struct conflict_list cl;
	const struct conflict *c;
	struct participant *g;
	size_t a, b, d, e, f, h, j, k;

	(void)state;
	room(p, "hall", "Main Plenary Hall", "main", 600, NULL);
	room(p, "side-a", "Side Event Room A", "main", 100, NULL);
	room(p, "pav-c", "Garden Pavilion Room C", "garden", 40, NULL);
	room(p, "annex-1", "Annex Room 1", "annex", 50, NULL);
	walk(p, "garden", "main", 15);
	walk(p, "main", "annex", 12);
	person(p, "kw-interior", "Minister of Interior — Kuwait",
	       PARTICIPANT_MINISTER, NULL);
	g = person(p, "kw", "Delegation of Kuwait", PARTICIPANT_DELEGATION,
	           NULL);
	g->delegates = 5;
	/* Hall to the pavilion with 12 min: the walk needs 15. */
	a = session(p, "a", "Opening plenary", "hall", 1, 9, 0, 10, 0);
	b = session(p, "b", "Border data", "pav-c", 1, 10, 12, 11, 0);
	/* Hall to side room A in one building with 12 min: enough. */
	d = session(p, "d", "Panel", "hall", 1, 14, 0, 15, 0);
	e = session(p, "e", "Side A", "side-a", 1, 15, 12, 16, 0);
	/* Side room A to the pavilion with exactly the 15 min walk. */
	j = session(p, "j", "Pavilion talk", "pav-c", 1, 16, 15, 17, 0);
	/* Same building, 5 min: the changeover of 10 applies. */
	f = session(p, "f", "Side A again", "side-a", 2, 9, 0, 10, 0);
	h = session(p, "h", "Plenary again", "hall", 2, 10, 5, 11, 0);
	/* Hall to the annex with exactly its 12 min walk: enough. */
	k = session(p, "k", "Annex talk", "annex-1", 2, 11, 12, 12, 0);
	assign(p, a, "kw-interior");
	assign(p, b, "kw-interior");
	assign(p, d, "kw-interior");
	assign(p, e, "kw-interior");
	assign(p, j, "kw-interior");
	assign(p, f, "kw-interior");
	assign(p, h, "kw-interior");
	assign(p, k, "kw-interior");
	/* A group changes over with other delegates: never tight. */
	assign(p, f, "kw");
	assign(p, h, "kw");
	run(p, &cl);
	assert_int_equal(cl.n, 2);
	c = &cl.v[0];
	assert_int_equal(c->kind, CONFLICT_TIGHT_CHANGEOVER);
	assert_pair(c, a, b);
	assert_span(p, c, 1, 10, 0, 10, 12);
	assert_ids(c, NULL, "kw-interior");
	assert_string_equal(c->message,
	                    "Minister of Interior — Kuwait has 12 min between "
	                    "'Opening plenary' in Main Plenary Hall (ends "
	                    "10:00) and 'Border data' in Garden Pavilion Room "
	                    "C (starts 10:12), but the walk between them takes "
	                    "15 min.");
	c = &cl.v[1];
	assert_pair(c, f, h);
	assert_span(p, c, 2, 10, 0, 10, 5);
	assert_string_equal(c->message,
	                    "Minister of Interior — Kuwait has 5 min between "
	                    "'Side A again' in Side Event Room A (ends 10:00) "
	                    "and 'Plenary again' in Main Plenary Hall (starts "
	                    "10:05), but the changeover is 10 min.");
	(void)d;
	(void)e;
	(void)j;
	(void)k;
	conflict_list_clear(&cl);
	programme_free(p);
}

/* ---- References and interpretation -------------------------------------- */

static void
test_unknown_references(void **state)
{
	struct programme *p = prog();
	struct conflict_list cl;
	const struct conflict *c;
	size_t a, b, n;

	(void)state;
	room(p, "hall", "Main Plenary Hall", "main", 600, NULL);
	a = session(p, "a", "Closing plenary", "nowhere", 2, 16, 0, 17, 0);
	b = session(p, "b", "Press", "nowhere", 2, 16, 30, 17, 30);
	n = session(p, "n", "Walkabout", NULL, 2, 9, 0, 10, 0);
	session_add_assignment(&p->sessions[a], "ghost", ROLE_SPEAKER,
	                       "Special Envoy");
	session_add_assignment(&p->sessions[a], "ghost", ROLE_CHAIR,
	                       "Special Envoy");
	assign(p, b, "ghost");
	assign(p, n, "nobody");
	p->conf.severity[CONFLICT_PARTICIPANT_DOUBLE_BOOKED] = SEVERITY_OFF;
	p->conf.severity[CONFLICT_TIGHT_CHANGEOVER] = SEVERITY_OFF;
	run(p, &cl);
	/* nobody in n; the room of a, ghost in a (once); two sessions in
	 * the unknown room still clash; the room of b, ghost in b. */
	assert_int_equal(cl.n, 6);
	c = &cl.v[0];
	assert_int_equal(c->kind, CONFLICT_UNKNOWN_REFERENCE);
	assert_int_equal(c->sessions[0], n);
	assert_ids(c, NULL, "nobody");
	assert_string_equal(c->message,
	                    "'Walkabout' lists participant 'nobody', an id "
	                    "participants.ini does not define; add it there or "
	                    "correct the id.");
	c = &cl.v[1];
	assert_int_equal(c->sessions[0], a);
	assert_int_equal(c->severity, SEVERITY_WARNING);
	assert_ids(c, "nowhere", NULL);
	assert_span(p, c, 2, 16, 0, 17, 0);
	assert_string_equal(c->message, "'Closing plenary' is set in room "
	                                "'nowhere', which venues.ini does not "
	                                "define; choose a room from "
	                                "venues.ini.");
	c = &cl.v[2];
	assert_int_equal(c->sessions[0], a);
	assert_ids(c, NULL, "ghost");
	assert_string_equal(c->message,
	                    "'Closing plenary' lists Special Envoy as "
	                    "participant 'ghost', an id participants.ini does "
	                    "not define; add it there or correct the id.");
	c = &cl.v[3];
	assert_int_equal(c->kind, CONFLICT_ROOM_DOUBLE_BOOKED);
	assert_pair(c, a, b);
	assert_string_equal(
	    c->message, "Room 'nowhere' is booked for 'Closing plenary' and "
	                "'Press' at once, 16:30-17:00.");
	c = &cl.v[4];
	assert_int_equal(c->kind, CONFLICT_UNKNOWN_REFERENCE);
	assert_int_equal(c->sessions[0], b);
	assert_ids(c, "nowhere", NULL);
	c = &cl.v[5];
	assert_int_equal(c->sessions[0], b);
	assert_ids(c, NULL, "ghost");
	conflict_list_clear(&cl);
	programme_free(p);
}

static void
test_interpretation(void **state)
{
	struct programme *p = prog();
	struct conflict_list cl;
	const struct conflict *c;
	size_t asia, bare, fine, roomless, lost;

	(void)state;
	room(p, "side-b", "Side Event Room B", "main", 100, "ar,en,ru");
	room(p, "salon", "Salon", "main", 20, NULL);
	asia = session(p, "asia", "Regional cooperation in Asia", "side-b", 2,
	               11, 15, 12, 30);
	strlist_add(&p->sessions[asia].languages, "en");
	strlist_add(&p->sessions[asia].languages, "zh");
	strlist_add(&p->sessions[asia].languages, "ru");
	strlist_add(&p->sessions[asia].languages, "fr");
	bare = session(p, "bare", "Bilateral", "salon", 2, 9, 0, 9, 30);
	strlist_add(&p->sessions[bare].languages, "ar");
	fine = session(p, "fine", "Panel", "side-b", 2, 14, 0, 15, 0);
	strlist_add(&p->sessions[fine].languages, "ar");
	strlist_add(&p->sessions[fine].languages, "ru");
	roomless = session(p, "roomless", "Walk", NULL, 2, 16, 0, 17, 0);
	strlist_add(&p->sessions[roomless].languages, "zh");
	lost = session(p, "lost", "Lost", "nowhere", 2, 17, 0, 18, 0);
	strlist_add(&p->sessions[lost].languages, "zh");
	p->conf.severity[CONFLICT_UNKNOWN_REFERENCE] = SEVERITY_OFF;
	run(p, &cl);
	assert_int_equal(cl.n, 2);
	c = &cl.v[0];
	assert_int_equal(c->kind, CONFLICT_INTERPRETATION_UNAVAILABLE);
	assert_int_equal(c->severity, SEVERITY_WARNING);
	assert_int_equal(c->sessions[0], bare);
	assert_ids(c, "salon", NULL);
	assert_string_equal(c->message,
	                    "'Bilateral' needs interpretation in ar "
	                    "but Salon has no interpretation "
	                    "booths.");
	c = &cl.v[1];
	assert_int_equal(c->sessions[0], asia);
	assert_span(p, c, 2, 11, 15, 12, 30);
	assert_string_equal(c->message,
	                    "'Regional cooperation in Asia' needs "
	                    "interpretation in zh, fr but Side Event Room B "
	                    "has booths only for ar, en, ru.");
	(void)fine;
	(void)roomless;
	(void)lost;
	conflict_list_clear(&cl);
	programme_free(p);
}

/* ---- Severity, order and names ------------------------------------------ */

static void
test_severity_from_conference(void **state)
{
	struct programme *p = prog();
	struct conflict_list cl;
	size_t a, b;

	(void)state;
	room(p, "hall", "Main Plenary Hall", "main", 1, NULL);
	person(p, "x", "X", PARTICIPANT_MINISTER, NULL);
	a = session(p, "a", "A", "hall", 1, 9, 0, 10, 0);
	b = session(p, "b", "B", "hall", 1, 9, 0, 10, 30);
	assign(p, a, "x");
	assign(p, b, "x");
	p->sessions[a].expected = 2;
	run(p, &cl);
	assert_int_equal(cl.n, 3);
	assert_int_equal(cl.v[0].kind, CONFLICT_ROOM_DOUBLE_BOOKED);
	assert_int_equal(cl.v[1].kind, CONFLICT_PARTICIPANT_DOUBLE_BOOKED);
	assert_int_equal(cl.v[2].kind, CONFLICT_OVER_CAPACITY);
	assert_int_equal(conflict_count(&cl, SEVERITY_ERROR), 2);
	assert_int_equal(conflict_count(&cl, SEVERITY_WARNING), 1);
	assert_int_equal(nth(&cl, CONFLICT_OVER_CAPACITY, 0)->severity,
	                 SEVERITY_WARNING);
	conflict_list_clear(&cl);

	p->conf.severity[CONFLICT_ROOM_DOUBLE_BOOKED] = SEVERITY_WARNING;
	p->conf.severity[CONFLICT_OVER_CAPACITY] = SEVERITY_ERROR;
	p->conf.severity[CONFLICT_PARTICIPANT_DOUBLE_BOOKED] = SEVERITY_OFF;
	run(p, &cl);
	assert_int_equal(cl.n, 2);
	assert_int_equal(count_kind(&cl, CONFLICT_PARTICIPANT_DOUBLE_BOOKED),
	                 0);
	assert_int_equal(nth(&cl, CONFLICT_ROOM_DOUBLE_BOOKED, 0)->severity,
	                 SEVERITY_WARNING);
	assert_int_equal(nth(&cl, CONFLICT_OVER_CAPACITY, 0)->severity,
	                 SEVERITY_ERROR);
	/* Same start: the error comes before the warning. */
	assert_int_equal(cl.v[0].kind, CONFLICT_OVER_CAPACITY);
	assert_int_equal(cl.v[1].kind, CONFLICT_ROOM_DOUBLE_BOOKED);
	conflict_list_clear(&cl);

	for (int k = 0; k < CONFLICT_KIND_COUNT; k++)
		p->conf.severity[k] = SEVERITY_OFF;
	run(p, &cl);
	assert_int_equal(cl.n, 0);
	conflict_list_clear(&cl);
	programme_free(p);
}

static void
test_sort_order(void **state)
{
	struct programme *p = prog();
	struct conflict_list cl;
	size_t i, s[7];

	(void)state;
	room(p, "hall", "Hall", "main", 10, "en");
	room(p, "side", "Side", "main", 10, NULL);
	person(p, "x", "X", PARTICIPANT_MINISTER, NULL);
	p->people[0].arrival = at(p, 1, 12, 0);
	/* Added out of time order on purpose. */
	s[0] = session(p, "s0", "Late", "side", 2, 21, 0, 23, 0);
	s[1] = session(p, "s1", "Crowded", "hall", 1, 9, 0, 10, 0);
	s[2] = session(p, "s2", "Early", "hall", 1, 7, 0, 8, 30);
	s[3] = session(p, "s3", "Clash", "hall", 1, 9, 0, 10, 0);
	s[4] = session(p, "s4", "Mute", "side", 1, 9, 0, 10, 0);
	s[5] = session(p, "s5", "Ghost", "side", 1, 7, 0, 7, 30);
	s[6] = session(p, "s6", "Next", "hall", 1, 10, 5, 11, 0);
	p->sessions[s[1]].expected = 20;
	p->sessions[s[3]].expected = 20;
	assign(p, s[1], "x");
	assign(p, s[5], "ghost");
	strlist_add(&p->sessions[s[4]].languages, "ar");
	run(p, &cl);
	assert_int_equal(cl.n, 10);
	/* 07:00: hours and unknown for s5 (s2 and s5 both start 07:00:
	 * kind, then session index). */
	assert_int_equal(cl.v[0].kind, CONFLICT_OUTSIDE_HOURS);
	assert_int_equal(cl.v[0].sessions[0], s[2]);
	assert_int_equal(cl.v[1].kind, CONFLICT_OUTSIDE_HOURS);
	assert_int_equal(cl.v[1].sessions[0], s[5]);
	assert_int_equal(cl.v[2].kind, CONFLICT_UNKNOWN_REFERENCE);
	assert_int_equal(cl.v[2].sessions[0], s[5]);
	/* 09:00: errors (room, then availability), then warnings by kind,
	 * then session index. */
	assert_int_equal(cl.v[3].kind, CONFLICT_ROOM_DOUBLE_BOOKED);
	assert_int_equal(cl.v[4].kind, CONFLICT_OUTSIDE_AVAILABILITY);
	assert_int_equal(cl.v[5].kind, CONFLICT_OVER_CAPACITY);
	assert_int_equal(cl.v[5].sessions[0], s[1]);
	assert_int_equal(cl.v[6].kind, CONFLICT_OVER_CAPACITY);
	assert_int_equal(cl.v[6].sessions[0], s[3]);
	assert_int_equal(cl.v[7].kind, CONFLICT_INTERPRETATION_UNAVAILABLE);
	/* 10:00: the hall's changeover after the clash ... */
	assert_int_equal(cl.v[8].kind, CONFLICT_TIGHT_CHANGEOVER);
	assert_pair(&cl.v[8], s[3], s[6]);
	/* ... and day 2 last. */
	assert_int_equal(cl.v[9].kind, CONFLICT_OUTSIDE_HOURS);
	assert_int_equal(cl.v[9].sessions[0], s[0]);
	for (i = 1; i < cl.n; i++)
		assert_true(cl.v[i - 1].start <= cl.v[i].start);

	/* A second check appends, sorted in its own right. */
	check_in_block(p, &cl);
	assert_int_equal(cl.n, 20);
	for (i = 0; i < 10; i++) {
		assert_int_equal(cl.v[i].kind, cl.v[i + 10].kind);
		assert_string_equal(cl.v[i].message, cl.v[i + 10].message);
	}
	conflict_list_clear(&cl);
	assert_int_equal(cl.n, 0);
	assert_null(cl.v);
	programme_free(p);
}

static void
test_names(void **state)
{
	enum conflict_kind k;
	enum severity sev;
	int i;

	(void)state;
	for (i = 0; i < CONFLICT_KIND_COUNT; i++) {
		assert_true(conflict_kind_parse(
		    conflict_kind_name((enum conflict_kind)i), &k));
		assert_int_equal(k, i);
		assert_non_null(strchr(conflict_kind_label(k), ' '));
	}
	assert_string_equal(conflict_kind_name(CONFLICT_ROOM_DOUBLE_BOOKED),
	                    "room-double-booked");
	assert_string_equal(
	    conflict_kind_name(CONFLICT_INTERPRETATION_UNAVAILABLE),
	    "interpretation-unavailable");
	assert_string_equal(
	    conflict_kind_label(CONFLICT_DELEGATION_OVER_COMMITTED),
	    "delegation over-committed");
	assert_false(conflict_kind_parse("room double-booked", &k));
	assert_false(conflict_kind_parse("", &k));
	assert_false(conflict_kind_parse(NULL, &k));
	assert_true(severity_parse("warning", &sev));
	assert_int_equal(sev, SEVERITY_WARNING);
	assert_true(severity_parse("Error", &sev));
	assert_int_equal(sev, SEVERITY_ERROR);
	assert_true(severity_parse("off", &sev));
	assert_int_equal(sev, SEVERITY_OFF);
	assert_false(severity_parse("fatal", &sev));
	assert_string_equal(severity_name(SEVERITY_ERROR), "error");
	assert_string_equal(severity_name(SEVERITY_WARNING), "warning");
	assert_string_equal(severity_name(SEVERITY_OFF), "off");
}

/* ---- Scale ----------------------------------------------------------------
 */

/*
 * A programme of n sessions over as many days as needed: 200 rooms, 45-min
 * sessions every hour from 08:00 to 16:00 (so 15 min changeovers), four
 * people each, nobody in two rooms at once; then `planted` extra sessions
 * each double-booking a room.
 */
static struct programme *
big(size_t n, size_t planted)
{
	struct programme *p = prog();
	const size_t rooms = 200, slots = 8;
	size_t i, k, ndays = (n + rooms * slots - 1) / (rooms * slots);
	char id[32];

	free(p->conf.days);
	p->conf.days = xcalloc(ndays, sizeof *p->conf.days);
	p->conf.ndays = ndays;
	for (i = 0; i < ndays; i++)
		p->conf.days[i] = days_to_date(date_to_days(day1) + (int64_t)i);
	for (i = 0; i < rooms; i++) {
		snprintf(id, sizeof id, "r%03zu", i);
		room(p, id, id, i % 2 ? "east" : "west", 500, "ar,en");
	}
	walk(p, "east", "west", 5);
	for (i = 0; i < rooms * 4; i++) {
		snprintf(id, sizeof id, "p%04zu", i);
		person(p, id, id, PARTICIPANT_OFFICIAL, NULL);
	}
	for (i = 0; i < n + planted; i++) {
		size_t j = i < n ? i : (i - n) * 37 % n;
		size_t r = j % rooms, slot = j / rooms % slots,
		       day = j / (rooms * slots);
		struct session *s = programme_add_session(p);
		dais_time t0 = time_at(&p->conf.zone, p->conf.days[day],
		                       (int)(8 + slot) * 60);

		snprintf(id, sizeof id, "s%zu", i);
		s->uid = xstrdup(id);
		s->title = xstrdup(id);
		snprintf(id, sizeof id, "r%03zu", r);
		s->room_id = xstrdup(id);
		s->start = t0 + (i < n ? 0 : 600);
		s->end = t0 + 45 * 60;
		if (i >= n)
			continue;
		for (k = 0; k < 4; k++) {
			/* Rotate who sits where, so people walk between
			 * buildings within their 15 minutes. */
			snprintf(id, sizeof id, "p%04zu",
			         ((r + slot) % rooms) * 4 + k);
			session_add_assignment(s, id, ROLE_PARTICIPANT, NULL);
		}
	}
	programme_index(p);
	return p;
}

static double
seconds_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) +
	       (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Measures and prints; it asserts the result, never the time. */
static void
time_check(size_t n, int repeat)
{
	struct programme *p = big(n, 25);
	struct conflict_list cl = {0};
	double best = 0;
	int r;

	for (r = 0; r < repeat; r++) {
		struct timespec t0;
		double dt;

		conflict_list_clear(&cl);
		clock_gettime(CLOCK_MONOTONIC, &t0);
		check_in_block(p, &cl);
		dt = seconds_since(&t0);
		if (r == 0 || dt < best)
			best = dt;
	}
	assert_int_equal(cl.n, 25);
	assert_int_equal(count_kind(&cl, CONFLICT_ROOM_DOUBLE_BOOKED), 25);
	print_message("conflict_check: %zu sessions, %zu assignments: %.1f ms "
	              "(best of %d)\n",
	              p->nsessions, n * 4, best * 1000, repeat);
	conflict_list_clear(&cl);
	programme_free(p);
}

static void
test_scale(void **state)
{
	(void)state;
	time_check(25000, 5);
	time_check(100000, 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_touching_intervals_do_not_clash),
	    cmocka_unit_test(test_identical_slots),
	    cmocka_unit_test(test_nested_sessions),
	    cmocka_unit_test(test_zero_length_sessions),
	    cmocka_unit_test(test_cancelled_sessions_take_part_in_nothing),
	    cmocka_unit_test(test_outside_hours_and_midnight),
	    cmocka_unit_test(test_plenary_of_500),
	    cmocka_unit_test(test_delegation_stretches),
	    cmocka_unit_test(test_delegation_one_stretch_through_handover),
	    cmocka_unit_test(test_delegation_peak_and_members),
	    cmocka_unit_test(test_availability),
	    cmocka_unit_test(test_capacity),
	    cmocka_unit_test(test_changeover_in_a_room),
	    cmocka_unit_test(test_changeover_for_a_person_across_buildings),
	    cmocka_unit_test(test_unknown_references),
	    cmocka_unit_test(test_interpretation),
	    cmocka_unit_test(test_severity_from_conference),
	    cmocka_unit_test(test_sort_order),
	    cmocka_unit_test(test_names),
	    cmocka_unit_test(test_scale),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
