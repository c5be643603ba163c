/*
 * slots_internal.h: what the slot search (slots.c) and the fixes of a
 * conflict (slots_fix.c) share: one session put to the conflict engine
 * among its neighbours. Not for use outside src/core.
 */
#ifndef DAIS_SLOTS_INTERNAL_H
#define DAIS_SLOTS_INTERNAL_H

#include "dais/conflict.h"
#include "dais/model.h"
#include "dais/session_index.h"
#include "dais/slots.h"

/* What the engine says about a session among its neighbours
 * (slots_judge): the kinds of its conflicts (bits), their worst severity. */
struct verdict {
	unsigned kinds;
	enum severity worst;
};

/* ---- slots.c ---- */
dais_time slots_reach_of(const struct programme *p);
struct verdict slots_judge(const struct session_index *x,
                           const struct session *s, dais_time reach,
                           long exclude, struct index_hits *scratch,
                           struct strlist *messages);
/* As slots_judge, with only the messages of conflicts at least as severe
 * as at_least (SEVERITY_ERROR: the errors the session is in). */
struct verdict slots_judge_at(const struct session_index *x,
                              const struct session *s, dais_time reach,
                              long exclude, struct index_hits *scratch,
                              struct strlist *messages, enum severity at_least);
int slots_abs_int(dais_time v);

#endif
