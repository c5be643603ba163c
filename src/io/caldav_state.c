/*
 * caldav_state.c: DIR/.dais-sync, what a working copy knows of its server:
 * the collection, the sync token, and for each session its href, its ETag
 * and the fingerprint of its text when both sides last agreed. Written
 * atomically, so a sync cut short leaves the last consistent state.
 *
 * The format (dais-programme(5)): '#' comments, then lines of fields
 * separated by one space, each percent-encoded (%, space, tab, CR, LF):
 *   url URL
 *   token TOKEN
 *   session UID HREF ETAG FINGERPRINT(16 hex digits)
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caldav_internal.h"
#include "dais/atomicfile.h"
#include "dais/caldav.h"
#include "dais/xalloc.h"

void
state_put_field(FILE *f, const char *s)
{
	fputc(' ', f);
	if (s == NULL || *s == '\0') {
		fputc('-', f);
		return;
	}
	if (*s == '-')
		fputs("%2D", f), s++;
	for (; *s; s++) {
		if (*s == '%' || *s == ' ' || *s == '\t' || *s == '\r' ||
		    *s == '\n')
			fprintf(f, "%%%02X", (unsigned char)*s);
		else
			fputc(*s, f);
	}
}

/* Decodes one field in place; "-" is empty (NULL). */
char *
state_field(char **cursor)
{
	char *s = *cursor, *start, *out;
	unsigned v;

	if (s == NULL || *s == '\0')
		return NULL;
	start = s;
	s += strcspn(s, " ");
	*cursor = *s ? s + 1 : s;
	*s = '\0';
	if (strcmp(start, "-") == 0)
		return xstrdup("");
	out = start;
	for (s = start; *s; s++) {
		if (*s == '%' && sscanf(s + 1, "%2x", &v) == 1 && s[1] &&
		    s[2]) {
			*out++ = (char)v;
			s += 2;
		} else {
			*out++ = *s;
		}
	}
	*out = '\0';
	return xstrdup(start);
}

static char *
empty_null(char *s)
{
	if (s != NULL && *s == '\0') {
		free(s);
		return NULL;
	}
	return s;
}

int
state_file_read(const char *path, state_line_fn take, void *arg, int *bad_line,
                char **why)
{
	char *line = NULL, *cur, *kind;
	size_t cap = 0;
	int lineno = 0, ret = 1;
	bool ok;
	FILE *f = fopen(path, "r");

	*bad_line = 0;
	if (f == NULL) {
		if (errno == ENOENT)
			return 0;
		*why = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	while (getline(&line, &cap, f) != -1) {
		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		cur = line;
		kind = state_field(&cur);
		ok = take(arg, kind, &cur);
		free(kind);
		if (!ok) {
			*bad_line = lineno;
			ret = -1;
			break;
		}
	}
	free(line);
	fclose(f);
	return ret;
}

/* One line of .dais-sync. */
static bool
sync_line(void *arg, const char *kind, char **cur)
{
	struct sync_state *st = arg;
	char *uid, *href, *etag, *fp, *end;
	bool ok = true;

	if (strcmp(kind, "url") == 0) {
		free(st->url);
		st->url = empty_null(state_field(cur));
		return true;
	}
	if (strcmp(kind, "token") == 0) {
		free(st->token);
		st->token = empty_null(state_field(cur));
		return true;
	}
	if (strcmp(kind, "session") != 0)
		return false;
	uid = state_field(cur);
	href = state_field(cur);
	etag = state_field(cur);
	fp = state_field(cur);
	if (fp == NULL || *uid == '\0' || *href == '\0' || strlen(fp) != 16) {
		ok = false;
	} else {
		uint64_t h = strtoull(fp, &end, 16);
		ok = *end == '\0';
		if (ok)
			sync_state_set(st, uid, href, *etag ? etag : NULL, h);
	}
	free(uid);
	free(href);
	free(etag);
	free(fp);
	return ok;
}

bool
sync_state_read(const char *dir, struct sync_state *st, char **why)
{
	char *path = xasprintf("%s/%s", dir, SYNC_STATE_FILE);
	int bad_line, got;

	memset(st, 0, sizeof *st);
	*why = NULL;
	got = state_file_read(path, sync_line, st, &bad_line, why);
	if (got < 0 && *why == NULL)
		*why = xasprintf("%s, line %d: not a line dais wrote; the file "
		                 "records what this working copy knows of the "
		                 "server: if it was edited by hand, delete it "
		                 "and sync again (every session is then "
		                 "compared with the server's)",
		                 path, bad_line);
	if (got < 0)
		sync_state_free(st);
	free(path);
	return got >= 0;
}

bool
sync_state_write(const char *dir, const struct sync_state *st, char **why)
{
	char *path = xasprintf("%s/%s", dir, SYNC_STATE_FILE);
	struct atomicfile *af = atomicfile_open(path, why);
	FILE *f;
	size_t i;
	bool ok;

	free(path);
	if (af == NULL)
		return false;
	f = atomicfile_stream(af);
	fputs("# dais sync state: what this working copy knows of its CalDAV "
	      "server\n# (dais-programme(5)). Written by dais sync; delete "
	      "it to compare every\n# session with the server again.\n",
	      f);
	fputs("url", f);
	state_put_field(f, st->url);
	fputs("\ntoken", f);
	state_put_field(f, st->token);
	fputc('\n', f);
	for (i = 0; i < st->n; i++) {
		fputs("session", f);
		state_put_field(f, st->v[i].uid);
		state_put_field(f, st->v[i].href);
		state_put_field(f, st->v[i].etag);
		fprintf(f, " %016" PRIx64 "\n", st->v[i].fingerprint);
	}
	ok = atomicfile_commit(af, why);
	return ok;
}

void
sync_state_free(struct sync_state *st)
{
	size_t i;

	for (i = 0; i < st->n; i++) {
		free(st->v[i].uid);
		free(st->v[i].href);
		free(st->v[i].etag);
	}
	free(st->v);
	free(st->url);
	free(st->token);
	strmap_free(&st->by_uid);
	strmap_free(&st->by_href);
	for (i = 0; i < st->nkeys; i++)
		free(st->keys[i]);
	free(st->keys);
	memset(st, 0, sizeof *st);
}

/* A key the state owns from now on (the maps borrow their keys). */
static const char *
own_key(struct sync_state *st, char *key)
{
	XGROW(st->keys, st->nkeys, st->capkeys);
	st->keys[st->nkeys++] = key;
	return key;
}

/* Points the maps at entry i (its UID and href). */
static void
index_entry(struct sync_state *st, size_t i)
{
	char *hk = caldav_href_key(st->v[i].href);

	if (strmap_get(&st->by_href, hk, NULL)) {
		strmap_set(&st->by_href, hk, i);
		free(hk);
	} else {
		strmap_set(&st->by_href, own_key(st, hk), i);
	}
	if (strmap_get(&st->by_uid, st->v[i].uid, NULL))
		strmap_set(&st->by_uid, st->v[i].uid, i);
	else
		strmap_set(&st->by_uid, own_key(st, xstrdup(st->v[i].uid)), i);
}

struct sync_entry *
sync_state_find(const struct sync_state *st, const char *uid)
{
	size_t i;

	if (!strmap_get(&st->by_uid, uid, &i) || i >= st->n ||
	    strcmp(st->v[i].uid, uid) != 0)
		return NULL;
	return &st->v[i];
}

struct sync_entry *
sync_state_find_href(const struct sync_state *st, const char *href)
{
	char *hk = caldav_href_key(href);
	size_t i;
	bool found = strmap_get(&st->by_href, hk, &i);

	free(hk);
	if (!found || i >= st->n || !caldav_href_equal(st->v[i].href, href))
		return NULL;
	return &st->v[i];
}

void
sync_state_set(struct sync_state *st, const char *uid, const char *href,
               const char *etag, uint64_t fingerprint)
{
	struct sync_entry *e = sync_state_find(st, uid);
	char *h = xstrdup(href), *t = xstrdup(etag);

	if (e == NULL) {
		XGROW(st->v, st->n, st->cap);
		e = &st->v[st->n++];
		e->uid = xstrdup(uid);
	} else {
		free(e->href);
		free(e->etag);
	}
	e->href = h;
	e->etag = t;
	e->fingerprint = fingerprint;
	index_entry(st, (size_t)(e - st->v));
}

void
sync_state_remove(struct sync_state *st, const char *uid)
{
	struct sync_entry *e = sync_state_find(st, uid);

	if (e == NULL)
		return;
	free(e->uid);
	free(e->href);
	free(e->etag);
	*e = st->v[--st->n];
	/* the stale keys of the removed entry fail the check in find */
	if (e != &st->v[st->n])
		index_entry(st, (size_t)(e - st->v));
}
