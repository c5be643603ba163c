/*
 * winzones.c: Windows zone names to IANA zones through ICU's copy of
 * CLDR's windowsZones table (winzones.h). ICU speaks UTF-16: names go
 * in and out through u_strFromUTF8 / u_strToUTF8.
 */
#include "dais/winzones.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucal.h>
#include <unicode/ustring.h>

#include "dais/xalloc.h"

/* Longer than any zone name, Windows's or IANA's. */
#define ZONE_NAME_MAX 128

static bool
to_utf16(const char *s, UChar *out, int32_t cap, int32_t *len)
{
	UErrorCode e = U_ZERO_ERROR;

	u_strFromUTF8(out, cap, len, s, -1, &e);
	return U_SUCCESS(e) && e != U_STRING_NOT_TERMINATED_WARNING;
}

/* Whether the Windows zone of the IANA zone `iana` is `windows`. */
static bool
is_windows_zone_of(const UChar *iana, int32_t iana_len, const UChar *windows,
                   int32_t windows_len)
{
	UChar got[ZONE_NAME_MAX];
	UErrorCode e = U_ZERO_ERROR;
	int32_t n =
	    ucal_getWindowsTimeZoneID(iana, iana_len, got, ZONE_NAME_MAX, &e);

	return U_SUCCESS(e) && n == windows_len &&
	       u_strncmp(got, windows, n) == 0;
}

char *
winzones_find(const char *name, const char *prefer)
{
	UChar windows[ZONE_NAME_MAX], iana[ZONE_NAME_MAX];
	char out[4 * ZONE_NAME_MAX];
	int32_t wlen, plen, n;
	UErrorCode e = U_ZERO_ERROR;

	if (!to_utf16(name, windows, ZONE_NAME_MAX, &wlen) || wlen == 0)
		return NULL;
	if (prefer != NULL && to_utf16(prefer, iana, ZONE_NAME_MAX, &plen) &&
	    is_windows_zone_of(iana, plen, windows, wlen))
		return xstrdup(prefer);
	/* No region: the zone CLDR gives the name as a whole (001). */
	n = ucal_getTimeZoneIDForWindowsID(windows, wlen, NULL, iana,
	                                   ZONE_NAME_MAX, &e);
	if (U_FAILURE(e) || n <= 0 || n >= ZONE_NAME_MAX)
		return NULL;
	e = U_ZERO_ERROR;
	u_strToUTF8(out, (int32_t)sizeof out, NULL, iana, n, &e);
	if (U_FAILURE(e) || e == U_STRING_NOT_TERMINATED_WARNING)
		return NULL;
	return xstrdup(out);
}
