/*
 * cmd_publish.c: `dais publish`: the public programme and each
 * participant's own calendar (what `dais export` and `dais export --for`
 * write) kept current on CalDAV collections that calendar apps subscribe
 * to, through the mirror of caldav.h.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "dais/caldav.h"
#include "dais/export.h"
#include "dais/xalloc.h"

/* The collection of the public programme, under publish-url. */
#define PUBLIC_COLLECTION "programme"

#define EMPTY_CALENDAR                                                         \
	"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//dais//publish//EN\r\n"    \
	"END:VCALENDAR\r\n"

static int
usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "dais publish: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n'dais publish --help' shows how to call it\n");
	return EXIT_BAD_INPUT;
}

static bool
has_session(const struct programme *p, const struct export_options *o)
{
	size_t i;

	for (i = 0; i < p->nsessions; i++)
		if (export_includes(p, o, &p->sessions[i]))
			return true;
	return false;
}

/* A message of the server's side, its URLs as the organiser typed them
 * ("Кувейт 2026"), not percent-encoded for HTTP, as dais sync says them. */
static void
say_server_failure(const char *why)
{
	char *shown = caldav_shown(why);

	fprintf(stderr, "dais publish: %s\n", shown);
	free(shown);
}

/* One calendar onto its collection; false after saying why. */
static bool
publish_one(const struct programme *p, struct caldav_mirror *m,
            struct caldav *c, const char *name, const char *for_id,
            struct caldav_mirror_counts *n)
{
	struct export_options o;
	const struct participant *who;
	char *cal, *why = NULL, *title;
	bool ok;

	export_options_init(&o);
	o.for_id = for_id;
	cal = export_ical(p, &o, NULL, &why);
	if (cal == NULL) {
		fprintf(stderr, "dais publish: %s\n", why);
		free(why);
		return false;
	}
	who = for_id ? programme_find_participant(p, for_id) : NULL;
	title = who ? xasprintf("%s — %s", p->conf.name, who->name)
	            : xstrdup(p->conf.name);
	ok = caldav_mirror_put(m, c, name, title, cal, n, &why);
	if (!ok) {
		say_server_failure(why);
		/* only when something went: after a refusal of the first
		 * request, publishing again would meet the same */
		if (n->events_new + n->events_changed + n->events_deleted +
		        n->collections_made + n->parents_made.n >
		    0)
			fprintf(stderr, "dais publish: what was sent is "
			                "recorded; publish again to send the "
			                "rest\n");
		free(why);
	}
	free(title);
	free(cal);
	return ok;
}

static bool
is_for(char **fors, size_t nfor, const char *id)
{
	size_t i;

	for (i = 0; i < nfor; i++)
		if (strcmp(fors[i], id) == 0)
			return true;
	return nfor == 0;
}

int
cmd_publish(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"to", required_argument, NULL, 'u'},
	    {"for", required_argument, NULL, 'f'},
	    {"stats", no_argument, NULL, 's'},
	    {NULL, 0, NULL, 0},
	};
	struct caldav_mirror_counts n = {0};
	struct diag_list diags = {0};
	struct caldav_server srv;
	struct caldav_mirror *m = NULL;
	struct caldav *c = NULL;
	struct export_options o;
	struct programme *p;
	const char *dir, *to = NULL, **names;
	char **fors = NULL, *why = NULL, *base, **gone, *shown;
	size_t nfor = 0, i, calendars = 0, nnames, ngone = 0;
	bool present, stats = false, ok = true;
	int ch, status = EXIT_CLEAN;

	optind = 1;
	while ((ch = getopt_long(argc, argv, ":u:f:s", longopts, NULL)) != -1) {
		switch (ch) {
		case 'u':
			to = optarg;
			break;
		case 'f':
			fors = xreallocarray(fors, nfor + 1, sizeof *fors);
			fors[nfor++] = optarg;
			break;
		case 's':
			stats = true;
			break;
		default:
			free(fors);
			return cli_option_error("publish", ch, argv, longopts);
		}
	}
	if (argc - optind > 1) {
		free(fors);
		return usage_error("one programme directory at a time, not "
		                   "also '%s'",
		                   argv[optind + 1]);
	}
	dir = optind < argc ? argv[optind] : cli_default_dir();
	if ((p = cli_load(dir)) == NULL) {
		free(fors);
		return EXIT_BAD_INPUT;
	}
	if (!caldav_server_read(dir, &srv, &present, &diags)) {
		cli_print_diags(&diags);
		if (!present)
			fprintf(
			    stderr,
			    "dais publish: %s/conference.ini has no "
			    "[server] section: add one with the server's "
			    "url, your user name and publish-url, where the "
			    "calendars go (dais-programme(5))\n",
			    dir);
		diag_clear(&diags);
		free(diags.v);
		programme_free(p);
		free(fors);
		return EXIT_BAD_INPUT;
	}
	for (i = 0; i < nfor; i++)
		if (programme_find_participant(p, fors[i]) == NULL) {
			fprintf(stderr,
			        "dais publish: '%s' is not in "
			        "%s/participants.ini\n",
			        fors[i], dir);
			status = EXIT_BAD_INPUT;
		}
	base = xstrdup(to ? to : srv.publish_url);
	if (status == EXIT_CLEAN && base == NULL) {
		fprintf(stderr,
		        "dais publish: say where the calendars go: publish-url "
		        "in %s/conference.ini's [server], or --to URL\n",
		        dir);
		status = EXIT_BAD_INPUT;
	}
	if (status == EXIT_CLEAN) {
		c = caldav_open(&srv, &why);
		if (c != NULL)
			m = caldav_mirror_open(dir, base, &why);
		if (m == NULL) {
			say_server_failure(why);
			status = EXIT_CONFLICTS;
		}
	}
	if (m != NULL) {
		ok = publish_one(p, m, c, PUBLIC_COLLECTION, NULL, &n);
		calendars += ok;
		for (i = 0; ok && i < p->npeople; i++) {
			const char *id = p->people[i].id;
			if (!is_for(fors, nfor, id))
				continue;
			export_options_init(&o);
			o.for_id = id;
			if (!has_session(p, &o))
				continue;
			ok = publish_one(p, m, c, id, id, &n);
			calendars += ok;
		}
		/* those published before who have no session now: their
		 * calendars emptied, so that subscribers see the change */
		nnames = caldav_mirror_names(m, &names);
		gone = xcalloc(nnames + 1, sizeof *gone);
		for (i = 0; i < nnames; i++) {
			export_options_init(&o);
			o.for_id = names[i];
			if (strcmp(names[i], PUBLIC_COLLECTION) != 0 &&
			    is_for(fors, nfor, names[i]) &&
			    (programme_find_participant(p, names[i]) == NULL ||
			     !has_session(p, &o)))
				gone[ngone++] = xstrdup(names[i]);
		}
		for (i = 0; i < ngone; i++) {
			if (ok &&
			    !caldav_mirror_put(m, c, gone[i], gone[i],
			                       EMPTY_CALENDAR, &n, &why)) {
				say_server_failure(why);
				free(why);
				why = NULL;
				ok = false;
			}
			free(gone[i]);
		}
		free(gone);
		cli_say_collections_made(&n.parents_made, "the calendars");
		shown = caldav_shown(base);
		printf("%s: %zu calendars (%zu collections made); events %zu "
		       "new, %zu changed, %zu deleted, %zu unchanged\n",
		       shown, calendars, n.collections_made, n.events_new,
		       n.events_changed, n.events_deleted, n.events_same);
		free(shown);
		if (stats)
			printf("HTTP: %lu requests, %llu bytes sent, %llu "
			       "bytes received\n",
			       caldav_stats(c)->requests, caldav_stats(c)->sent,
			       caldav_stats(c)->received);
		if (!ok)
			status = EXIT_CONFLICTS;
	}
	caldav_mirror_close(m);
	caldav_close(c);
	caldav_server_clear(&srv);
	strlist_clear(&n.parents_made);
	free(base);
	free(why);
	programme_free(p);
	free(fors);
	return status;
}
