/*
 * runsheet_for.c: one participant's own programme, the sheet a protocol
 * officer hands a head of delegation: their sessions day by day with their
 * role, whom they meet, room and building, the walk to the next building,
 * where the rest of their delegation is meanwhile, and the session's
 * public description.
 * Which sessions, and what is private, is decided as `dais export --for`
 * decides (export_includes, public): internal notes, contact details and
 * conflicts never appear. Laid out by the run-sheet's text and PDF
 * renderers (runsheet_doc.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dais/export.h"
#include "dais/lineup.h"
#include "dais/runsheet.h"
#include "dais/textwidth.h"
#include "dais/xalloc.h"
#include "runsheet_doc.h"

/* More colleagues elsewhere than this are counted, not listed. */
#define LIST_ELSEWHERE_MAX 8
/* More others than this in an open session (a plenary's speakers and
 * delegations) are counted, not named: the subject is one of many. */
#define LIST_WITH_MAX 10

struct for_ctx {
	const struct programme *p;
	const struct participant *who;
	bool group; /* the programme of a delegation or organisation */
	struct export_options eo; /* public, for_id = who->id */
	size_t *v;                /* the chosen sessions, in time order */
	size_t n;
};

static int
by_time(const void *a, const void *b, void *arg)
{
	const struct programme *p = arg;
	const struct session *x = &p->sessions[*(const size_t *)a];
	const struct session *y = &p->sessions[*(const size_t *)b];

	return rs_session_before(x, y) ? -1 : rs_session_before(y, x) ? 1 : 0;
}

/* The sessions the participant's calendar holds, cancelled ones left out:
 * a printed programme lists what will happen. */
static void
choose(struct for_ctx *c)
{
	const struct programme *p = c->p;
	size_t i;

	c->v = xcalloc(p->nsessions + 1, sizeof *c->v);
	for (i = 0; i < p->nsessions; i++) {
		const struct session *s = &p->sessions[i];

		if (s->status == SESSION_CANCELLED ||
		    s->start == DAIS_TIME_NONE || s->end == DAIS_TIME_NONE ||
		    !export_includes(p, &c->eo, s))
			continue;
		c->v[c->n++] = i;
	}
	qsort_r(c->v, c->n, sizeof *c->v, by_time, (void *)p);
}

static const char *
ordinal_suffix(size_t n)
{
	if (n % 100 >= 11 && n % 100 <= 13)
		return "th";
	return n % 10 == 1   ? "st"
	       : n % 10 == 2 ? "nd"
	       : n % 10 == 3 ? "rd"
	                     : "th";
}

static const char *
role_word(enum role r)
{
	return r == ROLE_CHAIR     ? "chair"
	       : r == ROLE_SPEAKER ? "speaker"
	                           : "participant";
}

static const char *
role_title(enum role r)
{
	return r == ROLE_CHAIR     ? "Chair"
	       : r == ROLE_SPEAKER ? "Speaker"
	                           : "Participant";
}

/* Whether an assignment's participant is `who` or one of its members. */
static bool
counts_for(const struct for_ctx *c, const struct lineup_person *x)
{
	if (x->a->participant_id == NULL)
		return false;
	if (strcmp(x->a->participant_id, c->who->id) == 0)
		return true;
	return x->who != NULL && x->who->delegation != NULL &&
	       strcmp(x->who->delegation, c->who->id) == 0;
}

/*
 * "Speaker (2nd of 5)", "Chair", "Participant" for a person; for a group,
 * each of its people in the session with their role, in protocol order
 * (lineup.h, as every public output orders them).
 */
static void
add_role(const struct for_ctx *c, const struct session *s, struct rs_block *b)
{
	struct lineup_person *people = lineup_of(c->p, s);
	struct rs_field *f = NULL;
	size_t i, nspeakers = 0, place = 0;

	for (i = 0; i < s->nassign; i++)
		if (people[i].heading == LINEUP_SPEAKER) {
			nspeakers++;
			if (place == 0 && counts_for(c, &people[i]) &&
			    !c->group)
				place = nspeakers;
		}
	for (i = 0; i < s->nassign; i++) {
		const struct lineup_person *x = &people[i];
		char *text;

		if (!counts_for(c, x))
			continue;
		if (f == NULL)
			f = rs_add_field(b, c->group ? "Delegation" : "Role",
			                 false);
		if (c->group)
			text = xasprintf("%s (%s)", lineup_name(x),
			                 role_word(x->a->role));
		else if (x->a->role == ROLE_SPEAKER && nspeakers > 1)
			text = xasprintf("Speaker (%zu%s of %zu)", place,
			                 ordinal_suffix(place), nspeakers);
		else
			text = xstrdup(role_title(x->a->role));
		rs_add_entry(f, text, NULL, 0);
		if (!c->group)
			break;
	}
	/* Who else chairs: the chair, or co-chairs when they chair too. */
	if (!c->group) {
		struct rs_field *ch = NULL;
		bool chairs = false;

		for (i = 0; i < s->nassign; i++)
			if (people[i].heading == LINEUP_CHAIR &&
			    counts_for(c, &people[i]))
				chairs = true;
		for (i = 0; i < s->nassign; i++)
			if (people[i].heading == LINEUP_CHAIR &&
			    !counts_for(c, &people[i])) {
				if (ch == NULL)
					ch = rs_add_field(
					    b, chairs ? "Co-chair" : "Chair",
					    false);
				rs_add_entry(ch,
				             rs_person_name(c->p, people[i].a),
				             NULL, 0);
			}
	}
	free(people);
}

/*
 * "With": the session's other people, by the names the run-sheet uses and
 * in protocol order, the chairs named above left out. In a bilateral or a
 * closed meeting the counterpart is the point of the meeting, so all are
 * named; in a larger open session more than LIST_WITH_MAX are counted.
 */
static void
add_with(const struct for_ctx *c, const struct session *s, struct rs_block *b)
{
	struct lineup_person *people = lineup_of(c->p, s);
	bool all =
	    s->confidential ||
	    (s->kind != NULL && text_compare_folded(s->kind, "BILATERAL") == 0);
	struct rs_field *f = NULL;
	size_t i, n = 0;

	for (i = 0; i < s->nassign; i++)
		if (!counts_for(c, &people[i]) &&
		    (c->group || people[i].heading != LINEUP_CHAIR))
			n++;
	if (n > 0)
		f = rs_add_field(b, "With", false);
	if (n > LIST_WITH_MAX && !all)
		rs_add_entry(f, xasprintf("%zu other participants", n), NULL,
		             0);
	else
		for (i = 0; i < s->nassign; i++)
			if (!counts_for(c, &people[i]) &&
			    (c->group || people[i].heading != LINEUP_CHAIR))
				rs_add_entry(f,
				             rs_person_name(c->p, people[i].a),
				             NULL, 0);
	free(people);
}

/* The walk to the next session when it is in another building. */
static void
add_walk(const struct for_ctx *c, const struct session *s,
         const struct session *next, struct rs_block *b)
{
	const struct programme *p = c->p;
	const struct room *ra =
	    s->room_id ? programme_find_room(p, s->room_id) : NULL;
	const struct room *rb = next && next->room_id
	                            ? programme_find_room(p, next->room_id)
	                            : NULL;
	char buf[DAIS_TIMEBUF], *where, *title;
	long long gap;
	int walk;

	/* An all-day item has no hour to walk to or from. */
	if (s->all_day || (next != NULL && next->all_day))
		return;
	if (ra == NULL || rb == NULL || ra->building == NULL ||
	    rb->building == NULL || strcmp(ra->building, rb->building) == 0)
		return;
	/* The next morning's first session needs no walk from tonight's. */
	if (date_compare(time_local_date(&p->conf.zone, next->start),
	                 time_local_date(&p->conf.zone, s->end)) != 0)
		return;
	walk = programme_walk_minutes(p, ra, rb);
	gap = (long long)((next->start - s->end) / 60);
	where = rs_room_label(p, rb);
	title = rs_short_title(next);
	time_fmt_hm(buf, &p->conf.zone, next->start);
	if (walk > 0)
		rs_add_value(b, "Walk",
		             xasprintf("%d min to %s for '%s' at %s%s", walk,
		                       where, title, buf,
		                       gap < walk ? ", more than the time "
		                                    "between: leave early"
		                                  : ""));
	else
		rs_add_value(
		    b, "Walk",
		    xasprintf("to %s, another building, for '%s' at %s", where,
		              title, buf));
	free(title);
	free(where);
}

/* Whether session t has someone of the delegation other than the subject. */
static const struct participant *
colleague_in(const struct for_ctx *c, const struct session *t)
{
	const char *g = c->who->delegation;
	size_t j;

	for (j = 0; j < t->nassign; j++) {
		const char *id = t->assign[j].participant_id;
		const struct participant *y;

		if (id == NULL || strcmp(id, c->who->id) == 0)
			continue;
		y = programme_find_participant(c->p, id);
		if (y == NULL)
			continue;
		if (strcmp(y->id, g) == 0 ||
		    (y->delegation != NULL && strcmp(y->delegation, g) == 0))
			return y;
	}
	return NULL;
}

/* Where the rest of a person's delegation is while s runs. */
static void
add_elsewhere(const struct for_ctx *c, const struct session *s,
              struct rs_block *b)
{
	const struct programme *p = c->p;
	struct rs_field *f = NULL;
	size_t i, shown = 0, more = 0;

	/* Over a whole day that would be all of the delegation's day. */
	if (c->group || c->who->delegation == NULL || s->all_day)
		return;
	for (i = 0; i < p->nsessions; i++) {
		const struct session *t = &p->sessions[i];
		const struct participant *y;
		char b1[DAIS_TIMEBUF], b2[DAIS_TIMEBUF], *title, *room;

		if (t == s || t->status == SESSION_CANCELLED || t->all_day ||
		    t->start == DAIS_TIME_NONE || t->end == DAIS_TIME_NONE ||
		    !(t->start < s->end && s->start < t->end) ||
		    (y = colleague_in(c, t)) == NULL)
			continue;
		/* A closed meeting of others is not the subject's to see. */
		if (t->confidential)
			continue;
		if (shown == LIST_ELSEWHERE_MAX) {
			more++;
			continue;
		}
		if (f == NULL)
			f = rs_add_field(b, "Delegation", false);
		title = rs_short_title(t);
		room = rs_session_room_label(p, t);
		rs_add_entry(f,
		             xasprintf("%s: '%s', %s-%s", y->name, title,
		                       time_fmt_hm(b1, &p->conf.zone, t->start),
		                       time_fmt_hm(b2, &p->conf.zone, t->end)),
		             room, 0);
		free(title);
		shown++;
	}
	if (more > 0)
		rs_add_entry(f, xasprintf("and %zu more", more), NULL, 0);
}

/*
 * An all-day item's head: "all day" instead of its midnights, and which of
 * its days this is ("day 2 of 3") instead of "continued from ... 00:00".
 */
static void
all_day_head(const struct programme *p, const struct session *s, int day,
             struct rs_block *b)
{
	const struct dais_zone *z = &p->conf.zone;
	int64_t first = date_to_days(time_local_date(z, s->start));
	int64_t days = date_to_days(time_local_date(z, s->end)) - first;
	int64_t which = date_to_days(p->conf.days[day]) - first + 1;
	char *span;

	free(b->time);
	free(b->start);
	free(b->end);
	free(b->duration);
	free(b->meta);
	free(b->continued);
	b->continued = NULL;
	b->time = xstrdup("all day");
	b->start = xstrdup("all day");
	if (days <= 1) {
		b->end = xstrdup("the day's end");
		b->duration = xstrdup("all day");
		span = xstrdup("all day");
	} else {
		char buf[DAIS_TIMEBUF];

		b->end =
		    xstrdup(date_fmt_long(buf, time_local_date(z, s->end - 1)));
		b->duration = xasprintf("%lld days", (long long)days);
		span = xasprintf("all day, day %lld of %lld", (long long)which,
		                 (long long)days);
	}
	b->meta =
	    xasprintf("%s \xc2\xb7 %s \xc2\xb7 %s%s", span, b->kind, b->status,
	              b->closed ? " \xc2\xb7 CLOSED MEETING" : "");
	free(span);
}

static void
build_block(const struct for_ctx *c, size_t k, int day, struct rs_block *b)
{
	const struct session *s = &c->p->sessions[c->v[k]];
	const struct session *next =
	    k + 1 < c->n ? &c->p->sessions[c->v[k + 1]] : NULL;

	rs_block_head(c->p, s, day, b);
	if (s->all_day)
		all_day_head(c->p, s, day, b);
	add_role(c, s, b);
	add_with(c, s, b);
	rs_add_value(b, "Room", rs_session_room_label(c->p, s));
	if (s->languages.n > 0)
		rs_add_value(b, "Interpretation",
		             strlist_join(&s->languages, ", "));
	/* A group's next session may be another member's: no walk. */
	if (!c->group)
		add_walk(c, s, next, b);
	add_elsewhere(c, s, b);
	if (s->description != NULL && *s->description != '\0')
		rs_add_value(b, "Notes", xstrdup(s->description));
}

static void
add_intro(struct rs_doc *d, char *owned)
{
	XGROW(d->intro, d->nintro, d->capintro);
	d->intro[d->nintro++] = owned;
}

static char *
when_text(const struct programme *p, dais_time t)
{
	char b1[DAIS_TIMEBUF], b2[DAIS_TIMEBUF];

	return xasprintf("%s %s",
	                 date_fmt_long(b1, time_local_date(&p->conf.zone, t)),
	                 time_fmt_hm(b2, &p->conf.zone, t));
}

/* Name (and in its own script), office and delegation, arrival and
 * departure. */
static void
build_intro(const struct for_ctx *c, struct rs_doc *d)
{
	const struct participant *x = c->who;
	const struct participant *g =
	    x->delegation ? programme_find_participant(c->p, x->delegation)
	                  : NULL;
	char *arr = NULL, *dep = NULL;

	add_intro(d, xasprintf("Programme of %s", x->name));
	if (x->name_local != NULL && *x->name_local != '\0' &&
	    strcmp(x->name_local, x->name) != 0)
		add_intro(d, xstrdup(x->name_local));
	if (x->title != NULL && *x->title != '\0' && g != NULL && g != x)
		add_intro(d, xasprintf("%s \xc2\xb7 delegation of %s", x->title,
		                       g->name));
	else if (x->title != NULL && *x->title != '\0')
		add_intro(d, xstrdup(x->title));
	else if (g != NULL && g != x)
		add_intro(d, xasprintf("Delegation of %s", g->name));
	if (x->arrival != DAIS_TIME_NONE)
		arr = when_text(c->p, x->arrival);
	if (x->departure != DAIS_TIME_NONE)
		dep = when_text(c->p, x->departure);
	if (arr && dep)
		add_intro(d,
		          xasprintf("Arrives %s \xc2\xb7 leaves %s", arr, dep));
	else if (arr || dep)
		add_intro(d,
		          xasprintf("%s %s \xc2\xb7 %s",
		                    arr ? "Arrives" : "Leaves", arr ? arr : dep,
		                    arr ? "departure not given"
		                        : "arrival not given"));
	else
		add_intro(d, xstrdup("Arrival and departure not given"));
	free(arr);
	free(dep);
}

static void
build_section(const struct for_ctx *c, int day, struct rs_section *sec)
{
	const struct programme *p = c->p;
	size_t k, n = 0;

	memset(sec, 0, sizeof *sec);
	sec->day = rs_long_date(p->conf.days[day]);
	sec->dayno = xasprintf("Day %d of %zu", day + 1, p->conf.ndays);
	sec->scope = xstrdup(c->who->name);
	sec->blocks = xcalloc(c->n + 1, sizeof *sec->blocks);
	for (k = 0; k < c->n; k++)
		if (rs_session_on_day(p, &p->sessions[c->v[k]], day))
			build_block(c, k, day, &sec->blocks[n++]);
	sec->nblocks = sec->capblocks = n;
	sec->summary =
	    xasprintf("%zu session%s on this day", n, n == 1 ? "" : "s");
	sec->empty = xstrdup("No sessions on this day.");
}

struct rs_doc *
rs_for_build(const struct programme *p, const struct runsheet_options *o)
{
	struct for_ctx c;
	struct rs_doc *d = rs_doc_start(p, o);
	size_t i;

	memset(&c, 0, sizeof c);
	c.p = p;
	c.who = programme_find_participant(p, o->for_id);
	c.group = participant_is_group(c.who);
	export_options_init(&c.eo);
	c.eo.for_id = c.who->id;
	choose(&c);

	d->tag = "PROGRAMME";
	d->foot = "Personal programme";
	free(d->marking);
	d->marking = xstrdup("PERSONAL PROGRAMME");
	d->subject = xstrdup(c.who->name);
	build_intro(&c, d);
	for (i = 0; i < p->conf.ndays; i++) {
		if (!o->all_days && date_compare(p->conf.days[i], o->day) != 0)
			continue;
		XGROW(d->sections, d->nsections, d->capsections);
		build_section(&c, (int)i, &d->sections[d->nsections++]);
	}
	free(c.v);
	return d;
}

/* --- one file each --------------------------------------------------- */

bool
runsheet_per_participant(const struct programme *p,
                         const struct runsheet_options *o, const char *dir,
                         size_t *written, char **msg)
{
	struct runsheet_options one = *o;
	bool *has = xcalloc(p->npeople + 1, sizeof *has);
	struct stat st;
	size_t i, j, n = 0;
	char *why = NULL;
	bool ok = true;

	if (written != NULL)
		*written = 0;
	one.for_id = NULL;
	if (!runsheet_check(p, &one, &why)) {
		*msg = why;
		free(has);
		return false;
	}
	if (stat(dir, &st) != 0) {
		if (errno != ENOENT || mkdir(dir, 0777) != 0) {
			*msg = xasprintf("cannot make the directory %s: %s",
			                 dir, strerror(errno));
			free(has);
			return false;
		}
	} else if (!S_ISDIR(st.st_mode)) {
		*msg = xasprintf("%s is not a directory; name a directory for "
		                 "the programmes",
		                 dir);
		free(has);
		return false;
	}
	/* Who has a session: each assigned person and their delegation, in
	 * one pass, so thousands of people do not mean thousands of scans. */
	for (i = 0; i < p->nsessions; i++) {
		const struct session *s = &p->sessions[i];

		if (s->status == SESSION_CANCELLED ||
		    s->start == DAIS_TIME_NONE || s->end == DAIS_TIME_NONE)
			continue;
		for (j = 0; j < s->nassign; j++) {
			const struct participant *x, *g;

			if (s->assign[j].participant_id == NULL ||
			    (x = programme_find_participant(
			         p, s->assign[j].participant_id)) == NULL)
				continue;
			has[x - p->people] = true;
			if (x->delegation != NULL &&
			    (g = programme_find_participant(
			         p, x->delegation)) != NULL)
				has[g - p->people] = true;
		}
	}
	for (i = 0; i < p->npeople && ok; i++) {
		const struct participant *x = &p->people[i];
		char *path, *done = NULL;

		if (!has[i])
			continue;
		if (!export_id_is_file_name(x->id)) {
			*msg =
			    xasprintf("the id '%s' in participants.ini cannot "
			              "name a file; use lowercase letters, "
			              "digits and '-' (wrote %zu programme%s "
			              "before it)",
			              x->id, n, n == 1 ? "" : "s");
			ok = false;
			break;
		}
		one.for_id = x->id;
		path = xasprintf("%s/%s.%s", dir, x->id,
		                 o->format == RUNSHEET_PDF ? "pdf" : "txt");
		if (!runsheet_save(p, &one, path, &done)) {
			*msg = xasprintf("%s (wrote %zu programme%s before it)",
			                 done, n, n == 1 ? "" : "s");
			ok = false;
		} else {
			n++;
		}
		free(done);
		free(path);
	}
	free(has);
	if (written != NULL)
		*written = n;
	if (ok)
		*msg = xasprintf("Wrote %zu programme%s to %s, one for each "
		                 "participant with a session.",
		                 n, n == 1 ? "" : "s", dir);
	return ok;
}
