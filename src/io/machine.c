/*
 * machine.c: user, host and process of machine.h. Liveness is kill(pid, 0)
 * (EPERM: it exists, as another user), then /proc/PID/stat's state, so
 * that a zombie left by a closed terminal does not count as a holder.
 */
#include "dais/machine.h"

#include <errno.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "dais/xalloc.h"

char *
machine_user(void)
{
	struct passwd *pw = getpwuid(geteuid());
	const char *name = pw != NULL ? pw->pw_name : getenv("USER");

	if (name == NULL || *name == '\0')
		return xasprintf("uid%u", (unsigned)geteuid());
	return xstrdup(name);
}

char *
machine_host(void)
{
	char buf[256];

	if (gethostname(buf, sizeof buf) != 0 || buf[0] == '\0')
		return xstrdup("unknown-host");
	buf[sizeof buf - 1] = '\0';
	return xstrdup(buf);
}

/* The state letter of /proc/PID/stat ('R', 'S', 'Z'...), or 0 unknown. */
static char
process_state(long pid)
{
	char path[64], buf[512], *close_paren;
	FILE *f;
	size_t n;

	snprintf(path, sizeof path, "/proc/%ld/stat", pid);
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	/* "pid (comm) S ...": comm may hold spaces and parentheses. */
	close_paren = strrchr(buf, ')');
	if (close_paren == NULL || close_paren[1] != ' ')
		return 0;
	return close_paren[2];
}

bool
machine_process_alive(long pid)
{
	char state;

	if (pid <= 0 || (long)(pid_t)pid != pid)
		return false;
	if (kill((pid_t)pid, 0) != 0 && errno != EPERM)
		return false;
	state = process_state(pid);
	return state != 'Z' && state != 'X';
}

char *
machine_expand_home(const char *path)
{
	const char *home = getenv("HOME");

	while (*path == ' ')
		path++;
	if (path[0] == '~' && (path[1] == '/' || path[1] == '\0') &&
	    home != NULL && *home != '\0')
		return xasprintf("%s%s", home, path + 1);
	return xstrdup(path);
}
