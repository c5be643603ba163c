/*
 * import_people.c: `dais import-participants` (import.h). Rows are matched
 * to sections, their changes applied to participants.ini as read, and the
 * result loaded by the registry loader in a scratch directory: an error
 * the file did not have before, on a section a row wrote, refuses that row
 * with the loader's message, and the rest are tried again without it.
 * Judging all rows together lets a minister name a delegation that a later
 * row adds.
 */
#include "dais/import.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dais/csvtable.h"
#include "dais/iniwrite.h"
#include "dais/registry.h"
#include "dais/trim.h"
#include "dais/scratchdir.h"
#include "dais/strbuf.h"
#include "dais/translit.h"
#include "dais/utf8.h"
#include "dais/xalloc.h"
#include "registry_ini.h"

const char *const import_keys[] = {
    "id",         "name",      "name-local", "title",     "kind",
    "delegation", "languages", "arrival",    "departure", "delegates",
    "precedence", "email",     "phone",      NULL,
};
#define KEY_ID    0
#define KEY_NAME  1
#define KEY_KIND  4
#define KEY_LANGS 6
#define NKEYS     13

/* Header names read as a key without --map (after folding: lower case,
 * blanks and '_' as '-'): what registration systems and spreadsheets
 * call the columns. */
static const struct {
	const char *column;
	int key;
} aliases[] = {
    {"key", KEY_ID},
    {"participant-id", KEY_ID},
    {"slug", KEY_ID},
    {"display-name", KEY_NAME},
    {"full-name", KEY_NAME},
    {"participant", KEY_NAME},
    {"local-name", 2},
    {"native-name", 2},
    {"name-(local)", 2},
    {"office", 3},
    {"position", 3},
    {"function", 3},
    {"job-title", 3},
    {"type", KEY_KIND},
    {"category", KEY_KIND},
    {"participant-type", KEY_KIND},
    {"delegation-id", 5},
    {"group", 5},
    {"language", KEY_LANGS},
    {"working-languages", KEY_LANGS},
    {"arrives", 7},
    {"arrival-time", 7},
    {"departs", 8},
    {"departure-time", 8},
    {"rank", 10},
    {"protocol-order", 10},
    {"e-mail", 11},
    {"mail", 11},
    {"email-address", 11},
    {"telephone", 12},
    {"tel", 12},
    {"mobile", 12},
    {"phone-number", 12},
};

struct change {
	int key;
	char *old, *value; /* old NULL: the key was absent */
};

/* One data row of the CSV, as understood. */
struct row {
	int line;
	char *values[NKEYS]; /* trimmed; NULL for an empty cell */
	char *id;
	bool is_new, refused, skip;
	char *why;
	struct change *changes;
	size_t nchanges, capchanges;
	struct strlist warnings;
};

/* Lower case, blanks and '_' as '-', trimmed: "E-mail Address" and
 * "email_address" both read "e-mail-address". */
static char *
fold_column(const char *s)
{
	size_t n = strlen(s);
	const char *t = trim_blanks(s, &n);
	char *out = xstrndup(t, n), *p;

	for (p = out; *p != '\0'; p++) {
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
		else if (*p == ' ' || *p == '_' || *p == '\t')
			*p = '-';
	}
	return out;
}

static int
key_index(const char *name)
{
	int k;

	for (k = 0; import_keys[k] != NULL; k++)
		if (strcmp(import_keys[k], name) == 0)
			return k;
	return -1;
}

/* The key a header cell reads as by default, or -1. */
static int
default_key(const char *folded)
{
	size_t i;
	int k = key_index(folded);

	if (k >= 0)
		return k;
	for (i = 0; i < sizeof aliases / sizeof *aliases; i++)
		if (strcmp(aliases[i].column, folded) == 0)
			return aliases[i].key;
	return -1;
}

char *
import_slug(const char *name)
{
	struct strbuf b = {0};
	size_t n = strlen(name), len;
	const char *p = name, *spelt;
	unsigned int cp;
	char *out;

	while (n > 0) {
		len = utf8_decode(p, n, &cp);
		if (len == 0)
			len = 1; /* a stray byte: a separator */
		if (cp >= 'A' && cp <= 'Z')
			strbuf_addc(&b, (char)(cp - 'A' + 'a'));
		else if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
			strbuf_addc(&b, (char)cp);
		else if (cp >= 0x80 &&
		         (spelt = translit_id_letters(cp)) != NULL)
			strbuf_addstr(&b, spelt); /* "" inside a word: ь */
		else if (b.n > 0 && b.v[b.n - 1] != '-')
			strbuf_addc(&b, '-');
		p += len;
		n -= len;
	}
	out = strbuf_take(&b);
	len = strlen(out);
	while (len > 0 && out[len - 1] == '-')
		out[--len] = '\0';
	return out;
}

/* "ar,en ,ru" as the loader lists it: "ar, en, ru". */
static char *
normal_list(const char *v)
{
	char *copy = xstrdup(v), *item, *save = NULL, *out = xstrdup(""), *more;

	for (item = strtok_r(copy, ",", &save); item != NULL;
	     item = strtok_r(NULL, ",", &save)) {
		size_t n = strlen(item);
		const char *t = trim_blanks(item, &n);

		if (n == 0)
			continue;
		more = xasprintf("%s%s%.*s", out, *out != '\0' ? ", " : "",
		                 (int)n, t);
		free(out);
		out = more;
	}
	free(copy);
	return out;
}

static bool
same_value(int key, const char *a, const char *b)
{
	char *na, *nb;
	bool same;

	if (key != KEY_LANGS)
		return strcmp(a, b) == 0;
	na = normal_list(a);
	nb = normal_list(b);
	same = strcmp(na, nb) == 0;
	free(na);
	free(nb);
	return same;
}

static void
row_free(struct row *w)
{
	size_t i;

	for (i = 0; i < NKEYS; i++)
		free(w->values[i]);
	for (i = 0; i < w->nchanges; i++) {
		free(w->changes[i].old);
		free(w->changes[i].value);
	}
	free(w->changes);
	free(w->id);
	free(w->why);
	strlist_clear(&w->warnings);
}

static void
refuse(struct row *w, char *why)
{
	w->refused = true;
	free(w->why);
	w->why = why;
}

/* ---- The header ---------------------------------------------------------
 */

/* colkey[c]: the key column c gives, or -1. False with *why. */
static bool
map_columns(const struct import_options *o, const struct csv_table *t,
            int *colkey, struct strlist *notes, char **why)
{
	const struct csv_row *h = &t->rows[0];
	bool mapped[NKEYS] = {false};
	size_t c, m;
	int k;

	for (c = 0; c < h->n; c++) {
		char *f = fold_column(h->cells[c]);

		colkey[c] = default_key(f);
		free(f);
	}
	for (m = 0; m < o->nmap; m++) {
		const char *eq = strrchr(o->map[m], '=');
		char *col, *fc;
		bool found = false;

		if (eq == NULL || eq == o->map[m] || eq[1] == '\0') {
			*why = xasprintf("--map %s: write COLUMN=KEY, such as "
			                 "--map 'Nom=name'",
			                 o->map[m]);
			return false;
		}
		k = strcmp(eq + 1, "-") == 0 ? -1 : key_index(eq + 1);
		if (k < 0 && strcmp(eq + 1, "-") != 0) {
			char *keys = xstrdup(""), *more;

			for (k = 0; import_keys[k] != NULL; k++) {
				more =
				    xasprintf("%s%s%s", keys, k > 0 ? ", " : "",
				              import_keys[k]);
				free(keys);
				keys = more;
			}
			*why = xasprintf("--map %s: %s is not a key of "
			                 "participants.ini: write one of %s, "
			                 "or - to leave the column out",
			                 o->map[m], eq + 1, keys);
			free(keys);
			return false;
		}
		col = xstrndup(o->map[m], (size_t)(eq - o->map[m]));
		fc = fold_column(col);
		for (c = 0; c < h->n; c++) {
			char *f = fold_column(h->cells[c]);

			if (strcmp(f, fc) == 0) {
				colkey[c] = k;
				found = true;
			}
			free(f);
		}
		free(fc);
		if (!found) {
			*why = xasprintf("--map %s: %s has no column \"%s\" in "
			                 "its header (line %d)",
			                 o->map[m], o->csv, col, h->line);
			free(col);
			return false;
		}
		free(col);
	}
	for (c = 0; c < h->n; c++) {
		if (colkey[c] < 0) {
			if (h->cells[c][0] != '\0')
				strlist_add(notes, h->cells[c]);
			continue;
		}
		if (mapped[colkey[c]]) {
			size_t first;

			for (first = 0; colkey[first] != colkey[c]; first++)
				;
			*why = xasprintf("%s:%d: the columns \"%s\" and \"%s\" "
			                 "both give %s: "
			                 "leave one out with --map '%s=-'",
			                 o->csv, h->line, h->cells[first],
			                 h->cells[c], import_keys[colkey[c]],
			                 h->cells[c]);
			return false;
		}
		mapped[colkey[c]] = true;
	}
	if (!mapped[KEY_ID] && !mapped[KEY_NAME]) {
		*why = xasprintf("%s:%d: no column gives the id or the name of "
		                 "a participant: name one \"id\" or \"name\", "
		                 "or use --map 'COLUMN=name'",
		                 o->csv, h->line);
		return false;
	}
	return true;
}

/* ---- Rows ------------------------------------------------------------ */

/* The section of doc whose name is `name`: *out its id, or NULL; false
 * when several have it. */
static bool
section_by_name(const struct ini_doc *doc, const struct strlist *secs,
                const char *name, const char **out, const char **other)
{
	size_t i;

	*out = NULL;
	for (i = 0; i < secs->n; i++) {
		char *v = ini_doc_get(doc, secs->v[i], "name");
		bool same = v != NULL && strcmp(v, name) == 0;

		free(v);
		if (!same)
			continue;
		if (*out != NULL) {
			*other = secs->v[i];
			return false;
		}
		*out = secs->v[i];
	}
	return true;
}

/*
 * An id for a name with no letter dais can spell (Arabic, Chinese): the
 * row's kind (or "participant") and the first number no participant and
 * no earlier row has: "minister-3". Importing the list again finds the
 * participant by its name, so the id stays.
 */
static char *
made_up_id(const struct row *w, const struct strlist *secs,
           const struct strlist *seen)
{
	const char *kind = w->values[KEY_KIND];
	char *id = NULL;
	int n;

	if (kind == NULL || !ini_is_slug(kind))
		kind = "participant";
	for (n = 1;; n++) {
		free(id);
		id = xasprintf("%s-%d", kind, n);
		if (!strlist_has(secs, id) && !strlist_has(seen, id))
			return id;
	}
}

static void
resolve_id(struct row *w, const struct ini_doc *doc, const struct strlist *secs,
           const struct strlist *seen)
{
	const char *found, *other = NULL;
	char *slug, *oname, *note;

	if (w->values[KEY_ID] != NULL) {
		if (!ini_is_slug(w->values[KEY_ID])) {
			char *lower = import_slug(w->values[KEY_ID]);

			refuse(w, xasprintf("\"%s\" is not an id: ids are "
			                    "lowercase letters, digits and "
			                    "'-', like \"%s\"",
			                    w->values[KEY_ID],
			                    *lower != '\0' ? lower
			                                   : "kw-interior"));
			free(lower);
			return;
		}
		w->id = xstrdup(w->values[KEY_ID]);
		return;
	}
	if (w->values[KEY_NAME] == NULL) {
		refuse(w, xstrdup("the row has neither an id nor a name: "
		                  "fill one in, or remove the row"));
		return;
	}
	if (!section_by_name(doc, secs, w->values[KEY_NAME], &found, &other)) {
		refuse(w, xasprintf("[%s] and [%s] are both named \"%s\": "
		                    "add an id column to say which one",
		                    found, other, w->values[KEY_NAME]));
		return;
	}
	if (found != NULL) {
		w->id = xstrdup(found);
		return;
	}
	slug = import_slug(w->values[KEY_NAME]);
	if (*slug == '\0') {
		free(slug);
		w->id = made_up_id(w, secs, seen);
		note = xasprintf("no id can be spelt from the name \"%s\" "
		                 "(dais spells Latin, Cyrillic and Greek "
		                 "letters in ids), so [%s] was made up; to "
		                 "choose another, write it in an id "
		                 "column on this row",
		                 w->values[KEY_NAME], w->id);
		strlist_add(&w->warnings, note);
		free(note);
		return;
	}
	if (strlist_has(secs, slug)) {
		oname = ini_doc_get(doc, slug, "name");
		refuse(w, xasprintf("the id made from the name, \"%s\", is "
		                    "already [%s] \"%s\": add an id column "
		                    "to tell them apart",
		                    slug, slug, oname != NULL ? oname : ""));
		free(oname);
		free(slug);
		return;
	}
	w->id = slug;
}

/* What the row changes in doc (as read). */
static void
diff_row(struct row *w, const struct ini_doc *doc)
{
	int k;

	w->is_new = !ini_doc_has_section(doc, w->id);
	for (k = 1; k < NKEYS; k++) {
		char *old, *why = NULL, *q;
		struct change *c;

		if (w->values[k] == NULL)
			continue;
		if (k == KEY_LANGS) {
			char *n = normal_list(w->values[k]);

			free(w->values[k]);
			w->values[k] = n;
		}
		old =
		    w->is_new ? NULL : ini_doc_get(doc, w->id, import_keys[k]);
		if (old != NULL && same_value(k, old, w->values[k])) {
			free(old);
			continue;
		}
		q = ini_quote(w->values[k], &why);
		if (q == NULL) {
			refuse(w, xasprintf("%s: %s", import_keys[k], why));
			free(why);
			free(old);
			return;
		}
		free(q);
		XGROW(w->changes, w->nchanges, w->capchanges);
		c = &w->changes[w->nchanges++];
		c->key = k;
		c->old = old;
		c->value = xstrdup(w->values[k]);
	}
}

/* The last section of doc whose kind is `kind`, for a new one to follow. */
static const char *
last_of_kind(const struct ini_doc *doc, const struct strlist *secs,
             const char *kind)
{
	const char *last = NULL;
	size_t i;

	if (kind == NULL)
		return NULL;
	for (i = 0; i < secs->n; i++) {
		char *v = ini_doc_get(doc, secs->v[i], "kind");

		if (v != NULL && strcmp(v, kind) == 0)
			last = secs->v[i];
		free(v);
	}
	return last;
}

/* doc (text as read) with every row not refused applied. */
static struct ini_doc *
apply_rows(const char *path, const char *text, size_t len, struct row *rows,
           size_t nrows)
{
	struct ini_doc *doc = ini_doc_from_text(path, text, len);
	size_t i, j;

	for (i = 0; i < nrows; i++) {
		struct row *w = &rows[i];
		char *why = NULL;

		if (w->refused || w->skip || w->nchanges == 0)
			continue;
		if (w->is_new) {
			struct strlist secs = {0};
			const char *after;

			ini_doc_sections(doc, &secs);
			after = last_of_kind(doc, &secs, w->values[KEY_KIND]);
			if (!ini_doc_add_section(doc, w->id, after, &why))
				abort(); /* ids are slugs: always writable */
			strlist_clear(&secs);
		}
		for (j = 0; j < w->nchanges; j++)
			if (!ini_doc_set(doc, w->id,
			                 import_keys[w->changes[j].key],
			                 w->changes[j].value, &why))
				abort(); /* values were checked by diff_row */
	}
	return doc;
}

static bool
has_message(const struct diag_list *d, const struct diag *x)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (d->v[i].level == x->level &&
		    strcmp(d->v[i].message, x->message) == 0)
			return true;
	return false;
}

/* The row that writes section `sec`, or NULL. */
static struct row *
row_of(struct row *rows, size_t nrows, const char *sec)
{
	size_t i;

	for (i = 0; sec != NULL && i < nrows; i++)
		if (!rows[i].refused && rows[i].id != NULL &&
		    rows[i].nchanges > 0 && strcmp(rows[i].id, sec) == 0)
			return &rows[i];
	return NULL;
}

/*
 * Loads doc's text as participants.ini in scratch (the conference's zone
 * from p); refuses the rows whose sections got an error `base` lacks.
 * Returns how many were refused; *stray gets an error no row explains.
 */
static size_t
judge(const struct programme *p, const char *scratch, struct ini_doc *doc,
      const struct diag_list *base, struct row *rows, size_t nrows, bool final,
      char **stray)
{
	char *path = xasprintf("%s/participants.ini", scratch), *text;
	struct programme *q = programme_new();
	bool written;
	FILE *out;
	struct diag_list d = {0};
	size_t i, len, refused = 0;

	/* A scratch copy for the loader: no need to survive a crash. */
	text = ini_doc_text(doc, &len);
	out = fopen(path, "wb");
	written = out != NULL && fwrite(text, 1, len, out) == len;
	if (out != NULL && fclose(out) != 0)
		written = false;
	if (!written) {
		*stray = xasprintf("%s: cannot write the scratch copy: %s",
		                   path, strerror(errno));
		free(text);
		free(path);
		programme_free(q);
		return 0;
	}
	free(text);
	zone_free(&q->conf.zone);
	zone_copy(&q->conf.zone, &p->conf.zone);
	registry_load_people(q, scratch, &d);
	for (i = 0; i < d.n; i++) {
		struct row *w;

		if (has_message(base, &d.v[i]))
			continue;
		w = row_of(rows, nrows, ini_doc_section_at(doc, d.v[i].line));
		if (d.v[i].level == DIAG_ERROR && w != NULL) {
			if (!w->refused)
				refused++;
			refuse(w, xstrdup(d.v[i].message));
		} else if (d.v[i].level == DIAG_ERROR && *stray == NULL) {
			*stray = xasprintf("line %d of the result: %s",
			                   d.v[i].line, d.v[i].message);
		} else if (final && w != NULL) {
			strlist_add(&w->warnings, d.v[i].message);
		}
	}
	diag_clear(&d);
	programme_free(q);
	unlink(path);
	free(path);
	return refused;
}

static void
describe(struct import_result *r, const struct row *w)
{
	struct import_row *x;
	size_t i;

	XGROW(r->rows, r->nrows, r->caprows);
	x = &r->rows[r->nrows++];
	memset(x, 0, sizeof *x);
	x->line = w->line;
	x->id = w->id != NULL ? xstrdup(w->id) : NULL;
	strlist_copy(&x->warnings, &w->warnings);
	if (w->refused) {
		x->outcome = IMPORT_REFUSED;
		x->detail = xstrdup(w->why);
	} else if (w->nchanges == 0) {
		x->outcome = IMPORT_UNCHANGED;
	} else if (w->is_new) {
		x->outcome = IMPORT_ADDED;
	} else {
		char *d = xstrdup(""), *more;

		x->outcome = IMPORT_CHANGED;
		for (i = 0; i < w->nchanges; i++) {
			const struct change *c = &w->changes[i];

			if (c->old != NULL)
				more = xasprintf("%s%s%s \"%s\" -> \"%s\"", d,
				                 i > 0 ? ", " : "",
				                 import_keys[c->key], c->old,
				                 c->value);
			else
				more = xasprintf("%s%s%s (new) \"%s\"", d,
				                 i > 0 ? ", " : "",
				                 import_keys[c->key], c->value);
			free(d);
			d = more;
		}
		x->detail = d;
	}
	r->counts[x->outcome]++;
}

static char *
first_errors(const struct diag_list *d)
{
	char *out = NULL, *more;
	size_t i;

	for (i = 0; i < d->n; i++) {
		char *line;

		if (d->v[i].level != DIAG_ERROR)
			continue;
		line = diag_format(&d->v[i]);
		more = out == NULL ? xstrdup(line)
		                   : xasprintf("%s\n%s", out, line);
		free(out);
		free(line);
		out = more;
	}
	return out;
}

enum import_status
import_participants(const struct import_options *o, struct import_result *r,
                    char **why)
{
	enum import_status status = IMPORT_BAD_INPUT;
	struct programme *p = programme_new();
	struct diag_list loaded = {0}, base = {0};
	struct csv_table t = {0};
	struct ini_doc *doc = NULL, *result = NULL;
	struct strlist secs = {0}, seen = {0};
	struct row *rows = NULL;
	char *path = xasprintf("%s/participants.ini", o->dir), *text = NULL;
	struct scratchdir *sd = NULL;
	const char *scratch;
	char *stray = NULL;
	int *colkey = NULL;
	size_t i, c, nrows = 0, len = 0;

	*why = NULL;
	if (!registry_load(p, o->dir, &loaded) || p->conf.zone.name == NULL) {
		char *errs = first_errors(&loaded);

		*why = xasprintf("%s\n%s was not read, so nothing was "
		                 "imported: fix the above and run again",
		                 errs != NULL ? errs : "", o->dir);
		free(errs);
		goto done;
	}
	for (i = 0; i < loaded.n; i++) {
		const char *f = loaded.v[i].file;
		size_t n = f != NULL ? strlen(f) : 0;

		if (n >= 16 && strcmp(f + n - 16, "participants.ini") == 0)
			diag_add(&base, loaded.v[i].level, NULL, 0, NULL, "%s",
			         loaded.v[i].message);
		else if (loaded.v[i].level == DIAG_ERROR) {
			char *errs = first_errors(&loaded);

			*why = xasprintf("%s\nfix the programme's registries "
			                 "first: nothing was imported",
			                 errs);
			free(errs);
			goto done;
		}
	}
	if (!csv_table_read(o->csv, o->sep, &t, why))
		goto done;
	if (t.nrows == 0) {
		*why = xasprintf("%s is empty: its first line names the "
		                 "columns (id, name, kind...), each further "
		                 "line is a participant",
		                 o->csv);
		goto done;
	}
	colkey = xreallocarray(NULL, t.rows[0].n + 1, sizeof *colkey);
	if (!map_columns(o, &t, colkey, &r->notes, why))
		goto done;
	doc = ini_doc_load(path, why);
	if (doc == NULL)
		goto done;
	text = ini_doc_text(doc, &len);
	ini_doc_sections(doc, &secs);
	rows = xcalloc(t.nrows, sizeof *rows);
	for (i = 1; i < t.nrows; i++) {
		const struct csv_row *cr = &t.rows[i];
		struct row *w = &rows[nrows++];
		bool any = false;

		w->line = cr->line;
		for (c = 0; c < cr->n; c++) {
			size_t n = strlen(cr->cells[c]);
			const char *v = trim_blanks(cr->cells[c], &n);

			if (n > 0 && colkey[c] >= 0)
				w->values[colkey[c]] = xstrndup(v, n);
			any |= n > 0;
		}
		if (!any) { /* a blank row, as spreadsheets leave at the end */
			w->skip = true;
			continue;
		}
		resolve_id(w, doc, &secs, &seen);
		if (w->refused)
			continue;
		if (strlist_has(&seen, w->id)) {
			const struct row *o = NULL;
			size_t j;

			for (j = 0; j + 1 < nrows; j++)
				if (rows[j].id != NULL &&
				    strcmp(rows[j].id, w->id) == 0)
					o = &rows[j];
			if (w->values[KEY_ID] == NULL && o->values[KEY_NAME] &&
			    w->values[KEY_NAME] &&
			    strcmp(o->values[KEY_NAME], w->values[KEY_NAME]) !=
			        0)
				/* two names, one spelling: never merged */
				refuse(
				    w,
				    xasprintf(
				        "the id made from the name, [%s], is "
				        "also line %d's (\"%s\"): add an id "
				        "column to tell them apart",
				        w->id, o->line, o->values[KEY_NAME]));
			else
				refuse(w, xasprintf(
				              "line %d already imports "
				              "[%s]: one row per participant",
				              o->line, w->id));
			continue;
		}
		strlist_add(&seen, w->id);
		diff_row(w, doc);
	}
	if ((sd = scratchdir_make("dais-import", why)) == NULL)
		goto done;
	scratch = scratchdir_path(sd);
	/* Refusing a row may break another (one naming a delegation that
	 * was refused): judge again until every error is explained. */
	for (;;) {
		size_t refused;

		ini_doc_free(result);
		result = apply_rows(path, text, len, rows, nrows);
		refused = judge(p, scratch, result, &base, rows, nrows, false,
		                &stray);
		if (stray != NULL) {
			*why = xasprintf("%s: importing would leave an error "
			                 "no row explains, so nothing was "
			                 "written: %s",
			                 path, stray);
			status = IMPORT_NOT_WRITTEN;
			goto done;
		}
		if (refused == 0)
			break;
	}
	judge(p, scratch, result, &base, rows, nrows, true, &stray);
	for (i = 0; i < nrows; i++)
		if (!rows[i].skip)
			describe(r, &rows[i]);
	status = IMPORT_OK;
	if (o->dry_run || !ini_doc_changed(result))
		goto done;
	if (ini_doc_save(result, why) != INI_SAVED) {
		status = IMPORT_NOT_WRITTEN;
		goto done;
	}
	r->written = true;
done:
	scratchdir_free(sd);
	for (i = 0; i < nrows; i++)
		row_free(&rows[i]);
	free(rows);
	free(colkey);
	free(stray);
	free(text);
	free(path);
	ini_doc_free(doc);
	ini_doc_free(result);
	strlist_clear(&secs);
	strlist_clear(&seen);
	csv_table_clear(&t);
	diag_clear(&loaded);
	diag_clear(&base);
	programme_free(p);
	return status;
}

void
import_result_clear(struct import_result *r)
{
	size_t i;

	for (i = 0; i < r->nrows; i++) {
		free(r->rows[i].id);
		free(r->rows[i].detail);
		strlist_clear(&r->rows[i].warnings);
	}
	free(r->rows);
	strlist_clear(&r->notes);
	memset(r, 0, sizeof *r);
}
