/*
 * xmlout.c: XML and HTML through libxml2's xmlTextWriter (xmlout.h), with
 * text cleaned to XML 1.0's characters first.
 */
#include "dais/xmlout.h"

#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dais/textwidth.h"
#include "dais/xalloc.h"

struct xmlout {
	xmlBufferPtr buf;
	xmlTextWriterPtr w;
};

static void
check(int rc, const char *what)
{
	if (rc < 0) {
		fprintf(stderr, "dais: out of memory writing XML (%s)\n", what);
		abort();
	}
}

static bool
xml_char(unsigned int c)
{
	return c == 0x9 || c == 0xa || c == 0xd || (c >= 0x20 && c <= 0xd7ff) ||
	       (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

/* A copy of s in valid UTF-8 with only XML characters; caller frees. */
static char *
clean(const char *s)
{
	size_t len = strlen(s), i = 0, at = 0, n;
	char *out = xmalloc(len * 3 + 1); /* a bad byte grows to 3 bytes */
	unsigned int c;

	while (i < len) {
		n = text_decode(s + i, len - i, &c);
		if (xml_char(c) && c != 0xfffd) {
			memcpy(out + at, s + i, n);
			at += n;
		} else {
			memcpy(out + at, "\xef\xbf\xbd", 3); /* U+FFFD */
			at += 3;
		}
		i += n;
	}
	out[at] = '\0';
	return out;
}

struct xmlout *
xmlout_new(bool xml)
{
	struct xmlout *x = xcalloc(1, sizeof *x);

	x->buf = xmlBufferCreate();
	if (x->buf == NULL ||
	    (x->w = xmlNewTextWriterMemory(x->buf, 0)) == NULL)
		check(-1, "a new document");
	if (xml) {
		check(xmlTextWriterSetIndent(x->w, 1), "indent");
		check(xmlTextWriterSetIndentString(x->w, BAD_CAST "  "),
		      "indent");
		check(xmlTextWriterStartDocument(x->w, "1.0", "UTF-8", NULL),
		      "the declaration");
	}
	return x;
}

void
xmlout_start(struct xmlout *x, const char *element)
{
	check(xmlTextWriterStartElement(x->w, BAD_CAST element), element);
}

void
xmlout_attr(struct xmlout *x, const char *name, const char *value)
{
	char *v = clean(value);

	check(xmlTextWriterWriteAttribute(x->w, BAD_CAST name, BAD_CAST v),
	      name);
	free(v);
}

void
xmlout_text(struct xmlout *x, const char *text)
{
	char *v = clean(text);

	check(xmlTextWriterWriteString(x->w, BAD_CAST v), "text");
	free(v);
}

void
xmlout_end(struct xmlout *x)
{
	check(xmlTextWriterFullEndElement(x->w), "an end tag");
}

void
xmlout_end_void(struct xmlout *x)
{
	check(xmlTextWriterEndElement(x->w), "an end tag");
}

void
xmlout_element(struct xmlout *x, const char *name, const char *text)
{
	xmlout_start(x, name);
	xmlout_text(x, text);
	xmlout_end(x);
}

void
xmlout_raw(struct xmlout *x, const char *markup)
{
	check(xmlTextWriterWriteRaw(x->w, BAD_CAST markup), "markup");
}

char *
xmlout_finish(struct xmlout *x)
{
	char *out;

	check(xmlTextWriterEndDocument(x->w), "the end of the document");
	xmlFreeTextWriter(x->w); /* flushes into buf */
	out = xstrdup((const char *)xmlBufferContent(x->buf));
	xmlBufferFree(x->buf);
	free(x);
	return out;
}
