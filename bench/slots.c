/*
 * slots.c (benchmark): how long a slot query takes on a large programme.
 * Loads DIR, indexes it, then asks N questions as an organiser would: two
 * participants drawn by a fixed generator, a one-hour meeting, one
 * conference day, eight rooms. Prints the time per query (median, p95)
 * and how many candidates were checked and found. Measures and prints
 * only.
 *
 *	bench/slots DIR [N]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dais/load.h"
#include "dais/session_index.h"
#include "dais/slots.h"
#include "dais/xalloc.h"

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int
main(int argc, char **argv)
{
	struct diag_list diags = {0};
	struct programme *p;
	struct session_index *x;
	size_t n = argc > 2 ? (size_t)atoi(argv[2]) : 100, i, found = 0,
	       checked = 0, k;
	unsigned long seed = 2026;
	double t, *v;

	if (argc < 2) {
		fprintf(stderr, "usage: slots DIR [QUERIES]\n");
		return 2;
	}
	p = programme_load(argv[1], &diags);
	if (diag_count(&diags, DIAG_ERROR) > 0 || p->npeople < 2 ||
	    p->nrooms < 8) {
		fprintf(stderr, "slots: %s did not load, or is too small\n",
		        argv[1]);
		return 2;
	}
	x = session_index_new(p);
	v = xcalloc(n + 1, sizeof *v);
	for (i = 0; i < n; i++) {
		const char *with[2], *rooms[8];
		struct slot_query q;
		struct slot_result r = {0};
		char *why = NULL;

		memset(&q, 0, sizeof q);
		for (k = 0; k < 2; k++) {
			do {
				seed = seed * 6364136223846793005UL +
				       1442695040888963407UL;
				with[k] =
				    p->people[(seed >> 33) % p->npeople].id;
			} while (participant_is_group(
			             programme_find_participant(p, with[k])) ||
			         (k == 1 && strcmp(with[0], with[1]) == 0));
		}
		for (k = 0; k < 8; k++)
			rooms[k] = p->rooms[(i + k * 7) % p->nrooms].id;
		q.with = with;
		q.nwith = 2;
		q.minutes = 60;
		q.day = (int)(i % p->conf.ndays);
		q.rooms = rooms;
		q.nrooms = 8;
		q.prefer = -1;
		q.earliest = q.latest = DAIS_TIME_NONE;
		t = now_ms();
		if (!slots_find(x, &q, &r, &why)) {
			fprintf(stderr, "slots: %s\n", why);
			free(why);
		}
		v[i] = now_ms() - t;
		found += r.n;
		checked += r.checked;
		slot_result_clear(&r);
	}
	qsort(v, n, sizeof *v, cmp_double);
	printf("%zu sessions, %zu participants, %zu rooms\n", p->nsessions,
	       p->npeople, p->nrooms);
	printf("slot query (2 people, 1h, one day, 8 rooms): median %.2f ms  "
	       "p95 %.2f  max %.2f; %.0f candidates checked, %.0f found "
	       "per query\n",
	       v[n / 2], v[n * 95 / 100], v[n - 1], (double)checked / (double)n,
	       (double)found / (double)n);
	free(v);
	session_index_free(x);
	programme_free(p);
	diag_clear(&diags);
	return 0;
}
