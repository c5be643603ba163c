/*
 * caldav_http.h: what caldav.c (the HTTP client) and caldav_dav.c (the
 * WebDAV requests) share: the client's state, a growing buffer, one
 * request and its answer. Private to src/io/caldav*.c.
 */
#ifndef DAIS_IO_CALDAV_HTTP_H
#define DAIS_IO_CALDAV_HTTP_H

#include <curl/curl.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "dais/caldav.h"

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

void caldav_buf_add(struct buf *b, const char *s, size_t n);
void caldav_buf_str(struct buf *b, const char *s);
void caldav_response_clear(struct response *r);

/* url ending in '/'; caller frees. */
char *caldav_with_slash(const char *url);
/* The absolute URL of an href (a path, or already a URL); caller frees. */
char *caldav_url_of(const struct caldav *c, const char *href);
/* A sentence for an HTTP status that is not a success; caller frees. */
char *caldav_status_why(const struct caldav *c, const char *url,
                        const char *method, long status);
/*
 * One request: method on url with the extra headers (NULL-terminated, or
 * NULL) and body (NULL: none). False with *why when no answer came (the
 * server could not be reached, stalled, or cut the answer off); an HTTP
 * error status is an answer (r->status) for the caller to judge.
 */
bool caldav_request(struct caldav *c, const char *method, const char *url,
                    const char *const *headers, const char *body, size_t len,
                    struct response *r, char **why);

#endif
