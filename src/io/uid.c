/*
 * uid.c: new sessions' UIDs (uid.h). The randomness and the machine's name
 * are here, in io, so that the editor (core) stays free of system calls:
 * it is handed this maker by the front end.
 */
#include "dais/uid.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "dais/machine.h"
#include "dais/strmap.h"
#include "dais/xalloc.h"

struct uid_maker {
	char *domain;
	bool seeded; /* no entropy source: state from the clock */
	uint64_t state;
};

/* The domain part of a UID, or NULL when it has none worth copying. */
static const char *
domain_part(const char *uid, size_t *len)
{
	const char *at = strrchr(uid, '@'), *s;

	if (at == NULL || at[1] == '\0')
		return NULL;
	for (s = at + 1; *s != '\0'; s++)
		if (!isalnum((unsigned char)*s) && *s != '.' && *s != '-')
			return NULL;
	*len = (size_t)(s - at - 1);
	return at + 1;
}

/* The machine's name as a domain: only the characters a domain has. */
static char *
host_domain(void)
{
	char *host = machine_host();
	size_t i, j;

	for (i = j = 0; host[i] != '\0'; i++)
		if (isalnum((unsigned char)host[i]) || host[i] == '.' ||
		    host[i] == '-')
			host[j++] = host[i];
	host[j] = '\0';
	if (j == 0 || strcmp(host, "unknown-host") == 0) {
		free(host);
		return xstrdup("dais");
	}
	return host;
}

char *
uid_domain_of(const struct programme *p)
{
	/* Counted in a map (the domains are borrowed: each runs to the end
	 * of its UID); the most used wins, the first in byte order on a
	 * tie. One pass, no copies: the planner asks at start-up. */
	struct strmap seen = {0};
	size_t *count = xcalloc(p->nsessions + 1, sizeof *count);
	const char **name = xcalloc(p->nsessions + 1, sizeof *name);
	size_t n = 0, i, at, best = 0, len;
	const char *d;
	char *out;

	for (i = 0; i < p->nsessions; i++) {
		if (p->sessions[i].uid == NULL ||
		    (d = domain_part(p->sessions[i].uid, &len)) == NULL)
			continue;
		if (!strmap_get(&seen, d, &at)) {
			at = n++;
			name[at] = d;
			strmap_add(&seen, d, at);
		}
		count[at]++;
	}
	for (i = 1; i < n; i++)
		if (count[i] > count[best] || (count[i] == count[best] &&
		                               strcmp(name[i], name[best]) < 0))
			best = i;
	out = n > 0 ? xstrdup(name[best]) : host_domain();
	strmap_free(&seen);
	free(name);
	free(count);
	return out;
}

static void
random_bytes(struct uid_maker *m, unsigned char *r, size_t n)
{
	struct timespec ts;
	size_t i;

	if (!m->seeded) {
		if (getrandom(r, n, 0) == (ssize_t)n)
			return;
		/* No entropy source: seed from the clock, once. */
		clock_gettime(CLOCK_REALTIME, &ts);
		m->state = (uint64_t)ts.tv_sec * 1000000007u ^
		           (uint64_t)ts.tv_nsec ^ (uint64_t)(uintptr_t)m;
		m->seeded = true;
	}
	for (i = 0; i < n; i++)
		r[i] = (unsigned char)splitmix64(&m->state);
}

static char *
uid_make(void *arg)
{
	struct uid_maker *m = arg;
	unsigned char r[16];
	char hex[sizeof r * 2 + 1];
	size_t i;

	random_bytes(m, r, sizeof r);
	for (i = 0; i < sizeof r; i++) {
		hex[2 * i] = "0123456789abcdef"[r[i] >> 4];
		hex[2 * i + 1] = "0123456789abcdef"[r[i] & 15];
	}
	hex[sizeof hex - 1] = '\0';
	return xasprintf("dais-%s@%s", hex, m->domain);
}

static void
uid_maker_free(void *arg)
{
	struct uid_maker *m = arg;

	free(m->domain);
	free(m);
}

void
uid_maker_attach(struct editor *ed, const struct programme *p)
{
	struct uid_maker *m = xcalloc(1, sizeof *m);

	m->domain = uid_domain_of(p);
	editor_set_uid_maker(ed, uid_make, m, uid_maker_free);
}
