/*
 * cmd_runsheet.c: `dais runsheet`: the printed run-sheet of one day or of
 * every day, of every room or of one, or one participant's own programme
 * (--for, or one file each with --per-participant), as paginated text or
 * an A4 PDF. The sheets are made in src/report; this reads the options.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "dais/runsheet.h"
#include "dais/source_date.h"
#include "dais/xalloc.h"

static int
usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "dais runsheet: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n'dais runsheet --help' shows the options\n");
	return EXIT_BAD_INPUT;
}

int
cmd_runsheet(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"day", required_argument, NULL, 'd'},
	    {"all-days", no_argument, NULL, 'a'},
	    {"room", required_argument, NULL, 'r'},
	    {"format", required_argument, NULL, 'f'},
	    {"output", required_argument, NULL, 'o'},
	    {"page-length", required_argument, NULL, 'l'},
	    {"for", required_argument, NULL, 'F'},
	    {"per-participant", required_argument, NULL, 'P'},
	    {NULL, 0, NULL, 0},
	};
	struct runsheet_options o;
	struct programme *p;
	const char *dir, *day = NULL, *output = NULL, *each = NULL;
	char *msg = NULL;
	int ch, status;
	bool ok;

	runsheet_options_init(&o);
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":d:ar:f:o:l:", longopts, NULL)) !=
	       -1) {
		switch (ch) {
		case 'd':
			day = optarg;
			break;
		case 'a':
			o.all_days = true;
			break;
		case 'r':
			o.room_id = optarg;
			break;
		case 'f':
			if (strcmp(optarg, "text") == 0)
				o.format = RUNSHEET_TEXT;
			else if (strcmp(optarg, "pdf") == 0)
				o.format = RUNSHEET_PDF;
			else
				return usage_error("no format '%s'; use text "
				                   "or pdf",
				                   optarg);
			break;
		case 'o':
			output = optarg;
			break;
		case 'F':
			o.for_id = optarg;
			break;
		case 'P':
			each = optarg;
			break;
		case 'l':
			if (!cli_parse_count(optarg, &o.page_length))
				return usage_error("--page-length wants a "
				                   "number of lines (0 for no "
				                   "pages), not '%s'",
				                   optarg);
			break;
		default:
			return cli_option_error("runsheet", ch, argv, longopts);
		}
	}
	if (argc - optind > 1)
		return usage_error("%s", "one programme directory at a time");
	if (each != NULL && o.for_id != NULL)
		return usage_error("%s", "give --for ID or --per-participant "
		                         "DIR, not both");
	if (each != NULL && output != NULL)
		return usage_error("%s", "--per-participant names one file per "
		                         "participant itself; leave out -o");
	if (each != NULL && o.room_id != NULL)
		return usage_error("%s", "a personal programme follows its "
		                         "participant from room to room; leave "
		                         "out --room");
	if (day != NULL && o.all_days)
		return usage_error("%s", "give --day DATE or --all-days, not "
		                         "both");
	/* A personal programme covers every day unless --day narrows it. */
	if ((o.for_id != NULL || each != NULL) && day == NULL)
		o.all_days = true;
	if (day != NULL && !date_parse(day, &o.day))
		return usage_error("'%s' is not a date; write it as "
		                   "YYYY-MM-DD",
		                   day);
#ifndef DAIS_HELPER
	/* PDF is drawn with pango and cairo, which only dais's helper
	 * loads: the command runs there, before reading anything. */
	if (o.format == RUNSHEET_PDF)
		return cli_run_in_helper("a PDF run-sheet");
#endif
	if (o.format == RUNSHEET_PDF && !runsheet_pdf_available())
		return usage_error("%s",
		                   "this dais was built without PDF support "
		                   "(meson option pdf); use --format text");
	if (o.format == RUNSHEET_PDF && each == NULL &&
	    (output == NULL || strcmp(output, "-") == 0) &&
	    isatty(STDOUT_FILENO))
		return usage_error("%s", "a PDF is not for the terminal: add "
		                         "-o FILE, or redirect the output");
	if (!source_date_now(&o.produced, &msg)) {
		fprintf(stderr, "dais runsheet: %s\n", msg);
		free(msg);
		return EXIT_BAD_INPUT;
	}

	dir = optind < argc ? argv[optind] : cli_default_dir();
	if ((p = cli_load(dir)) == NULL)
		return EXIT_BAD_INPUT;
	if (day == NULL && !o.all_days) {
		char *days = programme_days_text(p);

		fprintf(stderr,
		        "dais runsheet: which day? give --day DATE (%s) or "
		        "--all-days\n",
		        days);
		free(days);
		programme_free(p);
		return EXIT_BAD_INPUT;
	}
	if (!runsheet_check(p, &o, &msg)) {
		fprintf(stderr, "dais runsheet: %s\n", msg);
		free(msg);
		programme_free(p);
		return EXIT_BAD_INPUT;
	}
	if (each != NULL) {
		size_t n = 0;

		/* The options were checked above: what fails now is writing. */
		ok = runsheet_per_participant(p, &o, each, &n, &msg);
		fprintf(stderr, "dais runsheet: %s\n", msg);
		free(msg);
		programme_free(p);
		return ok ? EXIT_CLEAN : EXIT_CONFLICTS;
	}
	if (output != NULL && strcmp(output, "-") != 0)
		ok = runsheet_save(p, &o, output, &msg);
	else
		ok = runsheet_write(p, &o, stdout, &msg);
	if (!ok) {
		fprintf(stderr, "dais runsheet: %s%s\n",
		        output == NULL || strcmp(output, "-") == 0
		            ? "standard output: "
		            : "",
		        msg);
		status = EXIT_CONFLICTS;
	} else {
		if (output != NULL && strcmp(output, "-") != 0)
			fprintf(stderr, "dais runsheet: %s\n", msg);
		status = EXIT_CLEAN;
	}
	free(msg);
	programme_free(p);
	return status;
}
