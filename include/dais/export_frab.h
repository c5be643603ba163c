/*
 * export_frab.h: the public programme as the frab/pretalx schedule.xml that
 * conference apps (Giggity, ConfClerk, EventFahrplan) and AV tooling read:
 * the conference, its days with their hours, the rooms used each day, and
 * in each room its events with start, duration, title, type, persons and
 * language.
 *
 * Identity. An event's guid is the version-5 UUID (uuid5.h, URL namespace)
 * of "urn:dais:event:" and its exported UID (export_uid), a room's of
 * "urn:dais:room:ACRONYM:" and its id, a person's of "urn:dais:person:
 * ACRONYM:" and their id; so each is the same in every export and can be
 * recomputed. Numeric ids, which the format requires and some apps key on,
 * are the first 31 bits of that UUID, made distinct over the whole public
 * programme (a rare collision takes the next free number, in UUID order).
 * The acronym is the programme directory's name as a slug.
 *
 * Public only: no closed meeting, no note, e-mail or telephone. Cancelled
 * sessions are left out, as frab and pretalx leave them out of a released
 * schedule: the apps drop an event that is gone when they next update.
 * <persons> holds the chair and speakers in protocol order; <description>
 * lists everyone by role, as the calendars do.
 */
#ifndef DAIS_EXPORT_FRAB_H
#define DAIS_EXPORT_FRAB_H

#include <stddef.h>

#include "dais/export.h"
#include "dais/model.h"

/*
 * The schedule as a UTF-8 XML document owned by the caller, and the number
 * of events in *nevents (may be NULL). o must be public (not internal, no
 * for_id); o->by_day gives one day. NULL with *why when export_check
 * refuses o.
 */
char *export_frab(const struct programme *p, const struct export_options *o,
                  size_t *nevents, char **why);

/* The conference's acronym: the directory's name, lowercased, with what
 * frab does not allow turned into '-'. Caller frees. */
char *export_frab_acronym(const struct programme *p);

#endif
