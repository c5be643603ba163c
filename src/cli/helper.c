/*
 * helper.c: where dais runs the commands whose libraries it does not load.
 * The dais executable links only what reading a programme's files needs
 * (libical, iniparser, libcsv); the planner (ncursesw), PDF run-sheets
 * (pango, cairo), sync and publish (libcurl, libxml2), the scheduler
 * (GLPK) and the frab and HTML exports (libxml2) are in its helper,
 * dais-full, which dais replaces itself with, as git runs git-remote-https
 * (docs/architecture.md, "Two executables").
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "dais/xalloc.h"

#define HELPER_NAME "dais-full"

/* The command line dais was given, as main received it. */
static char **command_line;

void
cli_keep_command_line(char **argv)
{
	command_line = argv;
}

/*
 * The directory of the running executable, from /proc/self/exe (a
 * symlink to dais is followed there), or NULL when /proc cannot say.
 * The caller frees it.
 */
static char *
own_directory(void)
{
	char path[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
	char *slash;

	if (n <= 0 || n >= (ssize_t)sizeof path - 1) /* none, or cut short */
		return NULL;
	path[n] = '\0';
	slash = strrchr(path, '/');
	if (slash == NULL)
		return NULL;
	*slash = '\0';
	return xstrdup(path);
}

/*
 * Where dais-full is: in $DAIS_EXEC_PATH when that is set (and nowhere
 * else, so that it is never a surprise); else beside the running dais,
 * as in the build directory; else where meson installed it
 * (DAIS_LIBEXECDIR, compiled in). The caller frees it.
 */
static char *
helper_path(void)
{
	const char *env = getenv("DAIS_EXEC_PATH");
	char *dir;

	if (env != NULL && *env != '\0')
		return xasprintf("%s/%s", env, HELPER_NAME);
	dir = own_directory();
	if (dir != NULL) {
		char *beside = xasprintf("%s/%s", dir, HELPER_NAME);

		free(dir);
		if (access(beside, F_OK) == 0)
			return beside;
		free(beside);
	}
	return xstrdup(DAIS_LIBEXECDIR "/" HELPER_NAME);
}

int
cli_run_in_helper(const char *what)
{
	char *path = helper_path();
	int err;

	if (command_line == NULL)
		abort(); /* main keeps it before running any command */
	execv(path, command_line);
	err = errno;
	fprintf(stderr,
	        "dais: %s runs in dais's helper, %s, which %s (%s).\nInstall "
	        "dais again (meson install puts the helper there), or set "
	        "DAIS_EXEC_PATH to the directory that holds %s\n",
	        what, path,
	        err == ENOENT ? "is missing" : "could not be started",
	        strerror(err), HELPER_NAME);
	free(path);
	return EXIT_BAD_INPUT;
}
