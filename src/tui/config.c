/*
 * config.c: reading dais.ini with iniparser. iniparser gives no line
 * numbers for keys, so the file is also scanned line by line to name the
 * line of each problem; values are expected quoted (LIBRARY-NOTES.md).
 */
#include "config.h"

#include <errno.h>
#include <iniparser/iniparser.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dais/xalloc.h"

const int config_zooms[CONFIG_NZOOMS] = {5, 10, 15, 30, 60};

void
config_init(struct tui_config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	keymap_defaults(&cfg->keys);
	theme_defaults(&cfg->theme);
	cfg->print_command = xstrdup("lpr");
	cfg->export_dir = xstrdup("dais-export");
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

/* The line of "key" in "[section]" (both folded to lower case), or 0. */
static int
find_line(const char *path, const char *section, const char *key)
{
	FILE *f = fopen(path, "r");
	char line[2048], cur[256] = "";
	int n = 0, found = 0;

	if (f == NULL)
		return 0;
	while (found == 0 && fgets(line, sizeof line, f) != NULL) {
		char *s = line, *e;

		n++;
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '[') {
			e = strchr(s, ']');
			if (e != NULL) {
				size_t len = (size_t)(e - s - 1);

				if (len >= sizeof cur)
					len = sizeof cur - 1;
				memcpy(cur, s + 1, len);
				cur[len] = '\0';
			}
			continue;
		}
		e = strchr(s, '=');
		if (e == NULL || strcasecmp(cur, section) != 0)
			continue;
		while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		if (key == NULL || ((size_t)(e - s) == strlen(key) &&
		                    strncasecmp(s, key, strlen(key)) == 0))
			found = n;
	}
	fclose(f);
	return found;
}

static char parse_error[512];

/* iniparser reports syntax errors through a printf-like callback. */
static int
collect_error(const char *fmt, ...)
{
	va_list ap;

	if (parse_error[0] != '\0')
		return 0;
	va_start(ap, fmt);
	vsnprintf(parse_error, sizeof parse_error, fmt, ap);
	va_end(ap);
	return 0;
}

static void
set_string(char **dst, const char *value)
{
	free(*dst);
	*dst = xstrdup(value);
}

/* "~/x" becomes "$HOME/x". */
static char *
expand_home(const char *path)
{
	const char *home = getenv("HOME");

	if (path[0] == '~' && (path[1] == '/' || path[1] == '\0') &&
	    home != NULL)
		return xasprintf("%s%s", home, path + 1);
	return xstrdup(path);
}

static void
read_keys(struct tui_config *cfg, dictionary *d, const char *path,
          struct diag_list *diags)
{
	int n = iniparser_getsecnkeys(d, "keys"), i;
	const char **keys;

	if (n <= 0)
		return;
	keys = xcalloc((size_t)n, sizeof *keys);
	iniparser_getseckeys(d, "keys", keys);
	for (i = 0; i < n; i++) {
		const char *name = keys[i] + strlen("keys:");
		const char *value = iniparser_getstring(d, keys[i], "");
		char *why = NULL;

		if (!keymap_bind(&cfg->keys, name, value, &why)) {
			diag_add(diags, DIAG_WARNING, path,
			         find_line(path, "keys", name), NULL,
			         "[keys] %s: %s; the default keys stay", name,
			         why);
			free(why);
		}
	}
	free(keys);
	keymap_check(&cfg->keys, path, diags);
}

static void
read_colours(struct tui_config *cfg, dictionary *d, const char *path,
             struct diag_list *diags)
{
	int n = iniparser_getsecnkeys(d, "colours"), i;
	const char **keys;

	if (n <= 0)
		return;
	keys = xcalloc((size_t)n, sizeof *keys);
	iniparser_getseckeys(d, "colours", keys);
	for (i = 0; i < n; i++) {
		const char *name = keys[i] + strlen("colours:");
		const char *value = iniparser_getstring(d, keys[i], "");
		char *why = NULL;
		int line = find_line(path, "colours", name);

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
	free(keys);
}

/* Known keys outside [keys] and [colours], and whole sections. */
static const char *const known[] = {
    "print:command", "export:directory", "planner:zoom", "planner:detail", NULL,
};

static void
check_unknown(dictionary *d, const char *path, struct diag_list *diags)
{
	int ns = iniparser_getnsec(d), s;

	for (s = 0; s < ns; s++) {
		const char *sec = iniparser_getsecname(d, s);
		int nk, k;
		const char **keys;

		if (strcmp(sec, "keys") == 0 || strcmp(sec, "colours") == 0)
			continue;
		if (strcmp(sec, "print") != 0 && strcmp(sec, "export") != 0 &&
		    strcmp(sec, "planner") != 0) {
			diag_add(diags, DIAG_WARNING, path,
			         find_line(path, sec, NULL), NULL,
			         "unknown section [%s]; dais.ini has [keys], "
			         "[colours], [print], [export] and [planner]",
			         sec);
			continue;
		}
		nk = iniparser_getsecnkeys(d, sec);
		if (nk <= 0)
			continue;
		keys = xcalloc((size_t)nk, sizeof *keys);
		iniparser_getseckeys(d, sec, keys);
		for (k = 0; k < nk; k++) {
			const char *const *kn;
			bool ok = false;

			for (kn = known; *kn != NULL; kn++)
				ok = ok || strcmp(*kn, keys[k]) == 0;
			if (!ok)
				diag_add(diags, DIAG_WARNING, path,
				         find_line(path, sec,
				                   keys[k] + strlen(sec) + 1),
				         NULL, "unknown key '%s' in [%s]",
				         keys[k] + strlen(sec) + 1, sec);
		}
		free(keys);
	}
}

bool
config_load(struct tui_config *cfg, const char *path, struct diag_list *diags)
{
	dictionary *d;
	const char *v;
	FILE *f;

	set_string(&cfg->path, path);
	f = fopen(path, "r");
	if (f == NULL) {
		if (errno == ENOENT)
			return true;
		diag_add(diags, DIAG_WARNING, path, 0, NULL,
		         "cannot read it (%s); using the default settings",
		         strerror(errno));
		return false;
	}
	fclose(f);
	parse_error[0] = '\0';
	iniparser_set_error_callback(collect_error);
	d = iniparser_load(path);
	iniparser_set_error_callback(NULL);
	if (d == NULL) {
		diag_add(diags, DIAG_WARNING, path, 0, NULL,
		         "not read: %s; every line needs 'key = \"value\"' or "
		         "'[section]'; using the default settings",
		         parse_error[0] != '\0' ? parse_error
		                                : "a syntax error");
		return false;
	}
	read_keys(cfg, d, path, diags);
	read_colours(cfg, d, path, diags);
	v = iniparser_getstring(d, "print:command", NULL);
	if (v != NULL) {
		if (v[0] == '\0')
			diag_add(diags, DIAG_WARNING, path,
			         find_line(path, "print", "command"), NULL,
			         "[print] command is empty; keeping '%s'",
			         cfg->print_command);
		else
			set_string(&cfg->print_command, v);
	}
	v = iniparser_getstring(d, "export:directory", NULL);
	if (v != NULL && v[0] != '\0') {
		free(cfg->export_dir);
		cfg->export_dir = expand_home(v);
	}
	v = iniparser_getstring(d, "planner:zoom", NULL);
	if (v != NULL) {
		int i, z = atoi(v);
		bool ok = false;

		for (i = 0; i < CONFIG_NZOOMS; i++)
			ok = ok || z == config_zooms[i];
		if (ok && strspn(v, "0123456789") == strlen(v))
			cfg->zoom = z;
		else
			diag_add(diags, DIAG_WARNING, path,
			         find_line(path, "planner", "zoom"), NULL,
			         "[planner] zoom '%s' is not one of 5, 10, 15, "
			         "30, 60 (minutes a row); keeping %d",
			         v, cfg->zoom);
	}
	v = iniparser_getstring(d, "planner:detail", NULL);
	if (v != NULL) {
		if (strcasecmp(v, "true") == 0 || strcasecmp(v, "yes") == 0 ||
		    strcmp(v, "1") == 0)
			cfg->detail = true;
		else if (strcasecmp(v, "false") == 0 ||
		         strcasecmp(v, "no") == 0 || strcmp(v, "0") == 0)
			cfg->detail = false;
		else
			diag_add(diags, DIAG_WARNING, path,
			         find_line(path, "planner", "detail"), NULL,
			         "[planner] detail '%s' is neither true nor "
			         "false",
			         v);
	}
	check_unknown(d, path, diags);
	iniparser_freedict(d);
	return true;
}
