/*
 * registry_ini.c: one registry INI file. Our scan of the raw lines follows
 * iniparser's own rules, to find what iniparser would refuse or change in
 * silence and the line of every section and key; iniparser then reads the
 * values (registry_value.c turns them into the model's types).
 */
#include "registry_ini.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "dais/fileread.h"
#include "dais/utf8.h"
#include "dais/trim.h"
#include "dais/xalloc.h"

/* iniparser's line buffer holds 1 023 bytes with the newline. */
#define INI_LINE_MAX 1022
/* Registries are a few hundred lines; anything this big is not one. */
#define INI_FILE_MAX (16L * 1024 * 1024)
/*
 * Sections and keys of one file, at most. iniparser looks every key up by
 * walking all it has read, so its time grows with the square: 40 000 take
 * 18 s; 20 000, a second. The Kuwait example's participants.ini has 1 041.
 */
#define INI_MAX_ENTRIES 20000

/* iniparser folds names with tolower(); in our locales that is ASCII. */
static char *
ini_fold(const char *s, size_t n)
{
	char *out = xstrndup(s, n);
	char *p;

	for (p = out; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return out;
}

static void ini_vdiag(const struct ini_file *f, enum diag_level level, int line,
                      const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));

static void
ini_vdiag(const struct ini_file *f, enum diag_level level, int line,
          const char *fmt, va_list ap)
{
	char *msg = xvasprintf(fmt, ap);

	diag_add(f->diags, level, f->path, line, NULL, "%s", msg);
	free(msg);
}

void
ini_error(const struct ini_file *f, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ini_vdiag(f, DIAG_ERROR, line, fmt, ap);
	va_end(ap);
}

void
ini_warning(const struct ini_file *f, int line, const char *fmt, ...)
{
	va_list ap;

	if (f->refused)
		return;
	va_start(ap, fmt);
	ini_vdiag(f, DIAG_WARNING, line, fmt, ap);
	va_end(ap);
}

/* ---- The scan ---------------------------------------------------------- */

static struct ini_section *
ini_add_section(struct ini_file *f, const char *raw, size_t n, int line)
{
	char *name = ini_fold(raw, n);
	struct ini_section *s;
	size_t i;

	for (i = 0; i < f->nsecs; i++) {
		if (strcmp(f->secs[i].name, name) == 0) {
			ini_warning(f, line,
			            "section [%s] appears again (first at line "
			            "%d): iniparser merges the two; keep one",
			            name, f->secs[i].line);
			free(name);
			if (f->secs[i].again == 0)
				f->secs[i].again = line;
			return &f->secs[i];
		}
	}
	XGROW(f->secs, f->nsecs, f->capsecs);
	s = &f->secs[f->nsecs++];
	memset(s, 0, sizeof *s);
	s->name = name;
	s->raw = xstrndup(raw, n);
	s->line = line;
	return s;
}

static struct ini_key *
ini_add_key(struct ini_file *f, struct ini_section *s, const char *raw,
            size_t n, int line)
{
	char *name = ini_fold(raw, n);
	struct ini_key *k;
	size_t i;

	for (i = 0; i < s->nkeys; i++) {
		if (strcmp(s->keys[i].name, name) == 0) {
			ini_warning(f, line,
			            "%s is given twice in [%s] (lines %d and "
			            "%d): line %d wins; remove one",
			            name, s->name, s->keys[i].line, line, line);
			free(name);
			s->keys[i].line = line;
			s->keys[i].bad = false;
			return &s->keys[i];
		}
	}
	XGROW(s->keys, s->nkeys, s->capkeys);
	k = &s->keys[s->nkeys++];
	k->name = name;
	k->line = line;
	k->bad = false;
	return k;
}

/*
 * Where iniparser's value of `key = <v>` lies in v (blanks trimmed), and
 * warnings for what it drops: text after a closing quote, a missing
 * closing quote, an unquoted value cut at ';' or '#'.
 */
static void
ini_scan_value(struct ini_file *f, int line, const char *key, const char *v,
               const char **start, size_t *len)
{
	size_t n = strlen(v);

	if (n >= 1 && (v[0] == '"' || v[0] == '\'')) {
		const char *close = strchr(v + 1, v[0]);

		if (close == NULL) {
			ini_warning(f, line,
			            "the value of %s has no closing quote: it "
			            "runs to the end of the line; add the %c",
			            key, v[0]);
			*start = v + 1;
			*len = n - 1;
			return;
		}
		*start = v + 1;
		*len = (size_t)(close - v - 1);
		close++;
		while (trim_is_blank((unsigned char)*close))
			close++;
		if (*close != '\0' && *close != ';' && *close != '#')
			ini_warning(f, line,
			            "text after the closing quote of %s is "
			            "ignored (%s): a quoted value cannot hold "
			            "its own quote character",
			            key, close);
		return;
	}
	*start = v;
	*len = strcspn(v, ";#");
	if (v[*len] != '\0') {
		size_t keep = *len;
		const char *kept = trim_blanks(v, &keep);

		if (keep > 0)
			ini_warning(f, line,
			            "the value of %s was cut at '%c' (read as "
			            "\"%.*s\"): put it in double quotes if the "
			            "rest belongs to it",
			            key, v[*len], (int)keep, kept);
	}
	*start = trim_blanks(*start, len);
}

/* One logical line (continuations joined, trailing blanks removed). */
static bool
ini_scan_line(struct ini_file *f, const char *line, int lineno, bool continued,
              struct ini_section **cur)
{
	const char *s = line, *eq, *key, *vstart;
	size_t n, keylen, vlen, good;
	struct ini_key *k;
	char *keyname;

	while (trim_is_blank((unsigned char)*s))
		s++;
	n = strlen(s);
	if (n == 0)
		return true;
	if (*s == '#' || *s == ';') {
		if (continued)
			ini_warning(f, lineno,
			            "this comment ends in '\\', so iniparser "
			            "joins the next line to it and ignores "
			            "both: remove the '\\'");
		return true;
	}
	if (*s == '[') {
		const char *close = strchr(s, ']');
		size_t rawlen;
		const char *raw;

		if (close == NULL) {
			ini_error(f, lineno,
			          "the section line %s has no closing ']': "
			          "write it as [name]",
			          s);
			return false;
		}
		if (close != s + n - 1 &&
		    !(close == s + n - 2 && s[n - 1] == ']')) {
			ini_error(f, lineno,
			          "text after the ']' of a section line: "
			          "iniparser cannot read it; put a comment on "
			          "a line of its own");
			return false;
		}
		rawlen = (size_t)(close - s - 1);
		raw = trim_blanks(s + 1, &rawlen);
		if (rawlen == 0) {
			ini_error(f, lineno,
			          "the section name is empty: write [name]");
			return false;
		}
		*cur = ini_add_section(f, raw, rawlen, lineno);
		return true;
	}
	eq = strchr(s, '=');
	if (eq == NULL) {
		ini_error(f, lineno,
		          "this line is not a [section], a key = value, or a "
		          "comment, so iniparser cannot read the file: add "
		          "the '= value', or start the line with ';' to make "
		          "it a comment");
		return false;
	}
	keylen = (size_t)(eq - s);
	key = trim_blanks(s, &keylen);
	if (keylen == 0) {
		ini_error(f, lineno,
		          "there is no key before the '=', so iniparser "
		          "cannot read the file: write key = value");
		return false;
	}
	keyname = ini_fold(key, keylen);
	eq++;
	while (trim_is_blank((unsigned char)*eq))
		eq++;
	ini_scan_value(f, lineno, keyname, eq, &vstart, &vlen);
	if (*cur == NULL) {
		ini_warning(f, lineno,
		            "%s is outside any section, so it is ignored: "
		            "move it under its [section]",
		            keyname);
		free(keyname);
		return true;
	}
	k = ini_add_key(f, *cur, key, keylen, lineno);
	good = utf8_valid_prefix(vstart, vlen);
	if (good < vlen) {
		/* Show up to 40 bytes before the bad one, from a whole
		 * character on. */
		size_t from = good > 40 ? good - 40 : 0;

		while (from < good && (vstart[from] & 0xc0) == 0x80)
			from++;
		ini_error(f, lineno,
		          "the value of %s is not valid UTF-8 (byte 0x%02x "
		          "after \"%s%.*s\"): save the file as UTF-8",
		          keyname, (unsigned char)vstart[good],
		          from > 0 ? "..." : "", (int)(good - from),
		          vstart + from);
		k->bad = true;
	}
	free(keyname);
	return true;
}

/*
 * Splits buf into lines as iniparser's fgets loop does: a line whose last
 * non-blank is '\' continues on the next, and a joined line must fit
 * iniparser's buffer. Returns false on anything iniparser would refuse.
 */
static bool
ini_scan(struct ini_file *f, const char *buf, size_t len)
{
	struct ini_section *cur = NULL;
	char joined[INI_LINE_MAX + 1];
	size_t pos = 0, jlen = 0, skip;
	int lineno = 0, first = 0, entries = 0;
	bool cont = false;
	const char *nul;

	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
		ini_error(f, 1,
		          "the file starts with a UTF-8 byte-order mark, "
		          "which iniparser cannot read: save it as UTF-8 "
		          "without BOM");
		return false;
	}
	nul = memchr(buf, '\0', len);
	if (nul != NULL) {
		const char *p;
		int at = 1;

		for (p = buf; p < nul; p++)
			at += *p == '\n';
		ini_error(f, at,
		          "this line holds a NUL byte: the file is not text; "
		          "save it as UTF-8 text");
		return false;
	}
	while (pos < len) {
		const char *s = buf + pos, *nl = memchr(s, '\n', len - pos);
		size_t n = nl != NULL ? (size_t)(nl - s) : len - pos;

		pos += n + (nl != NULL);
		lineno++;
		if (!cont) {
			first = lineno;
			jlen = 0;
		}
		if (jlen + n > INI_LINE_MAX) {
			if (cont)
				ini_error(f, lineno,
				          "this line, joined to line %d by the "
				          "'\\' that ends it, is longer than "
				          "%d bytes, the most iniparser reads: "
				          "shorten the value",
				          first, INI_LINE_MAX);
			else
				ini_error(
				    f, lineno,
				    "this line is %zu bytes long; iniparser "
				    "reads at most %d bytes a line: "
				    "shorten the value",
				    n, INI_LINE_MAX);
			f->refused = true;
			cont = false;
			continue;
		}
		memcpy(joined + jlen, s, n);
		jlen += n;
		while (jlen > 0 &&
		       trim_is_blank((unsigned char)joined[jlen - 1]))
			jlen--;
		if (jlen > 0 && joined[jlen - 1] == '\\') {
			jlen--;
			cont = true;
			continue;
		}
		joined[jlen] = '\0';
		cont = false;
		skip = strspn(joined, " \t\r\v\f");
		if (joined[skip] != '\0' && joined[skip] != '#' &&
		    joined[skip] != ';' && ++entries > INI_MAX_ENTRIES) {
			ini_error(
			    f, first,
			    "the file has more than %d sections and keys, "
			    "far more than a registry holds (iniparser "
			    "would take minutes): is it the right file?",
			    INI_MAX_ENTRIES);
			f->refused = true;
			break;
		}
		if (!ini_scan_line(f, joined, first, lineno != first, &cur))
			f->refused = true;
	}
	if (cont)
		ini_warning(f, first,
		            "this line ends in '\\', which joins the next line "
		            "to it, but the file ends there: iniparser ignores "
		            "it; remove the '\\'");
	return !f->refused;
}

/* ---- iniparser --------------------------------------------------------- */

/*
 * iniparser reports through one global callback and would print to stderr
 * by default; while a file loads its messages become diagnostics of that
 * file (registries load one file at a time).
 */
static struct ini_file *capture_file;

static int ini_capture(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

static int
ini_capture(const char *fmt, ...)
{
	const char *what, *p;
	char *msg, *nl, *in;
	int line = 0;
	va_list ap;

	if (capture_file == NULL)
		return 0;
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	nl = strchr(msg, '\n');
	if (nl != NULL)
		*nl = '\0';
	/* "iniparser: syntax error in FILE (12):": the last "(N)". */
	for (p = msg; (p = strchr(p, '(')) != NULL; p++) {
		char *end;
		long v = strtol(p + 1, &end, 10);

		if (end != p + 1 && *end == ')' && v > 0 && v < 1000000000)
			line = (int)v;
	}
	what = msg;
	if (strncmp(what, "iniparser: ", 11) == 0)
		what += 11;
	in = strstr(msg, " in ");
	if (in != NULL)
		*in = '\0';
	ini_error(capture_file, line,
	          "iniparser cannot read the file (%s); check this line's "
	          "quotes and its '='",
	          what);
	free(msg);
	return 0;
}

static void
ini_free_sections(struct ini_file *f)
{
	size_t i, j;

	for (i = 0; i < f->nsecs; i++) {
		for (j = 0; j < f->secs[i].nkeys; j++)
			free(f->secs[i].keys[j].name);
		free(f->secs[i].keys);
		free(f->secs[i].name);
		free(f->secs[i].raw);
	}
	free(f->secs);
	f->secs = NULL;
	f->nsecs = f->capsecs = 0;
}

static char *
ini_read_all(struct ini_file *f, const char *holds, size_t *len)
{
	char *why = NULL,
	     *buf = fileread_all(f->path, (size_t)INI_FILE_MAX, len, &why);

	if (buf != NULL) {
		/* Old Mac line ends: iniparser would read one long line. */
		if (memchr(buf, '\n', *len) == NULL &&
		    memchr(buf, '\r', *len) != NULL) {
			ini_error(f, 0,
			          "the lines of this file end in CR alone (old "
			          "Mac line ends), so it reads as one long "
			          "line: save it with LF (or CRLF) line ends");
			free(buf);
			return NULL;
		}
		return buf;
	}
	if (errno == EFBIG)
		ini_error(f, 0,
		          "the file is over %ld bytes, too big for a registry: "
		          "is it the right file?",
		          INI_FILE_MAX);
	else
		ini_error(f, 0,
		          "cannot read the file (%s): it should hold %s; see "
		          "dais-programme(5)",
		          why, holds);
	free(why);
	return NULL;
}

static int
order_cmp(const void *a, const void *b, void *dict)
{
	const dictionary *d = dict;

	return strcmp(d->key[*(const size_t *)a], d->key[*(const size_t *)b]);
}

static void
ini_index(struct ini_file *f)
{
	ssize_t i;

	f->order =
	    xreallocarray(NULL, (size_t)f->dict->size + 1, sizeof *f->order);
	f->norder = 0;
	for (i = 0; i < f->dict->size; i++)
		if (f->dict->key[i] != NULL)
			f->order[f->norder++] = (size_t)i;
	qsort_r(f->order, f->norder, sizeof *f->order, order_cmp, f->dict);
}

/* The value iniparser read for "section:key", or NULL. */
static const char *
ini_lookup(const struct ini_file *f, const char *entry)
{
	size_t lo = 0, hi = f->norder;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(entry, f->dict->key[f->order[mid]]);

		if (c == 0)
			return f->dict->val[f->order[mid]];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

bool
ini_open(struct ini_file *f, const char *dir, const char *name,
         const char *holds, struct diag_list *diags)
{
	size_t dlen = strlen(dir);
	char *path;
	bool ok;

	if (dlen == 0)
		dir = ".", dlen = 1;
	while (dlen > 1 && dir[dlen - 1] == '/')
		dlen--;
	path = xasprintf("%.*s%s%s", (int)dlen, dir,
	                 dir[dlen - 1] == '/' ? "" : "/", name);
	ok = ini_open_path(f, path, holds, diags);
	free(path);
	return ok;
}

bool
ini_open_path(struct ini_file *f, const char *path, const char *holds,
              struct diag_list *diags)
{
	size_t len;
	char *buf;
	bool ok;

	memset(f, 0, sizeof *f);
	f->diags = diags;
	f->path = xstrdup(path);
	buf = ini_read_all(f, holds, &len);
	if (buf == NULL)
		return false;
	ok = ini_scan(f, buf, len);
	f->text = buf;
	f->len = len;
	if (ok) {
		size_t before = diags->n;

		capture_file = f;
		iniparser_set_error_callback(ini_capture);
		f->dict = iniparser_load(f->path);
		capture_file = NULL;
		if (f->dict == NULL && diags->n == before)
			ini_error(f, 0,
			          "iniparser cannot read the file: check that "
			          "it is a readable text file");
		ok = f->dict != NULL;
		if (ok)
			ini_index(f);
	}
	/* Nothing of a refused file is used: drop what the scan saw. */
	if (!ok)
		ini_free_sections(f);
	return ok;
}

void
ini_close(struct ini_file *f)
{
	ini_free_sections(f);
	free(f->order);
	free(f->path);
	free(f->text);
	if (f->dict != NULL)
		iniparser_freedict(f->dict);
	memset(f, 0, sizeof *f);
}

/* ---- Lookups ----------------------------------------------------------- */

const struct ini_section *
ini_section(const struct ini_file *f, const char *name)
{
	size_t i;

	for (i = 0; i < f->nsecs; i++)
		if (strcmp(f->secs[i].name, name) == 0)
			return &f->secs[i];
	return NULL;
}

const struct ini_key *
ini_key(const struct ini_section *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->nkeys; i++)
		if (strcmp(s->keys[i].name, name) == 0)
			return &s->keys[i];
	return NULL;
}

const char *
ini_value(const struct ini_file *f, const struct ini_section *s,
          const char *key, int *line)
{
	const struct ini_key *k = ini_key(s, key);
	const char *v;
	char *entry;

	if (line != NULL)
		*line = k != NULL ? k->line : s->line;
	if (k == NULL || k->bad || f->dict == NULL)
		return NULL;
	entry = xasprintf("%s:%s", s->name, key);
	/* iniparser folds its keys so, and so does its getstring. */
	for (char *c = entry; *c != '\0'; c++)
		*c = (char)tolower((unsigned char)*c);
	v = ini_lookup(f, entry);
	free(entry);
	return v;
}
