/*
 * recheck.c (benchmark): how long the planner waits for conflicts after an
 * edit on a large programme. Loads DIR, times the whole conflict check, then
 * makes N moves through the editor as the planner does, timing each edit
 * with the planner's incremental re-check (src/tui/recheck.c) and, for
 * comparison, a whole check of the same state. Also times what opening
 * the planner adds to the load: the editor with its index, and the first
 * whole check. Measures and prints only.
 *
 *	bench/recheck DIR [N]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dais/conflict.h"
#include "dais/edit.h"
#include "dais/load.h"
#include "dais/session_index.h"
#include "dais/xalloc.h"
#include "planner.h"

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void
on_edit(const struct edit_event *ev, void *arg)
{
	recheck_after(arg, ev);
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void
report(const char *what, double *v, size_t n)
{
	double sum = 0;
	size_t i;

	qsort(v, n, sizeof *v, cmp_double);
	for (i = 0; i < n; i++)
		sum += v[i];
	printf("%-34s mean %7.2f ms  median %7.2f  p95 %7.2f  max %7.2f\n",
	       what, sum / (double)n, v[n / 2], v[n * 95 / 100], v[n - 1]);
}

/* Moves a session chosen by the generator 15 minutes later or earlier;
 * returns how long the edit (and whatever its callback does) took. */
static double
move_one(struct editor *ed, struct programme *p, unsigned long *seed, size_t i)
{
	const struct session *s;
	const char *why;
	char *uid;
	dais_time rid, start;
	double t;

	*seed = *seed * 6364136223846793005UL + 1442695040888963407UL;
	s = &p->sessions[(*seed >> 33) % p->nsessions];
	uid = xstrdup(s->uid);
	rid = s->recurrence_id;
	start = s->start + ((i % 2) ? -15 : 15) * 60;
	t = now_ms();
	if (!edit_move(ed, uid, rid, start, &why))
		fprintf(stderr, "recheck: move refused: %s\n", why);
	t = now_ms() - t;
	free(uid);
	return t;
}

int
main(int argc, char **argv)
{
	struct diag_list diags = {0};
	struct conflict_list cl = {0};
	struct programme *p;
	struct planner *pl;
	struct editor *ed;
	size_t n = argc > 2 ? (size_t)atoi(argv[2]) : 200, i;
	double t, *incremental, *whole, best = 1e9;
	unsigned long seed = 2026;
	int round;
	size_t v;

	if (argc < 2) {
		fprintf(stderr, "usage: recheck DIR [EDITS]\n");
		return 2;
	}
	t = now_ms();
	p = programme_load(argv[1], &diags);
	if (diag_count(&diags, DIAG_ERROR) > 0) {
		fprintf(stderr, "recheck: %s did not load; run dais check\n",
		        argv[1]);
		return 2;
	}
	printf("%zu sessions, %zu participants; loaded in %.0f ms\n",
	       p->nsessions, p->npeople, now_ms() - t);
	t = now_ms();
	ed = editor_new(p);
	printf("editor and its index: %.2f ms\n", now_ms() - t);
	for (round = 0; round < 3; round++) {
		struct session_index *x;

		t = now_ms();
		x = session_index_new(p);
		t = now_ms() - t;
		session_index_free(x);
		if (round == 2)
			printf("the index alone, built again: %.2f ms\n", t);
	}
	for (round = 0; round < 5; round++) {
		t = now_ms();
		conflict_check(p, &cl);
		t = now_ms() - t;
		if (t < best)
			best = t;
		if (round < 4)
			conflict_list_clear(&cl);
	}
	printf("whole conflict check: best of 5 %.2f ms, %zu conflicts\n", best,
	       cl.n);
	conflict_list_clear(&cl);

	pl = xcalloc(1, sizeof *pl);
	pl->p = p;
	pl->ed = ed;
	/* The views' states: the re-check tells them it ran. */
	pl->view_state = xcalloc(planner_nviews, sizeof *pl->view_state);
	for (v = 0; v < planner_nviews; v++)
		if (planner_views[v]->new != NULL)
			pl->view_state[v] = planner_views[v]->new (pl);
	t = now_ms();
	recheck_full(pl);
	printf("planner's first check: %.2f ms\n", now_ms() - t);
	editor_set_callback(ed, on_edit, pl);
	incremental = xcalloc(n, sizeof *incremental);
	whole = xcalloc(n, sizeof *whole);
	for (i = 0; i < n; i++) {
		incremental[i] = move_one(ed, p, &seed, i);
		t = now_ms();
		conflict_check(p, &cl);
		whole[i] = now_ms() - t;
		conflict_list_clear(&cl);
	}
	report("edit + incremental re-check", incremental, n);
	report("whole check after the same edit", whole, n);
	/* The edit alone, so the re-check's share can be read off. */
	editor_set_callback(ed, NULL, NULL);
	for (i = 0; i < n; i++)
		incremental[i] = move_one(ed, p, &seed, i);
	report("edit alone (undo record, re-sort)", incremental, n);
	recheck_free(pl);
	for (v = 0; v < planner_nviews; v++)
		if (planner_views[v]->free != NULL)
			planner_views[v]->free(pl->view_state[v]);
	free(pl->view_state);
	free(pl);
	free(incremental);
	free(whole);
	editor_free(ed);
	programme_free(p);
	diag_clear(&diags);
	return 0;
}
