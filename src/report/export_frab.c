/*
 * export_frab.c: the frab/pretalx schedule.xml of the public programme
 * (export_frab.h), written through xmlout.h.
 */
#include "dais/export_frab.h"

#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dais/agenda.h"
#include "dais/lineup.h"
#include "dais/strbuf.h"
#include "dais/strmap.h"
#include "dais/uuid5.h"
#include "dais/xalloc.h"
#include "dais/xmlout.h"

char *
export_frab_acronym(const struct programme *p)
{
	const char *dir = p->dir != NULL ? p->dir : "";
	char *abs = realpath(dir, NULL), *base, *out;
	const char *c;
	size_t n = 0;

	base = abs != NULL ? abs : xstrdup(dir);
	c = strrchr(base, '/');
	c = c != NULL ? c + 1 : base;
	out = xmalloc(strlen(c) + sizeof "-programme");
	for (; *c != '\0'; c++) {
		char ch = (char)tolower((unsigned char)*c);

		if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
		      ch == '_'))
			ch = '-';
		if (ch == '-' && (n == 0 || out[n - 1] == '-'))
			continue;
		out[n++] = ch;
	}
	while (n > 0 && out[n - 1] == '-')
		n--;
	out[n] = '\0';
	/* The format wants at least four characters. */
	if (n < 4)
		strcpy(out + n, n == 0 ? "programme" : "-programme");
	free(base);
	return out;
}

/* ---- Numeric ids ------------------------------------------------------ */

/* A name (an event's UID, a person's key) and the number it gets. */
struct numbered {
	char *name;
	long number;
};

struct numbering {
	struct numbered *v;
	size_t n, cap;
};

static int
by_number_then_name(const void *va, const void *vb)
{
	const struct numbered *a = va, *b = vb;

	if (a->number != b->number)
		return a->number < b->number ? -1 : 1;
	return strcmp(a->name, b->name);
}

static int
by_name(const void *va, const void *vb)
{
	const struct numbered *a = va, *b = vb;

	return strcmp(a->name, b->name);
}

/* The first 31 bits of the name's UUID, never 0. */
static long
raw_number(const char *urn)
{
	char text[UUID5_TEXT_LEN];
	uint8_t bytes[16];
	long n;

	uuid5_text(text, uuid5_namespace_url, urn, bytes);
	n = (long)(((uint32_t)bytes[0] << 24 | (uint32_t)bytes[1] << 16 |
	            (uint32_t)bytes[2] << 8 | bytes[3]) &
	           0x7fffffffu);
	return n == 0 ? 1 : n;
}

/* Names may repeat (a person in many sessions): numbering_settle keeps
 * one of each. */
static void
numbering_add(struct numbering *nb, const char *name, const char *urn)
{
	XGROW(nb->v, nb->n, nb->cap);
	nb->v[nb->n].name = xstrdup(name);
	nb->v[nb->n].number = raw_number(urn);
	nb->n++;
}

/* Keeps one entry per name, and makes the numbers distinct: in (number,
 * name) order each takes the next free one after its predecessor; then
 * sorts by name for lookups. */
static void
numbering_settle(struct numbering *nb)
{
	size_t i, kept = 0;

	qsort(nb->v, nb->n, sizeof *nb->v, by_name);
	for (i = 0; i < nb->n; i++) {
		if (kept > 0 &&
		    strcmp(nb->v[kept - 1].name, nb->v[i].name) == 0) {
			free(nb->v[i].name);
			continue;
		}
		nb->v[kept++] = nb->v[i];
	}
	nb->n = kept;
	qsort(nb->v, nb->n, sizeof *nb->v, by_number_then_name);
	for (i = 1; i < nb->n; i++)
		if (nb->v[i].number <= nb->v[i - 1].number)
			nb->v[i].number = nb->v[i - 1].number + 1;
	/* Past 2^31-1 (a collision at the very top): wrap to free numbers
	 * from 1, which exist since there are fewer than 2^31 names. */
	for (i = 0; i < nb->n; i++)
		if (nb->v[i].number > INT32_MAX)
			nb->v[i].number = (long)(i + 1);
	qsort(nb->v, nb->n, sizeof *nb->v, by_name);
}

static long
numbering_find(const struct numbering *nb, const char *name)
{
	struct numbered key = {(char *)name, 0}, *hit;

	hit = bsearch(&key, nb->v, nb->n, sizeof *nb->v, by_name);
	return hit != NULL ? hit->number : 0;
}

static void
numbering_free(struct numbering *nb)
{
	size_t i;

	for (i = 0; i < nb->n; i++)
		free(nb->v[i].name);
	free(nb->v);
}

/* ---- Building the schedule ------------------------------------------- */

struct frab {
	const struct programme *p;
	struct xmlout *x;
	char *acronym;
	struct numbering events, persons;
};

static char *
event_urn(const struct programme *p, const struct session *s)
{
	char *uid = export_uid(p, s),
	     *urn = xasprintf("urn:dais:event:%s", uid);

	free(uid);
	return urn;
}

/* A person's key: the registry id, or the name written in the file. */
static char *
person_key(const struct lineup_person *x)
{
	if (x->a->participant_id != NULL && *x->a->participant_id != '\0')
		return xstrdup(x->a->participant_id);
	return xasprintf("cn:%s", lineup_name(x));
}

static char *
person_urn(const struct frab *f, const char *key)
{
	return xasprintf("urn:dais:person:%s:%s", f->acronym, key);
}

static bool
listed_as_person(const struct lineup_person *x)
{
	return x->heading == LINEUP_CHAIR || x->heading == LINEUP_SPEAKER;
}

/*
 * frab has no all-day event, and apps (c3voc's schedule tools, Giggity)
 * place an event in the day whose start..end holds its start: an all-day
 * item is written as one event on each day it covers, from that day's
 * start to its end. Its first day's event is the item's own (guid of
 * urn:dais:event:UID); each later day's is keyed "UID/YYYY-MM-DD".
 */
static char *
all_day_key(const char *uid, struct dais_date d, bool first)
{
	char buf[DAIS_TIMEBUF];

	return first ? xstrdup(uid)
	             : xasprintf("%s/%s", uid, date_fmt_iso(buf, d));
}

/* The dates an all-day item covers after its first: each whose midnight
 * is before its end. */
static bool
all_day_covers(const struct programme *p, const struct session *s,
               struct dais_date d)
{
	const struct dais_zone *zone = &p->conf.zone;

	return s->all_day &&
	       date_compare(time_local_date(zone, s->start), d) <= 0 &&
	       time_at(zone, d, 0) < s->end;
}

/* Numbers for every event and person of the public programme, whatever
 * day is exported, so that a day's export uses the whole one's numbers. */
static void
number_everything(struct frab *f, const struct export_options *o)
{
	struct export_options every = *o;
	size_t i, j;

	every.by_day = false;
	for (i = 0; i < f->p->nsessions; i++) {
		const struct session *s = &f->p->sessions[i];
		struct lineup_person *people;
		char *uid, *urn;

		if (!export_includes(f->p, &every, s))
			continue;
		uid = export_uid(f->p, s);
		urn = event_urn(f->p, s);
		numbering_add(&f->events, uid, urn);
		free(urn);
		if (s->all_day) {
			struct dais_date d =
			    time_local_date(&f->p->conf.zone, s->start);

			for (d = days_to_date(date_to_days(d) + 1);
			     all_day_covers(f->p, s, d);
			     d = days_to_date(date_to_days(d) + 1)) {
				char *key = all_day_key(uid, d, false);

				urn = xasprintf("urn:dais:event:%s", key);
				numbering_add(&f->events, key, urn);
				free(key);
				free(urn);
			}
		}
		free(uid);
		people = lineup_of(f->p, s);
		for (j = 0; j < s->nassign; j++) {
			char *key;

			if (!listed_as_person(&people[j]))
				continue;
			key = person_key(&people[j]);
			urn = person_urn(f, key);
			numbering_add(&f->persons, key, urn);
			free(key);
			free(urn);
		}
		free(people);
	}
	numbering_settle(&f->events);
	numbering_settle(&f->persons);
}

static char *
kind_type(const char *kind)
{
	char *out = xstrdup(kind), *c;

	for (c = out; *c != '\0'; c++)
		*c = (char)tolower((unsigned char)*c);
	return out;
}

/* frab's slug, "ACRONYM-ID-title-in-ascii", when the acronym allows the
 * format's pattern (its first part, up to a '-', has four characters or
 * more); else NULL. */
static char *
slug(const struct frab *f, long id, const char *title)
{
	char words[61];
	size_t n = 0, lead = strcspn(f->acronym, "-");
	const char *c;

	if (lead < 4)
		return NULL;
	for (c = title; *c != '\0' && n < sizeof words - 1; c++) {
		unsigned char ch = (unsigned char)*c;

		if (isalnum(ch) && ch < 0x80)
			words[n++] = (char)tolower(ch);
		else if (n > 0 && words[n - 1] != '-')
			words[n++] = '-';
	}
	while (n > 0 && words[n - 1] == '-')
		n--;
	words[n] = '\0';
	return xasprintf("%s-%ld-%s", f->acronym, id,
	                 n >= 4 ? words : "session");
}

/* "01:15": hours and minutes. */
static void
duration_hm(char buf[DAIS_TIMEBUF], dais_time seconds)
{
	long m = seconds > 0 ? (long)(seconds / 60) : 0;

	snprintf(buf, DAIS_TIMEBUF, "%02ld:%02ld", m / 60, m % 60);
}

/* Everyone by role in protocol order, a line per role, as in the .ics
 * DESCRIPTION. Caller frees; "" when nobody is assigned. */
static char *
roles_text(const struct lineup_person *people, size_t n)
{
	size_t i, count[LINEUP_HEADING_COUNT] = {0};
	struct strbuf b = {0};

	for (i = 0; i < n; i++)
		count[people[i].heading]++;
	for (i = 0; i < n; i++) {
		enum lineup_heading h = people[i].heading;

		if (i == 0 || people[i - 1].heading != h)
			strbuf_addf(&b, "%s%s: ", i ? "\n" : "",
			            lineup_heading_text(h, count[h]));
		else
			strbuf_addstr(&b, "; ");
		strbuf_addstr(&b, lineup_name(&people[i]));
	}
	return strbuf_take(&b);
}

/* An event of a day: a session, or an all-day item's part of that day. */
struct frab_item {
	const struct session *s;
	dais_time start, end;
	char *key; /* the numbering's name: export UID, or "UID/DATE" */
};

static int
item_cmp(const void *va, const void *vb)
{
	const struct frab_item *a = va, *b = vb;

	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->end != b->end)
		return a->end < b->end ? -1 : 1;
	return strcmp(a->key, b->key);
}

static void
write_event(struct frab *f, const struct frab_item *item, const char *room)
{
	const struct session *s = item->s;
	const struct dais_zone *zone = &f->p->conf.zone;
	struct lineup_person *people = lineup_of(f->p, s);
	char buf[DAIS_TIMEBUF], guid[UUID5_TEXT_LEN], *uid, *urn, *text;
	const char *kind =
	    s->kind != NULL && *s->kind != '\0' ? s->kind : "SESSION";
	long id;
	size_t i;

	uid = xstrdup(item->key);
	urn = xasprintf("urn:dais:event:%s", item->key);
	id = numbering_find(&f->events, uid);
	xmlout_start(f->x, "event");
	xmlout_attr(f->x, "guid",
	            uuid5_text(guid, uuid5_namespace_url, urn, NULL));
	snprintf(buf, sizeof buf, "%ld", id);
	xmlout_attr(f->x, "id", buf);
	free(uid);
	free(urn);

	xmlout_element(f->x, "date", time_fmt_iso(buf, zone, item->start));
	xmlout_element(f->x, "start", time_fmt_hm(buf, zone, item->start));
	duration_hm(buf, item->end - item->start);
	xmlout_element(f->x, "duration", buf);
	xmlout_element(f->x, "room", room);
	if ((text = slug(f, id, s->title ? s->title : "")) != NULL) {
		xmlout_element(f->x, "slug", text);
		free(text);
	}
	xmlout_element(f->x, "title", s->title ? s->title : "(untitled)");
	xmlout_element(f->x, "subtitle", "");
	text = lineup_kind_label(kind);
	xmlout_element(f->x, "track", text);
	free(text);
	text = kind_type(kind);
	xmlout_element(f->x, "type", text);
	free(text);
	if (s->languages.n > 0) {
		text = strlist_join(&s->languages, ", ");
		xmlout_element(f->x, "language", text);
		free(text);
	}
	xmlout_element(f->x, "abstract", s->description ? s->description : "");
	text = roles_text(people, s->nassign);
	xmlout_element(f->x, "description", text);
	free(text);

	xmlout_start(f->x, "persons");
	for (i = 0; i < s->nassign; i++) {
		char *key;

		if (!listed_as_person(&people[i]))
			continue;
		key = person_key(&people[i]);
		urn = person_urn(f, key);
		xmlout_start(f->x, "person");
		snprintf(buf, sizeof buf, "%ld",
		         numbering_find(&f->persons, key));
		xmlout_attr(f->x, "id", buf);
		xmlout_attr(f->x, "guid",
		            uuid5_text(guid, uuid5_namespace_url, urn, NULL));
		xmlout_text(f->x, lineup_name(&people[i]));
		xmlout_end(f->x);
		free(key);
		free(urn);
	}
	xmlout_end(f->x); /* persons */
	xmlout_end(f->x); /* event */
	free(people);
}

/* The key of a session's room for grouping: its id, or its LOCATION. */
static const char *
room_key(const struct session *s)
{
	if (s->room_id != NULL && *s->room_id != '\0')
		return s->room_id;
	return s->location != NULL ? s->location : "";
}

/* Rooms in venues.ini's order, then places no registry knows in the order
 * they first appear; each with its events in time order. */
static void
write_rooms(struct frab *f, const struct frab_item *items, size_t n)
{
	bool *done = xcalloc(n ? n : 1, sizeof *done);
	size_t r, i, j, remaining = n;

	for (r = 0; r <= f->p->nrooms && remaining > 0; r++) {
		for (i = 0; i < n; i++) {
			const struct session *first = items[i].s;
			const char *key = room_key(first), *name;
			char guid[UUID5_TEXT_LEN], *urn;

			if (done[i])
				continue;
			/* Known rooms in registry order first (r <
			 * nrooms), then the rest (r == nrooms). */
			if (r < f->p->nrooms
			        ? first->room_id == NULL ||
			              strcmp(first->room_id,
			                     f->p->rooms[r].id) != 0
			        : false)
				continue;
			name = agenda_room_name(f->p, first);
			if (name == NULL)
				name = "To be announced";
			urn = xasprintf("urn:dais:room:%s:%s", f->acronym, key);
			xmlout_start(f->x, "room");
			xmlout_attr(f->x, "name", name);
			xmlout_attr(
			    f->x, "guid",
			    uuid5_text(guid, uuid5_namespace_url, urn, NULL));
			free(urn);
			for (j = i; j < n; j++) {
				if (done[j] ||
				    strcmp(room_key(items[j].s), key) != 0)
					continue;
				done[j] = true;
				remaining--;
				write_event(f, &items[j], name);
			}
			xmlout_end(f->x);
		}
	}
	free(done);
}

static void
add_item(struct frab_item **v, size_t *n, size_t *cap, const struct session *s,
         dais_time start, dais_time end, char *key)
{
	XGROW(*v, *n, *cap);
	(*v)[*n].s = s;
	(*v)[*n].start = start;
	(*v)[*n].end = end;
	(*v)[*n].key = key;
	(*n)++;
}

/* A day's events: its sessions, an all-day item as the day's hours, and
 * the all-day items begun on an earlier day that cover this one. */
static void
write_day(struct frab *f, const struct agenda_day *day,
          const struct export_options *o)
{
	struct export_options every = *o;
	struct frab_item *items = NULL;
	size_t n = 0, cap = 0, i;

	every.by_day = false;
	for (i = 0; i < day->n; i++) {
		const struct session *s = day->sessions[i];

		add_item(&items, &n, &cap, s,
		         s->all_day ? day->start : s->start,
		         s->all_day ? day->end : s->end, export_uid(f->p, s));
	}
	for (i = 0; i < f->p->nsessions; i++) {
		const struct session *s = &f->p->sessions[i];
		char *uid;

		if (!s->all_day || s->status == SESSION_CANCELLED ||
		    !export_includes(f->p, &every, s) ||
		    date_compare(time_local_date(&f->p->conf.zone, s->start),
		                 day->date) >= 0 ||
		    !all_day_covers(f->p, s, day->date))
			continue;
		uid = export_uid(f->p, s);
		add_item(&items, &n, &cap, s, day->start, day->end,
		         all_day_key(uid, day->date, false));
		free(uid);
	}
	qsort(items, n, sizeof *items, item_cmp);
	write_rooms(f, items, n);
	for (i = 0; i < n; i++)
		free(items[i].key);
	free(items);
}

/* A fingerprint of what the schedule says, as its <version>: it changes
 * when the programme does and only then, so apps can tell an update. */
static uint64_t
fingerprint(const struct agenda *a, const struct programme *p)
{
	uint64_t h = FNV1A_OFFSET_BASIS;
	size_t d, i, j;

	for (d = 0; d < a->ndays; d++)
		for (i = 0; i < a->days[d].n; i++) {
			const struct session *s = a->days[d].sessions[i];
			const char *fields[5] = {s->uid, s->title, s->kind,
			                         s->description,
			                         agenda_room_name(p, s)};
			dais_time times[3] = {s->recurrence_id, s->start,
			                      s->end};

			h = fnv1a_add(h, times, sizeof times);
			/* Each with its NUL, so that "ab"+"c" is not "a"+"bc".
			 */
			for (j = 0; j < 5; j++)
				h = fnv1a_add(h, fields[j] ? fields[j] : "",
				              fields[j] ? strlen(fields[j]) + 1
				                        : 1);
			for (j = 0; j < s->nassign; j++) {
				const char *id = s->assign[j].participant_id;

				h = fnv1a_add(h, id ? id : "",
				              id ? strlen(id) + 1 : 1);
			}
		}
	return h;
}

char *
export_frab(const struct programme *p, const struct export_options *o,
            size_t *nevents, char **why)
{
	struct frab f = {p, NULL, NULL, {0}, {0}};
	struct agenda a;
	char buf[DAIS_TIMEBUF], *out;
	size_t d;

	if (!agenda_build(&a, p, o, false, why))
		return NULL;
	f.acronym = export_frab_acronym(p);
	number_everything(&f, o);
	f.x = xmlout_new(true);
	xmlout_start(f.x, "schedule");
	xmlout_start(f.x, "generator");
	xmlout_attr(f.x, "name", "dais");
	xmlout_attr(f.x, "version", DAIS_VERSION);
	xmlout_end_void(f.x);
	snprintf(buf, sizeof buf, "dais-%016llx",
	         (unsigned long long)fingerprint(&a, p));
	xmlout_element(f.x, "version", buf);

	xmlout_start(f.x, "conference");
	xmlout_element(f.x, "acronym", f.acronym);
	xmlout_element(f.x, "title", p->conf.name ? p->conf.name : f.acronym);
	if (a.ndays > 0) {
		xmlout_element(f.x, "start", date_fmt_iso(buf, a.days[0].date));
		xmlout_element(f.x, "end",
		               date_fmt_iso(buf, a.days[a.ndays - 1].date));
	}
	snprintf(buf, sizeof buf, "%zu", a.ndays);
	xmlout_element(f.x, "days", buf);
	xmlout_element(f.x, "time_zone_name", p->conf.zone.name);
	xmlout_end(f.x);

	for (d = 0; d < a.ndays; d++) {
		const struct agenda_day *day = &a.days[d];

		xmlout_start(f.x, "day");
		snprintf(buf, sizeof buf, "%d", day->index);
		xmlout_attr(f.x, "index", buf);
		xmlout_attr(f.x, "date", date_fmt_iso(buf, day->date));
		xmlout_attr(f.x, "start",
		            time_fmt_iso(buf, &p->conf.zone, day->start));
		xmlout_attr(f.x, "end",
		            time_fmt_iso(buf, &p->conf.zone, day->end));
		write_day(&f, day, o);
		xmlout_end(f.x);
	}
	out = xmlout_finish(f.x);
	if (nevents != NULL)
		*nevents = a.nsessions;
	agenda_free(&a);
	numbering_free(&f.events);
	numbering_free(&f.persons);
	free(f.acronym);
	return out;
}
