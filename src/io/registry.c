/*
 * registry.c: the registries of a programme directory, and conference.ini:
 * its name, zone, days, hours, session files and kinds, and the severity
 * of each conflict kind. venues.ini and participants.ini have files of
 * their own (registry_venues.c, registry_people.c).
 */
#include "dais/registry.h"

#include <errno.h>
#include <libical/ical.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "dais/conflict.h"
#include "dais/sources.h"
#include "dais/strmap.h"
#include "dais/tzdb.h"
#include "dais/xalloc.h"
#include "registry_ini.h"

/* Days from the first conference day to the last, at most, and the years
 * they may fall in. */
#define CONFERENCE_MAX_SPAN   366
#define CONFERENCE_FIRST_YEAR 1970
#define CONFERENCE_LAST_YEAR  2500

static const char *const conference_keys[] = {
    "name",  "timezone",     "days",  "day-start", "day-end", "changeover",
    "files", "new-sessions", "kinds", "step",      NULL,
};

static const char *const default_kinds[] = {
    "PLENARY", "SIDE-SESSION", "MINISTERIAL", "RECEPTION",
    "BREAK",   "BILATERAL",    NULL,
};

static int
date_cmp(const void *a, const void *b)
{
	return date_compare(*(const struct dais_date *)a,
	                    *(const struct dais_date *)b);
}

static bool
conference_days(const struct ini_file *f, const struct ini_section *s,
                struct conference *c)
{
	struct strlist l = {0};
	char buf[DAIS_TIMEBUF];
	bool ok = true;
	size_t i, n = 0;
	int line;

	if (!ini_require(f, s, "days"))
		return false;
	ini_value(f, s, "days", &line);
	ini_get_list(f, s, "days", &l);
	c->days = xreallocarray(NULL, l.n + 1, sizeof *c->days);
	for (i = 0; i < l.n; i++) {
		if (date_parse(l.v[i], &c->days[n])) {
			n++;
			continue;
		}
		ini_error(f, line,
		          "days in [conference]: \"%s\" is not a date: write "
		          "YYYY-MM-DD, such as \"2026-11-04\"",
		          l.v[i]);
		ok = false;
	}
	strlist_clear(&l);
	qsort(c->days, n, sizeof *c->days, date_cmp);
	c->ndays = 0;
	for (i = 0; i < n; i++) {
		if (c->ndays > 0 &&
		    date_compare(c->days[c->ndays - 1], c->days[i]) == 0) {
			ini_warning(f, line,
			            "days in [conference] lists %s twice",
			            date_fmt_iso(buf, c->days[i]));
			continue;
		}
		c->days[c->ndays++] = c->days[i];
	}
	/* The zone's offsets are worked out over these years, and sessions
	 * expanded over these days: a typo in a year would cost minutes
	 * (libical's zones stop at 2582; past it they take hours). */
	if (c->ndays > 0 &&
	    (c->days[0].year < CONFERENCE_FIRST_YEAR ||
	     c->days[c->ndays - 1].year > CONFERENCE_LAST_YEAR)) {
		ini_error(
		    f, line,
		    "days in [conference]: %s is not in a year dais plans "
		    "for (%d to %d); check the year",
		    date_fmt_iso(buf, c->days[0].year < CONFERENCE_FIRST_YEAR
		                          ? c->days[0]
		                          : c->days[c->ndays - 1]),
		    CONFERENCE_FIRST_YEAR, CONFERENCE_LAST_YEAR);
		c->ndays = 0;
		return false;
	}
	if (c->ndays > 1 &&
	    date_to_days(c->days[c->ndays - 1]) - date_to_days(c->days[0]) >
	        CONFERENCE_MAX_SPAN) {
		char b2[DAIS_TIMEBUF];

		ini_error(f, line,
		          "days in [conference] run from %s to %s, more than "
		          "%d days apart: a conference lasts days, so check "
		          "the years",
		          date_fmt_iso(buf, c->days[0]),
		          date_fmt_iso(b2, c->days[c->ndays - 1]),
		          CONFERENCE_MAX_SPAN);
		c->ndays = 0;
		return false;
	}
	if (c->ndays == 0 && ok) {
		ini_error(
		    f, line,
		    "days in [conference] lists no date: write the "
		    "conference days, such as \"2026-11-04, 2026-11-05\"");
		ok = false;
	}
	return ok;
}

/*
 * A zone name the database may know under another spelling: the same name
 * in other case, a city alone ("Kuwait"), or a near typo.
 */
const char *
registry_zone_suggestion(const char *name)
{
	icalarray *zones = icaltimezone_get_builtin_timezones();
	const char **names, *best = NULL;
	size_t i, n = 0;

	if (zones == NULL || zones->num_elements == 0)
		return NULL;
	names = xreallocarray(NULL, zones->num_elements + 1, sizeof *names);
	for (i = 0; i < zones->num_elements; i++) {
		icaltimezone *z = icalarray_element_at(zones, i);
		const char *loc = icaltimezone_get_location(z), *city;

		if (loc == NULL)
			continue;
		names[n++] = loc;
		city = strrchr(loc, '/');
		city = city != NULL ? city + 1 : loc;
		if (best == NULL &&
		    (strcasecmp(loc, name) == 0 || strcasecmp(city, name) == 0))
			best = loc;
	}
	names[n] = NULL;
	if (best == NULL)
		best = ini_nearest(name, names);
	free(names);
	return best;
}

static bool
conference_zone(const struct ini_file *f, const struct ini_section *s,
                struct conference *c, bool days_ok)
{
	int line, from = 1970, to = 1970;
	const char *name = ini_value(f, s, "timezone", &line), *near;
	struct dais_zone zone;

	if (!ini_require(f, s, "timezone"))
		return false;
	if (days_ok) {
		from = c->days[0].year - 1;
		to = c->days[c->ndays - 1].year + 1;
	}
	if (!tzdb_name_valid(name)) {
		ini_error(f, line,
		          "timezone \"%s\" is not a zone name: write an IANA "
		          "zone name such as \"Asia/Kuwait\" (letters, digits, "
		          "'_', '-' and '+' in parts separated by '/'; no "
		          "\"..\", no leading '/'); dais looks zones up in the "
		          "zone database only",
		          name);
		return false;
	}
	if (!tzdb_load_zone(name, from, to, &zone)) {
		near = registry_zone_suggestion(name);
		if (near != NULL)
			ini_error(
			    f, line,
			    "timezone \"%s\" is not in the zone database: "
			    "did you mean \"%s\"?",
			    name, near);
		else
			ini_error(
			    f, line,
			    "timezone \"%s\" is not in the zone database: "
			    "write an IANA zone name such as "
			    "\"Asia/Kuwait\"",
			    name);
		return false;
	}
	zone_free(&c->zone);
	c->zone = zone;
	return true;
}

static bool
conference_hours(const struct ini_file *f, const struct ini_section *s,
                 struct conference *c)
{
	bool ok = true;
	int line;

	ok &= ini_get_clock(f, s, "day-start", 24 * 60 - 1, &c->day_start);
	ok &= ini_get_clock(f, s, "day-end", 24 * 60, &c->day_end);
	ok &= ini_get_int(f, s, "changeover", 0, 240, &c->changeover);
	ok &= ini_get_int(f, s, "step", 5, 240, &c->step);
	if (ok && c->day_end <= c->day_start) {
		ini_value(f, s, "day-end", &line);
		ini_error(f, line,
		          "day-end %02d:%02d in [conference] is not after "
		          "day-start %02d:%02d: the day must end after it "
		          "starts (24:00 at the latest)",
		          c->day_end / 60, c->day_end % 60, c->day_start / 60,
		          c->day_start % 60);
		ok = false;
	}
	return ok;
}

/*
 * new-sessions: one of the files, or a directory or glob entry of files
 * (each new session a file of its own there); by default the first
 * entry.
 */
static bool
conference_new_sessions(const struct ini_file *f, const struct ini_section *s,
                        const char *dir, struct conference *c)
{
	char *fresh = NULL, *all, *why = NULL;
	int line = 0;

	ini_get_text(f, s, "new-sessions", &fresh);
	if (fresh != NULL)
		ini_value(f, s, "new-sessions", &line);
	else
		ini_value(f, s, "files", &line);
	if (fresh != NULL && strlist_has(&c->files, fresh) &&
	    !strlist_has(&c->file_sources, fresh)) {
		c->new_sessions_file = fresh;
		return true;
	}
	if (fresh == NULL || strlist_has(&c->file_sources, fresh)) {
		const char *entry = fresh ? fresh : c->file_sources.v[0];

		c->new_sessions_dir =
		    sources_new_sessions_dir(dir, entry, &why);
		if (c->new_sessions_dir == NULL && why == NULL) {
			/* A file entry. */
			c->new_sessions_file = xstrdup(entry);
			free(fresh);
			return true;
		}
		free(fresh);
		if (c->new_sessions_dir != NULL)
			return true;
		ini_error(f, line, "%s", why);
		free(why);
		return false;
	}
	all = strlist_join(&c->file_sources, ", ");
	ini_error(f, line,
	          "new-sessions = \"%s\" in [conference] is not one of "
	          "files (%s) nor a file they name: name one of them",
	          fresh, all);
	free(all);
	free(fresh);
	return false;
}

static bool
conference_files(const struct ini_file *f, const struct ini_section *s,
                 const char *dir, struct conference *c)
{
	struct strlist l = {0}, found = {0};
	struct strmap seen = {0};
	bool ok = true;
	size_t i;
	int line;

	if (!ini_require(f, s, "files"))
		return false;
	ini_value(f, s, "files", &line);
	ini_get_list(f, s, "files", &l);
	for (i = 0; i < l.n; i++) {
		char *why = NULL;

		if (l.v[i][0] == '/') {
			ini_error(
			    f, line,
			    "files in [conference]: \"%s\" is an absolute "
			    "path: name the files relative to the "
			    "programme directory, such as "
			    "\"programme/plenary.ics\"",
			    l.v[i]);
			ok = false;
			continue;
		}
		strlist_add(&c->file_sources, l.v[i]);
		if (!sources_expand(dir, l.v[i], &found, &why)) {
			ini_error(f, line, "%s", why);
			free(why);
			ok = false;
		}
	}
	strlist_clear(&l);
	/* A file two entries name is read once. */
	for (i = 0; i < found.n; i++)
		if (strmap_add(&seen, found.v[i], i))
			strlist_add(&c->files, found.v[i]);
	strmap_free(&seen);
	strlist_clear(&found);
	if (c->file_sources.n == 0) {
		if (ok)
			ini_error(f, line,
			          "files in [conference] lists no file: name "
			          "the .ics files of the programme, such as "
			          "\"programme/sessions.ics\", or a directory "
			          "of them");
		return false;
	}
	if (!ok)
		return false;
	return conference_new_sessions(f, s, dir, c);
}

static bool
conference_kinds(const struct ini_file *f, const struct ini_section *s,
                 struct conference *c)
{
	size_t i, j;
	int line;

	if (ini_key(s, "kinds") == NULL) {
		for (i = 0; default_kinds[i] != NULL; i++)
			strlist_add(&c->kinds, default_kinds[i]);
		return true;
	}
	ini_value(f, s, "kinds", &line);
	if (!ini_get_list(f, s, "kinds", &c->kinds))
		return false;
	if (c->kinds.n == 0) {
		ini_error(f, line,
		          "kinds in [conference] lists no kind: list the "
		          "session kinds, or leave the key out for the six "
		          "standard ones");
		return false;
	}
	/* Sessions match kinds without regard to case. */
	for (i = 0; i < c->kinds.n; i++)
		for (j = 0; j < i; j++)
			if (strcasecmp(c->kinds.v[i], c->kinds.v[j]) == 0)
				ini_warning(
				    f, line,
				    "kinds in [conference] lists %s and "
				    "%s, which sessions cannot tell "
				    "apart: keep one",
				    c->kinds.v[j], c->kinds.v[i]);
	return true;
}

static bool
conference_conflicts(const struct ini_file *f, const struct ini_section *s,
                     struct conference *c)
{
	const char *names[CONFLICT_KIND_COUNT + 1];
	bool ok = true;
	size_t i;
	int k;

	for (k = 0; k < CONFLICT_KIND_COUNT; k++)
		names[k] = conflict_kind_name((enum conflict_kind)k);
	names[CONFLICT_KIND_COUNT] = NULL;
	for (i = 0; i < s->nkeys; i++) {
		const struct ini_key *key = &s->keys[i];
		const char *v = ini_value(f, s, key->name, NULL), *near;
		enum conflict_kind kind;
		enum severity sev;

		if (!conflict_kind_parse(key->name, &kind)) {
			near = ini_nearest(key->name, names);
			if (near != NULL)
				ini_error(f, key->line,
				          "%s in [conflicts] is not a conflict "
				          "kind: did you mean %s?",
				          key->name, near);
			else
				ini_error(f, key->line,
				          "%s in [conflicts] is not a conflict "
				          "kind: see CONFLICTS in "
				          "dais-programme(5) for their names",
				          key->name);
			ok = false;
			continue;
		}
		if (v == NULL) {
			ok &= !key->bad;
			continue;
		}
		if (!severity_parse(v, &sev)) {
			ini_error(f, key->line,
			          "%s = \"%s\" in [conflicts] is not a "
			          "severity: write error, warning or off",
			          key->name, v);
			ok = false;
			continue;
		}
		c->severity[kind] = sev;
	}
	return ok;
}

static bool
registry_load_conference(struct programme *p, const char *dir,
                         struct diag_list *diags)
{
	struct conference *c = &p->conf;
	const struct ini_section *s;
	struct ini_file f;
	bool days_ok;
	size_t i;

	if (!ini_open(&f, dir, "conference.ini",
	              "the conference: a [conference] section with its "
	              "name, timezone, days and files",
	              diags)) {
		ini_close(&f);
		return false;
	}
	for (i = 0; i < f.nsecs; i++)
		if (strcmp(f.secs[i].name, "conference") != 0 &&
		    strcmp(f.secs[i].name, "conflicts") != 0 &&
		    strcmp(f.secs[i].name, "server") != 0) /* caldav_config.c */
			ini_warning(&f, f.secs[i].line,
			            "unknown section [%s] is ignored: "
			            "conference.ini has [conference], "
			            "[conflicts] and [server]",
			            f.secs[i].name);
	s = ini_section(&f, "conference");
	if (s == NULL) {
		ini_error(&f, 0,
		          "there is no [conference] section: add one with the "
		          "conference's name, timezone, days and files");
		ini_close(&f);
		return true;
	}
	ini_check_keys(&f, s, conference_keys, NULL);
	if (ini_require(&f, s, "name"))
		ini_get_text(&f, s, "name", &c->name);
	days_ok = conference_days(&f, s, c);
	conference_zone(&f, s, c, days_ok);
	conference_hours(&f, s, c);
	conference_files(&f, s, dir, c);
	conference_kinds(&f, s, c);
	s = ini_section(&f, "conflicts");
	if (s != NULL)
		conference_conflicts(&f, s, c);
	ini_close(&f);
	return true;
}

bool
registry_load(struct programme *p, const char *dir, struct diag_list *diags)
{
	const char *why = NULL;
	struct stat st;
	bool ok = true;

	if (stat(dir, &st) != 0)
		why = strerror(errno);
	else if (!S_ISDIR(st.st_mode))
		why = "not a directory";
	if (why != NULL) {
		diag_add(diags, DIAG_ERROR, dir, 0, NULL,
		         "cannot open the programme directory (%s): a "
		         "programme is a directory holding "
		         "conference.ini, venues.ini, participants.ini and the "
		         ".ics files; see dais-programme(5)",
		         why);
		return false;
	}
	/* All three, so that one run lists every problem there is. */
	ok &= registry_load_conference(p, dir, diags);
	ok &= registry_load_venues(p, dir, diags);
	/* participants.ini indexes p once its people are in. */
	if (!registry_load_people(p, dir, diags)) {
		programme_index(p);
		ok = false;
	}
	return ok;
}
