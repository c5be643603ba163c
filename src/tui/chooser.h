/*
 * chooser.h: a modal list of planned changes to choose one from, each
 * previewed before it is applied: where a session can go (f on a session,
 * slot_chooser.c) and what clears a conflict (f in the Conflicts view,
 * fix_chooser.c). Typing narrows the list as the picker's query does.
 */
#ifndef DAIS_TUI_CHOOSER_H
#define DAIS_TUI_CHOOSER_H

#include <stdbool.h>
#include <stddef.h>

#include "dais/model.h"
#include "dais/slots.h"
#include "planner.h"

struct chooser;

struct chooser_item {
	char *text;   /* first column: "Thu 5 Nov 14:00-15:00" */
	char *detail; /* second column: "Side Event Room B" */
	char *match;  /* what typed words are looked for in */
	bool warns;   /* marked '*': choosing it leaves warnings */
	/* Lines shown below the list while the item is under the cursor
	 * (what changes, the warnings); filled by the opener's preview when
	 * the item is first drawn. A line starting with '*' is a warning and
	 * marks the item too. */
	struct strlist preview;
	bool previewed;
	size_t index; /* the opener's: which of its own candidates */
};

/* Fills it->preview (called once per item, when first shown). */
typedef void (*chooser_preview)(struct planner *pl, struct chooser *ch,
                                struct chooser_item *it);
/* Applies the choice: NULL when done (the chooser closes first), else
 * why not (owned by the chooser), shown in place. */
typedef char *(*chooser_done)(struct planner *pl, struct chooser *ch,
                              const struct chooser_item *it);

struct chooser {
	char *title; /* "Free times and rooms for 'Youth voices'" */
	char *head;  /* a line under the title: "12 free, 40 with warnings" */
	struct strlist notes;  /* shown when the preview leaves room, dim */
	char *empty;           /* shown when there are no items at all */
	const char *cancelled; /* the status line after Esc */
	bool wide_text;        /* the text column takes half the width */
	struct chooser_item *items;
	size_t nitems, capitems;
	size_t *shown; /* indexes of the items matching the query */
	size_t nshown;
	struct lineedit query;
	struct listnav nav;
	char *error; /* a refused choice, shown in place */
	chooser_preview preview;
	chooser_done done;
	void *arg; /* the opener's, freed with free_arg */
	void (*free_arg)(void *arg);
};

/* A chooser with no items yet; the caller sets title and the rest. */
struct chooser *chooser_new(chooser_preview preview, chooser_done done,
                            void *arg, void (*free_arg)(void *arg));
/* A new item (zeroed); the chooser owns the strings put in it. */
struct chooser_item *chooser_add(struct chooser *ch);
/* The columns its title has at the planner's width now, for an opener
 * that shortens a part of it rather than let the end be cut. */
int chooser_title_width(const struct planner *pl);
/* Shows it as the top layer, which owns it from now on. */
void chooser_open(struct planner *pl, struct chooser *ch);
/* The open chooser (the top layer), or NULL. */
struct chooser *chooser_of(const struct planner *pl);

/*
 * f on a session: its free times and rooms on every day, from the slot
 * engine (slots_find with the session as the meeting), those in no
 * conflict first, then those with warnings only; Enter moves it there
 * (time and room in one undoable edit).
 */
void slot_chooser_open(struct planner *pl, const struct session *s);

/*
 * f in the Conflicts view: the fixes of conflict c (slots_fixes), those
 * leaving no conflict first, then those leaving a warning, each smallest
 * change first; Enter applies one as one undoable edit. `fixes` is copied.
 */
void fix_chooser_open(struct planner *pl, const struct conflict *c,
                      const struct slot_fixes *fixes);

#endif
