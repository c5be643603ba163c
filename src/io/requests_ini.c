/*
 * requests_ini.c: requests.ini, the bilateral requests (requests.h), read
 * with the registries' INI reader and checked against the programme's
 * participants, rooms, kinds and days; and `placed = UID` written back
 * after a schedule run, keeping the rest of the file as people wrote it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "dais/filehash.h"
#include "dais/iniwrite.h"
#include "dais/requests.h"
#include "dais/trim.h"
#include "dais/xalloc.h"
#include "registry_ini.h"

static const char *const request_keys[] = {
    "parties",  "duration",  "earliest", "latest", "priority", "rooms",  "kind",
    "expected", "languages", "title",    "note",   "placed",   "public", NULL,
};

#define PRIORITY_DEFAULT 3

/* `public = yes | no`: whether the meeting is announced. */
static void
request_public(const struct ini_file *f, const struct ini_section *s,
               struct request *r)
{
	char *v = NULL;
	int line;

	if (!ini_get_text(f, s, "public", &v) || v == NULL)
		return;
	if (strcasecmp(v, "yes") == 0 || strcasecmp(v, "true") == 0)
		r->public = true;
	else if (strcasecmp(v, "no") != 0 && strcasecmp(v, "false") != 0) {
		ini_value(f, s, "public", &line);
		ini_error(f, line,
		          "[%s] public = %s: write yes (the meeting is in the "
		          "public programme) or no (the default: a closed "
		          "meeting, in its parties' calendars only)",
		          s->name, v);
	}
	free(v);
}

/* The names of every participant, for "did you mean". */
static const char **
participant_names(const struct programme *p)
{
	const char **v = xcalloc(p->npeople + 1, sizeof *v);
	size_t i;

	for (i = 0; i < p->npeople; i++)
		v[i] = p->people[i].id;
	return v;
}

static const char **
room_names(const struct programme *p)
{
	const char **v = xcalloc(p->nrooms + 1, sizeof *v);
	size_t i;

	for (i = 0; i < p->nrooms; i++)
		v[i] = p->rooms[i].id;
	return v;
}

/* parties = "kw-interior, tj-interior": each a participant, each once. */
static void
request_parties(const struct programme *p, const struct ini_file *f,
                const struct ini_section *s, struct request *r)
{
	const char **names = participant_names(p), *near;
	const char *v, *at;
	int line;

	if (!ini_require(f, s, "parties")) {
		free(names);
		return;
	}
	v = ini_value(f, s, "parties", &line);
	for (at = v;;) {
		size_t len = strcspn(at, ","), m = len;
		const char *item = trim_blanks(at, &m);
		char *id = xstrndup(item, m);

		if (m == 0)
			;
		else if (strlist_has(&r->parties, id))
			ini_error(f, line,
			          "parties in [%s] names \"%s\" twice: name "
			          "each party once",
			          s->name, id);
		else if (programme_find_participant(p, id) == NULL) {
			near = ini_nearest(id, names);
			if (near != NULL)
				ini_error(
				    f, line,
				    "parties in [%s]: \"%s\" is not a "
				    "participant of participants.ini: did "
				    "you mean \"%s\"?",
				    s->name, id, near);
			else
				ini_error(
				    f, line,
				    "parties in [%s]: \"%s\" is not a "
				    "participant of participants.ini: use "
				    "its id ([ID] there)",
				    s->name, id);
			strlist_add(&r->parties, id); /* one error, not two */
		} else
			strlist_add(&r->parties, id);
		free(id);
		at += len;
		if (*at == '\0')
			break;
		at++;
	}
	if (r->parties.n < 2)
		ini_error(f, line,
		          "parties in [%s] names %zu participant%s: a "
		          "bilateral needs two or more, such as parties = "
		          "\"kw-interior, tj-interior\"",
		          s->name, r->parties.n, r->parties.n == 1 ? "" : "s");
	free(names);
}

static void
request_duration(const struct ini_file *f, const struct ini_section *s,
                 struct request *r)
{
	const char *v, *why;
	int line, minutes;

	if (!ini_require(f, s, "duration"))
		return;
	v = ini_value(f, s, "duration", &line);
	if (!duration_parse(v, &minutes, &why)) {
		ini_error(f, line, "duration = \"%s\" in [%s]: %s", v, s->name,
		          why);
		return;
	}
	if (minutes <= 0 || minutes > 24 * 60) {
		ini_error(f, line,
		          "duration = \"%s\" in [%s]: a meeting needs a length "
		          "above 0 and within a day, such as 30m or 1h15",
		          v, s->name);
		return;
	}
	r->minutes = minutes;
}

/*
 * earliest / latest: "YYYY-MM-DD HH:MM", or a date alone for the start
 * (earliest) or end (latest) of that day's hours. The date must be a
 * conference day.
 */
static bool
request_time(const struct programme *p, const struct ini_file *f,
             const struct ini_section *s, const char *key, bool end,
             dais_time *out)
{
	const struct conference *c = &p->conf;
	const char *v = ini_value(f, s, key, NULL);
	struct dais_date d;
	dais_time t = DAIS_TIME_NONE;
	char *days;
	size_t n;
	int line;

	if (v == NULL || *v == '\0')
		return true;
	ini_value(f, s, key, &line);
	n = strlen(v);
	v = trim_blanks(v, &n);
	if (n == 10) {
		char date[11];

		memcpy(date, v, 10);
		date[10] = '\0';
		if (!date_parse(date, &d)) {
			ini_error(f, line,
			          "%s = \"%s\" in [%s] is not a date: write "
			          "\"YYYY-MM-DD\" or \"YYYY-MM-DD HH:MM\"",
			          key, date, s->name);
			return false;
		}
		t = time_at(&c->zone, d, end ? c->day_end : c->day_start);
	} else if (!ini_get_datetime(f, s, key, &c->zone, &t)) {
		return false;
	} else {
		d = time_local_date(&c->zone, t);
	}
	if (programme_day_of(p, time_at(&c->zone, d, 12 * 60)) < 0) {
		days = programme_days_text(p);
		ini_error(f, line,
		          "%s in [%s] is on %04d-%02d-%02d, which is not a "
		          "conference day (%s): give a time within the "
		          "conference",
		          key, s->name, d.year, d.month, d.day, days);
		free(days);
		return false;
	}
	*out = t;
	return true;
}

static void
request_window(const struct programme *p, const struct ini_file *f,
               const struct ini_section *s, struct request *r)
{
	const struct conference *c = &p->conf;
	/* earliest's date and time, latest's: "2026-11-05 12:00", as the
	 * file writes them */
	char da[DAIS_TIMEBUF], ta[DAIS_TIMEBUF], db[DAIS_TIMEBUF],
	    tb[DAIS_TIMEBUF];
	bool ok;
	int line;

	r->earliest = c->ndays > 0 ? time_at(&c->zone, c->days[0], c->day_start)
	                           : DAIS_TIME_NONE;
	r->latest = c->ndays > 0
	                ? time_at(&c->zone, c->days[c->ndays - 1], c->day_end)
	                : DAIS_TIME_NONE;
	ok = request_time(p, f, s, "earliest", false, &r->earliest);
	ok &= request_time(p, f, s, "latest", true, &r->latest);
	if (!ok || r->earliest == DAIS_TIME_NONE || r->minutes <= 0)
		return;
	ini_value(f, s, ini_key(s, "latest") ? "latest" : "earliest", &line);
	date_fmt_iso(da, time_local_date(&c->zone, r->earliest));
	time_fmt_hm(ta, &c->zone, r->earliest);
	date_fmt_iso(db, time_local_date(&c->zone, r->latest));
	time_fmt_hm(tb, &c->zone, r->latest);
	if (r->latest < r->earliest)
		ini_error(f, line,
		          "[%s]: latest (%s %s) is before earliest (%s %s): "
		          "swap them, or correct one",
		          s->name, db, tb, da, ta);
	else if (r->latest - r->earliest < (dais_time)r->minutes * 60)
		ini_error(f, line,
		          "[%s]: the window %s %s to %s %s is shorter than the "
		          "meeting's %d minutes: widen it, or shorten the "
		          "meeting",
		          s->name, da, ta, db, tb, r->minutes);
}

/* rooms = "bilateral, press", or kind = "BILATERAL". */
static void
request_rooms(const struct programme *p, const struct ini_file *f,
              const struct ini_section *s, struct request *r)
{
	const char **names = room_names(p), *near, *v;
	size_t i;
	int line;

	if (ini_get_list(f, s, "rooms", &r->rooms)) {
		ini_value(f, s, "rooms", &line);
		for (i = 0; i < r->rooms.n; i++) {
			if (programme_find_room(p, r->rooms.v[i]) != NULL)
				continue;
			near = ini_nearest(r->rooms.v[i], names);
			ini_error(f, line,
			          "rooms in [%s]: \"%s\" is not a room of "
			          "venues.ini%s%s%s",
			          s->name, r->rooms.v[i],
			          near ? ": did you mean \""
			               : ": use a [room.ID]"
			                 " id",
			          near ? near : "", near ? "\"?" : "");
		}
	}
	free(names);
	v = ini_value(f, s, "kind", &line);
	if (v != NULL && *v != '\0') {
		bool known = p->conf.kinds.n == 0 ||
		             strlist_has_nocase(&p->conf.kinds, v),
		     served = false;

		for (i = 0; i < p->nrooms; i++) {
			const struct room *room = &p->rooms[i];

			served |= room_serves(room, v);
		}
		if (!known) {
			char *all = strlist_join(&p->conf.kinds, ", ");

			ini_error(f, line,
			          "kind = \"%s\" in [%s] is not a session kind "
			          "of conference.ini (%s)",
			          v, s->name, all);
			free(all);
		} else if (!served)
			ini_error(
			    f, line,
			    "kind = \"%s\" in [%s]: no room of venues.ini "
			    "serves it: add it to a room's kinds, or name "
			    "rooms with rooms = \"...\"",
			    v, s->name);
		if (r->rooms.n > 0)
			ini_warning(f, line,
			            "[%s] gives both rooms and kind: the rooms "
			            "are used, kind is ignored",
			            s->name);
		r->kind = xstrdup(v);
		for (i = 0; r->kind[i] != '\0'; i++)
			if (r->kind[i] >= 'a' && r->kind[i] <= 'z')
				r->kind[i] = (char)(r->kind[i] - 'a' + 'A');
	} else
		r->kind = xstrdup(REQUEST_SESSION_KIND);
}

static bool
request_id(const struct ini_file *f, const struct ini_section *s)
{
	if (ini_is_slug(s->raw))
		return true;
	if (ini_is_slug(s->name))
		ini_error(f, s->line,
		          "[%s] is not an id: ids are lowercase; write [%s]",
		          s->raw, s->name);
	else
		ini_error(f, s->line,
		          "[%s] is not an id: a request's id is lowercase "
		          "letters, digits and '-', such as [kw-tj-interior]",
		          s->raw);
	return false;
}

static void
request_load(const struct programme *p, const struct ini_file *f,
             const struct ini_section *s, struct request_list *out)
{
	struct request *r;

	if (s->again != 0)
		ini_error(f, s->again,
		          "[%s] is a second request with the id of line %d: "
		          "each request is one section with its own id; "
		          "rename one",
		          s->name, s->line);
	if (!request_id(f, s))
		return;
	XGROW(out->v, out->n, out->cap);
	r = &out->v[out->n++];
	memset(r, 0, sizeof *r);
	r->id = xstrdup(s->name);
	r->line = s->line;
	r->priority = PRIORITY_DEFAULT;
	ini_check_keys(f, s, request_keys, NULL);
	request_parties(p, f, s, r);
	request_duration(f, s, r);
	request_window(p, f, s, r);
	ini_get_int(f, s, "priority", 1, 5, &r->priority);
	request_rooms(p, f, s, r);
	ini_get_int(f, s, "expected", 0, 1000000, &r->expected);
	ini_get_languages(f, s, "languages", &r->languages);
	ini_get_text(f, s, "title", &r->title);
	ini_get_text(f, s, "note", &r->note);
	ini_get_text(f, s, "placed", &r->placed);
	request_public(f, s, r);
	if (r->placed != NULL &&
	    programme_find_session(p, r->placed, DAIS_TIME_NONE) < 0) {
		int line;

		ini_value(f, s, "placed", &line);
		ini_warning(f, line,
		            "[%s] was placed as session %s, which is no longer "
		            "in the programme: dais schedule leaves it be; "
		            "remove the placed line to schedule it again",
		            s->name, r->placed);
	}
	r->state = r->placed != NULL ? REQUEST_PLACED : REQUEST_OPEN;
}

bool
requests_load(const struct programme *p, const char *dir,
              struct request_list *out, struct diag_list *diags)
{
	struct ini_file f;
	struct stat st;
	size_t i;

	request_list_clear(out);
	out->path = xasprintf("%s/%s", dir, REQUESTS_FILE);
	if (stat(out->path, &st) != 0 && errno == ENOENT)
		return true;
	out->exists = true;
	/* Before parsing, so a change made during the load shows at save. */
	filehash_path(out->path, &out->file_hash);
	/* A request's id twice is request_load's error, said alone. */
	if (!ini_open_flags(&f, dir, REQUESTS_FILE,
	                    "the bilateral requests: a section [ID] for each",
	                    INI_SECTION_TWICE_IS_CALLERS, diags)) {
		ini_close(&f);
		return false;
	}
	for (i = 0; i < f.nsecs; i++)
		request_load(p, &f, &f.secs[i], out);
	ini_close(&f);
	return true;
}

bool
requests_save_placed(struct request_list *l, char **why)
{
	struct ini_doc *d;
	enum ini_save_result res;
	size_t i;
	bool ok = true;

	*why = NULL;
	d = ini_doc_load(l->path, why);
	if (d == NULL)
		return false;
	ini_doc_expect(d, l->file_hash);
	for (i = 0; i < l->n && ok; i++) {
		const struct request *r = &l->v[i];
		const char *value =
		    r->state == REQUEST_PLACED ? r->placed : NULL;
		char *now = ini_doc_get(d, r->id, "placed");

		if ((now == NULL) != (value == NULL) ||
		    (now != NULL && strcmp(now, value) != 0))
			ok = ini_doc_set(d, r->id, "placed", value, why);
		free(now);
	}
	if (ok && ini_doc_changed(d)) {
		res = ini_doc_save(d, why);
		ok = res == INI_SAVED;
		if (ok)
			l->file_hash = ini_doc_fingerprint(d);
	}
	ini_doc_free(d);
	return ok;
}

bool
requests_mark_synced(const char *dir, const char *const *uids, size_t n,
                     struct strlist *marked, char **why)
{
	char *path = xasprintf("%s/%s", dir, REQUESTS_FILE);
	struct ini_doc *d;
	struct stat st;
	size_t i;
	bool ok = true;

	*why = NULL;
	if (stat(path, &st) != 0 && errno == ENOENT) {
		free(path);
		return true;
	}
	d = ini_doc_load(path, why);
	free(path);
	if (d == NULL)
		return false;
	for (i = 0; i < n && ok; i++) {
		const char *at = strchr(uids[i], '@');
		char *id, *now;

		if (strncmp(uids[i], "request-", 8) != 0 || at == NULL ||
		    at == uids[i] + 8)
			continue;
		id = xstrndup(uids[i] + 8, (size_t)(at - uids[i] - 8));
		/* A placed line already there stays as it is: it may name
		 * another UID (a request placed under an older domain). */
		now = ini_doc_has_section(d, id) ? ini_doc_get(d, id, "placed")
		                                 : xstrdup("(no such request)");
		if (now == NULL) {
			ok = ini_doc_set(d, id, "placed", uids[i], why);
			if (ok && marked != NULL && !strlist_has(marked, id))
				strlist_add(marked, id);
		}
		free(now);
		free(id);
	}
	if (ok && ini_doc_changed(d))
		ok = ini_doc_save(d, why) == INI_SAVED;
	ini_doc_free(d);
	return ok;
}
