/*
 * caldav.h: a programme's CalDAV server (RFC 4791) over HTTP and TLS
 * (libcurl) with WebDAV XML (libxml2): list a calendar collection's
 * resources and their ETags (sync-collection of RFC 6578, else PROPFIND),
 * fetch them (calendar-multiget), put and delete them with preconditions,
 * make a collection. `dais sync`, `dais publish` and the planner use it
 * through caldav_sync.h; nothing here prints or exits.
 *
 * Every *why is a sentence owned by the caller that names the server's URL,
 * says what went wrong in the user's words (the HTTP status, or curl's and
 * libxml2's reason) and what to do about it.
 */
#ifndef DAIS_CALDAV_H
#define DAIS_CALDAV_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "dais/diag.h"
#include "dais/model.h"

/* The [server] section of conference.ini (dais-programme(5)). */
struct caldav_server {
	char *url;         /* the calendar collection, ending in '/' */
	char *user;        /* the user name; the password is never here */
	char *ca_file;     /* trust this CA too (a private server); or NULL */
	char *publish_url; /* the home under which `dais publish` makes its
	                      collections, ending in '/'; or NULL */
};

/*
 * Reads [server] from dir/conference.ini. Returns false when there is no
 * such section (*present false, nothing in diags) or when it is wrong
 * (*present true, an error naming file and line in diags). A value named
 * "password" is refused: passwords belong in ~/.netrc or the environment.
 */
bool caldav_server_read(const char *dir, struct caldav_server *out,
                        bool *present, struct diag_list *diags);
void caldav_server_clear(struct caldav_server *s);

/* Requests made and bytes moved (headers included), for the benchmark. */
struct caldav_stats {
	unsigned long requests;
	unsigned long long sent, received;
};

struct caldav;

/*
 * A client for the server. The password comes from the environment
 * variable DAIS_SERVER_PASSWORD when set, else from ~/.netrc (the machine
 * of the URL and the user). TLS certificates are always verified (with
 * srv->ca_file added when set). DAIS_HTTP_CONNECT_TIMEOUT and
 * DAIS_HTTP_STALL_TIMEOUT (seconds; 10 and 30 by default) bound how long a
 * silent server is waited for. NULL with *why when libcurl cannot start.
 */
struct caldav *caldav_open(const struct caldav_server *srv, char **why);
void caldav_close(struct caldav *c);
/* Seconds to wait for a connection and for a silent server when
 * DAIS_HTTP_CONNECT_TIMEOUT and DAIS_HTTP_STALL_TIMEOUT are not set
 * (0: keep 10 and 30): the planner waits less than `dais sync`. */
void caldav_set_patience(struct caldav *c, long connect, long stall);
/* A request stops (within about a second) once *cancel is true, set by
 * another thread; it then fails saying the sync was stopped. */
void caldav_set_cancel(struct caldav *c, const atomic_bool *cancel);
const struct caldav_stats *caldav_stats(const struct caldav *c);
/* The collection URL this client works on (borrowed). */
const char *caldav_url(const struct caldav *c);
/* Works on another collection of the same server from now on. */
void caldav_set_url(struct caldav *c, const char *url);

/* One resource of the collection. */
struct caldav_item {
	char *href;   /* as the server names it: "/amal/kuwait/x.ics" */
	char *etag;   /* NULL for a removed one */
	bool removed; /* sync-collection: gone since the token */
	char *data;   /* calendar-data, after caldav_fetch; else NULL */
};

struct caldav_listing {
	struct caldav_item *v;
	size_t n, cap;
	char *sync_token; /* NULL when the server offers none */
	/* Every resource is listed (not only the changes since a token):
	 * what is not listed is not on the server. */
	bool complete;
};

void caldav_listing_free(struct caldav_listing *l);

/*
 * Lists the collection: the changes since `token` with sync-collection
 * when token is not NULL and the server takes it; else every resource,
 * with sync-collection and no token, or PROPFIND of getetag when the
 * server has no sync-collection. An expired token is answered with a
 * complete listing. False with *why on any failure.
 */
bool caldav_list(struct caldav *c, const char *token,
                 struct caldav_listing *out, char **why);

/*
 * Fills the data of the items whose data is NULL and that are not
 * removed, with calendar-multiget REPORTs of up to 100 hrefs. An item the
 * server does not return keeps data NULL (gone meanwhile). False with
 * *why when a request fails.
 */
bool caldav_fetch(struct caldav *c, struct caldav_item *items, size_t n,
                  char **why);

enum caldav_result {
	CALDAV_DONE,
	CALDAV_CHANGED, /* 412: the resource is not what if_match said */
	CALDAV_GONE,    /* 404 on DELETE: already deleted */
	/* A 4xx answer about this resource (not 401/407 or 412): the server
	 * will not take it, but may take others; *why says what. */
	CALDAV_REFUSED,
	CALDAV_FAILED, /* anything else: *why says what */
};

/* if_match for a PUT without a precondition (not every server takes
 * "If-Match: *": Radicale answers 412). */
#define CALDAV_UNCONDITIONAL ""

/*
 * PUT data at href: with If-Match: if_match, or If-None-Match: * when
 * if_match is NULL (a new resource), or with neither when it is
 * CALDAV_UNCONDITIONAL. *etag (may be NULL) receives the new
 * ETag when the server gives one (else NULL).
 */
enum caldav_result caldav_put(struct caldav *c, const char *href,
                              const char *data, size_t len,
                              const char *if_match, char **etag, char **why);
/* DELETE href with If-Match: if_match (NULL: unconditionally). */
enum caldav_result caldav_delete(struct caldav *c, const char *href,
                                 const char *if_match, char **why);
/*
 * Makes the calendar collection `url` (MKCALENDAR with a display name)
 * unless it exists. *made says which. When the server answers that a
 * collection above it is missing (409), those are made first (MKCOL), and
 * their URLs added to *parents_made (may be NULL). False, with *why
 * saying what to do, when the server refused.
 */
struct strlist;
bool caldav_make_collection(struct caldav *c, const char *url, const char *name,
                            bool *made, struct strlist *parents_made,
                            char **why);

/* The href dais gives a new resource for `uid` in the collection:
 * the collection's path and the UID, percent-encoded, with ".ics"; for
 * a UID holding '/', '?', '#', '%', '\\' or a space, "dais-HASH.ics"
 * (servers refuse those names even encoded). */
char *caldav_href_for(const struct caldav *c, const char *uid);
/* text (a message, a URL) for people: each %XX run that encodes UTF-8
 * letters (a collection named "Кувейт 2026"), and %20, shown decoded;
 * every other escape kept. The caller frees it. */
char *caldav_shown(const char *text);
/* Whether two hrefs name the same resource (percent-encoding aside:
 * servers encode "@" or not). */
bool caldav_href_equal(const char *a, const char *b);

/* ---- Calendars mirrored onto collections (dais publish) ------------ */

/*
 * DIR/.dais-publish remembers, for each event dais published, its
 * collection, href, a fingerprint of its content (DTSTAMP and SEQUENCE
 * aside) and the SEQUENCE it was published with, so that an event is sent
 * again only when it changed, and then with a higher SEQUENCE, as
 * calendar clients need to replace their copy.
 */
struct caldav_mirror;

struct caldav_mirror_counts {
	size_t collections_made;
	size_t events_new, events_changed, events_deleted, events_same;
	/* The collections made above them because the server said they were
	 * missing (caldav_make_collection): their URLs, for the message.
	 * The caller clears it (strlist_clear). */
	struct strlist parents_made;
};

/* Reads dir/.dais-publish (missing: nothing published yet) for the
 * collections under `base`. NULL with *why when it is garbled. */
struct caldav_mirror *caldav_mirror_open(const char *dir, const char *base,
                                         char **why);
/*
 * Makes collection base + name + "/" (display name `title`) when needed
 * and makes its events those of `calendar` (an iCalendar text whose
 * VEVENTs have distinct UIDs): new and changed ones put (a changed one
 * with SEQUENCE above the last published), those no longer in it deleted.
 * The state is written after each collection. False with *why.
 */
bool caldav_mirror_put(struct caldav_mirror *m, struct caldav *c,
                       const char *name, const char *title,
                       const char *calendar, struct caldav_mirror_counts *n,
                       char **why);
/* The names of collections published before (borrowed), so a caller can
 * empty those it no longer has a calendar for (put with no events). */
size_t caldav_mirror_names(const struct caldav_mirror *m, const char ***names);
void caldav_mirror_close(struct caldav_mirror *m);

#endif
