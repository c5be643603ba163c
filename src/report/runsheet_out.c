/*
 * runsheet_out.c: the run-sheet's ways out. The options and their check
 * against the programme, then the document (runsheet.c) rendered as text
 * or PDF to a stream, to a file atomically, or to a print command.
 */
#include "dais/runsheet.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dais/atomicfile.h"
#include "dais/export.h"
#include "dais/xalloc.h"
#include "runsheet_doc.h"

void
runsheet_options_init(struct runsheet_options *o)
{
	memset(o, 0, sizeof *o);
	o->format = RUNSHEET_TEXT;
	o->page_length = RUNSHEET_PAGE_LENGTH;
	o->produced = DAIS_TIME_NONE;
}

bool
runsheet_pdf_available(void)
{
#ifdef DAIS_HAVE_PDF
	return true;
#else
	return false;
#endif
}

static int
find_day(const struct programme *p, struct dais_date d)
{
	size_t i;

	for (i = 0; i < p->conf.ndays; i++)
		if (date_compare(p->conf.days[i], d) == 0)
			return (int)i;
	return -1;
}

static char *
list_rooms(const struct programme *p)
{
	char *s = xstrdup(""), *t;
	size_t i;

	for (i = 0; i < p->nrooms; i++) {
		t = xasprintf("%s%s%s", s, i ? ", " : "", p->rooms[i].id);
		free(s);
		s = t;
	}
	return s;
}

bool
runsheet_check(const struct programme *p, const struct runsheet_options *o,
               char **why)
{
	char buf[DAIS_TIMEBUF], *list;

	if (o->format == RUNSHEET_PDF && !runsheet_pdf_available()) {
		*why = xstrdup("this dais was built without PDF support "
		               "(meson option pdf); use the text format");
		return false;
	}
	if (o->format == RUNSHEET_TEXT && o->page_length != 0 &&
	    o->page_length < RUNSHEET_MIN_PAGE_LENGTH) {
		*why = xasprintf("a page of %d lines cannot hold the header, "
		                 "footer and a session; give at least %d, or 0 "
		                 "for no pages",
		                 o->page_length, RUNSHEET_MIN_PAGE_LENGTH);
		return false;
	}
	if (p->conf.ndays == 0) {
		*why = xstrdup("the programme has no conference days; add "
		               "days to conference.ini");
		return false;
	}
	if (!o->all_days && find_day(p, o->day) < 0) {
		list = programme_days_text(p);
		*why = xasprintf("%s is not a day of %s; its days are %s",
		                 date_valid(o->day) ? date_fmt_iso(buf, o->day)
		                                    : "that date",
		                 p->conf.name ? p->conf.name : "the conference",
		                 list);
		free(list);
		return false;
	}
	if (o->for_id != NULL) {
		struct export_options eo;

		/* The same answer, and the same "did you mean", as export
		 * --for gives. */
		export_options_init(&eo);
		eo.for_id = o->for_id;
		if (!export_check(p, &eo, why))
			return false;
		if (o->room_id != NULL) {
			*why = xstrdup("a personal programme follows its "
			               "participant from room to room; give "
			               "--for or --room, not both");
			return false;
		}
	}
	if (o->room_id != NULL && programme_find_room(p, o->room_id) == NULL) {
		list = list_rooms(p);
		*why = xasprintf("no room '%s' in venues.ini; the room ids are "
		                 "%s",
		                 o->room_id, p->nrooms ? list : "(none)");
		free(list);
		return false;
	}
	return true;
}

/* --- the ways out ------------------------------------------------------- */

static char *
what_label(const struct runsheet_options *o, const struct programme *p)
{
	char buf[DAIS_TIMEBUF];
	const char *days = o->all_days
	                       ? (p->conf.ndays > 1 ? "every day" : "the day")
	                       : date_fmt_iso(buf, o->day);

	if (o->for_id != NULL)
		return xasprintf("%s programme of %s for %s",
		                 o->format == RUNSHEET_PDF ? "PDF" : "Text",
		                 o->for_id, days);
	return xasprintf("%s run-sheet%s%s for %s",
	                 o->format == RUNSHEET_PDF ? "PDF" : "Text",
	                 o->room_id ? " of room " : "",
	                 o->room_id ? o->room_id : "", days);
}

char *
runsheet_text(const struct programme *p, const struct runsheet_options *o,
              int *pages, char **why)
{
	struct rs_doc *d;
	char *text;
	int n;

	if (!runsheet_check(p, o, why))
		return NULL;
	d = rs_doc_build(p, o);
	text = rs_text_render(d, o->page_length, &n);
	rs_doc_free(d);
	if (pages != NULL)
		*pages = n;
	return text;
}

bool
runsheet_write(const struct programme *p, const struct runsheet_options *o,
               FILE *out, char **msg)
{
	char *why = NULL, *what;
	int pages = 0;
	bool ok = true;

	if (!runsheet_check(p, o, &why)) {
		give_or_free(msg, why);
		return false;
	}
	if (o->format == RUNSHEET_PDF) {
		struct rs_doc *d = rs_doc_build(p, o);

		ok = rs_pdf_render(d, out, &pages, &why);
		rs_doc_free(d);
	} else {
		char *text = runsheet_text(p, o, &pages, &why);

		if (fputs(text, out) == EOF) {
			ok = false;
			why = xasprintf("could not write the run-sheet: %s",
			                strerror(errno));
		}
		free(text);
	}
	if (ok && (fflush(out) == EOF || ferror(out))) {
		ok = false;
		why = xasprintf("could not write the run-sheet: %s",
		                strerror(errno));
	}
	if (!ok) {
		give_or_free(
		    msg, why ? why : xstrdup("could not write the run-sheet"));
		return false;
	}
	what = what_label(o, p);
	give_or_free(msg, xasprintf("%s: %d page%s", what, pages,
	                            pages == 1 ? "" : "s"));
	free(what);
	return true;
}

bool
runsheet_save(const struct programme *p, const struct runsheet_options *o,
              const char *path, char **msg)
{
	struct atomicfile *af;
	char *why = NULL, *done = NULL;

	if (!runsheet_check(p, o, &why)) {
		give_or_free(msg, why);
		return false;
	}
	if ((af = atomicfile_open(path, &why)) == NULL) {
		give_or_free(msg, why);
		return false;
	}
	if (!runsheet_write(p, o, atomicfile_stream(af), &done)) {
		atomicfile_abort(af);
		/* The cause alone ("error while writing to output stream")
		 * would not say which file. */
		give_or_free(msg, xasprintf("%s: %s; nothing was written there",
		                            path, done));
		free(done);
		return false;
	}
	if (!atomicfile_commit(af, &why)) {
		free(done);
		give_or_free(msg, why);
		return false;
	}
	give_or_free(msg, xasprintf("%s, written to %s", done, path));
	free(done);
	return true;
}

/* The first line of what a failed print command said, or "". */
static char *
first_line(FILE *f)
{
	char buf[256];
	size_t n;

	rewind(f);
	n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return xstrdup(buf);
}

bool
runsheet_print(const struct programme *p, const struct runsheet_options *o,
               const char *command, char **msg)
{
	FILE *in = NULL, *said = NULL;
	char *why = NULL, *done = NULL, *line;
	pid_t pid;
	int status;

	if (command == NULL || *command == '\0') {
		give_or_free(msg, xstrdup("no print command given (for example "
		                          "lpr)"));
		return false;
	}
	/*
	 * The sheet goes through a temporary file rather than a pipe, so a
	 * command that exits early cannot raise SIGPIPE in the caller.
	 */
	if ((in = tmpfile()) == NULL || (said = tmpfile()) == NULL) {
		give_or_free(msg,
		             xasprintf("cannot make a temporary file to print "
		                       "from: %s",
		                       strerror(errno)));
		if (in != NULL)
			fclose(in);
		return false;
	}
	if (!runsheet_write(p, o, in, &done)) {
		fclose(in);
		fclose(said);
		give_or_free(msg, done);
		return false;
	}
	rewind(in);
	fflush(said);
	pid = fork();
	if (pid < 0) {
		why = xasprintf("cannot start '%s': %s", command,
		                strerror(errno));
	} else if (pid == 0) {
		dup2(fileno(in), STDIN_FILENO);
		dup2(fileno(said), STDOUT_FILENO);
		dup2(fileno(said), STDERR_FILENO);
		execl("/bin/sh", "sh", "-c", command, (char *)NULL);
		_exit(127);
	} else {
		pid_t got;

		while ((got = waitpid(pid, &status, 0)) < 0 && errno == EINTR)
			;
		/* got < 0: the caller reaped it already; it was handed over. */
		if (got >= 0 &&
		    (!WIFEXITED(status) || WEXITSTATUS(status) != 0)) {
			line = first_line(said);
			why = xasprintf("'%s' failed (%s %d)%s%s", command,
			                WIFEXITED(status) ? "exit status"
			                                  : "signal",
			                WIFEXITED(status) ? WEXITSTATUS(status)
			                                  : WTERMSIG(status),
			                *line ? ": " : "", line);
			free(line);
		}
	}
	fclose(in);
	fclose(said);
	if (why != NULL) {
		free(done);
		give_or_free(msg, why);
		return false;
	}
	give_or_free(msg, xasprintf("%s, sent to '%s'", done, command));
	free(done);
	return true;
}
