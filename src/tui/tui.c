/*
 * tui.c: the planner's main loop: settings, the terminal, then read a key,
 * let the planner handle it, draw, paint, until the user quits.
 */
#include "dais/tui.h"

#include <stdlib.h>

#include "canvas.h"
#include "config.h"
#include "dais/diag.h"
#include "dais/journal.h"
#include "dais/xalloc.h"
#include "planner.h"
#include "sync.h"
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

/* planner_show_now's painter: the screen as the loop would draw it,
 * painted before a long computation starts (the loop paints again after). */
static void
show_now(struct planner *pl)
{
	struct canvas *c = canvas_new(0, 0);
	int w, h, cy, cx;

	term_size(&w, &h);
	planner_resize(pl, w, h);
	planner_draw(pl, c, &cy, &cx);
	term_paint(c, cy, cx);
	canvas_free(c);
}

/*
 * Replays the edits to restore, if any, then starts the journal (which
 * then holds them). Returns what the status line should say first, or
 * NULL.
 */
static char *
start_journal(struct planner *pl, const struct journal_found *restore)
{
	char *why = NULL, *said = NULL;

	if (restore != NULL) {
		if (journal_replay(restore, pl->ed, &why)) {
			char *when = journal_when_text(restore);
			char *touched = journal_touched_text(restore);

			/* The edit's own description gives way to this. */
			free(pl->message);
			pl->message = NULL;
			said = xasprintf(
			    "Restored %zu unsaved edit%s to %s, the last made "
			    "at %s. Not saved yet: s saves, u takes the "
			    "restore back.",
			    restore->nedits, restore->nedits == 1 ? "" : "s",
			    touched, when);
			free(when);
			free(touched);
			if (restore->left_to_choose > 0) {
				char *more =
				    xasprintf("%s %zu of them changed on disk "
				              "too: saving "
				              "shows them.",
				              said, restore->left_to_choose);

				free(said);
				said = more;
			}
		} else {
			char *kept_why = NULL;
			char *kept = journal_keep_aside(pl->p->dir, &kept_why);

			said = xasprintf("Could not restore the unsaved edits "
			                 "(%s); the journal is kept as %s.",
			                 why, kept ? kept : kept_why);
			free(kept);
			free(kept_why);
			free(why);
			why = NULL;
		}
	}
	pl->journal = journal_start(pl->ed, &why);
	if (pl->journal == NULL) {
		char *both = xasprintf(
		    "%s%sNo recovery journal: %s. Edits would be lost if dais "
		    "stopped; save often.",
		    said ? said : "", said ? " " : "", why);

		free(said);
		free(why);
		said = both;
	}
	return said;
}

int
tui_run(struct programme *p, const struct tui_options *opts, char **why)
{
	const char *note = opts->note;
	char *journal_said = NULL;
	struct tui_config cfg;
	struct diag_list diags = {0};
	struct planner *pl;
	struct canvas *c;
	char *path = config_default_path(), *warning = NULL;
	bool first_screen;

	config_init(&cfg);
	if (path != NULL)
		config_load(&cfg, path, &diags);
	free(path);
	apply_kind_colours(&cfg, p);
	if (!term_start(&cfg.theme, &warning)) {
		*why = warning;
		programme_free(p);
		config_free(&cfg);
		diag_clear(&diags);
		free(diags.v);
		return 1;
	}
	pl = planner_new(p, &cfg); /* p is the planner's from here on */
	if (opts->read_only_why != NULL) {
		planner_set_read_only(pl, opts->read_only_why);
		if (note == NULL)
			note = pl->read_only;
	} else {
		journal_said = start_journal(pl, opts->restore);
	}
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
	if (journal_said != NULL) {
		/* The restore (or a journal that could not be written)
		 * matters more than a note about loading. */
		free(pl->startup_warning);
		pl->startup_warning = journal_said;
	}
	pl->show_now = show_now;
	/* In the background: the first screen does not wait for it. */
	planner_sync_open(pl);
	c = canvas_new(0, 0);
	first_screen = true;
	while (!pl->quit) {
		struct term_mouse mouse;
		int w, h, cy, cx, key;

		planner_sync_poll(pl);
		term_size(&w, &h);
		planner_resize(pl, w, h);
		planner_draw(pl, c, &cy, &cx);
		if (pl->repaint) {
			term_invalidate();
			pl->repaint = false;
		}
		term_paint(c, cy, cx);
		if (first_screen) {
			planner_first_painted(pl);
			first_screen = false;
		}
		key = term_read_key(&mouse);
		planner_key(pl, key, &mouse);
	}
	term_stop();
	/* A normal quit: nothing unsaved, or the user chose to drop it. */
	journal_close(pl->journal, !pl->hangup);
	pl->journal = NULL;
	canvas_free(c);
	planner_free(pl);
	config_free(&cfg);
	diag_clear(&diags);
	free(diags.v);
	return 0;
}
