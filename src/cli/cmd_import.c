/*
 * cmd_import.c: `dais import SRC... DIR`: other clients' calendars into
 * the programme in DIR, linked to its rooms and people (import_ics.h).
 * The import is first made in a trial copy of the programme (or a new one)
 * and loaded there through every loader check; only when that load holds
 * is it written into DIR. --dry-run is the same run without that last
 * step, so it gives the real run's verdict and exit status.
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "dais/diag.h"
#include "dais/fileread.h"
#include "dais/import_ics.h"
#include "dais/init.h"
#include "dais/journal.h"
#include "dais/load.h"
#include "dais/lock.h"
#include "dais/scratchdir.h"
#include "dais/strbuf.h"
#include "dais/xalloc.h"

/* What to do when a planner holds the programme (cli_take_lock). */
#define IMPORT_HELD                                                            \
	"nothing was imported; save there and quit it, then import "           \
	"again (--dry-run shows what would come in)"

/* ---- The trial copy ----------------------------------------------------- */

/* Deeper than any programme's folders: a symbolic link looping back to a
 * parent ends here rather than filling the disk. */
#define TRIAL_MAX_DEPTH 16

static bool
copy_file(const char *from, const char *to, char **why)
{
	size_t len;
	char *text = fileread_all(from, (size_t)1 << 30, &len, why);
	FILE *f;
	bool ok;

	if (text == NULL)
		return false;
	if ((f = fopen(to, "wb")) == NULL) {
		*why = xasprintf("cannot write %s: %s", to, strerror(errno));
		free(text);
		return false;
	}
	ok = fwrite(text, 1, len, f) == len;
	ok = fclose(f) == 0 && ok;
	if (!ok)
		*why = xasprintf("cannot write %s: %s", to, strerror(errno));
	free(text);
	return ok;
}

/* The programme directory `from` into `to` (made): what the loader reads.
 * dais's own state (.dais-lock, the journal, temporaries) stays behind. */
static bool
copy_tree(const char *from, const char *to, int depth, char **why)
{
	struct dirent *e;
	bool ok = true;
	DIR *d;

	if (depth > TRIAL_MAX_DEPTH) {
		*why = xasprintf("%s is nested too deep (a symbolic link "
		                 "loop?)",
		                 from);
		return false;
	}
	if (mkdir(to, 0700) != 0) {
		*why = xasprintf("cannot make %s: %s", to, strerror(errno));
		return false;
	}
	if ((d = opendir(from)) == NULL) {
		*why = xasprintf("cannot read %s: %s", from, strerror(errno));
		return false;
	}
	while (ok && (e = readdir(d)) != NULL) {
		struct stat st;
		char *src, *dst;

		if (strcmp(e->d_name, ".") == 0 ||
		    strcmp(e->d_name, "..") == 0 ||
		    strncmp(e->d_name, ".dais-", 6) == 0)
			continue;
		src = xasprintf("%s/%s", from, e->d_name);
		dst = xasprintf("%s/%s", to, e->d_name);
		if (stat(src, &st) != 0)
			; /* a dangling link: the loader says so in DIR */
		else if (S_ISDIR(st.st_mode))
			ok = copy_tree(src, dst, depth + 1, why);
		else if (S_ISREG(st.st_mode))
			ok = copy_file(src, dst, why);
		free(src);
		free(dst);
	}
	closedir(d);
	return ok;
}

/* s with every `from` replaced by `to` (the caller frees it). */
static char *
replaced(const char *s, const char *from, const char *to)
{
	struct strbuf b = {0};
	size_t n = strlen(from);
	const char *at;

	while ((at = strstr(s, from)) != NULL) {
		strbuf_add(&b, s, (size_t)(at - s));
		strbuf_addstr(&b, to);
		s = at + n;
	}
	strbuf_addstr(&b, s);
	return strbuf_take(&b);
}

/*
 * Prints the trial load's messages as they are for the user: a path in
 * the trial is DIR's, and a calendar the import made is named by its
 * source, without a line (it is of the calendar as dais wrote it, not of
 * the source; the session's UID names the event). With imported_only, the
 * warnings of the programme's own files (said when it was read) are left
 * out.
 */
static void
print_trial_diags(const struct diag_list *d, const char *tdir, const char *dir,
                  const struct import_ics_result *r, bool imported_only)
{
	size_t i, k, tl = strlen(tdir);

	for (i = 0; i < d->n; i++) {
		struct diag c = d->v[i];
		char *file = NULL, *msg, *line;
		bool imported = false;

		if (c.file != NULL && strncmp(c.file, tdir, tl) == 0 &&
		    c.file[tl] == '/') {
			for (k = 0; k < r->n && !imported; k++)
				imported =
				    strcmp(c.file + tl + 1, r->v[k].name) == 0;
			if (imported) {
				file = xstrdup(r->v[k - 1].source);
				c.line = 0;
			} else {
				file = xasprintf("%s/%s", dir, c.file + tl + 1);
			}
		}
		if (imported_only && !imported && c.level != DIAG_ERROR) {
			free(file);
			continue;
		}
		msg = replaced(c.message, tdir, dir);
		c.message = msg;
		if (file != NULL)
			c.file = file;
		line = diag_format(&c);
		fprintf(stderr, "%s\n", line);
		free(line);
		free(msg);
		free(file);
	}
}

/* A new scratch directory for the trial (scratchdir.h: one a killed
 * import left is removed here); NULL after saying why. */
static struct scratchdir *
make_trial(void)
{
	char *why = NULL;
	struct scratchdir *t = scratchdir_make("dais-import", &why);

	if (t == NULL) {
		fprintf(stderr,
		        "dais import: %s (to try the import in). Nothing "
		        "imported\n",
		        why);
		free(why);
	}
	return t;
}

/* Test hook: DAIS_TEST_KILL=import-trial ends the import with SIGKILL
 * once its trial copy is made, as a kill -9 or a power cut would. */
static void
killed_for_test(const char *point)
{
	const char *at = getenv("DAIS_TEST_KILL");

	if (at != NULL && strcmp(at, point) == 0)
		kill(getpid(), SIGKILL);
}

/* ---- The command -------------------------------------------------------- */

int
cmd_import(int argc, char **argv)
{
	static const struct option longs[] = {
	    {"dry-run", no_argument, NULL, 'n'},
	    {"all-dates", no_argument, NULL, 'A'},
	    {"name", required_argument, NULL, 'N'},
	    {"timezone", required_argument, NULL, 'z'},
	    {"days", required_argument, NULL, 'd'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0}};
	struct import_ics_result r = {0};
	struct diag_list d = {0};
	struct programme *real = NULL, *p = NULL, *again;
	struct lock *lk = NULL;
	bool dry = false, all_dates = false, fresh;
	struct scratchdir *trial = NULL;
	char *tdir = NULL, *why = NULL;
	const char *dir, *name = NULL, *zone = NULL, *days = NULL, *held, *base;
	const char *const *srcs;
	size_t i, nsrcs;
	int c, rc = EXIT_BAD_INPUT;

	optind = 1;
	while ((c = getopt_long(argc, argv, ":nN:z:d:h", longs, NULL)) != -1) {
		switch (c) {
		case 'n':
			dry = true;
			break;
		case 'A':
			all_dates = true;
			break;
		case 'N':
			name = optarg;
			break;
		case 'z':
			zone = optarg;
			break;
		case 'd':
			days = optarg;
			break;
		case 'h':
			cli_print_help(stdout, cli_find("import"));
			return EXIT_CLEAN;
		default:
			return cli_option_error("import", c, argv, longs);
		}
	}
	if (argc - optind < 2) {
		fprintf(stderr,
		        "dais import: name the calendars to take in and "
		        "the programme directory: dais import SRC... "
		        "DIR\n");
		return EXIT_BAD_INPUT;
	}
	dir = argv[argc - 1];
	srcs = (const char *const *)argv + optind;
	nsrcs = (size_t)(argc - optind - 1);
	fresh = zone != NULL || days != NULL;
	if (fresh && (held = init_existing_file(dir)) != NULL) {
		fprintf(stderr,
		        "dais import: %s already holds a programme (%s): "
		        "import into it without --timezone and --days, or name "
		        "a new directory\n",
		        dir, held);
		return EXIT_CONFLICTS;
	}
	if (!fresh && !dry) {
		if ((lk = cli_take_lock("import", dir, IMPORT_HELD, &rc)) ==
		    NULL)
			return rc;
		if (cli_journal_in_the_way("import", dir, "import again")) {
			lock_release(lk);
			return EXIT_CONFLICTS;
		}
	}
	if (!fresh && (real = cli_load(dir)) == NULL) {
		lock_release(lk);
		return EXIT_BAD_INPUT;
	}
	/* The trial: the programme's copy (or the new one), under DIR's own
	 * name, where the import is written and loaded first. */
	if ((trial = make_trial()) == NULL)
		goto out;
	base = strrchr(dir, '/') != NULL && strrchr(dir, '/')[1] != '\0'
	           ? strrchr(dir, '/') + 1
	           : dir;
	tdir = xasprintf("%s/%s", scratchdir_path(trial), base);
	if (fresh) {
		/* dais init's own checks; it says nothing until the import
		 * holds. */
		rc = cli_init(tdir, name ? name : "Imported programme",
		              zone ? zone : "", days ? days : "", NULL, false);
		if (rc != EXIT_CLEAN)
			goto out;
		rc = EXIT_BAD_INPUT;
	} else if (!copy_tree(dir, tdir, 0, &why)) {
		fprintf(stderr,
		        "dais import: cannot copy %s to try the import: %s. "
		        "Nothing imported\n",
		        dir, why);
		rc = EXIT_CONFLICTS;
		goto out;
	}
	killed_for_test("import-trial");
	p = programme_load(tdir, &d);
	if (diag_count(&d, DIAG_ERROR) > 0) {
		print_trial_diags(&d, tdir, dir, &r, false);
		fprintf(stderr,
		        "dais import: %s does not load; nothing "
		        "imported\n",
		        dir);
		goto out;
	}
	diag_clear(&d);
	r.all_dates = all_dates;
	if (!import_ics_read(p, srcs, nsrcs, &r, &d)) {
		cli_print_diags(&d);
		fprintf(stderr, "dais import: nothing imported\n");
		goto out;
	}
	cli_print_diags(&d);
	diag_clear(&d);
	for (i = 0; i < r.report.n; i++)
		printf("%s\n", r.report.v[i]);
	if (!import_ics_write(p, &r, &why)) {
		char *msg = replaced(why, tdir, dir);

		fprintf(stderr, "dais import: %s; nothing imported\n", msg);
		free(msg);
		rc = EXIT_CONFLICTS;
		goto out;
	}
	/* What was written goes through the loader's checks like any file. */
	again = programme_load(tdir, &d);
	programme_free(again);
	print_trial_diags(&d, tdir, dir, &r, !fresh);
	if (diag_count(&d, DIAG_ERROR) > 0) {
		fprintf(stderr, "dais import: the imported calendars do not "
		                "load (above); nothing imported\n");
		goto out;
	}
	if (!dry) {
		if (fresh) {
			rc = cli_init(dir, name ? name : "Imported programme",
			              zone, days ? days : "", NULL, true);
			if (rc != EXIT_CLEAN)
				goto out;
			rc = EXIT_BAD_INPUT;
			if ((lk = cli_take_lock("import", dir, IMPORT_HELD,
			                        &rc)) == NULL)
				goto out;
			if ((real = cli_load(dir)) == NULL)
				goto out;
		}
		if (!import_ics_write(real, &r, &why)) {
			fprintf(stderr, "dais import: %s; nothing imported\n",
			        why);
			rc = EXIT_CONFLICTS;
			goto out;
		}
	} else if (fresh) {
		printf("%s: a new programme would be made there (dry run)\n",
		       dir);
	}
	{
		struct strlist summary = {0};

		import_ics_summary(&r, dry ? "would go to" : "written to",
		                   dry ? " (dry run: nothing written)" : "",
		                   &summary);
		for (i = 0; i < summary.n; i++)
			printf("%s\n", summary.v[i]);
		strlist_clear(&summary);
	}
	rc = EXIT_CLEAN;
out:
	scratchdir_free(trial);
	free(tdir);
	free(why);
	diag_clear(&d);
	import_ics_result_free(&r);
	programme_free(p);
	programme_free(real);
	lock_release(lk);
	return rc;
}
