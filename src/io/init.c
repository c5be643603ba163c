/*
 * init.c: `dais init`'s programme (init.h). The INI files are written as a
 * person would start them: the values given, and every other key the file
 * may hold in a comment that says what it is for, so that an organiser
 * editing one by hand needs no manual at their side.
 */
#include "dais/init.h"

#include <errno.h>
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dais/atomicfile.h"
#include "dais/conflict.h"
#include "dais/ics.h"
#include "dais/iniwrite.h"
#include "dais/model.h"
#include "dais/registry.h"
#include "dais/tzdb.h"
#include "dais/xalloc.h"

static const char *const init_files[] = {
    "conference.ini",
    "venues.ini",
    "participants.ini",
    INIT_SESSION_FILE,
};
#define INIT_NFILES (sizeof init_files / sizeof *init_files)

char *
init_zone_problem(const char *name)
{
	const char *near;

	if (tzdb_lookup(name) != NULL)
		return NULL;
	near = tzdb_name_valid(name) ? registry_zone_suggestion(name) : NULL;
	if (near != NULL)
		return xasprintf("--timezone %s is not a zone of the zone "
		                 "database: did you mean %s?",
		                 name, near);
	return xasprintf("--timezone %s is not a zone of the zone database: "
	                 "write the venue's IANA zone, such as Asia/Kuwait "
	                 "or Europe/Berlin (the names under "
	                 "/usr/share/zoneinfo)",
	                 name);
}

const char *
init_existing_file(const char *dir)
{
	size_t i;

	for (i = 0; i < INIT_NFILES; i++) {
		char *path = xasprintf("%s/%s", dir, init_files[i]);
		bool there = access(path, F_OK) == 0;

		free(path);
		if (there)
			return init_files[i];
	}
	return NULL;
}

/* A value for the files we write; the caller checked it can be. */
static char *
q(const char *value)
{
	char *why = NULL, *out = ini_quote(value, &why);

	if (out == NULL) {
		free(why);
		return xstrdup("\"\"");
	}
	return out;
}

static void
write_conference(FILE *f, const struct init_request *r)
{
	struct programme *p = programme_new(); /* the default severities */
	char *name = q(r->name), *zone = q(r->timezone);
	char buf[DAIS_TIMEBUF];
	size_t i;
	int k;

	fprintf(
	    f,
	    "; The conference: its name, time zone, days and hours, and the\n"
	    "; session files. Made by dais init; every key is described in\n"
	    "; dais-programme(5). A line starting with ';' is a comment:\n"
	    "; the optional keys below are shown commented out with their\n"
	    "; default; remove the ';' to set one. Quote text values.\n"
	    "\n"
	    "[conference]\n"
	    "; The conference's name: the planner's title, run-sheets and\n"
	    "; exported calendars.\n"
	    "name = %s\n"
	    "; The venue's IANA time zone: every local time of the\n"
	    "; programme is read in it.\n"
	    "timezone = %s\n"
	    "; The conference days (YYYY-MM-DD, separated by commas): the\n"
	    "; planner's tabs.\n"
	    "days = \"",
	    name, zone);
	for (i = 0; i < r->ndays; i++)
		fprintf(f, "%s%s", i > 0 ? ", " : "",
		        date_fmt_iso(buf, r->days[i]));
	fprintf(
	    f,
	    "\"\n"
	    "; The daily hours (HH:MM), the same every day: a session\n"
	    "; outside them is an outside-hours conflict.\n"
	    "day-start = \"%02d:%02d\"\n"
	    "day-end = \"%02d:%02d\"\n"
	    "; Minutes a room needs between two sessions, and the least a\n"
	    "; person needs (0 to 240): closer is a tight-changeover.\n"
	    "; changeover = 10\n"
	    "; The session files (.ics), relative to this directory,\n"
	    "; loaded in this order.\n"
	    "files = \"%s\"\n"
	    "; Where sessions created in dais are saved: one of files.\n"
	    "; new-sessions = \"%s\"\n"
	    "; The kinds a session's CATEGORIES may name. To add your own,\n"
	    "; list the standard ones too.\n"
	    "; kinds = \"PLENARY, SIDE-SESSION, MINISTERIAL, RECEPTION, "
	    "BREAK, BILATERAL\"\n"
	    "\n"
	    "; How much each kind of conflict matters: error (dais check\n"
	    "; fails), warning (reported) or off (not looked for). Shown\n"
	    "; with their defaults.\n"
	    "[conflicts]\n",
	    r->day_start / 60, r->day_start % 60, r->day_end / 60,
	    r->day_end % 60, INIT_SESSION_FILE, INIT_SESSION_FILE);
	for (k = 0; k < CONFLICT_KIND_COUNT; k++)
		fprintf(f, "; %s = \"%s\"\n",
		        conflict_kind_name((enum conflict_kind)k),
		        severity_name(p->conf.severity[k]));
	free(name);
	free(zone);
	programme_free(p);
}

static void
write_venues(FILE *f)
{
	fputs(
	    "; Buildings and rooms (dais-programme(5), VENUES.INI). Add a\n"
	    "; section [room.ID] for each room sessions take place in; an id\n"
	    "; is lowercase letters, digits and '-'. An example of each,\n"
	    "; commented out: copy it without the ';' and fill it in.\n"
	    ";\n"
	    "; A building, when the venue has more than one:\n"
	    ";\n"
	    "; [building.main]\n"
	    "; ; Its display name, shown after a room's where it helps.\n"
	    "; name = \"Main Building\"\n"
	    "; ; Minutes on foot to another building (here\n"
	    "; ; [building.annex]), given on either side, once.\n"
	    "; walk.annex = 5\n"
	    ";\n"
	    "; A room:\n"
	    ";\n"
	    "; [room.plenary]\n"
	    "; ; Its display name (required), written to a session's\n"
	    "; ; LOCATION.\n"
	    "; name = \"Plenary Hall\"\n"
	    "; ; The [building.ID] it is in.\n"
	    "; building = \"main\"\n"
	    "; ; Seats; 0 or absent: not known, never over capacity.\n"
	    "; capacity = 300\n"
	    "; ; Its interpretation booths, as language codes.\n"
	    "; languages = \"ar, en, ru\"\n",
	    f);
}

static void
write_participants(FILE *f)
{
	size_t k;

	fputs("; Who takes part (dais-programme(5), PARTICIPANTS.INI): one\n"
	      "; section per minister, official, delegation, organisation, UN\n"
	      "; entity or civil-society association. The section name is the\n"
	      "; id sessions refer to: lowercase letters, digits and '-'.\n"
	      "; dais import-participants adds them from a spreadsheet's CSV.\n"
	      "; An example, commented out: copy it without the ';'.\n"
	      ";\n"
	      "; [kw-interior]\n"
	      "; ; The display name (required), in any script.\n"
	      "; name = \"Minister of Interior — Kuwait\"\n"
	      "; ; The name in its own script, shown beside name.\n"
	      "; name-local = \"وزير الداخلية — الكويت\"\n"
	      "; ; The office, or for a group a short description.\n"
	      "; title = \"Minister of Interior\"\n"
	      "; ; Required: ",
	      f);
	for (k = 0; k < PARTICIPANT_KIND_COUNT; k++)
		fprintf(f, "%s%s",
		        k == 0                           ? ""
		        : k + 1 < PARTICIPANT_KIND_COUNT ? ", "
		                                         : " or ",
		        participant_kind_name((enum participant_kind)k));
	fputs(".\n"
	      "; kind = \"minister\"\n"
	      "; ; The id of the group (delegation, organisation...) it\n"
	      "; ; belongs to.\n"
	      "; delegation = \"kw\"\n"
	      "; ; The languages it works in.\n"
	      "; languages = \"ar, en\"\n"
	      "; ; When it is at the conference (YYYY-MM-DD HH:MM, in the\n"
	      "; ; conference's zone); a session outside is an\n"
	      "; ; outside-availability conflict.\n"
	      "; arrival = \"2026-11-03 20:00\"\n"
	      "; departure = \"2026-11-05 18:00\"\n"
	      "; ; For a group: in how many sessions at once it can be\n"
	      "; ; (0: no limit).\n"
	      "; delegates = 0\n"
	      "; ; Protocol rank: lower goes first (0: unranked, last).\n"
	      "; precedence = 1\n"
	      "; ; Private contact details: never in a public export.\n"
	      "; email = \"minister.office@interior.example.kw\"\n"
	      "; phone = \"+965 0000 0101\"\n",
	      f);
}

/* The empty calendar, with the zone's VTIMEZONE as dais embeds it in
 * every calendar it writes (ics_zone_vtimezone). */
static void
write_sessions(FILE *f, const struct init_request *r)
{
	icalcomponent *vtz = ics_zone_vtimezone(r->timezone);

	fputs("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
	      "PRODID:-//dais//dais " DAIS_VERSION "//EN\r\n"
	      "CALSCALE:GREGORIAN\r\n",
	      f);
	if (vtz != NULL) {
		char *ser = icalcomponent_as_ical_string_r(vtz);

		fputs(ser, f);
		free(ser);
		icalcomponent_free(vtz);
	}
	fputs("END:VCALENDAR\r\n", f);
}

static bool
write_one(const char *dir, const char *name, const struct init_request *r,
          char **why)
{
	char *path = xasprintf("%s/%s", dir, name);
	struct atomicfile *af = atomicfile_open(path, why);
	FILE *f;
	bool ok;

	free(path);
	if (af == NULL)
		return false;
	f = atomicfile_stream(af);
	if (strcmp(name, "conference.ini") == 0)
		write_conference(f, r);
	else if (strcmp(name, "venues.ini") == 0)
		write_venues(f);
	else if (strcmp(name, "participants.ini") == 0)
		write_participants(f);
	else
		write_sessions(f, r);
	ok = atomicfile_commit(af, why);
	return ok;
}

bool
init_programme(const struct init_request *r, char **why)
{
	const char *there;
	bool made_dir = false, made_sub = false;
	char *sub = xasprintf("%s/programme", r->dir), *bad = NULL;
	size_t i, written = 0;
	struct stat st;

	*why = NULL;
	if (r->name[0] == '\0' || (bad = ini_quote(r->name, why)) == NULL) {
		char *cause = *why;

		*why = xasprintf("--name: %s",
		                 cause != NULL ? cause
		                               : "the name is empty: write the "
		                                 "conference's name");
		free(cause);
		free(sub);
		return false;
	}
	free(bad);
	if (stat(r->dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
		*why = xasprintf("%s is a file, not a directory: name a new "
		                 "directory for the programme",
		                 r->dir);
		free(sub);
		return false;
	}
	there = init_existing_file(r->dir);
	if (there != NULL) {
		*why = xasprintf("%s already holds a programme (%s): dais init "
		                 "only makes new ones; open it with 'dais %s', "
		                 "or name another directory",
		                 r->dir, there, r->dir);
		free(sub);
		return false;
	}
	if (mkdir(r->dir, 0777) == 0)
		made_dir = true;
	else if (errno != EEXIST)
		goto fail_errno_dir;
	if (mkdir(sub, 0777) == 0)
		made_sub = true;
	else if (errno != EEXIST) {
		*why = xasprintf("%s: cannot make the directory: %s", sub,
		                 strerror(errno));
		goto fail;
	}
	/* conference.ini last: it is what makes the directory a
	 * programme, so a failure before it leaves none half made. */
	for (i = INIT_NFILES; i-- > 0;) {
		if (!write_one(r->dir, init_files[i], r, why))
			goto fail;
		written++;
	}
	free(sub);
	return true;
fail_errno_dir:
	*why = xasprintf("%s: cannot make the directory: %s", r->dir,
	                 strerror(errno));
fail:
	for (i = INIT_NFILES; written > 0; written--) {
		char *path = xasprintf("%s/%s", r->dir, init_files[--i]);

		unlink(path);
		free(path);
	}
	if (made_sub)
		rmdir(sub);
	if (made_dir)
		rmdir(r->dir);
	free(sub);
	return false;
}
