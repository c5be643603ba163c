/*
 * conflict_room.c: the rules of rooms (double booking and changeover per
 * room) and of one session alone: unknown room, capacity, interpretation,
 * daily hours and conference days.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conflict_internal.h"
#include "dais/xalloc.h"

/* ---- Rooms ------------------------------------------------------------- */

void
conflict_check_rooms(struct check *ck)
{
	const struct programme *p = ck->p;
	struct pending_list pend;
	struct inc *v;
	size_t n, lo, hi, i, nkeys;

	conflict_pending_init(&pend, &ck->space, ck->nlive);
	for (i = 0; i < ck->nlive; i++) {
		size_t si = ck->order[i];

		/* A room found has an id: the session need not be read. */
		if (ck->rooms[si] != NULL)
			conflict_pending_push(
			    &pend, si, (uint32_t)(ck->rooms[si] - p->rooms),
			    NULL);
		else if (p->sessions[si].room_id != NULL)
			conflict_pending_push(&pend, si, INC_UNKNOWN,
			                      p->sessions[si].room_id);
	}
	nkeys =
	    p->nrooms + conflict_pending_number_unknown(&pend, p->nrooms, NULL);
	v = conflict_group(ck, &pend, nkeys, &n);
	conflict_pending_free(&pend);
	for (lo = 0; lo < n; lo = hi) {
		for (hi = lo + 1; hi < n && v[hi].key == v[lo].key; hi++)
			;
		if (enabled(ck, CONFLICT_ROOM_DOUBLE_BOOKED))
			conflict_pair_sweep(ck, CONFLICT_ROOM_DOUBLE_BOOKED,
			                    v + lo, hi - lo);
		if (enabled(ck, CONFLICT_TIGHT_CHANGEOVER))
			conflict_changeover_sweep(ck, v + lo, hi - lo, false);
	}
	conflict_give(&ck->space, v);
}

/* Capacity, interpretation, hours and room references: one session each. */
static void
check_capacity(struct check *ck, size_t si)
{
	const struct session *s = &ck->p->sessions[si];
	const struct room *r = ck->rooms[si];
	long attending = s->expected > 0 ? s->expected : (long)s->nassign;
	char *room, *msg;

	if (r == NULL || r->capacity <= 0 || attending <= r->capacity)
		return;
	room = conflict_room_label(ck, si, false);
	if (s->expected > 0)
		msg = xasprintf("'%s' expects %ld people but %s seats %d.",
		                title_of(s), attending, room, r->capacity);
	else
		msg = xasprintf("'%s' has %ld people assigned but %s seats "
		                "%d.",
		                title_of(s), attending, room, r->capacity);
	free(room);
	conflict_emit_one(ck, CONFLICT_OVER_CAPACITY, si, s->room_id, NULL,
	                  msg);
}

static void
check_interpretation(struct check *ck, size_t si)
{
	const struct session *s = &ck->p->sessions[si];
	const struct room *r = ck->rooms[si];
	struct strlist missing = {0};
	char *room, *need, *have, *msg;
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < s->languages.n; i++)
		if (!strlist_has(&r->languages, s->languages.v[i]) &&
		    !strlist_has(&missing, s->languages.v[i]))
			strlist_add(&missing, s->languages.v[i]);
	if (missing.n == 0)
		return;
	room = conflict_room_label(ck, si, false);
	need = strlist_join(&missing, ", ");
	if (r->languages.n == 0) {
		msg = xasprintf("'%s' needs interpretation in %s but %s has no "
		                "interpretation booths.",
		                title_of(s), need, room);
	} else {
		have = strlist_join(&r->languages, ", ");
		msg = xasprintf("'%s' needs interpretation in %s but %s has "
		                "booths only for %s.",
		                title_of(s), need, room, have);
		free(have);
	}
	free(need);
	free(room);
	strlist_clear(&missing);
	conflict_emit_one(ck, CONFLICT_INTERPRETATION_UNAVAILABLE, si,
	                  s->room_id, NULL, msg);
}

static bool
conference_day(const struct check *ck, int64_t day)
{
	size_t lo = 0, hi = ck->p->conf.ndays;

	if (hi == 0) /* no days configured: any day will do */
		return true;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ck->days[mid] == day)
			return true;
		if (ck->days[mid] < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* a / b rounded down, for instants before 1970. */
static int64_t
floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/*
 * The end is measured in wall-clock seconds from the start day's local
 * midnight, so a session crossing midnight ends past 24:00 and a day_end
 * beyond 1440 can allow it.
 */
static void
check_hours(struct check *ck, size_t si)
{
	const struct programme *p = ck->p;
	const struct session *s = &p->sessions[si];
	/* Local seconds, and the start's day: most sessions are within
	 * the hours of a conference day, told without a calendar date. */
	int64_t la = s->start + zone_offset(ck->zone, s->start);
	int64_t lb = ck->end[si] + zone_offset(ck->zone, ck->end[si]);
	int64_t start_day = floor_div(la, 86400);
	int64_t from = la - start_day * 86400, to = lb - start_day * 86400;
	bool early = from < (int64_t)p->conf.day_start * 60;
	bool late = to > (int64_t)p->conf.day_end * 60;
	bool day = conference_day(ck, start_day);
	struct dais_civil a, b;
	struct dais_date da, db;
	char b1[DAIS_TIMEBUF], b2[DAIS_TIMEBUF], b3[DAIS_TIMEBUF],
	    b4[DAIS_TIMEBUF], *msg;

	if (day && !early && !late)
		return;
	a = time_to_civil(ck->zone, s->start);
	b = time_to_civil(ck->zone, ck->end[si]);
	da = (struct dais_date){a.year, a.month, a.day};
	db = (struct dais_date){b.year, b.month, b.day};
	conflict_minutes_text(p->conf.day_start, b1);
	conflict_minutes_text(p->conf.day_end, b2);
	hm(ck, s->start, b3);
	hm(ck, ck->end[si], b4);
	if (!day) {
		msg = xasprintf("'%s' is on %s, which is not a conference day; "
		                "move it to one of the conference days.",
		                title_of(s), date_fmt_long(b1, da));
	} else if (early && late) {
		msg = xasprintf("'%s' runs %s-%s, outside the daily hours "
		                "%s-%s.",
		                title_of(s), b3, b4, b1, b2);
	} else if (early) {
		msg = xasprintf("'%s' starts at %s, before the day begins at "
		                "%s.",
		                title_of(s), b3, b1);
	} else if (late && date_compare(da, db) != 0) {
		msg = xasprintf("'%s' runs past midnight to %s on %s, after "
		                "the day ends at %s.",
		                title_of(s), b4, date_fmt_long(b3, db), b2);
	} else if (late) {
		msg = xasprintf("'%s' ends at %s, after the day ends at %s.",
		                title_of(s), b4, b2);
	} else {
		return;
	}
	conflict_emit_one(ck, CONFLICT_OUTSIDE_HOURS, si, s->room_id, NULL,
	                  msg);
}

void
conflict_check_sessions(struct check *ck)
{
	const struct programme *p = ck->p;
	size_t i;

	for (i = 0; i < p->nsessions; i++) {
		const struct session *s = &p->sessions[i];

		if (!ck->live[i])
			continue;
		if (enabled(ck, CONFLICT_UNKNOWN_REFERENCE) &&
		    s->room_id != NULL && ck->rooms[i] == NULL)
			conflict_emit_one(
			    ck, CONFLICT_UNKNOWN_REFERENCE, i, s->room_id, NULL,
			    xasprintf("'%s' is set in room '%s', which "
			              "venues.ini does not define; choose "
			              "a room from venues.ini.",
			              title_of(s), s->room_id));
		if (enabled(ck, CONFLICT_OVER_CAPACITY))
			check_capacity(ck, i);
		if (enabled(ck, CONFLICT_INTERPRETATION_UNAVAILABLE))
			check_interpretation(ck, i);
		if (enabled(ck, CONFLICT_OUTSIDE_HOURS))
			check_hours(ck, i);
	}
}
