/*
 * lineedit.h: one line of UTF-8 text being typed, with a cursor that moves
 * by characters. Prompts, form fields and the picker's query are each one
 * of these; drawing shows the part around the cursor by display columns.
 */
#ifndef DAIS_TUI_LINEEDIT_H
#define DAIS_TUI_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "canvas.h"
#include "keys.h"

struct lineedit {
	char *text; /* owned, NUL-terminated */
	size_t len, cap;
	size_t cursor; /* byte offset, always at a character boundary */
	/* Just set from outside: the first character typed replaces the
	 * whole text (as a selected field does); moving the cursor keeps it. */
	bool fresh;
	/* Where the view began when last drawn (a character boundary, at
	 * most len): drawing starts from it, so that a key costs the field's
	 * width, not the length of all that was typed before the cursor. */
	size_t scroll;
};

void lineedit_init(struct lineedit *le, const char *text);
/* A form's field (the session's, a participant's, a room's): never fresh,
 * the cursor at the end of its value, so that typing adds to it; C-u
 * (ACT_EDIT_KILL) clears it first. Every form starts its fields so. */
void lineedit_init_field(struct lineedit *le, const char *text);
void lineedit_free(struct lineedit *le);
/* Replaces the text; the cursor goes to its end; the text is fresh. */
void lineedit_set(struct lineedit *le, const char *text);
/* Inserts one character (a Unicode code point) at the cursor; into a
 * fresh text, replaces it. */
void lineedit_insert(struct lineedit *le, unsigned int wc);
/*
 * Applies an editing action (ACT_EDIT_*). Returns true when it was one and
 * so was handled; the text may or may not have changed.
 */
bool lineedit_action(struct lineedit *le, enum action a);
/*
 * A key given to a field: its editing action (lineedit_action), or, when
 * it has no action, a printable character typed in. True when it was one of
 * those and so was handled.
 */
bool lineedit_key(struct lineedit *le, enum action a, int key);
/*
 * The part to show in a field `width` columns wide, scrolled so that the
 * cursor is visible (just: as far right as the cursor needs, no further);
 * *cursor_col is the cursor's column in the field. Remembers where the
 * view began (le->scroll). The caller frees the returned text.
 */
char *lineedit_view(struct lineedit *le, int width, int *cursor_col);

/*
 * Draws the field at (y, x), w columns, in style; a fresh text of the
 * focused field shows reversed, as selected. Returns the cursor's column
 * on the screen.
 */
int lineedit_draw(struct lineedit *le, struct canvas *c, int y, int x, int w,
                  int style, bool focused);

#endif
