/*
 * runsheet_text.c: the run-sheet as 80-column UTF-8 text for a terminal or
 * a line printer: wrapped with hanging indents by display width, cut into
 * pages of a fixed number of lines with a header and a "page X of Y" footer
 * on each, form feeds between pages, a session never split unless it is
 * longer than a page.
 */
#include <stdlib.h>
#include <string.h>

#include "dais/textwidth.h"
#include "dais/xalloc.h"
#include "runsheet_doc.h"

#define WIDTH       80
#define HEADER      4 /* lines: two of text, a rule, a blank */
#define FOOTER      2 /* lines: a rule, produced and page number */
#define TITLE_AT    13
#define VALUE_AT    18
#define CONFLICT_AT 5

struct lines {
	char **v;
	size_t n, cap;
};

static void
lines_add(struct lines *l, char *owned)
{
	XGROW(l->v, l->n, l->cap);
	l->v[l->n++] = owned;
}

static void
lines_clear(struct lines *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

/*
 * Wraps text into lines of at most WIDTH columns: the first line begins
 * with `first` (already `indent` columns wide), the rest with `indent`
 * spaces, so the text hangs.
 */
static void
add_wrapped(struct lines *l, const char *first, int indent, const char *text)
{
	size_t n, i;
	char **w = text_wrap(text, WIDTH - indent, &n);

	for (i = 0; i < n; i++) {
		if (i == 0)
			lines_add(l, xasprintf("%s%s", first, w[i]));
		else
			lines_add(l, xasprintf("%*s%s", indent, "", w[i]));
		free(w[i]);
	}
	free(w);
}

/* "left ... right" in WIDTH columns; the left side gives way. */
static char *
left_right(const char *left, const char *right)
{
	int rw = text_width(right);
	char *r, *l, *out;

	if (rw > WIDTH / 2) {
		r = text_truncate(right, WIDTH / 2);
		rw = text_width(r);
	} else {
		r = xstrdup(right);
	}
	l = text_fit(left, WIDTH - rw - (rw ? 2 : 0));
	out = xasprintf("%s%s%s", l, rw ? "  " : "", r);
	free(l);
	free(r);
	/* Trailing blanks would make a right side of "" leave spaces. */
	while (*out && out[strlen(out) - 1] == ' ')
		out[strlen(out) - 1] = '\0';
	return out;
}

static char *
repeat(char c, int n)
{
	char *s = xmalloc((size_t)n + 1);

	memset(s, c, (size_t)n);
	s[n] = '\0';
	return s;
}

static void
add_field(struct lines *l, const struct rs_field *f)
{
	char *label = text_fit(f->label, VALUE_AT - 3);
	char *first = xasprintf("  %s ", label);
	char *blank = repeat(' ', VALUE_AT);
	size_t i;
	int digits = 1;

	free(label);
	for (i = 0; i < f->n; i++)
		while (f->v[i].number >= (digits == 1 ? 10 : 100) && digits < 3)
			digits++;
	if (f->joined) {
		char *all = xstrdup(""), *t;

		for (i = 0; i < f->n; i++) {
			t = xasprintf("%s%s%s", all, i ? ", " : "",
			              f->v[i].text);
			free(all);
			all = t;
		}
		add_wrapped(l, first, VALUE_AT, all);
		free(all);
	}
	for (i = 0; !f->joined && i < f->n; i++) {
		const struct rs_entry *e = &f->v[i];
		/* Right-aligned numbers, so the names start in one column. */
		char *num = e->number ? xasprintf("%*d. ", digits, e->number)
		                      : xstrdup("");
		int at = VALUE_AT + text_width(num);
		char *lead = xasprintf("%s%s", i == 0 ? first : blank, num);

		add_wrapped(l, lead, at, e->text);
		free(lead);
		if (e->detail != NULL) {
			lead = repeat(' ', at + 2);
			add_wrapped(l, lead, at + 2, e->detail);
			free(lead);
		}
		free(num);
	}
	free(first);
	free(blank);
}

static void
render_block(struct lines *l, const struct rs_block *b)
{
	int tw = text_width(b->time);
	int at = tw + 2 > TITLE_AT ? tw + 2 : TITLE_AT;
	char *first = xasprintf("%s%*s", b->time, at - tw, "");
	char *blank = repeat(' ', at);
	char *title = b->cancelled ? xasprintf("*** CANCELLED *** %s", b->title)
	                           : xstrdup(b->title);
	size_t i;

	add_wrapped(l, first, at, title);
	add_wrapped(l, blank, at, b->meta);
	for (i = 0; i < b->nfields; i++)
		add_field(l, &b->fields[i]);
	for (i = 0; i < b->nconflicts; i++)
		add_wrapped(l, "  !! ", CONFLICT_AT, b->conflicts[i].text);
	free(first);
	free(blank);
	free(title);
}

static void
render_header(struct lines *l, const struct rs_doc *d,
              const struct rs_section *s)
{
	char *day = xasprintf("%s \xc2\xb7 %s", s->dayno, s->day);

	lines_add(l, left_right(d->conference, d->tag));
	lines_add(l, left_right(day, s->scope));
	lines_add(l, repeat('=', WIDTH));
	lines_add(l, xstrdup(""));
	free(day);
}

static void
render_footer(struct lines *l, const struct rs_doc *d, int page, int pages)
{
	char *left = xasprintf("%s \xc2\xb7 %s", d->produced, d->marking);
	char *right =
	    page > 0 ? xasprintf("page %d of %d", page, pages) : xstrdup("");

	lines_add(l, repeat('-', WIDTH));
	lines_add(l, left_right(left, right));
	free(left);
	free(right);
}

/* A page's body, before headers and footers are known. */
struct page {
	size_t section;
	struct lines body;
};

struct book {
	struct page *v;
	size_t n, cap;
};

static struct page *
new_page(struct book *bk, size_t section)
{
	struct page *pg;

	XGROW(bk->v, bk->n, bk->cap);
	pg = &bk->v[bk->n++];
	memset(pg, 0, sizeof *pg);
	pg->section = section;
	return pg;
}

/* Lays a section's items (each a run of lines) out on pages of `body`. */
static void
paginate(struct book *bk, size_t section, struct lines *items, size_t nitems,
         const char *const *titles, int body)
{
	struct page *pg = new_page(bk, section);
	size_t i, j;

	for (i = 0; i < nitems; i++) {
		struct lines *it = &items[i];
		int room = body - (int)pg->body.n;
		int need = (int)it->n + (pg->body.n ? 1 : 0);

		/*
		 * A block that fits on a page moves whole to the next one; a
		 * longer one must be split anyway, so it starts here unless
		 * hardly a line is left.
		 */
		if (need > room && pg->body.n > 0 &&
		    ((int)it->n <= body || room < 3))
			pg = new_page(bk, section);
		if (pg->body.n > 0)
			lines_add(&pg->body, xstrdup(""));
		for (j = 0; j < it->n; j++) {
			if ((int)pg->body.n >= body) {
				/* Only a block longer than a page gets here. */
				char *more;

				pg = new_page(bk, section);
				more = xasprintf("(continued) %s",
				                 titles[i] ? titles[i] : "");
				lines_add(&pg->body,
				          text_truncate(more, WIDTH));
				free(more);
			}
			lines_add(&pg->body, it->v[j]);
			it->v[j] = NULL;
		}
		it->n = 0;
	}
}

static void
append(char **buf, size_t *len, size_t *cap, const char *s)
{
	size_t n = strlen(s);

	while (*len + n + 1 > *cap) {
		*cap = *cap ? *cap * 2 : 4096;
		*buf = xreallocarray(*buf, *cap, 1);
	}
	memcpy(*buf + *len, s, n + 1);
	*len += n;
}

static void
append_lines(char **buf, size_t *len, size_t *cap, const struct lines *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		append(buf, len, cap, l->v[i]);
		append(buf, len, cap, "\n");
	}
}

/* A section's items: the summary line, then one per session. */
/* The document's intro (d, or NULL) goes before the first section's
 * summary. */
static size_t
section_items(const struct rs_doc *d, const struct rs_section *s,
              struct lines **items, char ***titles)
{
	size_t i, n = s->nblocks + 1;

	*items = xcalloc(n, sizeof **items);
	*titles = xcalloc(n, sizeof **titles);
	for (i = 0; d != NULL && i < d->nintro; i++)
		add_wrapped(&(*items)[0], "", 0, d->intro[i]);
	if (d != NULL && d->nintro > 0)
		lines_add(&(*items)[0], xstrdup(""));
	lines_add(&(*items)[0],
	          text_truncate(s->nblocks ? s->summary : s->empty, WIDTH));
	if (s->all_day != NULL) /* "All day: " hangs over the rest */
		add_wrapped(&(*items)[0], "", 9, s->all_day);
	for (i = 0; i < s->nblocks; i++) {
		render_block(&(*items)[i + 1], &s->blocks[i]);
		(*titles)[i + 1] =
		    xasprintf("%s %s", s->blocks[i].time, s->blocks[i].title);
	}
	return n;
}

static void
free_items(struct lines *items, char **titles, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		lines_clear(&items[i]);
		free(titles[i]);
	}
	free(items);
	free(titles);
}

char *
rs_text_render(const struct rs_doc *d, int page_length, int *pages)
{
	struct book bk = {0};
	char *buf = NULL;
	size_t len = 0, cap = 0, i, n;
	struct lines *items;
	char **titles;

	append(&buf, &len, &cap, "");
	if (page_length <= 0) {
		/* One long page: each day's header, then the footer once. */
		for (i = 0; i < d->nsections; i++) {
			struct lines l = {0};
			size_t j;

			if (i > 0)
				append(&buf, &len, &cap, "\n");
			render_header(&l, d, &d->sections[i]);
			n = section_items(i == 0 ? d : NULL, &d->sections[i],
			                  &items, &titles);
			for (j = 0; j < n; j++) {
				size_t k;

				if (j > 0)
					lines_add(&l, xstrdup(""));
				for (k = 0; k < items[j].n; k++) {
					lines_add(&l, items[j].v[k]);
					items[j].v[k] = NULL;
				}
			}
			free_items(items, titles, n);
			append_lines(&buf, &len, &cap, &l);
			lines_clear(&l);
		}
		{
			struct lines l = {0};

			lines_add(&l, xstrdup(""));
			render_footer(&l, d, 0, 1);
			append_lines(&buf, &len, &cap, &l);
			lines_clear(&l);
		}
		*pages = 1;
		return buf;
	}
	for (i = 0; i < d->nsections; i++) {
		n = section_items(i == 0 ? d : NULL, &d->sections[i], &items,
		                  &titles);
		paginate(&bk, i, items, n, (const char *const *)titles,
		         page_length - HEADER - FOOTER);
		free_items(items, titles, n);
	}
	for (i = 0; i < bk.n; i++) {
		struct lines l = {0};

		if (i > 0)
			append(&buf, &len, &cap, "\f");
		render_header(&l, d, &d->sections[bk.v[i].section]);
		append_lines(&buf, &len, &cap, &l);
		lines_clear(&l);
		append_lines(&buf, &len, &cap, &bk.v[i].body);
		/* Blank lines keep the footer at the foot of the page. */
		for (n = HEADER + bk.v[i].body.n + FOOTER;
		     n < (size_t)page_length; n++)
			append(&buf, &len, &cap, "\n");
		render_footer(&l, d, (int)i + 1, (int)bk.n);
		append_lines(&buf, &len, &cap, &l);
		lines_clear(&l);
		lines_clear(&bk.v[i].body);
	}
	*pages = (int)bk.n;
	free(bk.v);
	return buf;
}
