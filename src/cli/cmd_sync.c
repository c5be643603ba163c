/*
 * cmd_sync.c: `dais sync`: the programme directory and its CalDAV
 * collection brought into step (caldav_sync.h), under the programme's
 * lock, and a session changed on both sides shown with what to type to
 * keep one side or the other.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "dais/caldav_sync.h"
#include "dais/lock.h"
#include "dais/requests.h"
#include "dais/xalloc.h"

static int
usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "dais sync: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n'dais sync --help' shows how to call it\n");
	return EXIT_BAD_INPUT;
}

static const char *
conflict_text(enum sync_conflict_kind k)
{
	switch (k) {
	case SYNC_BOTH_CHANGED:
		return "changed here and on the server";
	case SYNC_DELETED_THERE:
		return "changed here, deleted on the server";
	case SYNC_DELETED_HERE:
		return "deleted here, changed on the server";
	case SYNC_CHANGED_MEANWHILE:
		return "changed on the server while this sync ran";
	}
	return "";
}

static bool
sync_report_moved(const struct sync_report *r)
{
	return r->got_changed + r->got_new + r->got_deleted + r->put_changed +
	           r->put_new + r->put_deleted + r->nconflicts + r->nbad +
	           r->nunsent >
	       0;
}

void
cli_say_collections_made(const struct strlist *made, const char *holds)
{
	size_t i;

	for (i = 0; i < made->n; i++) {
		char *shown = caldav_shown(made->v[i]);

		printf("%s: made this collection on the server (MKCOL) to "
		       "hold %s\n",
		       shown, holds);
		free(shown);
	}
}

static void
print_report(const char *dir, const struct sync_report *r, bool stats)
{
	const struct sync_conflict *c;
	size_t i;
	char *shown;

	cli_say_collections_made(&r->collections_made, "the calendar");
	/* URLs as the organiser typed them ("Кувейт 2026"), not as
	 * percent-encoded for HTTP */
	shown = caldav_shown(r->url ? r->url : dir);
	if (r->calendar_made)
		printf("%s: made the calendar on the server (MKCALENDAR)\n",
		       shown);
	printf("%s: from the server %zu changed, %zu new, %zu deleted; to the "
	       "server %zu changed, %zu new, %zu deleted\n",
	       shown, r->got_changed, r->got_new, r->got_deleted,
	       r->put_changed, r->put_new, r->put_deleted);
	free(shown);
	if (stats)
		printf("HTTP: %lu requests, %llu bytes sent, %llu bytes "
		       "received\n",
		       r->stats.requests, r->stats.sent, r->stats.received);
	if (r->requests_marked.n > 0) {
		char *ids = strlist_join(&r->requests_marked, ", ");

		/* a request whose session was deleted is now called off */
		printf("%s/%s marks %zu request%s placed, whose sessions came "
		       "from the server or were deleted there (deleted: "
		       "called off, not placed again)%s%s\n",
		       dir, REQUESTS_FILE, r->requests_marked.n,
		       r->requests_marked.n == 1 ? "" : "s",
		       r->requests_marked.n <= 6 ? ": " : "",
		       r->requests_marked.n <= 6 ? ids : "");
		free(ids);
	}
	for (i = 0; i < r->nbad; i++)
		fprintf(stderr,
		        "dais sync: %s on the server was left alone: %s; "
		        "correct or delete it there (the other sessions were "
		        "synced)\n",
		        r->bad[i].href, r->bad[i].why);
	for (i = 0; i < r->nunsent; i++)
		fprintf(stderr,
		        "dais sync: session %s was not sent: %s; it stays here "
		        "and the next sync tries it again (the server took the "
		        "other sessions: %zu sent)\n",
		        r->unsent[i].href, r->unsent[i].why,
		        r->put_new + r->put_changed + r->put_deleted);
	for (i = 0; i < r->nconflicts; i++) {
		c = &r->conflicts[i];
		fprintf(stderr, "dais sync: conflict: \"%s\" (%s) %s\n",
		        c->title ? c->title : c->uid, c->uid,
		        conflict_text(c->kind));
		if (c->kind == SYNC_CHANGED_MEANWHILE) {
			fprintf(stderr, "  nothing was overwritten: run "
			                "'dais sync' again to compare it\n");
			continue;
		}
		if (c->aside != NULL)
			fprintf(stderr,
			        "  the server's version is in %s; yours is "
			        "in the programme\n",
			        c->aside);
		fprintf(stderr,
		        "  keep yours:        dais sync %s --mine '%s'\n"
		        "  take the server's: dais sync %s --theirs '%s'\n",
		        dir, c->uid, dir, c->uid);
	}
	for (i = 0; i < r->asides_removed.n; i++)
		printf("%s: removed, its session is no longer in conflict\n",
		       r->asides_removed.v[i]);
	for (i = 0; i < r->nunused; i++)
		fprintf(stderr,
		        "dais sync: warning: %s was not in conflict; its "
		        "choice was not needed\n",
		        r->unused_choices[i]);
}

static void
say_why(const struct sync_report *r)
{
	char *shown = caldav_shown(r->why ? r->why : "cut short");

	fprintf(stderr, "dais sync: %s\n", shown);
	free(shown);
}

int
cmd_sync(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"mine", required_argument, NULL, 'm'},
	    {"theirs", required_argument, NULL, 't'},
	    {"create", no_argument, NULL, 'c'},
	    {"stats", no_argument, NULL, 's'},
	    {NULL, 0, NULL, 0},
	};
	struct sync_options o = {0};
	struct sync_choice_for *choices = NULL;
	struct diag_list diags = {0};
	struct sync_report r;
	struct lock *lk;
	const char *dir;
	bool ok, stats = false;
	int rc;
	int ch, status;

	optind = 1;
	while ((ch = getopt_long(argc, argv, ":m:t:cs", longopts, NULL)) !=
	       -1) {
		switch (ch) {
		case 'm':
		case 't':
			if (strcmp(optarg, "all") == 0) {
				o.others = ch == 'm' ? SYNC_MINE : SYNC_THEIRS;
				break;
			}
			choices = xreallocarray(choices, o.nchoices + 1,
			                        sizeof *choices);
			choices[o.nchoices].uid = optarg;
			choices[o.nchoices++].choice =
			    ch == 'm' ? SYNC_MINE : SYNC_THEIRS;
			o.choices = choices;
			break;
		case 'c':
			o.create = true;
			break;
		case 's':
			stats = true;
			break;
		default:
			free(choices);
			return cli_option_error("sync", ch, argv, longopts);
		}
	}
	if (argc - optind > 1) {
		free(choices);
		return usage_error("one programme directory at a time, not "
		                   "also '%s'",
		                   argv[optind + 1]);
	}
	dir = optind < argc ? argv[optind] : cli_default_dir();
	lk = cli_take_lock("sync", dir,
	                   "sync from the planner, or quit it and sync again",
	                   &rc);
	if (lk == NULL) {
		free(choices);
		return rc;
	}
	ok = caldav_sync(dir, &o, &r, &diags);
	lock_release(lk);
	cli_print_diags(&diags);
	if (diag_count(&diags, DIAG_ERROR) > 0 && r.url == NULL) {
		say_why(&r);
		status = EXIT_BAD_INPUT;
	} else {
		/* The counts only after a sync that got somewhere: when
		 * the server could not be used at all, "0 changed" would
		 * read as if the two were in step. */
		if (r.url != NULL && (ok || sync_report_moved(&r)))
			print_report(dir, &r, stats);
		if (!ok)
			say_why(&r);
		status =
		    ok && r.nconflicts == 0 && r.nbad == 0 && r.nunsent == 0
		        ? EXIT_CLEAN
		        : EXIT_CONFLICTS;
		if (!ok && r.url == NULL)
			status = EXIT_BAD_INPUT;
	}
	diag_clear(&diags);
	free(diags.v);
	sync_report_free(&r);
	free(choices);
	return status;
}
