/*
 * registry_ini.c: one registry INI file. Our scan of the raw lines follows
 * iniparser's own rules, to find what iniparser would refuse or change in
 * silence and the line of every section and key; iniparser then reads the
 * values (registry_value.c turns them into the model's types) from the
 * sections and keys the scan checked, a run of sections at a time.
 */
#include "registry_ini.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>
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
 * Sections and keys of one file, at most: far more than any registry (the
 * Kuwait example's participants.ini has 1 041; a conference of 2 000
 * people about 13 000).
 */
#define INI_MAX_ENTRIES 20000
/*
 * iniparser 4.1's dictionary_set walks every slot of its dictionary on
 * each insertion, so one dictionary for a file of n keys costs n^2/2 steps
 * (13 000 keys: 85 million, a quarter of `dais check` on a 10 000-session
 * programme). iniparser reads the file in runs of whole sections instead,
 * one dictionary each: the cost grows with n. A new dictionary has 128
 * slots and each insertion walks all of them however few are filled, so
 * runs of up to 128 entries (as many as fit without the dictionary
 * doubling) cost no more per entry than smaller ones, and half as many
 * runs as 64 save half the opens, reads and dictionaries.
 */
#define INI_RUN_ENTRIES 128

/*
 * A name of n bytes from a line of the file, copied into f->names (folded
 * as iniparser folds names, with tolower(): in our locales that is ASCII).
 * A line gives at most a section's name and raw name, each shorter than
 * the line, so the block sized at the scan's start never runs out.
 */
/* c folded as iniparser folds a name (ASCII letters only, above). */
static char
ini_fold(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static char *
ini_name(struct ini_file *f, const char *s, size_t n, bool fold)
{
	char *out = f->names + f->names_len;
	size_t i;

	if (f->names_len + n + 1 > f->names_cap) {
		fprintf(stderr, "dais: INI names overflow their block\n");
		abort();
	}
	for (i = 0; i < n; i++)
		out[i] = fold ? ini_fold(s[i]) : s[i];
	out[n] = '\0';
	f->names_len += n + 1;
	return out;
}

/* A key's folded name copied into f->names, noting whether it holds ':'
 * (a name shared with the section before was looked at when copied). */
static char *
ini_key_copy(struct ini_file *f, const char *s, size_t n)
{
	f->colon |= memchr(s, ':', n) != NULL;
	return ini_name(f, s, n, true);
}

/*
 * The folded name of the key at position at of a section, n bytes at s:
 * the name of the key at the same position of the section before when
 * it is the same (registries repeat their keys in the same order section
 * after section), else a copy in f->names. A 2 000-person
 * participants.ini spells ten thousand keys with a dozen names.
 */
static char *
ini_key_name(struct ini_file *f, size_t at, const char *s, size_t n)
{
	const struct ini_section *m;
	const char *c;
	size_t i;

	if (f->key_model == 0)
		return ini_key_copy(f, s, n);
	m = &f->secs[f->key_model - 1];
	if (at >= m->nkeys)
		return ini_key_copy(f, s, n);
	c = m->keys[at].name;
	/* Mostly written in lower case already. */
	if (strncmp(c, s, n) == 0 && c[n] == '\0')
		return m->keys[at].name;
	for (i = 0; i < n; i++)
		if (c[i] != ini_fold(s[i]))
			return ini_key_copy(f, s, n);
	return c[n] == '\0' ? m->keys[at].name : ini_key_copy(f, s, n);
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

/* Room for n more bytes in f->feed. */
static void
ini_feed_reserve(struct ini_file *f, size_t n)
{
	if (f->feed_len + n <= f->feed_cap)
		return;
	while (f->feed_len + n > f->feed_cap)
		f->feed_cap *= 2;
	f->feed = xreallocarray(f->feed, f->feed_cap, 1);
}

static void
ini_feed_line(struct ini_file *f, int line)
{
	XGROW(f->feed_lines, f->nfeed_lines, f->capfeed_lines);
	f->feed_lines[f->nfeed_lines++] = line;
}

/* The logical line s (n bytes) as iniparser is to read it. */
static void
ini_feed(struct ini_file *f, const char *s, size_t n, int line)
{
	ini_feed_reserve(f, n + 1);
	memcpy(f->feed + f->feed_len, s, n);
	f->feed[f->feed_len + n] = '\n';
	f->feed_len += n + 1;
	ini_feed_line(f, line);
}

/*
 * Whether the n bytes at s hold a '"' or a backslash (*quotes) and a byte
 * of 0x80 or more (*high, else the bytes are ASCII and valid UTF-8): eight
 * bytes at a time, in one pass instead of two memchr() and a UTF-8 check
 * for each value of the file.
 */
static void
ini_value_bytes(const char *s, size_t n, bool *quotes, bool *high)
{
	const uint64_t ones = 0x0101010101010101u, highs = ones * 0x80;
	uint64_t q = 0, h = 0;
	size_t i = 0;

	while (i < n) {
		uint64_t w = 0, a, b;
		size_t m = n - i < 8 ? n - i : 8;

		/* The last bytes padded with NULs, which are neither. */
		memcpy(&w, s + i, m);
		a = w ^ (ones * '"');
		b = w ^ (ones * '\\');
		/* A byte of a or b is 0 where w has the character. */
		q |= ((a - ones) & ~a) | ((b - ones) & ~b);
		h |= w;
		i += m;
	}
	*quotes = (q & highs) != 0;
	*high = (h & highs) != 0;
}

/*
 * The key line `key = v` for iniparser. It tries a line with three
 * sscanf() patterns in turn, double-quoted, single-quoted, unquoted, each
 * over the whole line, so an unquoted value costs it three; written as
 * key="value" it costs one and gives the same value: the unquoted value
 * iniparser would take (up to ';' or '#', blanks trimmed, exactly what the
 * scan found at val) with no '"' in it and not empty. The line is kept as
 * written when that is not sure: a quoted or empty value, a '"' or a
 * backslash inside (iniparser 4.1 keeps a backslash in a quoted value as
 * it is, but later releases read escapes there, so "C:\new" could change),
 * a non-ASCII byte at either end (iniparser trims with isspace(), which in
 * some 8-bit locales takes such a byte for a blank), or no room for the
 * two quotes in iniparser's line buffer.
 */
static void
ini_feed_key(struct ini_file *f, const char *s, size_t n, const char *key,
             size_t keylen, const char *v, const char *val, size_t vlen,
             bool quotes, int line)
{
	char *out;

	if (v[0] == '"' || v[0] == '\'' || vlen == 0 ||
	    (unsigned char)val[0] >= 0x80 ||
	    (unsigned char)val[vlen - 1] >= 0x80 || quotes ||
	    keylen + vlen + 3 > INI_LINE_MAX) {
		ini_feed(f, s, n, line);
		return;
	}
	ini_feed_reserve(f, keylen + vlen + 4);
	out = f->feed + f->feed_len;
	memcpy(out, key, keylen);
	out += keylen;
	*out++ = '=';
	*out++ = '"';
	memcpy(out, val, vlen);
	out += vlen;
	*out++ = '"';
	*out = '\n';
	f->feed_len += keylen + vlen + 4;
	ini_feed_line(f, line);
}

static struct ini_section *
ini_add_section(struct ini_file *f, const char *raw, size_t n, int line)
{
	char *name = ini_name(f, raw, n, true);
	struct ini_section *s;
	size_t i;

	/* Added as the next section unless the name is there: one lookup
	 * for a new section, which nearly all are. The name's bytes stay
	 * put when secs grows. */
	if (!strmap_add(&f->sec_by_name, name, f->nsecs) &&
	    strmap_get(&f->sec_by_name, name, &i)) {
		if (!(f->flags & INI_SECTION_TWICE_IS_CALLERS))
			ini_warning(f, line,
			            "section [%s] appears again (first at line "
			            "%d): iniparser merges the two; keep one",
			            name, f->secs[i].line);
		if (f->secs[i].again == 0)
			f->secs[i].again = line;
		return &f->secs[i];
	}
	XGROW(f->secs, f->nsecs, f->capsecs);
	s = &f->secs[f->nsecs];
	memset(s, 0, sizeof *s);
	s->name = name;
	f->colon |= memchr(raw, ':', n) != NULL;
	/* Ids are lowercase: then the name as written is the folded one. */
	s->raw = memcmp(name, raw, n) == 0 ? name : ini_name(f, raw, n, false);
	s->line = line;
	f->nsecs++;
	return s;
}

/*
 * Room for one more key of s. Its keys are a slice of f->key_pool while no
 * other section's keys follow them there; a section given again after
 * others (rare, and warned about) moves its keys to an array of its own.
 */
static struct ini_key *
ini_next_key(struct ini_file *f, struct ini_section *s)
{
	struct ini_key *end = f->key_pool + f->nkey_pool;

	if (s->capkeys == 0 && s->nkeys == 0)
		s->keys = end;
	if (s->capkeys == 0 && s->keys + s->nkeys == end &&
	    f->nkey_pool < f->capkey_pool) {
		f->nkey_pool++;
		return &s->keys[s->nkeys++];
	}
	if (s->capkeys == 0) {
		struct ini_key *own =
		    xreallocarray(NULL, s->nkeys + 8, sizeof *own);

		memcpy(own, s->keys, s->nkeys * sizeof *own);
		s->keys = own;
		s->capkeys = s->nkeys + 8;
	}
	XGROW(s->keys, s->nkeys, s->capkeys);
	return &s->keys[s->nkeys++];
}

/* name: folded, in f->names. */
static struct ini_key *
ini_add_key(struct ini_file *f, struct ini_section *s, char *name, int line)
{
	struct ini_key *k;
	size_t i;

	for (i = 0; i < s->nkeys; i++) {
		if (ini_same_name(s->keys[i].name, name)) {
			/* once before the section's repeat and once after:
			 * the repeat is the caller's error, said alone */
			bool across = s->again != 0 &&
			              s->keys[i].line < s->again &&
			              line > s->again;

			if (!(across &&
			      (f->flags & INI_SECTION_TWICE_IS_CALLERS)))
				ini_warning(f, line,
				            "%s is given twice in [%s] (lines "
				            "%d and %d): line %d wins; remove "
				            "one",
				            name, s->name, s->keys[i].line,
				            line, line);
			s->keys[i].line = line;
			s->keys[i].bad = false;
			return &s->keys[i];
		}
	}
	k = ini_next_key(f, s);
	k->name = name;
	k->line = line;
	k->bad = false;
	k->val = NULL;
	return k;
}

/*
 * Where iniparser's value of `key = <v>` lies in v (n bytes to the line's
 * end, no blank first), and warnings for what it drops: text after a
 * closing quote, a missing closing quote, an unquoted value cut at ';' or
 * '#'.
 */
static void
ini_scan_value(struct ini_file *f, int line, const char *key, const char *v,
               size_t n, const char **start, size_t *len)
{
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
	/* v starts with no blank: only its end is trimmed. */
	while (*len > 0 && trim_is_blank((unsigned char)v[*len - 1]))
		(*len)--;
}

/*
 * One logical line s of n bytes (continuations joined, blanks at either
 * end removed), from line lineno to line last of the file: diagnostics
 * name the first, and iniparser, which counts the lines it joins, would
 * name the last.
 */
static bool
ini_scan_line(struct ini_file *f, const char *s, size_t n, int lineno, int last,
              struct ini_section **cur)
{
	bool continued = last != lineno, quotes, high;
	const char *eq, *key, *vstart;
	size_t keylen, vlen, good;
	struct ini_key *k;
	char *keyname;

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
		if (*cur != NULL && (*cur)->nkeys > 0)
			f->key_model = (size_t)(*cur - f->secs) + 1;
		*cur = ini_add_section(f, raw, rawlen, lineno);
		XGROW(f->cuts, f->ncuts, f->capcuts);
		f->cuts[f->ncuts].offset = (uint32_t)f->feed_len;
		f->cuts[f->ncuts].line = (uint32_t)f->nfeed_lines;
		f->cuts[f->ncuts].sec = (uint32_t)(*cur - f->secs);
		f->ncuts++;
		ini_feed(f, s, n, last);
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
	/* s starts with no blank: only the key's end is trimmed. */
	key = s;
	keylen = (size_t)(eq - s);
	while (keylen > 0 && trim_is_blank((unsigned char)s[keylen - 1]))
		keylen--;
	if (keylen == 0) {
		ini_error(f, lineno,
		          "there is no key before the '=', so iniparser "
		          "cannot read the file: write key = value");
		return false;
	}
	/* A key outside any section is not handed over: its name is no
	 * section's key's. */
	keyname = *cur != NULL ? ini_key_name(f, (*cur)->nkeys, key, keylen)
	                       : ini_name(f, key, keylen, true);
	eq++;
	while (trim_is_blank((unsigned char)*eq))
		eq++;
	ini_scan_value(f, lineno, keyname, eq, (size_t)(s + n - eq), &vstart,
	               &vlen);
	if (*cur == NULL) {
		/* iniparser would keep it as ":key", which nothing reads:
		 * it is not handed over. */
		ini_warning(f, lineno,
		            "%s is outside any section, so it is ignored: "
		            "move it under its [section]",
		            keyname);
		return true;
	}
	ini_value_bytes(vstart, vlen, &quotes, &high);
	ini_feed_key(f, s, n, key, keylen, eq, vstart, vlen, quotes, last);
	k = ini_add_key(f, *cur, keyname, lineno);
	good = high ? utf8_valid_prefix(vstart, vlen) : vlen;
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

		lineno++;
		if (!cont) {
			first = lineno;
			jlen = 0;
		}
		pos += n + (nl != NULL);
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
		/* No '\n' in a line: these are strspn's " \t\r\v\f". */
		for (skip = 0; trim_is_blank((unsigned char)joined[skip]);
		     skip++)
			;
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
		if (!ini_scan_line(f, joined + skip, jlen - skip, first, lineno,
		                   &cur))
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
 * file. A thread loads one file at a time, but the planner's sync thread
 * can load while the planner does: each thread its own.
 */
static _Thread_local struct ini_file *capture_file;
/* The lines before the run iniparser reads: its line numbers start at 1.
 * Lines of f->feed when capture_feed is set, else of the file itself. */
static _Thread_local size_t capture_line_offset;
static _Thread_local bool capture_feed;
/* iniparser could not open the name of the feed's copy (capture_feed
 * set): no message, the caller says what it does instead. */
static _Thread_local bool capture_open_failed;

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
	/* iniparser 4.1's words, from fopen(): /proc/self/fd/N would not
	 * open (no /proc, descriptors used up). */
	if (capture_feed && strncmp(fmt, "iniparser: cannot open", 22) == 0) {
		capture_open_failed = true;
		return 0;
	}
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
	if (line > 0 && capture_feed) {
		size_t at = capture_line_offset + (size_t)line - 1;

		line = at < capture_file->nfeed_lines
		           ? capture_file->feed_lines[at]
		           : 0;
	} else if (line > 0) {
		line += (int)capture_line_offset;
	}
	ini_error(capture_file, line,
	          "iniparser cannot read the file (%s); check this line's "
	          "quotes and its '='",
	          what);
	free(msg);
	return 0;
}

/* What only iniparser's runs read. */
static void
ini_free_feed(struct ini_file *f)
{
	free(f->cuts);
	f->cuts = NULL;
	f->ncuts = f->capcuts = 0;
	free(f->feed_lines);
	f->feed_lines = NULL;
	f->nfeed_lines = f->capfeed_lines = 0;
	free(f->feed);
	f->feed = NULL;
	f->feed_len = f->feed_cap = 0;
}

static void
ini_free_sections(struct ini_file *f)
{
	size_t i;

	for (i = 0; i < f->nsecs; i++)
		if (f->secs[i].capkeys != 0)
			free(f->secs[i].keys);
	free(f->secs);
	free(f->key_pool);
	f->key_pool = NULL;
	f->nkey_pool = f->capkey_pool = 0;
	free(f->names);
	f->names = NULL;
	f->names_len = f->names_cap = 0;
	f->secs = NULL;
	f->nsecs = f->capsecs = 0;
	strmap_free(&f->sec_by_name);
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

/* By key, and a later run's value of the same key first. */
static int
entry_cmp(const void *a, const void *b)
{
	const struct ini_entry *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	if (c != 0)
		return c;
	return x->run < y->run ? 1 : x->run > y->run ? -1 : 0;
}

/* Every value of every run, sorted; of a key read in several runs (a
 * section given twice) the last is kept, as one iniparser_load keeps the
 * last value. */
static void
ini_index(struct ini_file *f)
{
	size_t r, total = 0, kept = 0, i;

	for (r = 0; r < f->ndicts; r++)
		total += (size_t)f->dicts[r]->n;
	f->entries = xreallocarray(NULL, total + 1, sizeof *f->entries);
	f->nentries = 0;
	for (r = 0; r < f->ndicts; r++) {
		const dictionary *d = f->dicts[r];
		ssize_t j;

		for (j = 0; j < d->size; j++)
			if (d->key[j] != NULL) {
				struct ini_entry *e =
				    &f->entries[f->nentries++];

				e->key = d->key[j];
				e->val = d->val[j];
				e->run = r;
			}
	}
	qsort(f->entries, f->nentries, sizeof *f->entries, entry_cmp);
	for (i = 0; i < f->nentries; i++)
		if (kept == 0 ||
		    strcmp(f->entries[i].key, f->entries[kept - 1].key) != 0)
			f->entries[kept++] = f->entries[i];
	f->nentries = kept;
}

/* The value iniparser read for "section:key", or NULL. */
static const char *
ini_lookup(const struct ini_file *f, const char *entry)
{
	size_t lo = 0, hi = f->nentries;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(entry, f->entries[mid].key);

		if (c == 0)
			return f->entries[mid].val;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* The value iniparser read for key in s, through the sorted index. */
static const char *
ini_lookup_key(const struct ini_file *f, const struct ini_section *s,
               const char *key)
{
	size_t ns = strlen(s->name), nk = strlen(key);
	char small[256], *entry, *c;
	const char *v;

	/* "section:key", on the stack when it fits. */
	entry = ns + nk + 2 <= sizeof small ? small : xmalloc(ns + nk + 2);
	memcpy(entry, s->name, ns);
	entry[ns] = ':';
	memcpy(entry + ns + 1, key, nk + 1);
	/* iniparser folds its keys so, and so does its getstring. */
	for (c = entry; *c != '\0'; c++)
		*c = (char)tolower((unsigned char)*c);
	v = ini_lookup(f, entry);
	if (entry != small)
		free(entry);
	return v;
}

/* A copy of iniparser's value v in f->values, which outlives the run's
 * dictionary. */
static const char *
ini_keep_value(struct ini_file *f, const char *v)
{
	size_t n;
	char *out;

	if (v == NULL)
		return NULL;
	n = strlen(v) + 1;
	if (f->values_len + n > f->values_cap) {
		fprintf(stderr, "dais: INI values overflow their block\n");
		abort();
	}
	out = f->values + f->values_len;
	memcpy(out, v, n);
	f->values_len += n;
	return out;
}

/* The key of s named name (its length n), looking at keys[*hint] first:
 * iniparser's entries come in the order of the file, as s's keys do. */
static struct ini_key *
ini_key_at(struct ini_section *s, const char *name, size_t *hint)
{
	size_t i;

	if (*hint < s->nkeys && ini_same_name(s->keys[*hint].name, name))
		return &s->keys[(*hint)++];
	for (i = 0; i < s->nkeys; i++)
		if (ini_same_name(s->keys[i].name, name)) {
			*hint = i + 1;
			return &s->keys[i];
		}
	return NULL;
}

/*
 * Hands the values of one run's dictionary to the keys the scan found.
 * iniparser fills its slots in the order it reads (a section's entry,
 * then its keys; nothing is deleted while it loads), so one walk finds
 * each entry's section and key at once. False when an entry is not
 * "section:key" of a section and key the scan has (iniparser and the
 * scan folded a name differently): then ini_attach looks every key up
 * instead. The run holds the sections of cuts [c, end): a section's entry
 * is most likely the next of them.
 */
static bool
ini_attach_run(struct ini_file *f, const dictionary *d, size_t c, size_t end)
{
	struct ini_section *cur = NULL;
	size_t curlen = 0, hint = 0, i;
	ssize_t j;

	for (j = 0; j < d->size; j++) {
		const char *e = d->key[j], *colon;
		struct ini_key *k;

		if (e == NULL)
			continue;
		/* No name holds ':' (else there is no walk): "cur:key" is
		 * a key of cur. */
		if (cur != NULL && strncmp(e, cur->name, curlen) == 0 &&
		    e[curlen] == ':') {
			colon = e + curlen;
		} else {
			/* A section's own entry, or a key of a section met
			 * again further down the run. */
			char name[256];
			size_t n;

			colon = strchr(e, ':');
			/* ":key", a key before any section: the scan
			 * ignores it. */
			if (colon == e)
				continue;
			n = colon != NULL ? (size_t)(colon - e) : strlen(e);
			if (c < end && colon == NULL &&
			    strcmp(e, f->secs[f->cuts[c].sec].name) == 0) {
				i = f->cuts[c++].sec;
			} else {
				if (n >= sizeof name)
					return false;
				memcpy(name, e, n);
				name[n] = '\0';
				if (!strmap_get(&f->sec_by_name, name, &i))
					return false;
			}
			cur = &f->secs[i];
			curlen = n;
			hint = 0;
			if (colon == NULL)
				continue;
		}
		k = ini_key_at(cur, colon + 1, &hint);
		if (k == NULL)
			return false;
		k->val = ini_keep_value(f, d->val[j]);
	}
	return true;
}

/*
 * The values of the dictionaries kept (those whose run could not be
 * walked, and every later one): what iniparser read for "section:key",
 * the last run that read it winning, as one iniparser_load keeps a
 * repeated key's last value. A key none of them read keeps the value an
 * earlier run gave it.
 */
static void
ini_attach(struct ini_file *f)
{
	size_t i, j;

	if (f->ndicts == 0)
		return;
	ini_index(f);
	for (i = 0; i < f->nsecs; i++)
		for (j = 0; j < f->secs[i].nkeys; j++) {
			struct ini_key *k = &f->secs[i].keys[j];
			const char *v = ini_lookup_key(f, &f->secs[i], k->name);

			if (v != NULL)
				k->val = v;
		}
}

static void
ini_add_dict(struct ini_file *f, dictionary *d)
{
	f->dicts = xreallocarray(f->dicts, f->ndicts + 1, sizeof *f->dicts);
	f->dicts[f->ndicts++] = d;
}

/*
 * One run's dictionary: its values handed to the keys and the dictionary
 * freed, so the next run's dictionary reuses its memory (kept, the
 * dictionaries of a 2 000-person participants.ini took 300 page faults).
 * Kept instead, for ini_attach, once a run cannot be walked (*walk false),
 * or when a name holds ':'. The run holds the sections of cuts [c, end).
 */
static void
ini_take_dict(struct ini_file *f, dictionary *d, size_t c, size_t end,
              bool *walk)
{
	if (*walk && !f->colon && ini_attach_run(f, d, c, end)) {
		iniparser_freedict(d);
		return;
	}
	*walk = false;
	ini_add_dict(f, d);
}

/*
 * iniparser reads a path, so each run of sections goes to it through an
 * anonymous in-memory file, named by /proc/self/fd. These are the bytes the
 * scan checked (reading the path again could meet a file changed since).
 */
enum runs_result {
	RUNS_READ,
	RUNS_REFUSED,     /* iniparser refused a run: an error says why */
	RUNS_UNAVAILABLE, /* no in-memory file (no memfd, no /proc) */
};

/* The feed line where section c starts; f->ncuts: the feed's end. */
static size_t
ini_cut_line(const struct ini_file *f, size_t c)
{
	return c < f->ncuts ? f->cuts[c].line : f->nfeed_lines;
}

/* The section that ends the run starting at section a (f->ncuts: the end
 * of the feed): as many whole sections as keep the run within
 * INI_RUN_ENTRIES entries, and at least one. */
static size_t
ini_run_end(const struct ini_file *f, size_t a)
{
	size_t b = a + 1;

	while (b < f->ncuts &&
	       ini_cut_line(f, b + 1) - f->cuts[a].line <= INI_RUN_ENTRIES)
		b++;
	return b;
}

static void
ini_free_dicts(struct ini_file *f)
{
	size_t i;

	for (i = 0; i < f->ndicts; i++)
		iniparser_freedict(f->dicts[i]);
	free(f->dicts);
	f->dicts = NULL;
	f->ndicts = 0;
}

/*
 * Forgets what the runs read before one could not be opened, for the feed
 * to be read again whole: the values the runs handed to the keys, their
 * copies in f->values, and the dictionaries kept.
 */
static void
ini_unread_runs(struct ini_file *f)
{
	size_t i, j;

	for (i = 0; i < f->nsecs; i++)
		for (j = 0; j < f->secs[i].nkeys; j++)
			f->secs[i].keys[j].val = NULL;
	f->values_len = 0;
	ini_free_dicts(f);
}

static enum runs_result
ini_load_runs(struct ini_file *f)
{
	char name[64];
	size_t a = 0, size = 0;
	int fd;
	bool ok = true, walk = true;

	fd = memfd_create("dais-ini", MFD_CLOEXEC);
	if (fd < 0)
		return RUNS_UNAVAILABLE;
	/* Not probed: a name that does not open, at the first run or a
	 * later one (descriptors can run short in the planner at any
	 * time), sends the whole feed to iniparser another way
	 * (ini_load_copy). */
	snprintf(name, sizeof name, "/proc/self/fd/%d", fd);
	capture_feed = true;
	capture_open_failed = false;
	while (ok && a < f->ncuts) {
		size_t b = ini_run_end(f, a), from = f->cuts[a].offset,
		       to = b < f->ncuts ? f->cuts[b].offset : f->feed_len,
		       done = 0;
		dictionary *d;

		/* Written over the last run, and cut to its length only
		 * when shorter: no truncation to nothing, which freed the
		 * file's page for the next write to take a new one. */
		while (ok && done < to - from) {
			ssize_t w = pwrite(fd, f->feed + from + done,
			                   to - from - done, (off_t)done);

			if (w <= 0)
				ok = false;
			else
				done += (size_t)w;
		}
		if (ok && done < size && ftruncate(fd, (off_t)done) != 0)
			ok = false;
		size = done;
		if (!ok) {
			ini_error(f, 0,
			          "cannot hand the file to iniparser (%s): "
			          "is memory short?",
			          strerror(errno));
			break;
		}
		capture_line_offset = f->cuts[a].line;
		d = iniparser_load(name);
		if (d == NULL) {
			ok = false;
			break;
		}
		ini_take_dict(f, d, a, b, &walk);
		a = b;
	}
	capture_feed = false;
	close(fd);
	if (capture_open_failed) {
		capture_open_failed = false;
		ini_unread_runs(f);
		return RUNS_UNAVAILABLE;
	}
	return ok ? RUNS_READ : RUNS_REFUSED;
}

/*
 * The whole feed handed to iniparser through a temporary file, where a
 * memfd or its /proc/self/fd name is not to be had (no /proc, descriptors
 * short): the bytes the scan checked, not the file read again by its
 * path, which may have changed since (its values would then match other
 * keys, and might not fit f->values). The file is closed before
 * iniparser opens it, so one free descriptor is enough.
 */
static enum runs_result
ini_load_copy(struct ini_file *f)
{
	const char *tmp = getenv("TMPDIR");
	char *name;
	dictionary *d;
	size_t done = 0;
	bool walk = true;
	int fd;

	if (tmp == NULL || *tmp == '\0')
		tmp = "/tmp";
	name = xasprintf("%s/dais-ini-XXXXXX", tmp);
	fd = mkostemp(name, O_CLOEXEC);
	if (fd < 0) {
		ini_error(f, 0,
		          "cannot hand the file to iniparser: no in-memory "
		          "file, and no temporary file in %s (%s): close "
		          "other programs' files, or set TMPDIR to a "
		          "writable directory",
		          tmp, strerror(errno));
		free(name);
		return RUNS_REFUSED;
	}
	while (done < f->feed_len) {
		ssize_t w = write(fd, f->feed + done, f->feed_len - done);

		if (w <= 0)
			break;
		done += (size_t)w;
	}
	if (close(fd) != 0 || done < f->feed_len) {
		ini_error(f, 0,
		          "cannot hand the file to iniparser: cannot write "
		          "its copy in %s (%s): is the disk full?",
		          tmp, strerror(errno));
		unlink(name);
		free(name);
		return RUNS_REFUSED;
	}
	capture_feed = true;
	capture_open_failed = false;
	capture_line_offset = 0;
	d = iniparser_load(name);
	capture_feed = false;
	unlink(name);
	if (d == NULL && capture_open_failed)
		ini_error(f, 0,
		          "cannot hand the file to iniparser: cannot open its "
		          "copy %s: close other programs' files and try again",
		          name);
	free(name);
	if (d == NULL)
		return RUNS_REFUSED;
	ini_take_dict(f, d, 0, f->ncuts, &walk);
	return RUNS_READ;
}

/* The lines of buf: its '\n's, and one more; in *heads those that start
 * with '[' after blanks, as many as its sections or more (a joined line
 * may start with '['). */
static size_t
ini_count_lines(const char *buf, size_t len, size_t *heads)
{
	const char *p = buf, *end = buf + len;
	size_t n = 0;

	*heads = 0;
	for (;;) {
		while (p < end && *p != '\n' &&
		       trim_is_blank((unsigned char)*p))
			p++;
		*heads += p < end && *p == '[';
		n++;
		p = memchr(p, '\n', (size_t)(end - p));
		if (p == NULL)
			return n;
		p++;
	}
}

static bool ini_read_path(struct ini_file *f, const char *path,
                          const char *holds, unsigned flags,
                          struct diag_list *diags);

bool
ini_open(struct ini_file *f, const char *dir, const char *name,
         const char *holds, struct diag_list *diags)
{
	return ini_open_flags(f, dir, name, holds, 0, diags);
}

bool
ini_open_flags(struct ini_file *f, const char *dir, const char *name,
               const char *holds, unsigned flags, struct diag_list *diags)
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
	ok = ini_read_path(f, path, holds, flags, diags);
	free(path);
	return ok;
}

bool
ini_open_path(struct ini_file *f, const char *path, const char *holds,
              struct diag_list *diags)
{
	return ini_read_path(f, path, holds, 0, diags);
}

static bool
ini_read_path(struct ini_file *f, const char *path, const char *holds,
              unsigned flags, struct diag_list *diags)
{
	size_t len, lines, heads;
	char *buf;
	bool ok;

	memset(f, 0, sizeof *f);
	f->flags = flags;
	f->diags = diags;
	f->path = xstrdup(path);
	buf = ini_read_all(f, holds, &len);
	if (buf == NULL)
		return false;
	f->names_cap = 2 * len + 2;
	f->names = xmalloc(f->names_cap);
	/*
	 * Each line gives at most one section, key, feed line or cut: arrays
	 * of that many are allocated once instead of doubled as they fill,
	 * each doubling a copy into new memory (at 2 000 people, 200 page
	 * faults). A page of them is only touched when used. The feed is at
	 * most the file's size unless the scan quotes values written
	 * key=value.
	 */
	lines = ini_count_lines(buf, len, &heads);
	strmap_reserve(&f->sec_by_name, heads);
	f->capsecs = f->capkey_pool = f->capfeed_lines = f->capcuts = lines;
	f->secs = xreallocarray(NULL, lines, sizeof *f->secs);
	f->key_pool = xreallocarray(NULL, lines, sizeof *f->key_pool);
	/* Every value is part of one line of the file, so the file's size
	 * and a NUL a line bound them. */
	f->values_cap = len + lines;
	f->values = xmalloc(f->values_cap);
	/* What only the runs need comes last and goes as soon as they are
	 * read, so that the participants made next reuse its memory. */
	f->feed_lines = xreallocarray(NULL, lines, sizeof *f->feed_lines);
	f->cuts = xreallocarray(NULL, lines, sizeof *f->cuts);
	f->feed_cap = len + 64;
	f->feed = xmalloc(f->feed_cap);
	ok = ini_scan(f, buf, len);
	f->text = buf;
	f->len = len;
	if (ok) {
		size_t before = diags->n;

		enum runs_result got = RUNS_READ;

		capture_file = f;
		capture_line_offset = 0;
		iniparser_set_error_callback(ini_capture);
		if (f->ncuts > 0)
			got = ini_load_runs(f);
		if (got == RUNS_UNAVAILABLE)
			got = ini_load_copy(f);
		capture_file = NULL;
		if (got == RUNS_REFUSED && diags->n == before)
			ini_error(f, 0,
			          "iniparser cannot read the file: check that "
			          "it is a readable text file");
		ok = got == RUNS_READ;
		if (ok)
			ini_attach(f);
	}
	ini_free_feed(f);
	/* Nothing of a refused file is used: drop what the scan saw and
	 * the runs iniparser read before it refused one. */
	if (!ok) {
		ini_free_sections(f);
		ini_free_dicts(f);
	}
	return ok;
}

void
ini_close(struct ini_file *f)
{
	ini_free_sections(f);
	ini_free_feed(f);
	free(f->entries);
	free(f->values);
	free(f->path);
	free(f->text);
	ini_free_dicts(f);
	memset(f, 0, sizeof *f);
}

/* ---- Lookups ----------------------------------------------------------- */

const struct ini_section *
ini_section(const struct ini_file *f, const char *name)
{
	size_t i;

	return strmap_get(&f->sec_by_name, name, &i) ? &f->secs[i] : NULL;
}

const struct ini_key *
ini_key(const struct ini_section *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->nkeys; i++)
		if (ini_same_name(s->keys[i].name, name))
			return &s->keys[i];
	return NULL;
}

const char *
ini_value(const struct ini_file *f, const struct ini_section *s,
          const char *key, int *line)
{
	const struct ini_key *k = ini_key(s, key);

	(void)f;
	if (line != NULL)
		*line = k != NULL ? k->line : s->line;
	if (k == NULL || k->bad)
		return NULL;
	return k->val;
}
