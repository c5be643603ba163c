/*
 * lock.h: one planner at a time edits a programme directory. The lock is a
 * file, .dais-lock, in the directory, holding one line a person can read
 * (user, host, pid, since) and flock()ed for as long as the planner runs:
 * the flock says whether its holder is alive, the line says who it is.
 */
#ifndef DAIS_LOCK_H
#define DAIS_LOCK_H

#include <stdbool.h>
#include <time.h>

/* The lock file's name inside a programme directory. */
#define LOCK_FILE_NAME ".dais-lock"

enum lock_state {
	/* Ours, from a file that did not exist, or was empty and unheld. */
	LOCK_ACQUIRED,
	/* Ours, over a stale lock: its holder (holder, when the file named
	 * one) is no longer running on this machine, or was on another
	 * machine and take_over was asked for. */
	LOCK_TAKEN_OVER,
	/* A running planner holds it (its flock is held); holder says who. */
	LOCK_HELD,
	/* The file names a planner on another machine, which this one
	 * cannot check (a network folder whose locks do not cross between
	 * machines): it may be running. lock_acquire with take_over set
	 * takes it. */
	LOCK_HELD_ELSEWHERE,
	/* The lock could not be made or read (a read-only directory, no
	 * permission): *why says which file and why. */
	LOCK_ERROR,
};

/* Who a lock file names. Any field may be missing (NULL, 0). */
struct lock_holder {
	char *user;
	char *host;
	long pid;
	time_t since;    /* when that planner took the lock; 0: unknown */
	bool other_host; /* host is set and is not this machine's name */
};

struct lock;

/*
 * Tries to take the lock of programme directory `dir`. On LOCK_ACQUIRED
 * and LOCK_TAKEN_OVER *out is the lock, to keep until lock_release();
 * otherwise *out is NULL. *holder (zeroed, or holding an earlier result,
 * which is cleared) is filled with the other planner's details for
 * LOCK_TAKEN_OVER, LOCK_HELD and LOCK_HELD_ELSEWHERE, and left empty
 * otherwise; the caller frees it with lock_holder_clear. On LOCK_ERROR *why
 * (owned by the caller) names the file and the cause; the caller may then open
 * the programme read-only.
 *
 * take_over only matters for LOCK_HELD_ELSEWHERE: a planner known to be
 * running (LOCK_HELD) is never taken over.
 */
enum lock_state lock_acquire(const char *dir, bool take_over, struct lock **out,
                             struct lock_holder *holder, char **why);
/*
 * Removes the lock file if it is still ours (nobody took it over) and
 * frees the lock. NULL does nothing. A planner killed without calling it
 * leaves the file but not the flock, so the next one takes it over.
 */
void lock_release(struct lock *lk);
/* The lock file's path (owned by the lock). */
const char *lock_path(const struct lock *lk);

/*
 * Reads "user=amal host=sec-laptop-3 pid=4242 since=2026-11-04T06:12:09Z"
 * into *h (emptied first). Unknown keys are ignored. False when the text
 * names no host or no pid: an empty or garbled file.
 */
bool lock_holder_parse(const char *text, struct lock_holder *h);
/*
 * For people; each string is owned by the caller. Times are in this
 * machine's local time (TZ): the clock the reader compares them with.
 *
 * lock_holder_format: "amal on sec-laptop-3 (pid 4242) since 09:12 on Wed
 * 4 Nov (2 h 5 min ago)", the "ago" counted to `now`, which reads the same
 * in any zone. Missing fields are left out.
 * lock_holder_who: "amal on sec-laptop-3"; "a planner that left no name"
 * when the file named nobody.
 * lock_holder_when: "09:12", or "09:12 on Wed 4 Nov" when that is not the
 * day of `now`; NULL when the file gave no time.
 */
char *lock_holder_format(const struct lock_holder *h, time_t now);
char *lock_holder_who(const struct lock_holder *h);
char *lock_holder_when(const struct lock_holder *h, time_t now);
void lock_holder_clear(struct lock_holder *h);

#endif
