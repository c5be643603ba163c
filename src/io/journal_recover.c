/*
 * journal_recover.c: what a starting planner does with a journal it found
 * (journal_find): whether its writer still runs, when it was written,
 * which of its edits to replay file by file and session by session
 * (journal_prepare), and replaying, keeping aside or discarding it.
 */
#include "dais/journal.h"
#include "dais/sources.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "dais/atomicfile.h"
#include "dais/edit_registry.h"
#include "dais/elapsed.h"
#include "dais/machine.h"
#include "dais/session_field.h"
#include "dais/strmap.h"
#include "dais/xalloc.h"
#include "caldav_internal.h"

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
	char hm[16], day[16], mon[16], *ago, *s;

	/* The day of the month without strftime's padding (%e gave "Fri
	 * 4 Dec" two blanks; %-d is no ISO C). */
	if (localtime_r(&t, &tm) == NULL ||
	    strftime(hm, sizeof hm, "%H:%M", &tm) == 0 ||
	    strftime(day, sizeof day, "%a", &tm) == 0 ||
	    strftime(mon, sizeof mon, "%b", &tm) == 0)
		return xstrdup("an unknown time");
	ago = elapsed_ago(t, now);
	s = xasprintf("%s on %s %d %s%s%s%s", hm, day, tm.tm_mday, mon,
	              ago != NULL ? " (" : "", ago != NULL ? ago : "",
	              ago != NULL ? ")" : "");
	free(ago);
	return s;
}

dais_time
journal_last_time(const struct journal_found *f)
{
	return f->nedits > 0 ? f->edits[f->nedits - 1].when : f->opened;
}

/* A registry entry's state, read with the loader's parsers. False with
 * *msg (a new string) when it is refused. */
static bool
replay_entry(struct editor *ed, const struct journal_delta *d, char **msg)
{
	struct registry_item x;
	const char *refusal = NULL;
	bool ok;

	if (d->removed)
		ok = edit_registry_restore(ed, (enum registry_kind)d->kind,
		                           d->uid, NULL, &refusal);
	else if (!registry_item_from_pairs(editor_programme(ed),
	                                   (enum registry_kind)d->kind, d->uid,
	                                   &d->keys, &d->values, &x, msg)) {
		registry_item_free(&x);
		return false;
	} else {
		ok = edit_registry_restore(ed, (enum registry_kind)d->kind,
		                           d->uid, &x, &refusal);
		registry_item_free(&x);
	}
	if (!ok)
		*msg = xstrdup(refusal);
	return ok;
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
			char *msg = NULL;

			if (d->registry) {
				if (replay_entry(ed, d, &msg))
					continue;
				*why = xasprintf(
				    "edit %zu of %zu ('%s'), %s %s: %s", i + 1,
				    f->nedits,
				    e->description ? e->description : "",
				    registry_kind_name(
				        (enum registry_kind)d->kind),
				    d->uid, msg);
				free(msg);
				editor_cancel_group(ed);
				return false;
			}
			if (d->skip ||
			    edit_put(ed, d->uid, d->rid, d->after, &refusal))
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

	time_fmt_ical_utc(stamp, (dais_time)time(NULL));
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

/* What the journal says of one session, over all its records. */
struct touched {
	const char *uid;
	dais_time rid;
	bool has_was;
	const struct session *was;   /* in the files; NULL: in none */
	const struct session *final; /* the last record; NULL: deleted */
};

/* conf.new_sessions_file's index (changeset.c's rule; 0 when unlisted). */
static size_t
new_sessions_index(const struct programme *p)
{
	size_t i;

	for (i = 0; p->conf.new_sessions_file != NULL && i < p->conf.files.n;
	     i++)
		if (strcmp(p->conf.files.v[i], p->conf.new_sessions_file) == 0)
			return i;
	return 0;
}

/* The file a session belongs in: where it was, else where it goes. */
static size_t
file_of(const struct programme *p, const struct touched *t)
{
	const struct session *s = t->was != NULL ? t->was : t->final;

	if (s != NULL && s->source >= 0 && (size_t)s->source < p->conf.files.n)
		return (size_t)s->source;
	if (p->conf.new_sessions_dir != NULL) {
		/* A file of its own (programme_session_file_name): listed
		 * once a save made it; else past the end, none yet. */
		char *name = programme_session_file_name(&p->conf, t->uid);
		size_t i;

		for (i = 0; i < p->conf.files.n; i++)
			if (strcmp(p->conf.files.v[i], name) == 0)
				break;
		free(name);
		return i;
	}
	return new_sessions_index(p);
}

static struct journal_file *
journal_file_of(struct journal_found *f, const char *name)
{
	size_t i;

	for (i = 0; i < f->nfiles; i++)
		if (strcmp(f->files[i].name, name) == 0)
			return &f->files[i];
	return NULL;
}

/* Whether the session on disk (NULL: none) has the state s (NULL: none),
 * as content (SEQUENCE and where it came from do not count). */
static bool
same_state(const struct session *disk, const struct session *s)
{
	if (disk == NULL || s == NULL)
		return disk == s;
	return session_diff_groups(disk, s, false) == 0;
}

/* Marks every record of (uid, rid) in edits before `upto` to skip. */
static void
skip_records(struct journal_found *f, const char *uid, dais_time rid,
             size_t upto)
{
	size_t i, k;

	for (i = 0; i < f->nedits && i < upto; i++)
		for (k = 0; k < f->edits[i].ndeltas; k++) {
			struct journal_delta *d = &f->edits[i].deltas[k];

			if (!d->registry && d->rid == rid &&
			    strcmp(d->uid, uid) == 0)
				d->skip = true;
		}
}

/*
 * One session in a file somebody else changed: replayed when it is on
 * disk as it was in the journal's files; nothing to do when it is on disk
 * as the journal has it; otherwise its old state goes back into p so the
 * next save offers the choice. Returns whether it is left to that choice.
 */
static bool
prepare_changed(struct journal_found *f, struct programme *p,
                const struct touched *t, size_t file,
                const struct journal_file *jf)
{
	long at = programme_find_session(p, t->uid, t->rid);
	const struct session *disk = at >= 0 ? &p->sessions[at] : NULL;
	struct session *s;

	if (same_state(disk, t->final)) {
		skip_records(f, t->uid, t->rid, f->nedits);
		return false;
	}
	if (t->has_was && same_state(disk, t->was))
		return false; /* unchanged on disk: replayed */
	if (!t->has_was || t->was == NULL) {
		/* Unknown before, or made in dais while somebody else made
		 * one with its UID: the disk's stays. */
		skip_records(f, t->uid, t->rid, f->nedits);
		return true;
	}
	if (disk != NULL) {
		s = &p->sessions[at];
		session_free(s);
	} else {
		s = programme_add_session(p);
		session_free(s);
	}
	session_copy(s, t->was);
	/* Not what the file holds now, so a save sees the change. (From a
	 * journal of version 3 or older it is FNV-1a, not XXH3: no more
	 * like the file's, which is all that matters here.) */
	if (p->file_hash != NULL)
		p->file_hash[file] = jf->started;
	return true;
}

size_t
journal_prepare(struct journal_found *f, struct programme *p)
{
	struct strmap at = {0};
	struct strlist keys = {0}; /* the map's keys, alive as long */
	struct touched *v = NULL;
	size_t n = 0, cap = 0, i, k, left = 0;

	if (!f->replayable)
		return 0;
	for (i = 0; i < f->nedits; i++)
		for (k = 0; k < f->edits[i].ndeltas; k++) {
			const struct journal_delta *d = &f->edits[i].deltas[k];
			char *key;
			size_t x;

			/* Registries are replayed whole: recovery goes by
			 * session only in the programme's files. */
			if (d->registry)
				continue;
			key = xasprintf("%" PRId64 " %s", (int64_t)d->rid,
			                d->uid);
			if (!strmap_get(&at, key, &x)) {
				XGROW(v, n, cap);
				x = n++;
				memset(&v[x], 0, sizeof v[x]);
				v[x].uid = d->uid;
				v[x].rid = d->rid;
				strlist_add(&keys, key);
				strmap_add(&at, keys.v[keys.n - 1], x);
			}
			free(key);
			if (d->has_was && !v[x].has_was) {
				v[x].has_was = true;
				v[x].was = d->was;
			}
			v[x].final = d->after;
		}
	for (i = 0; i < n; i++) {
		size_t file = file_of(p, &v[i]);
		struct journal_file *jf =
		    file < p->conf.files.n
		        ? journal_file_of(f, p->conf.files.v[file])
		        : NULL;

		if (jf == NULL || jf->now == jf->started)
			continue; /* as the edits found it: replayed */
		if (jf->save_recorded && jf->now == jf->saving) {
			/* The save wrote it: what it holds is what those
			 * edits made. */
			skip_records(f, v[i].uid, v[i].rid, jf->saved_at);
			continue;
		}
		if (prepare_changed(f, p, &v[i], file, jf))
			left++;
	}
	strmap_free(&at);
	strlist_clear(&keys);
	free(keys.v);
	free(v);
	return left;
}

size_t
journal_remove_temporaries(const struct programme *p)
{
	/*
	 * What dais writes in the directory besides the programme files,
	 * under the lock (dais sync and dais schedule take it too, and the
	 * planner's sync runs after this). .dais-published, which exports write
	 * without it, has its own lock and cleaning (published.h).
	 */
	static const char *const own[] = {
	    JOURNAL_NAME,       "conference.ini", "venues.ini",
	    "participants.ini", "requests.ini",   SYNC_STATE_FILE,
	};
	size_t i, removed = 0;

	for (i = 0; i < sizeof own / sizeof own[0]; i++) {
		char *path = xasprintf("%s/%s", p->dir, own[i]);

		removed += atomicfile_remove_leftovers(path);
		free(path);
	}
	for (i = 0; i < p->conf.files.n; i++) {
		char *path = xasprintf("%s/%s", p->dir, p->conf.files.v[i]);

		removed += atomicfile_remove_leftovers(path);
		free(path);
	}
	/* A new session's own file, cut short before it was put in place,
	 * is in no list: its directory says. */
	{
		struct strlist owners = {0};

		sources_temporary_owners(p->dir, &p->conf, &owners);
		for (i = 0; i < owners.n; i++)
			removed += atomicfile_remove_leftovers(owners.v[i]);
		strlist_clear(&owners);
	}
	return removed;
}
