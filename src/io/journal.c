/*
 * journal.c: writing the recovery journal (journal.h) while a planner
 * edits: the header with the files' fingerprints, then one record per
 * edit, each forced to disk before the screen shows it. The format is in
 * journal_format.h; journal_read.c reads it back.
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
#include "dais/edit_registry.h"
#include "dais/filehash.h"
#include "dais/registry.h"
#include "dais/session_field.h"
#include "dais/strbuf.h"
#include "dais/machine.h"
#include "dais/xalloc.h"
#include "journal_format.h"

/* The registries: a journal is replayed only onto the same ones. */
static const char *const registry_files[] = {
    "conference.ini",
    "venues.ini",
    "participants.ini",
};
#define NREGISTRY (sizeof registry_files / sizeof registry_files[0])

bool
journal_is_registry(const char *name)
{
	size_t i;

	for (i = 0; i < NREGISTRY; i++)
		if (strcmp(name, registry_files[i]) == 0)
			return true;
	return false;
}

struct journal {
	char *dir;
	char *path;
	int fd;
	/* The last append failed: rewrite the whole journal at the next. */
	bool broken;
	/* Sessions whose state in the files is written (a was line): each
	 * once, at the first edit that touches it. */
	struct strlist seen;
};

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

/* A session's state: `label` ("put" or "was") and its tagged fields. */
static void
out_state(struct strbuf *o, const char *label, const struct session *s)
{
	size_t i;

	strbuf_addstr(o, label);
	for (i = 0; i < SESSION_FIELD_COUNT; i++) {
		strbuf_add(o, "\t", 1);
		strbuf_addstr(o, session_field_table[i].tag);
		out_value(o, s, &session_field_table[i]);
	}
	strbuf_add(o, "\n", 1);
}

static void
out_session(struct strbuf *o, const struct session *s)
{
	out_state(o, "put", s);
}

static void
out_deletion(struct strbuf *o, const char *uid, dais_time rid)
{
	strbuf_addstr(o, "del");
	out_text(o, uid);
	out_time(o, rid);
	strbuf_add(o, "\n", 1);
}

/* A registry entry's state (after NULL: removed). */
static void
out_registry(struct strbuf *o, const struct programme *p,
             enum registry_kind kind, const char *id,
             const struct registry_item *after)
{
	struct strlist keys = {0}, values = {0};
	size_t i;

	strbuf_addstr(o, after != NULL ? "reg" : "regdel");
	out_text(o, registry_kind_name(kind));
	out_text(o, id);
	if (after != NULL)
		registry_item_pairs(p, after, &keys, &values);
	for (i = 0; i < keys.n; i++) {
		out_text(o, keys.v[i]);
		out_text(o, values.v[i]);
	}
	strbuf_add(o, "\n", 1);
	strlist_clear(&keys);
	strlist_clear(&values);
}

/*
 * Before the first record of a session in this journal: its state in the
 * files the journal's fingerprints describe (`saved`; NULL: it is in none
 * of them), so that recovery can tell, file by file, whether somebody
 * changed that session on disk since.
 */
static void
out_was(struct journal *j, struct strbuf *o, const char *uid, dais_time rid,
        const struct session *saved)
{
	char *key = xasprintf("%" PRId64 " %s", (int64_t)rid, uid);

	if (!strlist_has(&j->seen, key)) {
		strlist_add(&j->seen, key);
		if (saved != NULL) {
			out_state(o, "was", saved);
		} else {
			strbuf_addstr(o, "was-none");
			out_text(o, uid);
			out_time(o, rid);
			strbuf_add(o, "\n", 1);
		}
	}
	free(key);
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
 * is what the changes apply to), and so are venues.ini's and
 * participants.ini's (p->registry_text: dais writes them too, and a
 * change made on disk since it read them must show); conference.ini,
 * which dais never writes, is read now.
 */
static void
out_journal(struct journal *j, struct strbuf *o, const struct editor *ed)
{
	const struct programme *p = editor_programme(ed);
	struct edit_change *ch = NULL;
	struct registry_change *rch[REGISTRY_KIND_COUNT];
	size_t n, i, from, nr[REGISTRY_KIND_COUNT], k, total;
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
		uint64_t h = 0;
		int f;

		for (f = 0; f < REGISTRY_NFILES; f++)
			if (strcmp(registry_files[i], registry_file(f)) == 0)
				break;
		if (f < REGISTRY_NFILES) {
			if (p->registry_text[f] != NULL)
				h = filehash_bytes(p->registry_text[f],
				                   p->registry_len[f]);
		} else {
			char *path =
			    xasprintf("%s/%s", p->dir, registry_files[i]);

			filehash_path(path, &h);
			free(path);
		}
		out_file(o, h, registry_files[i]);
	}
	for (i = 0; i < p->conf.files.n; i++)
		out_file(o, p->file_hash != NULL ? p->file_hash[i] : 0,
		         p->conf.files.v[i]);

	n = editor_changes(ed, &ch);
	total = n;
	for (k = 0; k < REGISTRY_KIND_COUNT; k++) {
		nr[k] =
		    editor_registry_changes(ed, (enum registry_kind)k, &rch[k]);
		total += nr[k];
	}
	if (total == 0)
		return;
	from = o->n;
	strbuf_addstr(o, "edit");
	out_time(o, now_utc());
	out_text(o, "applied");
	out_text(o, "Unsaved edits carried over");
	out_int(o, (int64_t)total);
	strbuf_add(o, "\n", 1);
	/* Entries first: sessions may name a participant made since. */
	for (k = 0; k < REGISTRY_KIND_COUNT; k++) {
		for (i = 0; i < nr[k]; i++)
			out_registry(o, p, (enum registry_kind)k, rch[k][i].id,
			             rch[k][i].now);
		free(rch[k]);
	}
	for (i = 0; i < n; i++) {
		const struct session *s =
		    editor_session(ed, ch[i].uid, ch[i].recurrence_id);

		out_was(j, o, ch[i].uid, ch[i].recurrence_id, ch[i].saved);
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
	strlist_clear(&j->seen);
	out_journal(j, &o, ed);
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

/* Test hook: DAIS_FAIL_APPEND=<substring> makes appending to a matching
 * journal fail as a full disk would, after its start was written (what
 * a disk that fills up meanwhile does; DAIS_FAIL_WRITE stops the start). */
static bool
injected_append_failure(const struct journal *j)
{
	const char *match = getenv("DAIS_FAIL_APPEND");

	if (match == NULL || *match == '\0' || strstr(j->path, match) == NULL)
		return false;
	errno = ENOSPC;
	return true;
}

/* Appends one record (o, freed here) and forces it to disk. */
static bool
append_record(struct journal *j, struct strbuf *o, char **why)
{
	off_t at = lseek(j->fd, 0, SEEK_END);

	if (injected_append_failure(j) || !write_all(j->fd, o->v, o->n) ||
	    fdatasync(j->fd) != 0) {
		*why = xasprintf("cannot write the recovery journal %s: %s",
		                 j->path, strerror(errno));
		/* Leave no half record behind if we can. */
		if (at >= 0 && ftruncate(j->fd, at) != 0) {
			/* The fingerprint line still marks it torn. */
		}
		j->broken = true;
		strbuf_free(o);
		return false;
	}
	strbuf_free(o);
	return true;
}

bool
journal_append(struct journal *j, const struct editor *ed,
               const struct edit_event *ev, char **why)
{
	struct strbuf o = {0};
	size_t i;

	if (j->broken || j->fd < 0)
		return journal_write_whole(j, ed, why);
	if (ev->ndeltas == 0 && ev->nregistry == 0)
		return true;
	strbuf_addstr(&o, "edit");
	out_time(&o, now_utc());
	out_text(&o, kind_name(ev->kind));
	out_text(&o, ev->description);
	out_int(&o, (int64_t)(ev->ndeltas + ev->nregistry));
	strbuf_add(&o, "\n", 1);
	for (i = 0; i < ev->nregistry; i++)
		out_registry(&o, editor_programme(ed), ev->registry[i].kind,
		             ev->registry[i].id, ev->registry[i].after);
	for (i = 0; i < ev->ndeltas; i++) {
		const struct edit_delta *d = &ev->deltas[i];
		const struct session *key =
		    d->after != NULL ? d->after : d->before;

		if (key != NULL)
			out_was(j, &o, key->uid, key->recurrence_id, d->before);
		if (d->after != NULL)
			out_session(&o, d->after);
		else if (key != NULL)
			out_deletion(&o, key->uid, key->recurrence_id);
	}
	out_end(&o, 0);
	return append_record(j, &o, why);
}

bool
journal_save_intent(struct journal *j, const struct journal_saving *v, size_t n,
                    char **why)
{
	struct strbuf o = {0};
	size_t i;
	char buf[64];

	if (j->broken || j->fd < 0) {
		*why = xasprintf("the recovery journal %s is not written",
		                 j->path);
		return false;
	}
	strbuf_addstr(&o, "save");
	out_time(&o, now_utc());
	out_int(&o, (int64_t)n);
	strbuf_add(&o, "\n", 1);
	for (i = 0; i < n; i++) {
		snprintf(buf, sizeof buf, "saving\t%016" PRIx64 "\t%016" PRIx64,
		         v[i].before, v[i].after);
		strbuf_addstr(&o, buf);
		out_text(&o, v[i].name);
		strbuf_add(&o, "\n", 1);
	}
	out_end(&o, 0);
	return append_record(j, &o, why);
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
	strlist_clear(&j->seen);
	free(j->seen.v);
	free(j);
}
