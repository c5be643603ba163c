/*
 * config.c: the planner's settings from dais.ini, read through io's INI
 * reader (registry_ini.h), the one the registries use: it names the line
 * of every key and warns about values iniparser would cut.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../io/registry_ini.h"
#include "dais/machine.h"
#include "dais/xalloc.h"

const int config_zooms[CONFIG_NZOOMS] = {5, 10, 15, 30, 60};

void
config_init(struct tui_config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	keymap_defaults(&cfg->keys);
	theme_defaults(&cfg->theme);
	cfg->print_command = xstrdup("lpr");
	cfg->export_dir = NULL; /* beside the programme: DIR-export */
	cfg->zoom = 15;
	cfg->detail = true;
}

void
config_free(struct tui_config *cfg)
{
	size_t i;

	for (i = 0; i < cfg->nkinds; i++)
		free(cfg->kinds[i].kind);
	free(cfg->kinds);
	free(cfg->path);
	free(cfg->print_command);
	free(cfg->export_dir);
	memset(cfg, 0, sizeof *cfg);
}

char *
config_default_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");

	if (xdg != NULL && xdg[0] == '/')
		return xasprintf("%s/dais/dais.ini", xdg);
	if (home != NULL && home[0] != '\0')
		return xasprintf("%s/.config/dais/dais.ini", home);
	return NULL;
}

static void
set_string(char **dst, const char *value)
{
	free(*dst);
	*dst = xstrdup(value);
}

static void
read_keys(struct tui_config *cfg, const struct ini_file *f,
          struct diag_list *diags)
{
	const struct ini_section *sec = ini_section(f, "keys");
	size_t i;

	if (sec == NULL || sec->nkeys == 0)
		return;
	for (i = 0; i < sec->nkeys; i++) {
		const char *name = sec->keys[i].name, *value;
		char *why = NULL;
		int line;

		/* A refused value: ini_open_path has said why. */
		if ((value = ini_value(f, sec, name, &line)) == NULL)
			continue;

		if (!keymap_bind(&cfg->keys, name, value, &why)) {
			diag_add(diags, DIAG_WARNING, f->path, line, NULL,
			         "[keys] %s: %s; the default keys stay", name,
			         why);
			free(why);
		}
	}
	keymap_check(&cfg->keys, f->path, diags);
}

static void
read_colours(struct tui_config *cfg, const struct ini_file *f,
             struct diag_list *diags)
{
	const struct ini_section *sec = ini_section(f, "colours");
	const char *path = f->path;
	size_t i;

	for (i = 0; sec != NULL && i < sec->nkeys; i++) {
		const char *name = sec->keys[i].name, *value;
		char *why = NULL;
		int line;

		if ((value = ini_value(f, sec, name, &line)) == NULL)
			continue;

		if (strncmp(name, "kind.", 5) == 0 && name[5] != '\0') {
			struct kind_colour kc = {NULL, {-1, -1, 0, 0}};

			if (!theme_parse_def(value, &kc.def, &why)) {
				diag_add(diags, DIAG_WARNING, path, line, NULL,
				         "[colours] %s: %s", name, why);
				free(why);
				continue;
			}
			kc.kind = xstrdup(name + 5);
			cfg->kinds = xreallocarray(cfg->kinds, cfg->nkinds + 1,
			                           sizeof *cfg->kinds);
			cfg->kinds[cfg->nkinds++] = kc;
		} else {
			int s = theme_style_parse(name);

			if (s < 0) {
				diag_add(diags, DIAG_WARNING, path, line, NULL,
				         "[colours] has no style '%s'; the "
				         "styles are listed in dais(1) under "
				         "CONFIGURATION",
				         name);
				continue;
			}
			if (!theme_parse_def(value, &cfg->theme.styles[s],
			                     &why)) {
				diag_add(diags, DIAG_WARNING, path, line, NULL,
				         "[colours] %s: %s", name, why);
				free(why);
			}
		}
	}
}

/* The sections besides [keys] and [colours], and the keys each knows. */
static const char *const print_keys[] = {"command", NULL};
static const char *const export_keys[] = {"directory", NULL};
static const char *const planner_keys[] = {"zoom", "detail", NULL};
static const struct {
	const char *name;
	const char *const *keys;
} settings_sections[] = {
    {"print", print_keys},
    {"export", export_keys},
    {"planner", planner_keys},
};

static void
check_unknown(const struct ini_file *f, struct diag_list *diags)
{
	size_t s, k, n = sizeof settings_sections / sizeof settings_sections[0];

	for (s = 0; s < f->nsecs; s++) {
		const struct ini_section *sec = &f->secs[s];
		bool known = false;

		if (strcmp(sec->name, "keys") == 0 ||
		    strcmp(sec->name, "colours") == 0)
			continue;
		for (k = 0; k < n && !known; k++)
			if (strcmp(sec->name, settings_sections[k].name) == 0) {
				ini_check_keys(f, sec,
				               settings_sections[k].keys, NULL);
				known = true;
			}
		if (!known)
			diag_add(diags, DIAG_WARNING, f->path, sec->line, NULL,
			         "unknown section [%s]; dais.ini has [keys], "
			         "[colours], [print], [export] and [planner]",
			         sec->name);
	}
}

/* The value of [section] key, or NULL; *line gets its line. */
static const char *
setting(const struct ini_file *f, const char *section, const char *key,
        int *line)
{
	const struct ini_section *sec = ini_section(f, section);

	*line = 0;
	return sec != NULL ? ini_value(f, sec, key, line) : NULL;
}

/*
 * Opens path through io's INI reader (registry_ini.h), as the registries
 * are read. dais.ini is the user's, not the programme's: what is wrong in
 * it is a warning, and the planner starts with the defaults for it.
 */
static bool
open_settings(struct ini_file *f, const char *path, struct diag_list *diags)
{
	struct diag_list found = {0};
	bool ok = ini_open_path(f, path, "the planner's settings", &found);
	size_t i;
	int pass;

	/* When the file is refused, why comes first: the planner shows the
	 * first problem on its status line. */
	for (pass = ok ? 1 : 0; pass < 2; pass++)
		for (i = 0; i < found.n; i++) {
			const struct diag *d = &found.v[i];
			bool refusal = !ok && d->level == DIAG_ERROR;

			if (refusal != (pass == 0))
				continue;
			diag_add(diags, DIAG_WARNING, d->file, d->line, NULL,
			         "%s%s", d->message,
			         refusal ? "; using the default settings" : "");
		}
	diag_clear(&found);
	free(found.v);
	/* Warnings found from here on go straight to the caller. */
	f->diags = diags;
	return ok;
}

bool
config_load(struct tui_config *cfg, const char *path, struct diag_list *diags)
{
	struct ini_file f;
	const char *v;
	FILE *fp;
	int line;

	set_string(&cfg->path, path);
	fp = fopen(path, "r");
	if (fp == NULL) {
		if (errno == ENOENT)
			return true;
		diag_add(diags, DIAG_WARNING, path, 0, NULL,
		         "cannot read it (%s); using the default settings",
		         strerror(errno));
		return false;
	}
	fclose(fp);
	if (!open_settings(&f, path, diags)) {
		ini_close(&f);
		return false;
	}
	read_keys(cfg, &f, diags);
	read_colours(cfg, &f, diags);
	v = setting(&f, "print", "command", &line);
	if (v != NULL) {
		if (v[0] == '\0')
			diag_add(diags, DIAG_WARNING, path, line, NULL,
			         "[print] command is empty; keeping '%s'",
			         cfg->print_command);
		else
			set_string(&cfg->print_command, v);
	}
	v = setting(&f, "export", "directory", &line);
	if (v != NULL && v[0] != '\0') {
		free(cfg->export_dir);
		cfg->export_dir = machine_expand_home(v);
	}
	v = setting(&f, "planner", "zoom", &line);
	if (v != NULL) {
		int i, z = atoi(v);
		bool ok = false;

		for (i = 0; i < CONFIG_NZOOMS; i++)
			ok = ok || z == config_zooms[i];
		if (ok && strspn(v, "0123456789") == strlen(v))
			cfg->zoom = z;
		else
			diag_add(diags, DIAG_WARNING, path, line, NULL,
			         "[planner] zoom '%s' is not one of 5, 10, 15, "
			         "30, 60 (minutes a row); keeping %d",
			         v, cfg->zoom);
	}
	v = setting(&f, "planner", "detail", &line);
	if (v != NULL) {
		if (strcasecmp(v, "true") == 0 || strcasecmp(v, "yes") == 0 ||
		    strcmp(v, "1") == 0)
			cfg->detail = true;
		else if (strcasecmp(v, "false") == 0 ||
		         strcasecmp(v, "no") == 0 || strcmp(v, "0") == 0)
			cfg->detail = false;
		else
			diag_add(diags, DIAG_WARNING, path, line, NULL,
			         "[planner] detail '%s' is neither true nor "
			         "false",
			         v);
	}
	check_unknown(&f, diags);
	ini_close(&f);
	return true;
}
