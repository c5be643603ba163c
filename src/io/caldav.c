/*
 * caldav.c: the HTTP side of a CalDAV server: requests through libcurl,
 * multistatus answers through libxml2, and every failure turned into a
 * sentence that names the server and says what to do (caldav.h).
 */
#include <ctype.h>
#include <stdatomic.h>
#include <curl/curl.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dais/caldav.h"
#include "dais/xalloc.h"

#define NS_DAV    "DAV:"
#define NS_CALDAV "urn:ietf:params:xml:ns:caldav"

/* An answer larger than this is refused rather than held in memory: a
 * programme of 10 000 sessions lists in a few megabytes. */
#define MAX_BODY (512u * 1024 * 1024)
/* hrefs per calendar-multiget */
#define MULTIGET_BATCH 100

struct caldav {
	CURL *curl;
	char *url;    /* the collection, ending in '/' */
	char *origin; /* "https://host:port", for hrefs that are paths */
	char *user;
	char *password; /* from the environment, or NULL for ~/.netrc */
	char *ca_file;
	long connect_timeout, stall_timeout;
	const atomic_bool *cancel; /* set by another thread: stop */
	struct caldav_stats stats;
};

struct buf {
	char *p;
	size_t n, cap;
	bool too_big;
};

struct response {
	long status;
	struct buf body;
	char *etag;
};

static void
buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		while (b->n + n + 1 > b->cap)
			b->cap = b->cap ? b->cap * 2 : 4096;
		b->p = xreallocarray(b->p, b->cap, 1);
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

static void
buf_str(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

static void
response_clear(struct response *r)
{
	free(r->body.p);
	free(r->etag);
	memset(r, 0, sizeof *r);
}

static long
env_seconds(const char *name, long fallback)
{
	const char *v = getenv(name);
	char *end;
	long n;

	if (v == NULL || *v == '\0')
		return fallback;
	n = strtol(v, &end, 10);
	return (*end == '\0' && n > 0 && n < 86400) ? n : fallback;
}

static char *
with_slash(const char *url)
{
	size_t n = strlen(url);

	return (n > 0 && url[n - 1] == '/') ? xstrdup(url)
	                                    : xasprintf("%s/", url);
}

/* "https://host:port" of a URL (everything before the path). */
static char *
origin_of(const char *url)
{
	const char *p = strstr(url, "://");

	if (p == NULL)
		return xstrdup("");
	p = strchr(p + 3, '/');
	return p == NULL ? xstrdup(url) : xstrndup(url, (size_t)(p - url));
}

struct caldav *
caldav_open(const struct caldav_server *srv, char **why)
{
	static bool started;
	struct caldav *c;
	const char *pw;

	if (!started) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
			*why = xstrdup("libcurl could not start (its TLS "
			               "library failed to initialise)");
			return NULL;
		}
		started = true;
	}
	c = xcalloc(1, sizeof *c);
	c->curl = curl_easy_init();
	if (c->curl == NULL) {
		free(c);
		*why = xstrdup("libcurl could not start");
		return NULL;
	}
	c->url = with_slash(srv->url);
	c->origin = origin_of(c->url);
	c->user = xstrdup(srv->user);
	c->ca_file = xstrdup(srv->ca_file);
	pw = getenv("DAIS_SERVER_PASSWORD");
	c->password = (pw != NULL && *pw != '\0') ? xstrdup(pw) : NULL;
	c->connect_timeout = env_seconds("DAIS_HTTP_CONNECT_TIMEOUT", 10);
	c->stall_timeout = env_seconds("DAIS_HTTP_STALL_TIMEOUT", 30);
	return c;
}

void
caldav_set_patience(struct caldav *c, long connect, long stall)
{
	if (connect > 0)
		c->connect_timeout =
		    env_seconds("DAIS_HTTP_CONNECT_TIMEOUT", connect);
	if (stall > 0)
		c->stall_timeout =
		    env_seconds("DAIS_HTTP_STALL_TIMEOUT", stall);
}

void
caldav_set_cancel(struct caldav *c, const atomic_bool *cancel)
{
	c->cancel = cancel;
}

/* curl calls it about once a second even while nothing comes: a
 * non-zero answer stops the transfer. */
static int
on_progress(void *arg, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
            curl_off_t ulnow)
{
	const struct caldav *c = arg;

	(void)dltotal, (void)dlnow, (void)ultotal, (void)ulnow;
	return c->cancel != NULL && atomic_load(c->cancel);
}

void
caldav_close(struct caldav *c)
{
	if (c == NULL)
		return;
	curl_easy_cleanup(c->curl);
	free(c->url);
	free(c->origin);
	free(c->user);
	if (c->password != NULL) {
		/* not left in freed memory for a core dump to show */
		memset(c->password, 0, strlen(c->password));
		free(c->password);
	}
	free(c->ca_file);
	free(c);
}

const struct caldav_stats *
caldav_stats(const struct caldav *c)
{
	return &c->stats;
}

const char *
caldav_url(const struct caldav *c)
{
	return c->url;
}

void
caldav_set_url(struct caldav *c, const char *url)
{
	free(c->url);
	free(c->origin);
	c->url = with_slash(url);
	c->origin = origin_of(c->url);
}

/* The absolute URL of an href (a path, or already a URL). */
static char *
url_of(const struct caldav *c, const char *href)
{
	if (strstr(href, "://") != NULL)
		return xstrdup(href);
	if (href[0] == '/')
		return xasprintf("%s%s", c->origin, href);
	return xasprintf("%s%s", c->url, href);
}

char *
caldav_href_for(const struct caldav *c, const char *uid)
{
	const char *path = c->url + strlen(c->origin);
	struct buf b = {0};
	const unsigned char *u;
	char hex[4];

	buf_str(&b, *path ? path : "/");
	for (u = (const unsigned char *)uid; *u; u++) {
		/* unreserved characters only, as servers write hrefs */
		if (isalnum(*u) || strchr("-._~", *u) != NULL) {
			buf_add(&b, (const char *)u, 1);
		} else {
			snprintf(hex, sizeof hex, "%%%02X", *u);
			buf_add(&b, hex, 3);
		}
	}
	buf_str(&b, ".ics");
	return b.p;
}

static int
hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)tolower((unsigned char)c);
	return (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
}

/* The next byte of an href, %XX decoded; *s moves past it. */
static int
href_byte(const char **s)
{
	const char *p = *s;
	int hi, lo;

	if (p[0] == '%' && (hi = hex_digit(p[1])) >= 0 &&
	    (lo = hex_digit(p[2])) >= 0) {
		*s = p + 3;
		return hi * 16 + lo;
	}
	*s = p + 1;
	return (unsigned char)p[0];
}

char *
caldav_href_key(const char *href)
{
	char *key = xmalloc(3 * strlen(href) + 1), *o = key;
	int b;

	while (*href) {
		b = href_byte(&href);
		if (b == 0) {
			memcpy(o, "%00", 3);
			o += 3;
		} else {
			*o++ = (char)b;
		}
	}
	*o = '\0';
	return key;
}

bool
caldav_href_equal(const char *a, const char *b)
{
	int x, y;

	while (*a && *b) {
		x = href_byte(&a);
		y = href_byte(&b);
		if (x != y)
			return false;
	}
	return *a == *b;
}

static size_t
on_body(char *data, size_t size, size_t nmemb, void *arg)
{
	struct buf *b = arg;
	size_t n = size * nmemb;

	if (b->n + n > MAX_BODY) {
		b->too_big = true;
		return 0;
	}
	buf_add(b, data, n);
	return n;
}

static size_t
on_header(char *data, size_t size, size_t nmemb, void *arg)
{
	struct response *r = arg;
	size_t n = size * nmemb, i;

	if (n > 5 && strncasecmp(data, "ETag:", 5) == 0) {
		for (i = 5; i < n && (data[i] == ' ' || data[i] == '\t'); i++)
			;
		while (n > i && (data[n - 1] == '\r' || data[n - 1] == '\n' ||
		                 data[n - 1] == ' '))
			n--;
		free(r->etag);
		r->etag = xstrndup(data + i, n - i);
	}
	return size * nmemb;
}

static const char *
login_hint(void)
{
	return "check the user in conference.ini's [server] and the "
	       "password in ~/.netrc or DAIS_SERVER_PASSWORD";
}

/* A sentence for an HTTP status that is not a success. */
static char *
status_why(const struct caldav *c, const char *url, const char *method,
           long status)
{
	switch (status) {
	case 401:
		return xasprintf("%s: the server refused the user name or "
		                 "password of '%s' (401 Unauthorized): %s",
		                 url, c->user ? c->user : "", login_hint());
	case 403:
		return xasprintf("%s: the server does not let '%s' %s here "
		                 "(403 Forbidden): ask its administrator for "
		                 "write access to the collection",
		                 url, c->user ? c->user : "", method);
	case 404:
		return xasprintf(
		    "%s: there is no such calendar collection "
		    "on the server (404 Not Found): check the url "
		    "in conference.ini's [server], or make it with "
		    "'dais sync --create'",
		    url);
	case 405:
	case 501:
		return xasprintf("%s: the server does not take %s here (%ld): "
		                 "is the url in conference.ini's [server] a "
		                 "CalDAV calendar collection?",
		                 url, method, status);
	case 507:
		return xasprintf("%s: the server has no room left (507 "
		                 "Insufficient Storage): ask its administrator "
		                 "for more space, or delete old calendars",
		                 url);
	default:
		if (status >= 500)
			return xasprintf("%s: the server failed on %s (HTTP "
			                 "%ld): try again later, or ask its "
			                 "administrator",
			                 url, method, status);
		return xasprintf("%s: the server refused %s (HTTP %ld)", url,
		                 method, status);
	}
}

/*
 * One HTTP request. False, with *why, when no complete answer came (the
 * server could not be reached, stalled, or cut the answer off); an HTTP
 * error status is an answer (r->status) for the caller to judge.
 */
static bool
request(struct caldav *c, const char *method, const char *url,
        const char *const *headers, const char *body, size_t len,
        struct response *r, char **why)
{
	struct curl_slist *h = NULL;
	char errbuf[CURL_ERROR_SIZE] = "";
	curl_off_t up = 0, down = 0;
	long hsize = 0, rsize = 0;
	CURL *k = c->curl;
	CURLcode rc;
	size_t i;

	memset(r, 0, sizeof *r);
	curl_easy_reset(k);
	if (c->user != NULL && c->password == NULL) {
		/* libcurl 7.88 looks ~/.netrc up for the user of the URL but
		 * not for CURLOPT_USERNAME's (curl issue 10604): so the user
		 * goes into the URL, which the messages never show. */
		CURLU *h = curl_url();
		char *with_user = NULL;
		if (curl_url_set(h, CURLUPART_URL, url, 0) == CURLUE_OK &&
		    curl_url_set(h, CURLUPART_USER, c->user, CURLU_URLENCODE) ==
		        CURLUE_OK &&
		    curl_url_get(h, CURLUPART_URL, &with_user, 0) == CURLUE_OK)
			curl_easy_setopt(k, CURLOPT_URL, with_user);
		else
			curl_easy_setopt(k, CURLOPT_URL, url);
		curl_free(with_user);
		curl_url_cleanup(h);
	} else {
		curl_easy_setopt(k, CURLOPT_URL, url);
	}
	curl_easy_setopt(k, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(k, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(k, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(k, CURLOPT_CONNECTTIMEOUT, c->connect_timeout);
	curl_easy_setopt(k, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(k, CURLOPT_LOW_SPEED_TIME, c->stall_timeout);
	curl_easy_setopt(k, CURLOPT_FAILONERROR, 0L);
	curl_easy_setopt(k, CURLOPT_XFERINFOFUNCTION, on_progress);
	curl_easy_setopt(k, CURLOPT_XFERINFODATA, c);
	curl_easy_setopt(k, CURLOPT_NOPROGRESS, c->cancel != NULL ? 0L : 1L);
	curl_easy_setopt(k, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(k, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(k, CURLOPT_USERAGENT, "dais/" DAIS_VERSION);
	curl_easy_setopt(k, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(k, CURLOPT_SSL_VERIFYHOST, 2L);
	if (c->ca_file != NULL)
		curl_easy_setopt(k, CURLOPT_CAINFO, c->ca_file);
	if (c->password != NULL) {
		if (c->user != NULL)
			curl_easy_setopt(k, CURLOPT_USERNAME, c->user);
		curl_easy_setopt(k, CURLOPT_PASSWORD, c->password);
	} else {
		curl_easy_setopt(k, CURLOPT_NETRC, (long)CURL_NETRC_OPTIONAL);
	}
	curl_easy_setopt(k, CURLOPT_HTTPAUTH, CURLAUTH_BASIC | CURLAUTH_DIGEST);
	curl_easy_setopt(k, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(k, CURLOPT_WRITEDATA, &r->body);
	curl_easy_setopt(k, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(k, CURLOPT_HEADERDATA, r);
	for (i = 0; headers != NULL && headers[i] != NULL; i++)
		h = curl_slist_append(h, headers[i]);
	/* no "Expect: 100-continue" round trip before each PUT */
	h = curl_slist_append(h, "Expect:");
	curl_easy_setopt(k, CURLOPT_HTTPHEADER, h);
	if (body != NULL) {
		curl_easy_setopt(k, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(k, CURLOPT_POSTFIELDSIZE_LARGE,
		                 (curl_off_t)len);
	}
	rc = curl_easy_perform(k);
	curl_slist_free_all(h);
	c->stats.requests++;
	curl_easy_getinfo(k, CURLINFO_SIZE_UPLOAD_T, &up);
	curl_easy_getinfo(k, CURLINFO_SIZE_DOWNLOAD_T, &down);
	curl_easy_getinfo(k, CURLINFO_HEADER_SIZE, &hsize);
	curl_easy_getinfo(k, CURLINFO_REQUEST_SIZE, &rsize);
	c->stats.sent += (unsigned long long)up + (unsigned long long)rsize;
	c->stats.received +=
	    (unsigned long long)down + (unsigned long long)hsize;
	curl_easy_getinfo(k, CURLINFO_RESPONSE_CODE, &r->status);
	if (rc == CURLE_OK)
		return true;
	switch (rc) {
	case CURLE_ABORTED_BY_CALLBACK:
		*why = xasprintf("%s: the sync was stopped before it ended "
		                 "(nothing is lost: the next sync finishes it)",
		                 url);
		break;
	case CURLE_COULDNT_CONNECT:
	case CURLE_COULDNT_RESOLVE_HOST:
		*why =
		    xasprintf("%s: cannot reach the server (%s): check "
		              "that it is running and the url in "
		              "conference.ini's [server], then sync again",
		              url, *errbuf ? errbuf : curl_easy_strerror(rc));
		break;
	case CURLE_OPERATION_TIMEDOUT:
		*why = xasprintf("%s: the server stopped answering %s (%s): "
		                 "sync again later; DAIS_HTTP_STALL_TIMEOUT "
		                 "sets how many seconds to wait (now %ld)",
		                 url, method,
		                 *errbuf ? errbuf : curl_easy_strerror(rc),
		                 c->stall_timeout);
		break;
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_CONNECT_ERROR:
		*why =
		    xasprintf("%s: the server's TLS certificate could not "
		              "be verified (%s): if the server uses a "
		              "private certificate authority, name its "
		              "certificate with ca-file in conference.ini's "
		              "[server]",
		              url, *errbuf ? errbuf : curl_easy_strerror(rc));
		break;
	case CURLE_GOT_NOTHING:
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
		*why = xasprintf("%s: the connection was lost during %s (%s): "
		                 "the server may have stopped; sync again when "
		                 "it is back",
		                 url, method,
		                 *errbuf ? errbuf : curl_easy_strerror(rc));
		break;
	case CURLE_WRITE_ERROR:
		if (r->body.too_big) {
			*why = xasprintf("%s: the server's answer to %s is "
			                 "larger than %u MB; dais stopped "
			                 "reading it",
			                 url, method, MAX_BODY >> 20);
			break;
		}
		/* fall through */
	default:
		*why = xasprintf("%s: the answer to %s was cut off (%s): sync "
		                 "again; nothing half-received is used",
		                 url, method,
		                 *errbuf ? errbuf : curl_easy_strerror(rc));
		break;
	}
	response_clear(r);
	return false;
}

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

	return request(c, method, url, headers, body, strlen(body), r, why);
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

	buf_str(&b, "");
	for (; *s; s++) {
		if (*s == '&')
			buf_str(&b, "&amp;");
		else if (*s == '<')
			buf_str(&b, "&lt;");
		else if (*s == '>')
			buf_str(&b, "&gt;");
		else
			buf_add(&b, s, 1);
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
			response_clear(&r);
			return 1;
		}
		*why = status_why(c, c->url, "REPORT", r.status);
		response_clear(&r);
		return -1;
	}
	doc = parse_xml(c, c->url, "REPORT", &r.body, why);
	response_clear(&r);
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
		*why = status_why(c, c->url, "PROPFIND", r.status);
		response_clear(&r);
		return false;
	}
	doc = parse_xml(c, c->url, "PROPFIND", &r.body, why);
	response_clear(&r);
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

	buf_str(&body, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	               "<C:calendar-multiget xmlns:D=\"DAV:\" "
	               "xmlns:C=\"" NS_CALDAV "\"><D:prop><D:getetag/>"
	               "<C:calendar-data/></D:prop>");
	for (i = 0; i < n; i++) {
		esc = xml_escape(batch[i]->href);
		buf_str(&body, "<D:href>");
		buf_str(&body, esc);
		buf_str(&body, "</D:href>");
		free(esc);
	}
	buf_str(&body, "</C:calendar-multiget>\n");
	ok = multistatus(c, "REPORT", c->url, "Depth: 1", body.p, &r, why);
	free(body.p);
	if (!ok)
		return false;
	if (r.status != 207) {
		*why = status_why(c, c->url, "REPORT", r.status);
		response_clear(&r);
		return false;
	}
	doc = parse_xml(c, c->url, "REPORT", &r.body, why);
	response_clear(&r);
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

enum caldav_result
caldav_put(struct caldav *c, const char *href, const char *data, size_t len,
           const char *if_match, char **etag, char **why)
{
	char cond[512];
	const char *headers[] = {"Content-Type: text/calendar; charset=utf-8",
	                         cond, NULL};
	char *url = url_of(c, href);
	struct response r;
	enum caldav_result res;

	if (etag != NULL)
		*etag = NULL;
	if_header(cond, sizeof cond, if_match);
	if (if_match != NULL && *if_match == '\0')
		headers[1] = NULL; /* CALDAV_UNCONDITIONAL */
	if (!request(c, "PUT", url, headers, data, len, &r, why)) {
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
		*why = status_why(c, url, "PUT", r.status);
		res = CALDAV_FAILED;
	}
	response_clear(&r);
	free(url);
	return res;
}

enum caldav_result
caldav_delete(struct caldav *c, const char *href, const char *if_match,
              char **why)
{
	char cond[512];
	const char *headers[] = {cond, NULL};
	char *url = url_of(c, href);
	struct response r;
	enum caldav_result res;

	if (if_match != NULL)
		if_header(cond, sizeof cond, if_match);
	else
		headers[0] = NULL;
	if (!request(c, "DELETE", url, headers, NULL, 0, &r, why)) {
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
		*why = status_why(c, url, "DELETE", r.status);
		res = CALDAV_FAILED;
	}
	response_clear(&r);
	free(url);
	return res;
}

bool
caldav_make_collection(struct caldav *c, const char *url, const char *name,
                       bool *made, char **why)
{
	char *u = with_slash(url), *esc, *body;
	struct response r;
	bool ok;

	*made = false;
	ok = multistatus(c, "PROPFIND", u, "Depth: 0", PROPFIND_BODY, &r, why);
	if (ok && r.status == 207) {
		response_clear(&r);
		free(u);
		return true;
	}
	if (ok && r.status != 404) {
		*why = status_why(c, u, "PROPFIND", r.status);
		ok = false;
	}
	response_clear(&r);
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
	ok = multistatus(c, "MKCALENDAR", u, "Depth: 0", body, &r, why);
	free(body);
	if (ok && r.status != 201) {
		*why = status_why(c, u, "MKCALENDAR", r.status);
		ok = false;
	}
	*made = ok;
	response_clear(&r);
	free(u);
	return ok;
}
