/*
 * export_html.c: the public programme as one accessible web page
 * (export_html.h), written through xmlout.h so that every name and title
 * is escaped; the style sheet is a constant of this file.
 */
#include "dais/export_html.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dais/agenda.h"
#include "dais/lineup.h"
#include "dais/source_date.h"
#include "dais/textwidth.h"
#include "dais/xalloc.h"
#include "dais/xmlout.h"

/* Screen first; for print, each day from a new page, no navigation, and
 * no session split across pages. System fonts: Noto and DejaVu cover
 * Arabic, Cyrillic and Chinese where they are installed. */
static const char style[] =
    "\n:root{color-scheme:light;--ink:#1a1a1a;--muted:#555;--line:#ccc;"
    "--accent:#0b5394}\n"
    "body{margin:0 auto;max-width:62rem;padding:1rem 1.25rem 3rem;"
    "font:1rem/1.5 system-ui,'Noto Sans','DejaVu Sans',sans-serif;"
    "color:var(--ink);background:#fff}\n"
    ".skip{position:absolute;left:-100vw}\n"
    ".skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}\n"
    "h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0}\n"
    "h2{font-size:1.3rem;border-bottom:2px solid var(--accent);"
    "padding-bottom:.2rem;margin-top:2.5rem}\n"
    "h3{font-size:1.1rem;margin:.1rem 0 .3rem}\n"
    ".lede{color:var(--muted);margin:.25rem 0}\n"
    "nav ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;"
    "gap:.5rem 1.5rem}\n"
    "a{color:var(--accent)}\n"
    "a:focus{outline:3px solid var(--accent);outline-offset:2px}\n"
    "ol.sessions{list-style:none;padding:0;margin:0}\n"
    "li.session{display:grid;grid-template-columns:7.5rem 1fr;gap:0 1rem;"
    "padding:.8rem 0;border-top:1px solid var(--line)}\n"
    ".when{font-weight:600;font-variant-numeric:tabular-nums;margin:0}\n"
    ".what p{margin:.2rem 0}\n"
    ".where,.meta{color:var(--muted)}\n"
    ".cancelled .title{text-decoration:line-through}\n"
    ".status{font-weight:700;color:#a00000;text-decoration:none}\n"
    ".tentative{font-weight:400;font-style:italic;color:var(--muted)}\n"
    "dl.people{margin:.4rem 0 0;display:grid;"
    "grid-template-columns:max-content 1fr;gap:.1rem .75rem}\n"
    "dl.people dt{font-weight:600}\n"
    "dl.people dd{margin:0}\n"
    "dl.people ul{margin:0;padding:0;list-style:none}\n"
    "dl.people ul.run li{display:inline}\n"
    "dl.people ul.run li+li::before{content:'; '}\n"
    ".local{color:var(--muted)}\n"
    "footer{margin-top:3rem;color:var(--muted);font-size:.9rem}\n"
    /* On a phone the labels go above their names: beside them, "Delegations
     * and organisations" would squeeze the names to a word a line. */
    "@media (max-width:40rem){li.session{grid-template-columns:1fr}\n"
    "dl.people{grid-template-columns:1fr}\n"
    "dl.people dd+dt{margin-top:.3rem}}\n"
    "@media print{\n"
    "@page{size:A4;margin:15mm 14mm}\n"
    "body{max-width:none;padding:0;font:10pt/1.35 'Noto Serif',"
    "'DejaVu Serif',serif}\n"
    "nav,.skip{display:none}\n"
    "a{color:inherit;text-decoration:none}\n"
    "section.day{break-before:page}\n"
    "section.day:first-of-type{break-before:auto}\n"
    "h2,h3{break-after:avoid}\n"
    "li.session{break-inside:avoid;grid-template-columns:6.5rem 1fr}\n"
    ".status{color:#000}\n"
    "}\n";

/* ---- Scripts and languages ------------------------------------------- */

enum script {
	SCRIPT_LATIN, /* or none: no lang of its own */
	SCRIPT_ARABIC,
	SCRIPT_HEBREW,
	SCRIPT_CYRILLIC,
	SCRIPT_HAN,
	SCRIPT_KANA,
	SCRIPT_HANGUL,
	SCRIPT_GREEK,
};

struct script_info {
	const char *fallback; /* its language when nothing says which */
	bool rtl;
	/* Languages written in it, as participants.ini's codes. */
	const char *const *languages;
};

static const char *const arabic_langs[] = {"ar", "fa", "ur", "ps",
                                           "ku", "sd", "ug", NULL};
static const char *const hebrew_langs[] = {"he", "yi", NULL};
static const char *const cyrillic_langs[] = {"ru", "tg", "uk", "be", "bg", "sr",
                                             "mk", "kk", "ky", "mn", "tt", "ba",
                                             "uz", "az", "tk", NULL};
static const char *const han_langs[] = {"zh", "ja", NULL};
static const char *const kana_langs[] = {"ja", NULL};
static const char *const hangul_langs[] = {"ko", NULL};
static const char *const greek_langs[] = {"el", NULL};

static const struct script_info scripts[] = {
    [SCRIPT_LATIN] = {NULL, false, NULL},
    [SCRIPT_ARABIC] = {"ar", true, arabic_langs},
    [SCRIPT_HEBREW] = {"he", true, hebrew_langs},
    [SCRIPT_CYRILLIC] = {"ru", false, cyrillic_langs},
    [SCRIPT_HAN] = {"zh", false, han_langs},
    [SCRIPT_KANA] = {"ja", false, kana_langs},
    [SCRIPT_HANGUL] = {"ko", false, hangul_langs},
    [SCRIPT_GREEK] = {"el", false, greek_langs},
};

static enum script
script_of_char(unsigned int c, bool *strong)
{
	*strong = true;
	if ((c >= 0x600 && c <= 0x6ff) || (c >= 0x750 && c <= 0x77f) ||
	    (c >= 0x8a0 && c <= 0x8ff) || (c >= 0xfb50 && c <= 0xfdff) ||
	    (c >= 0xfe70 && c <= 0xfeff))
		return SCRIPT_ARABIC;
	if (c >= 0x590 && c <= 0x5ff)
		return SCRIPT_HEBREW;
	if (c >= 0x400 && c <= 0x52f)
		return SCRIPT_CYRILLIC;
	if (c >= 0x370 && c <= 0x3ff)
		return SCRIPT_GREEK;
	if (c >= 0x3040 && c <= 0x30ff)
		return SCRIPT_KANA;
	if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf))
		return SCRIPT_HAN;
	if (c >= 0xac00 && c <= 0xd7af)
		return SCRIPT_HANGUL;
	*strong = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	          (c >= 0xc0 && c <= 0x24f);
	return SCRIPT_LATIN;
}

/* The script of the text's first letter (kana anywhere makes Han text
 * Japanese). */
static enum script
script_of(const char *s)
{
	size_t len = strlen(s), i = 0;
	enum script first = SCRIPT_LATIN, sc;
	bool found = false, strong;
	unsigned int c;

	while (i < len) {
		i += text_decode(s + i, len - i, &c);
		sc = script_of_char(c, &strong);
		if (!strong)
			continue;
		if (!found) {
			first = sc;
			found = true;
		}
		if (first == SCRIPT_HAN && sc == SCRIPT_KANA)
			return SCRIPT_KANA;
		if (first != SCRIPT_HAN)
			break;
	}
	return first;
}

/* The language of text in its script: the first of the person's languages
 * written in it, else the script's usual one. NULL for Latin. */
static const char *
language_of(enum script sc, const struct strlist *spoken)
{
	size_t i, j;

	if (scripts[sc].languages == NULL)
		return NULL;
	for (i = 0; spoken != NULL && i < spoken->n; i++)
		for (j = 0; scripts[sc].languages[j] != NULL; j++)
			if (strcmp(spoken->v[i], scripts[sc].languages[j]) == 0)
				return scripts[sc].languages[j];
	return scripts[sc].fallback;
}

/* ---- Writing ---------------------------------------------------------- */

struct page {
	const struct programme *p;
	struct xmlout *x;
};

static void
nl(struct page *pg)
{
	xmlout_raw(pg->x, "\n");
}

/* Text in a page whose language is English: text in another script goes
 * in a span that says its language and, if needed, its direction. */
static void
foreign_text(struct page *pg, const char *text, const struct strlist *spoken)
{
	enum script sc = script_of(text);
	const char *lang = language_of(sc, spoken);

	if (lang == NULL) {
		xmlout_text(pg->x, text);
		return;
	}
	xmlout_start(pg->x, "span");
	xmlout_attr(pg->x, "lang", lang);
	if (scripts[sc].rtl)
		xmlout_attr(pg->x, "dir", "rtl");
	xmlout_text(pg->x, text);
	xmlout_end(pg->x);
}

static void
element_foreign(struct page *pg, const char *name, const char *text)
{
	xmlout_start(pg->x, name);
	foreign_text(pg, text, NULL);
	xmlout_end(pg->x);
}

/* Paragraphs at blank lines, line breaks at single ones. */
static void
paragraphs(struct page *pg, const char *text)
{
	const char *c = text;

	while (*c != '\0') {
		const char *end = strstr(c, "\n\n");
		size_t n = end != NULL ? (size_t)(end - c) : strlen(c);
		char *para = xstrndup(c, n), *line, *save = NULL;
		bool first = true;

		xmlout_start(pg->x, "p");
		for (line = strtok_r(para, "\n", &save); line != NULL;
		     line = strtok_r(NULL, "\n", &save)) {
			if (!first) {
				xmlout_start(pg->x, "br");
				xmlout_end_void(pg->x);
			}
			foreign_text(pg, line, NULL);
			first = false;
		}
		xmlout_end(pg->x);
		free(para);
		c += n;
		while (*c == '\n')
			c++;
	}
}

/* Interpretation languages by name where we know it. */
static const char *
language_name(const char *code)
{
	static const char *const names[][2] = {
	    {"ar", "Arabic"},  {"en", "English"},    {"fr", "French"},
	    {"ru", "Russian"}, {"zh", "Chinese"},    {"es", "Spanish"},
	    {"tg", "Tajik"},   {"fa", "Persian"},    {"tr", "Turkish"},
	    {"uz", "Uzbek"},   {"kk", "Kazakh"},     {"ky", "Kyrgyz"},
	    {"de", "German"},  {"it", "Italian"},    {"ja", "Japanese"},
	    {"ur", "Urdu"},    {"az", "Azerbaijani"}};
	size_t i;

	for (i = 0; i < sizeof names / sizeof *names; i++)
		if (strcmp(names[i][0], code) == 0)
			return names[i][1];
	return code;
}

/* Whether a language is written in a script other than Latin. */
static bool
non_latin_language(const char *code)
{
	size_t sc, j;

	for (sc = 0; sc < sizeof scripts / sizeof *scripts; sc++)
		for (j = 0; scripts[sc].languages != NULL &&
		            scripts[sc].languages[j] != NULL;
		     j++)
			if (strcmp(scripts[sc].languages[j], code) == 0)
				return true;
	return false;
}

/* A local name in Latin script ("Royaume du Maroc") is in the
 * participant's first Latin-script language other than English. */
static const char *
latin_local_language(const struct participant *w)
{
	size_t i;

	for (i = 0; i < w->languages.n; i++)
		if (strcmp(w->languages.v[i], "en") != 0 &&
		    !non_latin_language(w->languages.v[i]))
			return w->languages.v[i];
	return NULL;
}

static void
write_person(struct page *pg, const struct lineup_person *x)
{
	const struct participant *w = x->who;

	xmlout_start(pg->x, "li");
	foreign_text(pg, lineup_name(x), w ? &w->languages : NULL);
	if (w != NULL && w->name_local != NULL && *w->name_local != '\0' &&
	    (w->name == NULL || strcmp(w->name, w->name_local) != 0)) {
		xmlout_text(pg->x, " ");
		const char *lang = script_of(w->name_local) == SCRIPT_LATIN
		                       ? latin_local_language(w)
		                       : NULL;

		xmlout_start(pg->x, "span");
		xmlout_attr(pg->x, "class", "local");
		if (lang != NULL)
			xmlout_attr(pg->x, "lang", lang);
		foreign_text(pg, w->name_local, &w->languages);
		xmlout_end(pg->x);
	}
	xmlout_end(pg->x);
}

static void
write_people(struct page *pg, const struct session *s)
{
	struct lineup_person *people = lineup_of(pg->p, s);
	size_t i, count[LINEUP_HEADING_COUNT] = {0};

	for (i = 0; i < s->nassign; i++)
		count[people[i].heading]++;
	if (s->nassign > 0) {
		xmlout_start(pg->x, "dl");
		xmlout_attr(pg->x, "class", "people");
	}
	for (i = 0; i < s->nassign; i++) {
		enum lineup_heading h = people[i].heading;

		if (i == 0 || people[i - 1].heading != h) {
			if (i > 0) {
				xmlout_end(pg->x); /* ul */
				xmlout_end(pg->x); /* dd */
			}
			xmlout_element(pg->x, "dt",
			               lineup_heading_text(h, count[h]));
			xmlout_start(pg->x, "dd");
			xmlout_start(pg->x, "ul");
			/* Thirty delegations read better as a run of text
			 * than as a column. */
			if (count[h] > 4)
				xmlout_attr(pg->x, "class", "run");
		}
		write_person(pg, &people[i]);
	}
	if (s->nassign > 0) {
		xmlout_end(pg->x); /* ul */
		xmlout_end(pg->x); /* dd */
		xmlout_end(pg->x); /* dl */
	}
	free(people);
}

static void
write_time(struct page *pg, dais_time t)
{
	char iso[DAIS_TIMEBUF], hm[DAIS_TIMEBUF];

	xmlout_start(pg->x, "time");
	xmlout_attr(pg->x, "datetime", time_fmt_iso(iso, &pg->p->conf.zone, t));
	xmlout_text(pg->x, time_fmt_hm(hm, &pg->p->conf.zone, t));
	xmlout_end(pg->x);
}

/* An all-day item's time: "All day" on the date it is shown under, and
 * the last day it covers when that is another. */
static void
write_all_day(struct page *pg, const struct session *s, struct dais_date on)
{
	const struct dais_zone *z = &pg->p->conf.zone;
	struct dais_date last = time_local_date(z, s->end - 1);
	char iso[DAIS_TIMEBUF], text[64];

	xmlout_start(pg->x, "time");
	xmlout_attr(pg->x, "datetime", date_fmt_iso(iso, on));
	xmlout_text(pg->x, "All day");
	xmlout_end(pg->x);
	if (date_compare(last, on) > 0) {
		xmlout_text(pg->x, ", until ");
		xmlout_start(pg->x, "time");
		xmlout_attr(pg->x, "datetime", date_fmt_iso(iso, last));
		date_fmt_full(text, last);
		xmlout_text(pg->x, text);
		xmlout_end(pg->x);
	}
}

/* A session under the day `on`, of which an all-day item says "All day". */
static void
write_session(struct page *pg, const struct session *s, struct dais_date on)
{
	const struct room *r =
	    s->room_id ? programme_find_room(pg->p, s->room_id) : NULL;
	const char *room = agenda_room_name(pg->p, s), *building = NULL;
	bool cancelled = s->status == SESSION_CANCELLED;
	char *meta = NULL, *t;
	size_t i;

	xmlout_start(pg->x, "li");
	xmlout_attr(pg->x, "class",
	            cancelled ? "session cancelled" : "session");
	xmlout_start(pg->x, "p");
	xmlout_attr(pg->x, "class", "when");
	if (s->all_day) {
		write_all_day(pg, s, on);
	} else {
		write_time(pg, s->start);
		xmlout_text(pg->x, "\xe2\x80\x93"); /* en dash */
		write_time(pg, s->end);
	}
	xmlout_end(pg->x);

	xmlout_start(pg->x, "div");
	xmlout_attr(pg->x, "class", "what");
	xmlout_start(pg->x, "h3");
	if (cancelled) {
		xmlout_start(pg->x, "span");
		xmlout_attr(pg->x, "class", "status");
		xmlout_text(pg->x, "Cancelled: ");
		xmlout_end(pg->x);
	} else if (s->status == SESSION_TENTATIVE) {
		/* Not confirmed yet: said as the planner's list says it. */
		xmlout_start(pg->x, "span");
		xmlout_attr(pg->x, "class", "tentative");
		xmlout_text(pg->x, "(tentative) ");
		xmlout_end(pg->x);
	}
	xmlout_start(pg->x, "span");
	xmlout_attr(pg->x, "class", "title");
	foreign_text(pg, s->title ? s->title : "(untitled)", NULL);
	xmlout_end(pg->x);
	xmlout_end(pg->x); /* h3 */

	if (room != NULL) {
		xmlout_start(pg->x, "p");
		xmlout_attr(pg->x, "class", "where");
		foreign_text(pg, room, NULL);
		if (r != NULL && r->building != NULL)
			building = programme_building_name(pg->p, r->building);
		if (building != NULL && *building != '\0') {
			xmlout_text(pg->x, ", ");
			foreign_text(pg, building, NULL);
		}
		xmlout_end(pg->x);
	}
	if (s->kind != NULL && *s->kind != '\0')
		meta = lineup_kind_label(s->kind);
	for (i = 0; i < s->languages.n; i++) {
		t = xasprintf("%s%s%s", meta ? meta : "",
		              i == 0 ? (meta ? " \xc2\xb7 Interpretation: "
		                             : "Interpretation: ")
		                     : ", ",
		              language_name(s->languages.v[i]));
		free(meta);
		meta = t;
	}
	if (meta != NULL) {
		xmlout_start(pg->x, "p");
		xmlout_attr(pg->x, "class", "meta");
		xmlout_text(pg->x, meta);
		xmlout_end(pg->x);
		free(meta);
	}
	if (s->description != NULL && *s->description != '\0')
		paragraphs(pg, s->description);
	write_people(pg, s);
	xmlout_end(pg->x); /* div */
	xmlout_end(pg->x); /* li */
	nl(pg);
}

/*
 * The all-day items that cover the day: those that began on an earlier
 * day (the agenda lists an item under its first day alone; a cancelled
 * one only there), then those the agenda lists under it. Caller frees.
 */
static const struct session **
all_day_items(const struct programme *p, const struct export_options *o,
              const struct agenda_day *day, size_t *n)
{
	dais_time midnight = time_at(&p->conf.zone, day->date, 0);
	struct export_options every = *o;
	const struct session **v =
	    xcalloc(p->nsessions + 1, sizeof *v); /* at most every one */
	size_t i;

	every.by_day = false; /* an earlier day's item is still this day's */
	*n = 0;
	for (i = 0; i < p->nsessions; i++) {
		const struct session *s = &p->sessions[i];

		if (s->all_day && s->start < midnight && s->end > midnight &&
		    s->status != SESSION_CANCELLED &&
		    export_includes(p, &every, s))
			v[(*n)++] = s;
	}
	for (i = 0; i < day->n; i++)
		if (day->sessions[i]->all_day)
			v[(*n)++] = day->sessions[i];
	return v;
}

/* "UTC+03:00" for the offset at t. */
static void
offset_text(char *buf, size_t size, const struct dais_zone *z, dais_time t)
{
	int off = zone_offset(z, t), a = off < 0 ? -off : off;

	snprintf(buf, size, "UTC%c%02d:%02d", off < 0 ? '-' : '+', a / 3600,
	         a / 60 % 60);
}

char *
export_html(const struct programme *p, const struct export_options *o,
            size_t *nsessions, char **why)
{
	struct page pg = {p, NULL};
	struct agenda a;
	const char *conf = p->conf.name ? p->conf.name : "Programme";
	char buf[128], iso[DAIS_TIMEBUF], *t;
	dais_time published = o->stamp;
	const struct session **all_day;
	size_t d, i, nall_day;

	if (!agenda_build(&a, p, o, true, why))
		return NULL;
	if (published == DAIS_TIME_NONE)
		source_date_now(&published, NULL);
	pg.x = xmlout_new(false);
	xmlout_raw(pg.x, "<!DOCTYPE html>\n");
	xmlout_start(pg.x, "html");
	xmlout_attr(pg.x, "lang", "en");
	nl(&pg);
	xmlout_start(pg.x, "head");
	nl(&pg);
	xmlout_start(pg.x, "meta");
	xmlout_attr(pg.x, "charset", "utf-8");
	xmlout_end_void(pg.x);
	nl(&pg);
	xmlout_start(pg.x, "meta");
	xmlout_attr(pg.x, "name", "viewport");
	xmlout_attr(pg.x, "content", "width=device-width, initial-scale=1");
	xmlout_end_void(pg.x);
	nl(&pg);
	xmlout_start(pg.x, "meta");
	xmlout_attr(pg.x, "name", "generator");
	xmlout_attr(pg.x, "content", "dais " DAIS_VERSION);
	xmlout_end_void(pg.x);
	nl(&pg);
	t = xasprintf("Programme \xe2\x80\x94 %s", conf);
	xmlout_element(pg.x, "title", t);
	free(t);
	nl(&pg);
	xmlout_start(pg.x, "style");
	xmlout_raw(pg.x, style);
	xmlout_end(pg.x);
	nl(&pg);
	xmlout_end(pg.x); /* head */
	nl(&pg);

	xmlout_start(pg.x, "body");
	nl(&pg);
	xmlout_start(pg.x, "a");
	xmlout_attr(pg.x, "class", "skip");
	xmlout_attr(pg.x, "href", "#programme");
	xmlout_text(pg.x, "Skip to the programme");
	xmlout_end(pg.x);
	nl(&pg);
	xmlout_start(pg.x, "header");
	nl(&pg);
	element_foreign(&pg, "h1", conf);
	nl(&pg);
	xmlout_start(pg.x, "p");
	xmlout_attr(pg.x, "class", "lede");
	if (a.ndays > 0) {
		offset_text(buf, sizeof buf, &p->conf.zone, a.days[0].start);
		t = xasprintf("Programme. Times are local time in %s (%s).",
		              p->conf.zone.name, buf);
	} else {
		t = xstrdup("Programme. No public session yet.");
	}
	xmlout_text(pg.x, t);
	free(t);
	xmlout_end(pg.x);
	nl(&pg);
	if (a.ndays > 1) {
		xmlout_start(pg.x, "nav");
		xmlout_attr(pg.x, "aria-label", "Days");
		xmlout_start(pg.x, "ul");
		for (d = 0; d < a.ndays; d++) {
			xmlout_start(pg.x, "li");
			xmlout_start(pg.x, "a");
			t = xasprintf("#day-%s",
			              date_fmt_iso(iso, a.days[d].date));
			xmlout_attr(pg.x, "href", t);
			free(t);
			date_fmt_full(buf, a.days[d].date);
			xmlout_text(pg.x, buf);
			xmlout_end(pg.x);
			xmlout_end(pg.x);
		}
		xmlout_end(pg.x);
		xmlout_end(pg.x);
		nl(&pg);
	}
	xmlout_end(pg.x); /* header */
	nl(&pg);

	xmlout_start(pg.x, "main");
	xmlout_attr(pg.x, "id", "programme");
	nl(&pg);
	for (d = 0; d < a.ndays; d++) {
		const struct agenda_day *day = &a.days[d];
		char *id = xasprintf("day-%s", date_fmt_iso(iso, day->date));
		char *hid = xasprintf("h-%s", id);

		xmlout_start(pg.x, "section");
		xmlout_attr(pg.x, "class", "day");
		xmlout_attr(pg.x, "id", id);
		xmlout_attr(pg.x, "aria-labelledby", hid);
		nl(&pg);
		xmlout_start(pg.x, "h2");
		xmlout_attr(pg.x, "id", hid);
		free(id);
		free(hid);
		date_fmt_full(buf, day->date);
		t = xasprintf("Day %d \xc2\xb7 %s", day->index, buf);
		xmlout_text(pg.x, t);
		free(t);
		xmlout_end(pg.x);
		nl(&pg);
		all_day = all_day_items(p, o, day, &nall_day);
		if (nall_day == 0 && day->n == 0) {
			xmlout_element(pg.x, "p", "No public session.");
			nl(&pg);
		} else {
			xmlout_start(pg.x, "ol");
			xmlout_attr(pg.x, "class", "sessions");
			nl(&pg);
			/* The day's all-day items at its top, then the rest
			 * in time order. */
			for (i = 0; i < nall_day; i++)
				write_session(&pg, all_day[i], day->date);
			for (i = 0; i < day->n; i++)
				if (!day->sessions[i]->all_day)
					write_session(&pg, day->sessions[i],
					              day->date);
			xmlout_end(pg.x);
			nl(&pg);
		}
		free(all_day);
		xmlout_end(pg.x); /* section */
		nl(&pg);
	}
	xmlout_end(pg.x); /* main */
	nl(&pg);
	xmlout_start(pg.x, "footer");
	xmlout_start(pg.x, "p");
	{
		struct dais_zone utc = {0}; /* no spans: UTC */
		struct dais_civil c = time_to_civil(&utc, published);

		t = xasprintf("Published %04d-%02d-%02d %02d:%02d UTC with "
		              "dais " DAIS_VERSION ".",
		              c.year, c.month, c.day, c.hour, c.minute);
	}
	xmlout_text(pg.x, t);
	free(t);
	xmlout_end(pg.x);
	xmlout_end(pg.x);
	nl(&pg);
	xmlout_end(pg.x); /* body */
	nl(&pg);
	xmlout_end(pg.x); /* html */
	nl(&pg);
	if (nsessions != NULL)
		*nsessions = a.nsessions;
	agenda_free(&a);
	return xmlout_finish(pg.x);
}
