/*
 * ics_text.c: iCalendar text read one way for loading and saving (see
 * ics_text.h): bounded physical lines, unfolding with line numbers and
 * byte ranges, a file's top-level blocks, and TZID lookup through the
 * file's VTIMEZONEs before the zone database.
 */
#include "ics_text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dais/filehash.h"
#include "dais/ics.h"
#include "dais/strmap.h"
#include "dais/tzdb.h"
#include "dais/xalloc.h"

/* ---- Physical lines ---------------------------------------------------- */

#define SOURCE_CHUNK 65536

void
ics_source_file(struct ics_source *src, FILE *fp)
{
	memset(src, 0, sizeof *src);
	src->fp = fp;
}

void
ics_source_mem(struct ics_source *src, const char *data, size_t len)
{
	memset(src, 0, sizeof *src);
	src->mem = data;
	src->memlen = len;
}

void
ics_source_free(struct ics_source *src)
{
	free(src->buf);
	src->buf = NULL;
}

/*
 * Reads more of the input into the buffer; false when there is no more.
 * What is before src->keep is dropped first, the rest moved to the front
 * (start, len and keep with it). Memory is copied in as a file is read,
 * so that every line can be NUL-terminated where it lies.
 */
static bool
source_fill(struct ics_source *src)
{
	size_t want = SOURCE_CHUNK, got;

	if (src->eof)
		return false;
	if (src->keep > 0) {
		memmove(src->buf, src->buf + src->keep, src->len - src->keep);
		src->start -= src->keep;
		src->len -= src->keep;
		src->keep = 0;
	}
	/* A short text in memory takes a buffer of its size (the saver
	 * reads one block at a time). */
	if (src->fp == NULL && src->memlen - src->memoff < want)
		want = src->memlen - src->memoff;
	if (src->cap - src->len < want + 1) {
		size_t cap = src->cap ? src->cap : 2 * want + 1;

		while (cap - src->len < want + 1)
			cap *= 2;
		src->buf = xreallocarray(src->buf, cap, 1);
		src->cap = cap;
	}
	/* Room for one byte more than it holds: the NUL of a last line
	 * without a newline. */
	if (src->fp != NULL) {
		got = fread(src->buf + src->len, 1, src->cap - src->len - 1,
		            src->fp);
	} else {
		got = src->memlen - src->memoff;
		if (got > src->cap - src->len - 1)
			got = src->cap - src->len - 1;
		memcpy(src->buf + src->len, src->mem + src->memoff, got);
		src->memoff += got;
	}
	if (src->hash != NULL && got > 0)
		filehash_stream_add(src->hash, src->buf + src->len, got);
	src->len += got;
	if (got == 0)
		src->eof = true;
	return got > 0;
}

bool
ics_source_drain(struct ics_source *src)
{
	do
		src->keep = src->start = src->len;
	while (source_fill(src));
	return src->fp == NULL || !ferror(src->fp);
}

/*
 * The next physical line without its newline: *n bytes at src->buf + *at
 * (valid until the next call, unless src->keep holds them); false at the
 * end. A line is kept whole only up to ICS_MAX_LINE bytes, so a file of
 * one endless line costs a bounded buffer, not its size: when
 * *n > ICS_MAX_LINE only its length is known and its bytes must not be
 * read.
 */
static bool
source_line(struct ics_source *src, size_t *at, size_t *n)
{
	size_t dropped = 0, scanned = 0;

	for (;;) {
		size_t have = src->len - src->start;
		char *b = NULL, *nl = NULL;

		/* src->buf is NULL before the first fill: no offset from it */
		if (have > scanned) {
			b = src->buf + src->start;
			nl = memchr(b + scanned, '\n', have - scanned);
		}
		if (nl != NULL) {
			*at = src->start;
			*n = dropped + (size_t)(nl - b);
			src->start += (size_t)(nl - b) + 1;
			src->offset += *n + 1;
			return true;
		}
		scanned = have;
		if (have > ICS_MAX_LINE) {
			/* Too long to keep: count it to its end. */
			dropped += have;
			src->len = src->start;
			scanned = have = 0;
		}
		if (!source_fill(src)) {
			if (have == 0 && dropped == 0)
				return false;
			*at = src->start;
			*n = dropped + have;
			src->start = src->len;
			src->offset += *n;
			return true;
		}
	}
}

/* ---- Logical lines ----------------------------------------------------- */

void
ics_unfold_init(struct ics_unfold *u, struct ics_source *src)
{
	memset(u, 0, sizeof *u);
	u->src = src;
}

void
ics_unfold_free(struct ics_unfold *u)
{
	free(u->buf);
	u->buf = NULL;
}

/* Reads the next physical line into u->next_*; false at the end. */
static inline bool
read_ahead(struct ics_unfold *u)
{
	size_t start = u->src->offset;

	if (!source_line(u->src, &u->next_at, &u->next_n))
		return false;
	u->lineno++;
	u->next_start = start;
	u->next_end = u->src->offset;
	u->have_next = true;
	return true;
}

/* Appends n bytes at s to the joined line (u->buf, len bytes so far). */
static void
unfold_append(struct ics_unfold *u, size_t len, const char *s, size_t n)
{
	if (len + n + 1 > u->cap) {
		u->cap = (len + n + 1) * 2;
		u->buf = xreallocarray(u->buf, u->cap, 1);
	}
	memcpy(u->buf + len, s, n);
	u->buf[len + n] = '\0';
}

/* Whether the line read ahead continues the logical line. A line too long
 * to keep starts a logical line of its own: whether it was folded is lost
 * with it. */
static inline bool
continues(const struct ics_unfold *u)
{
	return u->next_n > 0 && u->next_n <= ICS_MAX_LINE &&
	       (u->src->buf[u->next_at] == ' ' ||
	        u->src->buf[u->next_at] == '\t');
}

/*
 * The logical line from the physical line read ahead on (first), or from
 * the one after the physical lines of out so far (out->len bytes, kept in
 * place or joined in u->buf).
 */
static bool
unfold_lines(struct ics_unfold *u, struct ics_logical *out, bool first,
             bool in_place)
{
	struct ics_source *src = u->src;

	for (;; first = false) {
		size_t at = u->next_at, n = u->next_n;

		if (n <= ICS_MAX_LINE) {
			if (n > 0 && src->buf[at + n - 1] == '\r')
				n--;
			if (u->lineno == 1 && n >= 3 &&
			    memcmp(src->buf + at, "\xEF\xBB\xBF", 3) == 0) {
				out->bom = true;
				at += 3;
				n -= 3;
			}
		}
		if (first) {
			out->line = u->lineno;
			out->start = u->next_start;
		} else {
			at++; /* a folded line goes on the one before */
			n--;
		}
		out->end = u->next_end;
		if (out->too_long || out->len + n > ICS_MAX_LINE) {
			out->too_long = true;
			out->len += n;
			in_place = false;
		} else if (first) {
			/* Kept where it is while the next line is read. */
			src->keep = at;
			in_place = true;
			out->len = n;
		} else {
			if (in_place)
				unfold_append(u, 0, src->buf + src->keep,
				              out->len);
			in_place = false;
			unfold_append(u, out->len, src->buf + at, n);
			out->len += n;
		}
		if (!in_place)
			src->keep = src->start;
		u->have_next = false;
		if (!read_ahead(u) || !continues(u))
			break;
	}
	if (out->too_long)
		return true;
	if (in_place) {
		/* The next line was read ahead: its line end can go. */
		out->s = src->buf + src->keep;
		out->s[out->len] = '\0';
	} else {
		out->s = u->buf;
	}
	return true;
}

/*
 * Most logical lines are one physical line: it is handed out where the
 * source holds it (src->keep keeps it there while the next line is read
 * ahead), its line end overwritten by the NUL. Only a folded line is
 * joined in a buffer of its own. Such a line, past the first (which may
 * begin with a BOM), takes the short way here; the others, and a line the
 * next one turns out to continue, unfold_lines.
 */
bool
ics_unfold_next(struct ics_unfold *u, struct ics_logical *out)
{
	struct ics_source *src = u->src;
	size_t at, n;

	src->keep = src->start;
	if (!u->started) {
		u->started = true;
		read_ahead(u);
	}
	if (!u->have_next) {
		memset(out, 0, sizeof *out);
		return false;
	}
	at = u->next_at;
	n = u->next_n;
	if (n > ICS_MAX_LINE || u->lineno == 1) {
		memset(out, 0, sizeof *out);
		return unfold_lines(u, out, true, false);
	}
	if (n > 0 && src->buf[at + n - 1] == '\r')
		n--;
	out->s = NULL;
	out->len = n;
	out->line = u->lineno;
	out->start = u->next_start;
	out->end = u->next_end;
	out->too_long = false;
	out->bom = false;
	src->keep = at;
	u->have_next = false;
	if (read_ahead(u) && continues(u))
		return unfold_lines(u, out, false, true);
	out->s = src->buf + src->keep;
	out->s[n] = '\0';
	return true;
}

bool
ics_starts_with_ci(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);

	return n >= k && strncasecmp(s, prefix, k) == 0;
}

bool
ics_line_is(const char *s, size_t n, const char *line)
{
	size_t k = strlen(line);

	if (!ics_starts_with_ci(s, n, line))
		return false;
	for (; k < n; k++)
		if (s[k] != ' ' && s[k] != '\t')
			return false;
	return true;
}

bool
ics_property_is(const char *s, size_t n, const char *name)
{
	size_t k = strlen(name);

	return ics_starts_with_ci(s, n, name) && n > k &&
	       (s[k] == ':' || s[k] == ';');
}

/* ---- Zones ------------------------------------------------------------- */

static const char *
strip_prefix(const char *tzid)
{
	size_t k = strlen(ICS_FREEASSOC_PREFIX);

	if (strncmp(tzid, ICS_FREEASSOC_PREFIX, k) != 0)
		return tzid;
	tzid += k;
	/* Older libical wrote ".../Tzfile/Asia/Kuwait". */
	if (strncmp(tzid, "Tzfile/", 7) == 0)
		tzid += 7;
	return tzid;
}

static size_t
tzid_hash(const char *s)
{
	uint64_t h = fnv1a_str(s);

	return (size_t)(h ^ (h >> 29));
}

/* The index of tzid in v (indexed by ix), or -1. */
static long
tzindex_find(const struct ics_tzindex *ix, const struct ics_zone *v,
             const char *tzid)
{
	size_t i;

	if (ix->cap == 0)
		return -1;
	for (i = tzid_hash(tzid) & (ix->cap - 1); ix->slot[i] != 0;
	     i = (i + 1) & (ix->cap - 1))
		if (strcmp(v[ix->slot[i] - 1].tzid, tzid) == 0)
			return (long)(ix->slot[i] - 1);
	return -1;
}

static void
tzindex_put(struct ics_tzindex *ix, const struct ics_zone *v, size_t k)
{
	size_t i;

	for (i = tzid_hash(v[k].tzid) & (ix->cap - 1); ix->slot[i] != 0;
	     i = (i + 1) & (ix->cap - 1))
		;
	ix->slot[i] = k + 1;
}

/* After v[n - 1] was appended: index it, growing the table at half full. */
static void
tzindex_add(struct ics_tzindex *ix, const struct ics_zone *v, size_t n)
{
	size_t k;

	if (n * 2 > ix->cap) {
		ix->cap = ix->cap ? ix->cap * 2 : 64;
		free(ix->slot);
		ix->slot = xcalloc(ix->cap, sizeof *ix->slot);
		for (k = 0; k + 1 < n; k++)
			tzindex_put(ix, v, k);
	}
	tzindex_put(ix, v, n - 1);
}

static void
cache_clear(struct ics_zones *zs)
{
	size_t i;

	for (i = 0; i < zs->ncache; i++)
		free(zs->cache[i].tzid);
	zs->ncache = 0;
	zs->last = 0;
	/* Dropped, not wiped: a file may clear a large cache once per
	 * VTIMEZONE, and the cache grows back from small. */
	free(zs->cacheix.slot);
	zs->cacheix.slot = NULL;
	zs->cacheix.cap = 0;
}

/*
 * Whether every RRULE of a STANDARD or DAYLIGHT part recurs yearly, at
 * one time of day, as the observances of real zones do.
 */
static bool
observance_yearly(icalcomponent *sub)
{
	icalproperty *p;

	for (p = icalcomponent_get_first_property(sub, ICAL_RRULE_PROPERTY);
	     p != NULL;
	     p = icalcomponent_get_next_property(sub, ICAL_RRULE_PROPERTY)) {
		struct icalrecurrencetype r = icalproperty_get_rrule(p);

		/* At most one hour, minute and second of the day, too:
		 * BYSECOND=0,1,...,59 makes a yearly rule recur by the
		 * second again. */
		if (r.freq != ICAL_YEARLY_RECURRENCE ||
		    (r.by_second[0] != ICAL_RECURRENCE_ARRAY_MAX &&
		     r.by_second[1] != ICAL_RECURRENCE_ARRAY_MAX) ||
		    (r.by_minute[0] != ICAL_RECURRENCE_ARRAY_MAX &&
		     r.by_minute[1] != ICAL_RECURRENCE_ARRAY_MAX) ||
		    (r.by_hour[0] != ICAL_RECURRENCE_ARRAY_MAX &&
		     r.by_hour[1] != ICAL_RECURRENCE_ARRAY_MAX))
			return false;
	}
	return true;
}

enum ics_zone_added
ics_zones_add(struct ics_zones *zs, icalcomponent *c)
{
	icalproperty *prop =
	    icalcomponent_get_first_property(c, ICAL_TZID_PROPERTY);
	const char *tzid = prop ? icalproperty_get_tzid(prop) : NULL;
	enum ics_zone_added res = ICS_ZONE_ADDED;
	icalcomponent *sub;
	icaltimezone *z;
	int rules = 0;
	bool fast = false;
	long known;

	if (tzid == NULL || *tzid == '\0') {
		icalcomponent_free(c);
		return ICS_ZONE_NO_TZID;
	}
	for (sub = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT);
	     sub != NULL;
	     sub = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT)) {
		icalcomponent_kind k = icalcomponent_isa(sub);

		if (k == ICAL_XSTANDARD_COMPONENT ||
		    k == ICAL_XDAYLIGHT_COMPONENT) {
			rules++;
			if (!observance_yearly(sub))
				fast = true;
		}
	}
	/* libical expands a zone's observances from their start to the
	 * year asked for: one recurring every second never ends. */
	if (fast) {
		icalcomponent_free(c);
		return ICS_ZONE_FAST_RULE;
	}
	if (rules == 0) {
		icalcomponent_free(c);
		return ICS_ZONE_NO_RULES;
	}
	if ((known = tzindex_find(&zs->ix, zs->v, tzid)) >= 0) {
		char *mine, *theirs;

		/* Concatenated exports repeat the same VTIMEZONE. */
		mine = icalcomponent_as_ical_string_r(c);
		theirs = icalcomponent_as_ical_string_r(
		    icaltimezone_get_component(zs->v[known].zone));
		res = strcmp(mine, theirs) != 0 ? ICS_ZONE_REDEFINED
		                                : ICS_ZONE_REPEATED;
		free(mine);
		free(theirs);
		icalcomponent_free(c);
		return res;
	}
	z = icaltimezone_new();
	if (!icaltimezone_set_component(z, c)) {
		icaltimezone_free(z, 1);
		icalcomponent_free(c);
		return ICS_ZONE_UNUSABLE;
	}
	XGROW(zs->v, zs->n, zs->cap);
	zs->v[zs->n].tzid = xstrdup(tzid);
	zs->v[zs->n++].zone = z;
	tzindex_add(&zs->ix, zs->v, zs->n);
	/* A TZID that was unknown before may be known now. */
	cache_clear(zs);
	return res;
}

icaltimezone *
ics_zones_find(struct ics_zones *zs, const char *tzid)
{
	icaltimezone *z = NULL;
	const char *name;
	long i;

	if (zs->last > 0 && strcmp(zs->cache[zs->last - 1].tzid, tzid) == 0)
		return zs->cache[zs->last - 1].zone;
	if ((i = tzindex_find(&zs->cacheix, zs->cache, tzid)) >= 0) {
		zs->last = (size_t)i + 1;
		return zs->cache[i].zone;
	}
	/* The file's own VTIMEZONE first, as RFC 5545 says TZID refers to. */
	if ((i = tzindex_find(&zs->ix, zs->v, tzid)) >= 0)
		z = zs->v[i].zone;
	name = strip_prefix(tzid);
	if (z == NULL && (i = tzindex_find(&zs->ix, zs->v, name)) >= 0)
		z = zs->v[i].zone;
	/* libical looks names up as files: tzdb keeps it inside the
	 * database. */
	if (z == NULL)
		z = tzdb_lookup(name);
	if (z == NULL && (strcmp(name, "UTC") == 0 || strcmp(name, "Z") == 0))
		z = icaltimezone_get_utc_timezone();
	XGROW(zs->cache, zs->ncache, zs->capcache);
	zs->cache[zs->ncache].tzid = xstrdup(tzid);
	zs->cache[zs->ncache++].zone = z;
	tzindex_add(&zs->cacheix, zs->cache, zs->ncache);
	zs->last = zs->ncache;
	return z;
}

struct ics_tz
ics_zones_prop_tz(struct ics_zones *zs, icalproperty *prop,
                  struct icaltimetype t)
{
	return ics_zones_param_tz(
	    zs,
	    icaltime_is_utc(t)
	        ? NULL
	        : icalproperty_get_first_parameter(prop, ICAL_TZID_PARAMETER),
	    t);
}

struct ics_tz
ics_zones_param_tz(struct ics_zones *zs, icalparameter *par,
                   struct icaltimetype t)
{
	bool utc = icaltime_is_utc(t);
	const char *tzid;

	if (utc || par == NULL)
		return ics_tz_of(utc, NULL, NULL);
	tzid = ics_tz_name(par);
	return ics_tz_of(false, tzid, ics_zones_find(zs, tzid));
}

const char *
ics_tz_name(icalparameter *par)
{
	const char *tzid = icalparameter_get_tzid(par);

	return tzid != NULL ? tzid : "";
}

void
ics_zones_free(struct ics_zones *zs)
{
	size_t i;

	cache_clear(zs);
	free(zs->cache);
	free(zs->ix.slot);
	for (i = 0; i < zs->n; i++) {
		free(zs->v[i].tzid);
		icaltimezone_free(zs->v[i].zone, 1);
	}
	free(zs->v);
	memset(zs, 0, sizeof *zs);
}

dais_time
ics_tz_instant(const struct dais_zone *conf, struct icaltimetype t,
               const struct ics_tz *tz)
{
	struct dais_civil c = {t.year, t.month,  t.day,
	                       t.hour, t.minute, t.second};

	switch (tz->kind) {
	case ICS_TZ_UTC:
		t.zone = icaltimezone_get_utc_timezone();
		return (dais_time)icaltime_as_timet_with_zone(t, t.zone);
	case ICS_TZ_ZONE:
		return (dais_time)icaltime_as_timet_with_zone(t, tz->zone);
	case ICS_TZ_FLOATING:
	case ICS_TZ_UNKNOWN:
		break;
	}
	return civil_to_time(conf, c);
}

struct icaltimetype
ics_tz_wall(const struct dais_zone *conf, dais_time t, const struct ics_tz *tz)
{
	struct icaltimetype it = icaltime_null_time();
	struct dais_civil c;

	switch (tz->kind) {
	case ICS_TZ_UTC:
		return icaltime_from_timet_with_zone(
		    (time_t)t, 0, icaltimezone_get_utc_timezone());
	case ICS_TZ_ZONE:
		return icaltime_from_timet_with_zone((time_t)t, 0, tz->zone);
	case ICS_TZ_FLOATING:
	case ICS_TZ_UNKNOWN:
		break;
	}
	c = time_to_civil(conf, t);
	it.year = c.year;
	it.month = c.month;
	it.day = c.day;
	it.hour = c.hour;
	it.minute = c.minute;
	it.second = c.second;
	return it;
}

icalcomponent *
ics_zone_vtimezone(const char *name)
{
	icaltimezone *builtin = name != NULL ? tzdb_lookup(name) : NULL;
	icalcomponent *vtz;
	icalproperty *tzid;

	if (builtin == NULL || icaltimezone_get_component(builtin) == NULL)
		return NULL; /* UTC itself has no VTIMEZONE */
	vtz = icalcomponent_new_clone(icaltimezone_get_component(builtin));
	tzid = icalcomponent_get_first_property(vtz, ICAL_TZID_PROPERTY);
	if (tzid == NULL)
		icalcomponent_add_property(vtz, icalproperty_new_tzid(name));
	else
		icalproperty_set_tzid(tzid, name);
	return vtz;
}

char *
ics_zone_vtimezone_text(const char *name)
{
	icalcomponent *vtz = ics_zone_vtimezone(name);
	char *ser;

	if (vtz == NULL)
		return NULL;
	ser = icalcomponent_as_ical_string_r(vtz);
	icalcomponent_free(vtz);
	return ser;
}

/* ---- A file as blocks -------------------------------------------------- */

/* The value of a property line: what follows the first colon. */
static const char *
line_value(const char *line)
{
	const char *colon = strchr(line, ':');

	return colon != NULL ? colon + 1 : "";
}

dais_time
ics_text_instant(struct ics_text *t, const char *line)
{
	icalproperty *prop = icalproperty_new_from_string(line);
	struct icaltimetype it;
	dais_time out = DAIS_TIME_NONE;

	if (prop == NULL)
		return out;
	it = icalvalue_get_datetime(icalproperty_get_value(prop));
	if (!icaltime_is_null_time(it)) {
		struct ics_tz tz = ics_zones_prop_tz(&t->zones, prop, it);

		out = ics_tz_instant(t->conf, it, &tz);
	}
	icalproperty_free(prop);
	return out;
}

/* Parses VTIMEZONE block b into the file's zones (as the loader does; a
 * broken one is left to the loader's messages). */
static void
zone_read(struct ics_text *t, const struct ics_text_block *b)
{
	char *copy = xstrndup(t->text + b->start, b->end - b->start);
	icalcomponent *c = icalparser_parse_string(copy);

	free(copy);
	if (c == NULL)
		return;
	if (icalcomponent_isa(c) != ICAL_VTIMEZONE_COMPONENT) {
		icalcomponent_free(c);
		return;
	}
	(void)ics_zones_add(&t->zones, c);
}

static void
block_free(struct ics_text_block *b)
{
	free(b->uid);
	free(b->tzid);
	free(b->rid_text);
}

void
ics_text_split(struct ics_text *t, const char *text, size_t len,
               const struct dais_zone *conf)
{
	struct ics_source src;
	struct ics_unfold u;
	struct ics_logical l;
	struct ics_text_block *cur = NULL;
	int depth = 0;
	bool calendars_only = true, seen_calendar = false;
	size_t i;

	memset(t, 0, sizeof *t);
	t->text = text;
	t->len = len;
	t->conf = conf;
	t->calendar_end = len;
	ics_source_mem(&src, text, len);
	ics_unfold_init(&u, &src);
	while (ics_unfold_next(&u, &l)) {
		const char *s = l.s;

		if (s == NULL)
			continue;
		if (ics_starts_with_ci(s, l.len, "BEGIN:")) {
			depth++;
			if (depth == 1) {
				seen_calendar = true;
				if (!ics_line_is(s, l.len, "BEGIN:VCALENDAR"))
					calendars_only = false;
			} else if (depth == 2) {
				XGROW(t->blocks, t->nblocks, t->capblocks);
				cur = &t->blocks[t->nblocks++];
				memset(cur, 0, sizeof *cur);
				cur->start = l.start + (l.bom ? 3 : 0);
				cur->line = l.line;
				cur->rid = DAIS_TIME_NONE;
				cur->vevent =
				    ics_line_is(s, l.len, "BEGIN:VEVENT");
				cur->vtimezone =
				    ics_line_is(s, l.len, "BEGIN:VTIMEZONE");
			}
		} else if (ics_starts_with_ci(s, l.len, "END:")) {
			if (depth == 2 && cur != NULL) {
				cur->end = l.end;
				cur = NULL;
			} else if (depth == 1 &&
			           ics_line_is(s, l.len, "END:VCALENDAR")) {
				t->calendar_end = l.start;
			}
			if (--depth < 0)
				calendars_only = false;
		} else if (depth == 2 && cur != NULL && cur->vevent) {
			if (cur->uid == NULL &&
			    ics_property_is(s, l.len, "UID"))
				cur->uid = xstrdup(line_value(s));
			else if (ics_property_is(s, l.len, "RECURRENCE-ID") &&
			         cur->rid_text == NULL)
				/* Read once the zones are: a VTIMEZONE may
				 * come after the events. */
				cur->rid_text = xstrdup(s);
			else if (ics_property_is(s, l.len, "RRULE") ||
			         ics_property_is(s, l.len, "RDATE"))
				cur->master = true;
		} else if (depth == 2 && cur != NULL && cur->vtimezone &&
		           cur->tzid == NULL &&
		           ics_property_is(s, l.len, "TZID")) {
			cur->tzid = xstrdup(line_value(s));
		}
	}
	ics_unfold_free(&u);
	ics_source_free(&src);
	t->well_formed = seen_calendar && calendars_only && depth == 0;
	/* A block never closed is not one: the loader refused the file. */
	if (cur != NULL)
		block_free(&t->blocks[--t->nblocks]);

	for (i = 0; i < t->nblocks; i++)
		if (t->blocks[i].vtimezone)
			zone_read(t, &t->blocks[i]);
	for (i = 0; i < t->nblocks; i++)
		if (t->blocks[i].rid_text != NULL)
			t->blocks[i].rid =
			    ics_text_instant(t, t->blocks[i].rid_text);
}

void
ics_text_free(struct ics_text *t)
{
	size_t i;

	for (i = 0; i < t->nblocks; i++)
		block_free(&t->blocks[i]);
	free(t->blocks);
	ics_zones_free(&t->zones);
	memset(t, 0, sizeof *t);
}

/*
 * After a save that wrote this file but failed on another, the editor
 * still lists an occurrence's deletion, and the next save must not add its
 * EXDATE twice. Only each EXDATE line's first value is read; dais writes
 * one per line.
 */
bool
ics_text_excludes(struct ics_text *t, const struct ics_text_block *b,
                  dais_time rid)
{
	struct ics_source src;
	struct ics_unfold u;
	struct ics_logical l;
	int depth = 0;
	bool found = false;

	ics_source_mem(&src, t->text + b->start, b->end - b->start);
	ics_unfold_init(&u, &src);
	while (!found && ics_unfold_next(&u, &l)) {
		if (l.s == NULL)
			continue;
		if (ics_starts_with_ci(l.s, l.len, "BEGIN:"))
			depth++;
		else if (ics_starts_with_ci(l.s, l.len, "END:"))
			depth--;
		else if (depth == 1 && ics_starts_with_ci(l.s, l.len, "EXDATE"))
			found = ics_text_instant(t, l.s) == rid;
	}
	ics_unfold_free(&u);
	ics_source_free(&src);
	return found;
}

bool
ics_text_has_zone(const struct ics_text *t, const char *tzid)
{
	size_t i;

	for (i = 0; i < t->nblocks; i++)
		if (t->blocks[i].vtimezone && t->blocks[i].tzid != NULL &&
		    strcmp(t->blocks[i].tzid, tzid) == 0)
			return true;
	return false;
}

icalcomponent **
ics_children(icalcomponent *c, icalcomponent_kind kind, size_t *n)
{
	icalcomponent **v = NULL, *sub;
	size_t cap = 0;

	*n = 0;
	for (sub = icalcomponent_get_first_component(c, kind); sub != NULL;
	     sub = icalcomponent_get_next_component(c, kind)) {
		XGROW(v, *n, cap);
		v[(*n)++] = sub;
	}
	return v;
}
