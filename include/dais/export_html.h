/*
 * export_html.h: the public programme as one self-contained web page, to
 * put on a website, mail as an attachment or print: every day with its
 * sessions in time order, each with its times, room, kind, interpretation
 * languages, description, and the chair, speakers and others in protocol
 * order. Names in another script carry their language (lang) and, for
 * Arabic and Hebrew, their direction (dir="rtl"). One file: the style
 * sheet is inside, for screens and for print; no script, no image, nothing
 * fetched.
 *
 * Public only: no closed meeting, no note, e-mail or telephone. Cancelled
 * sessions stay, marked "Cancelled" in words, so a reader who saw them
 * before learns that they are off.
 */
#ifndef DAIS_EXPORT_HTML_H
#define DAIS_EXPORT_HTML_H

#include <stddef.h>

#include "dais/export.h"
#include "dais/model.h"

/*
 * The page as UTF-8 HTML owned by the caller, and the number of sessions
 * in *nsessions (may be NULL). o must be public (not internal, no for_id);
 * o->by_day gives one day; o->stamp is the "published" time shown
 * (DAIS_TIME_NONE: SOURCE_DATE_EPOCH, else the clock). NULL with *why when
 * export_check refuses o.
 */
char *export_html(const struct programme *p, const struct export_options *o,
                  size_t *nsessions, char **why);

#endif
