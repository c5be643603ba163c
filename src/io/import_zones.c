/*
 * import_zones.c: Windows zone names in an imported calendar made IANA
 * zones (import_zones.h). Outlook's VTIMEZONE for such a name is a yearly
 * rule from 1601, which libical may or may not expand as the zone really
 * was; without one the name means nothing to libical. The IANA zone knows
 * the zone's history, and every client reads it.
 */
#include "import_zones.h"

#include <stdlib.h>
#include <string.h>

#include "dais/strbuf.h"
#include "dais/tzdb.h"
#include "dais/winzones.h"
#include "dais/xalloc.h"
#include "ics_text.h"

/* One TZID of the calendar that the zone database does not know. */
struct foreign_zone {
	char *tzid;
	icalproperty **props;
	size_t nprops, cap;
};

struct foreign_zones {
	struct foreign_zone *v;
	size_t n, cap;
};

static struct foreign_zone *
foreign_of(struct foreign_zones *fz, const char *tzid)
{
	size_t i;

	for (i = 0; i < fz->n; i++)
		if (strcmp(fz->v[i].tzid, tzid) == 0)
			return &fz->v[i];
	XGROW(fz->v, fz->n, fz->cap);
	memset(&fz->v[fz->n], 0, sizeof fz->v[fz->n]);
	fz->v[fz->n].tzid = xstrdup(tzid);
	return &fz->v[fz->n++];
}

static void
foreign_free(struct foreign_zones *fz)
{
	size_t i;

	for (i = 0; i < fz->n; i++) {
		free(fz->v[i].tzid);
		free(fz->v[i].props);
	}
	free(fz->v);
}

/* The properties of c with a TZID the zone database does not know, into
 * fz. Collected before anything changes: an accessor on c inside its own
 * property loop would reset it (LIBRARY-NOTES.md). */
static void
collect_props(icalcomponent *c, struct foreign_zones *fz)
{
	icalproperty *prop;
	icalparameter *param;
	const char *tzid;

	for (prop = icalcomponent_get_first_property(c, ICAL_ANY_PROPERTY);
	     prop != NULL;
	     prop = icalcomponent_get_next_property(c, ICAL_ANY_PROPERTY)) {
		struct foreign_zone *z;

		param =
		    icalproperty_get_first_parameter(prop, ICAL_TZID_PARAMETER);
		tzid = param != NULL ? icalparameter_get_tzid(param) : NULL;
		/* libical's own prefixed names are the database's too. */
		if (tzid == NULL || *tzid == '\0' || tzid[0] == '/' ||
		    tzdb_lookup(tzid) != NULL)
			continue;
		z = foreign_of(fz, tzid);
		XGROW(z->props, z->nprops, z->cap);
		z->props[z->nprops++] = prop;
	}
}

/* The calendar's own VTIMEZONE named tzid, or NULL. */
static icalcomponent *
vtimezone_of(icalcomponent *cal, const char *tzid)
{
	icalcomponent *c;

	for (c = icalcomponent_get_first_component(cal,
	                                           ICAL_VTIMEZONE_COMPONENT);
	     c != NULL; c = icalcomponent_get_next_component(
	                    cal, ICAL_VTIMEZONE_COMPONENT)) {
		icalproperty *p =
		    icalcomponent_get_first_property(c, ICAL_TZID_PROPERTY);
		const char *name = p != NULL ? icalproperty_get_tzid(p) : NULL;

		if (name != NULL && strcmp(name, tzid) == 0)
			return c;
	}
	return NULL;
}

/* The first line of text that names TZID=tzid (quoted or not), or 0. */
static int
tzid_line(const char *text, const char *tzid)
{
	char *bare = xasprintf("TZID=%s", tzid),
	     *quoted = xasprintf("TZID=\"%s\"", tzid);
	const char *line = text, *nl;
	int lineno = 1, found = 0;

	for (; found == 0 && *line != '\0'; lineno++) {
		char *one;

		nl = strchr(line, '\n');
		one = xstrndup(line,
		               nl != NULL ? (size_t)(nl - line) : strlen(line));
		if (strstr(one, bare) != NULL || strstr(one, quoted) != NULL)
			found = lineno;
		free(one);
		if (nl == NULL)
			break;
		line = nl + 1;
	}
	free(bare);
	free(quoted);
	return found;
}

/* The IANA zone's VTIMEZONE in place of the Windows name's. */
static void
replace_vtimezone(icalcomponent *cal, const char *tzid, const char *iana)
{
	icalcomponent *old = vtimezone_of(cal, tzid), *fresh;
	char *text;

	if (old != NULL) {
		icalcomponent_remove_component(cal, old);
		icalcomponent_free(old);
	}
	if (vtimezone_of(cal, iana) != NULL ||
	    (text = ics_zone_vtimezone_text(iana)) == NULL)
		return;
	fresh = icalcomponent_new_from_string(text);
	free(text);
	if (fresh != NULL)
		icalcomponent_add_component(cal, fresh);
}

/* One calendar: its foreign TZIDs mapped, or said. */
static bool
calendar_zones(const struct programme *p, icalcomponent *cal, const char *text,
               const char *file, struct import_ics_result *r,
               struct diag_list *d)
{
	struct foreign_zones fz = {0};
	icalcomponent **subs;
	size_t nsubs, i, k;
	bool ok = true;

	collect_props(cal, &fz);
	subs = ics_children(cal, ICAL_ANY_COMPONENT, &nsubs);
	for (i = 0; i < nsubs; i++)
		if (icalcomponent_isa(subs[i]) != ICAL_VTIMEZONE_COMPONENT)
			collect_props(subs[i], &fz);
	free(subs);
	for (i = 0; i < fz.n; i++) {
		struct foreign_zone *z = &fz.v[i];
		char *iana = winzones_find(z->tzid, p->conf.zone.name), *msg;

		if (iana == NULL || tzdb_lookup(iana) == NULL) {
			/* A name of the file's own VTIMEZONE is read by it. */
			if (vtimezone_of(cal, z->tzid) == NULL) {
				diag_add(
				    d, DIAG_ERROR, file,
				    tzid_line(text, z->tzid), NULL,
				    "TZID=%s is neither a zone of the time "
				    "zone database nor a Windows zone name "
				    "(as Outlook writes them) that ICU "
				    "knows, and this file has no VTIMEZONE "
				    "for it: change the TZID to an IANA "
				    "name such as %s, or export the "
				    "calendar again with its time zones",
				    z->tzid,
				    iana != NULL ? iana : "Asia/Kuwait");
				ok = false;
			}
			free(iana);
			continue;
		}
		for (k = 0; k < z->nprops; k++)
			icalproperty_set_parameter(
			    z->props[k], icalparameter_new_tzid(iana));
		replace_vtimezone(cal, z->tzid, iana);
		msg = xasprintf("%s: TZID '%s' (a Windows zone name) read as "
		                "the IANA zone %s",
		                file, z->tzid, iana);
		strlist_add(&r->report, msg);
		free(msg);
		free(iana);
	}
	foreign_free(&fz);
	return ok;
}

bool
import_windows_zones(const struct programme *p, icalcomponent *root,
                     const char *text, const char *file,
                     struct import_ics_result *r, struct diag_list *d)
{
	icalcomponent *cal;
	bool ok = true;

	if (icalcomponent_isa(root) != ICAL_XROOT_COMPONENT)
		return calendar_zones(p, root, text, file, r, d);
	for (cal = icalcomponent_get_first_component(root,
	                                             ICAL_VCALENDAR_COMPONENT);
	     cal != NULL; cal = icalcomponent_get_next_component(
	                      root, ICAL_VCALENDAR_COMPONENT))
		ok = calendar_zones(p, cal, text, file, r, d) && ok;
	return ok;
}
