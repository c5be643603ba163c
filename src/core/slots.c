/*
 * slots.c: the slot search (the fixes of a conflict, which ask it, are in
 * slots_fix.c; slots_internal.h is what they share). Every candidate is
 * judged by the conflict engine itself (conflict_check_among) on the
 * sessions the index finds near it: those of its room, its people and
 * their groups within a changeover and the longest walk. First the
 * parties alone at each start (no room: a conflict then is one in every
 * room, since a room only adds rules), then each room at the starts left.
 */
#include "dais/slots.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dais/suggest.h"
#include "dais/textwidth.h"
#include "dais/xalloc.h"
#include "slots_internal.h"

/* ---- Asking the engine about one session ------------------------------ */

/* Seconds around a session within which another can conflict with it. */
dais_time
slots_reach_of(const struct programme *p)
{
	int walk = 0;
	size_t i;

	for (i = 0; i < p->nwalks; i++)
		if (p->walks[i].minutes > walk)
			walk = p->walks[i].minutes;
	return (dais_time)(p->conf.changeover + walk + 1) * 60;
}

static int
pos_cmp(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/* The positions of the sessions that share a room, person or group with
 * s within reach of it, without `exclude` (-1: none), sorted, each once. */
static void
near_session(const struct session_index *x, const struct session *s,
             dais_time reach, long exclude, struct index_hits *h)
{
	const struct programme *p = session_index_programme(x);
	dais_time from = s->start - reach, to = s->end + reach;
	size_t i, n = 0;

	h->n = 0;
	if (s->room_id != NULL)
		session_index_near(x, INDEX_ROOM, s->room_id, from, to, h);
	for (i = 0; i < s->nassign; i++) {
		const char *id = s->assign[i].participant_id;
		const struct participant *who =
		    programme_find_participant(p, id);

		session_index_near(x, INDEX_PARTICIPANT, id, from, to, h);
		if (who != NULL && participant_is_group(who))
			session_index_near(x, INDEX_GROUP, id, from, to, h);
		if (who != NULL && who->delegation != NULL)
			session_index_near(x, INDEX_GROUP, who->delegation,
			                   from, to, h);
	}
	if (h->n > 1)
		qsort(h->v, h->n, sizeof *h->v, pos_cmp);
	for (i = 0; i < h->n; i++)
		if ((long)h->v[i] != exclude &&
		    (n == 0 || h->v[n - 1] != h->v[i]))
			h->v[n++] = h->v[i];
	h->n = n;
}

/* What the engine says about s among its neighbours: the kinds of the
 * conflicts s takes part in (bits), their worst severity, and (when
 * warnings is not NULL) the sentences. */
struct verdict
slots_judge(const struct session_index *x, const struct session *s,
            dais_time reach, long exclude, struct index_hits *scratch,
            struct strlist *messages)
{
	return slots_judge_at(x, s, reach, exclude, scratch, messages,
	                      SEVERITY_OFF);
}

struct verdict
slots_judge_at(const struct session_index *x, const struct session *s,
               dais_time reach, long exclude, struct index_hits *scratch,
               struct strlist *messages, enum severity at_least)
{
	const struct programme *p = session_index_programme(x);
	struct conflict_list cl = {0};
	struct verdict v = {0, SEVERITY_OFF};
	size_t i;

	near_session(x, s, reach, exclude, scratch);
	conflict_check_among(p, scratch->v, scratch->n, s, &cl);
	for (i = 0; i < cl.n; i++) {
		const struct conflict *c = &cl.v[i];

		if (!conflict_involves(c, p->nsessions))
			continue;
		v.kinds |= 1u << c->kind;
		if (c->severity > v.worst)
			v.worst = c->severity;
		if (messages != NULL && c->severity >= at_least)
			strlist_add(messages, c->message);
	}
	conflict_list_clear(&cl);
	return v;
}

static bool
acceptable(struct verdict v, bool allow_warnings)
{
	return v.worst == SEVERITY_OFF ||
	       (allow_warnings && v.worst == SEVERITY_WARNING);
}

/* ---- The question ----------------------------------------------------- */

struct search {
	const struct session_index *x;
	const struct programme *p;
	const struct slot_query *q;
	struct session tpl; /* the meeting, time and room left to fill */
	long self;          /* the session that moves, or -1 */
	const struct room **rooms;
	size_t nrooms;
	int minutes;
	dais_time reach;
	struct index_hits scratch;
};

static void
result_add(struct slot_result *r, const struct slot_candidate *c)
{
	XGROW(r->v, r->n, r->cap);
	r->v[r->n++] = *c;
}

void
slot_result_clear(struct slot_result *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		strlist_clear(&r->v[i].warnings);
	free(r->v);
	strlist_clear(&r->why_not);
	memset(r, 0, sizeof *r);
}

static int
room_ptr_cmp(const void *a, const void *b)
{
	const struct room *x = *(const struct room *const *)a;
	const struct room *y = *(const struct room *const *)b;

	return strcmp(x->id, y->id);
}

/*
 * --session names a recurring series by its UID alone: the occurrence on
 * q->day is the meeting. True with s->self set, or with s->self still -1
 * when no session has that UID; false (*why set) when the series has no
 * occurrence that day, or no day was given to choose one.
 */
static bool
series_occurrence(struct search *s, char **why)
{
	const struct programme *p = s->p;
	char buf[DAIS_TIMEBUF];
	size_t i, n = 0;
	long first = -1;

	for (i = 0; i < p->nsessions; i++) {
		const struct session *o = &p->sessions[i];

		if (o->recurrence_id == DAIS_TIME_NONE ||
		    strcmp(o->uid, s->q->session_uid) != 0)
			continue;
		if (first < 0)
			first = (long)i;
		n++;
		if (s->q->day >= 0 &&
		    date_compare(time_local_date(&p->conf.zone, o->start),
		                 p->conf.days[s->q->day]) == 0) {
			s->self = (long)i;
			return true;
		}
	}
	if (first < 0)
		return true;
	if (s->q->day >= 0)
		*why = xasprintf("Session '%s' is a recurring series with no "
		                 "occurrence on %s: give --day one of its "
		                 "days.",
		                 s->q->session_uid,
		                 date_fmt_long(buf, p->conf.days[s->q->day]));
	else
		*why = xasprintf(
		    "Session '%s' is a recurring series (%zu occurrences, the "
		    "first on %s): give --day DATE to choose one.",
		    s->q->session_uid, n,
		    date_fmt_long(buf,
		                  time_local_date(&p->conf.zone,
		                                  p->sessions[first].start)));
	return false;
}

/* "'qa-interiour' is not a participant of participants.ini: did you mean
 * "qa-interior"?", through the one "did you mean" (suggest.h) as
 * requests.ini's loader asks it; without one, where the ids are: dais
 * check names people, not ids. */
static char *
unknown_party(const struct programme *p, const char *id)
{
	const char **names = xcalloc(p->npeople + 1, sizeof *names);
	const char *near;
	char *why;
	size_t i;

	for (i = 0; i < p->npeople; i++)
		names[i] = p->people[i].id;
	near = suggest_nearest(id, names, 2);
	if (near != NULL)
		why = xasprintf("'%s' is not a participant of "
		                "participants.ini: did you mean \"%s\"?",
		                id, near);
	else
		why = xasprintf("'%s' is not a participant of "
		                "participants.ini: use its id, the [ID] of "
		                "its section there.",
		                id);
	free(names);
	return why;
}

/*
 * The sessions a UID that names none may have meant, nearest first: the
 * UID without its "@domain" (uids[] borrowed, each UID once), or one
 * that starts with it, or a title that is it or holds it (case aside).
 * Stops at the first of these that some session answers. Returns how
 * many answer (an occurrence of a series past the first max may count
 * again), the first max of them in v.
 */
static size_t
sessions_meant(const struct programme *p, const char *given, long *v,
               size_t max)
{
	size_t len = strlen(given), n = 0, i, j, how;

	for (how = 0; how < 4 && n == 0; how++)
		for (i = 0; i < p->nsessions; i++) {
			const struct session *s = &p->sessions[i];
			bool hit, seen = false;

			switch (how) {
			case 0:
				hit = strncmp(s->uid, given, len) == 0 &&
				      s->uid[len] == '@';
				break;
			case 1:
				hit = strncasecmp(s->uid, given, len) == 0;
				break;
			case 2:
				hit = s->title != NULL &&
				      strcasecmp(s->title, given) == 0;
				break;
			default:
				hit = s->title != NULL &&
				      text_contains_folded(s->title, given);
				break;
			}
			for (j = 0; hit && j < n && j < max; j++)
				seen |=
				    strcmp(p->sessions[v[j]].uid, s->uid) == 0;
			if (!hit || seen)
				continue;
			if (n < max)
				v[n] = (long)i;
			n++;
		}
	return n;
}

/* "There is no session with UID 'x': did you mean ...?", or where the
 * UIDs are: no command lists them all, the .ics files do. */
static char *
unknown_session(const struct programme *p, const char *uid)
{
	long v[3];
	size_t n = *uid != '\0' ? sessions_meant(p, uid, v, 3) : 0;
	char *why;

	if (n == 1)
		why = xasprintf(
		    "There is no session with UID '%s': did you "
		    "mean '%s' ('%s')?",
		    uid, p->sessions[v[0]].uid,
		    p->sessions[v[0]].title ? p->sessions[v[0]].title : "");
	else if (n > 1)
		why = xasprintf("There is no session with UID '%s': "
		                "several come near, such as '%s' and '%s': "
		                "give the whole UID.",
		                uid, p->sessions[v[0]].uid,
		                p->sessions[v[1]].uid);
	else
		why = xasprintf("There is no session with UID '%s': each "
		                "session's UID is on the UID: line of its "
		                "event in the programme's .ics files.",
		                uid);
	return why;
}

char *
slots_unknown_languages(const struct programme *p, const struct strlist *asked)
{
	struct strlist missing = {0}, booths = {0};
	char *why = NULL, *m, *b;
	size_t i, j;

	for (i = 0; i < p->nrooms; i++)
		for (j = 0; j < p->rooms[i].languages.n; j++)
			if (!strlist_has(&booths, p->rooms[i].languages.v[j]))
				strlist_add(&booths,
				            p->rooms[i].languages.v[j]);
	for (i = 0; i < asked->n; i++)
		if (!strlist_has(&booths, asked->v[i]) &&
		    !strlist_has(&missing, asked->v[i]))
			strlist_add(&missing, asked->v[i]);
	if (missing.n > 0) {
		m = strlist_join(&missing, ", ");
		b = strlist_join(&booths, ", ");
		why = booths.n > 0
		          ? xasprintf("No room of venues.ini has booths for "
		                      "%s (the booths are %s): use those "
		                      "codes, or add the booth to a room's "
		                      "languages in venues.ini.",
		                      m, b)
		          : xasprintf("No room of venues.ini has booths for "
		                      "%s (no room has any): add them to a "
		                      "room's languages in venues.ini.",
		                      m);
		free(m);
		free(b);
	}
	strlist_clear(&missing);
	strlist_clear(&booths);
	return why;
}

/* The meeting as a session: q's session, or a new one of q's parties. */
static bool
make_template(struct search *s, char **why)
{
	const struct slot_query *q = s->q;
	const struct programme *p = s->p;
	size_t i, j;

	session_init(&s->tpl);
	s->self = -1;
	if (q->session_uid != NULL) {
		s->self =
		    session_index_find(s->x, q->session_uid, q->session_rid);
		if (s->self < 0 && q->session_rid == DAIS_TIME_NONE &&
		    !series_occurrence(s, why))
			return false;
		if (s->self < 0) {
			*why = unknown_session(p, q->session_uid);
			return false;
		}
		session_copy(&s->tpl, &p->sessions[s->self]);
		s->minutes = (int)((s->tpl.end - s->tpl.start) / 60);
	}
	if (q->minutes < 0 || (q->session_uid == NULL && q->minutes == 0)) {
		*why = xasprintf("A meeting of %d minutes cannot be placed: "
		                 "give a length such as 30m or 1h15.",
		                 q->minutes);
		return false;
	}
	if (q->minutes > 0)
		s->minutes = q->minutes;
	if (s->minutes <= 0) {
		*why = xasprintf("Session '%s' has no length: give one with "
		                 "--duration.",
		                 q->session_uid);
		return false;
	}
	if (q->nwith > 0) {
		for (i = 0; i < s->tpl.nassign; i++) {
			free(s->tpl.assign[i].participant_id);
			free(s->tpl.assign[i].cn);
		}
		s->tpl.nassign = 0;
	} else if (q->session_uid == NULL) {
		*why = xstrdup("Name who meets: --with ID[,ID...] (people or "
		               "groups of participants.ini), or --session "
		               "UID.");
		return false;
	}
	for (i = 0; i < q->nwith; i++) {
		const struct participant *who =
		    programme_find_participant(p, q->with[i]);

		if (who == NULL) {
			*why = unknown_party(p, q->with[i]);
			return false;
		}
		for (j = 0; j < i; j++)
			if (strcmp(q->with[j], q->with[i]) == 0) {
				*why = xasprintf("'%s' is named twice in "
				                 "--with: name each party "
				                 "once.",
				                 q->with[i]);
				return false;
			}
		session_add_assignment(&s->tpl, who->id, ROLE_PARTICIPANT,
		                       who->name);
	}
	if (q->kind != NULL) {
		free(s->tpl.kind);
		s->tpl.kind = xstrdup(q->kind);
	}
	if (q->expected > 0)
		s->tpl.expected = q->expected;
	if (q->languages != NULL && q->languages->n > 0) {
		strlist_clear(&s->tpl.languages);
		strlist_copy(&s->tpl.languages, q->languages);
	}
	if (s->tpl.title == NULL)
		s->tpl.title = xstrdup("Meeting");
	if (s->tpl.uid == NULL)
		s->tpl.uid = xstrdup("slot-candidate@dais");
	/* A cancelled session is asked about as if it were restored. */
	s->tpl.status = SESSION_CONFIRMED;
	return true;
}

static bool
choose_rooms(struct search *s, char **why)
{
	const struct slot_query *q = s->q;
	const struct programme *p = s->p;
	const char *kind = s->tpl.kind;
	size_t i, j;

	s->rooms = xcalloc(p->nrooms + q->nrooms + 1, sizeof *s->rooms);
	if (q->nrooms > 0) {
		for (i = 0; i < q->nrooms; i++) {
			const struct room *r =
			    programme_find_room(p, q->rooms[i]);

			if (r == NULL) {
				*why = xasprintf("'%s' is not a room of "
				                 "venues.ini: use a room id "
				                 "([room.ID]).",
				                 q->rooms[i]);
				return false;
			}
			for (j = 0; j < s->nrooms && s->rooms[j] != r; j++)
				;
			if (j == s->nrooms)
				s->rooms[s->nrooms++] = r;
		}
		return true;
	}
	if (q->kind != NULL && p->conf.kinds.n > 0 &&
	    !strlist_has(&p->conf.kinds, q->kind)) {
		if (!strlist_has_nocase(&p->conf.kinds, q->kind)) {
			char *all = strlist_join(&p->conf.kinds, ", ");

			*why = xasprintf("'%s' is not a session kind of "
			                 "conference.ini (%s).",
			                 q->kind, all);
			free(all);
			return false;
		}
	}
	for (i = 0; i < p->nrooms; i++)
		if (room_serves(&p->rooms[i], kind))
			s->rooms[s->nrooms++] = &p->rooms[i];
	if (s->nrooms == 0) {
		*why = xasprintf("No room serves %s sessions: add it to a "
		                 "room's kinds in venues.ini, or name rooms "
		                 "with --rooms.",
		                 kind);
		return false;
	}
	if (s->nrooms > 1)
		qsort(s->rooms, s->nrooms, sizeof *s->rooms, room_ptr_cmp);
	return true;
}

/* ---- Walking, for the ranking ----------------------------------------- */

static const struct room *
room_of(const struct programme *p, const struct session *s)
{
	return programme_find_room(p, s->room_id);
}

/*
 * Slack, in minutes, beyond the walk and the changeover: a walk to or from
 * a session further away than that leaves the person time to spare, so it
 * does not constrain the meeting (the walk to an evening reception is made
 * whatever time the afternoon's meeting gets).
 */
#define WALK_SLACK 30

/* The walk of w minutes between two sessions `gap` seconds apart, if it
 * constrains the meeting; else 0. */
static int
tight_walk(const struct programme *p, int w, dais_time gap)
{
	return gap < (dais_time)(w + p->conf.changeover + WALK_SLACK) * 60 ? w
	                                                                   : 0;
}

/*
 * The walks of the people among the parties to room r at [start, end) from
 * their session before and on to their session after, that day: into
 * c->longest_walk the longest that constrains the meeting (tight_walk), the
 * figure shown and ranked by; into c->walk all of them added up, however
 * far off (the scheduler's tie-break, schedule.h). Groups walk as their
 * members, who are asked about in their own right.
 */
static void
walking(struct search *s, struct slot_candidate *c, dais_time day_from,
        dais_time day_to)
{
	const struct programme *p = s->p;
	const struct room *r = c->room;
	dais_time start = c->start, end = c->end;
	struct index_hits h = {0};
	int w;
	size_t i, k;

	for (i = 0; i < s->tpl.nassign; i++) {
		const char *id = s->tpl.assign[i].participant_id;
		const struct participant *who =
		    programme_find_participant(p, id);
		const struct session *before = NULL, *after = NULL;

		if (who == NULL || participant_is_group(who))
			continue;
		h.n = 0;
		session_index_near(s->x, INDEX_PARTICIPANT, id, day_from,
		                   day_to, &h);
		for (k = 0; k < h.n; k++) {
			const struct session *o = &p->sessions[h.v[k]];

			if ((long)h.v[k] == s->self || !session_blocks_time(o))
				continue;
			if (o->end <= start &&
			    (before == NULL || o->end > before->end))
				before = o;
			if (o->start >= end &&
			    (after == NULL || o->start < after->start))
				after = o;
		}
		if (before != NULL) {
			w = programme_walk_minutes(p, room_of(p, before), r);
			c->walk += w;
			w = tight_walk(p, w, start - before->end);
			if (w > c->longest_walk)
				c->longest_walk = w;
		}
		if (after != NULL) {
			w = programme_walk_minutes(p, r, room_of(p, after));
			c->walk += w;
			w = tight_walk(p, w, after->start - end);
			if (w > c->longest_walk)
				c->longest_walk = w;
		}
	}
	index_hits_clear(&h);
}

/* ---- Why nothing was found on a day ----------------------------------- */

static void
append(char **text, const char *fmt, const char *a, const char *b)
{
	char *t = xasprintf(fmt, *text, a, b);

	free(*text);
	*text = t;
}

/* "09:30-13:00 and 14:30-18:00" from spans, merged where they touch. */
static char *
spans_text(const struct programme *p, dais_time *v, size_t n)
{
	char *text = xstrdup(""), a[DAIS_TIMEBUF], b[DAIS_TIMEBUF], *one;
	size_t i, k = 0;

	/* v holds pairs sorted by start: merge in place. */
	for (i = 0; i < n; i++) {
		if (k > 0 && v[2 * i] <= v[2 * (k - 1) + 1]) {
			if (v[2 * i + 1] > v[2 * (k - 1) + 1])
				v[2 * (k - 1) + 1] = v[2 * i + 1];
			continue;
		}
		v[2 * k] = v[2 * i];
		v[2 * k + 1] = v[2 * i + 1];
		k++;
	}
	for (i = 0; i < k; i++) {
		one =
		    xasprintf("%s-%s", time_fmt_hm(a, &p->conf.zone, v[2 * i]),
		              time_fmt_hm(b, &p->conf.zone, v[2 * i + 1]));
		append(&text, "%s%s%s",
		       i == 0       ? ""
		       : i + 1 == k ? " and "
		                    : ", ",
		       one);
		free(one);
	}
	return text;
}

static char *
party_busy(struct search *s, const struct participant *who, dais_time from,
           dais_time to)
{
	const struct programme *p = s->p;
	struct index_hits h = {0};
	dais_time *v;
	size_t k, n = 0;
	char *spans, *text = NULL, t[DAIS_TIMEBUF];
	const char *name = who->name && *who->name ? who->name : who->id;

	session_index_near(
	    s->x, participant_is_group(who) ? INDEX_GROUP : INDEX_PARTICIPANT,
	    who->id, from, to, &h);
	v = xcalloc(2 * h.n + 2, sizeof *v);
	for (k = 0; k < h.n; k++) {
		const struct session *o = &p->sessions[h.v[k]];

		if ((long)h.v[k] == s->self || !session_blocks_time(o))
			continue;
		v[2 * n] = o->start;
		v[2 * n + 1] = o->end > o->start ? o->end : o->start;
		n++;
	}
	if (n > 0) {
		spans = spans_text(p, v, n);
		text = xasprintf("%s is in sessions %s", name, spans);
		free(spans);
	}
	if (who->arrival != DAIS_TIME_NONE && who->arrival > from) {
		char *more;

		if (who->arrival < to)
			more = xasprintf(
			    "%s%s%s arrives at %s", text ? text : "",
			    text ? "; " : "", name,
			    time_fmt_hm(t, &p->conf.zone, who->arrival));
		else
			more =
			    xasprintf("%s%s%s has not arrived yet",
			              text ? text : "", text ? "; " : "", name);
		free(text);
		text = more;
	}
	if (who->departure != DAIS_TIME_NONE && who->departure < to) {
		char *more;

		if (who->departure <= from)
			more = xasprintf("%s%s%s has left", text ? text : "",
			                 text ? "; " : "", name);
		else
			more = xasprintf(
			    "%s%s%s leaves at %s", text ? text : "",
			    text ? "; " : "", name,
			    time_fmt_hm(t, &p->conf.zone, who->departure));
		free(text);
		text = more;
	}
	free(v);
	index_hits_clear(&h);
	return text;
}

static char *
rooms_text(const struct search *s)
{
	const struct slot_query *q = s->q;
	char *what, *needs = xstrdup(""), *langs;

	if (q->nrooms > 0)
		what =
		    xstrdup(q->nrooms == 1 ? "the room" : "none of the rooms");
	else if (s->tpl.kind != NULL && s->nrooms < s->p->nrooms) {
		size_t i;

		what = xasprintf("no %s room", s->tpl.kind);
		for (i = 0; what[i] != '\0'; i++)
			if (what[i] >= 'A' && what[i] <= 'Z')
				what[i] = (char)(what[i] - 'A' + 'a');
	} else
		what = xstrdup("no room");
	if (s->tpl.expected > 0) {
		char *t = xasprintf(" with %d seats", s->tpl.expected);

		free(needs);
		needs = t;
	}
	if (s->tpl.languages.n > 0) {
		char *t;

		langs = strlist_join(&s->tpl.languages, ", ");
		t = xasprintf("%s%s %s booths", needs,
		              *needs ? " and" : " with", langs);
		free(langs);
		free(needs);
		needs = t;
	}
	{
		char *t = xasprintf("%s%s", what, needs);

		free(what);
		free(needs);
		what = t;
	}
	return what;
}

/* Whether room r has what the meeting needs: its seats, its booths. */
static bool
room_fits_needs(const struct search *s, const struct room *r)
{
	const enum severity *sev = s->p->conf.severity;
	size_t i;

	/* a need whose conflict is switched off (conference.ini) is none */
	if (s->tpl.expected > 0 && r->capacity > 0 &&
	    r->capacity < s->tpl.expected &&
	    sev[CONFLICT_OVER_CAPACITY] != SEVERITY_OFF)
		return false;
	if (sev[CONFLICT_INTERPRETATION_UNAVAILABLE] == SEVERITY_OFF)
		return true;
	for (i = 0; i < s->tpl.languages.n; i++)
		if (!strlist_has(&r->languages, s->tpl.languages.v[i]))
			return false;
	return true;
}

/*
 * When none of the rooms the search may use (--rooms, or those serving
 * the kind) has the seats or booths asked for, "no room with zh booths is
 * free" would send the organiser looking for another time that does not
 * exist: this says the rooms lack it, and names rooms of the venue that
 * have it. NULL when some allowed room has it, or when warnings are
 * allowed (such a room is then offered, with its warning). Caller frees.
 */
static char *
rooms_lack_needs(const struct search *s)
{
	const struct programme *p = s->p;
	struct strlist fit = {0};
	char *needs, *list, *why, *scope;
	size_t i;

	if (s->q->allow_warnings ||
	    (s->tpl.expected <= 0 && s->tpl.languages.n == 0))
		return NULL;
	for (i = 0; i < s->nrooms; i++)
		if (room_fits_needs(s, s->rooms[i]))
			return NULL;
	/* rooms to suggest: those for the kind first (a foyer seats 700) */
	for (i = 0; i < p->nrooms; i++)
		if (room_fits_needs(s, &p->rooms[i]) &&
		    room_serves(&p->rooms[i], s->tpl.kind))
			strlist_add(&fit, p->rooms[i].id);
	for (i = 0; i < p->nrooms && fit.n == 0; i++)
		if (room_fits_needs(s, &p->rooms[i]))
			strlist_add(&fit, p->rooms[i].id);
	list = strlist_join(&s->tpl.languages, ", ");
	if (s->tpl.expected > 0 && s->tpl.languages.n > 0)
		needs =
		    xasprintf("%d seats and %s booths", s->tpl.expected, list);
	else if (s->tpl.expected > 0)
		needs = xasprintf("%d seats", s->tpl.expected);
	else
		needs = xasprintf("%s booths", list);
	free(list);
	if (s->q->nrooms == 0 && s->nrooms == p->nrooms) {
		why = xasprintf("no room of venues.ini has %s", needs);
		free(needs);
		strlist_clear(&fit);
		return why;
	}
	if (s->q->nrooms == 1)
		scope = xstrdup("the room asked for (--rooms) lacks");
	else if (s->q->nrooms > 1)
		scope = xstrdup("none of the rooms asked for (--rooms) has");
	else
		scope = xasprintf("none of the rooms for %s sessions "
		                  "(venues.ini kinds) has",
		                  s->tpl.kind ? s->tpl.kind : "its");
	list = strlist_join(&fit, ", ");
	if (fit.n > 0)
		why = xasprintf("%s %s: %s %s them (name %s with --rooms)",
		                scope, needs, list, fit.n == 1 ? "has" : "have",
		                fit.n == 1 ? "it" : "one");
	else
		why = xasprintf("%s %s, nor does any room of venues.ini", scope,
		                needs);
	free(scope);
	free(list);
	free(needs);
	strlist_clear(&fit);
	return why;
}

static void
explain_day(struct search *s, int day, const bool *people_free,
            const dais_time *starts, size_t nstarts, struct slot_result *r)
{
	const struct programme *p = s->p;
	struct dais_date d = p->conf.days[day];
	dais_time from = time_at(&p->conf.zone, d, p->conf.day_start);
	dais_time to = time_at(&p->conf.zone, d, p->conf.day_end);
	char datebuf[DAIS_TIMEBUF], *line, *part, *rooms;
	dais_time *spans = xcalloc(2 * nstarts + 2, sizeof *spans);
	size_t i, n = 0;

	date_fmt_short(datebuf, d);
	line = xasprintf("%s:", datebuf);
	for (i = 0; i < s->tpl.nassign; i++) {
		const struct participant *who = programme_find_participant(
		    p, s->tpl.assign[i].participant_id);

		if (who == NULL ||
		    (part = party_busy(s, who, from, to)) == NULL)
			continue;
		append(&line, "%s%s%s", n++ ? "; " : " ", part);
		free(part);
	}
	n = 0;
	for (i = 0; i < nstarts; i++)
		if (people_free[i]) {
			spans[2 * n] = starts[i];
			spans[2 * n + 1] =
			    starts[i] + (dais_time)s->minutes * 60;
			n++;
		}
	if (nstarts == 0) {
		append(&line, "%s%s%s", strchr(line, ' ') ? "; " : " ",
		       "the day is outside the window asked for");
	} else if (n == 0) {
		char *t = xasprintf("the parties have no %d minutes free "
		                    "together within the day's hours",
		                    s->minutes);

		append(&line, "%s%s%s", strchr(line, ' ') ? "; " : " ", t);
		free(t);
	} else {
		char *free_text = spans_text(p, spans, n), *t;

		char *lack = rooms_lack_needs(s);

		rooms = rooms_text(s);
		if (lack != NULL)
			t = xasprintf("the parties are free %s, but %s",
			              free_text, lack);
		else if (s->q->nrooms == 1)
			t = xasprintf("%s is not free %s", rooms, free_text);
		else
			t = xasprintf("%s is free %s", rooms, free_text);
		free(lack);
		append(&line, "%s%s%s", strchr(line, ' ') ? "; " : " ", t);
		free(t);
		free(rooms);
		free(free_text);
	}
	strlist_add(&r->why_not, line);
	free(line);
	free(spans);
}

/* ---- The search ------------------------------------------------------- */

int
slots_abs_int(dais_time v)
{
	return (int)(v < 0 ? -v : v);
}

static const struct slot_query *rank_q;
static const struct programme *rank_p;

static int
rank_cmp(const void *a, const void *b)
{
	const struct slot_candidate *x = a, *y = b;

	if (rank_q->rank_by_total_walk && x->walk != y->walk)
		return x->walk < y->walk ? -1 : 1;
	if (!rank_q->rank_by_total_walk && x->longest_walk != y->longest_walk)
		return x->longest_walk < y->longest_walk ? -1 : 1;
	if (rank_q->prefer >= 0) {
		int dx = slots_abs_int(
		    time_local_minutes(&rank_p->conf.zone, x->start) -
		    rank_q->prefer);
		int dy = slots_abs_int(
		    time_local_minutes(&rank_p->conf.zone, y->start) -
		    rank_q->prefer);

		if (dx != dy)
			return dx < dy ? -1 : 1;
	}
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->room->capacity != y->room->capacity)
		return x->room->capacity < y->room->capacity ? -1 : 1;
	return strcmp(x->room->id, y->room->id);
}

static void
search_day(struct search *s, int day, struct slot_result *r)
{
	const struct programme *p = s->p;
	const struct slot_query *q = s->q;
	struct dais_date d = p->conf.days[day];
	dais_time from = time_at(&p->conf.zone, d, p->conf.day_start);
	dais_time to = time_at(&p->conf.zone, d, p->conf.day_end);
	dais_time len = (dais_time)s->minutes * 60, step = p->conf.step * 60;
	dais_time *starts = NULL, t;
	bool *people_free;
	size_t nstarts = 0, cap = 0, i, k, found = r->n;

	for (t = from; t + len <= to; t += step) {
		if (q->earliest != DAIS_TIME_NONE && t < q->earliest)
			continue;
		if (q->latest != DAIS_TIME_NONE && t + len > q->latest)
			continue;
		XGROW(starts, nstarts, cap);
		starts[nstarts++] = t;
	}
	people_free = xcalloc(nstarts + 1, sizeof *people_free);
	for (i = 0; i < nstarts; i++) {
		struct session c = s->tpl; /* shallow: only read */
		struct verdict v;

		c.start = starts[i];
		c.end = starts[i] + len;
		c.room_id = NULL;
		c.location = NULL;
		v = slots_judge(s->x, &c, s->reach, s->self, &s->scratch, NULL);
		r->checked++;
		people_free[i] = acceptable(v, q->allow_warnings);
		if (!people_free[i])
			continue;
		for (k = 0; k < s->nrooms; k++) {
			struct slot_candidate cand;

			memset(&cand, 0, sizeof cand);
			c.room_id = s->rooms[k]->id;
			c.location = s->rooms[k]->name;
			v = slots_judge(s->x, &c, s->reach, s->self,
			                &s->scratch, &cand.warnings);
			r->checked++;
			if (!acceptable(v, q->allow_warnings)) {
				strlist_clear(&cand.warnings);
				continue;
			}
			cand.start = c.start;
			cand.end = c.end;
			cand.room = s->rooms[k];
			cand.kinds = v.kinds;
			walking(s, &cand, from, to);
			result_add(r, &cand);
		}
	}
	if (r->n == found)
		explain_day(s, day, people_free, starts, nstarts, r);
	free(people_free);
	free(starts);
}

bool
slots_find(const struct session_index *x, const struct slot_query *q,
           struct slot_result *r, char **why)
{
	struct search s;
	int day;
	bool ok = false;

	memset(&s, 0, sizeof s);
	s.x = x;
	s.p = session_index_programme(x);
	s.q = q;
	*why = NULL;
	if (q->day >= (int)s.p->conf.ndays) {
		*why = xstrdup("That day is not a conference day.");
		return false;
	}
	if (!make_template(&s, why) || !choose_rooms(&s, why))
		goto out;
	s.reach = slots_reach_of(s.p);
	for (day = 0; day < (int)s.p->conf.ndays; day++)
		if (q->day < 0 || q->day == day)
			search_day(&s, day, r);
	rank_q = q;
	rank_p = s.p;
	if (r->n > 1)
		qsort(r->v, r->n, sizeof *r->v, rank_cmp);
	ok = true;
out:
	index_hits_clear(&s.scratch);
	free(s.rooms);
	session_free(&s.tpl);
	return ok;
}

void
slots_candidate_session(const struct session_index *x,
                        const struct slot_query *q,
                        const struct slot_candidate *c, struct session *out)
{
	struct search s;
	char *why = NULL;

	memset(&s, 0, sizeof s);
	s.x = x;
	s.p = session_index_programme(x);
	s.q = q;
	if (!make_template(&s, &why)) {
		free(why);
		session_init(out);
		session_free(&s.tpl);
		return;
	}
	*out = s.tpl;
	out->start = c->start;
	out->end = c->end;
	free(out->room_id);
	free(out->location);
	out->room_id = xstrdup(c->room->id);
	out->location = xstrdup(c->room->name);
}
