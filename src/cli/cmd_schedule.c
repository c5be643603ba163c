/*
 * cmd_schedule.c: `dais schedule`: place the bilateral requests of
 * requests.ini (schedule.h) and save them as BILATERAL sessions through
 * the planner's own path: the programme's lock, an editor (one edit), the
 * recovery journal while it is unsaved, the atomic save that refuses files
 * changed on disk; then `placed = UID` in requests.ini.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "dais/edit.h"
#include "dais/journal.h"
#include "dais/lock.h"
#include "dais/requests.h"
#include "dais/save.h"
#include "dais/schedule.h"
#include "dais/uid.h"
#include "dais/xalloc.h"

/* What to do when a planner holds the programme (cli_take_lock). */
#define SCHEDULE_HELD                                                          \
	"nothing was written; schedule from that planner, or close it "        \
	"and run again (--dry-run shows the plan)"

/* ---- Printing the plan -------------------------------------------------- */

static const char *
room_name(const struct programme *p, const char *id)
{
	const struct room *r = programme_find_room(p, id);

	return r != NULL ? r->name : id;
}

/*
 * A request this run places whose parties already meet in another
 * session (request_meeting_already): placed all the same, since it asks
 * for the meeting, and said. Found before the plan is applied, among the
 * programme's sessions and then the plan's others, so a dry run and the
 * run say the same.
 */
struct meets_already {
	size_t placement; /* index into the result's v */
	char *title, *uid;
	dais_time start, end;
};

struct meets_list {
	struct meets_already *v;
	size_t n;
};

static void
meets_add(struct meets_list *m, size_t placement, const struct session *s)
{
	struct meets_already *a;

	m->v = xreallocarray(m->v, m->n + 1, sizeof *m->v);
	a = &m->v[m->n++];
	a->placement = placement;
	a->title = xstrdup(s->title != NULL ? s->title : "");
	a->uid = xstrdup(s->uid != NULL ? s->uid : "");
	a->start = s->start;
	a->end = s->end;
}

static void
meets_find(const struct programme *p, const struct request_list *reqs,
           const struct schedule_result *r, struct meets_list *m)
{
	size_t i, k;

	for (i = 0; i < r->n; i++) {
		const struct request *q = &reqs->v[r->v[i].request];
		long at = request_meeting_already(p, q, r->v[i].session.uid);

		if (at >= 0) {
			meets_add(m, i, &p->sessions[at]);
			continue;
		}
		for (k = 0; k < r->n; k++)
			if (k != i &&
			    request_parties_meet_in(q, &r->v[k].session)) {
				meets_add(m, i, &r->v[k].session);
				break;
			}
	}
}

static void
meets_clear(struct meets_list *m)
{
	size_t i;

	for (i = 0; i < m->n; i++) {
		free(m->v[i].title);
		free(m->v[i].uid);
	}
	free(m->v);
	memset(m, 0, sizeof *m);
}

static void
print_summary(const struct request_list *reqs, const struct schedule_result *r,
              bool replan)
{
	/* Placed before: those kept, and with --replan those asked again
	 * whose sessions are there (moved or not, or taken out). */
	size_t before = reqs->n - r->asked + r->remove.n, i;

	for (i = 0; i < r->n; i++)
		before += r->v[i].exists;
	if (!replan)
		printf("%zu request%s in %s: %zu placed before, %zu to "
		       "place.\n",
		       reqs->n, reqs->n == 1 ? "" : "s", reqs->path, before,
		       r->asked);
	else if (r->asked == reqs->n)
		printf("%zu request%s in %s: %zu placed before, all %zu "
		       "planned again.\n",
		       reqs->n, reqs->n == 1 ? "" : "s", reqs->path, before,
		       r->asked);
	else /* a cancelled bilateral stays as it is */
		printf("%zu request%s in %s: %zu placed before, %zu planned "
		       "again (%zu cancelled stay%s so).\n",
		       reqs->n, reqs->n == 1 ? "" : "s", reqs->path, before,
		       r->asked, reqs->n - r->asked,
		       reqs->n - r->asked == 1 ? "s" : "");
	if (r->asked == 0)
		return;
	printf("Placed %zu of %zu (priority %d of %d); ", r->placed, r->asked,
	       r->priority_placed, r->priority_asked);
	if (r->bound_simple)
		/* The relaxation did not finish in time: its bound is not
		 * known, only the simpler one. */
		printf("bound %.0f (every request that has a candidate placed; "
		       "the LP relaxation did not finish within the time "
		       "limit): the plan may be up to %.0f below the best "
		       "(--time-limit to search longer).\n",
		       r->lp_bound, r->gap);
	else if (r->optimal && r->lp_bound > r->priority_placed + 0.5)
		/* The search closed the gap the relaxation left: say so, or
		 * "bound 19.5, optimal 18" reads as a contradiction. */
		printf("LP bound %.1f, which no whole plan reaches: the "
		       "search proved this plan optimal.\n",
		       r->lp_bound);
	else if (r->optimal)
		printf("LP bound %.1f: the plan is proved optimal.\n",
		       r->lp_bound);
	else
		printf("LP bound %.1f: the plan may be up to %.1f below the "
		       "best (not proved within the time limit; "
		       "--time-limit to search longer).\n",
		       r->lp_bound, r->gap);
	printf("%zu candidate%s, %zu constraint%s, %.2f s.\n", r->ncandidates,
	       r->ncandidates == 1 ? "" : "s", r->nrows,
	       r->nrows == 1 ? "" : "s", r->seconds);
}

static void
print_text(const struct programme *p, const struct request_list *reqs,
           const struct schedule_result *r, const struct meets_list *m,
           bool replan)
{
	const struct dais_zone *z = &p->conf.zone;
	char d[DAIS_TIMEBUF], a[DAIS_TIMEBUF], b[DAIS_TIMEBUF];
	struct dais_date day = {0, 0, 0};
	size_t i, unplaced = 0;

	print_summary(reqs, r, replan);
	for (i = 0; i < r->n; i++) {
		const struct session *s = &r->v[i].session;
		const struct request *q = &reqs->v[r->v[i].request];
		struct dais_date sd = time_local_date(z, s->start);

		if (i == 0 || date_compare(sd, day) != 0) {
			day = sd;
			printf("\n%s\n", date_fmt_long(d, sd));
		}
		printf("  %s-%s  %-24s  %s (priority %d)%s\n",
		       time_fmt_hm(a, z, s->start), time_fmt_hm(b, z, s->end),
		       room_name(p, s->room_id), q->id, q->priority,
		       r->v[i].moved ? " moved" : "");
		printf("               %s\n", s->title);
	}
	for (i = 0; i < r->noutcome; i++)
		if (r->outcome[i].state == REQUEST_UNPLACED) {
			if (unplaced++ == 0)
				printf("\nNot placed\n");
			printf("  %s (priority %d): %s\n", reqs->v[i].id,
			       reqs->v[i].priority, r->outcome[i].reason);
		}
	for (i = 0; i < m->n; i++) {
		const struct meets_already *ma = &m->v[i];

		if (i == 0)
			printf("\nPlaced, though the parties already meet\n");
		/* "Thu 5 Nov", as the reasons say it */
		date_fmt_short(d, time_local_date(z, ma->start));
		printf("  %s: its parties already meet in '%s' (%s %s-%s)\n",
		       reqs->v[r->v[ma->placement].request].id, ma->title, d,
		       time_fmt_hm(a, z, ma->start),
		       time_fmt_hm(b, z, ma->end));
	}
	for (i = 0; i < r->remove.n; i++) {
		if (i == 0)
			printf("\nRemoved (no longer placed)\n");
		printf("  %s\n", r->remove.v[i]);
	}
}

static void
print_json(const struct programme *p, const struct request_list *reqs,
           const struct schedule_result *r, const struct meets_list *m,
           bool written)
{
	const struct dais_zone *z = &p->conf.zone;
	char a[DAIS_TIMEBUF];
	size_t i, n = 0;

	printf("{\n  \"requests\": %zu,\n  \"asked\": %zu,\n  \"placed\": "
	       "%zu,\n",
	       reqs->n, r->asked, r->placed);
	printf("  \"priority_asked\": %d,\n  \"priority_placed\": %d,\n",
	       r->priority_asked, r->priority_placed);
	printf("  \"lp_bound\": %.3f,\n  \"bound_simple\": %s,\n"
	       "  \"optimal\": %s,\n  \"gap\": %.3f,\n",
	       r->lp_bound, r->bound_simple ? "true" : "false",
	       r->optimal ? "true" : "false", r->gap);
	printf("  \"candidates\": %zu,\n  \"constraints\": %zu,\n"
	       "  \"seconds\": %.3f,\n  \"written\": %s,\n",
	       r->ncandidates, r->nrows, r->seconds,
	       written ? "true" : "false");
	printf("  \"placements\": [");
	for (i = 0; i < r->n; i++) {
		const struct session *s = &r->v[i].session;

		printf("%s\n    {\"request\": ", i ? "," : "");
		cli_json_string(stdout, reqs->v[r->v[i].request].id);
		printf(", \"uid\": ");
		cli_json_string(stdout, s->uid);
		printf(", \"title\": ");
		cli_json_string(stdout, s->title);
		printf(", \"start\": ");
		cli_json_string(stdout, time_fmt_iso(a, z, s->start));
		printf(", \"end\": ");
		cli_json_string(stdout, time_fmt_iso(a, z, s->end));
		printf(", \"room\": ");
		cli_json_string(stdout, s->room_id);
		printf(", \"total_walk_minutes\": %d, \"moved\": %s}",
		       r->v[i].walk, r->v[i].moved ? "true" : "false");
	}
	printf("%s],\n  \"unplaced\": [", r->n ? "\n  " : "");
	for (i = 0; i < r->noutcome; i++) {
		if (r->outcome[i].state != REQUEST_UNPLACED)
			continue;
		printf("%s\n    {\"request\": ", n++ ? "," : "");
		cli_json_string(stdout, reqs->v[i].id);
		printf(", \"priority\": %d, \"reason\": ", reqs->v[i].priority);
		cli_json_string(stdout, r->outcome[i].reason);
		printf("}");
	}
	printf("%s],\n  \"already_meet\": [", n ? "\n  " : "");
	for (i = 0; i < m->n; i++) {
		printf("%s\n    {\"request\": ", i ? "," : "");
		cli_json_string(stdout,
		                reqs->v[r->v[m->v[i].placement].request].id);
		printf(", \"uid\": ");
		cli_json_string(stdout, m->v[i].uid);
		printf(", \"title\": ");
		cli_json_string(stdout, m->v[i].title);
		printf(", \"start\": ");
		cli_json_string(stdout, time_fmt_iso(a, z, m->v[i].start));
		printf(", \"end\": ");
		cli_json_string(stdout, time_fmt_iso(a, z, m->v[i].end));
		printf("}");
	}
	printf("%s],\n  \"kept\": [", m->n ? "\n  " : "");
	for (i = n = 0; i < r->noutcome; i++) {
		if (!r->outcome[i].kept)
			continue;
		printf("%s", n++ ? ", " : "");
		cli_json_string(stdout, reqs->v[i].id);
	}
	printf("]\n}\n");
}

/* ---- Writing it --------------------------------------------------------- */

/* The journal of the plan's edit, and whether it holds it: an append
 * that failed (a full disk) leaves nothing 'dais open' could restore. */
struct plan_journal {
	struct journal *j;
	struct editor *ed;
	bool holds_edits;
};

static void
journal_cb(const struct edit_event *ev, void *arg)
{
	struct plan_journal *pj = arg;
	char *why = NULL;

	/* a later append that works rewrites the journal whole */
	pj->holds_edits = journal_append(pj->j, pj->ed, ev, &why);
	if (!pj->holds_edits) {
		fprintf(stderr, "dais schedule: warning: %s\n", why);
		free(why);
	}
}

/* The files of the programme a failed save wrote all the same (their
 * fingerprints moved), joined with ", "; NULL when none. */
static char *
files_written(const struct programme *p, const uint64_t *before)
{
	struct strlist names = {0};
	char *out = NULL;
	size_t i;

	if (p->file_hash == NULL || before == NULL)
		return NULL;
	for (i = 0; i < p->conf.files.n; i++)
		if (p->file_hash[i] != before[i])
			strlist_add(&names, p->conf.files.v[i]);
	if (names.n > 0)
		out = strlist_join(&names, ", ");
	strlist_clear(&names);
	free(names.v);
	return out;
}

/*
 * Applies the plan as one edit and saves: the journal holds the edit
 * until the files do. Returns the exit status.
 */
static int
write_plan(struct editor *ed, struct request_list *reqs,
           const struct schedule_result *r, size_t *saved)
{
	const struct programme *p = editor_programme(ed);
	struct diag_list diags = {0};
	struct plan_journal pj = {0};
	struct journal *j;
	const char *refusal = NULL;
	uint64_t *before = NULL;
	char *why = NULL, *written;

	j = journal_start(ed, &why);
	if (j == NULL) {
		fprintf(stderr,
		        "dais schedule: warning: %s: saving without a "
		        "recovery journal\n",
		        why);
		free(why);
		why = NULL;
	} else {
		pj.j = j;
		pj.ed = ed;
		pj.holds_edits = true;
		editor_set_callback(ed, journal_cb, &pj);
	}
	if (!schedule_apply(ed, r, &refusal)) {
		fprintf(stderr,
		        "dais schedule: the plan could not be applied: %s "
		        "Nothing was written\n",
		        refusal);
		editor_set_callback(ed, NULL, NULL);
		journal_close(j, true);
		return EXIT_CONFLICTS;
	}
	editor_set_callback(ed, NULL, NULL);
	*saved = 0;
	if (editor_dirty(ed)) {
		struct edit_change *ch = NULL;

		*saved = editor_changes(ed, &ch);
		free(ch);
	}
	if (p->file_hash != NULL) {
		before = xcalloc(p->conf.files.n + 1, sizeof *before);
		memcpy(before, p->file_hash, p->conf.files.n * sizeof *before);
	}
	/* with j, the save's intent is in the journal: a save cut short
	 * is finished by the next open */
	if (*saved > 0 && !programme_save_recoverable(ed, j, &diags)) {
		cli_print_diags(&diags);
		diag_clear(&diags);
		if (j != NULL && pj.holds_edits) {
			fprintf(stderr,
			        "dais schedule: the sessions were not saved; "
			        "'dais open' on the programme offers to "
			        "restore them from its journal\n");
			journal_close(j, false);
			free(before);
			return EXIT_CONFLICTS;
		}
		/* No journal holds the plan, and this process ends: say
		 * what is on disk, and that the plan is made again. */
		journal_close(j, true);
		written = files_written(p, before);
		if (written == NULL)
			fprintf(stderr,
			        "dais schedule: nothing was written; fix the "
			        "cause above (free space on a full disk) and "
			        "run dais schedule again\n");
		else
			fprintf(stderr,
			        "dais schedule: only %s took its part of the "
			        "plan; fix the cause above (free space on a "
			        "full disk) and run dais schedule again, which "
			        "finds what is placed by its UIDs and places "
			        "the rest\n",
			        written);
		free(written);
		free(before);
		return EXIT_CONFLICTS;
	}
	free(before);
	diag_clear(&diags);
	journal_close(j, true);
	schedule_mark_requests(reqs, r);
	if (!requests_save_placed(reqs, &why)) {
		fprintf(stderr,
		        "dais schedule: the sessions were saved, but %s; the "
		        "next run finds them by their UIDs and marks them "
		        "placed\n",
		        why);
		free(why);
		return EXIT_CONFLICTS;
	}
	return EXIT_CLEAN;
}

int
cmd_schedule(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"dry-run", no_argument, NULL, 'n'},
	    {"replan", no_argument, NULL, 'R'},
	    {"time-limit", required_argument, NULL, 't'},
	    {"format", required_argument, NULL, 'f'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct schedule_options o = {0};
	struct schedule_result r = {0};
	struct meets_list meets = {0};
	struct request_list reqs = {0};
	struct programme *p = NULL;
	struct editor *ed = NULL;
	struct lock *lk = NULL;
	const char *dir, *format = "text";
	char *why = NULL, *domain = NULL, *end;
	bool dry_run = false, written = false;
	size_t saved = 0;
	int opt, status = EXIT_BAD_INPUT;
	size_t i;

	o.time_limit = SCHEDULE_DEFAULT_TIME_LIMIT;
	optind = 1;
	while ((opt = getopt_long(argc, argv, ":nRt:f:h", longopts, NULL)) !=
	       -1) {
		switch (opt) {
		case 'n':
			dry_run = true;
			break;
		case 'R':
			o.replan = true;
			break;
		case 't':
			o.time_limit = strtod(optarg, &end);
			if (*optarg == '\0' || *end != '\0' ||
			    o.time_limit < 0) {
				fprintf(stderr,
				        "dais schedule: --time-limit %s: give "
				        "seconds, such as 30 (0: no limit)\n",
				        optarg);
				return EXIT_BAD_INPUT;
			}
			break;
		case 'f':
			format = optarg;
			if (strcmp(format, "text") != 0 &&
			    strcmp(format, "json") != 0) {
				fprintf(stderr,
				        "dais schedule: --format %s: use text "
				        "or json\n",
				        optarg);
				return EXIT_BAD_INPUT;
			}
			break;
		case 'h':
			cli_print_help(stdout, cli_find("schedule"));
			return EXIT_CLEAN;
		default:
			return cli_option_error("schedule", opt, argv,
			                        longopts);
		}
	}
	if (argc - optind > 1) {
		fprintf(stderr, "dais schedule: one programme directory at a "
		                "time\n");
		return EXIT_BAD_INPUT;
	}
	dir = optind < argc ? argv[optind] : cli_default_dir();
	if (!dry_run) {
		int rc;

		if ((lk = cli_take_lock("schedule", dir, SCHEDULE_HELD, &rc)) ==
		    NULL)
			return rc;
		if (cli_journal_in_the_way("schedule", dir, "run again")) {
			lock_release(lk);
			return EXIT_CONFLICTS;
		}
	}
	if ((p = cli_load(dir)) == NULL)
		goto out;
	if (!cli_load_requests("schedule", p, dir, &reqs))
		goto out;
	if (reqs.n == 0) {
		printf("%s: no requests to place.\n",
		       reqs.exists ? reqs.path : "no requests.ini");
		status = EXIT_CLEAN;
		goto out;
	}
	ed = editor_new(p); /* sorts p, as the plan needs */
	domain = uid_domain_of(p);
	o.domain = domain;
	if (!schedule_plan(p, &reqs, &o, &r, &why)) {
		fprintf(stderr, "dais schedule: %s\n", why);
		status = EXIT_CONFLICTS;
		goto out;
	}
	meets_find(p, &reqs, &r, &meets);
	status = EXIT_CLEAN;
	if (!dry_run) {
		bool marks = false;

		/* Requests whose placed line changes (those found placed
		 * by their UID alone among them). */
		for (i = 0; i < reqs.n && !marks; i++)
			marks = r.outcome[i].state == REQUEST_PLACED
			            ? reqs.v[i].placed == NULL ||
			                  strcmp(reqs.v[i].placed,
			                         r.outcome[i].uid) != 0
			            : reqs.v[i].placed != NULL;
		if (marks || r.n > 0 || r.remove.n > 0) {
			status = write_plan(ed, &reqs, &r, &saved);
			written = status == EXIT_CLEAN && (saved > 0 || marks);
		}
	}
	if (strcmp(format, "json") == 0)
		print_json(p, &reqs, &r, &meets, written);
	else {
		print_text(p, &reqs, &r, &meets, o.replan);
		if (dry_run)
			printf("\nDry run: nothing was written.\n");
		else if (written && saved > 0)
			printf("\nSaved %zu changed session%s; %s marks the "
			       "placed requests.\n",
			       saved, saved == 1 ? "" : "s", reqs.path);
		else if (status == EXIT_CLEAN)
			printf("\nNothing changed in the sessions.\n");
	}
	if (status == EXIT_CLEAN && r.placed < r.asked)
		status = EXIT_CONFLICTS;
out:
	meets_clear(&meets);
	schedule_result_clear(&r);
	request_list_clear(&reqs);
	editor_free(ed);
	programme_free(p);
	lock_release(lk);
	free(domain);
	free(why);
	return status;
}
