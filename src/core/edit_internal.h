/*
 * edit_internal.h: what the editor's files share (editor.c keeps the
 * history and the saved state, edit_check.c checks what an operation would
 * make, edit.c holds the operations). Not for use outside src/core.
 */
#ifndef DAIS_EDIT_INTERNAL_H
#define DAIS_EDIT_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "dais/edit.h"
#include "dais/edit_registry.h"
#include "dais/session_field.h"
#include "dais/session_index.h"

/* Instants beyond this are refused, so no arithmetic on them overflows. */
#define EDIT_TIME_LIMIT ((dais_time)1 << 40)

/* One session's change: NULL stands for "no such session". */
struct edit_step {
	char *uid;
	dais_time rid;
	struct session *before, *after;
};

/* One registry entry's change (edit_registry.c): NULL for "no entry". */
struct reg_step {
	enum registry_kind kind;
	char *id;
	struct registry_item *before, *after;
};

struct edit_record {
	char *description;
	struct edit_step *steps;
	size_t nsteps, capsteps;
	struct reg_step *rsteps;
	size_t nrsteps, caprsteps;
};

/* A registry entry that differs from the last save, and how it was. */
struct reg_saved {
	enum registry_kind kind;
	char *id;
	struct registry_item *saved; /* NULL: it did not exist */
	struct registry_item *now;   /* NULL: it does not exist */
};

/* A session that differs from the last save, and how it was then. */
struct edit_saved {
	char *uid;
	dais_time rid;
	struct session *saved; /* NULL: it did not exist */
};

struct editor {
	struct programme *p;
	struct session_index *index; /* finds sessions, keeps time order */

	struct edit_record *undo;
	size_t nundo, capundo;
	struct edit_record *redo;
	size_t nredo, capredo;

	struct edit_saved *saved;
	size_t nsaved, capsaved;
	struct reg_saved *rsaved;
	size_t nrsaved, caprsaved;

	/* The record being built: an explicit group, or one operation. */
	struct edit_record cur;
	bool open, group;
	bool touched; /* the programme changed since the record opened */
	char *group_description;
	struct strlist op_descriptions;

	editor_callback cb;
	void *cb_arg;
	bool in_callback;

	/* Set by editor_set_uid_seed(), or when getrandom() fails. */
	/* New UIDs: the caller's maker (editor_set_uid_maker), else made
	 * from uid_state (editor_set_uid_seed). */
	editor_uid_maker uid_make;
	void (*uid_free)(void *arg);
	void *uid_arg;
	uint64_t uid_state;

	char *why;
	char *read_only; /* editor_set_read_only(): why nothing may change */
};

/* editor.c: sessions compared */
bool session_equal_opt(const struct session *a, const struct session *b);
struct session *session_dup(const struct session *s);
const char *session_label(const struct session *s);

/* editor.c: refusals and descriptions */
bool refuse(struct editor *ed, const char **why, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
char *span_fmt(const struct editor *ed, dais_time start, dais_time end,
               bool dated);
bool same_day(const struct editor *ed, dais_time a, dais_time b);

/* editor.c: finding and ordering the sessions (the index's hook) */
long editor_find(const struct editor *ed, const char *uid, dais_time rid);
bool editor_uid_used(const struct editor *ed, const char *uid);
void editor_sessions_changed(struct editor *ed);
/* A UID unused in the programme, from the caller's maker or the seed. */
char *uid_generate(struct editor *ed);

/* editor.c: the history */
bool read_only_refusal(struct editor *ed, const char **why);
void record_open(struct editor *ed, bool group, const char *description);
void record_close(struct editor *ed);
bool apply_state(struct editor *ed, const char *uid, dais_time rid,
                 const struct session *target, struct session **pre,
                 struct session **post);
void record_add(struct edit_record *r, const char *uid, dais_time rid,
                struct session *pre, struct session *post);

/* edit_registry.c: the registry steps of a record */
void registry_steps_free(struct edit_record *r);
/* Puts each entry of r into its before (backwards) or after state; fills
 * out (r->nrsteps long) with those that changed and returns their count. */
size_t registry_steps_replay(struct editor *ed, const struct edit_record *r,
                             bool backwards, struct registry_delta *out);
/* The record's steps as the callback's deltas; out is r->nrsteps long. */
void registry_steps_deltas(const struct edit_record *r,
                           struct registry_delta *out);
void registry_saved_free(struct editor *ed);

/* edit_check.c */
bool has_control(const char *s);
bool edit_check(struct editor *ed, const struct session *cur, struct session *s,
                const char **why);

#endif
