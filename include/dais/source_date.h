/*
 * source_date.h: the time dais stamps into what it writes (DTSTAMP and
 * LAST-MODIFIED of saved and exported calendars, a run-sheet's footer):
 * SOURCE_DATE_EPOCH when set, for reproducible output
 * (https://reproducible-builds.org/specs/source-date-epoch/), else now.
 */
#ifndef DAIS_SOURCE_DATE_H
#define DAIS_SOURCE_DATE_H

#include <stdbool.h>

#include "dais/dtime.h"

/*
 * *out gets SOURCE_DATE_EPOCH (whole seconds since 1970, up to the end of
 * year 9999) or, when it is unset or empty, the clock. A value that is not
 * such a number returns false with *why (owned) saying so, and *out the
 * clock's time, for callers that go on regardless.
 */
bool source_date_now(dais_time *out, char **why);

#endif
