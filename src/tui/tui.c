/*
 * tui.c: the planner's main loop: settings, the terminal, then read a key,
 * let the planner handle it, draw, paint, until the user quits.
 */
#include "dais/tui.h"

#include <stdlib.h>

#include "canvas.h"
#include "config.h"
#include "dais/diag.h"
#include "dais/xalloc.h"
#include "planner.h"
#include "term.h"

/* Colours set for kinds in dais.ini go to the slot each kind uses. */
static void
apply_kind_colours(struct tui_config *cfg, const struct programme *p)
{
	size_t i;

	for (i = 0; i < cfg->nkinds; i++) {
		int slot = theme_kind_style(
		    cfg->kinds[i].kind, (const char *const *)p->conf.kinds.v,
		    p->conf.kinds.n);

		cfg->theme.styles[slot].fg = cfg->kinds[i].def.fg;
		cfg->theme.styles[slot].bg = cfg->kinds[i].def.bg;
		cfg->theme.styles[slot].mods = cfg->kinds[i].def.mods;
	}
}

int
tui_run(struct programme *p, const char *note, char **why)
{
	struct tui_config cfg;
	struct diag_list diags = {0};
	struct planner *pl;
	struct canvas *c;
	char *path = config_default_path(), *warning = NULL;

	config_init(&cfg);
	if (path != NULL)
		config_load(&cfg, path, &diags);
	free(path);
	apply_kind_colours(&cfg, p);
	if (!term_start(&cfg.theme, &warning)) {
		*why = warning;
		config_free(&cfg);
		diag_clear(&diags);
		free(diags.v);
		return 1;
	}
	pl = planner_new(p, &cfg);
	if (warning != NULL) {
		pl->startup_warning = warning;
	} else if (diags.n > 0) {
		char *first = diag_format(&diags.v[0]);

		pl->startup_warning = xasprintf(
		    "%s%s", first,
		    diags.n > 1 ? " (and more problems in dais.ini)" : "");
		free(first);
	} else if (note != NULL) {
		pl->startup_warning = xstrdup(note);
	}
	c = canvas_new(0, 0);
	while (!pl->quit) {
		struct term_mouse mouse;
		int w, h, cy, cx, key;

		term_size(&w, &h);
		planner_resize(pl, w, h);
		planner_draw(pl, c, &cy, &cx);
		if (pl->repaint) {
			term_invalidate();
			pl->repaint = false;
		}
		term_paint(c, cy, cx);
		key = term_read_key(&mouse);
		planner_key(pl, key, &mouse);
	}
	term_stop();
	canvas_free(c);
	planner_free(pl);
	config_free(&cfg);
	diag_clear(&diags);
	free(diags.v);
	return 0;
}
