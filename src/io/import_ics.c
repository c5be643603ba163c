/*
 * import_ics.c: other clients' calendars into a programme (import_ics.h).
 * Each source is parsed whole by libical (calendars from clients are
 * small), its VEVENTs given dais's links, and written as a new file, so
 * the sources stay as they were; the programme is then loaded again by
 * the caller, through every loader check.
 */
#include "dais/import_ics.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dais/atomicfile.h"
#include "dais/fileread.h"
#include "dais/iniwrite.h"
#include "ics_internal.h"
#include "dais/link.h"
#include "dais/sources.h"
#include "dais/strbuf.h"
#include "dais/strmap.h"
#include "dais/suggest.h"
#include "dais/translit.h"
#include "dais/uid.h"
#include "dais/utf8.h"
#include "dais/xalloc.h"
#include "ics_text.h"
#include "import_again.h"
#include "import_zones.h"

#define IMPORT_MAX_BYTES (64 * 1024 * 1024)

void
import_report(struct import_ics_result *r, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	strlist_add(&r->report, s);
	free(s);
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A source's files: the file itself, or a directory's *.ics (a khal or
 * vdirsyncer vdir keeps one event per file) in name order, which make one
 * import file together. */
static bool
expand_source(const char *src, struct strlist *files, struct diag_list *d)
{
	struct strlist names = {0};
	struct dirent *e;
	struct stat st;
	DIR *dir;
	size_t i;

	if (stat(src, &st) != 0) {
		diag_add(d, DIAG_ERROR, src, 0, NULL,
		         "cannot read this calendar: %s; check the name",
		         strerror(errno));
		return false;
	}
	if (!S_ISDIR(st.st_mode)) {
		strlist_add(files, src);
		return true;
	}
	if ((dir = opendir(src)) == NULL) {
		diag_add(d, DIAG_ERROR, src, 0, NULL,
		         "cannot read this directory: %s", strerror(errno));
		return false;
	}
	while ((e = readdir(dir)) != NULL) {
		size_t n = strlen(e->d_name);

		if (e->d_name[0] != '.' && n > 4 &&
		    strcasecmp(e->d_name + n - 4, ".ics") == 0)
			strlist_add(&names, e->d_name);
	}
	closedir(dir);
	qsort(names.v, names.n, sizeof *names.v, name_cmp);
	for (i = 0; i < names.n; i++) {
		char *path = xasprintf("%s/%s", src, names.v[i]);

		strlist_add(files, path);
		free(path);
	}
	if (names.n == 0)
		diag_add(d, DIAG_WARNING, src, 0, NULL,
		         "this directory holds no .ics file; nothing is "
		         "imported from it");
	strlist_clear(&names);
	return true;
}

/* "Opening plenary" for messages. */
static const char *
title_of(icalcomponent *ev)
{
	const char *t = icalcomponent_get_summary(ev);

	return t != NULL && *t != '\0' ? t : "(untitled)";
}

char *
import_event_label(const struct programme *p, icalcomponent *ev)
{
	struct icaltimetype st = icalcomponent_get_dtstart(ev);
	char d[DAIS_TIMEBUF], h[DAIS_TIMEBUF];
	/* A series' DTSTART is its first occurrence, which may be on no
	 * conference day: say so. */
	const char *series =
	    icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY) != NULL
	        ? "a series from "
	        : "";
	dais_time t;

	if (icaltime_is_null_time(st))
		return xasprintf("'%s'", title_of(ev));
	if (st.is_date) {
		date_fmt_long(d, (struct dais_date){st.year, st.month, st.day});
		return xasprintf("'%s' (%s%s)", title_of(ev), series, d);
	}
	t = (dais_time)icaltime_as_timet_with_zone(
	    st, st.zone != NULL ? (icaltimezone *)st.zone
	                        : icaltimezone_get_utc_timezone());
	date_fmt_long(d, time_local_date(&p->conf.zone, t));
	return xasprintf("'%s' (%s%s %s)", title_of(ev), series, d,
	                 time_fmt_hm(h, &p->conf.zone, t));
}

/* Floating DTSTART, DTEND and RECURRENCE-ID (calcurse writes them) get the
 * conference zone's TZID, as the loader would read them. */
static bool
zone_floating(const struct programme *p, icalcomponent *ev)
{
	static const icalproperty_kind kinds[] = {ICAL_DTSTART_PROPERTY,
	                                          ICAL_DTEND_PROPERTY,
	                                          ICAL_RECURRENCEID_PROPERTY};
	bool any = false;
	size_t i;

	for (i = 0; i < sizeof kinds / sizeof *kinds; i++) {
		icalproperty *prop =
		    icalcomponent_get_first_property(ev, kinds[i]);
		struct icaltimetype t;

		if (prop == NULL || icalproperty_get_first_parameter(
		                        prop, ICAL_TZID_PARAMETER) != NULL)
			continue;
		t = icalvalue_get_datetime(icalproperty_get_value(prop));
		if (icaltime_is_null_time(t) || t.is_date || icaltime_is_utc(t))
			continue;
		icalproperty_add_parameter(
		    prop, icalparameter_new_tzid(p->conf.zone.name));
		any = true;
	}
	return any;
}

/* A room or participant an unlinked name may mean. */
struct candidate {
	const char *id, *name;
};

/* "'id' (name), ..." of the first four of n candidates (those in shown),
 * and " and N more" past them: one wording for rooms and participants.
 * The caller frees it. */
static char *
candidates_text(const struct candidate *shown, size_t n)
{
	struct strbuf sb = {0};
	size_t i;

	for (i = 0; i < n && i < 4; i++)
		strbuf_addf(&sb, "%s'%s' (%s)", i ? ", " : "", shown[i].id,
		            shown[i].name);
	if (n > 4)
		strbuf_addf(&sb, " and %zu more", n - 4);
	return strbuf_take(&sb);
}

/* A room name no room was linked to (`what` says where the event gives
 * it: LOCATION, or the ATTENDEE a room is booked as): with the rooms it
 * might mean, when some are near (several as close, or one that differs
 * in its number or letter), so that the organiser picks one rather than
 * dais. */
static void
report_unlinked_room(const struct programme *p, struct import_ics_result *r,
                     const char *file, icalcomponent *ev, const char *what,
                     const char *loc)
{
	const struct room *near[4];
	size_t n = link_room_candidates(p, loc, near, 4), i;
	struct candidate shown[4];
	char *list, *label = import_event_label(p, ev);

	if (n == 0) {
		import_report(
		    r,
		    "%s: %s: %s '%s' is no room of venues.ini: add "
		    "the room there and import again, or give the event "
		    "X-DAIS-ROOM:<room id>",
		    file, label, what, loc);
		free(label);
		return;
	}
	for (i = 0; i < n && i < 4; i++)
		shown[i] = (struct candidate){near[i]->id, near[i]->name};
	list = candidates_text(shown, n);
	import_report(
	    r,
	    "%s: %s: %s '%s' is not linked: it could be room %s; "
	    "give the event X-DAIS-ROOM:<room id> (or LOCATION the room's "
	    "name as venues.ini has it), or add the room there, and "
	    "import again",
	    file, label, what, loc, list);
	free(list);
	free(label);
}

/* The CUTYPE of an ATTENDEE (INDIVIDUAL when not given, as RFC 5545). */
static icalparameter_cutype
cutype_of(icalproperty *att)
{
	icalparameter *par =
	    icalproperty_get_first_parameter(att, ICAL_CUTYPE_PARAMETER);

	return par != NULL ? icalparameter_get_cutype(par)
	                   : ICAL_CUTYPE_INDIVIDUAL;
}

static const char *
cn_of(icalproperty *att)
{
	icalparameter *par =
	    icalproperty_get_first_parameter(att, ICAL_CN_PARAMETER);

	return par != NULL ? icalparameter_get_cn(par) : NULL;
}

/* A name an event gives its room by: LOCATION, or an ATTENDEE with
 * CUTYPE=ROOM (how Exchange and Google book a room; RESOURCE too when
 * its name is a room's). */
struct room_name {
	const char *what, *name;
};

/* The event's RECURRENCE-ID as text (an override of a series), or NULL;
 * the caller frees it. */
static char *
recurrence_text(icalcomponent *ev)
{
	struct icaltimetype t = icalcomponent_get_recurrenceid(ev);

	return icaltime_is_null_time(t) ? NULL : icaltime_as_ical_string_r(t);
}

static void
link_to_room(const struct programme *p, icalcomponent *ev,
             const struct room *room, enum link_how how,
             const struct room_name *by, struct import_ics_result *r,
             const char *file)
{
	icalproperty *x = icalproperty_new_x(room->id);
	char *label;

	icalproperty_set_x_name(x, "X-DAIS-ROOM");
	icalcomponent_add_property(ev, x);
	r->linked_rooms++;
	/* Booked as an attendee only: LOCATION says the room to clients. */
	if (icalcomponent_get_location(ev) == NULL ||
	    *icalcomponent_get_location(ev) == '\0')
		icalcomponent_set_location(ev,
		                           room->name ? room->name : room->id);
	if (how == LINK_CLOSEST) {
		struct import_ics_guess *g;
		const char *uid = icalcomponent_get_uid(ev);

		XGROW(r->guesses, r->nguesses, r->capguesses);
		g = &r->guesses[r->nguesses++];
		g->file = xstrdup(file);
		g->uid = xstrdup(uid != NULL ? uid : "");
		g->rid = recurrence_text(ev);
		g->location = xstrdup(by->name);
		g->room_id = xstrdup(room->id);
		g->report_line = r->report.n;
		label = import_event_label(p, ev);
		g->label = xstrdup(label);
		import_report(r,
		              "%s: %s: %s '%s' linked to room '%s' (%s) by "
		              "the closest name; check it",
		              file, label, by->what, by->name, room->id,
		              room->name);
		free(label);
	}
}

/*
 * The event's room, from the names it gives (struct room_name), LOCATION
 * first: a name that is a room's (as written, but for case and blanks, or
 * as dais export writes it) before any closest name; when none links,
 * each name is said with the rooms it could be.
 */
static void
link_location(const struct programme *p, icalcomponent *ev,
              struct import_ics_result *r, const char *file)
{
	const char *loc = icalcomponent_get_location(ev);
	struct room_name *names = NULL;
	size_t n = 0, cap = 0, i;
	const struct room *room;
	enum link_how how;
	icalproperty *x, **atts = NULL;
	size_t natts = 0, capatts = 0;

	for (x = icalcomponent_get_first_property(ev, ICAL_X_PROPERTY);
	     x != NULL;
	     x = icalcomponent_get_next_property(ev, ICAL_X_PROPERTY))
		if (strcasecmp(icalproperty_get_x_name(x), "X-DAIS-ROOM") == 0)
			return; /* linked already */
	if (loc != NULL && *loc != '\0') {
		XGROW(names, n, cap);
		names[n++] = (struct room_name){"LOCATION", loc};
	}
	/* Collected first: looking at ev inside the loop would reset its
	 * iterator (LIBRARY-NOTES.md). */
	for (x = icalcomponent_get_first_property(ev, ICAL_ATTENDEE_PROPERTY);
	     x != NULL;
	     x = icalcomponent_get_next_property(ev, ICAL_ATTENDEE_PROPERTY)) {
		XGROW(atts, natts, capatts);
		atts[natts++] = x;
	}
	for (i = 0; i < natts; i++) {
		icalparameter_cutype t = cutype_of(atts[i]);
		const char *cn = cn_of(atts[i]);

		if (cn == NULL || *cn == '\0')
			continue;
		if (t == ICAL_CUTYPE_ROOM ||
		    (t == ICAL_CUTYPE_RESOURCE &&
		     link_room(p, cn, false, &how) != NULL)) {
			XGROW(names, n, cap);
			names[n++] = (struct room_name){
			    t == ICAL_CUTYPE_ROOM ? "ATTENDEE;CUTYPE=ROOM"
			                          : "ATTENDEE;CUTYPE=RESOURCE",
			    cn};
		}
	}
	free(atts);
	for (i = 0; i < n; i++)
		if ((room = link_room(p, names[i].name, false, &how)) != NULL) {
			link_to_room(p, ev, room, how, &names[i], r, file);
			free(names);
			return;
		}
	for (i = 0; i < n; i++)
		if ((room = link_room(p, names[i].name, true, &how)) != NULL) {
			link_to_room(p, ev, room, how, &names[i], r, file);
			free(names);
			return;
		}
	for (i = 0; i < n; i++) {
		r->unlinked++;
		report_unlinked_room(p, r, file, ev, names[i].what,
		                     names[i].name);
	}
	free(names);
}

/* ---- Attendees no participant matched ---------------------------------- */

/*
 * A name as the candidates are compared (the attendee's CN, a registry
 * name): its letters in ASCII where translit.h spells them (Cyrillic,
 * accented Latin; so "хориҷии" and "хориҷӣ" come near), lowercase, other
 * letters (Arabic, Chinese) as written, and everything else (blanks,
 * dashes, commas) one blank between words. The caller frees it.
 */
static bool
is_separator(unsigned int cp)
{
	return (cp >= 0xa0 && cp <= 0xbf) || cp == 0xd7 || cp == 0xf7 ||
	       (cp >= 0x2000 && cp <= 0x206f) ||
	       (cp >= 0x3000 && cp <= 0x303f) || cp == 0x060c || cp == 0x061b ||
	       cp == 0x061f || (cp >= 0x066a && cp <= 0x066d) ||
	       (cp >= 0xff01 && cp <= 0xff0f) || cp == UTF8_REPLACEMENT;
}

static char *
comparable_name(const char *name)
{
	struct strbuf b = {0};
	size_t n = strlen(name), i = 0;
	bool blank = true;

	while (i < n) {
		unsigned int cp;
		size_t len = utf8_decode(name + i, n - i, &cp);
		const char *ascii;

		if (len == 0)
			len = 1;
		ascii = cp >= 0x80 ? translit_id_letters(cp) : NULL;
		if (cp < 0x80 && isalnum((int)cp)) {
			strbuf_addc(&b, (char)tolower((int)cp));
			blank = false;
		} else if (ascii != NULL) {
			strbuf_addstr(&b, ascii);
			blank = blank && *ascii == '\0';
		} else if (cp >= 0x80 && !is_separator(cp)) {
			strbuf_add(&b, name + i, len);
			blank = false;
		} else {
			if (!blank)
				strbuf_addc(&b, ' ');
			blank = true;
		}
		i += len;
	}
	while (b.n > 0 && b.v[b.n - 1] == ' ')
		b.v[--b.n] = '\0';
	return b.v != NULL ? strbuf_take(&b) : xstrdup("");
}

/* Whether every word of `few` (two at least) is a word of `many`. */
static bool
words_within(const char *few, const char *many)
{
	const char *w = few;
	size_t words = 0;

	while (*w != '\0') {
		size_t len = strcspn(w, " ");
		const char *m = many;
		bool found = false;

		while (*m != '\0' && !found) {
			size_t ml = strcspn(m, " ");

			found = ml == len && strncmp(m, w, len) == 0;
			m += ml;
			m += *m == ' ';
		}
		if (!found)
			return false;
		words++;
		w += len;
		w += *w == ' ';
	}
	return words >= 2;
}

/* Whether an attendee's comparable CN is close to a registry name: one
 * holds the other's words (a local name without its "— Country"), or it
 * is within a slip per four letters of it (a case ending, a letter). */
static bool
name_near(const char *cn, const char *registry_name)
{
	char *c;
	size_t len, limit;
	bool near;

	if (registry_name == NULL || *registry_name == '\0')
		return false;
	c = comparable_name(registry_name);
	len = strlen(c);
	limit = len / 4 > 0 ? len / 4 : 1;
	near = *c != '\0' && (words_within(cn, c) || words_within(c, cn) ||
	                      suggest_distance(cn, c) <= limit);
	free(c);
	return near;
}

/*
 * The participants an attendee that matched none by e-mail or name may
 * be (never linked: which person is meant is the organiser's to say), at
 * most max in out; returns how many there are. A person attendee is
 * compared with people, a group with groups.
 */
static size_t
participant_candidates(const struct programme *p, const char *cn, bool group,
                       const struct participant **out, size_t max)
{
	char *c;
	size_t i, n = 0;

	if (cn == NULL || *cn == '\0')
		return 0;
	c = comparable_name(cn);
	for (i = 0; i < p->npeople && *c != '\0'; i++) {
		const struct participant *who = &p->people[i];

		if (participant_is_group(who) != group)
			continue;
		if (!name_near(c, who->name) && !name_near(c, who->name_local))
			continue;
		if (n < max)
			out[n] = who;
		n++;
	}
	free(c);
	return n;
}

/* An attendee no participant matched, said with the participants it may
 * be (adding one would make a second of them), or with how to add it. */
static void
report_unlinked_attendee(const struct programme *p, struct import_ics_result *r,
                         const char *file, icalcomponent *ev, icalproperty *att,
                         const char *cn, const char *value)
{
	const struct participant *near[4];
	icalparameter_cutype t = cutype_of(att);
	size_t n = participant_candidates(p, cn, t == ICAL_CUTYPE_GROUP, near,
	                                  4),
	       i;
	struct candidate shown[4];
	char *list, *label = import_event_label(p, ev);

	if (n == 0) {
		import_report(r,
		              "%s: %s: ATTENDEE %s%s%s is no participant of "
		              "participants.ini: add them (dais "
		              "import-participants) with that e-mail and "
		              "import again, or give the line "
		              "X-DAIS-ID=<participant id>",
		              file, label, cn ? cn : "", cn && value ? " " : "",
		              value ? value : "");
		free(label);
		return;
	}
	for (i = 0; i < n && i < 4; i++)
		shown[i] = (struct candidate){near[i]->id, near[i]->name};
	list = candidates_text(shown, n);
	import_report(
	    r,
	    "%s: %s: ATTENDEE %s%s%s matches no participant's e-mail or "
	    "name: it could be participant %s; if so, give the line "
	    "X-DAIS-ID=%s (or that e-mail to the participant in "
	    "participants.ini) and import again; adding them as a new "
	    "participant would make a second of %s",
	    file, label, cn ? cn : "", cn && value ? " " : "",
	    value ? value : "", list, n == 1 ? near[0]->id : "<participant id>",
	    n == 1 ? "them" : "one of them");
	free(list);
	free(label);
}

/*
 * Whether a linked attendee's ROLE makes them a speaker in dais's
 * reading (REQ-PARTICIPANT, dais-programme(5)) although the client that
 * wrote it meant no such thing: RFC 5545 makes REQ-PARTICIPANT the
 * default, and Outlook, Exchange and Google mark every "required"
 * invitee so. Such a role becomes OPT-PARTICIPANT, dais's participant;
 * CHAIR stays a chair. True when it was changed.
 */
static bool
required_is_participant(icalproperty *att)
{
	icalparameter *role =
	    icalproperty_get_first_parameter(att, ICAL_ROLE_PARAMETER);

	if (role == NULL ||
	    icalparameter_get_role(role) != ICAL_ROLE_REQPARTICIPANT)
		return false;
	icalparameter_set_role(role, ICAL_ROLE_OPTPARTICIPANT);
	return true;
}

/*
 * Whether ev's calendar was written by dais (PRODID -//dais//...: a
 * programme file, or a copy of one), whose roles follow dais's convention
 * and are kept. Any other calendar's X-DAIS-ID was added by an organiser
 * following the import's advice, not a statement that the invitee speaks.
 */
static bool
written_by_dais(icalcomponent *ev)
{
	icalcomponent *cal = icalcomponent_get_parent(ev);
	icalproperty *prodid =
	    cal ? icalcomponent_get_first_property(cal, ICAL_PRODID_PROPERTY)
	        : NULL;
	const char *text = prodid ? icalproperty_get_prodid(prodid) : NULL;

	return text != NULL && strncmp(text, "-//dais//", 9) == 0;
}

/* Links ev's attendees to participants; returns how many of those linked
 * came as required (required_is_participant). */
static size_t
link_attendees(const struct programme *p, icalcomponent *ev,
               struct import_ics_result *r, const char *file)
{
	icalproperty **v = NULL, *prop;
	size_t n = 0, cap = 0, i, required = 0;
	bool keep_roles = written_by_dais(ev);

	/* Collected first: adding a parameter inside the loop is safe, but
	 * a lookup on ev would reset its iterator (LIBRARY-NOTES.md). */
	for (prop =
	         icalcomponent_get_first_property(ev, ICAL_ATTENDEE_PROPERTY);
	     prop != NULL; prop = icalcomponent_get_next_property(
	                       ev, ICAL_ATTENDEE_PROPERTY)) {
		XGROW(v, n, cap);
		v[n++] = prop;
	}
	for (i = 0; i < n; i++) {
		const char *value = icalproperty_get_attendee(v[i]), *cn = NULL;
		const struct participant *who;
		char *label;
		icalparameter *par;
		enum link_how how;
		bool has_id = false;

		for (par = icalproperty_get_first_parameter(v[i],
		                                            ICAL_X_PARAMETER);
		     par != NULL; par = icalproperty_get_next_parameter(
		                      v[i], ICAL_X_PARAMETER))
			if (icalparameter_get_xname(par) != NULL &&
			    strcasecmp(icalparameter_get_xname(par),
			               "X-DAIS-ID") == 0)
				has_id = true;
		if (has_id || (value != NULL &&
		               strncasecmp(value, "urn:x-dais:", 11) == 0)) {
			if (!keep_roles &&
			    cutype_of(v[i]) != ICAL_CUTYPE_ROOM &&
			    cutype_of(v[i]) != ICAL_CUTYPE_RESOURCE)
				required += required_is_participant(v[i]);
			continue;
		}
		/* A room or a resource booked (Exchange, Google): no person;
		 * a room's is the event's room (link_location). */
		if (cutype_of(v[i]) == ICAL_CUTYPE_ROOM ||
		    cutype_of(v[i]) == ICAL_CUTYPE_RESOURCE)
			continue;
		par = icalproperty_get_first_parameter(v[i], ICAL_CN_PARAMETER);
		if (par != NULL)
			cn = icalparameter_get_cn(par);
		who = link_participant(p, value, cn, &how);
		par = icalproperty_get_first_parameter(v[i],
		                                       ICAL_PARTSTAT_PARAMETER);
		if (par != NULL &&
		    icalparameter_get_partstat(par) == ICAL_PARTSTAT_DECLINED) {
			/* An invitation lists every invitee: one who declined
			 * is not assigned (the line stays as written). */
			r->declined++;
			label = import_event_label(p, ev);
			import_report(
			    r,
			    "%s: %s: ATTENDEE %s%s%s declined "
			    "(PARTSTAT=DECLINED): not assigned%s%s%s",
			    file, label, cn ? cn : "", cn && value ? " " : "",
			    value ? value : "", who ? " (participant '" : "",
			    who ? who->id : "", who ? "')" : "");
			free(label);
			continue;
		}
		if (who == NULL) {
			r->unlinked++;
			report_unlinked_attendee(p, r, file, ev, v[i], cn,
			                         value);
			continue;
		}
		par = icalparameter_new_x(who->id);
		icalparameter_set_xname(par, "X-DAIS-ID");
		icalproperty_add_parameter(v[i], par);
		r->linked_people++;
		required += required_is_participant(v[i]);
	}
	free(v);
	return required;
}

/* The VEVENTs of root's calendars (root an XROOT, or one VCALENDAR), in
 * order (the caller frees the array). */
static icalcomponent **
events_of(icalcomponent *root, size_t *n)
{
	bool xroot = icalcomponent_isa(root) == ICAL_XROOT_COMPONENT;
	icalcomponent **v = NULL, *cal, *c;
	size_t cap = 0;

	*n = 0;
	for (cal = xroot ? icalcomponent_get_first_component(
	                       root, ICAL_VCALENDAR_COMPONENT)
	                 : root;
	     cal != NULL; cal = xroot ? icalcomponent_get_next_component(
	                                    root, ICAL_VCALENDAR_COMPONENT)
	                              : NULL)
		for (c = icalcomponent_get_first_component(
		         cal, ICAL_VEVENT_COMPONENT);
		     c != NULL; c = icalcomponent_get_next_component(
		                    cal, ICAL_VEVENT_COMPONENT)) {
			XGROW(v, *n, cap);
			v[(*n)++] = c;
		}
	return v;
}

/* What was done to a source's events before those on no conference day
 * are left out: said afterwards, only of the events that stay (a personal
 * calendar's private appointments would bury what matters). */
struct notes {
	struct strlist uid, line; /* line[i] is about the event uid[i] */
	struct strlist made;      /* the UIDs dais made */
};

static void note(struct notes *n, const char *uid, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
note(struct notes *n, const char *uid, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	strlist_add(&n->uid, uid != NULL ? uid : "");
	strlist_add(&n->line, s);
	free(s);
}

/* The notes of the events cal still holds, into r (and its counts). */
static void
notes_say(struct notes *n, icalcomponent *cal, struct import_ics_result *r)
{
	struct strmap stay = {0};
	icalcomponent **v;
	size_t count, i, unused;

	v = events_of(cal, &count);
	for (i = 0; i < count; i++)
		if (icalcomponent_get_uid(v[i]) != NULL)
			strmap_set(&stay, icalcomponent_get_uid(v[i]), i);
	for (i = 0; i < n->line.n; i++)
		if (strmap_get(&stay, n->uid.v[i], &unused))
			strlist_add(&r->report, n->line.v[i]);
	for (i = 0; i < n->made.n; i++)
		if (strmap_get(&stay, n->made.v[i], &unused))
			r->made_uids++;
	strmap_free(&stay);
	free(v);
}

static void
notes_free(struct notes *n)
{
	strlist_clear(&n->uid);
	strlist_clear(&n->line);
	strlist_clear(&n->made);
}

/* A UID for an event its client wrote none for: made from the source and
 * the event's place and content, so importing the same file again gives
 * the same UIDs (a second import is refused as duplicates, not doubled),
 * in the domain of the programme's own UIDs. */
static void
make_uid(const char *domain, icalcomponent *ev, const char *file, size_t index,
         struct notes *notes)
{
	char *uid, *text;
	uint64_t h = fnv1a_str(file);

	h = fnv1a_add(h, &index, sizeof index);
	text = icalcomponent_as_ical_string_r(ev);
	h = fnv1a_add(h, text, strlen(text));
	free(text);
	uid = xasprintf("import-%016llx@%s", (unsigned long long)h, domain);
	icalcomponent_set_uid(ev, uid);
	strlist_add(&notes->made, uid);
	note(notes, uid, "%s: '%s': the event had no UID; it has %s now", file,
	     title_of(ev), uid);
	free(uid);
}

/* What a source's calendar needs before it is linked or fingerprinted:
 * no METHOD (METHOD:PUBLISH forbids the ATTENDEEs that carry
 * assignments), a UID for each event, the conference's zone for floating
 * times. */
static void
prepare_calendar(const struct programme *p, icalcomponent *cal,
                 const char *file, size_t *index, struct notes *notes)
{
	icalcomponent **evs;
	icalproperty *method;
	char *domain = NULL; /* uid_domain_of reads every session: once */
	size_t n, i;

	while ((method = icalcomponent_get_first_property(
	            cal, ICAL_METHOD_PROPERTY)) != NULL) {
		icalcomponent_remove_property(cal, method);
		icalproperty_free(method);
	}
	evs = events_of(cal, &n);
	for (i = 0; i < n; i++) {
		const char *uid = icalcomponent_get_uid(evs[i]);

		if (uid == NULL || *uid == '\0') {
			if (domain == NULL)
				domain = uid_domain_of(p);
			make_uid(domain, evs[i], file, (*index)++, notes);
		}
		if (zone_floating(p, evs[i]))
			note(notes, icalcomponent_get_uid(evs[i]),
			     "%s: '%s': its times have no zone; they are read "
			     "as %s time, and written so",
			     file, title_of(evs[i]), p->conf.zone.name);
	}
	free(domain);
	free(evs);
}

/* What linking each event added to the counts (rooms, people, not
 * linked, declined), per UID: counted only for the events the import
 * writes as the source has them (import_again may keep dais's, or leave
 * one out). */
struct link_counts {
	struct strlist uids; /* owns the keys of at */
	struct strmap at;
	/* rooms, people, not linked, declined, and the required attendees
	 * made participants (required_is_participant) */
	size_t (*n)[5];
	size_t cap;
};

static void
link_counts_add(struct link_counts *lc, const char *uid, const size_t d[5])
{
	size_t i, k;

	if (!strmap_get(&lc->at, uid, &i)) {
		strlist_add(&lc->uids, uid);
		i = lc->uids.n - 1;
		if (i >= lc->cap) {
			lc->cap = lc->cap ? 2 * lc->cap : 16;
			lc->n = xreallocarray(lc->n, lc->cap, sizeof *lc->n);
		}
		memset(lc->n[i], 0, sizeof lc->n[i]);
		strmap_set(&lc->at, lc->uids.v[i], i);
	}
	for (k = 0; k < 5; k++)
		lc->n[i][k] += d[k];
}

/* Adds to r the counts of the events in `taken`. */
static void
link_counts_give(const struct link_counts *lc, const struct strlist *taken,
                 struct import_ics_result *r)
{
	size_t i, j;

	for (j = 0; j < taken->n; j++)
		if (strmap_get(&lc->at, taken->v[j], &i)) {
			r->linked_rooms += lc->n[i][0];
			r->linked_people += lc->n[i][1];
			r->unlinked += lc->n[i][2];
			r->declined += lc->n[i][3];
		}
}

static void
link_counts_free(struct link_counts *lc)
{
	strmap_free(&lc->at);
	strlist_clear(&lc->uids);
	free(lc->n);
}

/* Each event's LOCATION and ATTENDEEs linked to the registries; what that
 * adds to r's counts goes to lc instead. */
static void
link_calendar(const struct programme *p, icalcomponent *cal, const char *file,
              struct import_ics_result *r, struct link_counts *lc)
{
	size_t n, i;
	icalcomponent **evs = events_of(cal, &n);

	for (i = 0; i < n; i++) {
		size_t before[4] = {r->linked_rooms, r->linked_people,
		                    r->unlinked, r->declined};
		size_t d[5];
		const char *uid;

		link_location(p, evs[i], r, file);
		d[4] = link_attendees(p, evs[i], r, file);

		d[0] = r->linked_rooms - before[0];
		d[1] = r->linked_people - before[1];
		d[2] = r->unlinked - before[2];
		d[3] = r->declined - before[3];
		r->linked_rooms = before[0];
		r->linked_people = before[1];
		r->unlinked = before[2];
		r->declined = before[3];
		uid = icalcomponent_get_uid(evs[i]);
		link_counts_add(lc, uid != NULL ? uid : "", d);
	}
	free(evs);
}

/* Moves the components of calendar `from` into `into` (a VTIMEZONE only
 * when `into` has none of its TZID), so that the calendars of one source
 * (a file with several VCALENDARs, a vdir's files) make one. */
static void
move_components(icalcomponent *into, icalcomponent *from)
{
	size_t n, j;
	icalcomponent **v = ics_children(from, ICAL_ANY_COMPONENT, &n);

	for (j = 0; j < n; j++) {
		icalproperty *tz =
		    icalcomponent_get_first_property(v[j], ICAL_TZID_PROPERTY);
		const char *tzid =
		    tz != NULL ? icalproperty_get_tzid(tz) : NULL;

		icalcomponent_remove_component(from, v[j]);
		if (icalcomponent_isa(v[j]) == ICAL_VTIMEZONE_COMPONENT &&
		    (tzid == NULL ||
		     icalcomponent_get_timezone(into, tzid) != NULL))
			icalcomponent_free(v[j]);
		else
			icalcomponent_add_component(into, v[j]);
	}
	free(v);
}

/* A file's calendars as one (move_components): the first, detached from
 * root when root was an XROOT (then root is freed). */
static icalcomponent *
one_calendar(icalcomponent *root)
{
	icalcomponent *first, **cals;
	size_t ncals, i;

	if (icalcomponent_isa(root) != ICAL_XROOT_COMPONENT)
		return root;
	cals = ics_children(root, ICAL_VCALENDAR_COMPONENT, &ncals);
	if (ncals == 0) {
		free(cals);
		return root;
	}
	first = cals[0];
	icalcomponent_remove_component(root, first);
	for (i = 1; i < ncals; i++)
		move_components(first, cals[i]);
	free(cals);
	icalcomponent_free(root);
	return first;
}

/* ---- Events outside the conference days -------------------------------- */

static void
occurs_cb(icalcomponent *comp, struct icaltime_span *span, void *data)
{
	(void)comp;
	(void)span;
	*(bool *)data = true;
}

/*
 * Whether event ev has an occurrence on a conference day: a DATE (an
 * all-day item) by its days, a time by its span in UTC against the days
 * from midnight to midnight in the conference's zone; a repeating event by
 * each occurrence (libical's expansion, its EXDATEs and RDATEs).
 */
static bool
on_conference_days(const struct programme *p, icalcomponent *ev)
{
	struct icaltimetype start = icalcomponent_get_dtstart(ev), from, to;
	dais_time first, last;
	bool any = false;

	if (p->conf.ndays == 0 || icaltime_is_null_time(start))
		return true; /* nothing to judge by: the loader says so */
	if (start.is_date &&
	    icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY) == NULL &&
	    icalcomponent_get_first_property(ev, ICAL_RDATE_PROPERTY) == NULL) {
		struct icaltimetype end = icalcomponent_get_dtend(ev);
		struct dais_date a = {start.year, start.month, start.day};
		struct dais_date b = a;

		if (!icaltime_is_null_time(end) && end.is_date)
			b = days_to_date(date_to_days((struct dais_date){
			                     end.year, end.month, end.day}) -
			                 1);
		return date_compare(a, p->conf.days[p->conf.ndays - 1]) <= 0 &&
		       date_compare(b, p->conf.days[0]) >= 0;
	}
	first = time_at(&p->conf.zone, p->conf.days[0], 0);
	last = time_at(&p->conf.zone, p->conf.days[p->conf.ndays - 1], 24 * 60);
	from = icaltime_from_timet_with_zone((time_t)first, 0,
	                                     icaltimezone_get_utc_timezone());
	to = icaltime_from_timet_with_zone((time_t)last, 0,
	                                   icaltimezone_get_utc_timezone());
	icalcomponent_foreach_recurrence(ev, from, to, occurs_cb, &any);
	return any;
}

/*
 * A personal calendar holds every month: the events (all of a UID, with
 * its overrides) none of whose occurrences falls on a conference day are
 * left out, unless r->all_dates; one line says how many, naming the first
 * few and the option.
 */
static void
leave_out_other_days(const struct programme *p, icalcomponent *root,
                     struct import_ics_result *r, const char *file)
{
	struct strmap inside = {0};
	struct strbuf names = {0};
	icalcomponent **v;
	size_t n, i, out = 0, unused;
	char *days;

	if (r->all_dates)
		return;
	v = events_of(root, &n);
	for (i = 0; i < n; i++) {
		const char *uid = icalcomponent_get_uid(v[i]);

		if (uid != NULL && on_conference_days(p, v[i]))
			strmap_set(&inside, uid, 1);
	}
	for (i = 0; i < n; i++) {
		const char *uid = icalcomponent_get_uid(v[i]);
		struct icaltimetype t = icalcomponent_get_dtstart(v[i]);

		if (uid == NULL || strmap_get(&inside, uid, &unused))
			continue;
		if (out < 3)
			strbuf_addf(&names, "%s'%s' (%04d-%02d-%02d)",
			            out ? ", " : "", title_of(v[i]), t.year,
			            t.month, t.day);
		out++;
		icalcomponent_remove_component(icalcomponent_get_parent(v[i]),
		                               v[i]);
		icalcomponent_free(v[i]);
	}
	if (out > 0) {
		char *list = strbuf_take(&names);

		days = programme_days_text(p);
		r->outside += out;
		import_report(
		    r,
		    "%s: %zu event%s on no conference day (%s) left out: "
		    "%s%s; 'dais import --all-dates' imports them",
		    file, out, out == 1 ? "" : "s", days, list,
		    out > 3 ? " and others" : "");
		free(days);
		free(list);
	} else {
		strbuf_free(&names);
	}
	strmap_free(&inside);
	free(v);
}

/* ---- Lines libical cannot read ----------------------------------------- */

/* The source's logical lines, and where each top-level VEVENT's begin and
 * end (indexes into lines), in order: libical keeps the events in the
 * file's order, so its k-th VEVENT is the k-th here. */
struct source_lines {
	struct strlist text;
	int *line;
	size_t (*event)[2];
	size_t nevents, capevents;
};

static void
source_lines_read(struct source_lines *sl, const char *data, size_t len)
{
	struct ics_source src;
	struct ics_unfold u;
	struct ics_logical l;
	size_t cap = 0, begin = 0;
	int depth = 0;

	ics_source_mem(&src, data, len);
	ics_unfold_init(&u, &src);
	while (ics_unfold_next(&u, &l)) {
		const char *t = l.s != NULL ? l.s : "";

		if (sl->text.n == cap) {
			cap = cap ? 2 * cap : 64;
			sl->line =
			    xreallocarray(sl->line, cap, sizeof *sl->line);
		}
		sl->line[sl->text.n] = l.line;
		strlist_add(&sl->text, t);
		if (ics_starts_with_ci(t, l.len, "BEGIN:")) {
			if (++depth == 2 &&
			    ics_line_is(t, l.len, "BEGIN:VEVENT"))
				begin = sl->text.n - 1;
		} else if (ics_starts_with_ci(t, l.len, "END:")) {
			if (depth-- == 2 &&
			    ics_line_is(t, l.len, "END:VEVENT")) {
				XGROW(sl->event, sl->nevents, sl->capevents);
				sl->event[sl->nevents][0] = begin;
				sl->event[sl->nevents++][1] = sl->text.n - 1;
			}
		}
	}
	ics_unfold_free(&u);
	ics_source_free(&src);
}

static void
source_lines_free(struct source_lines *sl)
{
	strlist_clear(&sl->text);
	free(sl->line);
	free(sl->event);
}

/* Properties that make an event's times: without one of them libical
 * would hand on an event at another time, or of no length. */
static bool
is_time_property(const char *name)
{
	static const char *const names[] = {"DTSTART", "DTEND", "DURATION",
	                                    "RRULE",   "RDATE", "RECURRENCE-ID",
	                                    "EXDATE",  "EXRULE"};
	size_t i;

	for (i = 0; i < sizeof names / sizeof *names; i++)
		if (strcasecmp(name, names[i]) == 0)
			return true;
	return false;
}

/*
 * The source line an X-LIC-ERROR of event k (or of no event: k past the
 * events) is about, as an index into sl's lines: the property the message
 * names ("... in DTEND property"), else the line holding what it quotes
 * last ("Can't parse parameter name: =bad"); (size_t)-1 when not found.
 * *prop gets the property's name.
 */
static size_t
error_source_line(const struct source_lines *sl, size_t k, const char *msg,
                  char *prop, size_t size)
{
	size_t from = 0, to = sl->text.n, i, n;
	const char *in = strstr(msg, " in "), *end, *tail = NULL, *q;

	if (k < sl->nevents)
		from = sl->event[k][0], to = sl->event[k][1] + 1;
	prop[0] = '\0';
	if (in != NULL && (end = strstr(in + 4, " property")) != NULL &&
	    (n = (size_t)(end - in - 4)) > 0 && n < size) {
		memcpy(prop, in + 4, n);
		prop[n] = '\0';
		for (i = from; i < to; i++)
			if (ics_property_is(sl->text.v[i],
			                    strlen(sl->text.v[i]), prop))
				return i;
	}
	for (q = msg; (q = strstr(q, ": ")) != NULL; q += 2)
		tail = q + 2;
	if (tail != NULL && *tail != '\0')
		for (i = from; i < to; i++)
			if (strstr(sl->text.v[i], tail) != NULL) {
				n = strcspn(sl->text.v[i], ";:");
				if (n < size) {
					memcpy(prop, sl->text.v[i], n);
					prop[n] = '\0';
				}
				return i;
			}
	return (size_t)-1;
}

/*
 * Says each line libical could not read in comp (event k of the file, or
 * none), where the source has it and as written, before the errors are
 * stripped: libical leaves such a line out (or, for a parameter, the line
 * without it), which the import must not do in silence. A time property
 * is an error (the event's times would be wrong, so the import is
 * refused); another line a warning (the event comes in without it). An
 * empty value (Google's and Exchange's "LOCATION:") carries nothing and is
 * passed over. False when an error was said.
 */
static bool
report_unreadable(const struct source_lines *sl, icalcomponent *comp, size_t k,
                  const char *file, struct diag_list *d)
{
	const char *uid = icalcomponent_isa(comp) == ICAL_VEVENT_COMPONENT
	                      ? icalcomponent_get_uid(comp)
	                      : NULL;
	icalproperty *prop;
	icalcomponent *sub;
	bool ok = true;

	for (prop = icalcomponent_get_first_property(comp,
	                                             ICAL_XLICERROR_PROPERTY);
	     prop != NULL; prop = icalcomponent_get_next_property(
	                       comp, ICAL_XLICERROR_PROPERTY)) {
		const char *msg = icalproperty_get_xlicerror(prop), *cut;
		char name[64], *q, *why;
		size_t at;
		bool time;

		if (msg == NULL || strncmp(msg, "No value for ", 13) == 0)
			continue;
		/* "...: 00" is what libical made of "2026-11-04 09:00". */
		cut = strstr(msg, ". Removing entire property");
		why = cut != NULL ? xstrndup(msg, (size_t)(cut - msg))
		                  : xstrdup(msg);
		at = error_source_line(sl, k, msg, name, sizeof name);
		q = ics_quote(at != (size_t)-1 ? sl->text.v[at] : "?", 80);
		time = is_time_property(name);
		ok = ok && !time;
		diag_add(d, time ? DIAG_ERROR : DIAG_WARNING, file,
		         at != (size_t)-1 ? sl->line[at] : 0, uid,
		         "libical cannot read \"%s\" (%s) %s; correct the "
		         "line in the source (or export the calendar again) "
		         "and import again",
		         q, why,
		         time ? "and the event's times would be wrong "
		                "without it, so nothing is imported"
		              : "and the event would come in without what it "
		                "cannot read");
		free(why);
		free(q);
	}
	for (sub = icalcomponent_get_first_component(comp, ICAL_ANY_COMPONENT);
	     sub != NULL;
	     sub = icalcomponent_get_next_component(comp, ICAL_ANY_COMPONENT))
		ok = report_unreadable(sl, sub, k, file, d) && ok;
	return ok;
}

/* report_unreadable for each calendar of root, each event by its place. */
static bool
report_unreadable_all(const char *text, size_t len, icalcomponent *root,
                      const char *file, struct diag_list *d)
{
	struct source_lines sl = {0};
	icalcomponent *cal;
	size_t k = 0;
	bool ok = true, xroot = icalcomponent_isa(root) == ICAL_XROOT_COMPONENT;

	source_lines_read(&sl, text, len);
	for (cal = xroot ? icalcomponent_get_first_component(
	                       root, ICAL_VCALENDAR_COMPONENT)
	                 : root;
	     cal != NULL; cal = xroot ? icalcomponent_get_next_component(
	                                    root, ICAL_VCALENDAR_COMPONENT)
	                              : NULL) {
		size_t n, i;
		/* Collected first: report_unreadable walks each one's own
		 * iterators. */
		icalcomponent **v = ics_children(cal, ICAL_ANY_COMPONENT, &n);

		for (i = 0; i < n; i++)
			ok = report_unreadable(&sl, v[i],
			                       icalcomponent_isa(v[i]) ==
			                               ICAL_VEVENT_COMPONENT
			                           ? k++
			                           : (size_t)-1,
			                       file, d) &&
			     ok;
		free(v);
	}
	source_lines_free(&sl);
	return ok;
}

/* The file an earlier import made, parsed; NULL when there is none. */
static icalcomponent *
read_earlier(const struct programme *p, const char *name)
{
	char *path = xasprintf("%s/%s", p->dir, name), *why = NULL, *text;
	icalcomponent *old = NULL;
	size_t len;

	text = fileread_all(path, IMPORT_MAX_BYTES, &len, &why);
	if (text != NULL)
		old = icalparser_parse_string(text);
	free(text);
	free(why);
	free(path);
	return old;
}

/* The source's name without .ics: what its import file is named after. */
static char *
stem_of(const char *file)
{
	size_t end = strlen(file), len;
	const char *base;

	while (end > 1 && file[end - 1] == '/') /* a directory: "vdir/" */
		end--;
	for (base = file + end; base > file && base[-1] != '/'; base--)
		;
	len = (size_t)(file + end - base);
	if (len > 4 && strncasecmp(base + len - 4, ".ics", 4) == 0)
		len -= 4;
	return xstrndup(base, len);
}

/* Whether old (an import file made before dais recorded its source) holds
 * one of cal's UIDs: then it is an earlier import of this source. */
static bool
shares_a_uid(icalcomponent *old, icalcomponent *cal)
{
	struct strmap uids = {0};
	icalcomponent **v, *c;
	size_t n, i, unused;
	bool any = false;

	v = events_of(old, &n);
	for (i = 0; i < n; i++)
		if (icalcomponent_get_uid(v[i]) != NULL)
			strmap_set(&uids, icalcomponent_get_uid(v[i]), i);
	for (c = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	     c != NULL && !any;
	     c = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT))
		any = icalcomponent_get_uid(c) != NULL &&
		      strmap_get(&uids, icalcomponent_get_uid(c), &unused);
	strmap_free(&uids);
	free(v);
	return any;
}

/*
 * The file an earlier import of this source made, parsed into *old: the
 * import file (programme/import-*.ics among the programme's files) whose
 * X-DAIS-IMPORT-SOURCE is the source's absolute path, or, among those an
 * import made before dais recorded its source, one named after the source
 * that holds one of its UIDs. NULL when none: a source of the same name
 * elsewhere (every client exports Calendar.ics) is another source.
 */
static char *
earlier_import(const struct programme *p, const struct import_ics_result *r,
               const char *file, const char *abs, icalcomponent *cal,
               icalcomponent **old)
{
	char *stem = stem_of(file);
	char *same = xasprintf("programme/import-%s", stem);
	size_t i, k, n = strlen(same);
	char *found = NULL;

	*old = NULL;
	for (i = 0; i < p->conf.files.n && found == NULL; i++) {
		const char *name = p->conf.files.v[i];
		struct import_record rec = {0};
		icalcomponent *c;
		bool taken = false, match;

		if (strncmp(name, "programme/import-", 17) != 0)
			continue;
		for (k = 0; k < r->n && !taken; k++)
			taken = strcmp(r->v[k].name, name) == 0;
		if (taken || (c = read_earlier(p, name)) == NULL)
			continue;
		import_record_read(c, &rec);
		if (rec.source_path != NULL)
			match = strcmp(rec.source_path, abs) == 0;
		else
			match =
			    strncmp(name, same, n) == 0 &&
			    (strcmp(name + n, ".ics") == 0 || name[n] == '-') &&
			    shares_a_uid(c, cal);
		if (match) {
			found = xstrdup(name);
			*old = c;
		} else {
			icalcomponent_free(c);
		}
		import_record_free(&rec);
	}
	free(same);
	free(stem);
	return found;
}

/* Whether c cannot stand in a name that conference.ini's files lists: a
 * comma separates its entries, the value is quoted (with no escapes), and
 * * ? [ ] \\ would make it a glob. */
static bool
unsafe_in_files(char c)
{
	return strchr(",\"*?[]\\", c) != NULL || (unsigned char)c < 0x20 ||
	       c == 0x7f;
}

/* The stem with each character unsafe_in_files made '-' (and the blank
 * after a comma dropped: "Amal, calendrier" is "Amal-calendrier"). */
static char *
safe_stem(const char *stem)
{
	char *out = xstrdup(stem), *q = out;
	const char *s;

	for (s = stem; *s != '\0'; s++) {
		if (!unsafe_in_files(*s)) {
			*q++ = *s;
			continue;
		}
		*q++ = '-';
		while (*s == ',' && s[1] == ' ')
			s++;
	}
	*q = '\0';
	return out;
}

/* A new programme/import-NAME.ics, NAME the source's file name without
 * .ics (made safe for conference.ini's files list, and said), unique
 * among the files on disk, those the programme lists and those of this
 * run. */
static char *
new_name(const struct programme *p, struct import_ics_result *r,
         const char *file)
{
	char *raw = stem_of(file), *stem = safe_stem(raw), *name = NULL, *path;
	size_t k, i;
	bool taken;

	for (k = 1;; k++) {
		free(name);
		name = k == 1
		           ? xasprintf("programme/import-%s.ics", stem)
		           : xasprintf("programme/import-%s-%zu.ics", stem, k);
		taken = strlist_has(&p->conf.files, name);
		for (i = 0; i < r->n && !taken; i++)
			taken = strcmp(r->v[i].name, name) == 0;
		path = xasprintf("%s/%s", p->dir, name);
		taken = taken || access(path, F_OK) == 0;
		free(path);
		if (!taken)
			break;
	}
	if (strcmp(raw, stem) != 0)
		import_report(
		    r,
		    "%s: its events go to %s: a name in conference.ini's "
		    "files cannot hold a comma, a double quote or any of "
		    "* ? [ ] \\ (the list is separated by commas; the others "
		    "would make it a pattern)",
		    file, name);
	free(raw);
	free(stem);
	return name;
}

/* Why libical found no calendar in text, with the line: the first line is
 * not BEGIN:VCALENDAR, or no END:VCALENDAR closes it (a file cut short). */
static void
not_a_calendar(const char *text, const char *file, struct diag_list *d)
{
	const char *line = text, *nl, *first_text = "";
	size_t first_len = 0;
	int lineno = 0, first = 0, last = 0;
	bool begins = false, ends = false;

	for (; *line != '\0';
	     line = nl != NULL ? nl + 1 : line + strlen(line)) {
		size_t n;

		nl = strchr(line, '\n');
		n = nl != NULL ? (size_t)(nl - line) : strlen(line);
		if (n > 0 && line[n - 1] == '\r')
			n--;
		lineno++;
		if (n == 0)
			continue;
		last = lineno;
		if (first == 0) {
			first = lineno;
			first_text = line;
			first_len = n;
			begins = n == 15 &&
			         strncasecmp(line, "BEGIN:VCALENDAR", 15) == 0;
		}
		if (n == 13 && strncasecmp(line, "END:VCALENDAR", 13) == 0)
			ends = true;
	}
	if (!begins) {
		char *head = xstrndup(first_text, first_len),
		     *quoted = ics_quote(head, 40);

		diag_add(d, DIAG_ERROR, file, first, NULL,
		         "this is not an iCalendar file: it should begin with "
		         "BEGIN:VCALENDAR, not \"%s\"; export the calendar "
		         "again as .ics",
		         quoted);
		free(quoted);
		free(head);
	} else if (!ends)
		diag_add(d, DIAG_ERROR, file, last, NULL,
		         "the calendar ends here without END:VCALENDAR: the "
		         "file was cut short; export the calendar again as "
		         ".ics");
	else
		diag_add(d, DIAG_ERROR, file, 0, NULL,
		         "this is not an iCalendar file dais can read (no "
		         "BEGIN:VCALENDAR ... END:VCALENDAR); export the "
		         "calendar again as .ics");
}

/*
 * A source file read into one calendar, prepared (prepare_calendar):
 * NULL after saying why in d (not a calendar, a time libical cannot read,
 * a zone it cannot resolve).
 */
static icalcomponent *
read_calendar(const struct programme *p, const char *file, size_t *index,
              struct notes *notes, struct import_ics_result *r,
              struct diag_list *d)
{
	char *why = NULL, *text, *body;
	icalcomponent *root;
	size_t len;

	if ((text = fileread_all(file, IMPORT_MAX_BYTES, &len, &why)) == NULL) {
		diag_add(d, DIAG_ERROR, file, 0, NULL,
		         "cannot read this calendar: %s", why);
		free(why);
		return NULL;
	}
	body = text;
	if (len >= 3 && memcmp(body, "\xEF\xBB\xBF", 3) == 0)
		body += 3;
	root = icalparser_parse_string(body);
	if (root == NULL ||
	    (icalcomponent_isa(root) != ICAL_VCALENDAR_COMPONENT &&
	     icalcomponent_isa(root) != ICAL_XROOT_COMPONENT)) {
		not_a_calendar(body, file, d);
		if (root != NULL)
			icalcomponent_free(root);
		free(text);
		return NULL;
	}
	if (!report_unreadable_all(text, len, root, file, d)) {
		icalcomponent_free(root);
		free(text);
		return NULL;
	}
	/* libical's X-LIC-ERRORs (said above) would be written out. */
	icalcomponent_strip_errors(root);
	if (!import_windows_zones(p, root, body, file, r, d)) {
		icalcomponent_free(root);
		free(text);
		return NULL;
	}
	free(text);
	root = one_calendar(root);
	/* A source that is itself an import file: its record is not this
	 * import's. */
	import_record_strip(root);
	prepare_calendar(p, root, file, index, notes);
	return root;
}

/* Whether an event is a bilateral (a BILATERAL among its CATEGORIES) that
 * the loader will read as public: CLASS:PUBLIC or none, since any other
 * class is a closed meeting (ics_event.c). */
static bool
public_bilateral(icalcomponent *ev)
{
	icalproperty *cls =
	    icalcomponent_get_first_property(ev, ICAL_CLASS_PROPERTY);
	icalproperty *cat;

	if (cls != NULL && icalproperty_get_class(cls) != ICAL_CLASS_PUBLIC)
		return false;
	for (cat =
	         icalcomponent_get_first_property(ev, ICAL_CATEGORIES_PROPERTY);
	     cat != NULL; cat = icalcomponent_get_next_property(
	                      ev, ICAL_CATEGORIES_PROPERTY)) {
		const char *v = icalproperty_get_categories(cat);

		while (v != NULL && *v != '\0') {
			size_t len;

			v += strspn(v, " ");
			len = strcspn(v, ",");
			while (len > 0 && v[len - 1] == ' ')
				len--;
			if (len == strlen("BILATERAL") &&
			    strncasecmp(v, "BILATERAL", len) == 0)
				return true;
			v += strcspn(v, ",");
			v += *v == ',';
		}
	}
	return false;
}

/* Bilaterals come in public unless their CLASS closes them; who meets
 * whom is not announced unless the parties agree (dais-programme(5)). */
static void
say_public_bilaterals(icalcomponent *cal, struct import_ics_result *r,
                      const char *file)
{
	size_t n, i, count = 0;
	icalcomponent **v = events_of(cal, &n);

	for (i = 0; i < n; i++)
		count += public_bilateral(v[i]);
	free(v);
	if (count > 0)
		import_report(
		    r,
		    "%s: %zu bilateral event%s come%s in public "
		    "(CLASS:PUBLIC or none) and will be in the public "
		    "exports: close %s in the planner (e, Meeting: "
		    "Closed)",
		    file, count, count == 1 ? "" : "s", count == 1 ? "s" : "",
		    count == 1 ? "it" : "them");
}

/* How many required attendees (required_is_participant) of the events
 * written as the source has them came in as participants: said, since
 * dais reads REQ-PARTICIPANT as a speaker. */
static void
say_required(const struct link_counts *lc, const struct strlist *taken,
             struct import_ics_result *r, const char *file)
{
	size_t i, at, count = 0;

	for (i = 0; i < taken->n; i++)
		if (strmap_get(&lc->at, taken->v[i], &at))
			count += lc->n[at][4];
	if (count > 0)
		import_report(
		    r,
		    "%s: %zu attendee%s marked required (ROLE=REQ-PARTICIPANT, "
		    "as Outlook, Exchange and Google mark every invitee) "
		    "come%s in as %s, not %s; ROLE=CHAIR comes in as the "
		    "chair: name the speakers in the planner (A on the "
		    "session, then r)",
		    file, count, count == 1 ? "" : "s", count == 1 ? "s" : "",
		    count == 1 ? "a participant" : "participants",
		    count == 1 ? "a speaker" : "speakers");
}

/*
 * One source (`file`: a calendar, or a vdir whose files are `parts`) into
 * one import file: its calendars read and made one, the events on no
 * conference day left out, the rest linked, then decided against an
 * earlier import of the same source (import_again).
 */
static bool
import_source(const struct programme *p, const char *file,
              const struct strlist *parts, struct import_ics_result *r,
              struct diag_list *d)
{
	struct import_record fresh = {0}, rec = {0};
	struct notes notes = {0};
	struct link_counts counts = {0};
	struct import_ics_out *o;
	icalcomponent *cal = NULL, *old = NULL;
	size_t index = 0, had, i;
	char *name, *abs;

	for (i = 0; i < parts->n; i++) {
		icalcomponent *c;

		index = 0; /* made UIDs hash the file's path too */
		if ((c = read_calendar(p, parts->v[i], &index, &notes, r, d)) ==
		    NULL) {
			if (cal != NULL)
				icalcomponent_free(cal);
			notes_free(&notes);
			return false;
		}
		if (cal == NULL) {
			cal = c;
		} else {
			move_components(cal, c);
			icalcomponent_free(c);
		}
	}
	if (cal == NULL) { /* a directory with no .ics: said */
		notes_free(&notes);
		return true;
	}
	had =
	    (size_t)icalcomponent_count_components(cal, ICAL_VEVENT_COMPONENT);
	/* Events on no conference day first: nothing is said of them but
	 * that they are left out. */
	leave_out_other_days(p, cal, r, file);
	notes_say(&notes, cal, r);
	notes_free(&notes);
	/* The source's events as it has them, before dais links them: what
	 * tells the next import whether the source changed them. */
	import_fingerprints(cal, &fresh, true);
	link_calendar(p, cal, file, r, &counts);
	abs = realpath(file, NULL);
	name = earlier_import(p, r, file, abs != NULL ? abs : file, cal, &old);
	XGROW(r->v, r->n, r->cap);
	o = &r->v[r->n];
	memset(o, 0, sizeof *o);
	o->replaces = name != NULL;
	if (name == NULL)
		name = new_name(p, r, file);
	import_again(p, cal, old, o->replaces ? name : NULL, &fresh, &rec, r, o,
	             &o->taken, file);
	link_counts_give(&counts, &o->taken, r);
	/* What identifies the source next time: where it is. */
	rec.source_path = abs != NULL ? abs : xstrdup(file);
	import_record_write(cal, &rec);
	o->events =
	    (size_t)icalcomponent_count_components(cal, ICAL_VEVENT_COMPONENT);
	if (o->events > 0)
		say_public_bilaterals(cal, r, file);
	say_required(&counts, &o->taken, r, file);
	link_counts_free(&counts);
	if (o->events > 0 || o->replaces) {
		o->source = xstrdup(file);
		o->name = name;
		o->text = icalcomponent_as_ical_string_r(cal);
		r->n++;
	} else {
		/* A new file with no event would only make every load warn
		 * that it holds none: nothing is written. */
		if (had == 0)
			diag_add(d, DIAG_WARNING, file, 0, NULL,
			         "this calendar holds no event; nothing is "
			         "imported from it");
		else
			import_report(
			    r,
			    "%s: nothing is imported from it (its %zu "
			    "event%s left out, above), so no file is "
			    "written",
			    file, had, had == 1 ? " is" : "s are");
		free(name);
		strlist_clear(&o->taken);
		strlist_clear(&o->unchanged);
	}
	if (old != NULL)
		icalcomponent_free(old);
	icalcomponent_free(cal);
	import_record_free(&fresh);
	import_record_free(&rec);
	return true;
}

bool
import_ics_read(const struct programme *p, const char *const *sources,
                size_t nsources, struct import_ics_result *r,
                struct diag_list *diags)
{
	struct strlist *files = xcalloc(nsources ? nsources : 1, sizeof *files);
	bool ok = true;
	size_t i;

	for (i = 0; i < nsources; i++)
		ok = expand_source(sources[i], &files[i], diags) && ok;
	for (i = 0; ok && i < nsources; i++)
		ok = import_source(p, sources[i], &files[i], r, diags);
	for (i = 0; i < nsources; i++)
		strlist_clear(&files[i]);
	free(files);
	return ok;
}

bool
import_ics_write(const struct programme *p, struct import_ics_result *r,
                 char **why)
{
	char *ini = xasprintf("%s/conference.ini", p->dir), *list;
	struct strlist files = {0};
	struct ini_doc *doc;
	size_t i, k;
	bool ok = true;

	if ((doc = ini_doc_load(ini, why)) == NULL) {
		free(ini);
		return false;
	}
	for (i = 0; ok && i < r->n; i++) {
		char *path = xasprintf("%s/%s", p->dir, r->v[i].name);

		ok = atomicfile_write(path, r->v[i].text, strlen(r->v[i].text),
		                      why);
		free(path);
	}
	/* The entries as conference.ini has them: a directory or a glob
	 * stays one, never its files; a file one of them reads already is
	 * not listed again (it would be read twice). */
	strlist_copy(&files, &p->conf.file_sources);
	for (k = 0; k < i && k < r->n; k++)
		if (!strlist_has(&files, r->v[k].name) &&
		    !sources_is_member(&p->conf, r->v[k].name))
			strlist_add(&files, r->v[k].name);
	list = strlist_join(&files, ", ");
	if (ok)
		ok = ini_doc_set(doc, "conference", "files", list, why) &&
		     ini_doc_save(doc, why) == INI_SAVED;
	if (!ok)
		for (k = 0; k < i && k < r->n; k++) {
			char *path = xasprintf("%s/%s", p->dir, r->v[k].name);

			unlink(path);
			free(path);
		}
	free(list);
	strlist_clear(&files);
	ini_doc_free(doc);
	free(ini);
	return ok;
}

void
import_ics_undo(const struct programme *p, const struct import_ics_result *r,
                const char *ini_text, size_t ini_len)
{
	char *ini = xasprintf("%s/conference.ini", p->dir), *why = NULL;
	size_t i;

	if (!atomicfile_write(ini, ini_text, ini_len, &why))
		free(why);
	for (i = 0; i < r->n; i++) {
		char *path = xasprintf("%s/%s", p->dir, r->v[i].name);

		unlink(path);
		free(path);
	}
	free(ini);
}

/* A programme with p's conference and nothing else: what the loader needs
 * to read a calendar (zone, days, kinds), without touching p. */
static struct programme *
scratch_of(const struct programme *p)
{
	struct programme *q = programme_new();
	size_t i;

	q->dir = xstrdup(p->dir != NULL ? p->dir : ".");
	zone_free(&q->conf.zone); /* programme_new's UTC */
	zone_copy(&q->conf.zone, &p->conf.zone);
	q->conf.days =
	    xcalloc(p->conf.ndays ? p->conf.ndays : 1, sizeof *q->conf.days);
	for (i = 0; i < p->conf.ndays; i++)
		q->conf.days[i] = p->conf.days[i];
	q->conf.ndays = p->conf.ndays;
	q->conf.day_start = p->conf.day_start;
	q->conf.day_end = p->conf.day_end;
	q->conf.changeover = p->conf.changeover;
	q->conf.step = p->conf.step;
	strlist_copy(&q->conf.kinds, &p->conf.kinds);
	return q;
}

bool
import_ics_sessions(const struct programme *p,
                    const struct import_ics_result *r, struct session **out,
                    size_t *n, struct diag_list *diags)
{
	struct programme *q = scratch_of(p);
	struct diag_list d = {0};
	size_t i, errors;

	*out = NULL;
	*n = 0;
	for (i = 0; i < r->n; i++)
		ics_load_buffer(q, -1, r->v[i].text, strlen(r->v[i].text),
		                r->v[i].source, &d);
	/* The lines are those of the calendar as linked, not of the source:
	 * the message names the session instead. */
	for (i = 0; i < d.n; i++) {
		diag_add_kind(diags, d.v[i].level, d.v[i].kind, d.v[i].file, 0,
		              d.v[i].uid, "%s", d.v[i].message);
	}
	errors = diag_count(&d, DIAG_ERROR);
	diag_clear(&d);
	if (errors > 0) {
		programme_free(q);
		return false;
	}
	*out = xcalloc(q->nsessions ? q->nsessions : 1, sizeof **out);
	for (i = 0; i < q->nsessions; i++) {
		session_init(&(*out)[i]);
		session_copy(&(*out)[i], &q->sessions[i]);
		(*out)[i].source = -1;
		(*out)[i].line = 0;
	}
	*n = q->nsessions;
	programme_free(q);
	return true;
}

/* The VEVENTs of cal with this UID (a series and its overrides). */
static icalcomponent **
events_with_uid(icalcomponent *cal, const char *uid, size_t *n)
{
	size_t all, i;
	icalcomponent **v = events_of(cal, &all);

	*n = 0;
	for (i = 0; i < all; i++)
		if (icalcomponent_get_uid(v[i]) != NULL &&
		    strcmp(icalcomponent_get_uid(v[i]), uid) == 0)
			v[(*n)++] = v[i];
	return v;
}

void
import_ics_set_room(struct import_ics_result *r, size_t g, const char *room_id)
{
	const struct import_ics_guess *gu;
	struct import_record rec = {0}, now = {0};
	icalcomponent *cal, **evs;
	uint64_t source = 0, written = 0;
	size_t k, n, i;

	if (g >= r->nguesses)
		return;
	gu = &r->guesses[g];
	if (room_id != NULL && strcmp(room_id, gu->room_id) == 0)
		return;
	for (k = 0; k < r->n && strcmp(r->v[k].source, gu->file) != 0; k++)
		;
	/* An event kept as dais has it is not the source's: not relinked. */
	if (k == r->n || !strlist_has(&r->v[k].taken, gu->uid) ||
	    (cal = icalparser_parse_string(r->v[k].text)) == NULL)
		return;
	evs = events_with_uid(cal, gu->uid, &n);
	for (i = 0; i < n; i++) {
		icalproperty *x, **rooms = NULL;
		size_t nrooms = 0, cap = 0, j;
		char *rid = recurrence_text(evs[i]);
		bool same = (rid == NULL && gu->rid == NULL) ||
		            (rid != NULL && gu->rid != NULL &&
		             strcmp(rid, gu->rid) == 0);

		free(rid);
		/* A series and each override were asked about apart. */
		if (!same)
			continue;

		for (x = icalcomponent_get_first_property(evs[i],
		                                          ICAL_X_PROPERTY);
		     x != NULL; x = icalcomponent_get_next_property(
		                    evs[i], ICAL_X_PROPERTY))
			if (strcasecmp(icalproperty_get_x_name(x),
			               "X-DAIS-ROOM") == 0) {
				XGROW(rooms, nrooms, cap);
				rooms[nrooms++] = x;
			}
		for (j = 0; j < nrooms; j++) {
			icalcomponent_remove_property(evs[i], rooms[j]);
			icalproperty_free(rooms[j]);
		}
		free(rooms);
		if (room_id != NULL) {
			x = icalproperty_new_x(room_id);
			icalproperty_set_x_name(x, "X-DAIS-ROOM");
			icalcomponent_add_property(evs[i], x);
		}
	}
	free(evs);
	if (room_id == NULL) {
		r->linked_rooms--;
		r->unlinked++;
	}
	/* What this import writes of the event changed: so does the record
	 * of it, or the next import would take it for a change in dais. */
	import_record_read(cal, &rec);
	import_fingerprints(cal, &now, false);
	import_record_get(&now, gu->uid, NULL, &written);
	if (import_record_get(&rec, gu->uid, &source, NULL))
		import_record_set(&rec, gu->uid, source, written);
	import_record_write(cal, &rec);
	free(r->v[k].text);
	r->v[k].text = icalcomponent_as_ical_string_r(cal);
	icalcomponent_free(cal);
	import_record_free(&rec);
	import_record_free(&now);
}

/* " (replacing an earlier import's: 1 updated from the source, ...)" for
 * a source imported again, else "". The caller frees it. */
static char *
replacing(const struct import_ics_out *o)
{
	struct strbuf b = {0};
	const char *sep = ": ";

	if (!o->replaces)
		return xstrdup("");
	strbuf_addstr(&b, " (replacing an earlier import's");
	if (o->updated > 0) {
		strbuf_addf(&b, "%s%zu updated from the source", sep,
		            o->updated);
		sep = ", ";
	}
	if (o->kept > 0) {
		strbuf_addf(&b, "%s%zu kept as changed in dais", sep, o->kept);
		sep = ", ";
	}
	if (o->conflicts > 0) {
		strbuf_addf(&b, "%s%zu changed on both sides, kept as in dais",
		            sep, o->conflicts);
		sep = ", ";
	}
	if (o->deleted > 0)
		strbuf_addf(&b, "%s%zu deleted in dais, left out", sep,
		            o->deleted);
	strbuf_addstr(&b, ")");
	return strbuf_take(&b);
}

void
import_ics_summary(const struct import_ics_result *r, const char *verb,
                   const char *tail, struct strlist *out)
{
	size_t i, events = 0;
	char *line;

	for (i = 0; i < r->n; i++) {
		char *again = replacing(&r->v[i]);

		events += r->v[i].events;
		line = xasprintf("%s: %zu event%s %s %s%s", r->v[i].source,
		                 r->v[i].events, r->v[i].events == 1 ? "" : "s",
		                 verb, r->v[i].name, again);
		strlist_add(out, line);
		free(line);
		free(again);
	}
	line = xasprintf(
	    "%zu event%s; %zu room%s and %zu %s linked, %zu not linked, "
	    "%zu declined, %zu UID%s made, %zu left out as already in the "
	    "programme, %zu on no conference day%s",
	    events, events == 1 ? "" : "s", r->linked_rooms,
	    r->linked_rooms == 1 ? "" : "s", r->linked_people,
	    r->linked_people == 1 ? "person" : "people", r->unlinked,
	    r->declined, r->made_uids, r->made_uids == 1 ? "" : "s", r->skipped,
	    r->outside, tail);
	strlist_add(out, line);
	free(line);
}

void
import_ics_result_free(struct import_ics_result *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->v[i].source);
		free(r->v[i].name);
		free(r->v[i].text);
		strlist_clear(&r->v[i].taken);
		strlist_clear(&r->v[i].unchanged);
	}
	free(r->v);
	for (i = 0; i < r->nguesses; i++) {
		free(r->guesses[i].file);
		free(r->guesses[i].uid);
		free(r->guesses[i].rid);
		free(r->guesses[i].label);
		free(r->guesses[i].location);
		free(r->guesses[i].room_id);
	}
	free(r->guesses);
	strlist_clear(&r->report);
	memset(r, 0, sizeof *r);
}
