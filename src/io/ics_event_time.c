/*
 * ics_event_time.c: a VEVENT's times: DTSTART, DTEND or DURATION, and
 * RECURRENCE-ID, each resolved in its zone (the file's VTIMEZONE or the
 * zone database) or as an all-day date, with a sentence for whatever is
 * wrong.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dais/link.h"
#include "dais/session_field.h"
#include "dais/xalloc.h"
#include "ics_event_internal.h"
#include "ics_internal.h"

/*
 * Reads DATE-TIME property prop (its TZID's text and zone as the scan
 * found them: tzid NULL when it has none) into an instant. Errors make ev not
 * ok; floating values are noted in *floating for one warning per event. A DATE
 * (an all-day item's) is taken when date_ok, as the midnight that begins that
 * day in the conference zone: RFC 5545 dates have no zone, and the conference's
 * is where its days are.
 */
static bool
read_time(struct ics_file *f, struct ics_event *ev, icalproperty *prop,
          const char *tzid, icaltimezone *tzzone, const struct ics_block *b,
          const char *name, bool date_ok, struct icaltimetype *t,
          struct ics_tz *tz, dais_time *out, struct strlist *floating)
{
	struct ics_tz zone;
	bool known;
	char *v;

	*t = icalvalue_get_datetime(icalproperty_get_value(prop));
	if (icaltime_is_null_time(*t)) {
		ics_diag(f, DIAG_ERROR, ics_event_prop_line(b, name, NULL),
		         ev->s.uid,
		         "%s has no date and time dais can read; write it as "
		         "%s;TZID=%s:20261104T090000",
		         name, name, f->p->conf.zone.name);
		ev->ok = false;
		return false;
	}
	if (t->is_date && !date_ok) {
		char *as = ics_event_as_written(b, name);

		v = ics_event_written(prop);
		ics_diag(f, DIAG_ERROR, ics_event_prop_line(b, name, NULL),
		         ev->s.uid,
		         "%s is a date without a time; a session needs a "
		         "time of day, e.g. %s;TZID=%s:%sT090000",
		         as, name, f->p->conf.zone.name, v);
		free(as);
		free(v);
		ev->ok = false;
		return false;
	}
	/* A time converted before was valid, and in the years dais takes. */
	zone = ics_tz_of(icaltime_is_utc(*t), tzid, tzzone);
	known = zone.kind != ICS_TZ_UNKNOWN &&
	        ics_instant_recall(f, *t, &zone, out);
	if (!known && !ics_time_valid(*t)) {
		v = ics_event_as_written(b, name);
		ics_diag(f, DIAG_ERROR, ics_event_prop_line(b, name, NULL),
		         ev->s.uid,
		         "%s is not a real date and time; correct it", v);
		free(v);
		ev->ok = false;
		return false;
	}
	/* Years far off are typing slips, and libical and the zone
	 * database give no trustworthy times there (9999-12-31 23:00 was
	 * written as 00000000T000000, 0001-01-01 in local mean time). */
	if (!known && (t->year < DAIS_YEAR_MIN || t->year > DAIS_YEAR_MAX)) {
		v = ics_event_as_written(b, name);
		ics_diag(f, DIAG_ERROR, ics_event_prop_line(b, name, NULL),
		         ev->s.uid,
		         "%s is in the year %d; dais takes times from %d to "
		         "%d only (dais-programme(5)): correct the year",
		         v, t->year, DAIS_YEAR_MIN, DAIS_YEAR_MAX);
		free(v);
		ev->ok = false;
		return false;
	}
	*tz = zone;
	if (tz->kind == ICS_TZ_UNKNOWN) {
		ics_diag(f, DIAG_ERROR, ics_event_prop_line(b, name, NULL),
		         ev->s.uid,
		         "%s has TZID=%s, which is neither a zone of the time "
		         "zone database nor a VTIMEZONE of this file; use an "
		         "IANA name such as %s, or add the VTIMEZONE",
		         name, tz->tzid, f->p->conf.zone.name);
		ev->ok = false;
		return false;
	}
	if (tz->kind == ICS_TZ_FLOATING && !t->is_date)
		strlist_add(floating, name);
	/* The iterator compares with UNTIL through the zone: set it. */
	t->zone = tz->kind == ICS_TZ_ZONE  ? tz->zone
	          : tz->kind == ICS_TZ_UTC ? icaltimezone_get_utc_timezone()
	                                   : NULL;
	if (!known) {
		*out = ics_to_instant(f, *t, tz);
		ics_instant_remember(f, *t, tz, *out);
	}
	return true;
}

dais_time
ics_occurrence_end(const struct ics_file *f, const struct ics_event *ev,
                   struct icaltimetype local, dais_time start)
{
	const struct icaldurationtype *d = &ev->dur;
	int sign = d->is_neg ? -1 : 1;
	dais_time exact;

	if (!ev->nominal)
		return start + ev->length;
	/* Days and weeks keep the wall-clock time across an offset change;
	 * hours, minutes and seconds are exact. */
	exact = (dais_time)d->hours * 3600 + (dais_time)d->minutes * 60 +
	        (dais_time)d->seconds;
	local.day += sign * (int)(d->days + 7 * d->weeks);
	local = icaltime_normalize(local);
	return ics_to_instant(f, local, &ev->tz) + sign * exact;
}

static void
read_end(struct ics_file *f, struct ics_event *ev, const struct found *fd,
         const struct ics_block *b, struct strlist *floating)
{
	char b1[DAIS_TIMEBUF], b2[DAIS_TIMEBUF];
	struct icaltimetype t;
	struct ics_tz tz;
	dais_time end;

	if (fd->prop[SESSION_FIELD_END] != NULL && fd->duration != NULL) {
		ics_diag(f, DIAG_ERROR,
		         ics_event_prop_line(b, "DURATION", NULL), ev->s.uid,
		         "the session has both DTEND and DURATION; keep one of "
		         "them");
		ev->ok = false;
		return;
	}
	if (fd->prop[SESSION_FIELD_END] != NULL) {
		if (!read_time(f, ev, fd->prop[SESSION_FIELD_END],
		               fd->tzid[SESSION_FIELD_END],
		               fd->zone[SESSION_FIELD_END], b, "DTEND",
		               ev->s.all_day, &t, &tz, &end, floating))
			return;
		if (ev->s.all_day && !t.is_date) {
			char *as = ics_event_as_written(b, "DTEND");
			struct icaltimetype next = ev->dtstart;

			next.day++;
			next = icaltime_normalize(next);
			ics_diag(f, DIAG_ERROR,
			         ics_event_prop_line(b, "DTEND", NULL),
			         ev->s.uid,
			         "%s has a time, but DTSTART is a date (an "
			         "all-day item); write DTEND as a date too, "
			         "e.g. DTEND;VALUE=DATE:%04d%02d%02d (the day "
			         "after the last)",
			         as, next.year, next.month, next.day);
			free(as);
			ev->ok = false;
			return;
		}
		if (ev->s.all_day) {
			/* Whole days, so that each occurrence of a series
			 * keeps its midnights across an offset change. */
			ev->nominal = true;
			ev->dur = icaldurationtype_null_duration();
			ev->dur.days =
			    (unsigned)(icaltime_as_timet(t) -
			               icaltime_as_timet(ev->dtstart)) /
			    86400;
		}
	} else if (ev->s.all_day && fd->duration == NULL) {
		/* RFC 5545 3.6.1: a date with no end lasts that one day. */
		ev->nominal = true;
		ev->dur = icaldurationtype_null_duration();
		ev->dur.days = 1;
		end = ics_occurrence_end(f, ev, ev->dtstart, ev->s.start);
	} else if (fd->duration != NULL) {
		ev->dur = icalproperty_get_duration(fd->duration);
		ev->nominal = ev->dur.days != 0 || ev->dur.weeks != 0;
		ev->length = icaldurationtype_as_int(ev->dur);
		end = ics_occurrence_end(f, ev, ev->dtstart, ev->s.start);
	} else {
		ics_diag(f, DIAG_WARNING, b->begin_line, ev->s.uid,
		         "no DTEND or DURATION, so the session lasts no time; "
		         "add DTEND");
		end = ev->s.start;
	}
	if (end < ev->s.start) {
		ics_diag(f, DIAG_ERROR,
		         ics_event_prop_line(
		             b,
		             fd->prop[SESSION_FIELD_END] ? "DTEND" : "DURATION",
		             NULL),
		         ev->s.uid,
		         "the session ends (%s) before it starts (%s); correct "
		         "%s",
		         time_fmt_iso(b1, &f->p->conf.zone, end),
		         time_fmt_iso(b2, &f->p->conf.zone, ev->s.start),
		         fd->prop[SESSION_FIELD_END] ? "DTEND" : "DURATION");
		ev->ok = false;
		return;
	}
	ev->s.end = end;
	ev->length = end - ev->s.start;
}

void
ics_event_read_times(struct ics_file *f, struct ics_event *ev,
                     const struct found *fd, const struct ics_block *b)
{
	struct strlist floating = {0};
	struct icaltimetype t;
	struct ics_tz tz;
	dais_time rid;
	char *names;

	if (fd->prop[SESSION_FIELD_START] == NULL) {
		ics_diag(f, DIAG_ERROR, b->begin_line, ev->s.uid,
		         "the session has no DTSTART (or it could not be read, "
		         "see above); add one such as "
		         "DTSTART;TZID=%s:20261104T090000",
		         f->p->conf.zone.name);
		ev->ok = false;
	} else if (read_time(f, ev, fd->prop[SESSION_FIELD_START],
	                     fd->tzid[SESSION_FIELD_START],
	                     fd->zone[SESSION_FIELD_START], b, "DTSTART", true,
	                     &ev->dtstart, &ev->tz, &ev->s.start, &floating)) {
		ev->s.all_day = ev->dtstart.is_date != 0;
		read_end(f, ev, fd, b, &floating);
	}
	if (fd->prop[SESSION_FIELD_RECURRENCE_ID] != NULL &&
	    read_time(f, ev, fd->prop[SESSION_FIELD_RECURRENCE_ID],
	              fd->tzid[SESSION_FIELD_RECURRENCE_ID],
	              fd->zone[SESSION_FIELD_RECURRENCE_ID], b, "RECURRENCE-ID",
	              ev->s.all_day, &t, &tz, &rid, &floating)) {
		icalparameter *range = icalproperty_get_first_parameter(
		    fd->prop[SESSION_FIELD_RECURRENCE_ID],
		    ICAL_RANGE_PARAMETER);

		ev->override = true;
		ev->s.recurrence_id = rid;
		if (range != NULL)
			ics_diag(
			    f, DIAG_WARNING,
			    ics_event_prop_line(b, "RECURRENCE-ID", NULL),
			    ev->s.uid,
			    "dais does not apply RANGE=THISANDFUTURE: only "
			    "this occurrence is changed; write an override "
			    "for each later one");
	} else if (fd->prop[SESSION_FIELD_RECURRENCE_ID] != NULL) {
		ev->override = true; /* unreadable: refused above */
	}
	if (floating.n > 0) {
		names = strlist_join(&floating, " and ");
		ics_diag(f, DIAG_WARNING,
		         ics_event_prop_line(b, floating.v[0], NULL), ev->s.uid,
		         "%s %s no TZID and no Z, so dais reads %s as %s time; "
		         "add ;TZID=%s to say so",
		         names, floating.n > 1 ? "have" : "has",
		         floating.n > 1 ? "them" : "it", f->p->conf.zone.name,
		         f->p->conf.zone.name);
		free(names);
	}
	strlist_clear(&floating);
}
