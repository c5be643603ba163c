/*
 * main.c: the dais executable: locale, the table of subcommands, dispatch
 * in the manner of git ("dais check DIR"), and the shared help. Compiled
 * twice: into dais, which runs the commands that need only the
 * programme's files, and into its helper dais-full (DAIS_HELPER), which
 * runs them all (helper.c).
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "dais/load.h"
#include "dais/suggest.h"
#include "dais/xalloc.h"

static int cmd_help(int argc, char **argv);

/*
 * A command that needs the planner's, PDF's, network's or solver's
 * libraries runs in dais's helper, dais-full, which is this same file
 * compiled with DAIS_HELPER and linked with every library. In the lean
 * dais its entry has no function: that sends it to the helper (run), with
 * the same help here and there. export and runsheet run here, and send
 * only their frab, HTML and PDF formats there (cmd_export.c,
 * cmd_runsheet.c).
 */
#ifdef DAIS_HELPER
#define IN_HELPER(fn) fn
#else
#define IN_HELPER(fn) NULL
#endif

const struct cli_command cli_commands[] = {
    {"check", "[DIR] [--format text|json]", "list the programme's conflicts",
     "Loads the programme in DIR (default: the current directory if it\n"
     "holds conference.ini, else the shipped example) and lists every\n"
     "conflict, grouped by day in time order. requests.ini's errors are\n"
     "named too, but do not stop the check.\n"
     "\n"
     "  -f, --format FORMAT   text (default) or json\n"
     "  -h, --help            this help\n"
     "\n"
     "Exit status: 0 no errors (warnings allowed), 1 errors found (in\n"
     "the programme, or in requests.ini), 2 the programme could not be\n"
     "read.\n",
     cmd_check},
    {"export",
     "[DIR] [--day DATE] [--for ID] [--internal] [--format ics|frab|html] "
     "-o FILE|--per-participant OUTDIR",
     "write .ics calendars for participants",
     "Writes the programme as an iCalendar file that calendar programs\n"
     "import (Outlook, Google, Apple, Thunderbird, khal, calcurse): every\n"
     "session with its UID, SEQUENCE and status (cancelled sessions stay,\n"
     "marked CANCELLED, so calendars drop them), times in the conference's\n"
     "zone, room and building, and the chair, speakers and organisations\n"
     "in protocol order in the description. Public by default: no internal\n"
     "notes, e-mail addresses or telephone numbers.\n"
     "\n"
     "  -o, --output FILE     write FILE atomically; - for standard output\n"
     "  -d, --day DATE        only the sessions of that day (YYYY-MM-DD)\n"
     "  -f, --for ID          only the sessions of one participant, or of a\n"
     "                        delegation or organisation and its members\n"
     "  -p, --per-participant OUTDIR\n"
     "                        OUTDIR/ID.ics for everyone with a session\n"
     "  -i, --internal        keep internal notes and contact details\n"
     "                        (secretariat use only; not a backup: no\n"
     "                        room or participant ids, no attendees)\n"
     "  --no-record           neither read nor write DIR/.dais-published,\n"
     "                        which makes SEQUENCE rise for every change\n"
     "                        since the last export\n"
     "  -F, --format FORMAT   ics (the default); frab: the public\n"
     "                        programme as the schedule.xml of conference\n"
     "                        apps; html: as one web page (both with -o\n"
     "                        and --day only)\n"
     "  -h, --help            this help\n"
     "\n"
     "Exit status: 0 written, 1 could not write, 2 bad options, an unknown\n"
     "id or day, or the programme could not be read.\n",
     cmd_export},
    {"import",
     "[--dry-run] [--all-dates] [--timezone ZONE --days DATES [--name "
     "NAME]] SRC... DIR",
     "take other clients' calendars in, linked to rooms and people",
     "Reads calendars written by Outlook, Google, Apple, Thunderbird, khal\n"
     "or calcurse (files, or directories whose .ics files are read, as a\n"
     "khal vdir) and adds each as a new file programme/import-NAME.ics of\n"
     "the programme in DIR, listed in conference.ini; the sources are not\n"
     "changed. LOCATION is linked to a room by its name (exact, then\n"
     "ignoring case and spacing, then the closest name, which is listed),\n"
     "ATTENDEE to a participant by e-mail (mailto:), then by CN equal to\n"
     "the name or local name: X-DAIS-ROOM and X-DAIS-ID are written. An\n"
     "event without UID gets one (listed); times without a zone get the\n"
     "conference's; METHOD is dropped. Every event or attendee that could\n"
     "not be linked is listed with what to do. Events on no conference day\n"
     "are left out (counted, the first named). Importing a source again\n"
     "replaces its earlier import's file. The import is tried in a copy\n"
     "and loaded there first; when that fails, nothing is imported.\n"
     "\n"
     "  -z, --timezone ZONE, -d, --days DATES, -N, --name NAME\n"
     "                        make DIR a new programme first, as dais init\n"
     "      --all-dates       also import events on no conference day\n"
     "  -n, --dry-run         the same run and verdict; write nothing\n"
     "  -h, --help            this help\n"
     "\n"
     "Exit status: 0 imported, 1 a file could not be written or DIR is\n"
     "open in a planner, 2 a source or the programme could not be read, or\n"
     "the import does not load (nothing written).\n",
     cmd_import},
    {"import-participants",
     "DIR FILE.csv [--map COLUMN=KEY]... [--separator ,|;|tab] [--dry-run]",
     "add and update participants from a CSV list",
     "Reads a CSV as spreadsheets and registration systems export it\n"
     "(UTF-8 with or without a byte-order mark; comma, semicolon or tab\n"
     "separated, found from the header; quoted cells may hold separators,\n"
     "quotes written twice and new lines) and adds or updates the\n"
     "participants of DIR/participants.ini. The header names the keys:\n"
     "id, name, name-local, title, kind, delegation, languages, arrival,\n"
     "departure, delegates, precedence, email, phone, and common other\n"
     "names for them (dais(1) lists them). A row is matched by its id, or\n"
     "without one by its name, or given the id the name makes (lower\n"
     "case, each run of other characters one '-'). An empty cell leaves\n"
     "the key as it is: nothing is ever removed. Each row is reported:\n"
     "added, changed (with the keys), unchanged, or refused with the\n"
     "loader's own message. Only changed lines and new sections are\n"
     "written; the planner's lock is held while writing.\n"
     "\n"
     "  -m, --map COLUMN=KEY  read COLUMN as KEY (- leaves it out)\n"
     "  -s, --separator SEP   , ; or tab, instead of the header's\n"
     "  -n, --dry-run         report what would change; write nothing\n"
     "  -h, --help            this help\n"
     "\n"
     "Exit status: 0 every row imported (or unchanged), 1 a row refused,\n"
     "the programme locked, or the file could not be written, 2 a bad\n"
     "option, CSV or programme (nothing written).\n",
     cmd_import_participants},
    {"init", "DIR --name NAME --timezone ZONE --days DATES [--hours START-END]",
     "make a new, empty programme",
     "Makes the directory DIR (its parent must exist) a new programme that\n"
     "dais check accepts and the planner opens: conference.ini with the\n"
     "name, zone, days and hours given, venues.ini and participants.ini\n"
     "with every key they may hold shown in comments that explain it, and\n"
     "an empty session file, programme/sessions.ics, with the zone's\n"
     "VTIMEZONE. A directory that already holds a programme is refused.\n"
     "\n"
     "  -n, --name NAME       the conference's name (any script)\n"
     "  -z, --timezone ZONE   the venue's IANA zone, such as Asia/Kuwait\n"
     "  -d, --days DATES      the days, YYYY-MM-DD separated by commas, or\n"
     "                        FIRST..LAST: 2026-11-04,2026-11-05\n"
     "  -H, --hours START-END the daily hours (default 08:00-22:00)\n"
     "  -h, --help            this help\n"
     "\n"
     "Exit status: 0 made, 1 not made (DIR holds a programme, or a file\n"
     "could not be written; nothing is left half made), 2 bad options.\n",
     cmd_init},
    {"open",
     "[--read-only | --take-over] [--restore | --discard | --keep-aside] "
     "[DIR]",
     "plan the programme interactively (the default)",
     "Opens the planner on the programme in DIR (default: the current\n"
     "directory if it holds conference.ini, else the shipped example):\n"
     "day tabs, a rooms by time grid, a chronological list, participants\n"
     "with their timelines and every conflict, re-checked after each edit.\n"
     "'dais DIR' and plain 'dais' do the same. Press ? in it for the keys;\n"
     "settings (keys, colours, print command, export directory) are read\n"
     "from $XDG_CONFIG_HOME/dais/dais.ini, described in dais(1).\n"
     "\n"
     "One planner at a time edits a programme: it holds DIR/.dais-lock\n"
     "while it runs. Another one is told who holds it and since when, and\n"
     "may open it read-only (r) or quit (q); a lock left by a planner on\n"
     "another machine, which cannot be checked from here, may also be\n"
     "taken over (t). A lock whose planner was killed is taken over.\n"
     "\n"
     "  -r, --read-only       open read-only, without taking the lock:\n"
     "                        look, search, export and print; no edits\n"
     "  -t, --take-over       take over a lock held on another machine\n"
     "                        without asking (never one running here)\n"
     "\n"
     "Every edit goes to a recovery journal, DIR/.dais-journal, before it\n"
     "is shown. When a planner was killed with edits unsaved, the next one\n"
     "says how many and from when, and asks whether to restore them,\n"
     "discard them or keep them aside; these options answer for it:\n"
     "\n"
     "  --restore             open with the unsaved edits (not yet saved)\n"
     "  --discard             delete them\n"
     "  --keep-aside          rename the journal .dais-journal-kept-TIME\n"
     "  -h, --help            this help\n"
     "\n"
     "A journal is never replayed onto files that changed since it was\n"
     "written: it is kept aside instead.\n"
     "\n"
     "Exit status: 0 after quitting, 1 when the terminal could not be\n"
     "used, the programme was locked and not opened, or the unsaved edits\n"
     "were left for later, 2 the programme could not be read, bad options,\n"
     "or no terminal.\n",
     IN_HELPER(cmd_open)},
    {"runsheet",
     "[DIR] --day DATE|--all-days|--for ID|--per-participant OUTDIR "
     "[--room ROOM] [--format text|pdf] [-o FILE]",
     "print the daily run-sheet, or a participant's own programme",
     "Writes the run-sheet of a conference day for floor managers: each\n"
     "session in time order with its room, chair and speakers in protocol\n"
     "order, organisations, attendance against capacity, interpretation,\n"
     "changeover before the next session in the room, internal notes, and\n"
     "every conflict marked where it is. Cancelled sessions are shown and\n"
     "marked. Run-sheets are internal: they include the secretariat's "
     "notes.\n"
     "\n"
     "With --for, the programme of one participant, delegation or\n"
     "organisation instead, for every day: their sessions in time order\n"
     "with their role, room and building, the walk to the next building,\n"
     "where the rest of their delegation is meanwhile, arrival and\n"
     "departure, and each session's public description. It holds what\n"
     "'dais export --for' would: no internal notes, contact details or\n"
     "conflicts, and no cancelled sessions.\n"
     "\n"
     "  -d, --day DATE        the day (YYYY-MM-DD), one of the conference's\n"
     "  -a, --all-days        every day, each from a new page\n"
     "  -r, --room ROOM       one room's sheet (a room id from venues.ini)\n"
     "  -f, --format FORMAT   text (default: 80 columns, UTF-8) or pdf (A4)\n"
     "  -o, --output FILE     write FILE (atomically) instead of standard\n"
     "                        output\n"
     "  -l, --page-length N   text: lines per page (default 66), form feed\n"
     "                        between pages; 0 for no pages\n"
     "  --for ID              the own programme of a participant,\n"
     "                        delegation or organisation (participants.ini)\n"
     "  --per-participant OUTDIR\n"
     "                        one programme per participant with a session:\n"
     "                        OUTDIR/ID.txt, or .pdf with --format pdf\n"
     "  -h, --help            this help\n"
     "\n"
     "The footer's time is SOURCE_DATE_EPOCH when set (for reproducible\n"
     "output), else now, in the conference's time zone.\n"
     "\n"
     "Exit status: 0 written, 1 could not write, 2 bad options or the\n"
     "programme could not be read.\n",
     cmd_runsheet},
    {"schedule",
     "[DIR] [--dry-run] [--replan] [--time-limit SECONDS] "
     "[--format text|json]",
     "place the bilateral requests of requests.ini, optimally",
     "Places the requests of requests.ini not yet placed, each at a time\n"
     "and room where it takes part in no conflict (the slot search's\n"
     "candidates), so that together they clash with nothing either, and\n"
     "the priority placed is the most any plan can place: an integer\n"
     "program solved with GLPK; among equal plans the earlier one with\n"
     "less walking. Prints the plan, the LP bound beside it and\n"
     "the time taken, and every request left unplaced with why. Saves the\n"
     "placed requests as BILATERAL sessions (UID request-ID@DOMAIN) as the\n"
     "planner saves, and marks each placed in requests.ini, so a second\n"
     "run changes nothing.\n"
     "\n"
     "  -n, --dry-run         print the plan; write nothing\n"
     "  -R, --replan          place every request again, moving (or\n"
     "                        removing) the sessions of those placed\n"
     "  -t, --time-limit S    seconds the run may take (default 5; 0:\n"
     "                        none); then the best plan found, with the\n"
     "                        gap to the bound\n"
     "  -f, --format FORMAT   text (default) or json\n"
     "  -h, --help            this help\n"
     "\n"
     "Exit status: 0 every request is placed, 1 some could not be (or the\n"
     "programme is open in a planner, or could not be saved), 2 bad input\n"
     "(requests.ini or the programme could not be read).\n",
     IN_HELPER(cmd_schedule)},
    {"slots",
     "[DIR] --with ID[,ID...] --duration LEN | --session UID [--day DATE] "
     "[--rooms ID,... | --kind KIND] [--expected N] [--languages ar,ru] "
     "[--prefer HH:MM] [--allow-warnings] [--format text|json]",
     "where a meeting can go: free times and rooms, ranked",
     "Lists the (start, room) pairs on the conference's grid (step in\n"
     "conference.ini, 15 minutes by default) where a meeting would take\n"
     "part in no conflict at all: every party free, with changeover and\n"
     "walking time, within arrival and departure and their delegation's\n"
     "delegates, within the daily hours; the room free with its\n"
     "changeover, big enough and with the booths needed. Each candidate\n"
     "is put to the conflict engine itself, as dais check would see it.\n"
     "\n"
     "  -w, --with IDS        the parties: participant ids (people or groups)\n"
     "  -d, --duration LEN    the length: 30m, 1h, 1h15, 90\n"
     "  -s, --session UID     an existing session: its people, length, kind,\n"
     "                        attendance and languages (others override)\n"
     "  -D, --day DATE        one conference day (default: every day)\n"
     "  -r, --rooms IDS       only these rooms\n"
     "  -k, --kind KIND       rooms that serve KIND (kinds in venues.ini;\n"
     "                        a room without the key serves every kind)\n"
     "  -e, --expected N      seats needed\n"
     "  -l, --languages L     interpretation booths needed: ar,ru\n"
     "  -p, --prefer HH:MM    rank starts near this time first\n"
     "  -W, --allow-warnings  also candidates that cause warnings (never\n"
     "                        errors), each with its warnings\n"
     "  -f, --format FORMAT   text (default) or json\n"
     "  -h, --help            this help\n"
     "\n"
     "Ranking: the shortest walk, then nearest to --prefer, then\n"
     "earliest, then the smallest room, then the room id. The walk shown\n"
     "is the longest any party makes to or from the meeting, counting a\n"
     "walk only when the sessions are less than the walk, the changeover\n"
     "and 30 minutes apart.\n"
     "\n"
     "Exit status: 0 candidates found, 1 none (one line per day saying\n"
     "why), 2 bad input (an unknown id, a length of 0, a day that is not a\n"
     "conference day, a language no room has booths for) or the programme\n"
     "could not be read.\n",
     cmd_slots},
    {"sync", "[DIR] [--create] [--mine UID|all] [--theirs UID|all] [--stats]",
     "bring the programme and its CalDAV server into step",
     "Syncs the sessions of the programme in DIR with the calendar\n"
     "collection named in conference.ini's [server] section, session by\n"
     "session: what changed on the server comes into the .ics files\n"
     "(new sessions into the new-sessions file), what changed here goes\n"
     "to the server, deletions go both ways. The password comes from\n"
     "DAIS_SERVER_PASSWORD or ~/.netrc, never from the programme.\n"
     "DIR/.dais-sync remembers what was last synced.\n"
     "\n"
     "A session changed on both sides (or deleted on one and changed on\n"
     "the other) is not overwritten: it is listed, the server's version\n"
     "is written to DIR/sync-conflicts/, and nothing changes for it until\n"
     "a choice is given:\n"
     "\n"
     "  -m, --mine UID|all    keep this copy's version (all: every\n"
     "                        conflicting session)\n"
     "  -t, --theirs UID|all  take the server's version\n"
     "  -c, --create          make the calendar when it does not exist\n"
     "                        (and the collections above it the server\n"
     "                        says are missing)\n"
     "  -s, --stats           print the HTTP requests and bytes\n"
     "  -h, --help            this help\n"
     "\n"
     "A sync cut short leaves the files whole; the next one finishes it.\n"
     "DAIS_HTTP_CONNECT_TIMEOUT and DAIS_HTTP_STALL_TIMEOUT (seconds;\n"
     "10 and 30) bound how long a silent server is waited for.\n"
     "\n"
     "Exit status: 0 in step, 1 conflicts, resources the server holds\n"
     "that dais cannot take, the server failed or the programme is open\n"
     "in a planner, 2 bad options, no [server] or the programme could\n"
     "not be read.\n",
     IN_HELPER(cmd_sync)},
    {"publish", "[DIR] [--to URL] [--for ID]... [--stats]",
     "keep participants' subscribed calendars current on a CalDAV server",
     "Publishes the public programme and each participant's own calendar\n"
     "(the content and privacy of 'dais export' and 'dais export --for':\n"
     "no internal notes or contact details; a closed meeting only in the\n"
     "calendars of those in it) to calendar collections on the server of\n"
     "conference.ini's [server]: URL/programme/ and URL/ID/, where URL is\n"
     "its publish-url. Participants subscribe to theirs once, read-only;\n"
     "each publish then sends only the events that changed, with a higher\n"
     "SEQUENCE, and deletes those that left the calendar, so a moved\n"
     "session reaches a phone at its next refresh. DIR/.dais-publish\n"
     "remembers what was sent.\n"
     "\n"
     "  -u, --to URL          publish under URL instead of publish-url\n"
     "  -f, --for ID          only this participant's calendar (and the\n"
     "                        public programme); may be repeated\n"
     "  -s, --stats           print the HTTP requests and bytes\n"
     "  -h, --help            this help\n"
     "\n"
     "Exit status: 0 published, 1 the server failed (publish again to\n"
     "send the rest), 2 bad options, an unknown id, no [server] or\n"
     "publish-url, or the programme could not be read.\n",
     IN_HELPER(cmd_publish)},
    {"help", "[COMMAND]", "show help for dais or one command",
     "Without COMMAND, lists the commands; with it, shows its help.\n",
     cmd_help},
    {NULL, NULL, NULL, NULL, NULL},
};

bool
cli_parse_count(const char *s, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < 0 || v > INT_MAX)
		return false;
	*out = (int)v;
	return true;
}

const struct cli_command *
cli_find(const char *name)
{
	const struct cli_command *c;

	for (c = cli_commands; c->name != NULL; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

/* The command within two typos of word, if there is one. */
static const struct cli_command *
cli_nearest(const char *word)
{
	const struct cli_command *c;
	struct suggest s;
	const char *near;

	suggest_init(&s, word, 2);
	for (c = cli_commands; c->name != NULL; c++)
		suggest_consider(&s, c->name);
	near = suggest_result(&s);
	return near != NULL ? cli_find(near) : NULL;
}

/* Whether arg ("--name" or "--name=value") is a long option of longopts,
 * whole or abbreviated as getopt_long takes it, whose value is val. */
static bool
is_long_option(const char *arg, const struct option *longopts, int val)
{
	size_t n = strcspn(arg + 2, "=");

	for (; longopts->name != NULL; longopts++)
		if (longopts->val == val &&
		    strncmp(longopts->name, arg + 2, n) == 0)
			return true;
	return false;
}

int
cli_option_error(const char *cmd, int ch, char *const argv[],
                 const struct option *longopts)
{
	const char *arg = optind > 0 ? argv[optind - 1] : "";
	bool along = strncmp(arg, "--", 2) == 0 &&
	             (optopt == 0 || is_long_option(arg, longopts, optopt));
	int n = along ? (int)strcspn(arg, "=") : 2;
	char shortopt[3] = {'-', (char)optopt, '\0'};

	if (!along)
		arg = shortopt;
	if (ch == ':')
		fprintf(stderr, "dais %s: %.*s needs a value", cmd, n, arg);
	else if (along && optopt != 0)
		fprintf(stderr, "dais %s: %.*s takes no value", cmd, n, arg);
	else
		fprintf(stderr, "dais %s: unknown option '%.*s'", cmd, n, arg);
	fprintf(stderr, "; 'dais %s --help' shows the options\n", cmd);
	return EXIT_BAD_INPUT;
}

void
cli_print_help(FILE *f, const struct cli_command *cmd)
{
	fprintf(f, "usage: dais %s %s\n%s.\n\n%s", cmd->name, cmd->args,
	        cmd->summary, cmd->help);
}

static void
print_usage(FILE *f)
{
	const struct cli_command *c;
	size_t width = 0;

	fprintf(f, "usage: dais [COMMAND] [ARGS]\n"
	           "       dais [DIR]            open the planner on DIR\n"
	           "\n"
	           "dais plans the programme of a conference: sessions, "
	           "rooms, speakers\nand delegations, with their conflicts.\n"
	           "\ncommands:\n");
	for (c = cli_commands; c->name != NULL; c++)
		if (strlen(c->name) > width)
			width = strlen(c->name);
	for (c = cli_commands; c->name != NULL; c++)
		fprintf(f, "  %-*s %s\n", (int)width, c->name, c->summary);
	fprintf(f, "\n'dais help COMMAND' or 'dais COMMAND --help' for more;"
	           " man dais(1), dais-programme(5).\n");
}

static int
cmd_help(int argc, char **argv)
{
	const struct cli_command *c;

	if (argc < 2) {
		print_usage(stdout);
		return EXIT_CLEAN;
	}
	c = cli_find(argv[1]);
	if (c == NULL) {
		fprintf(stderr,
		        "dais: no command '%s'; 'dais help' lists "
		        "them\n",
		        argv[1]);
		return EXIT_BAD_INPUT;
	}
	cli_print_help(stdout, c);
	return EXIT_CLEAN;
}

const char *
cli_default_dir(void)
{
	const char *env = getenv("DAIS_EXAMPLE");

	if (access("conference.ini", F_OK) == 0)
		return ".";
	if (env != NULL && *env != '\0')
		return env;
	/* Installed copy first, then the source tree this was built from. */
	if (access(DAIS_EXAMPLE_INSTALLED "/conference.ini", F_OK) == 0)
		return DAIS_EXAMPLE_INSTALLED;
	return DAIS_EXAMPLE_SOURCE;
}

struct programme *
cli_load(const char *dir)
{
	size_t warnings;

	return cli_load_counted(dir, &warnings);
}

void
cli_print_diags(const struct diag_list *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		char *line = diag_format(&d->v[i]);

		fprintf(stderr, "%s\n", line);
		free(line);
	}
}

struct programme *
cli_load_counted(const char *dir, size_t *warnings)
{
	struct diag_list diags = {0};
	struct programme *p = programme_load(dir, &diags);
	size_t errors = diag_count(&diags, DIAG_ERROR);

	*warnings = diag_count(&diags, DIAG_WARNING);
	cli_print_diags(&diags);
	diag_clear(&diags);
	if (errors > 0) {
		fprintf(stderr,
		        "dais: %s was not loaded: %zu error%s above; fix %s "
		        "and run again\n",
		        dir, errors, errors == 1 ? "" : "s",
		        errors == 1 ? "it" : "them");
		programme_free(p);
		return NULL;
	}
	return p;
}

/*
 * What a command printed is only out once standard output is flushed and
 * closed: on a full disk or /dev/full the error shows only there, and a
 * command that said nothing about it would exit 0 having written nothing.
 */
static int
close_stdout(int status)
{
	int err = 0;

	if (fflush(stdout) != 0)
		err = errno;
	if (ferror(stdout) && err == 0)
		err = errno != 0 ? errno : EIO;
	if (fclose(stdout) != 0 && err == 0)
		err = errno;
	if (err == 0)
		return status;
	fprintf(stderr,
	        "dais: cannot write to standard output: %s; what it should "
	        "have shown is lost (is the disk full?)\n",
	        strerror(err));
	return EXIT_BAD_INPUT;
}

static int run(int argc, char **argv);

int
main(int argc, char **argv)
{
	return close_stdout(run(argc, argv));
}

static int
run(int argc, char **argv)
{
	const struct cli_command *c;

	/*
	 * The user's locale for characters only (UTF-8 names, their widths,
	 * the terminal's encoding). dais speaks English, and its numbers are
	 * data: under LC_ALL, a Russian or French locale's LC_NUMERIC wrote
	 * "lp_bound": 96,000 into JSON and refused --time-limit 1.5.
	 */
	setlocale(LC_CTYPE, "");
	cli_keep_command_line(argv);
	if (argc >= 2 &&
	    (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		print_usage(stdout);
		return EXIT_CLEAN;
	}
	if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
		printf("dais %s\n", DAIS_VERSION);
		return EXIT_CLEAN;
	}
	if (argc >= 2 && (c = cli_find(argv[1])) != NULL) {
		int i;

		for (i = 2; i < argc; i++) {
			if (strcmp(argv[i], "--") == 0)
				break;
			if (strcmp(argv[i], "--help") == 0 ||
			    strcmp(argv[i], "-h") == 0) {
				cli_print_help(stdout, c);
				return EXIT_CLEAN;
			}
		}
		if (c->run == NULL) {
			char what[64];

			snprintf(what, sizeof what, "'dais %s'", c->name);
			return cli_run_in_helper(what);
		}
		return c->run(argc - 1, argv + 1);
	}
	if (argc >= 2 && argv[1][0] == '-') {
		/* One line, as a command's unknown option (cli_option_error):
		 * the usage after it would push it off the screen. */
		fprintf(stderr,
		        "dais: unknown option '%s'; 'dais --help' shows the "
		        "commands and options\n",
		        argv[1]);
		return EXIT_BAD_INPUT;
	}
	/*
	 * "dais DIR" and plain "dais" open the planner. A first word that is
	 * neither a command nor a path is a mistyped command, not a folder.
	 */
	if (argc >= 2 && access(argv[1], F_OK) != 0 &&
	    strchr(argv[1], '/') == NULL && cli_nearest(argv[1]) != NULL) {
		const struct cli_command *near = cli_nearest(argv[1]);

		fprintf(stderr, "dais: no command or programme directory '%s'",
		        argv[1]);
		if (near != NULL)
			fprintf(stderr, "; did you mean 'dais %s'?",
			        near->name);
		fprintf(stderr, "\n'dais help' lists the commands\n");
		return EXIT_BAD_INPUT;
	}
	if ((c = cli_find("open")) != NULL)
		return c->run != NULL ? c->run(argc, argv)
		                      : cli_run_in_helper("the planner");
	print_usage(stderr);
	return EXIT_BAD_INPUT;
}
