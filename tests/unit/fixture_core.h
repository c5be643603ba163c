/*
 * fixture_core.h: what the core-only unit tests (test_edit, test_slots,
 * test_session_index, test_tui_views, test_schedule) and bench/schedule
 * build their programmes from, in
 * memory: the frame of the Kuwait phase (its zone, its two days), rooms,
 * people and sessions added in one call each, and one small deterministic
 * generator for random programmes. Links core only (helpers.h is io's).
 */
#ifndef DAIS_TEST_FIXTURE_CORE_H
#define DAIS_TEST_FIXTURE_CORE_H

#include <stddef.h>
#include <stdint.h>

#include "dais/model.h"

/* The conference's days: 4 and 5 November 2026. */
extern const struct dais_date fixture_day1, fixture_day2;

/*
 * A new programme (programme_new's settings) in Asia/Kuwait, as a fixed
 * UTC+3 zone (no zone database needed), with the first `ndays` (0, 1 or
 * 2) of the conference's days. The caller frees it.
 */
struct programme *fixture_conference(size_t ndays);
/* The instant `minutes` after local midnight on day 1 or 2. */
dais_time fixture_at(const struct programme *p, int day, int minutes);

/* A room, a participant, a session (its fields as said; the rest as the
 * programme_add_* functions leave them): the strings are copied. */
struct room *fixture_room(struct programme *p, const char *id, const char *name,
                          int capacity);
struct participant *fixture_person(struct programme *p, const char *id,
                                   const char *name,
                                   enum participant_kind kind);
/* From `from` to `to` minutes after midnight of day 1 or 2; source 0. */
struct session *fixture_session(struct programme *p, const char *uid,
                                const char *title, const char *kind,
                                const char *room_id, int day, int from, int to);

/* A linear congruential generator (Knuth's MMIX constants): the same
 * sequence from the same seed on every machine. */
void fixture_seed(uint64_t seed);
/* The next number in [0, n). */
unsigned fixture_rnd(unsigned n);

#endif
