/*
 * caldav_config.c: the [server] section of conference.ini: where a team's
 * programme lives on a CalDAV server, and who this organiser is there.
 * Read with the registries' INI reader, so its messages name file and line
 * as theirs do.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "dais/caldav.h"
#include "dais/strbuf.h"
#include "dais/xalloc.h"
#include "registry_ini.h"

static const char *const server_keys[] = {
    "url", "user", "ca-file", "publish-url", NULL,
};

/* A byte that may not stand as itself in a URL (RFC 3986): controls,
 * space, what is not ASCII, and the few ASCII characters URLs exclude. */
static bool
needs_escape(unsigned char c)
{
	return c <= ' ' || c >= 0x7f || strchr("\"<>\\^`{|}", c) != NULL;
}

/*
 * The URL as an organiser copies it from a calendar client, which shows a
 * collection's name as typed ("Кувейт 2026"), made into one libcurl takes:
 * the path's spaces and non-ASCII letters percent-encoded as UTF-8 bytes,
 * an %XX already there kept as it is (so an encoded URL is unchanged), a
 * lone '%' written %25. NULL when the host part holds a space or another
 * character no host name has: that is refused, not guessed.
 */
static char *
url_encoded(const char *url)
{
	const char *host = strstr(url, "://") + 3;
	const char *path = host + strcspn(host, "/?#");
	struct strbuf b = {0};
	const char *p;

	for (p = host; p < path; p++)
		if (*p == ' ' || (unsigned char)*p < ' ' || *p == 0x7f)
			return NULL;
	strbuf_add(&b, url, (size_t)(path - url));
	for (p = path; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '%' && isxdigit((unsigned char)p[1]) &&
		    isxdigit((unsigned char)p[2]))
			strbuf_addc(&b, *p);
		else if (c == '%' || needs_escape(c))
			strbuf_addf(&b, "%%%02X", c);
		else
			strbuf_addc(&b, *p);
	}
	return strbuf_take(&b);
}

static bool
url_ok(const struct ini_file *f, const struct ini_section *s, const char *key,
       char **url)
{
	char *encoded;
	int line;
	size_t n;

	if (*url == NULL)
		return true;
	if (strncmp(*url, "https://", 8) != 0 &&
	    strncmp(*url, "http://", 7) != 0) {
		ini_value(f, s, key, &line);
		ini_error(f, line,
		          "[server] %s '%s' is not an http:// or https:// URL: "
		          "write the calendar collection's full address, e.g. "
		          "https://cal.example.org/dav/amal/kuwait-2026/",
		          key, *url);
		return false;
	}
	encoded = url_encoded(*url);
	if (encoded == NULL) {
		ini_value(f, s, key, &line);
		ini_error(f, line,
		          "[server] %s '%s': the server's name holds a space "
		          "or a control character: write the address as the "
		          "calendar client shows it, "
		          "e.g. https://cal.example.org/dav/amal/kuwait-2026/",
		          key, *url);
		return false;
	}
	free(*url);
	*url = encoded;
	n = strlen(*url);
	if ((*url)[n - 1] != '/') {
		char *with = xasprintf("%s/", *url);
		free(*url);
		*url = with;
	}
	return true;
}

bool
caldav_server_read(const char *dir, struct caldav_server *out, bool *present,
                   struct diag_list *diags)
{
	const struct ini_section *s;
	struct ini_file f;
	bool ok = true;
	int line;

	memset(out, 0, sizeof *out);
	*present = false;
	if (!ini_open(&f, dir, "conference.ini", "the conference", diags)) {
		ini_close(&f);
		*present = true;
		return false;
	}
	s = ini_section(&f, "server");
	if (s == NULL) {
		ini_close(&f);
		return false;
	}
	*present = true;
	if (ini_key(s, "password") != NULL) {
		ini_value(&f, s, "password", &line);
		ini_error(&f, line,
		          "a password does not belong in a programme file, "
		          "which the team shares: delete the line and put it "
		          "in ~/.netrc ('machine HOST login USER password "
		          "...') or in DAIS_SERVER_PASSWORD");
		ok = false;
	}
	ini_check_keys(&f, s, server_keys, NULL);
	ok &= ini_require(&f, s, "url");
	ok &= ini_get_text(&f, s, "url", &out->url);
	ok &= ini_get_text(&f, s, "user", &out->user);
	ok &= ini_get_text(&f, s, "ca-file", &out->ca_file);
	ok &= ini_get_text(&f, s, "publish-url", &out->publish_url);
	ok &= url_ok(&f, s, "url", &out->url);
	ok &= url_ok(&f, s, "publish-url", &out->publish_url);
	if (ok && out->ca_file != NULL && out->ca_file[0] != '/') {
		/* relative to the programme, as the .ics files are */
		char *abs = xasprintf("%s/%s", dir, out->ca_file);
		free(out->ca_file);
		out->ca_file = abs;
	}
	ini_close(&f);
	if (!ok || out->url == NULL) {
		caldav_server_clear(out);
		return false;
	}
	return true;
}

void
caldav_server_clear(struct caldav_server *s)
{
	free(s->url);
	free(s->user);
	free(s->ca_file);
	free(s->publish_url);
	memset(s, 0, sizeof *s);
}
