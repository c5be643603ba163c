/*
 * recheck.c (benchmark): how long the planner waits for conflicts after an
 * edit on a large programme. Loads DIR, times the whole conflict check, then
 * makes N moves through the editor as the planner does, timing each edit
 * with the planner's incremental re-check (src/tui/recheck.c) and, for
 * comparison, a whole check of the same state. Also times what opening
 * the planner adds to the load: the editor with its index, and the first
 * whole check. Measures and prints only.
 *
 * Each figure is given twice: wall time, and the CPU time this thread
 * used (CLOCK_THREAD_CPUTIME_ID), which a loaded machine inflates much
 * less: compare CPU times between runs on a shared machine. The load
 * average is printed before and after.
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

static double
cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* A span of work: wall and CPU milliseconds. */
struct span {
	double wall, cpu;
};

static struct span
span_start(void)
{
	struct span s = {now_ms(), cpu_ms()};

	return s;
}

static struct span
span_end(struct span s)
{
	s.wall = now_ms() - s.wall;
	s.cpu = cpu_ms() - s.cpu;
	return s;
}

static void
print_load(const char *when)
{
	char buf[64] = "?";
	FILE *f = fopen("/proc/loadavg", "r");

	if (f != NULL) {
		if (fgets(buf, sizeof buf, f) == NULL)
			snprintf(buf, sizeof buf, "?\n");
		fclose(f);
	}
	printf("load average %s: %s", when, buf);
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
report_one(const char *what, const char *unit, double *v, size_t n)
{
	double sum = 0;
	size_t i;

	qsort(v, n, sizeof *v, cmp_double);
	for (i = 0; i < n; i++)
		sum += v[i];
	printf("%-34s %-4s mean %7.3f ms  median %7.3f  p95 %7.3f  max %7.2f\n",
	       what, unit, sum / (double)n, v[n / 2], v[n * 95 / 100],
	       v[n - 1]);
}

static void
report(const char *what, const struct span *v, size_t n)
{
	double *t = xcalloc(n + 1, sizeof *t);
	size_t i;

	for (i = 0; i < n; i++)
		t[i] = v[i].wall;
	report_one(what, "wall", t, n);
	for (i = 0; i < n; i++)
		t[i] = v[i].cpu;
	report_one("", "cpu", t, n);
	free(t);
}

/* Moves a session chosen by the generator 15 minutes later or earlier;
 * returns how long the edit (and whatever its callback does) took. */
static struct span
move_one(struct editor *ed, struct programme *p, unsigned long *seed, size_t i)
{
	const struct session *s;
	const char *why;
	char *uid;
	dais_time rid, start;
	struct span t;

	*seed = *seed * 6364136223846793005UL + 1442695040888963407UL;
	s = &p->sessions[(*seed >> 33) % p->nsessions];
	uid = xstrdup(s->uid);
	rid = s->recurrence_id;
	start = s->start + ((i % 2) ? -15 : 15) * 60;
	t = span_start();
	if (!edit_move(ed, uid, rid, start, &why))
		fprintf(stderr, "recheck: move refused: %s\n", why);
	t = span_end(t);
	free(uid);
	return t;
}

/* One line of a span, as "what: wall W ms, cpu C ms". */
static void
print_span(const char *what, struct span t)
{
	printf("%s: %.2f ms (cpu %.2f ms)\n", what, t.wall, t.cpu);
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
	struct span t, best = {1e9, 1e9}, *incremental, *whole;
	unsigned long seed = 2026;
	int round;
	size_t v;

	if (argc < 2 || n == 0) {
		fprintf(stderr, "usage: recheck DIR [EDITS]\n");
		return 2;
	}
	print_load("at start");
	t = span_start();
	p = programme_load(argv[1], &diags);
	t = span_end(t);
	if (diag_count(&diags, DIAG_ERROR) > 0) {
		fprintf(stderr, "recheck: %s did not load; run dais check\n",
		        argv[1]);
		return 2;
	}
	printf("%zu sessions, %zu participants; loaded in %.0f ms (cpu %.0f "
	       "ms)\n",
	       p->nsessions, p->npeople, t.wall, t.cpu);
	t = span_start();
	ed = editor_new(p);
	print_span("editor", span_end(t));
	t = span_start();
	(void)editor_index(ed); /* made when first asked for */
	print_span("its index, made after the first screen", span_end(t));
	for (round = 0; round < 3; round++) {
		struct session_index *x;

		t = span_start();
		x = session_index_new(p);
		t = span_end(t);
		session_index_free(x);
		if (round == 2)
			print_span("the index alone, built again", t);
	}
	for (round = 0; round < 5; round++) {
		t = span_start();
		conflict_check(p, &cl);
		t = span_end(t);
		if (t.wall < best.wall)
			best.wall = t.wall;
		if (t.cpu < best.cpu)
			best.cpu = t.cpu;
		if (round < 4)
			conflict_list_clear(&cl);
	}
	printf("whole conflict check: best of 5 %.2f ms (cpu %.2f ms), %zu "
	       "conflicts\n",
	       best.wall, best.cpu, cl.n);
	conflict_list_clear(&cl);

	pl = xcalloc(1, sizeof *pl);
	pl->p = p;
	pl->ed = ed;
	/* The views' states: the re-check tells them it ran. */
	pl->view_state = xcalloc(planner_nviews, sizeof *pl->view_state);
	for (v = 0; v < planner_nviews; v++)
		if (planner_views[v]->new != NULL)
			pl->view_state[v] = planner_views[v]->new (pl);
	t = span_start();
	recheck_full(pl);
	print_span("planner's first check", span_end(t));
	editor_set_callback(ed, on_edit, pl);
	incremental = xcalloc(n, sizeof *incremental);
	whole = xcalloc(n, sizeof *whole);
	for (i = 0; i < n; i++) {
		incremental[i] = move_one(ed, p, &seed, i);
		t = span_start();
		conflict_check(p, &cl);
		whole[i] = span_end(t);
		if (i + 1 < n)
			conflict_list_clear(&cl);
	}
	/* What the planner holds must be what a whole check finds. */
	printf("after %zu edits: the planner lists %zu conflicts, a whole "
	       "check %zu%s\n",
	       n, pl->checked.list.n, cl.n,
	       pl->checked.list.n == cl.n ? "" : " (DIFFERENT)");
	conflict_list_clear(&cl);
	report("edit + incremental re-check", incremental, n);
	report("whole check after the same edit", whole, n);
	/* The edit alone, so the re-check's share can be read off. */
	editor_set_callback(ed, NULL, NULL);
	for (i = 0; i < n; i++)
		incremental[i] = move_one(ed, p, &seed, i);
	report("edit alone (undo record, re-sort)", incremental, n);
	print_load("at end");
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
