/*
 * save.c: an edited programme back into its .ics files. A file is split
 * into its top-level blocks as text (ics_text.c, as the loader reads it,
 * so a block is found by the same UID and RECURRENCE-ID); a block whose session
 * did not change is written back byte for byte, a changed one is re-parsed with
 * libical, given the session's new fields and serialised; deleted sessions'
 * blocks are left out and new sessions are appended to the new-sessions file.
 * So what dais does not understand survives, and a diff shows only edited
 * sessions.
 */
#include "dais/save.h"

#include <dirent.h>
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
#include "dais/xalloc.h"
#include "ics_internal.h"

/* What the save does to one file. */
struct file_plan {
	struct edit_change **changes; /* the changes that touch this file */
	size_t n, cap;
};

/* The file's bytes, read by fileread (a FIFO or device where the file
 * should be is refused, not read); *why says why not. */
static char *
read_whole(const char *path, size_t *len, char **why)
{
	char *cause = NULL;
	char *text = fileread_all(path, 0, len, &cause);

	if (text == NULL) {
		*why = xasprintf("cannot read the file: %s", cause);
		free(cause);
	}
	return text;
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

/* A VEVENT's text for session s: from its old block when it has one. */
static bool
event_text(const struct programme *p, const struct session *s,
           const struct session *saved, const char *text,
           const struct ics_text_block *b, const struct strlist *exdates,
           struct strbuf *out, char **why)
{
	icalcomponent *c;
	struct strbuf keep = {0};
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
	strbuf_add(out, ser, endpos);
	if (keep.n > 0)
		strbuf_add(out, keep.v, keep.n);
	strbuf_add(out, ser + endpos, len - endpos);
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

/* The conference zone's VTIMEZONE (ics_zone_vtimezone), as text. */
static void
zone_text(const struct programme *p, struct strbuf *o)
{
	char *ser = ics_zone_vtimezone_text(p->conf.zone.name);

	if (ser != NULL)
		strbuf_addstr(o, ser);
	free(ser);
}

/* A new file for sessions made in dais: the calendar and its zone. */
static void
new_calendar_text(const struct programme *p, struct strbuf *o)
{
	strbuf_addstr(o, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
	                 "PRODID:-//dais//dais " DAIS_VERSION "//EN\r\n"
	                 "CALSCALE:GREGORIAN\r\n");
	zone_text(p, o);
	strbuf_addstr(o, "END:VCALENDAR\r\n");
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
 * Writes `to`: `text` (len bytes; owned, freed here; NULL for a new
 * calendar) with the plan applied: kept blocks as they were, changed ones
 * regenerated, deleted ones left out, new sessions (and overrides of
 * occurrences that had none) before END:VCALENDAR. *written gets the hash
 * of the bytes written.
 */
static bool
splice_write(const struct editor *ed, const struct file_plan *plan, char *text,
             size_t len, const char *to, uint64_t *written, char **why)
{
	const struct programme *p = editor_programme(ed);
	struct ics_text ft;
	struct strbuf out = {0}, tail = {0};
	struct strbuf fresh = {0}, zone = {0};
	bool *handled, ok = false;
	size_t i, pos = 0;

	if (text == NULL) {
		new_calendar_text(p, &fresh);
		text = fresh.v;
		len = fresh.n;
		fresh.v = NULL;
	}
	ics_text_split(&ft, text, len, &p->conf.zone);
	handled = xcalloc(plan->n + 1, sizeof *handled);
	/*
	 * Events dais writes say TZID=<conference zone>; a file without that
	 * VTIMEZONE (Google's exports use UTC) would not be valid RFC 5545,
	 * so it gets one, before its first component.
	 */
	if (plan_writes(plan) && !ics_text_has_zone(&ft, p->conf.zone.name))
		zone_text(p, &zone);

	for (i = 0; i < ft.nblocks; i++) {
		const struct ics_text_block *b = &ft.blocks[i];
		struct strlist exdates = {0};
		const struct edit_change *ch;
		const struct session *cur;
		size_t k;

		strbuf_add(&out, ft.text + pos, b->start - pos);
		if (i == 0 && zone.n > 0)
			strbuf_add(&out, zone.v, zone.n);
		pos = b->end;
		if (!b->vevent || b->uid == NULL) {
			strbuf_add(&out, ft.text + b->start, b->end - b->start);
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
					if (ics_text_excludes(
					        &ft, b, ch->recurrence_id))
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
			strbuf_add(&out, ft.text + b->start, b->end - b->start);
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
		                &exdates, &out, why)) {
			strlist_clear(&exdates);
			goto done;
		}
		strlist_clear(&exdates);
	}
	strbuf_add(&out, ft.text + pos, ft.calendar_end - pos);
	if (ft.nblocks == 0 && zone.n > 0)
		strbuf_add(&out, zone.v, zone.n);

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
		                why))
			goto done;
	}
	if (tail.n > 0)
		strbuf_add(&out, tail.v, tail.n);
	strbuf_add(&out, ft.text + ft.calendar_end, ft.len - ft.calendar_end);
	if (out.v == NULL)
		strbuf_add(&out, "", 0);
	if (!atomicfile_write(to, out.v, out.n, why)) {
		/* The diagnostic names the file; the cause after atomicfile's
		 * "path: " is what a narrow status line must show. */
		size_t n = strlen(to);

		if (strncmp(*why, to, n) == 0 &&
		    strncmp(*why + n, ": ", 2) == 0)
			memmove(*why, *why + n + 2, strlen(*why + n + 2) + 1);
		goto done;
	}
	*written = filehash_bytes(out.v, out.n);
	ok = true;
done:
	free(handled);
	free(out.v);
	free(tail.v);
	free(zone.v);
	ics_text_free(&ft);
	free(text);
	return ok;
}

/*
 * Rewrites file `index` of the programme in place. Refused unless its
 * bytes hash to `expect` (0: the file must not exist), so nobody's change
 * is overwritten; `again` says the expectation came from save_analyse.
 * `record`: the written bytes' hash becomes p->file_hash[index], because
 * the programme in memory is now what is on disk.
 */
static bool
save_file(struct editor *ed, int index, const struct file_plan *plan,
          uint64_t expect, bool again, bool record, struct diag_list *diags)
{
	const struct programme *p = editor_programme(ed);
	char *path = xasprintf("%s/%s", p->dir, p->conf.files.v[index]);
	char *text = NULL, *why = NULL;
	size_t len = 0;
	bool check = p->file_hash != NULL, ok = false;
	uint64_t written = 0;
	struct stat st;
	int stat_err = stat(path, &st) == 0 ? 0 : errno;

	if (stat_err == 0) {
		text = read_whole(path, &len, &why);
		if (text == NULL)
			goto fail;
		if (check && filehash_bytes(text, len) != expect) {
			why = again
			          ? xasprintf(
			                "%s changed again since dais compared "
			                "it, so dais did not overwrite it "
			                "(save again to see the new changes)",
			                path)
			          : xasprintf("%s was changed by another "
			                      "program or organiser since dais "
			                      "read it, so dais did not "
			                      "overwrite it (save again to "
			                      "merge, reload or save a copy)",
			                      path);
			free(text);
			goto fail;
		}
	} else if (stat_err != ENOENT && stat_err != ENOTDIR) {
		/* A directory closed to dais is not a deleted file: say why. */
		why = xasprintf("cannot read the file: %s", strerror(stat_err));
		goto fail;
	} else if (check && expect != 0) {
		why = xasprintf("%s was deleted or moved since dais read it, "
		                "so dais did not write it again",
		                path);
		goto fail;
	}
	if (!splice_write(ed, plan, text, len, path, &written, &why))
		goto fail;
	/* The fingerprint is the io layer's bookkeeping, not an edit. */
	if (record && p->file_hash != NULL)
		((struct programme *)p)->file_hash[index] = written;
	ok = true;
fail:
	if (!ok) {
		diag_add(diags, DIAG_ERROR, path, 0, NULL,
		         "%s; your edits are still in dais, save again once "
		         "the cause is fixed",
		         why ? why : "could not save");
		free(why);
	}
	free(path);
	return ok;
}

/* The file a session belongs in: its source, or the new-sessions file. */
static int
file_of(const struct programme *p, const struct session *s, int fresh)
{
	return s->source >= 0 && (size_t)s->source < p->conf.files.n ? s->source
	                                                             : fresh;
}

/*
 * The user's changes by file, as programme_save writes them: plans[i]
 * points into *changes (both freed by plans_free). Returns the number of
 * changes.
 */
static size_t
plans_build(const struct editor *ed, struct edit_change **changes,
            struct file_plan **plans)
{
	const struct programme *p = editor_programme(ed);
	size_t n = editor_changes(ed, changes), i, nfiles = p->conf.files.n;
	int fresh = file_index_of(p, p->conf.new_sessions_file);

	*plans = xcalloc(nfiles ? nfiles : 1, sizeof **plans);
	for (i = 0; i < n; i++) {
		const struct edit_change *ch = &(*changes)[i];
		const struct session *s =
		    ch->saved ? ch->saved
		              : editor_session(ed, ch->uid, ch->recurrence_id);
		struct file_plan *plan =
		    &(*plans)[s != NULL ? file_of(p, s, fresh) : fresh];

		XGROW(plan->changes, plan->n, plan->cap);
		plan->changes[plan->n++] = &(*changes)[i];
	}
	return n;
}

static void
plans_free(const struct programme *p, struct edit_change *changes,
           struct file_plan *plans)
{
	size_t i;

	for (i = 0; i < p->conf.files.n; i++)
		free(plans[i].changes);
	free(plans);
	free(changes);
}

bool
programme_save(struct editor *ed, struct diag_list *diags)
{
	const struct programme *p = editor_programme(ed);
	struct edit_change *changes = NULL;
	struct file_plan *plans;
	size_t i;
	bool ok = true;

	if (plans_build(ed, &changes, &plans) == 0) {
		plans_free(p, changes, plans);
		return true;
	}
	for (i = 0; i < p->conf.files.n; i++)
		if (plans[i].n > 0 &&
		    !save_file(ed, (int)i, &plans[i],
		               p->file_hash ? p->file_hash[i] : 0, false, true,
		               diags))
			ok = false;
	plans_free(p, changes, plans);
	if (ok)
		editor_mark_saved(ed);
	return ok;
}

/* ---- Files changed by somebody else ----------------------------------- */

/* A list of borrowed sessions. */
struct sesvec {
	const struct session **v;
	size_t n, cap;
};

static void
sesvec_add(struct sesvec *sv, const struct session *s)
{
	XGROW(sv->v, sv->n, sv->cap);
	sv->v[sv->n++] = s;
}

static int
key_cmp(const struct session *a, const struct session *b)
{
	int c = strcmp(a->uid, b->uid);

	if (c != 0)
		return c;
	return a->recurrence_id < b->recurrence_id   ? -1
	       : a->recurrence_id > b->recurrence_id ? 1
	                                             : 0;
}

static int
sesvec_cmp(const void *a, const void *b)
{
	return key_cmp(*(const struct session *const *)a,
	               *(const struct session *const *)b);
}

static void
sesvec_sort(struct sesvec *sv)
{
	if (sv->n > 1)
		qsort(sv->v, sv->n, sizeof *sv->v, sesvec_cmp);
}

static void
sesvecs_free(struct sesvec *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].v);
	free(v);
}

/* NULL and "" say the same thing: a cleared field. */
static bool
text_same(const char *a, const char *b)
{
	if (a == NULL || *a == '\0' || b == NULL || *b == '\0')
		return (a == NULL || *a == '\0') == (b == NULL || *b == '\0');
	return strcmp(a, b) == 0;
}

/*
 * What differs between two states of one session (SAVE_FIELD_*). Where it
 * came from (source, line) is not content: a block moves when the one
 * above it grows. `sequence`: whether SEQUENCE counts.
 */
static unsigned
session_fields(const struct session *a, const struct session *b, bool sequence)
{
	unsigned f = 0;
	size_t i;

	if (a->start != b->start || a->end != b->end)
		f |= SAVE_FIELD_TIME;
	if (!text_same(a->title, b->title))
		f |= SAVE_FIELD_TITLE;
	if (!text_same(a->room_id, b->room_id) ||
	    !text_same(a->location, b->location))
		f |= SAVE_FIELD_ROOM;
	if (a->status != b->status || a->confidential != b->confidential)
		f |= SAVE_FIELD_STATUS;
	if (a->nassign != b->nassign)
		f |= SAVE_FIELD_PEOPLE;
	for (i = 0; i < a->nassign && i < b->nassign; i++)
		if (!text_same(a->assign[i].participant_id,
		               b->assign[i].participant_id) ||
		    a->assign[i].role != b->assign[i].role ||
		    !text_same(a->assign[i].cn, b->assign[i].cn))
			f |= SAVE_FIELD_PEOPLE;
	if (!text_same(a->description, b->description) ||
	    !text_same(a->notes, b->notes) || !text_same(a->kind, b->kind) ||
	    a->expected != b->expected || a->languages.n != b->languages.n ||
	    (sequence && a->sequence != b->sequence))
		f |= SAVE_FIELD_OTHER;
	for (i = 0; i < a->languages.n && i < b->languages.n; i++)
		if (strcmp(a->languages.v[i], b->languages.v[i]) != 0)
			f |= SAVE_FIELD_OTHER;
	return f;
}

/* Both absent, or both there with the same content (SEQUENCE aside). */
static bool
same_content(const struct session *a, const struct session *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return session_fields(a, b, false) == 0;
}

/*
 * An empty programme with p's conference, to parse one file into: the
 * loader reads only the conference (zone, days, kinds) while parsing.
 */
static struct programme *
scratch_programme(const struct programme *p)
{
	struct programme *s = programme_new();

	s->dir = p->dir != NULL ? xstrdup(p->dir) : NULL;
	zone_free(&s->conf.zone); /* programme_new's UTC */
	s->conf = p->conf;
	s->conf.name = p->conf.name != NULL ? xstrdup(p->conf.name) : NULL;
	zone_copy(&s->conf.zone, &p->conf.zone);
	s->conf.days =
	    xreallocarray(NULL, p->conf.ndays + 1, sizeof *s->conf.days);
	if (p->conf.ndays > 0)
		memcpy(s->conf.days, p->conf.days,
		       p->conf.ndays * sizeof *s->conf.days);
	memset(&s->conf.kinds, 0, sizeof s->conf.kinds);
	memset(&s->conf.files, 0, sizeof s->conf.files);
	strlist_copy(&s->conf.kinds, &p->conf.kinds);
	strlist_copy(&s->conf.files, &p->conf.files);
	s->conf.new_sessions_file = p->conf.new_sessions_file != NULL
	                                ? xstrdup(p->conf.new_sessions_file)
	                                : NULL;
	return s;
}

/*
 * The sessions of file `index` as they are in `text`, parsed with the
 * loader into a scratch programme (returned; the caller frees it). *why
 * gets the first error when the file does not load cleanly; NULL back
 * when it is no calendar at all.
 */
static struct programme *
parse_current(const struct programme *p, int index, const char *text,
              size_t len, const char *path, char **why)
{
	struct programme *s = scratch_programme(p);
	struct diag_list diags = {0};
	bool ok = ics_load_buffer(s, index, text, len, path, &diags);
	size_t i;

	for (i = 0; i < diags.n && *why == NULL; i++)
		if (diags.v[i].level == DIAG_ERROR)
			*why = diag_format(&diags.v[i]);
	diag_clear(&diags);
	free(diags.v);
	if (!ok) {
		if (*why == NULL)
			*why = xasprintf("%s is no iCalendar file now", path);
		programme_free(s);
		return NULL;
	}
	return s;
}

/*
 * Reads `path` as it is now: 1 with *text (the caller frees it), 0 when
 * there is no such file, -1 when something that is not a file took its
 * place, -2 when dais may not look at it or read it (a permission): then
 * nobody can tell whether it changed. *why says which, naming the path.
 */
static int
read_current(const char *path, char **text, size_t *len, char **why)
{
	struct stat st;
	char *cause = NULL;

	*text = NULL;
	if (stat(path, &st) != 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 0;
		*why = xasprintf("%s: cannot look at it: %s", path,
		                 strerror(errno));
		return -2;
	}
	if (!S_ISREG(st.st_mode)) {
		*why = xasprintf("%s is no longer a file (a directory or "
		                 "something else took its place)",
		                 path);
		return -1;
	}
	*text = read_whole(path, len, &cause);
	if (*text != NULL)
		return 1;
	*why = xasprintf("%s: %s", path, cause);
	free(cause);
	return -2;
}

/*
 * For each file, the sessions as last saved: unchanged ones as they are,
 * changed ones as editor_changes' `saved`; made-and-unsaved ones are in
 * no file yet. The caller frees the array (sesvecs_free).
 */
static struct sesvec *
saved_by_file(const struct editor *ed, const struct edit_change *changes,
              size_t nchanges)
{
	const struct programme *p = editor_programme(ed);
	size_t nfiles = p->conf.files.n, i;
	int fresh = file_index_of(p, p->conf.new_sessions_file);
	struct sesvec *v = xcalloc(nfiles + 1, sizeof *v);

	for (i = 0; i < p->nsessions; i++) {
		const struct session *s = &p->sessions[i];

		if (!editor_session_changed(ed, s->uid, s->recurrence_id, NULL))
			sesvec_add(&v[file_of(p, s, fresh)], s);
	}
	for (i = 0; i < nchanges; i++)
		if (changes[i].saved != NULL)
			sesvec_add(&v[file_of(p, changes[i].saved, fresh)],
			           changes[i].saved);
	for (i = 0; i < nfiles; i++)
		sesvec_sort(&v[i]);
	return v;
}

/* For each file, the sessions as the user has them now. */
static struct sesvec *
current_by_file(const struct programme *p)
{
	size_t nfiles = p->conf.files.n, i;
	int fresh = file_index_of(p, p->conf.new_sessions_file);
	struct sesvec *v = xcalloc(nfiles + 1, sizeof *v);

	for (i = 0; i < p->nsessions; i++)
		sesvec_add(&v[file_of(p, &p->sessions[i], fresh)],
		           &p->sessions[i]);
	for (i = 0; i < nfiles; i++)
		sesvec_sort(&v[i]);
	return v;
}

/* The differences between the file as dais read it and as it is now. */
static void
diff_file(const struct editor *ed, const struct sesvec *then,
          const struct sesvec *now, struct save_file_diff *fd)
{
	size_t i = 0, j = 0, cap = 0;

	while (i < then->n || j < now->n) {
		const struct session *a = i < then->n ? then->v[i] : NULL;
		const struct session *b = j < now->n ? now->v[j] : NULL;
		int c = a == NULL ? 1 : b == NULL ? -1 : key_cmp(a, b);
		const struct session *ref, *mine;
		struct save_session_diff d;

		memset(&d, 0, sizeof d);
		if (c == 0) {
			i++;
			j++;
			d.fields = session_fields(a, b, true);
			if (d.fields == 0)
				continue;
			d.kind = SAVE_DISK_MODIFIED;
			ref = a;
		} else if (c < 0) {
			i++;
			d.kind = SAVE_DISK_REMOVED;
			ref = a;
			b = NULL;
		} else {
			j++;
			d.kind = SAVE_DISK_ADDED;
			ref = b;
		}
		d.uid = xstrdup(ref->uid);
		d.recurrence_id = ref->recurrence_id;
		d.title = xstrdup(ref->title != NULL ? ref->title : ref->uid);
		d.start = ref->start;
		d.yours = editor_session_changed(ed, ref->uid,
		                                 ref->recurrence_id, NULL);
		mine = editor_session(ed, ref->uid, ref->recurrence_id);
		d.overlap = d.yours && !same_content(b, mine);
		if (d.overlap)
			fd->overlaps++;
		XGROW(fd->v, fd->n, cap);
		fd->v[fd->n++] = d;
	}
}

size_t
save_analyse(const struct editor *ed, struct save_analysis *out)
{
	const struct programme *p = editor_programme(ed);
	size_t nfiles = p->conf.files.n, i, nch, cap = 0;
	int fresh = file_index_of(p, p->conf.new_sessions_file);
	struct edit_change *changes = NULL;
	struct sesvec *saved;
	bool *yours;

	memset(out, 0, sizeof *out);
	nch = editor_changes(ed, &changes);
	saved = saved_by_file(ed, changes, nch);
	yours = xcalloc(nfiles + 1, sizeof *yours);
	for (i = 0; i < nch; i++) {
		const struct session *s =
		    changes[i].saved != NULL
		        ? changes[i].saved
		        : editor_session(ed, changes[i].uid,
		                         changes[i].recurrence_id);

		yours[s != NULL ? file_of(p, s, fresh) : fresh] = true;
	}
	for (i = 0; i < nfiles; i++) {
		char *path = xasprintf("%s/%s", p->dir, p->conf.files.v[i]);
		uint64_t was = p->file_hash != NULL ? p->file_hash[i] : 0;
		struct save_file_diff fd;
		struct programme *now = NULL;
		struct sesvec disk = {0};
		char *text = NULL;
		size_t len = 0, k;
		int got;

		memset(&fd, 0, sizeof fd);
		got = read_current(path, &text, &len, &fd.why);
		if (got == 1) {
			fd.disk_hash = filehash_bytes(text, len);
			if (p->file_hash == NULL || fd.disk_hash == was) {
				free(text);
				free(path);
				continue;
			}
			fd.state = SAVE_FILE_CHANGED;
			now =
			    parse_current(p, (int)i, text, len, path, &fd.why);
			if (now == NULL)
				fd.state = SAVE_FILE_UNREADABLE;
			free(text);
		} else if (got == 0) {
			if (was == 0) {
				free(path);
				continue; /* never there: nothing to differ */
			}
			fd.state = SAVE_FILE_DELETED;
		} else if (got == -2) {
			/* Not known to differ: the save itself will name the
			 * cause (a permission) and keep the edits. */
			free(fd.why);
			free(path);
			continue;
		} else {
			fd.state = SAVE_FILE_UNREADABLE;
		}
		if (fd.state != SAVE_FILE_CHANGED)
			fd.disk_hash = 0;
		for (k = 0; now != NULL && k < now->nsessions; k++)
			sesvec_add(&disk, &now->sessions[k]);
		sesvec_sort(&disk);
		fd.index = (int)i;
		fd.name = xstrdup(p->conf.files.v[i]);
		fd.path = path;
		fd.yours = yours[i];
		fd.before_count = saved[i].n;
		diff_file(ed, &saved[i], &disk, &fd);
		free(disk.v);
		programme_free(now);
		XGROW(out->files, out->n, cap);
		out->files[out->n++] = fd;
	}
	free(yours);
	sesvecs_free(saved, nfiles);
	free(changes);
	return out->n;
}

void
save_analysis_free(struct save_analysis *a)
{
	size_t i, j;

	for (i = 0; i < a->n; i++) {
		struct save_file_diff *fd = &a->files[i];

		for (j = 0; j < fd->n; j++) {
			free(fd->v[j].uid);
			free(fd->v[j].title);
		}
		free(fd->v);
		free(fd->name);
		free(fd->path);
		free(fd->why);
	}
	free(a->files);
	memset(a, 0, sizeof *a);
}

bool
save_can_merge(const struct save_analysis *a, char **why)
{
	size_t i, j;

	for (i = 0; i < a->n; i++) {
		const struct save_file_diff *fd = &a->files[i];
		const char *first = NULL;
		char *w = NULL;

		for (j = 0; j < fd->n && first == NULL; j++)
			if (fd->v[j].overlap)
				first = fd->v[j].title;
		if (fd->state == SAVE_FILE_DELETED)
			w = xasprintf("%s was deleted or moved since dais read "
			              "it: a merge cannot keep a file that is "
			              "gone; reload, or save your version as a "
			              "copy",
			              fd->name);
		else if (fd->state == SAVE_FILE_UNREADABLE)
			w = xasprintf("%s cannot be read now (%s): reload once "
			              "it is fixed, or save your version as a "
			              "copy",
			              fd->name, fd->why ? fd->why : "unknown");
		else if (fd->why != NULL)
			w = xasprintf(
			    "%s does not load as it is now (%s): "
			    "merging onto it would give a programme "
			    "dais cannot open; save your version as a "
			    "copy, or fix the file",
			    fd->name, fd->why);
		else if (first != NULL && fd->overlaps == 1)
			w = xasprintf(
			    "'%s' was changed both in dais and in %s: "
			    "a merge would lose one of the two; save "
			    "your version as a copy, or reload",
			    first, fd->name);
		else if (first != NULL)
			w = xasprintf(
			    "'%s' and %zu more sessions were changed "
			    "both in dais and in %s: a merge would "
			    "lose one side of each; save your version "
			    "as a copy, or reload",
			    first, fd->overlaps - 1, fd->name);
		if (w != NULL) {
			if (why != NULL)
				*why = w;
			else
				free(w);
			return false;
		}
	}
	return true;
}

static const struct save_file_diff *
analysis_file(const struct save_analysis *a, int index)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		if (a->files[i].index == index)
			return &a->files[i];
	return NULL;
}

bool
save_merge(struct editor *ed, const struct save_analysis *a,
           struct diag_list *diags)
{
	const struct programme *p = editor_programme(ed);
	struct edit_change *changes = NULL;
	struct file_plan *plans;
	char *why = NULL;
	size_t i;
	bool ok = true;

	if (!save_can_merge(a, &why)) {
		diag_add(diags, DIAG_ERROR, p->dir, 0, NULL,
		         "not merged: %s; your edits are still in dais", why);
		free(why);
		return false;
	}
	if (plans_build(ed, &changes, &plans) == 0) {
		plans_free(p, changes, plans);
		return true;
	}
	for (i = 0; i < p->conf.files.n; i++) {
		const struct save_file_diff *fd = analysis_file(a, (int)i);

		if (plans[i].n == 0)
			continue;
		/* A file that changed on disk is written onto the bytes the
		 * analysis saw, and keeps its old fingerprint: the programme
		 * in memory lacks the other side's changes until reloaded. */
		if (!save_file(ed, (int)i, &plans[i],
		               fd != NULL     ? fd->disk_hash
		               : p->file_hash ? p->file_hash[i]
		                              : 0,
		               fd != NULL, fd == NULL, diags))
			ok = false;
	}
	plans_free(p, changes, plans);
	if (ok)
		editor_mark_saved(ed);
	return ok;
}

/* ---- A copy of the user's version ------------------------------------- */

/* Whether a relative name leaves its directory ("..", or absolute). */
static bool
name_escapes(const char *name)
{
	const char *s = name;

	if (*s == '/')
		return true;
	while (*s != '\0') {
		size_t n = strcspn(s, "/");

		if (n == 2 && s[0] == '.' && s[1] == '.')
			return true;
		s += n;
		while (*s == '/')
			s++;
	}
	return false;
}

/* Makes the directories of `name` (relative) under `to`. */
static bool
make_parents(const char *to, const char *name, mode_t mode, char **why)
{
	char *path = xasprintf("%s/%s", to, name);
	char *s = path + strlen(to) + 1;

	for (; (s = strchr(s, '/')) != NULL; s++) {
		*s = '\0';
		if (mkdir(path, mode) != 0 && errno != EEXIST) {
			*why = xasprintf("cannot make the directory %s: %s",
			                 path, strerror(errno));
			free(path);
			return false;
		}
		*s = '/';
	}
	free(path);
	return true;
}

/* `to` made, or there and empty; its mode is the programme's own. */
static bool
copy_dir_ready(const char *dir, const char *to, mode_t *mode, char **why)
{
	struct stat st;
	DIR *d;
	struct dirent *e;

	*mode = stat(dir, &st) == 0 ? (st.st_mode & 07777) | 0700 : 0755;
	if (mkdir(to, *mode) == 0)
		return true;
	if (errno != EEXIST) {
		*why = xasprintf("cannot make the directory %s: %s", to,
		                 strerror(errno));
		return false;
	}
	if ((d = opendir(to)) == NULL) {
		*why = xasprintf("%s exists and is not a directory dais can "
		                 "use (%s): choose another name",
		                 to, strerror(errno));
		return false;
	}
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			break;
	closedir(d);
	if (e != NULL) {
		*why = xasprintf("%s already exists and is not empty: choose "
		                 "another name, so nothing in it is "
		                 "overwritten",
		                 to);
		return false;
	}
	return true;
}

/* Copies dir/name to to/name as it is; a missing one is skipped. */
static bool
copy_plain(const char *dir, const char *to, const char *name, char **why)
{
	char *from = xasprintf("%s/%s", dir, name);
	char *dest = xasprintf("%s/%s", to, name);
	char *text;
	size_t len = 0;
	int got = read_current(from, &text, &len, why);
	bool ok = got >= 0;

	if (got == 1)
		ok = atomicfile_write(dest, text, len, why);
	free(text);
	free(from);
	free(dest);
	return ok;
}

/*
 * The plan that makes a file's sessions (disk, sorted) what the user has
 * (mine, sorted): every session that differs is modified, made or left
 * out. *changes holds the changes the plan points to; the caller frees
 * both.
 */
static void
plan_to_mine(const struct sesvec *mine, const struct sesvec *disk,
             struct edit_change **changes, struct file_plan *plan)
{
	size_t i = 0, j = 0, n = 0, k;

	*changes = xcalloc(mine->n + disk->n + 1, sizeof **changes);
	while (i < mine->n || j < disk->n) {
		const struct session *a = i < mine->n ? mine->v[i] : NULL;
		const struct session *b = j < disk->n ? disk->v[j] : NULL;
		int c = a == NULL ? 1 : b == NULL ? -1 : key_cmp(a, b);
		struct edit_change *ch = &(*changes)[n];

		ch->significant = true;
		if (c == 0) {
			i++;
			j++;
			if (session_fields(a, b, true) == 0)
				continue;
			ch->kind = EDIT_CHANGE_MODIFIED;
			ch->saved = b; /* the block on disk is b's */
			ch->uid = a->uid;
			ch->recurrence_id = a->recurrence_id;
		} else if (c < 0) {
			i++;
			ch->kind = EDIT_CHANGE_CREATED;
			ch->uid = a->uid;
			ch->recurrence_id = a->recurrence_id;
		} else {
			j++;
			ch->kind = EDIT_CHANGE_DELETED;
			ch->saved = b;
			ch->uid = b->uid;
			ch->recurrence_id = b->recurrence_id;
		}
		n++;
	}
	memset(plan, 0, sizeof *plan);
	for (k = 0; k < n; k++) {
		XGROW(plan->changes, plan->n, plan->cap);
		plan->changes[plan->n++] = &(*changes)[k];
	}
}

/* One .ics file of the copy (see save_copy). */
static bool
copy_ics(const struct editor *ed, int index, const struct file_plan *plan,
         const struct sesvec *mine, const char *to, struct diag_list *diags)
{
	const struct programme *p = editor_programme(ed);
	const char *name = p->conf.files.v[index];
	char *from = xasprintf("%s/%s", p->dir, name);
	char *dest = xasprintf("%s/%s", to, name);
	uint64_t was = p->file_hash != NULL ? p->file_hash[index] : 0;
	uint64_t written;
	char *text = NULL, *why = NULL;
	size_t len = 0;
	int got = read_current(from, &text, &len, &why);
	bool ok;

	if ((got == 1 &&
	     (p->file_hash == NULL || filehash_bytes(text, len) == was)) ||
	    (got == 0 && was == 0)) {
		/* As dais read it: what a save would write. */
		if (got == 0 && plan->n == 0)
			ok = true; /* never there, and nothing for it */
		else if (plan->n == 0)
			ok = atomicfile_write(dest, text, len, &why);
		else {
			ok = splice_write(ed, plan, text, len, dest, &written,
			                  &why);
			text = NULL; /* splice_write freed it */
		}
	} else {
		struct programme *now = NULL;
		struct sesvec disk = {0};
		struct edit_change *changes;
		struct file_plan mplan;
		size_t k;

		free(why);
		why = NULL;
		if (got == 1)
			now = parse_current(p, index, text, len, from, &why);
		if (now == NULL) {
			char *cause =
			    got == 0
			        ? xasprintf("%s was deleted or moved", from)
			    : got == 1
			        ? xasprintf("%s is no calendar now", from)
			        : xstrdup(why ? why : from);

			diag_add(
			    diags, DIAG_WARNING, dest, 0, NULL,
			    "%s, so the copy's %s is written from what dais "
			    "holds: what dais does not read of its sessions "
			    "(alarms, other programs' properties) is not in "
			    "it",
			    cause, name);
			free(cause);
			free(text);
			text = NULL;
		}
		free(why);
		why = NULL;
		for (k = 0; now != NULL && k < now->nsessions; k++)
			sesvec_add(&disk, &now->sessions[k]);
		sesvec_sort(&disk);
		plan_to_mine(mine, &disk, &changes, &mplan);
		if (text == NULL && mplan.n == 0)
			ok = true; /* nothing of it to keep */
		else
			ok = splice_write(ed, &mplan, text, len, dest, &written,
			                  &why);
		text = NULL;
		free(mplan.changes);
		free(changes);
		free(disk.v);
		programme_free(now);
	}
	if (!ok)
		diag_add(diags, DIAG_ERROR, dest, 0, NULL,
		         "%s; the copy in %s is incomplete (the originals are "
		         "untouched): fix the cause or choose another "
		         "directory",
		         why ? why : "could not write the copy", to);
	free(why);
	free(text);
	free(from);
	free(dest);
	return ok;
}

bool
save_copy(const struct editor *ed, const char *to, struct diag_list *diags)
{
	static const char *const registries[] = {"conference.ini", "venues.ini",
	                                         "participants.ini"};
	const struct programme *p = editor_programme(ed);
	size_t nfiles = p->conf.files.n, i;
	struct edit_change *changes = NULL;
	struct file_plan *plans;
	struct sesvec *mine;
	char *why = NULL;
	mode_t mode;
	bool ok = true;

	for (i = 0; i < nfiles; i++)
		if (name_escapes(p->conf.files.v[i])) {
			diag_add(diags, DIAG_ERROR, p->dir, 0, NULL,
			         "no copy made: the programme file %s lies "
			         "outside the programme directory; name it "
			         "inside it in conference.ini",
			         p->conf.files.v[i]);
			return false;
		}
	if (!copy_dir_ready(p->dir, to, &mode, &why)) {
		diag_add(diags, DIAG_ERROR, to, 0, NULL, "no copy made: %s",
		         why);
		free(why);
		return false;
	}
	for (i = 0; i < sizeof registries / sizeof registries[0]; i++)
		if (!copy_plain(p->dir, to, registries[i], &why)) {
			diag_add(diags, DIAG_ERROR, to, 0, NULL,
			         "%s; the copy in %s is incomplete (the "
			         "originals are untouched)",
			         why, to);
			free(why);
			why = NULL;
			ok = false;
		}
	plans_build(ed, &changes, &plans);
	mine = current_by_file(p);
	for (i = 0; i < nfiles; i++) {
		if (!make_parents(to, p->conf.files.v[i], mode, &why)) {
			diag_add(diags, DIAG_ERROR, to, 0, NULL,
			         "%s; the copy in %s is incomplete", why, to);
			free(why);
			why = NULL;
			ok = false;
			continue;
		}
		if (!copy_ics(ed, (int)i, &plans[i], &mine[i], to, diags))
			ok = false;
	}
	sesvecs_free(mine, nfiles);
	plans_free(p, changes, plans);
	return ok;
}

char *
save_copy_default_dir(const char *dir, time_t now)
{
	char stamp[32], *base, *last, *out;
	size_t n = strlen(dir);
	struct tm tm;
	struct stat st;
	int k;

	while (n > 1 && dir[n - 1] == '/')
		n--;
	base = xstrndup(dir, n);
	last = strrchr(base, '/');
	last = last != NULL ? last + 1 : base;
	/* "." or ".." would give "./-mine-..": name the real directory. */
	if (strcmp(last, ".") == 0 || strcmp(last, "..") == 0 ||
	    strcmp(base, "/") == 0) {
		char *real = realpath(dir, NULL);

		if (real != NULL) {
			free(base);
			base = real;
		}
	}
	localtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%dT%H%M", &tm);
	out = xasprintf("%s-mine-%s", base, stamp);
	for (k = 2; stat(out, &st) == 0; k++) {
		free(out);
		out = xasprintf("%s-mine-%s-%d", base, stamp, k);
	}
	free(base);
	return out;
}
