/*
 * save_analyse.c: programme files changed by somebody else since dais read
 * them: what differs, by session (save_analyse), whether the user's
 * changes can be written onto them (save_can_merge), and that merge
 * (save_merge).
 */
#include "dais/save.h"

#include <errno.h>
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "dais/atomicfile.h"
#include "dais/edit.h"
#include "dais/filehash.h"
#include "dais/fileread.h"
#include "dais/session_field.h"
#include "dais/sources.h"
#include "dais/strbuf.h"
#include "dais/xalloc.h"
#include "ics_internal.h"
#include "save_internal.h"

void
save_sesvec_add(struct sesvec *sv, const struct session *s)
{
	XGROW(sv->v, sv->n, sv->cap);
	sv->v[sv->n++] = s;
}

int
save_key_cmp(const struct session *a, const struct session *b)
{
	int c = strcmp(a->uid, b->uid);

	if (c != 0)
		return c;
	return a->recurrence_id < b->recurrence_id   ? -1
	       : a->recurrence_id > b->recurrence_id ? 1
	                                             : 0;
}

static int
sesvec_cmp(const void *a, const void *b)
{
	return save_key_cmp(*(const struct session *const *)a,
	                    *(const struct session *const *)b);
}

void
save_sesvec_sort(struct sesvec *sv)
{
	if (sv->n > 1)
		qsort(sv->v, sv->n, sizeof *sv->v, sesvec_cmp);
}

void
save_sesvecs_free(struct sesvec *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].v);
	free(v);
}

/* The diff groups of the session field table are save.h's bits. */
_Static_assert((int)SAVE_FIELD_TIME == (int)SESSION_GROUP_TIME &&
                   (int)SAVE_FIELD_TITLE == (int)SESSION_GROUP_TITLE &&
                   (int)SAVE_FIELD_ROOM == (int)SESSION_GROUP_ROOM &&
                   (int)SAVE_FIELD_STATUS == (int)SESSION_GROUP_STATUS &&
                   (int)SAVE_FIELD_PEOPLE == (int)SESSION_GROUP_PEOPLE &&
                   (int)SAVE_FIELD_OTHER == (int)SESSION_GROUP_OTHER,
               "SAVE_FIELD_* and SESSION_GROUP_* differ");

/*
 * What differs between two states of one session (SAVE_FIELD_*), by the
 * session field table: where it came from (source, line) is not content,
 * as a block moves when the one above it grows; NULL and "" are one text.
 * `sequence`: whether SEQUENCE counts.
 */
unsigned
save_session_fields(const struct session *a, const struct session *b,
                    bool sequence)
{
	return session_diff_groups(a, b, sequence);
}

/* Both absent, or both there with the same content (SEQUENCE aside). */
static bool
same_content(const struct session *a, const struct session *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return save_session_fields(a, b, false) == 0;
}

/* See save_internal.h. */
struct programme *
save_scratch_programme(const struct programme *p)
{
	struct programme *s = programme_new();

	s->dir = p->dir != NULL ? xstrdup(p->dir) : NULL;
	zone_free(&s->conf.zone); /* programme_new's UTC */
	s->conf = p->conf;
	s->conf.name = p->conf.name != NULL ? xstrdup(p->conf.name) : NULL;
	zone_copy(&s->conf.zone, &p->conf.zone);
	s->conf.days =
	    xreallocarray(NULL, p->conf.ndays + 1, sizeof *s->conf.days);
	if (p->conf.ndays > 0)
		memcpy(s->conf.days, p->conf.days,
		       p->conf.ndays * sizeof *s->conf.days);
	memset(&s->conf.kinds, 0, sizeof s->conf.kinds);
	memset(&s->conf.files, 0, sizeof s->conf.files);
	memset(&s->conf.file_sources, 0, sizeof s->conf.file_sources);
	strlist_copy(&s->conf.kinds, &p->conf.kinds);
	strlist_copy(&s->conf.files, &p->conf.files);
	strlist_copy(&s->conf.file_sources, &p->conf.file_sources);
	s->conf.new_sessions_file = p->conf.new_sessions_file != NULL
	                                ? xstrdup(p->conf.new_sessions_file)
	                                : NULL;
	s->conf.new_sessions_dir = p->conf.new_sessions_dir != NULL
	                               ? xstrdup(p->conf.new_sessions_dir)
	                               : NULL;
	return s;
}

/*
 * The sessions of file `index` as they are in `text`, parsed with the
 * loader into a scratch programme (returned; the caller frees it). *why
 * gets the first error when the file does not load cleanly; NULL back
 * when it is no calendar at all.
 */
struct programme *
save_parse_current(const struct programme *p, int index, const char *text,
                   size_t len, const char *path, char **why)
{
	struct programme *s = save_scratch_programme(p);
	struct diag_list diags = {0};
	bool ok = ics_load_buffer(s, index, text, len, path, &diags);
	size_t i;

	for (i = 0; i < diags.n && *why == NULL; i++)
		if (diags.v[i].level == DIAG_ERROR)
			*why = diag_format(&diags.v[i]);
	diag_clear(&diags);
	free(diags.v);
	if (!ok) {
		if (*why == NULL)
			*why = xasprintf("%s is no iCalendar file now", path);
		programme_free(s);
		return NULL;
	}
	return s;
}

/*
 * Reads `path` as it is now: 1 with *text (the caller frees it), 0 when
 * there is no such file, -1 when something that is not a file took its
 * place, -2 when dais may not look at it or read it (a permission): then
 * nobody can tell whether it changed. *why says which, naming the path.
 */
int
save_read_current(const char *path, char **text, size_t *len, char **why)
{
	struct stat st;
	char *cause = NULL;

	*text = NULL;
	if (stat(path, &st) != 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 0;
		*why = xasprintf("%s: cannot look at it: %s", path,
		                 strerror(errno));
		return -2;
	}
	if (!S_ISREG(st.st_mode)) {
		*why = xasprintf("%s is no longer a file (a directory or "
		                 "something else took its place)",
		                 path);
		return -1;
	}
	*text = save_read_whole(path, len, &cause);
	if (*text != NULL)
		return 1;
	*why = xasprintf("%s: %s", path, cause);
	free(cause);
	return -2;
}

/*
 * For each file, the sessions as last saved: unchanged ones as they are,
 * changed ones as the changeset's `saved`; made-and-unsaved ones are in
 * no file yet. The caller frees the array (save_sesvecs_free).
 */
static struct sesvec *
saved_by_file(const struct programme *p, const struct changeset *cs)
{
	size_t nfiles = p->conf.files.n, i, k;
	struct sesvec *v = xcalloc(nfiles + 1, sizeof *v);

	for (i = 0; i < p->nsessions; i++) {
		const struct session *s = &p->sessions[i];

		if (changeset_find(cs, s->uid, s->recurrence_id) == NULL)
			save_sesvec_add(&v[changeset_file_of(p, s)], s);
	}
	for (i = 0; i < cs->nfiles; i++)
		for (k = 0; k < cs->files[i].n; k++)
			if (cs->files[i].v[k].saved != NULL)
				save_sesvec_add(&v[i], cs->files[i].v[k].saved);
	for (i = 0; i < nfiles; i++)
		save_sesvec_sort(&v[i]);
	return v;
}

/* For each file, the sessions as the user has them now. */
struct sesvec *
save_current_by_file(const struct programme *p)
{
	size_t nfiles = p->conf.files.n, i;
	struct sesvec *v = xcalloc(nfiles + 1, sizeof *v);

	for (i = 0; i < p->nsessions; i++)
		save_sesvec_add(&v[changeset_file_of(p, &p->sessions[i])],
		                &p->sessions[i]);
	for (i = 0; i < nfiles; i++)
		save_sesvec_sort(&v[i]);
	return v;
}

/* The differences between the file as dais read it and as it is now. */
static void
diff_file(const struct changeset *cs, const struct sesvec *then,
          const struct sesvec *now, struct save_file_diff *fd)
{
	size_t i = 0, j = 0, cap = 0;

	while (i < then->n || j < now->n) {
		const struct session *a = i < then->n ? then->v[i] : NULL;
		const struct session *b = j < now->n ? now->v[j] : NULL;
		int c = a == NULL ? 1 : b == NULL ? -1 : save_key_cmp(a, b);
		const struct session *ref, *mine;
		const struct changeset_entry *e;
		struct save_session_diff d;

		memset(&d, 0, sizeof d);
		if (c == 0) {
			i++;
			j++;
			d.fields = save_session_fields(a, b, true);
			if (d.fields == 0)
				continue;
			d.kind = SAVE_DISK_MODIFIED;
			ref = a;
		} else if (c < 0) {
			i++;
			d.kind = SAVE_DISK_REMOVED;
			ref = a;
			b = NULL;
		} else {
			j++;
			d.kind = SAVE_DISK_ADDED;
			ref = b;
		}
		d.uid = xstrdup(ref->uid);
		d.recurrence_id = ref->recurrence_id;
		d.title = xstrdup(ref->title != NULL ? ref->title : ref->uid);
		d.start = ref->start;
		e = changeset_find(cs, ref->uid, ref->recurrence_id);
		d.yours = e != NULL;
		mine = e != NULL ? e->now : NULL;
		d.overlap = d.yours && !same_content(b, mine);
		if (d.overlap)
			fd->overlaps++;
		XGROW(fd->v, fd->n, cap);
		fd->v[fd->n++] = d;
	}
}

/*
 * Files another program added to a directory or glob entry since dais
 * read it (a session khal or vdirsyncer made): each a changed file whose
 * sessions are all added, index -1 (no file of p; a merge leaves it as
 * it is, a reload reads it).
 */
static void
appeared(const struct programme *p, const struct changeset *cs,
         struct save_analysis *out, size_t *cap)
{
	struct strlist names = {0};
	struct sesvec none = {0};
	size_t i, k;

	sources_appeared(p->dir, &p->conf, &names);
	for (i = 0; i < names.n; i++) {
		char *path = xasprintf("%s/%s", p->dir, names.v[i]);
		struct save_file_diff fd;
		struct programme *now = NULL;
		struct sesvec disk = {0};
		char *text = NULL;
		size_t len = 0;

		memset(&fd, 0, sizeof fd);
		if (save_read_current(path, &text, &len, &fd.why) != 1) {
			/* Gone again, or unreadable: nothing to say yet. */
			free(fd.why);
			free(path);
			continue;
		}
		fd.state = SAVE_FILE_CHANGED;
		fd.disk_hash = filehash_bytes(text, len);
		now = save_parse_current(p, -1, text, len, path, &fd.why);
		if (now == NULL)
			fd.state = SAVE_FILE_UNREADABLE;
		free(text);
		for (k = 0; now != NULL && k < now->nsessions; k++)
			save_sesvec_add(&disk, &now->sessions[k]);
		save_sesvec_sort(&disk);
		fd.index = -1;
		fd.name = xstrdup(names.v[i]);
		fd.path = path;
		diff_file(cs, &none, &disk, &fd);
		free(disk.v);
		programme_free(now);
		XGROW(out->files, out->n, *cap);
		out->files[out->n++] = fd;
	}
	strlist_clear(&names);
}

size_t
save_analyse(const struct editor *ed, struct save_analysis *out)
{
	const struct programme *p = editor_programme(ed);
	size_t nfiles = p->conf.files.n, i, cap = 0;
	struct changeset cs;
	struct sesvec *saved;

	memset(out, 0, sizeof *out);
	changeset_build(ed, &cs);
	saved = saved_by_file(p, &cs);
	for (i = 0; i < nfiles; i++) {
		char *path = xasprintf("%s/%s", p->dir, p->conf.files.v[i]);
		uint64_t was = p->file_hash != NULL ? p->file_hash[i] : 0;
		struct save_file_diff fd;
		struct programme *now = NULL;
		struct sesvec disk = {0};
		char *text = NULL;
		size_t len = 0, k;
		int got;

		memset(&fd, 0, sizeof fd);
		got = save_read_current(path, &text, &len, &fd.why);
		if (got == 1) {
			fd.disk_hash = filehash_bytes(text, len);
			if (p->file_hash == NULL || fd.disk_hash == was) {
				free(text);
				free(path);
				continue;
			}
			fd.state = SAVE_FILE_CHANGED;
			now = save_parse_current(p, (int)i, text, len, path,
			                         &fd.why);
			if (now == NULL)
				fd.state = SAVE_FILE_UNREADABLE;
			free(text);
		} else if (got == 0) {
			if (was == 0) {
				free(path);
				continue; /* never there: nothing to differ */
			}
			/* A file of its own in a directory (a vdir): another
			 * client removed its events, which a merge can take
			 * in as it takes in any file's. */
			fd.state =
			    sources_is_member(&p->conf, p->conf.files.v[i])
			        ? SAVE_FILE_CHANGED
			        : SAVE_FILE_DELETED;
		} else if (got == -2) {
			/* Not known to differ: the save itself will name the
			 * cause (a permission) and keep the edits. */
			free(fd.why);
			free(path);
			continue;
		} else {
			fd.state = SAVE_FILE_UNREADABLE;
		}
		if (fd.state != SAVE_FILE_CHANGED)
			fd.disk_hash = 0;
		for (k = 0; now != NULL && k < now->nsessions; k++)
			save_sesvec_add(&disk, &now->sessions[k]);
		save_sesvec_sort(&disk);
		fd.index = (int)i;
		fd.name = xstrdup(p->conf.files.v[i]);
		fd.path = path;
		fd.yours = cs.files[i].n > 0;
		fd.before_count = saved[i].n;
		diff_file(&cs, &saved[i], &disk, &fd);
		free(disk.v);
		programme_free(now);
		XGROW(out->files, out->n, cap);
		out->files[out->n++] = fd;
	}
	save_sesvecs_free(saved, nfiles);
	appeared(p, &cs, out, &cap);
	changeset_free(&cs);
	return out->n;
}

void
save_analysis_free(struct save_analysis *a)
{
	size_t i, j;

	for (i = 0; i < a->n; i++) {
		struct save_file_diff *fd = &a->files[i];

		for (j = 0; j < fd->n; j++) {
			free(fd->v[j].uid);
			free(fd->v[j].title);
		}
		free(fd->v);
		free(fd->name);
		free(fd->path);
		free(fd->why);
	}
	free(a->files);
	memset(a, 0, sizeof *a);
}

bool
save_can_merge(const struct save_analysis *a, char **why)
{
	size_t i, j;

	for (i = 0; i < a->n; i++) {
		const struct save_file_diff *fd = &a->files[i];
		const char *first = NULL;
		char *w = NULL;

		for (j = 0; j < fd->n && first == NULL; j++)
			if (fd->v[j].overlap)
				first = fd->v[j].title;
		if (fd->state == SAVE_FILE_DELETED)
			w = xasprintf("%s was deleted or moved since dais read "
			              "it: a merge cannot keep a file that is "
			              "gone; reload, or save your version as a "
			              "copy",
			              fd->name);
		else if (fd->state == SAVE_FILE_UNREADABLE)
			w = xasprintf("%s cannot be read now (%s): reload once "
			              "it is fixed, or save your version as a "
			              "copy",
			              fd->name, fd->why ? fd->why : "unknown");
		else if (fd->why != NULL)
			w = xasprintf(
			    "%s does not load as it is now (%s): "
			    "merging onto it would give a programme "
			    "dais cannot open; save your version as a "
			    "copy, or fix the file",
			    fd->name, fd->why);
		else if (first != NULL && fd->overlaps == 1)
			w = xasprintf(
			    "'%s' was changed both in dais and in %s: "
			    "a merge would lose one of the two; save "
			    "your version as a copy, or reload",
			    first, fd->name);
		else if (first != NULL)
			w = xasprintf(
			    "'%s' and %zu more sessions were changed "
			    "both in dais and in %s: a merge would "
			    "lose one side of each; save your version "
			    "as a copy, or reload",
			    first, fd->overlaps - 1, fd->name);
		if (w != NULL) {
			if (why != NULL)
				*why = w;
			else
				free(w);
			return false;
		}
	}
	return true;
}

static const struct save_file_diff *
analysis_file(const struct save_analysis *a, int index)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		if (a->files[i].index == index)
			return &a->files[i];
	return NULL;
}

bool
save_merge_recoverable(struct editor *ed, const struct save_analysis *a,
                       struct journal *j, struct diag_list *diags)
{
	const struct programme *p = editor_programme(ed);
	struct save_target *targets;
	struct changeset cs;
	char *why = NULL;
	size_t i;
	bool ok;

	if (!save_can_merge(a, &why)) {
		diag_add(diags, DIAG_ERROR, p->dir, 0, NULL,
		         "not merged: %s; your edits are still in dais", why);
		free(why);
		return false;
	}
	if (changeset_build(ed, &cs) == 0) {
		changeset_free(&cs);
		return true;
	}
	targets = xcalloc(cs.nfiles + 1, sizeof *targets);
	for (i = 0; i < cs.nfiles; i++) {
		const struct save_file_diff *fd = analysis_file(a, (int)i);

		/* A file that changed on disk is written onto the bytes the
		 * analysis saw, and keeps its old fingerprint: the programme
		 * in memory lacks the other side's changes until reloaded. */
		targets[i].expect = fd != NULL     ? fd->disk_hash
		                    : p->file_hash ? p->file_hash[i]
		                                   : 0;
		targets[i].again = fd != NULL;
		targets[i].record = fd == NULL;
	}
	ok = save_files(ed, &cs, targets, j, diags);
	free(targets);
	changeset_free(&cs);
	if (ok)
		editor_mark_saved(ed);
	return ok;
}

bool
save_merge(struct editor *ed, const struct save_analysis *a,
           struct diag_list *diags)
{
	return save_merge_recoverable(ed, a, NULL, diags);
}
