/*
 * runsheet.c: what a run-sheet says. Picks the day's sessions, orders the
 * people by protocol, words attendance, changeover and every conflict from
 * the session's own point of view, and hands the document to the text or
 * PDF renderer (runsheet_out.c has the ways out: stream, file, printer).
 */
#include "dais/runsheet.h"

#include <stdlib.h>
#include <string.h>

#include "dais/conflict.h"
#include "dais/lineup.h"
#include "dais/source_date.h"
#include "dais/textwidth.h"
#include "dais/strbuf.h"
#include "dais/xalloc.h"
#include "runsheet_doc.h"

/* More individual participants than this are counted, not listed. */
#define LIST_PARTICIPANTS_MAX 12

/* --- people ------------------------------------------------------------ */

char *
rs_person_name(const struct programme *p, const struct assignment *a)
{
	const struct participant *x =
	    a->participant_id ? programme_find_participant(p, a->participant_id)
	                      : NULL;

	if (x == NULL)
		return xstrdup(a->cn && *a->cn     ? a->cn
		               : a->participant_id ? a->participant_id
		                                   : "(unnamed)");
	if (x->name_local != NULL && *x->name_local != '\0' &&
	    strcmp(x->name_local, x->name) != 0)
		return xasprintf("%s (%s)", x->name, x->name_local);
	return xstrdup(x->name);
}

/*
 * Office and delegation: "Minister of Interior, Kuwait", leaving out what
 * the display name already says ("Minister of Interior — Kuwait" needs no
 * second line).
 */
static char *
person_detail(const struct programme *p, const struct assignment *a)
{
	const struct participant *x =
	    a->participant_id ? programme_find_participant(p, a->participant_id)
	                      : NULL;
	const struct participant *d;
	const char *title, *deleg;

	if (x == NULL)
		return xasprintf("id '%s' is not in participants.ini",
		                 a->participant_id ? a->participant_id : "");
	d = x->delegation ? programme_find_participant(p, x->delegation) : NULL;
	title = x->title && *x->title && strstr(x->name, x->title) == NULL
	            ? x->title
	            : NULL;
	deleg = d ? d->name : x->delegation;
	if (deleg != NULL && (*deleg == '\0' || strstr(x->name, deleg)))
		deleg = NULL;
	if (title && deleg)
		return xasprintf("%s, %s", title, deleg);
	if (title || deleg)
		return xstrdup(title ? title : deleg);
	return NULL;
}

/* --- fields ------------------------------------------------------------ */

struct rs_field *
rs_add_field(struct rs_block *b, const char *label, bool joined)
{
	struct rs_field *f;

	XGROW(b->fields, b->nfields, b->capfields);
	f = &b->fields[b->nfields++];
	memset(f, 0, sizeof *f);
	f->label = label;
	f->joined = joined;
	return f;
}

/* Takes ownership of text and detail. */
void
rs_add_entry(struct rs_field *f, char *text, char *detail, int number)
{
	XGROW(f->v, f->n, f->cap);
	f->v[f->n].text = text;
	f->v[f->n].detail = detail;
	f->v[f->n].number = number;
	f->n++;
}

void
rs_add_value(struct rs_block *b, const char *label, char *text)
{
	rs_add_entry(rs_add_field(b, label, false), text, NULL, 0);
}

char *
rs_room_label(const struct programme *p, const struct room *r)
{
	const char *name = r->name ? r->name : r->id;
	const char *building = programme_building_name(p, r->building);

	if (building == NULL || *building == '\0')
		return xstrdup(name);
	return xasprintf("%s (%s)", name, building);
}

char *
rs_session_room_label(const struct programme *p, const struct session *s)
{
	const struct room *r =
	    s->room_id ? programme_find_room(p, s->room_id) : NULL;

	if (r != NULL)
		return rs_room_label(p, r);
	if (s->room_id != NULL)
		return xasprintf("%s (room id '%s' is not in venues.ini)",
		                 s->location ? s->location : s->room_id,
		                 s->room_id);
	if (s->location != NULL)
		return xasprintf("%s (no room id)", s->location);
	return xstrdup("(no room given)");
}

/*
 * The session's people by role in protocol order: lineup.h's order, the
 * one the exported calendars, the frab schedule and the HTML page use.
 */
static void
add_people(const struct programme *p, const struct session *s,
           struct rs_block *b)
{
	struct lineup_person *people = lineup_of(p, s);
	struct rs_field *chair = NULL, *speak = NULL, *part = NULL,
	                *orgs = NULL;
	size_t i, nindividual = 0;
	int number = 0;

	for (i = 0; i < s->nassign; i++)
		nindividual += people[i].heading == LINEUP_PARTICIPANT;
	for (i = 0; i < s->nassign; i++) {
		const struct assignment *a = people[i].a;

		switch (people[i].heading) {
		case LINEUP_CHAIR:
			if (chair == NULL)
				chair = rs_add_field(b, "Chair", false);
			rs_add_entry(chair, rs_person_name(p, a),
			             person_detail(p, a), 0);
			break;
		case LINEUP_SPEAKER:
			if (speak == NULL)
				speak = rs_add_field(b, "Speakers", false);
			rs_add_entry(speak, rs_person_name(p, a),
			             person_detail(p, a), ++number);
			break;
		case LINEUP_PARTICIPANT:
			/* Headings come in order, so the count stands where
			 * the list would. */
			if (part == NULL)
				part = rs_add_field(b, "Participants", true);
			if (nindividual <= LIST_PARTICIPANTS_MAX)
				rs_add_entry(part, rs_person_name(p, a), NULL,
				             0);
			else if (part->n == 0)
				rs_add_entry(
				    part,
				    xasprintf("%zu people assigned (see "
				              "the participants view)",
				              nindividual),
				    NULL, 0);
			break;
		case LINEUP_GROUP:
			if (orgs == NULL)
				orgs = rs_add_field(b, "Organisations", true);
			rs_add_entry(orgs, rs_person_name(p, a), NULL, 0);
			break;
		case LINEUP_HEADING_COUNT:
			break;
		}
	}
	if (chair != NULL && chair->n > 1)
		chair->label = "Chairs";
	free(people);
}

/* --- times ------------------------------------------------------------- */

/* "10:30", or "01:00+1" when the session ends on a later local day than
 * `from` (the day the block is shown on). */
char *
rs_end_label(const struct programme *p, const struct session *s,
             struct dais_date from)
{
	const struct dais_zone *z = &p->conf.zone;
	char buf[DAIS_TIMEBUF];
	int64_t days =
	    date_to_days(time_local_date(z, s->end)) - date_to_days(from);

	time_fmt_hm(buf, z, s->end);
	if (days > 0)
		return xasprintf("%s+%lld", buf, (long long)days);
	return xstrdup(buf);
}

/*
 * Whether s is held on conference day `day`: it starts that day, or started
 * earlier and is still running after the day's local midnight (a session
 * ending at 00:00 does not touch the next day).
 */
bool
rs_session_on_day(const struct programme *p, const struct session *s, int day)
{
	const struct dais_zone *z = &p->conf.zone;
	struct dais_date d = p->conf.days[day];
	dais_time midnight;

	if (programme_day_of(p, s->start) == day)
		return true;
	if (date_compare(time_local_date(z, s->start), d) >= 0 ||
	    s->end == DAIS_TIME_NONE || s->end <= s->start)
		return false;
	midnight = time_at(z, d, 0);
	return s->end > midnight;
}

bool
rs_session_before(const struct session *a, const struct session *b)
{
	if (a->start != b->start)
		return a->start < b->start;
	if (a->end != b->end)
		return a->end < b->end;
	return strcmp(a->uid ? a->uid : "", b->uid ? b->uid : "") < 0;
}

/* Half-open, as the conflict engine reads times. */
static bool
sessions_overlap(const struct session *a, const struct session *b)
{
	return a->start < b->end && b->start < a->end;
}

static bool
same_room(const struct session *a, const struct session *b)
{
	return a != b && b->status != SESSION_CANCELLED && b->room_id != NULL &&
	       strcmp(a->room_id, b->room_id) == 0;
}

/*
 * What comes next in s's room on this day: another session there that
 * overlaps s (the room is double-booked: the first such, in time order,
 * through *overlap), or else the first to start once s has ended.
 */
static const struct session *
next_in_room(const struct programme *p, const struct session *s, int day,
             bool *overlap)
{
	const struct session *best = NULL, *clash = NULL;
	size_t i;

	for (i = 0; i < p->nsessions; i++) {
		const struct session *t = &p->sessions[i];

		if (t->all_day || !same_room(s, t) ||
		    !rs_session_on_day(p, t, day))
			continue;
		if (sessions_overlap(s, t)) {
			if (clash == NULL || rs_session_before(t, clash))
				clash = t;
		} else if (t->start >= s->end &&
		           (best == NULL || rs_session_before(t, best))) {
			best = t;
		}
	}
	*overlap = clash != NULL;
	return clash != NULL ? clash : best;
}

static char *
changeover_label(const struct programme *p, const struct session *s, int day)
{
	bool overlap;
	const struct session *t = next_in_room(p, s, day, &overlap);
	char b1[DAIS_TIMEBUF], b2[DAIS_TIMEBUF], *title, *out;
	long long gap;

	if (t == NULL)
		return xstrdup("none today (last session in this room)");
	time_fmt_hm(b1, &p->conf.zone, t->start);
	if (overlap) {
		title = rs_short_title(t);
		time_fmt_hm(b2, &p->conf.zone, t->end);
		out = xasprintf("'%s' %s-%s overlaps this session (the room "
		                "is double-booked)",
		                title, b1, b2);
		free(title);
		return out;
	}
	gap = (long long)((t->start - s->end) / 60);
	if (gap < p->conf.changeover)
		return xasprintf("%s, only %lld min to change over (%d needed)",
		                 b1, gap, p->conf.changeover);
	if (gap >= 60)
		return xasprintf("%s; the room is free from %s", b1,
		                 time_fmt_hm(b2, &p->conf.zone, s->end));
	return xasprintf("%s, %lld min changeover", b1, gap);
}

/* --- conflicts --------------------------------------------------------- */

char *
rs_short_title(const struct session *s)
{
	return text_truncate(s->title ? s->title : "(untitled)", 48);
}

/* "'Bilateral' 11:00-11:30" for each session of c other than si. */
static char *
others(const struct programme *p, const struct conflict *c, size_t si)
{
	char b1[DAIS_TIMEBUF], b2[DAIS_TIMEBUF];
	char *s = xstrdup(""), *t, *title;
	size_t i, n = 0;

	for (i = 0; i < c->nsessions; i++) {
		const struct session *o;

		if (c->sessions[i] == si)
			continue;
		o = &p->sessions[c->sessions[i]];
		title = rs_short_title(o);
		t = xasprintf("%s%s'%s' %s-%s", s, n++ ? ", " : "", title,
		              time_fmt_hm(b1, &p->conf.zone, o->start),
		              time_fmt_hm(b2, &p->conf.zone, o->end));
		free(title);
		free(s);
		s = t;
	}
	return s;
}

static const char *
participant_label(const struct programme *p, const char *id)
{
	const struct participant *x =
	    id ? programme_find_participant(p, id) : NULL;

	return x ? x->name : id ? id : "someone";
}

static char *
room_name_of(const struct programme *p, const char *id)
{
	const struct room *r = id ? programme_find_room(p, id) : NULL;

	return xstrdup(r && r->name ? r->name : id ? id : "the room");
}

static char *
when_label(const struct programme *p, dais_time t)
{
	char b1[DAIS_TIMEBUF], b2[DAIS_TIMEBUF];
	struct dais_date d = time_local_date(&p->conf.zone, t);

	return xasprintf("%s %s", date_fmt_long(b1, d),
	                 time_fmt_hm(b2, &p->conf.zone, t));
}

/* Names the booths a session needs that its room lacks. */
static char *
missing_booths(const struct programme *p, const struct session *s)
{
	const struct room *r =
	    s->room_id ? programme_find_room(p, s->room_id) : NULL;
	struct strlist miss = {0};
	char *out;
	size_t i;

	for (i = 0; i < s->languages.n; i++)
		if (r == NULL || !strlist_has(&r->languages, s->languages.v[i]))
			strlist_add(&miss, s->languages.v[i]);
	out = strlist_join(&miss, ", ");
	strlist_clear(&miss);
	return out;
}

/*
 * One line on why session si takes part in c, told from si's side so a
 * floor manager reading this block sees what clashes with it.
 */
static char *
conflict_reason(const struct programme *p, const struct conflict *c, size_t si)
{
	const struct session *s = &p->sessions[si];
	const struct participant *x =
	    c->participant_id ? programme_find_participant(p, c->participant_id)
	                      : NULL;
	char *o = others(p, c, si), *out = NULL, *tmp, *room;

	switch (c->kind) {
	case CONFLICT_ROOM_DOUBLE_BOOKED:
		room = room_name_of(p, c->room_id ? c->room_id : s->room_id);
		if (*o)
			out = xasprintf("%s is also booked for %s", room, o);
		free(room);
		break;
	case CONFLICT_PARTICIPANT_DOUBLE_BOOKED:
		if (*o)
			out = xasprintf("%s is also in %s",
			                participant_label(p, c->participant_id),
			                o);
		break;
	case CONFLICT_DELEGATION_OVER_COMMITTED:
		if (*o && x != NULL && x->delegates > 0)
			out = xasprintf("%s (%d delegate%s at a time) is also "
			                "in %s",
			                x->name, x->delegates,
			                x->delegates == 1 ? "" : "s", o);
		else if (*o)
			out = xasprintf("%s is also in %s",
			                participant_label(p, c->participant_id),
			                o);
		break;
	case CONFLICT_OUTSIDE_AVAILABILITY:
		if (x != NULL && x->arrival != DAIS_TIME_NONE &&
		    s->start < x->arrival) {
			tmp = when_label(p, x->arrival);
			out = xasprintf("%s arrives only %s", x->name, tmp);
			free(tmp);
		} else if (x != NULL && x->departure != DAIS_TIME_NONE &&
		           s->end > x->departure) {
			tmp = when_label(p, x->departure);
			out = xasprintf("%s leaves %s", x->name, tmp);
			free(tmp);
		}
		break;
	case CONFLICT_OVER_CAPACITY: {
		const struct room *r =
		    s->room_id ? programme_find_room(p, s->room_id) : NULL;

		/* Counted as the check counts: the expected attendance,
		 * or else everyone assigned. */
		if (r != NULL && r->capacity > 0 && s->expected > 0)
			out = xasprintf("%d expected but %s seats %d",
			                s->expected, r->name, r->capacity);
		else if (r != NULL && r->capacity > 0)
			out = xasprintf("%zu people assigned but %s seats %d",
			                s->nassign, r->name, r->capacity);
		break;
	}
	case CONFLICT_TIGHT_CHANGEOVER:
		if (*o) {
			const char *who;

			room = room_name_of(p, c->room_id);
			who = c->participant_id
			          ? participant_label(p, c->participant_id)
			          : room;
			out = xasprintf(
			    "%s has only %lld min between this "
			    "and %s",
			    who, (long long)((c->end - c->start) / 60), o);
			free(room);
		}
		break;
	case CONFLICT_OUTSIDE_HOURS:
		out = xasprintf("outside the conference's days and hours "
		                "(%02d:%02d-%02d:%02d)",
		                p->conf.day_start / 60, p->conf.day_start % 60,
		                p->conf.day_end / 60, p->conf.day_end % 60);
		break;
	case CONFLICT_UNKNOWN_REFERENCE:
		if (c->participant_id != NULL && x == NULL)
			out = xasprintf("participant id '%s' is not in "
			                "participants.ini",
			                c->participant_id);
		else if (c->room_id != NULL &&
		         programme_find_room(p, c->room_id) == NULL)
			out = xasprintf("room id '%s' is not in venues.ini",
			                c->room_id);
		break;
	case CONFLICT_INTERPRETATION_UNAVAILABLE:
		tmp = missing_booths(p, s);
		if (*tmp) {
			room = room_name_of(p, s->room_id);
			out = xasprintf("%s has no interpretation booth for %s",
			                room, tmp);
			free(room);
		}
		free(tmp);
		break;
	default:
		break;
	}
	free(o);
	if (out == NULL)
		out = xstrdup(c->message ? c->message
		                         : conflict_kind_label(c->kind));
	tmp = xasprintf("CONFLICT (%s): %s", severity_name(c->severity), out);
	free(out);
	return tmp;
}

/* --- blocks and sections ------------------------------------------------ */

void
rs_block_head(const struct programme *p, const struct session *s, int day,
              struct rs_block *b)
{
	char b1[DAIS_TIMEBUF], b2[DAIS_TIMEBUF];
	struct dais_date today = p->conf.days[day];
	bool continues =
	    date_compare(time_local_date(&p->conf.zone, s->start), today) < 0;
	char *what;

	memset(b, 0, sizeof *b);
	/* A session from an earlier day is shown from this day's midnight,
	 * and says when it began. */
	b->start = xstrdup(time_fmt_hm(
	    b1, &p->conf.zone,
	    continues ? time_at(&p->conf.zone, today, 0) : s->start));
	b->end = rs_end_label(p, s, today);
	b->time = xasprintf("%s-%s", b->start, b->end);
	b->duration = xstrdup(duration_fmt(b2, s->end - s->start));
	b->title = xstrdup(s->title && *s->title ? s->title : "(untitled)");
	b->kind = xstrdup(s->kind && *s->kind ? s->kind : "SESSION");
	b->status = xstrdup(session_status_name(s->status));
	b->cancelled = s->status == SESSION_CANCELLED;
	b->closed = s->confidential;
	if (continues)
		b->continued = xasprintf(
		    "continued from %s %s",
		    date_fmt_long(b2, time_local_date(&p->conf.zone, s->start)),
		    time_fmt_hm(b1, &p->conf.zone, s->start));
	what = xasprintf("%s \xc2\xb7 %s \xc2\xb7 %s", b->duration, b->kind,
	                 b->status);
	b->meta = xasprintf(
	    "%s%s%s%s", what, b->closed ? " \xc2\xb7 CLOSED MEETING" : "",
	    b->continued ? " \xc2\xb7 " : "", b->continued ? b->continued : "");
	free(what);
}

static void
build_block(const struct programme *p, const struct conflict_list *cl,
            size_t si, int day, struct rs_block *b)
{
	const struct session *s = &p->sessions[si];
	const struct room *r =
	    s->room_id ? programme_find_room(p, s->room_id) : NULL;
	size_t i;

	rs_block_head(p, s, day, b);

	rs_add_value(b, "Room", rs_session_room_label(p, s));
	if (b->closed)
		rs_add_value(
		    b, "Access",
		    xstrdup("closed meeting: only those listed and their "
		            "delegations"));
	add_people(p, s, b);
	if (s->expected > 0 || (r != NULL && r->capacity > 0)) {
		char *exp = s->expected > 0 ? xasprintf("%d", s->expected)
		                            : xstrdup("not estimated");
		char *cap = r != NULL && r->capacity > 0
		                ? xasprintf("%d seats", r->capacity)
		                : xstrdup("capacity unknown");

		rs_add_value(b, "Attendance", xasprintf("%s / %s", exp, cap));
		free(exp);
		free(cap);
	}
	if (s->languages.n > 0)
		rs_add_value(b, "Interpretation",
		             strlist_join(&s->languages, ", "));
	if (!b->cancelled && s->room_id != NULL)
		rs_add_value(b, "Next in room", changeover_label(p, s, day));
	if (s->notes != NULL && *s->notes != '\0')
		rs_add_value(b, "Notes", xstrdup(s->notes));

	for (i = 0; i < cl->n; i++) {
		const struct conflict *c = &cl->v[i];
		struct rs_conflict *rc;

		if (!conflict_involves(c, si))
			continue;
		XGROW(b->conflicts, b->nconflicts, b->capconflicts);
		rc = &b->conflicts[b->nconflicts++];
		rc->severity = c->severity;
		rc->text = conflict_reason(p, c, si);
	}
}

struct order {
	const struct session *s;
	size_t index;
};

static int
order_cmp(const void *va, const void *vb)
{
	const struct order *a = va, *b = vb;

	if (rs_session_before(a->s, b->s))
		return -1;
	if (rs_session_before(b->s, a->s))
		return 1;
	return a->index < b->index ? -1 : a->index > b->index;
}

char *
rs_long_date(struct dais_date d)
{
	char buf[DAIS_TIMEBUF];

	return xstrdup(date_fmt_full(buf, d));
}

/* The all-day items that cover the day (in the room, on a room's sheet),
 * as one line for the top of the sheet; NULL when there are none. */
static char *
all_day_line(const struct programme *p, int day, const struct room *room)
{
	dais_time midnight = time_at(&p->conf.zone, p->conf.days[day], 0);
	struct strbuf b = {0};
	size_t i;

	for (i = 0; i < p->nsessions; i++) {
		const struct session *s = &p->sessions[i];
		char *where;

		if (!s->all_day || s->start > midnight || s->end <= midnight ||
		    (room != NULL &&
		     (s->room_id == NULL || strcmp(s->room_id, room->id) != 0)))
			continue;
		strbuf_addstr(&b, b.n == 0 ? "All day: " : "; ");
		strbuf_addstr(&b, s->title ? s->title : "(untitled)");
		if (room == NULL &&
		    (s->room_id != NULL || s->location != NULL)) {
			where = rs_session_room_label(p, s);
			strbuf_addf(&b, " (%s)", where);
			free(where);
		}
		if (s->status == SESSION_CANCELLED)
			strbuf_addstr(&b, " (cancelled)");
	}
	return b.n > 0 ? strbuf_take(&b) : NULL;
}

static void
build_section(const struct programme *p, const struct conflict_list *cl,
              const struct runsheet_options *o, int day, struct rs_section *sec)
{
	const struct room *room =
	    o->room_id ? programme_find_room(p, o->room_id) : NULL;
	struct order *ord = xcalloc(p->nsessions + 1, sizeof *ord);
	size_t i, n = 0, ncancelled = 0, nconflicts = 0, nerrors = 0;
	char *cancelled;

	memset(sec, 0, sizeof *sec);
	sec->day = rs_long_date(p->conf.days[day]);
	sec->dayno = xasprintf("Day %d of %zu", day + 1, p->conf.ndays);
	if (room != NULL) {
		sec->room = rs_room_label(p, room);
		sec->scope = xasprintf("Room: %s", sec->room);
	} else {
		sec->scope = xstrdup("All rooms");
	}
	sec->all_day = all_day_line(p, day, room);
	for (i = 0; i < p->nsessions; i++) {
		const struct session *s = &p->sessions[i];

		if (s->all_day || !rs_session_on_day(p, s, day))
			continue;
		if (room != NULL &&
		    (s->room_id == NULL || strcmp(s->room_id, room->id) != 0))
			continue;
		ord[n].s = s;
		ord[n].index = i;
		n++;
	}
	qsort(ord, n, sizeof *ord, order_cmp);
	sec->blocks = xcalloc(n ? n : 1, sizeof *sec->blocks);
	sec->nblocks = sec->capblocks = n;
	for (i = 0; i < n; i++) {
		build_block(p, cl, ord[i].index, day, &sec->blocks[i]);
		if (sec->blocks[i].cancelled)
			ncancelled++;
	}
	/* Each conflict once, though a clash is marked on both sessions. */
	for (i = 0; i < cl->n; i++) {
		size_t j;

		for (j = 0; j < n; j++)
			if (conflict_involves(&cl->v[i], ord[j].index))
				break;
		if (j == n)
			continue;
		nconflicts++;
		if (cl->v[i].severity == SEVERITY_ERROR)
			nerrors++;
	}
	free(ord);
	cancelled = ncancelled ? xasprintf(" (%zu cancelled)", ncancelled)
	                       : xstrdup("");
	if (nconflicts == 0)
		sec->summary = xasprintf("%zu session%s%s; no conflicts", n,
		                         n == 1 ? "" : "s", cancelled);
	else
		sec->summary = xasprintf("%zu session%s%s; %zu conflict%s (%zu "
		                         "error%s), marked below",
		                         n, n == 1 ? "" : "s", cancelled,
		                         nconflicts, nconflicts == 1 ? "" : "s",
		                         nerrors, nerrors == 1 ? "" : "s");
	free(cancelled);
	sec->empty =
	    xstrdup(room != NULL ? "No sessions in this room on this day."
	                         : "No sessions on this day.");
}

struct rs_doc *
rs_doc_start(const struct programme *p, const struct runsheet_options *o)
{
	struct rs_doc *d = xcalloc(1, sizeof *d);
	char b1[DAIS_TIMEBUF];
	struct dais_civil c;
	dais_time produced = o->produced;

	if (produced == DAIS_TIME_NONE)
		source_date_now(&produced, NULL);
	c = time_to_civil(&p->conf.zone, produced);
	d->conference = xstrdup(p->conf.name ? p->conf.name : "Programme");
	d->produced = xasprintf("Produced %04d-%02d-%02d %02d:%02d (%s)",
	                        c.year, c.month, c.day, c.hour, c.minute,
	                        p->conf.zone.name ? p->conf.zone.name : "UTC");
	d->created = xstrdup(time_fmt_iso(b1, &p->conf.zone, produced));
	d->marking = xstrdup("INTERNAL");
	d->tag = "RUN-SHEET";
	d->foot = "Internal: not for distribution";
	return d;
}

struct rs_doc *
rs_doc_build(const struct programme *p, const struct runsheet_options *o)
{
	struct rs_doc *d;
	struct conflict_list cl = {0};
	size_t i;

	if (o->for_id != NULL)
		return rs_for_build(p, o);
	d = rs_doc_start(p, o);
	conflict_check(p, &cl);
	for (i = 0; i < p->conf.ndays; i++) {
		if (!o->all_days && date_compare(p->conf.days[i], o->day) != 0)
			continue;
		XGROW(d->sections, d->nsections, d->capsections);
		build_section(p, &cl, o, (int)i, &d->sections[d->nsections++]);
	}
	conflict_list_clear(&cl);
	return d;
}

void
rs_doc_free(struct rs_doc *d)
{
	size_t i, j, k, m;

	if (d == NULL)
		return;
	for (i = 0; i < d->nsections; i++) {
		struct rs_section *sec = &d->sections[i];

		for (j = 0; j < sec->nblocks; j++) {
			struct rs_block *b = &sec->blocks[j];

			for (k = 0; k < b->nfields; k++) {
				for (m = 0; m < b->fields[k].n; m++) {
					free(b->fields[k].v[m].text);
					free(b->fields[k].v[m].detail);
				}
				free(b->fields[k].v);
			}
			for (k = 0; k < b->nconflicts; k++)
				free(b->conflicts[k].text);
			free(b->fields);
			free(b->conflicts);
			free(b->time);
			free(b->start);
			free(b->end);
			free(b->duration);
			free(b->title);
			free(b->meta);
			free(b->kind);
			free(b->status);
			free(b->continued);
		}
		free(sec->blocks);
		free(sec->day);
		free(sec->dayno);
		free(sec->scope);
		free(sec->room);
		free(sec->summary);
		free(sec->empty);
		free(sec->all_day);
	}
	free(d->sections);
	free(d->conference);
	free(d->produced);
	free(d->created);
	free(d->marking);
	for (i = 0; i < d->nintro; i++)
		free(d->intro[i]);
	free(d->intro);
	free(d->subject);
	free(d);
}
