/*
 * source_date.c: SOURCE_DATE_EPOCH read and checked in one place
 * (source_date.h); the specification asks for a decimal integer of
 * seconds, and anything else is refused rather than read as 0.
 */
#include "dais/source_date.h"

#include <errno.h>
#include <stdlib.h>
#include <time.h>

#include "dais/xalloc.h"

/* 9999-12-31T23:59:59Z: beyond it no time format of dais has a place. */
#define SOURCE_DATE_MAX 253402300799LL

bool
source_date_now(dais_time *out, char **why)
{
	const char *env = getenv("SOURCE_DATE_EPOCH"), *c;
	char *end;
	long long v;

	*out = (dais_time)time(NULL);
	if (env == NULL || *env == '\0')
		return true;
	for (c = env; *c >= '0' && *c <= '9'; c++)
		;
	errno = 0;
	v = strtoll(env, &end, 10);
	if (*c != '\0' || errno != 0 || *end != '\0' || v > SOURCE_DATE_MAX) {
		if (why != NULL)
			*why = xasprintf("SOURCE_DATE_EPOCH is '%s', not a "
			                 "number of seconds since 1970; unset "
			                 "it or give whole seconds",
			                 env);
		return false;
	}
	*out = (dais_time)v;
	return true;
}
