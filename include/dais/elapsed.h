/*
 * elapsed.h: how long ago something happened, in the words the planner and
 * the command line use ("less than a minute ago", "5 min ago",
 * "2 h 5 min ago", "1 day ago", "3 days ago").
 */
#ifndef DAIS_ELAPSED_H
#define DAIS_ELAPSED_H

#include <stdint.h>

/* The words for the time from then to now (seconds since 1970); NULL when
 * then is after now (another machine's clock). The caller frees it. */
char *elapsed_ago(int64_t then, int64_t now);

#endif
