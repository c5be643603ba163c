/*
 * config.h: the planner's settings from $XDG_CONFIG_HOME/dais/dais.ini
 * (else ~/.config/dais/dais.ini): keys, colours, the print command, the
 * export directory and a few defaults of the views. Every problem in the
 * file becomes a warning with its line; the planner starts anyway, with
 * the defaults for what it could not use.
 */
#ifndef DAIS_TUI_CONFIG_H
#define DAIS_TUI_CONFIG_H

#include <stdbool.h>

#include "dais/diag.h"
#include "keys.h"
#include "theme.h"

/* A colour set for one session kind ([colours] kind.NAME). */
struct kind_colour {
	char *kind; /* as written, compared without regard to case */
	struct style_def def;
};

struct tui_config {
	char *path; /* the file read, or that would have been; owned */
	struct keymap keys;
	struct theme theme;
	struct kind_colour *kinds;
	size_t nkinds;
	char *print_command; /* "lpr" */
	char *export_dir;    /* "~" expanded; NULL: beside the programme */
	int zoom;            /* minutes a grid row: 5, 10, 15, 30 or 60 */
	bool detail;         /* the detail pane starts shown */
};

/* The defaults, with no file read. */
void config_init(struct tui_config *cfg);
void config_free(struct tui_config *cfg);
/* $XDG_CONFIG_HOME/dais/dais.ini or ~/.config/dais/dais.ini; caller frees;
 * NULL when neither variable is set. */
char *config_default_path(void);
/*
 * Reads path over the defaults in cfg. A missing file is not a problem;
 * anything else that is wrong becomes a warning in diags naming the file
 * and line. Returns false when the file exists but could not be read at
 * all (then only the defaults apply).
 */
bool config_load(struct tui_config *cfg, const char *path,
                 struct diag_list *diags);

/* The zoom levels, in minutes a row, finest first. */
extern const int config_zooms[];
#define CONFIG_NZOOMS 5

#endif
