/*
 * save.c: an edited programme back into its .ics files. A file is split
 * into its top-level blocks as text; a block whose session did not change is
 * written back byte for byte, a changed one is re-parsed with libical, given
 * the session's new fields and serialised; deleted sessions' blocks are
 * left out and new sessions are appended to the new-sessions file. So what
 * dais does not understand survives, and a diff shows only edited sessions.
 */
#include "dais/save.h"

#include <errno.h>
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "dais/atomicfile.h"
#include "dais/edit.h"
#include "dais/filehash.h"
#include "dais/xalloc.h"

#define FREEASSOC_PREFIX "/freeassociation.sourceforge.net/"

/* One top-level piece of a file, as text. */
struct block {
	size_t start, end; /* byte range in the file text */
	int line;          /* 1-based line of its first line */
	bool vevent;
	char *uid;
	dais_time rid; /* RECURRENCE-ID, or DAIS_TIME_NONE */
	bool master;   /* has RRULE or RDATE: the head of a series */
};

struct file_text {
	char *text;
	size_t len;
	struct block *blocks;
	size_t nblocks, capblocks;
	size_t calendar_end; /* offset of "END:VCALENDAR", or len */
};

/* What the save does to one file. */
struct file_plan {
	struct edit_change **changes; /* the changes that touch this file */
	size_t n, cap;
};

static char *
read_whole(const char *path, size_t *len, char **why)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0, got;

	if (f == NULL) {
		*why = xasprintf("cannot read the file: %s", strerror(errno));
		return NULL;
	}
	do {
		if (cap - n < 65536) {
			cap = cap ? cap * 2 : 65536;
			buf = xreallocarray(buf, cap + 1, 1);
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
	} while (got > 0);
	if (ferror(f)) {
		*why = xasprintf("cannot read the file: %s", strerror(errno));
		fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	if (buf == NULL)
		buf = xmalloc(1);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* The length of the line at s, without its CRLF or LF. */
static size_t
line_len(const char *s, const char *end, size_t *with_eol)
{
	const char *nl = memchr(s, '\n', (size_t)(end - s));
	size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);

	*with_eol = nl ? n + 1 : n;
	if (n > 0 && s[n - 1] == '\r')
		n--;
	return n;
}

static bool
starts_with_ci(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);

	return n >= k && strncasecmp(s, prefix, k) == 0;
}

/* The property line at `s` unfolded (continuation lines joined). */
static char *
unfold_at(const char *s, const char *end)
{
	char *out = NULL;
	size_t n = 0, cap = 0, eol, len;

	for (;;) {
		len = line_len(s, end, &eol);
		while (n + len + 1 > cap) {
			cap = cap ? cap * 2 : 128;
			out = xreallocarray(out, cap, 1);
		}
		memcpy(out + n, s, len);
		n += len;
		s += eol;
		if (s >= end || (*s != ' ' && *s != '\t'))
			break;
		s++; /* the folding blank */
	}
	out[n] = '\0';
	return out;
}

/*
 * An instant from a DATE-TIME property line (RECURRENCE-ID, EXDATE); the
 * zone from its TZID (IANA name, with or without libical's prefix), UTC for
 * a Z time, the conference zone for a floating one.
 */
static dais_time
property_instant(const char *line, const struct dais_zone *conf_zone)
{
	icalproperty *prop = icalproperty_new_from_string(line);
	struct icaltimetype t;
	icalparameter *tzid;
	dais_time out = DAIS_TIME_NONE;

	if (prop == NULL)
		return out;
	t = icalvalue_get_datetime(icalproperty_get_value(prop));
	tzid = icalproperty_get_first_parameter(prop, ICAL_TZID_PARAMETER);
	if (!icaltime_is_null_time(t)) {
		if (icaltime_is_utc(t)) {
			out = (dais_time)icaltime_as_timet(t);
		} else if (tzid != NULL) {
			const char *name = icalparameter_get_tzid(tzid);
			icaltimezone *z;

			if (strncmp(name, FREEASSOC_PREFIX,
			            strlen(FREEASSOC_PREFIX)) == 0)
				name += strlen(FREEASSOC_PREFIX);
			z = icaltimezone_get_builtin_timezone(name);
			out = (dais_time)icaltime_as_timet_with_zone(
			    t, z ? z : icaltimezone_get_utc_timezone());
		} else {
			struct dais_civil c = {t.year, t.month,  t.day,
			                       t.hour, t.minute, t.second};

			out = civil_to_time(conf_zone, c);
		}
	}
	icalproperty_free(prop);
	return out;
}

/* Reads the UID, RECURRENCE-ID and RRULE/RDATE of a VEVENT block. */
static void
block_identify(struct block *b, const char *text,
               const struct dais_zone *conf_zone)
{
	const char *s = text + b->start, *end = text + b->end;
	int depth = 0;

	b->rid = DAIS_TIME_NONE;
	while (s < end) {
		size_t eol, n = line_len(s, end, &eol);

		if (starts_with_ci(s, n, "BEGIN:"))
			depth++;
		else if (starts_with_ci(s, n, "END:"))
			depth--;
		else if (depth == 1 && b->uid == NULL &&
		         (starts_with_ci(s, n, "UID:") ||
		          starts_with_ci(s, n, "UID;"))) {
			char *line = unfold_at(s, end);
			char *colon = strchr(line, ':');

			b->uid = xstrdup(colon + 1);
			free(line);
		} else if (depth == 1 &&
		           starts_with_ci(s, n, "RECURRENCE-ID")) {
			char *line = unfold_at(s, end);

			b->rid = property_instant(line, conf_zone);
			free(line);
		} else if (depth == 1 && (starts_with_ci(s, n, "RRULE") ||
		                          starts_with_ci(s, n, "RDATE"))) {
			b->master = true;
		}
		s += eol;
	}
}

/*
 * Whether a series head already has an EXDATE for the occurrence `rid`:
 * after a save that wrote this file but failed on another, the editor
 * still lists the deletion, and the next save must not add it twice.
 * Only each EXDATE line's first value is read; dais writes one per line.
 */
static bool
block_excludes(const char *text, const struct block *b, dais_time rid,
               const struct dais_zone *conf_zone)
{
	const char *s = text + b->start, *end = text + b->end;
	int depth = 0;
	bool found = false;

	while (s < end && !found) {
		size_t eol, n = line_len(s, end, &eol);

		if (starts_with_ci(s, n, "BEGIN:"))
			depth++;
		else if (starts_with_ci(s, n, "END:"))
			depth--;
		else if (depth == 1 && starts_with_ci(s, n, "EXDATE")) {
			char *line = unfold_at(s, end);

			found = property_instant(line, conf_zone) == rid;
			free(line);
		}
		s += eol;
	}
	return found;
}

/* Splits the file into the blocks at depth 1 inside VCALENDAR. */
static void
file_split(struct file_text *ft, const struct dais_zone *conf_zone)
{
	const char *text = ft->text, *end = text + ft->len, *s = text;
	int depth = 0, line = 1;
	struct block *cur = NULL;

	ft->calendar_end = ft->len;
	/* A UTF-8 byte order mark stays in the file but is not a line's
	 * start: without this the first BEGIN would go unseen. */
	if (ft->len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		s += 3;
	while (s < end) {
		size_t eol, n = line_len(s, end, &eol);

		if (starts_with_ci(s, n, "BEGIN:")) {
			depth++;
			if (depth == 2) {
				XGROW(ft->blocks, ft->nblocks, ft->capblocks);
				cur = &ft->blocks[ft->nblocks++];
				memset(cur, 0, sizeof *cur);
				cur->start = (size_t)(s - text);
				cur->line = line;
				cur->vevent =
				    starts_with_ci(s, n, "BEGIN:VEVENT");
			}
		} else if (starts_with_ci(s, n, "END:")) {
			if (depth == 2 && cur != NULL) {
				cur->end = (size_t)(s - text) + eol;
				if (cur->vevent)
					block_identify(cur, text, conf_zone);
				cur = NULL;
			} else if (depth == 1 &&
			           starts_with_ci(s, n, "END:VCALENDAR")) {
				ft->calendar_end = (size_t)(s - text);
			}
			depth--;
		}
		line++;
		s += eol;
	}
}

static void
file_text_free(struct file_text *ft)
{
	size_t i;

	for (i = 0; i < ft->nblocks; i++)
		free(ft->blocks[i].uid);
	free(ft->blocks);
	free(ft->text);
}

/* The time as the conference zone's wall clock, for DTSTART;TZID=. */
static struct icaltimetype
local_icaltime(const struct programme *p, dais_time t)
{
	struct dais_civil c = time_to_civil(&p->conf.zone, t);
	struct icaltimetype it = icaltime_null_time();

	it.year = c.year;
	it.month = c.month;
	it.day = c.day;
	it.hour = c.hour;
	it.minute = c.minute;
	it.second = c.second;
	it.is_date = 0;
	return it;
}

static icalproperty *
zoned_property(const struct programme *p, icalproperty_kind kind, dais_time t)
{
	icalproperty *prop = icalproperty_new(kind);

	icalproperty_set_value(prop,
	                       icalvalue_new_datetime(local_icaltime(p, t)));
	icalproperty_add_parameter(prop,
	                           icalparameter_new_tzid(p->conf.zone.name));
	return prop;
}

static struct icaltimetype
utc_now(void)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	time_t now = epoch != NULL && *epoch ? (time_t)strtoll(epoch, NULL, 10)
	                                     : time(NULL);

	return icaltime_from_timet_with_zone(now, 0,
	                                     icaltimezone_get_utc_timezone());
}

static void
remove_all(icalcomponent *c, icalproperty_kind kind)
{
	icalproperty *prop;

	while ((prop = icalcomponent_get_first_property(c, kind)) != NULL) {
		icalcomponent_remove_property(c, prop);
		icalproperty_free(prop);
	}
}

static void
remove_x(icalcomponent *c, const char *name)
{
	icalproperty *prop, *next;

	/* Removing advances libical's iterator, so look again from the top. */
	for (prop = icalcomponent_get_first_property(c, ICAL_X_PROPERTY);
	     prop != NULL; prop = next) {
		next = icalcomponent_get_next_property(c, ICAL_X_PROPERTY);
		if (strcasecmp(icalproperty_get_x_name(prop), name) == 0) {
			icalcomponent_remove_property(c, prop);
			icalproperty_free(prop);
			next = icalcomponent_get_first_property(
			    c, ICAL_X_PROPERTY);
		}
	}
}

static void
set_x(icalcomponent *c, const char *name, const char *value)
{
	icalproperty *prop;

	remove_x(c, name);
	if (value == NULL || *value == '\0')
		return;
	prop = icalproperty_new_x(value);
	icalproperty_set_x_name(prop, name);
	icalcomponent_add_property(c, prop);
}

/*
 * Sets a text property, keeping the first existing one (and its parameters,
 * such as LANGUAGE) when there is one: only its value changes.
 */
static void
set_text(icalcomponent *c, icalproperty_kind kind, const char *value,
         icalproperty *(*make)(const char *))
{
	icalproperty *prop = icalcomponent_get_first_property(c, kind);

	if (value == NULL || *value == '\0') {
		remove_all(c, kind);
		return;
	}
	if (prop == NULL) {
		icalcomponent_add_property(c, make(value));
		return;
	}
	icalproperty_set_value(prop, icalvalue_new_text(value));
}

static const char *
role_value(enum role r)
{
	switch (r) {
	case ROLE_CHAIR:
		return "CHAIR";
	case ROLE_SPEAKER:
		return "REQ-PARTICIPANT";
	case ROLE_PARTICIPANT:
		return "OPT-PARTICIPANT";
	}
	return "OPT-PARTICIPANT";
}

/* The registry id an ATTENDEE names (X-DAIS-ID, else its urn:x-dais:). */
static char *
attendee_id(icalproperty *prop)
{
	icalparameter *par;
	const char *value = icalproperty_get_attendee(prop);

	for (par = icalproperty_get_first_parameter(prop, ICAL_X_PARAMETER);
	     par != NULL;
	     par = icalproperty_get_next_parameter(prop, ICAL_X_PARAMETER))
		if (strcasecmp(icalparameter_get_xname(par), "X-DAIS-ID") == 0)
			return xstrdup(icalparameter_get_xvalue(par));
	if (value != NULL && strncasecmp(value, "urn:x-dais:", 11) == 0)
		return xstrdup(value + 11);
	return NULL;
}

static void
set_param(icalproperty *prop, icalparameter *par)
{
	icalproperty_remove_parameter_by_kind(prop, icalparameter_isa(par));
	icalproperty_add_parameter(prop, par);
}

/*
 * Rewrites the ATTENDEE lines in the session's order. An attendee that
 * stays keeps its other parameters (PARTSTAT, RSVP ...); only CN and ROLE
 * are set.
 */
static void
set_attendees(icalcomponent *c, const struct programme *p,
              const struct session *s)
{
	icalproperty **old = NULL, *prop;
	char **old_ids = NULL;
	size_t nold = 0, cap = 0, i, j;

	while ((prop = icalcomponent_get_first_property(
	            c, ICAL_ATTENDEE_PROPERTY)) != NULL) {
		icalcomponent_remove_property(c, prop);
		XGROW(old, nold, cap);
		old_ids = xreallocarray(old_ids, cap, sizeof *old_ids);
		old[nold] = prop;
		old_ids[nold++] = attendee_id(prop);
	}
	for (i = 0; i < s->nassign; i++) {
		const struct assignment *a = &s->assign[i];
		const struct participant *who =
		    programme_find_participant(p, a->participant_id);
		const char *cn = a->cn ? a->cn : who ? who->name : NULL;
		icalparameter *xid;

		prop = NULL;
		for (j = 0; j < nold; j++) {
			if (old[j] != NULL && old_ids[j] != NULL &&
			    strcmp(old_ids[j], a->participant_id) == 0) {
				prop = old[j];
				old[j] = NULL;
				break;
			}
		}
		if (prop == NULL) {
			char *value =
			    xasprintf("urn:x-dais:%s", a->participant_id);

			prop = icalproperty_new_attendee(value);
			free(value);
			set_param(prop, icalparameter_new_cutype(
			                    who && !participant_is_group(who)
			                        ? ICAL_CUTYPE_INDIVIDUAL
			                    : who ? ICAL_CUTYPE_GROUP
			                          : ICAL_CUTYPE_UNKNOWN));
			xid = icalparameter_new_x(a->participant_id);
			icalparameter_set_xname(xid, "X-DAIS-ID");
			icalproperty_add_parameter(prop, xid);
		}
		if (cn != NULL)
			set_param(prop, icalparameter_new_cn(cn));
		set_param(prop,
		          icalparameter_new_role(icalparameter_string_to_enum(
		              role_value(a->role))));
		icalcomponent_add_property(c, prop);
	}
	for (j = 0; j < nold; j++) {
		/*
		 * An attendee with no dais id (a mailto: from another calendar)
		 * is not an assignment dais manages: it stays, after them.
		 */
		if (old[j] != NULL && old_ids[j] == NULL)
			icalcomponent_add_property(c, old[j]);
		else if (old[j] != NULL)
			icalproperty_free(old[j]);
		free(old_ids[j]);
	}
	free(old);
	free(old_ids);
}

/* Gives component c every field of session s. */
static void
apply_session(icalcomponent *c, const struct programme *p,
              const struct session *s, const struct session *saved)
{
	char *langs;
	char num[32];

	remove_all(c, ICAL_UID_PROPERTY);
	icalcomponent_add_property(c, icalproperty_new_uid(s->uid));
	set_text(c, ICAL_SUMMARY_PROPERTY, s->title, icalproperty_new_summary);
	set_text(c, ICAL_DESCRIPTION_PROPERTY, s->description,
	         icalproperty_new_description);
	set_text(c, ICAL_LOCATION_PROPERTY, s->location,
	         icalproperty_new_location);
	set_x(c, "X-DAIS-NOTES", s->notes);
	set_x(c, "X-DAIS-ROOM", s->room_id);

	/* Keep categories other than the session kind (a user's tags). */
	if (saved == NULL || saved->kind == NULL || s->kind == NULL ||
	    strcmp(saved->kind, s->kind) != 0) {
		icalproperty *prop, *next;

		for (prop = icalcomponent_get_first_property(
		         c, ICAL_CATEGORIES_PROPERTY);
		     prop != NULL; prop = next) {
			const char *v = icalproperty_get_categories(prop);

			next = icalcomponent_get_next_property(
			    c, ICAL_CATEGORIES_PROPERTY);
			if (v != NULL && saved != NULL && saved->kind != NULL &&
			    strcasecmp(v, saved->kind) == 0) {
				icalcomponent_remove_property(c, prop);
				icalproperty_free(prop);
				next = icalcomponent_get_first_property(
				    c, ICAL_CATEGORIES_PROPERTY);
			}
		}
		if (s->kind != NULL)
			icalcomponent_add_property(
			    c, icalproperty_new_categories(s->kind));
	}

	remove_all(c, ICAL_STATUS_PROPERTY);
	icalcomponent_add_property(
	    c, icalproperty_new_status(
	           s->status == SESSION_CANCELLED   ? ICAL_STATUS_CANCELLED
	           : s->status == SESSION_TENTATIVE ? ICAL_STATUS_TENTATIVE
	                                            : ICAL_STATUS_CONFIRMED));

	/* A copy of a closed meeting (edit_duplicate) is closed too; the
	 * file's own CLASS, whatever its value, is kept. */
	if (s->confidential &&
	    icalcomponent_get_first_property(c, ICAL_CLASS_PROPERTY) == NULL)
		icalcomponent_add_property(
		    c, icalproperty_new_class(ICAL_CLASS_CONFIDENTIAL));

	remove_all(c, ICAL_DTSTART_PROPERTY);
	remove_all(c, ICAL_DTEND_PROPERTY);
	remove_all(c, ICAL_DURATION_PROPERTY);
	icalcomponent_add_property(
	    c, zoned_property(p, ICAL_DTSTART_PROPERTY, s->start));
	icalcomponent_add_property(
	    c, zoned_property(p, ICAL_DTEND_PROPERTY, s->end));

	if (s->expected > 0)
		snprintf(num, sizeof num, "%d", s->expected);
	set_x(c, "X-DAIS-EXPECTED", s->expected > 0 ? num : NULL);
	langs = strlist_join(&s->languages, ",");
	set_x(c, "X-DAIS-LANGUAGES", langs);
	free(langs);
	set_attendees(c, p, s);

	remove_all(c, ICAL_SEQUENCE_PROPERTY);
	icalcomponent_add_property(c, icalproperty_new_sequence(s->sequence));
	remove_all(c, ICAL_DTSTAMP_PROPERTY);
	icalcomponent_add_property(c, icalproperty_new_dtstamp(utc_now()));
	remove_all(c, ICAL_LASTMODIFIED_PROPERTY);
	icalcomponent_add_property(c, icalproperty_new_lastmodified(utc_now()));
}

/* Appends text to a growing buffer. */
struct outbuf {
	char *v;
	size_t n, cap;
};

static void
out_add(struct outbuf *o, const char *s, size_t n)
{
	if (o->n + n + 1 > o->cap) {
		o->cap = (o->n + n + 1) * 2;
		o->v = xreallocarray(o->v, o->cap, 1);
	}
	memcpy(o->v + o->n, s, n);
	o->n += n;
	o->v[o->n] = '\0';
}

static void
out_str(struct outbuf *o, const char *s)
{
	out_add(o, s, strlen(s));
}

/*
 * The nested BEGIN:X-... components of a block, as their original text:
 * libical parses them but does not write them back (LIBRARY-NOTES.md), so
 * they are carried over by hand into the regenerated block.
 */
static void
nested_x_components(const char *text, const struct block *b,
                    struct outbuf *keep)
{
	const char *s = text + b->start, *end = text + b->end, *from = NULL;
	int depth = 0, xdepth = 0;

	while (s < end) {
		size_t eol, n = line_len(s, end, &eol);

		if (starts_with_ci(s, n, "BEGIN:")) {
			depth++;
			if (depth == 2 && starts_with_ci(s, n, "BEGIN:X-")) {
				from = s;
				xdepth = depth;
			}
		} else if (starts_with_ci(s, n, "END:")) {
			if (from != NULL && depth == xdepth) {
				out_add(keep, from, (size_t)(s + eol - from));
				from = NULL;
			}
			depth--;
		}
		s += eol;
	}
}

/* A VEVENT's text for session s: from its old block when it has one. */
static bool
event_text(const struct programme *p, const struct session *s,
           const struct session *saved, const char *text, const struct block *b,
           const struct strlist *exdates, struct outbuf *out, char **why)
{
	icalcomponent *c;
	struct outbuf keep = {0};
	char *ser;
	size_t i, len, endpos;

	if (b != NULL) {
		char *copy = xstrndup(text + b->start, b->end - b->start);

		c = icalparser_parse_string(copy);
		free(copy);
		if (c == NULL ||
		    icalcomponent_isa(c) != ICAL_VEVENT_COMPONENT) {
			*why = xasprintf("the event at line %d no longer "
			                 "parses; fix it by hand first",
			                 b->line);
			if (c != NULL)
				icalcomponent_free(c);
			return false;
		}
		icalcomponent_strip_errors(c);
		nested_x_components(text, b, &keep);
	} else {
		c = icalcomponent_new_vevent();
	}
	if (s != NULL) {
		apply_session(c, p, s, saved);
		if (s->recurrence_id != DAIS_TIME_NONE && b == NULL)
			icalcomponent_add_property(
			    c, zoned_property(p, ICAL_RECURRENCEID_PROPERTY,
			                      s->recurrence_id));
	}
	for (i = 0; exdates != NULL && i < exdates->n; i++) {
		icalproperty *prop =
		    icalproperty_new_from_string(exdates->v[i]);

		if (prop != NULL)
			icalcomponent_add_property(c, prop);
	}
	ser = icalcomponent_as_ical_string_r(c);
	icalcomponent_free(c);
	len = strlen(ser);
	/* Put kept X- components back just before END:VEVENT. */
	endpos = len;
	if (keep.n > 0 && len >= 12) {
		char *e = strstr(ser, "END:VEVENT");

		while (e != NULL && strstr(e + 1, "END:VEVENT") != NULL)
			e = strstr(e + 1, "END:VEVENT");
		if (e != NULL)
			endpos = (size_t)(e - ser);
	}
	out_add(out, ser, endpos);
	if (keep.n > 0)
		out_add(out, keep.v, keep.n);
	out_add(out, ser + endpos, len - endpos);
	free(ser);
	free(keep.v);
	return true;
}

static int
file_index_of(const struct programme *p, const char *name)
{
	size_t i;

	for (i = 0; name != NULL && i < p->conf.files.n; i++)
		if (strcmp(p->conf.files.v[i], name) == 0)
			return (int)i;
	return 0;
}

static char *
exdate_line(const struct programme *p, dais_time rid)
{
	icalproperty *prop = zoned_property(p, ICAL_EXDATE_PROPERTY, rid);
	char *s = icalproperty_as_ical_string_r(prop);
	size_t n = strlen(s);

	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = '\0';
	icalproperty_free(prop);
	return s;
}

static const struct edit_change *
plan_find(const struct file_plan *plan, const char *uid, dais_time rid)
{
	size_t i;

	for (i = 0; i < plan->n; i++)
		if (plan->changes[i]->recurrence_id == rid &&
		    strcmp(plan->changes[i]->uid, uid) == 0)
			return plan->changes[i];
	return NULL;
}

/* The conference zone's VTIMEZONE, named by its plain IANA name (not
 * libical's prefixed one), as the TZID= of every event dais writes. */
static void
zone_text(const struct programme *p, struct outbuf *o)
{
	icaltimezone *z = icaltimezone_get_builtin_timezone(p->conf.zone.name);
	icalcomponent *vtz;
	icalproperty *tzid;
	char *ser;

	if (z == NULL)
		return;
	vtz = icalcomponent_new_clone(icaltimezone_get_component(z));
	tzid = icalcomponent_get_first_property(vtz, ICAL_TZID_PROPERTY);
	if (tzid != NULL)
		icalproperty_set_tzid(tzid, p->conf.zone.name);
	ser = icalcomponent_as_ical_string_r(vtz);
	out_str(o, ser);
	free(ser);
	icalcomponent_free(vtz);
}

/* A new file for sessions made in dais: the calendar and its zone. */
static void
new_calendar_text(const struct programme *p, struct outbuf *o)
{
	out_str(o, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
	           "PRODID:-//dais//dais " DAIS_VERSION "//EN\r\n"
	           "CALSCALE:GREGORIAN\r\n");
	zone_text(p, o);
	out_str(o, "END:VCALENDAR\r\n");
}

/* Whether the file defines a VTIMEZONE with this TZID. */
static bool
file_has_zone(const struct file_text *ft, const char *name)
{
	size_t i, n = strlen(name);

	for (i = 0; i < ft->nblocks; i++) {
		const struct block *b = &ft->blocks[i];
		const char *s = ft->text + b->start, *end = ft->text + b->end;

		if (b->vevent ||
		    !starts_with_ci(s, (size_t)(end - s), "BEGIN:VTIMEZONE"))
			continue;
		while (s < end) {
			size_t eol, len = line_len(s, end, &eol);

			if (len == 5 + n && starts_with_ci(s, len, "TZID:") &&
			    memcmp(s + 5, name, n) == 0)
				return true;
			s += eol;
		}
	}
	return false;
}

/* Whether the plan writes any event (rather than only removing some). */
static bool
plan_writes(const struct file_plan *plan)
{
	size_t i;

	for (i = 0; i < plan->n; i++)
		if (plan->changes[i]->kind != EDIT_CHANGE_DELETED)
			return true;
	return false;
}

/*
 * Rewrites one file: kept blocks as they were, changed ones regenerated,
 * deleted ones left out, new sessions (and overrides of occurrences that
 * had none) before END:VCALENDAR.
 */
static bool
save_file(struct editor *ed, int index, const struct file_plan *plan,
          struct diag_list *diags)
{
	const struct programme *p = editor_programme(ed);
	char *path = xasprintf("%s/%s", p->dir, p->conf.files.v[index]);
	struct file_text ft = {0};
	struct outbuf out = {0}, tail = {0};
	struct outbuf fresh = {0}, zone = {0};
	bool *handled, ok = false;
	size_t i, pos = 0;
	char *why = NULL;
	struct stat st;
	int stat_err = stat(path, &st) == 0 ? 0 : errno;

	if (stat_err == 0) {
		ft.text = read_whole(path, &ft.len, &why);
		if (ft.text == NULL)
			goto fail;
		if (p->file_hash != NULL &&
		    filehash_bytes(ft.text, ft.len) != p->file_hash[index]) {
			why = xasprintf(
			    "%s was changed by another program or organiser "
			    "since dais read it, so dais did not overwrite it "
			    "(open the programme again to see their changes)",
			    path);
			goto fail;
		}
	} else if (stat_err != ENOENT && stat_err != ENOTDIR) {
		/* A directory closed to dais is not a deleted file: say why. */
		why = xasprintf("cannot read the file: %s", strerror(stat_err));
		goto fail;
	} else if (p->file_hash != NULL && p->file_hash[index] != 0) {
		why = xasprintf("%s was deleted or moved since dais read it, "
		                "so dais did not write it again",
		                path);
		goto fail;
	} else {
		new_calendar_text(p, &fresh);
		ft.text = fresh.v;
		ft.len = fresh.n;
	}
	file_split(&ft, &p->conf.zone);
	handled = xcalloc(plan->n + 1, sizeof *handled);
	/*
	 * Events dais writes say TZID=<conference zone>; a file without that
	 * VTIMEZONE (Google's exports use UTC) would not be valid RFC 5545,
	 * so it gets one, before its first component.
	 */
	if (plan_writes(plan) && !file_has_zone(&ft, p->conf.zone.name))
		zone_text(p, &zone);

	for (i = 0; i < ft.nblocks; i++) {
		const struct block *b = &ft.blocks[i];
		struct strlist exdates = {0};
		const struct edit_change *ch;
		const struct session *cur;
		size_t k;

		out_add(&out, ft.text + pos, b->start - pos);
		if (i == 0 && zone.n > 0)
			out_add(&out, zone.v, zone.n);
		pos = b->end;
		if (!b->vevent || b->uid == NULL) {
			out_add(&out, ft.text + b->start, b->end - b->start);
			continue;
		}
		/* A series head: deleted occurrences become EXDATEs. */
		if (b->master && b->rid == DAIS_TIME_NONE) {
			for (k = 0; k < plan->n; k++) {
				ch = plan->changes[k];
				if (strcmp(ch->uid, b->uid) == 0 &&
				    ch->recurrence_id != DAIS_TIME_NONE &&
				    ch->kind == EDIT_CHANGE_DELETED) {
					char *line;

					handled[k] = true;
					if (block_excludes(ft.text, b,
					                   ch->recurrence_id,
					                   &p->conf.zone))
						continue;
					line =
					    exdate_line(p, ch->recurrence_id);
					strlist_add(&exdates, line);
					free(line);
				}
			}
		}
		ch = plan_find(plan, b->uid, b->rid);
		if (ch == NULL && exdates.n == 0) {
			out_add(&out, ft.text + b->start, b->end - b->start);
			continue;
		}
		for (k = 0; ch != NULL && k < plan->n; k++)
			if (plan->changes[k] == ch)
				handled[k] = true;
		cur = ch != NULL
		          ? editor_session(ed, ch->uid, ch->recurrence_id)
		          : editor_session(ed, b->uid, b->rid);
		if (ch != NULL && ch->kind == EDIT_CHANGE_DELETED &&
		    b->rid == DAIS_TIME_NONE) {
			strlist_clear(&exdates);
			continue; /* the session is gone: leave its block out */
		}
		if (!event_text(p, cur, ch ? ch->saved : NULL, ft.text, b,
		                &exdates, &out, &why)) {
			strlist_clear(&exdates);
			free(handled);
			goto fail;
		}
		strlist_clear(&exdates);
	}
	out_add(&out, ft.text + pos, ft.calendar_end - pos);
	if (ft.nblocks == 0 && zone.n > 0)
		out_add(&out, zone.v, zone.n);

	/* New sessions, and overrides of occurrences with no block yet. */
	for (i = 0; i < plan->n; i++) {
		const struct edit_change *ch = plan->changes[i];
		const struct session *cur;

		if (handled[i] || ch->kind == EDIT_CHANGE_DELETED)
			continue;
		cur = editor_session(ed, ch->uid, ch->recurrence_id);
		if (cur == NULL)
			continue;
		if (!event_text(p, cur, ch->saved, ft.text, NULL, NULL, &tail,
		                &why)) {
			free(handled);
			goto fail;
		}
	}
	free(handled);
	if (tail.n > 0)
		out_add(&out, tail.v, tail.n);
	out_add(&out, ft.text + ft.calendar_end, ft.len - ft.calendar_end);
	if (!atomicfile_write(path, out.v, out.n, &why)) {
		/* The diagnostic names the file; the cause after atomicfile's
		 * "path: " is what a narrow status line must show. */
		size_t n = strlen(path);

		if (strncmp(why, path, n) == 0 &&
		    strncmp(why + n, ": ", 2) == 0)
			memmove(why, why + n + 2, strlen(why + n + 2) + 1);
		goto fail;
	}
	/* What is on disk now is dais's own: the next save compares to it.
	 * The fingerprint is the io layer's bookkeeping, not an edit. */
	if (p->file_hash != NULL)
		((struct programme *)p)->file_hash[index] =
		    filehash_bytes(out.v, out.n);
	ok = true;
fail:
	if (!ok) {
		diag_add(diags, DIAG_ERROR, path, 0, NULL,
		         "%s; your edits are still in dais, save again once "
		         "the cause is fixed",
		         why ? why : "could not save");
		free(why);
	}
	free(out.v);
	free(tail.v);
	free(zone.v);
	file_text_free(&ft);
	free(path);
	return ok;
}

bool
programme_save(struct editor *ed, struct diag_list *diags)
{
	const struct programme *p = editor_programme(ed);
	struct edit_change *changes = NULL;
	size_t n = editor_changes(ed, &changes), i, nfiles = p->conf.files.n;
	struct file_plan *plans;
	int fresh = file_index_of(p, p->conf.new_sessions_file);
	bool ok = true;

	if (n == 0)
		return true;
	plans = xcalloc(nfiles ? nfiles : 1, sizeof *plans);
	for (i = 0; i < n; i++) {
		const struct session *s =
		    changes[i].saved ? changes[i].saved
		                     : editor_session(ed, changes[i].uid,
		                                      changes[i].recurrence_id);
		int f =
		    s != NULL && s->source >= 0 && (size_t)s->source < nfiles
		        ? s->source
		        : fresh;
		struct file_plan *plan = &plans[f];

		XGROW(plan->changes, plan->n, plan->cap);
		plan->changes[plan->n++] = &changes[i];
	}
	for (i = 0; i < nfiles; i++)
		if (plans[i].n > 0 && !save_file(ed, (int)i, &plans[i], diags))
			ok = false;
	for (i = 0; i < nfiles; i++)
		free(plans[i].changes);
	free(plans);
	free(changes);
	if (ok)
		editor_mark_saved(ed);
	return ok;
}
