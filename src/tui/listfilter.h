/*
 * listfilter.h: the narrowing list the picker (picker.c) and the chooser
 * (chooser.c) share: typed words narrow the items to those whose match text
 * holds every word, and the cursor moves over the items shown.
 */
#ifndef DAIS_TUI_LISTFILTER_H
#define DAIS_TUI_LISTFILTER_H

#include <stdbool.h>
#include <stddef.h>

#include "planner.h"

/* Every space-separated word of query is somewhere in match, ignoring case
 * (NULL matches an empty query only). */
bool listfilter_matches(const char *match, const char *query);

/* The match text of item i of an opener's items array. */
typedef const char *(*listfilter_match_of)(const void *items, size_t i);

/*
 * Rebuilds *shown (freed and allocated again) with the indexes of the
 * nitems items that match query, *nshown their count, and puts the cursor
 * nav back on the first of them.
 */
void listfilter_refilter(size_t **shown, size_t *nshown, struct listnav *nav,
                         const void *items, size_t nitems,
                         listfilter_match_of match_of, const char *query);

enum listfilter_key {
	LISTFILTER_NONE,  /* not one of the list's keys */
	LISTFILTER_MOVED, /* the cursor moved */
	LISTFILTER_TYPED, /* the query changed: refilter */
};

/* The keys both lists share: next/previous and PgDn/PgUp move nav by one
 * or a page; the editing keys and printable characters edit query. */
enum listfilter_key listfilter_key(struct listnav *nav, struct lineedit *query,
                                   enum action a, int key, int page);

/*
 * The query row of a box at bx, bw columns wide: "> " and the query, the
 * text cursor in it (*cy, *cx), and "N of M" items shown at the right.
 */
void listfilter_draw_query(struct canvas *c, int y, int bx, int bw,
                           struct lineedit *query, size_t nshown, size_t nitems,
                           int *cy, int *cx);

/*
 * One item's row across a box at bx, bw columns wide: its mark (one
 * column: a warning's '*'), its text in textw columns and its detail, dim,
 * in the rest; reversed when it is under the cursor.
 */
void listfilter_draw_row(struct canvas *c, int row, int bx, int bw, int textw,
                         const char *mark, int mark_style, const char *text,
                         const char *detail, bool cursor);

#endif
