/*
 * term.h: the terminal, and the only part of dais that includes curses:
 * start and stop, colours (or attributes when monochrome or NO_COLOR),
 * keys read with get_wch and turned into dais key codes (keys.h), the
 * mouse, the size, and painting a canvas.
 */
#ifndef DAIS_TUI_TERM_H
#define DAIS_TUI_TERM_H

#include <stdbool.h>

#include "canvas.h"
#include "theme.h"

enum term_mouse_kind {
	TERM_MOUSE_PRESS,
	TERM_MOUSE_RELEASE,
	TERM_MOUSE_WHEEL_UP,
	TERM_MOUSE_WHEEL_DOWN,
};

struct term_mouse {
	enum term_mouse_kind kind;
	int x, y;
};

/*
 * Takes over the terminal (the locale must be set already). Colour unless
 * NO_COLOR is set and not empty or the terminal has none; ESCDELAY 25 ms
 * unless the user set ESCDELAY. *warning (owned by the caller, may be NULL
 * on return) says when the locale is not UTF-8. False when there is no
 * terminal to use, with *warning saying so.
 */
bool term_start(const struct theme *theme, char **warning);
void term_stop(void);
bool term_has_colour(void);
/* Applies a theme (styles changed at run time). */
void term_apply_theme(const struct theme *theme);
void term_size(int *w, int *h);
/*
 * Waits for a key and returns it (keys.h): a character, a TK_ key,
 * TK_RESIZE or TK_MOUSE (then *mouse is filled), or TK_HANGUP when the
 * terminal went away (a closed SSH session) or SIGHUP or SIGTERM came:
 * the planner must then stop at once, keeping its recovery journal.
 */
int term_read_key(struct term_mouse *mouse);
/* Makes a waiting term_read_key return TK_WAKE (within a second); any
 * thread may call it. */
void term_wake(void);
/* Paints the canvas; the cursor is shown at (cy, cx) when cy >= 0. */
void term_paint(const struct canvas *c, int cy, int cx);
/* Forces a full repaint on the next term_paint (C-l). */
void term_invalidate(void);

#endif
