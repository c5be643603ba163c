/*
 * export.c: the calendars participants import: picks the sessions, builds
 * one libical VCALENDAR with the conference's zone embedded under its plain
 * IANA name, and writes it to a stream or atomically to files.
 */
#include "dais/export.h"

#include <errno.h>
#include <libical/ical.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "dais/atomicfile.h"
#include "dais/ics.h"
#include "dais/lineup.h"
#include "dais/session_field.h"
#include "dais/source_date.h"
#include "dais/strbuf.h"
#include "dais/strmap.h"
#include "dais/suggest.h"
#include "dais/tzdb.h"
#include "dais/xalloc.h"

#define EXPORT_PRODID "-//dais//dais " DAIS_VERSION "//EN"

void
export_options_init(struct export_options *o)
{
	memset(o, 0, sizeof *o);
	o->stamp = DAIS_TIME_NONE;
}

/* ---- Choosing sessions ------------------------------------------------ */

static bool
day_has_session(const struct programme *p, struct dais_date day)
{
	size_t i;

	for (i = 0; i < p->nsessions; i++)
		if (date_compare(
		        time_local_date(&p->conf.zone, p->sessions[i].start),
		        day) == 0)
			return true;
	return false;
}

/* The nearest id when it is close enough to be a typing slip, or NULL. */
static const char *
nearest_id(const struct programme *p, const char *id)
{
	struct suggest s;
	size_t i;

	suggest_init(&s, id, strlen(id) / 3 + 1);
	for (i = 0; i < p->npeople; i++)
		suggest_consider(&s, p->people[i].id);
	return suggest_result(&s);
}

bool
export_check(const struct programme *p, const struct export_options *o,
             char **why)
{
	char buf[DAIS_TIMEBUF];
	size_t i;

	if (p->conf.zone.name == NULL ||
	    tzdb_lookup(p->conf.zone.name) == NULL) {
		*why = xasprintf("the conference's time zone '%s' is not in "
		                 "the zone database; set timezone in "
		                 "conference.ini to an IANA name such as "
		                 "Asia/Kuwait",
		                 p->conf.zone.name ? p->conf.zone.name : "");
		return false;
	}
	if (o->by_day) {
		bool known = false;

		for (i = 0; i < p->conf.ndays; i++)
			if (date_compare(p->conf.days[i], o->day) == 0)
				known = true;
		if (!known && !day_has_session(p, o->day)) {
			char *days = programme_days_text(p);

			*why = xasprintf("%s is not a day of the conference "
			                 "and has no session; the days are %s",
			                 date_fmt_iso(buf, o->day), days);
			free(days);
			return false;
		}
	}
	if (o->for_id != NULL &&
	    programme_find_participant(p, o->for_id) == NULL) {
		const char *near = nearest_id(p, o->for_id);

		if (near != NULL)
			*why = xasprintf("no participant or organisation "
			                 "'%s' in participants.ini; did you "
			                 "mean '%s'? (ids are the section "
			                 "names there)",
			                 o->for_id, near);
		else
			*why = xasprintf("no participant or organisation "
			                 "'%s' in participants.ini; ids are "
			                 "the section names there",
			                 o->for_id);
		return false;
	}
	return true;
}

/* Whether someone assigned as `id` counts for `for_id`: the same one, or a
 * member of that delegation or organisation. */
static bool
assigned_counts_for(const struct programme *p, const char *id,
                    const char *for_id)
{
	const struct participant *who;

	if (strcmp(id, for_id) == 0)
		return true;
	who = programme_find_participant(p, id);
	return who != NULL && who->delegation != NULL &&
	       strcmp(who->delegation, for_id) == 0;
}

static bool
session_for(const struct programme *p, const struct session *s,
            const char *for_id)
{
	size_t i;

	for (i = 0; i < s->nassign; i++)
		if (s->assign[i].participant_id != NULL &&
		    assigned_counts_for(p, s->assign[i].participant_id, for_id))
			return true;
	return false;
}

bool
export_includes(const struct programme *p, const struct export_options *o,
                const struct session *s)
{
	if (o->by_day &&
	    date_compare(time_local_date(&p->conf.zone, s->start), o->day) != 0)
		return false;
	if (o->for_id != NULL && !session_for(p, s, o->for_id))
		return false;
	/* A closed meeting is in the calendars of those in it (and their
	 * delegation's), never in the programme published to everyone. */
	if (s->confidential && !o->internal && o->for_id == NULL)
		return false;
	return true;
}

char *
export_uid(const struct programme *p, const struct session *s)
{
	const struct dais_zone *zone = &p->conf.zone;
	struct dais_date day;
	struct dais_civil c;
	bool shared = false;
	size_t i;

	if (s->recurrence_id == DAIS_TIME_NONE)
		return xstrdup(s->uid);
	/* The occurrence's day, not its time: a series moved within its
	 * days keeps its UIDs, so clients replace what they imported. */
	day = time_local_date(zone, s->recurrence_id);
	for (i = 0; i < p->nsessions && !shared; i++) {
		const struct session *o = &p->sessions[i];

		shared = o->recurrence_id != DAIS_TIME_NONE &&
		         o->recurrence_id != s->recurrence_id &&
		         strcmp(o->uid, s->uid) == 0 &&
		         date_compare(time_local_date(zone, o->recurrence_id),
		                      day) == 0;
	}
	if (!shared)
		return xasprintf("%s-%04d%02d%02d", s->uid, day.year, day.month,
		                 day.day);
	c = time_to_civil(zone, s->recurrence_id);
	return xasprintf("%s-%04d%02d%02dT%02d%02d", s->uid, c.year, c.month,
	                 c.day, c.hour, c.minute);
}

/* ---- Building the calendar -------------------------------------------- */

/* What one export needs while it builds events. */
struct builder {
	const struct programme *p;
	const struct export_options *o;
	icalcomponent *cal;
	icaltimezone *zone; /* the calendar's VTIMEZONE; NULL: write UTC */
	struct icaltimetype stamp;
};

static void
add_person(struct strbuf *t, const struct lineup_person *x, bool internal)
{
	const struct participant *w = x->who;
	bool mail, tel;

	strbuf_addstr(t, lineup_name(x));
	if (!internal || w == NULL)
		return;
	mail = w->email != NULL && *w->email != '\0';
	tel = w->phone != NULL && *w->phone != '\0';
	if (mail && tel)
		strbuf_addf(t, " (%s, %s)", w->email, w->phone);
	else if (mail || tel)
		strbuf_addf(t, " (%s)", mail ? w->email : w->phone);
}

/* Public description, then the people by role in protocol order, then (only
 * for the secretariat) the internal notes; paragraphs apart by a blank line.
 * The caller frees the result, which is "" when there is nothing to say. */
static char *
describe(const struct builder *b, const struct session *s)
{
	struct strbuf t = {0};
	struct lineup_person *people = lineup_of(b->p, s);
	size_t i, count[LINEUP_HEADING_COUNT] = {0};
	bool listed = false;

	if (s->description != NULL && *s->description != '\0')
		strbuf_addstr(&t, s->description);
	for (i = 0; i < s->nassign; i++)
		count[people[i].heading]++;
	for (i = 0; i < s->nassign; i++) {
		bool first =
		    i == 0 || people[i - 1].heading != people[i].heading;

		/* A blank line after the description, one line per role. */
		if (first) {
			strbuf_addf(
			    &t, "%s%s: ",
			    t.n == 0 ? ""
			    : listed ? "\n"
			             : "\n\n",
			    lineup_heading_text(people[i].heading,
			                        count[people[i].heading]));
			listed = true;
		} else {
			strbuf_addstr(&t, "; ");
		}
		add_person(&t, &people[i], b->o->internal);
	}
	free(people);
	if (b->o->internal && s->notes != NULL && *s->notes != '\0')
		strbuf_addf(&t, "%sInternal notes (secretariat only): %s",
		            t.n ? "\n\n" : "", s->notes);
	return strbuf_take(&t);
}

static char *
location(const struct builder *b, const struct session *s)
{
	const struct room *r =
	    s->room_id ? programme_find_room(b->p, s->room_id) : NULL;
	const char *building = NULL;

	if (r == NULL) {
		if (s->location != NULL && *s->location != '\0')
			return xstrdup(s->location);
		return NULL;
	}
	if (r->building != NULL)
		building = programme_building_name(b->p, r->building);
	if (building != NULL && *building != '\0')
		return xasprintf("%s, %s", r->name ? r->name : r->id, building);
	return xstrdup(r->name ? r->name : r->id);
}

static struct icaltimetype
to_ical(const struct builder *b, dais_time t)
{
	icaltimezone *utc = icaltimezone_get_utc_timezone();
	struct icaltimetype tt;

	tt = icaltime_from_timet_with_zone((time_t)t, 0,
	                                   b->zone ? b->zone : utc);
	/* from_timet converts the wall clock but leaves the zone unset:
	 * without it the property would be written as UTC with no TZID. */
	return icaltime_set_timezone(&tt, b->zone ? b->zone : utc);
}

/* An all-day item's day: a DATE (no zone, as RFC 5545 has it), the
 * conference zone's date of the midnight t. */
static struct icaltimetype
to_ical_date(const struct builder *b, dais_time t)
{
	struct dais_date d = time_local_date(&b->p->conf.zone, t);
	struct icaltimetype tt = icaltime_null_date();

	tt.year = d.year;
	tt.month = d.month;
	tt.day = d.day;
	return tt;
}

/*
 * libical escapes a backslash and a line break in an X- property's value
 * but leaves commas and semicolons as they are, which is also how clients
 * read X-WR-CALNAME: so the value goes in unescaped.
 */
static void
add_x(icalcomponent *c, const char *name, const char *value)
{
	icalproperty *prop = icalproperty_new_x(value);

	icalproperty_set_x_name(prop, name);
	icalcomponent_add_property(c, prop);
}

static enum icalproperty_status
status_of(enum session_status s)
{
	switch (s) {
	case SESSION_TENTATIVE:
		return ICAL_STATUS_TENTATIVE;
	case SESSION_CANCELLED:
		return ICAL_STATUS_CANCELLED;
	case SESSION_CONFIRMED:
		break;
	}
	return ICAL_STATUS_CONFIRMED;
}

/* The secretariat's own text fields (SF_INTERNAL in the session field
 * table), for an internal export only. */
static void
add_internal(icalcomponent *ev, const struct session *s)
{
	size_t i;

	for (i = 0; i < SESSION_FIELD_COUNT; i++) {
		const struct session_field *f = &session_field_table[i];
		const char *const *text = session_field_get(s, f);

		if ((f->flags & SF_INTERNAL) && f->type == SESSION_TYPE_TEXT &&
		    f->ical != NULL && strncmp(f->ical, "X-", 2) == 0 &&
		    *text != NULL && **text != '\0')
			add_x(ev, f->ical, *text);
	}
}

/* What the public event says, as one number (published.h): the same in
 * every kind of export of the session, internal ones included. */
static uint64_t
event_fingerprint(const struct builder *b, const struct session *s)
{
	struct export_options public = *b->o;
	struct builder pb = *b;
	dais_time times[2] = {s->start, s->end};
	int flags[2] = {(int)s->status, s->confidential};
	char *texts[4];
	uint64_t h = FNV1A_OFFSET_BASIS;
	size_t i;

	public.internal = false;
	pb.o = &public;
	texts[0] = xstrdup(s->title ? s->title : "");
	texts[1] = location(b, s);
	texts[2] = describe(&pb, s);
	texts[3] = xstrdup(s->kind ? s->kind : "");
	h = fnv1a_add(h, times, sizeof times);
	h = fnv1a_add(h, flags, sizeof flags);
	for (i = 0; i < 4; i++) {
		/* Each with its NUL, so that "ab"+"c" is not "a"+"bc". */
		h = fnv1a_add(h, texts[i] ? texts[i] : "",
		              texts[i] ? strlen(texts[i]) + 1 : 1);
		free(texts[i]);
	}
	return h;
}

static void
add_event(const struct builder *b, const struct session *s)
{
	icalcomponent *ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
	char *uid = export_uid(b->p, s), *text;
	int sequence = s->sequence;

	if (b->o->published != NULL)
		sequence = published_sequence(
		    b->o->published, uid, event_fingerprint(b, s), s->sequence);
	icalcomponent_set_uid(ev, uid);
	free(uid);
	icalcomponent_add_property(ev, icalproperty_new_dtstamp(b->stamp));
	if (s->all_day) {
		icalcomponent_set_dtstart(ev, to_ical_date(b, s->start));
		icalcomponent_set_dtend(ev, to_ical_date(b, s->end));
	} else {
		icalcomponent_set_dtstart(ev, to_ical(b, s->start));
		icalcomponent_set_dtend(ev, to_ical(b, s->end));
	}
	icalcomponent_set_sequence(ev, sequence);
	icalcomponent_set_summary(ev, s->title ? s->title : "(untitled)");
	if ((text = location(b, s)) != NULL) {
		icalcomponent_set_location(ev, text);
		free(text);
	}
	text = describe(b, s);
	if (*text != '\0')
		icalcomponent_set_description(ev, text);
	free(text);
	if (s->kind != NULL && *s->kind != '\0')
		icalcomponent_add_property(
		    ev, icalproperty_new_categories(s->kind));
	icalcomponent_add_property(
	    ev, icalproperty_new_status(status_of(s->status)));
	/* Clients hide the details of a closed meeting when a calendar is
	 * shared (an assistant's view of a minister's calendar). */
	if (s->confidential)
		icalcomponent_add_property(
		    ev, icalproperty_new_class(ICAL_CLASS_CONFIDENTIAL));
	/* Cancelled sessions stay in the calendar so clients drop their
	 * copy; they should not block the time meanwhile. */
	if (s->status == SESSION_CANCELLED)
		icalcomponent_add_property(
		    ev, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
	if (b->o->internal)
		add_internal(ev, s);
	icalcomponent_add_component(b->cal, ev);
}

static char *
calendar_name(const struct programme *p, const struct export_options *o)
{
	const char *conf = p->conf.name ? p->conf.name : "Programme";
	const struct participant *who =
	    o->for_id ? programme_find_participant(p, o->for_id) : NULL;
	char buf[DAIS_TIMEBUF], *s;

	if (who != NULL && o->by_day)
		s = xasprintf("%s: %s, %s", conf,
		              who->name ? who->name : who->id,
		              date_fmt_long(buf, o->day));
	else if (who != NULL)
		s = xasprintf("%s: %s", conf, who->name ? who->name : who->id);
	else if (o->by_day)
		s = xasprintf("%s: %s", conf, date_fmt_long(buf, o->day));
	else
		s = xstrdup(conf);
	if (o->internal) {
		char *t = xasprintf("%s (internal)", s);

		free(s);
		s = t;
	}
	return s;
}

/*
 * The conference zone as the calendar's own VTIMEZONE under the plain IANA
 * name (ics_zone_vtimezone). Event times then take their TZID from this
 * component; NULL for UTC, whose times are written with Z.
 */
static icaltimezone *
embed_zone(icalcomponent *cal, const char *name)
{
	icalcomponent *vtz = ics_zone_vtimezone(name);

	if (vtz == NULL)
		return NULL;
	icalcomponent_add_component(cal, vtz);
	return icalcomponent_get_timezone(cal, name);
}

/* The calendar of the sessions p->sessions[pick[0..npick-1]]. */
static char *
build(const struct programme *p, const struct export_options *o,
      const size_t *pick, size_t npick)
{
	struct builder b = {p, o, NULL, NULL, {0}};
	dais_time now = o->stamp;
	char *name, *out;
	size_t i;

	/* Unpinned by the caller: SOURCE_DATE_EPOCH, else the clock, as the
	 * web page and the run-sheet take it (a bad value is refused by the
	 * commands that read it first; here it gives the clock). */
	if (now == DAIS_TIME_NONE)
		source_date_now(&now, NULL);

	b.cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
	icalcomponent_add_property(b.cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(b.cal,
	                           icalproperty_new_prodid(EXPORT_PRODID));
	icalcomponent_add_property(b.cal,
	                           icalproperty_new_calscale("GREGORIAN"));
	name = calendar_name(p, o);
	icalcomponent_add_property(b.cal, icalproperty_new_name(name));
	add_x(b.cal, "X-WR-CALNAME", name);
	free(name);
	add_x(b.cal, "X-WR-TIMEZONE", p->conf.zone.name);
	/* The file says what it is to whoever finds it in a mailbox or a
	 * backup folder (calendar clients show X-WR-CALDESC). */
	if (o->internal)
		add_x(b.cal, "X-WR-CALDESC", EXPORT_INTERNAL_NOTICE);
	b.zone = embed_zone(b.cal, p->conf.zone.name);
	b.stamp = icaltime_from_timet_with_zone(
	    (time_t)now, 0, icaltimezone_get_utc_timezone());
	b.stamp =
	    icaltime_set_timezone(&b.stamp, icaltimezone_get_utc_timezone());
	for (i = 0; i < npick; i++)
		add_event(&b, &p->sessions[pick[i]]);
	out = icalcomponent_as_ical_string_r(b.cal);
	icalcomponent_free(b.cal);
	return out;
}

char *
export_ical(const struct programme *p, const struct export_options *o,
            size_t *nevents, char **why)
{
	size_t i, n = 0, *pick;
	char *out;

	if (!export_check(p, o, why))
		return NULL;
	pick = xcalloc(p->nsessions ? p->nsessions : 1, sizeof *pick);
	for (i = 0; i < p->nsessions; i++)
		if (export_includes(p, o, &p->sessions[i]))
			pick[n++] = i;
	out = build(p, o, pick, n);
	free(pick);
	if (nevents != NULL)
		*nevents = n;
	return out;
}

/* ---- Writing ---------------------------------------------------------- */

static char *
wrote(size_t n, const char *where)
{
	return xasprintf("Wrote %zu session%s to %s.", n, n == 1 ? "" : "s",
	                 where);
}

bool
export_write(const struct programme *p, const struct export_options *o,
             FILE *out, char **msg)
{
	char *why = NULL, *text;
	size_t n, len;

	if ((text = export_ical(p, o, &n, &why)) == NULL) {
		give_or_free(msg, why);
		return false;
	}
	len = strlen(text);
	errno = 0;
	if (fwrite(text, 1, len, out) != len || fflush(out) != 0) {
		give_or_free(msg, xasprintf("could not write the calendar: %s",
		                            strerror(errno ? errno : EIO)));
		free(text);
		return false;
	}
	free(text);
	give_or_free(msg, wrote(n, "standard output"));
	return true;
}

static bool
save_text(const char *path, const char *text, char **why)
{
	return atomicfile_write(path, text, strlen(text), why);
}

bool
export_save(const struct programme *p, const struct export_options *o,
            const char *path, char **msg)
{
	char *why = NULL, *text;
	size_t n;

	if ((text = export_ical(p, o, &n, &why)) == NULL) {
		give_or_free(msg, why);
		return false;
	}
	if (!save_text(path, text, &why)) {
		free(text);
		give_or_free(msg, why);
		return false;
	}
	free(text);
	give_or_free(msg, wrote(n, path));
	return true;
}

bool
export_deliver(const char *text, size_t nevents, const char *path, char **msg)
{
	char *why = NULL;
	size_t len = strlen(text);

	if (strcmp(path, "-") == 0) {
		errno = 0;
		if (fwrite(text, 1, len, stdout) != len ||
		    fflush(stdout) != 0) {
			give_or_free(msg,
			             xasprintf("could not write to standard "
			                       "output: %s",
			                       strerror(errno ? errno : EIO)));
			return false;
		}
		give_or_free(msg, wrote(nevents, "standard output"));
		return true;
	}
	if (!save_text(path, text, &why)) {
		give_or_free(msg, why);
		return false;
	}
	give_or_free(msg, wrote(nevents, path));
	return true;
}

/* Ids become file names: refuse anything that could leave the directory. */
bool
export_id_is_file_name(const char *id)
{
	const char *c;

	if (*id == '\0' || *id == '.')
		return false;
	for (c = id; *c != '\0'; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ||
		      *c == '-' || *c == '_' || *c == '.'))
			return false;
	return true;
}

/* Session indexes, one list per participant. */
struct picks {
	size_t *v;
	size_t n, cap;
};

static void
picks_add(struct picks *pk, size_t session)
{
	/* Sessions come in order: a repeat is always the last one added. */
	if (pk->n > 0 && pk->v[pk->n - 1] == session)
		return;
	XGROW(pk->v, pk->n, pk->cap);
	pk->v[pk->n++] = session;
}

/*
 * For every participant of the registry, the sessions --for would choose
 * for it, in one pass over the assignments (a participant counts for
 * itself and for its delegation), so that a programme with thousands of
 * people is not scanned once per person.
 */
static struct picks *
picks_by_participant(const struct programme *p, const struct export_options *o)
{
	struct picks *by = xcalloc(p->npeople ? p->npeople : 1, sizeof *by);
	size_t i, j;

	for (i = 0; i < p->nsessions; i++) {
		const struct session *s = &p->sessions[i];

		if (o->by_day &&
		    date_compare(time_local_date(&p->conf.zone, s->start),
		                 o->day) != 0)
			continue;
		for (j = 0; j < s->nassign; j++) {
			const struct participant *who, *group;

			if (s->assign[j].participant_id == NULL)
				continue;
			who = programme_find_participant(
			    p, s->assign[j].participant_id);
			if (who == NULL)
				continue;
			picks_add(&by[who - p->people], i);
			if (who->delegation == NULL ||
			    strcmp(who->delegation, who->id) == 0)
				continue;
			group = programme_find_participant(p, who->delegation);
			if (group != NULL)
				picks_add(&by[group - p->people], i);
		}
	}
	return by;
}

bool
export_per_participant(const struct programme *p,
                       const struct export_options *o, const char *dir,
                       size_t *written, char **msg)
{
	struct export_options one = *o;
	struct picks *by;
	struct stat st;
	char *why = NULL;
	size_t i, n = 0;
	bool ok = true;

	if (written != NULL)
		*written = 0;
	one.for_id = NULL;
	if (!export_check(p, &one, &why)) {
		give_or_free(msg, why);
		return false;
	}
	if (stat(dir, &st) != 0) {
		if (errno != ENOENT || mkdir(dir, 0777) != 0) {
			give_or_free(msg,
			             xasprintf("cannot make the directory %s: "
			                       "%s",
			                       dir, strerror(errno)));
			return false;
		}
	} else if (!S_ISDIR(st.st_mode)) {
		give_or_free(msg, xasprintf("%s is not a directory; name a "
		                            "directory for the calendars",
		                            dir));
		return false;
	}
	by = picks_by_participant(p, o);
	for (i = 0; i < p->npeople && ok; i++) {
		const struct participant *who = &p->people[i];
		char *path, *text;

		one.for_id = who->id;
		if (by[i].n == 0)
			continue;
		if (!export_id_is_file_name(who->id)) {
			give_or_free(
			    msg, xasprintf("the id '%s' in participants.ini "
			                   "cannot name a file; use lowercase "
			                   "letters, digits and '-' (wrote %zu "
			                   "calendar%s before it)",
			                   who->id, n, n == 1 ? "" : "s"));
			ok = false;
			break;
		}
		path = xasprintf("%s/%s.ics", dir, who->id);
		text = build(p, &one, by[i].v, by[i].n);
		if (!save_text(path, text, &why)) {
			give_or_free(msg, xasprintf("%s (wrote %zu calendar%s "
			                            "before it)",
			                            why, n, n == 1 ? "" : "s"));
			free(why);
			ok = false;
		} else {
			n++;
		}
		free(text);
		free(path);
	}
	for (i = 0; i < p->npeople; i++)
		free(by[i].v);
	free(by);
	if (written != NULL)
		*written = n;
	if (ok)
		give_or_free(msg,
		             xasprintf("Wrote %zu calendar%s to %s, one for "
		                       "each participant with a session.",
		                       n, n == 1 ? "" : "s", dir));
	return ok;
}
