/*
 * test_session_index.c: the session index (session_index.h) against a
 * brute-force scan of the programme, through long random runs of edits,
 * undos, redos and groups made with the editor, which keeps its index
 * current: after every step the sessions are in programme_sort_sessions'
 * order, every UID is found where it is, and every list query returns
 * exactly what a scan of all sessions returns.
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
#include "dais/session_index.h"
#include "dais/xalloc.h"
#include "fixture_core.h"

#define NROOMS  5
#define NPEOPLE 12
#define NGROUPS 3

static char *
id_of(const char *prefix, unsigned i)
{
	return xasprintf("%s%u", prefix, i);
}

static struct programme *
random_programme(size_t nsessions)
{
	/* The zone only: the index knows nothing of days. */
	struct programme *p = fixture_conference(0);
	size_t i;
	unsigned k;

	for (k = 0; k < NROOMS; k++) {
		struct room *r = programme_add_room(p);

		r->id = id_of("room", k);
		r->name = xstrdup(r->id);
	}
	for (k = 0; k < NGROUPS; k++) {
		struct participant *g = programme_add_participant(p);

		g->id = id_of("group", k);
		g->name = xstrdup(g->id);
		g->kind = PARTICIPANT_DELEGATION;
		g->delegates = 2;
	}
	for (k = 0; k < NPEOPLE; k++) {
		struct participant *x = programme_add_participant(p);

		x->id = id_of("person", k);
		x->name = xstrdup(x->id);
		x->kind = PARTICIPANT_MINISTER;
		if (k % 4 != 3)
			x->delegation = id_of("group", k % NGROUPS);
	}
	programme_index(p);
	for (i = 0; i < nsessions; i++) {
		struct session *s = programme_add_session(p);
		unsigned na = fixture_rnd(4), j;
		char *id;

		session_init(s);
		s->uid = xasprintf("s%zu@test", i);
		s->title = xstrdup(s->uid);
		/* Every quarter hour of a day; some zero-length, some
		 * cancelled, one with an unknown room and person. */
		s->start = fixture_at(p, 1, 8 * 60 + 15 * (int)fixture_rnd(40));
		s->end = s->start + 60 * 15 * (dais_time)fixture_rnd(5);
		s->status = fixture_rnd(10) == 0 ? SESSION_CANCELLED
		                                 : SESSION_CONFIRMED;
		s->room_id = fixture_rnd(8) == 0
		                 ? xstrdup("nowhere")
		                 : id_of("room", fixture_rnd(NROOMS));
		for (j = 0; j < na; j++) {
			id = fixture_rnd(10) == 0
			         ? id_of("group", fixture_rnd(NGROUPS))
			         : id_of("person", fixture_rnd(NPEOPLE));
			if (session_find_assignment(s, id) < 0)
				session_add_assignment(s, id, ROLE_SPEAKER,
				                       NULL);
			free(id);
		}
	}
	return p;
}

/* ---- The oracle --------------------------------------------------------- */

static bool
in_list(const struct programme *p, const struct session *s, enum index_key kind,
        const char *id)
{
	size_t i;

	if (kind == INDEX_ROOM)
		return s->room_id != NULL && strcmp(s->room_id, id) == 0;
	for (i = 0; i < s->nassign; i++) {
		const char *a = s->assign[i].participant_id;
		const struct participant *x = programme_find_participant(p, a);

		if (kind == INDEX_PARTICIPANT && strcmp(a, id) == 0)
			return true;
		if (kind != INDEX_GROUP || x == NULL)
			continue;
		if (participant_is_group(x) && strcmp(x->id, id) == 0)
			return true;
		if (x->delegation != NULL && strcmp(x->delegation, id) == 0)
			return true;
	}
	return false;
}

static int
size_cmp(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

static void
check_query(const struct session_index *x, const struct programme *p,
            enum index_key kind, const char *id, dais_time from, dais_time to)
{
	struct index_hits hits = {0};
	size_t *want = xcalloc(p->nsessions + 1, sizeof *want), nwant = 0, i;

	for (i = 0; i < p->nsessions; i++) {
		const struct session *s = &p->sessions[i];
		dais_time end = s->end > s->start ? s->end : s->start;

		if (s->start <= to && end >= from && in_list(p, s, kind, id))
			want[nwant++] = i;
	}
	session_index_near(x, kind, id, from, to, &hits);
	/* In time order, which is position order in a sorted programme. */
	for (i = 1; i < hits.n; i++)
		assert_true(p->sessions[hits.v[i - 1]].start <=
		            p->sessions[hits.v[i]].start);
	if (hits.n > 0)
		qsort(hits.v, hits.n, sizeof *hits.v, size_cmp);
	assert_int_equal(hits.n, nwant);
	for (i = 0; i < nwant; i++)
		assert_int_equal(hits.v[i], want[i]);
	index_hits_clear(&hits);
	free(want);
}

static void
check_all(const struct editor *ed)
{
	const struct session_index *x = editor_index(ed);
	const struct programme *p = editor_programme(ed);
	dais_time day = fixture_at(p, 1, 8 * 60);
	size_t i;
	unsigned k, q;
	char *id;

	for (i = 1; i < p->nsessions; i++)
		assert_true(session_order_cmp(&p->sessions[i - 1],
		                              &p->sessions[i]) < 0);
	for (i = 0; i < p->nsessions; i++)
		assert_int_equal(
		    session_index_find(x, p->sessions[i].uid,
		                       p->sessions[i].recurrence_id),
		    (long)i);
	assert_int_equal(session_index_find(x, "absent@test", DAIS_TIME_NONE),
	                 -1);
	for (q = 0; q < 6; q++) {
		dais_time from = day + 60 * 15 * (dais_time)fixture_rnd(44);
		dais_time to = from + 60 * 15 * (dais_time)fixture_rnd(6);

		for (k = 0; k < NROOMS; k++) {
			id = id_of("room", k);
			check_query(x, p, INDEX_ROOM, id, from, to);
			free(id);
		}
		check_query(x, p, INDEX_ROOM, "nowhere", from, to);
		for (k = 0; k < NPEOPLE; k++) {
			id = id_of("person", k);
			check_query(x, p, INDEX_PARTICIPANT, id, from, to);
			free(id);
		}
		for (k = 0; k < NGROUPS; k++) {
			id = id_of("group", k);
			check_query(x, p, INDEX_GROUP, id, from, to);
			check_query(x, p, INDEX_PARTICIPANT, id, from, to);
			free(id);
		}
	}
}

/* ---- Random edits -------------------------------------------------------- */

static void
random_edit(struct editor *ed)
{
	const struct programme *p = editor_programme(ed);
	const struct session *s;
	char *uid, *id;
	const char *why;
	unsigned op = fixture_rnd(10);

	if (p->nsessions == 0 || op == 9) {
		struct session n;

		session_init(&n);
		n.title = xstrdup("new");
		n.start = fixture_at(p, 1, 8 * 60 + 15 * (int)fixture_rnd(40));
		n.end = n.start + 1800;
		n.room_id = id_of("room", fixture_rnd(NROOMS));
		edit_create(ed, &n, NULL, &why);
		session_free(&n);
		return;
	}
	s = &p->sessions[fixture_rnd((unsigned)p->nsessions)];
	uid = xstrdup(s->uid);
	switch (op) {
	case 0:
	case 1:
		edit_move(ed, uid, s->recurrence_id,
		          s->start + 60 * 15 * ((dais_time)fixture_rnd(9) - 4),
		          &why);
		break;
	case 2:
		id = id_of("room", fixture_rnd(NROOMS));
		edit_set_room(ed, uid, s->recurrence_id, id, NULL, &why);
		free(id);
		break;
	case 3:
		id = id_of("person", fixture_rnd(NPEOPLE));
		edit_assign(ed, uid, s->recurrence_id, id, ROLE_PARTICIPANT,
		            NULL, &why);
		free(id);
		break;
	case 4:
		if (s->nassign > 0)
			edit_unassign(ed, uid, s->recurrence_id,
			              s->assign[0].participant_id, &why);
		break;
	case 5:
		edit_delete(ed, uid, s->recurrence_id, &why);
		break;
	case 6:
		editor_undo(ed, &why);
		break;
	case 8: {
		/* A group of moves and a duplicate: several sessions sorted
		 * at once. */
		size_t j;

		editor_begin_group(ed, NULL);
		for (j = 0; j < 5 && p->nsessions > 0; j++) {
			const struct session *t =
			    &p->sessions[fixture_rnd((unsigned)p->nsessions)];
			char *tu = xstrdup(t->uid);

			edit_move(ed, tu, t->recurrence_id,
			          t->start +
			              60 * 15 * ((dais_time)fixture_rnd(9) - 4),
			          &why);
			free(tu);
		}
		edit_duplicate(ed, uid, DAIS_TIME_NONE, NULL, &why);
		editor_end_group(ed);
		break;
	}
	default:
		editor_redo(ed, &why);
		break;
	}
	free(uid);
}

static void
test_random_runs(void **state)
{
	unsigned seed, step;

	(void)state;
	for (seed = 1; seed <= 12; seed++) {
		struct programme *p;
		struct editor *ed;

		fixture_seed(seed);
		p = random_programme(20 + 15 * seed);
		ed = editor_new(p);
		editor_set_uid_seed(ed, seed);
		check_all(ed);
		for (step = 0; step < 150; step++) {
			random_edit(ed);
			check_all(ed);
		}
		/* Undo everything, then redo it all. */
		while (editor_can_undo(ed)) {
			assert_true(editor_undo(ed, NULL));
			check_all(ed);
		}
		while (editor_can_redo(ed)) {
			assert_true(editor_redo(ed, NULL));
			check_all(ed);
		}
		editor_free(ed);
		programme_free(p);
	}
}

/* An index made straight from a programme, without an editor. */
static void
test_standalone(void **state)
{
	struct programme *p;
	struct session_index *x;
	struct index_hits hits = {0};
	dais_time from;

	(void)state;
	fixture_seed(99);
	p = random_programme(200);
	programme_sort_sessions(p);
	x = session_index_new(p);
	from = fixture_at(p, 1, 8 * 60);
	assert_int_equal(session_index_near(x, INDEX_ROOM, "no-such-room", from,
	                                    from + 86400, &hits),
	                 0);
	assert_int_equal(session_index_count(x, INDEX_PARTICIPANT, "nobody"),
	                 0);
	assert_true(session_index_has_uid(x, p->sessions[7].uid));
	assert_ptr_equal(session_index_programme(x), p);
	index_hits_clear(&hits);
	session_index_free(x);
	programme_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_random_runs),
	    cmocka_unit_test(test_standalone),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
