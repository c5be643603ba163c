/*
 * schedule.h: placing the bilateral requests (requests.h) as an integer
 * program solved with GLPK. Each request's feasible (start, room)
 * candidates come from the slot search (slots.h), so each one alone takes
 * part in no conflict with the programme; the program then chooses at
 * most one per request so that the chosen ones take part in no conflict
 * with each other either (rooms with their changeover, people with the
 * changeover or the walk between buildings, groups within their
 * delegates), maximising the priority placed; among plans of equal
 * priority the earlier one with less walking (steps of the grid after the
 * first possible start plus minutes walked, the fewer the better).
 *
 * schedule_plan only plans: it changes nothing. schedule_apply makes the
 * plan one undoable edit of an editor (the planner's `dais schedule` key,
 * and the command, which then saves), and schedule_mark_requests records
 * the outcome in the request list (placed = UID, or why not).
 */
#ifndef DAIS_SCHEDULE_H
#define DAIS_SCHEDULE_H

#include <stdbool.h>
#include <stddef.h>

#include "dais/model.h"
#include "dais/requests.h"

struct editor;

/* dais schedule's --time-limit unless given: an organiser gets the plan
 * (proved, or with its gap) in seconds. */
#define SCHEDULE_DEFAULT_TIME_LIMIT 5

struct schedule_options {
	/* The domain of the sessions' UIDs, "request-ID@DOMAIN" (uid.h's
	 * uid_domain_of gives the programme's own); NULL: "dais". */
	const char *domain;
	/* Place every request again, those already placed included: their
	 * sessions are moved, or deleted when they no longer fit. */
	bool replan;
	/* Seconds the run may take (SCHEDULE_DEFAULT_TIME_LIMIT for dais
	 * schedule); 0: no limit. The local search always runs to its
	 * end (a fixed amount of work); the relaxation within the limit
	 * (cut, the bound is the simpler one: bound_simple); when their
	 * plan does not meet the bound, the rounds of small programs
	 * that improve it get what is left, and the branch and bound on
	 * the whole program what they leave. A run that ends before the
	 * limit is repeatable; one the limit ends may place more on a
	 * faster or idler machine. The best plan found by then is
	 * returned, with the gap to the bound. */
	double time_limit;
	/* Instead of the integer program, the greedy first-fit baseline:
	 * requests by priority (then file order), each at its first
	 * candidate in slots_find's ranking that clashes with nothing
	 * chosen before. For comparison (bench/), not for use. */
	bool greedy;
};

/* What a run decided for one request. */
struct schedule_outcome {
	enum request_state state; /* PLACED (this run or before), UNPLACED */
	bool kept; /* placed before and left as it was (no --replan) */
	char *uid; /* PLACED: its session's UID (owned) */
	/* UNPLACED: why, one sentence (owned): the parties who are never
	 * free together in the window, the rooms, the window, or the
	 * requests that took its times. */
	char *reason;
	size_t candidates; /* (start, room) pairs it could take alone */
};

/* A session the run makes, or moves. */
struct schedule_placement {
	size_t request;         /* index into the request list */
	struct session session; /* the session as it will be (owned) */
	/* A session with that UID is already in the programme (--replan):
	 * it moves there instead of being made. */
	bool exists;
	/* exists, and the plan gives it another time or room */
	bool moved;
	int walk; /* minutes its people walk to it and on */
};

struct schedule_result {
	struct schedule_outcome *outcome; /* one per request, in order */
	size_t noutcome;
	struct schedule_placement *v; /* new or moved sessions, by start */
	size_t n;
	/* Sessions of requests placed before that --replan leaves
	 * unplaced: deleted by schedule_apply (owned UIDs). */
	struct strlist remove;
	size_t asked;        /* requests the run tried to place */
	size_t placed;       /* of those, placed */
	int priority_asked;  /* the sum of their priorities */
	int priority_placed; /* the sum over those placed */
	double lp_bound;     /* the LP relaxation's priority: no plan
	                      * places more */
	/* The time limit cut the relaxation short: lp_bound is the
	 * simpler bound, every request that has a candidate placed. */
	bool bound_simple;
	bool optimal;       /* proved the best (not greedy, no limit) */
	double gap;         /* priority between the plan and the best
	                     * bound when not proved optimal */
	size_t ncandidates; /* the program's 0-1 variables */
	size_t nrows;       /* its constraints */
	double seconds;     /* candidates, model and solving */
};

void schedule_result_clear(struct schedule_result *r);

/*
 * Plans the requests of reqs on p (sorted, as an editor keeps it). p is
 * changed during the call (for --replan, the sessions of placed requests
 * are set aside) and is as it was on return. False with *why (owned by
 * the caller) when the solver fails or a request is not one slots_find
 * accepts (unknown ids: requests_load reports those first).
 */
bool schedule_plan(struct programme *p, const struct request_list *reqs,
                   const struct schedule_options *o,
                   struct schedule_result *out, char **why);

/*
 * Makes the plan one undoable edit of ed ("Scheduled N bilateral
 * requests"): creates each new session, moves each existing one, deletes
 * those in r->remove. ed must edit the programme the plan was made on,
 * unchanged since. False, with *why (the editor's sentence) and the
 * programme as it was, when the editor refuses one.
 */
bool schedule_apply(struct editor *ed, const struct schedule_result *r,
                    const char **why);

/* Records r's outcome in reqs (state, placed UID, reason): what
 * requests_save_placed writes. */
void schedule_mark_requests(struct request_list *reqs,
                            const struct schedule_result *r);

#endif
