/*
 * caldav_local.c: the working copy's .ics text cut into sessions by UID,
 * and a session turned into a server resource, for `dais sync`. Works on
 * the text, not on a parsed programme, so that what dais does not read of
 * a session (alarms, other clients' properties) travels with it.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "caldav_internal.h"
#include "dais/filehash.h"
#include "dais/strbuf.h"
#include "dais/xalloc.h"

/* The end of the physical line at s (after its '\n'), within end. */
static const char *
line_end(const char *s, const char *end)
{
	const char *nl = memchr(s, '\n', (size_t)(end - s));

	return nl ? nl + 1 : end;
}

/* The line at s without its line ending: its length. */
static size_t
line_len(const char *s, const char *next)
{
	size_t n = (size_t)(next - s);

	if (n > 0 && s[n - 1] == '\n')
		n--;
	if (n > 0 && s[n - 1] == '\r')
		n--;
	return n;
}

/* The value after the first ':' of logical line l when its name is
 * `name`. The caller frees it; NULL otherwise. */
static char *
named_value(const struct ics_logical *l, const char *name)
{
	size_t k = strlen(name);
	const char *colon;

	if (l->s == NULL || l->len <= k || strncasecmp(l->s, name, k) != 0 ||
	    (l->s[k] != ':' && l->s[k] != ';'))
		return NULL;
	colon = strchr(l->s + k, ':');
	return xstrdup(colon ? colon + 1 : "");
}

bool
cal_text_parse(struct cal_text *ct, char *text, size_t len)
{
	memset(ct, 0, sizeof *ct);
	ct->text = text;
	ct->len = len;
	ct->crlf = memchr(text, '\r', len < 4096 ? len : 4096) != NULL;
	/* No conference zone: the sync reads no RECURRENCE-ID instants. */
	ics_text_split(&ct->split, text, len, NULL);
	return ct->split.well_formed;
}

void
cal_text_free(struct cal_text *ct)
{
	ics_text_free(&ct->split);
	free(ct->text);
	memset(ct, 0, sizeof *ct);
}

void
cal_add_crlf(struct strbuf *b, const char *s, const char *e)
{
	const char *next;

	for (; s < e; s = next) {
		next = line_end(s, e);
		strbuf_add(b, s, line_len(s, next));
		strbuf_addstr(b, "\r\n");
	}
}

char *
cal_text_session(const struct cal_text *ct, const char *uid)
{
	struct strbuf b = {0};
	size_t i;

	const struct ics_text_block *blk;

	for (i = 0; i < ct->split.nblocks; i++) {
		blk = &ct->split.blocks[i];
		if (blk->vevent && blk->uid != NULL &&
		    strcmp(blk->uid, uid) == 0)
			cal_add_crlf(&b, ct->text + blk->start,
			             ct->text + blk->end);
	}
	return b.v;
}

long
cal_text_zone(const struct cal_text *ct, const char *tzid)
{
	size_t i;

	for (i = 0; i < ct->split.nblocks; i++)
		if (ct->split.blocks[i].vtimezone &&
		    ct->split.blocks[i].tzid != NULL &&
		    strcmp(ct->split.blocks[i].tzid, tzid) == 0)
			return (long)i;
	return -1;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * One unfolded line as a server may write it back: parameters in any
 * order (Radicale sorts them), quoted or not, a comma escaped or not
 * (add_escaped). Returns a new string: name, sorted parameters and value
 * without quotes, commas unescaped.
 */
static char *
line_norm(const char *s)
{
	struct strbuf out = {0};
	char **params = NULL;
	size_t n = 0, cap = 0, i;
	const char *p = s, *start;
	bool quoted = false;

	/* the name, then each ";param" up to the first ':' outside quotes */
	for (start = p; *p; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted && (*p == ';' || *p == ':')) {
			XGROW(params, n, cap);
			params[n++] = xstrndup(start, (size_t)(p - start));
			start = p + 1;
			if (*p == ':')
				break;
		}
	}
	if (*p != ':') { /* no value: keep the line as it is */
		for (i = 0; i < n; i++)
			free(params[i]);
		free(params);
		return xstrdup(s);
	}
	if (n > 2)
		qsort(params + 1, n - 1, sizeof *params, cmp_str);
	strbuf_add(&out, "", 0);
	for (i = 0; i < n; i++) {
		const char *c;
		if (i > 0)
			strbuf_add(&out, ";", 1);
		for (c = params[i]; *c; c++)
			if (*c != '"')
				strbuf_add(&out, c, 1);
		free(params[i]);
	}
	free(params);
	strbuf_add(&out, ":", 1);
	for (p++; *p; p++)
		if (!(*p == '\\' && p[1] == ','))
			strbuf_add(&out, p, 1);
	return out.v;
}

/* The VEVENTs' lines, normalised (line_norm) and sorted per VEVENT,
 * the VEVENTs sorted: what cal_fingerprint hashes. */
uint64_t
cal_fingerprint(const char *vevents)
{
	struct ics_source src;
	struct ics_unfold u;
	struct ics_logical l;
	char **events = NULL, **lines = NULL;
	size_t nev = 0, capev = 0, n = 0, cap = 0, i;
	struct strbuf ev = {0}, all = {0};
	uint64_t h;
	int depth = 0;

	ics_source_mem(&src, vevents, strlen(vevents));
	ics_unfold_init(&u, &src);
	while (ics_unfold_next(&u, &l)) {
		if (l.s == NULL || l.len == 0)
			continue;
		if (ics_starts_with_ci(l.s, l.len, "BEGIN:"))
			depth++;
		if (depth > 0) {
			XGROW(lines, n, cap);
			lines[n++] = line_norm(l.s);
		}
		if (!ics_starts_with_ci(l.s, l.len, "END:") || depth == 0 ||
		    --depth > 0)
			continue;
		/* the end of one VEVENT: its lines sorted, joined */
		if (n > 1)
			qsort(lines, n, sizeof *lines, cmp_str);
		ev.n = 0;
		strbuf_add(&ev, "", 0);
		for (i = 0; i < n; i++) {
			strbuf_addstr(&ev, lines[i]);
			strbuf_addstr(&ev, "\n");
			free(lines[i]);
		}
		n = 0;
		XGROW(events, nev, capev);
		events[nev++] = xstrdup(ev.v);
	}
	ics_unfold_free(&u);
	ics_source_free(&src);
	for (i = 0; i < n; i++) /* a VEVENT not closed: not hashed */
		free(lines[i]);
	free(lines);
	free(ev.v);
	if (nev > 1)
		qsort(events, nev, sizeof *events, cmp_str);
	strbuf_add(&all, "", 0);
	for (i = 0; i < nev; i++) {
		strbuf_addstr(&all, events[i]);
		free(events[i]);
	}
	free(events);
	/* FNV-1a: the sync state keeps it; it must not change. */
	h = filehash_bytes_fnv(all.v, all.n);
	free(all.v);
	return h;
}

/* Every TZID=... parameter value in the text, once each. */
static void
tzids_of(const char *s, char ***out, size_t *n, size_t *cap)
{
	const char *p = s, *v, *e;
	char *id;
	size_t i;

	while ((p = strstr(p, "TZID=")) != NULL) {
		v = p + 5;
		if (*v == '"') {
			v++;
			e = strchr(v, '"');
		} else {
			e = v + strcspn(v, ":;\r\n");
		}
		if (e == NULL)
			break;
		id = xstrndup(v, (size_t)(e - v));
		for (i = 0; i < *n && strcmp((*out)[i], id) != 0; i++)
			;
		if (i < *n) {
			free(id);
		} else {
			XGROW(*out, *n, *cap);
			(*out)[(*n)++] = id;
		}
		p = e;
	}
}

/*
 * Appends the VEVENTs with every comma in the value of an X- property
 * escaped ("\\,"). RFC 5545 reads an X- property as TEXT, in which a comma
 * is escaped; dais writes X-DAIS-LANGUAGES:en,ru and reads both forms, but
 * Radicale keeps only the first of unescaped comma-separated values.
 */
static void
add_escaped(struct strbuf *b, const char *s)
{
	const char *end = s + strlen(s), *next, *p;
	bool x_value = false, quoted;

	for (; s < end; s = next) {
		next = line_end(s, end);
		p = s;
		if (*s != ' ' && *s != '\t') {
			x_value = strncasecmp(s, "X-", 2) == 0;
			if (!x_value) {
				strbuf_add(b, s, (size_t)(next - s));
				continue;
			}
			/* the name and parameters, up to the first ':'
			 * outside quotes */
			for (quoted = false; p < next; p++) {
				if (*p == '"')
					quoted = !quoted;
				else if (*p == ':' && !quoted)
					break;
			}
			strbuf_add(b, s, (size_t)(p - s));
		} else if (!x_value) {
			strbuf_add(b, s, (size_t)(next - s));
			continue;
		}
		for (; p < next; p++) {
			if (*p == ',' && (p == s || p[-1] != '\\'))
				strbuf_add(b, "\\", 1);
			strbuf_add(b, p, 1);
		}
	}
}

char *
cal_resource(const struct cal_text *ct, const char *vevents)
{
	struct strbuf b = {0};
	char **ids = NULL;
	size_t n = 0, cap = 0, i;
	long z;

	strbuf_addstr(&b, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
	                  "PRODID:-//dais//sync//EN\r\n");
	tzids_of(vevents, &ids, &n, &cap);
	for (i = 0; i < n; i++) {
		z = ct ? cal_text_zone(ct, ids[i]) : -1;
		if (z >= 0)
			cal_add_crlf(&b, ct->text + ct->split.blocks[z].start,
			             ct->text + ct->split.blocks[z].end);
		free(ids[i]);
	}
	free(ids);
	add_escaped(&b, vevents);
	strbuf_addstr(&b, "END:VCALENDAR\r\n");
	return b.v;
}

char *
cal_value(const char *text, const char *name)
{
	struct ics_source src;
	struct ics_unfold u;
	struct ics_logical l;
	char *v = NULL;

	ics_source_mem(&src, text, strlen(text));
	ics_unfold_init(&u, &src);
	while (v == NULL && ics_unfold_next(&u, &l))
		v = named_value(&l, name);
	ics_unfold_free(&u);
	ics_source_free(&src);
	return v;
}
