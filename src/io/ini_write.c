/*
 * ini_write.c: the registries written without loss (iniwrite.h). A file
 * is kept as its physical lines; each change is a splice of the lines of
 * one key or section, found by a scan that follows iniparser 4.1's own
 * reading rules (continuation lines, comments, [sections], the first '='),
 * so what iniparser reads from the result is what was asked for.
 *
 * One file, though long, because it is one job: a document of lines that
 * is read, changed, compared with the disk and written. The comparison
 * and the merge (ini_doc_disk_differences, ini_doc_merge) replay the
 * change log through the same private splices (do_set, do_add_section,
 * do_remove_section) and scan (doc_scan) that the edits use; cut apart,
 * those and struct ini_doc would become a private interface of a dozen
 * functions that only this code calls.
 */
#include "dais/iniwrite.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dais/atomicfile.h"
#include "dais/filehash.h"
#include "dais/fileread.h"
#include "dais/trim.h"
#include "dais/xalloc.h"

/* iniparser reads lines into 1 024 bytes with the newline and its NUL
 * (registry_ini.c refuses longer ones too). */
#define INI_WRITE_LINE_MAX 1022

enum ent_kind { ENT_BLANK, ENT_COMMENT, ENT_SECTION, ENT_KEY, ENT_OTHER };

/* One logical line: physical lines first..last joined by '\' endings. */
struct ent {
	enum ent_kind kind;
	size_t first, last;
	char *name;    /* ENT_SECTION: the section; ENT_KEY: the key (folded) */
	char *section; /* ENT_KEY: its section, folded (NULL before any) */
};

enum log_op { LOG_SET, LOG_ADD_SECTION, LOG_REMOVE_SECTION };

/* One change, as it was asked for. */
struct logged {
	enum log_op op;
	char *section, *key, *value, *after; /* value NULL: key removed */
};

struct ini_doc {
	char *path;
	char **lines; /* without their '\n'; a '\r' before it is kept */
	size_t nlines, caplines;
	bool final_newline; /* the text ended with '\n' */
	bool crlf;          /* new lines end with "\r\n" */
	uint64_t fingerprint, expect;
	bool changed;
	/* The text as read (or last saved), and the changes made to it since,
	 * so that they can be made again on the file as it is now when
	 * somebody else changed it meanwhile (ini_doc_merge). */
	char *base;
	size_t baselen;
	struct logged *log;
	size_t nlog, caplog;
	/* The scan of lines, rebuilt after each change. */
	struct ent *ents;
	size_t nents, capents;
	bool scanned;
};

/* [s, s+n) folded to lower case as iniparser folds names (ASCII). */
static char *
fold(const char *s, size_t n)
{
	char *out = xstrndup(s, n), *p;

	for (p = out; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return out;
}

/* ---- Lines ------------------------------------------------------------- */

static void
doc_split(struct ini_doc *d, const char *text, size_t len)
{
	size_t i = 0;

	d->final_newline = len > 0 && text[len - 1] == '\n';
	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl != NULL ? (size_t)(nl - text) : len;

		XGROW(d->lines, d->nlines, d->caplines);
		d->lines[d->nlines++] = xstrndup(text + i, end - i);
		if (d->nlines == 1)
			d->crlf = end > i && text[end - 1] == '\r';
		i = end + 1;
	}
}

static void
lines_insert(struct ini_doc *d, size_t at, char *line)
{
	/* A line added at the end ends the file with a new line. */
	if (at == d->nlines)
		d->final_newline = true;
	XGROW(d->lines, d->nlines, d->caplines);
	memmove(d->lines + at + 1, d->lines + at,
	        (d->nlines - at) * sizeof *d->lines);
	d->lines[at] = line;
	d->nlines++;
	d->scanned = false;
	d->changed = true;
}

static void
lines_delete(struct ini_doc *d, size_t first, size_t last)
{
	size_t i;

	for (i = first; i <= last; i++)
		free(d->lines[i]);
	memmove(d->lines + first, d->lines + last + 1,
	        (d->nlines - last - 1) * sizeof *d->lines);
	d->nlines -= last - first + 1;
	d->scanned = false;
	d->changed = true;
}

/* A new line's text with the file's line ending ('\r' kept in lines). */
static char *
new_line(const struct ini_doc *d, const char *text)
{
	return d->crlf ? xasprintf("%s\r", text) : xstrdup(text);
}

/* ---- The scan ---------------------------------------------------------- */

/* Whether physical line i continues on the next: iniparser strips the
 * trailing blanks, then a final '\' joins the next line to it. */
static bool
continues(const struct ini_doc *d, size_t i)
{
	size_t n = strlen(d->lines[i]);

	while (n > 0 && trim_is_blank((unsigned char)d->lines[i][n - 1]))
		n--;
	return n > 0 && d->lines[i][n - 1] == '\\';
}

/* The logical line first..last as iniparser joins it (a new string). */
static char *
logical_text(const struct ini_doc *d, size_t first, size_t last)
{
	size_t i;
	char *out = xstrdup("");

	for (i = first; i <= last; i++) {
		size_t n = strlen(d->lines[i]);
		char *more;

		while (n > 0 &&
		       trim_is_blank((unsigned char)d->lines[i][n - 1]))
			n--;
		if (i < last && n > 0)
			n--; /* the '\' */
		more = xasprintf("%s%.*s", out, (int)n, d->lines[i]);
		free(out);
		out = more;
	}
	return out;
}

static void
ents_clear(struct ini_doc *d)
{
	size_t i;

	for (i = 0; i < d->nents; i++) {
		free(d->ents[i].name);
		free(d->ents[i].section);
	}
	d->nents = 0;
}

static void
doc_scan(struct ini_doc *d)
{
	const char *section = NULL;
	size_t i = 0;

	if (d->scanned)
		return;
	ents_clear(d);
	while (i < d->nlines) {
		struct ent e = {ENT_OTHER, i, i, NULL, NULL};
		char *text;
		const char *s;
		size_t n;

		while (e.last + 1 < d->nlines && continues(d, e.last))
			e.last++;
		text = logical_text(d, e.first, e.last);
		n = strlen(text);
		s = trim_blanks(text, &n);
		if (n == 0) {
			e.kind = ENT_BLANK;
		} else if (s[0] == '#' || s[0] == ';') {
			e.kind = ENT_COMMENT;
		} else if (s[0] == '[' && s[n - 1] == ']') {
			size_t k = strcspn(s + 1, "]");
			const char *name = trim_blanks(s + 1, &k);

			e.kind = ENT_SECTION;
			e.name = fold(name, k);
			section = e.name;
		} else if (memchr(s, '=', n) != NULL) {
			size_t k =
			    (size_t)((const char *)memchr(s, '=', n) - s);
			const char *key = trim_blanks(s, &k);

			e.kind = ENT_KEY;
			e.name = fold(key, k);
			e.section = section != NULL ? xstrdup(section) : NULL;
		}
		free(text);
		XGROW(d->ents, d->nents, d->capents);
		d->ents[d->nents++] = e;
		i = e.last + 1;
	}
	d->scanned = true;
}

static bool
same(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

/* The index of the header of the last occurrence of [section], or -1. */
static long
find_section(struct ini_doc *d, const char *section)
{
	long found = -1;
	size_t i;

	doc_scan(d);
	for (i = 0; i < d->nents; i++)
		if (d->ents[i].kind == ENT_SECTION &&
		    same(d->ents[i].name, section))
			found = (long)i;
	return found;
}

/* The last entry of key in section (iniparser keeps that one), or -1. */
static long
find_key(struct ini_doc *d, const char *section, const char *key)
{
	long found = -1;
	size_t i;

	doc_scan(d);
	for (i = 0; i < d->nents; i++)
		if (d->ents[i].kind == ENT_KEY &&
		    same(d->ents[i].section, section) &&
		    same(d->ents[i].name, key))
			found = (long)i;
	return found;
}

/* The last physical line of a section's occurrence starting at entry
 * `header`: its last key, or the header when it has none. */
static size_t
section_end(const struct ini_doc *d, size_t header)
{
	size_t i, end = d->ents[header].last;

	for (i = header + 1; i < d->nents; i++) {
		if (d->ents[i].kind == ENT_SECTION)
			break;
		if (d->ents[i].kind == ENT_KEY || d->ents[i].kind == ENT_OTHER)
			end = d->ents[i].last;
	}
	return end;
}

/* ---- Values ------------------------------------------------------------ */

/* Where the value of a one-line "key = value" lies in line: [*vs, *ve);
 * what follows (a comment, blanks) is kept on rewriting. */
static void
value_span(const char *line, size_t *vs, size_t *ve)
{
	const char *eq = strchr(line, '='), *v, *close;
	size_t n;

	v = eq + 1;
	while (*v == ' ' || *v == '\t')
		v++;
	*vs = (size_t)(v - line);
	if ((*v == '"' || *v == '\'') && (close = strchr(v + 1, *v)) != NULL &&
	    close > v + 1) {
		*ve = (size_t)(close + 1 - line);
		return;
	}
	n = strcspn(v, ";#");
	trim_blanks(v, &n);
	*ve = *vs + n;
}

/* The value iniparser reads from a logical "key = value" line. */
static char *
parse_value(const char *logical)
{
	const char *v = strchr(logical, '='), *close;
	size_t n;

	v++;
	while (trim_is_blank((unsigned char)*v))
		v++;
	if ((*v == '"' || *v == '\'') && (close = strchr(v + 1, *v)) != NULL &&
	    close > v + 1)
		return xstrndup(v + 1, (size_t)(close - v - 1));
	n = strcspn(v, ";#");
	v = trim_blanks(v, &n);
	if (n == 2 && (memcmp(v, "\"\"", 2) == 0 || memcmp(v, "''", 2) == 0))
		n = 0;
	return xstrndup(v, n);
}

static bool
is_integer(const char *v)
{
	if (*v == '-')
		v++;
	if (*v == '\0')
		return false;
	for (; *v != '\0'; v++)
		if (*v < '0' || *v > '9')
			return false;
	return true;
}

/* Whether v reads back the same without quotes. */
static bool
plain_ok(const char *v)
{
	size_t n = strlen(v);

	return n > 0 && !trim_is_blank((unsigned char)v[0]) &&
	       !trim_is_blank((unsigned char)v[n - 1]) && v[0] != '"' &&
	       v[0] != '\'' && v[n - 1] != '\\' && strpbrk(v, ";#") == NULL;
}

/* Whether value can be written at all. */
static bool
value_ok(const char *value, char **why)
{
	if (strpbrk(value, "\r\n") != NULL) {
		*why = xstrdup("a value cannot hold a line break in an INI "
		               "file: write it on one line");
		return false;
	}
	if (strchr(value, '"') != NULL && strchr(value, '\'') != NULL) {
		*why = xstrdup("a value cannot hold both \" and ' in an INI "
		               "file (iniparser has no escapes): drop one "
		               "kind of quote");
		return false;
	}
	return true;
}

/* value in quote character q, or plain when q is 0. */
static char *
quote_with(const char *value, char q)
{
	if (q == 0)
		return xstrdup(value);
	return xasprintf("%c%s%c", q, value, q);
}

char *
ini_quote(const char *value, char **why)
{
	if (!value_ok(value, why))
		return NULL;
	if (is_integer(value))
		return xstrdup(value);
	return quote_with(value, strchr(value, '"') != NULL ? '\'' : '"');
}

/* value written in the style of the old one (plain, "…" or '…') when
 * that style holds it; else as ini_quote writes it. */
static char *
quote_like(const char *old, const char *value, char **why)
{
	if (!value_ok(value, why))
		return NULL;
	if (old[0] == '"' || old[0] == '\'') {
		if (value[0] != '\0' && strchr(value, old[0]) == NULL)
			return quote_with(value, old[0]);
	} else if (old[0] != '\0' && plain_ok(value)) {
		return xstrdup(value);
	}
	return ini_quote(value, why);
}

static bool
name_ok(const char *name)
{
	const char *p;

	if (*name == '\0')
		return false;
	for (p = name; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' ||
		      *p == '.'))
			return false;
	return true;
}

static bool
names_ok(const char *section, const char *key, char **why)
{
	if (!name_ok(section)) {
		*why = xasprintf("[%s] is not a section name dais can write: "
		                 "use letters, digits, '-', '_' and '.'",
		                 section);
		return false;
	}
	if (key != NULL && !name_ok(key)) {
		*why = xasprintf("%s is not a key name dais can write: use "
		                 "letters, digits, '-', '_' and '.'",
		                 key);
		return false;
	}
	return true;
}

static bool
length_ok(const char *line, const char *key, char **why)
{
	size_t n = strlen(line);

	if (n > 0 && line[n - 1] == '\r')
		n--;
	if (n <= INI_WRITE_LINE_MAX)
		return true;
	*why = xasprintf("the value of %s would make a line of %zu bytes; "
	                 "iniparser reads at most %d: shorten it",
	                 key, n, INI_WRITE_LINE_MAX);
	return false;
}

/* ---- The document ------------------------------------------------------ */

static void
log_clear(struct ini_doc *d)
{
	size_t i;

	for (i = 0; i < d->nlog; i++) {
		free(d->log[i].section);
		free(d->log[i].key);
		free(d->log[i].value);
		free(d->log[i].after);
	}
	d->nlog = 0;
}

static void
log_add(struct ini_doc *d, enum log_op op, const char *section, const char *key,
        const char *value, const char *after)
{
	struct logged *l;

	XGROW(d->log, d->nlog, d->caplog);
	l = &d->log[d->nlog++];
	l->op = op;
	l->section = xstrdup(section);
	l->key = key != NULL ? xstrdup(key) : NULL;
	l->value = value != NULL ? xstrdup(value) : NULL;
	l->after = after != NULL ? xstrdup(after) : NULL;
}

struct ini_doc *
ini_doc_from_text(const char *path, const char *text, size_t len)
{
	struct ini_doc *d = xcalloc(1, sizeof *d);

	d->path = xstrdup(path);
	doc_split(d, text, len);
	d->fingerprint = d->expect = filehash_bytes(text, len);
	d->base = xstrndup(text, len);
	d->baselen = len;
	return d;
}

struct ini_doc *
ini_doc_load(const char *path, char **why)
{
	struct ini_doc *d;
	char *text, *cause = NULL;
	size_t len;

	text = fileread_all(path, 0, &len, &cause);
	if (text == NULL && errno == ENOENT) {
		free(cause);
		d = ini_doc_from_text(path, "", 0);
		d->fingerprint = d->expect = 0;
		return d;
	}
	if (text == NULL) {
		*why = xasprintf("%s: cannot read the file: %s", path, cause);
		free(cause);
		return NULL;
	}
	d = ini_doc_from_text(path, text, len);
	free(text);
	return d;
}

void
ini_doc_free(struct ini_doc *d)
{
	size_t i;

	if (d == NULL)
		return;
	for (i = 0; i < d->nlines; i++)
		free(d->lines[i]);
	free(d->lines);
	ents_clear(d);
	free(d->ents);
	log_clear(d);
	free(d->log);
	free(d->base);
	free(d->path);
	free(d);
}

uint64_t
ini_doc_fingerprint(const struct ini_doc *d)
{
	return d->fingerprint;
}

void
ini_doc_expect(struct ini_doc *d, uint64_t fingerprint)
{
	d->expect = fingerprint;
}

bool
ini_doc_changed(const struct ini_doc *d)
{
	return d->changed;
}

bool
ini_doc_has_section(const struct ini_doc *d, const char *section)
{
	char *name = fold(section, strlen(section));
	bool has = find_section((struct ini_doc *)d, name) >= 0;

	free(name);
	return has;
}

void
ini_doc_sections(const struct ini_doc *d, struct strlist *out)
{
	struct ini_doc *dd = (struct ini_doc *)d; /* the scan is a cache */
	size_t i;

	doc_scan(dd);
	for (i = 0; i < d->nents; i++)
		if (d->ents[i].kind == ENT_SECTION &&
		    !strlist_has(out, d->ents[i].name))
			strlist_add(out, d->ents[i].name);
}

const char *
ini_doc_section_at(const struct ini_doc *d, int line)
{
	struct ini_doc *dd = (struct ini_doc *)d;
	const char *section = NULL;
	size_t i;

	doc_scan(dd);
	for (i = 0; i < d->nents && line >= 1; i++) {
		if (d->ents[i].kind == ENT_SECTION)
			section = d->ents[i].name;
		if ((size_t)line - 1 >= d->ents[i].first &&
		    (size_t)line - 1 <= d->ents[i].last)
			return section;
	}
	return NULL;
}

char *
ini_doc_get(const struct ini_doc *d, const char *section, const char *key)
{
	struct ini_doc *dd = (struct ini_doc *)d; /* the scan is a cache */
	char *sec = fold(section, strlen(section)), *k = fold(key, strlen(key));
	long e = find_key(dd, sec, k);
	char *text, *value = NULL;

	if (e >= 0) {
		text = logical_text(d, d->ents[e].first, d->ents[e].last);
		value = parse_value(text);
		free(text);
	}
	free(sec);
	free(k);
	return value;
}

static bool
do_add_section(struct ini_doc *d, const char *section, const char *after,
               char **why)
{
	char *name, *header;
	long anchor = -1;
	size_t at, i;
	const char *dot;

	if (!names_ok(section, NULL, why))
		return false;
	name = fold(section, strlen(section));
	if (find_section(d, name) >= 0) {
		free(name);
		return true;
	}
	if (after != NULL) {
		char *a = fold(after, strlen(after));

		anchor = find_section(d, a);
		free(a);
	}
	dot = strchr(name, '.');
	if (anchor < 0 && dot != NULL) {
		size_t plen = (size_t)(dot - name) + 1;

		for (i = 0; i < d->nents; i++)
			if (d->ents[i].kind == ENT_SECTION &&
			    strncmp(d->ents[i].name, name, plen) == 0)
				anchor = (long)i;
	}
	if (anchor >= 0) {
		at = section_end(d, (size_t)anchor) + 1;
	} else {
		at = d->nlines;
		/* Past the trailing blank lines, so the file keeps its end. */
		while (at > 0 &&
		       d->lines[at - 1][strspn(d->lines[at - 1], " \t\r")] ==
		           '\0')
			at--;
	}
	header = xasprintf("[%s]", section);
	lines_insert(d, at, new_line(d, header));
	if (at > 0)
		lines_insert(d, at, new_line(d, ""));
	free(header);
	free(name);
	return true;
}

/* Rewrites the key entry e to hold value (in place, one line). */
static bool
rewrite_key(struct ini_doc *d, size_t e, const char *key, const char *value,
            char **why)
{
	const struct ent *ent = &d->ents[e];
	char *line, *quoted, *old;
	size_t vs, ve;

	if (ent->first == ent->last) {
		const char *l = d->lines[ent->first];

		value_span(l, &vs, &ve);
		old = xstrndup(l + vs, ve - vs);
		quoted = quote_like(old, value, why);
		free(old);
		if (quoted == NULL)
			return false;
		line = xasprintf("%.*s%s%s", (int)vs, l, quoted, l + ve);
	} else {
		/* A value continued over lines becomes one line. */
		const char *l = d->lines[ent->first];
		size_t eq = (size_t)(strchr(l, '=') - l) + 1;

		quoted = ini_quote(value, why);
		if (quoted == NULL)
			return false;
		line = xasprintf("%.*s %s%s", (int)eq, l, quoted,
		                 d->crlf ? "\r" : "");
	}
	free(quoted);
	if (!length_ok(line, key, why)) {
		free(line);
		return false;
	}
	if (strcmp(line, d->lines[ent->first]) == 0 &&
	    ent->first == ent->last) {
		free(line); /* the same bytes: nothing changes */
		return true;
	}
	if (ent->last > ent->first)
		lines_delete(d, ent->first + 1, ent->last);
	free(d->lines[ent->first]);
	d->lines[ent->first] = line;
	d->scanned = false;
	d->changed = true;
	return true;
}

static bool
do_set(struct ini_doc *d, const char *section, const char *key,
       const char *value, char **why)
{
	char *sec, *k, *quoted, *text, *line;
	long e, h;
	bool ok = false;

	if (!names_ok(section, key, why))
		return false;
	sec = fold(section, strlen(section));
	k = fold(key, strlen(key));
	e = find_key(d, sec, k);
	if (value == NULL) {
		while (e >= 0) {
			lines_delete(d, d->ents[e].first, d->ents[e].last);
			e = find_key(d, sec, k);
		}
		ok = true;
		goto done;
	}
	if (e >= 0) {
		ok = rewrite_key(d, (size_t)e, key, value, why);
		goto done;
	}
	quoted = ini_quote(value, why);
	if (quoted == NULL)
		goto done;
	text = xasprintf("%s = %s", key, quoted);
	free(quoted);
	line = new_line(d, text);
	free(text);
	if (!length_ok(line, key, why)) {
		free(line);
		goto done;
	}
	if (find_section(d, sec) < 0 &&
	    !do_add_section(d, section, NULL, why)) {
		free(line);
		goto done;
	}
	h = find_section(d, sec);
	lines_insert(d, section_end(d, (size_t)h) + 1, line);
	ok = true;
done:
	free(sec);
	free(k);
	return ok;
}

static bool
do_remove_section(struct ini_doc *d, const char *section)
{
	char *name = fold(section, strlen(section));
	long h = find_section(d, name);
	bool any = h >= 0;

	while (h >= 0) {
		size_t first = d->ents[h].first,
		       last = section_end(d, (size_t)h);
		long c = h - 1;

		while (c >= 0 && d->ents[c].kind == ENT_COMMENT)
			first = d->ents[c--].first;
		/* One blank line goes with it, so no two are left together. */
		if (first > 0 && c >= 0 && d->ents[c].kind == ENT_BLANK &&
		    (last + 1 >= d->nlines ||
		     d->lines[last + 1][strspn(d->lines[last + 1], " \t\r")] ==
		         '\0'))
			first = d->ents[c].first;
		lines_delete(d, first, last);
		h = find_section(d, name);
	}
	free(name);
	return any;
}

bool
ini_doc_add_section(struct ini_doc *d, const char *section, const char *after,
                    char **why)
{
	bool had = ini_doc_has_section(d, section);

	if (!do_add_section(d, section, after, why))
		return false;
	if (!had)
		log_add(d, LOG_ADD_SECTION, section, NULL, NULL, after);
	return true;
}

bool
ini_doc_set(struct ini_doc *d, const char *section, const char *key,
            const char *value, char **why)
{
	bool had = ini_doc_has_section(d, section);

	if (!do_set(d, section, key, value, why))
		return false;
	if (!had && value != NULL)
		log_add(d, LOG_ADD_SECTION, section, NULL, NULL, NULL);
	log_add(d, LOG_SET, section, key, value, NULL);
	return true;
}

bool
ini_doc_remove_section(struct ini_doc *d, const char *section)
{
	if (!do_remove_section(d, section))
		return false;
	log_add(d, LOG_REMOVE_SECTION, section, NULL, NULL, NULL);
	return true;
}

/* Every "section\nkey" of doc, and the value iniparser reads for it. */
static void
doc_pairs(struct ini_doc *d, struct strlist *keys, struct strlist *values)
{
	size_t i;

	doc_scan(d);
	for (i = 0; i < d->nents; i++) {
		const struct ent *e = &d->ents[i];
		char *k, *text, *v;

		if (e->kind != ENT_KEY || e->section == NULL)
			continue;
		k = xasprintf("%s\n%s", e->section, e->name);
		text = logical_text(d, e->first, e->last);
		v = parse_value(text);
		free(text);
		/* The last occurrence wins, as in iniparser. */
		if (strlist_has(keys, k)) {
			size_t j;

			for (j = 0; strcmp(keys->v[j], k) != 0; j++)
				;
			free(values->v[j]);
			values->v[j] = v;
		} else {
			strlist_add(keys, k);
			strlist_add(values, v);
			free(v);
		}
		free(k);
	}
}

static const char *
pair_value(const struct strlist *keys, const struct strlist *values,
           const char *k)
{
	size_t i;

	for (i = 0; i < keys->n; i++)
		if (strcmp(keys->v[i], k) == 0)
			return values->v[i];
	return NULL;
}

static bool
same_opt(const char *a, const char *b)
{
	return (a == NULL && b == NULL) ||
	       (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* Adds "[section] key" to out for each key whose value differs between
 * a and b (present in one only included); sections without keys count
 * as their header ("[section]"). */
static void
diff_docs(struct ini_doc *a, struct ini_doc *b, struct strlist *out)
{
	struct strlist ka = {0}, va = {0}, kb = {0}, vb = {0}, sa = {0},
	               sb = {0};
	size_t i;
	int pass;

	doc_pairs(a, &ka, &va);
	doc_pairs(b, &kb, &vb);
	for (pass = 0; pass < 2; pass++) {
		const struct strlist *k1 = pass == 0 ? &ka : &kb;

		for (i = 0; i < k1->n; i++) {
			const char *k = k1->v[i], *nl = strchr(k, '\n');
			char *name;

			if (same_opt(pair_value(&ka, &va, k),
			             pair_value(&kb, &vb, k)))
				continue;
			name = xasprintf("[%.*s] %s", (int)(nl - k), k, nl + 1);
			if (!strlist_has(out, name))
				strlist_add(out, name);
			free(name);
		}
	}
	ini_doc_sections(a, &sa);
	ini_doc_sections(b, &sb);
	for (i = 0; i < sa.n + sb.n; i++) {
		const char *s = i < sa.n ? sa.v[i] : sb.v[i - sa.n];
		char *name;

		if (strlist_has(&sa, s) == strlist_has(&sb, s))
			continue;
		name = xasprintf("[%s]", s);
		if (!strlist_has(out, name))
			strlist_add(out, name);
		free(name);
	}
	strlist_clear(&ka);
	strlist_clear(&va);
	strlist_clear(&kb);
	strlist_clear(&vb);
	strlist_clear(&sa);
	strlist_clear(&sb);
}

/* Whether "[section] key" (or, key NULL, anything of [section]) is in
 * the list of differences. */
static bool
touches(const struct strlist *diffs, const char *section, const char *key)
{
	char *sec = fold(section, strlen(section)), *k = NULL;
	size_t i, n;
	bool hit = false;

	if (key != NULL)
		k = fold(key, strlen(key));
	n = strlen(sec);
	for (i = 0; i < diffs->n && !hit; i++) {
		const char *x = diffs->v[i];

		if (x[0] != '[' || strncmp(x + 1, sec, n) != 0 ||
		    x[n + 1] != ']')
			continue;
		hit =
		    k == NULL || x[n + 2] == '\0' || strcmp(x + n + 3, k) == 0;
	}
	free(sec);
	free(k);
	return hit;
}

bool
ini_doc_disk_differences(const struct ini_doc *d, struct strlist *out,
                         char **why)
{
	struct ini_doc *disk = ini_doc_load(d->path, why), *base;

	if (disk == NULL)
		return false;
	base = ini_doc_from_text(d->path, d->base, d->baselen);
	diff_docs(base, disk, out);
	ini_doc_free(base);
	ini_doc_free(disk);
	return true;
}

bool
ini_doc_merge(struct ini_doc *d, char **why)
{
	struct ini_doc *disk = ini_doc_load(d->path, why), *base;
	struct strlist diffs = {0}, both = {0};
	size_t i;

	if (disk == NULL)
		return false;
	base = ini_doc_from_text(d->path, d->base, d->baselen);
	diff_docs(base, disk, &diffs);
	ini_doc_free(base);
	for (i = 0; i < d->nlog; i++) {
		const struct logged *l = &d->log[i];
		char *name = l->op == LOG_SET
		                 ? xasprintf("[%s] %s", l->section, l->key)
		                 : xasprintf("[%s]", l->section);

		if (touches(&diffs, l->section,
		            l->op == LOG_SET ? l->key : NULL) &&
		    !strlist_has(&both, name))
			strlist_add(&both, name);
		free(name);
	}
	if (both.n > 0) {
		char *list = strlist_join(&both, ", ");

		*why = xasprintf("%s: changed on disk and here: %s; dais "
		                 "cannot merge the two",
		                 d->path, list);
		free(list);
		goto fail;
	}
	for (i = 0; i < d->nlog; i++) {
		const struct logged *l = &d->log[i];
		bool ok = true;

		if (l->op == LOG_SET)
			ok = do_set(disk, l->section, l->key, l->value, why);
		else if (l->op == LOG_ADD_SECTION)
			ok = do_add_section(disk, l->section, l->after, why);
		else
			do_remove_section(disk, l->section);
		if (!ok)
			goto fail;
	}
	/* d becomes the file on disk with our changes: its lines, base and
	 * fingerprint are disk's, its log still what is unsaved. */
	{
		struct ini_doc tmp = *d;

		d->lines = disk->lines;
		d->nlines = disk->nlines;
		d->caplines = disk->caplines;
		d->final_newline = disk->final_newline;
		d->crlf = disk->crlf;
		d->fingerprint = d->expect = disk->fingerprint;
		free(d->base);
		d->base = disk->base;
		d->baselen = disk->baselen;
		d->changed = true;
		d->scanned = false;
		disk->lines = tmp.lines;
		disk->nlines = tmp.nlines;
		disk->base = NULL;
	}
	ini_doc_free(disk);
	strlist_clear(&diffs);
	strlist_clear(&both);
	return true;
fail:
	ini_doc_free(disk);
	strlist_clear(&diffs);
	strlist_clear(&both);
	return false;
}

char *
ini_doc_text(const struct ini_doc *d, size_t *len)
{
	size_t i, n = 0, at = 0;
	char *out;

	for (i = 0; i < d->nlines; i++)
		n += strlen(d->lines[i]) + 1;
	out = xmalloc(n + 1);
	for (i = 0; i < d->nlines; i++) {
		size_t l = strlen(d->lines[i]);

		memcpy(out + at, d->lines[i], l);
		at += l;
		if (i + 1 < d->nlines || d->final_newline)
			out[at++] = '\n';
	}
	out[at] = '\0';
	*len = at;
	return out;
}

enum ini_save_result
ini_doc_save(struct ini_doc *d, char **why)
{
	uint64_t disk;
	struct stat st;
	char *text;
	size_t len;

	if (stat(d->path, &st) == 0) {
		if (!filehash_path(d->path, &disk)) {
			*why = xasprintf("%s: cannot read the file: %s",
			                 d->path, strerror(errno));
			return INI_SAVE_FAILED;
		}
		if (d->expect == 0 || disk != d->expect) {
			*why = xasprintf(
			    "%s: %s by another program or organiser since "
			    "dais read it, so dais did not overwrite it (its "
			    "changes can be merged, or run again on the file "
			    "as it is now)",
			    d->path,
			    d->expect == 0 ? "the file was made" : "changed");
			return INI_CHANGED_ON_DISK;
		}
	} else if (errno != ENOENT) {
		*why = xasprintf("%s: cannot read the file: %s", d->path,
		                 strerror(errno));
		return INI_SAVE_FAILED;
	} else if (d->expect != 0) {
		*why = xasprintf("%s: deleted or moved since dais read it, so "
		                 "dais did not write it again",
		                 d->path);
		return INI_CHANGED_ON_DISK;
	}
	text = ini_doc_text(d, &len);
	if (!atomicfile_write(d->path, text, len, why)) {
		free(text);
		return INI_SAVE_FAILED;
	}
	d->fingerprint = d->expect = filehash_bytes(text, len);
	d->changed = false;
	free(d->base);
	d->base = text;
	d->baselen = len;
	log_clear(d);
	return INI_SAVED;
}
