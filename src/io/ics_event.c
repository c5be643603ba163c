/*
 * ics_event.c: one VEVENT into a session: every property dais reads, each
 * checked, with a sentence for whatever is wrong. libical coerces some
 * values in silence (SEQUENCE:abc is 0), so those are checked as written.
 * This file scans the properties, reports what libical found wrong and
 * takes the event in (ics_event_read); the times are read in
 * ics_event_time.c, the other properties in ics_event_prop.c
 * (ics_event_internal.h is what they share).
 */
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dais/arena.h"
#include "dais/link.h"
#include "dais/session_field.h"
#include "dais/xalloc.h"
#include "ics_event_internal.h"
#include "ics_internal.h"

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

const char *
ics_event_first(const char *have, const char *v)
{
	return have != NULL ? have : v;
}

/*
 * The field of each property kind libical knows, looked up once: finding
 * it by name for every property of every VEVENT (libical's name of the
 * kind, then the field table's names) was a tenth of what dais itself
 * spends on a session. X- properties are still found by name.
 */
static const struct session_field *field_of_kind[ICAL_NO_PROPERTY + 1];
/* The fields of X- properties (X-DAIS-ROOM ...), which only an X- name
 * can be, with their names' lengths: a name is compared with the one of
 * its length, not with the whole table. */
static const struct session_field *x_fields[SESSION_FIELD_COUNT];
static size_t x_lengths[SESSION_FIELD_COUNT], nx_fields;
static pthread_once_t field_of_kind_once = PTHREAD_ONCE_INIT;

static void
field_of_kind_fill(void)
{
	size_t i;
	int k;

	for (i = 0; i < SESSION_FIELD_COUNT; i++) {
		const char *name = session_field_table[i].ical;

		if (name != NULL && (name[0] | 0x20) == 'x' && name[1] == '-') {
			x_fields[nx_fields] = &session_field_table[i];
			x_lengths[nx_fields++] = strlen(name);
		}
	}

	for (k = 0; k <= ICAL_NO_PROPERTY; k++) {
		const char *name;

		name = icalproperty_kind_to_string((icalproperty_kind)k);
		if (k == ICAL_X_PROPERTY || name == NULL || *name == '\0')
			continue;
		/* scan counts these itself and reads them for no field: a
		 * field given one of them would never be read. */
		if (k == ICAL_RRULE_PROPERTY || k == ICAL_RDATE_PROPERTY ||
		    k == ICAL_DURATION_PROPERTY ||
		    k == ICAL_XLICERROR_PROPERTY) {
			if (session_field_by_ical(name) != NULL)
				abort(); /* see scan */
			continue;
		}
		field_of_kind[k] = session_field_by_ical(name);
	}
}

/* The field of an X- property's name (case-blind, as
 * session_field_by_ical compares). */
static const struct session_field *
x_field_of(const char *name)
{
	size_t i, n = strlen(name);

	/* Written as the table spells them, nearly always. */
	for (i = 0; i < nx_fields; i++)
		if (x_lengths[i] == n &&
		    (memcmp(x_fields[i]->ical, name, n) == 0 ||
		     strcasecmp(x_fields[i]->ical, name) == 0))
			return x_fields[i];
	return NULL;
}

static const struct session_field *
field_of(icalproperty *prop, icalproperty_kind kind)
{
	const char *name;

	if (kind != ICAL_X_PROPERTY && (int)kind >= 0 &&
	    (int)kind <= ICAL_NO_PROPERTY)
		return field_of_kind[kind];
	if (kind == ICAL_X_PROPERTY) {
		name = icalproperty_get_x_name(prop);
		return name != NULL ? x_field_of(name) : NULL;
	}
	name = icalproperty_kind_to_string(kind);
	return name != NULL ? session_field_by_ical(name) : NULL;
}

/*
 * The parameters of prop that dais reads, in one walk over them (asking
 * libical for each kind walks the list once per kind): its first TZID, and
 * for an ATTENDEE (a != NULL) the ones ics_event_read_attendee reads.
 */
static icalparameter *
scan_parameters(icalproperty *prop, int n, struct ics_attendee *a)
{
	icalparameter *par, *tzid = NULL;

	/* n of them: no call past the last to be told there is none. */
	for (par = icalproperty_get_first_parameter(prop, ICAL_ANY_PARAMETER);
	     par != NULL; par = --n > 0 ? icalproperty_get_next_parameter(
	                                      prop, ICAL_ANY_PARAMETER)
	                                : NULL) {
		icalparameter_kind kind = icalparameter_isa(par);
		icalparameter **slot = NULL;

		if (kind == ICAL_TZID_PARAMETER) {
			slot = &tzid;
		} else if (a == NULL) {
			continue;
		} else if (kind == ICAL_X_PARAMETER) {
			const char *name = icalparameter_get_xname(par);

			if (name != NULL &&
			    (strcmp(name, "X-DAIS-ID") == 0 ||
			     strcasecmp(name, "X-DAIS-ID") == 0))
				slot = &a->id;
		} else if (kind == ICAL_PARTSTAT_PARAMETER) {
			slot = &a->partstat;
		} else if (kind == ICAL_CUTYPE_PARAMETER) {
			slot = &a->cutype;
		} else if (kind == ICAL_CN_PARAMETER) {
			slot = &a->cn;
		} else if (kind == ICAL_ROLE_PARAMETER) {
			slot = &a->role;
		}
		if (slot != NULL && *slot == NULL)
			*slot = par;
	}
	return tzid;
}

/*
 * One pass with the component's own iterator; nothing in the loop may
 * touch the component (LIBRARY-NOTES.md: that resets the iterator). Until
 * the file is read to its end, false (and fd empty) when a TZID names no
 * zone yet: a VTIMEZONE further down may define it.
 */
static bool
scan(struct ics_file *f, icalcomponent *c, struct found *fd)
{
	icalproperty *prop;

	memset(fd, 0, sizeof *fd);
	pthread_once(&field_of_kind_once, field_of_kind_fill);
	for (prop = icalcomponent_get_first_property(c, ICAL_ANY_PROPERTY);
	     prop != NULL;
	     prop = icalcomponent_get_next_property(c, ICAL_ANY_PROPERTY)) {
		icalproperty_kind kind = icalproperty_isa(prop);
		const struct session_field *sf = field_of(prop, kind);
		struct ics_attendee *a = NULL;
		icalparameter *tzid = NULL;
		icaltimezone *zone = NULL;
		const char *name = NULL;
		int npar;

		if (sf != NULL && sf->id == SESSION_FIELD_ASSIGN) {
			XGROW(f->attendees, fd->nattendees, f->capattendees);
			a = &f->attendees[fd->nattendees++];
			memset(a, 0, sizeof *a);
			a->prop = prop;
		}
		/* Most properties have no parameter: no walk to start. */
		if ((npar = icalproperty_count_parameters(prop)) > 0)
			tzid = scan_parameters(prop, npar, a);

		/* Its zone, found once for the scan and the times. */
		if (tzid != NULL) {
			name = ics_tz_name(tzid);
			zone = ics_zone_find(f, name);
			if (zone == NULL && !f->final &&
			    icalparameter_get_tzid(tzid) != NULL) {
				memset(fd, 0, sizeof *fd);
				return false;
			}
		}
		/* These are no field's (session_field.h): only a property of
		 * no field is asked which it is. */
		if (sf == NULL) {
			if (kind == ICAL_RRULE_PROPERTY)
				fd->nrrule++;
			else if (kind == ICAL_RDATE_PROPERTY)
				fd->nrdate++;
			else if (kind == ICAL_DURATION_PROPERTY &&
			         fd->nduration++ == 0)
				fd->duration = prop;
			else if (kind == ICAL_XLICERROR_PROPERTY)
				fd->nerrors++;
			continue;
		}
		if (a != NULL)
			continue;
		if (sf->id == SESSION_FIELD_KIND) {
			/* libical splits CATEGORIES:A,B: the first is ours. */
			fd->category = ics_event_first(
			    fd->category, icalproperty_get_categories(prop));
		} else if (fd->count[sf->id]++ == 0) {
			fd->prop[sf->id] = prop;
			fd->tzid[sf->id] = name;
			fd->zone[sf->id] = zone;
		} else {
			fd->repeats = true;
		}
	}
	fd->attendees = f->attendees;
	return true;
}

/* The text of a property as written (unescaped), or NULL. */
const char *
ics_event_text_of(icalproperty *prop)
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

const char *
ics_event_trim(const char *s, size_t *n)
{
	size_t k;

	if (s == NULL)
		return NULL;
	while (*s == ' ' || *s == '\t')
		s++;
	k = strlen(s);
	while (k > 0 && (s[k - 1] == ' ' || s[k - 1] == '\t'))
		k--;
	*n = k;
	return k > 0 ? s : NULL;
}

/* A copy without surrounding blanks; NULL when nothing is left. */
char *
ics_event_trimmed(const char *s)
{
	size_t n;

	s = ics_event_trim(s, &n);
	return s != NULL ? xstrndup(s, n) : NULL;
}

/* "12" and "+12" are whole numbers; "", "abc", "1.5", "-3" are not, nor
 * one past INT_MAX; blanks around are allowed. Read here digit by digit
 * in one pass (strtol's locale and errno handling was most of the cost,
 * asked twice for every VEVENT). */
bool
ics_event_whole_number(const char *s, long *out)
{
	long v = 0;
	bool digits = false, big = false;

	if (s == NULL)
		return false;
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '+')
		s++;
	for (; *s >= '0' && *s <= '9'; s++) {
		digits = true;
		if (!big)
			v = v * 10 + (*s - '0');
		big = big || v > INT_MAX;
	}
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s != '\0' || !digits || big)
		return false;
	*out = v;
	return true;
}

/* The line of the first `name` property containing needle, if any. */
int
ics_event_prop_line(const struct ics_block *b, const char *name,
                    const char *needle)
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

	for (i = 0; i < SESSION_FIELD_COUNT && fd->repeats; i++)
		if (fd->count[i] > 1)
			ics_diag(f, DIAG_WARNING,
			         ics_event_prop_line(
			             b, session_field_table[i].ical, NULL),
			         ev->s.uid,
			         "%s appears %d times; dais uses the first, "
			         "remove the others",
			         session_field_table[i].ical, fd->count[i]);
	if (fd->nduration > 1)
		ics_diag(f, DIAG_WARNING,
		         ics_event_prop_line(b, "DURATION", NULL), ev->s.uid,
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

/* The X-LIC-ERRORs of c (own: whether c itself has any; the scan counted
 * them) and of its children. */
static void
report_errors(struct ics_file *f, icalcomponent *c, const struct ics_block *b,
              const char *uid, bool own)
{
	icalproperty *prop;
	icalcomponent *sub;

	for (prop = own ? icalcomponent_get_first_property(
	                      c, ICAL_XLICERROR_PROPERTY)
	                : NULL;
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
		report_errors(f, sub, b, uid, true);
}

/* Property `name` quoted as the file writes it ("DTSTART;VALUE=DATE:
 * 20261105"), for messages; the caller frees it. */
char *
ics_event_as_written(const struct ics_block *b, const char *name)
{
	const char *s = prop_written(b, name, NULL);

	return ics_quote(s != NULL ? s : name, 80);
}

/* A "20261104T090000" form of a property's value, for messages. */
char *
ics_event_written(icalproperty *prop)
{
	return icalproperty_get_value_as_string_r(prop);
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
		line = ics_event_prop_line(b, "LOCATION", NULL);
	}
	if (hints->n == 0)
		return;
	if (line == 0)
		line = ics_event_prop_line(b, "ATTENDEE", NULL);
	all = strlist_join(hints, ", ");
	ics_diag(f, DIAG_WARNING, line, ev->s.uid,
	         "dais checks no conflict of what this event names without "
	         "a dais id: did you mean %s? `dais import` links it (or add "
	         "X-DAIS-ROOM:<room id>, X-DAIS-ID=<participant id>)",
	         all);
	free(all);
	strlist_clear(hints);
}

/*
 * Reads the texts the store interns (room, location, kind, each attendee's
 * id and name) into fd, and asks for the slots of all but the kind (the
 * last event's, most often: ics_event_read_kind) in the store's table at
 * once, before the times are read (prefetch_texts then asks for the texts
 * the slots point to): looked up one after the other, each waited for
 * memory twice (arena_intern's first read of its table was the hottest
 * line of the loader, its memcmp the next).
 */
static void
read_interned(struct arena *store, struct found *fd)
{
	size_t i;

	fd->room = ics_event_trim(
	    ics_event_text_of(fd->prop[SESSION_FIELD_ROOM_ID]), &fd->nroom);
	fd->location = ics_event_text_of(fd->prop[SESSION_FIELD_LOCATION]);
	if (fd->location != NULL)
		fd->nlocation = strlen(fd->location);
	fd->kind = ics_event_trim(fd->category, &fd->nkind);
	if (fd->room != NULL)
		fd->room_hash =
		    arena_intern_prefetch(store, fd->room, fd->nroom);
	if (fd->location != NULL)
		fd->location_hash =
		    arena_intern_prefetch(store, fd->location, fd->nlocation);
	for (i = 0; i < fd->nattendees; i++) {
		struct ics_attendee *a = &fd->attendees[i];

		if (a->id != NULL &&
		    (a->id_text = icalparameter_get_xvalue(a->id)) != NULL) {
			a->id_len = strlen(a->id_text);
			a->id_hash =
			    arena_intern_prefetch(store, a->id_text, a->id_len);
		}
		if (a->cn != NULL &&
		    (a->cn_text = icalparameter_get_cn(a->cn)) != NULL) {
			a->cn_len = strlen(a->cn_text);
			a->cn_hash =
			    arena_intern_prefetch(store, a->cn_text, a->cn_len);
		}
	}
}

/* The texts of the slots read_interned asked for, which have come since. */
static void
prefetch_texts(const struct arena *store, const struct found *fd)
{
	size_t i;

	if (fd->room != NULL)
		arena_intern_prefetch_text(store, fd->room_hash);
	if (fd->location != NULL)
		arena_intern_prefetch_text(store, fd->location_hash);
	for (i = 0; i < fd->nattendees; i++) {
		if (fd->attendees[i].id_text != NULL)
			arena_intern_prefetch_text(store,
			                           fd->attendees[i].id_hash);
		if (fd->attendees[i].cn_text != NULL)
			arena_intern_prefetch_text(store,
			                           fd->attendees[i].cn_hash);
	}
}

bool
ics_event_read(struct ics_file *f, icalcomponent *c, const struct ics_block *b,
               struct ics_event *ev)
{
	struct arena *store = programme_store(f->p);
	struct strlist hints = {0};
	struct found fd;
	const char *uid;
	size_t i, at, n;

	if (!scan(f, c, &fd))
		return false;
	read_interned(store, &fd);
	memset(ev, 0, sizeof *ev);
	session_init(&ev->s);
	ev->s.source = f->source;
	ev->s.line = b->begin_line;
	ev->ok = true;

	/* The session's strings go to the programme's store (arena.h). */
	uid = ics_event_trim(ics_event_text_of(fd.prop[SESSION_FIELD_UID]), &n);
	session_field_store_text(
	    &ev->s, &session_field_table[SESSION_FIELD_UID], store, uid, n);
	if (ev->s.uid == NULL) {
		ics_diag(
		    f, DIAG_ERROR, b->begin_line, NULL,
		    "this VEVENT has no UID, so dais cannot tell it apart; "
		    "give it one that never changes, e.g. "
		    "UID:opening-plenary@your-organisation");
		ev->ok = false;
	}
	report_errors(f, c, b, ev->s.uid, fd.nerrors > 0);
	report_repeats(f, ev, &fd, b);

	ics_event_read_times(f, ev, &fd, b);
	if (ev->override && fd.nrrule + fd.nrdate > 0)
		ics_diag(
		    f, DIAG_WARNING,
		    ics_event_prop_line(b, fd.nrrule ? "RRULE" : "RDATE", NULL),
		    ev->s.uid,
		    "an override of one occurrence (RECURRENCE-ID) does "
		    "not recur itself; dais ignores its RRULE and RDATE");
	ev->recurs = !ev->override && fd.nrrule + fd.nrdate > 0;
	if (ev->s.uid != NULL)
		ics_key_prefetch(f, ev->s.uid, ev->s.recurrence_id);

	prefetch_texts(store, &fd);
	ics_event_read_texts(f, ev, &fd);
	ics_event_read_kind(f, ev, &fd);
	ics_event_read_status(f, ev, &fd, b);
	ev->s.confidential =
	    fd.prop[SESSION_FIELD_CONFIDENTIAL] != NULL &&
	    icalproperty_get_class(fd.prop[SESSION_FIELD_CONFIDENTIAL]) !=
	        ICAL_CLASS_PUBLIC;
	ics_event_read_numbers(f, ev, &fd, b);
	ics_event_read_languages(
	    ev, ics_event_text_of(fd.prop[SESSION_FIELD_LANGUAGES]));
	session_store_assignments(&ev->s, store, fd.nattendees);
	for (i = 0, at = 0; i < fd.nattendees; i++)
		ics_event_read_attendee(f, ev, &fd.attendees[i], b, &at,
		                        &hints);
	unlinked_hint(f, ev, b, &hints);
	ev->tz.tzid = NULL; /* borrowed from c, which may go now */

	/* A series is expanded at the end of the file, from its RRULE,
	 * RDATE and EXDATE: keep the component until then. */
	if (ev->recurs && ev->ok) {
		ev->comp = c;
		keep_rlines(ev, b);
	}
	return true;
}
