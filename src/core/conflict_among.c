/*
 * conflict_among.c: the conflict engine on a few sessions of a large
 * programme. The engine's own work grows with its registries (it hashes
 * every participant once per check), so a check of the twenty sessions
 * around an edit in a programme of 2 000 people would cost as much as a
 * hundred such checks should. Here the registries are cut to what the
 * sessions name, and the engine is the same one, so the answers are.
 */
#include <stdlib.h>
#include <string.h>

#include "dais/conflict.h"
#include "dais/xalloc.h"

struct picks {
	const void **v;
	size_t n, cap;
};

static void
pick(struct picks *k, const void *x)
{
	if (x == NULL)
		return;
	XGROW(k->v, k->n, k->cap);
	k->v[k->n++] = x;
}

static int
ptr_cmp(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;

	return x < y ? -1 : x > y;
}

/* Sorts and drops repeats; returns the count left. */
static size_t
unique(struct picks *k)
{
	size_t i, w = 0;

	if (k->n < 2)
		return k->n;
	qsort(k->v, k->n, sizeof *k->v, ptr_cmp);
	for (i = 0; i < k->n; i++)
		if (w == 0 || k->v[w - 1] != k->v[i])
			k->v[w++] = k->v[i];
	return k->n = w;
}

static void
pick_people(const struct programme *p, const struct session *s,
            struct picks *people)
{
	size_t j;

	for (j = 0; j < s->nassign; j++) {
		const struct participant *x =
		    programme_find_participant(p, s->assign[j].participant_id);

		pick(people, x);
		if (x != NULL && x->delegation != NULL)
			pick(people,
			     programme_find_participant(p, x->delegation));
	}
}

void
conflict_check_among(const struct programme *p, const size_t *positions,
                     size_t n, const struct session *extra,
                     struct conflict_list *out)
{
	size_t total = n + (extra != NULL), i, j, first = out->n;
	struct session *v = xcalloc(total + 1, sizeof *v);
	size_t *map = xcalloc(total + 1, sizeof *map);
	struct picks rooms = {0}, people = {0};
	struct programme tmp = *p;

	for (i = 0; i < n; i++) {
		v[i] = p->sessions[positions[i]]; /* shallow: only read */
		map[i] = positions[i];
	}
	if (extra != NULL) {
		v[n] = *extra;
		map[n] = p->nsessions;
	}
	for (i = 0; i < total; i++) {
		pick(&rooms, programme_find_room(p, v[i].room_id));
		pick_people(p, &v[i], &people);
	}
	unique(&rooms);
	unique(&people);
	tmp.rooms = xcalloc(rooms.n + 1, sizeof *tmp.rooms);
	for (i = 0; i < rooms.n; i++)
		tmp.rooms[i] = *(const struct room *)rooms.v[i];
	tmp.people = xcalloc(people.n + 1, sizeof *tmp.people);
	for (i = 0; i < people.n; i++)
		tmp.people[i] = *(const struct participant *)people.v[i];
	tmp.nrooms = tmp.caprooms = rooms.n;
	tmp.npeople = tmp.cappeople = people.n;
	tmp.room_index = tmp.people_index = NULL;
	programme_index(&tmp);
	tmp.sessions = v;
	tmp.nsessions = tmp.capsessions = total;

	conflict_check(&tmp, out);
	for (i = first; i < out->n; i++)
		for (j = 0; j < out->v[i].nsessions; j++)
			out->v[i].sessions[j] = map[out->v[i].sessions[j]];

	free(tmp.room_index);
	free(tmp.people_index);
	free(tmp.rooms);
	free(tmp.people);
	free(rooms.v);
	free(people.v);
	free(map);
	free(v);
}
