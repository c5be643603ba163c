/*
 * machine.h: who and where dais runs: the user's name, this machine's name,
 * whether a process of this machine is still running, the home directory.
 * The lock and the recovery journal record and compare these.
 */
#ifndef DAIS_MACHINE_H
#define DAIS_MACHINE_H

#include <stdbool.h>

/* The login name of the effective user ($USER, else "uidN"); owned. */
char *machine_user(void);
/* This machine's host name ("unknown-host" if it has none); owned. */
char *machine_host(void);
/*
 * Whether a process of this machine runs as pid. A zombie (ended, not yet
 * reaped by its parent) is not running: it holds nothing any more.
 */
bool machine_process_alive(long pid);
/* "~" or "~/x" with $HOME put in; other paths copied. Leading blanks are
 * dropped. Owned by the caller. */
char *machine_expand_home(const char *path);

#endif
