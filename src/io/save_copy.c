/*
 * save_copy.c: the programme as the user sees it in dais written into a
 * new directory, the originals untouched (save_copy), and the name of
 * that directory (save_copy_default_dir).
 */
#include "dais/save.h"

#include <dirent.h>
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
#include "dais/iniwrite.h"
#include "dais/registry.h"
#include "dais/strbuf.h"
#include "dais/xalloc.h"
#include "ics_internal.h"
#include "save_internal.h"

/* Whether a relative name leaves its directory ("..", or absolute). */
static bool
name_escapes(const char *name)
{
	const char *s = name;

	if (*s == '/')
		return true;
	while (*s != '\0') {
		size_t n = strcspn(s, "/");

		if (n == 2 && s[0] == '.' && s[1] == '.')
			return true;
		s += n;
		while (*s == '/')
			s++;
	}
	return false;
}

/* Makes the directories of `name` (relative) under `to`. */
static bool
make_parents(const char *to, const char *name, mode_t mode, char **why)
{
	char *path = xasprintf("%s/%s", to, name);
	char *s = path + strlen(to) + 1;

	for (; (s = strchr(s, '/')) != NULL; s++) {
		*s = '\0';
		if (mkdir(path, mode) != 0 && errno != EEXIST) {
			*why = xasprintf("cannot make the directory %s: %s",
			                 path, strerror(errno));
			free(path);
			return false;
		}
		*s = '/';
	}
	free(path);
	return true;
}

/* `to` made, or there and empty; its mode is the programme's own. */
static bool
copy_dir_ready(const char *dir, const char *to, mode_t *mode, char **why)
{
	struct stat st;
	DIR *d;
	struct dirent *e;

	*mode = stat(dir, &st) == 0 ? (st.st_mode & 07777) | 0700 : 0755;
	if (mkdir(to, *mode) == 0)
		return true;
	if (errno != EEXIST) {
		*why = xasprintf("cannot make the directory %s: %s", to,
		                 strerror(errno));
		return false;
	}
	if ((d = opendir(to)) == NULL) {
		*why = xasprintf("%s exists and is not a directory dais can "
		                 "use (%s): choose another name",
		                 to, strerror(errno));
		return false;
	}
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			break;
	closedir(d);
	if (e != NULL) {
		*why = xasprintf("%s already exists and is not empty: choose "
		                 "another name, so nothing in it is "
		                 "overwritten",
		                 to);
		return false;
	}
	return true;
}

/* Copies dir/name to to/name as it is; a missing one is skipped. */
static bool
copy_plain(const char *dir, const char *to, const char *name, char **why)
{
	char *from = xasprintf("%s/%s", dir, name);
	char *dest = xasprintf("%s/%s", to, name);
	char *text;
	size_t len = 0;
	int got = save_read_current(from, &text, &len, why);
	bool ok = got >= 0;

	if (got == 1)
		ok = atomicfile_write(dest, text, len, why);
	free(text);
	free(from);
	free(dest);
	return ok;
}

/*
 * A registry dais writes (venues.ini, participants.ini), as the planner
 * shows it: the text dais read with the unsaved entries made on it
 * (registry_doc), not the file on disk, which lacks them and may hold
 * somebody else's change. A registry dais never read is copied as it is.
 */
static bool
copy_registry(const struct editor *ed, int file, const char *to, char **why)
{
	const struct programme *p = editor_programme(ed);
	struct ini_doc *doc;
	char *dest, *text;
	size_t len;
	bool ok;

	if (p->registry_text[file] == NULL && !registry_file_dirty(ed, file))
		return copy_plain(p->dir, to, registry_file(file), why);
	if ((doc = registry_doc(ed, file, why)) == NULL)
		return false;
	dest = xasprintf("%s/%s", to, registry_file(file));
	text = ini_doc_text(doc, &len);
	ok = atomicfile_write(dest, text, len, why);
	free(text);
	free(dest);
	ini_doc_free(doc);
	return ok;
}

/*
 * The changes that make a file's sessions (disk, sorted) what the user
 * has (mine, sorted): every session that differs is modified, made or
 * left out. The caller frees plan->v.
 */
static void
plan_to_mine(const struct sesvec *mine, const struct sesvec *disk,
             struct changeset_file *plan)
{
	size_t i = 0, j = 0;

	memset(plan, 0, sizeof *plan);
	while (i < mine->n || j < disk->n) {
		const struct session *a = i < mine->n ? mine->v[i] : NULL;
		const struct session *b = j < disk->n ? disk->v[j] : NULL;
		int c = a == NULL ? 1 : b == NULL ? -1 : save_key_cmp(a, b);
		struct changeset_entry ch;

		memset(&ch, 0, sizeof ch);
		ch.significant = true;
		if (c == 0) {
			i++;
			j++;
			if (save_session_fields(a, b, true) == 0)
				continue;
			ch.kind = EDIT_CHANGE_MODIFIED;
			ch.saved = b; /* the block on disk is b's */
			ch.now = a;
			ch.uid = a->uid;
			ch.recurrence_id = a->recurrence_id;
		} else if (c < 0) {
			i++;
			ch.kind = EDIT_CHANGE_CREATED;
			ch.now = a;
			ch.uid = a->uid;
			ch.recurrence_id = a->recurrence_id;
		} else {
			j++;
			ch.kind = EDIT_CHANGE_DELETED;
			ch.saved = b;
			ch.uid = b->uid;
			ch.recurrence_id = b->recurrence_id;
		}
		XGROW(plan->v, plan->n, plan->cap);
		plan->v[plan->n++] = ch;
	}
}

/* `text` (owned, freed here) with the plan applied, written to `dest`. */
static bool
splice_to(const struct programme *p, const struct changeset_file *plan,
          char *text, size_t len, const char *dest, char **why)
{
	struct strbuf bytes = {0};
	bool ok = save_splice_text(p, plan, text, len, &bytes, why) &&
	          atomicfile_write(dest, bytes.v, bytes.n, why);

	strbuf_free(&bytes);
	return ok;
}

/* One .ics file of the copy (see save_copy). */
static bool
copy_ics(const struct editor *ed, int index, const struct changeset_file *plan,
         const struct sesvec *mine, const char *to, struct diag_list *diags)
{
	const struct programme *p = editor_programme(ed);
	const char *name = p->conf.files.v[index];
	char *from = xasprintf("%s/%s", p->dir, name);
	char *dest = xasprintf("%s/%s", to, name);
	uint64_t was = p->file_hash != NULL ? p->file_hash[index] : 0;
	char *text = NULL, *why = NULL;
	size_t len = 0;
	int got = save_read_current(from, &text, &len, &why);
	bool ok;

	if ((got == 1 &&
	     (p->file_hash == NULL || filehash_bytes(text, len) == was)) ||
	    (got == 0 && was == 0)) {
		/* As dais read it: what a save would write. */
		if (got == 0 && plan->n == 0)
			ok = true; /* never there, and nothing for it */
		else if (plan->n == 0)
			ok = atomicfile_write(dest, text, len, &why);
		else {
			ok = splice_to(p, plan, text, len, dest, &why);
			text = NULL; /* splice_to freed it */
		}
	} else {
		struct programme *now = NULL;
		struct sesvec disk = {0};
		struct changeset_file mplan;
		size_t k;

		free(why);
		why = NULL;
		if (got == 1)
			now =
			    save_parse_current(p, index, text, len, from, &why);
		if (now == NULL) {
			char *cause =
			    got == 0
			        ? xasprintf("%s was deleted or moved", from)
			    : got == 1
			        ? xasprintf("%s is no calendar now", from)
			        : xstrdup(why ? why : from);

			diag_add(
			    diags, DIAG_WARNING, dest, 0, NULL,
			    "%s, so the copy's %s is written from what dais "
			    "holds: what dais does not read of its sessions "
			    "(alarms, other programs' properties) is not in "
			    "it",
			    cause, name);
			free(cause);
			free(text);
			text = NULL;
		}
		free(why);
		why = NULL;
		for (k = 0; now != NULL && k < now->nsessions; k++)
			save_sesvec_add(&disk, &now->sessions[k]);
		save_sesvec_sort(&disk);
		plan_to_mine(mine, &disk, &mplan);
		if (text == NULL && mplan.n == 0)
			ok = true; /* nothing of it to keep */
		else
			ok = splice_to(p, &mplan, text, len, dest, &why);
		text = NULL;
		free(mplan.v);
		free(disk.v);
		programme_free(now);
	}
	if (!ok)
		diag_add(diags, DIAG_ERROR, dest, 0, NULL,
		         "%s; the copy in %s is incomplete (the originals are "
		         "untouched): fix the cause or choose another "
		         "directory",
		         why ? why : "could not write the copy", to);
	free(why);
	free(text);
	free(from);
	free(dest);
	return ok;
}

bool
save_copy(const struct editor *ed, const char *to, struct diag_list *diags)
{
	/* What the planner does not edit: copied as it is. */
	static const char *const plain[] = {"conference.ini", "requests.ini"};
	const struct programme *p = editor_programme(ed);
	size_t nfiles = p->conf.files.n, i;
	struct changeset cs;
	struct sesvec *mine;
	char *why = NULL;
	mode_t mode;
	bool ok = true;

	for (i = 0; i < nfiles; i++)
		if (name_escapes(p->conf.files.v[i])) {
			diag_add(diags, DIAG_ERROR, p->dir, 0, NULL,
			         "no copy made: the programme file %s lies "
			         "outside the programme directory; name it "
			         "inside it in conference.ini",
			         p->conf.files.v[i]);
			return false;
		}
	if (!copy_dir_ready(p->dir, to, &mode, &why)) {
		diag_add(diags, DIAG_ERROR, to, 0, NULL, "no copy made: %s",
		         why);
		free(why);
		return false;
	}
	for (i = 0; i < sizeof plain / sizeof plain[0] + REGISTRY_NFILES; i++) {
		size_t nplain = sizeof plain / sizeof plain[0];
		bool copied =
		    i < nplain ? copy_plain(p->dir, to, plain[i], &why)
		               : copy_registry(ed, (int)(i - nplain), to, &why);

		if (!copied) {
			diag_add(diags, DIAG_ERROR, to, 0, NULL,
			         "%s; the copy in %s is incomplete (the "
			         "originals are untouched)",
			         why, to);
			free(why);
			why = NULL;
			ok = false;
		}
	}
	changeset_build(ed, &cs);
	mine = save_current_by_file(p);
	for (i = 0; i < nfiles; i++) {
		if (!make_parents(to, p->conf.files.v[i], mode, &why)) {
			diag_add(diags, DIAG_ERROR, to, 0, NULL,
			         "%s; the copy in %s is incomplete", why, to);
			free(why);
			why = NULL;
			ok = false;
			continue;
		}
		if (!copy_ics(ed, (int)i, &cs.files[i], &mine[i], to, diags))
			ok = false;
	}
	save_sesvecs_free(mine, nfiles);
	changeset_free(&cs);
	return ok;
}

char *
save_copy_default_dir(const char *dir, time_t now)
{
	char stamp[32], *base, *last, *out;
	size_t n = strlen(dir);
	struct tm tm;
	struct stat st;
	int k;

	while (n > 1 && dir[n - 1] == '/')
		n--;
	base = xstrndup(dir, n);
	last = strrchr(base, '/');
	last = last != NULL ? last + 1 : base;
	/* "." or ".." would give "./-mine-..": name the real directory. */
	if (strcmp(last, ".") == 0 || strcmp(last, "..") == 0 ||
	    strcmp(base, "/") == 0) {
		char *real = realpath(dir, NULL);

		if (real != NULL) {
			free(base);
			base = real;
		}
	}
	localtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%dT%H%M", &tm);
	out = xasprintf("%s-mine-%s", base, stamp);
	for (k = 2; stat(out, &st) == 0; k++) {
		free(out);
		out = xasprintf("%s-mine-%s-%d", base, stamp, k);
	}
	free(base);
	return out;
}
