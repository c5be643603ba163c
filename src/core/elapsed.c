/*
 * elapsed.c: "N minutes ago" (elapsed.h), one wording for the lock's
 * holder and the journal's last edit.
 */
#include "dais/elapsed.h"

#include "dais/xalloc.h"

char *
elapsed_ago(int64_t then, int64_t now)
{
	long long d = (long long)(now - then), days;

	if (d < 0)
		return NULL;
	if (d < 60)
		return xstrdup("less than a minute ago");
	if (d < 3600)
		return xasprintf("%lld min ago", d / 60);
	if (d < 86400)
		return xasprintf("%lld h %lld min ago", d / 3600,
		                 d % 3600 / 60);
	days = d / 86400;
	return xasprintf("%lld day%s ago", days, days == 1 ? "" : "s");
}
