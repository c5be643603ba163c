/*
 * save_event.c: one VEVENT as dais writes it: its old block re-parsed with
 * libical and given the session's fields (SEQUENCE raised on a
 * significant change, DTSTAMP and LAST-MODIFIED renewed, ATTENDEEs kept
 * with what dais does not know of them), or a new one. The result is
 * laid over the old block's text line by line (merge_lines), so every
 * line whose value did not change keeps its place and its bytes.
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
#include "dais/fileread.h"
#include "dais/strbuf.h"
#include "dais/source_date.h"
#include "dais/xalloc.h"
#include "ics_internal.h"
#include "save_internal.h"

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

/* DTSTART or DTEND of s: a DATE for an all-day item (its midnights are
 * the conference zone's), else the zone's wall clock with TZID. */
static icalproperty *
time_property(const struct programme *p, icalproperty_kind kind,
              const struct session *s, dais_time t)
{
	icalproperty *prop;
	struct icaltimetype d;

	if (!s->all_day)
		return zoned_property(p, kind, t);
	d = local_icaltime(p, t);
	d.is_date = 1;
	d.hour = d.minute = d.second = 0;
	prop = icalproperty_new(kind);
	icalproperty_set_value(prop, icalvalue_new_date(d));
	return prop;
}

static struct icaltimetype
utc_now(void)
{
	dais_time now;

	/* An invalid SOURCE_DATE_EPOCH gives the clock: a save goes on. */
	source_date_now(&now, NULL);
	return icaltime_from_timet_with_zone((time_t)now, 0,
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

/* Sets a parameter; one already there with that value stays where it is
 * (the line is then written back as it was). */
static void
set_param(icalproperty *prop, icalparameter *par)
{
	icalparameter *was =
	    icalproperty_get_first_parameter(prop, icalparameter_isa(par));

	if (was != NULL) {
		char *a = icalparameter_as_ical_string_r(was);
		char *b = icalparameter_as_ical_string_r(par);
		bool same = strcmp(a, b) == 0;

		free(a);
		free(b);
		if (same) {
			icalparameter_free(par);
			return;
		}
	}
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

	/* A file without STATUS (read as CONFIRMED) gets none unless the
	 * status changed: a diff shows only what the edit changed. */
	if (saved == NULL || saved->status != s->status ||
	    icalcomponent_get_first_property(c, ICAL_STATUS_PROPERTY) != NULL) {
		remove_all(c, ICAL_STATUS_PROPERTY);
		icalcomponent_add_property(
		    c, icalproperty_new_status(s->status == SESSION_CANCELLED
		                                   ? ICAL_STATUS_CANCELLED
		                               : s->status == SESSION_TENTATIVE
		                                   ? ICAL_STATUS_TENTATIVE
		                                   : ICAL_STATUS_CONFIRMED));
	}

	/* CLASS says whether the session is a closed meeting, read as the
	 * loader reads it (ics_event.c): any class but PUBLIC is closed. The
	 * file's own CLASS is kept while it says what the session is; one
	 * that no longer does is replaced: CONFIDENTIAL for a session closed
	 * in the planner (or a copy of a closed one), none for one opened. */
	{
		icalproperty *cls =
		    icalcomponent_get_first_property(c, ICAL_CLASS_PROPERTY);
		bool file_closed = cls != NULL && icalproperty_get_class(cls) !=
		                                      ICAL_CLASS_PUBLIC;

		if (file_closed != s->confidential) {
			remove_all(c, ICAL_CLASS_PROPERTY);
			if (s->confidential)
				icalcomponent_add_property(
				    c, icalproperty_new_class(
				           ICAL_CLASS_CONFIDENTIAL));
		}
	}

	remove_all(c, ICAL_DTSTART_PROPERTY);
	remove_all(c, ICAL_DTEND_PROPERTY);
	remove_all(c, ICAL_DURATION_PROPERTY);
	icalcomponent_add_property(
	    c, time_property(p, ICAL_DTSTART_PROPERTY, s, s->start));
	icalcomponent_add_property(
	    c, time_property(p, ICAL_DTEND_PROPERTY, s, s->end));

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

/*
 * The nested BEGIN:X-... components of a block, as their original text:
 * libical parses them but does not write them back (LIBRARY-NOTES.md), so
 * they are carried over by hand into the regenerated block.
 */
static void
nested_x_components(const char *text, const struct ics_text_block *b,
                    struct strbuf *keep)
{
	struct ics_source src;
	struct ics_unfold u;
	struct ics_logical l;
	size_t from = 0;
	int depth = 0, xdepth = 0;
	bool in_x = false;

	ics_source_mem(&src, text + b->start, b->end - b->start);
	ics_unfold_init(&u, &src);
	while (ics_unfold_next(&u, &l)) {
		if (l.s == NULL)
			continue;
		if (ics_starts_with_ci(l.s, l.len, "BEGIN:")) {
			depth++;
			if (depth == 2 && !in_x &&
			    ics_starts_with_ci(l.s, l.len, "BEGIN:X-")) {
				from = l.start;
				xdepth = depth;
				in_x = true;
			}
		} else if (ics_starts_with_ci(l.s, l.len, "END:")) {
			if (in_x && depth == xdepth) {
				strbuf_add(keep, text + b->start + from,
				           l.end - from);
				in_x = false;
			}
			depth--;
		}
	}
	ics_unfold_free(&u);
	ics_source_free(&src);
}

/*
 * One unit of a VEVENT's text: a property line (as unfolded; its bytes in
 * the text as they are, folding and line end included), or a nested
 * component (VALARM, X-...) whole, or the BEGIN or END line of the event.
 */
struct unit {
	char *content; /* unfolded; NULL when too long to compare */
	/* As libical writes it back (quotes, escapes and case as it puts
	 * them): what an unchanged old line is in the regenerated event. */
	char *normal;
	bool component;
	char *name; /* the property's name, upper case; "BEGIN:VALARM" */
	size_t start, end;
	int partner; /* the unit of the other text it stands for, or -1 */
};

struct units {
	struct unit *v;
	size_t n, cap;
};

static void
units_free(struct units *u)
{
	size_t i;

	for (i = 0; i < u->n; i++) {
		free(u->v[i].content);
		free(u->v[i].normal);
		free(u->v[i].name);
	}
	free(u->v);
}

/* The name of the property on line l (up to ';' or ':'), upper case. */
static char *
line_name(const struct ics_logical *l)
{
	size_t n = 0, i;
	char *name;

	while (n < l->len && l->s[n] != ';' && l->s[n] != ':')
		n++;
	name = xstrndup(l->s, n);
	for (i = 0; i < n; i++)
		if (name[i] >= 'a' && name[i] <= 'z')
			name[i] = (char)(name[i] - 'a' + 'A');
	return name;
}

/* Splits a VEVENT's text (its BEGIN line to its END line) into units. */
static void
split_units(const char *text, size_t len, struct units *out)
{
	struct ics_source src;
	struct ics_unfold u;
	struct ics_logical l;
	struct strbuf nested = {0};
	struct unit *cur = NULL;
	int depth = 0;

	memset(out, 0, sizeof *out);
	ics_source_mem(&src, text, len);
	ics_unfold_init(&u, &src);
	while (ics_unfold_next(&u, &l)) {
		bool begin =
		    l.s != NULL && ics_starts_with_ci(l.s, l.len, "BEGIN:");
		bool end =
		    l.s != NULL && ics_starts_with_ci(l.s, l.len, "END:");

		if (depth >= 2) {
			/* Inside a nested component: part of its unit. */
			strbuf_add(&nested, "\n", 1);
			if (l.s != NULL)
				strbuf_add(&nested, l.s, l.len);
			cur->end = l.end;
			depth += begin ? 1 : end ? -1 : 0;
			if (depth == 1) {
				cur->content = nested.v;
				cur->component = true;
				nested = (struct strbuf){0};
			}
			continue;
		}
		XGROW(out->v, out->n, out->cap);
		cur = &out->v[out->n++];
		memset(cur, 0, sizeof *cur);
		cur->partner = -1;
		cur->start = l.start;
		cur->end = l.end;
		if (l.s == NULL) {
			cur->name = xstrdup("");
			continue;
		}
		cur->name = line_name(&l);
		if (begin && depth == 1) {
			/* A nested component starts: "BEGIN:VALARM" names it.
			 */
			free(cur->name);
			cur->name = xstrndup(l.s, l.len);
			strbuf_add(&nested, l.s, l.len);
			depth = 2;
			continue;
		}
		cur->content = xstrndup(l.s, l.len);
		depth += begin ? 1 : end ? -1 : 0;
	}
	if (nested.v != NULL) /* a component left open: keep it whole */
		cur->content = nested.v;
	ics_unfold_free(&u);
	ics_source_free(&src);
}

/* libical's text unfolded: folds and line ends out, lines joined by LF. */
static char *
unfolded(const char *ser)
{
	struct strbuf o = {0};
	const char *c;

	for (c = ser; *c != '\0'; c++) {
		if (*c == '\r')
			continue;
		if (*c == '\n' && (c[1] == ' ' || c[1] == '\t')) {
			c++;
			continue;
		}
		strbuf_add(&o, c, 1);
	}
	while (o.n > 0 && o.v[o.n - 1] == '\n')
		o.v[--o.n] = '\0';
	if (o.v == NULL)
		strbuf_add(&o, "", 0);
	return o.v;
}

/* What libical makes of an old unit when it writes it back (or NULL). */
static void
normalise(struct unit *u)
{
	char *ser = NULL;

	if (u->content == NULL)
		return;
	/* The event's own BEGIN:VEVENT and END:VEVENT lines are no property:
	 * libical's property parser prints "Encountered END before BEGIN"
	 * to stderr for the END (onto the planner's screen), and they are
	 * compared as text anyway. */
	if (!u->component &&
	    (strcmp(u->name, "BEGIN") == 0 || strcmp(u->name, "END") == 0))
		return;
	if (u->component) {
		icalcomponent *c = icalcomponent_new_from_string(u->content);

		if (c != NULL) {
			ser = icalcomponent_as_ical_string_r(c);
			icalcomponent_free(c);
		}
	} else {
		icalproperty *prop = icalproperty_new_from_string(u->content);

		if (prop != NULL) {
			ser = icalproperty_as_ical_string_r(prop);
			icalproperty_free(prop);
		}
	}
	if (ser != NULL)
		u->normal = unfolded(ser);
	free(ser);
}

/* Whether old unit x is new unit y unchanged, as text or as libical
 * writes it back. */
static bool
same_unit(const struct unit *x, const struct unit *y)
{
	if (x->content == NULL || y->content == NULL)
		return false;
	return strcmp(x->content, y->content) == 0 ||
	       (x->normal != NULL && strcmp(x->normal, y->content) == 0);
}

/* Appends new bytes, with the old block's line ends (LF alone or CRLF). */
static void
add_in_style(struct strbuf *out, const char *v, size_t n, bool lf_only)
{
	size_t i;

	if (!lf_only) {
		strbuf_add(out, v, n);
		return;
	}
	for (i = 0; i < n; i++)
		if (!(v[i] == '\r' && i + 1 < n && v[i + 1] == '\n'))
			strbuf_add(out, v + i, 1);
}

/*
 * The regenerated event `fresh` (libical's serialisation) written over
 * the old block's text so that a diff shows only what changed: every old
 * line whose value is unchanged is kept as it was (its order, folding and
 * line end), a changed one is replaced where it stood, one gone is left
 * out, and new ones go before END:VEVENT in libical's order.
 */
static void
merge_lines(const char *old, size_t oldlen, const char *fresh, size_t freshlen,
            struct strbuf *out)
{
	struct units a, b;
	size_t i, k;
	bool lf_only;

	split_units(old, oldlen, &a);
	split_units(fresh, freshlen, &b);
	lf_only = a.n > 0 && a.v[0].end >= 2 && old[a.v[0].end - 1] == '\n' &&
	          old[a.v[0].end - 2] != '\r';
	for (i = 0; i < a.n; i++)
		normalise(&a.v[i]);
	/* The same content: the old text stands for it. */
	for (i = 0; i < a.n; i++)
		for (k = 0; k < b.n; k++)
			if (b.v[k].partner < 0 && same_unit(&a.v[i], &b.v[k])) {
				a.v[i].partner = (int)k;
				b.v[k].partner = (int)i;
				break;
			}
	/* A changed value: the first new unit of the same name. */
	for (i = 0; i < a.n; i++)
		for (k = 0; a.v[i].partner < 0 && k < b.n; k++)
			if (b.v[k].partner < 0 &&
			    strcmp(a.v[i].name, b.v[k].name) == 0) {
				a.v[i].partner = (int)k;
				b.v[k].partner = (int)i;
			}
	for (i = 0; i < a.n; i++) {
		const struct unit *x = &a.v[i];

		if (i + 1 == a.n) /* before END:VEVENT, what is new */
			for (k = 0; k < b.n; k++)
				if (b.v[k].partner < 0)
					add_in_style(out, fresh + b.v[k].start,
					             b.v[k].end - b.v[k].start,
					             lf_only);
		if (x->partner < 0)
			continue; /* gone */
		if (same_unit(x, &b.v[x->partner]))
			strbuf_add(out, old + x->start, x->end - x->start);
		else
			add_in_style(out, fresh + b.v[x->partner].start,
			             b.v[x->partner].end -
			                 b.v[x->partner].start,
			             lf_only);
	}
	units_free(&a);
	units_free(&b);
}

/* ser, a VEVENT as libical wrote it, onto out with the nested X-
 * components kept from its old block (keep) back just before its last
 * END:VEVENT, where libical would not have them. */
static void
add_with_kept(struct strbuf *out, const char *ser, const struct strbuf *keep)
{
	size_t len = strlen(ser), endpos = len;

	if (keep->n > 0 && len >= 12) {
		const char *e = strstr(ser, "END:VEVENT");

		while (e != NULL && strstr(e + 1, "END:VEVENT") != NULL)
			e = strstr(e + 1, "END:VEVENT");
		if (e != NULL)
			endpos = (size_t)(e - ser);
	}
	strbuf_add(out, ser, endpos);
	if (keep->n > 0)
		strbuf_add(out, keep->v, keep->n);
	strbuf_add(out, ser + endpos, len - endpos);
}

/* A VEVENT's text for session s: from its old block when it has one. */
bool
save_event_text(const struct programme *p, const struct session *s,
                const struct session *saved, const char *text,
                const struct ics_text_block *b, const struct strlist *exdates,
                struct strbuf *out, char **why)
{
	icalcomponent *c;
	struct strbuf keep = {0}, fresh = {0};
	char *ser;
	size_t i;

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
	add_with_kept(&fresh, ser, &keep);
	if (b != NULL)
		merge_lines(text + b->start, b->end - b->start, fresh.v,
		            fresh.n, out);
	else
		strbuf_add(out, fresh.v, fresh.n);
	free(ser);
	free(keep.v);
	free(fresh.v);
	return true;
}

bool
save_override_text(const struct programme *p, const struct session *s,
                   const struct session *saved, struct ics_text *ft,
                   const struct ics_text_block *series, struct strbuf *out,
                   char **why)
{
	static const icalproperty_kind repeats[] = {
	    ICAL_RRULE_PROPERTY, ICAL_RDATE_PROPERTY, ICAL_EXRULE_PROPERTY,
	    ICAL_EXDATE_PROPERTY, ICAL_RECURRENCEID_PROPERTY};
	char *copy =
	    xstrndup(ft->text + series->start, series->end - series->start);
	icalcomponent *c = icalparser_parse_string(copy);
	icalproperty *start, *rid;
	struct icaltimetype t;
	struct strbuf keep = {0};
	struct ics_tz tz;
	char *ser;
	size_t i;

	free(copy);
	if (c == NULL || icalcomponent_isa(c) != ICAL_VEVENT_COMPONENT) {
		*why = xasprintf("the series at line %d no longer parses; fix "
		                 "it by hand first",
		                 series->line);
		if (c != NULL)
			icalcomponent_free(c);
		return false;
	}
	icalcomponent_strip_errors(c);
	nested_x_components(ft->text, series, &keep);
	/* RECURRENCE-ID names the occurrence as the series' DTSTART would
	 * (its zone, or UTC, or a date), made before apply_session replaces
	 * DTSTART (tz.tzid is borrowed from it). */
	start = icalcomponent_get_first_property(c, ICAL_DTSTART_PROPERTY);
	t = start != NULL ? icalproperty_get_dtstart(start)
	                  : icaltime_null_time();
	tz = ics_zones_prop_tz(&ft->zones, start, t);
	if (start == NULL || tz.kind == ICS_TZ_UNKNOWN) {
		rid = zoned_property(p, ICAL_RECURRENCEID_PROPERTY,
		                     s->recurrence_id);
	} else {
		struct icaltimetype w =
		    ics_tz_wall(&p->conf.zone, s->recurrence_id, &tz);

		w.is_date = t.is_date;
		if (t.is_date)
			w.hour = w.minute = w.second = 0;
		/* The wall clock, its zone said by TZID= below: libical
		 * writes a time holding some zones with a Z. */
		if (tz.kind != ICS_TZ_UTC)
			w.zone = NULL;
		rid = icalproperty_new_recurrenceid(w);
		if (tz.kind == ICS_TZ_ZONE && tz.tzid != NULL)
			icalproperty_add_parameter(
			    rid, icalparameter_new_tzid(tz.tzid));
	}
	for (i = 0; i < sizeof repeats / sizeof *repeats; i++)
		remove_all(c, repeats[i]);
	apply_session(c, p, s, saved);
	icalcomponent_add_property(c, rid);
	ser = icalcomponent_as_ical_string_r(c);
	icalcomponent_free(c);
	add_with_kept(out, ser, &keep);
	free(ser);
	free(keep.v);
	return true;
}

char *
save_exdate_line(const struct programme *p, dais_time rid)
{
	icalproperty *prop = zoned_property(p, ICAL_EXDATE_PROPERTY, rid);
	char *s = icalproperty_as_ical_string_r(prop);
	size_t n = strlen(s);

	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = '\0';
	icalproperty_free(prop);
	return s;
}
