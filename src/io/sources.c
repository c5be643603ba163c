/*
 * sources.c: conference.ini's `files` entries into the files they name
 * now (sources.h): a file as written, a directory's *.ics, a glob's
 * matches; which files came from a directory or glob; which appeared.
 */
#include "dais/sources.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <glob.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "dais/strbuf.h"
#include "dais/strmap.h"
#include "dais/xalloc.h"

/* What dais writes beside a file it replaces (atomicfile.c). */
#define TEMPORARY_MARK ".dais-tmp-"

bool
sources_is_glob(const char *entry)
{
	return strpbrk(entry, "*?[") != NULL;
}

static bool
ends_in_ics(const char *name)
{
	size_t n = strlen(name);

	return n > 4 && strcasecmp(name + n - 4, ".ics") == 0;
}

/* The last component of a path. */
static const char *
base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash != NULL ? slash + 1 : path;
}

/* A name a directory or glob source leaves out: hidden (".vdirsyncer"
 * state, editors' swap files) or a temporary of dais. */
static bool
left_out(const char *name)
{
	const char *base = base_name(name);

	return base[0] == '.' || strstr(base, TEMPORARY_MARK) != NULL;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* `entry` without trailing slashes; the caller frees it. */
static char *
trimmed(const char *entry)
{
	size_t n = strlen(entry);

	while (n > 1 && entry[n - 1] == '/')
		n--;
	return xstrndup(entry, n);
}

static bool
is_directory(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* A directory's *.ics, sorted. */
static bool
expand_directory(const char *dir, const char *entry, struct strlist *out,
                 char **why)
{
	char *path = xasprintf("%s/%s", dir, entry);
	struct strlist names = {0};
	struct dirent *e;
	DIR *d = opendir(path);
	size_t i;

	if (d == NULL) {
		*why = xasprintf("files in [conference]: cannot read the "
		                 "directory %s: %s; make it readable, or name "
		                 "its files instead",
		                 path, strerror(errno));
		free(path);
		return false;
	}
	while ((e = readdir(d)) != NULL)
		if (!left_out(e->d_name) && ends_in_ics(e->d_name))
			strlist_add(&names, e->d_name);
	closedir(d);
	if (names.n > 1)
		qsort(names.v, names.n, sizeof *names.v, name_cmp);
	for (i = 0; i < names.n; i++) {
		char *name = xasprintf("%s/%s", entry, names.v[i]);

		strlist_add(out, name);
		free(name);
	}
	strlist_clear(&names);
	free(path);
	return true;
}

/* `s` with glob(3)'s special characters quoted by a backslash. */
static char *
glob_quoted(const char *s)
{
	struct strbuf b = {0};

	for (; *s != '\0'; s++) {
		if (strchr("*?[]\\", *s) != NULL)
			strbuf_addc(&b, '\\');
		strbuf_addc(&b, *s);
	}
	return strbuf_take(&b);
}

/* The part of a glob before its last '/' ("." when none). */
static char *
glob_directory(const char *entry)
{
	const char *slash = strrchr(entry, '/');

	return slash != NULL ? xstrndup(entry, (size_t)(slash - entry))
	                     : xstrdup(".");
}

static bool
expand_glob(const char *dir, const char *entry, struct strlist *out, char **why)
{
	char *quoted = glob_quoted(dir);
	char *pattern = xasprintf("%s/%s", quoted, entry);
	size_t skip = strlen(dir) + 1, i;
	glob_t g;
	int r;
	bool ok = true;

	memset(&g, 0, sizeof g);
	r = glob(pattern, GLOB_NOSORT, NULL, &g);
	free(pattern);
	free(quoted);
	if (r == GLOB_NOMATCH) {
		char *where = glob_directory(entry);
		char *path = xasprintf("%s/%s", dir, where);

		/* An empty vdir is a programme with no sessions yet. */
		if (sources_is_glob(where) || !is_directory(path)) {
			*why = xasprintf(
			    "files in [conference]: \"%s\" matches no file, "
			    "and %s is not a directory: check the name",
			    entry, path);
			ok = false;
		}
		free(where);
		free(path);
		globfree(&g);
		return ok;
	}
	if (r != 0) {
		*why =
		    xasprintf("files in [conference]: \"%s\" could not be "
		              "searched (%s): check that its directories "
		              "can be read",
		              entry,
		              r == GLOB_NOSPACE ? "out of memory"
		                                : "a directory cannot be read");
		globfree(&g);
		return false;
	}
	/* In byte order, so the load and its first complaint are the same
	 * on every machine and locale. */
	qsort(g.gl_pathv, g.gl_pathc, sizeof *g.gl_pathv, name_cmp);
	for (i = 0; i < g.gl_pathc && ok; i++) {
		const char *name = g.gl_pathv[i] + skip;

		if (left_out(name))
			continue;
		if (!ends_in_ics(name)) {
			*why = xasprintf(
			    "files in [conference]: \"%s\" matches %s/%s, "
			    "which is not a .ics file: end the pattern in "
			    ".ics, such as \"programme/*.ics\"",
			    entry, dir, name);
			ok = false;
			break;
		}
		strlist_add(out, name);
	}
	globfree(&g);
	return ok;
}

bool
sources_expand(const char *dir, const char *entry, struct strlist *out,
               char **why)
{
	char *e = trimmed(entry), *path;
	struct stat st;
	bool ok = true;

	if (sources_is_glob(e)) {
		ok = expand_glob(dir, e, out, why);
		free(e);
		return ok;
	}
	path = xasprintf("%s/%s", dir, e);
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		ok = expand_directory(dir, e, out, why);
	} else if (errno == ENOENT && !ends_in_ics(e)) {
		/* A missing .ics may be the new-sessions file, made by the
		 * first save; a missing name of anything else is a mistake. */
		*why = xasprintf("files in [conference]: %s does not exist: "
		                 "name a .ics file, a directory of them or a "
		                 "glob such as \"programme/*.ics\"",
		                 path);
		ok = false;
	} else {
		strlist_add(out, entry);
	}
	free(path);
	free(e);
	return ok;
}

char *
sources_new_sessions_dir(const char *dir, const char *entry, char **why)
{
	char *e = trimmed(entry), *where, *probe;
	bool matches;

	if (!sources_is_glob(e)) {
		char *path = xasprintf("%s/%s", dir, e);
		bool d = is_directory(path);

		free(path);
		if (d)
			return e;
		free(e);
		*why = NULL;
		return NULL;
	}
	where = glob_directory(e);
	probe = xasprintf("%s/a-session.ics", where);
	matches = !sources_is_glob(where) &&
	          fnmatch(e, probe, FNM_PATHNAME | FNM_PERIOD) == 0;
	free(probe);
	if (!matches) {
		*why =
		    xasprintf("new-sessions = \"%s\" in [conference]: a new "
		              "session's file, <uid>.ics, would not match "
		              "this glob, so it would not be read again: name "
		              "a directory, or a glob such as \"%s/*.ics\"",
		              e, where);
		free(where);
		where = NULL;
	}
	free(e);
	return where;
}

bool
sources_is_member(const struct conference *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->file_sources.n; i++) {
		char *e = trimmed(c->file_sources.v[i]);
		size_t n = strlen(e);
		bool member;

		if (sources_is_glob(e))
			member =
			    fnmatch(e, name, FNM_PATHNAME | FNM_PERIOD) == 0;
		else
			member = strncmp(name, e, n) == 0 && name[n] == '/' &&
			         strchr(name + n + 1, '/') == NULL;
		free(e);
		if (member)
			return true;
	}
	return false;
}

void
sources_appeared(const char *dir, const struct conference *c,
                 struct strlist *out)
{
	struct strlist now = {0};
	struct strmap known = {0};
	size_t i;

	for (i = 0; i < c->files.n; i++)
		strmap_add(&known, c->files.v[i], i);
	for (i = 0; i < c->file_sources.n; i++) {
		const char *e = c->file_sources.v[i];
		char *why = NULL;

		/* A plain file is no news; a directory that cannot be read
		 * now shows as its files' being gone. */
		if (!sources_is_glob(e)) {
			char *t = trimmed(e),
			     *path = xasprintf("%s/%s", dir, t);
			bool d = is_directory(path);

			free(t);
			free(path);
			if (!d)
				continue;
		}
		if (!sources_expand(dir, e, &now, &why))
			free(why);
	}
	for (i = 0; i < now.n; i++)
		if (!strmap_get(&known, now.v[i], NULL) &&
		    !strlist_has(out, now.v[i])) {
			strlist_add(out, now.v[i]);
			strmap_add(&known, out->v[out->n - 1], 0);
		}
	strmap_free(&known);
	strlist_clear(&now);
}

/* The directory a directory or glob entry reads (relative); NULL for a
 * file, or a glob with wildcards above its last '/'. */
static char *
entry_directory(const char *dir, const char *entry)
{
	char *e = trimmed(entry), *where, *path;
	bool d;

	if (sources_is_glob(e)) {
		where = glob_directory(e);
		free(e);
		if (sources_is_glob(where)) {
			free(where);
			return NULL;
		}
		return where;
	}
	path = xasprintf("%s/%s", dir, e);
	d = is_directory(path);
	free(path);
	if (d)
		return e;
	free(e);
	return NULL;
}

void
sources_temporary_owners(const char *dir, const struct conference *c,
                         struct strlist *out)
{
	size_t i;

	for (i = 0; i < c->file_sources.n; i++) {
		char *where = entry_directory(dir, c->file_sources.v[i]);
		char *path;
		struct dirent *e;
		DIR *d;

		if (where == NULL)
			continue;
		path = xasprintf("%s/%s", dir, where);
		if ((d = opendir(path)) != NULL) {
			while ((e = readdir(d)) != NULL) {
				const char *mark =
				    strstr(e->d_name, TEMPORARY_MARK);
				char *owner;

				if (mark == NULL || mark == e->d_name)
					continue;
				owner = xasprintf("%s/%.*s", path,
				                  (int)(mark - e->d_name),
				                  e->d_name);
				if (ends_in_ics(owner) &&
				    !strlist_has(out, owner))
					strlist_add(out, owner);
				free(owner);
			}
			closedir(d);
		}
		free(path);
		free(where);
	}
}
