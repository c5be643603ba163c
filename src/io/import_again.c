/*
 * import_again.c: importing a source again (import_again.h). What the
 * organiser changed in dais is never overwritten in silence: the record
 * the last import left on its file says, per event, what the source had
 * and what was written, so that each side's changes can be told apart.
 */
#include "import_again.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dais/strbuf.h"
#include "dais/xalloc.h"
#include "ics_internal.h"
#include "ics_text.h"

/* ---- The record ---------------------------------------------------------- */

void
import_record_set(struct import_record *rec, const char *uid, uint64_t source,
                  uint64_t written)
{
	size_t i;

	if (strmap_get(&rec->at, uid, &i)) {
		rec->source[i] = source;
		rec->written[i] = written;
		return;
	}
	strlist_add(&rec->uids, uid);
	i = rec->uids.n - 1;
	if (i >= rec->cap) {
		size_t old = rec->cap;

		rec->cap = rec->cap ? 2 * rec->cap : 16;
		rec->source =
		    xreallocarray(rec->source, rec->cap, sizeof *rec->source);
		rec->written =
		    xreallocarray(rec->written, rec->cap, sizeof *rec->written);
		rec->fields =
		    xreallocarray(rec->fields, rec->cap, sizeof *rec->fields);
		memset(rec->fields + old, 0,
		       (rec->cap - old) * sizeof *rec->fields);
	}
	rec->source[i] = source;
	rec->written[i] = written;
	strmap_set(&rec->at, rec->uids.v[i], i);
}

void
import_record_set_fields(struct import_record *rec, const char *uid,
                         const char *fields)
{
	size_t i;

	if (!strmap_get(&rec->at, uid, &i))
		abort(); /* set the fingerprints first: a caller's bug */
	free(rec->fields[i]);
	rec->fields[i] = fields != NULL ? xstrdup(fields) : NULL;
}

const char *
import_record_fields(const struct import_record *rec, const char *uid)
{
	size_t i;

	return uid != NULL && strmap_get(&rec->at, uid, &i) ? rec->fields[i]
	                                                    : NULL;
}

bool
import_record_get(const struct import_record *rec, const char *uid,
                  uint64_t *source, uint64_t *written)
{
	size_t i;

	if (uid == NULL || !strmap_get(&rec->at, uid, &i))
		return false;
	if (source != NULL)
		*source = rec->source[i];
	if (written != NULL)
		*written = rec->written[i];
	return true;
}

static icalcomponent *
first_calendar(icalcomponent *root)
{
	return icalcomponent_isa(root) == ICAL_XROOT_COMPONENT
	           ? icalcomponent_get_first_component(root,
	                                               ICAL_VCALENDAR_COMPONENT)
	           : root;
}

static bool
is_x(icalproperty *x, const char *name)
{
	const char *n = icalproperty_get_x_name(x);

	return n != NULL && strcasecmp(n, name) == 0;
}

static const char *
x_parameter(icalproperty *x, const char *name)
{
	icalparameter *par;

	for (par = icalproperty_get_first_parameter(x, ICAL_X_PARAMETER);
	     par != NULL;
	     par = icalproperty_get_next_parameter(x, ICAL_X_PARAMETER))
		if (icalparameter_get_xname(par) != NULL &&
		    strcasecmp(icalparameter_get_xname(par), name) == 0)
			return icalparameter_get_xvalue(par);
	return NULL;
}

void
import_record_read(icalcomponent *root, struct import_record *rec)
{
	icalcomponent *cal = root != NULL ? first_calendar(root) : NULL;
	icalproperty *x;

	if (cal == NULL)
		return;
	for (x = icalcomponent_get_first_property(cal, ICAL_X_PROPERTY);
	     x != NULL;
	     x = icalcomponent_get_next_property(cal, ICAL_X_PROPERTY)) {
		const char *value = icalproperty_get_x(x), *s, *w;

		if (value == NULL)
			continue;
		if (is_x(x, IMPORT_SOURCE_PROPERTY)) {
			free(rec->source_path);
			rec->source_path = xstrdup(value);
			rec->present = true;
		} else if (is_x(x, IMPORT_RECORD_PROPERTY) &&
		           (s = x_parameter(x, "X-SOURCE-HASH")) != NULL &&
		           (w = x_parameter(x, "X-WRITTEN-HASH")) != NULL) {
			import_record_set(rec, value, strtoull(s, NULL, 16),
			                  strtoull(w, NULL, 16));
			import_record_set_fields(
			    rec, value, x_parameter(x, "X-SOURCE-FIELDS"));
			rec->present = true;
		}
	}
}

void
import_record_strip(icalcomponent *cal)
{
	icalproperty **v = NULL, *x;
	size_t n = 0, cap = 0, i;

	for (x = icalcomponent_get_first_property(cal, ICAL_X_PROPERTY);
	     x != NULL;
	     x = icalcomponent_get_next_property(cal, ICAL_X_PROPERTY))
		if (is_x(x, IMPORT_SOURCE_PROPERTY) ||
		    is_x(x, IMPORT_RECORD_PROPERTY)) {
			XGROW(v, n, cap);
			v[n++] = x;
		}
	for (i = 0; i < n; i++) {
		icalcomponent_remove_property(cal, v[i]);
		icalproperty_free(v[i]);
	}
	free(v);
}

static void
add_hash_parameter(icalproperty *x, const char *name, uint64_t h)
{
	char hex[17];
	icalparameter *par;

	snprintf(hex, sizeof hex, "%016" PRIx64, h);
	par = icalparameter_new_x(hex);
	icalparameter_set_xname(par, name);
	icalproperty_add_parameter(x, par);
}

void
import_record_write(icalcomponent *cal, const struct import_record *rec)
{
	icalproperty *x;
	size_t i;

	import_record_strip(cal);
	if (rec->source_path != NULL) {
		x = icalproperty_new_x(rec->source_path);
		icalproperty_set_x_name(x, IMPORT_SOURCE_PROPERTY);
		icalcomponent_add_property(cal, x);
	}
	for (i = 0; i < rec->uids.n; i++) {
		x = icalproperty_new_x(rec->uids.v[i]);
		icalproperty_set_x_name(x, IMPORT_RECORD_PROPERTY);
		add_hash_parameter(x, "X-SOURCE-HASH", rec->source[i]);
		add_hash_parameter(x, "X-WRITTEN-HASH", rec->written[i]);
		if (rec->fields[i] != NULL) {
			icalparameter *par =
			    icalparameter_new_x(rec->fields[i]);

			icalparameter_set_xname(par, "X-SOURCE-FIELDS");
			icalproperty_add_parameter(x, par);
		}
		icalcomponent_add_property(cal, x);
	}
}

void
import_record_free(struct import_record *rec)
{
	size_t i;

	for (i = 0; i < rec->uids.n; i++)
		free(rec->fields[i]);
	free(rec->fields);
	strmap_free(&rec->at);
	strlist_clear(&rec->uids);
	free(rec->source);
	free(rec->written);
	free(rec->source_path);
	memset(rec, 0, sizeof *rec);
}

/* ---- Fingerprints -------------------------------------------------------- */

/* The VEVENTs of each UID of a calendar, in its order. */
struct uid_events {
	struct strlist uids; /* owns the keys of at */
	struct strmap at;    /* uid -> index into ev */
	struct evlist {
		icalcomponent **v;
		size_t n, cap;
	} * ev;
	size_t cap;
};

static void
uid_events_read(icalcomponent *cal, struct uid_events *u)
{
	icalcomponent *c;

	for (c = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	     c != NULL;
	     c = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
		const char *uid = icalcomponent_get_uid(c);
		size_t i;

		if (uid == NULL)
			continue;
		if (!strmap_get(&u->at, uid, &i)) {
			strlist_add(&u->uids, uid);
			i = u->uids.n - 1;
			if (i >= u->cap) {
				size_t old = u->cap;

				u->cap = u->cap ? 2 * u->cap : 16;
				u->ev =
				    xreallocarray(u->ev, u->cap, sizeof *u->ev);
				memset(u->ev + old, 0,
				       (u->cap - old) * sizeof *u->ev);
			}
			strmap_set(&u->at, u->uids.v[i], i);
		}
		XGROW(u->ev[i].v, u->ev[i].n, u->ev[i].cap);
		u->ev[i].v[u->ev[i].n++] = c;
	}
}

static const struct evlist *
uid_events_get(const struct uid_events *u, const char *uid)
{
	size_t i;

	return uid != NULL && strmap_get(&u->at, uid, &i) ? &u->ev[i] : NULL;
}

static void
uid_events_free(struct uid_events *u)
{
	size_t i;

	for (i = 0; i < u->uids.n; i++)
		free(u->ev[i].v);
	free(u->ev);
	strmap_free(&u->at);
	strlist_clear(&u->uids);
}

static int
text_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* One event as libical writes it once read back (so that what this
 * import writes and what the next one reads from the file print alike),
 * without DTSTAMP. The caller frees it. */
static char *
normal_text(icalcomponent *ev)
{
	char *text = icalcomponent_as_ical_string_r(ev), *out;
	icalcomponent *back = icalcomponent_new_from_string(text);
	icalproperty *stamp;

	free(text);
	if (back == NULL)
		return xstrdup("");
	while ((stamp = icalcomponent_get_first_property(
	            back, ICAL_DTSTAMP_PROPERTY)) != NULL) {
		icalcomponent_remove_property(back, stamp);
		icalproperty_free(stamp);
	}
	out = icalcomponent_as_ical_string_r(back);
	icalcomponent_free(back);
	return out;
}

static uint64_t
fingerprint(const struct evlist *l)
{
	char **texts = xcalloc(l->n ? l->n : 1, sizeof *texts);
	uint64_t h = FNV1A_OFFSET_BASIS;
	size_t i;

	for (i = 0; i < l->n; i++)
		texts[i] = normal_text(l->v[i]);
	qsort(texts, l->n, sizeof *texts, text_cmp);
	for (i = 0; i < l->n; i++) {
		h = fnv1a_add(h, texts[i], strlen(texts[i]) + 1);
		free(texts[i]);
	}
	free(texts);
	return h;
}

/* ---- Field by field ------------------------------------------------------
 */

/* The fields whose change in the source is named (a change elsewhere is
 * said as "other properties"). */
static const char *const tracked_fields[] = {
    "SUMMARY",  "DESCRIPTION", "LOCATION", "DTSTART", "DTEND",
    "DURATION", "STATUS",      "CLASS",    "RRULE",   "RDATE",
    "EXDATE",   "CATEGORIES",  "ATTENDEE", NULL};

/* One property as compared: its value, a time with its TZID, an attendee
 * as its address and name (the import adds its own parameters). */
static char *
property_text(icalproperty *prop, const char *name, bool shown)
{
	icalvalue *v = icalproperty_get_value(prop);
	char *value, *out;
	icalparameter *par;

	/* Shown to a person, a text is as the client meant it (no \, ). */
	if (shown && v != NULL && icalvalue_isa(v) == ICAL_TEXT_VALUE)
		value =
		    xstrdup(icalvalue_get_text(v) ? icalvalue_get_text(v) : "");
	else if ((value = icalproperty_get_value_as_string_r(prop)) == NULL)
		value = xstrdup("");
	if (strcmp(name, "ATTENDEE") == 0) {
		par = icalproperty_get_first_parameter(prop, ICAL_CN_PARAMETER);
		out = xasprintf("%s|%s", value,
		                par != NULL && icalparameter_get_cn(par) != NULL
		                    ? icalparameter_get_cn(par)
		                    : "");
	} else if ((par = icalproperty_get_first_parameter(
	                prop, ICAL_TZID_PARAMETER)) != NULL) {
		out = xasprintf("%s:%s", icalparameter_get_tzid(par), value);
	} else {
		return value;
	}
	free(value);
	return out;
}

/* Field `name` of the events of l, as one text: each event's properties
 * of that name in order, the events' texts sorted (a series and its
 * overrides). The caller frees it. */
static char *
field_text(const struct evlist *l, const char *name, bool shown)
{
	char **texts = xcalloc(l->n ? l->n : 1, sizeof *texts);
	struct strbuf all = {0};
	size_t i;

	for (i = 0; i < l->n; i++) {
		struct strbuf b = {0};
		icalproperty *prop;

		for (prop = icalcomponent_get_first_property(l->v[i],
		                                             ICAL_ANY_PROPERTY);
		     prop != NULL; prop = icalcomponent_get_next_property(
		                       l->v[i], ICAL_ANY_PROPERTY)) {
			const char *n = icalproperty_get_property_name(prop);
			char *t;

			if (n == NULL || strcmp(n, name) != 0)
				continue;
			t = property_text(prop, name, shown);
			strbuf_addf(&b, "%s%s", b.n ? "\n" : "", t);
			free(t);
		}
		texts[i] = b.v != NULL ? strbuf_take(&b) : xstrdup("");
	}
	qsort(texts, l->n, sizeof *texts, text_cmp);
	for (i = 0; i < l->n; i++) {
		strbuf_addf(&all, "%s%s", i ? "\x1e" : "", texts[i]);
		free(texts[i]);
	}
	free(texts);
	return all.v != NULL ? strbuf_take(&all) : xstrdup("");
}

static unsigned long
field_print(const struct evlist *l, const char *name)
{
	char *t = field_text(l, name, false);
	uint64_t h = fnv1a_add(FNV1A_OFFSET_BASIS, t, strlen(t));

	free(t);
	return (unsigned long)(h & 0xffffffffu);
}

/* "SUMMARY=1a2b3c4d DESCRIPTION=..." for the events of l. */
static char *
field_prints(const struct evlist *l)
{
	struct strbuf b = {0};
	size_t i;

	for (i = 0; tracked_fields[i] != NULL; i++)
		strbuf_addf(&b, "%s%s=%08lx", i ? " " : "", tracked_fields[i],
		            field_print(l, tracked_fields[i]));
	return strbuf_take(&b);
}

/* The print of `name` in a field_prints text; false when it has none. */
static bool
field_print_in(const char *prints, const char *name, unsigned long *out)
{
	size_t n = strlen(name);
	const char *at = prints;

	while (at != NULL && *at != '\0') {
		if (strncmp(at, name, n) == 0 && at[n] == '=') {
			*out = strtoul(at + n + 1, NULL, 16);
			return true;
		}
		at = strchr(at, ' ');
		at = at != NULL ? at + 1 : NULL;
	}
	return false;
}

void
import_fingerprints(icalcomponent *cal, struct import_record *rec,
                    bool as_source)
{
	struct uid_events u = {0};
	size_t i;

	uid_events_read(cal, &u);
	for (i = 0; i < u.uids.n; i++) {
		uint64_t s = 0, w = 0, h = fingerprint(&u.ev[i]);

		import_record_get(rec, u.uids.v[i], &s, &w);
		import_record_set(rec, u.uids.v[i], as_source ? h : s,
		                  as_source ? w : h);
		if (as_source) {
			char *f = field_prints(&u.ev[i]);

			import_record_set_fields(rec, u.uids.v[i], f);
			free(f);
		}
	}
	uid_events_free(&u);
}

/* ---- Deciding each event --------------------------------------------------
 */

static const char *
title_of(icalcomponent *ev)
{
	const char *t = icalcomponent_get_summary(ev);

	return t != NULL && *t != '\0' ? t : "(untitled)";
}

/* "2026-11-04 16:00-16:30, 'Title', LOCATION 'Room'": what the source
 * has now, for the organiser to apply by hand if wanted. */
static char *
describe_source(const struct programme *p, icalcomponent *ev)
{
	struct icaltimetype st = icalcomponent_get_dtstart(ev),
	                    en = icalcomponent_get_dtend(ev);
	const char *loc = icalcomponent_get_location(ev);
	struct strbuf b = {0};

	if (!icaltime_is_null_time(st) && !st.is_date) {
		icaltimezone *z = (icaltimezone *)st.zone;
		dais_time a = (dais_time)icaltime_as_timet_with_zone(st, z),
		          e = a;
		char d[DAIS_TIMEBUF], h1[DAIS_TIMEBUF], h2[DAIS_TIMEBUF];

		if (!icaltime_is_null_time(en))
			e = (dais_time)icaltime_as_timet_with_zone(
			    en, (icaltimezone *)en.zone);
		date_fmt_iso(d, time_local_date(&p->conf.zone, a));
		strbuf_addf(&b, "%s %s-%s, ", d,
		            time_fmt_hm(h1, &p->conf.zone, a),
		            time_fmt_hm(h2, &p->conf.zone, e));
	} else if (!icaltime_is_null_time(st)) {
		strbuf_addf(&b, "%04d-%02d-%02d (all day), ", st.year, st.month,
		            st.day);
	}
	strbuf_addf(&b, "'%s'", title_of(ev));
	if (loc != NULL && *loc != '\0')
		strbuf_addf(&b, ", LOCATION '%s'", loc);
	return strbuf_take(&b);
}

/* How a field of the events of l reads in a message: a time in the
 * conference's zone, a text quoted and cut, the attendees by name. */
static char *
field_shown(const struct programme *p, const struct evlist *l, const char *name)
{
	icalcomponent *ev = l->n > 0 ? l->v[0] : NULL;
	char *t, *q;

	if (ev != NULL &&
	    (strcmp(name, "DTSTART") == 0 || strcmp(name, "DTEND") == 0)) {
		struct icaltimetype it = strcmp(name, "DTSTART") == 0
		                             ? icalcomponent_get_dtstart(ev)
		                             : icalcomponent_get_dtend(ev);
		char d[DAIS_TIMEBUF], h[DAIS_TIMEBUF];
		dais_time at;

		if (icaltime_is_null_time(it))
			return xstrdup("none");
		if (it.is_date)
			return xasprintf("%04d-%02d-%02d", it.year, it.month,
			                 it.day);
		at = (dais_time)icaltime_as_timet_with_zone(
		    it, it.zone != NULL ? (icaltimezone *)it.zone
		                        : icaltimezone_get_utc_timezone());
		date_fmt_long(d, time_local_date(&p->conf.zone, at));
		return xasprintf("%s %s", d, time_fmt_hm(h, &p->conf.zone, at));
	}
	t = field_text(l, name, true);
	if (*t == '\0') {
		free(t);
		return xstrdup("none");
	}
	if (strcmp(name, "ATTENDEE") == 0) {
		/* "mailto:a|Name\nmailto:b|Other": the names, or addresses */
		struct strbuf b = {0};
		char *line = t, *next;

		for (; line != NULL; line = next) {
			char *bar;

			next = strpbrk(line, "\n\x1e");
			if (next != NULL)
				*next++ = '\0';
			bar = strchr(line, '|');
			strbuf_addf(&b, "%s%s", b.n ? ", " : "",
			            bar != NULL && bar[1] != '\0' ? bar + 1
			                                          : line);
			if (bar != NULL)
				*bar = '\0';
		}
		free(t);
		t = strbuf_take(&b);
	}
	q = ics_quote(t, 80);
	free(t);
	t = xasprintf("'%s'", q);
	free(q);
	return t;
}

/*
 * "DESCRIPTION from 'Courtesy call...' to 'Revised...', DTSTART to Wed
 * 4 Nov 2026 09:00 (changed in dais too: it has Wed 4 Nov 2026 08:15)":
 * each field the source changed since the last import (`prints`, the
 * record's fingerprints of the source then; `fresh`, of the source now),
 * with the value dais has when dais did not change it too (it is then
 * what the source had), and the source's new one. NULL when no tracked
 * field changed. The caller frees it.
 */
static char *
source_changes(const struct programme *p, const char *prints, const char *fresh,
               const struct evlist *now, const struct evlist *was)
{
	struct strbuf b = {0};
	size_t i;

	for (i = 0; tracked_fields[i] != NULL; i++) {
		const char *name = tracked_fields[i];
		unsigned long then = 0, today = 0;
		char *to, *from;

		if (!field_print_in(prints, name, &then) ||
		    !field_print_in(fresh, name, &today) || then == today)
			continue;
		to = field_shown(p, now, name);
		from = field_shown(p, was, name);
		if (field_print(was, name) == then)
			strbuf_addf(&b, "%s%s from %s to %s", b.n ? ", " : "",
			            name, from, to);
		else
			strbuf_addf(&b,
			            "%s%s to %s (changed in dais too: it has "
			            "%s)",
			            b.n ? ", " : "", name, to, from);
		free(to);
		free(from);
	}
	return b.v != NULL ? strbuf_take(&b) : NULL;
}

static void
remove_events(const struct evlist *l)
{
	size_t i;

	for (i = 0; l != NULL && i < l->n; i++) {
		icalcomponent_remove_component(
		    icalcomponent_get_parent(l->v[i]), l->v[i]);
		icalcomponent_free(l->v[i]);
		l->v[i] = NULL;
	}
}

/* Copies into cal the old file's events of uid, and the VTIMEZONEs they
 * may name that cal lacks. */
static void
keep_old(icalcomponent *cal, icalcomponent *oldcal, const struct evlist *l)
{
	icalcomponent **zones;
	size_t i, n;

	for (i = 0; i < l->n; i++)
		icalcomponent_add_component(cal,
		                            icalcomponent_new_clone(l->v[i]));
	zones = ics_children(oldcal, ICAL_VTIMEZONE_COMPONENT, &n);
	for (i = 0; i < n; i++) {
		icalproperty *tz = icalcomponent_get_first_property(
		    zones[i], ICAL_TZID_PROPERTY);
		const char *tzid =
		    tz != NULL ? icalproperty_get_tzid(tz) : NULL;

		if (tzid != NULL &&
		    icalcomponent_get_timezone(cal, tzid) == NULL)
			icalcomponent_add_component(
			    cal, icalcomponent_new_clone(zones[i]));
	}
	free(zones);
}

/* The file (conference.ini's files entry) that holds uid in the
 * programme, or NULL; *unsaved when a session has it but no file yet. */
static const char *
file_holding(const struct programme *p, const struct strmap *by_uid,
             const char *uid, bool *unsaved)
{
	size_t j;
	const struct session *s;

	*unsaved = false;
	if (!strmap_get(by_uid, uid, &j))
		return NULL;
	s = &p->sessions[j];
	if (s->source >= 0 && (size_t)s->source < p->conf.files.n)
		return p->conf.files.v[s->source];
	*unsaved = true;
	return NULL;
}

void
import_again(const struct programme *p, icalcomponent *cal, icalcomponent *old,
             const char *name, const struct import_record *fresh,
             struct import_record *rec, struct import_ics_result *r,
             struct import_ics_out *o, struct strlist *taken, const char *file)
{
	struct uid_events now = {0}, before = {0};
	struct import_record last = {0}, as_written = {0};
	struct strmap by_uid = {0};
	icalcomponent *oldcal = old != NULL ? first_calendar(old) : NULL;
	size_t i;

	for (i = 0; i < p->nsessions; i++)
		if (p->sessions[i].uid != NULL)
			strmap_add(&by_uid, p->sessions[i].uid, i);
	uid_events_read(cal, &now);
	/* The events as this import would write them: their fingerprints
	 * are compared with the programme's. */
	import_fingerprints(cal, &as_written, false);
	if (oldcal != NULL) {
		uid_events_read(oldcal, &before);
		import_record_read(old, &last);
	}
	for (i = 0; i < now.uids.n; i++) {
		const char *uid = now.uids.v[i], *in;
		const struct evlist *ev = &now.ev[i], *was;
		uint64_t s1 = 0, w1 = 0, s0, w0, pv;
		bool unsaved, recorded;

		import_record_get(fresh, uid, &s1, NULL);
		import_record_get(&as_written, uid, NULL, &w1);
		in = file_holding(p, &by_uid, uid, &unsaved);
		was = uid_events_get(&before, uid);
		recorded = import_record_get(&last, uid, &s0, &w0);
		if ((in != NULL && (name == NULL || strcmp(in, name) != 0)) ||
		    unsaved) {
			size_t k = 0;
			const char *t = strmap_get(&by_uid, uid, &k) &&
			                        p->sessions[k].title != NULL
			                    ? p->sessions[k].title
			                    : "(untitled)";

			char *label = import_event_label(p, ev->v[0]);

			r->skipped++;
			import_report(
			    r,
			    "%s: %s: its UID is already in the programme "
			    "(%s, '%s'): left out; this import changes no "
			    "other file's sessions",
			    file, label,
			    in != NULL ? in : "a session not yet saved", t);
			free(label);
			remove_events(ev);
			continue;
		}
		if (was == NULL && recorded) {
			/* Deleted in dais since the last import. */
			char *label = import_event_label(p, ev->v[0]);

			o->deleted++;
			import_report(
			    r,
			    "%s: %s was deleted in dais since the "
			    "last import: left out, so it stays deleted%s",
			    file, label,
			    s1 != s0 ? " (the source has changed it since: "
			               "add it again in dais if it is wanted)"
			             : "");
			free(label);
			import_record_set(rec, uid, s0, w0);
			import_record_set_fields(
			    rec, uid, import_record_fields(&last, uid));
			remove_events(ev);
			continue;
		}
		if (was == NULL) { /* new in the source */
			import_record_set(rec, uid, s1, w1);
			import_record_set_fields(
			    rec, uid, import_record_fields(fresh, uid));
			strlist_add(taken, uid);
			continue;
		}
		pv = fingerprint(was);
		if (recorded && pv == w0) {
			/* Not changed in dais: the source's, linked afresh. */
			if (s1 != s0)
				o->updated++;
			else
				strlist_add(&o->unchanged, uid);
			import_record_set(rec, uid, s1, w1);
			import_record_set_fields(
			    rec, uid, import_record_fields(fresh, uid));
			strlist_add(taken, uid);
			continue;
		}
		if (!recorded && pv == w1) {
			import_record_set(rec, uid, s1, w1);
			import_record_set_fields(
			    rec, uid, import_record_fields(fresh, uid));
			strlist_add(taken, uid);
			continue;
		}
		/* Changed in dais: kept as the programme has it. */
		if (recorded && s1 == s0) {
			o->kept++;
			import_report(
			    r,
			    "%s: '%s': changed in dais since the last import, "
			    "not in the source: kept as the programme has it",
			    file, title_of(ev->v[0]));
			import_record_set(rec, uid, s0, w0);
			import_record_set_fields(
			    rec, uid, import_record_fields(&last, uid));
		} else {
			const char *then = import_record_fields(&last, uid);
			char *changes =
			    then != NULL
			        ? source_changes(
			              p, then, import_record_fields(fresh, uid),
			              ev, was)
			        : NULL;
			char *what = describe_source(p, ev->v[0]);

			o->conflicts++;
			if (recorded && changes != NULL)
				import_report(
				    r,
				    "%s: '%s': changed in dais and in the "
				    "source since the last import: kept "
				    "dais's; the source changed %s: make "
				    "that change in dais if it is wanted",
				    file, title_of(was->v[0]), changes);
			else if (recorded)
				import_report(
				    r,
				    "%s: '%s': changed in dais and in the "
				    "source since the last import: kept "
				    "dais's; the source now has %s (the "
				    "last import did not record its fields, "
				    "so which changed is not known): make "
				    "that change in dais if it is wanted",
				    file, title_of(was->v[0]), what);
			else
				import_report(
				    r,
				    "%s: '%s': differs in dais from the "
				    "source, and its file was imported "
				    "before dais recorded what an import "
				    "wrote, so which side changed it is not "
				    "known: kept dais's; the source has %s: "
				    "make that change in dais if it is "
				    "wanted",
				    file, title_of(was->v[0]), what);
			free(what);
			free(changes);
			/* The source's change is said once: the record takes
			 * it as seen. */
			import_record_set(rec, uid, s1, recorded ? w0 : pv);
			import_record_set_fields(
			    rec, uid, import_record_fields(fresh, uid));
		}
		remove_events(ev);
		keep_old(cal, oldcal, was);
	}
	/* The earlier import's events the source no longer has. */
	for (i = 0; i < before.uids.n; i++) {
		const char *uid = before.uids.v[i];
		uint64_t s0 = 0, w0 = 0;
		char *label;
		bool recorded = import_record_get(&last, uid, &s0, &w0);

		if (uid_events_get(&now, uid) != NULL)
			continue;
		keep_old(cal, oldcal, &before.ev[i]);
		if (!recorded && last.present)
			continue; /* not from this source: kept as it is */
		label = import_event_label(p, before.ev[i].v[0]);
		import_report(
		    r,
		    "%s: %s is no longer in the source: kept in "
		    "the programme; delete it there if it was cancelled",
		    file, label);
		free(label);
		import_record_set(rec, uid, s0,
		                  recorded ? w0 : fingerprint(&before.ev[i]));
		import_record_set_fields(rec, uid,
		                         import_record_fields(&last, uid));
	}
	uid_events_free(&now);
	uid_events_free(&before);
	import_record_free(&last);
	import_record_free(&as_written);
	strmap_free(&by_uid);
}
