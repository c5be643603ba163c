/*
 * journal.c: the recovery journal (journal.h).
 *
 * The file is UTF-8 text, one record per line, fields separated by tabs.
 * In text fields a backslash, tab, line feed and carriage return are
 * written \\ \t \n \r, and a missing value (NULL) is \0. Times are
 * seconds since 1970 UTC, or "none".
 *
 *   DAIS-JOURNAL	2
 *   opened	<time>	<user>	<host>	<pid>
 *   file	<16 hex digits>	<name>          one per file read
 *   edit	<time>	<kind>	<description>	<count>
 *   put	<tag>	<value>	<tag>	<value> ...    `count` of put and del
 *   del	<uid>	<recurrence id>
 *   end	<16 hex digits>
 *
 * A put line is one session's state: each field of the session field
 * table (session_field.h) as its journal tag and its value. A text is one
 * field, a time or a number one, a status its name; a list is its count
 * then its items, the people their count then id, role and CN for each.
 * A tag the line does not have keeps the value a new session has, so a
 * journal written before a field existed still reads. Version 1 (until
 * the table) wrote the values without tags, in the order JOURNAL_V1 says;
 * it is still read.
 *
 * The hex after "end" is the FNV-1a fingerprint of the edit's lines from
 * "edit" to the line before "end", so an edit cut short by a crash while
 * it was being written (it was never on screen: the screen is drawn after
 * the write returns) is recognised and left out rather than half applied.
 * Each edit is written with one write() and forced to disk with
 * fdatasync() before the editor's callback returns.
 */
#include "dais/journal.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "dais/atomicfile.h"
#include "dais/filehash.h"
#include "dais/fileread.h"
#include "dais/session_field.h"
#include "dais/strbuf.h"
#include "dais/elapsed.h"
#include "dais/machine.h"
#include "dais/xalloc.h"

#define JOURNAL_MAGIC "DAIS-JOURNAL\t2"
/* The first journals: a put line's values in this order, without tags. */
#define JOURNAL_MAGIC_V1 "DAIS-JOURNAL\t1"
static const enum session_field_id journal_v1_fields[] = {
    SESSION_FIELD_UID,       SESSION_FIELD_RECURRENCE_ID,
    SESSION_FIELD_TITLE,     SESSION_FIELD_DESCRIPTION,
    SESSION_FIELD_NOTES,     SESSION_FIELD_KIND,
    SESSION_FIELD_STATUS,    SESSION_FIELD_ROOM_ID,
    SESSION_FIELD_LOCATION,  SESSION_FIELD_START,
    SESSION_FIELD_END,       SESSION_FIELD_EXPECTED,
    SESSION_FIELD_LANGUAGES, SESSION_FIELD_ASSIGN,
    SESSION_FIELD_SEQUENCE,  SESSION_FIELD_SOURCE,
    SESSION_FIELD_LINE,      SESSION_FIELD_CONFIDENTIAL,
};
/* A journal is a day's edits at most; past this it is not a journal. */
#define JOURNAL_MAX_BYTES ((size_t)1 << 30)

/* The registries: a journal is replayed only onto the same ones. */
static const char *const registry_files[] = {
    "conference.ini",
    "venues.ini",
    "participants.ini",
};
#define NREGISTRY (sizeof registry_files / sizeof registry_files[0])

struct journal {
	char *dir;
	char *path;
	int fd;
	/* The last append failed: rewrite the whole journal at the next. */
	bool broken;
};

/* ---- Writing ---------------------------------------------------------- */

/* A tab, then the text escaped (or \0 for NULL). */
static void
out_text(struct strbuf *o, const char *s)
{
	strbuf_add(o, "\t", 1);
	if (s == NULL) {
		strbuf_add(o, "\\0", 2);
		return;
	}
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '\\':
			strbuf_add(o, "\\\\", 2);
			break;
		case '\t':
			strbuf_add(o, "\\t", 2);
			break;
		case '\n':
			strbuf_add(o, "\\n", 2);
			break;
		case '\r':
			strbuf_add(o, "\\r", 2);
			break;
		default:
			strbuf_add(o, s, 1);
		}
	}
}

static void
out_int(struct strbuf *o, int64_t v)
{
	char buf[32];

	snprintf(buf, sizeof buf, "\t%" PRId64, v);
	strbuf_addstr(o, buf);
}

static void
out_time(struct strbuf *o, dais_time t)
{
	if (t == DAIS_TIME_NONE)
		strbuf_addstr(o, "\tnone");
	else
		out_int(o, t);
}

/* One field's value, as the file's comment says. */
static void
out_value(struct strbuf *o, const struct session *s,
          const struct session_field *f)
{
	const void *v = session_field_get(s, f);
	const struct strlist *l;
	size_t i;

	switch (f->type) {
	case SESSION_TYPE_TEXT:
		out_text(o, *(char *const *)v);
		break;
	case SESSION_TYPE_TIME:
		out_time(o, *(const dais_time *)v);
		break;
	case SESSION_TYPE_INT:
		out_int(o, *(const int *)v);
		break;
	case SESSION_TYPE_BOOL:
		out_int(o, *(const bool *)v);
		break;
	case SESSION_TYPE_STATUS:
		out_text(o,
		         session_status_name(*(const enum session_status *)v));
		break;
	case SESSION_TYPE_LIST:
		l = v;
		out_int(o, (int64_t)l->n);
		for (i = 0; i < l->n; i++)
			out_text(o, l->v[i]);
		break;
	case SESSION_TYPE_ASSIGNMENTS:
		out_int(o, (int64_t)s->nassign);
		for (i = 0; i < s->nassign; i++) {
			out_text(o, s->assign[i].participant_id);
			out_text(o, role_name(s->assign[i].role));
			out_text(o, s->assign[i].cn);
		}
		break;
	}
}

static void
out_session(struct strbuf *o, const struct session *s)
{
	size_t i;

	strbuf_addstr(o, "put");
	for (i = 0; i < SESSION_FIELD_COUNT; i++) {
		strbuf_add(o, "\t", 1);
		strbuf_addstr(o, session_field_table[i].tag);
		out_value(o, s, &session_field_table[i]);
	}
	strbuf_add(o, "\n", 1);
}

static void
out_deletion(struct strbuf *o, const char *uid, dais_time rid)
{
	strbuf_addstr(o, "del");
	out_text(o, uid);
	out_time(o, rid);
	strbuf_add(o, "\n", 1);
}

static dais_time
now_utc(void)
{
	return (dais_time)time(NULL);
}

/* Closes an edit begun at `from`: its fingerprint line. */
static void
out_end(struct strbuf *o, size_t from)
{
	char buf[40];

	snprintf(buf, sizeof buf, "end\t%016" PRIx64 "\n",
	         filehash_bytes(o->v + from, o->n - from));
	strbuf_addstr(o, buf);
}

static void
out_file(struct strbuf *o, uint64_t hash, const char *name)
{
	char buf[40];

	snprintf(buf, sizeof buf, "file\t%016" PRIx64, hash);
	strbuf_addstr(o, buf);
	out_text(o, name);
	strbuf_add(o, "\n", 1);
}

/*
 * The header, then the editor's unsaved changes as one edit. The .ics
 * fingerprints are the programme's own (as last read or written, which
 * is what the changes apply to); the registries are read now, as dais
 * never writes them.
 */
static void
out_journal(struct strbuf *o, const struct editor *ed)
{
	const struct programme *p = editor_programme(ed);
	struct edit_change *ch = NULL;
	size_t n, i, from;
	char *user = machine_user(), *host = machine_host();

	strbuf_addstr(o, JOURNAL_MAGIC "\n");
	strbuf_addstr(o, "opened");
	out_time(o, now_utc());
	out_text(o, user);
	out_text(o, host);
	out_int(o, (int64_t)getpid());
	strbuf_add(o, "\n", 1);
	free(user);
	free(host);
	for (i = 0; i < NREGISTRY; i++) {
		char *path = xasprintf("%s/%s", p->dir, registry_files[i]);
		uint64_t h;

		filehash_path(path, &h);
		out_file(o, h, registry_files[i]);
		free(path);
	}
	for (i = 0; i < p->conf.files.n; i++)
		out_file(o, p->file_hash != NULL ? p->file_hash[i] : 0,
		         p->conf.files.v[i]);

	n = editor_changes(ed, &ch);
	if (n == 0)
		return;
	from = o->n;
	strbuf_addstr(o, "edit");
	out_time(o, now_utc());
	out_text(o, "applied");
	out_text(o, "Unsaved edits carried over");
	out_int(o, (int64_t)n);
	strbuf_add(o, "\n", 1);
	for (i = 0; i < n; i++) {
		const struct session *s =
		    editor_session(ed, ch[i].uid, ch[i].recurrence_id);

		if (s != NULL)
			out_session(o, s);
		else
			out_deletion(o, ch[i].uid, ch[i].recurrence_id);
	}
	out_end(o, from);
	free(ch);
}

static bool
journal_write_whole(struct journal *j, const struct editor *ed, char **why)
{
	struct strbuf o = {0};
	bool ok;

	if (j->fd >= 0) {
		close(j->fd);
		j->fd = -1;
	}
	out_journal(&o, ed);
	ok = atomicfile_write(j->path, o.v, o.n, why);
	strbuf_free(&o);
	if (!ok)
		return false;
	j->fd = open(j->path, O_WRONLY | O_APPEND | O_CLOEXEC);
	if (j->fd < 0) {
		*why =
		    xasprintf("cannot open %s: %s", j->path, strerror(errno));
		return false;
	}
	j->broken = false;
	return true;
}

struct journal *
journal_start(const struct editor *ed, char **why)
{
	const struct programme *p = editor_programme(ed);
	struct journal *j = xcalloc(1, sizeof *j);

	j->dir = xstrdup(p->dir);
	j->path = xasprintf("%s/%s", p->dir, JOURNAL_NAME);
	j->fd = -1;
	if (!journal_write_whole(j, ed, why)) {
		journal_close(j, false);
		return NULL;
	}
	return j;
}

bool
journal_restart(struct journal *j, const struct editor *ed, char **why)
{
	return journal_write_whole(j, ed, why);
}

static bool
write_all(int fd, const char *v, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, v, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		v += w;
		n -= (size_t)w;
	}
	return true;
}

static const char *
kind_name(enum edit_event_kind k)
{
	switch (k) {
	case EDIT_APPLIED:
		return "applied";
	case EDIT_UNDONE:
		return "undone";
	case EDIT_REDONE:
		return "redone";
	case EDIT_CANCELLED:
		return "cancelled";
	}
	return "applied";
}

bool
journal_append(struct journal *j, const struct editor *ed,
               const struct edit_event *ev, char **why)
{
	struct strbuf o = {0};
	off_t at;
	size_t i;

	if (j->broken || j->fd < 0)
		return journal_write_whole(j, ed, why);
	if (ev->ndeltas == 0)
		return true;
	strbuf_addstr(&o, "edit");
	out_time(&o, now_utc());
	out_text(&o, kind_name(ev->kind));
	out_text(&o, ev->description);
	out_int(&o, (int64_t)ev->ndeltas);
	strbuf_add(&o, "\n", 1);
	for (i = 0; i < ev->ndeltas; i++) {
		const struct edit_delta *d = &ev->deltas[i];
		const struct session *key =
		    d->after != NULL ? d->after : d->before;

		if (d->after != NULL)
			out_session(&o, d->after);
		else if (key != NULL)
			out_deletion(&o, key->uid, key->recurrence_id);
	}
	out_end(&o, 0);
	at = lseek(j->fd, 0, SEEK_END);
	if (!write_all(j->fd, o.v, o.n) || fdatasync(j->fd) != 0) {
		*why = xasprintf("cannot write the recovery journal %s: %s",
		                 j->path, strerror(errno));
		/* Leave no half edit behind if we can. */
		if (at >= 0 && ftruncate(j->fd, at) != 0) {
			/* The fingerprint line still marks it torn. */
		}
		j->broken = true;
		strbuf_free(&o);
		return false;
	}
	strbuf_free(&o);
	return true;
}

void
journal_close(struct journal *j, bool remove)
{
	if (j == NULL)
		return;
	if (j->fd >= 0)
		close(j->fd);
	if (remove)
		unlink(j->path);
	free(j->path);
	free(j->dir);
	free(j);
}

/* ---- Reading ---------------------------------------------------------- */

/* The fields of one line, unescaped in place. */
struct fields {
	char **v;
	bool *null;
	size_t n, cap;
};

static void
fields_split(struct fields *f, char *line)
{
	char *s = line;

	f->n = 0;
	for (;;) {
		char *tab = strchr(s, '\t'), *r, *w;

		if (tab != NULL)
			*tab = '\0';
		if (f->n == f->cap) {
			f->cap = f->cap ? f->cap * 2 : 32;
			f->v = xreallocarray(f->v, f->cap, sizeof *f->v);
			f->null =
			    xreallocarray(f->null, f->cap, sizeof *f->null);
		}
		f->null[f->n] = strcmp(s, "\\0") == 0;
		for (r = w = s; *r != '\0'; r++) {
			if (*r != '\\' || r[1] == '\0') {
				*w++ = *r;
				continue;
			}
			r++;
			*w++ = *r == 't'   ? '\t'
			       : *r == 'n' ? '\n'
			       : *r == 'r' ? '\r'
			                   : *r;
		}
		*w = '\0';
		f->v[f->n++] = s;
		if (tab == NULL)
			break;
		s = tab + 1;
	}
}

/* The reader's position, for messages. */
struct reader {
	const char *path;
	size_t line;
	struct fields f;
	size_t at; /* next field */
	bool bad;
	int version; /* of the journal's format: 1 or 2 */
};

static const char *
next_field(struct reader *r, bool *null)
{
	if (r->at >= r->f.n) {
		r->bad = true;
		if (null != NULL)
			*null = true;
		return "";
	}
	if (null != NULL)
		*null = r->f.null[r->at];
	return r->f.v[r->at++];
}

static char *
next_text(struct reader *r)
{
	bool null;
	const char *s = next_field(r, &null);

	return null ? NULL : xstrdup(s);
}

static int64_t
next_int(struct reader *r, int64_t lo, int64_t hi)
{
	const char *s = next_field(r, NULL);
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0 || v < lo || v > hi) {
		r->bad = true;
		return lo;
	}
	return v;
}

static dais_time
next_time(struct reader *r)
{
	const char *s;

	if (r->at < r->f.n && strcmp(r->f.v[r->at], "none") == 0) {
		r->at++;
		return DAIS_TIME_NONE;
	}
	s = r->at < r->f.n ? r->f.v[r->at] : "";
	(void)s;
	return next_int(r, INT64_MIN + 1, INT64_MAX);
}

static enum session_status
read_status(struct reader *r)
{
	const char *name = next_field(r, NULL);

	if (strcmp(name, "TENTATIVE") == 0)
		return SESSION_TENTATIVE;
	if (strcmp(name, "CANCELLED") == 0)
		return SESSION_CANCELLED;
	if (strcmp(name, "CONFIRMED") != 0)
		r->bad = true;
	return SESSION_CONFIRMED;
}

static void
read_assignments(struct reader *r, struct session *s)
{
	int64_t n = next_int(r, 0, 1000000), i;

	for (i = 0; i < n && !r->bad; i++) {
		char *id = next_text(r), *cn;
		const char *role = next_field(r, NULL);
		enum role role_v = ROLE_PARTICIPANT;

		if (strcmp(role, "chair") == 0)
			role_v = ROLE_CHAIR;
		else if (strcmp(role, "speaker") == 0)
			role_v = ROLE_SPEAKER;
		else if (strcmp(role, "participant") != 0)
			r->bad = true;
		cn = next_text(r);
		if (id != NULL)
			session_add_assignment(s, id, role_v, cn);
		else
			r->bad = true;
		free(id);
		free(cn);
	}
}

/* One field's value into s, which has the field's initial value. */
static void
read_value(struct reader *r, struct session *s, const struct session_field *f)
{
	void *v = session_field_at(s, f);
	int64_t n, i;

	switch (f->type) {
	case SESSION_TYPE_TEXT:
		*(char **)v = next_text(r);
		break;
	case SESSION_TYPE_TIME:
		*(dais_time *)v = next_time(r);
		break;
	case SESSION_TYPE_INT:
		/* -1 is the least any number field holds (source). */
		*(int *)v = (int)next_int(r, -1, INT32_MAX);
		break;
	case SESSION_TYPE_BOOL:
		*(bool *)v = next_int(r, 0, 1) != 0;
		break;
	case SESSION_TYPE_STATUS:
		*(enum session_status *)v = read_status(r);
		break;
	case SESSION_TYPE_LIST:
		n = next_int(r, 0, 100000);
		for (i = 0; i < n && !r->bad; i++)
			strlist_add(v, next_field(r, NULL));
		break;
	case SESSION_TYPE_ASSIGNMENTS:
		read_assignments(r, s);
		break;
	}
}

/* A put line's session: tagged fields (version 2) or the first order. */
static struct session *
read_session(struct reader *r)
{
	struct session *s = xcalloc(1, sizeof *s);
	bool seen[SESSION_FIELD_COUNT] = {false};
	size_t i;

	session_init(s);
	if (r->version == 1) {
		for (i = 0; i < sizeof journal_v1_fields /
		                    sizeof journal_v1_fields[0] &&
		            !r->bad;
		     i++)
			read_value(r, s,
			           &session_field_table[journal_v1_fields[i]]);
	} else {
		while (r->at < r->f.n && !r->bad) {
			const struct session_field *f =
			    session_field_by_tag(next_field(r, NULL));

			if (f == NULL || seen[f->id]) {
				r->bad = true;
				break;
			}
			seen[f->id] = true;
			read_value(r, s, f);
		}
	}
	if (s->uid == NULL || r->at != r->f.n)
		r->bad = true;
	return s;
}

static void
edit_clear(struct journal_edit *e)
{
	size_t i;

	for (i = 0; i < e->ndeltas; i++) {
		free(e->deltas[i].uid);
		session_destroy(e->deltas[i].after);
	}
	free(e->deltas);
	free(e->description);
	memset(e, 0, sizeof *e);
}

void
journal_found_free(struct journal_found *f)
{
	size_t i;

	for (i = 0; i < f->nedits; i++)
		edit_clear(&f->edits[i]);
	free(f->edits);
	free(f->path);
	free(f->user);
	free(f->host);
	strlist_clear(&f->changed);
	free(f->changed.v);
	memset(f, 0, sizeof *f);
}

/* Whether the key (uid, rid) was seen; adds it if not. */
static bool
key_seen(struct strlist *keys, const char *uid, dais_time rid)
{
	char *k = xasprintf("%" PRId64 " %s", (int64_t)rid, uid);
	bool seen = strlist_has(keys, k);

	if (!seen)
		strlist_add(keys, k);
	free(k);
	return seen;
}

/* The line after the one at s, or NULL at the end of the text. */
static char *
line_after(char *s)
{
	char *nl = strchr(s, '\n');

	return nl != NULL ? nl + 1 : NULL;
}

/*
 * Reads the edits after the header, from `s`. Each is checked against its
 * fingerprint before it is parsed. One that stops before its "end" line or
 * does not match it can only be the last (each edit was forced to disk
 * before the next began): it is torn, and left out. Anything else that is
 * not an edit means the file is not what dais wrote.
 */
static bool
read_edits(struct reader *r, char *s, struct journal_found *out, char **why)
{
	struct strlist keys = {0};
	size_t cap = 0;
	bool ok = true;

	while (*s != '\0') {
		struct journal_edit e = {0};
		char *end = s, *after_end, *nl, want[40];
		size_t first_line = r->line + 1, lines = 0;
		int64_t n, i;

		/* Find the fingerprint line, and check it. */
		while (end != NULL && strncmp(end, "end\t", 4) != 0) {
			end = line_after(end);
			lines++;
		}
		if (end == NULL || (nl = strchr(end, '\n')) == NULL) {
			out->torn = true;
			break;
		}
		snprintf(want, sizeof want, "end\t%016" PRIx64,
		         filehash_bytes(s, (size_t)(end - s)));
		if ((size_t)(nl - end) != strlen(want) ||
		    strncmp(end, want, strlen(want)) != 0) {
			after_end = nl + 1;
			if (*after_end == '\0') {
				out->torn = true;
				break;
			}
			*why = xasprintf("%s:%zu: this edit is damaged (its "
			                 "fingerprint does not match)",
			                 r->path, first_line);
			ok = false;
			break;
		}
		after_end = nl + 1;
		*end = '\0';

		/* Parse it: the edit line, then `count` put or del lines. */
		nl = strchr(s, '\n');
		*nl = '\0';
		r->line++;
		fields_split(&r->f, s);
		r->at = 1;
		r->bad = strcmp(r->f.v[0], "edit") != 0;
		e.when = next_time(r);
		next_field(r, NULL); /* applied, undone...: for people */
		e.description = next_text(r);
		n = next_int(r, 1, 100000000);
		s = nl + 1;
		for (i = 0; i < n && !r->bad && *s != '\0'; i++) {
			struct journal_delta *d;

			nl = strchr(s, '\n');
			*nl = '\0';
			r->line++;
			fields_split(&r->f, s);
			r->at = 1;
			e.deltas = xreallocarray(e.deltas, e.ndeltas + 1,
			                         sizeof *e.deltas);
			d = &e.deltas[e.ndeltas++];
			memset(d, 0, sizeof *d);
			if (strcmp(r->f.v[0], "put") == 0) {
				d->after = read_session(r);
				d->uid = xstrdup(
				    d->after->uid != NULL ? d->after->uid : "");
				d->rid = d->after->recurrence_id;
			} else if (strcmp(r->f.v[0], "del") == 0) {
				d->uid = next_text(r);
				d->rid = next_time(r);
				if (d->uid == NULL || r->at != r->f.n)
					r->bad = true;
			} else {
				r->bad = true;
			}
			s = nl + 1;
		}
		if (r->bad || i != n || *s != '\0') {
			*why = xasprintf("%s:%zu: this line is not part of an "
			                 "edit dais wrote",
			                 r->path, r->line);
			edit_clear(&e);
			ok = false;
			break;
		}
		r->line = first_line + lines;
		s = after_end;
		for (i = 0; i < (int64_t)e.ndeltas; i++)
			if (!key_seen(&keys, e.deltas[i].uid, e.deltas[i].rid))
				out->nsessions++;
		XGROW(out->edits, out->nedits, cap);
		out->edits[out->nedits++] = e;
	}
	strlist_clear(&keys);
	free(keys.v);
	return ok;
}

/* The header: magic, who opened it, the files' fingerprints. */
static bool
read_header(struct reader *r, char **sp, const char *dir,
            struct journal_found *out, char **why)
{
	char *s = *sp, *nl;

	if (strncmp(s, JOURNAL_MAGIC "\n", strlen(JOURNAL_MAGIC) + 1) == 0)
		r->version = 2;
	else if (strncmp(s, JOURNAL_MAGIC_V1 "\n",
	                 strlen(JOURNAL_MAGIC_V1) + 1) == 0)
		r->version = 1;
	else {
		*why = xasprintf("%s:1: not a dais recovery journal (it does "
		                 "not start with DAIS-JOURNAL and its version, "
		                 "1 or 2)",
		                 r->path);
		return false;
	}
	s += strlen(JOURNAL_MAGIC) + 1; /* both versions: one digit */
	r->line = 1;
	while (
	    (nl = strchr(s, '\n')) != NULL &&
	    (strncmp(s, "opened\t", 7) == 0 || strncmp(s, "file\t", 5) == 0)) {
		*nl = '\0';
		r->line++;
		fields_split(&r->f, s);
		r->at = 1;
		r->bad = false;
		if (strcmp(r->f.v[0], "opened") == 0) {
			out->opened = next_time(r);
			out->user = next_text(r);
			out->host = next_text(r);
			out->pid = (long)next_int(r, 0, INT32_MAX);
		} else {
			const char *hex = next_field(r, NULL);
			char *name = next_text(r), *path, *end;
			uint64_t want = strtoull(hex, &end, 16), have;

			/* Names are relative to the directory, as in
			 * conference.ini: nothing outside it is read. */
			if (name == NULL || name[0] == '/' ||
			    strstr(name, "..") != NULL || *end != '\0' ||
			    strlen(hex) != 16) {
				r->bad = true;
			} else {
				path = xasprintf("%s/%s", dir, name);
				filehash_path(path, &have);
				if (have != want)
					strlist_add(&out->changed, name);
				free(path);
			}
			free(name);
		}
		if (r->bad || r->at != r->f.n) {
			*why = xasprintf("%s:%zu: this line is not part of a "
			                 "journal dais wrote",
			                 r->path, r->line);
			return false;
		}
		s = nl + 1;
	}
	if (out->opened == 0 && out->user == NULL) {
		*why = xasprintf("%s:%zu: the journal has no 'opened' line",
		                 r->path, r->line + 1);
		return false;
	}
	*sp = s;
	return true;
}

int
journal_find(const char *dir, struct journal_found *out, char **why)
{
	struct reader r = {0};
	char *text, *s, *cause = NULL;
	size_t len;
	bool ok;

	memset(out, 0, sizeof *out);
	out->path = xasprintf("%s/%s", dir, JOURNAL_NAME);
	text = fileread_all(out->path, JOURNAL_MAX_BYTES, &len, &cause);
	if (text == NULL) {
		if (errno == ENOENT) {
			free(cause);
			journal_found_free(out);
			return 0;
		}
		*why = xasprintf("cannot read %s: %s", out->path, cause);
		free(cause);
		return -1;
	}
	if (memchr(text, '\0', len) != NULL) {
		*why = xasprintf("%s: not a dais recovery journal (it has "
		                 "NUL bytes)",
		                 out->path);
		free(text);
		return -1;
	}
	r.path = out->path;
	s = text;
	ok = read_header(&r, &s, dir, out, why) && read_edits(&r, s, out, why);
	free(r.f.v);
	free(r.f.null);
	free(text);
	return ok ? 1 : -1;
}

bool
journal_writer_alive(const struct journal_found *f)
{
	char *host = machine_host();
	bool same = f->host != NULL && strcmp(f->host, host) == 0;

	free(host);
	if (!same || f->pid <= 0 || f->pid == (long)getpid())
		return false;
	return machine_process_alive(f->pid); /* a zombie is not alive */
}

char *
journal_when_text(const struct journal_found *f)
{
	time_t t = (time_t)journal_last_time(f), now = time(NULL);
	struct tm tm;
	char buf[64], *ago, *s;

	if (localtime_r(&t, &tm) == NULL ||
	    strftime(buf, sizeof buf, "%H:%M on %a %e %b", &tm) == 0)
		return xstrdup("an unknown time");
	if ((ago = elapsed_ago(t, now)) == NULL)
		return xstrdup(buf);
	s = xasprintf("%s (%s)", buf, ago);
	free(ago);
	return s;
}

dais_time
journal_last_time(const struct journal_found *f)
{
	return f->nedits > 0 ? f->edits[f->nedits - 1].when : f->opened;
}

bool
journal_replay(const struct journal_found *f, struct editor *ed, char **why)
{
	char *label;
	size_t i, k;

	label = xasprintf("Restored %zu unsaved edit%s from the recovery "
	                  "journal",
	                  f->nedits, f->nedits == 1 ? "" : "s");
	editor_begin_group(ed, label);
	free(label);
	for (i = 0; i < f->nedits; i++) {
		const struct journal_edit *e = &f->edits[i];

		for (k = 0; k < e->ndeltas; k++) {
			const struct journal_delta *d = &e->deltas[k];
			const char *refusal = NULL;

			if (edit_put(ed, d->uid, d->rid, d->after, &refusal))
				continue;
			*why = xasprintf("edit %zu of %zu ('%s'), session "
			                 "%s: %s",
			                 i + 1, f->nedits,
			                 e->description ? e->description : "",
			                 d->uid, refusal);
			editor_cancel_group(ed);
			return false;
		}
	}
	editor_end_group(ed);
	return true;
}

char *
journal_keep_aside(const char *dir, char **why)
{
	char stamp[DAIS_TIMEBUF], *from, *to = NULL;
	int i;

	time_fmt_ical_utc(stamp, now_utc());
	from = xasprintf("%s/%s", dir, JOURNAL_NAME);
	for (i = 0; i < 100; i++) {
		struct stat st;

		free(to);
		to = i == 0 ? xasprintf("%s-kept-%s", from, stamp)
		            : xasprintf("%s-kept-%s-%d", from, stamp, i);
		if (lstat(to, &st) != 0 && errno == ENOENT)
			break;
	}
	if (rename(from, to) != 0) {
		*why = xasprintf("cannot rename %s to %s: %s", from, to,
		                 strerror(errno));
		free(to);
		to = NULL;
	}
	free(from);
	return to;
}

bool
journal_discard(const char *dir, char **why)
{
	char *path = xasprintf("%s/%s", dir, JOURNAL_NAME);
	bool ok = unlink(path) == 0 || errno == ENOENT;

	if (!ok)
		*why = xasprintf("cannot delete %s: %s", path, strerror(errno));
	free(path);
	return ok;
}
