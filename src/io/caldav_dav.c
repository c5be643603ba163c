/*
 * caldav_dav.c: the WebDAV and CalDAV requests of caldav.h, each one
 * caldav_request (caldav.c) with its XML body, and the multistatus
 * answers read with libxml2: list a collection (sync-collection, else
 * PROPFIND), fetch resources (calendar-multiget), put, delete, and make
 * a collection.
 */
#include <ctype.h>
#include <curl/curl.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caldav_http.h"
#include "dais/caldav.h"
#include "dais/model.h"
#include "dais/xalloc.h"

/* ---- WebDAV XML ------------------------------------------------------ */

static bool
is(const xmlNode *n, const char *ns, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	       strcmp((const char *)n->ns->href, ns) == 0 &&
	       strcmp((const char *)n->name, name) == 0;
}

static const xmlNode *
child(const xmlNode *n, const char *ns, const char *name)
{
	for (n = n->children; n != NULL; n = n->next)
		if (is(n, ns, name))
			return n;
	return NULL;
}

/* The text of an element, trimmed; the caller frees it. */
static char *
text_of(const xmlNode *n)
{
	xmlChar *t = xmlNodeGetContent(n);
	const char *s = (const char *)t, *e;
	char *out;

	if (t == NULL)
		return xstrdup("");
	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		e--;
	out = xstrndup(s, (size_t)(e - s));
	xmlFree(t);
	return out;
}

/* "HTTP/1.1 404 Not Found" -> 404 */
static int
status_code(const xmlNode *n)
{
	char *t = text_of(n);
	const char *sp = strchr(t, ' ');
	int code = sp ? atoi(sp + 1) : 0;

	free(t);
	return code;
}

static xmlDoc *
parse_xml(const struct caldav *c, const char *url, const char *method,
          const struct buf *b, char **why)
{
	xmlParserCtxt *ctx = xmlNewParserCtxt();
	const xmlError *e;
	xmlDoc *doc;

	(void)c;
	if (ctx == NULL) {
		*why = xstrdup("libxml2 could not start");
		return NULL;
	}
	doc = xmlCtxtReadMemory(ctx, b->p ? b->p : "", (int)b->n, url, NULL,
	                        XML_PARSE_NONET | XML_PARSE_NOERROR |
	                            XML_PARSE_NOWARNING);
	if (doc == NULL || xmlDocGetRootElement(doc) == NULL ||
	    !is(xmlDocGetRootElement(doc), NS_DAV, "multistatus")) {
		e = xmlCtxtGetLastError(ctx);
		if (doc == NULL && e != NULL && e->message != NULL)
			*why = xasprintf(
			    "%s: the server's answer to %s is not valid XML "
			    "(line %d: %.*s): the server or a proxy in "
			    "between is broken; nothing was changed",
			    url, method, e->line,
			    (int)strcspn(e->message, "\n"), e->message);
		else
			*why = xasprintf(
			    "%s: the server's answer to %s is not a WebDAV "
			    "multistatus: is the url in conference.ini's "
			    "[server] a CalDAV calendar collection?",
			    url, method);
		xmlFreeDoc(doc);
		xmlFreeParserCtxt(ctx);
		return NULL;
	}
	xmlFreeParserCtxt(ctx);
	return doc;
}

static struct caldav_item *
listing_add(struct caldav_listing *l)
{
	XGROW(l->v, l->n, l->cap);
	memset(&l->v[l->n], 0, sizeof l->v[0]);
	return &l->v[l->n++];
}

void
caldav_listing_free(struct caldav_listing *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].href);
		free(l->v[i].etag);
		free(l->v[i].data);
	}
	free(l->v);
	free(l->sync_token);
	memset(l, 0, sizeof *l);
}

/* Whether an href names the collection itself (PROPFIND lists it). */
static bool
is_collection_href(const struct caldav *c, const char *href)
{
	const char *path = c->url + strlen(c->origin);
	size_t n = strlen(path), m = strlen(href);

	if (strcmp(href, c->url) == 0 || strcmp(href, path) == 0)
		return true;
	return m + 1 == n && strncmp(href, path, m) == 0;
}

/*
 * The responses of a multistatus: each href with its getetag (and
 * calendar-data when asked). A response whose status is 404 is a removed
 * resource (sync-collection); one whose propstat is not 200 has no data.
 */
static void
read_responses(const struct caldav *c, const xmlNode *root,
               struct caldav_listing *out)
{
	const xmlNode *r, *n, *ps, *prop, *e;
	struct caldav_item *it;
	char *href;

	for (r = root->children; r != NULL; r = r->next) {
		if (is(r, NS_DAV, "sync-token")) {
			free(out->sync_token);
			out->sync_token = text_of(r);
			continue;
		}
		if (!is(r, NS_DAV, "response"))
			continue;
		n = child(r, NS_DAV, "href");
		if (n == NULL)
			continue;
		href = text_of(n);
		if (is_collection_href(c, href)) {
			free(href);
			continue;
		}
		it = listing_add(out);
		it->href = href;
		n = child(r, NS_DAV, "status");
		if (n != NULL && status_code(n) == 404) {
			it->removed = true;
			continue;
		}
		for (ps = r->children; ps != NULL; ps = ps->next) {
			if (!is(ps, NS_DAV, "propstat"))
				continue;
			n = child(ps, NS_DAV, "status");
			if (n != NULL && status_code(n) != 200)
				continue;
			prop = child(ps, NS_DAV, "prop");
			if (prop == NULL)
				continue;
			if ((e = child(prop, NS_DAV, "getetag")) != NULL) {
				free(it->etag);
				it->etag = text_of(e);
			}
			if ((e = child(prop, NS_CALDAV, "calendar-data")) !=
			    NULL) {
				xmlChar *t = xmlNodeGetContent(e);
				free(it->data);
				it->data = xstrdup(t ? (const char *)t : "");
				xmlFree(t);
			}
		}
	}
}

static bool
multistatus(struct caldav *c, const char *method, const char *url,
            const char *depth, const char *body, struct response *r, char **why)
{
	const char *headers[] = {"Content-Type: application/xml; charset=utf-8",
	                         depth, NULL};

	return caldav_request(c, method, url, headers, body, strlen(body), r,
	                      why);
}

static const char SYNC_BODY[] =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    "<D:sync-collection xmlns:D=\"DAV:\"><D:sync-token>%s</D:sync-token>"
    "<D:sync-level>1</D:sync-level><D:prop><D:getetag/></D:prop>"
    "</D:sync-collection>\n";

static const char PROPFIND_BODY[] =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    "<D:propfind xmlns:D=\"DAV:\"><D:prop><D:getetag/>"
    "<D:resourcetype/></D:prop></D:propfind>\n";

/* Escapes &, < and > for an XML text node; the caller frees it. */
static char *
xml_escape(const char *s)
{
	struct buf b = {0};

	caldav_buf_str(&b, "");
	for (; *s; s++) {
		if (*s == '&')
			caldav_buf_str(&b, "&amp;");
		else if (*s == '<')
			caldav_buf_str(&b, "&lt;");
		else if (*s == '>')
			caldav_buf_str(&b, "&gt;");
		else
			caldav_buf_add(&b, s, 1);
	}
	return b.p;
}

/* 0: listed; 1: the server has no sync-collection or refused the
 * token; -1: failed (*why). */
static int
list_sync(struct caldav *c, const char *token, struct caldav_listing *out,
          char **why)
{
	struct response r;
	char *esc = xml_escape(token ? token : ""), *body;
	xmlDoc *doc;
	bool ok;

	body = xasprintf(SYNC_BODY, esc);
	free(esc);
	ok = multistatus(c, "REPORT", c->url, "Depth: 1", body, &r, why);
	free(body);
	if (!ok)
		return -1;
	if (r.status != 207) {
		/* 403/409 with valid-sync-token: the token expired; 400,
		 * 403, 405, 415, 501: no sync-collection here */
		if (r.status == 400 || r.status == 403 || r.status == 405 ||
		    r.status == 409 || r.status == 412 || r.status == 415 ||
		    r.status == 501) {
			caldav_response_clear(&r);
			return 1;
		}
		*why = caldav_status_why(c, c->url, "REPORT", r.status);
		caldav_response_clear(&r);
		return -1;
	}
	doc = parse_xml(c, c->url, "REPORT", &r.body, why);
	caldav_response_clear(&r);
	if (doc == NULL)
		return -1;
	read_responses(c, xmlDocGetRootElement(doc), out);
	xmlFreeDoc(doc);
	out->complete = token == NULL;
	return 0;
}

static bool
list_propfind(struct caldav *c, struct caldav_listing *out, char **why)
{
	struct response r;
	xmlDoc *doc;

	if (!multistatus(c, "PROPFIND", c->url, "Depth: 1", PROPFIND_BODY, &r,
	                 why))
		return false;
	if (r.status != 207) {
		*why = caldav_status_why(c, c->url, "PROPFIND", r.status);
		caldav_response_clear(&r);
		return false;
	}
	doc = parse_xml(c, c->url, "PROPFIND", &r.body, why);
	caldav_response_clear(&r);
	if (doc == NULL)
		return false;
	read_responses(c, xmlDocGetRootElement(doc), out);
	xmlFreeDoc(doc);
	out->complete = true;
	return true;
}

bool
caldav_list(struct caldav *c, const char *token, struct caldav_listing *out,
            char **why)
{
	int rc;

	memset(out, 0, sizeof *out);
	if (token != NULL && *token != '\0') {
		rc = list_sync(c, token, out, why);
		if (rc <= 0)
			return rc == 0;
		caldav_listing_free(out);
	}
	rc = list_sync(c, NULL, out, why);
	if (rc <= 0)
		return rc == 0;
	caldav_listing_free(out);
	return list_propfind(c, out, why);
}

static bool
fetch_batch(struct caldav *c, struct caldav_item **batch, size_t n, char **why)
{
	struct caldav_listing got = {0};
	struct response r;
	struct buf body = {0};
	xmlDoc *doc;
	size_t i, j;
	char *esc;
	bool ok;

	caldav_buf_str(&body, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	                      "<C:calendar-multiget xmlns:D=\"DAV:\" "
	                      "xmlns:C=\"" NS_CALDAV "\"><D:prop><D:getetag/>"
	                      "<C:calendar-data/></D:prop>");
	for (i = 0; i < n; i++) {
		esc = xml_escape(batch[i]->href);
		caldav_buf_str(&body, "<D:href>");
		caldav_buf_str(&body, esc);
		caldav_buf_str(&body, "</D:href>");
		free(esc);
	}
	caldav_buf_str(&body, "</C:calendar-multiget>\n");
	ok = multistatus(c, "REPORT", c->url, "Depth: 1", body.p, &r, why);
	free(body.p);
	if (!ok)
		return false;
	if (r.status != 207) {
		*why = caldav_status_why(c, c->url, "REPORT", r.status);
		caldav_response_clear(&r);
		return false;
	}
	doc = parse_xml(c, c->url, "REPORT", &r.body, why);
	caldav_response_clear(&r);
	if (doc == NULL)
		return false;
	read_responses(c, xmlDocGetRootElement(doc), &got);
	xmlFreeDoc(doc);
	/* Matched by href; n is at most MULTIGET_BATCH. */
	for (i = 0; i < got.n; i++)
		for (j = 0; j < n; j++)
			if (batch[j]->data == NULL && got.v[i].data != NULL &&
			    caldav_href_equal(batch[j]->href, got.v[i].href)) {
				batch[j]->data = got.v[i].data;
				got.v[i].data = NULL;
				if (got.v[i].etag != NULL) {
					free(batch[j]->etag);
					batch[j]->etag = got.v[i].etag;
					got.v[i].etag = NULL;
				}
				break;
			}
	caldav_listing_free(&got);
	return true;
}

bool
caldav_fetch(struct caldav *c, struct caldav_item *items, size_t n, char **why)
{
	struct caldav_item *batch[MULTIGET_BATCH];
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		if (items[i].removed || items[i].data != NULL)
			continue;
		batch[k++] = &items[i];
		if (k == MULTIGET_BATCH) {
			if (!fetch_batch(c, batch, k, why))
				return false;
			k = 0;
		}
	}
	return k == 0 || fetch_batch(c, batch, k, why);
}

static void
if_header(char *out, size_t size, const char *if_match)
{
	if (if_match == NULL)
		snprintf(out, size, "If-None-Match: *");
	else
		snprintf(out, size, "If-Match: %s", if_match);
}

/* A client error about one resource is that resource's; a server
 * error, or being unauthenticated, is everything's. */
static enum caldav_result
refused_or_failed(long status)
{
	return status >= 400 && status < 500 && status != 401 && status != 407
	           ? CALDAV_REFUSED
	           : CALDAV_FAILED;
}

enum caldav_result
caldav_put(struct caldav *c, const char *href, const char *data, size_t len,
           const char *if_match, char **etag, char **why)
{
	char cond[512];
	const char *headers[] = {"Content-Type: text/calendar; charset=utf-8",
	                         cond, NULL};
	char *url = caldav_url_of(c, href);
	struct response r;
	enum caldav_result res;

	if (etag != NULL)
		*etag = NULL;
	if_header(cond, sizeof cond, if_match);
	if (if_match != NULL && *if_match == '\0')
		headers[1] = NULL; /* CALDAV_UNCONDITIONAL */
	if (!caldav_request(c, "PUT", url, headers, data, len, &r, why)) {
		free(url);
		return CALDAV_FAILED;
	}
	if (r.status >= 200 && r.status < 300) {
		res = CALDAV_DONE;
		if (etag != NULL) {
			*etag = r.etag;
			r.etag = NULL;
		}
	} else if (r.status == 412) {
		res = CALDAV_CHANGED;
	} else {
		*why = caldav_status_why(c, url, "PUT", r.status);
		res = refused_or_failed(r.status);
	}
	caldav_response_clear(&r);
	free(url);
	return res;
}

enum caldav_result
caldav_delete(struct caldav *c, const char *href, const char *if_match,
              char **why)
{
	char cond[512];
	const char *headers[] = {cond, NULL};
	char *url = caldav_url_of(c, href);
	struct response r;
	enum caldav_result res;

	if (if_match != NULL)
		if_header(cond, sizeof cond, if_match);
	else
		headers[0] = NULL;
	if (!caldav_request(c, "DELETE", url, headers, NULL, 0, &r, why)) {
		free(url);
		return CALDAV_FAILED;
	}
	if (r.status >= 200 && r.status < 300)
		res = CALDAV_DONE;
	else if (r.status == 412)
		res = CALDAV_CHANGED;
	else if (r.status == 404)
		res = CALDAV_GONE;
	else {
		*why = caldav_status_why(c, url, "DELETE", r.status);
		res = refused_or_failed(r.status);
	}
	caldav_response_clear(&r);
	free(url);
	return res;
}

/* The collection holding `url` (which ends in '/'), ending in '/'; NULL
 * when url is the server's root. The caller frees it. */
static char *
parent_of(const struct caldav *c, const char *url)
{
	size_t origin = strlen(c->origin), n = strlen(url);

	if (strncmp(url, c->origin, origin) != 0 || n <= origin + 1)
		return NULL;
	n--; /* past the final '/' */
	while (n > origin && url[n - 1] != '/')
		n--;
	if (n <= origin + 1)
		return NULL; /* the parent is the root */
	return xstrndup(url, n);
}

/* "https://host:port/USER/NAME/": where a server like Radicale gives each
 * user a collection of their own, for the advice. The caller frees it. */
static char *
own_collection(const struct caldav *c, const char *url)
{
	size_t n = strlen(url);
	const char *name;

	if (n > 0 && url[n - 1] == '/')
		n--;
	name = url + n;
	while (name > url && name[-1] != '/')
		name--;
	return xasprintf("%s/%s/%.*s/", c->origin, c->user ? c->user : "USER",
	                 (int)(url + n - name), name);
}

/*
 * Makes the plain collection `url` (MKCOL) and, when the server answers
 * that its own parent is missing too (409 Conflict, RFC 4918 9.3.1), that
 * parent first, and so on up. Each collection made is added to *made.
 * `calendar` is the calendar collection this is for (for the message).
 */
static bool
make_parent(struct caldav *c, const char *url, const char *calendar,
            struct strlist *made, char **why)
{
	struct response r;
	char *up, *own;
	bool ok;

	if (!caldav_request(c, "MKCOL", url, NULL, NULL, 0, &r, why))
		return false;
	if (r.status == 409 && (up = parent_of(c, url)) != NULL) {
		caldav_response_clear(&r);
		ok = make_parent(c, up, calendar, made, why);
		free(up);
		if (!ok)
			return false;
		if (!caldav_request(c, "MKCOL", url, NULL, NULL, 0, &r, why))
			return false;
	}
	ok = r.status == 201 || r.status == 405;
	if (r.status == 201) {
		strlist_add(made, url);
	} else if (ok) {
		/* 405: it exists already (RFC 4918 9.3.1) */
	} else if (r.status == 401 || r.status == 507 || r.status >= 500) {
		*why = caldav_status_why(c, url, "MKCOL", r.status);
	} else {
		own = own_collection(c, calendar);
		*why = xasprintf(
		    "%s: the collection %s that is to hold the calendar does "
		    "not exist on the server (MKCALENDAR: 409 Conflict), and "
		    "the server did not let '%s' make it (MKCOL: HTTP %ld): "
		    "ask its administrator to make %s and give the team the "
		    "right to make calendars in it (on Radicale, a rights "
		    "rule with permissions RrWw: see the README), or put the "
		    "url in conference.ini's [server] under a collection that "
		    "exists, such as your own (on Radicale, %s)",
		    calendar, url, c->user ? c->user : "", r.status, url, own);
		free(own);
	}
	caldav_response_clear(&r);
	return ok;
}

/* A sentence for MKCALENDAR's refusal (RFC 4791 5.3.1). */
static char *
mkcalendar_why(const struct caldav *c, const char *url, long status)
{
	char *own, *why;

	switch (status) {
	case 403:
		own = own_collection(c, url);
		why = xasprintf(
		    "%s: the server does not let '%s' make a calendar there "
		    "(MKCALENDAR: 403 Forbidden; the collection above it may "
		    "be a calendar itself, or closed to you): ask its "
		    "administrator for the right to make calendars there, or "
		    "put the url in conference.ini's [server] under a "
		    "collection of your own (on Radicale, %s)",
		    url, c->user ? c->user : "", own);
		free(own);
		return why;
	case 405:
	case 501:
		return xasprintf("%s: the server does not make calendars "
		                 "(MKCALENDAR: HTTP %ld): make the calendar "
		                 "in the server's own web page or another "
		                 "calendar client, then sync without --create",
		                 url, status);
	case 409:
		return xasprintf("%s: the server could not make the calendar "
		                 "there (MKCALENDAR: 409 Conflict) although "
		                 "the collection above it exists: is that "
		                 "collection a calendar, or an address book? "
		                 "Put the url in conference.ini's [server] "
		                 "under a plain collection",
		                 url);
	case 400:
	case 415:
	case 422:
		return xasprintf("%s: the server did not accept dais's "
		                 "MKCALENDAR request (HTTP %ld): make the "
		                 "calendar in the server's own web page or "
		                 "another calendar client, then sync without "
		                 "--create",
		                 url, status);
	default:
		return caldav_status_why(c, url, "MKCALENDAR", status);
	}
}

static bool
mkcalendar(struct caldav *c, const char *url, const char *body, long *status,
           char **why)
{
	struct response r;
	bool ok = multistatus(c, "MKCALENDAR", url, "Depth: 0", body, &r, why);

	*status = r.status;
	caldav_response_clear(&r);
	return ok;
}

bool
caldav_make_collection(struct caldav *c, const char *url, const char *name,
                       bool *made, struct strlist *parents_made, char **why)
{
	char *u = caldav_with_slash(url), *esc, *body, *up;
	struct strlist ignored = {0};
	struct response r;
	long status = 0;
	bool ok;

	*made = false;
	if (parents_made == NULL)
		parents_made = &ignored;
	ok = multistatus(c, "PROPFIND", u, "Depth: 0", PROPFIND_BODY, &r, why);
	if (ok && r.status == 207) {
		caldav_response_clear(&r);
		free(u);
		return true;
	}
	if (ok && r.status != 404) {
		*why = caldav_status_why(c, u, "PROPFIND", r.status);
		ok = false;
	}
	caldav_response_clear(&r);
	if (!ok) {
		free(u);
		return false;
	}
	esc = xml_escape(name);
	body = xasprintf("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	                 "<C:mkcalendar xmlns:D=\"DAV:\" xmlns:C=\"" NS_CALDAV
	                 "\"><D:set><D:prop><D:displayname>%s</D:displayname>"
	                 "</D:prop></D:set></C:mkcalendar>\n",
	                 esc);
	free(esc);
	ok = mkcalendar(c, u, body, &status, why);
	/* 409: a collection above it is missing (RFC 4791 5.3.1). An
	 * organiser who asked for --create expects the calendar made, so
	 * make what must hold it, as `mkdir -p` would, and say so. */
	if (ok && status == 409 && (up = parent_of(c, u)) != NULL) {
		size_t before = parents_made->n;

		ok = make_parent(c, up, u, parents_made, why);
		free(up);
		if (ok && parents_made->n > before)
			ok = mkcalendar(c, u, body, &status, why);
		else if (ok)
			status = 409; /* it was there: the 409 is for another
			                 reason */
	}
	free(body);
	if (ok && status != 201) {
		*why = mkcalendar_why(c, u, status);
		ok = false;
	}
	*made = ok;
	strlist_clear(&ignored);
	free(u);
	return ok;
}
