/*
 * agenda.h: the public programme laid out by day, as the frab schedule and
 * the HTML page publish it: the days (the conference's, and any other day
 * that has a session), each with its hours and its sessions in time order.
 * Closed meetings (CLASS other than PUBLIC) are never in it.
 */
#ifndef DAIS_AGENDA_H
#define DAIS_AGENDA_H

#include <stdbool.h>
#include <stddef.h>

#include "dais/dtime.h"
#include "dais/export.h"
#include "dais/model.h"

struct agenda_day {
	struct dais_date date;
	int index; /* 1-based among all the programme's days, even with --day */
	/* The daily hours of conference.ini, widened to the day's sessions
	 * (not to an all-day item's midnights). */
	dais_time start, end;
	const struct session **sessions; /* borrowed, in time order */
	size_t n, cap;
};

struct agenda {
	struct agenda_day *days;
	size_t ndays;
	size_t nsessions; /* in all days */
};

/*
 * Fills a with the sessions that the public export o describes
 * (export_includes: o->day when by_day, never a closed meeting); cancelled
 * ones only when with_cancelled. o must be public and for no one: the
 * caller refuses internal and for_id first. False with *why (owned by the
 * caller) when export_check refuses o.
 */
bool agenda_build(struct agenda *a, const struct programme *p,
                  const struct export_options *o, bool with_cancelled,
                  char **why);
void agenda_free(struct agenda *a);

/* Where a session takes place, as people read it: the room's display name,
 * else LOCATION as written, else NULL. Borrowed. */
const char *agenda_room_name(const struct programme *p,
                             const struct session *s);

#endif
