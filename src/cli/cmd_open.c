/*
 * cmd_open.c: `dais open [DIR]`, also `dais DIR` and plain `dais`: load the
 * programme and run the interactive planner on it (tui.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "dais/tui.h"
#include "dais/xalloc.h"

int
cmd_open(int argc, char **argv)
{
	const char *dir = NULL;
	struct programme *p;
	struct stat st;
	char *why = NULL, *note = NULL;
	size_t warnings;
	int i, status;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0 && i + 1 < argc && dir == NULL) {
			dir = argv[++i];
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			fprintf(stderr,
			        "dais: open has no option '%s'; 'dais open "
			        "--help' shows its use\n",
			        argv[i]);
			return EXIT_BAD_INPUT;
		} else if (dir == NULL) {
			dir = argv[i];
		} else {
			fprintf(stderr,
			        "dais: open takes one directory, not '%s' "
			        "too\n",
			        argv[i]);
			return EXIT_BAD_INPUT;
		}
	}
	if (dir == NULL)
		dir = cli_default_dir();
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr,
		        "dais: no command or programme directory '%s'; 'dais "
		        "help' lists the commands\n",
		        dir);
		return EXIT_BAD_INPUT;
	}
	/* Load first: what is wrong with the files matters more. */
	p = cli_load_counted(dir, &warnings);
	if (p == NULL)
		return EXIT_BAD_INPUT;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr,
		        "dais: the planner needs a terminal; 'dais check %s' "
		        "reports without one\n",
		        dir);
		programme_free(p);
		return EXIT_BAD_INPUT;
	}
	if (warnings > 0)
		note = xasprintf("Loaded with %zu warning%s (printed above the "
		                 "planner); 'dais check %s' lists them again.",
		                 warnings, warnings == 1 ? "" : "s", dir);
	status = tui_run(p, note, &why);
	free(note);
	programme_free(p);
	if (status != 0) {
		fprintf(stderr, "dais: %s\n",
		        why != NULL ? why : "the planner failed");
		free(why);
		return EXIT_CONFLICTS;
	}
	return EXIT_CLEAN;
}
