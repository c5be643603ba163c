/*
 * schedule_internal.h: what dais schedule's files share (schedule_model.c
 * builds the candidates and the rows of the integer program,
 * schedule_solve.c finds the plan with GLPK, schedule.c runs it, tells
 * what happened and applies it). Not for use outside src/core.
 */
#ifndef DAIS_SCHEDULE_INTERNAL_H
#define DAIS_SCHEDULE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "dais/conflict.h"
#include "dais/model.h"
#include "dais/requests.h"
#include "dais/schedule.h"
#include "dais/session_index.h"

/* ---- The pieces --------------------------------------------------------- */

struct cand {
	size_t req; /* index into the request list */
	dais_time start, end;
	const struct room *room;
	int walk;
	size_t slot; /* its (request, start, building) */
	long next;   /* the slot's next candidate, or -1 */
	int col;     /* GLPK column of x */
};

/* (request, start, building): what the people of a request see. */
struct slot {
	size_t req;
	dais_time start, end;
	const struct room *room; /* one room of the building, for walks */
	long first;              /* its first candidate */
	int col;                 /* GLPK column of y */
};

/* What the planner knows of one request. */
struct ask {
	bool asked;     /* placed by this run */
	long set_aside; /* its old session (replan), or -1 */
	enum session_status old_status;
	char *uid;                         /* the UID its session has or gets */
	const struct participant **people; /* the persons among its parties */
	size_t npeople;
	const struct participant **groups; /* groups whose delegates it uses */
	size_t ngroups;
	size_t first, last; /* its candidates: [first, last) of ctx.c */
	long chosen;        /* the candidate placed, or -1 */
	struct strlist why_not;
};

struct ctx {
	struct programme *p;
	const struct request_list *reqs;
	const struct schedule_options *o;
	struct session_index *x;
	struct ask *ask;
	struct cand *c;
	size_t nc, capc;
	struct slot *s;
	size_t ns, caps;
	bool room_rule, person_rule, group_rule, tight;
	dais_time gap; /* changeover, seconds, when tight changeovers count */
	double t0;     /* when the run began (sched_now_seconds) */
	int max_walk;
	/*
	 * Rooms that no request names, alike in building, seats, booths and
	 * kinds, and with no session in them, are interchangeable: a class.
	 * A candidate names its class's first room; the program counts the
	 * class's meetings at each instant against its size (an interval
	 * graph: that many rooms always suffice), and assign_rooms picks the
	 * rooms afterwards. Every other room is a class of its own.
	 */
	const struct room **rep; /* per room: its class's first room */
	size_t *class_size;      /* per room, for the first of a class */
};

/* A constraint row under construction. */
struct rows {
	int *ia, *ja; /* 1-based, as glp_load_matrix wants */
	double *ar;
	size_t nnz, cap;
	int *type;
	double *rhs;
	size_t n, caprows;
};

/*
 * The program's rows as the local search sees them (schedule_search.c):
 * per candidate, the rows it counts in (a slot's rows are rows of each of
 * its candidates); per row, its limit, its load and the candidates placed
 * in it.
 */
struct pack {
	size_t nrows;
	int *cap;       /* per row: its limit; -1 for a row defining a y */
	int *load;      /* per row: candidates placed in it */
	size_t *mfirst; /* per row: its members from member[mfirst[r]] */
	long *member;   /* the candidates placed, per row */
	size_t nc;      /* candidates */
	size_t *first;  /* per candidate: its rows rowv[first[c]..first[c+1]) */
	int *rowv;
	bool *placed;      /* per candidate */
	size_t *slot_of_y; /* per y column (after the candidates'): its slot */
};

/* ---- schedule_model.c ---- */
void sched_rows_begin(struct rows *r, int type, double rhs);
void sched_rows_add(struct rows *r, int col, double coef);
void sched_rows_free(struct rows *r);
bool sched_enabled(const struct programme *p, enum conflict_kind k);
void sched_ask_parties(struct ctx *k, const struct request *r, struct ask *a);
void sched_room_classes(struct ctx *k);
size_t sched_class_size(const struct ctx *k, const struct room *rep);
bool sched_clash(const struct ctx *k, const struct cand *a,
                 const struct cand *b);
bool sched_group_fits(const struct ctx *k, const struct cand *c,
                      const long *chosen, size_t n);
bool sched_class_fits(const struct ctx *k, const struct cand *c,
                      const long *chosen, size_t n);
bool sched_find_candidates(struct ctx *k, char **why);
void sched_room_rows(struct ctx *k, struct rows *rows);
void sched_person_rows(struct ctx *k, struct rows *rows);
void sched_group_rows(struct ctx *k, struct rows *rows);

/* ---- schedule_solve.c ---- */
double sched_now_seconds(void);
int sched_greedy(const struct ctx *k, long *pick);
bool sched_solve(struct ctx *k, const long *greedy_chosen, int greedy_priority,
                 struct schedule_result *out, char **why);
void sched_assign_rooms(struct ctx *k);

/* ---- schedule_search.c ---- */
/* A number below n from *state (xorshift64*): the searches' fixed
 * sequence from a fixed seed, so a run that ends before its limit is
 * repeatable. */
unsigned sched_random(uint64_t *state, unsigned n);
void sched_pack_build(struct pack *pk, const struct ctx *k,
                      const struct rows *rows);
void sched_pack_free(struct pack *pk);
int sched_search(const struct ctx *k, struct pack *pk, const double *pen,
                 long *pick, long rounds);

/* ---- schedule_lns.c ---- */
/* The plan `pick` improved by rounds of small integer programs until none
 * gains, its priority reaches `enough`, or sched_now_seconds() passes
 * `deadline` (0: none). Returns its priority. */
int sched_lns(const struct ctx *k, const struct pack *pk, long *pick,
              int enough, double deadline);

#endif
