/*
 * cmd_check.c: `dais check`: load a programme and list its conflicts,
 * grouped by day in time order, as text for people or JSON for scripts.
 * The JSON shape is documented in dais(1) and kept stable.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "dais/conflict.h"
#include "dais/journal.h"
#include "dais/requests.h"
#include "dais/textwidth.h"
#include "dais/xalloc.h"

static const char *
room_name(const struct programme *p, const struct session *s)
{
	const struct room *r = programme_find_room(p, s->room_id);

	if (r != NULL)
		return r->name;
	if (s->location != NULL)
		return s->location;
	return s->room_id != NULL ? s->room_id : "(no room)";
}

static void
print_json(const struct programme *p, const struct conflict_list *cl,
           size_t request_errors)
{
	const struct dais_zone *z = &p->conf.zone;
	char b1[DAIS_TIMEBUF], b2[DAIS_TIMEBUF];
	size_t i, j;

	printf("{\n  \"programme\": ");
	cli_json_string(stdout, p->conf.name);
	printf(",\n  \"directory\": ");
	cli_json_string(stdout, p->dir);
	printf(",\n  \"timezone\": ");
	cli_json_string(stdout, z->name);
	printf(",\n  \"errors\": %zu,\n  \"warnings\": %zu,\n",
	       conflict_count(cl, SEVERITY_ERROR),
	       conflict_count(cl, SEVERITY_WARNING));
	/* only when there are some: the usual document stays as it was */
	if (request_errors > 0)
		printf("  \"requests_errors\": %zu,\n", request_errors);
	printf("  \"conflicts\": [");
	for (i = 0; i < cl->n; i++) {
		const struct conflict *c = &cl->v[i];

		printf("%s\n    {\n      \"kind\": \"%s\",\n"
		       "      \"severity\": \"%s\",\n",
		       i ? "," : "", conflict_kind_name(c->kind),
		       severity_name(c->severity));
		printf("      \"day\": \"%s\",\n",
		       date_fmt_iso(b1, time_local_date(z, c->start)));
		printf("      \"start\": \"%s\",\n      \"end\": \"%s\",\n",
		       time_fmt_iso(b1, z, c->start),
		       time_fmt_iso(b2, z, c->end));
		printf("      \"room\": ");
		cli_json_string(stdout, c->room_id);
		printf(",\n      \"participant\": ");
		cli_json_string(stdout, c->participant_id);
		printf(",\n      \"message\": ");
		cli_json_string(stdout, c->message);
		printf(",\n      \"sessions\": [");
		for (j = 0; j < c->nsessions; j++) {
			const struct session *s = &p->sessions[c->sessions[j]];

			printf("%s\n        {\"uid\": ", j ? "," : "");
			cli_json_string(stdout, s->uid);
			printf(", \"recurrence_id\": ");
			if (s->recurrence_id == DAIS_TIME_NONE)
				printf("null");
			else
				printf("\"%s\"",
				       time_fmt_iso(b1, z, s->recurrence_id));
			printf(", \"title\": ");
			cli_json_string(stdout, s->title);
			printf(", \"room\": ");
			cli_json_string(stdout, s->room_id);
			printf(", \"start\": \"%s\", \"end\": \"%s\"}",
			       time_fmt_iso(b1, z, s->start),
			       time_fmt_iso(b2, z, s->end));
		}
		printf("\n      ]\n    }");
	}
	printf("%s]\n}\n", cl->n ? "\n  " : "");
}

/* Conflicts come sorted by start, so each day's are contiguous. */
static void
print_text(const struct programme *p, const struct conflict_list *cl,
           size_t request_errors)
{
	const struct dais_zone *z = &p->conf.zone;
	size_t errors = conflict_count(cl, SEVERITY_ERROR);
	size_t warnings = conflict_count(cl, SEVERITY_WARNING);
	char b1[DAIS_TIMEBUF], b2[DAIS_TIMEBUF];
	struct dais_date day = {0, 0, 0};
	size_t i, j;

	printf("%s: %zu session%s, ", p->conf.name ? p->conf.name : p->dir,
	       p->nsessions, p->nsessions == 1 ? "" : "s");
	if (cl->n == 0)
		printf("no conflicts.\n");
	else
		printf("%zu error%s, %zu warning%s.\n", errors,
		       errors == 1 ? "" : "s", warnings,
		       warnings == 1 ? "" : "s");
	/* The summary is what a reader of standard output (a pipe, a mail)
	 * sees: it says why the exit status is 1 when no conflict is. */
	if (request_errors > 0)
		printf("%s has %zu error%s (named on standard error): the "
		       "conflicts are checked without it.\n",
		       REQUESTS_FILE, request_errors,
		       request_errors == 1 ? "" : "s");
	if (cl->n == 0)
		return;
	for (i = 0; i < cl->n; i++) {
		const struct conflict *c = &cl->v[i];
		struct dais_date d = time_local_date(z, c->start);
		char *label, *line;

		if (i == 0 || date_compare(d, day) != 0) {
			day = d;
			printf("\n%s%s\n", date_fmt_long(b1, d),
			       programme_day_of(p, c->start) < 0
			           ? " (not a conference day)"
			           : "");
		}
		label = text_fit(conflict_kind_label(c->kind), 27);
		printf("  %-7s  %s %s-%s\n", severity_name(c->severity), label,
		       time_fmt_hm(b1, z, c->start),
		       time_fmt_hm(b2, z, c->end));
		free(label);
		printf("           %s\n", c->message);
		for (j = 0; j < c->nsessions; j++) {
			const struct session *s = &p->sessions[c->sessions[j]];

			line = text_fit(room_name(p, s), 24);
			printf("           %s-%s  %s  %s\n",
			       time_fmt_hm(b1, z, s->start),
			       time_fmt_hm(b2, z, s->end), line,
			       s->title ? s->title : "(untitled)");
			free(line);
		}
	}
}

/*
 * check reads the files; unsaved edits left by a planner that did not
 * close are not in them, so it says they exist (on standard error, so
 * the report itself stays what the files hold).
 */
static void
note_journal(const char *dir)
{
	struct journal_found f;
	char *why = NULL;
	int r = journal_find(dir, &f, &why);

	if (r < 0) {
		fprintf(stderr,
		        "dais: note: %s; 'dais open %s' keeps it aside\n", why,
		        dir);
		free(why);
	} else if (r > 0 && f.nedits > 0 && !journal_changes_nothing(&f)) {
		char *touched = journal_touched_text(&f);

		fprintf(stderr,
		        "dais: note: %s holds %zu unsaved edit%s to %s, not in "
		        "the files checked here; 'dais open %s' offers to "
		        "restore them\n",
		        f.path, f.nedits, f.nedits == 1 ? "" : "s", touched,
		        dir);
		free(touched);
	}
	journal_found_free(&f);
}

/* The programme checked, left to the end of the process (cmd_check);
 * volatile, or the compiler drops a store nothing reads, and the
 * programme looks lost. */
static struct programme *volatile kept_for_exit;

int
cmd_check(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"format", required_argument, NULL, 'f'},
	    {NULL, 0, NULL, 0},
	};
	struct conflict_list cl = {0};
	size_t request_errors;
	struct programme *p;
	const char *dir, *format = "text";
	int ch, status;

	optind = 1;
	while ((ch = getopt_long(argc, argv, ":f:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			format = optarg;
			break;
		default:
			return cli_option_error("check", ch, argv, longopts);
		}
	}
	if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0) {
		fprintf(stderr,
		        "dais check: no format '%s'; use text or "
		        "json\n",
		        format);
		return EXIT_BAD_INPUT;
	}
	if (argc - optind > 1) {
		fprintf(stderr, "dais check: one programme directory at a "
		                "time\n");
		return EXIT_BAD_INPUT;
	}
	dir = optind < argc ? argv[optind] : cli_default_dir();
	if ((p = cli_load(dir)) == NULL)
		return EXIT_BAD_INPUT;
	/* requests.ini is checked and its errors reported, but it holds
	 * requests, not sessions: a typo in it (a file the protocol office
	 * edits all day) must not hide the programme's conflicts. Its errors
	 * count as errors for the exit status. */
	request_errors = cli_check_requests(p, dir);
	note_journal(dir);
	conflict_check(p, &cl);
	if (strcmp(format, "json") == 0)
		print_json(p, &cl, request_errors);
	else
		print_text(p, &cl, request_errors);
	status = conflict_count(&cl, SEVERITY_ERROR) > 0 || request_errors > 0
	             ? EXIT_CONFLICTS
	             : EXIT_CLEAN;
	conflict_list_clear(&cl);
	/* The process ends here: freeing 10 000 sessions one by one cost
	 * 7.7 M instructions that exit does not need. Kept reachable, so
	 * that leak checkers (valgrind, LeakSanitizer) see it is not lost. */
	kept_for_exit = p;
	return status;
}
