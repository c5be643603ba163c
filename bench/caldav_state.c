/*
 * bench/caldav_state.c: what a sync of N sessions (5 000 by default) asks
 * of its state (.dais-sync in memory): each session set, each listed
 * resource found by href (its '@' spelled the other way), each plan's
 * entry found by UID and set again. Prints the CPU time; measures only.
 *
 *     build/bench/caldav_state [SESSIONS]
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "caldav_internal.h"

static double
cpu_seconds(void)
{
	struct timespec t;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	struct sync_state st = {0};
	char uid[96], href[160];
	size_t i, n = argc > 1 ? strtoul(argv[1], NULL, 10) : 5000, found = 0;
	double t0 = cpu_seconds(), t1;

	for (i = 0; i < n; i++) {
		snprintf(uid, sizeof uid,
		         "bench-%06zu@kuwait-2026.dushanbe-process", i);
		snprintf(href, sizeof href,
		         "/amal/big/bench-%06zu%%40kuwait-2026.dushanbe-process"
		         ".ics",
		         i);
		sync_state_set(&st, uid, href, "\"etag\"", i);
	}
	for (i = 0; i < n; i++) {
		snprintf(href, sizeof href,
		         "/amal/big/bench-%06zu@kuwait-2026.dushanbe-process"
		         ".ics",
		         i);
		found += sync_state_find_href(&st, href) != NULL;
	}
	for (i = 0; i < n; i++) {
		snprintf(uid, sizeof uid,
		         "bench-%06zu@kuwait-2026.dushanbe-process", i);
		found += sync_state_find(&st, uid) != NULL;
		snprintf(href, sizeof href,
		         "/amal/big/bench-%06zu%%40kuwait-2026.dushanbe-process"
		         ".ics",
		         i);
		sync_state_set(&st, uid, href, "\"etag2\"", i);
	}
	t1 = cpu_seconds();
	printf("%zu sessions: %zu sets, %zu finds by href, %zu by UID "
	       "(%zu found): %.3f s CPU\n",
	       n, 2 * n, n, n, found, t1 - t0);
	sync_state_free(&st);
	return found == 2 * n ? 0 : 1;
}
