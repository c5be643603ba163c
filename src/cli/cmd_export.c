/*
 * cmd_export.c: `dais export`: calendars for participants (the whole
 * programme, a day, one participant's sessions, or one file each), a thin
 * wrapper over export.h, which the planner calls too; and the public
 * programme as a frab schedule (export_frab.h) or a web page
 * (export_html.h).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "dais/export.h"
#include "dais/export_frab.h"
#include "dais/export_html.h"
#include "dais/source_date.h"
#include "dais/xalloc.h"

enum export_format {
	FORMAT_ICS,
	FORMAT_FRAB,
	FORMAT_HTML,
};

static const char *const format_names[] = {"ics", "frab", "html"};

static int
usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "dais export: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n'dais export --help' shows how to call it\n");
	return EXIT_BAD_INPUT;
}

/*
 * The frab schedule or the HTML page of p (export_frab.h, export_html.h).
 * Only in dais's helper, which links libxml2: dais has sent those formats
 * there before coming this far (cmd_export).
 */
static char *
export_document(const struct programme *p, const struct export_options *o,
                enum export_format format, size_t *n, char **msg)
{
#ifdef DAIS_HELPER
	return format == FORMAT_FRAB ? export_frab(p, o, n, msg)
	                             : export_html(p, o, n, msg);
#else
	(void)p;
	(void)o;
	(void)format;
	(void)n;
	(void)msg;
	abort();
#endif
}

int
cmd_export(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"output", required_argument, NULL, 'o'},
	    {"day", required_argument, NULL, 'd'},
	    {"for", required_argument, NULL, 'f'},
	    {"per-participant", required_argument, NULL, 'p'},
	    {"internal", no_argument, NULL, 'i'},
	    {"format", required_argument, NULL, 'F'},
	    {"no-record", no_argument, NULL, 'N'},
	    {NULL, 0, NULL, 0},
	};
	struct export_options o;
	struct programme *p;
	const char *dir, *output = NULL, *outdir = NULL;
	char *msg = NULL, *why = NULL;
	int ch, status = EXIT_CLEAN;
	enum export_format format = FORMAT_ICS;
	struct published *published = NULL;
	bool ok, record = true;
	size_t i;

	export_options_init(&o);
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":o:d:f:p:iF:N", longopts,
	                         NULL)) != -1) {
		switch (ch) {
		case 'o':
			output = optarg;
			break;
		case 'd':
			if (!date_parse(optarg, &o.day))
				return usage_error("'%s' is not a date; "
				                   "write it as YYYY-MM-DD, "
				                   "e.g. 2026-11-04",
				                   optarg);
			o.by_day = true;
			break;
		case 'f':
			o.for_id = optarg;
			break;
		case 'p':
			outdir = optarg;
			break;
		case 'i':
			o.internal = true;
			break;
		case 'N':
			record = false;
			break;
		case 'F':
			for (i = 0;
			     i < sizeof format_names / sizeof *format_names;
			     i++)
				if (strcmp(optarg, format_names[i]) == 0)
					break;
			if (i == sizeof format_names / sizeof *format_names)
				return usage_error("no format '%s'; use ics "
				                   "(calendars), frab (the "
				                   "schedule.xml of conference "
				                   "apps) or html (a web page)",
				                   optarg);
			format = (enum export_format)i;
			break;
		default:
			return cli_option_error("export", ch, argv, longopts);
		}
	}
	if (argc - optind > 1)
		return usage_error("one programme directory at a time, not "
		                   "also '%s'",
		                   argv[optind + 1]);
	if (outdir != NULL && output != NULL)
		return usage_error("%s", "give either -o FILE or "
		                         "--per-participant DIR, not both");
	if (outdir != NULL && o.for_id != NULL)
		return usage_error("%s", "--for and --per-participant do "
		                         "not go together: --per-participant "
		                         "already makes one file per id");
	if (format != FORMAT_ICS && o.internal)
		return usage_error("--internal is for the .ics calendar of the "
		                   "secretariat; --format %s is the public "
		                   "programme only",
		                   format_names[format]);
	if (format != FORMAT_ICS && (o.for_id != NULL || outdir != NULL))
		return usage_error(
		    "--format %s is the whole public programme "
		    "(or one --day); --for and --per-participant "
		    "make .ics calendars",
		    format_names[format]);
	/* Every event's DTSTAMP (and the web page's "published") is one
	 * time, SOURCE_DATE_EPOCH's when set, as the run-sheet's is. */
	if (!source_date_now(&o.stamp, &why)) {
		fprintf(stderr, "dais export: %s\n", why);
		free(why);
		return EXIT_BAD_INPUT;
	}
	if (outdir == NULL && output == NULL)
		return usage_error("%s", "say where the calendar goes: -o "
		                         "FILE.ics, or -o - for standard "
		                         "output");
#ifndef DAIS_HELPER
	/* frab and html are written through libxml2, which only dais's
	 * helper loads: the command runs there, before reading anything. */
	if (format != FORMAT_ICS)
		return cli_run_in_helper(format == FORMAT_FRAB
		                             ? "'dais export --format frab'"
		                             : "'dais export --format html'");
#endif
	dir = optind < argc ? argv[optind] : cli_default_dir();
	if ((p = cli_load(dir)) == NULL)
		return EXIT_BAD_INPUT;

	if (!export_check(p, &o, &why)) {
		fprintf(stderr, "dais export: %s\n", why);
		if (o.for_id != NULL &&
		    programme_find_participant(p, o.for_id) == NULL)
			fprintf(stderr,
			        "dais export: see %s/participants.ini for "
			        "the ids; 'dais check %s' reports sessions "
			        "that name an unknown id\n",
			        dir, dir);
		free(why);
		programme_free(p);
		return EXIT_BAD_INPUT;
	}
	/* SEQUENCE rises for whatever changed since the last export. */
	if (format == FORMAT_ICS && record) {
		if ((published = published_load(dir, true, &why)) == NULL) {
			fprintf(stderr, "dais export: %s\n", why);
			free(why);
			programme_free(p);
			return EXIT_BAD_INPUT;
		}
		o.published = published;
	}
	if (format != FORMAT_ICS) {
		size_t n = 0;
		char *text = export_document(p, &o, format, &n, &msg);

		ok = text != NULL;
		if (ok) {
			ok = export_deliver(text, n, output, &msg);
			free(text);
		}
	} else if (outdir != NULL)
		ok = export_per_participant(p, &o, outdir, NULL, &msg);
	else if (strcmp(output, "-") == 0)
		ok = export_write(p, &o, stdout, &msg);
	else
		ok = export_save(p, &o, output, &msg);
	/* Saved even after a failure: a SEQUENCE recorded higher than what
	 * clients got only makes the next one higher still, never lower. A
	 * programme directory dais may not write to (an installed example)
	 * still exports. */
	if (published != NULL && published_changed(published) &&
	    !published_save(published, &why)) {
		fprintf(stderr,
		        "dais export: warning: %s; the next export cannot "
		        "tell what changed since this one (--no-record "
		        "does without)\n",
		        why);
		free(why);
	}
	published_free(published);
	if (!ok) {
		fprintf(stderr, "dais export: %s\n", msg);
		status = EXIT_CONFLICTS;
	} else if (output == NULL || strcmp(output, "-") != 0) {
		/* Standard output holds the calendar; say nothing there. */
		printf("%s\n", msg);
	}
	free(msg);
	programme_free(p);
	return status;
}
