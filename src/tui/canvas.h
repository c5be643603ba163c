/*
 * canvas.h: the line buffer the planner's views draw into: a grid of cells,
 * each holding one character (with its combining marks), its display width
 * from wcwidth and a style. Views write text by display columns; term.c
 * paints the result. Nothing here touches the terminal, so the layout of
 * every view can be tested as plain text.
 */
#ifndef DAIS_TUI_CANVAS_H
#define DAIS_TUI_CANVAS_H

#include <stddef.h>

/*
 * What a cell means; term.c turns each into colours or, on a monochrome
 * terminal or with NO_COLOR, into bold, reverse and underline.
 */
enum style {
	STYLE_NORMAL,
	STYLE_DIM,          /* secondary text, empty hours */
	STYLE_TITLE,        /* headings in panes and boxes */
	STYLE_TAB,          /* a day or view tab */
	STYLE_TAB_ACTIVE,   /* the chosen one */
	STYLE_HEADER,       /* room names, column headings */
	STYLE_GUTTER,       /* the time column of the grid */
	STYLE_RULE,         /* lines between columns and panes */
	STYLE_CURSOR,       /* the grid cursor on an empty slot */
	STYLE_SELECTED,     /* the chosen row of a list */
	STYLE_ERROR,        /* conflicts of severity error */
	STYLE_WARNING,      /* conflicts of severity warning */
	STYLE_STATUS,       /* the status line */
	STYLE_STATUS_ERROR, /* a refusal or failure in the status line */
	STYLE_CANCELLED,    /* a cancelled session */
	STYLE_INPUT,        /* a text field being edited */
	STYLE_KIND_0,       /* session kinds, in the order kind_style gives */
	STYLE_KIND_1,
	STYLE_KIND_2,
	STYLE_KIND_3,
	STYLE_KIND_4,
	STYLE_KIND_5,
	STYLE_KIND_6,
	STYLE_KIND_7,
	STYLE_COUNT
};

#define STYLE_KIND_COUNT 8

/* Added to a style: for a selected block drawn in its kind's colour. */
enum {
	MOD_BOLD = 1,
	MOD_REVERSE = 2,
	MOD_UNDERLINE = 4,
	MOD_DIM = 8,
};

#define CELL_BYTES 16 /* a character and a few combining marks, UTF-8 */

struct cell {
	char ch[CELL_BYTES]; /* UTF-8, NUL-terminated; "" after a wide char */
	unsigned char width; /* 1 or 2; 0 for the right half of a wide char */
	unsigned char style; /* enum style */
	unsigned char mods;  /* MOD_* */
};

struct canvas {
	int w, h;
	struct cell *cells; /* h rows of w cells */
};

/* A blank canvas of w x h cells (either may be 0); canvas_free frees it. */
struct canvas *canvas_new(int w, int h);
void canvas_free(struct canvas *c);
/* New size, all blank. */
void canvas_resize(struct canvas *c, int w, int h);
void canvas_clear(struct canvas *c);
const struct cell *canvas_cell(const struct canvas *c, int y, int x);

/*
 * Writes text at row y from column x, using at most maxw columns (and never
 * past the right edge). A wide character that does not fit whole is left
 * out, never split; control characters become spaces and unprintable ones
 * U+FFFD. Returns the columns used.
 */
int canvas_put(struct canvas *c, int y, int x, int maxw, const char *text,
               int style, int mods);
/*
 * Writes text cut to exactly w columns: truncated with "…" when longer
 * (text_truncate), padded with spaces in the same style when shorter.
 */
void canvas_put_fit(struct canvas *c, int y, int x, int w, const char *text,
                    int style, int mods);
/* The same, right-aligned. */
void canvas_put_right(struct canvas *c, int y, int x, int w, const char *text,
                      int style, int mods);
/* Fills a rectangle with spaces of one style. */
void canvas_fill(struct canvas *c, int y, int x, int w, int h, int style,
                 int mods);
/* A dialog's box: w by h cells from (y, x) emptied, ruled round with '|'
 * down the sides and '-' across the top and the bottom. */
void canvas_box(struct canvas *c, int y, int x, int w, int h);
/* Changes the style of w cells from (y, x), keeping their characters. */
void canvas_restyle(struct canvas *c, int y, int x, int w, int style, int mods);

/*
 * The text of row y as UTF-8, each wide character once; with trailing
 * spaces when keep_trailing, else without. The caller frees it. This is what
 * the unit tests read, and what capture-pane would show.
 */
char *canvas_row_text(const struct canvas *c, int y, int keep_trailing);

#endif
