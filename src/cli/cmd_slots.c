/*
 * cmd_slots.c: `dais slots`: where can a meeting go. Reads the question
 * from the options, asks the slot search (slots.h) and prints the ranked
 * (start, room) candidates, or why nothing fits, day by day.
 */
#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "dais/requests.h"
#include "dais/session_index.h"
#include "dais/slots.h"
#include "dais/xalloc.h"

/* "a,b, c" into l, blanks dropped; lower-cased when asked. */
static void
split_list(const char *text, struct strlist *l, bool lower)
{
	char *copy = xstrdup(text), *tok, *save = NULL, *end;

	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	     tok = strtok_r(NULL, ",", &save)) {
		while (isspace((unsigned char)*tok))
			tok++;
		end = tok + strlen(tok);
		while (end > tok && isspace((unsigned char)end[-1]))
			*--end = '\0';
		if (*tok == '\0')
			continue;
		if (lower)
			for (end = tok; *end; end++)
				*end = (char)tolower((unsigned char)*end);
		strlist_add(l, tok);
	}
	free(copy);
}

/*
 * With neither --kind nor --rooms nor a session's kind, every room that
 * fits is a candidate, the banquet hall and the foyer too (trial report
 * L7): one line under the list says how many are in rooms whose kinds
 * leave out bilaterals, and how to leave them out as dais schedule does.
 * The list itself is what the slot search gives: the planner and dais
 * schedule share it. Only when some room lists the kind.
 */
static void
print_other_kinds(const struct programme *p, const struct slot_result *r)
{
	const char *kind = REQUEST_SESSION_KIND;
	struct strlist names = {0};
	size_t i, n = 0;
	char *list;

	for (i = 0;
	     i < p->nrooms && !strlist_has_nocase(&p->rooms[i].kinds, kind);
	     i++)
		;
	if (i == p->nrooms)
		return;
	for (i = 0; i < r->n; i++) {
		const struct room *room = r->v[i].room;

		if (room_serves(room, kind))
			continue;
		n++;
		if (!strlist_has(&names, room->name))
			strlist_add(&names, room->name);
	}
	if (n > 0) {
		list = strlist_join(&names, ", ");
		printf(
		    "%zu of them are in rooms for other kinds of session than "
		    "%s (%s: kinds in venues.ini): --kind %s leaves them "
		    "out, as dais schedule does\n",
		    n, kind, list, kind);
		free(list);
	}
	strlist_clear(&names);
}

static void
print_text(const struct programme *p, const struct slot_result *r)
{
	char d[DAIS_TIMEBUF], a[DAIS_TIMEBUF], b[DAIS_TIMEBUF];
	size_t i, j;

	for (i = 0; i < r->n; i++) {
		const struct slot_candidate *c = &r->v[i];
		const char *building =
		    programme_building_name(p, c->room->building);

		date_fmt_iso(d, time_local_date(&p->conf.zone, c->start));
		printf("%s %s-%s  %s", d,
		       time_fmt_hm(a, &p->conf.zone, c->start),
		       time_fmt_hm(b, &p->conf.zone, c->end), c->room->name);
		if (building != NULL)
			printf(" (%s)", building);
		if (c->longest_walk > 0)
			printf("  walk %d min", c->longest_walk);
		printf("\n");
		for (j = 0; j < c->warnings.n; j++)
			printf("    warning: %s\n", c->warnings.v[j]);
	}
	printf("%zu candidate%s\n", r->n, r->n == 1 ? "" : "s");
}

static void
print_json(const struct programme *p, const struct slot_result *r)
{
	char a[DAIS_TIMEBUF];
	size_t i, j;

	printf("{\n  \"candidates\": [");
	for (i = 0; i < r->n; i++) {
		const struct slot_candidate *c = &r->v[i];

		printf("%s\n    {\"start\": ", i ? "," : "");
		cli_json_string(stdout,
		                time_fmt_iso(a, &p->conf.zone, c->start));
		printf(", \"end\": ");
		cli_json_string(stdout, time_fmt_iso(a, &p->conf.zone, c->end));
		printf(", \"room\": ");
		cli_json_string(stdout, c->room->id);
		printf(", \"room_name\": ");
		cli_json_string(stdout, c->room->name);
		printf(", \"longest_walk_minutes\": %d, \"warnings\": [",
		       c->longest_walk);
		for (j = 0; j < c->warnings.n; j++) {
			printf("%s", j ? ", " : "");
			cli_json_string(stdout, c->warnings.v[j]);
		}
		printf("]}");
	}
	printf("%s],\n  \"why_not\": [", r->n ? "\n  " : "");
	for (i = 0; i < r->why_not.n; i++) {
		printf("%s\n    ", i ? "," : "");
		cli_json_string(stdout, r->why_not.v[i]);
	}
	printf("%s]\n}\n", r->why_not.n ? "\n  " : "");
}

/*
 * "dais slots: " and why, a sentence of the slot search's: it starts with
 * a capital, as the planner shows it on its own, where after the prefix
 * dais's messages start in lower case ("No room of venues.ini ..." as
 * "no room ..."; an acronym such as "UID" would keep its capital).
 */
static void
say_why(const char *why)
{
	fprintf(stderr, "dais slots: ");
	if (isupper((unsigned char)why[0]) && !isupper((unsigned char)why[1])) {
		fputc(tolower((unsigned char)why[0]), stderr);
		why++;
	}
	fprintf(stderr, "%s\n", why);
}

static int
usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "dais slots: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n");
	return EXIT_BAD_INPUT;
}

int
cmd_slots(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"with", required_argument, NULL, 'w'},
	    {"duration", required_argument, NULL, 'd'},
	    {"day", required_argument, NULL, 'D'},
	    {"rooms", required_argument, NULL, 'r'},
	    {"kind", required_argument, NULL, 'k'},
	    {"expected", required_argument, NULL, 'e'},
	    {"languages", required_argument, NULL, 'l'},
	    {"session", required_argument, NULL, 's'},
	    {"prefer", required_argument, NULL, 'p'},
	    {"allow-warnings", no_argument, NULL, 'W'},
	    {"format", required_argument, NULL, 'f'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct strlist with = {0}, rooms = {0}, langs = {0};
	const char *day_text = NULL, *format = "text", *why_text;
	struct slot_query q;
	struct slot_result r = {0};
	struct programme *p = NULL;
	struct session_index *x = NULL;
	char *why = NULL, *kind = NULL;
	int opt, status = EXIT_BAD_INPUT, minutes;
	size_t i;

	memset(&q, 0, sizeof q);
	q.day = -1;
	q.prefer = -1;
	q.earliest = q.latest = DAIS_TIME_NONE;
	q.session_rid = DAIS_TIME_NONE;
	optind = 1;
	while ((opt = getopt_long(argc, argv, ":w:d:D:r:k:e:l:s:p:Wf:h",
	                          longopts, NULL)) != -1) {
		switch (opt) {
		case 'w':
			split_list(optarg, &with, false);
			break;
		case 'd':
			if (!duration_parse(optarg, &minutes, &why_text)) {
				fprintf(stderr,
				        "dais slots: --duration %s: %s\n",
				        optarg, why_text);
				goto out;
			}
			if (minutes <= 0) {
				usage_error("--duration %s: a meeting needs a "
				            "length above 0, such as 30m or "
				            "1h15",
				            optarg);
				goto out;
			}
			q.minutes = minutes;
			break;
		case 'D':
			day_text = optarg;
			break;
		case 'r':
			split_list(optarg, &rooms, false);
			break;
		case 'k':
			free(kind);
			kind = xstrdup(optarg);
			for (i = 0; kind[i] != '\0'; i++)
				kind[i] = (char)toupper((unsigned char)kind[i]);
			break;
		case 'e':
			if (!cli_parse_count(optarg, &q.expected) ||
			    q.expected <= 0) {
				usage_error("--expected %s: give the number "
				            "of seats needed, a whole number "
				            "above 0",
				            optarg);
				goto out;
			}
			break;
		case 'l':
			split_list(optarg, &langs, true);
			break;
		case 's':
			q.session_uid = optarg;
			break;
		case 'p':
			if (!clock_parse(optarg, &q.prefer, &why_text)) {
				fprintf(stderr, "dais slots: --prefer %s: %s\n",
				        optarg, why_text);
				goto out;
			}
			break;
		case 'W':
			q.allow_warnings = true;
			break;
		case 'f':
			format = optarg;
			if (strcmp(format, "text") != 0 &&
			    strcmp(format, "json") != 0) {
				usage_error("--format %s: use text or json",
				            optarg);
				goto out;
			}
			break;
		case 'h':
			cli_print_help(stdout, cli_find("slots"));
			status = EXIT_CLEAN;
			goto out;
		default:
			status = cli_option_error("slots", opt, argv, longopts);
			goto out;
		}
	}
	if (argc - optind > 1) {
		usage_error("one programme directory at most (got '%s' too)",
		            argv[optind + 1]);
		goto out;
	}
	/* Each chooses the rooms on its own: with both, one would be
	 * ignored in silence (trial report L6). */
	if (rooms.n > 0 && kind != NULL) {
		usage_error("%s", "--rooms and --kind both choose the rooms: "
		                  "give --rooms to name them, or --kind to "
		                  "take those that serve the kind");
		goto out;
	}
	if (with.n == 0 && q.session_uid == NULL) {
		usage_error("%s", "name who meets: --with ID[,ID...] or "
		                  "--session UID");
		goto out;
	}
	if (q.session_uid == NULL && q.minutes == 0) {
		usage_error("%s", "give the meeting's length: --duration 30m");
		goto out;
	}
	p = cli_load(optind < argc ? argv[optind] : cli_default_dir());
	if (p == NULL)
		goto out;
	if (day_text != NULL) {
		struct dais_date d;
		char *days = programme_days_text(p);

		if (!date_parse(day_text, &d)) {
			fprintf(stderr,
			        "dais slots: --day %s: write the date as "
			        "YYYY-MM-DD, one of %s\n",
			        day_text, days);
			free(days);
			goto out;
		}
		for (i = 0; i < p->conf.ndays; i++)
			if (date_compare(p->conf.days[i], d) == 0)
				q.day = (int)i;
		if (q.day < 0) {
			fprintf(stderr,
			        "dais slots: --day %s is not a conference "
			        "day: use one of %s\n",
			        day_text, days);
			free(days);
			goto out;
		}
		free(days);
	}
	q.with = (const char *const *)with.v;
	q.nwith = with.n;
	q.rooms = (const char *const *)rooms.v;
	q.nrooms = rooms.n;
	q.kind = kind;
	q.languages = &langs;
	if ((why = slots_unknown_languages(p, &langs)) != NULL) {
		say_why(why);
		goto out;
	}
	x = session_index_new(p);
	if (!slots_find(x, &q, &r, &why)) {
		say_why(why);
		goto out;
	}
	if (strcmp(format, "json") == 0)
		print_json(p, &r);
	else if (r.n > 0) {
		print_text(p, &r);
		if (kind == NULL && rooms.n == 0 && q.session_uid == NULL)
			print_other_kinds(p, &r);
	} else
		for (i = 0; i < r.why_not.n; i++)
			printf("%s\n", r.why_not.v[i]);
	status = r.n > 0 ? EXIT_CLEAN : EXIT_CONFLICTS;
out:
	slot_result_clear(&r);
	session_index_free(x);
	programme_free(p);
	strlist_clear(&with);
	strlist_clear(&rooms);
	strlist_clear(&langs);
	free(kind);
	free(why);
	return status;
}
