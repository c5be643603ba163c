/*
 * ics_file.c: what is known of one .ics file while it is read (struct
 * ics_file): its messages, capped; its zones; its sessions by (UID,
 * RECURRENCE-ID), so a repeated one is refused and a series waits for its
 * overrides. ics_load.c feeds it the file's components.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dais/session_field.h"
#include "dais/strmap.h"
#include "dais/xalloc.h"
#include "ics_internal.h"

static void
ics_vdiag(struct ics_file *f, enum diag_level level, enum diag_kind kind,
          int line, const char *uid, const char *fmt, va_list ap)
{
	char *msg;

	/* A file of a million broken lines would make a million messages
	 * nobody reads: past the cap they are only counted (ics_finish_diags).
	 */
	if (f->ndiags >= ICS_MAX_DIAGS) {
		f->dropped++;
		f->dropped_errors += level == DIAG_ERROR;
		return;
	}
	f->ndiags++;
	msg = xvasprintf(fmt, ap);
	diag_add_kind(f->diags, level, kind, f->shown, line, uid, "%s", msg);
	free(msg);
}

void
ics_diag(struct ics_file *f, enum diag_level level, int line, const char *uid,
         const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ics_vdiag(f, level, DIAG_KIND_OTHER, line, uid, fmt, ap);
	va_end(ap);
}

void
ics_diag_kind(struct ics_file *f, enum diag_level level, enum diag_kind kind,
              int line, const char *uid, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ics_vdiag(f, level, kind, line, uid, fmt, ap);
	va_end(ap);
}

/* The count of what ics_diag left out; an error if any of it was one, so
 * the file is refused as it would have been. */
void
ics_finish_diags(struct ics_file *f)
{
	if (f->dropped == 0)
		return;
	diag_add(f->diags, f->dropped_errors > 0 ? DIAG_ERROR : DIAG_WARNING,
	         f->shown, 0, NULL,
	         "%zu more problems in this file (%zu of them errors) are not "
	         "listed; correct the %d above and check again",
	         f->dropped, f->dropped_errors, ICS_MAX_DIAGS);
}

/* Zones */

icaltimezone *
ics_zone_find(struct ics_file *f, const char *tzid)
{
	return ics_zones_find(&f->zones, tzid);
}

struct ics_tz
ics_prop_tz(struct ics_file *f, icalproperty *prop, struct icaltimetype t)
{
	return ics_zones_prop_tz(&f->zones, prop, t);
}

dais_time
ics_to_instant(const struct ics_file *f, struct icaltimetype t,
               const struct ics_tz *tz)
{
	return ics_tz_instant(&f->p->conf.zone, t, tz);
}

static size_t
instant_slot(struct icaltimetype t, const struct ics_tz *tz)
{
	uint64_t h = (uint64_t)(uintptr_t)tz->zone ^ (uint64_t)tz->kind;

	h = h * 31 + (uint64_t)t.year;
	h = h * 31 + (uint64_t)t.month;
	h = h * 31 + (uint64_t)t.day;
	h = h * 31 + (uint64_t)t.hour;
	h = h * 61 + (uint64_t)t.minute;
	h = h * 61 + (uint64_t)t.second;
	h ^= h >> 17;
	return (size_t)(h & (ICS_INSTANT_MEMO - 1));
}

bool
ics_instant_recall(const struct ics_file *f, struct icaltimetype t,
                   const struct ics_tz *tz, dais_time *out)
{
	const struct ics_instant_memo *m = &f->instants[instant_slot(t, tz)];

	if (!m->used || m->kind != tz->kind || m->zone != tz->zone ||
	    m->year != t.year || m->month != t.month || m->day != t.day ||
	    m->hour != t.hour || m->minute != t.minute ||
	    m->second != t.second || m->is_date != t.is_date)
		return false;
	*out = m->instant;
	return true;
}

void
ics_instant_remember(struct ics_file *f, struct icaltimetype t,
                     const struct ics_tz *tz, dais_time instant)
{
	struct ics_instant_memo *m = &f->instants[instant_slot(t, tz)];

	m->year = t.year;
	m->month = t.month;
	m->day = t.day;
	m->hour = t.hour;
	m->minute = t.minute;
	m->second = t.second;
	m->is_date = t.is_date;
	m->kind = tz->kind;
	m->zone = tz->zone;
	m->instant = instant;
	m->used = true;
}

struct icaltimetype
ics_from_instant(const struct ics_file *f, dais_time t, const struct ics_tz *tz)
{
	return ics_tz_wall(&f->p->conf.zone, t, tz);
}

bool
ics_time_valid(struct icaltimetype t)
{
	struct dais_date d = {t.year, t.month, t.day};

	if (!date_valid(d))
		return false;
	return t.is_date || (t.hour >= 0 && t.hour < 24 && t.minute >= 0 &&
	                     t.minute < 60 && t.second >= 0 && t.second <= 60);
}

/* "+03:00", "-02:30" */
static void
offset_fmt(char *buf, size_t size, int seconds)
{
	int a = seconds < 0 ? -seconds : seconds;

	snprintf(buf, size, "%c%02d:%02d", seconds < 0 ? '-' : '+', a / 3600,
	         a / 60 % 60);
}

/*
 * A file's own VTIMEZONE for the conference zone is what its times are
 * read in (RFC 5545: the calendar defines its TZIDs), but a stale one (an
 * export made before a rule changed) moves every session: compare it with
 * the zone database on each conference day, hour by hour, and say where
 * they first differ. dais-programme(5) says which is used.
 */
static void
zone_compare(struct ics_file *f, const char *tzid, const struct ics_block *b)
{
	const struct conference *c = &f->p->conf;
	const char *plain = tzid;
	icaltimezone *mine;
	size_t d;
	int h;

	if (strncmp(plain, ICS_FREEASSOC_PREFIX,
	            strlen(ICS_FREEASSOC_PREFIX)) == 0)
		plain += strlen(ICS_FREEASSOC_PREFIX);
	if (c->zone.name == NULL || strcmp(plain, c->zone.name) != 0 ||
	    (mine = ics_zones_find(&f->zones, tzid)) == NULL)
		return;
	for (d = 0; d < c->ndays; d++) {
		for (h = 0; h < 24; h++) {
			dais_time t = time_at(&c->zone, c->days[d], h * 60);
			struct icaltimetype u = icaltime_from_timet_with_zone(
			    (time_t)t, 0, icaltimezone_get_utc_timezone());
			int daylight = 0, file_off, db_off, diff;
			char day[DAIS_TIMEBUF], len[DAIS_TIMEBUF], o1[16],
			    o2[16];

			file_off = icaltimezone_get_utc_offset_of_utc_time(
			    mine, &u, &daylight);
			db_off = zone_offset(&c->zone, t);
			if (file_off == db_off)
				continue;
			diff = file_off - db_off;
			offset_fmt(o1, sizeof o1, file_off);
			offset_fmt(o2, sizeof o2, db_off);
			ics_diag(
			    f, DIAG_WARNING, b->begin_line, NULL,
			    "this file's VTIMEZONE %s says UTC%s on %s "
			    "where the zone database says UTC%s, so the "
			    "file's times fall %s %s; dais reads them with "
			    "the file's VTIMEZONE (dais-programme(5)): "
			    "correct the VTIMEZONE, or remove it to use "
			    "the zone database",
			    tzid, o1, date_fmt_iso(day, c->days[d]), o2,
			    duration_fmt(len, diff < 0 ? -diff : diff),
			    diff > 0 ? "earlier" : "later");
			return;
		}
	}
}

/* A file VTIMEZONE: its zone serves TZIDs of this file only. */
void
ics_zone_add(struct ics_file *f, icalcomponent *c, const struct ics_block *b)
{
	icalproperty *prop =
	    icalcomponent_get_first_property(c, ICAL_TZID_PROPERTY);
	char *tzid = xstrdup(prop && icalproperty_get_tzid(prop)
	                         ? icalproperty_get_tzid(prop)
	                         : "");

	switch (ics_zones_add(&f->zones, c)) {
	case ICS_ZONE_ADDED:
		zone_compare(f, tzid, b);
		break;
	case ICS_ZONE_REPEATED: /* concatenated exports repeat a zone */
		break;
	case ICS_ZONE_NO_TZID:
		ics_diag(f, DIAG_WARNING, b->begin_line, NULL,
		         "this VTIMEZONE has no TZID, so no time can refer to "
		         "it; give it a TZID or remove it");
		break;
	case ICS_ZONE_NO_RULES:
		ics_diag(f, DIAG_WARNING, b->begin_line, NULL,
		         "VTIMEZONE %s has no STANDARD or DAYLIGHT part, so it "
		         "says nothing about the offset; dais ignores it and "
		         "looks %s up in the zone database",
		         tzid, tzid);
		break;
	case ICS_ZONE_REDEFINED:
		ics_diag(f, DIAG_WARNING, b->begin_line, NULL,
		         "VTIMEZONE %s is defined twice in this file, "
		         "differently; dais uses the first, remove the "
		         "other",
		         tzid);
		break;
	case ICS_ZONE_UNUSABLE:
		ics_diag(f, DIAG_WARNING, b->begin_line, NULL,
		         "libical cannot use VTIMEZONE %s; dais ignores it and "
		         "looks %s up in the zone database",
		         tzid, tzid);
		break;
	case ICS_ZONE_FAST_RULE:
		ics_diag(f, DIAG_WARNING, b->begin_line, NULL,
		         "VTIMEZONE %s has a STANDARD or DAYLIGHT part that "
		         "recurs more often than yearly (an RRULE with a FREQ "
		         "other than YEARLY, or several BYHOUR, BYMINUTE or "
		         "BYSECOND values), which no real zone does and which "
		         "would take without end to expand; dais ignores it "
		         "and looks %s up in the zone database",
		         tzid, tzid);
		break;
	}
	free(tzid);
}

/* Keys: (UID, RECURRENCE-ID) of every VEVENT of the file */

/* The UID through the string store's hash (XXH3: several bytes a step,
 * where FNV-1a takes one), the RECURRENCE-ID mixed in; 32 bits are kept
 * in a slot (ics_key_slot). */
static uint32_t
key_hash(const char *uid, dais_time rid)
{
	uint64_t h = strmap_hash(uid, strlen(uid)) ^
	             ((uint64_t)rid * 0x9E3779B97F4A7C15ULL);

	h ^= h >> 29;
	return (uint32_t)(h ^ (h >> 32));
}

/* The UID and RECURRENCE-ID of what slot reference ref names, and the key
 * itself when key != NULL. */
static void
key_at(const struct ics_file *f, uint32_t ref, const char **uid, dais_time *rid,
       struct ics_key *key)
{
	size_t i = ref / 2 - 1;

	if (ref & 1) {
		const struct ics_key_entry *e = &f->key_entries[i];

		*uid = e->uid;
		*rid = e->rid;
		if (key != NULL)
			*key = e->key;
	} else {
		const struct session *s = &f->p->sessions[i];

		*uid = s->uid;
		*rid = s->recurrence_id;
		if (key != NULL) {
			key->kind = ICS_KEY_PLAIN;
			key->index = i;
			key->line = s->line;
		}
	}
}

/* Whether (uid, rid), hash h of them, is a key of the file: what it
 * names in *out (when out != NULL). Only a slot of the same hash is
 * compared by its UID. */
static bool
key_find(const struct ics_file *f, const char *uid, dais_time rid, uint32_t h,
         struct ics_key *out)
{
	size_t i, mask = f->capkeys - 1;

	if (f->capkeys == 0)
		return false;
	for (i = h & mask; f->keys[i].ref != 0; i = (i + 1) & mask) {
		const char *kuid;
		dais_time krid;
		struct ics_key k;

		if (f->keys[i].hash != h)
			continue;
		key_at(f, f->keys[i].ref, &kuid, &krid, &k);
		if (krid == rid && strcmp(kuid, uid) == 0) {
			if (out != NULL)
				*out = k;
			return true;
		}
	}
	return false;
}

bool
ics_key_find(struct ics_file *f, const char *uid, dais_time rid,
             struct ics_key *out)
{
	return key_find(f, uid, rid, key_hash(uid, rid), out);
}

void
ics_key_prefetch(const struct ics_file *f, const char *uid, dais_time rid)
{
	if (f->capkeys > 0)
		__builtin_prefetch(
		    &f->keys[key_hash(uid, rid) & (f->capkeys - 1)]);
}

/*
 * The table's slots for cap keys' room, and their release: from 2 MiB a
 * mapping of huge pages (xbulk_zalloc), which a table of 100 000 UIDs
 * fills in one page fault per 2 MiB where calloc's took 512. The conflict
 * check's block went the other way (conflict.c, SPACE_KEEP): a first write
 * to a fresh huge page now and then stalls for milliseconds on the VM
 * measured. That block is sized to what it holds and rounded up to 2 MiB,
 * so a huge page could be half unused; this table is a power of two that
 * the keys' hashes spread over every one of its pages, which the small
 * pages' faults would take one by one anyway.
 */
static void
keys_make(struct ics_file *f, size_t cap)
{
	f->capkeys = cap;
	f->keys = xbulk_zalloc(cap * sizeof *f->keys);
}

static void
keys_release(struct ics_key_slot *keys, size_t cap)
{
	xbulk_free(keys, cap * sizeof *keys);
}

void
ics_keys_free(struct ics_file *f)
{
	size_t i;

	for (i = 0; i < f->nkey_entries; i++)
		if (f->key_entries[i].owned)
			free(f->key_entries[i].uid);
	free(f->key_entries);
	keys_release(f->keys, f->capkeys);
	f->key_entries = NULL;
	f->keys = NULL;
	f->nkey_entries = f->capkey_entries = f->nkeys = f->capkeys = 0;
}

/* The slot reference of index i (of the programme's sessions when entry
 * is false, else of key_entries). */
static uint32_t
key_ref(size_t i, bool entry)
{
	/* A file of two thousand million sessions does not fit in memory
	 * anyway. */
	if (i >= UINT32_MAX / 2 - 1)
		abort();
	return (uint32_t)(2 * (i + 1) + entry);
}

static void
slot_put(struct ics_key_slot *slots, size_t cap, struct ics_key_slot k)
{
	size_t i;

	for (i = k.hash & (cap - 1); slots[i].ref != 0; i = (i + 1) & (cap - 1))
		;
	slots[i] = k;
}

/* Adds the key of hash h naming ref (key_ref's), growing the table at
 * three quarters full (a slot's hash moves it without reading the key). */
static void
key_insert(struct ics_file *f, uint32_t h, uint32_t ref)
{
	struct ics_key_slot k = {h, ref};

	if ((f->nkeys + 1) * 4 > f->capkeys * 3) {
		struct ics_key_slot *old = f->keys;
		size_t oldcap = f->capkeys, j;

		keys_make(f, oldcap ? oldcap * 2 : ICS_KEYS_MIN);
		for (j = 0; j < oldcap; j++)
			if (old[j].ref != 0)
				slot_put(f->keys, f->capkeys, old[j]);
		keys_release(old, oldcap);
	}
	slot_put(f->keys, f->capkeys, k);
	f->nkeys++;
}

void
ics_keys_expect(struct ics_file *f, size_t bytes)
{
	size_t keys = bytes / ICS_MIN_VEVENT_BYTES, cap = ICS_KEYS_MIN;

	if (f->capkeys != 0)
		return;
	/* Three quarters full at most, as key_insert keeps it. */
	while (cap / 4 * 3 < keys && cap < ICS_KEYS_MAX)
		cap *= 2;
	keys_make(f, cap);
}

/* A key that is no plain session of the programme; uid is borrowed, or
 * taken when owned. Its slot reference. */
static uint32_t
key_entry_add(struct ics_file *f, char *uid, bool owned, dais_time rid,
              enum ics_key_kind kind, size_t index, int line)
{
	struct ics_key_entry *e;

	XGROW(f->key_entries, f->nkey_entries, f->capkey_entries);
	e = &f->key_entries[f->nkey_entries];
	e->uid = uid;
	e->owned = owned;
	e->rid = rid;
	e->key.kind = kind;
	e->key.index = index;
	e->key.line = line;
	return key_ref(f->nkey_entries++, true);
}

void
ics_add_session(struct ics_file *f, struct session *s)
{
	struct session *dst = programme_add_session(f->p);

	*dst = *s;
	session_init(s);
}

/*
 * A VEVENT read: refuse a second one with the same UID (and
 * RECURRENCE-ID), then add it, or keep it for the end of the file when it
 * recurs or overrides an occurrence.
 */
void
ics_event_take(struct ics_file *f, struct ics_event *ev)
{
	struct ics_key k;
	char buf[DAIS_TIMEBUF];
	uint32_t h, ref;

	/* Without a UID, or an override whose RECURRENCE-ID could not be
	 * read, it matches nothing; the error has been given. */
	if (ev->s.uid == NULL ||
	    (ev->override && ev->s.recurrence_id == DAIS_TIME_NONE)) {
		ics_event_free(ev);
		return;
	}
	/* Hashed again, not carried from the prefetch: one short hash, and
	 * the key as it is now. */
	h = key_hash(ev->s.uid, ev->s.recurrence_id);
	if (key_find(f, ev->s.uid, ev->s.recurrence_id, h, &k)) {
		if (ev->override)
			ics_diag(f, DIAG_ERROR, ev->s.line, ev->s.uid,
			         "the occurrence RECURRENCE-ID %s is already "
			         "overridden at line %d; keep one of the two",
			         time_fmt_iso(buf, &f->p->conf.zone,
			                      ev->s.recurrence_id),
			         k.line);
		else
			ics_diag(f, DIAG_ERROR, ev->s.line, ev->s.uid,
			         "UID %s is already used at line %d of this "
			         "file; give every session its own UID (a "
			         "changed occurrence of a recurring session "
			         "needs RECURRENCE-ID)",
			         ev->s.uid, k.line);
		ics_event_free(ev);
		return;
	}
	if (ev->override) {
		ref =
		    key_entry_add(f, ev->s.uid, false, ev->s.recurrence_id,
		                  ICS_KEY_OVERRIDE, f->noverrides, ev->s.line);
		XGROW(f->overrides, f->noverrides, f->capoverrides);
		f->overrides[f->noverrides++] = *ev;
	} else if (ev->recurs) {
		ref = key_entry_add(f, ev->s.uid, false, ev->s.recurrence_id,
		                    ICS_KEY_MASTER, f->nseries, ev->s.line);
		XGROW(f->series, f->nseries, f->capseries);
		f->series[f->nseries++] = *ev;
	} else if (ev->ok) {
		/* The key is the session's, found through the programme.
		 * The UID moves along; nothing else of ev holds anything (no
		 * component or rule lines: it does not recur), so there is
		 * nothing to free. */
		ref = key_ref(f->p->nsessions, false);
		ics_add_session(f, &ev->s);
	} else {
		/* Refused, but a later one with its UID is still a repeat:
		 * the key keeps the UID, as a copy of its own (a stored one
		 * is released with the session). */
		session_field_own(&ev->s,
		                  &session_field_table[SESSION_FIELD_UID]);
		ref = key_entry_add(f, ev->s.uid, true, ev->s.recurrence_id,
		                    ICS_KEY_PLAIN, 0, ev->s.line);
		ev->s.uid = NULL;
		ics_event_free(ev);
	}
	key_insert(f, h, ref);
	memset(ev, 0, sizeof *ev);
}
