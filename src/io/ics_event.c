/*
 * ics_event.c: one VEVENT into a session: every property dais reads, each
 * checked, with a sentence for whatever is wrong. libical coerces some
 * values in silence (SEQUENCE:abc is 0), so those are checked as written.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dais/link.h"
#include "dais/session_field.h"
#include "dais/xalloc.h"
#include "ics_internal.h"

/*
 * What the one pass over the properties found: the first property of each
 * session field the table names (session_field.h), and how many there
 * were, so that a second is reported; CATEGORIES and ATTENDEE may repeat.
 */
struct found {
	icalproperty *prop[SESSION_FIELD_COUNT];
	int count[SESSION_FIELD_COUNT];
	icalproperty *duration; /* DTEND's alternative, in no field */
	int nduration;
	const char *category;
	int nrrule, nrdate;
	icalproperty **attendees;
	size_t nattendees, capattendees;
};

void
ics_event_free(struct ics_event *ev)
{
	session_free(&ev->s);
	if (ev->comp != NULL)
		icalcomponent_free(ev->comp);
	ev->comp = NULL;
	while (ev->nrlines > 0)
		free(ev->rlines[--ev->nrlines].text);
	free(ev->rlines);
	ev->rlines = NULL;
}

/* The RRULE, RDATE and EXDATE lines, so expansion can name them. */
static void
keep_rlines(struct ics_event *ev, const struct ics_block *b)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		const char *s = ics_block_text(b, i);

		if (!b->lines[i].own || (strncasecmp(s, "RRULE", 5) != 0 &&
		                         strncasecmp(s, "RDATE", 5) != 0 &&
		                         strncasecmp(s, "EXDATE", 6) != 0))
			continue;
		ev->rlines = xreallocarray(ev->rlines, ev->nrlines + 1,
		                           sizeof *ev->rlines);
		ev->rlines[ev->nrlines].text = xstrdup(s);
		ev->rlines[ev->nrlines++].line = b->lines[i].line;
	}
}

static const char *
first(const char *have, const char *v)
{
	return have != NULL ? have : v;
}

/*
 * One pass with the component's own iterator; nothing in the loop may
 * touch the component (LIBRARY-NOTES.md: that resets the iterator).
 */
static void
scan(icalcomponent *c, struct found *fd)
{
	icalproperty *prop;

	memset(fd, 0, sizeof *fd);
	for (prop = icalcomponent_get_first_property(c, ICAL_ANY_PROPERTY);
	     prop != NULL;
	     prop = icalcomponent_get_next_property(c, ICAL_ANY_PROPERTY)) {
		icalproperty_kind kind = icalproperty_isa(prop);
		const char *name = kind == ICAL_X_PROPERTY
		                       ? icalproperty_get_x_name(prop)
		                       : icalproperty_kind_to_string(kind);
		const struct session_field *sf =
		    name != NULL ? session_field_by_ical(name) : NULL;

		if (kind == ICAL_RRULE_PROPERTY)
			fd->nrrule++;
		else if (kind == ICAL_RDATE_PROPERTY)
			fd->nrdate++;
		else if (kind == ICAL_DURATION_PROPERTY && fd->nduration++ == 0)
			fd->duration = prop;
		if (sf == NULL)
			continue;
		if (sf->id == SESSION_FIELD_ASSIGN) {
			XGROW(fd->attendees, fd->nattendees, fd->capattendees);
			fd->attendees[fd->nattendees++] = prop;
		} else if (sf->id == SESSION_FIELD_KIND) {
			/* libical splits CATEGORIES:A,B: the first is ours. */
			fd->category = first(fd->category,
			                     icalproperty_get_categories(prop));
		} else if (fd->count[sf->id]++ == 0) {
			fd->prop[sf->id] = prop;
		}
	}
}

/* The text of a property as written (unescaped), or NULL. */
static const char *
text_of(icalproperty *prop)
{
	icalvalue *v;

	if (prop == NULL)
		return NULL;
	if (icalproperty_isa(prop) == ICAL_X_PROPERTY)
		return icalproperty_get_x(prop);
	v = icalproperty_get_value(prop);
	return v != NULL && icalvalue_isa(v) == ICAL_TEXT_VALUE
	           ? icalvalue_get_text(v)
	           : icalproperty_get_value_as_string(prop);
}

/* A copy without surrounding blanks; NULL when nothing is left. */
static char *
trimmed(const char *s)
{
	size_t n;

	if (s == NULL)
		return NULL;
	s += strspn(s, " \t");
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n > 0 ? xstrndup(s, n) : NULL;
}

/* "12" and "+12" are whole numbers; "", "abc", "1.5", "-3" are not. */
static bool
whole_number(const char *s, long *out)
{
	char *t = trimmed(s), *end;
	bool ok;

	if (t == NULL)
		return false;
	ok = (t[0] >= '0' && t[0] <= '9') ||
	     (t[0] == '+' && t[1] >= '0' && t[1] <= '9');
	if (ok) {
		*out = strtol(t, &end, 10);
		ok = *end == '\0' && *out <= INT_MAX;
	}
	free(t);
	return ok;
}

/* The line of the first `name` property containing needle, if any. */
static int
prop_line(const struct ics_block *b, const char *name, const char *needle)
{
	size_t i, k = strlen(name);
	int fallback = 0;

	for (i = 0; i < b->n; i++) {
		const char *s = ics_block_text(b, i);

		if (!b->lines[i].own || strncasecmp(s, name, k) != 0 ||
		    (s[k] != ':' && s[k] != ';'))
			continue;
		if (needle == NULL || strstr(s, needle) != NULL)
			return b->lines[i].line;
		if (fallback == 0)
			fallback = b->lines[i].line;
	}
	return fallback ? fallback : b->begin_line;
}

/* The properties a second of which is reported, with how many there were. */
static void
report_repeats(struct ics_file *f, const struct ics_event *ev,
               const struct found *fd, const struct ics_block *b)
{
	size_t i;

	for (i = 0; i < SESSION_FIELD_COUNT; i++)
		if (fd->count[i] > 1)
			ics_diag(
			    f, DIAG_WARNING,
			    prop_line(b, session_field_table[i].ical, NULL),
			    ev->s.uid,
			    "%s appears %d times; dais uses the first, "
			    "remove the others",
			    session_field_table[i].ical, fd->count[i]);
	if (fd->nduration > 1)
		ics_diag(f, DIAG_WARNING, prop_line(b, "DURATION", NULL),
		         ev->s.uid,
		         "DURATION appears %d times; dais uses the first, "
		         "remove the others",
		         fd->nduration);
}

/* The line an X-LIC-ERROR is about: libical ends it with the text. */
static int
error_line(const struct ics_block *b, const char *msg)
{
	const char *tail = NULL, *q;
	size_t i;

	for (q = msg; (q = strstr(q, ": ")) != NULL; q += 2)
		tail = q + 2;
	if (tail != NULL && *tail != '\0')
		for (i = 1; i < b->n; i++)
			if (strstr(ics_block_text(b, i), tail) != NULL)
				return b->lines[i].line;
	return b->begin_line;
}

/*
 * The property an X-LIC-ERROR names ("No value for LOCATION property.
 * Removing entire property:"), so the message can point at its own line
 * and quote it; the name is copied into name[size]. False when the
 * message names none.
 */
static bool
error_property(const char *msg, char *name, size_t size)
{
	static const char lead[] = "No value for ";
	const char *p = strstr(msg, lead), *end;

	if (p == NULL)
		return false;
	p += sizeof lead - 1;
	end = strstr(p, " property");
	if (end == NULL || end == p || (size_t)(end - p) >= size)
		return false;
	memcpy(name, p, (size_t)(end - p));
	name[end - p] = '\0';
	return true;
}

/* The first line of the top component that is property `name`, as written
 * (unfolded), or NULL; its line number in *line. */
static const char *
prop_written(const struct ics_block *b, const char *name, int *line)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		const char *s = ics_block_text(b, i);

		if (b->lines[i].own && ics_property_is(s, strlen(s), name)) {
			if (line != NULL)
				*line = b->lines[i].line;
			return s;
		}
	}
	return NULL;
}

static void
report_errors(struct ics_file *f, icalcomponent *c, const struct ics_block *b,
              const char *uid)
{
	icalproperty *prop;
	icalcomponent *sub;

	for (prop =
	         icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY);
	     prop != NULL; prop = icalcomponent_get_next_property(
	                       c, ICAL_XLICERROR_PROPERTY)) {
		const char *msg = icalproperty_get_xlicerror(prop), *as;
		char name[64];
		int line;

		if (msg == NULL)
			msg = "(no detail)";
		/* Google and Exchange write LOCATION: and CLASS: empty. */
		if (error_property(msg, name, sizeof name) &&
		    (as = prop_written(b, name, &line)) != NULL) {
			char *q = ics_quote(as, 60);

			ics_diag(f, DIAG_WARNING, line, uid,
			         "\"%s\" has no value, so libical leaves the "
			         "line out, as if it were not there; give it a "
			         "value or remove the line",
			         q);
			free(q);
			continue;
		}
		ics_diag(f, DIAG_WARNING, error_line(b, msg), uid,
		         "libical could not read a line and left it out: %s; "
		         "correct the line (dais ignores it until then)",
		         msg);
	}
	for (sub = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT);
	     sub != NULL;
	     sub = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT))
		report_errors(f, sub, b, uid);
}

/* Property `name` quoted as the file writes it ("DTSTART;VALUE=DATE:
 * 20261105"), for messages; the caller frees it. */
static char *
as_written(const struct ics_block *b, const char *name)
{
	const char *s = prop_written(b, name, NULL);

	return ics_quote(s != NULL ? s : name, 80);
}

/* A "20261104T090000" form of a property's value, for messages. */
static char *
written(icalproperty *prop)
{
	return icalproperty_get_value_as_string_r(prop);
}

/*
 * Reads a DATE-TIME property into an instant. Errors make ev not ok;
 * floating values are noted in *floating for one warning per event. A
 * DATE (an all-day item's) is taken when date_ok, as the midnight that
 * begins that day in the conference zone: RFC 5545 dates have no zone,
 * and the conference's is where its days are.
 */
static bool
read_time(struct ics_file *f, struct ics_event *ev, icalproperty *prop,
          const struct ics_block *b, const char *name, bool date_ok,
          struct icaltimetype *t, struct ics_tz *tz, dais_time *out,
          struct strlist *floating)
{
	char *v;

	*t = icalvalue_get_datetime(icalproperty_get_value(prop));
	if (icaltime_is_null_time(*t)) {
		ics_diag(f, DIAG_ERROR, prop_line(b, name, NULL), ev->s.uid,
		         "%s has no date and time dais can read; write it as "
		         "%s;TZID=%s:20261104T090000",
		         name, name, f->p->conf.zone.name);
		ev->ok = false;
		return false;
	}
	if (t->is_date && !date_ok) {
		char *as = as_written(b, name);

		v = written(prop);
		ics_diag(f, DIAG_ERROR, prop_line(b, name, NULL), ev->s.uid,
		         "%s is a date without a time; a session needs a "
		         "time of day, e.g. %s;TZID=%s:%sT090000",
		         as, name, f->p->conf.zone.name, v);
		free(as);
		free(v);
		ev->ok = false;
		return false;
	}
	if (!ics_time_valid(*t)) {
		v = as_written(b, name);
		ics_diag(f, DIAG_ERROR, prop_line(b, name, NULL), ev->s.uid,
		         "%s is not a real date and time; correct it", v);
		free(v);
		ev->ok = false;
		return false;
	}
	/* Years far off are typing slips, and libical and the zone
	 * database give no trustworthy times there (9999-12-31 23:00 was
	 * written as 00000000T000000, 0001-01-01 in local mean time). */
	if (t->year < DAIS_YEAR_MIN || t->year > DAIS_YEAR_MAX) {
		v = as_written(b, name);
		ics_diag(f, DIAG_ERROR, prop_line(b, name, NULL), ev->s.uid,
		         "%s is in the year %d; dais takes times from %d to "
		         "%d only (dais-programme(5)): correct the year",
		         v, t->year, DAIS_YEAR_MIN, DAIS_YEAR_MAX);
		free(v);
		ev->ok = false;
		return false;
	}
	*tz = ics_prop_tz(f, prop, *t);
	if (tz->kind == ICS_TZ_UNKNOWN) {
		ics_diag(f, DIAG_ERROR, prop_line(b, name, NULL), ev->s.uid,
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
	*out = ics_to_instant(f, *t, tz);
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
		ics_diag(f, DIAG_ERROR, prop_line(b, "DURATION", NULL),
		         ev->s.uid,
		         "the session has both DTEND and DURATION; keep one of "
		         "them");
		ev->ok = false;
		return;
	}
	if (fd->prop[SESSION_FIELD_END] != NULL) {
		if (!read_time(f, ev, fd->prop[SESSION_FIELD_END], b, "DTEND",
		               ev->s.all_day, &t, &tz, &end, floating))
			return;
		if (ev->s.all_day && !t.is_date) {
			char *as = as_written(b, "DTEND");
			struct icaltimetype next = ev->dtstart;

			next.day++;
			next = icaltime_normalize(next);
			ics_diag(f, DIAG_ERROR, prop_line(b, "DTEND", NULL),
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
		         prop_line(b,
		                   fd->prop[SESSION_FIELD_END] ? "DTEND"
		                                               : "DURATION",
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

static void
read_times(struct ics_file *f, struct ics_event *ev, const struct found *fd,
           const struct ics_block *b)
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
	} else if (read_time(f, ev, fd->prop[SESSION_FIELD_START], b, "DTSTART",
	                     true, &ev->dtstart, &ev->tz, &ev->s.start,
	                     &floating)) {
		ev->s.all_day = ev->dtstart.is_date != 0;
		read_end(f, ev, fd, b, &floating);
	}
	if (fd->prop[SESSION_FIELD_RECURRENCE_ID] != NULL &&
	    read_time(f, ev, fd->prop[SESSION_FIELD_RECURRENCE_ID], b,
	              "RECURRENCE-ID", ev->s.all_day, &t, &tz, &rid,
	              &floating)) {
		icalparameter *range = icalproperty_get_first_parameter(
		    fd->prop[SESSION_FIELD_RECURRENCE_ID],
		    ICAL_RANGE_PARAMETER);

		ev->override = true;
		ev->s.recurrence_id = rid;
		if (range != NULL)
			ics_diag(
			    f, DIAG_WARNING,
			    prop_line(b, "RECURRENCE-ID", NULL), ev->s.uid,
			    "dais does not apply RANGE=THISANDFUTURE: only "
			    "this occurrence is changed; write an override "
			    "for each later one");
	} else if (fd->prop[SESSION_FIELD_RECURRENCE_ID] != NULL) {
		ev->override = true; /* unreadable: refused above */
	}
	if (floating.n > 0) {
		names = strlist_join(&floating, " and ");
		ics_diag(f, DIAG_WARNING, prop_line(b, floating.v[0], NULL),
		         ev->s.uid,
		         "%s %s no TZID and no Z, so dais reads %s as %s time; "
		         "add ;TZID=%s to say so",
		         names, floating.n > 1 ? "have" : "has",
		         floating.n > 1 ? "them" : "it", f->p->conf.zone.name,
		         f->p->conf.zone.name);
		free(names);
	}
	strlist_clear(&floating);
}

static void
read_status(struct ics_file *f, struct ics_event *ev, const struct found *fd,
            const struct ics_block *b)
{
	char *v;

	if (fd->prop[SESSION_FIELD_STATUS] == NULL)
		return;
	switch (icalproperty_get_status(fd->prop[SESSION_FIELD_STATUS])) {
	case ICAL_STATUS_TENTATIVE:
		ev->s.status = SESSION_TENTATIVE;
		return;
	case ICAL_STATUS_CONFIRMED:
		ev->s.status = SESSION_CONFIRMED;
		return;
	case ICAL_STATUS_CANCELLED:
		ev->s.status = SESSION_CANCELLED;
		return;
	default:
		break;
	}
	v = written(fd->prop[SESSION_FIELD_STATUS]);
	ics_diag(f, DIAG_WARNING, prop_line(b, "STATUS", NULL), ev->s.uid,
	         "STATUS:%s is not a status dais knows (TENTATIVE, CONFIRMED "
	         "or CANCELLED); it is read as CONFIRMED",
	         v);
	free(v);
	ev->s.status = SESSION_CONFIRMED;
}

static void
read_numbers(struct ics_file *f, struct ics_event *ev, const struct found *fd,
             const struct ics_block *b)
{
	const char *raw;
	long n;
	int line;

	/* libical reads SEQUENCE:abc as 0 without a word: look ourselves. */
	if (fd->prop[SESSION_FIELD_SEQUENCE] != NULL) {
		raw = ics_block_value(b, "SEQUENCE", &line);
		if (raw != NULL && !whole_number(raw, &n)) {
			ics_diag(
			    f, DIAG_WARNING, line, ev->s.uid,
			    "SEQUENCE:%s is not a whole number; dais reads "
			    "it as 0 (it counts the session's revisions: "
			    "write 0 or more)",
			    raw);
			ev->s.sequence = 0;
		} else {
			ev->s.sequence = icalproperty_get_sequence(
			    fd->prop[SESSION_FIELD_SEQUENCE]);
		}
	}
	if ((raw = text_of(fd->prop[SESSION_FIELD_EXPECTED])) != NULL) {
		if (whole_number(raw, &n)) {
			ev->s.expected = (int)n;
		} else {
			ics_diag(f, DIAG_WARNING,
			         prop_line(b, "X-DAIS-EXPECTED", NULL),
			         ev->s.uid,
			         "X-DAIS-EXPECTED:%s is not a whole number of "
			         "people; the expected attendance is left "
			         "unknown",
			         raw);
		}
	}
}

static void
read_languages(struct ics_event *ev, const char *list)
{
	const char *s = list;

	while (s != NULL && *s != '\0') {
		size_t n = strcspn(s, ",");
		char *one = xstrndup(s, n), *t = trimmed(one), *q;

		if (t != NULL) {
			/* Codes are case-insensitive; the registries write
			 * them in lower case. */
			for (q = t; *q != '\0'; q++)
				if (*q >= 'A' && *q <= 'Z')
					*q = (char)(*q - 'A' + 'a');
			if (!strlist_has(&ev->s.languages, t))
				strlist_add(&ev->s.languages, t);
		}
		free(t);
		free(one);
		s += n;
		if (*s == ',')
			s++;
	}
}

/*
 * The text fields read as written, through the field table: a new text
 * property (X-DAIS-...) needs a row there and nothing here. The UID and
 * the kind (CATEGORIES) are read on their own.
 */
static void
read_texts(struct ics_event *ev, const struct found *fd)
{
	size_t i;
	char *id;

	for (i = 0; i < SESSION_FIELD_COUNT; i++) {
		const struct session_field *sf = &session_field_table[i];

		if (sf->type == SESSION_TYPE_TEXT && sf->ical != NULL &&
		    !(sf->flags & SF_KEY) && sf->id != SESSION_FIELD_KIND)
			session_field_set_text(&ev->s, sf,
			                       text_of(fd->prop[i]));
	}
	/* A room is an id: blanks around it are not part of it. */
	id = trimmed(ev->s.room_id);
	free(ev->s.room_id);
	ev->s.room_id = id;
}

static void
read_kind(struct ics_file *f, struct ics_event *ev, const char *category)
{
	const struct strlist *kinds = &f->p->conf.kinds;
	char *k = trimmed(category);
	size_t i;

	if (k == NULL)
		return;
	/* Spelled as conference.ini spells it, so comparisons are exact. */
	for (i = 0; i < kinds->n; i++) {
		if (strcasecmp(kinds->v[i], k) == 0) {
			free(k);
			k = xstrdup(kinds->v[i]);
			break;
		}
	}
	ev->s.kind = k;
}

/*
 * The line of the ATTENDEE whose value holds `value`. Attendees come in
 * file order, so the search goes on from the one found last (*at): one
 * pass over a session of 10 000 attendees, not one per attendee. A value
 * libical wrote differently costs a pass of its own, and once the file's
 * messages are past ICS_MAX_DIAGS nothing is looked for.
 */
static int
attendee_line(const struct ics_file *f, const struct ics_block *b,
              const char *value, size_t *at)
{
	size_t k, i;

	if (f->ndiags >= ICS_MAX_DIAGS)
		return b->begin_line;
	for (k = 0; k < b->n; k++) {
		const char *s;

		i = (*at + k) % b->n;
		s = ics_block_text(b, i);
		if (!b->lines[i].own || strncasecmp(s, "ATTENDEE", 8) != 0 ||
		    (s[8] != ':' && s[8] != ';'))
			continue;
		if (value == NULL || strstr(s, value) != NULL) {
			*at = i + 1;
			return b->lines[i].line;
		}
	}
	return prop_line(b, "ATTENDEE", NULL);
}

static void
read_attendee(struct ics_file *f, struct ics_event *ev, icalproperty *prop,
              const struct ics_block *b, size_t *at, struct strlist *hints)
{
	const char *value = icalproperty_get_attendee(prop);
	const char *id = NULL, *cn = NULL;
	enum role role = ROLE_PARTICIPANT;
	const struct participant *who;
	enum link_how how;
	icalparameter *par;

	for (par = icalproperty_get_first_parameter(prop, ICAL_X_PARAMETER);
	     par != NULL;
	     par = icalproperty_get_next_parameter(prop, ICAL_X_PARAMETER)) {
		const char *name = icalparameter_get_xname(par);

		if (name != NULL && strcasecmp(name, "X-DAIS-ID") == 0) {
			id = icalparameter_get_xvalue(par);
			break;
		}
	}
	if ((id == NULL || *id == '\0') && value != NULL &&
	    strncasecmp(value, "urn:x-dais:", 11) == 0)
		id = value + 11;
	par = icalproperty_get_first_parameter(prop, ICAL_CN_PARAMETER);
	if (par != NULL)
		cn = icalparameter_get_cn(par);
	par = icalproperty_get_first_parameter(prop, ICAL_ROLE_PARAMETER);
	if (par != NULL) {
		switch (icalparameter_get_role(par)) {
		case ICAL_ROLE_CHAIR:
			role = ROLE_CHAIR;
			break;
		case ICAL_ROLE_REQPARTICIPANT:
			role = ROLE_SPEAKER;
			break;
		case ICAL_ROLE_OPTPARTICIPANT:
		case ICAL_ROLE_NONPARTICIPANT:
			break;
		default: {
			const char *x = icalparameter_get_xvalue(par);

			ics_diag(f, DIAG_WARNING,
			         attendee_line(f, b, value, at), ev->s.uid,
			         "ROLE=%s of ATTENDEE %s is not a role dais "
			         "knows; it is read as OPT-PARTICIPANT (use "
			         "CHAIR, REQ-PARTICIPANT or OPT-PARTICIPANT)",
			         x ? x : "?",
			         cn      ? cn
			         : value ? value
			                 : "?");
			break;
		}
		}
	}
	if ((id == NULL || *id == '\0') &&
	    (who = link_participant(f->p, value, cn, &how)) != NULL) {
		/* Said once for the session (unlinked_hint). */
		char *h =
		    xasprintf("participant '%s' (ATTENDEE %s: %s)", who->id,
		              cn      ? cn
		              : value ? value
		                      : "?",
		              link_how_name(how));

		strlist_add(hints, h);
		free(h);
		return;
	}
	if (id == NULL || *id == '\0') {
		ics_diag(f, DIAG_WARNING, attendee_line(f, b, value, at),
		         ev->s.uid,
		         "ATTENDEE %s has no dais id, so dais cannot check "
		         "their conflicts; add X-DAIS-ID=<participant id> "
		         "(or write the value as urn:x-dais:<id>)",
		         cn      ? cn
		         : value ? value
		                 : "?");
		return;
	}
	if (session_find_assignment(&ev->s, id) >= 0) {
		ics_diag(f, DIAG_WARNING, attendee_line(f, b, value, at),
		         ev->s.uid,
		         "participant %s is an ATTENDEE of this session twice; "
		         "dais keeps the first, remove the other",
		         id);
		return;
	}
	session_add_assignment(&ev->s, id, role, cn);
}

/*
 * Another client's event names a room of venues.ini by its name, or people
 * of participants.ini by e-mail or name, without dais's ids: dais would
 * check none of their conflicts and say "no conflicts". One warning for
 * the session, with what it most likely means; `hints` is cleared.
 */
static void
unlinked_hint(struct ics_file *f, const struct ics_event *ev,
              const struct ics_block *b, struct strlist *hints)
{
	const struct room *r = NULL;
	enum link_how how = LINK_NONE;
	char *h, *all;
	int line = 0;

	if (ev->s.room_id == NULL &&
	    (r = link_room(f->p, ev->s.location, false, &how)) != NULL) {
		h = xasprintf("room '%s' (LOCATION:%s)", r->id, ev->s.location);
		/* The room first: it is the conflict most often missed. */
		strlist_add(hints, h);
		free(h);
		h = hints->v[hints->n - 1];
		memmove(hints->v + 1, hints->v,
		        (hints->n - 1) * sizeof *hints->v);
		hints->v[0] = h;
		line = prop_line(b, "LOCATION", NULL);
	}
	if (hints->n == 0)
		return;
	if (line == 0)
		line = prop_line(b, "ATTENDEE", NULL);
	all = strlist_join(hints, ", ");
	ics_diag(f, DIAG_WARNING, line, ev->s.uid,
	         "dais checks no conflict of what this event names without "
	         "a dais id: did you mean %s? `dais import` links it (or add "
	         "X-DAIS-ROOM:<room id>, X-DAIS-ID=<participant id>)",
	         all);
	free(all);
	strlist_clear(hints);
}

bool
ics_event_zones_known(struct ics_file *f, icalcomponent *c)
{
	icalproperty *prop;

	if (f->final)
		return true;
	for (prop = icalcomponent_get_first_property(c, ICAL_ANY_PROPERTY);
	     prop != NULL;
	     prop = icalcomponent_get_next_property(c, ICAL_ANY_PROPERTY)) {
		icalparameter *par =
		    icalproperty_get_first_parameter(prop, ICAL_TZID_PARAMETER);
		const char *tzid = par ? icalparameter_get_tzid(par) : NULL;

		if (tzid != NULL && ics_zone_find(f, tzid) == NULL)
			return false;
	}
	return true;
}

void
ics_event_read(struct ics_file *f, icalcomponent *c, const struct ics_block *b,
               struct ics_event *ev)
{
	struct strlist hints = {0};
	struct found fd;
	size_t i, at;

	memset(ev, 0, sizeof *ev);
	session_init(&ev->s);
	ev->s.source = f->source;
	ev->s.line = b->begin_line;
	ev->ok = true;
	scan(c, &fd);

	ev->s.uid = trimmed(text_of(fd.prop[SESSION_FIELD_UID]));
	if (ev->s.uid == NULL) {
		ics_diag(
		    f, DIAG_ERROR, b->begin_line, NULL,
		    "this VEVENT has no UID, so dais cannot tell it apart; "
		    "give it one that never changes, e.g. "
		    "UID:opening-plenary@your-organisation");
		ev->ok = false;
	}
	report_errors(f, c, b, ev->s.uid);
	report_repeats(f, ev, &fd, b);

	read_times(f, ev, &fd, b);
	if (ev->override && fd.nrrule + fd.nrdate > 0)
		ics_diag(f, DIAG_WARNING,
		         prop_line(b, fd.nrrule ? "RRULE" : "RDATE", NULL),
		         ev->s.uid,
		         "an override of one occurrence (RECURRENCE-ID) does "
		         "not recur itself; dais ignores its RRULE and RDATE");
	ev->recurs = !ev->override && fd.nrrule + fd.nrdate > 0;

	read_texts(ev, &fd);
	read_kind(f, ev, fd.category);
	read_status(f, ev, &fd, b);
	ev->s.confidential =
	    fd.prop[SESSION_FIELD_CONFIDENTIAL] != NULL &&
	    icalproperty_get_class(fd.prop[SESSION_FIELD_CONFIDENTIAL]) !=
	        ICAL_CLASS_PUBLIC;
	read_numbers(f, ev, &fd, b);
	read_languages(ev, text_of(fd.prop[SESSION_FIELD_LANGUAGES]));
	for (i = 0, at = 0; i < fd.nattendees; i++)
		read_attendee(f, ev, fd.attendees[i], b, &at, &hints);
	free(fd.attendees);
	unlinked_hint(f, ev, b, &hints);
	ev->tz.tzid = NULL; /* borrowed from c, which may go now */

	/* A series is expanded at the end of the file, from its RRULE,
	 * RDATE and EXDATE: keep the component until then. */
	if (ev->recurs && ev->ok) {
		ev->comp = c;
		keep_rlines(ev, b);
	}
}
