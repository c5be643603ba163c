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
#include "dais/xalloc.h"

struct sbuf {
	char *p;
	size_t n, cap;
};

static void
sb_add(struct sbuf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		while (b->n + n + 1 > b->cap)
			b->cap = b->cap ? b->cap * 2 : 1024;
		b->p = xreallocarray(b->p, b->cap, 1);
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

static void
sb_str(struct sbuf *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

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

static bool
starts_ci(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);

	return n >= k && strncasecmp(s, prefix, k) == 0;
}

/* The logical (unfolded) line starting at s: its value after the first
 * ':' when its name is `name`. The caller frees it; NULL otherwise. */
static char *
unfolded_value(const char *s, const char *end, const char *name)
{
	struct sbuf b = {0};
	const char *next, *colon;
	size_t k = strlen(name);
	char *out;

	do {
		next = line_end(s, end);
		sb_add(&b, s, line_len(s, next));
		s = next;
		if (s < end && (*s == ' ' || *s == '\t'))
			s++;
		else
			break;
	} while (s < end);
	if (b.p == NULL || b.n <= k || strncasecmp(b.p, name, k) != 0 ||
	    (b.p[k] != ':' && b.p[k] != ';')) {
		free(b.p);
		return NULL;
	}
	colon = strchr(b.p + k, ':');
	out = xstrdup(colon ? colon + 1 : "");
	free(b.p);
	return out;
}

bool
cal_text_parse(struct cal_text *ct, char *text, size_t len)
{
	const char *s = text, *end = text + len, *next;
	struct cal_block *blk = NULL;
	int depth = 0;
	bool seen_cal = false;
	size_t n;

	memset(ct, 0, sizeof *ct);
	ct->text = text;
	ct->len = len;
	ct->end_cal = len;
	/* a UTF-8 byte order mark, which some clients write */
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		s += 3;
	ct->crlf = memchr(text, '\r', len < 4096 ? len : 4096) != NULL;
	for (; s < end; s = next) {
		next = line_end(s, end);
		n = line_len(s, next);
		if (starts_ci(s, n, "BEGIN:")) {
			depth++;
			if (depth == 1) {
				seen_cal = starts_ci(s, n, "BEGIN:VCALENDAR");
				if (!seen_cal)
					return false;
			} else if (depth == 2) {
				XGROW(ct->v, ct->n, ct->cap);
				blk = &ct->v[ct->n++];
				memset(blk, 0, sizeof *blk);
				blk->start = (size_t)(s - text);
				blk->event =
				    starts_ci(s, n, "BEGIN:VEVENT") && n == 12;
			}
		} else if (starts_ci(s, n, "END:")) {
			if (depth == 1)
				ct->end_cal = (size_t)(s - text);
			else if (depth == 2 && blk != NULL)
				blk->end = (size_t)(next - text);
			if (--depth < 0)
				return false;
		} else if (depth == 2 && blk != NULL) {
			if (blk->event && blk->uid == NULL)
				blk->uid = unfolded_value(s, end, "UID");
			else if (!blk->event && blk->tzid == NULL)
				blk->tzid = unfolded_value(s, end, "TZID");
		}
	}
	return seen_cal && depth == 0;
}

void
cal_text_free(struct cal_text *ct)
{
	size_t i;

	for (i = 0; i < ct->n; i++) {
		free(ct->v[i].uid);
		free(ct->v[i].tzid);
	}
	free(ct->v);
	free(ct->text);
	memset(ct, 0, sizeof *ct);
}

/* Appends [s, e) with every line ending made CRLF. */
static void
add_crlf(struct sbuf *b, const char *s, const char *e)
{
	const char *next;

	for (; s < e; s = next) {
		next = line_end(s, e);
		sb_add(b, s, line_len(s, next));
		sb_str(b, "\r\n");
	}
}

char *
cal_text_session(const struct cal_text *ct, const char *uid)
{
	struct sbuf b = {0};
	size_t i;

	for (i = 0; i < ct->n; i++)
		if (ct->v[i].event && ct->v[i].uid != NULL &&
		    strcmp(ct->v[i].uid, uid) == 0)
			add_crlf(&b, ct->text + ct->v[i].start,
			         ct->text + ct->v[i].end);
	return b.p;
}

long
cal_text_zone(const struct cal_text *ct, const char *tzid)
{
	size_t i;

	for (i = 0; i < ct->n; i++)
		if (!ct->v[i].event && ct->v[i].tzid != NULL &&
		    strcmp(ct->v[i].tzid, tzid) == 0)
			return (long)i;
	return -1;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int cmp_str(const void *a, const void *b);

/*
 * One unfolded line as a server may write it back: parameters in any
 * order (Radicale sorts them), quoted or not, a comma escaped or not
 * (add_escaped). Returns a new string: name, sorted parameters and value
 * without quotes, commas unescaped.
 */
static char *
line_norm(const char *s)
{
	struct sbuf out = {0};
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
	sb_add(&out, "", 0);
	for (i = 0; i < n; i++) {
		const char *c;
		if (i > 0)
			sb_add(&out, ";", 1);
		for (c = params[i]; *c; c++)
			if (*c != '"')
				sb_add(&out, c, 1);
		free(params[i]);
	}
	free(params);
	sb_add(&out, ":", 1);
	for (p++; *p; p++)
		if (!(*p == '\\' && p[1] == ','))
			sb_add(&out, p, 1);
	return out.p;
}

/* One VEVENT's lines, normalised (line_norm), sorted, joined by '\n'. */
static char *
event_norm(const char *s, const char *end)
{
	struct sbuf line = {0}, out = {0};
	char **lines = NULL;
	size_t n = 0, cap = 0, i;
	const char *next;

	while (s < end) {
		line.n = 0;
		sb_add(&line, "", 0);
		do {
			next = line_end(s, end);
			sb_add(&line, s, line_len(s, next));
			s = next;
		} while (s < end && (*s == ' ' || *s == '\t') && s++);
		if (line.n == 0)
			continue;
		XGROW(lines, n, cap);
		lines[n++] = line_norm(line.p);
	}
	if (n > 1)
		qsort(lines, n, sizeof *lines, cmp_str);
	sb_add(&out, "", 0);
	for (i = 0; i < n; i++) {
		sb_str(&out, lines[i]);
		sb_str(&out, "\n");
		free(lines[i]);
	}
	free(lines);
	free(line.p);
	return out.p;
}

uint64_t
cal_fingerprint(const char *vevents)
{
	const char *s = vevents, *end = s + strlen(s), *next, *from = NULL;
	char **events = NULL;
	size_t n = 0, cap = 0, i, len;
	struct sbuf all = {0};
	uint64_t h;
	int depth = 0;

	for (; s < end; s = next) {
		next = line_end(s, end);
		len = line_len(s, next);
		if (starts_ci(s, len, "BEGIN:")) {
			if (depth++ == 0)
				from = s;
		} else if (starts_ci(s, len, "END:") && --depth == 0 &&
		           from != NULL) {
			XGROW(events, n, cap);
			events[n++] = event_norm(from, next);
		}
	}
	if (n > 1)
		qsort(events, n, sizeof *events, cmp_str);
	sb_add(&all, "", 0);
	for (i = 0; i < n; i++) {
		sb_str(&all, events[i]);
		free(events[i]);
	}
	free(events);
	h = filehash_bytes(all.p, all.n);
	free(all.p);
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
add_escaped(struct sbuf *b, const char *s)
{
	const char *end = s + strlen(s), *next, *p;
	bool x_value = false, quoted;

	for (; s < end; s = next) {
		next = line_end(s, end);
		p = s;
		if (*s != ' ' && *s != '\t') {
			x_value = strncasecmp(s, "X-", 2) == 0;
			if (!x_value) {
				sb_add(b, s, (size_t)(next - s));
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
			sb_add(b, s, (size_t)(p - s));
		} else if (!x_value) {
			sb_add(b, s, (size_t)(next - s));
			continue;
		}
		for (; p < next; p++) {
			if (*p == ',' && (p == s || p[-1] != '\\'))
				sb_add(b, "\\", 1);
			sb_add(b, p, 1);
		}
	}
}

char *
cal_resource(const struct cal_text *ct, const char *vevents)
{
	struct sbuf b = {0};
	char **ids = NULL;
	size_t n = 0, cap = 0, i;
	long z;

	sb_str(&b, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
	           "PRODID:-//dais//sync//EN\r\n");
	tzids_of(vevents, &ids, &n, &cap);
	for (i = 0; i < n; i++) {
		z = ct ? cal_text_zone(ct, ids[i]) : -1;
		if (z >= 0)
			add_crlf(&b, ct->text + ct->v[z].start,
			         ct->text + ct->v[z].end);
		free(ids[i]);
	}
	free(ids);
	add_escaped(&b, vevents);
	sb_str(&b, "END:VCALENDAR\r\n");
	return b.p;
}

char *
cal_value(const char *text, const char *name)
{
	const char *s = text, *end = text + strlen(text), *next;
	char *v;

	for (; s < end; s = next) {
		next = line_end(s, end);
		if ((v = unfolded_value(s, end, name)) != NULL)
			return v;
	}
	return NULL;
}
