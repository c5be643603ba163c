/*
 * conflict_words.c: the sentences of conflict messages (rooms, people and
 * times as people read them) and the recording of one conflict.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conflict_internal.h"
#include "dais/xalloc.h"

/*
 * The room as people know it; an undefined id is shown as itself, with a
 * capital when it opens the sentence.
 */
char *
conflict_room_label(const struct check *ck, size_t si, bool cap)
{
	const struct room *r = ck->rooms[si];
	const struct session *s = &ck->p->sessions[si];

	if (r != NULL && r->name != NULL && *r->name != '\0')
		return xstrdup(r->name);
	return xasprintf("%s '%s'", cap ? "Room" : "room",
	                 r != NULL    ? r->id
	                 : s->room_id ? s->room_id
	                              : "?");
}

/*
 * The session's first assignment of the incidence's participant: the one
 * the check kept when a person is listed twice.
 */
const struct assignment *
conflict_person_assignment(const struct check *ck, const struct inc *v)
{
	const struct session *s = &ck->p->sessions[v->si];
	const struct participant *x = conflict_person(ck, v);
	const char *id =
	    x != NULL ? x->id : ck->unknown_people[v->key - ck->p->npeople];
	size_t j;

	/* By address first: the loader keeps one copy of each id, so a
	 * session of 10 000 unknown attendees does not cost 10 000 strcmp()s
	 * for each of their conflicts. */
	for (j = 0; j < s->nassign; j++)
		if (s->assign[j].participant_id == id)
			return &s->assign[j];
	for (j = 0; j < s->nassign; j++)
		if (s->assign[j].participant_id != NULL &&
		    strcmp(s->assign[j].participant_id, id) == 0)
			return &s->assign[j];
	abort(); /* the incidence was made from one of them */
}

const char *
conflict_person_id(const struct check *ck, const struct inc *v)
{
	const struct participant *x = conflict_person(ck, v);

	return x != NULL ? x->id
	                 : conflict_person_assignment(ck, v)->participant_id;
}

/* The person as people know them: name, else the CN written, else id. */
const char *
conflict_person_label(const struct check *ck, const struct inc *v)
{
	const struct participant *x = conflict_person(ck, v);
	const struct assignment *a;

	if (x != NULL && x->name != NULL && *x->name != '\0')
		return x->name;
	a = conflict_person_assignment(ck, v);
	if (a->cn != NULL && *a->cn != '\0')
		return a->cn;
	return a->participant_id;
}

/* "10:00-10:30", or "10:00" for an instant. */
char *
conflict_span_text(const struct check *ck, dais_time a, dais_time b)
{
	char b1[DAIS_TIMEBUF], b2[DAIS_TIMEBUF];

	if (a == b)
		return xasprintf("at %s", hm(ck, a, b1));
	return xasprintf("%s-%s", hm(ck, a, b1), hm(ck, b, b2));
}

/* "15:00 on Wed 4 Nov 2026" */
char *
conflict_when_text(const struct check *ck, dais_time t)
{
	char b1[DAIS_TIMEBUF], b2[DAIS_TIMEBUF];

	return xasprintf("%s on %s", hm(ck, t, b1),
	                 date_fmt_long(b2, time_local_date(ck->zone, t)));
}

/* Minutes since midnight as "08:00"; past midnight reads "24:30". */
char *
conflict_minutes_text(int m, char *buf)
{
	snprintf(buf, DAIS_TIMEBUF, "%02d:%02d", m / 60, m % 60);
	return buf;
}

/* ---- Recording ------------------------------------------------------- */

/* Records one conflict; takes the message, copies the session list. */
void
conflict_emit(struct check *ck, enum conflict_kind kind, const size_t *sessions,
              size_t n, const char *room_id, const char *participant_id,
              dais_time start, dais_time end, char *message)
{
	struct conflict_list *out = ck->out;
	struct conflict *c;

	XGROW(out->v, out->n, out->cap);
	c = &out->v[out->n++];
	c->kind = kind;
	c->severity = ck->p->conf.severity[kind];
	c->sessions = xreallocarray(NULL, n ? n : 1, sizeof *c->sessions);
	if (n > 0)
		memcpy(c->sessions, sessions, n * sizeof *sessions);
	c->nsessions = n;
	c->room_id = room_id;
	c->participant_id = participant_id;
	c->start = start;
	c->end = end;
	c->message = message;
}

void
conflict_emit_one(struct check *ck, enum conflict_kind kind, size_t si,
                  const char *room_id, const char *participant_id,
                  char *message)
{
	const struct session *s = &ck->p->sessions[si];

	conflict_emit(ck, kind, &si, 1, room_id, participant_id, s->start,
	              ck->end[si], message);
}
