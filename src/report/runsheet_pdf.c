/*
 * runsheet_pdf.c: the run-sheet as an A4 PDF through cairo and pango (which
 * shapes Arabic right to left and finds fonts for Cyrillic and CJK). Pages
 * are laid out twice with the same code: once to count them, once to draw
 * them, so that every footer can say "page X of Y".
 */
#include <stdlib.h>
#include <string.h>

#include "dais/xalloc.h"
#include "runsheet_doc.h"

#ifdef DAIS_HAVE_PDF

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#define PAGE_W    595.0 /* A4 in points */
#define PAGE_H    842.0
#define MARGIN_X  40.0
#define MARGIN_Y  36.0
#define TIME_W    58.0 /* the time column */
#define GUTTER    10.0
#define LABEL_W   80.0 /* field labels inside the session column */
#define BLOCK_PAD 6.0  /* above and below each session */
#define ROW_GAP   2.5
#define NUMBER_W  17.0 /* "12." before a speaker, right-aligned */

/* Latin and Cyrillic from Noto Sans or DejaVu; fontconfig falls back to
 * Noto Sans Arabic and Noto Sans CJK for the scripts these lack. */
#define FAMILY "Noto Sans, Noto Sans Arabic, Noto Sans CJK SC, DejaVu Sans"

#define CONTENT_X (MARGIN_X + TIME_W + GUTTER)
#define CONTENT_W (PAGE_W - MARGIN_X - CONTENT_X)
#define VALUE_X   (CONTENT_X + LABEL_W)
#define VALUE_W   (PAGE_W - MARGIN_X - VALUE_X)

enum row_kind {
	ROW_TITLE,
	ROW_META,
	ROW_FIELD,
	ROW_CONFLICT,
};

struct row {
	enum row_kind kind;
	PangoLayout *a; /* title, meta, label or conflict text */
	PangoLayout *b; /* a field's value */
	PangoLayout *n; /* its place in the speaking order, or NULL */
	enum severity severity;
	double h; /* including the gap below */
};

struct pblock {
	const struct rs_block *src;
	PangoLayout *time; /* start, end and duration */
	PangoLayout *more; /* "(continued) 09:00 Title" on a later page */
	struct row *rows;
	size_t nrows, caprows;
	double time_h, h; /* h: the whole block with its padding */
};

struct psection {
	const struct rs_section *src;
	PangoLayout *conf, *tag, *mark, *day, *scope, *summary;
	struct pblock *blocks;
};

struct pdf {
	cairo_t *cr;
	PangoContext *ctx;
	const struct rs_doc *doc;
	struct psection *secs;
	PangoLayout *col_time, *col_session, *foot_left;
	PangoLayout *intro; /* a personal programme's opening lines, or NULL */
	bool draw;
	int page, pages; /* page being laid out (1-based); total when known */
	double y;        /* where the next thing goes on the page */
	double top;      /* where the body of a page begins */
	double bottom;   /* where the footer begins */
};

static PangoLayout *
layout(struct pdf *pd, const char *font, double width, const char *markup)
{
	PangoLayout *l = pango_layout_new(pd->ctx);
	PangoFontDescription *fd = pango_font_description_from_string(font);

	PangoAttrList *attrs;
	int size = pango_font_description_get_size(fd);

	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	/* Keep every paragraph left to right: an all-Arabic name still
	 * starts at the left edge of its cell, shaped right to left. */
	pango_layout_set_auto_dir(l, FALSE);
	if (width > 0) {
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	pango_layout_set_markup(l, markup, -1);
	/*
	 * One line height for every script: Noto Sans Arabic's tall metrics
	 * would otherwise open gaps in a list of names.
	 */
	attrs = pango_attr_list_copy(pango_layout_get_attributes(l));
	if (attrs == NULL)
		attrs = pango_attr_list_new();
	/* A long name that must break is not hyphenated. */
	pango_attr_list_insert(attrs, pango_attr_insert_hyphens_new(FALSE));
	pango_attr_list_insert(
	    attrs, pango_attr_line_height_new_absolute(size * 13 / 10));
	pango_layout_set_attributes(l, attrs);
	pango_attr_list_unref(attrs);
	return l;
}

static double
height_of(PangoLayout *l)
{
	int w, h;

	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

static double
width_of(PangoLayout *l)
{
	int w, h;

	pango_layout_get_size(l, &w, &h);
	return (double)w / PANGO_SCALE;
}

static void
show(struct pdf *pd, PangoLayout *l, double x, double y)
{
	if (!pd->draw)
		return;
	cairo_move_to(pd->cr, x, y);
	pango_cairo_show_layout(pd->cr, l);
}

static void
rgb(struct pdf *pd, unsigned int hex)
{
	cairo_set_source_rgb(pd->cr, (hex >> 16 & 0xff) / 255.0,
	                     (hex >> 8 & 0xff) / 255.0, (hex & 0xff) / 255.0);
}

static void
rule(struct pdf *pd, double y, double width, unsigned int colour)
{
	if (!pd->draw)
		return;
	rgb(pd, colour);
	cairo_set_line_width(pd->cr, width);
	cairo_move_to(pd->cr, MARGIN_X, y);
	cairo_line_to(pd->cr, PAGE_W - MARGIN_X, y);
	cairo_stroke(pd->cr);
}

static void
fill(struct pdf *pd, double x, double y, double w, double h,
     unsigned int colour)
{
	if (!pd->draw)
		return;
	rgb(pd, colour);
	cairo_rectangle(pd->cr, x, y, w, h);
	cairo_fill(pd->cr);
}

/* --- building the layouts ----------------------------------------------- */

static struct row *
add_row(struct pblock *b, enum row_kind kind, PangoLayout *a, PangoLayout *v,
        enum severity sev)
{
	struct row *r;
	double h = a != NULL ? height_of(a) : 0;

	if (v != NULL && height_of(v) > h)
		h = height_of(v);
	if (kind == ROW_CONFLICT)
		h += 6; /* the tinted box's padding */
	XGROW(b->rows, b->nrows, b->caprows);
	r = &b->rows[b->nrows++];
	r->kind = kind;
	r->a = a;
	r->b = v;
	r->severity = sev;
	r->n = NULL;
	r->h = h + ROW_GAP;
	return r;
}

/* A joined field's entries as one list. */
static char *
joined_markup(const struct rs_field *f)
{
	char *out = xstrdup(""), *t, *text;
	size_t i;

	for (i = 0; i < f->n; i++) {
		text = g_markup_escape_text(f->v[i].text, -1);
		t = xasprintf("%s%s%s", out, i ? ", " : "", text);
		g_free(text);
		free(out);
		out = t;
	}
	return out;
}

/* A name with its office and delegation below it, smaller and grey. */
static char *
entry_markup(const struct rs_entry *e)
{
	char *text = g_markup_escape_text(e->text, -1);
	char *detail = e->detail ? g_markup_escape_text(e->detail, -1) : NULL;
	char *out = xasprintf("%s%s%s%s", text,
	                      detail ? "\n<span size=\"smaller\" "
	                               "foreground=\"#555555\">"
	                             : "",
	                      detail ? detail : "", detail ? "</span>" : "");

	g_free(text);
	g_free(detail);
	return out;
}

static void
build_block(struct pdf *pd, const struct rs_block *src, struct pblock *b)
{
	char *m, *t, *k, *s;
	size_t i, j;

	memset(b, 0, sizeof *b);
	b->src = src;
	m = xasprintf("<b>%s</b>\n<span size=\"smaller\">to %s</span>\n"
	              "<span size=\"smaller\" foreground=\"#666666\">%s</span>",
	              src->start, src->end, src->duration);
	b->time = layout(pd, FAMILY " 11", TIME_W, m);
	free(m);
	b->time_h = height_of(b->time);

	t = g_markup_escape_text(src->title, -1);
	if (src->cancelled)
		m = xasprintf("<span foreground=\"#b00020\" weight=\"bold\">"
		              "CANCELLED</span>  <s><span "
		              "foreground=\"#777777\">%s</span></s>",
		              t);
	else
		m = xasprintf("%s", t);
	add_row(b, ROW_TITLE, layout(pd, FAMILY " Bold 11", CONTENT_W, m), NULL,
	        SEVERITY_OFF);
	free(m);
	m = xasprintf("(continued) %s %s", src->start, t);
	b->more = layout(pd, FAMILY " Italic 8", CONTENT_W, m);
	free(m);
	g_free(t);

	k = g_markup_escape_text(src->kind, -1);
	s = g_markup_escape_text(src->status, -1);
	m = xasprintf("%s  \xc2\xb7  <span foreground=\"%s\" "
	              "weight=\"bold\">%s</span>%s%s%s",
	              k,
	              src->cancelled                          ? "#b00020"
	              : strcmp(src->status, "TENTATIVE") == 0 ? "#b26a00"
	                                                      : "#2e7d32",
	              s,
	              src->closed ? "  \xc2\xb7  <span foreground=\"#b00020\" "
	                            "weight=\"bold\">CLOSED MEETING</span>"
	                          : "",
	              src->continued ? "  \xc2\xb7  " : "",
	              src->continued ? src->continued : "");
	add_row(b, ROW_META, layout(pd, FAMILY " 8", CONTENT_W, m), NULL,
	        SEVERITY_OFF);
	free(m);
	g_free(k);
	g_free(s);

	for (i = 0; i < src->nfields; i++) {
		const struct rs_field *f = &src->fields[i];
		PangoLayout *label, *value;

		t = g_markup_escape_text(f->label, -1);
		m = xasprintf("<span foreground=\"#555555\">%s</span>", t);
		label = layout(pd, FAMILY " Bold 7.5", LABEL_W - 4, m);
		free(m);
		g_free(t);
		if (f->joined || f->n == 0) {
			m = joined_markup(f);
			value = layout(pd, FAMILY " 9", VALUE_W, m);
			free(m);
			add_row(b, ROW_FIELD, label, value, SEVERITY_OFF);
			continue;
		}
		/* One row per person, so a long list can break between them. */
		for (j = 0; j < f->n; j++) {
			const struct rs_entry *e = &f->v[j];
			double indent = e->number ? NUMBER_W : 0;
			struct row *r;

			m = entry_markup(e);
			value = layout(pd, FAMILY " 9", VALUE_W - indent, m);
			free(m);
			r = add_row(b, ROW_FIELD, j == 0 ? label : NULL, value,
			            SEVERITY_OFF);
			if (e->number) {
				m = xasprintf("%d.", e->number);
				r->n = layout(pd, FAMILY " 9", NUMBER_W - 5, m);
				pango_layout_set_alignment(r->n,
				                           PANGO_ALIGN_RIGHT);
				free(m);
			}
		}
	}
	for (i = 0; i < src->nconflicts; i++) {
		const struct rs_conflict *c = &src->conflicts[i];
		const char *colour =
		    c->severity == SEVERITY_ERROR ? "#8e0000" : "#6d4c00";
		const char *colon = strchr(c->text, ':');
		char *head = colon
		                 ? xstrndup(c->text, (size_t)(colon - c->text))
		                 : xstrdup("");
		char *he = g_markup_escape_text(head, -1);

		t = g_markup_escape_text(colon ? colon + 1 : c->text, -1);
		m = xasprintf("<span foreground=\"%s\"><b>%s:</b>%s</span>",
		              colour, he, t);
		add_row(b, ROW_CONFLICT,
		        layout(pd, FAMILY " 8.5", CONTENT_W - 14, m), NULL,
		        c->severity);
		free(m);
		g_free(t);
		g_free(he);
		free(head);
	}
	b->h = 0;
	for (i = 0; i < b->nrows; i++)
		b->h += b->rows[i].h;
	if (b->time_h > b->h)
		b->h = b->time_h;
	b->h += 2 * BLOCK_PAD;
}

static void
build(struct pdf *pd)
{
	const struct rs_doc *d = pd->doc;
	char *m, *t;
	size_t i, j;

	pd->secs = xcalloc(d->nsections ? d->nsections : 1, sizeof *pd->secs);
	for (i = 0; i < d->nsections; i++) {
		const struct rs_section *s = &d->sections[i];
		struct psection *ps = &pd->secs[i];

		ps->src = s;
		t = g_markup_escape_text(d->conference, -1);
		ps->conf = layout(pd, FAMILY " Bold 14",
		                  PAGE_W - 2 * MARGIN_X - 100, t);
		g_free(t);
		m = xasprintf("<span letter_spacing=\"1500\">%s</span>",
		              d->tag);
		ps->tag = layout(pd, FAMILY " Bold 10", 0, m);
		free(m);
		t = g_markup_escape_text(d->marking, -1);
		m = xasprintf("<span foreground=\"#b00020\">%s</span>", t);
		ps->mark = layout(pd, FAMILY " 7.5", 0, m);
		free(m);
		g_free(t);
		m = xasprintf("%s  \xc2\xb7  %s", s->dayno, s->day);
		t = g_markup_escape_text(m, -1);
		ps->day = layout(pd, FAMILY " 11", 0, t);
		free(m);
		g_free(t);
		t = g_markup_escape_text(s->scope, -1);
		/* A long room name wraps, right-aligned, beside the day. */
		ps->scope =
		    layout(pd, FAMILY " Bold 10",
		           PAGE_W - 2 * MARGIN_X - width_of(ps->day) - 24, t);
		pango_layout_set_alignment(ps->scope, PANGO_ALIGN_RIGHT);
		g_free(t);
		m = s->all_day == NULL
		        ? xstrdup(s->nblocks ? s->summary : s->empty)
		        : xasprintf("%s\n%s",
		                    s->nblocks ? s->summary : s->empty,
		                    s->all_day);
		t = g_markup_escape_text(m, -1);
		free(m);
		m = xasprintf("<span foreground=\"#444444\">%s</span>", t);
		ps->summary =
		    layout(pd, FAMILY " Italic 8.5", PAGE_W - 2 * MARGIN_X, m);
		free(m);
		g_free(t);
		ps->blocks =
		    xcalloc(s->nblocks ? s->nblocks : 1, sizeof *ps->blocks);
		for (j = 0; j < s->nblocks; j++)
			build_block(pd, &s->blocks[j], &ps->blocks[j]);
	}
	pd->col_time = layout(pd, FAMILY " Bold 7", 0,
	                      "<span foreground=\"#555555\">TIME</span>");
	pd->col_session =
	    layout(pd, FAMILY " Bold 7", 0,
	           "<span foreground=\"#555555\">SESSION, PEOPLE AND "
	           "ARRANGEMENTS</span>");
	t = g_markup_escape_text(d->produced, -1);
	m = xasprintf("<span foreground=\"#555555\">%s  \xc2\xb7  "
	              "%s</span>",
	              t, d->foot);
	pd->foot_left = layout(pd, FAMILY " 7.5", 0, m);
	free(m);
	g_free(t);
	if (d->nintro > 0) {
		GString *g = g_string_new(NULL);

		for (i = 0; i < d->nintro; i++) {
			t = g_markup_escape_text(d->intro[i], -1);
			/* The first line names whose programme it is. */
			g_string_append_printf(g,
			                       i ? "\n%s"
			                         : "<b><span size=\"larger\">%s"
			                           "</span></b>",
			                       t);
			g_free(t);
		}
		pd->intro =
		    layout(pd, FAMILY " 10", PAGE_W - 2 * MARGIN_X, g->str);
		g_string_free(g, TRUE);
	}
}

static void
unbuild(struct pdf *pd)
{
	size_t i, j, k;

	for (i = 0; i < pd->doc->nsections; i++) {
		struct psection *ps = &pd->secs[i];

		for (j = 0; j < ps->src->nblocks; j++) {
			struct pblock *b = &ps->blocks[j];

			for (k = 0; k < b->nrows; k++) {
				if (b->rows[k].a != NULL)
					g_object_unref(b->rows[k].a);
				if (b->rows[k].b != NULL)
					g_object_unref(b->rows[k].b);
				if (b->rows[k].n != NULL)
					g_object_unref(b->rows[k].n);
			}
			free(b->rows);
			g_object_unref(b->time);
			g_object_unref(b->more);
		}
		free(ps->blocks);
		g_object_unref(ps->conf);
		g_object_unref(ps->tag);
		g_object_unref(ps->mark);
		g_object_unref(ps->day);
		g_object_unref(ps->scope);
		g_object_unref(ps->summary);
	}
	free(pd->secs);
	g_object_unref(pd->col_time);
	g_object_unref(pd->col_session);
	g_object_unref(pd->foot_left);
	if (pd->intro != NULL)
		g_object_unref(pd->intro);
}

/* --- laying out pages -------------------------------------------------- */

static void
page_begin(struct pdf *pd, const struct psection *ps)
{
	double y = MARGIN_Y, h;

	pd->page++;
	show(pd, ps->conf, MARGIN_X, y);
	show(pd, ps->tag, PAGE_W - MARGIN_X - width_of(ps->tag), y + 2);
	show(pd, ps->mark, PAGE_W - MARGIN_X - width_of(ps->mark),
	     y + 4 + height_of(ps->tag));
	h = height_of(ps->conf);
	if (h < height_of(ps->tag) + height_of(ps->mark) + 4)
		h = height_of(ps->tag) + height_of(ps->mark) + 4;
	y += h + 2;
	show(pd, ps->day, MARGIN_X, y);
	show(pd, ps->scope,
	     PAGE_W - MARGIN_X -
	         (double)pango_layout_get_width(ps->scope) / PANGO_SCALE,
	     y + 1);
	h = height_of(ps->day);
	if (h < height_of(ps->scope) + 1)
		h = height_of(ps->scope) + 1;
	y += h + 5;
	rule(pd, y, 1.2, 0x000000);
	y += 1;
	/* Column headings, as on a printed table. */
	fill(pd, MARGIN_X, y, PAGE_W - 2 * MARGIN_X, 14, 0xececec);
	if (pd->draw)
		rgb(pd, 0x000000);
	show(pd, pd->col_time, MARGIN_X + 4, y + 3);
	show(pd, pd->col_session, CONTENT_X, y + 3);
	y += 14;
	rule(pd, y, 0.5, 0x999999);
	pd->y = pd->top = y + 4;
	pd->bottom = PAGE_H - MARGIN_Y - height_of(pd->foot_left) - 8;
}

static void
page_end(struct pdf *pd)
{
	char *m;
	PangoLayout *right;
	double y = PAGE_H - MARGIN_Y - height_of(pd->foot_left);

	if (!pd->draw)
		return;
	rule(pd, y - 4, 0.5, 0x999999);
	rgb(pd, 0x000000);
	show(pd, pd->foot_left, MARGIN_X, y);
	m = xasprintf("<span foreground=\"#333333\">page <b>%d</b> of "
	              "<b>%d</b></span>",
	              pd->page, pd->pages);
	right = layout(pd, FAMILY " 7.5", 0, m);
	free(m);
	show(pd, right, PAGE_W - MARGIN_X - width_of(right), y);
	g_object_unref(right);
	cairo_show_page(pd->cr);
}

static void
draw_row(struct pdf *pd, const struct pblock *b, const struct row *r)
{
	double y = pd->y;

	if (pd->draw)
		rgb(pd, b->src->cancelled ? 0x777777 : 0x000000);
	switch (r->kind) {
	case ROW_TITLE:
	case ROW_META:
		show(pd, r->a, CONTENT_X, y);
		break;
	case ROW_FIELD:
		if (r->a != NULL)
			show(pd, r->a, CONTENT_X, y + 1.2);
		if (r->n != NULL) {
			show(pd, r->n, VALUE_X, y);
			show(pd, r->b, VALUE_X + NUMBER_W, y);
		} else {
			show(pd, r->b, VALUE_X, y);
		}
		break;
	case ROW_CONFLICT:
		fill(pd, CONTENT_X, y, CONTENT_W, r->h - ROW_GAP,
		     r->severity == SEVERITY_ERROR ? 0xfde8e8 : 0xfff4dc);
		fill(pd, CONTENT_X, y, 3, r->h - ROW_GAP,
		     r->severity == SEVERITY_ERROR ? 0xc62828 : 0xef8f00);
		show(pd, r->a, CONTENT_X + 9, y + 3);
		break;
	}
	pd->y += r->h;
}

static void
draw_time(struct pdf *pd, const struct pblock *b, double top, double h)
{
	size_t i;
	bool error = false;

	for (i = 0; i < b->src->nconflicts; i++)
		if (b->src->conflicts[i].severity == SEVERITY_ERROR)
			error = true;
	if (b->src->cancelled)
		fill(pd, MARGIN_X, top, PAGE_W - 2 * MARGIN_X, h, 0xf3f3f3);
	/* A red edge on the time column: this session has an error. */
	if (error)
		fill(pd, MARGIN_X, top, 2.5, h, 0xc62828);
	if (pd->draw)
		rgb(pd, b->src->cancelled ? 0x777777 : 0x000000);
	show(pd, b->time, MARGIN_X + 6, top + BLOCK_PAD);
}

static void
lay_out_block(struct pdf *pd, const struct psection *ps, const struct pblock *b)
{
	double room = pd->bottom - pd->y, top;
	size_t i;

	/*
	 * A session that fits on a page moves whole to the next one; a
	 * longer one is split anyway, so it starts here unless little room
	 * is left.
	 */
	if (b->h > room && (b->h <= pd->bottom - pd->top || room < 80)) {
		page_end(pd);
		page_begin(pd, ps);
	}
	top = pd->y;
	if (b->h <= pd->bottom - pd->y) {
		draw_time(pd, b, top, b->h);
		pd->y += BLOCK_PAD;
		for (i = 0; i < b->nrows; i++)
			draw_row(pd, b, &b->rows[i]);
		pd->y = top + b->h;
	} else {
		/* Longer than a page: split between rows. */
		draw_time(pd, b, top, pd->bottom - top);
		pd->y += BLOCK_PAD;
		for (i = 0; i < b->nrows; i++) {
			if (pd->y + b->rows[i].h > pd->bottom) {
				page_end(pd);
				page_begin(pd, ps);
				show(pd, b->more, CONTENT_X, pd->y);
				pd->y += height_of(b->more) + ROW_GAP;
			}
			draw_row(pd, b, &b->rows[i]);
		}
		pd->y += BLOCK_PAD;
	}
	rule(pd, pd->y, 0.4, 0xc8c8c8);
}

static void
lay_out(struct pdf *pd)
{
	size_t i, j;

	pd->page = 0;
	for (i = 0; i < pd->doc->nsections; i++) {
		const struct psection *ps = &pd->secs[i];

		page_begin(pd, ps);
		if (pd->draw)
			rgb(pd, 0x000000);
		if (i == 0 && pd->intro != NULL) {
			show(pd, pd->intro, MARGIN_X, pd->y);
			pd->y += height_of(pd->intro) + 8;
		}
		show(pd, ps->summary, MARGIN_X, pd->y);
		pd->y += height_of(ps->summary) + 4;
		rule(pd, pd->y, 0.4, 0xc8c8c8);
		for (j = 0; j < ps->src->nblocks; j++)
			lay_out_block(pd, ps, &ps->blocks[j]);
		page_end(pd);
	}
}

static cairo_status_t
write_stream(void *closure, const unsigned char *data, unsigned int length)
{
	FILE *f = closure;

	if (length > 0 && fwrite(data, 1, length, f) != length)
		return CAIRO_STATUS_WRITE_ERROR;
	return CAIRO_STATUS_SUCCESS;
}

bool
rs_pdf_render(const struct rs_doc *d, FILE *out, int *pages, char **why)
{
	struct pdf pd;
	cairo_surface_t *surface;
	cairo_status_t st;
	char *title;

	memset(&pd, 0, sizeof pd);
	pd.doc = d;
	surface = cairo_pdf_surface_create_for_stream(write_stream, out, PAGE_W,
	                                              PAGE_H);
	title = d->subject != NULL ? xasprintf("%s: programme of %s",
	                                       d->conference, d->subject)
	                           : xasprintf("%s: run-sheet", d->conference);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE,
	                               title);
	free(title);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR,
	                               "dais " DAIS_VERSION);
	/* The produced time, not the clock, so SOURCE_DATE_EPOCH holds. */
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE,
	                               d->created);
	pd.cr = cairo_create(surface);
	pd.ctx = pango_cairo_create_context(pd.cr);
	pango_cairo_context_set_resolution(pd.ctx, 72);
	pango_context_set_base_dir(pd.ctx, PANGO_DIRECTION_LTR);
	build(&pd);

	pd.draw = false;
	lay_out(&pd);
	pd.pages = pd.page;
	pd.draw = true;
	lay_out(&pd);

	unbuild(&pd);
	g_object_unref(pd.ctx);
	cairo_destroy(pd.cr);
	cairo_surface_finish(surface);
	st = cairo_surface_status(surface);
	cairo_surface_destroy(surface);
	if (st != CAIRO_STATUS_SUCCESS) {
		*why = xasprintf("could not write the PDF: %s",
		                 cairo_status_to_string(st));
		return false;
	}
	*pages = pd.pages;
	return true;
}

#else

bool
rs_pdf_render(const struct rs_doc *d, FILE *out, int *pages, char **why)
{
	(void)d;
	(void)out;
	*pages = 0;
	*why = xstrdup("this dais was built without PDF support (meson "
	               "option pdf)");
	return false;
}

#endif
