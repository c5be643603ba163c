/*
 * theme.c: the default look of every style, parsing of colour settings and
 * the choice of a colour slot for each session kind.
 */
#include "theme.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dais/xalloc.h"

enum { BLACK, RED, GREEN, YELLOW, BLUE, MAGENTA, CYAN, WHITE };

static const char *const style_names[STYLE_COUNT] = {
    [STYLE_NORMAL] = "normal",         [STYLE_DIM] = "dim",
    [STYLE_TITLE] = "title",           [STYLE_TAB] = "tab",
    [STYLE_TAB_ACTIVE] = "tab-active", [STYLE_HEADER] = "header",
    [STYLE_GUTTER] = "gutter",         [STYLE_RULE] = "rule",
    [STYLE_CURSOR] = "cursor",         [STYLE_SELECTED] = "selected",
    [STYLE_ERROR] = "error",           [STYLE_WARNING] = "warning",
    [STYLE_STATUS] = "status",         [STYLE_STATUS_ERROR] = "status-error",
    [STYLE_CANCELLED] = "cancelled",   [STYLE_INPUT] = "input",
    [STYLE_KIND_0] = "kind-0",         [STYLE_KIND_1] = "kind-1",
    [STYLE_KIND_2] = "kind-2",         [STYLE_KIND_3] = "kind-3",
    [STYLE_KIND_4] = "kind-4",         [STYLE_KIND_5] = "kind-5",
    [STYLE_KIND_6] = "kind-6",         [STYLE_KIND_7] = "kind-7",
};

static void
set(struct theme *t, int s, short fg, short bg, int mods, int mono)
{
	t->styles[s].fg = fg;
	t->styles[s].bg = bg;
	t->styles[s].mods = (unsigned char)mods;
	t->styles[s].mono = (unsigned char)mono;
}

void
theme_defaults(struct theme *t)
{
	const short D = COLOUR_DEFAULT;

	set(t, STYLE_NORMAL, D, D, 0, 0);
	set(t, STYLE_DIM, D, D, MOD_DIM, MOD_DIM);
	set(t, STYLE_TITLE, D, D, MOD_BOLD, MOD_BOLD);
	set(t, STYLE_TAB, D, D, 0, 0);
	set(t, STYLE_TAB_ACTIVE, BLACK, CYAN, MOD_BOLD, MOD_REVERSE | MOD_BOLD);
	set(t, STYLE_HEADER, CYAN, D, MOD_BOLD, MOD_BOLD);
	set(t, STYLE_GUTTER, YELLOW, D, 0, 0);
	set(t, STYLE_RULE, D, D, MOD_DIM, 0);
	set(t, STYLE_CURSOR, D, D, MOD_REVERSE, MOD_REVERSE);
	set(t, STYLE_SELECTED, D, D, MOD_REVERSE, MOD_REVERSE);
	set(t, STYLE_ERROR, RED, D, MOD_BOLD, MOD_BOLD);
	set(t, STYLE_WARNING, YELLOW, D, MOD_BOLD, MOD_UNDERLINE);
	set(t, STYLE_STATUS, D, D, MOD_REVERSE, MOD_REVERSE);
	set(t, STYLE_STATUS_ERROR, WHITE, RED, MOD_BOLD,
	    MOD_REVERSE | MOD_BOLD);
	set(t, STYLE_CANCELLED, D, D, MOD_DIM, MOD_DIM);
	set(t, STYLE_INPUT, D, D, MOD_UNDERLINE, MOD_UNDERLINE);
	/* Session kinds: dark text on a coloured ground, one hue each. */
	set(t, STYLE_KIND_0, BLACK, CYAN, 0, 0);      /* PLENARY */
	set(t, STYLE_KIND_1, BLACK, GREEN, 0, 0);     /* SIDE-SESSION */
	set(t, STYLE_KIND_2, WHITE, MAGENTA, 0, 0);   /* MINISTERIAL */
	set(t, STYLE_KIND_3, BLACK, YELLOW, 0, 0);    /* RECEPTION */
	set(t, STYLE_KIND_4, BLACK, WHITE, 0, 0);     /* BREAK */
	set(t, STYLE_KIND_5, WHITE, BLUE, 0, 0);      /* BILATERAL */
	set(t, STYLE_KIND_6, BLACK, CYAN + 8, 0, 0);  /* others */
	set(t, STYLE_KIND_7, BLACK, GREEN + 8, 0, 0); /* others */
}

int
theme_style_parse(const char *name)
{
	int i;

	for (i = 0; i < STYLE_COUNT; i++)
		if (strcasecmp(style_names[i], name) == 0)
			return i;
	return -1;
}

const char *
theme_style_name(int style)
{
	return style >= 0 && style < STYLE_COUNT ? style_names[style] : "?";
}

static const char *const colour_names[8] = {
    "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

static bool
parse_colour(const char *w, short *out)
{
	int i;

	if (strcasecmp(w, "default") == 0) {
		*out = COLOUR_DEFAULT;
		return true;
	}
	for (i = 0; i < 8; i++) {
		if (strcasecmp(w, colour_names[i]) == 0) {
			*out = (short)i;
			return true;
		}
		if (strncasecmp(w, "bright-", 7) == 0 &&
		    strcasecmp(w + 7, colour_names[i]) == 0) {
			*out = (short)(i + 8);
			return true;
		}
	}
	if (w[0] != '\0' && strspn(w, "0123456789") == strlen(w) &&
	    strlen(w) <= 3 && atoi(w) <= 255) {
		*out = (short)atoi(w);
		return true;
	}
	return false;
}

bool
theme_parse_def(const char *value, struct style_def *out, char **why)
{
	struct style_def d = *out;
	char *copy = xstrdup(value), *save = NULL, *w;
	int n = 0;

	d.mods = 0;
	for (w = strtok_r(copy, " \t,", &save); w != NULL;
	     w = strtok_r(NULL, " \t,", &save), n++) {
		short c;

		if (strcasecmp(w, "bold") == 0)
			d.mods |= MOD_BOLD;
		else if (strcasecmp(w, "reverse") == 0)
			d.mods |= MOD_REVERSE;
		else if (strcasecmp(w, "underline") == 0)
			d.mods |= MOD_UNDERLINE;
		else if (strcasecmp(w, "dim") == 0)
			d.mods |= MOD_DIM;
		else if (n < 2 && parse_colour(w, &c)) {
			if (n == 0)
				d.fg = c;
			else
				d.bg = c;
		} else {
			*why = xasprintf("'%s' is not a colour or attribute; "
			                 "write \"FOREGROUND BACKGROUND "
			                 "[bold] [reverse] [underline] [dim]\" "
			                 "with colours such as red, "
			                 "bright-blue, default or 0-255",
			                 w);
			free(copy);
			return false;
		}
	}
	free(copy);
	*out = d;
	return true;
}

int
theme_kind_style(const char *kind, const char *const *kinds, size_t nkinds)
{
	static const char *const standard[6] = {
	    "PLENARY",   "SIDE-SESSION", "MINISTERIAL",
	    "RECEPTION", "BREAK",        "BILATERAL",
	};
	size_t i, spare = 0;

	if (kind == NULL)
		return STYLE_KIND_7;
	for (i = 0; i < 6; i++)
		if (strcasecmp(kind, standard[i]) == 0)
			return STYLE_KIND_0 + (int)i;
	/* Other kinds alternate between the two spare slots, in the order
	 * conference.ini lists them, so the same kind keeps its colour. */
	for (i = 0; i < nkinds; i++) {
		size_t j;
		bool std = false;

		for (j = 0; j < 6; j++)
			std = std || strcasecmp(kinds[i], standard[j]) == 0;
		if (std)
			continue;
		if (strcasecmp(kinds[i], kind) == 0)
			return STYLE_KIND_6 + (int)(spare % 2);
		spare++;
	}
	return STYLE_KIND_7;
}
