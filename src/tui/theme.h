/*
 * theme.h: what each style looks like: colours and attributes for colour
 * terminals, attributes alone for monochrome ones and under NO_COLOR. The
 * defaults live here; dais.ini's [colours] section changes them (config.c)
 * and term.c applies them. No curses here: colours are numbers 0-255 and -1
 * for the terminal's own.
 */
#ifndef DAIS_TUI_THEME_H
#define DAIS_TUI_THEME_H

#include <stdbool.h>

#include "canvas.h"

#define COLOUR_DEFAULT (-1)

struct style_def {
	short fg, bg;       /* 0-255, or COLOUR_DEFAULT */
	unsigned char mods; /* MOD_* with colour */
	unsigned char mono; /* MOD_* without colour */
};

struct theme {
	struct style_def styles[STYLE_COUNT];
};

void theme_defaults(struct theme *t);
/* "error", "tab-active" ...; -1 when unknown. */
int theme_style_parse(const char *name);
const char *theme_style_name(int style);
/*
 * Parses "FG BG [bold] [reverse] [underline] [dim]" where a colour is a
 * name (black, red, green, yellow, blue, magenta, cyan, white, their
 * bright- forms, default) or a number 0-255. False with *why (owned by
 * the caller) when it cannot.
 */
bool theme_parse_def(const char *value, struct style_def *out, char **why);

/*
 * The kind slot for each session kind: the six standard kinds have their
 * own colours; others take the two spare slots in turn. Returns a
 * STYLE_KIND_n; unknown or NULL kinds get the last slot.
 */
int theme_kind_style(const char *kind, const char *const *kinds, size_t nkinds);

#endif
