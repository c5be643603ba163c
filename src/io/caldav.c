/*
 * caldav.c: the HTTP side of a CalDAV server: the client (its URL, user,
 * password, TLS, timeouts), hrefs, and one request through libcurl with
 * every failure turned into a sentence that names the server and says
 * what to do (caldav.h). The WebDAV requests are caldav_dav.c's.
 */
#include <ctype.h>
#include <stdatomic.h>
#include <curl/curl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caldav_http.h"
#include "dais/caldav.h"
#include "dais/filehash.h"
#include "dais/utf8.h"
#include "dais/xalloc.h"

void
caldav_buf_add(struct buf *b, const char *s, size_t n)
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

void
caldav_buf_str(struct buf *b, const char *s)
{
	caldav_buf_add(b, s, strlen(s));
}

void
caldav_response_clear(struct response *r)
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

char *
caldav_with_slash(const char *url)
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
	c->url = caldav_with_slash(srv->url);
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
	c->url = caldav_with_slash(url);
	c->origin = origin_of(c->url);
}

/* The absolute URL of an href (a path, or already a URL). */
char *
caldav_url_of(const struct caldav *c, const char *href)
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
	char hex[4], name[32];

	caldav_buf_str(&b, *path ? path : "/");
	/* A UID with a path or query character, or a space, makes a name
	 * servers refuse even encoded (Radicale 3 answers 403 to %2F):
	 * such a resource is named by a hash of its UID instead (RFC 4791
	 * leaves the name to the client; the UID is in the body). */
	for (u = (const unsigned char *)uid; *u; u++)
		if (*u <= ' ' || *u == 0x7f || strchr("/?#%\\", *u) != NULL)
			break;
	if (*u != '\0') {
		/* FNV-1a: the name is on the server; it must not change. */
		snprintf(
		    name, sizeof name, "dais-%016llx.ics",
		    (unsigned long long)filehash_bytes_fnv(uid, strlen(uid)));
		caldav_buf_str(&b, name);
		return b.p;
	}
	for (u = (const unsigned char *)uid; *u; u++) {
		/* unreserved characters only, as servers write hrefs */
		if (isalnum(*u) || strchr("-._~", *u) != NULL) {
			caldav_buf_add(&b, (const char *)u, 1);
		} else {
			snprintf(hex, sizeof hex, "%%%02X", *u);
			caldav_buf_add(&b, hex, 3);
		}
	}
	caldav_buf_str(&b, ".ics");
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

/* The byte a %XX escape at p stands for; -1 when p holds none (the text
 * ends with NUL, so a cut escape is none). */
static int
percent_byte(const char *p)
{
	int hi, lo;

	if (p[0] == '%' && (hi = hex_digit(p[1])) >= 0 &&
	    (lo = hex_digit(p[2])) >= 0)
		return hi * 16 + lo;
	return -1;
}

/* The next byte of an href, %XX decoded; *s moves past it. */
static int
href_byte(const char **s)
{
	const char *p = *s;
	int b = percent_byte(p);

	if (b >= 0) {
		*s = p + 3;
		return b;
	}
	*s = p + 1;
	return (unsigned char)p[0];
}

char *
caldav_shown(const char *text)
{
	size_t n = strlen(text), i = 0, k, run;
	char *out = xmalloc(n + 1), *o = out, bytes[256];
	int b;

	while (i < n) {
		/* a run of %XX escapes of non-ASCII bytes: shown as the
		 * letters they encode when they are whole UTF-8 */
		run = 0;
		k = i;
		while (run < sizeof bytes &&
		       (b = percent_byte(text + k)) >= 0x80) {
			bytes[run++] = (char)b;
			k += 3;
		}
		if (run > 0 && utf8_valid_prefix(bytes, run) == run) {
			memcpy(o, bytes, run);
			o += run;
			i = k;
		} else if (run > 0) {
			memcpy(o, text + i, k - i);
			o += k - i;
			i = k;
		} else if (percent_byte(text + i) == ' ') {
			*o++ = ' ';
			i += 3;
		} else {
			*o++ = text[i++];
		}
	}
	*o = '\0';
	return out;
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
	caldav_buf_add(b, data, n);
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
char *
caldav_status_why(const struct caldav *c, const char *url, const char *method,
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
bool
caldav_request(struct caldav *c, const char *method, const char *url,
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
	case CURLE_PARTIAL_FILE:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
	case CURLE_BAD_CONTENT_ENCODING:
		*why = xasprintf("%s: the answer to %s was cut off (%s): sync "
		                 "again; nothing half-received is used",
		                 url, method,
		                 *errbuf ? errbuf : curl_easy_strerror(rc));
		break;
	case CURLE_URL_MALFORMAT:
	case CURLE_UNSUPPORTED_PROTOCOL:
		/* syncing again gives the same answer: the address is wrong */
		*why =
		    xasprintf("%s: this is not an address libcurl can use "
		              "(%s): correct the url in conference.ini's "
		              "[server]",
		              url, *errbuf ? errbuf : curl_easy_strerror(rc));
		break;
	default:
		/* not a cut-off transfer: say what libcurl says, no remedy
		 * that may not be one */
		*why = xasprintf("%s: %s could not be done (libcurl: %s); "
		                 "nothing it received is used",
		                 url, method,
		                 *errbuf ? errbuf : curl_easy_strerror(rc));
		break;
	}
	caldav_response_clear(r);
	return false;
}
