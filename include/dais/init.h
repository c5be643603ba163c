/*
 * init.h: a new, empty programme directory that dais check accepts and the
 * planner opens: conference.ini with the given name, zone, days and hours,
 * venues.ini and participants.ini with every key they may hold shown in
 * comments that explain it, and an empty session file carrying the zone's
 * VTIMEZONE.
 */
#ifndef DAIS_INIT_H
#define DAIS_INIT_H

#include <stdbool.h>
#include <stddef.h>

#include "dais/dtime.h"

/* The session file init makes, relative to the programme directory. */
#define INIT_SESSION_FILE "programme/sessions.ics"

struct init_request {
	const char *dir;      /* made when missing (its parent must exist) */
	const char *name;     /* the conference's name */
	const char *timezone; /* an IANA name the zone database knows */
	const struct dais_date *days; /* sorted, distinct */
	size_t ndays;
	int day_start, day_end; /* minutes since midnight */
};

/*
 * NULL when the zone database knows `name`; else a message (owned by the
 * caller) saying so, with the database's spelling when it only differs in
 * case or names the city alone ("kuwait" -> "Asia/Kuwait").
 */
char *init_zone_problem(const char *name);

/*
 * The file of dir that shows it already holds a programme (borrowed: one
 * of conference.ini, venues.ini, participants.ini, INIT_SESSION_FILE), or
 * NULL when it holds none of them.
 */
const char *init_existing_file(const char *dir);

/*
 * Writes the programme. Refuses (false, *why owned by the caller) a
 * directory that already holds one, a name that cannot be written to an
 * INI file, or a file system error; then nothing it made is left behind.
 */
bool init_programme(const struct init_request *r, char **why);

#endif
