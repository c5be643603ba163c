/*
 * caldav_publish.c: calendars mirrored onto collections of a CalDAV server
 * for people to subscribe to (`dais publish`): each event one resource,
 * sent again only when it changed and then with a higher SEQUENCE, deleted
 * when it leaves the calendar. DIR/.dais-publish remembers what was sent:
 *   url BASE
 *   event COLLECTION UID HREF FINGERPRINT SEQUENCE
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "caldav_internal.h"
#include "dais/atomicfile.h"
#include "dais/caldav.h"
#include "dais/filehash.h"
#include "dais/xalloc.h"

struct published {
	char *name; /* the collection, under base */
	char *uid;
	char *href;
	uint64_t fp;
	int sequence;
	bool seen; /* in this run's calendar */
};

/* How long a publish waits for another to finish with .dais-publish. */
#define PUBLISH_WAIT_MS 10000

struct caldav_mirror {
	char *dir;
	int lock_fd; /* .dais-publish's flock, from open to close; -1: none */
	char *base;
	struct published *v;
	size_t n, cap;
	const char **names; /* distinct collection names, for callers */
	size_t nnames;
};

static struct published *
find(struct caldav_mirror *m, const char *name, const char *uid)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		if (strcmp(m->v[i].name, name) == 0 &&
		    strcmp(m->v[i].uid, uid) == 0)
			return &m->v[i];
	return NULL;
}

/* Reading .dais-publish: lines of another base are skipped. */
struct reading {
	struct caldav_mirror *m;
	bool other;
};

static bool
publish_line(void *arg, const char *kind, char **cur)
{
	struct reading *rd = arg;
	struct caldav_mirror *m = rd->m;
	struct published *e;
	char *f[5], *end, *u;
	size_t i;
	bool ok;

	if (strcmp(kind, "url") == 0) {
		u = state_field(cur);
		rd->other = u == NULL || strcmp(u, m->base) != 0;
		free(u);
		return true;
	}
	if (strcmp(kind, "event") != 0)
		return false;
	for (i = 0; i < 5; i++)
		f[i] = state_field(cur);
	ok = f[4] != NULL && strlen(f[3]) == 16;
	if (ok && !rd->other) {
		XGROW(m->v, m->n, m->cap);
		e = &m->v[m->n++];
		memset(e, 0, sizeof *e);
		e->name = xstrdup(f[0]);
		e->uid = xstrdup(f[1]);
		e->href = xstrdup(f[2]);
		e->fp = strtoull(f[3], &end, 16);
		e->sequence = atoi(f[4]);
	}
	for (i = 0; i < 5; i++)
		free(f[i]);
	return ok;
}

static bool
read_state(struct caldav_mirror *m, char **why)
{
	char *path = xasprintf("%s/%s", m->dir, PUBLISH_STATE_FILE);
	struct reading rd = {m, false};
	int bad_line, got;

	*why = NULL;
	got = state_file_read(path, publish_line, &rd, &bad_line, why);
	if (got < 0 && *why == NULL)
		*why = xasprintf("%s, line %d: not a line dais wrote; delete "
		                 "the file and publish again (every event is "
		                 "then sent again)",
		                 path, bad_line);
	free(path);
	return got >= 0;
}

static bool
write_state(struct caldav_mirror *m, char **why)
{
	char *path = xasprintf("%s/%s", m->dir, PUBLISH_STATE_FILE);
	struct atomicfile *af = atomicfile_open(path, why);
	FILE *f;
	size_t i;

	if (af == NULL) {
		free(path);
		return false;
	}
	f = atomicfile_stream(af);
	fputs("# dais publish: the events published to subscribed calendars "
	      "(dais-programme(5)).\n",
	      f);
	fputs("url", f);
	state_put_field(f, m->base);
	fputc('\n', f);
	for (i = 0; i < m->n; i++) {
		fputs("event", f);
		state_put_field(f, m->v[i].name);
		state_put_field(f, m->v[i].uid);
		state_put_field(f, m->v[i].href);
		fprintf(f, " %016" PRIx64 " %d\n", m->v[i].fp,
		        m->v[i].sequence);
	}
	if (!atomicfile_commit(af, why)) {
		free(path);
		return false;
	}
	/* The record is a new file now: its lock is taken again, the old
	 * one held meanwhile, so that a publish starting now waits. */
	if (m->lock_fd >= 0) {
		char *cause = NULL;
		int fd = atomicfile_lock(path, PUBLISH_WAIT_MS, &cause);

		close(m->lock_fd);
		m->lock_fd = fd;
		free(cause);
	}
	free(path);
	return true;
}

static void
index_names(struct caldav_mirror *m)
{
	size_t i, j;

	free(m->names);
	m->names = xcalloc(m->n + 1, sizeof *m->names);
	m->nnames = 0;
	for (i = 0; i < m->n; i++) {
		for (j = 0; j < m->nnames; j++)
			if (strcmp(m->names[j], m->v[i].name) == 0)
				break;
		if (j == m->nnames)
			m->names[m->nnames++] = m->v[i].name;
	}
}

/*
 * Holds .dais-publish's lock from the read to the last write, so that two
 * publishes at once neither write over each other's record nor send
 * events on a record the other is changing; held, the temporaries a
 * publish that was killed left beside it (atomicfile.h) are removed. A
 * directory that cannot be written holds no lock: the record's write
 * says why.
 */
static bool
hold_state(struct caldav_mirror *m, char **why)
{
	char *path = xasprintf("%s/%s", m->dir, PUBLISH_STATE_FILE);
	char *cause = NULL;

	m->lock_fd = atomicfile_lock(path, PUBLISH_WAIT_MS, &cause);
	if (m->lock_fd < 0 && errno == EWOULDBLOCK) {
		*why = xasprintf("%s is being written by another 'dais "
		                 "publish' and still was after %d seconds: try "
		                 "again when it has finished",
		                 path, PUBLISH_WAIT_MS / 1000);
		free(path);
		return false;
	}
	if (m->lock_fd >= 0)
		atomicfile_remove_leftovers(path);
	free(cause);
	free(path);
	return true;
}

struct caldav_mirror *
caldav_mirror_open(const char *dir, const char *base, char **why)
{
	struct caldav_mirror *m = xcalloc(1, sizeof *m);
	size_t n = strlen(base);

	m->lock_fd = -1;
	m->dir = xstrdup(dir);
	m->base = (n > 0 && base[n - 1] == '/') ? xstrdup(base)
	                                        : xasprintf("%s/", base);
	if (!hold_state(m, why) || !read_state(m, why)) {
		caldav_mirror_close(m);
		return NULL;
	}
	index_names(m);
	return m;
}

size_t
caldav_mirror_names(const struct caldav_mirror *m, const char ***names)
{
	*names = m->names;
	return m->nnames;
}

void
caldav_mirror_close(struct caldav_mirror *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->n; i++) {
		free(m->v[i].name);
		free(m->v[i].uid);
		free(m->v[i].href);
	}
	free(m->v);
	free(m->names);
	free(m->dir);
	free(m->base);
	if (m->lock_fd >= 0)
		close(m->lock_fd);
	free(m);
}

/* The fingerprint of an event without the lines a publish sets itself. */
static uint64_t
content_fp(const char *vevent)
{
	char *copy = xstrdup(vevent), *out = copy, *line, *save = NULL;
	uint64_t h;
	size_t n = 0;

	for (line = strtok_r(copy, "\n", &save); line != NULL;
	     line = strtok_r(NULL, "\n", &save)) {
		if (strncmp(line, "DTSTAMP", 7) == 0 ||
		    strncmp(line, "SEQUENCE", 8) == 0)
			continue;
		memmove(out + n, line, strlen(line));
		n += strlen(line);
		out[n++] = '\n';
	}
	/* FNV-1a: the sync state keeps it; it must not change. */
	h = filehash_bytes_fnv(out, n);
	free(copy);
	return h;
}

/* The event with its SEQUENCE line set to seq; the caller frees it. */
static char *
with_sequence(const char *vevent, int seq)
{
	const char *at = strstr(vevent, "\r\nSEQUENCE:"), *end;
	char *out;

	if (at != NULL) {
		end = strstr(at + 2, "\r\n");
		if (end == NULL)
			end = at + strlen(at);
		return xasprintf("%.*s\r\nSEQUENCE:%d%s", (int)(at - vevent),
		                 vevent, seq, end);
	}
	at = strstr(vevent, "END:VEVENT");
	if (at == NULL)
		return xstrdup(vevent);
	out = xasprintf("%.*sSEQUENCE:%d\r\n%s", (int)(at - vevent), vevent,
	                seq, at);
	return out;
}

bool
caldav_mirror_put(struct caldav_mirror *m, struct caldav *c, const char *name,
                  const char *title, const char *calendar,
                  struct caldav_mirror_counts *n, char **why)
{
	char *url = xasprintf("%s%s/", m->base, name), *text, *ev, *body;
	struct cal_text ct;
	struct published *e;
	enum caldav_result res;
	bool made, known = false, ok = true;
	size_t i;
	char *state_why = NULL;
	int seq;

	for (i = 0; i < m->n && !known; i++)
		known = strcmp(m->v[i].name, name) == 0;
	caldav_set_url(c, url);
	if (!known) {
		if (!caldav_make_collection(c, url, title, &made,
		                            &n->parents_made, why)) {
			free(url);
			return false;
		}
		n->collections_made += made;
	}
	free(url);
	if (!cal_text_parse(&ct, xstrdup(calendar), strlen(calendar))) {
		cal_text_free(&ct);
		*why = xasprintf("the calendar for %s is not iCalendar", name);
		return false;
	}
	for (i = 0; i < m->n; i++)
		if (strcmp(m->v[i].name, name) == 0)
			m->v[i].seen = false;
	for (i = 0; ok && i < ct.split.nblocks; i++) {
		const struct ics_text_block *blk = &ct.split.blocks[i];
		uint64_t fp;
		bool is_new = false;
		if (!blk->vevent || blk->uid == NULL)
			continue;
		ev = cal_text_session(&ct, blk->uid);
		fp = content_fp(ev);
		e = find(m, name, blk->uid);
		if (e != NULL && e->fp == fp) {
			e->seen = true;
			n->events_same++;
			free(ev);
			continue;
		}
		text = cal_value(ev, "SEQUENCE");
		seq = text ? atoi(text) : 0;
		free(text);
		if (e != NULL && seq <= e->sequence)
			seq = e->sequence + 1;
		text = with_sequence(ev, seq);
		body = cal_resource(&ct, text);
		if (e == NULL) {
			XGROW(m->v, m->n, m->cap);
			e = &m->v[m->n++];
			memset(e, 0, sizeof *e);
			e->name = xstrdup(name);
			e->uid = xstrdup(blk->uid);
			e->href = caldav_href_for(c, e->uid);
			is_new = true;
		}
		/* The collection is dais's own: its version wins. */
		res = caldav_put(c, e->href, body, strlen(body),
		                 CALDAV_UNCONDITIONAL, NULL, why);
		ok = res == CALDAV_DONE;
		if (ok) {
			/* counted when sent: a refused PUT is none */
			if (is_new)
				n->events_new++;
			else
				n->events_changed++;
			e->fp = fp;
			e->sequence = seq;
			e->seen = true;
		} else {
			/* not sent: the next publish sends it */
			e->fp = 0;
			e->seen = true;
		}
		free(body);
		free(text);
		free(ev);
	}
	for (i = 0; ok && i < m->n; i++) {
		e = &m->v[i];
		if (strcmp(e->name, name) != 0 || e->seen)
			continue;
		res = caldav_delete(c, e->href, NULL, why);
		if (res == CALDAV_FAILED || res == CALDAV_REFUSED) {
			ok = false;
			break;
		}
		n->events_deleted++;
		free(e->name);
		free(e->uid);
		free(e->href);
		m->v[i--] = m->v[--m->n];
	}
	cal_text_free(&ct);
	index_names(m);
	if (!write_state(m, &state_why)) {
		if (ok)
			*why = state_why;
		else
			free(state_why);
		ok = false;
	}
	return ok;
}
