/*
 * predict.c: what an assignment would do before it is made. The picker
 * shows, beside each candidate, the conflict choosing it would create:
 * the conflict engine itself is run on the sessions near the one in
 * question, with and without the candidate, and the difference is the
 * answer. So the picker and the engine can never disagree.
 */
#include <stdlib.h>
#include <string.h>

#include "dais/xalloc.h"
#include "planner.h"

struct signature {
	enum conflict_kind kind;
	const char *participant, *room;
	bool used;
};

static bool
same(const char *a, const char *b)
{
	return (a == NULL && b == NULL) ||
	       (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* Runs the engine on `near` and lists the conflicts involving target. */
static struct signature *
involving(const struct programme *tmp, size_t target, size_t *n,
          struct conflict_list *keep)
{
	struct signature *v = NULL;
	size_t i, cap = 0;

	conflict_check(tmp, keep);
	*n = 0;
	for (i = 0; i < keep->n; i++) {
		const struct conflict *c = &keep->v[i];

		if (!conflict_involves(c, target))
			continue;
		XGROW(v, *n, cap);
		v[*n].kind = c->kind;
		v[*n].participant = c->participant_id;
		v[*n].room = c->room_id;
		v[*n].used = false;
		(*n)++;
	}
	return v;
}

char *
predict_assign(const struct planner *pl, const struct session *s,
               const char *who, bool *error)
{
	const struct programme *p = pl->p;
	struct programme tmp = *p;
	struct session *near;
	struct assignment *with;
	struct conflict_list before = {0}, after = {0};
	struct signature *b, *a;
	size_t i, n = 0, target = 0, nb, na;
	dais_time lo = s->start - pl->checked.reach,
	          hi = s->end + pl->checked.reach;
	char *answer = NULL;
	int best = -1;

	*error = false;
	if (session_find_assignment(s, who) >= 0)
		return NULL;
	/* Only the sessions that can be near: those starting at most the
	 * longest session's length before the window. */
	for (i = programme_first_from(p, lo - pl->checked.longest);
	     i < p->nsessions && p->sessions[i].start <= hi; i++)
		n++;
	near = xcalloc(n + 1, sizeof *near);
	n = 0;
	for (i = programme_first_from(p, lo - pl->checked.longest);
	     i < p->nsessions && p->sessions[i].start <= hi; i++) {
		const struct session *o = &p->sessions[i];

		if (o != s && (o->end < lo || o->start > hi))
			continue;
		if (o == s)
			target = n;
		near[n++] = *o; /* shallow: the engine only reads */
	}
	tmp.sessions = near;
	tmp.nsessions = n;
	tmp.capsessions = n;
	b = involving(&tmp, target, &nb, &before);

	with = xcalloc(s->nassign + 1, sizeof *with);
	if (s->nassign > 0)
		memcpy(with, s->assign, s->nassign * sizeof *with);
	with[s->nassign].participant_id = (char *)who;
	with[s->nassign].role = ROLE_PARTICIPANT;
	near[target].assign = with;
	near[target].nassign = s->nassign + 1;
	a = involving(&tmp, target, &na, &after);

	/* A conflict after that was not there before is the candidate's. */
	for (i = 0; i < na; i++) {
		size_t j;
		bool old = false;

		for (j = 0; j < nb && !old; j++)
			if (!b[j].used && b[j].kind == a[i].kind &&
			    same(b[j].participant, a[i].participant) &&
			    same(b[j].room, a[i].room)) {
				b[j].used = true;
				old = true;
			}
		if (old)
			continue;
		for (j = 0; j < after.n; j++) {
			const struct conflict *c = &after.v[j];

			if (c->kind == a[i].kind &&
			    conflict_involves(c, target) &&
			    same(c->participant_id, a[i].participant) &&
			    same(c->room_id, a[i].room) &&
			    (int)c->severity > best) {
				best = (int)c->severity;
				free(answer);
				answer = xstrdup(c->message);
			}
		}
	}
	*error = best == SEVERITY_ERROR;
	conflict_list_clear(&before);
	conflict_list_clear(&after);
	free(before.v);
	free(after.v);
	free(a);
	free(b);
	free(with);
	free(near);
	return answer;
}
