/*
 * agenda.c: the public programme by day (agenda.h), shared by the frab and
 * HTML exporters so that both publish the same days, hours and sessions.
 */
#include "dais/agenda.h"

#include <stdlib.h>
#include <string.h>

#include "dais/xalloc.h"

const char *
agenda_room_name(const struct programme *p, const struct session *s)
{
	const struct room *r =
	    s->room_id != NULL ? programme_find_room(p, s->room_id) : NULL;

	if (r != NULL)
		return r->name != NULL && *r->name != '\0' ? r->name : r->id;
	if (s->location != NULL && *s->location != '\0')
		return s->location;
	return NULL;
}

static int
session_cmp(const void *va, const void *vb)
{
	const struct session *a = *(const struct session *const *)va;
	const struct session *b = *(const struct session *const *)vb;
	int c;

	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->end != b->end)
		return a->end < b->end ? -1 : 1;
	if ((c = strcmp(a->uid, b->uid)) != 0)
		return c;
	return a->recurrence_id < b->recurrence_id   ? -1
	       : a->recurrence_id > b->recurrence_id ? 1
	                                             : 0;
}

/* Adds date to the sorted, distinct list unless it is there already. */
static void
add_date(struct dais_date **v, size_t *n, size_t *cap, struct dais_date d)
{
	size_t i;

	for (i = 0; i < *n && date_compare((*v)[i], d) < 0; i++)
		;
	if (i < *n && date_compare((*v)[i], d) == 0)
		return;
	XGROW(*v, *n, *cap);
	memmove(&(*v)[i + 1], &(*v)[i], (*n - i) * sizeof **v);
	(*v)[i] = d;
	(*n)++;
}

bool
agenda_build(struct agenda *a, const struct programme *p,
             const struct export_options *o, bool with_cancelled, char **why)
{
	const struct dais_zone *zone = &p->conf.zone;
	struct export_options every = *o;
	struct dais_date *dates = NULL;
	size_t ndates = 0, capdates = 0, i, d;

	memset(a, 0, sizeof *a);
	if (!export_check(p, o, why))
		return false;
	/* Day numbers count every day of the programme, so that day 2 is
	 * day 2 in an export of that day alone too. */
	every.by_day = false;
	for (i = 0; i < p->conf.ndays; i++)
		add_date(&dates, &ndates, &capdates, p->conf.days[i]);
	for (i = 0; i < p->nsessions; i++)
		if (export_includes(p, &every, &p->sessions[i]))
			add_date(&dates, &ndates, &capdates,
			         time_local_date(zone, p->sessions[i].start));
	a->days = xcalloc(ndates ? ndates : 1, sizeof *a->days);
	for (d = 0; d < ndates; d++) {
		struct agenda_day *day;

		if (o->by_day && date_compare(dates[d], o->day) != 0)
			continue;
		day = &a->days[a->ndays++];
		day->date = dates[d];
		day->index = (int)d + 1;
		day->start = time_at(zone, dates[d], p->conf.day_start);
		day->end = time_at(zone, dates[d], p->conf.day_end);
		for (i = 0; i < p->nsessions; i++) {
			const struct session *s = &p->sessions[i];

			if (!export_includes(p, o, s) ||
			    (s->status == SESSION_CANCELLED &&
			     !with_cancelled) ||
			    date_compare(time_local_date(zone, s->start),
			                 dates[d]) != 0)
				continue;
			XGROW(day->sessions, day->n, day->cap);
			day->sessions[day->n++] = s;
			if (s->all_day) /* its midnights are not hours */
				continue;
			if (s->start < day->start)
				day->start = s->start;
			if (s->end > day->end)
				day->end = s->end;
		}
		qsort(day->sessions, day->n, sizeof *day->sessions,
		      session_cmp);
		a->nsessions += day->n;
	}
	free(dates);
	return true;
}

void
agenda_free(struct agenda *a)
{
	size_t i;

	for (i = 0; i < a->ndays; i++)
		free(a->days[i].sessions);
	free(a->days);
	memset(a, 0, sizeof *a);
}
