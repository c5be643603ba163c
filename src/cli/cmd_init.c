/*
 * cmd_init.c: `dais init DIR`: a new, empty programme (io/init.c makes
 * it). This reads and checks the options, naming a bad one with what to
 * write instead.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "dais/init.h"
#include "dais/iniwrite.h"
#include "dais/xalloc.h"

/* As registry.c checks conference.ini's days, so check accepts them. */
#define INIT_FIRST_YEAR 1970
#define INIT_LAST_YEAR  2500
#define INIT_MAX_SPAN   366
/* Days one --days may list: a year's, which the span allows anyway. */
#define INIT_MAX_DAYS (INIT_MAX_SPAN + 1)

static int init_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

static int
init_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "dais init: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n'dais init --help' shows the options\n");
	return EXIT_BAD_INPUT;
}

static int
date_cmp(const void *a, const void *b)
{
	return date_compare(*(const struct dais_date *)a,
	                    *(const struct dais_date *)b);
}

/* One item of --days: a date, or a range FIRST..LAST. */
static bool
add_days(const char *item, struct dais_date *days, size_t *n, char **why)
{
	const char *dots = strstr(item, "..");
	struct dais_date a, b;
	char *first;
	int64_t d;

	if (dots == NULL) {
		if (!date_parse(item, &a)) {
			*why = xasprintf("--days: \"%s\" is not a date: write "
			                 "YYYY-MM-DD, such as 2026-11-04, "
			                 "separated by commas",
			                 item);
			return false;
		}
		b = a;
	} else {
		first = xstrndup(item, (size_t)(dots - item));
		if (!date_parse(first, &a) || !date_parse(dots + 2, &b) ||
		    date_compare(a, b) > 0) {
			*why = xasprintf("--days: \"%s\" is not a range of "
			                 "dates: write FIRST..LAST, such as "
			                 "2026-11-04..2026-11-06",
			                 item);
			free(first);
			return false;
		}
		free(first);
	}
	if (a.year < INIT_FIRST_YEAR || b.year > INIT_LAST_YEAR) {
		*why = xasprintf("--days: \"%s\" is not in a year dais plans "
		                 "for (%d to %d): check the year",
		                 item, INIT_FIRST_YEAR, INIT_LAST_YEAR);
		return false;
	}
	for (d = date_to_days(a); d <= date_to_days(b); d++) {
		if (*n >= INIT_MAX_DAYS) {
			*why = xasprintf("--days lists more than %d days: a "
			                 "conference lasts days; check the "
			                 "dates",
			                 INIT_MAX_DAYS);
			return false;
		}
		days[(*n)++] = days_to_date(d);
	}
	return true;
}

static bool
parse_days(const char *arg, struct dais_date *days, size_t *n, char **why)
{
	char *copy = xstrdup(arg), *item, *save = NULL, buf[DAIS_TIMEBUF];
	size_t i, kept = 0;
	bool ok = true;

	for (item = strtok_r(copy, ", ", &save); ok && item != NULL;
	     item = strtok_r(NULL, ", ", &save))
		ok = add_days(item, days, n, why);
	free(copy);
	if (!ok)
		return false;
	if (*n == 0) {
		*why = xstrdup("--days lists no date: write the conference "
		               "days, such as --days 2026-11-04,2026-11-05");
		return false;
	}
	qsort(days, *n, sizeof *days, date_cmp);
	for (i = 0; i < *n; i++) {
		if (kept > 0 && date_compare(days[kept - 1], days[i]) == 0) {
			*why = xasprintf("--days lists %s twice: give each day "
			                 "once",
			                 date_fmt_iso(buf, days[i]));
			return false;
		}
		days[kept++] = days[i];
	}
	if (date_to_days(days[*n - 1]) - date_to_days(days[0]) >
	    INIT_MAX_SPAN) {
		*why = xasprintf("--days run over more than %d days: a "
		                 "conference lasts days; check the years",
		                 INIT_MAX_SPAN);
		return false;
	}
	return true;
}

/* --hours START-END, each HH:MM. */
static bool
parse_hours(const char *arg, int *start, int *end, char **why)
{
	const char *dash = strchr(arg, '-'), *cause = NULL;
	char *a;
	bool ok;

	if (dash == NULL) {
		*why = xasprintf("--hours %s is not a span of hours: write "
		                 "START-END, such as 08:00-22:00",
		                 arg);
		return false;
	}
	a = xstrndup(arg, (size_t)(dash - arg));
	ok =
	    clock_parse(a, start, &cause) && clock_parse(dash + 1, end, &cause);
	free(a);
	if (!ok) {
		*why = xasprintf("--hours %s: %s; write START-END, such as "
		                 "08:00-22:00",
		                 arg, cause);
		return false;
	}
	if (*start >= 24 * 60 || *end <= *start) {
		*why = xasprintf("--hours %s: the day must end after it "
		                 "starts, within one day: write START-END, "
		                 "such as 08:00-22:00",
		                 arg);
		return false;
	}
	return true;
}

int
cmd_init(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"name", required_argument, NULL, 'n'},
	    {"timezone", required_argument, NULL, 'z'},
	    {"days", required_argument, NULL, 'd'},
	    {"hours", required_argument, NULL, 'H'},
	    {NULL, 0, NULL, 0},
	};
	struct init_request r = {0};
	const char *days_arg = NULL, *hours = "08:00-22:00";
	int ch;

	optind = 1;
	while ((ch = getopt_long(argc, argv, ":n:z:d:H:", longopts, NULL)) !=
	       -1) {
		switch (ch) {
		case 'n':
			r.name = optarg;
			break;
		case 'z':
			r.timezone = optarg;
			break;
		case 'd':
			days_arg = optarg;
			break;
		case 'H':
			hours = optarg;
			break;
		default:
			return cli_option_error("init", ch, argv, longopts);
		}
	}
	if (argc - optind != 1)
		return init_error("%s",
		                  argc - optind == 0
		                      ? "name the directory to make: dais "
		                        "init DIR --name NAME --timezone "
		                        "ZONE --days DATES"
		                      : "one directory at a time");
	return cli_init(argv[optind], r.name, r.timezone, days_arg, hours,
	                true);
}

int
cli_init(const char *dir, const char *name, const char *zone,
         const char *days_arg, const char *hours, bool say_made)
{
	struct dais_date days[INIT_MAX_DAYS];
	struct init_request r = {0};
	char *why = NULL, *quoted;

	if (hours == NULL)
		hours = "08:00-22:00";
	r.dir = dir;
	r.name = name;
	r.timezone = zone;
	if (r.name == NULL)
		return init_error("--name is missing: write the conference's "
		                  "name, such as --name \"Regional Conference "
		                  "on Border Security\"");
	if (r.timezone == NULL)
		return init_error("--timezone is missing: write the venue's "
		                  "IANA zone, such as --timezone Asia/Kuwait");
	if (days_arg == NULL)
		return init_error("--days is missing: write the conference "
		                  "days, such as --days 2026-11-04,2026-11-05");
	if (r.name[0] == '\0')
		return init_error("--name is empty: write the conference's "
		                  "name");
	quoted = ini_quote(r.name, &why);
	if (quoted == NULL) {
		init_error("--name: %s", why);
		free(why);
		return EXIT_BAD_INPUT;
	}
	free(quoted);
	if ((why = init_zone_problem(r.timezone)) != NULL ||
	    !parse_days(days_arg, days, &r.ndays, &why) ||
	    !parse_hours(hours, &r.day_start, &r.day_end, &why)) {
		init_error("%s", why);
		free(why);
		return EXIT_BAD_INPUT;
	}
	r.days = days;
	if (!init_programme(&r, &why)) {
		fprintf(stderr, "dais init: %s\n", why);
		free(why);
		return EXIT_CONFLICTS;
	}
	if (!say_made)
		return EXIT_CLEAN;
	printf("Made a new programme in %s: conference.ini, venues.ini, "
	       "participants.ini\nand %s. Next: add rooms to venues.ini and "
	       "participants to\nparticipants.ini (or 'dais "
	       "import-participants %s FILE.csv'), then\nplan with 'dais "
	       "%s'.\n",
	       r.dir, INIT_SESSION_FILE, r.dir, r.dir);
	return EXIT_CLEAN;
}
