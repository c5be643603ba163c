/*
 * xmlout.h: writing XML (the frab schedule) and HTML (the programme page)
 * through libxml2's xmlTextWriter, so that every text and attribute value
 * is escaped in one place. Text is first made what XML 1.0 allows: invalid
 * UTF-8 and control characters (other than tab and line breaks) become
 * U+FFFD, since libxml2 would write them as character references that no
 * XML parser accepts.
 *
 * Writing into memory fails only when memory runs out, which aborts, as
 * xmalloc does; so nothing here returns an error.
 */
#ifndef DAIS_XMLOUT_H
#define DAIS_XMLOUT_H

#include <stdbool.h>

struct xmlout;

/* An XML document with its declaration, indented by two spaces; or, with
 * xml false, markup with neither (an HTML page writes its own doctype). */
struct xmlout *xmlout_new(bool xml);

void xmlout_start(struct xmlout *x, const char *element);
void xmlout_attr(struct xmlout *x, const char *name, const char *value);
void xmlout_text(struct xmlout *x, const char *text);
/* Ends the open element with an end tag, even when it is empty: HTML
 * reads <td/> as an open <td>. */
void xmlout_end(struct xmlout *x);
/* Ends an element that has no content as <br/>: HTML's void elements. */
void xmlout_end_void(struct xmlout *x);
/* <name>text</name> */
void xmlout_element(struct xmlout *x, const char *name, const char *text);
/* Markup written as it is: a doctype, a line break, a style sheet that is
 * a constant of the program. Never text from a file. */
void xmlout_raw(struct xmlout *x, const char *markup);

/* Closes what is open, frees x and returns the document (caller frees). */
char *xmlout_finish(struct xmlout *x);

#endif
