/*
 * ics_recur.c: a recurring VEVENT as the sessions it makes on conference
 * days. RRULE goes through libical's iterator, which ignores RDATE and
 * EXDATE (LIBRARY-NOTES.md), so those are applied here; then each
 * occurrence is replaced by its override (RECURRENCE-ID) when there is one.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dais/xalloc.h"
#include "ics_internal.h"

struct occ {
	dais_time start, end;
};

struct occs {
	struct occ *v;
	size_t n, cap;
	dais_time *ex; /* EXDATE instants */
	size_t nex, capex;
	struct dais_date *exday; /* EXDATE;VALUE=DATE: the whole local day */
	size_t nexday, capexday;
	struct strlist floating; /* RDATE/EXDATE without TZID or Z */
};

static bool
on_conference_day(const struct ics_file *f, dais_time t)
{
	return programme_day_of(f->p, t) >= 0;
}

static void
occ_add(const struct ics_file *f, struct occs *o, dais_time start,
        dais_time end)
{
	if (!on_conference_day(f, start))
		return;
	XGROW(o->v, o->n, o->cap);
	o->v[o->n].start = start;
	o->v[o->n++].end = end;
}

static int
occ_cmp(const void *a, const void *b)
{
	const struct occ *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/* The conference days as instants: [first midnight, last midnight + 24h). */
static void
window(const struct ics_file *f, dais_time *from, dais_time *to)
{
	const struct conference *c = &f->p->conf;

	if (c->ndays == 0) {
		*from = *to = 0;
		return;
	}
	*from = time_at(&c->zone, c->days[0], 0);
	*to = time_at(&c->zone, c->days[c->ndays - 1], 1440);
}

/* Seconds in one step of a rule's frequency; 0 for a day or longer. */
static dais_time
short_step(const struct icalrecurrencetype *rule)
{
	dais_time unit;

	switch (rule->freq) {
	case ICAL_SECONDLY_RECURRENCE:
		unit = 1;
		break;
	case ICAL_MINUTELY_RECURRENCE:
		unit = 60;
		break;
	case ICAL_HOURLY_RECURRENCE:
		unit = 3600;
		break;
	default:
		return 0;
	}
	return unit * (rule->interval > 1 ? rule->interval : 1);
}

static void
expand_rule(struct ics_file *f, const struct ics_event *m, icalproperty *prop,
            int line, struct occs *o)
{
	struct icalrecurrencetype rule = icalproperty_get_rrule(prop);
	dais_time from, to, t, unit = short_step(&rule), cost = 0;
	struct icaltimetype it, end;
	icalrecur_iterator *ri;
	size_t steps = 0, before = o->n;

	window(f, &from, &to);
	/*
	 * libical 3.0 steps a rule one frequency unit at a time until one
	 * matches its BY parts, up to the year 2582: FREQ=SECONDLY with a
	 * BYMONTHDAY=30 in February never returns. Nothing after the
	 * conference is wanted, so the rule ends there (an earlier UNTIL
	 * stays). What is left is still a step a second through the
	 * conference (from DTSTART, for COUNT): bounded per rule and per
	 * file.
	 */
	end = ics_from_instant(f, to, &m->tz);
	end.zone = m->dtstart.zone;
	end.is_date = 0;
	if (icaltime_is_null_time(rule.until) ||
	    icaltime_compare(rule.until, end) > 0)
		rule.until = end;
	if (unit > 0) {
		dais_time begin =
		    rule.count > 0 || m->s.start > from ? m->s.start : from;

		cost = to > begin ? (to - begin) / unit : 0;
	}
	if (cost > ICS_MAX_RULE_STEPS ||
	    f->rule_steps + cost > ICS_MAX_FILE_RULE_STEPS) {
		char *v = icalproperty_get_value_as_string_r(prop);

		ics_diag(f, DIAG_WARNING, line, m->s.uid,
		         "RRULE:%s would have libical step through more than "
		         "%ld of its periods (each second, minute or hour) "
		         "%s; dais ignores the rule and shows only what "
		         "DTSTART and RDATE give: use a longer FREQ, or start "
		         "DTSTART nearer the conference",
		         v,
		         cost > ICS_MAX_RULE_STEPS
		             ? (long)ICS_MAX_RULE_STEPS
		             : (long)ICS_MAX_FILE_RULE_STEPS,
		         cost > ICS_MAX_RULE_STEPS
		             ? "before the conference ends"
		             : "with the other rules of this file");
		free(v);
		return;
	}
	f->rule_steps += cost;
	ri = icalrecur_iterator_new(rule, m->dtstart);
	if (ri == NULL) {
		char *v = icalproperty_get_value_as_string_r(prop);

		ics_diag(f, DIAG_WARNING, line, m->s.uid,
		         "libical cannot expand RRULE:%s; dais shows only the "
		         "occurrences DTSTART and RDATE give: correct the rule",
		         v);
		free(v);
		return;
	}
	/* A rule that began long before the conference starts at its first
	 * day; COUNT rules must be counted from DTSTART. */
	if (rule.count == 0 && from > m->s.start)
		icalrecur_iterator_set_start(ri,
		                             ics_from_instant(f, from, &m->tz));
	while (!icaltime_is_null_time(it = icalrecur_iterator_next(ri))) {
		if (++steps > ICS_MAX_OCCURRENCES) {
			ics_diag(
			    f, DIAG_WARNING, line, m->s.uid,
			    "the RRULE makes more than %d occurrences "
			    "before the conference ends; dais stops there, "
			    "so later ones are missing: make the rule less "
			    "frequent or add COUNT or UNTIL",
			    ICS_MAX_OCCURRENCES);
			break;
		}
		it.zone = m->dtstart.zone;
		t = ics_to_instant(f, it, &m->tz);
		if (t >= to)
			break;
		if (t >= from)
			occ_add(f, o, t, ics_occurrence_end(f, m, it, t));
	}
	icalrecur_iterator_free(ri);
	/*
	 * Sessions of a conference recur daily at most. A rule by the hour,
	 * minute or second is most likely FREQ=DAILY mistyped, and its
	 * occurrences would fill a room (and the conflicts list): say so
	 * once, at the rule, rather than leave it to a flood of conflicts.
	 */
	if (unit > 0 && o->n - before > 1) {
		char *v = icalproperty_get_value_as_string_r(prop);
		char step[DAIS_TIMEBUF];

		ics_diag(f, DIAG_WARNING, line, m->s.uid,
		         "RRULE:%s repeats the session every %s, %zu times "
		         "on the conference days; if it should recur once a "
		         "day, write FREQ=DAILY",
		         v, duration_fmt(step, unit), o->n - before);
		free(v);
	}
}

/* The instant of an RDATE or EXDATE time; false for an unknown TZID. */
static bool
list_instant(struct ics_file *f, const struct ics_event *m, icalproperty *prop,
             struct icaltimetype t, const char *name, int line, struct occs *o,
             dais_time *out)
{
	struct ics_tz tz = ics_prop_tz(f, prop, t);

	if (tz.kind == ICS_TZ_UNKNOWN) {
		ics_diag(f, DIAG_ERROR, line, m->s.uid,
		         "%s has TZID=%s, which is neither a zone of the time "
		         "zone database nor a VTIMEZONE of this file; use an "
		         "IANA name such as %s, or add the VTIMEZONE",
		         name, tz.tzid, f->p->conf.zone.name);
		return false;
	}
	if (tz.kind == ICS_TZ_FLOATING && !strlist_has(&o->floating, name))
		strlist_add(&o->floating, name);
	*out = ics_to_instant(f, t, &tz);
	return true;
}

static void
add_rdate(struct ics_file *f, const struct ics_event *m, icalproperty *prop,
          int line, struct occs *o)
{
	struct icaldatetimeperiodtype d = icalproperty_get_rdate(prop);
	dais_time start, end;

	if (!icaltime_is_null_time(d.time)) {
		if (d.time.is_date) {
			char *v = icalproperty_get_value_as_string_r(prop);

			ics_diag(f, DIAG_WARNING, line, m->s.uid,
			         "RDATE:%s is a date without a time, so it "
			         "names no session; dais ignores it: write a "
			         "date and time",
			         v);
			free(v);
			return;
		}
		if (!list_instant(f, m, prop, d.time, "RDATE", line, o, &start))
			return;
		occ_add(f, o, start,
		        ics_occurrence_end(
		            f, m, ics_from_instant(f, start, &m->tz), start));
		return;
	}
	/* A PERIOD: its own end or length. */
	if (!list_instant(f, m, prop, d.period.start, "RDATE", line, o, &start))
		return;
	if (!icaltime_is_null_time(d.period.end)) {
		if (!list_instant(f, m, prop, d.period.end, "RDATE", line, o,
		                  &end))
			return;
	} else {
		end = start + icaldurationtype_as_int(d.period.duration);
	}
	if (end < start) {
		ics_diag(
		    f, DIAG_WARNING, line, m->s.uid,
		    "this RDATE period ends before it starts; dais ignores "
		    "it: correct the period");
		return;
	}
	occ_add(f, o, start, end);
}

static void
add_exdate(struct ics_file *f, const struct ics_event *m, icalproperty *prop,
           int line, struct occs *o)
{
	struct icaltimetype t = icalproperty_get_exdate(prop);
	dais_time x;

	if (icaltime_is_null_time(t))
		return;
	if (t.is_date) {
		XGROW(o->exday, o->nexday, o->capexday);
		o->exday[o->nexday].year = t.year;
		o->exday[o->nexday].month = t.month;
		o->exday[o->nexday++].day = t.day;
		return;
	}
	if (!list_instant(f, m, prop, t, "EXDATE", line, o, &x))
		return;
	XGROW(o->ex, o->nex, o->capex);
	o->ex[o->nex++] = x;
}

static bool
excluded(const struct ics_file *f, const struct ics_event *m,
         const struct occs *o, dais_time t)
{
	struct icaltimetype local;
	size_t i;

	for (i = 0; i < o->nex; i++)
		if (o->ex[i] == t)
			return true;
	if (o->nexday == 0)
		return false;
	local = ics_from_instant(f, t, &m->tz);
	for (i = 0; i < o->nexday; i++)
		if (o->exday[i].year == local.year &&
		    o->exday[i].month == local.month &&
		    o->exday[i].day == local.day)
			return true;
	return false;
}

/* The line of an RRULE, RDATE or EXDATE: the first one written with its
 * value (libical splits EXDATE:a,b), else the first of its name. */
static int
rec_line(const struct ics_event *m, icalproperty *prop)
{
	const char *name = icalproperty_get_property_name(prop);
	char *v = icalproperty_get_value_as_string_r(prop);
	size_t i, k = strlen(name);
	int fallback = m->s.line;

	for (i = m->nrlines; i > 0; i--) {
		const struct ics_rline *r = &m->rlines[i - 1];

		if (strncasecmp(r->text, name, k) != 0 ||
		    (r->text[k] != ':' && r->text[k] != ';'))
			continue;
		fallback = r->line;
		if (v != NULL && strstr(r->text, v) != NULL) {
			free(v);
			return r->line;
		}
	}
	free(v);
	return fallback;
}

void
ics_series_expand(struct ics_file *f, struct ics_event *m)
{
	struct occs o;
	icalproperty **props = NULL, *prop;
	size_t nprops = 0, cap = 0, i, added = 0;
	char b1[DAIS_TIMEBUF], b2[DAIS_TIMEBUF];

	if (!m->ok || m->comp == NULL)
		return;
	memset(&o, 0, sizeof o);
	/* Collect first: expanding must not run inside libical's iterator. */
	for (prop =
	         icalcomponent_get_first_property(m->comp, ICAL_ANY_PROPERTY);
	     prop != NULL; prop = icalcomponent_get_next_property(
	                       m->comp, ICAL_ANY_PROPERTY)) {
		icalproperty_kind k = icalproperty_isa(prop);

		if (k == ICAL_RRULE_PROPERTY || k == ICAL_RDATE_PROPERTY ||
		    k == ICAL_EXDATE_PROPERTY) {
			XGROW(props, nprops, cap);
			props[nprops++] = prop;
		}
	}
	/* DTSTART is always the first instance (RFC 5545 3.8.5.3). */
	occ_add(f, &o, m->s.start, m->s.end);
	for (i = 0; i < nprops; i++) {
		int line = rec_line(m, props[i]);

		switch (icalproperty_isa(props[i])) {
		case ICAL_RRULE_PROPERTY:
			expand_rule(f, m, props[i], line, &o);
			break;
		case ICAL_RDATE_PROPERTY:
			add_rdate(f, m, props[i], line, &o);
			break;
		default:
			add_exdate(f, m, props[i], line, &o);
			break;
		}
	}
	free(props);
	if (o.floating.n > 0) {
		char *names = strlist_join(&o.floating, " and ");

		ics_diag(f, DIAG_WARNING, m->s.line, m->s.uid,
		         "%s without TZID or Z: dais reads %s as %s time; add "
		         ";TZID=%s to say so",
		         names, o.floating.n > 1 ? "them" : "it",
		         f->p->conf.zone.name, f->p->conf.zone.name);
		free(names);
	}

	if (o.n > 1)
		qsort(o.v, o.n, sizeof *o.v, occ_cmp);
	for (i = 0; i < o.n; i++) {
		dais_time t = o.v[i].start;
		struct ics_key k;
		struct session *s;

		if ((i > 0 && o.v[i - 1].start == t) || excluded(f, m, &o, t))
			continue;
		if (added == ICS_MAX_SERIES_SESSIONS) {
			ics_diag(
			    f, DIAG_WARNING, m->s.line, m->s.uid,
			    "this recurring session makes more than %d "
			    "sessions on the conference days; dais keeps "
			    "the first %d and leaves out those from %s on: "
			    "make the rule less frequent or add COUNT or "
			    "UNTIL",
			    ICS_MAX_SERIES_SESSIONS, ICS_MAX_SERIES_SESSIONS,
			    time_fmt_iso(b1, &f->p->conf.zone, t));
			break;
		}
		if (ics_key_find(f, m->s.uid, t, &k) &&
		    k.kind == ICS_KEY_OVERRIDE) {
			struct ics_event *ov = &f->overrides[k.index];

			ov->used = true;
			if (ov->ok)
				ics_add_session(f, &ov->s);
			added++;
			continue;
		}
		s = programme_add_session(f->p);
		session_copy(s, &m->s);
		s->start = t;
		s->end = o.v[i].end;
		s->recurrence_id = t;
		added++;
	}
	if (added == 0 && f->p->conf.ndays > 0) {
		const struct conference *c = &f->p->conf;

		ics_diag(f, DIAG_WARNING, m->s.line, m->s.uid,
		         "this recurring session has no occurrence on a "
		         "conference day (%s to %s), so dais leaves it out; "
		         "check DTSTART, RRULE and EXDATE",
		         date_fmt_iso(b1, c->days[0]),
		         date_fmt_iso(b2, c->days[c->ndays - 1]));
	}
	free(o.v);
	free(o.ex);
	free(o.exday);
	strlist_clear(&o.floating);
}

void
ics_overrides_finish(struct ics_file *f)
{
	char buf[DAIS_TIMEBUF];
	size_t i;

	for (i = 0; i < f->noverrides; i++) {
		struct ics_event *ov = &f->overrides[i];
		struct ics_key k;

		if (ov->used || !ov->ok)
			continue;
		if (!ics_key_find(f, ov->s.uid, DAIS_TIME_NONE, &k)) {
			/* Only this occurrence was sent (an invitation to
			 * one occurrence does that): it stands alone. */
			ics_diag(
			    f, DIAG_WARNING, ov->s.line, ov->s.uid,
			    "this overrides the occurrence of %s "
			    "(RECURRENCE-ID) of a series that is not in this "
			    "file; dais shows it as a session of its own: add "
			    "the series (the VEVENT with this UID and RRULE) "
			    "to this file, or remove RECURRENCE-ID",
			    time_fmt_iso(buf, &f->p->conf.zone,
			                 ov->s.recurrence_id));
		} else if (k.kind == ICS_KEY_PLAIN) {
			ics_diag(
			    f, DIAG_WARNING, ov->s.line, ov->s.uid,
			    "this overrides an occurrence (RECURRENCE-ID), "
			    "but the VEVENT with this UID at line %d does "
			    "not recur; dais shows both: remove "
			    "RECURRENCE-ID or give this one its own UID",
			    k.line);
		} else if (!f->series[k.index].ok) {
			/* The series was refused and said so. */
		} else if (on_conference_day(f, ov->s.recurrence_id)) {
			ics_diag(
			    f, DIAG_WARNING, ov->s.line, ov->s.uid,
			    "RECURRENCE-ID %s is not an occurrence of the "
			    "series at line %d (no RRULE or RDATE gives it, "
			    "or an EXDATE removes it); dais adds it as an "
			    "extra session: make RECURRENCE-ID the original "
			    "start of the occurrence it changes",
			    time_fmt_iso(buf, &f->p->conf.zone,
			                 ov->s.recurrence_id),
			    k.line);
		} else if (!on_conference_day(f, ov->s.start)) {
			/* An occurrence outside the conference stays outside,
			 * as the series' others do. */
			continue;
		}
		ics_add_session(f, &ov->s);
	}
}
