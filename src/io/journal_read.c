/*
 * journal_read.c: reading a recovery journal back (journal_find): the
 * header and its fingerprints checked against the directory, then each
 * edit checked against its own fingerprint and decoded into sessions. The
 * format is in journal_format.h.
 */
#include "dais/journal.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dais/filehash.h"
#include "dais/fileread.h"
#include "dais/registry_field.h"
#include "dais/session_field.h"
#include "dais/strbuf.h"
#include "dais/xalloc.h"
#include "journal_format.h"

/* Version 1's put line: the values in this order, without tags. */
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
	int version;     /* of the journal's format: 1 to 4 */
	const char *dir; /* the programme's */
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

/* The fingerprints this journal's version wrote (journal_format.h). */
static uint64_t
hash_bytes(const struct reader *r, const void *data, size_t len)
{
	return r->version >= 4 ? filehash_bytes(data, len)
	                       : filehash_bytes_fnv(data, len);
}

static void
hash_path(const struct reader *r, const char *path, uint64_t *out)
{
	if (r->version >= 4)
		filehash_path(path, out);
	else
		filehash_path_fnv(path, out);
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

/* A reg or regdel line: the entry's kind, id and keys. */
static void
read_registry(struct reader *r, struct journal_delta *d)
{
	const char *kind = next_field(r, NULL);
	int k;

	d->registry = true;
	d->removed = strcmp(r->f.v[0], "regdel") == 0;
	d->rid = DAIS_TIME_NONE;
	d->kind = -1;
	for (k = 0; k < REGISTRY_KIND_COUNT; k++)
		if (strcmp(kind, registry_kind_name((enum registry_kind)k)) ==
		    0)
			d->kind = k;
	d->uid = next_text(r);
	if (d->kind < 0 || d->uid == NULL)
		r->bad = true;
	while (!r->bad && r->at < r->f.n) {
		char *key = next_text(r), *value = next_text(r);

		if (key == NULL || value == NULL)
			r->bad = true;
		else {
			strlist_add(&d->keys, key);
			strlist_add(&d->values, value);
		}
		free(key);
		free(value);
	}
	if (d->removed && d->keys.n > 0)
		r->bad = true;
}

static void
edit_clear(struct journal_edit *e)
{
	size_t i;

	for (i = 0; i < e->ndeltas; i++) {
		free(e->deltas[i].uid);
		session_destroy(e->deltas[i].after);
		strlist_clear(&e->deltas[i].keys);
		strlist_clear(&e->deltas[i].values);
		session_destroy(e->deltas[i].was);
	}
	free(e->deltas);
	free(e->description);
	memset(e, 0, sizeof *e);
}

/* Whether deltas a and b are of the same session. */
static bool
same_session(const struct journal_delta *a, const struct journal_delta *b)
{
	return a->rid == b->rid && strcmp(a->uid, b->uid) == 0;
}

bool
journal_changes_nothing(const struct journal_found *f)
{
	const struct journal_delta **v = NULL;
	size_t n = 0, cap = 0, i, j;
	bool nothing = f->nedits > 0;

	for (i = 0; nothing && i < f->nedits; i++)
		for (j = 0; j < f->edits[i].ndeltas; j++) {
			XGROW(v, n, cap);
			v[n++] = &f->edits[i].deltas[j];
		}
	/* Each session's first record says how it was; its last, how it
	 * is: the same for every session, nothing changed. */
	for (i = 0; nothing && i < n; i++) {
		const struct journal_delta *last = v[i];

		if (v[i]->registry) {
			nothing = false;
			break;
		}
		for (j = 0; j < i && !same_session(v[j], v[i]); j++)
			;
		if (j < i)
			continue; /* not the session's first record */
		if (!v[i]->has_was) {
			nothing = false;
			break;
		}
		for (j = n; j-- > i;)
			if (same_session(v[j], v[i])) {
				last = v[j];
				break;
			}
		nothing = v[i]->was == NULL || last->after == NULL
		              ? v[i]->was == last->after
		              : session_equal(v[i]->was, last->after);
	}
	free(v);
	return nothing;
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
	for (i = 0; i < f->nfiles; i++)
		free(f->files[i].name);
	free(f->files);
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

/* Counts the session or registry entry d touches, once each. */
static void
count_touched(struct journal_found *out, struct strlist *keys,
              const struct journal_delta *d)
{
	char *k;

	if (!d->registry) {
		if (!key_seen(keys, d->uid, d->rid))
			out->nsessions++;
		return;
	}
	if (d->kind < 0 || d->kind >= REGISTRY_KIND_COUNT)
		return;
	/* not a number first: never the key of a session */
	k = xasprintf("registry %d %s", d->kind, d->uid);
	if (!strlist_has(keys, k)) {
		strlist_add(keys, k);
		out->nentries[d->kind]++;
	}
	free(k);
}

char *
journal_touched_text(const struct journal_found *f)
{
	static const char *const names[REGISTRY_KIND_COUNT][2] = {
	    [REGISTRY_PARTICIPANT] = {"participant", "participants"},
	    [REGISTRY_ROOM] = {"room", "rooms"},
	    [REGISTRY_BUILDING] = {"building", "buildings"},
	    [REGISTRY_WALK] = {"walking time", "walking times"},
	};
	const char *word[REGISTRY_KIND_COUNT + 1];
	size_t count[REGISTRY_KIND_COUNT + 1], n = 0, entries = 0, i;
	struct strbuf b = {0};

	for (i = 0; i < REGISTRY_KIND_COUNT; i++)
		entries += f->nentries[i];
	if (f->nsessions > 0 || entries == 0) {
		count[n] = f->nsessions;
		word[n++] = f->nsessions == 1 ? "session" : "sessions";
	}
	for (i = 0; i < REGISTRY_KIND_COUNT; i++)
		if (f->nentries[i] > 0) {
			count[n] = f->nentries[i];
			word[n++] = names[i][f->nentries[i] == 1 ? 0 : 1];
		}
	for (i = 0; i < n; i++)
		strbuf_addf(&b, "%s%zu %s",
		            i == 0       ? ""
		            : i + 1 == n ? " and "
		                         : ", ",
		            count[i], word[i]);
	return strbuf_take(&b);
}

/* The line after the one at s, or NULL at the end of the text. */
static char *
line_after(char *s)
{
	char *nl = strchr(s, '\n');

	return nl != NULL ? nl + 1 : NULL;
}

/* The next line of the text at s (cut at its end), split into r->f. */
static char *
next_line(struct reader *r, char *s)
{
	char *nl = strchr(s, '\n');

	*nl = '\0'; /* every line of a checked record ends in one */
	r->line++;
	fields_split(&r->f, s);
	r->at = 1;
	return nl + 1;
}

/*
 * One session's record from `s`: an optional was (or was-none) line with
 * its state in the files, then its put or del line. Returns what follows.
 */
static char *
read_delta(struct reader *r, char *s, struct journal_delta *d)
{
	memset(d, 0, sizeof *d);
	s = next_line(r, s);
	if (strcmp(r->f.v[0], "was") == 0 ||
	    strcmp(r->f.v[0], "was-none") == 0) {
		d->has_was = true;
		if (strcmp(r->f.v[0], "was") == 0) {
			d->was = read_session(r);
		} else {
			char *uid = next_text(r);

			next_time(r);
			if (uid == NULL || r->at != r->f.n)
				r->bad = true;
			free(uid);
		}
		if (r->bad || *s == '\0') {
			r->bad = true;
			return s;
		}
		s = next_line(r, s);
	}
	if (strcmp(r->f.v[0], "put") == 0) {
		d->after = read_session(r);
		d->uid = xstrdup(d->after->uid != NULL ? d->after->uid : "");
		d->rid = d->after->recurrence_id;
	} else if (strcmp(r->f.v[0], "del") == 0) {
		d->uid = next_text(r);
		d->rid = next_time(r);
		if (d->uid == NULL || r->at != r->f.n)
			r->bad = true;
	} else if (!d->has_was && (strcmp(r->f.v[0], "reg") == 0 ||
	                           strcmp(r->f.v[0], "regdel") == 0)) {
		read_registry(r, d);
	} else {
		r->bad = true;
	}
	if (d->uid == NULL)
		d->uid = xstrdup("");
	return s;
}

/* The file the journal names `name`, or NULL. */
static struct journal_file *
file_named(struct journal_found *out, const char *name)
{
	size_t i;

	for (i = 0; i < out->nfiles; i++)
		if (strcmp(out->files[i].name, name) == 0)
			return &out->files[i];
	return NULL;
}

/*
 * A file a save made that the journal's start did not list (a new
 * session's own file, programme_session_file_name): it did not exist
 * when the edits began. NULL for a name outside the directory.
 */
static struct journal_file *
file_made(struct reader *r, struct journal_found *out, const char *name)
{
	struct journal_file *jf;
	char *path;

	if (name[0] == '/' || strstr(name, "..") != NULL)
		return NULL;
	out->files =
	    xreallocarray(out->files, out->nfiles + 1, sizeof *out->files);
	jf = &out->files[out->nfiles++];
	memset(jf, 0, sizeof *jf);
	jf->name = xstrdup(name);
	path = xasprintf("%s/%s", r->dir, name);
	hash_path(r, path, &jf->now);
	free(path);
	return jf;
}

/*
 * A save's intent (its "save" line is in r->f; its "saving" lines from
 * s): what each file was about to hold, after the edits read so far.
 */
static bool
read_save(struct reader *r, char *s, struct journal_found *out)
{
	int64_t n, i;

	r->bad = false;
	next_time(r);
	n = next_int(r, 1, 1000000);
	if (r->bad || r->at != r->f.n)
		return false;
	for (i = 0; i < n && *s != '\0'; i++) {
		struct journal_file *jf;
		const char *before, *after;
		char *name, *end;
		uint64_t to;

		s = next_line(r, s);
		if (strcmp(r->f.v[0], "saving") != 0)
			return false;
		before = next_field(r, NULL);
		after = next_field(r, NULL);
		name = next_text(r);
		to = strtoull(after, &end, 16);
		if (r->bad || r->at != r->f.n || name == NULL ||
		    strlen(before) != 16 || strlen(after) != 16 ||
		    *end != '\0' ||
		    ((jf = file_named(out, name)) == NULL &&
		     (jf = file_made(r, out, name)) == NULL)) {
			free(name);
			return false;
		}
		jf->saving = to;
		jf->save_recorded = true;
		jf->saved_at = out->nedits;
		free(name);
	}
	return i == n && *s == '\0';
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
		         hash_bytes(r, s, (size_t)(end - s)));
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

		/* Parse it: a save's intent, or an edit. */
		nl = strchr(s, '\n');
		*nl = '\0';
		r->line++;
		fields_split(&r->f, s);
		r->at = 1;
		if (strcmp(r->f.v[0], "save") == 0) {
			if (!read_save(r, nl + 1, out)) {
				*why =
				    xasprintf("%s:%zu: this line is not part "
				              "of a save dais recorded",
				              r->path, r->line);
				ok = false;
				break;
			}
			r->line = first_line + lines;
			s = after_end;
			continue;
		}
		r->bad = strcmp(r->f.v[0], "edit") != 0;
		e.when = next_time(r);
		next_field(r, NULL); /* applied, undone...: for people */
		e.description = next_text(r);
		n = next_int(r, 1, 100000000);
		s = nl + 1;
		for (i = 0; i < n && !r->bad && *s != '\0'; i++) {
			e.deltas = xreallocarray(e.deltas, e.ndeltas + 1,
			                         sizeof *e.deltas);
			s = read_delta(r, s, &e.deltas[e.ndeltas++]);
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
			count_touched(out, &keys, &e.deltas[i]);
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
		r->version = 4;
	else if (strncmp(s, JOURNAL_MAGIC_V3 "\n",
	                 strlen(JOURNAL_MAGIC_V3) + 1) == 0)
		r->version = 3;
	else if (strncmp(s, JOURNAL_MAGIC_V2 "\n",
	                 strlen(JOURNAL_MAGIC_V2) + 1) == 0)
		r->version = 2;
	else if (strncmp(s, JOURNAL_MAGIC_V1 "\n",
	                 strlen(JOURNAL_MAGIC_V1) + 1) == 0)
		r->version = 1;
	else if (strncmp(s, "DAIS-JOURNAL\t", 13) == 0 &&
	         strtol(s + 13, NULL, 10) > 4) {
		/* Two versions of dais on one shared directory: the newer
		 * one's journal is kept for it, never read wrongly here. */
		*why = xasprintf("%s:1: written by a newer dais (journal "
		                 "format %ld; this one reads 1 to 4): open the "
		                 "programme with that version to restore it",
		                 r->path, strtol(s + 13, NULL, 10));
		return false;
	} else {
		*why = xasprintf("%s:1: not a dais recovery journal (it does "
		                 "not start with DAIS-JOURNAL and its version, "
		                 "1 to 4)",
		                 r->path);
		return false;
	}
	s += strlen(JOURNAL_MAGIC) + 1; /* every version: one digit */
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
				struct journal_file *jf;

				path = xasprintf("%s/%s", dir, name);
				have = 0;
				hash_path(r, path, &have);
				free(path);
				out->files =
				    xreallocarray(out->files, out->nfiles + 1,
				                  sizeof *out->files);
				jf = &out->files[out->nfiles++];
				memset(jf, 0, sizeof *jf);
				jf->name = name;
				name = NULL;
				jf->started = want;
				jf->now = have;
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

/*
 * Which files somebody else changed: neither what the journal started
 * from nor what a save it records was writing. The edits may be replayed
 * when none did, or only programme files did and the journal (version 3 on)
 * says how each session was in them.
 */
static void
judge_files(struct journal_found *out, int version)
{
	bool registry = false;
	size_t i;

	for (i = 0; i < out->nfiles; i++) {
		const struct journal_file *jf = &out->files[i];

		if (jf->now == jf->started ||
		    (jf->save_recorded && jf->now == jf->saving))
			continue;
		strlist_add(&out->changed, jf->name);
		if (journal_is_registry(jf->name))
			registry = true;
	}
	out->replayable = out->changed.n == 0 || (!registry && version >= 3);
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
	r.dir = dir;
	s = text;
	ok = read_header(&r, &s, dir, out, why) && read_edits(&r, s, out, why);
	if (ok)
		judge_files(out, r.version);
	free(r.f.v);
	free(r.f.null);
	free(text);
	return ok ? 1 : -1;
}
